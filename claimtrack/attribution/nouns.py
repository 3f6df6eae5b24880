"""Nominal and adjectival cues: "Trump's claim that …", "criticism of X", "she was confident that …"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .actions import REBUTTAL_VERBS
from .context import PREP_OBJECTS, FinderContext
from .frame_content import inverted_content, said_in
from .rules import Proposal, Rule
from .shaping import has_that_mark, index_spans, phrase_span, propose, subtree_indices
from .spans import CharSpan
from .speakers import not_a_source

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

# Reporting verbs that the tagger reads as nouns when a plural noun before them closes a sentence ("…, industry
# data show.", "…, port records show."): the last word of a compound, like "trade show".
_TRAILING_VERBS_READ_AS_NOUNS = frozenset(
    {"show", "shows", "suggest", "suggests", "indicate", "indicates", "estimate", "estimates", "forecast", "forecasts"}
    | {"predict", "predicts", "claim", "claims", "warn", "warns"}
)
# The words of a source that such a verb closes: nouns, with their determiners, numbers and adjectives.
_SOURCE_PHRASE_POS = frozenset({"NOUN", "PROPN", "ADJ", "DET", "NUM"})


def nominal_cue(noun: Token, lemma: str, ctx: FinderContext) -> Proposal | None:
    """ "Trump's claim that …", "the report's conclusion is that …", "criticism of X".

    The content is a that-clause of the noun, the clause a copula gives it
    ("X's view is that …"), or the object of a preposition; the source is the
    possessor, a "by" phrase or the subject of the verb governing the noun.
    """
    if any(c.dep_ in ("det", "neg") and c.lower_ == "no" for c in noun.children):
        return None  # "there was no indication that …", "no evidence that …": the author's hedge, no one's claim
    if said_in(noun):
        return None  # "said in a statement that …": the verb's claim, which has the clause
    if _in_capitals_heading(noun):
        return None  # "QUOTE OF THE DAY:", "REPORT OF THE WEEK": a newsletter's heading
    trailing = trailing_verb_read_as_noun(noun, ctx) if noun.lower_ in _TRAILING_VERBS_READ_AS_NOUNS else None
    if trailing is not None:
        return trailing  # otherwise read as a noun ("Posts on social media show that …" keeps its clause)
    frame, content = _noun_content(noun, ctx)
    if _existential(noun) and "there" in ctx.lex.noun_frames.get(lemma, ()):
        frame, content = _existential_content(noun, ctx) or (frame, content)
    if not content:
        return None
    holder = _noun_source(noun)
    if holder is not None and not_a_source(holder, ctx):
        holder = None  # "the summit produced rumours about …": no one is named
    source = phrase_span(holder, ctx, exclude=(noun.i, noun.i)) if holder is not None else None
    if holder is not None and holder.head.i == noun.i and holder.dep_ == "nsubj":
        # All the words before the "noun": the tagger that made a noun of the verb made its subject's last
        # words its modifiers ("Posts on social media claim").
        source = (ctx.token_starts[holder.left_edge.i], ctx.token_ends[noun.i - 1])
    return propose(
        ctx,
        Rule("noun", frame, lemma),
        content=content,
        cue=(noun.idx, noun.idx + len(noun)),
        source=source,
        token=noun,
        subject=holder,
        hedged=source is None,
    )


def _in_capitals_heading(noun: Token) -> bool:
    """A noun in capitals among words in capitals ("QUOTE OF THE DAY"), as headings and labels are written."""
    doc = noun.doc
    neighbours = [doc[i] for i in (noun.i - 1, noun.i + 1) if 0 <= i < len(doc) and doc[i].is_alpha]
    return noun.is_upper and len(noun) > 1 and any(t.is_upper for t in neighbours)


def trailing_verb_read_as_noun(noun: Token, ctx: FinderContext) -> Proposal | None:
    """ "The plant supplied a fifth of the region's power, industry data show.": "show" tagged a noun.

    The reporting clause closes the sentence after a comma, or is set off by
    commas ("…, its own filing shows, while …"), and its verb reads as the
    head of a compound ("industry data show" like "trade show"): the nouns
    between the comma and it are the source, everything before the comma
    the content.
    """
    doc = noun.doc
    start, end = ctx.sent_of[noun.i]
    closes = all(doc[i].is_punct or doc[i].is_space for i in range(noun.i + 1, end))
    if not closes and not (noun.i + 1 < end and doc[noun.i + 1].text == ","):
        return None  # the verb closes the sentence or its own parenthesis
    comma = next((i for i in range(noun.i - 1, max(start, noun.i - 8) - 1, -1) if doc[i].text == ","), None)
    if comma is None or comma + 1 == noun.i or ctx.in_quote[comma] >= 0:
        return None
    phrase = doc[comma + 1 : noun.i]
    # a gerund before the phrase's noun modifies it as a noun would ("tracking data show", "polling figures show")
    if not all(_source_phrase_word(t, phrase) for t in phrase):
        return None
    if phrase[-1].pos_ not in ("NOUN", "PROPN") or (phrase[-1].tag_ in ("NNS", "NNPS")) == noun.lower_.endswith("s"):
        return None  # a subject that agrees with the verb ("data show", "filing shows"), not a "trade show"
    content = inverted_content(noun, phrase[0].idx, ctx)
    if not content:
        return None
    return propose(
        ctx,
        Rule("verb", "clause", noun.lower_.removesuffix("s")),
        content=content,
        cue=(noun.idx, noun.idx + len(noun)),
        source=(phrase[0].idx, ctx.token_ends[phrase[-1].i]),
        token=noun,
        subject=phrase[-1],
    )


def _source_phrase_word(token: Token, phrase) -> bool:
    if token.pos_ in _SOURCE_PHRASE_POS or token.tag_ in ("POS", "PRP$"):
        return True
    return token.tag_ == "VBG" and token.i < phrase[-1].i


def _noun_content(noun: Token, ctx: FinderContext) -> tuple[str, list[CharSpan]]:
    """The frame name and content spans of a nominal cue, or ("", [])."""
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp", "relcl") and has_that_mark(child) and not _turns_the_claim_down(child):
            return "that", index_spans(subtree_indices(child), ctx, drop_mark=True)
    if noun.dep_ in ("nsubj", "attr") and noun.head.lemma_ == "be":
        clause = next((c for c in noun.head.children if c.dep_ == "ccomp" and c.i > noun.i), None)
        if clause is not None:
            return "that", index_spans(subtree_indices(clause), ctx, drop_mark=True)
    for child in noun.children:
        if child.dep_ == "prep" and child.i > noun.i and child.lower_ not in ("by", "from"):
            objects = [g for g in child.children if g.dep_ in PREP_OBJECTS]
            if objects:
                return "prep:" + child.lower_, index_spans(subtree_indices(objects[0]), ctx)
            break
    return "", []


# Verbs whose object is a claim turned down: "a claim that the office strongly disputes" is a relative clause on
# the claim (its "that" the verb's object), not what was claimed.
_TURNING_DOWN = REBUTTAL_VERBS | {"deny", "contest", "challenge"}


def _turns_the_claim_down(clause: Token) -> bool:
    """A clause after a nominal cue whose verb turns a claim down and has no object of its own."""
    objects = ("dobj", "ccomp", "xcomp", "attr", "oprd")
    return clause.lemma_.lower() in _TURNING_DOWN and not any(c.dep_ in objects and c.i > clause.i for c in clause.children)


def _existential(noun: Token) -> bool:
    """ "There were reports of …": the noun that "there is" presents."""
    head = noun.head
    return noun.dep_ == "attr" and head.lemma_ == "be" and any(c.dep_ == "expl" for c in head.children)


def _existential_content(noun: Token, ctx: FinderContext) -> tuple[str, list[CharSpan]] | None:
    """What "there are reports of" tells of: the object of "of" ("of explosions in Corvast")."""
    prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" and c.i > noun.i), None)
    objects = [g for g in prep.children if g.dep_ in PREP_OBJECTS or g.dep_ == "pcomp"] if prep is not None else []
    return ("there", index_spans(subtree_indices(objects[0]), ctx)) if objects else None


def _noun_source(noun: Token) -> Token | None:
    """Who holds a nominal claim: possessor, "by X", or the subject of "made the claim"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "nsubj" and child.i < noun.i:
            return child  # "Posts on social media claim that …": a verb the tagger read as a noun, with its subject
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from", "among"):  # "the consensus among economists"
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return objects[0]
    for child in noun.children:
        if child.dep_ == "compound" and child.pos_ == "PROPN":
            return child  # "a Pentagon report"
    if noun.dep_ in ("dobj", "nsubj", "attr") and noun.head.pos_ in ("VERB", "AUX"):
        for child in noun.head.children:
            if child.dep_ == "nsubj" and child.i != noun.i:
                return child
    return None


def adjectival_cue(adj: Token, lemma: str, ctx: FinderContext) -> Proposal | None:
    """ "She was confident that …", "he is critical of X": left to the model to judge."""
    head = adj.head
    holder = next((c for c in head.children if c.dep_ == "nsubj" and ctx.in_quote[c.i] < 0), None)
    if holder is None or not_a_source(holder, ctx):
        return None
    clause = next((c for c in adj.children if c.dep_ == "ccomp"), None)
    if clause is not None:
        frame, content = "clause", index_spans(subtree_indices(clause), ctx, drop_mark=True)
    else:
        prep = next((c for c in adj.children if c.dep_ == "prep" and any(g.dep_ == "pobj" for g in c.children)), None)
        if prep is None:
            return None
        frame = "prep:" + prep.lower_
        content = index_spans((i for g in prep.children if g.dep_ == "pobj" for i in subtree_indices(g)), ctx)
    if not content:
        return None
    return propose(
        ctx,
        Rule("adj", frame, lemma),
        content=content,
        cue=(adj.idx, adj.idx + len(adj)),
        source=phrase_span(holder, ctx),
        token=adj,
        subject=holder,
    )


# Adjectives of belief whose clause, inside a quotation, is the speaker's own report ("I'm confident the courts
# will agree"), as "I believe …" is.
_BELIEF_ADJECTIVES = frozenset({"confident", "sure", "convinced", "certain"})


def quoted_belief(adj: Token, ctx: FinderContext) -> Proposal | None:
    """ "“… I'm confident the higher courts will agree,” he said": a belief inside a quotation, nested in it."""
    head = adj.head
    if adj.lemma_.lower() not in _BELIEF_ADJECTIVES or adj.dep_ != "acomp" or head.i > adj.i:
        return None
    holder = next((c for c in head.children if c.dep_ == "nsubj" and ctx.in_quote[c.i] == ctx.in_quote[adj.i]), None)
    clause = next((c for c in adj.children if c.dep_ == "ccomp"), None)
    if holder is None or clause is None or holder.pos_ not in ("PRON", "NOUN", "PROPN") or not_a_source(holder, ctx):
        return None
    content = index_spans(subtree_indices(clause), ctx, drop_mark=True)
    if not content:
        return None
    return propose(
        ctx,
        Rule("adj", "clause", adj.lemma_.lower()),
        content=content,
        cue=(head.idx, adj.idx + len(adj)),
        source=phrase_span(holder, ctx),
        token=adj,
        subject=holder,
    )
