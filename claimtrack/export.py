"""Writers that turn claims into CSV, JSON Lines, a JSON array or ClaimReview on a text stream."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable
from enum import Enum
from typing import TYPE_CHECKING, Any, TextIO

from .models import Claim
from .store import dump_record

if TYPE_CHECKING:  # pragma: no cover
    from .claimreview import DocumentLookup


class OutputFormat(str, Enum):
    """Every format claimtrack writes: a table for people at a terminal (drawn
    by the CLI), the others for files, pipes and scripts."""

    table = "table"
    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    claimreview = "claimreview"


# What a listing (claims, sources, docs) prints, and what `export` writes to a file.
LISTING_FORMATS = (OutputFormat.table, OutputFormat.jsonl, OutputFormat.json, OutputFormat.csv)
FILE_FORMATS = (OutputFormat.csv, OutputFormat.jsonl, OutputFormat.json, OutputFormat.claimreview)


# The CSV column set is a contract with spreadsheets and scripts: add columns
# only at the end, never rename or reorder them.
CSV_COLUMNS = (
    "id",
    "doc_id",
    "start",
    "end",
    "text",
    "sentence",
    "source",
    "source_name",
    "source_type",
    "source_role",
    "source_affiliation",
    "cue",
    "quote",
    "hedged",
    "status",
    "last_note",
    "evidence",
    "tags",
    "annotated_at",
    "doc_path",
    "quantities",
    "quantities_json",
    "cluster",
    "orphaned",
)

# How a list (evidence, tags, a source's roles) is written in one CSV cell.
LIST_SEPARATOR = " | "
# Within an item of a list cell (see join_list), the characters written escaped.
_LIST_ESCAPES = str.maketrans({"\\": "\\\\", "|": "\\|"})
_ESCAPED = re.compile(r"\\(.)", re.DOTALL)

# Spreadsheets run a cell that starts with one of these as a formula; article
# text is untrusted, so such cells are prefixed with an apostrophe.
_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def csv_row(claim: Claim) -> dict[str, str]:
    """A claim as one flat CSV row; evidence and tags are joined by :func:`join_list`."""
    source = claim.source
    row = {
        "id": claim.id,
        "doc_id": claim.doc_id,
        "start": str(claim.start),
        "end": str(claim.end),
        "text": claim.text,
        "sentence": claim.sentence,
        "source": source.text if source else "",
        "source_name": (source.name or "") if source else "",
        "source_type": source.type.value if source and source.type else "",
        "source_role": (source.role or "") if source else "",
        "source_affiliation": (source.affiliation or "") if source else "",
        "cue": claim.cue.text if claim.cue else "",
        "quote": claim.quote.value if claim.quote else "",
        "hedged": "true" if claim.hedged else "false",
        "status": claim.status.value,
        "last_note": claim.last_note or "",
        "evidence": join_list(claim.evidence),
        "tags": join_list(claim.tags),
        "annotated_at": claim.annotations[-1].at.isoformat() if claim.annotations else "",
        "doc_path": claim.doc_path or "",
        "quantities": LIST_SEPARATOR.join(q.describe() for q in claim.quantities),
        "quantities_json": _quantities_json(claim),
        "cluster": claim.cluster or "",
        # Its verdict stands on words its document no longer holds: a spreadsheet must tell it from a live claim.
        "orphaned": "true" if claim.orphaned else "false",
    }
    return {key: defuse_formula(value) for key, value in row.items()}


def join_list(items: Iterable[str]) -> str:
    """A list as one CSV cell: items joined with :data:`LIST_SEPARATOR`, each item's own ``|`` written ``\\|`` and
    its ``\\`` written ``\\\\``, so that an evidence title holding "|" stays one item (:func:`split_list` reads it
    back). An item holding neither reads as written."""
    return LIST_SEPARATOR.join(item.translate(_LIST_ESCAPES) for item in items)


def split_list(cell: str) -> list[str]:
    """The items of a list cell :func:`join_list` wrote: an item's own bar is always escaped, so ``" | "`` is only
    ever the separator."""
    return [_ESCAPED.sub(r"\1", item) for item in cell.split(LIST_SEPARATOR)] if cell else []


def _quantities_json(claim: Claim) -> str:
    if not claim.quantities:
        return ""
    return json.dumps([q.model_dump(mode="json") for q in claim.quantities], ensure_ascii=False)


def defuse_formula(value: str) -> str:
    """``value`` as a CSV cell that a spreadsheet reads as text: a quote mark before a leading =, +, -, @, tab or
    carriage return, which would start a formula."""
    return "'" + value if value.startswith(_FORMULA_TRIGGERS) else value


def write_csv(claims: Iterable[Claim], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    count = 0
    for claim in claims:
        writer.writerow(csv_row(claim))
        count += 1
    return count


def write_jsonl(claims: Iterable[Claim], out: TextIO) -> int:
    count = 0
    for claim in claims:
        out.write(dump_record(claim) + "\n")
        count += 1
    return count


def write_json_array(items: Iterable[Any], out: TextIO) -> int:
    """A JSON array of ``items``, written one by one so memory stays flat; return how many."""
    out.write("[")
    count = 0
    for item in items:
        out.write(",\n" if count else "\n")
        out.write(json.dumps(item, ensure_ascii=False))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def write_json(claims: Iterable[Claim], out: TextIO) -> int:
    return write_json_array((claim.model_dump(mode="json") for claim in claims), out)


WRITERS: dict[OutputFormat, Callable[[Iterable[Claim], TextIO], int]] = {
    OutputFormat.csv: write_csv,
    OutputFormat.jsonl: write_jsonl,
    OutputFormat.json: write_json,
}


def write_claims(
    claims: Iterable[Claim],
    out: TextIO,
    fmt: OutputFormat,
    *,
    publisher: str | None = None,
    documents: DocumentLookup | None = None,
    review_url: str | None = None,
    orphans: bool = False,
) -> int:
    """Write ``claims`` to ``out`` in ``fmt``; return how many were written.

    ``publisher`` names the fact-checking organisation in ClaimReview output,
    ``review_url`` where each review is published (``{id}`` the claim's id),
    ``documents`` finds where each claim appeared (URL, title, date), and
    ``orphans`` reviews the orphaned claims too (see :mod:`claimtrack.claimreview`).
    """
    if fmt is OutputFormat.claimreview:
        from .claimreview import write_claimreview

        return write_claimreview(claims, out, publisher=publisher, documents=documents, review_url=review_url, orphans=orphans)
    if fmt not in WRITERS:
        raise ValueError(f"{fmt.value} is drawn on a terminal, not written by write_claims")
    return WRITERS[fmt](claims, out)
