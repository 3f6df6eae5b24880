"""`claimtrack export` and `claimtrack schema`."""

from __future__ import annotations

import csv
import json

from claimtrack.cli import app
from claimtrack.export import CSV_COLUMNS


def test_cli_export_csv_to_file_opens_in_a_spreadsheet(runner, filled_store, sample_claims, tmp_path):
    runner.invoke(app, ["annotate", sample_claims[0].id, "--status", "false", "--note", "denied"])
    target = tmp_path / "out.csv"
    result = runner.invoke(app, ["export", "--status", "false", "--output", str(target)])
    assert result.exit_code == 0, result.output
    assert "Exported 1 claim to" in result.stderr
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "spreadsheets need the BOM to read UTF-8"
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert (rows[0]["id"], rows[0]["status"], rows[0]["last_note"]) == (sample_claims[0].id, "false", "denied")


def test_cli_export_defaults_to_csv_on_stdout(runner, filled_store):
    result = runner.invoke(app, ["export"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == ",".join(CSV_COLUMNS)
    assert len(result.stdout.splitlines()) == 3


def test_cli_export_jsonl_with_source_filter(runner, filled_store):
    result = runner.invoke(app, ["export", "--format", "jsonl", "--source", "police"])
    assert [json.loads(line)["source"]["text"] for line in result.stdout.splitlines()] == ["police"]


def test_cli_export_failure_leaves_no_partial_file(runner, filled_store, tmp_path):
    filled_store.write_text(filled_store.read_text() + "{bad\n", encoding="utf-8")
    target = tmp_path / "out.csv"
    result = runner.invoke(app, ["export", "--output", str(target)])
    assert result.exit_code == 1 and "not valid JSON" in result.stderr
    assert list(tmp_path.glob("*out.csv*")) == []


def test_cli_schema_is_the_claim_json_schema(runner):
    result = runner.invoke(app, ["schema"])
    schema = json.loads(result.stdout)
    assert schema["title"] == "Claim"
    assert {"id", "doc_id", "start", "end", "source", "cue", "status"} <= set(schema["properties"])
