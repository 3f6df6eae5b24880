"""Plain data passed between the attribution finder, source naming and extraction."""

from __future__ import annotations

from dataclasses import dataclass, field

CharSpan = tuple[int, int]


@dataclass
class Attribution:
    """One attribution in a document.

    ``content`` holds one or more sorted, non-overlapping spans (a quote broken
    by "she said" has two). ``source`` is None for agentless or hedged claims
    ("is believed to"); ``cue`` is None only when nothing signals the claim.
    ``quote`` is "direct" (verbatim, inside quote marks), "indirect"
    (paraphrase) or "mixed" (a paraphrase with quoted fragments).
    ``parent`` is the attribution whose content this one's cue sits in ("he
    said he expected a deal": "he expected" has "he said" as parent); None
    for a top-level attribution.
    """

    content: list[CharSpan]
    cue: CharSpan | None
    source: CharSpan | None
    quote: str = "indirect"
    hedged: bool = False
    parent: Attribution | None = field(default=None, repr=False, compare=False)


@dataclass
class SourceInfo:
    """A source mention normalised: who it is, in which role, for whom."""

    name: str | None = None
    type: str | None = None  # one of claimtrack.models.SourceType values
    role: str | None = None
    affiliation: str | None = None
