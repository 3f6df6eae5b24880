"""What a claim's words say, reduced to what decides whether two claims state the same fact.

A :class:`Signature` holds a claim's content words (lower case, lightly
stemmed), its figures as :mod:`claimtrack.quantities` reads them ("$22 billion",
"22 billion dollars" and "$22bn" are all 22000000000 USD; "eleven thousand"
is 11000; "25 basis points" is a quarter of a percentage point), its dates
(years, months, days of the month and of the week) and its names
(capitalised words), and a sentence vector of its text
(:mod:`.embedding`), which brings paraphrases with few words in common
together. Nothing here needs spaCy: signatures are made from stored claim
text, so the store can match claims without a pipeline, and the same words
always give the same signature.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from typing import NamedTuple

from ..models import Bound, Claim, Quantity, QuantityKind, SourceType
from ..namefold import APOSTROPHES, CONVENTIONAL_SPELLINGS
from ..quantities import find_quantities, is_measure
from .embedding import load_model

_STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "either",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "may",
        "me",
        "might",
        "more",
        "most",
        "must",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "upon",
        "us",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yet",
        "said",
        "says",
        "say",
        "told",
        "tells",
        "according",
        "added",
        "adding",
    ]
)
# Capitalised words that are not names: sentence openers, pronouns, titles.
_NOT_NAMES = _STOPWORDS | frozenset(
    ["mr", "mrs", "ms", "dr", "prof", "sir", "governor", "minister", "president", "chief", "officials", "official"]
)
# Short and common forms of the same place or body, written in capitals ("US", "the EU's").
_ALIASES = {
    "us": ("united", "states"), "u.s": ("united", "states"), "usa": ("united", "states"),
    "uk": ("united", "kingdom"), "u.k": ("united", "kingdom"), "eu": ("european", "union"),
}  # fmt: skip
# Other names of one place, capitalised: "Britain" for the United Kingdom, older spellings ("Kiev", "Odessa").
_SPELLINGS = {"britain": ("united", "kingdom"), **{old: (new,) for old, new in CONVENTIONAL_SPELLINGS.items()}}

_MONTHS = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
         ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")],
        1,
    )
    for name in names
}  # fmt: skip
_WEEKDAYS = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
# Words that only spell a figure ("eleven thousand", "per cent", "bn"): inside a quantity they are
# the number, already in ``numbers``; the counted noun ("residents") stays a word.
_FIGURE_SPELLING = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million "
    "billion trillion dozen dozens hundreds thousands millions billions tens half halves third thirds quarter "
    "quarters fifth fifths k m bn b mn mln tn trn percent pc per cent percentage point points basis bp bps us "
    "dollar dollars euro euros pound pounds sterling kilovolt kilovolts kilowatt kilowatts megawatt megawatts "
    "gigawatt gigawatts kw mw gw kwh mwh gwh twh degree degrees celsius centigrade fahrenheit c f"
)
_FIGURE_WORDS = frozenset(_FIGURE_SPELLING.split())
# A temperature on no scale: "41 degrees" is "41°", which either scale's 41 states (see matching.same_figure).
DEGREES = "°"
# Units that say what kind of number a figure is; any other unit is the counted noun, a word of the claim:
# "11,000 residents" and "eleven thousand people" are one figure. "by two points, to 9.5%" as "by 200bp".
_UNIT_MARKS = {"percent": "%", "percentage point": "pt", "point": "pt", "degree": DEGREES}
# Between a figure and its period: "$2,000 a month" is "2000usd@month".
PERIOD = "@"
# A figure that its text hedges is also kept after the mark of its bound (see Signature.bounded).
AT_MOST, AT_LEAST, ABOUT = "<", ">", "="
# A share written in words ("a fifth", "almost a third") is kept after this mark too: a figure rounded to the
# nearest simple fraction, hedged more widely than a figure written in digits (see matching.SHARE_TOLERANCE).
IN_WORDS = "/"
_BOUND_MARKS = {Bound.at_most: AT_MOST, Bound.at_least: AT_LEAST, Bound.approximate: ABOUT}
# Measures written in either system are compared in one unit, and only roughly ("12 miles" / "19 km"):
# a converted figure is rounded by its writer. Such figures are marked "~" (see matching.same_figure).
_CONVERSIONS = {
    "km": ("km", 1.0), "mile": ("km", 1.609344), "m": ("km", 0.001), "mph": ("km/h", 1.609344),
    "foot": ("km", 0.0003048), "nautical mile": ("km", 1.852),
    "km2": ("km2", 1.0), "mile2": ("km2", 2.589988), "hectare": ("hectare", 1.0), "acre": ("hectare", 0.404686),
    "kg": ("kg", 1.0), "tonne": ("kg", 1000.0), "m3": ("m3", 1.0), "km3": ("m3", 1e9), "litre": ("m3", 0.001),
    # Durations too, in hours: "18 months" and "a year and a half", "48 hours" and "two days".
    "second": ("h", 1 / 3600), "minute": ("h", 1 / 60), "hour": ("h", 1.0), "day": ("h", 24.0), "week": ("h", 168.0),
    "month": ("h", 730.5), "year": ("h", 8766.0), "decade": ("h", 87660.0), "century": ("h", 876600.0),
    # Power and energy in one unit each: "54.2 GW" and "54,200 MW".
    "kW": ("GW", 1e-6), "MW": ("GW", 0.001), "GW": ("GW", 1.0),
    "kWh": ("GWh", 1e-6), "MWh": ("GWh", 0.001), "GWh": ("GWh", 1.0), "TWh": ("GWh", 1000.0),
}  # fmt: skip
# Words that turn a statement round: "the plant had no military function", "they had not been consulted", "a second
# day without drinkable tap water".
_NEGATIONS = frozenset(["not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "cannot", "without"])
# A cue that denies what it reports: "Vostrelia denied that it had hit civilians" says the opposite of its content.
_DENIALS = re.compile(r"\b(?:den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|refut(?:e|es|ed|ing))\b", re.I)
# A source that is one of these words and took no name from coreference names no one (see source_of).
_PRONOUNS = frozenset(["i", "we", "you", "he", "she", "it", "they", "one", "who", "which", "that", "this", "these", "those"])
_NAME_SUFFIXES = re.compile(r"(?:'s|-(?:based|backed|led|born|owned|run|made|linked|controlled))$")
# What comes before "two" in "the two sides" and "the country's two main parties".
_BEFORE_A_PAIR = re.compile(r"(?:\bthe|'s)\s+$", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'.-]*[A-Za-z]|[A-Za-z]")
# A signature figure: its value (as "%g" writes it: "54.2", "1e+06"), then its unit, if any, in any case ("GW").
NUMBER = r"(?P<value>[-+]?[0-9.]+(?:e[-+][0-9]+)?)(?P<unit>.*)"
FIGURE = re.compile("~?" + NUMBER)
DURATION = "h"  # the unit durations are compared in (see _CONVERSIONS)
# Counts below this, without a unit, are common to many facts ("two people were killed"): no evidence alone.
DISTINCTIVE_COUNT = 20


class Signature(NamedTuple):
    """The parts of a claim's content that decide whether it states the same fact as another."""

    words: frozenset[str]
    numbers: frozenset[str]
    dates: frozenset[str]
    names: frozenset[str]
    # A capitalised first word may be a name ("Corvane said") or an ordinary word ("Shares rose"):
    # it helps to find candidates and to score them, but never vetoes a match.
    lead: frozenset[str]
    text: str  # the content words in order, for string similarity
    vector: bytes = b""  # the claim text's sentence vector (see .embedding); b"" for none
    # The content is negated ("no one had died") or denied by its cue ("denied that ..."), but not both.
    negated: bool = False
    # Who the claim is attributed to, as the source was normalised ("Sigrid Haldane" for "Haldane" and "she"),
    # in lower case with single spaces; "" for none. Two outlets quoting one speaker in one story mostly quote
    # the same statement of theirs: a feature of the likeness (matching.pair_features), never a veto.
    source: str = ""
    # The figures of ``numbers`` that the text hedges, each after the mark of its bound: "<10000" for "almost
    # 10,000", "<20%" for "less than a fifth", "=4e+09usd" for "about $4bn". A hedged figure is no difference
    # from one a little inside its bound ("9,800 men" / "almost 10,000 men"; see matching.hedged).
    bounded: frozenset[str] = frozenset()
    # Figures restated in other units in brackets, as "stated>restated": "2.6e+09>2.3e+08eur" for "2.6 billion
    # crowns (230 million euros)". Either of the two stated alone is the same figure (see matching._unmatched).
    restated: frozenset[str] = frozenset()
    # The content sets a condition ("would take part only if ...", "unless gas transit resumed"): its reverse
    # without one is another position, not the same fact (see matching.opposite).
    conditional: bool = False
    # The words of what the content sets aside ("funded by joint borrowing rather than frozen Russian assets",
    # "instead of a grant"), stemmed (see _alternatives): a claim that states them states what this one denies
    # (see matching.opposite). They are among ``words`` too: leaving them out cost a fixture pair ("damaged
    # rather than destroyed" / "damaged but not destroyed") and saved none.
    rejected: frozenset[str] = frozenset()

    @property
    def keys(self) -> frozenset[str]:
        """Blocking keys: a claim is only ever compared with claims that share two of these. A specific
        figure is two: one that few facts share makes a candidate of a claim in other words ("she would ask
        the federal government for $240 million in disaster aid" / "she would seek $240m from Washington")."""
        figures = {figure_key(n) for n in self.numbers}
        figures |= {"#" + figure_key(n) for n in self.numbers if is_specific(n)}
        times = {part for part in self.dates if part.startswith(TIME)}  # "at 06:00" / "at 6am": few claims share one
        return self.words | figures | times | {name_key(n) for n in self.names | self.lead}


def figure_key(figure: str) -> str:
    """The blocking key of a figure: apart from words, which never start with "#". Without its period: "€600m
    a year" and "annual costs by €600 million" are candidates, and a period written on one side only is no
    difference (see matching.same_figure)."""
    return f"#{figure.partition(PERIOD)[0]}"


@functools.lru_cache(maxsize=1 << 14)  # a claim's figures are asked of each of its candidates
def is_distinctive(figure: str) -> bool:
    """A figure few facts share: one with a unit (a currency, percent, a measure), a fraction, or a count of
    at least :data:`DISTINCTIVE_COUNT`. Not a duration: "within two days" is said of many things."""
    value, unit = FIGURE.fullmatch(figure.partition(PERIOD)[0]).groups()  # type: ignore[union-attr]
    number = float(value)
    if unit == DURATION:
        return False
    return bool(unit) or not number.is_integer() or number >= DISTINCTIVE_COUNT


def is_specific(figure: str) -> bool:
    """A distinctive figure (:func:`is_distinctive`) that is no power of ten: "hundreds of people" and
    "thousands of residents" are read as 100 and 1,000, and "hundreds of millions of dollars" as 1e8, which
    many claims of one beat give without stating one fact."""
    if not is_distinctive(figure):
        return False
    value = float(FIGURE.fullmatch(figure.partition(PERIOD)[0])["value"])  # type: ignore[index]
    return value <= 0 or not math.log10(value).is_integer()


def word_of(name: str) -> str:
    """The word a name is among a signature's words (its stem, as every word is kept)."""
    return _stem(name)


def name_key(name: str) -> str:
    """The blocking key of a name: apart from the word it also is."""
    return f"@{name}"


def claim_signature(claim: Claim) -> Signature:
    """The signature of a claim, from its stored quantities: every claim has them, found by extract or by
    the migration of an older record, so they are not looked for again."""
    denied = claim.cue is not None and _DENIALS.search(claim.cue.text) is not None
    return signature(claim.text, claim.quantities, denied=denied, source=source_of(claim))


def source_of(claim: Claim) -> str:
    """The name a claim's source normalises to (its words as written when it has none), as a signature keeps it;
    "" for an anonymous group ("officials", "analysts"), which is not one speaker making one statement, and
    for a pronoun that took no name ("he said"): two unnamed "he"s are no one in particular."""
    if claim.source is None or claim.source.type is SourceType.anonymous_group:
        return ""
    written = " ".join((claim.source.name or claim.source.text).lower().split())
    return "" if claim.source.name is None and written in _PRONOUNS else written


class SignedAhead:
    """Signatures of claims made ahead of their clustering: while extract waits for the parser, not after it.

    Kept by claim id with the words and the source they were made from: a claim that comes
    to be clustered with other words or another source under that id (an id carried over from
    an earlier extract) is signed again. At most ``limit`` are kept.
    """

    def __init__(self, limit: int = 50_000):
        self.limit = limit
        self._made: dict[str, tuple[str, str | None, str, Signature]] = {}

    def add(self, claim: Claim) -> None:
        if len(self._made) < self.limit:
            self._made[claim.id] = (claim.text, _cue_text(claim), source_of(claim), claim_signature(claim))

    def peek(self, claims: Sequence[Claim]) -> list[Signature]:
        """Each claim's signature, made ahead (and kept for :meth:`signature`) or now."""
        return [made if (made := self._kept(claim)) is not None else claim_signature(claim) for claim in claims]

    def _kept(self, claim: Claim) -> Signature | None:
        made = self._made.get(claim.id)
        return made[3] if made is not None and made[:3] == (claim.text, _cue_text(claim), source_of(claim)) else None

    def signature(self, claim: Claim) -> Signature:
        """``claim``'s signature, made ahead or now; each is handed out once."""
        made = self._kept(claim)
        self._made.pop(claim.id, None)
        return made if made is not None else claim_signature(claim)

    def __len__(self) -> int:
        return len(self._made)


def _cue_text(claim: Claim) -> str | None:
    return claim.cue.text if claim.cue is not None else None


def signature(text: str, quantities: Sequence[Quantity] | None = None, *, denied: bool = False, source: str = "") -> Signature:
    """The signature of a claim's content ``text``, whose figures are ``quantities`` (found when None);
    ``denied`` when its cue denies it; ``source`` the name it is attributed to (see :func:`source_of`)."""
    # Typographic apostrophes read as the typewriter's, as searches read them: "can’t" is "can't" (a negation) and
    # "Kyiv’s" is "Kyiv's", whichever a page prints; the same quotation copied by two outlets differed in nothing
    # else. One character for one: the quantities' offsets still hold.
    text = text.translate(APOSTROPHES)
    found = find_quantities(text) if quantities is None else quantities
    times = _times_of_day(text)
    amounts = [q for q in found if q.kind is QuantityKind.amount and not _names_a_pair(text, q) and not _in_times(q, times)]
    numbered = [(q, _number(q)) for q in amounts]
    numbers = {number for _, number in numbered}
    bounded = {_BOUND_MARKS[q.bound] + number for q, number in numbered if q.bound in _BOUND_MARKS}
    bounded.update(_shares_in_words(amounts, bounded))
    dates = {part for q in found if q.kind is QuantityKind.date for part in _date_parts(q.date or "")}
    dates.update(times)
    dates.update(_fiscal_periods(text))
    words: set[str] = set()
    names: set[str] = set()
    lead: set[str] = set()
    ordered: list[str] = []
    negated = denied
    alternatives = _alternatives(text)
    rejected: set[str] = set()
    # Where each quantity is written, and whether it is a date: asked of every word.
    spans = [(q.start, q.end, q.kind is QuantityKind.date) for q in found]
    for position, match in enumerate(_WORD.finditer(text)):
        read = _read_word(match.group())
        if alternatives and any(start <= match.start() < end for start, end in alternatives):
            rejected.update(read.stems)  # and words still: "damaged rather than destroyed" is about destruction
        if read.negation:
            negated = not denied
        if spans:
            within = _date_within(spans, match.start())
            if within is not None and (within or read.figure):
                continue  # the figure itself, already in numbers or dates
        if read.date is not None:
            dates.add(read.date)
            continue
        if read.names:
            # The place's one name, as its full form gives it: "EU" / "European Union" and "Kiev" / "Kyiv" alike.
            names.update(read.names)
            words.update(read.stems)
            ordered.extend(read.stems)
            continue
        if not read.stems:
            continue  # a stopword
        if read.name is not None:
            (lead if position == 0 else names).add(read.name)
        words.add(read.stems[0])
        ordered.append(read.stems[0])
    return Signature(
        words=frozenset(words),
        numbers=frozenset(numbers),
        dates=frozenset(dates),
        names=frozenset(names),
        lead=frozenset(lead - names),
        text=" ".join([*ordered, *sorted(numbers)]),
        vector=load_model().vector(text),
        negated=negated,
        source=source,
        bounded=frozenset(bounded),
        restated=frozenset(_restated(text, amounts)),
        conditional=_CONDITION.search(text) is not None,
        rejected=frozenset(rejected),
    )


class _Word(NamedTuple):
    """What one word (as written) gives a signature, wherever it stands (see :func:`_read_word`)."""

    negation: bool  # "not", "never", "can't"
    figure: bool  # a word a figure is written with ("million", "thousand"): within a figure, part of it
    date: str | None  # a month or a weekday, as a date part
    names: tuple[str, ...]  # a place's one name (an alias or an older spelling), with its words' stems
    stems: tuple[str, ...]  # the word's stem (none for a stopword), or its name's
    name: str | None  # capitalised: the name it may be (the lead if first, else one of the names)


@functools.lru_cache(maxsize=1 << 16)  # news reuses its words: each is read once (a third of a signature's time)
def _read_word(written: str) -> _Word:
    """What a word matched by ``_WORD`` gives a signature, but for where it stands: whether it is part of a figure
    there, and whether it is the claim's first word (a capitalised first word is its lead, not a name)."""
    word = written.strip(".'")
    lower = word.lower()
    negation = lower in _NEGATIONS or lower.endswith("n't")
    figure = lower in _FIGURE_WORDS
    if lower in _MONTHS and word[0].isupper():
        return _Word(negation, figure, f"month:{_MONTHS[lower]}", (), (), None)
    if lower in _WEEKDAYS:
        return _Word(negation, figure, f"day:{lower}", (), (), None)
    named = _NAME_SUFFIXES.sub("", lower)  # "EU's" is the EU
    same = _SPELLINGS.get(named) if word[0].isupper() else None
    if same is None and word[: len(named)].isupper():
        same = _ALIASES.get(named)
    if same is not None:
        return _Word(negation, figure, None, tuple(same), tuple(_stem(part) for part in same), None)
    if lower in _STOPWORDS:
        return _Word(negation, figure, None, (), (), None)
    # "Dravonia's eastern regions" names Dravonia: a possessive is no other name, and must not veto;
    # nor does "a Belmarre-based clearing house" name anything but Belmarre.
    name = named if word[0].isupper() and lower not in _NOT_NAMES else None
    return _Word(negation, figure, None, (), (_stem(lower),), name)


# What a claim sets aside: "rather than frozen Russian assets", "instead of a grant", as far as the clause goes.
_ALTERNATIVE = re.compile(r"\b(?:rather\s+than|instead\s+of)\s+(?P<rest>[^,;:.()\[\]]+)", re.IGNORECASE)
_CLAUSE_ENDS = re.compile(r"\s(?:but|while|and\s+(?:would|will|is|was|has|had|said|says))\b", re.IGNORECASE)


def _alternatives(text: str) -> list[tuple[int, int]]:
    """Where ``text`` names what it sets aside (see ``Signature.rejected``); most claims name nothing."""
    if "rather" not in text and "instead" not in text and "Rather" not in text and "Instead" not in text:
        return []
    found = []
    for match in _ALTERNATIVE.finditer(text):
        end = _CLAUSE_ENDS.search(text, match.start("rest"), match.end("rest"))
        found.append((match.start("rest"), end.start() if end else match.end("rest")))
    return found


# Words that make a statement conditional.
_CONDITION = re.compile(r"\b(?:if|unless|provided that|on condition that|as long as)\b", re.IGNORECASE)


# What stands between a figure and its restatement in other units: "2.6 billion crowns (230 million euros)",
# "14 nautical miles (about 26 km)"; and after it, the closing bracket.
_RESTATEMENT_OPENS = re.compile(r"\s*\(\s*(?:(?:about|around|roughly|some|nearly|almost|or|approximately)\s+|~\s*)?")
_RESTATEMENT_CLOSES = re.compile(r"\s*\)")


def _restated(text: str, amounts: Sequence[Quantity]) -> list[str]:
    """Each figure of ``amounts`` that the next restates in brackets in other units, as "stated>restated"."""
    found = []
    for stated, restated in zip(amounts, amounts[1:]):
        if stated.unit == restated.unit:
            continue  # "12 soldiers (three of them officers)" restates nothing
        if _RESTATEMENT_OPENS.fullmatch(text, stated.end, restated.start) and _RESTATEMENT_CLOSES.match(text, restated.end):
            first, second = _number(stated), _number(restated)
            if first != second:
                found.append(f"{first}>{second}")
    return found


def _shares_in_words(amounts: Sequence[Quantity], bounded: set[str]) -> list[str]:
    """The ``bounded`` marks of the shares ``amounts`` write in words ("more than a fifth", "a third"): after
    :data:`IN_WORDS`, and, unhedged, after :data:`ABOUT`: "a fifth" is about 20%, as a writer rounds 22% to it."""
    marks = []
    for amount in amounts:
        if amount.unit != "percent" or _HAS_DIGIT.search(amount.text):
            continue
        figure = _number(amount)
        marks.append(IN_WORDS + figure)
        if amount.bound not in _BOUND_MARKS:
            marks.append(ABOUT + figure)
    return marks


def _names_a_pair(text: str, quantity: Quantity) -> bool:
    """ "The two sides", "the country's two main parties": a pair the reader already knows of, not a figure the
    claim states ("the two sides agreed to swap 500 prisoners each" / "a thousand prisoners are to be freed")."""
    if _number(quantity) != "2":  # two of a kind: not two dollars, two percent or two days
        return False
    return _BEFORE_A_PAIR.search(text, max(0, quantity.start - 12), quantity.start) is not None


def _date_within(spans: list[tuple[int, int, bool]], offset: int) -> bool | None:
    """Whether the first quantity written over ``offset`` (``spans``: each one's start, end, and whether it is a
    date) is a date; None where none is."""
    for start, end, is_date in spans:
        if start <= offset < end:
            return is_date
    return None


def _number(quantity: Quantity) -> str:
    """An amount as the signature compares it: its value, and its unit when the unit says what the number is
    (a currency, percent, a measure), not what it counts. The bound ("about", "at least") is left out."""
    unit, value = quantity.unit or "", float(quantity.value or 0)
    period = f"{PERIOD}{quantity.period}" if quantity.period else ""  # "$2,000 a month" is not "$2,000 a year"
    if unit in _CONVERSIONS:
        canonical, factor = _CONVERSIONS[unit]
        return f"~{value * factor:.6g}{canonical}{period}"
    if unit == "point" and not _points_of_figure(quantity.text):
        unit = ""  # what it counts: "five crossing points"
    mark = _UNIT_MARKS.get(unit) or (unit.lower() if unit.isupper() or is_measure(unit) else "")
    return f"{value:g}{mark}{period}"


def _points_of_figure(written: str) -> bool:
    """ "Points" right after the figure ("by two points", "1.5 points"): the points a rate or a poll moved, not the
    counted noun of "five crossing points" (which read as percentage points vetoed "five crossings")."""
    words = written.lower().split()
    return len(words) >= 2 and (words[-2][-1].isdigit() or words[-2] in _FIGURE_WORDS)


# A time of day: "4:15 a.m.", "04:15", "22:15", "10.15pm", "4am", "10 p.m."; with a full stop, British style, only
# with "am" or "pm" or after "at" and before a day or a time zone ("at 4.20 on Tuesday", not "at 4.20 euros").
_TIME_OF_DAY = re.compile(
    r"(?<=\bat )(?P<at_hour>[012]?\d)\.(?P<at_minute>[0-5]\d)(?=\s+(on|local time|GMT|BST|UTC|CET|EET)\b)"
    r"|\b(?P<hour>[012]?\d)(?:(?::(?P<minute>[0-5]\d))|(?:\.(?P<dotted>[0-5]\d)(?=\s?[ap]\.?m\b)))?"
    r"(?:\s?(?P<half>[ap])\.?m\b\.?)?",
    re.IGNORECASE,
)


_HAS_DIGIT = re.compile(r"\d")
# What every time of day _TIME_OF_DAY reads has: a digit, then ":" or "." and a digit ("4:15", "8.50 a.m.", "at
# 4.20 on"), or "am" or "pm" ("4am", "10 p.m.").
_TIME_HINT = re.compile(r"\d(?:[:.]\d|\s?[aApP]\.?[mM]\b)")


def _times_of_day(text: str) -> dict[str, tuple[int, int]]:
    """The times of day ``text`` gives, as "time:HH:MM" on a 24-hour clock ("4:15 a.m." and "04:15" are one time),
    each with where it is written. Only evidence that two claims tell of one moment, never a veto ("shortly after
    4am" / "at 4:15"); the hour is no figure of the claim ("at 6am")."""
    if not _TIME_HINT.search(text):  # most claims give no time, and the pattern is slow
        return {}
    found = {}
    for match in _TIME_OF_DAY.finditer(text):
        if match["at_hour"] is not None:
            found[f"{TIME}{int(match['at_hour']):02d}:{match['at_minute']}"] = match.span()
            continue
        minute, half = match["minute"] or match["dotted"], match["half"]
        if minute is None and half is None:
            continue  # a bare number
        hour = int(match["hour"])
        if half is not None:
            if not 1 <= hour <= 12:
                continue
            hour = hour % 12 + (12 if half.lower() == "p" else 0)
        elif hour > 23:
            continue
        found[f"{TIME}{hour:02d}:{minute or '00'}"] = match.span()
    return found


# A quarter or half of a (fiscal) year: "Q1", "H2", "the first quarter", "third-quarter", "the second half".
_FISCAL_PERIOD = re.compile(
    r"\b(?:(?P<q>Q[1-4])|(?P<h>H[12])|(?P<ordinal>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?P<part>quarter|half))\b",
    re.IGNORECASE,
)
# What every period _FISCAL_PERIOD reads has.
_QUARTER_OR_HALF = re.compile(r"[QqHh][1-4]|[Qq][Uu][Aa][Rr][Tt][Ee][Rr]|[Hh][Aa][Ll][Ff]")
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


def _fiscal_periods(text: str) -> set[str]:
    """The quarters and halves of a year ``text`` names, as date parts ("quarter:1", "half:2"): "profit fell 12%
    in the first quarter" and "... in the second quarter" are two results, whatever else they share."""
    found: set[str] = set()
    if not _QUARTER_OR_HALF.search(text):  # most claims name neither, and the pattern is slow
        return found
    for match in _FISCAL_PERIOD.finditer(text):
        if match["q"]:
            found.add(f"quarter:{match['q'][1]}")
        elif match["h"]:
            found.add(f"half:{match['h'][1]}")
        else:
            number = _ORDINALS[match["ordinal"].lower()]
            if match["part"].lower() == "quarter" or number <= 2:
                found.add(f"{match['part'].lower()}:{number}")
    return found


TIME_KIND = "time"
TIME = f"{TIME_KIND}:"


def _in_times(quantity: Quantity, times: dict[str, tuple[int, int]]) -> bool:
    """The amount is written within a time of day, or the time within it: "at about 8.50 a.m." is an amount "about
    8.50" that starts before the time "8.50 a.m." does, and states no figure either."""
    return any(quantity.start < end and start < quantity.end for start, end in times.values())


def _date_parts(iso: str) -> list[str]:
    """ "2022-02-24" -> year, month and day apart, so "February 24" and "Feb. 24, 2022" differ in nothing."""
    year, _, rest = iso.partition("-") if not iso.startswith("--") else ("", "", iso[2:])
    month, _, day = rest.partition("-")
    parts = [f"year:{int(year)}"] if year else []
    parts += [f"month:{int(month)}"] if month else []
    return parts + ([f"date:{int(day)}"] if day else [])


@functools.lru_cache(maxsize=1 << 16)  # news reuses its words: each is stemmed once
def _stem(word: str) -> str:
    """A crude, consistent stem: enough for "evacuated"/"evacuate", "homes"/"home"."""
    word = word.removesuffix("'s")
    for suffix, replacement in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("e", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + replacement
    return word
