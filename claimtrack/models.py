"""The claim record: pydantic models that are the schema of ``claims.jsonl``.

A record is a contract read by the evaluation scorer and by other tools, so
every field is explicit, unknown fields are refused, and offsets always index
the document text exactly as it was read: ``document[start:end] == text``.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from enum import Enum
from typing import Optional

from pydantic import BaseModel, ConfigDict, Field, model_validator

# Version 2 added ``orphaned``. Older records are migrated on read
# (see claimtrack.store.records); newer ones are refused.
SCHEMA_VERSION = 2


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


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TextSpan(_Record):
    """A span of the document: ``document[start:end] == text``."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> "TextSpan":
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self


class Cue(TextSpan):
    """The words that signal the attribution: "said", "according to"."""


class Source(TextSpan):
    """The source mention as written, and who it normalises to."""

    name: Optional[str] = None
    type: Optional[SourceType] = None
    role: Optional[str] = None
    affiliation: Optional[str] = None


class Annotation(_Record):
    """One fact-check event in a claim's history."""

    at: datetime
    status: Status
    note: Optional[str] = None
    evidence: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)


class Claim(_Record):
    """One claim in one document, with its attribution and fact-check state."""

    schema_version: int = SCHEMA_VERSION
    id: str
    doc_id: str
    doc_path: Optional[str] = None
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    content_spans: list[tuple[int, int]] = Field(default_factory=list)
    sentence: str
    sentence_start: int = Field(ge=0)
    sentence_end: int = Field(ge=0)
    source: Optional[Source] = None
    cue: Optional[Cue] = None
    quote: Optional[QuoteKind] = None
    hedged: bool = False
    status: Status = Status.unverified
    annotations: list[Annotation] = Field(default_factory=list)
    orphaned: bool = False

    @property
    def attributed(self) -> bool:
        """True when the claim has a source or a cue (hedged claims have only a cue)."""
        return self.source is not None or self.cue is not None

    @property
    def last_note(self) -> Optional[str]:
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


def claim_id(doc_id: str, start: int, end: int) -> str:
    """A stable id: the same document and span always give the same id."""
    digest = hashlib.sha1(f"{doc_id}\0{start}\0{end}".encode("utf-8")).hexdigest()
    return digest[:12]


def now() -> datetime:
    # Microseconds keep two events of the same second distinct, which makes
    # replaying the annotation journal idempotent (see claimtrack.store).
    return datetime.now(timezone.utc)
