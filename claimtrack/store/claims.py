"""The claim store: ``claims.jsonl`` plus its lock, annotation journal and id index.

- ``claims.jsonl``: one validated claim a line; what users and other tools read.
- ``claims.jsonl.lock``: writers hold an exclusive lock on it, one at a time.
- ``claims.jsonl.journal``: annotations not yet folded into ``claims.jsonl``.
- ``claims.jsonl.idx``: ids -> byte offsets, so one claim is found without a scan.
- ``claims.documents.jsonl``: the document texts the claims index, with their
  sources (path, URL, title, publisher, date).
- ``claims.jsonl.clusters``: the cluster index, so an extract matches new claims
  against earlier ones without reading them all (see :mod:`claimtrack.clusters`).
- ``claims.jsonl.rejected``: lines set aside (never deleted) because no claim
  could take them: bad records moved by ``check --repair``, annotations of
  claims that are gone.

Every rewrite of ``claims.jsonl`` goes through a complete, fsync'd temporary
file and a rename; one that also changes the documents file writes the new
documents file first, naming the new claims file, so a ``kill -9`` between
the two renames leaves a store every command reads as the old state or the
new one (see :mod:`claimtrack.store.documents`), and one that fails is undone
(the old claims put back), so a failed command leaves claims and documents
as they were; every annotation is an fsync'd journal line before the
command reports success. claimtrack's own readers always apply the journal,
so they see every annotation at once; ``claims.jsonl`` itself has it folded
in straight away while the store is small (under :data:`FOLD_BYTES`), and
otherwise at the next ``extract`` or ``compact``.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TextIO

from ..errors import BadRecordError, ClaimNotFoundError, StoreError
from ..models import Annotation, Claim, DocumentRecord, Status, now, publication_day
from ..models import claim_id as make_claim_id
from ..prefixes import by_prefix
from .documents import DocumentFile, Version, documents_path
from .files import (
    atomic_text_file,
    exclusive_lock,
    numbered_lines,
    refuse_read_only,
    refuse_unwritable,
    remove_stale_temporaries,
    replace_atomically,
    same_file,
    undone_on_failure,
)
from .index import ORPHANED, IdIndex, IndexRows, fingerprint_of
from .journal import Entry, Events, Journal, with_events
from .records import dump_record, parse_record, parse_vouched_record
from .rejected import Problem, set_aside

if TYPE_CHECKING:  # pragma: no cover
    from ..clusters.ahead import ClusteredAhead
    from ..clusters.sidecar import Assignment, ClusterFile
    from ..clusters.signature import SignedAhead

STORE_ENV = "CLAIMTRACK_STORE"
DEFAULT_STORE = Path("data") / "claims.jsonl"
# Below this size an annotation is folded into claims.jsonl at once (a rewrite
# takes well under a second); above it, it waits in the journal.
FOLD_BYTES = 32 * 1024 * 1024

# Called with (claim id, line number) for each record whose id an earlier line already has.
DuplicateHandler = Callable[[str, int], None]


def default_store_path(explicit: os.PathLike | str | None = None) -> Path:
    """``--store`` wins, then ``$CLAIMTRACK_STORE``, then ``data/claims.jsonl``."""
    if explicit:
        return Path(explicit)
    return Path(os.environ.get(STORE_ENV) or DEFAULT_STORE)


@dataclass
class FoldReport:
    """What a fold of the journal did: events written into claims, entries set aside."""

    folded: int = 0
    set_aside: list[Problem] = field(default_factory=list)


class ClaimStore:
    """A claims.jsonl file and the operations claimtrack performs on it."""

    def __init__(self, path: os.PathLike | str, *, fold_bytes: int = FOLD_BYTES):
        """``fold_bytes``: up to this size an annotation rewrites claims.jsonl at once; above it, it is journalled."""
        self.path = _through_links(Path(path))
        self.fold_bytes = fold_bytes
        self.journal = Journal(self._beside("journal"))
        self.index = IdIndex(self._beside("idx"), self.path)
        self.documents = DocumentFile(documents_path(self.path), self.path)
        # Called once when a write waits for another process's lock (see files.exclusive_lock): the CLI says so.
        self.on_lock_wait: Callable[[], None] | None = None

    def _beside(self, suffix: str) -> Path:
        return self.path.with_name(f"{self.path.name}.{suffix}")

    @property
    def lock_path(self) -> Path:
        return self._beside("lock")

    @property
    def rejected_path(self) -> Path:
        return self._beside("rejected")

    @property
    def side_files(self) -> list[Path]:
        """Every file the store keeps beside claims.jsonl."""
        suffixes = ("journal", "idx", "lock", "rejected", "clusters")
        return [*(self._beside(suffix) for suffix in suffixes), self.documents.path]

    def own_file(self, path: os.PathLike | str) -> Path | None:
        """The file of this store (claims.jsonl, or one beside it) that ``path`` names, else None.

        Real paths are compared, so a symlink or ``./data/../data/claims.jsonl``
        is caught as well as the plain path; so is a hard link to an existing
        file. Commands that write a file or read articles refuse these: none
        may overwrite the store, nor extract it as if it were an article.
        """
        documents = self.path.with_name("documents.jsonl")
        protected = [self.path, *self.side_files, *([documents] if documents.exists() else [])]
        return next((own for own in protected if same_file(path, own)), None)

    @property
    def clusters_path(self) -> Path:
        return self._beside("clusters")

    def exists(self) -> bool:
        return self.path.exists()

    # -- reading -----------------------------------------------------------

    def __iter__(self) -> Iterator[Claim]:
        return self.iter_claims()

    def iter_claims(self, *, on_duplicate: DuplicateHandler | None = None) -> Iterator[Claim]:
        """Stream every claim, validated, with journalled annotations applied.

        ``on_duplicate`` hears of each record whose id an earlier line already
        has (``claimtrack check`` reports them as problems).
        """
        # The journal is read before the store is opened: a fold in between
        # then only means its events are in both, and replaying is harmless.
        events = self.journal.read()
        # A fresh index that counted no repeated id spares the check; otherwise
        # ids are remembered by their hash: 64 bits a claim, not the ids themselves.
        report = on_duplicate if on_duplicate is not None and self.index.repeats() != 0 else None
        seen: set[int] = set()
        for number, claim in self._records():
            if report is not None:
                key = hash(claim.id)
                if key in seen:
                    report(claim.id, number)
                seen.add(key)
            yield with_events(claim, events[claim.id]) if claim.id in events else claim

    def _records(self) -> Iterator[tuple[int, Claim]]:
        for number, _, claim in self._records_and_lines():
            yield number, claim

    def _records_and_lines(self) -> Iterator[tuple[int, str, Claim]]:
        # Lines claimtrack wrote and the index vouches for need no duplicate-key check.
        parse = parse_vouched_record if self.index.vouched() else parse_record
        for number, line in self._lines():
            yield number, line, parse(line, path=str(self.path), line_number=number)

    def _lines(self) -> Iterator[tuple[int, str]]:
        return numbered_lines(self.path)

    def get(self, id_prefix: str) -> Claim:
        """The one claim whose id starts with ``id_prefix``."""
        if not id_prefix:
            raise ClaimNotFoundError("claim id is empty")
        found = self._find(id_prefix)
        if not found:
            raise ClaimNotFoundError(f"no claim has an id starting with {id_prefix!r}")
        _refuse_duplicate_ids(self.path, found)
        if len(found) > 1:
            ids = [claim.id for _, claim in found]
            shown = ", ".join(ids[:5]) + (", ..." if len(ids) > 5 else "")
            raise ClaimNotFoundError(f"id prefix {id_prefix!r} is ambiguous: it matches {shown}")
        claim = found[0][1]
        return with_events(claim, self.journal.read().get(claim.id, []))

    def cluster_named(self, id_prefix: str) -> NamedCluster:
        """The cluster of the claim ``id_prefix`` names, or else the cluster it names, with its claims, in one
        reading of the store: a cluster keeps the id of the claim that founded it after that claim has gone (its
        document edited or removed), and ``claimtrack clusters`` shows that id. A prefix of a claim's id and of
        another cluster's is ambiguous."""
        if not id_prefix:
            raise ClaimNotFoundError("claim id is empty")
        found = [claim for _, claim in self._find(id_prefix)]
        exact = any(claim.id == id_prefix for claim in found)
        own = {claim.cluster for claim in found if claim.cluster is not None}
        members: dict[str, list[Claim]] = {}
        others: set[str] = set()  # clusters named by the prefix that no claim found is in
        for claim in self.iter_claims():
            cluster = claim.cluster
            if cluster is None:
                continue
            if cluster not in own and not exact and cluster.startswith(id_prefix):
                others.add(cluster)
                if len(others) > 1:
                    continue  # ambiguous, whatever else is read: only the ids are kept, for the message
            elif cluster not in own:
                continue
            members.setdefault(cluster, []).append(claim)
        if found and others and not exact:
            matches = f"claim {found[0].id} and cluster {min(others)}"
            raise ClaimNotFoundError(f"id prefix {id_prefix!r} is ambiguous: it matches {matches}")
        if found:
            claim = self.get(id_prefix)  # one claim, or several: get says which
            return NamedCluster(claim.id, claim, claim.cluster, members[claim.cluster] if claim.cluster else [claim])
        none_found = f"no claim or cluster has an id starting with {id_prefix!r}"
        cluster = by_prefix(id_prefix, others, "cluster", ClaimNotFoundError, none_found=none_found)
        return NamedCluster(cluster, None, cluster, members[cluster])

    def _find(self, id_prefix: str) -> list[tuple[int, Claim]]:
        """``(line, claim)`` for claims whose id starts with ``id_prefix`` (up to six), through the index when it holds."""
        if not self.path.exists():
            return []
        rows = self.index.lookup(id_prefix)
        if rows is None:
            return self._scan_for(id_prefix)
        found = []
        for row in rows:
            claim = self._record_at(row.offset, row.line)
            if claim is None or claim.id != row.id:
                return self._scan_for(id_prefix)  # the index went stale under us
            found.append((row.line, claim))
        return found

    def _record_at(self, offset: int, line: int) -> Claim | None:
        """The record at ``offset``, or None when the store changed since it was indexed."""
        try:
            with self.path.open("rb") as handle:
                handle.seek(offset)
                raw = handle.readline().decode("utf-8", errors="surrogateescape")
            return parse_record(raw, path=str(self.path), line_number=line)
        except (OSError, BadRecordError):
            # A writer replaced the store after the index was checked: the
            # caller falls back to a scan, which reports real bad lines.
            return None

    def _scan_for(self, id_prefix: str) -> list[tuple[int, Claim]]:
        found = []
        for number, claim in self._records():
            if claim.id.startswith(id_prefix):
                found.append((number, claim))
                if len(found) > 5:
                    break
        return found

    # -- writing -------------------------------------------------------------

    @contextlib.contextmanager
    def writing(self, *, any_first_line: bool = False) -> Iterator[None]:
        """Hold the writers' lock for a change: one writer at a time, across processes.

        A read-only store file, and a file whose first line is no claim (an
        article given as ``--store`` by mistake), are refused before anything
        is locked, so no lock file is left beside a file that is no store;
        ``any_first_line`` lets a repair at a bad first line. Temporary files
        left by killed writers are removed.
        """
        refuse_read_only(self.path)
        refuse_read_only(self.documents.path)
        if not any_first_line:
            self._refuse_bad_first_line()
        with exclusive_lock(self.lock_path, waiting=self.on_lock_wait):
            # Before the temporaries go: a killed save's next documents file names its claims file by inode.
            self.documents.recover()
            remove_stale_temporaries(self.path)
            remove_stale_temporaries(self.documents.path)
            yield

    def refuse_unwritable(self) -> None:
        """Raise :class:`StoreError` when a write could not be made (a read-only or immutable store file or
        folder): a long extract checks first, rather than find out after parsing."""
        refuse_unwritable(self.path)
        refuse_unwritable(self.documents.path)

    def _refuse_bad_first_line(self) -> None:
        """Raise :class:`BadRecordError` when the store's first line is not a claim: every change would read it."""
        for number, line in self._lines():
            parse_record(line, path=str(self.path), line_number=number)
            return

    def rewrite(self, transform: Callable[[Iterator[Claim]], Iterable[Claim]]) -> list[Problem]:
        """Replace the store with ``transform(current claims)``, folding in the journal.

        Runs under the lock. Every line is validated first: a bad line stops
        the rewrite with nothing changed. The old store stays intact until
        the new one is complete; journal entries no claim took are set aside
        in ``<store>.rejected`` (and returned) before the journal is cleared.
        """
        with self.writing():
            return self._rewrite_locked(transform)

    def _rewrite_locked(
        self,
        transform: Callable[[Iterator[Claim]], Iterable[Claim]],
        documents: Sequence[DocumentRecord] = (),
        moved: Callable[[], Mapping[str, tuple[str, str]]] | None = None,
        *,
        retired: str | None = None,
    ) -> list[Problem]:
        """Rewrite the store through ``transform``, then make ``documents`` (whose texts are stored) current and
        the document ``retired`` (removed) no longer current; when the documents file cannot be written, the
        store is put back as it was, and this raises.

        ``moved``, called once every claim is written, names the claims written before a merge took their
        cluster (id -> (cluster written, cluster now)): their lines are patched before the new store is made current.
        """
        entries = self.journal.read()
        applied: set[int] = set()
        referenced: set[Version] = set()
        # A vouched store's lines are exactly what dump_record writes today: a claim that comes through
        # the transform as the very object read is written as the line it was read from, not dumped again.
        read = _ReadLines() if self.index.vouched() else None
        current = self._claims_taking(entries, applied, read)
        rows = IndexRows()
        # Claims and documents change together or not at all: a claim never indexes a text that is not its
        # document's current one, nor a document is current whose claims are not written.
        with self._documents_following(), undone_on_failure(self.path):
            with atomic_text_file(self.path) as out:
                for claim in _noting_versions(transform(current), referenced):
                    out.write(rows.note(claim.id, _line_of(claim, read)))
                if moved is not None:
                    _patch_clusters(out, rows, moved())
                pending = self._prepare_documents(out, self.documents.settled(documents, referenced, retired=retired))
            self.documents.commit(pending)
        # Every line was validated on the way in (or is a new claim) and is as dump_record writes it.
        self.index.written(rows, vouched=True)
        return self._finish_fold(entries, applied)

    def _prepare_documents(self, out: TextIO, records: list[DocumentRecord] | None) -> Path | None:
        """Write ``records`` as the documents file of the claims being written to ``out`` (complete: its size
        names it), before those claims are renamed into place."""
        out.flush()
        return self.documents.prepare(records, out.fileno())

    @contextlib.contextmanager
    def _documents_following(self) -> Iterator[None]:
        """When a save fails, leave the documents file matching the claims file as it is then: the new documents
        when the claims could not be put back, the old ones (the next file dropped) when they were."""
        try:
            yield
        except BaseException:
            with contextlib.suppress(OSError):
                self.documents.recover()
            raise

    def _claims_taking(self, entries: Events, applied: set[int], read: _ReadLines | None = None) -> Iterator[Claim]:
        """Every claim with its journal entries applied; the applied entries' lines go into ``applied``,
        and each claim as read with its line into ``read``."""
        first_lines: dict[str, int] = {}
        for number, line, claim in self._records_and_lines():
            _refuse_repeated_id(self.path, first_lines, claim.id, number)
            mine = entries.get(claim.id, [])
            applied.update(entry.line for entry in mine if entry.applies_to(claim))
            if read is not None:
                read[claim.id] = (claim, line)
            yield with_events(claim, mine)

    def _finish_fold(self, entries: Events, applied: set[int]) -> list[Problem]:
        """Set aside the journal entries no claim took, then clear the journal (lock held)."""
        leftovers = [
            (
                Problem(
                    str(self.journal.path),
                    entry.line,
                    f"annotates claim {entry.claim_id}, which is not in the store with the words it was annotated on",
                ),
                entry.raw,
            )
            for batch in entries.values()
            for entry in batch
            if entry.line not in applied and entry.line > 0
        ]
        if leftovers:
            set_aside(self.rejected_path, leftovers)
        self.journal.clear()
        return [problem for problem, _ in leftovers]

    def compact(self) -> FoldReport:
        """Fold every journalled annotation into claims.jsonl, checking every line of it."""
        with self.writing():
            return self._fold_locked()

    def _fold_locked(self, new_entries: Sequence[Entry] = ()) -> FoldReport:
        """Write journalled events (and ``new_entries``) into their claims' lines; copy every other line as it is.

        Every line is validated, so nothing is written over a damaged store,
        but only the annotated claims are written anew.
        """
        entries = self.journal.read()
        for new_entry in new_entries:
            entries.setdefault(new_entry.claim_id, []).append(new_entry)
        if not entries:
            # Nothing to fold; still, a compact that succeeds vouches for every line.
            for _ in self._claims_taking({}, set()):
                pass
            return FoldReport()
        applied: set[int] = set()
        rows = IndexRows()
        # Lines are copied as they are: the new store is as claimtrack writes it when the old one was.
        vouched = self.index.vouched()
        before = fingerprint_of(self.path)
        replace_atomically(self.path, self._lines_with(entries, applied, rows))
        self.index.written(rows, vouched=vouched)
        _cluster_file(self).follow(before, fingerprint_of(self.path))
        set_aside_now = self._finish_fold(entries, applied)
        return FoldReport(folded=len(applied), set_aside=set_aside_now)

    def _lines_with(self, entries: Events, applied: set[int], rows: IndexRows) -> Iterator[str]:
        """Each line of the new store, noted in ``rows`` for the id index."""
        first_lines: dict[str, int] = {}
        for number, line in self._lines():
            claim = parse_record(line, path=str(self.path), line_number=number)
            _refuse_repeated_id(self.path, first_lines, claim.id, number)
            mine = entries.get(claim.id)
            if mine:
                applied.update(entry.line for entry in mine if entry.applies_to(claim))
                yield rows.note(claim.id, dump_record(with_events(claim, mine)) + "\n")
            else:
                yield rows.note(claim.id, line if line.endswith("\n") else line + "\n")

    def replace_documents(
        self,
        extracted: Mapping[str, Iterable[Claim]],
        documents: Sequence[DocumentRecord] = (),
        *,
        cluster: bool = False,
        ahead: SignedAhead | None = None,
        chosen: ClusteredAhead | None = None,
    ) -> Replacement:
        """Store freshly extracted claims for some documents, keeping every annotation.

        A document's old claims are replaced by its new ones (written after the
        other documents). A new claim with the same words at the same span as
        an old one keeps the old id, status and history, and so does one whose
        words moved (a line added above them); an annotated claim
        whose words do not come back is kept, marked ``orphaned``, so no
        fact-checker's work is lost and none lands on other words. The new
        claims are consumed lazily, so they can stream from a :class:`ClaimSpool`.
        ``documents`` (the texts the new claims index) are stored first, so no
        claim ever points to a text that is not there.

        With ``cluster``, each new claim joins the cluster of an earlier
        claim of another document that states the same fact, or founds its
        own (:mod:`claimtrack.clusters`); a claim that keeps its id keeps its cluster.
        Signatures made ``ahead`` (while the claims were being extracted) save making them here, and so do
        the clusters ``chosen`` ahead, while they were chosen against the index as it still is.
        Returns what it did: the annotations set aside, and how many annotated claims it made orphans.
        """
        replacement = Replacement()
        merged = lambda old, outdated=None: _merge_documents(old, extracted, replacement, outdated)  # noqa: E731
        with self.writing():
            self.documents.add_texts(list(documents))
            appendable = self._appendable(extracted)
            if not cluster:
                if appendable is not None:
                    replacement.set_aside = self._append_locked(merged(iter(())), documents, appendable)
                else:
                    replacement.set_aside = self._rewrite_locked(merged, documents)
                return replacement
            published = _publication_days(documents)
            days_of_all = lambda: _publication_days(self.documents.current().values())  # noqa: E731
            with _cluster_file(self).assigning(
                fingerprint_of(self.path), set(extracted), ahead, chosen, published=published, all_published=days_of_all
            ) as assignment:
                if appendable is not None and not assignment.rebuilding:
                    # The store's claims are in the index already: only the new ones pass through the assignment.
                    claims = assignment.assign(merged(iter(())))
                    moved = lambda: _moved_with_orphans(self, assignment)  # noqa: E731
                    replacement.set_aside = self._append_locked(claims, documents, appendable, moved)
                else:
                    outdated = assignment.outdated if assignment.rebuilding else None
                    replacement.set_aside = self._rewrite_locked(
                        lambda old: assignment.assign(merged(old, outdated)), documents, assignment.moved
                    )
                assignment.commit(fingerprint_of(self.path))
            return replacement

    def update_details(self, records: Sequence[DocumentRecord]) -> None:
        """Give stored documents the details (title, date, ...) of ``records``, texts stored already with the same
        settings, without extracting their claims again: only the documents file changes, and the publication
        days the cluster index keeps, which new documents are matched by."""
        with self.writing():
            updated = self.documents.with_details(records)
            if updated is None:
                return
            self.documents.write(updated)
            renewed = {record.doc_id for record in records}
            current = (record for record in updated if record.current and record.doc_id in renewed)
            days = {record.doc_id: publication_day(record.published) for record in current}
            _cluster_file(self).redate(fingerprint_of(self.path), days)

    def _appendable(self, extracted: Mapping[str, Iterable[Claim]]) -> _Appendable | None:
        """The store as it is, if the claims of the documents ``extracted`` can be stored after its last line, in
        a copy, without reading its claims; else None.

        A rewrite reads and validates every claim, and writes each line
        again: 17 seconds for one new document into a store of a million
        claims. When the index vouches for every line (as claimtrack wrote
        it), no annotation waits in the journal to be folded in, and no claim
        of the store is of a document ``extracted`` (to be replaced or carried
        over), the rewrite would copy every line as it is and write the new
        claims after them: this writes the same file.
        """
        before = fingerprint_of(self.path)
        if before is None or before[0] == 0 or not self.index.vouched() or self.journal.has_entries():
            return None
        lines = _lines_of_other_documents(self.path, extracted.keys())
        return None if lines is None else _Appendable(before, lines)

    def _append_locked(
        self,
        new_claims: Iterable[Claim],
        documents: Sequence[DocumentRecord],
        store: _Appendable,
        moved: Callable[[], Mapping[str, tuple[str, str]]] | None = None,
    ) -> list[Problem]:
        """Write a copy of the ``store`` with ``new_claims`` after its last line, then make ``documents`` current:
        what :meth:`_rewrite_locked` writes when no claim of the store changes. ``moved`` as there; the lines
        of the store's claims it names are patched in the copy."""
        referenced: set[Version] = set()
        # As in _rewrite_locked: claims and documents change together.
        with self._documents_following(), undone_on_failure(self.path):
            with atomic_text_file(self.path) as out:
                _copy(self.path, out)
                rows = IndexRows().after(store.fingerprint[0], store.lines)
                for claim in _noting_versions(new_claims, referenced):
                    out.write(rows.note(claim.id, dump_record(claim) + "\n"))
                if moved is not None:
                    changes = moved()
                    _patch_cluster_lines(out, self._line_ends(rows, changes), changes)
                # No claim of the store was read: its texts are all still indexed (appendable: none of new documents).
                pending = self._prepare_documents(out, self.documents.settled(documents, referenced, others_indexed=True))
            self.documents.commit(pending)
        self.index.appended(rows, store.fingerprint)
        return []

    def _line_ends(self, rows: IndexRows, moved: Mapping[str, tuple[str, str]]) -> list[tuple[str, int]]:
        """Where the line of each of the ``moved`` claims ends in the copy being written: the new claims' from
        ``rows``, the store's from its index (which still vouches for the store copied)."""
        if not moved:
            return []
        new_ends = zip(rows.ids, [*rows.offsets[1:], rows.size], strict=True)
        ends = [(claim_id, end) for claim_id, end in new_ends if claim_id in moved]
        new = {claim_id for claim_id, _ in ends}
        for claim_id in moved.keys() - new:
            found = [row for row in self.index.lookup(claim_id) or () if row.id == claim_id]
            if len(found) != 1:
                raise StoreError(f"{claim_id}: not found once in the store's index; nothing was changed")
            ends.append((claim_id, _line_end(self.path, found[0].offset)))
        return ends

    def remove(self, doc_id: str, *, force: bool = False) -> Removal:
        """Remove a document and its claims; annotated claims stay, as orphans, unless ``force``."""
        removal = Removal()

        def without(claims: Iterator[Claim]) -> Iterator[Claim]:
            for claim in claims:
                if claim.doc_id != doc_id:
                    yield claim
                elif claim.annotations and not force:
                    if claim.orphaned:
                        removal.kept_orphans += 1
                    else:
                        removal.orphaned += 1
                    yield claim.model_copy(update={"orphaned": True})
                else:
                    removal.removed += 1

        with self.writing():
            removal.retired = doc_id in self.documents.current()
            if not removal.retired and not any(claim.doc_id == doc_id for claim in self.iter_claims()):
                raise ClaimNotFoundError(f"no document {doc_id!r} in {self.path}")
            before = fingerprint_of(self.path)
            removal.set_aside = self._rewrite_locked(without, retired=doc_id)
            _cluster_file(self).follow(before, fingerprint_of(self.path), removed=doc_id)
        return removal

    def document_text(self, claim: Claim) -> str | None:
        """The stored text the claim's offsets index, or None when the store has none for it."""
        if not self.documents.exists():
            return None
        if claim.doc_sha256 is not None:
            return self.documents.text_of((claim.doc_id, claim.doc_sha256))
        record = self.documents.current().get(claim.doc_id)
        return record.text if record is not None else None

    def annotate(
        self,
        id_prefix: str,
        *,
        status: Status | None = None,
        note: str | None = None,
        evidence: Sequence[str] = (),
        tags: Sequence[str] = (),
    ) -> Claim:
        """Record a fact-check event in one claim's history; return the claim as it now is.

        The claim is found and the event decided (``status`` defaults to the
        claim's current one) under the lock, so no concurrent annotate is
        undone. Durable when this returns: the store is rewritten with the
        event while it is small, and above ``fold_bytes`` the event is an
        fsync'd journal line. When this raises, nothing was recorded.
        """
        with self.writing():
            claim = self.get(id_prefix)
            event = Annotation(at=now(), status=status or claim.status, note=note, evidence=list(evidence), tags=list(tags))
            self._record_locked([(claim, event)])
        return claim.model_copy(update={"annotations": [*claim.annotations, event], "status": event.status})

    def annotate_cluster(self, id_prefix: str, **fields: Any) -> list[Claim]:
        """Record one fact-check event on every claim of the cluster of the claim ``id_prefix`` names, or, when no
        claim's id starts with it, of the cluster whose id does (:meth:`cluster_named`).

        ``fields`` are :meth:`annotate`'s keywords (status, note, evidence,
        tags). Each claim's event says it was applied through the cluster from that
        claim, or that cluster (``applied_from``, ``cluster``). Without a status (a note,
        evidence or tags alone) each claim keeps its own: a note never
        overwrites another copy's verdict. Returns the claims as they now are,
        that claim first. Durable when this returns, as :meth:`annotate` is;
        on a large store the events are journalled in one write.
        """
        with self.writing():
            named = self.cluster_named(id_prefix)
            members = named.members if named.claim is None else [named.claim, *named.others()]
            status = fields.pop("status", None)
            at = now()
            events = [
                (m, Annotation(at=at, status=status or m.status, applied_from=named.id, cluster=named.cluster, **fields))
                for m in members
            ]
            self._record_locked(events)
        return [m.model_copy(update={"annotations": [*m.annotations, e], "status": e.status}) for m, e in events]

    def _record_locked(self, events: Sequence[tuple[Claim, Annotation]]) -> None:
        """Make each event durable in its claim's history: folded in while the store is small, else journalled."""
        if self.path.stat().st_size <= self.fold_bytes:
            self._fold_locked([Entry(0, claim.id, None, event, "") for claim, event in events])
        else:
            self.journal.append_all(events)


@dataclass(frozen=True)
class NamedCluster:
    """What an id given to ``similar`` or ``annotate --cluster`` names: the claim (None when the id is a cluster's
    whose founding claim is gone), its cluster, and the claims of that cluster in store order."""

    id: str  # the claim's id, or the cluster's
    claim: Claim | None
    cluster: str | None
    members: list[Claim]

    def others(self) -> list[Claim]:
        """The claims of the cluster other than the one named."""
        return [member for member in self.members if self.claim is None or member.id != self.claim.id]


@dataclass
class Replacement:
    """What :meth:`ClaimStore.replace_documents` did."""

    # Annotated claims whose words no longer came back, kept as orphans (claims orphaned before are not counted).
    orphaned: int = 0
    set_aside: list[Problem] = field(default_factory=list)


@dataclass
class Removal:
    """What :meth:`ClaimStore.remove` did."""

    removed: int = 0  # claims removed
    orphaned: int = 0  # annotated claims made orphans now
    kept_orphans: int = 0  # claims already orphaned (an earlier remove, or extract), left as they were
    retired: bool = False  # whether the document was current (listed by docs as not removed) until now
    set_aside: list[Problem] = field(default_factory=list)


def _patch_clusters(out: TextIO, rows: IndexRows, moved: Mapping[str, tuple[str, str]]) -> None:
    """Write the cluster each of the ``moved`` claims is in now into its line of ``out``, in place.

    A claim's cluster is the last field of its line as dump_record writes it, and the two cluster ids take the
    same bytes (clusters.assign only merges such), so no other line moves and the id index's offsets hold.
    """
    if moved:
        _patch_cluster_lines(out, zip(rows.ids, [*rows.offsets[1:], rows.size], strict=True), moved)


def _patch_cluster_lines(out: TextIO, ends: Iterable[tuple[str, int]], moved: Mapping[str, tuple[str, str]]) -> None:
    """:func:`_patch_clusters`, with the byte where each claim's line ends (``ends``: claim id, end)."""
    if not moved:
        return
    out.flush()
    fd = out.fileno()
    for claim_id, end in ends:
        change = moved.get(claim_id)
        if change is None or change[0] == change[1]:
            continue
        written, now = (f'"cluster": {json.dumps(cluster)}}}\n'.encode() for cluster in change)
        if len(written) != len(now) or os.pread(fd, len(written), end - len(written)) != written:
            raise StoreError(f"{claim_id}: its line does not end in its cluster as written; nothing was changed")
        os.pwrite(fd, now, end - len(now))


def _moved_with_orphans(store: ClaimStore, assignment: Assignment) -> Mapping[str, tuple[str, str]]:
    """The claims whose clusters the ``assignment`` merged, with the store's orphaned claims among them: a
    rewrite passes each orphan through the assignment, an append has to look for them."""
    if assignment.merged_any() and store.index.orphans() != 0:  # the store copied has orphans, or may have
        assignment.note_orphans(_orphan_clusters(store.path))
    return assignment.moved()


_ORPHANED = ORPHANED.encode()


def _orphan_clusters(path: Path) -> dict[str, str]:
    """The cluster of each orphaned claim of the store at ``path`` (whose lines are as dump_record writes them)."""
    found = {}
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, 1):
            if _ORPHANED in raw:
                claim = parse_record(raw.decode("utf-8"), path=str(path), line_number=number)
                if claim.orphaned and claim.cluster is not None:
                    found[claim.id] = claim.cluster
    return found


class _Appendable(NamedTuple):
    """A store new claims can be written after (see ClaimStore._appendable): its fingerprint, and how many lines."""

    fingerprint: list[int]
    lines: int


def _lines_of_other_documents(path: Path, doc_ids: Iterable[str]) -> int | None:
    """How many lines the store at ``path`` has, if each is a claim as dump_record writes it, with its newline,
    of none of the documents ``doc_ids``; else None.

    Each such line starts with its schema version, id and document id: the
    document id is read from the line's bytes, not the whole line parsed
    (0.7 s for a million claims, against 10 s for reading each).
    """
    wanted = {json.dumps(doc_id, ensure_ascii=False).encode() for doc_id in doc_ids}
    field = b', "doc_id": '
    lines = 0
    with path.open("rb") as handle:
        for raw in handle:
            start = raw.find(field)
            if start < 0 or not raw.endswith(b"\n"):
                return None  # not a line as claimtrack writes it: let the rewrite read it
            start += len(field)
            end = raw.find(b', "doc_path": ', start)
            if end < 0 or raw[start:end] in wanted:
                return None
            lines += 1
    return lines


def _copy(path: Path, out: TextIO) -> None:
    """Copy the file at ``path`` into ``out`` as it is."""
    out.flush()
    with path.open("rb") as source:
        shutil.copyfileobj(source, out.buffer, 1 << 20)
    out.buffer.flush()


def _line_end(path: Path, offset: int) -> int:
    """Where the line starting at byte ``offset`` of the file at ``path`` ends (after its newline)."""
    with path.open("rb") as handle:
        handle.seek(offset)
        return offset + len(handle.readline())


def _publication_days(records: Iterable[DocumentRecord]) -> dict[str, date]:
    """The publication day of each of ``records`` that gives one."""
    days = ((record.doc_id, publication_day(record.published)) for record in records)
    return {doc_id: day for doc_id, day in days if day is not None}


def _cluster_file(store: ClaimStore) -> ClusterFile:
    from ..clusters.sidecar import ClusterFile  # here: rapidfuzz is only needed by writers

    return ClusterFile(store.clusters_path)


# Claim id -> (the claim as read, its line), until the claim is written.
_ReadLines = dict[str, tuple[Claim, str]]


def _line_of(claim: Claim, read: _ReadLines | None) -> str:
    """The store line of ``claim``: the line it was read from when it is that very object (unchanged on its
    way through: annotations, clusters and carried-over ids all make a new one), else dumped anew."""
    kept = read.pop(claim.id, None) if read is not None else None
    if kept is not None and kept[0] is claim:
        return kept[1] if kept[1].endswith("\n") else kept[1] + "\n"
    return dump_record(claim) + "\n"


def _noting_versions(claims: Iterable[Claim], referenced: set[Version]) -> Iterator[Claim]:
    """Pass claims through, noting which document texts they index."""
    for claim in claims:
        if claim.doc_sha256 is not None:
            referenced.add((claim.doc_id, claim.doc_sha256))
        yield claim


def _through_links(path: Path) -> Path:
    """A symlinked store is the file it links to: rewritten in place there and locked beside it."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _refuse_repeated_id(path: Path, first_lines: dict[str, int], claim_id: str, number: int) -> None:
    first = first_lines.setdefault(claim_id, number)
    if first != number:
        raise BadRecordError(
            str(path), number, f"duplicate id {claim_id} (first on line {first}); `claimtrack check --repair` sets it aside"
        )


def _refuse_duplicate_ids(path: Path, found: list[tuple[int, Claim]]) -> None:
    """One id on several lines is damage to repair, not an ambiguity to resolve."""
    lines: dict[str, list[int]] = {}
    for number, claim in found:
        lines.setdefault(claim.id, []).append(number)
    for claim_id, numbers in lines.items():
        if len(numbers) > 1:
            where = ", ".join(map(str, numbers))
            raise StoreError(f"{path}: claim {claim_id} is on lines {where}; `claimtrack check --repair` sets the copies aside")


class _Earlier(NamedTuple):
    """What a re-extraction needs of a document's old claim: its id and cluster, and the claim itself when annotated."""

    id: str
    cluster: str | None
    annotated: Claim | None


_SpanWords = tuple[int, int, str]


def _merge_documents(
    old: Iterator[Claim],
    extracted: Mapping[str, Iterable[Claim]],
    replacement: Replacement,
    outdated: Callable[[list[Claim]], None] | None = None,
) -> Iterator[Claim]:
    """Stream the untouched documents' claims, then the extracted documents' new claims (counting new orphans
    into ``replacement``); the old claims of the extracted documents go to ``outdated`` (if given) in between."""
    earlier: dict[str, dict[_SpanWords, _Earlier]] = {}
    replaced: list[Claim] = []
    for claim in old:
        if claim.doc_id not in extracted:
            yield claim
        else:
            key = (claim.start, claim.end, claim.text)
            earlier.setdefault(claim.doc_id, {})[key] = _Earlier(claim.id, claim.cluster, claim if claim.annotations else None)
            if outdated is not None:
                replaced.append(claim)
    if outdated is not None:
        outdated(replaced)
    for doc_id, new_claims in extracted.items():
        yield from _carry_over(new_claims, earlier.get(doc_id, {}), replacement)


def _carry_over(new_claims: Iterable[Claim], earlier: dict[_SpanWords, _Earlier], replacement: Replacement) -> Iterator[Claim]:
    """New claims under the id and history of the old claim with their words at their span, or with their words
    moved (:func:`_moved`); unmatched annotated claims as orphans.

    Matching on the words as well as the span is what keeps ids stable for
    ids made before the words were part of them, and what keeps a verdict
    from moving to a corrected sentence.
    """
    if not earlier:  # a new document
        yield from new_claims
        return
    claims = list(new_claims)
    matches = [earlier.pop((claim.start, claim.end, claim.text), None) for claim in claims]
    matches = _moved(claims, matches, earlier)
    orphans = [match.annotated for match in earlier.values() if match.annotated is not None]
    # An id carried to other words' place may be the id a new claim is made with (the words it was made for are
    # back at their first place): that claim is given another. A nested claim's parent follows its id.
    taken = {match.id for match in matches if match is not None} | {orphan.id for orphan in orphans}
    renamed: dict[str, str] = {}
    carried: list[Claim] = []
    for claim, match in zip(claims, matches, strict=True):
        update: dict[str, str | list[Annotation] | Status | None] = {}
        if match is not None:
            update.update(id=match.id, cluster=match.cluster)
            if match.annotated is not None:
                update.update(annotations=match.annotated.annotations, status=match.annotated.status)
        elif claim.id in taken:
            update.update(id=_unused_id(claim, taken))
        if "id" in update and update["id"] != claim.id:
            renamed[claim.id] = str(update["id"])
        taken.add(str(update.get("id", claim.id)))
        carried.append(claim.model_copy(update=update) if update else claim)
    for claim in carried:
        yield claim.model_copy(update={"parent": renamed[claim.parent]}) if claim.parent in renamed else claim
    for orphan in orphans:
        replacement.orphaned += not orphan.orphaned
        yield orphan.model_copy(update={"orphaned": True})


def _unused_id(claim: Claim, taken: set[str]) -> str:
    """An id for ``claim`` other than those ``taken``, the same in every extract of the same text."""
    for n in itertools.count(1):
        candidate = make_claim_id(claim.doc_id, claim.start, claim.end, f"{claim.text}\0{n}")
        if candidate not in taken:
            return candidate
    raise AssertionError("unreachable")


def _moved(claims: list[Claim], matches: list[_Earlier | None], earlier: dict[_SpanWords, _Earlier]) -> list[_Earlier | None]:
    """``matches`` with each claim that found no old claim at its span given the old claim left with the same words
    elsewhere (taken from ``earlier``), the n-th such claim of a text the n-th old one: a line added above them,
    or a paragraph moved, changes every offset after it and no word of the claims."""
    unmatched: dict[str, list[int]] = {}
    for n, (claim, match) in enumerate(zip(claims, matches, strict=True)):
        if match is None:
            unmatched.setdefault(claim.text, []).append(n)
    if not unmatched:
        return matches
    matches = list(matches)
    for key in sorted(key for key in earlier if key[2] in unmatched):
        waiting = unmatched[key[2]]
        if waiting:
            old = earlier.pop(key)
            # Words back at the place their id was made for take it back.
            taker = next((n for n in waiting if claims[n].id == old.id), waiting[0])
            waiting.remove(taker)
            matches[taker] = old
    return matches
