"""Source types: which :class:`~claimtrack.models.SourceType` a mention is.

``models.SourceType`` is the only list of types. This module holds, in one
place, everything else a type means:

* :data:`TRAITS`: per type, how coreference and export treat it (may "they"
  or "it" refer to it, does it have a role, is it a schema.org Organization);
* ordered rule tables that choose a type: :data:`NAME_LISTS` (curated names
  such as "Reuters"), :data:`PROPER_NAME_RULES` (proper-name heads) and
  :data:`NOUN_RULES` (common-noun heads), plus the pronoun defaults. The first
  row that applies wins, so a row's place in its table is part of the rule.

Types are handed on as the enum's string values (``SourceInfo.type`` is a
plain string), through the aliases below.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...models import SourceType
from .lexicon import in_lists, is_title, source_lexicon
from .tokens import RELATIVE_TAGS, strip_edges

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

PERSON = SourceType.person.value
ORGANISATION = SourceType.organisation.value
GOVERNMENT = SourceType.government.value
MEDIA = SourceType.media.value
DOCUMENT = SourceType.document.value
GROUP = SourceType.anonymous_group.value


# --------------------------------------------------------------------------- traits


@dataclass(frozen=True)
class TypeTraits:
    """What a source type implies outside the typing rules."""

    people: bool  # a person or people: role, affiliation and gender come from the words around the head
    they: bool  # "they"/"them" may refer to a source of this type (any plural source may too)
    it: bool  # "it"/"its" may refer to a singular source of this type
    organization: bool  # a schema.org Organization in ClaimReview (else a Person; a document, a CreativeWork)


TRAITS: dict[SourceType, TypeTraits] = {
    SourceType.person: TypeTraits(people=True, they=False, it=False, organization=False),
    SourceType.organisation: TypeTraits(people=False, they=True, it=True, organization=True),
    SourceType.government: TypeTraits(people=False, they=True, it=True, organization=True),
    SourceType.media: TypeTraits(people=False, they=True, it=True, organization=True),
    SourceType.document: TypeTraits(people=False, they=False, it=True, organization=False),
    # A group ("South Korean intelligence officials") is people, but as the
    # author of a claim it is a body, not one person: an Organization.
    SourceType.anonymous_group: TypeTraits(people=True, they=True, it=False, organization=True),
}


def types_where(trait: Callable[[TypeTraits], bool]) -> frozenset[SourceType]:
    """The source types whose traits satisfy ``trait``."""
    return frozenset(kind for kind, traits in TRAITS.items() if trait(traits))


def _values(kinds: Iterable[SourceType]) -> frozenset[str]:
    return frozenset(kind.value for kind in kinds)


PEOPLE_TYPES = _values(types_where(lambda t: t.people))
THEY_TYPES = _values(types_where(lambda t: t.they))
IT_TYPES = _values(types_where(lambda t: t.it))
ORGANIZATION_TYPES = types_where(lambda t: t.organization)


# --------------------------------------------------------------------------- curated names

# A mention whose words (with or without "the") are in one of these lists.
NAME_LISTS: tuple[tuple[str, SourceType], ...] = (
    ("media_outlets", SourceType.media),  # "Reuters", "the New York Post"
    ("government_names", SourceType.government),  # "the Kremlin"
    ("named_organisations", SourceType.organisation),  # "NATO"
)

# Lists of common nouns that type a head: a capitalised word in one of them is
# a common noun ("Poll", "Readers"), never a name.
COMMON_NOUN_LISTS = (
    "person_nouns",
    "group_nouns",
    "document_source_nouns",
    "organisation_nouns",
    "media_nouns",
    "government_nouns",
)


def lexical_type(bare_text: str) -> str | None:
    """Type from the curated names lists ("the Kremlin", "Reuters", "NATO")."""
    lex = source_lexicon()
    candidates = {bare_text, "the " + bare_text}
    for list_name, kind in NAME_LISTS:
        if candidates & getattr(lex, list_name):
            return kind.value
    return None


# --------------------------------------------------------------------------- proper names


@dataclass(frozen=True)
class ProperName:
    """The facts the proper-name rules read about a name run ("Yaroslav Chepurnyi", "NATO")."""

    run: list[Token]
    labels: frozenset[str]  # the entity labels inside the run
    last: str  # the last word, lower case

    def last_in(self, list_name: str) -> bool:
        return in_lists(self.last, list_name)


@dataclass(frozen=True)
class Rule:
    """One row of a typing table: when ``applies``, the mention is of ``type``."""

    type: SourceType
    applies: Callable[[Any], bool]
    example: str
    guess: bool = False  # a default that the name's own descriptor overrules


PROPER_NAME_RULES: tuple[Rule, ...] = (
    Rule(SourceType.government, lambda p: bool(p.labels & {"GPE", "LOC"}), "Moscow"),
    Rule(SourceType.anonymous_group, lambda p: "NORP" in p.labels, "Ukrainians"),
    Rule(
        SourceType.media,
        lambda p: p.last_in("media_name_heads") and bool(p.labels & {"ORG"} or len(p.run) > 1),
        "The Washington Post",
    ),
    Rule(SourceType.organisation, lambda p: p.last_in("organisation_nouns"), "Tax Policy Center"),
    Rule(SourceType.government, lambda p: p.last_in("government_nouns"), "Defence Ministry"),
    Rule(
        SourceType.organisation,
        lambda p: bool(p.labels) or p.run[-1].is_upper and len(p.run[-1].text) > 1,
        "AROS",
        guess=True,
    ),
)


def proper_type(core: list[Token], run: list[Token], appositive=(), *, known_name: bool, known_surname: bool = False) -> str:
    """Person, organisation, government, media or group for a proper-name head.

    A country or capital (``state_places``) with no title is a government,
    unless it is the ``known_surname`` of a fuller person's name in the
    document ("Jordan" beside "Jim Jordan").
    A descriptor after a comma that names a body ("Northline Petroleum,
    Norway's largest oil producer") overrules every reason to read a person,
    unless a title or a common first name says person; of the tables it
    overrules only the guesses (the Tampa Bay Times described as "a news
    organization" stays media). Then a person: a PERSON entity, a name already ``known_name`` in the
    document, a title or role word before it, or a person's appositive. Then
    :data:`PROPER_NAME_RULES` in order; a name nothing else explains is a
    person, or the body its descriptor names.
    """
    labels = frozenset(t.ent_type_ for t in run) - {""}
    before = core[: core.index(run[0])]
    titled = bool(before) and (is_title(before[-1]) or in_lists(before[-1].text, "person_nouns") and before[-1].text.islower())
    if not (titled or known_surname) and in_lists(" ".join(t.text for t in run), "state_places"):
        return GOVERNMENT  # "Vilnius", even when the NER took it for a person; not Jim Jordan's "Jordan"
    described = appositive_type(appositive)
    body = None if described == PERSON or titled or has_first_name(run) else described
    if "PERSON" in labels or known_name or titled or described == PERSON:
        return body or PERSON
    name = ProperName(run=run, labels=labels, last=run[-1].text.lower())
    rule = next((rule for rule in PROPER_NAME_RULES if rule.applies(name)), None)
    if rule is None or rule.guess and body:
        return body or PERSON
    return rule.type.value


def has_first_name(run: list[Token]) -> bool:
    """A name of several words that starts with a common first name ("Jane Smith")."""
    return len(run) > 1 and in_lists(run[0].text, "male_first_names", "female_first_names")


def is_titled_body(core: list[Token], head_index: int) -> bool:
    """A capitalised body named after a rank word: "the General Staff", not "General Syrskyi"."""
    head = core[head_index]
    return (
        head_index > 0
        and head.text[:1].isupper()
        and in_lists(head.text.lower(), "government_nouns")
        and is_title(core[head_index - 1])
        and head.ent_type_ != "PERSON"
    )


# What the head of a descriptor after a comma says its name is: ", a spokesman
# for ..." a person, ", Norway's largest oil producer" an organisation. The
# first row whose lists hold the head wins: the organisation descriptors come
# before the person nouns because a "producer" or "operator" that describes a
# name is a company, while "the producer" on its own is a person.
APPOSITIVE_RULES: tuple[tuple[tuple[str, ...], SourceType], ...] = (
    (("organisation_descriptors",), SourceType.organisation),  # ", the country's largest lender"
    (("person_nouns",), SourceType.person),  # ", a spokesman for the ministry"
    (("media_nouns",), SourceType.media),  # ", a Kyiv newspaper"
    (("government_nouns",), SourceType.government),  # ", the customs agency"
    (("organisation_nouns",), SourceType.organisation),  # ", a think tank in Berlin"
)


def appositive_type(appositive) -> str | None:
    """The type the descriptor after a comma gives its name (:data:`APPOSITIVE_RULES`), else None.

    A nationality head (", a Democrat whose office ...") is a person.
    """
    head = appositive_head(appositive)
    if head is None:
        return None
    if head.ent_type_ == "NORP":
        return PERSON
    # ", a developer and spokeswoman for ...": a person's noun among the conjuncts makes a person.
    kinds = [_descriptor_type(noun) for noun in (head, *head.conjuncts)]
    return PERSON if PERSON in kinds else kinds[0]


def _descriptor_type(noun: Token) -> str | None:
    """The first :data:`APPOSITIVE_RULES` row whose lists hold ``noun``."""
    for lists, kind in APPOSITIVE_RULES:
        if in_lists(noun.lemma_, *lists) or in_lists(noun.text, *lists):
            return kind.value
    return None


def appositive_head(appositive) -> Token | None:
    """The head noun of a descriptor: the phrase's own head, not a modifier ("a 64-year-old pensioner")."""
    tokens = []
    for token in strip_edges(list(appositive)):
        if token.tag_ in RELATIVE_TAGS or token.text in (",", ";", "(", "—", "–"):
            break  # ", who has served ...": a clause after the name, not a descriptor
        if token.pos_ != "DET" and token.tag_ != "PRP$":
            tokens.append(token)
    inside = {t.i for t in tokens}
    nouns = [t for t in tokens if t.pos_ in ("NOUN", "PROPN")]
    return next((t for t in nouns if t.head.i not in inside), nouns[0] if nouns else None)


# --------------------------------------------------------------------------- common nouns


@dataclass(frozen=True)
class NounHead:
    """The facts the common-noun rules read about a mention's head ("officials", "the report")."""

    token: Token
    word: str  # lower case
    lemma: str  # lower case
    plural: bool
    determiner: str | None  # "the", "a", "poss" or None (see naming.determiner_class)

    def word_in(self, list_name: str) -> bool:
        return in_lists(self.word, list_name)

    def lemma_in(self, list_name: str) -> bool:
        return in_lists(self.lemma, list_name)

    def listed(self, list_name: str) -> bool:
        """The word or its lemma is in the list."""
        return in_lists(self.word, list_name) or in_lists(self.lemma, list_name)

    def pair_in(self, list_name: str) -> bool:
        """The head with the word before it is in the list: the lists name some bodies in two words ("air force",
        "coast guard", "task force", "think tank"), whose head alone says something else or nothing."""
        if self.token.i == 0:
            return False
        return in_lists(f"{self.token.nbor(-1).lower_} {self.word}", list_name)


def _national_intelligence(n: NounHead) -> bool:
    """ "Ukrainian military intelligence" is the agency; bare "intelligence suggests" is evidence."""
    return n.word == "intelligence" and any(c.ent_type_ in ("NORP", "GPE") or c.lower_ == "military" for c in n.token.lefts)


NOUN_RULES: tuple[Rule, ...] = (
    Rule(SourceType.government, _national_intelligence, "Ukrainian military intelligence"),
    Rule(SourceType.government, lambda n: n.pair_in("government_nouns"), "the air force"),
    Rule(SourceType.organisation, lambda n: n.pair_in("organisation_nouns"), "a task force"),
    Rule(SourceType.document, lambda n: n.listed("document_source_nouns"), "the report"),
    Rule(SourceType.media, lambda n: n.word_in("media_nouns") and n.token.ent_type_ != "GPE", "the newspaper"),
    Rule(SourceType.government, lambda n: n.token.ent_type_ == "GPE" and not n.plural, "Kyiv"),
    Rule(
        SourceType.government,
        lambda n: n.word_in("government_nouns") and not n.word_in("group_nouns") or n.word in ("police", "authorities"),
        "the ministry",
    ),
    Rule(
        SourceType.person,
        lambda n: n.token.ent_type_ == "NORP" and not n.plural and n.determiner == "the",
        "The Republican (someone named earlier)",
    ),
    Rule(
        SourceType.anonymous_group,
        lambda n: n.token.ent_type_ == "NORP" or n.plural and (n.word_in("group_nouns") or n.lemma_in("person_nouns")),
        "Republicans, doctors",
    ),
    Rule(SourceType.anonymous_group, lambda n: n.word_in("group_nouns") and n.word not in ("staff",), "the public"),
    Rule(
        SourceType.anonymous_group,
        lambda n: n.listed("person_nouns") and (n.determiner == "a" or n.word_in("anonymity_nouns")),
        "a doctor, the official",
    ),
    Rule(SourceType.person, lambda n: n.listed("person_nouns"), "the senator"),
    Rule(SourceType.organisation, lambda n: n.word_in("organisation_nouns") or n.token.ent_type_ == "ORG", "the campaign"),
    Rule(SourceType.anonymous_group, lambda n: n.plural and n.token.pos_ != "PROPN", "shoppers (no list)"),
    Rule(SourceType.organisation, lambda n: n.token.pos_ == "PROPN", "a capitalised head no list knows"),
    # An unknown inanimate noun ("the weather", "the accord") speaks as a text would.
    Rule(SourceType.document, lambda n: True, "the weather"),
)


def noun_type(head: Token, word: str, lemma: str, plural: bool, determiner: str | None) -> str:
    """Type of a common-noun head: the first of :data:`NOUN_RULES` that applies."""
    facts = NounHead(token=head, word=word, lemma=lemma, plural=plural, determiner=determiner)
    return next(rule.type.value for rule in NOUN_RULES if rule.applies(facts))


# --------------------------------------------------------------------------- pronouns

# Pronouns type a mention until it is resolved; other pronouns are persons.
PRONOUN_TYPES: tuple[tuple[tuple[str, ...], SourceType], ...] = (
    (("pronouns_plural", "pronouns_first_plural"), SourceType.anonymous_group),  # "they", "we"
    (("pronouns_neuter",), SourceType.organisation),  # "it"
)
PERSONAL_RELATIVES = ("who", "whom", "whose")  # other relatives ("which", "that") are organisations


def pronoun_type(word: str) -> str:
    """The type a pronoun stands for before it is resolved."""
    return next((kind.value for lists, kind in PRONOUN_TYPES if in_lists(word, *lists)), PERSON)


def relative_type(word: str) -> str:
    """ "who" is a person, "which"/"that" an organisation, until resolved."""
    return PERSON if word in PERSONAL_RELATIVES else ORGANISATION


# --------------------------------------------------------------------------- coordinations


def coordination_type(kinds: Iterable[str | None]) -> str:
    """The type of "Moscow and Kyiv", "Putin and Xi", "Israel and Hamas" from its conjuncts' types.

    Conjuncts of one type give that type (two governments are a government
    source); bodies of different types (a government and an armed group) an
    organisation; any other mix, people and bodies, an anonymous group.
    """
    found = {kind for kind in kinds if kind}
    if len(found) == 1:
        return found.pop()
    bodies = _values(types_where(lambda t: t.organization and not t.people))
    return ORGANISATION if found and found <= bodies else GROUP
