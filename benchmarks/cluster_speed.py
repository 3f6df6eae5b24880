"""What clustering adds to ``extract`` on a store of 1,000 documents: time with clustering / without, same run.

The store is made of the fixture stories' claims (tests/data/clusters)
copied under 1,000 document ids, each copy with its own figures, so that
every new claim has hundreds of look-alikes to be told apart from. The
copies are clustered as they are stored, as extracts leave a store in use
(before stop 26 each copy was a cluster of its own, and a new claim then
found each fact in several clusters and merged them). Then the fixture articles are extracted into a fresh copy
of that store, with and without clustering, alternately, and the medians
compared, on elapsed time and on this process's CPU time (the machine is
shared: CPU time is the steadier of the two). With ``--jobs 1`` the store
step alone is then timed too: the articles' extracted claims stored into a
copy of the store with and without clustering, in turns, in one thread; the
difference is clustering's own CPU time, printed as a share of the
extract's. On this 2-core machine the whole extracts' difference swung from
+4% to +25% between runs of one code (the parsing thread and the
clustering share the cores differently from run to run); the store step's
does not depend on that. The spaCy pipeline is loaded
once, before any timing, and parses in this process (``--jobs 1``, the
default here). With ``--jobs N`` the articles are parsed by N worker
processes, as ``claimtrack extract`` does by default (one per core), each
loading the pipeline as it would; clustering then runs in this process while
the workers parse, so the figure to read is elapsed time (the CPU time is
this process's alone).

With ``--polnear``, the same store step on a real archive instead: the
840 articles of PolNeAR train (read from ../shared/eval, never written into
the repository) extracted into a store once, then PolNeAR dev's 84
articles' claims stored into copies of it, with and without clustering,
in turns; the share is of PolNeAR dev's extract CPU time without
clustering (``--jobs 1``, in this process). One beat of US politics, so
nearly every article shares names with dozens of others: no easy archive
for clustering either.

Clustering runs compiled where claimtrack was installed with ``pip install .``
(see setup.py), and as Python in an editable install: the first line says
which was timed. To time what users install, run this with the Python of a
virtualenv where ``pip install .`` was run (a script's own folder, not the
checkout, is first on its path, so the installed package is imported).

    .venv/bin/python benchmarks/cluster_speed.py [--documents 1000] [--rounds 5] [--jobs 1]
    .venv/bin/python benchmarks/cluster_speed.py --polnear [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from claimtrack.clusters import compiled, matching
from claimtrack.models import Claim, claim_id
from claimtrack.nlp import load_pipeline
from claimtrack.quantities import find_quantities
from claimtrack.store import ClaimStore
from claimtrack.workflow import extract_into_store

ARTICLES = Path(__file__).resolve().parent.parent / "tests" / "data" / "clusters" / "articles"
EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
_DIGITS = re.compile(r"\d+")


def copies(claims: list[Claim], documents: int, rng: random.Random) -> dict[str, list[Claim]]:
    """``documents`` copies of the fixture claims, one document each, with the figures changed."""
    stored: dict[str, list[Claim]] = {}
    for n in range(documents):
        source = claims[n % len(claims)].doc_id
        doc_id = f"copy-{n:04d}-{source}"
        made = []
        for claim in (c for c in claims if c.doc_id == source):
            text = _DIGITS.sub(lambda m: str(rng.randint(2, 99_999)), claim.text)
            new_id = claim_id(doc_id, claim.start, claim.end, text)
            # The figures are found again in the new text, as extract finds them: a copy keeping the original's
            # quantities would state the original's facts in its signature, whatever its words say.
            update = {"id": new_id, "doc_id": doc_id, "text": text, "quantities": find_quantities(text)}
            made.append(claim.model_copy(update={**update, "cluster": new_id, "parent": None}))
        stored[doc_id] = made
    return stored


def build(base: Path, documents: int, nlp, extracted: dict[str, list[Claim]]) -> None:
    """The store of ``documents`` copies of the fixture claims ``extracted``, with its cluster index built."""
    claims = [claim for document in extracted.values() for claim in document]
    store = ClaimStore(base / "claims.jsonl")
    # Clustered as they are stored, as extracts in use leave a store: the copies that keep the original's words
    # (no figure changed) are one cluster, not hundreds of clusters of one fact that a new claim would merge.
    made = copies(claims, documents, random.Random(1))
    store.replace_documents(
        {doc_id: [claim.model_copy(update={"cluster": None}) for claim in made[doc_id]] for doc_id in made}, cluster=True
    )
    extract_into_store([str(next(ARTICLES.iterdir()))], store, nlp=nlp, doc_id="warm-up")


def timed(base: Path, nlp, *, cluster: bool, jobs: int = 1) -> tuple[float, float]:
    """Seconds (elapsed, and CPU of this process) to extract the fixture articles into a copy of the base store.

    The copy is a rename of a fresh copy's files made before timing; the cluster index names
    the store's inode, so it is rebuilt into the copy by one untimed clustering extract first.
    """
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "store"
        shutil.copytree(base, work)
        store = ClaimStore(work / "claims.jsonl")
        extract_into_store([str(next(ARTICLES.iterdir()))], store, nlp=nlp, doc_id="warm-up", force=True)
        start, cpu = time.perf_counter(), time.process_time()
        extract_into_store([str(ARTICLES)], store, nlp=nlp if jobs == 1 else None, jobs=jobs, cluster=cluster)
        return time.perf_counter() - start, time.process_time() - cpu


def fixture_claims(nlp) -> dict[str, list[Claim]]:
    """The fixture articles' claims as extract makes them, before they are stored (no cluster yet), by document."""
    with tempfile.TemporaryDirectory() as tmp:
        fixture = ClaimStore(Path(tmp) / "claims.jsonl")
        extract_into_store([str(ARTICLES)], fixture, nlp=nlp, cluster=False)
        extracted: dict[str, list[Claim]] = {}
        for claim in fixture:
            extracted.setdefault(claim.doc_id, []).append(claim.model_copy(update={"cluster": None}))
        return extracted


def store_step(base: Path, nlp, extracted: dict[str, list[Claim]], *, cluster: bool) -> float:
    """CPU seconds of this process to store ``extracted`` into a copy of the base store, with or without
    clustering: the part of extract where clustering does its work, alone, with no parsing thread beside it."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "store"
        shutil.copytree(base, work)
        store = ClaimStore(work / "claims.jsonl")
        extract_into_store([str(next(ARTICLES.iterdir()))], store, nlp=nlp, doc_id="warm-up", force=True)
        cpu = time.process_time()
        store.replace_documents(extracted, cluster=cluster)
        return time.process_time() - cpu


def polnear(nlp, rounds: int) -> None:
    """Clustering's own CPU time on a real archive: PolNeAR dev's claims stored into PolNeAR train's store."""
    with tempfile.TemporaryDirectory() as tmp:
        train, dev = Path(tmp) / "train", Path(tmp) / "dev"
        for name, folder in (("train", train), ("dev", dev)):
            write_articles(EVAL / f"polnear-{name}.jsonl", folder)
        base = Path(tmp) / "base"
        print("extracting PolNeAR train into the archive store, once (a few minutes)", flush=True)
        extract_into_store([str(train)], ClaimStore(base / "claims.jsonl"))
        claims = sum(1 for _ in ClaimStore(base / "claims.jsonl"))
        print(f"archive: {len(list(train.iterdir()))} documents, {claims} claims")
        extract_cpu, extracted = [], {}
        for _ in range(rounds):
            with tempfile.TemporaryDirectory() as fresh:
                store = ClaimStore(Path(fresh) / "claims.jsonl")
                cpu = time.process_time()
                extract_into_store([str(dev)], store, nlp=nlp, cluster=False)
                extract_cpu.append(time.process_time() - cpu)
                extracted = {}
                for claim in store:
                    extracted.setdefault(claim.doc_id, []).append(claim.model_copy(update={"cluster": None}))
        median = statistics.median(extract_cpu)
        print(
            f"extract of PolNeAR dev ({len(extracted)} documents) without clustering, CPU: median {median:.2f} s "
            f"{sorted(round(t, 2) for t in extract_cpu)}"
        )
        _print_store_step(base, nlp, extracted, rounds, median)


def write_articles(jsonl: Path, folder: Path) -> None:
    """The articles of an eval file as .txt files in ``folder`` (a temporary one: eval texts stay out of the repository)."""
    if not jsonl.exists():
        raise SystemExit(f"needs {jsonl}")
    folder.mkdir(parents=True)
    with jsonl.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            (folder / f"{record['doc_id']}.txt").write_text(record["text"], encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=1, help="parse in this many worker processes (1: in this process)")
    parser.add_argument("--polnear", action="store_true", help="the store step on a real archive: PolNeAR train, then dev")
    args = parser.parse_args()
    # What is timed: compiled (an install with `pip install .`) or as Python (an editable install, no compiler).
    print(f"clustering: {'compiled' if compiled() else 'as Python'} ({Path(matching.__file__).name})")
    nlp = load_pipeline(None)
    if args.polnear:
        polnear(nlp, args.rounds)
        return
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        extracted = fixture_claims(nlp)
        build(base, args.documents, nlp, extracted)
        size = (base / "claims.jsonl").stat().st_size
        claims = sum(1 for _ in ClaimStore(base / "claims.jsonl"))
        print(f"store: {args.documents} documents, {claims} claims, {size / 1e6:.1f} MB; parsing with --jobs {args.jobs}")
        without, with_ = [], []
        for _ in range(args.rounds):
            without.append(timed(base, nlp, cluster=False, jobs=args.jobs))
            with_.append(timed(base, nlp, cluster=True, jobs=args.jobs))
        articles = len(list(ARTICLES.iterdir()))
        for n, clock in enumerate(("elapsed", "CPU")):
            a, b = statistics.median(t[n] for t in without), statistics.median(t[n] for t in with_)
            print(f"{clock}: extract of {articles} articles without clustering: median {a:.2f} s {_rounded(without, n)}")
            print(f"{clock}: extract of the same with clustering:    median {b:.2f} s {_rounded(with_, n)}")
            print(f"{clock}: ratio {b / a:.3f} (clustering adds {100 * (b / a - 1):+.1f}%)")
        if args.jobs == 1:
            _print_store_step(base, nlp, extracted, args.rounds, statistics.median(t[1] for t in without))


def _print_store_step(base: Path, nlp, extracted: dict[str, list[Claim]], rounds: int, extract_cpu: float) -> None:
    """Clustering's own CPU time, from the store step alone, as a share of the extract's CPU time without it.

    The two whole extracts above differ by what clustering costs and by how
    the parsing thread and this one happened to share the machine; storing
    the same extracted claims with and without clustering, in turns, in
    one thread, leaves only the first.
    """
    plain, clustered = [], []
    for _ in range(rounds):
        plain.append(store_step(base, nlp, extracted, cluster=False))
        clustered.append(store_step(base, nlp, extracted, cluster=True))
    a, b = statistics.median(plain), statistics.median(clustered)
    print(f"store step alone, CPU: without clustering median {a:.2f} s {sorted(round(t, 2) for t in plain)}")
    print(f"store step alone, CPU: with clustering    median {b:.2f} s {sorted(round(t, 2) for t in clustered)}")
    print(f"clustering's own CPU: {b - a:.2f} s, {100 * (b - a) / extract_cpu:.1f}% of the extract's CPU without clustering")


def _rounded(times: list[tuple[float, float]], n: int) -> list[float]:
    return sorted(round(t[n], 2) for t in times)


if __name__ == "__main__":
    main()
