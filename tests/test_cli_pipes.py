"""Output cut short by its reader (`| head`, `less`, a closed socket) ends quietly, exit 0.

Real processes, since a broken pipe needs a real pipe: the reader either
closes its end before anything is written (the write or the flush at exit
meets the broken pipe) or reads one line of a long output and then closes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ARTICLE, make_claim, write_store

# Enough claims that the output overflows a pipe's buffer (64 KiB) many times.
MANY = 400


@pytest.fixture
def big_store(isolated_store) -> Path:
    claims = [make_claim(doc_id=f"doc-{n}") for n in range(MANY)] + [
        make_claim("The bridge collapsed on Monday", source="police", cue="said")
    ]
    return write_store(isolated_store, claims)


@pytest.fixture
def gold_file(tmp_path) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"doc_id": "article", "text": ARTICLE, "attributions": []}) + "\n", encoding="utf-8")
    return path


def start(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "claimtrack", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def finish(process: subprocess.Popen) -> tuple[int, str]:
    stderr = process.stderr.read().decode("utf-8", errors="replace")
    process.stderr.close()
    return process.wait(timeout=60), stderr


COMMANDS = [
    ["claims"],
    ["claims", "--format", "table"],
    ["claims", "--format", "csv"],
    ["claims", "--format", "json"],
    ["export", "--format", "jsonl"],
    ["export", "--format", "csv"],
    ["sources"],
    ["sources", "--format", "table"],
    ["docs"],
    ["show", "--json", "{id}"],
    ["show", "{id}"],
    ["schema"],
    ["check"],
    ["evaluate", "{gold}", "--predicted", "{store}"],
    ["--version"],
    ["--help"],
    ["claims", "--help"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_cli_pipes_reader_gone_before_any_output_is_quiet_exit_0(args, big_store, gold_file):
    first = make_claim(doc_id="doc-0").id
    process = start(*(arg.format(id=first, gold=gold_file, store=big_store) for arg in args))
    process.stdout.close()
    code, stderr = finish(process)
    assert code == 0, stderr
    assert "Broken pipe" not in stderr and "Exception ignored" not in stderr and "Traceback" not in stderr


@pytest.mark.parametrize(
    "args",
    [["claims"], ["claims", "--format", "table"], ["export", "--format", "csv"], ["claims", "--format", "json"]],
    ids=" ".join,
)
def test_cli_pipes_reader_stopping_after_one_line_is_quiet_exit_0(args, big_store):
    process = start(*args)
    assert process.stdout.readline()
    process.stdout.close()
    code, stderr = finish(process)
    assert code == 0, stderr
    assert "Broken pipe" not in stderr and "Exception ignored" not in stderr and "Traceback" not in stderr


def test_cli_pipes_head_sees_the_first_line_and_the_pipeline_succeeds(big_store):
    result = subprocess.run(
        f"set -o pipefail; {sys.executable} -m claimtrack claims --format jsonl | head -n 1",
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["doc_id"] == "doc-0"
    assert result.stderr == ""


def test_cli_pipes_duckdb_writer_cut_short_is_quiet_exit_0(isolated_store):
    # A store claimtrack wrote (so vouched for), read by DuckDB whatever its size.
    from claimtrack.store import ClaimStore

    ClaimStore(isolated_store).replace_documents({f"doc-{n}": [make_claim(doc_id=f"doc-{n}")] for n in range(MANY)})
    code = (
        "import sys; from claimtrack import duckquery; duckquery.DUCKDB_BYTES = 0; "
        "from claimtrack.cli import main; sys.argv[0] = 'claimtrack'; main()"
    )
    for early in (True, False):
        process = subprocess.Popen(
            [sys.executable, "-c", code, "claims", "--format", "jsonl"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        if not early:
            assert json.loads(process.stdout.readline())["doc_id"] == "doc-0"
        process.stdout.close()
        status, stderr = finish(process)
        assert status == 0, stderr
        assert stderr == ""


def test_cli_with_standard_output_closed_a_listing_is_a_one_line_error(big_store):
    # `claimtrack claims >&-`: Python then has no sys.stdout at all, and the first write was an internal error.
    command = f"'{sys.executable}' -m claimtrack claims --format jsonl --store '{big_store}' >&-"
    done = subprocess.run(command, shell=True, capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stderr) == (1, "Error: standard output is closed\n")
