"""A faster loop for spaCy's rule lemmatizer, giving the same lemmas.

spaCy's ``Lemmatizer`` in ``rule`` (or ``lookup``) mode already remembers
each lemma by the token's text, part of speech and morphology, but it
reaches that memory one Token object at a time: a Python object per token,
a morphology object for the key, a string hashed for the lemma. On news
text that is about a seventh of the English pipeline's time. Here the three
keys of the whole Doc are read as one array (:meth:`Doc.to_array`), each
distinct key is sent to the lemmatizer's own ``lemmatize`` once per
process, and the lemmas are written back as one array. A key not seen
before asks the lemmatizer itself, so the lemmas are the ones it gives.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc, Token

LEMMATIZER = "lemmatizer"
# Modes whose lemma depends on the token's text, part of speech and
# morphology alone, which is the key lemmas are remembered by.
_KEYED_MODES = ("rule", "lookup")
_INDEX = "lemma_index"


class _ArrayLemmas:
    """Mixed in before the pipeline's own lemmatizer class: its ``__call__``, over arrays."""

    _lemmas: dict[tuple[int, int, int], int]
    mode: str
    overwrite: bool
    lemmatize: Callable[[Token], list[str]]

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        # spaCy's own checks (tables loaded, an error handler) run once, on its path.
        if not getattr(self, "_validated", True):
            return super().__call__(doc)  # type: ignore[misc]
        table = doc.to_array(["ORTH", "POS", "MORPH", "LEMMA"])
        lemmas: Any = table[:, 3].copy()
        remembered = self._lemmas
        lemmatize = self.lemmatize
        for i, (orth, pos, morph, lemma) in enumerate(table.tolist()):
            if lemma and not self.overwrite:
                continue
            key = (orth, pos, morph)
            value = remembered.get(key)
            if value is None:
                value = remembered[key] = doc.vocab.strings.add(lemmatize(doc[i])[0])
            lemmas[i] = value
        doc.from_array(["LEMMA"], lemmas)
        return doc


_faster_classes: dict[type, type] = {}


def speed_up_lemmatizer(nlp: Language) -> bool:
    """Give the pipeline's lemmatizer the array loop when its mode allows; whether it did."""
    if LEMMATIZER not in nlp.pipe_names:
        return False
    lemmatizer: Any = nlp.get_pipe(LEMMATIZER)
    if isinstance(lemmatizer, _ArrayLemmas) or getattr(lemmatizer, "mode", None) not in _KEYED_MODES:
        return False
    if not callable(getattr(lemmatizer, "lemmatize", None)):
        return False
    base = type(lemmatizer)
    if base not in _faster_classes:
        _faster_classes[base] = type(f"Array{base.__name__}", (_ArrayLemmas, base), {})
    lemmatizer.__class__ = _faster_classes[base]
    lemmatizer._lemmas = {}
    _index_as_sets(lemmatizer)
    return True


def _index_as_sets(lemmatizer: Any) -> None:
    """Make the rule lemmatizer's word lists sets: it only asks whether a form is in one.

    The English lists hold up to 57,528 words, read one by one for each
    candidate form of each new word: most of a fresh process's lemmatizing
    time, and the same answers from a set. (A pipeline changed so is not
    saved again: msgpack does not write sets.)
    """
    lookups = getattr(lemmatizer, "lookups", None)
    if lookups is None or not lookups.has_table(_INDEX):
        return
    index = lookups.get_table(_INDEX)
    for pos, words in list(index.items()):
        if isinstance(words, list):
            index[pos] = frozenset(words)
