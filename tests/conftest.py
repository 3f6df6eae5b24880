"""Shared fixtures: every test gets its own store, and the NLP pipeline loads once."""

from __future__ import annotations

import contextlib
import gc
import json
import os
import pty
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimtrack.models import Claim, Cue, DocumentRecord, Source, SourceType, claim_id
from claimtrack.quantities import find_quantities

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "north-korea-ukraine-army.txt"
SHARED_EVAL = ROOT.parent / "shared" / "eval"


@pytest.fixture(autouse=True)
def isolated_store(tmp_path, monkeypatch) -> Path:
    """Point the default store at a temporary file so no test touches data/claims.jsonl."""
    path = tmp_path / "store" / "claims.jsonl"
    monkeypatch.setenv("CLAIMTRACK_STORE", str(path))
    monkeypatch.delenv("CLAIMTRACK_MODEL", raising=False)
    return path


@pytest.fixture(scope="session")
def nlp():
    """The default spaCy pipeline, loaded once; tests needing it skip when none is installed."""
    from claimtrack.errors import ModelError
    from claimtrack.nlp import load_pipeline

    try:
        return load_pipeline()
    except ModelError as exc:  # pragma: no cover - depends on the machine
        pytest.skip(str(exc))


def base_pipeline_or_skip():
    """A fresh pipeline as spaCy loads it (for tests that change it); the test skips when none is installed."""
    from claimtrack.errors import ModelError
    from claimtrack.nlp import load_base_pipeline

    try:
        return load_base_pipeline()
    except ModelError as exc:  # pragma: no cover - depends on the machine
        pytest.skip(str(exc))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


# A tiny article with a known claim at known offsets, for store and CLI tests.
ARTICLE = "Officials estimate that Moscow pays $2000 per soldier. The bridge collapsed on Monday, police said."


def clustering_watched() -> bool:
    """Whether a test can watch or replace the calls claimtrack.clusters makes inside itself: not where it runs
    compiled (setup.py), whose calls go from C function to C function. Tests that do are marked
    ``watches_clustering``, and CI runs them again on the Python source (.ci/run)."""
    from claimtrack.clusters import compiled

    return not compiled()


def collector_states(monkeypatch, module) -> list[bool]:
    """Whether Python's garbage collector was enabled at each call of ``module.document_clusters``, from now on
    (the test skips where clustering runs compiled, see :func:`clustering_watched`)."""
    if not clustering_watched():
        pytest.skip("watches calls inside claimtrack.clusters, compiled here (setup.py); .ci/run runs it as Python")
    seen: list[bool] = []
    clusters_of = module.document_clusters

    def watched(*args, **kwargs):
        seen.append(gc.isenabled())
        return clusters_of(*args, **kwargs)

    monkeypatch.setattr(module, "document_clusters", watched)
    return seen


def make_claim(
    text: str = "Moscow pays $2000 per soldier",
    *,
    doc_id: str = "article",
    document: str = ARTICLE,
    source: str | None = "Officials",
    cue: str | None = "estimate",
    **fields,
) -> Claim:
    """A claim whose offsets really index ``document``, as extraction would write it."""
    start = document.index(text)
    sentence_start = document.rfind(". ", 0, start)
    sentence_start = 0 if sentence_start < 0 else sentence_start + 2
    sentence_end = document.find(".", start + len(text)) + 1 or len(document)
    values = dict(
        id=claim_id(doc_id, start, start + len(text), text),
        doc_id=doc_id,
        start=start,
        end=start + len(text),
        text=text,
        content_spans=[(start, start + len(text))],
        sentence=document[sentence_start:sentence_end],
        sentence_start=sentence_start,
        sentence_end=sentence_end,
        source=_span(Source, document, source, name=source, type=SourceType.anonymous_group) if source else None,
        cue=_span(Cue, document, cue) if cue else None,
        quote="indirect" if (source or cue) else None,
    )
    values["quantities"] = find_quantities(text)
    values.update(fields)
    return Claim(**values)


def _span(model, document: str, text: str, **extra):
    start = document.index(text)
    return model(text=text, start=start, end=start + len(text), **extra)


def assert_offsets_index(text: str, claims) -> None:
    """Every offset of every claim indexes ``text`` exactly, as the record contract promises."""
    for claim in claims:
        assert text[claim.start : claim.end] == claim.text
        assert text[claim.sentence_start : claim.sentence_end] == claim.sentence
        for start, end in claim.content_spans:
            assert claim.start <= start < end <= claim.end
        for span in (claim.source, claim.cue):
            if span is not None:
                assert text[span.start : span.end] == span.text


@pytest.fixture
def sample_claims() -> list[Claim]:
    return [
        make_claim(),
        make_claim("The bridge collapsed on Monday", source="police", cue="said"),
    ]


def write_store(path: Path, claims) -> Path:
    """A store file at ``path`` holding ``claims``, one record a line, as claimtrack writes them."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for claim in claims:
            out.write(json.dumps(claim.model_dump(mode="json")) + "\n")
    return path


@pytest.fixture
def filled_store(isolated_store, sample_claims) -> Path:
    """The isolated store holding :func:`sample_claims`."""
    return write_store(isolated_store, sample_claims)


def extracted_page(runner, path: Path, html: str, store: Path) -> list[Claim]:
    """The claims ``claimtrack extract`` stores into ``store`` from a web page ``html`` saved at ``path``."""
    from claimtrack.cli import app
    from claimtrack.store import ClaimStore

    path.write_text(html, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    return list(ClaimStore(store))


def document_record(doc_id: str, text: str, **record) -> DocumentRecord:
    """The record extract stores for ``text`` as document ``doc_id`` (``record``: its other fields, ``published``...)."""
    import hashlib
    from datetime import UTC, datetime

    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return DocumentRecord(doc_id=doc_id, sha256=digest, extracted_at=datetime.now(UTC), text=text, **record)


def officials_said(doc_id: str, contents: list[str], **record) -> tuple[list[Claim], DocumentRecord]:
    """A document of "Officials said ..." sentences, one for each of ``contents``: its claims, and its record."""
    text = " ".join(f"Officials said {content}." for content in contents)
    document = document_record(doc_id, text, **record)
    claims = [
        make_claim(content, doc_id=doc_id, document=text, source="Officials", cue="said", doc_sha256=document.sha256)
        for content in contents
    ]
    return claims, document


def store_document(path: Path, doc_id: str, text: str, claims, **record) -> list[Claim]:
    """Store ``text`` as document ``doc_id`` with ``claims`` indexing it, as extract would; return the claims stored."""
    from claimtrack.store import ClaimStore

    document = document_record(doc_id, text, **record)
    stored = [claim.model_copy(update={"doc_sha256": document.sha256}) for claim in claims]
    ClaimStore(path).replace_documents({doc_id: stored}, [document])
    return stored


# --------------------------------------------------------------------------- a web server


@contextlib.contextmanager
def http_server(handler) -> Iterator[str]:
    """A threaded web server on 127.0.0.1 (an ephemeral port) answering with ``handler``: its base URL, stopped after."""
    from http.server import ThreadingHTTPServer

    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# --------------------------------------------------------------------------- HTML pages

_VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Element:
    """An element of a parsed page: its tag, attributes, parent and children (elements and text)."""

    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Element | None):
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Element | str] = []

    @property
    def text(self) -> str:
        return "".join(child if isinstance(child, str) else child.text for child in self.children)

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def iter(self):
        """Every element below this one, in document order."""
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Element]:
        return [
            element
            for element in self.iter()
            if (tag is None or element.tag == tag)
            and (cls is None or cls in element.classes)
            and all(element.attrs.get(name.replace("_", "-")) == value for name, value in attrs.items())
        ]

    def ancestors(self):
        element = self.parent
        while element is not None:
            yield element
            element = element.parent


def parse_html(page: str) -> Element:
    """A page parsed by the standard library's html.parser into :class:`Element` s (entities decoded)."""
    from html.parser import HTMLParser

    root = Element("#document", {}, None)

    class Builder(HTMLParser):
        current = root

        def handle_starttag(self, tag, attrs):
            element = Element(tag, dict(attrs), self.current)
            self.current.children.append(element)
            if tag not in _VOID_TAGS:
                self.current = element

        def handle_endtag(self, tag):
            assert self.current.tag == tag, f"</{tag}> closes <{self.current.tag}>: the markup does not nest"
            self.current = self.current.parent

        def handle_data(self, data):
            self.current.children.append(data)

    builder = Builder(convert_charrefs=True)
    builder.feed(page)
    builder.close()
    assert builder.current is root, f"<{builder.current.tag}> is never closed"
    return root


# An article for render tests: nested, shared-source, two-part and unattributed claims.
BRIDGE_ARTICLE = (
    "The mayor said the engineers warned that the bridge was unsafe.\n\n"
    "“It will close,” the council announced. “Repairs take a year.”\n\n"
    "“The ferry,” a spokesman added, “runs every hour.”\n\n"
    "Traffic fell by a third in March."
)


def bridge_claims(document: str = BRIDGE_ARTICLE, doc_id: str = "bridge-story") -> list:
    """Nested, shared-source, two-part and unattributed claims, all indexing ``document``."""
    at = lambda words: (document.index(words), document.index(words) + len(words))  # noqa: E731
    outer = make_claim(
        "the engineers warned that the bridge was unsafe", doc_id=doc_id, document=document, source="The mayor", cue="said"
    )
    return [
        outer,
        make_claim(
            "the bridge was unsafe", doc_id=doc_id, document=document, source="the engineers", cue="warned", parent=outer.id
        ),
        make_claim("It will close", doc_id=doc_id, document=document, source="the council", cue="announced"),
        make_claim("Repairs take a year.", doc_id=doc_id, document=document, source="the council", cue="announced"),
        make_claim(
            "The ferry,” a spokesman added, “runs every hour.",
            doc_id=doc_id,
            document=document,
            source="a spokesman",
            cue="added",
            content_spans=[at("The ferry"), at("runs every hour.")],
        ),
        make_claim("Traffic fell by a third in March.", doc_id=doc_id, document=document, source=None, cue=None),
    ]


def article_of(page):
    return page.find_all("article")[0]


def marked(page) -> dict[str, str]:
    """claim id -> the text of all its marked pieces, checking that exactly one piece carries its anchor."""
    pieces: dict[str, list] = {}
    for element in article_of(page).find_all("mark", cls="ct-claim"):
        pieces.setdefault(element.attrs["data-claim"], []).append(element)
    for key, elements in pieces.items():
        assert [element.attrs.get("id") for element in elements if "id" in element.attrs] == [f"claim-{key}"]
    return {key: "".join(element.text for element in elements) for key, elements in pieces.items()}


def modules_imported_by(commands: list[list[str]], names: tuple[str, ...], setup: str = "") -> list[str]:
    """Which of ``names`` a fresh Python process imports to run ``commands`` (each must succeed), after the
    statements ``setup``.

    What a command imports only shows in a process that has imported nothing
    else: the test process has spaCy and everything else loaded already.
    """
    code = (
        f"{setup}\n"
        "import json, sys\n"
        "from typer.testing import CliRunner\n"
        "from claimtrack.cli import app\n"
        f"for args in {commands!r}:\n"
        "    result = CliRunner().invoke(app, args)\n"
        "    assert result.exit_code == 0, (args, result.output)\n"
        f"print(json.dumps(sorted(name for name in {names!r} if name in sys.modules)))\n"
    )
    return json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)


def run_in_terminal(*args: str, timeout: float = 60, columns: int = 200) -> tuple[int, bytes]:
    """Run ``claimtrack ARGS`` with stdout and stderr on a pseudo-terminal; return (exit code, bytes shown).

    rich decides what to print on ``isatty``, so terminal behaviour needs a
    real terminal, not CliRunner. The store is $CLAIMTRACK_STORE, as set by
    the autouse fixture.
    """
    master, slave = pty.openpty()
    env = {**os.environ, "COLUMNS": str(columns), "LINES": "50", "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "claimtrack", *args], stdin=subprocess.DEVNULL, stdout=slave, stderr=slave, env=env
    )
    os.close(slave)
    shown = bytearray()
    try:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child has exited and closed the terminal
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(master)
    return process.wait(timeout=timeout), bytes(shown)


# --------------------------------------------------------------------------- source normalisation


@pytest.fixture(scope="session")
def normalise():
    """claimtrack.attribution.sources.normalise_sources."""
    from claimtrack.attribution.sources import normalise_sources

    return normalise_sources


@pytest.fixture(scope="session")
def seed_sources(nlp, normalise):
    """Normalise mentions of the seed article, each found by its text inside a context.

    All requested mentions are normalised in one call, in document order, as
    the attribution finder would hand them over.
    """
    text = SEED.read_text(encoding="utf-8")
    doc = nlp(text)

    def run(*mentions: tuple[str, str]):
        spans = []
        for mention, context in mentions:
            start = text.index(context) + context.index(mention)
            spans.append((start, start + len(mention)))
        order = sorted(range(len(spans)), key=lambda i: spans[i])
        results = normalise(doc, [spans[i] for i in order])
        by_index = dict(zip(order, results))
        return [by_index[i] for i in range(len(spans))]

    return run


def normalise_one(nlp, normalise, text: str, mention: str, occurrence: int = 0):
    """Normalise one mention (the ``occurrence``-th match) in a short text."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(mention, start + 1)
    return normalise(nlp(text), [(start, start + len(mention))])[0]


# --------------------------------------------------------------------------- attribution finder


def triples(nlp, text: str) -> list[tuple]:
    """(source, cue, [content pieces]) for every attribution the finder gives for ``text``."""
    from claimtrack.attribution import find_attributions

    out = []
    for attr in find_attributions(nlp(text)):
        source = text[attr.source[0] : attr.source[1]] if attr.source else None
        cue = text[attr.cue[0] : attr.cue[1]] if attr.cue else None
        out.append((source, cue, [text[s:e] for s, e in attr.content]))
    return out


def proposed(nlp, text: str) -> list[tuple]:
    """(rule, [content pieces]) for every proposal of every rule for ``text``, accepted or not."""
    from claimtrack.attribution.finder import propose_all
    from claimtrack.attribution.lexicon import load_lexicon

    return [(p.rule, [text[s:e] for s, e in p.attribution.content]) for p in propose_all(nlp(text), load_lexicon())]


@pytest.fixture
def live_columns(monkeypatch):
    """Let rich read $COLUMNS at each print, as a fresh process does at start.

    The console is made once, when the CLI first prints through it, and rich
    keeps the width $COLUMNS had then: tests that set COLUMNS need it read again.
    """
    from claimtrack.cli.common import stdout

    monkeypatch.setattr(stdout.console, "_width", None)


def reparsed(nlp, text: str, changes: dict[str, tuple[str, str]]):
    """``text`` parsed, then re-headed as a parse the small pipeline sometimes gives.

    ``changes`` maps a word to its new (head word, label), each word being its
    first occurrence; a word that is its own head becomes the root. For rules
    that repair one misparse, whatever the pipeline's version makes of the text.
    """
    from spacy.tokens import Doc

    parsed = nlp(text)
    words = [t.text for t in parsed]
    heads, deps = [t.head.i for t in parsed], [t.dep_ for t in parsed]
    for word, (head, dep) in changes.items():
        heads[words.index(word)], deps[words.index(word)] = words.index(head), dep
    return Doc(
        nlp.vocab,
        words=words,
        spaces=[bool(t.whitespace_) for t in parsed],
        heads=heads,
        deps=deps,
        pos=[t.pos_ for t in parsed],
        tags=[t.tag_ for t in parsed],
        lemmas=[t.lemma_ for t in parsed],
    )
