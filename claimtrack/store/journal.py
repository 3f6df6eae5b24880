"""The annotation journal: fact-check events appended beside the store until folded into it.

Appending one fsync'd line is what makes ``annotate`` fast on a store of a
million claims: the store itself is only rewritten when that is cheap, or
by ``extract`` and ``compact``, which fold the journal in. Replaying an event
that is already in a claim's history changes nothing, so a crash between
folding and clearing the journal never duplicates an annotation.

Each entry names its claim's id and a digest of the claim's words: an event
is only ever applied to a claim with those words. An entry that no claim
takes is set aside in ``<store>.rejected`` when the journal is folded, never
dropped.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from ..errors import BadRecordError
from ..models import Annotation, Claim, text_digest
from .files import append_durably, fsync_directory, numbered_lines
from .records import describe_validation_error, load_json_object


@dataclass(frozen=True)
class Entry:
    """One journal line: an event for the claim with this id and these words."""

    line: int
    claim_id: str
    digest: str | None  # None in entries written before digests were recorded
    event: Annotation
    raw: str

    def applies_to(self, claim: Claim) -> bool:
        return self.claim_id == claim.id and (self.digest is None or self.digest == text_digest(claim.text))


Events = dict[str, list[Entry]]


class Journal:
    """``<store>.journal``: one ``{"id": ..., "text_digest": ..., "event": {...}}`` line per annotation."""

    def __init__(self, path: Path):
        self.path = path

    def read(self) -> Events:
        """Every complete entry, grouped by claim id, oldest first."""
        events: Events = {}
        for entry in self.entries():
            events.setdefault(entry.claim_id, []).append(entry)
        return events

    def entries(self) -> Iterator[Entry]:
        """Each complete line as an :class:`Entry`; a bad line raises :class:`BadRecordError`.

        A last line without its newline is an append that never finished (a
        crash mid-write): that annotate did not complete, and it is not read.
        """
        for number, line in numbered_lines(self.path, complete_only=True):
            yield parse_entry(line, path=str(self.path), line_number=number)

    def append(self, claim: Claim, event: Annotation) -> None:
        """Durably record ``event`` for ``claim`` (call with the store's lock held)."""
        self.append_all([(claim, event)])

    def append_all(self, events: Iterable[tuple[Claim, Annotation]]) -> None:
        """Durably record each ``(claim, event)``, in one write and one fsync (call with the store's lock held)."""
        self._drop_torn_tail()
        lines = [
            json.dumps(
                {"id": claim.id, "text_digest": text_digest(claim.text), "event": event.model_dump(mode="json")},
                ensure_ascii=False,
            )
            + "\n"
            for claim, event in events
        ]
        append_durably(self.path, "".join(lines))

    def _drop_torn_tail(self) -> None:
        # Cut a half-written last line, so the next entry starts on a line of its own.
        try:
            with self.path.open("rb+") as handle:
                data = handle.read()
                if data and not data.endswith(b"\n"):
                    handle.truncate(data.rfind(b"\n") + 1)
        except FileNotFoundError:
            return

    def clear(self) -> None:
        """Forget every entry (call after each was folded or set aside, lock held)."""
        try:
            os.unlink(self.path)
        except FileNotFoundError:
            return
        fsync_directory(self.path.parent)

    def exists(self) -> bool:
        return self.path.exists()

    def has_entries(self) -> bool:
        """Whether the journal holds anything (an entry, or the torn tail of one): read nothing to know."""
        try:
            return self.path.stat().st_size > 0
        except FileNotFoundError:
            return False


def parse_entry(line: str, *, path: str, line_number: int) -> Entry:
    """Validate one journal line, or raise :class:`BadRecordError` with its file and line."""
    data = load_json_object(line, path=path, line_number=line_number)
    claim_id, digest = data.get("id"), data.get("text_digest")
    if not isinstance(claim_id, str) or "event" not in data or not isinstance(digest, (str, type(None))):
        raise BadRecordError(path, line_number, 'not a journal entry ({"id": ..., "text_digest": ..., "event": {...}})')
    if set(data) - {"id", "text_digest", "event"}:
        unknown = ", ".join(sorted(set(data) - {"id", "text_digest", "event"}))
        raise BadRecordError(path, line_number, f"unknown journal fields: {unknown}")
    try:
        event = Annotation.model_validate(data["event"])
    except ValidationError as exc:
        raise BadRecordError(path, line_number, "event." + describe_validation_error(exc)) from None
    return Entry(line_number, claim_id, digest, event, line)


def with_events(claim: Claim, entries: Iterable[Entry]) -> Claim:
    """``claim`` with the events meant for it and not yet in its history appended; status set by the last."""
    history = list(claim.annotations)
    for entry in entries:
        if entry.applies_to(claim) and entry.event not in history:
            history.append(entry.event)
    if len(history) == len(claim.annotations):
        return claim
    return claim.model_copy(update={"annotations": history, "status": history[-1].status})
