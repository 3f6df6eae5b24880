"""`claimtrack extract` through typer's CliRunner."""

from __future__ import annotations

import json

import pytest

from claimtrack.cli import app
from claimtrack.store import ClaimStore

ARTICLE = "Border guards said the convoy crossed at dawn.\n\nThe river rose by two metres overnight.\n"


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "convoy.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _needs_pipeline(nlp):
    """Every test here runs the real pipeline (loaded once by the nlp fixture)."""


def test_cli_extract_writes_claims_and_prints_summary(runner, article, isolated_store):
    result = runner.invoke(app, ["extract", str(article)])
    assert result.exit_code == 0, result.output
    assert f"1 document, 2 sentences, 2 claims, 1 attributed -> {isolated_store}" in result.stderr
    claims = list(ClaimStore(isolated_store))
    assert {c.doc_id for c in claims} == {"convoy"}
    assert claims[0].source.text == "Border guards" and claims[0].doc_path == str(article)


def test_cli_extract_store_option_wins_over_environment(runner, article, tmp_path, isolated_store):
    target = tmp_path / "elsewhere.jsonl"
    assert runner.invoke(app, ["extract", str(article), "--store", str(target)]).exit_code == 0
    assert target.exists() and not isolated_store.exists()


def test_cli_extract_again_keeps_ids_and_annotations(runner, article, isolated_store):
    runner.invoke(app, ["extract", str(article)])
    first = list(ClaimStore(isolated_store))
    runner.invoke(app, ["annotate", first[0].id, "--status", "verified", "--note", "seen it"])
    result = runner.invoke(app, ["extract", str(article)])
    assert result.exit_code == 0
    again = list(ClaimStore(isolated_store))
    assert [c.id for c in again] == [c.id for c in first]
    assert again[0].status.value == "verified" and again[0].last_note == "seen it"


def test_cli_extract_reads_standard_input_with_doc_id(runner, isolated_store):
    result = runner.invoke(app, ["extract", "-", "--doc-id", "wire"], input=ARTICLE)
    assert result.exit_code == 0, result.output
    assert {c.doc_id for c in ClaimStore(isolated_store)} == {"wire"}


def test_cli_extract_html_drops_scripts_and_keeps_paragraphs(runner, tmp_path, isolated_store):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Convoy crosses</title><script>var x = 'Officials said nothing';</script></head>"
        "<body><p>Border guards said the convoy crossed at dawn.</p><p>The river rose by two metres overnight.</p></body></html>",
        encoding="utf-8",
    )
    assert runner.invoke(app, ["extract", str(page)]).exit_code == 0
    texts = [c.sentence for c in ClaimStore(isolated_store)]
    assert "Border guards said the convoy crossed at dawn." in texts
    assert not any("var x" in t for t in texts)


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("missing.txt", None, "no such file or directory"),
        ("empty.txt", b"", "file is empty"),
        ("binary.txt", b"\x00\x01\x02PNG\x00" * 10, "not a text file (looks like binary data)"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "not a text file (looks like PNG image)"),
    ],
)
def test_cli_extract_bad_input_is_one_line_and_leaves_store_untouched(runner, article, tmp_path, isolated_store, name, content, message):
    runner.invoke(app, ["extract", str(article)])
    before = isolated_store.read_bytes()
    bad = tmp_path / name
    if content is not None:
        bad.write_bytes(content)
    result = runner.invoke(app, ["extract", str(bad)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {bad}: {message}\n"
    assert "Traceback" not in result.output
    assert isolated_store.read_bytes() == before


def test_cli_extract_batch_skips_bad_file_and_stores_the_rest(runner, article, tmp_path, isolated_store):
    result = runner.invoke(app, ["extract", str(tmp_path / "missing.txt"), str(article)])
    assert result.exit_code == 1
    assert "no such file or directory" in result.stderr
    assert {c.doc_id for c in ClaimStore(isolated_store)} == {"convoy"}


def test_cli_extract_directory_recurses(runner, tmp_path, isolated_store):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a" / "two.md").write_text("# Two\n\nThe river rose by two metres overnight.\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path / "a")])
    assert result.exit_code == 0, result.output
    assert "2 documents" in result.stderr
    assert {c.doc_id for c in ClaimStore(isolated_store)} == {"one", "two"}


def test_cli_extract_unknown_model_is_one_line(runner, article, isolated_store):
    result = runner.invoke(app, ["extract", str(article), "--model", "no_such_pipeline"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot load spaCy pipeline 'no_such_pipeline'")
    assert len(result.stderr.strip().splitlines()) == 1
    assert not isolated_store.exists()


def test_cli_extract_output_is_queryable(runner, article):
    runner.invoke(app, ["extract", str(article)])
    result = runner.invoke(app, ["claims", "--source", "border guards"])
    assert [json.loads(line)["text"] for line in result.stdout.splitlines()] == ["the convoy crossed at dawn"]


def test_cli_extract_same_document_id_twice_in_a_batch_is_refused(runner, tmp_path, isolated_store):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path / "a"), str(tmp_path / "b")])
    assert result.exit_code == 1
    second = tmp_path / "b" / "story.txt"
    assert f"Error: {second}: another input in this batch also has the document id 'story'" in result.stderr
    assert {c.doc_path for c in ClaimStore(isolated_store)} == {str(tmp_path / "a" / "story.txt")}


def test_cli_extract_doc_id_needs_a_single_input(runner, article, isolated_store):
    result = runner.invoke(app, ["extract", str(article), str(article), "--doc-id", "x"])
    assert result.exit_code == 1
    assert result.stderr == "Error: --doc-id names one document: give one input\n"


def test_cli_extract_directory_with_nothing_usable_is_one_line(runner, tmp_path, isolated_store):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    result = runner.invoke(app, ["extract", str(empty)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {empty}: no .txt, .md or .html files found\n"
    assert not isolated_store.exists()


def test_cli_extract_cp1252_text_is_decoded_with_a_warning(runner, tmp_path, isolated_store):
    legacy = tmp_path / "legacy.txt"
    text = "Officials said the café’s owner had fled.\n"
    legacy.write_bytes(text.encode("cp1252"))
    result = runner.invoke(app, ["extract", str(legacy)])
    assert result.exit_code == 0, result.output
    assert f"Warning: {legacy}: not valid UTF-8, decoded as cp1252" in result.stderr
    claim = next(iter(ClaimStore(isolated_store)))
    assert text[claim.start:claim.end] == claim.text and "café’s" in claim.text
