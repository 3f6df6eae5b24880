"""A small logistic model that decides which rule proposals are attributions.

The rules propose, for every word, each way it could signal an attribution (a
verb with a complement clause, an object, an infinitive, a noun with a
that-clause …). Many proposals are ordinary actions ("won the race"), so each
proposal the hand lexicon does not license is scored from sparse features of
the cue, its subject and its content. The weights were trained on the PolNeAR
training split by ``scripts/train_attribution_model.py`` and are stored as
feature → weight in ``model.json``, which must ship with the package: the
features name lemmas, tags and rule names, never text.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import TYPE_CHECKING, Any

from ..errors import ModelError
from .lexicon import Lexicon
from .rules import Proposal, Rule, is_hand_licensed

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

MODEL_FILE = "model.json"
_RETRAIN = "reinstall claimtrack or retrain it with scripts/train_attribution_model.py"


def model_path() -> Traversable:
    """Where the shipped model file lies: beside this module."""
    return resources.files(__package__).joinpath(MODEL_FILE)


@lru_cache(maxsize=1)
def load_model() -> dict[str, Any]:
    """The shipped weights and threshold, read once; :class:`ModelError` when missing or unreadable."""
    return read_model(model_path())


def read_model(path: Traversable) -> dict[str, Any]:
    """A model file's weights and threshold; :class:`ModelError` with one line when it cannot be used."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ModelError(f"cannot read the attribution model {path}: {reason}; {_RETRAIN}") from exc
    try:
        model = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ModelError(f"the attribution model {path} is not valid JSON ({exc}); {_RETRAIN}") from exc
    if (
        not isinstance(model, dict)
        or not isinstance(model.get("weights"), dict)
        or not isinstance(model.get("threshold", 0.5), (int, float))
    ):
        raise ModelError(f"the attribution model {path} has no weights table or threshold; {_RETRAIN}")
    return model


def accepts(proposal: Proposal, doc: Doc, lexicon: Lexicon, model: dict[str, Any]) -> bool:
    """Whether a proposal is kept: the hand lexicon licenses it, or the model scores it at its threshold or above."""
    if is_hand_licensed(proposal.rule, lexicon):
        return True
    feats = features(proposal.rule, doc, proposal.token, proposal.subject, proposal.attribution)
    threshold = model.get("threshold", 0.5)
    if feats[1] not in model["weights"] and _acts_on_something(proposal.rule):
        threshold = max(threshold, UNSEEN_ACT_THRESHOLD)
    return probability(feats, model) >= threshold


def _acts_on_something(rule: Rule) -> bool:
    """A frame in which a word's object or preposition may be what it acts on ("avert a shutdown", "closed the rally
    by signing hats"), not what it states; "of" is left out ("suspect the tanker of dragging its anchor")."""
    return rule.frame == "object" or (rule.frame.startswith("prep:") and rule.frame != "prep:of")


def backoff(feature: str) -> str:
    """The feature with its lemma replaced by "*": used for lemmas too rare to have a weight.

    Lemma-bearing features have the lemma after the first "=" (or after the
    rule's last "/" for ``k=`` features), up to an optional "|…" suffix.
    """
    name, _, rest = feature.partition("=")
    value, bar, suffix = rest.partition("|")
    value = value.rsplit("/", 1)[0] + "/*" if name == "k" else "*"
    return f"{name}={value}{bar}{suffix}"


LEXICAL = ("k=", "l=", "sl=")
# The probability a proposal needs when its word was never seen in its frame in training and the frame is one of
# acts (see _acts_on_something): the model then knows the word only from its generic features. At the model's
# own threshold (0.45) it let in "leaving Congress eight days to avert a shutdown", "closed the rally by signing
# hats", "The New York Times contacted this article". With 0.5: genre-dev 0.923 -> 0.926, our own 32 articles of
# stop 32 and 8 of stop 33 +0.001 to +0.005, PolNeAR dev 0.777 -> 0.776 ("PolitiFact rated the claim", "grilled
# Stumpf"); 0.6 took PolNeAR dev to 0.774.
UNSEEN_ACT_THRESHOLD = 0.5


def probability(features: list[str], model: dict[str, Any]) -> float:
    """P(the proposal is a correct attribution) under the logistic model."""
    weights = model["weights"]
    z = model.get("bias", 0.0)
    for f in features:
        if f in weights:
            z += weights[f]
        elif f.startswith(LEXICAL):
            z += weights.get(backoff(f), 0.0)
    if z < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))


def feature_names(rule: Rule) -> tuple[str, str]:
    """The rule's name and lemma as the features spell them: ("verb/clause", "say").

    A hedging adverb's rule is named after the adverb ("adverb/reportedly")
    with no lemma, as the shipped weights were trained.
    """
    if rule.kind == "adverb":
        return f"adverb/{rule.lemma}", ""
    return "/".join(part for part in (rule.kind, rule.frame) if part), rule.lemma


def features(rule: Rule, doc: Doc, token_i: int, subject_i: int, attribution) -> list[str]:
    """Sparse features of one proposal: rule, lemma, subject, verb form, content shape."""
    name, lemma = feature_names(rule)
    out = [f"r={name}", f"k={name}/{lemma}", f"l={lemma}"]
    if token_i >= 0:
        out += _cue_features(doc[token_i], name, lemma)
    if subject_i >= 0:
        out += _subject_features(doc[subject_i], name, lemma)
    elif attribution.source is None:
        out += ["s=none", f"r={name}|s=none"]
    first = _token_at(doc, attribution.content[0][0])
    if first is not None:
        head = first.head if first.dep_ in ("det", "amod", "compound", "poss", "nummod") else first
        out += [f"c0={first.pos_}", f"r={name}|c={head.ent_type_ or head.pos_}"]
    length = sum(e - s for s, e in attribution.content)
    bucket = "xs" if length < 15 else "s" if length < 40 else "m" if length < 120 else "l"
    out += [f"len={bucket}", f"r={name}|len={bucket}", f"q={attribution.quote}", f"r={name}|q={attribution.quote}"]
    return out


def _cue_features(tok, name: str, lemma: str) -> list[str]:
    """The cue word's tag and attachment, negation, and whether it is embedded in another clause."""
    out = [
        f"t={tok.tag_}",
        f"d={tok.dep_}",
        f"r={name}|d={tok.dep_}",
        f"r={name}|t={tok.tag_}",
        f"h={tok.head.pos_}|d={tok.dep_}",
    ]
    if any(c.dep_ == "neg" for c in tok.children):
        out.append("neg")
    if tok.dep_ in ("conj", "advcl", "xcomp", "acl", "relcl", "pcomp"):
        out.append(f"k={name}/{lemma}|embedded")
    return out


def _subject_features(subj, name: str, lemma: str) -> list[str]:
    """The source's entity type or part of speech (pronouns by word), and a noun's lemma."""
    kind = subj.ent_type_ or subj.pos_
    if subj.pos_ == "PRON":
        kind = "PRON:" + subj.lower_
    out = [f"s={kind}", f"r={name}|s={kind}", f"l={lemma}|s={kind}"]
    if subj.pos_ in ("NOUN", "PROPN"):
        out.append(f"sl={subj.lemma_.lower()}")  # "official", "report", "arrival"
    return out


def _token_at(doc: Doc, offset: int):
    """The token starting at character ``offset``, or None."""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None
