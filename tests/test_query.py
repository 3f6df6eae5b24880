"""Filtering claims and summarising sources."""

from __future__ import annotations

import pytest

from claimtrack.errors import DocumentNotFoundError
from claimtrack.models import DocumentRecord, Source, SourceType, Status
from claimtrack.query import (
    ClaimFilter,
    ClaimOrder,
    claim_chain,
    filter_claims,
    resolve_doc_id,
    select_claims,
    sort_claims,
    summarise_sources,
    with_repeated_clusters,
)
from conftest import make_claim


@pytest.fixture
def claims():
    return [
        make_claim(),
        make_claim("The bridge collapsed on Monday", source="police", cue="said", status=Status.false),
        make_claim("The bridge collapsed on Monday", doc_id="other", source=None, cue=None),
        make_claim("Moscow pays", source="Moscow", cue="estimate", parent="x"),
    ]


@pytest.mark.parametrize(
    "selection, expected",
    [
        (ClaimFilter(), 4),
        (ClaimFilter(source="OFFICIALS"), 1),
        (ClaimFilter(source="nobody"), 0),
        (ClaimFilter(search="bridge"), 2),
        (ClaimFilter(status=Status.false), 1),
        (ClaimFilter(doc="other"), 1),
        (ClaimFilter(attributed=True), 3),
        (ClaimFilter(attributed=False), 1),
        (ClaimFilter(has_number=True), 1),
        (ClaimFilter(has_number=False), 3),
        (ClaimFilter(has_number=False, search="bridge", attributed=True), 1),
        (ClaimFilter(limit=2), 2),
        (ClaimFilter(limit=0), 0),
        (ClaimFilter(search="bridge", status=Status.unverified), 1),
        (ClaimFilter(nested=True), 1),
        (ClaimFilter(nested=False), 3),
        (ClaimFilter(nested=False, search="pays"), 1),
        (ClaimFilter(nested=True, search="pays"), 1),
    ],
)
def test_query_filter_selects(claims, selection, expected):
    assert len(list(filter_claims(claims, selection))) == expected


def test_query_repeated_filter_without_its_clusters_says_how_to_get_them():
    """`filter_claims(store.iter_claims(), ClaimFilter(repeated=True))` gave no claim where `claims --repeated` gave
    261: the clusters of two or more documents, which the CLI fills in, were missing, and nothing said so."""
    wire, daily, alone = (
        make_claim(doc_id=doc_id, cluster=cluster) for doc_id, cluster in [("wire", "c1"), ("daily", "c1"), ("x", "c2")]
    )
    with pytest.raises(ValueError, match=r"with_repeated_clusters\(selection, store\.iter_claims\(\)\)"):
        filter_claims([wire, daily, alone], ClaimFilter(repeated=True))
    selection = with_repeated_clusters(ClaimFilter(repeated=True), [wire, daily, alone])
    assert list(filter_claims([wire, daily, alone], selection)) == [wire, daily]


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
    summaries = summarise_sources([*claims[:3], extra])
    top = summaries[0]
    assert (top.name, top.claims, top.type) == ("Officials", 2, "anonymous group")
    assert top.mentions == {"Officials": 1, "he": 1}
    assert [s.name for s in summaries] == ["Officials", "police"]


def _said(doc_id: str, name: str, kind: SourceType = SourceType.person, *, mention: str | None = None, n: int = 0):
    """A claim of ``doc_id`` whose source is normalised to ``name`` (written ``mention``)."""
    mention = mention or name
    document = f"{mention} said the talks failed {n}."
    claim = make_claim(f"the talks failed {n}", doc_id=doc_id, document=document, source=mention, cue="said")
    return claim.model_copy(update={"source": claim.source.model_copy(update={"name": name, "type": kind})})


def _rows(claims):
    return {s.name: (s.claims, s.documents, list(s.names)) for s in summarise_sources(claims)}


def test_query_sources_fold_transliterations_across_documents():
    claims = [
        _said("a", "Volodymyr Zelensky", n=1),
        _said("b", "Volodymyr Zelenskyy", n=1),
        _said("b", "Volodymyr Zelenskyy", mention="he", n=2),
        _said("c", "Volodymyr Zelenskiy", kind=SourceType.government),
        _said("d", "Zelenskii"),
    ]
    (row,) = summarise_sources(claims)
    assert (row.name, row.claims, row.documents, row.type) == ("Volodymyr Zelenskyy", 5, 4, "person")
    assert list(row.names) == ["Volodymyr Zelensky", "Volodymyr Zelenskyy", "Volodymyr Zelenskiy", "Zelenskii"]
    assert list(row.mentions) == ["Volodymyr Zelensky", "Volodymyr Zelenskyy", "he", "Volodymyr Zelenskiy", "Zelenskii"]


def test_query_sources_display_the_most_frequent_full_spelling():
    claims = [_said("a", "Zelensky", n=n) for n in range(5)] + [_said("b", "Volodymyr Zelensky"), _said("c", "Zelenskyy")]
    (row,) = summarise_sources(claims)
    assert row.name == "Volodymyr Zelensky" and row.claims == 7


def test_query_sources_keep_different_people_apart():
    claims = [
        _said("a", "Donald Trump"),
        _said("b", "Donald Trump Jr."),
        _said("c", "Kim Jong Un"),
        _said("d", "Kim Jong-un"),
        _said("e", "Kim Yo Jong"),
        _said("f", "Kim"),
        _said("g", "Trump"),
    ]
    assert _rows(claims) == {
        "Kim Jong Un": (2, 2, ["Kim Jong Un", "Kim Jong-un"]),
        "Donald Trump": (1, 1, ["Donald Trump"]),
        "Donald Trump Jr.": (1, 1, ["Donald Trump Jr."]),
        "Kim": (1, 1, ["Kim"]),
        "Kim Yo Jong": (1, 1, ["Kim Yo Jong"]),
        "Trump": (1, 1, ["Trump"]),  # Donald Trump, or Donald Trump Jr.? Not known
    }


def test_query_sources_never_fold_a_pronoun_or_a_suffix_as_a_surname():
    # Found on PolNeAR dev: an unresolved "he" joined "Park Geun-hye", and "I" joined "Vann R. Newkirk II".
    claims = [_said("a", "Park Geun-hye"), _said("b", "he"), _said("c", "Vann R. Newkirk II"), _said("d", "I")]
    claims += [_said("e", "Newkirk"), _said("f", "She")]
    assert _rows(claims) == {
        "Park Geun-hye": (1, 1, ["Park Geun-hye"]),
        "Vann R. Newkirk II": (2, 2, ["Vann R. Newkirk II", "Newkirk"]),
        "he": (1, 1, ["he"]),
        "I": (1, 1, ["I"]),
        "She": (1, 1, ["She"]),
    }


def test_query_sources_fold_a_surname_only_into_the_one_full_name_that_ends_with_it():
    claims = [_said("a", "Dmitry Medvedev"), _said("b", "Medvedyev"), _said("c", "John Smith"), _said("d", "Jane Smith")]
    claims += [_said("e", "Smith"), _said("f", "Reuters", SourceType.media), _said("g", "Anna Reuters")]
    assert _rows(claims) == {
        "Dmitry Medvedev": (2, 2, ["Dmitry Medvedev", "Medvedyev"]),
        "John Smith": (1, 1, ["John Smith"]),
        "Jane Smith": (1, 1, ["Jane Smith"]),
        "Smith": (1, 1, ["Smith"]),  # two Smiths in the store: which one is not known
        "Reuters": (1, 1, ["Reuters"]),  # an agency, not a person's surname
        "Anna Reuters": (1, 1, ["Anna Reuters"]),
    }


def test_query_sources_fold_organisation_spellings():
    claims = [_said("a", "Kyiv City Council", SourceType.government), _said("b", "Kiev city council", SourceType.government)]
    assert _rows(claims) == {"Kyiv City Council": (2, 2, ["Kyiv City Council", "Kiev city council"])}


def _document(doc_id: str, published: str | None, extracted: str = "2026-03-01T10:00:00+00:00") -> DocumentRecord:
    import hashlib

    text = f"text of {doc_id}"
    return DocumentRecord(
        doc_id=doc_id,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        text=text,
        published=published,
        extracted_at=extracted,
    )


def test_query_sort_orders_and_limits_after_sorting():
    claims = [
        _said("b", "Zoe Quinn", n=2).model_copy(update={"status": Status.false}),
        _said("b", "Adam Berg", n=1),
        _said("a", "Mia Ng", n=3).model_copy(update={"status": Status.verified}),
        _said("c", "Zoë Quinn", n=4).model_copy(update={"source": None, "cue": None}),
    ]
    documents = {"a": _document("a", "2026-02-20"), "b": _document("b", "2026-01-05")}

    def texts(order, limit=None):
        return [c.text[-1] for c in select_claims(claims, ClaimFilter(limit=limit), order, documents)]

    assert texts(ClaimOrder.date) == ["1", "2", "3", "4"]  # b is older than a; c has no record: last
    assert texts(ClaimOrder.document) == ["3", "1", "2", "4"]
    assert texts(ClaimOrder.source) == ["1", "3", "2", "4"]  # unattributed last
    assert texts(ClaimOrder.status) == ["1", "4", "3", "2"]  # unverified, then verified, then false
    assert texts(ClaimOrder.date, limit=2) == ["1", "2"]
    assert texts(None, limit=2) == ["2", "1"]  # store order
    assert sort_claims(claims, ClaimOrder.date) == sort_claims(claims, ClaimOrder.document)  # no dates known


def test_query_chain_goes_up_to_the_top_level_and_down_through_nested_claims():
    top = _said("a", "the minister", n=1).model_copy(update={"id": "top"})
    middle = _said("a", "I", n=2).model_copy(update={"id": "middle", "parent": "top"})
    inner = _said("a", "the chancellor", n=3).model_copy(update={"id": "inner", "parent": "middle"})
    beside = _said("a", "we", n=4).model_copy(update={"id": "beside", "parent": "top"})
    other = _said("a", "nobody", n=5).model_copy(update={"id": "other"})
    document = [other, beside, inner, middle, top]
    chain = claim_chain(middle, document)
    assert [c.id for c in chain.ancestors] == ["top"]
    assert [(depth, c.id) for depth, c in chain.nested] == [(1, "inner")]
    chain = claim_chain(top, document)
    assert chain.ancestors == [] and [(d, c.id) for d, c in chain.nested] == [(1, "middle"), (2, "inner"), (1, "beside")]
    assert [c.id for c in claim_chain(inner, document).ancestors] == ["top", "middle"]
    orphan = claim_chain(inner, [inner])
    assert orphan.ancestors == [] and orphan.missing_parent == "middle"


def test_query_chain_survives_a_cycle_in_a_damaged_store():
    a = _said("a", "A", n=1).model_copy(update={"id": "a", "parent": "b"})
    b = _said("a", "B", n=2).model_copy(update={"id": "b", "parent": "a"})
    chain = claim_chain(a, [a, b])
    assert [c.id for c in chain.ancestors] == ["b"] and [c.id for _, c in chain.nested] == []


def test_query_sources_a_coordination_is_its_own_row_and_takes_no_surname():
    claims = [
        _said("a", "Vladimir Putin and Xi Jinping"),
        _said("b", "Jinping"),
        _said("c", "Moscow and Kyiv", SourceType.government),
    ]
    rows = _rows(claims)
    assert rows["Vladimir Putin and Xi Jinping"] == (1, 1, ["Vladimir Putin and Xi Jinping"])
    assert rows["Jinping"] == (1, 1, ["Jinping"])
    assert rows["Moscow and Kyiv"] == (1, 1, ["Moscow and Kyiv"])


DOC_IDS = ["north-korea-ukraine-army", "north-korea-ukraine-army-2", "wire-copy"]


@pytest.mark.parametrize(
    ("prefix", "found"),
    [
        ("wire", "wire-copy"),
        ("north-korea-ukraine-army", "north-korea-ukraine-army"),
        ("north-korea-ukraine-army-", "north-korea-ukraine-army-2"),
    ],
)
def test_query_resolve_doc_id_takes_an_id_or_a_unique_prefix(prefix, found):
    assert resolve_doc_id(prefix, DOC_IDS) == found


@pytest.mark.parametrize(
    ("prefix", "message"),
    [
        ("", "document id is empty"),
        ("wires", "no document has an id starting with 'wires'"),
        ("north", "document id prefix 'north' is ambiguous: it matches north-korea-ukraine-army, north-korea-ukraine-army-2"),
    ],
)
def test_query_resolve_doc_id_names_a_prefix_that_is_unknown_or_ambiguous(prefix, message):
    with pytest.raises(DocumentNotFoundError) as raised:
        resolve_doc_id(prefix, DOC_IDS)
    assert str(raised.value) == message
