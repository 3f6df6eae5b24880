"""Page furniture: the newsletter blurbs, share prompts and disclaimers around an article.

Such lines are text, not claims; they are recognised by a small set of
patterns that recur across publishers' templates. So are the numbered notes
under an article (:func:`notes_at_end`), which explain it and claim nothing.
"""

from __future__ import annotations

import re

_FURNITURE_PATTERNS = [
    r"^\s*(stay updated|further reading|read more|related( articles| stories| reading)?|see also"
    r"|more from\b.*|recommended( for you)?|share (this|on)\b.*|advertisement|sponsored( content)?)\s*:?\s*$",
    r"\bfollow us on\b",
    r"\b(sign up|subscribe)\b.*\b(newsletter|inbox|updates?|email)\b",
    r"\bnewsletter\b.*\b(inbox|sign up|subscribe|delivers?)\b",
    r"\bdirectly to your inbox\b",
    r"\b(click|tap) here\b",
    r"^\s*read the (rest|full story|full article)\b",
    r"\bviews expressed (in|here)\b",
    r"\bdo(es)? not necessarily (reflect|represent)\b",
    r"\ball rights reserved\b",
    r"^\s*(©|copyright\b)",
    r"^\s*(the\s+)?[\w .&-]{1,60}[’']s mission is to\b",
    r"\b(support our work|donate (now|today))\b",
    r"\bcookies?\b.*\b(consent|accept|policy)\b",
    r"^\s*(photo|image|video)( credit)?s?\s*:\s*\S+\s*$",
    # Cookie and privacy consent ("We and our 143 partners store and access information on your device").
    r"\b(we|this (web)?site) uses? cookies\b",
    r"\bcookies?\b.*\b(your (device|browser|experience)|personalis|personaliz|partners)\b",
    r"\b(we|and) our \d+ partners\b",
    r"^\s*(accept|reject|allow|manage)( all| cookies| preferences| choices)*\s*$",
    r"^\s*your privacy (choices|settings)\s*$",
    # A consent banner's heading, a sentence on its own: quoted by an article ("'We value your privacy,' the bank
    # said") it is a claim, and so is "We take your privacy seriously", which every breached company says.
    r"^\s*(we (value|care about|respect) your privacy|your privacy (is important|matters) to us)\s*[.!]?\s*$",
    # Browser-upgrade notices.
    r"\b(outdated|out of date|unsupported|older) (web )?browser\b",
    r"\b(upgrade|update) your browser\b",
    # Comment-form prompts.
    r"\b(leave a (reply|comment)|post (a )?comment|join the (conversation|discussion)|comments are closed)\b",
    r"\b(must|need to) be (logged|signed) in to (post|comment|reply)\b",
    r"\byour email address will not be published\b",
    r"\brequired fields are marked\b",
    r"^\s*\d+ (thoughts|comments|responses|replies) (on|to)\b",
    # Audio players.
    r"^\s*listen to (this|the) (article|story)\b",
    # Video players' notices ("This video is restricted from playing in your location", "Video unavailable").
    r"^\s*(this )?video (is )?(restricted|unavailable|not available)\b(?!.*\b(said|says|according)\b)",
    # A caption's label, as a page copied as text keeps it ("Image caption: Firefighters at the site …"); a caption
    # that reports someone's words is left a claim ("Image caption: The school was hit at dawn, police said").
    r"^\s*(image |photo |picture |video )?caption\s*[:,](?!.*\b(said|says|according)\b)",
    # Carousel and gallery labels ("list 3 of 4", "Slide 2 of 10").
    r"^\s*(list|slide|item|image|photo|picture|story) \d+ (of|/) \d+\b",
    # Newsletter boxes.
    r"\b(delivered|sent|straight) (to|into) your inbox\b",
    r"\bby (signing up|subscribing|registering),? you agree\b",
    r"^\s*enter your email( address)?\s*$",
    # Account modals.
    r"^\s*(sign|log) ?in( to (your|my) account)?\s*$",
    r"\b(create|register for) a (free )?account to (continue|keep) reading\b",
    r"\balready (have an account|a subscriber)\b",
    r"^\s*forgot(ten)? your password\b",
    # Trending and related headline lists: the label (the headlines go with it in HTML and Markdown).
    r"^\s*(trending( now| stories)?|most (read|popular|viewed|shared)|you (may|might) also like"
    r"|more stories|also read|read also)\s*:?\s*$",
    # Appeals to readers.
    r"\bis (a )?reader[- ](funded|supported)\b",
    r"^\s*[\w .&'’-]{1,60} is (funded|supported|paid for) by (its|our) readers\b",
    # Credits and editors' notes at an article's end ("Jane Roe in Kyiv contributed to this report.").
    r"\bcontributed (reporting )?to this (report|story|article)\b",
    r"\b(has|have) been (edited|condensed|lightly edited)( and condensed)? for (length|clarity|brevity)\b",
    # Editors' notes and partnership credits ("This story has been updated to include ...").
    r"^\s*this (story|article|report) (has been|was) (updated|corrected)\b",
    r"^\s*this (story|article|report|project) (was|is) (produced|published|reported) in (partnership|collaboration) with\b",
    # Paywalls.
    r"\b(this (post|article|story) is )?for (paying|paid) subscribers( only)?\b",
    r"^\s*subscribe to (continue|keep) reading\b",
]
_FURNITURE = re.compile("|".join(f"(?:{p})" for p in _FURNITURE_PATTERNS), re.IGNORECASE)

# Every match of a pattern above contains one of these words, in some case:
# a sentence with none of them in lower case is not furniture. The regex
# engine tries the patterns at every character of every sentence; looking
# for the words first takes a third of the time on news text. A new pattern
# needs its words here (tests/test_furniture.py generates matches of every
# pattern and checks).
FURNITURE_WORDS = (
    "stay updated", "further reading", "read more", "related", "see also", "more from", "recommended", "share this",
    "share on", "advertisement", "sponsored", "follow us on", "sign up", "subscribe", "newsletter", "inbox",
    "click here", "tap here", "read the ", "views expressed", "not necessarily", "all rights reserved", "©",
    "copyright", "s mission is to", "support our work", "donate ", "cookie", "photo", "image", "video", "partners",
    "accept", "reject", "allow", "manage", "your privacy", "browser", "leave a reply", "comment", "join the",
    "logged in", "signed in", "will not be published", "required fields", "thoughts", "responses", "replies",
    "listen to", "list", "slide", "item", "picture", "story", "you agree", "enter your email", "sign", "log",
    "account to", "already ", "your password", "trending", "most ", "also like", "more stories", "also read",
    "read also", "reader", "contributed", "edited for", "condensed for", "subscribers", "this story", "this article",
    "this report", "this project", "caption",
)  # fmt: skip
# Letters that re.IGNORECASE matches with an ASCII letter of those words but
# str.lower() does not turn into it (dotted and dotless i, long s): a
# sentence with one is left to the patterns.
_CASE_FOLD_ODDITIES = re.compile("[\u0130\u0131\u017f]")


# A paragraph that is a note about the article, not part of it: every sentence of it is furniture ("Correction: A
# previous version of this story misstated the auditor's first name. He is Leon Marsh, not Leonard Marsh.").
_NOTE_PARAGRAPH = re.compile(r"[\W_]*(editor['’]?s['’]? note|corrections?|clarification)[\W_]*[:—–]", re.IGNORECASE)


def is_note_paragraph(paragraph: str) -> bool:
    """True for a paragraph that starts as an editor's note, a correction or a clarification does."""
    return _NOTE_PARAGRAPH.match(paragraph) is not None


def is_furniture(sentence: str) -> bool:
    """True for a sentence that belongs to the page template, not the article."""
    folded = sentence.lower()
    if not any(word in folded for word in FURNITURE_WORDS) and not _CASE_FOLD_ODDITIES.search(sentence):
        return False
    return bool(_FURNITURE.search(sentence))


# A numbered note under an article: "1 Data for December 2025 are provisional.", "² Seasonally adjusted.". The number
# is a digit or two and a space (a list's item is numbered "1." or "1)") or a superscript, and the note starts as a
# sentence does.
_NOTE_LINE = re.compile(r"[ \t]*(?:(\d{1,2})[ \t]+|([\u00b9\u00b2\u00b3\u2070\u2074-\u2079]{1,2})[ \t]*)[A-Z\"“‘'(\[]")
_SUPERSCRIPT_DIGITS = str.maketrans("\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079", "0123456789")
# A heading over the notes: "Notes", "Footnotes", "Sources:".
_NOTES_HEADING = re.compile(r"\W*(notes?|footnotes?|endnotes?|sources?)\W*", re.IGNORECASE)
# The article's mark for its first note: "… provisional.1", "… in December1", "…[1]", "…¹". Not a decimal's ("3.1")
# nor a name's ("Q1", "F1").
_FIRST_MARK = re.compile(r"(?:(?<!\d)[.,;:!?\"”’)]1|[a-z]1|\[1\]|\u00b9)(?!\d)")


def notes_at_end(text: str) -> int:
    """Where the numbered notes at the end of ``text`` start, or ``len(text)`` when it ends with none.

    Notes are lines numbered 1, 2, 3 … in order (each its own line, blank lines between them or not) after the
    article's last line. The numbers of a list can look the same ("1 The ministry said …"), so a block is only
    taken for notes when nothing makes it a list: not after a line that introduces one ("… three steps:"), and,
    when its numbers are digits and there are two or more, under a "Notes" heading or with the first one marked
    in the article. A list in the article's middle ends before its last paragraph and is never the block.
    """
    notes: list[tuple[int, str]] = []  # (offset, number), last first
    above = ""  # the article's last line
    end = len(text)
    while end > 0 and not above:
        begin = text.rfind("\n", 0, end) + 1
        line, end = text[begin:end], begin - 1
        found = _NOTE_LINE.match(line)
        if found is not None:
            notes.append((begin, found.group(1) or found.group(2)))
        else:
            above = line.strip()
    if not notes or not above or above.endswith(":"):
        return len(text)
    numbers = [number.translate(_SUPERSCRIPT_DIGITS) for _, number in reversed(notes)]
    if numbers != [str(n) for n in range(1, len(numbers) + 1)]:
        return len(text)
    start = notes[-1][0]
    plain = all(number.isascii() for _, number in notes)
    if plain and len(notes) > 1 and not _NOTES_HEADING.fullmatch(above) and not _FIRST_MARK.search(text, 0, start):
        return len(text)
    return start
