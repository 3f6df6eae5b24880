"""How many cores this process may use: what extract starts workers for, and what DuckDB counts sources on.

A module of its own so that a query need not import the parsing machinery
(claimtrack.parallel) to ask.
"""

from __future__ import annotations

import os


def usable_cores() -> int:
    """The number of cores this process may use (its CPU affinity, where the system has one)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
