"""File primitives the store is built on: a cross-process lock, atomic replace, durable append."""

from __future__ import annotations

import contextlib
import fcntl
import glob
import os
import stat
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TextIO

from ..errors import StoreError

BOM = "\ufeff"


# How long a writer waits for the lock before it is told that another process holds it.
LOCK_PATIENCE_SECONDS = 1.0
_LOCK_POLL_SECONDS = 0.05


@contextlib.contextmanager
def exclusive_lock(lock_path: Path, *, waiting: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold an advisory lock on ``lock_path``: one writer at a time, across processes.

    The kernel releases the lock when the process dies, even by ``kill -9``,
    so a crashed writer never blocks the next one. When another process
    holds the lock for longer than ``LOCK_PATIENCE_SECONDS``, ``waiting`` is
    called once (to say so: a silent wait looks like a hang), then the wait
    goes on until the lock is free.
    """
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+") as lock:
        _wait_for_lock(lock.fileno(), waiting)
        try:
            yield
        finally:
            fcntl.flock(lock.fileno(), fcntl.LOCK_UN)


def _wait_for_lock(fd: int, waiting: Callable[[], None] | None) -> None:
    """Take the exclusive lock on ``fd``; call ``waiting`` once it has been held by another for a while."""
    deadline = time.monotonic() + LOCK_PATIENCE_SECONDS
    while waiting is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                waiting()
                break
            time.sleep(_LOCK_POLL_SECONDS)
    fcntl.flock(fd, fcntl.LOCK_EX)


@contextlib.contextmanager
def atomic_text_file(
    path: Path,
    *,
    encoding: str = "utf-8",
    errors: str = "strict",
    newline: str | None = None,
    mtime_ns: int | None = None,
    make_parents: bool = True,
) -> Iterator[TextIO]:
    """A text file that appears at ``path`` complete, or not at all.

    What is written goes to a temporary file beside ``path``; when the block
    ends normally it is fsync'd and renamed over ``path`` (then the folder is
    fsync'd). Until the rename ``path`` is untouched; an exception in the
    block leaves it as it was and removes the temporary file. An ``OSError``
    names ``path``, not the temporary file. ``mtime_ns`` sets the new file's
    modification time (the id index uses it to notice edits); with
    ``make_parents`` False a missing folder is an error, not created.
    """
    if make_parents:
        path.parent.mkdir(parents=True, exist_ok=True)
    # The writer's pid in the name lets a later run tell a killed writer's
    # leftovers from a live writer's work in progress.
    with _about(path):
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.tmp-{os.getpid()}-", dir=path.parent)
    try:
        os.chmod(temp_name, _mode_for(path))
        with os.fdopen(fd, "w", encoding=encoding, errors=errors, newline=newline) as out:
            yield out
            with _about(path):
                out.flush()
                os.fsync(out.fileno())
        if mtime_ns is not None:
            os.utime(temp_name, ns=(mtime_ns, mtime_ns))
        with _about(path):
            os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise
    fsync_directory(path.parent)


@contextlib.contextmanager
def _about(path: Path) -> Iterator[None]:
    """Re-raise an ``OSError`` as one about ``path``: the temporary file is a detail."""
    try:
        yield
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from None


def replace_atomically(path: Path, lines: Iterable[str], *, errors: str = "strict", mtime_ns: int | None = None) -> None:
    """Replace ``path`` with ``lines``, atomically (see :func:`atomic_text_file`)."""
    with atomic_text_file(path, errors=errors, mtime_ns=mtime_ns) as out:
        for line in lines:
            out.write(line)


@contextlib.contextmanager
def undone_on_failure(path: Path) -> Iterator[None]:
    """Put the file at ``path`` back as it was (or remove it, when there was none) if the block raises.

    For a change of two files, each replaced atomically: the first replaced
    is put back when the second cannot be written (a full disk, a file made
    immutable), so the pair is never left half changed. The old file is
    kept through a hard link, not copied; a killed writer's link is a stale
    temporary file (see :func:`remove_stale_temporaries`). On a file system
    without hard links (some network and removable drives) the block runs
    as it did before there was an undo: a second write that fails leaves
    the pair for ``claimtrack check`` to report.
    """
    kept = path.with_name(f".{path.name}.tmp-{os.getpid()}-undo")
    existed = path.exists()
    undoable = True
    if existed:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(kept)
        try:
            os.link(path, kept)
        except OSError:
            undoable = False
    try:
        yield
    except BaseException:
        if undoable:
            _put_back(kept if existed else None, path)
        raise
    finally:
        with contextlib.suppress(OSError):
            os.unlink(kept)


def _put_back(kept: Path | None, path: Path) -> None:
    """Make ``kept`` the file at ``path`` again (remove ``path`` when ``kept`` is None). When even that fails the
    error being raised is the one the user should see: ``claimtrack check`` reports the mismatch left."""
    with contextlib.suppress(OSError):
        if kept is None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
        else:
            os.replace(kept, path)
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
    """Delete temporary files beside ``path`` (and its side files) left by killed writers.

    A temporary file names its writer's pid; one whose writer is gone, or
    one from a version that did not name it, is a leftover. Call with the
    store's lock held, so no other writer of the store itself is at work.
    """
    for stale in path.parent.glob(f".{glob.escape(path.name)}*.tmp-*"):
        pid = _writer_pid(stale.name)
        if pid is None or not _process_alive(pid):
            with contextlib.suppress(OSError):
                stale.unlink()


def _writer_pid(name: str) -> int | None:
    pid = name.rpartition(".tmp-")[2].split("-")[0]
    return int(pid) if pid.isdigit() else None


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    return True


def append_durably(path: Path, line: str, *, errors: str = "strict") -> None:
    """Append one line and fsync, so that it survives a crash once this returns.

    When the write fails (a full disk), the file is cut back to its old
    length, so a failed append records nothing, not half a line.
    """
    with open(path, "a", encoding="utf-8", errors=errors) as out:
        size = out.tell()
        try:
            out.write(line)
            out.flush()
            os.fsync(out.fileno())
        except BaseException:
            with contextlib.suppress(OSError):
                out.truncate(size)
            raise
    fsync_directory(path.parent)


def numbered_lines(path: Path, *, complete_only: bool = False) -> Iterator[tuple[int, str]]:
    """``(line number, line)`` for each non-blank line of a text file; nothing when it is missing.

    A byte-order mark before the first line is dropped. Bytes that are not
    UTF-8 become surrogate escapes, which the record parser reports as a bad
    line. With ``complete_only``, a last line without its newline (an append
    cut short by a crash) is not read.
    """
    try:
        handle = path.open(encoding="utf-8", errors="surrogateescape", newline="\n")
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StoreError(f"{path}: cannot read ({exc.strerror})") from None
    with handle:
        for number, line in enumerate(handle, 1):
            if number == 1:
                line = line.removeprefix(BOM)
            if complete_only and not line.endswith("\n"):
                return
            if line.strip():
                yield number, line


def refuse_read_only(path: Path) -> None:
    """Refuse to replace a file its owner made read-only (root would otherwise write over it)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise StoreError(f"{path}: the store file is read-only; make it writable (chmod u+w) to change it")


def refuse_unwritable(path: Path) -> None:
    """Refuse, naming ``path``, a file that could not be replaced: read-only, immutable, or in a folder no file
    can be created in. A try, not a look at permission bits: root ignores those, not ``chattr +i``."""
    refuse_read_only(path)
    if path.exists():
        try:
            open(path, "a").close()  # writes nothing: opening fails on an immutable file
        except OSError as exc:
            raise StoreError(f"{path}: the store file cannot be written ({exc.strerror})") from None
    folder = next(folder for folder in path.parents if folder.exists())  # where the first save makes the rest
    try:
        _try_create_in(folder, path.name)
    except OSError as exc:
        raise StoreError(f"{path}: no file can be written in the store's folder {folder} ({exc.strerror})") from None


def _try_create_in(folder: Path, name: str) -> None:
    """Create and remove a temporary file in ``folder``, named as a writer's temporary files are."""
    fd, temp_name = tempfile.mkstemp(prefix=f".{name}.tmp-{os.getpid()}-", dir=folder)
    os.close(fd)
    os.unlink(temp_name)


def fsync_directory(directory: Path) -> None:
    # A new or renamed file is only durable once its directory entry is on disk.
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def same_file(a: os.PathLike | str, b: os.PathLike | str) -> bool:
    """Whether two paths name one file: the same real path, or the same inode (a hard link)."""
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False
