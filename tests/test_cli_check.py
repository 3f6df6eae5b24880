"""`claimtrack check` and `claimtrack compact`."""

from __future__ import annotations

import pytest

from claimtrack.cli import app
from claimtrack.models import Status
from claimtrack.store import ClaimStore
from conftest import ARTICLE, make_claim, store_document, write_store


def test_cli_check_reports_a_sound_store(runner, filled_store):
    result = runner.invoke(app, ["check"])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", f"{filled_store}: no problems\n")


def test_cli_check_writes_control_characters_from_a_bad_line_as_escapes(runner, isolated_store):
    hostile = "x\x1b]0;pwned\x07\n[/]"
    write_store(isolated_store, [make_claim(id=hostile), make_claim(id=hostile)])
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1
    assert result.stdout == f"{isolated_store}:2: duplicate id x\\x1b]0;pwned\\x07\\n[/] (first on line 1)\n"
    assert result.stderr == "1 problem; `claimtrack check --repair` sets the bad lines aside\n"


def test_cli_check_message_with_markup_in_the_store_path_is_text(runner, tmp_path):
    store = write_store(tmp_path / "[bold]" / "claims.jsonl", [make_claim()])
    result = runner.invoke(app, ["check", "--store", str(store)])
    assert (result.exit_code, result.stderr) == (0, f"{store}: no problems\n")


LOST = (
    "1 claim of document 'article' that --repair cannot fix: "
    "extract it again (`claimtrack extract --force FILE`), which keeps every annotation\n"
)


@pytest.fixture
def documented_store(isolated_store):
    """A store holding one claim and the document text it indexes, as extract writes them."""
    (claim,) = store_document(isolated_store, "article", ARTICLE, [make_claim()])
    return ClaimStore(isolated_store), claim


def test_cli_check_and_repair_agree_when_a_document_line_is_bad(runner, documented_store):
    store, claim = documented_store
    store.documents.path.write_text("{broken" + store.documents.path.read_text(encoding="utf-8"), encoding="utf-8")
    lost = f"{store.path}:1: claim {claim.id} indexes a text of document 'article' that is not stored\n"
    checked = runner.invoke(app, ["check"])
    assert checked.exit_code == 1
    assert checked.stdout.endswith(lost) and checked.stdout.startswith(f"{store.documents.path}:1: not valid JSON")
    assert checked.stderr == "2 problems; `claimtrack check --repair` sets the 1 bad line aside; " + LOST
    repaired = runner.invoke(app, ["check", "--repair"])
    assert repaired.exit_code == 1 and repaired.stdout.endswith(lost)
    assert repaired.stderr == f"Moved 1 bad line to {store.rejected_path}\n1 problem left; " + LOST
    for args in (["check"], ["check", "--repair"]):
        again = runner.invoke(app, args)
        assert (again.exit_code, again.stdout) == (1, lost), "the same verdict, however often it is asked"
    assert runner.invoke(app, ["check"]).stderr == "1 problem; " + LOST


def test_cli_check_reports_claims_whose_documents_file_is_gone(runner, documented_store):
    store, claim = documented_store
    store.documents.path.unlink()
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1
    assert result.stdout == f"{store.path}:1: claim {claim.id} indexes a text of document 'article' that is not stored\n"
    assert runner.invoke(app, ["check", "--repair"]).exit_code == 1
    assert list(store) == [claim], "nothing was set aside: the claim is sound, its text is what is missing"


def test_cli_check_advice_fixes_a_lost_text_and_keeps_annotations(runner, isolated_store, tmp_path, nlp):
    article = tmp_path / "convoy.txt"
    article.write_text("Border guards said the convoy crossed at dawn.\n", encoding="utf-8")
    assert runner.invoke(app, ["extract", str(article)]).exit_code == 0
    store = ClaimStore(isolated_store)
    checked = next(claim for claim in store if claim.attributed)
    assert runner.invoke(app, ["annotate", checked.id, "--status", "false"]).exit_code == 0
    store.documents.path.unlink()
    assert runner.invoke(app, ["check"]).exit_code == 1
    assert runner.invoke(app, ["extract", "--force", str(article)]).exit_code == 0
    assert runner.invoke(app, ["check"]).exit_code == 0
    assert store.get(checked.id).status.value == "false"


def test_cli_check_reports_a_status_no_event_records_and_annotate_records_it(runner, documented_store):
    """A claim hand-edited to `false` with an empty history passed check: a verdict with no date, note or evidence."""
    store, claim = documented_store
    write_store(store.path, [claim.model_copy(update={"status": Status.false})])
    found = f"{store.path}:1: claim {claim.id} is marked false but has no event in its history\n"
    advice = "record the verdict (`claimtrack annotate ID --status STATUS --note ...`)\n"
    checked = runner.invoke(app, ["check"])
    assert (checked.exit_code, checked.stdout) == (1, found)
    assert checked.stderr == "1 problem; 1 claim with a status no event of its history records, which --repair leaves: " + advice
    repaired = runner.invoke(app, ["check", "--repair"])
    assert (repaired.exit_code, repaired.stdout) == (1, found) and repaired.stderr.startswith("1 problem left; 1 claim with")
    assert [c.status for c in store] == [Status.false], "the claim and its status stay"
    assert runner.invoke(app, ["annotate", claim.id, "--status", "false", "--note", "checked"]).exit_code == 0
    assert runner.invoke(app, ["check"]).stdout == ""


@pytest.mark.parametrize("orphaned", [False, True], ids=["claim", "orphan"])
def test_cli_check_reports_a_parent_no_claim_has(runner, documented_store, orphaned):
    """A claim whose parent named an id no claim had passed check; an orphan's parent may have gone with its text."""
    store, claim = documented_store
    write_store(store.path, [claim.model_copy(update={"parent": "0000deadbeef", "orphaned": orphaned})])
    checked = runner.invoke(app, ["check"])
    if orphaned:
        assert (checked.exit_code, checked.stdout) == (0, "")
        return
    found = f"{store.path}:1: claim {claim.id} names as its parent 0000deadbeef, which no claim of the store has\n"
    assert (checked.exit_code, checked.stdout, checked.stderr) == (1, found, "1 problem; " + LOST)
    assert runner.invoke(app, ["check", "--repair"]).stdout == found
    assert [c.id for c in store] == [claim.id], "nothing was set aside"


@pytest.mark.parametrize("repair", [False, True])
def test_cli_check_refuses_a_file_that_is_no_claim_store_and_leaves_it(runner, tmp_path, repair):
    article = tmp_path / "article.txt"
    text = "Officials said the bridge is safe.\n\nThe mayor said it was not.\n"
    article.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["check", *(["--repair"] if repair else []), "--store", str(article)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"Error: {article}: not a claim store (no line of it is a claim record); it was left as it is\n"
    assert article.read_text(encoding="utf-8") == text
    assert sorted(path.name for path in tmp_path.iterdir()) == ["article.txt"], "no side file, no lock file"


def test_cli_check_repair_still_mends_a_store_with_one_good_line(runner, isolated_store):
    write_store(isolated_store, [make_claim()])
    with isolated_store.open("a", encoding="utf-8") as out:
        out.write("{broken\n")
    result = runner.invoke(app, ["check", "--repair"])
    assert result.exit_code == 0, result.output
    assert [claim.text for claim in ClaimStore(isolated_store)] == [make_claim().text]
