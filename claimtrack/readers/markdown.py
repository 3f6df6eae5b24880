"""Markdown (as scraped from news sites) to plain article text, with markdown-it.

A scraped article in Markdown is the article plus the page around it, in
Markdown syntax: links, images, share-button lines ("Share on [Facebook](…)"),
and link lists ("## Links", "Related", "Read more"). Read as plain text,
link syntax and URLs end up inside claims and sources. Here the document
is parsed with markdown-it (CommonMark, plus tables and strikethrough) and
rendered back as text:

- a link becomes its anchor text (a link whose anchor text is itself a URL
  is dropped); images, inline HTML tags and code blocks are dropped; an HTML
  block is read as the plain HTML reader reads a fragment;
- emphasis and heading marks are removed; paragraphs, headings, list items
  and table rows become one block each, a blank line between blocks, and a
  line break inside a paragraph stays a line break;
- a line made only of links or images (a share bar, a navigation line) is
  dropped, and so is a share line ("Share this article") or a label line
  ("Read more:", "Related");
- a list whose items are all only links is dropped, and so is a whole
  section under a heading such as "Links", "Related", "Read more",
  "More on this story" or "Trending", up to the next heading of its level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .html_plain import extract_html_text

if TYPE_CHECKING:  # pragma: no cover
    from markdown_it.token import Token

__all__ = ["markdown_to_text"]

# Section headings and line labels that introduce links to other pages, not article text.
_LINK_SECTION = re.compile(
    r"^\W*(links?|related|related (links|articles|stories|content|coverage|reading|topics)|read more|read also|also read"
    r"|more (on|about|from) .{1,60}|more stories|see also|further reading|trending( now)?|most (read|popular|viewed|shared)"
    r"|you (may|might) also (like|be interested in)|recommended( for you| reading)?|sources?|external links"
    r"|share( this)?( article| story| post)?"
    r"|follow us( on .{1,40})?|tags?|topics?)\W*$",
    re.IGNORECASE,
)
# A line of share buttons once its links are gone ("Share on  |  ", "Tweet", "Copy link").
_SHARE_LINE = re.compile(
    r"^\W*((share|post|send)( this)?( article| story| page)?( on| via| to)?|tweet|e-?mail|print|copy( the)? link|whatsapp"
    r"|facebook|twitter|x|linkedin|telegram|reddit|flipboard|pinterest|messenger|bluesky|threads|comments?|save)"
    r"(\W+(facebook|twitter|x|linkedin|telegram|reddit|whatsapp|e-?mail|print|copy link|messenger|bluesky|threads|save))*\W*$",
    re.IGNORECASE,
)
_URL = re.compile(r"^\s*(https?://|www\.)\S+\s*$", re.IGNORECASE)
_SPACES = re.compile(r"[ \t]+")


@dataclass
class _Line:
    """One rendered line: its text, and how much of it was link anchor text."""

    parts: list[str] = field(default_factory=list)
    own_text: list[str] = field(default_factory=list)  # text outside links
    links: int = 0  # links and images on the line

    @property
    def text(self) -> str:
        return _SPACES.sub(" ", "".join(self.parts)).strip()

    def is_chrome(self) -> bool:
        """A line of links only, a share bar, a label before a link, or a bare URL."""
        text, own = self.text, "".join(self.own_text).strip()
        if not text:
            return True
        if self.links and not re.search(r"\w", own):
            return True
        if self.links and _LINK_SECTION.match(own):  # "Read more: [another story](…)"
            return True
        return bool(_SHARE_LINE.match(text) or _URL.match(text))


def markdown_to_text(source: str) -> str:
    """The readable article text of a Markdown document (see the module docstring)."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(source)
    return "\n\n".join(_blocks(tokens))


def _blocks(tokens: list[Token]) -> list[str]:
    """The text blocks of a token stream, with link sections and link-only lists dropped."""
    blocks: list[str] = []
    skip_level = 0  # inside a dropped section: its heading's level (1-6), else 0
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "heading_open":
            level = int(token.tag[1])
            if skip_level and level > skip_level:
                i += 3
                continue
            skip_level = 0
            lines = _render_inline(tokens[i + 1])
            heading = " ".join(line.text for line in lines).strip()
            if _LINK_SECTION.match(heading):
                skip_level = level
            elif heading:
                blocks.append(heading)
            i += 3
            continue
        if skip_level:
            i += 1
            continue
        if token.type in ("bullet_list_open", "ordered_list_open"):
            end = _closing(tokens, i)
            blocks.extend(_list_blocks(tokens[i + 1 : end]))
            i = end + 1
            continue
        if token.type == "tr_open":
            end = _closing(tokens, i)
            cells = [_block_text(_render_inline(t)) for t in tokens[i:end] if t.type == "inline"]
            row = " ".join(cell for cell in cells if cell)
            if row:
                blocks.append(row)
            i = end + 1
            continue
        if token.type == "html_block":  # raw HTML: its text, as the plain HTML reader reads it
            text = extract_html_text(token.content)
            if text:
                blocks.append(text)
        elif token.type == "inline":
            text = _block_text(_render_inline(token))
            if text:
                blocks.append(text)
        i += 1
    return blocks


def _list_blocks(tokens: list[Token]) -> list[str]:
    """One block per list item, or none when every item is only links (a link list)."""
    items = [[line for line in _render_inline(t)] for t in tokens if t.type == "inline"]
    if all(all(line.is_chrome() for line in item) for item in items):
        return []
    return [text for text in (_block_text(item) for item in items) if text]


def _closing(tokens: list[Token], start: int) -> int:
    """Index of the token that closes ``tokens[start]`` (same level, nesting -1)."""
    opening = tokens[start]
    for j in range(start + 1, len(tokens)):
        if tokens[j].level == opening.level and tokens[j].nesting == -1:
            return j
    return len(tokens) - 1


def _block_text(lines: list[_Line]) -> str:
    """A paragraph's lines without the chrome lines, joined by line breaks."""
    return "\n".join(line.text for line in lines if not line.is_chrome())


def _render_inline(token: Token) -> list[_Line]:
    """An inline token's children as lines of plain text (links as anchor text, images dropped)."""
    lines = [_Line()]
    link_depth = 0
    link_text: list[str] = []
    for child in token.children or []:
        line = lines[-1]
        kind = child.type
        if kind in ("softbreak", "hardbreak"):
            lines.append(_Line())
        elif kind == "link_open":
            link_depth += 1
            link_text = []
            line.links += 1
        elif kind == "link_close":
            link_depth = max(link_depth - 1, 0)
            anchor = "".join(link_text)
            if not _URL.match(anchor):
                line.parts.append(anchor)
        elif kind == "image":
            line.links += 1
        elif kind in ("text", "code_inline"):
            (link_text if link_depth else line.own_text).append(child.content)
            if not link_depth:
                line.parts.append(child.content)
        # em, strong, s open/close and raw inline HTML add nothing
    return lines
