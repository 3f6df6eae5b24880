"""Issue 9 as a property: an annotation never moves to other words, and none is ever lost.

Random sequences of extract, annotate, re-extract with edits, compact and
repair on a real :class:`ClaimStore` in a temporary directory, through the
library only (no spaCy: a tiny fake extractor makes one claim per sentence).
Sentences all have the same length, so an inserted or deleted sentence
moves other words onto spans that earlier held different words, and a
replaced sentence puts new words on the very same span: the case where an
id that hashes only the span hands one claim's verdict to another.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test

from claimtrack.models import Claim, Status, claim_id
from claimtrack.store import FOLD_BYTES, ClaimStore, check_store, repair_store

# Three four-letter words, two to a sentence: nine sentences of 10 characters,
# few enough that the same words come back at the same span often too.
WORDS = ["lead", "mold", "rust"]
SENTENCES = st.tuples(st.sampled_from(WORDS), st.sampled_from(WORDS)).map(lambda pair: f"{pair[0]} {pair[1]}.".capitalize())
DOCUMENTS = ["d1", "d2"]
EDITS = ["replace", "insert", "delete", "unchanged"]


def fake_extract(doc_id: str, sentences: list[str]) -> list[Claim]:
    """One claim per sentence of ``" ".join(sentences)``: the sentence without its full stop."""
    claims, position = [], 0
    for sentence in sentences:
        text = sentence[:-1]
        start, end = position, position + len(text)
        claims.append(
            Claim(
                id=claim_id(doc_id, start, end, text),
                doc_id=doc_id,
                start=start,
                end=end,
                text=text,
                content_spans=[(start, end)],
                sentence=sentence,
                sentence_start=start,
                sentence_end=start + len(sentence),
            )
        )
        position += len(sentence) + 1
    document = " ".join(sentences)
    assert all(document[c.start : c.end] == c.text for c in claims)
    return claims


class StoreMachine(RuleBasedStateMachine):
    """The store under test, the documents as last extracted, and each note -> the words it judged."""

    def __init__(self) -> None:
        super().__init__()
        self.directory = Path(tempfile.mkdtemp(prefix="claimtrack-identity-"))
        self.store = ClaimStore(self.directory / "claims.jsonl")
        self.documents: dict[str, list[str]] = {}
        self.judged: dict[str, str] = {}

    def teardown(self) -> None:
        shutil.rmtree(self.directory, ignore_errors=True)

    def _extract(self, doc_id: str, sentences: list[str]) -> None:
        self.documents[doc_id] = sentences
        self.store.replace_documents({doc_id: fake_extract(doc_id, sentences)})

    @rule(doc_id=st.sampled_from(DOCUMENTS), sentences=st.lists(SENTENCES, min_size=1, max_size=4))
    def extract(self, doc_id, sentences):
        self._extract(doc_id, sentences)

    @precondition(lambda self: self.documents)
    @rule(data=st.data(), edit=st.sampled_from(EDITS), sentence=SENTENCES)
    def reextract_edited(self, data, edit, sentence):
        doc_id = data.draw(st.sampled_from(sorted(self.documents)))
        sentences = list(self.documents[doc_id])
        where = data.draw(st.integers(0, len(sentences) - 1))
        if edit == "replace":
            sentences[where] = sentence
        elif edit == "insert":
            sentences.insert(where, sentence)
        elif edit == "delete" and len(sentences) > 1:
            del sentences[where]
        self._extract(doc_id, sentences)

    @precondition(lambda self: self.documents)
    @rule(data=st.data(), status=st.sampled_from(list(Status)))
    def annotate_a_claim(self, data, status):
        claim = data.draw(st.sampled_from(sorted(self.store, key=lambda c: (c.doc_id, c.start, c.id))))
        note = f"note{len(self.judged)}"
        self.store.annotate(claim.id, status=status, note=note)
        self.judged[note] = claim.text

    @rule()
    def compact(self):
        self.store.compact()

    @rule()
    def repair(self):
        assert repair_store(self.store).moved == 0, "the store never had a bad line"

    @rule(journalled=st.booleans())
    def switch_folding(self, journalled):
        """Annotations wait in the journal (as on a large store) or are folded at once."""
        self.store.fold_bytes = 0 if journalled else FOLD_BYTES

    @invariant()
    def every_event_is_on_its_words_exactly_once(self):
        seen: dict[str, int] = {}
        for claim in self.store:
            for event in claim.annotations:
                assert self.judged.get(event.note) == claim.text, (
                    f"{event.note} judged {self.judged.get(event.note)!r} but sits on {claim.text!r} ({claim.id})"
                )
                seen[event.note] = seen.get(event.note, 0) + 1
        assert seen == dict.fromkeys(self.judged, 1), "an acknowledged event is missing or doubled"

    @invariant()
    def store_checks_clean(self):
        assert check_store(self.store) == []


def test_store_properties_identity_annotations_stay_on_their_words():
    run_state_machine_as_test(
        StoreMachine,
        settings=settings(max_examples=60, stateful_step_count=20, deadline=None, suppress_health_check=[HealthCheck.too_slow]),
    )
