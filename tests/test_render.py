"""claimtrack.render: a document's claims as one standalone HTML page."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from claimtrack.errors import DocumentNotFoundError
from claimtrack.models import Status
from claimtrack.render import Mark, load_article, nest, render_html, stylesheet
from claimtrack.store import ClaimStore
from conftest import BRIDGE_ARTICLE, ROOT, article_of, bridge_claims, make_claim, marked, parse_html, store_document


@pytest.fixture
def bridge_store(isolated_store):
    claims = store_document(isolated_store, "bridge-story", BRIDGE_ARTICLE, bridge_claims(), title="Bridge to close")
    return ClaimStore(isolated_store), claims


def rendered(store: ClaimStore, doc_id: str = "bridge-story", **options):
    return parse_html(render_html(load_article(store, doc_id), **options))


def test_render_marks_every_claim_once_with_its_text(bridge_store):
    store, claims = bridge_store
    assert marked(rendered(store)) == {claim.id: claim.text for claim in claims}


def test_render_article_text_is_the_document_word_for_word(bridge_store):
    # Badges take their label from CSS, so they add no text to the article.
    store, _ = bridge_store
    assert article_of(rendered(store)).text == BRIDGE_ARTICLE


def test_render_nested_claim_sits_inside_its_parents_content(bridge_store):
    store, claims = bridge_store
    outer, inner = claims[0], claims[1]
    article = article_of(rendered(store))
    (inner_mark,) = article.find_all(id=f"claim-{inner.id}")
    assert f"claim-{outer.id}" in [element.attrs.get("id") for element in inner_mark.ancestors()]
    assert "ct-nested" in inner_mark.classes
    # The nested claim's source and cue are inside the parent's content, not inside the nested claim.
    (source,) = article.find_all(cls="ct-source", id=f"source-{inner.source.start}-{inner.source.end}")
    assert source.text == "the engineers"
    assert [element.attrs.get("data-claim") for element in source.ancestors() if element.tag == "mark"] == [outer.id]


def test_render_lists_a_nested_claim_under_its_parent(bridge_store):
    store, claims = bridge_store
    (item,) = rendered(store).find_all("li", id=f"item-{claims[1].id}")
    assert item.parent.parent.attrs["id"] == f"item-{claims[0].id}"


def test_render_marks_a_shared_source_once_for_all_its_claims(bridge_store):
    store, claims = bridge_store
    sources = article_of(rendered(store)).find_all(cls="ct-source")
    council = [element for element in sources if element.text == "the council"]
    assert len(council) == 1 and council[0].attrs["data-claims"].split() == [claims[2].id, claims[3].id]
    assert sorted(element.text for element in sources) == ["The mayor", "a spokesman", "the council", "the engineers"]


def test_render_leaves_the_gap_between_content_spans_unhighlighted(bridge_store):
    store, claims = bridge_store
    (gap,) = article_of(rendered(store)).find_all(cls="ct-gap")
    assert gap.attrs["data-claim"] == claims[4].id
    assert gap.text == ",” a spokesman added, “"
    assert [element.text for element in gap.find_all(cls="ct-cue")] == ["added"]


def test_render_gives_each_claim_a_badge_with_its_status(isolated_store):
    claims = [claim.model_copy(update={"status": status}) for claim, status in zip(bridge_claims(), Status)]
    store_document(isolated_store, "bridge-story", BRIDGE_ARTICLE, claims)
    page = rendered(ClaimStore(isolated_store))
    badges = article_of(page).find_all("a", cls="ct-badge")
    assert {badge.attrs["href"]: badge.attrs["data-status"] for badge in badges} == {
        f"#item-{claim.id}": claim.status.value for claim in claims
    }
    assert all(badge.text == "" for badge in badges)


def test_render_status_colours_are_distinct():
    colours = dict(re.findall(r"--(\w+): (#[0-9a-f]{6});", stylesheet()))
    assert len({colours[status.value] for status in Status}) == len(Status)


def test_render_links_each_claim_and_its_list_entry_both_ways(bridge_store):
    store, claims = bridge_store
    page = rendered(store)
    ids = {element.attrs["id"] for element in page.iter() if "id" in element.attrs}
    hrefs = {element.attrs["href"] for element in page.find_all("a") if element.attrs.get("href")}
    for claim in claims:
        assert {f"claim-{claim.id}", f"item-{claim.id}"} <= ids
        assert {f"#claim-{claim.id}", f"#item-{claim.id}"} <= hrefs
    assert {href[1:] for href in hrefs if href.startswith("#")} <= ids, "a link to nothing"


def test_render_list_gives_source_name_type_and_cue(isolated_store):
    claim = make_claim(source="Officials", cue="estimate")
    claim = claim.model_copy(update={"source": claim.source.model_copy(update={"name": "Defence officials"})})
    store_document(isolated_store, "article", "Officials estimate that Moscow pays $2000 per soldier.", [claim])
    (item,) = rendered(ClaimStore(isolated_store), "article").find_all("li", cls="ct-item")
    assert re.sub(r"\s+", " ", item.text) == (
        f"unverified {claim.id}Moscow pays $2000 per soldier"
        "sourceDefence officials anonymous group “Officials”cueestimatequoteindirect"
    )


def test_render_shows_cluster_sizes_only_when_given(bridge_store):
    store, claims = bridge_store
    assert "cluster" not in rendered(store).find_all("aside")[0].text
    page = rendered(store, cluster_sizes={claims[0].id: 3, claims[2].id: 1})
    (first,) = page.find_all("li", id=f"item-{claims[0].id}")
    (third,) = page.find_all("li", id=f"item-{claims[2].id}")
    assert "cluster3 claims" in first.text and "cluster1 claim" in third.text
    assert page.find_all("aside")[0].text.count("cluster") == 2


HOSTILE = (
    'The board said <script>alert("x")</script> & <img src=https://evil.example/x.png> was fine.\n'
    "An official claimed the fee is </mark></article><a href='javascript:alert(1)'>free</a>\x1b[2J."
)


def test_render_article_text_is_escaped_never_markup(isolated_store):
    claims = [
        make_claim(
            '<script>alert("x")</script> & <img src=https://evil.example/x.png> was fine',
            doc_id="hostile",
            document=HOSTILE,
            source="The board",
            cue="said",
        ),
        make_claim(
            "the fee is </mark></article><a href='javascript:alert(1)'>free</a>",
            doc_id="hostile",
            document=HOSTILE,
            source="An official",
            cue="claimed",
        ),
    ]
    store_document(isolated_store, "hostile", HOSTILE, claims, title="<b>Title</b>", url="javascript:alert(2)")
    html = render_html(load_article(ClaimStore(isolated_store), "hostile"))
    page = parse_html(html)
    assert not page.find_all("script") and not page.find_all("img") and not page.find_all("b")
    assert article_of(page).text == HOSTILE.replace("\x1b", "\ufffd")
    assert marked(page) == {claim.id: claim.text for claim in claims}
    assert page.find_all("title")[0].text == "<b>Title</b>"
    assert "javascript:" not in " ".join(str(element.attrs.get("href")) for element in page.iter())


def test_render_loads_nothing_and_links_only_the_documents_own_url(isolated_store):
    store_document(isolated_store, "bridge-story", BRIDGE_ARTICLE, bridge_claims(), url="https://news.example/bridge")
    page = rendered(ClaimStore(isolated_store))
    assert not page.find_all("script") and not page.find_all("link") and not page.find_all("img")
    assert all("src" not in element.attrs for element in page.iter())
    external = [element.attrs["href"] for element in page.find_all("a") if not element.attrs.get("href", "#").startswith("#")]
    assert external == ["https://news.example/bridge"]
    style = page.find_all("style")[0].text
    assert "url(" not in style and "@import" not in style and "http" not in style
    (policy,) = page.find_all("meta", http_equiv="Content-Security-Policy")
    assert policy.attrs["content"].startswith("default-src 'none'")


def test_render_crossing_spans_are_cut_into_pieces_that_nest(isolated_store):
    # A source mention that runs past the end of another claim's content: the
    # mention is cut at that end, and both pieces carry it.
    document = "Prices rose in May said the minister of finance on Friday."
    wide = make_claim("Prices rose in May said the minister", doc_id="prices", document=document, source=None, cue=None)
    narrow = make_claim("Prices rose in May", doc_id="prices", document=document, source="the minister of finance", cue="said")
    store_document(isolated_store, "prices", document, [wide, narrow])
    article = article_of(rendered(ClaimStore(isolated_store), "prices"))
    assert marked(parse_html(render_html(load_article(ClaimStore(isolated_store), "prices")))) == {
        wide.id: wide.text,
        narrow.id: narrow.text,
    }
    pieces = article.find_all(cls="ct-source")
    assert [piece.text for piece in pieces] == ["the minister", " of finance"]
    assert [piece.attrs.get("id") for piece in pieces] == ["source-24-47", None]
    assert article.text == document


@given(
    st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30), st.sampled_from(["claim", "gap", "source", "cue"])), max_size=12)
)
@example([(0, 0, "claim"), (0, 2, "claim"), (1, 3, "claim"), (2, 3, "claim")])  # an empty mark before crossing ones
def test_render_nest_always_gives_a_tree_whose_pieces_cover_each_mark(spans):
    marks = [Mark(kind, min(a, b), max(a, b), f"m{n}") for n, (a, b, kind) in enumerate(spans)]
    root = nest(marks, 30)
    covered: dict[str, list[tuple[int, int]]] = {}

    def walk(node):
        at = node.start
        for child in node.children:
            assert at <= child.start < child.end <= node.end, "a child outside its parent, or overlapping its sibling"
            covered.setdefault(child.mark.key, []).append((child.start, child.end))
            walk(child)
            at = child.end

    walk(root)
    for mark in marks:
        pieces = sorted(covered.get(mark.key, []))
        if mark.end > mark.start:
            assert pieces[0][0] == mark.start and pieces[-1][1] == mark.end
            assert all(end == start for (_, end), (start, _) in zip(pieces, pieces[1:])), "pieces leave a hole"
        else:
            assert not pieces


def test_render_finds_a_document_by_unique_prefix(bridge_store):
    store, claims = bridge_store
    article = load_article(store, "bridge")
    assert article.record.doc_id == "bridge-story" and article.title == "Bridge to close"
    assert [claim.id for claim in article.claims] == [claim.id for claim in sorted(claims, key=lambda c: (c.start, -c.end))]


@pytest.mark.parametrize(
    ("prefix", "message"),
    [
        ("", "document id is empty"),
        ("ferry", "no document has an id starting with 'ferry'"),
        ("b", "document id prefix 'b' is ambiguous: it matches bridge-story, bridges-old"),
    ],
)
def test_render_refuses_an_unknown_or_ambiguous_document(bridge_store, prefix, message):
    store, _ = bridge_store
    store_document(store.path, "bridges-old", BRIDGE_ARTICLE, bridge_claims(doc_id="bridges-old"))
    with pytest.raises(DocumentNotFoundError, match=f"^{re.escape(message)}$"):
        load_article(store, prefix)


def test_render_an_exact_id_wins_over_longer_ids_it_prefixes(bridge_store):
    store, _ = bridge_store
    store_document(store.path, "bridge-story-2", BRIDGE_ARTICLE, bridge_claims(doc_id="bridge-story-2"))
    assert load_article(store, "bridge-story").record.doc_id == "bridge-story"


def test_render_refuses_a_document_whose_text_the_store_does_not_hold(isolated_store, sample_claims):
    ClaimStore(isolated_store).replace_documents({"article": sample_claims})  # claims, no text
    with pytest.raises(DocumentNotFoundError, match="holds no text for document 'article': extract it again"):
        load_article(ClaimStore(isolated_store), "art")


def test_render_leaves_out_claims_of_an_older_text(bridge_store):
    store, claims = bridge_store
    revised = BRIDGE_ARTICLE + "\n\nThe ferry is free on Sundays."
    old = claims[2].model_copy(update={"id": "older-text-claim", "doc_sha256": "0" * 64})
    store_document(store.path, "bridge-story", revised, bridge_claims(revised)[:2])
    store.replace_documents({"bridge-story": [*load_article(store, "bridge-story").claims, old]})
    article = load_article(store, "bridge-story")
    assert article.record.text == revised and len(article.claims) == 2 and article.left_out == 1


def test_render_seed_marks_all_its_claims():
    store = ClaimStore(ROOT / "data" / "claims.jsonl")
    article = load_article(store, "north-korea")
    page = parse_html(render_html(article))
    assert len(article.claims) > 30 and article.left_out == 0
    assert marked(page) == {claim.id: claim.text for claim in article.claims}
    assert article_of(page).text == article.record.text
