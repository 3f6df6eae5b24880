"""Filters and summaries over claims. Returns data; never prints."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from enum import Enum

from .clusters.summary import document_date
from .errors import DocumentNotFoundError
from .models import Claim, DocumentRecord, Status
from .namefold import APOSTROPHES, fold_name, surname_key
from .prefixes import by_prefix


@dataclass(frozen=True)
class ClaimFilter:
    """What ``claims`` and ``export`` select. Unset fields match everything."""

    source: str | None = None
    search: str | None = None
    status: Status | None = None
    doc: str | None = None
    attributed: bool | None = None
    # True: only claims nested in another claim's content (``parent`` set); False: only top-level ones.
    nested: bool | None = None
    # True: only claims that state an amount (Claim.has_number); False: only those that state none.
    has_number: bool | None = None
    limit: int | None = None
    # Only claims in a cluster of two or more documents; the clusters that are
    # come in ``repeated_clusters``, which :func:`with_repeated_clusters` fills in
    # (it reads every claim): without them, matching raises rather than match nothing.
    repeated: bool = False
    repeated_clusters: frozenset[str] | None = None

    def matches(self, claim: Claim) -> bool:
        return (
            _source_matches(claim, self.source)
            and _contains(claim.text, self.search)
            and (self.status is None or claim.status == self.status)
            and (self.doc is None or claim.doc_id == self.doc)
            and (self.attributed is None or claim.attributed == self.attributed)
            and (self.nested is None or (claim.parent is not None) == self.nested)
            and (self.has_number is None or claim.has_number == self.has_number)
            and (not self.repeated or claim.cluster in self._repeated())
        )

    def _repeated(self) -> frozenset[str]:
        if self.repeated_clusters is None:
            raise ValueError(
                "ClaimFilter(repeated=True) needs the clusters of two or more documents: "
                "fill them in first with claimtrack.query.with_repeated_clusters(selection, store.iter_claims())"
            )
        return self.repeated_clusters


def with_repeated_clusters(selection: ClaimFilter, claims: Iterable[Claim]) -> ClaimFilter:
    """``selection`` with the clusters of two or more documents among ``claims`` filled in, when it asks for them."""
    if not selection.repeated or selection.repeated_clusters is not None:
        return selection
    documents: dict[str, set[str]] = {}
    for claim in claims:
        if claim.cluster is not None and not claim.orphaned:  # an orphan's document no longer states it
            documents.setdefault(claim.cluster, set()).add(claim.doc_id)
    repeated = frozenset(cluster for cluster, docs in documents.items() if len(docs) > 1)
    return replace(selection, repeated_clusters=repeated)


def resolve_doc_id(prefix: str, doc_ids: Iterable[str]) -> str:
    """The document id among ``doc_ids`` that is ``prefix``, else the only one that starts with it.

    How every command that names a document finds it (``render DOC_ID``,
    ``--doc``): raises :class:`DocumentNotFoundError` naming ``prefix`` when
    no id, or more than one, starts with it.
    """
    if not prefix:
        raise DocumentNotFoundError("document id is empty")
    return by_prefix(prefix, doc_ids, "document", DocumentNotFoundError)


def search_folded(text: str) -> str:
    """``text`` as --search and --source compare it: case folded, curly apostrophes straight."""
    return text.casefold().translate(APOSTROPHES)


def _contains(haystack: str | None, needle: str | None) -> bool:
    if not needle:
        return True
    return haystack is not None and search_folded(needle) in search_folded(haystack)


def _source_matches(claim: Claim, needle: str | None) -> bool:
    """Case-insensitive match on the source as written and its normalised name."""
    if not needle:
        return True
    if claim.source is None:
        return False
    return _contains(claim.source.text, needle) or _contains(claim.source.name, needle)


def filter_claims(claims: Iterable[Claim], selection: ClaimFilter) -> Iterator[Claim]:
    """Stream the claims that match ``selection``, stopping at its limit.

    Raises ValueError at once when ``selection`` asks for ``repeated`` claims without their clusters (see
    :func:`with_repeated_clusters`): it would otherwise match none.
    """
    if selection.repeated:
        selection._repeated()
    return _filtered(claims, selection)


def _filtered(claims: Iterable[Claim], selection: ClaimFilter) -> Iterator[Claim]:
    if selection.limit is not None and selection.limit <= 0:
        return
    count = 0
    for claim in claims:
        if selection.matches(claim):
            yield claim
            count += 1
            if selection.limit is not None and count >= selection.limit:
                return


@dataclass
class SourceSummary:
    """One source across the store (its spellings folded together) and the claims attributed to it."""

    name: str
    type: str | None
    claims: int = 0
    documents: int = 0
    mentions: dict[str, int] = field(default_factory=dict)
    roles: dict[str, None] = field(default_factory=dict)
    affiliations: dict[str, None] = field(default_factory=dict)
    # Every normalised name folded into this row, with its claims.
    names: dict[str, int] = field(default_factory=dict)


# A value and what it counts: (claims, position of the first of them in the store).
Seen = dict[str, tuple[int, int]]


@dataclass
class NameTally:
    """The claims whose source has one normalised name, spelled exactly so.

    Both ways of reading a store (this module and :mod:`claimtrack.duckquery`)
    count these; :func:`fold_sources` then folds the spellings of one source
    together, so the two agree by construction. DuckDB leaves ``documents``
    empty and counts each source's documents itself.
    """

    name: str
    first: int
    claims: int = 0
    documents: set[str] = field(default_factory=set)
    types: Seen = field(default_factory=dict)
    mentions: Seen = field(default_factory=dict)
    roles: Seen = field(default_factory=dict)
    affiliations: Seen = field(default_factory=dict)


def _count(seen: Seen, value: str | None, position: int) -> None:
    if not value:
        return
    claims, first = seen.get(value, (0, position))
    seen[value] = (claims + 1, first)


def tally_names(claims: Iterable[Claim]) -> list[NameTally]:
    """One :class:`NameTally` per normalised name (the mention's text when there is none)."""
    tallies: dict[str, NameTally] = {}
    for position, claim in enumerate(claims):
        source = claim.source
        if source is None:
            continue
        name = source.name or source.text
        tally = tallies.get(name)
        if tally is None:
            tally = tallies[name] = NameTally(name=name, first=position)
        tally.claims += 1
        tally.documents.add(claim.doc_id)
        _count(tally.types, source.type.value if source.type else None, position)
        _count(tally.mentions, source.text, position)
        _count(tally.roles, source.role, position)
        _count(tally.affiliations, source.affiliation, position)
    return list(tallies.values())


def summarise_sources(claims: Iterable[Claim]) -> list[SourceSummary]:
    """One row per source across documents (see :func:`fold_sources`), most claims first."""
    return fold_sources(tally_names(claims))


def fold_sources(
    tallies: Iterable[NameTally], count_documents: Callable[[list[list[NameTally]]], list[int]] | None = None
) -> list[SourceSummary]:
    """Fold the spellings of one source into one row, most claims first.

    Names with the same :func:`~claimtrack.namefold.fold_name` key are one
    source ("Volodymyr Zelensky", "Volodymyr Zelenskyy"). A person's name of
    one word ("Zelenskiy") joins the full name it ends when exactly one full
    person's name in the selection ends so: two Trumps leave "Trump" alone.
    The row shows the most frequent full spelling, and the type most of its
    claims have. ``count_documents`` gives each group of tallies (one source)
    its number of documents; by default, those of the tallies' ``documents``.
    """
    groups: dict[tuple[str, ...], list[NameTally]] = {}
    for tally in tallies:
        groups.setdefault(fold_name(tally.name) or (tally.name.casefold(),), []).append(tally)
    _fold_surnames(groups)
    folded = list(groups.values())
    counts = (count_documents or _documents_of)(folded)
    rows = [_summary(group, documents) for group, documents in zip(folded, counts, strict=True)]
    return sorted(rows, key=lambda s: (-s.claims, s.name.casefold(), s.name))


def _documents_of(groups: list[list[NameTally]]) -> list[int]:
    return [len(set().union(*(tally.documents for tally in group))) for group in groups]


_PERSON = "person"
# Folded words that are never a surname: pronouns (an unresolved "he" is named "he").
_NOT_SURNAMES = frozenset({"i", "me", "he", "him", "she", "her", "we", "us", "you", "they", "them", "it", "one"})


def _fold_surnames(groups: dict[tuple[str, ...], list[NameTally]]) -> None:
    """Move each one-word person name into the one full person's name that ends with it, if only one does.

    "Trump" beside "Donald Trump" and "Donald Trump Jr." joins neither.
    """
    full_by_surname: dict[str, list[tuple[str, ...]]] = {}
    for key, group in groups.items():
        if len(key) > 1 and _main_type(group) == _PERSON and "and" not in key:  # not "Putin and Xi"
            full_by_surname.setdefault(surname_key(key), []).append(key)
    for key in [key for key in groups if len(key) == 1 and key[0] not in _NOT_SURNAMES]:
        group = groups[key]
        if _main_type(group) not in (_PERSON, None):
            continue
        candidates = full_by_surname.get(key[0], [])
        if len(candidates) == 1:
            groups[candidates[0]].extend(groups.pop(key))


def _merged(seen: Iterable[Seen]) -> Seen:
    merged: Seen = {}
    for values in seen:
        for value, (claims, first) in values.items():
            had_claims, had_first = merged.get(value, (0, first))
            merged[value] = (had_claims + claims, min(had_first, first))
    return merged


def _in_order(seen: Seen) -> list[str]:
    """Values in the order the store first shows them."""
    return sorted(seen, key=lambda value: seen[value][1])


def _main_type(group: list[NameTally]) -> str | None:
    """The type most claims give (the earlier one on a tie), None when none gives one."""
    types = _merged(tally.types for tally in group)
    return min(types, key=lambda kind: (-types[kind][0], types[kind][1]), default=None)


def _summary(group: list[NameTally], documents: int) -> SourceSummary:
    # The display name: a full name (more than one word) before a surname, then the most claims, then the earliest.
    best = max(group, key=lambda t: (len(fold_name(t.name)) > 1, t.claims, -t.first))
    mentions = _merged(tally.mentions for tally in group)
    by_order = sorted(group, key=lambda t: t.first)
    return SourceSummary(
        name=best.name,
        type=_main_type(group),
        claims=sum(tally.claims for tally in group),
        documents=documents,
        mentions={text: mentions[text][0] for text in _in_order(mentions)},
        roles=dict.fromkeys(_in_order(_merged(tally.roles for tally in group))),
        affiliations=dict.fromkeys(_in_order(_merged(tally.affiliations for tally in group))),
        names={tally.name: tally.claims for tally in by_order},
    )


class ClaimOrder(str, Enum):
    """How ``claims --sort`` and ``export --sort`` order claims; each ends on document id and position.

    - ``date``: the document's published date, else when it was extracted (ISO 8601, as
      ``claimtrack clusters`` shows it); oldest first, claims of documents with no stored record last;
    - ``document``: document id, then position in the document;
    - ``source``: the source's folded name (:mod:`claimtrack.namefold`), unattributed claims last;
    - ``status``: in the order of :class:`~claimtrack.models.Status` (unverified, verified, false,
      misleading, disputed, unverifiable).
    """

    date = "date"
    document = "document"
    source = "source"
    status = "status"


_STATUS_RANK = {status: rank for rank, status in enumerate(Status)}


def sort_claims(claims: Iterable[Claim], order: ClaimOrder, documents: Mapping[str, DocumentRecord] | None = None) -> list[Claim]:
    """``claims`` in ``order`` (see :class:`ClaimOrder`); ``documents`` (doc id -> record) gives their dates."""
    if order is ClaimOrder.date:
        # One definition of a document's date: the one `clusters` and `similar` show.
        dates = {doc_id: document_date(record) for doc_id, record in (documents or {}).items()}
        return sorted(claims, key=lambda c: (dates.get(c.doc_id) is None, dates.get(c.doc_id) or "", *_place(c)))
    if order is ClaimOrder.source:
        return sorted(claims, key=lambda c: (c.source is None, _folded_source(c), *_place(c)))
    if order is ClaimOrder.status:
        return sorted(claims, key=lambda c: (_STATUS_RANK[c.status], *_place(c)))
    return sorted(claims, key=_place)


def select_claims(
    claims: Iterable[Claim],
    selection: ClaimFilter,
    order: ClaimOrder | None = None,
    documents: Mapping[str, DocumentRecord] | None = None,
) -> Iterable[Claim]:
    """The claims ``selection`` selects, in store order or in ``order``; its limit applies after sorting."""
    if order is None:
        return filter_claims(claims, selection)
    ordered = sort_claims(filter_claims(claims, replace(selection, limit=None)), order, documents)
    return ordered if selection.limit is None else ordered[: max(selection.limit, 0)]


def _place(claim: Claim) -> tuple[str, int, int, str]:
    return (claim.doc_id, claim.start, claim.end, claim.id)


def _folded_source(claim: Claim) -> tuple[str, ...]:
    if claim.source is None:
        return ()
    return fold_name(claim.source.name or claim.source.text)


@dataclass
class ClaimChain:
    """Where a claim sits among nested reports: the claims it is reported inside, and those inside it."""

    claim: Claim
    # Outermost first, ending with the claim's parent; empty for a top-level claim.
    ancestors: list[Claim] = field(default_factory=list)
    # Every claim nested in this one at any depth, with its depth (1: directly inside), in document order.
    nested: list[tuple[int, Claim]] = field(default_factory=list)
    # A parent id no claim of the document has (its claim was removed): the chain stops there.
    missing_parent: str | None = None


def claim_chain(claim: Claim, document_claims: Iterable[Claim]) -> ClaimChain:
    """The chain of ``claim`` among ``document_claims`` (the claims of its document)."""
    by_id = {other.id: other for other in document_claims}
    chain = ClaimChain(claim)
    seen, parent = {claim.id}, claim.parent
    while parent is not None and parent not in seen:  # seen: a damaged store's cycle cannot loop
        found = by_id.get(parent)
        if found is None:
            chain.missing_parent = parent
            break
        chain.ancestors.insert(0, found)
        seen.add(parent)
        parent = found.parent
    children: dict[str, list[Claim]] = {}
    for other in sorted(by_id.values(), key=_place):
        if other.parent is not None:
            children.setdefault(other.parent, []).append(other)
    stack = [(1, child) for child in reversed(children.get(claim.id, []))]
    while stack:
        depth, child = stack.pop()
        if child.id in seen:
            continue
        seen.add(child.id)
        chain.nested.append((depth, child))
        stack.extend((depth + 1, grandchild) for grandchild in reversed(children.get(child.id, [])))
    return chain
