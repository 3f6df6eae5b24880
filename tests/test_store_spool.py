"""The extraction spool: claims on disk until the store is rewritten."""

from __future__ import annotations

import tempfile

from claimtrack.store import ClaimSpool, ClaimStore
from conftest import make_claim


def test_store_spool_reads_back_documents_in_order(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    first = [make_claim(doc_id="a", id="a1"), make_claim(doc_id="a", id="a2")]
    second = [make_claim(doc_id="b", id="b1")]
    with ClaimSpool() as spool:
        spool.add("a", iter(first))
        spool.add("b", second)
        assert "a" in spool and "c" not in spool and len(spool) == 2
        documents = spool.documents()
        # Readers interleaved: each keeps its own place in the file.
        readers = {k: iter(v) for k, v in documents.items()}
        assert next(readers["a"]) == first[0]
        assert list(readers["b"]) == second
        assert list(readers["a"]) == first[1:]
        assert list(tmp_path.iterdir()) == [], "the spool has no name a killed run could leave behind"


def test_store_spool_feeds_replace_documents(tmp_path):
    store = ClaimStore(tmp_path / "claims.jsonl")
    with ClaimSpool() as spool:
        spool.add("a", [make_claim(doc_id="a", id="a1")])
        store.replace_documents(spool.documents())
    assert [c.id for c in store] == ["a1"]
