"""The DuckDB path gives exactly the Python path's rows, byte for byte, for every filter."""

from __future__ import annotations

import io
import itertools
import json
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimtrack import duckquery
from claimtrack.models import Annotation, Source, SourceType, Status, now
from claimtrack.query import ClaimFilter, filter_claims, search_folded
from claimtrack.store import ClaimStore, check_store, dump_record
from conftest import make_claim, modules_imported_by, write_store

DOC = (
    "Officials estimate that Moscow pays $2000 per soldier. "
    "The STRASSE office said the Straße was closed. "
    "İstanbul police said the ferry sank. "
    "The bridge collapsed on Monday, police said. "
    "Reportedly the café burned down. "
    "Nobody saw the ΣΊΣΥΦΟΣ statue fall. "
    "Admins said the path C:\\x01\\new broke. "
    'Hackers said the log read "kind": "amount", "value": null. '
    "Officials said the mayor believes the tax is fair. "
    "The Kremlin\u2019s envoy said Kyiv\u2019s grid failed. "
    "O'Neill said Moscow's offer stands. "
    "Typists said the \u0149 key broke."
)


def _claims():
    named = lambda text, source, name, **kw: make_claim(text, document=DOC, source=source, **kw).model_copy(  # noqa: E731
        update={
            "source": Source(
                text=source,
                start=DOC.index(source),
                end=DOC.index(source) + len(source),
                name=name,
                type=SourceType.anonymous_group,
            )
        }
    )
    return [
        make_claim("Moscow pays $2000 per soldier", document=DOC, source="Officials", cue="estimate"),
        named("the Straße was closed", "The STRASSE office", "strasse office", cue="said"),
        named("the ferry sank", "İstanbul police", "Police", cue="said"),
        make_claim(
            "The bridge collapsed on Monday",
            document=DOC,
            source="police",
            cue="said",
            status=Status.false,
            annotations=[Annotation(at=now(), status=Status.false)],
        ),
        make_claim("the café burned down", document=DOC, source=None, cue="Reportedly", hedged=True),
        make_claim("Nobody saw the ΣΊΣΥΦΟΣ statue fall", document=DOC, source=None, cue=None, doc_id="other"),
        # Checked false once, then verified: its line holds both statuses.
        make_claim(
            "the path C:\\x01\\new broke",
            document=DOC,
            source="Admins",
            cue="said",
            status=Status.verified,
            annotations=[
                Annotation(at=now(), status=Status.false, note="first look"),
                Annotation(at=now(), status=Status.verified),
            ],
        ),
        # The words of a quantity's fields, in a claim that states no number.
        make_claim('the log read "kind": "amount", "value": null', document=DOC, source="Hackers", cue="said"),
        outer := make_claim("the mayor believes the tax is fair", document=DOC, source="Officials", cue="said"),
        make_claim("the tax is fair", document=DOC, source="the mayor", cue="believes", parent=outer.id),
        # A page's curly apostrophes and a typed straight one (--search and --source read them as one).
        named("Kyiv\u2019s grid failed", "The Kremlin\u2019s envoy", "Kremlin\u2019s envoy", cue="said"),
        make_claim("Moscow's offer stands", document=DOC, source="O'Neill", cue="said"),
        # "\u0149" casefolds to "\u02bcn", an apostrophe and an n.
        make_claim("the \u0149 key broke", document=DOC, source="Typists", cue="said"),
    ]


@pytest.fixture
def store(tmp_path):
    """A vouched store (written by claimtrack) with annotations waiting in its journal."""
    store = ClaimStore(tmp_path / "claims.jsonl", fold_bytes=0)
    claims = _claims()
    by_doc = {doc: [c for c in claims if c.doc_id == doc] for doc in ("article", "other")}
    store.replace_documents(by_doc)
    store.annotate(claims[0].id, status=Status.false, note="wrong sum")
    store.annotate(claims[3].id, status=Status.verified)  # was false: --status false must drop it
    store.annotate(claims[5].id, status=Status.disputed, tags=["ß"])
    # The nested claim's line names this journalled claim as its parent.
    store.annotate(claims[8].id, status=Status.misleading)
    assert store.journal.exists() and store.index.vouched()
    return store


FILTERS = [
    ClaimFilter(),
    *(
        ClaimFilter(source=s)
        for s in ("police", "POLICE", "officials", "ss", "strasse", "straße", "i̇stanbul", "istanbul", "", "nobody")
    ),
    *(ClaimFilter(search=s) for s in ("\\x01", 'd\\"s', "SANK", "σίσυφος", "ΣΊΣΥΦΟΣ", "café", "CAFÉ", "x y z")),
    *(ClaimFilter(search=s) for s in ("kyiv's", "KYIV\u2019S", "moscow\u2019s", "moscow's", "'s")),
    *(ClaimFilter(source=s) for s in ("kremlin's", "o\u2019neill", "O'NEILL")),
    *(ClaimFilter(status=s) for s in Status),
    ClaimFilter(doc="other"),
    ClaimFilter(doc="other", status=Status.disputed),  # a document's id with no claim selected
    ClaimFilter(attributed=True),
    ClaimFilter(attributed=False),
    ClaimFilter(has_number=True),
    ClaimFilter(has_number=False),
    ClaimFilter(has_number=True, status=Status.false),
    ClaimFilter(has_number=False, search="amount"),
    *(ClaimFilter(limit=n) for n in (0, 1, 2, 100)),
    ClaimFilter(source="police", status=Status.verified, attributed=True, limit=5),
    ClaimFilter(search="the", doc="article", status=Status.false),
    ClaimFilter(nested=True),
    ClaimFilter(nested=False),
    ClaimFilter(nested=False, source="officials"),
    ClaimFilter(nested=True, source="mayor", attributed=True, limit=1),
    ClaimFilter(nested=True, doc="other"),
    ClaimFilter(repeated=True, repeated_clusters=frozenset()),
]


def _python(store: ClaimStore, selection: ClaimFilter) -> str:
    return "".join(dump_record(claim) + "\n" for claim in filter_claims(store.iter_claims(), selection))


@pytest.mark.parametrize("selection", FILTERS, ids=repr)
def test_duckquery_matches_the_python_path_byte_for_byte(store, tmp_path, selection):
    expected = _python(store, selection)
    through_python = io.StringIO()
    assert duckquery.write_jsonl(store, selection, through_python) == expected.count("\n")
    assert through_python.getvalue() == expected
    path = tmp_path / "out.jsonl"
    with path.open("w", encoding="utf-8") as out:  # DuckDB writes this file itself
        duckquery.write_jsonl(store, selection, out)
    assert path.read_text(encoding="utf-8") == expected


def test_duckquery_every_filter_is_exercised(store):
    # The fixture is only worth something when the filters select different rows.
    results = {_python(store, selection) for selection in FILTERS}
    assert len(results) >= 12


def test_duckquery_only_on_a_store_claimtrack_vouches_for(store, tmp_path):
    assert duckquery.usable(store, min_bytes=0)
    assert not duckquery.usable(store)  # too small to be worth it
    with store.path.open("a", encoding="utf-8") as out:
        out.write("{not json}\n")  # changed by another program: the vouch is gone
    assert not duckquery.usable(store, min_bytes=0)


def test_duckquery_not_on_a_store_vouched_for_by_an_older_schema(store):
    # Its lines are records of that schema: DuckDB would write them unmigrated.
    index = store.index.path
    stat = index.stat()
    header = index.read_bytes()
    assert b'"schema": 4' in header
    index.write_bytes(header.replace(b'"schema": 4', b'"schema": 3', 1))
    os.utime(index, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert not duckquery.usable(store, min_bytes=0)
    index.write_bytes(header)
    os.utime(index, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert duckquery.usable(store, min_bytes=0)


def test_duckquery_check_vouches_for_a_sound_store_written_elsewhere(tmp_path):
    store = ClaimStore(tmp_path / "claims.jsonl")
    store.path.write_text("".join(dump_record(claim) + "\n" for claim in _claims()), encoding="utf-8")
    assert not duckquery.usable(store, min_bytes=0)
    assert check_store(store) == []
    assert duckquery.usable(store, min_bytes=0)


def test_duckquery_check_does_not_vouch_for_lines_written_otherwise(tmp_path):
    # Valid, but not byte for byte as claimtrack writes them (non-ASCII escaped): raw lines would differ.
    store = ClaimStore(write_store(tmp_path / "claims.jsonl", _claims()))
    assert check_store(store) == []
    assert not duckquery.usable(store, min_bytes=0)


def test_duckquery_cli_claims_and_export_use_it_on_a_vouched_store(store, monkeypatch, runner, tmp_path):
    from claimtrack.cli import app

    monkeypatch.setattr(duckquery, "DUCKDB_BYTES", 0)
    used = []
    real = duckquery.write_jsonl
    monkeypatch.setattr(duckquery, "write_jsonl", lambda *a: used.append(a) or real(*a))
    for args in (["claims", "--source", "POLICE"], ["export", "--format", "jsonl", "--source", "POLICE"]):
        result = runner.invoke(app, [*args, "--store", str(store.path)])
        assert result.exit_code == 0, result.output
        assert result.stdout == _python(store, ClaimFilter(source="police"))
    output = tmp_path / "out.jsonl"
    assert runner.invoke(app, ["export", "--format", "jsonl", "--output", str(output), "--store", str(store.path)]).exit_code == 0
    assert output.read_text(encoding="utf-8") == _python(store, ClaimFilter())
    assert len(used) == 3


def test_duckquery_filters_combine_like_the_python_path(store):
    for source, status in itertools.product(("police", "officials", None), (Status.false, Status.verified, None)):
        selection = ClaimFilter(source=source, status=status)
        out = io.StringIO()
        duckquery.write_jsonl(store, selection, out)
        assert out.getvalue() == _python(store, selection)


@pytest.mark.parametrize("doc", [None, "article", "other", "nothing"])
def test_duckquery_sources_match_the_python_path(store, doc):
    from claimtrack.query import summarise_sources

    expected = summarise_sources(filter_claims(store.iter_claims(), ClaimFilter(doc=doc)))
    assert _ordered(duckquery.summarise_sources(store, doc)) == _ordered(expected)


def _ordered(summaries):
    """Every field of each row, lists in the order they are printed (dict equality ignores order)."""
    return [
        (
            s.name,
            s.type,
            s.claims,
            s.documents,
            list(s.mentions.items()),
            list(s.roles),
            list(s.affiliations),
            list(s.names.items()),
        )
        for s in summaries
    ]


def test_duckquery_sources_most_frequent_name_type_roles_and_case_duplicates(tmp_path):
    claims = _claims()
    twins = [
        claims[3].model_copy(update={"id": f"twin{n}", "source": claims[3].source.model_copy(update=update)})
        for n, update in enumerate(
            [
                {"name": "POLICE", "type": None, "role": "spokesman"},
                {"name": "Police", "affiliation": "city"},
                {"name": "police", "role": "chief"},
                {"name": "ss", "role": "spokesman"},
                {"name": "SS"},
                {"name": "Police", "type": SourceType.government, "role": ""},
            ]
        )
    ]
    store = ClaimStore(tmp_path / "claims.jsonl")
    store.replace_documents({"article": [*twins, *claims[:5]]})
    from claimtrack.query import summarise_sources

    expected = summarise_sources(store.iter_claims())
    assert _ordered(duckquery.summarise_sources(store)) == _ordered(expected)
    police = expected[0]
    assert police.name == "Police"  # the spelling most of its claims have (3 of 6)
    assert police.type == "anonymous group"  # 4 of the 5 that give one
    assert list(police.names) == ["POLICE", "Police", "police"]
    assert list(police.roles) == ["spokesman", "chief"] and list(police.affiliations) == ["city"]


def _said(doc_id: str, name: str, mention: str, kind: SourceType = SourceType.person, **source_fields):
    document = f"{mention} said the talks in Geneva failed."
    claim = make_claim("the talks in Geneva failed", doc_id=doc_id, document=document, source=mention, cue="said")
    source = claim.source.model_copy(update={"name": name, "type": kind, **source_fields})
    return claim.model_copy(update={"source": source})


@pytest.mark.parametrize("doc", [None, "b", "d"])
def test_duckquery_sources_fold_names_across_documents_as_the_python_path_does(tmp_path, doc):
    from claimtrack.query import summarise_sources

    by_doc = {
        "a": [_said("a", "Volodymyr Zelensky", "Ukraine's President Zelensky"), _said("a", "Donald Trump", "Mr Trump")],
        "b": [_said("b", "Volodymyr Zelenskyy", "Zelenskyy", role="President"), _said("b", "Donald Trump Jr.", "Trump Jr.")],
        "c": [_said("c", "Zelenskiy", "Zelenskiy"), _said("c", "Kim Jong-un", "Kim Jong-un")],
        "d": [_said("d", "Kim Jong Un", "he"), _said("d", "Kim Yo Jong", "Kim Yo Jong", affiliation="Pyongyang")],
        "e": [_said("e", "Kiev city council", "the Kiev city council", SourceType.government)],
        "f": [_said("f", "Kyiv City Council", "Kyiv City Council", SourceType.government)],
        "g": [_said("g", "Jordan", "Jordan", SourceType.government), _said("g", "Michael Jordan", "Michael Jordan")],
    }
    store = ClaimStore(tmp_path / "claims.jsonl")
    store.replace_documents(by_doc)
    expected = summarise_sources(filter_claims(store.iter_claims(), ClaimFilter(doc=doc)))
    assert _ordered(duckquery.summarise_sources(store, doc)) == _ordered(expected)
    if doc is None:
        rows = {s.name: (s.claims, s.documents, s.type) for s in expected}
        # On a tie the earliest spelling names the row.
        assert rows == {
            "Volodymyr Zelensky": (3, 3, "person"),
            "Kim Jong-un": (2, 2, "person"),
            "Kiev city council": (2, 2, "government"),
            "Jordan": (1, 1, "government"),  # a country is no one's surname
            "Michael Jordan": (1, 1, "person"),
            "Donald Trump": (1, 1, "person"),
            "Donald Trump Jr.": (1, 1, "person"),
            "Kim Yo Jong": (1, 1, "person"),
        }


@pytest.mark.parametrize("odd_id", ["0123456789abcdef", "çà-ürün-ıd", 'say "cheese"', "x" * 300, "ends in a space "])
def test_duckquery_sources_first_seen_is_store_order_whatever_the_ids(tmp_path, odd_id):
    """Two spellings with a claim each: the one the store shows first names the row."""
    from claimtrack.query import summarise_sources

    first = _said("a", "Volodymyr Zelenskyy", "Zelenskyy")
    then = _said("b", "Volodymyr Zelensky", "Zelensky").model_copy(update={"id": odd_id})
    last = _said("c", "Volodymyr Zelensky", "Zelensky")
    store = ClaimStore(tmp_path / "claims.jsonl")
    store.replace_documents({"a": [first], "b": [then], "c": [last.model_copy(update={"source": first.source})]})
    summaries = duckquery.summarise_sources(store)
    assert _ordered(summaries) == _ordered(summarise_sources(store.iter_claims()))
    assert summaries[0].name == "Volodymyr Zelenskyy"


def test_duckquery_sources_keep_store_order_in_a_store_read_on_several_threads(tmp_path, monkeypatch):
    """A store of 50 MB is read in parts, on two threads at once: each new mention of the source still comes
    after those the store showed before it."""
    monkeypatch.setattr(duckquery, "usable_cores", lambda: 2)
    said = _said("a", "Police", "police")
    padded = said.model_copy(update={"text": said.text + " " + "word " * 400})
    path = tmp_path / "claims.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for n in range(20_000):
            source = padded.source.model_copy(update={"text": f"police officer {n // 100}"})
            out.write(dump_record(padded.model_copy(update={"id": f"c{n}", "doc_id": f"d{n // 40}", "source": source})) + "\n")
    assert path.stat().st_size > 48 * 1024 * 1024
    (police,) = duckquery.summarise_sources(ClaimStore(path))
    assert police.claims == 20_000 and police.documents == 500
    assert list(police.mentions.items()) == [(f"police officer {k}", 100) for k in range(200)]


def test_duckquery_queries_start_without_numpy(store):
    """Registering a Python function with DuckDB imports numpy (a tenth of a second of a query's start): a text
    filter registered one to casefold what is not ASCII, which DuckDB now folds itself."""
    at = ["--format", "jsonl", "--store", str(store.path)]
    commands = [
        ["claims", "--status", "false", *at],
        ["claims", "--attributed", "--limit", "2", *at],
        ["clusters", *at],
        ["claims", "--search", "straße", *at],
        ["export", "--source", "police", *at],
    ]
    setup = "import claimtrack.duckquery as duckquery; duckquery.DUCKDB_BYTES = 0"
    assert modules_imported_by(commands, ("duckdb", "numpy"), setup) == ["duckdb"]


def test_duckquery_cli_sources_prints_the_same_rows(store, monkeypatch, runner):
    from claimtrack.cli import app

    args = ["sources", "--format", "jsonl", "--store", str(store.path)]
    expected = runner.invoke(app, args).stdout  # the store is small: the Python path
    monkeypatch.setattr(duckquery, "DUCKDB_BYTES", 0)
    monkeypatch.setattr(
        duckquery, "summarise_sources", lambda *a, real=duckquery.summarise_sources: real(*a) or pytest.fail("empty")
    )
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.stdout == expected and expected.count("\n") >= 4


def test_duckquery_reads_a_line_longer_than_duckdbs_default_limit(tmp_path):
    words = "x" * (3 * 1024 * 1024)
    document = f"Officials said {words}. Police said the bridge collapsed."
    claims = [
        make_claim(words, document=document, cue="said"),
        make_claim("the bridge collapsed", document=document, source="Police", cue="said"),
    ]
    store = ClaimStore(tmp_path / "claims.jsonl")
    store.replace_documents({"article": claims})
    for selection in (ClaimFilter(), ClaimFilter(search="XXX"), ClaimFilter(source="police")):
        out = io.StringIO()
        duckquery.write_jsonl(store, selection, out)
        assert out.getvalue() == _python(store, selection)


def test_duckquery_read_claims_gives_the_python_paths_claims(store):
    for selection in (ClaimFilter(doc="article"), ClaimFilter(nested=True), ClaimFilter(status=Status.false)):
        assert list(duckquery.read_claims(store, selection)) == list(filter_claims(store.iter_claims(), selection))


def _clustered(tmp_path, *, orphans: bool = True) -> ClaimStore:
    """Four documents (two dated, one stored without a date, one not stored), clusters across them: sources that
    casefold alike, a cluster whose founder is gone, a claim with no cluster, and a status waiting in the journal."""
    from conftest import store_document

    path = tmp_path / "claims.jsonl"
    made = {
        doc: [make_claim(text, doc_id=doc, document=DOC, source=source, cue="said") for text, source in pairs]
        for doc, pairs in {
            "wire": [("Moscow pays $2000 per soldier", "Officials"), ("the ferry sank", "İstanbul police")],
            "herald": [("Moscow pays $2000 per soldier", "Admins"), ("the ferry sank", "police")],
            "ledger": [("the Straße was closed", "The STRASSE office"), ("the ferry sank", "Hackers")],
            "post": [
                ("the Straße was closed", "Admins"),
                ("the café burned down", "Hackers"),
                ("The bridge collapsed on Monday", "police"),
            ],
        }.items()
    }
    founder, ferry, cafe = made["wire"][0].id, made["wire"][1].id, made["post"][1].id
    clusters = {"wire": [founder, ferry], "herald": [founder, ferry], "ledger": ["gone", ferry], "post": ["gone", cafe, None]}
    claims = {doc: [c.model_copy(update={"cluster": k}) for c, k in zip(made[doc], clusters[doc])] for doc in made}
    store_document(path, "wire", DOC, claims["wire"], published="2026-03-02")
    store_document(path, "herald", DOC, claims["herald"], published="2026-03-01")
    store_document(path, "ledger", DOC, claims["ledger"])  # no date: first seen is when it was extracted
    # Orphans of a gazette's older text, in the ferry's and the café's clusters: no longer stated there.
    gazette = {ferry: "the ferry sank", cafe: "the café burned down"}
    orphaned = {"orphaned": True, "status": Status.false}
    orphaned_claims = [
        make_claim(text, doc_id="gazette", document=DOC, cue="said").model_copy(update={"cluster": cluster, **orphaned})
        for cluster, text in gazette.items()
    ]
    if orphans:
        store_document(path, "gazette", DOC, orphaned_claims, published="2026-01-01")
    store = ClaimStore(path, fold_bytes=0)
    store.replace_documents({"post": claims["post"]})  # no document record at all
    store.annotate(made["herald"][1].id, status=Status.false)
    assert store.journal.exists() and store.index.vouched()
    return store


@pytest.mark.parametrize("orphans", [True, False])
@pytest.mark.parametrize("min_documents", [1, 2, 3, 4])
def test_duckquery_clusters_match_the_python_path(tmp_path, min_documents, orphans):
    """With orphans, and without (the index knows there are none: their field is not read)."""
    from claimtrack.clusters.summary import summarise_clusters

    store = _clustered(tmp_path, orphans=orphans)
    assert store.index.orphans() == (2 if orphans else 0)
    lookup = store.documents.lookup()
    expected = summarise_clusters(store.iter_claims(), lookup, min_documents=min_documents)
    found = duckquery.summarise_clusters(store, lookup, min_documents=min_documents)
    assert found == expected
    assert [list(s.statuses.items()) for s in found] == [list(s.statuses.items()) for s in expected]
    assert len(expected) == {1: 4, 2: 3, 3: 1, 4: 0}[min_documents]
    ferry = next((s for s in found if s.representative == "the ferry sank"), None)
    if ferry is not None and orphans:  # the gazette's orphan is one of its claims, with its verdict, not a document
        assert len(ferry.claims) == 4 and "gazette" not in ferry.documents and ferry.statuses["false"] == 2
        assert ferry.first_seen == "2026-03-01"


@pytest.mark.parametrize("orphans", [True, False])
def test_duckquery_repeated_clusters_match_the_python_path(tmp_path, orphans):
    from claimtrack.query import with_repeated_clusters

    store = _clustered(tmp_path, orphans=orphans)
    expected = with_repeated_clusters(ClaimFilter(repeated=True), store.iter_claims()).repeated_clusters
    assert duckquery.repeated_clusters(store) == expected and len(expected or ()) == 3


def test_duckquery_cli_clusters_and_repeated_use_it_on_a_vouched_store(tmp_path, monkeypatch, runner):
    from claimtrack.cli import app

    store = _clustered(tmp_path)
    python = {args: runner.invoke(app, [*args, "--store", str(store.path)]).stdout for args in _CLUSTER_COMMANDS}
    monkeypatch.setattr(duckquery, "DUCKDB_BYTES", 0)
    used = []
    for name in ("summarise_clusters", "repeated_clusters"):
        real = getattr(duckquery, name)
        monkeypatch.setattr(duckquery, name, lambda *a, real=real, name=name, **k: used.append(name) or real(*a, **k))
    for args in _CLUSTER_COMMANDS:
        result = runner.invoke(app, [*args, "--store", str(store.path)])
        assert result.exit_code == 0, result.output
        assert result.stdout == python[args] != ""
    assert used == ["summarise_clusters", "summarise_clusters", "repeated_clusters", "repeated_clusters"]


_CLUSTER_COMMANDS = [
    ("clusters", "--format", "jsonl"),
    ("clusters", "--min-documents", "1", "--format", "csv"),
    ("claims", "--repeated", "--format", "jsonl"),
    ("export", "--repeated", "--format", "csv"),
]


@pytest.mark.parametrize("odd_id", ['say "cheese"', "back\\slash", "x" * 300, "abc", "0123456789abcdef"])
def test_duckquery_journalled_ids_of_any_form_still_match(tmp_path, odd_id):
    # Ids written escaped or very long are parsed for; short and long ones are read at their place.
    store = ClaimStore(tmp_path / "claims.jsonl", fold_bytes=0)
    plain = make_claim("Moscow pays $2000 per soldier", document=DOC, source="Officials", cue="estimate")
    odd = make_claim("the ferry sank", document=DOC, source="İstanbul police", cue="said").model_copy(update={"id": odd_id})
    store.replace_documents({"article": [plain, odd]})
    store.annotate(odd_id, status=Status.false)
    store.annotate(plain.id, status=Status.verified)
    for selection in (ClaimFilter(status=Status.false), ClaimFilter(status=Status.verified), ClaimFilter()):
        out = io.StringIO()
        duckquery.write_jsonl(store, selection, out)
        assert out.getvalue() == _python(store, selection)


def test_duckquery_folds_to_ascii_lists_every_character_whose_casefold_holds_ascii():
    # The raw-line test for --source and --search keeps the lines holding one of these: a missing one drops matches.
    # The curly apostrophes fold to ASCII too, and are matched by the test's own pattern wherever a needle has one.
    import sys

    from claimtrack.query import search_folded

    expected = {
        chr(c)
        for c in range(0x80, sys.maxunicode + 1)
        if not 0xD800 <= c < 0xE000 and any(ord(f) < 0x80 for f in search_folded(chr(c)))
    }
    assert set(duckquery.FOLDS_TO_ASCII) == expected - set("\u2018\u2019\u02bc")


def test_duckquery_folds_every_character_as_python_casefolds_it():
    # --source and --search compare casefolded text: DuckDB must fold each character of a line exactly as
    # Python does (a character it folds otherwise is a match lost or a match the Python path does not make).
    import sys

    import duckdb

    from claimtrack.query import search_folded

    every = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000]
    words = ["STRASSE Straße", "ΣΊΣΥΦΟΣ ς", "ﬁnance Ǆ İstanbul", "Kremlin’s ‘aides’ ŉ", "ᏣᎳᎩ ꮳꮃꭹ", "ǰ ΐ ᾳ ᾼ"]
    texts = every + words + ["".join(every[k : k + 40]) for k in range(0, len(every), 37)]
    rows = duckdb.connect().execute(f"SELECT t, {duckquery._folded('t')} FROM (SELECT unnest($texts) AS t)", {"texts": texts})
    wrong = [(text, folded) for text, folded in rows.fetchall() if folded != search_folded(text)]
    assert wrong == []


FOLDING = (
    "The ﬁnance ministry said taxes rise. The Straße office said roads close. "
    "\u212aremlin aides said talks failed. ſtate media said the vote was fair. "
    'Police "Chief" Ann said crime fell. The unit said files vanished. (Police) said the riot ended. '
    "Back\\slash said the path broke."
)


def _folding_store(tmp_path) -> ClaimStore:
    """Sources matched only through a character of FOLDS_TO_ASCII, and names json.dumps writes escaped."""

    def said(source: str, text: str, name: str | None = None) -> object:
        claim = make_claim(text, document=FOLDING, source=source, cue="said")
        return claim.model_copy(update={"source": claim.source.model_copy(update={"name": name or source})})

    claims = [
        said("The ﬁnance ministry", "taxes rise", name="ﬁnance ministry"),
        said("The Straße office", "roads close", name="Straße office"),
        said("\u212aremlin aides", "talks failed"),
        said("ſtate media", "the vote was fair"),
        said('Police "Chief" Ann', "crime fell"),
        said("The unit", "files vanished", name="unit\x01 \u2028 nine"),
        said("(Police)", "the riot ended"),
        said("Back\\slash", "the path broke"),
    ]
    store = ClaimStore(tmp_path / "claims.jsonl")
    store.replace_documents({"article": claims})
    assert store.index.vouched()
    return store


@pytest.mark.parametrize(
    ("needle", "matches"),
    [
        ("finance", 1),  # ﬁ casefolds to fi
        ("FINANCE MIN", 1),
        ("strasse", 1),  # ß to ss
        ("kremlin", 1),  # the Kelvin sign to k
        ("state", 1),  # ſ to s
        ("s", 5),
        ("chief", 1),  # the line has \"Chief\"
        ('police "chief', 1),  # a needle holding what json.dumps escapes is matched on the parsed field
        ("unit\x01", 1),
        ("\u2028 nine", 1),
        ("k\\s", 1),
        ("(police)", 1),  # no pattern syntax
        ("police)", 1),
        ("[", 0),
        ("police", 2),
        (".", 0),
        ("[a-z]", 0),
        ("ministry said", 0),  # across fields of the line, never of a field
    ],
)
def test_duckquery_source_and_search_on_folded_and_escaped_text_match_the_python_path(tmp_path, needle, matches):
    store = _folding_store(tmp_path)
    for selection in (ClaimFilter(source=needle), ClaimFilter(search=needle)):
        out = io.StringIO()
        duckquery.write_jsonl(store, selection, out)
        assert out.getvalue() == _python(store, selection)
    assert _python(store, ClaimFilter(source=needle)).count("\n") == matches


@pytest.mark.parametrize(
    ("cluster", "doc_id", "claim_id"),
    [
        ('say "cheese"', "wire", None),  # written escaped: read by parsing the line
        ("back\\slash", 'the "wire"', None),
        ("", "wire", None),
        ("plain", "back\\slash", 'say "cheese"'),
        ("plain", "wire", "x" * 300),
        ('"}', "wire\u2028", None),
    ],
)
def test_duckquery_repeated_reads_clusters_and_documents_of_any_form(tmp_path, cluster, doc_id, claim_id):
    # Read off the raw line where plainly written, else parsed: the same clusters and rows as the Python path.
    from claimtrack.query import with_repeated_clusters

    def stated(doc: str, text: str, cluster_id: str | None, **update) -> object:
        return make_claim(text, doc_id=doc, document=DOC, source="Officials", cue="said").model_copy(
            update={"cluster": cluster_id, **update}
        )

    first = stated(doc_id, "the ferry sank", cluster, **({"id": claim_id} if claim_id else {}))
    by_doc = {
        doc_id: [first, stated(doc_id, "the café burned down", None)],
        "other": [stated("other", "the ferry sank", cluster), stated("other", "the café burned down", None)],
        "third": [stated("third", "Moscow pays $2000 per soldier", "alone")],
    }
    store = ClaimStore(tmp_path / "claims.jsonl")
    store.replace_documents(by_doc)
    assert store.index.vouched()
    expected = with_repeated_clusters(ClaimFilter(repeated=True), store.iter_claims())
    assert duckquery.repeated_clusters(store) == expected.repeated_clusters == {cluster}
    out = io.StringIO()
    duckquery.write_jsonl(store, expected, out)
    assert out.getvalue() == _python(store, expected) != ""


def test_duckquery_sources_of_escaped_and_folded_names_match_the_python_path(tmp_path):
    # DuckDB's JSON reader decodes the names json.dumps escaped (quote marks, a backslash, a control character).
    from claimtrack.query import summarise_sources

    store = _folding_store(tmp_path)
    expected = summarise_sources(store.iter_claims())
    assert _ordered(duckquery.summarise_sources(store)) == _ordered(expected)
    assert {'Police "Chief" Ann', "Back\\slash", "unit\x01 \u2028 nine"} <= {s.name for s in expected}


def test_duckquery_source_keeps_only_the_folding_characters_a_needle_can_use(tmp_path):
    # "trump" shares no letter with ß or İ: their lines are not parsed for it. ﬅ and ﬆ casefold to "st", which
    # ends in its t; ẗ casefolds to a t with a diaeresis after it, which no "tr" can be.
    candidates = duckquery._candidates_sql(ClaimFilter(source="trump"))
    assert all((c in candidates) == (c in "ﬅﬆ") for c in duckquery.FOLDS_TO_ASCII)
    store = _folding_store(tmp_path)
    for needle in ("fi", "nance", "ss", "t"):
        out = io.StringIO()
        duckquery.write_jsonl(store, ClaimFilter(source=needle), out)
        assert out.getvalue() == _python(store, ClaimFilter(source=needle)) != ""


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ('{"source": {"text": "the Straße-Behörde"}}', False),  # holds ß, and "strasse-behörde" no "reuters"
        ('{"source": {"text": "REUTERS"}}', True),
        ('{"source": {"text": "Reuterß"}}', True),  # "reuterss"
        ('{"source": {"text": "ﬆ. reuterſ"}}', True),
        ('{"source": {"text": "Reuteﬆ"}}', False),  # "reutest"
        ('{"source": {"text": "Reute\\u0072s"}}', False),  # a letter written escaped: JSON never writes one so
    ],
)
def test_duckquery_source_parses_a_line_with_a_folding_character_only_if_folded_it_holds_the_needle(line, kept):
    # On a million claims a tenth of whose sources are "the Straße-Behörde", every such line was parsed for
    # "reuters" (a needle with an s): export --source reuters took 1.66x DuckDB's time.
    import duckdb

    candidates = duckquery._candidates_sql(ClaimFilter(source="reuters"))
    found = duckdb.connect().execute(f"SELECT {candidates} FROM (SELECT $line AS line)", {"line": line}).fetchone()
    assert found == (kept,)


# Letters of needles, and the characters whose casefold holds them: "ß"/"ẞ" ss, "ſ" s, "ﬅ"/"ﬆ" st, "ẗ" t and a
# diaeresis, "ﬃ" ffi, "İ" i and a dot above, the Kelvin sign k.
_SPELLING = "sStTfFiIkK' ßẞſﬅﬆẗﬀﬁﬃİ\u212a\u2019"


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=_SPELLING, max_size=12), needle=st.text(alphabet="stfik' ", min_size=1, max_size=6))
def test_duckquery_source_test_on_the_raw_line_never_drops_a_line_whose_source_holds_the_needle(text, needle):
    # The raw-line test decides which lines are parsed: a line it drops is never matched, whatever its source says.
    import duckdb

    line = json.dumps({"source": {"text": text}}, ensure_ascii=False)
    candidates = duckquery._candidates_sql(ClaimFilter(source=needle))
    kept = duckdb.connect().execute(f"SELECT {candidates} FROM (SELECT $line AS line)", {"line": line}).fetchone()
    if search_folded(needle) in search_folded(text):
        assert kept == (True,)


@pytest.mark.parametrize("prefix", ["art", "article", "o", "nothing", ""])
def test_duckquery_resolves_a_document_id_prefix_as_the_python_path_does(store, monkeypatch, prefix):
    from claimtrack.errors import DocumentNotFoundError

    def resolved() -> str:
        try:
            return duckquery.resolve_document(store, prefix)
        except DocumentNotFoundError as exc:
            return f"Error: {exc}"

    expected = resolved()
    monkeypatch.setattr(duckquery, "DUCKDB_BYTES", 0)
    assert duckquery.usable(store)
    assert resolved() == expected
    assert expected in ("article", "other") or expected.startswith("Error: ")


def test_duckquery_doc_naming_no_document_is_an_error_and_writes_nothing(store):
    from claimtrack.errors import DocumentNotFoundError

    out = io.StringIO()
    with pytest.raises(DocumentNotFoundError, match="nothing"):
        duckquery.write_jsonl(store, ClaimFilter(doc="nothing"), out)
    assert out.getvalue() == ""


def test_duckquery_doc_given_whole_reads_the_store_once(store, monkeypatch, runner):
    """On a store without document records (the benchmark's million claims), finding what --doc names took a
    reading of the whole store before the query's own: an id given whole, as most are, is not looked up."""
    from claimtrack.cli import app

    assert not store.documents.exists()
    monkeypatch.setattr(duckquery, "DUCKDB_BYTES", 0)
    monkeypatch.setattr(duckquery, "_claim_doc_ids", lambda *args: pytest.fail("the store read for document ids"))
    for command in (["claims", "--doc", "other", "--format", "jsonl"], ["export", "--doc", "other", "--format", "jsonl"]):
        result = runner.invoke(app, [*command, "--store", str(store.path)])
        assert result.exit_code == 0, result.output
        assert result.stdout == _python(store, ClaimFilter(doc="other")) and result.stdout
    assert runner.invoke(app, ["sources", "--doc", "article", "--format", "jsonl", "--store", str(store.path)]).stdout


def test_duckquery_cli_doc_prefix_gives_the_python_paths_claims(store, monkeypatch, runner):
    from claimtrack.cli import app

    monkeypatch.setattr(duckquery, "DUCKDB_BYTES", 0)
    result = runner.invoke(app, ["claims", "--doc", "oth", "--format", "jsonl", "--store", str(store.path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == _python(store, ClaimFilter(doc="other")) and result.stdout


def test_duckquery_repeated_claims_come_in_store_order(tmp_path):
    """The clusters' semi-join may be built on the lines' side and give them in the clusters' order: on 300
    copies of the seed's store, each in three documents, with a checked fact in one cluster per copy, the
    checked claims of repeated facts came out of store order (a QA pass: 200,000 claims)."""
    from claimtrack.models import claim_id
    from claimtrack.query import with_repeated_clusters
    from claimtrack.store import parse_record
    from conftest import ROOT

    lines = (ROOT / "data" / "claims.jsonl").read_text(encoding="utf-8").splitlines()
    seed = [parse_record(line, path="seed", line_number=n) for n, line in enumerate(lines, 1)]
    path = tmp_path / "claims.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for copy in range(300):
            for n, claim in enumerate(seed):
                doc_id = f"{claim.doc_id}-{n % 3}-{copy}"
                checked = n in (5, 20, 33)
                update = {"doc_id": doc_id, "id": claim_id(doc_id, claim.start, claim.end, claim.text), "parent": None}
                update |= {"status": Status.false, "cluster": "0c367356c2d8"} if checked else {}
                out.write(dump_record(claim.model_copy(update=update)) + "\n")
    store = ClaimStore(path)
    selection = with_repeated_clusters(ClaimFilter(repeated=True, status=Status.false), store.iter_claims())
    found = io.StringIO()
    assert duckquery.write_jsonl(store, selection, found) == 900
    assert found.getvalue() == _python(store, selection)


@pytest.mark.parametrize("every", [37, 1], ids=["9 journalled", "300 journalled"])
def test_duckquery_text_filters_keep_store_order_with_annotations_journalled(tmp_path, every):
    """DuckDB joins a long list of constants, the journalled ids, and may build the join on the lines' side: on
    300 copies of the seed's store with nine claims' annotations journalled, --source yusov gave its matches out
    of store order unless they were sorted back (which held every match in memory: 1.1 GiB for a million)."""
    from claimtrack.models import claim_id
    from claimtrack.store import parse_record
    from conftest import ROOT

    lines = (ROOT / "data" / "claims.jsonl").read_text(encoding="utf-8").splitlines()
    seed = [parse_record(line, path="seed", line_number=n) for n, line in enumerate(lines, 1)]
    documents = {}
    for copy in range(300):
        doc_id = f"{seed[0].doc_id}-{copy}"
        claims = []
        for n, claim in enumerate(seed):
            # Whether DuckDB turns the join around depends on its estimates: this store's did, and so the test's.
            text = claim.text.replace("North", "Straße North") if n == 7 else claim.text
            update = {"doc_id": doc_id, "text": text, "id": claim_id(doc_id, claim.start, claim.end, text)}
            claims.append(claim.model_copy(update=update | {"parent": None, "cluster": None}))
        documents[doc_id] = claims
    store = ClaimStore(tmp_path / "claims.jsonl", fold_bytes=0)
    store.replace_documents(documents, cluster=False)
    for claims in list(documents.values())[::every]:
        store.annotate(claims[0].id, status=Status.false)
    assert len(store.journal.read()) == len(documents) // every + (len(documents) % every > 0)
    for selection in (ClaimFilter(source="yusov"), ClaimFilter(search="strasse"), ClaimFilter(status=Status.false)):
        found = io.StringIO()
        duckquery.write_jsonl(store, selection, found)
        assert found.getvalue() == _python(store, selection) and found.getvalue()


@pytest.mark.parametrize(
    ("selection", "found"),
    [
        (ClaimFilter(search="kyiv's"), "Kyiv\u2019s grid failed"),
        (ClaimFilter(search="Moscow\u2019s offer"), "Moscow's offer stands"),
        (ClaimFilter(source="kremlin's envoy"), "Kyiv\u2019s grid failed"),
        (ClaimFilter(source="O\u2019Neill"), "Moscow's offer stands"),
        (ClaimFilter(search="e '"), "the \u0149 key broke"),
        (ClaimFilter(search="E \u2019"), "the \u0149 key broke"),
    ],
    ids=repr,
)
def test_duckquery_search_reads_a_curly_apostrophe_as_a_typed_one(store, selection, found):
    """Web pages print "Kyiv’s"; people type "Kyiv's": --search and --source found only the spelling typed."""
    out = io.StringIO()
    duckquery.write_jsonl(store, selection, out)
    assert [json.loads(line)["text"] for line in out.getvalue().splitlines()] == [found]
    assert [claim.text for claim in filter_claims(store.iter_claims(), selection)] == [found]


def test_duckquery_output_file_written_after_by_another_command_keeps_the_claims(store, tmp_path):
    """`{ claimtrack claims ...; echo END; } > file`: DuckDB writes the file through a descriptor of its own, and
    the shell's next write, at the offset it shares with claimtrack's standard output, went over the claims."""
    selection = ClaimFilter(doc="article")
    path = tmp_path / "out.jsonl"
    with path.open("w", encoding="utf-8") as out:  # empty and regular: DuckDB writes it itself
        duckquery.write_jsonl(store, selection, out)
        out.write("END\n")
    assert path.read_text(encoding="utf-8") == _python(store, selection) + "END\n"
