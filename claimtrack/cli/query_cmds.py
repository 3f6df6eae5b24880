"""`claimtrack claims`, `export` and `sources`: reading the store."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import typer
from rich.table import Table

from .. import duckquery
from ..export import FILE_FORMATS, OutputFormat, write_claims
from ..models import Claim
from ..query import ClaimFilter, filter_claims, summarise_sources
from ..store.files import atomic_text_file
from .common import (
    DocOption,
    DuplicateWarnings,
    ListingFormatOption,
    StoreOption,
    format_option,
    handle_errors,
    open_store,
    print_rows,
    refuse_store_files,
    resolve_format,
    say,
    stdout,
    text_value,
    with_claim_filter,
)
from .safe_text import safe

if TYPE_CHECKING:  # pragma: no cover
    from ..claimreview import DocumentLookup

# A table shows this many matches unless --limit or --all says otherwise.
TABLE_PAGE = 50
# Rows held in memory at once when every match is shown: tables of this many follow each other.
TABLE_CHUNK = 1000


@handle_errors
@with_claim_filter
def claims_command(
    selection: ClaimFilter,
    show_all: bool = typer.Option(False, "--all", help=f"As a table, show every match, not the first {TABLE_PAGE}."),
    output_format: OutputFormat | None = ListingFormatOption,
    store: Path | None = StoreOption,
) -> None:
    """List claims, filtered by source, text, status, document or whether they state a number.

    A table (the default on a terminal) shows the first 50 matches at once,
    then says on standard error how many more match: --limit N shows N,
    --all shows every one. Other formats write every match.

    \b
    Examples:
      claimtrack claims --source "South Korean intelligence"
      claimtrack claims --unattributed --search Moscow --limit 5
      claimtrack claims --has-number --source intelligence
      claimtrack claims --status false --format csv > false.csv
      claimtrack claims --repeated --status unverified
    """
    if show_all and selection.limit is not None:
        raise typer.BadParameter("cannot be used with --limit: choose one", param_hint="--all")
    target, duplicates = open_store(store), DuplicateWarnings()
    selection = duckquery.with_repeated_clusters(target, selection)
    claims = filter_claims(target.iter_claims(on_duplicate=duplicates), selection)
    fmt = resolve_format(output_format)
    if fmt is OutputFormat.jsonl and duckquery.usable(target):
        duckquery.write_jsonl(target, selection, sys.stdout)
    elif fmt is OutputFormat.table:
        _print_claims_tables(claims, page=None if show_all or selection.limit is not None else TABLE_PAGE)
    else:
        write_claims(claims, sys.stdout, fmt)
    duplicates.report(target)


def _print_claims_tables(claims: Iterator[Claim], *, page: int | None) -> None:
    """The first ``page`` claims as a table (all, when None), printed at once; then count the rest.

    Only one table's rows are ever held: the matches after the first page
    are counted as they stream past, not kept.
    """
    shown = 0
    while page is None or shown < page:
        rows = list(islice(claims, TABLE_CHUNK if page is None else page))
        if not rows:
            break
        stdout.print(_claims_table(rows))
        shown += len(rows)
    if not shown:
        say("No claims match.")
        return
    more = sum(1 for _ in claims)
    if more:
        say(f"Showing the first {shown} of {shown + more:,} matching claims; --limit N shows N, --all shows every one")
    else:
        say(f"{shown} claim{'s' if shown != 1 else ''}")


def _claims_table(claims: list[Claim]) -> Table:
    table = Table(header_style="bold", expand=True)
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("source", style="green", ratio=2, overflow="fold")
    table.add_column("cue", style="magenta", max_width=14)
    table.add_column("claim", ratio=5)
    table.add_column("status", no_wrap=True)
    for claim in claims:
        cells = (
            claim.id[:8],
            _source_label(claim),
            claim.cue.text if claim.cue else "",
            _shorten(claim.text, 200),
            claim.status.value,
        )
        table.add_row(*(safe(cell) for cell in cells))
    return table


def _source_label(claim: Claim) -> str:
    if claim.source is None:
        return "(hedged)" if claim.hedged else ""
    name = claim.source.name
    if name and name.casefold() not in claim.source.text.casefold():
        return f"{claim.source.text} ({name})"
    return claim.source.text


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


@handle_errors
@with_claim_filter
def export_command(
    selection: ClaimFilter,
    output_format: OutputFormat = format_option(FILE_FORMATS, OutputFormat.csv, "File format."),
    output: Path | None = typer.Option(
        None, "--output", "-o", metavar="FILE", help="Write to FILE instead of standard output.", dir_okay=False
    ),
    publisher: str | None = typer.Option(
        None, "--publisher", metavar="NAME", callback=text_value, help="Your organisation, as the author of ClaimReview output."
    ),
    store: Path | None = StoreOption,
) -> None:
    """Export claims as CSV (for spreadsheets), JSON Lines, JSON or ClaimReview.

    The CSV columns are fixed: id, doc_id, start, end, text, sentence, source,
    source_name, source_type, source_role, source_affiliation, cue, quote,
    hedged, status, last_note, evidence, tags, annotated_at, doc_path,
    quantities (each number normalised: "at least 11000 soldier | date
    2022-02-24"), quantities_json (the same as JSON). A CSV file written with
    --output starts with a UTF-8 byte-order mark so that spreadsheet programs
    read accents and quote marks correctly.

    --format claimreview writes schema.org ClaimReview (JSON-LD), the format
    fact-checkers publish in, for every claim with a verdict (any status but
    unverified): verified, misleading and false are rated 5, 2 and 1 of 5;
    disputed and unverifiable carry their name only.

    \b
    Examples:
      claimtrack export --output claims.csv
      claimtrack export --status false --format json --output false.json
      claimtrack export --format claimreview --publisher "Example Fact Check" -o reviews.json
    """
    target, duplicates = open_store(store), DuplicateWarnings()
    if output is not None:
        refuse_store_files(output, target)
    selection = duckquery.with_repeated_clusters(target, selection)
    claims: Iterable[Claim] = filter_claims(target.iter_claims(on_duplicate=duplicates), selection)
    if output_format is OutputFormat.jsonl and duckquery.usable(target):
        claims = duckquery.Selected(target, selection)  # written by DuckDB: see _write
    # Only ClaimReview says where a claim appeared; other formats need not read the documents.
    documents = target.documents.lookup() if output_format is OutputFormat.claimreview else None
    if output is None:
        _write(claims, sys.stdout, output_format, publisher=publisher, documents=documents)
    else:
        count = _export_to_file(claims, output, output_format, publisher, documents)
        say(f"Exported {count} claim{'s' if count != 1 else ''} to {output}")
    duplicates.report(target)


def _export_to_file(
    claims: Iterable[Claim], output: Path, fmt: OutputFormat, publisher: str | None, documents: DocumentLookup | None
) -> int:
    """Write to a temporary file first so a failed export never leaves half a file.

    An error creating or renaming the temporary file names ``output``, the
    path the user gave: the temporary file is an implementation detail.
    """
    encoding = "utf-8-sig" if fmt is OutputFormat.csv else "utf-8"
    with atomic_text_file(output, encoding=encoding, newline="", make_parents=False) as out:
        return _write(claims, out, fmt, publisher=publisher, documents=documents)


def _write(claims: Iterable[Claim], out: TextIO, fmt: OutputFormat, **options) -> int:
    """:func:`write_claims`, or DuckDB's writer for a selection it makes (JSON Lines only)."""
    if isinstance(claims, duckquery.Selected):
        return duckquery.write_jsonl(claims.store, claims.selection, out)
    return write_claims(claims, out, fmt, **options)


@handle_errors
def sources_command(
    doc: str | None = DocOption,
    output_format: OutputFormat | None = ListingFormatOption,
    store: Path | None = StoreOption,
) -> None:
    """List sources with their type and claim counts.

    One row per normalised source, most claims first, with the mentions
    that name it in the articles.

    \b
    Examples:
      claimtrack sources
      claimtrack sources --doc north-korea-ukraine-army --format csv
    """
    target = open_store(store)
    if duckquery.usable(target):
        summaries = duckquery.summarise_sources(target, doc)
    else:
        summaries = summarise_sources(filter_claims(target.iter_claims(), ClaimFilter(doc=doc)))
    rows = [
        {
            "name": s.name,
            "type": s.type or "",
            "claims": s.claims,
            "documents": len(s.documents),
            "roles": list(s.roles),
            "affiliations": list(s.affiliations),
            "mentions": list(s.mentions),
        }
        for s in summaries
    ]
    fmt = resolve_format(output_format)
    if fmt is OutputFormat.table:
        _print_sources_table(rows)
    else:
        print_rows(rows, fmt)


def _print_sources_table(rows: list[dict]) -> None:
    if not rows:
        say("No sources: no claim in the store has a source.")
        return
    table = Table(header_style="bold", expand=True)
    table.add_column("source", style="green", ratio=3, min_width=14, overflow="fold")
    table.add_column("type", no_wrap=True)
    table.add_column("claims", justify="right", no_wrap=True)
    table.add_column("docs", justify="right", no_wrap=True)
    table.add_column("role", ratio=2, overflow="fold")
    table.add_column("also written as", ratio=3, overflow="fold")
    for row in rows:
        roles, affiliations = "; ".join(row["roles"]), "; ".join(row["affiliations"])
        role = " ".join(part for part in (roles, f"({affiliations})" if affiliations else "") if part)
        # A mention that is just the name again is noise on screen.
        others = "; ".join(m for m in row["mentions"] if m != row["name"])
        cells = (row["name"], row["type"], str(row["claims"]), str(row["documents"]), role, others)
        table.add_row(*(safe(cell) for cell in cells))
    stdout.print(table)
