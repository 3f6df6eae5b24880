"""Claim clusters: signatures, the same-fact decision, and assignment on extract (incremental, stable)."""

from __future__ import annotations

import contextlib
import datetime
import gc
import random
import sqlite3

import pytest

from claimtrack.clusters import assign, sidecar
from claimtrack.clusters.assign import Indexed, MemoryIndex, candidates, choose, paired_claims, story_documents
from claimtrack.clusters.matching import (
    FEATURES,
    WEIGHTS,
    compare,
    differ,
    likeness,
    pair_features,
    says_nothing,
)
from claimtrack.clusters.signature import Signature, SignedAhead, claim_signature, signature, source_of
from claimtrack.errors import StoreError
from claimtrack.models import SourceType, Status
from claimtrack.store import ClaimStore
from claimtrack.store.check import check_store
from claimtrack.store.records import dump_record
from conftest import collector_states, make_claim, officials_said

WIRE = "Officials said about 11,000 residents of Hartwell County were ordered to leave their homes on Saturday."
HERALD = "Officials said some eleven thousand residents of Hartwell County were ordered to leave their homes on Saturday."
LOOKALIKE = "Officials said about 2,000 residents of Carver County were ordered to leave their homes on Saturday."


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("$22 billion", "22 billion dollars"),
        ("$22bn", "$22 billion"),
        ("11,000 residents", "eleven thousand people"),
        ("15%", "15 per cent"),
        ("by 25 basis points", "by a quarter of a percentage point"),
        ("about 2,600 residents", "some two thousand six hundred residents"),
        ("an operating margin of 3-4%", "an operating margin of 3 to 4 percent"),
        ("demand peaked at 54.2 gigawatts", "demand peaked at 54,200 MW"),
        ("deminers cleared 38,000 ha", "deminers cleared 38,000 hectares"),
        ("about 800 m³ of ammonia leaked", "about 800 cubic metres of ammonia leaked"),
        ("180,000 litres of bottled water", "180 cubic metres of bottled water"),
        ("the reservoir held about 14 cubic kilometres of water", "the reservoir held about 14 billion cubic metres of water"),
        ("the siren sounded for 30 seconds", "the siren sounded for half a minute"),
        ("in power for two decades", "in power for 20 years"),
        ("the aircraft was at 15,000m.", "the aircraft was at fifteen kilometres"),
        ("raised rates by two points", "raised rates by 200 basis points"),
    ],
)
def test_clusters_signature_figures_written_differently_are_one_value(a, b):
    assert signature(a).numbers == signature(b).numbers != frozenset()


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("$2,000 a month", "$2,000 a year"),
        ("25 basis points", "25 percent"),
        ("12 km", "12 miles"),
        # A duration is no count: the video's 40 seconds are not the 40 houses damaged.
        ("a 40-second video showed burning aircraft", "about 40 houses had their windows blown out"),
        ("800 cubic metres leaked", "a slick 800 metres long"),
    ],
)
def test_clusters_signature_figures_that_differ_in_what_they_measure_differ(a, b):
    assert signature(a).numbers != signature(b).numbers


def test_clusters_signature_typographic_apostrophes_are_the_typewriters():
    straight = "We can't afford to be politically correct anymore, Kyiv's envoy said."
    assert signature(straight.replace("'", "\u2019")) == signature(straight)
    assert signature(straight).negated


def test_clusters_signature_without_negates_like_not():
    assert signature("residents spent a second day without drinkable tap water").negated
    assert signature("residents were told not to drink tap water").negated
    assert not signature("residents can drink their tap water again").negated


def test_clusters_signature_of_a_stored_claim_reads_its_stored_quantities():
    claim = make_claim("Moscow pays $2000 per soldier")
    assert claim_signature(claim).numbers == {"2000usd"}
    moved = claim.model_copy(update={"quantities": [claim.quantities[0].model_copy(update={"value": 3000})]})
    assert claim_signature(moved).numbers == {"3000usd"}  # what is stored wins over the text


def test_clusters_signature_a_figure_with_a_period_shares_its_key_with_the_same_figure_without():
    yearly, plain = signature("the cuts would save €600m a year"), signature("costs would fall by 600 million euros")
    assert yearly.numbers != plain.numbers
    assert {key for key in yearly.keys if key.startswith("#")} == {key for key in plain.keys if key.startswith("#")}


@pytest.mark.parametrize(
    ("hedged", "plain", "same"),
    [
        ("almost 10,000 men crossed the border", "9,800 men crossed the border", True),
        ("reservoirs are less than 40% full", "reservoirs are at 38% of capacity", True),
        ("at least 120 people were hurt", "124 people were hurt", True),
        ("about $4bn a year", "$3.9 billion a year", True),
        ("almost 10,000 men crossed the border", "9,000 men crossed the border", False),  # outside the hedge
        ("almost 10,000 men crossed the border", "10,200 men crossed the border", False),  # past the bound
        ("at least 120 people were hurt", "118 people were hurt", False),
        ("about 300 trucks were held", "330 trucks were held", False),
        # Bounds the same way on both sides are two counts (a tally's updates); "about" on both is one, rounded.
        ("Clinton has at least 1,410 delegates", "Clinton has at least 1,353 delegates", False),
        ("almost 10,000 men crossed the border", "nearly 9,800 men crossed the border", False),
        ("about $4bn a year", "about $3.9 billion a year", True),
        # A share in words is rounded to a simple fraction: a tenth of it either way.
        ("its imports of metals dropped by more than a fifth", "it cut imports of metals by 22%", True),
        ("the country has lost almost a third of its fuel production", "it lost about 30 percent of its fuel output", True),
        ("the currency has given up more than a quarter of its value", "the currency has shed 27 percent of its value", True),
        ("the appeal has received a fifth of the money", "the appeal has received 22% of the money", True),
        ("the appeal has received a fifth of the money", "the appeal has received 23% of the money", False),
        ("the appeal has received a fifth of the money", "the appeal has received 25% of the money", False),
        ("the currency has lost about a quarter of its value", "the currency has lost about 30% of its value", False),
    ],
)
def test_clusters_differ_a_figure_inside_the_others_hedge_is_no_difference(hedged, plain, same):
    a, b = signature(hedged), signature(plain)
    assert a.bounded and a.numbers != b.numbers
    assert differ(a, b, same_story=True) is not same
    assert differ(b, a, same_story=True) is not same


def test_clusters_signature_years_and_days_of_month_are_dates_not_counts():
    found = signature("the union would protest on October 2 in 2026")
    assert found.numbers == frozenset() and found.dates == {"month:10", "date:2", "year:2026"}


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (
            "the deal would cut tariffs on farm goods by 15 percent",
            "the deal would cut tariffs on farm goods by 15 per cent",
            True,
        ),
        ("at least 1,400 homes had been damaged", "at least 400 homes had been damaged", False),
        ("the pact would create 30,000 jobs in Kestria by 2028", "the pact would create 30,000 jobs in Valdoria by 2028", False),
        ("the pact would create 30,000 jobs in Kestria by 2028", "the pact would create 30,000 jobs in Kestria by 2030", False),
        ("the bridge will reopen in May", "the mayor will resign next week", False),
        ("the detour would add 12 miles (19 km) to journeys", "the detour would add about 19 kilometres to journeys", True),
        ("the detour would add 12 miles to journeys", "the detour would add 25 kilometres to journeys", False),
        ("repairing the bridge will take 18 months", "repairing the bridge will take two years", False),
        ("repairing the bridge will take three weeks", "repairing the bridge will take a month", False),
        ("the strike would cost 6 million euros a day", "the strike would cost 6 million euros a week", False),
        ("the operator will cancel 1,200 trains a day", "1,200 trains would be cancelled by the operator each day", True),
        (
            "6 percent of patients had headaches and 2 percent had nausea",
            "about 6 percent of patients reported headaches",
            False,
        ),
        ("the bloc froze the assets of 42 officials", "the bloc froze the assets of 42 officials in May", True),
        # A revised toll, and a figure common to many facts: different facts.
        ("the strike killed at least 14 people in Orsk", "the death toll from the strike in Orsk rose to 19", False),
        ("2 people were killed when a shell hit a market", "two people died when a drone hit a school", False),
        # Two distinctive figures that agree tell the same fact in other words.
        ("revenue fell 11% to 4.3 billion euros", "sales dropped by 11 percent to €4.3bn", True),
        # A country and its people's adjective are one name; a city-based company names its city.
        ("Hadranian shelling had cut the Zoria line", "Hadrany had shelled and cut the Zoria line", True),
        ("the Austrian army had shelled the line", "the Australian army had shelled the line", False),
        ("the fund is run by the Belmarre-based clearing house", "the fund is run by the clearing house in Belmarre", True),
        ("it reached 47.3 degrees Celsius in Ferrola", "Ferrola's thermometer read 47.3C", True),
        # Power and energy in upper-case units: another figure is another fact, and one the other converts is the same.
        ("imports would reach 1.7 GW by March", "imports would reach 54.2 GW by March", False),
        ("imports would reach 1.7 GW by March", "imports would reach 1,700 megawatts by March", True),
        ("the plant made 3.1 TWh last year", "the plant made 3,100 GWh last year", True),
        ("the plant made 3.1 TWh last year", "the plant made 4.5 TWh last year", False),
        # Two calendar dates are different days; two quarters or halves of a year, different results.
        ("the talks would resume in Almadar on April 23", "the talks would resume in Almadar on April 24", False),
        ("Corvane's net profit fell 12% in the first quarter", "Corvane's net profit fell 12% in the second quarter", False),
        ("Corvane's net profit fell 12% in Q1", "Corvane's net profit fell 12% in Q3", False),
        ("Corvane's net profit fell 12% in the first half", "Corvane's net profit fell 12% in H2", False),
        ("Corvane's net profit fell 12% in the first quarter", "Corvane's first-quarter net profit fell 12%", True),
        # A duration is no distinctive figure: "within two days" is said of many things.
        ("the ferry service would restart within two days", "the mayor would resign within two days", False),
    ],
)
def test_clusters_compare_same_fact_and_lookalikes(a, b, same):
    if same:  # in one story: outside one, a fact needs a name both give, or a copy (below)
        assert compare(signature(a), signature(b), same_story=True).same
    else:
        assert compare(signature(a), signature(b)).same is False


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        # The same words of every event they are written about: a fact only in one story.
        ("the death toll stood at 12", "the death toll stood at 12", False),
        ("Neither side's account could be independently verified.", "Neither side's account could be verified.", False),
        # A name both claims give anchors the fact, in any of its forms; so does a distinctive figure copied.
        ("the Krastow mine had passed a safety inspection", "the Krastow mine passed a safety inspection", True),
        ("Hadranian forces had shelled and cut the line", "Hadrany's forces had shelled and cut the line", True),
        ("air defences shot down 97 of the drones overnight", "air defences had shot down 97 of the drones overnight", True),
    ],
)
def test_clusters_compare_outside_a_story_asks_for_a_name_in_common(a, b, same):
    """Claims of documents of different stories (on the fixture stories in one store, "the toll at 12" and
    "three days of mourning" of unrelated disasters shared clusters)."""
    assert compare(signature(a), signature(b)).same is same
    assert compare(signature(a), signature(b), same_story=True).same is True


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("repairing the bridge will take 18 months", "repairing the bridge will take a year and a half"),
        # A duration rounded into another unit: six weeks are 8% shorter than a month and a half.
        (
            "the first reservists would join their units within six weeks",
            "the first reservists will join their units within a month and a half",
        ),
        # Words that barely overlap, held together by a distinctive figure and the sentence vectors.
        ("97 of the drones had been shot down", "air defences destroyed 97 drones before they reached the city"),
        # A weekday and a calendar date may be one day.
        ("the talks would resume in Almadar on April 23", "the talks would resume in Almadar next Thursday"),
    ],
)
def test_clusters_likeness_a_paraphrase_in_a_document_of_the_same_story_joins(a, b):
    """Particulars written otherwise are no difference, and told in two documents of one story the paraphrase
    joins; in documents that tell no common story a paraphrase this loose is left to the story's evidence."""
    first, second = signature(a), signature(b)
    assert not differ(first, second)
    assert likeness(first, second, same_story=True).same is True


def test_clusters_likeness_has_a_weight_for_every_feature():
    pair = signature("the pact would create 30,000 jobs"), signature("the deal would create 30,000 jobs")
    assert len(pair_features(*pair, 0.5, same_story=False)) == len(WEIGHTS) == len(FEATURES)


def _named(claim, name: str):
    """``claim`` attributed to a person called ``name``."""
    assert claim.source is not None
    return claim.model_copy(update={"source": claim.source.model_copy(update={"name": name, "type": SourceType.person})})


def test_clusters_signature_keeps_the_name_of_a_source_but_not_of_an_anonymous_group():
    document = "Defence Minister Sigrid  Haldane said the bridge would reopen."
    claim = make_claim("the bridge would reopen", document=document, source="Defence Minister Sigrid  Haldane", cue="said")
    assert source_of(claim) == ""  # make_claim's sources are anonymous groups ("Officials")
    named = _named(claim, "Sigrid  Haldane")
    assert source_of(named) == claim_signature(named).source == "sigrid haldane"
    assert source_of(named.model_copy(update={"source": None})) == ""


def test_clusters_signature_keeps_no_source_for_a_pronoun_that_took_no_name():
    claim = make_claim("the port would reopen", document="He said the port would reopen.", source="He", cue="said")
    assert claim.source is not None
    unnamed = claim.model_copy(update={"source": claim.source.model_copy(update={"name": None, "type": SourceType.person})})
    assert source_of(unnamed) == ""  # two outlets' unnamed "he" are no one in particular
    assert source_of(_named(claim, "Olena Marchuk")) == "olena marchuk"


def test_clusters_likeness_weighs_the_same_source_on_both_sides():
    same = FEATURES.index("same_source")
    a, b = signature("the crossing would reopen in May", source="sigrid haldane"), signature("the bridge would open again in May")
    assert pair_features(a, b._replace(source="sigrid haldane"), 0.5, same_story=True)[same] == 1.0
    assert pair_features(a, b._replace(source="ana brask"), 0.5, same_story=True)[same] == 0.0
    assert pair_features(a._replace(source=""), b, 0.5, same_story=True)[same] == 0.0  # no source is no agreement


def test_clusters_likeness_weighs_sources_named_with_the_same_last_word():
    head = FEATURES.index("same_source_head")
    a, b = signature("the toll had risen to seven", source="andriy sokil"), signature("seven people were killed")
    assert pair_features(a, b._replace(source="regional governor andrii sokil"), 0.5, same_story=True)[head] == 1.0
    assert pair_features(a, b._replace(source="andriy sokil"), 0.5, same_story=True)[head] == 1.0
    assert pair_features(a, b._replace(source="andriy melnyk"), 0.5, same_story=True)[head] == 0.0
    assert pair_features(a._replace(source=""), b, 0.5, same_story=True)[head] == 0.0  # no source is no agreement


def test_clusters_sidecar_keeps_a_signatures_source():
    found = signature("no one had died in the outbreak", source="the regional health office")._replace(negated=True)
    assert sidecar._loads(sidecar._dumps(found), Signature) == found


def test_clusters_sidecar_keeps_a_signatures_hedged_figures():
    found = signature("almost 10,000 men and some 300 trucks crossed the border")
    assert found.bounded == {"<10000", "=300"}
    assert sidecar._loads(sidecar._dumps(found), Signature) == found


def test_clusters_sidecar_keeps_what_a_signature_sets_aside():
    found = signature("The loan will be funded by joint EU borrowing rather than frozen Russian assets")
    assert found.rejected == {"frozen", "russian", "asset"}
    assert sidecar._loads(sidecar._dumps(found), Signature) == found


def test_clusters_a_claim_stating_what_another_sets_aside_is_its_opposite():
    """ "Rather than frozen Russian assets": the claim says the loan is not funded by them. A claim that says it is
    states the opposite (a QA pass: the two were one cluster, and a verdict on one went to the other); one that
    leaves the alternative out is the same fact."""
    borrowing = signature("The loan will be funded by joint EU borrowing rather than frozen Russian assets")
    assets = signature("the loan would be funded by frozen Russian assets in the end")
    assert not likeness(borrowing, assets, same_story=True).same and not likeness(assets, borrowing, same_story=True).same
    assert differ(borrowing, assets, same_story=True)
    assert likeness(borrowing, signature("The loan will be financed by joint borrowing by the EU"), same_story=True).same
    both = signature("the loan would be funded by joint borrowing, instead of frozen Russian assets")
    assert both.rejected == {"frozen", "russian", "asset"} and not differ(borrowing, both, same_story=True)
    damaged = signature("the unit was damaged rather than destroyed")
    assert likeness(damaged, signature("the unit had been damaged but not destroyed"), same_story=True).same


def test_clusters_a_signature_made_ahead_for_another_source_is_made_again():
    ahead = SignedAhead()
    claim = make_claim(HERALD[15:-1], document=HERALD, source="Officials", cue="said")
    ahead.add(claim)
    named = _named(claim, "Sigrid Haldane")
    assert ahead.signature(named).source == "sigrid haldane"


def test_clusters_paired_claims_are_each_others_nearest_in_two_documents_of_one_story():
    """A claim told in other words (no key in common) is a candidate when it and a claim of a document of the
    story are each other's nearest there; not without the story."""
    wire = ["all 14,000 members of the union will strike from Monday", "talks with the company broke down on Friday"]
    daily = ["Fourteen thousand rail workers will walk out starting Monday", "negotiations collapsed at the end of last week"]
    index = MemoryIndex()
    index.add(Indexed(f"wire-{n}", "wire", f"wire-{n}", signature(text)) for n, text in enumerate(wire))
    found = [signature(text) for text in daily]
    paired = paired_claims(found, {"wire": 3}, index)
    assert [[entry.id for entry in counterparts] for counterparts in paired] == [["wire-0"], ["wire-1"]]
    assert candidates(found[1], "daily", index) == []  # no key in common
    assert [entry.id for entry in candidates(found[1], "daily", index, paired[1])] == ["wire-1"]
    assert paired_claims(found, {}, index) == [[], []]


def test_clusters_a_claim_is_paired_with_the_claims_of_its_story_that_give_one_of_its_figures():
    """ "The toll had risen to nine" / "at least nine people were killed at the terminal": one key in common, and
    the nearest claim of each is another; the figure makes them candidates in their story, not outside it."""
    wire = ["the toll had risen to nine", "the terminal had been hit twice before", "the drones came from the Vesk coast"]
    daily = ["at least nine people were killed at the terminal", "the terminal had already been struck twice"]
    index = MemoryIndex()
    index.add(Indexed(f"wire-{n}", "wire", f"wire-{n}", signature(text)) for n, text in enumerate(wire))
    found = [signature(text) for text in daily]
    assert "wire-0" not in {entry.id for entry in candidates(found[0], "daily", index)}
    assert "wire-0" in {entry.id for entry in paired_claims(found, {"wire": 3}, index)[0]}
    assert "wire-0" not in {entry.id for entry in paired_claims(found, {}, index)[0]}
    assert [entry.id for entry in paired_claims(found, {"wire": 3}, index)[1]] == ["wire-1"]  # no figure: as before


def test_clusters_claims_are_paired_only_across_documents_sharing_a_third_of_the_new_ones_names():
    """Pairing trusts that two documents state many of the same facts: three names in common are a story for
    a document that gives six, not for one that names a dozen places besides."""
    wire = ["all 14,000 members of the union will strike from Monday", "talks with the company broke down on Friday"]
    daily = ["Fourteen thousand rail workers will walk out starting Monday", "negotiations collapsed at the end of last week"]
    index = MemoryIndex()
    index.add(Indexed(f"wire-{n}", "wire", f"wire-{n}", signature(text)) for n, text in enumerate(wire))
    beat = [signature(text) for text in daily]
    beat.append(signature("talks in Osterby, Velm, Kastro, Lune, Parrin, Dovik, Quell, Tarn, Sunne and Ebbe"))
    assert paired_claims(beat, {"wire": 3}, index) == [[], [], []]
    assert paired_claims(beat, {"wire": 4}, index)[:2] != [[], []]


def test_clusters_a_story_shares_a_quarter_of_the_new_documents_names_not_only_three():
    """Articles of one beat name the same few people without telling one story: three names in common out of
    a dozen the new article gives is no story."""
    index = MemoryIndex()
    index.add([Indexed("wire-0", "wire", "wire-0", signature("the strike hit Halvik and Morrow, Ana Brask said"))])
    assert story_documents([signature("a second strike on Halvik, Morrow and Brask")], "daily", index) == {"wire": 3}
    digest = [
        signature("a strike on Halvik, Morrow and Brask"),
        signature("talks in Osterby, Velm, Kastro, Lune, Parrin, Dovik, Quell, Tarn, Sunne and Ebbe"),
    ]
    assert story_documents(digest, "digest", index) == {}


def test_clusters_a_story_is_also_a_share_of_the_earlier_documents_names():
    """A long article that names a whole beat shares three names, and a quarter of them, with any short
    article on it: that is no story, unless those names are also a good share of the long article's own."""
    beat = "talks in Osterby, Velm, Kastro, Lune, Parrin, Dovik, Quell, Tarn, Sunne, Ebbe, Rask and Moll"
    index = MemoryIndex()
    index.add(
        [Indexed("roundup-0", "roundup", "roundup-0", signature(f"the strike hit Halvik and Morrow, Ana Brask said; {beat}"))]
    )
    assert story_documents([signature("a second strike on Halvik, Morrow and Brask")], "daily", index) == {}
    index.add([Indexed("wire-0", "wire", "wire-0", signature("the strike hit Halvik and Morrow, Ana Brask said"))])
    assert story_documents([signature("a second strike on Halvik, Morrow and Brask")], "daily", index) == {"wire": 3}


def test_clusters_a_claim_of_names_alone_joins_no_cluster():
    """ "praised Donald Trump", "criticised him": what an act was aimed at is no fact another outlet states."""
    index = MemoryIndex()
    index.add([Indexed("wire-0", "wire", "wire-0", signature("Donald Trump"))])
    index.add([Indexed("wire-1", "wire", "wire-1", signature("Donald Trump will visit Halvik on Monday"))])
    story = {"wire": 3}
    assert says_nothing(signature("Donald Trump")) and says_nothing(signature("him"))
    assert not says_nothing(signature("Trump did fare well")) and not says_nothing(signature("in 2016"))
    assert choose(signature("Donald Trump"), "daily", index, story, index.claims_of(["wire"])).cluster is None
    assert choose(signature("Trump"), "daily", index, story, index.claims_of(["wire"])).cluster is None
    assert choose(signature("Donald Trump will visit Halvik on Monday"), "daily", index, story).cluster == "wire-1"


def test_clusters_sidecar_finds_a_storys_documents_and_their_claims_as_in_memory(tmp_path):
    """The SQLite index gives the documents of a story with the keys each shares, and a document's claims,
    as the index in memory the scorer is fitted with does."""
    store = ClaimStore(tmp_path / "claims.jsonl")
    memory = MemoryIndex()
    for doc_id, contents in (("wire", STRIKE), ("daily", [*STRIKE, "the ferry terminal had no military use"])):
        claims = _article(store, doc_id, contents)
        memory.add(Indexed(claim.id, doc_id, claim.id, claim_signature(claim)) for claim in claims)
    connection = sidecar._connect(tmp_path / "claims.jsonl.clusters")
    try:
        index = sidecar.SqliteIndex(connection)
        keys = {"@halvik", "@morrow", "@ana", "@brask", "#23", "@nowhere"}
        assert index.documents(keys, 100, 3, other_than="new") == memory.documents(keys, 100, 3, other_than="new")
        assert index.documents(keys, 100, 3, other_than="new")["wire"] == 5
        assert sorted(entry.id for entry in index.claims_of(["daily"])) == sorted(e.id for e in memory.claims_of(["daily"]))
        assert len(index.claims_of(["daily", "wire", "nowhere"])) == 5
        sizes = index.story_sizes(["daily", "wire", "nowhere"])
        assert sizes == memory.story_sizes(["daily", "wire", "nowhere"]) and sizes["wire"] == 4 and sizes["nowhere"] == 0
    finally:
        connection.close()


def test_clusters_sidecar_keeps_the_signatures_used_lately_and_drops_the_least_used(tmp_path, monkeypatch):
    """Signatures read from the index are kept up to READ_CACHE; when full, the one used least lately goes, so
    an earlier claim that is a candidate of many new ones is not read again after each of a few others."""
    monkeypatch.setattr(sidecar, "READ_CACHE", 2)
    store = ClaimStore(tmp_path / "claims.jsonl")
    claims = _article(store, "wire", [*STRIKE, "the ferry terminal had no military use"])
    first, second, third = (claim.id for claim in claims)
    connection = sidecar._connect(tmp_path / "claims.jsonl.clusters")
    try:
        index = sidecar.SqliteIndex(connection)
        index._entries([first, second])
        assert index._entries([first])[0].id == first  # used again: now the latest
        index._entries([third])
        assert set(index._read) == {first, third}
    finally:
        connection.close()


def test_clusters_a_new_claims_blocking_keys_are_made_once(tmp_path, monkeypatch):
    """A new claim's keys are asked for its candidates and again when its document is indexed: made once."""
    assign.blocking_keys.cache_clear()  # an earlier test's signature of the same words would be asked for none
    store = ClaimStore(tmp_path / "claims.jsonl")
    wire = _article(store, "wire", ["a drone strike on the Halvik grain silo in Morrow killed 31 people overnight"])
    made: list[Signature] = []
    keys = Signature.keys

    def counted(self: Signature) -> frozenset[str]:
        made.append(self)
        return keys.fget(self)

    monkeypatch.setattr(Signature, "keys", property(counted))
    daily = ["a drone strike overnight on the Halvik grain silo in Morrow killed 31 people", "the silo held no weapons"]
    claims = _article(store, "daily", daily)
    assert len(made) == len(claims) == 2
    assert {claim.cluster for claim in store if claim.doc_id == "daily"} >= {wire[0].id}  # a candidate, and joined


def test_clusters_sidecar_a_claim_indexed_again_is_a_candidate_with_its_new_signature(tmp_path):
    """A claim indexed again with another signature (its source now named, say) is matched as it now is, not as
    it was when it was last read: the signatures kept follow what is indexed."""
    connection = sidecar._connect(tmp_path / "claims.jsonl.clusters")
    try:
        index = sidecar.SqliteIndex(connection)
        probe = signature("air defences had shot down 97 drones over the port")
        before = signature("air defences shot down 97 of the drones launched at the port")
        after = signature("air defences shot down 97 of the drones launched at the port", source="velnia's air force")
        index.add([Indexed("wire-0", "wire", "wire-0", before)])
        assert [entry.signature for entry in index.candidates(probe.keys, 100, 15, other_than="new")] == [before]
        index.add([Indexed("wire-0", "wire", "wire-0", after)])
        assert [entry.signature for entry in index.candidates(probe.keys, 100, 15, other_than="new")] == [after]
        assert [entry.signature for entry in sidecar.SqliteIndex(connection).claims_of(["wire"])] == [after]
    finally:
        connection.close()


@pytest.mark.parametrize("postings_kept", [sidecar.POSTINGS_CACHE, 1])
def test_clusters_sidecar_keys_read_once_follow_the_claims_indexed_and_forgotten_after(tmp_path, monkeypatch, postings_kept):
    """A key's postings and count are read once and kept: claims indexed after that are candidates, a document
    forgotten is not, and the counts kept stay the table's, as the index in memory has them; the same when
    the postings kept are forgotten before every count (a bound of one)."""
    monkeypatch.setattr(sidecar, "POSTINGS_CACHE", postings_kept)
    connection = sidecar._connect(tmp_path / "claims.jsonl.clusters")
    try:
        index, memory = sidecar.SqliteIndex(connection), MemoryIndex()
        probe = signature("air defences had shot down 97 drones over the port")

        def found(where) -> list[str]:
            return [entry.id for entry in where.candidates(probe.keys, 100, 15, other_than="new")]

        def indexed(*entries: Indexed) -> None:
            index.add(entries)
            memory.add(entries)

        indexed(Indexed("wire-0", "wire", "wire-0", signature("air defences shot down 97 of the drones launched at the port")))
        assert found(index) == found(memory) == ["wire-0"]
        daily = Indexed("daily-0", "daily", "daily-0", signature("97 drones launched at the port were shot down by air defences"))
        indexed(daily)
        assert found(index) == found(memory) and set(found(index)) == {"wire-0", "daily-0"}
        assert index.documents(probe.keys, 100, 2, other_than="new") == memory.documents(probe.keys, 100, 2, other_than="new")
        index.add([daily])  # indexed again: no second posting
        keys = sorted(probe.keys)
        marks = ",".join("?" * len(keys))

        def table() -> dict[str, int]:
            query = f"SELECT key, COUNT(*) FROM postings WHERE key IN ({marks}) GROUP BY key"
            return dict(connection.execute(query, keys))

        assert max(table().values()) == 2
        bounded = sidecar.SqliteIndex(connection).key_counts(keys, 0)  # a fresh index counts only past the bound
        assert bounded == {key: min(table().get(key, 0), 1) for key in keys}
        index.forget_documents(["wire"])
        assert found(index) == ["daily-0"]
        assert index.key_counts(keys, 100) == {key: table().get(key, 0) for key in keys}
    finally:
        connection.close()


@pytest.mark.parametrize("postings_kept", [sidecar.POSTINGS_CACHE, 12])
def test_clusters_sidecar_candidates_are_the_in_memory_indexs_as_documents_come_in(tmp_path, monkeypatch, postings_kept):
    """Documents indexed one by one, claims of a small vocabulary asked for their candidates between them: the
    SQLite index's kept postings give what the index in memory gives, with every posting kept or with the
    postings forgotten now and then (a bound of 12)."""
    monkeypatch.setattr(sidecar, "POSTINGS_CACHE", postings_kept)
    rng = random.Random(28)
    words = [
        "strike",
        "port",
        "drones",
        "killed",
        "Halvik",
        "Morrow",
        "ferry",
        "terminal",
        "officials",
        "23",
        "40",
        "1,200",
        "air",
        "defences",
        "shot",
    ]

    def said() -> Signature:
        return signature(" ".join(rng.sample(words, 6)))

    connection = sidecar._connect(tmp_path / "claims.jsonl.clusters")
    try:
        index, memory = sidecar.SqliteIndex(connection), MemoryIndex()
        for n in range(20):
            entries = [Indexed(f"doc{n}-{k}", f"doc{n}", f"doc{n}-{k}", said()) for k in range(3)]
            index.add(entries)
            memory.add(entries)
            for probe in (said() for _ in range(4)):
                expected = [entry.id for entry in memory.candidates(probe.keys, 8, 15, other_than="new")]
                assert [entry.id for entry in index.candidates(probe.keys, 8, 15, other_than="new")] == expected
                keys = set(list(probe.keys)[:3])
                assert index.documents(keys, 8, 2, other_than="doc0") == memory.documents(keys, 8, 2, other_than="doc0")
    finally:
        connection.close()


def test_clusters_sidecar_keeps_story_sizes_for_later_extracts_until_a_documents_claims_change(tmp_path):
    """A document's count of names and figures, once counted, is kept in the file and read by the next extract;
    counted again once the document's claims change, and gone with the document."""
    path = tmp_path / "claims.jsonl.clusters"
    wire = [
        Indexed("wire-0", "wire", "wire-0", signature("Ana Brask said 23 people were killed in Halvik")),
        Indexed("wire-1", "wire", "wire-1", signature("Morrow would ask Kestria for 40 air defence systems")),
    ]
    memory = MemoryIndex()
    memory.add(wire[:1])
    first = memory.story_sizes(["wire"])["wire"]
    memory.add(wire[1:])
    both = memory.story_sizes(["wire"])["wire"]
    assert 0 < first < both

    def session(work) -> None:
        connection = sidecar._connect(path)
        try:
            index = sidecar.SqliteIndex(connection)
            work(index, connection)
            index.keep_story_sizes()
            connection.commit()
        finally:
            connection.close()

    session(lambda index, _: (index.add(wire[:1]), index.story_sizes(["wire"])))
    # What the next extract reads is the kept count, not one counted again: made visible by changing it.
    session(lambda _, connection: connection.execute("UPDATE story_sizes SET size = 99"))
    session(lambda index, _: assert_sizes(index, {"wire": 99}))
    session(lambda index, _: (index.add(wire[1:]), assert_sizes(index, {"wire": both})))
    session(lambda index, _: assert_sizes(index, {"wire": both}))
    session(lambda index, _: index.forget_documents(["wire"]))
    session(lambda _, connection: assert_sizes_kept(connection, {}))


def assert_sizes(index, sizes: dict[str, int]) -> None:
    assert index.story_sizes(list(sizes)) == sizes


def assert_sizes_kept(connection, sizes: dict[str, int]) -> None:
    assert dict(connection.execute("SELECT doc_id, size FROM story_sizes")) == sizes


def test_clusters_differ_the_same_words_of_other_names_are_other_facts_in_any_story():
    """The same words about two places are two facts, in one story too (one night's strikes on two cities);
    within a story a place told in other words may be the same place named at another level."""
    kestria = signature("the pact would create 30,000 jobs in Kestria by 2028")
    valdoria = signature("the pact would create 30,000 jobs in Valdoria by 2028")
    assert differ(kestria, valdoria) is True
    assert differ(kestria, valdoria, same_story=True) is True
    kharkiv, odesa = signature("at least 3 people were killed in Kharkiv"), signature("at least 3 people were killed in Odesa")
    assert differ(kharkiv, odesa, same_story=True) is True
    ukraine, russia = signature("Ukraine shot down 30 drones overnight"), signature("Russia shot down 30 drones overnight")
    assert differ(ukraine, russia) is True and differ(ukraine, russia, same_story=True) is True
    county = signature("about 11,000 residents of Hartwell County were ordered to leave their homes")
    town = signature("the evacuation of Ostby, home to some 11,000 people, was ordered on the river's east bank")
    assert differ(county, town) is True
    assert differ(county, town, same_story=True) is False


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("the terminal served a military purpose", "the terminal served no military purpose"),
        ("the ministry had been consulted on the deal", "the ministry had not been consulted on the deal"),
        # A movement reversed in the same words.
        ("consumer prices rose 5 percent in March", "consumer prices fell 5 percent in March"),
        ("the central bank raised its key rate by 25 basis points", "the central bank cut its key rate by 25 basis points"),
        # Another outcome in the same words.
        ("the Krastow mine had passed a safety inspection in May", "the Krastow mine had failed a safety inspection in May"),
        ("23 miners had been killed in the Krastow collapse", "23 miners had been injured in the Krastow collapse"),
        ("the court acquitted the former mayor of Dorsk", "the court convicted the former mayor of Dorsk"),
        ("Corvane would cut 500 jobs at its Ostby plant", "Corvane would add 500 jobs at its Ostby plant"),
        ("police in Ostby arrested 12 protesters", "police in Ostby released 12 protesters"),
        ("Corvane made a net profit of €212m in the first quarter", "Corvane made a net loss of €212m in the first quarter"),
        # The reverse on terms: more words on the other side, but the negated side's nearly all in them (a QA pass).
        (
            "Hungary would not take part in the joint borrowing",
            "Hungary would take part in the joint borrowing only if its funds were released",
        ),
        (
            "Slovakia would not block the sanctions package",
            "Slovakia would block the sanctions package unless gas transit resumed",
        ),
    ],
)
def test_clusters_compare_a_negation_on_one_side_only_is_the_opposite(a, b):
    assert compare(signature(a), signature(b)).same is False
    assert likeness(signature(a), signature(b), same_story=True).same is False  # whatever the story


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("EU leaders agreed to lend Ukraine 90 billion euros", "European Union leaders agreed to lend Ukraine 90 billion euros"),
        ("the EU's loan will be funded by joint borrowing", "the European Union loan will be funded by joint borrowing"),
        ("Britain sanctioned 20 more shadow-fleet tankers", "The UK sanctioned 20 more shadow-fleet tankers"),
        ("Russian drones struck Kiev overnight, killing 3", "Russian drones struck Kyiv overnight, killing 3"),
        ("Odessa's port was hit by 2 missiles", "Odesa's port was hit by 2 missiles"),
    ],
)
def test_clusters_signature_reads_a_place_by_any_of_its_names(a, b):
    """Wire copy edited only in "EU" / "European Union", "Britain" / "the UK", "Kiev" / "Kyiv" never joined
    (a QA pass), where "US" / "United States" did: one place, one name in a signature."""
    first, second = signature(a), signature(b)
    assert first.names | first.lead == second.names | second.lead and first.words == second.words
    assert compare(first, second).same


def test_clusters_one_speakers_two_statements_in_a_story_are_two_facts():
    """Two statements of Zelensky's sharing nothing but a name, in articles taken for one story (an undated wire
    copy and a dated page naming the same people), were one cluster: a verdict on one was given to the other (a
    QA pass)."""
    loan = signature("the loan would keep Ukraine's economy afloat", source="volodymyr zelensky")
    accession = signature("Ukraine could join the European Union by 2030", source="volodymyr zelensky")
    assert likeness(loan, accession, same_story=True).same is False


@pytest.mark.parametrize(
    ("more", "fewer"),
    [
        (
            "Revenue fell 11% to €4.3bn in the first quarter, short of the €4.5bn average analyst forecast.",
            "Sales dropped by 11 percent to €4.3 billion.",
        ),
        ("The net loss came to €212m, against a profit of €95m a year earlier.", "a first-quarter loss of 212 million euros"),
        ("Air defences downed 97 of the drones and four missiles", "97 of the drones had been brought down before they hit"),
    ],
)
def test_clusters_a_claim_telling_one_figure_more_is_the_same_fact_in_its_story(more, fewer):
    """One outlet adds a figure the other leaves out (the forecast, last year's profit, the missiles): the figures
    both give, few facts share, make the two one fact within a story (each missed before: one side's extra figure
    outweighed them); across stories, no name anchors it."""
    assert likeness(signature(more), signature(fewer), same_story=True).same
    assert likeness(signature(fewer), signature(more), same_story=True).same
    assert not likeness(signature(more), signature(fewer)).same


def test_clusters_one_figure_more_is_still_a_veto_when_the_other_tells_another():
    """The shared figure does not outweigh one that differs: "four missiles" / "six missiles" stay two facts."""
    four = signature("Air defences downed 97 of the drones and four missiles")
    assert differ(four, signature("Air defences downed 97 of the drones and six missiles"), same_story=True)


def test_clusters_compare_the_same_movement_in_other_words_is_no_opposite():
    exports = signature("exports fell 11% to 4.3 billion euros"), signature("exports dropped by 11 percent to €4.3bn")
    assert compare(*exports, same_story=True).same


def test_clusters_compare_a_denied_claim_is_not_the_claim_asserted():
    asserted = make_claim(
        "its forces had targeted the terminal", cue="said", document="Officials said its forces had targeted the terminal."
    )
    denied = make_claim(
        "its forces had targeted the terminal", cue="denied", document="Officials denied its forces had targeted the terminal."
    )
    assert compare(claim_signature(asserted), claim_signature(denied), same_story=True).same is False
    assert compare(claim_signature(asserted), claim_signature(asserted), same_story=True).same is True


def _stored(store: ClaimStore, doc_id: str, document: str, text: str):
    claim = make_claim(text, doc_id=doc_id, document=document, source="Officials", cue="said")
    store.replace_documents({doc_id: [claim]}, cluster=True)
    return claim


def test_clusters_new_document_joins_the_cluster_of_the_same_fact_and_not_the_lookalike(tmp_path):
    store = ClaimStore(tmp_path / "claims.jsonl")
    wire = _stored(store, "wire", WIRE, WIRE[15:-1])
    _stored(store, "herald", HERALD, HERALD[15:-1])
    _stored(store, "lookalike", LOOKALIKE, LOOKALIKE[15:-1])
    clusters = {claim.doc_id: claim.cluster for claim in store}
    assert clusters == {"wire": wire.id, "herald": wire.id, "lookalike": clusters["lookalike"]}
    assert clusters["lookalike"] != wire.id


def test_clusters_reextracting_the_founding_document_keeps_the_cluster_id(tmp_path):
    store = ClaimStore(tmp_path / "claims.jsonl")
    wire = _stored(store, "wire", WIRE, WIRE[15:-1])
    _stored(store, "herald", HERALD, HERALD[15:-1])
    _stored(store, "wire", WIRE, WIRE[15:-1])  # the same words again
    assert {claim.cluster for claim in store} == {wire.id}
    store.remove("wire")
    _stored(store, "wire", WIRE, WIRE[15:-1])  # founder gone and back: the herald's copy kept the id
    assert {claim.cluster for claim in store} == {wire.id}


def test_clusters_a_stale_index_is_rebuilt_from_the_store(tmp_path):
    store = ClaimStore(tmp_path / "claims.jsonl")
    wire = _stored(store, "wire", WIRE, WIRE[15:-1])
    store.clusters_path.unlink()
    _stored(store, "herald", HERALD, HERALD[15:-1])
    assert [claim.cluster for claim in store] == [wire.id, wire.id]


def test_clusters_an_index_with_the_old_counting_triggers_is_rebuilt_without_them(tmp_path):
    """Signature version 18 kept each key's count in a table its triggers on the postings updated: an extract
    into a store with such an index drops them, rebuilds the index and clusters as if it had never been."""
    store = ClaimStore(tmp_path / "claims.jsonl")
    wire = _stored(store, "wire", WIRE, WIRE[15:-1])
    with contextlib.closing(sqlite3.connect(store.clusters_path)) as connection:
        connection.executescript(
            "CREATE TABLE key_counts (key TEXT PRIMARY KEY, claims INTEGER NOT NULL) WITHOUT ROWID;"
            "CREATE TRIGGER posting_added AFTER INSERT ON postings BEGIN"
            " INSERT INTO key_counts VALUES (NEW.key, 1) ON CONFLICT (key) DO UPDATE SET claims = claims + 1; END;"
            f"UPDATE meta SET value = replace(value, '[\"{sidecar.SIGNATURE_VERSION}\"', '[\"18\"') WHERE name = 'store';"
        )
    _stored(store, "herald", HERALD, HERALD[15:-1])
    _stored(store, "lookalike", LOOKALIKE, LOOKALIKE[15:-1])
    clusters = {claim.doc_id: claim.cluster for claim in store}
    assert clusters["herald"] == wire.id and clusters["lookalike"] != wire.id
    with contextlib.closing(sqlite3.connect(store.clusters_path)) as connection:
        left = connection.execute("SELECT name FROM sqlite_master WHERE name IN ('key_counts', 'posting_added')")
        assert left.fetchall() == []
        assert connection.execute("SELECT value FROM meta").fetchone()[0].startswith(f'["{sidecar.SIGNATURE_VERSION}"')


def test_clusters_signatures_made_ahead_give_the_same_clusters(tmp_path):
    documents = {doc_id: (text, text[15:-1]) for doc_id, text in (("wire", WIRE), ("herald", HERALD), ("lookalike", LOOKALIKE))}
    clusters = []
    for ahead in (None, SignedAhead()):
        store = ClaimStore(tmp_path / f"{ahead is None}" / "claims.jsonl")
        for doc_id, (document, content) in documents.items():
            claim = make_claim(content, doc_id=doc_id, document=document, source="Officials", cue="said")
            if ahead is not None:
                ahead.add(claim)
            store.replace_documents({doc_id: [claim]}, cluster=True, ahead=ahead)
        clusters.append([(claim.doc_id, claim.cluster) for claim in store])
    assert clusters[0] == clusters[1]
    assert len(ahead) == 0  # each signature used, and let go


def test_clusters_a_signature_made_ahead_for_other_words_is_made_again():
    ahead = SignedAhead()
    claim = make_claim(HERALD[15:-1], document=HERALD, source="Officials", cue="said")
    ahead.add(claim)
    same_id_other_words = make_claim(LOOKALIKE[15:-1], document=LOOKALIKE, source="Officials", cue="said").model_copy(
        update={"id": claim.id}
    )
    assert ahead.signature(same_id_other_words) == claim_signature(same_id_other_words)
    assert ahead.signature(same_id_other_words) != claim_signature(claim)


def test_clusters_signatures_made_ahead_are_bounded():
    ahead = SignedAhead(limit=1)
    ahead.add(make_claim(WIRE[15:-1], doc_id="wire", document=WIRE, cue="said"))
    ahead.add(make_claim(HERALD[15:-1], doc_id="herald", document=HERALD, cue="said"))
    assert len(ahead) == 1


def _said(store: ClaimStore, doc_id: str, content: str):
    return _stored(store, doc_id, f"Officials said {content}.", content)


@pytest.mark.parametrize("read_cache", [1024, 1])
def test_clusters_two_outlets_copy_joins_and_a_revised_toll_stays_apart(tmp_path, monkeypatch, read_cache):
    """The same clusters whether the index's signatures are read again for each claim (a cache of one) or kept."""
    monkeypatch.setattr(sidecar, "READ_CACHE", read_cache)
    store = ClaimStore(tmp_path / "claims.jsonl")
    first = _said(store, "wire", "air defences shot down 97 of the drones launched at the port overnight")
    _said(store, "daily", "air defences had shot down 97 of the drones launched at the port overnight")  # wire copy
    _said(store, "toll", "at least 14 people were killed in the attack on the port")
    _said(store, "evening", "the number of people killed in the attack on the port had risen to 19")
    clusters = {claim.doc_id: claim.cluster for claim in store}
    assert clusters["daily"] == first.id
    assert clusters["evening"] != clusters["toll"]


def _article(store: ClaimStore, doc_id: str, contents: list[str], published: str | None = None) -> list:
    """One document of several "Officials said ...". sentences, its claims stored (and clustered) at once, with
    its text and the day it was ``published`` (if given) as extract stores them."""
    claims, record = officials_said(doc_id, contents, published=published)
    store.replace_documents({doc_id: claims}, [record], cluster=True)
    return claims


STRIKE = [
    "a drone strike on the Halvik ferry terminal in Morrow killed 23 people",
    "Ana Brask would ask the allies for more air defences",
]


def test_clusters_within_one_story_a_paraphrase_joins_but_a_revised_toll_or_a_negation_does_not(tmp_path):
    """Two outlets telling the same story (the same rare names and figures): a paraphrase joins, which it
    would not in an article about something else; the story's look-alikes do not."""
    store = ClaimStore(tmp_path / "claims.jsonl")
    _, ask, _ = _article(store, "wire", [*STRIKE, "the ferry terminal had no military use"])
    _, request, purpose = _article(
        store,
        "daily",
        [
            "23 people were killed when a drone hit the Halvik ferry terminal in Morrow",
            "Ana Brask would request more air defences from the allies",
            "the terminal served no military purpose",
        ],
    )
    toll, _, military = _article(
        store,
        "tribune",
        [
            "the toll from the drone strike on the Halvik terminal in Morrow had risen to 31",
            "Ana Brask would ask the allies for more air defences",
            "the terminal served a military purpose",
        ],
    )
    clusters = {claim.id: claim.cluster for claim in store}
    assert clusters[request.id] == ask.id
    assert clusters[toll.id] == toll.id  # 31 killed is not 23 killed
    assert clusters[military.id] == military.id  # "a military purpose" says the opposite
    assert clusters[military.id] != clusters[purpose.id]

    # The same paraphrase in an article about something else: its likeness alone is not enough.
    other = ClaimStore(tmp_path / "other.jsonl")
    _article(other, "wire", STRIKE)
    _, elsewhere = _article(
        other, "talks", ["the talks in Vesk ended without a deal", "Ana Brask would request more air defences from the allies"]
    )
    assert {claim.id: claim.cluster for claim in other}[elsewhere.id] == elsewhere.id


@pytest.mark.watches_clustering
@pytest.mark.parametrize("enabled", [True, False])
def test_clusters_the_collector_pauses_while_claims_are_clustered_and_resumes_as_it_was(tmp_path, monkeypatch, enabled):
    """Clustering leaves no garbage in cycles, and the collector's walks of the whole heap cost a fifth of its
    CPU: paused while a store step clusters, then as it was, after an error too."""
    seen = collector_states(monkeypatch, assign)
    store = ClaimStore(tmp_path / "claims.jsonl")
    was = gc.isenabled()
    try:
        if not enabled:
            gc.disable()
        _article(store, "wire", STRIKE)
        assert seen == [False] and gc.isenabled() is enabled
        monkeypatch.setattr(assign, "document_clusters", lambda *args, **kwargs: 1 / 0)
        with pytest.raises(ZeroDivisionError):
            _article(store, "daily", ["23 people were killed when a drone hit the Halvik ferry terminal in Morrow"])
        assert gc.isenabled() is enabled
    finally:
        if was:
            gc.enable()


PARAPHRASE = "Ana Brask would request more air defences from the allies"
DAILY = ["23 people were killed when a drone hit the Halvik ferry terminal in Morrow", PARAPHRASE]


@pytest.mark.parametrize("edited_first", [True, False])
@pytest.mark.parametrize(("daily_day", "joins"), [("2026-03-02", True), ("2026-04-15", False)])
@pytest.mark.parametrize("index", ["fresh", "rebuilt"])
def test_clusters_an_edited_document_extracted_again_with_its_story_keeps_joining_its_copies(
    tmp_path, edited_first, daily_day, joins, index
):
    """Documents extracted again together (`extract DIR --force`, or two edited files in one call): an edited
    article, whose claims all moved, still joins the clusters of the other outlets' copies, whichever of them
    comes first in the batch, and whether the cluster index is the store's or is rebuilt from it (the store
    copied, say); and the days they were published still tell two stories apart."""
    store = ClaimStore(tmp_path / "claims.jsonl")
    _article(store, "wire", STRIKE, published="2026-03-01")
    _, request = _article(store, "daily", DAILY, published=daily_day)
    if index == "rebuilt":
        store.clusters_path.unlink()
    edited = officials_said("wire", ["the port reopened on Monday", *STRIKE], published="2026-03-01")  # a sentence added first
    unchanged = officials_said("daily", DAILY, published=daily_day)
    batch = [("wire", edited), ("daily", unchanged)] if edited_first else [("daily", unchanged), ("wire", edited)]
    store.replace_documents({doc_id: claims for doc_id, (claims, _) in batch}, [record for _, (_, record) in batch], cluster=True)
    ask = next(claim for claim in store if claim.doc_id == "wire" and claim.text == STRIKE[1])
    assert ({claim.id: claim.cluster for claim in store}[request.id] == ask.cluster) is joins


@pytest.mark.parametrize(
    ("wire_day", "daily_day", "joins"),
    [
        ("2026-03-01", "2026-03-03", True),  # the next days' coverage: one story
        ("2026-03-01T09:30:00+02:00", "2026-03-08", True),  # a week on, with a time of day given
        ("2026-03-01", "2026-04-15", False),  # the same names six weeks later: another story
        (None, "2026-04-15", True),  # an undated page (plain text) is matched as before
    ],
)
def test_clusters_documents_published_weeks_apart_tell_two_stories(tmp_path, wire_day, daily_day, joins):
    """Live updates of two primary nights name the same people and places: only the days tell them apart. The
    paraphrase joins the wire's claim only as part of one story."""
    store = ClaimStore(tmp_path / "claims.jsonl")
    _, ask = _article(store, "wire", STRIKE, published=wire_day)
    _, request = _article(store, "daily", DAILY, published=daily_day)
    clusters = {claim.id: claim.cluster for claim in store}
    assert (clusters[request.id] == ask.id) is joins


def test_clusters_a_rebuilt_index_reads_every_documents_day_again(tmp_path):
    """The cluster index is a cache: rebuilt from the store, it knows the days of the documents stored before."""
    store = ClaimStore(tmp_path / "claims.jsonl")
    _article(store, "wire", STRIKE, published="2026-03-01")
    store.clusters_path.unlink()
    _, request = _article(store, "daily", DAILY, published="2026-04-15")
    assert {claim.id: claim.cluster for claim in store}[request.id] == request.id


@pytest.mark.parametrize(
    ("stored_day", "corrected_day", "joins"), [("2026-03-01", "2026-04-14", True), ("2026-04-14", "2026-03-01", False)]
)
def test_clusters_a_documents_corrected_date_is_the_day_later_documents_are_matched_by(
    tmp_path, stored_day, corrected_day, joins
):
    """A date corrected in a document's details (`extract` again, same words): the cluster index kept the old day,
    so a later article of the same story was told apart from it, or one of another story was not."""
    store = ClaimStore(tmp_path / "claims.jsonl")
    _, ask = _article(store, "wire", STRIKE, published=stored_day)
    store.update_details([officials_said("wire", STRIKE, published=corrected_day)[1]])
    _, request = _article(store, "daily", DAILY, published="2026-04-15")
    assert ({claim.id: claim.cluster for claim in store}[request.id] == ask.id) is joins


def test_clusters_sidecar_keeps_the_days_documents_were_published_until_they_are_forgotten(tmp_path):
    store = ClaimStore(tmp_path / "claims.jsonl")
    _article(store, "wire", STRIKE, published="2026-03-01T09:30:00Z")
    _article(store, "daily", DAILY)
    connection = sidecar._connect(store.clusters_path)
    try:
        index = sidecar.SqliteIndex(connection)
        assert index.published(["wire", "daily", "nowhere"]) == {"wire": datetime.date(2026, 3, 1)}
        index.forget_documents(["wire"])
        assert index.published(["wire"]) == {}
        many = {f"page-{n}": datetime.date(2026, 1, 1) + datetime.timedelta(days=n % 300) for n in range(1200)}
        index.date_documents(many)
        assert index.published(many) == many  # more documents than one SQL statement takes
    finally:
        connection.close()


# One outlet's headline and body state one fact in words too far apart to join each other's cluster (they are of
# one document), until another outlet's sentence is very likely the fact of both: the two clusters are one.
MARKETS = [
    "Corvane shares rose 12 percent on Thursday after the Lumetrin trial data",
    "shares in Corvane Pharmaceuticals jumped 12% on Thursday on the Lumetrin results",
]
MARKETS_WIRE = ["shares of Corvane Pharmaceuticals rose 12 percent on Thursday after the Lumetrin trial results"]


def test_clusters_a_claim_of_the_fact_of_two_clusters_merges_them_in_the_store_written_before(tmp_path):
    store = ClaimStore(tmp_path / "claims.jsonl")
    # A line of characters of several bytes before them: lines are patched at byte offsets.
    _article(store, "earlier", ["the company’s chief executive – Åsa Lindqvist – was not available"])
    headline, body = _article(store, "markets", MARKETS)
    assert [claim.cluster for claim in store][1:] == [headline.id, body.id]
    [wire] = _article(store, "wire", MARKETS_WIRE)
    merged = {claim.id: claim.cluster for claim in store if claim.doc_id != "earlier"}
    assert len(set(merged.values())) == 1
    assert merged[wire.id] in (headline.id, body.id)
    # The lines of the earlier save were patched where they lie: the id index still finds each claim there,
    # every line is as claimtrack writes it, and a later copy joins the merged cluster.
    assert store.get(body.id).cluster == merged[body.id]
    assert check_store(store) == []
    assert sorted(store.path.read_text(encoding="utf-8").splitlines()) == sorted(dump_record(claim) for claim in store)
    [late] = _article(store, "late", ["Corvane Pharmaceuticals shares rose 12 percent on Thursday after the Lumetrin data"])
    assert store.get(late.id).cluster == merged[wire.id]


def test_clusters_a_cluster_with_a_differing_figure_is_not_merged(tmp_path):
    store = ClaimStore(tmp_path / "claims.jsonl")
    headline, body = _article(store, "markets", [MARKETS[0], MARKETS[1].replace("12%", "15%")])
    _article(store, "wire", MARKETS_WIRE)  # joins the headline; the body's 15% keeps its cluster apart
    assert store.get(body.id).cluster == body.id
    assert {claim.cluster for claim in store} == {headline.id, body.id}


def test_clusters_a_merge_whose_line_is_not_as_written_changes_nothing(tmp_path, monkeypatch):
    """Should a line not end in the cluster the merge expects, the extract fails whole: store and index as before."""
    store = ClaimStore(tmp_path / "claims.jsonl")
    _article(store, "markets", MARKETS)
    before = store.path.read_bytes(), store.clusters_path.read_bytes()
    moved = sidecar.Assignment.moved

    def written_otherwise(self):
        return {claim_id: ("000000000000", now) for claim_id, (_, now) in moved(self).items()}

    monkeypatch.setattr(sidecar.Assignment, "moved", written_otherwise)
    with pytest.raises(StoreError, match="does not end in its cluster"):
        _article(store, "wire", MARKETS_WIRE)
    assert (store.path.read_bytes(), store.clusters_path.read_bytes()) == before


def test_clusters_choose_names_the_clusters_to_merge_and_merges_nothing_itself():
    index = MemoryIndex()
    claims, _ = officials_said("markets", MARKETS)
    index.add(Indexed(claim.id, "markets", claim.id, claim_signature(claim)) for claim in claims)
    [wire], _ = officials_said("wire", MARKETS_WIRE)
    choice = choose(claim_signature(wire), "wire", index)
    assert {choice.cluster, *choice.merged} == {claim.id for claim in claims}
    assert {index.resolve(claim.id) for claim in claims} == {claim.id for claim in claims}


def test_clusters_a_merge_renames_an_orphaned_claims_cluster_too(tmp_path):
    """An annotated claim whose words left its document is kept, unindexed: a merge of its cluster takes it along."""
    store = ClaimStore(tmp_path / "claims.jsonl")
    headline, body = "Corvane stock climbed on Thursday", MARKETS_WIRE[0]
    about = "Lumetrin was developed by Corvane with Tessaly University for Halvik disease"  # makes the two one story
    first, second, _ = _article(store, "markets", [headline, body, about])
    [copy] = _article(store, "daily", [headline])
    assert store.get(copy.id).cluster == first.id
    store.annotate(copy.id, status=Status.false)
    _article(store, "daily", ["the Lumetrin results were published in a journal"])  # the copy's words are gone
    assert store.get(copy.id).orphaned
    # Nearer the body than the headline: the headline's cluster, the orphan's, is merged into the body's.
    _article(store, "wire", ["Corvane stock climbed 12% on Thursday on the Lumetrin results", about])
    assert store.get(first.id).cluster == store.get(copy.id).cluster == second.id
    assert check_store(store) == []


def test_clusters_a_merge_into_a_store_without_orphans_does_not_read_it_for_them(tmp_path, monkeypatch):
    """The id index counts the orphans of the store it vouches for: with none, a merge on an append does not read
    every line of the store looking for them."""
    from claimtrack.store import claims as store_claims

    store = ClaimStore(tmp_path / "claims.jsonl")
    headline, body = "Corvane stock climbed on Thursday", MARKETS_WIRE[0]
    about = "Lumetrin was developed by Corvane with Tessaly University for Halvik disease"
    first, second, _ = _article(store, "markets", [headline, body, about])
    _article(store, "daily", [headline])
    assert store.index.orphans() == 0
    scans: list[object] = []
    monkeypatch.setattr(store_claims, "_orphan_clusters", lambda path: scans.append(path) or {})
    _article(store, "wire", ["Corvane stock climbed 12% on Thursday on the Lumetrin results", about])
    assert store.get(first.id).cluster == second.id and scans == []  # merged, and the store not read for orphans


def test_clusters_clusters_with_more_pairs_than_are_compared_are_not_merged(tmp_path, monkeypatch):
    monkeypatch.setattr(assign, "MERGE_CHECKS", 0)  # every pair of clusters too large to compare pairwise
    store = ClaimStore(tmp_path / "claims.jsonl")
    headline, body = _article(store, "markets", MARKETS)
    _article(store, "wire", MARKETS_WIRE)
    assert store.get(headline.id).cluster != store.get(body.id).cluster


def test_clusters_a_specific_figure_alone_makes_a_candidate_but_a_round_or_small_one_does_not():
    """Two outlets' words for one request share nothing but "$240 million": a candidate. "Hundreds of people"
    and "100 delegates" (both read as 100), or "two" twice, are no reason to compare two claims."""
    index = MemoryIndex()
    index.add([Indexed("w-0", "wire", "w-0", signature("she would seek $240m from Washington to help the county recover"))])
    index.add([Indexed("d-0", "daily", "d-0", signature("Trump has won 100 delegates so far"))])
    index.add([Indexed("r-0", "radio", "r-0", signature("two people were injured in Ostby"))])

    def found(text: str) -> list[str]:
        return [entry.id for entry in candidates(signature(text), "new", index)]

    assert found("she would ask the federal government for $240 million in disaster aid") == ["w-0"]
    assert found("Hundreds of people are gathered in a ballroom") == []
    assert found("two soldiers died on the motorway") == []


@pytest.mark.parametrize(
    "a, b, apart",
    [
        (
            "it would cost Vostrelia about €9 billion a year",
            "it would cost Vostrelia some $9.7 billion a year",
            False,
        ),
        ("the loan is worth 45 billion euros", "the loan is worth $52bn", False),
        (
            "it would cost Vostrelia about €9 billion a year",
            "it would cost Vostrelia some $15 billion a year",
            True,
        ),
        (
            "it would cost Vostrelia about €9 billion a year",
            "it would cost Vostrelia some 9.5 billion roubles a year",
            True,
        ),
    ],
)
def test_clusters_differ_one_sum_in_two_currencies_is_no_difference(a, b, apart):
    """Each writer converts a sum at their own rate: dollars and euros within the band of rates are no veto."""
    assert differ(signature(a), signature(b)) is apart
    assert differ(signature(b), signature(a)) is apart


@pytest.mark.parametrize(
    "restating, other, apart",
    [
        ("the bloc pledged €60 million ($65 million) over two years", "the bloc pledged sixty million euros", False),
        ("the bloc pledged €60 million ($65 million)", "the bloc pledged 60 million euros over two years", False),
        ("the bloc pledged €60 million ($65 million)", "the bloc pledged 80 million euros over two years", True),
    ],
)
def test_clusters_differ_a_sum_restated_in_another_currency_is_no_particular_of_its_own(restating, other, apart):
    """A wire story's "€60 million ($65 million)" adds no figure to "60 million euros": the dollars are the
    same sum, converted for the reader, and do not set the two apart from a claim with a figure of its own."""
    assert differ(signature(restating), signature(other)) is apart
    assert differ(signature(other), signature(restating)) is apart


@pytest.mark.parametrize(
    "restating, other",
    [
        ("The licences are worth 2.6 billion crowns (230 million euros).", "Their combined value is 2.6 billion crowns."),
        ("The licences are worth 2.6 billion crowns (230 million euros).", "Together they are worth about 230 million euros."),
        ("The fine is 9.6 billion zenars (about €1.2 billion).", "The regulator fined it €1.2bn."),
    ],
)
def test_clusters_a_figure_restated_in_brackets_in_other_units_is_one_figure(restating, other):
    """ "2.6 billion crowns (230 million euros)" states one sum in two currencies, whatever their rate: either
    alone is the same figure, and in one story the two claims are one fact."""
    assert not differ(signature(restating), signature(other))
    assert likeness(signature(restating), signature(other), same_story=True).same
    assert likeness(signature(other), signature(restating), same_story=True).same


@pytest.mark.parametrize(
    "a, b, apart",
    [
        ("Thermometers in the capital read 41 degrees.", "The capital was hotter still, at 106 F (41 C).", False),
        ("Thermometers in the capital read 41 degrees.", "The capital reached 41C.", False),
        ("Thermometers in the capital read 41 degrees.", "The capital reached 39C.", True),
        ("Thermometers in the capital read 41 degrees.", "Thermometers in the capital read 39 degrees.", True),
    ],
)
def test_clusters_a_temperature_on_no_scale_is_either_scales(a, b, apart):
    assert differ(signature(a), signature(b)) is apart
    assert differ(signature(b), signature(a)) is apart


@pytest.mark.parametrize("written", ["at 4:15 a.m.", "at 04:15", "at 4.15am", "at 4:15 AM", "at 4.15 GMT"])
def test_clusters_a_time_of_day_is_one_time_however_it_is_written(written):
    assert "time:04:15" in signature(f"The building was hit {written} on Friday.").dates


def test_clusters_a_time_of_day_is_a_blocking_key_and_its_hour_no_figure():
    early = signature("The blockade began at 6am on Monday.")
    assert "time:06:00" in early.keys
    assert not early.numbers
    assert "time:06:00" in signature("The blockade came into force at 06:00 local time on Monday.").keys


def test_clusters_two_times_of_day_are_no_veto_but_a_share_written_as_a_fraction_is_a_figure():
    assert not differ(signature("The building was hit at 4:15 a.m."), signature("The building was hit shortly after 4am."))
    assert not signature("The vote was 3-2 with a score of 2:1.").dates
    assert not signature("Diesel was trading at 4.20 euros a litre on Tuesday.").dates - {"day:tuesday"}
    assert differ(signature("It has shed almost a sixth of its value."), signature("It has shed 13% of its value."))


@pytest.mark.parametrize(
    ("a", "b", "apart"),
    [
        # "Within a day" is a span of 24 hours, so the five men are the one figure told more.
        ("he expected to reach the five men within a day", "he hoped to reach them within 24 hours", False),
        (
            "sensors had recorded methane above the legal limit of 1% on at least four days in August",
            "sensors had logged methane levels above the legal limit on four or more days in August",
            False,
        ),
        ("the strike would last for a week", "the strike would last for a month", True),
    ],
)
def test_clusters_one_span_written_with_a_is_a_duration(a, b, apart):
    assert differ(signature(a), signature(b), same_story=True) is apart


def test_clusters_a_time_of_day_after_about_is_no_figure():
    """ "At about 8.50 a.m." was an amount "about 8.50" beside the time, a figure the other claim lacked."""
    assert not signature("The missiles struck at about 8.50 a.m.").numbers
    assert not differ(
        signature("The missiles struck at about 8.50 a.m."),
        signature("Two ballistic missiles struck the junction shortly before 9 a.m."),
        same_story=True,
    )
    assert not signature("the drones hit the plant at around 2 a.m. local time").numbers


def test_clusters_points_after_other_words_are_what_the_claim_counts():
    """ "Five crossing points" counts crossings; it was read as five percentage points, a figure "five crossings"
    lacked."""
    assert signature("Five crossing points on the border are open.").numbers == {"5"}
    assert not differ(signature("Five crossing points on the border are open."), signature("Only five crossings are open."))
    assert signature("the party fell 1.5 points in the poll").numbers == {"1.5pt"}


def test_clusters_a_first_word_the_other_writes_in_lower_case_is_no_other_name():
    """ "Parliament", first and capitalised, is the "parliament" of the other claim, not a name that replaces
    "Ostmere"; a country first is still another country."""
    ratified = signature("The contract still has to be ratified by Ostmere's parliament.")
    assert not differ(ratified, signature("Parliament must still ratify the contract."), same_story=True)
    ukraine, russia = signature("Ukraine shot down 30 drones overnight"), signature("Russia shot down 30 drones overnight")
    assert differ(ukraine, russia, same_story=True)


def test_clusters_a_figure_restated_in_brackets_still_differs_from_another_figure():
    restating = "The licences are worth 2.6 billion crowns (230 million euros)."
    assert differ(signature(restating), signature("The licences are worth 3.1 billion crowns."))
    assert differ(signature(restating), signature("The licences are worth 270 million euros."))


@pytest.mark.parametrize(
    "a, b, apart",
    [
        ("the drone was 28 nautical miles offshore", "the drone was 52 km offshore", False),
        ("the drone was 28 nautical miles offshore", "the drone was 45 km offshore", True),
        ("it was cruising at around 49,000 feet", "it was flying at 15,000 metres", False),
        ("it was cruising at around 49,000 feet", "it was flying at 6,500m", True),
    ],
)
def test_clusters_differ_measures_in_feet_and_nautical_miles_are_converted(a, b, apart):
    """An altitude in feet is one in metres, and a distance at sea in nautical miles (1.852 km, not a land
    mile's 1.609) one in kilometres, within the rounding of the writer's conversion."""
    assert differ(signature(a), signature(b)) is apart


@pytest.mark.parametrize(
    "levels, change, apart",
    [
        ("the bank raised its key rate to 14.5 percent from 11.5 percent", "it raised the rate by 300bp to 14.5%", False),
        ("the bank raised its key rate to 14.5% from 11.5%", "by three percentage points, to 14.5%", False),
        ("the bank raised its key rate to 14.5% from 11.5%", "by two percentage points, to 14.5%", True),
        ("the bank raised its key rate to 14.5% from 11.5%", "by three percentage points, to 9.5%", True),
    ],
)
def test_clusters_differ_a_move_told_by_its_levels_or_by_its_size_is_one_move(levels, change, apart):
    """ "to 14.5% from 11.5%" and "by three points, to 14.5%" state one move: each side's other figure is the
    other's, told another way; a move of another size, or to another level, is another fact."""
    assert differ(signature(levels), signature(change)) is apart
    assert differ(signature(change), signature(levels)) is apart


def test_clusters_signature_the_two_of_a_known_pair_is_no_figure():
    """ "The two sides" and "the country's two main parties" refer to a pair, and state no count; two people
    killed, two percent and two days are figures."""
    assert signature("the two sides agreed to swap 500 prisoners each").numbers == {"500"}
    assert not signature("the country's two main parties walked out").numbers
    assert signature("two people were killed").numbers == {"2"}
    assert signature("the two percent rise").numbers == {"2%"}
    swap = signature("the two sides agreed to swap 500 prisoners each")
    assert not differ(swap, signature("a thousand prisoners are to be freed, 500 by each side"))
