"""`claimtrack annotate` and `claimtrack show`."""

from __future__ import annotations

import contextlib
import csv
import fcntl
import io
import json
import re
import threading
from pathlib import Path

import pytest

from claimtrack.cli import app
from claimtrack.export import split_list
from claimtrack.models import Annotation, Status, now
from claimtrack.store import ClaimStore, files
from conftest import make_claim, modules_imported_by, run_in_terminal, write_store


@pytest.fixture
def claim_id(filled_store, sample_claims) -> str:
    return sample_claims[0].id


def test_cli_annotate_records_status_note_evidence_and_tags(runner, filled_store, claim_id):
    result = runner.invoke(
        app,
        [
            "annotate",
            claim_id[:6],
            "--status",
            "disputed",
            "--note",
            "single source",
            "--evidence",
            "https://example.org/a",
            "--evidence",
            "https://example.org/b",
            "--tag",
            "money",
        ],
    )
    assert result.exit_code == 0, result.output
    assert f"{claim_id}: disputed" in result.stderr
    claim = ClaimStore(filled_store).get(claim_id)
    assert claim.status.value == "disputed"
    event = claim.annotations[-1]
    assert (event.note, event.evidence, event.tags) == (
        "single source",
        ["https://example.org/a", "https://example.org/b"],
        ["money"],
    )


def test_cli_annotate_appends_history_and_status_filter_finds_it(runner, filled_store, claim_id):
    runner.invoke(app, ["annotate", claim_id, "--status", "disputed"])
    runner.invoke(app, ["annotate", claim_id, "--note", "called the ministry"])
    claim = ClaimStore(filled_store).get(claim_id)
    assert [e.status.value for e in claim.annotations] == ["disputed", "disputed"]
    found = runner.invoke(app, ["claims", "--status", "disputed"]).stdout.splitlines()
    assert [json.loads(line)["id"] for line in found] == [claim_id]


@pytest.mark.parametrize(
    "args, message",
    [
        (["annotate", "zzzz", "--status", "false"], "Error: no claim has an id starting with 'zzzz'"),
        (["annotate", "{id}"], "Error: nothing to record: give --status, --note, --evidence or --tag"),
        (["show", "zzzz"], "Error: no claim has an id starting with 'zzzz'"),
    ],
)
def test_cli_claim_commands_fail_in_one_line(runner, filled_store, claim_id, args, message):
    before = filled_store.read_bytes()
    result = runner.invoke(app, [a.format(id=claim_id) for a in args])
    assert result.exit_code == 1
    assert result.stderr.strip() == message
    assert filled_store.read_bytes() == before


def test_cli_annotate_rejects_unknown_status(runner, filled_store, claim_id):
    result = runner.invoke(app, ["annotate", claim_id, "--status", "sort-of"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--status': 'sort-of' is not one of: "
        "unverified, verified, false, misleading, disputed, unverifiable"
    )


def test_cli_show_prints_context_fields_and_history(runner, filled_store, claim_id):
    runner.invoke(app, ["annotate", claim_id, "--status", "false", "--note", "ministry denies"])
    result = runner.invoke(app, ["show", claim_id[:5]])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Officials estimate that Moscow pays $2000 per soldier." in out
    assert "estimate" in out and "false" in out and "ministry denies" in out
    assert "$2000 per soldier = 2000 USD per soldier" in out


def test_cli_show_on_a_store_with_a_bad_line_prints_nothing_but_the_error(runner, filled_store, claim_id):
    """The claim is found through the index, its document's other claims are read for its chain: a bad line among
    them was an error after half the claim had been printed."""
    with filled_store.open("a", encoding="utf-8") as out:
        out.write('{"not": "a claim"}\n')
    result = runner.invoke(app, ["show", claim_id])
    assert result.exit_code == 1
    assert result.stdout == "" and result.stderr.startswith(f"Error: {filled_store}:3:")


def test_cli_show_with_an_article_for_a_store_says_so_and_leaves_no_index_beside_it(runner, tmp_path):
    """`show ID --store article.txt` wrote article.txt.idx, an index of no claims, and then said no claim had the id."""
    article = tmp_path / "article.txt"
    article.write_text("The ministry said the border was closed.\n", encoding="utf-8")
    result = runner.invoke(app, ["show", "2d21", "--store", str(article)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {article}:1: ") and len(result.stderr.splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt"]


@pytest.mark.parametrize(
    "command",
    [
        ["annotate", "2d21", "--note", "x"],
        ["annotate", "2d21", "--status", "false", "--cluster"],
        ["compact"],
        ["remove", "article"],
    ],
    ids=["annotate", "annotate-cluster", "compact", "remove"],
)
def test_cli_writer_with_an_article_for_a_store_says_so_and_leaves_nothing_beside_it(runner, tmp_path, command):
    """`annotate ID --store article.txt` left article.txt.lock beside the article (and compact and remove did too)."""
    article = tmp_path / "article.txt"
    article.write_text("The ministry said the border was closed.\n", encoding="utf-8")
    result = runner.invoke(app, [*command, "--store", str(article)])
    assert (result.exit_code, result.stderr) == (1, f"Error: {article}:1: not valid JSON (Expecting value)\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt"]
    assert article.read_text(encoding="utf-8") == "The ministry said the border was closed.\n"


def test_cli_show_json_is_the_record(runner, filled_store, claim_id):
    result = runner.invoke(app, ["show", claim_id, "--json"])
    assert json.loads(result.stdout)["id"] == claim_id


def test_cli_show_says_when_there_is_no_history(runner, filled_store, claim_id):
    assert "No annotations yet." in runner.invoke(app, ["show", claim_id]).stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["--note", "   "], "Error: --note is blank: give some text, or leave --note out"),
        (["--note", ""], "Error: --note is blank: give some text, or leave --note out"),
        (["--status", "false", "--evidence", " "], "Error: --evidence is blank: give some text, or leave --evidence out"),
        (["--tag", "money", "--tag", "\t"], "Error: --tag is blank: give some text, or leave --tag out"),
        # Python receives a byte that is not UTF-8 ($'\\xff' in a shell) as a lone surrogate.
        (["--note", "caf\udcff"], "Error: --note is not valid UTF-8 text: caf\\xff"),
        (["--tag", "\udcff"], "Error: --tag is not valid UTF-8 text: \\xff"),
    ],
)
def test_cli_annotate_refuses_blank_or_invalid_text_in_one_line(runner, filled_store, claim_id, args, message):
    before = filled_store.read_bytes()
    result = runner.invoke(app, ["annotate", claim_id, *args])
    assert (result.exit_code, result.stderr) == (2, message + "\n")
    assert filled_store.read_bytes() == before


def test_cli_annotate_id_that_is_not_utf8_is_one_line(runner, filled_store):
    result = runner.invoke(app, ["annotate", "\udcff", "--note", "x"])
    assert (result.exit_code, result.stderr) == (2, "Error: ID is not valid UTF-8 text: \\xff\n")


@pytest.mark.parametrize("command", [["annotate", "[/]", "--note", "x"], ["show", "[/]"], ["show", "[bold]"]])
def test_cli_claim_commands_print_a_typed_id_with_markup_as_text(runner, filled_store, command):
    result = runner.invoke(app, command)
    assert result.exit_code == 1
    assert result.stderr == f"Error: no claim has an id starting with '{command[1]}'\n"


def test_cli_error_shows_control_characters_in_a_typed_id_as_escapes(runner, filled_store):
    result = runner.invoke(app, ["show", "\x1b]0;pwned\x07"])
    assert result.exit_code == 1
    assert result.stderr == "Error: no claim has an id starting with '\\x1b]0;pwned\\x07'\n"


# A note can hold anything a user pasted: on screen it must not drive the terminal.
HOSTILE_NOTE = "cleared\x1b[2J\x1b]0;pwned\x07 [/] done"


@pytest.fixture
def hostile_store(isolated_store):
    event = Annotation(at=now(), status=Status.false, note=HOSTILE_NOTE, evidence=["[link]\x1b[31m"], tags=["\x9b2J"])
    return write_store(isolated_store, [make_claim(status=Status.false, annotations=[event])])


def test_cli_show_prints_notes_evidence_and_tags_with_escapes(runner, hostile_store, sample_claims):
    result = runner.invoke(app, ["show", sample_claims[0].id])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "cleared\\x1b[2J" in out and "[/]" in out
    assert "[link]\\x1b[31m" in out and "\\x9b2J" in out
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", out)


def test_cli_show_json_keeps_the_exact_note(runner, hostile_store, sample_claims):
    record = json.loads(runner.invoke(app, ["show", sample_claims[0].id, "--json"]).stdout)
    assert record["annotations"][0]["note"] == HOSTILE_NOTE


def test_cli_show_at_a_terminal_sends_no_control_sequence_from_a_note(hostile_store, sample_claims):
    code, shown = run_in_terminal("show", sample_claims[0].id)
    assert code == 0, shown
    # rich's own colours (ESC [ ... m) are fine; nothing else may reach the terminal.
    without_colours = re.sub(rb"\x1b\[[0-9;]*m", b"", shown)
    assert b"\x1b" not in without_colours and b"\x07" not in without_colours and b"\xc2\x9b" not in without_colours
    assert b"\\x1b[2J" in without_colours and b"\\x1b]0;pwned\\x07" in without_colours


# A spokesperson quoted as reporting what the minister believes, which holds what the chancellor said.
NESTED = "A spokesperson said the minister believes the chancellor said the deal is fair. Nobody else commented."


@pytest.fixture
def nested_store(isolated_store):
    outer = make_claim(
        "the minister believes the chancellor said the deal is fair", document=NESTED, source="A spokesperson", cue="said"
    )
    middle = make_claim(
        "the chancellor said the deal is fair", document=NESTED, source="the minister", cue="believes", parent=outer.id
    )
    inner = make_claim("the deal is fair", document=NESTED, source="the chancellor", cue="said", parent=middle.id)
    alone = make_claim("Nobody else commented", document=NESTED, source=None, cue=None)
    write_store(isolated_store, [outer, middle, inner, alone])
    return outer, middle, inner, alone


def test_cli_show_prints_the_chain_from_the_top_level_claim_to_the_nested_ones(runner, nested_store, live_columns):
    outer, middle, inner, _ = nested_store
    out = runner.invoke(app, ["show", middle.id], env={"COLUMNS": "120"}).stdout
    chain = [re.match(r"([└─│ ]*)([0-9a-f]{8})  (.*)", line) for line in out[out.index("chain") :].splitlines()[1:4]]
    assert [m.group(2) for m in chain] == [outer.id[:8], middle.id[:8], inner.id[:8]]
    assert [len(m.group(1)) for m in chain] == [4, 8, 12]  # one level further in at each step down
    assert chain[0].group(3).startswith("A spokesperson said: the minister believes")
    assert chain[1].group(3).endswith("◀ this claim") and chain[2].group(3) == "the chancellor said: the deal is fair"


def test_cli_show_top_level_claim_lists_every_claim_nested_inside(runner, nested_store, live_columns):
    outer, middle, inner, _ = nested_store
    out = runner.invoke(app, ["show", outer.id], env={"COLUMNS": "120"}).stdout
    assert f"{outer.id[:8]}  A spokesperson said" in out and "◀ this claim" in out
    assert out.index(middle.id[:8]) < out.index(inner.id[:8])


def test_cli_show_no_chain_for_a_claim_that_stands_alone(runner, nested_store, live_columns):
    out = runner.invoke(app, ["show", nested_store[3].id]).stdout
    assert "chain" not in out and "No annotations yet." in out


def test_cli_show_chain_says_when_the_parent_is_gone(runner, nested_store, isolated_store, live_columns):
    outer, middle, inner, _ = nested_store
    write_store(isolated_store, [middle, inner])
    out = runner.invoke(app, ["show", inner.id], env={"COLUMNS": "120"}).stdout
    assert f"{outer.id}  (parent claim no longer in the store)" in out and middle.id[:8] in out


def test_cli_annotate_of_a_clustered_store_loads_no_matching_code(tmp_path):
    """An annotate only follows the cluster index's fingerprint: it starts without rapidfuzz, the embedding
    model, the queries (which show, beside it, uses) or rich, whose import was an eighth of its start."""
    store = ClaimStore(tmp_path / "claims.jsonl")
    claim = make_claim()
    store.replace_documents({"article": [claim]}, cluster=True)
    assert store.clusters_path.exists()
    commands = [["annotate", claim.id, "--status", "false", "--store", str(store.path)]]
    unwanted = (
        "rapidfuzz",
        "rich",
        "claimtrack.quantities",
        "claimtrack.clusters.embedding",
        "tokenizers",
        "claimtrack.query",
    )
    assert modules_imported_by(commands, unwanted) == []
    assert ClaimStore(store.path).get(claim.id).status is Status.false


def test_cli_show_and_claims_mark_an_orphaned_claim(runner, filled_store, claim_id, live_columns):
    runner.invoke(app, ["annotate", claim_id, "--status", "verified"])
    assert runner.invoke(app, ["remove", "article"]).exit_code == 0  # the verdict stays, on an orphan
    shown = runner.invoke(app, ["show", claim_id], env={"COLUMNS": "100"}).stdout
    assert re.search(r"^orphaned +yes: its document changed or was removed", shown, re.MULTILINE)
    table = runner.invoke(app, ["claims", "--format", "table"], env={"COLUMNS": "100"}).stdout
    (row,) = [line for line in table.splitlines() if line.startswith(claim_id[:8])]
    assert row.split("│")[-1].strip() == "verified (orphaned)"


def test_cli_show_history_to_the_second_without_empty_columns(runner, filled_store, claim_id, live_columns):
    runner.invoke(app, ["annotate", claim_id, "--status", "false", "--note", "ministry denies"])
    lines = runner.invoke(app, ["show", claim_id], env={"COLUMNS": "80"}).stdout.splitlines()
    history = lines[[line.strip() for line in lines].index("history") + 1 :]
    assert [cell.strip() for cell in history[0].split("│")] == ["when (UTC)", "status", "note"]  # no tags, evidence
    (event,) = [line for line in history if "ministry denies" in line]
    when = ClaimStore(filled_store).get(claim_id).annotations[-1].at.strftime("%Y-%m-%d %H:%M:%S")
    assert event.split("│")[0].strip() == when  # not 2026-12-03T20:49:07.823784+00:00, folded


@contextlib.contextmanager
def _lock_held_by_another(store: Path, seconds: float):
    """The store's lock taken as another writer would (flock on its own open file), released after ``seconds``."""
    lock = open(ClaimStore(store).lock_path, "a+")  # noqa: SIM115 - closed by the timer or below
    fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
    release = threading.Timer(seconds, lock.close)  # closing the file releases its lock
    release.start()
    try:
        yield
    finally:
        release.join()


def test_cli_annotate_says_it_waits_for_another_writer(runner, filled_store, claim_id, monkeypatch):
    """It waited silently for as long as the other process held the store: a hang, to the user."""
    monkeypatch.setattr(files, "LOCK_PATIENCE_SECONDS", 0.2)
    with _lock_held_by_another(filled_store, 1.0):
        result = runner.invoke(app, ["annotate", claim_id, "--status", "false"])
    assert result.exit_code == 0, result.output
    assert f"Waiting for another claimtrack process to finish with {filled_store}..." in result.stderr.splitlines()
    assert ClaimStore(filled_store).get(claim_id).status is Status.false


def test_cli_annotate_is_quiet_when_the_lock_is_free(runner, filled_store, claim_id, monkeypatch):
    monkeypatch.setattr(files, "LOCK_PATIENCE_SECONDS", 0.0)
    result = runner.invoke(app, ["annotate", claim_id, "--status", "false"])
    assert result.exit_code == 0, result.output
    assert "Waiting" not in result.stderr


def test_cli_annotate_a_tag_with_a_bar_is_one_tag_in_csv(runner, filled_store, claim_id):
    """CSV export writes a list item's own "|" escaped (as for evidence titles), so "budget | transport" stays one tag
    for a script that splits the cell as ``export.split_list`` does; it was refused before the escaping."""
    result = runner.invoke(app, ["annotate", claim_id, "--tag", "budget | transport", "--tag", "a|b"])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(runner.invoke(app, ["export", "--format", "csv"]).stdout)))
    (row,) = [row for row in rows if row["id"] == claim_id]
    assert split_list(row["tags"]) == ["budget | transport", "a|b"]
