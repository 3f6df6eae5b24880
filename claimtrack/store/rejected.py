"""``<store>.rejected``: where lines that cannot stay in the store go, instead of being deleted.

Each line set aside is written after a comment that says when, where it
came from and why: ``# <time> <file>:<line>: <reason>``. Setting aside is
idempotent: a line already in the side file is not written again, so a
command killed between setting lines aside and rewriting the store can
simply be run again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .files import append_durably, numbered_lines


@dataclass(frozen=True)
class Problem:
    """One bad line, ``path:line: message``; or a claim's line that is sound in itself, which setting it aside
    would not fix: with ``document``, one that does not hold together with that document as stored (its words are
    not in the text, or its parent is no claim), which extracting it again fixes; with ``claim``, one whose status no
    event of its history records, which annotating it with that status fixes."""

    path: str
    line: int
    message: str
    document: str | None = None
    claim: str | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def as_line(raw: str) -> str:
    return raw if raw.endswith("\n") else raw + "\n"


def set_aside(side_file: Path, lines: Iterable[tuple[Problem, str]]) -> list[Problem]:
    """Append each ``(problem, raw line)`` to ``side_file`` unless that line is already there.

    Returns the problems whose lines were written now. Every append is
    fsync'd before this returns, so the caller may then drop the lines from
    their own file.
    """
    already = {as_line(raw) for _, raw in numbered_lines(side_file) if not raw.startswith("# ")}
    written = []
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    for problem, raw in lines:
        line = as_line(raw)
        if line in already:
            continue
        append_durably(side_file, f"# {stamp} {problem}\n{line}", errors="surrogateescape")
        already.add(line)
        written.append(problem)
    return written
