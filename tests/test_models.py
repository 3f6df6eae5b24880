"""The claim record schema."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from claimtrack.models import Annotation, Claim, Status, TextSpan, claim_id, now
from conftest import ARTICLE, make_claim


def test_models_claim_offsets_index_the_document():
    claim = make_claim()
    assert ARTICLE[claim.start : claim.end] == claim.text
    assert ARTICLE[claim.source.start : claim.source.end] == claim.source.text
    assert ARTICLE[claim.sentence_start : claim.sentence_end] == claim.sentence


def test_models_claim_id_is_stable_and_specific_to_span_and_words():
    assert claim_id("doc", 1, 5, "safe") == claim_id("doc", 1, 5, "safe")
    ids = {
        claim_id("doc", 1, 5, "safe"),
        claim_id("doc", 1, 6, "safe"),
        claim_id("other", 1, 5, "safe"),
        claim_id("doc", 1, 5, "sick"),
    }
    assert len(ids) == 4


def test_models_attributed_means_source_or_cue():
    assert make_claim().attributed
    assert make_claim(source=None).attributed
    assert not make_claim(source=None, cue=None).attributed


def test_models_refuse_unknown_fields_and_reversed_spans():
    with pytest.raises(ValidationError, match="Extra inputs"):
        Claim.model_validate({**make_claim().model_dump(), "extra": 1})
    with pytest.raises(ValidationError, match="end 2 is before start 5"):
        TextSpan(text="x", start=5, end=2)


def test_models_schema_lists_required_contract_fields():
    properties = Claim.model_json_schema()["properties"]
    for field in (
        "schema_version",
        "id",
        "doc_id",
        "doc_path",
        "start",
        "end",
        "text",
        "sentence",
        "source",
        "cue",
        "quote",
        "hedged",
        "status",
        "annotations",
    ):
        assert field in properties


def test_models_list_fields_default_to_a_new_empty_list_for_each_record():
    """The schema says what a record without them holds, and no record's list is another's."""
    properties = Claim.model_json_schema()["properties"]
    assert all(properties[name]["default"] == [] for name in ("content_spans", "annotations", "quantities"))
    first, second = make_claim(), make_claim()
    first.annotations.append(Annotation(at=now(), status=Status.false))
    first_event, second_event = Annotation(at=now(), status=Status.false), Annotation(at=now(), status=Status.false)
    first_event.tags.append("money")
    assert second.annotations == [] and second_event.tags == []


def test_models_library_imports_no_cli_or_nlp_packages():
    import subprocess
    import sys

    code = "import sys, claimtrack; print(sorted(m for m in ('typer', 'rich', 'spacy') if m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "[]"
