"""How much claimtrack's extraction adds on top of spaCy's own pipeline.

Baseline: the loaded pipeline parsing the texts (what any spaCy user pays).
Measured: claimtrack's full extraction of the same texts (parse, attribution,
source naming, claim records). Both run in this process, alternately, and the
best of several rounds is reported, so a noisy machine moves both alike.

    python benchmarks/extract_speed.py [--rounds 3] [--docs 84]

Texts: PolNeAR dev from ../shared/eval when it is there, else the seed article.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from claimtrack.extract import extract_text
from claimtrack.nlp import load_pipeline

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "polnear-dev.jsonl"


def load_texts(limit: int) -> tuple[str, list[str]]:
    if DEV.exists():
        with DEV.open(encoding="utf-8") as handle:
            texts = [json.loads(line)["text"] for line in handle][:limit]
        return f"PolNeAR dev ({len(texts)} documents)", texts
    seed = (ROOT / "seeds" / "north-korea-ukraine-army.txt").read_text(encoding="utf-8")
    return "the seed article x10", [seed] * 10


def best_of(rounds: int, work) -> float:
    timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        work()
        timings.append(time.perf_counter() - started)
    return min(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--docs", type=int, default=84)
    args = parser.parse_args()
    label, texts = load_texts(args.docs)
    nlp = load_pipeline()
    characters = sum(len(t) for t in texts)
    baseline = best_of(args.rounds, lambda: [nlp(t) for t in texts])
    full = best_of(args.rounds, lambda: [extract_text(t, doc_id=str(i), nlp=nlp) for i, t in enumerate(texts)])
    print(f"texts: {label}, {characters:,} characters, best of {args.rounds} rounds")
    print(f"spaCy pipeline alone : {baseline:7.2f} s  ({characters / baseline:,.0f} chars/s)")
    print(f"claimtrack extraction: {full:7.2f} s  ({characters / full:,.0f} chars/s)")
    print(f"ratio extraction / spaCy: {full / baseline:.2f}")


if __name__ == "__main__":
    main()
