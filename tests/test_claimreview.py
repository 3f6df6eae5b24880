"""schema.org ClaimReview output."""

from __future__ import annotations

import io
import json

import pytest

from claimtrack.claimreview import claim_review, with_verdicts, write_claimreview
from claimtrack.cli import app
from claimtrack.models import Annotation, SourceType, Status, now
from conftest import document_record, extracted_page, make_claim


def _checked(status: Status, **event):
    claim = make_claim()
    return claim.model_copy(update={"status": status, "annotations": [Annotation(at=now(), status=status, **event)]})


@pytest.mark.parametrize(
    "status, value, name",
    [
        (Status.verified, 5, "True"),
        (Status.misleading, 2, "Misleading"),
        (Status.false, 1, "False"),
        (Status.disputed, None, "Disputed"),
        (Status.unverifiable, None, "Unverifiable"),
    ],
)
def test_claimreview_rates_each_verdict(status, value, name):
    rating = claim_review(_checked(status))["reviewRating"]
    assert rating["alternateName"] == name
    assert rating.get("ratingValue") == value


def test_claimreview_carries_claim_source_note_and_evidence():
    review = claim_review(_checked(Status.false, note="Ministry denies it", evidence=["https://e.example"]), publisher="Desk")
    assert review["@type"] == "ClaimReview" and review["claimReviewed"] == "Moscow pays $2000 per soldier"
    # "Officials" is an anonymous group: a body of people, not one person.
    assert review["itemReviewed"]["author"] == {"@type": "Organization", "name": "Officials"}
    assert review["reviewBody"] == "Ministry denies it" and review["citation"] == ["https://e.example"]
    assert review["author"] == {"@type": "Organization", "name": "Desk"}


def _said_by(kind: SourceType, role: str | None = None):
    claim = _checked(Status.false)
    return claim.model_copy(update={"source": claim.source.model_copy(update={"type": kind, "role": role})})


def test_claimreview_document_source_is_where_the_claim_first_appeared_not_a_person():
    # "Materials seen by the agency show ...": schema.org allows only a Person or an Organization as a
    # Claim's author, so the document is the CreativeWork the claim first appeared in.
    item = claim_review(_said_by(SourceType.document, "intelligence report"))["itemReviewed"]
    assert "author" not in item
    assert item["firstAppearance"] == {"@type": "CreativeWork", "name": "Officials", "description": "intelligence report"}


@pytest.mark.parametrize(
    "doc_path, record, url",
    [
        ("seeds/north-korea-ukraine-army.txt", None, None),
        ("https://news.example/story", None, "https://news.example/story"),
        ("../seeds/story.txt", {"path": "../seeds/story.txt"}, None),
        (
            "../seeds/story.html",
            {"path": "../seeds/story.html", "url": "https://news.example/story"},
            "https://news.example/story",
        ),
        ("https://news.example/story", {"path": "https://news.example/story"}, "https://news.example/story"),
    ],
    ids=["file", "url", "file-with-record", "file-with-canonical-url", "fetched-page-with-record"],
)
def test_claimreview_appearance_url_is_only_ever_a_web_address(doc_path, record, url):
    claim = _checked(Status.false).model_copy(update={"doc_path": doc_path})
    document = document_record("article", "text", **record) if record is not None else None
    appearance = claim_review(claim, document=document)["itemReviewed"]["appearance"]
    assert appearance.get("url") == url
    assert appearance["name"] == "article"


def test_claimreview_skips_unchecked_claims():
    out = io.StringIO()
    assert write_claimreview([make_claim(), _checked(Status.false)], out) == 1
    assert len(json.loads(out.getvalue())) == 1


def test_claimreview_limit_counts_claims_with_a_verdict():
    unchecked, checked = make_claim(), _checked(Status.false)
    assert list(with_verdicts([unchecked, unchecked, checked, checked], limit=1)) == [checked]
    assert list(with_verdicts([unchecked, checked], limit=0)) == []


def test_cli_export_claimreview(runner, filled_store, sample_claims):
    runner.invoke(app, ["annotate", sample_claims[1].id, "--status", "false", "--note", "no collapse"])
    result = runner.invoke(app, ["export", "--format", "claimreview", "--publisher", "Desk"])
    assert result.exit_code == 0, result.output
    reviews = json.loads(result.stdout)
    assert [(r["identifier"], r["reviewRating"]["alternateName"]) for r in reviews] == [(sample_claims[1].id, "False")]


def test_claimreview_appearance_is_the_article_where_it_was_published(runner, tmp_path, isolated_store, nlp):
    page = (
        "<html><head><title>Convoy crosses</title><link rel='canonical' href='https://news.example/convoy'>"
        "<meta property='og:site_name' content='Example News'>"
        "<meta property='article:published_time' content='2026-02-03T08:00:00Z'></head>"
        "<body><article><h1>Convoy crosses</h1><p>Border guards said the convoy crossed at dawn on Tuesday, "
        "hours before the ceasefire talks opened in the capital.</p></article></body></html>"
    )
    claim = next(c for c in extracted_page(runner, tmp_path / "story.html", page, isolated_store) if c.attributed)
    runner.invoke(app, ["annotate", claim.id, "--status", "false"])
    (review,) = json.loads(runner.invoke(app, ["export", "--format", "claimreview"]).stdout)
    appearance = review["itemReviewed"]["appearance"]
    assert appearance["url"] == "https://news.example/convoy" and appearance["datePublished"] == "2026-02-03"
    assert appearance["publisher"] == {"@type": "Organization", "name": "Example News"}


def test_claimreview_orphan_has_no_appearance_the_page_no_longer_holds_it():
    orphan = _checked(Status.false).model_copy(update={"orphaned": True, "doc_path": "https://news.example/story"})
    record = document_record("article", "the edited text", url="https://news.example/story")
    item = claim_review(orphan, document=record)["itemReviewed"]
    assert "appearance" not in item and item["author"] == {"@type": "Organization", "name": "Officials"}


def test_claimreview_leaves_orphans_out_unless_asked(runner, tmp_path, isolated_store, nlp):
    """A verdict on words that a re-extraction of their article no longer found: ClaimReview published it with the
    article's address as where the claim appears, though the page no longer says it."""
    page = (
        "<html><head><title>Harbour bridge</title><link rel='canonical' href='https://news.example/harbour'></head>"
        "<body><article><h1>Harbour bridge</h1><p>The mayor said the new harbour bridge would cost 40 million "
        "dollars to build.</p></article></body></html>"
    )
    (claim,) = [c for c in extracted_page(runner, tmp_path / "harbour.html", page, isolated_store) if c.attributed]
    runner.invoke(app, ["annotate", claim.id, "--status", "false", "--note", "the budget says 55 million"])
    extracted_page(runner, tmp_path / "harbour.html", page.replace("40 million", "55 million"), isolated_store)
    markup = ["--publisher", "Desk", "--review-url", "https://factcheck.example/{id}"]
    left_out = runner.invoke(app, ["export", "--format", "claimreview", *markup])
    assert left_out.exit_code == 0, left_out.output
    assert json.loads(left_out.stdout) == []
    assert left_out.stderr == (
        "Left out 1 orphaned claim with a verdict: its words are no longer in its document; --include-orphans reviews it too\n"
    )
    included = runner.invoke(app, ["export", "--format", "claimreview", *markup, "--include-orphans"])
    (review,) = json.loads(included.stdout)
    assert review["identifier"] == claim.id and "appearance" not in review["itemReviewed"]
    assert included.stderr == ""


def test_cli_export_include_orphans_is_for_claimreview_only(runner, filled_store):
    result = runner.invoke(app, ["export", "--format", "csv", "--include-orphans"])
    assert result.exit_code == 2 and result.stdout == ""
    assert "Error: --include-orphans is for ClaimReview output" in result.stderr


def test_cli_export_claimreview_keeps_a_tag_with_a_comma_one_keyword(runner, filled_store):
    """keywords was one text, the tags joined with ", ": a tag "Smith, John" read back as two keywords."""
    claim = make_claim()
    annotated = runner.invoke(app, ["annotate", claim.id, "--status", "false", "--tag", "Smith, John", "--tag", "budget"])
    assert annotated.exit_code == 0, annotated.output
    result = runner.invoke(app, ["export", "--format", "claimreview"])
    assert result.exit_code == 0, result.output
    (review,) = json.loads(result.stdout)
    assert review["keywords"] == ["Smith, John", "budget"]
