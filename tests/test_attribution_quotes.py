"""Quotation marks paired on the raw text (claimtrack.attribution.quotes).

Every text here is written for these tests; spaCy's small English pipeline parses them.
"""

from __future__ import annotations

import pytest

from claimtrack.attribution.quotes import find_quotes
from conftest import triples

CASES = [
    pytest.param(
        "``We are not leaving,'' he said.",
        [("he", "said", ["We are not leaving"])],
        id="old-newswire-quotes",
    ),
    pytest.param(
        '"We are not leaving," he said.',
        [("he", "said", ["We are not leaving"])],
        id="straight-quotes",
    ),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_quotes_find_source_cue_content(nlp, text, expected):
    assert triples(nlp, text) == expected


def test_multi_paragraph_quote_without_closing_mark(nlp):
    text = "The coach said: “We trained hard all winter.\n\n“Now we are ready for the final.”"
    found = triples(nlp, text)
    assert found == [("The coach", "said", ["We trained hard all winter.", "Now we are ready for the final."])]


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


def test_single_marks_pair_in_a_text_with_no_double_marks():
    # British papers quote 'like this': apostrophes inside words and after a plural's s are no quote marks.
    text = (
        "'There is no innocent explanation,' the minister told MPs. 'The crew's story fails.\n\n"
        "'The ministers' aides agree.' She called it 'a deliberate act' and left the '90s behind."
    )
    segments = [[text[s:e] for s, e in q.segments] for q in find_quotes(text)]
    assert segments == [
        ["There is no innocent explanation,"],
        ["The crew's story fails.", "The ministers' aides agree."],
        ["a deliberate act"],
    ]


def quoted(text: str) -> list[list[str]]:
    """The text of each quotation ``find_quotes`` finds, one string per paragraph."""
    return [[text[s:e] for s, e in q.segments] for q in find_quotes(text)]


SINGLE_MARKS = [
    pytest.param(
        "The minister said \"no\" and the ministers' aides said 'maybe'.",
        [["no"], ["maybe"]],
        id="straight-beside-double",
    ),
    pytest.param(
        "“We will go,” she said. ‘It’s the crew’s call,’ the captain’s mate said of the sailors’ pay.",
        [["We will go,"], ["It’s the crew’s call,"]],
        id="curly-contractions-possessives",
    ),
    pytest.param(
        "\"Fine,\" he said. 'We will protect the workers' rights,' the mayor said in the '90s, of rock 'n' roll.",
        [["Fine,"], ["We will protect the workers' rights,"]],
        id="plural-possessive-inside-elisions-outside",
    ),
    pytest.param(
        "“Fine,” he said. ‘We stand with the farmers’ the minister said, calling it ‘a betrayal’.",
        [["Fine,"], ["We stand with the farmers"], ["a betrayal"]],
        id="plural-before-closing-mark",
    ),
    pytest.param(
        "“Fine,” he said. Bishop quotes Bible to warn of ‘Boasters’ and ‘Blasphemers’ Like Trump.",
        [["Fine,"], ["Boasters"], ["Blasphemers"]],
        id="headline-plural-closing-mark",
    ),
    pytest.param(
        '"Fine," he said. It was in ’08 that the mayor’s rivals first won, and in \'12.',
        [["Fine,"]],
        id="years-are-no-quotations",
    ),
    pytest.param(
        "He said: “They called it ‘a provocation’. We didn’t.” The envoys’ aides said ‘no’.",
        [["They called it ‘a provocation’. We didn’t."], ["no"]],
        id="single-inside-double",
    ),
    pytest.param(
        '\'They called it "a provocation",\' the envoy said. He called it "a lie".',
        [['They called it "a provocation",'], ["a lie"]],
        id="double-inside-single",
    ),
]


@pytest.mark.parametrize("text, expected", SINGLE_MARKS)
def test_single_marks_pair_beside_double_marks_and_apostrophes_stay(text, expected):
    assert quoted(text) == expected


def kinds(nlp, text: str) -> list[tuple[str | None, str]]:
    """(source, quote kind) of every attribution the finder gives for ``text``."""
    from claimtrack.attribution import find_attributions

    return [(text[a.source[0] : a.source[1]] if a.source else None, a.quote) for a in find_attributions(nlp(text))]


@pytest.mark.parametrize("mark", ["'", "‘"], ids=["straight", "curly"])
def test_single_quoted_speech_is_direct_and_a_single_quoted_phrase_mixed_beside_double_quotes(nlp, mark):
    close = "'" if mark == "'" else "’"
    text = (
        "“We will not sign anything this week,” the foreign minister said.\n\n"
        f"{mark}We will not sign,{close} the deputy said.\n\n"
        f"The minister’s aide called the offer {mark}an insult{close} and left."
    )
    assert kinds(nlp, text) == [
        ("the foreign minister", "direct"),
        ("the deputy", "direct"),
        ("The minister’s aide", "mixed"),
    ]


def test_a_quotation_continued_in_single_marks_stays_the_speakers(nlp):
    text = (
        "'There is no innocent explanation,' Isla Corran told MPs. 'Our analysts are confident.\n\n"
        "'Ardmoor will not be intimidated by a rusting tanker.'"
    )
    told = [content for source, cue, content in triples(nlp, text) if (source, cue) == ("Isla Corran", "told")]
    assert any("Ardmoor will not be intimidated by a rusting tanker." in content for content in told)


def test_a_quotation_continued_with_two_apostrophes_stays_the_speakers(nlp):
    text = (
        "''The numbers do not add up,'' said Clem Tolliday, a fellow at the center. ''You would need growth.\n\n"
        "''Every plan like this promises that growth will close the gap.''\n\nNot every economist agreed."
    )
    segments = [[text[s:e] for s, e in q.segments] for q in find_quotes(text)]
    assert segments[1] == ["You would need growth.", "Every plan like this promises that growth will close the gap."]
    assert all(source.startswith("Clem Tolliday") for source, _, _ in triples(nlp, text))


def test_a_quotation_that_ends_a_sentence_is_not_the_next_verbs_own(nlp):
    text = (
        '"The governor told every family their struggle is a rounding error," Ruggiero said. "He should be ashamed." '
        'Ruggiero also accused Vanterpool of "hiding the ball" on the transit money.'
    )
    accused = [content for _, cue, content in triples(nlp, text) if cue == "accused"]
    assert accused == [['Vanterpool of "hiding the ball" on the transit money']]


def test_an_inner_quotations_closing_mark_does_not_part_the_quotation_from_its_speaker(nlp):
    text = "''She'd look at me and say, 'What did he mean by that?''' Mr. Biden said, clutching the lectern."
    assert [(source, cue) for source, cue, _ in triples(nlp, text)] == [("Mr. Biden", "said")]
