"""Tables that wrap at word boundaries: the claims, sources, clusters and similar listings.

rich wraps a cell at spaces, but a column narrower than a word folds the
word across lines ("intelligen" / "ce"), and its ratio columns ignore a
column's minimum width. So the widths are chosen here: each wrapping
column gets at least the width of its longest word (up to a cap, so that
one long URL cannot starve the others), then a share of the rest by its
ratio, up to its longest cell. Only a word longer than its column's cap
is folded, or every column's words when the terminal is too narrow for
all of them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rich import box
from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

from ..models import Claim, DocumentRecord
from .safe_text import visible

# A document's title or id is cut to this many characters in the claims table.
DOCUMENT_LABEL = 32


@dataclass(frozen=True)
class Column:
    """A column of a :func:`word_wrapped_table`: ``ratio`` 0 keeps it on one line at its natural width,
    others share the width left by their ratio."""

    header: str
    ratio: int = 0
    cap: int = 16  # the widest it is made for its longest word
    style: str | None = None
    justify: str = "left"
    # What becomes of a word longer than the column: "fold" splits it, "ellipsis" cuts it short.
    overflow: str = "fold"


def word_wrapped_table(columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int) -> Table:
    """``rows`` under ``columns`` in a table at most ``width`` characters wide, wrapped at spaces.

    Cells are untrusted text: shown with control characters escaped (see :mod:`.safe_text`), and
    measured as shown.
    """
    shown = [[visible(cell) for cell in row] for row in rows]
    cells = list(zip(*shown, strict=True)) if shown else [() for _ in columns]
    # Between columns: one rule and a space each side; none at the edges (show_edge, pad_edge off).
    available = width - 3 * (len(columns) - 1)
    fixed = [max([cell_len(column.header), *map(cell_len, texts)]) for column, texts in zip(columns, cells, strict=True)]
    flexible = [i for i, column in enumerate(columns) if column.ratio]
    room = available - sum(fixed[i] for i in range(len(columns)) if i not in flexible)
    fitted = fit_widths(room, [columns[i] for i in flexible], [cells[i] for i in flexible])
    widths = dict(zip(flexible, fitted, strict=True))
    table = Table(header_style="bold", box=box.MINIMAL_HEAVY_HEAD, show_edge=False, pad_edge=False)
    for i, column in enumerate(columns):
        table.add_column(
            column.header,
            style=column.style,
            justify=column.justify,  # type: ignore[arg-type]
            width=widths.get(i, fixed[i]),
            no_wrap=i not in widths,
            overflow=column.overflow,  # type: ignore[arg-type]
        )
    for row in shown:
        table.add_row(*(Text(cell) for cell in row))
    return table


def fit_widths(room: int, columns: Sequence[Column], cells: Sequence[Sequence[str]]) -> list[int]:
    """Widths for wrapping ``columns`` that add up to at most ``room`` (see the module docstring)."""
    least = [
        max(
            [
                min(cell_len(column.header), column.cap),
                *(min(cell_len(word), column.cap) for cell in texts for word in cell.split()),
            ]
        )
        for column, texts in zip(columns, cells, strict=True)
    ]
    most = [max([low, *map(cell_len, texts)]) for low, texts in zip(least, cells, strict=True)]
    widths = list(least)
    # Too narrow even for the words: a column that cuts words short gives way first (to a few
    # characters), then the one widest for its ratio.
    while sum(widths) > max(room, len(widths)):
        cutting = [i for i, column in enumerate(columns) if column.overflow == "ellipsis" and widths[i] > 6]
        narrowed = cutting[0] if cutting else max(range(len(widths)), key=lambda i: widths[i] / columns[i].ratio)
        widths[narrowed] -= 1
    spare = room - sum(widths)
    while spare > 0:
        growing = [i for i, w in enumerate(widths) if w < most[i]]
        share = sum(columns[i].ratio for i in growing)
        given = 0
        for i in growing:
            grant = min(max(1, spare * columns[i].ratio // share), most[i] - widths[i], spare - given)
            widths[i] += grant
            given += grant
        if not given:
            break
        spare -= given
    return widths


def claims_table(claims: Sequence[Claim], documents: Mapping[str, DocumentRecord], width: int) -> Table:
    """Claims as rows; a document column when they come from more than one document."""
    several = len({claim.doc_id for claim in claims}) > 1
    columns = [
        Column("id", style="cyan"),
        # A document id is one long word: cut short rather than folded over several lines.
        *([Column("document", ratio=2, cap=10, style="blue", overflow="ellipsis")] if several else []),
        Column("source", ratio=2, cap=12, style="green"),
        Column("cue", ratio=1, cap=10, style="magenta"),
        Column("claim", ratio=6, cap=20),
        Column("status"),
    ]
    rows = [
        (
            claim.id[:8],
            *([document_label(claim.doc_id, documents)] if several else []),
            source_label(claim),
            claim.cue.text if claim.cue else "",
            shorten(claim.text, 200),
            claim.status.value,
        )
        for claim in claims
    ]
    return word_wrapped_table(columns, rows, width)


def document_label(doc_id: str, documents: Mapping[str, DocumentRecord]) -> str:
    """A document as a reader knows it: its title when the page gave one, else its id; shortened."""
    record = documents.get(doc_id)
    return shorten(record.title if record is not None and record.title else doc_id, DOCUMENT_LABEL)


def source_label(claim: Claim) -> str:
    if claim.source is None:
        return "(hedged)" if claim.hedged else ""
    name = claim.source.name
    if name and name.casefold() not in claim.source.text.casefold():
        return f"{claim.source.text} ({name})"
    return claim.source.text


def shorten(text: str, width: int) -> str:
    """``text`` on one line, cut at a word boundary to at most ``width`` characters, with "…" when cut."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > width // 2 else cut).rstrip() + "…"
