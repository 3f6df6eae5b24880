"""The source lexicon loader: every list present, well formed, or an error.

Module under test: claimtrack.attribution.sources.lexicon.
"""

from __future__ import annotations

import json

import pytest

from claimtrack.attribution.sources import lexicon
from claimtrack.errors import LexiconError


@pytest.fixture
def shipped() -> dict:
    """The shipped lexicon as a plain dict, to break a copy of it."""
    return json.loads(lexicon._shipped_text())


@pytest.fixture
def fresh_lexicon():
    """Forget the cached lexicon before and after the test."""
    lexicon.source_lexicon.cache_clear()
    yield
    lexicon.source_lexicon.cache_clear()


def test_lexicon_shipped_lists_all_load_and_are_not_empty():
    loaded = lexicon.source_lexicon()
    assert all(getattr(loaded, name) for name in lexicon.LIST_NAMES)
    assert loaded.has("Spokesman", "person_nouns")


def _without(data: dict, key: str) -> dict:
    return {k: v for k, v in data.items() if k != key}


@pytest.mark.parametrize(
    "breakage, message",
    [
        (lambda d: _without(d, "person_nouns"), "missing list(s) person_nouns"),
        (
            lambda d: {**_without(d, "group_nouns"), "group_noun": d["group_nouns"]},
            "missing list(s) group_nouns; unknown list(s) group_noun",
        ),
        (lambda d: {**d, "ranks": "general"}, "ranks must be a list of lower-case strings"),
        (lambda d: {**d, "honorifics": ["Mr."]}, "honorifics must be a list of lower-case strings"),
        (lambda d: [d["ranks"]], "expected an object of word lists"),
    ],
)
def test_lexicon_broken_file_raises(shipped, breakage, message):
    with pytest.raises(LexiconError) as raised:
        lexicon.parse_source_lexicon(json.dumps(breakage(shipped)))
    assert str(raised.value) == f"source_lexicon.json: {message}"


def test_lexicon_not_json_raises():
    with pytest.raises(LexiconError, match="^source_lexicon.json: not JSON"):
        lexicon.parse_source_lexicon("{")


def test_lexicon_missing_list_makes_normalise_sources_raise_not_return_empty(nlp, normalise, shipped, monkeypatch, fresh_lexicon):
    broken = json.dumps(_without(shipped, "document_source_nouns"))
    monkeypatch.setattr(lexicon, "_shipped_text", lambda: broken)
    text = "The report said costs rose."
    with pytest.raises(LexiconError, match="missing list.s. document_source_nouns"):
        normalise(nlp(text), [(0, len("The report"))])


@pytest.mark.parametrize(
    "words, outlet",
    [
        ("Reuters", True),
        ("the BBC", True),  # listed without its article
        ("The New York Times", True),  # listed with and without it
        ("Sky News", True),
        ("the Kremlin", False),
        ("Anna Berg", False),
    ],
)
def test_lexicon_names_a_news_outlet_with_or_without_its_article(words, outlet):
    assert lexicon.names_a_news_outlet(words) is outlet
