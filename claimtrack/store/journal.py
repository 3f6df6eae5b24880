"""The annotation journal: fact-check events appended beside the store until folded into it.

Appending one fsync'd line is what makes ``annotate`` fast on a store of a
million claims: the store itself is only rewritten when that is cheap, or
by ``extract`` and ``compact``, which fold the journal in. Replaying an event
that is already in a claim's history changes nothing, so a crash between
folding and clearing the journal never duplicates an annotation.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterator

from pydantic import ValidationError

from ..errors import BadRecordError
from ..models import Annotation, Claim
from .files import append_durably, fsync_directory
from .records import describe_validation_error, ensure_utf8

Events = dict[str, list[Annotation]]


class Journal:
    """``<store>.journal``: one ``{"id": ..., "event": {...}}`` line per annotation."""

    def __init__(self, path: Path):
        self.path = path

    def read(self) -> Events:
        """Every complete event, grouped by claim id, oldest first."""
        events: Events = {}
        for _, claim_id, event in self.entries():
            events.setdefault(claim_id, []).append(event)
        return events

    def entries(self) -> Iterator[tuple[int, str, Annotation]]:
        """``(line number, claim id, event)`` for each complete line; a bad line raises."""
        for number, line in self._complete_lines():
            yield (number, *parse_entry(line, path=str(self.path), line_number=number))

    def _complete_lines(self) -> Iterator[tuple[int, str]]:
        try:
            handle = self.path.open(encoding="utf-8", errors="surrogateescape")
        except FileNotFoundError:
            return
        with handle:
            for number, line in enumerate(handle, 1):
                # A line without its newline is an append that never finished
                # (a crash mid-write): that annotate did not complete.
                if line.endswith("\n") and line.strip():
                    yield number, line

    def append(self, claim_id: str, event: Annotation) -> None:
        """Durably record ``event`` for ``claim_id`` (call with the store's lock held)."""
        self._drop_torn_tail()
        entry = {"id": claim_id, "event": event.model_dump(mode="json")}
        append_durably(self.path, json.dumps(entry, ensure_ascii=False) + "\n")

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
        """Forget every event (call after they were folded into the store, lock held)."""
        try:
            os.unlink(self.path)
        except FileNotFoundError:
            return
        fsync_directory(self.path.parent)

    def exists(self) -> bool:
        return self.path.exists()


def parse_entry(line: str, *, path: str, line_number: int) -> tuple[str, Annotation]:
    """Validate one journal line, or raise :class:`BadRecordError` with its file and line."""
    ensure_utf8(line, path=path, line_number=line_number)
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadRecordError(path, line_number, f"not valid JSON ({exc.msg})") from None
    if not isinstance(data, dict) or not isinstance(data.get("id"), str) or "event" not in data:
        raise BadRecordError(path, line_number, 'not a journal entry ({"id": ..., "event": {...}})')
    try:
        return data["id"], Annotation.model_validate(data["event"])
    except ValidationError as exc:
        raise BadRecordError(path, line_number, "event." + describe_validation_error(exc)) from None


def with_events(claim: Claim, events: list[Annotation]) -> Claim:
    """``claim`` with the events not yet in its history appended, and its status set by the last."""
    new = [event for event in events if event not in claim.annotations]
    if not new:
        return claim
    history = [*claim.annotations, *new]
    return claim.model_copy(update={"annotations": history, "status": history[-1].status})
