"""Numbers in a claim's text: claimtrack.quantities.find_quantities, on sentences written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimtrack import quantities
from claimtrack.models import Bound, Quantity, QuantityKind
from claimtrack.quantities import find_quantities, singular

CASES = Path(__file__).parent / "data" / "quantities.jsonl"


def _cases() -> list[tuple[str, list[dict]]]:
    with CASES.open(encoding="utf-8") as handle:
        return [(row["text"], row["quantities"]) for row in map(json.loads, handle)]


def _as_expected(quantity: Quantity, expected: dict) -> dict:
    """The fields ``expected`` names, read from ``quantity``; unnamed ones must hold their defaults."""
    data = quantity.model_dump(mode="json", exclude={"start", "end"})
    defaults = {"kind": "amount", "value": None, "unit": None, "bound": "exact", "per": None, "period": None, "date": None}
    return {key: data[key] for key in data if key in expected or data[key] != defaults[key]}


@pytest.mark.parametrize("text, expected", _cases(), ids=[text[:40] for text, _ in _cases()])
def test_quantities_found_as_written(text, expected):
    found = find_quantities(text)
    assert [_as_expected(q, e) for q, e in zip(found, expected)] == expected
    assert len(found) == len(expected)


@pytest.mark.parametrize("text", [text for text, expected in _cases() if expected])
def test_quantities_offsets_index_the_text(text):
    for quantity in find_quantities(text):
        assert text[quantity.start : quantity.end] == quantity.text


@pytest.mark.parametrize(
    "one, other",
    [
        ("at least 11,000 soldiers", "more than eleven thousand soldiers"),
        ("$22 billion", "22 billion dollars"),
        ("11k soldiers", "11,000 soldiers"),
        ("US$2,000 a month", "$2000 each month"),
        ("on Feb. 24, 2022", "on 24 February 2022"),
        ("raised rates by 25 basis points", "raised rates by a quarter of a percentage point"),
        ("a cut of 50bp", "a cut of 0.5 percentage points"),
        ("half a percentage point", "50 basis points"),
        ("5.8 per cent", "5.8%"),
        ("Two hundred and five soldiers came home", "205 soldiers came home"),
        ("three hundred and twenty-five cases", "325 cases"),
        ("some two thousand six hundred people", "some 2,600 people"),
        ("two million five hundred thousand people", "2.5 million people"),
        ("nine and a half million litres", "9.5 million litres"),
        ("310m crowns in damages", "310 million crowns in damages"),
        ("a margin of 3-4%", "a margin of 3% to 4%"),
        ("a margin of 3 to 4 percent", "a margin of between 3% and 4%"),
        ("$3-4bn", "$3bn-$4bn"),
        ("almost two in five households", "almost 40% of households"),
        ("one in four adults", "25 percent of adults"),
        ("two in every five megawatts", "40% of megawatts"),
        ("three out of five voters", "60 percent of voters"),
        ("almost a sixth of its value", "almost 16.6667% of its value"),
        ("30,000 metric tons of wheat", "30,000 tonnes of wheat"),
        ("phased in over half a year", "phased in over 0.5 years"),
        ("reached 47.3 degrees Celsius", "reached 47.3C"),
        ("reached 47.3°C", "reached 47.3 degrees C"),
        # A scale's letter apart from its figure, where the temperature is converted in brackets.
        ("at 106 F (41 C)", "at 106°F (41°C)"),
        ("its last 750-kilovolt line", "its last 750 kV line"),
        # Units as reports abbreviate them, and singular after a hyphen.
        ("cleared 38,000 ha of farmland", "cleared 38,000 hectares of farmland"),
        ("a 5-hectare plot", "a plot of 5 hectares"),
        ("12 km2 of forest", "12 square kilometres of forest"),
        ("12 km² of forest", "12 sq km of forest"),
        ("800 m³ of ammonia", "800 cubic metres of ammonia"),
        ("800 m3 of ammonia", "800 cubic meters of ammonia"),
        ("a reservoir of 14 km³", "a reservoir of 14 cubic kilometres"),
        ("a reservoir of 14 km3", "a reservoir of 14 cubic kilometers"),
        ("a 40-metre wall", "a wall of 40 metres"),
        ("180,000 litres of water", "180,000 liters of water"),
        # An "m" written onto a figure: millions of things counted, metres otherwise.
        ("2m people fled", "2 million people fled"),
        ("at 15,000m.", "at 15,000 metres."),
        ("a 40m wall", "a 40-metre wall"),
        ("cruising at 49,000 feet", "cruising at 49,000 ft"),
        # "nm" is nautical miles at sea and in the air, nanometres beside a chip or light.
        ("dragged its anchor 12nm", "dragged its anchor 12 nautical miles"),
        ("a 7nm chip", "a 7-nanometre chip"),
        # An "m" with nothing it measures is a million; a dimension makes it metres.
        ("Sales reached 2.17m.", "Sales reached 2.17 million."),
        ("He is 2.17m tall.", "He is 2.17 metres tall."),
        ("The wall is 3-4m high.", "The wall is 3 to 4 metres high."),
    ],
)
def test_quantities_same_figure_same_key(one, other):
    assert [q.key for q in find_quantities(one)] == [q.key for q in find_quantities(other)]


@pytest.mark.parametrize(
    "one, other",
    [
        ("11,000 soldiers", "12,000 soldiers"),
        ("$22 billion", "€22 billion"),
        ("in 2023", "in 2024"),
        ("40%", "40 soldiers"),
        ("800 cubic metres", "800 metres"),
        ("12 km2", "12 km"),
        ("a quarter of a percentage point", "a quarter of the votes"),
        ("25 basis points", "25 percent"),
        # Two figures, not a range: the first keeps its own unit and scale.
        ("Revenue fell 11% to 4.3 billion euros", "Revenue fell 11 billion euros to 4.3 billion euros"),
        ("a 310m bridge", "a 310 million bridge"),
        # A change and the level it reaches: the 4.5 is no change in points.
        ("raised by 25 basis points to 4.5", "raised by 25 basis points to 4.5 percentage points"),
        # A range's end written whole keeps its value; a counted noun is no unit for both ends of a score.
        ("investing $500,000 to more than $1 million", "investing $500 billion to more than $1 million"),
        ("voted 19-15 along party lines", "voted 19 lines to 15 along party lines"),
        # A bare "degrees" names no scale; a lone capital C after a space is no scale's letter.
        ("about 40 degrees", "about 40°C"),
        ("won 3 C", "won 3°C"),
        ("won 3 C (three B)", "won 3°C (three B)"),
        # One event in ten days is no share.
        ("1 in 10 days", "10% days"),
        ("for a sixth time", "for 16.6667% time"),
        # The sea's miles are nautical.
        ("28 nautical miles", "28 miles"),
        ("anchored 12nm off the coast", "12nm chips"),
    ],
)
def test_quantities_different_figures_differ(one, other):
    assert [q.key for q in find_quantities(one)] != [q.key for q in find_quantities(other)]


def test_quantities_dates_are_not_amounts():
    found = find_quantities("In 2022 the army had 2000 soldiers.")
    assert [(q.kind, q.value, q.unit) for q in found] == [
        (QuantityKind.date, None, None),
        (QuantityKind.amount, 2000, "soldier"),
    ]


def test_quantities_describe_reads_as_a_figure():
    (pay,) = find_quantities("Moscow pays at least $2,000 per soldier each month.")
    assert pay.describe() == "at least 2000 USD per soldier each month"
    assert pay.bound is Bound.at_least
    (share,) = find_quantities("Two-thirds of the budget")
    assert share.describe() == "66.6667 percent"


@pytest.mark.parametrize("plural, one", [("soldiers", "soldier"), ("bodies", "body"), ("people", "person"), ("taxes", "tax")])
def test_quantities_singular(plural, one):
    assert singular(plural) == one


def test_quantities_model_refuses_an_amount_without_value():
    with pytest.raises(ValueError, match="an amount needs a value"):
        Quantity(text="some", start=0, end=4)


def test_quantities_no_numbers_no_work():
    assert find_quantities("The talks went on for hours, officials said.") == []


def test_quantities_each_sentence_of_a_long_text_read_alike():
    sentence = "Some 420 drones and 39 missiles hit eight regions on Feb. 24, 2022. "
    found = find_quantities(sentence * 50)
    assert len(found) == 200
    assert {q.key for q in found} == {q.key for q in find_quantities(sentence)}


def _word_tables() -> set[str]:
    """Every word the scanner's tables name (numbers, scales, months, units, stop words ...)."""
    tables = [
        table for name, table in vars(quantities).items() if name.startswith("_") and isinstance(table, (dict, set, frozenset))
    ]
    return {word for table in tables for word in table if isinstance(word, str) and word.isalpha()} | set(quantities._STOP)


@pytest.mark.parametrize(
    "context", ["{} of the people", "{} 5, 2024", "{} a percentage point", "{}-thirds of them", "{} million", "{} 40"]
)
def test_quantities_readings_start_only_where_the_scanner_tries_them(context):
    """The scanner skips the tokens _may_start rules out: no date or amount may start at one of them."""
    for word in sorted(_word_tables()):
        for form in (word, word.capitalize(), word.upper()):
            scanner = quantities._Scanner(context.format(form))
            if scanner._date_at(0) or scanner._amount_at(0):
                assert scanner._may_start(0), form
