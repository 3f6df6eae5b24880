"""`claimtrack clusters` and `claimtrack similar`: the same fact across documents."""

from __future__ import annotations

from pathlib import Path

import typer

from .. import duckquery
from ..clusters.summary import ClusterSummary, document_date, summarise_clusters
from ..models import Claim, DocumentRecord
from .common import (
    ListingFormatOption,
    OutputFormat,
    StoreOption,
    handle_errors,
    open_store,
    print_rows,
    resolve_format,
    say,
    stdout,
    text_value,
    whole_number,
)
from .tables import CLAIM_READABLE, Column, status_label, word_wrapped_table


@handle_errors
def clusters_command(
    min_documents: int = typer.Option(
        2,
        "--min-documents",
        min=1,
        parser=whole_number(1),
        metavar="N",
        help="Only clusters whose fact is stated in at least N documents.",
    ),
    output_format: OutputFormat | None = ListingFormatOption,
    store: Path | None = StoreOption,
) -> None:
    """List clusters: the claims of different documents that state the same fact.

    One row per cluster, most documents first: its id, a representative
    claim, how many documents and distinct sources state it, when it was
    first seen (the earliest publication date of its documents, else the
    first extraction), and the fact-check statuses of its claims (an
    orphan's too: a verdict kept after its words left their document, which
    no longer counts as stating the fact). Clusters are assigned by extract; `claimtrack similar ID` lists one cluster's
    claims, `claimtrack annotate ID --cluster` records a verdict on all of them.

    \b
    Examples:
      claimtrack clusters
      claimtrack clusters --min-documents 3 --format csv > repeated.csv
    """
    target = open_store(store)
    if duckquery.usable(target):
        summaries = duckquery.summarise_clusters(target, target.documents.lookup(), min_documents=min_documents)
    else:
        summaries = summarise_clusters(target.iter_claims(), target.documents.lookup(), min_documents=min_documents)
    fmt = resolve_format(output_format)
    if fmt is OutputFormat.table:
        _print_clusters_table(summaries)
    else:
        print_rows([_cluster_row(summary, fmt) for summary in summaries], fmt, CLUSTER_COLUMNS)


CLUSTER_COLUMNS = ("cluster", "claim", "claims", "documents", "sources", "first_seen", "statuses")


def _cluster_row(summary: ClusterSummary, fmt: OutputFormat) -> dict:
    row: dict = {
        "cluster": summary.cluster,
        "claim": summary.representative,
        "claims": summary.claims,
        "documents": len(summary.documents),
        "sources": len(summary.sources),
        "first_seen": summary.first_seen,
        "statuses": summary.statuses,
    }
    if fmt is OutputFormat.csv:
        row["statuses"] = "; ".join(f"{status}: {count}" for status, count in summary.statuses.items())
        row["first_seen"] = summary.first_seen or ""
    return row


def _print_clusters_table(summaries: list[ClusterSummary]) -> None:
    if not summaries:
        say("No clusters: no fact is stated in that many documents.")
        return
    columns = [
        Column("cluster", style="cyan"),
        Column("claim", ratio=5, cap=20, readable=CLAIM_READABLE),
        Column("docs", justify="right"),
        Column("sources", justify="right", give_way=1),
        Column("first seen", give_way=2),
        Column("statuses", ratio=2),
    ]
    rows = []
    for s in summaries:
        statuses = ", ".join(f"{status} {count}" for status, count in s.statuses.items())
        rows.append(
            (s.cluster[:8], s.representative, str(len(s.documents)), str(len(s.sources)), (s.first_seen or "")[:10], statuses)
        )
    table = word_wrapped_table(columns, rows, stdout.width)
    stdout.print(table)
    say(f"{len(summaries)} cluster{'s' if len(summaries) != 1 else ''}")


# New columns go at the end: CSV readers take them by position too.
SIMILAR_COLUMNS = ("id", "document", "source", "date", "status", "text", "orphaned", "date_kind")


@handle_errors
def similar_command(
    claim_id: str = typer.Argument(
        ..., metavar="ID", callback=text_value, help="Claim id, or a cluster id (as `clusters` shows), or a unique prefix."
    ),
    output_format: OutputFormat | None = ListingFormatOption,
    store: Path | None = StoreOption,
) -> None:
    """List the other claims that state the same fact as claim ID: its cluster, with document, source and date.

    ID may also be a cluster's id, as `clusters` shows it: then every claim
    of the cluster is listed (a cluster keeps the id of the claim that
    founded it, even once that claim is gone). An orphan (a verdict kept after
    its words left their document) has "(orphaned)" after its status, and its
    orphaned field is true in CSV and JSON. The date is the document's
    publication date; for a document that gives none, when it was extracted,
    marked "extracted" in the table (date_kind in CSV and JSON says which:
    published or extracted).

    \b
    Examples:
      claimtrack similar 3f2a
      claimtrack similar 3f2a --format csv
    """
    target = open_store(store)
    named = target.cluster_named(claim_id)
    others = named.others()
    documents = target.documents.lookup()
    rows = [
        {
            "id": other.id,
            "document": other.doc_id,
            "source": (other.source.name or other.source.text) if other.source else "",
            "date": document_date(documents(other)) or "",
            "status": other.status.value,
            "text": other.text,
            "orphaned": other.orphaned,
            "date_kind": _date_kind(documents(other)),
        }
        for other in others
    ]
    fmt = resolve_format(output_format)
    if fmt is not OutputFormat.table:
        print_rows(rows, fmt, SIMILAR_COLUMNS)
    elif not rows:
        say(f"No other claim states the same fact as {named.id}" + ("" if named.cluster else " (it has no cluster yet)"))
    else:
        _print_similar_table(others, rows)


def _date_kind(record: DocumentRecord | None) -> str:
    """What the date :func:`document_date` gives for ``record`` is: "published", "extracted", or "" (no date)."""
    if record is None:
        return ""
    return "published" if record.published else "extracted"


def _table_date(row: dict) -> str:
    """The date column's cell: the day, said to be the extraction's when the document gives no publication date."""
    day = row["date"][:10]
    return f"extracted {day}" if row["date_kind"] == "extracted" else day


def _print_similar_table(others: list[Claim], rows: list[dict]) -> None:
    columns = [
        Column("id", style="cyan"),
        # A document id is one long word: cut short rather than folded over several lines.
        Column("document", ratio=2, cap=10, overflow="ellipsis", give_way=2),
        Column("source", ratio=2, cap=12, style="green"),
        Column("date", give_way=1),
        Column("claim", ratio=5, cap=20, readable=CLAIM_READABLE),
        # Wraps only for an orphan's "(orphaned)", as in the claims table.
        Column("status", ratio=1, cap=12),
    ]
    cells = [
        (row["id"][:8], row["document"], row["source"], _table_date(row), row["text"], status_label(other))
        for other, row in zip(others, rows, strict=True)
    ]
    stdout.print(word_wrapped_table(columns, cells, stdout.width))
