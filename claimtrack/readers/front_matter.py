"""What a scraped Markdown file says about its page before the article: front matter, or a reader's header.

Markdown saved from the web often starts with the page's metadata rather
than its article:

- YAML front matter between ``---`` lines (static-site exports, web
  clippers such as Obsidian's: ``title``, ``source``, ``author``,
  ``published``, and scrapers that write one, trafilatura among them:
  ``title``, ``author``, ``url``, ``sitename``, ``date``), or TOML front
  matter between ``+++`` lines (Hugo);
- a reader service's header lines, as Jina Reader writes them: ``Title:``,
  ``URL Source:``, ``Published Time:``, then ``Markdown Content:``.

Read as Markdown, either becomes a paragraph of the article ("title:
Strike on ferry terminal date: 2026-03-01 author: ...") and the page's
date, which tells which articles belong to one story, is lost. Here the
block is taken off the text and its fields read into a
:class:`~claimtrack.readers.html.PageMetadata`, as the HTML reader reads a
page's. A block that does not parse as a mapping, or names none of the
fields front matter has, is article text between two horizontal rules, and
stays in the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from .fetch import publisher_host
from .html import PageMetadata

__all__ = ["has_front_matter", "iso_day", "split_front_matter"]

# Front matter is a few lines: a longer block is text between two rules, and is never searched to its end (a
# 64 MB file that starts with a rule) nor parsed.
_LONGEST = 20_000
_YAML = re.compile(rf"\A\ufeff?---[ \t]*\n(.{{0,{_LONGEST}}}?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_TOML = re.compile(rf"\A\ufeff?\+\+\+[ \t]*\n(.{{0,{_LONGEST}}}?\n)?\+\+\+[ \t]*(?:\n|\Z)", re.DOTALL)
# A reader service's header: "Key: value" lines (and blank ones), then "Markdown Content:" on a line of its own.
_READER = re.compile(r"\A\ufeff?((?:[ \t]*\n|[A-Z][A-Za-z ]{1,30}:[^\n]*\n){1,40})Markdown Content:[ \t]*(?:\n|\Z)")
_WIKI_LINK = re.compile(r"\[\[(?:[^\]|]*\|)?([^\]]*)\]\]")
_READER_LINE = re.compile(r"^([A-Z][A-Za-z ]{1,30}):[ \t]*(.*)$", re.MULTILINE)

# Field names, lower-cased with spaces and hyphens as underscores, in order of preference for each field.
_TITLE = ("title", "headline")
_URL = ("url", "canonical_url", "canonical", "permalink", "url_source", "source_url", "link", "source")
_AUTHOR = ("author", "authors", "byline", "creator")
_PUBLISHER = ("publisher", "sitename", "site_name", "site", "source_name")
_PUBLISHED = ("published", "published_time", "published_at", "date_published", "datepublished", "publish_date", "pubdate", "date")
# A block between two rules is front matter only if it names one of these: "---\nUpdate: the ministry later
# said ...\n---" is a mapping to YAML too, and article text.
_KNOWN = {
    *_TITLE, *_URL, *_AUTHOR, *_PUBLISHER, *_PUBLISHED, "description", "summary", "tags", "categories", "keywords",
    "layout", "slug", "draft", "lang", "language", "created", "updated", "modified", "lastmod", "hostname", "image",
}  # fmt: skip


def has_front_matter(text: str) -> bool:
    """Whether ``text`` starts with front matter or a reader's header that :func:`split_front_matter` reads."""
    return _fields(text) is not None


def split_front_matter(text: str) -> tuple[PageMetadata, str]:
    """The page's metadata from the block ``text`` starts with, and the text after it (``text`` as it is, and no
    metadata, when it starts with none)."""
    found = _fields(text)
    if found is None:
        return PageMetadata(), text
    fields, rest = found
    url = _text(_first(fields, _URL, _is_url))
    return (
        PageMetadata(
            title=_text(_first(fields, _TITLE)),
            url=url,
            author=_text(_first(fields, _AUTHOR)),
            # A page that names no site is published by its URL's host, as trafilatura names a web page's publisher:
            # a Jina Reader header names none, and its documents were listed with no publisher at all.
            publisher=_text(_first(fields, _PUBLISHER)) or (publisher_host(url) if url else None),
            published=iso_day(_first(fields, _PUBLISHED)),
        ),
        rest,
    )


def iso_day(value: Any) -> str | None:
    """The day a front-matter date names, as YYYY-MM-DD; None when it names no whole day ("2026", "March 2026")
    or is not a date ("2026-02-30"). TOML gives dates as dates; YAML front matter and reader headers give
    strings, ISO 8601 or written out ("Sun, 01 Mar 2026 08:00:00 GMT", "March 1, 2026")."""
    if isinstance(value, datetime | date):
        return value.isoformat()[:10]
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        pass
    from dateutil import parser

    try:
        # Parsed against two defaults: a string that leaves the year, month or day out takes them from the default.
        one, two = (parser.parse(value, default=datetime(*default)) for default in ((2000, 1, 1), (2001, 2, 2)))
    except (ValueError, OverflowError):
        return None
    return one.date().isoformat() if one.date() == two.date() else None


def _fields(text: str) -> tuple[dict[str, Any], str] | None:
    """The fields of the block ``text`` starts with (names normalised) and the text after it, or None."""
    for pattern, parse in ((_YAML, _yaml), (_TOML, _toml), (_READER, _reader)):
        match = pattern.match(text)
        if match is None:
            continue
        fields = parse(match.group(1) or "")
        named = {_name(key): value for key, value in (fields or {}).items()}
        if _KNOWN.intersection(named):
            return named, text[match.end() :]
    return None


def _yaml(block: str) -> Mapping[str, Any] | None:
    import yaml

    try:
        # Every scalar a string, as written: PyYAML's own typing raises ValueError on a date like 2026-02-30 and
        # reads a title "no" as False. Deeply nested brackets exhaust its recursive parser.
        fields = yaml.load(block, Loader=yaml.BaseLoader)  # noqa: S506 - BaseLoader constructs no objects
    except (yaml.YAMLError, RecursionError):
        return None
    return _mapping(fields)


def _toml(block: str) -> Mapping[str, Any] | None:
    import tomllib

    try:
        return _mapping(tomllib.loads(block))
    except (tomllib.TOMLDecodeError, RecursionError):  # nested brackets exhaust its recursive parser too
        return None


def _reader(block: str) -> Mapping[str, Any] | None:
    return {key: value for key, value in _READER_LINE.findall(block)} or None


def _mapping(fields: Any) -> Mapping[str, Any] | None:
    """``fields`` if it is a mapping with names for keys: front matter, not a list or a sentence between two rules."""
    if isinstance(fields, dict) and fields and all(isinstance(key, str) for key in fields):
        return fields
    return None


def _name(key: str) -> str:
    return re.sub(r"[\s-]+", "_", key.strip().lower())


def _first(fields: Mapping[str, Any], names: tuple[str, ...], accept: Callable[[Any], bool] = bool) -> Any:
    """The value of the first of ``names`` that ``fields`` gives and ``accept`` takes."""
    return next((fields[name] for name in names if fields.get(name) not in (None, "", []) and accept(fields[name])), None)


def _is_url(value: Any) -> bool:
    """A web address: "source" names the page a clipping came from in some front matter, a news agency in others."""
    return isinstance(value, str) and value.strip().lower().startswith(("http://", "https://"))


def _text(value: Any) -> str | None:
    """A field as one line of text: a list (of authors, say) joined by "; ", as the HTML reader joins them."""
    if isinstance(value, list):
        value = "; ".join(str(item) for item in value if item not in (None, ""))
    if value is None or isinstance(value, dict):
        return None
    # Note-taking web clippers (Obsidian's) write people as wiki links: "[[Jane Doe]]".
    text = " ".join(_WIKI_LINK.sub(r"\1", str(value)).split())
    return text or None
