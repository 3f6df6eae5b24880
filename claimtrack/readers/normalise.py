"""The normalisation every document text gets before NLP, whatever it was read from.

Wire copy and scraped pages carry characters a reader never sees: zero-width
spaces and joiners inside names ("Zelen\\u200bskyy"), word joiners, a byte-order
mark in mid-text, soft hyphens, and no-break or typographic spaces. The tagger
reads an invisible character as part of a word, so a name with one inside is
no longer a name. They are removed (or made plain spaces) here, once, before
anything indexes the text: claim offsets index the normalised text.

One regular-expression scan finds whether there is anything to do (on a
text with none of these characters, the usual case, that is all it costs,
about 7 ns a character); only then does one ``str.translate`` pass rewrite it.
"""

from __future__ import annotations

import re

__all__ = ["INVISIBLE", "UNICODE_SPACES", "join_broken_words", "normalise_text"]

# Format characters with no width: removed.
INVISIBLE = (
    "\u00ad"  # soft hyphen (shown only at a line end, which our text never has)
    "\u200b"  # zero-width space
    "\u200c"  # zero-width non-joiner
    "\u200d"  # zero-width joiner
    "\u2060"  # word joiner
    "\ufeff"  # zero-width no-break space / a byte-order mark inside the text
    "\x00"  # NUL: a broken file's (one in the first 8 KB makes the file binary; a later one stayed in a source)
)
# Spaces that are spaces to a reader but not to every tokenizer rule: a plain space.
UNICODE_SPACES = (
    "\u00a0"  # no-break space (&nbsp;)
    "\u1680"  # ogham space mark
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"  # en/em/thin/hair...
    "\u202f"  # narrow no-break space
    "\u205f"  # medium mathematical space
    "\u3000"  # ideographic space
)
_TABLE = (
    {ord(c): None for c in INVISIBLE}
    | {ord(c): " " for c in UNICODE_SPACES}
    | {
        0x2028: "\n",  # line separator
        0x2029: "\n\n",  # paragraph separator
    }
)

_ANY = re.compile("[" + "".join(chr(c) for c in _TABLE) + "]")


def normalise_text(text: str) -> str:
    """``text`` without invisible characters, with Unicode spaces and line separators made plain.

    Line endings are left alone (see :func:`claimtrack.ingest.normalise_newlines`);
    nothing else changes, so text that has none of these characters comes back
    identical.
    """
    if _ANY.search(text) is None:
        return text
    return text.translate(_TABLE)


# A word broken at a line's end by a hyphen, as text copied from a PDF or a printed page keeps it: "the defence
# minis-\nter said", "over the re-\ngion", "the pro-\nRussian party".
_BROKEN_WORD = re.compile(r"\b([A-Za-z]+)-\n([A-Za-z]+)\b")
# A word as the text writes it, with its hyphens ("re-election"); not across a line's end.
_WRITTEN_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
# First parts of compounds that a line may end after, keeping their hyphen: "long-\nrange", "so-\ncalled".
_COMPOUND_FIRSTS = frozenset(
    {"long", "short", "well", "self", "so", "non", "anti", "pro", "ex", "co", "cross", "high", "low", "full", "half",
     "all", "post", "pre", "mid", "semi", "multi", "two", "three", "four", "five", "one", "year", "state", "far"}
)  # fmt: skip


def join_broken_words(text: str) -> str:
    """``text`` with the words a line's end broke at a hyphen made whole again ("minis-\nter" -> "minister"): the
    tagger read "minis" and "ter" as two words, and a source was "The defence minis-\nter". Where the text writes
    the word elsewhere, as it does; else a compound ("long-\nrange", "pro-\nRussian", or one the text writes with
    its hyphen elsewhere) keeps its hyphen and loses the line break. Plain text only: a page's or Markdown's lines
    are the reader's, not a printer's."""
    if "-\n" not in text:
        return text
    # The words the text writes, read once: a long report copied from a PDF breaks thousands of them.
    written = set(_WRITTEN_WORD.findall(text.lower()))

    def whole(match: re.Match[str]) -> str:
        first, second = match.group(1), match.group(2)
        if second[0].isupper():
            return f"{first}-{second}"  # "pro-Russian", "Russia-Ukraine": a name after a hyphen is a compound's
        joined = first + second
        if joined.lower() in written:
            return joined
        if first.lower() in _COMPOUND_FIRSTS or f"{first.lower()}-{second}" in written:
            return f"{first}-{second}"
        return joined

    return _BROKEN_WORD.sub(whole, text)
