"""The curated word lists of source naming, typing and coreference (``source_lexicon.json``).

The file is read once, on first use, into a frozen :class:`SourceLexicon`.
Every list the rules read must be there and be a list of lower-case strings;
a missing, misspelt or malformed list raises :class:`LexiconError` rather
than leaving a rule to match nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from ...errors import LexiconError

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

LEXICON_FILE = "source_lexicon.json"


@dataclass(frozen=True)
class SourceLexicon:
    """Word lists, all lower case; multi-word entries match whole lower-cased phrases."""

    honorifics: frozenset[str]  # "mr.", "dr": stand before a name
    ranks: frozenset[str]  # "lieutenant", "col."
    offices: frozenset[str]  # "president", "sen."
    multiword_roles: frozenset[str]  # "press secretary", "secretary of state"
    person_nouns: frozenset[str]  # heads that name one person ("spokesman", "doctor")
    group_nouns: frozenset[str]  # heads that name people ("officials", "critics")
    anonymity_nouns: frozenset[str]  # "a source", "an official": unnamed, so a group
    indefinite_determiners: frozenset[str]  # "a", "some", "several"
    media_outlets: frozenset[str]  # "reuters", "the new york post"
    media_nouns: frozenset[str]  # "newspaper", "broadcaster"
    media_name_heads: frozenset[str]  # last words of outlet names ("post", "times")
    government_names: frozenset[str]  # "the kremlin", "white house"
    government_nouns: frozenset[str]  # "ministry", "administration"
    # Countries and capitals: as a source ("Moscow said", "Riga and Vilnius
    # blamed each other") each speaks for its government, whatever the NER guessed.
    state_places: frozenset[str]
    # Heads that type a source as a document ("the report", "polls"). Not the
    # finder's cues.json ``document_nouns``, the few documents that carry a
    # claim in "In the survey, ...": that list is a small subset of this one.
    document_source_nouns: frozenset[str]
    organisation_nouns: frozenset[str]  # "company", "campaign"
    # Heads of a descriptor that make the name it describes an organisation
    # ("Northline Petroleum, Norway's largest oil producer"), though some of
    # them name a person when they head a mention of their own ("the producer").
    organisation_descriptors: frozenset[str]
    named_organisations: frozenset[str]  # "nato", "the united nations"
    female_words: frozenset[str]  # "she", "mrs.", "spokeswoman"
    male_words: frozenset[str]
    female_first_names: frozenset[str]
    male_first_names: frozenset[str]
    pronouns_singular_male: frozenset[str]
    pronouns_singular_female: frozenset[str]
    pronouns_plural: frozenset[str]
    pronouns_neuter: frozenset[str]
    pronouns_first_singular: frozenset[str]
    pronouns_first_plural: frozenset[str]
    pronouns_second: frozenset[str]
    pronouns_relative: frozenset[str]
    partitive_nouns: frozenset[str]  # "a group of", "one of": look through to the noun after "of"
    name_particles: frozenset[str]  # "de", "van": lower-case words inside a name
    question_verbs: frozenset[str]  # "ask": the answer after "“…?” X asked Y" is Y's

    def has(self, word: str, *lists: str) -> bool:
        """True when ``word`` (case-folded) is in any of the named lists."""
        low = word.lower()
        for name in lists:  # noqa: SIM110 - any() over a generator cost 2.6% of the rules' time: asked ~600 times an article
            if low in getattr(self, name):
                return True
        return False


LIST_NAMES = tuple(f.name for f in fields(SourceLexicon))


def parse_source_lexicon(text: str, origin: str = LEXICON_FILE) -> SourceLexicon:
    """Validate the JSON ``text`` of a source lexicon and freeze its lists.

    Keys starting with "_" are comments. Raises :class:`LexiconError` naming
    ``origin`` and the offending list.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LexiconError(f"{origin}: not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise LexiconError(f"{origin}: expected an object of word lists")
    lists = {key: value for key, value in data.items() if not key.startswith("_")}
    missing = [name for name in LIST_NAMES if name not in lists]
    unknown = sorted(set(lists) - set(LIST_NAMES))
    if missing or unknown:
        problems = [f"missing list(s) {', '.join(missing)}"] if missing else []
        problems += [f"unknown list(s) {', '.join(unknown)}"] if unknown else []
        raise LexiconError(f"{origin}: {'; '.join(problems)}")
    for name, words in lists.items():
        if not isinstance(words, list) or not all(isinstance(w, str) and w == w.lower() for w in words):
            raise LexiconError(f"{origin}: {name} must be a list of lower-case strings")
    return SourceLexicon(**{name: frozenset(lists[name]) for name in LIST_NAMES})


@lru_cache(maxsize=1)
def source_lexicon() -> SourceLexicon:
    """The shipped lexicon, loaded on first use so importing stays free."""
    return parse_source_lexicon(_shipped_text(), LEXICON_FILE)


def _shipped_text() -> str:
    """The text of ``source_lexicon.json`` beside the attribution package."""
    return resources.files("claimtrack.attribution").joinpath(LEXICON_FILE).read_text("utf-8")


def in_lists(word: str, *lists: str) -> bool:
    """True when ``word`` (case-folded) is in any of the named lexicon lists."""
    return source_lexicon().has(word, *lists)


# The lists of nouns that head a source's phrase: "official", "residents", "ministry", "company".
SOURCE_NOUN_LISTS = ("person_nouns", "group_nouns", "government_nouns", "organisation_nouns")


def names_a_source(word: str) -> bool:
    """Whether ``word`` (case-folded) is a noun that heads a source's phrase ("governor", "police", "ministry")."""
    return in_lists(word, *SOURCE_NOUN_LISTS)


def names_a_news_outlet(words: str) -> bool:
    """Whether ``words`` (case-folded, with or without "the") name a news outlet ("Reuters", "the BBC", "Sky News")."""
    bare = words.lower().removeprefix("the ")
    return in_lists(bare, "media_outlets") or in_lists("the " + bare, "media_outlets")


def is_title(token: Token) -> bool:
    """Honorifics, ranks and offices that may stand directly before a name."""
    return in_lists(token.text, "honorifics", "ranks", "offices")
