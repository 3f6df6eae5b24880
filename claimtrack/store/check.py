"""``claimtrack check``: find every bad line of a store, and set bad lines aside on request."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from ..errors import BadRecordError
from ..models import text_digest
from .claims import ClaimStore
from .files import numbered_lines, replace_atomically
from .journal import parse_entry
from .records import parse_record
from .rejected import Problem, as_line, set_aside

__all__ = ["Problem", "RepairReport", "check_store", "repair_store"]

# (path, numbered raw lines) -> (line number, raw line, problem or None) for each line.
Verdicts = Callable[[str, Iterable[tuple[int, str]]], Iterator[tuple[int, str, Optional[Problem]]]]


@dataclass
class RepairReport:
    """What :func:`repair_store` moved, and where to."""

    side_file: Path
    problems: list[Problem] = field(default_factory=list)

    @property
    def moved(self) -> int:
        return len(self.problems)


def check_store(store: ClaimStore) -> list[Problem]:
    """Every problem in the store and its journal, in file order; nothing is changed."""
    known: dict[str, str] = {}
    problems = [p for _, _, p in _classify(store.path, _claim_verdicts(known)) if p]
    problems += [p for _, _, p in _classify(store.journal.path, _journal_verdicts(known), complete_only=True) if p]
    return problems


def repair_store(store: ClaimStore) -> RepairReport:
    """Move every bad line of the store and journal to ``<store>.rejected``, never deleting one.

    Each bad line is appended to the side file (fsync'd) before its file is
    rewritten without it, all under the writers' lock. A line already in the
    side file is not written there again, so a repair that was killed half
    way is finished by running it again.
    """
    report = RepairReport(side_file=store.rejected_path)
    known: dict[str, str] = {}
    with store.writing():
        _set_aside(store.path, _claim_verdicts(known), report)
        _set_aside(store.journal.path, _journal_verdicts(known), report, complete_only=True)
    return report


def _set_aside(path: Path, verdicts: Verdicts, report: RepairReport, *, complete_only: bool = False) -> None:
    lines = list(_classify(path, verdicts, complete_only=complete_only))
    bad = [(problem, raw) for _, raw, problem in lines if problem]
    if not bad:
        return
    set_aside(report.side_file, bad)
    report.problems.extend(problem for problem, _ in bad)
    replace_atomically(path, (as_line(raw) for _, raw, problem in lines if not problem), errors="surrogateescape")


def _classify(path: Path, verdicts: Verdicts, *, complete_only: bool = False) -> Iterator[tuple[int, str, Optional[Problem]]]:
    # Bytes that are not UTF-8 survive the round trip to the side file intact.
    yield from verdicts(str(path), numbered_lines(path, complete_only=complete_only))


def _claim_verdicts(known: dict[str, str]) -> Verdicts:
    """Judge store lines, collecting each good record's id and words digest into ``known``."""

    def verdicts(path: str, numbered: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str, Optional[Problem]]]:
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
            yield number, raw, None

    return verdicts


def _journal_verdicts(known: dict[str, str]) -> Verdicts:
    """Judge journal lines; an event no claim of the store can take is a problem too."""

    def verdicts(path: str, numbered: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str, Optional[Problem]]]:
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
