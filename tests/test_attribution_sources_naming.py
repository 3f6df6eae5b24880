"""Source naming: names, titles, roles and affiliations split out of a mention.

Module under test: claimtrack.attribution.sources.naming (through
normalise_sources where a parse is needed).
"""

from __future__ import annotations

import signal

import pytest

from conftest import normalise_one

ANY = object()  # the test does not pin this field


def test_seed_full_caption_mention_strips_title(seed_sources):
    (info,) = seed_sources(("Ukraine President Volodymyr Zelenskyy", "Ukraine President Volodymyr Zelenskyy"))
    assert info.name == "Volodymyr Zelenskyy"
    assert info.role == "President"
    assert info.affiliation == "Ukraine"


def test_seed_army_spokesman_with_rank(seed_sources):
    mention = "Ukrainian army spokesman Lieutenant Colonel Yaroslav Chepurnyi"
    (info,) = seed_sources((mention, mention))
    assert info.name == "Yaroslav Chepurnyi"
    assert info.type == "person"
    assert info.role in ("army spokesman", "spokesman")
    assert info.affiliation == "Ukrainian army"


def test_seed_intelligence_spokesman(seed_sources):
    mention = "Ukrainian military intelligence spokesman Andrii Yusov"
    (info,) = seed_sources((mention, mention))
    assert info.name == "Andrii Yusov"
    assert info.type == "person"
    assert info.role in ("military intelligence spokesman", "spokesman")
    assert info.affiliation == "Ukrainian military intelligence"


@pytest.mark.parametrize(
    "text, mention, name, role, affiliation",
    [
        (
            "Hugh Hill, a doctor at St Mary's, said the ward was full.",
            "Hugh Hill, a doctor at St Mary's,",
            "Hugh Hill",
            "doctor",
            "St Mary's",
        ),
        ("Senator John Smith (R-Texas) said the bill would pass.", "Senator John Smith (R-Texas)", "John Smith", "Senator", ANY),
        (
            "The White House's press secretary said the talks went well.",
            "The White House's press secretary",
            ANY,
            "press secretary",
            "White House",
        ),
        ("Rival John Smith said he would run.", "Rival John Smith", "John Smith", "Rival", None),
        (
            "Ukraine's defence minister Oleh Petrenko said the line held.",
            "Ukraine's defence minister Oleh Petrenko",
            "Oleh Petrenko",
            "defence minister",
            "Ukraine",
        ),
        (
            "Former President Bill Jones said the plan failed.",
            "Former President Bill Jones",
            "Bill Jones",
            "Former President",
            None,
        ),
        ("Another critic, Laura Price, said the plan failed.", "Another critic, Laura Price,", "Laura Price", "critic", None),
        ("Mr. Clarke said the home was safe.", "Mr. Clarke", "Clarke", None, None),
        ("Clarke's lawyer said the home was safe.", "Clarke's lawyer", ANY, "lawyer", "Clarke"),
        (
            "“We stay,” says Olena, a 64-year-old pensioner whose flat was hit.",
            "Olena, a 64-year-old pensioner whose flat was hit",
            "Olena",
            "pensioner",
            None,
        ),
    ],
)
def test_naming_names_roles_affiliations(nlp, normalise, text, mention, name, role, affiliation):
    info = normalise_one(nlp, normalise, text, mention)
    assert info.type == "person"
    for field, expected in (("name", name), ("role", role), ("affiliation", affiliation)):
        if expected is not ANY:
            assert getattr(info, field) == expected, field


def test_naming_group_and_document_names_drop_only_leading_article(nlp, normalise):
    assert normalise_one(nlp, normalise, "The report said costs rose.", "The report").name == "report"
    assert normalise_one(nlp, normalise, "The Kremlin said it was false.", "The Kremlin").name == "Kremlin"
    senior = normalise_one(nlp, normalise, "Senior officials said it was false.", "Senior officials")
    assert senior.name == "Senior officials"


def test_naming_a_role_met_twice_in_one_mention_finishes(nlp, normalise):
    # "secretary of state for the elderly": the head search used to step back
    # to the role after every preposition and never end.
    text = "The company\xa0and\xa0France’s secretary of state for the elderly, Pascale Boistard, confirmed it."
    mention = text.split(", confirmed")[0]
    signal.signal(signal.SIGALRM, _too_slow)
    signal.alarm(10)
    try:
        info = normalise(nlp(text), [(0, len(mention))])[0]
    finally:
        signal.alarm(0)
    assert info.name == "Pascale Boistard"
    assert info.role == "secretary"


def _too_slow(*_):
    raise AssertionError("normalise_sources did not finish in 10 s")


def test_naming_head_search_with_no_noun_before_a_preposition_does_not_raise():
    # The head search compared a preposition with the last noun seen before any was seen (None + int).
    import spacy
    from spacy.tokens import Doc

    from claimtrack.attribution.sources.naming import find_head

    core = list(Doc(spacy.blank("en").vocab, words=["the", "of", "Police"], pos=["DET", "ADP", "PROPN"]))
    assert find_head(core) == 2


@pytest.mark.parametrize(
    "word, normal",
    [("Sen.", "senator"), ("spokeswoman", "spokesperson"), ("Congresswoman", "representative"), ("mayor", "mayor")],
)
def test_naming_role_words_fold_abbreviations_and_gender(word, normal):
    from claimtrack.attribution.sources.naming import normal_role_word

    assert normal_role_word(word) == normal


@pytest.mark.parametrize(
    "text, mention, name, role, affiliation",
    [
        # Neither conjunct is an affiliation ("Riga and") of the other, nor does one's role describe both.
        ("Riga and Vilnius blamed each other for the delay.", "Riga and Vilnius", "Riga and Vilnius", None, None),
        ("The EU and Britain said the deal was dead.", "The EU and Britain", "EU and Britain", None, None),
        (
            "Britain, France and Germany said the deal was dead.",
            "Britain, France and Germany",
            "Britain, France and Germany",
            None,
            None,
        ),
        (
            "Russian President Vladimir Putin and Chinese leader Xi Jinping said the talks went well.",
            "Russian President Vladimir Putin and Chinese leader Xi Jinping",
            "Vladimir Putin and Xi Jinping",
            None,
            None,
        ),
        ("Doctors or nurses said the ward was full.", "Doctors or nurses", "Doctors or nurses", None, None),
        # One entity with "and" inside is one name; coordinated modifiers share one head.
        ("Bosnia and Herzegovina said the border would reopen.", "Bosnia and Herzegovina", "Bosnia and Herzegovina", None, None),
        (
            "Russian and Ukrainian officials said the talks failed.",
            "Russian and Ukrainian officials",
            "Russian and Ukrainian officials",
            "officials",
            "Russian and Ukrainian",
        ),
    ],
)
def test_naming_coordinations(nlp, normalise, text, mention, name, role, affiliation):
    info = normalise_one(nlp, normalise, text, mention)
    assert (info.name, info.role, info.affiliation) == (name, role, affiliation)
    assert info.type != "person" or " and " in name


def test_naming_a_body_keeps_its_whole_descriptor(nlp, normalise):
    text = "Halvard Mining, Chile's third-largest copper miner, said output would fall."
    info = normalise_one(nlp, normalise, text, "Halvard Mining, Chile's third-largest copper miner")
    assert (info.name, info.type) == ("Halvard Mining", "organisation")
    assert (info.role, info.affiliation) == ("Chile's third-largest copper miner", "Chile")


def test_naming_a_hyphenated_role_word_is_kept_whole(nlp, normalise):
    text = "Lena Aberg, a long-time analyst at Northfield, said prices would rise."
    info = normalise_one(nlp, normalise, text, "Lena Aberg, a long-time analyst at Northfield")
    assert (info.name, info.type, info.role) == ("Lena Aberg", "person", "long-time analyst")
