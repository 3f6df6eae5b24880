"""Who speaks: the subject of a cue verb, and where the parse lost it, the speaker read off the words.

Several rules here repair parses the small English pipeline gets wrong near
reporting clauses; each docstring names the sentence shape it repairs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .context import DATA_NOUNS, SUBJECTS, FinderContext, only_punctuation, speech_participle, without_auxiliary_participle
from .shaping import phrase_span
from .sources.lexicon import in_lists, names_a_source
from .spans import CharSpan

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

# Links along which a cue verb inherits its head's subject ("..., adding that",
# "she paused and said", "appeared to suggest").
_INHERIT_DEPS = {"conj", "xcomp", "advcl", "pcomp", "prep"}
_SHARE_WORDS = {"percent", "%", "third", "half", "quarter", "majority", "minority", "fifth", "tenth"}
# Adverbs that open a sentence before its verb ("Later said", "Still, …"): not a name the tagger misread.
# fmt: off
_SENTENCE_ADVERBS = frozenset({
    "again", "also", "already", "always", "anyway", "besides", "even", "ever", "here", "however", "indeed",
    "instead", "just", "later", "earlier", "meanwhile", "moreover", "never", "nevertheless", "nonetheless", "now",
    "often", "once", "only", "otherwise", "perhaps", "maybe", "rather", "so", "soon", "sometimes", "still", "then",
    "there", "thus", "hence", "today", "tomorrow", "yesterday", "tonight", "too", "yet", "together", "elsewhere",
    "afterwards", "overall", "abroad", "almost", "not", "very", "well", "back", "further", "furthermore", "first",
    "second", "third", "finally", "next", "last", "home", "away", "forward",
})
# fmt: on
# Participles that put a question to the main clause's subject ("Asked whether …, she said").
QUESTION_VERBS = {"ask", "question"}
# How the parser hangs the report on a question put before it, when it makes the question the main verb.
_REPORT_DEPS = {"dep", "conj", "ccomp", "parataxis"}


# Verbs whose passive subject holds the belief of the clause after them.
_CONVINCING_VERBS = frozenset({"convince", "persuade"})


def subject(verb: Token, ctx: FinderContext) -> Token | None:
    """The verb's subject, or the agent of a passive, inherited along conj/xcomp/advcl links.

    A subject inside quotation marks is a parse error (the quoted clause's own
    subject attached to "said"), so it is skipped.
    """
    holder = _convinced_one(verb, ctx) if _convinced(verb) else None
    if holder is not None:
        return holder
    according = _source_before_participle(verb) or _speaker_of_aside_before_participle(verb, ctx)
    if according is not None:
        return according
    current = misattached_report(verb, ctx) or _reporter_of_trailing_participle(verb) or verb
    trailing = _trailing_conjunct_speaker(verb, ctx)
    if trailing is not None:
        return trailing
    for _ in range(4):  # bounded climb
        found = _own_subject(current, ctx)
        if found is not None:
            return found
        passive = next((c for c in current.children if c.dep_ == "nsubjpass"), None)
        if passive is not None:
            # "was told that": the speaker is not named; "the man is heard saying": the man speaks
            return passive if heard_saying(verb) and verb.head.i == current.i else None
        if current is verb and any(c.dep_ == "auxpass" for c in verb.children):
            return None  # "she raised concerns and was told the matter was closed": the subject it shares was told
        if current.dep_ == "acl" and current.head.pos_ in ("NOUN", "PROPN"):
            return current.head  # "a statement saying ...", "officials quoted as saying"
        quoted = quoted_person(current)
        if quoted is not None:
            return quoted  # "the statement quoted X as saying", "X was quoted as saying"
        if current.dep_ == "prep" and current.lower_ != "by":
            return None  # only "began by saying" passes a subject through a preposition
        if current is verb and _is_tense_clash(verb):
            return None  # "reported 1,340 casualties, figures that …": a noun the tagger read as a verb
        if (
            current.dep_ in _INHERIT_DEPS or current.dep_ == "acomp" and current is not verb or after_participle_root(current)
        ) and current.head is not current:
            current = current.head  # "she was quick to deny": through the adjective to its subject
            continue
        questioned = _questioned(current)
        if questioned is not None:
            return questioned
        # The verb's or the one it inherits from ("X, Y, rejected …, calling them …").
        return _subject_by_position(current, ctx)
    return None


def _trailing_conjunct_speaker(verb: Token, ctx: FinderContext) -> Token | None:
    """ "Two workers were killed and three cranes were destroyed …, the Ministry of Foreign Affairs said": the
    parser joined "said" to the claim's verb as a conjunct, with the speaker hung inside the claim. Unless an "and"
    with no comma near it joins the two ("… and Mayor Kovac said"), the verb does not share the claim's subject:
    the name right before it, after a comma, speaks. A quotation before the verb is left to the quotation rules."""
    if verb.dep_ != "conj" or verb.head.i > verb.i or any(c.dep_ in SUBJECTS for c in verb.children):
        return None
    doc = verb.doc
    if any(doc[i].dep_ == "cc" and doc[i].head.i == verb.head.i for i in range(verb.head.i + 1, verb.i)) and not any(
        doc[i].text == "," for i in range(max(verb.i - 12, verb.head.i + 1), verb.i)
    ):
        return None
    found = _subject_by_position(verb, ctx)
    if found is None:
        return None
    if any(ctx.in_quote[i] >= 0 for i in range(verb.head.i + 1, verb.i)):
        # a quotation before the verb: its speaker is found by the quotation's rules, unless the parser made the
        # verb a conjunct of the quotation's own verb ("“We were wrong,” Ramos, 58, told AFP")
        return found if ctx.in_quote[verb.head.i] >= 0 and _named_after_quote(found, verb, ctx) else None
    return found if any(doc[i].text == "," for i in range(verb.head.i + 1, found.i)) else None


def _named_after_quote(found: Token, verb: Token, ctx: FinderContext) -> bool:
    """Whether ``found``'s phrase follows the quotation's closing mark directly and runs, outside its marks, to the
    verb ("“…,” Ramos, 58, told"); other words between them are the quotation rules' to read."""
    doc, first = verb.doc, found.left_edge.i
    if any(ctx.in_quote[i] >= 0 for i in range(first, verb.i)):
        return False
    quoted = max((i for i in range(verb.head.i, first) if ctx.in_quote[i] >= 0), default=None)
    return quoted is not None and all(doc[i].is_punct or doc[i].is_space for i in range(quoted + 1, first))


def _convinced(verb: Token) -> bool:
    """ "is convinced that …", "was persuaded that …": the one convinced holds the belief the clause states."""
    return verb.lemma_.lower() in _CONVINCING_VERBS and any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children)


def _convinced_one(verb: Token, ctx: FinderContext) -> Token | None:
    """Who is convinced: the passive subject, which the parser sometimes hangs on the auxiliary ("Zlatka, 34, who runs
    the last shop, is convinced that …")."""
    if verb.dep_ == "acomp" and verb.head.lemma_ == "be":
        holders = [c for c in verb.head.children if c.dep_ == "nsubj"]  # "is convinced" read as "is" + adjective
    elif any(c.dep_ == "auxpass" for c in verb.children):
        holders = [c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj")]
        holders += [g for a in verb.children if a.dep_ == "auxpass" for g in a.children if g.dep_ in ("nsubjpass", "nsubj")]
    else:
        return None  # "came away convinced that …": the subject of the verb it depends on, found as for any other
    return next((h for h in holders if h.i < verb.i and ctx.in_quote[h.i] < 0), None)


def report_after_question(verb: Token) -> Token | None:
    """For "asked" in "Navarro, asked whether …, said …", the report "said"; None when ``verb`` is no such question.

    The participle set off by commas after the subject is read by the parser
    as the subject's own verb, with the report as its head or its dependant:
    she was asked, and she said.
    """
    if verb.lemma_.lower() not in QUESTION_VERBS or verb.tag_ not in ("VBD", "VBN"):
        return None
    doc = verb.doc
    asked = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if asked is None or asked.i > verb.i or doc[verb.i - 1].text != ",":
        return None
    if any(not t.is_punct for t in doc[asked.right_edge.i + 1 : verb.i]):
        return None
    reports = [verb.head] if verb.head.i > verb.i else []
    reports += [c for c in verb.children if c.i > verb.i and c.dep_ in _REPORT_DEPS and doc[c.i - 1].text == ","]
    return next((r for r in reports if r.pos_ in ("VERB", "AUX") and not any(c.dep_ in SUBJECTS for c in r.children)), None)


def _questioned(verb: Token) -> Token | None:
    """The subject a report shares with the question put to it before ("Navarro, asked …, said")."""
    near = [verb.head] if verb.head.i < verb.i else []
    near += [c for c in verb.children if c.i < verb.i]
    asked = next((q for q in near if (report := report_after_question(q)) is not None and report.i == verb.i), None)
    return None if asked is None else next(c for c in asked.children if c.dep_ == "nsubj")


def heard_saying(verb: Token) -> bool:
    """ "The man is heard saying", "she was filmed shouting": a participle under a passive, whose subject speaks."""
    return verb.tag_ == "VBG" and verb.dep_ == "xcomp" and any(c.dep_ == "nsubjpass" for c in verb.head.children)


def quoted_person(prep: Token) -> Token | None:
    """For the "as" of "quoted X as saying", X: the object of "quoted", or its passive subject."""
    if prep.dep_ != "prep" or prep.lower_ != "as" or prep.head.lemma_.lower() != "quote":
        return None
    return next((c for c in prep.head.children if c.dep_ in ("dobj", "nsubjpass")), None)


def after_participle_root(verb: Token) -> bool:
    """ "Durbin, noting the size of the crowd, said …" parsed with "noting" as the root and "said" hung on it: the
    participle's subject is the speaker's. Not a progressive's "-ing" ("Crews are still working in the east, it
    said, …"): a verb with its auxiliary, the claim the parenthetical "it said" interrupts."""
    head = verb.head
    if verb.dep_ != "parataxis" or head.tag_ != "VBG" or head.dep_ != "ROOT" or head.i > verb.i:
        return False
    return not any(child.dep_ == "aux" and child.lemma_.lower() == "be" for child in head.children)


def _own_subject(verb: Token, ctx: FinderContext) -> Token | None:
    """A subject child outside quotation marks, else the object of an agent ("by X")."""
    subjects = [
        c
        for c in verb.children
        if c.dep_ in SUBJECTS
        and ctx.in_quote[c.i] < 0
        and not _question_put_first(c)
        and not _clause_subject_on_verb(verb, c, ctx)
    ]
    if subjects:
        # "On Tuesday, the anniversary of the flood, the governor noted …" parses with two
        # subjects: the one nearest the verb is the speaker, the other a temporal appositive.
        before = [c for c in subjects if c.i < verb.i]
        if len(before) > 1:
            return before[-1]
        inverted = _inverted_subject(verb, subjects, ctx)
        return inverted if inverted is not None else subjects[0]
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return objects[0]
    return _subject_read_as_compound(verb)


def _question_put_first(subject: Token) -> bool:
    """ "Asked whether the state would appeal, the spokeswoman said …": the question the parser made a clausal
    subject; the one asked speaks, named after it."""
    return subject.dep_ == "csubj" and subject.lemma_.lower() in ("ask", "press", "question") and subject.tag_ in ("VBN", "VBD")


def _clause_subject_on_verb(verb: Token, subject: Token, ctx: FinderContext) -> bool:
    """ "The ministry … says most of them, such as road repairs, are civilian": the reported clause's subject, which
    the parser hung on the verb before it, leaving the clause after it without one."""
    if subject.i < verb.i or subject.left_edge.i != verb.i + 1:
        return False
    # The clause right after the subject's words (and a comma): not a clause of the subject's own that the parser hung
    # on the verb ("said Hany Farid, chairman of …, who co-developed the software").
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > subject.right_edge.i), None)
    if clause is None or clause.left_edge.i > subject.right_edge.i + 2:
        return False
    if ctx.quoted_before(verb):
        return False  # a quotation's speaker, after the verb: the quotation rules' to read
    return not any(c.dep_ in SUBJECTS for c in clause.children)


def _inverted_subject(verb: Token, subjects: list[Token], ctx: FinderContext) -> Token | None:
    """ "Sulvik ships a quarter of the grain, said Tamsin Orrell, an analyst": after a comma, the verb then its subject,
    which speaks; the parser also made the claim's subject the verb's."""
    after = next((c for c in subjects if c.i > verb.i), None)
    doc = verb.doc
    if after is None or after.left_edge.i != verb.i + 1 or verb.i == 0 or doc[verb.i - 1].text != ",":
        return None
    if not only_punctuation(doc[after.right_edge.i + 1 : ctx.sent_of[verb.i][1]]):
        return None  # "X, whose father was a pastor, remembers Mr. Bush as …": an object misread, not a speaker
    if ctx.quoted_before(verb):
        return None  # a quotation's speaker is the quotation rules' to find
    return after if after.pos_ in ("PROPN", "NOUN") else None


def _subject_read_as_compound(verb: Token) -> Token | None:
    """ "…, the filings show, including …": the parser made the plural subject a compound of the verb, as of a
    noun ("trade show"), and tagged the verb a verb all the same."""
    before = verb.doc[verb.i - 1] if verb.i else None
    if before is None or before.dep_ != "compound" or before.head.i != verb.i or before.tag_ not in ("NNS", "NNPS"):
        return None
    return before if verb.tag_ == "VBP" else None


def source_span(subject: Token, verb: Token, ctx: FinderContext) -> CharSpan | None:
    """The source mention: the subject's phrase, or for "who"/"that" the antecedent through the pronoun.

    "Smith, who said …" gives "Smith, who": the name the reader needs plus
    the pronoun that grammatically carries the claim.
    """
    clause = subject.head
    if subject.tag_ in ("WP", "WDT") and clause.dep_ == "relcl" and clause.head.i < subject.i:
        antecedent = clause.head
        span = phrase_span(antecedent, ctx, exclude=(clause.left_edge.i, clause.right_edge.i))
        if span is not None and subject.i - antecedent.i < 30:
            return span[0], subject.idx + len(subject)
    if appositive_noun_in_subject(subject) and subject.i < verb.i:
        # "…, a claim economists say is false": the speakers are "economists"
        named = max(c.i for c in subject.children if c.dep_ == "compound")
        return phrase_span(subject, ctx, exclude=(subject.left_edge.i, named))
    if subject.left_edge.i <= verb.i <= subject.right_edge.i:
        if not subject.is_ancestor(verb):
            # "The army said it had hit a depot, a claim Kyiv denies": an aside the parser made the subject's
            # appositive; the subject ends at its last own word before the verb ("The lawyers also pointed …")
            end = subject.i
            while end + 1 < verb.i and subject.is_ancestor(verb.doc[end + 1]):
                end += 1
            return phrase_span(subject, ctx, exclude=(end + 1, subject.right_edge.i))
        # inherited from a noun the verb modifies ("a statement saying …"): cut the verb's clause off
        return phrase_span(subject, ctx, exclude=(verb.left_edge.i, verb.right_edge.i))
    return phrase_span(subject, ctx)


def appositive_noun_in_subject(subject: Token) -> bool:
    """ "…cost $4 billion, a figure critics have questioned": "a figure" names the clause before, and "critics"
    questioned it (the parser made "a figure critics" one subject); no one said that clause."""
    return (
        subject.tag_ in ("NNS", "NNPS")
        and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in subject.children)
        and any(c.dep_ == "compound" and c.tag_ == "NN" for c in subject.children)
    )


def not_a_source(subject: Token, ctx: FinderContext) -> bool:
    """Subjects that cannot make claims ("The weather said nothing"); not a name that is also such a word ("Devon
    Price, a bartender, said …", "Time reported")."""
    if subject.text[:1].isupper() and subject.i > subject.sent.start and subject.pos_ in ("PROPN", "NOUN"):
        return False  # capitalised inside its sentence: a name, whatever the tagger made of it
    if subject.ent_type_ in ("PERSON", "ORG"):
        return False
    return subject.lemma_.lower() in ctx.lex.non_sources or subject.lower_ in ctx.lex.non_sources


def misattached_report(verb: Token, ctx: FinderContext) -> Token | None:
    """The reporting verb a second report belongs to when the parser hung it inside the first one's clause.

    "The mayor said five people had been killed and urged residents to stay
    inside": "urged" shares the tense of "said", not of the reported clause,
    and has no subject of its own, so it is the mayor's second report.
    """
    if verb.dep_ != "conj" or verb.lemma_.lower() not in ctx.lex.verb_frames:
        return None
    if ctx.lex.verb_frames[verb.lemma_.lower()] <= _ESTIMATE_FRAMES and not any(
        c.dep_ == "prep" and c.lower_ in ("as", "at") for c in verb.children
    ):
        return None  # "said it had scrambled jets and put air defences on alert": "put" reports a figure put at
    clause = verb.head
    report = clause.head
    if clause.dep_ == "acl" and report.dep_ == "pobj" and report.head.dep_ == "prep" and report.head.head.i < clause.i:
        report = report.head.head  # "said in a statement that the depot … and described …": the clause on the noun
        clause_kind = "acl"
    else:
        clause_kind = "ccomp"
    if clause.dep_ != clause_kind or report.i > clause.i or "clause" not in ctx.lex.verb_frames.get(report.lemma_.lower(), ()):
        return None
    if verb.tag_ != report.tag_ or any(c.dep_ in SUBJECTS for c in verb.children):
        return None
    if clause.tag_ == verb.tag_ and not _clause_subject_cannot_speak(clause):
        return None  # "officials said the mayor resigned and said …": the mayor may have said it
    return report


# The frames of a verb that reports only an estimate or a description ("put the toll at 1.6 million", "put it
# as a failure"): without "at" or "as" it is an act ("put air defences on alert").
_ESTIMATE_FRAMES = frozenset({"as", "predicate"})

# Entity types of subjects that may speak: people, bodies, nations.
_SPEAKING_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def _clause_subject_cannot_speak(clause: Token) -> bool:
    """ "confirmed that an exchange of prisoners took place and said …": the reported clause's subject is a
    thing no lexicon of sources knows, so the "said" joined to its verb is the reporter's, though the tenses agree."""
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and not _may_speak(subject)


def _may_speak(noun: Token) -> bool:
    """A subject that may make a claim: a name or a pronoun, a person, body or nation, or a noun the source lexicon
    knows ("officials", "the ministry"); not "their smiles", "an exchange"."""
    if noun.pos_ != "NOUN" or noun.ent_type_ in _SPEAKING_ENTITIES:
        return True
    return names_a_source(noun.lemma_) or names_a_source(noun.lower_)


def may_speak(noun: Token, ctx: FinderContext) -> bool:
    """:func:`_may_speak`, or a document or data that carry a claim ("the report", "the survey", "final figures")."""
    lemma = noun.lemma_.lower()
    return _may_speak(noun) or lemma in ctx.lex.document_nouns or lemma in DATA_NOUNS


def _reporter_of_trailing_participle(verb: Token) -> Token | None:
    """ "X said the outcome depends on Y, acknowledging Z": the participle after the comma is X's.

    The parser hangs it on the reported clause, whose subject ("the outcome")
    acknowledges nothing; the reporting verb the clause depends on is its head.
    """
    clause = verb.head
    while clause.dep_ == "conj" and clause.head.i < clause.i:
        clause = clause.head  # "said Moscow has never interfered and does not interfere, calling …"
    if (
        verb.dep_ == "advcl"
        and verb.tag_ == "VBG"
        and clause.dep_ == "ccomp"
        and clause.head.i < clause.i < verb.i
        and verb.doc[verb.i - 1].text == ","
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    ):
        return clause.head
    return None


def _source_before_participle(verb: Token) -> Token | None:
    """ "…, according to the report, citing ship-tracking data": the participle right after an "according to"
    phrase is its source's, not the subject's of the clause both hang on."""
    if verb.dep_ != "advcl" or verb.tag_ != "VBG" or verb.i < 2 or verb.doc[verb.i - 1].text != ",":
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    for phrase in verb.head.children:
        if phrase.lower_ == "according" and phrase.right_edge.i == verb.i - 2:
            to = next((c for c in phrase.children if c.lower_ == "to"), None)
            objects = [c for c in (to.children if to is not None else phrase.children) if c.dep_ == "pobj"]
            return objects[0] if objects else None
    return None


def _speaker_of_aside_before_participle(verb: Token, ctx: FinderContext) -> Token | None:
    """ "Explosions were heard in Belgorod, the governor said, blaming a drone attack", "Some states, he said, were
    dragging their feet, adding that …": a participle of speech after a reporting aside is the aside's speaker's,
    not the subject's of the clause both hang on."""
    if verb.i < 2 or verb.doc[verb.i - 1].text != "," or not speech_participle(verb, ctx):
        return None  # "…, he said, were dragging their feet, refusing to pay": the states refuse
    aside = next((c for c in verb.head.children if c.dep_ == "parataxis" and c.i < verb.i), None)
    if aside is None:
        return None
    return next((c for c in aside.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < aside.i), None)


def _is_tense_clash(verb: Token) -> bool:
    """ ", figures that …" after a past-tense verb: conjoined verbs share a tense, so this is a noun."""
    tags = {verb.tag_, verb.head.tag_}
    return (
        verb.dep_ == "conj" and verb.i > 0 and verb.doc[verb.i - 1].text == "," and "VBD" in tags and bool(tags & {"VBZ", "VBP"})
    )


def _subject_by_position(verb: Token, ctx: FinderContext) -> Token | None:
    """A name right before a finite verb that the parser attached elsewhere.

    "In a meeting with the board Trump said that …" often parses "Trump" as
    the object of the preposition; the word just before the verb is still the
    speaker when it is a name or pronoun.
    """
    if verb.i == 0:
        return None
    before = verb.doc[verb.i - 1]
    if _name_read_as_adverb(before) and ctx.in_quote[before.i] < 0 and finite_or_misread(verb):
        return before  # "“…,” Tolliver shot back": a surname the tagger does not know, read as an adverb
    if verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    if (
        before.pos_ in ("PROPN", "PRON")
        and before.dep_ in ("pobj", "dobj", "compound", "appos")
        and ctx.in_quote[before.i] < 0
        and before.lower_ not in ("it", "that", "which", "this")
    ):
        return before
    if _name_read_as_adjective(before, verb) and ctx.in_quote[before.i] < 0:
        return before  # "Kyiv claims to have …"
    if _is_share_of_people(before) and before.dep_ in ("nummod", "pobj", "npadvmod", "dobj") and ctx.in_quote[before.i] < 0:
        return before  # a poll's "About 4 in 10 say …", parsed as a number modifying "say"
    if before.text == "," and verb.i >= 2:
        last = verb.doc[verb.i - 2]
        aged = _name_before_age(last, ctx)
        if aged is not None:
            return aged  # "“…,” Ramos, 58, told AFP"
        return (
            _named_appositive(last, ctx)
            or _name_before_its_description(last, ctx)
            or _described_before(last, ctx)
            or _described_and_named(last, ctx)
            or _named_then_described(last, ctx)
            or _described_beside_name(last, ctx)
            or _subject_before_aside(verb, ctx)
        )
    return _phrase_after_comma(before, ctx)


def _name_read_as_adverb(token: Token) -> bool:
    """A capitalised word the tagger read as an adverb of the verb after it, which is no adverb English has."""
    return (
        token.pos_ == "ADV"
        and token.dep_ == "advmod"
        and token.head.i == token.i + 1
        and token.is_alpha
        and token.is_title
        and not token.lower_.endswith("ly")
        and token.lower_ not in _SENTENCE_ADVERBS
    )


def _name_read_as_adjective(token: Token, verb: Token) -> bool:
    """A state, its capital or its government that the tagger read as an adjective of the verb after it ("Kyiv
    claims to have …"), as a verb takes none; or one the recogniser names. Not any capitalised word: "Live
    updates from Kyiv: …", "Republican attempts to …" (the tagger's verbs, nouns)."""
    if token.dep_ != "amod" or token.head.i != verb.i or not token.is_title:
        return False
    return token.ent_type_ in ("GPE", "ORG", "PERSON") or in_lists(token.text, "state_places", "government_names")


def finite_or_misread(verb: Token) -> bool:
    """A finite verb, or a past participle with no auxiliary (a past tense the tagger misread: "Tolliver opened")."""
    return verb.tag_ in ("VBD", "VBZ", "VBP") or without_auxiliary_participle(verb)


# How the parser hangs a speaker's title on the words before it: on a noun (appos, pobj, conj), or on the claim's verb
# ("At least 14 people were killed in Dorvik, the port city's mayor, Kostel Brenna, said": npadvmod; "that would
# take over a month, the agency's spokeswoman, Ines Calloway, said": dobj).
_TITLE_DEPS = frozenset({"appos", "pobj", "conj", "npadvmod", "dobj"})


def _named_appositive(last: Token, ctx: FinderContext) -> Token | None:
    """ "In Bishkek, Kyrgyzstan's economy minister, Bakyt Sadyrov, said …": a title and the name set off by
    commas after it, which the parser hangs on the opening phrase as a chain of appositives.

    The subject is the title's phrase: from the comma before it to the comma
    closing the name, right before the verb.
    """
    if last.pos_ != "PROPN" or last.dep_ not in ("appos", "compound") or ctx.in_quote[last.i] >= 0:
        return None
    name = last.head if last.dep_ == "compound" and last.head.i == last.i + 1 else last
    if name.dep_ != "appos" or name.head.i >= name.i:
        return None
    title = name.head
    if title.pos_ not in ("NOUN", "PROPN") or title.dep_ not in _TITLE_DEPS or title.head.i >= title.i:
        return None
    left, right = title.left_edge.i, title.right_edge.i
    if left == 0 or not _after_comma(title.doc, left) or right not in (last.i, last.i + 1):
        return None
    return title


def _after_comma(doc: Doc, i: int) -> bool:
    """Whether ``doc[i]`` follows a comma, or a quotation closed after one ("“…,” the authority's director
    general, Kirsi Ravndal, said")."""
    before = doc[i - 1].text
    return before == "," or (before in _CLOSING_QUOTES and i >= 2 and doc[i - 2].text == ",")


_CLOSING_QUOTES = frozenset({"”", '"', "''"})


def _name_before_its_description(last: Token, ctx: FinderContext) -> Token | None:
    """ "In a 1998 interview with the Grand Island Independent, Garrity, then a state senator, said …": a name and
    what the person was, set off by commas, which the parser hangs on the opening phrase as appositives. The
    name is the subject: the head of the description, or an appositive of the same word before it."""
    if last.pos_ != "NOUN" or last.dep_ != "appos" or ctx.in_quote[last.i] >= 0:
        return None
    doc = last.doc
    named = [last.head, *(c for c in last.head.children if c.dep_ == "appos" and c.i < last.i)]
    # the name hung as an appositive, or joined to the opening phrase ("Alarmed by the unrest in Nevada, Senator
    # Harry Reid, the minority leader, said")
    name = next((t for t in named if t.pos_ == "PROPN" and t.dep_ in ("appos", "conj") and t.i < last.i), None)
    opening = last.left_edge.i - 1
    opening -= doc[opening].pos_ == "ADV"  # ", then a state senator,"
    if name is None or min(opening, name.left_edge.i - 1) < 0:
        return None
    return name if doc[name.left_edge.i - 1].text == "," and doc[opening].text == "," else None


def _described_before(last: Token, ctx: FinderContext) -> Token | None:
    """ "…, an official, who spoke on condition of anonymity, said.": the noun before a relative clause that is set off
    by commas and ends right before the verb. The parser hangs the speaker on the claim as an appositive."""
    clause = next((t for t in (last, *last.ancestors) if t.dep_ == "relcl"), None)
    if clause is None or clause.right_edge.i != last.i:
        return None
    noun, doc = clause.head, last.doc
    first = clause.left_edge.i
    if noun.pos_ not in ("NOUN", "PROPN") or noun.i > first or ctx.in_quote[noun.i] >= 0:
        return None
    if doc[first].lower_ not in ("who", "whom", "whose") or doc[first - 1].text != ",":
        return None
    left = noun.left_edge.i
    return noun if left > 0 and doc[left - 1].text == "," else None


def _named_then_described(last: Token, ctx: FinderContext) -> Token | None:
    """ "“…,” William M. Daley, President Obama's former chief of staff, said": a name, then what the person is (with
    phrases of its own), set off by commas right before the verb, all hung on the quotation by the parser."""
    description = next((t for t in (last, *last.ancestors) if t.dep_ == "appos" and t.pos_ == "NOUN"), None)
    if description is None or description.right_edge.i != last.i or ctx.in_quote[last.i] >= 0:
        return None
    name, doc = description.head, last.doc
    if name.pos_ != "PROPN" or name.i > description.i or description.left_edge.i < 1:
        return None
    return name if doc[description.left_edge.i - 1].text == "," and ctx.in_quote[name.i] < 0 else None


def _name_before_age(last: Token, ctx: FinderContext) -> Token | None:
    """ "“…,” Ramos, 58, told AFP": a name and the age after it, set off by commas right before the verb."""
    doc = last.doc
    if not (last.like_num and last.text.isdigit()) or last.i < 2 or doc[last.i - 1].text != ",":
        return None
    name = doc[last.i - 2]
    return name if name.pos_ == "PROPN" and ctx.in_quote[name.i] < 0 else None


def _described_and_named(last: Token, ctx: FinderContext) -> Token | None:
    """ "In a letter to the subcommittee, a lawyer for the company, Ignaz Ferriby, wrote …": a description with its
    own phrases, then the name, hung as appositives on the opening phrase. The speaker is the description: the
    appositive whose words run from a comma to the name right before the verb."""
    if last.pos_ != "PROPN" or ctx.in_quote[last.i] >= 0:
        return None
    doc = last.doc
    for noun in last.ancestors:
        if noun.right_edge.i != last.i:
            return None
        if noun.dep_ == "appos" and noun.pos_ in ("NOUN", "PROPN") and noun.left_edge.i > 0:
            return noun if doc[noun.left_edge.i - 1].text == "," and noun.head.i < noun.i else None
    return None


def _described_beside_name(last: Token, ctx: FinderContext) -> Token | None:
    """ "…, while surgeons were operating on two children, the hospital's director, Dr. Iryslava Dovhopol, told
    reporters": a description and the name after it, each set off by commas, hung by the parser as two appositives
    of the claim's last noun. The speaker is the description."""
    if last.pos_ != "PROPN" or ctx.in_quote[last.i] >= 0:
        return None
    name = last if last.dep_ == "appos" else last.head if last.dep_ == "compound" and last.head.dep_ == "appos" else None
    if name is None or name.right_edge.i != last.i:
        return None
    doc, first = last.doc, name.left_edge.i
    described = [c for c in name.head.children if c.dep_ == "appos" and c.pos_ == "NOUN" and c.right_edge.i == first - 2]
    if not described or doc[first - 1].text != ",":
        return None
    description = described[0]
    opening = description.left_edge.i - 1
    return description if opening >= 0 and doc[opening].text == "," else None


def _subject_before_aside(verb: Token, ctx: FinderContext) -> Token | None:
    """ "Supporters, led by a coalition of unions called Fair Shake, say …": the sentence's first noun, then an aside
    between commas that ends right before the verb, where the parser made the noun the subject of a verb in the aside."""
    sent = verb.sent
    first = next((t for t in sent if not t.is_punct and not t.is_space), None)
    if first is None or first.pos_ not in ("NOUN", "PROPN") or ctx.in_quote[first.i] >= 0:
        return None
    noun = first if first.dep_ != "compound" else first.head
    comma = noun.i + 1
    if comma >= verb.i - 1 or verb.doc[comma].text != "," or noun.dep_ != "nsubj":
        return None
    return noun if comma < noun.head.i < verb.i else None


def _is_share_of_people(token: Token) -> bool:
    """ "4 in 10", "67 percent", "two-thirds", "a majority": how polls name who says something."""
    return token.pos_ == "NUM" or token.lemma_.lower() in _SHARE_WORDS


def _phrase_after_comma(before: Token, ctx: FinderContext) -> Token | None:
    """ "In a statement on Telegram, the General Staff of the army said …", the noun phrase misattached.

    The parser often hangs the speaker on the opening phrase as an appositive;
    a noun phrase that runs from that comma right up to the verb is the subject.
    """
    head = before
    while head.dep_ in ("pobj", "prep", "poss", "compound", "amod") and head.head.i < head.i:
        head = head.head
    if head.pos_ not in ("NOUN", "PROPN") or head.dep_ not in ("appos", "pobj", "dobj", "conj") or ctx.in_quote[head.i] >= 0:
        return None
    left = head.left_edge.i
    if left == 0 or head.doc[left - 1].text != "," or head.right_edge.i != before.i:
        return None
    return head
