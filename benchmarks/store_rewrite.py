"""What storing one newly extracted document costs when the store already holds many claims.

    python benchmarks/store_rewrite.py [--claims 200000] [--runs 3]

``extract`` writes a new document by writing the store anew (the old file
stays whole until the new one is complete). When claimtrack vouches for
every line and no claim of the store is of the new document, the old
lines are copied as they are and the new claims written after them;
otherwise every claim is read, validated and passed through (a document
extracted again, annotations waiting in the journal, a store another
program wrote). Builds a store of --claims records through claimtrack (so
claimtrack vouches for every line), then times, run by run in turns:

- storing one new document of 20 claims (``replace_documents``, as
  ``extract`` does, without clustering: benchmarks/cluster_speed.py measures
  that);
- the same by the rewrite that reads every claim (what every save did
  before stop 30), the copy made impossible;
- reading and validating every claim of the store (iterating over it);
- copying the store file, the floor for writing it anew.

It prints the medians and the ratios of the first to the three others.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from claimtrack.store import ClaimStore  # noqa: E402
from conftest import make_claim  # noqa: E402  (tests/conftest.py: a claim as extraction writes it)

PER_DOCUMENT = 20


def build(path: Path, claims: int) -> ClaimStore:
    store = ClaimStore(path)
    base = make_claim()
    stored = {}
    for n in range(claims // PER_DOCUMENT):
        doc_id = f"doc{n:06d}"
        stored[doc_id] = [
            base.model_copy(update={"id": f"{n:06x}{k:06x}", "doc_id": doc_id, "cluster": f"{n:06x}{k:06x}"})
            for k in range(PER_DOCUMENT)
        ]
    store.replace_documents(stored)
    return store


def new_document(run: int) -> dict[str, list]:
    base = make_claim()
    doc_id = f"new{run:04d}"
    return {doc_id: [base.model_copy(update={"id": f"ff{run:04x}{k:06x}", "doc_id": doc_id}) for k in range(PER_DOCUMENT)]}


def timed(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "claims.jsonl"
        started = time.perf_counter()
        store = build(path, args.claims)
        size = path.stat().st_size
        print(f"store: {args.claims:,} claims, {size / 1e6:.0f} MB, built in {time.perf_counter() - started:.1f} s")
        print(f"claimtrack vouches for every line: {store.index.vouched()}")
        stores, rewrites, reads, copies = [], [], [], []
        for run in range(args.runs):
            stores.append(timed(lambda run=run: store.replace_documents(new_document(run))))
            rewrites.append(timed(lambda run=run: rewrite(store, new_document(args.runs + run))))
            reads.append(timed(lambda: sum(1 for _ in store)))
            copies.append(timed(lambda: shutil.copyfile(path, Path(tmp) / "copy.jsonl")))
        one, rewritten, read, copy = (statistics.median(t) for t in (stores, rewrites, reads, copies))
        print(f"store one new document of {PER_DOCUMENT} claims: median {one:.2f} s")
        print(f"the same, reading every claim:           median {rewritten:.2f} s  (ratio {one / rewritten:.2f})")
        print(f"read and validate every claim:           median {read:.2f} s  (ratio {one / read:.2f})")
        print(f"copy the store file:                     median {copy:.2f} s  (ratio {one / copy:.1f})")


def rewrite(store: ClaimStore, extracted: dict[str, list]) -> None:
    """Store ``extracted`` as a save that cannot copy the store's lines does: reading every claim."""
    appendable = ClaimStore._appendable
    ClaimStore._appendable = lambda self, extracted: None  # type: ignore[method-assign]
    try:
        store.replace_documents(extracted)
    finally:
        ClaimStore._appendable = appendable  # type: ignore[method-assign]


if __name__ == "__main__":
    main()
