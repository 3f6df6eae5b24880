"""Tests for claimtrack.attribution.sources.normalise_sources.

Short texts written for these tests, plus the seed article for the cases the
product spec names (Zelenskyy / "he", Chepurnyi, Yusov, intelligence officials).
The spaCy pipeline is loaded once per module; without a model the module skips.
"""

from __future__ import annotations

import signal

import pytest

from conftest import SEED

SOURCE_TYPES = {"person", "organisation", "government", "media", "document", "anonymous group"}
ANY = object()  # the test does not pin this field


@pytest.fixture(scope="module")
def normalise():
    from claimtrack.attribution.sources import normalise_sources

    return normalise_sources


@pytest.fixture(scope="module")
def seed(nlp, normalise):
    """The seed article's Doc and a helper that normalises mentions found by text.

    All requested mentions are normalised in one call, in document order, as
    the attribution finder would hand them over.
    """
    text = SEED.read_text(encoding="utf-8")
    doc = nlp(text)

    def run(*mentions: tuple[str, str]):
        spans = []
        for mention, context in mentions:
            start = text.index(context) + context.index(mention)
            spans.append((start, start + len(mention)))
        order = sorted(range(len(spans)), key=lambda i: spans[i])
        results = normalise(doc, [spans[i] for i in order])
        by_index = dict(zip(order, results))
        return [by_index[i] for i in range(len(spans))]

    return run


def _one(nlp, normalise, text: str, mention: str, occurrence: int = 0):
    """Normalise one mention (the ``occurrence``-th match) in a short text."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(mention, start + 1)
    return normalise(nlp(text), [(start, start + len(mention))])[0]


# --------------------------------------------------------------------------- seed article


def test_seed_short_name_and_pronoun_resolve_to_caption_full_name(seed):
    zelenskyy, he = seed(("Zelenskyy", "Zelenskyy said"), ("he", "against Ukraine, he said"))
    assert zelenskyy.name == "Volodymyr Zelenskyy"
    assert zelenskyy.type == "person"
    assert he.name == "Volodymyr Zelenskyy"
    assert he.type == "person"


def test_seed_full_caption_mention_strips_title(seed):
    (info,) = seed(("Ukraine President Volodymyr Zelenskyy", "Ukraine President Volodymyr Zelenskyy"))
    assert info.name == "Volodymyr Zelenskyy"
    assert info.role == "President"
    assert info.affiliation == "Ukraine"


def test_seed_army_spokesman_with_rank(seed):
    mention = "Ukrainian army spokesman Lieutenant Colonel Yaroslav Chepurnyi"
    (info,) = seed((mention, mention))
    assert info.name == "Yaroslav Chepurnyi"
    assert info.type == "person"
    assert info.role in ("army spokesman", "spokesman")
    assert info.affiliation == "Ukrainian army"


def test_seed_intelligence_spokesman(seed):
    mention = "Ukrainian military intelligence spokesman Andrii Yusov"
    (info,) = seed((mention, mention))
    assert info.name == "Andrii Yusov"
    assert info.type == "person"
    assert info.role in ("military intelligence spokesman", "spokesman")
    assert info.affiliation == "Ukrainian military intelligence"


def test_seed_groups_and_documents(seed):
    korean, senior, mixed, materials = seed(
        ("South Korean intelligence officials", "South Korean intelligence officials estimate"),
        ("senior US officials", "senior US officials have warned"),
        ("Ukrainian, US, and South Korean sources", "Ukrainian, US, and South Korean sources"),
        ("Materials found on dead North Korean troops", "Materials found on dead North Korean troops"),
    )
    assert korean.type == "anonymous group"
    assert korean.affiliation == "South Korean intelligence"
    assert korean.role.endswith("officials")
    assert senior.type == "anonymous group"
    assert (senior.role, senior.affiliation) == ("senior officials", "US")
    assert mixed.type == "anonymous group"
    assert materials.type == "document"


def test_seed_capital_and_media(seed):
    moscow, politico = seed(("Moscow", "Moscow is paying"), ("POLITICO", "told POLITICO"))
    assert moscow.type == "government"
    assert politico.type == "media"
    assert politico.name == "POLITICO"


# --------------------------------------------------------------------------- names, roles, affiliations


@pytest.mark.parametrize(
    "text, mention, name, role, affiliation",
    [
        ("Hugh Hill, a doctor at St Mary's, said the ward was full.", "Hugh Hill, a doctor at St Mary's,",
         "Hugh Hill", "doctor", "St Mary's"),
        ("Senator John Smith (R-Texas) said the bill would pass.", "Senator John Smith (R-Texas)",
         "John Smith", "Senator", ANY),
        ("The White House's press secretary said the talks went well.", "The White House's press secretary",
         ANY, "press secretary", "White House"),
        ("Rival John Smith said he would run.", "Rival John Smith", "John Smith", "Rival", None),
        ("Ukraine's defence minister Oleh Petrenko said the line held.",
         "Ukraine's defence minister Oleh Petrenko", "Oleh Petrenko", "defence minister", "Ukraine"),
        ("Former President Bill Jones said the plan failed.", "Former President Bill Jones",
         "Bill Jones", "Former President", None),
        ("Another critic, Laura Price, said the plan failed.", "Another critic, Laura Price,",
         "Laura Price", "critic", None),
        ("Mr. Clarke said the home was safe.", "Mr. Clarke", "Clarke", None, None),
        ("Clarke's lawyer said the home was safe.", "Clarke's lawyer", ANY, "lawyer", "Clarke"),
        ("“We stay,” says Olena, a 64-year-old pensioner whose flat was hit.",
         "Olena, a 64-year-old pensioner whose flat was hit", "Olena", "pensioner", None),
    ],
)
def test_names_roles_affiliations(nlp, normalise, text, mention, name, role, affiliation):
    info = _one(nlp, normalise, text, mention)
    assert info.type == "person"
    for field, expected in (("name", name), ("role", role), ("affiliation", affiliation)):
        if expected is not ANY:
            assert getattr(info, field) == expected, field


# --------------------------------------------------------------------------- types


@pytest.mark.parametrize(
    "text, mention, expected",
    [
        ("Reuters reported that the talks had stalled.", "Reuters", "media"),
        ("CNN reported that the deal was close.", "CNN", "media"),
        ("The New York Post reported that the mayor had resigned.", "The New York Post", "media"),
        ("The newspaper reported that the mayor had resigned.", "The newspaper", "media"),
        ("The Kremlin said the claims were false.", "The Kremlin", "government"),
        ("The Pentagon said two drones were shot down.", "The Pentagon", "government"),
        ("The State Department said the embassy would stay open.", "The State Department", "government"),
        ("Ukraine's defence ministry said the attack was repelled.", "Ukraine's defence ministry", "government"),
        ("The government said prices would fall.", "The government", "government"),
        ("A report found that emissions rose.", "A report", "document"),
        ("The study found that the drug works.", "The study", "document"),
        ("Polls show the race is tight.", "Polls", "document"),
        ("Analysts said the market would recover.", "Analysts", "anonymous group"),
        ("Critics say the law goes too far.", "Critics", "anonymous group"),
        ("A source familiar with the talks said a deal was near.", "A source familiar with the talks",
         "anonymous group"),
        ("Republicans said the bill would fail.", "Republicans", "anonymous group"),
        ("NATO said it would send more troops.", "NATO", "organisation"),
        ("The UN said aid was blocked.", "The UN", "organisation"),
        ("The campaign said the ad was fair.", "The campaign", "organisation"),
        ("Mary Jones said the vote was fair.", "Mary Jones", "person"),
        ("Ukraine's General Staff said 40 attacks were repelled.", "Ukraine's General Staff", "government"),
        ("Ukrainian military intelligence said the convoy was hit.", "Ukrainian military intelligence",
         "government"),
        ("Intelligence suggests the convoy was hit.", "Intelligence", "document"),
        ("A drone operator told the BBC the enemy was close.", "A drone operator", "anonymous group"),
    ],
)
def test_types(nlp, normalise, text, mention, expected):
    info = _one(nlp, normalise, text, mention)
    assert info.type == expected
    assert info.type in SOURCE_TYPES


def test_group_and_document_names_drop_only_leading_article(nlp, normalise):
    assert _one(nlp, normalise, "The report said costs rose.", "The report").name == "report"
    assert _one(nlp, normalise, "The Kremlin said it was false.", "The Kremlin").name == "Kremlin"
    assert _one(nlp, normalise, "Senior officials said it was false.", "Senior officials").name == "Senior officials"


def test_the_weather_is_not_a_person(nlp, normalise):
    info = _one(nlp, normalise, "The weather, the forecast said, will improve.", "The weather")
    assert info.type != "person"
    assert info.type in SOURCE_TYPES


# --------------------------------------------------------------------------- resolution


@pytest.mark.parametrize(
    "text, mention, occurrence, name",
    [
        ("Mary Jones met Tom Baker on Monday. She said the deal was done.", "She", 0, "Mary Jones"),
        ("Mary Jones met Tom Baker on Monday. He said the deal was done.", "He", 0, "Tom Baker"),
        ("Mayor Ann Lee spoke on Friday. The mayor said taxes would rise.", "The mayor", 0, "Ann Lee"),
        ("Prime Minister Keir Starmer visited Kyiv. Starmer said support would continue.", "Starmer", 1,
         "Keir Starmer"),
    ],
)
def test_pronouns_descriptions_and_surnames_resolve(nlp, normalise, text, mention, occurrence, name):
    info = _one(nlp, normalise, text, mention, occurrence)
    assert info.name == name
    assert info.type == "person"


def test_a_description_with_another_affiliation_stays_its_own_person(nlp, normalise):
    text = ("NATO Secretary-General Mark Rutte said support would continue. "
            "Britain's defence secretary insisted no troops would be sent.")
    starts = [text.index("NATO"), text.index("Britain's")]
    ends = [text.index(" said"), text.index(" insisted")]
    rutte, secretary = normalise(nlp(text), list(zip(starts, ends)))
    assert rutte.name == "Mark Rutte"
    assert secretary.name != "Mark Rutte"
    assert (secretary.role, secretary.affiliation) == ("defence secretary", "Britain")


def test_they_resolves_to_a_group(nlp, normalise):
    info = _one(nlp, normalise, "Local officials met on Monday. They said the bridge would reopen.", "They")
    assert info.name == "Local officials"
    assert info.type == "anonymous group"


def test_surname_takes_role_from_full_mention(nlp, normalise):
    text = "Prime Minister Keir Starmer visited Kyiv. Starmer said support would continue."
    info = _one(nlp, normalise, text, "Starmer", 1)
    assert info.role == "Prime Minister"


def test_sources_named_together_are_consistent(nlp, normalise):
    text = "Health Secretary Ann Lee spoke on Monday. Lee said beds were short. She said staff were tired."
    doc = nlp(text)
    spans = []
    for mention in ("Health Secretary Ann Lee", "Lee said", "She"):
        start = text.index(mention)
        spans.append((start, start + len(mention.split(" said")[0])))
    first, second, third = normalise(doc, spans)
    assert first.name == second.name == third.name == "Ann Lee"


def test_unresolvable_pronoun_has_no_name(nlp, normalise):
    info = _one(nlp, normalise, "He said it was over.", "He")
    assert info.name is None
    assert info.type == "person"


# --------------------------------------------------------------------------- robustness


def test_odd_spans_never_raise(nlp, normalise):
    text = "Mary Jones said the vote was fair. He agreed."
    doc = nlp(text)
    spans = [None, (0, 0), (5, 5), (4, 5), (1, 3), (len(text) - 1, len(text) + 40), (-3, 2), (30, 10)]
    results = normalise(doc, spans)
    assert len(results) == len(spans)
    assert results[0] is None
    assert results[1].name is None and results[1].type is None  # empty span
    assert results[3].name is None  # a space
    assert results[4].name == "Mary"  # expanded to the token "Mary"
    assert all(r is None or r.type is None or r.type in SOURCE_TYPES for r in results)


def test_a_role_met_twice_in_one_mention_finishes(nlp, normalise):
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


def test_empty_doc_and_no_spans(nlp, normalise):
    assert normalise(nlp(""), []) == []
    assert normalise(nlp("Hello."), [(0, 5)])[0].type in SOURCE_TYPES


def test_doc_without_tags_or_parse_does_not_raise(normalise):
    import spacy

    doc = spacy.blank("en")("Mary Jones said it. He agreed.")
    results = normalise(doc, [(0, 10), (20, 22), None])
    assert len(results) == 3 and results[2] is None
    assert results[1].name is None


def test_head_search_with_no_noun_before_a_preposition_does_not_raise():
    # The head search compared a preposition with the last noun seen before any was seen (None + int).
    import spacy
    from spacy.tokens import Doc

    from claimtrack.attribution.sources.naming import find_head

    core = list(Doc(spacy.blank("en").vocab, words=["the", "of", "Police"], pos=["DET", "ADP", "PROPN"]))
    assert find_head(core) == 2
