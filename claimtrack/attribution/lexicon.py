"""The hand lexicon of cues, loaded lazily from ``cues.json``.

The lists were learned from the PolNeAR training split (lemmas whose
occurrences are usually annotated as attribution cues) and extended by hand
with the reporting and cognition verbs of the product spec. Proposals the
lexicon licenses are always accepted (see :func:`.rules.is_hand_licensed`);
the model decides the others. Only lemmas and short phrases are stored,
never article text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# Which frames (ways of reaching the content) each hand-listed group licenses.
_HAND_FRAMES = {
    "verbs": ("quote", "clause", "colon", "as"),
    "as_verbs": ("as",),  # "as she put it"
    "object_verbs": ("object", "predicate"),
    "predicate_verbs": ("predicate",),  # "views the deal as a trap"
    "xcomp_verbs": ("to",),
    "hedge_passives": ("hedge",),
    "standings_verbs": ("standings",),  # "the poll has her up 15", "the survey found him ahead"
}


# Nouns that, after "there are", tell of something said by no one named: "There were reports of explosions in
# Corvast" (the frame "there"; see nouns._existential_content).
_EXISTENTIAL_HEARSAY = ("report", "rumor", "rumour")


@dataclass(frozen=True)
class Lexicon:
    """Which words signal an attribution for certain, and through which frames.

    ``verb_frames`` maps a verb lemma to the frames it licenses: "quote"
    (adjacent direct speech), "clause" (complement clause), "hedge"
    (agentless "is believed to"), "to" (infinitive), "object", "colon" and
    "as" ("as experts have noted, …"). ``noun_frames`` does the same for
    nominal cues ("that" clause).
    """

    verb_frames: dict[str, frozenset[str]]
    noun_frames: dict[str, frozenset[str]]
    hedge_adverbs: frozenset[str]  # "reportedly", "allegedly"
    judgement_verbs: frozenset[str]  # "looks to be": the subject is judged, never a source
    document_nouns: frozenset[str]  # "In the survey, …": documents that carry a claim
    non_sources: frozenset[str]  # subject heads that never make a claim ("weather", "nothing")
    label_stopwords: frozenset[str]  # line labels that are page furniture ("Image:", "Related:")


def _noun_frames(hand: dict) -> dict[str, frozenset[str]]:
    """Each nominal cue's frames: a that-clause; "about" for hearsay ("rumours about …"); "there" for the nouns
    of :data:`_EXISTENTIAL_HEARSAY`."""
    frames: dict[str, set[str]] = {lemma: {"that"} for lemma in hand.get("nouns", ())}
    for lemma in hand.get("hearsay_nouns", ()):
        frames.setdefault(lemma, set()).update({"that", "prep:about"})
    for lemma in _EXISTENTIAL_HEARSAY:
        frames.setdefault(lemma, set()).update({"that", "there"})
    return {lemma: frozenset(found) for lemma, found in frames.items()}


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The lexicon in ``cues.json``, read once."""
    hand = json.loads(resources.files(__package__).joinpath("cues.json").read_text(encoding="utf-8"))
    verbs: dict[str, set[str]] = {}
    for group, frames in _HAND_FRAMES.items():
        for lemma in hand.get(group, ()):
            verbs.setdefault(lemma, set()).update(frames)
    return Lexicon(
        verb_frames={k: frozenset(v) for k, v in verbs.items()},
        noun_frames=_noun_frames(hand),
        hedge_adverbs=frozenset(hand.get("hedge_adverbs", ())),
        judgement_verbs=frozenset(hand.get("judgement_verbs", ())),
        document_nouns=frozenset(hand.get("document_nouns", ())),
        non_sources=frozenset(hand.get("non_sources", ())),
        label_stopwords=frozenset(hand.get("label_stopwords", ())),
    )
