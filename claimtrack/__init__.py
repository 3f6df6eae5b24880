"""claimtrack: who claims what in news articles, and what fact-checkers found.

The library works without the CLI::

    from claimtrack import ClaimStore, extract_claims

    claims = extract_claims(text, doc_id="story")   # loads spaCy on first use
    ClaimStore("claims.jsonl").replace_documents({"story": claims})
"""

from .extract import extract_claims
from .models import Annotation, Claim, Cue, Source, Status
from .store import ClaimStore

__version__ = "0.1.0"

__all__ = ["Annotation", "Claim", "ClaimStore", "Cue", "Source", "Status", "extract_claims", "__version__"]
