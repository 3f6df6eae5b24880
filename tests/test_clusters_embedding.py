"""Sentence vectors for claim matching: read from the wordllama wheel's files, offline, once per process."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimtrack.clusters import embedding
from claimtrack.clusters.embedding import cosine, cosine_matrix, cosine_rows, cosines, load_model
from claimtrack.errors import ClusterError


def _similarity(a: str, b: str) -> float:
    model = load_model()
    return cosine(model.vector(a), model.vector(b))


def test_clusters_embedding_paraphrases_are_nearer_than_other_facts():
    said = "the ferry service would restart within two days"
    assert _similarity(said, "boats could sail from the harbour again within 48 hours") > _similarity(
        said, "the mayor promised to cut council tax next year"
    )


def test_clusters_embedding_vectors_are_128_signed_bytes_and_empty_text_has_none():
    assert len(load_model().vector("the union accused the company of lying")) == embedding.DIMENSIONS
    assert load_model().vector("") == b""
    assert cosine(b"", load_model().vector("anything")) == 0.0


# Words, spaces and what the tokenizer treats apart: its own space mark "▁", runs of spaces, other whitespace.
_PIECES = ["the", " ", "  ", "Kyiv’s", "$2,000", "▁", "▁▁", "x▁", "\n", "Zelenskyy", "ﬁnal", "€", "12%", "-", "日本", "\t"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12))
def test_clusters_embedding_tokens_of_words_kept_are_those_of_the_whole_text(parts):
    # Words are tokenized once and kept: a claim's vector must be the one its whole text gives, or clusters change.
    model = load_model()
    text = "".join(parts)
    assert model.token_ids(text) == model.tokenizer.encode(text, add_special_tokens=False).ids
    assert model.token_ids(text) == model.tokenizer.encode(text, add_special_tokens=False).ids  # from the words kept


def _pairwise(a: bytes, b: bytes) -> float:
    """The cosine as it was first computed: each pair on its own, in float32."""
    if not a or not b:
        return 0.0
    va, vb = (np.frombuffer(v, dtype=np.int8).astype(np.float32) for v in (a, b))
    norms = float(np.linalg.norm(va) * np.linalg.norm(vb))
    return float(va @ vb) / norms if norms else 0.0


def test_clusters_embedding_cosines_of_all_candidates_at_once_are_the_pairwise_floats_to_the_last_bit():
    """A score at the threshold turns on the last bit: scoring a claim's candidates at once changes no decision."""
    rng = np.random.default_rng(14)
    vectors = [rng.integers(-127, 128, embedding.DIMENSIONS, dtype=np.int8).tobytes() for _ in range(300)]
    vectors += [load_model().vector(text) for text in ("the port reopened", "ships could use the harbour again")]
    vectors += [b"", bytes(embedding.DIMENSIONS)]  # no tokens; a zero vector
    for vector in vectors[::7] + vectors[-4:]:
        assert cosines(vector, vectors) == [_pairwise(vector, other) for other in vectors]
    assert cosines(vectors[0], []) == []


def test_clusters_embedding_cosine_rows_of_a_documents_claims_are_each_claims_cosines_to_the_last_bit():
    rng = np.random.default_rng(55)
    vectors = [rng.integers(-127, 128, embedding.DIMENSIONS, dtype=np.int8).tobytes() for _ in range(60)]
    vectors += [load_model().vector("the port reopened"), b"", bytes(embedding.DIMENSIONS)]
    mine = vectors[::5] + [b"", vectors[-1]]
    theirs = [vectors[n % 7 :: 3] for n in range(len(mine) - 1)] + [[]]
    rows = cosine_rows(mine, theirs)
    assert rows == [[_pairwise(vector, other) for other in others] for vector, others in zip(mine, theirs)]
    assert rows[-2] == [0.0] * len(theirs[-2]) and rows[-1] == []


def test_clusters_embedding_cosine_matrix_is_every_pair_of_two_lists_at_once():
    model = load_model()
    mine = [model.vector(text) for text in ("the bridge will reopen in May", "", "fares will rise by 5 percent")]
    theirs = [model.vector(text) for text in ("the crossing opens again in May", "ticket prices go up 5%", "")]
    matrix = cosine_matrix(mine, theirs)
    assert matrix.shape == (3, 3)
    for row, vector in zip(matrix.tolist(), mine, strict=True):
        assert row == pytest.approx(cosines(vector, theirs), abs=1e-6)  # 0 wherever either is empty
    assert matrix[0].argmax() == 0 and matrix[2].argmax() == 1


def test_clusters_embedding_loads_with_the_network_unavailable(tmp_path):
    """No socket can be opened and the hub caches are empty: the model still loads from the wheel's files."""
    code = (
        "import socket\n"
        "def refuse(*args, **kwargs):\n"
        "    raise OSError('network unavailable')\n"
        "socket.socket = refuse\n"
        "socket.create_connection = refuse\n"
        "from claimtrack.clusters.embedding import load_model\n"
        "print(len(load_model().vector('the bridge will reopen in May')))\n"
    )
    env = {"HOME": str(tmp_path), "HF_HOME": str(tmp_path / "hf"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert (done.returncode, done.stdout.strip()) == (0, "128"), done.stderr
    assert not (tmp_path / "hf").exists() and not (tmp_path / ".cache").exists()  # nothing fetched or cached


def test_clusters_embedding_without_the_package_is_one_clear_error(monkeypatch):
    monkeypatch.setattr(embedding.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ClusterError, match="the claim embedding model is missing: pip install wordllama"):
        embedding._package_folder()


@pytest.mark.filterwarnings("error::pytest.PytestUnhandledThreadExceptionWarning")  # no traceback from the thread
def test_clusters_embedding_loaded_in_the_background_is_ready_for_the_first_vector(monkeypatch, capsys):
    load_model.cache_clear()
    embedding.load_model_in_background().join()
    assert load_model.cache_info().currsize == 1  # the first vector loads nothing more
    # Without the package the thread ends quietly, and the first use reports why, as without the thread.
    load_model.cache_clear()
    monkeypatch.setattr(embedding.importlib.util, "find_spec", lambda name: None)
    embedding.load_model_in_background().join()
    assert capsys.readouterr().err == ""
    with pytest.raises(ClusterError, match="the claim embedding model is missing"):
        load_model()
