"""Annotating and querying a store of a million claims.

    python benchmarks/store_scale.py [--claims 1000000] [--runs 5] [--dir DIR] [--against CHECKOUT]

Builds a store of --claims realistic records (and a 1,000-claim one as the
baseline), then times real `claimtrack` processes:

- annotate: median of --runs runs on the big store, after one cold run that
  builds the id index (the store was written by another program); compared
  with the same on the small store, with `claimtrack --version` (the bare
  cost of starting the CLI), and with a Python process that imports only the
  libraries annotate needs (typer and pydantic; rich too before stop 44): the
  floor under its start on this machine;
- the first annotate after claimtrack rewrote the store (`compact` folding a
  journalled annotation, as `extract` would): the index is written with the
  store, so this one pays no rebuild;
- a full filtering query (`claims --search --format csv`), streaming every
  record through the Python reader: its time and peak RSS, compared with the
  same query on the small store.

Ratios near 1 mean the cost does not grow with the store. claimtrack's
modules are compiled to bytecode first, as installing it does (see
:func:`compile_bytecode`).

With --against CHECKOUT (another claimtrack source tree, e.g. a
`git worktree` of an earlier commit), every measurement is also made with
that version's code on its own copy of the stores, the two versions taking
turns run by run, and the ratios this/other are printed: a change to the store shows
here as a slowdown or a speed-up measured on the same machine at the same
time.
"""

from __future__ import annotations

import argparse
import json
import os
import re
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


def compile_bytecode(*trees: Path | None) -> None:
    """Compile claimtrack's modules (of this tree, and of ``trees``) into their ``__pycache__`` first, so that
    each process timed starts as an installed claimtrack does: pip compiles a package's modules when it
    installs it, where an editable install under ``PYTHONDONTWRITEBYTECODE`` would compile them at every start."""
    import compileall

    for tree in (Path(__file__).resolve().parent.parent, *trees):
        if tree is not None:
            compileall.compile_dir(tree / "claimtrack", quiet=1)


def record(n: int, schema_version: int = 2) -> dict:
    """A claim record shaped like real extraction output (about 1 KB of JSON)."""
    claim_id = f"{n:012x}"
    return {
        "schema_version": schema_version,
        "id": claim_id,
        "doc_id": f"doc{n // 40}",
        "doc_path": f"articles/doc{n // 40}.txt",
        "start": 51,
        "end": 148,
        "text": SENTENCE[51:148],
        "content_spans": [[51, 148]],
        "sentence": SENTENCE,
        "sentence_start": 0,
        "sentence_end": len(SENTENCE),
        "source": {
            "text": "South Korean intelligence officials",
            "start": 0,
            "end": 35,
            "name": "South Korean intelligence officials",
            "type": "anonymous group",
            "role": "intelligence officials",
            "affiliation": "South Korean intelligence",
        },
        "cue": {"text": "estimate", "start": 36, "end": 44},
        "quote": "indirect",
        "hedged": False,
        "status": "unverified",
        "annotations": [],
        "orphaned": False,
    }


def build_store(path: Path, count: int, schema_version: int = 2) -> None:
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            out.write(json.dumps(record(n, schema_version), ensure_ascii=False) + "\n")


def schema_version_of(code: Path | None) -> int:
    """The record version a claimtrack writes, so each version is measured on its own format, not a migration."""
    models = (code or Path(__file__).resolve().parents[1]) / "claimtrack" / "models.py"
    match = re.search(r"^SCHEMA_VERSION = (\d+)", models.read_text(encoding="utf-8"), re.MULTILINE)
    return int(match.group(1)) if match else 2


def _env(store: Path, code: Path | None) -> dict[str, str]:
    env = {**os.environ, "CLAIMTRACK_STORE": str(store)}
    if code is not None:
        env["PYTHONPATH"] = str(code)
    return env


def run(args: list[str], store: Path, code: Path | None = None) -> float:
    """Wall time of one claimtrack process (with the claimtrack in ``code`` when given)."""
    env = _env(store, code)
    started = time.perf_counter()
    # Run from the store's folder: `python -m` puts the working directory first on
    # sys.path, which would make a run from a checkout import that checkout's code.
    subprocess.run(
        [sys.executable, "-m", "claimtrack", *args],
        env=env,
        check=True,
        cwd=store.parent,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def peak_rss(args: list[str], store: Path, code: Path | None = None) -> int:
    """Peak RSS (KiB) of one claimtrack process, measured in a fresh parent."""
    script = (
        "import resource, subprocess, sys;"
        f"subprocess.run([sys.executable, '-m', 'claimtrack', *{args!r}], env={_env(store, code)!r}, cwd={str(store.parent)!r},"
        " stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    return int(subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout)


class Version:
    """One version of the code (``code`` None: the installed one) with stores of its own."""

    def __init__(self, directory: Path, claims: int, code: Path | None = None):
        self.code = code
        self.big, self.small = directory / "big" / "claims.jsonl", directory / "small" / "claims.jsonl"
        for path, count in ((self.big, claims), (self.small, 1000)):
            path.parent.mkdir(parents=True)
            build_store(path, count, schema_version_of(code))
        self.annotations = 0

    def annotate(self, store: Path) -> float:
        # Each run annotates another claim, as a fact-checker working down a list would.
        self.annotations += 1
        claim_id = f"{(self.annotations * 7919) % 1000:012x}"
        return run(["annotate", claim_id, "--status", "disputed", "--note", f"run {self.annotations}"], store, self.code)


# What annotate imports before its own code runs: typer (which parses options through pydantic adapters) and
# pydantic with one validator built, pydantic's plugins not looked for, as the command line has it (see
# claimtrack.cli.main). Every other command but --version needs rich's console as well; annotate prints its one
# line without it.
LIBRARIES = (
    "import os; os.environ.setdefault('PYDANTIC_DISABLE_PLUGINS', '__all__'); "
    "import typer; from pydantic import TypeAdapter; TypeAdapter(int)"
)

# CSV is written by the Python reader whatever the store (JSON Lines from a large vouched store is
# DuckDB's job, measured by query_scale.py): this is the cost of reading and validating every record.
QUERY = ["claims", "--search", "no such words", "--format", "csv"]


def libraries_alone() -> float:
    """Wall time of a Python process importing what a claimtrack command needs (LIBRARIES), and nothing of claimtrack."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", LIBRARIES], check=True)
    return time.perf_counter() - started


def measure(versions: list[Version], runs: int) -> list[dict[str, float]]:
    """Every figure for each version; the versions take turns run by run, so load on the machine hits both alike."""
    probes = {
        "startup": lambda v: run(["--version"], v.small, v.code),
        "libraries": lambda v: libraries_alone(),
        "big_annotate": lambda v: v.annotate(v.big),
        "small_annotate": lambda v: v.annotate(v.small),
        "big_query": lambda v: run(QUERY, v.big, v.code),
        "small_query": lambda v: run(QUERY, v.small, v.code),
        "big_rss": lambda v: peak_rss(QUERY, v.big, v.code),
        "small_rss": lambda v: peak_rss(QUERY, v.small, v.code),
    }
    figures: list[dict[str, float]] = [
        {"cold": run(["annotate", f"{1:012x}", "--status", "false"], v.big, v.code)} for v in versions
    ]
    for version, version_figures in zip(versions, figures):
        run(["annotate", f"{2:012x}", "--status", "false"], version.big, version.code)  # journalled: the store is big
        run(["compact"], version.big, version.code)  # a rewrite of the store, as extract does
        version_figures["after_rewrite"] = run(["annotate", f"{3:012x}", "--status", "false"], version.big, version.code)
    for name, probe in probes.items():
        samples: list[list[float]] = [[] for _ in versions]
        for _ in range(runs if "query" not in name and "rss" not in name else max(1, runs // 2)):
            for version, taken in zip(versions, samples):
                taken.append(probe(version))
        for version_figures, taken in zip(figures, samples):
            version_figures[name] = statistics.median(taken)
    return figures


def report(figures: dict[str, float], claims: int, runs: int) -> None:
    f = figures
    print(
        f"\nannotate, store of {claims:,} claims: median {f['big_annotate']:.3f} s over {runs} runs "
        f"(first run, building the id index: {f['cold']:.2f} s; first after a rewrite by compact: {f['after_rewrite']:.3f} s)"
    )
    print(f"annotate, store of 1,000 claims:   median {f['small_annotate']:.3f} s")
    print(f"claimtrack --version (CLI start):  median {f['startup']:.3f} s")
    print(
        f"typer and pydantic alone:          median {f['libraries']:.3f} s "
        f"(annotate on the big store takes {f['big_annotate'] - f['libraries']:.3f} s more)"
    )
    print(
        f"ratio big/small annotate: {f['big_annotate'] / f['small_annotate']:.2f}; "
        f"big annotate / CLI start: {f['big_annotate'] / f['startup']:.2f}"
    )
    print(
        f"\nquery over every claim, {claims:,} claims: {f['big_query']:.1f} s "
        f"({claims / f['big_query']:,.0f} claims/s), peak RSS {f['big_rss'] / 1024:.0f} MiB"
    )
    print(f"query over every claim, 1,000 claims: {f['small_query']:.2f} s, peak RSS {f['small_rss'] / 1024:.0f} MiB")
    print(f"ratio big/small peak RSS: {f['big_rss'] / f['small_rss']:.2f}")


def compare(this: dict[str, float], other: dict[str, float], against: Path) -> None:
    print(f"\nthis checkout / {against} (below 1: this one is faster or smaller)")
    for key in (
        "startup",
        "cold",
        "after_rewrite",
        "big_annotate",
        "small_annotate",
        "big_query",
        "small_query",
        "big_rss",
        "small_rss",
    ):
        print(f"  {key:15s} {this[key]:10.3f} / {other[key]:10.3f} = {this[key] / other[key]:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dir", type=Path, default=None, help="where to build the stores (default: a temporary directory)")
    parser.add_argument("--against", type=Path, default=None, help="another claimtrack checkout to measure in the same run")
    args = parser.parse_args()
    compile_bytecode(args.against)
    with tempfile.TemporaryDirectory(dir=args.dir) as directory:
        started = time.perf_counter()
        versions = [Version(Path(directory) / "this", args.claims)]
        if args.against is not None:
            versions.append(Version(Path(directory) / "other", args.claims, args.against.resolve()))
        print(f"built {len(versions)} x {args.claims:,} + 1,000 claims in {time.perf_counter() - started:.1f} s")
        figures = measure(versions, args.runs)
        report(figures[0], args.claims, args.runs)
        if args.against is not None:
            compare(figures[0], figures[1], args.against)


if __name__ == "__main__":
    main()
