#!/usr/bin/env python3
"""Fit the weights of the learned likeness (claimtrack/clusters/matching.py) on the fixture stories.

Usage: train_cluster_scorer.py [--store DIR] [--target 0.93] [--l2 1.0] [--fit-only]

The fixture articles (tests/data/clusters, as benchmarks/cluster_quality.py
extracts them) are clustered in store order by a replay of the sidecar's
assignment: one document at a time, its candidates found by their keys in a
``MemoryIndex`` and its story by ``story_documents``, exactly as
``assign.choose`` finds them. Candidates do not depend on the clusters, so
each candidate pair's features (``pair_features``) are computed once; pairs
that ``differ`` vetoes or that ``unmatchable`` rules out (opposite statements, a side of names alone) are
never scored, as in use.
A pair of two claims that label gold sentences is an example: the same fact
or not. The model is a logistic regression (L2, Newton steps, on
standardised features, whose scaling is then folded into the weights).

Leave-one-group-out, for each group of stories of the benchmark but the
test groups (``TEST_GROUPS``, never fitted on): the model is fitted on the
pairs of the other groups, and its threshold is the
lowest at which the replayed assignment reaches pairwise precision
``--target`` on those (pooled); the held-out group is then scored
through the same assignment. The shipped model is fitted on every group
but the test groups, its threshold chosen the same way on all of them, and
the test groups are scored with it; the script prints it as
the constants to paste into matching.py, and checks that the replay with
the constants matching.py has now gives the clusters the store got. That
check means something only for a store extracted with those constants (a
``--store`` folder kept from before a refit was clustered by the old ones),
and even then a few claims differ: the replay leaves out the likeness's
rules beside its score (claims with no word in common but names, claims of different stories
without a name in common), 66 of 12,540 at stop 48.

    nice -n 19 .venv/bin/python scripts/train_cluster_scorer.py --store /tmp/cluster-fixtures
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from cluster_quality import DATA, GROUPS, labelled_claims, pairwise  # noqa: E402

from claimtrack.clusters import matching  # noqa: E402
from claimtrack.clusters.assign import (  # noqa: E402
    MERGE_PROBABILITY,
    Indexed,
    MemoryIndex,
    _one_fact,
    candidates,
    paired_claims,
    story_documents,
)  # noqa: E402
from claimtrack.clusters.embedding import cosines  # noqa: E402
from claimtrack.clusters.signature import Signature, claim_signature  # noqa: E402
from claimtrack.models import Claim  # noqa: E402
from claimtrack.store import ClaimStore  # noqa: E402
from claimtrack.workflow import extract_into_store  # noqa: E402

# Thresholds tried, lowest first: the lowest that reaches the target precision gives the most recall.
THRESHOLDS = np.round(np.arange(0.05, 0.96, 0.01), 2)
# Never fitted on: the newest held-out groups, written after the model was fitted and scored with it (README),
# stay the tests of stories no fit has seen. Every other group is fitted on.
TEST_GROUPS = (
    "eighth held-out stories (never looked at)",
    "ninth held-out stories (never looked at)",
    "tenth held-out stories (never looked at)",
    "thirteenth held-out stories (never looked at)",
    "fourteenth held-out stories (never looked at)",
    "fifteenth held-out stories (never looked at)",
    "sixteenth held-out stories (never looked at)",
    "seventeenth held-out stories (never looked at)",
    "eighteenth held-out stories (never looked at)",
    "nineteenth held-out stories (never looked at)",
    "twenty-first held-out stories (never looked at)",
    "twenty-second held-out stories (never looked at)",
    "twenty-third held-out stories (never looked at)",
    "twenty-fourth held-out stories (never looked at)",
    "twenty-sixth held-out stories (never looked at)",
    "twenty-seventh held-out stories (never looked at)",
    "twenty-ninth held-out stories (never looked at)",
    "thirty-first held-out stories (never looked at)",
    "thirty-third held-out stories (never looked at)",
    "thirty-fifth held-out stories (never looked at)",
    "thirty-seventh held-out stories (never looked at)",
)
FITTED_GROUPS = [name for name in GROUPS if name not in TEST_GROUPS]


@dataclass
class Candidate:
    """An earlier claim as the assignment of one new claim saw it."""

    id: str
    refused: bool  # differ vetoes it: its cluster is refused
    row: int | None  # its features' row in the matrix; None when never scored (vetoed, or unmatchable)
    copy: bool = False  # one text copied: the same fact whatever the score (matching.is_copy)


@dataclass
class Replayed:
    """A new claim in assignment order, with its candidates."""

    claim: Claim
    candidates: list[Candidate]
    signature: Signature  # for the veto between two clusters' claims before they are merged


def extract(folder: Path) -> ClaimStore:
    """The fixture articles extracted into ``folder`` (reused when already there)."""
    store = ClaimStore(folder / "claims.jsonl")
    if not store.path.exists():
        extract_into_store([str(DATA / "articles")], store)
    return store


def replay(claims: list[Claim]) -> tuple[list[Replayed], list[tuple[str, str]], np.ndarray]:
    """Every new claim's candidates, and the scored pairs (new id, earlier id) with their features."""
    index = MemoryIndex()
    replayed: list[Replayed] = []
    pairs: list[tuple[str, str]] = []
    rows: list[tuple[float, ...]] = []
    for run in _documents(claims):
        doc_id = run[0].doc_id
        found = [claim_signature(claim) for claim in run]
        story = story_documents(found, doc_id, index)
        paired = paired_claims(found, story, index)
        for claim, signature, also in zip(run, found, paired, strict=True):
            entries = candidates(signature, doc_id, index, also)
            chosen = []
            for entry, near in zip(entries, cosines(signature.vector, [e.signature.vector for e in entries]), strict=True):
                same_story = entry.doc_id in story
                refused = matching.differ(signature, entry.signature, same_story=same_story)
                row, copy = None, False
                if not refused and not matching.unmatchable(signature, entry.signature):
                    row = len(rows)
                    pairs.append((claim.id, entry.id))
                    rows.append(matching.pair_features(signature, entry.signature, near, same_story=same_story))
                    copy = matching.is_copy(rows[-1])
                chosen.append(Candidate(entry.id, refused, row, copy))
            replayed.append(Replayed(claim, chosen, signature))
        index.add(Indexed(claim.id, doc_id, claim.id, signature) for claim, signature in zip(run, found, strict=True))
    return replayed, pairs, np.array(rows)


def _documents(claims: list[Claim]) -> list[list[Claim]]:
    """The store's claims in runs of one document, as the sidecar assigns them (orphans are never matched)."""
    runs: list[list[Claim]] = []
    for claim in claims:
        if claim.orphaned:
            continue
        if runs and runs[-1][0].doc_id == claim.doc_id:
            runs[-1].append(claim)
        else:
            runs.append([claim])
    return runs


def assign(replayed: list[Replayed], scores: np.ndarray, threshold: float) -> dict[str, str]:
    """Each claim's cluster, chosen as ``assign.choose`` chooses it, with ``scores`` for the scored pairs, and the
    clusters it shows to be one fact merged as ``assign.document_clusters`` merges them."""
    clusters: dict[str, str] = {}
    merged: dict[str, str] = {}
    indexed: list[Replayed] = []  # the claims of the documents before the current one, as the index has them
    current: list[Replayed] = []

    def resolve(cluster: str) -> str:
        while cluster in merged:
            cluster = merged[cluster]
        return cluster

    class Members:
        """The claims of each cluster as the index has them, for ``assign._one_fact``."""

        def members(self, cluster: str, limit: int) -> list[Indexed]:
            found = (old for old in indexed if resolve(clusters[old.claim.id]) == cluster)
            return [Indexed(old.claim.id, old.claim.doc_id, cluster, old.signature) for old in found][:limit]

    for new in replayed:  # a document's claims see only earlier documents' claims: candidates are never its own
        if current and current[0].claim.doc_id != new.claim.doc_id:
            indexed.extend(current)
            current = []
        current.append(new)
        refused = set()
        same: dict[str, float] = {}
        for candidate in new.candidates:
            cluster = resolve(clusters[candidate.id])
            if candidate.refused:
                refused.add(cluster)
            elif candidate.row is not None and (scores[candidate.row] >= threshold or candidate.copy):
                same[cluster] = max(float(scores[candidate.row]), same.get(cluster, -1.0))
        best = max(same, key=lambda cluster: (same[cluster], cluster)) if same else None
        if best is None or best in refused:
            clusters[new.claim.id] = new.claim.id
            continue
        clusters[new.claim.id] = best
        for cluster in sorted(same):
            mergeable = cluster != best and cluster not in refused and same[cluster] >= MERGE_PROBABILITY
            if mergeable and _one_fact(cluster, best, Members()):  # type: ignore[arg-type]  # the members alone
                merged[cluster] = best
    return {claim_id: resolve(cluster) for claim_id, cluster in clusters.items()}


def precision_recall(counts: tuple[int, int, int]) -> tuple[float, float]:
    right, wrong, missed = counts
    return right / max(right + wrong, 1), right / max(right + missed, 1)


def fit(x: np.ndarray, y: np.ndarray, l2: float) -> tuple[np.ndarray, float]:
    """Logistic regression by Newton's method on standardised features; weights and bias of the raw features."""
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    z = np.hstack([np.ones((len(x), 1)), (x - mean) / scale])
    w = np.zeros(z.shape[1])
    penalty = np.eye(z.shape[1]) * l2
    penalty[0, 0] = 0.0  # the bias is not shrunk
    for _ in range(50):
        p = 1 / (1 + np.exp(-(z @ w)))
        step = np.linalg.solve((z * (p * (1 - p))[:, None]).T @ z + penalty, z.T @ (p - y) + penalty @ w)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    weights = w[1:] / scale
    return weights, float(w[0] - weights @ mean)


def probabilities(x: np.ndarray, weights: np.ndarray, bias: float) -> np.ndarray:
    return 1 / (1 + np.exp(-(x @ weights + bias)))


@dataclass
class Fixtures:
    """The replayed fixtures: claims, scored pairs and their gold labels by group."""

    replayed: list[Replayed]
    x: np.ndarray
    same: np.ndarray  # the pair's two claims state one fact
    group_of_pair: list[tuple[str | None, str | None]]  # the groups of the pair's labelled claims (None: unlabelled)
    labels: dict[str, dict[str, tuple[Claim, str]]]  # group -> claim id -> (claim, fact)


def load(store: ClaimStore) -> Fixtures:
    gold = [json.loads(line) for line in (DATA / "gold.jsonl").read_text().splitlines()]
    labels = {
        name: labelled_claims(store, [row for row in gold if row["fact"].split("-")[0] in stories])
        for name, stories in GROUPS.items()
    }
    fact = {claim_id: (name, f) for name, found in labels.items() for claim_id, (_, f) in found.items()}
    replayed, pairs, x = replay(list(store))
    same = np.array([a in fact and b in fact and fact[a][1] == fact[b][1] for a, b in pairs], dtype=float)
    groups = [(fact[a][0] if a in fact else None, fact[b][0] if b in fact else None) for a, b in pairs]
    return Fixtures(replayed, x, same, groups, labels)


def train(data: Fixtures, groups: list[str], target: float, l2: float) -> tuple[np.ndarray, float, float, tuple[int, int, int]]:
    """Weights, bias and threshold fitted and chosen on ``groups``, and the pairs counted there at that threshold."""
    chosen = set(groups)
    mask = np.array([a in chosen and b in chosen for a, b in data.group_of_pair])
    weights, bias = fit(data.x[mask], data.same[mask], l2)
    scores = probabilities(data.x, weights, bias)
    for threshold in THRESHOLDS:
        counts = _pooled(data, assign(data.replayed, scores, threshold), groups)
        if precision_recall(counts)[0] >= target:
            return weights, bias, float(threshold), counts
    raise SystemExit(f"no threshold reaches precision {target} on {groups}")


def _pooled(data: Fixtures, clusters: dict[str, str], groups: list[str]) -> tuple[int, int, int]:
    totals = [0, 0, 0]
    for name in groups:
        totals = [t + n for t, n in zip(totals, pairwise(data.labels[name], clusters=clusters), strict=True)]
    return totals[0], totals[1], totals[2]


def leave_one_group_out(data: Fixtures, target: float, l2: float) -> None:
    """Print, for each group held out, its precision and recall with the model fitted on the others."""
    names = FITTED_GROUPS
    totals = (0, 0, 0)
    print(f"{'held out':12} {'P/R unseen':>12} {'threshold':>9} {'P/R training':>13}  right/wrong/missed")
    for held in names:
        training = [name for name in names if name != held]
        weights, bias, threshold, seen = train(data, training, target, l2)
        clusters = assign(data.replayed, probabilities(data.x, weights, bias), threshold)
        counts = pairwise(data.labels[held], clusters=clusters)
        totals = tuple(t + n for t, n in zip(totals, counts, strict=True))  # type: ignore[assignment]
        print(f"{held.split()[0]:12} {_pr(counts):>12} {threshold:9.2f} {_pr(seen):>13}  {counts}")
    print(f"{'pooled':12} {_pr(totals):>12}")


def _pr(counts: tuple[int, int, int]) -> str:
    precision, recall = precision_recall(counts)
    return f"{precision:.3f}/{recall:.3f}"


def shipped(data: Fixtures, target: float, l2: float) -> None:
    """Print the model fitted on every group but the test groups as matching.py's constants, and the test groups' scores."""
    weights, bias, threshold, counts = train(data, FITTED_GROUPS, target, l2)
    print(f"\nfitted on all groups but {', '.join(TEST_GROUPS)}: threshold {threshold:.2f}, in-sample P/R {_pr(counts)}")
    clusters = assign(data.replayed, probabilities(data.x, weights, bias), threshold)
    for name in TEST_GROUPS:
        print(f"test group {name}: P/R {_pr(pairwise(data.labels[name], clusters=clusters))}")
    print()
    print("WEIGHTS = (")
    for name, weight in zip(matching.FEATURES, weights, strict=True):
        print(f"    {weight:+.4f},  # {name}")
    print(")")
    print(f"BIAS = {bias:.4f}")
    print(f"MATCH_PROBABILITY = {threshold:.2f}")


def check(data: Fixtures, store: ClaimStore) -> None:
    """Whether the replay with matching.py's current constants gives the clusters the store got."""
    scores = probabilities(data.x, np.array(matching.WEIGHTS), matching.BIAS)
    clusters = assign(data.replayed, scores, matching.MATCH_PROBABILITY)
    differing = sum(clusters[c.id] != c.cluster for c in store if not c.orphaned)
    print(f"\nreplay with matching.py's constants: {differing} of {len(clusters)} claims clustered otherwise than in the store")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="a folder to keep the extracted fixtures in (reused when present)")
    # 0.95 until stop 48: with the later groups among the fitted stories, it took a threshold of 0.90 and recall
    # 0.59 in sample (0.930 / 0.711 at 0.93); the issue asks precision 0.9 of unseen stories.
    parser.add_argument("--target", type=float, default=0.93, help="pairwise precision the threshold must reach")
    parser.add_argument("--l2", type=float, default=1.0, help="L2 penalty on the standardised weights")
    parser.add_argument("--fit-only", action="store_true", help="the shipped constants alone, without leave-one-group-out")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = extract(Path(args.store or tmp))
        data = load(store)
        print(f"{len(data.x)} scored pairs, {int(data.same.sum())} of one fact\n")
        if not args.fit_only:  # a refit to try a feature needs the constants in minutes, not the twenty of this
            leave_one_group_out(data, args.target, args.l2)
        shipped(data, args.target, args.l2)
        check(data, store)


if __name__ == "__main__":
    main()
