"""`claimtrack docs` and `claimtrack remove`: the documents behind the claims."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import typer

from ..export import OutputFormat
from ..models import DocumentRecord
from ..store.claims import Removal
from .common import (
    ListingFormatOption,
    StoreOption,
    counted,
    handle_errors,
    open_store,
    print_rows,
    resolve_format,
    say,
    stdout,
    text_value,
    warn_set_aside,
)
from .tables import Column, terminal_time, word_wrapped_table


@handle_errors
def docs_command(
    output_format: OutputFormat | None = ListingFormatOption,
    store: Path | None = StoreOption,
) -> None:
    """List the documents in the store.

    One row per document: its id, how many claims it has, and what is known
    of where it came from (title, publisher, publication date, URL or path,
    when it was extracted). The table gives times in UTC, to the minute,
    and leaves out a column no document has anything for. The texts
    themselves are kept in <store name>.documents.jsonl beside the store. A
    removed document whose annotated claims were kept (orphans) is listed
    too, marked removed, with the number of those claims.

    \b
    Examples:
      claimtrack docs
      claimtrack docs --format csv > documents.csv
    """
    target = open_store(store)
    counts: Counter[str] = Counter()
    orphans: Counter[str] = Counter()
    for claim in target.iter_claims():
        (orphans if claim.orphaned else counts)[claim.doc_id] += 1
    listed = [(record, counts[record.doc_id], False) for record in target.documents.current().values()]
    # A removed document is listed while its orphans keep its text. A text with neither a current record nor claims is
    # what a run that failed after storing its texts left (the next extract drops it): nothing the user removed.
    removed = target.documents.removed().values()
    listed += [(record, orphans[record.doc_id], True) for record in removed if orphans[record.doc_id]]
    fmt = resolve_format(output_format)
    if fmt is not OutputFormat.table:
        print_rows([_document_row(record, claims, removed) for record, claims, removed in listed], fmt, DOCUMENT_COLUMNS)
    elif listed:
        _print_docs_table(listed)
    else:
        say(f"No documents in {target.path}")


DOCUMENT_COLUMNS = ("doc_id", "claims", "removed", "title", "publisher", "published", "url", "path", "sha256", "extracted_at")


def _document_row(record: DocumentRecord, claims: int, removed: bool) -> dict:
    return {
        "doc_id": record.doc_id,
        "claims": claims,
        "removed": removed,
        "title": record.title or "",
        "publisher": record.publisher or "",
        "published": record.published or "",
        "url": record.url or "",
        "path": record.path or "",
        "sha256": record.sha256,
        "extracted_at": record.extracted_at.isoformat(timespec="seconds"),
    }


def _print_docs_table(listed: list[tuple[DocumentRecord, int, bool]]) -> None:
    columns = [
        # The id is what --doc and remove take: broken after a hyphen only when longer than its cap, never cut.
        Column("document", ratio=2, cap=32, style="cyan"),
        Column("claims", justify="right"),
        Column("title", ratio=4, cap=20, readable=12, hide_empty=True),
        Column("publisher", ratio=2, cap=12, hide_empty=True, give_way=1),
        Column("published", hide_empty=True, give_way=2),
        # A path or URL is one long word: it breaks after its slashes and hyphens.
        Column("from", ratio=3, cap=16, hide_empty=True, give_way=4),
        # "2026-12-02 12:15" goes on two lines where room is short.
        Column("extracted (UTC)", ratio=2, cap=10, give_way=3),
    ]
    rows = [
        (
            record.doc_id + (" (removed)" if removed else ""),
            str(claims),
            record.title or "",
            record.publisher or "",
            (record.published or "")[:10],
            record.url or record.path or "",
            terminal_time(record.extracted_at),
        )
        for record, claims, removed in listed
    ]
    stdout.print(word_wrapped_table(columns, rows, stdout.width))


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
    say(_removal_message(doc_id, removal))


def _removal_message(doc_id: str, removal: Removal) -> str:
    """What ``remove`` did, exactly: "Removed X and 0 claims; kept 1 annotated claim as orphans" said of a document
    removed already, whose orphan was only left as it was, read as if something had happened twice."""
    if removal.retired or removal.removed or removal.orphaned:
        done = f"Removed {doc_id}" + (f" and {counted(removal.removed, 'claim')}" if removal.removed else "")
    else:
        done = f"{doc_id} was removed already"
    kept = []
    if removal.orphaned:
        kept.append(f"kept {counted(removal.orphaned, 'annotated claim')} as {_an_orphan(removal.orphaned)}")
    if removal.kept_orphans:
        stay = "stays" if removal.kept_orphans == 1 else "stay"
        before = counted(removal.kept_orphans, "annotated claim")
        kept.append(f"{before} orphaned before {stay} {_an_orphan(removal.kept_orphans)}")
    if not kept:
        return done
    them = "it" if removal.orphaned + removal.kept_orphans == 1 else "them"
    return f"{done}; {', and '.join(kept)} (--force removes {them})"


def _an_orphan(count: int) -> str:
    return "an orphan" if count == 1 else "orphans"
