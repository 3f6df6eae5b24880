"""A sorted id index beside the store, so finding one claim never reads them all.

``<store>.idx`` holds a header (the store's size, mtime and inode when it
was indexed) and one fixed-width row per claim: id, byte offset, line
number, sorted by id. A prefix lookup is a binary search over the mapped
file. The index is a cache, trusted only while it is exactly as written:
its size must match the header's row count and its mtime is set to the
store's when it is built, so an index cut, extended or edited by hand no
longer matches and is rebuilt. When it cannot be rebuilt (a read-only
directory), or a row's offset no longer holds its claim, the caller reads
the store instead.

The store's own rewrites (extract, remove, compact, a folded annotate) note
each line's id and offset as they write it (:class:`IndexRows`) and write
the index right after, under the same lock, so the next lookup never pays
for a rescan of the whole store.
"""

from __future__ import annotations

import bisect
import contextlib
import json
import mmap
import os
import re
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..models import SCHEMA_VERSION
from .files import atomic_text_file, replace_atomically

HEADER_BYTES = 256
# How an orphaned claim's line says so (``dump_record``); no string value holds it, its quotes being escaped there.
ORPHANED = '"orphaned": true'
# Each row is the padded id, then " {offset:>15} {line:>10}\n".
OFFSET_DIGITS, LINE_DIGITS = 15, 10
_ROW_EXTRA = OFFSET_DIGITS + LINE_DIGITS + 3
# Records are written with "schema_version" then "id" first; reading the id
# with a pattern is much faster than parsing each line as JSON.
_LEADING_ID = re.compile(r'^\{"schema_version": \d+, "id": "((?:[^"\\]|\\.)*)"')


@dataclass(frozen=True)
class IndexRow:
    id: str
    offset: int
    line: int


class IndexRows:
    """The index's rows, noted line by line as a store is read or written.

    Ids are kept in a list and offsets and line numbers in arrays, so a
    million rows cost tens of megabytes, not the hundreds tuples would.
    """

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.offsets = array("q")
        self.lines = array("q")
        self.width = 1
        self.longest = 0  # bytes in the longest line noted
        self.orphans = 0  # lines noted of orphaned claims (a query of clusters must tell them apart, see duckquery)
        self._offset = 0
        self._line = 0

    def after(self, size: int, lines: int) -> IndexRows:
        """Note the lines to come as following a file of ``size`` bytes and ``lines`` lines (an appended copy)."""
        self._offset, self._line = size, lines
        return self

    def add(self, claim_id: str, offset: int, line: int) -> None:
        self.ids.append(claim_id)
        self.offsets.append(offset)
        self.lines.append(line)
        self.width = max(self.width, len(claim_id) if claim_id.isascii() else len(claim_id.encode("utf-8")))

    def note(self, claim_id: str, line: str) -> str:
        """Pass ``line`` through on its way to being the next line of the store, noting where it starts."""
        self._line += 1
        self.add(claim_id, self._offset, self._line)
        # isascii is O(1) for Python strings: most lines need no encoding to be measured.
        size = len(line) if line.isascii() else len(line.encode("utf-8"))
        self._offset += size
        self.longest = max(self.longest, size)
        self.orphans += ORPHANED in line
        return line

    @property
    def size(self) -> int:
        """Bytes noted so far: the size of the file the noted lines make."""
        return self._offset

    def formatted(self, width: int | None = None) -> tuple[list[str], int]:
        """The rows as the index file's lines (ids padded to ``width`` bytes, by default the widest's), sorted by
        id, and how many rows repeat the id before them."""
        width = max(width or 0, self.width)
        ids, offsets, lines = self.ids, self.offsets, self.lines
        order = sorted(range(len(ids)), key=ids.__getitem__)
        repeats = sum(1 for a, b in zip(order, order[1:]) if ids[a] == ids[b])
        return [f"{_pad(ids[i], width)} {offsets[i]:>{OFFSET_DIGITS}} {lines[i]:>{LINE_DIGITS}}\n" for i in order], repeats


class IdIndex:
    def __init__(self, path: Path, store_path: Path):
        self.path = path
        self.store_path = store_path

    def lookup(self, prefix: str, limit: int = 6) -> list[IndexRow] | None:
        """Up to ``limit`` rows whose id starts with ``prefix``, rebuilding a stale index first.

        None when the store changed again while the index was being rebuilt
        (another writer was busy): the caller should scan the store instead.
        """
        rows = self._lookup_fresh(prefix, limit)
        if rows is None:
            try:
                self.build()
            except OSError:
                return None  # cannot write beside the store: reading it is the answer
            rows = self._lookup_fresh(prefix, limit)
        return rows

    def _lookup_fresh(self, prefix: str, limit: int) -> list[IndexRow] | None:
        try:
            with self.path.open("rb") as handle:
                header = json.loads(handle.read(HEADER_BYTES))
                store = fingerprint_of(self.store_path)
                count, width = header["count"], header["width"]
                if store is None or header.get("store") != store or not _untouched(handle.fileno(), store, count, width):
                    return None
                if count == 0:
                    return []
                with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
                    return _search(_Rows(mapped, width, count), prefix, limit)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def build(self) -> None:
        """Index the store as it is now (a missing store gives an empty index)."""
        rows = IndexRows()
        fingerprint = None
        try:
            with self.store_path.open("rb") as handle:
                fingerprint = _fingerprint_fd(handle.fileno())
                _scan(handle, rows)
        except FileNotFoundError:
            pass
        if not rows.ids and fingerprint is not None and fingerprint[0] > 0:
            return  # no line is a claim (an article given as --store): no index beside it; reading it says what it is
        self._write(rows, fingerprint)

    def written(self, rows: IndexRows, *, vouched: bool = False, fingerprint: list[int] | None = None) -> None:
        """Index the store just written (or read) with ``rows``, noted line by line.

        Call with the store's lock held, or pass the store's ``fingerprint``
        taken before it was read: the index is only written when the store is
        still that file. ``vouched`` records that every line of this very
        file was validated and is exactly as claimtrack writes it (see
        :meth:`vouched`). When the index cannot be written, the old one no
        longer matches the store and is rebuilt, or bypassed, at the next lookup.
        """
        now = fingerprint_of(self.store_path)
        if now is None or now[0] != rows.size or (fingerprint is not None and now != fingerprint):
            return  # not the file the rows describe: leave it to the next lookup
        with contextlib.suppress(OSError):
            self._write(rows, now, vouched=vouched)

    def appended(self, rows: IndexRows, before: list[int]) -> bool:
        """Index the store just written as a copy of the store ``before`` (its fingerprint then) with the lines
        ``rows`` after its last, keeping the vouch. The old rows are kept as they are, since their offsets
        hold, and the new ones merged in by id: no line of the store is read. False, with nothing written,
        when this index did not vouch for the store ``before``: call with the store's lock held.
        """
        now = fingerprint_of(self.store_path)
        try:
            with self.path.open("rb") as handle:
                header = json.loads(handle.read(HEADER_BYTES))
                count, width = header["count"], header["width"]
                vouched = header.get("vouched") is True and header.get("schema") == SCHEMA_VERSION
                if not vouched or header.get("store") != before or not _untouched(handle.fileno(), before, count, width):
                    return False
                if now is None or now[0] != rows.size:
                    return False
                old = handle.read()
        except (OSError, ValueError, KeyError, TypeError):
            return False
        width = max(width, rows.width)
        if width != header["width"]:
            old = b"".join(_repadded(old, header["width"], width))
        formatted, _ = rows.formatted(width)
        pieces, repeats = _inserted(old, width, [row.encode("utf-8") for row in formatted])
        header.update(
            store=now,
            count=count + len(formatted),
            width=width,
            repeats=header.get("repeats", 0) + repeats,
            longest=max(header.get("longest", 0), rows.longest),
        )
        if "orphans" in header:  # counted since stop 45: an older index's count stays unknown
            header["orphans"] += rows.orphans
        with contextlib.suppress(OSError), atomic_text_file(self.path, mtime_ns=now[1]) as out:
            out.write(json.dumps(header).ljust(HEADER_BYTES - 1) + "\n")
            out.flush()
            out.buffer.writelines(pieces)
        return True

    def longest_line(self) -> int | None:
        """Bytes in the store's longest line, as noted when a vouching index was written (else None)."""
        try:
            with self.path.open("rb") as handle:
                longest = json.loads(handle.read(HEADER_BYTES)).get("longest")
        except (OSError, ValueError, AttributeError):
            return None
        return longest if isinstance(longest, int) and not isinstance(longest, bool) else None

    def vouched(self) -> bool:
        """Whether the index matches the store and vouches for it: every line of the store as it
        is now was validated, is a claim as claimtrack writes it (``dump_record``), and no id repeats.

        Only claimtrack's own rewrites and a ``check`` that found no problem
        vouch; any change to the store by another program changes its
        fingerprint, and the vouch no longer holds.
        """
        try:
            with self.path.open("rb") as handle:
                header = json.loads(handle.read(HEADER_BYTES))
                store = fingerprint_of(self.store_path)
                if store is None or header.get("store") != store:
                    return False
                # Vouched by a claimtrack of another schema version: its lines are not what dump_record writes now.
                if header.get("schema") != SCHEMA_VERSION:
                    return False
                return header.get("vouched") is True and _untouched(handle.fileno(), store, header["count"], header["width"])
        except (OSError, ValueError, KeyError, TypeError):
            return False

    def repeats(self) -> int | None:
        """How many lines of the store repeat an earlier line's id, when a fresh index knows (else None)."""
        return self._fresh_count("repeats")

    def orphans(self) -> int | None:
        """How many of the store's claims are orphaned, when a fresh index that vouched for it knows (else None)."""
        return self._fresh_count("orphans")

    def _fresh_count(self, field: str) -> int | None:
        try:
            with self.path.open("rb") as handle:
                header = json.loads(handle.read(HEADER_BYTES))
                store = fingerprint_of(self.store_path)
                if (
                    store is None
                    or header.get("store") != store
                    or not _untouched(handle.fileno(), store, header["count"], header["width"])
                ):
                    return None
        except (OSError, ValueError, KeyError, TypeError):
            return None
        count = header.get(field)
        return count if isinstance(count, int) and not isinstance(count, bool) else None

    def _write(self, rows: IndexRows, fingerprint: list[int] | None, *, vouched: bool = False) -> None:
        formatted, repeats = rows.formatted()
        header = {"store": fingerprint, "count": len(rows.ids), "width": rows.width, "vouched": vouched, "repeats": repeats}
        header["schema"] = SCHEMA_VERSION  # a vouch holds for the records of this schema only
        if vouched:
            header["longest"] = rows.longest  # DuckDB's reader is sized by it (claimtrack.duckquery)
            header["orphans"] = rows.orphans
        lines = [json.dumps(header).ljust(HEADER_BYTES - 1) + "\n", *formatted]
        # The index takes the store's mtime: any later edit of the index changes it.
        replace_atomically(self.path, lines, mtime_ns=fingerprint[1] if fingerprint else None)


def _repadded(rows: bytes, width: int, wider: int) -> Iterator[bytes]:
    """Rows of ids padded to ``width`` bytes, padded to ``wider``."""
    size, padding = width + _ROW_EXTRA, b" " * (wider - width)
    for start in range(0, len(rows), size):
        yield rows[start : start + width] + padding + rows[start + width : start + size]


def _inserted(rows: bytes, width: int, new: list[bytes]) -> tuple[list[bytes], int]:
    """The sorted ``rows`` (of ids padded to ``width`` bytes) with the sorted rows ``new`` inserted in order, as
    pieces to write one after the other, and how many of the new rows repeat the id of the row before them.

    Each new row goes after the rows of its id already there, as a sort of
    all the rows would put it: a few rows into a million cost a binary
    search each, not a pass over the million.
    """
    ids = _PaddedIds(rows, width)
    size = width + _ROW_EXTRA
    pieces: list[bytes] = []
    done, repeats, before = 0, 0, None
    for row in new:
        claim_id = row[:width].rstrip(b" ")
        at = bisect.bisect_right(ids, claim_id, lo=done)
        if at > done:
            before = ids[at - 1]
        repeats += claim_id == before
        pieces += [rows[done * size : at * size], row]
        done, before = at, claim_id
    pieces.append(rows[done * size :])
    return pieces, repeats


class _PaddedIds:
    """The ids of a run of index rows, as a sequence to search."""

    def __init__(self, rows: bytes, width: int):
        self.rows, self.width, self.size = rows, width, width + _ROW_EXTRA

    def __len__(self) -> int:
        return len(self.rows) // self.size

    def __getitem__(self, i: int) -> bytes:
        start = i * self.size
        return self.rows[start : start + self.width].rstrip(b" ")


def _untouched(fd: int, store: list[int], count: int, width: int) -> bool:
    """The index file is as it was built: its size fits its rows and its mtime is the store's."""
    stat = os.fstat(fd)
    return stat.st_size == HEADER_BYTES + count * (width + _ROW_EXTRA) and stat.st_mtime_ns == store[1]


def _pad(claim_id: str, width: int) -> str:
    # Rows are fixed-width in bytes, so pad by encoded length, not characters.
    return claim_id + " " * (width - len(claim_id.encode("utf-8")))


def _scan(handle, rows: IndexRows) -> None:
    """Add ``(id, byte offset, line number)`` of every line that has an id to ``rows``."""
    offset = 0
    for number, raw in enumerate(handle, 1):
        claim_id = _id_of(raw.removeprefix(b"\xef\xbb\xbf") if number == 1 else raw)
        if claim_id is not None:
            rows.add(claim_id, offset, number)
        offset += len(raw)


def _id_of(raw: bytes) -> str | None:
    return record_id(raw.decode("utf-8", errors="replace"))


def record_id(line: str) -> str | None:
    """The ``id`` of a store line, read without parsing the whole record when possible."""
    match = _LEADING_ID.match(line)
    if match:
        return json.loads(f'"{match.group(1)}"')
    try:
        data = json.loads(line)
    except ValueError:
        return None
    claim_id = data.get("id") if isinstance(data, dict) else None
    return claim_id if isinstance(claim_id, str) else None


class _Rows:
    """The fixed-width rows of a mapped index file as a sequence of ids."""

    def __init__(self, mapped: mmap.mmap, width: int, count: int):
        self.mapped, self.width, self.count = mapped, width, count
        self.row_bytes = width + _ROW_EXTRA

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, i: int) -> str:
        start = HEADER_BYTES + i * self.row_bytes
        return self.mapped[start : start + self.width].decode("utf-8").rstrip(" ")

    def row(self, i: int) -> IndexRow:
        start = HEADER_BYTES + i * self.row_bytes
        raw = self.mapped[start : start + self.row_bytes].decode("utf-8")
        offset, line = raw[self.width :].split()
        return IndexRow(raw[: self.width].rstrip(" "), int(offset), int(line))


def _search(rows: _Rows, prefix: str, limit: int) -> list[IndexRow]:
    found: list[IndexRow] = []
    i = bisect.bisect_left(rows, prefix)
    while i < len(rows) and len(found) < limit and rows[i].startswith(prefix):
        found.append(rows.row(i))
        i += 1
    return found


def fingerprint_of(path: Path) -> list[int] | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return [stat.st_size, stat.st_mtime_ns, stat.st_ino]


def _fingerprint_fd(fd: int) -> list[int]:
    stat = os.fstat(fd)
    return [stat.st_size, stat.st_mtime_ns, stat.st_ino]
