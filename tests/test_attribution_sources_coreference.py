"""Coreference: pronouns, surnames and definite descriptions take the named source.

Modules under test: claimtrack.attribution.sources.coreference and .names,
through normalise_sources.
"""

from __future__ import annotations

import pytest

from conftest import normalise_one


def test_seed_short_name_and_pronoun_resolve_to_caption_full_name(seed_sources):
    zelenskyy, he = seed_sources(("Zelenskyy", "Zelenskyy said"), ("he", "against Ukraine, he said"))
    assert zelenskyy.name == "Volodymyr Zelenskyy"
    assert zelenskyy.type == "person"
    assert he.name == "Volodymyr Zelenskyy"
    assert he.type == "person"


@pytest.mark.parametrize(
    "text, mention, occurrence, name",
    [
        ("Mary Jones met Tom Baker on Monday. She said the deal was done.", "She", 0, "Mary Jones"),
        ("Mary Jones met Tom Baker on Monday. He said the deal was done.", "He", 0, "Tom Baker"),
        ("Mayor Ann Lee spoke on Friday. The mayor said taxes would rise.", "The mayor", 0, "Ann Lee"),
        ("Prime Minister Keir Starmer visited Kyiv. Starmer said support would continue.", "Starmer", 1, "Keir Starmer"),
        # Another transliteration of the surname still names the person (claimtrack.namefold).
        (
            "President Volodymyr Zelenskyy met the envoys. The talks were tense, Zelensky said.",
            "Zelensky",
            0,
            "Volodymyr Zelenskyy",
        ),
        ("Dmitry Medvedev spoke on Monday. Medvedyev said sanctions would fail.", "Medvedyev", 0, "Dmitry Medvedev"),
    ],
)
def test_coreference_pronouns_descriptions_and_surnames_resolve(nlp, normalise, text, mention, occurrence, name):
    info = normalise_one(nlp, normalise, text, mention, occurrence)
    assert info.name == name
    assert info.type == "person"


def test_coreference_a_description_with_another_affiliation_stays_its_own_person(nlp, normalise):
    text = (
        "NATO Secretary-General Mark Rutte said support would continue. "
        "Britain's defence secretary insisted no troops would be sent."
    )
    starts = [text.index("NATO"), text.index("Britain's")]
    ends = [text.index(" said"), text.index(" insisted")]
    rutte, secretary = normalise(nlp(text), list(zip(starts, ends)))
    assert rutte.name == "Mark Rutte"
    assert secretary.name != "Mark Rutte"
    assert (secretary.role, secretary.affiliation) == ("defence secretary", "Britain")


def test_coreference_they_resolves_to_a_group(nlp, normalise):
    info = normalise_one(nlp, normalise, "Local officials met on Monday. They said the bridge would reopen.", "They")
    assert info.name == "Local officials"
    assert info.type == "anonymous group"


def test_coreference_surname_takes_role_from_full_mention(nlp, normalise):
    text = "Prime Minister Keir Starmer visited Kyiv. Starmer said support would continue."
    info = normalise_one(nlp, normalise, text, "Starmer", 1)
    assert info.role == "Prime Minister"


def test_coreference_sources_named_together_are_consistent(nlp, normalise):
    text = "Health Secretary Ann Lee spoke on Monday. Lee said beds were short. She said staff were tired."
    doc = nlp(text)
    spans = []
    for mention in ("Health Secretary Ann Lee", "Lee said", "She"):
        start = text.index(mention)
        spans.append((start, start + len(mention.split(" said")[0])))
    first, second, third = normalise(doc, spans)
    assert first.name == second.name == third.name == "Ann Lee"


def test_coreference_unresolvable_pronoun_has_no_name(nlp, normalise):
    info = normalise_one(nlp, normalise, "He said it was over.", "He")
    assert info.name is None
    assert info.type == "person"


def test_coreference_a_description_never_takes_a_name_with_another_role(nlp, normalise):
    text = (
        "President Vladimir Putin signed the decree on Monday. The court heard from the secretary of the "
        "district office, Anna Volkova. According to the secretary, the files were never sent."
    )
    info = normalise_one(nlp, normalise, text, "the secretary", occurrence=1)
    assert info.name != "Vladimir Putin"
