"""Attribution finder: who (source) says (cue) what (content), in a parsed spaCy Doc.

The finder combines

* quotation marks found on the raw text (:mod:`.quotes`), which decide the
  content of direct speech whatever the parse says: a quote next to a
  reporting clause ("…,” she said) is that clause's content, a quote split by
  its reporting clause gives two content spans, and a quote that follows with
  no cue of its own continues the speaker's words;
* rules over the dependency parse that propose, for each word, the ways it
  could signal an attribution: a verb with its subject as source and its
  complement clause, infinitive, object or prepositional object as content;
  hedged passives ("is believed to"); nouns with a that-clause; "according
  to X"; hedging adverbs ("reportedly"); speaker labels ("WALLACE: …");
* a decision on each proposal: the hand lexicon (``cues.json``: the product
  spec's reporting and cognition verbs, hedges, nominal cues) accepts its
  proposals outright; the others are scored by a small logistic model
  (:mod:`.model`, trained on PolNeAR's training split) and kept above its
  threshold. Without a model file, a learned lexicon (``cues_learned.json``)
  decides instead.

Attributions whose cue lies inside another attribution's content are dropped
(annotators count them as part of the outer claim), except nested speech
reports such as "X said officials told him that …".

Every rule looks at a bounded neighbourhood of one token, so the cost is
linear in the length of the document.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Optional

from .lexicon import Lexicon, load_lexicon
from .model import features, load_model, probability
from .quotes import Quote, QuoteIndex, find_quotes
from .spans import Attribution, CharSpan

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

# Dependency labels (spaCy English / ClearNLP style).
_SUBJECTS = {"nsubj", "csubj"}
_CONTENT_CLAUSES = {"ccomp"}
# Children of a cue verb that belong to the reporting frame ("she told POLITICO
# on Monday in a statement"), not to what was said.
_FRAME_DEPS = {
    "nsubj", "nsubjpass", "aux", "auxpass", "neg", "advmod", "npadvmod", "prep",
    "dobj", "dative", "agent", "prt", "expl", "iobj", "attr",
}
# Auxiliaries and modifiers that annotators attach to the cue ("have warned",
# "is saying", "also said").
_CUE_DEPS = {"aux", "auxpass", "neg", "prt"}
# Links along which a cue verb inherits its head's subject ("..., adding that",
# "she paused and said", "appeared to suggest").
_INHERIT_DEPS = {"conj", "xcomp", "advcl", "pcomp", "prep"}
# What may separate a quotation from its reporting clause.
_QUOTE_GAP = re.compile(r"^[\s,:;—–\-]*$")
_CONT_GAP = re.compile(r"^[\s.,;:!?—–\-)\]]*$")
# The tail of a reporting sentence: words, then one sentence-final mark.
_REST_OF_SENTENCE = re.compile(r"^[^.!?\n\"“”]*[.!?]\s*$")
_CLAUSE_END = ".!?:;\n\"”'’)—–"
_OBJECT_STOPWORDS = {"nothing", "something", "anything", "everything", "it", "this", "that",
                     "so", "much", "more", "little", "lot", "one", "what", "which", "all"}
# A preposition's object: a noun phrase, or a gerund clause ("called for cutting taxes").
_PREP_OBJECTS = {"pobj", "pcomp"}
# Prepositions that carry what an object is said to be or to have done.
_PREDICATE_PREPS = {"as", "of", "for"}
# What may follow a sentence-closing reporting verb ("…, X said on Telegram on Monday.").
_TRAILING_DEPS = {"prep", "npadvmod", "advmod", "punct", "dative"}
_LEADING_MARKS = {"that", "whether", "if"}
# Nested attributions kept although their cue sits inside another's content.
_NESTED_REPORT_VERBS = {"tell", "inform", "report", "brief", "assure", "warn", "notify"}
# "NAME: text" or "Name ― text" at the start of a line (transcripts, vox pops).
_LABEL_LINE = re.compile(
    r"^[^\S\n]*[\"“]?(?P<label>[A-Z][\w.'’\- ]{0,50}?)[^\S\n]*(?P<cue>:|―|—|–)[^\S\n]*(?P<content>\S[^\n]{3,})$",
    re.MULTILINE)
_SIGNED_QUOTE_LINE = re.compile(
    r"^[^\S\n]*(?P<content>[“”\"][^\n]{3,}[“”\"])[^\S\n]*(?P<cue>―|—|–)[^\S\n]*(?P<label>[A-Z][\w.'’\- ]{0,50}?)[^\S\n]*$",
    re.MULTILINE)
# "WASHINGTON ― ", "KYIV, Ukraine (AP) — ", "KYIV, Nov 27 (Reuters) - ".
_DATELINE = re.compile(
    r"[A-Z][A-Z.'’]+[A-Z.'’ ]{0,30}(?:,\s*[A-Z][A-Za-z.]*(?:\s+\d{1,2})?)?\s*(?:\([A-Za-z .]{2,20}\)\s*)?"
    r"(?:\s[―—–-]+|[―—–]+)\s*")
_QUOTE_MARKS = {"“", "”", '"', "''", "``", "„", "«", "»"}
# Prepositions that give a verb its own topic ("warn of", "talk about"), unlike "said on Monday".
_TOPIC_PREPS = {"of", "about", "against", "over"}
# Participles that put a question to the main clause's subject ("Asked whether …, she said").
_QUESTION_VERBS = {"ask", "question"}
# The narrator's aside on a claim: ", a claim Moscow denies", " — an allegation Kyiv rejects".
_REBUTTAL = re.compile(r"\s*(?:,|\s[-—–]|—|–)\s*(?:a|an)\s+(?:claim|allegation|accusation|assertion|charge)s?\s+"
                       r"(?:that\s+|which\s+)?[A-Z]")
_SHARE_WORDS = {"percent", "%", "third", "half", "quarter", "majority", "minority", "fifth", "tenth"}
_POLL_NOUNS = {"poll", "survey"}
# Adjectives whose to-infinitive is done, not imagined: "more likely to say", "quick to deny".
_ACTING_ADJECTIVES = {"likely", "quick", "eager", "keen", "first", "careful"}
_CLOSING_MARKS = {"”", '"', "''"}
_FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
_MAX_PHRASE = 400  # tokens in one subtree (see _subtree)
# Words of a role-and-name label ("Military analyst Jane Doe", "Former U.S. envoy Jane Doe").
_ROLE_POS = {"PROPN", "NOUN", "ADJ", "ADP", "DET"}
_NAME_PARTICLES = {"de", "van", "von", "da", "di", "del", "la", "le", "bin", "al", "of", "the", "and"}


@dataclass
class _Found:
    """An attribution under construction, with the offsets needed to link continuations."""

    attribution: Attribution
    end: int  # last character of any of its roles
    quotes_used: tuple[int, ...] = ()
    key: tuple[str, ...] = ()  # which rule and lemma produced it (for lexicon learning)
    token: int = -1  # index of the word that triggered the rule
    subject: int = -1  # index of the source's head word, when the rule found one


class _Context:
    """Per-document state shared by the rules: text, lexicon and quotation index."""

    def __init__(self, doc: "Doc", lexicon: Lexicon, learn: bool = False, model: Optional[dict] = None):
        self.doc = doc
        self.text = doc.text
        self.lex = lexicon
        self.model = model
        # Propose every rule for every word: to measure rules on gold data
        # (learning), or to let the model choose among the proposals.
        self.learn = learn or model is not None
        self.quotes: list[Quote] = find_quotes(self.text)
        self.qindex = QuoteIndex(self.quotes)
        self.in_quote = [self.qindex.quote_at(t.idx) for t in doc]
        self._close_ends = [q.close_end for q in self.quotes]
        # Sentence of each token, computed once: Token.sent rescans the
        # sentence on every call, which is quadratic on a run-on sentence.
        self.sent_of: list[tuple[int, int]] = [(0, 0)] * len(doc)
        for sent in doc.sents:
            for i in range(sent.start, sent.end):
                self.sent_of[i] = (sent.start, sent.end)
        self._open_starts = [q.open_pos for q in self.quotes]

    def quote_before(self, offset: int) -> int:
        """Index of the last quotation closing at or before ``offset``, or -1."""
        return bisect_right(self._close_ends, offset) - 1

    def quote_after(self, offset: int) -> int:
        """Index of the first quotation opening at or after ``offset``, or -1."""
        i = bisect_left(self._open_starts, offset)
        return i if i < len(self.quotes) else -1

    def allows(self, table: dict, lemma: str, frame: str) -> bool:
        """Whether the lexicon lets ``lemma`` signal an attribution through ``frame``.

        Verbs outside the lexicon may still use the default frames (direct
        speech after any verb: "…,” she laughed) unless the lemma was seen
        often in that frame without being a cue.
        """
        if self.learn or frame in table.get(lemma, ()):
            return True
        lex = self.lex
        return table is lex.verb_frames and frame in lex.default_verb_frames \
            and frame not in lex.rejected_verb_frames.get(lemma, ())


def find_attributions(doc: "Doc") -> list[Attribution]:
    """Find every attribution in a parsed ``doc``, in text order; never raises on odd input.

    A doc without a dependency parse yields nothing rather than failing.
    """
    return _dedupe([f.attribution for f in find_candidates(doc, load_lexicon(), model=load_model())])


def find_candidates(doc: "Doc", lexicon: Lexicon, learn: bool = False,
                    model: Optional[dict] = None) -> list[_Found]:
    """Run every rule over ``doc`` and keep, for each word, the first accepted proposal.

    Without a model, the lexicon decides which proposals are made at all.
    With a model, every rule proposes and a proposal is accepted when the
    hand lexicon licenses it or the model scores it above its threshold.
    Learning mode ignores both and returns every proposal, each tagged with its
    ``key``, so the training scripts can measure each rule against gold data.
    """
    if len(doc) == 0 or not doc.has_annotation("DEP"):
        return []
    ctx = _Context(doc, lexicon, learn, None if learn else model)
    found: list[_Found] = []
    for token in doc:
        if ctx.in_quote[token.i] >= 0:
            continue  # words inside a quotation are the speaker's, not the article's frame
        if learn or model is None:
            for item in _candidates_at(token, ctx):
                item.token = token.i
                found.append(item)
                if not learn:
                    break
            continue
        threshold = model.get("threshold", 0.5)
        for item in _candidates_at(token, ctx):  # most specific reading first
            item.token = token.i
            if _acceptance(item, ctx, model) >= threshold:
                found.append(item)
                break
    found.extend(_speaker_labels(ctx))
    found.sort(key=lambda f: f.attribution.content[0][0])
    found = _attach_continuations(found, ctx)
    if not learn:
        found = _drop_nested(found, doc)
    return found


def _acceptance(item: _Found, ctx: _Context, model: dict) -> float:
    """How sure we are that a proposal is an attribution: 1 + model score when the hand lexicon licenses it."""
    key = item.key
    lex = ctx.lex
    feats = features(key, ctx.doc, item.token, item.subject, item.attribution)
    score = probability(feats, model)
    if (key[0] == "verb" and key[1] in lex.hand_verb_frames.get(key[2], ())) \
            or (key[0] == "noun" and key[1] in lex.hand_noun_frames.get(key[2], ())) \
            or (key[0] == "adverb" and key[1] in lex.hand_adverbs) \
            or key[0] in ("according", "label"):
        return 1.0 + score  # the spec's cues are always kept; the model only ranks them
    return score


def _candidates_at(token: "Token", ctx: _Context) -> Iterable[_Found]:
    """Yield the attributions ``token`` may signal, most specific rule first."""
    lemma = token.lemma_.lower()
    lower = token.lower_
    if lower == "according":  # tagged VERB or ADP depending on context
        found = _according_to(token, ctx)
        if found is not None:
            yield found
    elif lower == "in" and token.dep_ == "prep":
        found = _in_document(token, ctx)
        if found is not None:
            yield found
    elif token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
        if not any(ch.isalpha() for ch in token.text):
            return  # a dash or quote mark the tagger read as a verb ("…” ― Jane Doe")
        yield from _verb_candidates(token, lemma, ctx)
    elif token.dep_ == "advmod" and lower in ctx.lex.hedge_adverbs:
        found = _hedging_adverb(token, ctx)
        if found is not None:
            yield found
    elif token.pos_ == "NOUN":
        found = _nominal_cue(token, lemma, ctx)
        if found is not None:
            yield found
    elif token.pos_ == "ADJ" and token.dep_ == "acomp" and ctx.learn:
        found = _adjectival_cue(token, lemma, ctx)
        if found is not None:
            yield found


def _adjectival_cue(adj: "Token", lemma: str, ctx: _Context) -> Optional[_Found]:
    """"She was confident that …", "he is critical of X": left to the model to judge."""
    head = adj.head
    subject = next((c for c in head.children if c.dep_ == "nsubj" and ctx.in_quote[c.i] < 0), None)
    if subject is None or _not_a_source(subject, ctx):
        return None
    clause = next((c for c in adj.children if c.dep_ == "ccomp"), None)
    if clause is not None:
        frame, content = "clause", _token_spans(_subtree(clause), ctx, drop_mark=True)
    else:
        prep = next((c for c in adj.children if c.dep_ == "prep" and any(g.dep_ == "pobj" for g in c.children)), None)
        if prep is None:
            return None
        frame = "prep:" + prep.lower_
        content = _token_spans((t for g in prep.children if g.dep_ == "pobj" for t in _subtree(g)), ctx)
    if not content:
        return None
    source = _phrase_span(subject, ctx)
    found = _make(content, (adj.idx, adj.idx + len(adj)), source, _kind(content, ctx), False, (), ctx,
                  ("adj", frame, lemma))
    found.subject = subject.i
    return found


# --------------------------------------------------------------------------- verbs


def _verb_candidates(verb: "Token", lemma: str, ctx: _Context) -> Iterable[_Found]:
    """Reporting-verb readings of ``verb`` in priority order.

    Direct speech next to the reporting clause comes first, then the clausal
    complement ("said that ..."), the agentless hedge ("is believed to"), the
    infinitive ("vowed to"), the object ("denied the report"), a prepositional
    object ("spoke about") and a colon ("said: ...").
    """
    table = ctx.lex.verb_frames
    if not (ctx.learn or lemma in table or ctx.lex.default_verb_frames):
        return
    if ctx.allows(table, lemma, "hedge"):
        found = _hedged(verb, lemma, ctx)
        if found is not None:
            yield found
            if not ctx.learn:
                return  # a hedged verb's subject is not a source, so no other reading
    if _is_bare_infinitive_complement(verb):
        return  # "reluctant to order": a hypothetical act, not a claim made
    if _is_reduced_relative(verb):
        return
    if _is_question_put(verb, lemma):
        found = _question_put(verb, lemma, ctx)
        if found is not None:
            yield found
        return
    subject = _subject(verb, ctx)
    if subject is None and "quote" in ctx.lex.hand_verb_frames.get(lemma, ()):
        found = _quote_by_position(verb, lemma, ctx)
        if found is not None:
            yield found
        return
    if subject is None or ctx.in_quote[subject.i] >= 0 or _not_a_source(subject, ctx):
        return
    trailing = _trailing_speaker(verb, subject, ctx)
    if trailing is not None:
        yield trailing
        return
    frame = _frame_tokens(verb, subject, ctx)
    frame_start = min(t.idx for t in frame)
    frame_end = max(t.idx + len(t) for t in frame)
    source = _source_span(subject, verb, ctx)
    cue = _cue_span(verb)

    def make(name, content, kind=None, used=(), cue_span=cue):
        found = _make(content, cue_span, source, kind or _kind(content, ctx), False, used, ctx, ("verb", name, lemma))
        found.subject = subject.i
        return found

    clause = _clausal_content(verb, ctx)
    if ctx.allows(table, lemma, "quote"):
        used = _adjacent_quotes(verb, frame_start, frame_end, clause, ctx)
        if used:
            spans = [seg for i in used for seg in ctx.quotes[i].segments]
            yield make("quote", _clean_quote_spans(spans, ctx.text), "direct", used)
    if "as" in ctx.lex.hand_verb_frames.get(lemma, ()):  # a temporal "as" is far commoner than a reporting one
        spans = _as_content(verb, ctx)
        if spans:
            yield make("as", spans)
    if clause and ctx.allows(table, lemma, "clause"):
        yield make("clause", clause)
    def reading(name, content_of):
        """The proposal for frame ``name``, when the lexicon allows it and it finds content."""
        if ctx.allows(table, lemma, name):
            spans = content_of()
            if spans:
                yield make(name, spans)

    # "X seems / looks to be": the subject is what is judged, not who judges.
    yield from reading("to", lambda: [] if lemma in ctx.lex.judgement_verbs or _asks_anonymity(verb)
                       else _infinitive_content(verb, ctx))
    yield from reading("object", lambda: _object_content(verb, ctx))
    yield from reading("passive", lambda: _passive_content(verb, ctx))
    prep = _prep_object(verb)
    if prep is not None and ctx.allows(table, lemma, "prep:" + prep.lower_):
        spans = _token_spans((t for g in prep.children if g.dep_ in _PREP_OBJECTS for t in _subtree(g)), ctx)
        if spans:
            yield make("prep:" + prep.lower_, spans, cue_span=(cue[0], max(cue[1], prep.idx + len(prep))))
    yield from reading("inverted", lambda: [] if clause else _inverted_content(verb, frame_start, ctx))
    yield from reading("colon", lambda: _colon_content(frame_end, ctx))


def _is_question_put(verb: "Token", lemma: str) -> bool:
    """"Asked whether …, Peskov said": a participle before the main clause, whose subject was asked, not asking."""
    if lemma not in _QUESTION_VERBS or verb.tag_ != "VBN":
        return False
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        return True  # "Trump was asked whether …": the one asked is no source either
    return verb.dep_ == "advcl" and verb.i < verb.head.i and not any(c.dep_ in _SUBJECTS for c in verb.children)


def _question_put(verb: "Token", lemma: str, ctx: _Context) -> Optional[_Found]:
    """The question as content; its source is the asker when a "by" phrase names one, else none."""
    asker = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    holders = [verb] + ([asker] if asker is not None else [])
    clause = next((c for c in verb.children if c.dep_ in ("ccomp", "xcomp")
                   or (c.dep_ == "advcl" and c.i > verb.i
                       and any(g.dep_ == "mark" and g.lower_ in ("if", "whether") for g in c.children))), None)
    if clause is not None:
        content = _token_spans(_subtree(clause), ctx)
    else:  # "Asked about the strike", "Asked by reporters about the strike"
        topic = next((g for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in ("about", "on")
                      for g in c.children if g.dep_ in _PREP_OBJECTS), None)
        content = _token_spans(_subtree(topic), ctx) if topic is not None else []
    if not content:
        return None
    source = (asker.left_edge.idx, asker.idx + len(asker)) if asker is not None else None
    return _make(content, _cue_span(verb), source, _kind(content, ctx), False, (), ctx, ("verb", "clause", lemma))


def _asks_anonymity(verb: "Token") -> bool:
    """"who asked not to be named": a condition of the interview, not a claim."""
    following = verb.doc[verb.i + 1:verb.i + 5].text.lower()
    return following.startswith(("not to be named", "not to be identified", "to remain anonymous",
                                 "not to be quoted"))


def _trailing_speaker(verb: "Token", subject: "Token", ctx: _Context) -> Optional[_Found]:
    """"The strike killed 14 civilians, governor Oleh Syniehubov wrote on Telegram.", parsed wrong.

    When a reporting clause closes the sentence after a comma, the parser
    sometimes takes a noun before the comma as the subject and hangs the real
    speaker on it as a conjunct. If the words between the comma and the verb
    form one noun phrase and the parsed subject lies before the comma, that
    phrase is the source and everything before the comma is the content.
    """
    if "clause" not in ctx.lex.hand_verb_frames.get(verb.lemma_.lower(), ()) or verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None  # only a finite speech verb closes a sentence this way ("…, X said.")
    start, _ = ctx.sent_of[verb.i]
    doc = verb.doc
    comma = next((i for i in range(verb.i - 1, max(start, verb.i - 12) - 1, -1) if doc[i].text == ","), None)
    if comma is None or subject.i > comma or ctx.in_quote[comma] >= 0:
        return None
    if any(c.i > verb.i and c.dep_ not in _TRAILING_DEPS for c in verb.children):
        return None  # the verb has its own content after it
    piece = [t for t in doc[comma + 1:verb.i] if t.dep_ not in _CUE_DEPS and t.dep_ != "advmod"]
    roots = [t for t in piece if not comma < t.head.i < verb.i]
    if len(roots) != 1 or roots[0].pos_ not in ("PROPN", "NOUN", "PRON") \
            or any(t.pos_ == "VERB" for t in piece):
        return None
    speaker = roots[0]
    content = _inverted_content(verb, doc[comma + 1].idx, ctx)
    if not content:
        return None
    source = _phrase_span(speaker, ctx)
    found = _make(content, _cue_span(verb), source, _kind(content, ctx), False, (), ctx,
                  ("verb", "clause", verb.lemma_.lower()))
    found.subject = speaker.i
    return found


def _is_reduced_relative(verb: "Token") -> bool:
    """"Materials found on dead troops indicate …" parsed with "found" as the main verb.

    The tell-tale is a verb conjunct without any coordinator: the later verb
    is the real predicate and the first a participle modifying the subject.
    """
    if verb.tag_ not in ("VBD", "VBN") or any(c.dep_ in ("cc", "ccomp", "dobj") for c in verb.children):
        return False
    return any(c.dep_ == "conj" and c.pos_ == "VERB" and c.tag_ in ("VBP", "VBZ") for c in verb.children)


def _is_bare_infinitive_complement(verb: "Token") -> bool:
    """A to-infinitive under a non-cue word ("reluctant to order", "plans to say")."""
    if verb.dep_ == "xcomp" and verb.head.pos_ in ("VERB", "AUX"):
        return False  # "continues to insist", "appeared to suggest": the head verb carries it
    if verb.dep_ == "xcomp" and verb.head.dep_ == "acomp" and verb.head.lemma_.lower() in _ACTING_ADJECTIVES:
        return False  # "voters were more likely to say …", "she was quick to deny …": said, not imagined
    return verb.dep_ in ("xcomp", "acl", "advcl", "relcl", "ccomp") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _quote_by_position(verb: "Token", lemma: str, ctx: _Context) -> Optional[_Found]:
    """Direct speech whose reporting clause the parser broke: “…,” Chief Jo Reed said Monday.

    Quotation marks confuse the parser, which then gives "said" no subject.
    The speaker is then read off the word order: the words between the
    closing mark and the verb ("“…,” NAME said"), or right after the verb
    ("“…,” said NAME" / "Said NAME: “…”").
    """
    doc, text = verb.doc, ctx.text
    sent = _sentence(verb, ctx)
    left = verb.i - 1
    while left >= sent.start and left > verb.i - 9 and ctx.in_quote[left] < 0 \
            and doc[left].text not in _QUOTE_MARKS and not _ends_sentence(doc[left]):
        left -= 1
    source = None
    if left >= sent.start and doc[left].text in _QUOTE_MARKS and left < verb.i - 1:
        words = [t for t in doc[left + 1:verb.i] if not t.is_punct]
        if words and words[-1].pos_ in ("PROPN", "NOUN", "PRON"):
            source, head = (words[0].idx, words[-1].idx + len(words[-1])), words[-1]
    if source is None:
        words = []
        for t in doc[verb.i + 1:min(sent.end, verb.i + 9)]:
            if t.is_punct or t.pos_ not in ("PROPN", "NOUN", "DET", "ADJ", "PRON"):
                break
            words.append(t)
        if not words or words[-1].pos_ not in ("PROPN", "NOUN"):
            return None
        source, head = (words[0].idx, words[-1].idx + len(words[-1])), words[-1]
    frame_start = min(source[0], verb.idx)
    frame_end = max(source[1], verb.idx + len(verb))
    used = _adjacent_quotes(verb, frame_start, frame_end, [], ctx)
    if not used:
        return None
    spans = [seg for i in used for seg in ctx.quotes[i].segments]
    found = _make(_clean_quote_spans(spans, text), _cue_span(verb), source, "direct", False, used, ctx,
                  ("verb", "quote", lemma))
    found.subject = head.i
    return found


def _ends_sentence(token: "Token") -> bool:
    return token.text in (".", "!", "?") or "\n" in token.text


def _source_span(subject: "Token", verb: "Token", ctx: _Context) -> Optional[CharSpan]:
    """The source mention: the subject's phrase, or for "who"/"that" the antecedent through the pronoun.

    "Smith, who said …" gives "Smith, who": the name the reader needs plus
    the pronoun that grammatically carries the claim.
    """
    clause = subject.head
    if subject.tag_ in ("WP", "WDT") and clause.dep_ == "relcl" and clause.head.i < subject.i:
        antecedent = clause.head
        span = _phrase_span(antecedent, ctx, exclude=(clause.left_edge.i, clause.right_edge.i))
        if span is not None and subject.i - antecedent.i < 30:
            return span[0], subject.idx + len(subject)
    if subject.left_edge.i <= verb.i <= subject.right_edge.i:
        # inherited from a noun the verb modifies ("a statement saying …"): cut the verb's clause off
        return _phrase_span(subject, ctx, exclude=(verb.left_edge.i, verb.right_edge.i))
    return _phrase_span(subject, ctx)


def _not_a_source(subject: "Token", ctx: _Context) -> bool:
    """Subjects that cannot make claims ("The weather said nothing")."""
    return subject.lemma_.lower() in ctx.lex.non_sources or subject.lower_ in ctx.lex.non_sources


def _subject(verb: "Token", ctx: _Context) -> Optional["Token"]:
    """The verb's subject, or the agent of a passive, inherited along conj/xcomp/advcl links.

    A subject inside quotation marks is a parse error (the quoted clause's own
    subject attached to "said"), so it is skipped.
    """
    current = _misattached_report(verb, ctx) or verb
    for _ in range(4):  # bounded climb
        for child in current.children:
            if child.dep_ in _SUBJECTS and ctx.in_quote[child.i] < 0:
                return child
        for child in current.children:
            if child.dep_ == "agent":
                objects = [g for g in child.children if g.dep_ == "pobj"]
                if objects:
                    return objects[0]
        if any(c.dep_ == "nsubjpass" for c in current.children):
            return None  # "was told that": the speaker is not named
        if current.dep_ == "acl" and current.head.pos_ in ("NOUN", "PROPN"):
            return current.head  # "a statement saying ...", "officials quoted as saying"
        if current.dep_ == "prep" and current.lower_ != "by":
            return None  # only "began by saying" passes a subject through a preposition
        if current is verb and _is_tense_clash(verb):
            return None  # "reported 1,340 casualties, figures that …": a noun the tagger read as a verb
        if (current.dep_ in _INHERIT_DEPS or current.dep_ == "acomp" and current is not verb) \
                and current.head is not current:
            current = current.head  # "she was quick to deny": through the adjective to its subject
            continue
        if current is verb:
            return _subject_by_position(verb, ctx)
        return None
    return None


def _is_tense_clash(verb: "Token") -> bool:
    """", figures that …" after a past-tense verb: conjoined verbs share a tense, so this is a noun."""
    tags = {verb.tag_, verb.head.tag_}
    return verb.dep_ == "conj" and verb.i > 0 and verb.doc[verb.i - 1].text == "," \
        and "VBD" in tags and bool(tags & {"VBZ", "VBP"})


def _subject_by_position(verb: "Token", ctx: _Context) -> Optional["Token"]:
    """A name right before a finite verb that the parser attached elsewhere.

    "In a meeting with the board Trump said that …" often parses "Trump" as
    the object of the preposition; the word just before the verb is still the
    speaker when it is a name or pronoun.
    """
    if verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.i == 0:
        return None
    before = verb.doc[verb.i - 1]
    if before.pos_ in ("PROPN", "PRON") and before.dep_ in ("pobj", "dobj", "compound", "appos") \
            and ctx.in_quote[before.i] < 0 and before.lower_ not in ("it", "that", "which", "this"):
        return before
    if _is_share_of_people(before) and before.dep_ in ("nummod", "pobj", "npadvmod", "dobj") and ctx.in_quote[before.i] < 0:
        return before  # a poll's "About 4 in 10 say …", parsed as a number modifying "say"
    return _phrase_after_comma(before, ctx)


def _is_share_of_people(token: "Token") -> bool:
    """"4 in 10", "67 percent", "two-thirds", "a majority": how polls name who says something."""
    return token.pos_ == "NUM" or token.lemma_.lower() in _SHARE_WORDS


def _phrase_after_comma(before: "Token", ctx: _Context) -> Optional["Token"]:
    """"In a statement on Telegram, the General Staff of the army said …", the noun phrase misattached.

    The parser often hangs the speaker on the opening phrase as an appositive;
    a noun phrase that runs from that comma right up to the verb is the subject.
    """
    head = before
    while head.dep_ in ("pobj", "prep", "poss", "compound", "amod") and head.head.i < head.i:
        head = head.head
    if head.pos_ not in ("NOUN", "PROPN") or head.dep_ not in ("appos", "pobj", "dobj", "conj") \
            or ctx.in_quote[head.i] >= 0:
        return None
    left = head.left_edge.i
    if left == 0 or head.doc[left - 1].text != "," or head.right_edge.i != before.i:
        return None
    return head


def _frame_tokens(verb: "Token", subject: "Token", ctx: _Context) -> list["Token"]:
    """Tokens of the reporting clause around the cue (subject, auxiliaries, object, adjuncts)."""
    frame = [verb]
    for child in verb.children:
        if child.dep_ in _FRAME_DEPS:
            frame.extend(t for t in _subtree(child) if ctx.in_quote[t.i] < 0)
    if subject.head is not verb and verb.dep_ == "conj" and abs(subject.i - verb.i) < 12:
        # "“…,” he paused and said": the shared subject opens the frame; a
        # participle ("…,” he said, adding …) does not own the quotation.
        frame.extend(t for t in _subtree(subject) if ctx.in_quote[t.i] < 0)
    return frame


def _adjacent_quotes(verb: "Token", frame_start: int, frame_end: int, clause, ctx: _Context) -> tuple[int, ...]:
    """Quotations that are the reporting clause's direct speech: "…,” she said, “…”.

    A quotation just before the clause counts when it opens a sentence (else it
    is a quoted fragment of a paraphrase, which the parse handles); one just
    after counts unless the clausal complement starts before it.
    """
    before = _adjacent_quote_before(frame_start, ctx)
    if before >= 0 and not _at_clause_start(ctx.text, ctx.quotes[before].open_pos):
        before = -1
    after = _adjacent_quote_after(frame_end, ctx)
    if after >= 0 and before < 0 and clause and clause[0][0] < frame_start and ctx.qindex.quote_at(clause[0][0]) < 0:
        after = -1  # "X is wrong, he said, “totally”": the paraphrase before is the content
    return tuple(i for i in (before, after) if i >= 0)


def _adjacent_quote_before(frame_start: int, ctx: _Context) -> int:
    """A quotation ending just before the reporting clause ("…,” she said), or -1."""
    i = ctx.quote_before(frame_start)
    if i < 0:
        return -1
    gap = ctx.text[ctx.quotes[i].close_end:frame_start]
    if "\n" not in gap and _QUOTE_GAP.match(gap):
        return i
    return -1


def _adjacent_quote_after(frame_end: int, ctx: _Context) -> int:
    """A quotation starting just after the reporting clause (she said, “…), or -1."""
    i = ctx.quote_after(frame_end)
    if i < 0:
        return -1
    gap = ctx.text[frame_end:ctx.quotes[i].open_pos]
    if len(gap) < 8 and _QUOTE_GAP.match(gap) and ("\n" not in gap or ":" in gap):
        return i
    return -1


def _at_clause_start(text: str, pos: int) -> bool:
    """True when only blanks separate ``pos`` from the end of the previous sentence or line."""
    i = pos - 1
    while i >= 0 and text[i] in " \t\u00a0":
        i -= 1
    return i < 0 or text[i] in _CLAUSE_END


def _clausal_content(verb: "Token", ctx: _Context) -> list[CharSpan]:
    """The complement clause of the verb, or the clause a parenthetical verb interrupts."""
    clauses = [c for c in verb.children if c.dep_ in _CONTENT_CLAUSES and not _semicolon_between(c, verb)]
    if not clauses:
        # "said after the meeting he would …": an unmarked clause with its own
        # subject, which the parser often labels advcl.
        clauses = [c for c in verb.children if c.dep_ == "advcl" and c.i > verb.i
                   and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
                   and not any(g.dep_ in ("mark", "advmod") and g.i < c.i for g in c.children)]
    if clauses:
        # "Should X happen, critics worry that Y": the that-clause after the verb
        # is the content, not a conditional the parser also labelled ccomp.
        clause = min(clauses, key=lambda c: (not _has_that_mark(c), c.i < verb.i, abs(c.i - verb.i)))
        return _token_spans(_without_trailing_reports(clause, ctx), ctx, drop_mark=True)
    head = verb.head
    if head is verb or head.pos_ not in ("VERB", "AUX"):
        return []
    if verb.dep_ == "parataxis" or (verb.dep_ == "ccomp" and verb.i > head.i and _comma_between(head, verb)):
        inner = set(t.i for t in _subtree(verb))
        return _token_spans((t for t in _subtree(head) if t.i not in inner), ctx, drop_mark=True)
    return []


def _semicolon_between(clause: "Token", verb: "Token") -> bool:
    """"Kyiv says it held; Moscow claims gains": a clause before a semicolon is not the later verb's."""
    if clause.i > verb.i:
        return False
    return any(t.text == ";" for t in verb.doc[clause.right_edge.i + 1:verb.i])


def _as_content(verb: "Token", ctx: _Context) -> list[CharSpan]:
    """"As the memo put it, X" or "X, as experts have pointed out": the clause the as-clause modifies."""
    if verb.dep_ != "advcl" or verb.head is verb or verb.head.pos_ not in ("VERB", "AUX"):
        return []
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return []
    if any(c.dep_ in _CONTENT_CLAUSES or (c.dep_ == "prep" and c.lower_ in _TOPIC_PREPS) for c in verb.children):
        return []  # "as he said that …", "as Kyiv warns of escalation" have content of their own
    objects = [c.lower_ for c in verb.children if c.dep_ == "dobj"]
    if objects != (["it"] if verb.lemma_.lower() == "put" else []):
        return []  # "as she put the phone down", "as she called her lawyer"
    inner = {t.i for t in _subtree(verb)}
    return _token_spans((t for t in _subtree(verb.head) if t.i not in inner), ctx, drop_mark=True)


def _inverted_content(verb: "Token", frame_start: int, ctx: _Context) -> list[CharSpan]:
    """"X is an insult, lawmakers said.": the sentence part before the comma, when the parse lost it.

    Used when the reporting clause follows a comma and the parser gave the
    verb no complement. A dateline ("WASHINGTON ― ") is cut.
    """
    if verb.dep_ == "relcl":
        return []  # '“…,” said one soldier, who gave only his first name': the relative clause reports nothing
    sent = _sentence(verb, ctx)
    text = ctx.text
    i = frame_start - 1
    while i > sent.start_char and text[i].isspace():
        i -= 1
    if i <= sent.start_char or text[i] != ",":
        return []
    start = sent.start_char
    dateline = _DATELINE.match(text, start, i)
    if dateline:
        start = dateline.end()
    if len(text[start:min(i, start + 60)].split()) < 3:
        return []
    return _clean_spans([(start, i)], text)


def _without_trailing_reports(clause: "Token", ctx: _Context) -> list["Token"]:
    """The clause's tokens minus a reporting participle the parser hung inside it.

    In "X said Y, adding that Z" the parser often attaches "adding" under Y;
    Z is then the second attribution's content, not part of the first.
    """
    cut: set[int] = set()
    for token in _subtree(clause):
        if _misattached_report(token, ctx) is not None:
            cut.update(t.i for t in _subtree(token))  # "said five died and urged calm"
            cut.update(c.i for c in token.head.children if c.dep_ == "cc" and c.i < token.i)
            continue
        if token is clause or token.dep_ not in ("advcl", "conj", "xcomp") \
                or token.lemma_.lower() not in ctx.lex.hand_verb_frames or not _comma_between(token.head, token):
            continue
        if token.tag_ == "VBG" or any(c.dep_ in _SUBJECTS for c in token.children):
            # "…, adding that Z" or "…, though she noted Z": a second report, with its own content
            cut.update(t.i for t in _subtree(token))
    return [t for t in _subtree(clause) if t.i not in cut]


def _misattached_report(verb: "Token", ctx: _Context) -> Optional["Token"]:
    """The reporting verb a second report belongs to when the parser hung it inside the first one's clause.

    "The mayor said five people had been killed and urged residents to stay
    inside": "urged" shares the tense of "said", not of the reported clause,
    and has no subject of its own, so it is the mayor's second report.
    """
    if verb.dep_ != "conj" or verb.lemma_.lower() not in ctx.lex.hand_verb_frames:
        return None
    clause = verb.head
    report = clause.head
    if clause.dep_ != "ccomp" or report.i > clause.i or "clause" not in ctx.lex.hand_verb_frames.get(report.lemma_.lower(), ()):
        return None
    if verb.tag_ != report.tag_ or clause.tag_ == verb.tag_ or any(c.dep_ in _SUBJECTS for c in verb.children):
        return None
    return report


def _comma_between(left: "Token", right: "Token") -> bool:
    doc = left.doc
    return any(doc[i].text in (",", "—", "–") for i in range(left.i + 1, right.i))


def _infinitive_content(verb: "Token", ctx: _Context) -> list[CharSpan]:
    """"vowed to fight", "urged Congress to act": the infinitive (with its subject object)."""
    target = _infinitive(verb)
    if target is None:
        return []
    tokens = list(_subtree(target))
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.i < target.i]
    if objects:
        tokens = list(_subtree(objects[0])) + tokens
    return _token_spans(tokens, ctx)


def _object_content(verb: "Token", ctx: _Context) -> list[CharSpan]:
    """"denied the allegations", "called him a liar": the object and its predicate."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects:
        # "denied targeting civilians": a gerund complement plays the object
        objects = [c for c in verb.children if c.dep_ in ("xcomp", "pcomp") and c.tag_ == "VBG" and c.i > verb.i]
    if not objects:
        return []
    obj = objects[0]
    predicates = [c for c in verb.children
                  if c.i > obj.i and (c.dep_ in ("oprd", "xcomp", "ccomp")
                                      or (c.dep_ == "prep" and c.lower_ in _PREDICATE_PREPS))]
    if obj.lower_ in _OBJECT_STOPWORDS and not any(c.dep_ == "oprd" for c in predicates):
        return []  # "denied it" says nothing; "called it a fabrication" does
    tokens = list(_subtree(obj))
    for child in predicates:
        tokens.extend(_subtree(child))  # "described it as a failure", "accused Kyiv of shelling"
    return _token_spans(tokens, ctx)


def _passive_content(verb: "Token", ctx: _Context) -> list[CharSpan]:
    """"X was endorsed by Y": the passive subject X is what Y's act is about."""
    if not any(c.dep_ == "agent" for c in verb.children):
        return []
    subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
    return _token_spans(_subtree(subjects[0]), ctx) if subjects else []


def _prep_object(verb: "Token") -> Optional["Token"]:
    """The first preposition after the verb that has an object ("spoke about", "called for cuts", "called for cutting")."""
    for child in verb.children:
        if child.i > verb.i and child.dep_ == "prep" and any(g.dep_ in _PREP_OBJECTS for g in child.children):
            return child
    return None


def _colon_content(frame_end: int, ctx: _Context) -> list[CharSpan]:
    """"X said: …" — the text after the colon, to the end of its sentence or paragraph."""
    text = ctx.text
    i = frame_end
    while i < len(text) and text[i] in " \t":
        i += 1
    if i >= len(text) or text[i] != ":":
        return []
    start = i + 1
    while start < len(text) and text[start].isspace():
        start += 1
    stop = text.find("\n", start)
    stop = len(text) if stop < 0 else stop
    return _clean_spans([(start, stop)], text)


def _speaker_labels(ctx: _Context) -> list[_Found]:
    """Transcript and vox-pop lines: "WALLACE: …", "Jane Doe ― “…”", "Poll: …".

    The label is a short capitalised name at the start of a line, followed by
    a colon or a dash and the content, which runs to the end of the line; or
    it signs a quotation at the end of its line (“…” ― Jane Doe).
    """
    out = []
    text = ctx.text
    matches = list(_LABEL_LINE.finditer(text)) + list(_SIGNED_QUOTE_LINE.finditer(text))
    for match in matches:
        label = match.group("label")
        words = label.split()
        if not words or len(words) > 6 or label.lower() in ctx.lex.label_stopwords:
            continue
        start, end = match.start("content"), match.end("content")
        if _is_role_and_name(ctx, match):
            pass  # "Military analyst Michael Kofman: “…”"
        elif match.group("cue") == ":" and label.lower() in ctx.lex.document_nouns:
            pass  # a headline's "Poll: Most voters back the plan"
        elif not all(w[:1].isupper() or w.lower() in _NAME_PARTICLES for w in words):
            continue
        elif not _looks_like_name(ctx, match.start("label"), match.end("label")):
            continue  # a section heading ("The Gap Goes On: …"), not a speaker
        if match.group("cue") != ":" and match.re is _LABEL_LINE and text[start] not in "“\"”":
            continue  # "Crutcher ― a father who … ― was shot": a parenthetical dash, not a speaker
        # The line itself bounds the content: quote pairing inside vox pops
        # (inner “scare quotes”, a closing mark used to open) is unreliable.
        while start < end and (text[start] in _QUOTE_MARKS or text[start].isspace()):
            start += 1
        while end > start and (text[end - 1] in _QUOTE_MARKS or text[end - 1].isspace()):
            end -= 1
        if end - start > 2 and text[start] in "'‘" and text[end - 1] in "'’":
            start, end = start + 1, end - 1  # a British headline's single quotes: "Zelensky: 'We will not …'"
        content = _clean_quote_spans([(start, end)], text)
        if not content or _label_quoted(ctx, match):
            continue
        used = tuple(sorted(_quotes_overlapping(content, ctx)))
        source = (match.start("label"), match.end("label"))
        cue = (match.start("cue"), match.end("cue"))
        out.append(_make(content, cue, source, _kind(content, ctx), False, used, ctx, ("label",)))
    return out


def _label_quoted(ctx: _Context, match: "re.Match") -> bool:
    """Whether a label lies inside a quotation opened before its line.

    A quote mark that opens the label's own line ("\"SMITH: …" in a
    transcript quoted over several paragraphs) leaves the label a speaker.
    """
    n = ctx.qindex.quote_at(match.start("label"))
    if n < 0:
        return False
    line_start = match.start()
    return not any(line_start <= s <= match.start("label") for s, _ in ctx.quotes[n].segments) \
        and not line_start <= ctx.quotes[n].open_pos < match.start("label")


def _is_role_and_name(ctx: _Context, match: "re.Match") -> bool:
    """A label that is a role and a name introducing a quotation: "Military analyst Jane Doe: “…”"."""
    if match.group("cue") != ":" or ctx.text[match.start("content")] not in "“\"":
        return False
    span = ctx.doc.char_span(match.start("label"), match.end("label"), alignment_mode="expand")
    words = [t for t in span if t.is_alpha] if span is not None else []
    if len(words) < 2 or not words[0].is_title or not all(t.pos_ in _ROLE_POS for t in words):
        return False
    return words[-1].pos_ == "PROPN" and words[-1].is_title and words[-2].pos_ == "PROPN"


def _looks_like_name(ctx: _Context, start: int, end: int) -> bool:
    """A speaker label: proper nouns, or a transcript's all-capitals name."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    words = [t for t in span if t.is_alpha]
    if not words:
        return False
    return all(t.pos_ == "PROPN" or t.is_upper or t.lower_ in _NAME_PARTICLES for t in words)


# --------------------------------------------------------------------------- hedges


def _hedged(verb: "Token", lemma: str, ctx: _Context) -> Optional[_Found]:
    """Agentless belief or report: cue "is believed", content "to be …", no source.

    Passives ("are believed to", "Russia believed to be", "it is thought
    that") and raising verbs ("seems to") qualify; an agent ("by X") makes it
    an ordinary attribution.
    """
    children = list(verb.children)
    if any(c.dep_ == "agent" for c in children):
        return None
    passive = any(c.dep_ == "auxpass" for c in children) or verb.tag_ == "VBN" or any(
        c.dep_ == "mark" and c.lower_ == "with" for c in children)
    target = _infinitive(verb)
    if target is not None and not passive and target.lemma_.lower() in ctx.lex.hand_verb_frames:
        return None  # "he appeared to suggest that …": the inner verb is the cue, with its source
    if target is not None and (passive or lemma in ctx.lex.raising_verbs):
        content = _token_spans(_subtree(target), ctx)
    elif passive and any(c.dep_ in ("nsubjpass", "expl") and c.lower_ == "it" for c in children):
        clause = next((c for c in children if c.dep_ == "ccomp"), None)
        if clause is None:
            return None
        content = _token_spans(_subtree(clause), ctx, drop_mark=True)
    elif passive and verb.dep_ == "advcl" and not any(c.dep_ in _SUBJECTS for c in children) \
            and (content := _as_content(verb, ctx)):
        pass  # "As expected, the talks failed."
    elif passive and (charge := _passive_charge(verb)) is not None:
        content = _token_spans([t for c in charge for t in _subtree(c)], ctx)
    else:
        return None
    if not content:
        return None
    return _make(content, _cue_span(verb), None, _kind(content, ctx), True, (), ctx, ("verb", "hedge", lemma))


def _passive_charge(verb: "Token") -> Optional[list["Token"]]:
    """"Peacekeepers have been accused of abusing civilians": the accused and the charge."""
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    prep = next((c for c in verb.children if c.dep_ == "prep" and c.i > verb.i and c.lower_ in ("of", "for")
                 and any(g.dep_ in _PREP_OBJECTS for g in c.children)), None)
    if subject is None or prep is None or subject.pos_ == "PRON" and subject.lower_ == "it":
        return None
    return [subject, prep]


def _infinitive(verb: "Token") -> Optional["Token"]:
    """The to-infinitive complement of ``verb`` ("believed [to be drawn]"), if any."""
    for child in verb.children:
        if child.dep_ == "xcomp" and any(g.dep_ in ("aux", "auxpass") and g.lower_ == "to" for g in child.children):
            return child
    return None


def _hedging_adverb(adverb: "Token", ctx: _Context) -> Optional[_Found]:
    """"reportedly", "allegedly": the clause the adverb modifies, no source."""
    head = adverb.head
    if head is adverb or head.pos_ not in ("VERB", "AUX"):
        return None
    content = _token_spans((t for t in _subtree(head) if t.i != adverb.i), ctx, drop_mark=True)
    if not content:
        return None
    cue = (adverb.idx, adverb.idx + len(adverb))
    return _make(content, cue, None, _kind(content, ctx), True, (), ctx, ("adverb", adverb.lower_))


# --------------------------------------------------------------------------- according to / nouns


def _according_to(token: "Token", ctx: _Context) -> Optional[_Found]:
    """"according to X": source X, content the clause the phrase is attached to."""
    doc = token.doc
    if token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
        return None
    to = doc[token.i + 1]
    objects = [c for c in to.children if c.dep_ == "pobj"] or [c for c in token.children if c.dep_ == "pobj"]
    if not objects:
        return None
    clause = token.head
    for _ in range(6):
        if clause.pos_ in ("VERB", "AUX") or clause.dep_ == "ROOT" or clause.head is clause:
            break
        clause = clause.head
    phrase = set(t.i for t in _subtree(token)) | {to.i} | set(t.i for t in _subtree(to))
    content = _token_spans((t for t in _subtree(clause) if t.i not in phrase), ctx, drop_mark=True)
    source = _phrase_span(objects[0], ctx)
    comma = _sentence_initial_comma(token, to, ctx)
    if comma is not None and (not content or clause is token or (source and source[1] > comma.idx)):
        # The parser swallowed the claim into the source phrase ("According to
        # X, the move reeks of fear" with "reeks" read as a noun): split at the comma.
        content = _clean_spans([(comma.idx + 1, _sentence(token, ctx).end_char)], ctx.text)
    if comma is not None:
        # "According to X, …": X is all of the opening phrase, whatever the parser made of it
        # (a quoted title, "by" and its author).
        named = _clean_spans([(to.idx + len(to), comma.idx)], ctx.text)
        source = named[0] if named else source
        content = _clean_spans([(max(s, comma.idx + 1), e) for s, e in content if e > comma.idx + 1], ctx.text)
    if not content:
        return None
    cue = (token.idx, to.idx + len(to))
    return _make(content, cue, source, _kind(content, ctx), False, (), ctx, ("according",))


def _in_document(token: "Token", ctx: _Context) -> Optional[_Found]:
    """"In the survey, 40 percent backed the plan": the document as source, the clause as content.

    The phrase must open the sentence and be followed by a comma, or be a
    poll closing the clause it measures ("Trump leads by 5 points in the
    latest poll"). Its object is a document noun (poll, survey, report …) and
    its clause has no speech verb of its own ("In a report, the agency said …"
    is the agency's claim).
    """
    objects = [c for c in token.children if c.dep_ == "pobj"]
    clause = token.head
    if not objects or objects[0].lemma_.lower() not in ctx.lex.document_nouns \
            or clause.pos_ not in ("VERB", "AUX"):
        return None
    if clause.lemma_.lower() in ctx.lex.hand_verb_frames:
        return None
    doc = token.doc
    phrase = list(_subtree(token))
    after = phrase[-1].i + 1
    closing = clause.i < token.i
    if closing:
        if objects[0].lemma_.lower() not in _POLL_NOUNS or (after < len(doc) and doc[after].text not in (".", ",", ";")):
            return None
    else:
        start, _ = ctx.sent_of[token.i]
        if not all(t.is_punct or t.is_space for t in doc[start:token.i]) \
                or after >= len(doc) or doc[after].text != ",":
            return None
    inner = {t.i for t in phrase} | {after}
    content = _token_spans((t for t in _subtree(clause) if t.i not in inner and not (closing and t.i > token.i)),
                           ctx, drop_mark=True)
    if not content:
        return None
    cue = (token.idx, token.idx + len(token))
    return _make(content, cue, _phrase_span(objects[0], ctx), _kind(content, ctx), False, (), ctx,
                 ("according", "in"))


def _sentence_initial_comma(token: "Token", to: "Token", ctx: _Context) -> Optional["Token"]:
    """The comma closing a sentence-initial "According to X," phrase, if there is one."""
    sent = _sentence(token, ctx)
    if token.i != sent.start and not all(t.is_punct or t.is_space for t in token.doc[sent.start:token.i]):
        return None
    commas = [t for t in token.doc[to.i + 1:min(sent.end, to.i + 40)]
              if t.text == "," and ctx.in_quote[t.i] < 0]  # not a comma inside a quoted title
    if not commas:
        return None
    if len(commas) > 1 and _is_appositive(token.doc[commas[0].i + 1:commas[1].i]):
        return commas[1]  # "According to the ISW, a Washington-based think tank, …"
    return commas[0]


def _is_appositive(words: "Span") -> bool:
    """A short noun phrase opened by an article, with no finite verb: "a Washington-based think tank"."""
    return 1 < len(words) <= 10 and words[0].lower_ in ("a", "an", "the") \
        and not any(t.tag_ in _FINITE_TAGS for t in words)


def _nominal_cue(noun: "Token", lemma: str, ctx: _Context) -> Optional[_Found]:
    """"Trump's claim that …", "the report's conclusion is that …", "criticism of X".

    The content is a that-clause of the noun, the clause a copula gives it
    ("X's view is that …"), or the object of a preposition; the source is the
    possessor, a "by" phrase or the subject of the verb governing the noun.
    """
    table = ctx.lex.noun_frames
    if not ctx.learn and lemma not in table:
        return None
    frame, content = _noun_content(noun, ctx)
    if not content or not ctx.allows(table, lemma, frame):
        return None
    source_token = _noun_source(noun)
    source = _phrase_span(source_token, ctx, exclude=(noun.i, noun.i)) if source_token is not None else None
    cue = (noun.idx, noun.idx + len(noun))
    found = _make(content, cue, source, _kind(content, ctx), source is None, (), ctx, ("noun", frame, lemma))
    found.subject = source_token.i if source_token is not None else -1
    return found


def _noun_content(noun: "Token", ctx: _Context) -> tuple[str, list[CharSpan]]:
    """The frame name and content spans of a nominal cue, or ("", [])."""
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp", "relcl") and _has_that_mark(child):
            return "that", _token_spans(_subtree(child), ctx, drop_mark=True)
    if noun.dep_ in ("nsubj", "attr") and noun.head.lemma_ == "be":
        clause = next((c for c in noun.head.children if c.dep_ == "ccomp" and c.i > noun.i), None)
        if clause is not None:
            return "that", _token_spans(_subtree(clause), ctx, drop_mark=True)
    for child in noun.children:
        if child.dep_ == "prep" and child.i > noun.i and child.lower_ not in ("by", "from"):
            objects = [g for g in child.children if g.dep_ in _PREP_OBJECTS]
            if objects:
                return "prep:" + child.lower_, _token_spans(_subtree(objects[0]), ctx)
            break
    return "", []


def _has_that_mark(clause: "Token") -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def _noun_source(noun: "Token") -> Optional["Token"]:
    """Who holds a nominal claim: possessor, "by X", or the subject of "made the claim"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return objects[0]
    for child in noun.children:
        if child.dep_ == "compound" and child.pos_ == "PROPN":
            return child  # "a Pentagon report"
    if noun.dep_ in ("dobj", "nsubj", "attr") and noun.head.pos_ in ("VERB", "AUX"):
        for child in noun.head.children:
            if child.dep_ == "nsubj" and child is not noun:
                return child
    return None


# --------------------------------------------------------------------------- spans


def _cue_span(verb: "Token") -> CharSpan:
    """The cue verb with its auxiliaries, negation and particle: "have warned", "is believed"."""
    left = verb.i
    right = verb.i
    for child in verb.children:
        if child.dep_ in _CUE_DEPS and abs(child.i - verb.i) <= 3:
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


def _subtree(token: "Token") -> list["Token"]:
    """The token's subtree as a contiguous run, at most _MAX_PHRASE tokens around the token.

    Subtrees that long only occur in run-on or garbled text; the cap keeps the
    finder linear in the length of the document whatever the input.
    """
    lo, hi = token.left_edge.i, token.right_edge.i
    if hi - lo >= _MAX_PHRASE:
        lo = max(lo, token.i - _MAX_PHRASE // 2)
        hi = min(hi, lo + _MAX_PHRASE - 1)
    return list(token.doc[lo:hi + 1])


def _sentence(token: "Token", ctx: _Context):
    """The sentence containing ``token``, from the per-document table (constant time)."""
    start, end = ctx.sent_of[token.i]
    return token.doc[start:end]


def _phrase_span(head: "Token", ctx: _Context, exclude: Optional[tuple[int, int]] = None) -> Optional[CharSpan]:
    """The noun phrase headed by ``head`` as one span: titles and appositives included.

    ``exclude`` is a range of token indices (a clause inside the phrase) to leave out.
    """
    lo_x, hi_x = exclude if exclude else (-1, -2)
    indices = [t.i for t in _subtree(head) if not lo_x <= t.i <= hi_x and ctx.in_quote[t.i] < 0]
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
        last -= 1  # "The report's conclusion": the source is "The report"
    return doc[first].idx, doc[last].idx + len(doc[last])


def _token_spans(tokens: Iterable["Token"], ctx: _Context, drop_mark: bool = False) -> list[CharSpan]:
    """Turn a set of tokens into sorted character spans, one per contiguous run.

    Leading complementisers ("that") are dropped when ``drop_mark`` is set,
    and punctuation at the edges of each run is trimmed.
    """
    doc = ctx.doc
    indices = sorted(set(t.i for t in tokens))
    if drop_mark and indices and doc[indices[0]].lower_ in _LEADING_MARKS and doc[indices[0]].dep_ == "mark":
        indices = indices[1:]
    runs: list[list[int]] = []
    for i in indices:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    spans = []
    for run in runs:
        first, last = run[0], run[-1]
        while first <= last and (doc[first].is_punct or doc[first].is_space):
            if doc[first].text in ("“", '"', "``") and first < last:
                break  # keep an opening quote mark that starts a quoted fragment
            first += 1
        while last >= first and (doc[last].is_punct or doc[last].is_space):
            if doc[last].text in _CLOSING_MARKS and _opens_unclosed(doc, first, last):
                break  # 'the West was "pushing the world to war"': keep the mark that closes a fragment
            last -= 1
        if first <= last:
            spans.append((doc[first].idx, doc[last].idx + len(doc[last])))
    return spans


def _opens_unclosed(doc: "Doc", first: int, last: int) -> bool:
    """Whether doc[first:last] opens more quotations than it closes (straight marks count by pairs)."""
    marks = [t.text for t in doc[first:last]]
    straight = sum(m == '"' for m in marks)
    return straight % 2 == 1 or sum(m in ("“", "``") for m in marks) > sum(m in ("”", "''") for m in marks)


def _clean_quote_spans(spans: list[CharSpan], text: str) -> list[CharSpan]:
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


def _clean_spans(spans: list[CharSpan], text: str) -> list[CharSpan]:
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


def _kind(spans: list[CharSpan], ctx: _Context) -> str:
    """"direct" when (nearly) all content is quoted, "mixed" when part is, else "indirect"."""
    total = sum(e - s for s, e in spans)
    quoted = sum(ctx.qindex.quoted_chars(s, e) for s, e in spans)
    if total and quoted >= 0.9 * total:
        return "direct"
    return "mixed" if quoted else "indirect"


def _make(content, cue, source, kind, hedged, used, ctx: _Context, key=()) -> _Found:
    """Build a candidate; ``key`` names the rule and lemma that found it.

    A role span that came out empty or reversed (a parse gone wrong) is
    dropped rather than stored, so one odd sentence never fails a document.
    """
    content = _without_rebuttal(_without_dateline(sorted(content), ctx.text), ctx.text)
    cue, source = (span if span and span[1] > span[0] else None for span in (cue, source))
    ends = [content[-1][1]] + [span[1] for span in (cue, source) if span]
    return _Found(Attribution(content=content, cue=cue, source=source, quote=kind, hedged=hedged),
                  end=max(ends), quotes_used=tuple(used), key=tuple(key))


def _without_dateline(content: list[CharSpan], text: str) -> list[CharSpan]:
    """Content that opens a paragraph loses its dateline ("KYIV (Reuters) - "): it is not the claim."""
    if not content:
        return content
    start, end = content[0]
    if start > 0 and text[start - 1] != "\n":
        return content
    dateline = _DATELINE.match(text, start, end)
    if not dateline or dateline.end() >= end:
        return content
    return [(dateline.end(), end)] + content[1:]


def _without_rebuttal(content: list[CharSpan], text: str) -> list[CharSpan]:
    """Content cut before the narrator's aside on it: "…in the attack - a claim Moscow denies"."""
    start, end = content[-1] if content else (0, 0)
    aside = _REBUTTAL.search(text, max(start, end - 80), end)  # an aside closes the claim: look at its tail only
    if aside is None or aside.start() == start:
        return content
    return content[:-1] + [(start, aside.start())]


# --------------------------------------------------------------------------- post-processing


def _attach_continuations(found: list[_Found], ctx: _Context) -> list[_Found]:
    """Give a quotation with no reporting clause of its own to the speaker just before it.

    News writing continues a speaker's words in the next sentence or paragraph
    ("…,” she said. “It will fail.”) without repeating the cue.
    """
    if not found or not ctx.quotes:
        return found
    used = {i for f in found for i in f.quotes_used}
    covered = _quotes_overlapping([span for f in found for span in f.attribution.content], ctx)
    ordered = sorted(found, key=lambda f: f.end)
    ends = [f.end for f in ordered]
    text = ctx.text
    for n, quote in enumerate(ctx.quotes):
        if n in used or n in covered or not _at_clause_start(text, quote.open_pos):
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
        previous.attribution.content = sorted(previous.attribution.content + _clean_quote_spans(quote.segments, text))
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


def _quotes_overlapping(spans: list[CharSpan], ctx: _Context) -> set[int]:
    """Indices of quotations that share characters with any of ``spans``."""
    hit: set[int] = set()
    for start, end in spans:
        i = bisect_right(ctx._close_ends, start)  # first quotation closing after ``start``
        while i < len(ctx.quotes) and ctx.quotes[i].open_pos < end:
            hit.add(i)
            i += 1
    return hit


def _drop_nested(found: list[_Found], doc: "Doc") -> list[_Found]:
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


def _is_nested_report(found: _Found, doc: "Doc") -> bool:
    """A nested attribution worth keeping.

    A speech verb with its own complement clause ("officials told him that
    …"), or a relative clause giving its antecedent's claim ("Trump, who
    says he is honored"), which annotators treat as a claim of its own.
    """
    key = found.key
    if len(key) != 3 or key[0] != "verb" or key[1] not in ("clause", "quote"):
        return False
    if key[2] in _NESTED_REPORT_VERBS and key[1] == "clause":
        return True
    return found.token >= 0 and doc[found.token].dep_ == "relcl"


def _dedupe(attributions: list[Attribution]) -> list[Attribution]:
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
