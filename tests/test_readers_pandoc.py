"""Pandoc's Markdown of a saved page: its divs of furniture dropped, its attributes and spans made plain text."""

from __future__ import annotations

from pathlib import Path

from claimtrack.ingest import read_document
from claimtrack.readers.pandoc import from_pandoc, is_pandoc_markdown

PAGE = """---
title: Councillors reject quarry \\| The Corriebrook Herald
---

::: {.skip-links}
[Skip to content](#main){.skip-link}
:::

:::::: {.site-header role="banner"}
[Subscribe from £1](https://example.org/subscribe){.btn}
::::::

::: {#primary-nav .nav}
-   [News](https://example.org/news){.nav__link .nav__link--active}
-   [Sport](https://example.org/sport){.nav__link}
:::

:::::: {.article}
# Councillors reject quarry {#headline .article-header__title}

[Developer says it will appeal]{.article-header__standfirst}

::: {.share-bar aria-label="Share"}
[[Share on
Facebook]{.visually-hidden}](https://facebook.com/share){.share-bar__link}
:::

The committee voted nine to two against the scheme, officials said.

"We had geologists, schoolchildren, farmers---people who never wrote to the council," she said.

::: pullquote
> "You cannot mitigate the loss of a hill."
:::

::: {#comments .comments}
Well done to everyone who wrote in.
:::
::::::

::::: {.site-footer role="contentinfo"}
© 2026 Herald Newspapers Ltd, 14--16 Mill Wynd.
:::::
"""


def test_pandoc_markdown_is_recognised_by_its_divs_or_attributes() -> None:
    assert is_pandoc_markdown(PAGE)
    assert is_pandoc_markdown("See [the report](https://example.org){.external}.")
    assert not is_pandoc_markdown("# Headline\n\nThe minister said {braces} are fine. [A link](https://example.org)\n")


def test_divs_of_furniture_go_with_all_they_hold_and_other_divs_keep_their_text() -> None:
    text = from_pandoc(PAGE)
    for furniture in ("Skip to content", "Subscribe from", "News", "Sport", "Share on", "Well done", "Mill Wynd"):
        assert furniture not in text
    assert "You cannot mitigate the loss of a hill." in text  # a pull quote's div is no furniture
    assert ":::" not in text and "{." not in text and "{#" not in text


def test_attributes_spans_and_dashes_become_plain_markdown() -> None:
    text = from_pandoc(PAGE)
    assert "# Councillors reject quarry\n" in text
    assert "Developer says it will appeal\n" in text
    assert "farmers\u2014people" in text
    assert from_pandoc("::: note\nPages 14--16.\n:::") == "Pages 14\u201316."


def test_a_pandoc_page_reads_as_its_article(tmp_path: Path) -> None:
    path = tmp_path / "quarry.md"
    path.write_text(PAGE, encoding="utf-8")
    document = read_document(str(path))
    assert document.metadata.title == "Councillors reject quarry"
    assert document.text.startswith("Councillors reject quarry\n\nDeveloper says it will appeal\n\nThe committee voted")
    assert '"We had geologists, schoolchildren, farmers\u2014people who never wrote to the council," she said.' in document.text
