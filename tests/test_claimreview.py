"""schema.org ClaimReview output."""

from __future__ import annotations

import io
import json

import pytest

from claimtrack.claimreview import claim_review, write_claimreview
from claimtrack.cli import app
from claimtrack.models import Annotation, Status, now
from conftest import extracted_page, make_claim


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


def test_claimreview_skips_unchecked_claims():
    out = io.StringIO()
    assert write_claimreview([make_claim(), _checked(Status.false)], out) == 1
    assert len(json.loads(out.getvalue())) == 1


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
