"""Turn the paths a user names into document texts.

Everything downstream (claim offsets, ids, annotations) indexes ``Document.text``,
so this module decides once, deterministically, what that text is: decoded
(UTF-8, else the encoding charset_normalizer detects), line endings
normalised, HTML reduced to its article (:mod:`claimtrack.readers.html`),
Markdown rendered to plain paragraphs (:mod:`claimtrack.readers.markdown`)
after its front matter is read as the page's metadata
(:mod:`claimtrack.readers.front_matter`),
and invisible characters removed (:mod:`claimtrack.readers.normalise`).
``http(s)://`` arguments are fetched (:mod:`claimtrack.readers.fetch`) and
read as HTML.
Problems with an input become ``InputError`` with a one-line "PATH: reason"
message so the CLI can report them and move on to the next file.

Library code only: no CLI, terminal or NLP imports, and nothing runs at import.
"""

from __future__ import annotations

import hashlib
import os
import re
import select
import stat
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import BinaryIO, TextIO

from .errors import InputError
from .readers.fetch import fetch_url, is_url, publisher_host, site_host, url_doc_id
from .readers.front_matter import has_front_matter, iso_day, split_front_matter
from .readers.html import PageMetadata, read_html
from .readers.html_plain import extract_html_text
from .readers.markdown import read_markdown
from .readers.normalise import join_broken_words, normalise_text

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Document",
    "PageMetadata",
    "decode_bytes",
    "expand_inputs",
    "extract_html_text",
    "file_doc_id",
    "is_stream",
    "iter_documents",
    "normalise_newlines",
    "normalise_text",
    "read_document",
]

STDIN = "-"
STDIN_DOC_ID = "stdin"
STDIN_LABEL = "<stdin>"  # used in messages: "-: file is empty" would read oddly

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
DEFAULT_TIMEOUT = 30.0  # seconds to wait for a URL to answer (and between reads)
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
# Read as UTF-16, no fallback made them: C1 controls count too (16-bit numbers 1, 2, 3... read as characters).
_UTF16_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# A page's start, after an XML declaration (XHTML) and comments ("<!-- saved from url=... -->", as browsers save).
_HTML_START_RE = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_FETCHED_KINDS = {"text/plain": "text", "text/markdown": "markdown", "text/x-markdown": "markdown"}
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")  # UTF-32's little-endian one starts as UTF-16's
# File signatures of content that is not text, whatever its suffix says. Only
# signatures with bytes no text starts with: "MZ" or "ID3" can begin a line of
# text (such files are refused anyway, by their NUL bytes, as binary data).
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Microsoft Office document"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
)
# Code pages that charset_normalizer chooses among for text that is not UTF-8:
# the Windows and ISO code pages of Europe, KOI8, and the common CJK encodings.
_LEGACY_ENCODINGS = (
    "cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257",
    "iso8859_2", "iso8859_5", "iso8859_7", "koi8_r", "koi8_u",
    "gb18030", "big5", "shift_jis", "euc_jp", "euc_kr",
)  # fmt: skip
_DETECT_BYTES = 1024 * 1024  # detection reads at most this much; decoding then reads it all


@dataclass(frozen=True)
class Document:
    """One input document, with the exact text that claim offsets index.

    ``text`` is what the store keeps and what every claim offset indexes:
    decoded, normalised, and for HTML and Markdown the article's paragraphs.
    """

    doc_id: str  # the file's stem (a URL's last path segment), or "stdin-<digest of the text>" for "-"
    path: str | None  # as given by the user, a URL too (None for stdin)
    text: str
    warnings: tuple[str, ...] = ()  # e.g. "x.txt: not valid UTF-8, decoded as cp1251"
    url: str | None = None  # where it was fetched from, else the page's canonical URL
    metadata: PageMetadata = field(default_factory=PageMetadata)  # title, author... (HTML)

    @cached_property
    def sha256(self) -> str:
        """Hex SHA-256 of ``text`` as UTF-8: the same text always gives the same digest."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------
# Expanding paths
# --------------------------------------------------------------------------


def expand_inputs(paths: Sequence[str]) -> tuple[list[str], list[InputError]]:
    """Resolve user-given paths into the files to read, plus the errors found.

    ``-`` (stdin), ``http(s)://`` URLs and explicitly named files are kept whatever their suffix;
    directories are walked for .txt/.md/.markdown/.html/.htm files, and a named pipe or a device among them
    is reported, not read (it could wait for a writer for ever).  Errors are
    returned rather than raised so one bad path does not hide the others.
    The same file named twice (e.g. a directory and a file inside it) is read
    once, so its claims are not stored twice.
    """
    files: list[str] = []
    errors: list[InputError] = []
    seen: set[str] = set()
    for path in paths:
        for found in _expand_one(path, errors):
            key = found if found == STDIN or is_url(found) else os.path.realpath(found)
            if key not in seen:
                seen.add(key)
                files.append(found)
    return files, errors


def _expand_one(path: str, errors: list[InputError]) -> list[str]:
    """Expand a single user path, appending any problem to ``errors``."""
    if path == STDIN or is_url(path):
        return [path]
    if os.path.isdir(path):
        walk_errors: list[InputError] = []
        found = _walk_directory(path, walk_errors)
        errors.extend(walk_errors)
        if not found and not walk_errors:  # "permission denied" already says why
            errors.append(InputError(f"{path}: no .txt, .md or .html files found", label=path))
        return found
    if os.path.exists(path):
        return [path]  # explicitly named: read it whatever its suffix
    errors.append(InputError(f"{path}: no such file or directory", label=path))
    return []


def _walk_directory(root: str, errors: list[InputError]) -> list[str]:
    """Return the usable files under ``root``, recursively, in sorted order.

    Hidden files and directories (``.git``, ``.DS_Store``...) are skipped and
    hidden directories are pruned so we never descend into them.  Sorting by
    path components gives the same order on every machine and file system.
    """

    def on_error(exc: OSError) -> None:
        name = exc.filename or root
        errors.append(InputError(_os_error_message(name, exc), label=name))

    found: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=on_error):
        dirnames[:] = [name for name in dirnames if not name.startswith(".")]
        found.extend(
            os.path.join(dirpath, name)
            for name in filenames
            if not name.startswith(".") and Path(name).suffix.lower() in DIRECTORY_SUFFIXES
        )
    streams = [path for path in found if is_stream(path)]
    errors.extend(InputError(f"{path}: not a regular file (a named pipe or a device), skipped", label=path) for path in streams)
    return sorted(set(found) - set(streams), key=lambda p: Path(os.path.relpath(p, root)).parts)


# --------------------------------------------------------------------------
# Reading documents
# --------------------------------------------------------------------------


def read_document(
    path: str,
    *,
    stdin: TextIO | BinaryIO | None = None,
    doc_id: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
    stop: threading.Event | None = None,
) -> Document:
    """Read one file, URL (``http(s)://``) or stdin (``-``) into a ``Document``.

    A stream (stdin, a pipe, ``/dev/fd/63``) is read until it ends, or until
    ``stop`` is set (a signal handler sets it): a pipe nobody writes to
    would otherwise be waited for deaf to Ctrl-C. Raises ``InputError``
    ("PATH: reason") when the input is missing, a directory, unreadable,
    empty, not text, larger than ``max_bytes``, a URL that cannot be fetched
    within ``timeout`` seconds, or a stream given up on ``stop``; its
    ``label`` names the input.
    """
    label = STDIN_LABEL if path == STDIN else path
    try:
        return _read_labelled(path, label, stdin=stdin, doc_id=doc_id, max_bytes=max_bytes, timeout=timeout, stop=stop)
    except InputError as problem:
        problem.label = problem.label or label
        raise


def _read_labelled(
    path: str,
    label: str,
    *,
    stdin: TextIO | BinaryIO | None,
    doc_id: str | None,
    max_bytes: int,
    timeout: float,
    stop: threading.Event | None,
) -> Document:
    """:func:`read_document`, its messages naming the input ``label``."""
    is_stdin, fetched = path == STDIN, is_url(path)
    streamed = is_stdin or is_stream(path)
    _check_name(path)
    charset, media_type, landed = None, "", path
    if fetched:
        data, charset, media_type, landed = fetch_url(path, max_bytes=max_bytes, timeout=timeout, stop=stop)
    elif is_stdin:
        data = _read_stdin(stdin, max_bytes, stop)
    else:
        data = _read_named_stream(path, max_bytes, stop) if streamed else _read_file(path, max_bytes)
    text, warnings = decode_bytes(data, label=label, charset=charset)
    text = normalise_newlines(text)
    if not text.strip():
        raise InputError(f"{label}: file is empty")
    # A page is HTML unless its server says it is plain text or Markdown (a .txt or .md file served as such).
    kind = _fetched_kind(media_type, text) if fetched else _kind(path, text)
    metadata = PageMetadata()
    if kind == "html":
        text, metadata = _read_html(text, label, warnings)
    elif kind == "markdown":
        metadata, text = split_front_matter(text)
        text, metadata = read_markdown(text, metadata)
        if not text:
            raise InputError(f"{label}: no readable text in the Markdown")
    text = normalise_text(text)
    if kind == "text":
        text = join_broken_words(text)  # "minis-\nter", as text copied from a PDF keeps it
    if metadata.published is None:
        # The day the text's header gives, else one in the file's name (a pipe or a URL has none of its own).
        named = None if fetched or streamed else date_in_name(Path(path).name)
        metadata = replace(metadata, published=date_in_header(text) or named)
    if not _reads_as_english(text):
        warnings.append(f"{label}: does not read as English, the language claimtrack's pipeline reads: few claims, if any")
    if doc_id is None:
        doc_id = _stdin_doc_id(text) if streamed else url_doc_id(path) if fetched else file_doc_id(Path(path).stem)
    if fetched and metadata.publisher is None:
        # A page that names neither its site nor a canonical URL (whose host trafilatura names it by) is published
        # by the site it was fetched from, where the redirects ended (a shortened link's site publishes nothing), as
        # a Jina Reader file is by its URL's: it was listed with no publisher.
        metadata = replace(metadata, publisher=publisher_host(landed))
    return Document(
        doc_id=doc_id,
        path=None if streamed else path,  # a pipe's name is no place to read the text again
        text=text,
        warnings=tuple(warnings),
        url=_fetched_url(path, kind, metadata.url) if fetched else metadata.url,
        metadata=metadata,
    )


def _fetched_kind(media_type: str, text: str) -> str:
    """How to read a fetched page: as its server's media type says, HTML by default; plain text that starts with a
    reader service's header ("Title: …", "URL Source: …", "Markdown Content:") or front matter is that service's
    Markdown, served as text/plain."""
    kind = _FETCHED_KINDS.get(media_type, "html")
    return "markdown" if kind == "text" and has_front_matter(text) else kind


def _fetched_url(fetched: str, kind: str, declared: str | None) -> str:
    """Where a fetched document's article is. A scrape in Markdown names the page it was made from ("URL Source:
    …", a clipper's "source:"): the address it was fetched from is the scrape's (a reader service's, a file
    server's), not the article's. A page's own address is as :func:`_page_url` says."""
    if kind == "markdown" and declared and declared.startswith(("http://", "https://")):
        return declared
    return _page_url(fetched, declared)


def _page_url(fetched: str, declared: str | None) -> str:
    """Where a fetched page is: the URL it declares its own (canonical), if on the same site, else the one fetched.
    A link shared with tracking parameters ("?utm_source=…&fbclid=…") is not the article's address, and a
    ClaimReview's appearance would carry them."""
    if not declared:
        return fetched
    return declared if declared.startswith(("http://", "https://")) and site_host(declared) == site_host(fetched) else fetched


# Words every English text of some length is full of: about a fifth of news prose; a German or Ukrainian page has
# few or none of them.
_ENGLISH_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "on",
        "with",
        "as",
        "was",
        "said",
        "by",
        "it",
        "at",
        "from",
        "be",
        "has",
        "have",
        "are",
        "were",
        "will",
        "not",
        "this",
        "an",
    ]
)
_ENGLISH_SHARE = 0.06
_WORDS_TO_JUDGE = 40


def _reads_as_english(text: str) -> bool:
    """Whether ``text`` reads as English, by the share of its first thousand words that English is full of; a text
    too short to tell does."""
    words = re.findall(r"\w+", text[:8000].lower())[:1000]
    if len(words) < _WORDS_TO_JUDGE:
        return True
    return sum(word in _ENGLISH_WORDS for word in words) >= _ENGLISH_SHARE * len(words)


# The names of an open file descriptor: process substitution ("<(curl -s …)") passes /dev/fd/63 in every command.
_DESCRIPTOR = re.compile(r"/dev/(fd/\d+|stdin)|/proc/(self|\d+)/fd/\d+")


def is_stream(path: str) -> bool:
    """Whether ``path`` names a stream rather than a stored file: a descriptor (``/dev/fd/63``), a named pipe, a
    device. Like stdin, it has no name to give its document an id (every ``<(…)`` would be "63" and replace the
    last), and what it holds is read until it ends."""
    if path == STDIN or is_url(path):
        return False
    if _DESCRIPTOR.fullmatch(path):
        return True
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False  # reading it says why
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _check_name(path: str) -> None:
    """Refuse a name that is not UTF-8 text ("caf\\xe9.txt", written on a Latin-1 system): the store keeps each
    document's path and an id made of it as UTF-8 text, and would fail to write the whole batch."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(f"{path}: the name is not valid UTF-8 text; rename the file to extract it") from None


# Control characters, a newline above all, that a file name may hold and a document id must not: ids are one line.
_CONTROL_IN_NAME = re.compile(r"[\x00-\x1f\x7f-\x9f]+")


def file_doc_id(name: str) -> str:
    """The document id of a file called ``name`` (its stem, or its path below a folder), on one line: the control
    characters a name may hold ("line\\nbreak") become a space."""
    return _CONTROL_IN_NAME.sub(" ", name)


# A day written into a file's name, as a static site's posts are named ("2026-03-01-ferry-strike.md") and many archives'
# files ("nyt_2016-03-04_supreme-court.txt"): no digit right before or after it.
_DAY_IN_NAME = re.compile(r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)")
# Years a news article is dated in: "1000-01-01" in a name is no day an article was published on.
_FIRST_YEAR = 1900


def date_in_name(name: str) -> str | None:
    """The day (ISO 8601) that a file's ``name`` holds, if it holds exactly one that exists and is not after
    next year: the publication date of a document that gives none itself (plain text never does). Clustering
    tells stories apart by their dates: without them, an archive of one beat's daily articles named by date
    ("2016-03-01" / "2016-03-15") read as one story, and their look-alike facts ("Clinton's win in Nevada"
    / "her win in North Carolina") were joined."""
    days = {day for match in _DAY_IN_NAME.finditer(name) if (day := iso_day(match.group())) is not None}
    days = {day for day in days if _FIRST_YEAR <= int(day[:4]) <= date.today().year + 1}
    return days.pop() if len(days) == 1 else None


# The lines of a text's top read for its date, and how long one may be: a header, not the article's sentences.
_HEADER_LINES = 8
_HEADER_LINE_LENGTH = 100
# The words in lower case a dating line may hold besides its day, a time and names: "Published on March 3, 2026 at
# 10:15 am", "Posted on March 3, 2026 by Jane Roe", "By Jane Roe | Updated 3 March 2026". A headline or a sentence has others.
_DATING_WORDS = frozenset(
    {"published", "updated", "posted", "modified", "last", "first", "originally", "date", "on", "at", "by", "and",
     "am", "pm", "a.m.", "p.m.", "gmt", "utc", "est", "edt", "cet", "cest", "bst", "et", "pt"}
)  # fmt: skip
# Where a line goes on to when the text was updated ("Published Feb. 17, 2026 | Updated Feb. 18, 2026"), and the
# label of a day it was published on.
_UPDATED = re.compile(r"(?:\blast\s+)?(?<![a-z])(?:updated|modified)(?![a-z])", re.IGNORECASE)  # "11 MAR 2026Updated09:15"
_PUBLISHED = re.compile(r"\b(?:published|posted)\b", re.IGNORECASE)
# A time of day, which a dating line may give ("10:15", "08.02", "9:47 PM"); any other number in it is no date line's
# ("Dates 13–14 March 2026", an event's).
_TIME = re.compile(r"(?<!\d)\d{1,2}[:.]\d{2}(?!\d)")
_NUMBER = re.compile(r"(?<![\w/])\d+(?![\w/])")


def date_in_header(text: str) -> str | None:
    """The day (ISO 8601) a line at the top of ``text`` dates it by, as a page copied as plain text keeps its header
    ("Published March 3, 2026", "By Jane Roe | 3 March 2026 10:15 GMT"): a short line among the first few, not a
    sentence, with one real day written out and no word in lower case but a date line's. A day labelled as when it
    was published or posted comes first (a site's header may show today's date above it), then one without a
    label, then when it was updated."""
    found: list[tuple[int, str]] = []
    lines = [line.strip() for line in text.split("\n", 200)[:200] if line.strip()][:_HEADER_LINES]
    for line in lines:
        if len(line) > _HEADER_LINE_LENGTH or (line.endswith(".") and not line.endswith((".m.", "a.m", "p.m"))):
            continue  # a sentence ("… on Feb. 12, 2026."), a caption
        updated = _UPDATED.search(line)
        parts = [(line[: updated.start()], 1), (line[updated.start() :], 2)] if updated else [(line, 1)]
        for part, rank in parts:
            day = _day_of_a_dating_line(part)
            if day is not None:
                found.append((0 if rank == 1 and _PUBLISHED.search(part) else rank, day))
    return min(found, key=lambda item: item[0])[1] if found else None


def _day_of_a_dating_line(part: str) -> str | None:
    """The one day ``part`` of a line writes out ("March 3, 2026", "3 Mar 2026", read as claims' dates are; or
    "2026-03-03"), if nothing but a time and a date line's words is around it."""
    from .models import QuantityKind
    from .quantities import find_quantities

    spans: list[tuple[int, int, str | None]] = [(m.start(), m.end(), m.group()) for m in _DAY_IN_NAME.finditer(part)]
    # Whole days only: a year alone is a number like any other ("Reference: MWRE/PR/2026/041").
    days = [q for q in find_quantities(part) if q.kind is QuantityKind.date and len(q.date or "") == len("2026-03-03")]
    spans += [(q.start, q.end, q.date) for q in days if not any(a < q.end and q.start < b for a, b, _ in spans)]
    if len(spans) != 1:
        return None  # none, or two
    start, end, written = spans[0]
    rest = _TIME.sub(" ", part[:start] + " " + part[end:])
    if _NUMBER.search(rest) or not _only_dating_words(rest):
        return None
    day = iso_day(written)
    return day if day is not None and _FIRST_YEAR <= int(day[:4]) <= date.today().year + 1 else None


def _only_dating_words(rest: str) -> bool:
    words = re.findall(r"[^\W\d_][\w.'’-]*", rest)
    return all(not word[:1].islower() or word.lower() in _DATING_WORDS for word in words)


def _stdin_doc_id(text: str) -> str:
    """Standard input has no name: its id comes from its words, so two stories never share one."""
    from .models import digest_doc_id

    return digest_doc_id(text, STDIN_DOC_ID)


def _read_html(html: str, label: str, warnings: list[str]) -> tuple[str, PageMetadata]:
    """The article text and metadata of a page; a warning when no article was found."""
    page = read_html(html)
    if not page.text:
        raise InputError(f"{label}: no readable text in the HTML")
    if not page.article_found:
        warnings.append(f"{label}: no article found in the HTML, so all of its text was read")
    elif page.lists_articles:
        warnings.append(f"{label}: reads as a list of articles (a section front?), not one article: read as one text")
    return page.text, page.metadata


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


def _read_stdin(stdin: TextIO | BinaryIO | None, max_bytes: int, stop: threading.Event | None = None) -> bytes:
    """Return up to ``max_bytes`` of stdin as bytes, refusing anything larger.

    Bytes are preferred (``sys.stdin.buffer``) so piped files get the same
    encoding detection as named ones; text streams are re-encoded as UTF-8,
    restoring any bytes Python smuggled through as surrogate escapes. With
    ``stop``, a stream that has a descriptor is read in turns that heed it.
    """
    stream = stdin if stdin is not None else sys.stdin
    stream = getattr(stream, "buffer", stream)
    descriptor = _descriptor(stream) if stop is not None else None
    data: bytes | str
    if descriptor is not None:
        data = _read_descriptor(descriptor, STDIN_LABEL, max_bytes + 1, stop)
    else:
        data = stream.read(max_bytes + 1)  # +1 tells "exactly the limit" from "over it"
    if isinstance(data, str):
        data = _encode_text_stream(data)
    if len(data) > max_bytes:
        # We stopped reading at the limit, so the real size is unknown.
        raise InputError(f"{STDIN_LABEL}: input is larger than the {_format_size(max_bytes)} limit")
    return data


def _descriptor(stream: object) -> int | None:
    """The file descriptor under ``stream``, or None (an in-memory stream, a test's)."""
    try:
        return stream.fileno()  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):  # io.UnsupportedOperation is both of the last two
        return None


def _read_named_stream(path: str, max_bytes: int, stop: threading.Event | None) -> bytes:
    """The bytes of a named pipe or descriptor (``/dev/fd/63``) until it ends, refusing more than ``max_bytes``."""
    # Without O_NONBLOCK, opening a named pipe waits, deaf to ``stop``, until something opens it to write; with
    # it and no ``stop`` to heed, a read before any writer came would end at once, as if the pipe were empty.
    nonblocking = getattr(os, "O_NONBLOCK", 0) if stop is not None else 0
    try:
        descriptor = os.open(path, os.O_RDONLY | nonblocking)
    except OSError as exc:
        raise InputError(_os_error_message(path, exc)) from None
    try:
        data = _read_descriptor(descriptor, path, max_bytes + 1, stop)
    finally:
        os.close(descriptor)
    if len(data) > max_bytes:
        raise InputError(f"{path}: input is larger than the {_format_size(max_bytes)} limit")
    return data


_WAIT_SECONDS = 0.1  # how long a read waits for a stream's next bytes before it looks at ``stop`` again
_READ_BYTES = 1024 * 1024


def _read_descriptor(descriptor: int, label: str, limit: int, stop: threading.Event | None) -> bytes:
    """Up to ``limit`` bytes of ``descriptor``, read as they come, until it ends; given up with an InputError once
    ``stop`` is set. A blocking read would wait for a silent writer for ever: a signal's handler only sets ``stop``,
    and the read, run again after it (PEP 475), would go on waiting."""
    chunks: list[bytes] = []
    size = 0
    while size < limit:
        if stop is not None and stop.is_set():
            raise InputError(f"{label}: not read, stopped before the input ended")
        if stop is not None and not select.select([descriptor], [], [], _WAIT_SECONDS)[0]:
            continue
        try:
            chunk = os.read(descriptor, min(_READ_BYTES, limit - size))
        except BlockingIOError:
            continue  # nothing to read yet after all
        except OSError as exc:
            raise InputError(_os_error_message(label, exc)) from None
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


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


def decode_bytes(data: bytes, *, label: str, charset: str | None = None) -> tuple[str, list[str]]:
    """Decode raw input bytes to text, returning the text and any warnings.

    UTF-8 (BOM stripped) is expected. Other text is decoded as ``charset``
    (an HTTP Content-Type's) when that works, else in the encoding that
    charset_normalizer finds most plausible, with a warning naming it. Content
    that is not text (an image, a PDF, an archive, any binary data) is refused
    whatever the file is called.
    """
    if data.startswith(_UTF32_BOMS):
        return data.decode("utf-32", errors="replace"), []
    if data.startswith(_UTF16_BOMS):
        # Windows "Unicode" text: full of NUL bytes, but not binary.
        return data.decode("utf-16", errors="replace"), []
    kind = sniff_binary(data)
    unmarked = _utf16_without_bom(data) if kind == "binary data" else None
    if unmarked is not None:
        text, encoding = unmarked
        warnings = [f"{label}: not valid UTF-8, decoded as {encoding}"]
    elif kind is not None:
        raise InputError(f"{label}: not a text file (looks like {kind})")
    else:
        text, warnings = _decode_without_nul(data, label, charset)
    if _mostly_control_characters(text[:SNIFF_BYTES]):
        raise InputError(f"{label}: not a text file (looks like binary data)")
    return text, warnings


def _decode_without_nul(data: bytes, label: str, charset: str | None) -> tuple[str, list[str]]:
    """Text and warnings of bytes with no NUL at their start: UTF-8, with a stray byte or two, else a legacy code page."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    if (stray := _stray_bytes(data)) is not None:
        text = data.decode("utf-8-sig", errors="replace")
        return text, [f"{label}: not valid UTF-8 in {stray} place{'s' if stray != 1 else ''}, read as UTF-8 with \ufffd there"]
    text, encoding = _decode_legacy(data, charset, label)
    return text, [f"{label}: not valid UTF-8, decoded as {encoding}"]


# UTF-16 saved without a byte-order mark (by some Windows tools and exports): text in a Latin script has a NUL in
# every other byte, each character's high byte (second in little-endian, first in big-endian), and next to none in
# the others. Binary data has its NULs anywhere; U+0100, U+0200... put a few on the other side.
_UTF16_HIGH_NULS = 0.4  # at least this share of the characters have a NUL high byte
_UTF16_LOW_NULS = 0.01  # at most this share have a NUL low byte


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """The text and encoding ("utf-16-le", "utf-16-be") of ``data`` when it is UTF-16 without a byte-order mark,
    told by where its NUL bytes fall; else None."""
    if len(data) % 2:
        return None  # UTF-16 comes in pairs of bytes
    sample = data[:SNIFF_BYTES]
    characters = len(sample) // 2
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    for encoding, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if high >= _UTF16_HIGH_NULS * characters and low <= _UTF16_LOW_NULS * characters:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None  # a lone surrogate: not UTF-16 after all
            return None if _mostly_control_characters(text[:SNIFF_BYTES], _UTF16_CONTROL_RE) else (text, encoding)
    return None


def sniff_binary(data: bytes) -> str | None:
    """What ``data`` looks like when it is not text ("PNG image", "binary data"), else None."""
    for magic, kind in _SIGNATURES:
        if data.startswith(magic):
            return kind
    if data[8:12] in (b"WEBP", b"AVI ", b"WAVE") and data.startswith(b"RIFF"):
        return {b"WEBP": "WebP image", b"AVI ": "AVI video", b"WAVE": "WAV audio"}[data[8:12]]
    if data[4:8] == b"ftyp" and data[:2] == b"\x00\x00":
        return "MP4 video"
    if b"\x00" in data[:SNIFF_BYTES]:
        return "binary data"
    return None


def _stray_bytes(data: bytes) -> int | None:
    """How many bytes of ``data`` are not UTF-8, when the rest is UTF-8 with characters beyond ASCII, at least
    twice as many as the stray bytes (a page saved with one byte of another encoding pasted in); else None.

    Text in a legacy code page next to never holds a valid UTF-8 sequence (an accented capital followed by a
    symbol), and read in one of those, UTF-8's curly quotes become "â€™" or, in an East Asian one, "鈥檚"."""
    decoded = data.decode("utf-8", errors="replace")
    replaced = decoded.count("\ufffd")
    stray = replaced - data.count("\ufffd".encode())
    # The continuation bytes of every character beyond ASCII but the replacement characters (two each).
    beyond_ascii = len(decoded.encode("utf-8")) - len(decoded) - 2 * replaced
    if stray <= 0 or beyond_ascii < 2 * stray:
        return None
    return stray


def _decode_legacy(data: bytes, charset: str | None, label: str) -> tuple[str, str]:
    """Text and encoding name of bytes that are not UTF-8: the declared charset, else detected."""
    if charset:
        try:
            return data.decode(charset), charset
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: detect instead
    encoding = detect_encoding(data)
    if encoding is None:
        raise InputError(f"{label}: not a text file (looks like binary data)")
    return data.decode(encoding, errors="replace"), encoding


def detect_encoding(data: bytes) -> str | None:
    """The legacy encoding ``data`` is most plausibly in, or None when it reads as no text at all.

    charset_normalizer scores the code pages news text is written in. Short
    Western text decodes identically, or equally plausibly, in several of them
    ("café" is the same in cp1250 and cp1252); such a tie goes to cp1252, the
    most common, rather than to whichever the detector happened to list first.
    """
    from charset_normalizer import from_bytes

    sample = data[:_DETECT_BYTES]
    if _few_beyond_ascii(sample) and _decodes(sample, "cp1252"):
        # English text with a name or a symbol from cp1252 ("Peña", "£40"): a byte or two is no evidence, and the
        # detector read 311 of 840 such texts as big5, gb18030, shift_jis, cp1250 or cp1257 ("Pe鎙", "Bogotį").
        return "cp1252"
    matches = from_bytes(sample, cp_isolation=list(_LEGACY_ENCODINGS))
    best = matches.best()
    if best is None:
        return None
    for match in matches:
        if match.chaos <= best.chaos and match.coherence >= best.coherence and "cp1252" in match.could_be_from_charset:
            return "cp1252"
    return best.encoding


# Below this share of bytes beyond ASCII, legacy text is taken for cp1252: a name or a symbol in English text.
# Text in any other language its code pages serve has more (Polish or Turkish letters, every Cyrillic one).
_FEW_BEYOND_ASCII = 0.01


def _few_beyond_ascii(sample: bytes) -> bool:
    return len(sample.translate(None, bytes(range(128)))) <= _FEW_BEYOND_ASCII * len(sample)


def _decodes(sample: bytes, encoding: str) -> bool:
    try:
        sample.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _mostly_control_characters(sample: str, controls: re.Pattern[str] = _CONTROL_RE) -> bool:
    """Whether ``sample`` has too many control characters to be real text."""
    if not sample:
        return False
    return len(controls.findall(sample)) / len(sample) > MAX_CONTROL_RATIO


def normalise_newlines(text: str) -> str:
    """Turn Windows (CRLF) and old-Mac (CR) line endings into ``\\n``.

    Nothing else changes: claim offsets index this text exactly.
    """
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _kind(path: str, text: str) -> str:
    """ "html" by suffix or by content (a saved page piped to stdin), "markdown" by suffix or by the front matter
    it starts with (a reader service's output piped to stdin), else "text"."""
    suffix = Path(path).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"  # markdown may start with HTML, but is read as Markdown
    if _HTML_START_RE.match(text) is not None:
        return "html"
    return "markdown" if has_front_matter(text) else "text"
