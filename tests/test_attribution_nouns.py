"""Nominal cues (claimtrack.attribution.nouns).

Every text here is written for these tests; spaCy's small English pipeline parses them.
"""

from __future__ import annotations

import pytest

from claimtrack.attribution import find_attributions
from conftest import triples


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The meeting produced more rumours about a secret deal between the two ferry firms.",
            [(None, "rumours", ["a secret deal between the two ferry firms"])],
        ),
        (
            "The minister fuelled speculation about a secret deal between the firms.",
            [("The minister", "speculation", ["a secret deal between the firms"])],
        ),
        ("The summit produced a deal about the ferry routes.", []),
        # "that" is the object of "disputes": a relative clause on the claim, not what was claimed.
        (
            "The governor alleges that he was fired for his vote, a claim that the ministry strongly disputes.",
            [("The governor", "alleges", ["he was fired for his vote"])],
        ),
        # The author's hedge (GUIDELINES): no one is presented as holding this.
        ("There was no indication that the ferry firms were ready to compromise.", []),
    ],
)
def test_nominal_cues_find_source_cue_content(nlp, text, expected):
    assert triples(nlp, text) == expected


def test_hearsay_noun_held_by_an_event_is_agentless_and_hedged(nlp):
    [found] = find_attributions(nlp("The summit produced fresh speculation about a secret deal between the firms."))
    assert found.source is None and found.hedged


def test_verb_read_as_a_noun_keeps_its_subject_as_the_source(nlp):
    # _noun_source: "claim" is tagged a noun, with "Posts" its subject and "social media" its modifiers.
    text = "Posts on social media claim that the photo shows a flooded airport in Lisbon."
    assert triples(nlp, text)[0] == ("Posts on social media", "claim", ["the photo shows a flooded airport in Lisbon"])


def test_a_consensus_among_a_group_is_the_groups_claim(nlp):
    text = "The consensus among trade economists is that tariffs are ultimately paid by consumers."
    assert triples(nlp, text) == [("trade economists", "consensus", ["tariffs are ultimately paid by consumers"])]


@pytest.mark.parametrize("source", ["industry data", "port records"])
def test_a_reporting_verb_read_as_a_noun_closing_the_sentence_still_reports(nlp, source):
    """ "industry data show" parsed like "trade show": the verb a noun, its source the words before it."""
    content = "The plant supplied roughly a fifth of the electricity used in the region before the war"
    assert triples(nlp, f"{content}, {source} show.") == [(source, "show", [content])]
    assert triples(nlp, f"{content}, {source} show.\n\nThe war goes on.") == [(source, "show", [content])]
    assert triples(nlp, "Visitors flocked to the city's annual trade show.") == []


def test_a_reporting_verb_read_as_a_noun_in_its_own_parenthesis_still_reports(nlp):
    text = "Whitcombe's campaign raised $5.1 million in the quarter, its own filing shows, while his rival raised less."
    assert ("its own filing", "shows", ["Whitcombe's campaign raised $5.1 million in the quarter"]) in triples(nlp, text)
    assert [cue for _, cue, _ in triples(nlp, "He said the exhibition, the biggest trade show, opens Monday.")] == ["said"]


def test_a_reporting_verb_read_as_a_noun_with_its_own_that_clause_keeps_it(nlp):
    """Not closing the sentence, "show" is read as the noun it was tagged, with its subject and its clause."""
    text = "Really? Corporate filings obtained by the Courier show that Brockway signed the company's 2011 annual report."
    assert [(source, cue) for source, cue, _ in triples(nlp, text)] == [("Corporate filings obtained by the Courier", "show")]


@pytest.mark.parametrize(
    "text, content",
    [
        ("There are reports of explosions in Corvast.", ["explosions in Corvast"]),
        ("There were unconfirmed reports of shelling near the border.", ["shelling near the border"]),
        ("There were rumours that the mayor had fled.", ["the mayor had fled"]),
    ],
)
def test_there_are_reports_of_tells_of_something_said_by_no_one_named(nlp, text, content):
    [(source, cue, found)] = triples(nlp, text)
    assert (source, found) == (None, content) and cue in ("reports", "rumours")


def test_a_count_of_reports_states_nothing(nlp):
    assert triples(nlp, "The number of reports of abuse rose in March.") == []


def test_a_headlines_source_with_a_gerund_closes_it(nlp):
    text = "Blacklisted tanker went dark for nine days off Cape Varrowin, tracking data show\n\nLORSKEN, March 19 – It went dark."
    assert triples(nlp, text) == [("tracking data", "show", ["Blacklisted tanker went dark for nine days off Cape Varrowin"])]


@pytest.mark.parametrize(
    "text, source, cue",
    [
        ("Prices will rise by 2027, the central bank forecasts.", "the central bank", "forecasts"),
        ("Output will fall by a third, industry analysts estimate.", "industry analysts", "estimate"),
        ("The war will end soon, Western officials claim.", "Western officials", "claim"),
    ],
)
def test_a_closing_estimate_or_forecast_read_as_a_noun_is_its_sources_report(nlp, text, source, cue):
    assert [(s, c) for s, c, _ in triples(nlp, text)] == [(source, cue)]


def test_an_owners_estimates_closing_a_sentence_are_no_report(nlp):
    assert triples(nlp, "Prices rose 5 percent last year, the bank's estimates.") == []
