"""The JSONL store: validated reads, atomic rewrites, merging re-extractions."""

from __future__ import annotations

import json

import pytest

from claimtrack.errors import BadRecordError, ClaimNotFoundError
from claimtrack.models import SCHEMA_VERSION, Annotation, Status, now
from claimtrack.store import ClaimStore, check_store, default_store_path, repair_store
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


def test_store_reextraction_keeps_annotated_claims_that_disappear_as_orphans(filled_store, sample_claims):
    store = ClaimStore(filled_store)
    store.annotate(sample_claims[0].id, Annotation(at=now(), status=Status.false))
    store.replace_documents({"article": [sample_claims[1]]})
    orphaned = {c.id: c.orphaned for c in store}
    assert orphaned == {sample_claims[0].id: True, sample_claims[1].id: False}
    assert store.get(sample_claims[0].id).status is Status.false
    store.replace_documents({"article": sample_claims})
    assert not store.get(sample_claims[0].id).orphaned, "a claim that comes back is live again"


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
    assert [p.name for p in filled_store.parent.iterdir() if ".tmp" in p.name] == []


def test_default_store_path_prefers_option_then_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("CLAIMTRACK_STORE", str(tmp_path / "env.jsonl"))
    assert default_store_path(tmp_path / "opt.jsonl") == tmp_path / "opt.jsonl"
    assert default_store_path(None) == tmp_path / "env.jsonl"
    monkeypatch.delenv("CLAIMTRACK_STORE")
    assert str(default_store_path(None)) == "data/claims.jsonl"


@pytest.fixture
def journalled(filled_store, monkeypatch):
    """A store too 'large' to fold annotations at once, so they wait in the journal."""
    monkeypatch.setattr("claimtrack.store.claims.FOLD_BYTES", 0)
    return ClaimStore(filled_store)


def test_store_large_store_annotation_goes_to_journal_and_is_seen(journalled, sample_claims):
    before = journalled.path.read_bytes()
    journalled.annotate(sample_claims[0].id, Annotation(at=now(), status=Status.false, note="n"))
    assert journalled.path.read_bytes() == before, "claims.jsonl waits for a fold"
    assert journalled.journal.exists()
    assert journalled.get(sample_claims[0].id).status is Status.false
    assert [c.status for c in journalled] == [Status.false, Status.unverified]


def test_store_compact_folds_the_journal_into_claims_jsonl(journalled, sample_claims):
    journalled.annotate(sample_claims[0].id, Annotation(at=now(), status=Status.false))
    assert journalled.compact() == 1
    assert not journalled.journal.exists()
    first = json.loads(journalled.path.read_text().splitlines()[0])
    assert first["status"] == "false" and len(first["annotations"]) == 1
    assert journalled.compact() == 0


def test_store_replaying_a_folded_journal_adds_nothing(journalled, sample_claims):
    """A crash after the fold's rename but before the journal is cleared."""
    journalled.annotate(sample_claims[0].id, Annotation(at=now(), status=Status.false))
    leftover = journalled.journal.path.read_bytes()
    journalled.compact()
    journalled.journal.path.write_bytes(leftover)
    assert len(journalled.get(sample_claims[0].id).annotations) == 1
    journalled.compact()
    assert len(journalled.get(sample_claims[0].id).annotations) == 1


def test_store_torn_journal_line_is_ignored_and_cut(journalled, sample_claims):
    journalled.annotate(sample_claims[0].id, Annotation(at=now(), status=Status.false))
    with journalled.journal.path.open("a") as journal:
        journal.write('{"id": "half a wri')
    assert len(journalled.get(sample_claims[0].id).annotations) == 1
    journalled.annotate(sample_claims[1].id, Annotation(at=now(), status=Status.verified))
    assert [c.status for c in journalled] == [Status.false, Status.verified]
    assert check_store(journalled) == []


def test_store_index_survives_hand_edits(filled_store, sample_claims):
    store = ClaimStore(filled_store)
    assert store.get(sample_claims[1].id[:4]).id == sample_claims[1].id
    lines = filled_store.read_text().splitlines()
    filled_store.write_text("\n".join(reversed(lines)) + "\n", encoding="utf-8")
    assert store.get(sample_claims[1].id[:4]).id == sample_claims[1].id
    assert store.get(sample_claims[0].id).id == sample_claims[0].id


def test_store_migrates_version_1_records(filled_store):
    record = json.loads(filled_store.read_text().splitlines()[0])
    record["schema_version"] = 1
    del record["orphaned"]
    filled_store.write_text(json.dumps(record) + "\n", encoding="utf-8")
    claim = next(iter(ClaimStore(filled_store)))
    assert claim.schema_version == SCHEMA_VERSION and claim.orphaned is False


def test_store_non_utf8_line_is_a_bad_record(filled_store):
    with filled_store.open("ab") as out:
        out.write(b'{"id": "caf\xe9"}\n')
    with pytest.raises(BadRecordError, match=r":3: not valid UTF-8 text"):
        list(ClaimStore(filled_store))


def _break(path, *lines: bytes) -> None:
    with path.open("ab") as out:
        for line in lines:
            out.write(line + b"\n")


def test_store_check_lists_every_problem_with_file_and_line(filled_store, sample_claims):
    first = filled_store.read_text().splitlines()[0].encode()
    _break(filled_store, b"{oops", first, b'{"id": "x"}')
    store = ClaimStore(filled_store)
    _break(store.journal.path, b'{"id": "nobody", "event": {"at": "2026-01-01T00:00:00Z", "status": "false"}}')
    problems = [str(p) for p in check_store(store)]
    assert problems == [
        f"{filled_store}:3: not valid JSON (Expecting property name enclosed in double quotes)",
        f"{filled_store}:4: duplicate id {sample_claims[0].id} (first on line 1)",
        f"{filled_store}:5: " + problems[2].split(":5: ", 1)[1],
        f"{store.journal.path}:1: annotates unknown claim nobody",
    ]
    assert problems[2].endswith("doc_id: Field required; start: Field required; end: Field required; text: Field required; sentence: Field required; sentence_start: Field required; sentence_end: Field required")


def test_store_repair_moves_bad_lines_aside_and_keeps_them(filled_store, sample_claims):
    good = filled_store.read_bytes()
    _break(filled_store, b"{oops", b"caf\xe9 not utf-8")
    report = repair_store(ClaimStore(filled_store))
    assert report.moved == 2
    assert filled_store.read_bytes() == good
    side = report.side_file.read_bytes()
    assert b"{oops\n" in side and b"caf\xe9 not utf-8\n" in side
    assert f"{filled_store}:3: not valid JSON".encode() in side
    assert [c.id for c in ClaimStore(filled_store)] == [c.id for c in sample_claims]
    assert check_store(ClaimStore(filled_store)) == []


def test_store_rewrite_keeps_file_permissions(filled_store, sample_claims):
    filled_store.chmod(0o640)
    ClaimStore(filled_store).annotate(sample_claims[0].id, Annotation(at=now(), status=Status.false))
    assert filled_store.stat().st_mode & 0o777 == 0o640
