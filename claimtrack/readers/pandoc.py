"""Pandoc's own Markdown made CommonMark: what ``pandoc -t markdown`` writes of a saved web page.

Pandoc keeps the page's structure in syntax that CommonMark does not know:
fenced divs (``::: {.share-bar}`` … ``:::``) for every ``<div>``,
attributes after links, images and headings (``[News](/news){.nav__link}``,
``# Headline {#headline .title}``), bracketed spans (``[By Jo Bloggs]{.byline}``)
and its "smart" dashes (``---``, ``--``). Read as CommonMark, the attributes
were words of every line, so a navigation list was no longer a list of
links alone, and the divs' fences were paragraphs of colons.

The divs also say what they hold: a div whose class or id names the page's
furniture (``.site-header``, ``#primary-nav``, ``.share-bar``,
``.newsletter-signup``, ``.comments``, ``role="contentinfo"``) is dropped
with all it holds, as trafilatura drops such ``<div>`` s of an HTML page.
Other divs keep their text.
"""

from __future__ import annotations

import re

# A fence line: three colons or more, then, on an opening fence, the div's attributes or one class name.
_FENCE = re.compile(r"^ {0,3}(:{3,})\s*(?P<attributes>\{[^{}]*\}|[^\s:{}][^\s{}]*)?\s*:*\s*$")
# An attribute block: {#id .class key="value"}, possibly wrapped over lines by pandoc's line width.
_ATTRIBUTES = r"\{\s*(?:[#.][\w:-]|[\w:-]+=)[^{}]*\}"
_SPAN = re.compile(r"\[([^\[\]]*)\]" + _ATTRIBUTES)
_AFTER_LINK = re.compile(r"(?<=\))" + _ATTRIBUTES)
_AFTER_HEADING = re.compile(r"^(#{1,6} .*?)\s+" + _ATTRIBUTES + r"\s*$", re.MULTILINE)
# What a div of the page's furniture is called: the block of a class's BEM name ("share-bar" of
# "share-bar__link--fb"), an id, or an ARIA role.
_FURNITURE = re.compile(
    r"skip-links?|ad|ads|ad-slot|ad-unit|gpt-ad|advert\w*|site-header|masthead|site-nav|\w*-?nav|navigation|menu"
    r"|breadcrumbs?|share|share-bar|share-tools|social|social-share|related(-\w+)?|newsletter(-\w+)?|subscribe\w*"
    r"|promo(-\w+)?|comments?|comment-section|site-footer|footer|sidebar|rail|most-read|trending|cookie(-\w+)?"
    r"|consent(-\w+)?|author-card|author-bio|paywall",
    re.IGNORECASE,
)
_FURNITURE_ROLES = frozenset({"banner", "navigation", "contentinfo", "complementary", "dialog"})
_NAMES = re.compile(r"(?:^|\s)[#.]?([\w-]+)")
_ROLE = re.compile(r"\brole=\"?(\w+)")


def is_pandoc_markdown(source: str) -> bool:
    """Whether ``source`` has pandoc's fenced divs or attribute blocks."""
    return bool(re.search(r"^:::", source, re.MULTILINE) or re.search(r"[\])]" + _ATTRIBUTES, source))


def from_pandoc(source: str) -> str:
    """``source`` with pandoc's divs of furniture dropped, the other divs' fences, the attribute blocks and the
    spans' brackets removed, and its ASCII dashes made the dashes they stand for."""
    text = "\n".join(_without_furniture_divs(source.splitlines()))
    previous = None
    while previous != text:  # spans nest ("[[Share on Facebook]{.visually-hidden}](…)"): innermost first
        previous, text = text, _SPAN.sub(r"\1", text)
    text = _AFTER_LINK.sub("", text)
    text = _AFTER_HEADING.sub(r"\1", text)
    text = re.sub(r"(?<=\w)---(?=\w)", "\u2014", text)  # "farmers---people": an em dash
    return re.sub(r"(?<=\d)--(?=\d)", "\u2013", text)  # "14--16": an en dash


def _without_furniture_divs(lines: list[str]) -> list[str]:
    """The lines outside divs of furniture, without any div's fences."""
    kept: list[str] = []
    open_divs: list[bool] = []  # for each div open here, whether it is furniture
    furniture = 0  # how many of them are
    for line in lines:
        fence = _FENCE.match(line) if line.lstrip(" ").startswith(":::") else None
        if fence is None:
            if not furniture:
                kept.append(line)
            continue
        attributes = fence["attributes"]
        if attributes is None:  # a closing fence: it ends the innermost div
            if open_divs:
                furniture -= open_divs.pop()
            continue
        open_divs.append(_is_furniture(attributes))
        furniture += open_divs[-1]
    return kept


def _is_furniture(attributes: str) -> bool:
    """Whether a div's attributes (``{#id .class role="…"}`` or a bare class name) name the page's furniture."""
    role = _ROLE.search(attributes)
    if role is not None and role[1].lower() in _FURNITURE_ROLES:
        return True
    inner = attributes.strip("{}")
    names = [match[1] for match in _NAMES.finditer(re.sub(r"[\w:-]+=\"[^\"]*\"|[\w:-]+=\S+", " ", inner))]
    return any(_FURNITURE.fullmatch(re.split(r"__|--", name)[0]) for name in names)
