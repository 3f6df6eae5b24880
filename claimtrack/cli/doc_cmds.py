"""`claimtrack docs` and `claimtrack remove`: the documents behind the claims."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import typer
from rich.table import Table

from ..export import OutputFormat
from .common import (
    ListingFormatOption,
    StoreOption,
    handle_errors,
    open_store,
    print_rows,
    resolve_format,
    say,
    stdout,
    text_value,
    warn_set_aside,
)
from .safe_text import safe


@handle_errors
def docs_command(
    output_format: OutputFormat | None = ListingFormatOption,
    store: Path | None = StoreOption,
) -> None:
    """List the documents in the store.

    One row per document: its id, how many claims it has, and what is known
    of where it came from (title, publisher, publication date, URL or path,
    when it was extracted). The texts themselves are kept in
    <store name>.documents.jsonl beside the store. A removed document whose
    annotated claims were kept (orphans) is listed too, marked removed, with
    the number of those claims.

    \b
    Examples:
      claimtrack docs
      claimtrack docs --format csv > documents.csv
    """
    target = open_store(store)
    claims = list(target.iter_claims())
    counts = Counter(claim.doc_id for claim in claims if not claim.orphaned)
    orphans = Counter(claim.doc_id for claim in claims if claim.orphaned)
    current = target.documents.current()
    removed = target.documents.removed()
    rows = [
        {
            "doc_id": record.doc_id,
            "claims": (orphans if record.doc_id in removed else counts).get(record.doc_id, 0),
            "removed": record.doc_id in removed,
            "title": record.title or "",
            "publisher": record.publisher or "",
            "published": record.published or "",
            "url": record.url or "",
            "path": record.path or "",
            "sha256": record.sha256,
            "extracted_at": record.extracted_at.isoformat(timespec="seconds"),
        }
        for record in [*current.values(), *removed.values()]
    ]
    fmt = resolve_format(output_format)
    if fmt is not OutputFormat.table:
        print_rows(rows, fmt)
    elif rows:
        _print_docs_table(rows)
    else:
        say(f"No documents in {target.path}")


def _print_docs_table(rows: list[dict]) -> None:
    table = Table(header_style="bold", expand=True)
    table.add_column("document", style="cyan", ratio=2, overflow="fold")
    table.add_column("claims", justify="right", no_wrap=True)
    table.add_column("title", ratio=4, overflow="fold")
    table.add_column("publisher", ratio=2, overflow="fold")
    table.add_column("published", no_wrap=True)
    table.add_column("from", ratio=3, overflow="fold")
    for row in rows:
        table.add_row(
            safe(row["doc_id"] + (" (removed)" if row["removed"] else "")),
            str(row["claims"]),
            safe(row["title"]),
            safe(row["publisher"]),
            safe(row["published"]),
            safe(row["url"] or row["path"]),
        )
    stdout.print(table)


@handle_errors
def remove_command(
    doc_id: str = typer.Argument(
        ..., metavar="DOC_ID", callback=text_value, help="The document to remove (see claimtrack docs)."
    ),
    force: bool = typer.Option(False, "--force", help="Remove its annotated claims too, with their fact-checks."),
    store: Path | None = StoreOption,
) -> None:
    """Remove a document and its claims from the store.

    Claims nobody has annotated go; annotated claims stay, marked orphaned,
    with their history (--force removes them too). The document's text is
    kept while an orphaned claim still points into it.

    \b
    Examples:
      claimtrack remove north-korea-ukraine-army
      claimtrack remove stdin-3f2a9c01b7e4 --force
    """
    target = open_store(store)
    removal = target.remove(doc_id, force=force)
    warn_set_aside(removal.set_aside, target)
    kept = (
        f"; kept {removal.orphaned} annotated claim{'s' if removal.orphaned != 1 else ''} as orphans (--force removes them)"
        if removal.orphaned
        else ""
    )
    say(f"Removed {doc_id} and {removal.removed} claim{'s' if removal.removed != 1 else ''}{kept}")
