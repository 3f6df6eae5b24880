"""The content each verb frame reaches: clauses, infinitives, objects, quotations beside the clause.

The frames themselves (which content function, in which order) are the
table in :mod:`claimtrack.attribution.verbs`; this module reads the spans.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .actions import is_non_answer
from .context import CONTENT_CLAUSES, PREP_OBJECTS, SUBJECTS, TELLING_VERBS, FinderContext, speech_participle
from .shaping import (
    DATELINE,
    at_clause_start,
    clean_spans,
    comma_between,
    cuts_a_figure,
    has_that_mark,
    index_spans,
    subtree,
    subtree_indices,
    through_closing_mark,
)
from .sources.lexicon import in_lists, names_a_news_outlet
from .spans import CharSpan
from .speakers import misattached_report

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

_OBJECT_STOPWORDS = {
    "nothing",
    "something",
    "anything",
    "everything",
    "it",
    "this",
    "that",
    "so",
    "much",
    "more",
    "little",
    "lot",
    "one",
    "what",
    "which",
    "all",
}
# Prepositions that carry what an object is said to be or to have done.
_PREDICATE_PREPS = {"as", "of", "for"}
# And those that finish one verb's charge only: "blamed the outage on a cyberattack" (not "denied it on Monday").
# "attributed the decline to the announcement", "charged two developers with defrauding investors"
VERB_PREDICATE_PREPS = {"blame": {"on"}, "attribute": {"to"}, "charge": {"with", "over"}}
# An object of these tags alone is a modifier whose noun the parser may have misread (see _misparsed_noun).
_MODIFIER_TAGS = {"NNP", "NNPS", "JJ"}
# What may separate a quotation from its reporting clause, an inner quotation's closing mark included
# ("''…by that?''' Mr. Biden said").
_QUOTE_GAP = re.compile(r"^[\s,:;—–\-'’]*$")
# Prepositions that give a verb its own topic ("warn of", "talk about"), unlike "said on Monday".
TOPIC_PREPS = {"of", "about", "against", "over"}


def adjacent_quotes(verb: Token, frame_start: int, frame_end: int, clause, ctx: FinderContext) -> tuple[int, ...]:
    """Quotations that are the reporting clause's direct speech: "…,” she said, “…”.

    A quotation just before the clause counts when it opens a sentence (else it
    is a quoted fragment of a paraphrase, which the parse handles); one just
    after counts unless the clausal complement starts before it.
    """
    before = _adjacent_quote_before(frame_start, ctx)
    if before >= 0 and (
        not at_clause_start(ctx.text, ctx.quotes[before].open_pos)
        or (_introduced_by_colon(ctx.text, ctx.quotes[before].open_pos) and not _handed_to(verb, ctx.quotes[before], ctx))
    ):
        before = -1  # "… supported by X, an expert: “…” Y argued that …": the quote is X's
    if before >= 0 and _ends_a_sentence(ctx.quotes[before], ctx.text) and _says_its_own_after(verb):
        before = -1  # "… “He should be ashamed.” Ruggiero also accused Vanterpool of …": the quote ended a sentence
    after = _adjacent_quote_after(frame_end, ctx)
    if after >= 0 and before < 0 and clause and clause[0][0] < frame_start and ctx.qindex.quote_at(clause[0][0]) < 0:
        after = -1  # "X is wrong, he said, “totally”": the paraphrase before is the content
    return tuple(i for i in (before, after) if i >= 0)


def _handed_to(verb: Token, quote, ctx: FinderContext) -> bool:
    """A quotation after a label's colon whose comma hands it over to a speaker named after it ("THE CLAIM: “…,”
    Quilliam said"); not one that a verb before the colon took ("Peabody said: “…,” adding that …")."""
    if ctx.text[quote.end - 1 : quote.end] != ",":
        return False
    return any(c.dep_ == "nsubj" and ctx.token_starts[c.i] >= quote.close_end for c in verb.children)


def _ends_a_sentence(quote, text: str) -> bool:
    """A quotation whose words end in a full stop ("He should be ashamed."), not the comma that hands over to "he said"."""
    return text[quote.end - 1 : quote.end] == "."


def _says_its_own_after(verb: Token) -> bool:
    """A verb with its own content after it: a clause, an infinitive, or what it accuses of or warns about."""
    return any(
        child.i > verb.i
        and (
            child.dep_ in ("ccomp", "xcomp")
            or (child.dep_ == "prep" and child.lower_ in TOPIC_PREPS)
            or (child.dep_ == "dobj" and any(g.dep_ == "prep" and g.lower_ == "of" for g in child.children))
            or (child.dep_ == "dobj" and _names_its_own_object(verb, child))
        )
        for child in verb.children
    )


# Nouns that point back to a quotation just made: "“…” He repeated the line at a rally".
_BACK_REFERENCES = frozenset(
    {"line", "claim", "remark", "remarks", "word", "words", "message", "point", "statement", "comment", "comments", "it"}
)


def _names_its_own_object(verb: Token, obj: Token) -> bool:
    """ "He did not dispute the memo's polling figures": a thing the verb is about, not someone told ("told CNN")
    nor a word for the quotation before ("repeated the line")."""
    return verb.lemma_ not in TELLING_VERBS and obj.pos_ == "NOUN" and obj.lemma_.lower() not in _BACK_REFERENCES


def colon_quote_after(offset: int, ctx: FinderContext) -> int:
    """Where the first quotation after ``offset`` opens when a colon introduces it, else the text's end.

    "… supported by X, an expert from Y: “…”": the parser may hang the
    quotation on a noun of the clause, but the clause ends at the colon.
    """
    i = ctx.quote_after(offset)
    if i >= 0 and _introduced_by_colon(ctx.text, ctx.quotes[i].open_pos):
        return ctx.quotes[i].open_pos
    return len(ctx.text)


def _introduced_by_colon(text: str, open_pos: int) -> bool:
    """Whether a colon on the same line introduces the quotation: it belongs to the clause before it."""
    before = text[max(0, open_pos - 3) : open_pos].rstrip(" \t")
    return before.endswith(":")


def _adjacent_quote_before(frame_start: int, ctx: FinderContext) -> int:
    """A quotation ending just before the reporting clause ("…,” she said), or -1."""
    i = ctx.quote_before(frame_start)
    if i + 1 < len(ctx.quotes) and ctx.quotes[i + 1].close_end > frame_start >= ctx.quotes[i + 1].end:
        i += 1  # the clause's span begins at the quotation's own closing mark ("”" hung on the speaker)
    if i < 0:
        return -1
    gap = ctx.text[ctx.quotes[i].close_end : frame_start]
    if "\n" not in gap and _QUOTE_GAP.match(gap):
        return i
    return -1


def _adjacent_quote_after(frame_end: int, ctx: FinderContext) -> int:
    """A quotation starting just after the reporting clause (she said, “…), or -1."""
    i = ctx.quote_after(frame_end)
    if i < 0:
        return -1
    gap = ctx.text[frame_end : ctx.quotes[i].open_pos]
    colon = ":" in gap or ctx.text[frame_end - 1 : frame_end] == ":"  # "made the following comment:" and a new line
    if len(gap) < 8 and _QUOTE_GAP.match(gap) and ("\n" not in gap or colon):
        return i
    return -1


# Every kind of subject a clause may have.
_ANY_SUBJECT = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})


def _second_that_clause(verb: Token, clause: Token) -> list[int]:
    """ "warned that the economy is overheating and that inflation remains too high": a second that-clause the
    parser joined to the verb rather than to the first: its words, and the "and" before them, to add."""
    second = next(
        (
            c
            for c in verb.children
            if c.dep_ == "conj" and c.i > clause.i and has_that_mark(c) and any(g.dep_ in _ANY_SUBJECT for g in c.children)
        ),
        None,
    )
    if second is None:
        return []
    return list(range(clause.right_edge.i + 1, second.left_edge.i)) + list(subtree_indices(second))


def _subject_read_as_object(verb: Token, clause: Token, ctx: FinderContext) -> list[int]:
    """ "said gas to 120,000 households had been cut": a clause with no subject after the verb, whose subject the
    parser took for the verb's object (with what follows it): those words, to put back in the content."""
    if clause.i < verb.i or any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
        return []
    if verb.lemma_.lower() in TELLING_VERBS:
        return (
            _subject_read_as_second_object(verb, clause, ctx)
            or _subject_inside_the_one_told(verb, clause)
            or _subject_read_as_the_one_warned(verb, clause)
        )
    if any(c.dep_ in _ANY_SUBJECT for c in clause.children):
        return []  # "told him (that) the base had been evacuated": the object is who was told
    # (or its subject: "says most of them, such as road repairs, are civilian", see speakers._clause_subject_on_verb)
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "nsubj") and verb.i < c.i < clause.left_edge.i), None)
    if obj is None:
        return _subject_read_as_an_objects_object(verb, clause)
    return list(range(obj.left_edge.i, clause.left_edge.i))


def _subject_read_as_an_objects_object(verb: Token, clause: Token) -> list[int]:
    """ "said during a visit to Kharkiv the city would be rebuilt": a clause with no subject right after where the
    verb's words were said, whose subject the parser hung there as the object of a name or a noun (which takes
    no object): those words, to put back in the content."""
    first = clause.left_edge.i
    setting = next((c for c in verb.children if _is_setting(c) and verb.i < c.i and c.right_edge.i == first - 1), None)
    if setting is None:
        return []
    subject = verb.doc[first - 1]
    while subject.head.i < first and subject.head.right_edge.i == first - 1 and subject.dep_ not in ("dobj", "appos"):
        subject = subject.head
    if subject.dep_ not in ("dobj", "appos") or subject.head.pos_ not in ("NOUN", "PROPN") or subject.i <= setting.i:
        return []
    return list(range(subject.left_edge.i, first))


def _subject_read_as_second_object(verb: Token, clause: Token, ctx: FinderContext) -> list[int]:
    """ "told MPs the new levy on bank profits above £100m would raise £4bn": the parser took the one told and the
    clause's subject for two objects of the verb, and the end of a figure ("m") for the clause's own subject:
    the words from the second object to the clause, to put back in the content."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative") and verb.i < c.i < clause.left_edge.i]
    subjects = [c for c in clause.children if c.dep_ in _ANY_SUBJECT]
    if len(objects) < 2 or any(not cuts_a_figure(ctx.text, ctx.token_starts[s.i]) for s in subjects):
        return []
    return list(range(objects[1].left_edge.i, clause.left_edge.i))


# Verbs of telling that always name the one told before a clause ("told MPs prices would rise"). Not "warned",
# "promised" or "advised", whose clause may follow them directly ("warned union leaders would strike").
RECIPIENT_VERBS = frozenset({"tell", "inform", "assure", "reassure", "remind", "notify", "brief"})


def _subject_inside_the_one_told(verb: Token, clause: Token) -> list[int]:
    """ "told lawmakers exports rose sharply", "told MPs tariffs on steel would rise": the parser made the one told and
    the clause's subject one object, and gave the clause no subject: the words after the one told, to put back."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative") and verb.i < c.i < clause.left_edge.i]
    if len(objects) != 1 or any(c.dep_ in _ANY_SUBJECT for c in clause.children) or not _told_actively(verb, clause):
        return []
    told_end = _end_of_the_one_told(verb, objects[0])
    if told_end is None:
        return []
    subject = range(told_end + 1, clause.left_edge.i)
    # "told Flint residents not to drink the water, which they had been assured was safe": words with a verb or a
    # comma are no subject, and a clause after them the parser hung on "told" is another verb's
    if any(verb.doc[i].pos_ in ("VERB", "AUX", "PART") or verb.doc[i].is_punct for i in subject):
        return []
    return list(subject)


def _subject_read_as_the_one_warned(verb: Token, clause: Token) -> list[int]:
    """ "Economists warned the tariffs could push up prices": a verb that need not name the one told (warned,
    promised, advised), with one object right before a clause that has no subject: the object is that subject."""
    if verb.lemma_.lower() in RECIPIENT_VERBS or any(c.dep_ in _ANY_SUBJECT for c in clause.children):
        return []
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative") and verb.i < c.i < clause.left_edge.i]
    if len(objects) != 1 or objects[0].right_edge.i != clause.left_edge.i - 1:
        return []
    first = objects[0].left_edge
    if first.lower_ == "that" and first.dep_ == "det":
        first = first.nbor()  # "promised that gas would flow": the parser read the mark as a determiner
    return list(range(first.i, clause.left_edge.i))


def _the_one_told_in_subject(verb: Token, clause: Token) -> list[int]:
    """ "told MPs prices would rise", "told a parliamentary committee costs had doubled": the parser read the one told
    as the first words of the clause's subject, and gave the verb no object: those words, to leave out."""
    if any(c.dep_ in ("dobj", "dative", "iobj") for c in verb.children) or not _told_actively(verb, clause):
        return []
    subject = next((c for c in clause.children if c.dep_ in _ANY_SUBJECT), None)
    if subject is None or subject.i < verb.i:
        return []
    told_end = _end_of_the_one_told(verb, subject)
    return list(range(verb.i + 1, told_end + 1)) if told_end is not None else []


def _told_actively(verb: Token, clause: Token) -> bool:
    """An active verb that must name the one told, with an unmarked clause after it ("were told prices would rise"
    names the one told as its subject; "tell if it works" asks)."""
    return (
        verb.lemma_.lower() in RECIPIENT_VERBS
        and clause.i > verb.i
        and not any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        and not any(c.dep_ == "mark" for c in clause.children)
    )


def _end_of_the_one_told(verb: Token, phrase: Token) -> int | None:
    """Where the one told ends in the noun phrase headed by ``phrase`` right after ``verb``, which also holds the
    clause's subject; None when the words do not say.

    The one told is the first complete noun phrase: up to a pronoun, a plural noun ("union leaders", "MPs"), a
    name before a common noun ("the BBC ministers") or a noun right before the head ("the committee costs"). Two
    names in a row ("Anna Berg Poland's army") or a name with "'s" may end either phrase, unless the first names
    a news outlet, which is told things and says nothing here ("Reuters Britain", "the BBC Ukraine's army").
    """
    doc = verb.doc
    if phrase.left_edge.i != verb.i + 1:
        return None
    i = verb.i + 1
    while i < phrase.i:
        token = doc[i]
        if token.tag_ == "PRP" or (token.pos_ in ("NOUN", "PROPN") and _plural(token)):
            return i
        if token.pos_ == "PROPN":
            while doc[i + 1].pos_ == "PROPN" and i + 1 < phrase.i:
                i += 1
            i = _end_of_a_kind_of_outlet(doc, i, phrase.i)  # "the Times newspaper": the outlet's name goes on
            if i + 1 >= len(doc):
                return None
            return i if doc[i + 1].pos_ in ("NOUN", "DET", "ADJ", "PROPN") else _end_of_a_news_outlet(verb, i)
        if token.pos_ == "NOUN" and i + 1 == phrase.i:
            return i
        if token.pos_ not in ("DET", "ADJ", "NUM", "NOUN"):
            return None
        i += 1  # an article, an adjective or a noun that modifies the next ("union leaders")
    return None


def _end_of_a_kind_of_outlet(doc: Doc, last: int, limit: int) -> int:
    """The last word, up to ``limit``, of the kinds of outlet that go on after the name ending at ``last`` ("told the
    Times newspaper Iran had …", "the Interfax news agency"): the source lexicon's media nouns."""
    while last + 1 <= limit:
        if last + 2 <= limit and in_lists(f"{doc[last + 1].lower_} {doc[last + 2].lower_}", "media_nouns"):
            last += 2
        elif in_lists(doc[last + 1].lower_, "media_nouns"):
            last += 1
        else:
            break
    return last


def _end_of_a_news_outlet(verb: Token, last: int) -> int | None:
    """The last word of the longest news outlet's name that opens the words from right after ``verb`` to ``last``
    ("told Reuters Britain", "told the Associated Press Germany"), or None."""
    doc = verb.doc
    return next((end for end in range(last, verb.i, -1) if names_a_news_outlet(doc[verb.i + 1 : end + 1].text)), None)


def _plural(noun: Token) -> bool:
    """ "leaders", "MPs" (which the tagger often reads as singular)."""
    return noun.tag_ in ("NNS", "NNPS") or (len(noun.text) > 2 and noun.text[-1] == "s" and noun.text[:-1].isupper())


def clausal_content(verb: Token, ctx: FinderContext) -> list[CharSpan]:
    """The complement clause of the verb, or the clause a parenthetical verb interrupts."""
    clauses = [c for c in verb.children if c.dep_ in CONTENT_CLAUSES and not _semicolon_between(c, verb) and not adverbial(c)]
    if not clauses:
        # "says only that X endanger …": a that-clause with its own subject, which the parser labelled xcomp.
        clauses = [c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i and _marked_by_that(c)]
    if not clauses and verb.dep_ == "relcl":
        # "tankers that the notice says have carried crude": a finite clause whose subject is the relative
        # pronoun, which the parser labelled xcomp; an infinitive ("says to expect") has only "to".
        clauses = [
            c
            for c in verb.children
            if c.dep_ == "xcomp" and c.i > verb.i and any(g.dep_ == "aux" and g.tag_ != "TO" for g in c.children)
        ]
    if not clauses:
        # "said after the meeting he would …": an unmarked clause with its own
        # subject, which the parser often labels advcl.
        clauses = [
            c
            for c in verb.children
            if c.dep_ == "advcl"
            and c.i > verb.i
            and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
            and not any(_opens_as_no_report(c, g, verb) for g in c.children if g.i < c.i)
        ]
    if not clauses:
        clauses = _that_clauses_on_adjuncts(verb, ctx) or _that_clause_on_the_one_told(verb)
    if not clauses and (rest := _marked_rest_of_sentence(verb, ctx)):
        return rest
    subject_after_platform: list[int] = []
    if not clauses and (found := _clause_after_a_platform(verb)) is not None:
        clauses, subject_after_platform = [found[0]], found[1]
    if clauses:
        # "Should X happen, critics worry that Y": the that-clause after the verb
        # is the content, not a conditional the parser also labelled ccomp.
        clause = min(clauses, key=lambda c: (not has_that_mark(c), c.i < verb.i, abs(c.i - verb.i)))
        indices = _without_trailing_reports(clause, ctx) + _subject_read_as_object(verb, clause, ctx) + subject_after_platform
        indices += _second_that_clause(verb, clause)
        left_out = set(_the_one_told_in_subject(verb, clause)) | set(_when_or_where_it_was_said(verb, clause))
        indices = [i for i in indices if i not in left_out]
        if clause.i > verb.i and _relative_subject_before(clause, verb, ctx):
            # "the firms that the report said had helped …": the pronoun is the reported clause's subject in
            # the parse, but it stands for the firms, before the reporting clause: the claim is "had helped …".
            indices = [i for i in indices if i > verb.i]
        # "said only that …": the adverb limits the saying, it is no part of what was said
        first = clause.left_edge.i
        if ctx.lowers[first] in _ONLY and first + 1 < len(ctx.lowers) and ctx.lowers[first + 1] == "that":
            indices = [i for i in indices if i != first]
        if clause.dep_ in ("relcl", "acl"):  # on an adjunct: its "that" may be parsed as the object, not a mark
            indices = [i for i in indices if not (i < clause.i and ctx.lowers[i] == "that" and ctx.doc[i].head.i == clause.i)]
        # 'told AFP that the swap would take place "within days".': the closing mark the parser hung on the verb
        indices = through_closing_mark(indices, ctx, over_a_comma=False)
        # "asked whether the figures were right": the question's "whether" is what was asked, not a mark
        asked = _asks(verb) and bool(indices) and ctx.lowers[min(indices)] in ("whether", "if")
        return index_spans(indices, ctx, drop_mark=not asked)
    return _clause_interrupted(verb, ctx)


def _clause_interrupted(verb: Token, ctx: FinderContext) -> list[CharSpan]:
    """The clause a parenthetical reporting verb interrupts or follows ("Some states, he said, were …", "…, he
    said"), the verb's own words left out; [] when the verb is no such aside."""
    head = verb.head
    if head.dep_ in ("aux", "auxpass") and verb.dep_ == "parataxis" and head.head is not head:
        head = head.head  # 'Some states, he said, were "dragging their feet"': hung on the clause's auxiliary
    if head is verb or head.pos_ not in ("VERB", "AUX"):
        return []
    if head.i > verb.i and any(t.text == ";" for t in verb.doc[verb.i : head.i]):
        return []  # "X 'votes' to join Y, officials say; Elsgard calls ballot a sham": the clause after is another's
    after = verb.dep_ == "ccomp" and verb.i > head.i and comma_between(head, verb)
    if verb.dep_ == "parataxis" or after or _aside_before(verb, head, ctx):
        inner = _aside_words(verb, head) | _reports_gone_on_to(verb, head, ctx)
        indices = [i for i in subtree_indices(head) if i not in inner]
        # "If that happens, the administration says, it will ask …": the condition keeps its "if"
        conditional = bool(indices) and ctx.doc[indices[0]].dep_ == "mark" and ctx.doc[indices[0]].head.dep_ == "advcl"
        return index_spans(indices, ctx, drop_mark=not conditional)
    return []


def _reports_gone_on_to(verb: Token, head: Token, ctx: FinderContext) -> set[int]:
    """ "Explosions were heard in Belgorod, the governor said, blaming a drone attack": the words of a participle of
    speech after the aside, which the parser hung on the clause reported; the speaker's next claim, of its own."""
    return {
        i
        for child in head.children
        if child.i > verb.i and ctx.doc[child.i - 1].text == "," and speech_participle(child, ctx)
        for i in subtree_indices(child)
    }


def _aside_before(verb: Token, head: Token, ctx: FinderContext) -> bool:
    """ "This time, the bank insists, it has the tools": a reporting clause set off by commas before the clause it
    reports, which the parser read as that clause's complement. Not when that clause reports itself ("…
    are worrying, Cuban said": the verb before the comma is the one reported)."""
    if verb.dep_ != "ccomp" or not verb.i + 1 < head.i or verb.doc[verb.i + 1].text != ",":
        return False
    if "clause" in ctx.lex.verb_frames.get(head.lemma_.lower(), ()):
        return False
    return any(c.dep_ in SUBJECTS and c.i < verb.i for c in verb.children) and any(
        c.dep_ in SUBJECTS and c.i > verb.i for c in head.children
    )


def _aside_words(verb: Token, head: Token) -> set[int]:
    """The words of a reporting aside: the verb's subtree; before the clause's verb, but for words before its subject
    and a comma, which the parser hung on it and open the clause reported ("Russia, the ministry insists, has no
    troops", "This time, the bank insists, it has …")."""
    words = set(subtree_indices(verb))
    subject = next((c for c in verb.children if c.dep_ in SUBJECTS and c.i < verb.i), None)
    if verb.i > head.i or subject is None or subject.left_edge.i == 0 or verb.doc[subject.left_edge.i - 1].text != ",":
        return words
    return {i for i in words if i >= subject.left_edge.i - 1}


# Verbs that ask without putting the question to anyone ("wondered if …"), besides the source lexicon's verbs of
# questioning someone ("asked whether …").
_WONDERING = frozenset({"wonder", "inquire", "enquire", "query"})


def _asks(verb: Token) -> bool:
    """A verb whose clause is a question."""
    lemma = verb.lemma_.lower()
    return lemma in _WONDERING or in_lists(lemma, "question_verbs")


# Where a post is written: "wrote on Telegram", "said on X".
_PLATFORMS = frozenset(
    {"telegram", "x", "twitter", "facebook", "instagram", "youtube", "tiktok", "threads", "bluesky", "vkontakte", "weibo"}
)


def _clause_after_a_platform(verb: Token) -> tuple[Token, list[int]] | None:
    """ "wrote on Telegram Russia was escalating", "wrote on Facebook Russian drones had hit a school": the parser read
    the platform as a modifier of the clause's subject, that subject as the object of "on", and what was written as
    an adverbial clause without a subject. That clause, and the subject's words after the platform, to put back."""
    doc = verb.doc
    for prep in verb.children:
        noun = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if prep.lower_ != "on" or prep.i < verb.i or noun is None or noun.i < prep.i + 2:
            continue
        platform = doc[prep.i + 1]
        if platform.lower_ not in _PLATFORMS or platform.head.i != noun.i:
            continue
        for clause in verb.children:
            if (
                clause.dep_ in ("advcl", "ccomp")
                and clause.left_edge.i == noun.right_edge.i + 1
                and not any(c.dep_ in _ANY_SUBJECT or c.dep_ == "mark" for c in clause.children)
            ):
                return clause, list(range(prep.i + 2, clause.left_edge.i))
    return None


# Words that say when something was said, alone before the clause said ("said Monday the bridge would reopen",
# "said late Friday 11,000 had left"), besides the days and times the entity recogniser finds.
_WHEN_SAID = frozenset({"today", "yesterday", "tonight", "earlier", "later", "late", "now", "previously", "again"})
# Verbs of thinking and foreseeing, whose clause's time is the thought's: "I feel like in some years, an idiot will
# ...", "I think at the end of the day, that's going to prevail", "analysts expect next year growth will slow".
_THINKING_VERBS = frozenset(
    {
        "think", "believe", "feel", "expect", "hope", "fear", "suspect", "guess", "reckon", "assume", "suppose",
        "imagine", "worry", "doubt", "know", "understand", "bet", "figure", "predict", "anticipate", "forecast",
        "estimate", "project", "calculate", "wonder", "trust", "sense", "see",
    }
)  # fmt: skip
# Where or at what something was said, after one of _SETTINGS: "said in an interview", "told reporters at a briefing"
# (besides what it was said in, _SAID_IN: "in a statement").
_OCCASIONS = frozenset(
    {
        "interview", "briefing", "conference", "visit", "meeting", "speech", "address", "post", "call", "hearing",
        "session", "summit", "rally", "ceremony", "event", "appearance", "broadcast", "podcast", "letter", "video",
        "talks", "forum", "debate",
    }
)  # fmt: skip


def _when_or_where_it_was_said(verb: Token, clause: Token) -> list[int]:
    """ "said on Tuesday Russia had fired 30 missiles", "said Monday the bridge would reopen", "told Reuters in an
    interview prices would rise": an unmarked clause after the verb whose first words say when or where it was
    said, which the parser hung on the clause rather than on the verb: those words, to leave out. Only up to
    the clause's subject, and of a time only the words the entity recogniser gives it ("on Friday 11,000
    residents", the figure read as the day's, keeps "11,000")."""
    if clause.i < verb.i or has_that_mark(clause) or verb.lemma_.lower() in _THINKING_VERBS:
        return []
    subject = next((c for c in clause.children if c.dep_ in _ANY_SUBJECT and c.i < clause.i), None)
    if subject is None:
        return []
    doc, i = verb.doc, clause.left_edge.i
    cut: list[int] = []
    while i < subject.left_edge.i:
        modifier = doc[i]
        while modifier.head.i != clause.i and modifier.head is not modifier:
            modifier = modifier.head
        end = _end_of_a_setting(modifier) if modifier.left_edge.i == i else None
        if end is None or not i <= end < subject.left_edge.i:
            break
        cut.extend(range(i, end + 1))
        i = end + 1
        while i < subject.left_edge.i and doc[i].is_punct:
            i += 1
    return cut


def _opens_as_no_report(clause: Token, child: Token, verb: Token) -> bool:
    """A mark ("as", "so") or an adverb other than a time before the clause's verb: a clause of when, why or how."""
    return child.dep_ == "mark" or (child.dep_ == "advmod" and not _opens_with_a_time(clause, child, verb))


def _opens_with_a_time(clause: Token, adverb: Token, verb: Token) -> bool:
    """ "wrote on Telegram overnight two people had been killed": a clause right after the verb and its setting (no
    punctuation between), opened by an adverb of time ("overnight", "earlier", "late Sunday"), as a clause of why
    or how ("so the children could sleep") is not."""
    says_when = adverb.lower_ in _WHEN_SAID or adverb.lower_ == "overnight" or adverb.ent_type_ in ("DATE", "TIME")
    first = clause.left_edge.i
    return says_when and adverb.i == first and not any(t.is_punct for t in verb.doc[verb.i + 1 : first])


def _end_of_a_setting(modifier: Token) -> int | None:
    """Where a modifier of a clause that says when or where it was said ends, or None if it does not say so."""
    if modifier.dep_ in ("npadvmod", "advmod") and modifier.i == modifier.left_edge.i:
        return _end_of_a_time(modifier) if modifier.lower_ not in _WHEN_SAID else modifier.right_edge.i
    if modifier.dep_ != "prep" or modifier.lower_ not in _SETTINGS or modifier.i != modifier.left_edge.i:
        return None
    noun = next((c for c in modifier.children if c.dep_ == "pobj"), None)
    if noun is None:
        return None
    if noun.lemma_.lower() in _OCCASIONS or noun.lemma_.lower() in _SAID_IN:
        return modifier.right_edge.i
    return _end_of_a_time(noun)


def _end_of_a_time(token: Token) -> int | None:
    """The last word of the day or time (an entity the recogniser labels DATE or TIME) that ``token`` is in, short of
    a count the recogniser took for part of it ("on Friday 11,000 residents", "Monday 12 people": a DATE)."""
    if token.ent_type_ not in ("DATE", "TIME"):
        return None
    doc, end = token.doc, token.i
    while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I" and not _counts_something(doc[end + 1]):
        end += 1
    return end


def _counts_something(token: Token) -> bool:
    """A number that is no day of a month nor a year ("11,000"), or one before what it counts ("12 people")."""
    if not token.like_num:
        return False
    digits = token.text.replace(",", "")
    if not digits.isdigit() or "," in token.text:
        return True
    value = int(digits)
    if 1900 <= value <= 2100:
        return False  # "March 3, 2026"
    if value > 31:
        return True
    return token.i + 1 < len(token.doc) and token.nbor().tag_ == "NNS"


# Words that open a clause of when, why or how, which the parser may still label a complement ("…, the agency
# said on Tuesday, as fighting entered its fourth month"): never what was said.
_ADVERBIAL_MARKS = frozenset(
    {"as", "because", "while", "when", "whereas", "although", "though", "after", "before", "since", "until", "once", "unless"}
)


def adverbial(clause: Token) -> bool:
    """Whether the clause opens with one of :data:`_ADVERBIAL_MARKS` (the parser may hang the mark on the clause's
    subject: "as fighting … entered")."""
    first = clause.doc[clause.left_edge.i]
    if first.dep_ != "mark" or first.lower_ not in _ADVERBIAL_MARKS:
        return False
    # Its own mark, not one of a clause inside it ("said as prices rose, wages fell": "wages fell" was said).
    return first.head.i == clause.i or (first.head.dep_ in SUBJECTS and first.head.head.i == clause.i)


# Adverbs before a that-clause that limit the report ("said only that", "said simply that").
_ONLY = frozenset({"only", "simply", "merely", "just"})


def _relative_subject_before(clause: Token, verb: Token, ctx: FinderContext) -> bool:
    first = clause.left_edge.i
    return first < verb.i and ctx.tags[first] in ("WDT", "WP") and ctx.doc[first].head.i == clause.i


def _that_clauses_on_adjuncts(verb: Token, ctx: FinderContext) -> list[Token]:
    """ "told reporters after the hearing that he believed …", "said in a statement on Tuesday that …": a
    that-clause with its own subject that the parser hung on the noun of an adjunct after the verb.

    A relative clause with its own subject would be one whose object "that"
    is ("after the meeting that ministers attended"), and the parser reads
    either clause so; but the verb has no complement of its own, and reporters
    rarely write that relative clause after one. A noun that takes a content
    clause of its own keeps it ("amid concerns that …"), unless it is what
    the verb said it in ("in a statement that …").
    """
    found = []
    nouns = [g for prep in verb.children if _is_setting(prep) and prep.i > verb.i for g in prep.children if g.dep_ == "pobj"]
    while nouns:
        noun = nouns.pop()
        if noun.lemma_.lower() in ctx.lex.noun_frames and not said_in(noun):
            continue
        for child in noun.children:
            if _is_setting(child) or child.dep_ == "prep" and child.lower_ == "of":
                nouns.extend(g for g in child.children if g.dep_ == "pobj")
            elif child.dep_ in ("relcl", "acl") and child.i > noun.i and _marked_by_that(child):
                found.append(child)
            elif child.dep_ == "relcl" and child.i > noun.i and said_in(noun) and _says_what_was_said(child):
                found.append(child)  # "said in a statement Russian troops had withdrawn": no "that", no relative
            elif child.dep_ == "prep" and child.i > noun.i and noun.lemma_.lower() in _OCCASIONS:
                found.extend(_clause_after_an_occasion(child, ctx))
            elif child.dep_ == "acl" and child.tag_ == "VBN" and child.i > noun.i:
                # "argued in a memo released late Tuesday that …": the clause hung on the memo's participle
                found.extend(g for g in child.children if g.dep_ == "ccomp" and g.i > child.i and _marked_by_that(g))
    return found


def _clause_after_an_occasion(prep: Token, ctx: FinderContext) -> list[Token]:
    """ "said during a visit to the front the army would hold": a clause with its own subject and no relative word
    that the parser hung on the place of an occasion the verb was said at, as a relative clause ("the front [that]
    the army would hold"), ending the sentence. The verb has no other content, and after a quotation it would
    have one ("'We will hold,' he said during a visit to the town the army had freed"): not then."""
    sentence = prep.sent
    if any(ctx.doc[i].is_quote for i in range(sentence.start, sentence.end)):
        return []
    place = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if place is None:
        return []
    return [
        c
        for c in place.children
        if c.dep_ == "relcl"
        and c.i > place.i
        and _says_what_was_said(c)
        and all(t.is_punct for t in ctx.doc[c.right_edge.i + 1 : sentence.end])
    ]


# How the verb's own words between it and its "that" hang on it: where and when it was said ("said in a statement
# on Sunday that …").
_ADJUNCTS = frozenset({"prep", "npadvmod", "advmod"})


def _marked_rest_of_sentence(verb: Token, ctx: FinderContext) -> list[CharSpan]:
    """'The military said in a statement that the depot stored rockets "intended for attacks"': the tagger read
    "stored" as an adjective, and the parser hung "that" on the verb (or on the noun it made its object) with no
    clause under it. The words after that "that" to the sentence's end are what was said."""
    doc = verb.doc
    _, end = ctx.sent_of[verb.i]
    between: set[int] = set()
    for child in verb.children:
        if child.dep_ in _ADJUNCTS and child.i > verb.i:
            between.update(subtree_indices(child))
    that = next((i for i in range(verb.i + 1, min(end, verb.i + 15)) if i not in between), None)
    if that is None or ctx.lowers[that] != "that" or doc[that].dep_ != "mark":
        return []
    head = doc[that].head
    if head.i != verb.i and not (head.dep_ in ("dobj", "nsubj") and head.head.i in (verb.i, that)):
        return []  # a clause of its own, which the frames read
    last = end - 1
    while last > that and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    indices = through_closing_mark(list(range(that + 1, last + 1)), ctx, over_a_comma=False)
    return index_spans(indices, ctx)


def _that_clause_on_the_one_told(verb: Token) -> list[Token]:
    """ "reminded the candidates that both campaigns had agreed to rules": the that-clause of a verb of telling,
    which the parser hung on its object as a relative clause ("the candidates that both campaigns had agreed
    to"). One told is a person or a group, rarely one that a relative clause with its own subject picks out."""
    if verb.lemma_.lower() not in TELLING_VERBS:
        return []
    told = [c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i > verb.i]
    return [c for noun in told for c in noun.children if c.dep_ == "relcl" and c.i > noun.i and _marked_by_that(c)]


# Prepositions of when, where and how something was said ("after the hearing", "in a statement", "on Tuesday",
# "assessed with moderate confidence that …").
_SETTINGS = frozenset({"after", "at", "before", "during", "following", "in", "inside", "near", "on", "outside", "with"})


def _is_setting(prep: Token) -> bool:
    return prep.dep_ == "prep" and prep.lower_ in _SETTINGS


# What a report is made in: "said in a statement that …" is the verb's clause, not the statement's alone.
_SAID_IN = frozenset({"statement", "message", "comment", "remark", "testimony", "announcement", "declaration"})


def said_in(noun: Token) -> bool:
    """The noun a verb says it was said in ("said in a statement that …")."""
    return noun.lemma_.lower() in _SAID_IN and noun.head.lower_ == "in" and noun.head.head.pos_ in ("VERB", "AUX")


# Verbs whose object a statement is: "in a statement the ministry issued", "in the message he posted on Tuesday".
_MAKING_A_STATEMENT = frozenset(
    {"issue", "release", "publish", "post", "send", "make", "give", "read", "deliver", "share", "write", "sign", "put"}
)


def _says_what_was_said(clause: Token) -> bool:
    """Whether a clause the parser hung on what was said in ("said in a statement Russian troops had withdrawn") is
    what was said: it has a subject of its own, no relative word, and its verb is not one a statement is the
    object of ("a statement the ministry issued on Tuesday")."""
    children = list(clause.children)
    relative = any(c.tag_ in ("WDT", "WP", "WRB") or c.lower_ == "that" for c in children)
    if relative or clause.lemma_.lower() in _MAKING_A_STATEMENT:
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.i < clause.i for c in children)


def _marked_by_that(clause: Token) -> bool:
    children = list(clause.children)
    return any(c.dep_ in ("mark", "dobj") and c.lower_ == "that" and c.i < clause.i for c in children) and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ != "that" for c in children
    )


def _semicolon_between(clause: Token, verb: Token) -> bool:
    """ "Kyiv says it held; Moscow claims gains": a clause before a semicolon is not the later verb's, nor one after
    it the earlier verb's ("Kyiv held the line, officials say; Moscow claims gains")."""
    # Before the verb, from the clause's own verb on: the parser may hang the semicolon on the clause it ends
    # ("Clinton camp says review is routine; Trump calls it proof").
    between = verb.doc[verb.i + 1 : clause.left_edge.i] if clause.i > verb.i else verb.doc[clause.i + 1 : verb.i]
    return any(t.text == ";" for t in between)


def _without_trailing_reports(clause: Token, ctx: FinderContext) -> list[int]:
    """The clause's token indices minus a reporting participle the parser hung inside it.

    In "X said Y, adding that Z" the parser often attaches "adding" under Y;
    Z is then the second attribution's content, not part of the first.
    """
    cut: set[int] = set()
    for token in subtree(clause):
        if token.is_ancestor(clause):
            # "…, which it says fund the war": the relative pronoun opens the clause's words before the reporting
            # verb, which is no report inside them
            continue
        if misattached_report(token, ctx) is not None or _reporters_non_answer(token):
            cut.update(subtree_indices(token))  # "said five died and urged calm"
            cut.update(c.i for c in token.head.children if c.dep_ == "cc" and c.i < token.i)
            continue
        if (
            token is clause
            or token.dep_ not in ("advcl", "conj", "xcomp")
            or token.lemma_.lower() not in ctx.lex.verb_frames
            or not comma_between(token.head, token)
        ):
            continue
        if token.tag_ == "VBG" or any(c.dep_ in SUBJECTS for c in token.children):
            # "…, adding that Z" or "…, though she noted Z": a second report, with its own content
            cut.update(subtree_indices(token))
    return [i for i in subtree_indices(clause) if i not in cut]


def _reporters_non_answer(verb: Token) -> bool:
    """ "The governor said the fire was under control but did not say how many had left", "… and did not comment on
    casualties": a non-answer with no subject of its own that the parser hung on the reported clause. It is the
    reporter's (see actions.is_non_answer), not part of what the governor said."""
    return verb.dep_ == "conj" and not any(c.dep_ in SUBJECTS for c in verb.children) and is_non_answer(verb)


def as_content(verb: Token, ctx: FinderContext) -> list[CharSpan]:
    """ "As the memo put it, X" or "X, as experts have pointed out": the clause the as-clause modifies."""
    if verb.dep_ != "advcl" or verb.head is verb or verb.head.pos_ not in ("VERB", "AUX"):
        return []
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return []
    if any(c.dep_ in CONTENT_CLAUSES or (c.dep_ == "prep" and c.lower_ in TOPIC_PREPS) for c in verb.children):
        return []  # "as he said that …", "as Kyiv warns of escalation" have content of their own
    objects = [c.lower_ for c in verb.children if c.dep_ == "dobj"]
    if objects != (["it"] if verb.lemma_.lower() == "put" else []):
        return []  # "as she put the phone down", "as she called her lawyer"
    inner = set(subtree_indices(verb))
    return index_spans((i for i in subtree_indices(verb.head) if i not in inner), ctx, drop_mark=True)


def inverted_content(verb: Token, frame_start: int, ctx: FinderContext) -> list[CharSpan]:
    """ "X is an insult, lawmakers said.": the sentence part before the comma, when the parse lost it.

    Used when the reporting clause follows a comma and the parser gave the
    verb no complement. A dateline ("WASHINGTON ― ") is cut.
    """
    if verb.dep_ == "relcl":
        return []  # '“…,” said one soldier, who gave only his first name': the relative clause reports nothing
    if verb.dep_ == "advcl" and verb.head.i > verb.i:
        return []  # "Officials, speaking on condition of anonymity, said …": a participle before the main verb
    if verb.dep_ == "advcl" and verb.tag_ == "VBG":
        return []  # "…, according to two aides, raising the prospect of a shutdown": what the main clause brings
    sent = ctx.sentence(verb)
    text = ctx.text
    i = frame_start - 1
    while i > sent.start_char and text[i].isspace():
        i -= 1
    if i <= sent.start_char or text[i] != ",":
        return []
    start = sent.start_char
    dateline = DATELINE.match(text, start, i)
    if dateline:
        start = dateline.end()
    if len(text[start : min(i, start + 60)].split()) < 3:
        return []
    return clean_spans([(start, i)], text)


def infinitive(verb: Token) -> Token | None:
    """The to-infinitive complement of ``verb`` ("believed [to be drawn]"), if any."""
    for child in verb.children:
        if child.dep_ == "xcomp" and any(g.dep_ in ("aux", "auxpass") and g.lower_ == "to" for g in child.children):
            return child
    return None


def infinitive_content(verb: Token, ctx: FinderContext) -> list[CharSpan]:
    """ "vowed to fight", "urged Congress to act": the infinitive (with its subject object)."""
    target = infinitive(verb)
    if target is None:
        return []
    indices = list(subtree_indices(target))
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.i < target.i]
    if objects:
        indices = list(subtree_indices(objects[0])) + indices
    return index_spans(indices, ctx)


def object_content(verb: Token, ctx: FinderContext) -> list[CharSpan]:
    """ "denied the allegations", "called him a liar": the object and its predicate."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects:
        # "denied targeting civilians": a gerund complement plays the object
        # ("reported being placed in a cell": a passive gerund, whose first word is the -ing form)
        objects = [c for c in verb.children if c.dep_ in ("xcomp", "pcomp") and _is_gerund(c) and c.i > verb.i]
    if not objects:
        objects = _object_inside_predicate(verb)
    if not objects:
        return []
    obj = objects[0]
    preps = _PREDICATE_PREPS | VERB_PREDICATE_PREPS.get(verb.lemma_.lower(), set())
    predicates = [
        c
        for c in verb.children
        if c.i > obj.i and (c.dep_ in ("oprd", "xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ in preps))
    ]
    predicates.extend(_misparsed_noun(obj, verb))
    predicates.extend(_when_and_if_foreseen(verb, obj))
    if obj.lower_ in _OBJECT_STOPWORDS and not any(c.dep_ == "oprd" for c in predicates):
        return []  # "denied it" says nothing; "called it a fabrication" does
    indices = list(subtree_indices(obj))
    for child in predicates:
        indices.extend(subtree_indices(child))  # "described it as a failure", "accused Kyiv of shelling"
    return index_spans(through_closing_mark(indices, ctx), ctx)


# Verbs whose object is a thing foreseen: when and on what condition are part of the claim.
_FORESEEING = frozenset({"expect", "predict", "forecast", "anticipate", "foresee", "project"})
_FORECAST_TIME_PREPS = frozenset({"in", "by", "within", "before", "after", "until", "from", "next", "this"})


def _when_and_if_foreseen(verb: Token, obj: Token) -> list[Token]:
    """ "expects a recession next year if oil falls below $60", "predicted a rebound in 2026": the time and the
    condition of a forecast, which the parser hung on the verb, are part of what is forecast (a recession in 2027
    is another claim than one in 2026)."""
    if verb.lemma_.lower() not in _FORESEEING:
        return []
    return [child for child in verb.children if child.i > obj.i and (_dated(child) or _condition(child))]


def _dated(child: Token) -> bool:
    """ "next year", "in 2026", "by the end of March": a time the verb's words are about."""
    dated = child.ent_type_ in ("DATE", "TIME") or any(g.ent_type_ in ("DATE", "TIME") for g in child.children)
    return dated and (child.dep_ == "npadvmod" or (child.dep_ == "prep" and child.lower_ in _FORECAST_TIME_PREPS))


def _condition(child: Token) -> bool:
    return child.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in child.children)


def _object_inside_predicate(verb: Token) -> list[Token]:
    """ "called the campaign's figures "fantasy"": the parser made the object a modifier of the predicate noun, which it
    hangs on the verb; the predicate's phrase, from right after the verb, holds both."""
    return [
        c
        for c in verb.children
        if c.dep_ == "oprd"
        and c.left_edge.i == verb.i + 1
        and (any(g.dep_ == "nmod" and g.i < c.i for g in c.children) or _quote_opens_inside(c))
    ]


def _quote_opens_inside(phrase: Token) -> bool:
    """ "the hand-wringing "Beltway bed-wetting"": a quotation opens inside the phrase, after its first word, where
    the parser read the object and the quoted predicate as one noun phrase; calling someone names is no predicate."""
    if any(t.lemma_.lower() == "name" for t in phrase.subtree):
        return False  # "called military veterans “bad names”": an insult, not a predicate
    return any(t.is_quote and t.i > phrase.left_edge.i + 1 for t in phrase.subtree)


def _misparsed_noun(obj: Token, verb: Token) -> list[Token]:
    """The rest of an object noun phrase that the parser cut off as a gerund clause: in "blamed Ukrainian
    shelling for the fire" it takes "Ukrainian" for the object and "shelling for the fire" for a clause of the
    verb. A bare name or adjective object followed at once by such a clause is read as one phrase with it."""
    if obj.tag_ not in _MODIFIER_TAGS or obj.n_lefts or obj.n_rights:
        return []
    return [c for c in verb.children if c.dep_ == "advcl" and c.tag_ == "VBG" and c.i == obj.i + 1]


def _is_gerund(clause: Token) -> bool:
    return "VBG" in (clause.tag_, clause.left_edge.tag_)


def passive_content(verb: Token, ctx: FinderContext) -> list[CharSpan]:
    """ "X was endorsed by Y": the passive subject X is what Y's act is about."""
    if not any(c.dep_ == "agent" for c in verb.children):
        return []
    subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
    return index_spans(subtree_indices(subjects[0]), ctx) if subjects else []


def prep_object(verb: Token) -> Token | None:
    """The first preposition after the verb that has an object ("spoke about", "called for cuts", "called for cutting")."""
    for child in verb.children:
        if child.i > verb.i and child.dep_ == "prep" and any(g.dep_ in PREP_OBJECTS for g in child.children):
            return child
    return None


def colon_content(frame_end: int, ctx: FinderContext) -> list[CharSpan]:
    """ "X said: …" — the text after the colon, to the end of its sentence or paragraph."""
    text = ctx.text
    i = frame_end
    while i < len(text) and text[i] in " \t":
        i += 1
    if i >= len(text) or text[i] != ":":
        return []
    start = i + 1
    while start < len(text) and text[start].isspace():
        start += 1
    bullet = _BULLET.match(text, start)
    if bullet is None:
        stop = text.find("\n", start)
        return clean_spans([(start, len(text) if stop < 0 else stop)], text)
    # "ISW said:" and a list, one item a line: each item (without its bullet) is a span of the content.
    spans = []
    while bullet is not None:
        stop = text.find("\n", bullet.end())
        stop = len(text) if stop < 0 else stop
        spans.append((bullet.end(), stop))
        bullet = _BULLET.match(text, stop + 1)
    return clean_spans(spans, text)


# A list item's bullet at the start of a line: "• ", "- ", "* ", "– ", "· ", "▪ ".
_BULLET = re.compile(r"[•\-*–·▪][ \t]+")
