"""One document's claims as a standalone HTML page: the article text with every claim marked.

:func:`load_article` finds a document in a store (by id or unique id prefix)
with the claims that index its stored text; :func:`render_html` turns it into
one HTML file that needs nothing else: the CSS is inline, there is no script,
and a Content-Security-Policy forbids the page from loading anything, so
opening it never touches the network.

The article text is untrusted and is only ever written as escaped text. The
marks are built from a tree of intervals (:func:`nest`): a claim's content
holds the source and cue of a claim nested in it, a source mention may sit
inside another claim's content, and where two spans cross (neither holds the
other) the later one is split at the boundary, so the markup always nests.
"""

from __future__ import annotations

import hashlib
import heapq
import html
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

from .errors import DocumentNotFoundError
from .models import Claim, DocumentRecord, Status, TextSpan
from .query import resolve_doc_id
from .store import ClaimStore

# -- finding the document -----------------------------------------------------


@dataclass(frozen=True)
class Article:
    """A stored document and the claims that index its text, in document order."""

    record: DocumentRecord
    claims: list[Claim]
    # Claims of this document left out: they index an older text, or their
    # offsets do not index this one.
    left_out: int = 0
    # A removed document (``claimtrack remove``): its kept text, with the annotated claims kept as orphans.
    removed: bool = False

    @property
    def title(self) -> str:
        return self.record.title or self.record.doc_id


def load_article(store: ClaimStore, doc_id_prefix: str) -> Article:
    """The document whose id is ``doc_id_prefix`` or starts with it (when only one does), with its claims.

    Orphaned claims of a current document are left out: extraction no longer
    finds them in its text. A removed document (no current text) whose
    annotated claims were kept as orphans is the text they index, with them,
    marked ``removed``. Raises :class:`DocumentNotFoundError` when no
    document or several match, and when the store holds no text to show
    (claims from before texts were kept, or a text lost).
    """
    records = store.documents.current() if store.documents.exists() else {}
    candidates = [claim for claim in store.iter_claims() if claim.doc_id.startswith(doc_id_prefix)]
    doc_id = resolve_doc_id(doc_id_prefix, [*records, *(claim.doc_id for claim in candidates)])
    own = [claim for claim in candidates if claim.doc_id == doc_id]
    record = records.get(doc_id)
    if record is None:
        return _removed_article(store, doc_id, [claim for claim in own if claim.orphaned])
    return _article(record, [claim for claim in own if not claim.orphaned])


def _removed_article(store: ClaimStore, doc_id: str, orphans: list[Claim]) -> Article:
    """A removed document: the latest text its ``orphans`` index, with them."""
    text_of = store.documents.lookup() if store.documents.exists() else lambda claim: None
    texts = [record for record in map(text_of, orphans) if record is not None]
    if texts:
        return _article(max(texts, key=lambda record: record.extracted_at), orphans, removed=True)
    if orphans:
        many = len(orphans)
        count = "1 annotated claim is kept as an orphan" if many == 1 else f"{many} annotated claims are kept as orphans"
        raise DocumentNotFoundError(
            f"document {doc_id!r} was removed and its text is not stored; its {count}: claimtrack claims --doc {doc_id}"
        )
    raise DocumentNotFoundError(f"{store.path} holds no text for document {doc_id!r}: extract it again to render it")


def _article(record: DocumentRecord, claims: list[Claim], *, removed: bool = False) -> Article:
    """``record`` with those of ``claims`` that index its text, in document order."""
    kept = [claim for claim in claims if claim.doc_sha256 in (None, record.sha256) and indexes(record.text, claim)]
    ordered = sorted(kept, key=lambda claim: (claim.start, -claim.end))
    return Article(record, ordered, left_out=len(claims) - len(kept), removed=removed)


def indexes(text: str, claim: Claim) -> bool:
    """Whether every span of ``claim`` indexes ``text`` as the record says."""
    spans: list[TextSpan | None] = [claim.source, claim.cue]
    return (
        text[claim.start : claim.end] == claim.text
        and all(span is None or text[span.start : span.end] == span.text for span in spans)
        and all(claim.start <= start <= end <= claim.end for start, end in claim.content_spans)
    )


# -- the interval tree ------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    """One highlighted span: a claim (``key`` its id), a source or cue mention, or a gap in a claim's content."""

    kind: str  # "claim", "gap", "source" or "cue"
    start: int
    end: int
    key: str
    depth: int = 0  # how deep a claim is nested in other claims' reports; outer marks first on a tie


# On the same extent, a claim holds its gaps, and a gap the source and cue in it.
_RANK = {"claim": 0, "gap": 1, "source": 2, "cue": 3}


@dataclass
class Node:
    """A mark, or a piece of one cut where it crossed another, with the marks inside it."""

    mark: Mark | None  # None for the root, the whole text
    start: int
    end: int
    first: bool = True  # the mark's first piece (carries its anchor)
    last: bool = True  # its last piece (followed by a claim's badge)
    children: list[Node] = field(default_factory=list)


def nest(marks: Iterable[Mark], length: int) -> Node:
    """The marks as a tree over ``text[0:length]``: each node's children lie inside it, in order.

    Marks are taken by start, longer first; a mark that runs past the end of
    the one it starts in is cut there, and the rest is placed again from that
    point, so crossing spans become pieces that nest.
    """
    root = Node(None, 0, length)
    placed = [mark for mark in marks if mark.end > mark.start]  # an empty span marks nothing
    # Each entry's order number is its own, so that no two entries ever tie up to the marks themselves.
    queue = [(mark.start, -mark.end, _RANK[mark.kind], mark.depth, n, mark) for n, mark in enumerate(placed)]
    heapq.heapify(queue)
    order = len(queue)
    stack = [root]
    while queue:
        start, negative_end, rank, depth, _, mark = heapq.heappop(queue)
        end = -negative_end
        while len(stack) > 1 and stack[-1].end <= start:
            stack.pop()
        parent = stack[-1]
        cut = min(end, parent.end)
        node = Node(mark, start, cut, first=start == mark.start, last=cut == mark.end)
        parent.children.append(node)
        stack.append(node)
        if cut < end:
            heapq.heappush(queue, (cut, negative_end, rank, depth, order, mark))
            order += 1
    return root


def claim_marks(claims: Sequence[Claim]) -> list[Mark]:
    """Every claim's extent, the gaps between its content spans, and each distinct source and cue mention once."""
    depths = nesting_depths(claims)
    marks: dict[tuple, Mark] = {}  # keyed so that a mention shared by several claims is marked once
    for claim in claims:
        marks[("claim", claim.start, claim.end, claim.id)] = Mark("claim", claim.start, claim.end, claim.id, depths[claim.id])
        spans = sorted(claim.content_spans)
        for (_, gap_start), (gap_end, _) in zip(spans, spans[1:]):
            marks[("gap", gap_start, gap_end, claim.id)] = Mark("gap", gap_start, gap_end, claim.id)
        for kind, span in (("source", claim.source), ("cue", claim.cue)):
            if span is not None:
                marks.setdefault((kind, span.start, span.end), Mark(kind, span.start, span.end, span_anchor(kind, span)))
    return list(marks.values())


def nesting_depths(claims: Sequence[Claim]) -> dict[str, int]:
    """How many parents each claim has among ``claims`` (a cycle counts once)."""
    parents = {claim.id: claim.parent for claim in claims}
    depths = {}
    for claim in claims:
        seen, parent = {claim.id}, parents.get(claim.id)
        while parent in parents and parent not in seen:
            seen.add(parent)
            parent = parents[parent]
        depths[claim.id] = len(seen) - 1
    return depths


# -- HTML ---------------------------------------------------------------------

# C0 and C1 control characters but tab, newline and carriage return: shown as U+FFFD, never passed on.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def escape(text: str) -> str:
    """Text as HTML text (or a quoted attribute value): markup characters escaped, control characters replaced."""
    return html.escape(_CONTROLS.sub("\ufffd", text), quote=True)


def anchor(prefix: str, key: str) -> str:
    """A fragment id for ``key``: readable when the key is plain (claim ids are hex), else a digest of it."""
    if re.fullmatch(r"[A-Za-z0-9_.-]+", key):
        return f"{prefix}-{key}"
    return f"{prefix}-x{hashlib.sha1(key.encode('utf-8', 'surrogatepass')).hexdigest()[:12]}"


def span_anchor(kind: str, span: TextSpan) -> str:
    return f"{kind}-{span.start}-{span.end}"


@dataclass(frozen=True)
class _Page:
    """What the markup of the text needs to know about each claim."""

    text: str
    claims: dict[str, Claim]
    mentions: dict[str, list[str]]  # source/cue anchor -> the ids of the claims it attributes


def cluster_sizes_in(store: ClaimStore, claims: Sequence[Claim]) -> dict[str, int]:
    """Each of ``claims``' id -> how many claims of ``store`` its cluster has (the same fact stated elsewhere), as
    :func:`render_html` takes them."""
    from . import duckquery

    sizes = duckquery.cluster_sizes(store, (claim.cluster for claim in claims if claim.cluster is not None))
    return {claim.id: sizes[claim.cluster] for claim in claims if claim.cluster in sizes}


def render_html(article: Article, *, cluster_sizes: Mapping[str, int] | None = None) -> str:
    """The whole page: header, legend, marked text and the list of claims.

    ``cluster_sizes`` maps claim ids to the number of claims in their cluster
    (across documents); when given, the list shows it for the claims it names.
    Every claim must index ``article.record.text`` (see :func:`indexes`).
    """
    text = article.record.text
    for claim in article.claims:
        if not indexes(text, claim):
            raise ValueError(f"claim {claim.id} does not index the text of {article.record.doc_id}")
    page = _Page(text, {claim.id: claim for claim in article.claims}, _mentions(article.claims))
    body = _markup(nest(claim_marks(article.claims), len(text)), page)
    return _TEMPLATE.format(
        title=escape(article.title),
        css=stylesheet(),
        header=_header(article),
        legend=_legend(),
        body=body,
        items=_claim_list(article.claims, cluster_sizes or {}),
    )


def _mentions(claims: Iterable[Claim]) -> dict[str, list[str]]:
    mentions: dict[str, list[str]] = {}
    for claim in claims:
        for kind, span in (("source", claim.source), ("cue", claim.cue)):
            if span is not None:
                mentions.setdefault(span_anchor(kind, span), []).append(claim.id)
    return mentions


def _markup(node: Node, page: _Page) -> str:
    """The text under ``node`` as HTML, its child marks as nested elements."""
    parts, at = [], node.start
    for child in node.children:
        parts.append(escape(page.text[at : child.start]))
        parts.append(_element(child, page))
        at = child.end
    parts.append(escape(page.text[at : node.end]))
    return "".join(parts)


def _element(node: Node, page: _Page) -> str:
    mark = node.mark
    assert mark is not None  # only the root has no mark
    inner = _markup(node, page)
    if mark.kind == "claim":
        claim = page.claims[mark.key]
        badge = _badge(claim) if node.last else ""
        # The badge closes the claim's last piece, inside it, so a nested claim's badge and its parent's are told apart.
        return f"<mark {_claim_attributes(claim, node, mark.depth)}>{inner}{badge}</mark>"
    if mark.kind == "gap":
        return f'<span class="ct-gap" data-claim="{escape(mark.key)}">{inner}</span>'
    claim_ids = page.mentions.get(mark.key, [])
    label = f"{mark.kind} of {len(claim_ids)} claim{'s' if len(claim_ids) != 1 else ''}"
    attributes = f'class="ct-{mark.kind}" data-claims="{escape(" ".join(claim_ids))}" title="{label}"'
    if node.first:
        attributes = f'id="{mark.key}" {attributes}'
    return f"<span {attributes}>{inner}</span>"


def _claim_attributes(claim: Claim, node: Node, depth: int) -> str:
    classes = ["ct-claim"]
    if not claim.attributed:
        classes.append("ct-unattributed")
    if depth:
        classes.append("ct-nested")
    source = claim.source.name or claim.source.text if claim.source else "no source"
    title = f"claim {claim.id} · {claim.status.value} · {source}"
    own_id = f'id="{anchor("claim", claim.id)}" ' if node.first else ""
    return (
        f'{own_id}class="{" ".join(classes)}" data-claim="{escape(claim.id)}" '
        f'data-status="{claim.status.value}" title="{escape(title)}"'
    )


def _badge(claim: Claim) -> str:
    # The label is CSS generated content (attr(data-status)), so the page's text is the article's, word for word.
    status = claim.status.value
    return (
        f'<a class="ct-badge st-{status}" href="#{anchor("item", claim.id)}" data-status="{status}" '
        f'aria-label="{status}: see claim {escape(claim.id)} in the list"></a>'
    )


def _header(article: Article) -> str:
    record = article.record
    details = [escape(value) for value in (record.publisher, record.author, record.published) if value]
    if record.url and re.match(r"https?://", record.url, re.IGNORECASE):
        # The document's own address, as a plain link: the only URL the page names.
        details.append(f'<a href="{escape(record.url)}" rel="noreferrer noopener">{escape(record.url)}</a>')
    elif record.path:
        details.append(f"<code>{escape(record.path)}</code>")
    counts = Counter(claim.status for claim in article.claims)
    attributed = sum(claim.attributed for claim in article.claims)
    summary = f"{len(article.claims)} claim{'s' if len(article.claims) != 1 else ''}, {attributed} attributed"
    statuses = " ".join(
        f'<span class="ct-status st-{status.value}">{status.value} {counts[status]}</span>' for status in Status if counts[status]
    )
    removed = (
        '<p class="ct-meta ct-removed">Removed from the store (<code>claimtrack remove</code>): '
        "its text is kept for its annotated claims, shown here as orphans.</p>\n"
        if article.removed
        else ""
    )
    return (
        f"<h1>{escape(article.title)}</h1>\n"
        f"{removed}"
        f'<p class="ct-meta">{" · ".join([f"<code>{escape(record.doc_id)}</code>", *details])}</p>\n'
        f'<p class="ct-meta">{summary} {statuses}</p>'
    )


def _legend() -> str:
    swatches = [
        '<span class="ct-source">source</span>',
        '<span class="ct-cue">cue</span>',
        '<mark class="ct-claim">claim content</mark>',
        '<mark class="ct-claim"><mark class="ct-claim ct-nested">nested claim</mark></mark>',
        '<mark class="ct-claim ct-unattributed">unattributed statement</mark>',
    ]
    badges = "".join(f'<a class="ct-badge st-{status.value}" data-status="{status.value}"></a>' for status in Status)
    return f'<p class="ct-legend">{" ".join(swatches)} <span class="ct-badges">{badges}</span></p>'


def _claim_list(claims: Sequence[Claim], cluster_sizes: Mapping[str, int]) -> str:
    """The side list: top-level claims in document order, each with the claims nested in it below."""
    ids = {claim.id for claim in claims}
    children: dict[str | None, list[Claim]] = {}
    for claim in claims:
        parent = claim.parent if claim.parent in ids and claim.parent != claim.id else None
        children.setdefault(parent, []).append(claim)

    def items(parent: str | None, seen: frozenset[str]) -> str:
        entries = []
        for claim in children.get(parent, []):
            if claim.id in seen:
                continue  # a cycle of parents: each claim is listed once
            below = items(claim.id, seen | {claim.id})
            entries.append(_claim_item(claim, cluster_sizes.get(claim.id), f"<ol>{below}</ol>" if below else ""))
        return "".join(entries)

    return items(None, frozenset())


def _claim_item(claim: Claim, cluster_size: int | None, nested: str) -> str:
    status = claim.status.value
    rows = [_source_row(claim)] if claim.attributed else []
    if claim.cue is not None:
        cue = claim.cue
        rows.append(f'<dt>cue</dt><dd><a href="#{span_anchor("cue", cue)}">{escape(cue.text)}</a></dd>')
    if claim.quote is not None:
        rows.append(f"<dt>quote</dt><dd>{claim.quote.value}{' · hedged' if claim.hedged else ''}</dd>")
    if cluster_size is not None:
        rows.append(f"<dt>cluster</dt><dd>{cluster_size} claim{'s' if cluster_size != 1 else ''}</dd>")
    fields = f"<dl>{''.join(rows)}</dl>" if rows else ""
    kind = "ct-item" if claim.attributed else "ct-item ct-unattributed"
    return (
        f'<li id="{anchor("item", claim.id)}" class="{kind}">'
        f'<a class="ct-status st-{status}" href="#{anchor("claim", claim.id)}">{status}</a> '
        f'<a class="ct-id" href="#{anchor("claim", claim.id)}">{escape(claim.id)}</a>'
        f'<q class="ct-text">{escape(_shortened(claim.text))}</q>{fields}{nested}</li>'
    )


def _source_row(claim: Claim) -> str:
    source = claim.source
    if source is None:
        return f"<dt>source</dt><dd>{'none (hedged)' if claim.hedged else 'none'}</dd>"
    name = escape(source.name or source.text)
    kind = f" <span class=ct-type>{escape(source.type.value)}</span>" if source.type else ""
    written = f" <span class=ct-written>“{escape(source.text)}”</span>" if source.name and source.name != source.text else ""
    return f'<dt>source</dt><dd><a href="#{span_anchor("source", source)}">{name}</a>{kind}{written}</dd>'


def _shortened(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@cache
def stylesheet() -> str:
    return files("claimtrack").joinpath("render.css").read_text(encoding="utf-8")


_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="claimtrack render">
<title>{title}</title>
<style>
{css}</style>
</head>
<body>
<header>
{header}
{legend}
</header>
<main>
<article class="ct-article">{body}</article>
<aside>
<h2>Claims</h2>
<ol class="ct-list">{items}</ol>
</aside>
</main>
</body>
</html>
"""
