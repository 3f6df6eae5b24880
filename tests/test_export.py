"""CSV, JSON Lines and JSON writers."""

from __future__ import annotations

import csv
import io
import json

import pytest

from claimtrack.export import CSV_COLUMNS, OutputFormat, write_claims
from claimtrack.models import Annotation, Claim, Status, now
from conftest import make_claim


def _annotated() -> Claim:
    claim = make_claim()
    events = [
        Annotation(at=now(), status=Status.disputed, note="first look", evidence=["https://a.example"], tags=["money"]),
        Annotation(at=now(), status=Status.false, evidence=["https://b.example"]),
    ]
    return claim.model_copy(update={"annotations": events, "status": Status.false})


def test_export_csv_has_stable_columns_and_flat_values():
    out = io.StringIO()
    assert write_claims([_annotated()], out, OutputFormat.csv) == 1
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == CSV_COLUMNS
    row = rows[0]
    assert row["text"] == "Moscow pays $2000 per soldier"
    assert row["source"] == "Officials" and row["cue"] == "estimate"
    assert row["status"] == "false" and row["last_note"] == "first look"
    assert row["evidence"] == "https://a.example | https://b.example"
    assert row["tags"] == "money" and row["hedged"] == "false"


def test_export_csv_evidence_holding_a_bar_stays_one_item():
    """Evidence items were joined with " | " as they were: a page title "Ministry report | page 4" read back as two."""
    from claimtrack.export import split_list

    evidence = ["Ministry report | page 4", "https://b.example", "C:\\notes\\"]
    event = Annotation(at=now(), status=Status.false, evidence=evidence)
    out = io.StringIO()
    write_claims([make_claim().model_copy(update={"annotations": [event], "status": Status.false})], out, OutputFormat.csv)
    cell = next(csv.DictReader(io.StringIO(out.getvalue())))["evidence"]
    assert cell == "Ministry report \\| page 4 | https://b.example | C:\\\\notes\\\\"
    assert split_list(cell) == evidence


def test_export_csv_gives_each_claim_its_cluster_so_copies_group():
    copy = make_claim().model_copy(update={"cluster": "3f2a9c0d1e7b"})
    out = io.StringIO()
    write_claims([copy, make_claim(source=None)], out, OutputFormat.csv)
    assert [row["cluster"] for row in csv.DictReader(io.StringIO(out.getvalue()))] == ["3f2a9c0d1e7b", ""]


def test_export_csv_defuses_spreadsheet_formulas():
    claim = make_claim("=HYPERLINK(1)", document="He said =HYPERLINK(1) today.", source=None, cue="said")
    out = io.StringIO()
    write_claims([claim], out, OutputFormat.csv)
    assert next(csv.DictReader(io.StringIO(out.getvalue())))["text"] == "'=HYPERLINK(1)"


def test_export_csv_keeps_newlines_inside_one_cell():
    claim = make_claim("line one\n\nline two", document="So: line one\n\nline two.", source=None, cue=None)
    out = io.StringIO()
    write_claims([claim], out, OutputFormat.csv)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 1 and rows[0]["text"] == "line one\n\nline two"


def test_export_jsonl_round_trips_records():
    claim = _annotated()
    out = io.StringIO()
    write_claims([claim, claim], out, OutputFormat.jsonl)
    lines = out.getvalue().splitlines()
    assert [Claim.model_validate_json(line) for line in lines] == [claim, claim]


def test_export_json_is_an_array_even_when_empty():
    out = io.StringIO()
    write_claims([], out, OutputFormat.json)
    assert json.loads(out.getvalue()) == []
    out = io.StringIO()
    write_claims([make_claim()], out, OutputFormat.json)
    assert json.loads(out.getvalue())[0]["text"] == "Moscow pays $2000 per soldier"


def test_write_claims_refuses_the_terminal_table():
    with pytest.raises(ValueError, match="drawn on a terminal"):
        write_claims([make_claim()], io.StringIO(), OutputFormat.table)


def test_export_csv_marks_an_orphaned_claim():
    """An orphan's verdict is on words its document no longer holds: CSV showed it as a live claim."""
    orphan = _annotated().model_copy(update={"orphaned": True})
    out = io.StringIO()
    write_claims([orphan, make_claim()], out, OutputFormat.csv)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [(row["status"], row["orphaned"]) for row in rows] == [("false", "true"), ("unverified", "false")]
