"""`claimtrack claims` and `claimtrack sources` through typer's CliRunner."""

from __future__ import annotations

import csv
import io
import json

import pytest

from claimtrack.cli import app
from claimtrack.store import ClaimStore
from conftest import make_claim, run_in_terminal, write_store


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


@pytest.mark.parametrize(
    "option, texts",
    [("--has-number", ["Moscow pays $2000 per soldier"]), ("--no-number", ["The bridge collapsed on Monday"])],
)
@pytest.mark.parametrize("command", ["claims", "export"])
def test_cli_claims_and_export_filter_on_numbers(runner, filled_store, command, option, texts):
    result = runner.invoke(app, [command, option, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["text"] for line in result.stdout.splitlines()] == texts


def test_cli_claims_a_date_alone_is_no_number(runner, isolated_store):
    document = "Officials said the talks began on Feb. 24, 2022."
    write_store(isolated_store, [make_claim("the talks began on Feb. 24, 2022", document=document, cue="said")])
    assert runner.invoke(app, ["claims", "--has-number"]).stdout == ""
    assert len(runner.invoke(app, ["claims", "--no-number"]).stdout.splitlines()) == 1


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
    (tmp_path / "empty.jsonl").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["claims", "--store", str(tmp_path / "empty.jsonl")])
    assert result.exit_code == 0 and result.stdout == ""


@pytest.mark.parametrize(
    "command",
    [["claims"], ["export"], ["sources"], ["docs"], ["show", "abc"], ["annotate", "abc", "--note", "n"], ["check"], ["compact"]],
)
def test_cli_a_store_that_is_not_there_is_one_error(runner, tmp_path, command):
    missing = tmp_path / "nowhere" / "x.jsonl"
    result = runner.invoke(app, [*command, "--store", str(missing)])
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {missing}: no claim store here; run `claimtrack extract` first, or give --store\n",
    )
    assert not missing.parent.exists()


def test_cli_sources_counts_claims_per_source(runner, filled_store):
    result = runner.invoke(app, ["sources", "--format", "jsonl"])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(r["name"], r["claims"], r["type"]) for r in rows} == {
        ("Officials", 1, "anonymous group"),
        ("police", 1, "anonymous group"),
    }


def test_cli_sources_lists_are_lists_in_json_and_joined_as_export_joins_them_in_csv(runner, isolated_store, sample_claims):
    # Both claims name the same source, in two mentions.
    police = sample_claims[1]
    police = police.model_copy(update={"source": police.source.model_copy(update={"name": "Officials"})})
    ClaimStore(isolated_store).replace_documents({"article": [sample_claims[0], police]})
    (row,) = [json.loads(line) for line in runner.invoke(app, ["sources", "--format", "jsonl"]).stdout.splitlines()]
    assert row["mentions"] == ["Officials", "police"]
    (row,) = csv.DictReader(io.StringIO(runner.invoke(app, ["sources", "--format", "csv"]).stdout))
    assert row["mentions"] == "Officials | police"


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


# Article text is data: rich markup in it is printed as written, control characters as escapes.
MARKUP_ARTICLE = "Officials said the [/] plan [bold] is dead. Police said it."


@pytest.fixture
def markup_store(isolated_store):
    return write_store(isolated_store, [make_claim("the [/] plan [bold] is dead", document=MARKUP_ARTICLE, cue="said")])


def test_cli_claims_table_prints_markup_in_claim_text_literally(runner, markup_store):
    result = runner.invoke(app, ["claims", "--format", "table"])
    assert result.exit_code == 0, result.output
    assert "the [/] plan [bold] is dead" in result.stdout
    assert "Traceback" not in result.output


def test_cli_claims_table_at_a_terminal_prints_markup_literally(markup_store):
    code, shown = run_in_terminal("claims")
    assert code == 0, shown
    assert b"the [/] plan [bold] is dead" in shown
    assert b"Traceback" not in shown and b"MarkupError" not in shown


def test_cli_claims_table_shows_control_characters_as_escapes(runner, isolated_store):
    document = "Officials said the \x1b[2Jplan\x07 is dead. Police said it."
    write_store(isolated_store, [make_claim("the \x1b[2Jplan\x07 is dead", document=document, cue="said")])
    table = runner.invoke(app, ["claims", "--format", "table"]).stdout
    assert "the \\x1b[2Jplan\\x07 is dead" in table and "\x1b" not in table
    jsonl = runner.invoke(app, ["claims", "--format", "jsonl"]).stdout
    assert json.loads(jsonl)["text"] == "the \x1b[2Jplan\x07 is dead", "machine formats keep the exact text"


def test_cli_sources_table_prints_markup_and_escapes_literally(runner, isolated_store):
    document = "[b]A\x1b[0m said the plan is dead."
    claim = make_claim("the plan is dead", document=document, source="[b]A\x1b[0m", cue="said")
    write_store(isolated_store, [claim])
    result = runner.invoke(app, ["sources", "--format", "table"])
    assert result.exit_code == 0, result.output
    assert "[b]A\\x1b[0m" in result.stdout and "\x1b" not in result.stdout


def test_cli_claims_error_quoting_a_store_path_with_markup_is_one_plain_line(runner, tmp_path):
    store = write_store(tmp_path / "[/]" / "claims.jsonl", [make_claim()])
    store.write_text(store.read_text() + "{oops\n", encoding="utf-8")
    result = runner.invoke(app, ["claims", "--store", str(store)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {store}:2: not valid JSON (Expecting property name enclosed in double quotes)\n"


@pytest.mark.parametrize("command", ["claims", "export"])
def test_cli_listing_rejects_unknown_status_with_the_valid_ones(runner, filled_store, command):
    result = runner.invoke(app, [command, "--status", "maybe"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--status': 'maybe' is not one of: "
        "unverified, verified, false, misleading, disputed, unverifiable"
    )


@pytest.fixture
def sixty_claims(isolated_store):
    return write_store(isolated_store, [make_claim(doc_id=f"doc-{n:02d}") for n in range(60)])


def _table_rows(table: str) -> list[str]:
    return [line for line in table.splitlines() if "doc-" not in line and "Moscow" in line]


def test_cli_claims_table_shows_the_first_page_and_says_how_many_more(runner, sixty_claims):
    result = runner.invoke(app, ["claims", "--format", "table"])
    assert result.exit_code == 0, result.output
    assert len(_table_rows(result.stdout)) == 50
    assert result.stderr == "Showing the first 50 of 60 matching claims; --limit N shows N, --all shows every one\n"


@pytest.mark.parametrize(
    "args, rows, said",
    [(["--limit", "55"], 55, "55 claims\n"), (["--all"], 60, "60 claims\n"), (["--limit", "3"], 3, "3 claims\n")],
)
def test_cli_claims_table_limit_or_all_choose_how_many(runner, sixty_claims, args, rows, said):
    result = runner.invoke(app, ["claims", "--format", "table", *args])
    assert result.exit_code == 0, result.output
    assert len(_table_rows(result.stdout)) == rows
    assert result.stderr.startswith(said)


def test_cli_claims_all_with_limit_is_a_usage_error(runner, sixty_claims):
    result = runner.invoke(app, ["claims", "--all", "--limit", "5"])
    assert result.exit_code == 2
    assert "cannot be used with --limit" in result.stderr


def test_cli_claims_all_shows_every_match_in_tables_of_bounded_size(runner, sixty_claims, monkeypatch):
    monkeypatch.setattr("claimtrack.cli.query_cmds.TABLE_CHUNK", 25)
    result = runner.invoke(app, ["claims", "--format", "table", "--all"])
    assert len(_table_rows(result.stdout)) == 60
    assert result.stdout.count("┃ id") == 3  # 25 + 25 + 10 rows


def test_cli_claims_jsonl_is_not_paged(runner, sixty_claims):
    assert len(runner.invoke(app, ["claims"]).stdout.splitlines()) == 60
