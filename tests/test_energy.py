"""Unit tests of kztm.energy on small synthetic frames (no chapter execution)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from kztm.report import wording
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


# --- the chapter's figures, sentences, titles and findings (issue 10: thin notebook) ----------------------

from kztm.data import load_dataset  # noqa: E402
from kztm.params import ParameterError, validate_common  # noqa: E402


def pair(a="KAZ", b="TKM", start=2000, end=2024, peers=()):
    return validate_common(a, b, list(peers), start, end, years=(1985, 2024))


def gas_frame(series, source=lambda code, year: "owid_energy_2025"):
    """Dataset energy_gas from {code: {year: (production, consumption)}} in bcm (TWh = 10 × bcm)."""
    names = {"KAZ": "Kazakhstan", "TKM": "Turkmenistan", "UZB": "Uzbekistan"}
    rows = [(code, names[code], year, flow, value * 10, value, source(code, year), "converted")
            for code, years in series.items() for year, flows in years.items()
            for flow, value in zip(("production", "consumption"), flows, strict=True)]
    return pd.DataFrame(rows, columns=["country_code", "country", "year", "flow", "value_twh", "value_bcm",
                                       "source", "bcm_basis"])


# Kazakhstan: production 30 → 27 with a peak in 2018, consumption 10 → 20 over 2010–2024; 2010 has the largest
# surplus of the data but lies before the years the tests show (from 2012).
KAZ = {y: (30.0 + (8.0 if y == 2018 else 0.0) - 0.2 * max(0, y - 2009), 10.0 + (y - 2010) * 10 / 14)
       for y in range(2010, 2025)} | {2010: (60.0, 10.0)}


def test_check_parameters_names_the_bad_value_and_returns_the_covered_countries():
    gas = gas_frame({"TKM": {2020: (80.0, 30.0)}, "KAZ": {2020: (30.0, 20.0)}})
    assert en.check_parameters(gas, pair(), "bcm", 2050, None, -3.5) == ["KAZ", "TKM"]  # COUNTRIES order
    with pytest.raises(ParameterError, match="country_a='UZB'.*KAZ, TKM"):
        en.check_parameters(gas, pair("UZB", "KAZ"), "bcm", 2050, None, None)
    for args, message in [(("Mcf", 2050, None, None), "Mcf"), (("bcm", 2024, None, None), "horizon_year=2024"),
                          (("bcm", 2050, 21, None), "consumption_growth_pct=21"),
                          (("bcm", 2050, None, -25), "production_growth_pct=-25")]:
        with pytest.raises(ParameterError, match=message):
            en.check_parameters(gas, pair(), *args)


def test_balance_figures_find_the_peak_in_the_years_shown_and_the_recorded_growth():
    balance = en.gas_balance(gas_frame({"KAZ": KAZ}), "bcm")
    f = en.balance_figures(balance, pair(start=2012))
    last = KAZ[2024]
    assert (f["gas_year_a"], f["prod_a"], f["cons_a"]) == (2024, last[0], last[1])
    assert f["first_year_a"] == 2012  # the first year shown, not the first of the data
    assert f["peak_surplus_year_a"] == 2018 and f["peak_prod_year_a"] == 2018
    peak = KAZ[2018][0] - KAZ[2018][1]
    assert f["surplus_fall_pct_a"] == pytest.approx((peak - (last[0] - last[1])) / peak * 100)
    assert (f["growth_from"], f["growth_to"]) == (2014, 2024)
    assert f["cons_growth_recorded"] == pytest.approx(((last[1] / KAZ[2014][1]) ** 0.1 - 1) * 100)
    assert f["prod_growth_verb"] == "fell" and f["prod_growth_abs"] == pytest.approx(-f["prod_growth_recorded"])
    assert f["cons_growth_verb"] == "grew"


def test_country_b_sentence_says_deficit_surplus_or_no_series():
    gas_codes = ["KAZ", "TKM", "UZB"]
    balance = en.gas_balance(gas_frame({"KAZ": {2024: (30.0, 20.0)}, "TKM": {2023: (80.0, 35.0)},
                                        "UZB": {2024: (40.0, 45.5)}}), "bcm")
    deficit = en.country_b_figures(balance, pair("KAZ", "UZB"), gas_codes, "bcm")
    assert deficit["gas_b_sentence"] == ("Uzbekistan produced 40.0 bcm and consumed 45.5 bcm in 2024: a deficit of "
                                         "5.5 bcm, with nothing left to export.")
    assert "surplus_ratio_b" not in deficit
    surplus = en.country_b_figures(balance, pair(), gas_codes, "bcm")
    assert "surplus_ratio_b" not in surplus  # Kazakhstan has no balance in Turkmenistan's last year (2023)
    assert surplus["gas_b_sentence"].endswith("leaving 45.0 bcm (56% of its output) to export or store.")
    balance = en.gas_balance(gas_frame({"KAZ": {2023: (30.0, 20.0)}, "TKM": {2023: (80.0, 35.0)}}), "TWh")
    ratio = en.country_b_figures(balance, pair(), gas_codes, "TWh")
    assert ratio["surplus_ratio_b"] == pytest.approx(4.5)
    assert "450 TWh" in ratio["gas_b_sentence"]
    assert "4.5 times Kazakhstan's surplus that year." in ratio["gas_b_sentence"]
    none = en.country_b_figures(balance, pair("KAZ", "KGZ"), ["KAZ", "TKM"], "bcm")
    assert none == {"gas_b_sentence": "The gas series (BP and Energy Institute) does not cover Kyrgyzstan: it has rows "
                                      "for Kazakhstan, Turkmenistan only, so Kyrgyzstan appears only in the "
                                      "electricity comparison."}


def test_series_figures_name_the_editions_the_gaps_and_the_revisions():
    gas = gas_frame({"KAZ": {2013: (30.0, 20.0), 2014: (31.0, 21.0), 2024: (27.0, 20.0)},
                     "UZB": {2013: (50.0, 45.0)}},
                    source=lambda code, year: "owid_energy_2025" if year >= 2014 else "bp_2021")
    vintages = pd.DataFrame({"country_code": ["KAZ"], "country": ["Kazakhstan"], "year": [2015],
                             "variable": ["gas_production"], "old_value": [450.0], "new_value": [270.0],
                             "difference_pct": [-40.0]})
    f = en.series_figures(gas, vintages, pair(peers=["KGZ", "TJK"]), ["KAZ", "UZB"])
    assert (f["new_vintage_from"], f["last_bp_year"], f["uzb_last_year"]) == (2014, 2013, 2013)
    assert (f["ei_last_year"], f["ei_edition"]) == (2024, 2025)
    assert f["coverage_sentence"] == "Turkmenistan and Kyrgyzstan and Tajikistan are not covered by the gas series."
    assert f["revision_sentence"] == ("In the years both vintages cover, their gas production figures differ for "
                                      "Kazakhstan by up to 40% (2015: 450 TWh in BP 2021, 270 TWh in the newer "
                                      "vintage).")
    one = en.series_figures(gas, vintages, pair("KAZ", "UZB"), ["KAZ", "TKM"])
    assert one["coverage_sentence"] == "Uzbekistan is not covered by the gas series."
    assert en.series_figures(gas, vintages, pair("KAZ", "UZB"), ["KAZ", "UZB"])["coverage_sentence"] == " "
    other = en.series_figures(gas, vintages, pair("TKM", "UZB"), ["KAZ", "TKM", "UZB"])
    assert other["revision_sentence"] == wording.only_for_pair("the comparison of vintages", "Turkmenistan",
                                                               "Uzbekistan")


def kaz_balance():
    return en.gas_balance(gas_frame({"KAZ": KAZ}), "bcm")


def test_scenario_at_recorded_rates_crosses_over_and_gives_the_range_of_base_years():
    balance = kaz_balance()
    scenario = en.chapter_scenario(balance, pair(), 2050)
    _, _, cons_rate = en.recorded_growth(balance, "KAZ", "consumption", 2024)
    assert scenario.base_year == 2024 and scenario.consumption_growth_pct == pytest.approx(cons_rate)
    sensitivity = en.chapter_sensitivity(balance, pair(), 2050)
    f = en.scenario_figures(scenario, balance, pair(), "bcm", True, sensitivity)
    assert f["crossover_year"] == scenario.crossover_year() <= 2050
    assert f["rates_source"] == "the rates recorded over 2014–2024"
    assert f["scenario_sentence"] == (f"With {f['rates_words']} (the rates recorded over 2014–2024), Kazakhstan's "
                                      f"consumption would overtake its production in {f['crossover_year']}.")
    assert f["horizon_balance"] < 0 and "to be met by imports" in f["horizon_balance_sentence"]
    assert f"a deficit of {-f['horizon_balance']:,.1f} bcm" in f["horizon_balance_sentence"]
    years = sensitivity.crossover_year.dropna()
    assert f["xover_span"] == wording.year_range_phrase(years.min(), years.max())


def test_scenario_at_set_rates_says_so_and_words_each_horizon_balance():
    balance, sensitivity = kaz_balance(), en.chapter_sensitivity(kaz_balance(), pair(), 2050)
    flat = en.chapter_scenario(balance, pair(), 2050, 0.0, 0.0)
    f = en.scenario_figures(flat, balance, pair(), "bcm", False, sensitivity)
    assert "crossover_year" not in f and "xover_span" not in f and f["rates_source"] == "rates set as parameters"
    assert f["rates_words"] == "consumption flat and production flat"
    assert f["scenario_sentence"].endswith("would not overtake its production by 2050.")
    assert f["horizon_balance_sentence"].startswith("In 2050 the scenario still leaves a surplus of 7.0 bcm")
    equal = en.GasScenario(2024, 20.0, 20.02, 0.0, 0.0, 2050)
    g = en.scenario_figures(equal, balance, pair(), "bcm", False, sensitivity)
    assert g["horizon_balance_sentence"] == "In 2050 production and consumption would be about equal."
    assert g["crossover_year"] == 2024 and "xover_span" not in g  # set rates: no range over base years


def test_reserves_figures_use_one_edition_and_say_when_the_figure_last_changed():
    reserves = pd.DataFrame({
        "country_code": ["KAZ", "TKM"] * 3, "country": ["Kazakhstan", "Turkmenistan"] * 3,
        "year": [2018, 2018, 2019, 2019, 2020, 2020], "proved_reserves_tcm": [2.3, 13.6, 2.3, 13.6, 2.3, 13.6],
        "production_bcm_bp_2021": [24.0, 61.0, 23.0, 63.0, 31.7, 59.0]})
    f = en.reserves_figures(reserves, pair(), ["KAZ", "TKM"])
    assert (f["res_year"], f["res_a"], f["res_b"]) == (2020, 2.3, 13.6)
    assert f["rp_b"] == pytest.approx(13600 / 59.0) and f["rp_a"] == pytest.approx(2300 / 31.7)
    assert f["res_ratio"] == pytest.approx(13.6 / 2.3) and f["res_flat_since_b"] == 2018
    assert f["flat_sentence"] == "BP's figure for Turkmenistan has not changed since 2018."
    assert f["reserves_sentence"].startswith("Turkmenistan reported 13.6 trillion cubic metres")
    assert f"about {f['rp_b']:.0f} years" in f["reserves_sentence"]
    revised = reserves.assign(proved_reserves_tcm=[2.3, 13.6, 2.3, 13.6, 2.3, 14.0])
    assert en.reserves_figures(revised, pair(), ["KAZ", "TKM"])["flat_sentence"] == (
        "BP revised the figure for Turkmenistan in 2020.")
    uzb = en.reserves_figures(reserves, pair("KAZ", "UZB"), ["KAZ", "TKM", "UZB"])
    assert "res_b" not in uzb and uzb["flat_sentence"] == " "
    assert uzb["reserves_sentence"] == ("The reserves series does not cover Uzbekistan; Kazakhstan reported 2.3 "
                                        "trillion cubic metres at the end of 2020.")


def test_infrastructure_and_bilateral_figures_read_the_stated_facts():
    facts = load_dataset("energy_facts")
    f = en.infrastructure_figures(facts)
    assert set(en.INFRASTRUCTURE_FACTS) < set(f)
    galk = facts[facts.subject.str.contains("Galkynysh") & (facts.attribute == "reserves_tcm_best")]
    assert f["galk_best"] == float(galk.value.iloc[0])
    assert f["cagp_capacity_alt"] != f["cagp_capacity"]  # two sources, two capacities
    balance = en.gas_balance(gas_frame({"KAZ": {2024: (27.0, 20.0)}}), "bcm")
    b = en.bilateral_figures(facts, balance, pair())
    assert b["import_share_pct"] == pytest.approx(b["import_target"] / 20.0 * 100) and b["import_base_year"] == 2024
    assert b["agreement_date"] == "10 October 2024" and b["agreement_date"] in b["bilateral_gas_text"]
    other = en.bilateral_figures(facts, balance, pair("KAZ", "UZB"))
    assert "agreement_date" not in other
    assert other["bilateral_gas_text"] == wording.only_for_pair("the record of company-level gas agreements",
                                                                "Kazakhstan", "Uzbekistan")
    sources = {"sources": [{"bib_key": "a", "publisher": "Xinhua"}, {"bib_key": "b", "title": "A report"}]}
    assert en.publishers(sources) == {"a": "Xinhua", "b": "A report"}


def test_oil_and_mix_figures():
    gas = gas_frame({"KAZ": {2023: (30.0, 20.0)}, "TKM": {2023: (80.0, 35.0)}})
    oil = pd.DataFrame({"country_code": ["KAZ", "KAZ", "KAZ", "KAZ", "KGZ", "KGZ"], "country": ["x"] * 6,
                        "year": [2023, 2023, 2025, 2025, 2023, 2023],
                        "flow": ["production", "consumption"] * 3, "value_twh": [1000.0, 200.0, 9.0, 9.0, 1.0, 2.0]})
    f = en.oil_figures(oil, gas, pair(end=2024), ["KAZ", "TKM"])
    assert f["oil_year_a"] == 2023 and f["oil_export_share_a"] == pytest.approx(80.0)  # 2025 is after end_year
    assert f["oil_gas_ratio_a"] == pytest.approx(1000.0 / 300.0)
    assert set(en.shown_oil(oil, pair(end=2024, peers=["KGZ"]), ["KAZ", "TKM"]).country_code) == {"KAZ"}
    rows = [("KAZ", "Kazakhstan", 2023, "coal", 60.0, 100.0, True),
            ("KAZ", "Kazakhstan", 2023, "gas", 40.0, 100.0, True),
            ("TKM", "Turkmenistan", 2022, "gas", 100.0, 30.0, True),
            ("TKM", "Turkmenistan", 2023, "hydro", 10.0, 31.0, False)]
    mix = pd.DataFrame(rows, columns=["country_code", "country", "year", "source", "share_pct",
                                      "total_generation_twh", "mix_complete"])
    m = en.mix_figures(mix, pair(), {"coal": "Coal", "gas": "Gas", "hydro": "Hydro"})
    assert (m["mix_year_a"], m["mix_year_b"]) == (2023, 2022)
    assert (m["coal_share_a"], m["gas_share_b"], m["hydro_share_b"]) == (60.0, 100.0, 0.0)
    assert m["top_source_b"] == "gas" and m["total_gen_b"] == 30.0
    assert "(Turkmenistan to 2023)" in m["mix_incomplete_sentence"]
    complete = en.mix_figures(mix.iloc[:3], pair(), {"coal": "Coal", "gas": "Gas"})
    assert complete["mix_incomplete_sentence"] == "Every year shown has a complete breakdown by source."


def test_swing_figures_measure_changes_inside_one_vintage_and_compare_bp():
    series = {y: (30.0, 10.0) for y in range(2010, 2025)}
    series.update({2016: (40.0, 10.0), 2017: (30.0, 10.0), 2012: (15.0, 10.0)})  # 2012 is in BP's vintage
    gas = gas_frame({"KAZ": series}, source=lambda code, year: "owid_energy_2025" if year >= 2014 else "bp_2021")
    bp = pd.DataFrame({"country_code": "KAZ", "country": "Kazakhstan", "year": range(2010, 2021),
                       "production_bcm_bp_2021": [30.0, 30.0, 31.0, 31.0, 31.0, 32.0, 33.0, 33.0, 32.0, 33.0, 32.0]})
    f = en.swing_figures(en.gas_balance(gas, "TWh"), en.gas_balance(gas, "bcm"), bp, pair(start=2010))
    assert f["swing_max_pct"] == pytest.approx(100 / 3) and f["swing_year"] == 2016 and f["swing_verb"] == "rose"
    assert (f["swing_n10"], f["swing_n"], f["swing_from"], f["swing_to"]) == (2, 10, 2014, 2024)
    assert f["bp_swing_to"] == 2020 and f["bp_swing_max_pct"] == pytest.approx(100 / 31)
    assert f["swing_sentence"] == ("Kazakhstan's production series in this vintage changes by 33% in a single year "
                                   "(2016) and by 10% or more in two of its ten annual changes; BP's 2021 edition "
                                   "moved by at most 3.2% a year over 2014–2020.")
    # The peak surplus (2016) lies in the newer vintage and BP covers it: both editions' production are given.
    assert (f["peak_prod_bp_a"], f["peak_prod_new_a"]) == (33.0, 40.0)
    assert "for 2016 BP's 2021 edition gives Kazakhstan 33.0 bcm" in f["peak_vintage_sentence"]
    early = en.swing_figures(en.gas_balance(gas, "TWh"), en.gas_balance(gas, "bcm"), bp, pair(start=2010, end=2013))
    assert "bp_swing_max_pct" not in early and early["peak_vintage_sentence"] == " "  # the last year is BP's


def sensitivity_table(crossovers, falls):
    return pd.DataFrame({"base_year": range(2014, 2014 + len(crossovers)),
                         "crossover_year": pd.array(crossovers, dtype="Int64"), "surplus_fall_pct": falls})


def test_sensitivity_figures_and_robustness_word_every_case():
    every = sensitivity_table([2031, 2035, 2029], [40.0, 60.0, 10.0])
    f = en.sensitivity_figures(every, 2050)
    assert (f["xover_min"], f["xover_max"], f["xover_none_n"], f["xover_n"]) == (2029, 2035, 0, 3)
    assert f["sensitivity_sentence"] == ("Measured from each base year between 2014 and 2016 (growth windows in one "
                                         "vintage), consumption would overtake production between 2029 and 2035.")
    assert f["fall_range_sentence"].endswith("ranges from 10% to 60%.")
    assert en.sensitivity_robustness(every).startswith("every window points the same way")
    some = sensitivity_table([2031, None, 2029], [40.0, -5.0, float("nan")])
    g = en.sensitivity_figures(some, 2050)
    assert g["sensitivity_sentence"].endswith("between 2029 and 2031; from 2015 it would not by 2050.")
    assert g["fall_range_sentence"].endswith("ranges from 40% to 40%, and from 2015 and 2016 the surplus grew.")
    assert en.sensitivity_robustness(some).startswith("all windows but the one from 2015 point the same way")
    none = sensitivity_table([None, None], [-1.0, -2.0])
    h = en.sensitivity_figures(none, 2060)
    assert "xover_min" not in h and "fall_min_pct" not in h
    assert h["sensitivity_sentence"].endswith("consumption would not overtake production by 2060.")
    assert h["fall_range_sentence"] == "Measured from every base year in the same vintage, the surplus grew."
    assert en.sensitivity_robustness(none) == "no window points to a crossover."


def test_kazakhstan_box_compares_the_series_with_the_ministrys_figures():
    context = load_dataset("context_facts")
    national = en.national_gas_figures(context)
    outturns = national[national.value_kind == "outturn"].pivot_table(index="year", columns="measure",
                                                                       values="value_bcm")
    last = int(outturns.dropna().index.max())
    commercial = float(outturns.loc[last, "commercial gas"])
    gas = gas_frame({"KAZ": {last: (commercial * 1.013, 20.0), last + 1: (30.0, 20.0)}})
    f = en.kazakhstan_box_figures(en.gas_balance(gas, "bcm"), context)
    assert f["box_year"] == last and f["box_years_n"] == 1  # only years with both outturns and the series
    assert f["box_series_to_commercial"] == pytest.approx(1.013) and f["box_ratio_gap_pct"] == 2  # 1.3% rounded up
    raw = float(outturns.loc[last, "raw production"])
    assert f["box_commercial_share_pct"] == pytest.approx(commercial / raw * 100)
    assert f["three_fields_bcm"] == pytest.approx(f["gas09_value"] + f["gas10_value"] + f["gas11_value"])
    assert all(f"{fid.lower()}_source" in f for fid in en.KAZAKHSTAN_GAS_FACTS)


def title_values(**extra):
    return {"name_a": "Kazakhstan", "name_b": "Turkmenistan", "gas_year_a": 2024, "first_year_a": 2000,
            "horizon_year": 2050, "xover_n": 3, **extra}


def test_chart_titles_state_the_finding_in_each_case():
    balance = en.gas_balance(gas_frame({"KAZ": {2023: (30.0, 20.0), 2024: (27.0, 20.0)},
                                        "TKM": {2023: (81.0, 35.0)}}), "bcm")
    reserves = pd.DataFrame({"country_code": ["KAZ", "TKM", "AZE"], "country": ["Kazakhstan", "Turkmenistan",
                                                                                 "Azerbaijan"],
                             "year": 2020, "proved_reserves_tcm": [2.3, 13.6, 2.5]})
    t = en.chart_titles(title_values(gas_year_b=2023, res_b=13.6, res_ratio=5.9, crossover_year=2033, xover_min=2029,
                                     xover_max=2035), pair(), balance, reserves, True)
    assert t["gas"] == "Turkmenistan produced 2.7 times as much gas as Kazakhstan in 2023"
    assert t["reserves"] == "Turkmenistan reports 13.6 trillion m³ of gas, 5.9 times Kazakhstan"
    assert t["scenario"] == "At recorded trends Kazakhstan's gas consumption overtakes production in 2033"
    assert t["sensitivity"] == "The crossover year moves 6 years with the base year of the trend"
    t = en.chart_titles(title_values(crossover_year=2033, xover_min=2033, xover_max=2033, xover_n=1), pair(),
                        balance, reserves, False)
    assert t["gas"] == "Kazakhstan's gas production and consumption, 2000–2024"
    assert t["reserves"] == "Turkmenistan reports the largest reserves of the Caspian group: 13.6 trillion m³"
    assert t["scenario"] == "Kazakhstan's consumption overtakes production in 2033 in this scenario"
    assert t["sensitivity"] == "Consumption overtakes production in 2033 from every base year"
    t = en.chart_titles(title_values(), pair(), balance, reserves, True)
    assert t["scenario"] == "Kazakhstan's production stays above consumption to 2050 in this scenario"
    assert t["sensitivity"] == "From no base year does consumption overtake production by 2050"


def test_key_findings_and_claim_e1_follow_the_pair_and_the_scenario():
    crossed = title_values(crossover_year=2033, xover_span="between 2029 and 2035", growth_from=2014, growth_to=2024,
                           cons_growth_recorded=2.0, prod_growth_recorded=-0.04, scenario_sentence="S.")
    bilateral = en.key_findings(crossed, pair(), True)
    assert len(bilateral) == 3 and "{xover_span}" in bilateral[0] and "{box_raw" in bilateral[1]
    assert "{chn09_value" in bilateral[2]
    with_reserves = en.key_findings({**crossed, "res_b": 13.6}, pair(), False)
    assert len(with_reserves) == 4 and "{scenario_sentence}" in with_reserves[0] and "{res_b" in with_reserves[2]
    assert len(en.key_findings(crossed, pair("TKM", "UZB"), True)) == 1  # no Kazakhstan, no bilateral findings
    assert en.claim_e1_scenario(crossed, True) == (
        "At the rates recorded in 2014–2024 (consumption growing 2.0% a year, production flat) consumption would "
        "overtake production in 2033, and in a range of years from other base years (between 2029 and 2035).")
    assert en.claim_e1_scenario(crossed, False) == "S."
