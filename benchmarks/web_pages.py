"""How well claimtrack reads web pages: the article's paragraphs kept, the page's chrome dropped.

Reads the pages of tests/data/web-pages (our own articles in the
layouts publishers serve; see its README) as ``claimtrack extract`` does,
and counts, per page and in all, the article's paragraphs found in the
text, the pieces of chrome found in it, and the publication dates read
from the page's metadata. Quotes, spaces and footnote marks are compared
as a reader would (straight quotes, single spaces, "it.1" as "it.").

    .venv/bin/python benchmarks/web_pages.py
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
import unicodedata
from pathlib import Path

from claimtrack.ingest import read_document
from claimtrack.readers.html import PageMetadata, read_html
from claimtrack.readers.markdown import read_markdown

PAGES = Path(__file__).resolve().parent.parent / "tests" / "data" / "web-pages"
# What claimtrack asks of trafilatura (claimtrack/readers/html.py), so that the two do the same extraction.
TRAFILATURA_SETTINGS = {
    "with_metadata": True,
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "deduplicate": False,
    "date_extraction_params": {"extensive_search": False, "original_date": True},
}
_QUOTES = str.maketrans("\u2018\u2019\u201c\u201d\u00a0", "''\"\" ")
_FOOTNOTES = re.compile(r"\[\d{1,2}\]|(?<=[.,;\"'])\d{1,2}(?=\s|$)")


def comparable(text: str) -> str:
    return " ".join(_FOOTNOTES.sub("", unicodedata.normalize("NFKC", text).translate(_QUOTES)).split())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    accuracy()
    pages = [page.read_bytes().decode("utf-8", errors="replace") for page in sorted(PAGES.glob("*.html"))]
    speed(f"the {len(pages)} pages", pages, rounds)
    speed("a 250 KB page of blocks nested 40 deep", [nested_page(depth=40, paragraphs=2000)], rounds)
    speed("a page with 20,000 unclosed <h1> tags", [unclosed_headlines(20_000)], rounds)
    speed("a page with 5,000 newsletter pitches and e-mail fields", [sign_up_boxes(5_000)], rounds)
    scraped = [page.read_text(encoding="utf-8") for page in sorted(PAGES.glob("*.md")) if page.name != "README.md"]
    markdown_speed(f"the {len(scraped)} scraped Markdown files", scraped, rounds)
    unclosed = ":::: {.note}\nThe bridge reopened.\n" * 50_000
    markdown_speed("pandoc's Markdown with 50,000 unclosed fenced divs", [unclosed], rounds)


def nested_page(depth: int, paragraphs: int) -> str:
    paragraph = "<p>The council said on Monday that the bridge would reopen in May after repairs, officials said.</p>"
    inner = paragraph * paragraphs + '<p>Read more: <a href="/next">Another story</a></p>'
    for _ in range(depth):
        inner = f'<div class="block">{inner}{paragraph}</div>'
    return f"<html><head><title>A long page</title></head><body><article>{inner}</article></body></html>"


def unclosed_headlines(count: int) -> str:
    """Malformed markup that once made the search for the page's headline run to the page's end for each tag."""
    paragraph = "<p>The council said on Monday that the bridge would reopen in May, officials said.</p>"
    headlines = "<h1 class=x>Bridge " * count
    return f"<html><head><title>Bridge to reopen</title></head><body>{headlines}{paragraph * 20}</body></html>"


def sign_up_boxes(count: int) -> str:
    """Boxes found by their e-mail field and pitches by their sign-up link, each searched for among the page's."""
    paragraph = "<p>The council said on Monday that the bridge would reopen in May, officials said.</p>"
    box = '<div><p>Our newsletter, in your inbox. <a href="/nl">Sign up here.</a></p><form><input type="email"></form></div>'
    return f"<html><head><title>Bridge to reopen</title></head><body><article>{(paragraph + box) * count}</article></body></html>"


def markdown_speed(what: str, sources: list[str], rounds: int) -> None:
    """claimtrack's reading of scraped Markdown against markdown-it's parse alone (which it starts with)."""
    from markdown_it import MarkdownIt

    ours, theirs = [], []
    for _ in range(rounds):
        start = time.perf_counter()
        for source in sources:
            MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(source)
        theirs.append(time.perf_counter() - start)
        start = time.perf_counter()
        for source in sources:
            read_markdown(source, PageMetadata())
        ours.append(time.perf_counter() - start)
    a, b = statistics.median(theirs), statistics.median(ours)
    print(f"{what}: markdown-it's parse alone {a:.3f} s, claimtrack's reading {b:.3f} s (ratio {b / a:.2f}; medians of {rounds})")


def speed(what: str, pages: list[str], rounds: int) -> None:
    import trafilatura

    ours, theirs = [], []
    for _ in range(rounds):
        start = time.perf_counter()
        for page in pages:
            trafilatura.bare_extraction(page, **TRAFILATURA_SETTINGS)
        theirs.append(time.perf_counter() - start)
        start = time.perf_counter()
        for page in pages:
            read_html(page)
        ours.append(time.perf_counter() - start)
    a, b = statistics.median(theirs), statistics.median(ours)
    print(f"{what}: trafilatura alone {a:.3f} s, claimtrack's reading {b:.3f} s (ratio {b / a:.2f}; medians of {rounds})")


def accuracy() -> None:
    totals = {"paragraphs": 0, "kept": 0, "chrome": 0, "leaked": 0, "dated": 0}
    for answers in sorted(PAGES.glob("*.json")):
        expected = json.loads(answers.read_text(encoding="utf-8"))
        page = next(path for path in PAGES.glob(answers.stem + ".*") if path.suffix in (".html", ".md"))
        document = read_document(str(page))
        text = comparable(document.text)
        chrome = expected["must_not"] + expected["still_kept"]
        paragraphs = expected["must"] + expected["still_missed"]
        kept = sum(comparable(line) in text for line in paragraphs)
        leaked = sum(comparable(line) in text for line in chrome)
        dated = expected["published"] is None or document.metadata.published == expected["published"]
        counts, pieces = f"{kept:>2}/{len(paragraphs):<2}", f"{leaked:>2}/{len(chrome):<3}"
        print(f"{page.stem:32} paragraphs kept {counts}  chrome kept {pieces}  date {'ok' if dated else 'WRONG'}")
        for key, n in (
            ("paragraphs", len(paragraphs)),
            ("kept", kept),
            ("chrome", len(chrome)),
            ("leaked", leaked),
            ("dated", dated),
        ):
            totals[key] += n
    pages, scraped = len(list(PAGES.glob("*.html"))), len(list(PAGES.glob("*.json"))) - len(list(PAGES.glob("*.html")))
    print(
        f"all {pages} pages and {scraped} scraped: paragraphs kept {totals['kept']}/{totals['paragraphs']}, "
        f"chrome kept {totals['leaked']}/{totals['chrome']}, dates right {totals['dated']}"
    )


if __name__ == "__main__":
    main()
