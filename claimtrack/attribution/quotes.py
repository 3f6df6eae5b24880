"""Finding quotations in raw text: which character ranges lie inside quote marks.

Quote marks are paired by a single left-to-right scan over the text, so the
cost is linear whatever the input (thousands of marks, unbalanced marks, no
marks at all). The scan knows the news conventions that break naive pairing:

* a quotation running over several paragraphs has no closing mark at the end
  of each paragraph, and each continuation paragraph opens with a new mark;
* straight marks (") open or close depending on the characters around them;
* older newswire text writes ``opening`` and ''closing'' marks as pairs of
  backticks and apostrophes, and some archives write ''both'' with apostrophes;
* British papers quote with single marks ('…' or ‘…’), which double as
  apostrophes: they are paired outside the double-quoted text (single marks
  inside a double quotation are its inner quotes, part of it), a mark inside a
  word ("it's"), before an elided word ("the '90s") or after a plural's s
  ("ministers' aides") is an apostrophe, and a single quotation holding a
  double-quoted one ('They called it "a provocation",' she said) is the
  quotation, the double one inside it.

An opening mark that is never closed ends at the end of its paragraph, so a
stray mark never swallows the rest of the document; a single one never closed
was an apostrophe ("in ’08 that …"), and is no quotation at all.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from .spans import CharSpan

# Double quote marks first: single marks double as apostrophes (’), and inner single-quoted text sits inside
# doubles anyway.
_MARK = re.compile(r"``|''|[“”\"„«»]|\n")
_DOUBLE_MARK = re.compile(r"``|''|[“”\"„«»]")
_SINGLE_MARK = re.compile(r"[‘’']|\n")
_OPENERS = {"“", "``", "„", "«"}
_CLOSERS = {"”", "''", "»"}
# Characters after which a straight quote mark opens a quotation.
_OPEN_CONTEXT = set(" \t\n([{—–-/:") | {"\u00a0"}
_CLOSE_CONTEXT = set(" \t\n.,;:!?)]}—–-") | {"\u00a0"}
# What a double quotation is blanked out to before single marks are paired: neither a space nor a word's letter.
_BLANK = "\x00"


@dataclass
class Quote:
    """One quotation: the text inside its marks, one segment per paragraph."""

    open_pos: int  # offset of the first opening mark
    close_end: int  # offset just after the closing mark (or paragraph end if unclosed)
    segments: list[CharSpan] = field(default_factory=list)
    closed: bool = True

    @property
    def start(self) -> int:
        """Start of the quoted text (after the opening mark)."""
        return self.segments[0][0]

    @property
    def end(self) -> int:
        """End of the quoted text (before the closing mark)."""
        return self.segments[-1][1]


def find_quotes(text: str) -> list[Quote]:
    """Return the quotations of ``text`` in order; never raises."""
    doubles = _pair(text, _MARK, _role, _opening_mark_at)
    return _outermost(doubles + _single_quotes(text, doubles))


def _single_quotes(text: str, doubles: list[Quote]) -> list[Quote]:
    """The quotations in single marks outside ``doubles``.

    One never closed in its paragraph was opened by an apostrophe ("in ’08 that …"), unless the mark read as an
    apostrophe after an s or a dropped g was its closing one ("‘Blasphemers’ Like Trump", "'boots' are ruled out").
    """
    narration = _without_double_quotes(text, doubles)
    quotes = _pair(narration, _SINGLE_MARK, _single_role, _single_opening_at)
    return [quote for quote in quotes if quote.closed or _closed_at_possessive(quote, narration)]


def _without_double_quotes(text: str, doubles: list[Quote]) -> str:
    """``text`` with its double quotations and double marks blanked out (line breaks kept), offsets unchanged.

    The single marks left are those of the narration: an apostrophe or a mark
    inside a double quotation is never paired with one outside it.
    """
    chars = list(text)
    spans = [(q.open_pos, q.close_end) for q in doubles] + [m.span() for m in _DOUBLE_MARK.finditer(text)]
    for start, end in spans:
        chars[start:end] = (c if c == "\n" else _BLANK for c in text[start:end])
    return "".join(chars)


def _outermost(quotes: list[Quote]) -> list[Quote]:
    """The quotations not inside another, in order: an inner quotation is part of the one around it."""
    kept: list[Quote] = []
    for quote in sorted(quotes, key=lambda q: (q.open_pos, -q.close_end)):
        if not kept or quote.open_pos >= kept[-1].close_end:
            kept.append(quote)
    return kept


# How a scan reads a mark (text, position, mark, inside a quotation) and finds a paragraph's opening mark.
RoleOf = Callable[[str, int, str, bool], str]
OpeningAt = Callable[[str, int], str]


def _pair(text: str, marks: re.Pattern, role_of: RoleOf, opening_at: OpeningAt) -> list[Quote]:
    """The quotations of ``text`` whose marks ``marks`` finds and ``role_of`` reads as opening or closing."""
    quotes: list[Quote] = []
    current: Quote | None = None
    seg_start = 0
    for match in marks.finditer(text):
        mark, pos = match.group(), match.start()
        if mark == "\n":
            if current is not None:
                current, seg_start = _paragraph_break(text, pos, current, seg_start, quotes, opening_at)
            continue
        role = role_of(text, pos, mark, current is not None)
        if role == "open":
            if current is not None and _only_space(text, seg_start, pos):
                continue  # a doubled opening mark: keep the quotation open
            # An opening mark inside an open quotation means the earlier mark
            # was stray: drop it and start again here.
            current = Quote(open_pos=pos, close_end=pos)
            seg_start = match.end()
        elif role == "close" and current is not None:
            _finish_segment(current, seg_start, pos)
            current.close_end = match.end()
            if current.segments:
                quotes.append(current)
            current = None
    if current is not None:
        _finish_segment(current, seg_start, len(text))
        current.close_end = len(text)
        current.closed = False
        if current.segments:
            quotes.append(current)
    return quotes


def _paragraph_break(text: str, pos: int, current: Quote, seg_start: int, quotes: list[Quote], opening_at: OpeningAt):
    """Handle a line break inside an open quotation.

    The quotation continues when the next non-blank line opens with a quote
    mark (the newswire convention for multi-paragraph quotes); otherwise it
    ends, unclosed, at the end of this line. A lower-case next line is a
    wrapped sentence (after a single line break), not a new paragraph.
    """
    nxt = pos + 1
    length = len(text)
    while nxt < length and text[nxt] in " \t\r\n\u00a0":
        nxt += 1
    if nxt < length and text[nxt].islower() and text.count("\n", pos, nxt) == 1:
        return current, seg_start  # a wrapped line, not a new paragraph
    _finish_segment(current, seg_start, pos)
    opener = opening_at(text, nxt)
    if opener:
        return current, nxt + len(opener)
    current.close_end = pos
    current.closed = False
    if current.segments:
        quotes.append(current)
    return None, 0


def _opening_mark_at(text: str, pos: int) -> str:
    """The opening quote mark starting at ``pos``, or an empty string if there is none."""
    for mark in ("``", "“", '"', "„", "«", "''"):
        if text.startswith(mark, pos):
            return mark
    return ""


def _role(text: str, pos: int, mark: str, inside: bool) -> str:
    """Decide whether a mark opens or closes; straight marks look at their neighbours.

    Two apostrophes close a ``backtick`` quotation, but some archives (the
    New York Times among them) write them at both ends: outside a quotation,
    after a space and before a word, they open one.
    """
    if mark == "“" and inside and (pos + 1 >= len(text) or text[pos + 1] in _CLOSE_CONTEXT):
        return "close"  # „German-style“ quotes, or a mistyped closer: it ends the open quotation
    if mark in _OPENERS:
        return "open"
    if mark == "''" and inside and (pos == 0 or text[pos - 1] == "\n"):
        return "open"  # a quotation continued in a new paragraph, opened again with two apostrophes
    if mark == "''" and not inside:
        before = text[pos - 1] if pos > 0 else " "
        after = text[pos + 2] if pos + 2 < len(text) else " "
        return "open" if before in _OPEN_CONTEXT and not after.isspace() else "close"
    if mark in _CLOSERS:
        return "close"
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    opens = before in _OPEN_CONTEXT or before in _OPENERS
    closes = after in _CLOSE_CONTEXT or after in _CLOSERS
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "close" if inside else "open"


# Words written with a leading apostrophe, not a quotation's first word ("the '90s", "rock 'n' roll").
# Two digits are a year ("in ’08"): style guides spell out a number that starts a sentence. A lone s or t is a
# possessive or a name's article set apart ("Trump ‘s", "Sophie in 't Veld").
_ELIDED = re.compile(r"(?:\d0s|\d\d|(?i:n|em|til|cause|bout|tis|twas)|s|t)\b")


# A mark ending a word before the next one: an apostrophe ("the ministers' aides", "Lyin’ Ted") or a quotation's end.
_POSSESSIVE_MARK = re.compile(r"(?:(?<=[sS])|(?<=in))['’](?= [A-Za-z])")


def _closed_at_possessive(quote: Quote, text: str) -> bool:
    """Close an unclosed quotation at the first possessive-looking mark of its last paragraph, if it has one."""
    start, end = quote.segments[-1]
    mark = _POSSESSIVE_MARK.search(text, start, end)
    if mark is None:
        return False
    quote.segments[-1] = (start, mark.start())
    quote.close_end = mark.end()
    quote.closed = True
    return True


def _single_role(text: str, pos: int, mark: str, inside: bool) -> str:
    """Whether a single mark opens a quotation, closes one, or is an apostrophe ("skip")."""
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    if not inside or mark == "‘":  # a left mark inside a quotation: the earlier opening was stray
        opens = mark == "‘" or before in _OPEN_CONTEXT
        starts_words = not after.isspace() and after not in ",.;:!?"
        return "open" if opens and starts_words and not _ELIDED.match(text, pos + 1) else "skip"
    if before.isspace() or after.isalnum():
        return "skip"  # "it's", "the crew’s": a mark inside a word
    if _POSSESSIVE_MARK.match(text, pos) and _possessed(text, pos + 2):
        return "skip"  # "the ministers' aides", "Lyin’ Ted": an apostrophe, not the end of the quotation
    return "close" if after in _CLOSE_CONTEXT or after in "'’" + _BLANK else "skip"  # _BLANK: a double mark


# Words that no possessive owns: after them such a mark closes a quotation ("called them 'war crimes' and …",
# "'We stand with the farmers' the minister said").
_AFTER_QUOTE = frozenset(
    {"and", "or", "but", "in", "on", "at", "to", "for", "as", "by", "of", "from", "with", "that", "is", "was", "were"}
    | {"the", "a", "an", "this", "these", "those", "his", "her", "their", "its", "our", "my", "your"}
    | {"he", "she", "they", "it", "we", "i", "you", "said", "says", "told", "added", "wrote"}
)


def _possessed(text: str, pos: int) -> bool:
    """Whether the word at ``pos`` can be what a plural's possessive owns ("ministers' aides")."""
    word = re.match(r"[A-Za-z]+", text[pos : pos + 20])
    return word is not None and word.group().lower() not in _AFTER_QUOTE


def _single_opening_at(text: str, pos: int) -> str:
    """The single opening mark starting a paragraph at ``pos`` (a quotation continued), or an empty string."""
    if text.startswith(("‘", "'", "’"), pos) and pos + 1 < len(text) and not text[pos + 1].isspace():
        return text[pos]
    return ""


def _finish_segment(quote: Quote, start: int, end: int) -> None:
    """Append the text between ``start`` and ``end`` as a segment, if not empty."""
    if end > start:
        quote.segments.append((start, end))


def _only_space(text: str, start: int, end: int) -> bool:
    return not text[start:end].strip()


class QuoteIndex:
    """Answers "is this offset inside a quotation, and which?" in O(log n)."""

    def __init__(self, quotes: list[Quote]):
        self.quotes = quotes
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._owner: list[int] = []
        for n, quote in enumerate(quotes):
            for start, end in quote.segments:
                self._starts.append(start)
                self._ends.append(end)
                self._owner.append(n)

    def quote_at(self, offset: int) -> int:
        """Index of the quotation whose text contains ``offset``, or -1."""
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self._ends[i]:
            return self._owner[i]
        return -1

    def quoted_chars(self, start: int, end: int) -> int:
        """How many characters of ``[start, end)`` lie inside quotation segments."""
        total = 0
        i = max(bisect_right(self._starts, start) - 1, 0)
        while i < len(self._starts) and self._starts[i] < end:
            total += max(0, min(end, self._ends[i]) - max(start, self._starts[i]))
            i += 1
        return total
