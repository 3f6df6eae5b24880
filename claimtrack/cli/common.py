"""What every command shares: the store option, output format, and one-line errors."""

from __future__ import annotations

import functools
import sys
from enum import Enum
from pathlib import Path
from typing import Callable, Optional, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

from ..errors import ClaimtrackError
from ..store import ClaimStore, Problem, default_store_path

F = TypeVar("F", bound=Callable)

# Data goes to stdout; messages, progress and errors to stderr.
stdout = Console(highlight=False, soft_wrap=False)
stderr = Console(stderr=True, highlight=False)


class OutputFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    json = "json"
    csv = "csv"


StoreOption = typer.Option(
    None,
    "--store",
    metavar="PATH",
    help="Claim store to use. Default: $CLAIMTRACK_STORE, else data/claims.jsonl.",
    show_default=False,
    dir_okay=False,
)


def open_store(path: Optional[Path]) -> ClaimStore:
    return ClaimStore(default_store_path(path))


def warn_set_aside(problems: "list[Problem]", store: ClaimStore) -> None:
    """Tell the user which journal entries went to the side file instead of into claims."""
    if not problems:
        return
    for problem in problems:
        stderr.print(f"Warning: {problem}", markup=False, soft_wrap=True)
    count = len(problems)
    stderr.print(f"Moved {count} annotation{'s' if count != 1 else ''} no claim could take to {store.rejected_path}", markup=False, soft_wrap=True)


class DuplicateWarnings:
    """Collects records whose id an earlier line already has, to warn once the listing is done."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, int]] = []

    def __call__(self, claim_id: str, line: int) -> None:
        self.seen.append((claim_id, line))

    def report(self, store: ClaimStore) -> None:
        if not self.seen:
            return
        ids = ", ".join(dict.fromkeys(claim_id for claim_id, _ in self.seen))
        stderr.print(
            f"Warning: {store.path} has {len(self.seen)} record{'s' if len(self.seen) != 1 else ''} repeating an earlier id "
            f"({ids}); run `claimtrack check` to see them and `claimtrack check --repair` to set them aside",
            markup=False,
            soft_wrap=True,
        )


def fail(message: str, code: int = 1) -> "typer.Exit":
    """Print ``Error: message`` on stderr and return the exit to raise."""
    stderr.print(f"[bold red]Error:[/] {message}", markup=True, highlight=False, soft_wrap=True)
    return typer.Exit(code)


def handle_errors(command: F) -> F:
    """Turn library errors into one line on stderr and a non-zero exit, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except ClaimtrackError as exc:
            raise fail(str(exc), exc.exit_code) from None
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            raise fail(f"{where}{exc.strerror or exc}") from None
        except KeyboardInterrupt:
            raise fail("interrupted", 130) from None

    return wrapper  # type: ignore[return-value]


def progress_bar(total: int, *, always: bool = False) -> Progress:
    """A transient progress bar on stderr, shown only at a terminal, for two items or more
    (or whenever ``always`` is set)."""
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        console=stderr,
        transient=True,
        disable=not stderr.is_terminal or not (always or total >= 2),
    )


def resolve_format(requested: Optional[OutputFormat]) -> OutputFormat:
    """A table for people at a terminal, JSON Lines for pipes and scripts."""
    if requested is not None:
        return requested
    return OutputFormat.table if sys.stdout.isatty() else OutputFormat.jsonl


# Filter options shared by `claims` and `export`, so the two always agree.
SourceOption = typer.Option(None, "--source", "-s", metavar="TEXT", help="Source mention or normalised name contains TEXT (any case).")
SearchOption = typer.Option(None, "--search", "-q", metavar="TEXT", help="Claim text contains TEXT (any case).")
StatusOption = typer.Option(None, "--status", help="Only claims with this fact-check status.")
DocOption = typer.Option(None, "--doc", metavar="DOC_ID", help="Only claims from this document id.")
AttributedOption = typer.Option(
    None, "--attributed/--unattributed", help="Only claims with (or without) a source or cue.", show_default=False
)
LimitOption = typer.Option(None, "--limit", "-n", min=0, metavar="N", help="At most N claims.")
