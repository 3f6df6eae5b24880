"""After the rules: continuing quotations joined to their speaker, nested claims dropped, repeats removed."""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from .context import FinderContext
from .rules import Proposal
from .shaping import at_clause_start, clean_quote_spans, quotes_overlapping
from .spans import Attribution

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

_CONT_GAP = re.compile(r"^[\s.,;:!?—–\-)\]]*$")
# The tail of a reporting sentence: words, then one sentence-final mark.
_REST_OF_SENTENCE = re.compile(r"^[^.!?\n\"“”]*[.!?]\s*$")
# Nested attributions kept although their cue sits inside another's content.
_NESTED_REPORT_VERBS = {"tell", "inform", "report", "brief", "assure", "warn", "notify"}


def attach_continuations(found: list[Proposal], ctx: FinderContext) -> list[Proposal]:
    """Give a quotation with no reporting clause of its own to the speaker just before it.

    News writing continues a speaker's words in the next sentence or paragraph
    ("…,” she said. “It will fail.”) without repeating the cue.
    """
    if not found or not ctx.quotes:
        return found
    used = {i for f in found for i in f.quotes_used}
    covered = quotes_overlapping([span for f in found for span in f.attribution.content], ctx)
    ordered = sorted(found, key=lambda f: f.end)
    ends = [f.end for f in ordered]
    text = ctx.text
    for n, quote in enumerate(ctx.quotes):
        if n in used or n in covered or not at_clause_start(text, quote.open_pos):
            continue
        if not _CONT_GAP.match(text[quote.close_end:_line_or_sentence_end(text, quote.close_end)]):
            continue  # the quotation is followed by words of the narrator: not a continuation
        k = bisect_right(ends, quote.open_pos) - 1
        if k < 0:
            continue
        previous = ordered[k]
        if previous.attribution.quote == "indirect" or quote.open_pos - previous.end > 200 \
                or not _continues_after(text[previous.end:quote.open_pos]):
            continue
        previous.attribution.content = sorted(previous.attribution.content + clean_quote_spans(quote.segments, text))
        previous.end = max(previous.end, quote.close_end)
        ends[k] = previous.end
    return found


def _continues_after(gap: str) -> bool:
    """Whether only the rest of the speaker's sentence lies between a report and a new quotation.

    '“…,” the governor wrote on Telegram. “Rescuers are still …”': the words
    after the cue finish the reporting sentence; a second sentence between
    them would be the narrator's.
    """
    return bool(_CONT_GAP.match(gap) or _REST_OF_SENTENCE.match(gap))


def _line_or_sentence_end(text: str, pos: int) -> int:
    """Offset of the next sentence-final mark or line break after ``pos`` (bounded look-ahead)."""
    limit = min(len(text), pos + 200)
    for i in range(pos, limit):
        if text[i] == "\n":
            return i
        if text[i] in ".!?" and (i + 1 >= len(text) or text[i + 1].isspace()):
            return i + 1
    return limit


def drop_nested(found: list[Proposal], doc: "Doc") -> list[Proposal]:
    """Drop attributions whose cue lies inside another's content, except reported speech.

    Content often embeds further cues ("she says Trump claims he will win");
    annotators (PolNeAR) treat them as part of the outer claim. A nested
    speech report with its own clause ("X said intelligence services told him
    that …") and a relative clause's claim ("…, who says …") are kept, since
    they name a second, distinct source (see _is_nested_report).
    """
    spans = sorted((s, e) for f in found for s, e in f.attribution.content)
    starts = [s for s, _ in spans]
    reach = []  # reach[i] = furthest end among spans[:i+1]
    best = -1
    for _, e in spans:
        best = max(best, e)
        reach.append(best)
    out = []
    for f in found:
        cue = f.attribution.cue
        if cue is not None:
            i = bisect_right(starts, cue[0]) - 1
            if i >= 0 and reach[i] > cue[0] and not _is_nested_report(f, doc):
                continue
        out.append(f)
    return out


def _is_nested_report(found: Proposal, doc: "Doc") -> bool:
    """A nested attribution worth keeping.

    A speech verb with its own complement clause ("officials told him that
    …"), or a relative clause giving its antecedent's claim ("Trump, who
    says he is honored"), which annotators treat as a claim of its own.
    """
    rule = found.rule
    if rule.kind != "verb" or rule.frame not in ("clause", "quote"):
        return False
    if rule.lemma in _NESTED_REPORT_VERBS and rule.frame == "clause":
        return True
    return found.token >= 0 and doc[found.token].dep_ == "relcl"


def dedupe(attributions: list[Attribution]) -> list[Attribution]:
    """Drop exact repeats (two cues read the same quote for the same source), keep text order."""
    seen = set()
    out = []
    for attr in sorted(attributions, key=lambda a: (a.content[0][0], a.cue or (0, 0))):
        key = (tuple(attr.content), attr.source)
        if key in seen:
            continue
        seen.add(key)
        out.append(attr)
    return out
