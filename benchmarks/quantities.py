"""Which way to find a claim's numbers: claimtrack's rules, quantulum3, or spaCy's entities.

    pip install quantulum3   # not a claimtrack dependency: only this comparison needs it
    python benchmarks/quantities.py [--rounds 3]

Accuracy, on hand-checked sentences written for claimtrack (never eval text):
``tests/data/quantities.jsonl`` (the unit tests' cases) and
``benchmarks/data/quantities-heldout.jsonl`` (written before the parser).
An expected amount is found when a predicted amount has the same value
(value), the same value and unit (+unit), or the same value, unit, bound,
per and period (all); dates are scored apart. Approaches:

- rules: :func:`claimtrack.quantities.find_quantities` on the text alone;
- quantulum3: its parser (units mapped to claimtrack's names; it has no
  bounds, rates or dates, so a year is an amount to it);
- spaCy: en_core_web_sm's MONEY, QUANTITY, CARDINAL and PERCENT entities,
  each normalised by the rules (what spaCy adds is where the numbers are).

Speed: each approach over the claims of the seed (and of the shared dev
articles when ../shared is there), against claimtrack's own extraction of
the same documents, measured in the same run.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

from extract_speed import best_of

from claimtrack.extract import extract_text
from claimtrack.models import Quantity, QuantityKind
from claimtrack.nlp import load_pipeline
from claimtrack.quantities import find_quantities, singular

ROOT = Path(__file__).resolve().parents[1]
SETS = {
    "unit-test cases": ROOT / "tests" / "data" / "quantities.jsonl",
    "held-out": ROOT / "benchmarks" / "data" / "quantities-heldout.jsonl",
}
SEED = ROOT / "seeds" / "north-korea-ukraine-army.txt"
DEV = ROOT.parent / "shared" / "eval" / "genre-dev.jsonl"
LEVELS = {
    "value": ("value",),
    "+unit": ("value", "unit"),
    "all": ("value", "unit", "bound", "per", "period"),
}
# quantulum3's unit names -> claimtrack's.
_QUANTULUM_UNITS = {"percentage": "percent", "kilovolt": "kV", "kilometre": "km", "dimensionless": None, "time": "time"}
_QUANTULUM_CURRENCIES = {
    "dollar": "USD",
    "united states dollar": "USD",
    "euro": "EUR",
    "pound sterling": "GBP",
    "russian ruble": "RUB",
}

Predictor = Callable[[str], list[dict]]


def rules(text: str) -> list[dict]:
    return [_fields(q) for q in find_quantities(text) if q.kind is QuantityKind.amount]


def _fields(q: Quantity) -> dict:
    return {"value": q.value, "unit": q.unit, "bound": q.bound.value, "per": q.per, "period": q.period}


def make_quantulum() -> Predictor:
    from quantulum3 import parser

    def predict(text: str) -> list[dict]:
        found = []
        for q in parser.parse(text):
            name = q.unit.name.lower()
            if q.unit.entity.name == "currency":
                unit = _QUANTULUM_CURRENCIES.get(name, name)
            else:
                unit = _QUANTULUM_UNITS.get(name, singular(name.split()[-1]))
            found.append({"value": q.value, "unit": unit, "bound": "exact", "per": None, "period": None})
        return found

    return predict


def make_spacy() -> Predictor:
    nlp = load_pipeline()
    labels = {"MONEY", "QUANTITY", "CARDINAL", "PERCENT"}

    def predict(text: str) -> list[dict]:
        found = []
        for ent in nlp(text).ents:
            if ent.label_ not in labels:
                continue
            # The entity plus the rest of the sentence, so a count finds its noun ("11,000" + "soldiers").
            parsed = [q for q in find_quantities(text[ent.start_char :]) if q.kind is QuantityKind.amount]
            found.append(_fields(parsed[0]) if parsed else {"value": None})
        return found

    return predict


def load_gold(path: Path) -> list[tuple[str, list[dict]]]:
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    return [(row["text"], [{"bound": "exact", "kind": "amount", **q} for q in row["quantities"]]) for row in rows]


def _same(gold: dict, predicted: dict, keys: tuple[str, ...]) -> bool:
    for key in keys:
        a, b = gold.get(key), predicted.get(key)
        if key == "value":
            if a is None or b is None or abs(a - b) > 1e-3 * max(1.0, abs(a)):
                return False
        elif a != b:
            return False
    return True


def score(gold_set: list[tuple[str, list[dict]]], predict: Predictor) -> dict[str, tuple[float, float]]:
    """Precision and recall of amounts at each level of :data:`LEVELS`."""
    results = {}
    predictions = [predict(text) for text, _ in gold_set]
    for level, keys in LEVELS.items():
        hits = expected = made = 0
        for (_, gold), predicted in zip(gold_set, predictions):
            amounts = [g for g in gold if g["kind"] == "amount"]
            left = list(predicted)
            for g in amounts:
                match = next((p for p in left if _same(g, p, keys)), None)
                if match is not None:
                    left.remove(match)
                    hits += 1
            expected += len(amounts)
            made += len(predicted)
        results[level] = (hits / made if made else 0.0, hits / expected if expected else 0.0)
    return results


def date_score(gold_set: list[tuple[str, list[dict]]]) -> tuple[float, float]:
    hits = expected = made = 0
    for text, gold in gold_set:
        want = [g["date"] for g in gold if g["kind"] == "date"]
        got = [q.date for q in find_quantities(text) if q.kind is QuantityKind.date]
        hits += sum(1 for d in got if d in want)
        expected, made = expected + len(want), made + len(got)
    return hits / made if made else 0.0, hits / expected if expected else 0.0


def documents() -> list[str]:
    texts = [SEED.read_text(encoding="utf-8")]
    if DEV.exists():
        with DEV.open(encoding="utf-8") as handle:
            texts += [json.loads(line)["text"] for line in handle]
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    approaches = {"rules": rules, "quantulum3": make_quantulum(), "spaCy ents": make_spacy()}
    for name, path in SETS.items():
        gold = load_gold(path)
        amounts = sum(1 for _, qs in gold for q in qs if q["kind"] == "amount")
        print(f"{name}: {len(gold)} sentences, {amounts} amounts   (precision / recall)")
        for approach, predict in approaches.items():
            cells = "   ".join(f"{level} {p:.2f}/{r:.2f}" for level, (p, r) in score(gold, predict).items())
            print(f"  {approach:<11} {cells}")
        print(f"  rules, dates: {'/'.join(f'{x:.2f}' for x in date_score(gold))}")
    texts = documents()
    nlp = load_pipeline()
    claims = [c.text for i, t in enumerate(texts) for c in extract_text(t, doc_id=str(i), nlp=nlp).claims]
    print(f"\nspeed: {len(texts)} documents, {len(claims)} claims, best of {args.rounds} rounds")
    contenders = {"extraction": lambda: [extract_text(t, doc_id=str(i), nlp=nlp) for i, t in enumerate(texts)]}
    for approach, predict in approaches.items():
        contenders[approach] = lambda predict=predict: [predict(text) for text in claims]
    best = best_of(args.rounds, contenders)  # (wall, CPU) seconds of each, best of the rounds
    baseline = best.pop("extraction")[0]
    print(f"  claimtrack extraction       {baseline:8.3f} s")
    for approach, (spent, _) in best.items():
        print(f"  {approach:<11} on every claim {spent:8.3f} s  = {spent / baseline:6.1%} of extraction")


if __name__ == "__main__":
    main()
