"""``claimtrack check``: find every bad line of a store, and set bad lines aside on request."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from ..errors import BadRecordError
from .claims import ClaimStore
from .files import append_durably, replace_atomically
from .journal import parse_entry
from .records import parse_record

# (path, numbered raw lines) -> (line number, raw line, problem or None) for each line.
Verdicts = Callable[[str, Iterable[tuple[int, str]]], Iterator[tuple[int, str, Optional["Problem"]]]]


@dataclass(frozen=True)
class Problem:
    """One bad line: ``path:line: message``."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


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
    known: set[str] = set()
    problems = [p for _, _, p in _classify(store.path, _claim_verdicts(known)) if p]
    problems += [p for _, _, p in _classify(store.journal.path, _journal_verdicts(known)) if p]
    return problems


def repair_store(store: ClaimStore) -> RepairReport:
    """Move every bad line of the store and journal to ``<store>.rejected``, never deleting one.

    Each bad line is appended to the side file (fsync'd) before its file is
    rewritten without it, all under the writers' lock.
    """
    report = RepairReport(side_file=store.path.with_name(store.path.name + ".rejected"))
    known: set[str] = set()
    with store.locked():
        _set_aside(store.path, _claim_verdicts(known), report)
        _set_aside(store.journal.path, _journal_verdicts(known), report)
    return report


def _set_aside(path: Path, verdicts: Verdicts, report: RepairReport) -> None:
    lines = list(_classify(path, verdicts))
    bad = [(raw, problem) for _, raw, problem in lines if problem]
    if not bad:
        return
    stamp = datetime.now(timezone.utc).isoformat(timespec="seconds")
    for raw, problem in bad:
        # The comment line says where the record came from and why it was moved.
        append_durably(report.side_file, f"# {stamp} {problem}\n{_as_line(raw)}", errors="surrogateescape")
        report.problems.append(problem)
    replace_atomically(path, (_as_line(raw) for _, raw, problem in lines if not problem), errors="surrogateescape")


def _as_line(raw: str) -> str:
    return raw if raw.endswith("\n") else raw + "\n"


def _classify(path: Path, verdicts: Verdicts) -> Iterator[tuple[int, str, Optional[Problem]]]:
    try:
        # Bytes that are not UTF-8 survive the round trip to the side file intact.
        handle = path.open(encoding="utf-8", errors="surrogateescape")
    except FileNotFoundError:
        return
    with handle:
        yield from verdicts(str(path), ((n, raw) for n, raw in enumerate(handle, 1) if raw.strip()))


def _claim_verdicts(known: set[str]) -> Verdicts:
    """Judge store lines, collecting the ids of good records into ``known``."""

    def verdicts(path: str, numbered: Iterable[tuple[int, str]]):
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
            known.add(claim.id)
            yield number, raw, None

    return verdicts


def _journal_verdicts(known: set[str]) -> Verdicts:
    """Judge journal lines; an event for a claim not in ``known`` is a problem too."""

    def verdicts(path: str, numbered: Iterable[tuple[int, str]]):
        for number, raw in numbered:
            try:
                claim_id, _ = parse_entry(raw, path=path, line_number=number)
            except BadRecordError as exc:
                yield number, raw, Problem(path, number, exc.problem)
                continue
            problem = None if claim_id in known else Problem(path, number, f"annotates unknown claim {claim_id}")
            yield number, raw, problem

    return verdicts
