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


def balance_rows(rows):
    return pd.DataFrame(rows, columns=["country_code", "year", "production", "consumption"])


def test_last_balance_row_skips_years_missing_a_flow_and_years_after_the_end():
    balance = balance_rows([("KAZ", 2019, 30.0, 20.0), ("KAZ", 2020, 31.0, None), ("KAZ", 2021, 32.0, 22.0),
                            ("TKM", 2020, 80.0, 40.0)])
    assert en.last_balance_row(balance, "KAZ", 2020).year == 2019  # 2020 lacks consumption
    assert en.last_balance_row(balance, "KAZ", 2024).year == 2021
    with pytest.raises(LookupError, match="UZB"):
        en.last_balance_row(balance, "UZB", 2024)


def test_largest_revisions_keeps_the_largest_absolute_difference_per_country():
    vintages = pd.DataFrame({
        "country_code": ["KAZ", "KAZ", "TKM", "TKM", "UZB"],
        "country": ["Kazakhstan"] * 2 + ["Turkmenistan"] * 2 + ["Uzbekistan"],
        "year": [2014, 2015, 2014, 2015, 2014], "variable": ["gas_production"] * 4 + ["gas_production"],
        "old_value": [100.0, 110.0, 700.0, 720.0, 500.0], "new_value": [105.0, 99.0, 690.0, 600.0, 400.0],
        "difference_pct": [5.0, -10.0, -1.4, -16.7, -20.0],
    })
    worst = en.largest_revisions(vintages, ["KAZ", "TKM"])
    assert worst.country_code.tolist() == ["KAZ", "TKM"]  # UZB is not in the pair
    assert worst.year.tolist() == [2015, 2015] and worst.difference_pct.tolist() == [-10.0, -16.7]
    assert en.largest_revisions(vintages, ["KGZ"]).empty


def test_unchanged_since_finds_the_start_of_the_last_flat_run():
    series = pd.DataFrame({"year": [2015, 2016, 2017, 2018, 2019], "tcm": [9.9, 13.6, 13.6, 12.0, 12.0]})
    assert en.unchanged_since(series, "tcm") == 2018  # 13.6 earlier is another run
    assert en.unchanged_since(series.assign(tcm=5.0), "tcm") == 2015
    assert en.unchanged_since(series.iloc[::-1], "tcm") == 2018  # order of rows does not matter


def test_alternative_capacity_reads_a_second_figure_from_the_note():
    assert en.alternative_capacity(pd.Series({"value": "55", "note": "Xinhua (2020) gives 60 bcm/yr."})) == 60.0
    assert en.alternative_capacity(pd.Series({"value": "25", "note": "No other figure."})) == 25.0


def test_facts_table_orders_subjects_labels_attributes_and_adds_units_and_sources():
    facts = pd.DataFrame({
        "fact_id": ["EF02", "EF01", "EF03"],
        "subject": ["QazaqGaz–Turkmengaz cooperation", "Central Asia–China gas pipeline, Lines A/B/C",
                    "Galkynysh field"],
        "attribute": ["working_meeting", "capacity_bcm_per_year", "some_new_attribute"],
        "value": ["2025-02-28", "55", "7"], "unit": ["date", "bcm/yr", None],
        "note": ["Met.", None, "n"], "source_date": ["2025-02-28", None, "2023"], "bib_key": ["k1", "k2", "k3"],
    })
    table = en.facts_table(facts, {"k1": "Trend", "k2": "Oil & Gas Eurasia"})
    assert table["Pipeline, field or track"].str[:7].tolist() == ["Central", "Galkyny", "QazaqGa"]
    assert table.What.tolist() == ["Design capacity", "some new attribute", "Working meeting of the heads"]
    assert table.Value.tolist() == ["55 bcm/yr", "7", "2025-02-28"]  # dates and unitless values keep no unit
    assert table.Source.tolist() == ["Oil & Gas Eurasia", ", 2023", "Trend, 2025-02-28"]
    assert table.Note.tolist() == ["", "n", "Met."]


def two_vintage_gas():
    """Kazakhstan 2010–2016: BP 2021 to 2012, the newer vintage from 2013 (production jumps between vintages)."""
    rows = []
    for year, prod, cons in [(2010, 30.0, 10.0), (2011, 30.0, 11.0), (2012, 31.0, 12.0), (2013, 40.0, 13.0),
                             (2014, 36.0, 14.0), (2015, 38.0, 15.0), (2016, 34.0, 17.0)]:
        source = "bp_2021" if year <= 2012 else "owid_energy_2025"
        rows.append(("KAZ", "Kazakhstan", year, "production", prod * 10, prod, source, "published"))
        rows.append(("KAZ", "Kazakhstan", year, "consumption", cons * 10, cons, source, "published"))
    return pd.DataFrame(rows, columns=["country_code", "country", "year", "flow", "value_twh", "value_bcm",
                                       "source", "bcm_basis"])


def test_sensitivity_base_years_never_span_two_vintages():
    balance = en.gas_balance(two_vintage_gas(), "bcm")
    assert en.sensitivity_base_years(balance, "KAZ", 2016, min_window=2, max_window=6) == [2013, 2014]
    assert en.sensitivity_base_years(balance, "KAZ", 2012, min_window=1, max_window=2) == [2010, 2011]
    with pytest.raises(LookupError, match="2030"):
        en.sensitivity_base_years(balance, "KAZ", 2030)


def test_crossover_sensitivity_matches_a_scenario_per_base_year():
    balance = en.gas_balance(two_vintage_gas(), "bcm")
    table = en.crossover_sensitivity(balance, "KAZ", 2016, 2100, [2013, 2014])
    assert table.base_year.tolist() == [2013, 2014] and table.window_years.tolist() == [3, 2]
    for row in table.itertuples():
        prod = ((34 / {2013: 40, 2014: 36}[row.base_year]) ** (1 / row.window_years) - 1) * 100
        cons = ((17 / {2013: 13, 2014: 14}[row.base_year]) ** (1 / row.window_years) - 1) * 100
        assert row.production_growth_pct == pytest.approx(prod) and row.consumption_growth_pct == pytest.approx(cons)
        year = 2016
        while 34 * (1 + prod / 100) ** (year - 2016) > 17 * (1 + cons / 100) ** (year - 2016):
            year += 1
        assert row.crossover_year == year
    surplus_2013 = 40 - 13
    assert table.surplus_base.iloc[0] == surplus_2013
    assert table.surplus_fall_pct.iloc[0] == pytest.approx((surplus_2013 - 17) / surplus_2013 * 100)
    # No crossover by the horizon is a missing value, not a year.
    assert en.crossover_sensitivity(balance, "KAZ", 2016, 2017, [2013]).crossover_year.isna().all()


def test_annual_changes_skip_the_change_of_vintage():
    changes = en.annual_changes(en.gas_balance(two_vintage_gas(), "bcm"), "KAZ")
    assert 2013 not in changes.year.tolist()  # 31 → 40 bcm is a change of edition, not of output
    assert changes.year.tolist() == [2011, 2012, 2014, 2015, 2016]
    assert changes.set_index("year").change_pct[2014] == pytest.approx((36 / 40 - 1) * 100)


def context_rows():
    return pd.DataFrame({
        "fact_id": ["GAS04", "GAS05", "GAS08", "GAS13", "GAS16", "GAS21"],
        "date": ["2022", "2022", "2023", "2023", "2024", "2025"],
        "value": [53.3, 27.8, 59.063, 29.8, 60.5, 4.5], "unit": ["bcm"] * 5 + ["percent"],
        "value_kind": ["outturn"] * 4 + ["target", "outturn"], "value_status": ["stated"] * 6,
        "source_name": ["The Astana Times", "The Astana Times", "Trend", "Kazakhstan Today", "TASS", "Report"]})


def test_national_gas_figures_read_each_fact_with_its_year_kind_and_source():
    national = en.national_gas_figures(context_rows())
    raw = national[national.measure == "raw production"].set_index("year")
    assert raw.value_bcm.to_dict() == {2022: 53.3, 2023: 59.063, 2024: 60.5}
    assert raw.value_kind[2024] == "target" and raw.source_name[2023] == "Trend"
    commercial = national[national.measure == "commercial gas"].set_index("year")
    assert commercial.value_bcm.to_dict() == {2022: 27.8, 2023: 29.8}
    with pytest.raises(LookupError, match="GAS99"):
        en.national_gas_figures(context_rows(), {"GAS99": "raw production"})
    with pytest.raises(LookupError, match="GAS21.*percent"):
        en.national_gas_figures(context_rows(), {"GAS21": "raw production"})


def test_series_against_national_compares_only_years_with_both_outturns():
    national = en.national_gas_figures(context_rows())
    series = pd.DataFrame({"year": [2021, 2022, 2023, 2024], "production": [26.7, 27.6, 29.536, 29.7]})
    matched = en.series_against_national(series, national)
    assert matched.year.tolist() == [2022, 2023]  # 2024 has only a plan
    row = matched.set_index("year").loc[2023]
    assert row.series_to_commercial == pytest.approx(29.536 / 29.8)
    assert row.series_to_raw == pytest.approx(29.536 / 59.063)
