"""How much claimtrack's extraction adds on top of spaCy's own pipeline.

Baseline: spaCy's pipeline as ``spacy.load`` gives it, parsing the texts with
``nlp.pipe`` (what any spaCy user pays). Measured: claimtrack's pipeline
parsing the same texts (its sentence rules and faster attribute ruler), and
claimtrack's full extraction (parse, attribution, source naming, claim
records). All run in this process, in turns, and the best of several rounds
is reported, wall and CPU time, so a noisy machine moves them alike; on a
machine shared with other work, read the CPU times.

    python benchmarks/extract_speed.py [--rounds 3] [--docs 84]

Texts: PolNeAR dev from ../shared/eval when it is there, else the seed article.
"""

from __future__ import annotations

import argparse
import json
import time
from importlib.metadata import version
from pathlib import Path

from claimtrack.extract import extract_text
from claimtrack.nlp import load_base_pipeline, load_pipeline

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "polnear-dev.jsonl"


def load_texts(limit: int) -> tuple[str, list[str]]:
    if DEV.exists():
        with DEV.open(encoding="utf-8") as handle:
            texts = [json.loads(line)["text"] for line in handle][:limit]
        return f"PolNeAR dev ({len(texts)} documents)", texts
    seed = (ROOT / "seeds" / "north-korea-ukraine-army.txt").read_text(encoding="utf-8")
    return "the seed article x10", [seed] * 10


def best_of(rounds: int, contenders: dict[str, object]) -> dict[str, tuple[float, float]]:
    """Best wall and best CPU time of each contender, the contenders taking turns in every round."""
    timings: dict[str, list[tuple[float, float]]] = {name: [] for name in contenders}
    for _ in range(rounds):
        for name, work in contenders.items():
            started, cpu = time.perf_counter(), time.process_time()
            work()  # type: ignore[operator]
            timings[name].append((time.perf_counter() - started, time.process_time() - cpu))
    return {name: (min(w for w, _ in values), min(c for _, c in values)) for name, values in timings.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--docs", type=int, default=84)
    args = parser.parse_args()
    label, texts = load_texts(args.docs)
    bare, nlp = load_base_pipeline(), load_pipeline()
    characters = sum(len(t) for t in texts)
    best = best_of(
        args.rounds,
        {
            "bare spaCy (spacy.load, nlp.pipe)": lambda: list(bare.pipe(texts)),
            "claimtrack's pipeline (nlp.pipe)": lambda: list(nlp.pipe(texts)),
            "claimtrack extraction": lambda: [extract_text(t, doc_id=str(i), nlp=nlp) for i, t in enumerate(texts)],
        },
    )
    print(f"texts: {label}, {characters:,} characters, best of {args.rounds} rounds; spaCy {version('spacy')}")
    bare_wall, bare_cpu = best["bare spaCy (spacy.load, nlp.pipe)"]
    for name, (wall, cpu) in best.items():
        print(
            f"{name:<34}: {wall:7.2f} s ({characters / wall:,.0f} chars/s), CPU {cpu:7.2f} s; "
            f"/ bare spaCy: wall {wall / bare_wall:.2f}, CPU {cpu / bare_cpu:.2f}"
        )


if __name__ == "__main__":
    main()
