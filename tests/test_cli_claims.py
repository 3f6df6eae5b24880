"""`claimtrack claims` and `claimtrack sources` through typer's CliRunner."""

from __future__ import annotations

import json

from claimtrack.cli import app
from claimtrack.store import ClaimStore


def test_cli_claims_filters_by_source_as_jsonl(runner, filled_store):
    result = runner.invoke(app, ["claims", "--source", "officials"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["text"] for r in records] == ["Moscow pays $2000 per soldier"]
    assert result.stderr == ""


def test_cli_claims_table_shows_source_cue_and_claim(runner, filled_store):
    result = runner.invoke(app, ["claims", "--format", "table"])
    assert result.exit_code == 0
    assert "Officials" in result.stdout and "estimate" in result.stdout
    assert "Moscow pays $2000" in result.stdout
    assert "2 claims" in result.stderr


def test_cli_claims_csv_and_json_formats(runner, filled_store):
    csv_out = runner.invoke(app, ["claims", "--format", "csv", "--search", "bridge"]).stdout
    assert csv_out.splitlines()[0].startswith("id,doc_id,start,end,text")
    assert len(csv_out.splitlines()) == 2
    records = json.loads(runner.invoke(app, ["claims", "--format", "json"]).stdout)
    assert len(records) == 2


def test_cli_claims_empty_result_says_so_on_stderr(runner, filled_store):
    result = runner.invoke(app, ["claims", "--source", "nobody", "--format", "table"])
    assert result.exit_code == 0
    assert result.stdout == "" and "No claims match." in result.stderr


def test_cli_claims_rejects_unknown_status(runner, filled_store):
    result = runner.invoke(app, ["claims", "--status", "maybe"])
    assert result.exit_code == 2
    assert "'maybe' is not one of" in result.stderr


def test_cli_claims_bad_store_line_is_one_line_error(runner, filled_store):
    filled_store.write_text(filled_store.read_text() + "{oops\n", encoding="utf-8")
    result = runner.invoke(app, ["claims"])
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("Error: ")
    assert f"{filled_store}:3: not valid JSON" in result.stderr
    assert "Traceback" not in result.output


def test_cli_claims_uses_store_option(runner, filled_store, tmp_path):
    result = runner.invoke(app, ["claims", "--store", str(tmp_path / "empty.jsonl")])
    assert result.exit_code == 0 and result.stdout == ""


def test_cli_sources_counts_claims_per_source(runner, filled_store):
    result = runner.invoke(app, ["sources", "--format", "jsonl"])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(r["name"], r["claims"], r["type"]) for r in rows} == {
        ("Officials", 1, "anonymous group"),
        ("police", 1, "anonymous group"),
    }


def test_cli_sources_table(runner, filled_store):
    result = runner.invoke(app, ["sources", "--format", "table"])
    assert result.exit_code == 0 and "Officials" in result.stdout and "anonymous group" in result.stdout


def test_cli_commands_without_nlp_never_import_spacy(filled_store):
    """claims, show, annotate, sources, export, check and schema start fast: no spaCy, no HTML or Markdown parser."""
    import subprocess
    import sys

    claim_id = next(iter(ClaimStore(filled_store))).id
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from claimtrack.cli import app\n"
        "runner = CliRunner()\n"
        f"for args in ({['claims']!r}, {['show', claim_id]!r}, {['annotate', claim_id, '--note', 'n']!r},\n"
        f"             {['sources']!r}, {['export']!r}, {['check']!r}, {['schema']!r}):\n"
        "    assert runner.invoke(app, args).exit_code == 0, args\n"
        "print(any(name in sys.modules for name in ('spacy', 'trafilatura', 'markdown_it.main', 'charset_normalizer')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
