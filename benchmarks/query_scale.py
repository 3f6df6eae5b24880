"""claimtrack queries over a million claims, against DuckDB's read_json with the same filter.

    python benchmarks/query_scale.py [--claims 1000000] [--runs 3] [--dir DIR]

Builds a store of --claims records exactly as claimtrack writes them (varied
sources, some with non-ASCII names, varied statuses, 40 claims a document),
has `claimtrack check` vouch for it once (timed: that is what lets claimtrack
use DuckDB, see README "Queries on large stores"), journals a few
annotations, then times each query as a whole process, claimtrack and the
reference taking turns run by run:

- claimtrack: `claimtrack claims ... --format jsonl > out` (or `export`);
- reference: a Python process that imports duckdb and runs
  `COPY (SELECT * FROM read_json(store) WHERE <same filter>) TO out (FORMAT json)`.

Each pair must produce the same claims (the ids of the two outputs are
compared, in order). The reference cannot see the journal, so for --status
its rows differ by the journalled claims; for `sources` it groups with
lower() where claimtrack uses casefold, and only the row counts are compared.
Prints the median wall time and the peak RSS of each, and the ratio.
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

from store_scale import record

from claimtrack.models import SCHEMA_VERSION

NAMES = [
    "South Korean intelligence officials",
    "Police",
    "Donald Trump",
    "the Straße-Behörde",
    "İstanbul police",
    "Kremlin spokesman",
    "aides",
    "The Ministry",
    "Reuters",
    "Volodymyr Zelensky",
]
STATUSES = ["unverified"] * 6 + ["false", "verified", "disputed", "misleading"]

# (claimtrack arguments, reference SQL condition over read_json's columns)
QUERIES = [
    (["claims", "--source", "trump"], "(contains(lower(source.text), 'trump') OR contains(lower(source.name), 'trump'))"),
    (["claims", "--source", "POLICE"], "(contains(lower(source.text), 'police') OR contains(lower(source.name), 'police'))"),
    (["claims", "--search", "pyongyang"], "contains(lower(text), 'pyongyang')"),
    (["claims", "--status", "false"], "status = 'false'"),
    (["claims", "--doc", "doc1234"], "doc_id = 'doc1234'"),
    (["claims", "--unattributed"], "source IS NULL AND cue IS NULL"),
    (["claims", "--attributed", "--limit", "1000"], "(source IS NOT NULL OR cue IS NOT NULL) LIMIT 1000"),
    (
        ["export", "--format", "jsonl", "--source", "reuters"],
        "(contains(lower(source.text), 'reuters') OR contains(lower(source.name), 'reuters'))",
    ),
    (["export", "--format", "jsonl"], "true"),
    (["sources"], None),
]

# What `sources` computes, as one would ask read_json for it.
SOURCES_SQL = (
    "COPY (SELECT any_value(n) AS name, any_value(source.type) AS type, count(*) AS claims, count(DISTINCT doc_id) AS documents,"
    " list(DISTINCT source.role) AS roles, list(DISTINCT source.affiliation) AS affiliations,"
    " list(DISTINCT source.text) AS mentions"
    " FROM (SELECT *, coalesce(nullif(source.name, ''), source.text) AS n FROM read_json('{store}', format='newline_delimited'))"
    " WHERE source IS NOT NULL GROUP BY lower(n) ORDER BY claims DESC) TO '{out}' (FORMAT json)"
)


def build_store(path: Path, count: int) -> None:
    from claimtrack.models import Claim
    from claimtrack.store import dump_record

    base = Claim.model_validate(_record(0, 0)).model_dump(mode="json")
    assert json.dumps(base, ensure_ascii=False) == dump_record(Claim.model_validate(_record(0, 0)))
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            data = dict(base, **_changes(n))
            out.write(json.dumps(data, ensure_ascii=False) + "\n")
    # Spot-check that every shape written is exactly what claimtrack writes.
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if number % 997 == 0 and line != dump_record(Claim.model_validate_json(line)) + "\n":
                raise SystemExit(f"line {number + 1} is not as claimtrack writes it")
            if number > 20000:
                break


def _record(n: int, name: int) -> dict:
    """store_scale's record in the current format, with one of several source names."""
    source = {
        "text": NAMES[name],
        "start": 0,
        "end": 35,
        "name": NAMES[name],
        "type": "anonymous group",
        "role": None,
        "affiliation": None,
    }
    return {**record(n, SCHEMA_VERSION), "source": source}


def _changes(n: int) -> dict:
    name = NAMES[n % len(NAMES)]
    changes: dict = {
        "id": f"{n:012x}",
        "doc_id": f"doc{n // 40}",
        "doc_path": f"articles/doc{n // 40}.txt",
        "status": STATUSES[(n // 7) % len(STATUSES)],
    }
    if n % 13 == 0:
        changes.update(source=None, cue=None, quote=None)  # unattributed
    else:
        changes["source"] = {
            "text": name,
            "start": 0,
            "end": 35,
            "name": name.lower() if n % 3 else name,
            "type": "anonymous group",
            "role": None,
            "affiliation": None,
        }
    return changes


def timed(command: list[str], env: dict[str, str], out: Path) -> tuple[float, int]:
    """Wall time and peak RSS (KiB) of one process writing its stdout to ``out`` (a fresh file)."""
    script = (
        "import resource, subprocess, sys, time;"
        "t = time.perf_counter();"
        f"subprocess.run({command!r}, stdout=open({str(out)!r}, 'w'), stderr=subprocess.DEVNULL,"
        f" env={env!r}, cwd={str(out.parent)!r}, check=True);"
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    wall, rss = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    return float(wall), int(rss)


def reference_command(store: Path, condition: str | None, out: Path) -> list[str]:
    sql = f"COPY (SELECT * FROM read_json('{store}', format='newline_delimited') WHERE {condition}) TO '{out}' (FORMAT json)"
    if condition is None:
        sql = SOURCES_SQL.format(store=store, out=out)
    return [sys.executable, "-c", f"import duckdb; duckdb.sql({sql!r})"]


_ID = re.compile(r'"id":\s*"([^"]*)"')


def ids(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as lines:
        return [match.group(1) for line in lines if (match := _ID.search(line))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as directory:
        root = Path(directory)
        store = root / "claims.jsonl"
        started = time.perf_counter()
        build_store(store, args.claims)
        print(f"built {args.claims:,} claims ({store.stat().st_size / 2**20:,.0f} MiB) in {time.perf_counter() - started:.1f} s")
        env = {**os.environ, "CLAIMTRACK_STORE": str(store)}
        ct = [sys.executable, "-m", "claimtrack"]
        check, _ = timed([*ct, "check"], env, root / "check.txt")
        print(f"claimtrack check (validates every line, vouches for the store): {check:.1f} s, once")
        for n in (5, 6, 7):  # annotations waiting in the journal (the store is over 32 MiB)
            subprocess.run(
                [*ct, "annotate", f"{n:012x}", "--status", "false" if n != 6 else "verified"],
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                cwd=root,
            )
        print(f"\n{'query':52s} {'claimtrack':>17s} {'DuckDB read_json':>17s} {'ratio':>6s}  rows")
        for arguments, condition in QUERIES:
            mine, theirs = root / "mine.jsonl", root / "theirs.json"
            samples: dict[str, list[tuple[float, int]]] = {"mine": [], "theirs": []}
            for _ in range(args.runs):
                samples["mine"].append(
                    timed([*ct, *arguments, *([] if "--format" in arguments else ["--format", "jsonl"])], env, mine)
                )
                samples["theirs"].append(timed(reference_command(store, condition, theirs), env, root / "ref-stdout.txt"))
            same = ids(mine) == ids(theirs) if condition else _lines(mine) == _lines(theirs)
            wall = {k: statistics.median(t for t, _ in v) for k, v in samples.items()}
            rss = {k: max(r for _, r in v) for k, v in samples.items()}
            label = "claimtrack " + " ".join(arguments)
            print(
                f"{label:52s} {wall['mine']:6.2f} s {rss['mine'] / 1024:5.0f} MiB "
                f"{wall['theirs']:6.2f} s {rss['theirs'] / 1024:5.0f} MiB {wall['mine'] / wall['theirs']:6.2f}  "
                f"{_lines(mine):,}{'' if same else ' (not the same rows: see the docstring)'}"
            )


def _lines(path: Path) -> int:
    with path.open(encoding="utf-8") as lines:
        return sum(1 for _ in lines)


if __name__ == "__main__":
    main()
