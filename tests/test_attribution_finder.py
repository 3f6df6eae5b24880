"""Tests for claimtrack.attribution.finder: text in, (source, cue, content) out.

Every text here is written for these tests. The spaCy pipeline is loaded once
per module; the module is skipped when no English model is installed.
"""

from __future__ import annotations

import time

import pytest

from claimtrack.attribution.finder import find_attributions
from claimtrack.attribution.quotes import find_quotes
from claimtrack.errors import ModelError


@pytest.fixture(scope="module")
def nlp():
    from claimtrack.nlp import load_pipeline

    try:
        return load_pipeline()
    except ModelError as exc:  # pragma: no cover - depends on the machine
        pytest.skip(f"no spaCy model: {exc}")


def triples(nlp, text):
    """(source, cue, [content pieces]) for every attribution found in ``text``."""
    doc = nlp(text)
    out = []
    for attr in find_attributions(doc):
        source = text[attr.source[0]:attr.source[1]] if attr.source else None
        cue = text[attr.cue[0]:attr.cue[1]] if attr.cue else None
        out.append((source, cue, [text[s:e] for s, e in attr.content]))
    return out


CASES = [
    pytest.param(
        "Officials said the bridge would reopen in May.",
        [("Officials", "said", ["the bridge would reopen in May"])],
        id="plain-say",
    ),
    pytest.param(
        "The mayor told reporters that the budget was balanced.",
        [("The mayor", "told", ["the budget was balanced"])],
        id="told-that-drops-that",
    ),
    pytest.param(
        "Regional analysts have estimated that the harbour lost 300 jobs.",
        [("Regional analysts", "have estimated", ["the harbour lost 300 jobs"])],
        id="auxiliary-in-cue",
    ),
    pytest.param(
        "“The plan,” she said, “will fail.”",
        [("she", "said", ["The plan", "will fail."])],
        id="split-quote",
    ),
    pytest.param(
        "“We will rebuild the school,” said Maria Lopez.",
        [("Maria Lopez", "said", ["We will rebuild the school"])],
        id="inverted-order",
    ),
    pytest.param(
        "“The river is rising. Leave now,” the fire chief warned.",
        [("the fire chief", "warned", ["The river is rising. Leave now"])],
        id="quote-over-two-sentences",
    ),
    pytest.param(
        "Hugh Hill, a doctor, said the two men had been treated.",
        [("Hugh Hill, a doctor", "said", ["the two men had been treated"])],
        id="appositive-source",
    ),
    pytest.param(
        "Local police spokesman Sergeant Tom Reed told the Herald that nobody was hurt.",
        [("Local police spokesman Sergeant Tom Reed", "told", ["nobody was hurt"])],
        id="titled-source-not-the-outlet",
    ),
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
        "MADRID (AP) — Storms flooded 200 homes overnight, officials said on Monday.",
        [("officials", "said", ["Storms flooded 200 homes overnight"])],
        id="dateline-not-in-content",
    ),
    pytest.param(
        "In a post on Facebook, the press office of Chile's navy said two ships had been damaged.",
        [("the press office of Chile's navy", "said", ["two ships had been damaged"])],
        id="speaker-after-an-opening-phrase",
    ),
    pytest.param(
        "Farmers say the dam flooded their fields; the ministry denies any damage.",
        [("Farmers", "say", ["the dam flooded their fields"]), ("the ministry", "denies", ["any damage"])],
        id="semicolon-separates-two-reports",
    ),
    pytest.param(
        "Rebels seize the airport as the army warns of reprisals",
        [("the army", "warns of", ["reprisals"])],
        id="as-clause-with-its-own-topic",
    ),
    pytest.param(
        "The mayor said at least five people had been killed and urged residents to stay in shelters.",
        [("The mayor", "said", ["at least five people had been killed"]),
         ("The mayor", "urged", ["residents to stay in shelters"])],
        id="second-report-hung-inside-the-first",
    ),
    pytest.param(
        "The governor said drones had hit the dam - a claim Moscow denies.",
        [("The governor", "said", ["drones had hit the dam"])],
        id="narrator-aside-not-in-content",
    ),
    pytest.param(
        "About 4 in 10 say they want the next president to have more liberal policies.",
        [("About 4 in 10", "say", ["they want the next president to have more liberal policies"])],
        id="poll-share-as-source",
    ),
    pytest.param(
        "The minister called it a fabrication.",
        [("The minister", "called", ["it a fabrication"])],
        id="called-it-a-name",
    ),
    pytest.param(
        "The ruling party leads by five points in the latest Kyiv International Institute poll.",
        [("the latest Kyiv International Institute poll", "in", ["The ruling party leads by five points"])],
        id="poll-closing-its-clause",
    ),
    pytest.param(
        "Older voters were more likely to say that the war would end soon.",
        [("Older voters", "to say", ["the war would end soon"])],
        id="likely-to-say",
    ),
    pytest.param(
        "Ukraine's General Staff reported 1,340 Russian casualties over the past day, "
        "figures that Moscow does not confirm.",
        [("Ukraine's General Staff", "reported", ["1,340 Russian casualties"])],
        id="noun-read-as-a-verb-after-a-comma",
    ),
    pytest.param(
        "A senior official, who asked not to be named, said the talks had failed.",
        [("A senior official, who asked not to be named", "said", ["the talks had failed"])],
        id="anonymity-request-is-no-claim",
    ),
    pytest.param(
        "Mayor Ruiz: 'We will rebuild every school'\n\nThe city was hit overnight.",
        [("Mayor Ruiz", ":", ["We will rebuild every school"])],
        id="headline-label-in-single-quotes",
    ),
    pytest.param(
        'The envoy claimed that the West was "pushing the world towards war".',
        [("The envoy", "claimed", ['the West was "pushing the world towards war"'])],
        id="quoted-fragment-keeps-both-marks",
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
        "The minister said: “Prices will rise next year.”",
        [("The minister", "said", ["Prices will rise next year."])],
        id="colon-quote",
    ),
    pytest.param(
        "``We are not leaving,'' he said.",
        [("he", "said", ["We are not leaving"])],
        id="old-newswire-quotes",
    ),
    pytest.param(
        "\"We are not leaving,\" he said.",
        [("he", "said", ["We are not leaving"])],
        id="straight-quotes",
    ),
    pytest.param(
        "The council denied the allegations on Tuesday.",
        [("The council", "denied", ["the allegations"])],
        id="object-content",
    ),
    pytest.param(
        "It is widely recognized that the blockade has worsened the famine.",
        [(None, "is widely recognized", ["the blockade has worsened the famine"])],
        id="hedged-expletive-it",
    ),
    pytest.param(
        "The strike killed at least 14 civilians, regional governor Oleh Syniehubov wrote on Telegram.",
        [("regional governor Oleh Syniehubov", "wrote", ["The strike killed at least 14 civilians"])],
        id="trailing-speaker-misparsed-as-conjunct",
    ),
    pytest.param(
        "Military analyst Michael Kofman: \"This is the largest mobilisation since 1945.\"",
        [("Military analyst Michael Kofman", ":", ["This is the largest mobilisation since 1945."])],
        id="role-and-name-label",
    ),
    pytest.param("Live updates from Kyiv: \"Sirens again tonight.\"", [], id="heading-not-a-label"),
    pytest.param(
        "The mayor called for closing the bridge to lorries.",
        [("The mayor", "called for", ["closing the bridge to lorries"])],
        id="preposition-with-gerund",
    ),
    pytest.param(
        "Moscow accused Kyiv of shelling the plant.",
        [("Moscow", "accused", ["Kyiv of shelling the plant"])],
        id="object-and-charge",
    ),
    pytest.param(
        "Peacekeepers have been accused of abusing civilians.",
        [(None, "have been accused", ["Peacekeepers", "of abusing civilians"])],
        id="agentless-accusation",
    ),
    pytest.param(
        "As a Homeland Security memo put it, the main requirement is a lawful source of income.",
        [("a Homeland Security memo", "put", ["the main requirement is a lawful source of income"])],
        id="as-she-put-it",
    ),
    pytest.param(
        "The front line is collapsing, as the general warned last month.",
        [("the general", "warned", ["The front line is collapsing"])],
        id="as-clause-after",
    ),
    pytest.param("As she put the phone down, the sirens started.", [], id="temporal-as"),
    pytest.param(
        "Letters found in the bunker suggest the commander knew of the order.",
        [("Letters found in the bunker", "suggest", ["the commander knew of the order"])],
        id="reduced-relative-is-not-a-cue",
    ),
    pytest.param(
        "The minister said the talks had stalled, though she noted that both sides were still meeting.",
        [("The minister", "said", ["the talks had stalled"]),
         ("she", "noted", ["both sides were still meeting"])],
        id="second-report-with-own-subject",
    ),
    pytest.param(
        "In the latest Ipsos poll, the governor leads her rival by six points.",
        [("the latest Ipsos poll", "In", ["the governor leads her rival by six points"])],
        id="in-the-poll",
    ),
    pytest.param("In Kyiv, residents sheltered in metro stations.", [], id="in-a-place"),
    pytest.param(
        "Survey: Most Ukrainians Reject Territorial Concessions\n\nAnalysis: The war enters its fourth winter\n",
        [("Survey", ":", ["Most Ukrainians Reject Territorial Concessions"])],
        id="document-headline-label",
    ),
    pytest.param("The weather said nothing.", [], id="false-friend"),
    pytest.param("The bridge was built in 1920 and carries two lanes.", [], id="plain-fact"),
    pytest.param("Follow us on social media", [], id="page-furniture"),
    pytest.param("", [], id="empty"),
    pytest.param("   \n\n  ", [], id="blank"),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_finds_source_cue_content(nlp, text, expected):
    assert triples(nlp, text) == expected


def test_continuation_paragraph_keeps_speaker(nlp):
    text = "“We lost the harvest,” the farmer said. “Nobody came to help.”\n\n“We will try again next spring.”"
    found = triples(nlp, text)
    assert len(found) == 1
    source, cue, content = found[0]
    assert (source, cue) == ("the farmer", "said")
    assert content == ["We lost the harvest", "Nobody came to help.", "We will try again next spring."]


def test_quote_after_the_reporting_sentence_continues_it(nlp):
    text = "“We lost the harvest,” the farmer wrote on his blog. “Nobody came to help.”"
    assert triples(nlp, text) == [("the farmer", "wrote", ["We lost the harvest", "Nobody came to help."])]


def test_relative_clause_after_an_inverted_speaker_is_no_report(nlp):
    text = ("“It is hell out there,” said one soldier, who gave only his first name, Oleksandr, "
            "for security reasons. “We have not slept for three days.”")
    assert triples(nlp, text) == [(
        "one soldier, who gave only his first name, Oleksandr, for security reasons", "said",
        ["It is hell out there", "We have not slept for three days."])]


def test_a_question_put_to_the_speaker_is_not_the_speakers_claim(nlp):
    text = ("Asked whether the port would reopen, the mayor said: “We do not comment on rumours.” "
            "Asked by reporters about the strike, she said nothing.")
    found = triples(nlp, text)
    assert (None, "Asked", ["whether the port would reopen"]) in found
    assert ("the mayor", "said", ["We do not comment on rumours."]) in found
    assert ("reporters", "Asked", ["the strike"]) in found
    assert not any(source == "the mayor" and cue == "Asked" for source, cue, _ in found)


def test_a_question_as_an_if_clause_or_after_was_asked(nlp):
    found = triples(nlp, "Asked if he was ever bullied, the candidate said he was not.")
    assert (None, "Asked", ["if he was ever bullied"]) in found
    found = triples(nlp, "The mayor was asked by reporters whether the port would reopen.")
    assert found == [("reporters", "was asked", ["whether the port would reopen"])]


def test_quote_after_a_narrator_sentence_is_not_a_continuation(nlp):
    text = "“We lost the harvest,” the farmer said. The village is small. “Nobody came to help.”"
    found = triples(nlp, text)
    assert [content for _, _, content in found] == [["We lost the harvest"]]


def test_multi_paragraph_quote_without_closing_mark(nlp):
    text = "The coach said: “We trained hard all winter.\n\n“Now we are ready for the final.”"
    found = triples(nlp, text)
    assert found == [("The coach", "said", ["We trained hard all winter.", "Now we are ready for the final."])]


def test_signed_quote_lines_keep_their_own_signer(nlp):
    # A dash the tagger reads as a verb is no reporting verb: each quotation
    # belongs to the name signing it, never also to the previous signer.
    text = ("Readers told us what they think.\n"
            "“The mayor has failed us. He never listens.” ― Maria Lopez\n"
            "“We need new roads and better schools.”― Tom Becker\u00a0\n"
            "“Nobody here trusts the council anymore.” ― Ana Ruiz\n")
    found = [t for t in triples(nlp, text) if t[1] == "―"]
    assert found == [
        ("Maria Lopez", "―", ["The mayor has failed us. He never listens."]),
        ("Tom Becker", "―", ["We need new roads and better schools."]),
        ("Ana Ruiz", "―", ["Nobody here trusts the council anymore."]),
    ]


def test_transcript_quoted_over_paragraphs_keeps_each_speaker(nlp):
    # Each paragraph of a quoted transcript opens with a quote mark and none
    # closes: the label after the mark still names that paragraph's speaker.
    text = ("The interview went on.\n\n"
            "\"SMITH: But, Senator, why would you say that about the budget?\n\n"
            "\"JONES: Well, the question really is why the budget was late in the first place.\n\n"
            "\"SMITH: Do you really think so?\n")
    assert triples(nlp, text) == [
        ("SMITH", ":", ["But, Senator, why would you say that about the budget?"]),
        ("JONES", ":", ["Well, the question really is why the budget was late in the first place."]),
        ("SMITH", ":", ["Do you really think so?"]),
    ]


def test_nested_report_gives_both(nlp):
    text = "The senator said intelligence officials told him that the base had been evacuated."
    found = triples(nlp, text)
    assert ("The senator", "said", ["intelligence officials told him that the base had been evacuated"]) in found
    assert ("intelligence officials", "told", ["the base had been evacuated"]) in found


@pytest.mark.parametrize(
    "text, kind",
    [
        ("“The dam will hold,” the engineer said.", "direct"),
        ("The engineer said the dam was “perfectly safe” for now.", "mixed"),
        ("The engineer said the dam would hold.", "indirect"),
    ],
)
def test_quote_kind(nlp, text, kind):
    found = find_attributions(nlp(text))
    assert [a.quote for a in found] == [kind]


def test_hedges_are_marked(nlp):
    doc = nlp("The convoy was reportedly attacked near the border. Officials said it was safe.")
    found = find_attributions(doc)
    hedged = [a for a in found if a.hedged]
    assert len(hedged) == 1
    assert hedged[0].source is None
    assert doc.text[hedged[0].cue[0]:hedged[0].cue[1]] == "reportedly"
    assert all(not a.hedged for a in found if a.source)


def test_spans_are_sorted_and_within_text(nlp):
    text = "“First,” he said, “we wait.” Then she added that the rain had stopped, according to witnesses."
    doc = nlp(text)
    for attr in find_attributions(doc):
        assert attr.content == sorted(attr.content)
        for start, end in attr.content + [s for s in (attr.cue, attr.source) if s]:
            assert 0 <= start < end <= len(text)


@pytest.mark.parametrize(
    "text",
    [
        "\"" * 3000,
        "“" * 2000 + "he said" + "”" * 2000,
        "He said “that " + "word " * 3000,
        "``''``''" * 500,
    ],
    ids=["straight-marks", "curly-marks", "unclosed-long-quote", "newswire-marks"],
)
def test_odd_quote_input_never_raises(nlp, text):
    find_attributions(nlp(text))


def test_long_sentence_is_fast(nlp):
    text = "The official said that " + ", ".join(f"item {i} was late" for i in range(4000)) + "."
    doc = nlp(text)
    started = time.perf_counter()
    find_attributions(doc)
    assert time.perf_counter() - started < 5


def test_unparsed_doc_gives_nothing():
    import spacy

    assert find_attributions(spacy.blank("en")("He said it would rain.")) == []


def test_low_high_quotes_pair():
    text = "„We will not leave“, the mayor said, and “stayed”."
    assert [[text[s:e] for s, e in q.segments] for q in find_quotes(text)] == [["We will not leave"], ["stayed"]]


def test_quotes_pair_across_paragraphs_and_stop_at_unclosed_ones():
    text = "He said “one\n\n“two” and “three\n\nfour"
    segments = [[text[s:e] for s, e in q.segments] for q in find_quotes(text)]
    assert segments == [["one", "two"], ["three"]]


def test_apostrophe_pairs_open_and_close_quotes():
    # Some archives write ''both marks'' with two apostrophes; ``backticks'' still pair as before.
    text = "Officials said so. ''We will hold,'' she said.\n\n''Nobody leaves.''\n\nHe called it ``brave.''"
    segments = [[text[s:e] for s, e in q.segments] for q in find_quotes(text)]
    assert segments == [["We will hold,"], ["Nobody leaves."], ["brave."]]


def test_apostrophe_quoted_speech_is_attributed(nlp):
    text = "The mayor spoke at length. ''Wow, what a great idea,'' she said in Iowa earlier this year."
    assert triples(nlp, text) == [("she", "said", ["Wow, what a great idea"])]


def test_comma_inside_a_quoted_title_is_not_the_according_to_comma(nlp):
    # The source used to be cut at the title's comma, before its own start:
    # a reversed span that made extract fail the whole document.
    text = "According to ''The Trumps: Three Generations,'' by Gwenda Blair, Donald told his roommate he would fly."
    for attribution in find_attributions(nlp(text)):
        for span in (attribution.source, attribution.cue, *attribution.content):
            assert span is None or span[0] < span[1]
    according = [t for t in triples(nlp, text) if t[1] == "According to"]
    assert according and according[0][0].startswith("''The Trumps: Three Generations,'' by Gwenda Blair")


def test_shipped_model_holds_no_corpus_text():
    """PolNeAR has no licence for its texts: the model may hold lemmas and tags, never phrases."""
    import json
    from importlib import resources

    package = resources.files("claimtrack.attribution")
    weights = json.loads(package.joinpath("model.json").read_text(encoding="utf-8"))["weights"]
    assert weights and all(" " not in feature and len(feature) < 80 for feature in weights)
