"""British spellings read as the American ones the lexicon and the model know ("emphasised" as "emphasize").

The hand lexicon (``cues.json``) lists reporting verbs as spaCy lemmatizes
American spelling, and the model was trained on American news (PolNeAR):
"the minister emphasised that …" gave the unknown lemma "emphasise", which
no list licenses and the model has no weight for, and the report was lost.
While the finder reads a document, each lemma in "-ise" or "-yse" whose
"-ize" or "-yze" form is a lemma they know is read as that form; the Doc's
own lemmas are given back afterwards.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

# "prise" is not "prize", nor "advise" "advize": only longer lemmas, and only onto a known one.
_SHORTEST = 7
_ENDINGS = (("ise", "ize"), ("yse", "yze"))


def american(lemma: str, known: Collection[str]) -> str | None:
    """The known American spelling of a British ``lemma`` ("emphasise" -> "emphasize"), else None."""
    if len(lemma) < _SHORTEST:
        return None
    for british, us in _ENDINGS:
        if lemma.endswith(british):
            spelled = lemma[: -len(british)] + us
            return spelled if spelled in known else None
    return None


@contextmanager
def american_lemmas(doc: Doc, known: Collection[str]) -> Iterator[None]:
    """Within the block, ``doc``'s lemmas in British spelling read as their known American forms."""
    strings = doc.vocab.strings
    lemmas = doc.to_array("LEMMA").tolist()  # hashes in one pass: a Token object only where a lemma changes
    spelled = {key: american(strings[key], known) for key in set(lemmas)}
    originals = []
    for i, key in enumerate(lemmas):
        lemma = spelled[key]
        if lemma is not None:
            token = doc[i]
            originals.append((token, token.lemma_))
            token.lemma_ = lemma
    try:
        yield
    finally:
        for token, lemma in originals:
            token.lemma_ = lemma
