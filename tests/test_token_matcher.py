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
    from claimtrack.nlp import add_sentence_rules, load_base_pipeline

    spacys = load_base_pipeline()  # spaCy's own attribute ruler and lemmatizer
    add_sentence_rules(spacys)
    columns = [POS, MORPH, LEMMA, TAG, DEP, HEAD]
    fast, slow = nlp(TEXT), spacys(TEXT)
    assert (fast.to_array(columns) == slow.to_array(columns)).all()
    assert [str(t.morph) for t in fast] == [str(t.morph) for t in slow]
    original = nlp.get_pipe("attribute_ruler").matcher
    assert sorted(original(fast, allow_missing=True)) == sorted(original.matcher(fast, allow_missing=True))


def _two_rulers(rules: list[tuple[list, dict, int]]) -> tuple[spacy.language.Language, spacy.language.Language]:
    """Two blank pipelines with an attribute ruler of ``rules`` (patterns, attributes, index): the second sped up."""
    pipelines = []
    for _ in range(2):
        blank = spacy.blank("en")
        ruler = blank.add_pipe("attribute_ruler")
        for patterns, attributes, index in rules:
            ruler.add(patterns, attributes, index=index)
        pipelines.append(blank)
    assert speed_up_attribute_ruler(pipelines[1])
    return pipelines[0], pipelines[1]


def test_sped_up_ruler_lets_a_later_rule_win_as_spacy_does():
    rules = [
        ([[{"LOWER": "bridge"}]], {"POS": "NOUN", "LEMMA": "crossing"}, 0),
        ([[{"LOWER": {"IN": ["bridge", "mayor"]}}]], {"POS": "PROPN"}, 0),
        ([[{"LOWER": "the"}, {"LOWER": "mayor"}]], {"MORPH": "Number=Sing", "LEMMA": "official"}, -1),
    ]
    spacys, ours = _two_rulers(rules)
    text = "The mayor closed the bridge, and the bridge stayed shut"
    assert [(t.pos_, t.lemma_, str(t.morph)) for t in ours(text)] == [(t.pos_, t.lemma_, str(t.morph)) for t in spacys(text)]
    assert [t.pos_ for t in ours(text)][1:5] == ["PROPN", "", "", "PROPN"]
    assert str(ours(text)[1].morph) == "Number=Sing"


def test_sped_up_ruler_leaves_what_it_cannot_write_as_arrays_to_spacy():
    # NORM is a token's own; LOWER is also written into the word's lexeme by spaCy, which arrays would not do.
    rules = [([[{"LOWER": "mayor"}]], {"NORM": "official"}, 0), ([[{"ORTH": "Kyiv"}]], {"LOWER": "kiev"}, 0)]
    spacys, ours = _two_rulers(rules)
    assert [(t.norm_, t.lower_) for t in ours("The mayor of Kyiv")] == [(t.norm_, t.lower_) for t in spacys("The mayor of Kyiv")]
    assert ours.vocab["Kyiv"].lower_ == "kiev"


def test_sped_up_ruler_raises_spacys_error_for_an_index_outside_the_match():
    spacys, ours = _two_rulers([([[{"LOWER": "mayor"}]], {"LEMMA": "official"}, 2)])
    for pipeline in (spacys, ours):
        with pytest.raises(ValueError, match="E1001"):
            pipeline("The mayor spoke")


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
