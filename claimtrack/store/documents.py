"""``<name>.documents.jsonl``: the texts the claims index, with where each came from.

One validated :class:`~claimtrack.models.DocumentRecord` a line. The file is
written only by a :class:`~claimtrack.store.ClaimStore` holding its lock,
atomically, like the claims: a new text before the claims that index it, so
a claim never points to a text that is not there, and made current only
with them, so a document is never taken for stored when its claims are not.

Two files cannot be renamed in one step, so the documents file that goes
with new claims is written first, beside this one, as
``<name>.documents.jsonl.next-<inode>-<size>``: the inode and size of the
new claims file, fsync'd but not yet renamed into place. Then the claims are
renamed into place, then the next documents file. A reader that finds a next
file naming the claims file as it is reads that one (a ``kill -9`` came
between the two renames); one naming any other claims file is the leftover of
a save that never got its claims into place, and is ignored. Either way
``claims``, ``docs`` and ``check`` read the old state or the new one, never
half of each; the next writer finishes the save or drops the leftover
(:meth:`DocumentFile.recover`).

A document id has one current record (its latest extraction); older texts
are kept while an orphaned claim still indexes them, and dropped once none
does.
"""

from __future__ import annotations

import contextlib
import glob
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from pydantic import ValidationError

from ..errors import BadRecordError
from ..models import Claim, DocumentRecord
from .files import fsync_directory, numbered_lines, replace_atomically
from .records import describe_validation_error, load_json_object

# A (doc_id, sha256) pair: one text of one document.
Version = tuple[str, str]

# What a document's record says of it besides its text: what a reader takes from the page or the front matter,
# which an editor may correct (a date, a title) while the words stay the same.
DETAILS = ("url", "title", "author", "publisher", "published")


def documents_path(store_path: Path) -> Path:
    """``data/claims.jsonl`` -> ``data/claims.documents.jsonl``."""
    return store_path.with_name(store_path.name.removesuffix(".jsonl") + ".documents.jsonl")


class DocumentFile:
    """The documents file beside a claim store (``claims_path``: the store's claims file, which the documents file
    written for it names; see the module's docstring)."""

    def __init__(self, path: Path, claims_path: Path | None = None):
        self.path = path
        self.claims_path = claims_path

    def exists(self) -> bool:
        return self.source().exists()

    def source(self) -> Path:
        """The file that holds the documents of the claims file as it is: the next documents file when a save was
        stopped after renaming its claims into place, else the documents file itself."""
        identity = self._claims_identity()
        for pending in self._pending():
            if identity is not None and pending.name.endswith(f".next-{identity}"):
                return pending
        return self.path

    def _pending(self) -> list[Path]:
        return sorted(self.path.parent.glob(f"{glob.escape(self.path.name)}.next-*"))

    def _claims_identity(self) -> str | None:
        if self.claims_path is None:
            return None
        try:
            return _identity(os.stat(self.claims_path))
        except FileNotFoundError:
            return None

    def __iter__(self) -> Iterator[DocumentRecord]:
        source = self.source()
        for number, line in numbered_lines(source):
            yield parse_document(line, path=str(source), line_number=number)

    def current(self) -> dict[str, DocumentRecord]:
        """The current record of each document id."""
        return {record.doc_id: record for record in self if record.current}

    def removed(self) -> dict[str, DocumentRecord]:
        """The latest text of each document id with no current one: a removed document, kept (see
        :meth:`settled`) only while its annotated claims, kept as orphans, index it."""
        records = list(self)
        current = {record.doc_id for record in records if record.current}
        latest: dict[str, DocumentRecord] = {}
        for record in records:
            kept = latest.get(record.doc_id)
            if record.doc_id not in current and (kept is None or record.extracted_at > kept.extracted_at):
                latest[record.doc_id] = record
        return latest

    def lookup(self) -> Callable[[Claim], DocumentRecord | None]:
        """A function from a claim to the record of the text it indexes (None when none is stored)."""
        return lookup_in(list(self))

    def text_of(self, version: Version) -> str | None:
        """One stored text, parsing only the line that holds it."""
        marker = f'"sha256":"{version[1]}"'
        source = self.source()
        for number, line in numbered_lines(source):
            if marker in line:
                record = parse_document(line, path=str(source), line_number=number)
                if (record.doc_id, record.sha256) == version:
                    return record.text
        return None

    def write(self, records: Iterable[DocumentRecord]) -> None:
        """Replace the file with ``records`` (call with the claim store's lock held)."""
        replace_atomically(self.path, (record.model_dump_json() + "\n" for record in records))

    def add_texts(self, new: list[DocumentRecord]) -> None:
        """Store the texts of ``new`` that are not stored yet, not current: written before the claims that
        index them, so no claim points to a text that is not there, and made current (:meth:`settled`) only
        once those claims are written, so a run stopped in between (a crash, a ``kill -9``) extracts them
        again rather than skipping them as stored already."""
        records = list(self) if self.exists() else []
        stored = {(record.doc_id, record.sha256) for record in records}
        texts = [record.model_copy(update={"current": False}) for record in new if (record.doc_id, record.sha256) not in stored]
        if texts:
            self.write([*records, *texts])

    def settled(
        self, new: Sequence[DocumentRecord], referenced: set[Version], *, others_indexed: bool = False, retired: str | None = None
    ) -> list[DocumentRecord] | None:
        """Make ``new`` the current records of their document ids, the ids' earlier texts no longer current, and
        drop the texts that are neither current nor indexed by a claim (``referenced``): the records to write, or
        None when nothing changes (or there is no documents file). With
        ``others_indexed``, the texts of every other document count as indexed (their claims were not read).
        No record of the document ``retired`` (removed) stays current.

        A text stored already keeps its record (and when it was first
        extracted) unless it was extracted with other settings or its details
        (:data:`DETAILS`) changed, so extracting an unchanged document changes no byte.
        """
        if not self.path.exists():
            return None
        records = list(self)
        retiring = any(record.doc_id == retired and record.current for record in records)
        if retiring:
            records = [record.model_copy(update={"current": False}) if record.doc_id == retired else record for record in records]
        stored = {(record.doc_id, record.sha256): record for record in records}
        fresh = {(record.doc_id, record.sha256): _kept(stored.get((record.doc_id, record.sha256)), record) for record in new}
        unchanged = all(record.current and stored.get(key) is record for key, record in fresh.items())
        if not unchanged:
            replaced = {doc_id for doc_id, _ in fresh}
            earlier = (record for record in records if (record.doc_id, record.sha256) not in fresh)
            records = [
                *(record.model_copy(update={"current": False}) if record.doc_id in replaced else record for record in earlier),
                *(record.model_copy(update={"current": True}) for record in fresh.values()),
            ]
        if others_indexed:
            renewed = {record.doc_id for record in new}
            referenced = referenced | {(record.doc_id, record.sha256) for record in records if record.doc_id not in renewed}
        kept = [record for record in records if record.current or (record.doc_id, record.sha256) in referenced]
        return kept if retiring or not unchanged or len(kept) != len(records) else None

    def with_details(self, updates: Iterable[DocumentRecord]) -> list[DocumentRecord] | None:
        """The records with the details (:data:`DETAILS`) of ``updates`` given to the current record of the same
        document, text and settings, which keeps when it was extracted (its claims are not extracted again); None
        when none of them changes (another run replaced the text in between, or gave it these details already)."""
        wanted = {(record.doc_id, record.sha256, record.extraction_settings): record for record in updates}
        changed = False
        records = []
        for record in self:
            update = wanted.get((record.doc_id, record.sha256, record.extraction_settings)) if record.current else None
            if update is not None and changed_details(record, update):
                record = record.model_copy(update={name: getattr(update, name) for name in DETAILS})
                changed = True
            records.append(record)
        return records if changed else None

    def prepare(self, records: list[DocumentRecord] | None, claims: int) -> Path | None:
        """Write ``records`` as the next documents file of the claims file open (not yet renamed into place) as
        the file descriptor ``claims``; None when there is nothing to write. :meth:`commit` makes it current."""
        if records is None:
            return None
        pending = self.path.with_name(f"{self.path.name}.next-{_identity(os.fstat(claims))}")
        replace_atomically(pending, (record.model_dump_json() + "\n" for record in records))
        return pending

    def commit(self, pending: Path | None) -> None:
        """Make the next documents file ``pending`` the documents file, once its claims file is in place."""
        if pending is not None:
            os.replace(pending, self.path)
            fsync_directory(self.path.parent)

    def recover(self) -> None:
        """Finish a save stopped between its two renames, or drop what a save that never renamed its claims left
        (call with the store's lock held, before anything is written)."""
        source = self.source()
        for pending in self._pending():
            if pending == source:
                self.commit(pending)
            else:
                with contextlib.suppress(FileNotFoundError):
                    pending.unlink()


def lookup_in(records: Iterable[DocumentRecord]) -> Callable[[Claim], DocumentRecord | None]:
    """A function from a claim to the one of ``records`` that holds the text it indexes (None when none does):
    the text of its ``doc_sha256``, else (claims from before it was recorded) its document's current text."""
    records = list(records)
    by_version = {(record.doc_id, record.sha256): record for record in records}
    current = {record.doc_id: record for record in records if record.current}

    def find(claim: Claim) -> DocumentRecord | None:
        if claim.doc_sha256 is not None:
            return by_version.get((claim.doc_id, claim.doc_sha256))
        return current.get(claim.doc_id)

    return find


def _identity(stat: os.stat_result) -> str:
    """What names one claims file across its rename into place: its inode and size."""
    return f"{stat.st_ino}-{stat.st_size}"


def _kept(stored: DocumentRecord | None, new: DocumentRecord) -> DocumentRecord:
    """The record to keep for a text extracted again: the stored one, unless the settings or the details changed."""
    if stored is None or stored.extraction_settings != new.extraction_settings or changed_details(stored, new):
        return new
    return stored


def changed_details(stored: DocumentRecord, new: DocumentRecord) -> list[str]:
    """The details (:data:`DETAILS`) in which ``new`` differs from ``stored``, in that order."""
    return [name for name in DETAILS if getattr(stored, name) != getattr(new, name)]


def parse_document(line: str, *, path: str, line_number: int) -> DocumentRecord:
    """Validate one line as a :class:`DocumentRecord`, or raise :class:`BadRecordError`."""
    data = load_json_object(line, path=path, line_number=line_number)
    try:
        return DocumentRecord.model_validate(data)
    except ValidationError as exc:
        raise BadRecordError(path, line_number, describe_validation_error(exc)) from None


def stored_path(path: str | None, store_dir: Path) -> str | None:
    """A document's path as kept in the store: a URL as it is, a file relative to the store's directory."""
    if path is None or "://" in path:
        return path
    return os.path.relpath(os.path.abspath(path), os.path.abspath(store_dir))


def same_source(path: str | None, record: DocumentRecord, store_dir: Path) -> bool:
    """Whether ``path`` (as given now) is where ``record`` was read from."""
    if path is None or record.path is None:
        return False
    if "://" in path:
        return path == record.path
    return os.path.realpath(path) == os.path.realpath(store_dir / record.path)
