"""Document text -> claim records. No file or store I/O happens here.

A document is parsed by spaCy, the attribution finder tags who said what,
and every claim sentence becomes a :class:`~claimtrack.models.Claim`: one
record per sentence of attributed content (a quote over three sentences
gives three records with the same source), plus one record for each other
sentence that states something checkable.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .attribution.context import FINITE_TAGS, is_title_question, without_auxiliary_participle
from .chunks import ChunkResult, ChunkTask, split_into_chunks
from .furniture import is_furniture, is_note_paragraph, notes_at_end
from .models import Claim, Cue, QuoteKind, Source, SourceType, claim_id
from .quantities import find_quantities

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

    from .attribution import Attribution, SourceInfo

_SOURCE_TYPES = {t.value for t in SourceType}


@dataclass
class Extraction:
    """The claims of one document and how many sentences they were found in."""

    doc_id: str
    claims: list[Claim] = field(default_factory=list)
    sentences: int = 0


@dataclass
class ChunkClaims:
    """The claims found in one piece of a document, its sentence count and its length."""

    claims: list[Claim]
    sentences: int
    characters: int


def extract_claims(text: str, *, doc_id: str, doc_path: str | None = None, nlp: Language | None = None) -> list[Claim]:
    """Extract the claims of one document text (the library's main entry point)."""
    return extract_text(text, doc_id=doc_id, doc_path=doc_path, nlp=nlp).claims


def extract_text(text: str, *, doc_id: str, doc_path: str | None = None, nlp: Language | None = None) -> Extraction:
    """Parse ``text`` (in pieces when it is long) and collect its claims."""
    result = Extraction(doc_id=doc_id)
    for piece in iter_chunk_claims(text, doc_id=doc_id, doc_path=doc_path, nlp=nlp):
        result.claims.extend(piece.claims)
        result.sentences += piece.sentences
    return result


def iter_chunk_claims(
    text: str, *, doc_id: str, doc_path: str | None = None, nlp: Language | None = None
) -> Iterator[ChunkClaims]:
    """The claims of ``text`` piece by piece, so that a huge document never sits in memory as claims."""
    if nlp is None:
        from .nlp import load_pipeline

        nlp = load_pipeline()
    from .matmul import one_blas_thread

    for offset, chunk in split_into_chunks(text):
        with one_blas_thread():
            doc = nlp(chunk)
        ends = offset + len(chunk) == len(text)
        claims = claims_from_doc(doc, doc_id=doc_id, doc_path=doc_path, offset=offset, ends_document=ends)
        yield ChunkClaims(claims, count_sentences(doc), len(chunk))


def count_sentences(doc: Doc) -> int:
    """The sentences of ``doc`` that have words (what a report counts)."""
    # A sentence's text is blank when all its tokens are (Token.is_space is str.isspace):
    # one array read instead of rebuilding each sentence's text from its tokens.
    blank = doc.to_array("IS_SPACE")
    return sum(1 for s in doc.sents if not blank[s.start : s.end].all())


def parse_batch(tasks: list[ChunkTask], nlp: Language) -> list[ChunkResult]:
    """Parse several pieces in one ``nlp.pipe`` call (spaCy batches their matrix work) and collect their claims.

    numpy's BLAS is held to one thread meanwhile (:mod:`claimtrack.matmul`), and only meanwhile: on a Dask
    worker, the process's other tasks keep the setting they had."""
    from .matmul import one_blas_thread

    with one_blas_thread():
        return results_of(tasks, nlp.pipe(task.text for task in tasks))


def results_of(tasks: list[ChunkTask], docs: Iterable[Doc]) -> list[ChunkResult]:
    """The claims of pieces parsed already (``docs``, one per task)."""
    from .store.records import dump_record

    results = []
    for task, doc in zip(tasks, docs):
        claims = claims_from_doc(
            doc,
            doc_id=task.doc_id,
            doc_path=task.doc_path,
            offset=task.offset,
            doc_sha256=task.doc_sha256,
            ends_document=task.ends_document,
        )
        attributed = sum(1 for claim in claims if claim.attributed)
        results.append(ChunkResult([dump_record(claim) for claim in claims], count_sentences(doc), len(task.text), attributed))
    return results


@dataclass(frozen=True)
class _Chunk:
    """One parsed piece of a document and where it sits in the whole."""

    doc: Doc
    # spaCy rebuilds Doc.text from its tokens on every access: read it once.
    text: str
    doc_id: str
    doc_path: str | None
    offset: int

    def span(self, start: int, end: int) -> tuple[str, int, int]:
        """Text and document offsets of a chunk-relative span."""
        return self.text[start:end], start + self.offset, end + self.offset

    def text_of(self, sentence: Span) -> str:
        """``sentence.text``, sliced from the chunk's text: Span.text joins the text of each of its tokens."""
        return self.text[sentence.start_char : sentence.end_char]


def claims_from_doc(
    doc: Doc,
    *,
    doc_id: str,
    doc_path: str | None = None,
    offset: int = 0,
    doc_sha256: str | None = None,
    ends_document: bool = True,
) -> list[Claim]:
    """All claims of a parsed document (or of one chunk starting at ``offset``).

    ``doc_sha256``, the digest of the whole document's text, is recorded in
    each claim: it says which stored text the claim's offsets index.
    ``ends_document`` says whether the chunk is the document's last: only
    there are lines at its end the article's notes (see
    :func:`~claimtrack.furniture.notes_at_end`).
    """
    claims = _claims_of_chunk(doc, doc_id=doc_id, doc_path=doc_path, offset=offset, ends_document=ends_document)
    if doc_sha256 is None:
        return claims
    return [claim.model_copy(update={"doc_sha256": doc_sha256}) for claim in claims]


def _claims_of_chunk(doc: Doc, *, doc_id: str, doc_path: str | None, offset: int, ends_document: bool) -> list[Claim]:
    from .attribution import find_attributions, normalise_sources

    chunk = _Chunk(doc, doc.text, doc_id, doc_path, offset)
    sentences = [s for s in doc.sents if not chunk.text_of(s).isspace()]
    starts = [s.start_char for s in sentences]
    furniture = {s.start for s in sentences if is_furniture(chunk.text_of(s))} | _in_notes(chunk, sentences)
    # Footnotes under the article ("1 Data for December 2025 are provisional.") explain it; they claim nothing.
    notes = notes_at_end(chunk.text) if ends_document else len(chunk.text)
    furniture |= {s.start for s in sentences if s.start_char >= notes}
    attributions = find_attributions(doc, text=chunk.text)
    infos = normalise_sources(doc, [a.source for a in attributions], text=chunk.text)
    claims: dict[str, Claim] = {}
    covered: set[int] = set()
    made: dict[int, list[str]] = {}  # id(attribution) -> the ids of its claims, one per sentence
    maker: dict[str, Attribution] = {}  # claim id -> the attribution that made the claim
    for attribution, info in zip(attributions, infos):
        for sentence in _sentences_overlapping(sentences, starts, attribution.content):
            spans = _clip(chunk.text, attribution.content, sentence)
            if sentence.start in furniture or not spans:
                continue
            if _holds_main_verb(attribution, sentence):
                covered.add(sentence.start)
            claim = _attributed_claim(chunk, sentence, spans, attribution, info)
            if claim.id not in claims or maker[claim.id].parent is attribution:
                # Two readings of the same words are one claim, the report's: "Russia has reportedly moved 20,000
                # troops, officials said" is the officials' claim, not the agentless "reportedly" nested in it.
                claims[claim.id], maker[claim.id] = claim, attribution
            made.setdefault(id(attribution), []).append(claim.id)
    _link_parents(attributions, made, claims, chunk.offset)
    for sentence in sentences:
        if sentence.start not in covered and sentence.start not in furniture and is_claim_sentence(sentence):
            claim = _unattributed_claim(chunk, sentence)
            claims.setdefault(claim.id, claim)
    return sorted(claims.values(), key=lambda c: (c.start, c.end))


def _in_notes(chunk: _Chunk, sentences: list[Span]) -> set[int]:
    """The sentences of the paragraphs that are notes about the article: a correction, an editor's note."""
    found: set[int] = set()
    for sentence in sentences:
        paragraph = chunk.text.rfind("\n\n", 0, sentence.start_char) + 1
        if chunk.text[paragraph : paragraph + 1].isspace():
            paragraph += 1
        if is_note_paragraph(chunk.text[paragraph : paragraph + 40]):
            found.add(sentence.start)
    return found


def _holds_main_verb(attribution: Attribution, sentence: Span) -> bool:
    """Whether the sentence's main verb is part of the attribution (its cue, or inside its source or content).

    "Production will stay suspended until the checks end, which the ministry
    said would take two weeks": the ministry claims the relative clause; the
    main clause is the article's own statement, a claim of its own.
    """
    root = sentence.root
    if root.pos_ not in ("VERB", "AUX") or _shares_subject_with_root(attribution, root):
        return True
    at = root.idx
    spans = [*attribution.content, *(span for span in (attribution.cue, attribution.source) if span is not None)]
    return any(start <= at < end for start, end in spans)


def _shares_subject_with_root(attribution: Attribution, root) -> bool:
    """ "X welcomed the designations and said …", "he appeared to suggest that …": the cue is the main verb's
    conjunct or complement, with its subject; the sentence is the speaker's report (and often a misparse:
    "Materials found on … and … indicate that …")."""
    if attribution.cue is None:
        return False
    start, end = attribution.cue
    return any(
        start <= child.idx < end and not any(g.dep_ in ("nsubj", "nsubjpass") for g in child.children)
        for child in root.children
        if child.dep_ in ("conj", "xcomp")
    )


def _link_parents(attributions: list[Attribution], made: dict[int, list[str]], claims: dict[str, Claim], offset: int) -> None:
    """Fill ``parent`` on the claims of nested attributions: the parent's claim around the nested cue."""
    for attribution in attributions:
        if attribution.parent is None or attribution.cue is None:
            continue
        parents = [claims[i] for i in made.get(id(attribution.parent), [])]
        if not parents:
            continue
        cue = attribution.cue[0] + offset
        parent = next((c for c in parents if c.sentence_start <= cue < c.sentence_end), parents[0])
        for claim_id_ in made.get(id(attribution), []):
            if claim_id_ != parent.id:
                claims[claim_id_] = claims[claim_id_].model_copy(update={"parent": parent.id})


def _sentences_overlapping(sentences: list[Span], starts: list[int], spans: list[tuple[int, int]]) -> list[Span]:
    """The sentences that share characters with ``spans``; ``starts`` are their start offsets."""
    found: dict[int, Span] = {}
    for start, end in spans:
        index = max(bisect.bisect_right(starts, start) - 1, 0)
        while index < len(sentences) and sentences[index].start_char < end:
            if sentences[index].end_char > start:
                found[index] = sentences[index]
            index += 1
    return [found[i] for i in sorted(found)]


def is_claim_sentence(sentence: Span) -> bool:
    """A sentence that states something: a finite verb, enough words, not a question (nor a title's: "How
    Sanctioned Oil Still Reaches Europe")."""
    words = [t for t in sentence if t.is_alpha]
    if len(words) < 4 or sentence.text.rstrip().endswith("?") or is_title_question(sentence.text):
        return False
    return any(t.tag_ in FINITE_TAGS for t in sentence) or _past_tense_read_as_participle(sentence.root)


def _past_tense_read_as_participle(root: Token) -> bool:
    """ "At least 60 vessels with hidden ownership shipped crude …": the tagger read the main verb as a participle;
    with a subject of its own and no auxiliary it is the sentence's finite verb (a caption's "Photo taken by …"
    has neither, its root being the noun)."""
    return without_auxiliary_participle(root) and any(child.dep_ == "nsubj" for child in root.children)


def _clip(text: str, spans: list[tuple[int, int]], sentence: Span) -> list[tuple[int, int]]:
    """The parts of ``spans`` inside ``sentence``, trimmed of surrounding whitespace; none when those parts have
    no word (a closing quote mark the parser put in the next sentence is no claim of its own)."""
    clipped = []
    for start, end in spans:
        start, end = max(start, sentence.start_char), min(end, sentence.end_char)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            clipped.append((start, end))
    return clipped if any(ch.isalnum() for start, end in clipped for ch in text[start:end]) else []


def _sentence_bounds(chunk: _Chunk, sentence: Span) -> tuple[int, int]:
    text = chunk.text_of(sentence)
    start = sentence.start_char + (len(text) - len(text.lstrip()))
    return start, sentence.start_char + len(text.rstrip())


def _claim(chunk: _Chunk, sentence: Span, spans: list[tuple[int, int]], **attribution) -> Claim:
    """A claim record for content ``spans`` (chunk offsets) in ``sentence``."""
    text, start, end = chunk.span(spans[0][0], spans[-1][1])
    sentence_text, sentence_start, sentence_end = chunk.span(*_sentence_bounds(chunk, sentence))
    return Claim(
        id=claim_id(chunk.doc_id, start, end, text),
        doc_id=chunk.doc_id,
        doc_path=chunk.doc_path,
        start=start,
        end=end,
        text=text,
        content_spans=[(s + chunk.offset, e + chunk.offset) for s, e in spans],
        sentence=sentence_text,
        sentence_start=sentence_start,
        sentence_end=sentence_end,
        quantities=find_quantities(text),
        **attribution,
    )


def _attributed_claim(chunk: _Chunk, sentence, spans, attribution: Attribution, info: SourceInfo | None) -> Claim:
    return _claim(
        chunk,
        sentence,
        spans,
        source=_source(chunk, attribution.source, info),
        cue=Cue(**_span_fields(chunk, attribution.cue)) if attribution.cue else None,
        quote=QuoteKind(attribution.quote),
        hedged=attribution.hedged,
    )


def _unattributed_claim(chunk: _Chunk, sentence: Span) -> Claim:
    return _claim(chunk, sentence, [_without_dateline(chunk, *_sentence_bounds(chunk, sentence))], hedged=author_hedges(sentence))


def _without_dateline(chunk: _Chunk, start: int, end: int) -> tuple[int, int]:
    """The span from ``start`` to ``end`` after a wire story's dateline ("MOSCOW, April 24 (Reuters) - "), which
    says where and when the story was filed, not what anyone claims: kept, it made two outlets' copies of one
    sentence differ in their first words (a QA pass)."""
    from .attribution.shaping import DATELINE

    dateline = DATELINE.match(chunk.text, start, end)
    return (dateline.end(), end) if dateline is not None and dateline.end() < end else (start, end)


# Verbs with which the author hedges a statement of their own ("The drones appear to have come from Belarus").
_AUTHOR_HEDGES = frozenset({"appear", "seem"})


def author_hedges(sentence: Span) -> bool:
    """Whether the sentence's main verb is the author's hedge, "seems to" or "appears to": no one's claim
    (GUIDELINES.md), but a hedged one."""
    root = sentence.root
    return root.lemma_.lower() in _AUTHOR_HEDGES and any(child.dep_ == "xcomp" for child in root.children)


def _span_fields(chunk: _Chunk, span: tuple[int, int]) -> dict:
    text, start, end = chunk.span(*span)
    return {"text": text, "start": start, "end": end}


def _source(chunk: _Chunk, span: tuple[int, int] | None, info: SourceInfo | None) -> Source | None:
    if span is None:
        return None
    kind = info.type if info and info.type in _SOURCE_TYPES else None
    return Source(
        **_span_fields(chunk, span),
        name=info.name if info else None,
        type=SourceType(kind) if kind else None,
        role=info.role if info else None,
        affiliation=info.affiliation if info else None,
    )
