"""After the rules: continuations, nested claims (claimtrack.attribution.postprocess).

Every text here is written for these tests; spaCy's small English pipeline parses them.
"""

from __future__ import annotations

from conftest import triples


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


def test_quote_after_a_narrator_sentence_is_not_a_continuation(nlp):
    text = "“We lost the harvest,” the farmer said. The village is small. “Nobody came to help.”"
    found = triples(nlp, text)
    assert [content for _, _, content in found] == [["We lost the harvest"]]


def test_nested_report_gives_both(nlp):
    text = "The senator said intelligence officials told him that the base had been evacuated."
    found = triples(nlp, text)
    assert ("The senator", "said", ["intelligence officials told him that the base had been evacuated"]) in found
    assert ("intelligence officials", "told", ["the base had been evacuated"]) in found
