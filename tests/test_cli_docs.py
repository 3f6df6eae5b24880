"""`claimtrack docs`, `claimtrack remove`, and the documents store behind `show` and `check`."""

from __future__ import annotations

import hashlib
import json

import pytest

from claimtrack.cli import app
from claimtrack.store import ClaimStore, check_store

ARTICLE = "Border guards said the convoy crossed at dawn.\n\nThe ministry denied that any convoy had crossed.\n"


@pytest.fixture
def extracted(runner, tmp_path, isolated_store, nlp):
    """The article extracted from a file that is then moved away, as files are."""
    article = tmp_path / "convoy.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert runner.invoke(app, ["extract", str(article)]).exit_code == 0
    article.rename(tmp_path / "moved.txt")
    return ClaimStore(isolated_store)


def test_cli_docs_lists_documents_with_claim_counts(runner, extracted):
    (row,) = [json.loads(line) for line in runner.invoke(app, ["docs", "--format", "jsonl"]).stdout.splitlines()]
    assert row["doc_id"] == "convoy" and row["claims"] == len(list(extracted)) and row["path"] == "../convoy.txt"
    assert row["removed"] is False
    assert len(row["sha256"]) == 64


def test_cli_docs_does_not_call_the_texts_of_a_failed_run_removed(runner, extracted, tmp_path):
    """A run that fails after storing its texts (the store file not writable, the disk full) leaves them, not yet
    current, until the next extract: `docs` listed each as a removed document with no claims."""
    from claimtrack.models import DocumentRecord, now

    text = "The ministry said the border was closed."
    record = DocumentRecord(doc_id="failed", sha256=hashlib.sha256(text.encode()).hexdigest(), text=text, extracted_at=now())
    extracted.documents.add_texts([record])
    rows = [json.loads(line) for line in runner.invoke(app, ["docs", "--format", "jsonl"]).stdout.splitlines()]
    assert [row["doc_id"] for row in rows] == ["convoy"]


def test_cli_show_reads_context_from_the_store_after_the_file_moved(runner, extracted, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path / "store")  # another directory, too
    claim = next(c for c in extracted if c.attributed)
    result = runner.invoke(app, ["show", claim.id], terminal_width=200)
    assert result.exit_code == 0
    assert "Border guards said the convoy crossed at dawn." in result.stdout
    assert "can no longer be read" not in result.stdout


def test_cli_remove_drops_unannotated_claims_and_keeps_verdicts_as_orphans(runner, extracted):
    checked = next(c for c in extracted if c.attributed)
    unannotated = len(list(extracted)) - 1
    runner.invoke(app, ["annotate", checked.id, "--status", "false"])
    result = runner.invoke(app, ["remove", "convoy"])
    assert result.exit_code == 0, result.output
    removed = f"{unannotated} claim{'s' if unannotated != 1 else ''}"
    assert result.stderr == f"Removed convoy and {removed}; kept 1 annotated claim as an orphan (--force removes it)\n"
    (kept,) = list(extracted)
    assert kept.id == checked.id and kept.orphaned and kept.status.value == "false"
    (row,) = [json.loads(line) for line in runner.invoke(app, ["docs", "--format", "jsonl"]).stdout.splitlines()]
    assert (row["doc_id"], row["claims"], row["removed"]) == ("convoy", 1, True), "listed while its orphans keep its text"
    assert extracted.document_text(kept) == ARTICLE, "an orphan's text stays while it points into it"
    assert check_store(extracted) == []
    assert runner.invoke(app, ["remove", "convoy", "--force"]).exit_code == 0
    assert list(extracted) == [] and list(extracted.documents) == []
    assert runner.invoke(app, ["docs", "--format", "jsonl"]).stdout == ""


def test_cli_remove_says_exactly_what_it_did_to_a_document_whose_claims_are_all_annotated(runner, isolated_store):
    """Removing a document whose only claim is annotated said "Removed article and 0 claims; kept 1 annotated claim as
    orphans", and removing it again said the same, though nothing was removed or kept anew the second time."""
    from claimtrack.models import Status
    from conftest import officials_said

    claims, document = officials_said("article", ["the border was closed"])
    store = ClaimStore(isolated_store)
    store.replace_documents({"article": claims}, [document])
    store.annotate(claims[0].id, status=Status.false, note="checked")
    first = runner.invoke(app, ["remove", "article"])
    assert (first.exit_code, first.stderr) == (0, "Removed article; kept 1 annotated claim as an orphan (--force removes it)\n")
    again = runner.invoke(app, ["remove", "article"])
    expected = "article was removed already; 1 annotated claim orphaned before stays an orphan (--force removes it)\n"
    assert (again.exit_code, again.stderr) == (0, expected)
    forced = runner.invoke(app, ["remove", "article", "--force"])
    assert (forced.exit_code, forced.stderr) == (0, "Removed article and 1 claim\n")
    assert list(store) == []


def test_cli_remove_unknown_document_is_one_error(runner, extracted):
    result = runner.invoke(app, ["remove", "nothing-like-it"])
    assert (result.exit_code, result.stderr) == (1, f"Error: no document 'nothing-like-it' in {extracted.path}\n")


def test_store_check_verifies_each_claim_against_its_document_text(extracted):
    lines = extracted.documents.path.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[0])
    record["text"] = record["text"].replace("convoy", "column")
    record["sha256"] = hashlib.sha256(record["text"].encode("utf-8")).hexdigest()
    extracted.documents.path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    messages = [p.message for p in check_store(extracted)]
    assert messages and all("indexes a text of document 'convoy' that is not stored" in m for m in messages)


def test_store_check_reports_a_claim_whose_words_are_not_at_its_offsets(extracted):
    lines = extracted.path.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[0])
    record["start"] += 1
    extracted.path.write_text("\n".join([json.dumps(record), *lines[1:]]) + "\n", encoding="utf-8")
    (problem,) = check_store(extracted)
    assert problem.line == 1 and problem.message.startswith(f"claim {record['id']}: the claim is not at [")


def test_cli_docs_marks_a_removed_document_in_the_table_and_csv(runner, extracted):
    checked = next(c for c in extracted if c.attributed)
    runner.invoke(app, ["annotate", checked.id, "--status", "false"])
    runner.invoke(app, ["remove", "convoy"])
    lines = runner.invoke(app, ["docs", "--format", "table"], env={"COLUMNS": "200"}).stdout.splitlines()
    rule = next(i for i, line in enumerate(lines) if line.startswith("━"))
    assert [line.split("│")[0].strip() for line in lines[rule + 1 :]] == ["convoy (removed)"]
    csv_lines = runner.invoke(app, ["docs", "--format", "csv"]).stdout.splitlines()
    assert csv_lines[0].startswith("doc_id,claims,removed,") and csv_lines[1].startswith("convoy,1,true,")


def test_cli_docs_table_shows_when_extracted_and_leaves_out_empty_columns(runner, isolated_store, live_columns):
    from datetime import UTC, datetime

    from claimtrack.models import DocumentRecord

    def record(doc_id: str, **fields) -> DocumentRecord:
        digest = hashlib.sha256(ARTICLE.encode("utf-8")).hexdigest()
        at = datetime(2026, 12, 3, 20, 49, 7, 823784, tzinfo=UTC)
        return DocumentRecord(doc_id=doc_id, sha256=digest, extracted_at=at, text=ARTICLE, **fields)

    documents = [
        record("north-korea-ukraine-army", path="../seeds/north-korea-ukraine-army.txt"),
        record("wire-copy", path="../more/wire-copy.txt", title="Convoy crossed at dawn, border guards say"),
    ]
    ClaimStore(isolated_store).replace_documents({d.doc_id: [] for d in documents}, documents)
    lines = runner.invoke(app, ["docs", "--format", "table"], env={"COLUMNS": "80"}).stdout.splitlines()
    assert max(map(len, lines)) <= 80
    rule = next(i for i, line in enumerate(lines) if line.startswith("━"))
    header = [" ".join(" ".join(cells).split()) for cells in zip(*(line.split("│") for line in lines[:rule]), strict=True)]
    # No publisher, no published: no document has one.
    assert header == ["document", "claims", "title", "from", "extracted (UTC)"]
    rows = [[cell.strip() for cell in line.split("│")] for line in lines[rule + 1 :]]
    first = rows[: next(i for i, row in enumerate(rows) if row[0] == "wire-copy")]
    assert first[0][0] == "north-korea-ukraine-army"  # whole: the id --doc and remove take
    assert first[0][4] == "2026-12-03" and first[1][4] == "20:49"  # to the minute, in UTC
    pieces = [row[3] for row in first if row[3]]
    assert "".join(pieces) == "../seeds/north-korea-ukraine-army.txt"
    assert all(piece[-1] in "-/" for piece in pieces[:-1])  # broken after a hyphen or slash, not mid-word
