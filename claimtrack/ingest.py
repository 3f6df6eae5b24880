"""Turn the paths a user names into document texts.

Everything downstream (claim offsets, ids, annotations) indexes ``Document.text``,
so this module decides once, deterministically, what that text is: decoded,
line endings normalised, and, for HTML, reduced to readable paragraphs.
Problems with an input become ``InputError`` with a one-line "PATH: reason"
message so the CLI can report them and move on to the next file.

Library code only: no CLI, terminal or NLP imports, and nothing runs at import.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO, TextIO

from .errors import InputError

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Document",
    "decode_bytes",
    "expand_inputs",
    "extract_html_text",
    "iter_documents",
    "normalise_newlines",
    "read_document",
]

STDIN = "-"
STDIN_DOC_ID = "stdin"
STDIN_LABEL = "<stdin>"  # used in messages: "-: file is empty" would read oddly

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
SNIFF_BYTES = 8 * 1024  # how much of the start we inspect for binary content
# Share of control characters above which decoded "text" is really binary data.
MAX_CONTROL_RATIO = 0.05

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
DIRECTORY_SUFFIXES = frozenset({".txt"}) | MARKDOWN_SUFFIXES | HTML_SUFFIXES

# C0 control characters other than the whitespace ones text legitimately
# contains.  C1 controls (U+0080-U+009F) are not counted: the latin-1 fallback
# produces them from cp1252-ish files with a stray byte, which are still text.
# Arbitrary binary data is about 11% C0 controls, well over the ratio.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_HTML_START_RE = re.compile(r"\s*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True)
class Document:
    """One input document, with the exact text that claim offsets index."""

    doc_id: str  # the file's stem, or "stdin" for "-"
    path: str | None  # as given by the user (None for stdin)
    text: str
    warnings: tuple[str, ...] = ()  # e.g. "x.txt: not valid UTF-8, decoded as cp1252"


# --------------------------------------------------------------------------
# Expanding paths
# --------------------------------------------------------------------------


def expand_inputs(paths: Sequence[str]) -> tuple[list[str], list[InputError]]:
    """Resolve user-given paths into the files to read, plus the errors found.

    ``-`` (stdin) and explicitly named files are kept whatever their suffix;
    directories are walked for .txt/.md/.markdown/.html/.htm files.  Errors are
    returned rather than raised so one bad path does not hide the others.
    The same file named twice (e.g. a directory and a file inside it) is read
    once, so its claims are not stored twice.
    """
    files: list[str] = []
    errors: list[InputError] = []
    seen: set[str] = set()
    for path in paths:
        for found in _expand_one(path, errors):
            key = found if found == STDIN else os.path.realpath(found)
            if key not in seen:
                seen.add(key)
                files.append(found)
    return files, errors


def _expand_one(path: str, errors: list[InputError]) -> list[str]:
    """Expand a single user path, appending any problem to ``errors``."""
    if path == STDIN:
        return [path]
    if os.path.isdir(path):
        walk_errors: list[InputError] = []
        found = _walk_directory(path, walk_errors)
        errors.extend(walk_errors)
        if not found and not walk_errors:  # "permission denied" already says why
            errors.append(InputError(f"{path}: no .txt, .md or .html files found"))
        return found
    if os.path.exists(path):
        return [path]  # explicitly named: read it whatever its suffix
    errors.append(InputError(f"{path}: no such file or directory"))
    return []


def _walk_directory(root: str, errors: list[InputError]) -> list[str]:
    """Return the usable files under ``root``, recursively, in sorted order.

    Hidden files and directories (``.git``, ``.DS_Store``...) are skipped and
    hidden directories are pruned so we never descend into them.  Sorting by
    path components gives the same order on every machine and file system.
    """

    def on_error(exc: OSError) -> None:
        errors.append(InputError(_os_error_message(exc.filename or root, exc)))

    found: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=on_error):
        dirnames[:] = [name for name in dirnames if not name.startswith(".")]
        found.extend(
            os.path.join(dirpath, name)
            for name in filenames
            if not name.startswith(".") and Path(name).suffix.lower() in DIRECTORY_SUFFIXES
        )
    return sorted(found, key=lambda p: Path(os.path.relpath(p, root)).parts)


# --------------------------------------------------------------------------
# Reading documents
# --------------------------------------------------------------------------


def read_document(
    path: str,
    *,
    stdin: TextIO | BinaryIO | None = None,
    doc_id: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document:
    """Read one file (or stdin for ``-``) into a ``Document``.

    Raises ``InputError`` ("PATH: reason") when the input is missing, a
    directory, unreadable, empty, binary or larger than ``max_bytes``.
    """
    is_stdin = path == STDIN
    label = STDIN_LABEL if is_stdin else path
    data = _read_stdin(stdin, max_bytes) if is_stdin else _read_file(path, max_bytes)
    text, warnings = decode_bytes(data, label=label)
    text = normalise_newlines(text)
    if not text.strip():
        raise InputError(f"{label}: file is empty")
    if _is_html(path, text):
        text = extract_html_text(text)
        if not text:
            raise InputError(f"{label}: no readable text in the HTML")
    default_id = STDIN_DOC_ID if is_stdin else Path(path).stem
    return Document(
        doc_id=doc_id if doc_id is not None else default_id,
        path=None if is_stdin else path,
        text=text,
        warnings=tuple(warnings),
    )


def iter_documents(
    paths: Sequence[str],
    *,
    stdin: TextIO | BinaryIO | None = None,
    doc_id: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_error: Callable[[InputError], None] | None = None,
) -> Iterator[Document]:
    """Expand ``paths`` and yield each readable document in order.

    Each ``InputError`` goes to ``on_error`` (so a batch can skip bad files
    and carry on); without a callback the first error is raised.  ``doc_id``
    names a single document, so it is refused when there are several inputs.
    """
    files, errors = expand_inputs(paths)
    if doc_id is not None and len(files) > 1:
        raise InputError(f"doc_id {doc_id!r} needs exactly one input, got {len(files)} files")
    for error in errors:
        _report(error, on_error)
    for path in files:
        try:
            yield read_document(path, stdin=stdin, doc_id=doc_id, max_bytes=max_bytes)
        except InputError as error:
            _report(error, on_error)


def _report(error: InputError, on_error: Callable[[InputError], None] | None) -> None:
    """Hand ``error`` to the callback, or raise it when there is none."""
    if on_error is None:
        raise error
    on_error(error)


def _read_file(path: str, max_bytes: int) -> bytes:
    """Return the raw bytes of ``path``, turning OS failures into InputError."""
    file = Path(path)
    try:
        if file.is_dir():
            raise InputError(f"{path}: is a directory, not a file")
        size = file.stat().st_size
        if size > max_bytes:  # refuse before reading 2 GB into memory
            raise InputError(_too_large_message(path, size, max_bytes))
        with file.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(_os_error_message(path, exc)) from None
    if len(data) > max_bytes:  # the file grew, or is a pipe/device with no size
        raise InputError(_too_large_message(path, len(data), max_bytes))
    return data


def _read_stdin(stdin: TextIO | BinaryIO | None, max_bytes: int) -> bytes:
    """Return up to ``max_bytes`` of stdin as bytes, refusing anything larger.

    Bytes are preferred (``sys.stdin.buffer``) so piped files get the same
    encoding detection as named ones; text streams are re-encoded as UTF-8,
    restoring any bytes Python smuggled through as surrogate escapes.
    """
    stream = stdin if stdin is not None else sys.stdin
    stream = getattr(stream, "buffer", stream)
    data = stream.read(max_bytes + 1)  # +1 tells "exactly the limit" from "over it"
    if isinstance(data, str):
        data = _encode_text_stream(data)
    if len(data) > max_bytes:
        # We stopped reading at the limit, so the real size is unknown.
        raise InputError(f"{STDIN_LABEL}: input is larger than the {_format_size(max_bytes)} limit")
    return data


def _encode_text_stream(text: str) -> bytes:
    """UTF-8 bytes of text read from a text stream, for the common decode path.

    ``surrogateescape`` gives back the original bytes of anything Python could
    not decode when it read stdin; other lone surrogates cannot be encoded at
    all, so they become "?" rather than crashing the read.
    """
    try:
        return text.encode("utf-8", errors="surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", errors="replace")


def _os_error_message(path: str, exc: OSError) -> str:
    """A one-line "PATH: reason" for an OS error, in words a user expects."""
    if isinstance(exc, PermissionError):
        reason = "permission denied"
    elif isinstance(exc, FileNotFoundError):
        reason = "no such file or directory"
    elif isinstance(exc, IsADirectoryError):
        reason = "is a directory, not a file"
    else:
        reason = f"cannot read ({(exc.strerror or str(exc)).lower()})"
    return f"{path}: {reason}"


def _too_large_message(path: str, size: int, limit: int) -> str:
    """Message for an oversized input, e.g. "file is 80 MB, larger than the 64 MB limit"."""
    shown_size, shown_limit = _format_size(size), _format_size(limit)
    if shown_size == shown_limit:  # rounding hid the difference; show exact bytes
        shown_size, shown_limit = f"{size:,} bytes", f"{limit:,} bytes"
    return f"{path}: file is {shown_size}, larger than the {shown_limit} limit"


def _format_size(n: int) -> str:
    """Human-readable size in binary units: "64 MB", "1.5 KB", "12 bytes"."""
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if n >= factor:
            value = f"{n / factor:.1f}".removesuffix(".0")
            return f"{value} {unit}"
    return f"{n} bytes"


# --------------------------------------------------------------------------
# Decoding
# --------------------------------------------------------------------------


def decode_bytes(data: bytes, *, label: str) -> tuple[str, list[str]]:
    """Decode raw input bytes to text, returning the text and any warnings.

    UTF-8 (BOM stripped) is expected; legacy files fall back to cp1252, then
    latin-1 (which never fails), with a warning because a wrong guess would
    garble quotes.  Binary data is refused rather than decoded to junk.
    """
    if data.startswith(_UTF16_BOMS):
        # Windows "Unicode" text: full of NUL bytes, but not binary.
        return data.decode("utf-16", errors="replace"), []
    if b"\x00" in data[:SNIFF_BYTES]:
        raise InputError(f"{label}: looks like a binary file, not text")
    text, warnings = _decode_with_fallback(data, label)
    if _mostly_control_characters(text[:SNIFF_BYTES]):
        raise InputError(f"{label}: looks like a binary file, not text")
    return text, warnings


def _decode_with_fallback(data: bytes, label: str) -> tuple[str, list[str]]:
    """Try UTF-8, then cp1252, then latin-1; warn when not UTF-8."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        text, encoding = data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:  # cp1252 leaves five bytes undefined
        text, encoding = data.decode("latin-1"), "latin-1"
    return text, [f"{label}: not valid UTF-8, decoded as {encoding}"]


def _mostly_control_characters(sample: str) -> bool:
    """Whether ``sample`` has too many control characters to be real text."""
    if not sample:
        return False
    return len(_CONTROL_RE.findall(sample)) / len(sample) > MAX_CONTROL_RATIO


def normalise_newlines(text: str) -> str:
    """Turn Windows (CRLF) and old-Mac (CR) line endings into ``\\n``.

    Nothing else changes: claim offsets index this text exactly.
    """
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _is_html(path: str, text: str) -> bool:
    """HTML by suffix, or by content (e.g. a saved page piped to stdin)."""
    suffix = Path(path).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return True
    if suffix in MARKDOWN_SUFFIXES:
        return False  # markdown may contain HTML, but is kept as written
    return _HTML_START_RE.match(text) is not None


# --------------------------------------------------------------------------
# HTML to text
# --------------------------------------------------------------------------

# Elements whose content is never article text.
_SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "svg", "math", "iframe", "object", "canvas",
     "nav", "footer", "aside", "form", "button", "select"}
)  # fmt: skip
# Elements allowed in <head>; any other start tag means the body has begun
# (browsers do the same when </head> and <body> are missing).
_HEAD_TAGS = frozenset({"title", "meta", "link", "base", "style", "script", "noscript", "template"})
# Elements that start a new paragraph.
_BLOCK_TAGS = frozenset(
    {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
     "blockquote", "article", "section", "main", "header", "figure", "figcaption", "table",
     "caption", "thead", "tbody", "tfoot", "tr", "pre", "hr", "address", "details",
     "summary", "body", "html", "center", "dialog", "hgroup", "fieldset", "legend"}
)  # fmt: skip
_CELL_TAGS = frozenset({"td", "th"})  # cells of one row stay on one line, space-separated
_SPACE_RE = re.compile(r"[ \t\n\r\f\v\u00a0]+")  # includes &nbsp;


def extract_html_text(html: str) -> str:
    """Return the readable text of an HTML page as paragraphs.

    The <title> comes first (it is usually the headline); head content,
    scripts, styles and page chrome (nav, footer, aside, forms) are dropped.
    Blocks are separated by a blank line, ``<br>`` becomes a newline and
    whitespace inside a block collapses to single spaces.  Never raises.
    """
    parser = _TextExtractor()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # noqa: BLE001 - html.parser has had crash bugs on junk input;
        pass  # keep whatever was extracted before it gave up rather than fail the file
    return parser.result()


class _TextExtractor(HTMLParser):
    """Collects title and block text from an HTML stream (see extract_html_text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)  # unescape &amp; &#8217; &nbsp; in text
        self._skipping: list[str] = []  # open elements whose content is dropped
        self._in_head = False
        self._in_title = False
        self._title: list[str] | None = None  # first <title> only
        self._paragraphs: list[str] = []
        self._lines: list[str] = []  # finished lines (split by <br>) of the current block
        self._line: list[str] = []  # text pieces of the current line

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Track skipped regions, head/title state and block boundaries."""
        if tag in _SKIP_TAGS:
            self._skipping.append(tag)
        if self._skipping:
            return
        self._in_title = False  # <title> holds only text; a tag means it was left open
        if self._in_head and tag not in _HEAD_TAGS:
            self._in_head = False
        if tag == "head":
            self._in_head = True
        elif tag == "title" and self._title is None:
            self._in_title, self._title = True, []
        elif tag == "br":
            self._line_break()
        elif tag in _BLOCK_TAGS:
            self._end_block()
        elif tag in _CELL_TAGS:
            self._line.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """``<br/>`` and friends: a start tag only (the default adds an end tag)."""
        self.handle_starttag(tag, attrs)
        if tag in _SKIP_TAGS and self._skipping and self._skipping[-1] == tag:
            self._skipping.pop()  # a self-closed <svg/> encloses nothing

    def handle_endtag(self, tag: str) -> None:
        """Close skipped regions, head/title, and blocks."""
        if tag in self._skipping:
            # Close the innermost open one, and anything left unclosed inside it.
            index = len(self._skipping) - 1 - self._skipping[::-1].index(tag)
            del self._skipping[index:]
            return
        if self._skipping:
            return
        if tag == "head":
            self._in_head = False
        elif tag == "title":
            self._in_title = False
        elif tag in _BLOCK_TAGS:
            self._end_block()

    def handle_data(self, data: str) -> None:
        """Route text to the title, the current line, or nowhere."""
        if self._skipping:
            return
        if self._in_title and self._title is not None:
            self._title.append(data)
        elif not self._in_head:
            self._line.append(data)

    def _finish_line(self) -> str:
        """Close the current line, keeping it if it has text; return its text."""
        line = _collapse(self._line)
        self._line = []
        if line:
            self._lines.append(line)
        return line

    def _line_break(self) -> None:
        """``<br>``: a new line; two in a row (``<br><br>``) a new paragraph."""
        if not self._finish_line() and self._lines:
            self._end_block()

    def _end_block(self) -> None:
        """Finish the current block as a paragraph, if it has any text."""
        self._finish_line()
        if self._lines:
            self._paragraphs.append("\n".join(self._lines))
            self._lines = []

    def result(self) -> str:
        """The extracted text: title first, then paragraphs, blank-line separated."""
        self._end_block()
        paragraphs = list(self._paragraphs)
        title = _collapse(self._title or [])
        # Pages often repeat the headline as <h1>; keep it once.
        if title and (not paragraphs or paragraphs[0] != title):
            paragraphs.insert(0, title)
        return "\n\n".join(paragraphs)


def _collapse(pieces: list[str]) -> str:
    """Join text pieces and collapse whitespace runs into single spaces."""
    return _SPACE_RE.sub(" ", "".join(pieces)).strip()
