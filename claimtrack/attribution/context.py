"""What every finder rule shares: the per-document context and the dependency labels they read."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .lexicon import Lexicon
from .quotes import Quote, QuoteIndex, find_quotes

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

# Dependency labels (spaCy English / ClearNLP style).
SUBJECTS = {"nsubj", "csubj"}
CONTENT_CLAUSES = {"ccomp"}
# Auxiliaries and modifiers that annotators attach to the cue ("have warned",
# "is saying", "also said").
CUE_DEPS = {"aux", "auxpass", "neg", "prt"}
# A preposition's object: a noun phrase, or a gerund clause ("called for cutting taxes").
PREP_OBJECTS = {"pobj", "pcomp"}
FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
# Data that show what they count: "…, final figures from the electoral commission showed", "per UN figures" (by
# lemma: "data" is "datum").
DATA_NOUNS = frozenset(
    {"datum", "data", "figure", "result", "number", "statistic", "record", "count", "tally", "footage", "image"}
)
# Verbs whose object is the one addressed, and whose passive subject the one told ("were warned that …").
TELLING_VERBS = frozenset({"tell", "inform", "assure", "reassure", "warn", "advise", "brief", "notify", "remind", "promise"})
QUOTE_MARKS = {"“", "”", '"', "''", "``", "„", "«", "»"}


# A question word opening a title ("How Sanctioned Oil Still Reaches Europe"), as verbs.py reads a headline's
# "explained: What a $15 wage would mean".
_TITLE_QUESTION = re.compile(r"(?:how|why|what|where|when|who|which|whether)\s", re.IGNORECASE)
# A title's label before its colon: "Shadow Fleets: How …".
_TITLE_LABEL = 80


def is_title_question(text: str) -> bool:
    """A title's question, after its label's colon or not: a question word first and no full stop at the end, as
    titles are written, nor a question mark (a transcript's question is its asker's). No claim, and no one's words
    ("A: What we saw was a massacre." is an answer, and one)."""
    text = text.strip()
    label, colon, rest = text.partition(": ")
    if colon and len(label) <= _TITLE_LABEL:
        text = rest.strip()
    return _TITLE_QUESTION.match(text) is not None and text[-1:] not in ".!?\"”’'"


def without_auxiliary_participle(verb: Token) -> bool:
    """A past participle with no auxiliary: often a past tense the tagger misread as one ("Tolliver opened",
    "tankers with opaque ownership carried crude"), which is then the clause's finite verb."""
    return verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def only_punctuation(tokens: Iterable[Token]) -> bool:
    """Whether ``tokens`` (a span of a Doc) are punctuation and spaces alone: nothing said between two words."""
    return all(t.is_punct or t.is_space for t in tokens)


def speech_participle(token: Token, ctx: FinderContext) -> bool:
    """ "…, adding that crews were at the site", "…, blaming a drone attack": an -ing verb of speech (the lexicon's
    clause frame) hung as an adverbial clause, with no subject of its own: its speaker's next claim."""
    if token.dep_ != "advcl" or token.tag_ != "VBG" or "clause" not in ctx.lex.verb_frames.get(token.lemma_.lower(), ()):
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)


class FinderContext:
    """Per-document state shared by the rules: text, lexicon, quotations and sentence table."""

    def __init__(self, doc: Doc, lexicon: Lexicon, *, text: str | None = None):
        self.doc = doc
        self.text = doc.text if text is None else text  # given when read already: Doc.text is rebuilt on every access
        self.lex = lexicon
        self.quotes: list[Quote] = find_quotes(self.text)
        self.qindex = QuoteIndex(self.quotes)
        # Where each token starts and ends, and whether it is blank, read once into lists:
        # rules that work on token indices need no Token object for these.
        starts, lengths, blanks, deps, lowers, tags, pos = doc.to_array(
            ["IDX", "LENGTH", "IS_SPACE", "DEP", "LOWER", "TAG", "POS"]
        ).T.tolist()
        self.token_starts: list[int] = starts
        self.token_ends: list[int] = [start + length for start, length in zip(starts, lengths)]
        self.is_space: list[bool] = [bool(blank) for blank in blanks]
        # Each token's dependency label, lower-cased form, tag and part of speech (Token.dep_, .lower_,
        # .tag_ and .pos_): the finder passes over most words on these alone, making no Token for them.
        strings = doc.vocab.strings
        self.deps: list[str] = [strings[dep] for dep in deps]
        self.lowers: list[str] = [strings[lower] for lower in lowers]
        self.tags: list[str] = [strings[tag] for tag in tags]
        self.pos: list[str] = [strings[part] for part in pos]
        self.in_quote = [self.qindex.quote_at(offset) for offset in starts]
        self.close_ends = [q.close_end for q in self.quotes]
        # Sentence of each token, computed once: Token.sent rescans the
        # sentence on every call, which is quadratic on a run-on sentence.
        self.sent_of: list[tuple[int, int]] = [(0, 0)] * len(doc)
        for sent in doc.sents:
            for i in range(sent.start, sent.end):
                self.sent_of[i] = (sent.start, sent.end)
        self._open_starts = [q.open_pos for q in self.quotes]
        # Where each quotation opened by apostrophe-like marks ('…', ‘…’, ''…'') opens, and where one in single marks
        # closes (its opening's offset): a token of such marks there is a quote mark, elsewhere an apostrophe.
        # Other marks (“, ”, ") are quote marks wherever they stand.
        marked = [q for q in self.quotes if self.text[q.open_pos] in "'‘’"]
        self.apostrophe_openings = {q.open_pos for q in marked}
        self.apostrophe_closings = {q.close_end - 1: q.open_pos for q in marked if q.closed}

    def quote_before(self, offset: int) -> int:
        """Index of the last quotation closing at or before ``offset``, or -1."""
        return bisect_right(self.close_ends, offset) - 1

    def quote_after(self, offset: int) -> int:
        """Index of the first quotation opening at or after ``offset``, or -1."""
        i = bisect_left(self._open_starts, offset)
        return i if i < len(self.quotes) else -1

    def sentence(self, token: Token) -> Span:
        """The sentence containing ``token``, from the per-document table (constant time)."""
        start, end = self.sent_of[token.i]
        return token.doc[start:end]

    def quoted_before(self, token: Token) -> bool:
        """Whether a quotation comes before ``token`` in its sentence: a speaker after it is the quotation rules' to
        read ("“…,” said Hany Farid, chairman of …")."""
        start, _ = self.sent_of[token.i]
        return any(self.in_quote[i] >= 0 for i in range(start, token.i))
