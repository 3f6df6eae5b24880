"""Words broken at a line's end by a hyphen, as text copied from a PDF keeps them (claimtrack.readers.normalise)."""

from __future__ import annotations

import pytest

from claimtrack.readers.normalise import join_broken_words


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        (
            "The defence minis-\nter said drones were shot down over the re-\ngion.",
            "The defence minister said drones were shot down over the region.",
        ),
        ("a long-\nrange missile", "a long-range missile"),  # a compound's first part keeps its hyphen
        ("the pro-\nRussian party and the Russia-\nUkraine talks", "the pro-Russian party and the Russia-Ukraine talks"),
        ("the re-election, then the re-\nelection", "the re-election, then the re-election"),  # as the text writes it
        ("the interior minister. The minis-\nter added", "the interior minister. The minister added"),
        ("Key points -\nthe army said", "Key points -\nthe army said"),  # a dash, not a broken word
        ("Key points:\n- one\n- two", "Key points:\n- one\n- two"),
    ],
)
def test_a_word_broken_at_a_lines_end_is_whole_again(text: str, whole: str) -> None:
    assert join_broken_words(text) == whole


def test_text_without_a_broken_word_comes_back_as_it_was() -> None:
    text = "Officials said 23 people were killed.\nThe well-known bridge was hit."
    assert join_broken_words(text) is text
