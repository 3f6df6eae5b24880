"""The evaluation library: gold files, P/R/F1 by the shared scorer's definitions, error lists.

Exact figures are checked on hand-made gold documents and claims, because
extraction results change as the attribution finder improves.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from claimtrack.errors import EvaluationError
from claimtrack.evaluate import (
    GoldDocument,
    Prediction,
    errors_by_document,
    load_gold,
    load_predictions,
    predict,
    save_predictions,
    score,
)
from conftest import SHARED_EVAL, make_claim

TEXT = "Officials said the bridge collapsed. Police said the road flooded. The mayor resigned, aides claim."


def at(part: str, text: str = TEXT, nth: int = 0) -> list[int]:
    """The ``[start, end]`` of the ``nth`` occurrence of ``part`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return [start, start + len(part)]


def gold_doc(*attributions: dict, text: str = TEXT, doc_id: str = "article") -> GoldDocument:
    """A gold document; each attribution is a dict of role -> list of spans."""
    records = [{"id": f"a{i}", "source": [], "cue": [], **a} for i, a in enumerate(attributions, 1)]
    return GoldDocument(doc_id=doc_id, text=text, attributions=records)


def claim(content: str, source: str | None, cue: str | None, **fields):
    """A claim record over :data:`TEXT`, as extraction would write it."""
    return make_claim(content, document=TEXT, source=source, cue=cue, **fields)


def prediction(
    content: list[list[int]], source: list[int] | None = None, cue: list[int] | None = None, doc_id: str = "article", **marks
) -> Prediction:
    """A bare prediction in the scorer's PRED format, for discontinuous or odd spans; ``marks`` are nested= or parent=."""
    span = lambda s: {"start": s[0], "end": s[1]} if s else None  # noqa: E731
    return Prediction(
        doc_id=doc_id, start=content[0][0], end=content[-1][1], content_spans=content, source=span(source), cue=span(cue), **marks
    )


BRIDGE = {"source": [at("Officials")], "cue": [at("said")], "content": [at("the bridge collapsed")]}
ROAD = {"source": [at("Police")], "cue": [at("said", nth=1)], "content": [at("the road flooded")]}


@pytest.fixture
def mixed_claims():
    """One correct claim, one with the right content but the wrong source, one false alarm, one unattributed."""
    return [
        claim("the bridge collapsed", "Officials", "said"),
        claim("the road flooded", "aides", "claim"),
        claim("The mayor resigned", "aides", "claim"),
        claim("Police said the road flooded", None, None),
    ]


def figures(scores) -> dict[str, tuple[float, float, float]]:
    return {name: (m.p, m.r, m.f1) for name, m in scores.metrics().items()}


def test_evaluate_score_mixed_predictions_gives_known_figures(mixed_claims):
    scores = score([gold_doc(BRIDGE, ROAD)], mixed_claims)
    assert figures(scores) == {
        "attribution": (0.3333, 0.5, 0.4),
        "content": (0.6667, 1.0, 0.8),
        "content_tok": (0.6667, 1.0, 0.8),  # 6 gold tokens, 9 predicted, 6 shared
        "source_tok": (0.5, 0.5, 0.5),  # Officials + Police against Officials + aides
    }
    assert (scores.documents, scores.gold_attributions, scores.predicted_attributions) == (1, 2, 3)
    assert scores.unattributed_claims_ignored == 1 and scores.predictions_for_unknown_docs == 0


def test_evaluate_score_perfect_predictions():
    claims = [claim("the bridge collapsed", "Officials", "said"), claim("the road flooded", "Police", "said")]
    assert set(figures(score([gold_doc(BRIDGE, ROAD)], claims)).values()) == {(1.0, 1.0, 1.0)}


def test_evaluate_score_to_dict_has_the_scorer_json_shape(mixed_claims):
    data = score([gold_doc(BRIDGE, ROAD)], mixed_claims).to_dict()
    assert data["attribution"] == {"p": 0.3333, "r": 0.5, "f1": 0.4}
    assert list(data) == [
        "documents", "gold_attributions", "predicted_attributions", "unattributed_claims_ignored",
        "predictions_for_unknown_docs", "nested_predictions_ignored", "attribution", "content", "content_tok", "source_tok",
        "recall_by_type",
    ]  # fmt: skip


# Each case: gold attributions, predictions, expected (attribution P/R/F1, content P/R/F1).
NEGATIVE_CASES = {
    "no predictions": ([BRIDGE], [], (0.0, 0.0, 0.0), (0.0, 0.0, 0.0)),
    "no gold attributions": ([], [prediction([at("the bridge collapsed")], at("Officials"))], (0.0, 0.0, 0.0), (0.0, 0.0, 0.0)),
    "wrong source": ([BRIDGE], [prediction([at("the bridge collapsed")], at("Police"))], (0.0, 0.0, 0.0), (1.0, 1.0, 1.0)),
    "source-less gold, source-less prediction": (
        [{"cue": [at("claim")], "content": [at("The mayor resigned")]}],
        [prediction([at("The mayor resigned")], cue=at("claim"))],
        (1.0, 1.0, 1.0),
        (1.0, 1.0, 1.0),
    ),
    "source-less gold, prediction with a source": (
        [{"cue": [at("claim")], "content": [at("The mayor resigned")]}],
        [prediction([at("The mayor resigned")], at("aides"), at("claim"))],
        (0.0, 0.0, 0.0),
        (1.0, 1.0, 1.0),
    ),
    "gold with a source, source-less prediction": (
        [BRIDGE],
        [prediction([at("the bridge collapsed")], cue=at("said"))],
        (0.0, 0.0, 0.0),
        (1.0, 1.0, 1.0),
    ),
    "only whitespace shared": (
        [BRIDGE],
        [prediction([[at("the")[1], at("the")[1] + 1]], at("Officials"))],
        (0.0, 0.0, 0.0),
        (0.0, 0.0, 0.0),
    ),
    "part of one word shared": (
        [BRIDGE],
        [prediction([[at("bridge")[0] + 2, at("bridge")[0] + 3]], at("Officials"))],
        (1.0, 1.0, 1.0),
        (1.0, 1.0, 1.0),
    ),
    "gold attribution without content is skipped": (
        [BRIDGE, {"source": [at("Police")], "cue": [at("said", nth=1)], "content": []}],
        [prediction([at("the bridge collapsed")], at("Officials"))],
        (1.0, 1.0, 1.0),
        (1.0, 1.0, 1.0),
    ),
}


@pytest.mark.parametrize("gold, predictions, attribution, content", NEGATIVE_CASES.values(), ids=NEGATIVE_CASES.keys())
def test_evaluate_score_edge_cases(gold, predictions, attribution, content):
    scores = score([gold_doc(*gold)], predictions)
    assert (scores.attribution.p, scores.attribution.r, scores.attribution.f1) == attribution
    assert (scores.content.p, scores.content.r, scores.content.f1) == content


MAYOR = {"cue": [at("claim")], "content": [at("The mayor resigned")]}
RIGHT_BRIDGE = prediction([at("the bridge collapsed")], at("Officials"), at("said"))

# Each case: gold attributions (typed or nested or neither), predictions, expected
# nested_predictions_ignored, attribution P/R/F1 and recall_by_type as kind -> (found, gold).
NESTED_CASES = {
    "nested prediction, gold not annotating nested: ignored": (
        [BRIDGE],
        [RIGHT_BRIDGE, prediction([at("The mayor resigned")], at("aides"), at("claim"), nested=True)],
        1,
        (1.0, 1.0, 1.0),
        {},
    ),
    "prediction with a parent, gold not annotating nested: ignored": (
        [BRIDGE],
        [prediction([at("the bridge collapsed")], at("Officials"), at("said"), parent="c1")],
        1,
        (0.0, 0.0, 0.0),
        {},
    ),
    "nested predictions, gold annotating nested: scored": (
        [{**BRIDGE, "type": "indirect", "nested": False}, {**ROAD, "type": "indirect", "nested": True}],
        [
            RIGHT_BRIDGE,
            prediction([at("the road flooded")], at("Police"), parent="c1"),
            prediction([at("The mayor resigned")], at("aides"), nested=True),
        ],
        0,
        (0.6667, 1.0, 0.8),
        {"indirect": (2, 2), "nested": (1, 1), "not nested": (1, 1)},
    ),
    "a null nested field still marks nested as annotated": (
        [{**BRIDGE, "nested": None}],
        [prediction([at("the bridge collapsed")], at("Officials"), nested=True)],
        0,
        (1.0, 1.0, 1.0),
        {},
    ),
    "nested must be exactly true": (
        [BRIDGE],
        [prediction([at("the bridge collapsed")], at("Officials"), nested="yes", parent="")],
        0,
        (1.0, 1.0, 1.0),
        {},
    ),
    "typed gold without nested: recall by type": (
        [{**BRIDGE, "type": "indirect"}, {**ROAD, "type": "indirect"}, {**MAYOR, "type": "agentless"}],
        [
            RIGHT_BRIDGE,
            prediction([at("the road flooded")], at("aides")),
            prediction([at("The mayor resigned")], cue=at("claim"), nested=True),
        ],
        1,
        (0.5, 0.3333, 0.4),
        {"agentless": (0, 1), "indirect": (1, 2)},
    ),
}


@pytest.mark.parametrize("gold, predictions, ignored, attribution, by_type", NESTED_CASES.values(), ids=NESTED_CASES.keys())
def test_evaluate_score_nested_predictions_and_recall_by_type(gold, predictions, ignored, attribution, by_type):
    scores = score([gold_doc(*gold)], predictions)
    assert scores.nested_predictions_ignored == ignored
    assert (scores.attribution.p, scores.attribution.r, scores.attribution.f1) == attribution
    assert {kind: (recall.found, recall.gold) for kind, recall in scores.recall_by_type.items()} == by_type


def test_evaluate_score_recall_by_type_lists_kinds_in_name_order_with_rounded_recall():
    gold = [{**BRIDGE, "type": "mixed", "nested": True}, {**ROAD, "type": "direct", "nested": True}, {**MAYOR, "type": "direct"}]
    claims = [claim("the bridge collapsed", "Officials", "said"), claim("the road flooded", "Police", "said")]
    recall = score([gold_doc(*gold)], claims).to_dict()["recall_by_type"]
    assert recall == {
        "direct": {"found": 1, "gold": 2, "r": 0.5},
        "mixed": {"found": 1, "gold": 1, "r": 1.0},
        "nested": {"found": 2, "gold": 2, "r": 1.0},
    }


QUOTE = '"It will fail," she said, "and soon." Others disagreed.'
QUOTE_GOLD = {
    "source": [at("she", QUOTE)],
    "cue": [at("said", QUOTE)],
    "content": [at("It will fail,", QUOTE), at("and soon.", QUOTE)],
}


@pytest.mark.parametrize(
    "content, found",
    [
        pytest.param([at("and soon", QUOTE)], True, id="second part only"),
        pytest.param([at("It will fail", QUOTE), at("and soon", QUOTE)], True, id="both parts"),
        pytest.param([at('"', QUOTE), at("Others", QUOTE)], False, id="around the gold, not on it"),
    ],
)
def test_evaluate_score_discontinuous_content(content, found):
    # start/end cover the whole quote; only content_spans may decide a match.
    guess = prediction(content, at("she", QUOTE), at("said", QUOTE)).model_copy(update={"start": 0, "end": len(QUOTE)})
    scores = score([gold_doc(QUOTE_GOLD, text=QUOTE)], [guess])
    assert scores.attribution.r == (1.0 if found else 0.0)


def test_evaluate_score_counts_but_ignores_unknown_documents_and_unattributed_claims():
    claims = [claim("the bridge collapsed", "Officials", "said", doc_id="elsewhere"), claim("the road flooded", None, None)]
    scores = score([gold_doc(BRIDGE)], claims)
    assert (scores.predicted_attributions, scores.predictions_for_unknown_docs, scores.unattributed_claims_ignored) == (0, 1, 1)


def test_evaluate_score_no_gold_documents_gives_zeros(mixed_claims):
    scores = score([], mixed_claims)
    assert scores.documents == 0 and scores.predictions_for_unknown_docs == 1
    assert set(figures(scores).values()) == {(0.0, 0.0, 0.0)}


def test_evaluate_errors_by_document_lists_misses_and_wrong_predictions(mixed_claims):
    clean = gold_doc(BRIDGE, doc_id="clean")
    (errors,) = errors_by_document(
        [gold_doc(BRIDGE, ROAD), clean], mixed_claims + [claim("the bridge collapsed", "Officials", "said", doc_id="clean")]
    )
    assert errors.doc_id == "article"
    (missed,) = errors.missed
    assert (missed.kind, missed.gold_id, missed.source, missed.cue, missed.content) == (
        "wrong source",
        "a2",
        "Police",
        "said",
        "the road flooded",
    )
    assert missed.note == f"predicted source: aides @{TEXT.index('aides')}"
    assert [(e.kind, e.source, e.content, e.note) for e in errors.false_alarms] == [
        ("wrong source", "aides", "the road flooded", f"gold source: Police @{TEXT.index('Police')}"),
        ("false alarm", "aides", "The mayor resigned", ""),
    ]


def test_evaluate_errors_by_document_joins_discontinuous_parts():
    (errors,) = errors_by_document([gold_doc(QUOTE_GOLD, text=QUOTE)], [])
    assert errors.missed[0].content == "It will fail, … and soon."
    assert errors.missed[0].kind == "missed" and errors.false_alarms == []


# --- Files ------------------------------------------------------------------------


def write_lines(path, *records) -> str:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records), encoding="utf-8")
    return str(path)


def test_evaluate_load_gold_reads_valid_lines(tmp_path):
    path = write_lines(tmp_path / "gold.jsonl", gold_doc(BRIDGE).model_dump(), "", gold_doc(ROAD, doc_id="second").model_dump())
    documents = load_gold(path)
    assert [d.doc_id for d in documents] == ["article", "second"]
    assert documents[0].attributions[0].content == [tuple(at("the bridge collapsed"))]


def test_evaluate_load_gold_accepts_the_optional_fields(tmp_path):
    record = {
        "url": "https://example.com/a",
        "publisher": "Example News",
        **gold_doc({**BRIDGE, "type": "direct", "nested": False}).model_dump(exclude_unset=True),
    }
    (document,) = load_gold(write_lines(tmp_path / "gold.jsonl", record))
    assert (document.url, document.publisher) == ("https://example.com/a", "Example News")
    assert document.attributions[0].kinds == ("direct", "not nested") and document.annotates_nested


GOOD = gold_doc(BRIDGE).model_dump()


@pytest.mark.parametrize(
    "bad_line, message",
    [
        pytest.param("{oops", "gold.jsonl:2: not valid JSON (Expecting property name enclosed in double quotes)", id="not JSON"),
        pytest.param("[1, 2]", "gold.jsonl:2: not a JSON object", id="not an object"),
        pytest.param({"doc_id": "x", "text": "t"}, "gold.jsonl:2: attributions: Field required", id="missing field"),
        pytest.param(
            {**GOOD, "doc_id": "x", "extra": 1}, "gold.jsonl:2: extra: Extra inputs are not permitted", id="unknown field"
        ),
        pytest.param(
            {**GOOD, "doc_id": "x", "attributions": [{**BRIDGE, "id": "a1", "type": "quoted"}]},
            "gold.jsonl:2: attributions.0.type: Input should be 'direct', 'mixed', 'indirect' or 'agentless'",
            id="unknown type",
        ),
        pytest.param(
            {**GOOD, "doc_id": "x", "attributions": [{**BRIDGE, "id": "a9", "content": [[90, 500]]}]},
            f"gold.jsonl:2: attribution a9: content span [90, 500] is not within the text ({len(TEXT)} characters)",
            id="span outside the text",
        ),
        pytest.param(GOOD, "gold.jsonl:2: duplicate doc_id 'article' (first on line 1)", id="duplicate doc_id"),
    ],
)
def test_evaluate_load_gold_bad_line_names_file_and_line(tmp_path, bad_line, message):
    path = write_lines(tmp_path / "gold.jsonl", GOOD, bad_line)
    with pytest.raises(EvaluationError) as caught:
        load_gold(path)
    assert str(caught.value) == f"{tmp_path}/{message}"


def test_evaluate_load_gold_empty_or_missing_file(tmp_path):
    with pytest.raises(EvaluationError, match=r"empty\.jsonl: holds no gold documents$"):
        load_gold(write_lines(tmp_path / "empty.jsonl", ""))
    with pytest.raises(EvaluationError, match=r"missing\.jsonl: cannot read \(No such file or directory\)$"):
        load_gold(tmp_path / "missing.jsonl")


def test_evaluate_predictions_round_trip_and_scorer_format(tmp_path, mixed_claims):
    path = tmp_path / "pred.jsonl"
    assert save_predictions(mixed_claims, path) == 4
    minimal = {"doc_id": "article", "start": 0, "end": 9, "source": {}, "cue": None}  # the scorer's bare PRED format
    path.write_text(path.read_text(encoding="utf-8") + json.dumps(minimal) + "\n", encoding="utf-8")
    predictions = load_predictions(path)
    assert score([gold_doc(BRIDGE, ROAD)], predictions) == score([gold_doc(BRIDGE, ROAD)], mixed_claims[:4] + [predictions[-1]])
    assert not predictions[-1].attributed


def test_evaluate_load_predictions_bad_line(tmp_path):
    path = write_lines(tmp_path / "pred.jsonl", {"doc_id": "a", "start": 0})
    with pytest.raises(EvaluationError, match=r"pred\.jsonl:1: end: Field required$"):
        load_predictions(path)


def test_evaluate_predict_extracts_every_document(nlp):
    documents = [gold_doc(BRIDGE), gold_doc(ROAD, doc_id="second")]
    done = []
    claims = predict(documents, nlp, progress=lambda d: done.append(d.doc_id))
    assert done == ["article", "second"]
    assert {c.doc_id for c in claims} == {"article", "second"}


# --- Agreement with the shared scorer on the hand-made cases -------------------------

AGREEMENT_CASES = {
    **{name: (gold, preds) for name, (gold, preds, *_) in NEGATIVE_CASES.items()},
    **{name: (gold, preds) for name, (gold, preds, *_) in NESTED_CASES.items()},
    "mixed claims": ([BRIDGE, ROAD], "mixed"),
    "mixed claims, typed and nested gold": (
        [{**BRIDGE, "type": "direct", "nested": False}, {**ROAD, "type": "mixed"}, {**MAYOR, "type": "agentless"}],
        "mixed",
    ),
}


@pytest.mark.skipif(not (SHARED_EVAL / "score.py").exists(), reason="the shared scorer is not available")
@pytest.mark.parametrize("gold, predictions", AGREEMENT_CASES.values(), ids=AGREEMENT_CASES.keys())
def test_evaluate_score_agrees_with_shared_scorer(tmp_path, mixed_claims, gold, predictions):
    predictions = mixed_claims if predictions == "mixed" else predictions
    # exclude_unset: a "nested" key the case did not give would tell the scorer nested is annotated.
    gold_path = write_lines(tmp_path / "gold.jsonl", gold_doc(*gold).model_dump(exclude_unset=True))
    pred_path = write_lines(tmp_path / "pred.jsonl", *(p.model_dump(mode="json") for p in predictions))
    run = subprocess.run(
        [sys.executable, str(SHARED_EVAL / "score.py"), gold_path, pred_path, "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert score([gold_doc(*gold)], predictions).to_dict() == json.loads(run.stdout)


def test_evaluate_claim_with_a_parent_is_nested_as_the_scorer_reads_it():
    """A Claim record's parent reaches scoring: ignored where the gold does not annotate nesting."""
    nested = claim("The mayor resigned", "aides", "claim", parent="c1")
    scores = score([gold_doc(BRIDGE)], [claim("the bridge collapsed", "Officials", "said"), nested])
    assert scores.nested_predictions_ignored == 1
    assert (scores.attribution.p, scores.attribution.r) == (1.0, 1.0)
