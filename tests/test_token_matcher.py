"""The attribute ruler's faster matcher: the same matches, and so the same annotations, as spaCy's."""

from __future__ import annotations

import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.matcher import Matcher
from spacy.tokens import Doc

from claimtrack.token_matcher import TokenMatcher, speed_up_attribute_ruler

# Written for these tests: contractions, dialect spellings, subordinators, runs of spaces.
TEXT = (
    "The mayor said that the bridge isn't safe, and y'all know nothin' about it.\n\n"
    "While the council ain't sure,   officials reportedly ASKED whether it'd reopen by May 3.\n"
    "He doesn't think so; they'd rather wait."
)


def test_token_matcher_load_pipeline_uses_it(nlp):
    assert isinstance(nlp.get_pipe("attribute_ruler").matcher, TokenMatcher)


def test_token_matcher_same_annotations_as_spacy_matcher(nlp):
    ruler = nlp.get_pipe("attribute_ruler")
    columns = [POS, MORPH, LEMMA, TAG, DEP, HEAD]
    fast = nlp(TEXT)
    original, ruler.matcher = ruler.matcher, ruler.matcher.matcher
    try:
        slow = nlp(TEXT)
    finally:
        ruler.matcher = original
    assert (fast.to_array(columns) == slow.to_array(columns)).all()
    assert sorted(original(fast, allow_missing=True)) == sorted(original.matcher(fast, allow_missing=True))


@pytest.mark.parametrize(
    "pattern",
    [
        [{"LOWER": "the"}],
        [{"TAG": "NNS"}],
        [{"LOWER": {"IN": ["said", "ask", "asked"]}, "IS_SPACE": False}],
        [{"DEP": {"NOT_IN": ["det", "punct", ""]}, "TAG": {"IN": ["DT", "PRP"]}}],
        [{"LOWER": {"REGEX": "^n'?t$"}}],
        [{"ORTH": "is"}, {"LOWER": "n't"}],
        [{"IS_SPACE": True}],
    ],
)
def test_token_matcher_finds_what_spacy_finds(nlp, pattern):
    doc = nlp(TEXT)
    matcher = Matcher(nlp.vocab)
    matcher.add("rule", [pattern])
    fast = TokenMatcher(matcher)
    assert fast.compiled is not None
    assert sorted(fast(doc)) == sorted(matcher(doc))
    assert fast(doc), "the text is written to match every pattern"


@pytest.mark.parametrize(
    "pattern",
    [
        [{"LOWER": "very", "OP": "+"}, {"POS": "ADJ"}],
        [{"_": {"flag": True}}],
        [{"LOWER": {"FUZZY": "colour"}}],
        [{"LENGTH": {">=": 3}}],
    ],
)
def test_token_matcher_keeps_spacy_matcher_for_other_patterns(pattern):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "the"}], pattern], {"LEMMA": "x"})
    assert not speed_up_attribute_ruler(nlp)
    assert isinstance(ruler.matcher, Matcher)


def test_token_matcher_asks_spacy_without_the_annotations_it_tests():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"TAG": "NN"}]], {"POS": "NOUN"})
    assert speed_up_attribute_ruler(nlp)
    assert not speed_up_attribute_ruler(nlp)  # once
    doc = Doc(nlp.vocab, words=["claims", "grow"])  # no tags: spaCy's Matcher decides (allow_missing)
    assert ruler.matcher(doc, allow_missing=True) == []
    assert [t.pos_ for t in nlp("claims grow")] == ["", ""]


def test_token_matcher_follows_patterns_added_later():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "mayor"}]], {"LEMMA": "official"})
    assert speed_up_attribute_ruler(nlp)
    ruler.add([[{"LOWER": "bridge"}]], {"LEMMA": "crossing"})
    assert [t.lemma_ for t in nlp("The mayor closed the bridge")] == ["", "official", "", "", "crossing"]
    ruler.add([[{"LOWER": "the", "OP": "+"}]], {"LEMMA": "article"})  # beyond the array tests: spaCy matches all
    assert ruler.matcher.compiled is None
    assert [t.lemma_ for t in nlp("The mayor closed the bridge")] == ["article", "official", "", "article", "crossing"]


def test_token_matcher_forgets_removed_patterns(nlp):
    matcher = Matcher(nlp.vocab)
    matcher.add("article", [[{"LOWER": "the"}]])
    matcher.add("plural", [[{"TAG": "NNS"}]])
    fast = TokenMatcher(matcher)
    fast.remove("article")
    doc = nlp("The officials closed the bridges.")
    assert [doc[start:end].text for _, start, end in fast(doc)] == ["officials", "bridges"]


def test_token_matcher_leaves_a_matcher_without_spacy3_internals_alone():
    from claimtrack.token_matcher import compile_patterns

    assert compile_patterns(object()) is None
