"""The finder's entry point: text in, (source, cue, content) out (claimtrack.attribution.finder).

Every text here is written for these tests; spaCy's small English pipeline parses them.
"""

from __future__ import annotations

import pytest

from claimtrack.attribution.finder import find_attributions
from conftest import triples

CASES = [
    pytest.param("Follow us on social media", [], id="page-furniture"),
    pytest.param("", [], id="empty"),
    pytest.param("   \n\n  ", [], id="blank"),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_finder_find_source_cue_content(nlp, text, expected):
    assert triples(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        '"' * 3000,
        "“" * 2000 + "he said" + "”" * 2000,
        "He said “that " + "word " * 3000,
        "``''``''" * 500,
    ],
    ids=["straight-marks", "curly-marks", "unclosed-long-quote", "newswire-marks"],
)
def test_odd_quote_input_never_raises(nlp, text):
    find_attributions(nlp(text))


def test_long_sentence_gives_its_report(nlp):
    # How long it takes is measured by benchmarks/pathological_inputs.py ("a 4,000-clause report").
    text = "The official said that " + ", ".join(f"item {i} was late" for i in range(4000)) + "."
    attributions = find_attributions(nlp(text))
    assert any(text[a.cue[0] : a.cue[1]] == "said" for a in attributions if a.cue)


def test_unparsed_doc_gives_nothing():
    import spacy

    assert find_attributions(spacy.blank("en")("He said it would rain.")) == []


def test_a_question_left_open_inside_a_quotation_is_no_report_of_its_own(nlp):
    text = '"He has been here for 16 years, and she still cannot tell voters what she would cut," Reese wrote.'
    assert [(source, cue) for source, cue, _ in triples(nlp, text)] == [("Reese", "wrote")]


def test_a_closing_reporting_verb_the_tagger_read_as_a_noun_is_still_a_report(nlp):
    text = "At least 30 more tankers pass through the strait each month, the Lanyard Register, an industry body, estimates."
    source, claim = "the Lanyard Register, an industry body", "At least 30 more tankers pass through the strait each month"
    assert triples(nlp, text) == [(source, "estimates", [claim])]
