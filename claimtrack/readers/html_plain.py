"""The plain HTML reader: every paragraph of a page, with scripts, styles and obvious chrome dropped.

It is the fallback for HTML in which trafilatura finds no article (a
fragment, a page of one short paragraph): it knows nothing about where an
article is, only which elements never hold text (scripts, nav, footer,
forms). Built on the standard library's parser, so it never fails to load.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["extract_html_text"]

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
