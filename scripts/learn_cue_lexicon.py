#!/usr/bin/env python3
"""Learn which words and frames signal attributions, from gold-annotated training data.

Usage: learn_cue_lexicon.py GOLD.jsonl [--docbin PARSED.spacy] [--min-count 3]
                            [--min-precision 0.45] [--out claimtrack/attribution/cues_learned.json]
                            [--stats STATS.tsv]

The finder runs in learning mode (every rule proposed for every word); each
proposal is checked against the gold attributions with the scorer's rule
(content shares a token with a gold content and the source shares a token
with that gold source). A (rule, lemma) pair goes into the lexicon when its
smoothed precision reaches ``--min-precision`` (speech frames) or
``--min-precision-other`` (object, infinitive, preposition frames) over at least ``--min-count``
proposals. Only lemmas and rule names are written, never text.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter

# Frames in which a verb's complement is almost surely reported content; the
# others (objects, infinitives, prepositions) fit ordinary action verbs too, so
# they need stronger evidence to enter the lexicon.
SPEECH_FRAMES = {"quote", "clause", "colon", "hedge", "that"}
TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)


def token_ids(starts: list[int], ends: list[int], spans) -> set[int]:
    """Indices of scorer tokens overlapping any of ``spans`` (same tokens as score.py)."""
    from bisect import bisect_right

    out = set()
    for s, e in spans:
        i = bisect_right(ends, s)
        while i < len(starts) and starts[i] < e:
            out.add(i)
            i += 1
    return out


def judge(text: str, gold: list[dict], candidates) -> list[tuple[tuple, bool]]:
    """Pair each candidate's key with whether the scorer would count it correct."""
    toks = [(m.start(), m.end()) for m in TOKEN.finditer(text)]
    starts, ends = [s for s, _ in toks], [e for _, e in toks]
    golds = [(token_ids(starts, ends, a["content"]), token_ids(starts, ends, a["source"]))
             for a in gold if a["content"]]
    out = []
    for cand in candidates:
        attr = cand.attribution
        pc = token_ids(starts, ends, attr.content)
        ps = token_ids(starts, ends, [attr.source] if attr.source else [])
        ok = any(pc & gc and (bool(ps & gs) if gs else not ps) for gc, gs in golds)
        out.append((cand.key, ok))
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold")
    parser.add_argument("--docbin", help="the gold texts already parsed, as a spaCy DocBin")
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--min-precision", type=float, default=0.4,
                        help="for speech frames: quotes, complement clauses, colons, hedges")
    parser.add_argument("--min-precision-other", type=float, default=0.6,
                        help="for frames that also fit non-attributive verbs: objects, infinitives, prepositions")
    parser.add_argument("--out", default="claimtrack/attribution/cues_learned.json")
    parser.add_argument("--stats", help="write per-rule counts here (TSV)")
    args = parser.parse_args(argv)

    from claimtrack.attribution.finder import find_candidates
    from claimtrack.attribution.lexicon import load_lexicon
    from claimtrack.nlp import load_pipeline

    with open(args.gold, encoding="utf-8") as handle:
        golds = [json.loads(line) for line in handle if line.strip()]
    nlp = load_pipeline()
    if args.docbin:
        from spacy.tokens import DocBin

        docs = DocBin().from_disk(args.docbin).get_docs(nlp.vocab)
    else:
        docs = nlp.pipe((g["text"] for g in golds), batch_size=16)
    total: Counter = Counter()
    correct: Counter = Counter()
    lexicon = load_lexicon()
    for gold, doc in zip(golds, docs):
        for key, ok in judge(gold["text"], gold["attributions"], find_candidates(doc, lexicon, learn=True)):
            total[key] += 1
            correct[key] += ok

    learned: dict = {"verb_frames": {}, "noun_frames": {}}
    rows = []
    for key, n in total.items():
        precision = (correct[key] + 0.5) / (n + 1)
        rows.append((key, n, correct[key], precision))
        speech = key[0] == "according" or (len(key) > 1 and key[1] in SPEECH_FRAMES)
        if n < args.min_count or precision < (args.min_precision if speech else args.min_precision_other):
            continue
        if key[0] == "verb":
            learned["verb_frames"].setdefault(key[2], []).append(key[1])
        elif key[0] == "noun":
            learned["noun_frames"].setdefault(key[2], []).append(key[1])
    # Frames that work for verbs too rare to judge one by one become defaults;
    # the lemmas seen often in such a frame without being cues are listed as rejected.
    rare_total: Counter = Counter()
    rare_correct: Counter = Counter()
    for key, n in total.items():
        if key[0] == "verb" and n < args.min_count:
            rare_total[key[1]] += n
            rare_correct[key[1]] += correct[key]
    defaults = sorted(f for f, n in rare_total.items()
                      if f in SPEECH_FRAMES and n >= 50 and rare_correct[f] / n >= args.min_precision_other)
    learned["default_verb_frames"] = defaults
    rejected: dict[str, list[str]] = {}
    for key, n in total.items():
        if key[0] == "verb" and key[1] in defaults and n >= args.min_count and key[1] not in learned["verb_frames"].get(key[2], []):
            rejected.setdefault(key[2], []).append(key[1])
    learned["rejected_verb_frames"] = {k: sorted(v) for k, v in sorted(rejected.items())}
    for table in ("verb_frames", "noun_frames"):
        learned[table] = {k: sorted(v) for k, v in sorted(learned[table].items())}
    with open(args.out, "w", encoding="utf-8") as out:
        json.dump(learned, out, indent=1, sort_keys=True)
        out.write("\n")
    if args.stats:
        with open(args.stats, "w", encoding="utf-8") as out:
            for key, n, ok, precision in sorted(rows, key=lambda r: -r[1]):
                out.write(f"{'/'.join(key)}\t{n}\t{ok}\t{precision:.3f}\n")
    print(f"{sum(len(v) for v in learned['verb_frames'].values())} verb frames, "
          f"{sum(len(v) for v in learned['noun_frames'].values())} noun frames, "
          f"-> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
