"""Page furniture: the newsletter blurbs, share prompts and disclaimers around an article.

Such lines are text, not claims; they are recognised by a small set of
patterns that recur across publishers' templates.
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
]
_FURNITURE = re.compile("|".join(f"(?:{p})" for p in _FURNITURE_PATTERNS), re.IGNORECASE)


def is_furniture(sentence: str) -> bool:
    """True for a sentence that belongs to the page template, not the article."""
    return bool(_FURNITURE.search(sentence))
