"""Concurrent writers and kill -9: no completed annotation is ever lost.

These run real processes, because locks and crashes only mean something
across processes.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from claimtrack.cli import app
from claimtrack.models import Status
from claimtrack.store import ClaimStore, check_store
from conftest import make_claim

CLAIMS = 200


@pytest.fixture
def big_store(tmp_path):
    """A store of CLAIMS claims, across 20 documents."""
    store = ClaimStore(tmp_path / "claims.jsonl")
    store.replace_documents(
        {f"doc{d}": [make_claim(doc_id=f"doc{d}", id=f"c{d:02d}{i:03d}") for i in range(CLAIMS // 20)] for d in range(20)}
    )
    return store


def _child(code: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


ANNOTATE_LOOP = """
    import sys
    from claimtrack.models import Status
    from claimtrack.store import ClaimStore
    store = ClaimStore(sys.argv[1], fold_bytes=int(sys.argv[3]))
    ids = [c.id for c in store]
    for n, claim_id in enumerate(ids):
        store.annotate(claim_id, status=Status.disputed, note=sys.argv[2] + str(n))
        print(claim_id, flush=True)
"""


@pytest.mark.parametrize("fold_bytes", [0, 10**9], ids=["journalled", "folded"])
def test_store_two_processes_annotating_lose_nothing(big_store, fold_bytes):
    writers = [_child(ANNOTATE_LOOP, str(big_store.path), tag, str(fold_bytes)) for tag in ("a", "b")]
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
    for claim in big_store:
        notes = sorted(event.note[0] for event in claim.annotations)
        assert notes == ["a", "b"], claim.id
    assert check_store(big_store) == []


def test_cli_annotate_processes_in_parallel_lose_nothing(big_store):
    ids = [c.id for c in big_store][:12]
    env = {**os.environ, "CLAIMTRACK_STORE": str(big_store.path)}
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "claimtrack", "annotate", claim_id, "--note", f"p{n}"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for n, claim_id in enumerate(ids * 2)
    ]
    for process in processes:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    annotated = {c.id: len(c.annotations) for c in big_store if c.annotations}
    assert annotated == {claim_id: 2 for claim_id in ids}


@pytest.mark.parametrize("fold_bytes", [0, 10**9], ids=["journalled", "folded"])
@pytest.mark.parametrize("after", [3, 17])
def test_store_kill_9_during_annotate_keeps_every_completed_write(big_store, fold_bytes, after):
    writer = _child(ANNOTATE_LOOP, str(big_store.path), "k", str(fold_bytes))
    completed = [writer.stdout.readline().strip() for _ in range(after)]
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)
    claims = {c.id: c for c in big_store}
    assert len(claims) == CLAIMS
    for claim_id in completed:
        assert claims[claim_id].status.value == "disputed", claim_id
    assert check_store(big_store) == []


EXTRACT_LOOP = """
    import sys
    from claimtrack.store import ClaimStore
    sys.path.insert(0, sys.argv[2])
    from conftest import make_claim
    store = ClaimStore(sys.argv[1])
    for round in range(1000):
        docs = {f"new{d}": [make_claim(doc_id=f"new{d}", id=f"n{round}-{d}-{i}") for i in range(50)] for d in range(40)}
        store.replace_documents(docs)
        print(round, flush=True)
"""


@pytest.mark.parametrize("delay", [0.05, 0.3, 0.8])
def test_store_kill_9_during_extract_keeps_store_and_annotations(big_store, delay):
    target = [c.id for c in big_store][5]
    result = subprocess.run(
        [sys.executable, "-m", "claimtrack", "annotate", target, "--status", "false", "--note", "kept"],
        env={**os.environ, "CLAIMTRACK_STORE": str(big_store.path)},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    writer = _child(EXTRACT_LOOP, str(big_store.path), os.path.dirname(__file__))
    time.sleep(delay)
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)
    claims = {c.id: c for c in big_store}
    assert claims[target].last_note == "kept"
    assert sum(1 for i in claims if i.startswith("c")) == CLAIMS
    assert check_store(big_store) == []


def test_cli_check_reports_and_repairs(runner, big_store):
    with big_store.path.open("a") as out:
        out.write("{broken\n")
    store_args = ["--store", str(big_store.path)]
    result = runner.invoke(app, ["check", *store_args])
    assert result.exit_code == 1
    assert result.stdout == f"{big_store.path}:{CLAIMS + 1}: not valid JSON (Expecting property name enclosed in double quotes)\n"
    assert "1 problem;" in result.stderr
    result = runner.invoke(app, ["check", "--repair", *store_args])
    assert result.exit_code == 0
    assert f"Moved 1 bad line to {big_store.path}.rejected" in result.stderr
    assert runner.invoke(app, ["check", *store_args]).exit_code == 0
    assert "{broken" in (big_store.path.parent / "claims.jsonl.rejected").read_text()


def test_cli_compact_folds_journal(runner, big_store):
    claim_id = next(iter(big_store)).id
    ClaimStore(big_store.path, fold_bytes=0).annotate(claim_id, status=Status.false)  # journalled, as on a large store
    result = runner.invoke(app, ["compact", "--store", str(big_store.path)])
    assert result.exit_code == 0 and "Folded 1 annotation into the store" in result.stderr
    assert json.loads(big_store.path.read_text().splitlines()[0])["status"] == "false"


def test_cli_kill_9_during_extract_leaves_a_loadable_store(tmp_path, big_store):
    """A real `claimtrack extract` process, killed while it parses a batch."""
    articles = tmp_path / "articles"
    articles.mkdir()
    for n in range(30):
        (articles / f"story{n}.txt").write_text("Police said the bridge collapsed on Monday.\n\n" * 40, encoding="utf-8")
    target = next(iter(big_store)).id
    # The killed process cannot remove its spool: keep it inside tmp_path.
    env = {**os.environ, "CLAIMTRACK_STORE": str(big_store.path), "TMPDIR": str(tmp_path)}
    subprocess.run(
        [sys.executable, "-m", "claimtrack", "annotate", target, "--note", "kept"], env=env, check=True, capture_output=True
    )
    before = big_store.path.read_bytes()
    extract = subprocess.Popen(
        [sys.executable, "-m", "claimtrack", "extract", str(articles)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(3)
    extract.send_signal(signal.SIGKILL)
    extract.wait(timeout=30)
    after = {c.id: c for c in big_store}
    assert after[target].last_note == "kept"
    assert big_store.path.read_bytes() == before or len(after) > CLAIMS
    assert check_store(big_store) == []
