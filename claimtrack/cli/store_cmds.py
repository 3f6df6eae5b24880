"""`claimtrack check` and `claimtrack compact`: looking after the store itself."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..store import Problem, check_store, repair_store
from .common import StoreOption, counted, handle_errors, open_store, say, warn_set_aside
from .safe_text import visible


@handle_errors
def check_command(
    repair: bool = typer.Option(False, "--repair", help="Move every bad line to <store>.rejected (nothing is deleted)."),
    store: Path | None = StoreOption,
) -> None:
    """Validate every line of the store and list each problem.

    Each problem is printed as FILE:LINE: what is wrong. With --repair the
    bad lines (invalid JSON, invalid records, duplicate ids, annotations of
    unknown claims) are moved to a side file named after the store, with a
    comment saying why, and the store keeps only good lines. A file none of
    whose lines is a claim record (an article given as --store by mistake)
    is no store: it is refused, and left as it is.

    A claim whose words are not in its document's stored text (the text was
    lost, or the claim edited), that indexes a text that is not its
    document's current one (a save stopped half way), or whose parent is no
    claim of the store, is no bad line: --repair lists it and leaves it;
    extracting its document again (extract --force) fixes it, and keeps
    every annotation. Nor is a claim whose status no event of its history
    records (a hand edit): annotate records the verdict.

    Exit status: 0 when the store is sound (or was repaired), 1 when
    problems were found and not repaired.

    \b
    Examples:
      claimtrack check
      claimtrack check --repair --store archive/claims.jsonl
    """
    target = open_store(store)
    if repair:
        report = repair_store(target)
        _print_problems(report.problems)
        if report.moved:
            say(f"Moved {counted(report.moved, 'bad line')} to {report.side_file}")
        _print_problems(report.remaining)
        if report.remaining:
            say(f"{counted(len(report.remaining), 'problem')} left; {'; '.join(_unrepairable(report.remaining))}")
            raise typer.Exit(1)
        if not report.moved:
            say(f"{target.path}: no problems")
        return
    problems = check_store(target)
    _print_problems(problems)
    if problems:
        say(f"{counted(len(problems), 'problem')}; {_advice(problems)}")
        raise typer.Exit(1)
    say(f"{target.path}: no problems")


def _advice(problems: list[Problem]) -> str:
    """What fixes ``problems``: --repair sets bad lines aside; the rest need what :func:`_unrepairable` says."""
    bad = sum(problem.document is None and problem.claim is None for problem in problems)
    lines = "the bad lines" if bad == len(problems) else f"the {counted(bad, 'bad line')}"
    advice = [f"`claimtrack check --repair` sets {lines} aside"] if bad else []
    return "; ".join(advice + _unrepairable(problems))


def _unrepairable(problems: list[Problem]) -> list[str]:
    """What fixes the problems --repair leaves: a claim that does not hold together with its document as stored
    needs the document extracted again; a status no event records needs recording."""
    advice = []
    documents = list(dict.fromkeys(problem.document for problem in problems if problem.document is not None))
    if documents:
        named = ", ".join(repr(document) for document in documents[:3]) + (", ..." if len(documents) > 3 else "")
        them = "it" if len(documents) == 1 else "them"
        claims = counted(sum(problem.document is not None for problem in problems), "claim")
        advice.append(
            f"{claims} of document{'s' if len(documents) != 1 else ''} {named} that --repair cannot fix: "
            f"extract {them} again (`claimtrack extract --force FILE`), which keeps every annotation"
        )
    unrecorded = sum(problem.claim is not None for problem in problems)
    if unrecorded:
        advice.append(
            f"{counted(unrecorded, 'claim')} with a status no event of its history records, which --repair leaves: "
            "record the verdict (`claimtrack annotate ID --status STATUS --note ...`)"
        )
    return advice


def _print_problems(problems: list[Problem]) -> None:
    """One ``FILE:LINE: problem`` a line; a problem may quote the bad line, so its
    control characters and line breaks are written as escapes."""
    for problem in problems:
        sys.stdout.write(visible(problem) + "\n")


@handle_errors
def compact_command(store: Path | None = StoreOption) -> None:
    """Fold journalled annotations into claims.jsonl.

    On a store larger than 32 MiB, annotate records each event in
    <store>.journal (fast and crash-safe) and claimtrack's commands read it
    from there; compact writes them into claims.jsonl itself, for other
    tools. extract does the same whenever it runs. An annotation whose claim
    is no longer in the store (with the words it was made on) is moved to
    <store>.rejected, never dropped.

    \b
    Example:
      claimtrack compact
    """
    target = open_store(store)
    report = target.compact()
    say(f"Folded {report.folded} annotation{'s' if report.folded != 1 else ''} into the store")
    warn_set_aside(report.set_aside, target)
