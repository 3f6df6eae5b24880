"""What a claim's words say, reduced to what decides whether two claims state the same fact.

A :class:`Signature` holds a claim's content words (lower case, lightly
stemmed), its numbers as values ("$22 billion", "22 billion dollars" and
"$22bn" are all 22000000000; "eleven thousand" is 11000), its dates (months,
days of the week, years) and its names (capitalised words). Nothing here
needs spaCy: signatures are made from stored claim text, so the store can
match claims without a pipeline, and the same words always give the same
signature.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
# Short and common forms of the same place.
_ALIASES = {
    "us": ("united", "states"), "u.s": ("united", "states"), "usa": ("united", "states"),
    "uk": ("united", "kingdom"), "u.k": ("united", "kingdom"),
}  # fmt: skip

_UNITS = {
    "zero": 0, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "m": 1e6, "k": 1e3}
_CURRENCY_SIGNS = {"$": "usd", "€": "eur", "£": "gbp"}
_CURRENCY_WORDS = {"dollar": "usd", "dollars": "usd", "euro": "eur", "euros": "eur", "pound": "gbp", "pounds": "gbp"}
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

_NUMBER_WORD = "|".join(sorted([*_UNITS, "one", "hundred", "thousand", "million", "billion", "trillion"], key=len, reverse=True))
# A figure: an optional currency sign, digits (or number words), an optional scale and currency or percent word.
_FIGURE = re.compile(
    r"(?P<sign>[$€£])?\s?"
    rf"(?P<amount>\d[\d,]*(?:\.\d+)?|(?:\b(?:{_NUMBER_WORD})\b(?:[\s-]+(?:and\s+)?)?)+)"
    r"(?:\s?(?P<scale>hundred|thousand|million|billion|trillion|bn|m|k)\b)?"
    r"(?:\s?(?P<after>%|per\s?cent|percent|percentage points?|dollars?|euros?|pounds?)\b|(?P<pct>%))?",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'.-]*[A-Za-z]|[A-Za-z]")


@dataclass(frozen=True)
class Signature:
    """The parts of a claim's content that decide whether it states the same fact as another."""

    words: frozenset[str]
    numbers: frozenset[str]
    dates: frozenset[str]
    names: frozenset[str]
    # A capitalised first word may be a name ("Corvane said") or an ordinary word ("Shares rose"):
    # it helps to find candidates and to score them, but never vetoes a match.
    lead: frozenset[str]
    text: str  # the content words in order, for string similarity

    @property
    def keys(self) -> frozenset[str]:
        """Blocking keys: a claim is only ever compared with claims that share one of these."""
        return self.words | {f"#{n}" for n in self.numbers} | {f"@{n}" for n in self.names | self.lead}


def signature(text: str) -> Signature:
    """The signature of a claim's content ``text``."""
    numbers, dates, rest = _figures(text)
    words: set[str] = set()
    names: set[str] = set()
    lead: set[str] = set()
    ordered: list[str] = []
    for position, match in enumerate(_WORD.finditer(rest)):
        word = match.group().strip(".'")
        lower = word.lower()
        if lower in _MONTHS and word[0].isupper():
            dates.add(f"month:{_MONTHS[lower]}")
            continue
        if lower in _WEEKDAYS:
            dates.add(f"day:{lower}")
            continue
        if word.isupper() and lower in _ALIASES:
            names.update(_ALIASES[lower])
            words.update(_stem(part) for part in _ALIASES[lower])
            continue
        if lower in _STOPWORDS:
            continue
        if word[0].isupper() and lower not in _NOT_NAMES:
            (lead if position == 0 else names).add(lower)
        stem = _stem(lower)
        words.add(stem)
        ordered.append(stem)
    return Signature(
        words=frozenset(words),
        numbers=frozenset(numbers),
        dates=frozenset(dates),
        names=frozenset(names),
        lead=frozenset(lead - names),
        text=" ".join([*ordered, *sorted(numbers)]),
    )


def _figures(text: str) -> tuple[set[str], set[str], str]:
    """The numbers and years in ``text``, and the text without them."""
    numbers: set[str] = set()
    dates: set[str] = set()
    kept: list[str] = []
    last = 0
    for match in _FIGURE.finditer(text):
        value = _value(match)
        if value is None:
            continue
        kept.append(text[last : match.start()])
        last = match.end()
        amount, unit = value
        plain = unit == "" and amount.is_integer() and "," not in match.group("amount")
        if plain and 1900 <= amount <= 2100:
            dates.add(f"year:{int(amount)}")
        elif plain and 1 <= amount <= 31 and _after_month(text, match.start()):
            dates.add(f"date:{int(amount)}")
        else:
            numbers.add(f"{amount:g}{unit}")
    kept.append(text[last:])
    return numbers, dates, " ".join(kept)


def _after_month(text: str, start: int) -> bool:
    """Whether the figure at ``start`` follows a month's name: "October 2" is a date, not a count."""
    before = text[:start].rstrip().rsplit(None, 1)
    return bool(before) and before[-1][:1].isupper() and before[-1].lower() in _MONTHS


def _value(match: re.Match[str]) -> tuple[float, str] | None:
    """The value and unit ('%', a currency, or '') of a figure; None for what only looks like one."""
    amount = _amount(match.group("amount").strip(" -"))
    if amount is None:
        return None
    scale = (match.group("scale") or "").lower()
    if scale == "m" and not match.group("sign"):
        scale = ""  # "5 m" is five metres more often than five million
    amount *= _SCALES.get(scale, 1)
    after = (match.group("after") or match.group("pct") or "").lower().replace(" ", "")
    if after == "%" or after.startswith("per"):
        return amount, "%" if not after.startswith("percentage") else "pt"
    return amount, _CURRENCY_SIGNS.get(match.group("sign") or "") or _CURRENCY_WORDS.get(after, "")


def _amount(words: str) -> float | None:
    if words[0].isdigit():
        try:
            return float(words.replace(",", ""))
        except ValueError:
            return None
    return _spelled(words.lower())


def _spelled(words: str) -> float | None:
    """ "forty-five thousand" -> 45000; None for a lone "one" (a pronoun more often than a figure)."""
    parts = [part for part in re.split(r"[\s-]+", words) if part and part != "and"]
    if parts == ["one"] or not parts:
        return None
    total, group = 0.0, 0.0
    for part in parts:
        if part in _UNITS or part == "one":
            group += _UNITS.get(part, 1)
        elif part == "hundred":
            group = max(group, 1) * 100
        else:
            total += max(group, 1) * _SCALES[part]
            group = 0
    return total + group


def _stem(word: str) -> str:
    """A crude, consistent stem: enough for "evacuated"/"evacuate", "homes"/"home"."""
    word = word.removesuffix("'s")
    for suffix, replacement in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("e", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + replacement
    return word
