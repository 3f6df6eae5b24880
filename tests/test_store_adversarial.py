"""Issue 9, from the outside: real ``claimtrack`` processes on real store files.

Each test builds a store by hand (JSON lines, like ``conftest.make_claim``),
runs the CLI as a user would, and checks what a user notices: the exit
code, one ``Error:`` line and no traceback, which claim carries which status
and note, and the bytes of the files before and after. Only the
reproductions about extraction run ``claimtrack extract`` (spaCy, ~2 s).
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import json
import os
import re
import resource
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimtrack import models
from claimtrack.models import claim_id
from claimtrack.store.files import exclusive_lock

CLAIMTRACK = [sys.executable, "-m", "claimtrack"]

# Three one-claim sentences; every claim below indexes this text exactly.
DOC = (
    "Officials estimate that Moscow pays $2000 per soldier. "
    "The bridge collapsed on Monday, police said. "
    "Prices rose sharply in May, the ministry said."
)
TEXTS = ["Moscow pays $2000 per soldier", "The bridge collapsed on Monday", "Prices rose sharply in May"]
LEAD = "The city water supply is contaminated with lead, officials said."
VACCINE = "The new vaccine is completely safe for children, officials said."
BRIDGE_SOUND = "Officials said the bridge is structurally sound."
BRIDGE_UNSAFE = "Officials said the bridge is dangerously unsafe."


# -- building stores by hand --------------------------------------------------


def legacy_id(doc_id: str, start: int, end: int) -> str:
    """The id older claimtracks wrote: a hash of the document and span only."""
    return hashlib.sha1(f"{doc_id}\0{start}\0{end}".encode()).hexdigest()[:12]


def record(text: str, *, doc_id: str = "article", document: str = DOC, **fields) -> dict:
    """A claim record (as a dict, key order as claimtrack writes it) whose offsets index ``document``."""
    start = document.index(text)
    end = start + len(text)
    sentence_start = document.rfind(". ", 0, start)
    sentence_start = 0 if sentence_start < 0 else sentence_start + 2
    sentence_end = document.find(".", end) + 1 or len(document)
    values = {
        "schema_version": models.SCHEMA_VERSION,
        "id": claim_id(doc_id, start, end, text),
        "doc_id": doc_id,
        "doc_path": None,
        "start": start,
        "end": end,
        "text": text,
        "content_spans": [[start, end]],
        "sentence": document[sentence_start:sentence_end],
        "sentence_start": sentence_start,
        "sentence_end": sentence_end,
        "source": None,
        "cue": None,
        "quote": None,
        "hedged": False,
        "status": "unverified",
        "annotations": [],
        "orphaned": False,
    }
    values.update(fields)
    return values


def line(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False)


def journal_line(claim_id: str, note: str, *, status: str = "false", at: object = "2026-01-02T03:04:05.000001+00:00") -> str:
    return json.dumps({"id": claim_id, "event": {"at": at, "status": status, "note": note, "evidence": [], "tags": []}})


def write_lines(path: Path, lines: list) -> None:
    """Write str or bytes lines, each ending in a newline."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"".join((raw if isinstance(raw, bytes) else raw.encode("utf-8")) + b"\n" for raw in lines))


def beside(store: Path, suffix: str) -> Path:
    return store.with_name(f"{store.name}.{suffix}")


def read_or_empty(path: Path) -> bytes:
    return path.read_bytes() if path.exists() else b""


@pytest.fixture
def store(tmp_path) -> Path:
    """A store of three unannotated claims, one per sentence of DOC."""
    path = tmp_path / "store" / "claims.jsonl"
    write_lines(path, [line(record(text)) for text in TEXTS])
    return path


@pytest.fixture
def ids(store) -> list[str]:
    return [json.loads(raw)["id"] for raw in store.read_text(encoding="utf-8").splitlines()]


# -- running claimtrack -------------------------------------------------------


def run(
    *args: str,
    store: Path,
    input: bytes | None = None,
    env: dict | None = None,
    preexec_fn=None,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess:
    """``claimtrack ARGS --store STORE``; stdout and stderr as text."""
    result = subprocess.run(
        [*CLAIMTRACK, *args, "--store", str(store)],
        input=input,
        capture_output=True,
        env={**os.environ, **(env or {})},
        preexec_fn=preexec_fn,
        cwd=cwd,
        timeout=120,
    )
    return subprocess.CompletedProcess(
        result.args, result.returncode, result.stdout.decode("utf-8", "replace"), result.stderr.decode("utf-8", "replace")
    )


def start(*args: str, store: Path, processes: list, env: dict | None = None) -> subprocess.Popen:
    process = subprocess.Popen(
        [*CLAIMTRACK, *args, "--store", str(store)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )
    processes.append(process)
    return process


@pytest.fixture
def processes() -> Iterator[list]:
    """Popen objects started by a test; any still running at the end are killed."""
    started: list[subprocess.Popen] = []
    yield started
    for process in started:
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(signal.SIGCONT)
            process.kill()
        process.communicate()


def assert_ok(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def assert_one_error(result: subprocess.CompletedProcess, *fragments: str) -> str:
    """Exit 1, exactly one ``Error:`` line on stderr containing every fragment, no traceback."""
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1, result.stderr
    errors = [text for text in result.stderr.splitlines() if "Error:" in text]
    assert len(errors) == 1, result.stderr
    for fragment in fragments:
        assert fragment in errors[0], result.stderr
    return errors[0]


def claims(store: Path) -> list[dict]:
    """Every claim as ``claimtrack claims --format jsonl`` prints it."""
    result = run("claims", "--format", "jsonl", store=store)
    assert_ok(result)
    return [json.loads(raw) for raw in result.stdout.splitlines() if raw.strip()]


def show(store: Path, claim_id: str) -> dict:
    result = run("show", claim_id, "--json", store=store)
    assert_ok(result)
    return json.loads(result.stdout)


def notes(claim: dict) -> list[str | None]:
    return [event["note"] for event in claim["annotations"]]


def by_text(records: list[dict], prefix: str) -> list[dict]:
    return [claim for claim in records if claim["text"].startswith(prefix)]


def snapshot(store: Path) -> dict[str, bytes]:
    """The bytes of the store and its journal (a missing file reads as empty)."""
    return {"store": read_or_empty(store), "journal": read_or_empty(beside(store, "journal"))}


# -- locks --------------------------------------------------------------------


def held_lock(path: Path) -> contextlib.AbstractContextManager[None]:
    """Hold ``path`` as a writer would: the store's own flock LOCK_EX, from this test process."""
    return exclusive_lock(path)


def wait_until_blocked(process: subprocess.Popen, timeout: float = 30) -> bool:
    """True once ``process`` waits for a flock (per /proc/locks); False if it exits or time runs out."""
    if not os.path.exists("/proc/locks"):
        pytest.skip("needs /proc/locks to see a process waiting for a lock")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        with open("/proc/locks") as locks:
            for entry in locks:
                parts = entry.split()
                if len(parts) > 5 and parts[1] == "->" and parts[5] == str(process.pid):
                    return True
        time.sleep(0.02)
    return False


# -- privileges ---------------------------------------------------------------

_PR_CAPBSET_DROP = 24
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH, _CAP_FOWNER = 1, 2, 3


def obey_permission_bits() -> None:
    """preexec_fn: make permission bits bind the child even when the tests run as root.

    Root ignores permission bits only through CAP_DAC_OVERRIDE (and
    CAP_DAC_READ_SEARCH, CAP_FOWNER); dropping them from the bounding set
    before exec leaves a root child that is refused like any owner.
    """
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH, _CAP_FOWNER):
        if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def file_size_limit(limit: int):
    """preexec_fn: writes past ``limit`` bytes fail with EFBIG, as on a full disk."""

    def limit_writes() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return limit_writes


# == reproductions from the issue =============================================


def _extract(store: Path, *paths: str, input: bytes | None = None, cwd: Path | None = None) -> None:
    assert_ok(run("extract", *paths, store=store, input=input, cwd=cwd))


def _only(records: list[dict], prefix: str) -> dict:
    found = by_text(records, prefix)
    assert len(found) == 1, records
    return found[0]


def _assert_verdict_kept_and_not_inherited(store: Path, old_prefix: str, new_prefix: str, status: str, note: str | None) -> None:
    records = claims(store)
    new = _only(records, new_prefix)
    assert new["status"] == "unverified" and new["annotations"] == [], "the new words must not inherit the verdict"
    assert new["orphaned"] is False
    old = _only(records, old_prefix)
    assert old["status"] == status and notes(old) == [note]
    assert old["orphaned"] is True
    assert old["id"] != new["id"]


def test_repro_01_same_stem_other_directory(tmp_path):
    """Another article under the same name is refused; replaced deliberately, it takes no verdict."""
    store = tmp_path / "claims.jsonl"
    for folder, text in (("a", LEAD), ("b", VACCINE)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(text + "\n", encoding="utf-8")
    _extract(store, "a/report.txt", cwd=tmp_path)
    lead = _only(claims(store), "The city water supply")
    assert_ok(run("annotate", lead["id"], "--status", "false", "--note", "Lab tests show no lead", store=store))
    before = snapshot(store)
    refused = run("extract", "b/report.txt", store=store, cwd=tmp_path)
    assert_one_error(
        refused, "b/report.txt: document id 'report' already belongs to another text, read from", "a/report.txt", "--replace"
    )
    assert snapshot(store) == before
    assert_ok(run("extract", "b/report.txt", "--replace", store=store, cwd=tmp_path))
    _assert_verdict_kept_and_not_inherited(store, "The city water supply", "The new vaccine", "false", "Lab tests show no lead")
    assert _only(claims(store), "The city water supply")["id"] == lead["id"]


def test_repro_02_two_stdin_extracts(tmp_path):
    """Two stories on standard input are two documents: the verdict stays on the first, alive."""
    store = tmp_path / "claims.jsonl"
    _extract(store, "-", input=LEAD.encode())
    lead = _only(claims(store), "The city water supply")
    assert_ok(run("annotate", lead["id"], "--status", "false", "--note", "Lab tests show no lead", store=store))
    _extract(store, "-", input=VACCINE.encode())
    records = claims(store)
    vaccine, kept = _only(records, "The new vaccine"), _only(records, "The city water supply")
    assert vaccine["status"] == "unverified" and vaccine["annotations"] == []
    assert kept["status"] == "false" and notes(kept) == ["Lab tests show no lead"] and kept["orphaned"] is False
    assert vaccine["doc_id"] != kept["doc_id"]


def test_repro_03_edited_words_at_the_same_span_are_a_new_claim(tmp_path):
    """Re-extracting unchanged text keeps id and verdict; new words at the same span are a new claim."""
    store, article = tmp_path / "claims.jsonl", tmp_path / "bridge.txt"
    article.write_text(BRIDGE_SOUND, encoding="utf-8")
    _extract(store, str(article))
    sound = _only(claims(store), "the bridge is structurally sound")
    assert_ok(run("annotate", sound["id"], "--status", "verified", "--note", "engineers' report", store=store))
    _extract(store, str(article))
    (again,) = claims(store)
    assert again["id"] == sound["id"], "unchanged words keep their id"
    assert again["status"] == "verified" and notes(again) == ["engineers' report"] and again["orphaned"] is False
    article.write_text(BRIDGE_UNSAFE, encoding="utf-8")
    _extract(store, str(article))
    _assert_verdict_kept_and_not_inherited(
        store, "the bridge is structurally sound", "the bridge is dangerously unsafe", "verified", "engineers' report"
    )
    kept = _only(claims(store), "the bridge is structurally sound")
    assert kept["id"] == sound["id"] and kept["start"] == sound["start"] and kept["end"] == sound["end"]


def test_repro_03_ids_of_older_versions_are_kept_for_the_same_words_only(tmp_path):
    """A store written before ids hashed the text: same words keep the old id; new words do not take it."""
    store, article = tmp_path / "claims.jsonl", tmp_path / "bridge.txt"
    article.write_text(BRIDGE_SOUND, encoding="utf-8")
    _extract(store, str(article))
    (data,) = [json.loads(raw) for raw in store.read_text(encoding="utf-8").splitlines()]
    old = legacy_id(data["doc_id"], data["start"], data["end"])
    store.write_text(line({**data, "id": old}) + "\n", encoding="utf-8")
    for cache in store.parent.glob("claims.jsonl.idx"):
        cache.unlink()
    assert_ok(run("annotate", old, "--status", "verified", "--note", "checked in 2024", store=store))
    _extract(store, str(article))
    (same,) = claims(store)
    assert same["id"] == old and same["status"] == "verified" and notes(same) == ["checked in 2024"]
    article.write_text(BRIDGE_UNSAFE, encoding="utf-8")
    _extract(store, str(article))
    _assert_verdict_kept_and_not_inherited(
        store, "the bridge is structurally sound", "the bridge is dangerously unsafe", "verified", "checked in 2024"
    )
    assert _only(claims(store), "the bridge is structurally sound")["id"] == old


def test_repro_04_note_only_annotate_keeps_the_status_set_while_it_waited(store, ids, processes):
    """The status annotate takes the lock first; the note-only one, paused until then, must see `false`.

    The note-only process is stopped (SIGSTOP) while it waits for the lock,
    so the order is fixed: status first, note second, every run.
    """
    with held_lock(beside(store, "lock")):
        status = start("annotate", ids[0], "--status", "false", store=store, processes=processes)
        assert wait_until_blocked(status), "annotate --status must wait for the store lock"
        note = start("annotate", ids[0], "--note", "just a note", store=store, processes=processes)
        assert wait_until_blocked(note), "annotate --note must wait for the store lock"
        note.send_signal(signal.SIGSTOP)
    _, err = status.communicate(timeout=60)
    assert status.returncode == 0, err
    note.send_signal(signal.SIGCONT)
    _, err = note.communicate(timeout=60)
    assert note.returncode == 0, err
    claim = show(store, ids[0])
    assert claim["status"] == "false"
    assert [(e["status"], e["note"]) for e in claim["annotations"]] == [("false", None), ("false", "just a note")]


REJECTED_COMMENT = re.compile(r"^# \S+ (?P<file>.+):(?P<line>\d+): (?P<reason>.+)$")


def rejected_entries(store: Path) -> list[tuple[str, str]]:
    """``(comment, raw line)`` pairs of ``<store>.rejected``; every comment must be followed by its line."""
    side = beside(store, "rejected")
    if not side.exists():
        return []
    lines = side.read_bytes().decode("utf-8", "surrogateescape").splitlines()
    pairs = []
    for comment, raw in zip(lines[::2], lines[1::2]):
        assert REJECTED_COMMENT.match(comment), comment
        pairs.append((comment, raw))
    assert len(lines) % 2 == 0, lines
    return pairs


def test_repro_05_compact_moves_an_event_for_an_unknown_claim_to_rejected(store, ids):
    journal = beside(store, "journal")
    lost = journal_line("0badc0ffee00", "note for a claim that is gone")
    write_lines(journal, [journal_line(ids[0], "kept note"), lost])
    result = run("compact", store=store)
    assert_ok(result)
    assert [raw for _, raw in rejected_entries(store)] == [lost], "the event must be set aside, not dropped"
    ((comment, raw),) = rejected_entries(store)
    assert "claims.jsonl.rejected" in result.stderr or "0badc0ffee00" in result.stderr, "compact must say it set an event aside"
    assert comment.split(" ", 2)[2].startswith(f"{journal}:2: ")
    folded = [json.loads(raw) for raw in store.read_text(encoding="utf-8").splitlines()]
    assert [notes(claim) for claim in folded] == [["kept note"], [], []]
    assert "note for a claim that is gone" not in read_or_empty(journal).decode()
    side = beside(store, "rejected").read_bytes()
    assert_ok(run("compact", store=store))
    assert beside(store, "rejected").read_bytes() == side, "a second compact adds nothing"
    assert_ok(run("check", store=store))


def test_repro_05_compact_after_a_crash_does_not_reject_twice(store, ids):
    """The state a crash leaves: the event already appended to .rejected, the journal not yet cleared."""
    journal, lost = beside(store, "journal"), journal_line("0badc0ffee00", "note for a claim that is gone")
    write_lines(journal, [lost])
    write_lines(
        beside(store, "rejected"), [f"# 2026-01-01T00:00:00+00:00 {journal}:1: annotates unknown claim 0badc0ffee00", lost]
    )
    assert_ok(run("compact", store=store))
    assert [raw for _, raw in rejected_entries(store)] == [lost]


def test_any_fold_moves_an_event_for_an_unknown_claim_to_rejected(store, ids):
    """annotate on a small store folds the journal at once: the unknown claim's event must not vanish."""
    lost = journal_line("0badc0ffee00", "note for a claim that is gone")
    write_lines(beside(store, "journal"), [lost])
    assert_ok(run("annotate", ids[1], "--note", "fresh", store=store))
    assert notes(show(store, ids[1])) == ["fresh"]
    assert [raw for _, raw in rejected_entries(store)] == [lost]


def test_check_reports_an_event_for_an_unknown_claim_and_repair_moves_it_once(store, ids):
    journal, lost = beside(store, "journal"), journal_line("0badc0ffee00", "gone")
    write_lines(journal, [lost])
    result = run("check", store=store)
    assert result.returncode == 1 and f"{journal}:1: " in result.stdout
    assert_ok(run("check", "--repair", store=store))
    assert_ok(run("check", "--repair", store=store))
    assert [raw for _, raw in rejected_entries(store)] == [lost]


def _duplicate_id_key_line(first_id: str, second_id: str) -> str:
    """Claim 0's record with a second ``"id"`` key, naming another claim, added at the end."""
    data = record(TEXTS[0], id=first_id)
    return line(data)[:-1] + f', "id": "{second_id}"}}'


def test_repro_06_duplicate_id_key_is_reported_and_blocks_writes(store, ids):
    lines = store.read_text(encoding="utf-8").splitlines()
    lines[0] = _duplicate_id_key_line(ids[0], ids[1])
    write_lines(store, lines)
    result = run("check", store=store)
    assert result.returncode == 1
    assert f"{store}:1: " in result.stdout
    before = snapshot(store)
    for target in (ids[0], ids[1]):
        assert_one_error(run("annotate", target, "--status", "false", store=store), f"{store}:1:")
        assert snapshot(store) == before, "a failed annotate records nothing"


def test_repro_07_symlinked_store_is_written_through(tmp_path, store, ids, processes):
    real = tmp_path / "real"
    real.mkdir()
    target = real / "claims.jsonl"
    os.replace(store, target)
    link = tmp_path / "link.jsonl"
    link.symlink_to(target)
    with held_lock(real / "claims.jsonl.lock"):
        writer = start("annotate", ids[0], "--status", "false", "--note", "via link", store=link, processes=processes)
        blocked = wait_until_blocked(writer)
    _, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err
    assert blocked, "annotate through the link must take real/claims.jsonl.lock"
    assert link.is_symlink() and os.readlink(link) == str(target)
    written = {json.loads(raw)["id"]: json.loads(raw) for raw in target.read_text(encoding="utf-8").splitlines()}
    assert written[ids[0]]["status"] == "false" and notes(written[ids[0]]) == ["via link"]
    assert not (tmp_path / "link.jsonl.lock").exists()


def _with_bad_byte(store: Path) -> None:
    """Claim 2's line gets a byte that is not UTF-8 inside its text."""
    raw = store.read_bytes().splitlines()
    raw[2] = raw[2].replace(b"sharply", b"sharp\xffy")
    write_lines(store, raw)


def test_repro_09_bad_byte_in_an_unrelated_line_records_nothing_then_retry_records_once(store, ids):
    _with_bad_byte(store)
    before = snapshot(store)
    assert_one_error(run("annotate", ids[0], "--status", "false", "--note", "first try", store=store), f"{store}:3:")
    assert snapshot(store) == before
    assert_ok(run("check", "--repair", store=store))
    assert_ok(run("annotate", ids[0], "--status", "false", "--note", "second try", store=store))
    assert notes(show(store, ids[0])) == ["second try"]


@pytest.mark.parametrize("room", ["none", "journal_only"])
def test_repro_09_full_disk_annotate_fails_in_one_line_and_records_nothing(store, ids, room):
    assert_ok(run("show", ids[0], store=store))  # any index is built with room to spare
    limit = 0 if room == "none" else store.stat().st_size // 2
    before = snapshot(store)
    assert_one_error(
        run("annotate", ids[0], "--status", "false", "--note", "disk full", store=store, preexec_fn=file_size_limit(limit))
    )
    assert snapshot(store)["store"] == before["store"]
    journal = snapshot(store)["journal"]
    assert journal[: journal.rfind(b"\n") + 1] == before["journal"], "no complete journal line may be left behind"
    assert all(claim["annotations"] == [] for claim in claims(store))
    assert_ok(run("check", store=store))
    assert_ok(run("annotate", ids[0], "--status", "false", "--note", "room again", store=store))
    assert notes(show(store, ids[0])) == ["room again"]


# 11. Strict reading: each value is an error at its file and line, never coerced.


def _store_line(data_change):
    def make(store: Path, ids: list[str]) -> tuple[Path, int]:
        lines = store.read_text(encoding="utf-8").splitlines()
        lines[1] = data_change(json.loads(lines[1]), ids)
        write_lines(store, lines)
        return store, 2

    return make


def _journal_entry(at):
    def make(store: Path, ids: list[str]) -> tuple[Path, int]:
        journal = beside(store, "journal")
        write_lines(journal, [journal_line(ids[1], "when?", at=at)])
        return journal, 1

    return make


def _journal_bad_byte(store: Path, ids: list[str]) -> tuple[Path, int]:
    journal = beside(store, "journal")
    write_lines(journal, [journal_line(ids[1], "caf\u00e9").encode().replace(b"\\u00e9", b"\xe9")])
    return journal, 1


def _store_bad_byte(store: Path, ids: list[str]) -> tuple[Path, int]:
    _with_bad_byte(store)
    return store, 3


LAX = {
    "schema_version_string": _store_line(lambda d, ids: line({**d, "schema_version": "99"})),
    "schema_version_negative": _store_line(lambda d, ids: line({**d, "schema_version": -7})),
    "start_string": _store_line(lambda d, ids: line({**d, "start": str(d["start"])})),
    "hedged_yes": _store_line(lambda d, ids: line({**d, "hedged": "yes"})),
    "end_before_start": _store_line(lambda d, ids: line({**d, "start": d["end"], "end": d["start"]})),
    "duplicate_id_key": _store_line(lambda d, ids: line(d)[:-1] + f', "id": "{ids[2]}"}}'),
    "store_not_utf8": _store_bad_byte,
    "journal_time_without_zone": _journal_entry("2026-01-02T03:04:05"),
    "journal_time_as_number": _journal_entry(1767323045),
    "journal_not_utf8": _journal_bad_byte,
}


@pytest.mark.parametrize("case", LAX)
def test_strict_reading_check_reports_file_and_line(store, ids, case):
    path, number = LAX[case](store, ids)
    result = run("check", store=store)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1, result.stdout + result.stderr
    assert any(text.startswith(f"{path}:{number}: ") for text in result.stdout.splitlines()), result.stdout


WRITES = {
    "annotate_status": lambda ids: ["annotate", ids[0], "--status", "false"],
    "annotate_note": lambda ids: ["annotate", ids[0], "--note", "a note"],
    "compact": lambda ids: ["compact"],
}


WRITE_CASES = [(case, "annotate_status") for case in LAX] + [
    (case, write) for case in ("start_string", "journal_time_without_zone") for write in ("annotate_note", "compact")
]


@pytest.mark.parametrize("case, write", WRITE_CASES)
def test_strict_reading_a_write_fails_in_one_line_and_records_nothing(store, ids, case, write):
    path, number = LAX[case](store, ids)
    before = snapshot(store)
    assert_one_error(run(*WRITES[write](ids), store=store), f"{path}:{number}:")
    assert snapshot(store) == before


def test_strict_reading_extract_on_a_store_with_a_bad_line_fails_in_one_line(tmp_path, store):
    _with_bad_byte(store)
    before = snapshot(store)
    article = tmp_path / "bridge.txt"
    article.write_text(BRIDGE_SOUND, encoding="utf-8")
    assert_one_error(run("extract", str(article), store=store), f"{store}:3:")
    assert snapshot(store) == before


# 13. The index is a cache: damage to it never changes an answer.


def _index(store: Path, ids: list[str]) -> Path:
    """The index as claimtrack builds it (skip when this version keeps none)."""
    index = beside(store, "idx")
    assert_ok(run("show", ids[0], store=store))
    if not index.exists():
        pytest.skip("this claimtrack writes no id index")
    return index


def _rows(index: Path) -> tuple[bytes, list[bytes]]:
    header, *rows = index.read_bytes().splitlines(keepends=True)
    return header, rows


def _row_of(rows: list[bytes], claim_id: str) -> int:
    return next(n for n, row in enumerate(rows) if row.startswith(claim_id.encode()))


def _damage(index: Path, how: str, lost_id: str) -> None:
    header, rows = _rows(index)
    if how == "row_deleted":
        del rows[_row_of(rows, lost_id)]
        index.write_bytes(header + b"".join(rows))
    elif how == "rows_reordered":
        index.write_bytes(header + b"".join(reversed(rows)))
    elif how == "truncated_mid_row":
        index.write_bytes((header + b"".join(rows))[: len(header) + len(rows[0]) + 7])
    elif how == "truncated_mid_header":
        index.write_bytes(header[:40])
    elif how == "truncated_empty":
        index.write_bytes(b"")


@pytest.mark.parametrize("how", ["row_deleted", "rows_reordered", "truncated_mid_row", "truncated_mid_header", "truncated_empty"])
def test_damaged_index_never_changes_which_claim_is_found(store, ids, how):
    index = _index(store, ids)
    _damage(index, how, lost_id=ids[1])
    for each_id in ids:
        assert show(store, each_id)["id"] == each_id
    assert_ok(run("annotate", ids[1][:7], "--note", "found it", store=store))
    assert {c["id"]: notes(c) for c in claims(store)} == {ids[0]: [], ids[1]: ["found it"], ids[2]: []}


TWINS = ["abc111000000", "abc222000000"]


def test_damaged_index_still_reports_an_ambiguous_prefix(tmp_path):
    store = tmp_path / "claims.jsonl"
    write_lines(store, [line(record(TEXTS[0], id=TWINS[0])), line(record(TEXTS[1], id=TWINS[1])), line(record(TEXTS[2]))])
    index = _index(store, TWINS)
    _damage(index, "row_deleted", lost_id=TWINS[1])
    before = snapshot(store)
    for command in (["show", "abc"], ["annotate", "abc", "--status", "false"]):
        error = assert_one_error(run(*command, store=store), "ambiguous", *TWINS)
        assert error
    assert snapshot(store) == before


# 14. Read-only places.


@contextlib.contextmanager
def read_only_directory(directory: Path) -> Iterator[None]:
    directory.chmod(0o555)
    try:
        yield
    finally:
        directory.chmod(0o755)


@pytest.mark.parametrize("index", ["no_index", "stale_index"])
def test_read_only_directory_read_commands_work_without_writing_the_index(store, ids, index):
    if index == "stale_index":
        assert_ok(run("show", ids[0], store=store))
        store.write_bytes(store.read_bytes() + b"\n")  # the store changed since it was indexed
    else:
        for cache in store.parent.glob("*.idx"):
            cache.unlink()
    listing = sorted(p.name for p in store.parent.iterdir())
    with read_only_directory(store.parent):
        probe = run("annotate", ids[0], "--note", "probe", store=store, preexec_fn=obey_permission_bits)
        assert probe.returncode != 0, "the directory must really be read-only to the child"
        shown = run("show", ids[1][:7], "--json", store=store, preexec_fn=obey_permission_bits)
        assert_ok(shown)
        assert json.loads(shown.stdout)["id"] == ids[1]
        assert_ok(run("show", ids[2], store=store, preexec_fn=obey_permission_bits))
        listed = run("claims", "--format", "jsonl", store=store, preexec_fn=obey_permission_bits)
        assert_ok(listed)
        assert [json.loads(raw)["id"] for raw in listed.stdout.splitlines()] == ids
        assert_ok(run("export", "--format", "csv", store=store, preexec_fn=obey_permission_bits))
    assert sorted(p.name for p in store.parent.iterdir()) == listing


def _read_only_write(tmp_path: Path, store: Path, ids: list[str], command: str) -> list[str]:
    if command == "annotate":
        return ["annotate", ids[0], "--status", "false"]
    if command == "compact":
        write_lines(beside(store, "journal"), [journal_line(ids[0], "pending")])
        return ["compact"]
    article = tmp_path / "other.txt"
    article.write_text(BRIDGE_SOUND, encoding="utf-8")
    return ["extract", str(article)]


@pytest.mark.parametrize("command", ["annotate", "compact", "extract"])
def test_read_only_store_file_is_refused_and_left_alone(tmp_path, store, ids, command):
    """Permission bits, not access(): this holds for root too."""
    args = _read_only_write(tmp_path, store, ids, command)
    store.chmod(0o444)
    before = snapshot(store)
    error = assert_one_error(run(*args, store=store))
    assert "read-only" in error.lower(), error
    assert snapshot(store) == before
    assert stat.S_IMODE(store.stat().st_mode) == 0o444


# 15. The smaller items.


def test_repair_rerun_after_a_crash_rejects_nothing_twice(store, ids):
    """The state `check --repair` killed mid-way leaves: the bad line in .rejected, the store not yet rewritten."""
    good = store.read_bytes()
    write_lines(store, [*good.decode().splitlines(), "{oops"])
    write_lines(
        beside(store, "rejected"),
        [f"# 2026-01-01T00:00:00+00:00 {store}:4: not valid JSON (Expecting property name enclosed in double quotes)", "{oops"],
    )
    assert_ok(run("check", "--repair", store=store))
    assert [raw for _, raw in rejected_entries(store)] == ["{oops"]
    assert store.read_bytes() == good
    assert_ok(run("check", store=store))


def test_repair_killed_and_rerun_rejects_every_line_exactly_once(tmp_path, processes):
    """A real kill -9 of `check --repair` at several moments, then a rerun."""
    store = tmp_path / "claims.jsonl"
    many = [line(record(TEXTS[n % 3], id=f"{n:012x}")) for n in range(3000)]
    bad = [f"{{oops {n}" for n in range(5)]
    for delay in (0.2, 0.6):
        write_lines(store, [*many[:1000], bad[0], *many[1000:2000], *bad[1:3], *many[2000:], *bad[3:]])
        for side in (beside(store, "rejected"), beside(store, "idx")):
            side.unlink(missing_ok=True)
        repair = start("check", "--repair", store=store, processes=processes)
        time.sleep(delay)
        repair.kill()
        repair.communicate()
        assert_ok(run("check", "--repair", store=store))
        assert sorted(raw for _, raw in rejected_entries(store)) == bad, f"killed after {delay} s"
        assert len(store.read_text(encoding="utf-8").splitlines()) == len(many)


@pytest.mark.parametrize("command", ["annotate", "compact"])
def test_temporaries_of_a_killed_run_are_removed_by_the_next_write(store, ids, command):
    leftovers = [store.parent / ".claims.jsonl.tmp-k1ll3d", store.parent / ".claims.jsonl.idx.tmp-k1ll3d"]
    for path in leftovers:
        path.write_text("half a file", encoding="utf-8")
        os.utime(path, (time.time() - 3600, time.time() - 3600))
    if command == "compact":
        write_lines(beside(store, "journal"), [journal_line(ids[0], "pending")])
        assert_ok(run("compact", store=store))
    else:
        assert_ok(run("annotate", ids[0], "--note", "n", store=store))
    assert [p.name for p in leftovers if p.exists()] == []


def _open_spool(pid: int, spool_dir: Path) -> bool:
    """Whether the process holds a file in ``spool_dir`` open (named or, once unlinked, not)."""
    with contextlib.suppress(OSError):
        for fd in os.listdir(f"/proc/{pid}/fd"):
            with contextlib.suppress(OSError):
                if os.readlink(f"/proc/{pid}/fd/{fd}").startswith(str(spool_dir) + "/"):
                    return True
    return False


def test_extract_spool_does_not_outlive_kill_9(tmp_path, processes):
    articles, spool_dir = tmp_path / "articles", tmp_path / "tmp"
    articles.mkdir()
    spool_dir.mkdir()
    for n in range(20):
        (articles / f"story{n}.txt").write_text("Police said the bridge collapsed on Monday.\n\n" * 40, encoding="utf-8")
    extract = start(
        "extract", str(articles), store=tmp_path / "claims.jsonl", processes=processes, env={"TMPDIR": str(spool_dir)}
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and extract.poll() is None and not _open_spool(extract.pid, spool_dir):
        time.sleep(0.05)
    assert extract.poll() is None, "extract finished before it could be killed"
    time.sleep(0.3)  # some claims spooled
    extract.kill()
    extract.communicate()
    assert sorted(p.name for p in spool_dir.iterdir()) == []


@pytest.fixture
def bom_store(store, ids) -> Path:
    store.write_bytes(b"\xef\xbb\xbf" + store.read_bytes())
    return store


def test_byte_order_mark_is_read_normally(bom_store, ids):
    store = bom_store
    assert [c["id"] for c in claims(store)] == ids
    assert show(store, ids[0])["text"] == TEXTS[0]
    assert_ok(run("export", "--format", "csv", store=store))
    result = run("check", store=store)
    assert_ok(result)
    assert result.stdout == ""
    assert_ok(run("check", "--repair", store=store))
    assert not beside(store, "rejected").exists()
    assert_ok(run("annotate", ids[0], "--status", "false", "--note", "bom", store=store))
    assert [notes(c) for c in claims(store)] == [["bom"], [], []]
    assert_ok(run("check", store=store))


def test_same_journal_line_twice_gives_the_annotation_once(store, ids):
    entry = journal_line(ids[0], "once")
    write_lines(beside(store, "journal"), [entry, entry])
    assert notes(show(store, ids[0])) == ["once"]
    assert_ok(run("check", store=store))
    assert_ok(run("compact", store=store))
    assert [notes(json.loads(raw)) for raw in store.read_text(encoding="utf-8").splitlines()] == [["once"], [], []]


def test_torn_journal_tail_is_ignored(store, ids):
    journal = beside(store, "journal")
    journal.write_bytes((journal_line(ids[0], "complete") + "\n" + journal_line(ids[1], "torn")[:40]).encode())
    result = run("check", store=store)
    assert_ok(result)
    assert result.stdout == ""
    assert {c["id"]: notes(c) for c in claims(store)} == {ids[0]: ["complete"], ids[1]: [], ids[2]: []}


@pytest.fixture
def duplicated(store, ids) -> Path:
    """Claim 0's line appears twice (lines 1 and 4)."""
    write_lines(store, [*store.read_text(encoding="utf-8").splitlines(), line(record(TEXTS[0]))])
    return store


@pytest.mark.parametrize("command", [["claims", "--format", "jsonl"], ["export", "--format", "jsonl"]])
def test_duplicate_id_lines_warn_on_listing(duplicated, ids, command):
    result = run(*command, store=duplicated)
    assert_ok(result)
    warnings = [text for text in result.stderr.splitlines() if ids[0] in text]
    assert warnings and "claimtrack check" in warnings[0], result.stderr


@pytest.mark.parametrize("command", [["show"], ["annotate", "--note", "n"]])
def test_duplicate_id_lines_point_to_repair_on_show_and_annotate(duplicated, ids, command):
    before = snapshot(duplicated)
    error = assert_one_error(run(command[0], ids[0], *command[1:], store=duplicated), "claimtrack check --repair")
    assert "ambiguous" not in error
    assert snapshot(duplicated) == before


@pytest.mark.parametrize(
    "command, prepare",
    [
        (["annotate", "{id}", "--status", "false"], None),
        (["annotate", "{id}", "--note", "n"], None),
        (["compact"], "journal"),
        (["check", "--repair"], "bad_line"),
    ],
    ids=["annotate_status", "annotate_note", "compact", "repair"],
)
def test_every_mutation_waits_for_the_store_lock(store, ids, processes, command, prepare):
    if prepare == "journal":
        write_lines(beside(store, "journal"), [journal_line(ids[0], "pending")])
    elif prepare == "bad_line":
        write_lines(store, [*store.read_text(encoding="utf-8").splitlines(), "{oops"])
    before = snapshot(store)
    with held_lock(beside(store, "lock")):
        writer = start(*[part.format(id=ids[0]) for part in command], store=store, processes=processes)
        assert wait_until_blocked(writer), writer.communicate()
        assert snapshot(store) == before
    _, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err
