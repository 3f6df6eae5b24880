"""A spool of freshly extracted claims on disk, merged into the store in one short write.

Extraction can take minutes; holding the writers' lock that long would
block every annotator, and keeping all claims in memory would not scale to
huge inputs. So claims are spooled to a temporary file (in the system's
temporary directory, which is cleaned even after a ``kill -9``) as they are
found, and the store is rewritten from the spool, under the lock, only at
the end. The spool file has no name in the file system (it is unlinked as
soon as it is created), so even a ``kill -9`` leaves nothing behind.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator

from ..models import Claim
from .records import dump_record

_BLOCK = 1 << 20


class ClaimSpool:
    """Claims grouped by document in a temporary JSONL file; a context manager."""

    def __init__(self) -> None:
        self._out = tempfile.TemporaryFile(prefix="claimtrack-spool-", suffix=".jsonl")  # noqa: SIM115 - closed by close()
        self._ranges: dict[str, tuple[int, int]] = {}

    def __enter__(self) -> ClaimSpool:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        self._out.close()

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._ranges

    def __len__(self) -> int:
        return len(self._ranges)

    @property
    def size(self) -> int:
        """Bytes spooled: about the size the claims take in a store."""
        return max((end for _, end in self._ranges.values()), default=0)

    def add(self, doc_id: str, claims: Iterable[Claim]) -> None:
        """Spool one document's claims (consumed lazily, so they may come from a generator)."""
        self._out.seek(0, os.SEEK_END)
        start = self._out.tell()
        for claim in claims:
            self._out.write((dump_record(claim) + "\n").encode("utf-8"))
        self._out.flush()
        self._ranges[doc_id] = (start, self._out.tell())

    def add_lines(self, doc_id: str, lines: Iterable[str]) -> None:
        """Spool claims already written as store lines; a document's pieces may come in several calls, one after another."""
        self._out.seek(0, os.SEEK_END)
        start = self._out.tell()
        self._out.write("".join(line + "\n" for line in lines).encode("utf-8"))
        self._out.flush()
        end = self._out.tell()
        if doc_id in self._ranges:
            first, last = self._ranges[doc_id]
            if last != start:
                raise ValueError(f"the pieces of document {doc_id!r} must be spooled one after another")
            start = first
        self._ranges[doc_id] = (start, end)

    def documents(self) -> dict[str, Iterator[Claim]]:
        """Each spooled document's claims, read back lazily in the order they were added."""
        return {doc_id: self._read(start, end) for doc_id, (start, end) in self._ranges.items()}

    def _read(self, start: int, end: int) -> Iterator[Claim]:
        # Positioned reads: each document's reader keeps its own place in the
        # one unnamed file, whatever the others do.
        fd, position, pending = self._out.fileno(), start, b""
        while position < end:
            block = os.pread(fd, min(_BLOCK, end - position), position)
            position += len(block)
            *lines, pending = (pending + block).split(b"\n")
            for line in lines:
                yield Claim.model_validate_json(line)
        if pending:
            yield Claim.model_validate_json(pending)
