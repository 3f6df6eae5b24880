"""Cue lexicons for the attribution finder, loaded lazily from ``cues.json``.

The lists were learned from the PolNeAR training split (lemmas whose
occurrences are usually annotated as attribution cues) and extended by hand
with the reporting and cognition verbs of the product spec. Only lemmas and
short phrases are stored, never article text.
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
    "object_verbs": ("object",),
    "xcomp_verbs": ("to",),
    "hedge_passives": ("hedge",),
    "raising_verbs": ("hedge",),
}


@dataclass(frozen=True)
class Lexicon:
    """Which words can signal an attribution, and through which frames.

    ``verb_frames`` maps a verb lemma to the frames it licenses: "quote"
    (adjacent direct speech), "clause" (complement clause), "hedge"
    (agentless "is believed to"), "to" (infinitive), "object", "prep:<p>"
    (prepositional object), "colon" and "as" ("as experts have noted, …"). ``noun_frames`` does the same for
    nominal cues ("that" clause or "prep:<p>").
    """

    verb_frames: dict[str, frozenset[str]]
    hand_verb_frames: dict[str, frozenset[str]]  # the hand-listed part: always trusted
    hand_noun_frames: dict[str, frozenset[str]]
    hand_adverbs: frozenset[str]
    default_verb_frames: frozenset[str]  # frames any verb may use unless rejected ("…,” she laughed)
    rejected_verb_frames: dict[str, frozenset[str]]  # frames seen often and found wrong for a lemma
    noun_frames: dict[str, frozenset[str]]
    raising_verbs: frozenset[str]  # "seems to", "appears to": hedges without a passive
    judgement_verbs: frozenset[str]  # "looks to be": the subject is judged, never a source
    hedge_adverbs: frozenset[str]  # "reportedly", "allegedly"
    document_nouns: frozenset[str]  # "In the survey, …": documents that carry a claim
    non_sources: frozenset[str]  # subject heads that never make a claim ("weather", "nothing")
    label_stopwords: frozenset[str]  # line labels that are page furniture ("Image:", "Related:")


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Merge the hand lists (``cues.json``) with the learned ones (``cues_learned.json``), once."""
    hand = _read("cues.json")
    learned = _read("cues_learned.json")
    verbs: dict[str, set[str]] = {}
    for group, frames in _HAND_FRAMES.items():
        for lemma in hand.get(group, ()):
            verbs.setdefault(lemma, set()).update(frames)
    hand_verbs = {k: frozenset(v) for k, v in verbs.items()}
    for lemma, frames in learned.get("verb_frames", {}).items():
        verbs.setdefault(lemma, set()).update(frames)
    nouns: dict[str, set[str]] = {lemma: {"that"} for lemma in hand.get("nouns", ())}
    hand_nouns = {k: frozenset(v) for k, v in nouns.items()}
    for lemma, frames in learned.get("noun_frames", {}).items():
        nouns.setdefault(lemma, set()).update(frames)
    return Lexicon(
        verb_frames={k: frozenset(v) for k, v in verbs.items()},
        hand_verb_frames=hand_verbs,
        hand_noun_frames=hand_nouns,
        hand_adverbs=frozenset(hand.get("hedge_adverbs", ())),
        default_verb_frames=frozenset(learned.get("default_verb_frames", ())),
        rejected_verb_frames={k: frozenset(v) for k, v in learned.get("rejected_verb_frames", {}).items()
                              if k not in verbs},
        noun_frames={k: frozenset(v) for k, v in nouns.items()},
        raising_verbs=frozenset(hand.get("raising_verbs", ())),
        judgement_verbs=frozenset(hand.get("judgement_verbs", ())),
        hedge_adverbs=frozenset(hand.get("hedge_adverbs", ())) | frozenset(learned.get("hedge_adverbs", ())),
        document_nouns=frozenset(hand.get("document_nouns", ())),
        non_sources=frozenset(hand.get("non_sources", ())),
        label_stopwords=frozenset(hand.get("label_stopwords", ())),
    )


def _read(name: str) -> dict:
    """A JSON file shipped beside this module, or {} when it is absent."""
    path = resources.files(__package__).joinpath(name)
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))
