"""Tests for claimtrack.attribution.model and .rules: which proposals are kept, and the model file."""

from __future__ import annotations

import pytest

from claimtrack.attribution import model as model_module
from claimtrack.attribution.lexicon import load_lexicon
from claimtrack.attribution.model import feature_names, read_model
from claimtrack.attribution.rules import Rule, is_hand_licensed
from claimtrack.cli import app
from claimtrack.errors import ModelError


@pytest.mark.parametrize(
    "rule, licensed",
    [
        (Rule("verb", "clause", "say"), True),
        (Rule("verb", "quote", "say"), True),
        (Rule("verb", "object", "deny"), True),
        (Rule("verb", "hedge", "believe"), True),
        (Rule("verb", "object", "say"), False),  # a listed verb, in a frame it is not listed for
        (Rule("verb", "clause", "win"), False),  # a verb the lexicon does not list
        (Rule("verb", "prep:about", "say"), False),
        (Rule("noun", "that", "claim"), True),
        (Rule("noun", "prep:of", "claim"), False),
        (Rule("adverb", lemma="reportedly"), True),
        (Rule("adverb", lemma="quickly"), False),
        (Rule("adj", "clause", "confident"), False),
        (Rule("according", "to"), True),
        (Rule("according", "in"), True),
        (Rule("label"), True),
    ],
    ids=str,
)
def test_is_hand_licensed(rule, licensed):
    assert is_hand_licensed(rule, load_lexicon()) is licensed


@pytest.mark.parametrize(
    "rule, names",
    [
        (Rule("verb", "clause", "say"), ("verb/clause", "say")),
        (Rule("noun", "prep:of", "claim"), ("noun/prep:of", "claim")),
        (Rule("adverb", lemma="reportedly"), ("adverb/reportedly", "")),  # as the shipped weights spell it
        (Rule("label"), ("label", "")),
    ],
    ids=str,
)
def test_feature_names_match_the_shipped_weights(rule, names):
    assert feature_names(rule) == names


def test_read_model_missing_file_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match=r"^cannot read the attribution model .*model\.json: No such file"):
        read_model(tmp_path / "model.json")


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "is not valid JSON"),
        ('{"threshold": 0.5}', "has no weights table or threshold"),
        ('{"weights": {}, "threshold": "high"}', "has no weights table or threshold"),
        ("[]", "has no weights table or threshold"),
    ],
)
def test_read_model_unusable_file_is_a_model_error(tmp_path, content, message):
    path = tmp_path / "model.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ModelError, match=message):
        read_model(path)


@pytest.fixture
def missing_model(tmp_path, monkeypatch):
    """The package's model file replaced by a path that does not exist."""
    monkeypatch.setattr(model_module, "model_path", lambda: tmp_path / "model.json")
    model_module.load_model.cache_clear()
    yield
    model_module.load_model.cache_clear()


def test_cli_extract_without_model_file_is_one_line(runner, nlp, tmp_path, missing_model, isolated_store):
    article = tmp_path / "article.txt"
    article.write_text("Officials said the bridge would reopen in May.\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(article)])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot read the attribution model ")
    assert "retrain it with scripts/train_attribution_model.py" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not isolated_store.exists()


def test_shipped_model_holds_no_corpus_text():
    """PolNeAR has no licence for its texts: the model may hold lemmas and tags, never phrases."""
    import json
    from importlib import resources

    package = resources.files("claimtrack.attribution")
    weights = json.loads(package.joinpath("model.json").read_text(encoding="utf-8"))["weights"]
    assert weights and all(" " not in feature and len(feature) < 80 for feature in weights)
