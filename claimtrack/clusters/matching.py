"""Whether two claims state the same fact: a veto on differing particulars, then similarity.

Precision comes first. Two claims that each give a figure, a date or a
name the other lacks ("1,400 homes" / "400 homes", "by 2028" / "by 2030",
"in Kestria" / "in Valdoria") are different facts however alike their
words; a claim that only adds a particular the other leaves out may still
be the same fact told more fully. Among the rest, a match needs words in
common in proportion to the shorter claim and a string similarity
(``rapidfuzz``) that a mere shared topic does not reach.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from .signature import Signature

# Measured on the development stories of benchmarks/cluster_quality.py (see the README).
MATCH_SCORE = 0.6


@dataclass(frozen=True)
class Match:
    """How alike two claims are: ``score`` in [0, 1]; ``same`` when they state the same fact."""

    score: float
    same: bool


def compare(a: Signature, b: Signature) -> Match:
    """Whether ``a`` and ``b`` state the same fact, and how alike they are."""
    if differ(a, b):
        return Match(0.0, False)
    shared = len(a.words & b.words)
    smaller = min(len(a.words), len(b.words))
    # The same figures are evidence enough that one shared word may do ("inflation was 5.8 percent").
    if shared < (1 if a.numbers and a.numbers == b.numbers else 2) or smaller == 0:
        return Match(0.0, False)
    containment = shared / smaller
    jaccard = shared / len(a.words | b.words)
    similarity = fuzz.token_sort_ratio(a.text, b.text) / 100
    score = 0.35 * containment + 0.25 * jaccard + 0.4 * similarity
    if a.numbers and a.numbers == b.numbers:
        score += 0.1  # the same figures are strong evidence of the same fact
    elif a.numbers != b.numbers:
        score -= 0.05  # one tells a figure the other does not: perhaps more than the same fact
    return Match(min(score, 1.0), score >= MATCH_SCORE)


def differ(a: Signature, b: Signature) -> bool:
    """Each claim has a figure, a date or a name that the other lacks: different particulars, different facts."""
    return _substituted(a.numbers, b.numbers) or _substituted(a.dates, b.dates) or _names_substituted(a.names, b.names)


def _substituted(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(a - b) and bool(b - a)


def _names_substituted(a: frozenset[str], b: frozenset[str]) -> bool:
    """Names that differ on both sides, where "Russia" and "Russian", or "Korea" and "Korean", are one name."""
    only_a = [name for name in a - b if not any(_same_name(name, other) for other in b)]
    only_b = [name for name in b - a if not any(_same_name(name, other) for other in a)]
    return bool(only_a) and bool(only_b)


def _same_name(a: str, b: str) -> bool:
    shorter, longer = sorted((a, b), key=len)
    return len(shorter) >= 4 and longer.startswith(shorter)
