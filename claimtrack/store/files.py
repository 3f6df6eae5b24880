"""File primitives the store is built on: a cross-process lock, atomic replace, durable append."""

from __future__ import annotations

import contextlib
import fcntl
import glob
import os
import stat
import tempfile
from pathlib import Path
from typing import Iterable, Iterator


@contextlib.contextmanager
def exclusive_lock(lock_path: Path) -> Iterator[None]:
    """Hold an advisory lock on ``lock_path``: one writer at a time, across processes.

    The kernel releases the lock when the process dies, even by ``kill -9``,
    so a crashed writer never blocks the next one.
    """
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock.fileno(), fcntl.LOCK_UN)


def replace_atomically(path: Path, lines: Iterable[str], *, errors: str = "strict") -> None:
    """Write ``lines`` to a temporary file beside ``path``, fsync it, then rename it over ``path``.

    Until the rename, ``path`` is untouched; after it, the new content is
    complete and on disk. An exception while producing ``lines`` leaves
    ``path`` as it was and removes the temporary file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.tmp-", dir=path.parent)
    try:
        os.chmod(temp_name, _mode_for(path))
        with os.fdopen(fd, "w", encoding="utf-8", errors=errors) as out:
            for line in lines:
                out.write(line)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise
    fsync_directory(path.parent)


def _mode_for(path: Path) -> int:
    """Keep the replaced file's permissions; a new file gets the usual 0666 less the umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def remove_stale_temporaries(path: Path) -> None:
    """Delete temporary files left by a writer that was killed mid-write (call with the lock held)."""
    for stale in path.parent.glob(f".{glob.escape(path.name)}.tmp-*"):
        with contextlib.suppress(OSError):
            stale.unlink()


def append_durably(path: Path, line: str, *, errors: str = "strict") -> None:
    """Append one line and fsync, so that it survives a crash once this returns."""
    with open(path, "a", encoding="utf-8", errors=errors) as out:
        out.write(line)
        out.flush()
        os.fsync(out.fileno())
    fsync_directory(path.parent)


def fsync_directory(directory: Path) -> None:
    # A new or renamed file is only durable once its directory entry is on disk.
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
