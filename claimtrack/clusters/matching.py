"""Whether two claims state the same fact: a veto on differing particulars, then similarity.

Precision comes first. Two claims that each give a figure, a date or a
name the other lacks ("1,400 homes" / "400 homes", "by 2028" / "by 2030",
"in Kestria" / "in Valdoria") are different facts however alike their
words; a claim that only adds a particular the other leaves out may still
be the same fact told more fully. Among the rest, a match needs a likeness
that a mere shared topic does not reach: half of it from the words in
common (in proportion to the shorter claim) and a string similarity
(``rapidfuzz``), half from the cosine of the claims' sentence vectors
(:mod:`.embedding`), which finds paraphrases whose words differ. Figures
that agree are strong evidence, the more so when they are distinctive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from .embedding import cosine
from .signature import PERIOD, Signature

# Measured on the development stories of benchmarks/cluster_quality.py (see the README).
MATCH_SCORE = 0.62
# The share of the score that the sentence vectors' cosine makes; the rest is the words' likeness.
EMBEDDING_SHARE = 0.5
# All figures agree, and one of them is distinctive ("112 drones", "$8 billion", "11%"): strong evidence.
AGREEING_FIGURES_BONUS = 0.2
# All figures agree but none is distinctive ("three people had died"): some evidence.
AGREEING_COUNTS_BONUS = 0.05
# Counts below this, without a unit, are common to many facts ("two people were killed"): no evidence alone.
DISTINCTIVE_COUNT = 20
# A claim with a figure the other lacks may tell more than the same fact ("6 percent had headaches
# and 2 percent nausea" / "6 percent had headaches"): it needs that much more likeness.
EXTRA_FIGURE_PENALTY = 0.1
# Two claims of documents that tell the same story (see assign.story_documents), whose figures do not
# differ, get this much: within a story, look-alike facts are told apart by their particulars.
STORY_BONUS = 0.1
# Two claims of which one is negated or denied, and whose words are nearly all the same (Jaccard; "the
# terminal served a military purpose" / "... no military purpose"), state opposites. Where the words
# differ more the negation may be in another word ("had not been vaccinated" / "unvaccinated", "had not
# yet been reviewed" / "still had to be reviewed"): left to the score.
OPPOSITE_OVERLAP = 0.8
# Two measures converted from one another agree within this share ("12 miles" / "19 km").
CONVERSION_TOLERANCE = 0.03
# A signature figure: its value (as "%g" writes it: "54.2", "1e+06"), then its unit, if any, in any case ("GW").
_NUMBER = r"(?P<value>[-+]?[0-9.]+(?:e[-+][0-9]+)?)(?P<unit>.*)"
# A converted measure: "~19km", "~54.2GW".
_MEASURE = re.compile("~" + _NUMBER)
_DURATION = "h"  # the unit durations are compared in (see signature._CONVERSIONS)
# Endings of a people's adjective, checked against the country's name (see _same_name).
_DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish", "an", "i")
_FIGURE = re.compile("~?" + _NUMBER)


@dataclass(frozen=True)
class Match:
    """How alike two claims are: ``score``, about 0 to 1.2 (not capped, so the most alike of several claims
    that agree in everything still ranks first); ``same`` when they state the same fact."""

    score: float
    same: bool


def compare(a: Signature, b: Signature) -> Match:
    """Whether ``a`` and ``b`` state the same fact, and how alike they are."""
    if differ(a, b):
        return Match(0.0, False)
    return likeness(a, b)


def likeness(a: Signature, b: Signature, closeness: float | None = None, *, same_story: bool = False) -> Match:
    """How alike ``a`` and ``b`` are, for two signatures :func:`differ` does not keep apart.

    ``closeness`` is the cosine of their vectors when it is already known
    (:func:`~claimtrack.clusters.embedding.cosines` scores a claim's candidates at once); ``same_story``
    when their documents tell the same story."""
    shared = len(a.words & b.words)
    smaller = min(len(a.words), len(b.words))
    same_figures = bool(a.numbers) and not _unmatched(a.numbers, b.numbers) and not _unmatched(b.numbers, a.numbers)
    agreeing = sum(is_distinctive(figure) for figure in a.numbers) if same_figures else 0
    distinctive = agreeing > 0
    # Distinctive figures that agree are evidence enough that one shared word may do ("inflation was 5.8 percent"),
    # and two that none need ("Revenue fell 11% to 4.3 billion euros" / "Sales dropped by 11 percent to €4.3bn").
    if shared < max(0, 2 - agreeing) or smaller == 0:
        return Match(0.0, False)
    containment = shared / smaller
    jaccard = shared / len(a.words | b.words)
    if a.negated != b.negated and jaccard >= OPPOSITE_OVERLAP:
        return Match(0.0, False)  # the same words, one side negated or denied: opposite statements
    similarity = fuzz.token_sort_ratio(a.text, b.text) / 100
    words = 0.35 * containment + 0.25 * jaccard + 0.4 * similarity
    if closeness is None:
        closeness = cosine(a.vector, b.vector)
    score = (1 - EMBEDDING_SHARE) * words + EMBEDDING_SHARE * closeness
    if same_figures:
        score += AGREEING_FIGURES_BONUS if distinctive else AGREEING_COUNTS_BONUS
    elif a.numbers or b.numbers:
        score -= EXTRA_FIGURE_PENALTY  # one tells a figure the other does not: perhaps more than the same fact
    if same_story and a.negated == b.negated and (same_figures or not (a.numbers or b.numbers)):
        score += STORY_BONUS
    return Match(score, score >= MATCH_SCORE)


def is_distinctive(figure: str) -> bool:
    """A figure few facts share: one with a unit (a currency, percent, a measure), a fraction, or a count of
    at least :data:`DISTINCTIVE_COUNT`. Not a duration: "within two days" is said of many things."""
    value, unit = _FIGURE.fullmatch(figure.partition(PERIOD)[0]).groups()  # type: ignore[union-attr]
    number = float(value)
    if unit == _DURATION:
        return False
    return bool(unit) or not number.is_integer() or number >= DISTINCTIVE_COUNT


def differ(a: Signature, b: Signature) -> bool:
    """Each claim has a figure, a date or a name that the other lacks: different particulars, different facts."""
    figures = bool(_unmatched(a.numbers, b.numbers)) and bool(_unmatched(b.numbers, a.numbers))
    return figures or _dates_substituted(a.dates, b.dates) or _names_substituted(a.names, b.names)


def _dates_substituted(a: frozenset[str], b: frozenset[str]) -> bool:
    """A year, month, day of the month or weekday on each side that differ. Parts of different kinds are no
    difference: "on April 23" and "next Thursday" may be one day, "in 2024" and "in April" one month."""
    only_a, only_b = a - b, b - a
    if not only_a or not only_b:
        return False
    kinds = {part.partition(":")[0] for part in only_a}
    return any(part.partition(":")[0] in kinds for part in only_b)


def _unmatched(a: frozenset[str], b: frozenset[str]) -> list[str]:
    """The figures of ``a`` that no figure of ``b`` states."""
    return [figure for figure in a - b if not any(same_figure(figure, other) for other in b)]


def same_figure(a: str, b: str) -> bool:
    """Two signature figures state one number: equal, or measures in one unit that agree within the tolerance.

    A period stated on one side only is a particular the other leaves out ("1,200 trains a day" / "1,200
    trains would be cancelled each day", where the period is not next to the figure): not a difference.
    """
    if a == b:
        return True
    a, _, period_a = a.partition(PERIOD)
    b, _, period_b = b.partition(PERIOD)
    if period_a and period_b and period_a != period_b:
        return False
    if a == b:
        return True
    ma, mb = _MEASURE.fullmatch(a), _MEASURE.fullmatch(b)
    if ma is None or mb is None or ma["unit"] != mb["unit"]:
        return False
    va, vb = float(ma["value"]), float(mb["value"])
    return abs(va - vb) <= CONVERSION_TOLERANCE * max(abs(va), abs(vb))


def _names_substituted(a: frozenset[str], b: frozenset[str]) -> bool:
    """Names that differ on both sides, where "Russia" and "Russian", or "Korea" and "Korean", are one name."""
    only_a, only_b = a - b, b - a
    if not only_a or not only_b:  # most pairs: no name of one side missing from the other
        return False
    return any(_unnamed(name, b) for name in only_a) and any(_unnamed(name, a) for name in only_b)


def _unnamed(name: str, names: frozenset[str]) -> bool:
    """``name`` is none of ``names``, in any of their forms."""
    return not any(_same_name(name, other) for other in names)


def _same_name(a: str, b: str) -> bool:
    """One name in two forms: "Russia" / "Russian", and a country and its people's adjective ("Hadrany" /
    "Hadranian", "China" / "Chinese"), where the word differs from the stem only by a letter or two
    (not "Australia" / "Austrian")."""
    if a[:4] != b[:4]:  # both forms below keep at least the first four letters: most pairs end here
        return False
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    if len(shorter) >= 4 and longer.startswith(shorter):
        return True
    for ending in _DEMONYM_ENDINGS:
        stem = longer.removesuffix(ending)
        if stem != longer and len(stem) >= 4 and shorter.startswith(stem) and len(shorter) - len(stem) <= 2:
            return True
    return False
