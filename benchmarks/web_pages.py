"""How well claimtrack reads web pages: the article's paragraphs kept, the page's chrome dropped.

Reads the sixteen pages of tests/data/web-pages (our own articles in the
layouts publishers serve; see its README) as ``claimtrack extract`` does,
and counts, per page and in all, the article's paragraphs found in the
text, the pieces of chrome found in it, and the publication dates read
from the page's metadata. Quotes, spaces and footnote marks are compared
as a reader would (straight quotes, single spaces, "it.1" as "it.").

    .venv/bin/python benchmarks/web_pages.py
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from claimtrack.ingest import read_document

PAGES = Path(__file__).resolve().parent.parent / "tests" / "data" / "web-pages"
_QUOTES = str.maketrans("\u2018\u2019\u201c\u201d\u00a0", "''\"\" ")
_FOOTNOTES = re.compile(r"\[\d{1,2}\]|(?<=[.,;\"'])\d{1,2}(?=\s|$)")


def comparable(text: str) -> str:
    return " ".join(_FOOTNOTES.sub("", unicodedata.normalize("NFKC", text).translate(_QUOTES)).split())


def main() -> None:
    totals = {"paragraphs": 0, "kept": 0, "chrome": 0, "leaked": 0, "dated": 0}
    for page in sorted(PAGES.glob("*.html")):
        expected = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
        document = read_document(str(page))
        text = comparable(document.text)
        chrome = expected["must_not"] + expected["still_kept"]
        kept = sum(comparable(line) in text for line in expected["must"])
        leaked = sum(comparable(line) in text for line in chrome)
        dated = document.metadata.published == expected["published"]
        paragraphs, pieces = f"{kept:>2}/{len(expected['must']):<2}", f"{leaked:>2}/{len(chrome):<3}"
        print(f"{page.stem:32} paragraphs kept {paragraphs}  chrome kept {pieces}  date {'ok' if dated else 'WRONG'}")
        for key, n in (
            ("paragraphs", len(expected["must"])),
            ("kept", kept),
            ("chrome", len(chrome)),
            ("leaked", leaked),
            ("dated", dated),
        ):
            totals[key] += n
    print(
        f"all {len(list(PAGES.glob('*.html')))} pages: paragraphs kept {totals['kept']}/{totals['paragraphs']}, "
        f"chrome kept {totals['leaked']}/{totals['chrome']}, dates right {totals['dated']}"
    )


if __name__ == "__main__":
    main()
