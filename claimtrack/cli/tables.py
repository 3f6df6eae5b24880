"""Tables that wrap at word boundaries: the claims, sources, clusters, similar and docs listings.

rich wraps a cell at spaces, but a column narrower than a word folds the
word across lines ("intelligen" / "ce"), and its ratio columns ignore a
column's minimum width. So the widths are chosen here: each wrapping
column gets at least the width of its longest word (up to a cap, so that
one long URL cannot starve the others), and the claim column enough for a
few words a line, then a share of the rest by its ratio, up to its longest
cell. A word longer than its column's cap (a path, a URL, a document id)
breaks after a hyphen or slash where it has one, else is folded.

A terminal too narrow for every column's words loses columns instead, the
least needed first (each table says which give way, and in what order), and
the table's caption names them. Only when even the columns that stay cannot
hold their words are words folded.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from rich import box
from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

from ..models import Claim, DocumentRecord
from .safe_text import visible

# A document's title or id is cut to this many characters in the claims table.
DOCUMENT_LABEL = 32
# A claim column narrower than this holds two or three words a line: other columns give way first.
CLAIM_READABLE = 16
# The narrowest a column that cuts its words short ("north-ko…") is made.
CUT_SHORT = 6


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
    # The narrowest it reads well at, words apart (or its longest cell, if shorter): a claim needs a few words a line.
    readable: int = 0
    # On a terminal too narrow for every column's words, the columns with a give_way are left out, 1 first.
    give_way: int = 0
    # Left out when no row has anything in it.
    hide_empty: bool = False
    # False for a block of text (a note) whose line breaks are its own: they are kept, not escaped.
    one_line: bool = True


def word_wrapped_table(columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int) -> Table:
    """``rows`` under ``columns`` in a table at most ``width`` characters wide, wrapped at spaces.

    Cells are untrusted text: shown with control characters escaped (see :mod:`.safe_text`), and
    measured as shown.
    """
    shown = [[visible(cell, one_line=column.one_line) for cell, column in zip(row, columns, strict=True)] for row in rows]
    cells = list(zip(*shown, strict=True)) if shown else [() for _ in columns]
    kept, hidden = _kept_columns(columns, cells, width)
    columns, cells = [columns[i] for i in kept], [cells[i] for i in kept]
    widths, wrapping = _layout(columns, cells, width)
    table = Table(header_style="bold", box=box.MINIMAL_HEAVY_HEAD, show_edge=False, pad_edge=False)
    for column, column_width, wraps in zip(columns, widths, wrapping, strict=True):
        table.add_column(
            column.header,
            style=column.style,
            justify=column.justify,  # type: ignore[arg-type]
            width=column_width,
            no_wrap=not wraps,
            overflow=column.overflow,  # type: ignore[arg-type]
        )
    for row in zip(*cells, strict=True):
        table.add_row(
            *(
                Text(_breakable(cell, w) if c.overflow == "fold" else cell)
                for cell, w, c in zip(row, widths, columns, strict=True)
            )
        )
    if hidden:
        table.caption = f"Left out to fit the terminal: {', '.join(hidden)}"
        table.caption_justify = "left"
    return table


def _kept_columns(columns: Sequence[Column], cells: Sequence[Sequence[str]], width: int) -> tuple[list[int], list[str]]:
    """The columns to show (their indexes), and the headers of those left out for want of width.

    Empty columns marked ``hide_empty`` go; then, while the words do not fit,
    the columns that give way, in their order.
    """
    kept = [i for i, column in enumerate(columns) if not (column.hide_empty and not any(cells[i]))]
    hidden = []
    for i in sorted((i for i in kept if columns[i].give_way), key=lambda i: columns[i].give_way):
        if _words_fit([columns[j] for j in kept], [cells[j] for j in kept], width):
            break
        kept.remove(i)
        hidden.append(columns[i].header)
    return kept, hidden


def _layout(columns: Sequence[Column], cells: Sequence[Sequence[str]], width: int) -> tuple[list[int], list[bool]]:
    """Each column's width, and whether it wraps: one-line columns at their natural width, the rest fitted."""
    flexible = [i for i, column in enumerate(columns) if column.ratio]
    room = _room(columns, cells, width)
    fitted = dict(zip(flexible, fit_widths(room, [columns[i] for i in flexible], [cells[i] for i in flexible]), strict=True))
    natural = _natural_widths(columns, cells)
    return [fitted.get(i, natural[i]) for i in range(len(columns))], [i in fitted for i in range(len(columns))]


def _natural_widths(columns: Sequence[Column], cells: Sequence[Sequence[str]]) -> list[int]:
    return [max([cell_len(column.header), *map(cell_len, texts)]) for column, texts in zip(columns, cells, strict=True)]


def _room(columns: Sequence[Column], cells: Sequence[Sequence[str]], width: int) -> int:
    """The width left to the wrapping columns once the one-line columns and the rules between columns are placed."""
    # Between columns: one rule and a space each side; none at the edges (show_edge, pad_edge off).
    natural = _natural_widths(columns, cells)
    return width - 3 * (len(columns) - 1) - sum(w for column, w in zip(columns, natural, strict=True) if not column.ratio)


def _words_fit(columns: Sequence[Column], cells: Sequence[Sequence[str]], width: int) -> bool:
    """Whether every wrapping column can be given its least width (see :func:`least_widths`) in ``width``."""
    flexible = [i for i, column in enumerate(columns) if column.ratio]
    least = least_widths([columns[i] for i in flexible], [cells[i] for i in flexible])
    # A column that cuts its words short ("north-ko…") may do so: that is its way of fitting.
    least = [min(w, CUT_SHORT) if columns[i].overflow == "ellipsis" else w for i, w in zip(flexible, least, strict=True)]
    return sum(least) <= _room(columns, cells, width)


def least_widths(columns: Sequence[Column], cells: Sequence[Sequence[str]], *, readable: bool = True) -> list[int]:
    """The narrowest each wrapping column is made: its longest word (up to its cap) and, with ``readable``,
    its ``readable`` width."""
    return [
        max(
            [
                min(cell_len(column.header), column.cap),
                *(min(cell_len(word), column.cap) for cell in texts for word in cell.split()),
                min(column.readable, max(map(cell_len, texts), default=0)) if readable else 0,
            ]
        )
        for column, texts in zip(columns, cells, strict=True)
    ]


def fit_widths(room: int, columns: Sequence[Column], cells: Sequence[Sequence[str]]) -> list[int]:
    """Widths for wrapping ``columns`` that add up to at most ``room`` (see the module docstring)."""
    words = least_widths(columns, cells, readable=False)
    widths = _grown(room, columns, cells, words, words)
    readable = least_widths(columns, cells)
    # Shared out from the words' widths first, so that a column's ``readable`` only changes a layout that needs it.
    if any(width < least for width, least in zip(widths, readable, strict=True)):
        widths = _grown(room, columns, cells, readable, words)
    return widths


def _grown(room: int, columns: Sequence[Column], cells: Sequence[Sequence[str]], least: list[int], words: list[int]) -> list[int]:
    """From the ``least`` widths, narrowed to fit ``room`` or given a share of what is spare by ratio."""
    most = [max([low, *map(cell_len, texts)]) for low, texts in zip(least, cells, strict=True)]
    widths = list(least)
    # Too narrow even for the words: a column that cuts words short gives way first (to a few
    # characters), then a column wider than its words for readability, then the one widest for its ratio.
    while sum(widths) > max(room, len(widths)):
        cutting = [i for i, column in enumerate(columns) if column.overflow == "ellipsis" and widths[i] > CUT_SHORT]
        roomy = [i for i, w in enumerate(widths) if w > words[i]]
        narrowed = (cutting or roomy or [max(range(len(widths)), key=lambda i: widths[i] / columns[i].ratio)])[0]
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


# Where a word too long for its column breaks best: after a hyphen or a slash ("north-korea-" / "ukraine-army").
_BREAK_AFTER = re.compile(r"(?<=[-/])")


def _breakable(cell: str, width: int) -> str:
    """``cell`` with a line break put into each word longer than ``width``, after a hyphen or slash where the
    word has one that leaves a piece that fits; rich folds what is still too long."""
    if all(cell_len(word) <= width for word in cell.split()):
        return cell
    return re.sub(r"\S+", lambda match: _broken_word(match.group(), width), cell)


def _broken_word(word: str, width: int) -> str:
    lines, line = [], ""
    for piece in _BREAK_AFTER.split(word):
        if line and cell_len(line + piece) > width:
            lines.append(line)
            line = ""
        line += piece
    return "\n".join([*lines, line])


def claims_table(claims: Sequence[Claim], documents: Mapping[str, DocumentRecord], width: int) -> Table:
    """Claims as rows; a document column when they come from more than one document."""
    several = len({claim.doc_id for claim in claims}) > 1
    columns = [
        Column("id", style="cyan"),
        # A document id is one long word: cut short rather than folded over several lines.
        *([Column("document", ratio=2, cap=10, style="blue", overflow="ellipsis", give_way=2)] if several else []),
        Column("source", ratio=2, cap=12, style="green"),
        Column("cue", ratio=1, cap=10, style="magenta", give_way=1),
        Column("claim", ratio=6, cap=20, readable=CLAIM_READABLE),
        # Wraps only for an orphan's "(orphaned)", which goes under its status where room is short.
        Column("status", ratio=1, cap=12),
    ]
    rows = [
        (
            claim.id[:8],
            *([document_label(claim.doc_id, documents)] if several else []),
            source_label(claim),
            claim.cue.text if claim.cue else "",
            shorten(claim.text, 200),
            status_label(claim),
        )
        for claim in claims
    ]
    return word_wrapped_table(columns, rows, width)


def document_label(doc_id: str, documents: Mapping[str, DocumentRecord]) -> str:
    """A document as a reader knows it: its title when the page gave one, else its id; shortened."""
    record = documents.get(doc_id)
    return shorten(record.title if record is not None and record.title else doc_id, DOCUMENT_LABEL)


def status_label(claim: Claim) -> str:
    """The claim's status, marked on an orphan: a verdict on words its document no longer has."""
    return f"{claim.status.value} (orphaned)" if claim.orphaned else claim.status.value


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


def terminal_time(at: datetime, *, seconds: bool = False) -> str:
    """``at`` in UTC for a table, to the minute (or second): "2026-12-03 20:49"; machine formats keep it whole."""
    return at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
