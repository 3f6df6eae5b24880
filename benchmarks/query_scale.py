"""claimtrack queries over a million claims, against DuckDB's read_json with the same filter.

    python benchmarks/query_scale.py [--claims 1000000] [--runs 3] [--dir DIR] [--keep DIR] [--only clusters,"claims --repeated"]

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
lower() where claimtrack uses casefold, and only the row counts are compared;
for `claims --repeated` the ids are compared as sets (DuckDB's semi-join
does not keep line order); for `clusters` the cluster ids are compared, in
order (the store has no
documents, so no cluster has a first-seen date to sort by). Every fourth
claim is in one of 10,000 clusters of 25 documents each.
claimtrack's modules are compiled to bytecode first, as installing it does
(see store_scale.compile_bytecode). Prints the median wall time and the peak RSS of each, the ratio, and the
median CPU time of each (every thread's, user and system): on cores others
share, wall time favours the process with fewer threads, CPU time does not.

--keep DIR builds the store in DIR and leaves it there; a later run with the
same --keep DIR and --claims reuses it (building and checking a million
claims takes a minute or two), checking it again only when the vouch lapsed.
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

from store_scale import compile_bytecode, record

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
    (
        ["claims", "--repeated"],
        "cluster IN (SELECT cluster FROM read_json('{store}', format='newline_delimited')"
        " GROUP BY cluster HAVING count(DISTINCT doc_id) > 1)",
    ),
    (["clusters"], None),
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


# What `clusters` computes (but the dates: the store has no documents), as one would ask read_json for it.
CLUSTERS_SQL = (
    "COPY (SELECT cluster, coalesce(any_value(text) FILTER (WHERE id = cluster), first(text)) AS claim, list(id) AS claims,"
    " count(DISTINCT doc_id) AS documents, count(DISTINCT lower(coalesce(nullif(source.name, ''), source.text))) AS sources,"
    " histogram(status) AS statuses FROM read_json('{store}', format='newline_delimited') WHERE cluster IS NOT NULL"
    " GROUP BY cluster HAVING count(DISTINCT doc_id) >= 2 ORDER BY documents DESC, cluster) TO '{out}' (FORMAT json)"
)


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
        # Every fourth claim states a fact 25 documents state (10,000 clusters); the others are alone.
        "cluster": f"{n % 40_000:012x}" if n % 4 == 0 else f"{n:012x}",
    }
    if changes["status"] != "unverified":
        # A verdict is recorded by an event of the claim's history (claimtrack check requires one).
        event = {"at": "2026-01-01T00:00:00Z", "status": changes["status"], "note": None, "evidence": [], "tags": []}
        changes["annotations"] = [{**event, "applied_from": None, "cluster": None}]
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


def timed(command: list[str], env: dict[str, str], out: Path) -> tuple[float, int, float]:
    """Wall time, peak RSS (KiB) and CPU time (user + system, every thread) of one process writing its stdout
    to ``out`` (a fresh file)."""
    script = (
        "import resource, subprocess, sys, time;"
        "t = time.perf_counter();"
        f"subprocess.run({command!r}, stdout=open({str(out)!r}, 'w'), stderr=subprocess.DEVNULL,"
        f" env={env!r}, cwd={str(out.parent)!r}, check=True);"
        "u = resource.getrusage(resource.RUSAGE_CHILDREN);"
        "print(time.perf_counter() - t, u.ru_maxrss, u.ru_utime + u.ru_stime)"
    )
    wall, rss, cpu = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    return float(wall), int(rss), float(cpu)


def reference_command(store: Path, arguments: list[str], condition: str | None, out: Path) -> list[str]:
    if condition is None:
        sql = (CLUSTERS_SQL if arguments[0] == "clusters" else SOURCES_SQL).format(store=store, out=out)
    else:
        where = condition.format(store=store)
        sql = f"COPY (SELECT * FROM read_json('{store}', format='newline_delimited') WHERE {where}) TO '{out}' (FORMAT json)"
    return [sys.executable, "-c", f"import duckdb; duckdb.sql({sql!r})"]


_ID = re.compile(r'"id":\s*"([^"]*)"')
_CLUSTER = re.compile(r'"cluster":\s*"([^"]*)"')


def ids(path: Path, pattern: re.Pattern[str] = _ID) -> list[str]:
    with path.open(encoding="utf-8") as lines:
        return [match.group(1) for line in lines if (match := pattern.search(line))]


def same_rows(arguments: list[str], condition: str | None, mine: Path, theirs: Path) -> bool:
    """Whether the two outputs hold the same claims (the same clusters, for `clusters`), in order."""
    if arguments[0] == "clusters":
        return ids(mine, _CLUSTER) == ids(theirs, _CLUSTER)
    if "--repeated" in arguments:  # the reference's semi-join does not keep the store's order
        return sorted(ids(mine)) == sorted(ids(theirs))
    return ids(mine) == ids(theirs) if condition else _lines(mine) == _lines(theirs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--only", default=None, help="time only the queries of these commands (comma separated)")
    parser.add_argument("--keep", type=Path, default=None, help="keep the store in this directory (reused if there)")
    args = parser.parse_args()
    only = None if args.only is None else set(args.only.split(","))
    compile_bytecode()
    with tempfile.TemporaryDirectory(dir=args.dir) as directory:
        root = args.keep or Path(directory)
        root.mkdir(parents=True, exist_ok=True)
        store = root / "claims.jsonl"
        env = {**os.environ, "CLAIMTRACK_STORE": str(store)}
        ct = [sys.executable, "-m", "claimtrack"]
        prepare_store(store, args.claims, reuse=args.keep is not None, command=[*ct, "check"], env=env)
        for n in (5, 6, 7):  # annotations waiting in the journal (the store is over 32 MiB)
            subprocess.run(
                [*ct, "annotate", f"{n:012x}", "--status", "false" if n != 6 else "verified"],
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                cwd=root,
            )
        print(f"\n{'query':52s} {'claimtrack':>17s} {'DuckDB read_json':>17s} {'ratio':>6s}  {'CPU: mine, theirs':>17s}  rows")
        for arguments, condition in QUERIES:
            if only is not None and " ".join(arguments) not in only and arguments[0] not in only:
                continue
            mine, theirs = root / "mine.jsonl", root / "theirs.json"
            samples: dict[str, list[tuple[float, int, float]]] = {"mine": [], "theirs": []}
            for _ in range(args.runs):
                samples["mine"].append(
                    timed([*ct, *arguments, *([] if "--format" in arguments else ["--format", "jsonl"])], env, mine)
                )
                samples["theirs"].append(
                    timed(reference_command(store, arguments, condition, theirs), env, root / "ref-stdout.txt")
                )
            same = same_rows(arguments, condition, mine, theirs)
            wall = {k: statistics.median(t for t, _, _ in v) for k, v in samples.items()}
            rss = {k: max(r for _, r, _ in v) for k, v in samples.items()}
            cpu = {k: statistics.median(c for _, _, c in v) for k, v in samples.items()}
            label = "claimtrack " + " ".join(arguments)
            print(
                f"{label:52s} {wall['mine']:6.2f} s {rss['mine'] / 1024:5.0f} MiB "
                f"{wall['theirs']:6.2f} s {rss['theirs'] / 1024:5.0f} MiB {wall['mine'] / wall['theirs']:6.2f}  "
                f"{cpu['mine']:6.2f} s {cpu['theirs']:6.2f} s  "
                f"{_lines(mine):,}{'' if same else ' (not the same rows: see the docstring)'}"
            )


def prepare_store(store: Path, count: int, *, reuse: bool, command: list[str], env: dict[str, str]) -> None:
    """Build the store of ``count`` claims (unless ``reuse`` finds it built) and have claimtrack vouch for it."""
    from claimtrack.store import ClaimStore

    built = store.with_name("built.txt")
    if reuse and store.exists() and built.exists() and built.read_text() == str(count):
        print(f"reusing {count:,} claims ({store.stat().st_size / 2**20:,.0f} MiB) in {store.parent}")
    else:
        started = time.perf_counter()
        build_store(store, count)
        built.write_text(str(count))
        print(f"built {count:,} claims ({store.stat().st_size / 2**20:,.0f} MiB) in {time.perf_counter() - started:.1f} s")
    if not ClaimStore(store).index.vouched():
        check, _, _ = timed(command, env, store.with_name("check.txt"))
        print(f"claimtrack check (validates every line, vouches for the store): {check:.1f} s, once")


def _lines(path: Path) -> int:
    with path.open(encoding="utf-8") as lines:
        return sum(1 for _ in lines)


if __name__ == "__main__":
    main()
