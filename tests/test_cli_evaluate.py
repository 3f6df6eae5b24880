"""`claimtrack evaluate` through typer's CliRunner."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from claimtrack.cli import app
from conftest import SHARED_EVAL, make_claim, modules_imported_by

METRICS = ("attribution", "content", "content_tok", "source_tok")
TEXT = "Officials said the bridge collapsed. Police said the road flooded. The mayor resigned, aides claim."


def write_lines(path, *records) -> str:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records), encoding="utf-8")
    return str(path)


def gold_record(*attributions: tuple[str, str, str], text: str = TEXT, doc_id: str = "article") -> dict:
    """A gold line from (source, cue, content) strings; the cue and content are found after the source."""
    records = []
    for number, (source, cue, content) in enumerate(attributions, 1):
        spans, after = {}, 0
        for role, part in (("source", source), ("cue", cue), ("content", content)):
            start = text.index(part, after)
            spans[role], after = [[start, start + len(part)]], start
        records.append({"id": f"a{number}", **spans})
    return {"doc_id": doc_id, "text": text, "attributions": records}


GOLD = gold_record(("Officials", "said", "the bridge collapsed"), ("Police", "said", "the road flooded"))


@pytest.fixture
def gold_file(tmp_path) -> str:
    return write_lines(tmp_path / "gold.jsonl", GOLD)


@pytest.fixture
def mixed_claims():
    """One correct claim, one with the wrong source, one false alarm, one unattributed."""
    return [
        make_claim("the bridge collapsed", document=TEXT, source="Officials", cue="said"),
        make_claim("the road flooded", document=TEXT, source="aides", cue="claim"),
        make_claim("The mayor resigned", document=TEXT, source="aides", cue="claim"),
        make_claim("Police said the road flooded", document=TEXT, source=None, cue=None),
    ]


@pytest.fixture
def predicted_file(tmp_path, mixed_claims) -> str:
    return write_lines(tmp_path / "pred.jsonl", *(c.model_dump(mode="json") for c in mixed_claims))


@pytest.fixture
def shared_nlp(nlp, monkeypatch):
    """Extraction through the CLI reuses the session's pipeline instead of loading another."""
    requested = []

    def load(name=None):
        requested.append(name)
        return nlp

    monkeypatch.setattr("claimtrack.nlp.load_pipeline", load)
    return requested


def test_cli_evaluate_predicted_prints_table_and_counts(runner, gold_file, predicted_file):
    result = runner.invoke(app, ["evaluate", gold_file, "--predicted", predicted_file])
    assert result.exit_code == 0, result.output
    assert re.search(r"attribution\W+0\.333\W+0\.500\W+0\.400", result.stdout)
    assert re.search(r"content\W+0\.667\W+1\.000\W+0\.800", result.stdout)
    assert "1 document, 2 gold attributions, 3 predicted; ignored: 1 unattributed claim" in result.stdout
    assert result.stderr == ""


def test_cli_evaluate_typed_gold_prints_recall_by_type(runner, tmp_path, predicted_file):
    gold = {**GOLD, "attributions": [{**a, "type": "indirect", "nested": False} for a in GOLD["attributions"]]}
    result = runner.invoke(app, ["evaluate", write_lines(tmp_path / "typed.jsonl", gold), "--predicted", predicted_file])
    assert result.exit_code == 0, result.output
    assert "recall by type: indirect 0.500 (1/2), not nested 0.500 (1/2)" in result.stdout
    assert "0 nested predictions where the gold does not annotate nesting" in result.stdout


def test_cli_evaluate_untyped_gold_prints_no_recall_by_type(runner, gold_file, predicted_file):
    result = runner.invoke(app, ["evaluate", gold_file, "--predicted", predicted_file])
    assert "recall by type" not in result.stdout


def test_cli_evaluate_predicted_json(runner, gold_file, predicted_file):
    result = runner.invoke(app, ["evaluate", gold_file, "--predicted", predicted_file, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["attribution"] == {"p": 0.3333, "r": 0.5, "f1": 0.4}
    assert data["source_tok"] == {"p": 0.5, "r": 0.5, "f1": 0.5}
    assert "errors" not in data


def test_cli_evaluate_errors_table(runner, gold_file, predicted_file):
    result = runner.invoke(app, ["evaluate", gold_file, "--predicted", predicted_file, "--errors", "--format", "table"])
    assert result.exit_code == 0, result.output
    for expected in ("missed a2", "(wrong source)", "false alarm", "The mayor resigned", "Police @"):
        assert expected in result.stdout
    assert "1 gold attribution missed, 2 wrong predictions, in 1 document" in result.stderr


def test_cli_evaluate_errors_json(runner, gold_file, predicted_file):
    result = runner.invoke(app, ["evaluate", gold_file, "--predicted", predicted_file, "--errors", "--format", "json"])
    (document,) = json.loads(result.stdout)["errors"]
    assert [e["kind"] for e in document["missed"]] == ["wrong source"]
    assert [e["kind"] for e in document["false_alarms"]] == ["wrong source", "false alarm"]


def test_cli_evaluate_no_errors_says_so(runner, tmp_path, gold_file, mixed_claims):
    perfect = write_lines(tmp_path / "perfect.jsonl", *(c.model_dump(mode="json") for c in mixed_claims[:1]))
    gold = write_lines(tmp_path / "one.jsonl", gold_record(("Officials", "said", "the bridge collapsed")))
    result = runner.invoke(app, ["evaluate", gold, "--predicted", perfect, "--errors"])
    assert result.exit_code == 0 and "No errors" in result.stderr


def test_cli_evaluate_bad_gold_line_is_one_line_error(runner, tmp_path, predicted_file):
    gold = write_lines(tmp_path / "gold.jsonl", "{oops")
    result = runner.invoke(app, ["evaluate", gold, "--predicted", predicted_file])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {gold}:1: not valid JSON (Expecting property name enclosed in double quotes)"
    assert "Traceback" not in result.output


def test_cli_evaluate_predicted_and_predictions_together_is_a_usage_error(runner, gold_file, predicted_file, tmp_path):
    result = runner.invoke(
        app, ["evaluate", gold_file, "--predicted", predicted_file, "--predictions", str(tmp_path / "out.jsonl")]
    )
    assert result.exit_code == 2
    assert "cannot be used with --predicted" in result.stderr


def test_cli_evaluate_predicted_path_does_not_import_spacy(gold_file, predicted_file):
    assert modules_imported_by([["evaluate", str(gold_file), "--predicted", str(predicted_file)]], ("spacy",)) == []


def test_cli_evaluate_extracts_gold_texts_without_touching_the_store(runner, shared_nlp, tmp_path, isolated_store):
    text = "Border guards said the convoy crossed at dawn. The river rose by two metres overnight."
    attribution = ("Border guards", "said", "the convoy crossed at dawn")
    gold = write_lines(tmp_path / "gold.jsonl", gold_record(attribution, text=text, doc_id="convoy"))
    out = tmp_path / "predicted.jsonl"
    result = runner.invoke(app, ["evaluate", gold, "--predictions", str(out), "--format", "json", "--model", "my_model"])
    assert result.exit_code == 0, result.output
    assert shared_nlp == ["my_model"]
    assert set(json.loads(result.stdout)) >= {"documents", *METRICS}
    assert {json.loads(line)["doc_id"] for line in out.read_text().splitlines()} == {"convoy"}
    assert f"predicted claims to {out}" in result.stderr or f"predicted claim to {out}" in result.stderr
    assert not isolated_store.exists()


def test_cli_evaluate_unknown_model_is_one_line_error(runner, gold_file):
    result = runner.invoke(app, ["evaluate", gold_file, "--model", "no_such_pipeline_xyz"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot load spaCy pipeline 'no_such_pipeline_xyz'")


@pytest.mark.skipif(not (SHARED_EVAL / "seed-gold.jsonl").exists(), reason="the shared evaluation files are not available")
def test_cli_evaluate_seed_gold_agrees_with_shared_scorer(runner, shared_nlp, tmp_path):
    gold = str(SHARED_EVAL / "seed-gold.jsonl")
    out = tmp_path / "predicted.jsonl"
    result = runner.invoke(app, ["evaluate", gold, "--predictions", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    ours = json.loads(result.stdout)
    run = subprocess.run(
        [sys.executable, str(SHARED_EVAL / "score.py"), gold, str(out), "--json"], capture_output=True, text=True, check=True
    )
    theirs = json.loads(run.stdout)
    for metric in METRICS:
        for figure in ("p", "r", "f1"):
            assert round(ours[metric][figure], 3) == round(theirs[metric][figure], 3), (metric, figure)


@pytest.mark.parametrize("target", ["store", "journal", "gold"])
def test_cli_evaluate_refuses_to_write_predictions_over_the_store_or_gold(runner, gold_file, filled_store, target):
    path = {"store": filled_store, "journal": filled_store.with_name("claims.jsonl.journal"), "gold": gold_file}[target]
    before = (filled_store.read_bytes(), Path(gold_file).read_bytes())
    result = runner.invoke(app, ["evaluate", gold_file, "--predictions", str(path)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {path} is ") and result.stderr.count("\n") == 1
    assert (filled_store.read_bytes(), Path(gold_file).read_bytes()) == before


def test_cli_evaluate_errors_table_prints_markup_in_doc_ids_and_text_literally(runner, tmp_path):
    text = "Officials said the [/] plan \x1b[2Jfailed."
    gold = write_lines(tmp_path / "gold.jsonl", gold_record(("Officials", "said", "the [/] plan"), text=text, doc_id="[bold]doc"))
    predicted = write_lines(tmp_path / "pred.jsonl")
    result = runner.invoke(app, ["evaluate", gold, "--predicted", predicted, "--errors"])
    assert result.exit_code == 0, result.output
    assert "[bold]doc" in result.stdout and "the [/] plan" in result.stdout and "\x1b" not in result.stdout
