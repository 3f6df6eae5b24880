"""`claimtrack annotate` and `claimtrack show`."""

from __future__ import annotations

import json

import pytest

from claimtrack.cli import app
from claimtrack.store import ClaimStore


@pytest.fixture
def claim_id(filled_store, sample_claims) -> str:
    return sample_claims[0].id


def test_cli_annotate_records_status_note_evidence_and_tags(runner, filled_store, claim_id):
    result = runner.invoke(
        app,
        ["annotate", claim_id[:6], "--status", "disputed", "--note", "single source",
         "--evidence", "https://example.org/a", "--evidence", "https://example.org/b", "--tag", "money"],
    )
    assert result.exit_code == 0, result.output
    assert f"{claim_id}: disputed" in result.stderr
    claim = ClaimStore(filled_store).get(claim_id)
    assert claim.status.value == "disputed"
    event = claim.annotations[-1]
    assert (event.note, event.evidence, event.tags) == ("single source", ["https://example.org/a", "https://example.org/b"], ["money"])


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
    assert result.exit_code == 2 and "'sort-of' is not one of" in result.stderr


def test_cli_show_prints_context_fields_and_history(runner, filled_store, claim_id):
    runner.invoke(app, ["annotate", claim_id, "--status", "false", "--note", "ministry denies"])
    result = runner.invoke(app, ["show", claim_id[:5]])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Officials estimate that Moscow pays $2000 per soldier." in out
    assert "estimate" in out and "false" in out and "ministry denies" in out


def test_cli_show_json_is_the_record(runner, filled_store, claim_id):
    result = runner.invoke(app, ["show", claim_id, "--json"])
    assert json.loads(result.stdout)["id"] == claim_id


def test_cli_show_says_when_there_is_no_history(runner, filled_store, claim_id):
    assert "No annotations yet." in runner.invoke(app, ["show", claim_id]).stdout
