"""Clusters chosen while extract waits for its workers, and used by the save only if nothing changed meanwhile.

With worker processes parsing, the process that writes the store is idle
until the last document comes back, and then clustered every new document
in the save: the one part of a run no worker can share. Choosing a
document's clusters needs the cluster index as the save will see it: the
store's claims (read from the sidecar, without the store's lock) and the
documents of this run before it (kept here, in memory). The save, under
the lock, uses what was chosen only when that is still the index it would
match against: the sidecar still stamped with the store's fingerprint read
when this began, and nothing indexed or forgotten before the chosen
documents (no document extracted again, no claim of the store clustered
first). Otherwise it chooses again, as it always did: the store written is
the same either way.
"""

from __future__ import annotations

import sqlite3
import urllib.parse
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from itertools import chain
from pathlib import Path

from ..models import Claim
from .assign import Indexed, MemoryIndex, document_clusters
from .sidecar import _BATCH, SqliteIndex, _stamp, _stamp_for, collector_paused
from .signature import Signature

# At most this many claims are clustered ahead of one save; then the save chooses the rest.
LIMIT = 50_000


class ClusteredAhead:
    """Clusters chosen ahead for the new claims of the documents of one save, in the order they will be saved."""

    def __init__(self, sidecar: Path, store_fingerprint: list[int] | None):
        self.stamp = _stamp_for(store_fingerprint)
        self.chosen: dict[str, str] = {}
        self.merges: dict[str, list[tuple[str, str]]] = {}  # by document: the clusters its claims merged, in order
        self._index: _IndexWithRun | None = _open(sidecar, self.stamp)

    def add_document(
        self, doc_id: str, claims: Sequence[Claim], signatures: Sequence[Signature], published: date | None = None
    ) -> None:
        """Choose the clusters of a whole new document's claims, as the save would after the documents before it
        (the save knows the day each was ``published`` on, too)."""
        if self._index is None:
            return
        if len(self.chosen) + len(claims) > LIMIT:
            self.stop()
            return
        if published is not None:
            self._index.run.date_documents({doc_id: published})
        ids = [claim.id for claim in claims]
        with collector_paused():
            clusters = document_clusters(ids, signatures, doc_id, self._index)
        if self._index.made:
            self.merges[doc_id], self._index.made = self._index.made, []
        entries = zip(ids, clusters, signatures, strict=True)
        self._index.run.add(Indexed(claim_id, doc_id, cluster, signature) for claim_id, cluster, signature in entries)
        self.chosen.update(zip(ids, clusters, strict=True))

    def stop(self) -> None:
        """Choose nothing more (the save is due; a document extracted again, say): what was chosen stays."""
        if self._index is not None and self._index.connection is not None:
            self._index.connection.close()
        self._index = None

    def cluster_of(self, claim_id: str) -> str | None:
        return self.chosen.get(claim_id)

    def merges_of(self, doc_id: str) -> list[tuple[str, str]]:
        """The clusters merged (merged, into) as document ``doc_id``'s clusters were chosen: the save merges them too."""
        return self.merges.get(doc_id, [])


def _open(sidecar: Path, stamp: str | None) -> _IndexWithRun | None:
    """The index as the save will see it, if the sidecar is the store's (or neither exists yet)."""
    if not sidecar.exists():
        # No sidecar: the save will make one, with nothing in it but this run's claims (if the store is new too).
        return _IndexWithRun(None) if stamp is None else None
    try:
        connection = sqlite3.connect(f"file:{urllib.parse.quote(str(sidecar))}?mode=ro", uri=True)
        fresh = _stamp(connection) == stamp
    except sqlite3.Error:
        return None
    if not fresh:
        connection.close()
        return None
    return _IndexWithRun(connection)


class _IndexWithRun(SqliteIndex):
    """The sidecar's claims (read only) and this run's documents before the one being clustered, as one index.

    A key's count is its count in both, so a key too common to block on is
    the same as when the run's documents are in the sidecar; a claim is in
    one or the other, so its keys in common are counted in its own, and the
    two top lists merged give the top of the whole.
    """

    def __init__(self, connection: sqlite3.Connection | None):
        super().__init__(connection)  # type: ignore[arg-type]  # None: no sidecar yet, only the run
        self.run = _RunIndex(self.merges)  # one record of merges for the run's claims and the sidecar's
        self.made: list[tuple[str, str]] = []  # the merges (merged, into) since the document before

    def merge(self, merged: str, into: str) -> None:
        # Only remembered: the sidecar is read only here; the save merges in it (ClusteredAhead.merges_of).
        self.merges.add(merged, into)
        self.made.append((merged, into))

    def members(self, cluster: str, limit: int) -> list[Indexed]:
        found = self.run.members(cluster, limit)
        return found + super().members(cluster, limit - len(found))

    def candidates(self, keys: Iterable[str], limit: int, top: int, *, other_than: str) -> list[Indexed]:
        allowed = self._allowed(keys, limit)
        found = [(-n, entry.id, entry) for entry, n in self.run.shared(allowed, other_than)]
        if self.connection is not None and allowed:
            found += [(-n, entry.id, entry) for entry, n in self.top_shared(allowed, top, other_than=other_than)]
        return [entry for _, _, entry in sorted(found, key=lambda item: item[:2])[:top]]

    def documents(self, keys: Iterable[str], limit: int, minimum: int, *, other_than: str) -> dict[str, int]:
        allowed = self._allowed(keys, limit)
        found = self.run.documents_under(allowed, minimum, other_than)
        if self.connection is not None and allowed:
            shared = self.documents_sharing(allowed, other_than=other_than)
            found.update((doc_id, n) for doc_id, n in shared.items() if n >= minimum)
        return found

    def claims_of(self, doc_ids: Iterable[str]) -> list[Indexed]:
        wanted = list(doc_ids)
        found = self.run.claims_of(wanted)
        if self.connection is not None:
            found += super().claims_of(wanted)
        return found

    def published(self, doc_ids: Iterable[str]) -> dict[str, date]:
        wanted = list(doc_ids)
        found = super().published(wanted) if self.connection is not None else {}
        found.update(self.run.published(wanted))  # a document of the run is extracted anew: its day is the run's
        return found

    def story_sizes(self, doc_ids: Iterable[str]) -> dict[str, int]:
        wanted = list(doc_ids)
        found = self.run.story_sizes(doc_id for doc_id in wanted if self.run.has_document(doc_id))
        if self.connection is not None:
            found.update(super().story_sizes(doc_id for doc_id in wanted if doc_id not in found))
        return found

    def _allowed(self, keys: Iterable[str], limit: int) -> list[str]:
        """The keys (as many as the sidecar's statement takes) with at most ``limit`` claims in both."""
        wanted = list(keys)[:_BATCH]
        counts = Counter(self.run.counts(wanted))
        if self.connection is not None and wanted:
            counts.update(self.key_counts(wanted, limit))  # only read here: what the sidecar's counts were, they stay
        return [key for key in wanted if 0 < counts[key] <= limit]


class _RunIndex(MemoryIndex):
    """This run's documents clustered ahead, in memory; the keys asked of it are already within their limit."""

    def has_document(self, doc_id: str) -> bool:
        return doc_id in self._by_document

    def counts(self, keys: Iterable[str]) -> dict[str, int]:
        return {key: len(self._postings[key]) for key in keys if key in self._postings}

    def shared(self, keys: Iterable[str], other_than: str) -> list[tuple[Indexed, int]]:
        """Entries of other documents under two of ``keys`` or more, with how many."""
        shared = Counter(chain.from_iterable(self._postings.get(key, ()) for key in keys))
        found = ((self._entries[claim_id], n) for claim_id, n in shared.items() if n >= 2)
        return [(entry, n) for entry, n in found if entry.doc_id != other_than]

    def documents_under(self, keys: Iterable[str], minimum: int, other_than: str) -> dict[str, int]:
        """:meth:`documents` for keys already within their limit (no key has more postings than claims)."""
        return self.documents(keys, len(self._entries), minimum, other_than=other_than)
