"""The JSONL store: validated reads, atomic rewrites, merging re-extractions."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest

from claimtrack.cli import app
from claimtrack.errors import BadRecordError, ClaimNotFoundError, StoreError
from claimtrack.models import SCHEMA_VERSION, Status, claim_id
from claimtrack.store import ClaimStore, FoldReport, check_store, default_store_path, repair_store
from claimtrack.store.records import dump_record
from conftest import make_claim, officials_said, store_document, write_store


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
    store.annotate(target.id, status=Status.disputed, note="one source")
    store.annotate(target.id, status=Status.false, evidence=["https://example.org"])
    claim = store.get(target.id)
    assert claim.status is Status.false
    assert [e.status for e in claim.annotations] == [Status.disputed, Status.false]
    assert claim.last_note == "one source"
    assert store.get(sample_claims[1].id).annotations == []


def test_store_reextraction_keeps_ids_and_annotations(filled_store, sample_claims):
    store = ClaimStore(filled_store)
    store.annotate(sample_claims[0].id, status=Status.verified)
    store.replace_documents(
        {"article": [make_claim(), make_claim("The bridge collapsed on Monday", source="police", cue="said")]}
    )
    claims = list(store)
    assert [c.id for c in claims] == [c.id for c in sample_claims]
    assert claims[0].status is Status.verified and len(claims[0].annotations) == 1


def test_store_reextraction_keeps_annotated_claims_that_disappear_as_orphans(filled_store, sample_claims):
    store = ClaimStore(filled_store)
    store.annotate(sample_claims[0].id, status=Status.false)
    assert store.replace_documents({"article": [sample_claims[1]]}).orphaned == 1
    orphaned = {c.id: c.orphaned for c in store}
    assert orphaned == {sample_claims[0].id: True, sample_claims[1].id: False}
    assert store.get(sample_claims[0].id).status is Status.false
    store.replace_documents({"article": sample_claims})
    assert not store.get(sample_claims[0].id).orphaned, "a claim that comes back is live again"


def test_store_index_counts_the_orphans_it_vouches_for(filled_store, sample_claims):
    """The index's count of orphaned claims spares a query of a large store's clusters looking for them in every
    line when there are none (claimtrack.duckquery.repeated_clusters)."""
    store = ClaimStore(filled_store)
    store.replace_documents({"article": sample_claims})  # a rewrite by claimtrack: the index vouches and counts
    assert store.index.orphans() == 0
    store.annotate(sample_claims[0].id, status=Status.false)
    store.replace_documents({"article": [sample_claims[1]]})
    assert store.index.orphans() == 1
    store.replace_documents({"other": [make_claim(doc_id="other")]})  # appended: the count carried over
    assert store.index.orphans() == 1
    store.replace_documents({"article": sample_claims})  # the orphan's words came back
    assert store.index.orphans() == 0
    filled_store.write_text(filled_store.read_text(encoding="utf-8"), encoding="utf-8")  # touched by another program
    assert store.index.orphans() is None


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


def test_store_extract_that_fails_before_its_claims_are_written_makes_none_of_its_documents_current(filled_store):
    # Else a resumed extract would skip the document as stored already, and its claims would never be.
    store_document(filled_store, "river", RIVER, [_said("The river rose", "river", RIVER)])
    store = ClaimStore(filled_store)
    before = store.documents.current()

    def failing():
        yield _said("The mayor resigned", "mayor", MAYOR)
        raise ValueError("a bug in the middle of a save")

    with pytest.raises(ValueError):
        store.replace_documents({"mayor": failing()}, [_document("mayor", MAYOR)], cluster=True)
    assert store.documents.current() == before
    assert [p.name for p in filled_store.parent.iterdir() if ".tmp" in p.name] == []
    store.replace_documents({"mayor": [_said("The mayor resigned", "mayor", MAYOR)]}, [_document("mayor", MAYOR)])
    assert sorted(store.documents.current()) == ["mayor", "river"]
    assert [record.doc_id for record in store.documents] == ["river", "mayor"]  # the text left by the failure, made current


def test_store_extract_that_fails_after_its_claims_are_written_keeps_their_texts(filled_store, monkeypatch):
    store = ClaimStore(filled_store)

    def fails_after_writing(self, fingerprint):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr("claimtrack.clusters.sidecar.Assignment.commit", fails_after_writing)
    with pytest.raises(sqlite3.OperationalError):
        store.replace_documents(
            {"mayor": [_said("The mayor resigned", "mayor", MAYOR)]}, [_document("mayor", MAYOR)], cluster=True
        )
    assert "mayor" in {c.doc_id for c in store} and "mayor" in store.documents.current()


RIVER, MAYOR = "Officials said The river rose.", "Officials said The mayor resigned."


def _said(content: str, doc_id: str, document: str):
    return make_claim(content, doc_id=doc_id, document=document, source="Officials", cue="said")


def _document(doc_id: str, text: str):
    from claimtrack.models import DocumentRecord

    digest = hashlib.sha256(text.encode()).hexdigest()
    return DocumentRecord(doc_id=doc_id, sha256=digest, extracted_at=datetime.now(UTC), text=text)


def test_default_store_path_prefers_option_then_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("CLAIMTRACK_STORE", str(tmp_path / "env.jsonl"))
    assert default_store_path(tmp_path / "opt.jsonl") == tmp_path / "opt.jsonl"
    assert default_store_path(None) == tmp_path / "env.jsonl"
    monkeypatch.delenv("CLAIMTRACK_STORE")
    assert str(default_store_path(None)) == "data/claims.jsonl"


@pytest.fixture
def journalled(filled_store):
    """A store too 'large' to fold annotations at once, so they wait in the journal."""
    return ClaimStore(filled_store, fold_bytes=0)


def test_store_large_store_annotation_goes_to_journal_and_is_seen(journalled, sample_claims):
    before = journalled.path.read_bytes()
    journalled.annotate(sample_claims[0].id, status=Status.false, note="n")
    assert journalled.path.read_bytes() == before, "claims.jsonl waits for a fold"
    assert journalled.journal.exists()
    assert journalled.get(sample_claims[0].id).status is Status.false
    assert [c.status for c in journalled] == [Status.false, Status.unverified]


def test_store_compact_folds_the_journal_into_claims_jsonl(journalled, sample_claims):
    journalled.annotate(sample_claims[0].id, status=Status.false)
    assert journalled.compact().folded == 1
    assert not journalled.journal.exists()
    first = json.loads(journalled.path.read_text().splitlines()[0])
    assert first["status"] == "false" and len(first["annotations"]) == 1
    assert journalled.compact() == FoldReport()


def test_store_replaying_a_folded_journal_adds_nothing(journalled, sample_claims):
    """A crash after the fold's rename but before the journal is cleared."""
    journalled.annotate(sample_claims[0].id, status=Status.false)
    leftover = journalled.journal.path.read_bytes()
    journalled.compact()
    journalled.journal.path.write_bytes(leftover)
    assert len(journalled.get(sample_claims[0].id).annotations) == 1
    journalled.compact()
    assert len(journalled.get(sample_claims[0].id).annotations) == 1


def test_store_torn_journal_line_is_ignored_and_cut(journalled, sample_claims):
    journalled.annotate(sample_claims[0].id, status=Status.false)
    with journalled.journal.path.open("a") as journal:
        journal.write('{"id": "half a wri')
    assert len(journalled.get(sample_claims[0].id).annotations) == 1
    journalled.annotate(sample_claims[1].id, status=Status.verified)
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


def test_store_migrates_version_3_records_reading_their_numbers(filled_store, sample_claims):
    record = json.loads(filled_store.read_text().splitlines()[0])
    assert record["text"] == "Moscow pays $2000 per soldier"
    record["schema_version"] = 3
    del record["quantities"]
    filled_store.write_text(json.dumps(record) + "\n", encoding="utf-8")
    claim = next(iter(ClaimStore(filled_store)))
    assert claim.schema_version == SCHEMA_VERSION == 4
    assert [(q.text, q.value, q.unit, q.per) for q in claim.quantities] == [("$2000 per soldier", 2000, "USD", "soldier")]
    assert claim == sample_claims[0]


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
    assert problems[2].endswith(
        "doc_id: Field required; start: Field required; end: Field required; text: Field required; "
        "sentence: Field required; sentence_start: Field required; sentence_end: Field required"
    )


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
    ClaimStore(filled_store).annotate(sample_claims[0].id, status=Status.false)
    assert filled_store.stat().st_mode & 0o777 == 0o640


# -- issue 9: a verdict never lands on other words; nothing acknowledged is lost


def _sentence_claim(document: str, sentence: str, *, doc_id: str = "article"):
    return make_claim(sentence, doc_id=doc_id, document=document, source=None, cue=None)


def test_store_reextraction_with_other_words_at_the_span_orphans_the_verdict(tmp_path):
    store = ClaimStore(tmp_path / "claims.jsonl")
    before = _sentence_claim("The bridge is structurally sound.", "The bridge is structurally sound")
    store.replace_documents({"article": [before]})
    store.annotate(before.id, status=Status.verified, note="inspected")
    after = _sentence_claim("The bridge is dangerously unsafe!", "The bridge is dangerously unsafe")
    assert (after.start, after.end) == (before.start, before.end) and after.id != before.id
    store.replace_documents({"article": [after]})
    claims = {c.text: c for c in store}
    assert claims[before.text].status is Status.verified and claims[before.text].orphaned
    assert claims[after.text].status is Status.unverified and claims[after.text].annotations == []


def test_store_reextraction_keeps_the_verdict_of_words_that_moved(tmp_path):
    """An editor's note added above the text moves every offset after it and changes no word: the verdicts stay on
    their words (they were all kept as orphans, the live claims unchecked), under their ids and clusters, the n-th
    copy of repeated words taking the n-th one's."""
    store = ClaimStore(tmp_path / "claims.jsonl")
    text = "The bridge is sound. The dam is safe. The bridge is sound."
    sound, safe = "The bridge is sound", "The dam is safe"
    before = [_sentence_claim(text, sound), _sentence_claim(text, safe)]
    second = before[0].model_copy(update={"start": 38, "end": 57})
    before.append(second.model_copy(update={"id": "second000001"}))
    store.replace_documents({"article": before})
    store.annotate(before[0].id, status=Status.verified, note="inspected")
    store.annotate("second000001", status=Status.false)
    moved = "Editor's note: updated. " + text
    after = [_sentence_claim(moved, sound), _sentence_claim(moved, safe)]
    after.append(after[0].model_copy(update={"start": 62, "end": 81, "id": "fresh0000001"}))
    assert store.replace_documents({"article": after}).orphaned == 0
    claims = list(store)
    assert [c.id for c in claims] == [before[0].id, before[1].id, "second000001"]
    assert [c.start for c in claims] == [24, 45, 62] and not any(c.orphaned for c in claims)
    assert [c.status for c in claims] == [Status.verified, Status.unverified, Status.false]
    assert claims[0].annotations[0].note == "inspected"


def _sentences(doc_id: str, sentences: list[str]):
    """One claim per sentence of ``" ".join(sentences)``, its words without the full stop."""
    document, claims, at = " ".join(sentences), [], 0
    for sentence in sentences:
        claim = _sentence_claim(document, sentence.rstrip("."), doc_id=doc_id)
        start, end = at, at + len(claim.text)
        update = {"id": claim_id(doc_id, start, end, claim.text), "start": start, "end": end, "content_spans": [(start, end)]}
        claims.append(claim.model_copy(update=update | {"sentence_start": at, "sentence_end": at + len(sentence)}))
        at += len(sentence) + 1
    return claims


def test_store_reextraction_never_gives_two_claims_one_id(tmp_path):
    """Words moved in one extract took the id they were made with elsewhere; when they came back to that place in
    the next, a new claim was made there with that id too, and the store held it twice (a property test found
    it: `check` reported a duplicate id)."""
    store = ClaimStore(tmp_path / "claims.jsonl")
    for sentences in (["Lead lead.", "Lead lead.", "Mold lead."], ["Mold lead."], ["Lead lead.", "Mold lead.", "Mold lead."]):
        store.replace_documents({"d2": _sentences("d2", sentences)})
        ids = [c.id for c in store]
        assert len(ids) == len(set(ids)) == len(sentences)
        assert check_store(store) == []
    # Each id stays with its words when they are extracted again unchanged.
    store.replace_documents({"d2": _sentences("d2", ["Lead lead.", "Mold lead.", "Mold lead."])})
    assert [c.id for c in store] == ids


def test_store_reextraction_keeps_nested_claims_under_their_parents_when_words_move(tmp_path):
    """A line added above an article moved every claim: each kept its old id, and a nested claim kept naming its
    parent by the new id the parent no longer had."""
    store = ClaimStore(tmp_path / "claims.jsonl")
    text = "The envoy said Moscow believed the deal was dead."
    outer = make_claim("Moscow believed the deal was dead", document=text, source="The envoy", cue="said")
    inner = make_claim("the deal was dead", document=text, source="Moscow", cue="believed", parent=outer.id)
    store.replace_documents({"article": [outer, inner]})
    moved = "Updated. " + text
    outer2 = make_claim("Moscow believed the deal was dead", document=moved, source="The envoy", cue="said")
    inner2 = make_claim("the deal was dead", document=moved, source="Moscow", cue="believed", parent=outer2.id)
    store.replace_documents({"article": [outer2, inner2]})
    claims = list(store)
    assert [c.id for c in claims] == [outer.id, inner.id]
    assert claims[1].parent == claims[0].id
    assert check_store(store) == []


def test_store_reextraction_keeps_ids_made_before_words_were_part_of_them(filled_store, sample_claims):
    records = [json.loads(line) for line in filled_store.read_text().splitlines()]
    records[0]["id"] = "legacy000001"
    filled_store.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    store = ClaimStore(filled_store)
    store.annotate("legacy000001", status=Status.false)
    store.replace_documents({"article": sample_claims})
    claims = list(store)
    assert [c.id for c in claims] == ["legacy000001", sample_claims[1].id]
    assert claims[0].status is Status.false and not claims[0].orphaned


def test_store_fold_sets_aside_events_of_unknown_claims_once(journalled, sample_claims):
    event = '{"id": "gone00000000", "event": {"at": "2026-01-01T00:00:00+00:00", "status": "false", "note": "keep me"}}\n'
    journalled.journal.path.write_text(event, encoding="utf-8")
    report = journalled.compact()
    assert [p.message for p in report.set_aside] == [
        "annotates claim gone00000000, which is not in the store with the words it was annotated on"
    ]
    side = journalled.rejected_path.read_text(encoding="utf-8")
    assert side.count("keep me") == 1 and side.endswith(event)
    assert not journalled.journal.exists()
    journalled.journal.path.write_text(event, encoding="utf-8")  # a crash before the journal was cleared
    journalled.compact()
    assert journalled.rejected_path.read_text(encoding="utf-8") == side


def test_store_event_is_not_applied_to_a_claim_with_other_words(journalled, sample_claims):
    journalled.annotate(sample_claims[0].id, status=Status.false)
    entry = json.loads(journalled.journal.path.read_text())
    assert entry["text_digest"]
    records = [json.loads(line) for line in journalled.path.read_text().splitlines()]
    records[0]["text"] = "Moscow pays nothing per soldier"
    journalled.path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert journalled.get(sample_claims[0].id).status is Status.unverified
    assert [p.message for p in check_store(journalled)] == [
        f"annotates claim {sample_claims[0].id} with other words than it now has"
    ]


def test_store_same_journal_line_twice_gives_one_event(journalled, sample_claims):
    journalled.annotate(sample_claims[0].id, status=Status.false)
    line = journalled.journal.path.read_text()
    journalled.journal.path.write_text(line + line)
    assert len(journalled.get(sample_claims[0].id).annotations) == 1


@pytest.mark.parametrize(
    "field, value, problem",
    [
        ("schema_version", "99", "schema_version: Input should be a valid integer"),
        ("schema_version", -7, "schema_version: Input should be greater than or equal to 1"),
        ("schema_version", True, "schema_version: Input should be a valid integer"),
        ("start", "12", "start: Input should be a valid integer"),
        ("hedged", "yes", "hedged: Input should be a valid boolean"),
        ("end", 3, "end 3 is before start 24"),
        ("id", "", "id: String should have at least 1 character"),
    ],
)
def test_store_reading_is_strict(filled_store, field, value, problem):
    record = json.loads(filled_store.read_text().splitlines()[0])
    record[field] = value
    filled_store.write_text(json.dumps(record) + "\n", encoding="utf-8")
    with pytest.raises(BadRecordError) as caught:
        list(ClaimStore(filled_store))
    assert str(caught.value).startswith(f"{filled_store}:1: ") and problem in str(caught.value)


@pytest.mark.parametrize(
    "at, problem",
    [("2026-01-01T00:00:00", "timestamp has no time zone"), (1767225600, "a timestamp must be an ISO 8601 string, not int")],
)
def test_store_journal_timestamps_need_a_time_zone(journalled, sample_claims, at, problem):
    entry = {"id": sample_claims[0].id, "event": {"at": at, "status": "false"}}
    journalled.journal.path.write_text(json.dumps(entry) + "\n", encoding="utf-8")
    with pytest.raises(BadRecordError, match=problem):
        list(journalled)


def test_store_duplicate_key_is_a_bad_record(filled_store, sample_claims):
    line = filled_store.read_text().splitlines()[1]
    filled_store.write_text(line.replace('"id": ', f'"id": "{sample_claims[0].id}", "id": ', 1) + "\n", encoding="utf-8")
    with pytest.raises(BadRecordError, match=":1: duplicate key 'id'"):
        list(ClaimStore(filled_store))


def test_store_byte_order_mark_is_read(filled_store, sample_claims):
    filled_store.write_bytes(b"\xef\xbb\xbf" + filled_store.read_bytes())
    store = ClaimStore(filled_store)
    assert [c.id for c in store] == [c.id for c in sample_claims]
    assert store.get(sample_claims[0].id[:5]).id == sample_claims[0].id
    assert check_store(store) == []
    assert repair_store(store).moved == 0


def test_store_write_on_a_damaged_store_records_nothing(filled_store, sample_claims):
    _break(filled_store, b"caf\xe9 not utf-8")
    before = filled_store.read_bytes()
    store = ClaimStore(filled_store)
    with pytest.raises(BadRecordError, match=":3: not valid UTF-8"):
        store.annotate(sample_claims[0].id, status=Status.false)
    assert filled_store.read_bytes() == before and not store.journal.exists()
    repair_store(store)
    store.annotate(sample_claims[0].id, status=Status.false)
    assert len(store.get(sample_claims[0].id).annotations) == 1


def test_store_duplicate_ids_are_damage_not_ambiguity(filled_store, sample_claims):
    first = filled_store.read_text().splitlines()[0]
    filled_store.write_text(filled_store.read_text() + first + "\n", encoding="utf-8")
    store = ClaimStore(filled_store)
    with pytest.raises(StoreError, match=rf"claim {sample_claims[0].id} is on lines 1, 3; `claimtrack check --repair`"):
        store.get(sample_claims[0].id)
    with pytest.raises(BadRecordError, match=":3: duplicate id"):
        store.annotate(sample_claims[1].id, status=Status.false)


def test_store_symlinked_store_is_written_through(filled_store, sample_claims, tmp_path):
    link = tmp_path / "link.jsonl"
    link.symlink_to(filled_store)
    ClaimStore(link).annotate(sample_claims[0].id, status=Status.false)
    assert link.is_symlink()
    assert ClaimStore(filled_store).get(sample_claims[0].id).status is Status.false
    assert ClaimStore(link).lock_path == filled_store.with_name("claims.jsonl.lock")


def test_store_read_only_store_file_is_refused_not_replaced(filled_store, sample_claims):
    filled_store.chmod(0o444)
    before = filled_store.read_bytes()
    with pytest.raises(StoreError, match="the store file is read-only"):
        ClaimStore(filled_store).annotate(sample_claims[0].id, status=Status.false)
    assert filled_store.read_bytes() == before and filled_store.stat().st_mode & 0o777 == 0o444


def test_store_index_cut_or_edited_is_rebuilt_not_trusted(tmp_path):
    store = ClaimStore(tmp_path / "claims.jsonl")
    twins = [make_claim(id="abc111"), make_claim("The bridge collapsed on Monday", id="abc222")]
    store.replace_documents({"article": twins})
    store.get("abc111")  # builds the index
    rows = store.index.path.read_bytes()
    header, width = rows[:256], (len(rows) - 256) // 2
    store.index.path.write_bytes(header + rows[256 : 256 + width])  # one row gone, header intact
    with pytest.raises(ClaimNotFoundError, match="ambiguous: it matches abc111, abc222"):
        store.get("abc")
    store.index.path.write_bytes(header + rows[256 + width :] + rows[256 : 256 + width])  # rows out of order
    assert store.get("abc2").id == "abc222"


def test_store_index_that_cannot_be_written_falls_back_to_reading(filled_store, sample_claims, monkeypatch):
    def read_only(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("claimtrack.store.index.replace_atomically", read_only)
    assert ClaimStore(filled_store).get(sample_claims[1].id[:5]).id == sample_claims[1].id


def test_store_next_writer_removes_leftovers_of_killed_writers(filled_store, sample_claims):
    dead = filled_store.parent / ".claims.jsonl.idx.tmp-999999999-abc"
    legacy = filled_store.parent / ".claims.jsonl.tmp-x1y2"
    live = filled_store.parent / f".claims.jsonl.idx.tmp-{os.getpid()}-abc"
    for path in (dead, legacy, live):
        path.write_text("partial")
    ClaimStore(filled_store).annotate(sample_claims[0].id, status=Status.false)
    assert not dead.exists() and not legacy.exists() and live.exists()


NON_ASCII = "Officials in Zürich estimate that the café closed. Police said the bridge collapsed."


def _rewrite(store: ClaimStore, how: str, claims) -> None:
    if how == "extract":
        store.replace_documents({"zurich": claims})
    elif how == "remove":
        store.replace_documents({"zurich": claims, "article": [make_claim()]})
        store.remove("article")
    elif how == "annotate_folded":
        store.replace_documents({"zurich": claims})
        store.index.path.unlink()
        store.annotate(claims[0].id, status=Status.false)
    else:  # compact: a journalled annotation folded in
        store.replace_documents({"zurich": claims})
        store.fold_bytes = 0
        store.annotate(claims[1].id, status=Status.disputed, note="ß")
        store.index.path.unlink()
        store.compact()


@pytest.mark.parametrize("how", ["extract", "remove", "annotate_folded", "compact"])
def test_store_index_is_written_with_every_rewrite_never_rebuilt_after(tmp_path, monkeypatch, how):
    store = ClaimStore(tmp_path / "claims.jsonl")
    claims = [
        make_claim("the café closed", doc_id="zurich", document=NON_ASCII, source="Officials in Zürich"),
        make_claim("the bridge collapsed", doc_id="zurich", document=NON_ASCII, source="Police", cue="said"),
    ]
    _rewrite(store, how, claims)
    written = store.index.path.read_bytes()

    def no_rebuild():
        raise AssertionError("the index was rebuilt after a rewrite")

    monkeypatch.setattr(store.index, "build", no_rebuild)
    for claim in claims:
        assert store.get(claim.id[:6]).text == claim.text  # through the index, each row's offset holds its claim
    monkeypatch.undo()
    store.index.build()
    rebuilt = store.index.path.read_bytes()
    assert rebuilt[256:] == written[256:]  # the rows are exactly what a scan of the store gives
    header, scanned = json.loads(written[:256]), json.loads(rebuilt[:256])
    vouched_only = {"vouched": None, "longest": None, "orphans": None}  # what a rewrite knows and a scan does not
    assert {**header, **vouched_only} == {**scanned, **vouched_only}


def test_store_extract_into_a_vouched_store_copies_untouched_claims_and_writes_what_dumping_gives(tmp_path, monkeypatch):
    from claimtrack.store import claims as claims_module

    store = ClaimStore(tmp_path / "claims.jsonl")
    kept = [make_claim("the café closed", doc_id="zurich", document=NON_ASCII, source="Officials in Zürich")]
    untouched = make_claim(doc_id="geneva")
    store.replace_documents({"zurich": kept, "geneva": [untouched], "bern": [make_claim("The bridge collapsed", doc_id="bern")]})
    store.fold_bytes = 0  # the annotation is journalled, and folded in by the next rewrite
    store.annotate(kept[0].id, status=Status.disputed, note="ß")
    assert store.index.vouched()
    dumped: list[str] = []
    dump = claims_module.dump_record
    monkeypatch.setattr(claims_module, "dump_record", lambda claim: dumped.append(claim.id) or dump(claim))

    store.replace_documents({"bern": [make_claim("The bridge collapsed on Monday", doc_id="bern")]})

    # The annotated claim changed on the way (its journalled annotation folded in): dumped; nothing else old was.
    new_ids = {claim.id for claim in store if claim.doc_id == "bern"}
    assert set(dumped) == {kept[0].id, *new_ids} and untouched.id not in dumped
    lines = (tmp_path / "claims.jsonl").read_text(encoding="utf-8").splitlines()
    assert lines == [dump(claim) for claim in store]
    assert store.get(kept[0].id).status is Status.disputed


def test_store_extract_into_a_store_another_program_wrote_writes_every_line_anew(tmp_path):
    path = tmp_path / "claims.jsonl"
    claim = make_claim(doc_id="zurich")
    # Valid, but not as claimtrack writes it: keys spaced and ordered otherwise.
    path.write_text(json.dumps(json.loads(claim.model_dump_json()), sort_keys=True, indent=None) + "\n", encoding="utf-8")
    store = ClaimStore(path)
    assert not store.index.vouched()

    store.replace_documents({"bern": [make_claim("The bridge collapsed", doc_id="bern")]})

    from claimtrack.store.records import dump_record

    assert path.read_text(encoding="utf-8").splitlines() == [dump_record(c) for c in store]


# -- a new document is appended to a copy of the store, not rewritten claim by claim (ClaimStore._appendable)


def _two_documents_stored(path, *, cluster: bool = False) -> ClaimStore:
    """A store claimtrack wrote (so its index vouches for every line) of two documents, the second with a
    claim of several-byte characters, and a claim annotated."""
    store = ClaimStore(path)
    claims, record = officials_said("river", ["the river rose by 2 metres", "the bridge at Åsa–Lindö closed"])
    store.replace_documents({"river": claims}, [record], cluster=cluster)
    more, record = officials_said("mayor", ["the mayor resigned"])
    store.replace_documents({"mayor": more}, [record], cluster=cluster)
    store.annotate(claims[0].id, status=Status.false, note="gauge says 1.2 m")
    return store


def _store_files(store: ClaimStore) -> dict:
    """What a reader sees of a store: its lines, its documents' lines, and its index's rows and header
    (without the fingerprint, which names the very file)."""
    index = store.index.path.read_bytes()
    header = json.loads(index[:256])
    header.pop("store")
    return {
        "claims": store.path.read_bytes(),
        "documents": store.documents.path.read_bytes(),
        "index": (header, index[256:]),
    }


def _no_reading(self):
    raise AssertionError("every claim of the store was read")


def test_store_a_new_document_is_stored_without_reading_the_stores_claims(tmp_path, monkeypatch):
    store = _two_documents_stored(tmp_path / "claims.jsonl")
    before = store.path.read_bytes()

    monkeypatch.setattr(ClaimStore, "_records_and_lines", _no_reading)
    claims, record = officials_said("port", ["the port reopened"])
    store.replace_documents({"port": claims}, [record])
    monkeypatch.undo()
    assert store.path.read_bytes() == before + (dump_record(claims[0]) + "\n").encode()
    assert store.index.vouched() and check_store(store) == []
    assert [store.get(claim.id) for claim in claims] == claims
    assert "port" in store.documents.current()


@pytest.mark.parametrize("cluster", [False, True])
def test_store_appending_a_new_document_writes_what_a_rewrite_writes(tmp_path, monkeypatch, cluster):
    appended = _two_documents_stored(tmp_path / "appended" / "claims.jsonl", cluster=cluster)
    shutil.copytree(appended.path.parent, tmp_path / "rewritten")
    rewritten = ClaimStore(tmp_path / "rewritten" / "claims.jsonl")
    claims, record = officials_said("port", ["the river rose by 2 metres on Monday", "the port reopened"])
    with monkeypatch.context() as patched:  # the append reads no claim of the store: it is the path taken
        patched.setattr(ClaimStore, "_records_and_lines", _no_reading)
        appended.replace_documents({"port": claims}, [record], cluster=cluster)
    monkeypatch.setattr(ClaimStore, "_appendable", lambda self, extracted: None)
    rewritten.replace_documents({"port": claims}, [record], cluster=cluster)
    assert _store_files(appended) == _store_files(rewritten)
    assert appended.get(claims[0].id).cluster == rewritten.get(claims[0].id).cluster


def test_store_annotations_waiting_in_the_journal_are_folded_by_the_next_extract(tmp_path):
    stored = _two_documents_stored(tmp_path / "claims.jsonl")
    store = ClaimStore(stored.path, fold_bytes=0)  # too "large" to fold an annotation at once
    mayor = next(claim for claim in store if claim.doc_id == "mayor")
    store.annotate(mayor.id, status=Status.verified)
    assert store.journal.exists()
    claims, record = officials_said("port", ["the port reopened"])
    store.replace_documents({"port": claims}, [record])
    assert not store.journal.exists()
    line = next(line for line in store.path.read_text(encoding="utf-8").splitlines() if mayor.id in line)
    assert json.loads(line)["status"] == "verified"


def test_store_a_store_edited_by_another_program_is_read_and_checked_before_anything_is_added(tmp_path):
    store = _two_documents_stored(tmp_path / "claims.jsonl")
    with store.path.open("a", encoding="utf-8") as out:
        out.write('{"schema_version": 4, "id": "x"}\n')
    claims, record = officials_said("port", ["the port reopened"])
    before = store.path.read_bytes()
    with pytest.raises(BadRecordError, match=r"claims\.jsonl:4"):
        store.replace_documents({"port": claims}, [record])
    assert store.path.read_bytes() == before


def test_store_index_of_an_appended_store_takes_a_longer_id(tmp_path):
    store = _two_documents_stored(tmp_path / "claims.jsonl")
    [claim], record = officials_said("port", ["the port reopened"])
    longer = claim.model_copy(update={"id": "port-reopened-0000000001"})
    store.replace_documents({"port": [longer]}, [record])
    assert store.index.vouched()
    appended = store.index.path.read_bytes()
    store.index.build()  # the index as a scan of the store makes it
    assert appended[256:] == store.index.path.read_bytes()[256:]
    assert [store.get(stored.id) for stored in store] == list(store)
    assert store.get("port-reopened").id == longer.id


def test_store_extract_into_an_article_raises_and_leaves_nothing_beside_it(tmp_path):
    """An extract whose --store named an article left its lock, cluster index and documents file beside it."""
    article = tmp_path / "article.txt"
    article.write_text("The ministry said the border was closed.\n", encoding="utf-8")
    claims, document = officials_said("other", ["the border was closed"])
    with pytest.raises(BadRecordError, match="article.txt:1: not valid JSON"):
        ClaimStore(article).replace_documents({"other": claims}, [document], cluster=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt"]


_REAL_REPLACE = os.replace


def _failing_replace(monkeypatch, name: str, occurrence: int, *, and_after: bool = False) -> list[str]:
    """Make the ``occurrence``-th replacement of the file ``name`` from now on fail as on a full disk (and, with
    ``and_after``, every replacement after it); returns the names of the files replaced, failed or not."""
    calls: list[str] = []

    def replace(source, target, *args, **kwargs):
        calls.append(os.path.basename(target))
        this_one = calls[-1] == name and calls.count(name) == occurrence
        failed = calls.count(name) >= occurrence if and_after else this_one
        if failed:
            raise OSError(errno.ENOSPC, "No space left on device")
        return _REAL_REPLACE(source, target, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    return calls


def _what_commands_say(runner) -> tuple[str, str, int, str]:
    """What `claims` and `docs` list, and `check`'s exit code and findings."""
    claims = runner.invoke(app, ["claims", "--format", "jsonl"])
    docs = runner.invoke(app, ["docs", "--format", "jsonl"])
    checked = runner.invoke(app, ["check"])
    assert claims.exit_code == docs.exit_code == 0
    return claims.stdout, docs.stdout, checked.exit_code, checked.stdout


SAVE_STEPS = [
    ("claims.documents.jsonl", 1),  # the new text stored, not yet current
    ("claims.jsonl", 1),  # the claims written
    ("claims.documents.jsonl", 2),  # the new text made current: the claims are put back
]


@pytest.mark.parametrize("cluster", [False, True], ids=["plain", "clustered"])
@pytest.mark.parametrize("doc_id", ["article", "other"], ids=["extracted-again", "new-document"])
@pytest.mark.parametrize("step", SAVE_STEPS, ids=["text-stored", "claims-written", "documents-settled"])
def test_store_save_failing_at_any_step_leaves_the_store_as_it_was(runner, isolated_store, monkeypatch, step, doc_id, cluster):
    """A save whose documents file could not be settled after its claims were written (a full disk) left claims
    indexing a text that was not their document's current one: `docs` listed the old text, `check` found nothing."""
    claims, document = officials_said("article", ["the border was closed", "the talks failed"])
    ClaimStore(isolated_store).replace_documents({"article": claims}, [document], cluster=cluster)
    ClaimStore(isolated_store).annotate(claims[1].id, status=Status.false, note="kept")
    before = _what_commands_say(runner)
    assert before[2:] == (0, "") and '"note": "kept"' in before[0]
    claims, document = officials_said(doc_id, ["the border was closed", "the talks resumed"])
    _failing_replace(monkeypatch, *step)
    with pytest.raises(OSError, match="No space left on device"):
        ClaimStore(isolated_store).replace_documents({doc_id: claims}, [document], cluster=cluster)
    monkeypatch.setattr(os, "replace", _REAL_REPLACE)
    assert _what_commands_say(runner) == before
    ClaimStore(isolated_store).replace_documents({doc_id: claims}, [document], cluster=cluster)
    listed, docs, *checked = _what_commands_say(runner)
    assert "the talks resumed" in listed and document.sha256 in docs and checked == [0, ""]


def test_store_save_whose_claims_cannot_be_put_back_reads_as_the_new_state(runner, isolated_store, monkeypatch):
    """When even putting the claims back fails, the claims stay new and so do the documents every command reads:
    the next documents file, written before the claims were renamed into place, names them. The next writer makes
    it the documents file."""
    claims, document = officials_said("article", ["the border was closed"])
    ClaimStore(isolated_store).replace_documents({"article": claims}, [document])
    claims, document = officials_said("article", ["the talks resumed"])
    calls = _failing_replace(monkeypatch, "claims.documents.jsonl", 2, and_after=True)
    with pytest.raises(OSError):
        ClaimStore(isolated_store).replace_documents({"article": claims}, [document])
    assert "claims.jsonl" in calls[calls.index("claims.jsonl") + 1 :], "the claims could not be put back either"
    monkeypatch.setattr(os, "replace", _REAL_REPLACE)
    listed, docs, *checked = _what_commands_say(runner)
    assert "the talks resumed" in listed and document.sha256 in docs and checked == [0, ""]
    ClaimStore(isolated_store).annotate(claims[0].id, note="seen")
    assert document.sha256 in ClaimStore(isolated_store).documents.path.read_text(encoding="utf-8")
    assert [path.name for path in isolated_store.parent.glob("*.next-*")] == []


def test_cli_check_reports_claims_indexing_a_text_that_is_not_current(runner, isolated_store):
    """Claims indexing a stored text their document has not as its current one (left by an older claimtrack's save
    stopped half way, or a hand edit): `check` says which, and that extracting it again fixes them."""
    claims, document = officials_said("article", ["the border was closed"])
    store = ClaimStore(isolated_store)
    store.replace_documents({"article": claims}, [document])
    claims, document = officials_said("article", ["the talks resumed"])
    store.documents.add_texts([document])
    write_store(isolated_store, claims)
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1
    assert result.stdout == (
        f"{isolated_store}:1: claim {claims[0].id} indexes a text of document 'article' that is not its current one\n"
    )
    assert "extract it again (`claimtrack extract --force FILE`)" in result.stderr


KILLED_SAVE = """
    import os, signal, sys
    from claimtrack.store import ClaimStore
    from conftest import officials_said

    real_replace, replaced = os.replace, []

    def replace(source, target, *args, **kwargs):
        name = os.path.basename(target)
        if name == sys.argv[2] and (sys.argv[2] != "claims.documents.jsonl" or "claims.jsonl" in replaced):
            os.kill(os.getpid(), signal.SIGKILL)
        replaced.append(name)
        return real_replace(source, target, *args, **kwargs)

    os.replace = replace
    doc_id = "third" if sys.argv[3] == "new" else "article"
    claims, document = officials_said(doc_id, ["the talks resumed"])
    store = ClaimStore(sys.argv[1])
    if sys.argv[3] == "remove":
        store.remove("article")
    else:
        store.replace_documents({doc_id: claims}, [document], cluster=sys.argv[3] == "cluster")
"""


@pytest.mark.parametrize("operation", ["extract", "new", "cluster", "remove"])
@pytest.mark.parametrize("killed_at", ["claims.jsonl", "claims.documents.jsonl"], ids=["before-claims", "before-documents"])
def test_store_kill_9_at_any_step_of_a_save_leaves_claims_and_documents_in_step(runner, isolated_store, killed_at, operation):
    """A `kill -9` between writing the claims file and settling the documents file left them out of step: `docs`
    listed the old text while `claims` listed the new claims, and `check` reported every claim, until a later extract."""
    claims, document = officials_said("article", ["the border was closed"])
    ClaimStore(isolated_store).replace_documents({"article": claims}, [document], cluster=operation == "cluster")
    claims, document = officials_said("other", ["the talks failed"])
    ClaimStore(isolated_store).replace_documents({"other": claims}, [document], cluster=operation == "cluster")
    before = _what_commands_say(runner)
    code = textwrap.dedent(KILLED_SAVE)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent), os.environ.get("PYTHONPATH", "")])}
    killed = subprocess.run([sys.executable, "-c", code, str(isolated_store), killed_at, operation], env=env, check=False)
    assert killed.returncode == -signal.SIGKILL
    after = _what_commands_say(runner)
    assert after[2:] == (0, ""), "claims and documents in step"
    if killed_at == "claims.jsonl":
        assert after == before, "the old state"
    elif operation == "remove":
        assert '"article"' not in after[0] + after[1]
    else:
        _, document = officials_said("third" if operation == "new" else "article", ["the talks resumed"])
        assert "the talks resumed" in after[0] and document.sha256 in after[1]
        assert ("the border was closed" in after[0]) is (operation == "new")
    ClaimStore(isolated_store).annotate(json.loads(after[0].splitlines()[0])["id"], note="the next writer")
    assert _what_commands_say(runner)[2:] == (0, "")
    assert [path.name for path in isolated_store.parent.glob("*.next-*")] == []


@pytest.mark.parametrize("step", [("claims.jsonl", 1), ("claims.documents.jsonl", 1)], ids=["claims", "documents"])
def test_store_remove_failing_at_any_step_leaves_the_store_as_it_was(runner, isolated_store, monkeypatch, step):
    """A remove made its document no longer current before its claims were rewritten: when that failed, `docs` no
    longer listed the document whose claims `claims` still listed."""
    for doc_id in ("article", "other"):
        claims, document = officials_said(doc_id, ["the border was closed"])
        ClaimStore(isolated_store).replace_documents({doc_id: claims}, [document])
    before = _what_commands_say(runner)
    _failing_replace(monkeypatch, *step)
    with pytest.raises(OSError, match="No space left on device"):
        ClaimStore(isolated_store).remove("other")
    monkeypatch.setattr(os, "replace", _REAL_REPLACE)
    assert _what_commands_say(runner) == before
    ClaimStore(isolated_store).remove("other")
    listed, docs, *checked = _what_commands_say(runner)
    assert '"other"' not in listed + docs and '"article"' in docs and checked == [0, ""]


def test_store_saves_on_a_file_system_without_hard_links(runner, isolated_store, monkeypatch):
    """The undo of a failed save keeps the old claims through a hard link: where a drive has none (some network
    and removable ones), a save refused to run at all; it saves as before the undo existed."""

    def no_links(*args, **kwargs):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    for text in ("the border was closed", "the talks resumed"):
        claims, document = officials_said("article", [text])
        ClaimStore(isolated_store).replace_documents({"article": claims}, [document])
    listed, docs, *checked = _what_commands_say(runner)
    assert "the talks resumed" in listed and "the border was closed" not in listed and checked == [0, ""]
