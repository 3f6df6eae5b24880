"""The claim record: pydantic models that are the schema of ``claims.jsonl``.

A record is a contract read by the evaluation scorer and by other tools, so
every field is explicit, unknown fields are refused, and offsets always index
the document text exactly as it was read: ``document[start:end] == text``.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from enum import Enum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    model_validator,
)

# Version 2 added ``orphaned``, version 3 ``doc_sha256``, version 4
# ``quantities`` and ``cluster``. Older records are migrated on read (see
# claimtrack.store.records); newer ones are refused.
SCHEMA_VERSION = 4
DOCUMENT_SCHEMA_VERSION = 1


class Status(str, Enum):
    """Fact-check verdicts, modelled on the ratings fact-checkers publish."""

    unverified = "unverified"
    verified = "verified"
    false = "false"
    misleading = "misleading"
    disputed = "disputed"
    unverifiable = "unverifiable"


class QuoteKind(str, Enum):
    """How the content is reported: verbatim, paraphrased, or both."""

    direct = "direct"
    indirect = "indirect"
    mixed = "mixed"


class SourceType(str, Enum):
    person = "person"
    organisation = "organisation"
    government = "government"
    media = "media"
    document = "document"
    anonymous_group = "anonymous group"


def _aware_timestamp(value: Any) -> Any:
    """Accept a datetime or an ISO 8601 string that names its time zone; nothing else.

    A number is not a timestamp here and a naive time is ambiguous: both
    would be silently reinterpreted, so both are refused.
    """
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise ValueError(f"not an ISO 8601 timestamp: {value!r}") from None
    else:
        raise ValueError(f"a timestamp must be an ISO 8601 string, not {type(value).__name__}")
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise ValueError("timestamp has no time zone")
    return parsed


# Strict where a record is read from disk: "12" is not an offset and "yes" is
# not a boolean. Coercing them would rewrite a damaged record as a valid one.
Offset = Annotated[StrictInt, Field(ge=0)]
Sha256 = Annotated[StrictStr, Field(pattern=r"^[0-9a-f]{64}$")]
Timestamp = Annotated[datetime, BeforeValidator(_aware_timestamp)]


# A list field's default is written ``= []``: pydantic copies it for each record, declares it in the JSON
# schema, and needs no look at a factory's signature (which for ``list`` costs an annotate 5 ms of its start).
class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TextSpan(_Record):
    """A span of the document: ``document[start:end] == text``."""

    text: StrictStr
    start: Offset
    end: Offset

    @model_validator(mode="after")
    def _ordered(self) -> TextSpan:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self


class Cue(TextSpan):
    """The words that signal the attribution: "said", "according to"."""


class Source(TextSpan):
    """The source mention as written, and who it normalises to."""

    name: StrictStr | None = None
    type: SourceType | None = None
    role: StrictStr | None = None
    affiliation: StrictStr | None = None


class QuantityKind(str, Enum):
    """What a number in a claim is: an amount of something, or a calendar date."""

    amount = "amount"
    date = "date"


class Bound(str, Enum):
    """How the figure relates to the true one, as the text words it."""

    exact = "exact"
    approximate = "approximate"  # about, around, roughly, some
    at_least = "at_least"  # at least, more than, over, thousands of
    at_most = "at_most"  # up to, fewer than, nearly, almost


class Quantity(_Record):
    """One number of a claim's text, normalised: "at least 11,000 soldiers" -> 11000 soldier, at least.

    ``start`` and ``end`` index the claim's ``text`` (not the document):
    ``claim.text[start:end] == text``. See :mod:`claimtrack.quantities`.
    """

    text: StrictStr
    start: Offset
    end: Offset
    kind: QuantityKind = QuantityKind.amount
    # The number, with any scale applied ("$22 billion" -> 22000000000, "40%" -> 40);
    # an int when whole. None for a date: its ``date`` says when.
    value: StrictInt | Annotated[StrictFloat, Field(allow_inf_nan=False)] | None = None
    # Singular, lower case ("soldier"), a currency code ("USD"), "percent", a measure ("km", "kV") or a temperature ("°C").
    unit: StrictStr | None = None
    bound: Bound = Bound.exact
    per: StrictStr | None = None  # "$2,000 per soldier" -> "soldier"; "92 to the dollar" -> "USD"
    period: StrictStr | None = None  # "each month" -> "month"
    # ISO 8601 of a date, as precise as written: "2022", "2022-02", "2022-02-24", "--02-28" (no year).
    date: StrictStr | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Quantity:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        if self.kind is QuantityKind.amount and self.value is None:
            raise ValueError("an amount needs a value")
        if self.kind is QuantityKind.date and self.date is None:
            raise ValueError("a date needs its date")
        return self

    @property
    def key(self) -> tuple:
        """What the figure says, whatever its wording and bound: equal keys state the same number.

        ``("amount", 22000000000, "USD", None, None)`` for both "$22 billion" and
        "22 billion dollars"; ``("date", "2022-02-24")`` for a date.
        """
        if self.kind is QuantityKind.date:
            return (self.kind.value, self.date)
        return (self.kind.value, self.value, self.unit, self.per, self.period)

    def describe(self) -> str:
        """The normalised figure in words: "at least 11000 soldier", "2000 USD per soldier each month"."""
        if self.kind is QuantityKind.date:
            return f"date {self.date}"
        words = [_BOUND_WORDS[self.bound], _number(self.value), self.unit or ""]
        if self.per:
            words.append(f"per {self.per}")
        if self.period:
            words.append(f"each {self.period}")
        return " ".join(word for word in words if word)


_BOUND_WORDS = {Bound.exact: "", Bound.approximate: "about", Bound.at_least: "at least", Bound.at_most: "at most"}


def _number(value: float | None) -> str:
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".")
    return str(value)


class Annotation(_Record):
    """One fact-check event in a claim's history."""

    at: Timestamp
    status: Status
    note: StrictStr | None = None
    evidence: list[StrictStr] = []
    tags: list[StrictStr] = []
    # Set when the event was recorded through this claim's cluster (``annotate ID --cluster``): the id of the
    # claim it was recorded on (the cluster's own id when ID named the cluster, its founding claim gone), and
    # the cluster.
    applied_from: StrictStr | None = None
    cluster: StrictStr | None = None


class Claim(_Record):
    """One claim in one document, with its attribution and fact-check state."""

    schema_version: Annotated[StrictInt, Field(ge=1)] = SCHEMA_VERSION
    id: Annotated[StrictStr, Field(min_length=1)]
    doc_id: Annotated[StrictStr, Field(min_length=1)]
    doc_path: StrictStr | None = None
    # The document text this claim's offsets index (see DocumentRecord);
    # None in claims extracted before documents were stored.
    doc_sha256: Sha256 | None = None
    start: Offset
    end: Offset
    text: StrictStr
    content_spans: list[tuple[Offset, Offset]] = []
    sentence: StrictStr
    sentence_start: Offset
    sentence_end: Offset
    source: Source | None = None
    cue: Cue | None = None
    quote: QuoteKind | None = None
    hedged: StrictBool = False
    # The id of the claim whose content this claim's report sits in ("he said
    # he expected a deal": "he expected" is nested in "he said"); None at top level.
    parent: StrictStr | None = None
    status: Status = Status.unverified
    annotations: list[Annotation] = []
    orphaned: StrictBool = False
    # The numbers in ``text``, offsets relative to it (claimtrack.quantities.find_quantities).
    quantities: list[Quantity] = []
    # The claims of the store that state the same fact share a cluster id: the id of the claim
    # that founded it (see claimtrack.clusters). None until the claim is stored by an extract.
    cluster: StrictStr | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Claim:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        if self.sentence_end < self.sentence_start:
            raise ValueError(f"sentence_end {self.sentence_end} is before sentence_start {self.sentence_start}")
        for span_start, span_end in self.content_spans:
            if span_end < span_start:
                raise ValueError(f"content span [{span_start}, {span_end}] ends before it starts")
        return self

    @property
    def attributed(self) -> bool:
        """True when the claim has a source or a cue (hedged claims have only a cue)."""
        return self.source is not None or self.cue is not None

    @property
    def has_number(self) -> bool:
        """True when the claim states an amount (a date alone is not a figure to check)."""
        return any(q.kind is QuantityKind.amount for q in self.quantities)

    @property
    def last_note(self) -> str | None:
        for event in reversed(self.annotations):
            if event.note:
                return event.note
        return None

    @property
    def tags(self) -> list[str]:
        seen: dict[str, None] = {}
        for event in self.annotations:
            seen.update(dict.fromkeys(event.tags))
        return list(seen)

    @property
    def evidence(self) -> list[str]:
        seen: dict[str, None] = {}
        for event in self.annotations:
            seen.update(dict.fromkeys(event.evidence))
        return list(seen)


class DocumentRecord(_Record):
    """One document text the store's claims index, with what is known of where it came from.

    A document id has one current record, its latest extraction. Older texts
    stay, no longer current, while an orphaned claim still indexes them.
    """

    schema_version: Annotated[StrictInt, Field(ge=1)] = DOCUMENT_SCHEMA_VERSION
    doc_id: Annotated[StrictStr, Field(min_length=1)]
    sha256: Sha256
    current: StrictBool = True
    path: StrictStr | None = None  # relative to the store's directory, or a URL; None for stdin
    url: StrictStr | None = None
    title: StrictStr | None = None
    author: StrictStr | None = None
    publisher: StrictStr | None = None
    published: StrictStr | None = None  # as the page gives it, ISO 8601 (YYYY-MM-DD)
    extracted_at: Timestamp
    # sha256 of the settings it was extracted with (claimtrack.fingerprint);
    # None in records written before it was kept. Same text and same settings:
    # a rerun skips the document.
    extraction_settings: Sha256 | None = None
    text: StrictStr

    @model_validator(mode="after")
    def _digest_matches(self) -> DocumentRecord:
        if hashlib.sha256(self.text.encode("utf-8")).hexdigest() != self.sha256:
            raise ValueError("sha256 is not the digest of text")
        return self


def publication_day(published: str | None) -> date | None:
    """The day of a document's ``published`` (ISO 8601, with a time after the day or not); None when it gives none."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def claim_id(doc_id: str, start: int, end: int, text: str) -> str:
    """A stable id for these words at this span of this document.

    The words are part of the id, so a corrected article, or another article
    under the same document id, can never hand a claim's id (and with it a
    fact-checker's verdict) to different words at the same offsets.
    """
    digest = hashlib.sha1(f"{doc_id}\0{start}\0{end}\0{text}".encode()).hexdigest()
    return digest[:12]


def digest_doc_id(text: str, prefix: str) -> str:
    """``PREFIX-<12 hex digits>``: an id for a document with no name, made from its words so two texts never share one."""
    return f"{prefix}-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:12]}"


def text_digest(text: str) -> str:
    """A short fingerprint of a claim's words, recorded with each journalled annotation."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def now() -> datetime:
    # Microseconds keep two events of the same second distinct, which makes
    # replaying the annotation journal idempotent (see claimtrack.store).
    return datetime.now(UTC)
