"""`claimtrack export` and `claimtrack schema`."""

from __future__ import annotations

import csv
import json
import os
import stat
import threading

import pytest

from claimtrack.cli import app
from claimtrack.export import CSV_COLUMNS
from claimtrack.models import Annotation, Status, now
from conftest import make_claim, officials_said, write_store


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


def test_cli_export_to_a_dash_writes_standard_output(runner, filled_store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["export", "--format", "jsonl", "-o", "-"])
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 2 and not (tmp_path / "-").exists()


def test_cli_export_through_a_symlink_writes_the_file_it_names(runner, filled_store, tmp_path):
    target, link = tmp_path / "claims.csv", tmp_path / "latest.csv"
    target.write_text("old\n", encoding="utf-8")
    link.symlink_to(target)
    assert runner.invoke(app, ["export", "-o", str(link)]).exit_code == 0
    assert link.is_symlink() and target.read_text(encoding="utf-8-sig").startswith(",".join(CSV_COLUMNS))


def test_cli_export_to_a_named_pipe_writes_into_it_and_leaves_it_a_pipe(runner, filled_store, tmp_path):
    fifo = tmp_path / "feed"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = runner.invoke(app, ["export", "--format", "jsonl", "-o", str(fifo)])
    reader.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(fifo.stat().st_mode), "a pipe another program reads is never replaced by a file"
    assert len(received[0].splitlines()) == 2


def test_cli_export_jsonl_with_source_filter(runner, filled_store):
    result = runner.invoke(app, ["export", "--format", "jsonl", "--source", "police"])
    assert [json.loads(line)["source"]["text"] for line in result.stdout.splitlines()] == ["police"]


def test_cli_export_failure_leaves_no_partial_file(runner, filled_store, tmp_path):
    filled_store.write_text(filled_store.read_text() + "{bad\n", encoding="utf-8")
    target = tmp_path / "out.csv"
    result = runner.invoke(app, ["export", "--output", str(target)])
    assert result.exit_code == 1 and "not valid JSON" in result.stderr
    assert list(tmp_path.glob("*out.csv*")) == []


def test_cli_export_csv_ends_with_the_quantity_columns_the_cluster_and_the_orphan_mark(runner, filled_store):
    result = runner.invoke(app, ["export", "--search", "Moscow"])
    assert result.exit_code == 0, result.output
    (row,) = csv.DictReader(result.stdout.splitlines())
    assert list(row)[-4:] == ["quantities", "quantities_json", "cluster", "orphaned"]  # added at the end only
    assert row["quantities"] == "2000 USD per soldier"
    quantities = json.loads(row["quantities_json"])
    assert [(q["text"], q["value"], q["unit"]) for q in quantities] == [("$2000 per soldier", 2000, "USD")]


def test_cli_schema_is_the_claim_json_schema(runner):
    result = runner.invoke(app, ["schema"])
    schema = json.loads(result.stdout)
    assert schema["title"] == "Claim"
    assert {"id", "doc_id", "start", "end", "source", "cue", "status", "quantities"} <= set(schema["properties"])
    quantity = schema["$defs"]["Quantity"]["properties"]
    assert {"value", "unit", "bound", "per", "period", "kind", "date"} <= set(quantity)


def _store_side_files(store):
    documents = store.with_name("documents.jsonl")
    documents.write_text("{}\n", encoding="utf-8")
    return [store.with_name(store.name + suffix) for suffix in (".journal", ".idx", ".lock", ".rejected")] + [documents]


@pytest.mark.parametrize(
    "target",
    [
        lambda store: store,
        lambda store: store.parent / ".." / store.parent.name / store.name,
        *[lambda store, i=i: _store_side_files(store)[i] for i in range(5)],
    ],
    ids=["store", "dotdot", "journal", "idx", "lock", "rejected", "documents"],
)
def test_cli_export_refuses_to_overwrite_the_store_or_its_side_files(runner, filled_store, target):
    path = target(filled_store)
    before = {p: p.read_bytes() for p in filled_store.parent.iterdir()}
    result = runner.invoke(app, ["export", "--output", str(path)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {path} is ") and result.stderr.endswith(": choose another output file\n")
    assert result.stderr.count("\n") == 1
    assert {p: p.read_bytes() for p in filled_store.parent.iterdir()} == before


def test_cli_export_refuses_a_symlink_to_the_store(runner, filled_store, tmp_path):
    link = tmp_path / "claims.csv"
    link.symlink_to(filled_store)
    before = filled_store.read_bytes()
    result = runner.invoke(app, ["export", "-o", str(link)])
    assert (result.exit_code, result.stderr) == (1, f"Error: {link} is the claim store itself: choose another output file\n")
    assert filled_store.read_bytes() == before and link.is_symlink()


def test_cli_export_into_a_missing_directory_names_the_path_given(runner, filled_store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["export", "-o", "missing-dir/x.csv"])
    assert (result.exit_code, result.stderr) == (1, "Error: missing-dir/x.csv: No such file or directory\n")


def test_cli_export_keeps_the_exact_text_of_hostile_notes(runner, isolated_store, tmp_path):
    note = "\x1b]0;pwned\x07 [/]"
    event = Annotation(at=now(), status=Status.false, note=note)
    write_store(isolated_store, [make_claim(status=Status.false, annotations=[event])])
    target = tmp_path / "out.jsonl"
    assert runner.invoke(app, ["export", "--format", "jsonl", "-o", str(target)]).exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["annotations"][0]["note"] == note
    csv_out = runner.invoke(app, ["export"]).stdout
    assert list(csv.DictReader(csv_out.splitlines()))[0]["last_note"] == note


@pytest.mark.parametrize(
    ("command", "refused", "offered"),
    [
        (["export"], "table", "'csv', 'jsonl', 'json', 'claimreview'"),
        (["claims"], "claimreview", "'table', 'jsonl', 'json', 'csv'"),
    ],
)
def test_cli_format_offers_only_what_the_command_writes(runner, filled_store, command, refused, offered):
    result = runner.invoke(app, [*command, "--format", refused])
    assert result.exit_code == 2
    assert f"{refused!r} is not one of {offered}" in result.output


def _reviews_after_unverified(store):
    """A store whose first three claims have no verdict and whose last three have one."""
    claims, _ = officials_said("article", [f"the convoy left at {hour} o'clock" for hour in range(1, 7)])
    verdicts = [Status.misleading, Status.false, Status.verified]
    checked = [
        claim.model_copy(update={"status": status, "annotations": [Annotation(at=now(), status=status)]})
        for claim, status in zip(claims[3:], verdicts, strict=True)
    ]
    write_store(store, claims[:3] + checked)
    return claims[:3] + checked


@pytest.mark.parametrize(
    ("options", "positions"),
    [
        (["--limit", "2"], [3, 4]),
        (["--limit", "5"], [3, 4, 5]),
        (["--sort", "status", "--limit", "2"], [5, 4]),  # verified before false, in Status order
    ],
)
def test_cli_export_claimreview_limit_counts_reviews(runner, isolated_store, options, positions):
    claims = _reviews_after_unverified(isolated_store)
    result = runner.invoke(app, ["export", "--format", "claimreview", *options])
    assert result.exit_code == 0, result.output
    assert [review["identifier"] for review in json.loads(result.stdout)] == [claims[i].id for i in positions]


def test_cli_export_claimreview_limit_to_a_file_says_how_many_reviews(runner, isolated_store, tmp_path):
    _reviews_after_unverified(isolated_store)
    target = tmp_path / "reviews.json"
    markup = ["--publisher", "Desk", "--review-url", "https://factcheck.example/{id}"]
    result = runner.invoke(app, ["export", "--format", "claimreview", *markup, "--limit", "2", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"Exported 2 claims to {target}\n"
    assert len(json.loads(target.read_text(encoding="utf-8"))) == 2


def test_cli_export_claimreview_of_unverified_claims_says_why_it_is_empty(runner, isolated_store):
    _reviews_after_unverified(isolated_store)
    result = runner.invoke(app, ["export", "--format", "claimreview", "--status", "unverified"])
    assert (result.exit_code, result.stdout) == (0, "[]\n")
    assert result.stderr == ("Warning: no ClaimReview for --status unverified: an unverified claim has no verdict to publish\n")


@pytest.mark.parametrize(
    ("options", "warning"),
    [
        ([], "the reviews have no author (--publisher) and no url (--review-url), "),
        (["--review-url", "https://factcheck.example/{id}"], "the reviews have no author (--publisher), "),
        (["--publisher", "Desk"], "the reviews have no url (--review-url), "),
        (["--publisher", "Desk", "--review-url", "https://factcheck.example/{id}"], None),
    ],
)
def test_cli_export_claimreview_says_what_google_requires_that_it_lacks(runner, isolated_store, options, warning):
    """Without --publisher a review has no author, which Google's fact-check markup requires: nothing said so."""
    _reviews_after_unverified(isolated_store)
    result = runner.invoke(app, ["export", "--format", "claimreview", *options])
    assert result.exit_code == 0 and len(json.loads(result.stdout)) == 3
    expected = f"Warning: {warning}which Google's fact-check markup requires\n" if warning else ""
    assert result.stderr == expected


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "json"])
def test_cli_export_publisher_without_claimreview_is_refused(runner, filled_store, fmt, tmp_path):
    target = tmp_path / "out"
    result = runner.invoke(app, ["export", "--format", fmt, "--publisher", "Desk", "-o", str(target)])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "Error: --publisher names the author of ClaimReview output: use it with --format claimreview\n"
    assert not target.exists()


@pytest.mark.parametrize("to_file", [False, True])
def test_cli_export_claimreview_review_url_gives_each_review_its_page(runner, isolated_store, tmp_path, to_file):
    """Google's fact-check markup asks where each review is published (url): ClaimReview output had none."""
    claims = _reviews_after_unverified(isolated_store)
    target = tmp_path / "reviews.json"
    url = "https://factcheck.example/claims/{id}"
    options = ["--publisher", "Desk", "--review-url", url, *(["-o", str(target)] if to_file else [])]
    result = runner.invoke(app, ["export", "--format", "claimreview", *options])
    assert result.exit_code == 0, result.output
    reviews = json.loads(target.read_text(encoding="utf-8") if to_file else result.stdout)
    assert [review["url"] for review in reviews] == [f"https://factcheck.example/claims/{c.id}" for c in claims[3:]]
    assert {review["author"]["name"] for review in reviews} == {"Desk"}


@pytest.mark.parametrize(
    ("options", "error"),
    [
        (["--format", "csv", "--review-url", "https://factcheck.example/"], "--review-url says where ClaimReview output is"),
        (["--format", "claimreview", "--review-url", "factcheck.example/{id}"], "--review-url must be an http(s):// URL: "),
    ],
)
def test_cli_export_review_url_is_refused_where_it_means_nothing(runner, filled_store, options, error):
    result = runner.invoke(app, ["export", *options])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(f"Error: {error}") and len(result.stderr.splitlines()) == 1
