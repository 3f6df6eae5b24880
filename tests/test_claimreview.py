"""schema.org ClaimReview output."""

from __future__ import annotations

import io
import json

import pytest

from claimtrack.claimreview import claim_review, write_claimreview
from claimtrack.cli import app
from claimtrack.models import Annotation, Status, now
from conftest import make_claim


def _checked(status: Status, **event):
    claim = make_claim()
    return claim.model_copy(update={"status": status, "annotations": [Annotation(at=now(), status=status, **event)]})


@pytest.mark.parametrize(
    "status, value, name",
    [(Status.verified, 5, "True"), (Status.misleading, 2, "Misleading"), (Status.false, 1, "False"),
     (Status.disputed, None, "Disputed"), (Status.unverifiable, None, "Unverifiable")],
)
def test_claimreview_rates_each_verdict(status, value, name):
    rating = claim_review(_checked(status))["reviewRating"]
    assert rating["alternateName"] == name
    assert rating.get("ratingValue") == value


def test_claimreview_carries_claim_source_note_and_evidence():
    review = claim_review(_checked(Status.false, note="Ministry denies it", evidence=["https://e.example"]), publisher="Desk")
    assert review["@type"] == "ClaimReview" and review["claimReviewed"] == "Moscow pays $2000 per soldier"
    assert review["itemReviewed"]["author"] == {"@type": "Person", "name": "Officials"}
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
