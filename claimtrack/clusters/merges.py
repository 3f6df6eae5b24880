"""Clusters merged into others while new claims are clustered: what each one's name is now."""

from __future__ import annotations


class Merges:
    """The clusters merged so far: each merged cluster's new name, and the names each cluster took in.

    Entries read from an index before a merge still name the cluster they
    were in; :meth:`resolve` gives the cluster that is now.
    """

    def __init__(self) -> None:
        self._into: dict[str, str] = {}
        self._absorbed: dict[str, list[str]] = {}

    def add(self, merged: str, into: str) -> None:
        self._into[merged] = into
        self._absorbed.setdefault(into, []).extend([merged, *self._absorbed.pop(merged, [])])

    def __bool__(self) -> bool:
        return bool(self._into)

    def resolve(self, cluster: str) -> str:
        while cluster in self._into:
            cluster = self._into[cluster]
        return cluster

    def names(self, cluster: str) -> list[str]:
        """``cluster`` and every cluster merged into it, so its claims are found under whichever they were indexed."""
        return [cluster, *self._absorbed.get(cluster, ())]

    def clear(self) -> None:
        self._into.clear()
        self._absorbed.clear()
