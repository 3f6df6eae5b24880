"""The numbers in a claim's text as structured values: :func:`find_quantities`.

"at least 11,000 soldiers" -> ``Quantity(value=11000, unit="soldier", bound=at_least)``;
"$2,000 per soldier each month" -> ``value=2000, unit="USD", per="soldier", period="month"``.
Written figures are normalised so that the same number compares equal
however it is written: "11,000", "eleven thousand" and "11k" are 11000
("two thousand six hundred" is 2600);
"$22 billion" and "22 billion dollars" are 22000000000 USD; "40%", "40
percent" are 40 percent, and "two-thirds" or "half" of something are
66.6667 and 50 percent, and "two in five" 40 percent; "25 basis points",
"25bp" and "a quarter of a percentage point" are 0.25 percentage point;
"47.3 degrees Celsius", "47.3C" and "47.3°C" are 47.3 °C. An "m" written onto a
figure is a million ("Sales reached 2.17m", "2m people", "passed the 2m mark") unless a dimension
says metres ("2.17m tall", "a 3m-high wall", "a 40m wall", "500m from the border", "at 15,000m") or it is
a race's distance ("He won the 100m.", "the 110m hurdles"); an
"nm" is nanometres beside a chip or light ("7nm chips", "450nm light") and
nautical miles elsewhere ("12nm off the coast"). The ends of a range share
the unit and scale written at one end only: "3-4%" is 3 and 4 percent,
"between 3 and 4 million" 3 and 4 million.

Calendar dates ("Feb. 24, 2022", "March 2023", "in 2019") are kept, with
``kind="date"`` and an ISO 8601 ``date``: a date is not a quantity of
anything, but two claims that differ only in their date are different facts,
which clustering needs to see. Durations ("eight years", "a 30-minute call",
"within a day") are amounts with a time unit. Not quantities at all, and left out: ordinals
("first", "62nd"), identifiers ("Article 5", "No. 84", "F-16", "G7"),
decades ("the 1990s"), clock times, phone numbers and the pronoun "one"
("one of the largest", "the one it advertises").

The parser reads the text alone with regular expressions and word lists:
no spaCy, so it runs wherever records are read (migrating old stores,
clustering, commands that must start fast). ``benchmarks/quantities.py``
compares it with quantulum3 and spaCy's entities on precision, recall and
speed.

Bounds: "about", "around", "roughly", "approximately", "some", "an
estimated", "~" and "or so" are approximate; "at least", "more than",
"over", "above", "upwards of", "+", "or more" and vague plurals ("thousands
of", "tens of thousands of", "dozens of") are at least; "up to", "fewer
than", "less than", "under", "below", "as many as", "nearly", "almost" and
"or fewer" are at most ("nearly 400" says the figure is just under 400).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, NamedTuple

from .models import Bound, Quantity, QuantityKind

__all__ = ["Bound", "Quantity", "QuantityKind", "find_quantities", "is_measure"]


class _Token(NamedTuple):
    text: str
    start: int
    end: int
    kind: str  # "num", "word" or "sym"

    @property
    def low(self) -> str:
        return self.text.lower()


_TOKENS = re.compile(r"(?P<num>\d+(?:[.,]\d+)*)|(?P<word>[^\W\d_]+)|(?P<sym>\S)")
# Three or more groups of digits with spaces, dots or dashes between them, nine
# digits or more in all: a phone number, not three figures.
_PHONE = re.compile(r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,5}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,5}){2,}")
# Digits grouped in thousands ("250,000"), or a plain number.
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_THOUSANDS = re.compile(_GROUPED.pattern + r"|\d+(?:\.\d+)?")

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12, "dozen": 12}
# Written straight after a figure: "11k", "$5bn", "2.3m" (m only when no dimension makes it metres: see
# _Scanner._millions).
_SUFFIX_SCALES = {"k": 1000, "bn": 10**9, "b": 10**9, "mn": 10**6, "mln": 10**6, "tn": 10**12, "trn": 10**12}
# "thousands of", "tens of thousands of": at least that many.
_VAGUE = {"dozens": 24, "hundreds": 100, "thousands": 1000, "millions": 10**6, "billions": 10**9}
_FRACTIONS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5, "sixth": 6,
    "sixths": 6, "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
}  # fmt: skip

_CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB", "₴": "UAH", "¥": "JPY", "₹": "INR"}
_CURRENCY_CODES = {"USD", "EUR", "GBP", "RUB", "UAH", "CNY", "JPY", "CHF", "INR", "TRY"}
_CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP",
    "sterling": "GBP", "ruble": "RUB", "rubles": "RUB", "rouble": "RUB", "roubles": "RUB", "hryvnia": "UAH",
    "hryvnias": "UAH", "hryvnas": "UAH", "yuan": "CNY", "renminbi": "CNY", "yen": "JPY", "francs": "CHF",
    "lira": "TRY", "liras": "TRY", "rupees": "INR",
}  # fmt: skip
# Currencies written as a word after the figure with no code of their own here: "310m crowns" is money, so
# its "m" is a million, not metres.
_MONEY_NOUNS = {"crowns", "kronor", "kroner", "korunas", "zlotys", "zloty", "forints", "lei", "dinars", "shekels", "pesos"}
# Case matters for symbols ("m" is not "M"): these are matched as written.
_MEASURES = {
    "km": "km", "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km", "miles": "mile",
    "mile": "mile", "metres": "m", "meters": "m", "kg": "kg", "kilograms": "kg", "tonnes": "tonne",
    "tons": "tonne", "tonne": "tonne", "kV": "kV", "kW": "kW", "MW": "MW", "GW": "GW", "kWh": "kWh",
    "MWh": "MWh", "GWh": "GWh", "TWh": "TWh", "mph": "mph", "bcm": "bcm", "hectares": "hectare", "acres": "acre",
    # Singular after a hyphen ("a 40-metre wall", "a 5-hectare plot"), and the abbreviations reports print.
    "metre": "m", "meter": "m", "hectare": "hectare", "ha": "hectare", "acre": "acre",
    "litres": "litre", "liters": "litre", "litre": "litre", "liter": "litre", "km²": "km2", "m³": "m3", "km³": "km3",
    # Spelled out: "a 750-kilovolt line" is "750 kV".
    "kilovolt": "kV", "kilovolts": "kV", "kilowatt": "kW", "kilowatts": "kW", "megawatt": "MW", "megawatts": "MW",
    "gigawatt": "GW", "gigawatts": "GW",
    # Altitudes and depths in feet ("49,000 feet", "a 5,000-foot runway", "800 ft"); the sea's miles are
    # nautical ("12 nautical miles", "28 nmi"): 1.852 km, not the land's 1.609.
    "feet": "foot", "foot": "foot", "ft": "foot", "nmi": "nautical mile",
    # A chip's process and a light's wavelength; "nm" alone may be either these or nautical miles (see _Scanner._nm).
    "nanometres": "nm", "nanometers": "nm", "nanometre": "nm", "nanometer": "nm",
}  # fmt: skip
# Words beside an "nm" that make it nanometres ("7nm chips", "a 3nm process", "450nm light"): a ship's or a
# plane's "12nm" is nautical miles, the unit shipping and aviation write it in.
_NANOMETRE_CONTEXT = {
    "chip", "microchip", "chipset", "processor", "process", "node", "wafer", "semiconductor", "transistor", "foundry",
    "lithography", "technology", "wavelength", "light", "laser", "ultraviolet", "infrared", "euv",
}  # fmt: skip
# Words after an "m" written onto a figure that make it metres: "2.17m tall", "a 3m-high wall", "rose 1.5m above
# the banks", "2m in length". Without one, a figure's "m" is a million ("Sales reached 2.17m").
_DIMENSIONS = {
    "tall", "taller", "high", "higher", "long", "longer", "deep", "deeper", "wide", "wider", "thick", "across",
    "above", "below", "beneath", "underground", "underwater", "away", "offshore", "inland", "downstream",
}  # fmt: skip
# Words a little before a figure's "m" at the end of a clause that make it a length ("the river will crest at
# 9.8m", "a depth of 800m", "he jumped 2.3m").
_LENGTH_WORDS = {
    "height", "length", "depth", "width", "diameter", "altitude", "elevation", "distance", "radius", "level",
    "levels", "river", "crest", "crested", "tide", "wave", "waves", "water", "waters", "deep", "high", "tall",
    "long", "wide", "jump", "jumped", "jumps", "stands", "measures", "measured", "metres", "meters", "cleared",
    "clears", "vaulted", "threw", "throws",
}  # fmt: skip
# Words a little before a figure's "m" that make it a sum, not a race: "The club paid the 60m.", "raised the 80m".
_PAYING_WORDS = {
    "paid", "pay", "pays", "repaid", "repay", "spent", "spend", "spends", "raised", "raise", "owed", "owes", "owe",
    "cost", "costs", "borrowed", "lent", "invested", "fined", "fine", "earned", "worth", "valued", "budget",
}  # fmt: skip
# Words after a figure's "m" that make it a race's distance, plural ones too: "the 110m hurdles", "the 200m
# finals" (singular ones, "the 100m final", are lengths as any thing it measures is).
_EVENTS = {
    "final", "finals", "semifinal", "semifinals", "race", "races", "record", "heat", "heats", "hurdles", "relay",
    "relays", "freestyle", "backstroke", "breaststroke", "butterfly", "medley", "sprint", "sprints", "dash", "title",
    "gold", "silver", "bronze", "champion",
}  # fmt: skip
# Words after a figure's "m" that make it a count passing a round number: "Subscribers passed the 2m mark".
_MILESTONES = {"mark", "milestone", "threshold"}
# What ends a clause after a figure's "m" (see _Scanner._ends_clause).
_CLAUSE_ENDS = frozenset(".,;:)!?")
# Words after a figure's "m" that say when, not what it measures: "Sales reached 2.17m yesterday" is a million.
_WHEN = {"yesterday", "today", "tonight", "tomorrow", "apiece", "altogether"}
# And words before a date or a period after it: "2.17m in March", "4.5m on Sunday", "3m last year".
_WHEN_BEFORE = {"in", "on", "by", "since", "until", "before", "after"}
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_PERIOD_NOUNS = {"year", "month", "week", "day", "quarter", "decade"}
# Temperatures: "47.3 degrees Celsius", "47.3C", "47.3°C"; a bare "40 degrees" says no scale and stays a count.
_TEMPERATURE_SCALES = {"celsius": "°C", "centigrade": "°C", "c": "°C", "fahrenheit": "°F", "f": "°F"}
_MEASURE_UNITS = frozenset([*_MEASURES.values(), *_TEMPERATURE_SCALES.values(), *(unit + "2" for unit in ("km", "mile"))])
# Written with a power after a unit, touching it: "12 km2", "800 m3".
_POWERS = {("km", "2"): "km2", ("m", "3"): "m3", ("km", "3"): "km3"}
_PERIODS = {"second", "minute", "hour", "day", "week", "month", "quarter", "year", "decade", "century"}
# "Within a day", "for a week", "in less than a year": one such span, a duration. Not "a second" ("in a second
# round") or "a minute", and not after a figure ("$2,000 a month" is a rate).
_ONE_SPAN = {"hour", "day", "week", "month", "year", "decade"}
_SPAN_BEFORE = {"within", "for", "in", "over", "after", "than"}
_PERIOD_ADVERBS = {"hourly": "hour", "daily": "day", "weekly": "week", "monthly": "month", "annually": "year", "yearly": "year"}
_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip

# Bound words before a figure, longest first so "no more than" wins over "more than".
_BOUND_PHRASES = {
    Bound.approximate: "about|around|roughly|approximately|some|an estimated|estimated|circa|close to|~",
    Bound.at_least: "at least|more than|over|above|upwards of|in excess of|no fewer than|no less than|not less than|exceeding",
    Bound.at_most: "up to|fewer than|less than|under|below|at most|no more than|not more than|as many as|as much as"
    "|nearly|almost|just under",
}
_BOUNDS_BEFORE = sorted(
    ((phrase.split(), bound) for bound, phrases in _BOUND_PHRASES.items() for phrase in phrases.split("|")),
    key=lambda item: -len(item[0]),
)
_BOUNDS_AFTER = {
    ("or", "more"): Bound.at_least,
    ("or", "fewer"): Bound.at_most,
    ("or", "less"): Bound.at_most,
    ("or", "so"): Bound.approximate,
}

# Words that end the noun a figure counts ("11,000 soldiers to join": "to").
_STOP_WORDS = (
    "a an the and or but nor of to in on at for from by with as into onto than that which who whom whose what when where "
    "is are was were be been being has have had will would could should may might must can do does did not no it its "
    "their his her our my your this these those there here per each every while since after before during until including "
    "across against over under more less most least so such also still only just about around all both some any last next "
    "ago later earlier if then than because though although whether via among between within without toward towards "
    "amid despite according said says say told reported another"
)
_STOP = frozenset(_STOP_WORDS.split())
_IRREGULAR = {"people": "person", "children": "child", "men": "man", "women": "woman", "personnel": "personnel",
              "police": "police", "staff": "staff", "aircraft": "aircraft", "civilians": "civilian", "troops": "troop",
              "series": "series", "species": "species", "times": "time", "feet": "foot", "teeth": "tooth"}  # fmt: skip
# Words before a number that make it a name ("Article 5", "No. 84"), not a figure;
# besides these, any capitalised word that is not a month or a function word does.
_ABBREVIATIONS = {"no", "nos", "art", "vol", "ch", "sec", "fig", "p", "pp", "st", "gen", "lt", "col", "sgt", "rev"}
_NOT_NAMES = {"nearly", "almost", "roughly", "approximately", "circa", "estimated", "top"}
_DETERMINERS = {"the", "this", "that", "no", "any", "every", "each", "which", "another", "whichever", "someone", "anyone"}
_ORDINAL_WORDS = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "last", "next"}
_ORDINAL_SUFFIXES = {"st", "nd", "rd", "th"}


def find_quantities(text: str) -> list[Quantity]:
    """Every number in ``text``, in order, with offsets into ``text``. See the module docstring."""
    if not any(c.isdigit() for c in text) and not _has_number_word(text):
        return []
    return _Scanner(text).scan()


_NUMBER_WORD = re.compile(
    r"\b(?:" + "|".join([*_SMALL, *_SCALES, *_VAGUE, *_FRACTIONS, *_MONTHS]) + r")\b"
    r"|\b(?:" + "|".join(_SPAN_BEFORE) + r")\s+an?\s+(?:" + "|".join(_ONE_SPAN) + r")\b",
    re.IGNORECASE,
)


# Between the two ends of a range: "3 to 4 percent", "5-6%", "between 3 and 4 million", "$3-4bn".
_RANGE_BETWEEN = re.compile(r"\s*(?:-|–|—|to|and|or)\s*", re.IGNORECASE)
_SCALE_WRITTEN = re.compile(r"(?<=[\d\s])(thousand|million|billion|trillion|bn|mn|tn|k|m)\b", re.IGNORECASE)


def _ranges_completed(text: str, found: list[Quantity]) -> list[Quantity]:
    """The ends of each range, each with the unit, rate and scale written at the other end only: in "3 to 4
    percent" the 3 is 3 percent, and in "$3-4bn" both ends are billions of dollars."""
    completed = list(found)
    for n in range(len(completed) - 1):
        first, second = completed[n], completed[n + 1]
        if first.kind is not QuantityKind.amount or second.kind is not QuantityKind.amount:
            continue
        if _RANGE_BETWEEN.fullmatch(text, first.end, second.start) is None:
            continue
        # The first end gives its unit to the second only when it is money written before it ("$3-4bn"):
        # in "by 25 basis points to 4.5" the 4.5 is no change in points.
        first, second = _with_unit_of(first, second), (_with_unit_of(second, first) if _is_money(first) else second)
        if first.unit == second.unit or first.unit is None:  # not "fell 11% to 4.3 billion euros": two figures
            completed[n], completed[n + 1] = _with_scale_of(first, second), _with_scale_of(second, first)
    return completed


def _is_money(quantity: Quantity) -> bool:
    return quantity.unit in _CURRENCY_CODES


def _says_what_kind(unit: str) -> bool:
    """A unit that makes a number a share, a sum, a measure or a time ("percent", "USD", "km", "week"), which a
    range states once for both ends; not a counted noun ("voted 19-15 along party lines", "a 3 to 1 margin")."""
    return unit in {"percent", "percentage point"} or unit in _CURRENCY_CODES or is_measure(unit) or unit in _PERIODS


def _with_unit_of(end: Quantity, other: Quantity) -> Quantity:
    """``end`` of a range, with the unit and rate only the ``other`` end writes."""
    if end.unit is not None or other.unit is None or not _says_what_kind(other.unit):
        return end
    return end.model_copy(update={"unit": other.unit, "per": end.per or other.per, "period": end.period or other.period})


def _with_scale_of(end: Quantity, other: Quantity) -> Quantity:
    """``end`` of a range, with the scale only the ``other`` end writes ("3 to 4 million": 3 million)."""
    scale = _SCALE_WRITTEN.search(other.text)
    if scale is None or _SCALE_WRITTEN.search(end.text) is not None or end.value is None or end.value >= 1000:
        return end  # "$500,000 to more than $1 million": 500,000 is written whole
    word = scale.group().lower()
    if word == "m" and other.unit == "m":
        return end  # "3-4m high": the "m" is the metres both ends share, no million
    factor = _SCALES.get(word) or _SUFFIX_SCALES.get(word, 10**6)
    return end.model_copy(update={"value": _plain(Decimal(str(end.value)) * factor)})


def is_measure(unit: str) -> bool:
    """Whether ``unit`` is a measure ("km", "MW", "tonne"), not a currency, percent or a counted noun."""
    return unit in _MEASURE_UNITS


def _has_number_word(text: str) -> bool:
    # Most sentences have no number at all: one regular expression spares them the tokenizer.
    return _NUMBER_WORD.search(text) is not None


def _decimal(figure: str) -> Decimal | None:
    """ "11,000" -> 11000, "1.3" -> 1.3; None for "1,2,3" and other lists."""
    if not _THOUSANDS.fullmatch(figure):
        return None
    return Decimal(figure.replace(",", ""))


def _plain(value: Decimal) -> int | float:
    """An int when whole, else a float rounded to 4 places (two-thirds: 66.6667)."""
    if value == value.to_integral_value():
        return int(value)
    return float(round(value, 4))


def singular(word: str) -> str:
    """ "soldiers" -> "soldier", "bodies" -> "body", "people" -> "person"; lower case."""
    low = word.lower()
    if low in _IRREGULAR:
        return _IRREGULAR[low]
    if low.endswith("ies") and len(low) > 4:
        return low[:-3] + "y"
    if low.endswith(("sses", "xes", "ches", "shes", "zzes")):
        return low[:-2]
    if low.endswith("s") and not low.endswith(("ss", "us", "is")):
        return low[:-1]
    return low


_LY_NOUNS = {"family", "supply", "ally", "assembly", "rally", "anomaly", "monopoly", "reply", "italy", "july", "belly"}


def _ends_noun_phrase(low: str) -> bool:
    """A function word, an adverb or a number word: the counted noun is not beyond it."""
    if low in _STOP or low in _SMALL or low in _SCALES or low in _VAGUE:
        return True
    return low.endswith("ly") and low not in _LY_NOUNS


def _looks_plural(word: str) -> bool:
    low = word.lower()
    if low in _IRREGULAR:
        return True
    return low.endswith("s") and not low.endswith(("ss", "us", "is", "ous", "'s")) and len(low) > 2


class _Figure(NamedTuple):
    """A number as read so far: its value, the token after it, and the bound its wording implies."""

    value: Decimal
    next: int
    bound: Bound = Bound.exact
    unit: str | None = None
    plain_year: bool = False  # written as a bare 4-digit integer that could be a year


# The words a date or an amount can start with: a month (_date_at), or a figure written in words (_figure
# reads these in _words, _vague and _fraction). A reading that starts at another word must be added here.
_STARTING_WORDS = frozenset([*_MONTHS, *_SMALL, "a", "an", "tens", *_VAGUE, "half", "halves"])


class _Scanner:
    """One pass over a text's tokens, left to right, each token read at most once as part of a quantity."""

    def __init__(self, text: str) -> None:
        self.text = text
        masked = [m.span() for m in _PHONE.finditer(text) if sum(c.isdigit() for c in m.group()) >= 9]
        self.tokens = [
            _Token(m.group(), m.start(), m.end(), m.lastgroup or "sym")
            for m in _TOKENS.finditer(text)
            if not any(s <= m.start() < e for s, e in masked)
        ]
        self.floor = 0  # no quantity may reach back before this token (the end of the last one)

    def scan(self) -> list[Quantity]:
        found: list[Quantity] = []
        i = 0
        while i < len(self.tokens):
            match = (self._date_at(i) or self._relay_at(i) or self._amount_at(i)) if self._may_start(i) else None
            if match is None:
                i += 1
                continue
            quantity, i = match
            found.append(quantity)
            self.floor = i
        return _ranges_completed(self.text, found)

    def _may_start(self, i: int) -> bool:
        """Whether a date or an amount can start at token i: most words are passed over without trying each reading."""
        token = self.tokens[i]
        if token.kind == "num" or token.text in _CURRENCY_SYMBOLS or token.text in _CURRENCY_CODES or token.text == "US":
            return True
        return token.kind == "word" and token.low in _STARTING_WORDS

    # -- tokens ------------------------------------------------------------------

    def tok(self, i: int) -> _Token | None:
        return self.tokens[i] if 0 <= i < len(self.tokens) else None

    def low(self, i: int) -> str:
        token = self.tok(i)
        return token.low if token else ""

    def touching(self, i: int, j: int) -> bool:
        """Tokens i and j (j = i + 1) are written with nothing between them."""
        a, b = self.tok(i), self.tok(j)
        return a is not None and b is not None and a.end == b.start

    def is_word(self, i: int) -> bool:
        token = self.tok(i)
        return token is not None and token.kind == "word"

    def quantity(self, first: int, last: int, **fields: Any) -> Quantity:
        start, end = self.tokens[first].start, self.tokens[last].end
        return Quantity(text=self.text[start:end], start=start, end=end, **fields)

    # -- dates -------------------------------------------------------------------

    def _month(self, i: int) -> tuple[int, int] | None:
        """(month, next token) for a capitalised month name at i, with its abbreviation's dot."""
        token = self.tok(i)
        if token is None or token.kind != "word" or not token.text[0].isupper() or token.low not in _MONTHS:
            return None
        after = i + 1
        if self.low(after) == "." and self.touching(i, after) and len(token.text) <= 4:
            after += 1
        return _MONTHS[token.low], after

    def _day(self, i: int) -> tuple[int, int] | None:
        token = self.tok(i)
        if token is None or token.kind != "num" or not token.text.isdigit() or not 1 <= int(token.text) <= 31:
            return None
        after = i + 1
        if self.low(after) in _ORDINAL_SUFFIXES and self.touching(i, after):
            after += 1
        return int(token.text), after

    def _year(self, i: int) -> int | None:
        token = self.tok(i)
        if token is None or token.kind != "num" or len(token.text) != 4 or not token.text.isdigit():
            return None
        year = int(token.text)
        return year if 1000 <= year <= 2199 else None

    def _date_at(self, i: int) -> tuple[Quantity, int] | None:
        """ "Feb. 24, 2022", "February 28", "March 2023", "12 March 2021", "Jan. 23–24"."""
        month = self._month(i)
        if month is not None:
            number, after = month
            day = self._day(after)
            if day is not None and self._year(after) is None:
                return self._dated(i, day[1], month=number, day=day[0])
            return self._dated(i, after, month=number) if self._year(after) is not None else None
        day = self._day(i)
        if day is not None and (month := self._month(day[1])) is not None:
            return self._dated(i, month[1], month=month[0], day=day[0])
        return None

    def _dated(self, first: int, after: int, *, month: int, day: int | None = None) -> tuple[Quantity, int]:
        """The date from ``first``, its year read at ``after`` when written ("24, 2022" or " 2022")."""
        last = after - 1
        if day is not None and self.low(after) in {"–", "-"} and self.touching(last, after) and self._day(after + 1):
            after += 2  # a range of days: the first day is the date
            last = after - 1
        comma = 1 if self.low(after) == "," else 0
        year = self._year(after + comma)
        if year is not None:
            last = after + comma
        iso = f"{year:04d}" if year is not None else "-"
        iso += f"-{month:02d}" + (f"-{day:02d}" if day is not None else "")
        quantity = self.quantity(first, last, kind=QuantityKind.date, date=iso)
        return quantity, last + 1

    # -- amounts -----------------------------------------------------------------

    def _relay_at(self, i: int) -> tuple[Quantity, int] | None:
        """ "the 4x100m relay", "the 4 x 400m": a relay's legs, each of a distance in metres. The count of legs is
        no amount (it read as a bare 4, and "x100m" as a name)."""
        legs, distance = self.tok(i), self.tok(i + 2)
        if legs is None or not legs.text.isdigit() or not 2 <= int(legs.text) <= 10 or self.low(i + 1) not in ("x", "×"):
            return None
        if distance is None or not distance.text.isdigit() or self.low(i + 3) != "m" or not self.touching(i + 2, i + 3):
            return None
        if self.is_word(i + 4) and self.touching(i + 3, i + 4):
            return None  # "4x100mph": no metres
        return self.quantity(i + 2, i + 3, value=int(distance.text), unit="m"), i + 4

    def _amount_at(self, i: int) -> tuple[Quantity, int] | None:
        currency, start = self._currency_before(i)
        figure = self._figure(start)
        if figure is None or (currency is None and self._is_name(i)):
            return None
        figure = self._with_scale(figure, after_currency=currency is not None)
        if currency is None:
            figure = self._ratio(figure) or figure
        unit, last = self._unit(figure, currency)
        bounded_unit = self._unit_after_bound(figure, last) if unit is None and currency is None else None
        if bounded_unit is not None:
            bound_after, unit, last = bounded_unit
        if unit == "basis point":  # "25 basis points" is "a quarter of a percentage point"
            figure, unit = figure._replace(value=figure.value / 100), "percentage point"
        if unit is None and figure.value == 1 and self.low(start) in {"one", "a", "an"}:
            return None  # "one of the largest", "the one it advertises"
        bound, first = self._bound_before(i, figure.bound)
        if figure.plain_year and unit is None and currency is None and bound is Bound.exact and first == i:
            return self.quantity(i, i, kind=QuantityKind.date, date=self.tokens[i].text), i + 1
        if bounded_unit is not None and bound is Bound.exact:
            bound = bound_after
        else:
            bound, last = self._bound_after(last, bound)
        per, period, last = self._rate(last, money=currency is not None or unit in _CURRENCY_CODES)
        quantity = self.quantity(first, last, value=_plain(figure.value), unit=unit, bound=bound, per=per, period=period)
        return quantity, last + 1

    def _currency_before(self, i: int) -> tuple[str | None, int]:
        """ "$", "US$", "€" or "USD" at i: (currency code, token of the figure)."""
        token = self.tok(i)
        if token is None:
            return None, i
        if token.text == "US" and self.low(i + 1) == "$" and self.touching(i, i + 1):
            return "USD", i + 2
        if token.text in _CURRENCY_SYMBOLS:
            return _CURRENCY_SYMBOLS[token.text], i + 1
        if token.text in _CURRENCY_CODES and self.tok(i + 1) is not None and self.tokens[i + 1].kind == "num":
            return token.text, i + 1
        return None, i

    def _is_name(self, i: int) -> bool:
        """A number that names something: "Article 5", "No. 84", "F-16", "G7", "IK-4", "MSC 2026"."""
        token = self.tok(i)
        if token is None or token.kind != "num":
            return False
        before = self.tok(i - 1)
        if before is None or i - 1 < self.floor:
            return False
        if self.touching(i - 1, i):
            if before.text == "-":  # "F-16", "IK-4", "COVID-19"; not "2022-23" nor "20-40"
                return self.is_word(i - 2) and self.touching(i - 2, i - 1)
            return before.kind == "word" or before.text in {"#", "№"}
        if before.text == "." and self.touching(i - 2, i - 1):
            return self.low(i - 2) in _ABBREVIATIONS
        if before.text in {"No", "Nos", "Nr"}:
            return True
        if _GROUPED.fullmatch(token.text):
            return False  # "fined Brandl 250,000 euros": no name is numbered in thousands
        if self.low(i + 1) in _SCALES and self.low(i + 1) != "dozen":
            return False  # "would cost Vostrelia 9.5 billion roubles": nothing is named "9.5 billion"
        if self._share_or_measure(i):
            return False  # "The poll put Labour 35% and Reform 29%", "Samsung 3nm chips": no name is numbered so
        return before.kind == "word" and before.text[0].isupper() and not self._ordinary_word(before.low)

    def _share_or_measure(self, i: int) -> bool:
        """Whether the number at ``i`` is a share ("35%", "35 per cent") or has a unit or a scale written onto it
        ("3nm", "5km", "2bn"), as no model or edition number is written ("Boeing 737", "MSC 2026")."""
        after = self.low(i + 1)
        if after in {"%", "percent", "pc"} or (after == "per" and self.low(i + 2) == "cent"):
            return True
        return self.touching(i, i + 1) and (after in _SUFFIX_SCALES or after in _MEASURES or after in {"m", "nm"})

    @staticmethod
    def _ordinary_word(low: str) -> bool:
        return low in _STOP or low in _MONTHS or low in _SMALL or low in _CURRENCY_WORDS or low in _NOT_NAMES

    def _figure(self, i: int) -> _Figure | None:
        token = self.tok(i)
        if token is None:
            return None
        if token.kind == "num":
            return self._digits(i)
        if token.kind == "word":
            return self._vague(i) or self._fraction(i) or self._words(i)
        return None

    def _digits(self, i: int) -> _Figure | None:
        token = self.tokens[i]
        value = _decimal(token.text)
        after = self.low(i + 1) if self.touching(i, i + 1) else ""
        if value is None or after in _ORDINAL_SUFFIXES or after == "s" or after == ":":
            return None  # "62nd", "the 1990s", "6:40"
        if self.touching(i - 1, i) and self.low(i - 1) in {":", "."}:
            return None  # the minutes of a clock time, the decimals of "No.4"
        plain = len(token.text) == 4 and token.text.isdigit() and 1000 <= int(token.text) <= 2199
        return _Figure(value, i + 1, plain_year=plain)

    def _words(self, i: int) -> _Figure | None:
        """ "eleven", "twenty-five", "a" before a scale ("a dozen"), "a year and a half"."""
        low = self.low(i)
        if low in _SMALL:
            value, after = Decimal(_SMALL[low]), i + 1
            if self.low(after) == "-" and self.low(after + 1) in _SMALL and self.touching(i, after):
                value, after = value + _SMALL[self.low(after + 1)], after + 2
            if low == "one" and self.low(i - 1) in _DETERMINERS:
                return None
            return _Figure(value, after)
        if low in {"a", "an"}:
            if self.low(i + 1) in _SCALES:
                return _Figure(Decimal(1), i + 1)
            if self.low(i + 1) in _PERIODS and [self.low(i + k) for k in (2, 3, 4)] == ["and", "a", "half"]:
                return _Figure(Decimal("1.5"), i + 5, unit=self.low(i + 1))
            if self.low(i + 1) in _ONE_SPAN and self.low(i - 1) in _SPAN_BEFORE and i - 1 >= self.floor:
                return _Figure(Decimal(1), i + 2, unit=self.low(i + 1))  # "within a day": 24 hours
        return None

    def _vague(self, i: int) -> _Figure | None:
        """ "thousands of", "tens of thousands of", "dozens of": at least so many."""
        low = self.low(i)
        if low == "tens" and self.low(i + 1) == "of" and self.low(i + 2) in _VAGUE:
            return _Figure(Decimal(10 * _VAGUE[self.low(i + 2)]), i + 3, Bound.at_least)
        if low in {"hundreds"} and self.low(i + 1) == "of" and self.low(i + 2) in {"thousands", "millions"}:
            return _Figure(Decimal(100 * _VAGUE[self.low(i + 2)]), i + 3, Bound.at_least)
        if low in _VAGUE and self.low(i + 1) == "of":
            return _Figure(Decimal(_VAGUE[low]), i + 1, Bound.at_least)
        return None

    def _fraction(self, i: int) -> _Figure | None:
        """ "half of", "two-thirds", "a third of": a share, as a percentage."""
        low = self.low(i)
        if low in {"half", "halves"}:
            if self.low(i - 1) in _ORDINAL_WORDS or self.low(i - 1) in {"the", "and"} or self.low(i - 2) == "and":
                return None  # "the second half", "a year and a half" (read with the year)
            point = self._point_after(i + 1)
            if point is not None:
                return _Figure(Decimal("0.5"), point, unit="percentage point")  # "half a percentage point"
            if self.low(i + 1) in {"a", "an"} and self.low(i + 2) in _PERIODS:
                return _Figure(Decimal("0.5"), i + 3, unit=self.low(i + 2))  # "half a year": six months
            if self.low(i + 1) in {"a", "an"} and self.low(i + 2) in _SCALES:
                return _Figure(Decimal("0.5") * _SCALES[self.low(i + 2)], i + 3)  # "half a dozen", "half a million"
            if self.low(i + 1) in {"of", "the", "its", "their", "his", "her", "a"}:
                return _Figure(Decimal(50), i + 1, unit="percent")
            return None
        count = _SMALL.get(low) if low not in {"a", "an"} else 1
        sep = 2 if self.low(i + 1) == "-" and self.touching(i, i + 1) else 1
        denominator = _FRACTIONS.get(self.low(i + sep))
        if count is None or not denominator or denominator == 2 or self.low(i + sep + 1) not in {"of", ",", ".", ""}:
            return None
        if self.low(i + sep + 1) == "of" and self.low(i + sep + 2) in {"a", "an"} and self.low(i + sep + 3) in _SCALES:
            # "a quarter of a million euros", "three quarters of a billion": a count, not a share
            return _Figure(Decimal(count) * _SCALES[self.low(i + sep + 3)] / denominator, i + sep + 4)
        point = self._point_after(i + sep + 2) if self.low(i + sep + 1) == "of" else None
        if point is not None:  # "a quarter of a percentage point": 0.25 points, not 25 percent
            return _Figure(Decimal(count) / denominator, point, unit="percentage point")
        return _Figure(Decimal(count) * 100 / denominator, i + sep + 1, unit="percent")

    def _point_after(self, i: int) -> int | None:
        """The token after "a percentage point" (or "a point") starting at i, else None."""
        if self.low(i) not in {"a", "one"}:
            return None
        i += 1
        if self.low(i) == "percentage":
            i += 2 if self.low(i + 1) == "-" else 1
        return i + 1 if self.low(i) in {"point", "points"} else None

    def _with_scale(self, figure: _Figure, *, after_currency: bool) -> _Figure:
        """Apply "thousand", "million", "bn", "k" (and "and a half") after the figure."""
        value, i = figure.value, figure.next
        if figure.unit is not None:
            return figure
        scaled = False
        if [self.low(i + k) for k in range(3)] == ["and", "a", "half"] and self.low(i + 3) in _SCALES:
            value, i = value + Decimal("0.5"), i + 3  # "nine and a half million": 9.5 million, not 9.5
        while True:
            low = self.low(i)
            if low in _SCALES and self.is_word(i):
                value, i, scaled = value * _SCALES[low], i + 1, True
                if low == "hundred" and self.low(i) == "and" and self.low(i + 1) in _SMALL and (rest := self._words(i + 1)):
                    value, i = value + rest.value, rest.next  # "two hundred and five": 205, not 200 and 5
            elif self.touching(i - 1, i) and (
                low in _SUFFIX_SCALES or (low == "m" and self._millions(value, i + 1, after_currency=after_currency))
            ):
                value, i, scaled = value * _SUFFIX_SCALES.get(low, 10**6), i + 1, True
            else:
                break
            if scaled and _SCALES.get(low, 0) >= 1000 and (rest := self._remainder(i, below=_SCALES[low])):
                value, i = value + rest.value, rest.next  # "two thousand six hundred": 2600, not 2000 and 600
        if [self.low(i + k) for k in range(3)] == ["and", "a", "half"]:
            value, i = value + Decimal("0.5"), i + 3
        bound = figure.bound
        if self.low(i) == "+" and self.touching(i - 1, i) and bound is Bound.exact:
            bound, i = Bound.at_least, i + 1  # "11,000+ members"
        return figure._replace(value=value, next=i, bound=bound, plain_year=figure.plain_year and not scaled)

    def _ratio(self, figure: _Figure) -> _Figure | None:
        """ "two in five", "1 in 10", "two in every five", "one out of four": a share, as a percentage; not "1 in
        10 days"."""
        i = figure.next
        if self.low(i) == "out" and self.low(i + 1) == "of":
            i += 1
        elif self.low(i) != "in":
            return None
        if self.low(i + 1) == "every":
            i += 1
        if figure.unit is not None or figure.value < 1 or figure.value != int(figure.value):
            return None
        whole = self.tok(i + 1)
        if whole is None or (whole.kind == "num" and not whole.text.isdigit()):
            return None
        of = Decimal(whole.text) if whole.kind == "num" else Decimal(_SMALL.get(whole.low, 0))
        if not figure.value < of <= 100 or singular(self.low(i + 2)) in _PERIODS:
            return None
        return figure._replace(value=figure.value * 100 / of, next=i + 2, unit="percent")

    def _temperature(self, i: int) -> tuple[str, int] | None:
        """(unit, last token) of a temperature's scale at i: "degrees Celsius", "°C", or "C" written onto the figure."""
        start = i
        if self.low(i) in {"degrees", "degree", "°"}:
            i += 1
        scale = self.tok(i)
        if scale is None or scale.kind != "word" or scale.low not in _TEMPERATURE_SCALES:
            return None
        spelled = len(scale.text) > 1
        if not spelled and not (scale.text.isupper() and (i > start or self.touching(i - 1, i) or self._converts(start, i))):
            return None  # "C" only as a scale's letter: "47.3C", "47.3 °C", "40 degrees C"
        return _TEMPERATURE_SCALES[scale.low], i

    def _converts(self, start: int, i: int) -> bool:
        """Whether a scale's letter apart from its figure (at ``start`` - 1) is one of a temperature and its
        conversion in brackets: "106 F (41 C)", whose figures are each a scale's, not "Grade 5 C"."""
        following = self.tok(i + 2)
        return (self.low(i + 1) == "(" and following is not None and following.kind == "num") or (
            self.low(i + 1) == ")" and self.low(start - 2) == "("
        )

    def _millions(self, value: Decimal, i: int, *, after_currency: bool) -> bool:
        """Whether an "m" written onto a figure of ``value``, before the token at ``i``, is a million: of money
        ("$32m", "9.6m crowns"), of things counted ("2m people", "1.2m shells"), or of nothing named ("Sales
        reached 2.17m.", "4.5m on Sunday", "a 2m-strong army", "passed the 2m mark"), as news writes it far
        more often than metres. It is metres with a dimension ("2.17m tall", "a 3m-high wall", "2m of snow", "a
        depth of 800m"), before the thing it measures or a place ("a 40m wall", "500m from the border"), as a
        race's distance ("He won the 100m.", "the 110m hurdles"), and after thousands ("at 15,000m": a count
        that large is written in billions); see :meth:`_measure_or_noun`."""
        if self._money(after_currency, i):
            return True
        if self.low(i) == "-" and self.touching(i - 1, i):
            return self.low(i + 1) not in _DIMENSIONS
        token = self.tok(i)
        if token is not None and token.low in _EVENTS:
            return False  # "the 110m hurdles": not 110 million hurdles
        if token is not None and token.low in _MILESTONES:
            return not self._length_before(i)  # "passed the 2m mark"
        if token is not None and token.kind == "word" and not _ends_noun_phrase(token.low) and token.low not in _WHEN:
            return _looks_plural(token.text)
        return value < 1000 and self._ends_clause(i) and not self._length_before(i) and not self._race(value, i)

    def _ends_clause(self, i: int) -> bool:
        """Whether nothing the figure measures follows its "m", before the token at ``i``: the clause ends ("Sales
        reached 2.17m.", "up from 3.9m, ..."), or says when ("4.5m on Sunday", "2.17m in March", "3m last year",
        "1.4m yesterday") or of whom ("1.2m of them"). A place or a thing after it ("500m from the border", "2m
        of snow", "2m in length") is a length, as war reports write distances."""
        after, then = self.tok(i), self.tok(i + 1)
        if after is None or (after.kind == "sym" and after.text in _CLAUSE_ENDS) or after.low in _WHEN:
            return True
        if then is None:
            return False
        if after.low in _WHEN_BEFORE:  # "2.17m in March", "1.9m in 2025", "4.5m on Sunday", "3m by Friday"
            return then.kind == "num" or then.low in _MONTHS or then.low in _WEEKDAYS
        if after.low in {"last", "this", "next", "a", "per", "each", "every"}:
            return singular(then.low) in _PERIOD_NOUNS  # "3m last year", "1.2m a month"
        return after.low == "of" and then.low in {"them", "us", "you", "whom", "which"}

    def _length_before(self, i: int) -> bool:
        """Whether a word of the few before a figure's "m", before the token at ``i``, says it is a length: "the
        river will crest at 9.8m", "a depth of 800m", "he jumped 2.3m"."""
        return any(self.low(k) in _LENGTH_WORDS for k in range(max(0, i - 8), i - 1))

    def _race(self, value: Decimal, i: int) -> bool:
        """Whether a figure's "m" at the end of a clause, before the token at ``i``, is a race's distance: a whole
        number from 50 after "the" or "a" ("He won the 100m.", "a record in the 400m", "an 800m in 1:44"), or
        after another such figure and "and" ("the 100m and 200m"). A sum so written is rare and smaller ("They
        repaid the 3m.", "the 1.5m": millions), or paid ("The club paid the 60m.")."""
        if value < 50 or value != int(value) or any(self.low(k) in _PAYING_WORDS for k in range(max(0, i - 8), i - 1)):
            return False
        before = i - 3  # the token before the figure, whose "m" is at i - 1
        figure = self.tok(before - 2)  # the figure before "and", if it has an "m" too
        if self.low(before) in {"and", "or", ","} and self.low(before - 1) == "m" and self.touching(before - 2, before - 1):
            return figure is not None and figure.kind == "num" and self._race(Decimal(figure.text.replace(",", "")), before)
        return self.low(before) in {"the", "a", "an"}

    def _money(self, after_currency: bool, i: int) -> bool:
        """Whether a figure, after a currency sign or before the word at ``i``, is a sum of money."""
        return after_currency or self.low(i) in _CURRENCY_WORDS or self.low(i) in _MONEY_NOUNS

    def _remainder(self, i: int, *, below: int) -> _Figure | None:
        """The written number at i that completes a larger one ("six hundred" after "two thousand"), if it is
        smaller than the scale before it."""
        # Not "a": "two thousand a year and a half" is no 2001.5.
        words = self._words(i + 1 if self.low(i) == "and" else i) if self.low(i) != "a" else None
        if words is None:
            return None
        rest = self._with_scale(words, after_currency=False)
        return rest if rest.value < below else None

    def _unit(self, figure: _Figure, currency: str | None) -> tuple[str | None, int]:
        """The unit after the figure and the last token of the quantity so far."""
        i = figure.next
        if figure.unit is not None:  # a share ("two-thirds") or "a year and a half"
            return figure.unit, i - 1
        low, token = self.low(i), self.tok(i)
        if low == "%" or low in {"percent", "pc"}:
            return "percent", i
        if low == "per" and self.low(i + 1) == "cent":
            return "percent", i + 1
        if low == "percentage" and self.low(i + 1) in {"point", "points"}:
            return "percentage point", i + 1
        if low == "basis" and self.low(i + 1) in {"point", "points"}:
            return "basis point", i + 1
        if low in {"bp", "bps"}:
            return "basis point", i
        if currency is not None:
            return currency, i - 1 + self._currency_words_after(i)
        if token is not None and token.text in _CURRENCY_CODES:
            return token.text, i
        if low == "us" and self.low(i + 1) in {"dollar", "dollars"}:
            return "USD", i + 1
        if low in _CURRENCY_WORDS:
            return _CURRENCY_WORDS[low], i
        return self._measure_or_noun(figure, i)

    def _currency_words_after(self, i: int) -> int:
        """ "$5 billion dollars" says USD twice: the word is part of the quantity."""
        if self.low(i) == "us" and self.low(i + 1) in {"dollar", "dollars"}:
            return 2
        return 1 if self.low(i) in _CURRENCY_WORDS else 0

    def _measure_or_noun(self, figure: _Figure, i: int) -> tuple[str | None, int]:
        token = self.tok(i)
        if token is None:
            return None, i - 1
        power = _POWERS.get((token.text, self.low(i + 1)))
        if power is not None and self.touching(i, i + 1):
            return power, i + 1
        if token.text in _MEASURES:
            return _MEASURES[token.text], i
        if token.low == "nm":
            return self._nm(i), i
        if token.text == "m" and self.touching(i - 1, i):
            return "m", i  # "at 15,000m", "a 40m wall", "a 3m-high wall": not a million (see _millions)
        if token.low == "nautical" and self.low(i + 1) in {"mile", "miles"}:
            return "nautical mile", i + 1
        temperature = self._temperature(i)
        if temperature is not None:
            return temperature
        if token.low == "metric" and self.low(i + 1) in {"tons", "tonnes", "ton", "tonne"}:
            return "tonne", i + 1
        if token.low in {"square", "sq"} and self.low(i + 1) in {"km", "kilometres", "kilometers", "miles"}:
            return _MEASURES.get(self.low(i + 1), "km") + "2", i + 1
        if token.low == "cubic" and _MEASURES.get(self.low(i + 1)) in {"m", "km"}:
            return _MEASURES[self.low(i + 1)] + "3", i + 1  # a reservoir's "14 cubic kilometres"
        if token.text == "-" and self.touching(i - 1, i) and self.is_word(i + 1) and self.touching(i, i + 1):
            word = self.low(i + 1)  # "a 30-minute call", "an eight-year sentence"
            if word == "nm":
                return self._nm(i + 1), i + 1  # "a 7-nm chip"
            return (None, i - 1) if word == "strong" else (_MEASURES.get(word, singular(word)), i + 1)
        if token.low == "of" and figure.bound is Bound.at_least:
            i += 1  # "thousands of troops"
        if token.low in {"times", "fold"}:
            return "time", i
        return self._noun(figure, i)

    def _nm(self, i: int) -> str:
        """The unit of the "nm" at ``i``: nanometres beside a chip or light ("7nm chips", "a wavelength of 450
        nm"), else nautical miles, as shipping and aviation write them ("dragged its anchor 12nm")."""
        near = range(max(0, i - 4), min(len(self.tokens), i + 5))
        return "nm" if any(singular(self.tokens[k].text) in _NANOMETRE_CONTEXT for k in near) else "nautical mile"

    def _noun(self, figure: _Figure, i: int) -> tuple[str | None, int]:
        """The counted noun in the next few words: "1.3 million active soldiers" -> soldier."""
        words: list[int] = []
        j = i
        while len(words) < 4 and self.is_word(j) and not _ends_noun_phrase(self.low(j)):
            words.append(j)
            if self.low(j + 1) == "-" and self.touching(j, j + 1) and self.touching(j + 1, j + 2):
                j += 2  # "long-range missiles": one word
            else:
                j += 1
        if not words:
            return None, i - 1
        if figure.value == 1:
            return singular(self.tokens[words[0]].text), words[0]
        for k in words:
            if _looks_plural(self.tokens[k].text):
                return singular(self.tokens[k].text), k
        return None, i - 1

    def _bound_before(self, i: int, bound: Bound) -> tuple[Bound, int]:
        """A bound phrase ending just before token i ("at least", "more than", "~"): (bound, first token)."""
        if bound is not Bound.exact:
            return bound, i
        for words, meaning in _BOUNDS_BEFORE:
            first = i - len(words)
            if first >= self.floor and [self.low(first + k) for k in range(len(words))] == words:
                return meaning, first
        return bound, i

    def _unit_after_bound(self, figure: _Figure, last: int) -> tuple[Bound, str, int] | None:
        """ "four or more days": the bound after the figure (see :meth:`_bound_after`), then the unit after it, and
        the unit's last token; None when there is no such bound or no unit after it ("11,000 or more")."""
        bound, after = self._bound_after(last, figure.bound)
        if after == last:
            return None
        unit, end = self._unit(figure._replace(next=after + 1), None)
        return None if unit is None else (bound, unit, end)

    def _bound_after(self, last: int, bound: Bound) -> tuple[Bound, int]:
        """ "11,000 or more", "a hundred or so"."""
        pair = (self.low(last + 1), self.low(last + 2))
        if pair in _BOUNDS_AFTER and bound is Bound.exact:
            return _BOUNDS_AFTER[pair], last + 2
        return bound, last

    def _rate(self, last: int, *, money: bool) -> tuple[str | None, str | None, int]:
        """ "per soldier each month", "a year", "to the dollar": (per, period, last token)."""
        per = period = None
        for _ in range(2):
            found = self._rate_phrase(last + 1, money=money)
            if found is None:
                break
            what, end = found
            if what in _PERIODS and period is None:
                period = what
            elif per is None and what not in _PERIODS:
                per = what
            else:
                break
            last = end
        return per, period, last

    def _rate_phrase(self, i: int, *, money: bool) -> tuple[str, int] | None:
        low, nxt = self.low(i), self.low(i + 1)
        if low in _PERIOD_ADVERBS:
            return _PERIOD_ADVERBS[low], i
        if low == "per" and nxt in {"annum", "capita"}:
            return ("year" if nxt == "annum" else "person"), i + 1
        if low in {"per", "/"} and self.is_word(i + 1):
            if low == "/" and not (self.touching(i - 1, i) and self.touching(i, i + 1)):
                return None
            skip = 1 if nxt in {"a", "an", "each", "every"} else 0
            return self._rate_word(i + 1 + skip), i + 1 + skip
        if low in {"a", "an", "each", "every"} and nxt in _PERIODS:
            return nxt, i + 1
        if low in {"a", "an"} and money and self.is_word(i + 1) and nxt not in _STOP:
            return singular(nxt), i + 1  # "$60 a barrel"
        if low in {"to", "against"} and nxt == "the":
            us = 1 if self.low(i + 2) == "us" else 0
            currency = _CURRENCY_WORDS.get(self.low(i + 2 + us))
            return (currency, i + 2 + us) if currency else None
        return None

    def _rate_word(self, i: int) -> str:
        token = self.tokens[i]
        return _MEASURES.get(token.text) or {"h": "hour", "hr": "hour", "yr": "year"}.get(token.low) or singular(token.text)
