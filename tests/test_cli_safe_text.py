"""`claimtrack.cli.safe_text`: untrusted strings shown as text, control characters visible."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from claimtrack.cli.common import progress_bar
from claimtrack.cli.safe_text import safe, safe_styled, visible


@pytest.mark.parametrize(
    "value, one_line, shown",
    [
        ("plain [bold] text [/]", True, "plain [bold] text [/]"),
        ("\x1b[2J\x1b]0;pwned\x07", True, "\\x1b[2J\\x1b]0;pwned\\x07"),
        ("line\nbreak\ttab\rreturn", True, "line\\nbreak\\ttab\\rreturn"),
        ("line\nbreak\ttab\rreturn", False, "line\nbreak\ttab\\rreturn"),
        ("\x9b2J\x7f", True, "\\x9b2J\\x7f"),
        ("abc\u202edcba", True, "abc\\u202edcba"),
        ("caf\udcff", True, "caf\\xff"),
        ("Zelenskyy — “quoted” ünïcode", True, "Zelenskyy — “quoted” ünïcode"),
    ],
)
def test_cli_safe_text_visible(value, one_line, shown):
    assert visible(value, one_line=one_line) == shown


def test_cli_safe_text_is_never_read_as_markup():
    out = io.StringIO()
    Console(file=out, width=80).print(safe("[/] :smile: [bold]x"))
    assert out.getvalue() == "[/] :smile: [bold]x\n"


def test_cli_safe_text_styled_spans_cover_the_same_characters_after_escaping():
    text = safe_styled("a\x1bb said c", [(2, 3, "bold"), (9, 10, "underline")])
    assert text.plain == "a\\x1bb said c"
    assert [(text.plain[s.start : s.end], str(s.style)) for s in text.spans] == [("b", "bold"), ("c", "underline")]


def test_cli_progress_description_naming_a_file_with_markup_is_text(monkeypatch):
    out = io.StringIO()
    monkeypatch.setattr("claimtrack.cli.common.stderr", Console(file=out, force_terminal=True, width=100))
    with progress_bar(2) as progress:
        progress.add_task("Extracting [/]notes.txt", total=2)
    assert "Extracting [/]notes.txt" in out.getvalue()
