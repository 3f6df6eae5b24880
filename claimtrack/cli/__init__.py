"""The claimtrack command line: thin typer commands over the library."""

from __future__ import annotations

import contextlib
from typing import Iterator, Optional

import typer
from typer.core import TyperGroup

from .. import __version__
from .claim_cmds import annotate_command, schema_command, show_command
from .doc_cmds import docs_command, remove_command
from .evaluate_cmd import evaluate_command
from .extract_cmd import extract_command
from .pipes import flush_stdout, silence_stdout
from .query_cmds import claims_command, export_command, sources_command
from .store_cmds import check_command, compact_command


class ClaimtrackGroup(TyperGroup):
    """The top-level command group: a reader that stops reading ends the command quietly, exit 0.

    Both the parsing (``--help``, ``--version``) and the command itself are
    covered, for every command, whatever it writes with.
    """

    def make_context(self, *args, **kwargs):
        with _quiet_broken_pipe():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx):
        with _quiet_broken_pipe():
            return super().invoke(ctx)


@contextlib.contextmanager
def _quiet_broken_pipe() -> Iterator[None]:
    try:
        yield
    except BrokenPipeError:
        silence_stdout()
        raise typer.Exit(0) from None


app = typer.Typer(
    name="claimtrack",
    cls=ClaimtrackGroup,
    help="Extract who claims what from news articles, and track the fact-check of every claim.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"claimtrack {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Optional[bool] = typer.Option(None, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """Extract who claims what from news articles, and track the fact-check of every claim.

    Start with:  claimtrack extract seeds/   then   claimtrack claims
    """


app.command("extract")(extract_command)
app.command("claims")(claims_command)
app.command("show")(show_command)
app.command("annotate")(annotate_command)
app.command("sources")(sources_command)
app.command("docs")(docs_command)
app.command("remove")(remove_command)
app.command("export")(export_command)
app.command("schema")(schema_command)
app.command("check")(check_command)
app.command("compact")(compact_command)
app.command("evaluate")(evaluate_command)


def main() -> None:
    try:
        app(prog_name="claimtrack")
    except SystemExit:
        # Output still buffered is written now, while a broken pipe can be told apart.
        if not flush_stdout():
            raise SystemExit(0) from None
        raise
