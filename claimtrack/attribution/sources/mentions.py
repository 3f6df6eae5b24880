"""One source mention read on its own: its kind, name, type, role and affiliation.

:func:`analyse_span` sorts a mention into a kind: "named" (a person's or
body's name), "plain" (a common noun phrase: "senior US officials", "the
report"), "description" ("the senator": a person named elsewhere),
"pronoun", "relative" ("who", pointing at the noun it modifies) or "empty".
Naming splits its words, typing chooses its type; pronouns and descriptions
get their names later, from coreference.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..spans import SourceInfo
from .lexicon import LIST_NAMES, in_lists, source_lexicon
from .names import NameIndex, gender_from
from .naming import (
    affiliation_from,
    clean_name_tokens,
    coordinated_parts,
    describe_body,
    determiner_class,
    find_head,
    is_name_token,
    name_run,
    normal_role_word,
    person_prefix,
    possessor,
    prep_affiliation,
    read_appositive,
    remove_parentheticals,
    remove_party_tags,
    role_and_affiliation,
    role_ends_phrase,
    role_keys,
    split_appositive,
)
from .tokens import (
    COORDINATORS,
    DETERMINERS,
    PARTY_TAG,
    POSSESSIVE,
    RELATIVE_TAGS,
    join_tokens,
    name_key,
    strip_determiners,
    strip_edges,
    strip_possessive,
)
from .typing_rules import (
    GOVERNMENT,
    GROUP,
    PEOPLE_TYPES,
    PERSON,
    appositive_type,
    coordination_type,
    is_titled_body,
    lexical_type,
    noun_type,
    pronoun_type,
    proper_type,
    relative_type,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token


@dataclass
class Mention:
    """One analysed source mention before cross-mention resolution."""

    info: SourceInfo
    kind: str  # "empty", "named", "plain", "pronoun", "description", "relative"
    start: int = 0
    end: int = 0
    text: str = ""
    plural: bool = False
    gender: str | None = None
    head: str = ""  # lower-cased head word, for description/pronoun matching
    role_keys: frozenset[str] = frozenset()
    name_tokens: tuple[str, ...] = ()
    antecedent: Span | None = None  # relative pronouns: the noun they modify
    loose: bool = False  # a description that may fall back to a recent subject


def empty_mention() -> Mention:
    """The analysis of a span with no words: every field None."""
    return Mention(info=SourceInfo(), kind="empty")


def analyse_span(name_index: NameIndex, span: Span) -> Mention:
    """Classify a mention span and read its name, role and affiliation."""
    tokens, asides = remove_parentheticals([t for t in span if not t.is_space])
    tokens = strip_edges(tokens)
    if not tokens:
        return empty_mention()
    base = Mention(info=SourceInfo(), kind="plain", start=span.start_char, end=span.end_char, text=span.text.strip())
    first = tokens[0].text.lower()
    if len(tokens) <= 2 and first in _pronoun_words() and all(t.text in POSSESSIVE or t is tokens[0] for t in tokens):
        return _pronoun(base, tokens[0])
    tokens, inline_parties = remove_party_tags(tokens)
    core, appositive = split_appositive(tokens)
    party = next((a for a in asides if PARTY_TAG.match(a.strip())), None) or next(iter(inline_parties), None)
    head_index = find_head(core)
    head = core[head_index]
    coordination = _coordination(name_index, base, core)
    if coordination is not None:
        return coordination
    names = _name_groups(name_index, core)
    if len(names) > 1 and any(t.text.lower() in COORDINATORS for t in core) and any(head in g for g in names):
        return _coordinated_people(name_index, base, core, names)
    run = name_run(core, head_index)
    bare = strip_possessive(strip_determiners(core))
    bare_text = join_tokens(bare).lower()
    lexical = lexical_type(bare_text)
    named_appositive = _appositive_name(name_index, appositive) if appositive and not run else []
    if named_appositive and (in_lists(head.lemma_, "person_nouns") or in_lists(head.text, "person_nouns")):
        return _described_person(name_index, base, core, head_index, named_appositive, party)
    if lexical is None and is_titled_body(core, head_index):
        lexical = GOVERNMENT  # "the General Staff": a rank word naming a body, not a person
    if run and lexical is None:
        key = name_key(run)
        kind = proper_type(
            core, run, appositive, known_name=name_index.knows_name(key), known_surname=name_index.knows_longer_name(key)
        )
        if kind == PERSON:
            return _named_person(name_index, base, core, run, appositive, party)
        base.info = SourceInfo(name=join_tokens(bare) or None, type=kind)
        base.plural = kind == GROUP
        if kind == GROUP:
            base.info.role, base.info.affiliation = role_and_affiliation(core[:head_index], [head])
        elif appositive and appositive_type(appositive) == kind:
            base.info.role, base.info.affiliation = describe_body(appositive)
        return base
    if head.tag_ in RELATIVE_TAGS and len(core) == 1:
        return _relative(base, head)
    return _plain(base, core, head_index, lexical)


@lru_cache(maxsize=1)
def _pronoun_words() -> frozenset[str]:
    """Every pronoun the lexicon knows, personal and relative."""
    lex = source_lexicon()
    return (
        frozenset().union(*(getattr(lex, k) for k in LIST_NAMES if k.startswith("pronouns_") and k != "pronouns_relative"))
        | lex.pronouns_relative
    )


def _pronoun(base: Mention, token: Token) -> Mention:
    """Set up a pronoun: type by class, name None until resolved."""
    lex = source_lexicon()
    word = token.text.lower()
    base.head = word
    if word in lex.pronouns_relative or token.tag_ in RELATIVE_TAGS:
        return _relative(base, token)
    base.kind = "pronoun"
    if word in lex.pronouns_singular_male:
        base.gender = "m"
    elif word in lex.pronouns_singular_female:
        base.gender = "f"
    base.info.type = pronoun_type(word)
    base.plural = word in lex.pronouns_plural or word in lex.pronouns_first_plural
    return base


def _relative(base: Mention, token: Token) -> Mention:
    """ "who"/"which"/"that": remember the noun phrase the relative clause hangs on."""
    base.kind = "relative"
    base.head = token.text.lower()
    base.info.type = relative_type(base.head)
    verb = token.head
    target = verb.head if verb.dep_ in ("relcl", "acl") and verb.head.i < token.i else None
    if target is None:
        # Fallback: the nearest noun before the pronoun, skipping a comma.
        i = token.i - 1
        while i >= 0 and token.doc[i].is_punct:
            i -= 1
        if i >= 0 and token.doc[i].pos_ in ("NOUN", "PROPN"):
            target = token.doc[i]
    if target is not None:
        base.antecedent = token.doc[target.left_edge.i : target.i + 1]
    return base


def _name_groups(name_index: NameIndex, core: list[Token]) -> list[list[Token]]:
    """Runs of person-name words in the core, for "Obama and Clinton"-style lists."""
    groups, current = [], []
    for index, token in enumerate(core):
        previous = core[index - 1] if index else None
        if is_name_token(token, previous) and (token.ent_type_ == "PERSON" or name_index.knows_name(name_key([token]))):
            current.append(token)
        else:
            if current:
                groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def _appositive_name(name_index: NameIndex, appositive) -> list[Token]:
    """The name in "Another critic, Laurence H. Tribe,": an appositive that is only a name."""
    tokens = strip_edges(list(appositive))
    if not tokens or len(tokens) > 6:
        return []
    for index, token in enumerate(tokens):
        if not is_name_token(token, tokens[index - 1] if index else None):
            return []
    if any(t.ent_type_ == "PERSON" for t in tokens) or name_index.knows_name(name_key(tokens[-1:])):
        return tokens
    return []


def _described_person(name_index, base: Mention, core, head_index, name_tokens, party) -> Mention:
    """ "An attorney for Pagliano, Mark MacDougall": the name is in the appositive."""
    head = core[head_index]
    base.kind = "named"
    name_tokens = clean_name_tokens(name_tokens) or name_tokens
    base.info = SourceInfo(name=join_tokens(name_tokens), type=PERSON)
    base.name_tokens = name_key(name_tokens)
    role, affiliation = role_and_affiliation(core[:head_index], [head])
    base.info.role = role
    base.info.affiliation = affiliation or prep_affiliation(core[head_index + 1 :]) or party
    base.gender = gender_from(name_tokens, [head])
    base.role_keys = role_keys(role, [])
    return base


def _named_person(name_index, base: Mention, core, run, appositive, party) -> Mention:
    """A named person: name from the run, role and affiliation from the rest.

    Affiliation prefers the words before the name, then "of West Virginia"
    after it, then an appositive's "at/of X" (membership), then a party tag.
    """
    run = strip_possessive(run)
    name_tokens = clean_name_tokens(run) or run
    base.kind = "named"
    base.info = SourceInfo(name=join_tokens(name_tokens), type=PERSON)
    base.name_tokens = name_key(name_tokens)
    before = [t for t in core[: core.index(run[0])] if t.text.lower() not in DETERMINERS and t.text != "."]
    role, affiliation, titles = person_prefix(before)
    affiliation = affiliation or prep_affiliation(core[core.index(run[-1]) + 1 :])
    if appositive:
        appositive_role, appositive_affiliation, membership = read_appositive(appositive)
        if role is None:
            role, affiliation = appositive_role, affiliation or appositive_affiliation
        elif membership:
            affiliation = affiliation or appositive_affiliation
    base.info.role = role
    base.info.affiliation = affiliation or party
    base.gender = gender_from(name_tokens, titles + before)
    base.role_keys = role_keys(role, titles)
    return base


def _coordinated_people(name_index, base: Mention, core, names) -> Mention:
    """ "Obama and Clinton": a named group of people, names joined with "and"."""
    canonical = []
    for group in names:
        tokens = clean_name_tokens(group) or group
        canonical.append(name_index.canonical(join_tokens(tokens), name_key(tokens)))
    base.kind = "named"
    base.plural = True
    first = core.index(names[0][0])
    before = [t for t in core[:first] if t.text.lower() not in DETERMINERS]
    role, affiliation, _ = person_prefix(before)
    base.info = SourceInfo(name=" and ".join(dict.fromkeys(canonical)), type=PERSON, role=role, affiliation=affiliation)
    return base


def _coordination(name_index: NameIndex, base: Mention, core: list[Token]) -> Mention | None:
    """ "Moscow and Kyiv", "Putin and Xi", "Israel and Hamas": one plural source of all the conjuncts.

    Each conjunct is read as a mention of its own; the source is named by
    their names joined with "and" and typed by :func:`coordination_type`. A
    conjunct that only defaulted to person (a bare name no entity, title or
    first name vouches for, like a "Kyiv" the NER missed) takes the type its
    other conjuncts agree on. Role and affiliation are kept only when every
    conjunct has the same. None when the mention is no coordination, or a
    conjunct is a pronoun or a description to resolve.
    """
    parts = coordinated_parts(core)
    if not parts:
        return None
    doc = core[0].doc
    conjuncts = [analyse_span(name_index, doc[part[0].i : part[-1].i + 1]) for part in parts]
    if any(c.kind not in ("named", "plain") or not c.info.name for c in conjuncts):
        return None
    evidenced = [c.info.type for c, part in zip(conjuncts, parts) if not _bare_person(name_index, c, part)]
    kind = coordination_type(evidenced or [c.info.type for c in conjuncts])
    names = [_conjunct_name(name_index, c) for c in conjuncts]
    base.kind = "named" if any(c.kind == "named" for c in conjuncts) else "plain"
    base.plural = True
    base.info = SourceInfo(
        name=f"{', '.join(names[:-1])} {_coordinator(core)} {names[-1]}",
        type=kind,
        role=_shared(c.info.role for c in conjuncts),
        affiliation=_shared(c.info.affiliation for c in conjuncts),
    )
    return base


def _bare_person(name_index: NameIndex, conjunct: Mention, part: list[Token]) -> bool:
    """A conjunct typed person only by default: no entity, title, role, gender or known name says so."""
    return (
        conjunct.info.type == PERSON
        and conjunct.kind == "named"
        and not any(t.ent_type_ for t in part)
        and conjunct.gender is None
        and not conjunct.info.role
        and not name_index.knows_name(conjunct.name_tokens)
    )


def _conjunct_name(name_index: NameIndex, conjunct: Mention) -> str:
    """A conjunct's name; a person's is the fullest name the document gives it ("Putin" -> "Vladimir Putin")."""
    name = conjunct.info.name or conjunct.text
    if conjunct.info.type == PERSON and conjunct.kind == "named" and conjunct.name_tokens:
        return name_index.canonical(name, conjunct.name_tokens, conjunct.gender)
    return name


def _coordinator(core: list[Token]) -> str:
    """The word that joins the last conjunct: "and", or "or" in "professors or supervisors"."""
    return next((t.text.lower() for t in reversed(core) if t.pos_ == "CCONJ"), "and")


def _shared(values) -> str | None:
    """The one value every conjunct has, else None."""
    found = set(values)
    return found.pop() if len(found) == 1 else None


def _plain(base: Mention, core: list[Token], head_index: int, lexical: str | None) -> Mention:
    """A mention without a person name: classify by lexicon and head noun."""
    head = core[head_index]
    word = head.text.lower()
    lemma = head.lemma_.lower()
    plural = head.tag_ in ("NNS", "NNPS")
    determiner = determiner_class(core[:head_index])
    modifiers = core[:head_index]
    name_tokens = strip_possessive(strip_determiners(strip_edges(core)))
    base.info.name = join_tokens(name_tokens) or None
    base.head = lemma
    base.plural = plural
    kind = lexical or noun_type(head, word, lemma, plural, determiner)
    base.info.type = kind
    if kind in PEOPLE_TYPES:
        base.info.role, base.info.affiliation = role_and_affiliation(modifiers, [head])
        base.gender = gender_from([], [head])
    elif kind == GOVERNMENT and modifiers and lexical is None and head.text.islower():
        base.info.affiliation = affiliation_from(modifiers)  # "Ukraine's defence ministry" -> "Ukraine"
    if kind in PEOPLE_TYPES and base.info.affiliation is None:
        base.info.affiliation = prep_affiliation(core[head_index + 1 :])
    owner = possessor(modifiers)
    definite = determiner == "the" or owner is not None and owner.pos_ == "PROPN"
    if kind == PERSON and definite and not in_lists(word, "anonymity_nouns"):
        base.kind = "description"
        base.info.name = base.text  # kept when the description does not resolve
        base.role_keys = frozenset({normal_role_word(lemma)})
        base.head = normal_role_word(lemma)
        base.loose = (
            owner is None
            and role_ends_phrase(core, head_index)
            and all(t.ent_type_ in ("GPE", "NORP", "LOC") or t.pos_ != "PROPN" for t in modifiers)
        )
    elif kind == PERSON:
        base.info.name = base.text
    return base
