"""Extraction time and memory as one input grows: linear, and bounded.

    python benchmarks/large_input.py [--sizes 0.25,0.5,1,2] [--unit MB]

Each run is a real `claimtrack extract` of one generated text file of the
given size (news-like paragraphs with quotes and reporting verbs, cycled
from the seed article), into a fresh store. It prints wall time and peak
RSS per size, and each size's time and memory relative to the smallest:
for linear time the time ratio tracks the size ratio; for bounded memory
the RSS ratio stays near 1.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

SEED = Path(__file__).resolve().parents[1] / "seeds" / "north-korea-ukraine-army.txt"


def make_input(path: Path, size: int) -> None:
    paragraphs = [p for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    written = 0
    with path.open("w", encoding="utf-8") as out:
        while written < size:
            for paragraph in paragraphs:
                out.write(paragraph + "\n\n")
                written += len(paragraph.encode("utf-8")) + 2
                if written >= size:
                    break


def measure(path: Path, store: Path) -> tuple[float, int]:
    """Wall time and peak RSS (KiB) of `claimtrack extract PATH` in a fresh parent process."""
    code = (
        "import resource, subprocess, sys, time;"
        "t = time.perf_counter();"
        f"subprocess.run([sys.executable, '-m', 'claimtrack', 'extract', {str(path)!r}, '--store', {str(store)!r}],"
        " check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    elapsed, rss = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    return float(elapsed), int(rss)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0.25,0.5,1,2", help="comma-separated sizes in MB")
    args = parser.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory() as directory:
        for size in sizes:
            path = Path(directory) / f"input-{size}.txt"
            make_input(path, int(size * 1_000_000))
            elapsed, rss = measure(path, Path(directory) / f"store-{size}.jsonl")
            rows.append((size, elapsed, rss))
            os.unlink(path)
    base_size, base_time, base_rss = rows[0]
    print(f"{'input MB':>9} {'seconds':>8} {'peak RSS MiB':>13} {'size ratio':>11} {'time ratio':>11} {'RSS ratio':>10}")
    for size, elapsed, rss in rows:
        print(
            f"{size:>9.2f} {elapsed:>8.1f} {rss / 1024:>13.0f} {size / base_size:>11.1f} "
            f"{elapsed / base_time:>11.2f} {rss / base_rss:>10.2f}"
        )


if __name__ == "__main__":
    main()
