"""Untrusted strings on screen: shown as text, never as markup, with control characters visible.

Claim text, sentences, sources, notes, evidence, tags, document ids, paths
and ids typed on the command line all come from a document or a user. On
screen (tables, ``show``, messages on stderr) they go through :func:`safe`
or :func:`visible`:

- a ``[/]`` or ``[bold]`` in them is printed as written, never read as rich
  markup (a :class:`rich.text.Text` is never parsed for markup);
- a control character is printed as the escape Python would write for it,
  ``\\x1b`` for ESC, ``\\x07`` for BEL, ``\\r``, and ``\\n`` and ``\\t`` in
  one-line fields, so nothing in a note can clear the screen or retitle the
  window. The same goes for C1 controls (``\\x9b`` is a one-byte CSI), the
  bidirectional overrides and isolates (``\\u202e``), which can make a
  verdict appear to sit on other text, and bytes that were not UTF-8
  (a lone surrogate from a command-line argument, shown as ``\\xff``).

Machine formats (``--format json/jsonl/csv``, ``show --json``, ``export``)
keep the exact strings and never come here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from rich.style import StyleType
    from rich.text import Text

_BIDI_CONTROLS = r"\u202a-\u202e\u2066-\u2069"
_SURROGATES = r"\ud800-\udfff"
# Multi-line text keeps its newlines and tabs; everything else below 0x20, DEL and C1 is escaped.
_UNSAFE_IN_BLOCK = re.compile(rf"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI_CONTROLS}{_SURROGATES}]")
_UNSAFE_IN_LINE = re.compile(rf"[\x00-\x1f\x7f-\x9f{_BIDI_CONTROLS}{_SURROGATES}]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(char: str) -> str:
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the byte that was not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def _pattern(one_line: bool) -> re.Pattern[str]:
    return _UNSAFE_IN_LINE if one_line else _UNSAFE_IN_BLOCK


def visible(value: object, *, one_line: bool = True) -> str:
    """``value`` as a string whose control characters are written as escapes.

    ``one_line`` (the default, for messages, ids, paths and table cells)
    escapes newlines and tabs too; pass ``one_line=False`` for a block of
    text (a paragraph, a note) whose line breaks are part of its layout.
    """
    return _pattern(one_line).sub(lambda match: _escape(match.group()), str(value))


def safe(value: object, style: StyleType | None = None, *, one_line: bool = True) -> Text:
    """A rich ``Text`` of an untrusted string: never markup, control characters visible."""
    from rich.text import Text  # here: a command that prints only plain lines (annotate) starts without rich

    return Text(visible(value, one_line=one_line), style=style or "")


def safe_styled(value: str, spans: Iterable[tuple[int, int, StyleType]], *, one_line: bool = False) -> Text:
    """Like :func:`safe`, with ``(start, end, style)`` spans given as offsets into ``value``.

    Escaping makes the text longer, so the offsets are mapped onto the
    escaped text: a style covers exactly the characters it covered before.
    """
    from rich.text import Text

    pattern = _pattern(one_line)
    pieces: list[str] = []
    offsets: list[int] = []
    length = 0
    for char in value:
        offsets.append(length)
        piece = _escape(char) if pattern.match(char) else char
        pieces.append(piece)
        length += len(piece)
    offsets.append(length)
    text = Text("".join(pieces))
    for start, end, style in spans:
        text.stylize(style, offsets[start], offsets[end])
    return text
