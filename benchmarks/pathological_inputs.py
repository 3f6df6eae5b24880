"""Inputs that once made extraction slow: how long they take next to spaCy's own parse of them.

    python benchmarks/pathological_inputs.py

For each input, spaCy's pipeline alone and claimtrack's full extraction run
on the same text in this process; the ratio extraction / spaCy is printed.
A ratio far above the few tenths that normal news text costs on top of
spaCy means a rule has become quadratic in something (quote marks, clauses,
sentence length) again. The unit tests check these inputs give true
offsets; timing them is this script's job, not theirs.
"""

from __future__ import annotations

import time

from claimtrack.extract import extract_text
from claimtrack.nlp import load_pipeline

INPUTS = {
    "thousands of quote marks": '"' * 20_000 + " he said.",
    "quotes and speech over and over": ' "Yes," he said. "No." ' * 1000,
    "older news marks": "``Yes,'' he said. " * 1000,
    "unbalanced quotes": 'He said "yes. ' * 1000,
    "a 50,000-character sentence": "word " * 10_000,
    "a 4,000-clause report": "The official said that " + ", ".join(f"item {i} was late" for i in range(4000)) + ".",
}


def timed(work, rounds: int = 2) -> float:
    """Best of ``rounds``: the first call on a new text also fills spaCy's caches."""
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    nlp = load_pipeline()
    print(f"{'input':34s} {'chars':>8s} {'spaCy s':>8s} {'extract s':>9s} {'ratio':>6s}")
    for name, text in INPUTS.items():
        parse = timed(lambda text=text: nlp(text))
        extract = timed(lambda text=text: extract_text(text, doc_id="x", nlp=nlp))
        print(f"{name:34s} {len(text):8,d} {parse:8.2f} {extract:9.2f} {extract / parse:6.2f}")


if __name__ == "__main__":
    main()
