"""Filtering claims and summarising sources."""

from __future__ import annotations

import pytest

from claimtrack.models import Source, SourceType, Status
from claimtrack.query import ClaimFilter, filter_claims, summarise_sources
from conftest import make_claim


@pytest.fixture
def claims():
    return [
        make_claim(),
        make_claim("The bridge collapsed on Monday", source="police", cue="said", status=Status.false),
        make_claim("The bridge collapsed on Monday", doc_id="other", source=None, cue=None),
    ]


@pytest.mark.parametrize(
    "selection, expected",
    [
        (ClaimFilter(), 3),
        (ClaimFilter(source="OFFICIALS"), 1),
        (ClaimFilter(source="nobody"), 0),
        (ClaimFilter(search="bridge"), 2),
        (ClaimFilter(status=Status.false), 1),
        (ClaimFilter(doc="other"), 1),
        (ClaimFilter(attributed=True), 2),
        (ClaimFilter(attributed=False), 1),
        (ClaimFilter(has_number=True), 1),
        (ClaimFilter(has_number=False), 2),
        (ClaimFilter(has_number=False, search="bridge", attributed=True), 1),
        (ClaimFilter(limit=2), 2),
        (ClaimFilter(limit=0), 0),
        (ClaimFilter(search="bridge", status=Status.unverified), 1),
    ],
)
def test_query_filter_selects(claims, selection, expected):
    assert len(list(filter_claims(claims, selection))) == expected


def test_query_source_filter_matches_normalised_name(claims):
    source = Source(text="he", start=0, end=2, name="Volodymyr Zelenskyy", type=SourceType.person)
    pronoun = claims[0].model_copy(update={"source": source})
    assert list(filter_claims([pronoun], ClaimFilter(source="zelenskyy"))) == [pronoun]


def test_query_filter_streams_and_stops_at_limit():
    def endless():
        while True:
            yield make_claim()

    assert len(list(filter_claims(endless(), ClaimFilter(limit=3)))) == 3


def test_query_sources_group_by_normalised_name(claims):
    he = Source(text="he", start=0, end=2, name="Officials", type=SourceType.anonymous_group)
    extra = claims[1].model_copy(update={"source": he})
    summaries = summarise_sources([*claims, extra])
    top = summaries[0]
    assert (top.name, top.claims, top.type) == ("Officials", 2, "anonymous group")
    assert top.mentions == {"Officials": 1, "he": 1}
    assert [s.name for s in summaries] == ["Officials", "police"]
