"""Web pages to article text and page metadata, with trafilatura.

A publisher's page is mostly not the article: cookie banners, navigation,
share bars, advertisements, "related" boxes, trending lists, newsletter
boxes, comments and footers. trafilatura (the maintained main-text
extractor) finds the article; this module lays its paragraphs out as
claimtrack's document text (headline first, one block a paragraph, a blank
line between blocks) and keeps what the page says about itself: title,
canonical URL, author, publisher and publication date, which trafilatura
reads from the page's JSON-LD, Open Graph and meta tags.

trafilatura is imported only when a page is read: commands that read no
HTML never load it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Set
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .html_plain import extract_html_text

if TYPE_CHECKING:  # pragma: no cover
    from lxml.etree import _Element

__all__ = ["PageMetadata", "WebPage", "read_html"]

# trafilatura's elements that hold one paragraph of text each.
_BLOCKS = frozenset({"p", "head", "item", "quote", "row", "code"})
# Containers whose children are blocks of their own.
_CONTAINERS = frozenset({"list", "table", "div", "quote"})
_SPACES = re.compile(r"[ \t\f\v]+")


@dataclass(frozen=True)
class PageMetadata:
    """What a page says about itself; every field is None when the page does not say."""

    title: str | None = None
    url: str | None = None  # canonical URL (link rel=canonical, og:url, JSON-LD)
    author: str | None = None  # as the page gives it; several are joined by "; "
    publisher: str | None = None  # site name or publisher (og:site_name, JSON-LD publisher)
    published: str | None = None  # publication date, ISO 8601 (YYYY-MM-DD)


@dataclass(frozen=True)
class WebPage:
    """The article text of a page, its metadata, and whether an article was found at all."""

    text: str
    metadata: PageMetadata
    article_found: bool  # False: no article, ``text`` is every paragraph of the page
    lists_articles: bool = False  # the text reads as a list of other articles' teasers (a section front), not one


def read_html(html: str) -> WebPage:
    """The article of ``html`` as paragraphs (headline first) plus the page's metadata.

    When trafilatura finds no article (a fragment, a page with one short
    paragraph), the text is every readable paragraph of the page instead, and
    ``article_found`` says so. Never raises on malformed HTML.
    """
    extracted = _trafilatura_extract(_prepared(html))
    if extracted is None:
        return WebPage(extract_html_text(html), PageMetadata(), article_found=False)
    metadata = _metadata(extracted)
    metadata = replace(metadata, author=_authors_by_name(html, metadata.author))
    headline = _visible_headline(html, metadata.title)
    if headline is not None:
        metadata = replace(metadata, title=headline)
    found = _blocks(extracted.body) if extracted.body is not None else []
    blocks = [
        block for block in _without_contacts(without_citation_boxes(to_sign_off(found))) if not _LABEL_BLOCK.fullmatch(block)
    ]
    if len(blocks) < 2:
        # No article, or trafilatura's last resort for small pages: all the
        # page's text run together as one paragraph. Paragraphs read better.
        plain = extract_html_text(html)
        if len(blocks) == 0 or "\n\n" in plain:
            return WebPage(plain, metadata, article_found=False)
    if metadata.title and blocks[0] != metadata.title:
        blocks.insert(0, metadata.title)
    standfirst = _standfirst(html)
    if standfirst is not None and not any(standfirst in " ".join(block.split()) for block in blocks):
        blocks.insert(1 if blocks[0] == metadata.title else 0, standfirst)
    return WebPage("\n\n".join(blocks), metadata, article_found=True, lists_articles=_lists_articles(html, blocks))


# A headline that links to its article, as a section front's cards and a "Related" box show them: "<h2><a …>…</a></h2>",
# "<a …><h3>…</h3></a>".
_LINKED_HEADLINE = re.compile(
    r"<h([2-4])\b[^>]*>\s*<a\b[^>]*>(.{1,400}?)</a>\s*</h\1\s*>|<a\b[^>]*>\s*<h([2-4])\b[^>]*>(.{1,400}?)</h\3\s*>",
    re.IGNORECASE | re.DOTALL,
)
# A text is a list of articles when this many of its blocks are such headlines, and this share of them.
_LISTED_HEADLINES = 3
_LISTED_SHARE = 0.3


def _lists_articles(html: str, blocks: list[str]) -> bool:
    """Whether the text read from a page is a list of other articles (a section front, a tag page: a headline
    linking to each and its teaser) rather than one article: trafilatura reads such a page as one text."""
    if html.count("<a", 0, _HEADLINE_SEARCH) < _LISTED_HEADLINES:
        return False
    import html as entities

    found = _LINKED_HEADLINE.findall(html, 0, _HEADLINE_SEARCH)
    linked = {" ".join(entities.unescape(_TAG.sub(" ", inside or around)).split()) for _, inside, _, around in found}
    listed = sum(block in linked for block in blocks)
    return listed >= _LISTED_HEADLINES and listed >= _LISTED_SHARE * len(blocks)


def _authors_by_name(html: str, author: str | None) -> str | None:
    """The page's authors by name alone: as its JSON-LD names the people who wrote it, else the author
    trafilatura read from the byline's markup without a job title after a name ("Rafael Imbert Research Analyst",
    an author card's name and title run together)."""
    named = _json_ld_authors(html)
    if named:
        return "; ".join(named)
    if author is None:
        return None
    names = [ROLE_AFTER_NAME.sub("", name) for name in author.split("; ")]
    return "; ".join(name for name in names if name) or None  # "Staff Writer" alone names nobody


# A job title after an author's name: "Kerry Madoc Senior Reporter", "Rafael Imbert Research Analyst".
ROLE_AFTER_NAME = re.compile(
    r"( (Senior|Chief|Deputy|Political|Defence|Defense|Foreign|Staff|Special|Investigations|News|Court|Crime|Health"
    r"|Business|Security|Diplomatic|Economics|Contributing|Research|Policy|Visiting|Associate|Principal|Managing"
    r"|Executive))* (Reporter|Correspondent|Editor|Writer|Journalist|Producer|Analyst|Fellow|Researcher|Director)$"
)
_JSON_LD = re.compile(r"<script[^>]*application/ld\+json[^>]*>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)


def _json_ld_authors(html: str) -> list[str]:
    """The names of the people the page's JSON-LD gives as the author of the first item that has one."""
    import json

    for script in _JSON_LD.findall(html, 0, _HEADLINE_SEARCH):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        authored = next(_with_author(data), None)
        if authored is not None:
            return _person_names(authored["author"])
    return []


def _with_author(data: object) -> Iterator[dict]:
    """The JSON-LD objects in ``data`` (a list, a ``@graph``) that name an author, in document order."""
    if isinstance(data, list):
        for item in data:
            yield from _with_author(item)
    elif isinstance(data, dict):
        if "author" in data:
            yield data
        yield from _with_author(data.get("@graph"))


def _person_names(author: object) -> list[str]:
    """The names in a JSON-LD author: a name, a Person, or a list of them (an Organization is no person)."""
    items = author if isinstance(author, list) else [author]
    names = []
    for item in items:
        if isinstance(item, dict) and item.get("@type", "Person") == "Person":
            item = item.get("name")
        if isinstance(item, str) and item.strip():
            names.append(" ".join(item.split()))
    return names


# A standfirst (dek) under the headline, as publishers' templates mark it ("standfirst", "subheadline", "sub-heading",
# "dek", "strapline", "subtitle"): trafilatura keeps it only when it is inside the article's own container,
# and it often states the story's main claim ("Brussels says Belgrade's deal … could jeopardise …").
_STANDFIRST_HINT = re.compile(r"standfirst|sub-?head(?:line|ing)|\bdek\b|strapline|\bsubtitle\b", re.IGNORECASE)
# Its length in words: a sentence or two, not a label ("Analysis") nor a teaser list.
_STANDFIRST_WORDS = (6, 80)
# How far after the headline's tag a standfirst's mark is looked for (a header's markup, not the whole page).
_STANDFIRST_SEARCH = 6_000
# A paragraph this long is the article's body: a standfirst comes before it.
_BODY_PARAGRAPH_WORDS = 20


def _standfirst(html: str) -> str | None:
    """The text of the element after the page's ``<h1>`` that its attributes call a standfirst, if it comes
    before the article's first paragraph of some length."""
    page = html[:_HEADLINE_SEARCH]
    headline = page.lower().find("<h1")
    near = page[headline : headline + _STANDFIRST_SEARCH] if headline >= 0 else ""
    if not (_STANDFIRST_HINT.search(near) or _LEAD_MARK.search(near)):
        return None  # most pages: parsed again only when a hint follows the headline closely
    import lxml.html
    from lxml.etree import LxmlError

    try:
        root = lxml.html.fromstring(page)
    except (LxmlError, ValueError):
        return None
    after_headline = False
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "h1":
            after_headline = True
        elif after_headline and _marked_standfirst(element):
            text = " ".join(element.text_content().split())
            return text if _STANDFIRST_WORDS[0] <= len(text.split()) <= _STANDFIRST_WORDS[1] else None
        elif after_headline and element.tag == "p" and len(element.text_content().split()) >= _BODY_PARAGRAPH_WORDS:
            return None
    return None


# Classes that mark a standfirst in some templates and cards of other stories in others: "teaser", "intro", "lead".
_LEAD_HINT = re.compile(r"teaser|intro|\blead\b|\blede\b|summary|excerpt", re.IGNORECASE)
_LEAD_MARK = re.compile(r"<p\b[^>]*\bclass=[\"']?[^\"'>]*(teaser|intro|\blead\b|\blede\b|summary|excerpt)", re.IGNORECASE)


def _marked_standfirst(element: _Element) -> bool:
    """Whether an element's attributes call it a standfirst; one called a teaser or an intro is one when it is a
    paragraph without a link (a card teasing another story is a box, and links to it)."""
    hints = _hints(element)
    if _STANDFIRST_HINT.search(hints):
        return True
    return element.tag == "p" and _LEAD_HINT.search(hints) is not None and next(element.iter("a"), None) is None


def _hints(element: _Element) -> str:
    """What an element's class, id and data attributes say it is."""
    return " ".join(str(value) for name, value in element.attrib.items() if name in ("class", "id") or name.startswith("data-"))


def _without_contacts(blocks: list[str]) -> list[str]:
    """The blocks without a press office's contact box: its heading ("Media enquiries") and the short lines after it
    ("Spokesperson: …", "Telephone: 021 555 0188", "Press Office, Ministry of …")."""
    kept: list[str] = []
    in_contacts = False
    for block in blocks:
        if _CONTACTS_HEADING.fullmatch(block):
            in_contacts = True
        elif not (in_contacts and _CONTACT_LINE.fullmatch(block)):
            in_contacts = False
            kept.append(block)
    return kept


_CONTACTS_HEADING = re.compile(
    r"\W*((media|press) (enquiries|inquiries|contacts?)|for (media|press) (enquiries|inquiries))\W*", re.I
)
# A line of a contact box: short, with a label ("Telephone: …"), a number, an address, or no full stop.
_CONTACT_LINE = re.compile(r"(?=.{1,120}$)(?:[^.!?]*|.*(?:\w:\s|@|\d{3}).*)", re.DOTALL)


# A wire story's last line ("Reporting by … in Lund; Editing by …").
_SIGN_OFF = re.compile(
    r"\W*(additional )?(reporting|writing|compiled) by .{1,200}\b(editing|writing|compiled) by .{1,120}", re.IGNORECASE
)


def to_sign_off(blocks: list[str]) -> list[str]:
    """The blocks up to a wire story's sign-off ("Reporting by …; Editing by …"), which ends the article: the
    agency's standards, licensing links and topic lists come after it."""
    end = next((n for n, block in enumerate(blocks) if _SIGN_OFF.fullmatch(block)), None)
    return blocks if end is None else blocks[: end + 1]


# A "Cite this" box's heading ("Cite this report", "How to cite this article", "Suggested citation") over the
# citation of the page itself, and a citation after its label on one line ("Cite as: Korb, A. (2026) …").
_CITATION_HEADING = re.compile(r"\W*((how to )?cite this( \w+){0,2}|suggested citation|citation|cite as)\W*", re.IGNORECASE)
_CITATION_LABELLED = re.compile(r"\W*(suggested citation|cite (this( \w+){0,2} )?as|how to cite)\W*:.{1,400}", re.I | re.S)
# The citation under such a heading: short, and dated with a year ("Korb, A. and Imbert, R. (2026) Shadow …").
_CITATION = re.compile(r"(?=.{1,500}$).*\b(19|20)\d{2}\b.*", re.DOTALL)


def without_citation_boxes(blocks: list[str]) -> list[str]:
    """The blocks without a "Cite this" box: a think tank's or a journal's citation of the page itself is its
    furniture, and its title would be read as a claim ("Shadow Fleets: How Sanctioned Oil …")."""
    kept: list[str] = []
    heading = False
    for block in blocks:
        if _CITATION_HEADING.fullmatch(block):
            heading = True
        elif not (heading and _CITATION.fullmatch(block)) and not _CITATION_LABELLED.fullmatch(block):
            heading = False
            kept.append(block)
    return kept


# A live page's time stamp on a line of its own, over its post: "13.18 GMT", "12:41 BST", "10.02am", "Wed 11 Mar 13.05".
TIME_STAMP = (
    r"((mon|tue|wed|thu|fri|sat|sun)\w{0,6},? )?(\d{1,2} [a-z]{3,9},? (\d{4},? )?)?"
    r"(\d{1,2}[.:]\d{2}( ?[ap]\.?m\.?)?|\d{1,2} ?[ap]\.?m\.?)"
    r"( (gmt|bst|utc|cet|cest|eet|eest|est|edt|cst|cdt|mst|mdt|pst|pdt|ist|jst|aest|aedt|msk)([+-]\d{1,2})?)?"
)


# An advertisement's label, left standing between paragraphs where the advertisement was, a copyright line
# ("© 2026 Meridian Press Agency. All rights reserved. …") closing an agency's story, or a player's or a live
# page's label inside the article ("Listen to this article", "5 min", "New updates", "Media caption,").
_LABEL_BLOCK = re.compile(
    r"\W*(advertisements?|sponsored( content)?|ad)(\s*[·|–—-]\s*(scroll|story) continues( below)?)?\W*"
    r"|(©|\(c\)|copyright( ©)?) ?\d{4}\b.{0,200}?\ball rights reserved\b.{0,200}"
    r"|\W*(listen to this (article|story)|\d{1,2} min(ute)?s?( read| listen)?|(show \d+ )?new updates?|refresh"
    rf"|key (events|moments)|{TIME_STAMP}"
    r"|live reporting|key update|summary|media caption,?|play video,? .{0,200}duration:? \d{1,2}:\d{2}|page \d+ of \d+"
    r"|close panel"
    r"|table of contents|video (loading|unavailable)|(click|tap) to play|play now|whatsapp|e-?mail"
    # a tabloid's tip box and a newsletter platform's paywall: "Got a story? Email us", "Keep reading with a 7-day free trial"
    r"|(got|have you got|do you have) a story( for [^?]{1,60})?\??( (email|contact) us)?.{0,200}"
    r"|send (us )?your (stories|pictures|photos|videos|tips).{0,200}"
    # a wire's end mark, a desk's address, a photo credit in brackets: "(END)", "economy@agency.com", "(AMP Photo/…)"
    r"|\(end\)|[\w.+-]+@[\w-]+(\.[\w-]+)+|\((\w+ )?photo/[^()]{1,60}\)|contact us|facebook|twitter|instagram|linkedin"
    r"|keep reading with a .{0,40}free trial|subscribe to .{1,80} to keep reading.{0,200}"
    # a newsroom's appeals and a page's own prompts: "… is a nonprofit newsroom. … please consider a donation …",
    # "Was this article helpful?", "View this post on Instagram", "Republish this article for free …"
    r"|[^“”\"]{0,300}\bplease consider (making )?(a( \w+){0,2} (donation|gift|contribution)"
    r"|becoming a (member|subscriber|supporter|donor)|supporting (us|our)\b)[^“”\"]{0,200}"
    r"|support (our work|independent( local)? (reporting|journalism)|local journalism)"
    r"|was this (article|story|fact-check|page) helpful\??"
    # a poll's note, a donation platform's box: "This is not a scientific poll.", "Support us on Patreon", "Become a
    # patron from 3 euros a month."
    r"|(this is )?not a scientific (poll|survey)|(online |reader )?polls? (is|are) not scientific|support us( on \w+)?"
    r"|[^“”\"]{0,300}\bbecome a (patron|paying member|supporter)\b[^“”\"]{0,100}"
    # a reader-funded site's line and a corrections prompt: "Veracium is funded by readers, not advertisers.",
    # "Spotted an error? Read our corrections policy …"
    r"|[^“”\"]{0,200}\b(funded by (its |our )?readers|readers like you chip in)\b[^“”\"]{0,200}"
    r"|(spotted|found|see) an? (error|mistake|typo)\?.{0,200}|(picture|photo(graph)?|image|credit)s?: [^.“”\"]{1,80}"
    r"|view this post on (instagram|x|twitter|facebook|tiktok)|show key (updates|events) only|please disable your ad ?blocker"
    r"|republish this (article|story).{0,120}|subscribe to our (telegram|whatsapp) channel.{0,100}"
    # an old CMS's comment section: "Reader Comments (2)", "Posted by farm_wife55 on Feb 10, 2026 7:15 AM …"
    r"|(reader|readers'?|user|story) comments( \(\d+\))?|post a comment|you must be logged in to (post|leave) a comment.{0,80}"
    r"|posted by \S{1,40} on [A-Z][a-z]{2,8}\.? \d{1,2}, \d{4},? \d{1,2}:\d{2} ?[AaPp]\.?[Mm]\.?.{0,400})\W*",
    re.IGNORECASE | re.DOTALL,
)
# The page's one top-level heading, as it is marked up: the headline a reader sees.
_H1 = re.compile(r"<h1\b[^>]*>(.{0,2000}?)</h1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
# A headline shares at least this share of its words with the title a page's metadata gives (the same story).
_SAME_HEADLINE = 0.6


def _visible_headline(html: str, title: str | None) -> str | None:
    """The page's one ``<h1>``, when it tells the same story as ``title`` in other words: social titles are
    shortened or restyled ("… ferries laid on – live" for the headline "… ferries laid on as Calderport braces
    for gusts"), and the text starts with the headline the reader saw. None to keep ``title``."""
    if title is None or html.lower().count("<h1", 0, _HEADLINE_SEARCH) != 1:
        return None  # counted first: a search for each of many unclosed "<h1" would run to the page's end
    found = _H1.findall(html, 0, _HEADLINE_SEARCH)
    if len(found) != 1:
        return None
    import html as entities

    headline = " ".join(entities.unescape(_TAG.sub(" ", found[0])).split())
    words, named = set(headline.lower().split()), set(title.lower().split())
    if not headline or headline == title or len(words & named) < _SAME_HEADLINE * min(len(words), len(named)):
        return None
    return headline


# How far into a page its headline is looked for: a page's top, not a 50 MB dump's end.
_HEADLINE_SEARCH = 2_000_000


# Inline elements that may wrap a link on a line of its own ("<b><a>…</a></b>").
_INLINE = frozenset({"b", "strong", "em", "i", "u", "span", "small", "font"})
# Elements whose lines are not checked: a headline may be a link to its own page.
_KEPT_LINKS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "title", "head", "script", "style"})
# What may stand between two links of one line of links ("A | B", "A · B").
_SEPARATORS = re.compile(r"^[\s|·•/,;:–—-]*$")


def _prepared(html: str) -> str:
    """``html`` as trafilatura should see it: each of the steps below that the page may need, on one parse.

    A page that needs none, or that lxml cannot parse, is passed on as it came.
    """
    lower = html.lower()
    steps = [step for step, needed in _STEPS if needed(lower)]
    if not steps:
        return html
    import lxml.html
    from lxml.etree import LxmlError

    try:
        root = lxml.html.fromstring(html)
    except (LxmlError, ValueError):
        return html
    changed = [step(root) for step in steps]
    return lxml.html.tostring(root, encoding="unicode") if any(changed) else html


def _without_layout_tables(root: _Element) -> bool:
    """Tables that lay a page out made plain blocks; whether there were any.

    An old site's page is one table whose cells hold the menu, the story
    and the sidebars; trafilatura reads it as a table of data, every cell
    kept and the story's ``<br><br>`` paragraphs run together. A table that
    holds another table, or a cell of running text, or one row or one
    column only, lays out; a table of figures stays a table.
    """
    layout = [table for table in root.iter("table") if _lays_out(table)]
    # Each table's own rows and cells, found before any tag changes: a table of figures inside a layout stays one.
    parts = [
        element
        for table in layout
        for element in table.iter("thead", "tbody", "tfoot", "tr", "td", "th", "caption")
        if next(element.iterancestors("table"), None) is table
    ]
    for element in [*layout, *parts]:
        element.tag = "div"
    return bool(layout)


# A cell with more characters than this is running text, not a figure or a label.
_TEXT_CELL = 300


def _lays_out(table: _Element) -> bool:
    """A table that holds another, or a cell of running text, or that has not the rows and columns of a table of
    figures (one row, or one column: an old page's box for a pull quote or related links)."""
    if table.find(".//table") is not None:
        return True
    if any(len(" ".join(cell.text_content().split())) > _TEXT_CELL for cell in table.iter("td", "th")):
        return True
    rows = [len(row.findall("td") + row.findall("th")) for row in table.iter("tr")]
    return len(rows) < 2 or max(rows) < 2


def _without_link_lines(root: _Element) -> bool:
    """The page without the links that make a line of their own: the "Related stories" headlines, a line of
    navigation links inside the article's block, which trafilatura keeps as text when lines are made with
    ``<br>``. A link inside a sentence has words around it on its line and stays; so does a linked headline.
    Blocks that only send the reader elsewhere ("Read more: <a>…</a>", a "READ NEXT:" list, a card teasing
    another story) go too, label and all: trafilatura keeps them when they sit among the article's paragraphs.
    Whether anything went."""
    pointers = _pointers_elsewhere(root)
    for block in pointers:
        _drop_keeping_tail(block)
    alone = [link for parent in root.iter() if isinstance(parent.tag, str) for link in _links_alone(parent)]
    for link in alone:
        _drop_keeping_tail(link)
    return bool(alone or pointers)


# The label of a block that points to other pages: "Read more:", "RELATED:", "READ NEXT:", "See also".
_READ_MORE = re.compile(
    r"(?:read (?:more|next|also)|also read|related(?: stories| articles| coverage| content| links)?|see also"
    r"|more on this story|recommended(?: reading)?|don[’']?t miss|more from [\w ]{1,40})[\s:.…]*",
    re.IGNORECASE,
)
# Elements that may hold one such block.
_POINTER_BLOCKS = frozenset({"p", "div", "li", "ul", "section", "aside", "h2", "h3", "h4", "h5", "h6"})


# The class, id or data attribute of a card that teases another story ("rs-card" with data-mod="related-story",
# "read-more-links", "recommended", "also-read"): its headline and one-line summary read like the article's own.
_TEASER_HINTS = re.compile(r"related|read-?more|read-?next|recommended|more-?stories|also-?read|story-?card|teaser", re.I)
# A teaser is short; a container with such a class that holds more than this is taken for the article's own.
_TEASER_CHARACTERS = 600


def _pointers_elsewhere(root: _Element) -> list[_Element]:
    """The outermost blocks that point to other pages, or repeat the article in a machine's words: their words
    outside their links only a "Read more"-like label, or a short card whose attributes say it teases another
    story or was generated."""
    in_links = {node for link in root.iter("a") for node in link.iter()}
    found: list[_Element] = []
    for element in root.iter(*_POINTER_BLOCKS):
        if any(ancestor in found for ancestor in element.iterancestors()):
            continue
        label = _words_outside_links(element, in_links)
        if (label is not None and _READ_MORE.fullmatch(label)) or _is_teaser_or_machine_box(element):
            found.append(element)
    return found


# A label is short: reading a block's words stops once they are longer than this.
_LABEL_CHARACTERS = 60


def _words_outside_links(element: _Element, in_links: Set[_Element]) -> str | None:
    """The words under ``element`` that are not inside a link (``in_links``: every element inside one), or None
    once they are longer than a label: the article's own blocks are not read to their end."""
    pieces: list[str] = []
    length = 0
    for node in element.iter():
        texts = [node.text if node not in in_links and isinstance(node.tag, str) else None]
        if node is not element and node.getparent() not in in_links:
            texts.append(node.tail)
        for text in texts:
            if text and text.strip():
                pieces.append(text)
                length += len(text)
        if length > _LABEL_CHARACTERS:
            return None
    return " ".join(" ".join(pieces).split())


def _is_teaser_or_machine_box(element: _Element) -> bool:
    """A short block whose class, id or data attributes say it teases another story (and it has a link), or that a
    machine wrote it from the article."""
    hints = " ".join(str(value) for name, value in element.attrib.items() if name in ("class", "id") or name.startswith("data-"))
    if _MACHINE_HINTS.search(hints):
        return _is_short(element)  # a box a machine wrote ("Key takeaways", generated) or an "Ask our AI" widget
    if not hints or not _TEASER_HINTS.search(hints) or element.find(".//a") is None:
        return False
    return _is_short(element)


# The class, id or data attribute of a box a language model wrote from the article ("ai-summary", data-generated=
# "ai-assisted"), or of a widget to question one: the article's claims again, in a machine's words.
_MACHINE_HINTS = re.compile(r"(?<![a-z])ai(?![a-z])|askai|ai-?(summary|generated|assisted)", re.I)


def _is_short(element: _Element) -> bool:
    """Whether ``element`` holds no more text than a teaser or a box (the article's own container is longer)."""
    length = 0
    for text in element.itertext():
        length += len(text.strip())
        if length > _TEASER_CHARACTERS:
            return False  # the article's own container, whatever its class says
    return True


def _links_alone(parent: _Element) -> list[_Element]:
    """The links among ``parent``'s children that share each of their lines (between ``<br>``s) only with other
    links and separators."""
    if parent.tag in _KEPT_LINKS or parent.tag == "a":
        return []
    found: list[_Element] = []
    line: list[_Element] = []
    words = bool(parent.text and not _SEPARATORS.match(parent.text))
    for child in parent:
        if child.tag == "br":
            found.extend([] if words else line)
            line, words = [], False
        elif _is_link(child):
            line.append(child)
        elif isinstance(child.tag, str) and child.text_content().strip():
            words = True  # an element with words of its own: a sentence, not a line of links
        if child.tail and not _SEPARATORS.match(child.tail):
            words = True
    found.extend([] if words else line)
    return found


def _is_link(element: _Element) -> bool:
    """An ``<a>``, or an inline element holding one and nothing else ("<b><a>…</a></b>")."""
    if element.tag == "a":
        return True
    if element.tag not in _INLINE or (element.text and element.text.strip()) or len(element) != 1:
        return False
    child = element[0]
    return child.tag == "a" and not (child.tail and child.tail.strip())


def _drop_keeping_tail(element: _Element) -> None:
    """Remove ``element`` and its text, keeping the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail or ""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


# The classes of the <blockquote> each platform's embed code pastes into a page (X and Twitter, Instagram,
# TikTok, Bluesky, Threads, Mastodon, Facebook).
_POST_EMBEDS = (
    "twitter-tweet", "instagram-media", "tiktok-embed", "bluesky-embed", "text-post-media", "mastodon-embed",
    "fb-xfbml-parse-ignore", "telegram-post",
)  # fmt: skip
# Words in the class or id of a post's wrappers ("social-embed", "embed-block", "consent-wrapper"): trafilatura
# drops such elements, and the post with them.
_WRAPPER_HINTS = re.compile(r"embed|social|tweet|twitter|instagram|tiktok|telegram|consent", re.IGNORECASE)
# How many characters a wrapper may hold besides the post ("Skip twitter post by …", a disclaimer).
_WRAPPER_CHROME = 400


def _with_embedded_posts(root: _Element) -> bool:
    """Each embedded social-media post made a plain block quotation of one line, out of its wrappers; whether
    there was one.

    trafilatura drops a post's ``<blockquote class="twitter-tweet">`` with
    the embed wrappers around it, yet a post an article embeds is often the
    statement it reports ("The council said on X: …"). Its text and its
    signature ("— Name (@handle) March 3, 2026") are joined on one line, as
    the post reads when a page is pasted; wrappers holding little more than
    the post are replaced by it, with their chrome ("Skip twitter post").
    """
    import lxml.html

    posts = [q for q in root.iter("blockquote") if set(q.get("class", "").split()) & set(_POST_EMBEDS)]
    for post in posts:
        line = _one_line(post)
        replaced = _outermost_wrapper(post, len(line))
        quotation = lxml.html.Element("blockquote")
        paragraph = lxml.html.Element("p")
        paragraph.text = line
        quotation.append(paragraph)
        quotation.tail = replaced.tail
        parent = replaced.getparent()
        if parent is not None and line:
            parent.replace(replaced, quotation)
    return bool(posts)


def _one_line(post: _Element) -> str:
    """A post's words on one line, its paragraphs and its signature apart by a space."""
    parts = [post.text or ""]
    for child in post:
        parts += [child.text_content() if isinstance(child.tag, str) else "", child.tail or ""]
    return " ".join(_POST_LINK.sub(" ", " ".join(parts)).split())


# A post's link to its picture or to itself, written out as its text: "pic.twitter.com/abc123", "t.co/abc123".
_POST_LINK = re.compile(r"(?<!\S)(pic\.twitter\.com|t\.co)/\S+")


def _outermost_wrapper(post: _Element, size: int) -> _Element:
    """The outermost of ``post``'s embed wrappers that hold little besides it, or ``post`` itself."""
    wrapper = post
    for ancestor in post.iterancestors():
        hints = " ".join(str(ancestor.get(name, "")) for name in ("class", "id", "data-component", "data-testid"))
        if not _WRAPPER_HINTS.search(hints) or len(" ".join(ancestor.text_content().split())) - size > _WRAPPER_CHROME:
            break
        wrapper = ancestor
    return wrapper


def _with_quote_citations(root: _Element) -> bool:
    """The citation of each block quotation (its ``<cite>`` or ``<footer>``) made a paragraph; whether there was one.

    trafilatura drops both, and with them the source line of a pull quote
    ("— Kaja Kallas, EU foreign policy chief"), which is what makes the
    quotation someone's claim.
    """
    citations = [citation for quotation in root.iter("blockquote") for citation in quotation.iter("cite", "footer")]
    return bool(_as_paragraphs(citations))


def _as_paragraphs(citations: list[_Element]) -> list[_Element]:
    """The outermost of ``citations`` made paragraphs, without the classes trafilatura reads as an author's
    ("quote-author"): a ``<cite>`` inside a ``<footer>`` ("— <cite>Jane Doe</cite>, mayor") stays inline."""
    outermost = [c for c in citations if not any(a in citations for a in c.iterancestors("footer"))]
    for citation in outermost:
        citation.tag = "p"
        citation.attrib.pop("class", None)
        _signed(citation)
    return outermost


def _signed(citation: _Element) -> None:
    """A citation as a signature line, "— Name, title": a page's style sheet often draws the dash before a
    ``<cite>``, and the dash is what makes the line the quotation's signer rather than a sentence of its own
    (the quotation went to the speaker named before it)."""
    shown = "".join(citation.itertext()).lstrip()
    if shown and not shown.startswith(_DASHES):
        citation.text = "— " + (citation.text or "").lstrip()


_DASHES = ("—", "–", "―", "-", "~")


def _with_pull_quotes_unwrapped(root: _Element) -> bool:
    """Each ``<aside>`` that a page's classes call a pull quote and that holds a block quotation made plain blocks,
    its citation a paragraph; whether there was one. trafilatura drops asides, and a live blog's pull quote went
    with its speaker's line."""
    asides = [
        aside
        for aside in root.iter("aside")
        if _PULL_QUOTE.search(aside.get("class", "")) and aside.find(".//blockquote") is not None
    ]
    for aside in asides:
        _as_paragraphs(list(aside.iter("footer", "cite")))  # its speaker's line: "Petra Allingham, … minister"
        aside.drop_tag()
    return bool(asides)


_PULL_QUOTE = re.compile(r"pull-?quote", re.IGNORECASE)


def _with_quote_figures_unwrapped(root: _Element) -> bool:
    """Each ``<figure>`` that holds a block quotation and no picture made plain blocks, its ``<figcaption>`` a
    paragraph; whether there was one. trafilatura drops figures, and a pull quote set in one ("<figure><blockquote>
    …</blockquote><figcaption>— the mayor</figcaption></figure>") went with its citation."""
    figures = [
        figure
        for figure in root.iter("figure")
        if figure.find(".//blockquote") is not None and not any(True for _ in figure.iter(*_PICTURES))
    ]
    for figure in figures:
        for caption in figure.iter("figcaption"):
            caption.tag = "p"
        figure.drop_tag()
    return bool(figures)


_PICTURES = ("img", "picture", "video", "iframe", "svg", "amp-img")


# A <noscript> paragraph this long is article text, not a note that JavaScript is off.
_NOSCRIPT_PARAGRAPH = 80


def _with_noscript_text(root: _Element) -> bool:
    """The article paragraphs a page keeps in ``<noscript>`` for readers without JavaScript (the rest of a story
    it loads lazily) made ordinary blocks; whether there were any. trafilatura drops ``<noscript>``, or takes it
    for the whole article and drops the paragraphs before it."""
    kept = [
        block
        for block in root.iter("noscript")
        if any(len(" ".join(p.text_content().split())) >= _NOSCRIPT_PARAGRAPH for p in block.iter("p", "blockquote"))
    ]
    for block in kept:
        block.drop_tag()
    return bool(kept)


def _with_body_parts_joined(root: _Element) -> bool:
    """An article body split in parts by a module between them (a "Most read" rail, a newsletter) made one: the
    parts after the one marked ``itemprop="articleBody"`` that share its first class move into it; whether there
    were any. trafilatura takes the marked part for the whole article and drops the rest."""
    joined = False
    for body in root.xpath('//*[@itemprop="articleBody"]'):
        kind = (body.get("class") or "").split()[:1]
        parts = [sibling for sibling in body.itersiblings() if kind and (sibling.get("class") or "").split()[:1] == kind]
        for part in parts:
            body.extend(list(part))
            part.getparent().remove(part)
        joined = joined or bool(parts)
    return joined


def _with_live_posts_as_one(root: _Element) -> bool:
    """A live blog's posts, one ``<article>`` each side by side, made plain blocks of their container; whether there
    were any. trafilatura took the first post for the whole article and dropped the others (a QA pass: 3 of a
    live blog's 4 posts lost, with no warning)."""
    parents = {article.getparent() for article in root.iter("article") if article.getparent() is not None}
    joined = False
    for parent in parents:
        posts = [child for child in parent if child.tag == "article" and child.find(".//p") is not None]
        if len(posts) >= 2:
            for post in posts:
                post.tag = "div"
            joined = True
    return joined


def _without_sign_up_boxes(root: _Element) -> bool:
    """Each newsletter box (an e-mail field with its pitch: "Get the Morning Courier. The day's top stories in
    your inbox", whatever the site calls its classes) removed; whether there was one. The box is the largest
    block around the field with at most ``_SIGN_UP_CHARACTERS`` of text: never the article that holds it."""
    fields = root.xpath('//input[@type="email"]')[:_SIGN_UP_FIELDS]  # a page has one or two; a form of thousands is no box
    boxes = {_sign_up_box(field) for field in fields}
    boxes.discard(None)
    for box in boxes:
        _drop_keeping_tail(box)
    return bool(boxes)


_SIGN_UP_CHARACTERS = 300
_SIGN_UP_FIELDS = 20


def _sign_up_box(field: _Element) -> _Element | None:
    """The largest element around the e-mail ``field`` whose text is short enough to be a sign-up box alone."""
    box = None
    for ancestor in field.iterancestors():
        if ancestor.tag in ("body", "html", "article", "main"):
            break
        if len(" ".join(ancestor.text_content().split())) > _SIGN_UP_CHARACTERS:
            break
        box = ancestor
    return box


def _without_sign_up_pitches(root: _Element) -> bool:
    """Each short block that pitches a newsletter or a subscription and ends in its link ("The Metals Desk
    newsletter brings you the day's news every weekday. <a>Sign up here.</a>", "Unlimited access to all our
    articles, from €1 for the first month. <a>I subscribe</a>") removed; whether there was one. A wire story sets
    it between its paragraphs, with no e-mail field of its own (see :func:`_without_sign_up_boxes`)."""
    pitches = []
    for block in root.iter("p", "div"):
        link = next(block.iterchildren(reversed=True), None)  # the last child, without counting them all
        if link is None or link.tag != "a" or (link.tail or "").strip():
            continue
        if not _SIGN_UP_LINK.fullmatch(" ".join(link.text_content().split())):
            continue
        text = " ".join(block.text_content().split())
        if len(text) <= _PITCH and _PITCHED.search(text):
            pitches.append(block)
    for block in pitches:
        _drop_keeping_tail(block)
    return bool(pitches)


_SIGN_UP_LINK = re.compile(r"(i )?(sign up|subscribe|register|rsvp)( here| now| today| for free)?\W*", re.IGNORECASE)
# A newsletter's pitch, or a subscription's offer: "Unlimited access to all our articles, from €1 for the first month."
_PITCHED = re.compile(
    r"\b(newsletters?|inbox|briefing|unlimited access|free trial|first month|per month|a month|upcoming events?|webinar)\b",
    re.I,
)
_PITCH = 250


def _with_drop_caps_shown(root: _Element) -> bool:
    """A drop cap hidden from screen readers (``<span class="dropcap" aria-hidden="true">T</span>he harbour``)
    shown again; whether there was one. trafilatura drops what is ``aria-hidden``, and the article's first
    word lost its first letter ("he harbour"). Only a letter or two glued to the lower-case rest of a word is
    a drop cap: a hidden icon or a screen-reader duplicate is left hidden."""
    shown = [
        element
        for element in root.xpath('//*[@aria-hidden="true"]')
        if len(element) == 0 and _DROP_CAP.fullmatch(element.text or "") and (element.tail or "")[:1].islower()
    ]
    for element in shown:
        del element.attrib["aria-hidden"]
    return bool(shown)


_DROP_CAP = re.compile(r"[^\W\d_]{1,2}")


def _without_change_history(root: _Element) -> bool:
    """A government page's list of its own changes ("13 February 2026 Corrected the planned number …", "First
    published."), named so by its class or id, removed; whether there was one."""
    return _without_matching(root, _CHANGE_HISTORY)


def _without_matching(root: _Element, xpath: str) -> bool:
    """The elements ``xpath`` finds removed, with what they hold (their tails kept); whether there were any."""
    found = [element for element in root.xpath(xpath) if element.getparent() is not None]
    for element in found:
        _drop_keeping_tail(element)
    return bool(found)


_CHANGE_HISTORY = (
    '//*[contains(@class, "change-history") or contains(@id, "change-history") or contains(@class, "update-history")'
    ' or contains(@id, "update-history") or contains(@id, "full-history")]'
)
_PITCH_WORDS = ("newsletter", "inbox", "briefing", "month", "access", "event", "webinar")


def _without_footnotes(root: _Element) -> bool:
    """An article's footnotes or endnotes section removed, with its "Notes" heading; whether there was one. The
    notes explain the article ("Board minutes, April 6, 2016.", "Figures for March are provisional."): each was read
    as a paragraph of it, and one that reads as a sentence became a claim."""
    return _without_matching(root, _FOOTNOTES)


# Marked as notes by its role, or by a class or id whose word is "footnotes" or "endnotes" (a BEM block's too:
# "c-footnotes", "gw-footnotes"), or a newsletter platform's one note ("footnote"): not a note's mark in the text
# ("footnote-ref", "footnote-anchor"), nor an element inside the section ("c-footnotes__list"), which goes with it.
_FOOTNOTES = (
    '//*[@role="doc-endnotes" or @role="doc-footnotes" or @role="doc-footnote"'
    ' or @id="footnotes" or @id="endnotes"'
    ' or contains(concat(" ", normalize-space(@class), " "), " footnote ")'
    ' or contains(concat(" ", normalize-space(@class), " "), " footnotes ")'
    ' or contains(concat(" ", normalize-space(@class), " "), " endnotes ")'
    ' or contains(concat(" ", normalize-space(@class), " "), "-footnotes ")'
    ' or contains(concat(" ", normalize-space(@class), " "), "-endnotes ")]'
)


# What :func:`_prepared` does to a page, in this order, each when the page's text (in lower case) may need it.
_STEPS: tuple[tuple[Callable[[_Element], bool], Callable[[str], bool]], ...] = (
    (_with_body_parts_joined, lambda page: "articlebody" in page),
    (_with_live_posts_as_one, lambda page: page.count("<article") >= 2),
    (_with_noscript_text, lambda page: "<noscript" in page),
    (_with_drop_caps_shown, lambda page: "aria-hidden" in page),
    (_without_sign_up_boxes, lambda page: "<input" in page and "email" in page),
    (_without_sign_up_pitches, lambda page: any(word in page for word in _PITCH_WORDS)),
    (_without_change_history, lambda page: "history" in page),
    (_without_footnotes, lambda page: "footnote" in page or "endnote" in page),
    (_without_layout_tables, lambda page: "<table" in page),
    (_without_link_lines, lambda page: "<a" in page),
    (_with_embedded_posts, lambda page: any(name in page for name in _POST_EMBEDS)),
    (_with_quote_figures_unwrapped, lambda page: "<figure" in page and "<blockquote" in page),
    (_with_pull_quotes_unwrapped, lambda page: "<aside" in page and "<blockquote" in page and "pull" in page),
    (_with_quote_citations, lambda page: "<blockquote" in page and ("<cite" in page or "<footer" in page)),
)


def _trafilatura_extract(html: str):
    """trafilatura's ``Document`` for ``html`` (body as an element tree), or None."""
    import trafilatura

    try:
        return trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,  # readers' comments are not the article
            include_tables=True,
            include_images=False,
            include_links=False,
            deduplicate=False,
            # Dates from the page's metadata only: no guessing from the text
            # or a copyright line ("© 2025" is not a publication date).
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # noqa: BLE001 - lxml and trafilatura raise many kinds on junk input;
        return None  # the plain reader still gets the page's text


def _metadata(extracted) -> PageMetadata:
    """The metadata fields trafilatura found, blank ones as None."""

    def clean(value) -> str | None:
        value = _SPACES.sub(" ", str(value)).strip() if value else ""
        return value or None

    return PageMetadata(
        title=clean(extracted.title),
        url=clean(extracted.url),
        author=clean(extracted.author),
        publisher=clean(extracted.sitename),
        published=clean(extracted.date),
    )


def _blocks(element: _Element) -> list[str]:
    """The text of each paragraph-like element under ``element``, in document order, and of the text trafilatura
    leaves between them when it reads as a sentence: an old page's ``<br><br>`` paragraphs come out as a heading's
    or a paragraph's tail ("<head>Town evacuated</head>Authorities ordered …"), often the story's lede. The
    other text left there is a page's buttons ("Donate now", "Get the app"), which end in no full stop."""
    blocks: list[str] = []
    loose: list[str] = [(element.text or "").replace("\n", " ")]  # text outside the blocks, since the last one
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _CONTAINERS and any(isinstance(c.tag, str) and c.tag in _BLOCKS | _CONTAINERS for c in child):
            _add_sentences(blocks, loose)
            blocks.extend(_blocks(child))
        elif tag in _BLOCKS or tag in _CONTAINERS:
            _add_sentences(blocks, loose)
            text = _block_text(child)
            if text:
                blocks.append(text)
        else:  # inline (a line break, emphasis) among the loose text, with its tail
            _collect_child(child, loose)
            continue
        loose = [(child.tail or "").replace("\n", " ")]
    _add_sentences(blocks, loose)
    return blocks


# The end of a sentence: its stop, and any closing quotation marks or brackets after it.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")


def _add_sentences(blocks: list[str], pieces: list[str]) -> None:
    """Append the text of ``pieces`` (text outside any block) to ``blocks`` when it ends as a sentence does."""
    text = _joined(pieces)
    if _SENTENCE_END.search(text):
        blocks.append(text)


def _block_text(element: _Element) -> str:
    """One block's text: ``<lb/>`` becomes a line break, cells a space, other space runs one space."""
    pieces: list[str] = []
    _collect(element, pieces)
    return _joined(pieces)


def _joined(pieces: list[str]) -> str:
    """Collected pieces of text as lines, each with its space runs one space; empty lines dropped."""
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(pieces).split("\n"))
    return "\n".join(line for line in lines if line)


def _collect(element: _Element, pieces: list[str]) -> None:
    """Append the text under ``element`` to ``pieces``; only ``<lb/>`` makes a line break."""
    if element.text:
        pieces.append(element.text.replace("\n", " "))
    for child in element:
        _collect_child(child, pieces)


def _collect_child(child: _Element, pieces: list[str]) -> None:
    """Append the text of ``child`` and the text after it (its tail) to ``pieces``."""
    if child.tag == "lb":
        pieces.append("\n")
    else:
        if child.tag == "cell":
            pieces.append(" ")
        _collect(child, pieces)
    if child.tail:
        pieces.append(child.tail.replace("\n", " "))
