"""Documents cut into the pieces a parser is given."""

from __future__ import annotations

import pytest

from claimtrack.chunks import MAX_RUN_CHARS, split_into_chunks


@pytest.mark.parametrize(
    "text, size",
    [
        ("a" * 10, 100),
        ("para one\n\npara two\n\npara three", 12),
        ("x" * 250, 100),
        ("", 10),
        ('He said "' + '"' * 1000 + " and left.", 100_000),
        ("a " + "b" * 600 + " c", 100_000),
    ],
)
def test_chunks_cover_the_text_exactly(text, size):
    chunks = split_into_chunks(text, size)
    assert "".join(piece for _, piece in chunks) == text
    assert all(len(piece) <= size for _, piece in chunks)
    assert all(len(run) <= MAX_RUN_CHARS for _, piece in chunks for run in piece.split())
    assert [offset for offset, _ in chunks] == [sum(len(p) for _, p in chunks[:i]) for i in range(len(chunks))]
