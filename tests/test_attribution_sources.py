"""normalise_sources as a whole: one SourceInfo per span, odd input, and bugs that surface.

Naming, coreference, typing and the lexicon have their own test modules
(test_attribution_sources_<module>.py). The spaCy pipeline is loaded once;
without a model these tests skip.
"""

from __future__ import annotations

import logging

import pytest

from claimtrack.models import SourceType

SOURCE_TYPES = {t.value for t in SourceType}


def test_odd_spans_never_raise(nlp, normalise):
    text = "Mary Jones said the vote was fair. He agreed."
    doc = nlp(text)
    spans = [None, (0, 0), (5, 5), (4, 5), (1, 3), (len(text) - 1, len(text) + 40), (-3, 2), (30, 10)]
    results = normalise(doc, spans)
    assert len(results) == len(spans)
    assert results[0] is None
    assert results[1].name is None and results[1].type is None  # empty span
    assert results[3].name is None  # a space
    assert results[4].name == "Mary"  # expanded to the token "Mary"
    assert all(r is None or r.type is None or r.type in SOURCE_TYPES for r in results)


def test_a_span_that_is_not_offsets_is_left_unnamed_with_a_warning(nlp, normalise, caplog):
    with caplog.at_level(logging.WARNING, logger="claimtrack.attribution.sources"):
        (info,) = normalise(nlp("Mary Jones said the vote was fair."), [("a", 3)])
    assert (info.name, info.type) == (None, None)
    assert "source span ('a', 3) is not a pair of character offsets: left unnamed" in caplog.text


def test_empty_doc_and_no_spans(nlp, normalise):
    assert normalise(nlp(""), []) == []
    assert normalise(nlp("Hello."), [(0, 5)])[0].type in SOURCE_TYPES


def test_doc_without_tags_or_parse_does_not_raise(normalise):
    import spacy

    doc = spacy.blank("en")("Mary Jones said it. He agreed.")
    results = normalise(doc, [(0, 10), (20, 22), None])
    assert len(results) == 3 and results[2] is None
    assert results[1].name is None


def test_a_bug_in_one_mention_raises_instead_of_emptying_it(nlp, normalise, monkeypatch):
    from claimtrack.attribution.sources import coreference

    def broken(*_):
        raise RuntimeError("rule bug")

    monkeypatch.setattr(coreference.Coreference, "resolve", broken)
    text = "Mary Jones met Tom Baker on Monday. She said the deal was done."
    with pytest.raises(RuntimeError, match="rule bug"):
        normalise(nlp(text), [(0, 10), (text.index("She"), text.index("She") + 3)])
