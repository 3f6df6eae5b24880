"""Output cut short by its reader (`| head`, `less` quit early, a closed socket) ends quietly.

As with ``git log | head``, a reader that stops reading is not an error:
the command stops writing and exits 0. Standard output is then pointed at
/dev/null, as the Python documentation recommends, so that the flush at
interpreter exit does not fail a second time with "Exception ignored".
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys


class ClosedOutput(io.TextIOBase):
    """Standard output when the process started with it closed (``claimtrack claims >&-``): Python then has no
    ``sys.stdout`` at all, and the first write failed as a bug would. Writing is now an error like any other
    failed write, one line; a command that writes nothing there (annotate) runs as usual."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def silence_stdout() -> None:
    """Point standard output at /dev/null once its reader has gone away."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, sys.stdout.fileno())
        finally:
            os.close(devnull)


def flush_stdout() -> bool:
    """Flush standard output; False (and stdout silenced) when its reader has gone away."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
        return False
    return True
