"""The claimtrack command line: thin typer commands over the library.

Each command's module is imported only when that command runs (or when
help lists it), so `claimtrack --version` needs typer alone and `annotate`
never imports what `extract` or `evaluate` need.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from importlib import import_module
from typing import Any

import typer
from typer._click.exceptions import NoArgsIsHelpError, UsageError
from typer.core import TyperGroup
from typer.main import get_command_from_info
from typer.models import CommandInfo

from .. import __version__
from .pipes import ClosedOutput, flush_stdout, silence_stdout

# name -> (module in claimtrack.cli, function): the commands, in the order help lists them.
COMMANDS: dict[str, tuple[str, str]] = {
    "extract": ("extract_cmd", "extract_command"),
    "claims": ("query_cmds", "claims_command"),
    "show": ("claim_cmds", "show_command"),
    "annotate": ("claim_cmds", "annotate_command"),
    "render": ("render_cmd", "render_command"),
    "clusters": ("cluster_cmds", "clusters_command"),
    "similar": ("cluster_cmds", "similar_command"),
    "sources": ("query_cmds", "sources_command"),
    "docs": ("doc_cmds", "docs_command"),
    "remove": ("doc_cmds", "remove_command"),
    "export": ("query_cmds", "export_command"),
    "schema": ("claim_cmds", "schema_command"),
    "check": ("store_cmds", "check_command"),
    "compact": ("store_cmds", "compact_command"),
    "evaluate": ("evaluate_cmd", "evaluate_command"),
}


class _LazyCommands(dict):
    """The group's commands: every name known at once, each command built when first looked up."""

    def __init__(self) -> None:
        super().__init__((name, None) for name in COMMANDS)

    def __getitem__(self, name: str) -> Any:
        command = super().__getitem__(name)
        if command is None:
            module, function = COMMANDS[name]
            callback = getattr(import_module(f".{module}", __name__), function)
            command = get_command_from_info(
                CommandInfo(name=name, callback=callback), pretty_exceptions_short=True, rich_markup_mode=None
            )
            self[name] = command
        return command

    def get(self, name: str, default: Any = None) -> Any:
        return self[name] if name in self else default  # noqa: SIM401 - this is the get() the rule would call

    def values(self) -> Any:
        return [self[name] for name in self]

    def items(self) -> Any:
        return [(name, self[name]) for name in self]


class ClaimtrackGroup(TyperGroup):
    """The top-level command group: commands loaded lazily; a reader that stops reading ends
    the command quietly, exit 0 (both the parsing, for ``--help`` and ``--version``, and
    the command itself, whatever it writes with); a mistyped command line is one line."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = _LazyCommands()

    def make_context(self, *args, **kwargs):
        with _quiet_broken_pipe(), _one_line_usage_errors():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx):
        # A command's own command line is parsed here, as the group invokes it.
        with _quiet_broken_pipe(), _one_line_usage_errors():
            return super().invoke(ctx)


@contextlib.contextmanager
def _quiet_broken_pipe() -> Iterator[None]:
    try:
        yield
    except BrokenPipeError:
        silence_stdout()
        raise typer.Exit(0) from None


@contextlib.contextmanager
def _one_line_usage_errors() -> Iterator[None]:
    """A mistyped command line (an unknown command or option, a bad value, a missing argument) is
    one line, ``Error: ...``, exit 2, like every other error: not click's usage, hint and blank line.

    typer (0.29 on) vendors click as ``typer._click``, and exports only BadParameter of its errors.
    """
    try:
        yield
    except NoArgsIsHelpError:
        raise  # `claimtrack` alone shows its help
    except UsageError as exc:
        from .common import fail  # here: rich is not needed until something is printed

        raise fail(exc.format_message(), exc.exit_code) from None


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
        from ..clusters import compiled

        typer.echo(f"claimtrack {__version__} (clustering {'compiled' if compiled() else 'as Python'})")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool | None = typer.Option(None, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """Extract who claims what from news articles, and track the fact-check of every claim.

    Start with:  claimtrack extract seeds/   then   claimtrack claims
    """


def main() -> None:
    # pydantic looks for plugins (observability hooks) by reading the entry points of every installed
    # distribution when it builds its first validator: 0.01-0.02 s of every command's start. A command line
    # has no use for them; PYDANTIC_DISABLE_PLUGINS= (set, empty) in the environment lets them load.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if sys.stdout is None:
        sys.stdout = ClosedOutput()
    if sys.stderr is None:  # started with it closed (2>&-): the messages go nowhere, as asked, and the command runs
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (the process's own stream)
    try:
        app(prog_name="claimtrack")
    except SystemExit:
        # Output still buffered is written now, while a broken pipe can be told apart.
        if not flush_stdout():
            raise SystemExit(0) from None
        raise
