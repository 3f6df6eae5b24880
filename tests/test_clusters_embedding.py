"""Sentence vectors for claim matching: read from the wordllama wheel's files, offline, once per process."""

from __future__ import annotations

import subprocess
import sys

import pytest

from claimtrack.clusters import embedding
from claimtrack.clusters.embedding import cosine, load_model
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
