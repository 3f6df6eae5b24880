"""The extraction spool: claims on disk until the store is rewritten."""

from __future__ import annotations

from claimtrack.store import ClaimSpool, ClaimStore
from conftest import make_claim


def test_store_spool_reads_back_documents_in_order_and_cleans_up():
    first = [make_claim(doc_id="a", id="a1"), make_claim(doc_id="a", id="a2")]
    second = [make_claim(doc_id="b", id="b1")]
    with ClaimSpool() as spool:
        spool.add("a", iter(first))
        spool.add("b", second)
        assert "a" in spool and "c" not in spool and len(spool) == 2
        documents = spool.documents()
        assert {k: list(v) for k, v in documents.items()} == {"a": first, "b": second}
        path = spool.path
    assert not path.exists()


def test_store_spool_feeds_replace_documents(tmp_path):
    store = ClaimStore(tmp_path / "claims.jsonl")
    with ClaimSpool() as spool:
        spool.add("a", [make_claim(doc_id="a", id="a1")])
        store.replace_documents(spool.documents())
    assert [c.id for c in store] == ["a1"]
