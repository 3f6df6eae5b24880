#!/usr/bin/env python3
"""Train the logistic model that accepts or rejects the finder's rule proposals.

Usage: train_attribution_model.py TRAIN.jsonl [--docbin TRAIN.spacy] [--dev DEV.jsonl --dev-docbin DEV.spacy]
                                  [--threshold 0.5] [--out claimtrack/attribution/model.json]

Every proposal of the finder (``propose_all``: every rule for every word)
becomes one example, labelled correct when the scorer would count it
(content shares a token with a gold content, source shares a token with
that gold source); proposals of rules that are always accepted ("according
to", speaker labels) are left out. Weights are fitted by
AdaGrad on the log loss with L2 regularisation, averaged over ``--runs``
shuffles of the data; features seen fewer than
``--min-count`` times are dropped. With ``--dev``, the script prints
attribution P/R/F1 on the dev set for several thresholds. The model file holds
feature names (rule names, lemmas, tags) and weights only, never text.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections import Counter


def judge(text: str, gold: list[dict], candidates) -> list[bool]:
    """Whether the scorer would count each candidate correct (the same tokens as score.py)."""
    from claimtrack.evaluate import TokenIndex

    index = TokenIndex(text)
    golds = [(index.ids(a["content"]), index.ids(a["source"])) for a in gold if a["content"]]
    out = []
    for cand in candidates:
        attr = cand.attribution
        pc = index.ids(attr.content)
        ps = index.ids([attr.source] if attr.source else [])
        out.append(any(pc & gc and (bool(ps & gs) if gs else not ps) for gc, gs in golds))
    return out


def examples(golds, docs, lexicon):
    """(features, label) for every proposal in the documents whose rule the model decides."""
    from claimtrack.attribution.finder import propose_all
    from claimtrack.attribution.model import features

    out = []
    for gold, doc in zip(golds, docs):
        cands = propose_all(doc, lexicon)
        for cand, ok in zip(cands, judge(gold["text"], gold["attributions"], cands)):
            if cand.rule.always_accepted:
                continue  # nothing to learn
            out.append((features(cand.rule, doc, cand.token, cand.subject, cand.attribution), ok))
    return out


def train(data, epochs: int, l2: float, rate: float, min_count: int, seed: int = 0):
    """Fit sparse logistic regression weights with AdaGrad; returns (bias, weights)."""
    from claimtrack.attribution.model import LEXICAL, backoff

    counts = Counter(f for feats, _ in data for f in set(feats))

    def mapped(f):
        # Rare lemmas share one "*" weight per template, which then serves
        # lemmas never seen in training (see model.probability).
        if counts[f] >= min_count:
            return f
        return backoff(f) if f.startswith(LEXICAL) else None

    data = [([m for m in map(mapped, feats) if m], y) for feats, y in data]
    weights: dict[str, float] = {}
    grads: dict[str, float] = {}
    bias, bias_g = 0.0, 1e-8
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(data)
        for feats, y in data:
            z = bias + sum(weights.get(f, 0.0) for f in feats)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            g = p - (1.0 if y else 0.0)
            bias_g += g * g
            bias -= rate * g / math.sqrt(bias_g)
            for f in feats:
                w = weights.get(f, 0.0)
                gf = g + l2 * w
                acc = grads.get(f, 1e-8) + gf * gf
                grads[f] = acc
                weights[f] = w - rate * gf / math.sqrt(acc)
    return bias, {f: round(w, 4) for f, w in weights.items() if abs(w) >= 0.01}


def train_averaged(data, epochs: int, l2: float, rate: float, min_count: int, runs: int):
    """The mean of ``runs`` models trained on different shuffles of the data.

    A single run's dev F1 moves by about 0.003 with the shuffle alone; the
    average is steadier, so a change to the rules can be judged by its effect.
    """
    total_bias = 0.0
    total: dict[str, float] = {}
    for seed in range(runs):
        bias, weights = train(data, epochs, l2, rate, min_count, seed=seed)
        total_bias += bias
        for f, w in weights.items():
            total[f] = total.get(f, 0.0) + w
    averaged = {f: round(w / runs, 4) for f, w in total.items()}
    return round(total_bias / runs, 4), {f: w for f, w in averaged.items() if abs(w) >= 0.01}


def load(gold_path, docbin_path, nlp):
    with open(gold_path, encoding="utf-8") as handle:
        golds = [json.loads(line) for line in handle if line.strip()]
    if docbin_path:
        from spacy.tokens import DocBin

        docs = list(DocBin().from_disk(docbin_path).get_docs(nlp.vocab))
    else:
        docs = list(nlp.pipe((g["text"] for g in golds), batch_size=16))
    return golds, docs


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("train")
    parser.add_argument("--docbin")
    parser.add_argument("--dev")
    parser.add_argument("--dev-docbin")
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--l2", type=float, default=1e-4)
    parser.add_argument("--rate", type=float, default=0.1)
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument(
        "--runs", type=int, default=5, help="average the weights of this many runs, each over a different shuffle"
    )
    parser.add_argument("--threshold", type=float, default=0.45)
    parser.add_argument("--out", default="claimtrack/attribution/model.json")
    args = parser.parse_args(argv)

    from claimtrack.attribution.lexicon import load_lexicon
    from claimtrack.nlp import load_pipeline

    nlp = load_pipeline()
    lexicon = load_lexicon()
    golds, docs = load(args.train, args.docbin, nlp)
    data = examples(golds, docs, lexicon)
    print(f"{len(data)} proposals, {sum(y for _, y in data)} correct", file=sys.stderr)
    bias, weights = train_averaged(data, args.epochs, args.l2, args.rate, args.min_count, args.runs)
    model = {"bias": round(bias, 4), "threshold": args.threshold, "weights": dict(sorted(weights.items()))}
    with open(args.out, "w", encoding="utf-8") as out:
        json.dump(model, out, indent=0, sort_keys=True)
        out.write("\n")
    print(f"{len(weights)} weights -> {args.out}", file=sys.stderr)
    if args.dev:
        evaluate(args.dev, args.dev_docbin, nlp, lexicon, model)
    return 0


def evaluate(dev_path, docbin_path, nlp, lexicon, model):
    """Print dev attribution P/R/F1 for a few thresholds (scorer semantics)."""
    from claimtrack.attribution.finder import find_candidates

    golds, docs = load(dev_path, docbin_path, nlp)
    for threshold in (0.3, 0.4, 0.5, 0.6, 0.7):
        model = dict(model, threshold=threshold)
        n_pred = n_ok = 0
        found_gold = 0
        n_gold = 0
        for gold, doc in zip(golds, docs):
            cands = find_candidates(doc, lexicon, model)
            n_pred += len(cands)
            n_ok += sum(judge(gold["text"], gold["attributions"], cands))
            g_ok, g_n = recall(gold, cands)
            found_gold += g_ok
            n_gold += g_n
        p = n_ok / n_pred if n_pred else 0
        r = found_gold / n_gold if n_gold else 0
        f = 2 * p * r / (p + r) if p + r else 0
        print(f"threshold {threshold:.1f}: P {p:.3f} R {r:.3f} F1 {f:.3f}", file=sys.stderr)


def recall(gold, cands):
    """How many gold attributions some candidate matches (scorer semantics)."""
    from claimtrack.evaluate import TokenIndex

    index = TokenIndex(gold["text"])
    preds = [(index.ids(c.attribution.content), index.ids([c.attribution.source] if c.attribution.source else [])) for c in cands]
    hit = n = 0
    for a in gold["attributions"]:
        if not a["content"]:
            continue
        n += 1
        gc, gs = index.ids(a["content"]), index.ids(a["source"])
        hit += any(pc & gc and (bool(ps & gs) if gs else not ps) for pc, ps in preds)
    return hit, n


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
