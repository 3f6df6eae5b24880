"""Document text -> claim records."""

from __future__ import annotations

import pytest

from claimtrack.extract import extract_claims, extract_text
from claimtrack.furniture import is_furniture
from conftest import assert_offsets_index


def _claims(nlp, text: str):
    return extract_claims(text, doc_id="t", nlp=nlp)


def test_extract_offsets_index_the_document(nlp):
    text = "Police said the bridge collapsed on Monday.\n\nThe river rose by two metres overnight."
    claims = _claims(nlp, text)
    assert claims
    assert_offsets_index(text, claims)


def test_extract_attributes_reported_speech(nlp):
    claim = _claims(nlp, "Police said the bridge collapsed on Monday.")[0]
    assert (claim.source.text, claim.cue.text) == ("Police", "said")
    assert claim.text == "the bridge collapsed on Monday"
    assert claim.quote.value == "indirect" and not claim.hedged


def test_extract_hedged_claim_has_cue_and_no_source(nlp):
    claim = _claims(nlp, "North Korea is believed to receive large payments for its soldiers.")[0]
    assert claim.source is None and claim.cue is not None
    assert claim.hedged


def test_extract_quote_over_several_sentences_gives_each_the_same_source(nlp):
    text = '"They are young. They are also disciplined," army spokesman Yaroslav Chepurnyi told reporters.'
    claims = _claims(nlp, text)
    assert len(claims) == 2
    assert {c.source.text for c in claims} == {"army spokesman Yaroslav Chepurnyi"}
    assert {c.quote.value for c in claims} == {"direct"}


def test_extract_unattributed_statement_is_a_claim_without_source(nlp):
    claims = _claims(nlp, "The river rose by two metres overnight.")
    assert [(c.text, c.source, c.cue, c.attributed) for c in claims] == [
        ("The river rose by two metres overnight.", None, None, False)
    ]


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        # The tagger reads "shipped" as a participle (VBN) with no auxiliary: the sentence was no claim (a QA pass).
        ("At least 60 vessels with hidden ownership shipped Venezuelan crude or fuel through Caribbean waters in 2022.", 1),
        # A participle with no subject states nothing.
        ("Founded in 1990 by three brothers in Lyon.", 0),
    ],
)
def test_extract_a_main_verb_tagged_as_a_participle_still_makes_a_claim(nlp, text, claims):
    assert [c.text for c in _claims(nlp, text)] == [text] * claims


def test_extract_the_main_clause_around_a_report_in_a_relative_clause_is_a_claim_too(nlp):
    text = "The bridge will stay closed until the repairs end, which the council said would take two weeks."
    assert [(c.text, c.source and c.source.text) for c in _claims(nlp, text)] == [
        (text, None),  # the article's own statement: the bridge stays closed
        ("would take two weeks", "the council"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The council said the bridge would stay closed until the repairs end.",
        "The mayor visited the bridge and said the repairs would take two weeks.",
    ],
)
def test_extract_a_sentence_that_is_one_report_is_not_also_an_unattributed_claim(nlp, text):
    assert [c.attributed for c in _claims(nlp, text)] == [True]


@pytest.mark.parametrize(
    "text",
    [
        "Stay updated",
        "Follow us on social media",
        "Sign up for our newsletter to get the best analysis in your inbox every week.",
        "The views expressed here are those of the authors and do not necessarily reflect ours.",
        "Further reading",
        "Is this the end?",
        "Ukraine, 2025",
    ],
)
def test_extract_furniture_questions_and_fragments_are_not_claims(nlp, text):
    assert _claims(nlp, text) == []


def test_extract_an_editors_note_or_correction_paragraph_is_no_claim(nlp):
    """A correction's second sentence ("He is Leon Marsh, not Leonard Marsh.") was a claim, and so were editors'
    notes (a QA pass): a paragraph that starts as a note is about the article, not of it."""
    text = (
        "The audit found $3 million in unpaid invoices, the auditor said.\n\n"
        "Correction: A previous version of this story misstated the auditor's first name. "
        "He is Leon Marsh, not Leonard Marsh.\n\n"
        "Editor's note: This story has been updated to include comment from the mayor. The mayor declined to comment.\n\n"
        "Corrections to the budget will follow in March, the council said."
    )
    assert [c.text for c in _claims(nlp, text)] == [
        "The audit found $3 million in unpaid invoices",
        "Corrections to the budget will follow in March",
    ]


def test_extract_an_unattributed_claim_leaves_out_the_wire_dateline(nlp):
    """ "MOSCOW, April 24 (Reuters) - The Bank of Russia cut ..." was the claim's text, dateline and all (a QA pass):
    where a story was filed is no part of what it states."""
    text = "MOSCOW, April 24 (Reuters) - The Bank of Russia cut its key interest rate by one percentage point to 15%."
    (claim,) = _claims(nlp, text)
    assert claim.text == "The Bank of Russia cut its key interest rate by one percentage point to 15%."
    assert claim.sentence == text


def test_extract_ids_are_stable_across_runs(nlp):
    text = "Police said the bridge collapsed on Monday. The river rose by two metres."
    assert [c.id for c in _claims(nlp, text)] == [c.id for c in _claims(nlp, text)]


def test_extract_counts_sentences(nlp):
    result = extract_text("One claim is here.\n\nStay updated\n\nThe river rose.", doc_id="t", nlp=nlp)
    assert result.sentences == 3
    assert len(result.claims) == 1


def test_extract_long_text_is_parsed_in_chunks_with_true_offsets(nlp, monkeypatch):
    monkeypatch.setattr("claimtrack.chunks.MAX_CHUNK_CHARS", 60)
    paragraph = "Police said the bridge collapsed on Monday morning."
    text = "\n\n".join([paragraph] * 4)
    pieces = []

    def parse(piece: str):
        pieces.append(piece)
        return nlp(piece)

    claims = extract_claims(text, doc_id="t", nlp=parse)
    assert pieces == [paragraph + "\n\n"] * 3 + [paragraph]
    assert len(claims) == 4
    assert all(text[c.start : c.end] == c.text and text[c.source.start : c.source.end] == "Police" for c in claims)
    assert len({c.id for c in claims}) == 4


@pytest.mark.parametrize(
    "sentence, furniture",
    [
        ("Stay updated", True),
        ("Read more", True),
        ("The Eurasia Center’s mission is to enhance transatlantic cooperation.", True),
        ("He said the mission is to win the war.", False),
        ("Officials said newsletters were banned.", False),
    ],
)
def test_extract_furniture_patterns(sentence, furniture):
    assert is_furniture(sentence) is furniture


@pytest.mark.parametrize(
    "name, text",
    [
        ("thousands of quote marks", '"' * 20_000 + " he said."),
        ("quotes and speech over and over", ' "Yes," he said. "No." ' * 1000),
        ("older news marks", "``Yes,'' he said. " * 1000),
        ("unbalanced quotes", 'He said "yes. ' * 1000),
        ("a 50,000-character sentence", "word " * 10_000),
    ],
)
def test_extract_pathological_inputs_give_true_offsets(nlp, name, text):
    # How long they take is measured by benchmarks/pathological_inputs.py.
    assert_offsets_index(text, _claims(nlp, text))


def test_extract_nested_claim_names_its_parent(nlp):
    claims = _claims(nlp, "The mayor said he expected the bridge to reopen in early May.")
    outer = next(c for c in claims if c.cue.text == "said")
    inner = next(c for c in claims if c.cue.text == "expected")
    assert outer.parent is None and outer.text == "he expected the bridge to reopen in early May"
    assert inner.parent == outer.id and inner.source.text == "he"


@pytest.mark.parametrize(
    "text, source, cue",
    [
        ("Russia has reportedly moved 20,000 troops to the area, officials said.", "officials", "said"),
        ("He allegedly told investigators that he had been paid $5,000, court documents show.", "court documents", "show"),
    ],
)
def test_extract_a_report_and_a_hedge_nested_in_it_of_the_same_words_are_the_reports_claim(nlp, text, source, cue):
    """The hedging adverb's words are the report's: one claim, the report's, not the agentless hedge's."""
    top = [c for c in _claims(nlp, text) if c.parent is None]
    assert [(c.source.text, c.cue.text) for c in top] == [(source, cue)]


def test_extract_top_level_claims_have_no_parent(nlp):
    assert all(c.parent is None for c in _claims(nlp, "Police said the bridge collapsed on Monday."))


def test_extract_the_authors_own_hedge_is_an_unattributed_claim_marked_hedged(nlp):
    # GUIDELINES.md: "seems" and "appears" are the author's hedges, no one's claim.
    claims = _claims(nlp, "The drones appear to have been launched from a field near the border.")
    assert [(c.text, c.source, c.cue, c.hedged) for c in claims] == [
        ("The drones appear to have been launched from a field near the border.", None, None, True)
    ]


def test_extract_a_quote_mark_parsed_into_the_next_sentence_is_no_claim(nlp):
    text = 'She praised Sevrinia for its "constructive role."\n\nOn the Lisavet "peace summit"\n\nThe talks ended.'
    assert all(any(ch.isalnum() for ch in c.text) for c in _claims(nlp, text))


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        ("Shadow Fleets: How Sanctioned Oil Still Reaches Europe\n\nThe tankers sail at night past the cape.", 1),
        ("How the Ferry Sank in Under Ten Minutes\n\nThe tankers sail at night past the cape.", 1),
        ("What we saw from the harbour was a massacre.\n\nThe tankers sail at night past the cape.", 2),
    ],
)
def test_extract_a_titles_question_is_no_claim(nlp, text, claims):
    # A report's title "How Sanctioned Oil Still Reaches Europe" was the report's own (unattributed) claim.
    assert len(_claims(nlp, text)) == claims
