"""A small logistic model that decides which rule proposals are attributions.

The rules in :mod:`.finder` propose, for every word, each way it could signal
an attribution (a verb with a complement clause, an object, an infinitive, a
noun with a that-clause …). Many proposals are ordinary actions ("won the
race"), so each is scored from sparse features of the cue, its subject and
its content. The weights were trained on the PolNeAR training split by
``scripts/train_attribution_model.py`` and are stored as feature → weight in
``model.json``: the features name lemmas, tags and rule names, never text.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

MODEL_FILE = "model.json"


@lru_cache(maxsize=1)
def load_model() -> Optional[dict]:
    """The trained weights and threshold, or None when no model file ships."""
    path = resources.files(__package__).joinpath(MODEL_FILE)
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def backoff(feature: str) -> str:
    """The feature with its lemma replaced by "*": used for lemmas too rare to have a weight.

    Lemma-bearing features have the lemma after the first "=" (or after the
    rule's last "/" for ``k=`` features), up to an optional "|…" suffix.
    """
    name, _, rest = feature.partition("=")
    value, bar, suffix = rest.partition("|")
    if name == "k":
        value = value.rsplit("/", 1)[0] + "/*"
    else:
        value = "*"
    return f"{name}={value}{bar}{suffix}"


LEXICAL = ("k=", "l=", "sl=")


def probability(features: list[str], model: dict) -> float:
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


def features(key: tuple, doc: "Doc", token_i: int, subject_i: int, attribution) -> list[str]:
    """Sparse features of one proposal: rule, lemma, subject, verb form, content shape."""
    rule = "/".join(key[:2]) if key else "?"
    lemma = key[-1] if len(key) > 2 else ""
    out = [f"r={rule}", f"k={rule}/{lemma}", f"l={lemma}"]
    if token_i >= 0:
        tok = doc[token_i]
        out += [f"t={tok.tag_}", f"d={tok.dep_}", f"r={rule}|d={tok.dep_}", f"r={rule}|t={tok.tag_}",
                f"h={tok.head.pos_}|d={tok.dep_}"]
        if any(c.dep_ == "neg" for c in tok.children):
            out.append("neg")
        if tok.dep_ in ("conj", "advcl", "xcomp", "acl", "relcl", "pcomp"):
            out.append(f"k={rule}/{lemma}|embedded")
    if subject_i >= 0:
        subj = doc[subject_i]
        kind = subj.ent_type_ or subj.pos_
        if subj.pos_ == "PRON":
            kind = "PRON:" + subj.lower_
        out += [f"s={kind}", f"r={rule}|s={kind}", f"l={lemma}|s={kind}"]
        if subj.pos_ in ("NOUN", "PROPN"):
            out.append(f"sl={subj.lemma_.lower()}")  # "official", "report", "arrival"
    elif attribution.source is None:
        out += ["s=none", f"r={rule}|s=none"]
    first = _token_at(doc, attribution.content[0][0])
    if first is not None:
        head = first.head if first.dep_ in ("det", "amod", "compound", "poss", "nummod") else first
        out += [f"c0={first.pos_}", f"r={rule}|c={head.ent_type_ or head.pos_}"]
    length = sum(e - s for s, e in attribution.content)
    bucket = "xs" if length < 15 else "s" if length < 40 else "m" if length < 120 else "l"
    out += [f"len={bucket}", f"r={rule}|len={bucket}", f"q={attribution.quote}", f"r={rule}|q={attribution.quote}"]
    return out


def _token_at(doc: "Doc", offset: int):
    """The token starting at character ``offset``, or None."""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None
