"""The extraction workflow at corpus scale: worker processes, a Dask cluster, resumable and interruptible runs."""

from __future__ import annotations

import contextlib
import os
import pty
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from claimtrack import parallel, workflow
from claimtrack.chunks import split_into_chunks
from claimtrack.clusters import sidecar
from claimtrack.store import ClaimStore
from claimtrack.workflow import extract_into_store
from conftest import SEED, clustering_watched


def _corpus(folder: Path, count: int) -> Path:
    """``count`` distinct news-like articles: the seed's paragraphs, rotated, under a numbered headline."""
    paragraphs = [p for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        shift = number % len(paragraphs)
        body = paragraphs[shift:] + paragraphs[:shift]
        text = f"Dispatch {number}: officials said the talks would resume.\n\n" + "\n\n".join(body) + "\n"
        (folder / f"story-{number:02d}.txt").write_text(text, encoding="utf-8")
    return folder


def _noted(clusters, notes: list):
    notes.append(clusters is not None)
    return clusters


def _without_times(path: Path) -> str:
    return re.sub(r'"extracted_at":"[^"]*"', "", path.read_text(encoding="utf-8"))


@pytest.fixture
def small_chunks(monkeypatch):
    """Cut documents into pieces of about 1,500 characters, so one document's pieces go to several workers."""
    monkeypatch.setattr(workflow, "split_into_chunks", lambda text: split_into_chunks(text, max_chars=1_500))


@contextlib.contextmanager
def _another_thread():
    """A thread of the caller's running beside the extract: the workers are spawned, not forked."""
    done = threading.Event()
    thread = threading.Thread(target=done.wait)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()


@pytest.mark.watches_clustering
@pytest.mark.parametrize("beside", [contextlib.nullcontext, _another_thread], ids=["alone", "beside-a-thread"])
def test_workflow_jobs_2_writes_the_same_store_as_jobs_1(nlp, tmp_path, small_chunks, monkeypatch, beside):
    corpus = _corpus(tmp_path / "corpus", 5)
    one, two = ClaimStore(tmp_path / "one.jsonl"), ClaimStore(tmp_path / "two.jsonl")
    saves: list = []
    monkeypatch.setattr(ClaimStore, "replace_documents", _counted(ClaimStore.replace_documents, saves))
    report_one = extract_into_store([str(corpus)], one, nlp=nlp)
    ahead = []  # per document saved, whether its clusters were chosen while the workers parsed
    chosen_ahead = sidecar.Assignment._chosen_ahead
    monkeypatch.setattr(sidecar.Assignment, "_chosen_ahead", lambda self, c: _noted(chosen_ahead(self, c), ahead))
    with beside():
        if sys.platform.startswith("linux"):  # forked alone, spawned beside a thread (elsewhere always spawned)
            assert parallel._can_fork() == (beside is contextlib.nullcontext)
        report_two = extract_into_store([str(corpus)], two, jobs=2)
    assert report_one.claims > 50 and (report_two.documents, report_two.claims) == (5, report_one.claims)
    assert two.path.read_bytes() == one.path.read_bytes()
    if clustering_watched():  # the save's calls inside clustering, watched where it runs as Python
        assert ahead == [True] * 5
    assert len(saves) == 2  # each run's store written once, at the end
    assert _without_times(two.documents.path) == _without_times(one.documents.path)


WIRE_PAGE = """---
title: Drone strike on ferry terminal
date: 2026-03-01
---

Officials said a drone strike on the Halvik ferry terminal in Morrow killed 23 people.

Officials said Ana Brask would ask the allies for more air defences.
"""
DAILY_PAGE = """---
title: Morrow counts its dead
date: {day}
---

Officials said 23 people were killed when a drone hit the Halvik ferry terminal in Morrow.

Officials said Ana Brask would request more air defences from the allies.
"""


def _paraphrase_joined(store: ClaimStore) -> bool:
    clusters = {claim.text: claim.cluster for claim in store}
    return (
        clusters["Ana Brask would request more air defences from the allies"]
        == clusters["Ana Brask would ask the allies for more air defences"]
    )


def _dated_pages(folder: Path, day: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "wire.md").write_text(WIRE_PAGE, encoding="utf-8")
    (folder / "daily.md").write_text(DAILY_PAGE.format(day=day), encoding="utf-8")
    return folder


@pytest.mark.parametrize(("day", "joined"), [("2026-03-03", True), ("2026-04-15", False)], ids=["two-days", "six-weeks"])
def test_workflow_plain_texts_named_by_date_are_one_story_only_near_in_time(nlp, tmp_path, day, joined):
    """Plain text says nothing of when it was published; an archive's file names often do. Six weeks apart,
    two texts naming the same town and people are two stories, and their paraphrase is not joined."""
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "wire_2026-03-01_ferry.txt").write_text(WIRE_PAGE.split("---\n")[-1], encoding="utf-8")
    (folder / f"daily_{day}_morrow.txt").write_text(DAILY_PAGE.split("---\n")[-1], encoding="utf-8")
    store = ClaimStore(tmp_path / "claims.jsonl")
    extract_into_store([str(folder)], store, nlp=nlp)
    assert _paraphrase_joined(store) is joined
    assert {record.published for record in store.documents.current().values()} == {"2026-03-01", day}


@pytest.mark.watches_clustering
def test_workflow_a_pages_date_decides_its_story_in_this_process_and_with_workers(nlp, tmp_path, monkeypatch):
    """Two pages naming the same strike are one story two days apart, where a paraphrase joins; six weeks
    apart they are two. With workers, each page's clusters are chosen as it comes back, knowing its date."""
    near = ClaimStore(tmp_path / "near.jsonl")
    extract_into_store([str(_dated_pages(tmp_path / "near", "2026-03-03"))], near, nlp=nlp)
    assert _paraphrase_joined(near)

    corpus = _dated_pages(tmp_path / "far", "2026-04-15")
    one, two = ClaimStore(tmp_path / "one.jsonl"), ClaimStore(tmp_path / "two.jsonl")
    extract_into_store([str(corpus)], one, nlp=nlp)
    ahead = []
    chosen_ahead = sidecar.Assignment._chosen_ahead
    monkeypatch.setattr(sidecar.Assignment, "_chosen_ahead", lambda self, c: _noted(chosen_ahead(self, c), ahead))
    extract_into_store([str(corpus)], two, jobs=2)
    assert not _paraphrase_joined(one)
    assert two.path.read_bytes() == one.path.read_bytes()
    if clustering_watched():
        assert ahead == [True, True]


def test_workflow_dask_cluster_gives_the_same_claims_as_jobs_1(nlp, tmp_path):
    distributed = pytest.importorskip("distributed")
    corpus = _corpus(tmp_path / "corpus", 4)
    local, remote = ClaimStore(tmp_path / "local.jsonl"), ClaimStore(tmp_path / "dask.jsonl")
    extract_into_store([str(corpus)], local, nlp=nlp)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=":0"
    ) as cluster:
        report = extract_into_store([str(corpus)], remote, scheduler=cluster.scheduler_address)
    assert report.documents == 4
    assert remote.path.read_bytes() == local.path.read_bytes()
    assert _without_times(remote.documents.path) == _without_times(local.documents.path)


def test_workflow_rerun_skips_unchanged_documents_and_extracts_changed_ones(nlp, tmp_path):
    corpus = _corpus(tmp_path / "corpus", 3)
    store = ClaimStore(tmp_path / "claims.jsonl")
    extract_into_store([str(corpus)], store, nlp=nlp)
    before = (store.path.read_bytes(), store.documents.path.read_bytes())
    again = extract_into_store([str(corpus)], store, nlp=nlp)
    assert (again.documents, again.unchanged) == (0, 3)
    assert (store.path.read_bytes(), store.documents.path.read_bytes()) == before
    (corpus / "story-01.txt").write_text("The minister said the bridge would reopen on Monday.\n", encoding="utf-8")
    edited = extract_into_store([str(corpus)], store, nlp=nlp)
    assert (edited.documents, edited.unchanged) == (1, 2)
    forced = extract_into_store([str(corpus)], store, nlp=nlp, force=True)
    assert (forced.documents, forced.unchanged) == (3, 0)


def test_workflow_rerun_extracts_again_when_the_settings_changed(nlp, tmp_path, monkeypatch):
    corpus = _corpus(tmp_path / "corpus", 2)
    store = ClaimStore(tmp_path / "claims.jsonl")
    extract_into_store([str(corpus)], store, nlp=nlp)
    monkeypatch.setattr(workflow, "settings_digest", lambda pipeline: "0" * 64)
    report = extract_into_store([str(corpus)], store, nlp=nlp)
    assert (report.documents, report.unchanged) == (2, 0)
    assert {record.extraction_settings for record in store.documents} == {"0" * 64}


def test_workflow_stop_finishes_the_document_in_hand_and_stores_it(nlp, tmp_path):
    corpus = _corpus(tmp_path / "corpus", 20)
    store = ClaimStore(tmp_path / "claims.jsonl")

    class StopAfterFirst(workflow.ExtractEvents):
        def extracted(self, path):
            stop.set()

    import threading

    stop = threading.Event()
    report = extract_into_store([str(corpus)], store, nlp=nlp, events=StopAfterFirst(), stop=stop)
    # The documents in hand (read ahead of the parse, a few batches' worth) are finished; no other is started.
    assert report.stopped and 1 <= report.documents < 20 and report.documents + report.not_started == 20
    assert len(store.documents.current()) == report.documents


def test_workflow_saving_along_the_way_writes_the_same_store_as_one_save(nlp, tmp_path, monkeypatch, small_chunks):
    corpus = _corpus(tmp_path / "corpus", 4)
    once, along = ClaimStore(tmp_path / "once.jsonl"), ClaimStore(tmp_path / "along.jsonl")
    extract_into_store([str(corpus)], once, nlp=nlp)
    saves = []
    _save_after_every_document(monkeypatch)
    monkeypatch.setattr(ClaimStore, "replace_documents", _counted(ClaimStore.replace_documents, saves))
    extract_into_store([str(corpus)], along, nlp=nlp)
    # One save after each whole document (never between the pieces of one), the same store as one save at the end.
    assert [list(spooled) for spooled, _records in saves] == [[f"story-0{n}"] for n in range(4)]
    assert along.path.read_bytes() == once.path.read_bytes()
    assert _without_times(along.documents.path) == _without_times(once.documents.path)


def _briefs(folder: Path) -> Path:
    """Three one-sentence reports: parsed in one batch, so every input is handed out before the first comes back."""
    folder.mkdir(parents=True)
    for number, place in enumerate(("the port", "the dam", "the airfield")):
        (folder / f"brief-{number}.txt").write_text(f"Officials said {place} was hit on Tuesday.\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("store_first", [False, True])
def test_workflow_saves_once_at_the_end_into_a_new_store_or_a_larger_one(nlp, tmp_path, monkeypatch, store_first):
    """No save before the last documents are parsed (until stop 28, one was made once every input was handed
    out): it rewrote the store once more, and extracts measured faster without it."""
    store, saves = ClaimStore(tmp_path / "claims.jsonl"), []
    if store_first:
        extract_into_store([str(_corpus(tmp_path / "corpus", 3))], store, nlp=nlp)
    monkeypatch.setattr(ClaimStore, "replace_documents", _counted(ClaimStore.replace_documents, saves))
    extract_into_store([str(_briefs(tmp_path / "briefs"))], store, nlp=nlp)
    assert [list(spooled) for spooled, _records in saves] == [["brief-0", "brief-1", "brief-2"]]
    assert [claim.doc_id for claim in store][-3:] == ["brief-0", "brief-1", "brief-2"]


def test_workflow_crash_keeps_the_documents_saved_and_a_rerun_resumes(nlp, tmp_path, monkeypatch):
    corpus = _corpus(tmp_path / "corpus", 4)
    store = ClaimStore(tmp_path / "claims.jsonl")
    _save_after_every_document(monkeypatch)

    class CrashOnThird(workflow.ExtractEvents):
        seen = 0

        def extracted(self, path):
            self.seen += 1
            if self.seen == 3:
                raise MemoryError("the machine ran out")

    with pytest.raises(MemoryError):
        extract_into_store([str(corpus)], store, nlp=nlp, events=CrashOnThird())
    assert sorted(store.documents.current()) == ["story-00", "story-01"]
    report = extract_into_store([str(corpus)], store, nlp=nlp)
    assert (report.documents, report.unchanged) == (2, 2)


def _save_after_every_document(monkeypatch):
    monkeypatch.setattr(workflow, "SAVE_EVERY_SECONDS", 0.0)
    monkeypatch.setattr(workflow, "SAVE_SHARE", float("inf"))


def _counted(method, calls: list):
    def counting(self, *args, **kwargs):
        calls.append(args)
        return method(self, *args, **kwargs)

    return counting


@pytest.mark.parametrize(("jobs", "group"), [("1", False), ("2", False), ("2", True)])
def test_cli_extract_sigterm_mid_corpus_stores_what_was_done_and_a_rerun_finishes(nlp, tmp_path, jobs, group):
    """SIGTERM to claimtrack alone, or to its whole process group, workers and all, as `timeout`, `kill %1` and
    systemd send it (the workers died mid-batch then: an internal error, exit 70, nothing stored)."""
    corpus = _corpus(tmp_path / "corpus", 30)
    store = tmp_path / "claims.jsonl"
    args = ["extract", str(corpus), "--store", str(store), "--jobs", jobs]
    code, shown = _terminate_after_two_documents(args, group=group)
    assert code == 143, shown
    stored = int(re.search(rb"Stopped by SIGTERM: (\d+) documents? stored", shown).group(1))
    assert 2 <= stored < 30
    assert len(ClaimStore(store).documents.current()) == stored
    check = subprocess.run([sys.executable, "-m", "claimtrack", "check", "--store", str(store)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    rerun = subprocess.run(
        [sys.executable, "-m", "claimtrack", "extract", str(corpus), "--store", str(store), "--jobs", jobs],
        capture_output=True,
        text=True,
    )
    assert rerun.returncode == 0, rerun.stderr
    assert f"{30 - stored} documents," in rerun.stderr
    assert f"{stored} document{'s' if stored > 1 else ''} stored already" in rerun.stderr
    assert len(ClaimStore(store).documents.current()) == 30


def _terminate_after_two_documents(args: list[str], *, group: bool = False) -> tuple[int, bytes]:
    """Run claimtrack on a terminal (so the progress bar counts documents); SIGTERM it (or its whole process
    ``group``) once two are extracted."""
    master, slave = pty.openpty()
    env = {**os.environ, "COLUMNS": "200", "LINES": "50", "TERM": "xterm-256color"}
    process = subprocess.Popen(
        [sys.executable, "-m", "claimtrack", *args],
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=group,
    )
    os.close(slave)
    shown, sent, deadline = bytearray(), False, time.monotonic() + 300
    try:
        while time.monotonic() < deadline:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child has exited
                break
            if not chunk:
                break
            shown += chunk
            if not sent and re.search(rb"\b([2-9]|\d\d+)/30 documents", shown):
                if group:
                    os.killpg(process.pid, signal.SIGTERM)
                else:
                    process.send_signal(signal.SIGTERM)
                sent = True
    finally:
        os.close(master)
    return process.wait(timeout=60), bytes(shown)


@pytest.mark.parametrize("address", ["foo", ""])
def test_workflow_a_scheduler_address_without_a_port_is_a_one_line_error(address):
    pytest.importorskip("distributed")
    from claimtrack.errors import ClusterError
    from claimtrack.parallel import DaskRunner

    with pytest.raises(ClusterError, match=rf"^'{address}' is not a Dask scheduler's address \(like tcp://host:8786\): "):
        DaskRunner(address)


def test_workflow_scheduler_without_dask_says_what_to_install(monkeypatch):
    from claimtrack.errors import ClusterError
    from claimtrack.parallel import DaskRunner

    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed raises ImportError
    with pytest.raises(ClusterError, match=r"^running on a Dask cluster needs dask: pip install 'claimtrack\[dask\]'$"):
        DaskRunner("tcp://127.0.0.1:8786")
