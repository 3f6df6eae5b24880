"""Normalise source mentions: who the source is, its type, role and affiliation.

The attribution finder hands over character spans of source mentions ("he",
"Ukrainian army spokesman Lieutenant Colonel Yaroslav Chepurnyi", "senior US
officials"). :func:`normalise_sources` turns each into a :class:`SourceInfo`:

* ``name`` is canonical across the document: titles, roles and affiliations are
  stripped, a surname resolves to the longest full PERSON name in the document
  that ends with it (:mod:`.names`), and pronouns or "the spokesman"-style
  descriptions take the name of the nearest preceding compatible person (or
  group, for "they"/"it") (:mod:`.coreference`).
* ``type`` is one of the :class:`claimtrack.models.SourceType` values, chosen
  by the ordered tables of :mod:`.typing_rules` from spaCy's NER label and head
  noun checked against small curated word lists (``source_lexicon.json``,
  loaded by :mod:`.lexicon`).
* ``role`` and ``affiliation`` come from the words around the name
  (:mod:`.naming`): pre-name modifiers ("Ukrainian army spokesman"),
  appositives (", a doctor at St Mary's,"), possessives ("the White House's
  press secretary") and party tags ("(R-Texas)").

Everything is rule-based over the Doc's tags, parse and entities, so it costs
one pass over the document plus a bounded look-back per pronoun.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..spans import SourceInfo
from .coreference import Coreference
from .mentions import Mention, analyse_span, empty_mention
from .names import NameIndex
from .tokens import token_span

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

__all__ = ["normalise_sources"]


def normalise_sources(doc: Doc, spans: Sequence[tuple[int, int] | None], *, text: str | None = None) -> list[SourceInfo | None]:
    """Return one :class:`SourceInfo` per source span (None for None), in order.

    Named and plain mentions are analysed first, so pronouns and definite
    descriptions (resolved second, in document order) can point at any source
    before them, at PERSON entities anywhere before them, and at pronouns
    already resolved. A span with no words gives an empty SourceInfo; one that
    is not a pair of offsets gives one too, with a warning. Anything else that
    goes wrong is a bug and raises. ``text`` is ``doc.text`` when the caller
    has read it already (spaCy rebuilds it from the tokens on every access).
    """
    names = NameIndex(doc)
    coreference = Coreference(doc, names, text=text)
    mentions = [None if span is None else _analyse(coreference, span) for span in spans]
    direct = [m for m in mentions if m is not None and m.kind in ("named", "plain")]
    names.register_names(direct)
    for mention in direct:
        coreference.finish_direct(mention)
    coreference.add_entity_candidates()
    for mention in direct:
        coreference.share_profile(mention)
    for mention in sorted((m for m in mentions if m is not None), key=lambda m: m.start):
        if mention.kind in ("pronoun", "description", "relative"):
            coreference.resolve(mention)
    return [None if m is None else m.info for m in mentions]


def _analyse(coreference: Coreference, char_span: tuple[int, int]) -> Mention:
    """Analyse one span on its own: kind, type, raw name, role, affiliation."""
    span = token_span(coreference.doc, coreference.text, char_span)
    if span is None:
        return empty_mention()
    return analyse_span(coreference.names, span)
