"""schema.org ClaimReview: the format fact-checkers publish verdicts in.

Each claim that has been checked (any status but ``unverified``) becomes one
ClaimReview object (JSON-LD): the claim as reviewed, who made it (the
normalised source), where it appeared, the verdict as a rating, the last
note as the review body, the evidence as citations and the tags as keywords.

schema.org lets a Claim's ``author`` be a Person or an Organization only, so
a source that is a document ("the report says") is not its author: it is the
claim's ``firstAppearance``, a CreativeWork, cited by the article the claim
was found in (its ``appearance``).

An orphaned claim (its document re-extracted or removed, its words no longer
in the text the store keeps) is left out unless asked for: its verdict
stands, but the article at its address no longer says it. Asked for, it is
reviewed with no ``appearance``, which would name a page that no longer
holds it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any, TextIO

from .attribution.sources.typing_rules import ORGANIZATION_TYPES
from .models import Claim, DocumentRecord, Source, SourceType, Status
from .readers.fetch import is_url

# Where a claim's document came from, when the store kept it.
DocumentLookup = Callable[[Claim], DocumentRecord | None]

# Ratings on schema.org's 1 (worst) to 5 (best) scale; a verdict that is not
# a point on that scale (disputed, unverifiable) carries only its name.
RATINGS: dict[Status, tuple[int | None, str]] = {
    Status.verified: (5, "True"),
    Status.misleading: (2, "Misleading"),
    Status.false: (1, "False"),
    Status.disputed: (None, "Disputed"),
    Status.unverifiable: (None, "Unverifiable"),
}


def has_verdict(claim: Claim) -> bool:
    """Whether ``claim`` has a verdict to publish: a status other than unverified, set by an annotation."""
    return claim.status is not Status.unverified and bool(claim.annotations)


def with_verdicts(
    claims: Iterable[Claim],
    limit: int | None = None,
    *,
    orphans: bool = False,
    on_orphan_left_out: Callable[[Claim], None] | None = None,
) -> Iterator[Claim]:
    """The claims of ``claims`` that have a verdict, in their order; only the first ``limit`` when given.

    Orphans with a verdict are left out unless ``orphans``, each passed to
    ``on_orphan_left_out`` so that the caller can say how many. A limit on
    ClaimReview output counts reviews: it applies after the claims left out,
    never before.
    """
    return islice(_reviewable(claims, orphans, on_orphan_left_out), limit)


def _reviewable(claims: Iterable[Claim], orphans: bool, on_orphan_left_out: Callable[[Claim], None] | None) -> Iterator[Claim]:
    for claim in filter(has_verdict, claims):
        if orphans or not claim.orphaned:
            yield claim
        elif on_orphan_left_out is not None:
            on_orphan_left_out(claim)


def claim_review(
    claim: Claim, *, publisher: str | None = None, document: DocumentRecord | None = None, review_url: str | None = None
) -> dict[str, Any]:
    """One checked claim as a ClaimReview JSON-LD object; ``review_url`` is where the review is published, with
    ``{id}`` standing for the claim's id (Google's fact-check markup asks for it, and for an author)."""
    value, name = RATINGS[claim.status]
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": name}
    if value is not None:
        rating.update(ratingValue=value, bestRating=5, worstRating=1)
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": claim.id,
        "claimReviewed": claim.text,
        "itemReviewed": _item_reviewed(claim, document),
        "reviewRating": rating,
        "datePublished": claim.annotations[-1].at.date().isoformat(),
    }
    if review_url:
        review["url"] = review_url.replace("{id}", claim.id)
    if claim.last_note:
        review["reviewBody"] = claim.last_note
    if claim.evidence:
        review["citation"] = claim.evidence
    if claim.tags:
        # A list, which JSON-LD reads as the property repeated: keywords as one text is split at its commas, and
        # a tag "Smith, John" would become two.
        review["keywords"] = list(claim.tags)
    if publisher:
        review["author"] = {"@type": "Organization", "name": publisher}
    return review


def _item_reviewed(claim: Claim, document: DocumentRecord | None) -> dict[str, Any]:
    item: dict[str, Any] = {"@type": "Claim"}
    source = claim.source
    if source is not None and source.type is SourceType.document:
        item["firstAppearance"] = _source_document(source)
    elif source is not None:
        item["author"] = _author(source)
    # An orphan's words are no longer in its document: the page there does not hold the claim.
    appearance = None if claim.orphaned else _appearance(claim, document)
    if appearance:
        item["appearance"] = appearance
    return item


def _author(source: Source) -> dict[str, Any]:
    """A person, or a body (an organisation, a government, a newsroom, an unnamed group) as an Organization.

    A source of no known type is written as a Person, as most named sources are.
    """
    kind = "Organization" if source.type in ORGANIZATION_TYPES else "Person"
    author: dict[str, Any] = {"@type": kind, "name": source.name or source.text}
    if source.role:
        author["jobTitle" if kind == "Person" else "description"] = source.role
    return author


def _source_document(source: Source) -> dict[str, Any]:
    """A document the claim is attributed to ("Materials", "the report"): the CreativeWork it first appeared in."""
    work: dict[str, Any] = {"@type": "CreativeWork", "name": source.name or source.text}
    if source.role:
        work["description"] = source.role
    return work


def _appearance(claim: Claim, document: DocumentRecord | None) -> dict[str, Any] | None:
    """The article the claim appeared in: its URL, title, publisher and date when the store kept them.

    Only a web address is a ``url``: the path of a file read from disk means
    nothing to whoever reads the published review, so it is left out.
    """
    if document is None:
        return {"@type": "CreativeWork", "name": claim.doc_id, **_web_url(claim.doc_path)} if claim.doc_path else None
    work: dict[str, Any] = {"@type": "CreativeWork", "name": document.title or claim.doc_id}
    work.update(_web_url(document.url, claim.doc_path, document.path))
    if document.published:
        work["datePublished"] = document.published
    if document.publisher:
        work["publisher"] = {"@type": "Organization", "name": document.publisher}
    if document.author:
        work["author"] = {"@type": "Person", "name": document.author}
    return work


def _web_url(*candidates: str | None) -> dict[str, str]:
    """``{"url": ...}`` with the first http(s) URL among ``candidates``; empty when none is one."""
    url = next((candidate for candidate in candidates if candidate and is_url(candidate)), None)
    return {"url": url} if url else {}


def write_claimreview(
    claims: Iterable[Claim],
    out: TextIO,
    *,
    publisher: str | None = None,
    documents: DocumentLookup | None = None,
    review_url: str | None = None,
    orphans: bool = False,
) -> int:
    """A JSON array of ClaimReview objects for the checked claims (orphans too with ``orphans``); return how many."""
    from .export import write_json_array

    reviews = (
        claim_review(claim, publisher=publisher, document=documents(claim) if documents else None, review_url=review_url)
        for claim in with_verdicts(claims, orphans=orphans)
    )
    return write_json_array(reviews, out)
