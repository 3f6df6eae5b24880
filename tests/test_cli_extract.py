"""`claimtrack extract` through typer's CliRunner."""

from __future__ import annotations

import fcntl
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from email.message import Message
from pathlib import Path

import pytest

from claimtrack import workflow
from claimtrack.cli import app
from claimtrack.clusters import sidecar
from claimtrack.models import Status
from claimtrack.store import ClaimStore, files
from conftest import extracted_page, run_in_terminal

ARTICLE = "Border guards said the convoy crossed at dawn.\n\nThe river rose by two metres overnight.\n"


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "convoy.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _needs_pipeline(nlp):
    """Every test here runs the real pipeline (loaded once by the nlp fixture)."""


def test_cli_extract_writes_claims_and_prints_summary(runner, article, isolated_store):
    result = runner.invoke(app, ["extract", str(article)])
    assert result.exit_code == 0, result.output
    assert f"1 document, 2 sentences, 2 claims, 1 attributed -> {isolated_store}" in result.stderr
    claims = list(ClaimStore(isolated_store))
    assert {c.doc_id for c in claims} == {"convoy"}
    assert claims[0].source.text == "Border guards" and claims[0].doc_path == str(article)


def test_cli_extract_store_option_wins_over_environment(runner, article, tmp_path, isolated_store):
    target = tmp_path / "elsewhere.jsonl"
    assert runner.invoke(app, ["extract", str(article), "--store", str(target)]).exit_code == 0
    assert target.exists() and not isolated_store.exists()


def test_cli_extract_again_keeps_ids_and_annotations(runner, article, isolated_store):
    runner.invoke(app, ["extract", str(article)])
    first = list(ClaimStore(isolated_store))
    runner.invoke(app, ["annotate", first[0].id, "--status", "verified", "--note", "seen it"])
    result = runner.invoke(app, ["extract", str(article)])
    assert result.exit_code == 0
    again = list(ClaimStore(isolated_store))
    assert [c.id for c in again] == [c.id for c in first]
    assert again[0].status.value == "verified" and again[0].last_note == "seen it"


def test_cli_extract_after_the_claims_file_was_deleted_extracts_again(runner, article, isolated_store):
    # The texts' side file, left behind, still says the document is stored: nothing was, and nothing would be.
    assert runner.invoke(app, ["extract", str(article)]).exit_code == 0
    isolated_store.unlink()
    result = runner.invoke(app, ["extract", str(article)])
    assert result.exit_code == 0, result.output
    assert "stored already" not in result.stderr
    assert {c.doc_id for c in ClaimStore(isolated_store)} == {"convoy"}


def test_cli_extract_again_says_which_verdicts_it_kept_as_orphans(runner, article, isolated_store):
    runner.invoke(app, ["extract", str(article)])
    checked = next(c for c in ClaimStore(isolated_store) if c.attributed)
    runner.invoke(app, ["annotate", checked.id, "--status", "false"])
    article.write_text(ARTICLE.replace("at dawn", "at noon"), encoding="utf-8")  # the checked words changed
    result = runner.invoke(app, ["extract", str(article)])
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"1 document, 2 sentences, 2 claims, 1 attributed -> {isolated_store}; "
        "1 annotated claim no longer in the text, kept as an orphan\n"
    )
    result = runner.invoke(app, ["extract", str(article), "--force"])
    assert "orphan" not in result.stderr, "an orphan from before is not news"


def test_cli_extract_again_keeps_verdicts_on_words_a_new_first_line_moved(runner, article, isolated_store):
    runner.invoke(app, ["extract", str(article)])
    checked = next(c for c in ClaimStore(isolated_store) if c.attributed)
    runner.invoke(app, ["annotate", checked.id, "--status", "false"])
    article.write_text("Updated at 10:00 with the guards' account.\n\n" + ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(article)])
    assert result.exit_code == 0, result.output
    assert "orphan" not in result.stderr
    kept = ClaimStore(isolated_store).get(checked.id)
    assert kept.status is Status.false and not kept.orphaned and kept.start > checked.start
    assert kept.text == checked.text and kept.cluster == checked.cluster


def test_cli_extract_unchanged_document_is_skipped_and_says_how_to_extract_it_again(runner, article, isolated_store):
    runner.invoke(app, ["extract", str(article)])
    result = runner.invoke(app, ["extract", str(article)])
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "1 document stored already with the same text and settings, not extracted again; --force extracts it again\n"
    )


def _front_matter_story(path: Path, *, title: str, day: str, words: str = ARTICLE) -> Path:
    # The page's own headline is the text's first line: the front matter's title is no part of the words.
    path.write_text(f'---\ntitle: "{title}"\ndate: {day}\n---\n\n# Port news\n\n{words}', encoding="utf-8")
    return path


def _stored_details(runner) -> dict[str, dict]:
    listed = runner.invoke(app, ["docs", "--format", "jsonl"])
    return {row["doc_id"]: row for row in map(json.loads, listed.stdout.splitlines())}


def test_cli_extract_again_stores_a_corrected_date_and_title_without_extracting_again(runner, tmp_path, isolated_store):
    """A front-matter date or title corrected with the words unchanged: a re-run said "stored already" and kept
    the old ones, so `docs`, `claims --sort date`, `clusters` and ClaimReview showed them."""
    story = _front_matter_story(tmp_path / "harbour.md", title="Harbour fees to rise", day="2026-03-02")
    assert runner.invoke(app, ["extract", str(story)]).exit_code == 0
    claims_before = isolated_store.read_bytes()
    _front_matter_story(story, title="Harbour fees will rise", day="2025-03-02")
    result = runner.invoke(app, ["extract", str(story)])
    assert result.exit_code == 0, result.output
    assert result.stderr == ("1 document's details updated (title, published); same text and settings, so not extracted again\n")
    row = _stored_details(runner)["harbour"]
    assert (row["title"], row["published"]) == ("Harbour fees will rise", "2025-03-02")
    assert isolated_store.read_bytes() == claims_before, "the claims were not extracted again"


def test_cli_extract_with_unchanged_details_still_changes_no_byte(runner, tmp_path, isolated_store):
    story = _front_matter_story(tmp_path / "harbour.md", title="Harbour fees to rise", day="2026-03-02")
    runner.invoke(app, ["extract", str(story)])
    _front_matter_story(story, title="Harbour fees to rise", day="2025-03-02")
    runner.invoke(app, ["extract", str(story)])
    files = sorted(isolated_store.parent.iterdir())
    before = {path: path.read_bytes() for path in files}
    result = runner.invoke(app, ["extract", str(story)])
    assert result.stderr.startswith("1 document stored already with the same text and settings"), result.output
    assert sorted(isolated_store.parent.iterdir()) == files
    assert {path: path.read_bytes() for path in files} == before
    # Extracted again, it keeps its claims and its record (and when it was first extracted).
    result = runner.invoke(app, ["extract", str(story), "--force"])
    assert result.exit_code == 0 and "details" not in result.stderr, result.output
    assert isolated_store.read_bytes() == before[isolated_store]
    assert ClaimStore(isolated_store).documents.path.read_bytes() == before[ClaimStore(isolated_store).documents.path]


def test_cli_extract_force_stores_the_new_details_and_when_it_extracted(runner, tmp_path, isolated_store):
    """`--force` extracted a document whose date had changed again, and kept its old date and extracted_at."""
    story = _front_matter_story(tmp_path / "harbour.md", title="Harbour fees to rise", day="2026-03-02")
    runner.invoke(app, ["extract", str(story)])
    (first,) = ClaimStore(isolated_store).documents.current().values()
    _front_matter_story(story, title="Harbour fees to rise", day="2025-03-02")
    result = runner.invoke(app, ["extract", str(story), "--force"])
    assert result.exit_code == 0, result.output
    (record,) = ClaimStore(isolated_store).documents.current().values()
    assert (first.published, record.published) == ("2026-03-02", "2025-03-02")
    assert record.extracted_at > first.extracted_at
    assert result.stderr.splitlines()[1:] == ["1 document's details updated (published)"]


def test_cli_extract_reads_standard_input_with_doc_id(runner, isolated_store):
    result = runner.invoke(app, ["extract", "-", "--doc-id", "wire"], input=ARTICLE)
    assert result.exit_code == 0, result.output
    assert {c.doc_id for c in ClaimStore(isolated_store)} == {"wire"}


def test_cli_extract_runs_with_standard_input_closed(article, tmp_path):
    """`claimtrack extract FILE <&-` (a cron job, a daemon): sys.stdin is None, and every extract ended in an
    internal error although none read standard input; `-` then reads as an empty input."""
    store = tmp_path / "claims.jsonl"
    command = [sys.executable, "-m", "claimtrack", "extract", "--store", str(store)]
    closed = {"stdin": None, "close_fds": True, "preexec_fn": lambda: os.close(0)}
    done = subprocess.run([*command, str(article)], capture_output=True, text=True, **closed)
    assert done.returncode == 0, done.stderr
    assert {c.doc_id for c in ClaimStore(store)} == {"convoy"}
    dash = subprocess.run([*command, "-"], capture_output=True, text=True, **closed)
    assert dash.returncode == 1 and "Traceback" not in dash.stderr and len(dash.stderr.splitlines()) == 1, dash.stderr


def test_cli_extract_runs_with_standard_error_closed(article, tmp_path):
    """`claimtrack extract FILE 2>&-`: the first message written ended the run in an internal error (exit 70), after
    the store was written."""
    store = tmp_path / "claims.jsonl"
    command = [sys.executable, "-m", "claimtrack", "extract", str(article), "--store", str(store)]
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=None, close_fds=True, preexec_fn=lambda: os.close(2))
    assert done.returncode == 0
    assert {c.doc_id for c in ClaimStore(store)} == {"convoy"}


@pytest.mark.parametrize("doc_id", ["bad\nid", "red\x1b[31m", "tab\tid"])
def test_cli_extract_doc_id_must_be_one_line_without_control_characters(runner, isolated_store, doc_id):
    """An id is printed, listed and looked up: a line break or an escape sequence in one broke every listing."""
    result = runner.invoke(app, ["extract", "-", "--doc-id", doc_id], input=ARTICLE)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: --doc-id must be one line of text without control characters: ")
    assert len(result.stderr.splitlines()) == 1 and not isolated_store.exists()


def test_cli_extract_html_drops_scripts_and_keeps_paragraphs(runner, tmp_path, isolated_store):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Convoy crosses</title><script>var x = 'Officials said nothing';</script></head>"
        "<body><p>Border guards said the convoy crossed at dawn.</p><p>The river rose by two metres overnight.</p></body></html>",
        encoding="utf-8",
    )
    assert runner.invoke(app, ["extract", str(page)]).exit_code == 0
    texts = [c.sentence for c in ClaimStore(isolated_store)]
    assert "Border guards said the convoy crossed at dawn." in texts
    assert not any("var x" in t for t in texts)


def test_cli_extract_html_attributes_a_headline_after_its_label_and_each_bulleted_key_point(runner, tmp_path, isolated_store):
    page = (
        "<html><head><title>Drone strikes</title></head><body><nav><a href='/'>Home</a> | <a href='/s'>Subscribe</a></nav>"
        "<article><h1>Analysis: Drone output is outrunning interceptors, new assessments suggest</h1>"
        "<h2>Key points</h2><ul><li>Dorovia claims it destroyed 23 drones over its border regions</li>"
        "<li>The governor said 14 people were killed in the strike</li></ul>"
        "<p>The plant supplied a fifth of the region's electricity before the war, industry data show.</p>"
        "<p>Officials say repairs could take weeks.</p></article></body></html>"
    )
    claims = extracted_page(runner, tmp_path / "page.html", page, isolated_store)
    found = {(c.source.text, c.cue.text, c.text) for c in claims if c.source and c.cue}
    assert found == {
        ("new assessments", "suggest", "Drone output is outrunning interceptors"),
        ("Dorovia", "claims", "it destroyed 23 drones over its border regions"),
        ("The governor", "said", "14 people were killed in the strike"),
        ("industry data", "show", "The plant supplied a fifth of the region's electricity before the war"),
        ("Officials", "say", "repairs could take weeks"),
    }


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("missing.txt", None, "no such file or directory"),
        ("empty.txt", b"", "file is empty"),
        ("binary.txt", b"\x00\x01\x02PNG\x00" * 10, "not a text file (looks like binary data)"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "not a text file (looks like PNG image)"),
    ],
)
def test_cli_extract_bad_input_is_one_line_and_leaves_store_untouched(
    runner, article, tmp_path, isolated_store, name, content, message
):
    runner.invoke(app, ["extract", str(article)])
    before = isolated_store.read_bytes()
    bad = tmp_path / name
    if content is not None:
        bad.write_bytes(content)
    result = runner.invoke(app, ["extract", str(bad)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {bad}: {message}\n"
    assert "Traceback" not in result.output
    assert isolated_store.read_bytes() == before


def test_cli_extract_batch_skips_bad_file_and_stores_the_rest(runner, article, tmp_path, isolated_store):
    result = runner.invoke(app, ["extract", str(tmp_path / "missing.txt"), str(article)])
    assert result.exit_code == 1
    assert "no such file or directory" in result.stderr
    assert {c.doc_id for c in ClaimStore(isolated_store)} == {"convoy"}


def _symlink_to_store(store: Path) -> Path:
    link = store.parent.parent / "claims-link.jsonl"
    link.symlink_to(store)
    return link


@pytest.mark.parametrize(
    ("named", "what"),
    [
        (lambda store: store, "the claim store"),
        (lambda store: store.parent / ".." / store.parent.name / store.name, "the claim store"),
        (_symlink_to_store, "the claim store"),
        (lambda store: store.with_name(store.name + ".idx"), "part of the claim store {store}"),
        (lambda store: store.with_name("claims.documents.jsonl"), "part of the claim store {store}"),
    ],
    ids=["store", "dotdot", "symlink", "idx", "documents"],
)
def test_cli_extract_refuses_the_store_and_its_side_files_and_stores_the_rest(
    runner, article, tmp_path, isolated_store, named, what
):
    runner.invoke(app, ["extract", str(article)])
    path = named(isolated_store)
    result = runner.invoke(app, ["extract", str(path), str(article), "--force"])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert f"Error: {path}: {what.format(store=isolated_store)}, not an article to extract" in lines
    assert lines[-1] == f"1 input not read: {path}"
    assert {c.doc_id for c in ClaimStore(isolated_store)} == {"convoy"}
    assert [record.doc_id for record in ClaimStore(isolated_store).documents] == ["convoy"]


def test_cli_extract_batch_names_a_file_whose_name_is_not_utf8_and_stores_the_rest(runner, tmp_path, isolated_store):
    # A name written on a Latin-1 system ("caf\xe9"): the store could not write it, and the whole batch was lost
    # with "cannot write \xe9", naming no file.
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "convoy.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / os.fsdecode(b"caf\xe9_story.txt")).write_text(ARTICLE.replace("convoy", "ferry"), encoding="utf-8")
    result = runner.invoke(app, ["extract", str(folder)])
    assert result.exit_code == 1
    bad = f"{folder}/caf\\xe9_story.txt"
    assert f"Error: {bad}: the name is not valid UTF-8 text; rename the file to extract it" in result.stderr.splitlines()
    assert result.stderr.splitlines()[-1] == f"1 input not read: {bad}"
    assert {c.doc_id for c in ClaimStore(isolated_store)} == {"convoy"}


def test_cli_extract_file_name_with_a_newline_gives_a_one_line_id(runner, tmp_path, isolated_store):
    article = tmp_path / "convoy\nat dawn.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert runner.invoke(app, ["extract", str(article)]).exit_code == 0
    assert {c.doc_id for c in ClaimStore(isolated_store)} == {"convoy at dawn"}


def test_cli_extract_directory_recurses(runner, tmp_path, isolated_store):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a" / "two.md").write_text("# Two\n\nThe river rose by two metres overnight.\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path / "a")])
    assert result.exit_code == 0, result.output
    assert "2 documents" in result.stderr
    assert {c.doc_id for c in ClaimStore(isolated_store)} == {"one", "two"}


def test_cli_extract_unknown_model_is_one_line(runner, article, isolated_store):
    result = runner.invoke(app, ["extract", str(article), "--model", "no_such_pipeline"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot load spaCy pipeline 'no_such_pipeline'")
    assert len(result.stderr.strip().splitlines()) == 1
    assert not isolated_store.exists()


def test_cli_extract_output_is_queryable(runner, article):
    runner.invoke(app, ["extract", str(article)])
    result = runner.invoke(app, ["claims", "--source", "border guards"])
    assert [json.loads(line)["text"] for line in result.stdout.splitlines()] == ["the convoy crossed at dawn"]


def test_cli_extract_files_sharing_a_name_get_their_paths_as_ids(runner, tmp_path, isolated_store):
    for folder in ("a", "b"):
        (tmp_path / "site" / folder).mkdir(parents=True)
        (tmp_path / "site" / folder / "index.md").write_text(ARTICLE.replace("dawn", f"dawn in {folder}"), encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    assert {c.doc_id for c in ClaimStore(isolated_store)} == {"a/index", "b/index"}
    # Extracting one of them again, alone, keeps the id it was given.
    runner.invoke(app, ["extract", str(tmp_path / "site" / "b" / "index.md")])
    assert {c.doc_id for c in ClaimStore(isolated_store)} == {"a/index", "b/index"}


def test_cli_extract_files_differing_only_in_suffix_keep_it_in_their_ids(runner, tmp_path, isolated_store):
    """A page saved as HTML and as Markdown beside a text: all three were 'story', and two were refused, with
    --doc-id (which a folder cannot take) the way out."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "story.txt").write_text(ARTICLE, encoding="utf-8")
    (site / "story.md").write_text(ARTICLE.replace("dawn", "noon"), encoding="utf-8")
    (site / "story.html").write_text(f"<html><body><p>{ARTICLE.replace('dawn', 'dusk')}</p></body></html>", encoding="utf-8")
    (site / "other.txt").write_text(ARTICLE.replace("convoy", "ferry"), encoding="utf-8")
    result = runner.invoke(app, ["extract", str(site)])
    assert result.exit_code == 0, result.output
    assert {c.doc_id for c in ClaimStore(isolated_store)} == {"story.txt", "story.md", "story.html", "other"}


def test_cli_extract_refuses_an_id_that_belongs_to_another_text(runner, tmp_path, isolated_store):
    for folder, words in (("a", "the convoy crossed at dawn"), ("b", "the convoy never crossed")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(f"Border guards said {words}.\n", encoding="utf-8")
    runner.invoke(app, ["extract", str(tmp_path / "a" / "report.txt")])
    before = isolated_store.read_bytes()
    result = runner.invoke(app, ["extract", str(tmp_path / "b" / "report.txt")])
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"Error: {tmp_path / 'b' / 'report.txt'}: document id 'report' already belongs to another text, read from "
    )
    assert "give this one its own --doc-id, or --replace to replace that document" in result.stderr
    assert isolated_store.read_bytes() == before
    replaced = runner.invoke(app, ["extract", str(tmp_path / "b" / "report.txt"), "--replace"])
    assert replaced.exit_code == 0, replaced.output
    assert [c.text for c in ClaimStore(isolated_store)] == ["the convoy never crossed"]


def test_cli_extract_same_file_edited_is_an_update(runner, article, isolated_store):
    runner.invoke(app, ["extract", str(article)])
    article.write_text(article.read_text(encoding="utf-8").replace("at dawn", "at noon"), encoding="utf-8")
    result = runner.invoke(app, ["extract", str(article)])
    assert result.exit_code == 0, result.output
    assert "the convoy crossed at noon" in {c.text for c in ClaimStore(isolated_store)}


def test_cli_extract_stdin_twice_keeps_both_stories(runner, isolated_store):
    for story in ("Officials said the water is safe.", "Officials said the vaccine is safe."):
        assert runner.invoke(app, ["extract", "-"], input=story).exit_code == 0
    claims = list(ClaimStore(isolated_store))
    assert sorted(c.text for c in claims) == ["the vaccine is safe", "the water is safe"]
    assert len({c.doc_id for c in claims}) == 2 and all(c.doc_id.startswith("stdin-") for c in claims)


def _descriptor_of(text: str) -> int:
    """The read end of a pipe holding ``text``, as ``<(cat story.txt)`` gives one (as /dev/fd/N)."""
    read_end, write_end = os.pipe()
    with os.fdopen(write_end, "w", encoding="utf-8") as writer:
        writer.write(text)
    return read_end


def test_cli_extract_process_substitution_twice_keeps_both_stories(runner, isolated_store):
    # Every <(…) is /dev/fd/63: both stories had the id "63", and the second silently replaced the first.
    for text in (ARTICLE, ARTICLE.replace("convoy", "ferry")):
        descriptor = _descriptor_of(text)
        try:
            result = runner.invoke(app, ["extract", f"/dev/fd/{descriptor}"])
        finally:
            os.close(descriptor)
        assert result.exit_code == 0, result.output
    ids = {c.doc_id for c in ClaimStore(isolated_store)}
    assert len(ids) == 2 and all(doc_id.startswith("stdin-") for doc_id in ids)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_cli_extract_named_pipe_nobody_writes_to_stops_at_the_first_ctrl_c(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    command = [sys.executable, "-m", "claimtrack", "extract", str(fifo), "--store", str(tmp_path / "claims.jsonl")]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    writer = None
    try:
        writer = _open_for_writing_once_read(fifo, process, deadline=time.monotonic() + 120)
        process.send_signal(signal.SIGINT)  # it waits for the pipe's words: one Ctrl-C did not end it
        _, stderr = process.communicate(timeout=30)
    finally:
        process.kill()  # a no-op once it has exited
        if writer is not None:
            os.close(writer)
    assert process.returncode == 130, stderr
    assert f"Error: {fifo}: not read, stopped before the input ended" in stderr.splitlines()


def _open_for_writing_once_read(fifo: Path, process: subprocess.Popen, deadline: float) -> int:
    """A writing end of ``fifo``, opened once ``process`` has it open to read (and so is waiting on it), written to
    by no one: opening it to write without waiting fails until then."""
    while time.monotonic() < deadline and process.poll() is None:
        try:
            return os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:  # ENXIO: no reader yet
            time.sleep(0.05)
    raise AssertionError(f"extract never opened the pipe: {process.communicate(timeout=30)}")


def test_cli_extract_ctrl_c_once_every_input_is_done_says_nothing_is_left(runner, article, isolated_store, monkeypatch):
    """Ctrl-C while the last save waited for the lock said "0 not started; run the same command again to extract
    the rest", with nothing left to extract."""
    flock, pressed = fcntl.flock, []

    def ctrl_c_then_lock(fd, operation):
        if operation & fcntl.LOCK_EX and not pressed:
            pressed.append(True)
            os.kill(os.getpid(), signal.SIGINT)  # the handler runs now, in this (the main) thread
        return flock(fd, operation)

    monkeypatch.setattr(fcntl, "flock", ctrl_c_then_lock)
    result = runner.invoke(app, ["extract", str(article)])
    assert result.exit_code == 130, result.output
    assert result.stderr.splitlines()[-1] == "Stopped by SIGINT with every input done: 1 document stored, none left to extract"
    assert {c.doc_id for c in ClaimStore(isolated_store)} == {"convoy"}


# Ctrl-C twice, in the main thread, right after the second save along the way (one after every document).
_CTRL_C_TWICE_AFTER_TWO_SAVES = """
import os, signal, sys
from claimtrack import workflow
from claimtrack.cli import app, extract_cmd

workflow.SAVE_EVERY_SECONDS, workflow.SAVE_SHARE = 0.0, float("inf")
saved = extract_cmd._ProgressEvents.saved

def saved_then_ctrl_c_twice(self, documents):
    saved(self, documents)
    if self.stored == 2:
        os.kill(os.getpid(), signal.SIGINT)
        os.kill(os.getpid(), signal.SIGINT)

extract_cmd._ProgressEvents.saved = saved_then_ctrl_c_twice
sys.argv[0] = "claimtrack"
app()
"""


def test_cli_extract_second_ctrl_c_says_what_the_saves_along_the_way_stored(tmp_path):
    """The first Ctrl-C promised "storing nothing" and the second printed nothing, yet the saves along the way had
    stored documents: now both say what is kept."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(5):
        (corpus / f"story-{n}.txt").write_text(f"Dispatch {n}: the mayor said the bridge would reopen.\n", encoding="utf-8")
    store = tmp_path / "claims.jsonl"
    command = [sys.executable, "-c", _CTRL_C_TWICE_AFTER_TWO_SAVES, "extract", str(corpus), "--store", str(store), "--jobs", "1"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == -signal.SIGINT, done.stderr
    lines = done.stderr.splitlines()
    assert "Stopping after the documents in hand (again to stop at once, keeping only what was saved already)..." in lines
    assert lines[-1] == (
        "Stopped at once by SIGINT: 2 documents stored by the saves along the way; run the same command again to extract the rest"
    )
    assert len(ClaimStore(store).documents.current()) == 2


def _no_parsing(*args, **kwargs):
    raise AssertionError("a pipeline was loaded to parse into a store that cannot be written")


def test_cli_extract_refuses_a_read_only_store_before_parsing(runner, article, isolated_store, monkeypatch):
    """A store that could not be written was found out at the first save, after the batch (or its first minute)
    was parsed and thrown away."""
    assert runner.invoke(app, ["extract", str(article)]).exit_code == 0
    isolated_store.chmod(0o444)
    monkeypatch.setattr(workflow, "load_pipeline", _no_parsing)
    result = runner.invoke(app, ["extract", str(article), "--force"])
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [
        f"Error: {isolated_store}: the store file is read-only; make it writable (chmod u+w) to change it"
    ]


def test_cli_extract_refuses_a_folder_it_cannot_write_in_before_parsing_naming_the_store(
    runner, article, isolated_store, monkeypatch
):
    """The error came after parsing and named the lock file (claims.jsonl.lock), which the user never mentioned.
    (A folder made immutable with chattr +i, as root, or read-only otherwise: creating a file in it fails.)"""

    def refused(folder, name):
        raise PermissionError(1, "Operation not permitted", str(folder / f"{name}.lock"))

    monkeypatch.setattr(files, "_try_create_in", refused)
    monkeypatch.setattr(workflow, "load_pipeline", _no_parsing)
    result = runner.invoke(app, ["extract", str(article)])
    assert result.exit_code == 1, result.output
    folder = next(folder for folder in isolated_store.parents if folder.exists())
    assert result.stderr.splitlines() == [
        f"Error: {isolated_store}: no file can be written in the store's folder {folder} (Operation not permitted)"
    ]
    assert not isolated_store.exists()


def test_cli_extract_keeps_the_text_claims_index(runner, article, isolated_store):
    runner.invoke(app, ["extract", str(article)])
    store = ClaimStore(isolated_store)
    (record,) = store.documents
    assert record.doc_id == "convoy" and record.text == article.read_text(encoding="utf-8")
    assert all(c.doc_sha256 == record.sha256 for c in store)
    assert record.path == os.path.relpath(article, isolated_store.parent)


def test_cli_extract_doc_id_needs_a_single_input(runner, article, isolated_store):
    result = runner.invoke(app, ["extract", str(article), str(article), "--doc-id", "x"])
    assert result.exit_code == 2  # a mistyped command line
    assert result.stderr == "Error: --doc-id names one document: give one input\n"


def test_cli_extract_directory_with_nothing_usable_is_one_line(runner, tmp_path, isolated_store):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    result = runner.invoke(app, ["extract", str(empty)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {empty}: no .txt, .md or .html files found\n"
    assert not isolated_store.exists()


def test_cli_extract_cp1252_text_is_decoded_with_a_warning(runner, tmp_path, isolated_store):
    legacy = tmp_path / "legacy.txt"
    text = "Officials said the café’s owner had fled.\n"
    legacy.write_bytes(text.encode("cp1252"))
    result = runner.invoke(app, ["extract", str(legacy)])
    assert result.exit_code == 0, result.output
    assert f"Warning: {legacy}: not valid UTF-8, decoded as cp1252" in result.stderr
    claim = next(iter(ClaimStore(isolated_store)))
    assert text[claim.start : claim.end] == claim.text and "café’s" in claim.text


@pytest.mark.parametrize(
    "doc_id, message",
    [
        ("", "Error: --doc-id is blank: give some text, or leave --doc-id out"),
        ("  ", "Error: --doc-id is blank: give some text, or leave --doc-id out"),
        ("a\udcffb", "Error: --doc-id is not valid UTF-8 text: a\\xffb"),
    ],
)
def test_cli_extract_refuses_a_blank_or_invalid_doc_id(runner, article, isolated_store, doc_id, message):
    result = runner.invoke(app, ["extract", str(article), "--doc-id", doc_id])
    assert (result.exit_code, result.stderr) == (2, message + "\n")
    assert not isolated_store.exists()


def test_cli_extract_reports_a_missing_path_with_markup_as_text(runner, tmp_path):
    missing = tmp_path / "[/]notes\x1b[2J.txt"
    result = runner.invoke(app, ["extract", str(missing)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {tmp_path}/[/]notes\\x1b[2J.txt")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output


# --------------------------------------------------------------------------
# Real-looking inputs: publishers' pages, scraped Markdown, wire copy, legacy files
# --------------------------------------------------------------------------

DATA = Path(__file__).parent / "data"
PLAIN = DATA / "sanctions-article.txt"
PAGES = ["ledger-page.html", "courier-page.html", "wire-page.html"]


def _extract(runner, *paths, store):
    result = runner.invoke(app, ["extract", *map(str, paths), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return list(ClaimStore(store))


def _same_typography(text: str) -> str:
    """Pages differ from the plain text in apostrophes and a dateline only."""
    return text.replace("\u2019", "'").replace("BRUSSELS \u2014 ", "")


def _attributions(claims) -> set[tuple]:
    return {
        (_same_typography(c.text), c.source and c.source.name, c.source and c.source.type, c.cue and c.cue.text)
        for c in claims
        if c.attributed
    }


@pytest.fixture(scope="module")
def plain_claims(tmp_path_factory, nlp):
    from typer.testing import CliRunner

    return _extract(CliRunner(), PLAIN, store=tmp_path_factory.mktemp("plain") / "claims.jsonl")


@pytest.mark.parametrize("page", PAGES)
def test_cli_extract_publisher_page_gives_only_the_articles_claims(runner, tmp_path, plain_claims, page):
    claims = _extract(runner, DATA / page, store=tmp_path / "claims.jsonl")
    article = PLAIN.read_text(encoding="utf-8")
    chrome = [c.sentence for c in claims if _same_typography(c.sentence) not in article]
    assert chrome == []
    missing = _attributions(plain_claims) - _attributions(claims)
    assert missing == set()


def test_cli_extract_scraped_markdown_has_no_markup_urls_or_link_list(runner, tmp_path, plain_claims):
    claims = _extract(runner, DATA / "sanctions-scraped.md", store=tmp_path / "claims.jsonl")
    for claim in claims:
        for text in (claim.text, claim.sentence, claim.source.text if claim.source else ""):
            assert not any(mark in text for mark in ("](", "[", "![", "**", "http", "www.", "_Gulf", "#")), text
    assert not any(word in c.sentence for c in claims for word in ("Judge says", "Navy says", "snap election"))
    assert _attributions(plain_claims) <= _attributions(claims)


def test_cli_extract_zero_width_characters_give_the_clean_texts_claims(runner, tmp_path, plain_claims):
    claims = _extract(runner, DATA / "sanctions-zero-width.txt", store=tmp_path / "claims.jsonl")

    def view(claim):
        source = claim.source
        return (claim.start, claim.end, claim.text, source and (source.text, source.name, source.type, source.role))

    assert [view(c) for c in claims] == [view(c) for c in plain_claims]


def test_cli_extract_cp1251_file_is_detected_and_named_in_a_warning(runner, tmp_path):
    path = DATA / "sanctions-cp1251.txt"
    result = runner.invoke(app, ["extract", str(path), "--store", str(tmp_path / "claims.jsonl")])
    assert result.exit_code == 0, result.output
    assert f"Warning: {path}: not valid UTF-8, decoded as cp1251" in result.stderr
    sentences = {c.sentence for c in ClaimStore(tmp_path / "claims.jsonl")}
    assert "Министры ЕС согласовали новые санкции против танкерного флота" in sentences


def test_cli_extract_png_named_txt_is_refused_and_named_in_the_batch_summary(runner, tmp_path):
    image = DATA / "chart.txt"
    result = runner.invoke(app, ["extract", str(image), str(PLAIN), "--store", str(tmp_path / "claims.jsonl")])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert f"Error: {image}: not a text file (looks like PNG image)" in lines
    assert lines[-1] == f"1 input not read: {image}"
    assert {c.doc_id for c in ClaimStore(tmp_path / "claims.jsonl")} == {"sanctions-article"}


def test_cli_extract_batch_summary_names_each_input_not_read_whole(runner, tmp_path, isolated_store):
    # A name holding ": " was cut there: "2 inputs not read: .../report, ...", a file that does not exist.
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "convoy.txt").write_text(ARTICLE, encoding="utf-8")
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
    (folder / "report: final.txt").write_bytes(png)
    (folder / "red\x1b[31m: alert.txt").write_bytes(png)
    result = runner.invoke(app, ["extract", str(folder)])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == f"2 inputs not read: {folder}/red\\x1b[31m: alert.txt, {folder}/report: final.txt"
    assert {c.doc_id for c in ClaimStore(isolated_store)} == {"convoy"}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_cli_extract_progress_names_the_document_in_hand(tmp_path, isolated_store, jobs):
    """With --jobs 2 the bar named the last input read ahead for the workers ("Extracting doc12.txt" while none
    was done): it names the document whose claims come next, as --jobs 1 did, whatever is read ahead."""
    folder = tmp_path / "desk"
    folder.mkdir()
    for n in range(1, 13):
        text = (
            f"The port authority said on day {n} that the ferry would sail at dawn. "
            f"Its harbour master told reporters that {n} boats had been turned back by the storm.\n\n"
        ) * 12
        (folder / f"doc{n:02}.txt").write_text(text, encoding="utf-8")
    code, shown = run_in_terminal("extract", str(folder), "--jobs", jobs)
    assert code == 0
    frames = [(frame, re.search(r"Extracting \S*/doc(\d+)\.txt", frame)) for frame in shown.decode().split("\r")]
    named = [(frame, int(name.group(1))) for frame, name in frames if name]
    assert named
    for frame, in_hand in named:
        done = re.search(r"(\d+)/12 documents", frame)
        done_count = int(done.group(1)) if done else 0
        assert in_hand in (done_count, done_count + 1), frame


@pytest.mark.parametrize("columns", [80, 120])
def test_cli_extract_progress_fits_the_terminal_by_cutting_the_name_not_the_times(tmp_path, isolated_store, columns):
    """At 80 columns rich cut the elapsed time and the time left to "0:0…": now the document's name gives way."""
    folder = tmp_path / "newsroom-archive" / "international-desk"
    folder.mkdir(parents=True)
    for n in range(1, 9):
        text = f"The port authority said on day {n} that the ferry would sail at dawn.\n\n" * 20
        (folder / f"ferry-crossing-report-{n:02}.txt").write_text(text, encoding="utf-8")
    code, shown = run_in_terminal("extract", str(folder), "--jobs", "1", columns=columns)
    assert code == 0
    plain = re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", shown.decode())
    frames = [frame for frame in re.split(r"[\r\n]", plain) if re.search(r"\d+/8 documents", frame)]
    assert frames
    for frame in frames:
        assert len(frame) < columns, frame
        assert re.search(r" \d+% \d:\d\d:\d\d (\d:\d\d:\d\d|-:--:--) \d+/8 documents, \d+\.\d\d/s$", frame), frame
        name = re.match(r"Extracting (\S+) ", frame).group(1)
        full = f"{folder}/ferry-crossing-report-0{name[-5]}.txt"
        assert name == full or (name.startswith("…") and full.endswith(name[1:]) and len(name) >= 12), frame


def test_cli_extract_progress_fits_the_terminal_with_a_name_of_wide_characters(tmp_path, isolated_store):
    # A CJK character takes two columns: measured in characters, the name pushed the times off an 80-column line.
    from rich.cells import cell_len

    folder = tmp_path / "国际新闻部档案资料库" / "渡轮报道"
    folder.mkdir(parents=True)
    for n in range(1, 5):
        text = f"The port authority said on day {n} that the ferry would sail at dawn.\n\n" * 20
        (folder / f"渡轮航行报告第{n}号.txt").write_text(text, encoding="utf-8")
    code, shown = run_in_terminal("extract", str(folder), "--jobs", "1", columns=80)
    assert code == 0
    plain = re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", shown.decode())
    frames = [frame for frame in re.split(r"[\r\n]", plain) if re.search(r"\d+/4 documents", frame)]
    assert frames
    for frame in frames:
        assert cell_len(frame) < 80, frame
        assert re.search(r" \d+% \d:\d\d:\d\d (\d:\d\d:\d\d|-:--:--) \d+/4 documents, \d+\.\d\d/s$", frame), frame


@pytest.fixture
def web_server():
    """A local web server on 127.0.0.1 (ephemeral port) serving tests/data, stopped after the test."""
    import functools
    from http.server import SimpleHTTPRequestHandler

    from conftest import http_server

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):  # keep the test output clean
            pass

    with http_server(functools.partial(Quiet, directory=str(DATA))) as url:
        yield url


def test_cli_extract_url_is_fetched_and_read_as_html(runner, tmp_path, web_server, plain_claims):
    url = f"{web_server}/ledger-page.html"
    claims = _extract(runner, url, store=tmp_path / "claims.jsonl")
    assert {(c.doc_id, c.doc_path) for c in claims} == {("ledger-page", url)}
    assert _attributions(plain_claims) <= _attributions(claims)


def test_cli_extract_url_of_plain_text_is_read_as_text(runner, tmp_path, web_server):
    """A .txt served as text/plain was read as HTML: its paragraphs run together, and "no article found"."""
    url = f"{web_server}/sanctions-article.txt"
    store = tmp_path / "claims.jsonl"
    result = runner.invoke(app, ["extract", url, "--store", str(store)])
    assert result.exit_code == 0 and "no article" not in result.stderr, result.output
    stored = ClaimStore(store).documents.current()["sanctions-article"].text
    assert stored.strip() == (DATA / "sanctions-article.txt").read_text(encoding="utf-8").strip() and "\n\n" in stored


def test_cli_extract_url_that_fails_is_one_line(runner, tmp_path, web_server):
    url = f"{web_server}/no-such-page.html"
    result = runner.invoke(app, ["extract", url, "--store", str(tmp_path / "claims.jsonl")])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {url}: cannot fetch (HTTP 404 File not found)\n"


@pytest.mark.parametrize("url", ["http://[::1", "https://exa mple.com/story", "https://example.com:port/story", "https://"])
def test_cli_extract_malformed_url_is_one_line_and_the_other_inputs_are_stored(runner, tmp_path, url):
    # An unclosed IPv6 bracket crashed the run (exit 70, nothing stored); a space sent the URL to be looked for as a
    # file ("no such file or directory").
    first, second = tmp_path / "convoy.txt", tmp_path / "river.txt"
    first.write_text(ARTICLE, encoding="utf-8")
    second.write_text(ARTICLE.replace("convoy", "ferry"), encoding="utf-8")
    store = tmp_path / "claims.jsonl"
    result = runner.invoke(app, ["extract", str(first), url, str(second), "--store", str(store)])
    assert result.exit_code == 1
    assert [line for line in result.stderr.splitlines() if line.startswith("Error:")] == [f"Error: {url}: not a valid URL"]
    assert {c.doc_id for c in ClaimStore(store)} == {"convoy", "river"}


def test_cli_extract_a_bug_is_one_line_and_leaves_the_store_as_it_was(runner, article, tmp_path, isolated_store, monkeypatch):
    runner.invoke(app, ["extract", str(article)])
    before = isolated_store.read_bytes()
    other = tmp_path / "other.txt"
    other.write_text("Officials said the convoy crossed at dawn. Police said two trucks were stopped.\n", encoding="utf-8")
    assign = sidecar.Assignment.assign

    # A bug met once the first claim is clustered; replaced where the store (Python) calls it, so it is met
    # whether clustering runs compiled or not.
    def broken(self, claims):
        for n, claim in enumerate(assign(self, claims)):
            if n:
                raise ValueError("could not convert string to float: '54.2GW'")
            yield claim

    monkeypatch.setattr(sidecar.Assignment, "assign", broken)
    result = runner.invoke(app, ["extract", str(other)])
    assert result.exit_code == 70
    assert "Error: internal error (ValueError: could not convert string to float: '54.2GW'): a bug in claimtrack" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert isolated_store.read_bytes() == before
    monkeypatch.setenv("CLAIMTRACK_DEBUG", "1")
    assert isinstance(runner.invoke(app, ["extract", str(other)]).exception, ValueError)


# Runs the CLI with every load of the spaCy pipeline logged (a line per load, the loading process's id) in argv[1].
_LOGGING_LOADS = """
import os, sys
import claimtrack.nlp
loading, path = claimtrack.nlp.load_pipeline, sys.argv[1]
def logged(*args, **kwargs):
    with open(path, "a", encoding="utf-8") as log:
        log.write(f"{os.getpid()}\\n")
    return loading(*args, **kwargs)
claimtrack.nlp.load_pipeline = logged
from claimtrack.cli import main
sys.argv = ["claimtrack", *sys.argv[2:]]
main()
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
def test_cli_extract_with_workers_loads_the_pipeline_once(tmp_path):
    # The writing process loads the pipeline and forks the workers: neither worker imports spaCy and loads it again.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n, place in enumerate(["Lisbon", "Oslo"]):
        (corpus / f"{n}.txt").write_text(f"Police in {place} said the bridge collapsed on Monday.\n", encoding="utf-8")
    log, store = tmp_path / "loads.log", tmp_path / "claims.jsonl"
    command = [sys.executable, "-c", _LOGGING_LOADS, str(log), "extract", "--jobs", "2", "--store", str(store), str(corpus)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    assert log.read_text(encoding="utf-8").split() == [str(process.pid)]
    assert {claim.doc_id for claim in ClaimStore(store)} == {"0", "1"}


def _cards(headlines: list[str]) -> str:
    return "".join(
        f'<article class="card"><h2><a href="/{n}">{headline}</a></h2><p>The story behind it, in a line.</p></article>'
        for n, headline in enumerate(headlines)
    )


SECTION_FRONT = (
    "<html><head><title>News | The Dale Courier</title></head><body><main><h1>News</h1>"
    + _cards(
        ["Minister says fares will be frozen", "Flood warnings for three valleys", "Police say five held", "Bank holds rates"]
    )
    + "</main></body></html>"
)
ARTICLE_WITH_RELATED = (
    "<html><head><title>Fares frozen</title></head><body><main><article><h1>Fares frozen</h1>"
    + "".join(f"<p>The transport minister said on Monday that rail fares would be frozen for year {n}.</p>" for n in range(8))
    + "</article><aside><h2>Related</h2>"
    + _cards(["Flood warnings for three valleys", "Police say five held", "Bank holds rates"])
    + "</aside></main></body></html>"
)


@pytest.mark.parametrize(("page", "warned"), [(SECTION_FRONT, True), (ARTICLE_WITH_RELATED, False)], ids=["front", "article"])
def test_cli_extract_warns_when_a_page_is_a_list_of_articles(runner, tmp_path, page, warned):
    """A section front (a headline and a teaser for each of several stories) was read as one article without a
    word (a QA pass)."""
    path = tmp_path / "news.html"
    path.write_text(page, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path), "--store", str(tmp_path / "claims.jsonl")])
    assert result.exit_code == 0, result.output
    warning = f"Warning: {path}: reads as a list of articles (a section front?), not one article: read as one text"
    assert (warning in result.stderr.splitlines()) is warned


POST = "Another cold night without power. We need generators in every school now."
SIGNATURE = "— Marta Kovalenko (@marta_kovalenko) March 6, 2026"
EMBEDDED_POSTS = {
    "md": (
        "# Power cuts across the region\n\nThe regional council said on Friday that 40,000 homes had no power.\n\n"
        f"> {POST} [pic.twitter.com/xk29QpL](https://t.co/xk29QpL)\n>\n> {SIGNATURE}\n\n"
        "The grid operator said repairs would take at least two days.\n"
    ),
    "html": (
        "<html><head><title>Power cuts across the region</title></head><body><article><h1>Power cuts across the region</h1>"
        "<p>The regional council said on Friday that 40,000 homes had no power after the overnight storm.</p>"
        f'<blockquote class="twitter-tweet"><p>{POST} <a href="https://t.co/xk29QpL">pic.twitter.com/xk29QpL</a></p>'
        f"{SIGNATURE}</blockquote>"
        "<p>The grid operator said repairs would take at least two days, and asked people to stay indoors.</p>"
        "</article></body></html>"
    ),
    "telegram.html": (
        "<html><head><title>Power cuts across the region</title></head><body><article><h1>Power cuts across the region</h1>"
        "<p>The regional council said on Friday that 40,000 homes had no power after the overnight storm.</p>"
        f'<blockquote class="telegram-post"><p>{POST}</p>{SIGNATURE}</blockquote>'
        "<p>The grid operator said repairs would take at least two days, and asked people to stay indoors.</p>"
        "</article></body></html>"
    ),
}


@pytest.mark.parametrize("suffix", ["md", "html", "telegram.html"])
def test_cli_extract_an_embedded_post_is_its_authors_without_its_picture_link(runner, tmp_path, suffix):
    """A post's "pic.twitter.com/…" link was a claim of the post's author's (HTML) or, in Markdown, kept the
    signature on the next line from signing the post, whose words became the article's own; a Telegram post lost
    its signature, and its words were the article's (a QA pass)."""
    page = tmp_path / f"power.{suffix}"
    page.write_text(EMBEDDED_POSTS[suffix], encoding="utf-8")
    result = runner.invoke(app, ["extract", str(page), "--store", str(tmp_path / "claims.jsonl")])
    assert result.exit_code == 0, result.output
    claims = list(ClaimStore(tmp_path / "claims.jsonl"))
    signed = {claim.text: claim.source.text if claim.source else None for claim in claims}
    assert signed["We need generators in every school now."].startswith("Marta Kovalenko")
    assert not any("pic.twitter.com" in claim.text for claim in claims)


def test_cli_extract_a_reader_services_markdown_is_published_by_its_urls_site(runner, tmp_path):
    """A Jina Reader file names the page's URL but no site: its document was listed with no publisher, where a
    web page without a site name has its host (trafilatura's convention)."""
    store = tmp_path / "claims.jsonl"
    _extract(runner, DATA / "reader-header-page.md", store=store)
    (row,) = [
        json.loads(line) for line in runner.invoke(app, ["docs", "--format", "jsonl", "--store", str(store)]).stdout.splitlines()
    ]
    assert (row["url"], row["publisher"]) == (
        "https://www.harbourgazette.example/news/2026/04/dredging-delayed",
        "harbourgazette.example",
    )
    table = runner.invoke(app, ["docs", "--store", str(store)], env={"COLUMNS": "200"}).stdout
    assert "publisher" in table and "harbourgazette.example" in table


def _page(site_name: str | None = None) -> bytes:
    """A made-up article page with no canonical URL, naming its site only if told to."""
    site = f'<meta property="og:site_name" content="{site_name}">' if site_name else ""
    return (
        f"<html><head><title>Dredging of the harbour delayed</title>{site}</head><body><article>"
        "<h1>Dredging of the harbour delayed</h1><p>The harbour board said on Tuesday that dredging of the outer "
        "channel would start in June, two months later than planned.</p><p>A spokeswoman for the board said the "
        "contractor had asked for more time to survey the seabed.</p></article></body></html>"
    ).encode()


def _listed_publisher(runner, store) -> tuple[str, list[str]]:
    """The publisher `docs` lists for the store's one document, and the columns of its table."""
    (row,) = [
        json.loads(line) for line in runner.invoke(app, ["docs", "--format", "jsonl", "--store", str(store)]).stdout.splitlines()
    ]
    table = runner.invoke(app, ["docs", "--format", "table", "--store", str(store)], env={"COLUMNS": "200"}).stdout
    return row["publisher"], [cell.strip() for cell in table.splitlines()[0].split("│")]


class _Answer(io.BytesIO):
    """What urllib answers a request for a page with, without the network: the page, its headers, and ``url``,
    the address it came from (another than the one asked for after a redirect)."""

    def __init__(self, body: bytes, url: str):
        super().__init__(body)
        self.url = url
        self.headers = Message()
        self.headers["Content-Type"] = "text/html; charset=utf-8"


@pytest.mark.parametrize(
    ("url", "landed", "site_name", "publisher"),
    [
        ("https://www.harbourgazette.example/news/dredging-delayed", None, None, "harbourgazette.example"),
        ("http://harbourgazette.example:8080/dredging-delayed?utm_source=feed", None, None, "harbourgazette.example"),
        ("https://www.harbourgazette.example/news/dredging-delayed", None, "Harbour Gazette", "Harbour Gazette"),
        # A shortened link: the page is on the site the redirect ended at.
        (
            "https://short.example/x7Qa",
            "https://www.harbourgazette.example/news/dredging-delayed",
            None,
            "harbourgazette.example",
        ),
    ],
)
def test_cli_extract_a_fetched_page_without_a_site_name_is_published_by_its_host(
    runner, tmp_path, monkeypatch, url, landed, site_name, publisher
):
    """A page fetched from its site that names neither the site nor a canonical URL was listed by `docs` with no
    publisher, though a Jina Reader file naming the same URL had the URL's host; a site name the page gives is kept."""
    import urllib.request

    monkeypatch.setattr(urllib.request, "urlopen", lambda request, **options: _Answer(_page(site_name), landed or url))
    store = tmp_path / "claims.jsonl"
    _extract(runner, url, store=store)
    listed, columns = _listed_publisher(runner, store)
    assert listed == publisher and "publisher" in columns


def test_cli_extract_a_page_fetched_from_this_machine_has_no_publisher(runner, tmp_path):
    """127.0.0.1 and localhost name no one: such a page is listed with no publisher, and the table has no column
    for it, as before claimtrack named fetched pages by their host."""
    from http.server import BaseHTTPRequestHandler

    from conftest import http_server

    class Unnamed(BaseHTTPRequestHandler):
        def do_GET(self):
            body = _page()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    with http_server(Unnamed) as served:
        port = served.rsplit(":", 1)[1]
        for host in ("127.0.0.1", "localhost"):
            store = tmp_path / host / "claims.jsonl"
            _extract(runner, f"http://{host}:{port}/dredging-delayed.html", store=store)
            listed, columns = _listed_publisher(runner, store)
            assert (listed, "publisher" in columns) == ("", False), host


@pytest.mark.parametrize(
    ("name", "notes", "kept"),
    [
        (
            "footnoted-article.txt",
            ["Figures for March 2026 are provisional"],
            ["The finance committee said it would cap the levy", "The mayor said the market hall would waive"],
        ),
        (
            "footnoted-article.md",
            ["Fares are quoted for a single adult", "The council's figures cover weekday crossings"],
            ["The operator said children under five", "The harbour board said the night crossing"],
        ),
    ],
)
def test_cli_extract_numbered_notes_under_the_article_are_not_its_claims(runner, tmp_path, name, notes, kept):
    """A note under an article ("1 Figures for March 2026 are provisional …") became a claim of the article's; a
    numbered list in its middle ("1 The finance committee said …") stays the article's claims."""
    sentences = [claim.sentence for claim in _extract(runner, DATA / name, store=tmp_path / "claims.jsonl")]
    assert [note for note in notes if any(note in sentence for sentence in sentences)] == []
    assert [item for item in kept if not any(item in sentence for sentence in sentences)] == []


def test_cli_extract_a_numbered_list_that_ends_the_article_stays_its_claims(runner, tmp_path):
    """Introduced as a list ("The plan has two parts:"), numbered lines at the end are no notes."""
    claims = _extract(runner, DATA / "numbered-list-ending.txt", store=tmp_path / "claims.jsonl")
    sentences = {claim.sentence for claim in claims}
    assert "The council said it would raise the river wall by a metre." in sentences
    assert "The water board said it would dredge the lower channel." in sentences


def test_cli_extract_a_pages_footnotes_section_gives_no_claims_and_its_numbered_list_does(runner, tmp_path):
    """A page's notes ("Figures for December 2025 are provisional …"), in a section marked as footnotes, were read as
    paragraphs of its article and became claims; a numbered list in the article stays its claims."""
    claims = _extract(runner, DATA / "footnoted-page.html", store=tmp_path / "claims.jsonl")
    sentences = {claim.sentence for claim in claims}
    assert not any("provisional" in sentence or "surveyed 1,200" in sentence for sentence in sentences)
    assert "The authority said the night service had carried 200,000 passengers since it began." in sentences
    assert "The union said the new timetable had cut waiting times at the busiest stops." in sentences
