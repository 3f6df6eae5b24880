"""British spellings of reporting verbs read as the American lemmas the lexicon and the model know."""

from __future__ import annotations

from claimtrack.attribution.spelling import american, american_lemmas
from conftest import triples


def test_a_british_lemma_is_read_as_its_known_american_spelling_only():
    known = {"emphasize", "analyze", "prize"}
    assert american("emphasise", known) == "emphasize"
    assert american("analyse", known) == "analyze"
    assert american("recognise", known) is None  # not known
    assert american("prise", known) is None  # too short to be sure it is a spelling, not another word


def test_reports_with_british_spellings_are_found(nlp):
    text = (
        "The minister emphasised that the talks would continue. "
        "Officials recognised that the dam had failed. "
        "Her lawyers objected that the court had no jurisdiction."
    )
    found = {(source, cue) for source, cue, _ in triples(nlp, text)}
    assert {("The minister", "emphasised"), ("Officials", "recognised"), ("Her lawyers", "objected")} <= found


def test_the_docs_own_lemmas_are_given_back(nlp):
    doc = nlp("The minister emphasised that the talks would continue.")
    with american_lemmas(doc, {"emphasize"}):
        assert doc[2].lemma_ == "emphasize"
    assert doc[2].lemma_ == "emphasise"
