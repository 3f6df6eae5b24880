"""Clusters chosen ahead of a save, while workers parse: used only when the index is as they were chosen against."""

from __future__ import annotations

import datetime
import gc

import pytest

from claimtrack.clusters import assign, sidecar
from claimtrack.clusters.ahead import ClusteredAhead, _IndexWithRun
from claimtrack.clusters.signature import claim_signature
from claimtrack.store import ClaimStore
from claimtrack.store.index import fingerprint_of
from conftest import collector_states, make_claim, officials_said

WIRE = "Officials said about 11,000 residents of Hartwell County were ordered to leave their homes on Saturday."
HERALD = "Officials said some eleven thousand residents of Hartwell County were ordered to leave their homes on Saturday."
POST = "Officials said 11,000 residents of Hartwell County had been ordered to leave their homes on Saturday."
LOOKALIKE = "Officials said about 2,000 residents of Carver County were ordered to leave their homes on Saturday."


def _claims(doc_id: str, document: str):
    return [make_claim(document[15:-1], doc_id=doc_id, document=document, source="Officials", cue="said")]


def _chosen(store: ClaimStore, documents: dict[str, list]) -> ClusteredAhead:
    chosen = ClusteredAhead(store.clusters_path, fingerprint_of(store.path))
    for doc_id, claims in documents.items():
        chosen.add_document(doc_id, claims, [claim_signature(claim) for claim in claims])
    chosen.stop()
    return chosen


@pytest.fixture
def store_with_wire(tmp_path):
    store = ClaimStore(tmp_path / "claims.jsonl")
    store.replace_documents({"wire": _claims("wire", WIRE)}, cluster=True)
    return store


def _clusters(store: ClaimStore) -> dict[str, str | None]:
    return {claim.doc_id: claim.cluster for claim in store}


def test_clusters_ahead_are_what_the_save_would_choose_and_it_does_not_choose_again(store_with_wire, tmp_path, monkeypatch):
    documents = {"herald": _claims("herald", HERALD), "lookalike": _claims("lookalike", LOOKALIKE), "post": _claims("post", POST)}
    chosen = _chosen(store_with_wire, documents)
    twin = ClaimStore(tmp_path / "twin" / "claims.jsonl")
    twin.replace_documents({"wire": _claims("wire", WIRE)}, cluster=True)
    twin.replace_documents(dict(documents), cluster=True)

    def not_again(*args, **kwargs):
        raise AssertionError("the save chose clusters that were chosen ahead")

    monkeypatch.setattr(assign, "document_clusters", not_again)
    store_with_wire.replace_documents(dict(documents), cluster=True, chosen=chosen)
    assert _clusters(store_with_wire) == _clusters(twin)
    wire = _clusters(twin)["wire"]
    assert _clusters(twin) == {"wire": wire, "herald": wire, "lookalike": documents["lookalike"][0].id, "post": wire}


def test_clusters_ahead_are_chosen_again_when_the_store_changed_meanwhile(store_with_wire):
    chosen = _chosen(store_with_wire, {"herald": _claims("herald", HERALD)})
    assert chosen.cluster_of(_claims("herald", HERALD)[0].id) == store_with_wire.get(_claims("wire", WIRE)[0].id).cluster
    # Another writer stores a document in between: what was chosen may no longer be the best match.
    store_with_wire.replace_documents({"post": _claims("post", POST)}, cluster=True)
    store_with_wire.replace_documents({"herald": _claims("herald", HERALD)}, cluster=True, chosen=_tampered(chosen))
    assert set(_clusters(store_with_wire).values()) == {store_with_wire.get(_claims("wire", WIRE)[0].id).cluster}


def test_clusters_ahead_are_chosen_again_when_a_document_is_extracted_again(store_with_wire):
    chosen = _chosen(store_with_wire, {"wire": _claims("wire", HERALD)})  # "wire" again, with other words
    store_with_wire.replace_documents({"wire": _claims("wire", HERALD)}, cluster=True, chosen=_tampered(chosen))
    [claim] = list(store_with_wire)
    assert claim.cluster == claim.id  # its own: the tampered choice was not used


def _tampered(chosen: ClusteredAhead) -> ClusteredAhead:
    """``chosen`` with every cluster changed to one no save would choose, so its use would show."""
    chosen.chosen = dict.fromkeys(chosen.chosen, "chosen-ahead")
    return chosen


def test_clusters_ahead_index_counts_a_documents_names_in_the_sidecar_and_the_run_alike(store_with_wire):
    """Whether an earlier document tells a new one's story depends on how many names and figures it gives:
    counted the same for a document of the sidecar, one of this run, and in the memory index the scorer is
    fitted with, whatever iterable asks (a generator once gave the sidecar's documents none)."""
    herald = _claims("herald", HERALD)
    memory = assign.MemoryIndex()
    for doc_id, claims in (("wire", _claims("wire", WIRE)), ("herald", herald)):
        memory.add(assign.Indexed(claim.id, doc_id, claim.id, claim_signature(claim)) for claim in claims)
    connection = sidecar._connect(store_with_wire.clusters_path)
    try:
        index = _IndexWithRun(connection)
        index.run.add(assign.Indexed(claim.id, "herald", claim.id, claim_signature(claim)) for claim in herald)
        asked = ["wire", "herald", "nowhere"]
        assert (
            index.story_sizes(doc_id for doc_id in asked) == memory.story_sizes(asked) == {"wire": 3, "herald": 3, "nowhere": 0}
        )
    finally:
        connection.close()


STRIKE = [
    "a drone strike on the Halvik ferry terminal in Morrow killed 23 people",
    "Ana Brask would ask the allies for more air defences",
]
DAILY = [
    "23 people were killed when a drone hit the Halvik ferry terminal in Morrow",
    "Ana Brask would request more air defences from the allies",
]


@pytest.mark.parametrize("daily_day", ["2026-03-02", "2026-04-15"])
def test_clusters_ahead_know_the_days_documents_were_published_as_the_save_does(tmp_path, monkeypatch, daily_day):
    """Chosen ahead, a document's story is limited to the documents published near it, as the save limits it: the
    save uses the clusters chosen ahead, and they are the clusters it would choose."""
    stores = [ClaimStore(tmp_path / name / "claims.jsonl") for name in ("ahead", "twin")]
    wire, wire_record = officials_said("wire", STRIKE, published="2026-03-01")
    daily, daily_record = officials_said("daily", DAILY, published=daily_day)
    for store in stores:
        store.replace_documents({"wire": wire}, [wire_record], cluster=True)
    stores[1].replace_documents({"daily": daily}, [daily_record], cluster=True)
    chosen = ClusteredAhead(stores[0].clusters_path, fingerprint_of(stores[0].path))
    chosen.add_document("daily", daily, [claim_signature(claim) for claim in daily], datetime.date.fromisoformat(daily_day))
    chosen.stop()

    def not_again(*args, **kwargs):
        raise AssertionError("the save chose clusters that were chosen ahead")

    monkeypatch.setattr(assign, "document_clusters", not_again)
    stores[0].replace_documents({"daily": daily}, [daily_record], cluster=True, chosen=chosen)
    clusters = [{claim.id: claim.cluster for claim in store} for store in stores]
    assert clusters[0] == clusters[1]
    assert (clusters[0][daily[1].id] == wire[1].id) is (daily_day == "2026-03-02")  # the paraphrase joins in one story


def test_clusters_ahead_merges_are_made_by_the_save_too(tmp_path, monkeypatch):
    """A claim chosen ahead that shows two clusters to be one fact: the save merges them as if it had chosen."""
    headline = "Corvane shares rose 12 percent on Thursday after the Lumetrin trial data"
    body = "shares in Corvane Pharmaceuticals jumped 12% on Thursday on the Lumetrin results"
    wire = "shares of Corvane Pharmaceuticals rose 12 percent on Thursday after the Lumetrin trial results"
    stores = []
    for name in ("ahead", "save"):
        store = ClaimStore(tmp_path / name / "claims.jsonl")
        claims, record = officials_said("markets", [headline, body])
        store.replace_documents({"markets": claims}, [record], cluster=True)
        stores.append(store)
    ahead_store, save_store = stores
    wire_claims, wire_record = officials_said("wire", [wire])
    chosen = _chosen(ahead_store, {"wire": wire_claims})
    assert chosen.merges_of("wire")
    save_store.replace_documents({"wire": wire_claims}, [wire_record], cluster=True)

    def not_again(*args, **kwargs):
        raise AssertionError("the save chose clusters that were chosen ahead")

    monkeypatch.setattr(assign, "document_clusters", not_again)
    ahead_store.replace_documents({"wire": wire_claims}, [wire_record], cluster=True, chosen=chosen)
    assert ahead_store.path.read_bytes() == save_store.path.read_bytes()
    assert len({claim.cluster for claim in ahead_store}) == 1


@pytest.mark.watches_clustering
def test_clusters_ahead_are_chosen_with_the_collector_paused_and_resume_it(store_with_wire, monkeypatch):
    """As in the save (see test_clusters): the collector's walks of the heap cost clustering more than they free."""
    from claimtrack.clusters import ahead

    seen = collector_states(monkeypatch, ahead)
    assert gc.isenabled()
    _chosen(store_with_wire, {"herald": _claims("herald", HERALD)})
    assert seen == [False] and gc.isenabled()
