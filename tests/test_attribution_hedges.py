"""Hedges, hedging adverbs, according to and named documents (claimtrack.attribution.hedges).

Every text here is written for these tests; spaCy's small English pipeline parses them.
"""

from __future__ import annotations

import pytest

from claimtrack.attribution.finder import find_attributions
from conftest import reparsed, triples

CASES = [
    pytest.param(
        "According to the ministry, forty people were evacuated.",
        [("the ministry", "According to", ["forty people were evacuated"])],
        id="according-to",
    ),
    pytest.param(
        "According to the Harbour Institute, a Lisbon-based think tank, the port lost 300 jobs.",
        [("the Harbour Institute, a Lisbon-based think tank", "According to", ["the port lost 300 jobs"])],
        id="according-to-with-appositive",
    ),
    pytest.param(
        "The ruling party leads by five points in the latest Kyiv International Institute poll.",
        [("the latest Kyiv International Institute poll", "in", ["The ruling party leads by five points"])],
        id="poll-closing-its-clause",
    ),
    pytest.param(
        "Some of the soldiers are believed to be drawn from elite units.",
        [(None, "are believed", ["to be drawn from elite units"])],
        id="hedged-passive",
    ),
    pytest.param(
        "The inspectors' report found that the dam had cracked.",
        [("The inspectors' report", "found", ["the dam had cracked"])],
        id="document-source",
    ),
    pytest.param(
        "It is widely recognized that the blockade has worsened the famine.",
        [(None, "is widely recognized", ["the blockade has worsened the famine"])],
        id="hedged-expletive-it",
    ),
    pytest.param(
        "Peacekeepers have been accused of abusing civilians.",
        [(None, "have been accused", ["Peacekeepers", "of abusing civilians"])],
        id="agentless-accusation",
    ),
    pytest.param(
        "In the latest Ipsos poll, the governor leads her rival by six points.",
        [("the latest Ipsos poll", "In", ["the governor leads her rival by six points"])],
        id="in-the-poll",
    ),
    pytest.param("In Kyiv, residents sheltered in metro stations.", [], id="in-a-place"),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_hedges_find_source_cue_content(nlp, text, expected):
    assert triples(nlp, text) == expected


def test_hedges_are_marked(nlp):
    doc = nlp("The convoy was reportedly attacked near the border. Officials said it was safe.")
    found = find_attributions(doc)
    hedged = [a for a in found if a.hedged]
    assert len(hedged) == 1
    assert hedged[0].source is None
    assert doc.text[hedged[0].cue[0] : hedged[0].cue[1]] == "reportedly"
    assert all(not a.hedged for a in found if a.source)


def test_comma_inside_a_quoted_title_is_not_the_according_to_comma(nlp):
    # The source used to be cut at the title's comma, before its own start:
    # a reversed span that made extract fail the whole document.
    text = "According to ''The Trumps: Three Generations,'' by Gwenda Blair, Donald told his roommate he would fly."
    for attribution in find_attributions(nlp(text)):
        for span in (attribution.source, attribution.cue, *attribution.content):
            assert span is None or span[0] < span[1]
    according = [t for t in triples(nlp, text) if t[1] == "According to"]
    assert according and according[0][0].startswith("''The Trumps: Three Generations,'' by Gwenda Blair")


def test_hedges_according_to_split_at_its_comma_when_the_parse_swallows_the_claim(nlp):
    # _split_at_opening_comma: the parser hangs "not a chance" inside the source phrase.
    assert triples(nlp, "According to the coach, not a chance.") == [("the coach", "According to", ["not a chance"])]


def test_perfect_tense_is_not_a_hedged_passive(nlp):
    found = find_attributions(nlp("The mayor said the two towns had agreed to share the cost of the new bridge."))
    assert not any(a.hedged for a in found)


@pytest.mark.parametrize(
    "text, cue, content",
    [
        (
            "The harbour is widely considered the busiest port in the region.",
            "is widely considered",
            "the busiest port in the region",
        ),
        (
            "The governor was long seen as a likely candidate for the presidency.",
            "was long seen",
            "as a likely candidate for the presidency",
        ),
        ("The ferry was stopped by a crew of sailors accused of fraud.", "accused", "of fraud"),
        ("The consensus is that the drought will last another year.", "consensus", "the drought will last another year"),
        ("It emerged on Tuesday that the port had dropped the fee.", "emerged", "the port had dropped the fee"),
    ],
)
def test_agentless_belief_and_accusation_are_hedged_claims(nlp, text, cue, content):
    found = [a for a in find_attributions(nlp(text)) if text[a.cue[0] : a.cue[1]] == cue]
    assert len(found) == 1
    assert found[0].source is None and found[0].hedged
    assert content in " ".join(text[s:e] for s, e in found[0].content)


@pytest.mark.parametrize(
    "text",
    [
        "The suspects were held for two years without trial.",  # held for a time: no accusation
        "The tax has become known as the windfall levy.",  # a name, not a judgement
        "The farmer was held responsible for the damage.",
    ],
)
def test_passive_acts_are_not_agentless_claims(nlp, text):
    assert triples(nlp, text) == []


def test_according_to_names_the_agent_of_a_passive_hedge(nlp):
    text = "Imports are forecast to drop by 3% in 2027, reflecting weaker demand, according to the central bank."
    assert triples(nlp, text) == [
        ("the central bank", "according to", ["Imports are forecast to drop by 3% in 2027, reflecting weaker demand"])
    ]


def test_hedge_with_no_according_to_stays_agentless(nlp):
    text = "Imports are forecast to drop by 3% in 2027, reflecting weaker demand."
    assert triples(nlp, text) == [(None, "are forecast", ["to drop by 3% in 2027, reflecting weaker demand"])]


def test_according_to_hung_on_a_trailing_participle_takes_the_whole_clause(nlp):
    # the parse the rule repairs: "according" attached to "reflecting", itself attached to "projected"
    text = "Spending is projected to decline in 2026, reflecting tight policy and weak credit, according to ABC."
    doc = reparsed(nlp, text, {"reflecting": ("projected", "advcl"), "according": ("reflecting", "prep")})
    found = [(text[a.source[0] : a.source[1]], [text[s:e] for s, e in a.content]) for a in find_attributions(doc)]
    assert found == [("ABC", ["Spending is projected to decline in 2026, reflecting tight policy and weak credit"])]


@pytest.mark.parametrize(
    "text, source",
    [
        (
            "The strike is the fourth this year, according to [data from the risk firm Seaquest](https://seaquest.example/tracker).",
            "data from the risk firm Seaquest",
        ),
        ("[Anna Berg](https://example.com/berg), a sanctions lawyer, said the rules were unclear.", "Anna Berg"),
    ],
)
def test_a_markdown_link_gives_its_text_as_the_source_not_its_bracket_or_address(nlp, text, source):
    assert [found[0] for found in triples(nlp, text)] == [source]


def test_a_passive_told_sharing_its_subject_with_an_active_verb_names_no_source(nlp):
    """ "she raised concerns and was told …": she is the one told, as in "she was told …"; no one is named."""
    text = "She added that she had raised concerns with a manager and was told the matter was closed."
    assert (None, "was told", ["the matter was closed"]) in triples(nlp, text)
    assert ("she", "was told", ["the matter was closed"]) not in triples(nlp, text)


@pytest.mark.parametrize(
    "sentence",
    [
        "A super PAC raised more than $14 million in the third quarter, according to filings with the Federal"
        " Election Commission released Thursday.",
        "A super PAC supporting Republican Senate candidate Bradley Whitcombe raised more than $14 million in the third"
        " quarter, nearly three times as much as his own campaign, according to filings with the Federal Election"
        " Commission released Thursday.",
    ],
)
def test_a_participle_telling_of_the_according_to_source_is_neither_content_nor_claim(nlp, sentence):
    """ "according to filings released Thursday": whichever head the parser gave the participle, the claim is the
    main clause's, without the participle."""
    [(source, cue, content)] = triples(nlp, sentence)
    assert (source, cue) == ("filings with the Federal Election Commission", "according to")
    assert content == [sentence[: sentence.index(", according to")]]


@pytest.mark.parametrize(
    "text, source, content",
    [
        (
            "Repairs will take at least three weeks, per the harbour authority.",
            "the harbour authority",
            "Repairs will take at least three weeks",
        ),
        ("Per the ministry, 40 drones were shot down overnight.", "the ministry", "40 drones were shot down overnight"),
        (
            "The ferry line will close in May, per two people who have seen the plan.",
            "two people who have seen the plan",
            "The ferry line will close in May",
        ),
        (
            "Per the latest UN figures, more than 12,000 civilians have been killed since 2022.",
            "the latest UN figures",
            "more than 12,000 civilians have been killed since 2022",
        ),
        (
            "More than 12,000 civilians have been killed since 2022, per UN figures.",
            "UN figures",
            "More than 12,000 civilians have been killed since 2022",
        ),
    ],
)
def test_per_names_a_source_as_according_to_does(nlp, text, source, content):
    assert (source, text[text.lower().index("per") : text.lower().index("per") + 3], [content]) in triples(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "The ferry costs $20 per passenger each way.",
        "Fares rose 5 per cent in March.",
        "It costs $2,000 per two soldiers.",
        "Moscow pays $2,000 per Wagner fighter each month.",
    ],
)
def test_per_of_a_rate_names_no_one(nlp, text):
    assert triples(nlp, text) == []


@pytest.mark.parametrize(
    "text, content",
    [
        ("The ferry line will close in May, we're told.", ["The ferry line will close in May"]),
        ("The harbour master, I am told, will resign on Friday.", ["The harbour master", "will resign on Friday"]),
    ],
)
def test_what_the_writer_is_told_by_no_one_named_is_an_agentless_claim(nlp, text, content):
    assert [(source, words) for source, _, words in triples(nlp, text)] == [(None, content)]


@pytest.mark.parametrize(
    "text, source, cue, content",
    [
        (
            "In Quarrendine's view, the sharper blow is the rule on clean-up costs.",
            "Quarrendine",
            "view",
            "the sharper blow is the rule on clean-up costs",
        ),
        (
            "By the ministry's count, 40 drones were shot down overnight.",
            "the ministry",
            "count",
            "40 drones were shot down overnight",
        ),
        ("In the view of the commission, the law is invalid.", "the commission", "view", "the law is invalid"),
    ],
)
def test_a_view_or_a_count_opening_the_sentence_is_its_holders_claim(nlp, text, source, cue, content):
    assert triples(nlp, text) == [(source, cue, [content])]


def test_by_the_end_of_the_day_is_no_ones_count(nlp):
    assert triples(nlp, "By the end of the day, 3,000 people had fled the town.") == []


@pytest.mark.parametrize(
    "text",
    [
        '"We did not start this war," he said, according to a translation by the Orvel Monitoring Service.',
        '"We did not start this war," he said, according to a translation by the Orvel Monitoring Service, '
        "which follows state media.",
    ],
)
def test_a_translation_is_the_speakers_words_not_a_source(nlp, text):
    """ "according to a translation by …" names who translated the words, not who said them."""
    assert [(source, cue) for source, cue, _ in triples(nlp, text)] == [("he", "said")]


def test_a_participle_citing_after_according_to_is_the_sources_and_no_content(nlp):
    """ "…, according to the report, citing …": how the report came by the claim, not part of it; what the report
    cites is its own (a claim only when it holds a clause)."""
    text = "France, Belgium and Spain accounted for 85% of the imports, according to the report, citing ship-tracking data."
    assert triples(nlp, text) == [("the report", "according to", ["France, Belgium and Spain accounted for 85% of the imports"])]
    text = "Shipping costs rose by a third, according to the report, citing concerns that the fleet was ageing."
    assert triples(nlp, text) == [
        ("the report", "according to", ["Shipping costs rose by a third"]),
        ("the report", "citing", ["concerns that the fleet was ageing"]),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Russia has reportedly moved 20,000 troops to the area, officials said.",
        "The drones were allegedly launched from a ship in the Black Sea, according to the navy.",
    ],
)
def test_a_hedging_adverb_leaves_out_the_report_that_closes_its_sentence(nlp, text):
    hedged = [content for _, cue, content in triples(nlp, text) if cue in ("reportedly", "allegedly")]
    assert len(hedged) == 1
    assert text[text.index(", ") :] not in "".join(hedged[0])
    assert not any(", " in piece for piece in hedged[0])


@pytest.mark.parametrize(
    "text, report",
    [
        (
            "Officials in Orvel announced that attacks on power stations would cease for a month, according to a"
            " statement from the foreign ministry.",
            ("Officials in Orvel", "announced", ["attacks on power stations would cease for a month"]),
        ),
        (
            "He said the ceasefire would hold, according to a transcript released by his office.",
            ("He", "said", ["the ceasefire would hold"]),
        ),
    ],
)
def test_according_to_closing_a_report_is_the_source_of_the_report(nlp, text, report):
    """The phrase names where the report came from: its content is the report, whose own content it is not."""
    found = triples(nlp, text)
    according = [content for _, cue, content in found if cue == "according to"]
    assert according == [[text[: text.index(", according to")]]]
    assert report in found


@pytest.mark.parametrize(
    "text",
    [
        "Eleven people died after a missile smashed into a residential building in Zorynsk, according to rescuers.",
        "Four people were killed and eleven wounded when troops shelled Prelov on Tuesday, according to the governor.",
    ],
)
def test_according_to_closing_an_adverbial_or_joined_clause_sources_the_whole_sentence(nlp, text):
    source = text[text.index("according to ") + len("according to ") : -1]
    assert triples(nlp, text) == [(source, "according to", [text[: text.index(", according")]])]


@pytest.mark.parametrize(
    "text, source, content",
    [
        ("In a Register poll last month, Ashby had a 10-point lead.", "a Register poll last month", "Ashby had a 10-point lead"),
        ("In the survey, 40 percent supported the plan.", "the survey", "40 percent supported the plan"),
    ],
)
def test_in_a_document_is_the_source_of_what_it_finds(nlp, text, source, content):
    assert triples(nlp, text) == [(source, text[:2], [content])]


def test_in_a_document_a_verb_of_speech_keeps_its_own_subject(nlp):
    text = "In a statement, the ministry said the strikes had stopped."
    assert triples(nlp, text) == [("the ministry", "said", ["the strikes had stopped"])]
