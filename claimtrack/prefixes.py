"""Ids named by any unique prefix of them, as git names commits."""

from __future__ import annotations

from collections.abc import Iterable


def by_prefix(prefix: str, ids: Iterable[str], kind: str, error: type[Exception], *, none_found: str | None = None) -> str:
    """The one of ``ids`` that is ``prefix`` or, failing that, starts with it; else ``error``, saying that no
    ``kind`` has such an id (or ``none_found``) or which ones it could be."""
    known = set(ids)
    if prefix in known:
        return prefix
    found = sorted(name for name in known if name.startswith(prefix))
    if not found:
        raise error(none_found or f"no {kind} has an id starting with {prefix!r}")
    if len(found) > 1:
        shown = ", ".join(found[:5]) + (", ..." if len(found) > 5 else "")
        raise error(f"{kind} id prefix {prefix!r} is ambiguous: it matches {shown}")
    return found[0]
