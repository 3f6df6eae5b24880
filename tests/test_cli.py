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


def test_cli_alone_shows_help(runner):
    result = runner.invoke(app, [])
    assert "Usage: claimtrack [OPTIONS] COMMAND [ARGS]..." in result.output and "Error" not in result.output
