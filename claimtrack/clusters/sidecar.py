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
import functools
import gc
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Set
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..models import Claim
from .merges import Merges

if TYPE_CHECKING:  # pragma: no cover
    from .ahead import ClusteredAhead
    from .assign import Indexed
    from .signature import Signature, SignedAhead

# Matching (rapidfuzz, the quantities parser) is imported where claims are matched: an
# annotate or a remove only follows the store's fingerprint, and starts faster without it.

# ``postings`` is keyed by (key, id), so a key's claims are one range of the table (a key too
# common to block on is counted only as far as the bound, see SqliteIndex.key_counts) and a
# claim's keys are deleted one by one when its document is extracted again; it names each
# claim's document, so candidates of the new claim's own document are left out as they are counted.
_TABLES = (
    "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS claims"
    " (id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, cluster TEXT NOT NULL, signature TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS claims_by_doc ON claims (doc_id)",
    # The claims of a cluster, found when it is merged into another (see SqliteIndex.merge).
    "CREATE INDEX IF NOT EXISTS claims_by_cluster ON claims (cluster)",
    "CREATE TABLE IF NOT EXISTS postings"
    " (key TEXT NOT NULL, id TEXT NOT NULL, doc_id TEXT NOT NULL, PRIMARY KEY (key, id)) WITHOUT ROWID",
    "DROP TABLE IF EXISTS keys",  # the postings of signature version 2 and before
    # Each key's count, kept by triggers on every posting up to signature version 18 (clustering's own CPU in
    # benchmarks/cluster_speed.py's store step went 1.63 -> 1.55 s without them).
    "DROP TRIGGER IF EXISTS posting_added",
    "DROP TRIGGER IF EXISTS posting_removed",
    "DROP TABLE IF EXISTS key_counts",
    # The publication day (ISO 8601) of each dated document: documents far apart in time tell two stories.
    "CREATE TABLE IF NOT EXISTS published (doc_id TEXT PRIMARY KEY, day TEXT NOT NULL) WITHOUT ROWID",
    # How many names and distinctive figures each document's claims give (see assign.story_documents), kept
    # once counted: a document's story is sized again by every later document that shares its names.
    "CREATE TABLE IF NOT EXISTS story_sizes (doc_id TEXT PRIMARY KEY, size INTEGER NOT NULL) WITHOUT ROWID",
)
# Bumped when signatures are made differently: an index of older signatures is rebuilt.
SIGNATURE_VERSION = "31"
# SQLite's limit on the parameters of one statement is 999 in old builds.
_BATCH = 500
# At most this many signatures read from the index or indexed by this extract are kept for the next claims'
# candidates, the one used least lately dropped first (about 2 KB each: 32 MB). The store step of
# benchmarks/cluster_speed.py read 37,779 signatures with 1,024 kept and all dropped at once when full, 25,867
# with 4,096 read ones kept this way, and 11,145 with 16,384 kept, the claims it indexed among them (most
# candidates of a new document's claims are an earlier new document's).
READ_CACHE = 16_384
# At most this many keys' claim counts are kept, and at most this many of their postings (a claim id each):
# an extract of many documents into a large store would otherwise keep every posting it ever read.
KEY_CACHE = 50_000
POSTINGS_CACHE = 500_000


class SqliteIndex:
    """A :class:`~claimtrack.clusters.assign.ClaimIndex` in an open SQLite connection."""

    def __init__(self, connection: sqlite3.Connection):
        self.connection = connection
        # Entries read lately: the same earlier claims are candidates for many new ones. Bounded: an extract
        # of many documents into a large store would otherwise keep every signature it ever read in memory.
        self._read: dict[str, Indexed] = {}
        # Each document's count of names and figures, asked of many new documents of its story (see story_sizes),
        # and the documents whose claims were indexed since this was opened (their counts kept in the file are old).
        self._story_sizes: dict[str, int] = {}
        self._resized: set[str] = set()
        # Clusters merged into another since this was opened (entries read before name the old one), and each
        # claim moved by a merge with the cluster it had before: the store's line of each is written anew.
        self.merges = Merges()
        self.moved: dict[str, str] = {}
        # Each key asked about: how many indexed claims it is under, and for one rare enough to block on, the ids
        # of those claims (and each one's document). In the 1,000-document benchmark store, the statements that
        # counted a claim's candidates read 341,000 postings for the fixture articles' claims, 57,000 of them
        # distinct: a key's postings are read once here, and follow what add and forget_documents change.
        self._counts: dict[str, int] = {}
        self._capped: set[str] = set()  # the keys counted only as far as a bound: more claims than their count
        self._postings: dict[str, list[str]] = {}
        self._document_of: dict[str, str] = {}
        self._held = 0  # postings kept

    def candidates(self, keys: Iterable[str], limit: int, top: int, *, other_than: str) -> list[Indexed]:
        return [entry for entry, _ in self.top_shared(self.rare_keys(keys, limit), top, other_than=other_than)]

    def documents(self, keys: Iterable[str], limit: int, minimum: int, *, other_than: str) -> dict[str, int]:
        found = self.documents_sharing(self.rare_keys(keys, limit), other_than=other_than)
        return {doc_id: n for doc_id, n in found.items() if n >= minimum}

    def rare_keys(self, keys: Iterable[str], limit: int) -> list[str]:
        """Those of ``keys`` under one indexed claim or more, and ``limit`` at most; as many keys as one statement
        takes (a claim's keys, but a run-on "claim" must stay under SQLite's limit)."""
        wanted = list(keys)[:_BATCH]
        counts = self.key_counts(wanted, limit)
        return [key for key in wanted if 0 < counts[key] <= limit]

    def key_counts(self, keys: list[str], limit: int) -> dict[str, int]:
        """How many indexed claims each of ``keys`` is under, counted up to ``limit + 1``: a key under more than
        ``limit`` claims is too common to block on, however many there are ("said" is under most claims)."""
        unknown = [key for key in keys if key not in self._counts or (key in self._capped and self._counts[key] <= limit)]
        if len(self._counts) + len(unknown) > KEY_CACHE:
            self._forget_keys()
            unknown = list(keys)
        for key in unknown:
            # A key's postings are one range of the table's primary key: read no further than the bound. A rare
            # key's are kept, since its claims are counted next (see top_shared).
            rows = self.connection.execute("SELECT id, doc_id FROM postings WHERE key = ? LIMIT ?", (key, limit + 1))
            found = rows.fetchall()
            self._counts[key] = len(found)
            if len(found) > limit:
                self._capped.add(key)
                continue
            self._capped.discard(key)
            if key not in self._postings:
                self._document_of.update(found)
                self._postings[key] = [claim_id for claim_id, _ in found]
                self._held += len(found)
        return {key: self._counts[key] for key in keys}

    def top_shared(self, keys: list[str], top: int, *, other_than: str) -> list[tuple[Indexed, int]]:
        """The ``top`` claims of documents other than ``other_than`` under two of ``keys`` or more (keys
        :meth:`rare_keys` gave), most keys shared first, then by id; with how many each is under."""
        self._bound_postings()
        # Counted in a loop of its own, the claims under two keys noted as they reach two (most are under one
        # alone): compiled (see setup.py), 0.111 s for the 12,494 calls of cluster_speed.py's store step against
        # 0.127 s with Counter (a throwaway timer; as Python, 0.170 against 0.152 s).
        shared: dict[str, int] = {}
        twice: list[str] = []
        for key in keys:
            for claim_id in self._postings_of(key):
                n = shared.get(claim_id, 0) + 1
                shared[claim_id] = n
                if n == 2:
                    twice.append(claim_id)
        document_of = self._document_of
        best = sorted([(-shared[claim_id], claim_id) for claim_id in twice if document_of[claim_id] != other_than])[:top]
        return list(zip(self._entries([claim_id for _, claim_id in best]), [-n for n, _ in best], strict=True))

    def documents_sharing(self, keys: list[str], *, other_than: str) -> dict[str, int]:
        """The documents other than ``other_than`` with claims under ``keys`` (keys :meth:`rare_keys` gave), and
        under how many."""
        self._bound_postings()
        document_of = self._document_of
        found: dict[str, int] = {}
        for key in keys:
            for doc_id in {document_of[claim_id] for claim_id in self._postings_of(key)}:
                if doc_id != other_than:
                    found[doc_id] = found.get(doc_id, 0) + 1
        return found

    def _postings_of(self, key: str) -> list[str]:
        """The ids of the claims under ``key``."""
        postings = self._postings.get(key)
        if postings is None:
            rows = self.connection.execute("SELECT id, doc_id FROM postings WHERE key = ?", (key,)).fetchall()
            self._document_of.update(rows)
            postings = self._postings[key] = [claim_id for claim_id, _ in rows]
            self._held += len(rows)
        return postings

    def _entries(self, claim_ids: list[str]) -> list[Indexed]:
        """The indexed claims ``claim_ids``, in that order."""
        read = {}
        for claim_id in claim_ids:
            entry = self._read.pop(claim_id, None)
            if entry is not None:
                read[claim_id] = self._read[claim_id] = entry  # used again: kept longest
        unread = [claim_id for claim_id in claim_ids if claim_id not in read]
        rows: dict[str, tuple[str, str, str, str]] = {}
        if unread:
            marks = ",".join("?" * len(unread))
            query = f"SELECT id, doc_id, cluster, signature FROM claims WHERE id IN ({marks})"
            rows = {row[0]: row for row in self.connection.execute(query, unread)}
        # The entries read already are taken first: making the others may empty the cache.
        return [read[claim_id] if claim_id in read else self._entry(*rows[claim_id]) for claim_id in claim_ids]

    def claims_of(self, doc_ids: Iterable[str]) -> list[Indexed]:
        wanted = list(doc_ids)[:_BATCH]
        marks = ",".join("?" * len(wanted))
        rows = self.connection.execute(f"SELECT id, doc_id, cluster, signature FROM claims WHERE doc_id IN ({marks})", wanted)
        return [self._entry(*row) for row in rows]

    def story_sizes(self, doc_ids: Iterable[str]) -> dict[str, int]:
        from .assign import story_keys

        doc_ids = list(doc_ids)
        unknown = [doc_id for doc_id in dict.fromkeys(doc_ids) if doc_id not in self._story_sizes]
        for start in range(0, len(unknown), _BATCH):
            kept = [doc_id for doc_id in unknown[start : start + _BATCH] if doc_id not in self._resized]
            if not kept:
                continue
            rows = self.connection.execute(
                f"SELECT doc_id, size FROM story_sizes WHERE doc_id IN ({','.join('?' * len(kept))})", kept
            )
            self._story_sizes.update(rows)
        unknown = [doc_id for doc_id in unknown if doc_id not in self._story_sizes]
        for start in range(0, len(unknown), _BATCH):
            wanted = unknown[start : start + _BATCH]
            marks = ",".join("?" * len(wanted))
            parts: dict[str, list[tuple[list[str], list[str]]]] = {doc_id: [] for doc_id in wanted}
            # Only the figures' and names' lines of each signature (see _dumps), not the whole of it.
            for doc_id, raw in self.connection.execute(f"SELECT doc_id, signature FROM claims WHERE doc_id IN ({marks})", wanted):
                parts[doc_id].append(_names_and_figures(raw))
            self._story_sizes.update((doc_id, len(story_keys(found))) for doc_id, found in parts.items())
        return {doc_id: self._story_sizes[doc_id] for doc_id in doc_ids}

    def published(self, doc_ids: Iterable[str]) -> dict[str, date]:
        wanted = list(doc_ids)
        found: dict[str, date] = {}
        for start in range(0, len(wanted), _BATCH):  # a story may have more documents than a statement takes
            batch = wanted[start : start + _BATCH]
            marks = ",".join("?" * len(batch))
            rows = self.connection.execute(f"SELECT doc_id, day FROM published WHERE doc_id IN ({marks})", batch)
            found.update((doc_id, date.fromisoformat(day)) for doc_id, day in rows)
        return found

    def date_documents(self, dates: Mapping[str, date]) -> None:
        rows = ((doc_id, day.isoformat()) for doc_id, day in dates.items())
        self.connection.executemany("INSERT OR REPLACE INTO published VALUES (?, ?)", rows)

    def _entry(self, claim_id: str, doc_id: str, cluster: str, raw: str) -> Indexed:
        entry = self._read.pop(claim_id, None)
        if entry is None:
            indexed, signature = self._made
            entry = indexed(claim_id, doc_id, cluster, _loads(raw, signature))
        self._keep(entry)
        return entry

    def _keep(self, entry: Indexed) -> None:
        """Keep ``entry`` as the one used last, dropping the one used least lately when full."""
        read = self._read
        read.pop(entry.id, None)
        if len(read) >= READ_CACHE:
            del read[next(iter(read))]  # the entry used least lately: each is put back last when used
        read[entry.id] = entry

    @functools.cached_property
    def _made(self) -> tuple[type[Indexed], type[Signature]]:
        """What entries are made of: imported once, when the first is read, rather than with the sidecar (see
        above) or for every entry, where the import cost more than the rest of making it."""
        from .assign import Indexed
        from .signature import Signature

        return Indexed, Signature

    def add(self, entries: Iterable[Indexed]) -> None:
        from .assign import blocking_keys

        added = list(entries)
        for entry in added:
            self._story_sizes.pop(entry.doc_id, None)
            self._resized.add(entry.doc_id)
        keyed = [(entry, blocking_keys(entry.signature)) for entry in added]
        if any(key in self._counts or key in self._postings for _, keys in keyed for key in keys):
            self._follow_added(keyed)  # before the claims are written: which of them are indexed already
        self.connection.executemany(
            "INSERT OR REPLACE INTO claims VALUES (?, ?, ?, ?)",
            ((entry.id, entry.doc_id, entry.cluster, _dumps(entry.signature)) for entry in added),
        )
        self.connection.executemany(
            "INSERT OR IGNORE INTO postings VALUES (?, ?, ?)",
            ((key, entry.id, entry.doc_id) for entry, keys in keyed for key in keys),
        )
        for entry in added:
            self._keep(entry)

    def add_document(self, entries: Sequence[Indexed]) -> None:
        """:meth:`add` the new claims of one document, and count its story's size (see :meth:`story_sizes`) from
        them when it had no claim indexed before: later documents of its story ask for it, and it was read back
        from the file for them (about a third of finding a document's story, compiled, in a py-spy profile)."""
        from .assign import story_keys

        if not entries:
            return
        doc_id = entries[0].doc_id
        indexed = self.connection.execute("SELECT 1 FROM claims WHERE doc_id = ? LIMIT 1", (doc_id,)).fetchone()
        self.add(entries)
        if indexed is None:
            self._story_sizes[doc_id] = len(story_keys((entry.signature.names, entry.signature.numbers) for entry in entries))

    def _follow_added(self, keyed: list[tuple[Indexed, frozenset[str]]]) -> None:
        """The keys' counts and postings kept, as they will be once these entries (with their keys) are indexed:
        a claim new to the index adds one posting to each of its keys; one indexed already keeps the postings
        it had (``INSERT OR IGNORE``), and its keys are read again."""
        ids = [entry.id for entry, _ in keyed]
        again: set[str] = set()
        for start in range(0, len(ids), _BATCH):
            batch = ids[start : start + _BATCH]
            rows = self.connection.execute(f"SELECT id FROM claims WHERE id IN ({','.join('?' * len(batch))})", batch)
            again.update(claim_id for (claim_id,) in rows)
        counts, postings = self._counts, self._postings
        for entry, keys in keyed:
            if entry.id in again:
                for key in keys:
                    self._forget_key(key)
                continue
            for key in keys:
                if key in counts:
                    counts[key] += 1
                if key in postings:  # kept apart from its count, which a bound may have forgotten
                    postings[key].append(entry.id)
                    self._document_of[entry.id] = entry.doc_id
                    self._held += 1

    def _bound_postings(self) -> None:
        """Forget the postings kept once there are more than POSTINGS_CACHE: called before a count, never during
        one (the documents of the claims it has counted so far must stay known)."""
        if self._held > POSTINGS_CACHE:
            self._forget_keys()

    def _forget_key(self, key: str) -> None:
        self._counts.pop(key, None)
        self._capped.discard(key)
        self._held -= len(self._postings.pop(key, ()))

    def _forget_keys(self) -> None:
        self._counts.clear()
        self._capped.clear()
        self._postings.clear()
        self._document_of.clear()
        self._held = 0

    def merge(self, merged: str, into: str) -> None:
        rows = self.connection.execute("SELECT id FROM claims WHERE cluster = ?", (merged,))
        for (claim_id,) in rows.fetchall():
            self.moved.setdefault(claim_id, merged)
        self.connection.execute("UPDATE claims SET cluster = ? WHERE cluster = ?", (into, merged))
        self.merges.add(merged, into)

    def resolve(self, cluster: str) -> str:
        return self.merges.resolve(cluster)

    def members(self, cluster: str, limit: int) -> list[Indexed]:
        if self.connection is None:
            return []
        names = self.merges.names(cluster)[:_BATCH]
        marks = ",".join("?" * len(names))
        query = f"SELECT id, doc_id, cluster, signature FROM claims WHERE cluster IN ({marks}) LIMIT ?"
        rows = self.connection.execute(query, [*names, limit])
        return [self._entry(*row) for row in rows]

    def forget_days(self, doc_ids: Iterable[str]) -> None:
        self.connection.executemany("DELETE FROM published WHERE doc_id = ?", ((doc_id,) for doc_id in doc_ids))

    def has_documents(self, doc_ids: Iterable[str]) -> bool:
        """Whether any claim of the documents ``doc_ids`` is indexed."""
        wanted = list(doc_ids)
        for start in range(0, len(wanted), _BATCH):
            batch = wanted[start : start + _BATCH]
            query = f"SELECT 1 FROM claims WHERE doc_id IN ({','.join('?' * len(batch))}) LIMIT 1"
            if self.connection.execute(query, batch).fetchone() is not None:
                return True
        return False

    def forget_documents(self, doc_ids: Iterable[str], *, days: bool = True) -> int:
        """Take the claims of documents ``doc_ids`` out of the index, and their publication ``days`` unless told
        not to; how many claims there were."""
        from .signature import Signature  # not self._made: a remove follows the store without the matching code

        forgotten = 0
        for doc_id in doc_ids:
            rows = self.connection.execute("SELECT id, signature FROM claims WHERE doc_id = ?", (doc_id,)).fetchall()
            postings = [(key, claim_id) for claim_id, sig in rows for key in _loads(sig, Signature).keys]
            self.connection.executemany("DELETE FROM postings WHERE key = ? AND id = ?", postings)
            for key, _ in postings:
                self._forget_key(key)
            self.connection.execute("DELETE FROM claims WHERE doc_id = ?", (doc_id,))
            if days:
                self.connection.execute("DELETE FROM published WHERE doc_id = ?", (doc_id,))
            self.connection.execute("DELETE FROM story_sizes WHERE doc_id = ?", (doc_id,))
            for claim_id, _ in rows:
                self._read.pop(claim_id, None)
            self._story_sizes.pop(doc_id, None)
            forgotten += len(rows)
        return forgotten

    def keep_story_sizes(self) -> None:
        """Write the sizes counted since this was opened into the file, and take out the old ones of the documents
        whose claims were indexed since: call before committing."""
        stale = [(doc_id,) for doc_id in self._resized if doc_id not in self._story_sizes]
        self.connection.executemany("DELETE FROM story_sizes WHERE doc_id = ?", stale)
        self.connection.executemany("INSERT OR REPLACE INTO story_sizes VALUES (?, ?)", self._story_sizes.items())

    def forget_all(self) -> None:
        # Unstamped first: a DML statement opens the transaction, so the drops below roll back with it.
        self._read.clear()
        self._story_sizes.clear()
        self._resized.clear()
        self._forget_keys()
        self.merges.clear()
        self.moved.clear()
        self.connection.execute("DELETE FROM meta WHERE name = 'store'")
        # Dropped rather than deleted row by row: faster, and the file gives the space back to the new tables.
        for table in ("claims", "postings", "published", "story_sizes"):
            self.connection.execute(f"DROP TABLE {table}")
        _create_tables(self.connection)


class ClusterFile:
    """The sidecar file: opened for one extract's assignment, or carried over a rewrite that kept every claim's cluster."""

    def __init__(self, path: Path):
        self.path = path

    @contextlib.contextmanager
    def assigning(
        self,
        store_fingerprint: list[int] | None,
        replaced: Set[str],
        ahead: SignedAhead | None = None,
        chosen: ClusteredAhead | None = None,
        *,
        published: Mapping[str, date] | None = None,
        all_published: Callable[[], Mapping[str, date]] | None = None,
    ) -> Iterator[Assignment]:
        """An :class:`Assignment` for a rewrite of the store whose documents ``replaced`` are extracted anew,
        using the signatures made ``ahead`` where they are the claims', and the clusters ``chosen`` ahead
        where the index is still the one they were chosen against. The documents extracted anew are
        ``published`` on those days (where known); ``all_published`` gives the days of every document of the
        store, asked only when the index is rebuilt.

        Call with the store's lock held. Nothing is committed unless
        :meth:`Assignment.commit` is called; an error rolls everything back.
        """
        connection = _connect(self.path)
        try:
            stamp = _stamp(connection)
            fresh = stamp == _stamp_for(store_fingerprint)
            index = SqliteIndex(connection)
            indexed_again = False
            if fresh:
                indexed_again = index.has_documents(replaced)
                index.forget_days(replaced)  # their claims wait for the new ones (see Assignment); their days do not
            else:
                index.forget_all()
                index.date_documents(all_published() if all_published is not None else {})
            index.date_documents(published or {})
            still = fresh and chosen is not None and chosen.stamp == stamp and not indexed_again
            with collector_paused():
                yield Assignment(index, replaced, rebuilding=not fresh, ahead=ahead, chosen=chosen if still else None)
        except BaseException:
            connection.rollback()
            raise
        finally:
            connection.close()

    def redate(self, store_fingerprint: list[int] | None, days: Mapping[str, date | None]) -> None:
        """The documents ``days`` are now published on those days (None: on no known day) and the store's claims
        are unchanged: a fresh index dates them so (a stale one is rebuilt, with the days of the documents file).
        The clusters their claims joined stay as they are."""

        def redated(index: SqliteIndex) -> None:
            index.forget_days(days)
            index.date_documents({doc_id: day for doc_id, day in days.items() if day is not None})

        self._while_fresh(store_fingerprint, redated)

    def follow(self, before: list[int] | None, after: list[int] | None, *, removed: str | None = None) -> None:
        """The store went from fingerprint ``before`` to ``after`` with every claim's cluster unchanged
        (an annotation folded in; document ``removed`` taken out): a fresh index stays fresh."""

        def followed(index: SqliteIndex) -> None:
            if removed is not None:
                index.forget_documents([removed])
            _set_stamp(index.connection, after)

        self._while_fresh(before, followed)

    def _while_fresh(self, store_fingerprint: list[int] | None, change: Callable[[SqliteIndex], None]) -> None:
        """Make ``change`` to the index and commit it, if it is the index of the store with ``store_fingerprint``;
        else, or when it cannot be read, leave it: the next extract rebuilds it from the store."""
        if not self.path.exists():
            return
        with contextlib.suppress(sqlite3.Error):
            connection = _connect(self.path)
            try:
                if _stamp(connection) == _stamp_for(store_fingerprint):
                    change(SqliteIndex(connection))
                    connection.commit()
            finally:
                connection.close()


class Assignment:
    """Clusters for the claims of one store rewrite, as they stream past on their way to the new store."""

    def __init__(
        self,
        index: SqliteIndex,
        replaced: Set[str],
        *,
        rebuilding: bool,
        ahead: SignedAhead | None = None,
        chosen: ClusteredAhead | None = None,
    ):
        from .signature import SignedAhead

        self.index, self.replaced, self.rebuilding = index, replaced, rebuilding
        # The documents extracted anew keep their old claims in the index until their new ones come: a document
        # extracted again before them (`extract --force`, two edited files) is matched against their claims, as
        # it was the first time, rather than against an index without them (then it joined none of their
        # clusters, and they, keeping their claims' clusters, never met its new ones).
        self._outdated = set() if rebuilding else set(replaced)
        self.ahead = ahead if ahead is not None else SignedAhead(limit=0)
        # Clusters chosen ahead hold only while the index is as they were chosen against: not once this
        # assignment has indexed a claim of its own choosing (or of the store's) before theirs.
        self.chosen = chosen
        self._orphans: dict[str, str] = {}  # the clusters of the orphaned claims written, which the index lacks

    def assign(self, claims: Iterable[Claim]) -> Iterator[Claim]:
        """Pass every claim through; give each claim without a cluster one, and index what the sidecar lacks.

        The store's untouched claims come first, then the extracted
        documents' claims, each compared with what is indexed before it. A
        document's new claims are held until its last one has come, since
        which documents tell the same story is decided from all of them.
        """
        pending: list[Claim] = []
        for claim in claims:
            if pending and (claim.cluster is not None or claim.orphaned or claim.doc_id != pending[0].doc_id):
                yield from self._new_document(pending)
                pending = []
            if claim.doc_id in self._outdated:
                self._outdated.discard(claim.doc_id)
                self.index.forget_documents([claim.doc_id], days=False)
            if claim.cluster is None and not claim.orphaned:
                pending.append(claim)
                continue
            now = self.index.resolve(claim.cluster) if claim.cluster is not None else None
            if now != claim.cluster:
                # A claim carried over from an earlier extract, in a cluster a new document of this one merged.
                claim = claim.model_copy(update={"cluster": now})
            if claim.cluster is not None and not claim.orphaned and (self.rebuilding or claim.doc_id in self.replaced):
                self._index(claim, claim.cluster, None)
            if claim.orphaned and claim.cluster is not None:
                self._orphans[claim.id] = claim.cluster  # never indexed, but written: a merge renames it too
            yield claim  # an orphaned claim's words are no longer in its document: nothing to match against
        yield from self._new_document(pending)
        self.index.forget_documents(self._outdated, days=False)  # documents extracted anew with no claim now
        self._outdated.clear()

    def outdated(self, claims: list[Claim]) -> None:
        """The claims the store holds of the documents extracted anew, read before their new claims come: an
        index being rebuilt has not read them, and keeps them until then, as an index that was fresh does."""
        for claim in claims:
            if claim.cluster is not None and not claim.orphaned:
                self._index(claim, self.index.resolve(claim.cluster), None)
                self._outdated.add(claim.doc_id)

    def _new_document(self, claims: list[Claim]) -> Iterator[Claim]:
        """The new claims of one document, each given the cluster of an earlier claim of another document or its own."""
        from .assign import Indexed, document_clusters

        if not claims:
            return
        found = [self.ahead.signature(claim) for claim in claims]
        doc_id = claims[0].doc_id
        clusters = self._chosen_ahead(claims)
        if clusters is None:
            self.chosen = None
            clusters = document_clusters([claim.id for claim in claims], found, doc_id, self.index)
        else:
            for merged, into in self.chosen.merges_of(doc_id):  # type: ignore[union-attr]  # chosen ahead: not None
                self.index.merge(merged, into)
        self.index.add_document([Indexed(claim.id, doc_id, cluster, sig) for claim, cluster, sig in zip(claims, clusters, found)])
        for claim, cluster in zip(claims, clusters, strict=True):
            yield claim.model_copy(update={"cluster": cluster})

    def _chosen_ahead(self, claims: list[Claim]) -> list[str] | None:
        """The clusters chosen ahead for these claims of one document, if every one of them has one."""
        if self.chosen is None:
            return None
        clusters = [self.chosen.cluster_of(claim.id) for claim in claims]
        return None if None in clusters else clusters  # type: ignore[return-value]

    def _index(self, claim: Claim, cluster: str, signature: Signature | None) -> Claim:
        from .assign import Indexed

        self.chosen = None  # a claim of the store indexed first: the index is not as the clusters were chosen against
        self.index.add([Indexed(claim.id, claim.doc_id, cluster, signature or self.ahead.signature(claim))])
        return claim

    def merged_any(self) -> bool:
        """Whether a cluster was merged into another in this assignment."""
        return bool(self.index.merges)

    def note_orphans(self, clusters: Mapping[str, str]) -> None:
        """The orphaned claims written (id -> cluster) that did not pass through :meth:`assign`: a merge renames them too."""
        self._orphans.update(clusters)

    def moved(self) -> dict[str, tuple[str, str]]:
        """The claims written to the store before a merge took their cluster: each one's cluster as written, and
        the cluster it is in now (the store patches their lines: see ClaimStore.replace_documents)."""
        written = {**self._orphans, **self.index.moved}
        now = {claim_id: self.index.resolve(cluster) for claim_id, cluster in written.items()}
        return {claim_id: (cluster, now[claim_id]) for claim_id, cluster in written.items() if now[claim_id] != cluster}

    def commit(self, store_fingerprint: list[int] | None) -> None:
        """The store now has exactly the claims assigned: record its fingerprint and commit."""
        self.index.keep_story_sizes()
        _set_stamp(self.index.connection, store_fingerprint)
        self.index.connection.commit()


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused, and resumed as it was.

    Clustering makes and keeps many objects (signatures, postings, the entries
    read), none of them in reference cycles, so each is freed as usual when no
    longer used. But the collector counts them, and every few thousand it walks
    the whole heap, the spaCy pipeline's included: in the store step of
    benchmarks/cluster_speed.py (12,544 claims into 1,000 documents), 3 or 4
    full collections, 0.8-1.0 s of 4.7-5.4 s of clustering's CPU, and nothing
    for them to free (a collection right after found no garbage).
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level="DEFERRED")
    # 64 MiB of pages rather than SQLite's 2 MiB: a store of 1,000 documents has an index of 23 MB, whose postings
    # each new claim's keys are read from and written into, all over the file (the inserts' time about halved).
    connection.execute("PRAGMA cache_size = -65536")
    _create_tables(connection)
    return connection


def _create_tables(connection: sqlite3.Connection) -> None:
    for statement in _TABLES:
        connection.execute(statement)


def _stamp(connection: sqlite3.Connection) -> str | None:
    row = connection.execute("SELECT value FROM meta WHERE name = 'store'").fetchone()
    return row[0] if row else None


def _stamp_for(fingerprint: list[int] | None) -> str | None:
    return None if fingerprint is None else json.dumps([SIGNATURE_VERSION, *fingerprint])


def _set_stamp(connection: sqlite3.Connection, fingerprint: list[int] | None) -> None:
    connection.execute("INSERT OR REPLACE INTO meta VALUES ('store', ?)", (_stamp_for(fingerprint) or "",))


def _dumps(sig: Signature) -> str:
    """One line per part, its items apart by spaces: no item of a signature holds a space or a line break,
    and splitting reads back several times faster than JSON (signatures are read for every candidate).
    The vector follows, in hex, then whether the claim is negated, then its source (single spaces, no line break),
    then its hedged figures and its figures restated, then whether it sets a condition, then the words of what it
    sets aside."""
    parts = (sig.words, sig.numbers, sig.dates, sig.names, sig.lead)
    flag = "-" if sig.negated else ""
    return "\n".join(
        [
            *(" ".join(sorted(part)) for part in parts),
            *(sig.text, sig.vector.hex(), flag, sig.source),
            *(" ".join(sorted(part)) for part in (sig.bounded, sig.restated)),
            "?" if sig.conditional else "",
            " ".join(sorted(sig.rejected)),
        ]
    )


def _names_and_figures(raw: str) -> tuple[list[str], list[str]]:
    """The names and the figures of the signature :func:`_dumps` wrote, sliced out: splitting the lines would copy
    the rest of it (the vector's 1,024 hex digits) for each of a story's claims."""
    words_end = raw.index("\n")
    numbers_end = raw.index("\n", words_end + 1)
    dates_end = raw.index("\n", numbers_end + 1)
    names_end = raw.index("\n", dates_end + 1)
    return raw[dates_end + 1 : names_end].split(), raw[words_end + 1 : numbers_end].split()


def _loads(raw: str, make: type[Signature]) -> Signature:
    """The signature :func:`_dumps` wrote, made by ``make`` (the ``Signature`` class, which the index has at hand)."""
    words, numbers, dates, names, lead, text, vector, negated, source, bounded, restated, conditional, rejected = raw.split("\n")
    return make._make((
        _items(words), _items(numbers), _items(dates), _items(names), _items(lead), text, bytes.fromhex(vector),
        negated == "-", source, _items(bounded), _items(restated), conditional == "?", _items(rejected),
    ))  # fmt: skip


# One empty set for every empty part read: most signatures have no dates, lead, hedges, restated figures or words set
# aside, and a set of its own for each took memory in the entries kept and time to make and to collect (see READ_CACHE).
_NONE: frozenset[str] = frozenset()


def _items(line: str) -> frozenset[str]:
    """The items of one line of a signature :func:`_dumps` wrote."""
    return frozenset(line.split()) if line else _NONE
