"""Attribution finder: who (source) says (cue) what (content), in a parsed spaCy Doc.

The finder combines

* quotation marks found on the raw text (:mod:`.quotes`), which decide the
  content of direct speech whatever the parse says: a quote next to a
  reporting clause ("…,” she said) is that clause's content, a quote split by
  its reporting clause gives two content spans, and a quote that follows with
  no cue of its own continues the speaker's words (:mod:`.postprocess`);
* rules over the dependency parse that propose, for each word, the ways it
  could signal an attribution, each named by a :class:`.rules.Rule`: a verb
  with its subject as source and its complement clause, infinitive, object or
  prepositional object as content (:mod:`.verbs`, :mod:`.speakers`); hedged
  passives ("is believed to"), hedging adverbs ("reportedly"), "according to
  X" (:mod:`.hedges`); nouns with a that-clause (:mod:`.nouns`); speaker
  labels ("WALLACE: …", :mod:`.labels`);
* a decision on each proposal (:func:`.model.accepts`): the hand lexicon
  (``cues.json``: the product spec's reporting and cognition verbs, hedges,
  nominal cues) accepts its proposals outright; the others are scored by a
  small logistic model (``model.json``, trained on PolNeAR's training split)
  and kept at or above its threshold. For each word the first accepted
  proposal, in the rules' order of priority, wins.

Attributions whose cue lies inside another attribution's content are dropped
(annotators count them as part of the outer claim), except nested speech
reports such as "X said officials told him that …".

Every rule looks at a bounded neighbourhood of one token, so the cost is
linear in the length of the document.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .actions import is_act
from .context import SUBJECTS, FinderContext
from .hedges import according_to, hedged, hedging_adverb, in_document, in_ones_view
from .labels import checked_claims, source_tags, speaker_labels
from .lexicon import Lexicon, load_lexicon
from .model import accepts, load_model
from .nouns import adjectival_cue, nominal_cue, quoted_belief
from .postprocess import attach_continuations, dedupe, mark_nested
from .rules import Proposal
from .shaping import whole_figures
from .spans import Attribution, CharSpan
from .spelling import american_lemmas
from .verbs import quoted_report_proposals, verb_proposals

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token


def find_attributions(doc: Doc, *, text: str | None = None) -> list[Attribution]:
    """Find every attribution in a parsed ``doc``, in text order; never raises on odd input.

    ``text`` is ``doc.text`` when the caller has read it already (spaCy
    rebuilds it from the tokens on every access).

    A doc without a dependency parse yields nothing rather than failing. The
    shipped model is required: :class:`~claimtrack.errors.ModelError` when it
    is missing or unreadable.
    """
    text = doc.text if text is None else text
    attributions = [p.attribution for p in find_candidates(doc, load_lexicon(), load_model(), text=text)]
    for attribution in attributions:  # in place: a nested attribution's parent is one of these objects
        attribution.content = whole_figures(attribution.content, text)
    return dedupe(attributions)


def find_candidates(doc: Doc, lexicon: Lexicon, model: dict[str, Any], *, text: str | None = None) -> list[Proposal]:
    """The accepted proposals: for each word, the first one the lexicon or the model accepts."""
    if len(doc) == 0 or not doc.has_annotation("DEP"):
        return []
    with american_lemmas(doc, known_lemmas(lexicon, model)):
        return _find_candidates(doc, lexicon, model, text=text)


def known_lemmas(lexicon: Lexicon, model: dict[str, Any]) -> frozenset[str]:
    """The lemmas the lexicon lists and the model has weights for: what a British spelling may be read as."""
    key = id(lexicon), id(model)
    if _KNOWN[0] != key:
        lemmas = {name[2:] for name in model["weights"] if name.startswith("l=")}
        _KNOWN[:] = [key, frozenset(lemmas | set(lexicon.verb_frames) | set(lexicon.noun_frames))]
    return _KNOWN[1]


_KNOWN: list[Any] = [None, frozenset()]  # for the lexicon and model last asked about


def _find_candidates(doc: Doc, lexicon: Lexicon, model: dict[str, Any], *, text: str | None) -> list[Proposal]:
    ctx = FinderContext(doc, lexicon, text=text)
    found = []
    nested_only = set()  # proposals kept only if they turn out nested in another report
    acted_on: list[CharSpan] = []  # the objects of acts on things ("blocked a bill …")
    for token, family in _candidate_cues(ctx):
        accepted, passed_over = _first_accepted(_proposals_at(token, family, ctx), doc, lexicon, model, acted_on)
        if accepted is None:
            # "X said his services had informed him about Y": inside a report, a speech
            # verb's reading is a nested report even where the model would not take it alone
            accepted = next((p for p in passed_over if _speech_reading(p, doc, lexicon)), None)
            nested_only.add(id(accepted))
        if accepted is not None:
            found.append(accepted)
    found = [p for p in found if not _part_of_a_thing_acted_on(p, acted_on, doc)]
    quoted = _reports_in_quotes(ctx)  # after the continuations, which look for quotations no one holds
    found = sorted(_finish(found, ctx) + quoted, key=lambda p: p.attribution.content[0][0])
    nested_only.update(id(p) for p in quoted)  # a report inside a quotation no attribution holds: not a claim
    return [p for p in mark_nested(found, doc, lexicon) if p.attribution.parent is not None or id(p) not in nested_only]


def _first_accepted(
    proposals: Iterator[Proposal], doc: Doc, lexicon: Lexicon, model: dict[str, Any], acted_on: list[CharSpan]
) -> tuple[Proposal | None, list[Proposal]]:
    """The first proposal (not an act) that the lexicon or the model accepts, and those passed over before it; the
    objects of the acts on things passed over are added to ``acted_on``.

    ``proposals`` is consumed lazily: once one is accepted, the word's later
    readings are never built (a verb's frames are the finder's main cost).
    """
    passed_over: list[Proposal] = []
    for proposal in proposals:
        if is_act(proposal, doc):
            if proposal.rule.frame == "object":
                acted_on.extend(proposal.attribution.content)
            continue
        if accepts(proposal, doc, lexicon, model):
            return proposal, passed_over
        passed_over.append(proposal)
    return None, passed_over


def _part_of_a_thing_acted_on(proposal: Proposal, acted_on: list[CharSpan], doc: Doc) -> bool:
    """A reading through a preposition or an object, of a noun or of a participle with no subject of its own,
    inside the object of an act on a thing: part of the thing ("enacted a variety of changes", "passed along a
    request for a favor", "passed a resolution condemning the ban"), which reports nothing. A clause said there
    stays ("read out a statement saying …", "welcomed the report that exports rose"), as does a report with its
    own subject ("blocked a bill that Democrats said would raise premiums")."""
    cue, frame = proposal.attribution.cue, proposal.rule.frame
    if cue is None or proposal.token < 0 or not any(start <= cue[0] < end for start, end in acted_on):
        return False
    if not (frame == "object" or frame.startswith("prep:")):
        return False
    token = doc[proposal.token]
    return proposal.rule.kind == "noun" or (token.dep_ == "acl" and not any(c.dep_ in SUBJECTS for c in token.children))


# Entity types of objects that are amounts, never someone addressed.
_AMOUNTS = frozenset({"DATE", "TIME", "MONEY", "QUANTITY", "PERCENT", "CARDINAL"})


def _speech_reading(proposal: Proposal, doc: Doc, lexicon: Lexicon) -> bool:
    """A verb of speech addressed to someone, read through its object, infinitive or preposition.

    "informed him about", "told the judges to leave"; not "knew of the order",
    whose object is a thing known, not a report.
    """
    rule = proposal.rule
    if rule.kind != "verb" or proposal.token < 0 or "clause" not in lexicon.verb_frames.get(rule.lemma, ()):
        return False
    if not (rule.frame in ("object", "to") or rule.frame.startswith("prep:")) or rule.frame[5:] in _PLACE_PREPOSITIONS:
        return False  # "had called her from the front": a place, not what was said ("shows him within the margin" is)
    if rule.frame == "object" and rule.lemma in _TRUSTING_VERBS:
        return False  # "did not believe Halvoria's account": trusting a report, not making one
    return any(_is_addressee(c) for c in doc[proposal.token].children)


# Prepositions of where a call or a letter came from or went, never of what it said.
_PLACE_PREPOSITIONS = frozenset({"from", "in", "into", "near", "inside", "outside", "across", "through"})
_TRUSTING_VERBS = frozenset({"believe", "trust", "doubt"})


def _is_addressee(token: Token) -> bool:
    """An object that can be told something: not an amount or a time ("adds two years to the term")."""
    return token.dep_ in ("dobj", "dative") and token.pos_ in ("PRON", "PROPN", "NOUN") and token.ent_type_ not in _AMOUNTS


def _reports_in_quotes(ctx: FinderContext) -> list[Proposal]:
    """Speakers' own reports inside their quotations ("I believe …"): nested claims, hand-licensed verbs only."""
    quoted_words = [ctx.doc[i] for i, quote in enumerate(ctx.in_quote) if quote >= 0]  # no Token made for the others
    beliefs = [p for token in quoted_words if token.pos_ == "ADJ" and (p := quoted_belief(token, ctx)) is not None]
    return [
        p
        for token in quoted_words
        if token.pos_ in ("VERB", "AUX")
        for p in quoted_report_proposals(token, token.lemma_.lower(), ctx)
        if not is_act(p, ctx.doc)  # "“… she still can't tell voters what she would cut,” Reese wrote": no answer
    ] + beliefs


def propose_all(doc: Doc, lexicon: Lexicon) -> list[Proposal]:
    """Every proposal of every rule for every word, none dropped: what the model is trained on."""
    if len(doc) == 0 or not doc.has_annotation("DEP"):
        return []
    ctx = FinderContext(doc, lexicon)
    return _finish([p for token, family in _candidate_cues(ctx) for p in _proposals_at(token, family, ctx)], ctx)


def _candidate_cues(ctx: FinderContext) -> Iterator[tuple[Token, str]]:
    """The words of the article's frame that some rule may read as a cue, each with its family of rules.

    Words inside a quotation are the speaker's. The others are sorted from
    the context's tables, so that no Token is made for the punctuation,
    names and function words that no rule reads.
    """
    doc = ctx.doc
    for i, quote in enumerate(ctx.in_quote):
        if quote < 0:
            family = _cue_family(i, ctx)
            if family is not None:
                yield doc[i], family


def _cue_family(i: int, ctx: FinderContext) -> str | None:
    """Which rules may read word ``i`` as a cue, most specific first; None when none may."""
    lower, pos, dep = ctx.lowers[i], ctx.pos[i], ctx.deps[i]
    if lower == "according" or (lower == "per" and dep == "prep"):  # "according" is tagged VERB or ADP
        return "according"
    if lower in ("in", "by") and dep in ("prep", "agent"):
        return "document"
    if pos in ("VERB", "AUX") or ctx.tags[i].startswith("VB") or _noun_heading_a_report(i, ctx):
        return "verb"
    if dep == "advmod" and lower in ctx.lex.hedge_adverbs:
        return "adverb"
    if pos == "NOUN":
        return "noun"
    if pos == "ADJ" and dep == "acomp":
        return "adjective"
    return None


def _noun_heading_a_report(i: int, ctx: FinderContext) -> bool:
    """A sentence's root tagged as a noun that has a subject and a clause: a verb the tagger missed.

    "…, the Lanyard Shipping Register, an industry body, estimates." ("estimates" tagged NNS). One that took the
    subject's last words as its modifiers is left to the noun rules ("Posts on social media claim that …").
    """
    if ctx.deps[i] != "ROOT" or ctx.pos[i] != "NOUN":
        return False
    deps = {child.dep_ for child in ctx.doc[i].children}
    return "nsubj" in deps and "ccomp" in deps and "compound" not in deps


def _finish(found: list[Proposal], ctx: FinderContext) -> list[Proposal]:
    """Add the speaker labels, put everything in text order and join continuing quotations."""
    labels = speaker_labels(ctx)
    named = [p.attribution.source for p in labels if p.attribution.source is not None]
    signed = [span for p in labels if p.rule.frame == "signature" for span in p.attribution.content]
    # A word of a speaker's name the tagger read as a verb ("SEN. JANE DOE: …", "DOE" a verb) reports nothing; words
    # their signature gives to someone are not another's ("X weighed in:" before a post signed "— X (@x)"), though
    # what the signer reports in them stays ("My opponent thinks …").
    found = [p for p in found if not _cue_inside(p, named) and not _takes_signed_words(p, signed)]
    found.extend(labels)
    held_elsewhere = (*checked_claims(ctx), *source_tags(ctx))  # lines whose source, if any, is named elsewhere on them
    found.extend(p for p in held_elsewhere if not any(_shares_content(p, other) for other in found))
    found.sort(key=lambda p: p.attribution.content[0][0])
    return attach_continuations(found, ctx)


def _takes_signed_words(proposal: Proposal, signed: list[CharSpan]) -> bool:
    return _overlap(proposal.attribution.content, signed) and not _cue_inside(proposal, signed)


def _cue_inside(proposal: Proposal, spans: list[CharSpan]) -> bool:
    cue = proposal.attribution.cue
    return cue is not None and any(start <= cue[0] and cue[1] <= end for start, end in spans)


def _shares_content(one: Proposal, other: Proposal) -> bool:
    return _overlap(one.attribution.content, other.attribution.content)


def _overlap(spans: list[CharSpan], others: list[CharSpan]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in spans for s2, e2 in others)


def _proposals_at(token: Token, family: str, ctx: FinderContext) -> Iterator[Proposal]:
    """The attributions ``token`` may signal as a cue of ``family`` (see _cue_family), most specific rule first."""
    lemma = token.lemma_.lower()
    if family == "according":
        yield from _present(according_to(token, ctx))
    elif family == "document":
        yield from _present((in_document(token, ctx) if token.lower_ == "in" else None) or in_ones_view(token, ctx))
    elif family == "verb":
        if not any(ch.isalpha() for ch in token.text):
            return  # a dash or quote mark the tagger read as a verb ("…” ― Jane Doe")
        yield from _present(hedged(token, lemma, ctx))
        yield from verb_proposals(token, lemma, ctx)
    elif family == "adverb":
        yield from _present(hedging_adverb(token, ctx))
    elif family == "noun":
        yield from _present(nominal_cue(token, lemma, ctx))
    elif family == "adjective":
        yield from _present(adjectival_cue(token, lemma, ctx))


def _present(proposal: Proposal | None) -> Iterator[Proposal]:
    if proposal is not None:
        yield proposal
