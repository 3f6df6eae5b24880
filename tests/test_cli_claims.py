"""`claimtrack claims` and `claimtrack sources` through typer's CliRunner."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from datetime import UTC

import pytest

from claimtrack import duckquery
from claimtrack.cli import app
from claimtrack.models import SourceType
from claimtrack.store import ClaimStore
from conftest import make_claim, modules_imported_by, run_in_terminal, write_store


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


def test_cli_claims_limit_0_table_does_not_say_nothing_matches(runner, filled_store):
    result = runner.invoke(app, ["claims", "--limit", "0", "--format", "table"])
    assert result.exit_code == 0
    assert (result.stdout, result.stderr) == ("", "No claims shown: --limit 0\n")


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


def test_cli_sources_csv_list_items_holding_a_bar_stay_one_item_as_in_export(runner, isolated_store, sample_claims):
    # A source's role as a page printed it ("Head of Markets | Reuters"): split back on " | ", the cell gave two roles.
    from claimtrack.export import split_list

    claim = sample_claims[0]
    claim = claim.model_copy(update={"source": claim.source.model_copy(update={"role": "Head of Markets | Reuters"})})
    ClaimStore(isolated_store).replace_documents({"article": [claim]})
    (row,) = csv.DictReader(io.StringIO(runner.invoke(app, ["sources", "--format", "csv"]).stdout))
    assert split_list(row["roles"]) == ["Head of Markets | Reuters"]


def test_cli_sources_table(runner, filled_store):
    result = runner.invoke(app, ["sources", "--format", "table"])
    assert result.exit_code == 0 and "Officials" in result.stdout and "anonymous group" in result.stdout


def test_cli_commands_without_nlp_never_import_spacy(filled_store):
    """claims, show, annotate, sources, export, check and schema start fast: no spaCy, no HTML or Markdown parser."""
    claim_id = next(iter(ClaimStore(filled_store))).id
    commands = [
        ["claims"],
        ["show", claim_id],
        ["annotate", claim_id, "--note", "n"],
        ["sources"],
        ["export"],
        ["check"],
        ["schema"],
    ]
    assert modules_imported_by(commands, ("spacy", "trafilatura", "markdown_it.main", "charset_normalizer")) == []


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
    return [line for line in table.splitlines() if "Moscow" in line]


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
    assert sum(line.startswith("id ") for line in result.stdout.splitlines()) == 3  # 25 + 25 + 10 rows


def test_cli_claims_jsonl_is_not_paged(runner, sixty_claims):
    assert len(runner.invoke(app, ["claims"]).stdout.splitlines()) == 60


# Two articles of my own, with a nested report in the second.
BRIEFING = (
    "Military intelligence officials estimate that counterintelligence units intercepted 4,000 messages. "
    "Analysts said the figure was plausible."
)
HEARING = (
    "The defence lawyer said the prosecutor believes the witness lied about the intelligence assessments. "
    "The judge said the hearing would resume on Thursday."
)


@pytest.fixture
def two_articles(isolated_store):
    """Two documents with titles and dates (the hearing published first), one nested claim."""
    from datetime import datetime

    from claimtrack.models import DocumentRecord

    outer = make_claim(
        "the prosecutor believes the witness lied about the intelligence assessments",
        doc_id="hearing",
        document=HEARING,
        source="The defence lawyer",
        cue="said",
    )
    claims = {
        "briefing": [
            make_claim(
                "counterintelligence units intercepted 4,000 messages",
                doc_id="briefing",
                document=BRIEFING,
                source="Military intelligence officials",
                cue="estimate",
            ),
            make_claim("the figure was plausible", doc_id="briefing", document=BRIEFING, source="Analysts", cue="said"),
        ],
        "hearing": [
            outer,
            make_claim(
                "the witness lied about the intelligence assessments",
                doc_id="hearing",
                document=HEARING,
                source="the prosecutor",
                cue="believes",
                parent=outer.id,
            ),
            make_claim(
                "the hearing would resume on Thursday", doc_id="hearing", document=HEARING, source="The judge", cue="said"
            ),
        ],
    }
    records = [
        DocumentRecord(
            doc_id=doc_id,
            sha256=hashlib.sha256(text.encode()).hexdigest(),
            text=text,
            title=title,
            published=published,
            extracted_at=datetime.now(UTC),
        )
        for doc_id, text, title, published in [
            ("briefing", BRIEFING, "Intercepts: what the intelligence services say", "2026-02-20"),
            ("hearing", HEARING, None, "2026-01-15"),
        ]
    ]
    store = ClaimStore(isolated_store)
    store.replace_documents(claims, records)
    return store


def _ids(output: str, fmt: str) -> list[str]:
    if fmt == "jsonl":
        return [json.loads(line)["id"] for line in output.splitlines()]
    if fmt == "csv":
        return [row["id"] for row in csv.DictReader(io.StringIO(output))]
    return re.findall(r"^([0-9a-f]{8}) ", output, flags=re.MULTILINE)


@pytest.mark.parametrize("command", ["claims", "export"])
def test_cli_nested_and_top_level_select_by_parent(runner, two_articles, command):
    nested = runner.invoke(app, [command, "--nested", "--format", "jsonl"]).stdout
    assert [json.loads(line)["source"]["text"] for line in nested.splitlines()] == ["the prosecutor"]
    top = runner.invoke(app, [command, "--top-level", "--format", "jsonl"]).stdout
    assert len(top.splitlines()) == 4 and all(json.loads(line)["parent"] is None for line in top.splitlines())


@pytest.mark.parametrize("order", ["date", "document", "source", "status"])
def test_cli_sort_is_the_same_in_every_format_and_on_the_duckdb_path(runner, two_articles, monkeypatch, order, live_columns):
    runner.invoke(app, ["annotate", _ids(runner.invoke(app, ["claims"]).stdout, "jsonl")[-1], "--status", "false"])
    outputs = {fmt: runner.invoke(app, ["claims", "--sort", order, "--format", fmt]).stdout for fmt in ("jsonl", "csv")}
    outputs["table"] = runner.invoke(app, ["claims", "--sort", order, "--format", "table"], env={"COLUMNS": "200"}).stdout
    orders = {fmt: _ids(out, fmt) for fmt, out in outputs.items()}
    assert len(orders["jsonl"]) == 5
    assert orders["table"] == [claim_id[:8] for claim_id in orders["jsonl"]] and orders["csv"] == orders["jsonl"]
    exported = runner.invoke(app, ["export", "--sort", order, "--format", "jsonl"]).stdout
    monkeypatch.setattr(duckquery, "DUCKDB_BYTES", 0)  # a large store would be read by DuckDB: sorting reads it in Python
    assert runner.invoke(app, ["claims", "--sort", order, "--format", "jsonl"]).stdout == outputs["jsonl"] == exported


def test_cli_sort_by_date_puts_the_earlier_article_first_and_limits_after_sorting(runner, two_articles):
    out = runner.invoke(app, ["claims", "--sort", "date", "--limit", "2"]).stdout
    assert [json.loads(line)["doc_id"] for line in out.splitlines()] == ["hearing", "hearing"]
    out = runner.invoke(app, ["claims", "--sort", "status"]).stdout
    assert [json.loads(line)["doc_id"] for line in out.splitlines()][:2] == ["briefing", "briefing"]


def test_cli_claims_table_has_a_document_column_for_claims_of_several_documents(runner, two_articles, live_columns):
    table = runner.invoke(app, ["claims", "--format", "table"], env={"COLUMNS": "200"}).stdout
    assert table.splitlines()[0].split("│")[1].strip() == "document"
    assert "Intercepts: what the…" in table  # the title, shortened at a word
    assert "│ hearing " in table  # no title: the id
    one = runner.invoke(app, ["claims", "--doc", "hearing", "--format", "table"], env={"COLUMNS": "200"}).stdout
    assert "document" not in one.splitlines()[0]


def _words_as_shown(table: str, column: int) -> list[str]:
    """The words of one column of a table, reading its wrapped lines back together (blank between rows)."""
    lines = [line.split("│") for line in table.splitlines()[2:]]
    words: list[str] = []
    for cells in lines:
        words.extend(cells[column].split())
    return words


@pytest.mark.parametrize("columns", [80, 100])
def test_cli_claims_table_wraps_at_word_boundaries(runner, two_articles, columns, live_columns):
    result = runner.invoke(app, ["claims", "--format", "table"], env={"COLUMNS": str(columns)})
    table = result.stdout
    assert max(len(line) for line in table.splitlines()) <= columns
    header = [cell.strip() for cell in table.splitlines()[0].split("│")]
    claim_words = _words_as_shown(table, header.index("claim"))
    expected = [word for claim in two_articles for word in claim.text.split()]
    assert claim_words == expected  # every word whole, in order: none split across lines
    source_words = _words_as_shown(table, header.index("source"))
    assert "counterintelligence" in claim_words and "intelligence" in source_words


def test_cli_sources_one_row_per_person_across_documents(runner, isolated_store, live_columns):
    def said(doc_id: str, mention: str, name: str):
        document = f"{mention} said the counteroffensive had stalled."
        claim = make_claim("the counteroffensive had stalled", doc_id=doc_id, document=document, source=mention, cue="said")
        return claim.model_copy(update={"source": claim.source.model_copy(update={"name": name, "type": SourceType.person})})

    claims = [
        said("kyiv-post", "President Volodymyr Zelenskyy", "Volodymyr Zelenskyy"),
        said("wire", "Ukrainian President Volodymyr Zelensky", "Volodymyr Zelensky"),
        said("daily", "Zelenskiy", "Zelenskiy"),
        said("weekly", "Zelenskyy", "Volodymyr Zelenskyy"),
        said("weekly-2", "Donald Trump Jr.", "Donald Trump Jr."),
    ]
    write_store(isolated_store, claims)
    rows = [json.loads(line) for line in runner.invoke(app, ["sources", "--format", "jsonl"]).stdout.splitlines()]
    assert [(r["name"], r["claims"], r["documents"]) for r in rows] == [
        ("Volodymyr Zelenskyy", 4, 4),
        ("Donald Trump Jr.", 1, 1),
    ]
    assert rows[0]["names"] == ["Volodymyr Zelenskyy", "Volodymyr Zelensky", "Zelenskiy"]
    assert rows[0]["mentions"] == [
        "President Volodymyr Zelenskyy",
        "Ukrainian President Volodymyr Zelensky",
        "Zelenskiy",
        "Zelenskyy",
    ]
    table = runner.invoke(app, ["sources", "--format", "table"], env={"COLUMNS": "80"}).stdout
    assert max(map(len, table.splitlines())) <= 80
    assert "Zelenskyy" in table.split() and "Volodymyr" in table.split()  # whole words, not folded


@pytest.mark.parametrize("command", ["claims", "export"])
def test_cli_doc_takes_a_unique_prefix_of_a_document_id(runner, two_articles, command):
    result = runner.invoke(app, [command, "--doc", "hear", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["doc_id"] for line in result.stdout.splitlines()] == ["hearing"] * 3


def test_cli_sources_doc_takes_a_unique_prefix_of_a_document_id(runner, two_articles):
    result = runner.invoke(app, ["sources", "--doc", "brief", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["name"] for line in result.stdout.splitlines()] == ["Analysts", "Military intelligence officials"]


@pytest.mark.parametrize("command", ["claims", "export", "sources"])
@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ("north-korea", "no document has an id starting with 'north-korea'"),
        ("h", "document id prefix 'h' is ambiguous: it matches hearing, hearing-notes"),
        ("", "document id is empty"),
    ],
)
def test_cli_doc_naming_no_one_document_is_a_one_line_error(runner, two_articles, command, doc, message):
    notes = make_claim("the hearing would resume on Thursday", doc_id="hearing-notes", document=HEARING, source=None, cue=None)
    two_articles.replace_documents({"hearing-notes": [notes]})
    result = runner.invoke(app, [command, "--doc", doc])
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"Error: {message}\n")


def test_cli_doc_an_exact_id_wins_over_longer_ids_it_prefixes(runner, two_articles):
    notes = make_claim("the hearing would resume on Thursday", doc_id="hearing-notes", document=HEARING, source=None, cue=None)
    two_articles.replace_documents({"hearing-notes": [notes]})
    result = runner.invoke(app, ["claims", "--doc", "hearing", "--format", "jsonl"])
    assert [json.loads(line)["doc_id"] for line in result.stdout.splitlines()] == ["hearing"] * 3


def test_cli_sources_of_a_document_without_sources_says_which_document(runner, two_articles):
    notes = make_claim("the hearing would resume on Thursday", doc_id="hearing-notes", document=HEARING, source=None, cue=None)
    two_articles.replace_documents({"hearing-notes": [notes]})
    result = runner.invoke(app, ["sources", "--doc", "hearing-n", "--format", "table"])
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "No sources: no claim of document hearing-notes has a source.\n"


def test_cli_claims_table_too_narrow_for_every_word_leaves_out_cue_and_document(runner, two_articles, live_columns):
    lines = runner.invoke(app, ["claims", "--format", "table"], env={"COLUMNS": "60"}).stdout.splitlines()
    assert max(map(len, lines)) <= 60
    assert lines[-1].rstrip() == "Left out to fit the terminal: cue, document"
    table = "\n".join(lines[:-1])
    header = [cell.strip() for cell in lines[0].split("│")]
    assert header == ["id", "source", "claim", "status"]
    assert _words_as_shown(table, 2) == [word for claim in two_articles for word in claim.text.split()]
    sources = [word for claim in two_articles if claim.source for word in claim.source.text.split()]
    assert _words_as_shown(table, 1) == sources  # "intelligence" whole, not "intell" / "igence"


def test_cli_sources_table_at_60_columns_keeps_words_whole(runner, isolated_store, live_columns):
    claim = make_claim(
        "the counteroffensive had stalled",
        document="Ukrainian army spokesman Yaroslav Chepurnyi said the counteroffensive had stalled.",
        source="Ukrainian army spokesman Yaroslav Chepurnyi",
        cue="said",
    )
    named = claim.source.model_copy(
        update={
            "name": "Yaroslav Chepurnyi",
            "type": SourceType.person,
            "role": "army spokesman",
            "affiliation": "Ukrainian army",
        }
    )
    write_store(isolated_store, [claim.model_copy(update={"source": named})])
    lines = runner.invoke(app, ["sources", "--format", "table"], env={"COLUMNS": "60"}).stdout.splitlines()
    assert max(map(len, lines)) <= 60
    words = " ".join(lines).split()
    assert {"person", "spokesman", "(Ukrainian"} <= set(words)  # not "pers" / "on", "spokesma" / "n"
    assert lines[-1].rstrip() == "Left out to fit the terminal: also written as"
