"""The lemmatizer's faster loop: the same lemmas as spaCy's own lemmatizer gives."""

from __future__ import annotations

import pytest
import spacy

from claimtrack.lemma_cache import speed_up_lemmatizer
from claimtrack.nlp import add_sentence_rules, load_base_pipeline
from claimtrack.token_matcher import speed_up_attribute_ruler

# Written for these tests: irregular verbs and plurals, comparatives,
# contractions, names, numbers, capitals, and a word no word list holds.
TEXT = (
    "The ministers were meeting on Tuesday; officials said the talks went better than feared.\n\n"
    "Analysts FEARED worse: the geese flew, the mice ran, and the data aren't clear. "
    "Kovalenko's aides, who'd written 3,000 letters, are frobnicating the bestest drafts.\n"
    "She doesn't think the strikes hit harder than they'd been hitting in 2025."
)


@pytest.fixture(scope="module")
def stock():
    """The pipeline as claimtrack loads it, but with spaCy's own lemmatizer loop and word lists."""
    nlp = load_base_pipeline()
    add_sentence_rules(nlp)
    speed_up_attribute_ruler(nlp)
    return nlp


def lemmas(doc) -> list[str]:
    return [token.lemma_ for token in doc]


def test_lemma_cache_load_pipeline_uses_it(nlp):
    assert not speed_up_lemmatizer(nlp)  # already done by load_pipeline


def test_lemma_cache_same_lemmas_as_spacy(nlp, stock):
    expected = lemmas(stock(TEXT))
    assert lemmas(nlp(TEXT)) == expected
    assert [lemmas(doc) for doc in nlp.pipe([TEXT, TEXT.upper()])] == [expected, lemmas(stock(TEXT.upper()))]


def test_lemma_cache_remembered_lemmas_are_the_same_again(nlp, stock):
    nlp(TEXT)
    assert lemmas(nlp("The geese were meeting; the mice aren't.")) == lemmas(stock("The geese were meeting; the mice aren't."))


def test_lemma_cache_keeps_a_lemma_set_before_it(nlp):
    doc = nlp.make_doc("They are frobnicating it.")
    for name, component in nlp.pipeline:
        if name == "lemmatizer":
            doc[2].lemma_ = "FROB"  # as an attribute ruler's exception would
        doc = component(doc)
    assert lemmas(doc)[:3] == ["they", "be", "FROB"]


def test_lemma_cache_leaves_a_pipeline_without_lemmatizer():
    assert not speed_up_lemmatizer(spacy.blank("en"))
