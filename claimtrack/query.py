"""Filters and summaries over claims. Returns data; never prints."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from .models import Claim, Status


@dataclass(frozen=True)
class ClaimFilter:
    """What ``claims`` and ``export`` select. Unset fields match everything."""

    source: str | None = None
    search: str | None = None
    status: Status | None = None
    doc: str | None = None
    attributed: bool | None = None
    # True: only claims that state an amount (Claim.has_number); False: only those that state none.
    has_number: bool | None = None
    limit: int | None = None
    # Only claims in a cluster of two or more documents; the clusters that are
    # come in ``repeated_clusters`` (see :func:`with_repeated_clusters`).
    repeated: bool = False
    repeated_clusters: frozenset[str] | None = None

    def matches(self, claim: Claim) -> bool:
        return (
            _source_matches(claim, self.source)
            and _contains(claim.text, self.search)
            and (self.status is None or claim.status == self.status)
            and (self.doc is None or claim.doc_id == self.doc)
            and (self.attributed is None or claim.attributed == self.attributed)
            and (self.has_number is None or claim.has_number == self.has_number)
            and (not self.repeated or (self.repeated_clusters is not None and claim.cluster in self.repeated_clusters))
        )


def with_repeated_clusters(selection: ClaimFilter, claims: Iterable[Claim]) -> ClaimFilter:
    """``selection`` with the clusters of two or more documents among ``claims`` filled in, when it asks for them."""
    if not selection.repeated or selection.repeated_clusters is not None:
        return selection
    documents: dict[str, set[str]] = {}
    for claim in claims:
        if claim.cluster is not None:
            documents.setdefault(claim.cluster, set()).add(claim.doc_id)
    repeated = frozenset(cluster for cluster, docs in documents.items() if len(docs) > 1)
    return replace(selection, repeated_clusters=repeated)


def _contains(haystack: str | None, needle: str | None) -> bool:
    if not needle:
        return True
    return haystack is not None and needle.casefold() in haystack.casefold()


def _source_matches(claim: Claim, needle: str | None) -> bool:
    """Case-insensitive match on the source as written and its normalised name."""
    if not needle:
        return True
    if claim.source is None:
        return False
    return _contains(claim.source.text, needle) or _contains(claim.source.name, needle)


def filter_claims(claims: Iterable[Claim], selection: ClaimFilter) -> Iterator[Claim]:
    """Stream the claims that match ``selection``, stopping at its limit."""
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
    """One normalised source and the claims attributed to it."""

    name: str
    type: str | None
    claims: int = 0
    documents: set[str] = field(default_factory=set)
    mentions: dict[str, int] = field(default_factory=dict)
    roles: dict[str, None] = field(default_factory=dict)
    affiliations: dict[str, None] = field(default_factory=dict)


def summarise_sources(claims: Iterable[Claim]) -> list[SourceSummary]:
    """One row per normalised source (name, case-insensitively), most claims first."""
    summaries: dict[str, SourceSummary] = {}
    for claim in claims:
        source = claim.source
        if source is None:
            continue
        name = source.name or source.text
        key = name.casefold()
        summary = summaries.get(key)
        if summary is None:
            kind = source.type.value if source.type else None
            summary = summaries[key] = SourceSummary(name=name, type=kind)
        summary.claims += 1
        summary.documents.add(claim.doc_id)
        summary.mentions[source.text] = summary.mentions.get(source.text, 0) + 1
        if source.role:
            summary.roles[source.role] = None
        if source.affiliation:
            summary.affiliations[source.affiliation] = None
        if summary.type is None and source.type:
            summary.type = source.type.value
    return sorted(summaries.values(), key=lambda s: (-s.claims, s.name.casefold()))
