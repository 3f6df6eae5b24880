"""Span shaping: from tokens to the character spans of a proposal's source, cue and content.

:func:`propose` builds every :class:`.rules.Proposal`; the helpers here turn
subtrees into contiguous, trimmed spans and cut what is not the claim
(datelines, the narrator's rebuttal, the comma handing over to "she said").
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .context import CUE_DEPS, DATA_NOUNS, FinderContext
from .rules import Proposal, Rule
from .sources.lexicon import in_lists
from .spans import Attribution, CharSpan

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

_MAX_PHRASE = 400  # tokens in one subtree (see subtree)
_LEADING_MARKS = {"that", "whether", "if"}
_CLOSING_MARKS = {"”", '"', "''"}
_OPENING_MARKS = {"“", '"', "``"}
_CLAUSE_END = ".!?:;\n\"”'’)—–"
# "WASHINGTON ― ", "KYIV, Ukraine (AP) — ", "KYIV, Nov 27 (Reuters) - ", "BUDAPEST/BRUSSELS, Feb 20 - "; and a live
# page's time stamp before its post, "13:42 GMT – ", "10.02am - ", "9:15 a.m. ET — ".
DATELINE = re.compile(
    r"(?:[A-Z][A-Z.'’]+[A-Z.'’/ ]{0,30}(?:,\s*[A-Z][A-Za-z.]*(?:\s+\d{1,2})?)?\s*(?:\([A-Za-z .]{2,20}\)\s*)?"
    r"|\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?\s*)?(?:(?:GMT|UTC|BST|CET|CEST|EET|EEST|MSK|EST|EDT|ET|PT)(?:[+-]\d{1,2}(?::\d{2})?)?\s*)?)"
    r"(?:\s[―—–-]+|[―—–]+)\s*"
)
# The narrator's aside on a claim: ", a claim Moscow denies", " — an allegation Kyiv rejects", ", an account the
# governor disputed", ", a figure based on obituaries", ", a figure cited by the institute", ", a claim swiftly
# rejected by Kyiv", ", a number that could not be verified".
_REBUTTAL = re.compile(
    r"\s*(?:,|\s[-—–]|—|–)\s*(?:a|an)\s+"
    r"(?:claim|allegation|accusation|assertion|argument|charge|account|version|narrative|figure|number|tally|estimate)s?\s+"
    r"(?:(?:that\s+|which\s+)?(?:[A-Z]|(?:the|its|his|her|their)\s+(?:[\w'’-]+\s+){1,3}[a-z]+(?:ed|es|s)\b)"
    r"|based\s+on\b|(?:\w+ly\s+)?(?:cited|given|quoted|reported|provided|published|released|rejected|denied|disputed"
    r"|dismissed|contested|challenged)\s+by\b"
    r"|(?:that|which)\s+(?:could|can|cannot|could\s+not|has|have|had|was|were|is)\b)"
)


def propose(
    ctx: FinderContext,
    rule: Rule,
    *,
    content: list[CharSpan],
    cue: CharSpan | None,
    source: CharSpan | None,
    token: Token | None = None,
    subject: Token | None = None,
    kind: str | None = None,
    hedged: bool = False,
    quotes_used: tuple[int, ...] = (),
) -> Proposal:
    """Build a proposal: ``content`` without dateline or rebuttal, empty or reversed roles dropped.

    ``kind`` ("direct", "mixed", "indirect") defaults to what the quotation
    marks in ``content`` say. A role span that came out empty or reversed (a
    parse gone wrong) is dropped rather than stored, so one odd sentence never
    fails a document.
    """
    kind = kind or content_kind(content, ctx)
    content = _without_rebuttal(_without_section_label(_without_dateline(sorted(content), ctx.text), ctx), ctx.text)
    source = _source_after_label(_source_without_dateline(source, ctx.text), cue, ctx)
    cue, source = (span if span and span[1] > span[0] else None for span in (cue, source))
    content = _without_trailing_source(content, source, ctx.text)
    if rule.kind != "according":
        content = _without_trailing_according(content, ctx.text)
    content = _without_outer_marks(content, ctx.text)
    ends = [content[-1][1]] + [span[1] for span in (cue, source) if span]
    return Proposal(
        Attribution(content=content, cue=cue, source=source, quote=kind, hedged=hedged),
        rule,
        end=max(ends),
        token=token.i if token is not None else -1,
        subject=subject.i if subject is not None else -1,
        quotes_used=tuple(quotes_used),
    )


def _without_trailing_source(content: list[CharSpan], source: CharSpan | None, text: str) -> list[CharSpan]:
    """The content without the source that closes one of its spans ("Fewer than 2,300 remain, an official …
    said": the parser made the speaker an appositive of the claim's subject). A span the source fills is kept."""
    if source is None:
        return content
    kept = []
    for start, end in content:
        if start < source[0] < end <= source[1]:
            cut = source[0]
            while cut > start and (text[cut - 1].isspace() or text[cut - 1] in ",;:—–-"):
                cut -= 1
            end = cut if cut > start else end
        kept.append((start, end))
    return kept


# ", according to a statement from the foreign ministry" closing a content span: the writer's source for the
# report, which the "according to" reading gives as a claim of its own.
_TRAILING_ACCORDING = re.compile(r"\s*(?:,|\s[—–-])\s*according\s+to\s+[^,;:\"“”]+$", re.IGNORECASE)


def _without_trailing_according(content: list[CharSpan], text: str) -> list[CharSpan]:
    """The content without an "according to" phrase at its end: "Officials announced that attacks on power stations
    would cease for a month, according to a statement from the ministry" announced that attacks would cease."""
    start, end = content[-1]
    found = _TRAILING_ACCORDING.search(text, start, end)
    if found is None or found.start() <= start:
        return content
    return [*content[:-1], (start, found.start())]


def _without_outer_marks(content: list[CharSpan], text: str) -> list[CharSpan]:
    """A content that is one quotation whole, without its marks: 'warned that “the risks are tilted to the downside.”'
    says "the risks are tilted to the downside.", as a quotation after "said" does."""
    if len(content) != 1:
        return content
    start, end = content[0]
    if end - start < 3 or text[start] not in '"“' or text[end - 1] not in '"”':
        return content
    if any(ch in '"“”' for ch in text[start + 1 : end - 1]):
        return content  # two quotations, or words between them
    return [(start + 1, end - 1)]


def content_kind(spans: list[CharSpan], ctx: FinderContext) -> str:
    """ "direct" when (nearly) all content is quoted, "mixed" when part is, else "indirect"."""
    total = sum(e - s for s, e in spans)
    quoted = sum(ctx.qindex.quoted_chars(s, e) for s, e in spans)
    if total and quoted >= 0.9 * total:
        return "direct"
    return "mixed" if quoted else "indirect"


def cue_span(verb: Token) -> CharSpan:
    """The cue verb with its auxiliaries, negation and particle: "have warned", "is believed"."""
    left = verb.i
    right = verb.i
    for child in verb.children:
        if child.lower_ == "back" and child.i == verb.i + 1:
            right = child.i  # "shot back", which the parser may read as an adverb
        elif child.dep_ in CUE_DEPS and abs(child.i - verb.i) <= 3:
            if child.i < verb.i:
                left = min(left, child.i)
            elif child.dep_ == "prt":
                right = max(right, child.i)
    doc = verb.doc
    # Keep auxiliaries only when they form a contiguous group with the verb
    # ("has often cited" keeps the adverb; "is, he said, believed" does not).
    while left < verb.i and any(doc[i].is_punct for i in range(left, verb.i)):
        left += 1
    return doc[left].idx, doc[right].idx + len(doc[right])


def subtree(token: Token) -> list[Token]:
    """The tokens of :func:`subtree_indices`."""
    indices = subtree_indices(token)
    return list(token.doc[indices.start : indices.stop])


def subtree_indices(token: Token) -> range:
    """The indices of the token's subtree as a contiguous run, at most _MAX_PHRASE tokens around the token.

    Subtrees that long only occur in run-on or garbled text; the cap keeps the
    finder linear in the length of the document whatever the input. Indices
    rather than tokens: spaCy makes a new Token object on every access, and
    most rules only need positions.
    """
    lo, hi = token.left_edge.i, token.right_edge.i
    if hi - lo >= _MAX_PHRASE:
        lo = max(lo, token.i - _MAX_PHRASE // 2)
        hi = min(hi, lo + _MAX_PHRASE - 1)
    return range(lo, hi + 1)


def phrase_span(head: Token, ctx: FinderContext, exclude: tuple[int, int] | None = None) -> CharSpan | None:
    """The noun phrase headed by ``head`` as one span: titles and appositives included.

    ``exclude`` is a range of token indices (a clause inside the phrase) to leave out.
    """
    lo_x, hi_x = exclude if exclude else (-1, -2)
    # Outside quotation marks, the words outside them; a speaker's own "everybody in my business", inside them, is
    # the words of the same quotation.
    quote = ctx.in_quote[head.i]
    indices = [
        i
        for i in subtree_indices(head)
        if not lo_x <= i <= hi_x and (ctx.in_quote[i] == quote if quote >= 0 else ctx.in_quote[i] < 0)
    ]
    if not indices:
        indices = [head.i]
    # Keep the contiguous run around the head.
    pos = indices.index(head.i) if head.i in indices else 0
    lo = hi = pos
    while lo > 0 and indices[lo - 1] == indices[lo] - 1:
        lo -= 1
    while hi + 1 < len(indices) and indices[hi + 1] == indices[hi] + 1:
        hi += 1
    doc = head.doc
    first, last = indices[lo], indices[hi]
    while first < last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    while last > first and (doc[last].is_punct or doc[last].is_space or doc[last].dep_ == "case"):
        if doc[last].text == ")" and _brackets_open(doc, first, last):
            break  # "Sen. Richard J. Durbin (D-Ill.)": the bracket the name opened
        last -= 1  # "The report's conclusion": the source is "The report"
    first, last = _without_when(head, first, last, ctx)
    start, end = ctx.token_starts[first], ctx.token_ends[last]
    link = ctx.text.find("](", start, end)
    if link > start:
        end = link  # "[Seaquest Analytics](https://…)": a Markdown link's target is no part of the name
    colon = ctx.text.find(": ", start, end)
    if colon > start and ctx.text[start:colon].lower() in ctx.lex.label_stopwords:
        start = colon + 2  # "Factbox: Ukraine says …": a section label is no part of the name
    return start, end


# Words of when, which the parser may hang on the speaker's name: "but earlier Moscow claimed …".
_WHEN_WORDS = frozenset({"earlier", "later", "also", "then", "now", "meanwhile", "previously", "again"})
_WHEN_ENTITIES = frozenset({"DATE", "TIME"})
# Prepositions of when something was said ("on Friday", "in 2001", "during a Sunday interview"); not "a driver with
# eleven years at the mine", "a share of exports over the past three seasons".
_SPOKEN_WHEN_PREPS = frozenset({"on", "in", "at", "during"})


def _without_when(head: Token, first: int, last: int, ctx: FinderContext) -> tuple[int, int]:
    """A speaker's phrase (tokens ``first`` to ``last``) without a word or a phrase of when it spoke that the parser
    hung on it: "earlier Moscow", "Hillary Clinton's campaign on Friday". A document's date is part of which one it
    is ("a Field Poll of the Democratic race in May 2015")."""
    doc = head.doc
    while first < head.i and doc[first].lower_ in _WHEN_WORDS and doc[first].dep_ in ("amod", "advmod", "npadvmod"):
        if doc[first + 1].text in ("-", "–"):
            break  # "then-Senate Majority Leader Harry Reid": his title then
        first += 1
    lemma = head.lemma_.lower()
    if lemma in ctx.lex.document_nouns or lemma in DATA_NOUNS or in_lists(head.lower_, "document_source_nouns"):
        return first, last
    when = next(
        (
            c
            for c in head.children
            if c.dep_ == "prep" and c.lower_ in _SPOKEN_WHEN_PREPS and c.i > head.i and c.right_edge.i == last
        ),
        None,
    )
    if when is None or any(t.pos_ in ("VERB", "AUX") or t.is_punct for t in doc[head.i + 1 : when.i]):
        return first, last  # "Giuliani, who served as U.S. attorney from 1983 to 1989": when the clause tells of
    if any(g.dep_ == "pobj" and g.ent_type_ in _WHEN_ENTITIES for g in when.children):
        last = when.i - 1
        while last > first and (doc[last].is_punct or doc[last].is_space):
            last -= 1
    return first, last


def index_spans(token_indices: Iterable[int], ctx: FinderContext, drop_mark: bool = False) -> list[CharSpan]:
    """Turn a set of token indices into sorted character spans, one per contiguous run.

    Leading complementisers ("that") are dropped when ``drop_mark`` is set,
    and punctuation at the edges of each run is trimmed.
    """
    doc = ctx.doc
    indices = sorted(set(token_indices))
    if drop_mark and indices and doc[indices[0]].lower_ in _LEADING_MARKS and _marks_the_clause(doc[indices[0]]):
        indices = indices[1:]
    runs: list[list[int]] = []
    for i in indices:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    spans = []
    for run in runs:
        first, last = _trimmed_run(doc, run[0], run[-1], ctx)
        if first <= last:
            spans.append((ctx.token_starts[first], ctx.token_ends[last]))
    return spans


def _marks_the_clause(token: Token) -> bool:
    """A complementiser: labelled a mark, or "that" read as the object of a clause that has its own subject after it
    ("wrote on X that Russia was escalating": the parser's "that" is the object of "escalating", and the claim was
    "that Russia was escalating")."""
    if token.dep_ == "mark":
        return True
    return (
        token.lower_ == "that"
        and token.dep_ == "dobj"
        and any(c.dep_ in ("nsubj", "nsubjpass") and token.i < c.i < token.head.i for c in token.head.children)
    )


# spaCy counts "%" as punctuation, but "wants 9%, the union said" claims 9 percent, not 9.
_UNITS_THAT_ARE_PUNCT = frozenset(["%"])


def _trimmed_run(doc: Doc, first: int, last: int, ctx: FinderContext) -> tuple[int, int]:
    """A run of tokens without punctuation at its edges, keeping the quote marks of a quoted fragment."""
    starts = ctx.token_starts
    while first <= last and (doc[first].is_punct or doc[first].is_space):
        if (doc[first].text in ("“", '"', "``") or starts[first] in ctx.apostrophe_openings) and first < last:
            break  # keep an opening quote mark that starts a quoted fragment
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].is_space) and doc[last].text not in _UNITS_THAT_ARE_PUNCT:
        if doc[last].text in _CLOSING_MARKS and _opens_unclosed(doc, first, last):
            break  # 'the West was "pushing the world to war"': keep the mark that closes a fragment
        if ctx.apostrophe_closings.get(starts[last], -1) >= starts[first]:
            break  # "called it 'an insult'": the single mark that closes a fragment the run opened
        if doc[last].text == ")" and _brackets_open(doc, first, last):
            break  # "€60 million ($65 million)": the bracket the run opened
        last -= 1
    return first, last


def _brackets_open(doc: Doc, first: int, last: int) -> bool:
    """Whether tokens ``first`` to before ``last`` open more round brackets than they close."""
    texts = [t.text for t in doc[first:last]]
    return texts.count("(") > texts.count(")")


def through_closing_mark(indices: list[int], ctx: FinderContext, *, over_a_comma: bool = True) -> list[int]:
    """``indices`` and, when they open a quotation they do not close, the punctuation after them up to the mark
    that closes it: 'calling them "politically motivated."' keeps its quoted words whole. Not over a comma unless
    ``over_a_comma``: 'said it was "too much," adding …' ends at "much", as a quotation ends before its comma."""
    if not indices:
        return indices
    doc, starts = ctx.doc, ctx.token_starts
    first, last = min(indices), max(indices)
    # An opening mark the parser hung elsewhere ("calling them “…”", the mark on the main verb) is inside them.
    inside = set(indices)
    indices = [
        *indices,
        *(
            i
            for i in range(first, last)
            if i not in inside and (doc[i].text in _OPENING_MARKS or starts[i] in ctx.apostrophe_openings)
        ),
    ]
    opening = starts[first - 1] if first > 0 else -1
    if opening in ctx.apostrophe_openings and any(ctx.apostrophe_closings.get(starts[i]) == opening for i in indices):
        indices.append(first - 1)  # "described ‘deep’ cuts": the single mark hung on the verb opens a fragment of them
    end = last + 1
    while end < len(doc) and doc[end].text in (".", ",", "!", "?"):
        if doc[end].text == "," and not over_a_comma:
            return indices
        end += 1
    if end < len(doc) and doc[end].text in _CLOSING_MARKS and _opens_unclosed(doc, first, last + 1):
        return [*indices, *range(last + 1, end + 1)]
    if end < len(doc) and ctx.apostrophe_closings.get(starts[end], -1) >= starts[first]:
        return [*indices, *range(last + 1, end + 1)]  # "called the offer ‘an insult.’"
    return indices


def _opens_unclosed(doc: Doc, first: int, last: int) -> bool:
    """Whether doc[first:last] opens more quotations than it closes (straight marks count by pairs)."""
    marks = [t.text for t in doc[first:last]]
    straight = sum(m == '"' for m in marks)
    return straight % 2 == 1 or sum(m in ("“", "``") for m in marks) > sum(m in ("”", "''") for m in marks)


def clean_quote_spans(spans: list[CharSpan], text: str) -> list[CharSpan]:
    """Quoted text without blanks and the comma that hands over to "she said"."""
    out = []
    for start, end in sorted(spans):
        while start < end and text[start].isspace():
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
            end -= 1
        if end > start:
            out.append((start, end))
    return out


def clean_spans(spans: list[CharSpan], text: str) -> list[CharSpan]:
    """Spans trimmed of blanks and final sentence punctuation."""
    out = []
    for start, end in spans:
        while start < end and text[start].isspace():
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:."):
            end -= 1
        if end > start:
            out.append((start, end))
    return out


def whole_figures(spans: list[CharSpan], text: str) -> list[CharSpan]:
    """``spans`` widened so that none starts or ends inside a figure: the tokenizer splits "£100m" into "£", "100"
    and "m", and a parse that took "m" for a clause's subject gave the content "m would raise £4bn" (a QA pass)."""
    widened: list[CharSpan] = []
    for start, end in spans:
        if cuts_a_figure(text, start):
            start = _figure_start(text, start)
        if cuts_a_figure(text, end):
            end = _figure_end(text, end)
        if widened and start <= widened[-1][1]:
            widened[-1] = (widened[-1][0], max(end, widened[-1][1]))
        else:
            widened.append((start, end))
    return widened


def _figure_character(ch: str) -> bool:
    return ch.isalnum() or unicodedata.category(ch) == "Sc"


def cuts_a_figure(text: str, at: int) -> bool:
    """Whether ``at`` falls between two characters of one figure ("£|100m", "100|m", "5|km", "1.|5bn"), not between
    words."""
    start, end = _figure_start(text, at), _figure_end(text, at)
    return start < at < end and any(ch.isdigit() or unicodedata.category(ch) == "Sc" for ch in text[start:end])


def _figure_start(text: str, at: int) -> int:
    """Where the figure around ``at`` starts; a decimal point or a thousands comma inside it ("£1.5bn") is part of it."""
    while at > 0 and (_figure_character(text[at - 1]) or _separates_digits(text, at - 1)):
        at -= 1
    return at


def _figure_end(text: str, at: int) -> int:
    """Where the figure around ``at`` ends (see :func:`_figure_start`)."""
    while at < len(text) and (_figure_character(text[at]) or _separates_digits(text, at)):
        at += 1
    return at


def _separates_digits(text: str, at: int) -> bool:
    """A decimal point or thousands comma: "." or "," between two digits."""
    return text[at] in ".," and 0 < at < len(text) - 1 and text[at - 1].isdigit() and text[at + 1].isdigit()


def at_clause_start(text: str, pos: int) -> bool:
    """True when only blanks separate ``pos`` from the end of the previous sentence or line."""
    i = pos - 1
    while i >= 0 and text[i] in " \t\u00a0":
        i -= 1
    return i < 0 or text[i] in _CLAUSE_END


def quotes_overlapping(spans: list[CharSpan], ctx: FinderContext) -> set[int]:
    """Indices of quotations that share characters with any of ``spans``."""
    hit: set[int] = set()
    for start, end in spans:
        i = bisect_right(ctx.close_ends, start)  # first quotation closing after ``start``
        while i < len(ctx.quotes) and ctx.quotes[i].open_pos < end:
            hit.add(i)
            i += 1
    return hit


def comma_between(left: Token, right: Token) -> bool:
    """Whether a comma or dash separates two tokens."""
    doc = left.doc
    return any(doc[i].text in (",", "—", "–") for i in range(left.i + 1, right.i))


def has_that_mark(clause: Token) -> bool:
    """Whether a clause opens with "that"."""
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def _without_dateline(content: list[CharSpan], text: str) -> list[CharSpan]:
    """Content that opens a paragraph, or starts inside its dateline, loses the dateline ("KYIV (Reuters) - ",
    "WASHINGTON, Nov 29 (AP) — "): it is not the claim."""
    if not content:
        return content
    return [_after_dateline(content[0], text), *content[1:]]


def _without_section_label(content: list[CharSpan], ctx: FinderContext) -> list[CharSpan]:
    """Content that opens a line with a page's label ("Watch: Russia fired 40 missiles at Kyiv overnight,
    officials said") starts after it: the label is the page's, not the claim."""
    if not content:
        return content
    start, end = content[0]
    text = ctx.text
    colon = text.find(": ", start, min(end, start + 30))
    if colon <= start or text[text.rfind("\n", 0, start) + 1 : start].strip():
        return content  # no label, or the content does not open its line
    if text[start:colon].lower() not in ctx.lex.label_stopwords or colon + 2 >= end:
        return content
    return [(colon + 2, end), *content[1:]]


def _source_after_label(source: CharSpan | None, cue: CharSpan | None, ctx: FinderContext) -> CharSpan | None:
    """A line's label the parser made the subject ("Fact: Veltrana's own filing shows …", "filing" read as a
    compound): the source is what stands between the label's colon and the cue."""
    if source is None or cue is None:
        return source
    start, end = source
    text = ctx.text
    if text[end : end + 1] != ":" or text[start:end].lower() not in ctx.lex.label_stopwords:
        return source
    after = end + 1
    while after < cue[0] and text[after].isspace():
        after += 1
    before = cue[0]
    while before > after and text[before - 1].isspace():
        before -= 1
    return (after, before) if after < before and "\n" not in text[after:before] else source


def _source_without_dateline(source: CharSpan | None, text: str) -> CharSpan | None:
    """A source that the parser ran into its paragraph's dateline starts after it: "KYIV, Nov 30 (Reuters) -
    Ukraine's air force said …" is the air force's claim, not one of "Nov 30 (Reuters) - Ukraine's air force"."""
    return None if source is None else _after_dateline(source, text)


def _after_dateline(span: CharSpan, text: str) -> CharSpan:
    """``span`` from the end of its paragraph's dateline, when it starts inside or at it (the parser may leave the
    place name out: "Nov 29 (AP) — Three men …"); as it is otherwise, and when the dateline would take it all."""
    start, end = span
    paragraph = text.rfind("\n", 0, start) + 1
    while paragraph < start and text[paragraph] in " \t":
        paragraph += 1  # an indented paragraph ("   WARSAW, Feb 17 (Reuters) - ", as wire copy is laid out)
    dateline = DATELINE.match(text, paragraph, end)
    if dateline is None or not start <= dateline.end() < end:
        return span
    return (dateline.end(), end)


def _without_rebuttal(content: list[CharSpan], text: str) -> list[CharSpan]:
    """Content cut before the narrator's aside on it: "…in the attack - a claim Moscow denies"."""
    start, end = content[-1] if content else (0, 0)
    aside = _REBUTTAL.search(text, max(start, end - 80), end)  # an aside closes the claim: look at its tail only
    if aside is None or aside.start() == start:
        return content
    return content[:-1] + [(start, aside.start())]
