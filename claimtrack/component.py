"""claimtrack as spaCy pipeline components: ``nlp.add_pipe("claimtrack")`` in any English pipeline.

The package's ``spacy_factories`` entry points name this module, so spaCy
imports it (and these factories register) as soon as a pipeline is made;
nothing else happens at import: the extensions are set by the factory.

After the ``claimtrack`` component, each Doc has:

- ``doc._.claims``: its claim records (:class:`~claimtrack.models.Claim`),
  the same records ``claimtrack extract`` stores for the same text;
- ``doc._.claim_records``: the same records as JSON objects, which is how
  they are kept on the Doc (``Doc.to_bytes``, ``DocBin`` and ``nlp.pipe``
  with ``n_process`` serialise them with msgpack);
- ``doc.spans["claims"]``: one span per claim, over its content, labelled
  ``attributed`` or ``unattributed``, with ``span._.claim`` (the record),
  ``span._.source`` and ``span._.cue`` (spans of the Doc, or None);
- ``doc._.doc_id``: the document id the claim ids are made from. Set it
  before the pipeline runs (``doc = nlp.make_doc(text); doc._.doc_id = "story"``)
  to choose it; else it is ``doc-`` and a digest of the text.
  ``doc._.doc_path``, when set, is recorded in each claim as ``doc_path``.
"""

# No ``from __future__ import annotations`` here: confection before 1.0 (which
# spaCy 3.8.7 installs) checks a factory's settings against its annotations
# with pydantic 1, which cannot resolve annotations left as strings.
import hashlib
from typing import TYPE_CHECKING, Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from .errors import ModelError
from .nlp import PARAGRAPH_COMPONENT, add_sentence_rules, mark_paragraph_breaks

if TYPE_CHECKING:  # pragma: no cover
    from .models import Claim

COMPONENT = "claimtrack"
SPANS_KEY = "claims"
DOC_ID_PREFIX = "doc"
# What the attribution rules read, and the component of a trained English pipeline that sets it.
REQUIRED_ANNOTATIONS = (
    ("DEP", "a dependency parse", "parser"),
    ("TAG", "part-of-speech tags", "tagger"),
    ("POS", "coarse part-of-speech tags", "attribute_ruler"),
    ("LEMMA", "lemmas", "lemmatizer"),
    ("ENT_IOB", "named entities", "ner"),
)


@Language.factory(PARAGRAPH_COMPONENT)
def make_paragraph_sentencizer(nlp: Language, name: str):
    """Line breaks that end sentences (:func:`claimtrack.nlp.mark_paragraph_breaks`); it must run before the parser."""
    return mark_paragraph_breaks


@Language.factory(
    COMPONENT,
    default_config={"spans_key": SPANS_KEY, "sentence_rules": True},
    requires=["doc.sents", "token.dep", "token.tag", "token.lemma", "token.ent_iob"],
    assigns=["doc._.claims", "doc._.claim_records", "doc._.doc_id", "doc.spans"],
)
def make_claim_finder(nlp: Language, name: str, spans_key: str, sentence_rules: bool) -> "ClaimFinder":
    """The ``claimtrack`` component.

    With ``sentence_rules`` (the default) it also gives the pipeline the
    sentence settings ``claimtrack extract`` parses with: the tokenizer keeps
    ranks such as "Lt. Col." whole, and ``claimtrack_paragraphs`` is added
    before the parser so that line breaks end headlines. Without them the
    claims follow spaCy's own sentences and can differ from the CLI's.
    """
    set_extensions()
    if sentence_rules:
        add_sentence_rules(nlp)
    return ClaimFinder(name, spans_key=spans_key)


def set_extensions() -> None:
    """Register the Doc and Span extensions (``force``: a factory may run more than once)."""
    Doc.set_extension("doc_id", default=None, force=True)
    Doc.set_extension("doc_path", default=None, force=True)
    Doc.set_extension("claim_records", default=None, force=True)
    Doc.set_extension("claims", getter=doc_claims, force=True)
    Span.set_extension("claim", getter=span_claim, force=True)
    Span.set_extension("source", getter=span_source, force=True)
    Span.set_extension("cue", getter=span_cue, force=True)


class ClaimFinder:
    """Finds the claims of each Doc with claimtrack's extraction (:func:`claimtrack.extract.claims_from_doc`).

    The Doc is one document: unlike ``claimtrack extract``, which parses a
    text of over 100,000 characters (or with a run of over 256 characters
    without a space) in pieces, the component sees the Doc as it was parsed.
    """

    def __init__(self, name: str = COMPONENT, *, spans_key: str = SPANS_KEY):
        self.name = name
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        from .extract import claims_from_doc

        text = doc.text
        if doc._.doc_id is None:
            doc._.doc_id = digest_doc_id(text)
        claims: list[Claim] = []
        if text.strip():
            require_annotations(doc, self.name)
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            claims = claims_from_doc(doc, doc_id=doc._.doc_id, doc_path=doc._.doc_path, doc_sha256=digest)
        doc._.claim_records = [claim.model_dump(mode="json") for claim in claims]
        spans = (content_span(doc, claim) for claim in claims)
        doc.spans[self.spans_key] = [span for span in spans if span is not None]
        return doc


def digest_doc_id(text: str) -> str:
    from .models import digest_doc_id as digest

    return digest(text, DOC_ID_PREFIX)


def require_annotations(doc: Doc, name: str) -> None:
    """Refuse a Doc that the components the rules read from have not annotated, saying which one to put first."""
    for attribute, what, component in REQUIRED_ANNOTATIONS:
        if not doc.has_annotation(attribute):
            raise ModelError(
                f"the {name!r} component needs {what} ({attribute}), and this Doc has none: add {name!r} after "
                f"{component!r} in a trained English pipeline such as en_core_web_sm (add_pipe puts it last), "
                f"and do not disable {component!r}"
            )


def content_span(doc: Doc, claim: "Claim") -> Span | None:
    """The claim's content as a span of ``doc``, widened to whole tokens, carrying the claim's id."""
    label = "attributed" if claim.attributed else "unattributed"
    return doc.char_span(claim.start, claim.end, label=label, span_id=claim.id, alignment_mode="expand")


def doc_claims(doc: Doc) -> "list[Claim] | None":
    """``doc._.claims``: the Doc's claim records, or None when the component has not run on it."""
    from .models import Claim

    records = doc._.claim_records
    return None if records is None else [Claim.model_validate(record) for record in records]


def span_claim(span: Span) -> "Claim | None":
    """``span._.claim``: the claim of a span of ``doc.spans["claims"]``; None for any other span."""
    from .models import Claim

    record = _record_of(span)
    return None if record is None else Claim.model_validate(record)


def span_source(span: Span) -> Span | None:
    """``span._.source``: the source mention of a claim's span, as a span of the Doc."""
    return _part_of(span, "source")


def span_cue(span: Span) -> Span | None:
    """``span._.cue``: the cue of a claim's span ("said", "according to"), as a span of the Doc."""
    return _part_of(span, "cue")


def _part_of(span: Span, part: str) -> Span | None:
    record = _record_of(span)
    if record is None or record[part] is None:
        return None
    return span.doc.char_span(record[part]["start"], record[part]["end"], alignment_mode="expand")


def _record_of(span: Span) -> dict[str, Any] | None:
    claim_id = span.id_
    records = span.doc._.claim_records
    if not claim_id or not records:
        return None
    return next((record for record in records if record["id"] == claim_id), None)
