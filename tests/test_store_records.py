"""Claim records on disk: the strict reader, and the fast one for lines claimtrack vouches for."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimtrack.errors import BadRecordError
from claimtrack.models import Annotation, Status, now
from claimtrack.store import ClaimStore, dump_record
from claimtrack.store.records import parse_record, parse_vouched_record
from conftest import make_claim

# Any text a claim may carry: quotes, backslashes, JSON-looking runs, non-ASCII.
WORDS = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)


@settings(max_examples=150, deadline=None)
@given(note=WORDS, evidence=st.lists(WORDS, max_size=3), tags=st.lists(WORDS, max_size=3))
def test_records_vouched_reader_reads_what_the_strict_one_reads(note, evidence, tags):
    annotation = Annotation(status=Status.disputed, note=note, evidence=evidence, at=now())
    claim = make_claim().model_copy(update={"status": Status.disputed, "annotations": [annotation], "tags": tags})
    line = dump_record(claim)
    assert parse_vouched_record(line, path="s", line_number=1) == parse_record(line, path="s", line_number=1) == claim


def test_records_vouched_reader_migrates_an_older_line_like_the_strict_one():
    data = json.loads(dump_record(make_claim()))
    del data["doc_sha256"]
    line = json.dumps({**data, "schema_version": 2})
    assert parse_vouched_record(line, path="s", line_number=1) == parse_record(line, path="s", line_number=1)


def test_records_vouched_reader_still_refuses_a_damaged_record():
    line = dump_record(make_claim()).replace('"start": ', '"start": "', 1).replace(', "end"', '", "end"', 1)
    with pytest.raises(BadRecordError, match="s:3"):
        parse_vouched_record(line, path="s", line_number=3)


def test_records_strict_reader_refuses_a_key_given_twice():
    line = dump_record(make_claim()).replace('"doc_id": ', '"id": "x", "doc_id": ', 1)
    with pytest.raises(BadRecordError, match="duplicate key 'id'"):
        parse_record(line, path="s", line_number=1)


def test_records_a_store_another_program_wrote_is_read_strictly_until_vouched_for(tmp_path):
    store = ClaimStore(tmp_path / "claims.jsonl")
    line = dump_record(make_claim())
    store.path.write_text(line.replace('"doc_id": ', '"id": "x", "doc_id": ', 1) + "\n", encoding="utf-8")
    assert not store.index.vouched()
    with pytest.raises(BadRecordError, match="duplicate key"):
        list(store.iter_claims())
