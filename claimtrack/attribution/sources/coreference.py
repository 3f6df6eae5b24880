"""Coreference: pronouns, definite descriptions and relative pronouns take a name.

"he" takes the name of the nearest earlier compatible person, "they" a group
or body, "I" inside a quote the nearest source in the paragraph, "the
official" the nearest earlier person whose role shares its head word, and
"who" the noun phrase its clause hangs on. :class:`Coreference` keeps the
antecedent candidates of one document in text order: the sources already
read, then the entities and plural subjects that are not sources.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..spans import SourceInfo
from .lexicon import in_lists, source_lexicon
from .mentions import Mention, analyse_span
from .names import NameIndex, gender_fits, gender_of_name
from .naming import with_left_modifiers
from .tokens import SUBJECT_DEPS, sentence_starts
from .typing_rules import IT_TYPES, PERSON, THEY_TYPES

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

# How far back (in sentences) a pronoun looks for its antecedent, and how much
# each sentence of distance costs against salience (source 2, subject 1, other 0).
_PRONOUN_WINDOW = 4
_DISTANCE_COST = 1.5
# A definite description ("the senator") may refer further back, but only to a
# person whose role shares its head word; this bounds that look-back.
_DESCRIPTION_WINDOW = 60
# "I" in a quote looks at this many candidates on each side for the speaker.
_SPEAKER_REACH = 20


@dataclass
class Candidate:
    """Something a later pronoun or description may refer to."""

    start: int
    end: int
    sent: int
    para: int
    info: SourceInfo
    plural: bool
    gender: str | None
    salience: int  # 2 = a source span, 1 = a sentence subject, 0 = other
    role_keys: frozenset[str] = field(default_factory=frozenset)


class Coreference:
    """Antecedent candidates of one document, and the resolution of mentions against them."""

    def __init__(self, doc: Doc, names: NameIndex, *, text: str | None = None):
        self.doc = doc
        self.names = names
        self.sent_starts = sentence_starts(doc)
        self.text = doc.text if text is None else text  # Doc.text is rebuilt on every access: read it once
        self.para_starts = [0] + [m.end() for m in re.finditer(r"\n\s*\n", self.text)]
        self.profiles: dict[str, tuple[str | None, str | None]] = {}  # name -> role, aff
        self.candidates: list[Candidate] = []
        self.candidate_starts: list[int] = []
        self.sentences: list[Span] | None = None  # listed on first need

    def sent_of(self, char: int) -> int:
        """Index of the sentence containing character offset ``char``."""
        return max(0, bisect.bisect_right(self.sent_starts, char) - 1)

    def para_of(self, char: int) -> int:
        """Index of the blank-line paragraph containing ``char``."""
        return max(0, bisect.bisect_right(self.para_starts, char) - 1)

    def finish_direct(self, mention: Mention, salience: int | None = 2) -> None:
        """Canonicalise a named person, record its role, and make it an antecedent."""
        info = mention.info
        if mention.kind == "named" and info.type == PERSON and not mention.plural and mention.name_tokens:
            info.name = self.names.canonical(info.name or "", mention.name_tokens, mention.gender)
            mention.gender = mention.gender or gender_of_name(info.name)
            if info.role or info.affiliation:
                self.profiles.setdefault(info.name, (info.role, info.affiliation))
        if salience is not None:
            self._add_candidate(mention, salience=salience)

    def share_profile(self, mention: Mention) -> None:
        """ "Zelenskyy" takes the role and affiliation written at "Ukraine President Volodymyr Zelenskyy"."""
        info = mention.info
        if info.type == PERSON and info.name in self.profiles and not (info.role or info.affiliation):
            info.role, info.affiliation = self.profiles[info.name]

    def _add_candidate(self, mention: Mention, salience: int) -> None:
        """Insert a named mention into the position-sorted antecedent list."""
        if mention.info.name is None or mention.info.type is None:
            return
        candidate = self._as_candidate(mention, salience)
        index = bisect.bisect_right(self.candidate_starts, candidate.start)
        self.candidates.insert(index, candidate)
        self.candidate_starts.insert(index, candidate.start)

    def add_entity_candidates(self) -> None:
        """Entities that are not sources can still be antecedents (the seed's caption)."""
        # A character mask of source spans keeps the overlap test linear. Only
        # person sources hide their entity: "Photos published by ... Zelenskyy"
        # is a document whose PERSON entity is still someone "he" can be.
        taken = bytearray(len(self.text) + 1)
        for candidate in self.candidates:
            if candidate.info.type != PERSON:
                continue
            taken[candidate.start : candidate.end] = b"\x01" * (candidate.end - candidate.start)
        for ent in self.doc.ents:
            if ent.label_ not in ("PERSON", "ORG", "GPE", "NORP"):
                continue
            if any(taken[ent.start_char : ent.end_char]):
                continue
            if ent.label_ == "NORP" and ent.root.tag_ != "NNPS":
                continue  # only plural nationalities ("Ukrainians") can be "they"
            mention = analyse_span(self.names, with_left_modifiers(ent))
            if mention.kind not in ("named", "plain") or mention.info.name is None:
                continue
            mention.start, mention.end = ent.start_char, ent.end_char
            self.finish_direct(mention, salience=1 if ent.root.dep_ in SUBJECT_DEPS else 0)
        for chunk in plural_subject_chunks(self.doc):
            if taken[chunk.start_char]:
                continue
            mention = analyse_span(self.names, chunk)
            if mention.kind == "plain" and mention.info.name:
                mention.start, mention.end = chunk.start_char, chunk.end_char
                self._add_candidate(mention, salience=1)

    def resolve(self, mention: Mention) -> None:
        """Give a pronoun, description or relative pronoun its antecedent's name."""
        if mention.kind == "relative":
            self._resolve_relative(mention)
        elif mention.kind == "description":
            self._resolve_description(mention)
        else:
            self._resolve_pronoun(mention)
        if mention.info.name is not None:
            self._add_candidate(mention, salience=2)

    def _resolve_relative(self, mention: Mention) -> None:
        """ "who"/"which": take over the analysed noun phrase the clause modifies."""
        if mention.antecedent is None:
            return
        target = self._identify(mention.antecedent, mention)
        mention.info = replace(target.info)
        mention.plural, mention.gender = target.plural, target.gender

    def _identify(self, phrase: Span, mention: Mention) -> Mention:
        """The noun phrase ``phrase`` analysed and resolved as if it stood where ``mention`` does."""
        target = analyse_span(self.names, phrase)
        if target.kind in ("named", "plain"):
            self.finish_direct(target, salience=None)
            self.share_profile(target)
        elif target.kind == "description":
            target.start, target.end = mention.start, mention.end
            self._resolve_description(target)
        elif target.kind == "pronoun":
            target.start, target.end = mention.start, mention.end
            self._resolve_pronoun(target)
        return target

    def _addressee(self, mention: Mention) -> Mention | None:
        """ "“Did you see it?” the judge asked the clerk. “No,” she said.": the answer is the one asked.

        The pronoun's sentence must follow one where a question verb
        (``question_verbs``) puts a question (a "?" or a "whether"/"if"/wh-
        clause) to a noun-phrase object; that object, resolved as a mention of
        its own, is taken when it is a person or people the pronoun fits.
        """
        sentences = self._sentences()
        index = self.sent_of(mention.start)
        if not 0 < index < len(sentences):
            return None
        # The parser often cuts "“…?” the judge asked the clerk." after the question.
        question_before = index >= 2 and sentences[index - 2].text.rstrip(_CLOSING).endswith("?")
        asked = _person_asked(sentences[index - 1], question_before)
        if asked is None:
            return None
        target = self._identify(self.doc[asked.left_edge.i : asked.i + 1], mention)
        plural = in_lists(mention.head, "pronouns_plural")
        # One asked a question is someone: "the guard" answers, though "guard" may also name a body.
        person = target.info.type == PERSON or in_lists(target.head, "person_nouns")
        fits = target.plural if plural else person and not target.plural
        if not fits or not target.info.name or not gender_fits(mention.gender, target.gender):
            return None
        return target

    def _sentences(self) -> list[Span]:
        """The document's sentences, listed once (none without a parse)."""
        if self.sentences is None:
            parsed = self.doc.has_annotation("SENT_START") or self.doc.has_annotation("DEP")
            self.sentences = list(self.doc.sents) if parsed else []
        return self.sentences

    def _resolve_description(self, mention: Mention) -> None:
        """ "The senator": the nearest earlier person with that role, else a recent subject.

        Party words must not clash ("The Democratic nominee" is not the
        Republican one). The recent-subject fallback is only tried when the
        description adds nothing but a place or party ("The New York
        businessman"), never for "The FBI director".
        """
        parties = party_letters(mention.info)

        def compatible(candidate: Candidate) -> bool:
            theirs = party_letters(candidate.info)
            return (
                candidate.info.type == PERSON
                and not candidate.plural
                and gender_fits(mention.gender, candidate.gender)
                and not (parties and theirs and not parties & theirs)
                and not places_clash(mention.info.affiliation, candidate.info.affiliation)
            )

        found = self._search(
            mention.start,
            _DESCRIPTION_WINDOW,
            lambda c: compatible(c) and mention.head in c.role_keys,
            by_distance=True,
        )
        if found is None and mention.loose:
            # a recent subject, but never one named with another role ("the secretary" is not "President X")
            found = self._search(
                mention.start, 2, lambda c: compatible(c) and c.salience >= 1 and (not c.role_keys or mention.head in c.role_keys)
            )
        if found is not None:
            self._adopt(mention, found)

    def _resolve_pronoun(self, mention: Mention) -> None:
        """Pick the antecedent by pronoun class: person, group/organisation, or speaker."""
        word = mention.head
        lex = source_lexicon()
        if word in lex.pronouns_first_singular or word in lex.pronouns_first_plural:
            found = self._speaker(mention, plural=word in lex.pronouns_first_plural)
        elif word in lex.pronouns_plural:
            found = self._search(
                mention.start,
                _PRONOUN_WINDOW,
                lambda c: c.plural or c.info.type in THEY_TYPES,
            )
        elif word in lex.pronouns_neuter:
            found = self._search(
                mention.start,
                _PRONOUN_WINDOW,
                lambda c: not c.plural and c.info.type in IT_TYPES,
            )
        elif word in lex.pronouns_second:
            found = None  # the reader or an interviewer: nothing to resolve to
        else:
            found = self._search(
                mention.start,
                _PRONOUN_WINDOW,
                lambda c: c.info.type == PERSON and not c.plural and gender_fits(mention.gender, c.gender),
            )
        addressee = self._addressee(mention) if word not in lex.pronouns_neuter else None
        if addressee is not None:
            found = self._as_candidate(addressee)
        if found is not None:
            self._adopt(mention, found)

    def _as_candidate(self, mention: Mention, salience: int = 2) -> Candidate:
        """A mention as an antecedent candidate at its own place."""
        return Candidate(
            start=mention.start,
            end=mention.end,
            sent=self.sent_of(mention.start),
            para=self.para_of(mention.start),
            info=mention.info,
            plural=mention.plural,
            gender=mention.gender,
            salience=salience,
            role_keys=frozenset(mention.role_keys),
        )

    def _speaker(self, mention: Mention, plural: bool) -> Candidate | None:
        """ "I"/"we" inside a quote: the nearest named source in the same paragraph."""
        para = self.para_of(mention.start)
        best = None
        # Only nearby candidates: a document without blank lines is one paragraph.
        middle = bisect.bisect_left(self.candidate_starts, mention.start)
        for candidate in self.candidates[max(0, middle - _SPEAKER_REACH) : middle + _SPEAKER_REACH]:
            if candidate.para != para or candidate.salience < 2 or candidate.start == mention.start:
                continue
            if not plural and (candidate.info.type != PERSON or candidate.plural):
                continue
            distance = abs(candidate.start - mention.start)
            if best is None or distance < best[0]:
                best = (distance, candidate)
        if best is not None:
            return best[1]
        if plural:
            return None
        return self._search(mention.start, _PRONOUN_WINDOW, lambda c: c.info.type == PERSON and not c.plural)

    def _search(self, position: int, window: int, fits, by_distance: bool = False) -> Candidate | None:
        """Best earlier candidate within ``window`` sentences that ``fits``.

        Score = salience - distance cost per sentence, so the source or subject
        of the previous sentence beats a passing mention in this one; ties go
        to the nearer candidate. ``by_distance`` takes simply the nearest fit.
        """
        sent = self.sent_of(position)
        index = bisect.bisect_left(self.candidate_starts, position) - 1
        best = None
        while index >= 0:
            candidate = self.candidates[index]
            index -= 1
            if sent - candidate.sent > window:
                break
            if candidate.end > position or not fits(candidate):
                continue
            if by_distance:
                return candidate
            score = candidate.salience - _DISTANCE_COST * (sent - candidate.sent)
            if best is None or score > best[0]:
                best = (score, candidate)
        return best[1] if best else None

    def _adopt(self, mention: Mention, antecedent: Candidate) -> None:
        """Copy the antecedent's identity; keep the mention's own role if it has one."""
        source = antecedent.info
        info = mention.info
        info.name = source.name
        if mention.kind == "pronoun" or info.type is None or info.type == PERSON:
            info.type = source.type
        if mention.kind == "pronoun" and in_lists(mention.head, "pronouns_singular_male", "pronouns_singular_female"):
            info.type = PERSON
        info.role = info.role or source.role
        info.affiliation = info.affiliation or source.affiliation
        mention.plural = antecedent.plural
        mention.gender = mention.gender or antecedent.gender
        mention.role_keys = mention.role_keys | antecedent.role_keys


_QUESTION_MARKS = frozenset({"whether", "if"})
_CLOSING = " \n”\"’'»"


def _person_asked(sentence: Span, question_before: bool) -> Token | None:
    """The noun phrase a question is put to in ``sentence`` ("the judge asked the clerk"), if any.

    Asking someone to do something ("asked the clerk to leave") puts no
    question, so the sentence (or, ``question_before``, the one before it)
    must hold a "?", or the sentence a "whether"/"if"/wh- clause.
    """
    asks_question = (
        question_before
        or "?" in sentence.text
        or any(
            t.lower_ in _QUESTION_MARKS and t.dep_ == "mark" or t.tag_ in ("WP", "WRB", "WDT") and t.dep_ != "nsubj"
            for t in sentence
        )
    )
    if not asks_question:
        return None
    for token in sentence:
        if token.pos_ == "VERB" and in_lists(token.lemma_, "question_verbs"):
            asked = next((c for c in token.children if c.dep_ in ("dobj", "dative") and c.pos_ in ("NOUN", "PROPN")), None)
            if asked is not None:
                return asked
    return None


def plural_subject_chunks(doc: Doc) -> Iterator[Span]:
    """Plural noun-phrase subjects ("critics", "the protesters"): antecedents for "they"."""
    if not doc.has_annotation("DEP"):
        return
    for chunk in doc.noun_chunks:
        root = chunk.root
        plural_subject = root.tag_ in ("NNS", "NNPS") and root.dep_ in SUBJECT_DEPS
        if plural_subject and (
            root.ent_type_ == "NORP" or in_lists(root.text, "group_nouns") or in_lists(root.lemma_, "person_nouns")
        ):
            yield chunk


_PARTY_WORDS = {"republican": "R", "republicans": "R", "gop": "R", "democratic": "D", "democrat": "D", "democrats": "D"}


def party_letters(info: SourceInfo) -> set[str]:
    """Party letters named in a role or affiliation, for description matching."""
    words = f"{info.role or ''} {info.affiliation or ''}".lower().replace("-", " ").split()
    found = {_PARTY_WORDS[w] for w in words if w in _PARTY_WORDS}
    found |= {w.upper() for w in words if w in ("r", "d")}  # "R-Texas"
    return found


def places_clash(ours: str | None, theirs: str | None) -> bool:
    """ "Britain's defence secretary" is not NATO's secretary-general: affiliations that share no word stem."""
    if not ours or not theirs:
        return False
    stems = {w[:4].lower() for w in re.findall(r"\w+", theirs) if len(w) > 2}
    return not any(w[:4].lower() in stems for w in re.findall(r"\w+", ours) if len(w) > 2)
