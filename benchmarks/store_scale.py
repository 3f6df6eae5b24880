"""Annotating and querying a store of a million claims.

    python benchmarks/store_scale.py [--claims 1000000] [--runs 5] [--dir DIR]

Builds a store of --claims realistic records (and a 1,000-claim one as the
baseline), then times real `claimtrack` processes:

- annotate: median of --runs runs on the big store, after one cold run that
  builds the id index; compared with the same on the small store and with
  `claimtrack --version` (the bare cost of starting the CLI);
- a full filtering query (`claims --search`), streaming every record: its
  time and peak RSS, compared with the same query on the small store.

Ratios near 1 mean the cost does not grow with the store.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SENTENCE = (
    "South Korean intelligence officials estimate that Moscow is paying Pyongyang "
    "$2000 per soldier each month, according to a report seen by reporters."
)


def record(n: int) -> dict:
    """A claim record shaped like real extraction output (about 1 KB of JSON)."""
    claim_id = f"{n:012x}"
    return {
        "schema_version": 2, "id": claim_id, "doc_id": f"doc{n // 40}", "doc_path": f"articles/doc{n // 40}.txt",
        "start": 51, "end": 148, "text": SENTENCE[51:148], "content_spans": [[51, 148]],
        "sentence": SENTENCE, "sentence_start": 0, "sentence_end": len(SENTENCE),
        "source": {"text": "South Korean intelligence officials", "start": 0, "end": 35,
                   "name": "South Korean intelligence officials", "type": "anonymous group",
                   "role": "intelligence officials", "affiliation": "South Korean intelligence"},
        "cue": {"text": "estimate", "start": 36, "end": 44}, "quote": "indirect", "hedged": False,
        "status": "unverified", "annotations": [], "orphaned": False,
    }


def build_store(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            out.write(json.dumps(record(n), ensure_ascii=False) + "\n")


def run(args: list[str], store: Path) -> float:
    """Wall time of one claimtrack process."""
    env = {**os.environ, "CLAIMTRACK_STORE": str(store)}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "claimtrack", *args], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def peak_rss(args: list[str], store: Path) -> int:
    """Peak RSS (KiB) of one claimtrack process, measured in a fresh parent."""
    code = (
        "import resource, subprocess, sys, os;"
        f"subprocess.run([sys.executable, '-m', 'claimtrack', *{args!r}], env={{**os.environ, 'CLAIMTRACK_STORE': {str(store)!r}}},"
        " stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    return int(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)


def median_annotate(store: Path, runs: int) -> float:
    times = []
    for n in range(runs):
        claim_id = f"{(n * 7919) % 1000:012x}"
        times.append(run(["annotate", claim_id, "--status", "disputed", "--note", f"run {n}"], store))
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines())
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dir", type=Path, default=None, help="where to build the stores (default: a temporary directory)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as directory:
        big, small = Path(directory) / "big" / "claims.jsonl", Path(directory) / "small" / "claims.jsonl"
        for path, count in ((big, args.claims), (small, 1000)):
            path.parent.mkdir()
            started = time.perf_counter()
            build_store(path, count)
            print(f"built {count:,} claims ({path.stat().st_size / 2**20:,.0f} MiB) in {time.perf_counter() - started:.1f} s")
        startup = statistics.median(run(["--version"], small) for _ in range(args.runs))
        cold = run(["annotate", f"{1:012x}", "--status", "false"], big)
        big_annotate = median_annotate(big, args.runs)
        small_annotate = median_annotate(small, args.runs)
        print(f"\nannotate, store of {args.claims:,} claims: median {big_annotate:.3f} s over {args.runs} runs "
              f"(first run, building the id index: {cold:.2f} s)")
        print(f"annotate, store of 1,000 claims:   median {small_annotate:.3f} s")
        print(f"claimtrack --version (CLI start):  median {startup:.3f} s")
        print(f"ratio big/small annotate: {big_annotate / small_annotate:.2f}; big annotate / CLI start: {big_annotate / startup:.2f}")
        query = ["claims", "--search", "no such words", "--format", "jsonl"]
        small_query_time = run(query, small)
        big_query_time = run(query, big)
        small_rss, big_rss = peak_rss(query, small), peak_rss(query, big)
        print(f"\nquery over every claim, {args.claims:,} claims: {big_query_time:.1f} s "
              f"({args.claims / big_query_time:,.0f} claims/s), peak RSS {big_rss / 1024:.0f} MiB")
        print(f"query over every claim, 1,000 claims: {small_query_time:.2f} s, peak RSS {small_rss / 1024:.0f} MiB")
        print(f"ratio big/small peak RSS: {big_rss / small_rss:.2f}")


if __name__ == "__main__":
    main()
