"""`claimtrack check` and `claimtrack compact`."""

from __future__ import annotations

from claimtrack.cli import app
from conftest import make_claim, write_store


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
