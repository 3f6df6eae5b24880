"""The command line as a whole: a mistyped command line is one line, `Error: ...`, exit 2."""

from __future__ import annotations

import pytest

from claimtrack.cli import app

STATUSES = "unverified, verified, false, misleading, disputed, unverifiable"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["claims", "--status", "bogus"], f"Invalid value for '--status': 'bogus' is not one of: {STATUSES}"),
        (["claims", "--bogus"], "No such option: --bogus"),
        (["show"], "Missing argument 'ID'."),
        (["annotate"], "Missing argument 'ID'."),
        (["bogus"], "No such command 'bogus'."),
        (["claimz"], "No such command 'claimz'. Did you mean 'claims'?"),
        (["claims", "--all", "--limit", "3"], "Invalid value for --all: cannot be used with --limit: choose one"),
    ],
)
def test_cli_usage_error_is_one_line(runner, filled_store, args, message):
    result = runner.invoke(app, args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"Error: {message}\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["claims", "--sort", "bogus"], "Invalid value for '--sort': 'bogus' is not one of: date, document, source, status"),
        (["export", "--sort", "Date"], "Invalid value for '--sort': 'Date' is not one of: date, document, source, status"),
        (["claims", "--limit", "abc"], "Invalid value for '--limit' / '-n': 'abc' is not a whole number: give 0 or more"),
        (["export", "-n", "1.5"], "Invalid value for '--limit' / '-n': '1.5' is not a whole number: give 0 or more"),
        (["claims", "--limit", "-1"], "Invalid value for '--limit' / '-n': -1 is less than 0: give 0 or more"),
        (["clusters", "--min-documents", "0"], "Invalid value for '--min-documents': 0 is less than 1: give 1 or more"),
        (["extract", "--jobs", "two", "x.txt"], "Invalid value for '--jobs' / '-j': 'two' is not a whole number: give 1 or more"),
        (["evaluate", "--format", "csv", "gold.jsonl"], "Invalid value for '--format' / '-f': 'csv' is not one of: table, json"),
        (
            ["check", "--store", ""],
            "Invalid value for '--store': no path given: name the claim store's file, e.g. data/claims.jsonl",
        ),
    ],
)
def test_cli_bad_option_value_is_a_plain_sentence(runner, filled_store, args, message):
    result = runner.invoke(app, args)
    assert (result.exit_code, result.stderr) == (2, f"Error: {message}\n")


@pytest.mark.parametrize("command", ["claims", "check", "docs"])
def test_cli_store_that_is_a_directory_is_named_as_one(runner, tmp_path, command):
    result = runner.invoke(app, [command, "--store", str(tmp_path)])
    expected = (
        f"Invalid value for '--store': {tmp_path} is a directory: name the claim store's file, e.g. {tmp_path / 'claims.jsonl'}"
    )
    assert (result.exit_code, result.stderr) == (2, f"Error: {expected}\n")


def test_cli_options_still_take_good_values(runner, filled_store):
    result = runner.invoke(app, ["claims", "--sort", "source", "--limit", "1", "--format", "jsonl", "--store", str(filled_store)])
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 1


def test_cli_alone_shows_help(runner):
    result = runner.invoke(app, [])
    assert "Usage: claimtrack [OPTIONS] COMMAND [ARGS]..." in result.output and "Error" not in result.output
