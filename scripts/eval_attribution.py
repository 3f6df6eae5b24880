#!/usr/bin/env python3
"""Run the attribution finder over a gold JSONL file and write predictions for score.py.

Usage: eval_attribution.py GOLD.jsonl OUT.jsonl [--model NAME]

Each gold document's ``text`` is parsed with :func:`claimtrack.nlp.load_pipeline`
(through ``nlp.pipe``), :func:`find_attributions` runs on it, and every
attribution becomes one prediction line in the format score.py reads.
"""

from __future__ import annotations

import argparse
import json
import sys
import time


def prediction(doc_id: str, attribution) -> dict:
    """One score.py prediction line for an attribution."""
    spans = [list(span) for span in attribution.content]
    role = lambda span: {"start": span[0], "end": span[1]} if span else None  # noqa: E731
    return {
        "doc_id": doc_id,
        "start": spans[0][0],
        "end": spans[-1][1],
        "content_spans": spans,
        "source": role(attribution.source),
        "cue": role(attribution.cue),
        "quote": attribution.quote,
        "hedged": attribution.hedged,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold")
    parser.add_argument("out")
    parser.add_argument("--model", default=None)
    args = parser.parse_args(argv)

    from claimtrack.attribution.finder import find_attributions
    from claimtrack.nlp import load_pipeline

    with open(args.gold, encoding="utf-8") as handle:
        docs = [json.loads(line) for line in handle if line.strip()]
    nlp = load_pipeline(args.model)
    started = time.perf_counter()
    finder_time = 0.0
    count = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for gold, doc in zip(docs, nlp.pipe((d["text"] for d in docs), batch_size=16)):
            t0 = time.perf_counter()
            found = find_attributions(doc)
            finder_time += time.perf_counter() - t0
            for attribution in found:
                out.write(json.dumps(prediction(gold["doc_id"], attribution)) + "\n")
                count += 1
    total = time.perf_counter() - started
    print(f"{len(docs)} documents, {count} attributions, {total:.1f} s total "
          f"({finder_time:.2f} s in find_attributions)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
