"""The drivers' facts as chapters quote them (kztm.themes.drivers) on the committed context_facts table."""

import pandas as pd
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


def test_dated_fact_values_give_each_date_in_words_with_the_right_preposition(facts):
    import pandas as pd

    from kztm.themes.drivers import dated_fact_values

    by_precision = {p: facts[facts.date_precision == p].iloc[0] for p in ("day", "month")}
    values = dated_fact_values(facts, [r.fact_id for r in by_precision.values()])
    day, month = (by_precision[p] for p in ("day", "month"))
    stamp = pd.Timestamp(str(day.date))
    assert values[f"{day.fact_id.lower()}_when"] == f"{stamp.day} {stamp:%B %Y}"
    assert values[f"{day.fact_id.lower()}_on"] == f"on {stamp.day} {stamp:%B %Y}"
    assert values[f"{month.fact_id.lower()}_on"].startswith("in ")  # never 'on March 2025'
    assert values[f"{day.fact_id.lower()}_source"] == day.source_name
    with pytest.raises(FactError, match="'ZZZ99'"):
        dated_fact_values(facts, ["TKM01", "ZZZ99"])


def test_fact_figures_glue_each_fact_under_its_id_with_its_date_in_words(facts):
    from kztm.themes.drivers import fact_dates, fact_figures

    row = facts[facts.value.notna() & (facts.date_precision == "day")].iloc[0]
    got = fact_figures(facts, [row.fact_id])
    prefix = row.fact_id.lower()
    assert got[f"{prefix}_value"] == pytest.approx(float(row.value)) and got[f"{prefix}_source"] == row.source_name
    when = pd.Timestamp(row.date)
    assert got[f"{prefix}_when"] == f"{when.day} {when:%B %Y}" == fact_dates(facts, [row.fact_id])[f"{prefix}_when"]
    assert set(fact_dates(facts, ["UKR01", "IRN02"])) == {"ukr01_when", "irn02_when"}
    with pytest.raises(FactError, match="'ZZZ99'"):
        fact_dates(facts, ["UKR01", "ZZZ99"])


def test_dated_fact_values_leave_an_undated_fact_without_a_date(facts):
    from kztm.themes.drivers import dated_fact_values

    undated = facts[facts.date.fillna("").astype(str) == ""].fact_id.iloc[0]
    values = dated_fact_values(facts, [undated])
    prefix = undated.lower()
    assert f"{prefix}_source" in values and f"{prefix}_when" not in values and f"{prefix}_on" not in values
