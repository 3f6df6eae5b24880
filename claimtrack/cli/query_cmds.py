"""`claimtrack claims`, `export` and `sources`: reading the store."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import typer

from .. import duckquery
from ..export import FILE_FORMATS, OutputFormat, write_claims
from ..models import Claim, DocumentRecord, Status
from ..query import ClaimFilter, ClaimOrder, filter_claims, select_claims, summarise_sources
from ..store import ClaimStore
from ..store.files import atomic_text_file
from .common import (
    DocOption,
    DuplicateWarnings,
    ListingFormatOption,
    SortOption,
    StoreOption,
    fail,
    format_option,
    handle_errors,
    open_store,
    print_rows,
    refuse_store_files,
    resolve_format,
    say,
    stdout,
    text_value,
    warn,
    with_claim_filter,
)
from .safe_text import visible
from .tables import Column, claims_table, word_wrapped_table

if TYPE_CHECKING:  # pragma: no cover
    pass

# A table shows this many matches unless --limit or --all says otherwise.
TABLE_PAGE = 50
# Rows held in memory at once when every match is shown: tables of this many follow each other.
TABLE_CHUNK = 1000


@handle_errors
@with_claim_filter
def claims_command(
    selection: ClaimFilter,
    order: ClaimOrder | None = SortOption,
    show_all: bool = typer.Option(False, "--all", help=f"As a table, show every match, not the first {TABLE_PAGE}."),
    output_format: OutputFormat | None = ListingFormatOption,
    store: Path | None = StoreOption,
) -> None:
    """List claims, filtered by source, text, status, document, nesting or whether they state a number.

    A table (the default on a terminal) shows the first 50 matches at once,
    then says on standard error how many more match: --limit N shows N,
    --all shows every one. Other formats write every match. When the claims
    listed come from more than one document, the table has a document
    column (its title, else its id).

    \b
    Examples:
      claimtrack claims --source "South Korean intelligence"
      claimtrack claims --unattributed --search Moscow --limit 5
      claimtrack claims --top-level --sort date
      claimtrack claims --has-number --source intelligence
      claimtrack claims --status false --format csv > false.csv
      claimtrack claims --repeated --status unverified
    """
    if show_all and selection.limit is not None:
        raise typer.BadParameter("cannot be used with --limit: choose one", param_hint="--all")
    target, duplicates = open_store(store), DuplicateWarnings()
    selection = duckquery.with_repeated_clusters(target, selection)
    fmt = resolve_format(output_format)
    if fmt is OutputFormat.jsonl and order is None and duckquery.usable(target):
        duckquery.write_jsonl(target, selection, sys.stdout)  # --doc taken first as a whole id (see write_jsonl)
    else:
        selection = duckquery.with_document(target, selection)
        documents = _documents(target, order, fmt)
        claims = iter(select_claims(target.iter_claims(on_duplicate=duplicates), selection, order, documents))
        if fmt is OutputFormat.table:
            page = None if show_all or selection.limit is not None else TABLE_PAGE
            _print_claims_tables(claims, page=page, documents=documents or {}, limit=selection.limit)
        else:
            write_claims(claims, sys.stdout, fmt)
    duplicates.report(target)


def _documents(store: ClaimStore, order: ClaimOrder | None, fmt: OutputFormat | None) -> dict[str, DocumentRecord] | None:
    """The stored documents' records, read only when a date sort or a table's document column needs them."""
    if order is not ClaimOrder.date and fmt is not OutputFormat.table:
        return None
    return store.documents.current() if store.documents.exists() else {}


def _print_claims_tables(
    claims: Iterator[Claim], *, page: int | None, documents: Mapping[str, DocumentRecord], limit: int | None = None
) -> None:
    """The first ``page`` claims as a table (all, when None), printed at once; then count the rest.

    Only one table's rows are ever held: the matches after the first page
    are counted as they stream past, not kept.
    """
    shown = 0
    while page is None or shown < page:
        rows = list(islice(claims, TABLE_CHUNK if page is None else page))
        if not rows:
            break
        stdout.print(claims_table(rows, documents, stdout.width))
        shown += len(rows)
    if not shown:
        # --limit 0 asked for none: whether any match is not known, and not "No claims match".
        say("No claims shown: --limit 0" if limit == 0 else "No claims match.")
        return
    more = sum(1 for _ in claims)
    if more:
        say(f"Showing the first {shown} of {shown + more:,} matching claims; --limit N shows N, --all shows every one")
    else:
        say(f"{shown} claim{'s' if shown != 1 else ''}")


@handle_errors
@with_claim_filter
def export_command(
    selection: ClaimFilter,
    output_format: OutputFormat = format_option(FILE_FORMATS, OutputFormat.csv, "File format."),
    output: Path | None = typer.Option(
        None, "--output", "-o", metavar="FILE", help="Write to FILE (- for standard output, the default).", dir_okay=False
    ),
    publisher: str | None = typer.Option(
        None,
        "--publisher",
        metavar="NAME",
        callback=text_value,
        help="Your organisation, as the author of ClaimReview output (--format claimreview only).",
    ),
    review_url: str | None = typer.Option(
        None,
        "--review-url",
        metavar="URL",
        callback=text_value,
        help="Where each review is published, {id} standing for the claim's id (--format claimreview only).",
    ),
    include_orphans: bool = typer.Option(
        False,
        "--include-orphans",
        help="Review orphaned claims too, with no appearance: their document no longer holds their words "
        "(--format claimreview only).",
    ),
    order: ClaimOrder | None = SortOption,
    store: Path | None = StoreOption,
) -> None:
    """Export claims as CSV (for spreadsheets), JSON Lines, JSON or ClaimReview.

    The CSV columns are fixed: id, doc_id, start, end, text, sentence, source,
    source_name, source_type, source_role, source_affiliation, cue, quote,
    hedged, status, last_note, evidence, tags, annotated_at, doc_path,
    quantities (each number normalised: "at least 11000 soldier | date
    2022-02-24"), quantities_json (the same as JSON), cluster (the id of the
    claims that state the same fact: see claimtrack clusters), orphaned (true
    when its document no longer holds its words: a verdict kept). A CSV file
    written with --output starts with a UTF-8 byte-order mark so that
    spreadsheet programs read accents and quote marks correctly; on standard
    output too, a cell that starts with =, +, - or @ is prefixed with ' so
    that article text never runs as a spreadsheet formula.

    --format claimreview writes schema.org ClaimReview (JSON-LD), the format
    fact-checkers publish in, for every claim with a verdict (any status but
    unverified): verified, misleading and false are rated 5, 2 and 1 of 5;
    disputed and unverifiable carry their name only. --limit N counts
    reviews: the first N claims with a verdict. Google's fact-check markup
    requires each review's author (--publisher) and url (--review-url): a
    warning says which the reviews lack. An orphaned claim (its
    document re-extracted without its words, or removed) is left out, as its
    article no longer says it, and standard error says how many were;
    --include-orphans reviews them with no appearance (the page they were
    found on).

    \b
    Examples:
      claimtrack export --output claims.csv
      claimtrack export --status false --format json --output false.json
      claimtrack export --format claimreview --publisher "Example Fact Check" \\
          --review-url "https://factcheck.example/claims/{id}" -o reviews.json
    """
    _check_claimreview_options(output_format, publisher, review_url, include_orphans, selection)
    target, duplicates = open_store(store), DuplicateWarnings()
    if output is not None and str(output) == "-":
        output = None  # standard output, as render -o - is
    if output is not None:
        refuse_store_files(output, target)
    selection = duckquery.with_repeated_clusters(target, selection)
    dated = _documents(target, order, None)
    claims: Iterable[Claim]
    orphans_left_out: list[Claim] = []
    if output_format is OutputFormat.jsonl and order is None and duckquery.usable(target):
        claims = duckquery.Selected(target, selection)  # written by DuckDB (see _write), --doc as write_jsonl takes it
    elif output_format is OutputFormat.claimreview:
        selection = duckquery.with_document(target, selection)
        from ..claimreview import with_verdicts  # here: it loads the source typing rules, which other formats need not

        # --limit counts the reviews written, so it applies once the claims with no verdict are dropped.
        everything = select_claims(target.iter_claims(on_duplicate=duplicates), replace(selection, limit=None), order, dated)
        claims = with_verdicts(everything, selection.limit, orphans=include_orphans, on_orphan_left_out=orphans_left_out.append)
    else:
        selection = duckquery.with_document(target, selection)
        claims = select_claims(target.iter_claims(on_duplicate=duplicates), selection, order, dated)
    # Only ClaimReview says where a claim appeared; other formats need not read the documents.
    documents = target.documents.lookup() if output_format is OutputFormat.claimreview else None
    reviewer = {"publisher": publisher, "review_url": review_url, "documents": documents, "orphans": include_orphans}
    if output is None:
        _write(claims, sys.stdout, output_format, **reviewer)
    else:
        count = _export_to_file(claims, output, output_format, reviewer)
        say(f"Exported {count} claim{'s' if count != 1 else ''} to {output}")
    _say_orphans_left_out(len(orphans_left_out))
    duplicates.report(target)


def _say_orphans_left_out(count: int) -> None:
    if count:
        one = count == 1
        say(
            f"Left out {count} orphaned claim{'' if one else 's'} with a verdict: {'its' if one else 'their'} words are no "
            f"longer in {'its' if one else 'their'} document; --include-orphans reviews {'it' if one else 'them'} too"
        )


def _check_claimreview_options(
    fmt: OutputFormat, publisher: str | None, review_url: str | None, include_orphans: bool, selection: ClaimFilter
) -> None:
    """Refuse --publisher, --review-url and --include-orphans where they would be ignored, and a review URL that is
    not a web page's; say why --status unverified gives no ClaimReview, and what a review lacks without the others."""
    if publisher is not None and fmt is not OutputFormat.claimreview:
        raise fail("--publisher names the author of ClaimReview output: use it with --format claimreview", 2)
    if review_url is not None and fmt is not OutputFormat.claimreview:
        raise fail("--review-url says where ClaimReview output is published: use it with --format claimreview", 2)
    if include_orphans and fmt is not OutputFormat.claimreview:
        raise fail("--include-orphans is for ClaimReview output, which leaves orphans out: every other format has them", 2)
    if review_url is not None:
        from ..readers.fetch import is_url  # here: the other commands and formats need no URL parsing

        if not is_url(review_url):
            raise fail(f"--review-url must be an http(s):// URL: {visible(review_url)}", 2)
    if fmt is OutputFormat.claimreview and selection.status is Status.unverified:
        warn("no ClaimReview for --status unverified: an unverified claim has no verdict to publish")
    elif fmt is OutputFormat.claimreview:
        _warn_of_missing_markup(publisher, review_url)


def _warn_of_missing_markup(publisher: str | None, review_url: str | None) -> None:
    """Say what ClaimReview output lacks that Google's fact-check markup requires of each review: an author, a url."""
    missing = [
        what for what, given in (("no author (--publisher)", publisher), ("no url (--review-url)", review_url)) if not given
    ]
    if missing:
        warn(f"the reviews have {' and '.join(missing)}, which Google's fact-check markup requires")


def _export_to_file(claims: Iterable[Claim], output: Path, fmt: OutputFormat, reviewer: dict[str, Any]) -> int:
    """Write to a temporary file first so a failed export never leaves half a file; ``reviewer``, the ClaimReview
    options of :func:`claimtrack.export.write_claims`.

    An error creating or renaming the temporary file names ``output``, the
    path the user gave: the temporary file is an implementation detail.
    """
    encoding = "utf-8-sig" if fmt is OutputFormat.csv else "utf-8"
    if _not_a_file(output):
        # A device or a pipe (/dev/null, a FIFO a program reads): written to, never replaced by a file.
        with output.open("w", encoding=encoding, newline="") as out:
            return _write(claims, out, fmt, **reviewer)
    # A symbolic link keeps pointing where it did: the file it names is the one replaced.
    target = Path(os.path.realpath(output)) if output.is_symlink() else output
    with atomic_text_file(target, encoding=encoding, newline="", make_parents=False) as out:
        return _write(claims, out, fmt, **reviewer)


def _not_a_file(path: Path) -> bool:
    """Whether ``path`` is something other than a regular file that is there (a device, a pipe, a socket)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False  # not there (or a dangling link): a file is made
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


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
    """List sources with their type, claim and document counts.

    One row per source across documents, most claims first, with the
    mentions that name it in the articles. Spellings of one name are one
    source: case, accents and common transliterations are folded
    ("Zelensky", "Zelenskyy", "Zelenskiy"), and a surname alone joins the
    one full name in the store that ends with it (not when two people share
    it). The row shows the most frequent full spelling; "names" lists every
    spelling folded into it.

    \b
    Examples:
      claimtrack sources
      claimtrack sources --doc north-korea-ukraine-army --format csv
    """
    target = open_store(store)
    if duckquery.usable(target):
        summaries = duckquery.summarise_sources(target, doc)
        if doc is not None and not summaries and (named := duckquery.resolve_document(target, doc)) != doc:
            # --doc taken first as a whole id, as write_jsonl takes it: resolving a prefix reads the store once more.
            doc, summaries = named, duckquery.summarise_sources(target, named)
    else:
        doc = duckquery.resolve_document(target, doc) if doc is not None else None
        summaries = summarise_sources(filter_claims(target.iter_claims(), ClaimFilter(doc=doc)))
    rows = [
        {
            "name": s.name,
            "type": s.type or "",
            "claims": s.claims,
            "documents": s.documents,
            "roles": list(s.roles),
            "affiliations": list(s.affiliations),
            "mentions": list(s.mentions),
            "names": list(s.names),
        }
        for s in summaries
    ]
    fmt = resolve_format(output_format)
    if fmt is OutputFormat.table:
        _print_sources_table(rows, doc)
    else:
        print_rows(rows, fmt, SOURCE_COLUMNS)


SOURCE_COLUMNS = ("name", "type", "claims", "documents", "roles", "affiliations", "mentions", "names")


def _print_sources_table(rows: list[dict], doc: str | None) -> None:
    if not rows:
        say(f"No sources: no claim of document {doc} has a source." if doc else "No sources: no claim in the store has a source.")
        return
    cells = []
    for row in rows:
        roles, affiliations = "; ".join(row["roles"]), "; ".join(row["affiliations"])
        role = " ".join(part for part in (roles, f"({affiliations})" if affiliations else "") if part)
        # A mention that is just the name again is noise on screen.
        others = "; ".join(m for m in dict.fromkeys([*row["names"], *row["mentions"]]) if m != row["name"])
        cells.append((row["name"], row["type"], str(row["claims"]), str(row["documents"]), role, others))
    columns = [
        Column("source", ratio=3, style="green"),
        Column("type", ratio=1, cap=12),
        Column("claims", justify="right"),
        Column("docs", justify="right"),
        Column("role", ratio=2, give_way=2),
        Column("also written as", ratio=3, give_way=1),
    ]
    table = word_wrapped_table(columns, cells, stdout.width)
    stdout.print(table)
