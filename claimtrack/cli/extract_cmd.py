"""`claimtrack extract`: articles in, attributed claims into the store."""

from __future__ import annotations

import io
import os
import signal
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import typer
from rich.cells import cell_len
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

from ..errors import InputError
from ..store import ClaimStore
from ..workflow import ExtractEvents, ExtractReport
from .common import (
    ModelOption,
    StoreOption,
    counted,
    error,
    fail,
    handle_errors,
    one_line_text,
    open_store,
    progress_bar,
    say,
    warn,
    warn_set_aside,
    whole_number,
)
from .safe_text import visible

PathsArgument = typer.Argument(
    ...,
    metavar="PATH",
    help="Files (.html and .md read as such, any other as text), directories (searched recursively for .txt, .md "
    "and .html), http(s):// URLs, or - for standard input. Never the claim store or a file beside it.",
)
DocIdOption = typer.Option(
    None,
    "--doc-id",
    metavar="DOC_ID",
    callback=one_line_text,
    help="Document id to use instead of the file name (one input only).",
)
ReplaceOption = typer.Option(False, "--replace", help="Let an input replace a document of the same id read from elsewhere.")
JobsOption = typer.Option(
    None,
    "--jobs",
    "-j",
    min=1,
    parser=whole_number(1),
    metavar="N",
    help="Worker processes that parse documents. Default: the number of cores; 1 parses in this process.",
)
SchedulerOption = typer.Option(
    None,
    "--scheduler",
    metavar="ADDRESS",
    help="Parse on a Dask cluster, e.g. tcp://host:8786 (needs pip install 'claimtrack[dask]').",
)
ForceOption = typer.Option(False, "--force", help="Extract again documents stored already with the same text and settings.")


@handle_errors
def extract_command(
    paths: list[str] = PathsArgument,
    store: Path | None = StoreOption,
    model: str | None = ModelOption,
    doc_id: str | None = DocIdOption,
    replace: bool = ReplaceOption,
    jobs: int | None = JobsOption,
    scheduler: str | None = SchedulerOption,
    force: bool = ForceOption,
) -> None:
    """Extract claims and their sources from articles.

    Each claim gets its source, cue and content. Extracting a document again
    replaces its claims: a claim with the same words, at the same place or
    moved, keeps its id and annotations; an annotated one whose words changed
    is kept as an orphan.

    A document's id is its file name without suffix (or --doc-id); same-named
    files get their paths below the folder they share, standard input an id
    made of its words. An id owned by a text from elsewhere needs --replace.
    A document that gives no date (plain text) is dated by a line at its top
    ("Published March 3, 2026", "By Jane Roe | 3 March 2026"), else by a day
    its file name holds (nyt_2016-03-04_court.txt): clustering tells stories
    apart by their dates.

    A document stored already with the same text and extraction settings
    (pipeline, spaCy and claimtrack versions, model and lexicons) is skipped, so a
    stopped run resumes where it stopped; --force extracts it again. Its
    details (title, date, author, publisher, URL) are updated when they changed
    (a corrected front-matter date), its claims kept as they are. Ctrl-C
    or SIGTERM stops after the documents in hand, storing what was done; a
    long run also saves along the way (about once a minute), so even a killed
    run keeps most of its work.

    Exit status: 0, every input extracted; 1, an input not read or stored
    (reported and skipped; the others are stored) or no pipeline loaded;
    2, a usage error; 70, an internal error (a bug: CLAIMTRACK_DEBUG=1 shows
    where; what failed to save is not recorded as stored); 130 or 143,
    stopped by Ctrl-C or SIGTERM.

    \b
    Examples:
      claimtrack extract seeds/
      claimtrack extract corpus/ --jobs 4
      claimtrack extract corpus/ --scheduler tcp://10.0.0.5:8786
      claimtrack extract article.html notes.md --store my-claims.jsonl
      claimtrack extract https://example.org/world/story.html
      curl -s https://example.org/story.html | claimtrack extract - --doc-id story
    """
    if doc_id is not None and len(paths) > 1:
        raise fail("--doc-id names one document: give one input", 2)
    from ..cores import usable_cores
    from ..workflow import extract_into_store

    target = open_store(store, must_exist=False)
    with _ProgressEvents() as events, _StopOnSignals(events) as stop:
        report = extract_into_store(
            paths,
            target,
            model=model,
            jobs=jobs or usable_cores(),
            scheduler=scheduler,
            force=force,
            doc_id=doc_id,
            replace=replace,
            stdin=sys.stdin.buffer if sys.stdin is not None else io.BytesIO(),  # closed (<&-): read as empty
            events=events,
            stop=stop.event,
        )
    _report(report, target, inputs=events.inputs, stop=stop, force=force)


def _report(report: ExtractReport, target: ClaimStore, *, inputs: int, stop: _StopOnSignals, force: bool) -> None:
    """Say on stderr what the run stored, skipped and could not read; exit non-zero when it fell short."""
    warn_set_aside(report.set_aside, target)
    if report.documents:
        say(report.summary(target.path))
    if report.details_updated:
        say(_details_summary(report, force=force))
    if report.unchanged:
        them = "it" if report.unchanged == 1 else "them"
        say(
            f"{counted(report.unchanged, 'document')} stored already with the same text and settings, "
            f"not extracted again; --force extracts {them} again"
        )
    if report.errors and inputs > 1:  # one input's error line already says it all
        say(_not_read_summary(report.errors))
    if stop.signal is not None:
        say(_stopped_line(report, stop.name))
        raise typer.Exit(128 + stop.signal)
    if report.errors:
        raise typer.Exit(1)


def _details_summary(report: ExtractReport, *, force: bool) -> str:
    """ "1 document's details updated (published, title); same text and settings, so not extracted again"."""
    whose = "1 document's" if report.details_updated == 1 else f"{report.details_updated} documents'"
    said = f"{whose} details updated ({', '.join(report.details)})"
    return said if force else f"{said}; same text and settings, so not extracted again"


def _stopped_line(report: ExtractReport, signal_name: str) -> str:
    """What a run stopped by a signal stored, and whether anything is left for a second run to extract."""
    stored = counted(report.documents, "document")
    if not report.not_started:  # the signal came once every input was handed out: nothing was left undone
        return f"Stopped by {signal_name} with every input done: {stored} stored, none left to extract"
    return (
        f"Stopped by {signal_name}: {stored} stored, {report.not_started} not started; "
        "run the same command again to extract the rest"
    )


def _stopped_at_once_line(signal_name: str, saved: int, being_saved: int) -> str:
    """What a second signal leaves: only the documents the saves along the way had stored already."""
    perhaps = f", and perhaps the {being_saved} being saved" if being_saved else ""
    return (
        f"Stopped at once by {signal_name}: {counted(saved, 'document')} stored by the saves along the way{perhaps}; "
        "run the same command again to extract the rest"
    )


class _StopOnSignals:
    """SIGINT and SIGTERM set ``event`` (the batch stops after the documents in hand); a second one stops at once,
    keeping what ``events`` heard was saved."""

    def __init__(self, events: _ProgressEvents):
        self.events = events

    def __enter__(self) -> _StopOnSignals:
        self.event = threading.Event()
        self.signal: int | None = None
        self.previous = {signum: signal.signal(signum, self._handle) for signum in (signal.SIGINT, signal.SIGTERM)}
        return self

    def __exit__(self, *exc_info) -> None:
        for signum, handler in self.previous.items():
            signal.signal(signum, handler)

    @property
    def name(self) -> str:
        return signal.Signals(self.signal).name if self.signal is not None else ""

    def _handle(self, signum: int, frame) -> None:
        # Not through rich: its lock may be held by the progress bar this handler interrupted.
        if self.event.is_set():
            line = _stopped_at_once_line(signal.Signals(signum).name, self.events.stored, self.events.being_saved)
            os.write(2, f"\n{line}\n".encode())
            # Killed by the signal itself, as a shell and a calling script expect of a second Ctrl-C.
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        self.signal = signum
        self.event.set()
        os.write(2, b"\nStopping after the documents in hand (again to stop at once, keeping only what was saved already)...\n")


def _not_read_summary(errors: list[InputError]) -> str:
    """The batch's last word on the inputs it skipped: "2 inputs not read: a.png, b.pdf"."""
    names = [problem.label or str(problem).split(": ", 1)[0] for problem in errors]
    plural = "s" if len(names) != 1 else ""
    return f"{len(names)} input{plural} not read: {', '.join(names)}"


class _ProgressEvents(ExtractEvents):
    """Warnings and errors on stderr as they happen; a progress bar counted in bytes of input,
    so that one huge document shows progress too, with documents/s and the time left."""

    def __enter__(self) -> _ProgressEvents:
        self.inputs = 0
        self.done = 0
        self.stored = 0  # documents the saves of this run have stored
        self.being_saved = 0
        self.bar: Progress | None = None
        self.started_at = time.monotonic()
        return self

    def __exit__(self, *exc_info) -> None:
        if self.bar is not None:
            self.bar.stop()

    def planned(self, inputs: Sequence[str]) -> None:
        self.inputs += len(inputs)
        self.sizes = {path: _size(path) for path in inputs}
        total = sum(self.sizes.values())
        self.bar = progress_bar(total, always=len(inputs) > 1 or total > _BIG_INPUT)
        self.bar.columns = (*self.bar.columns, TimeRemainingColumn(), TextColumn("{task.fields[rate]}", markup=False))
        self.bar.start()
        self.task = self.bar.add_task("Extracting", total=total, rate="")
        self.started_at = time.monotonic()
        self.name = ""
        self.rate = ""

    def in_hand(self, path: str) -> None:
        # Not ``started``: that names the inputs read ahead for the workers, not the document being worked on.
        if self.bar is not None:
            self.name = visible(path)
            self._fit()

    def advanced(self, path: str, share: float) -> None:
        if self.bar is not None:
            self.bar.advance(self.task, share * self.sizes.get(path, 1))

    def extracted(self, path: str) -> None:
        self.done += 1
        if self.bar is not None:
            rate = self.done / max(time.monotonic() - self.started_at, 1e-6)
            self.rate = f"{self.done}/{self.inputs} documents, {rate:.2f}/s"
            self._fit()

    def _fit(self) -> None:
        """Fit the line to the terminal by narrowing the bar, then cutting the document's name (its head: the
        tail tells documents apart): rich would otherwise cut the times and counts, which matter more."""
        assert self.bar is not None
        # Percentage, elapsed and remaining time (8: past ten hours), rate; one space between the six columns,
        # and one column spare, as a line that fills the terminal wraps on some.
        others = 4 + 8 + 8 + len(self.rate) + 5 + 1
        room = self.bar.console.width - others - len("Extracting ")
        bar = next(column for column in self.bar.columns if isinstance(column, BarColumn))
        bar.bar_width = max(_MIN_BAR, min(_MAX_BAR, room - cell_len(self.name)))
        self.bar.update(self.task, description=f"Extracting {_tail(self.name, room - bar.bar_width)}", rate=self.rate)

    def skipped(self, path: str) -> None:
        if self.bar is not None:
            self.bar.advance(self.task, self.sizes.get(path, 1))

    def saving(self, documents: int) -> None:
        self.being_saved = documents

    def saved(self, documents: int) -> None:
        self.stored += documents
        self.being_saved = 0

    def warning(self, message: str) -> None:
        warn(message)

    def error(self, problem: InputError) -> None:
        if self.bar is None:
            self.inputs += 1  # a path that was never planned: missing, or not a file
        error(str(problem))


# The bar's width in columns: rich's usual one on a wide terminal, narrower rather than cut times on a narrow one.
_MAX_BAR = 40
_MIN_BAR = 6


def _tail(name: str, width: int) -> str:
    """``name`` in at most ``width`` columns (a CJK character takes two): its tail after an ellipsis when longer."""
    if cell_len(name) <= width:
        return name
    start = 0
    while start < len(name) and cell_len(name[start:]) > width - 1:
        start += 1
    return "…" + name[start:]


# A single input larger than this gets a progress bar too.
_BIG_INPUT = 1_000_000


def _size(path: str) -> int:
    try:
        return max(os.path.getsize(path), 1) if path != "-" else 1
    except OSError:
        return 1
