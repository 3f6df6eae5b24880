"""Giving each new claim a cluster: the cluster of the most alike earlier claim of another document, or its own.

A cluster's id is the id of the claim that founded it: a claim keeps its
cluster as long as it is in the store, so the id lasts while any member
remains, unless a new claim shows the cluster to be one fact with another
(see :func:`choose`), which takes the claims of both. New claims are
compared with the claims already indexed (the store's), never the store
with itself.
"""

from __future__ import annotations

import functools
import itertools
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date
from typing import NamedTuple, Protocol

from .embedding import cosine_matrix, cosine_rows, cosines
from .matching import differ, is_distinctive, likeness, says_nothing
from .merges import Merges
from .signature import Signature, figure_key, name_key

# Postings longer than this are a key too common to tell claims apart ("said", "percent"): skipped.
MAX_POSTING = 100
# At most this many candidates, those sharing the most keys, are scored for one claim.
MAX_CANDIDATES = 15
# Two documents that share this many rare names and distinctive figures tell the same story (see story_documents),
# if that is also this share of the new document's own: in an archive of one beat (84 political articles, every
# long one naming a dozen of the same people) three in common is no story, and the likeness's lower bar within
# a story joined claims that merely name the same people. Leave-one-group-out on the fixture stories: 0.947 /
# 0.652 without the share, 0.946 / 0.645 with it (refitted); claims of PolNeAR dev's 3,507 joining another
# document's: 148 without, 63 with it (83 before the claims paired across a story and the same-source feature).
STORY_KEYS = 3
STORY_SHARE = 0.25
# And this share of the earlier document's own: a long article naming a whole beat shares three names, and a
# quarter of them, with any short one on it. In the same replay of PolNeAR dev, 46 claims joined another
# document's without it (after the veto on claims of names alone, matching.says_nothing), 26 with it; a hand
# reading found 16 of the 26 one fact, against 18 of the 46. Leave-one-group-out 0.946 / 0.643 -> 0.946 / 0.642.
THEIR_STORY_SHARE = 0.2
# Claims are paired across two documents of a story (see paired_claims) only if these share this much of the
# new document's names and figures: pairing trusts that the two state many of the same facts, which a loose
# story does not (two articles of one campaign, naming the same people, a quarter of their names in common).
# Replaying PolNeAR train (840 articles, never used to tune clusters), 21 of 706 claims joining another
# document's cluster no longer did; a hand reading found 3 of the 21 one fact, 2 of them a three- or four-word
# quotation. Leave-one-group-out on the fixture stories (refitted): 0.946 / 0.662 -> 0.945 / 0.653.
PAIR_STORY_SHARE = 1 / 3
# Two documents whose publication dates are further apart than this tell two stories, whatever they share: a
# campaign's live updates of two primary nights name the same candidates, states and delegate counts, and
# within a story names that differ are no veto. Replaying PolNeAR train (840 articles of 2016, their dates
# from their ids), 104 of 686 claims joining another document's cluster no longer did; a hand reading found
# about 5 of the 104 one fact. Undated documents (plain text) are matched as before.
STORY_DAYS = 7
# The claims of at most this many documents of a new document's story, those sharing the most keys with it,
# are read to pair its claims with theirs (see paired_claims). Leave-one-group-out on the fixture stories is
# the same with 5 as with 10; in a store where many documents share rare names (84 political articles, all
# naming the same few people) pairing with 10 took 43% more choosing time than no pairing, with 5 37% (one
# throwaway replay each).
STORY_DOCUMENTS = 5
# A new claim this likely (the learned likeness) to state the fact of two clusters shows the two to be one fact,
# split by the order its documents came in (a paraphrase too far from the first outlet's words, then a third
# outlet's sentence close to both): they are merged, unless a claim of one differs from a claim of the other.
# Leave-one-group-out on the fixture stories (threshold and weights as before): 0.935 / 0.702, against 0.945 /
# 0.653 without merges; 0.933 / 0.681 with no veto between the two clusters' claims beyond those compared, and
# 0.901 / 0.707 for a threshold lowered without merges to reach that recall (0.720 precision on one group).
MERGE_PROBABILITY = 0.85
# The two clusters' claims are compared pairwise for a veto (figures, dates, names that differ) only up to this
# many pairs: two larger clusters are not merged. A cluster of wire copies is large, but one of its copies stands
# for all.
MERGE_CHECKS = 10_000


class Indexed(NamedTuple):
    """A claim as the cluster index keeps it."""

    id: str
    doc_id: str
    cluster: str
    signature: Signature


class Choice(NamedTuple):
    """The cluster a new claim joins (None: it founds its own), and the clusters it shows to be that one fact."""

    cluster: str | None
    merged: tuple[str, ...] = ()


class ClaimIndex(Protocol):
    """Where earlier claims are found by their keys."""

    def candidates(self, keys: Iterable[str], limit: int, top: int, *, other_than: str) -> list[Indexed]:
        """The ``top`` claims of documents other than ``other_than`` under two of ``keys`` or more, most
        keys shared first, then by id; keys with more than ``limit`` claims are left out."""
        ...

    def documents(self, keys: Iterable[str], limit: int, minimum: int, *, other_than: str) -> dict[str, int]:
        """The documents other than ``other_than`` with claims under ``minimum`` of ``keys`` or more, and under
        how many; keys with more than ``limit`` claims are left out."""
        ...

    def claims_of(self, doc_ids: Iterable[str]) -> list[Indexed]:
        """The indexed claims of the documents ``doc_ids``."""
        ...

    def story_sizes(self, doc_ids: Iterable[str]) -> dict[str, int]:
        """How many names and distinctive figures (:func:`story_keys`) the claims of each of ``doc_ids`` give."""
        ...

    def published(self, doc_ids: Iterable[str]) -> dict[str, date]:
        """The publication dates of those of ``doc_ids`` that have one."""
        ...

    def date_documents(self, dates: Mapping[str, date]) -> None:
        """Record the publication dates of documents (before their claims are clustered)."""
        ...

    def add(self, entries: Iterable[Indexed]) -> None: ...

    def merge(self, merged: str, into: str) -> None:
        """Cluster ``merged`` is one fact with cluster ``into``: its claims are in ``into`` from now on."""
        ...

    def resolve(self, cluster: str) -> str:
        """The cluster that ``cluster`` (as an entry read from the index names it) is now: itself unless merged."""
        ...

    def members(self, cluster: str, limit: int) -> list[Indexed]:
        """At most ``limit`` of the indexed claims of ``cluster`` (as it is now, with the clusters merged into it)."""
        ...


def story_documents(signatures: Iterable[Signature], doc_id: str, index: ClaimIndex) -> dict[str, int]:
    """The indexed documents that tell the same story as document ``doc_id``, whose claims have ``signatures``,
    and how many of its rare names and distinctive figures each shares.

    News clustering first finds the articles about one event: they name the
    same rare people and places and give the same distinctive figures, at
    least ``STORY_KEYS`` of them, ``STORY_SHARE`` of the new document's
    and ``THEIR_STORY_SHARE`` of the other's (articles of one beat name the
    same few people without telling one story), and published within
    ``STORY_DAYS`` of each other where both are dated. Within
    one story, look-alike facts are kept apart by the veto on differing
    figures and dates, so a claim may join a claim of a document of its
    story on less likeness: telling the same story is one of the learned
    likeness's features (see :func:`~claimtrack.clusters.matching.pair_features`),
    and within one story names that differ are weighed, not a veto.
    A new document is compared with the index, never the index with itself:
    three lookups per document (the documents sharing its keys, their
    dates, then how many each has).
    """
    keys = _story_keys(signatures)
    if len(keys) < STORY_KEYS:
        return {}
    least = max(STORY_KEYS, STORY_SHARE * len(keys))
    found = {other: n for other, n in index.documents(keys, MAX_POSTING, STORY_KEYS, other_than=doc_id).items() if n >= least}
    if not found:
        return {}
    found = _published_near(doc_id, found, index)
    # The share of the other document's own names and figures too: a long article that names a whole beat
    # shares a quarter of any short one's names.
    sizes = index.story_sizes(found)
    return {other: n for other, n in found.items() if n >= THEIR_STORY_SHARE * sizes.get(other, 0)}


def _published_near(doc_id: str, found: dict[str, int], index: ClaimIndex) -> dict[str, int]:
    """Those of the documents ``found`` published within ``STORY_DAYS`` of document ``doc_id``, or undated (or all
    of them, when ``doc_id`` is undated): the same names months apart are another story."""
    dates = index.published([doc_id, *found])
    mine = dates.get(doc_id)
    if mine is None:
        return found
    return {other: n for other, n in found.items() if other not in dates or abs((dates[other] - mine).days) <= STORY_DAYS}


def _story_keys(signatures: Iterable[Signature]) -> set[str]:
    """The keys that tell a story: the names and the distinctive figures of a document's claims."""
    return story_keys((found.names, found.numbers) for found in signatures)


def story_keys(parts: Iterable[tuple[Iterable[str], Iterable[str]]]) -> set[str]:
    """The keys that tell a story, of claims given as (names, figures) of their signatures."""
    keys: set[str] = set()
    for names, numbers in parts:
        keys.update(name_key(name) for name in names)
        keys.update(figure_key(figure) for figure in numbers if is_distinctive(figure))
    return keys


def paired_claims(signatures: Sequence[Signature], story: Mapping[str, int], index: ClaimIndex) -> list[list[Indexed]]:
    """For each of a new document's claims (their ``signatures``), the claims of documents of its ``story`` that
    are its counterpart there: of all the claims of the two documents, each is the other's nearest (the cosine
    of their sentence vectors, above 0); and those that give one of its figures (:func:`_pair_figures`).

    Two outlets telling one story state many of the same facts, often in
    words so different that the two claims share fewer than two blocking
    keys, or fewer than the 15 best candidates do: such a claim is never a
    candidate. Paired this way, it is one candidate more, scored like the
    others. A story has few claims, and only the ``STORY_DOCUMENTS``
    documents that share the most keys with the new one are read: one
    lookup per document, one matrix product per story document.
    """
    paired: list[list[Indexed]] = [[] for _ in signatures]
    least = PAIR_STORY_SHARE * len(_story_keys(signatures))
    close = [other for other, shared in story.items() if shared >= least]
    nearest = sorted(close, key=lambda other: (-story[other], other))[:STORY_DOCUMENTS]
    if not nearest or not signatures:
        return paired
    entries = sorted(index.claims_of(nearest), key=lambda entry: (entry.doc_id, entry.id))
    if not entries:
        return paired
    # One product for every claim of the story's documents read; then each document's columns, in turn.
    closeness = cosine_matrix([signature.vector for signature in signatures], [entry.signature.vector for entry in entries])
    start = 0
    while start < len(entries):
        end = start + 1
        while end < len(entries) and entries[end].doc_id == entries[start].doc_id:
            end += 1
        theirs = closeness[:, start:end]
        nearest_of_theirs = theirs.argmax(axis=0).tolist()  # the new claim nearest to each of theirs
        for mine, (near, best) in enumerate(zip(theirs.argmax(axis=1).tolist(), theirs.max(axis=1).tolist(), strict=True)):
            if best > 0 and nearest_of_theirs[near] == mine:
                paired[mine].append(entries[start + near])
        start = end
    _pair_figures(signatures, entries, paired)
    return paired


def _pair_figures(signatures: Sequence[Signature], entries: Sequence[Indexed], paired: list[list[Indexed]]) -> None:
    """Add to each new claim's ``paired`` the claims of its story's documents (``entries``) that give one of its
    figures, however small or round: "at least 27 people had died" / "the real number is higher: at least 27",
    "the toll at nine" / "at least nine people were killed" share one key and few words, and were never
    candidates. In the training script's replay of the fitted fixture groups (stop 49), 1.6% more pairs scored,
    about 0.01 more recall at equal precision."""
    figures = [{figure_key(figure) for figure in entry.signature.numbers} for entry in entries]
    for mine, signature in enumerate(signatures):
        if not signature.numbers:
            continue
        keys = {figure_key(figure) for figure in signature.numbers}
        have = {entry.id for entry in paired[mine]}
        sharing = (entry for entry, theirs in zip(entries, figures, strict=True) if keys & theirs)
        paired[mine].extend(entry for entry in sharing if entry.id not in have)


def document_clusters(claim_ids: Sequence[str], signatures: Sequence[Signature], doc_id: str, index: ClaimIndex) -> list[str]:
    """The clusters of the new claims of one document (their ids, their signatures): each the cluster of
    :func:`choose`, or the claim's own; the clusters a claim shows to be one fact are merged in the index.
    Claims are never candidates of their own document, so the caller indexes the document's claims
    together, after."""
    story = story_documents(signatures, doc_id, index)
    paired = paired_claims(signatures, story, index)
    # Every claim's candidates first (a merge changes no claim's candidates, only the cluster each is in now), then
    # the cosines of all of them in one pass of numpy.
    found = [
        [] if says_nothing(signature) else candidates(signature, doc_id, index, also)
        for signature, also in zip(signatures, paired, strict=True)
    ]
    closeness = cosine_rows(
        [signature.vector for signature in signatures], [[entry.signature.vector for entry in entries] for entries in found]
    )
    clusters = []
    for claim_id, signature, entries, near in zip(claim_ids, signatures, found, closeness, strict=True):
        choice = _choice_among(signature, index, story, entries, near)
        if choice.cluster is None:
            clusters.append(claim_id)
            continue
        for merged in choice.merged:
            if _one_fact(merged, choice.cluster, index):
                index.merge(merged, into=choice.cluster)
        clusters.append(choice.cluster)
    return [index.resolve(cluster) for cluster in clusters]  # a later claim's merge may have taken an earlier's


def choose(
    signature: Signature,
    doc_id: str,
    index: ClaimIndex,
    story: Collection[str] = frozenset(),
    paired: Sequence[Indexed] = (),
) -> Choice:
    """The cluster of the most alike indexed claim of another document that states the same fact, if any, and
    the other clusters to merge into it.

    The candidates are the claims that share the most keys with
    ``signature``, and its counterparts in the documents of its story,
    ``paired`` (:func:`paired_claims`). Claims of the documents ``story``
    names (:func:`story_documents`) are matched with a lower bar. A cluster
    is only joined when no claim of it that was compared has a differing
    figure or date (or name, outside its story): one look-alike member is
    enough to keep a claim out, so chains of near matches do not merge
    different facts. For the same reason another cluster is merged into the
    one joined only when the claim is very likely (``MERGE_PROBABILITY``)
    the same fact as a claim of it, and differs from none compared.
    """
    if says_nothing(signature):
        return Choice(None)
    found = candidates(signature, doc_id, index, paired)
    return _choice_among(signature, index, story, found, cosines(signature.vector, [entry.signature.vector for entry in found]))


def _choice_among(
    signature: Signature, index: ClaimIndex, story: Collection[str], found: Sequence[Indexed], closeness: Sequence[float]
) -> Choice:
    """:func:`choose`, among the candidates ``found`` (none for a claim that says nothing), whose sentence vectors'
    cosines with the claim's are ``closeness``."""
    refused: set[str] = set()
    kept = []
    for entry, near in zip(found, closeness, strict=True):
        cluster = index.resolve(entry.cluster)
        if differ(signature, entry.signature, same_story=entry.doc_id in story):
            refused.add(cluster)
        else:
            kept.append((entry, cluster, near))
    same: dict[str, float] = {}  # each cluster of a kept candidate of the same fact, with its best score
    for entry, cluster, near in kept:
        match = likeness(signature, entry.signature, near, same_story=entry.doc_id in story, vetted=True)
        if match.same:
            same[cluster] = max(match.score, same.get(cluster, match.score))
    if not same:
        return Choice(None)
    best = max(same, key=lambda cluster: (same[cluster], cluster))
    if best in refused:
        return Choice(None)
    merged = sorted(
        cluster
        for cluster, score in same.items()
        if cluster != best and cluster not in refused and score >= MERGE_PROBABILITY and _renamable(cluster, best)
    )
    return Choice(best, tuple(merged))


def _one_fact(cluster: str, other: str, index: ClaimIndex) -> bool:
    """Whether no claim of ``cluster`` differs from a claim of ``other`` (as within a story, where names that differ
    are no veto), with at most ``MERGE_CHECKS`` pairs to compare: one claim very like a claim of each cluster does
    not make a cluster one fact with claims it was never compared with. Members are read only as far as the
    pairs can go (a wire story's cluster may have thousands)."""
    these = index.members(cluster, MERGE_CHECKS + 1)
    those = index.members(other, MERGE_CHECKS // max(len(these), 1) + 1)
    if len(these) * len(those) > MERGE_CHECKS:
        return False
    return not any(differ(a.signature, b.signature, same_story=True) for a in these for b in those)


def _renamable(cluster: str, into: str) -> bool:
    """Whether the claims of ``cluster`` can be written as claims of ``into``: the store patches the cluster id
    in place in each of their lines, so the two ids must take the same bytes (claimtrack's ids all do)."""
    return len(cluster) == len(into) and cluster.isascii() and into.isascii()


def candidates(signature: Signature, doc_id: str, index: ClaimIndex, paired: Sequence[Indexed] = ()) -> list[Indexed]:
    """Indexed claims of other documents sharing at least two keys with ``signature``, most shared first, then
    the claims ``paired`` with it (:func:`paired_claims`) that are not among them."""
    found = index.candidates(blocking_keys(signature), MAX_POSTING, MAX_CANDIDATES, other_than=doc_id)
    if paired:
        seen = {entry.id for entry in found}
        found += [entry for entry in paired if entry.id not in seen]
    return found


# A new claim's keys are asked for its candidates, then again when its document's claims are indexed: made once.
# The store step of benchmarks/cluster_speed.py made them twice for each of its 12,544 new claims; once is about
# 0.05 s of CPU.
@functools.lru_cache(maxsize=1024)
def blocking_keys(signature: Signature) -> frozenset[str]:
    """``signature.keys``."""
    return signature.keys


class MemoryIndex:
    """A :class:`ClaimIndex` in memory: for tests, and for clustering claims that are not in a store."""

    def __init__(self, merges: Merges | None = None) -> None:
        self._entries: dict[str, Indexed] = {}
        self._postings: dict[str, list[str]] = {}
        self._by_document: dict[str, list[str]] = {}
        self._published: dict[str, date] = {}
        self._by_cluster: dict[str, list[str]] = {}
        self._merges = merges if merges is not None else Merges()

    def candidates(self, keys: Iterable[str], limit: int, top: int, *, other_than: str) -> list[Indexed]:
        postings = (self._postings.get(key, ()) for key in keys)
        shared = Counter(itertools.chain.from_iterable(ids for ids in postings if len(ids) <= limit))
        entries = self._entries
        found = sorted((n, claim_id) for claim_id, n in shared.items() if n >= 2 and entries[claim_id].doc_id != other_than)
        found.sort(key=lambda item: -item[0])  # most shared first; by id among equals (the sort is stable)
        return [self._entries[claim_id] for _, claim_id in found[:top]]

    def documents(self, keys: Iterable[str], limit: int, minimum: int, *, other_than: str) -> dict[str, int]:
        shared: Counter[str] = Counter()
        for key in keys:
            ids = self._postings.get(key, [])
            if len(ids) <= limit:
                shared.update({self._entries[claim_id].doc_id for claim_id in ids} - {other_than})
        return {doc_id: n for doc_id, n in shared.items() if n >= minimum}

    def claims_of(self, doc_ids: Iterable[str]) -> list[Indexed]:
        return [self._entries[claim_id] for doc_id in doc_ids for claim_id in self._by_document.get(doc_id, ())]

    def story_sizes(self, doc_ids: Iterable[str]) -> dict[str, int]:
        return {doc_id: len(_story_keys(entry.signature for entry in self.claims_of([doc_id]))) for doc_id in doc_ids}

    def published(self, doc_ids: Iterable[str]) -> dict[str, date]:
        return {doc_id: self._published[doc_id] for doc_id in doc_ids if doc_id in self._published}

    def date_documents(self, dates: Mapping[str, date]) -> None:
        self._published.update(dates)

    def add(self, entries: Iterable[Indexed]) -> None:
        for entry in entries:
            if entry.id not in self._entries:
                self._by_document.setdefault(entry.doc_id, []).append(entry.id)
                self._by_cluster.setdefault(entry.cluster, []).append(entry.id)
            self._entries[entry.id] = entry
            for key in entry.signature.keys:
                self._postings.setdefault(key, []).append(entry.id)

    def merge(self, merged: str, into: str) -> None:
        self._merges.add(merged, into)

    def resolve(self, cluster: str) -> str:
        return self._merges.resolve(cluster)

    def members(self, cluster: str, limit: int) -> list[Indexed]:
        found = itertools.chain.from_iterable(self._by_cluster.get(name, ()) for name in self._merges.names(cluster))
        return [self._entries[claim_id] for claim_id in itertools.islice(found, limit)]
