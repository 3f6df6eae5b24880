"""Giving each new claim a cluster: the cluster of the most alike earlier claim of another document, or its own.

A cluster's id is the id of the claim that founded it, and it is never
renamed: a claim keeps its cluster as long as it is in the store, so the
id lasts while any member remains. New claims are compared with the
claims already indexed (the store's), never the store with itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from .matching import compare, differ
from .signature import Signature

# Postings longer than this are a key too common to tell claims apart ("said", "percent"): skipped.
MAX_POSTING = 100
# At most this many candidates, those sharing the most keys, are scored for one claim.
MAX_CANDIDATES = 25


@dataclass(frozen=True)
class Indexed:
    """A claim as the cluster index keeps it."""

    id: str
    doc_id: str
    cluster: str
    signature: Signature


class ClaimIndex(Protocol):
    """Where earlier claims are found by their keys."""

    def postings(self, keys: Iterable[str], limit: int) -> dict[str, list[str]]:
        """The ids of the claims under each key, for keys with at most ``limit`` claims."""
        ...

    def entries(self, ids: Iterable[str]) -> list[Indexed]: ...

    def add(self, entry: Indexed) -> None: ...


def choose_cluster(signature: Signature, doc_id: str, index: ClaimIndex) -> str | None:
    """The cluster of the most alike indexed claim of another document that states the same fact, or None.

    A cluster is only joined when no claim of it that was compared has a
    differing figure, date or name: one look-alike member is enough to keep
    a claim out, so chains of near matches do not merge different facts.
    """
    best: tuple[float, str] | None = None
    refused: set[str] = set()
    for entry in _candidates(signature, doc_id, index):
        if differ(signature, entry.signature):
            refused.add(entry.cluster)
            continue
        match = compare(signature, entry.signature)
        if match.same and (best is None or (match.score, entry.cluster) > best):
            best = (match.score, entry.cluster)
    if best is None or best[1] in refused:
        return None
    return best[1]


def _candidates(signature: Signature, doc_id: str, index: ClaimIndex) -> Iterator[Indexed]:
    """Indexed claims of other documents sharing at least two keys with ``signature``, most shared first."""
    shared: Counter[str] = Counter()
    for ids in index.postings(signature.keys, MAX_POSTING).values():
        shared.update(ids)
    chosen = [claim_id for claim_id, count in shared.most_common(MAX_CANDIDATES) if count >= 2]
    for entry in index.entries(chosen):
        if entry.doc_id != doc_id:
            yield entry


class MemoryIndex:
    """A :class:`ClaimIndex` in memory: for tests, and for clustering claims that are not in a store."""

    def __init__(self) -> None:
        self._entries: dict[str, Indexed] = {}
        self._postings: dict[str, list[str]] = {}

    def postings(self, keys: Iterable[str], limit: int) -> dict[str, list[str]]:
        found = {key: self._postings.get(key, []) for key in keys}
        return {key: ids for key, ids in found.items() if 0 < len(ids) <= limit}

    def entries(self, ids: Iterable[str]) -> list[Indexed]:
        return [self._entries[claim_id] for claim_id in ids if claim_id in self._entries]

    def add(self, entry: Indexed) -> None:
        self._entries[entry.id] = entry
        for key in entry.signature.keys:
            self._postings.setdefault(key, []).append(entry.id)
