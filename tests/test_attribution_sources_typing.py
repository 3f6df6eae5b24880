"""Source typing: which SourceType a mention is, and what each type implies.

Module under test: claimtrack.attribution.sources.typing_rules. The tables
there must cover every models.SourceType; the README must name every type.
"""

from __future__ import annotations

import re

import pytest

from claimtrack.attribution.sources.lexicon import LIST_NAMES
from claimtrack.attribution.sources.typing_rules import (
    COMMON_NOUN_LISTS,
    NAME_LISTS,
    PRONOUN_TYPES,
    TRAITS,
    noun_type,
    pronoun_type,
    relative_type,
)
from claimtrack.models import SourceType
from conftest import ROOT, normalise_one

SOURCE_TYPES = {t.value for t in SourceType}


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
        ("The air force said 62 drones were shot down.", "The air force", "government"),
        ("The coast guard said two boats had sunk.", "The coast guard", "government"),
        ("A government task force said the plan was sound.", "A government task force", "organisation"),
        ("A report found that emissions rose.", "A report", "document"),
        ("The study found that the drug works.", "The study", "document"),
        ("Polls show the race is tight.", "Polls", "document"),
        ("Analysts said the market would recover.", "Analysts", "anonymous group"),
        ("Critics say the law goes too far.", "Critics", "anonymous group"),
        ("A source familiar with the talks said a deal was near.", "A source familiar with the talks", "anonymous group"),
        ("Republicans said the bill would fail.", "Republicans", "anonymous group"),
        ("NATO said it would send more troops.", "NATO", "organisation"),
        ("The UN said aid was blocked.", "The UN", "organisation"),
        ("The campaign said the ad was fair.", "The campaign", "organisation"),
        ("Mary Jones said the vote was fair.", "Mary Jones", "person"),
        ("Ukraine's General Staff said 40 attacks were repelled.", "Ukraine's General Staff", "government"),
        ("Ukrainian military intelligence said the convoy was hit.", "Ukrainian military intelligence", "government"),
        ("Intelligence suggests the convoy was hit.", "Intelligence", "document"),
        ("A drone operator told the BBC the enemy was close.", "A drone operator", "anonymous group"),
    ],
)
def test_typing_mentions(nlp, normalise, text, mention, expected):
    info = normalise_one(nlp, normalise, text, mention)
    assert info.type == expected


def test_typing_the_weather_is_not_a_person(nlp, normalise):
    info = normalise_one(nlp, normalise, "The weather, the forecast said, will improve.", "The weather")
    assert info.type != "person"
    assert info.type in SOURCE_TYPES


def test_seed_groups_and_documents(seed_sources):
    korean, senior, mixed, materials = seed_sources(
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


def test_seed_capital_and_media(seed_sources):
    moscow, politico = seed_sources(("Moscow", "Moscow is paying"), ("POLITICO", "told POLITICO"))
    assert moscow.type == "government"
    assert politico.type == "media"
    assert politico.name == "POLITICO"


# --------------------------------------------------------------------------- the tables, without a model


@pytest.mark.parametrize(
    "word, pos, plural, determiner, expected",
    [
        ("report", "NOUN", False, "the", "document"),
        ("newspaper", "NOUN", False, "the", "media"),
        ("ministry", "NOUN", False, "the", "government"),
        ("officials", "NOUN", True, None, "anonymous group"),
        ("senator", "NOUN", False, "the", "person"),
        ("senator", "NOUN", False, "a", "anonymous group"),
        ("campaign", "NOUN", False, "the", "organisation"),
        ("shoppers", "NOUN", True, None, "anonymous group"),
        ("Acme", "PROPN", False, None, "organisation"),
        ("weather", "NOUN", False, "the", "document"),
    ],
)
def test_typing_noun_rules_in_order(word, pos, plural, determiner, expected):
    import spacy
    from spacy.tokens import Doc

    head = Doc(spacy.blank("en").vocab, words=[word], pos=[pos])[0]
    assert noun_type(head, word.lower(), word.lower(), plural, determiner) == expected


@pytest.mark.parametrize(
    "word, expected",
    [("they", "anonymous group"), ("we", "anonymous group"), ("it", "organisation"), ("she", "person"), ("I", "person")],
)
def test_typing_pronouns_before_resolution(word, expected):
    assert pronoun_type(word) == expected


def test_typing_relative_pronouns():
    assert relative_type("who") == "person"
    assert relative_type("which") == "organisation"


def test_typing_every_source_type_has_traits():
    assert set(TRAITS) == set(SourceType)


def test_typing_tables_name_only_lexicon_lists():
    named = [name for name, _ in NAME_LISTS] + list(COMMON_NOUN_LISTS)
    named += [name for lists, _ in PRONOUN_TYPES for name in lists]
    assert set(named) <= set(LIST_NAMES)


# How ClaimReview writes a source of each type: as the claim's author, or (a document, which schema.org
# does not allow as an author) as the work it first appeared in. A new type must be added here.
CLAIMREVIEW_TYPES = {
    SourceType.person: ("author", "Person"),
    SourceType.organisation: ("author", "Organization"),
    SourceType.government: ("author", "Organization"),
    SourceType.media: ("author", "Organization"),
    SourceType.document: ("firstAppearance", "CreativeWork"),
    SourceType.anonymous_group: ("author", "Organization"),
}


@pytest.mark.parametrize("kind", list(SourceType))
def test_typing_claimreview_author_type(kind):
    from claimtrack.claimreview import claim_review
    from claimtrack.models import Annotation, Status, now
    from conftest import make_claim

    claim = make_claim()
    source = claim.source.model_copy(update={"type": kind})
    claim = claim.model_copy(
        update={"status": Status.false, "source": source, "annotations": [Annotation(at=now(), status=Status.false)]}
    )
    field, schema_type = CLAIMREVIEW_TYPES[kind]
    item = claim_review(claim)["itemReviewed"]
    assert item[field]["@type"] == schema_type
    assert [key for key in ("author", "firstAppearance") if key in item] == [field]


def test_typing_readme_names_every_source_type():
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    listed = re.search(r"`type` \(([^)]*)\)", readme)
    assert listed, "README: the claim fields paragraph lists the source types as `type` (...)"
    assert {t.strip() for t in listed.group(1).split(",")} == SOURCE_TYPES


# --------------------------------------------------------------------------- the mention's own evidence


@pytest.mark.parametrize(
    "text, mention, expected",
    [
        # A descriptor naming a body types the name, whatever the NER guessed.
        ("Halvard Mining, Chile's third-largest copper miner, said output would fall.", "Halvard Mining", "organisation"),
        ("Brightwater Foods, a Dutch dairy producer, said prices would rise.", "Brightwater Foods", "organisation"),
        ("Osterby Re, a Danish insurer, said claims had doubled.", "Osterby Re", "organisation"),
        ("Kestrel Line, the island's only ferry operator, said sailings would resume.", "Kestrel Line", "organisation"),
        ("Fenmark, the country's customs agency, said the cargo was seized.", "Fenmark", "government"),
        # A person's descriptor keeps a person.
        ("Tomas Verhoef, a spokesman for the port, said the ships would wait.", "Tomas Verhoef", "person"),
        ("Lena Aberg, a senior analyst at Northfield, said prices would rise.", "Lena Aberg", "person"),
        # A first name outweighs a company word that can also name a person's job.
        ("Jane Porter, a film producer, said the studio would close.", "Jane Porter", "person"),
        # A person's noun among coordinated descriptor heads keeps a person.
        ("Ana Brunell, a Boston-based developer and spokeswoman for the coalition, said so.", "Ana Brunell", "person"),
        # A clause after the name describes no body, whatever it mentions.
        ("Ed Marsh, who chaired the bank for a decade, said rates would rise.", "Ed Marsh", "person"),
        # A descriptor does not overrule what the name itself says.
        ("The Harbour Times, a local news organization, said the port would close.", "The Harbour Times", "media"),
    ],
)
def test_typing_from_the_appositive(nlp, normalise, text, mention, expected):
    whole = text[: text.index(", said")]  # the finder's source span: the name and its descriptor
    info = normalise_one(nlp, normalise, text, whole)
    assert (info.name, info.type) == (mention.removeprefix("The "), expected)


@pytest.mark.parametrize(
    "text, mention, expected",
    [
        ("Riga and Vilnius blamed each other for the delay.", "Riga and Vilnius", "government"),
        ("Russia and Ukraine accused each other of shelling the plant.", "Russia and Ukraine", "government"),
        ("Britain, France and Germany said the deal was dead.", "Britain, France and Germany", "government"),
        ("Israel and Hamas said talks would resume.", "Israel and Hamas", "organisation"),
        ("Putin and Xi said the talks went well.", "Putin and Xi", "person"),
        # Coordinated modifiers of one head are one phrase, not a coordination of sources.
        ("Russian and Ukrainian officials said the talks failed.", "Russian and Ukrainian officials", "anonymous group"),
    ],
)
def test_typing_coordinated_sources(nlp, normalise, text, mention, expected):
    info = normalise_one(nlp, normalise, text, mention)
    assert info.type == expected


@pytest.mark.parametrize(
    "kinds, expected",
    [
        (["government", "government"], "government"),
        (["person", "person"], "person"),
        (["government", "organisation"], "organisation"),
        (["government", "media"], "organisation"),
        (["person", "government"], "anonymous group"),
        (["organisation", "document"], "anonymous group"),
    ],
)
def test_typing_coordination_type_from_conjuncts(kinds, expected):
    from claimtrack.attribution.sources.typing_rules import coordination_type

    assert coordination_type(kinds) == expected


def test_typing_a_country_named_as_a_surname_stays_the_person(nlp, normalise):
    text = "Rep. Tom Chad Jordan spoke on Monday. Jordan said the bill would fail. Jordan said that the border was closed."
    info = normalise_one(nlp, normalise, text, "Jordan", 1)
    assert (info.name, info.type) == ("Tom Chad Jordan", "person")
    assert normalise_one(nlp, normalise, "Jordan said that the border was closed.", "Jordan").type == "government"


def test_typing_appositive_rules_name_only_lexicon_lists():
    from claimtrack.attribution.sources.typing_rules import APPOSITIVE_RULES

    assert {name for lists, _ in APPOSITIVE_RULES for name in lists} <= set(LIST_NAMES)
