"""The JSONL claim store: one validated record a line, locked and atomic.

Writers take an exclusive advisory lock on ``<store>.lock`` and replace the
store with a fully written, fsync'd temporary file, so a reader or a crash
never sees half a record. Readers stream line by line and validate every
record; a bad line stops the read with ``file:line: what is wrong``.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import tempfile
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from pydantic import ValidationError

from .errors import BadRecordError, ClaimNotFoundError, StoreError
from .models import SCHEMA_VERSION, Annotation, Claim

STORE_ENV = "CLAIMTRACK_STORE"
DEFAULT_STORE = Path("data") / "claims.jsonl"


def default_store_path(explicit: Optional[os.PathLike | str] = None) -> Path:
    """``--store`` wins, then ``$CLAIMTRACK_STORE``, then ``data/claims.jsonl``."""
    if explicit:
        return Path(explicit)
    return Path(os.environ.get(STORE_ENV) or DEFAULT_STORE)


def describe_validation_error(exc: ValidationError) -> str:
    """Render a pydantic error as ``field: message; field: message``."""
    parts = []
    for error in exc.errors():
        location = ".".join(str(part) for part in error["loc"]) or "record"
        parts.append(f"{location}: {error['msg']}")
    return "; ".join(parts)


def parse_record(line: str, *, path: str, line_number: int) -> Claim:
    """Validate one JSON line as a :class:`Claim`, or raise :class:`BadRecordError`."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadRecordError(path, line_number, f"not valid JSON ({exc.msg})") from None
    if not isinstance(data, dict):
        raise BadRecordError(path, line_number, "not a JSON object")
    version = data.get("schema_version", SCHEMA_VERSION)
    if isinstance(version, int) and version > SCHEMA_VERSION:
        raise BadRecordError(
            path,
            line_number,
            f"schema_version {version} is newer than this claimtrack understands "
            f"({SCHEMA_VERSION}); upgrade claimtrack",
        )
    try:
        return Claim.model_validate(data)
    except ValidationError as exc:
        raise BadRecordError(path, line_number, describe_validation_error(exc)) from None


def dump_record(claim: Claim) -> str:
    """One JSON line, keys in schema order, non-ASCII kept readable."""
    return json.dumps(claim.model_dump(mode="json"), ensure_ascii=False)


class ClaimStore:
    """A claims.jsonl file and the operations claimtrack performs on it."""

    def __init__(self, path: os.PathLike | str):
        self.path = Path(path)

    @property
    def lock_path(self) -> Path:
        return self.path.with_name(self.path.name + ".lock")

    def exists(self) -> bool:
        return self.path.exists()

    def __iter__(self) -> Iterator[Claim]:
        return self.iter_claims()

    def iter_claims(self) -> Iterator[Claim]:
        """Stream every record, validated; a missing store holds no claims."""
        try:
            handle = self.path.open(encoding="utf-8")
        except FileNotFoundError:
            return
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot read store ({exc.strerror})") from None
        with handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    yield parse_record(line, path=str(self.path), line_number=number)

    def get(self, id_prefix: str) -> Claim:
        """The one claim whose id starts with ``id_prefix``."""
        return _unique(id_prefix, (c for c in self.iter_claims() if c.id.startswith(id_prefix)))

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the writers' lock: one writer at a time, across processes."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.lock_path, "a+") as lock:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock.fileno(), fcntl.LOCK_UN)

    def rewrite(self, transform: Callable[[Iterator[Claim]], Iterable[Claim]]) -> None:
        """Replace the store with ``transform(current claims)``, atomically and under the lock.

        The new content is written to a temporary file in the same directory,
        fsync'd, then renamed over the store: the old store stays intact until
        the new one is complete, whatever happens in between.
        """
        with self.locked():
            self._write_atomically(transform(self.iter_claims()))

    def _write_atomically(self, claims: Iterable[Claim]) -> None:
        directory = self.path.parent
        fd, temp_name = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=directory)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                for claim in claims:
                    out.write(dump_record(claim) + "\n")
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp_name, self.path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp_name)
            raise
        _fsync_directory(directory)

    def replace_documents(self, extracted: dict[str, list[Claim]]) -> None:
        """Store freshly extracted claims for some documents, keeping every annotation.

        A document's old claims are replaced by its new ones (written after the
        other documents). A claim
        whose id comes back keeps its status and history; an annotated claim
        that no longer comes back is kept, so no fact-checker's work is lost.
        """
        self.rewrite(lambda old: _merge_documents(old, extracted))

    def annotate(self, id_prefix: str, event: Annotation) -> Claim:
        """Append ``event`` to one claim's history and set its status; return the claim."""
        annotated: list[Claim] = []

        def apply(old: Iterator[Claim]) -> Iterator[Claim]:
            claims = list(old)
            target = _unique(id_prefix, (c for c in claims if c.id.startswith(id_prefix)))
            for claim in claims:
                if claim.id == target.id:
                    claim = _with_event(claim, event)
                    annotated.append(claim)
                yield claim

        self.rewrite(apply)
        return annotated[0]


def _with_event(claim: Claim, event: Annotation) -> Claim:
    return claim.model_copy(update={"annotations": [*claim.annotations, event], "status": event.status})


def _unique(id_prefix: str, matches: Iterable[Claim]) -> Claim:
    if not id_prefix:
        raise ClaimNotFoundError("claim id is empty")
    found = []
    for claim in matches:
        found.append(claim)
        if len(found) > 5:
            break
    if not found:
        raise ClaimNotFoundError(f"no claim has an id starting with {id_prefix!r}")
    if len(found) > 1:
        shown = ", ".join(c.id for c in found[:5])
        raise ClaimNotFoundError(f"id prefix {id_prefix!r} is ambiguous: it matches {shown}{', ...' if len(found) > 5 else ''}")
    return found[0]


def _merge_documents(old: Iterator[Claim], extracted: dict[str, list[Claim]]) -> Iterator[Claim]:
    """Stream the untouched documents' claims, then the extracted documents' new claims."""
    replaced: dict[str, list[Claim]] = {}
    for claim in old:
        if claim.doc_id in extracted:
            # Kept only for their annotations, which are merged below.
            replaced.setdefault(claim.doc_id, []).append(claim)
        else:
            yield claim
    for doc_id, new_claims in extracted.items():
        yield from _carry_annotations(new_claims, replaced.get(doc_id, []))


def _carry_annotations(new_claims: list[Claim], old_claims: list[Claim]) -> Iterator[Claim]:
    old_by_id = {c.id: c for c in old_claims}
    new_ids = {c.id for c in new_claims}
    for claim in new_claims:
        previous = old_by_id.get(claim.id)
        if previous is not None:
            claim = claim.model_copy(update={"annotations": previous.annotations, "status": previous.status})
        yield claim
    for claim in old_claims:
        if claim.id not in new_ids and claim.annotations:
            yield claim


def _fsync_directory(directory: Path) -> None:
    # The rename is only durable once the directory entry itself is on disk.
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
