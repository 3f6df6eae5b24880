"""claimtrack: who claims what in news articles, and what fact-checkers found.

The library works without the CLI::

    from claimtrack import ClaimStore, extract_claims

    claims = extract_claims(text, doc_id="story")   # loads spaCy on first use
    ClaimStore("claims.jsonl").replace_documents({"story": claims})
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["Annotation", "Claim", "ClaimStore", "Cue", "Source", "Status", "extract_claims", "__version__"]

# Imported on first use, so that `claimtrack --version` (and anything that only
# needs one module) does not pay for pydantic and the attribution tables.
_LAZY = {
    "extract_claims": ".extract",
    "Annotation": ".models",
    "Claim": ".models",
    "Cue": ".models",
    "Source": ".models",
    "Status": ".models",
    "ClaimStore": ".store",
}

if TYPE_CHECKING:  # pragma: no cover
    from .extract import extract_claims
    from .models import Annotation, Claim, Cue, Source, Status
    from .store import ClaimStore


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
