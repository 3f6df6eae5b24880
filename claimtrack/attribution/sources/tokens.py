"""Token-level helpers shared by source naming, typing and coreference.

Offsets, keys and the few ways a list of tokens is trimmed or turned back
into text. Nothing here reads the lexicon.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ...namefold import fold_token

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

log = logging.getLogger(__name__)

PARTY_TAG = re.compile(r"^[RDI](?:-[A-Z][A-Za-z.]*(?:[ .]?[A-Z][A-Za-z.]*)*)?$")
POSSESSIVE = {"'s", "’s", "'", "’"}
DETERMINERS = {"the", "a", "an"}
RELATIVE_TAGS = {"WDT", "WP", "WP$"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
AFFILIATION_ENTS = {"NORP", "GPE", "ORG", "PERSON", "LOC", "FAC"}
COORDINATORS = {"and", "&", "or"}


def sentence_starts(doc: Doc) -> list[int]:
    """Character offsets where sentences start ([0] when the Doc has no sentences)."""
    if not (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        return [0]
    return [sent.start_char for sent in doc.sents] or [0]


def token_span(doc: Doc, text: str, char_span: Any) -> Span | None:
    """The token span covering ``char_span``, clamped to the text; None if empty."""
    try:
        start, end = int(char_span[0]), int(char_span[1])
    except (TypeError, ValueError, IndexError):
        log.warning("source span %r is not a pair of character offsets: left unnamed", char_span)
        return None
    start, end = max(0, start), min(len(text), end)
    if start >= end or not text[start:end].strip():
        return None
    return doc.char_span(start, end, alignment_mode="expand")


def name_key(tokens: Sequence[Token]) -> tuple[str, ...]:
    """A name key that folds case, accents, apostrophes and transliteration ("O’Neill" == "O'Neill",
    "Zelenskyy" == "Zelensky"): see :mod:`claimtrack.namefold`."""
    return tuple(fold_token(t.text) for t in tokens)


def join_tokens(tokens: Sequence[Token]) -> str:
    """Tokens back to text with their original spacing."""
    if not tokens:
        return ""
    return tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text


def as_written(tokens: Sequence[Token]) -> str:
    """Tokens as written: adjacent tokens keep their spacing ("vice-presidential"), gaps get one space."""
    parts = []
    for index, token in enumerate(tokens):
        parts.append(token.text)
        if index + 1 < len(tokens):
            adjacent = tokens[index + 1].i == token.i + 1
            parts.append(" " if not adjacent or token.whitespace_ else "")
    return "".join(parts).strip(" -–—")


def strip_edges(tokens: list[Token]) -> list[Token]:
    """Drop whitespace and punctuation at both ends (quotes, commas, dashes)."""
    start, end = 0, len(tokens)
    while start < end and (tokens[start].is_space or tokens[start].is_punct):
        start += 1
    while end > start and (tokens[end - 1].is_space or tokens[end - 1].is_punct):
        end -= 1
    return tokens[start:end]


def strip_possessive(tokens: list[Token]) -> list[Token]:
    """ "Trump's" -> "Trump": a possessive source is the owner."""
    while tokens and (tokens[-1].text in POSSESSIVE or tokens[-1].tag_ == "POS"):
        tokens = tokens[:-1]
    return tokens


def strip_determiners(tokens: list[Token]) -> list[Token]:
    """Drop a leading "the"/"a"/"an" only: other determiners carry meaning."""
    while tokens and tokens[0].text.lower() in DETERMINERS:
        tokens = tokens[1:]
    return tokens
