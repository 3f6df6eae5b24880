"""The paragraph around a claim, re-read from its document when it is still there."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import InputError
from .models import Claim


@dataclass(frozen=True)
class Context:
    """A stretch of document text starting at document offset ``offset``."""

    text: str
    offset: int
    note: str | None = None

    def relative(self, start: int, end: int) -> tuple[int, int]:
        """Document offsets as offsets into :attr:`text`, clipped to it."""
        clip = lambda n: min(max(n - self.offset, 0), len(self.text))  # noqa: E731
        return clip(start), clip(end)


def claim_context(claim: Claim, stored_text: str | None = None) -> Context:
    """The claim's paragraph, else its sentence.

    ``stored_text`` is the text the store kept for the claim's document
    (:meth:`ClaimStore.document_text`), which works from any directory and
    after files move; without it (claims from before documents were kept)
    the file is read again, and used only while it still reads the same.
    """
    if stored_text is not None:
        return _paragraph(claim, stored_text)
    fallback = Context(claim.sentence, claim.sentence_start)
    if not claim.doc_path:
        return fallback
    from .ingest import read_document
    from .readers.fetch import is_url

    if is_url(claim.doc_path):  # never fetch a page again just to show a claim
        return fallback

    try:
        text = read_document(claim.doc_path).text
    except InputError:
        return Context(claim.sentence, claim.sentence_start, note=f"{claim.doc_path} can no longer be read")
    if text[claim.start : claim.end] != claim.text:
        return Context(claim.sentence, claim.sentence_start, note=f"{claim.doc_path} has changed since extraction")
    return _paragraph(claim, text)


def _paragraph(claim: Claim, text: str) -> Context:
    # Widen to the paragraphs that hold the source and cue too: a quote's later
    # sentences name their speaker paragraphs earlier.
    marked = [(claim.sentence_start, claim.sentence_end)]
    marked += [(span.start, span.end) for span in (claim.source, claim.cue) if span is not None]
    start = text.rfind("\n\n", 0, min(s for s, _ in marked))
    start = 0 if start < 0 else start + 2
    end = text.find("\n\n", max(e for _, e in marked))
    end = len(text) if end < 0 else end
    return Context(text[start:end], start)
