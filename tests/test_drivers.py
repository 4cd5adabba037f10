"""The drivers' facts as chapters quote them (kztm.themes.drivers) on the committed context_facts table."""

import pytest

from kztm.data import load_dataset
from kztm.themes.drivers import DRIVERS, FactError, fact, facts_of, sources_by_tier


@pytest.fixture(scope="module")
def facts():
    return load_dataset("context_facts")


def test_every_driver_has_facts_and_every_fact_a_known_driver(facts):
    assert set(facts.driver) == set(DRIVERS)
    for driver in DRIVERS:
        assert len(facts_of(facts, driver)) >= 3


def test_a_fact_carries_value_source_tier_and_date_at_its_precision(facts):
    row = facts[facts.value.notna()].iloc[0]
    got = fact(facts, row.fact_id)
    assert got.value == pytest.approx(float(row.value)) and got.unit == row.unit
    assert got.source_name == row.source_name and got.source_tier in ("primary", "agency", "research")
    precision = {"year": 4, "month": 7, "day": 10}[row.date_precision]
    assert len(got.date) == precision
    glued = got.glue_values("x")
    assert glued["x_value"] == got.value and glued["x_source"] == row.source_name


def test_a_fact_without_a_value_glues_no_number(facts):
    row = facts[facts.value.isna()].iloc[0]
    assert "x_value" not in fact(facts, row.fact_id).glue_values("x")


def test_unknown_ids_and_drivers_are_named(facts):
    with pytest.raises(FactError, match="'ZZZ99'"):
        fact(facts, "ZZZ99")
    with pytest.raises(FactError, match="'weather'"):
        facts_of(facts, "weather")


def test_tiers_are_counted(facts):
    counts = sources_by_tier(facts)
    assert sum(counts.values()) == len(facts) and set(counts) <= {"primary", "agency", "research"}


def test_dated_glue_values_give_each_fact_its_date_in_words_with_the_right_preposition(facts):
    from kztm.themes.drivers import dated_glue_values

    dated = facts[facts.date.notna()]
    by_precision = {p: dated[dated.date_precision == p].fact_id.iloc[0] for p in ("day", "year")}
    values = dated_glue_values(facts, list(by_precision.values()))
    day, year = (by_precision[p].lower() for p in ("day", "year"))
    assert values[f"{day}_when"] == f"on {values[f'{day}_words']}" and values[f"{day}_words"][0].isdigit()
    assert values[f"{year}_when"] == f"in {values[f'{year}_date']}" == f"in {values[f'{year}_words']}"
    assert values[f"{day}_source"] == fact(facts, by_precision["day"]).source_name
    with pytest.raises(FactError, match="NOPE"):
        dated_glue_values(facts, ["NOPE"])
