"""``<store>.clusters``: the cluster index beside the store, so an extract reads only what it needs.

Matching a new document's claims needs the signatures of the earlier
claims that share words, figures or names with them, not every claim: the
sidecar is a SQLite file of each claim's signature, its cluster and its
keys, searched by key. Like the id index it is a cache of the store,
trusted only while it names the store's fingerprint (size, mtime, inode)
as it was last written by a clustering extract; when it does not (a
``remove``, a ``check --repair``, an edit by hand), the next extract
rebuilds it from the claims it streams past anyway. It is only ever
written under the store's lock, in one transaction: a crash leaves the
old file, whose fingerprint then no longer matches, and it is rebuilt.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Set
from pathlib import Path

from ..models import Claim
from .assign import Indexed, choose_cluster
from .signature import Signature, claim_signature

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS claims (id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, cluster TEXT NOT NULL, signature TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS keys (key TEXT NOT NULL, id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS keys_by_key ON keys (key);
CREATE INDEX IF NOT EXISTS claims_by_doc ON claims (doc_id);
"""
# Bumped when signatures are made differently: an index of older signatures is rebuilt.
SIGNATURE_VERSION = "3"
_BATCH = 500


class SqliteIndex:
    """A :class:`~claimtrack.clusters.assign.ClaimIndex` in an open SQLite connection."""

    def __init__(self, connection: sqlite3.Connection):
        self.connection = connection

    def postings(self, keys: Iterable[str], limit: int) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for key in keys:
            rows = self.connection.execute("SELECT id FROM keys WHERE key = ? LIMIT ?", (key, limit + 1)).fetchall()
            if 0 < len(rows) <= limit:
                found[key] = [row[0] for row in rows]
        return found

    def entries(self, ids: Iterable[str]) -> list[Indexed]:
        wanted, found = list(ids), list[Indexed]()
        for start in range(0, len(wanted), _BATCH):
            batch = wanted[start : start + _BATCH]
            marks = ",".join("?" * len(batch))
            rows = self.connection.execute(f"SELECT id, doc_id, cluster, signature FROM claims WHERE id IN ({marks})", batch)
            found.extend(Indexed(i, doc, cluster, _loads(sig)) for i, doc, cluster, sig in rows)
        order = {claim_id: n for n, claim_id in enumerate(wanted)}
        return sorted(found, key=lambda entry: order[entry.id])

    def add(self, entry: Indexed) -> None:
        self.connection.execute(
            "INSERT OR REPLACE INTO claims VALUES (?, ?, ?, ?)",
            (entry.id, entry.doc_id, entry.cluster, _dumps(entry.signature)),
        )
        self.connection.executemany("INSERT INTO keys VALUES (?, ?)", ((key, entry.id) for key in entry.signature.keys))

    def forget_documents(self, doc_ids: Iterable[str]) -> None:
        for doc_id in doc_ids:
            self.connection.execute("DELETE FROM keys WHERE id IN (SELECT id FROM claims WHERE doc_id = ?)", (doc_id,))
            self.connection.execute("DELETE FROM claims WHERE doc_id = ?", (doc_id,))

    def forget_all(self) -> None:
        self.connection.execute("DELETE FROM keys")
        self.connection.execute("DELETE FROM claims")


class ClusterFile:
    """The sidecar file: opened for one extract's assignment, or carried over a rewrite that kept every claim's cluster."""

    def __init__(self, path: Path):
        self.path = path

    @contextlib.contextmanager
    def assigning(self, store_fingerprint: list[int] | None, replaced: Set[str]) -> Iterator[Assignment]:
        """An :class:`Assignment` for a rewrite of the store whose documents ``replaced`` are extracted anew.

        Call with the store's lock held. Nothing is committed unless
        :meth:`Assignment.commit` is called; an error rolls everything back.
        """
        connection = _connect(self.path)
        try:
            fresh = _stamp(connection) == _stamp_for(store_fingerprint)
            index = SqliteIndex(connection)
            if fresh:
                index.forget_documents(replaced)
            else:
                index.forget_all()
            yield Assignment(index, replaced, rebuilding=not fresh)
        except BaseException:
            connection.rollback()
            raise
        finally:
            connection.close()

    def follow(self, before: list[int] | None, after: list[int] | None, *, removed: str | None = None) -> None:
        """The store went from fingerprint ``before`` to ``after`` with every claim's cluster unchanged
        (an annotation folded in; document ``removed`` taken out): a fresh index stays fresh."""
        if not self.path.exists():
            return
        with contextlib.suppress(sqlite3.Error):
            connection = _connect(self.path)
            try:
                if _stamp(connection) == _stamp_for(before):
                    if removed is not None:
                        SqliteIndex(connection).forget_documents([removed])
                    _set_stamp(connection, after)
                    connection.commit()
            finally:
                connection.close()


class Assignment:
    """Clusters for the claims of one store rewrite, as they stream past on their way to the new store."""

    def __init__(self, index: SqliteIndex, replaced: Set[str], *, rebuilding: bool):
        self.index, self.replaced, self.rebuilding = index, replaced, rebuilding

    def assign(self, claims: Iterable[Claim]) -> Iterator[Claim]:
        """Pass every claim through; give each claim without a cluster one, and index what the sidecar lacks.

        The store's untouched claims come first, then the extracted
        documents' claims, each compared with what is indexed before it.
        """
        for claim in claims:
            if claim.orphaned:
                yield claim  # its words are no longer in its document: nothing to match against
                continue
            if claim.cluster is None:
                found = claim_signature(claim)
                cluster = choose_cluster(found, claim.doc_id, self.index) or claim.id
                claim = claim.model_copy(update={"cluster": cluster})
                self.index.add(Indexed(claim.id, claim.doc_id, cluster, found))
            elif self.rebuilding or claim.doc_id in self.replaced:
                self.index.add(Indexed(claim.id, claim.doc_id, claim.cluster, claim_signature(claim)))
            yield claim

    def commit(self, store_fingerprint: list[int] | None) -> None:
        """The store now has exactly the claims assigned: record its fingerprint and commit."""
        _set_stamp(self.index.connection, store_fingerprint)
        self.index.connection.commit()


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level="DEFERRED")
    connection.executescript(_SCHEMA)
    return connection


def _stamp(connection: sqlite3.Connection) -> str | None:
    row = connection.execute("SELECT value FROM meta WHERE name = 'store'").fetchone()
    return row[0] if row else None


def _stamp_for(fingerprint: list[int] | None) -> str | None:
    return None if fingerprint is None else json.dumps([SIGNATURE_VERSION, *fingerprint])


def _set_stamp(connection: sqlite3.Connection, fingerprint: list[int] | None) -> None:
    connection.execute("INSERT OR REPLACE INTO meta VALUES ('store', ?)", (_stamp_for(fingerprint) or "",))


def _dumps(sig: Signature) -> str:
    parts = (sig.words, sig.numbers, sig.dates, sig.names, sig.lead)
    return json.dumps([*(sorted(part) for part in parts), sig.text], ensure_ascii=False)


def _loads(raw: str) -> Signature:
    words, numbers, dates, names, lead, text = json.loads(raw)
    return Signature(frozenset(words), frozenset(numbers), frozenset(dates), frozenset(names), frozenset(lead), text)
