"""Person names in one document: surnames resolve to the fullest name seen.

"Zelenskyy" and "President Zelenskyy" name "Volodymyr Zelenskyy" when the
document spells that out somewhere (a caption counts). :class:`NameIndex`
holds every PERSON entity's cleaned name and the named sources the NER
missed, with what "Mr."/"Mrs." and first names say about gender.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ...namefold import surname_key, without_suffix
from .lexicon import source_lexicon
from .naming import clean_name_tokens
from .tokens import join_tokens, name_key
from .typing_rules import PERSON

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

    from .mentions import Mention


class NameIndex:
    """Full PERSON names of a document, indexed by their last word."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.full_names: dict[str, list[tuple[str, ...]]] = {}  # last token -> names
        self.name_stats: dict[tuple[str, ...], list] = {}  # name -> [surface, count, first]
        self.key_gender: dict[str, str] = {}  # surname -> gender from "Mr."/"Mrs." mentions
        self._index_person_entities()

    def _index_person_entities(self) -> None:
        """Record every PERSON entity's cleaned name, so surnames can be expanded."""
        for ent in self.doc.ents:
            if ent.label_ == "PERSON":
                tokens = clean_name_tokens(list(ent))
                if tokens:
                    self._add_name(tokens, ent.start_char)
                    previous = [self.doc[ent.start - 1]] if ent.start else []
                    gender = gender_from([], previous + list(ent)[:1])
                    if gender:
                        self.key_gender.setdefault(name_key(tokens)[-1], gender)

    def _add_name(self, tokens: list[Token], position: int) -> None:
        """Count one occurrence of a cleaned PERSON name; index it by its last word."""
        surface = join_tokens(tokens)
        key = name_key(tokens)
        stats = self.name_stats.get(key)
        if stats is None:
            self.name_stats[key] = [surface, 1, position]
            self.full_names.setdefault(surname_key(key), []).append(key)
        else:
            stats[1] += 1

    def register_names(self, mentions: Iterable[Mention]) -> None:
        """Add multi-word names of named sources the NER did not tag PERSON."""
        for mention in mentions:
            if mention.kind == "named" and mention.gender and mention.name_tokens:
                self.key_gender.setdefault(mention.name_tokens[-1], mention.gender)
            if mention.kind == "named" and mention.info.type == PERSON and len(mention.name_tokens) > 1:
                key = mention.name_tokens
                if key not in self.name_stats:
                    self.name_stats[key] = [mention.info.name, 1, mention.start]
                    self.full_names.setdefault(surname_key(key), []).append(key)

    def canonical(self, surface: str, key: tuple[str, ...], gender: str | None = None) -> str:
        """The longest known full name that ends with ``key`` (else ``surface``).

        A two-word key also matches a longer name with the same first and last
        word. Names whose first name contradicts the mention's gender ("Mr.
        Obama" is not "Michelle Obama") are skipped. Names seen once whose first
        word is no known first name ("Crooked Hillary Clinton", a headline's
        "Rip Donald Trump") rank below plausible ones; then longest, most
        frequent, earliest.
        """
        if not key:
            return surface
        if gender is None and len(key) == 1:
            gender = self.key_gender.get(key[0])
        best = None
        for name in self._full_names_ending(key):
            surface_name, count, first = self.name_stats[name]
            if not gender_fits(gender, gender_of_name(surface_name)):
                continue
            plausible = count > 1 or gender_of_name(surface_name) is not None
            if len(key) > 1 and not plausible:
                continue  # "Hillary Clinton" is already a full name
            rank = (plausible, len(name), count, -first)
            if best is None or rank > best[0]:
                best = (rank, name)
        return self.name_stats[best[1]][0] if best else surface

    def _full_names_ending(self, key: tuple[str, ...]) -> list[tuple[str, ...]]:
        """The known names longer than ``key`` that it may stand for.

        A name ends with the key, or shares a two-word key's first and last
        word. A name with a generational suffix ("Joseph R. Biden Jr.") is
        reached from its bare surname only when it is the one full name with
        that surname: beside "Donald Trump", "Trump" is not "Donald Trump Jr.".
        """
        names = self.full_names.get(surname_key(key), [])
        full = [name for name in names if len(name) > 1]
        found = []
        for name in names:
            if len(name) <= len(key):
                continue
            bare = without_suffix(name)
            if bare != name:
                if bare[-len(key) :] == key and len(full) == 1:
                    found.append(name)
            elif name[-len(key) :] == key or len(key) > 1 and name[0] == key[0]:
                found.append(name)
        return found

    def knows_longer_name(self, key: tuple[str, ...]) -> bool:
        """True when ``key`` ends a longer PERSON name of the document ("Jordan" of "Jim Jordan")."""
        return any(len(name) > len(key) for name in self._full_names_ending(key))

    def knows_name(self, key: tuple[str, ...]) -> bool:
        """True when ``key`` is (the end of) a PERSON name seen in the document."""
        return any(
            name[-len(key) :] == key or without_suffix(name)[-len(key) :] == key
            for name in self.full_names.get(surname_key(key), ())
            if len(name) >= len(key)
        )


def gender_from(name_tokens: Sequence[Token], context_tokens: Sequence[Token]) -> str | None:
    """ "m"/"f" from titles, gendered role words or a common first name; else None."""
    lex = source_lexicon()
    for token in context_tokens:
        low = token.text.lower()
        if low in lex.female_words:
            return "f"
        if low in lex.male_words:
            return "m"
    if len(name_tokens) > 1:
        first = name_tokens[0].text.lower()
        if first in lex.female_first_names:
            return "f"
        if first in lex.male_first_names:
            return "m"
    return None


def gender_of_name(name: str | None) -> str | None:
    """Gender from the first word of a full name ("Hillary Clinton" -> "f")."""
    words = (name or "").split()
    if not words:
        return None
    lex = source_lexicon()
    first = words[0].lower()
    return "f" if first in lex.female_first_names else "m" if first in lex.male_first_names else None


def gender_fits(wanted: str | None, known: str | None) -> bool:
    """Unknown on either side fits; otherwise genders must agree."""
    return wanted is None or known is None or wanted == known
