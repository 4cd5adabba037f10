"""Unit tests of kztm.energy on small synthetic frames (no chapter execution)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from kztm.themes import energy as en


def synthetic_gas():
    rows = []
    for year, prod, cons in [(2010, 30.0, 10.0), (2015, 32.0, 14.0), (2020, 25.0, 20.0)]:
        rows.append(("KAZ", "Kazakhstan", year, "production", prod * 10, prod, "bp_2021", "published"))
        rows.append(("KAZ", "Kazakhstan", year, "consumption", cons * 10, cons, "bp_2021", "published"))
    return pd.DataFrame(rows, columns=["country_code", "country", "year", "flow", "value_twh", "value_bcm",
                                       "source", "bcm_basis"])


def test_gas_balance_surplus_and_units():
    bcm = en.gas_balance(synthetic_gas(), "bcm")
    assert list(bcm.year) == [2010, 2015, 2020]
    assert bcm.surplus.tolist() == [20.0, 18.0, 5.0]
    assert bcm.surplus_share_pct.iloc[-1] == pytest.approx(20.0)
    twh = en.gas_balance(synthetic_gas(), "TWh")
    assert twh.surplus.tolist() == [200.0, 180.0, 50.0]
    with pytest.raises(ValueError, match="Mcf"):
        en.gas_balance(synthetic_gas(), "Mcf")


def test_recorded_growth_is_compound_rate_over_window():
    balance = en.gas_balance(synthetic_gas(), "bcm")
    first, last, rate = en.recorded_growth(balance, "KAZ", "consumption", 2020, years=10)
    assert (first, last) == (2010, 2020)
    assert rate == pytest.approx(((20 / 10) ** 0.1 - 1) * 100)
    with pytest.raises(LookupError, match="2015"):
        en.recorded_growth(balance[balance.year != 2015], "KAZ", "consumption", 2020, years=5)


def test_crossover_year_matches_the_path():
    s = en.GasScenario(2024, production=30.0, consumption=20.0, production_growth_pct=-1.0,
                       consumption_growth_pct=3.0, horizon_year=2060)
    year = s.crossover_year()
    path = s.path().set_index("year")
    assert path.loc[year, "consumption"] >= path.loc[year, "production"]
    assert path.loc[year - 1, "consumption"] < path.loc[year - 1, "production"]
    t = s.crossover_time()
    assert 30 * 0.99 ** t == pytest.approx(20 * 1.03 ** t)


def test_no_crossover_when_production_grows_faster_or_beyond_horizon():
    flat = en.GasScenario(2024, 30.0, 20.0, production_growth_pct=2.0, consumption_growth_pct=1.0, horizon_year=2100)
    assert math.isinf(flat.crossover_time()) and flat.crossover_year() is None
    late = en.GasScenario(2024, 30.0, 20.0, production_growth_pct=0.0, consumption_growth_pct=1.0, horizon_year=2030)
    assert late.crossover_year() is None  # ln(1.5)/ln(1.01) ≈ 41 years
    already = en.GasScenario(2024, 20.0, 25.0, 0.0, 0.0, 2030)
    assert already.crossover_year() == 2024
    assert already.balance_at_horizon() == pytest.approx(-5.0)


def test_reserves_to_production():
    assert en.reserves_to_production(13.6, 68.0) == pytest.approx(200.0)
    with pytest.raises(ValueError):
        en.reserves_to_production(1.0, 0.0)


def test_latest_complete_mix_skips_incomplete_years():
    mix = pd.DataFrame({
        "country_code": ["TKM"] * 3, "country": ["Turkmenistan"] * 3, "year": [1995, 2020, 2021],
        "source": ["gas"] * 3, "generation_twh": [10.0, 20.0, 21.0], "share_pct": [50.0, 100.0, 100.0],
        "total_generation_twh": [20.0, 20.0, 21.0], "mix_complete": [True, True, False],
    })
    assert en.latest_complete_mix(mix, "TKM").year.unique().tolist() == [2020]
    with pytest.raises(LookupError, match="KGZ"):
        en.latest_complete_mix(mix, "KGZ")


def test_fact_value_requires_exactly_one_row():
    facts = pd.DataFrame({"subject": ["Pipe A", "Pipe A"], "attribute": ["capacity", "length"], "value": ["5", "9"]})
    assert en.fact_value(facts, "Pipe", "length").value == "9"
    with pytest.raises(LookupError):
        en.fact_value(facts, "Pipe", "route")


def test_change_verb_reads_the_sign_and_never_says_fell_zero():
    assert en.change_verb(3.2) == "grew"
    assert en.change_verb(-1.04) == "fell"
    assert en.change_verb(-0.04) == "did not change"  # rounds to 0.0: no "fell 0.0%"
    assert en.change_verb(0.5, rising="rises", falling="falls") == "rises"


def test_balance_phrase_names_deficit_and_surplus_with_a_magnitude():
    assert en.balance_phrase(-26.49, "bcm") == "a deficit of 26.5 bcm"
    assert en.balance_phrase(3.0, "bcm") == "a surplus of 3.0 bcm"
    assert en.balance_phrase(1234.4, "TWh", ",.0f") == "a surplus of 1,234 TWh"
    assert en.balance_phrase(-0.01, "bcm") == "no surplus or deficit"
