"""Hedges and named documents: attributions whose cue is not a speaker's verb.

Agentless beliefs ("is believed to", "seems to"), hedging adverbs
("reportedly"), "according to X" and a document that opens a sentence ("In
the survey, …").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .context import DATA_NOUNS, FINITE_TAGS, PREP_OBJECTS, SUBJECTS, TELLING_VERBS, FinderContext, only_punctuation
from .frame_content import as_content, infinitive
from .rules import Proposal, Rule
from .shaping import clean_spans, cue_span, index_spans, phrase_span, propose, subtree_indices
from .sources.lexicon import names_a_source
from .spans import CharSpan

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

_POLL_NOUNS = {"poll", "survey"}
# Link and note brackets the tokenizer leaves as words of their own ("[data from …](https://…)").
_BRACKETS = frozenset("[]()")
# Participles that charge the noun they modify ("smugglers accused of fraud", "stands accused of").
_ACCUSING_VERBS = {"accuse", "suspect", "charge", "blame"}
# Passives whose "for"/"of" phrase is no charge ("held for two years").
_ACTING_PASSIVES = {"hold"}
# Passives that hold a subject to be something: "is widely considered the best", "is seen as a threat".
_JUDGING_PASSIVES = {
    "consider",
    "regard",
    "see",
    "view",
    "deem",
    "describe",
    "portray",
    "perceive",
    "recognise",
    "recognize",
    "brand",
    "label",
}


# Verbs with which "it … that X" reports X as having become known, by no one named ("it seems that" is the
# author's own hedge).
_COMING_OUT = frozenset({"emerge", "transpire"})


def hedged(verb: Token, lemma: str, ctx: FinderContext) -> Proposal | None:
    """Agentless belief or report: cue "is believed", content "to be …", no source.

    Passives ("are believed to", "Russia believed to be", "it is thought
    that") qualify; an agent ("by X") makes it an ordinary attribution.
    "Seems to" and "appears to" are the author's own hedges (GUIDELINES.md),
    not a claim of anyone's: their sentence is an unattributed claim marked hedged (see
    :func:`claimtrack.extract.author_hedges`).
    """
    children = list(verb.children)
    if any(c.dep_ == "agent" for c in children):
        return None
    perfect = any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in children)  # "had agreed": active
    passive = (
        any(c.dep_ == "auxpass" for c in children)
        or (verb.tag_ == "VBN" and not perfect)
        or any(c.dep_ == "mark" and c.lower_ == "with" for c in children)
    )
    target = infinitive(verb)
    if target is not None and lemma in TELLING_VERBS:
        return None  # "were told to leave": an order, not a claim
    if target is not None and not passive and target.lemma_.lower() in ctx.lex.verb_frames:
        return None  # "he appeared to suggest that …": the inner verb is the cue, with its source
    if target is not None and passive:
        content = index_spans(subtree_indices(target), ctx)
    elif passive:
        content = _passive_hedge_content(verb, ctx)
        judge = _agent_in_predicate(verb)
        if content and judge is not None:
            # "is considered a tossup by most independent analysts": the parser hung the agent on the predicate
            by = judge.head.idx
            content = [(start, min(end, by)) for start, end in content if start < by]
            source = phrase_span(judge, ctx)
            if content and source is not None:
                rule = Rule("verb", "passive", lemma)
                return propose(ctx, rule, content=clean_spans(content, ctx.text), cue=cue_span(verb), source=source, token=verb)
    elif lemma in _COMING_OUT and any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in children):
        # "It emerged on Tuesday that …": reported, by no one named
        clause = next((c for c in children if c.dep_ == "ccomp" and c.i > verb.i), None)
        content = index_spans(subtree_indices(clause), ctx, drop_mark=True) if clause is not None else []
    else:
        return None
    if not content:
        return None
    return propose(ctx, Rule("verb", "hedge", lemma), content=content, cue=cue_span(verb), source=None, token=verb, hedged=True)


def _passive_hedge_content(verb: Token, ctx: FinderContext) -> list[CharSpan]:
    """What an agentless passive with no infinitive hedges: "it is thought that X", "As expected, X", "X was accused of Y"."""
    children = list(verb.children)
    if any(c.dep_ in ("nsubjpass", "expl") and c.lower_ == "it" for c in children):
        clause = next((c for c in children if c.dep_ == "ccomp"), None)
        return index_spans(subtree_indices(clause), ctx, drop_mark=True) if clause is not None else []
    if verb.dep_ == "advcl" and not any(c.dep_ in SUBJECTS for c in children):
        content = as_content(verb, ctx)
        if content:
            return content  # "As expected, the talks failed."
    predicate = _passive_predicate(verb)
    if predicate is not None:
        return index_spans(subtree_indices(predicate), ctx)
    told = _told_clause(verb)
    if told is not None:
        # "had been told the boxes contained …": the parser may take the clause's subject for the verb's object
        subjectless = not any(c.dep_ in SUBJECTS for c in told.children)
        objects = [c for c in verb.children if c.dep_ == "dobj" and c.i < told.i] if subjectless else []
        return index_spans([i for c in [*objects, told] for i in subtree_indices(c)], ctx, drop_mark=True)
    aside = _told_aside(verb)
    if aside:
        return index_spans(aside, ctx, drop_mark=True)
    charge = _passive_charge(verb)
    return index_spans([i for c in charge for i in subtree_indices(c)], ctx) if charge is not None else []


def _agent_in_predicate(verb: Token) -> Token | None:
    """The agent of a judging passive that the parser hung on the predicate, last in it ("is considered a tossup
    by most independent analysts"): the noun after "by", else None."""
    predicate = _passive_predicate(verb)
    if predicate is None:
        return None
    # On the predicate's own word ("a tossup by …", "as reckless by …"), not inside it ("a leader for voters
    # exasperated by the gridlocked government", whose "by" is the participle's).
    heads = {predicate.i, *(g.i for g in predicate.children if g.dep_ in ("pobj", "amod", "acomp"))}
    by = next((t for t in predicate.subtree if t.lower_ == "by" and t.dep_ in ("prep", "agent") and t.head.i in heads), None)
    if by is None or by.right_edge.i != predicate.right_edge.i:
        return None
    agent = next((g for g in by.children if g.dep_ == "pobj"), None)
    if agent is None or not (agent.pos_ == "PROPN" or (agent.pos_ == "NOUN" and names_a_source(agent.lemma_.lower()))):
        return None  # "by most independent analysts", "by the ministry"; not "by a wide margin"
    return agent


def _told_aside(verb: Token) -> list[int]:
    """ "The deal is dead, we're told", "The minister, I am told, will resign": the writer passes on what someone
    not named told them; the words around the aside are the claim."""
    hearer = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if verb.lemma_.lower() not in TELLING_VERBS or hearer is None or hearer.lower_ not in ("i", "we"):
        return []
    if any(c.dep_ in ("ccomp", "dobj", "xcomp") and c.i > verb.i for c in verb.children):
        return []  # "we were told the plant would close" is read as told, with its clause
    before = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i), None)
    if before is not None:
        return list(subtree_indices(before))
    # set off by commas, the parser hangs it on the main verb or, as a relative clause, on the subject before it
    main = verb.head if verb.dep_ == "parataxis" else verb.head.head if _bare_relative(verb) else None
    if main is not None and main.i > verb.i:
        aside = set(subtree_indices(verb))
        return [i for i in subtree_indices(main) if i not in aside]
    return []


def _bare_relative(verb: Token) -> bool:
    """A relative clause with no relative pronoun of its own ("The minister, I am told, …")."""
    return verb.dep_ == "relcl" and not any(c.tag_ in ("WP", "WDT", "WRB", "WP$") for c in verb.children)


def _told_clause(verb: Token) -> Token | None:
    """ "he had been told the boxes held spare parts": what the subject was told by someone not named; the
    subject is the one told, no source."""
    if verb.lemma_.lower() not in TELLING_VERBS or not any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return None  # (the passive's subject may be the one it shares: "she raised concerns and was told …")
    return next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)


def _passive_predicate(verb: Token) -> Token | None:
    """ "is widely considered the best port", "is regarded as essential": what the subject is held to be.

    Only for verbs of judging ("held accountable", "known as X" name, not judge).
    """
    if verb.lemma_.lower() not in _JUDGING_PASSIVES or not any(c.dep_ == "nsubjpass" for c in verb.children):
        return None
    for child in verb.children:
        if child.i < verb.i:
            continue
        if child.dep_ == "oprd":
            return child
        if child.dep_ == "prep" and child.lower_ == "as" and any(g.dep_ in ("pobj", "amod") for g in child.children):
            return child
    return None


def _passive_charge(verb: Token) -> list[Token] | None:
    """ "Peacekeepers have been accused of abusing civilians": the accused and the charge.

    The accused is the passive subject, the subject of "stands accused of",
    or the noun a participle modifies ("smugglers accused of fraud").
    """
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    accusing = verb.lemma_.lower() in _ACCUSING_VERBS
    if not accusing and verb.lemma_.lower() in _ACTING_PASSIVES:
        return None  # "were held for two years": a time, not a charge
    if subject is None and accusing and verb.dep_ in ("acomp", "oprd") and verb.head.lemma_.lower() == "stand":
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    elif subject is None and accusing and verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        subject = verb.head
    prep = next(
        (
            c
            for c in verb.children
            if c.dep_ == "prep" and c.i > verb.i and c.lower_ in ("of", "for") and any(g.dep_ in PREP_OBJECTS for g in c.children)
        ),
        None,
    )
    if subject is None or prep is None or subject.pos_ == "PRON" and subject.lower_ == "it":
        return None
    if subject.i == verb.head.i:
        return [prep]  # the noun's own phrase holds the participle: the charge alone
    return [subject, prep]


def hedging_adverb(adverb: Token, ctx: FinderContext) -> Proposal | None:
    """ "reportedly", "allegedly": the clause the adverb modifies, no source."""
    head = adverb.head
    if head is adverb or head.pos_ not in ("VERB", "AUX"):
        return None
    end = _trailing_report_comma(head, ctx)
    # "were allegedly launched from a ship, according to the navy": the navy's claim, whose source is no content
    sourced = {i for c in head.children if c.lower_ == "according" and c.i > adverb.i for i in subtree_indices(c)}
    kept = (i for i in subtree_indices(head) if i != adverb.i and i < end and i not in sourced)
    content = index_spans(kept, ctx, drop_mark=True)
    if not content:
        return None
    cue = (adverb.idx, adverb.idx + len(adverb))
    return propose(ctx, Rule("adverb", lemma=adverb.lower_), content=content, cue=cue, source=None, token=adverb, hedged=True)


def _trailing_report_comma(head: Token, ctx: FinderContext) -> int:
    """Where the clause ``head`` heads ends before a report that closes its sentence ("Pyongyang has reportedly sent
    6,000 engineers to Russia, the intelligence service told lawmakers"): the comma before the reporting clause,
    which is the report's own (its source and cue), not what is hedged; else past the clause's end."""
    doc = head.doc
    for verb in head.children:
        if (
            verb.i > head.i
            and verb.dep_ in ("conj", "parataxis", "ccomp", "advcl")
            and verb.tag_ in FINITE_TAGS
            and "clause" in ctx.lex.verb_frames.get(verb.lemma_.lower(), ())
            and only_punctuation(doc[verb.right_edge.i + 1 : head.right_edge.i + 1])
        ):
            comma = next((i for i in range(verb.i - 1, max(head.i, verb.i - 12), -1) if doc[i].text == ","), None)
            if comma is not None and not any(doc[i].pos_ == "VERB" for i in range(comma + 1, verb.i)):
                return comma
    return len(doc)


def according_to(token: Token, ctx: FinderContext) -> Proposal | None:
    """ "according to X": source X, content the clause the phrase is attached to."""
    doc = token.doc
    if token.lower_ == "per":
        return _per(token, ctx)
    if token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
        return None
    to = doc[token.i + 1]
    objects = [c for c in to.children if c.dep_ == "pobj"] or [c for c in token.children if c.dep_ == "pobj"]
    # "according to [data from …](https://…)": the bracket of a Markdown link, read as an object of its own
    objects = [c for c in objects if not c.is_punct and c.text not in _BRACKETS]
    if not objects or objects[0].lemma_.lower() in _LANGUAGE_CHANNELS:
        return None
    clause = _clause_of(token)
    if _is_trailing_participle(clause) and token.i > clause.i:
        clause = clause.head  # "X is projected to fall, reflecting Y, according to Z": Z's claim is all of it
    while _closes_adverbial_clause(token, clause):
        clause = clause.head  # "Eleven people died after a missile hit the block, according to rescuers": all of it
    if _closes_a_report(token, clause, ctx):
        clause = clause.head  # "Officials announced that Y, according to a statement": the statement reports it all
    phrase = set(subtree_indices(token)) | {to.i} | set(subtree_indices(to))
    # "…, according to filings with the commission released Thursday": the filings were, whether the parser made
    # the participle the phrase's head or its clause's
    participle = next((verb for verb in (clause, *clause.children) if _is_source_participle(verb, objects[0])), None)
    if participle is not None:
        phrase |= set(subtree_indices(participle))
        clause = clause.head if participle is clause else clause
    for report in _reports_after(clause, token, ctx):
        phrase |= set(subtree_indices(report))
    content = index_spans((i for i in subtree_indices(clause) if i not in phrase), ctx, drop_mark=True)
    source = phrase_span(objects[0], ctx)
    comma = _sentence_initial_comma(token, to, ctx)
    if comma is not None:
        content, source = _split_at_opening_comma(token, to, comma, clause, content, source, ctx)
    if not content:
        return None
    return propose(ctx, Rule("according", "to"), content=content, cue=(token.idx, to.idx + len(to)), source=source, token=token)


def _closes_adverbial_clause(token: Token, clause: Token) -> bool:
    """The phrase, after a comma, closes both an adverbial or a joined clause and the clause it hangs on ("Eleven
    people died after a missile hit the block, according to rescuers", "Four people were killed and eleven wounded,
    according to the governor"): the parser hung it on the last verb, but it sources the whole sentence."""
    head, doc = clause.head, token.doc
    if clause.dep_ not in ("advcl", "conj") or head.i > clause.i or token.i < clause.i or doc[token.i - 1].text != ",":
        return False
    if any(t.text == ";" for t in doc[head.i : clause.i]):
        return False  # "Prices rose; wages fell, according to the bank": two sentences
    return only_punctuation(doc[token.right_edge.i + 1 : head.right_edge.i + 1])


def _closes_a_report(token: Token, clause: Token, ctx: FinderContext) -> bool:
    """The "according to" phrase closes the sentence after a report ("Officials announced that the strikes would
    stop, according to a statement from the ministry"), hung by the parser on the reported clause: the phrase names
    the source of the report, as "according to a statement, officials announced …" does."""
    report = clause.head
    if clause.dep_ != "ccomp" or report.i > clause.i or token.i < clause.i or report.pos_ != "VERB":
        return False
    if "clause" not in ctx.lex.verb_frames.get(report.lemma_.lower(), ()):
        return False
    return (
        token.i > 0
        and token.doc[token.i - 1].text == ","
        and only_punctuation(token.doc[token.right_edge.i + 1 : report.right_edge.i + 1])
    )


def _reports_after(clause: Token, token: Token, ctx: FinderContext) -> list[Token]:
    """ "…, according to the report, citing ship-tracking data": a reporting participle after the phrase, which tells
    how the source came by the claim, not what it claims."""
    return [
        verb
        for verb in clause.children
        if _is_trailing_participle(verb) and verb.i > token.i and verb.lemma_.lower() in ctx.lex.verb_frames
    ]


# "…,” he said, according to a translation by the monitoring service": the words are the speaker's, in another
# language; the translation claims nothing.
_LANGUAGE_CHANNELS = frozenset({"translation", "translator", "interpreter", "interpretation", "subtitle", "subtitles"})


def _per(token: Token, ctx: FinderContext) -> Proposal | None:
    """ "Repairs will take three weeks, per the digital ministry": "according to", as American and British news
    write it; "$2,000 per soldier" and "per cent" name no one (no article or name)."""
    source = next((c for c in token.children if c.dep_ == "pobj"), None)
    if source is None or not _names_someone(source, ctx):
        return None
    clause = _clause_of(token)
    phrase = set(subtree_indices(token))
    content = index_spans((i for i in subtree_indices(clause) if i not in phrase), ctx, drop_mark=True)
    if not content or clause.i in phrase:
        return None
    cue = (token.idx, token.idx + len(token))
    return propose(ctx, Rule("according", "per"), content=content, cue=cue, source=phrase_span(source, ctx), token=token)


def _clause_of(phrase_head: Token) -> Token:
    """The verb (or the root) of the clause an "according to" or "per" phrase hangs on, a few heads up at most."""
    clause = phrase_head.head
    for _ in range(6):
        if clause.pos_ in ("VERB", "AUX") or clause.dep_ == "ROOT" or clause.head is clause:
            break
        clause = clause.head
    return clause


def _names_someone(noun: Token, ctx: FinderContext) -> bool:
    """ "the ministry", "a statement", "Reuters", "two people", "the latest UN figures": a source with an article, a
    possessor, a number or a name; documents and data also with a name before them ("per Pentagon data")."""
    if noun.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or noun.pos_ == "PROPN":
        return True
    lemma = noun.lemma_.lower()
    document = lemma in ctx.lex.document_nouns or lemma in DATA_NOUNS
    if document and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in noun.children):
        return True  # not a person counted after a name: "$2,000 per Wagner fighter" is a rate
    if not any(c.dep_ in ("det", "poss") for c in noun.children) and not _counted_after_comma(noun):
        return False
    return names_a_source(lemma) or document


def _counted_after_comma(noun: Token) -> bool:
    """ "…, per two people who have seen the numbers": people counted, after the comma that sets the phrase off
    ("$2,000 per two soldiers" is a rate)."""
    per = noun.head
    return any(c.dep_ == "nummod" for c in noun.children) and per.i > 0 and noun.doc[per.i - 1].text == ","


def _is_source_participle(verb: Token, source: Token) -> bool:
    """ "according to filings released Thursday", the participle parsed as the phrase's head: it tells of the
    source, right after its words, and has no subject of its own."""
    return (
        verb.dep_ in ("advcl", "acl", "relcl")
        and verb.tag_ in ("VBD", "VBN")
        and verb.i == source.right_edge.i + 1
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
        and verb.head is not verb
    )


def _is_trailing_participle(verb: Token) -> bool:
    """ ", reflecting weaker demand": a participle after a comma that only comments on its clause."""
    return verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.i > 0 and verb.doc[verb.i - 1].text == ","


def _split_at_opening_comma(
    token: Token,
    to: Token,
    comma: Token,
    clause: Token,
    content: list[CharSpan],
    source: CharSpan | None,
    ctx: FinderContext,
):
    """ "According to X, …": X is all of the opening phrase, the content what follows its comma."""
    if not content or clause is token or (source and source[1] > comma.idx):
        # The parser swallowed the claim into the source phrase ("According to
        # X, the move reeks of fear" with "reeks" read as a noun): split at the comma.
        content = clean_spans([(comma.idx + 1, ctx.sentence(token).end_char)], ctx.text)
    # X is all of the opening phrase, whatever the parser made of it (a quoted title, "by" and its author).
    named = clean_spans([(to.idx + len(to), comma.idx)], ctx.text)
    source = named[0] if named else source
    content = clean_spans([(max(s, comma.idx + 1), e) for s, e in content if e > comma.idx + 1], ctx.text)
    return content, source


def _sentence_initial_comma(token: Token, to: Token, ctx: FinderContext) -> Token | None:
    """The comma closing a sentence-initial "According to X," phrase, if there is one."""
    sent = ctx.sentence(token)
    if token.i != sent.start and not only_punctuation(token.doc[sent.start : token.i]):
        return None
    commas = [
        t for t in token.doc[to.i + 1 : min(sent.end, to.i + 40)] if t.text == "," and ctx.in_quote[t.i] < 0
    ]  # not a comma inside a quoted title
    if not commas:
        return None
    if len(commas) > 1 and _is_appositive(token.doc[commas[0].i + 1 : commas[1].i]):
        return commas[1]  # "According to the ISW, a Washington-based think tank, …"
    return commas[0]


def _is_appositive(words: Span) -> bool:
    """A short noun phrase opened by an article, with no finite verb: "a Washington-based think tank"."""
    return 1 < len(words) <= 10 and words[0].lower_ in ("a", "an", "the") and not any(t.tag_ in FINITE_TAGS for t in words)


# A verb's frames that make it a verb of speech, whose subject, not a document around it, makes the claim.
_SPEECH_FRAMES = frozenset({"clause", "quote"})


def in_document(token: Token, ctx: FinderContext) -> Proposal | None:
    """ "In the survey, 40 percent backed the plan": the document as source, the clause as content.

    The phrase must open the sentence and be followed by a comma, or be a
    poll closing the clause it measures ("Trump leads by 5 points in the
    latest poll"). Its object is a document noun (poll, survey, report …) and
    its clause has no speech verb of its own ("In a report, the agency said …"
    is the agency's claim).
    """
    objects = [c for c in token.children if c.dep_ == "pobj"]
    clause = token.head
    if not objects or objects[0].lemma_.lower() not in ctx.lex.document_nouns or clause.pos_ not in ("VERB", "AUX"):
        return None
    if _SPEECH_FRAMES & ctx.lex.verb_frames.get(clause.lemma_.lower(), frozenset()):
        return None  # "In a report, the agency said …"; not "In a poll, Cruz had a 10-point lead", "40 percent supported"
    phrase = subtree_indices(token)
    after = phrase[-1] + 1
    closing = clause.i < token.i
    if not _placed_as_document(token, objects[0], after, closing, ctx):
        return None
    inner = set(phrase) | {after}
    content = index_spans(
        (i for i in subtree_indices(clause) if i not in inner and not (closing and i > token.i)), ctx, drop_mark=True
    )
    if not content:
        return None
    return propose(
        ctx,
        Rule("according", "in"),
        content=content,
        cue=(token.idx, token.idx + len(token)),
        source=phrase_span(objects[0], ctx),
        token=token,
    )


# Nouns of a view or a reckoning that "in" or "by" puts a clause under: "In Quarrendine's view, …", "By the
# ministry's count, …", "In the words of one diplomat, …".
_VIEW_NOUNS = {
    "in": frozenset({"view", "opinion", "assessment", "judgment", "judgement", "words", "telling", "account", "estimation"}),
    "by": frozenset({"count", "estimate", "estimates", "reckoning", "tally", "calculation", "calculations", "account"}),
}


def in_ones_view(token: Token, ctx: FinderContext) -> Proposal | None:
    """ "In Quarrendine's view, the sharper blow is …", "By his count, refiners took 61 percent …": the view's
    holder (the possessor, or the "of" phrase) as source, the noun as cue, the clause after the comma as content.
    The phrase must open the sentence and be followed by a comma; "By some estimates, …" names no one."""
    noun = next((c for c in token.children if c.dep_ == "pobj"), None)
    if noun is None or noun.lower_ not in _VIEW_NOUNS.get(token.lower_, ()):
        return None
    holder = next((c for c in noun.children if c.dep_ == "poss"), None)
    if holder is None:
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        holder = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    phrase = subtree_indices(token)
    after = phrase[-1] + 1
    start, _ = ctx.sent_of[token.i]
    doc = token.doc
    if holder is None or after >= len(doc) or doc[after].text != "," or not all(t.is_punct for t in doc[start : token.i]):
        return None
    inner = set(phrase) | {after}
    content = index_spans((i for i in subtree_indices(token.head) if i not in inner), ctx, drop_mark=True)
    if not content:
        return None
    # the possessor without its "'s" ("Quarrendine's view"); an "of" phrase's object whole
    possessor = (ctx.token_starts[holder.left_edge.i], ctx.token_ends[holder.i])
    source = possessor if holder.dep_ == "poss" else phrase_span(holder, ctx)
    return propose(
        ctx, Rule("according", "view"), content=content, cue=(noun.idx, noun.idx + len(noun)), source=source, token=token
    )


def _placed_as_document(token: Token, document: Token, after: int, closing: bool, ctx: FinderContext) -> bool:
    """An "In the poll" phrase that closes its clause (polls only), or opens the sentence before a comma."""
    doc = token.doc
    if closing:
        return document.lemma_.lower() in _POLL_NOUNS and (after >= len(doc) or doc[after].text in (".", ",", ";"))
    start, _ = ctx.sent_of[token.i]
    return only_punctuation(doc[start : token.i]) and after < len(doc) and doc[after].text == ","
