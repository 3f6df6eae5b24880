"""After the rules: continuations, nested claims (claimtrack.attribution.postprocess).

Every text here is written for these tests; spaCy's small English pipeline parses them.
"""

from __future__ import annotations

import pytest

from conftest import triples


def test_continuation_paragraph_keeps_speaker(nlp):
    text = "“We lost the harvest,” the farmer said. “Nobody came to help.”\n\n“We will try again next spring.”"
    found = triples(nlp, text)
    assert len(found) == 1
    source, cue, content = found[0]
    assert (source, cue) == ("the farmer", "said")
    assert content == ["We lost the harvest", "Nobody came to help.", "We will try again next spring."]


@pytest.mark.parametrize("heading", ["“All Bets Are Off.”", "‘All Bets Are Off.’", "“DIVISIVE AND WRONG”"])
def test_quoted_heading_after_a_speaker_is_not_his_next_words(nlp, heading):
    # A section's heading quotes words to come (a newspaper's subhead), not the last speaker's.
    text = f"“The dam will hold,” the engineer said.\n\n{heading}\n\nRain fell all week on the valley."
    assert triples(nlp, text) == [("the engineer", "said", ["The dam will hold"])]


def test_quote_paragraph_after_a_paraphrase_is_the_speakers_own_quotation(nlp):
    text = "The farmer said that the whole village shares one tractor.\n\n“Nobody complains. We manage.”"
    assert triples(nlp, text) == [
        ("The farmer", "said", ["the whole village shares one tractor"]),
        ("The farmer", None, ["Nobody complains. We manage."]),
    ]


def test_quote_paragraph_after_a_report_of_a_report_is_the_outer_speakers(nlp):
    text = "The farmer said her brother had told her that the barn was burned.\n\n“They left us nothing.”"
    assert ("The farmer", None, ["They left us nothing."]) in triples(nlp, text)


def test_quote_inside_the_paragraph_after_a_paraphrase_is_not_given_to_its_speaker(nlp):
    text = "The farmer said that the whole village shares one tractor. “Nobody complains,” a neighbour added."
    assert [found[:2] for found in triples(nlp, text)] == [("The farmer", "said"), ("a neighbour", "added")]


def test_quote_after_the_reporting_sentence_continues_it(nlp):
    text = "“We lost the harvest,” the farmer wrote on his blog. “Nobody came to help.”"
    assert triples(nlp, text) == [("the farmer", "wrote", ["We lost the harvest", "Nobody came to help."])]


def test_quote_after_a_narrator_sentence_is_not_a_continuation(nlp):
    text = "“We lost the harvest,” the farmer said. The village is small. “Nobody came to help.”"
    found = triples(nlp, text)
    assert [content for _, _, content in found] == [["We lost the harvest"]]


def test_nested_report_gives_both(nlp):
    text = "The senator said intelligence officials told him that the base had been evacuated."
    found = triples(nlp, text)
    assert ("The senator", "said", ["intelligence officials told him that the base had been evacuated"]) in found
    assert ("intelligence officials", "told", ["the base had been evacuated"]) in found


def _nested(nlp, text: str) -> list[tuple]:
    """(source, cue, parent's cue) for each attribution that has a parent."""
    from claimtrack.attribution import find_attributions

    def at(span):
        return text[span[0] : span[1]] if span else None

    return [(at(a.source), at(a.cue), at(a.parent.cue)) for a in find_attributions(nlp(text)) if a.parent]


def test_nested_report_has_the_outer_report_as_parent(nlp):
    text = "The senator said intelligence officials told him that the base had been evacuated."
    assert _nested(nlp, text) == [("intelligence officials", "told", "said")]


def test_belief_inside_a_report_is_nested(nlp):
    text = "The mayor said he expected the bridge to reopen in early May."
    assert ("he", "expected", "said") in _nested(nlp, text)
    outer = [t for t in triples(nlp, text) if t[1] == "said"]
    assert outer == [("The mayor", "said", ["he expected the bridge to reopen in early May"])]


def test_belief_predicated_of_an_object_inside_a_report_is_nested(nlp):
    text = "He repeated that he did not view himself as a criminal or a spy."
    assert _nested(nlp, text) == [("he", "did not view", "repeated")]


def test_relative_clause_aside_stays_top_level(nlp):
    text = "The report says that the mayor, who insists the bridge is safe, will resign."
    assert not [n for n in _nested(nlp, text) if n[1] == "insists"]


def test_single_report_has_no_parent(nlp):
    assert _nested(nlp, "Police said the bridge collapsed on Monday.") == []


@pytest.mark.parametrize(
    "text",
    [
        "The mayor said the two towns had agreed to share the cost of the new bridge.",
        "The judge said the defendant refused to admit any wrongdoing during the hearing.",
    ],
)
def test_nested_act_is_not_a_claim(nlp, text):
    assert _nested(nlp, text) == []
    assert [cue for _, cue, _ in triples(nlp, text)] == ["said"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("“We have done what we could. I believe the other side is stalling,” the minister said.", ("I", "believe", "said")),
        (
            "“I do not consider myself a criminal or a traitor,” the farmer said after the hearing.",
            ("I", "do not consider", "said"),
        ),
    ],
)
def test_report_inside_a_quote_is_nested_in_it(nlp, text, expected):
    assert expected in _nested(nlp, text)
    outer = [t for t in triples(nlp, text) if t[1] == "said"]
    assert len(outer) == 1 and outer[0][0] in ("the minister", "the farmer")


def test_a_report_of_others_inside_a_quote_is_nested_in_it(nlp):
    text = "“Drivers have told us they do not want to be employees,” she said."
    assert _nested(nlp, text) == [("Drivers", "have told", "said")]


def test_what_someone_inside_a_quote_was_told_is_nested_without_a_source(nlp):
    text = "A former warehouse worker said he had been told the boxes contained spare parts."
    assert _nested(nlp, text) == [(None, "had been told", "said")]
    assert (None, "had been told", ["the boxes contained spare parts"]) in triples(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "“I believe the other side is stalling.”",  # a quotation no one is said to have spoken
        "“It seems the other side is stalling,” the minister said.",  # no speaker inside the quote
        "“Who told you the bridge was safe?” she asked.",  # a question, not a report
    ],
)
def test_no_report_inside_a_quote_without_speaker(nlp, text):
    assert _nested(nlp, text) == []


def test_answer_after_a_question_put_to_someone_is_theirs(nlp):
    text = (
        "The clerk was called as a witness. “What did you think of the letter?” the lawyer asked the clerk. "
        "“Not much. We get letters like it every month.”"
    )
    found = triples(nlp, text)
    assert ("the lawyer", "asked", ["What did you think of the letter?"]) in found
    assert ("the clerk", None, ["Not much. We get letters like it every month."]) in found


def test_question_to_no_one_named_is_continued_by_the_asker(nlp):
    text = "“What did you think of the letter?” the lawyer asked. “Tell the court.”"
    assert triples(nlp, text) == [("the lawyer", "asked", ["What did you think of the letter?", "Tell the court."])]


def test_statement_quoting_someone_gives_an_outer_and_a_nested_claim(nlp):
    text = "“Repairs are under way to restore the line,” the statement quoted Director General Maria Olsen as saying."
    found = triples(nlp, text)
    assert (
        "the statement",
        "quoted",
        ["Repairs are under way to restore the line", "Director General Maria Olsen as saying"],
    ) in found
    assert ("Director General Maria Olsen", "saying", ["Repairs are under way to restore the line"]) in found
    assert _nested(nlp, text) == [("Director General Maria Olsen", "saying", "quoted")]


def test_statement_quoting_someone_after_it_said_in_a_statement(nlp):
    text = (
        "The agency said a truce was in place.\n\n"
        '"Another local truce is now in effect to allow repair of the 110 kV line to the dam,\u201d it said in a '
        "statement published on X.\n\n"
        '"Mine clearing is under way to give the crews safe access,\u201d the statement quoted Director General '
        "Maria Olsen as saying.\n\nThe situation remains tense."
    )
    found = triples(nlp, text)
    assert ("it", "said", ["Another local truce is now in effect to allow repair of the 110 kV line to the dam"]) in found
    assert ("Director General Maria Olsen", "saying", ["Mine clearing is under way to give the crews safe access"]) in found
    assert not any(source == "it" and "Mine clearing" in content[-1] for source, _, content in found)


def test_quoted_as_saying_names_the_one_quoted(nlp):
    text = "The agency said the plant lost power twice. Olsen was quoted as saying the plant is running on its last line."
    assert ("Olsen", "saying", ["the plant is running on its last line"]) in triples(nlp, text)


def test_speech_verb_inside_a_report_is_nested_even_with_an_object_reading(nlp):
    text = "The governor said his intelligence services had informed him about a secret proposal made by the company."
    nested = [n for n in _nested(nlp, text) if n[0] == "his intelligence services"]
    assert len(nested) == 1 and nested[0][1].startswith("had informed") and nested[0][2] == "said"
    # What he was informed of, not "him": a person object is no content.
    assert ("his intelligence services", nested[0][1], ["a secret proposal made by the company"]) in triples(nlp, text)


def test_amount_added_inside_a_report_is_no_nested_report(nlp):
    text = "According to her lawyer, the verdict adds two years to her prison term."
    assert _nested(nlp, text) == []
    assert triples(nlp, text) == [("her lawyer", "According to", ["the verdict adds two years to her prison term"])]


def test_speech_verb_reading_alone_needs_the_model(nlp):
    # the same reading at the top level is left to the model, which does not take "informed him"
    assert triples(nlp, "His intelligence services had informed him.") == []


def test_knowing_of_a_thing_inside_a_report_is_no_nested_report(nlp):
    text = "Letters found in the bunker suggest the commander knew of the order."
    assert _nested(nlp, text) == []


def test_nothing_inside_a_quote_is_no_source(nlp):
    text = "“Nothing in today’s opinion explains why two judges know better,” he wrote."
    assert _nested(nlp, text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "“Requiring a photo ID is fair,” Hartsell said. “I'm confident the higher courts will agree.”",
            ("I", "'m confident", "said"),
        ),
        (
            "“Everybody in my business was sure the late deciders would break our way,” he said.",
            ("Everybody in my business", "was sure", "said"),
        ),
    ],
)
def test_a_belief_stated_by_an_adjective_inside_a_quote_is_nested_in_it(nlp, text, expected):
    assert expected in _nested(nlp, text)


def test_knowing_the_answer_to_a_question_inside_a_report_is_no_nested_claim(nlp):
    assert _nested(nlp, "Prosecutors said he knew where the goods were going.") == []
    assert _nested(nlp, "Prosecutors said he knew that the goods were going to Russia.") == [("he", "knew", "said")]


def test_a_speakers_noun_phrase_inside_a_quote_is_the_nested_source_whole(nlp):
    text = "“Everybody in my business was sure the late deciders would break our way,” he said."
    assert ("Everybody in my business", "was sure", ["the late deciders would break our way"]) in triples(nlp, text)


def test_a_report_sharing_its_subject_inside_a_quote_is_nested(nlp):
    # "tells" is joined to "comes" and has no subject of its own in the parse.
    text = (
        "“He voted for every one of those closures, and now he comes to Marrow and tells you he is on your side,” the mayor said."
    )
    assert ("he", "tells", "said") in _nested(nlp, text)


def test_a_passive_joined_to_another_subject_inside_a_quote_names_no_teller(nlp):
    text = "“Nobody answered my letters, and I was told the matter was closed,” the nurse said."
    assert not [n for n in _nested(nlp, text) if n[0] == "Nobody"]


def test_a_quotation_that_ends_its_sentence_continues_its_speaker_before_the_narrator_goes_on(nlp):
    text = (
        '"We are not walking away from a single race," Grimsworth said in a statement. '
        '"Staff write memos. That is their job." He did not dispute the memo\'s polling figures.'
    )
    found = triples(nlp, text)
    pieces = ["We are not walking away from a single race", "Staff write memos. That is their job."]
    assert ("Grimsworth", "said", pieces) in found
    assert "did not dispute" not in [cue for _, cue, _ in found]


@pytest.mark.parametrize(
    "text, cue",
    [
        ("His sister, Sabina Kostrel, said he had called her from the front the evening before he died.", "had called her from"),
        ("She said the family did not believe Halvoria's account of his death.", "did not believe"),
    ],
)
def test_a_call_from_somewhere_or_trust_in_an_account_inside_a_report_is_no_report(nlp, text, cue):
    assert cue not in [c for _, c, _ in triples(nlp, text)]


@pytest.mark.parametrize(
    "text, nested",
    [
        ("He said he expected another assault within days.", ("he", "expected")),
        ("Ottershaw said the senator's own polling shows him within the margin.", ("the senator's own polling", "shows")),
    ],
)
def test_an_expectation_or_a_finding_inside_a_report_is_still_nested(nlp, text, nested):
    assert nested in [(s, c.split()[0] if c else c) for s, c, _ in triples(nlp, text)]
