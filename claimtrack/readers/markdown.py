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
  "More on this story" or "Trending", up to the next heading of its level;
  so are the sections a page has after its article (readers' comments,
  "About the authors", "Leave a reply", a blog's archives), an
  advertisement's label or a photo credit on a line of its own, and a
  newsletter's or an appeal's box (its heading, or its title in bold, and
  the lines after it that read like a box's: buttons, fields, the
  newsletter's pitch);
- a label line ("Read more:", "Suggested Topics:", "1 / 6", "6 min read",
  "Skip twitter post by …"), a newsletter's pitch that ends with its "Sign
  up here." link or is aimed at the reader's inbox, "Letters to the
  editor" and "Media enquiries" sections, a web clipper's callouts ("> [!quote]
  Highlights") and its "==highlight==" marks, a "Cite this article" box,
  the author's bio at the end ("Jane Doe is the Standard's political
  editor. …"), and whatever follows a wire story's sign-off ("Reporting
  by …; Editing by …") are dropped; a link whose text wraps
  over two lines is one text, so is a link address a hard wrap broke, and
  a byline ("By Jane Doe and John Roe", "Story by Jane Doe • 6h", or "By"
  over the name) gives the author when nothing else does;
- a caption is the picture's, not the article's: a line that ends with
  its credit ("… at dusk. Photo: Sam Okafor", "… Video: …"), and under a
  picture one whose credit is a name and an agency ("… (Getty Images)",
  "… March 3. Meridian Wire/Paula Kresnik");
- what a paragraph is shows in what came before it: under a picture, its
  credit ("Tidewire Photos") and a chart's source line; under an author's
  picture or a heading of their name alone, their role and bio; under a
  video player, the video's bold title and length; under a poll's or a
  weather widget's heading, its question, options, tables and buttons;
- when the page's title is known (front matter, a reader's header, or the
  document's one top-level heading), the text starts at the headline that
  is that title: the menus, cookie text and tickers a scraper writes before
  the article are not the article (paragraphs of prose before it are: the
  title is then a repeat after the article). A headline given only in the
  front matter of a text without a top-level heading is put first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING

from ..furniture import is_furniture
from .html import ROLE_AFTER_NAME, TIME_STAMP, PageMetadata, to_sign_off, without_citation_boxes
from .html_plain import extract_html_text
from .pandoc import from_pandoc, is_pandoc_markdown

if TYPE_CHECKING:  # pragma: no cover
    from markdown_it.token import Token

__all__ = ["markdown_to_text", "read_markdown"]

# Section headings and line labels that introduce links to other pages, not article text.
_LINK_SECTION = re.compile(
    r"^\W*(links?|related"
    r"|related (links|articles|stories|content|coverage|reading|topics|commentary|posts|news|videos?|analysis|research|products"
    r"|fact[- ]checks?)"
    r"|more (\w+ )?(investigations|analysis|opinion|features|videos|podcasts|reads)|in this (story|article)|(table of )?contents"
    r"|related documents|explore (more on )?(the|these) topics?|support links"
    r"|read more|read also|also read"
    r"|more (on|about|from) .{1,60}|more stories|see also|further reading|read next|trending( now| stories| topics)?"
    r"|also interesting|recommended from .{1,40}|don'?t miss|(.{1,40} )?in other languages"
    r"|most (read|popular|viewed|shared|e-?mailed)( this week| today| now)?"
    r"|top stories|latest( news)?|more news|news feed|editor'?s picks|upcoming events"
    r"|you (may|might) also (like|be interested in)|recommended( for you| reading)?|sources?|external links"
    r"|share( this)?( article| story| post| page)?"
    r"|follow us( on .{1,40})?|tags?|topics?( in this (article|story))?|suggested (topics|reading|stories|articles)"
    r"|elsewhere (on|in) .{1,40})\W*$",
    re.IGNORECASE,
)
# A page's own contents over its list of links to its sections: the article may go on right after the list.
_CONTENTS = re.compile(r"^\W*((table of )?contents|in this (story|article)|on this page|jump to)\W*$", re.IGNORECASE)
# A line of share buttons once its links are gone ("Share on  |  ", "Tweet", "Copy link").
_SHARE_LINE = re.compile(
    r"^\W*((share|post|send)( this)?( article| story| page)?( on| via| to)?|tweet|e-?mail|print|copy( the)? link|whatsapp"
    r"|facebook|twitter|x|linkedin|telegram|reddit|flipboard|pinterest|messenger|bluesky|threads|comments?|save|bookmark)"
    r"(\W+(facebook|twitter|x|linkedin|telegram|reddit|whatsapp|e-?mail|print|copy link|messenger|bluesky|threads|save))*\W*$",
    re.IGNORECASE,
)
# Headings of the parts of a page after its article: readers' comments, the author's bio, newsletter and
# subscription boxes, a blog's sidebars ("Comments (37)", "2 thoughts on “…”", "About the authors").
_AFTER_ARTICLE = re.compile(
    r"^\W*((\d+ )?comments?( \(\d+\))?|discussion( about this (post|article|story))?|\d+ (thoughts|responses|replies) on .*"
    r"|leave a (reply|comment).*|join the (conversation|discussion)|about the (authors?|writers?|reporters?)"
    r"|recent posts|archives|post navigation|like this|(media|press) (enquiries|inquiries|contacts?)|(story|reader) comments"
    r"|talkback|republish this (story|article)( for free)?|got a story\??"
    r"|authors?|related experts|download the (full )?report|responses( \(\d+\))?"
    r"|letters( to the editor)?|was this (article|story|page|post) (helpful|useful)\??|how we rate( (the )?claims)?"
    r"|our ratings( explained)?)\W*$",
    re.IGNORECASE,
)
# Headings of a box that may also sit between the article's paragraphs: a newsletter's sign-up, an appeal. Only the
# lines after one that read like the box's (_BOX_LINE) are dropped; the first other paragraph ends it.
_BOX = re.compile(
    r"^\W*(sign up (for|to) .{1,60}|get (the|our) .{0,60}(newsletter|briefing|brief)|get in touch|send us your feedback"
    r"|share your (story|experiences?|pictures)|.{0,60}newsletter|subscribe( to .{1,60})?"
    r"|.{0,80}\b(in|to) your inbox\b.{0,40}|republish this (story|article)|stay informed"
    r"|support (the|our|local|independent) .{1,40}|.{1,60} is (independent|reader-funded|reader-supported)( and .{1,30})?)\W*$",
    re.IGNORECASE,
)
# A box's title outside a heading is in bold ("**Sign up to Ledger Morning**") or no longer than this ("Subscribe"),
# or a newsletter's pitch to the reader's inbox no longer than _PITCH.
_BOX_TITLE = 40
_PITCH = 120
_INBOX = re.compile(r"\b(in|to) your inbox\b", re.IGNORECASE)
# A line of such a box: a button or a field ("Sign up", "Enter your email address"), or a short line in the words
# of newsletters and appeals.
_BOX_WORDS = (
    r"\b(e-?mail|sign[ -]?up|subscri\w*|newsletters?|inbox|privacy|terms|briefing|unsubscribe"
    r"|daily|weekly|every (day|weekday|week|morning|evening|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|donat\w*|support us|free|send us|upload|your (pictures|photos|videos|experiences|stories)|terms and conditions)\b"
)
_BOX_LINE = re.compile(r"^.{0,40}$|^(?=.{0,160}$).*" + _BOX_WORDS, re.IGNORECASE | re.DOTALL)
# A short line that is a sentence of the article's, not a box's button, field or thanks: three words or more, a
# capital first and a full stop last, and none of a box's words ("The union denied that." after a sign-up box).
_SHORT_SENTENCE = re.compile(r"(?=[^\n]{0,40}$)[A-Z\u201c\"][^\n]*\s\S+\s[^\n]*[.!\u201d\"]", re.DOTALL)
_BOX_WORD = re.compile(_BOX_WORDS, re.IGNORECASE)
# A line that is an advertisement's label or a photo's credit, standing alone between paragraphs.
_LABEL_LINE = re.compile(
    r"^\W*(advertisements?( · scroll to continue)?|sponsored( content)?|report this ad|story continues below( the)? advertisement"
    r"|have your say( on this (story|article))?( in the comments( below)?)?|excerpt|live reporting|(show )?key events( only)?"
    r"|(skip|end of) (twitter|x|instagram|facebook|tiktok|youtube|bluesky) (post|content|video)( by .{1,80})?"
    r"|allow (twitter|x|instagram|facebook|tiktok|youtube|bluesky) content\??"
    r"|(this (site|page) requires javascript.{0,80})?please (turn on|enable) javascript.{0,160}"
    # A newsletter platform's buttons and pitches: "Subscribe", "SubscribeSign in", "Ready for more?", "Thanks for
    # reading The Lowdown! Subscribe for free to receive new posts …"
    r"|subscribe|sign in|subscribe ?sign in|ready for more\?|thanks for reading .{1,80}?[!.] (subscribe|this post is).{0,160}"
    r"|(do you have|got) a (story|tip|news tip)( to (tell|share))?( for us)?\?.{0,200}"
    r"|\d{1,2} of \d{1,2}|\d{1,2} min(ute)?s? read|(story|article) continues (below|after (the )?(advertisement|ad))"
    r"|is this page useful\??"
    r"|(yes|no),? this page is (not )?useful|report a problem with this page|all content is available under .{1,160}"
    rf"|key moments|{TIME_STAMP}"
    r"|previous|next|previous next|watch the (recording|video|livestream)|after newsletter promotion"
    r"|privacy notice: .{1,300}|promoted (links|content|stories)( by .{1,40})?|\d{1,2}[mh] ago|\d{1,2} ?/ ?\d{1,2}"
    r"|(paid|sponsored|partner) (content|post) (from|by) .{1,60}|comments (have been|are) closed.{0,120}"
    r"|loading( the)?( map| chart| graphic| interactive)?(…|\.\.\.)?"
    r"|(if you have|do you have|got) a story( for [^,.]{1,40})?,? (we want to hear from you|get in touch|contact us|email)"
    r".{0,300}"
    r"|(media|press) (enquiries|inquiries): .{1,160}|breaking news|continue reading below|\[/?caption[^\]]{0,200}\]"
    r"|photo(graph)? by [^.]{1,80}|you(’|')ve reached your (limit|free article limit).{0,120}"
    r"|subscribe to .{1,60} for unlimited access.{0,200}"
    # a web video player's own text (video.js), scraped with the page
    r"|video player is loading\.?|play video|current time \d+:\d{2}|duration \d+:\d{2}|loaded: \d+%|stream type live"
    r"|seek to live.{0,40}|remaining time -?\d+:\d{2}|playback rate|[\d.]+x, selected|(descriptions|captions|subtitles) off"
    r"|captions settings.{0,60}|audio track|picture-in-picture(fullscreen)?|fullscreen|this is a modal window\.?"
    r"|(beginning|end) of dialog window.{0,80}|close modal dialog|reset restore all settings.{0,60}"
    r"|this (article|story) (appears|appeared) in .{1,200}"
    r"|(photo(graph)?|picture|image|credit|video)s?( credit)?: .{1,80}|\((photo|image|picture|credit): .{1,80}\)"
    # A live page's and a comment section's buttons and notices: "Pinned post", "Load more updates", "Comments on
    # this live blog are now closed.", "Follow her on X: @…", "Help us improve GOV.XX".
    r"|pinned( post)?|load more( updates| posts| comments| stories)?|(show \d+ )?new updates?|close panel|page \d+ of \d+"
    r"|comments on this .{1,40} (are|is) (now )?closed.{0,80}"
    # A video player's and an old CMS's buttons, a platform's pitches: "Video unavailable", "Click to play", "The video
    # will start in 8", "Font size:", "Posted in Local News on …", "You must be logged in to post a comment",
    # "Powered by …", "Join our WhatsApp community …", "… is a reader-supported publication …", "38 Likes ∙ 4 Restacks"
    r"|video (loading|unavailable)|(click|tap) to play( (click|tap) to play)?|play now"
    r"|the video will (start in \d+|auto-?play soon ?\d*)( ?cancel)?"
    r"|video transcript|font size:?|posted in .{1,60} on .{1,60}|you must be logged in to (post|leave) a comment.{0,100}"
    r"|powered by .{1,60}|join (the|our) .{1,60}\b(whatsapp|telegram) (community|channel).{0,200}"
    r"|we use your sign-?up to provide content.{0,300}|.{1,80} is (a )?reader-supported .{0,200}"
    r"|\d+ likes?( ∙ \d+ (restacks?|comments?))*|cast your vote|view results.{0,60}|purchase licensing rights(, opens new tab)?"
    # A blogging platform's and a portal's furniture: "Reading time: 3 min", "Published in The Harrow Dispatch",
    # "Written by …", "312 following", "Top highlight", "Follow us on Google News …", "Tags / Keywords: …",
    # "Found a mistake in this article? Report it to us.", "Download the KTSY 7 News app", "© Hanseblick / T. Kiehl"
    r"|reading time:? \d+ min(ute)?s?|published in [A-Z][^.,;:]{1,60}|last published .{1,40}|written by [A-Z][^.,;:]{1,60}"
    r"|[\d,.]+k? (followers?|following)|top highlight|listen|what are your thoughts\?|respond|reply|cancel"
    r"|follow (us|[^.,;:]{1,40}) on (google news|whatsapp|telegram|x|instagram|tiktok)\b.{0,120}|tags?( / keywords)?: .{1,200}"
    r"|report it to us|thank you for your report!?"
    r"|found a (mistake|typo|error) in this (article|story)\?.{0,80}|(spotted|found|see) an? (error|mistake|typo)\?.{0,200}"
    r"|download (the|our) .{1,40} app.{0,100}"
    r"|get breaking news alerts.{0,150}|(©|\(c\)) [^©\n]{1,80}"
    r"|follow (him|her|them|us|me)( on .{1,40})?(: .{1,60})?|follow [^:]{1,40}: @.{1,80}|help us improve .{1,60}"
    r"|(image|media) (source|caption),.{0,200}"  # a broadcaster's labels for screen readers: "Image source, …"
    r"|(©|\(c\)|copyright( ©)?) ?\d{4}\b.{0,200}|(©|copyright) [^©]{1,80}\b(19|20)\d{2}\b(\. .{0,200})?"
    r"|\d+ comments?|(this is )?not a scientific (poll|survey)\.?|(online |reader )?polls? (is|are) not scientific\.?"
    r"|was this (article|story|fact-check|page|post) helpful\??"
    r"|thank you for your feedback|listen to (this|the) (article|story)( · \d+ min)?|\d{1,2}:\d{2} / \d{1,2}:\d{2}"
    r"|the audio is (generated|read|produced) (with|by) .{1,160}|show (more|less)|continue reading( on .{1,60})?"
    r"|(#[\w-]+\s*){2,}|\d[\d,.]*k? reactions?( · \d[\d,.]*k? comments?)?"
    r"|(summary|this summary was) generated (with|by) (ai|artificial intelligence).{0,160}"
    r"|[^“”\"\n]{0,300}\b(a donation of any size|funded by readers like you|readers like you chip in|support our work"
    r"|your donation keeps|every gift is matched|readers like you support)\b[^“”\"\n]{0,300}"
    r"|[^“”\"\n]{0,300}\b(give|donate) (now|today)"
    r"|(read|view) (online|in( your)? browser)|forward (this )?to a friend:?|click to share)\W*$",
    re.IGNORECASE,
)
# A line of a cookie notice ("We use cookies to …", "Accept all", "Manage preferences"), or of a page's script or
# style that a scraper wrote out as text ("function gtag(){…}", ".box{color:#fff}").
_COOKIE_LINE = re.compile(
    r"^(?=.{0,300}$)(.*\bcookies?\b.*\b(use|accept|agree|consent|preferences|settings|policy)\b"
    r"|.*\b(use|accept|agree to|consent to)\b.*\bcookies?\b"
    r"|\W*(accept|reject)( all| additional| optional| non-essential)?( cookies)?\W*|\W*manage (preferences|cookies)\W*"
    r"|\W*we (value|respect|care about) your privacy\W*|.*\bstore and/or access information on a device\b.*)",
    re.IGNORECASE,
)
# A label line is short: "Read more", "More on this story", "Elsewhere on the WMB".
_LABEL_WORDS = 4
# The end of a line that asks the reader to sign up, as a newsletter's pitch ends ("… [Sign up here.](…)").
_SIGN_UP = re.compile(r"\b(sign up|subscribe|register)( (to|for) .{1,60}?)?( (here|now|today|for free))?\W*$", re.IGNORECASE)
# A wire story's last line ("Reporting by … in Lund; Editing by …"): what comes after it is the page's.
_CODE_LINE = re.compile(r"\bfunction\s*\w*\s*\(|\bgtag\(|\bdataLayer\b|^[.#]?[\w-]+\s*\{[^}]*:[^}]*\}")
# An Obsidian callout's marker, and its highlight marks ("==the city has now spent 212 million crowns==").
_CALLOUT = re.compile(r"\[![\w-]+\]")
_HIGHLIGHT = re.compile(r"==(?=\S)([^=\n]+?)(?<=\S)==")
# A gallery's counter before a caption ("1 / 6 Floodwater surrounds homes …") and a photo's credit after it ("…
# (Photo: Ostervale County Sheriff's Office)"): the caption is the picture's; the counter and credit are the page's.
_COUNTER_BEFORE = re.compile(r"^\d{1,2} ?/ ?\d{1,2}\s+(?=[A-Z])")  # not "3 of 10 voters back the plan"
_CREDIT_AFTER = re.compile(
    r"\s*\((photo(graph)?|picture|image|credit)s?: [^()]{1,80}\)$|(?<=[.!?])\s+(?-i:\(?[A-Z][^()/.]{1,60} / [^()/.]{1,60}\)?)$"
    r"|(?<=[.!?])\s+(photo(graph)?|picture|image)s?: [^.()]{1,80}( \(@[\w.]{1,40}\))?$"
    r"|(?<=[.!?])\s+photo(graph)? by (?-i:[A-Z])[^.()]{1,80}$"  # not "… Images by Maxar show three craters"
    # "… at dusk. Isak Morrow for The Halcrow Record", "… Feb 10, 2026. TNA/Priyanka Saelim": names in capitals
    r"|(?<=[.!?])\s+(?-i:[A-Z][\w.'’-]+( [A-Z][\w.'’-]+){1,3} for (The )?[A-Z][^.()]{1,60})$"
    r"|(?<=[.!?])\s+(?-i:[A-Z]{2,6}/[A-Z][^.()/]{1,40})$",
    re.IGNORECASE,
)
_URL = re.compile(r"^\s*(https?://|www\.|pic\.twitter\.com/|t\.co/)\S+\s*$", re.IGNORECASE)
_SPACES = re.compile(r"[ \t]+")


@dataclass
class _Line:
    """One rendered line: its text, and how much of it was link anchor text."""

    parts: list[str] = field(default_factory=list)
    own_text: list[str] = field(default_factory=list)  # text outside links
    links: int = 0  # links and images on the line
    pictures: list[str] = field(default_factory=list)  # the images' alternative texts

    @cached_property  # asked again by each rule; a line is read only once it is whole
    def text(self) -> str:
        return _CREDIT_AFTER.sub("", self.credited)

    @cached_property
    def credited(self) -> str:
        """The line's text with a caption's credit still after it ("… at dusk. (Getty Images)")."""
        text = _HIGHLIGHT.sub(r"\1", _SPACES.sub(" ", "".join(self.parts))).strip()
        return _COUNTER_BEFORE.sub("", text)

    def is_chrome(self) -> bool:
        """A line of links only, a share bar, a label before a link, or a bare URL."""
        return self._chrome

    @cached_property  # asked by each rule too
    def _chrome(self) -> bool:
        text, own = self.text, "".join(self.own_text).strip()
        if not text:
            return True
        if self.links and not re.search(r"\w", own):
            return True
        if self.links and _LINK_SECTION.match(own):  # "Read more: [another story](…)"
            return True
        if self.links and _SHARE_LINE.match(own):  # share links and a button's text: "[Share on X](…) Copy link"
            return True
        if _LINK_SECTION.match(text) and (text.endswith(":") or len(text.split()) <= _LABEL_WORDS):
            return True  # "Read more:" over a list of links, "Suggested Topics:"
        if self.links and _SIGN_UP.search(text) and _BOX_LINE.match(text):
            return True  # "The Freight Line newsletter tracks the ships … [Sign up here.](…)"
        return bool(
            _SHARE_LINE.match(text)
            or _URL.match(text)
            or _LABEL_LINE.match(text)
            or _COOKIE_LINE.match(text)
            or _CODE_LINE.search(text)
        )


def markdown_to_text(source: str, title: str | None = None) -> str:
    """The readable article text of a Markdown document (see the module docstring); ``title``, the page's title
    as its front matter or reader's header gives it, marks where the article starts."""
    return read_markdown(source, PageMetadata(title=title))[0]


def read_markdown(source: str, metadata: PageMetadata) -> tuple[str, PageMetadata]:
    """The article text of a Markdown document, headline first, and its page's ``metadata`` with the title the
    headline gives: the front matter's title without the site's name after it, or the document's one top-level
    heading when the front matter names none. The title of a text without a top-level heading (a scraper that
    writes the headline only in its front matter) is put first without the site's name after a bar, as the HTML
    reader puts a page's."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    # Every link is only read for its anchor text, never followed or rendered, so none is unsafe. markdown-it's
    # check would refuse a "javascript:" or "data:" target, and a reference it refuses ("[7]: javascript:print()",
    # a share bar's) turns the definitions after it into text, and the links they define into "[text][8]".
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    if is_pandoc_markdown(source):
        source = from_pandoc(source)
    if "\n" in source:  # a link's address broken by hard wrapping (html2text's 78 columns) is one address
        source = _unwrapped_links(source)
    if "[^" in source:  # footnotes: the marks in the text go, the notes' text stays
        source = _FOOTNOTE_NOTE.sub("", _FOOTNOTE_MARK.sub("", source))
    if metadata.title:  # pandoc escapes the front matter's punctuation too: "Headline \\| Site"
        metadata = replace(metadata, title=_ESCAPED.sub(r"\1", metadata.title))
    tokens = parser.parse(source)
    blocks = without_citation_boxes(to_sign_off(_blocks(tokens)))
    if metadata.author is None:
        metadata = replace(metadata, author=_byline_author(blocks))
    blocks = _without_authors_bio(blocks, metadata.author)
    title = metadata.title or _only_top_heading(tokens)
    if not title:
        return "\n\n".join(blocks), metadata
    start = _headline_at(blocks, title)
    if start is None and not any(token.type == "heading_open" and token.tag == "h1" for token in tokens):
        headline = _SITE_AFTER_BAR.sub("", title) or title
        return "\n\n".join([headline, *blocks]), replace(metadata, title=headline)
    if start is None:
        return "\n\n".join(blocks), replace(metadata, title=title)
    return "\n\n".join(blocks[start:]), replace(metadata, title=blocks[start])


def _unwrapped_links(source: str) -> str:
    """``source`` with each link address that a line break splits ("](https://example.org/eastfield-\ncorridor)")
    joined again: CommonMark allows no line break in an address, and the link would be read as its syntax."""
    for _ in range(_MOST_BREAKS):
        joined = _WRAPPED_ADDRESS.sub(r"\1\2", source)
        if joined == source:
            break
        source = joined
    return source


# A link's address with a line break inside it, up to its closing bracket: "](https://…/eastfield-\ncorridor/x)".
_WRAPPED_ADDRESS = re.compile(r"(\]\((?:https?://|/|www\.)[^()\s]{1,2000})\n([^()\s]{1,2000}\))")
_MOST_BREAKS = 5  # an address of 400 characters over 78 columns


# A footnote's mark in the text ("drinking water.[^1] Officials say") and the label before its note.
_FOOTNOTE_MARK = re.compile(r"\[\^[^\]\s]{1,20}\](?!:)")
_FOOTNOTE_NOTE = re.compile(r"^\[\^[^\]\s]{1,20}\]:[ \t]*", re.MULTILINE)
# A backslash escape of ASCII punctuation, as CommonMark reads one.
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


# A byline: "By Marta Quillen and Oskar Brevik", "By Jenna Oduya, Local Democracy Reporting Service".
_NAME = r"[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3}"
_BYLINE = re.compile(
    rf"(?:Story )?[Bb]y ({_NAME}(?:(?: and| &) {_NAME})*)(?:,[^\n]*| [·•|][^\n]*| (?!and )[a-z][^\n]*)?", re.DOTALL
)
# A byline is near the top: among a page's first blocks, after its menus.
_BYLINE_BLOCKS = 40


def _byline_author(blocks: list[str]) -> str | None:
    """The names of the text's first byline, where no front matter or header names the author: "By Jane Doe", or
    "By" on a line of its own over the name ("Kerry Madoc Senior Reporter", a linked name and its role)."""
    for n, block in enumerate(blocks[:_BYLINE_BLOCKS]):
        line = block.split("\n")[0].strip()
        if line in ("By", "By:") and n + 1 < len(blocks):
            line = "By " + ROLE_AFTER_NAME.sub("", blocks[n + 1].split("\n")[0].strip())
        found = _BYLINE.fullmatch(line)
        if found is not None:
            return found.group(1)
    return None


# How near the text's end an author's bio is looked for: after the article, before a page's last lines.
_BIO_BLOCKS = 3
_AUTHORS_APART = re.compile(r"\s*(?:;|,|\band\b|&)\s*")


def _without_authors_bio(blocks: list[str], author: str | None) -> list[str]:
    """The blocks without the author's bio at the article's end ("Fenella Ashworth is the Capital Standard's political
    editor. She has covered City Hall since 2019 …"): the page's note on its writer, no claim of the article."""
    names = [name for name in _AUTHORS_APART.split(author or "") if _AUTHOR_NAME.fullmatch(name)]
    end = len(blocks) - _BIO_BLOCKS
    return [block for n, block in enumerate(blocks) if n < end or not any(_is_bio(block, name) for name in names)]


def _headline_at(blocks: list[str], title: str) -> int | None:
    """Where the article's headline is: the first block that is the page's title, with or without the site's name
    after it ("… | The Meridian Courier"). A scraped page's menus, cookie text and tickers come before it; when the
    article's own paragraphs do, the title is repeated after the article (an audio player's, a "You are reading"
    box's) and the text must not start there."""
    wanted = {_comparable(title), _comparable(_SITE_SUFFIX.sub("", title))}
    start = next((n for n, block in enumerate(blocks) if _comparable(block) in wanted), None)
    if start is None or any(_is_prose(block) for block in blocks[:start]):
        return None
    return start


def _is_prose(block: str) -> bool:
    """Whether a block reads as a paragraph of an article: sentences of some length, starting as a sentence does
    and ending with its stop. A cookie notice is as long, so furniture's words rule a block out, and so does a
    lower-case start (the rest of a notice whose first line was dropped as one)."""
    text = block.strip()
    if len(text.split()) < _PROSE_WORDS or not text.rstrip("”\"’' ").endswith((".", "!", "?")):
        return False
    return not text[0].islower() and not is_furniture(text)


def _only_top_heading(tokens: list[Token]) -> str | None:
    """The text of the document's top-level heading (``#``), without a site's name after a bar, when it has one
    alone: a page's headline, as web clippers write it ("# Trams paused as costs climb | The Meridian Courier")."""
    found = [tokens[n + 1] for n, token in enumerate(tokens) if token.type == "heading_open" and token.tag == "h1"]
    if len(found) != 1:
        return None
    heading = " ".join(line.text for line in _render_inline(found[0])).strip()
    return _SITE_AFTER_BAR.sub("", heading) or None


# A page title's site name after a bar or a dash: "Trams paused as costs climb | The Meridian Courier".
_SITE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{1,60}$")
# Only after a bar in a heading, where a dash may be the headline's own ("Talks resume - and stall").
_SITE_AFTER_BAR = re.compile(r"\s+\|\s+[^|]{1,60}$")


def _comparable(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("‘", "'").casefold().split())


def _blocks(tokens: list[Token]) -> list[str]:
    """The text blocks of a token stream, with link sections, boxes and link-only lists dropped."""
    blocks: list[str] = []
    skip_level = 0  # inside a dropped section: its heading's level (1-6), else 0
    in_box = False  # after a box's heading, among its short lines
    signed = False  # in a box, after its sign-up button
    around = _Around()
    i = 0
    while i < len(tokens):
        token = tokens[i]
        after = around.skipped(tokens, i)
        if after:
            i = after
            continue
        if token.type == "heading_open":
            level = int(token.tag[1])
            if not (skip_level and level > skip_level):
                heading = " ".join(line.text for line in _render_inline(tokens[i + 1])).strip()
                if around.skips_heading(heading, tokens, i + 3):
                    i += 3
                    continue
                skip_level = level if _LINK_SECTION.match(heading) or _AFTER_ARTICLE.match(heading) else 0
                if skip_level and not _AFTER_ARTICLE.match(heading) and _link_list_at(tokens, i + 3):
                    after = _past_chrome(tokens, _closing(tokens, i + 3) + 1)
                    if _CONTENTS.match(heading) or _prose_at(tokens, after):
                        # "## Contents" or "MOST READ" over a list of links, and the article's paragraphs after it:
                        # the list is the section, and the article goes on after it
                        i, skip_level = after, 0
                        continue
                in_box = bool(_BOX.match(heading)) or (len(heading) <= _BOX_TITLE and _sign_up_box_follows(tokens, i + 1))
                signed = False
                if (
                    heading
                    and not skip_level
                    and not in_box
                    and not _LABEL_LINE.match(heading)
                    and not _COOKIE_LINE.match(heading)
                ):
                    blocks.append(heading)
            i += 3
        elif skip_level:
            i += 1
        elif token.type == "blockquote_open" and _is_callout(tokens, i):
            i = _closing(tokens, i) + 1  # a note-taker's callout ("> [!quote] Highlights"): the user's, not the article's
        elif token.type == "inline" and (_boxed(token, in_box, signed) or _titles_sign_up_box(tokens, i)):
            lines = _render_inline(token)
            # after the box's button, its terms; a new box's title ("Get in touch") after it opens that box
            signed = _is_sign_up(lines) or (in_box and signed and not _BOX.match(_block_text(lines)))
            in_box = True
            i += 1
        elif token.type == "inline" and _is_author_note(token):
            i += 1
        elif in_box and token.type == "bullet_list_open" and _box_list(tokens, i):
            i = _closing(tokens, i) + 1  # the box's own list: "Email: …", "Upload your videos here", its terms
        else:
            in_box = in_box and token.type not in ("inline", "blockquote_open", "bullet_list_open", "ordered_list_open", "hr")
            found, i = _block_at(tokens, i)
            blocks.extend(found)
    return blocks


def _link_list_at(tokens: list[Token], start: int) -> bool:
    """Whether a list starts at ``tokens[start]`` and its every item is links alone."""
    if start >= len(tokens) or tokens[start].type not in ("bullet_list_open", "ordered_list_open"):
        return False
    items = [_render_inline(t) for t in tokens[start : _closing(tokens, start)] if t.type == "inline"]
    return bool(items) and all(line.links and line.is_chrome() for item in items for line in item)


# A paragraph of the article's prose: this many words at least, no link, a sentence's end.
_PROSE_WORDS = 15


def _past_chrome(tokens: list[Token], start: int) -> int:
    """The index of the first token from ``start`` on that is not a paragraph of chrome alone (a carousel's
    "Previous Next" after its list of links)."""
    while (
        start + 2 < len(tokens)
        and tokens[start].type == "paragraph_open"
        and tokens[start + 1].type == "inline"
        and all(line.is_chrome() for line in _render_inline(tokens[start + 1]))
    ):
        start += 3
    return start


def _prose_at(tokens: list[Token], start: int) -> bool:
    """Whether ``tokens[start]`` opens a paragraph of running prose ("Gullhaven Fire and Rescue Service said crews
    were called at 2.51pm …", with a link or two inside its sentences), not a page's furniture (a forecast table,
    an address, a footer's links, a teaser's linked headline)."""
    if start + 1 >= len(tokens) or tokens[start].type != "paragraph_open" or tokens[start + 1].type != "inline":
        return False
    lines = _render_inline(tokens[start + 1])
    text = " ".join(line.text for line in lines)
    own = " ".join("".join(line.own_text) for line in lines)  # a link inside a sentence is prose's too
    if len(own.split()) < _PROSE_WORDS:
        return False
    if _PITCHING.search(text):
        return False  # "Sign up for The Lantern Letter, our free Sunday email of the week's best reading."
    return text.rstrip("”\"’' ").endswith((".", "!", "?")) and not any(line.is_chrome() for line in lines)


_PITCHING = re.compile(r"\b(sign up|subscribe|newsletter|your inbox)\b", re.IGNORECASE)


def _box_list(tokens: list[Token], start: int) -> bool:
    """Whether the list at ``tokens[start]`` has only lines in the words of a box."""
    items = [_block_text(_render_inline(t)) for t in tokens[start : _closing(tokens, start)] if t.type == "inline"]
    return all(_BOX_LINE.match(item) for item in items)


def _block_at(tokens: list[Token], i: int) -> tuple[list[str], int]:
    """The blocks of the list, table row, HTML or paragraph at ``tokens[i]``, and the index after them."""
    token = tokens[i]
    if token.type in ("bullet_list_open", "ordered_list_open"):
        end = _closing(tokens, i)
        return _list_blocks(tokens[i + 1 : end]), end + 1
    if token.type == "tr_open":
        end = _closing(tokens, i)
        cells = [_block_text(_render_inline(t)) for t in tokens[i:end] if t.type == "inline"]
        row = " ".join(cell for cell in cells if cell)
        return ([row] if row else []), end + 1
    if token.type == "html_block":  # raw HTML: its text, as the plain HTML reader reads it
        text = extract_html_text(token.content)
    elif token.type == "inline":
        text = _block_text(_render_inline(token))
    else:
        text = ""
    return ([text] if text else []), i + 1


def _is_callout(tokens: list[Token], start: int) -> bool:
    """A block quotation that opens with an Obsidian callout's marker ("> [!quote] Highlights", "> [!note]")."""
    inline = next((token for token in tokens[start + 1 : start + 4] if token.type == "inline"), None)
    return inline is not None and _CALLOUT.match(inline.content) is not None


def _boxed(token: Token, in_box: bool, signed: bool = False) -> bool:
    """Whether a paragraph is a line of a newsletter's or an appeal's box, after its heading (``in_box``), or the
    box's title in bold ("**Sign up to Ledger Morning**")."""
    text = _block_text(_render_inline(token))
    if in_box and _article_sentence(text):
        return False  # the box ends: a short sentence of the article's after it was lost with it
    if in_box and signed:  # after its button, its fields and terms: an article's paragraph may say "free" or "daily" too
        short = len(text) <= _BOX_TITLE and not _is_bold(token)  # not an interview's "**Who pays?**" after the box
        return short or (len(text) <= 2 * _PITCH and _TERMS.search(text) is not None)
    if in_box:
        return bool(_BOX_LINE.match(text) or _APPEAL.match(text) or _opens_as_furniture(text))
    title = len(text) <= _BOX_TITLE or _is_bold(token)
    title = title or (len(text) <= _PITCH and _INBOX.search(text) is not None)  # "Get our stories straight to your inbox"
    return title and bool(_BOX.match(text))


def _article_sentence(text: str) -> bool:
    """A short line that reads as a sentence of the article (see _SHORT_SENTENCE), not as the box's."""
    return _SHORT_SENTENCE.fullmatch(text) is not None and _BOX_WORD.search(text) is None and not is_furniture(text)


def _opens_as_furniture(text: str) -> bool:
    """Whether a box's paragraph opens with a sentence of page furniture, as an appeal's does ("Eastbridge News is
    funded by its readers. We do not take money from …"): the sentences after it are the appeal's too."""
    first = _SENTENCE_BREAK.split(text, maxsplit=1)[0]
    return len(text) <= _APPEAL_CHARACTERS and is_furniture(first)


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")
_APPEAL_CHARACTERS = 400
# An appeal's pitch in its box, longer than a newsletter's: "… please support us on Patreon – from 3 euros a month."
_APPEAL = re.compile(
    r"(?=.{0,400}$).*\b(support us|become a (patron|member|supporter|subscriber)|donate|donations?)\b", re.IGNORECASE | re.DOTALL
)
# A box's line after its button: its terms ("By signing up you agree to our privacy notice").
_TERMS = re.compile(
    r"\b(privacy|terms|unsubscribe|sign(ing|ed)?[ -]?(up|in)|subscri\w*|newsletters?|inbox|e-?mail)\b", re.IGNORECASE
)


def _is_sign_up(lines: list[_Line]) -> bool:
    """Whether a box's line is its sign-up button: a link that ends the line ("… [Sign up](…)"), or its text."""
    return any(_SIGN_UP.fullmatch(line.text) or (line.links and _SIGN_UP.search(line.text)) for line in lines)


def _is_bold(token: Token) -> bool:
    """Whether a paragraph is all in bold ("**Sign up to Ledger Morning**")."""
    return _is_emphasised(token, "strong")


def _is_emphasised(token: Token, kind: str) -> bool:
    """Whether a paragraph opens and closes with emphasis of ``kind`` ("strong" or "em")."""
    kinds = [child.type for child in token.children or [] if child.type != "text" or child.content]
    return kinds[:1] == [f"{kind}_open"] and kinds[-1:] == [f"{kind}_close"]


# A video player's buttons, and its title in bold with its length under them: "Play now", then "**Mum confronts
# wardens as van is clamped** 01:48".
_PLAYER = re.compile(
    r"\W*(video (loading|unavailable)|(click|tap) to play( (click|tap) to play)?|the video will .{0,40}|play( now| video)?)\W*",
    re.IGNORECASE,
)
_DURATION = re.compile(r"\s*\d{1,2}:\d{2}\s*")


def _is_video_title(token: Token) -> bool:
    children = [child for child in token.children or [] if child.type != "text" or child.content.strip()]
    return (
        len(children) >= 3
        and children[0].type == "strong_open"
        and children[-2].type == "strong_close"
        and children[-1].type == "text"
        and _DURATION.fullmatch(children[-1].content) is not None
    )


# An author's note in italics at the end of a piece: "*Morwenna Achebe is a contributing writer at The Lantern.*"
_AUTHOR_NOTE = re.compile(
    rf"{_NAME} is (a|an|the) [^.\n]{{0,60}}\b(writer|reporter|journalist|correspondent|editor|columnist|contributor"
    r"|author|fellow|producer|photographer)\b"
)


def _is_author_note(token: Token) -> bool:
    return _is_emphasised(token, "em") and _AUTHOR_NOTE.match(token.content.lstrip("*_ ")) is not None


# A picture's credit on a line of its own under it: "Tidewire Photos", "Getlin Okafor / Corvane World", "AP Photo/…".
_CREDIT_LINE = re.compile(
    r"(?=.{1,80}$)[^.!?]*?(\w ?/ ?\w[^.!?]*|\b(photos?|images|pictures|pool|handout|afp|reuters|epa|getty)(/\S+)?)",
    re.IGNORECASE,
)


@dataclass
class _Around:
    """What the paragraphs just before say of the next: a picture's credit or a chart's source may follow, a video's
    title, an author's bio, a poll's lines."""

    after_image: bool = False  # after a paragraph of images alone, and its caption or lines of chrome
    after_player: bool = False  # after a video player's buttons ("Play now")
    pictured: str = ""  # the name an author's picture just before is of ("![Marisol Quintero-Haas](…)")
    in_widget: bool = False  # after a poll's or a weather widget's heading, among its lines and tables

    def skipped(self, tokens: list[Token], i: int) -> int:
        """The index after ``tokens[i]`` when it is furniture of what came before, else 0."""
        token = tokens[i]
        if token.type == "inline":
            return i + 1 if self.skips(token, _render_inline(token)) else 0
        if self.in_widget and token.type == "table_open":
            return _closing(tokens, i) + 1  # the poll's results, the forecast
        if self.in_widget and token.type == "html_block" and "<table" in token.content.lower():
            return i + 1  # the same left as HTML
        return 0

    def skips(self, token: Token, lines: list[_Line]) -> bool:
        """Whether the paragraph ``token`` (rendered as ``lines``) is furniture of what came before; otherwise it is
        noted for the paragraphs after it."""
        text = _block_text(lines)
        if (
            # "![…](…)" then "Tidewire Photos"; a chart's "Source: Brackwater Institute analysis of queue data."
            (self.after_image and (_is_credit(lines) or _CHART_SOURCE.fullmatch(text) is not None))
            or _is_caption(lines, self.after_image)  # "… at the port, March 3. Meridian Wire/Paula Kresnik"
            or (self.after_player and _is_video_title(token))  # "**Mum confronts wardens as van is clamped** 01:48"
            or (bool(self.pictured) and (_is_bio(text, self.pictured) or _ROLE.fullmatch(text) is not None))
            # "**Marisol Quintero-Haas** covers …", or her role alone ("Journalist", "Senior Reporter")
            or (self.in_widget and bool(text) and all(_is_poll_line(line.text) for line in lines if not line.is_chrome()))
        ):
            return True
        self.in_widget = False
        caption = self.after_image and _is_emphasised(token, "em")  # "_Figure 1. Median time …_"
        self.after_image = _images_only(lines) or (self.after_image and (caption or not text))
        self.after_player = any(_PLAYER.fullmatch(line.text) for line in lines)
        if _images_only(lines):
            self.pictured = _pictured_name(lines)
        elif text and text != self.pictured:
            self.pictured = ""  # the picture's name stays through its link ("[Ingrid Solbakk](…)") and role line
        return False

    def skips_heading(self, heading: str, tokens: list[Token], after: int) -> bool:
        """Whether a heading is a poll's (which it opens) or the name of the author pictured just before (over
        their bio)."""
        if _POLL.fullmatch(heading) or _WEATHER.fullmatch(heading):
            self.in_widget = True
            return True
        if bool(self.pictured) and heading == self.pictured:
            return True
        following = next((t for t in tokens[after : after + 2] if t.type == "inline"), None)
        if following is not None and _AUTHOR_NAME.fullmatch(heading):
            self.pictured = heading  # "### Dana Kirwood" over her bio, as an author's card puts it
            return _is_bio(_block_text(_render_inline(following)), heading)
        return False


# A poll's heading, and the lines of a poll: its question, its options and buttons, its note.
_POLL = re.compile(r"\W*((quick|reader|readers'|our|daily|weekly) )?poll\W*", re.IGNORECASE)
# A weather widget's heading: "Dunmere weather", "Weather forecast" (its table and its link follow).
_WEATHER = re.compile(r"\W*([A-Z][\w'-]+ ){0,2}weather( forecast| today| now)?\W*", re.IGNORECASE)
_POLL_NOTE = re.compile(r".{0,60}\b(polls? (is|are) not scientific|scientific poll|votes?)\b.{0,60}", re.IGNORECASE)
_POLL_LINE_WORDS = 12


def _is_poll_line(text: str) -> bool:
    return (
        not text
        or text.endswith("?")
        or len(text.split()) <= _POLL_LINE_WORDS
        and not text.endswith(".")
        or _POLL_NOTE.fullmatch(text) is not None
    )


# A chart's source under it: "Source: Brackwater Institute analysis of AGO queue data."
_CHART_SOURCE = re.compile(r"(data )?sources?: [^\n]{1,150}", re.IGNORECASE)
# An author's bio under their picture: "Marisol Quintero-Haas covers transportation …", "… is a city reporter at …".
_BIO = re.compile(
    r" (covers|reports on|writes (about|on)|is (a|an|the|[A-Z][^.\n]{0,60}'s) [^.\n]{0,60}"
    r"\b(writer|reporter|journalist|correspondent|editor"
    r"|columnist|contributor|fellow|producer|photographer)\b)"
)


# An author's role on a line of its own under their picture and name.
_ROLE = re.compile(
    r"(\w+ ){0,3}(journalist|reporter|correspondent|editor|writer|producer|contributor|columnist|photographer)",
    re.IGNORECASE,
)


def _pictured_name(lines: list[_Line]) -> str:
    """The name a picture's alternative text gives ("Image 4: Oksana Verhelst"), when it is a name alone."""
    for line in lines:
        for alt in line.pictures:
            alt = re.sub(r"^Image \d+:\s*", "", alt).strip()
            if _AUTHOR_NAME.fullmatch(alt):
                return alt
    return ""


_AUTHOR_NAME = re.compile(_NAME)


def _is_bio(text: str, name: str) -> bool:
    return text.startswith(name) and _BIO.match(text, len(name)) is not None


# A caption's credit after its last sentence: "… at the port of Varnholt, March 3, 2026. Meridian Wire/Paula Kresnik",
# "… rather than demolition. (Getty Images)", "… at the plant. Video: State Emergency Service". A dot only after an
# initial ("AP Photo/J. Okafor"); a caption is a line, and a short one.
_CAPTION_CREDIT = re.compile(r"(?<=[.!?\"”’])\s+(\(?(?:[^.!?()\n]|(?<=\b[A-Z])\.){2,80}\)?)$")
_CAPTION_CHARACTERS = 400
# A credit that says it is one: "Photo: Sam Okafor", "(Image: Fire Service)", "Video: State Emergency Service".
_LABELLED_CREDIT = re.compile(
    r"(photo(graph)?|picture|image|video|footage|credit)s?( credit)?(: ?| by )[^:]{1,60}", re.IGNORECASE
)


def _is_caption(lines: list[_Line], after_image: bool) -> bool:
    """Whether a paragraph is a picture's or a video's caption: a line that ends with its credit. A credit that says
    it is one marks a caption wherever it stands (a scraper drops the player and often the picture); a name and an
    agency alone ("Meridian Wire/Paula Kresnik", "(Getty Images)") only under a picture. The caption is the page's
    furniture, as the HTML reader drops a ``<figcaption>``: its "residents say …" is no claim of the article."""
    if len(lines) != 1 or len(lines[0].credited) > _CAPTION_CHARACTERS:
        return False
    found = _CAPTION_CREDIT.search(lines[0].credited)
    if found is None:
        return False
    credit = found.group(1).strip("() ")
    return _LABELLED_CREDIT.fullmatch(credit) is not None or (after_image and _CREDIT_LINE.fullmatch(credit) is not None)


def _images_only(lines: list[_Line]) -> bool:
    return any(line.links for line in lines) and not any(line.text for line in lines)


def _is_credit(lines: list[_Line]) -> bool:
    return len(lines) == 1 and _CREDIT_LINE.fullmatch(lines[0].text) is not None


def _titles_sign_up_box(tokens: list[Token], start: int) -> bool:
    """Whether the paragraph at ``tokens[start]`` is a box's short bold title ("**The Penwether Weekly**") whose
    box ends in a sign-up link ("[Sign up](…)") after a line or two in its words ("Our best long reads, every
    Sunday morning. Free, …"): a newsletter's name need not say "newsletter"."""
    token = tokens[start]
    if _is_bold(token) and len(token.content) <= _BOX_TITLE + 4:
        return _sign_up_box_follows(tokens, start)
    # Or a newsletter's pitch whose button is the next paragraph: "The Morning Dispatch newsletter brings you the
    # stories shaping the day, every weekday." then "[Sign up here.](…)"
    if len(token.content) > _PITCH or not _PITCHING.search(token.content):
        return False
    following = next((t for t in tokens[start + 1 : start + 5] if t.type == "inline"), None)
    lines = _render_inline(following) if following is not None else []
    return len(lines) == 1 and _SIGN_UP.fullmatch(lines[0].text) is not None


def _sign_up_box_follows(tokens: list[Token], start: int) -> bool:
    """Whether the paragraphs after ``tokens[start]`` (a box's title) are a line or two in a box's words and then
    its sign-up button ("Sign up", as a link or as the button's text)."""
    following = [t for t in tokens[start + 1 : start + 12] if t.type == "inline"][:4]
    for n, paragraph in enumerate(following):
        lines = _render_inline(paragraph)
        if n and len(lines) == 1 and _SIGN_UP.fullmatch(lines[0].text):
            return True
        if len(lines) == 1 and lines[0].links and _SIGN_UP.search(lines[0].text) and _BOX_LINE.match(lines[0].text):
            return True  # the pitch and its button on one line: "Our best long reads, every Sunday. [Sign up](…)"
        if not _BOX_LINE.match(_block_text(lines)):
            return False
    return False


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
    """An inline token's children as lines of plain text (links as anchor text, images dropped); kept with the
    token, which several rules read."""
    rendered = token.meta.get(_RENDERED)
    if rendered is None:
        rendered = token.meta[_RENDERED] = _rendered(token)
    return rendered


_RENDERED = "claimtrack_lines"


def _rendered(token: Token) -> list[_Line]:
    lines = [_Line()]
    link_depth = 0
    link_text: list[str] = []
    for child in token.children or []:
        line = lines[-1]
        kind = child.type
        if kind in ("softbreak", "hardbreak") and link_depth:
            link_text.append(" ")  # a link's text over two lines (html2text's 78 columns, a card's "1h ago\") is one text
        elif kind in ("softbreak", "hardbreak"):
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
            line.pictures.append(child.content)
        elif kind in ("text", "code_inline"):
            (link_text if link_depth else line.own_text).append(child.content)
            if not link_depth:
                line.parts.append(child.content)
        # em, strong, s open/close and raw inline HTML add nothing
    return lines
