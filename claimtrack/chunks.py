"""Documents as the pieces a parser is given, and what comes back: plain data that crosses process boundaries.

Kept apart from :mod:`claimtrack.extract` so that the process that hands out
pieces and stores their claims to a Dask cluster (or to workers it spawns)
never imports the attribution rules it does not run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# spaCy's parser needs memory in proportion to a text's length; long inputs
# are cut at paragraph breaks into pieces of at most this many characters.
MAX_CHUNK_CHARS = 100_000
MAX_RUN_CHARS = 256
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN_CHARS + 1},}}")


@dataclass(frozen=True)
class ChunkTask:
    """One piece of one document to parse: everything a worker process needs, and picklable."""

    doc_id: str
    doc_path: str | None
    doc_sha256: str | None
    offset: int
    text: str
    ends_document: bool = True  # the document's last piece, where its notes are


@dataclass(frozen=True)
class ChunkResult:
    """A parsed piece's claims as store lines (JSON, schema order), with the counts a report needs.

    Lines rather than :class:`Claim` objects: they cross process boundaries
    cheaply and are spooled as they are, so every way of running writes the
    same bytes.
    """

    lines: list[str]
    sentences: int
    characters: int
    attributed: int


def split_into_chunks(text: str, max_chars: int | None = None) -> list[tuple[int, str]]:
    """Cut ``text`` into ``(offset, piece)`` pairs at the best break before ``max_chars`` (by default
    :data:`MAX_CHUNK_CHARS`).

    A run of more than :data:`MAX_RUN_CHARS` characters without a space
    (thousands of quote marks, a base64 blob) is cut into pieces of its own:
    spaCy's tokenizer takes time quadratic in the length of such a run.
    """
    max_chars = MAX_CHUNK_CHARS if max_chars is None else max_chars
    chunks = []
    start = 0
    while len(text) - start > max_chars:
        end = _break_before(text, start, start + max_chars)
        chunks.extend(_split_long_runs(start, text[start:end]))
        start = end
    if start < len(text) or not chunks:
        chunks.extend(_split_long_runs(start, text[start:]))
    return chunks


def _split_long_runs(offset: int, piece: str) -> list[tuple[int, str]]:
    pieces = []
    cursor = 0
    for match in _LONG_RUN.finditer(piece):
        if match.start() > cursor:
            pieces.append((offset + cursor, piece[cursor : match.start()]))
        for cut in range(match.start(), match.end(), MAX_RUN_CHARS):
            pieces.append((offset + cut, piece[cut : min(cut + MAX_RUN_CHARS, match.end())]))
        cursor = match.end()
    if cursor < len(piece) or not pieces:
        pieces.append((offset + cursor, piece[cursor:]))
    return pieces


def _break_before(text: str, start: int, limit: int) -> int:
    # Prefer a paragraph break, then a line break, then a sentence end, then any space.
    for separator in ("\n\n", "\n", ". ", " "):
        cut = text.rfind(separator, start + 1, limit)
        if cut > start:
            return cut + len(separator)
    return limit
