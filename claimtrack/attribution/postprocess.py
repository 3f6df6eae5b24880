"""After the rules: continuing quotations joined to their speaker, nested claims linked to their parent, repeats removed."""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from .actions import INTENT_VERBS, knows_a_question
from .context import FinderContext
from .lexicon import Lexicon
from .quotes import Quote
from .rules import Proposal, Rule
from .shaping import at_clause_start, clean_quote_spans, has_that_mark, phrase_span, propose, quotes_overlapping
from .spans import Attribution
from .speakers import quoted_person

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

_CONT_GAP = re.compile(r"^[\s.,;:!?—–\-)\]]*$")
# The tail of a reporting sentence: words, then one sentence-final mark.
_REST_OF_SENTENCE = re.compile(r"^[^.!?\n\"“”]*[.!?]\s*$")


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
    answers: list[Proposal] = []
    for n, quote in enumerate(ctx.quotes):
        if n in used or n in covered or not at_clause_start(text, quote.open_pos) or _a_heading(quote, text):
            continue
        if text[quote.end - 1 : quote.end] not in (".", "!", "?") and not _CONT_GAP.match(
            text[quote.close_end : _line_or_sentence_end(text, quote.close_end)]
        ):
            continue  # the quotation is followed by words of the narrator in its sentence: not a continuation
        k = bisect_right(ends, quote.open_pos) - 1
        if k < 0:
            continue
        previous = ordered[k]
        if quote.open_pos - previous.end > 200 or not _continues_after(text[previous.end : quote.open_pos]):
            continue
        if previous.attribution.quote == "indirect":
            # 'Kovalenko said the residents share one stove.\n\n“Nobody complains.”': the speaker's own words, a
            # paragraph of their own after her paraphrase, are a quotation of hers (not part of the paraphrase).
            speaker = _outermost(previous, ordered)
            if speaker.attribution.source is not None and _opens_paragraph(text, quote.open_pos):
                answers.append(_quoted_again(speaker, n, ctx))
            continue
        asked = _person_asked(previous, ctx)
        if asked is not None:  # "“…?” the prosecutor asked the secretary. “Nothing.”": the answer is theirs
            answers.append(
                propose(
                    ctx,
                    Rule("verb", "answer", "ask"),
                    content=clean_quote_spans(quote.segments, text),
                    cue=None,
                    source=phrase_span(asked, ctx),
                    subject=asked,
                    kind="direct",
                    quotes_used=(n,),
                )
            )
            continue
        previous.attribution.content = sorted(previous.attribution.content + clean_quote_spans(quote.segments, text))
        previous.end = max(previous.end, quote.close_end)
        ends[k] = previous.end
    return sorted(found + answers, key=lambda p: p.attribution.content[0][0]) if answers else found


# Words a headline leaves in lower case ("Legend in the Coal Fields").
_HEADLINE_SMALL_WORDS = frozenset({"a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "by", "with"})


def _a_heading(quote: Quote, text: str) -> bool:
    """A quotation alone on its line in headline case: a section's heading ("'All Bets Are Off.'", “DIVISIVE,
    STUPID AND WRONG”) that quotes words to come, not the last speaker's next words."""
    line_start = text.rfind("\n", 0, quote.open_pos) + 1
    line_end = text.find("\n", quote.close_end)
    after = text[quote.close_end : line_end if line_end >= 0 else len(text)]
    if "\n" in text[quote.open_pos : quote.close_end] or text[line_start : quote.open_pos].strip() or after.strip():
        return False
    words = re.findall(r"[^\W\d_][\w'’-]*", text[quote.start : quote.end])
    capitalised = [word for word in words if word[0].isupper()]
    return len(capitalised) >= 2 and all(word[0].isupper() or word in _HEADLINE_SMALL_WORDS for word in words)


def _outermost(found: Proposal, proposals: list[Proposal]) -> Proposal:
    """The report ``found`` sits in, if any, and the one that one sits in: "Tkachenko said her husband had told her
    that …" is Tkachenko's paragraph, not her husband's."""
    for _ in range(3):
        anchor = found.attribution.source or found.attribution.cue
        if anchor is None:
            return found
        outer = next(
            (p for p in proposals if p is not found and any(start <= anchor[0] < end for start, end in p.attribution.content)),
            None,
        )
        if outer is None:
            return found
        found = outer
    return found


def _opens_paragraph(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    return not text[line_start:pos].strip()


def _quoted_again(previous: Proposal, n: int, ctx: FinderContext) -> Proposal:
    """Quotation ``n``, with no cue of its own, as the words of the source of the report ``previous``."""
    return propose(
        ctx,
        Rule("verb", "continued", previous.rule.lemma),
        content=clean_quote_spans(ctx.quotes[n].segments, ctx.text),
        cue=None,
        source=previous.attribution.source,
        subject=ctx.doc[previous.subject] if previous.subject >= 0 else None,
        kind="direct",
        quotes_used=(n,),
    )


def _person_asked(found: Proposal, ctx: FinderContext) -> Token | None:
    """The one a quoted question was put to: "“…?” the prosecutor asked the secretary" gives "the secretary"."""
    if found.rule.lemma not in ("ask", "question") or found.token < 0:
        return None
    verb = ctx.doc[found.token]
    return next(
        (
            c
            for c in verb.children
            if c.dep_ in ("dobj", "dative") and c.pos_ in ("NOUN", "PROPN", "PRON") and ctx.in_quote[c.i] < 0
        ),
        None,
    )


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


def mark_nested(found: list[Proposal], doc: Doc, lexicon: Lexicon) -> list[Proposal]:
    """Give each attribution whose cue lies inside another's content that one as its parent.

    Content often embeds further reports ("she says Trump claims he will
    win", "he said he expected a deal"); each is an attribution of its own,
    nested in the outer one, which keeps its whole content. Nested reports
    are kept as claims of their own with ``parent`` set when they report
    speech or belief (see :func:`_reports_speech`). An attribution whose cue
    lies only inside its own content is a parse gone wrong and is dropped.
    """
    spans = sorted((s, e, n) for n, f in enumerate(found) for s, e in f.attribution.content)
    starts = [s for s, _, _ in spans]
    outer: dict[int, list[int]] = {}  # proposal -> the others whose content holds its cue, innermost first
    dropped = set()
    for n, f in enumerate(found):
        cue = f.attribution.cue
        owners = _enclosing(spans, starts, cue[0]) if cue is not None else []
        outer[n] = [k for k in owners if k != n and not _cue_inside(found[k], f)]
        if owners and not outer[n] and n in owners:
            dropped.add(n)  # its cue only inside its own content
        elif _is_dropped_inside(f, [found[k] for k in outer[n]], doc, lexicon):
            dropped.add(n)
    by_token = {f.token: k for k, f in enumerate(found) if f.token >= 0}
    out = []
    for n, f in enumerate(found):
        if n in dropped:
            continue
        parent = next((k for k in outer[n] if k not in dropped), None)
        if parent is None and f.token >= 0 and doc[f.token].dep_ == "pcomp" and quoted_person(doc[f.token].head):
            parent = by_token.get(doc[f.token].head.head.i)  # "the statement quoted X as saying": X's words
            parent = None if parent in dropped else parent
        if parent is not None and not _is_aside(f, doc):
            f.attribution.parent = found[parent].attribution
        out.append(f)
    return out


def _is_dropped_inside(found: Proposal, owners: list[Proposal], doc: Doc, lexicon: Lexicon) -> bool:
    """Whether a proposal inside others' content goes: an act they describe, or the same claim unnamed."""
    if not owners:
        return False
    if not _is_aside(found, doc) and not _reports_speech(found, doc, lexicon):
        return True
    return any(_names_the_agent(owner, found) for owner in owners)


def _names_the_agent(outer: Proposal, inner: Proposal) -> bool:
    """ "Exports are forecast to fall, according to the bank": the passive's agent is the bank.

    An agentless passive inside an "according to" of its own sentence is the
    same claim, whose source the "according to" names: it is not a second one.
    """
    return inner.rule.frame == "hedge" and inner.attribution.source is None and outer.rule.kind == "according"


_MAX_ENCLOSING_SCAN = 64  # spans looked at before a cue (keeps a pathological document linear)


def _enclosing(spans: list[tuple[int, int, int]], starts: list[int], offset: int) -> list[int]:
    """The proposals with a content span around ``offset``, innermost (shortest span) first."""
    i = bisect_right(starts, offset) - 1
    found = []
    for s, e, n in spans[max(0, i - _MAX_ENCLOSING_SCAN + 1) : i + 1]:
        if s <= offset < e:
            found.append((e - s, n))
    return [n for _, n in sorted(found)]


def _cue_inside(outer: Proposal, inner: Proposal) -> bool:
    """Whether ``outer``'s cue lies inside ``inner``'s content (two reports inside each other: no parent)."""
    cue = outer.attribution.cue
    return cue is not None and any(s <= cue[0] < e for s, e in inner.attribution.content)


# Frames that carry a proposition whatever the verb: a quotation, a clause, a colon.
_PROPOSITION_FRAMES = {"quote", "clause", "colon", "inverted", "as", "hedge", "predicate", "standings"}


def _reports_speech(found: Proposal, doc: Doc, lexicon: Lexicon) -> bool:
    """Whether a nested reading reports speech or belief, not an act the outer source describes.

    Inside a report, "the two sides agreed to enable repairs" or "refused to
    admit guilt" are acts, not claims: an infinitive or object reading counts
    only for a verb of speech or belief ("told them to leave"), and an
    infinitive's own object reading ("to admit guilt") never does.
    """
    rule = found.rule
    if rule.kind == "adj":
        return rule.frame == "clause"  # "he said he was confident that …": a belief, as "he expected" is
    if rule.kind == "noun" and rule.frame == "that" and found.subject >= 0 and doc[found.subject].head.i == found.token:
        # "BRANDQVIST: … My estimate is that …", "the report's conclusion that …": a view held by the noun's own
        # possessor, inside another's words ("rejected accusations that …" names no accuser); a clause with no
        # "that" may be a relative one ("ads fact-checkers say stretch the truth")
        noun = doc[found.token]
        clauses = [*noun.children, *(noun.head.children if noun.dep_ == "nsubj" else ())]
        return any(c.dep_ in ("acl", "ccomp") and has_that_mark(c) for c in clauses)
    if rule.kind != "verb":
        return rule.kind in ("according", "label", "adverb")
    token = doc[found.token] if found.token >= 0 else None
    if token is not None and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return False
    if token is not None and knows_a_question(token):
        return False  # "the judge said the defendants knew where the goods ended up": the judge's claim alone
    if rule.frame in _PROPOSITION_FRAMES:
        return True
    if rule.frame == "to" and rule.lemma in INTENT_VERBS:
        return False  # "had agreed to share the cost", "hoped to win": an intention, not a claim
    speech = "clause" in lexicon.verb_frames.get(rule.lemma, ())
    return speech and (rule.frame in ("to", "object") or rule.frame.startswith("prep:"))  # "informed him about X"


def _is_aside(found: Proposal, doc: Doc) -> bool:
    """A relative clause giving its antecedent's claim ("Trump, who says he is honored"): the narrator's aside.

    It sits in another attribution's content but is not reported by that
    source, so it stays a claim of its own at the top level.
    """
    rule = found.rule
    return rule.kind == "verb" and rule.frame in ("clause", "quote") and found.token >= 0 and doc[found.token].dep_ == "relcl"


def dedupe(attributions: list[Attribution]) -> list[Attribution]:
    """Drop exact repeats (two cues read the same quote for the same source), keep text order."""
    kept: dict[tuple, Attribution] = {}
    out = []
    for attr in sorted(attributions, key=lambda a: (a.content[0][0], a.cue or (0, 0))):
        key = (tuple(attr.content), attr.source)
        if key in kept:
            continue
        kept[key] = attr
        out.append(attr)
    for attr in out:  # a parent dropped as a repeat hands its children to the copy kept
        if attr.parent is not None:
            attr.parent = kept.get((tuple(attr.parent.content), attr.parent.source))
    return out
