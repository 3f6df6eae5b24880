"""`claimtrack clusters`, `similar`, `claims --repeated` and `annotate --cluster`."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from claimtrack.cli import app
from claimtrack.store import ClaimStore
from conftest import document_record, make_claim

runner = CliRunner()
STORIES = {
    "wire": "Officials said about 11,000 residents of Hartwell County were ordered to leave their homes on Saturday.",
    "herald": "Officials said some eleven thousand residents of Hartwell County were ordered to leave their homes on Saturday.",
    "ledger": "Officials said about 2,000 residents of Carver County were ordered to leave their homes on Saturday.",
}


@pytest.fixture
def clustered(tmp_path):
    store = ClaimStore(tmp_path / "claims.jsonl")
    for doc_id, text in STORIES.items():
        claim = make_claim(text[15:-1], doc_id=doc_id, document=text, source="Officials", cue="said")
        store.replace_documents({doc_id: [claim]}, cluster=True)
    return store


def _run(store: ClaimStore, *args: str):
    result = runner.invoke(app, [*args, "--store", str(store.path)])
    assert result.exit_code == 0, result.output
    return result


def test_cli_clusters_lists_facts_stated_in_two_documents(clustered):
    rows = [json.loads(line) for line in _run(clustered, "clusters", "--format", "jsonl").stdout.splitlines()]
    wire = next(c for c in clustered if c.doc_id == "wire")
    assert len(rows) == 1
    assert rows[0]["cluster"] == wire.id and rows[0]["documents"] == 2 and rows[0]["sources"] == 1
    assert rows[0]["statuses"] == {"unverified": 2} and len(rows[0]["claims"]) == 2
    assert rows[0]["first_seen"] is None  # no document record was stored: no date known
    singles = _run(clustered, "clusters", "--min-documents", "1", "--format", "csv").stdout.splitlines()
    assert singles[0].startswith("cluster,claim,claims,documents,sources,first_seen,statuses") and len(singles) == 3


def test_cli_similar_lists_the_other_copies(clustered):
    wire = next(c for c in clustered if c.doc_id == "wire")
    rows = [json.loads(line) for line in _run(clustered, "similar", wire.id[:6], "--format", "jsonl").stdout.splitlines()]
    assert [row["document"] for row in rows] == ["herald"]
    ledger = next(c for c in clustered if c.doc_id == "ledger")
    assert "No other claim states the same fact" in _run(clustered, "similar", ledger.id, "--format", "table").stderr


def test_cli_claims_repeated_selects_claims_of_clusters_of_two_documents(clustered):
    rows = [json.loads(line) for line in _run(clustered, "claims", "--repeated", "--format", "jsonl").stdout.splitlines()]
    assert sorted(row["doc_id"] for row in rows) == ["herald", "wire"]


def test_cli_annotate_cluster_records_the_verdict_on_every_copy(clustered):
    wire = next(c for c in clustered if c.doc_id == "wire")
    result = _run(clustered, "annotate", wire.id, "--status", "false", "--cluster")
    assert "and 1 other claim of its cluster" in result.stderr
    rows = [json.loads(line) for line in _run(clustered, "claims", "--status", "false", "--format", "jsonl").stdout.splitlines()]
    assert sorted(row["doc_id"] for row in rows) == ["herald", "wire"]
    events = [row["annotations"][-1] for row in rows]
    assert all(event["applied_from"] == wire.id and event["cluster"] == wire.id for event in events)


def test_cli_annotate_cluster_on_a_claim_alone_in_its_cluster_says_so(clustered):
    ledger = next(c for c in clustered if c.doc_id == "ledger")
    result = _run(clustered, "annotate", ledger.id, "--status", "false", "--cluster")
    assert result.stderr == f"{ledger.id}: false; no other claim states the same fact, so it went on this one only\n"


def test_cli_annotate_cluster_with_a_note_alone_keeps_each_copys_verdict(clustered):
    wire, herald = (next(c for c in clustered if c.doc_id == name) for name in ("wire", "herald"))
    _run(clustered, "annotate", herald.id, "--status", "misleading")
    _run(clustered, "annotate", wire.id, "--note", "same figure as the ministry's release", "--cluster")
    rows = {
        row["doc_id"]: row
        for row in map(json.loads, _run(clustered, "claims", "--repeated", "--format", "jsonl").stdout.splitlines())
    }
    assert rows["herald"]["status"] == "misleading" and rows["wire"]["status"] == "unverified"
    assert rows["herald"]["annotations"][-1]["note"] == "same figure as the ministry's release"


@pytest.mark.parametrize(
    ("command", "columns", "left_out"),
    [("clusters", 80, ""), ("similar", 80, ""), ("clusters", 60, "sources"), ("similar", 60, "date, document")],
)
def test_cli_cluster_tables_wrap_at_word_boundaries(clustered, command, columns, left_out, live_columns):
    wire = next(c for c in clustered if c.doc_id == "wire")
    args = ["clusters"] if command == "clusters" else ["similar", wire.id]
    result = runner.invoke(app, [*args, "--format", "table", "--store", str(clustered.path)], env={"COLUMNS": str(columns)})
    lines = result.stdout.splitlines()
    assert max(map(len, lines)) <= columns
    if left_out:
        assert lines.pop().rstrip() == f"Left out to fit the terminal: {left_out}"
    header = [cell.strip() for cell in lines[0].split("│")]
    words = {name: [word for line in lines[2:] for word in line.split("│")[i].split()] for i, name in enumerate(header)}
    expected = (wire if command == "clusters" else next(c for c in clustered if c.doc_id == "herald")).text.split()
    assert words["claim"] == expected
    assert "statuses" in header if command == "clusters" else words["source"] == ["Officials"]  # not "status" / "es"


def _stored_with_date(store: ClaimStore, doc_id: str, published: str | None):
    import hashlib
    from datetime import UTC, datetime

    from claimtrack.models import DocumentRecord

    text = STORIES["wire" if doc_id != "herald" else "herald"]
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    claim = make_claim(text[15:-1], doc_id=doc_id, document=text, source="Officials", cue="said")
    claim = claim.model_copy(update={"doc_sha256": digest})
    record = DocumentRecord(doc_id=doc_id, sha256=digest, extracted_at=datetime.now(UTC), text=text, published=published)
    store.replace_documents({doc_id: [claim]}, [record], cluster=True)


def test_cli_clusters_first_seen_is_the_earliest_published_date_of_its_documents(tmp_path):
    store = ClaimStore(tmp_path / "claims.jsonl")
    _stored_with_date(store, "wire", "2026-03-02")  # extracted first, published second
    _stored_with_date(store, "herald", "2026-03-01")
    _stored_with_date(store, "undated", None)  # counts from when it was extracted: later than both
    (row,) = [json.loads(line) for line in _run(store, "clusters", "--format", "jsonl").stdout.splitlines()]
    assert row["documents"] == 3 and row["first_seen"] == "2026-03-01"
    wire = next(c for c in store if c.doc_id == "wire")
    dates = {
        r["document"]: r["date"]
        for r in map(json.loads, _run(store, "similar", wire.id, "--format", "jsonl").stdout.splitlines())
    }
    assert dates["herald"] == "2026-03-01" and dates["undated"] > "2026-03-02"


def test_cli_a_cluster_whose_founding_claim_is_gone_is_still_named_by_the_id_clusters_shows(clustered):
    """A cluster keeps the id of the claim that founded it: once that claim is gone (its document removed or
    edited), the id `clusters` shows must still work with `similar` and `annotate --cluster`."""
    gazette = STORIES["herald"].replace("some", "nearly")
    clustered.replace_documents(
        {"gazette": [make_claim(gazette[15:-1], doc_id="gazette", document=gazette, source="Officials", cue="said")]},
        cluster=True,
    )
    clustered.remove("wire")
    (row,) = [json.loads(line) for line in _run(clustered, "clusters", "--format", "jsonl").stdout.splitlines()]
    prefix = row["cluster"][:8]
    assert not any(claim.id.startswith(prefix) for claim in clustered)
    similar = [json.loads(line) for line in _run(clustered, "similar", prefix, "--format", "jsonl").stdout.splitlines()]
    assert sorted(r["document"] for r in similar) == ["gazette", "herald"]
    result = _run(clustered, "annotate", prefix, "--status", "false", "--cluster")
    assert f"cluster {row['cluster']}: recorded on its 2 claims" in result.stderr
    rows = [json.loads(line) for line in _run(clustered, "claims", "--status", "false", "--format", "jsonl").stdout.splitlines()]
    assert sorted(r["doc_id"] for r in rows) == ["gazette", "herald"]
    assert {r["annotations"][-1]["applied_from"] for r in rows} == {row["cluster"]}
    missing = runner.invoke(app, ["similar", "ffffffff", "--store", str(clustered.path)])
    assert missing.exit_code == 1 and "no claim or cluster has an id starting with 'ffffffff'" in missing.stderr


def test_cli_show_history_says_which_claim_a_cluster_verdict_came_from(clustered, live_columns):
    wire, herald = (next(c for c in clustered if c.doc_id == name) for name in ("wire", "herald"))
    _run(clustered, "annotate", wire.id, "--status", "false", "--cluster")
    _run(clustered, "annotate", herald.id, "--note", "checked on its own")

    def history(claim) -> list[list[str]]:
        out = runner.invoke(app, ["show", claim.id, "--store", str(clustered.path)], env={"COLUMNS": "100"}).stdout
        lines = out.splitlines()
        return [
            [cell.strip() for cell in line.split("│")]
            for line in lines[[line.strip() for line in lines].index("history") + 1 :]
            if "│" in line
        ]

    header, *events = history(herald)
    assert header[:3] == ["when (UTC)", "status", "applied"]
    assert [event[2] for event in events] == [f"from {wire.id[:8]}", ""]  # the direct note is not from the cluster
    assert [event[2] for event in history(wire)[1:]] == ["to cluster"]


def test_cli_a_prefix_of_a_claim_and_of_another_cluster_is_ambiguous(tmp_path):
    from conftest import write_store

    def claim(claim_id: str, doc_id: str, cluster: str):
        return make_claim(doc_id=doc_id).model_copy(update={"id": claim_id, "cluster": cluster})

    path = write_store(
        tmp_path / "claims.jsonl",
        [
            claim("aa0000000001", "wire", "aa0000000001"),
            claim("bb0000000002", "herald", "ab0000000009"),
            claim("cc0000000003", "ledger", "ab0000000009"),
        ],
    )
    for command in (["similar", "a"], ["annotate", "a", "--cluster", "--note", "seen"]):
        result = runner.invoke(app, [*command, "--store", str(path)])
        assert result.exit_code == 1
        assert result.stderr == "Error: id prefix 'a' is ambiguous: it matches claim aa0000000001 and cluster ab0000000009\n"
    rows = [
        json.loads(line)
        for line in runner.invoke(app, ["similar", "ab", "--format", "jsonl", "--store", str(path)]).stdout.splitlines()
    ]
    assert [row["id"] for row in rows] == ["bb0000000002", "cc0000000003"]


def test_cli_clusters_similar_and_sources_csv_cells_are_not_spreadsheet_formulas(tmp_path):
    """A claim or a source opening with =, +, - or @ is a formula to a spreadsheet: `export` defused such cells,
    the CSV of `clusters`, `similar`, `sources` (and `docs`) did not."""
    store = ClaimStore(tmp_path / "claims.jsonl")
    text = "@Officials said =1+1 residents of Hartwell County left their homes."
    for doc_id in ("wire", "herald"):
        claim = make_claim(text[16:-1], doc_id=doc_id, document=text, source="@Officials", cue="said")
        store.replace_documents({doc_id: [claim]}, cluster=True)
    written = "".join(
        _run(store, *command, "--format", "csv").stdout
        for command in (["clusters"], ["similar", next(iter(store)).id], ["sources"])
    )
    cells = [cell for row in csv.reader(io.StringIO(written)) for cell in row]
    assert cells.count("'=1+1 residents of Hartwell County left their homes") == 2  # clusters, similar
    assert "'@Officials" in cells  # sources
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")]


@pytest.mark.parametrize("command", [["clusters", "--min-documents", "3"], ["similar", "LEDGER"], ["sources", "--doc", "ledger"]])
def test_cli_listings_in_csv_have_their_header_without_rows(clustered, command):
    """An empty listing in CSV is its header, as `claims` writes it, not nothing at all."""
    ledger = next(c for c in clustered if c.doc_id == "ledger")
    args = [ledger.id if arg == "LEDGER" else arg for arg in command]
    if command[0] == "sources":  # a document whose claim has no source
        clustered.replace_documents({"ledger": [ledger.model_copy(update={"source": None})]}, cluster=True)
    rows = list(csv.reader(io.StringIO(_run(clustered, *args, "--format", "csv").stdout)))
    assert len(rows) == 1 and rows[0][0] in ("cluster", "id", "name")


def test_cli_clusters_a_removed_documents_verdict_counts_but_not_its_document(clustered):
    """After `remove wire`, its checked claim stays, an orphan: `clusters` still said 2 documents and
    `claims --repeated` still listed the fact, though only the herald states it now."""
    wire = next(c for c in clustered if c.doc_id == "wire")
    _run(clustered, "annotate", wire.id, "--status", "false")
    _run(clustered, "remove", "wire")
    assert _run(clustered, "clusters", "--format", "jsonl").stdout == ""
    listed = _run(clustered, "clusters", "--min-documents", "1", "--format", "jsonl").stdout.splitlines()
    (row,) = [row for row in map(json.loads, listed) if row["cluster"] == wire.id]
    assert row["cluster"] == wire.id and row["documents"] == 1 and row["statuses"] == {"false": 1, "unverified": 1}
    assert _run(clustered, "claims", "--repeated", "--format", "jsonl").stdout == ""


def test_cli_similar_marks_an_orphan_as_claims_does(clustered):
    """After `remove wire` its checked claim stays in the cluster, an orphan: `similar` listed it as a live copy."""
    wire, herald = (next(c for c in clustered if c.doc_id == name) for name in ("wire", "herald"))
    _run(clustered, "annotate", wire.id, "--status", "false")
    _run(clustered, "remove", "wire")
    table = runner.invoke(
        app, ["similar", herald.id, "--format", "table", "--store", str(clustered.path)], env={"COLUMNS": "100"}
    )
    (row,) = [line for line in table.stdout.splitlines() if line.startswith(wire.id[:8])]
    assert row.split("│")[-1].strip() == "false (orphaned)"
    (listed,) = map(json.loads, _run(clustered, "similar", herald.id, "--format", "jsonl").stdout.splitlines())
    assert (listed["id"], listed["status"], listed["orphaned"]) == (wire.id, "false", True)
    (cells,) = csv.DictReader(io.StringIO(_run(clustered, "similar", herald.id, "--format", "csv").stdout))
    assert (cells["status"], cells["orphaned"]) == ("false", "true")


def test_cli_clusters_counts_one_person_written_three_ways_as_one_source(tmp_path):
    """The same claim by "Zelensky", "Zelenskyy" and "Zelenskiy" (three outlets' spellings): `clusters` said 3
    sources confirmed it, where `sources` folds the three into one person (a QA pass)."""
    store = ClaimStore(tmp_path / "claims.jsonl")
    for doc_id, name in (("wire", "Zelensky"), ("daily", "Zelenskyy"), ("post", "Zelenskiy")):
        text = f"{name} said Russian drones had hit a grain terminal in Izmail overnight."
        claim = make_claim(text[len(name) + 6 : -1], doc_id=doc_id, document=text, source=name, cue="said")
        store.replace_documents({doc_id: [claim]}, cluster=True)
    (row,) = [json.loads(line) for line in _run(store, "clusters", "--format", "jsonl").stdout.splitlines()]
    assert row["documents"] == 3 and row["sources"] == 1


def test_cli_similar_says_a_date_is_the_extraction_when_a_document_gives_no_publication_date(tmp_path):
    """For a document with no publication date, `similar` showed when it was extracted in its date column as if the
    document had been published then."""
    store = ClaimStore(tmp_path / "claims.jsonl")
    for doc_id, published in (("wire", "2026-11-03"), ("herald", None), ("ledger", None)):
        text = STORIES["wire"]
        claim = make_claim(text[15:-1], doc_id=doc_id, document=text, source="Officials", cue="said")
        record = document_record(doc_id, text, published=published)
        store.replace_documents({doc_id: [claim.model_copy(update={"doc_sha256": record.sha256})]}, [record], cluster=True)
    ledger = next(c for c in store if c.doc_id == "ledger")
    table = runner.invoke(app, ["similar", ledger.id, "--format", "table", "--store", str(store.path)], env={"COLUMNS": "160"})
    dates = {line.split("│")[1].strip(): line.split("│")[3].strip() for line in table.stdout.splitlines() if "│" in line}
    extracted = next(c for c in store if c.doc_id == "herald")
    day = store.documents.current()["herald"].extracted_at.date().isoformat()
    assert extracted.cluster == ledger.cluster
    assert (dates["wire"], dates["herald"]) == ("2026-11-03", f"extracted {day}")
    rows = {
        row["document"]: row
        for row in map(json.loads, _run(store, "similar", ledger.id, "--format", "jsonl").stdout.splitlines())
    }
    assert (rows["wire"]["date"], rows["wire"]["date_kind"]) == ("2026-11-03", "published")
    assert (rows["herald"]["date"][:10], rows["herald"]["date_kind"]) == (day, "extracted")
