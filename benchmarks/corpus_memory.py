"""Memory of `claimtrack extract` over a corpus of many documents: it stays flat.

    python benchmarks/corpus_memory.py [--documents 10000] [--baseline 1000] [--jobs 1]

Writes two corpora of short news items (generated from templates of our own:
officials, figures, places and reporting verbs drawn at random, so every
document is different and some facts recur across documents, as wire copy
does), then runs a real `claimtrack extract DIR --jobs N` over each into a
fresh store. While the larger run goes, the extracting process's resident
memory (VmRSS from /proc, summed over its worker processes) is sampled
every half second; the script prints it at each quarter of the run, and the
peak RSS of both runs side by side. Memory that stays flat is a last-quarter
figure close to the first, and a peak for the large corpus close to the
small one's.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OFFICIALS = [
    ("Defence Ministry spokesman", "Taras Bondar"),
    ("Interior Minister", "Halyna Moroz"),
    ("regional governor", "Oleh Sytnyk"),
    ("army spokeswoman", "Lt. Col. Iryna Levko"),
    ("energy company chief executive", "Marek Dolny"),
    ("UN humanitarian coordinator", "Amina Sow"),
    ("police chief", "Viktor Hrab"),
    ("Foreign Minister", "Elena Vasko"),
]
PLACES = ["Korvin", "Ostrava Bay", "the Dalny region", "Marivka", "Sokal", "the northern border", "Lysa Hora", "Brest-on-Vela"]
EVENTS = [
    "{n} drones had been shot down overnight over {place}",
    "at least {n} people were killed in shelling of {place}",
    "{n} homes in {place} were left without power",
    "about {n} troops had been moved towards {place}",
    "repairs to the substation in {place} would take {n} days",
    "{n} civilians had been evacuated from {place} since Monday",
]
VERBS = ["said", "told reporters", "said on Tuesday", "wrote on Telegram", "told a briefing"]
HEDGES = [
    "Officials believe the figure could rise.",
    "The claim could not be independently verified.",
    "Local media reported long queues at fuel stations.",
]


def news_item(rng: random.Random, number: int) -> str:
    """One short article: a headline, two attributed claims, a hedge, a quote."""
    role, name = rng.choice(OFFICIALS)
    place = rng.choice(PLACES)
    event = rng.choice(EVENTS).format(n=rng.randint(2, 400), place=place)
    second = rng.choice(EVENTS).format(n=rng.randint(2, 400), place=rng.choice(PLACES))
    other_role, other_name = rng.choice(OFFICIALS)
    return (
        f"Update {number}: officials report on {place}\n\n"
        f"{role.capitalize()} {name} {rng.choice(VERBS)} that {event}.\n\n"
        f"According to {other_role} {other_name}, {second}.\n\n"
        f"{rng.choice(HEDGES)}\n\n"
        f'"We are doing everything we can," {name.split()[-1]} {rng.choice(VERBS)}.\n'
    )


def write_corpus(folder: Path, count: int, seed: int) -> None:
    rng = random.Random(seed)
    folder.mkdir()
    for number in range(count):
        (folder / f"item-{number:05d}.txt").write_text(news_item(rng, number), encoding="utf-8")


def tree_rss_kib(pid: int) -> int:
    """VmRSS of a process and every process below it, in KiB (0 once it is gone)."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
        pending.extend(int(child) for child in children)
    return total


def run_sampled(corpus: Path, store: Path, jobs: int) -> tuple[float, list[int]]:
    """Wall time of `claimtrack extract` and its tree's RSS every half second."""
    command = [sys.executable, "-m", "claimtrack", "extract", str(corpus), "--store", str(store), "--jobs", str(jobs)]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    samples: list[int] = []
    while process.poll() is None:
        samples.append(tree_rss_kib(process.pid))
        time.sleep(0.5)
    elapsed = time.perf_counter() - started
    if process.returncode:
        sys.exit(f"extract failed: {process.stderr.read().decode(errors='replace') if process.stderr else ''}")
    return elapsed, [sample for sample in samples if sample]


def report(label: str, documents: int, elapsed: float, samples: list[int]) -> None:
    quarters = [samples[min(len(samples) - 1, len(samples) * q // 4)] for q in (1, 2, 3, 4)] if samples else []
    shown = ", ".join(f"{kib / 1024:.0f}" for kib in quarters)
    peak = max(samples, default=0) / 1024
    print(f"{label}: {documents} documents in {elapsed:.0f} s ({documents / elapsed:.1f} documents/s)")
    print(f"  RSS at each quarter of the run (MiB): {shown}; peak {peak:.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--baseline", type=int, default=1_000)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        peaks = []
        for label, count, seed in (("baseline", args.baseline, 1), ("corpus", args.documents, 2)):
            write_corpus(root / label, count, seed)
            elapsed, samples = run_sampled(root / label, root / f"{label}.jsonl", args.jobs)
            report(label, count, elapsed, samples)
            peaks.append(max(samples, default=0))
    print(f"peak RSS {args.documents} / {args.baseline} documents: {peaks[1] / max(peaks[0], 1):.2f}")


if __name__ == "__main__":
    main()
