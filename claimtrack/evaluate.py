"""Precision, recall and F1 of extracted attributions against a gold attribution file.

The metric definitions are those of the shared scorer (``score.py``, described
in ``FORMAT.md``), so claimtrack's figures and the scorer's agree:

- ``attribution``: a prediction is correct when its content shares a token
  with a gold content and its source shares a token with that gold
  attribution's source (or neither has a source); recall counts the gold
  attributions found. This is the headline figure.
- ``content``: the same, ignoring the source.
- ``content_tok`` / ``source_tok``: token overlap of all predicted against all
  gold content (or source) in each document.
- ``recall_by_type``: attribution recall for each gold ``type`` (direct,
  mixed, indirect, agentless) and for nested / not nested gold attributions,
  when the gold file carries those fields.

Tokens are runs of word characters and single punctuation marks, so a match
does not depend on where either side put a space or a closing quote. Only
attributed predictions (with a source or a cue) are scored, and only for
documents present in the gold file. A prediction marked nested (``"nested":
true`` or a ``parent``) is scored only in gold documents that annotate nested
attributions (whose attributions carry a ``nested`` field); elsewhere it is
counted and ignored, as PolNeAR, for one, does not annotate them. Nothing here
prints or imports spaCy.
"""

from __future__ import annotations

import bisect
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from .errors import EvaluationError
from .models import Claim
from .store import describe_validation_error, dump_record
from .store.files import atomic_text_file

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

Span = tuple[int, int]
TOKEN = re.compile(r"\w+|[^\w\s]")
METRICS = ("attribution", "content", "content_tok", "source_tok")
ROLES = ("source", "cue", "content")


# --- Records ----------------------------------------------------------------


class GoldAttribution(BaseModel):
    """One gold attribution: each role is a list of ``[start, end)`` character spans."""

    model_config = ConfigDict(extra="forbid")

    id: str
    source: list[Span]
    cue: list[Span]
    content: list[Span]
    type: Literal["direct", "mixed", "indirect", "agentless"] | None = None
    nested: bool | None = None

    @property
    def kinds(self) -> tuple[str, ...]:
        """The groups this attribution's recall is reported under: its type, then nested or not."""
        nested = None if self.nested is None else "nested" if self.nested else "not nested"
        return tuple(kind for kind in (self.type, nested) if kind)


class GoldDocument(BaseModel):
    """One line of a gold file: a document's text and its attributions."""

    model_config = ConfigDict(extra="forbid")

    doc_id: str
    text: str
    attributions: list[GoldAttribution]
    url: str | None = None
    publisher: str | None = None

    @property
    def annotates_nested(self) -> bool:
        """Whether nested attributions were annotated: any attribution has a ``nested`` field, even null."""
        return any("nested" in attribution.model_fields_set for attribution in self.attributions)


class PredictedSpan(BaseModel):
    """A predicted source or cue; a claim record's ``Source``/``Cue`` reads as one."""

    # Other fields (text, name, type...) are ignored, so a claim store scores as it is.
    model_config = ConfigDict(extra="ignore")

    start: int
    end: int
    spans: list[Span] = []

    @property
    def all_spans(self) -> list[Span]:
        return list(self.spans) or [(self.start, self.end)]


class Prediction(BaseModel):
    """The fields of a predicted claim that scoring reads (the scorer's PRED format)."""

    model_config = ConfigDict(extra="ignore")

    doc_id: str
    start: int
    end: int
    content_spans: list[Span] = []
    source: PredictedSpan | None = None
    cue: PredictedSpan | None = None
    # Read as the scorer reads them: nested when `nested` is exactly true or `parent` is set.
    nested: Any = None
    parent: Any = None

    @field_validator("source", "cue", mode="before")
    @classmethod
    def _empty_is_none(cls, value: Any) -> Any:
        # The scorer treats an empty object like null: no source (or cue).
        return value or None

    @property
    def attributed(self) -> bool:
        return self.source is not None or self.cue is not None

    @property
    def content(self) -> list[Span]:
        return list(self.content_spans) or [(self.start, self.end)]

    @property
    def is_nested(self) -> bool:
        """A report inside another attribution's content or quote."""
        return self.nested is True or bool(self.parent)


ClaimLike = Claim | Prediction


# --- Reading and writing files ------------------------------------------------


def load_gold(path: os.PathLike | str) -> list[GoldDocument]:
    """Read and validate a gold JSONL file; a bad line raises ``file:line: what is wrong``."""
    documents: list[GoldDocument] = []
    first_line: dict[str, int] = {}
    for number, data in _json_lines(path):
        document = _validated(GoldDocument, data, path, number)
        problem = _span_problem(document)
        if problem is None and document.doc_id in first_line:
            problem = f"duplicate doc_id {document.doc_id!r} (first on line {first_line[document.doc_id]})"
        if problem:
            raise EvaluationError(f"{path}:{number}: {problem}")
        first_line[document.doc_id] = number
        documents.append(document)
    if not documents:
        raise EvaluationError(f"{path}: holds no gold documents")
    return documents


def load_predictions(path: os.PathLike | str) -> list[Prediction]:
    """Read predicted claims: a claim store, a ``--predictions`` file or the scorer's PRED format."""
    return [_validated(Prediction, data, path, number) for number, data in _json_lines(path)]


def save_predictions(claims: Iterable[Claim], path: os.PathLike | str) -> int:
    """Write claim records as JSON Lines (via a temporary file, so never half a file); return the count."""
    count = 0
    with atomic_text_file(Path(path)) as out:
        for claim in claims:
            out.write(dump_record(claim) + "\n")
            count += 1
    return count


def _json_lines(path: os.PathLike | str) -> Iterator[tuple[int, Any]]:
    """``(line number, parsed JSON)`` for every non-blank line of ``path``."""
    try:
        handle = open(path, encoding="utf-8")  # noqa: SIM115 - opened here to word the error, closed by the with below
    except OSError as exc:
        raise EvaluationError(f"{path}: cannot read ({exc.strerror or exc})") from None
    with handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvaluationError(f"{path}:{number}: not valid JSON ({exc.msg})") from None


def _validated(model: type[BaseModel], data: Any, path: os.PathLike | str, number: int) -> Any:
    if not isinstance(data, dict):
        raise EvaluationError(f"{path}:{number}: not a JSON object")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise EvaluationError(f"{path}:{number}: {describe_validation_error(exc)}") from None


def _span_problem(document: GoldDocument) -> str | None:
    """What is wrong with the first span that does not index the text, if any."""
    length = len(document.text)
    for attribution in document.attributions:
        for role in ROLES:
            for start, end in getattr(attribution, role):
                if not 0 <= start <= end <= length:
                    return (
                        f"attribution {attribution.id}: {role} span [{start}, {end}] is not within the text ({length} characters)"
                    )
    return None


# --- Predicting -----------------------------------------------------------------


def predict(
    gold_docs: Iterable[GoldDocument],
    nlp: Language,
    *,
    progress: Callable[[GoldDocument], None] | None = None,
) -> list[Claim]:
    """Extract the claims of every gold document's text, as ``claimtrack extract`` would.

    ``progress`` is called with each document once it is done.
    """
    # Imported here so scoring an existing predictions file never loads the NLP side.
    from .extract import extract_text

    claims: list[Claim] = []
    for document in gold_docs:
        claims.extend(extract_text(document.text, doc_id=document.doc_id, nlp=nlp).claims)
        if progress is not None:
            progress(document)
    return claims


# --- Scoring ---------------------------------------------------------------------


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1, rounded to 4 decimals as the shared scorer does."""

    p: float
    r: float
    f1: float

    @classmethod
    def from_counts(cls, correct_predicted: int, predicted: int, found_gold: int, gold: int) -> PRF:
        p = correct_predicted / predicted if predicted else 0.0
        r = found_gold / gold if gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return cls(round(p, 4), round(r, 4), round(f1, 4))


@dataclass(frozen=True)
class KindRecall:
    """Attribution recall over the gold attributions of one type (or nested / not nested)."""

    found: int
    gold: int
    r: float


@dataclass(frozen=True)
class Scores:
    """The four metrics, recall by type, and the counts they were computed from."""

    documents: int
    gold_attributions: int
    predicted_attributions: int
    unattributed_claims_ignored: int
    predictions_for_unknown_docs: int
    nested_predictions_ignored: int
    attribution: PRF
    content: PRF
    content_tok: PRF
    source_tok: PRF
    recall_by_type: dict[str, KindRecall]

    def metrics(self) -> dict[str, PRF]:
        return {name: getattr(self, name) for name in METRICS}

    def to_dict(self) -> dict[str, Any]:
        """The same keys and shape as ``score.py --json`` prints."""
        return asdict(self)


@dataclass(frozen=True)
class _Unit:
    """One attribution, gold or predicted, as token sets plus its character spans for display."""

    content: frozenset[int]
    source: frozenset[int]
    spans: dict[str, list[Span]]
    gold_id: str | None = None
    kinds: tuple[str, ...] = ()


@dataclass
class _Grouped:
    """The gold documents by id, and the attributed predictions that belong to them."""

    documents: dict[str, GoldDocument]
    predictions: dict[str, list[Prediction]] = field(default_factory=dict)
    unattributed: int = 0
    unknown_docs: set[str] = field(default_factory=set)
    nested_ignored: int = 0


class TokenIndex:
    """Maps character spans of one text to the positions of the tokens they touch."""

    def __init__(self, text: str):
        tokens = [match.span() for match in TOKEN.finditer(text)]
        self._starts = [start for start, _ in tokens]
        self._ends = [end for _, end in tokens]

    def ids(self, spans: Iterable[Span]) -> frozenset[int]:
        """Token positions overlapping any of ``spans``; empty or reversed spans touch none."""
        found: set[int] = set()
        for start, end in spans:
            if end <= start:
                continue
            index = bisect.bisect_right(self._ends, start)  # first token ending after `start`
            while index < len(self._starts) and self._starts[index] < end:
                found.add(index)
                index += 1
        return frozenset(found)


def score(gold_docs: Iterable[GoldDocument], claims: Iterable[ClaimLike]) -> Scores:
    """Score predicted claims (claim records or :class:`Prediction`) against gold documents."""
    grouped = _group(gold_docs, claims)
    tally: Counter[str] = Counter()
    kinds: Counter[tuple[str, bool]] = Counter()
    for document in grouped.documents.values():
        gold, predicted = _units(document, grouped.predictions.get(document.doc_id, []))
        tally.update(_tally_document(gold, predicted))
        kinds.update(_tally_kinds(gold, predicted))
    return Scores(
        documents=len(grouped.documents),
        gold_attributions=tally["gold"],
        predicted_attributions=tally["predicted"],
        unattributed_claims_ignored=grouped.unattributed,
        predictions_for_unknown_docs=len(grouped.unknown_docs),
        nested_predictions_ignored=grouped.nested_ignored,
        attribution=PRF.from_counts(tally["attribution_p"], tally["predicted"], tally["attribution_r"], tally["gold"]),
        content=PRF.from_counts(tally["content_p"], tally["predicted"], tally["content_r"], tally["gold"]),
        content_tok=_token_prf(tally, "content"),
        source_tok=_token_prf(tally, "source"),
        recall_by_type=_recall_by_kind(kinds),
    )


def _group(gold_docs: Iterable[GoldDocument], claims: Iterable[ClaimLike]) -> _Grouped:
    """Sort predictions by document, counting those not scored.

    Not scored: unattributed claims, claims of unknown documents, nested ones where the gold does not annotate nesting.
    """
    grouped = _Grouped(documents={document.doc_id: document for document in gold_docs})
    for claim in claims:
        prediction = as_prediction(claim)
        if not prediction.attributed:
            grouped.unattributed += 1
        elif prediction.doc_id not in grouped.documents:
            grouped.unknown_docs.add(prediction.doc_id)
        elif prediction.is_nested and not grouped.documents[prediction.doc_id].annotates_nested:
            grouped.nested_ignored += 1
        else:
            grouped.predictions.setdefault(prediction.doc_id, []).append(prediction)
    return grouped


def as_prediction(claim: ClaimLike) -> Prediction:
    """The scored fields of a claim record (a :class:`Prediction` is returned as it is)."""
    if isinstance(claim, Prediction):
        return claim
    return Prediction(
        doc_id=claim.doc_id,
        start=claim.start,
        end=claim.end,
        content_spans=list(claim.content_spans),
        source=PredictedSpan(start=claim.source.start, end=claim.source.end) if claim.source else None,
        cue=PredictedSpan(start=claim.cue.start, end=claim.cue.end) if claim.cue else None,
        parent=claim.parent,
    )


def _units(document: GoldDocument, predictions: list[Prediction]) -> tuple[list[_Unit], list[_Unit]]:
    """Gold attributions (those with content) and predictions of one document as token sets."""
    index = TokenIndex(document.text)
    gold = [
        _Unit(index.ids(a.content), index.ids(a.source), {"source": a.source, "cue": a.cue, "content": a.content}, a.id, a.kinds)
        for a in document.attributions
        if a.content
    ]
    predicted = [_predicted_unit(index, p) for p in predictions]
    return gold, predicted


def _predicted_unit(index: TokenIndex, prediction: Prediction) -> _Unit:
    source = prediction.source.all_spans if prediction.source else []
    cue = prediction.cue.all_spans if prediction.cue else []
    spans = {"source": source, "cue": cue, "content": prediction.content}
    return _Unit(index.ids(prediction.content), index.ids(source), spans)


def _source_ok(predicted: _Unit, gold: _Unit) -> bool:
    # A gold attribution with no source is matched only by a prediction with none.
    return bool(predicted.source & gold.source) if gold.source else not predicted.source


def _matches(predicted: _Unit, gold: _Unit) -> bool:
    """A correct attribution: overlapping content and a compatible source."""
    return bool(predicted.content & gold.content) and _source_ok(predicted, gold)


def _tally_document(gold: list[_Unit], predicted: list[_Unit]) -> Counter[str]:
    """The counts one document adds to each metric's numerators and denominators."""
    tally: Counter[str] = Counter(gold=len(gold), predicted=len(predicted))
    for p in predicted:
        tally["content_p"] += any(p.content & g.content for g in gold)
        tally["attribution_p"] += any(_matches(p, g) for g in gold)
    for g in gold:
        tally["content_r"] += any(p.content & g.content for p in predicted)
        tally["attribution_r"] += any(_matches(p, g) for p in predicted)
    for role in ("content", "source"):
        gold_tokens = frozenset().union(*(getattr(g, role) for g in gold))
        predicted_tokens = frozenset().union(*(getattr(p, role) for p in predicted))
        tally[f"{role}_overlap"] += len(gold_tokens & predicted_tokens)
        tally[f"{role}_predicted"] += len(predicted_tokens)
        tally[f"{role}_gold"] += len(gold_tokens)
    return tally


def _tally_kinds(gold: list[_Unit], predicted: list[_Unit]) -> Counter[tuple[str, bool]]:
    """``(kind, found)``: how many gold attributions of each kind were found, and missed."""
    return Counter((kind, any(_matches(p, g) for p in predicted)) for g in gold for kind in g.kinds)


def _recall_by_kind(kinds: Counter[tuple[str, bool]]) -> dict[str, KindRecall]:
    """Attribution recall per kind of gold attribution, in name order as the scorer lists them."""
    recall = {}
    for kind in sorted({kind for kind, _ in kinds}):
        found, gold = kinds[kind, True], kinds[kind, True] + kinds[kind, False]
        recall[kind] = KindRecall(found=found, gold=gold, r=round(found / gold, 4))
    return recall


def _token_prf(tally: Counter[str], role: str) -> PRF:
    overlap = tally[f"{role}_overlap"]
    return PRF.from_counts(overlap, tally[f"{role}_predicted"], overlap, tally[f"{role}_gold"])


# --- Errors for people to inspect --------------------------------------------------


@dataclass(frozen=True)
class ErrorItem:
    """A missed gold attribution or a wrong prediction, as readable text.

    ``kind`` is ``missed`` (no prediction overlaps the gold content),
    ``false alarm`` (the prediction overlaps no gold content) or
    ``wrong source`` (the content overlaps, the source does not agree).
    Discontinuous spans are joined with `` … ``. ``start`` and
    ``source_start`` are character offsets, because the same word ("he")
    often occurs more than once; ``note`` names the other side's source,
    with its offset, for a wrong-source error.
    """

    kind: str
    source: str
    cue: str
    content: str
    start: int
    source_start: int | None = None
    gold_id: str | None = None
    note: str = ""


@dataclass(frozen=True)
class DocumentErrors:
    """The errors of one document: gold attributions missed and wrong predictions."""

    doc_id: str
    missed: list[ErrorItem]
    false_alarms: list[ErrorItem]


def errors_by_document(gold_docs: Iterable[GoldDocument], claims: Iterable[ClaimLike]) -> list[DocumentErrors]:
    """Per gold document with any error (in file order), what was missed and what was wrong.

    The same matching as :func:`score`'s ``attribution`` metric: a gold
    attribution is missed when no prediction matches it, a prediction is
    wrong when it matches no gold attribution.
    """
    grouped = _group(gold_docs, claims)
    found = []
    for document in grouped.documents.values():
        errors = _document_errors(document, grouped.predictions.get(document.doc_id, []))
        if errors.missed or errors.false_alarms:
            found.append(errors)
    return found


def _document_errors(document: GoldDocument, predictions: list[Prediction]) -> DocumentErrors:
    gold, predicted = _units(document, predictions)
    missed = [_error(document.text, g, predicted, gold_side=True) for g in gold if not any(_matches(p, g) for p in predicted)]
    wrong = [_error(document.text, p, gold, gold_side=False) for p in predicted if not any(_matches(p, g) for g in gold)]
    return DocumentErrors(document.doc_id, _in_text_order(missed), _in_text_order(wrong))


def _error(text: str, unit: _Unit, others: list[_Unit], *, gold_side: bool) -> ErrorItem:
    """Describe ``unit``; ``others`` are the other side's units, to tell why it did not match."""
    overlapping = [other for other in others if other.content & unit.content]
    if not overlapping:
        kind = "missed" if gold_side else "false alarm"
        note = ""
    else:
        kind = "wrong source"
        sources = dict.fromkeys(_located(text, other.spans["source"]) for other in overlapping)
        note = ("predicted source: " if gold_side else "gold source: ") + ", ".join(sources)
    return ErrorItem(
        kind=kind,
        source=_readable(text, unit.spans["source"]),
        cue=_readable(text, unit.spans["cue"]),
        content=_readable(text, unit.spans["content"]),
        start=_first_offset(unit.spans["content"]) or 0,
        source_start=_first_offset(unit.spans["source"]),
        gold_id=unit.gold_id,
        note=note,
    )


def _first_offset(spans: list[Span]) -> int | None:
    return min((start for start, _ in spans), default=None)


def _located(text: str, spans: list[Span]) -> str:
    """``he @6399``: a source's text and where it starts, or ``(none)``."""
    readable = _readable(text, spans)
    return f"{readable} @{_first_offset(spans)}" if readable else "(none)"


def _readable(text: str, spans: list[Span]) -> str:
    """The text of ``spans`` on one line, parts joined with an ellipsis."""
    parts = (" ".join(text[start:end].split()) for start, end in sorted(spans))
    return " … ".join(part for part in parts if part)


def _in_text_order(items: list[ErrorItem]) -> list[ErrorItem]:
    return sorted(items, key=lambda item: item.start)
