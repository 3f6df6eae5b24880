"""The clusters of a store, one row each. Returns data; never prints."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field

from ..models import Claim, DocumentRecord
from ..namefold import fold_name

# A claim -> the document record of the text it indexes (ClaimStore.documents.lookup()).
DocumentLookup = Callable[[Claim], DocumentRecord | None]


@dataclass
class ClusterSummary:
    """One cluster: its claims, the documents and distinct sources that state it, when it was first seen."""

    cluster: str
    representative: str = ""  # the founding claim's words, else the first member's
    claims: list[str] = field(default_factory=list)
    documents: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    first_seen: str | None = None
    statuses: dict[str, int] = field(default_factory=dict)

    def add(self, claim: Claim, seen: str | None) -> None:
        """Count ``claim`` in; an orphan (its words no longer in its document's text) is one of the claims and its
        status counts, but its document and source no longer state the fact."""
        if not self.claims or claim.id == self.cluster:
            self.representative = claim.text
        self.claims.append(claim.id)
        self.statuses[claim.status.value] = self.statuses.get(claim.status.value, 0) + 1
        if claim.orphaned:
            return
        self.documents.add(claim.doc_id)
        if claim.source is not None:
            self.sources.add(source_key(claim.source.name or claim.source.text))
        if seen is not None and (self.first_seen is None or seen < self.first_seen):
            self.first_seen = seen


def cluster_sizes(claims: Iterable[Claim], clusters: Collection[str]) -> dict[str, int]:
    """How many claims of ``claims`` each of ``clusters`` has (orphans too: they are of their cluster, as
    ``clusters`` lists them)."""
    wanted = set(clusters)
    return dict(Counter(claim.cluster for claim in claims if claim.cluster in wanted))


def source_key(name: str) -> str:
    """A source as a cluster counts it: its name folded as ``sources`` folds names, so that "Zelensky",
    "Zelenskyy" and "Zelenskiy" are one source stating the fact, not three confirming it."""
    return " ".join(fold_name(name)) or name.casefold()


def document_date(record: DocumentRecord | None) -> str | None:
    """When a document was first seen: its publication date, else when it was extracted (ISO 8601)."""
    if record is None:
        return None
    return record.published or record.extracted_at.isoformat()


def summarise_clusters(claims: Iterable[Claim], documents: DocumentLookup, *, min_documents: int = 2) -> list[ClusterSummary]:
    """Every cluster stated in at least ``min_documents`` documents, most documents first, then earliest first."""
    summaries: dict[str, ClusterSummary] = {}
    dates: dict[str, str | None] = {}
    for claim in claims:
        if claim.cluster is None:
            continue
        if claim.doc_id not in dates:
            dates[claim.doc_id] = document_date(documents(claim))
        summary = summaries.get(claim.cluster)
        if summary is None:
            summary = summaries[claim.cluster] = ClusterSummary(claim.cluster)
        summary.add(claim, dates[claim.doc_id])
    kept = [summary for summary in summaries.values() if len(summary.documents) >= min_documents]
    return sorted(kept, key=lambda s: (-len(s.documents), s.first_seen or "", s.cluster))
