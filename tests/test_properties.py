"""Property tests: offsets always index the document, and the store round-trips anything."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimtrack.extract import extract_claims
from claimtrack.models import Annotation, Claim, Cue, Source, SourceType, Status, claim_id
from claimtrack.store import ClaimStore
from conftest import assert_offsets_index

# Arbitrary Unicode, salted with what makes attribution hard: quote marks of
# every kind, line breaks, and reporting words.
_PIECES = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            '"',
            "“",
            "”",
            "''",
            "``",
            "‘",
            "’",
            "\n",
            "\n\n",
            " said ",
            " told ",
            "according to ",
            " is believed to ",
            "Smith",
            ", she said. ",
            ": ",
            " — ",
            ".",
            "?",
        ]
    ),
)
DOCUMENTS = st.lists(_PIECES, max_size=25).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=DOCUMENTS)
def test_properties_every_offset_indexes_the_document(nlp, text):
    assert_offsets_index(text, extract_claims(text, doc_id="p", nlp=nlp))


def _claims(draw_text: str, note: str, tags: list[str]) -> Claim:
    document = draw_text or "x"
    return Claim(
        id=claim_id("doc", 0, len(document), document),
        doc_id="doc",
        start=0,
        end=len(document),
        text=document,
        content_spans=[(0, len(document))],
        sentence=document,
        sentence_start=0,
        sentence_end=len(document),
        source=Source(text=document, start=0, end=len(document), name=note, type=SourceType.person, role=note),
        cue=Cue(text=document, start=0, end=len(document)),
        quote="mixed",
        status=Status.misleading,
        annotations=[Annotation(at=datetime(2026, 1, 1, tzinfo=UTC), status=Status.misleading, note=note, tags=tags)],
    )


@settings(max_examples=80, deadline=None)
@given(text=st.text(min_size=1), note=st.text(), tags=st.lists(st.text(), max_size=3))
def test_properties_store_round_trips_any_text(text, note, tags):
    with tempfile.TemporaryDirectory() as directory:
        _round_trip(ClaimStore(Path(directory) / "claims.jsonl"), _claims(text, note, tags))


def _round_trip(store: ClaimStore, claim: Claim) -> None:
    store.replace_documents({"doc": [claim]})
    assert list(store) == [claim]
    assert store.get(claim.id) == claim
