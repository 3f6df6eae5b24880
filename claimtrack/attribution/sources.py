"""Normalise source mentions: who the source is, its type, role and affiliation.

The attribution finder hands over character spans of source mentions ("he",
"Ukrainian army spokesman Lieutenant Colonel Yaroslav Chepurnyi", "senior US
officials"). :func:`normalise_sources` turns each into a :class:`SourceInfo`:

* ``name`` is canonical across the document: titles, roles and affiliations are
  stripped, a surname resolves to the longest full PERSON name in the document
  that ends with it, and pronouns or "the spokesman"-style descriptions take the
  name of the nearest preceding compatible person (or group, for "they"/"it").
* ``type`` is one of the :class:`claimtrack.models.SourceType` values, chosen
  from spaCy's NER label and head noun checked against small curated word lists
  (``source_lexicon.json``).
* ``role`` and ``affiliation`` come from the words around the name: pre-name
  modifiers ("Ukrainian army spokesman"), appositives (", a doctor at St
  Mary's,"), possessives ("the White House's press secretary") and party tags
  ("(R-Texas)").

Everything is rule-based over the Doc's tags, parse and entities, so it costs
one pass over the document plus a bounded look-back per pronoun.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Callable, Optional, Sequence

from .spans import SourceInfo

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

PERSON = "person"
ORGANISATION = "organisation"
GOVERNMENT = "government"
MEDIA = "media"
DOCUMENT = "document"
GROUP = "anonymous group"

# How far back (in sentences) a pronoun looks for its antecedent, and how much
# each sentence of distance costs against salience (source 2, subject 1, other 0).
_PRONOUN_WINDOW = 4
_DISTANCE_COST = 1.5
# A definite description ("the senator") may refer further back, but only to a
# person whose role shares its head word; this bounds that look-back.
_DESCRIPTION_WINDOW = 60
# "I" in a quote looks at this many candidates on each side for the speaker.
_SPEAKER_REACH = 20

_PARTY_TAG = re.compile(r"^[RDI](?:-[A-Z][A-Za-z.]*(?:[ .]?[A-Z][A-Za-z.]*)*)?$")
_POSSESSIVE = {"'s", "’s", "'", "’"}
_DETERMINERS = {"the", "a", "an"}
_RELATIVE_TAGS = {"WDT", "WP", "WP$"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_AFFILIATION_ENTS = {"NORP", "GPE", "ORG", "PERSON", "LOC", "FAC"}
_COORDINATORS = {"and", "&", "or"}


# --------------------------------------------------------------------------- lexicon


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, frozenset[str]]:
    """The curated word lists, loaded on first use so importing stays free."""
    text = resources.files(__package__).joinpath("source_lexicon.json").read_text("utf-8")
    return {key: frozenset(words) for key, words in json.loads(text).items() if isinstance(words, list)}


def _in(word: str, *lists: str) -> bool:
    """True when ``word`` (case-folded) is in any of the named lexicon lists."""
    lex = _lexicon()
    low = word.lower()
    return any(low in lex[name] for name in lists)


def _is_title(token: "Token") -> bool:
    """Honorifics, ranks and offices that may stand directly before a name."""
    return _in(token.text, "honorifics", "ranks", "offices")


# --------------------------------------------------------------------------- data


@dataclass
class _Mention:
    """One analysed source mention before cross-mention resolution."""

    info: SourceInfo
    kind: str  # "empty", "named", "plain", "pronoun", "description", "relative"
    start: int = 0
    end: int = 0
    text: str = ""
    plural: bool = False
    gender: Optional[str] = None
    head: str = ""  # lower-cased head word, for description/pronoun matching
    role_keys: frozenset[str] = frozenset()
    name_tokens: tuple[str, ...] = ()
    antecedent: Optional["Span"] = None  # relative pronouns: the noun they modify
    loose: bool = False  # a description that may fall back to a recent subject


@dataclass
class _Candidate:
    """Something a later pronoun or description may refer to."""

    start: int
    end: int
    sent: int
    para: int
    info: SourceInfo
    plural: bool
    gender: Optional[str]
    salience: int  # 2 = a source span, 1 = a sentence subject, 0 = other
    role_keys: frozenset[str] = field(default_factory=frozenset)


# --------------------------------------------------------------------------- public


def normalise_sources(doc: "Doc", spans: Sequence[Optional[tuple[int, int]]]) -> list[Optional[SourceInfo]]:
    """Return one :class:`SourceInfo` per source span (None for None), in order.

    Named and plain mentions are analysed first, so pronouns and definite
    descriptions (resolved second, in document order) can point at any source
    before them, at PERSON entities anywhere before them, and at pronouns
    already resolved. Never raises: a span that cannot be read gives an empty
    SourceInfo.
    """
    context = _safe(lambda: _DocContext(doc), lambda: None)
    if context is None:  # a Doc without the annotations the rules read
        return [None if span is None else SourceInfo() for span in spans]
    mentions: list[Optional[_Mention]] = []
    for span in spans:
        mentions.append(None if span is None else _safe(lambda s=span: context.analyse(s), _empty))
    direct = [m for m in mentions if m is not None and m.kind in ("named", "plain")]
    context.register_names(direct)
    for mention in direct:
        _safe(lambda m=mention: context.finish_direct(m), lambda: None)
    _safe(context.add_entity_candidates, lambda: None)
    for mention in direct:
        _safe(lambda m=mention: context.share_profile(m), lambda: None)
    for mention in sorted((m for m in mentions if m is not None), key=lambda m: m.start):
        if mention.kind in ("pronoun", "description", "relative"):
            _safe(lambda m=mention: context.resolve(m), lambda: None)
    return [None if m is None else m.info for m in mentions]


def _safe(step: Callable, fallback: Callable):
    """Run one normalisation step, falling back instead of raising.

    Normalisation is best effort: an unforeseen tag or parse in one mention
    must not cost the caller the whole document's claims.
    """
    try:
        return step()
    except Exception:  # noqa: BLE001 - see docstring
        return fallback()


def _empty() -> _Mention:
    """The analysis of a span with no words: every field None."""
    return _Mention(info=SourceInfo(), kind="empty")


# --------------------------------------------------------------------------- context


class _DocContext:
    """Per-document indexes: sentences, paragraphs, full names and antecedents."""

    def __init__(self, doc: "Doc"):
        self.doc = doc
        self.sent_starts = _sentence_starts(doc)
        self.text = doc.text  # Doc.text is rebuilt on every access: read it once
        self.para_starts = [0] + [m.end() for m in re.finditer(r"\n\s*\n", self.text)]
        self.full_names: dict[str, list[tuple[str, ...]]] = {}  # last token -> names
        self.name_stats: dict[tuple[str, ...], list] = {}  # name -> [surface, count, first]
        self.key_gender: dict[str, str] = {}  # surname -> gender from "Mr."/"Mrs." mentions
        self.profiles: dict[str, tuple[Optional[str], Optional[str]]] = {}  # name -> role, aff
        self.candidates: list[_Candidate] = []
        self.candidate_starts: list[int] = []
        self._index_person_entities()

    # ---- positions

    def sent_of(self, char: int) -> int:
        """Index of the sentence containing character offset ``char``."""
        return max(0, bisect.bisect_right(self.sent_starts, char) - 1)

    def para_of(self, char: int) -> int:
        """Index of the blank-line paragraph containing ``char``."""
        return max(0, bisect.bisect_right(self.para_starts, char) - 1)

    # ---- names

    def _index_person_entities(self) -> None:
        """Record every PERSON entity's cleaned name, so surnames can be expanded."""
        for ent in self.doc.ents:
            if ent.label_ == "PERSON":
                tokens = _clean_name_tokens(list(ent))
                if tokens:
                    self._add_name(tokens, ent.start_char)
                    previous = [self.doc[ent.start - 1]] if ent.start else []
                    gender = _gender([], previous + list(ent)[:1])
                    if gender:
                        self.key_gender.setdefault(_key(tokens)[-1], gender)

    def _add_name(self, tokens: list["Token"], position: int) -> None:
        """Count one occurrence of a cleaned PERSON name; index it by its last word."""
        surface = _join(tokens)
        key = _key(tokens)
        stats = self.name_stats.get(key)
        if stats is None:
            self.name_stats[key] = [surface, 1, position]
            self.full_names.setdefault(key[-1], []).append(key)
        else:
            stats[1] += 1

    def register_names(self, mentions) -> None:
        """Add multi-word names of named sources the NER did not tag PERSON."""
        for mention in mentions:
            if mention.kind == "named" and mention.gender and mention.name_tokens:
                self.key_gender.setdefault(mention.name_tokens[-1], mention.gender)
            if mention.kind == "named" and mention.info.type == PERSON and len(mention.name_tokens) > 1:
                key = mention.name_tokens
                if key not in self.name_stats:
                    self.name_stats[key] = [mention.info.name, 1, mention.start]
                    self.full_names.setdefault(key[-1], []).append(key)

    def canonical(self, surface: str, key: tuple[str, ...], gender: Optional[str] = None) -> str:
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
        for name in self.full_names.get(key[-1], ()):
            if len(name) <= len(key):
                continue
            fits = name[-len(key):] == key or (len(key) > 1 and name[0] == key[0])
            if not fits:
                continue
            surface_name, count, first = self.name_stats[name]
            if not _gender_fits(gender, _gender_of_name(surface_name)):
                continue
            plausible = count > 1 or _gender_of_name(surface_name) is not None
            if len(key) > 1 and not plausible:
                continue  # "Hillary Clinton" is already a full name
            rank = (plausible, len(name), count, -first)
            if best is None or rank > best[0]:
                best = (rank, name)
        return self.name_stats[best[1]][0] if best else surface

    def knows_name(self, key: tuple[str, ...]) -> bool:
        """True when ``key`` is (the end of) a PERSON name seen in the document."""
        return any(name[-len(key):] == key for name in self.full_names.get(key[-1], ()) if len(name) >= len(key))

    # ---- analysis

    def analyse(self, char_span: tuple[int, int]) -> _Mention:
        """Analyse one span on its own: kind, type, raw name, role, affiliation."""
        span = _char_span(self.doc, self.text, char_span)
        if span is None:
            return _empty()
        return _analyse_span(self, span)

    def finish_direct(self, mention: _Mention, salience: Optional[int] = 2) -> None:
        """Canonicalise a named person, record its role, and make it an antecedent."""
        info = mention.info
        if mention.kind == "named" and info.type == PERSON and not mention.plural and mention.name_tokens:
            info.name = self.canonical(info.name or "", mention.name_tokens, mention.gender)
            mention.gender = mention.gender or _gender_of_name(info.name)
            if info.role or info.affiliation:
                self.profiles.setdefault(info.name, (info.role, info.affiliation))
        if salience is not None:
            self._add_candidate(mention, salience=salience)

    def share_profile(self, mention: _Mention) -> None:
        """"Zelenskyy" takes the role and affiliation written at "Ukraine President Volodymyr Zelenskyy"."""
        info = mention.info
        if info.type == PERSON and info.name in self.profiles and not (info.role or info.affiliation):
            info.role, info.affiliation = self.profiles[info.name]

    def _add_candidate(self, mention: _Mention, salience: int) -> None:
        """Insert a named mention into the position-sorted antecedent list."""
        if mention.info.name is None or mention.info.type is None:
            return
        keys = set(mention.role_keys)
        candidate = _Candidate(
            start=mention.start,
            end=mention.end,
            sent=self.sent_of(mention.start),
            para=self.para_of(mention.start),
            info=mention.info,
            plural=mention.plural,
            gender=mention.gender,
            salience=salience,
            role_keys=frozenset(keys),
        )
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
            mention = _analyse_span(self, _with_left_modifiers(ent))
            if mention.kind not in ("named", "plain") or mention.info.name is None:
                continue
            mention.start, mention.end = ent.start_char, ent.end_char
            self.finish_direct(mention, salience=1 if ent.root.dep_ in _SUBJECT_DEPS else 0)
        for chunk in _plural_subject_chunks(self.doc):
            if taken[chunk.start_char]:
                continue
            mention = _analyse_span(self, chunk)
            if mention.kind == "plain" and mention.info.name:
                mention.start, mention.end = chunk.start_char, chunk.end_char
                self._add_candidate(mention, salience=1)

    # ---- resolution

    def resolve(self, mention: _Mention) -> None:
        """Give a pronoun, description or relative pronoun its antecedent's name."""
        if mention.kind == "relative":
            self._resolve_relative(mention)
        elif mention.kind == "description":
            self._resolve_description(mention)
        else:
            self._resolve_pronoun(mention)
        if mention.info.name is not None:
            self._add_candidate(mention, salience=2)

    def _resolve_relative(self, mention: _Mention) -> None:
        """"who"/"which": take over the analysed noun phrase the clause modifies."""
        if mention.antecedent is None:
            return
        target = _analyse_span(self, mention.antecedent)
        if target.kind in ("named", "plain"):
            self.finish_direct(target, salience=None)
            self.share_profile(target)
        elif target.kind == "description":
            target.start, target.end = mention.start, mention.end
            self._resolve_description(target)
        elif target.kind == "pronoun":
            target.start, target.end = mention.start, mention.end
            self._resolve_pronoun(target)
        mention.info = replace(target.info)
        mention.plural, mention.gender = target.plural, target.gender

    def _resolve_description(self, mention: _Mention) -> None:
        """"The senator": the nearest earlier person with that role, else a recent subject.

        Party words must not clash ("The Democratic nominee" is not the
        Republican one). The recent-subject fallback is only tried when the
        description adds nothing but a place or party ("The New York
        businessman"), never for "The FBI director".
        """
        parties = _parties(mention.info)

        def compatible(candidate: _Candidate) -> bool:
            theirs = _parties(candidate.info)
            return (
                candidate.info.type == PERSON
                and not candidate.plural
                and _gender_fits(mention.gender, candidate.gender)
                and not (parties and theirs and not parties & theirs)
                and not _places_clash(mention.info.affiliation, candidate.info.affiliation)
            )

        found = self._search(
            mention.start,
            _DESCRIPTION_WINDOW,
            lambda c: compatible(c) and mention.head in c.role_keys,
            by_distance=True,
        )
        if found is None and mention.loose:
            found = self._search(mention.start, 2, lambda c: compatible(c) and c.salience >= 1)
        if found is not None:
            self._adopt(mention, found)

    def _resolve_pronoun(self, mention: _Mention) -> None:
        """Pick the antecedent by pronoun class: person, group/organisation, or speaker."""
        word = mention.head
        lex = _lexicon()
        if word in lex["pronouns_first_singular"] or word in lex["pronouns_first_plural"]:
            found = self._speaker(mention, plural=word in lex["pronouns_first_plural"])
        elif word in lex["pronouns_plural"]:
            found = self._search(
                mention.start,
                _PRONOUN_WINDOW,
                lambda c: c.plural or c.info.type in (GROUP, ORGANISATION, GOVERNMENT, MEDIA),
            )
        elif word in lex["pronouns_neuter"]:
            found = self._search(
                mention.start,
                _PRONOUN_WINDOW,
                lambda c: not c.plural and c.info.type in (ORGANISATION, GOVERNMENT, MEDIA, DOCUMENT),
            )
        elif word in lex["pronouns_second"]:
            found = None  # the reader or an interviewer: nothing to resolve to
        else:
            found = self._search(
                mention.start,
                _PRONOUN_WINDOW,
                lambda c: c.info.type == PERSON and not c.plural and _gender_fits(mention.gender, c.gender),
            )
        if found is not None:
            self._adopt(mention, found)

    def _speaker(self, mention: _Mention, plural: bool) -> Optional[_Candidate]:
        """"I"/"we" inside a quote: the nearest named source in the same paragraph."""
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

    def _search(self, position: int, window: int, fits, by_distance: bool = False) -> Optional[_Candidate]:
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

    def _adopt(self, mention: _Mention, antecedent: _Candidate) -> None:
        """Copy the antecedent's identity; keep the mention's own role if it has one."""
        source = antecedent.info
        info = mention.info
        info.name = source.name
        if mention.kind == "pronoun" or info.type is None or info.type == PERSON:
            info.type = source.type
        if mention.kind == "pronoun" and mention.head in _lexicon()["pronouns_singular_male"] | _lexicon()["pronouns_singular_female"]:
            info.type = PERSON
        info.role = info.role or source.role
        info.affiliation = info.affiliation or source.affiliation
        mention.plural = antecedent.plural
        mention.gender = mention.gender or antecedent.gender
        mention.role_keys = mention.role_keys | antecedent.role_keys


# --------------------------------------------------------------------------- span helpers


def _sentence_starts(doc: "Doc") -> list[int]:
    """Character offsets where sentences start ([0] when the Doc has no sentences)."""
    if not (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        return [0]
    return [sent.start_char for sent in doc.sents] or [0]


def _char_span(doc: "Doc", text: str, char_span) -> Optional["Span"]:
    """The token span covering ``char_span``, clamped to the text; None if empty."""
    try:
        start, end = int(char_span[0]), int(char_span[1])
    except (TypeError, ValueError, IndexError):
        return None
    start, end = max(0, start), min(len(text), end)
    if start >= end or not text[start:end].strip():
        return None
    return doc.char_span(start, end, alignment_mode="expand")


def _key(tokens: Sequence["Token"]) -> tuple[str, ...]:
    """A case- and apostrophe-insensitive name key ("O’Neill" == "O'Neill")."""
    return tuple(t.text.lower().replace("’", "'") for t in tokens)


def _join(tokens: Sequence["Token"]) -> str:
    """Tokens back to text with their original spacing."""
    if not tokens:
        return ""
    return tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text


def _strip_edges(tokens: list["Token"]) -> list["Token"]:
    """Drop whitespace and punctuation at both ends (quotes, commas, dashes)."""
    start, end = 0, len(tokens)
    while start < end and (tokens[start].is_space or tokens[start].is_punct):
        start += 1
    while end > start and (tokens[end - 1].is_space or tokens[end - 1].is_punct):
        end -= 1
    return tokens[start:end]


def _strip_possessive(tokens: list["Token"]) -> list["Token"]:
    """"Trump's" -> "Trump": a possessive source is the owner."""
    while tokens and (tokens[-1].text in _POSSESSIVE or tokens[-1].tag_ == "POS"):
        tokens = tokens[:-1]
    return tokens


def _strip_determiners(tokens: list["Token"]) -> list["Token"]:
    """Drop a leading "the"/"a"/"an" only: other determiners carry meaning."""
    while tokens and tokens[0].text.lower() in _DETERMINERS:
        tokens = tokens[1:]
    return tokens


def _remove_parentheticals(tokens: list["Token"]) -> tuple[list["Token"], list[str]]:
    """Take "(R-Texas)"-style asides out of the mention; return them separately."""
    kept: list["Token"] = []
    asides: list[str] = []
    current: list["Token"] = []
    depth = 0
    for token in tokens:
        if token.text == "(":
            depth += 1
            current = []
        elif token.text == ")" and depth:
            depth -= 1
            asides.append(_join(current) if current else "")
        elif depth:
            current.append(token)
        else:
            kept.append(token)
    if depth and current:
        asides.append(_join(current))
    return kept, [a for a in asides if a]


def _with_left_modifiers(ent: "Span") -> "Span":
    """An entity plus the titles and modifiers to its left in the same phrase."""
    doc = ent.doc
    start = ent.start
    while start > 0:
        token = doc[start - 1]
        if token.is_punct or token.is_space or not start <= token.head.i < ent.end:
            break
        if token.dep_ not in ("compound", "amod", "nmod", "poss", "case", "det") and not _is_title(token):
            break
        start -= 1
    return doc[start : ent.end]


def _plural_subject_chunks(doc: "Doc"):
    """Plural noun-phrase subjects ("critics", "the protesters"): antecedents for "they"."""
    if not doc.has_annotation("DEP"):
        return
    for chunk in doc.noun_chunks:
        root = chunk.root
        if root.tag_ in ("NNS", "NNPS") and root.dep_ in _SUBJECT_DEPS:
            if root.ent_type_ == "NORP" or _in(root.text, "group_nouns") or _in(root.lemma_, "person_nouns"):
                yield chunk


def _clean_name_tokens(tokens: list["Token"]) -> list["Token"]:
    """A PERSON name without titles, determiners, possessive or lower-case words."""
    tokens = _strip_possessive(_strip_edges(tokens))
    last_title = -1
    for i, token in enumerate(tokens[:-1]):  # "Mr. King": the last word is the name
        if _is_title(token) or token.text.lower() in _DETERMINERS:
            last_title = i
    tokens = tokens[last_title + 1 :]
    tokens = [t for t in tokens if not t.is_punct or t.text in (".", "-")]
    tokens = [
        t
        for i, t in enumerate(tokens)
        if t.text[:1].isupper()
        or t.text[:1].isdigit()
        or _in(t.text, "name_particles")
        or i and tokens[i - 1].tag_ == "HYPH" and not tokens[i - 1].whitespace_  # "Ki-moon"
    ]
    return _strip_edges(tokens)


# --------------------------------------------------------------------------- analysis


def _analyse_span(context: _DocContext, span: "Span") -> _Mention:
    """Classify a mention span and read its name, role and affiliation."""
    tokens, asides = _remove_parentheticals([t for t in span if not t.is_space])
    tokens = _strip_edges(tokens)
    if not tokens:
        return _empty()
    base = _Mention(info=SourceInfo(), kind="plain", start=span.start_char, end=span.end_char, text=span.text.strip())
    first = tokens[0].text.lower()
    if len(tokens) <= 2 and first in _pronoun_words() and all(t.text in _POSSESSIVE or t is tokens[0] for t in tokens):
        return _pronoun(base, tokens[0])
    tokens, inline_parties = _remove_party_tags(tokens)
    core, appositive = _split_appositive(tokens)
    party = next((a for a in asides if _PARTY_TAG.match(a.strip())), None) or next(iter(inline_parties), None)
    head_index = _head_index(core)
    head = core[head_index]
    names = _name_groups(context, core)
    if len(names) > 1 and any(t.text.lower() in _COORDINATORS for t in core) and any(head in g for g in names):
        return _coordinated_people(context, base, core, names)
    run = _name_run(core, head_index)
    bare = _strip_possessive(_strip_determiners(core))
    bare_text = _join(bare).lower()
    lexical = _lexical_type(bare_text)
    named_appositive = _appositive_name(context, appositive) if appositive and not run else []
    if named_appositive and (_in(head.lemma_, "person_nouns") or _in(head.text, "person_nouns")):
        return _described_person(context, base, core, head_index, named_appositive, party)
    if lexical is None and _is_titled_body(core, head_index):
        lexical = GOVERNMENT  # "the General Staff": a rank word naming a body, not a person
    if run and lexical is None:
        kind = _proper_type(context, core, run, appositive)
        if kind == PERSON:
            return _named_person(context, base, core, run, appositive, party)
        base.info = SourceInfo(name=_join(bare) or None, type=kind)
        base.plural = kind == GROUP
        if kind == GROUP:
            base.info.role, base.info.affiliation = _role_and_affiliation(core[:head_index], [head])
        return base
    if head.tag_ in _RELATIVE_TAGS and len(core) == 1:
        return _relative(base, head)
    return _plain(base, core, head_index, lexical)


@lru_cache(maxsize=1)
def _pronoun_words() -> frozenset[str]:
    """Every pronoun the lexicon knows, personal and relative."""
    lex = _lexicon()
    return frozenset().union(
        *(lex[k] for k in lex if k.startswith("pronouns_") and k != "pronouns_relative")
    ) | lex["pronouns_relative"]


def _pronoun(base: _Mention, token: "Token") -> _Mention:
    """Set up a pronoun: type by class, name None until resolved."""
    lex = _lexicon()
    word = token.text.lower()
    base.head = word
    if word in lex["pronouns_relative"] or token.tag_ in _RELATIVE_TAGS:
        return _relative(base, token)
    base.kind = "pronoun"
    if word in lex["pronouns_singular_male"]:
        base.gender = "m"
    elif word in lex["pronouns_singular_female"]:
        base.gender = "f"
    if word in lex["pronouns_plural"] or word in lex["pronouns_first_plural"]:
        base.info.type, base.plural = GROUP, True
    elif word in lex["pronouns_neuter"]:
        base.info.type = ORGANISATION
    else:
        base.info.type = PERSON
    return base


def _relative(base: _Mention, token: "Token") -> _Mention:
    """"who"/"which"/"that": remember the noun phrase the relative clause hangs on."""
    base.kind = "relative"
    base.head = token.text.lower()
    base.info.type = PERSON if base.head in ("who", "whom", "whose") else ORGANISATION
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


def _remove_party_tags(tokens: list["Token"]) -> tuple[list["Token"], list[str]]:
    """Take ", R-Wis.," party tags out of the token list; return them separately."""
    kept: list["Token"] = []
    tags: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        is_tag = (
            token.text in ("R", "D", "I")
            and i + 2 < len(tokens)
            and tokens[i + 1].text == "-"
            and kept
            and kept[-1].text == ","
        )
        if is_tag:
            end = i + 3
            if end < len(tokens) and tokens[end].text == "." and not tokens[end - 1].whitespace_:
                end += 1
            tags.append(_join(tokens[i:end]))
            kept.pop()  # the comma before the tag
            if end < len(tokens) and tokens[end].text == ",":
                end += 1
            i = end
            continue
        kept.append(token)
        i += 1
    return _strip_edges(kept) or kept, tags


def _split_appositive(tokens: list["Token"]) -> tuple[list["Token"], list["Token"]]:
    """Split "Hugh Hill, a doctor at St Mary's" into core and appositive.

    A comma starts an appositive unless it separates items of a list
    ("Ukrainian, US, and South Korean sources"): a capitalised word after the
    comma with a coordinator later on marks a list.
    """
    for i, token in enumerate(tokens):
        if token.text not in (",", "—", "–") or i == 0:
            continue
        rest = tokens[i + 1 :]
        if not rest:
            return tokens[:i], []
        following = rest[0]
        has_coordinator = any(t.text.lower() in _COORDINATORS for t in rest)
        possessive_soon = any(t.text in _POSSESSIVE for t in rest[:4])
        if (
            has_coordinator
            and following.text[:1].isupper()
            and following.pos_ != "DET"
            and not possessive_soon
            and not _PARTY_TAG.match(_join(_strip_edges(rest)).replace(" ", ""))
        ):
            return tokens, []
        return tokens[:i], rest
    return tokens, []


def _head_index(core: list["Token"], offset: int = 0) -> int:
    """Index of the phrase head: the last nominal before a preposition, verb or relative.

    Partitives look through "of": "a group of doctors" is headed by "doctors".
    A pronoun heads only when it comes first ("Everyone I interviewed").
    """
    last = None
    i = offset
    while i < len(core):
        token = core[i]
        if i > offset and (token.pos_ in ("ADP", "VERB", "AUX", "PRON") or token.tag_ in _RELATIVE_TAGS):
            role_length = _of_role_length(core, last) if last is not None and token.pos_ == "ADP" else 0
            if last is not None and last + role_length > i:  # never back: a role seen again must not loop
                i = last + role_length  # "Secretary of State John Kerry": the role goes on
                continue
            if token.pos_ == "VERB" and token.dep_ in ("amod", "compound"):
                pass  # "leading", "ruling": modifiers, not clauses
            elif last is not None:
                break
        if token.pos_ in ("NOUN", "PROPN", "NUM") or token.pos_ == "PRON" and i == offset:
            if token.text not in _POSSESSIVE and token.tag_ != "PRP$":
                last = i
        i += 1
    if last is None:
        return len(core) - 1 if core[-1].pos_ != "PUNCT" else 0
    follows_of = last + 2 < len(core) and core[last + 1].text.lower() == "of"
    if follows_of and _in(core[last].text, "partitive_nouns"):
        return _head_index(core, last + 2)
    return last


def _of_role_length(core: list["Token"], start: int) -> int:
    """Length of a curated "X of Y" role ("secretary of state") starting at ``start``, else 0."""
    words = [t.text.lower() for t in core[start : start + 6]]
    for phrase in _lexicon()["multiword_roles"]:
        parts = phrase.split()
        if " of " in phrase and words[: len(parts)] == parts:
            return len(parts)
    return 0


def _is_name_token(token: "Token", previous: Optional["Token"] = None) -> bool:
    """A capitalised proper-name word that is not a title, role word or possessive.

    A title word right after an honorific is a name ("Mr. King").
    """
    if token.text in _POSSESSIVE or token.is_punct and token.text != ".":
        return False
    if not token.text[:1].isupper() or token.ent_type_ in ("NORP", "GPE"):
        return False
    if _is_title(token) or _in(token.text, "person_nouns"):
        if previous is None or not _in(previous.text, "honorifics"):
            return False
    return token.pos_ in ("PROPN", "NOUN", "X", "ADJ") or token.ent_type_ == "PERSON"


_COMMON_NOUN_LISTS = (
    "person_nouns", "group_nouns", "document_nouns", "organisation_nouns", "media_nouns", "government_nouns",
)


def _name_run(core: list["Token"], head_index: int) -> list["Token"]:
    """The proper-name word run ending at the head ("Yaroslav Chepurnyi")."""
    head = core[head_index]
    previous = core[head_index - 1] if head_index else None
    hyphenated = (
        head_index >= 2
        and previous is not None
        and previous.tag_ == "HYPH"
        and not previous.whitespace_
        and not core[head_index - 2].whitespace_
        and _is_name_token(core[head_index - 2])
    )
    # A title word heads a name when the NER says so ("Charlie King").
    surname_title = head.ent_type_ == "PERSON" and previous is not None and previous.ent_type_ == "PERSON"
    if not (_is_name_token(head, previous) or hyphenated or surname_title):
        return []
    if head.ent_type_ != "PERSON" and (_in(head.text, *_COMMON_NOUN_LISTS) or _in(head.lemma_, *_COMMON_NOUN_LISTS)):
        return []  # "Poll", "Readers", "the Tax Policy Center": capitalised common nouns
    start = head_index
    while start > 0:
        token = core[start - 1]
        before = core[start - 2] if start > 1 else None
        if head.ent_type_ == "PERSON" and token.ent_type_ not in ("PERSON", ""):
            break  # "Secretary of State John Kerry": "State" is not part of the name
        if _is_name_token(token, before):
            start -= 1
        elif before is not None and _is_name_token(before) and (
            _in(token.text, "name_particles") or token.tag_ == "HYPH" and not token.whitespace_
        ):
            start -= 2  # "Bill de Blasio", "Ban Ki-moon"
        else:
            break
    return core[start : head_index + 1]


def _name_groups(context: _DocContext, core: list["Token"]) -> list[list["Token"]]:
    """Runs of person-name words in the core, for "Obama and Clinton"-style lists."""
    groups, current = [], []
    for index, token in enumerate(core):
        previous = core[index - 1] if index else None
        if _is_name_token(token, previous) and (token.ent_type_ == "PERSON" or context.knows_name(_key([token]))):
            current.append(token)
        else:
            if current:
                groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def _lexical_type(bare_text: str) -> Optional[str]:
    """Type from the curated names lists ("the Kremlin", "Reuters", "NATO")."""
    lex = _lexicon()
    candidates = {bare_text, "the " + bare_text}
    if candidates & lex["media_outlets"]:
        return MEDIA
    if candidates & lex["government_names"]:
        return GOVERNMENT
    if candidates & lex["named_organisations"]:
        return ORGANISATION
    return None


def _proper_type(context: _DocContext, core: list["Token"], run: list["Token"], appositive=()) -> str:
    """Person, organisation, government, media or group for a proper-name head."""
    key = _key(run)
    labels = {t.ent_type_ for t in run} - {""}
    before = core[: core.index(run[0])]
    titled = bool(before) and (
        _is_title(before[-1]) or _in(before[-1].text, "person_nouns") and before[-1].text.islower()
    )
    if "PERSON" in labels or context.knows_name(key) or titled or _appositive_is_person(appositive):
        return PERSON
    last = run[-1].text.lower()
    if labels & {"GPE", "LOC"}:
        return GOVERNMENT
    if "NORP" in labels:
        return GROUP
    if _in(last, "media_name_heads") and (labels & {"ORG"} or len(run) > 1):
        return MEDIA
    if _in(last, "organisation_nouns"):
        return ORGANISATION
    if _in(last, "government_nouns"):
        return GOVERNMENT
    if labels or run[-1].is_upper and len(run[-1].text) > 1:
        return ORGANISATION
    return PERSON


def _is_titled_body(core: list["Token"], head_index: int) -> bool:
    """A capitalised body named after a rank word: "the General Staff", not "General Syrskyi"."""
    head = core[head_index]
    return head_index > 0 and head.text[:1].isupper() and _in(head.text.lower(), "government_nouns") \
        and _is_title(core[head_index - 1]) and head.ent_type_ != "PERSON"


def _places_clash(ours: Optional[str], theirs: Optional[str]) -> bool:
    """"Britain's defence secretary" is not NATO's secretary-general: affiliations that share no word stem."""
    if not ours or not theirs:
        return False
    stems = {w[:4].lower() for w in re.findall(r"\w+", theirs) if len(w) > 2}
    return not any(w[:4].lower() in stems for w in re.findall(r"\w+", ours) if len(w) > 2)


def _appositive_is_person(appositive) -> bool:
    """", a Democrat whose office...", ", the secretary general of...": a person's appositive."""
    tokens = [t for t in _strip_edges(list(appositive)) if t.pos_ != "DET" and t.tag_ != "PRP$"]
    inside = {t.i for t in tokens}
    nouns = [t for t in tokens if t.pos_ in ("NOUN", "PROPN")]
    # The phrase's own head, not a modifier: "a 64-year-old pensioner" is a pensioner.
    head = next((t for t in nouns if t.head.i not in inside), nouns[0] if nouns else None)
    if head is None:
        return False
    return _in(head.lemma_, "person_nouns") or _in(head.text, "person_nouns") or head.ent_type_ == "NORP"


def _appositive_name(context: _DocContext, appositive) -> list["Token"]:
    """The name in "Another critic, Laurence H. Tribe,": an appositive that is only a name."""
    tokens = _strip_edges(list(appositive))
    if not tokens or len(tokens) > 6:
        return []
    for index, token in enumerate(tokens):
        if not _is_name_token(token, tokens[index - 1] if index else None):
            return []
    if any(t.ent_type_ == "PERSON" for t in tokens) or context.knows_name(_key(tokens[-1:])):
        return tokens
    return []


def _described_person(context, base: _Mention, core, head_index, name_tokens, party) -> _Mention:
    """"An attorney for Pagliano, Mark MacDougall": the name is in the appositive."""
    head = core[head_index]
    base.kind = "named"
    name_tokens = _clean_name_tokens(name_tokens) or name_tokens
    base.info = SourceInfo(name=_join(name_tokens), type=PERSON)
    base.name_tokens = _key(name_tokens)
    role, affiliation = _role_and_affiliation(core[:head_index], [head])
    base.info.role = role
    base.info.affiliation = affiliation or _prep_affiliation(core[head_index + 1 :]) or party
    base.gender = _gender(name_tokens, [head])
    base.role_keys = _role_keys(role, [])
    return base


def _named_person(context, base: _Mention, core, run, appositive, party) -> _Mention:
    """A named person: name from the run, role and affiliation from the rest.

    Affiliation prefers the words before the name, then "of West Virginia"
    after it, then an appositive's "at/of X" (membership), then a party tag.
    """
    run = _strip_possessive(run)
    name_tokens = _clean_name_tokens(run) or run
    base.kind = "named"
    base.info = SourceInfo(name=_join(name_tokens), type=PERSON)
    base.name_tokens = _key(name_tokens)
    before = [t for t in core[: core.index(run[0])] if t.text.lower() not in _DETERMINERS and t.text != "."]
    role, affiliation, titles = _person_prefix(before)
    affiliation = affiliation or _prep_affiliation(core[core.index(run[-1]) + 1 :])
    if appositive:
        appositive_role, appositive_affiliation, membership = _appositive_role(appositive)
        if role is None:
            role, affiliation = appositive_role, affiliation or appositive_affiliation
        elif membership:
            affiliation = affiliation or appositive_affiliation
    base.info.role = role
    base.info.affiliation = affiliation or party
    base.gender = _gender(name_tokens, titles + before)
    base.role_keys = _role_keys(role, titles)
    return base


def _prep_affiliation(tokens: list["Token"]) -> Optional[str]:
    """"of West Virginia", "for USA Today", "at the Clinton campaign" -> the object, if proper."""
    tokens = _cut_clause(tokens)
    if len(tokens) < 2 or tokens[0].pos_ != "ADP" or tokens[0].text.lower() not in _MEMBERSHIP_PREPS:
        return None
    rest = _strip_edges(tokens[1:])
    start = _first_affiliation_index(rest)
    if start is None:
        return None
    return _join(_strip_edges(rest[start:])) or None


_MEMBERSHIP_PREPS = {"of", "at", "for", "from", "with", "on", "in", "to"}


def _cut_clause(tokens: list["Token"]) -> list["Token"]:
    """Tokens up to a relative pronoun, comma, dash or clause-level "and who"."""
    kept = []
    for index, token in enumerate(tokens):
        if token.tag_ in _RELATIVE_TAGS or token.text in (",", "--", "—", "–", ";", "("):
            break
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if token.pos_ == "CCONJ" and (following is None or following.tag_ in _RELATIVE_TAGS | {"DT", "PRP$"}):
            break  # "... and whose", "... and a professor at": a new clause or appositive
        kept.append(token)
    while kept and (kept[-1].pos_ == "CCONJ" or kept[-1].is_punct):
        kept.pop()
    return kept


def _person_prefix(before: list["Token"]) -> tuple[Optional[str], Optional[str], list["Token"]]:
    """Role and affiliation from the words before a name.

    Titles next to the name ("Lieutenant Colonel", "Sen.") are peeled off
    first; a descriptive role before them ("army spokesman") wins over a rank,
    an office title is the role when nothing else is there.
    """
    multi = _multiword_role_at_end(before)
    if multi:
        rest = before[: len(before) - multi]
        return _finish_role(before[len(before) - multi :], rest), _affiliation(rest), before[len(before) - multi :]
    titles: list["Token"] = []
    rest = list(before)
    # Lower-case office words ("spokesman") are descriptive roles, not titles.
    while rest and (_in(rest[-1].text, "honorifics", "ranks") or _is_title(rest[-1]) and rest[-1].text[:1].isupper()):
        titles.insert(0, rest.pop())
    offices = [t for t in titles if not _in(t.text, "honorifics")]
    noun_role = rest and rest[-1].pos_ == "NOUN" and rest[-1].text.islower() and not offices
    if rest and (_in(rest[-1].text, "person_nouns") or noun_role):
        role, affiliation = _role_and_affiliation(rest[:-1], [rest[-1]])
        return role, affiliation, titles
    if offices:
        descriptive_rank = [t for t in offices if not _in(t.text, "ranks") or _in(t.text, "offices")]
        role_tokens = descriptive_rank or offices
        adjectives: list["Token"] = []
        while rest and rest[-1].pos_ == "ADJ" and not rest[-1].ent_type_:
            adjectives.insert(0, rest.pop())
        return _words(adjectives + role_tokens), _affiliation(rest), titles
    return None, _affiliation(rest), titles


def _multiword_role_at_end(tokens: list["Token"]) -> int:
    """Length of a curated multi-word role ("press secretary") ending ``tokens``, else 0."""
    lex = _lexicon()["multiword_roles"]
    for size in (5, 4, 3, 2):
        if len(tokens) >= size and _words(tokens[-size:]).lower() in lex:
            return size
    return 0


def _role_and_affiliation(modifiers: list["Token"], head: list["Token"]) -> tuple[Optional[str], Optional[str]]:
    """Split pre-head modifiers into role words and affiliation.

    "Ukrainian army" + "spokesman" -> role "army spokesman", affiliation
    "Ukrainian army"; "senior US" + "officials" -> "senior officials", "US";
    "White House's press" + "secretary" -> "press secretary", "White House".
    """
    modifiers = [t for t in modifiers if t.text.lower() not in _DETERMINERS and t.pos_ not in ("DET", "PRON", "NUM", "CCONJ")]
    multi = _multiword_role_at_end(modifiers + head)
    if multi:
        role_tokens = (modifiers + head)[-multi:]
        rest = (modifiers + head)[:-multi]
        return _finish_role(role_tokens, rest), _affiliation(rest)
    role_tokens = list(head)
    i = len(modifiers)
    while i > 0 and _is_role_word(modifiers[i - 1]):
        i -= 1
        role_tokens.insert(0, modifiers[i])
    return _finish_role(role_tokens, modifiers[:i]), _affiliation(modifiers)


def _is_role_word(token: "Token") -> bool:
    """A lower-case descriptive word that belongs to the role ("army", "senior", "press")."""
    if token.text in _POSSESSIVE or token.ent_type_ in _AFFILIATION_ENTS or token.pos_ == "PROPN":
        return False
    if _in(token.text, "indefinite_determiners"):
        return False
    if token.tag_ == "HYPH" or token.text == "-" or token.pos_ == "NUM" and not token.whitespace_:
        return True  # inside "vice-presidential", "two-decade"
    return token.pos_ in ("NOUN", "ADJ", "VERB") and (token.text.islower() or token.i == token.sent.start)


def _finish_role(role_tokens: list["Token"], rest: list["Token"]) -> Optional[str]:
    """Prepend the lower-case adjectives that precede the affiliation ("senior")."""
    first_affiliation = _first_affiliation_index(rest)
    lead: list["Token"] = []
    if first_affiliation is not None:
        i = first_affiliation
        while i > 0 and rest[i - 1].pos_ == "ADJ" and _is_role_word(rest[i - 1]):
            i -= 1
            lead.insert(0, rest[i])
    return _words(lead + role_tokens) or None


def _first_affiliation_index(tokens: list["Token"]) -> Optional[int]:
    """Index of the first proper or entity word: where an affiliation starts."""
    for i, token in enumerate(tokens):
        if token.pos_ == "DET":
            continue  # spaCy puts "the" inside ORG entities
        if token.ent_type_ in _AFFILIATION_ENTS or token.pos_ == "PROPN":
            return i
    return None


def _affiliation(tokens: list["Token"]) -> Optional[str]:
    """The affiliation: from the first proper/entity word to the end, minus possessive."""
    start = _first_affiliation_index(tokens)
    if start is None:
        return None
    rest = tokens[start:]
    cut = next((i for i, t in enumerate(rest) if t.text in _POSSESSIVE or t.tag_ == "POS"), None)
    if cut is not None:
        rest = rest[:cut]  # "Connecticut's tax" -> "Connecticut"
    # Trailing adjectives describe the role, not the body: "Democratic presidential".
    while len(rest) > 1 and _is_role_word(rest[-1]) and rest[-1].pos_ != "NOUN":
        rest = rest[:-1]
    rest = _strip_edges(rest)
    return _join(rest) or None


def _appositive_role(appositive: list["Token"]) -> tuple[Optional[str], Optional[str], bool]:
    """Role and affiliation from ", a doctor at St Mary's," / ", director of AROS,".

    The affiliation is the first prepositional object that names something
    ("a professor of geosciences ... at Princeton University" -> "Princeton
    University"). The flag says the affiliation came from such a phrase
    (membership) rather than a possessive ("McCrory's opponent").
    """
    tokens = _cut_clause(_strip_edges(appositive))
    if len(tokens) > 2 and _in(tokens[0].text, "partitive_nouns") and tokens[1].text.lower() == "of":
        tokens = tokens[2:]  # "one of the president's closest aides"
    tokens = [t for t in tokens if t.pos_ != "DET" and t.tag_ != "PRP$"]
    tokens = _without_age(tokens)
    if not tokens or tokens[0].pos_ == "NUM" and len(tokens) == 1:
        return None, None, False  # ", 82,": an age
    if tokens[0].pos_ == "ADP":
        return None, _prep_affiliation(tokens), True  # ", of Springfield, Va.,"
    words = [t.text.lower() for t in tokens]
    lead = 0
    while lead < len(tokens) - 1 and tokens[lead].pos_ == "ADJ":
        lead += 1  # "former", "deputy"
    for phrase in sorted(_lexicon()["multiword_roles"], key=len, reverse=True):
        parts = phrase.split()
        if " of " in phrase and words[lead : lead + len(parts)] == parts:  # "chief of staff to ..."
            end = lead + len(parts)
            return _words(tokens[:end]), _prep_affiliation(tokens[end:]), True
    split = next((i for i, t in enumerate(tokens) if t.pos_ == "ADP" and i > 0), None)
    left = tokens if split is None else tokens[:split]
    head = len(left) - 1
    while head > 0 and left[head].pos_ not in ("NOUN", "PROPN"):
        head -= 1
    role, affiliation = _role_and_affiliation(left[:head], [left[head]])
    if split is not None:
        for i in range(split, len(tokens)):
            if tokens[i].pos_ == "ADP":
                found = _prep_affiliation(tokens[i:])
                if found:
                    # Stop the object at the next preposition-led phrase only if it
                    # adds no name ("at X" keeps "for Policy Integrity").
                    return role, found, True
    return role, affiliation, False


def _without_age(tokens: list["Token"]) -> list["Token"]:
    """", a 64-year-old pensioner,": the age is not part of the role."""
    words = [t.lower_ for t in tokens[:6]]
    if "old" in words and any(w in ("year", "years") for w in words[:words.index("old")]):
        return tokens[words.index("old") + 1:]
    return tokens


def _coordinated_people(context, base: _Mention, core, names) -> _Mention:
    """"Obama and Clinton": a named group of people, names joined with "and"."""
    canonical = []
    for group in names:
        tokens = _clean_name_tokens(group) or group
        canonical.append(context.canonical(_join(tokens), _key(tokens)))
    base.kind = "named"
    base.plural = True
    first = core.index(names[0][0])
    before = [t for t in core[:first] if t.text.lower() not in _DETERMINERS]
    role, affiliation, _ = _person_prefix(before)
    base.info = SourceInfo(name=" and ".join(dict.fromkeys(canonical)), type=PERSON, role=role, affiliation=affiliation)
    return base


def _plain(base: _Mention, core: list["Token"], head_index: int, lexical: Optional[str]) -> _Mention:
    """A mention without a person name: classify by lexicon and head noun."""
    head = core[head_index]
    word = head.text.lower()
    lemma = head.lemma_.lower()
    plural = head.tag_ in ("NNS", "NNPS")
    determiner = _determiner(core[:head_index])
    modifiers = core[:head_index]
    name_tokens = _strip_possessive(_strip_determiners(_strip_edges(core)))
    base.info.name = _join(name_tokens) or None
    base.head = lemma
    base.plural = plural
    kind = lexical or _noun_type(head, word, lemma, plural, determiner)
    base.info.type = kind
    if kind in (GROUP, PERSON):
        base.info.role, base.info.affiliation = _role_and_affiliation(modifiers, [head])
        base.gender = _gender([], [head])
    elif kind == GOVERNMENT and modifiers and lexical is None and head.text.islower():
        base.info.affiliation = _affiliation(modifiers)  # "Ukraine's defence ministry" -> "Ukraine"
    if kind in (GROUP, PERSON) and base.info.affiliation is None:
        base.info.affiliation = _prep_affiliation(core[head_index + 1 :])
    owner = _possessor(modifiers)
    definite = determiner == "the" or owner is not None and owner.pos_ == "PROPN"
    if kind == PERSON and definite and not _in(word, "anonymity_nouns"):
        base.kind = "description"
        base.info.name = base.text  # kept when the description does not resolve
        base.role_keys = frozenset({_normal_role_word(lemma)})
        base.head = _normal_role_word(lemma)
        base.loose = owner is None and _role_ends_phrase(core, head_index) and all(
            t.ent_type_ in ("GPE", "NORP", "LOC") or t.pos_ != "PROPN" for t in modifiers
        )
    elif kind == PERSON:
        base.info.name = base.text
    return base


def _role_ends_phrase(core: list["Token"], head_index: int) -> bool:
    """True when nothing follows the role but a multi-word role's own "of state"."""
    rest = core[head_index + 1 :]
    if not rest:
        return True
    words = [t.text.lower() for t in core[head_index:]]
    for phrase in _lexicon()["multiword_roles"]:
        parts = phrase.split()
        if " of " in phrase and words[: len(parts)] == parts:
            following = core[head_index + len(parts) :]
            return not following or following[0].pos_ == "CCONJ"
    return False


def _possessor(modifiers: list["Token"]) -> Optional["Token"]:
    """The word before a possessive marker ("ad" in "the ad's narrator"), if any."""
    for index, token in enumerate(modifiers):
        if index and (token.text in _POSSESSIVE or token.tag_ == "POS"):
            return modifiers[index - 1]
        if token.tag_ == "PRP$":
            return token
    return None


_PARTY_WORDS = {"republican": "R", "republicans": "R", "gop": "R", "democratic": "D", "democrat": "D", "democrats": "D"}


def _parties(info: SourceInfo) -> set[str]:
    """Party letters named in a role or affiliation, for description matching."""
    words = f"{info.role or ''} {info.affiliation or ''}".lower().replace("-", " ").split()
    found = {_PARTY_WORDS[w] for w in words if w in _PARTY_WORDS}
    found |= {w.upper() for w in words if w in ("r", "d")}  # "R-Texas"
    return found


def _determiner(modifiers: list["Token"]) -> Optional[str]:
    """The phrase's determiner class: "the", "a", "poss" (his/Trump's) or None."""
    for token in modifiers:
        low = token.text.lower()
        if low in ("the", "this", "that"):
            return "the"
        if low in ("a", "an") or _in(low, "indefinite_determiners") or token.pos_ == "NUM":
            return "a"
        if token.tag_ == "PRP$" or token.text in _POSSESSIVE:
            return "poss"
    return None


def _noun_type(head: "Token", word: str, lemma: str, plural: bool, determiner: Optional[str]) -> str:
    """Type of a common-noun head: document, media, government, group, person or organisation."""
    if word == "intelligence" and any(c.ent_type_ in ("NORP", "GPE") or c.lower_ == "military" for c in head.lefts):
        return GOVERNMENT  # "Ukrainian military intelligence", the agency; "intelligence suggests" is evidence
    if _in(word, "document_nouns") or _in(lemma, "document_nouns"):
        return DOCUMENT
    if _in(word, "media_nouns") and head.ent_type_ != "GPE":
        return MEDIA
    if head.ent_type_ in ("GPE",) and not plural:
        return GOVERNMENT
    if _in(word, "government_nouns") and not _in(word, "group_nouns") or word in ("police", "authorities"):
        return GOVERNMENT
    if head.ent_type_ == "NORP" and not plural and determiner == "the":
        return PERSON  # "The Republican": a description of someone named earlier
    if head.ent_type_ == "NORP" or plural and (_in(word, "group_nouns") or _in(lemma, "person_nouns")):
        return GROUP
    if _in(word, "group_nouns") and word not in ("staff",):
        return GROUP
    if _in(lemma, "person_nouns") or _in(word, "person_nouns"):
        if determiner == "a" or _in(word, "anonymity_nouns"):
            return GROUP
        return PERSON
    if _in(word, "organisation_nouns") or head.ent_type_ == "ORG":
        return ORGANISATION
    if plural:
        return GROUP if head.pos_ != "PROPN" else ORGANISATION
    if head.pos_ == "PROPN":
        return ORGANISATION
    # An unknown inanimate noun ("the weather", "the accord") speaks as a text would.
    return DOCUMENT


def _words(tokens: Sequence["Token"]) -> str:
    """Tokens as written: adjacent tokens keep their spacing ("vice-presidential"), gaps get one space."""
    parts = []
    for index, token in enumerate(tokens):
        parts.append(token.text)
        if index + 1 < len(tokens):
            adjacent = tokens[index + 1].i == token.i + 1
            parts.append(" " if not adjacent or token.whitespace_ else "")
    return "".join(parts).strip(" -–—")


_ROLE_ALIASES = {
    "sen": "senator", "sens": "senator", "rep": "representative", "reps": "representative",
    "gov": "governor", "gen": "general", "lt": "lieutenant", "col": "colonel",
    "pres": "president", "spokeswoman": "spokesperson", "spokesman": "spokesperson",
    "congressman": "representative", "congresswoman": "representative",
    "chairwoman": "chairman", "chair": "chairman", "businesswoman": "businessman",
}


def _normal_role_word(word: str) -> str:
    """Fold abbreviations and gendered forms so "the senator" matches "Sen."."""
    low = word.lower().rstrip(".")
    return _ROLE_ALIASES.get(low, low)


def _role_keys(role: Optional[str], titles: list["Token"]) -> frozenset[str]:
    """Every role word of a named person, normalised, for description matching."""
    words = (role or "").split() + [t.text for t in titles]
    return frozenset(_normal_role_word(w) for w in words if w)


def _gender(name_tokens: Sequence["Token"], context_tokens: Sequence["Token"]) -> Optional[str]:
    """"m"/"f" from titles, gendered role words or a common first name; else None."""
    lex = _lexicon()
    for token in context_tokens:
        low = token.text.lower()
        if low in lex["female_words"]:
            return "f"
        if low in lex["male_words"]:
            return "m"
    if len(name_tokens) > 1:
        first = name_tokens[0].text.lower()
        if first in lex["female_first_names"]:
            return "f"
        if first in lex["male_first_names"]:
            return "m"
    return None


def _gender_of_name(name: Optional[str]) -> Optional[str]:
    """Gender from the first word of a full name ("Hillary Clinton" -> "f")."""
    words = (name or "").split()
    if not words:
        return None
    lex = _lexicon()
    first = words[0].lower()
    return "f" if first in lex["female_first_names"] else "m" if first in lex["male_first_names"] else None


def _gender_fits(wanted: Optional[str], known: Optional[str]) -> bool:
    """Unknown on either side fits; otherwise genders must agree."""
    return wanted is None or known is None or wanted == known
