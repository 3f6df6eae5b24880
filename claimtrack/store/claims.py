"""The claim store: ``claims.jsonl`` plus its lock, annotation journal and id index.

- ``claims.jsonl``: one validated claim a line; what users and other tools read.
- ``claims.jsonl.lock``: writers hold an exclusive lock on it, one at a time.
- ``claims.jsonl.journal``: annotations not yet folded into ``claims.jsonl``.
- ``claims.jsonl.idx``: ids -> byte offsets, so one claim is found without a scan.

Every rewrite of ``claims.jsonl`` goes through a complete, fsync'd temporary
file and a rename; every annotation is an fsync'd journal line before the
command reports success. claimtrack's own readers always apply the journal,
so they see every annotation at once; ``claims.jsonl`` itself has it folded
in straight away while the store is small (under :data:`FOLD_BYTES`), and
otherwise at the next ``extract`` or ``compact``.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, Optional

from ..errors import BadRecordError, ClaimNotFoundError, StoreError
from ..models import Annotation, Claim
from .files import exclusive_lock, remove_stale_temporaries, replace_atomically
from .index import IdIndex, record_id
from .journal import Journal, with_events
from .records import dump_record, parse_record

STORE_ENV = "CLAIMTRACK_STORE"
DEFAULT_STORE = Path("data") / "claims.jsonl"
# Below this size an annotation is folded into claims.jsonl at once (a rewrite
# takes well under a second); above it, it waits in the journal.
FOLD_BYTES = 32 * 1024 * 1024


def default_store_path(explicit: Optional[os.PathLike | str] = None) -> Path:
    """``--store`` wins, then ``$CLAIMTRACK_STORE``, then ``data/claims.jsonl``."""
    if explicit:
        return Path(explicit)
    return Path(os.environ.get(STORE_ENV) or DEFAULT_STORE)


class ClaimStore:
    """A claims.jsonl file and the operations claimtrack performs on it."""

    def __init__(self, path: os.PathLike | str):
        self.path = Path(path)
        self.journal = Journal(self._beside("journal"))
        self.index = IdIndex(self._beside("idx"), self.path)

    def _beside(self, suffix: str) -> Path:
        return self.path.with_name(f"{self.path.name}.{suffix}")

    @property
    def lock_path(self) -> Path:
        return self._beside("lock")

    def exists(self) -> bool:
        return self.path.exists()

    # -- reading -----------------------------------------------------------

    def __iter__(self) -> Iterator[Claim]:
        return self.iter_claims()

    def iter_claims(self) -> Iterator[Claim]:
        """Stream every claim, validated, with journalled annotations applied."""
        # The journal is read before the store is opened: a fold in between
        # then only means its events are in both, and replaying is harmless.
        events = self.journal.read()
        for _, claim in self._records():
            yield with_events(claim, events.get(claim.id, [])) if events else claim

    def _records(self) -> Iterator[tuple[int, Claim]]:
        for number, line in self._lines():
            yield number, parse_record(line, path=str(self.path), line_number=number)

    def _lines(self) -> Iterator[tuple[int, str]]:
        try:
            # Undecodable bytes become surrogates and are reported as a bad line.
            handle = self.path.open(encoding="utf-8", errors="surrogateescape")
        except FileNotFoundError:
            return
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot read store ({exc.strerror})") from None
        with handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    yield number, line

    def get(self, id_prefix: str) -> Claim:
        """The one claim whose id starts with ``id_prefix``."""
        if not id_prefix:
            raise ClaimNotFoundError("claim id is empty")
        claims = self._find(id_prefix)
        if not claims:
            raise ClaimNotFoundError(f"no claim has an id starting with {id_prefix!r}")
        if len(claims) > 1:
            shown = ", ".join(c.id for c in claims[:5]) + (", ..." if len(claims) > 5 else "")
            raise ClaimNotFoundError(f"id prefix {id_prefix!r} is ambiguous: it matches {shown}")
        events = self.journal.read().get(claims[0].id, [])
        return with_events(claims[0], events)

    def _find(self, id_prefix: str) -> list[Claim]:
        """Claims whose id starts with ``id_prefix`` (up to six), through the index when it holds."""
        if not self.path.exists():
            return []
        rows = self.index.lookup(id_prefix)
        if rows is None:
            return self._scan_for(id_prefix)
        found = []
        for row in rows:
            claim = self._record_at(row.offset, row.line)
            if claim is None or claim.id != row.id:
                return self._scan_for(id_prefix)  # the index went stale under us
            found.append(claim)
        return found

    def _record_at(self, offset: int, line: int) -> Optional[Claim]:
        """The record at ``offset``, or None when the store changed since it was indexed."""
        try:
            with self.path.open("rb") as handle:
                handle.seek(offset)
                raw = handle.readline().decode("utf-8", errors="surrogateescape")
            return parse_record(raw, path=str(self.path), line_number=line)
        except (OSError, BadRecordError):
            # A writer replaced the store after the index was checked: the
            # caller falls back to a scan, which reports real bad lines.
            return None

    def _scan_for(self, id_prefix: str) -> list[Claim]:
        found = []
        for _, claim in self._records():
            if claim.id.startswith(id_prefix):
                found.append(claim)
                if len(found) > 5:
                    break
        return found

    # -- writing -------------------------------------------------------------

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the writers' lock: one writer at a time, across processes."""
        with exclusive_lock(self.lock_path):
            yield

    def rewrite(self, transform: Callable[[Iterator[Claim]], Iterable[Claim]]) -> None:
        """Replace the store with ``transform(current claims)``, folding in the journal.

        Runs under the lock. The old store stays intact until the new one is
        complete; the journal is cleared only after the new store is in place.
        """
        with self.locked():
            self._rewrite_locked(transform)

    def _rewrite_locked(self, transform: Callable[[Iterator[Claim]], Iterable[Claim]]) -> None:
        remove_stale_temporaries(self.path)
        events = self.journal.read()
        current = (with_events(c, events.get(c.id, [])) for _, c in self._records())
        replace_atomically(self.path, (dump_record(c) + "\n" for c in transform(current)))
        self.journal.clear()

    def compact(self) -> int:
        """Fold every journalled annotation into claims.jsonl; return how many there were."""
        with self.locked():
            return self._fold_locked()

    def _fold_locked(self) -> int:
        """Write journalled events into their claims' lines; copy every other line as it is.

        Only the annotated claims are parsed, so folding costs little more
        than copying the file.
        """
        events = self.journal.read()
        if not events:
            return 0
        remove_stale_temporaries(self.path)
        replace_atomically(self.path, self._lines_with(events))
        self.journal.clear()
        return sum(len(v) for v in events.values())

    def _lines_with(self, events: dict[str, list[Annotation]]) -> Iterator[str]:
        for number, line in self._lines():
            claim_id = record_id(line)
            if claim_id in events:
                claim = parse_record(line, path=str(self.path), line_number=number)
                yield dump_record(with_events(claim, events[claim_id])) + "\n"
            else:
                yield line if line.endswith("\n") else line + "\n"

    def replace_documents(self, extracted: Mapping[str, Iterable[Claim]]) -> None:
        """Store freshly extracted claims for some documents, keeping every annotation.

        A document's old claims are replaced by its new ones (written after the
        other documents). A claim whose id comes back keeps its status and
        history; an annotated claim that no longer comes back is kept and
        marked ``orphaned``, so no fact-checker's work is lost. The new claims
        are consumed lazily, so they can stream from a :class:`ClaimSpool`.
        """
        self.rewrite(lambda old: _merge_documents(old, extracted))

    def annotate(self, id_prefix: str, event: Annotation) -> Claim:
        """Record ``event`` in one claim's history and set its status; return the claim.

        Durable when this returns: the event is an fsync'd journal line, and
        is folded into claims.jsonl at once while the store is small.
        """
        with self.locked():
            claim = self.get(id_prefix)
            self.journal.append(claim.id, event)
            if self.path.stat().st_size <= FOLD_BYTES:
                self._fold_locked()
        return with_events(claim, [event])


def _merge_documents(old: Iterator[Claim], extracted: Mapping[str, Iterable[Claim]]) -> Iterator[Claim]:
    """Stream the untouched documents' claims, then the extracted documents' new claims."""
    annotated: dict[str, dict[str, Claim]] = {}
    for claim in old:
        if claim.doc_id not in extracted:
            yield claim
        elif claim.annotations:
            # Only annotated old claims matter: their history moves to the new claims.
            annotated.setdefault(claim.doc_id, {})[claim.id] = claim
    for doc_id, new_claims in extracted.items():
        yield from _carry_annotations(new_claims, annotated.get(doc_id, {}))


def _carry_annotations(new_claims: Iterable[Claim], annotated: dict[str, Claim]) -> Iterator[Claim]:
    """New claims with the history of their annotated namesakes; vanished annotated claims as orphans."""
    returned: set[str] = set()
    for claim in new_claims:
        previous = annotated.get(claim.id)
        if previous is not None:
            returned.add(claim.id)
            claim = claim.model_copy(update={"annotations": previous.annotations, "status": previous.status})
        yield claim
    for claim_id, claim in annotated.items():
        if claim_id not in returned:
            yield claim.model_copy(update={"orphaned": True})
