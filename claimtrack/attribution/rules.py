"""What the finder's rules produce: a :class:`Rule` names a way a word signals an attribution,
a :class:`Proposal` is one attribution a rule proposes, and :func:`is_hand_licensed` says
which proposals the hand lexicon accepts without asking the model.
"""

from __future__ import annotations

from dataclasses import dataclass

from .lexicon import Lexicon
from .spans import Attribution

# Rules whose proposals are always accepted: the model never scores them, so
# the training script has nothing to learn from them.
ALWAYS_ACCEPTED_KINDS = frozenset({"according", "label"})


@dataclass(frozen=True)
class Rule:
    """Which rule proposed an attribution.

    ``kind`` is the cue's construction: "verb", "noun", "adj", "adverb"
    ("reportedly"), "according" ("according to X" with frame "to", "In the
    survey, …" with frame "in") or "label" (a speaker label, "WALLACE: …").
    ``frame`` says how the content is reached: for verbs "quote", "clause",
    "hedge", "to", "object", "passive", "prep:<preposition>", "inverted",
    "colon" or "as"; for nouns and adjectives "that", "clause" or
    "prep:<preposition>"; for labels "signature" when the label signs the
    words ("“…” — Jane Doe", "… — Jane Doe (@janedoe) May 1, 2016"), else "".
    ``lemma`` is the cue's lemma (for an adverb, the
    word as written, lower-cased); "" for rules that do not depend on it.
    """

    kind: str
    frame: str = ""
    lemma: str = ""

    @property
    def always_accepted(self) -> bool:
        """Whether every proposal of this rule is kept, whatever the lexicon and the model say."""
        return self.kind in ALWAYS_ACCEPTED_KINDS


@dataclass
class Proposal:
    """One attribution proposed by one rule, with what the model and the post-processing need."""

    attribution: Attribution
    rule: Rule
    end: int  # last character of any of its roles (to link a continuing quotation to it)
    token: int = -1  # index of the word that triggered the rule; -1 for a speaker label
    subject: int = -1  # index of the source's head word, when the rule found one
    quotes_used: tuple[int, ...] = ()  # quotations (indexes into the document's quotes) it took as content


def is_hand_licensed(rule: Rule, lexicon: Lexicon) -> bool:
    """Whether the hand lexicon (``cues.json``) accepts this rule's proposals without the model.

    The spec's reporting verbs in their listed frames, its nominal cues with a
    that-clause and its hedging adverbs are always kept, and so are the rules
    in :data:`ALWAYS_ACCEPTED_KINDS`.
    """
    if rule.always_accepted:
        return True
    if rule.kind == "verb":
        return rule.frame in lexicon.verb_frames.get(rule.lemma, ())
    if rule.kind == "noun":
        return rule.frame in lexicon.noun_frames.get(rule.lemma, ())
    if rule.kind == "adverb":
        return rule.lemma in lexicon.hedge_adverbs
    return False
