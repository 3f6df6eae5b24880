"""Verb cues: the ways a verb reaches its content, as an ordered table of frames.

A verb with a subject that can make claims is read through every row of
:data:`VERB_FRAMES`, most specific first; each row that finds content gives
one proposal, and the model (or the hand lexicon) picks the first it
accepts. Before the table, :func:`verb_proposals` handles the shapes where
the verb's subject is not its source: questions put to someone, direct
speech whose reporting clause the parser broke, and a speaker after the
comma that the parser lost.

To add a frame: write a function from a :class:`ReportingClause` to
:class:`Content` (or None) and add a row at its priority.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .actions import attacked_by_arms
from .context import (
    CUE_DEPS,
    PREP_OBJECTS,
    QUOTE_MARKS,
    SUBJECTS,
    TELLING_VERBS,
    FinderContext,
    only_punctuation,
    speech_participle,
)
from .frame_content import (
    RECIPIENT_VERBS,
    TOPIC_PREPS,
    VERB_PREDICATE_PREPS,
    adjacent_quotes,
    adverbial,
    as_content,
    clausal_content,
    colon_content,
    colon_quote_after,
    infinitive_content,
    inverted_content,
    object_content,
    passive_content,
    prep_object,
)
from .rules import Proposal, Rule
from .shaping import (
    clean_quote_spans,
    clean_spans,
    cue_span,
    has_that_mark,
    index_spans,
    phrase_span,
    propose,
    subtree_indices,
)
from .spans import CharSpan
from .speakers import (
    QUESTION_VERBS,
    after_participle_root,
    appositive_noun_in_subject,
    finite_or_misread,
    heard_saying,
    may_speak,
    not_a_source,
    quoted_person,
    report_after_question,
    source_span,
    subject,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

# Children of a cue verb that belong to the reporting frame ("she told POLITICO
# on Monday in a statement"), not to what was said.
_FRAME_DEPS = {
    "nsubj",
    "nsubjpass",
    "aux",
    "auxpass",
    "neg",
    "advmod",
    "npadvmod",
    "prep",
    "dobj",
    "dative",
    "agent",
    "prt",
    "expl",
    "iobj",
    "attr",
}
# What may follow a sentence-closing reporting verb ("…, X said on Telegram on Monday.").
_TRAILING_DEPS = {"prep", "npadvmod", "advmod", "punct", "dative"}
# Verbs that state an estimate as "put X at <figure>" ("projects public debt at 78% of GDP").
_ESTIMATING_PUTS = frozenset({"put", "peg", "place", "estimate", "project", "forecast"})
# What reports a race's standings: "The poll has her up 15", "the AP count gives her 1,280 delegates".
_STANDINGS_SOURCES = frozenset(
    {"poll", "polling", "survey", "average", "count", "tally", "forecast", "projection", "estimate", "model"}
)
# What places a candidate in a race: "has her up 15", "found him ahead by four points", "had him at 4 percent".
_STANDINGS_WORDS = frozenset({"ahead", "up", "down", "behind", "even", "level", "tied", "at", "with"})
# Of those, the ones that place a candidate only with a figure ("at 4 percent", "with 28 percent"; not "with Cruz").
_STANDINGS_BY_FIGURE = frozenset({"at", "with"})
# Verbs that, with "back", answer someone: a retort ("fired back", "hit back").
_ANSWERING_BACK = frozenset({"shoot", "fire", "hit", "snap", "strike"})
# Verbs that, with "in", speak into another's turn: an interjection ("“Kansas tried that,” Whitfield cut in").
_BREAKING_IN = frozenset({"cut", "break", "chime", "butt"})
# Bodies that hear evidence: what they heard or were told has a source the sentence does not name.
_AUDIENCES = {"court", "jury", "juror", "tribunal", "inquiry", "hearing", "inquest"}
# Verbs whose to-infinitive is what was done next ("went on to say", "proceeded to claim").
_GOING_ON = frozenset({"go", "proceed"})
# Adjectives whose to-infinitive is done, not imagined: "more likely to say", "quick to deny".
_ACTING_ADJECTIVES = {"likely", "quick", "eager", "keen", "first", "careful"}


@dataclass(frozen=True)
class ReportingClause:
    """A cue verb with its subject, and what every frame of it shares."""

    verb: Token
    lemma: str
    subject: Token
    source: CharSpan | None
    cue: CharSpan
    start: int  # first character of the reporting clause (subject, auxiliaries, objects, adjuncts)
    end: int  # last character of it
    complement: list[CharSpan]  # the clausal complement, or [] (several frames look at it)
    ctx: FinderContext


@dataclass(frozen=True)
class Content:
    """What one frame found: the content spans, and what the frame decides beyond them."""

    spans: list[CharSpan]
    kind: str | None = None  # "direct" etc.; None: from the quotation marks in the spans
    quotes_used: tuple[int, ...] = ()
    frame: str = ""  # the frame's full name when it carries a word ("prep:about"); "": the row's name
    cue: CharSpan | None = None  # a cue wider than the verb's ("called for"); None: the verb's


def _content(spans: list[CharSpan]) -> Content | None:
    return Content(spans) if spans else None


def _direct_speech(c: ReportingClause) -> Content | None:
    """ "“…,” she said, “…”": quotations next to the reporting clause."""
    used = adjacent_quotes(c.verb, c.start, c.end, c.complement, c.ctx)
    if not used or _predicated_of_object(c) or any(_inside_a_phrase_of(c.verb, c.ctx.quotes[i]) for i in used):
        return None
    spans = clean_quote_spans([seg for i in used for seg in c.ctx.quotes[i].segments], c.ctx.text)
    quoted = _quoted_as_saying(c.verb)
    if spans and quoted:  # the statement's content holds the words and whom it quotes as saying them
        spans = sorted(spans + [quoted])
    return Content(spans, kind="direct", quotes_used=used) if spans else None


def _inside_a_phrase_of(verb: Token, quote) -> bool:
    """ "Reveals ‘Demoralizing’ Experience Of Serving …": a quoted word inside the verb's object or clause, which
    goes on after it, is a fragment of that phrase (the content, a mixed quote), not the verb's direct speech."""
    return any(
        child.i > verb.i
        and child.dep_ in ("dobj", "ccomp", "xcomp", "attr")
        and child.left_edge.idx <= quote.open_pos
        and child.right_edge.idx >= quote.close_end
        for child in verb.children
    )


def _predicated_of_object(c: ReportingClause) -> bool:
    """ "calling them “politically motivated”": the quotation is what the verb predicates of its object, a mixed
    quote of the predicate frame (object and quoted words), not direct speech."""
    if "predicate" not in c.ctx.lex.verb_frames.get(c.lemma, ()):
        return False
    children = list(c.verb.children)
    # Not "what it calls “…”": the object before the verb names no one, and the quotation is the claim.
    return any(child.dep_ == "dobj" and child.i > c.verb.i for child in children) and any(
        child.dep_ == "oprd" for child in children
    )


def _quoted_as_saying(verb: Token) -> CharSpan | None:
    """ "quoted X as saying": the span from X to "saying", or None."""
    if verb.lemma_.lower() != "quote":
        return None
    prep = next((c for c in verb.children if c.dep_ == "prep" and quoted_person(c) is not None), None)
    obj = quoted_person(prep) if prep is not None else None
    if prep is None or obj is None or obj.dep_ != "dobj":
        return None
    return obj.left_edge.idx, prep.right_edge.idx + len(prep.right_edge)


def _as_frame(c: ReportingClause) -> Content | None:
    """ "As the memo put it, X": only for verbs listed for it (a temporal "as" is far commoner)."""
    if "as" not in c.ctx.lex.verb_frames.get(c.lemma, ()):
        return None
    return _content(as_content(c.verb, c.ctx))


def _complement_frame(c: ReportingClause) -> Content | None:
    """ "said (that) X": the complement clause; not "confirms what the firms concluded", which states nothing."""
    if c.complement and c.lemma not in QUESTION_VERBS and _is_free_relative(c.verb):
        return None
    if c.complement and c.complement[0][0] < c.verb.idx and appositive_noun_in_subject(c.subject):
        return None
    if c.complement and c.complement[0][0] < c.verb.idx and c.verb.tag_ == "VBG":
        return None  # "…, some of it mentioning Mr. Trump by name": a participle reports nothing before it
    if c.complement and c.complement[0][0] < c.verb.idx and _says_its_own_object(c.verb):
        return None  # "Hungary blocks EU aid again, Orban cites energy dispute": what he cites follows the verb
    if c.verb.dep_ == "relcl" and any(start < c.verb.idx < end for start, end in c.complement):
        # "an exchange that three lawyers said could violate the rules": the parser hung the relative "that" on
        # the complement, whose span then ran over the reporting clause; the claim is "that … could violate …"
        return _content(_without_range(c.complement, c.start, c.end, c.ctx.text))
    return _content(c.complement)


# Verbs whose object may be the one told ("…, the governor told reporters"), not what is said.
_TELLING = RECIPIENT_VERBS | TELLING_VERBS


def _says_its_own_object(verb: Token) -> bool:
    """An object after the verb that is no one told ("…, Orban cites energy dispute"; not "…, she told reporters"),
    or a topic ("…, Orban warns of energy crisis", "…, minister calls for calm")."""
    after = [child for child in verb.children if child.i > verb.i]
    topical = verb.lemma_.lower() not in _SAID_OF  # '“…,” Kunin said of Sanders': whom the words were about
    if topical and any(child.dep_ == "prep" and child.lower_ in _OWN_TOPICS and child.n_rights > 0 for child in after):
        return True
    return verb.lemma_.lower() not in _TELLING and any(child.dep_ == "dobj" for child in after)


def _without_range(spans: list[CharSpan], start: int, end: int, text: str) -> list[CharSpan]:
    """``spans`` with the characters from ``start`` to ``end`` cut out, trimmed at the cut."""
    pieces = [piece for a, b in spans for piece in ((a, min(b, start)), (max(a, end), b))]
    return clean_spans(pieces, text)


def _is_free_relative(verb: Token) -> bool:
    """ "what the firms concluded": a clause whose object is "what" names a claim without stating it.

    "condemned what he called a breach" does state one: the predicate ("a breach") is the claim.
    """
    return any(
        clause.dep_ == "ccomp"
        and any(c.dep_ == "dobj" and c.lower_ in ("what", "whatever") and c.i < clause.i for c in clause.children)
        and not any(c.dep_ in ("oprd", "xcomp", "ccomp") for c in clause.children)
        for clause in verb.children
    )


# Verbs a headline reports a verbless clause with ("governor says three killed"); not "show", whose object with a
# participle is what a photo shows ("Photos show two soldiers captured by Ukrainian forces").
_HEADLINE_REPORTS = frozenset({"say", "claim", "report", "confirm", "allege"})


def _small_clause_frame(c: ReportingClause) -> Content | None:
    """ "governor says three killed", "police say two arrested": a headline's clause without its verb "to be",
    parsed as an object with a participle."""
    if c.complement or c.lemma not in _HEADLINE_REPORTS:
        return None
    for obj in c.verb.children:
        if obj.dep_ == "dobj" and obj.i > c.verb.i and any(g.dep_ == "acl" and g.tag_ in ("VBN", "VBG") for g in obj.children):
            return _content(index_spans(subtree_indices(obj), c.ctx))
    return None


def _infinitive_frame(c: ReportingClause) -> Content | None:
    """ "vowed to fight"; not "X seems / looks to be" (the subject is judged, not judging)."""
    if c.lemma in c.ctx.lex.judgement_verbs or _asks_anonymity(c.verb):
        return None
    return _content(infinitive_content(c.verb, c.ctx))


def _predicate_frame(c: ReportingClause) -> Content | None:
    """ "did not view himself as a criminal", "considers the deal a trap": a belief predicated of the object.

    Only for the verbs the lexicon lists for it; the others keep their object
    reading, which the model scores.
    """
    if "predicate" not in c.ctx.lex.verb_frames.get(c.lemma, ()):
        return None
    if c.lemma in _ESTIMATING_PUTS:
        return _content(_put_at_figure(c))
    if not any(child.dep_ == "oprd" or (child.dep_ == "prep" and child.lower_ == "as") for child in c.verb.children):
        return None
    return _content(object_content(c.verb, c.ctx))


def _put_at_figure(c: ReportingClause) -> list[CharSpan]:
    """ "Aid agencies put the number of displaced at 1.6 million": an estimate, the object and its figure; the
    parser hangs "at" on the verb or anywhere in the object's phrase."""
    verb, doc = c.verb, c.verb.doc
    obj = next((child for child in verb.children if child.dep_ == "dobj" and child.i > verb.i), None)
    if obj is None:
        return []
    end = verb.sent.end if verb.sent is not None else len(doc)
    for token in doc[obj.i + 1 : end]:
        # "at 1.6 million", or a few words on, "at closer to 5,000", "at “well under a third”"
        if token.lower_ == "at" and token.dep_ == "prep" and any(_is_figure(t) for t in token.subtree if t.i <= token.i + 8):
            last = token.right_edge.i
            if last + 2 < end and doc[last + 1].lower_ in ("to", "-", "–", "and") and doc[last + 2].like_num:
                last = doc[last + 1].right_edge.i if doc[last + 1].lower_ == "to" else last + 2  # "at 1.1 to 1.6 million"
            return index_spans(range(obj.left_edge.i, last + 1), c.ctx)
        if token.is_punct and token.text in ",;:":
            break  # "put the blame, at the end, …": the figure must follow in the same phrase
    return []


def _standings_frame(c: ReportingClause) -> Content | None:
    """ "Our own polling has her up 15", "a poll found him ahead by four points", "the survey had him at 4 percent",
    "the count gives her 1,280 delegates": a poll's finding, the candidate and where the race puts them."""
    if "standings" not in c.ctx.lex.verb_frames.get(c.lemma, ()) or c.subject.lemma_.lower() not in _STANDINGS_SOURCES:
        return None
    verb, children = c.verb, [child for child in c.verb.children if child.i > c.verb.i]
    placed = next((child for child in children if child.dep_ == "ccomp" and _has_own_subject(child)), None)
    if placed is not None and not any(g.dep_ == "mark" for g in placed.children):
        return _content(index_spans(subtree_indices(placed), c.ctx))  # "has Clinton leading Trump by six points"
    first = next((child for child in children if child.dep_ in ("dobj", "dative")), None)
    if first is None:
        return None
    figure = next((child for child in children if child.dep_ == "dobj" and _counts(child)), None)
    # "had Glassmire ahead by a single point": the parser may hang "ahead" on the candidate
    placed_words = [*children, *(g for g in first.children if g.i > first.i)]
    where = next((child for child in placed_words if child.i > first.i and child.lower_ in _STANDINGS_WORDS), None)
    if first.dep_ == "dative" and figure is not None:
        last = figure.right_edge.i  # "gives her 1,280 pledged delegates"
    elif where is not None and (where.lower_ not in _STANDINGS_BY_FIGURE or any(_places(t) for t in where.subtree)):
        last = max(child.right_edge.i for child in children if not child.is_punct)
    else:
        return None
    while last > first.i and verb.doc[last].is_punct:
        last -= 1
    return _content(index_spans(range(first.left_edge.i, last + 1), c.ctx))


# What places a candidate after "with": "with a narrow lead", "with a five-point edge".
_LEADS = frozenset({"lead", "edge", "advantage", "margin"})


def _places(token: Token) -> bool:
    """A figure or a lead, after "at" or "with" ("at 4 percent", "with 28 percent", "with a narrow lead")."""
    return token.like_num or token.lemma_.lower() in _LEADS


def _has_own_subject(clause: Token) -> bool:
    return any(g.dep_ in ("nsubj", "nsubjpass") for g in clause.children)


def _counts(noun: Token) -> bool:
    """ "1,280 delegates"; "a 71 percent chance", whose number is the percentage's."""
    return any(g.dep_ == "nummod" or (g.dep_ == "compound" and _counts(g)) for g in noun.children)


# Words that make "at" a figure's when the number is theirs: "at 49.5 percent", "at $45 billion".
_FIGURE_WORDS = frozenset({"percent", "%", "billion", "million", "trillion", "thousand", "hundred", "bn", "m"})


def _is_figure(token: Token) -> bool:
    """ "at 1.6 million", "at 49.5 percent", "at $45 billion", "at 2 billion hryvnias", "at 1,000 troops"; not "at four
    power stations", a place counted in words."""
    if token.dep_ != "pobj":
        return False
    if token.like_num or token.tag_ == "$" or token.lower_ in _FIGURE_WORDS:
        return True
    return any(g.dep_ == "nummod" and (g.text[:1].isdigit() or g.lower_ in _FIGURE_WORDS) for g in token.children)


# Verbs that state a count as their object: "the unions said 1.3 million", "the military claims seven", "reported
# three dead and eight wounded", "confirmed two deaths".
_COUNTING_VERBS = frozenset({"say", "claim", "report", "confirm"})
# Nouns counted that are no tally of anything that happened: "said two things", "reported 65% of the stories".
_NOT_TALLIES = frozenset({"thing", "word", "time", "way", "point", "question", "story", "article", "minute", "hour", "day"})


def _count_frame(c: ReportingClause) -> Content | None:
    """ "Police said 200,000; the unions said 1.3 million": a figure as the object of a verb of saying is a claim of
    that count, where the learned model takes the object for a thing acted on."""
    if c.lemma not in _COUNTING_VERBS or c.complement:
        return None
    obj = next((child for child in c.verb.children if child.dep_ == "dobj" and child.i > c.verb.i), None)
    if obj is None or not _a_count(obj) or obj.lemma_.lower() in _NOT_TALLIES:
        return None
    if any(child.dep_ == "prep" and child.lower_ == "of" for child in obj.children):
        return None  # "claimed 41 percent of the vote": a share won, "reported 65% of the stories": a share written
    spans = object_content(c.verb, c.ctx)
    return Content(spans, frame="clause") if spans else None  # licensed as the verb's clause is


def _a_count(noun: Token) -> bool:
    """A number ("seven", "1.3 million") or a noun it counts ("two deaths", "three dead")."""
    if noun.like_num or noun.tag_ == "CD":
        return True
    return any(g.dep_ == "nummod" and (g.like_num or g.tag_ == "CD") and g.lower_ != "one" for g in noun.children)


def _object_frame(c: ReportingClause) -> Content | None:
    if c.lemma == "charge" and not _charged_with(c.verb):
        return None  # "charged customers a fee", "charged the crowd": no offence, no claim
    if c.lemma == "attack" and attacked_by_arms(c.verb):
        return None  # "The army attacked the town": no words (a QA pass), where "attacked the plan" reports them
    if c.lemma not in c.ctx.lex.verb_frames and _object_holds_a_report(c.verb, c.ctx):
        return None  # "operates nine tankers that the notice says have carried crude “under false flags”"
    return _content(object_content(c.verb, c.ctx))


def _object_holds_a_report(verb: Token, ctx: FinderContext) -> bool:
    """The verb's object has a relative clause that reports words it quotes (a cue of the lexicon with its own
    subject, and a quotation after it): the quoted words are that report's, not a claim of a verb that
    reports nothing."""
    if verb.lemma_.lower() in VERB_PREDICATE_PREPS:
        return False  # "attributes the shift to independents, who it says have “soured …”": the object and its cause
    for obj in (child for child in verb.children if child.dep_ == "dobj" and child.i > verb.i):
        for clause in obj.subtree:
            if clause.dep_ != "relcl" or clause.lemma_.lower() not in ctx.lex.verb_frames or not _on_the_object(clause, obj):
                continue
            if any(g.dep_ in ("nsubj", "nsubjpass") and g.i < clause.i for g in clause.children) and any(
                ctx.in_quote[t.i] >= 0 for t in clause.subtree if t.i > clause.i
            ):
                return True
    return False


def _charged_with(verb: Token) -> bool:
    """ "charged him with espionage", "charge 14 officials over draft exemptions": the offence, after "with" or
    "over" on the verb or anywhere in its object ("charges the firm, its director and its customs manager with
    conspiracy", where the parser hangs it on the last)."""
    offence = VERB_PREDICATE_PREPS["charge"]
    if any(g.dep_ == "prep" and g.lower_ in offence and g.i > verb.i for g in verb.children):
        return True
    objects = [child for child in verb.children if child.dep_ == "dobj" and child.i > verb.i]
    return any(t.dep_ == "prep" and t.lower_ in offence for obj in objects for t in obj.subtree)


def _passive_frame(c: ReportingClause) -> Content | None:
    return _content(passive_content(c.verb, c.ctx))


def _prep_frame(c: ReportingClause) -> Content | None:
    """ "spoke about X", "called for cuts": the preposition joins the cue and names the frame."""
    prep = prep_object(c.verb)
    if prep is None:
        return _for_clause_frame(c)
    if prep.lower_ in ("to", "of", "about") and any(g.dep_ in PREP_OBJECTS and _reports_itself(g, c.ctx) for g in prep.children):
        # "pointed to reports that X": the noun's own claim, with no source; "estimated in an analysis that X" is
        # the subject's, in its document
        return None
    spans = index_spans((i for g in prep.children if g.dep_ in PREP_OBJECTS for i in subtree_indices(g)), c.ctx)
    if not spans:
        return None
    return Content(spans, frame="prep:" + prep.lower_, cue=(c.cue[0], max(c.cue[1], prep.idx + len(prep))))


def _reports_itself(noun: Token, ctx: FinderContext) -> bool:
    """A noun cue with its own that-clause ("reports that X", "claims that X"), which states its claim itself."""
    return noun.lemma_.lower() in ctx.lex.noun_frames and any(
        c.dep_ in ("acl", "ccomp", "relcl") and has_that_mark(c) for c in noun.children
    )


def _for_clause_frame(c: ReportingClause) -> Content | None:
    """ "called for the agency to require insurance": the parser makes "for" the mark of an infinitive clause
    with its own subject; the clause is what the preposition's object would be."""
    for clause in c.verb.children:
        if clause.dep_ != "advcl" or clause.i < c.verb.i:
            continue
        mark = next((g for g in clause.children if g.dep_ == "mark" and g.lower_ == "for" and g.i < clause.i), None)
        if mark is None or not any(g.dep_ == "nsubj" for g in clause.children):
            continue
        spans = index_spans((i for i in subtree_indices(clause) if i != mark.i), c.ctx)
        if spans:
            return Content(spans, frame="prep:for", cue=(c.cue[0], max(c.cue[1], mark.idx + len(mark))))
    return None


def _inverted_frame(c: ReportingClause) -> Content | None:
    """ "X is an insult, lawmakers said.", when the verb has no complement."""
    if c.complement or appositive_noun_in_subject(c.subject) or after_participle_root(c.verb):
        return None  # "Durbin, noting the crowd, said, “…”": what comes before is the speaker, not the claim
    if c.verb.dep_ == "acl" and c.verb.head.i == c.subject.i:
        return None  # "— Sigbert Tverrstad, Prime Minister, speaking to reporters": what comes before is the speaker
    spans = inverted_content(c.verb, c.start, c.ctx)
    if spans and _said_after_a_second_subject(c):
        return Content(spans, frame="clause")  # the verb's clause, which the parser read as a second subject
    return _content(spans)


def _said_after_a_second_subject(c: ReportingClause) -> bool:
    """A speech verb that closes its sentence, with a subject before the comma ahead of its own (see
    :func:`_second_subject_before`): a headline, or a wire lede the parser misread."""
    if "clause" not in c.ctx.lex.verb_frames.get(c.lemma, ()) or not _closes_the_sentence(c.verb, c.ctx):
        return False  # "Speaking in Salem, New Hampshire, Trump went after Bush": a place, and no speech
    return any(_second_subject_before(child, c.subject) for child in c.verb.children)


# Words that open a title's question after its colon ("Question 5 explained: What a $15 wage would mean").
_TITLE_QUESTIONS = ("what ", "how ", "why ", "who ", "where ", "when ", "whether ", "which ")


def _colon_frame(c: ReportingClause) -> Content | None:
    spans = colon_content(c.end, c.ctx)
    if len(spans) == 1 and _is_short_name(*spans[0], c.ctx):
        return None  # "Truce agreed near the dam: UN": a headline's source, not what was agreed
    if spans and c.ctx.text[spans[0][0] : spans[0][0] + 9].lower().startswith(_TITLE_QUESTIONS):
        return None  # "Question 5 explained: What a $15 minimum wage would mean": a question, no claim
    return _content(spans)


def _is_short_name(start: int, end: int, ctx: FinderContext) -> bool:
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    return span is not None and 0 < len(span) <= 3 and all(t.pos_ == "PROPN" or t.is_upper for t in span)


# The verb frames, most specific first: (frame name, content function).
VERB_FRAMES: tuple[tuple[str, Callable[[ReportingClause], Content | None]], ...] = (
    ("quote", _direct_speech),
    ("as", _as_frame),
    ("clause", _complement_frame),
    ("clause", _small_clause_frame),
    ("to", _infinitive_frame),
    ("predicate", _predicate_frame),
    ("standings", _standings_frame),
    ("object", _count_frame),
    ("object", _object_frame),
    ("passive", _passive_frame),
    ("prep", _prep_frame),  # named "prep:<preposition>"
    ("inverted", _inverted_frame),
    ("colon", _colon_frame),
)


def verb_proposals(verb: Token, lemma: str, ctx: FinderContext) -> Iterator[Proposal]:
    """Reporting-verb readings of ``verb`` in priority order (hedges are proposed before, by the caller)."""
    if lemma in _ANSWERING_BACK and any(c.lower_ == "back" and c.dep_ in ("prt", "advmod") for c in verb.children):
        lemma = "retort"  # "“That's a lie,” Tolliver shot back"
    elif lemma in _BREAKING_IN and any(
        c.lower_ == "in" and c.i == verb.i + 1 and c.dep_ in ("prt", "prep") for c in verb.children
    ):
        lemma = "interject"  # "“Kansas tried that,” Whitfield cut in"
    if _is_bare_infinitive_complement(verb) or _is_reduced_relative(verb):
        return  # "reluctant to order": a hypothetical act, not a claim made
    if _compared_with(verb):
        return  # "needs a pause more than it admits", "weaker than the ministry says": a measure, not a report
    if _conceded_whatever(verb):
        return  # "…, whatever the minister says": the writer's claim holds whatever is said, and states nothing said
    if lemma == "be":
        return  # a copula reports nothing: "The critics, he said, were “the same people …”" is his
    if _asks_anonymity(verb) or _unnamed_as_asked(verb) or _asks_name_withheld(verb):
        return  # "asking not to be named in line with ministry rules": a condition of the interview
    if verb.dep_ in ("xcomp", "advcl") and _asks_anonymity(verb.head):
        return  # "requested anonymity to discuss a private conversation": why, not what was said
    if _is_question_put(verb, lemma):
        yield from _present(_question_put(verb, lemma, ctx))
        return
    speaker = subject(verb, ctx)
    if speaker is None and "quote" in ctx.lex.verb_frames.get(lemma, ()):
        yield from _present(_quote_by_position(verb, lemma, ctx))
        return
    if speaker is None or ctx.in_quote[speaker.i] >= 0 or not_a_source(speaker, ctx):
        return
    trailing = _trailing_speaker(verb, speaker, ctx)
    if trailing is not None:
        yield trailing
        return
    clause = _reporting_clause(verb, lemma, speaker, ctx)
    hearsay = _is_hearsay(speaker, lemma, ctx)
    unnamed = hearsay or _told_to_audience(verb, lemma, speaker)
    for frame, content_of in VERB_FRAMES:
        content = content_of(clause)
        if content is not None:
            yield propose(
                ctx,
                Rule("verb", content.frame or frame, lemma),
                content=content.spans,
                cue=(speaker.idx, speaker.idx + len(speaker)) if hearsay else content.cue or clause.cue,
                source=None if unnamed else clause.source,
                token=verb,
                subject=None if hearsay else speaker,
                kind=content.kind,
                hedged=hearsay,
                quotes_used=content.quotes_used,
            )


def _compared_with(verb: Token) -> bool:
    """The verb heads a comparison's "than" clause: what is claimed is the writer's, measured against it."""
    return any(c.dep_ == "mark" and c.lower_ == "than" for c in verb.children)


def _conceded_whatever(verb: Token) -> bool:
    """ "whatever the prisoner says", "no matter what officials say": a concession, whose object is anything said."""
    for child in verb.children:
        if child.dep_ in ("dobj", "ccomp") and child.i < verb.i:
            if child.lower_ in ("whatever", "whichever"):
                return True
            before = [token.lower_ for token in verb.doc[max(child.i - 2, 0) : child.i]]
            if child.lower_ == "what" and before == ["no", "matter"]:
                return True
    return False


def _told_to_audience(verb: Token, lemma: str, speaker: Token) -> bool:
    """ "The court heard that …", "…, jury told": the subject is who listened, and who spoke is not named."""
    if speaker.lemma_.lower() not in _AUDIENCES:
        return False
    return lemma == "hear" or (lemma == "tell" and not any(c.dep_ in ("dobj", "dative", "iobj") for c in verb.children))


def _is_hearsay(speaker: Token, lemma: str, ctx: FinderContext) -> bool:
    """ "Rumours swirled about a plan", "speculation grew that …": a claim no one is named for.

    The subject is a bare nominal cue (no article, possessor or name) and the
    verb is not one of speech ("Reports say …" keeps "Reports" as its source),
    so the noun is the cue and the claim is agentless. One made by someone
    named is theirs: "Estimates by Western intelligence put the number …".
    """
    return (
        speaker.lemma_.lower() in ctx.lex.noun_frames
        and "clause" not in ctx.lex.verb_frames.get(lemma, ())
        and not any(c.dep_ in ("det", "poss", "compound", "nummod") for c in speaker.children)
        and not any(c.dep_ == "prep" and c.lower_ == "by" and c.i > speaker.i for c in speaker.children)
    )


# Frames read for a report inside a quotation ("I believe the talks are stalling").
_QUOTED_REPORT_FRAMES = ("clause", "to", "object")
# Verbs of belief that predicate something of an object ("I do not consider myself guilty").
_JUDGING_VERBS = {"consider", "regard", "view", "deem"}


def quoted_report_proposals(verb: Token, lemma: str, ctx: FinderContext) -> Iterator[Proposal]:
    """A speaker's own report inside their quotation: "“… I believe the talks are stalling,” she said."

    Only a verb of speech or belief (the hand lexicon's clause verbs) whose
    subject is a pronoun inside the same quotation, read through its clause,
    its infinitive ("told them to leave") or an object with a predicate ("I do
    not consider myself guilty"). The finder links it to the quotation's
    attribution as its parent.
    """
    frames = ctx.lex.verb_frames.get(lemma, ())
    if ("clause" not in frames and lemma not in _JUDGING_VERBS) or _participle(verb) or _is_bare_infinitive_complement(verb):
        return
    speaker = _quoted_speaker(verb)
    if (
        speaker is None
        or speaker.pos_ not in ("PRON", "NOUN", "PROPN")
        or not_a_source(speaker, ctx)
        or ctx.in_quote[speaker.i] != ctx.in_quote[verb.i]
        or speaker.lower_ in ("it", "this", "that", "what", "which", "there", "who")  # "Who told you …?" asks
        or _frames_own_claim(verb, lemma, speaker)
    ):
        return
    clause = _reporting_clause(verb, lemma, speaker, ctx)
    for frame, content_of in VERB_FRAMES:
        if frame not in _QUOTED_REPORT_FRAMES or (frame == "to" and "to" not in frames):
            continue
        if frame != "clause" and (speaker.pos_ != "PRON" or verb.tag_ == "VBG"):
            continue  # "we are asking them to help": a request under way, not a report
        content = content_of(clause)
        if (
            content is None
            or _asks(content, ctx)
            or (frame == "object" and not _has_predicate(verb))
            or (frame == "clause" and lemma in _JUDGING_VERBS and not _has_predicate(verb))
        ):
            continue
        yield propose(
            ctx,
            Rule("verb", frame, lemma),
            content=content.spans,
            cue=clause.cue,
            source=clause.source,
            token=verb,
            subject=speaker,
        )
        return


def _frames_own_claim(verb: Token, lemma: str, speaker: Token) -> bool:
    """ "I'll tell you something else: …", "Let me tell you": the speakers announce what they claim next, not a
    report of their own; "I said it would create jobs" recalls one, and "I can tell you …" annotators count."""
    if lemma not in ("tell", "say") or speaker.lower_ not in ("i", "we", "me", "us"):
        return False
    return verb.head.lemma_ == "let" or any(c.dep_ == "aux" and c.lemma_ == "will" for c in verb.children)


def _has_predicate(verb: Token) -> bool:
    """ "consider myself guilty", "see him as a threat": an object with something predicated of it."""
    return any(c.dep_ in ("oprd", "ccomp", "xcomp") or (c.dep_ == "prep" and c.lower_ == "as") for c in verb.children)


def _present(proposal: Proposal | None) -> Iterator[Proposal]:
    if proposal is not None:
        yield proposal


def _reporting_clause(verb: Token, lemma: str, speaker: Token, ctx: FinderContext) -> ReportingClause:
    # a paragraph break the parser hung on the clause does not stretch it to the next quotation,
    # nor does a quotation it introduces with a colon
    limit = colon_quote_after(verb.idx, ctx)
    starts, ends = ctx.token_starts, ctx.token_ends
    frame = [i for i in _frame_indices(verb, speaker, ctx) if not ctx.is_space[i] and (starts[i] < limit or i <= verb.i)]
    return ReportingClause(
        verb=verb,
        lemma=lemma,
        subject=speaker,
        source=source_span(speaker, verb, ctx),
        cue=cue_span(verb),
        start=min(starts[i] for i in frame),
        end=max(ends[i] for i in frame),
        complement=[] if after_participle_root(verb) else clausal_content(verb, ctx),
        ctx=ctx,
    )


def _speaker_hung_elsewhere_just_before(verb: Token, speaker: Token) -> bool:
    """A speaker found by position: a noun the parser attached elsewhere, whose phrase ends right before the verb."""
    if speaker.head is verb or speaker.i > verb.i or speaker.dep_ not in ("appos", "pobj", "conj", "compound"):
        return False
    return all(t.is_punct for t in verb.doc[speaker.right_edge.i + 1 : verb.i])


def _frame_indices(verb: Token, speaker: Token, ctx: FinderContext) -> list[int]:
    """Token indices of the reporting clause around the cue (subject, auxiliaries, object, adjuncts)."""
    frame = [verb.i]
    for child in verb.children:
        if child.dep_ in _FRAME_DEPS and not _second_subject_before(child, speaker):
            frame.extend(i for i in subtree_indices(child) if ctx.in_quote[i] < 0)
    if verb.dep_ == "pcomp" and quoted_person(verb.head) is not None:
        # "“…,” the statement quoted X as saying": the quoting clause frames the quotation; only
        # its own roles, for a parse that hangs the sentence before on "quoted" is not the frame
        quoting = verb.head.head
        frame.append(quoting.i)
        frame.extend(i for c in quoting.children if c.dep_ in _FRAME_DEPS for i in subtree_indices(c) if ctx.in_quote[i] < 0)
    if heard_saying(verb):
        # "“…,” the man is heard saying": the passive clause frames the quotation
        frame.extend(i for c in verb.head.children if c.dep_ in _FRAME_DEPS for i in subtree_indices(c) if ctx.in_quote[i] < 0)
        frame.append(verb.head.i)
    if _speaker_hung_elsewhere_just_before(verb, speaker):
        # "“…,” William M. Daley, President Obama's former chief of staff, said": the parser hung the speaker on the
        # quotation; the speaker still opens the frame, which the quotation then adjoins
        frame.extend(i for i in subtree_indices(speaker) if ctx.in_quote[i] < 0)
    if speaker.head is not verb and verb.dep_ == "conj" and abs(speaker.i - verb.i) < 12:
        # "“…,” he paused and said": the shared subject opens the frame; a
        # participle ("…,” he said, adding …) does not own the quotation.
        frame.extend(i for i in subtree_indices(speaker) if ctx.in_quote[i] < 0)
    return frame


# Words that open an embedded question or a free relative ("I am telling you how it is"): no proposition stated.
_QUESTION_OPENERS = ("how ", "what ", "why ", "when ", "where ", "whether ", "who ", "which ")


def _asks(content: Content, ctx: FinderContext) -> bool:
    start = content.spans[0][0]
    return ctx.text[start : start + 8].lower().startswith(_QUESTION_OPENERS)


def _participle(verb: Token) -> bool:
    """A verb in -ing that is no progressive tense: "…, saying …", not "I am telling you …"."""
    return verb.tag_ == "VBG" and not any(c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children)


def _quoted_speaker(verb: Token) -> Token | None:
    """The subject of a verb inside a quotation, or the one it shares with the verbs it is joined to ("now she comes
    to Erie and tells you she's on your side")."""
    current = verb
    for _ in range(3):  # bounded climb along "and"
        speaker = next((c for c in current.children if c.dep_ == "nsubj"), None)
        if speaker is not None or current.dep_ != "conj" or current.head.pos_ not in ("VERB", "AUX"):
            return speaker
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in current.children):
            return None  # "nobody answered, and I was told …": the verb's own subject is not the teller
        current = current.head
    return None


def _closes_the_sentence(verb: Token, ctx: FinderContext) -> bool:
    """Whether ``verb`` has no words after it but when, where or to whom it was said ("…, think tank says", "…,
    regional governor Pavlo Drach said on Sunday"), or the speaker's next report ("…, adding that crews were at the
    site"), which is a claim of its own."""
    after = [c for c in verb.children if c.i > verb.i and not c.is_space]  # a headline's line break
    return all(_trailing_adjunct(verb, c, ctx) or speech_participle(c, ctx) for c in after)


_CLOSING_QUOTES = frozenset({"”", '"', "''"})


def _second_subject_before(child: Token, speaker: Token) -> bool:
    """ "Rail traffic … points to renewed deliveries, think tank says": a headline the parser read as a second
    subject of "says", before the comma that opens the reporting clause; it is what was said, not its frame."""
    # "Talks to resume next week, officials say": a headline's subject with its infinitive, which the parser
    # hung on "say" as an adverbial clause or a loose dependent
    headline_noun = child.dep_ in ("advcl", "dep") and child.pos_ in ("NOUN", "PROPN")
    if (child.dep_ not in SUBJECTS and not headline_noun) or child.i == speaker.i or child.head.i != speaker.head.i:
        return False
    between = [t.text for t in child.doc[child.right_edge.i + 1 : speaker.left_edge.i]]
    # "DONOR GRUMBLES — “He's running …,” a donor grumbled": the parser hung the quotation on the heading, whose
    # comma then closes inside the quotation marks
    return child.i < speaker.i and (between == [","] or (len(between) == 1 and between[0] in _CLOSING_QUOTES))


# --------------------------------------------------------------------------- verbs whose subject is no source


def _is_question_put(verb: Token, lemma: str) -> bool:
    """ "Asked whether …, Peskov said": a participle before the main clause, whose subject was asked, not asking."""
    if lemma not in QUESTION_VERBS or verb.tag_ not in ("VBN", "VBD"):
        return False  # a sentence-opening "Asked" is often tagged VBD
    if verb.tag_ == "VBN" and any(c.dep_ == "nsubjpass" for c in verb.children):
        return True  # "Trump was asked whether …": the one asked is no source either
    if report_after_question(verb) is not None:
        return True  # "Navarro, asked whether …, said …"
    return verb.dep_ == "advcl" and verb.i < verb.head.i and not any(c.dep_ in SUBJECTS for c in verb.children)


def _question_put(verb: Token, lemma: str, ctx: FinderContext) -> Proposal | None:
    """The question as content; its source is the asker when a "by" phrase names one, else none."""
    asker = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    holders = [verb] + ([asker] if asker is not None else [])
    report = report_after_question(verb)  # "Navarro, asked whether …, said …": what she said is no part of the question
    clause = next(
        (
            c
            for c in verb.children
            if (report is None or c.i != report.i)
            and (
                c.dep_ in ("ccomp", "xcomp")
                or c.dep_ == "advcl"
                and c.i > verb.i
                and any(g.dep_ == "mark" and g.lower_ in ("if", "whether") for g in c.children)
            )
        ),
        None,
    )
    if clause is not None:
        content = index_spans(subtree_indices(clause), ctx)
    else:  # "Asked about the strike", "Asked by reporters about the strike"
        topic = next(
            (
                g
                for h in holders
                for c in h.children
                if c.dep_ == "prep" and c.lower_ in ("about", "on")
                for g in c.children
                if g.dep_ in PREP_OBJECTS
            ),
            None,
        )
        # A topic is no proposition ("Asked about the strike"); one that carries a clause is, and a noun that
        # reports ("Asked about reports in the press that …", "about Trump's declaration that …") states it itself.
        if topic is None or not any(c.dep_ in ("acl", "ccomp", "relcl") and has_that_mark(c) for c in topic.children):
            return None
        if topic.lemma_.lower() in ctx.lex.noun_frames:
            return None
        content = index_spans(subtree_indices(topic), ctx)
    if not content:
        return None
    source = (asker.left_edge.idx, asker.idx + len(asker)) if asker is not None else None
    return propose(ctx, Rule("verb", "clause", lemma), content=content, cue=cue_span(verb), source=source, token=verb)


def _asks_anonymity(verb: Token) -> bool:
    """ "who asked not to be named", "requested anonymity to speak freely": a condition of the interview, not a claim."""
    doc = verb.doc
    after = doc[verb.i + 1].lower_ if verb.i + 1 < len(doc) else ""
    if after == "anonymity" or (after == "for" and verb.i + 2 < len(doc) and doc[verb.i + 2].lower_ == "anonymity"):
        return True  # "requested anonymity", "asked for anonymity"
    if after not in ("not", "to"):
        return False  # asked of every verb: the span's text is made only where it may match
    following = doc[verb.i + 1 : verb.i + 5].text.lower()
    return following.startswith(("not to be named", "not to be identified", "to remain anonymous", "not to be quoted"))


def _asks_name_withheld(verb: Token) -> bool:
    """ "who asked that her last name not be used", "asked that his name be withheld": a condition, not a claim."""
    doc = verb.doc
    if verb.i + 1 >= len(doc) or doc[verb.i + 1].lower_ not in ("that", "her", "his", "their"):
        return False  # "asked that her last name not be used", "asked her surname not be published"
    following = f" {doc[verb.i + 1 : verb.i + 10].text.lower()} "
    return any(f" {word} " in following for word in ("name", "surname", "names", "surnames")) and any(
        word in following for word in _WITHHELD
    )


_WITHHELD = ("withheld", "not be used", "not be published", "not be given", "not be printed", "not be disclosed")


def _unnamed_as_asked(verb: Token) -> bool:
    """ "asking not to be named in line with ministry rules": the request's own verb, whatever follows it."""
    return verb.i >= 4 and _asks_anonymity(verb.doc[verb.i - 4])  # ask, not, to, be, named


def _is_reduced_relative(verb: Token) -> bool:
    """ "Materials found on dead troops indicate …" parsed with "found" as the main verb.

    The tell-tale is a verb conjunct without any coordinator: the later verb
    is the real predicate and the first a participle modifying the subject.
    """
    if verb.tag_ not in ("VBD", "VBN") or any(c.dep_ in ("cc", "ccomp", "dobj") for c in verb.children):
        return False
    return any(c.dep_ == "conj" and c.pos_ == "VERB" and c.tag_ in ("VBP", "VBZ") for c in verb.children)


def _is_bare_infinitive_complement(verb: Token) -> bool:
    """A to-infinitive under a non-cue word ("reluctant to order", "plans to say")."""
    if verb.dep_ == "xcomp" and verb.head.pos_ in ("VERB", "AUX"):
        return False  # "continues to insist", "appeared to suggest": the head verb carries it
    if verb.dep_ == "xcomp" and verb.head.dep_ == "acomp" and verb.head.lemma_.lower() in _ACTING_ADJECTIVES:
        return False  # "voters were more likely to say …", "she was quick to deny …": said, not imagined
    if verb.dep_ == "advcl" and verb.head.i < verb.i and verb.head.lemma_.lower() in _GOING_ON:
        return False  # "The president went on to say that …", the infinitive parsed as a purpose: said
    return verb.dep_ in ("xcomp", "acl", "advcl", "relcl", "ccomp") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
    )


def _trailing_speaker(verb: Token, speaker: Token, ctx: FinderContext) -> Proposal | None:
    """ "The strike killed 14 civilians, governor Oleh Syniehubov wrote on Telegram.", parsed wrong.

    When a reporting clause closes the sentence after a comma, the parser
    sometimes takes a noun before the comma as the subject and hangs the real
    speaker on it as a conjunct. If the words between the comma and the verb
    form one noun phrase and the parsed subject lies before the comma, that
    phrase is the source and everything before the comma is the content.
    """
    finite = verb.tag_ in ("VBD", "VBZ", "VBP") or (verb.dep_ == "ROOT" and finite_or_misread(verb))
    if "clause" not in ctx.lex.verb_frames.get(verb.lemma_.lower(), ()) or not finite:
        return None  # only a finite speech verb closes a sentence this way ("…, X said.", "…, the agency estimated.")
    start, _ = ctx.sent_of[verb.i]
    doc = verb.doc
    after = _speaker_after_verb(verb, speaker, ctx) if speaker.i > verb.i else None
    if after is not None:
        return after
    comma = next((i for i in range(verb.i - 1, max(start, verb.i - 12) - 1, -1) if doc[i].text == ","), None)
    if comma is None or ctx.in_quote[comma] >= 0:
        return None
    if not _closes_the_sentence(verb, ctx):
        return None  # the verb has its own content after it
    if comma == verb.i - 1:
        return _trailing_appositive_speaker(verb, speaker, ctx)
    piece = [t for t in doc[comma + 1 : verb.i] if t.dep_ not in CUE_DEPS and t.dep_ != "advmod"]
    roots = [t for t in piece if not comma < t.head.i < verb.i]
    if speaker.i > comma and speaker.head.i == verb.i and _title_hung_before(speaker, comma):
        return _trailing_titled_speaker(verb, speaker, comma, ctx)
    own_subject_after_comma = speaker.i > comma and speaker.head.i == verb.i and not _claims_words_before_its_comma(verb, comma)
    hung_on_the_claim = verb.dep_ == "conj" and verb.head.i < comma and may_speak(speaker, ctx)
    if own_subject_after_comma and verb.tag_ != "VBN" and not hung_on_the_claim:
        return None  # the subject after the comma, parsed as it is written: the ordinary frames read it
    # (Read as the others are, which the learned model does not take for reports: a past tense the tagger read as a
    # participle, "…, the Environment Agency estimated on Friday", and a verb the parser joined to the claim's own,
    # "Germany will finance two more systems, Defence Minister Boris Pistorius said on Tuesday".)
    # (A speaker after the comma that is not the verb's own word was found by its position, as the last name
    # before the verb: "…, the Ministry of Foreign Affairs of Valmuria said", with "Ministry" hung on the claim.)
    if len(roots) != 1 or roots[0].pos_ not in ("PROPN", "NOUN", "PRON") or any(t.pos_ == "VERB" for t in piece):
        return None
    return _claim_before(verb, doc[comma + 1].idx, phrase_span(roots[0], ctx), roots[0], ctx)


def _claim_before(verb: Token, frame_start: int, source: CharSpan | None, speaker: Token, ctx: FinderContext) -> Proposal | None:
    """A trailing speaker's claim: the sentence's words before the comma ahead of ``frame_start`` (the speaker's
    first word, or the verb's), as said by ``source`` with ``verb``."""
    content = inverted_content(verb, frame_start, ctx)
    if not content or source is None:
        return None
    rule = Rule("verb", "clause", verb.lemma_.lower())
    return propose(ctx, rule, content=content, cue=cue_span(verb), source=source, token=verb, subject=speaker)


def _speaker_after_verb(verb: Token, speaker: Token, ctx: FinderContext) -> Proposal | None:
    """ "Sulvik ships a quarter of the grain, said Tamsin Orrell, an analyst at Grainscope": the verb after a comma,
    then its subject; the claim is what comes before the comma. A quotation there is left to the quotation rules."""
    doc = verb.doc
    _, end = ctx.sent_of[verb.i]
    if speaker.left_edge.i != verb.i + 1 or doc[verb.i - 1].text != ",":
        return None
    if not only_punctuation(doc[speaker.right_edge.i + 1 : end]):
        return None  # "The paradox of Nancy, says a historian, is that …": a speaker inside the claim
    if ctx.quoted_before(verb):
        return None
    return _claim_before(verb, verb.idx, phrase_span(speaker, ctx), speaker, ctx)


def _title_hung_before(speaker: Token, comma: int) -> bool:
    """ "…, service spokeswoman Oksana Tymchuk told reporters": the speaker's title, between the comma and the name,
    which the parser hung on the claim's last noun; the name alone is the verb's subject."""
    doc = speaker.doc
    title = doc[comma + 1 : speaker.left_edge.i]
    return (
        len(title) > 0
        and all(t.pos_ in ("NOUN", "PROPN", "ADJ", "DET") for t in title)
        and any(t.pos_ == "NOUN" for t in title)
        and all(t.head.i < comma or comma < t.head.i < speaker.left_edge.i for t in title)
    )


def _trailing_titled_speaker(verb: Token, speaker: Token, comma: int, ctx: FinderContext) -> Proposal | None:
    """The claim before the comma, the speaker from it to the name (see :func:`_title_hung_before`)."""
    name = phrase_span(speaker, ctx)
    first = verb.doc[comma + 1].idx
    return _claim_before(verb, first, (first, name[1]) if name is not None else None, speaker, ctx)


def _trailing_adjunct(verb: Token, child: Token, ctx: FinderContext) -> bool:
    """A word after a trailing reporting verb that is no content of its own: when or where it was said, the one told,
    or an adverbial clause ("…, the minister said on Tuesday, as Kyiv braces for a winter of strikes")."""
    return child.dep_ in _TRAILING_DEPS or _the_one_told(verb, child, ctx) or (child.dep_ == "advcl" and adverbial(child))


def _the_one_told(verb: Token, child: Token, ctx: FinderContext) -> bool:
    """ "…, a source in the security service told Reuters": the one told, as the object of a verb of telling, is no
    content of the verb's own. Not after a quotation, which the quotation rules give its speaker ("“…,” Doug Andres,
    a spokesman for the speaker, told the paper")."""
    if child.dep_ != "dobj" or verb.lemma_.lower() not in RECIPIENT_VERBS or child.pos_ not in ("PROPN", "PRON", "NOUN"):
        return False
    return not ctx.quoted_before(verb)


def _on_the_object(clause: Token, obj: Token) -> bool:
    """A relative clause on the object or on a noun of its own phrase ("the settlement or the statue, which …",
    "a request from the county party, which …"), not on one inside a clause in it ("the deal negotiated by
    Obama, who he noted …": the outer verb's own object, whatever the inner clause reports)."""
    noun = clause.head
    while noun.i != obj.i:
        if noun.dep_ not in ("conj", "appos", "pobj", "prep", "compound") or noun.head is noun:
            return False
        noun = noun.head
    return True


# Prepositions that give a verb content of its own after it ("called for", "warned of", "spoke about").
_OWN_TOPICS = TOPIC_PREPS | {"for"}
# Verbs whose preposition after them names whom the words before were about ("said of Sanders").
_SAID_OF = frozenset({"say", "write", "add", "tell"})


def _trailing_appositive_speaker(verb: Token, speaker: Token, ctx: FinderContext) -> Proposal | None:
    """ "Power is back in 60% of homes, the city's grid operator, Lumora Grid, said.": a speaker named twice, set
    off by commas, whose last comma is right before the verb; the parser hung the verb on the claim's clause. The
    claim is what comes before the speaker's first comma."""
    if speaker.i >= verb.i or speaker.pos_ not in ("NOUN", "PROPN"):
        return None
    if any(c.dep_ == "prep" and c.lower_ in _OWN_TOPICS for c in verb.children if c.i > verb.i):
        return None  # "On CNN Tuesday, his wife, Jane, called for an open primary": the verb's own content follows
    source = phrase_span(speaker, ctx)
    if source is None or ctx.text[source[1] : verb.idx].strip() != ",":
        return None
    return _claim_before(verb, source[0], source, speaker, ctx)


def _claims_words_before_its_comma(verb: Token, comma: int) -> bool:
    """ "A trial found that the drug cut admissions by 40%, the company said": the parser hung the that-clause on
    "said", which it made the complement of "found", so the verb's own words run back past the comma."""
    return verb.dep_ in ("ccomp", "parataxis") and verb.head.i < comma and verb.left_edge.i < comma


def _quote_by_position(verb: Token, lemma: str, ctx: FinderContext) -> Proposal | None:
    """Direct speech whose reporting clause the parser broke: “…,” Chief Jo Reed said Monday.

    Quotation marks confuse the parser, which then gives "said" no subject.
    The speaker is then read off the word order: the words between the
    closing mark and the verb ("“…,” NAME said"), or right after the verb
    ("“…,” said NAME" / "Said NAME: “…”").
    """
    speaker = _speaker_before(verb, ctx) or _speaker_after(verb, ctx)
    if speaker is None:
        return None
    source, head = speaker
    used = adjacent_quotes(verb, min(source[0], verb.idx), max(source[1], verb.idx + len(verb)), [], ctx)
    if not used:
        return None
    spans = [seg for i in used for seg in ctx.quotes[i].segments]
    return propose(
        ctx,
        Rule("verb", "quote", lemma),
        content=clean_quote_spans(spans, ctx.text),
        cue=cue_span(verb),
        source=source,
        token=verb,
        subject=head,
        kind="direct",
        quotes_used=used,
    )


def _speaker_before(verb: Token, ctx: FinderContext) -> tuple[CharSpan, Token] | None:
    """ "“…,” Chief Jo Reed said": the words between a closing quote mark and the verb, ending in a noun."""
    doc = verb.doc
    sent = ctx.sentence(verb)
    left = verb.i - 1
    while (
        left >= sent.start
        and left > verb.i - 9
        and ctx.in_quote[left] < 0
        and doc[left].text not in QUOTE_MARKS
        and not _ends_sentence(doc[left])
    ):
        left -= 1
    if left >= sent.start and doc[left].text in QUOTE_MARKS and left < verb.i - 1:
        words = [t for t in doc[left + 1 : verb.i] if not t.is_punct]
        if words and words[-1].pos_ in ("PROPN", "NOUN", "PRON"):
            return (words[0].idx, words[-1].idx + len(words[-1])), words[-1]
    return None


def _speaker_after(verb: Token, ctx: FinderContext) -> tuple[CharSpan, Token] | None:
    """ "“…,” said Chief Jo Reed": the noun phrase right after the verb."""
    sent = ctx.sentence(verb)
    words = []
    for t in verb.doc[verb.i + 1 : min(sent.end, verb.i + 9)]:
        if t.is_punct or t.pos_ not in ("PROPN", "NOUN", "DET", "ADJ", "PRON", "NUM"):  # NUM: "said one woman"
            break
        words.append(t)
    if not words or words[-1].pos_ not in ("PROPN", "NOUN"):
        return None
    return (words[0].idx, words[-1].idx + len(words[-1])), words[-1]


def _ends_sentence(token: Token) -> bool:
    return token.text in (".", "!", "?") or "\n" in token.text
