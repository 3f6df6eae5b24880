"""The JSONL store: validated reads, atomic rewrites, merging re-extractions."""

from __future__ import annotations

import json

import pytest

from claimtrack.errors import BadRecordError, ClaimNotFoundError
from claimtrack.models import SCHEMA_VERSION, Annotation, Status, now
from claimtrack.store import ClaimStore, default_store_path
from conftest import make_claim


def test_store_missing_file_holds_no_claims(tmp_path):
    assert list(ClaimStore(tmp_path / "none.jsonl")) == []


def test_store_round_trips_claims(tmp_path, sample_claims):
    store = ClaimStore(tmp_path / "claims.jsonl")
    store.replace_documents({"article": sample_claims})
    assert list(store) == sample_claims


def test_store_skips_blank_lines(filled_store):
    filled_store.write_text(filled_store.read_text() + "\n\n", encoding="utf-8")
    assert len(list(ClaimStore(filled_store))) == 2


@pytest.mark.parametrize(
    "line, problem",
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "not a JSON object"),
        ('{"id": "x"}', "doc_id: Field required"),
    ],
)
def test_store_reports_file_and_line_of_bad_record(filled_store, line, problem):
    filled_store.write_text(filled_store.read_text() + line + "\n", encoding="utf-8")
    with pytest.raises(BadRecordError) as caught:
        list(ClaimStore(filled_store))
    assert str(caught.value).startswith(f"{filled_store}:3: ")
    assert problem in str(caught.value)


def test_store_refuses_unknown_fields(filled_store):
    record = json.loads(filled_store.read_text().splitlines()[0])
    record["surprise"] = 1
    filled_store.write_text(json.dumps(record) + "\n", encoding="utf-8")
    with pytest.raises(BadRecordError, match=r":1: surprise: Extra inputs are not permitted"):
        list(ClaimStore(filled_store))


def test_store_refuses_records_from_a_newer_claimtrack(filled_store):
    record = json.loads(filled_store.read_text().splitlines()[0])
    record["schema_version"] = SCHEMA_VERSION + 1
    filled_store.write_text(json.dumps(record) + "\n", encoding="utf-8")
    with pytest.raises(BadRecordError, match="newer than this claimtrack understands"):
        list(ClaimStore(filled_store))


def test_store_get_accepts_unique_prefix(filled_store, sample_claims):
    store = ClaimStore(filled_store)
    assert store.get(sample_claims[1].id[:6]).id == sample_claims[1].id


def test_store_get_reports_unknown_and_ambiguous_prefixes(tmp_path):
    store = ClaimStore(tmp_path / "claims.jsonl")
    twins = [make_claim(id="abc111"), make_claim("The bridge collapsed on Monday", id="abc222")]
    store.replace_documents({"article": twins})
    with pytest.raises(ClaimNotFoundError, match="no claim has an id starting with 'zzz'"):
        store.get("zzz")
    with pytest.raises(ClaimNotFoundError, match="id prefix 'abc' is ambiguous: it matches abc111, abc222"):
        store.get("abc")


def test_store_annotate_appends_history_and_sets_status(filled_store, sample_claims):
    store = ClaimStore(filled_store)
    target = sample_claims[0]
    store.annotate(target.id, Annotation(at=now(), status=Status.disputed, note="one source"))
    store.annotate(target.id, Annotation(at=now(), status=Status.false, evidence=["https://example.org"]))
    claim = store.get(target.id)
    assert claim.status is Status.false
    assert [e.status for e in claim.annotations] == [Status.disputed, Status.false]
    assert claim.last_note == "one source"
    assert store.get(sample_claims[1].id).annotations == []


def test_store_reextraction_keeps_ids_and_annotations(filled_store, sample_claims):
    store = ClaimStore(filled_store)
    store.annotate(sample_claims[0].id, Annotation(at=now(), status=Status.verified))
    store.replace_documents({"article": [make_claim(), make_claim("The bridge collapsed on Monday", source="police", cue="said")]})
    claims = list(store)
    assert [c.id for c in claims] == [c.id for c in sample_claims]
    assert claims[0].status is Status.verified and len(claims[0].annotations) == 1


def test_store_reextraction_keeps_annotated_claims_that_disappear(filled_store, sample_claims):
    store = ClaimStore(filled_store)
    store.annotate(sample_claims[0].id, Annotation(at=now(), status=Status.false))
    store.replace_documents({"article": [sample_claims[1]]})
    ids = {c.id for c in store}
    assert ids == {sample_claims[0].id, sample_claims[1].id}


def test_store_reextraction_drops_unannotated_claims_that_disappear(filled_store, sample_claims):
    store = ClaimStore(filled_store)
    store.replace_documents({"article": [sample_claims[1]]})
    assert [c.id for c in store] == [sample_claims[1].id]


def test_store_other_documents_are_untouched(filled_store, sample_claims):
    store = ClaimStore(filled_store)
    other = make_claim(doc_id="other")
    store.replace_documents({"other": [other]})
    assert [c.doc_id for c in store] == ["article", "article", "other"]


def test_store_failed_rewrite_leaves_store_as_it_was(filled_store):
    before = filled_store.read_bytes()

    def explode(claims):
        yield next(claims)
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        ClaimStore(filled_store).rewrite(explode)
    assert filled_store.read_bytes() == before
    assert [p.name for p in filled_store.parent.iterdir() if p.suffix == ".tmp"] == []


def test_default_store_path_prefers_option_then_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("CLAIMTRACK_STORE", str(tmp_path / "env.jsonl"))
    assert default_store_path(tmp_path / "opt.jsonl") == tmp_path / "opt.jsonl"
    assert default_store_path(None) == tmp_path / "env.jsonl"
    monkeypatch.delenv("CLAIMTRACK_STORE")
    assert str(default_store_path(None)) == "data/claims.jsonl"
