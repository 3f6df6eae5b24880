"""`claimtrack render`: the article view written to a file, to standard output, or opened."""

from __future__ import annotations

import pytest

from claimtrack.cli import app
from claimtrack.store import ClaimStore
from conftest import (
    BRIDGE_ARTICLE,
    bridge_claims,
    make_claim,
    marked,
    modules_imported_by,
    parse_html,
    run_in_terminal,
    store_document,
)


@pytest.fixture
def bridge(isolated_store):
    return store_document(isolated_store, "bridge-story", BRIDGE_ARTICLE, bridge_claims())


def test_cli_render_writes_the_page_to_the_file_named(runner, bridge, tmp_path):
    out = tmp_path / "article.html"
    result = runner.invoke(app, ["render", "bridge", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == f"Wrote {out} (6 claims of bridge-story)\n"
    assert marked(parse_html(out.read_text(encoding="utf-8"))) == {claim.id: claim.text for claim in bridge}


@pytest.mark.parametrize("args", [["-o", "-"], []], ids=["dash", "piped"])
def test_cli_render_writes_to_stdout_when_asked_or_piped(runner, bridge, args, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["render", "bridge-story", *args])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<!DOCTYPE html>") and result.stderr == ""
    assert marked(parse_html(result.stdout)) == {claim.id: claim.text for claim in bridge}
    assert list(tmp_path.glob("*.html")) == []


def test_cli_render_at_a_terminal_writes_doc_id_html_here(bridge, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, shown = run_in_terminal("render", "bridge")
    assert code == 0, shown
    assert b"Wrote bridge-story.html (6 claims of bridge-story)" in shown and b"<html" not in shown
    page = parse_html((tmp_path / "bridge-story.html").read_text(encoding="utf-8"))
    assert marked(page) == {claim.id: claim.text for claim in bridge}


def test_cli_render_open_writes_the_file_and_opens_it(runner, bridge, tmp_path, monkeypatch):
    import webbrowser

    opened = []
    monkeypatch.setattr(webbrowser, "open", lambda url: opened.append(url) or True)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["render", "bridge", "--open"])  # piped, yet --open needs a file
    assert result.exit_code == 0, result.output
    assert opened == [(tmp_path / "bridge-story.html").resolve().as_uri()]


def test_cli_render_open_says_so_when_no_browser_starts(runner, bridge, tmp_path, monkeypatch):
    import webbrowser

    monkeypatch.setattr(webbrowser, "open", lambda url: False)
    out = tmp_path / "page.html"
    result = runner.invoke(app, ["render", "bridge", "-o", str(out), "--open"])
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-1] == f"Warning: no web browser could be started: open {out} yourself"


def test_cli_render_open_refuses_stdout(runner, bridge):
    result = runner.invoke(app, ["render", "bridge", "-o", "-", "--open"])
    assert result.exit_code == 2
    assert result.stderr == "Error: --open needs a file: give -o FILE, not -o -\n"


@pytest.mark.parametrize(
    ("doc_id", "message"),
    [
        ("ferry", "Error: no document has an id starting with 'ferry'"),
        ("", "Error: document id is empty"),
    ],
)
def test_cli_render_unknown_document_is_one_line(runner, bridge, doc_id, message):
    result = runner.invoke(app, ["render", doc_id])
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", message + "\n")


def test_cli_render_document_without_stored_text_is_one_line(runner, isolated_store, sample_claims):
    ClaimStore(isolated_store).replace_documents({"article": sample_claims})
    result = runner.invoke(app, ["render", "article"], terminal_width=300)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {isolated_store} holds no text for document 'article': extract it again to render it\n"


@pytest.fixture
def removed_bridge(runner, bridge):
    """The bridge story removed, its one annotated claim kept as an orphan."""
    checked = bridge[0]
    assert runner.invoke(app, ["annotate", checked.id, "--status", "false"]).exit_code == 0
    assert runner.invoke(app, ["remove", "bridge-story"]).exit_code == 0
    return checked


def test_cli_render_removed_document_shows_its_kept_text_with_its_orphans(runner, removed_bridge):
    result = runner.invoke(app, ["render", "bridge", "-o", "-"], terminal_width=300)
    assert result.exit_code == 0, result.output
    assert marked(parse_html(result.stdout)) == {removed_bridge.id: removed_bridge.text}
    assert "Removed from the store (<code>claimtrack remove</code>)" in result.stdout
    assert 'data-status="false"' in result.stdout
    assert result.stderr == "bridge-story was removed: its kept text, with the 1 annotated claim kept as an orphan\n"


def test_cli_render_removed_document_whose_text_is_lost_says_so(runner, removed_bridge, isolated_store):
    ClaimStore(isolated_store).documents.path.unlink()
    result = runner.invoke(app, ["render", "bridge"], terminal_width=300)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "Error: document 'bridge-story' was removed and its text is not stored; "
        "its 1 annotated claim is kept as an orphan: claimtrack claims --doc bridge-story\n"
    )


@pytest.mark.parametrize("target", ["store", "documents"])
def test_cli_render_refuses_to_overwrite_the_store(runner, bridge, isolated_store, target):
    path = isolated_store if target == "store" else isolated_store.with_name("claims.documents.jsonl")
    before = path.read_bytes()
    result = runner.invoke(app, ["render", "bridge", "-o", str(path)], terminal_width=300)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {path} is ") and result.stderr.endswith(": choose another output file\n")
    assert path.read_bytes() == before


def test_cli_render_unwritable_output_is_one_line(runner, bridge, tmp_path):
    result = runner.invoke(app, ["render", "bridge", "-o", str(tmp_path / "missing" / "page.html")], terminal_width=300)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'missing' / 'page.html'}: No such file or directory\n"


def test_cli_render_no_store_is_one_line(runner, isolated_store):
    result = runner.invoke(app, ["render", "bridge"], terminal_width=300)
    assert result.exit_code == 1 and result.stderr.startswith(f"Error: {isolated_store}: no claim store here")


def test_cli_render_never_imports_spacy(bridge, tmp_path):
    commands = [["render", "bridge", "-o", str(tmp_path / "p.html")]]
    assert modules_imported_by(commands, ("spacy", "trafilatura", "markdown_it.main")) == []


@pytest.mark.parametrize("duckdb", [False, True], ids=["python", "duckdb"])
def test_cli_render_lists_each_claims_cluster_size(runner, isolated_store, monkeypatch, duckdb):
    """The list beside the text gave no cluster size (the page could show it, the command never asked: a QA pass):
    how many claims of the store state each claim's fact."""
    from claimtrack import duckquery

    claims = bridge_claims()
    shared = claims[0].model_copy(update={"cluster": claims[0].id})
    store_document(isolated_store, "bridge-story", BRIDGE_ARTICLE, [shared, *claims[1:]])
    copy = "The mayor said the engineers warned that the bridge was unsafe."
    other = make_claim(claims[0].text, doc_id="wire", document=copy, source="The mayor", cue="said")
    other = other.model_copy(update={"cluster": claims[0].id})
    store_document(isolated_store, "wire", copy, [other])
    if duckdb:
        monkeypatch.setattr(duckquery, "DUCKDB_BYTES", 0)
    result = runner.invoke(app, ["render", "bridge-story", "-o", "-"])
    assert result.exit_code == 0, result.output
    page = parse_html(result.stdout)
    (item,) = page.find_all("li", id=f"item-{claims[0].id}")
    assert "cluster2 claims" in item.text
    assert page.find_all("aside")[0].text.count("cluster") == 1  # the others have no cluster in this store
