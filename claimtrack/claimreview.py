"""schema.org ClaimReview: the format fact-checkers publish verdicts in.

Each claim that has been checked (any status but ``unverified``) becomes one
ClaimReview object (JSON-LD): the claim as reviewed, who made it (the
normalised source), where it appeared, the verdict as a rating, the last
note as the review body and the evidence as citations.
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Optional, TextIO

from .attribution.sources.typing_rules import ORGANIZATION_TYPES
from .models import Claim, Status

# Ratings on schema.org's 1 (worst) to 5 (best) scale; a verdict that is not
# a point on that scale (disputed, unverifiable) carries only its name.
RATINGS: dict[Status, tuple[Optional[int], str]] = {
    Status.verified: (5, "True"),
    Status.misleading: (2, "Misleading"),
    Status.false: (1, "False"),
    Status.disputed: (None, "Disputed"),
    Status.unverifiable: (None, "Unverifiable"),
}


def claim_review(claim: Claim, *, publisher: Optional[str] = None) -> dict[str, Any]:
    """One checked claim as a ClaimReview JSON-LD object."""
    value, name = RATINGS[claim.status]
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": name}
    if value is not None:
        rating.update(ratingValue=value, bestRating=5, worstRating=1)
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": claim.id,
        "claimReviewed": claim.text,
        "itemReviewed": _item_reviewed(claim),
        "reviewRating": rating,
        "datePublished": claim.annotations[-1].at.date().isoformat(),
    }
    if claim.last_note:
        review["reviewBody"] = claim.last_note
    if claim.evidence:
        review["citation"] = claim.evidence
    if claim.tags:
        review["keywords"] = ", ".join(claim.tags)
    if publisher:
        review["author"] = {"@type": "Organization", "name": publisher}
    return review


def _item_reviewed(claim: Claim) -> dict[str, Any]:
    item: dict[str, Any] = {"@type": "Claim"}
    source = claim.source
    if source is not None:
        kind = "Organization" if source.type in ORGANIZATION_TYPES else "Person"
        author = {"@type": kind, "name": source.name or source.text}
        if source.role:
            author["jobTitle" if kind == "Person" else "description"] = source.role
        item["author"] = author
    if claim.doc_path:
        item["appearance"] = {"@type": "CreativeWork", "url": claim.doc_path, "name": claim.doc_id}
    return item


def write_claimreview(claims: Iterable[Claim], out: TextIO, *, publisher: Optional[str] = None) -> int:
    """A JSON array of ClaimReview objects for the checked claims; return how many."""
    count = 0
    out.write("[")
    for claim in claims:
        if claim.status is Status.unverified or not claim.annotations:
            continue
        out.write(",\n" if count else "\n")
        out.write(json.dumps(claim_review(claim, publisher=publisher), ensure_ascii=False))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count
