"""``claimtrack check``: find every bad line of a store, and set bad lines aside on request."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BadRecordError, StoreError
from ..models import Claim, DocumentRecord, Status, text_digest
from .claims import ClaimStore
from .documents import lookup_in, parse_document
from .files import numbered_lines, replace_atomically
from .index import IndexRows, fingerprint_of
from .journal import parse_entry
from .records import dump_record, parse_record
from .rejected import Problem, as_line, set_aside

__all__ = ["Problem", "RepairReport", "check_store", "refuse_non_store", "repair_store", "span_mismatch"]

# (path, numbered raw lines) -> (line number, raw line, problem or None) for each line.
Verdicts = Callable[[str, Iterable[tuple[int, str]]], Iterator[tuple[int, str, Problem | None]]]


@dataclass
class RepairReport:
    """What :func:`repair_store` moved, and where to; and what it could not repair (``remaining``)."""

    side_file: Path
    problems: list[Problem] = field(default_factory=list)
    # Claims that do not hold together with the store (see _claim_problems): no line to set aside fixes them.
    remaining: list[Problem] = field(default_factory=list)

    @property
    def moved(self) -> int:
        return len(self.problems)


def check_store(store: ClaimStore) -> list[Problem]:
    """Every problem in the store, its journal and its documents, in file order; nothing is changed.

    Besides bad lines, each claim's offsets are checked against the document
    text they index: ``document[start:end]`` must be the claim's words, in a
    text stored on a good line of the documents file (a text on a bad line is
    as good as lost: :func:`repair_store` sets that line aside). These
    problems carry their ``document``: :func:`repair_store` cannot fix them.
    """
    refuse_non_store(store.path)
    known: dict[str, str] = {}
    before = fingerprint_of(store.path)
    canonical = _CanonicalRows()
    problems = [p for _, _, p in _classify(store.path, _claim_verdicts(known, on_good=canonical.note)) if p]
    rows = canonical.rows
    if not problems and rows is not None and before is not None and not _starts_with_bom(store.path):
        # A sound store whose every line is as claimtrack writes it: the index vouches for it,
        # so queries may read it with DuckDB (see claimtrack.duckquery) until it next changes.
        store.index.written(rows, vouched=True, fingerprint=before)
    problems += [p for _, _, p in _classify(store.journal.path, _journal_verdicts(known), complete_only=True) if p]
    texts: list[DocumentRecord] = []
    problems += [p for _, _, p in _classify(store.documents.source(), _document_verdicts(texts.append)) if p]
    return problems + _claim_problems(store, texts, known)


def refuse_non_store(path: Path) -> None:
    """Raise :class:`StoreError` when ``path`` has lines and not one of them is a claim record.

    Such a file is something else given as ``--store`` by mistake (an
    article, a documents file): every line of it is "bad", and a repair
    would move the whole file into the side file and leave it empty.
    A store with one good line is a damaged store, which check reports line
    by line and --repair mends.
    """
    has_lines = False
    for number, raw in numbered_lines(path):
        has_lines = True
        try:
            parse_record(raw, path=str(path), line_number=number)
        except BadRecordError:
            continue
        return
    if has_lines:
        raise StoreError(f"{path}: not a claim store (no line of it is a claim record); it was left as it is")


class _CanonicalRows:
    """The index rows of a store's good lines, while every one is exactly as claimtrack writes it."""

    def __init__(self) -> None:
        self.rows: IndexRows | None = IndexRows()

    def note(self, raw: str, claim: Claim) -> None:
        if self.rows is not None and raw != dump_record(claim) + "\n":
            self.rows = None  # written by another program: valid, but not byte for byte as claimtrack would
        if self.rows is not None:
            self.rows.note(claim.id, raw)


def _starts_with_bom(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(3) == b"\xef\xbb\xbf"


def _claim_problems(store: ClaimStore, texts: list[DocumentRecord], known: dict[str, str]) -> list[Problem]:
    """The store's good lines that do not hold together with the rest of the store, in file order: claims whose
    text is not as stored (:func:`_text_problem`), whose status no event records (:func:`_status_problem`), or
    whose parent is none of the claims ``known`` (an orphan's may have gone with the text it was in)."""
    document_of = lookup_in(texts)
    current = {record.doc_id: record.sha256 for record in texts if record.current}
    path, problems = str(store.path), []
    for number, line in numbered_lines(store.path):
        try:
            claim = parse_record(line, path=path, line_number=number)
        except BadRecordError:
            continue  # already reported
        message = _text_problem(claim, document_of(claim), current)
        if message:
            problems.append(Problem(path, number, message, document=claim.doc_id))
        if claim.parent is not None and claim.parent not in known and not claim.orphaned:
            message = f"claim {claim.id} names as its parent {claim.parent}, which no claim of the store has"
            problems.append(Problem(path, number, message, document=claim.doc_id))
        message = _status_problem(claim)
        if message:
            problems.append(Problem(path, number, message, claim=claim.id))
    return problems


def _text_problem(claim: Claim, document: DocumentRecord | None, current: dict[str, str]) -> str | None:
    """What is wrong with the stored text ``claim`` indexes (``document``; ``current``: each document's current
    text), or None.

    A claim that names no text (``doc_sha256``) and has none is from before
    texts were kept, and has nothing to be checked against; one that names a
    text nobody can show it in any more (``show`` falls back to its sentence,
    ``render`` refuses) is a problem, whether the documents file lost the
    line or is gone altogether. So is a claim, not orphaned, that indexes a
    text that is not its document's current one (a save stopped between
    writing the claims and settling the documents): ``docs`` lists the
    other text, and a later extract of that text takes it for stored.
    """
    if document is None and claim.doc_sha256 is None:
        return None  # extracted before documents were kept, and its document is gone
    if document is None:
        return f"claim {claim.id} indexes a text of document {claim.doc_id!r} that is not stored"
    if claim.doc_sha256 is not None and not claim.orphaned and current.get(claim.doc_id) != claim.doc_sha256:
        return f"claim {claim.id} indexes a text of document {claim.doc_id!r} that is not its current one"
    return span_mismatch(claim, document.text)


def _status_problem(claim: Claim) -> str | None:
    """How ``claim``'s status disagrees with its history (annotate makes it the last event's status), or None:
    a verdict no event records has no date, note nor evidence behind it."""
    if not claim.annotations:
        if claim.status is Status.unverified:
            return None
        return f"claim {claim.id} is marked {claim.status.value} but has no event in its history"
    last = claim.annotations[-1].status
    if claim.status is last:
        return None
    return f"claim {claim.id} is marked {claim.status.value} but the last event of its history says {last.value}"


def span_mismatch(claim: Claim, text: str) -> str | None:
    """What in ``claim`` does not index ``text`` as the record contract promises, or None."""
    spans = [
        ("claim", claim.start, claim.end, claim.text),
        ("sentence", claim.sentence_start, claim.sentence_end, claim.sentence),
    ]
    spans += [
        (name, span.start, span.end, span.text)
        for name, span in (("source", claim.source), ("cue", claim.cue))
        if span is not None
    ]
    for name, start, end, words in spans:
        if text[start:end] != words:
            return f"claim {claim.id}: the {name} is not at [{start}:{end}] of document {claim.doc_id!r}"
    return None


def repair_store(store: ClaimStore) -> RepairReport:
    """Move every bad line of the store, journal and documents to ``<store>.rejected``, never deleting one;
    then list (as ``remaining``) the claims that do not hold together with the store (:func:`_claim_problems`),
    which no move fixes.

    Each bad line is appended to the side file (fsync'd) before its file is
    rewritten without it, all under the writers' lock. A line already in the
    side file is not written there again, so a repair that was killed half
    way is finished by running it again.
    """
    refuse_non_store(store.path)
    report = RepairReport(side_file=store.rejected_path)
    known: dict[str, str] = {}
    with store.writing(any_first_line=True):
        _set_aside(store.path, _claim_verdicts(known), report)
        _set_aside(store.journal.path, _journal_verdicts(known), report, complete_only=True)
        texts: list[DocumentRecord] = []
        _set_aside(store.documents.path, _document_verdicts(texts.append), report)
        report.remaining = _claim_problems(store, texts, known)
    return report


def _set_aside(path: Path, verdicts: Verdicts, report: RepairReport, *, complete_only: bool = False) -> None:
    lines = list(_classify(path, verdicts, complete_only=complete_only))
    bad = [(problem, raw) for _, raw, problem in lines if problem]
    if not bad:
        return
    set_aside(report.side_file, bad)
    report.problems.extend(problem for problem, _ in bad)
    replace_atomically(path, (as_line(raw) for _, raw, problem in lines if not problem), errors="surrogateescape")


def _classify(path: Path, verdicts: Verdicts, *, complete_only: bool = False) -> Iterator[tuple[int, str, Problem | None]]:
    # Bytes that are not UTF-8 survive the round trip to the side file intact.
    yield from verdicts(str(path), numbered_lines(path, complete_only=complete_only))


def _claim_verdicts(known: dict[str, str], on_good: Callable[[str, Claim], None] | None = None) -> Verdicts:
    """Judge store lines, collecting each good record's id and words digest into ``known``
    (and telling ``on_good`` of each good line and its claim)."""

    def verdicts(path: str, numbered: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str, Problem | None]]:
        first_seen: dict[str, int] = {}
        for number, raw in numbered:
            try:
                claim = parse_record(raw, path=path, line_number=number)
            except BadRecordError as exc:
                yield number, raw, Problem(path, number, exc.problem)
                continue
            if claim.id in first_seen:
                yield number, raw, Problem(path, number, f"duplicate id {claim.id} (first on line {first_seen[claim.id]})")
                continue
            first_seen[claim.id] = number
            known[claim.id] = text_digest(claim.text)
            if on_good is not None:
                on_good(raw, claim)
            yield number, raw, None

    return verdicts


def _document_verdicts(on_good: Callable[[DocumentRecord], None]) -> Verdicts:
    """Judge the documents file's lines, telling ``on_good`` of each good line's record."""

    def verdicts(path: str, numbered: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str, Problem | None]]:
        for number, raw in numbered:
            try:
                record = parse_document(raw, path=path, line_number=number)
            except BadRecordError as exc:
                yield number, raw, Problem(path, number, exc.problem)
                continue
            on_good(record)
            yield number, raw, None

    return verdicts


def _journal_verdicts(known: dict[str, str]) -> Verdicts:
    """Judge journal lines; an event no claim of the store can take is a problem too."""

    def verdicts(path: str, numbered: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str, Problem | None]]:
        for number, raw in numbered:
            try:
                entry = parse_entry(raw, path=path, line_number=number)
            except BadRecordError as exc:
                yield number, raw, Problem(path, number, exc.problem)
                continue
            if entry.claim_id not in known:
                yield number, raw, Problem(path, number, f"annotates unknown claim {entry.claim_id}")
            elif entry.digest is not None and entry.digest != known[entry.claim_id]:
                yield number, raw, Problem(path, number, f"annotates claim {entry.claim_id} with other words than it now has")
            else:
                yield number, raw, None

    return verdicts
