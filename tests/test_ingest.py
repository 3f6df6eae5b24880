"""Tests for claimtrack.ingest: paths in, exact document texts (or one-line errors) out."""

from __future__ import annotations

import hashlib
import io
import json
import os
import pathlib
import random
import re
import threading
import unicodedata
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimtrack.errors import InputError
from claimtrack.ingest import (
    DEFAULT_MAX_BYTES,
    Document,
    expand_inputs,
    extract_html_text,
    iter_documents,
    read_document,
)
from claimtrack.readers.front_matter import has_front_matter, iso_day, split_front_matter
from claimtrack.readers.html import PageMetadata
from claimtrack.readers.markdown import markdown_to_text

ARTICLE_HTML = """<!DOCTYPE html>
<html>
<head>
  <meta charset="utf-8">
  <title>Minister &amp; aides deny  report</title>
  <link rel="stylesheet" href="x.css">
  <style>p { color: red }</style>
  <script>var s = "<p>not text</p>";</script>
</head>
<body>
  <nav><a href="/">Home</a> <a href="/world">World</a></nav>
  <article>
    <h1>Minister denies report</h1>
    <p>The minister   said it&#8217;s
       <b>&ldquo;untrue&rdquo;</b>&nbsp;on Monday.</p>
    <p>Line one<br>line two</p>
    <script>track("pageview")</script>
    <noscript>Enable JavaScript</noscript>
    <aside>Related: other stories</aside>
  </article>
  <form><label>Subscribe</label><input name="email"></form>
  <footer>&copy; 2025 Example News</footer>
</body>
</html>
"""
ARTICLE_TEXT = (
    "Minister & aides deny report\n\n"
    "Minister denies report\n\n"
    "The minister said it\u2019s \u201cuntrue\u201d on Monday.\n\n"
    "Line one\nline two"
)


# chmod cannot hide anything from root, so real permission tests need another user.
needs_non_root = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file")


def write(path: Path, content: str | bytes) -> str:
    """Create ``path`` (and its parents) with ``content``; return it as a str."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return str(path)


def message(excinfo: pytest.ExceptionInfo[InputError]) -> str:
    return str(excinfo.value)


# --------------------------------------------------------------------------
# Reading text, markdown and HTML
# --------------------------------------------------------------------------


def test_txt_is_read_exactly(tmp_path: Path) -> None:
    text = "Headline\n\n  Indented   paragraph, said Ms Smith.\n\nLast line\n"
    path = write(tmp_path / "seeds" / "north-korea-ukraine-army.txt", text)
    doc = read_document(path)
    assert doc == Document(doc_id="north-korea-ukraine-army", path=path, text=text)


def test_markdown_is_rendered_to_plain_text(tmp_path: Path) -> None:
    text = "# Title\n\n*He* said: <b>no</b> [link](http://x)\n"
    doc = read_document(write(tmp_path / "note.md", text))
    assert doc.text == "Title\n\nHe said: no link"
    assert doc.doc_id == "note"


def test_markdown_that_starts_like_html_is_read_as_markdown(tmp_path: Path) -> None:
    text = "<html> is a tag, she said.\n"
    doc = read_document(write(tmp_path / "a.markdown", text))
    assert (doc.text, doc.warnings) == ("is a tag, she said.", ())


BODY = "# Strike on ferry terminal\n\nOfficials said a drone hit the Halvik ferry terminal on Tuesday.\n"
BODY_TEXT = "Strike on ferry terminal\n\nOfficials said a drone hit the Halvik ferry terminal on Tuesday."

YAML_FRONT = """---
title: "Strike on ferry terminal kills 23"
date: 2026-03-01T08:00:00Z
authors: [Jane Doe, Ivan Petrenko]
url: https://example.org/world/ferry-strike
sitename: Example News
tags: [war]
---
"""
TOML_FRONT = """+++
title = "Strike on ferry terminal kills 23"
date = 2026-03-01
author = "Jane Doe"
+++
"""
CLIPPED_FRONT = """---
title: "Strike on ferry terminal kills 23"
source: "https://example.org/world/ferry-strike"
author:
  - "[[Jane Doe]]"
published: 2026-03-01
created: 2026-05-20
tags:
  - "clippings"
---
"""
READER_HEADER = """Title: Strike on ferry terminal kills 23

URL Source: https://example.org/world/ferry-strike

Published Time: Sun, 01 Mar 2026 08:00:00 GMT

Markdown Content:
"""


@pytest.mark.parametrize(
    "header", [YAML_FRONT, TOML_FRONT, CLIPPED_FRONT, READER_HEADER], ids=["yaml", "toml", "web-clipper", "reader"]
)
def test_markdown_front_matter_is_the_pages_metadata_not_its_text(tmp_path: Path, header: str) -> None:
    """Scraped Markdown often starts with the page's metadata: read as Markdown, it was a paragraph of the
    article ("title: ... date: ..."), and the page's date was lost."""
    doc = read_document(write(tmp_path / "ferry.md", header + "\n" + BODY))
    assert doc.text == BODY_TEXT
    assert doc.metadata.title == "Strike on ferry terminal kills 23"
    assert doc.metadata.published == "2026-03-01"
    if header is YAML_FRONT:
        assert doc.metadata.author == "Jane Doe; Ivan Petrenko"
        assert (doc.url, doc.metadata.publisher) == ("https://example.org/world/ferry-strike", "Example News")
    if header is CLIPPED_FRONT:  # the day it was clipped ("created") is not the day it was published
        assert (doc.url, doc.metadata.author) == ("https://example.org/world/ferry-strike", "Jane Doe")
    if header is READER_HEADER:  # no site named: the URL's host, as a web page without a site name has
        assert (doc.url, doc.metadata.publisher) == ("https://example.org/world/ferry-strike", "example.org")


def test_front_matter_url_on_this_machine_names_no_publisher(tmp_path: Path) -> None:
    """A page previewed on one's own machine ("http://localhost:4000/…") was published by "localhost"."""
    doc = read_document(
        write(tmp_path / "ferry.md", "---\ntitle: Ferry strike\nurl: http://localhost:4000/ferry\n---\n\n" + BODY)
    )
    assert (doc.url, doc.metadata.publisher) == ("http://localhost:4000/ferry", None)


def test_front_matter_source_is_the_url_only_when_it_is_one(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path / "wire.md", "---\ntitle: Ferry strike\nsource: Reuters\n---\n\n" + BODY))
    assert (doc.url, doc.metadata.title, doc.text) == (None, "Ferry strike", BODY_TEXT)


def test_a_reader_services_output_piped_in_is_read_as_markdown() -> None:
    """`curl https://r.jina.ai/URL | claimtrack extract -`: no file name says Markdown, its header does."""
    doc = read_document("-", stdin=io.BytesIO((READER_HEADER + BODY).encode()))
    assert doc.text == BODY_TEXT
    assert (doc.url, doc.metadata.published) == ("https://example.org/world/ferry-strike", "2026-03-01")


@pytest.mark.parametrize(
    ("name", "day"),
    [
        ("nyt_2016-03-04_supreme-court.txt", "2016-03-04"),  # an archive's file, dated in its name
        ("2026-03-01-ferry-strike.md", "2026-03-01"),  # a static site's post
        ("ferry-strike.txt", None),
        ("ferry-2026-02-30.txt", None),  # no such day
        ("budget-20260301.txt", None),  # digits alone: too many things are written so
        ("export-12026-03-01.txt", None),  # a digit before it: part of another number
        ("2026-03-01-to-2026-03-08.txt", None),  # two days: which is the article's?
        ("1000-01-01.txt", None),
        ("3026-01-01.txt", None),
    ],
)
def test_a_documents_date_is_the_day_its_file_name_holds(tmp_path: Path, name: str, day: str | None) -> None:
    """Plain text gives no date, and clustering tells stories apart by their dates: a day in the file's name
    (as archives and static sites name articles) is the document's."""
    doc = read_document(write(tmp_path / name, "Officials said 23 people were killed.\n"))
    assert doc.metadata.published == day


@pytest.mark.parametrize(
    ("top", "day"),
    [
        ("Ferry strike halts crossings\nBy Jane Roe | March 3, 2026\n\n", "2026-03-03"),
        ("Ferry strike\nPublished: 3 March 2026 10:15 GMT\nUpdated: 4 March 2026\n\n", "2026-03-03"),
        ("Ferry strike\nUpdated Sept. 4, 2026 at 9:02 a.m.\n\n", "2026-09-04"),
        ("2026-03-03\nFerry strike\n\n", "2026-03-03"),
        ("Ferry strike\nPublished Feb. 17, 2026 at 6:12 p.m. | Updated Feb. 18, 2026 at 8:40 a.m.\n\n", "2026-02-17"),
        ("Ferry strike\nBy Jo Roe\n14:32, 03 Mar 2026Updated 16:05, 04 Mar 2026\n\n", "2026-03-03"),  # as scraped
        # a site's header shows today's date above the post's
        ("Friday, April 17, 2026\nFerry strike\nPosted on April 15, 2026 by Jane Roe\n\n", "2026-04-15"),
        ("Ferry strike\nA ferry at the pier on Feb. 12, 2026.\n\n", None),  # a caption, a sentence
        ("Ferry summit\nDates 13–14 March 2026\n\n", None),  # an event's days
        # a sentence of the article, a dateline with no year, two days, no such day
        ("Russia invaded Ukraine on Feb. 24, 2022, the ministry recalled.\n\n", None),
        ("KYIV, March 3 (Reuters) - ", None),
        ("Fares from March 3, 2026 to March 9, 2026\n\n", None),
        ("Ferry strike\nPublished February 30, 2026\n\n", None),
    ],
    ids=[
        "byline",
        "published-then-updated",
        "updated",
        "iso",
        "published-and-updated-on-one-line",
        "updated-run-into-the-published-time",
        "posted-on-under-today",
        "caption",
        "event-days",
        "sentence",
        "dateline",
        "two-days",
        "no-such-day",
    ],
)
def test_plain_text_is_dated_by_the_line_at_its_top_that_dates_it(tmp_path: Path, top: str, day: str | None) -> None:
    """A page copied as text keeps its header: its publication day dates the document, as a page's metadata would."""
    doc = read_document(write(tmp_path / "ferry.txt", top + "Officials said 23 crossings were cancelled.\n"))
    assert doc.metadata.published == day


def test_a_word_a_printed_lines_end_broke_is_whole_in_plain_text_only(tmp_path: Path) -> None:
    """Text copied from a PDF keeps its hyphenation: the source was "The defence minis-\nter"."""
    broken = "The defence minis-\nter said 40 drones were shot down.\n"
    assert read_document(write(tmp_path / "report.txt", broken)).text.startswith("The defence minister said")
    assert "minis-" in read_document(write(tmp_path / "report.md", broken)).text


def test_a_dating_line_comes_before_the_file_names_day(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path / "2026-03-09-ferry.txt", "Ferry strike\nMarch 3, 2026\n\nOfficials said so.\n"))
    assert doc.metadata.published == "2026-03-03"


def test_a_date_the_document_gives_comes_before_its_file_names(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path / "2026-03-09-ferry.md", "---\ndate: 2026-03-01\n---\n\n" + BODY))
    assert doc.metadata.published == "2026-03-01"


def test_standard_input_has_no_file_name_to_date_it() -> None:
    doc = read_document("-", stdin=io.BytesIO(b"Officials said 23 people were killed.\n"), doc_id="2026-03-01-ferry")
    assert doc.metadata.published is None


@pytest.mark.parametrize(
    "text",
    [
        "---\nA rule, then a paragraph that is no mapping.\n---\n\nOfficials said so.\n",
        "---\n- a list\n- of items\n---\n\nOfficials said so.\n",
        "---\ntitle: [unclosed\n---\n\nOfficials said so.\n",
        "---\nUpdate: the ministry later withdrew the figure.\n---\n\nOfficials said so.\n",
    ],
    ids=["sentence", "list", "broken-yaml", "a-note-between-rules"],
)
def test_markdown_between_two_rules_that_is_no_front_matter_stays_text(tmp_path: Path, text: str) -> None:
    doc = read_document(write(tmp_path / "rules.md", text))
    assert "Officials said so." in doc.text and doc.text != "Officials said so."
    assert doc.metadata.published is None


@pytest.mark.parametrize(
    ("block", "title", "day"),
    [
        ("title: Ferry strike\ndate: 2026-02-30\n", "Ferry strike", None),  # no such day: the rest still read
        ("title: no\ndate: 2026-03-01\n", "no", "2026-03-01"),  # a title as written, not YAML's False
        ("title: 2026\n", "2026", None),
    ],
)
def test_front_matter_values_are_read_as_written(block: str, title: str, day: str | None) -> None:
    metadata, rest = split_front_matter(f"---\n{block}---\nbody")
    assert (metadata.title, metadata.published, rest) == (title, day, "body")


@pytest.mark.parametrize("rule", ["---", "+++"])
def test_front_matter_that_no_parser_can_read_stays_text_without_an_error(rule: str) -> None:
    nested = f"{rule}\na = " + "[" * 5_000 + f"\n{rule}\nOfficials said so."
    assert split_front_matter(nested) == (PageMetadata(), nested)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_front_matter_is_only_ever_taken_off_the_start(body: str) -> None:
    """Whatever follows an opening rule, reading it raises nothing and keeps the rest of the text as it was."""
    text = "---\n" + body
    _, rest = split_front_matter(text)
    assert text.endswith(rest)


def test_a_block_too_long_for_front_matter_is_text() -> None:
    """Front matter is a few lines: thousands between two rules are the article's, whatever they look like."""
    assert has_front_matter("---\ntitle: Ferry strike\n---\nbody")
    assert not has_front_matter("---\ntitle: Ferry strike\n" + "note: more\n" * 3_000 + "---\nbody")


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("2026-03-01", "2026-03-01"),
        ("2026-03-01T23:30:00-05:00", "2026-03-01"),  # the day as written, not moved to UTC
        ("Sun, 01 Mar 2026 08:00:00 GMT", "2026-03-01"),
        ("March 1, 2026", "2026-03-01"),
        ("1 March 2026", "2026-03-01"),
        ("March 2026", None),  # no day
        ("2026", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_front_matter_dates_are_read_as_days_only_when_they_name_one(written: str, day: str | None) -> None:
    assert iso_day(written) == day


@pytest.mark.parametrize("suffix", [".html", ".htm", ".HTML"])
def test_html_without_an_article_falls_back_to_all_paragraphs_with_a_warning(tmp_path: Path, suffix: str) -> None:
    path = write(tmp_path / f"page{suffix}", ARTICLE_HTML)
    doc = read_document(path)
    assert doc.text == ARTICLE_TEXT
    assert doc.doc_id == "page"
    assert doc.warnings == (f"{path}: no article found in the HTML, so all of its text was read",)


@pytest.mark.parametrize("start", ["<!DOCTYPE html>", "<!doctype HTML>", "<html>", "\n  <html lang=en>"])
def test_html_is_detected_by_content(tmp_path: Path, start: str) -> None:
    doc = read_document(write(tmp_path / "saved.txt", f"{start}<p>Hello &amp; bye</p>"))
    assert doc.text == "Hello & bye"


def test_text_mentioning_html_is_not_converted(tmp_path: Path) -> None:
    text = "htmlized <p> stays"
    assert read_document(write(tmp_path / "a.txt", text)).text == text


def test_crlf_and_cr_become_newlines(tmp_path: Path) -> None:
    path = write(tmp_path / "win.txt", b"one\r\ntwo\rthree\n\r\nfour  \r\n")
    assert read_document(path).text == "one\ntwo\nthree\n\nfour  \n"


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path / "bom.txt", b"\xef\xbb\xbfCaf\xc3\xa9"))
    assert doc.text == "Café"
    assert doc.warnings == ()


def test_utf16_with_bom_is_text_not_binary(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path / "u16.txt", "Café said “yes”".encode("utf-16")))
    assert doc.text == "Café said “yes”"


UTF16_NEWS = (
    "The harbour authority said on Tuesday that the \u201cnew\u201d ferry terminal would open in March.\n\n"
    "Its director, Jos\u00e9 Ib\u00e1\u00f1ez, told reporters the delay had cost \u00a34m \u2013 less than feared.\n"
) * 60  # past the 8 KB that is sniffed: the whole file is read as UTF-16, not only its start


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read_as_utf16_with_a_warning(tmp_path: Path, encoding: str) -> None:
    """Saved by some Windows tools without a byte-order mark: its NUL in every other byte read as binary data."""
    path = write(tmp_path / "ferry.txt", UTF16_NEWS.encode(encoding))
    doc = read_document(path)
    assert doc.text == UTF16_NEWS
    assert doc.warnings == (f"{path}: not valid UTF-8, decoded as {encoding}",)


def _zip_archive() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("story.txt", UTF16_NEWS.encode("utf-16-le"))
    return buffer.getvalue()


def test_a_nul_byte_after_the_sniffed_start_is_dropped(tmp_path: Path) -> None:
    """A NUL in the first 8 KB makes a file binary; one later was kept, and ended up inside a claim's source."""
    text = ENGLISH * 10 + "\x00The police said the road was closed.\n"
    doc = read_document(write(tmp_path / "broken.txt", text.encode()))
    assert "\x00" not in doc.text and doc.text.endswith("The police said the road was closed.\n")


def test_utf32_with_a_bom_is_read_as_utf32(tmp_path: Path) -> None:
    """UTF-32's little-endian mark starts as UTF-16's: the text was read as UTF-16, NULs and all."""
    doc = read_document(write(tmp_path / "u32.txt", "Café said “yes”".encode("utf-32")))
    assert doc.text == "Café said “yes”"


@pytest.mark.parametrize(
    ("raw", "text", "encoding"),
    [
        # Smart quotes and a euro sign only exist in cp1252.
        ("“Hi”, said the minister, €5 a barrel.".encode("cp1252"), "“Hi”, said the minister, €5 a barrel.", "cp1252"),
        # Latin-1 text: the same in cp1252 (and as plausible in cp1250), so cp1252 is reported.
        (b"caf\xe9 cr\xe8me", "café crème", "cp1252"),
        ("Le ministre a déclaré « non » à l’été.".encode("cp1252"), "Le ministre a déclaré « non » à l’été.", "cp1252"),
        # Cyrillic, Polish and Greek in their Windows code pages.
        ("Министр заявил".encode("cp1251"), "Министр заявил", "cp1251"),
        ("Zażółć gęślą jaźń, powiedział minister.".encode("cp1250"), "Zażółć gęślą jaźń, powiedział minister.", "cp1250"),
        (
            "Ο υπουργός δήλωσε ότι οι κυρώσεις είναι παράνομες.".encode("cp1253"),
            "Ο υπουργός δήλωσε ότι οι κυρώσεις είναι παράνομες.",
            "cp1253",
        ),
    ],
)
def test_legacy_encodings_are_detected_with_a_warning(tmp_path: Path, raw: bytes, text: str, encoding: str) -> None:
    path = write(tmp_path / "old.txt", raw)
    doc = read_document(path)
    assert doc.text == text
    assert doc.warnings == (f"{path}: not valid UTF-8, decoded as {encoding}",)


ENGLISH = (
    "The president met his counterpart at the border on Monday, officials said, and the two leaders agreed to "
    "reopen talks on trade, migration and security that had stalled for more than a year.\n\n"
) * 8


@pytest.mark.parametrize("name", ["Enrique Pe\u00f1a Nieto", "the mayor of Bogot\u00e1", "\u00a340m", "\u201cfair\u201d"])
def test_english_text_with_one_legacy_character_is_read_as_cp1252(tmp_path: Path, name: str) -> None:
    """One byte is no evidence of an encoding: charset_normalizer read such texts as big5 ("Pe\u938e Nieto") or
    cp1257 ("Bogot\u012f"); English text with a name or a symbol of cp1252 is cp1252."""
    text = ENGLISH + f"{name} said the plan would go ahead.\n"
    path = write(tmp_path / "old.txt", text.encode("cp1252"))
    doc = read_document(path)
    assert doc.text == text
    assert doc.warnings == (f"{path}: not valid UTF-8, decoded as cp1252",)


def test_utf8_with_a_stray_byte_stays_utf8(tmp_path: Path) -> None:
    """A byte of another encoding pasted into UTF-8 text: the text was read as gb18030 ("Russia\u9225\u6aa1") or
    refused as binary. It is UTF-8, with a replacement character for the byte, and a warning that says so."""
    text = "Russia\u2019s war economy \u201cis overheating\u201d, the central bank\u2019s governor said.\n\n" * 4
    head, tail = text[:40].encode(), text[40:].encode()
    path = write(tmp_path / "stray.txt", head + b"\x96" + tail)
    doc = read_document(path)
    assert doc.text == text[:40] + "\ufffd" + text[40:]
    assert doc.warnings == (f"{path}: not valid UTF-8 in 1 place, read as UTF-8 with \ufffd there",)


def test_doc_id_override(tmp_path: Path) -> None:
    path = write(tmp_path / "file-name.txt", "text")
    assert read_document(path, doc_id="custom").doc_id == "custom"


def test_unknown_suffix_named_explicitly_is_plain_text(tmp_path: Path) -> None:
    path = write(tmp_path / "article.log", "<p>kept</p>")
    doc = read_document(path)
    assert (doc.text, doc.doc_id) == ("<p>kept</p>", "article")


# --------------------------------------------------------------------------
# stdin
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "stream",
    [io.StringIO("He said\r\nno."), io.BytesIO(b"\xef\xbb\xbfHe said\r\nno.")],
    ids=["text", "bytes"],
)
def test_stdin(stream: io.IOBase) -> None:
    doc = read_document("-", stdin=stream)
    digest = hashlib.sha256(b"He said\nno.").hexdigest()
    assert doc == Document(doc_id=f"stdin-{digest[:12]}", path=None, text="He said\nno.")


def test_stdin_stories_get_ids_of_their_own() -> None:
    first = read_document("-", stdin=io.StringIO("The city water is safe, officials said."))
    second = read_document("-", stdin=io.StringIO("The vaccine is safe, officials said."))
    assert first.doc_id != second.doc_id and first.doc_id.startswith("stdin-")


def test_stdin_html_and_doc_id() -> None:
    doc = read_document("-", stdin=io.StringIO("<html><p>a</p><p>b</p>"), doc_id="web")
    assert (doc.doc_id, doc.text) == ("web", "a\n\nb")


@pytest.mark.parametrize(
    "start",
    [
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN">\n',
        "<!-- saved from url=(0041)https://news.example/story -->\n<!DOCTYPE html>\n",
        "\n<!-- a --><!-- b\nc -->\n",
    ],
    ids=["xhtml", "saved-by-a-browser", "comments"],
)
def test_stdin_html_after_a_declaration_or_comments_is_html(start: str) -> None:
    """A page piped in whose markup starts after an XML declaration or a comment was read as plain text: its
    tags, scripts and cookie banner became claims."""
    page = start + "<html><head><script>var x = 1;</script></head><body><p>a</p><p>b</p></body></html>"
    assert read_document("-", stdin=io.StringIO(page), doc_id="web").text == "a\n\nb"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("caf\udce9", "café"), ("lone \ud800 surrogate", "lone ? surrogate")],
    ids=["undecoded-byte", "lone-surrogate"],
)
def test_stdin_text_with_surrogates(text: str, expected: str) -> None:
    # sys.stdin smuggles undecodable bytes through as surrogate escapes.
    assert read_document("-", stdin=io.StringIO(text)).text == expected


def test_stdin_cp1252_bytes_warn() -> None:
    doc = read_document("-", stdin=io.BytesIO(b"\x93quoted\x94"))
    assert doc.text == "\u201cquoted\u201d"
    assert doc.warnings == ("<stdin>: not valid UTF-8, decoded as cp1252",)


@pytest.mark.parametrize(
    ("stream", "expected"),
    [
        (io.StringIO(""), "<stdin>: file is empty"),
        (io.BytesIO(b" \n\t\n"), "<stdin>: file is empty"),
        (io.BytesIO(b"a\x00b"), "<stdin>: not a text file (looks like binary data)"),
        (io.BytesIO(b"x" * 2000), "<stdin>: input is larger than the 1 KB limit"),
    ],
    ids=["empty", "whitespace", "binary", "too-large"],
)
def test_stdin_errors(stream: io.IOBase, expected: str) -> None:
    with pytest.raises(InputError) as excinfo:
        read_document("-", stdin=stream, max_bytes=1024)
    assert message(excinfo) == expected


# --------------------------------------------------------------------------
# Errors, with the exact message a user sees
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "file is empty"),
        (b"   \n\r\n\t  \n", "file is empty"),
        (b"\xef\xbb\xbf", "file is empty"),
        (b"%PDF-1.4\x00\x00\x01\x02", "not a text file (looks like PDF document)"),
        (b"text first" + b"\x00" * 3, "not a text file (looks like binary data)"),
        # No NUL byte, but mostly control characters: still not text.
        (bytes(range(1, 9)) * 50 + b"\x8f\x90", "not a text file (looks like binary data)"),
        (bytes(range(1, 256)) * 4, "not a text file (looks like binary data)"),
        (b"<html><script>only()</script></html>", "no readable text in the HTML"),
        # NUL bytes that are not UTF-16 without a byte-order mark (which is read: see above).
        (b"\x89PNG\r\n\x1a\n" + "IHDR chart".encode("utf-16-le") * 40, "not a text file (looks like PNG image)"),
        (b"%PDF-1.7\n" + UTF16_NEWS[:400].encode("utf-16-be"), "not a text file (looks like PDF document)"),
        (_zip_archive(), "not a text file (looks like ZIP archive)"),
        (random.Random(46).randbytes(4096), "not a text file (looks like binary data)"),
        # NULs in every other byte, but 16-bit numbers, not characters: control characters when read as UTF-16.
        (bytes(range(1, 32)) * 40 + b"\x00" * 40, "not a text file (looks like binary data)"),
        (b"".join(n.to_bytes(2, "little") for n in range(1, 600)), "not a text file (looks like binary data)"),
        (b"a\x00b", "not a text file (looks like binary data)"),  # an odd number of bytes is no UTF-16
    ],
    ids=[
        "empty",
        "whitespace",
        "bom-only",
        "nul",
        "nul-late",
        "control-chars",
        "all-bytes",
        "html-no-text",
        "utf16-like-png",
        "utf16-like-pdf",
        "utf16-like-zip",
        "random",
        "small-numbers",
        "counting",
        "odd",
    ],  # fmt: skip
)
def test_unusable_content(tmp_path: Path, content: bytes, reason: str) -> None:
    path = write(tmp_path / "bad.txt", content)
    with pytest.raises(InputError) as excinfo:
        read_document(path)
    assert message(excinfo) == f"{path}: {reason}"


def test_missing_file(tmp_path: Path) -> None:
    path = str(tmp_path / "nope.txt")
    with pytest.raises(InputError) as excinfo:
        read_document(path)
    assert message(excinfo) == f"{path}: no such file or directory"


def test_directory_where_file_expected(tmp_path: Path) -> None:
    with pytest.raises(InputError) as excinfo:
        read_document(str(tmp_path))
    assert message(excinfo) == f"{tmp_path}: is a directory, not a file"


@needs_non_root
def test_permission_denied_real_file(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.txt", "text")
    os.chmod(path, 0)
    try:
        with pytest.raises(InputError) as excinfo:
            read_document(path)
    finally:
        os.chmod(path, 0o600)
    assert message(excinfo) == f"{path}: permission denied"


def test_permission_denied_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "secret.txt", "text")

    def deny(self: Path, *args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(pathlib.Path, "open", deny)
    with pytest.raises(InputError) as excinfo:
        read_document(path)
    assert message(excinfo) == f"{path}: permission denied"


@pytest.mark.parametrize(
    ("size", "limit", "expected"),
    [
        (2048, 1024, "file is 2 KB, larger than the 1 KB limit"),
        (1025, 1024, "file is 1,025 bytes, larger than the 1,024 bytes limit"),
        (100, 10, "file is 100 bytes, larger than the 10 bytes limit"),
    ],
)
def test_size_limit(tmp_path: Path, size: int, limit: int, expected: str) -> None:
    path = write(tmp_path / "big.txt", b"a" * size)
    with pytest.raises(InputError) as excinfo:
        read_document(path, max_bytes=limit)
    assert message(excinfo) == f"{path}: {expected}"


def test_size_limit_is_inclusive(tmp_path: Path) -> None:
    assert read_document(write(tmp_path / "ok.txt", b"a" * 1024), max_bytes=1024).text == "a" * 1024


def test_default_limit_message_is_in_megabytes(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: no 80 MB actually written
        handle.truncate(80 * 1024 * 1024)
    with pytest.raises(InputError) as excinfo:
        read_document(str(path))
    assert message(excinfo) == f"{path}: file is 80 MB, larger than the 64 MB limit"
    assert DEFAULT_MAX_BYTES == 64 * 1024 * 1024


# --------------------------------------------------------------------------
# Expanding paths and walking directories
# --------------------------------------------------------------------------


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A directory tree with usable, unsupported and hidden files."""
    root = tmp_path / "corpus"
    for name in [
        "b.txt", "a.md", "c.html", "d.HTM", "e.markdown", "sub/z.txt", "sub/deeper/y.htm",
        "aa/x.txt",
        "notes.pdf", "data.json", "README", ".hidden.txt", ".git/HEAD.txt", "sub/.cache/k.txt",
    ]:  # fmt: skip
        write(root / name, "text")
    return root


def test_directory_walk_is_recursive_sorted_and_filtered(corpus: Path) -> None:
    files, errors = expand_inputs([str(corpus)])
    assert errors == []
    assert [os.path.relpath(f, corpus) for f in files] == [
        "a.md", "aa/x.txt", "b.txt", "c.html", "d.HTM", "e.markdown",
        "sub/deeper/y.htm", "sub/z.txt",
    ]  # fmt: skip
    assert all(f.startswith(str(corpus)) for f in files)


def test_expand_keeps_stdin_and_explicit_files_in_order(corpus: Path) -> None:
    pdf, hidden = str(corpus / "notes.pdf"), str(corpus / ".hidden.txt")
    files, errors = expand_inputs([pdf, "-", hidden])
    assert (files, errors) == ([pdf, "-", hidden], [])


def test_expand_reads_a_file_named_twice_once(corpus: Path) -> None:
    inside = str(corpus / "b.txt")
    files, _ = expand_inputs([inside, str(corpus), "-", "-"])
    assert files.count(inside) == 1
    assert files.count("-") == 1
    assert len(files) == 9


def test_expand_errors_do_not_stop_other_paths(tmp_path: Path, corpus: Path) -> None:
    missing = str(tmp_path / "missing.txt")
    empty_dir = tmp_path / "empty"
    write(empty_dir / "image.png", b"\x89PNG")
    write(empty_dir / ".hidden" / "a.txt", "text")
    files, errors = expand_inputs([missing, str(empty_dir), str(corpus / "b.txt")])
    assert files == [str(corpus / "b.txt")]
    assert [str(e) for e in errors] == [
        f"{missing}: no such file or directory",
        f"{empty_dir}: no .txt, .md or .html files found",
    ]
    assert all(isinstance(e, InputError) for e in errors)


@needs_non_root
def test_unreadable_directory(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    write(locked / "a.txt", "text")
    os.chmod(locked, 0)
    try:
        files, errors = expand_inputs([str(locked)])
    finally:
        os.chmod(locked, 0o700)
    assert files == []
    assert [str(e) for e in errors] == [f"{locked}: permission denied"]


def test_expand_nothing() -> None:
    assert expand_inputs([]) == ([], [])


# --------------------------------------------------------------------------
# HTML extraction details
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>a</p><p>b</p>", "a\n\nb"),
        ("<p>He <em>said</em>, <a href=x>here</a>.</p>", "He said, here."),
        ("<div>a<div>b</div>c</div>", "a\n\nb\n\nc"),
        ("<p>a<br>b<br/>c</p>", "a\nb\nc"),
        ("<p>a<br><br>b</p>", "a\n\nb"),
        ("<p>  spaced \n\n\t out  </p>", "spaced out"),
        (
            "<p>&amp; &lt;tag&gt; &#8217; &#x2014; &eacute; a&nbsp;b</p>",
            "& <tag> \u2019 \u2014 é a b",
        ),
        ("<ul><li>one</li><li>two</li></ul>", "one\n\ntwo"),
        ("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b\n\nc"),
        ("<h2>Head</h2>text after", "Head\n\ntext after"),
        (
            "<blockquote>q</blockquote><figure><img src=x><figcaption>cap</figcaption></figure>",
            "q\n\ncap",
        ),
        ("<p>a</p><!-- comment --><p>b</p>", "a\n\nb"),
        ("<p>x<svg><title>icon</title><path/></svg>y</p>", "xy"),
        ("<template><p>t</p></template><p>kept</p>", "kept"),
        ("<p>Ok</p><p>\n\n</p><p></p><p>Next</p>", "Ok\n\nNext"),
    ],
)
def test_extract_html_text(html: str, text: str) -> None:
    assert extract_html_text(html) == text


def test_title_is_first_paragraph_and_not_repeated() -> None:
    html = "<html><head><title>Same  headline</title></head><body><h1>Same headline</h1><p>Body</p>"
    assert extract_html_text(html) == "Same headline\n\nBody"


def test_title_comes_first_even_when_late() -> None:
    assert extract_html_text("<p>Body</p><title>Late title</title>") == "Late title\n\nBody"


def test_head_without_close_tag_does_not_swallow_the_body() -> None:
    html = "<html><head><title>T</title><meta charset=utf-8><p>Body text"
    assert extract_html_text(html) == "T\n\nBody text"


@pytest.mark.parametrize(
    "html",
    [
        "<p>unclosed <b>bold <i>italic",
        "</p></div></nav></script>stray ends",
        "<title>never closed<p>x",
        "<div <p>broken attr</p>",
        "<![if !supportLists]>x<![endif]>",
        "<!DOCTYPE><html><<<>>>&&&;&#99999999;&#xZZ;</html>",
        "<script>never closed",
        "<svg><svg></svg>",
        "<!--unclosed comment",
        "\x00<p>\ud800</p>",
        "",
    ],
)
def test_malformed_html_never_raises(html: str) -> None:
    text = extract_html_text(html)
    assert text == text.strip()
    assert "\n\n\n" not in text


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="<>/!-&#;=\"' abpdivscrtyle\n", max_size=80))
def test_html_soup_never_raises(html: str) -> None:
    text = extract_html_text(html)
    assert text == text.strip()
    assert "\n\n\n" not in text


def test_unclosed_skip_element_drops_only_its_content() -> None:
    assert extract_html_text("<p>before</p><nav>menu") == "before"


# --------------------------------------------------------------------------
# iter_documents
# --------------------------------------------------------------------------


def test_iter_documents_reports_errors_and_continues(tmp_path: Path) -> None:
    good = write(tmp_path / "docs" / "good.txt", "Good text")
    write(tmp_path / "docs" / "empty.txt", "")
    missing = str(tmp_path / "missing.txt")
    seen: list[str] = []
    inputs = [str(tmp_path / "docs"), missing]
    docs = list(iter_documents(inputs, on_error=lambda e: seen.append(str(e))))
    assert [(d.doc_id, d.path) for d in docs] == [("good", good)]
    assert seen == [
        f"{missing}: no such file or directory",
        f"{tmp_path / 'docs' / 'empty.txt'}: file is empty",
    ]


def test_iter_documents_raises_without_callback(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or directory"):
        list(iter_documents([str(tmp_path / "missing.txt")]))


def test_iter_documents_stdin_and_doc_id(tmp_path: Path) -> None:
    docs = list(iter_documents(["-"], stdin=io.StringIO("text"), doc_id="mine"))
    assert [(d.doc_id, d.text) for d in docs] == [("mine", "text")]
    write(tmp_path / "a.txt", "a")
    write(tmp_path / "b.txt", "b")
    with pytest.raises(InputError, match="needs exactly one input, got 2 files"):
        list(iter_documents([str(tmp_path)], doc_id="mine"))


@pytest.mark.parametrize(
    "citation",
    [
        "<cite>\u2014 Ana Ruiz, mayor of Porto</cite>",
        "<footer>\u2014 <cite>Ana Ruiz</cite>, mayor of Porto</footer>",
        # No dash written (a style sheet draws it): the line is still the quotation's signature, not a sentence.
        "<footer><cite>Ana Ruiz, mayor of Porto</cite></footer>",
        "<cite><a href='/people/ana-ruiz'>Ana Ruiz</a>, mayor of Porto</cite>",
    ],
)
def test_html_block_quotation_keeps_its_citation(citation: str) -> None:
    # trafilatura drops <cite> and <footer>: a pull quote would lose the line that says whose it is.
    from claimtrack.readers.html import read_html

    page = (
        "<html><head><title>Ferry talks end without a deal</title></head><body><article>"
        "<h1>Ferry talks end without a deal</h1>"
        "<p>The talks on the island ferry ended on Tuesday without an agreement, officials in Porto said.</p>"
        f"<blockquote><p>\u201cThe ferry will sail again by spring.\u201d</p>{citation}</blockquote>"
        "<p>Ferry operators said they would meet the council again next week to discuss the timetable.</p>"
        "</article></body></html>"
    )
    text = read_html(page).text
    assert "\u201cThe ferry will sail again by spring.\u201d\n\n\u2014 Ana Ruiz, mayor of Porto\n\n" in text


_BR_PAGE = (
    "<html><head><title>Ferry strike ends after nine days</title></head><body>"
    '<div class="menu"><a href="/">Home</a> | <a href="/news">News</a> | <a href="/sport">Sport</a></div>'
    '<div id="story"><h1><a href="/ferry">Ferry strike ends after nine days</a></h1><br><br>'
    "The nine-day strike by ferry crews on the Kessel line ended on Thursday after the operator agreed to a pay rise, "
    "the crews' union said.<br><br>"
    "<b>Related stories:</b><br>"
    '<a href="/a">Ferry crews vote to strike</a><br>'
    '<b><a href="/b">Operator warns of losses</a></b><br><br>'
    'The operator, <a href="/nordlink">Nordlink</a>, said the strike had cost it about 2 million euros.<br><br>'
    '<a href="/group">A consumer group</a> said the replacement buses had been slow and overcrowded.'
    "</div></body></html>"
)


def test_html_links_on_lines_of_their_own_are_not_article_text() -> None:
    # Laid out with <br>, a "Related stories" list is part of the article's block, which trafilatura keeps.
    from claimtrack.readers.html import read_html

    text = read_html(_BR_PAGE).text
    assert "Ferry crews vote to strike" not in text and "Operator warns of losses" not in text
    assert "Home" not in text
    # Links inside a sentence, or opening one, are the sentence's words.
    assert "The operator, Nordlink, said the strike had cost it about 2 million euros." in text
    assert "A consumer group said the replacement buses had been slow and overcrowded." in text
    assert text.startswith("Ferry strike ends after nine days")


_POINTERS_PAGE = (
    "<html><head><title>Ferry fares to rise in May</title></head><body><article>"
    "<h1>Ferry fares to rise in May</h1>"
    "<p>Fares on the island ferry will rise by 8 percent in May, the operator said on Tuesday, blaming fuel costs.</p>"
    '<p class="read-more"><strong>Read more:</strong> <a href="/a">Minister says ferry subsidy will end</a></p>'
    "<p>The council said it would ask the operator to freeze fares for pensioners and students this year.</p>"
    '<div class="related"><p>READ NEXT:</p><ul><li><a href="/b">Union warns of summer strikes</a></li></ul></div>'
    "<p>Passengers' groups said the rise was the third in two years and would hurt commuters on the island.</p>"
    "</article></body></html>"
)


def test_html_blocks_that_point_to_other_stories_are_not_article_text() -> None:
    # Among the article's paragraphs trafilatura keeps them, and a linked headline ("Minister says …") is a claim.
    from claimtrack.readers.html import read_html

    text = read_html(_POINTERS_PAGE).text
    assert "Read more" not in text and "READ NEXT" not in text
    assert "Minister says" not in text and "Union warns" not in text
    assert "the operator said on Tuesday" in text and "Passengers' groups said" in text


_EMBED_PAGE = (
    "<html><head><title>Ferry fire forces evacuation</title></head><body><article>"
    "<h1>Ferry fire forces evacuation</h1>"
    "<p>A fire in the engine room of the island ferry forced 140 passengers onto the upper deck on Tuesday evening.</p>"
    '<div data-component="embed-block" class="embed-container"><div class="social-embed">'
    '<a href="#skip">Skip twitter post by Carrow Island Council</a>'
    '<blockquote class="twitter-tweet"><p lang="en">Emergency beds are ready at the village hall for anyone unable '
    'to travel home tonight.</p>&mdash; Carrow Island Council (@CarrowCouncil) <a href="/s/1">March 3, 2026</a>'
    "</blockquote></div></div>"
    "<p>The operator said sailings would not resume until engineers had inspected both of its remaining vessels.</p>"
    "</article></body></html>"
)


def test_html_embedded_post_is_kept_on_one_line_with_its_signature() -> None:
    # trafilatura drops the post with its embed wrappers; the post is often the statement the article reports.
    from claimtrack.readers.html import read_html

    text = read_html(_EMBED_PAGE).text
    assert (
        "\n\nEmergency beds are ready at the village hall for anyone unable to travel home tonight. "
        "— Carrow Island Council (@CarrowCouncil) March 3, 2026\n\n"
    ) in text
    assert "Skip twitter post" not in text


WEB_PAGES = sorted(path.with_suffix("") for path in (Path(__file__).parent / "data" / "web-pages").glob("*.json"))


def _comparable(text: str) -> str:
    """Text as a reader compares it: straight quotes, single spaces, no footnote marks ("it.1", "[2]")."""
    text = unicodedata.normalize("NFKC", text).translate(str.maketrans("\u2018\u2019\u201c\u201d\u00a0", "''\"\" "))
    return " ".join(re.sub(r"\[\d{1,2}\]|(?<=[.,;\"\'])\d{1,2}(?=\s|$)", "", text).split())


@pytest.mark.parametrize("page", WEB_PAGES, ids=lambda page: page.name)
def test_web_page_keeps_every_paragraph_of_its_article_and_drops_its_chrome(page: Path) -> None:
    # Pages of our own in the layouts publishers serve, and scraped to Markdown (see web-pages/README.md); each
    # one's JSON lists the article's paragraphs ("must"), the chrome around them ("must_not") and the chrome still
    # kept.
    expected = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    document = read_document(str(next(page.parent.glob(page.name + ".*[lmd]"))))
    text = _comparable(document.text)
    assert [line for line in expected["must"] if _comparable(line) not in text] == []
    assert [line for line in expected["still_missed"] if _comparable(line) in text] == []  # update the page's JSON
    assert [line for line in expected["must_not"] if _comparable(line) in text] == []
    if expected["published"] is not None:
        assert document.metadata.published == expected["published"]


_TEASER_PAGE = (
    "<html><head><title>Water bills to rise by a fifth</title></head><body><article>"
    "<h1>Water bills to rise by a fifth</h1>"
    "<p>Household water bills in the county will rise by 21 percent in April, the water board said on Monday.</p>"
    '<div class="rs-card" data-mod="related-story"><a href="/a"><img src="a.jpg" alt=""></a>'
    '<div class="rs-card__text"><span>Related Story</span><a href="/a">Food bank use up by a third</a>'
    "<p>The community pantry says it handed out more than 11,000 food parcels in 2025.</p></div></div>"
    "<p>Campaigners said the rise would fall hardest on families already struggling with energy bills.</p>"
    "</article></body></html>"
)


def test_html_card_teasing_another_story_is_not_article_text() -> None:
    # Its one-line summary reads like a paragraph of the article, and "X says …" in it would become a claim.
    from claimtrack.readers.html import read_html

    text = read_html(_TEASER_PAGE).text
    assert "pantry" not in text and "Food bank" not in text
    assert "the water board said on Monday" in text and "Campaigners said" in text


_LAZY_PAGE = (
    "<html><head><title>Desalination plant delayed again</title></head><body><article>"
    "<h1>Desalination plant delayed again</h1>"
    "<p>The desalination plant meant to secure the town's water will not open before 2027, the council said.</p>"
    "<p>The delay pushes the estimated cost to $212 million, up from $148 million, according to a council report.</p>"
    '<div id="lazy-body"><span>Loading the rest of this story…</span><noscript><div class="rest">'
    "<p>The contractor said the revised intake pipe, which runs 400 metres further offshore, needed new permits.</p>"
    "<p>Council officials said the contractor had been told about the seagrass before the contract was signed.</p>"
    "</div></noscript></div></article></body></html>"
)


def test_html_article_paragraphs_kept_for_readers_without_javascript_are_read_with_the_rest() -> None:
    # A page that loads the rest of its story lazily keeps it in <noscript>, which trafilatura drops or takes for
    # the whole article, dropping the paragraphs before it.
    from claimtrack.readers.html import read_html

    text = read_html(_LAZY_PAGE).text
    assert "the council said" in text and "according to a council report" in text
    assert "needed new permits" in text and "before the contract was signed" in text


_SCRAPED = """Title: Tram extension paused as costs climb | The Courier

URL Source: https://courier.example/trams

Markdown Content:
We use cookies to personalise content. You can change your settings at any time.

BREAKING: Ferry crossings suspended until Sunday as gales hit the coast

Tram extension paused as costs climb
====================================

The council paused the tram extension on Tuesday after a review found it would cost almost twice the estimate.

Sign up to The Commute
----------------------

Our weekly briefing on how the city gets around. Every Tuesday.

Enter your email address

"The worst outcome is a tram that never runs," the mayor said after the vote, which ended a three-hour debate.

Advertisement

Comments (37)
-------------

Twice promised, twice shelved. I'll believe it when I can ride it, one reader wrote on Tuesday afternoon.
"""


def test_scraped_markdown_is_read_from_its_headline_without_boxes_or_comments(tmp_path: Path) -> None:
    path = write(tmp_path / "trams.md", _SCRAPED)
    text = read_document(str(path)).text
    assert text.startswith("Tram extension paused as costs climb\n\nThe council paused the tram extension")
    assert '"The worst outcome is a tram that never runs," the mayor said' in text
    for chrome in (
        "cookies",
        "BREAKING",
        "Sign up",
        "weekly briefing",
        "email address",
        "Advertisement",
        "Comments",
        "reader wrote",
    ):
        assert chrome not in text


_LAYOUT_PAGE = (
    "<html><head><title>Water bills to rise</title></head><body><table><tr><td>Home | News | Sport</td><td><font>"
    "Water bills in the county will rise by 21 percent in April, the water board said on Monday, blaming the cost "
    "of repairs to old mains across the valley.<br><br>"
    "The board's chair said the rise was the smallest the county could make without cutting the repair programme.<br><br>"
    "Campaigners said the rise would fall hardest on families already struggling with energy bills this winter."
    "</font></td></tr></table></body></html>"
)
_FIGURES_IN_LAYOUT = (
    "<html><head><title>Water bills to rise</title></head><body><table><tr><td>Home | News | Sport</td><td>"
    "<p>Water bills in the county will rise by 21 percent in April, the water board said on Monday, blaming repairs.</p>"
    "<table><tr><th>Ward</th><th>Rise</th></tr><tr><td>North</td><td>21%</td></tr><tr><td>South</td><td>19%</td></tr>"
    "</table><p>Campaigners said the rise would fall hardest on families already struggling with energy bills.</p>"
    "</td></tr></table></body></html>"
)


def test_html_table_that_lays_out_a_page_is_read_as_blocks_and_a_table_of_figures_in_it_stays_a_table() -> None:
    # Read as a table of data, the layout's cells ran the story's <br><br> paragraphs together ("valley.The board's").
    from claimtrack.readers.html import read_html

    text = read_html(_LAYOUT_PAGE).text
    assert "across the valley.\nThe board's chair said" in text and "repair programme.\nCampaigners said" in text
    figures = read_html(_FIGURES_IN_LAYOUT).text.split("\n\n")
    assert [block for block in figures if "%" in block] == ["North 21%", "South 19%"]


_HEADING_TAIL_PAGE = (
    "<html><head><title>Ferry crew walk out</title></head><body><div id='menu'>Home | Ports | Weather</div>"
    "<div id='content'><h2>Ferry crew walk out</h2>{first}"
    "\u201cWe gave the company six weeks,\u201d the union's steward, Aino Reskala, said at the quay.<br><br>"
    "<p>The company said it would run a reduced timetable until Friday.</p>Get the Harbour Post app</div></body></html>"
)
_BR_LEDE = "Crews on the Halvik ferries stopped work at dawn on Tuesday, stranding 400 passengers, the port authority said."


@pytest.mark.parametrize(
    "first", [f"{_BR_LEDE}<br><br>", f"<p>{_BR_LEDE}</p>"], ids=["lede-after-the-heading", "paragraph-after-a-p"]
)
def test_html_br_paragraphs_after_a_heading_or_a_paragraph_are_kept(first: str) -> None:
    # trafilatura leaves them as the heading's or the <p>'s tail: the lede, or the quotation after it, was lost.
    from claimtrack.readers.html import read_html

    blocks = read_html(_HEADING_TAIL_PAGE.format(first=first)).text.split("\n\n")
    assert blocks[:3] == [
        "Ferry crew walk out",
        _BR_LEDE,
        "\u201cWe gave the company six weeks,\u201d the union's steward, Aino Reskala, said at the quay.",
    ]
    assert "Get the Harbour Post app" not in blocks


_SPLIT_BODY_PAGE = (
    "<html><head><title>Bridge to close for a year</title></head><body><article>"
    "<h1>Bridge to close for a year</h1>"
    '<div class="takeaways" data-module="ai-summary"><h2>Key takeaways</h2><ul><li>The bridge shuts for a year.</li>'
    "</ul><p>These takeaways were generated with the help of AI.</p></div>"
    '<div class="article-body article-body--part-1" itemprop="articleBody">'
    "<p>The Ashby Road bridge will close for fourteen months from April for repairs, the council said on Tuesday.</p>"
    "<p>Engineers found corroded cables in October, the council's transport chief told a meeting of councillors.</p></div>"
    '<section class="rail"><h2>Most read</h2><ol><li><a href="/a">Fire at a school</a></li></ol></section>'
    '<div class="article-body article-body--part-2">'
    "<p>Traffic will be diverted over the weir crossing, adding up to three miles to some journeys, officials said.</p>"
    "<p>The bus company said it would run a shuttle across the river every twenty minutes during the closure.</p></div>"
    "</article></body></html>"
)


def test_html_article_body_split_by_a_rail_is_read_whole_without_a_machines_summary() -> None:
    # trafilatura took the part marked itemprop="articleBody" for the whole article; the AI's takeaways repeat it.
    from claimtrack.readers.html import read_html

    text = read_html(_SPLIT_BODY_PAGE).text
    assert "the council said on Tuesday" in text and "officials said" in text and "every twenty minutes" in text
    assert "takeaways" not in text and "The bridge shuts for a year." not in text


_SCRAPED_CHROME = """Title: Ferry services suspended

Markdown Content:
Ferry services suspended
========================

Ferry services to the islands were suspended on Friday after a fire in an engine room, the operator said.

Image source, Hal Brenn/Kestrel News

Image caption, The ferry at the pier on Friday morning

"Nobody was hurt, and the crew acted quickly," a spokeswoman for the operator said in a statement on Friday.

function gtag(){dataLayer.push(arguments);}

Listen to this article · 4 min

Was this article helpful?

© 2026 Kestrel News Media. All rights reserved.

Top stories
-----------

*   [Fire at a school](https://news.example/fire)

We use cookies to give you the best online experience. Please let us know if you agree to all of these cookies.

Accept all
"""


def test_scraped_markdown_drops_screen_reader_labels_script_text_cookie_notices_and_story_lists(tmp_path: Path) -> None:
    text = read_document(write(tmp_path / "ferry.md", _SCRAPED_CHROME)).text
    assert "the operator said" in text and "a spokeswoman for the operator said" in text
    chrome_lines = ("Image source", "Image caption", "gtag", "Listen to", "helpful", "©", "Top stories", "Fire at a school")
    for chrome in (*chrome_lines, "cookies", "Accept all"):
        assert chrome not in text


def test_scraped_markdown_reads_links_defined_after_an_unsafe_one(tmp_path: Path) -> None:
    """A share bar's "[7]: javascript:window.print()" must not turn the references after it into text."""
    source = (
        "# Depot fire\n\nShare: [Print][7]\n\nAccording to [the council's figures][8], the fire burned for a day.\n\n"
        "[7]: javascript:window.print()\n[8]: https://example.org/figures.pdf\n"
    )
    text = read_document(write(tmp_path / "fire.md", source)).text
    assert "According to the council's figures, the fire burned for a day." in text
    assert "[8]" not in text


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
_PIPED = "Dockers in Vessry voted to end their strike on Thursday, the union said.\n"


def _write_later(fifo: Path, text: str) -> threading.Thread:
    """Write ``text`` into the named pipe ``fifo`` once a reader opens it, from another thread."""
    writer = threading.Thread(target=fifo.write_text, args=(text,), kwargs={"encoding": "utf-8"}, daemon=True)
    writer.start()
    return writer


@needs_fifo
def test_read_document_named_pipe_is_read_like_stdin(tmp_path: Path) -> None:
    # Its name is no document's: ids made of the words, so two pipes (or <(…)'s /dev/fd/63 twice) never share one.
    fifo = tmp_path / "63"
    os.mkfifo(fifo)
    stop = threading.Event()
    timer = threading.Timer(10, stop.set)  # never hangs: a writer that failed would leave the read waiting
    timer.start()
    _write_later(fifo, _PIPED)
    try:
        document = read_document(str(fifo), stop=stop)
    finally:
        timer.cancel()
    assert (document.text, document.path) == (_PIPED, None)
    assert document.doc_id == "stdin-" + hashlib.sha256(_PIPED.encode()).hexdigest()[:12]


@needs_fifo
def test_read_document_named_pipe_without_a_stop_waits_for_its_writer(tmp_path: Path) -> None:
    # Called from a library with no stop to heed, a pipe whose writer comes late was read as empty.
    fifo = tmp_path / "late"
    os.mkfifo(fifo)
    writer = threading.Timer(0.5, lambda: fifo.write_text(_PIPED, encoding="utf-8"))
    writer.daemon = True  # a writer left waiting for a reader never holds the test run open
    writer.start()
    assert read_document(str(fifo)).text == _PIPED


def test_read_document_descriptor_path_gets_an_id_made_of_its_words() -> None:
    read_end, write_end = os.pipe()
    with os.fdopen(write_end, "w", encoding="utf-8") as writer:
        writer.write(_PIPED)
    try:
        document = read_document(f"/dev/fd/{read_end}")
    finally:
        os.close(read_end)
    assert document.doc_id.startswith("stdin-") and document.path is None


@needs_fifo
def test_read_document_named_pipe_nobody_writes_to_gives_up_once_stopped(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    stop = threading.Event()
    threading.Timer(0.3, stop.set).start()
    with pytest.raises(InputError) as excinfo:
        read_document(str(fifo), stop=stop)  # before, it waited for a writer for ever, whatever the signals said
    assert message(excinfo) == f"{fifo}: not read, stopped before the input ended"


@needs_fifo
def test_expand_inputs_folder_reports_a_named_pipe_and_keeps_the_files(tmp_path: Path) -> None:
    good = write(tmp_path / "news" / "good.txt", _PIPED)
    os.mkfifo(tmp_path / "news" / "pipe.txt")
    files, errors = expand_inputs([str(tmp_path / "news")])
    assert files == [good]
    assert [str(e) for e in errors] == [f"{tmp_path}/news/pipe.txt: not a regular file (a named pipe or a device), skipped"]


_GRAIN_STORY = (
    "Harvesters in the Ostrow valley brought in the largest wheat crop in a decade, the farmers' union said on Friday.\n\n"
    '"We ran out of silo space by the second week," Lena Marsk, who farms 300 hectares near Tolby, told reporters.\n\n'
    "The agriculture ministry said it would open two army depots to store the surplus until prices recover.\n\n"
)
_GRAIN_TITLE = "Ostrow valley wheat crop is biggest in a decade"


@pytest.mark.parametrize(
    ("front", "repeated"),
    [
        (f"---\ntitle: {_GRAIN_TITLE}\n---\n\n", f"## {_GRAIN_TITLE}"),
        (f"---\ntitle: {_GRAIN_TITLE}\n---\n\n", _GRAIN_TITLE),
        (f"---\ntitle: {_GRAIN_TITLE}\n---\n\n", f"**{_GRAIN_TITLE}**"),
        (f"Title: {_GRAIN_TITLE}\n\nMarkdown Content:\n", f"{_GRAIN_TITLE}\n{'-' * len(_GRAIN_TITLE)}"),
    ],
    ids=["heading", "plain", "bold", "reader-header"],
)
def test_scraped_markdown_keeps_its_article_when_the_title_is_repeated_after_it(
    tmp_path: Path, front: str, repeated: str
) -> None:
    """An audio player's or a "You are reading" box's headline after the article is not where the article starts:
    the text once began there, and the whole article before it was lost."""
    source = f"{front}{_GRAIN_STORY}{repeated}\n\nListen to this story. It takes three minutes.\n"
    text = read_document(write(tmp_path / "grain.md", source)).text
    assert text.startswith(f"{_GRAIN_TITLE}\n\nHarvesters in the Ostrow valley")
    for paragraph in _GRAIN_STORY.split("\n\n")[:3]:
        assert paragraph in text


def test_scraped_markdown_still_starts_at_its_headline_after_a_menu_and_a_cookie_notice(tmp_path: Path) -> None:
    source = (
        f"---\ntitle: {_GRAIN_TITLE}\n---\n\n[Home](/) [Farming](/farming) [Markets](/markets)\n\n"
        "We and our 96 partners use cookies to store and access information on your device, as our policy explains.\n\n"
        f"Markets: wheat 212.50 (+1.2%) barley 180.10\n\n# {_GRAIN_TITLE}\n\n{_GRAIN_STORY}"
    )
    text = read_document(write(tmp_path / "grain.md", source)).text
    assert text.startswith(f"{_GRAIN_TITLE}\n\nHarvesters in the Ostrow valley")
    assert "cookies" not in text and "Markets:" not in text


def test_scraped_markdown_gives_its_title_and_headline(tmp_path: Path) -> None:
    """A headline only in the front matter comes first; a clipper's "# Headline | Site" is the title without the
    site; a wire story ends at its sign-off."""
    front = "---\ntitle: Dockers extend strike\ndate: 2026-03-12\n---\n\nPORT VESSRY (Castellan) - Dockers voted to strike.\n\n"
    signed = front + "Reporting by Ilse Maranova; Editing by Priya Halvorsen\n\nOur Standards: The Trust Principles.\n"
    document = read_document(write(tmp_path / "strike.md", signed))
    assert document.text.startswith("Dockers extend strike\n\nPORT VESSRY")
    assert "Our Standards" not in document.text
    clipped = read_document(write(tmp_path / "bus.md", "# The Last Stop of the Book Bus | The Lantern\n\nThe bus came.\n"))
    assert clipped.metadata.title == "The Last Stop of the Book Bus"


def test_a_pull_quote_in_a_figure_is_kept_with_its_citation() -> None:
    from claimtrack.readers.html import read_html

    body = " ".join(["The council met on Tuesday and voted to close the bridge until the storm had passed."] * 4)
    html = (
        "<html><head><title>Bridge shut as the city braces – live</title>"
        "<meta property='og:title' content='Bridge shut as the city braces – live'></head>"
        f"<body><article><h1>Bridge shut as the city braces for the storm</h1><p>{body}</p>"
        "<figure><blockquote><p>If your journey can wait until Thursday, please let it wait.</p></blockquote>"
        f"<figcaption>— Ilse Brandvold, mayor</figcaption></figure><p>{body}</p><p>Advertisement</p><p>{body}</p>"
        "</article></body></html>"
    )
    page = read_html(html)
    assert page.metadata.title == "Bridge shut as the city braces for the storm"
    assert "If your journey can wait until Thursday, please let it wait.\n\n— Ilse Brandvold, mayor" in page.text
    assert "Advertisement" not in page.text.split("\n\n")


def test_scraped_markdown_wrapped_at_78_columns_keeps_a_links_words_apart(tmp_path: Path) -> None:
    """html2text wraps lines inside a link's text: "[a report by council\\nofficers](…)" is "council officers"."""
    source = "# Baths to close\n\nBy [Jenna Oduya](/author/jenna-oduya), Local Democracy Reporting Service\n\n"
    source += "According to [a report by council\nofficers](/report.pdf), the baths need repairs.\n"
    document = read_document(write(tmp_path / "baths.md", source))
    assert "According to a report by council officers, the baths need repairs." in " ".join(document.text.split())
    assert document.metadata.author == "Jenna Oduya"


def test_scraped_markdown_drops_a_newsletters_pitch_and_the_pages_own_sections(tmp_path: Path) -> None:
    source = (
        "# Floods\n\nThe river rose overnight, officials said.\n\n"
        "[The Daily Briefing](https://example.org/nl) newsletter brings you the top stories each morning. "
        "Sign up [here.](https://example.org/nl)\n\nThe dam held, the operator said.\n\n"
        "## More investigations\n\nThe landfill that kept burning\n\n## Related analysis\n\nWhy dams fail\n"
    )
    text = read_document(write(tmp_path / "floods.md", source)).text
    assert "The dam held, the operator said." in text
    for chrome in ("Daily Briefing", "More investigations", "landfill", "Related analysis", "Why dams fail"):
        assert chrome not in text


@pytest.mark.parametrize("button", ["[Sign up](https://example.org/nl)\n\n", ""])
def test_scraped_markdown_keeps_a_short_sentence_of_the_article_after_a_sign_up_box(tmp_path: Path, button: str) -> None:
    # "The union denied that." after the box was taken for one of its lines (a field, a "No thanks"), and lost.
    source = (
        "# Port strike ends\n\nDock workers returned to work after a 9 percent pay rise, the union said.\n\n"
        "## Sign up for our morning briefing\n\nGet the day's top stories in your inbox.\n\n"
        f"{button}No thanks\n\nThe union denied that.\n\nTalks had collapsed twice last week.\n"
    )
    text = read_document(write(tmp_path / "strike.md", source)).text
    assert "The union denied that.\n\nTalks had collapsed twice last week." in text
    assert "morning briefing" not in text and "No thanks" not in text


def test_a_web_clippers_note_keeps_the_article_not_the_users_callout(tmp_path: Path) -> None:
    """Obsidian Web Clipper: the headline only in the front matter with the site's name after a bar, the user's
    "> [!quote]" callout before the article, "==highlight==" marks inside it."""
    source = (
        '---\ntitle: "Why the tram line is late | The Civic Lamp"\npublished: 2026-02-19\n---\n'
        "> [!quote] Highlights\n> - the city has now spent 212 million crowns\n>\n> *My note: check the figure*\n\n"
        "The audit office put it bluntly: ==the city has now spent 212 million crowns== on the line.\n\n"
        "## What went wrong\n\nThe contractors blame the city.\n"
    )
    document = read_document(write(tmp_path / "tram.md", source))
    assert document.text.startswith("Why the tram line is late\n\nThe audit office put it bluntly: the city")
    assert "My note" not in document.text and "==" not in document.text
    assert document.metadata.title == "Why the tram line is late"


def test_scraped_markdown_drops_letters_gallery_counters_and_inbox_pitches(tmp_path: Path) -> None:
    source = (
        "# Ferry cut\n\n3 of 10 passengers use the early boat, the operator said.\n\n"
        "**2 / 6** Homes flooded on Creek Road. (Photo: Fire Service)\n\n"
        "Get the Spur's biggest stories straight to your inbox every morning\n\nEnter your email\n\nSign up\n\n"
        "The council will vote on Tuesday, officials said.\n\n## Letters to the editor\n\nThe ferry is a public good.\n"
    )
    text = read_document(write(tmp_path / "ferry.md", source)).text
    assert "3 of 10 passengers use the early boat, the operator said." in text
    assert "The council will vote on Tuesday, officials said." in text
    for chrome in ("2 / 6", "Photo:", "Homes flooded", "inbox", "Enter your email", "Letters", "public good"):
        assert chrome not in text


def test_a_page_with_more_than_one_h1_keeps_its_metadata_title() -> None:
    """Which of two headlines the reader saw is unknown, and an unclosed "<h1" is no headline at all."""
    from claimtrack.readers.html import read_html

    body = " ".join(["The council met on Tuesday and voted to close the bridge until the storm had passed."] * 4)
    head = "<html><head><title>Bridge shut as the city braces – live</title></head><body><article>"
    headline = "<h1>Bridge shut as the city braces for the storm</h1>"
    assert read_html(f"{head}{headline}<p>{body}</p>").metadata.title == "Bridge shut as the city braces for the storm"
    page = read_html(f"{head}{headline}<h1 class=x>Bridge shut <p>{body}</p>")
    assert page.metadata.title != "Bridge shut as the city braces for the storm"
    assert page.metadata.title.startswith("Bridge shut as the city braces")


def test_a_drop_cap_hidden_from_screen_readers_keeps_its_letter_and_a_sign_up_box_goes() -> None:
    """trafilatura drops what is aria-hidden: "<span aria-hidden>T</span>he harbour" had become "he harbour". A
    newsletter box is known by its e-mail field, whatever the site calls its classes."""
    from claimtrack.readers.html import read_html

    body = " ".join(["The council met on Tuesday and voted to close the harbour until the storm had passed."] * 4)
    html = (
        "<html><head><title>Harbour shut</title></head><body><article><h1>Harbour shut</h1>"
        '<p><span class="dropcap" aria-hidden="true">T</span>he harbour empties twice a day, the harbourmaster said.</p>'
        f'<p>{body}</p><div class="nc-nl"><p class="nc-nl__hed">Get the Morning Courier</p>'
        "<p>The day's top local stories before 7 a.m.</p><form><input type='email' name='email'>"
        f"<input type='submit' value='Sign up'></form></div><p>{body}</p>"
        '<p>Rain fell all week <span aria-hidden="true">★</span> forecasters said.</p></article></body></html>'
    )
    text = read_html(html).text
    assert "The harbour empties twice a day, the harbourmaster said." in text
    assert "Morning Courier" not in text and "top local stories" not in text
    assert "★" not in text  # a hidden icon stays hidden


def test_scraped_markdown_drops_footnote_marks_credits_and_a_newsletters_box_not_named_a_newsletter(tmp_path: Path) -> None:
    source = (
        "# Salt in the wells\n\nSaltwater pools beside a channel. *Photograph: Tomasz Eberle for The Review*\n\n"
        "Forty-four of the wells hold too much chloride, the board said.[^1] Officials blame the river.\n\n"
        "**The Review Weekly**\n\nOur best long reads, every Sunday morning. Free.\n\n[Sign up](https://example.org/nl)\n\n"
        "Article continues below\n\nThe tankers cost £38,000 a week, officials said.\n\n"
        "Thanks for reading The Lowdown! Subscribe for free to receive new posts and support my work.\n\n"
        "[^1]: Water Board, autumn survey.\n"
    )
    text = read_document(write(tmp_path / "wells.md", source)).text
    assert "Forty-four of the wells hold too much chloride, the board said. Officials blame the river." in text
    assert "The tankers cost £38,000 a week, officials said." in text
    assert "Water Board, autumn survey." in text  # the note's text stays; its label goes
    for chrome in (
        "[^1]",
        "Saltwater pools",
        "Photograph",
        "Review Weekly",
        "long reads",
        "continues below",
        "Thanks for reading",
    ):
        assert chrome not in text


def test_scraped_markdown_drops_a_box_under_any_title_that_ends_in_its_sign_up_and_a_live_pages_buttons(tmp_path: Path) -> None:
    source = (
        "# Storm reaches the coast\n\nFour people have died, emergency services said.\n\n"
        "### The Lantern Letter\n\nOur weekly round-up of the claims, every Friday, free.\n\nEmail address\n\nSign up\n\n"
        "Get in touch\n\nAre you in the affected area? Send us your pictures.\n\n"
        "-   Email: [news@example.org](mailto:news@example.org)\n-   Please read our [terms and conditions](/terms)\n\n"
        "New updates\n\nThe airport will reopen on Thursday, the operator said.\n\nclose panel\n\nPage 1 of 3\n"
    )
    text = read_document(write(tmp_path / "storm.md", source)).text
    assert "Four people have died, emergency services said." in text
    assert "The airport will reopen on Thursday, the operator said." in text
    for chrome in (
        "Lantern Letter",
        "round-up",
        "Email",
        "Sign up",
        "Get in touch",
        "pictures",
        "terms",
        "New updates",
        "close panel",
        "Page 1",
    ):
        assert chrome not in text


def test_html_player_and_live_page_labels_between_paragraphs_are_not_article_text() -> None:
    from claimtrack.readers.html import read_html

    body = " ".join(["The council met on Tuesday and voted to close the harbour until the storm had passed."] * 4)
    html = (
        "<html><head><title>Harbour shut</title></head><body><article><h1>Harbour shut</h1>"
        f"<p>Listen to this article</p><p>5 min</p><p>{body}</p><p>Table of Contents</p><p>{body}</p>"
        "<p>Key update</p><p>Page 1 of 3</p></article></body></html>"
    )
    blocks = read_html(html).text.split("\n\n")
    for label in ("Listen to this article", "5 min", "Table of Contents", "Key update", "Page 1 of 3"):
        assert label not in blocks


def test_scraped_markdown_goes_on_after_a_most_read_list_between_paragraphs_and_drops_players_and_old_cms_labels(
    tmp_path: Path,
) -> None:
    source = (
        "# Riders stuck on a coaster\n\nVideo Loading\n\nClick to play Tap to play\n\n"
        "Twenty riders were stuck for an hour, the operator said on Sunday.\n\n"
        "MOST READ\n---------\n\n1.  [Soap star quits](https://example.org/a)\n2.  [Meal deal fury](https://example.org/b)\n\n"
        "Firefighters used a turntable ladder to reach the cars and brought the riders down in small groups, the fire "
        "service said.\n\n**Join the Klaxon's WhatsApp community** for breaking news. [Click here to join](https://x.org)\n\n"
        "Font Size:\n\nPosted in Local News on Tuesday, March 3, 2026 4:12 am.\n\n"
        "## Story Comments\n\nfarm_wife55 wrote: thanks\n\n"
        "## Most E-mailed\n\n1. [Diner to close](https://example.org/c)\n\nPowered by NewsEngine 4.2\n"
    )
    text = read_document(write(tmp_path / "coaster.md", source)).text
    assert "Twenty riders were stuck for an hour, the operator said on Sunday." in text
    assert "Firefighters used a turntable ladder" in text  # the article goes on after the list
    for chrome in (
        "Video Loading",
        "Click to play",
        "MOST READ",
        "Soap star",
        "WhatsApp",
        "Font Size",
        "Posted in",
        "farm_wife55",
    ):
        assert chrome not in text
    assert "Diner" not in text and "Powered by" not in text


def test_html_tip_box_paywall_cut_and_player_labels_are_not_article_text() -> None:
    from claimtrack.readers.html import read_html

    body = " ".join(["The council met on Tuesday and voted to close the harbour until the storm had passed."] * 4)
    html = (
        "<html><head><title>Harbour shut</title></head><body><article><h1>Harbour shut</h1>"
        f"<p>Video unavailable</p><p>{body}</p><p>Got a story? Email us</p>"
        "<p>Send your stories, pictures and videos to tips@example.org or message us on WhatsApp.</p>"
        f"<p>{body}</p><p>Keep reading with a 7-day free trial</p></article></body></html>"
    )
    blocks = read_html(html).text.split("\n\n")
    assert not [
        block for block in blocks if "Video" in block or "story?" in block or "Send your" in block or "free trial" in block
    ]


def test_html_donation_appeals_page_prompts_and_an_old_cms_comment_section_are_not_article_text() -> None:
    from claimtrack.readers.html import read_html

    body = " ".join(["The board voted 4-3 to move to a four-day school week, the superintendent said."] * 4)
    html = (
        "<html><head><title>Four-day week</title></head><body><article><h1>Four-day week</h1>"
        f"<p>{body}</p><p>The Dispatch is a nonprofit newsroom. If this story was useful to you, please consider a "
        f"donation of any size.</p><p>{body}</p><p>Was this article helpful?</p><p>Reader Comments (2)</p>"
        "<p>Posted by prairiemom_77 on Feb 10, 2026 7:15 AM Who is watching my child on Mondays?</p></article></body></html>"
    )
    reported = "<p>The mayor urged residents to please consider supporting the food bank.</p></article>"
    text = read_html(html.replace("</article>", reported))
    assert body in text.text
    assert "The mayor urged residents to please consider supporting the food bank." in text.text  # an appeal reported
    for chrome in ("nonprofit newsroom", "helpful", "Reader Comments", "prairiemom_77"):
        assert chrome not in text.text


def test_scraped_markdown_drops_a_share_line_with_a_button_and_a_blogging_platforms_furniture(tmp_path: Path) -> None:
    source = (
        "# Night trains halted\n\nReading time: 3 min\n\n"
        "[Share on Facebook](https://facebook.com/s) [Share on X](https://x.com/s) Copy link\n\n"
        "Inspectors found corroded bearings on the viaduct, the rail operator said on Tuesday.\n\n"
        "© Hanseblick / Torben Kiehl\n\nTop highlight\n\nCommuters face replacement buses for twelve weeks, officials said.\n\n"
        "Tags / Keywords: viaduct, trains\n\nFound a mistake in this article? Report it to us.\n\n"
        "Written by Maren Ostrowski\n\n312 following\n\n## Responses (8)\n\nMy daughter was born in that wing.\n"
    )
    text = read_document(write(tmp_path / "trains.md", source)).text
    assert "Inspectors found corroded bearings on the viaduct, the rail operator said on Tuesday." in text
    assert "Commuters face replacement buses for twelve weeks, officials said." in text
    for chrome in ("Reading time", "Share on", "Copy link", "Hanseblick", "Top highlight", "Keywords", "mistake", "Written by"):
        assert chrome not in text
    assert "following" not in text and "daughter" not in text


def test_scraped_markdown_drops_a_video_title_picture_credits_an_authors_note_and_a_tip_line(tmp_path: Path) -> None:
    source = (
        "# Van clamped outside family home\n\nBy\n\n[Kerry Madoc](https://example.com/a/kerry) Senior Reporter\n\n"
        "Bookmark\n\nWardens clamped the adapted van on Monday, the family said.\n\n"
        "**Follow the Daily Rocket on [Google News](https://n.example) and [WhatsApp](https://w.example)"
        " for all the latest breaking stories**\n\n"
        "The video will auto-play soon8Cancel\n\n**Mum confronts wardens as van is clamped** 01:48\n\n"
        "**Don't miss...**\n\n- [Council tax to rise](https://example.com/1)\n- [Pensioner fined](https://example.com/2)\n\n"
        "![Ships at anchor](https://example.com/ships.jpg)\n\n1 of 3\n\nTidewire Photos\n\n"
        "The council said the permit had lapsed in January.\n\n"
        "![A memorial](https://example.com/m.jpg)\n\nGetlin Okafor / Corvane World\n\n"
        "**The Lantern Weekly**\n\nOur best long reads, delivered every Sunday morning. [Sign up](https://example.com/s)\n\n"
        "A spokesman said the clamp would be removed free of charge.\n\n"
        "_**Do you have a story for us? Email [tips@example.com](mailto:tips@example.com)**_\n\n"
        "---\n\n*Morwenna Achebe is a contributing writer at The Lantern. Her book* Tidelines *is out now.*\n\n"
        "### More long reads\n\n- [The lighthouse](https://example.com/l) — *Ruaridh Feltham*\n\n"
        "## We value your privacy\n\nWe and our 842 partners store and/or access information on a device, such as "
        "cookies, and process personal data.\n"
    )
    document = read_document(write(tmp_path / "van.md", source))
    for sentence in (
        "Wardens clamped the adapted van on Monday, the family said.",
        "The council said the permit had lapsed in January.",
        "A spokesman said the clamp would be removed free of charge.",
    ):
        assert sentence in document.text
    for chrome in (
        "Bookmark", "Google News", "auto-play", "01:48", "Don't miss", "Tidewire", "Okafor", "Lantern Weekly",
        "story for us", "contributing writer", "lighthouse", "842 partners",
    ):  # fmt: skip
        assert chrome not in document.text
    assert document.metadata.author == "Kerry Madoc"


def test_scraped_markdown_keeps_a_short_paragraph_after_a_picture_and_a_bold_line_with_a_time() -> None:
    source = (
        "# Storm live\n\n![Flooded road](https://example.com/f.jpg)\n\nRoads closed overnight.\n\n"
        "**Ferries resume at** 14:30\n\n*Jane Roe is a reporter who covered the storm, the mayor said on Friday.* More text.\n"
    )
    text = markdown_to_text(source)
    assert "Roads closed overnight." in text
    assert "Ferries resume at" in text
    assert "Jane Roe is a reporter" in text


def _article_page(headline: str, sentence: str, middle: str, end: str) -> str:
    """A page whose article is ``headline`` and eight paragraphs of ``sentence`` (with a number for "{n}"), with
    ``middle`` between the fourth and the fifth and ``end`` after them."""
    paragraphs = "".join(f"<p>{sentence.format(n=n)}</p>" for n in range(3, 7))
    return (
        f"<html><head><title>{headline}</title></head><body><article><h1>{headline}</h1>"
        f"{paragraphs}{middle}{paragraphs}{end}</article></body></html>"
    )


def test_web_page_ends_at_a_wire_sign_off_and_drops_a_subscription_offer_keeping_a_quotes_author(tmp_path: Path) -> None:
    page = _article_page(
        "Checkpoints to open",
        "The ministry said on Tuesday that {n} new checkpoints would open along the river before the harvest.",
        "<blockquote><p>“The river is no longer the river our parents knew.”</p>"
        '<footer class="article__quote-author">Lucien Aybram, mayor of Sainte-Odile</footer></blockquote>'
        '<div class="inline-offer"><p>Le Veilleur in English, without limits</p>'
        "<p>Unlimited access to all our articles, from €1 for the first month.</p><a href='/s'>I subscribe</a></div>",
        "<p>Reporting by Tomasz Wierzbicki in Velmora; Editing by Clara Mott</p>"
        "<p>Our Standards: The Castellan Trust Principles.</p><p>Suggested Topics: Europe, Agriculture</p>",
    )
    text = read_document(write(tmp_path / "checkpoints.html", page)).text
    assert "Lucien Aybram, mayor of Sainte-Odile" in text
    assert text.endswith("Reporting by Tomasz Wierzbicki in Velmora; Editing by Clara Mott")
    assert "without limits" not in text and "Unlimited access" not in text


def test_scraped_markdown_drops_a_poll_an_authors_bio_under_her_picture_and_a_charts_source(tmp_path: Path) -> None:
    source = (
        "# Council stalls bus lane\n\nA committee voted 4-3 to send the plan back, the clerk said on Tuesday.\n\n"
        "### Poll\n\nShould the city build the bus lane this year?\n\n"
        "Yes, build it as planned  \nNo, keep the parking  \nSubmit [View results](https://example.com/r)\n\n"
        "Answer | Responses\n---|---\nYes | 412\nNo | 389\n\nOnline polls are not scientific.\n\n"
        "![Chart of waiting times](https://example.com/c.png)\n\n_Figure 1. Median waiting time, 2019-2025._\n\n"
        "Source: Brackwater Institute analysis of queue data.\n\n"
        "The full council is expected to take up the plan on March 3. Residents can comment through the\n"
        "[online feedback portal](https://www.example.org/eastfield-\ncorridor/comment) until Feb. 28.\n\n"
        "![Marisol Quintero-Haas](https://example.com/mq.jpg)\n\n"
        "**Marisol Quintero-Haas** covers transportation and city hall for the Ledger.\n\n"
        "## Was this page helpful?\n\nFields marked * are required.\n\nSend feedback\n"
    )
    text = read_document(write(tmp_path / "buslane.md", source)).text
    assert "A committee voted 4-3 to send the plan back, the clerk said on Tuesday." in text
    assert "Residents can comment through the\nonline feedback portal until Feb. 28." in text
    for chrome in ("Poll", "Should the city", "Yes, build", "412", "not scientific", "Source:", "covers transportation",
                   "helpful", "Send feedback"):  # fmt: skip
        assert chrome not in text


def test_scraped_markdown_keeps_a_paragraph_after_a_poll_and_a_reporters_name_said_in_the_story() -> None:
    source = (
        "# Strike ends\n\n### Poll\n\nShould the strike have ended?\n\nYes  \nNo\n\n"
        "Union leaders said members voted by a large margin to accept the offer, which raises pay by 9 percent.\n\n"
        "Marisol Quintero-Haas covers transportation for the Ledger, the union said in a statement.\n"
    )
    text = markdown_to_text(source)
    assert "Union leaders said members voted by a large margin to accept the offer" in text
    assert "Marisol Quintero-Haas covers transportation for the Ledger, the union said in a statement." in text


def test_web_page_drops_a_press_offices_contacts_a_change_history_an_event_promo_and_a_patron_appeal(tmp_path: Path) -> None:
    page = _article_page(
        "Six new ferries",
        "The ministry said on Thursday that {n} new ferries would enter service on the northern routes by 2030.",
        "<div class='promo'><div>Upcoming Event</div><h3><a href='/e'>Water and the Next Flood</a></h3>"
        "<div>March 19, 2026</div><a href='/e#r'>Register</a></div>"
        "<div class='patreon'><h4>Support us on Patreon</h4><p>Our reporters cover parliament every day. "
        "Become a patron from 3 euros a month.</p></div>",
        "<h2>Media enquiries</h2><p>Press Office, Ministry of Transport</p><p>Telephone: 021 555 0188</p>"
        "<div id='full-history'><ol><li><time>13 February 2026</time><p>Corrected the number of apprenticeships.</p>"
        "</li><li><p>First published.</p></li></ol></div>",
    )
    text = read_document(write(tmp_path / "ferries.html", page)).text
    assert text.count("new ferries would enter service") == 8
    for chrome in ("Media enquiries", "Press Office", "021 555", "Corrected", "First published", "Next Flood", "patron",
                   "Patreon"):  # fmt: skip
        assert chrome not in text


def test_scraped_markdown_drops_an_author_card_a_listen_player_hashtags_and_a_rating_explainer(tmp_path: Path) -> None:
    source = (
        "# Salmon escape\n\nStory by Colm Duggery • 6h • 3 min read\n\nListen to the article\n\n"
        "The audio is generated with a synthetic voice. Read more about our synthetic voice\n\n"
        "About 40,000 salmon escaped from a damaged pen, the inspectorate said on Thursday.\n\nShow more\n\n"
        "#Salmon #Aquaculture #Escapes\n\n412 reactions · 58 comments\n\n"
        "![Image 3: Ingrid Solbakk](https://example.com/is.jpg)\n\n[Ingrid Solbakk](https://example.com/a/is)\n\n"
        "Journalist\n\nIngrid Solbakk is a reporter at VKR Vestkyst and covers aquaculture.\n\n"
        "### [Dana Kirwood](https://example.com/a/dk)\n\n"
        "Dana Kirwood is Bastion Defence Review's land systems editor.\n\n"
        "FactGauge is free to read and funded by readers like you. A donation of any size helps.\n\n"
        "## How we rate claims\n\nFalse – The claim is inaccurate.\n\n## Related Products\n\nA thermal weapon sight.\n"
    )
    document = read_document(write(tmp_path / "salmon.md", source))
    assert "About 40,000 salmon escaped from a damaged pen, the inspectorate said on Thursday." in document.text
    for chrome in ("Listen", "synthetic", "Show more", "#Salmon", "reactions", "Journalist", "covers aquaculture",
                   "Kirwood", "donation", "How we rate", "inaccurate", "thermal"):  # fmt: skip
        assert chrome not in document.text
    assert document.metadata.author == "Colm Duggery"


def test_scraped_markdown_keeps_a_profiles_subhead_and_its_first_sentence() -> None:
    source = (
        "# Who runs the port\n\n## Anna Berg\n\nAnna Berg is the port's director and has run it since 2019, officials said.\n"
    )
    assert "Anna Berg is the port's director and has run it since 2019, officials said." in markdown_to_text(source)


def test_scraped_markdown_goes_on_after_a_carousel_and_drops_a_weather_widget_and_a_live_pages_key_events(
    tmp_path: Path,
) -> None:
    source = (
        "# Birth centre to close at night\n\nThe board voted on Tuesday to close the centre overnight, officials said.\n\n"
        "## Editor's picks\n\n- [![](https://example.com/a.jpg)\n\tBypass opening pushed back](https://example.com/1)\n"
        "- [![](https://example.com/b.jpg)\n\tPub saved by villagers](https://example.com/2)\n\nPrevious Next\n\n"
        "According to [board papers](https://example.com/p.pdf) published on Tuesday, 41 of 62 night shifts were "
        "covered by agency staff.\n\n#### Dunmere weather\n\n<table><tr><td>7°C</td><td>Light showers</td></tr></table>\n\n"
        "[Full forecast](https://example.com/w)\n\n### Campaigners plan protest\n\n"
        "Campaigners said they would hold a protest outside the board's headquarters on March 21.\n\n"
        "## Key events\n\n- [48m ago\\\n\\\nDivision result: second reading approved](https://example.com/k1)\n\n"
        "Talkback\n--------\n\n14 comments | [Add your comment](https://example.com/c)\n"
    )
    text = read_document(write(tmp_path / "births.md", source)).text
    for paragraph in (
        "According to board papers published on Tuesday, 41 of 62 night shifts were covered by agency staff.",
        "Campaigners plan protest",
        "Campaigners said they would hold a protest outside the board's headquarters on March 21.",
    ):
        assert paragraph in text
    for chrome in ("Bypass", "Previous", "weather", "showers", "forecast", "48m ago", "Division result", "comments"):
        assert chrome not in text


def test_web_page_keeps_a_pull_quotes_speaker_and_drops_a_picture_credit_and_a_local_news_appeal(tmp_path: Path) -> None:
    page = _article_page(
        "Levy bill clears second reading",
        "The levy passed its second reading by {n}1 votes on Tuesday, the clerk of the house said in a statement.",
        "<aside class='element-pullquote'><blockquote><p>Every year we delay, the sea makes the decision for us.</p>"
        "</blockquote><footer><cite class='dcr-pq-cite'>Petra Allingham, housing and coasts minister</cite></footer></aside>"
        "<p>Picture: Sanne Virtala / Marrowfield Courier</p><h3>Support independent local journalism</h3>"
        "<p>The Beacon is a nonprofit newsroom. Our stories are free because readers like you chip in.</p>",
        "",
    )
    text = read_document(write(tmp_path / "levy.html", page)).text
    assert "Every year we delay, the sea makes the decision for us." in text
    assert "Petra Allingham, housing and coasts minister" in text
    for chrome in ("Sanne Virtala", "Support independent", "chip in"):
        assert chrome not in text


def test_scraped_markdown_drops_a_gallerys_counters_credits_after_captions_and_a_newsrooms_boxes(tmp_path: Path) -> None:
    source = (
        "# Wells run dry\n\nAt least 212 wells have failed since 2019, according to complaints filed with the authority.\n\n"
        "![A capped well](https://example.com/w.jpg)\n\nThe capped well, August 2024. _Isak Morrow for The Halcrow Record_\n\n"
        "Loading map…\n\n### The Monitor Briefing\n\nDefence news from our correspondents, every weekday at 7am.\n\n"
        "Email address\n\nSign up\n\n1. ![Steel sections](https://example.com/s.jpg)\n\n   1 / 4\n\n"
        "Smoke rises over the plant, Feb 10, 2026. TNA/Priyanka Saelim\n\n"
        "**The Record is a nonprofit newsroom.** Investigations like this are free because readers like you support "
        "them. [Donate today](https://example.com/d)\n\n"
        "Nobody checked the permits, a former hydrologist told the Record on condition of anonymity.\n\n"
        "## Got a story?\n\nIf you have a story for the Herald, we want to hear from you. Email news@example.com.\n\n"
        "Paid content from Nordvale Systems\n\nComments have been closed on this article for legal reasons.\n\n"
        "## Read next\n\n- [Another story](https://example.com/n)\n"
    )
    text = read_document(write(tmp_path / "wells.md", source)).text
    assert "At least 212 wells have failed since 2019, according to complaints filed with the authority." in text
    assert "Nobody checked the permits, a former hydrologist told the Record on condition of anonymity." in text
    assert "Smoke rises over the plant, Feb 10, 2026." in text
    for chrome in ("Isak Morrow", "Loading", "Briefing", "weekday", "1 / 4", "TNA/", "readers like you", "Got a story",
                   "we want to hear", "Paid content", "closed", "Another story"):  # fmt: skip
        assert chrome not in text


def test_scraped_markdown_keeps_a_closing_sentence_that_names_what_it_was_for() -> None:
    text = markdown_to_text(
        "# Convoy\n\nThe road reopened at noon. Aid trucks waited for the convoy.\n\n"
        "The base was hit overnight. Images by Maxar show three craters.\n"
    )
    assert "Aid trucks waited for the convoy." in text
    assert "Images by Maxar show three craters." in text


def test_scraped_markdown_drops_a_video_players_text_a_caption_shortcode_and_ends_at_a_compiled_by_sign_off(
    tmp_path: Path,
) -> None:
    source = (
        "# Dam breach: what we know\n\nVideo Player is loading.\n\nPlay Video\n\nCurrent Time 0:00\n\nDuration 4:12\n\n"
        "Loaded: 0%\n\nPlayback Rate\n\n1x, selected\n\nThis is a modal window.\n\nClose Modal Dialog\n\n"
        '\\[caption id="attachment\\_14402" align="aligncenter"\\]\n\nPhoto by Dale Pruett/Pennock Falls Gazette\n\n'
        "\\[/caption\\]\n\nThe dam failed at dawn, the water authority said in a statement on Wednesday.\n\n"
        "### The Briefing\n\nOur best stories, every weekday.\n\nEmail address\n\nSign up\n\n"
        "By signing up, you agree to our Privacy Policy.\n\n**Who pays?**\n\n"
        "Everyone, one way or another, the board's chair said in an interview last week.\n\n"
        "Compiled by Talia Brennick; Editing by Oren Castellane\n\nSite Index\n\nAbout Corvane\n"
    )
    text = read_document(write(tmp_path / "dam.md", source)).text
    assert "The dam failed at dawn, the water authority said in a statement on Wednesday." in text
    assert "Who pays?" in text
    assert text.endswith("Compiled by Talia Brennick; Editing by Oren Castellane")
    for chrome in ("Player", "Play Video", "Current Time", "Loaded", "Playback", "selected", "modal", "Modal", "caption",
                   "Pruett", "Briefing", "Email address"):  # fmt: skip
        assert chrome not in text


def test_web_page_drops_a_wires_end_mark_a_desks_address_and_a_story_tip_box(tmp_path: Path) -> None:
    page = _article_page(
        "Port strike ends",
        "Dockworkers voted to end the {n}-day strike on Tuesday, the union said in a statement.",
        "<h3>Got a story? Contact us</h3><p>Do you have a story for the Easterholm Courier? Email newsdesk@example.com "
        "or message us on our Facebook page.</p><p>Contact us</p>",
        "<p>economy@asiameridianpress.com</p><p>(END)</p>",
    )
    text = read_document(write(tmp_path / "port.html", page)).text
    assert text.count("Dockworkers voted to end the") == 8
    for chrome in ("Got a story", "Easterholm", "Contact us", "economy@", "(END)"):
        assert chrome not in text


_STANDFIRST_PAGE = (
    "<html><head><title>Serbia faces EU warning over gas pipeline</title></head><body>"
    "<header><h1>Serbia faces EU warning over gas pipeline</h1>"
    "<div data-gu-name='standfirst'><p>Brussels says the deal with Gazprom could jeopardise accession talks, "
    "as the president insists the country must look after its citizens</p></div></header>"
    "<article><p>The European Commission warned Serbia on Tuesday that extending a gas pipeline from Russia would "
    "breach the bloc's sanctions policy, officials in Brussels said after a meeting of ambassadors.</p>"
    "<p>The government in Belgrade said the extension was needed to keep homes warm through the winter and that "
    "it would not give up the deal, which was signed in October after months of talks.</p>"
    "{after}</article></body></html>"
)


def test_html_a_standfirst_outside_the_article_comes_after_its_headline() -> None:
    # trafilatura keeps the article's container: the standfirst in the page's header, with its claim, was lost.
    from claimtrack.readers.html import read_html

    text = read_html(_STANDFIRST_PAGE.format(after="")).text
    assert text.startswith(
        "Serbia faces EU warning over gas pipeline\n\nBrussels says the deal with Gazprom could jeopardise accession "
        "talks, as the president insists the country must look after its citizens\n\nThe European Commission"
    )


def test_html_a_standfirst_marked_sub_heading_is_kept() -> None:
    """A regional site marks its standfirst `class="sub-heading"`: its claim ("Campaigners say ...") was lost (a QA
    pass)."""
    from claimtrack.readers.html import read_html

    page = _STANDFIRST_PAGE.format(after="").replace("<div data-gu-name='standfirst'>", "<div class='sub-heading'>")
    assert read_html(page).text.split("\n\n")[1].startswith("Brussels says the deal with Gazprom")


def test_html_a_subtitle_after_the_articles_body_began_is_no_standfirst() -> None:
    from claimtrack.readers.html import read_html

    video = "<div class='video'><p class='subtitle'>Watch the minister's statement on the pipeline in full here</p></div>"
    text = read_html(_STANDFIRST_PAGE.format(after=video).replace("<div data-gu-name='standfirst'>", "<div>")).text
    assert text.count("Watch the minister") <= 1
    assert text.split("\n\n")[1].startswith(("Brussels says", "The European Commission"))


GERMAN = (
    "Die Gewerkschaft der Lokführer hat für Donnerstag einen bundesweiten Streik im Personen- und Güterverkehr "
    "angekündigt. Nach Angaben der Bahn werden die meisten Fernzüge ausfallen, im Regionalverkehr soll ein "
    "Notfahrplan gelten. Der Vorsitzende der Gewerkschaft sagte, die Beschäftigten seien nicht länger bereit, "
    "auf ein faires Angebot zu warten. Die Bahn nannte den Streik unverhältnismäßig und rief zu weiteren "
    "Verhandlungen auf, die am kommenden Montag in Berlin fortgesetzt werden sollen."
)
UKRAINIAN = (
    "Уряд ухвалив рішення про підвищення мінімальної заробітної плати з першого січня наступного року. "
    "Міністр фінансів заявив, що бюджет має достатньо коштів для виплат, а підвищення торкнеться понад "
    "трьох мільйонів працівників. Опозиція назвала це рішення запізнілим і закликала уряд переглянути "
    "податкову політику, щоб підтримати малий бізнес у прифронтових областях країни та біженців."
)


@pytest.mark.parametrize("text", [GERMAN, UKRAINIAN], ids=["German", "Ukrainian"])
def test_a_text_not_in_english_is_read_with_a_warning(tmp_path: Path, text: str) -> None:
    """A Ukrainian page gave no claim and said nothing, a German one fragments (a QA pass): the pipeline reads
    English, and the user is told."""
    path = write(tmp_path / "foreign.txt", text)
    assert read_document(path).warnings == (
        f"{path}: does not read as English, the language claimtrack's pipeline reads: few claims, if any",
    )


def test_an_english_text_with_foreign_names_is_read_without_a_warning(tmp_path: Path) -> None:
    text = (
        "Die Linke and Bündnis 90/Die Grünen said on Monday that the Bundestag would vote on the Sondervermögen "
        "for the Bundeswehr next week. Friedrich Merz told reporters in Berlin that the coalition had the votes, "
        "and that the package of 100 billion euros would be spent on air defence and ammunition by 2027."
    )
    assert read_document(write(tmp_path / "berlin.txt", text)).warnings == ()


# A caption is the picture's, as the HTML reader drops a <figcaption>: "drivers say …" under a photo is no claim of
# the article; a credit that says it is one marks a caption even where the scraper left no picture.
CAPTIONS = (
    "# Tram depot to close\n\nThe city will close the Eastgate tram depot in May, the transport office said.\n\n"
    "![](https://example.com/depot.jpg)\n\n"
    "The Eastgate depot, where drivers say they were promised new cabs. (Harbour Photos)\n\n"
    "![Depot yard](https://example.com/yard.jpg)\n\n"
    "Empty trams stand in the yard on Monday, April 6, 2026. Lakeside Post/Ines Varga\n\n"
    "Union steward Tomas Brill said the closure would cost 90 jobs.\n\n"
    "Drivers block the depot gates at dawn. Video: Eastgate Community TV\n\n"
    "![](https://example.com/map.jpg)\n\nThe depot opened in 1961.\n",
    "Tram depot to close\n\nThe city will close the Eastgate tram depot in May, the transport office said.\n\n"
    "Union steward Tomas Brill said the closure would cost 90 jobs.\n\nThe depot opened in 1961.",
)
BIO_AND_CITATION = (
    '---\ntitle: "Ferry fares to rise"\nauthor: "Priya Lindqvist"\n---\n'
    "Ferry fares will rise by 8% in June, the operator said on Tuesday.\n\n"
    "Passenger groups said the rise was unfair.\n\n"
    "### Cite this article\n\nLindqvist, P. (2026) Ferry fares to rise. The Harbour Ledger.\n\n"
    "**Priya Lindqvist** is the Harbour Ledger's transport reporter. She has covered the ferries since 2021.\n",
    "Ferry fares to rise\n\nFerry fares will rise by 8% in June, the operator said on Tuesday.\n\n"
    "Passenger groups said the rise was unfair.",
)
APPEAL = (
    "# Bridge reopens\n\nThe bridge reopened on Friday, the council said.\n\n### Support independent journalism\n\n"
    "The Valley Courier is funded by its readers. We answer to nobody but you.\n\n"
    "[Become a member](https://example.com/join)\n\nTraffic was light on the first morning, police said.\n",
    "Bridge reopens\n\nThe bridge reopened on Friday, the council said.\n\nTraffic was light on the first morning, police said.",
)


@pytest.mark.parametrize(
    ("source", "expected"), [CAPTIONS, BIO_AND_CITATION, APPEAL], ids=["captions", "bio-and-citation", "appeal"]
)
def test_scraped_markdown_drops_captions_the_authors_bio_a_citation_and_an_appeals_box(
    tmp_path: Path, source: str, expected: str
) -> None:
    assert read_document(write(tmp_path / "page.md", source)).text == expected


def test_a_pages_cite_this_box_is_not_read_as_its_text() -> None:
    from claimtrack.readers.html import read_html

    body = "".join(
        f"<p>The harbour board said on Monday that fees for cargo ships would rise by {n}% next year.</p>" for n in (3, 4, 5)
    )
    page = read_html(
        f"<html><head><title>Fees: What Ports Charge</title></head><body><article><h1>Fees: What Ports Charge</h1>{body}"
        "<div class='cite'><h3>Cite this report</h3><p>Okafor, J. (2026) Fees: What Ports Charge. Harbour Institute.</p>"
        "</div></article></body></html>"
    )
    assert "Cite this" not in page.text and "Okafor, J." not in page.text
    assert page.text.endswith("would rise by 5% next year.")


@pytest.mark.parametrize(
    ("head", "author"),
    [
        (
            '<script type="application/ld+json">{"@type": "Report", "author": [{"@type": "Person", "name": "Mira Olsen"},'
            ' {"@type": "Person", "name": "Jonas Weir"}, {"@type": "Organization", "name": "Harbour Institute"}]}</script>',
            "Mira Olsen; Jonas Weir",
        ),
        ("", "Jonas Weir"),  # no JSON-LD: the author card's name without the title after it
    ],
)
def test_a_pages_author_is_stored_by_name_without_a_job_title(head: str, author: str) -> None:
    from claimtrack.readers.html import read_html

    body = "".join(f"<p>The harbour board said on Monday that fees would rise by {n}% next year.</p>" for n in (3, 4, 5))
    page = read_html(
        f"<html><head><title>Port fees rise</title>{head}</head><body><main><h1>Port fees rise</h1>"
        '<div class="author-card"><a class="name">Jonas Weir</a><p class="title">Research Analyst</p></div>'
        f"<article>{body}</article></main></body></html>"
    )
    assert page.metadata.author == author


@pytest.mark.parametrize(
    ("teaser", "kept"),
    [
        ('<p class="teaser">Campaigners say the closure will leave the valley without a bus on Sundays.</p>', True),
        ('<p class="article-intro">Campaigners say the closure will leave the valley without a bus on Sundays.</p>', True),
        # a card teasing another story links to it: no standfirst
        ('<p class="teaser"><a href="/x">Campaigners say the closure will leave the valley without a bus.</a></p>', False),
    ],
    ids=["teaser", "intro", "linked-card"],
)
def test_html_a_standfirst_marked_as_a_teaser_or_an_intro_is_kept(teaser: str, kept: bool) -> None:
    from claimtrack.readers.html import read_html

    body = "".join(
        f"<p>The county council voted on Tuesday to end the number {n} bus service in the Harrow valley from "
        "June, saying that the route had lost more than half of its passengers since 2019.</p>"
        for n in (3, 4, 5)
    )
    page = read_html(
        "<html><head><title>Valley bus route to close</title></head><body><header><h1>Valley bus route to close</h1>"
        f"{teaser}</header><div class='article-body'>{body}</div></body></html>"
    )
    standfirst = "Valley bus route to close\n\nCampaigners say the closure will leave the valley without a bus on Sundays.\n\n"
    assert page.text.startswith(standfirst) is kept


LIVE_POSTS = [
    ("13.18 GMT", "The chancellor said the levy on bank profits would raise £4bn a year by 2030."),
    ("12:41 BST", "The opposition leader said the budget did nothing for families with young children."),
    ("Wed 11 Mar 10.02am", "Economists expect about £12bn of tax rises, most of them falling on businesses."),
]


def test_scraped_markdown_leaves_out_a_live_pages_key_events_and_time_stamps() -> None:
    posts = "".join(f"{stamp}\n\n{text}\n\n" for stamp, text in LIVE_POSTS)
    text = markdown_to_text(f"# Budget live\n\n**Key moments**\n\n{posts}")
    assert text == "\n\n".join(["Budget live", *(text for _, text in LIVE_POSTS)])


def test_html_leaves_out_a_live_pages_key_events_and_time_stamps() -> None:
    from claimtrack.readers.html import read_html

    posts = "".join(
        f"<article class='post'><p class='post-time'><span>{stamp}</span></p><p>{text}</p></article>"
        for stamp, text in LIVE_POSTS
    )
    page = read_html(
        "<html><head><title>Budget live</title></head><body><main><h1>Budget live</h1>"
        f"<div class='key-events'><h2>Key events</h2><ul><li><a href='#a'>Levy</a></li></ul></div>{posts}</main></body></html>"
    )
    assert page.text == "\n\n".join(["Budget live", *(text for _, text in LIVE_POSTS)])
