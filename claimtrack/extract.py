"""Document text -> claim records. No file or store I/O happens here.

A document is parsed by spaCy, the attribution finder tags who said what,
and every claim sentence becomes a :class:`~claimtrack.models.Claim`: one
record per sentence of attributed content (a quote over three sentences
gives three records with the same source), plus one record for each other
sentence that states something checkable.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterator, Optional

from .furniture import is_furniture
from .models import Claim, Cue, QuoteKind, Source, SourceType, claim_id

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    from .attribution import Attribution, SourceInfo

# spaCy's parser needs memory in proportion to a text's length; long inputs
# are cut at paragraph breaks into pieces of at most this many characters.
MAX_CHUNK_CHARS = 100_000
_FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
_SOURCE_TYPES = {t.value for t in SourceType}


@dataclass
class Extraction:
    """The claims of one document and how many sentences they were found in."""

    doc_id: str
    claims: list[Claim] = field(default_factory=list)
    sentences: int = 0

    @property
    def attributed(self) -> int:
        return sum(1 for claim in self.claims if claim.attributed)


@dataclass
class ChunkClaims:
    """The claims found in one piece of a document, its sentence count and its length."""

    claims: list[Claim]
    sentences: int
    characters: int


def extract_claims(text: str, *, doc_id: str, doc_path: Optional[str] = None, nlp: "Language | None" = None) -> list[Claim]:
    """Extract the claims of one document text (the library's main entry point)."""
    return extract_text(text, doc_id=doc_id, doc_path=doc_path, nlp=nlp).claims


def extract_text(text: str, *, doc_id: str, doc_path: Optional[str] = None, nlp: "Language | None" = None) -> Extraction:
    """Parse ``text`` (in pieces when it is long) and collect its claims."""
    result = Extraction(doc_id=doc_id)
    for piece in iter_chunk_claims(text, doc_id=doc_id, doc_path=doc_path, nlp=nlp):
        result.claims.extend(piece.claims)
        result.sentences += piece.sentences
    return result


def iter_chunk_claims(
    text: str, *, doc_id: str, doc_path: Optional[str] = None, nlp: "Language | None" = None
) -> Iterator[ChunkClaims]:
    """The claims of ``text`` piece by piece, so that a huge document never sits in memory as claims."""
    if nlp is None:
        from .nlp import load_pipeline

        nlp = load_pipeline()
    for offset, chunk in split_into_chunks(text):
        doc = nlp(chunk)
        sentences = sum(1 for s in doc.sents if s.text.strip())
        yield ChunkClaims(claims_from_doc(doc, doc_id=doc_id, doc_path=doc_path, offset=offset), sentences, len(chunk))


def split_into_chunks(text: str, max_chars: int = MAX_CHUNK_CHARS) -> list[tuple[int, str]]:
    """Cut ``text`` into ``(offset, piece)`` pairs at the best break before ``max_chars``."""
    chunks = []
    start = 0
    while len(text) - start > max_chars:
        end = _break_before(text, start, start + max_chars)
        chunks.append((start, text[start:end]))
        start = end
    if start < len(text) or not chunks:
        chunks.append((start, text[start:]))
    return chunks


def _break_before(text: str, start: int, limit: int) -> int:
    # Prefer a paragraph break, then a line break, then a sentence end, then any space.
    for separator in ("\n\n", "\n", ". ", " "):
        cut = text.rfind(separator, start + 1, limit)
        if cut > start:
            return cut + len(separator)
    return limit


def claims_from_doc(doc: "Doc", *, doc_id: str, doc_path: Optional[str] = None, offset: int = 0) -> list[Claim]:
    """All claims of a parsed document (or of one chunk starting at ``offset``)."""
    from .attribution import find_attributions, normalise_sources

    sentences = [s for s in doc.sents if s.text.strip()]
    starts = [s.start_char for s in sentences]
    furniture = {s.start for s in sentences if is_furniture(s.text)}
    attributions = find_attributions(doc)
    infos = normalise_sources(doc, [a.source for a in attributions])
    claims: dict[str, Claim] = {}
    covered: set[int] = set()
    for attribution, info in zip(attributions, infos):
        for sentence in _sentences_overlapping(sentences, starts, attribution.content):
            if sentence.start in furniture:
                continue
            spans = _clip(attribution.content, sentence)
            if not spans:
                continue
            covered.add(sentence.start)
            claim = _attributed_claim(doc, sentence, spans, attribution, info, doc_id, doc_path, offset)
            claims.setdefault(claim.id, claim)
    for sentence in sentences:
        if sentence.start not in covered and sentence.start not in furniture and is_claim_sentence(sentence):
            claim = _unattributed_claim(doc, sentence, doc_id, doc_path, offset)
            claims.setdefault(claim.id, claim)
    return sorted(claims.values(), key=lambda c: (c.start, c.end))


def _sentences_overlapping(sentences: list["Span"], starts: list[int], spans: list[tuple[int, int]]) -> list["Span"]:
    """The sentences that share characters with ``spans``; ``starts`` are their start offsets."""
    found: dict[int, "Span"] = {}
    for start, end in spans:
        index = max(bisect.bisect_right(starts, start) - 1, 0)
        while index < len(sentences) and sentences[index].start_char < end:
            if sentences[index].end_char > start:
                found[index] = sentences[index]
            index += 1
    return [found[i] for i in sorted(found)]


def is_claim_sentence(sentence: "Span") -> bool:
    """A sentence that states something: a finite verb, enough words, not a question."""
    words = [t for t in sentence if t.is_alpha]
    if len(words) < 4 or sentence.text.rstrip().endswith("?"):
        return False
    return any(t.tag_ in _FINITE_TAGS for t in sentence)


def _clip(spans: list[tuple[int, int]], sentence: "Span") -> list[tuple[int, int]]:
    """The parts of ``spans`` inside ``sentence``, trimmed of surrounding whitespace."""
    text = sentence.doc.text
    clipped = []
    for start, end in spans:
        start, end = max(start, sentence.start_char), min(end, sentence.end_char)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            clipped.append((start, end))
    return clipped


def _sentence_bounds(sentence: "Span") -> tuple[int, int]:
    text = sentence.text
    start = sentence.start_char + (len(text) - len(text.lstrip()))
    return start, sentence.start_char + len(text.rstrip())


def _attributed_claim(doc, sentence, spans, attribution: "Attribution", info: "SourceInfo | None", doc_id, doc_path, offset) -> Claim:
    start, end = spans[0][0], spans[-1][1]
    sentence_start, sentence_end = _sentence_bounds(sentence)
    return Claim(
        id=claim_id(doc_id, start + offset, end + offset),
        doc_id=doc_id,
        doc_path=doc_path,
        start=start + offset,
        end=end + offset,
        text=doc.text[start:end],
        content_spans=[(s + offset, e + offset) for s, e in spans],
        sentence=doc.text[sentence_start:sentence_end],
        sentence_start=sentence_start + offset,
        sentence_end=sentence_end + offset,
        source=_source(doc, attribution.source, info, offset),
        cue=_cue(doc, attribution.cue, offset),
        quote=QuoteKind(attribution.quote),
        hedged=attribution.hedged,
    )


def _unattributed_claim(doc, sentence, doc_id, doc_path, offset) -> Claim:
    start, end = _sentence_bounds(sentence)
    return Claim(
        id=claim_id(doc_id, start + offset, end + offset),
        doc_id=doc_id,
        doc_path=doc_path,
        start=start + offset,
        end=end + offset,
        text=doc.text[start:end],
        content_spans=[(start + offset, end + offset)],
        sentence=doc.text[start:end],
        sentence_start=start + offset,
        sentence_end=end + offset,
    )


def _source(doc, span, info: "SourceInfo | None", offset: int) -> Optional[Source]:
    if span is None:
        return None
    start, end = span
    kind = info.type if info and info.type in _SOURCE_TYPES else None
    return Source(
        text=doc.text[start:end],
        start=start + offset,
        end=end + offset,
        name=info.name if info else None,
        type=SourceType(kind) if kind else None,
        role=info.role if info else None,
        affiliation=info.affiliation if info else None,
    )


def _cue(doc, span, offset: int) -> Optional[Cue]:
    if span is None:
        return None
    start, end = span
    return Cue(text=doc.text[start:end], start=start + offset, end=end + offset)
