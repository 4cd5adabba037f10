"""Unit tests of kztm.investment on small hand-made tables."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest

from kztm.themes import investment as inv

INV = pd.DataFrame({
    "country_code": ["KAZ", "KAZ", "KAZ", "TKM", "TKM"],
    "year": [2000, 2001, 2002, 2000, 2001],
    "fdi_net_inflows_usd": [1e9, None, 3e9, 2e8, -1e8],
    "fdi_net_inflows_pct_gdp": [2.0, None, 4.0, 5.0, -1.0],
    "external_debt_usd": [10e9, 12e9, None, 1e9, 2e9],
})
MACRO = pd.DataFrame({"country_code": ["KAZ", "KAZ", "TKM"], "year": [2000, 2001, 2000],
                      "gdp_usd": [50e9, 60e9, 4e9]})


def test_cumulative_inflows_skip_missing_years_and_keep_negatives():
    assert inv.cumulative_inflows(INV, "KAZ", 2000, 2002) == (4e9, 2)
    assert inv.cumulative_inflows(INV, "TKM", 2000, 2001) == (1e8, 2)
    with pytest.raises(LookupError, match="UZB"):
        inv.cumulative_inflows(INV, "UZB", 2000, 2002)


def test_mean_share_of_gdp():
    assert inv.mean_share_of_gdp(INV, "KAZ", 2000, 2002) == pytest.approx(3.0)
    with pytest.raises(LookupError):
        inv.mean_share_of_gdp(INV, "KAZ", 2010, 2012)


def test_debt_to_gdp_only_where_both_exist():
    out = inv.debt_to_gdp(INV, MACRO)
    assert sorted(zip(out.country_code, out.year, strict=True)) == [("KAZ", 2000), ("KAZ", 2001), ("TKM", 2000)]
    assert out.set_index(["country_code", "year"]).debt_pct_gdp[("KAZ", 2001)] == pytest.approx(20.0)


def test_threshold_and_share_are_inverse():
    threshold = inv.material_threshold(40e9, 5)
    assert threshold == pytest.approx(2e9)
    assert inv.share_of(threshold, 40e9) == pytest.approx(5)
    with pytest.raises(ValueError):
        inv.material_threshold(40e9, 0)
    with pytest.raises(ValueError):
        inv.share_of(1, 0)


def test_materiality_curve():
    curve = inv.materiality_curve({"A": 1e9, "B": 2e9}, [1, 10])
    assert len(curve) == 4
    assert curve.set_index(["country", "share_pct"]).threshold_musd[("B", 10.0)] == pytest.approx(200)


FACTS = pd.DataFrame({
    "fact_id": ["F1", "F2", "F3"],
    "date": pd.to_datetime(["2024-05-27", "2025-11-25", "2025-11-25"]),
    "subject": ["Companies", "Companies", "Investment"],
    "value": [100, 140, 120],
    "unit": ["companies", "companies", "USD million (lower bound)"],
})


def test_quoted_fact_takes_the_latest():
    assert inv.quoted_fact(FACTS, "Companies").value == 140
    with pytest.raises(LookupError):
        inv.quoted_fact(FACTS, "Nothing")


def test_usd_from_fact_checks_the_unit():
    assert inv.usd_from_fact(inv.quoted_fact(FACTS, "Investment")) == pytest.approx(120e6)
    with pytest.raises(ValueError, match="F2"):
        inv.usd_from_fact(inv.quoted_fact(FACTS, "Companies"))
    assert not math.isnan(inv.usd_from_fact(FACTS.iloc[2]))


def test_law_number_reads_the_number_and_convocation():
    assert inv.law_number("Kazakhstan ratified the investment agreement by Law No. 217-VIII of 18 September "
                          "2025.") == "217-VIII"
    assert inv.law_number("Law of the Republic of Kazakhstan No. 217-VIII of 2025-09-18") == "217-VIII"
    with pytest.raises(LookupError, match="No law number"):
        inv.law_number("Kazakhstan ratified the agreement.")


def test_pct_of_gdp_by_vintage_divides_by_each_vintage_where_both_exist():
    from kztm.themes.indicators import pct_of_gdp_by_vintage

    vintages = pd.DataFrame({"country_code": ["TKM"] * 3, "year": [2022, 2023, 2024],
                             "gdp_usd_wdi_2026": [40e9, 39e9, 44e9], "gdp_usd_datahub_2026_03": [56e9, 60e9, None]})
    amounts = pd.DataFrame({"year": [2023, 2024], "amount_usd": [1.2e9, 1.6e9]})
    out = pct_of_gdp_by_vintage(amounts, vintages, "TKM")
    assert list(out.year) == [2023]  # 2024 lacks the second vintage
    assert out.pct_wdi_2026.iloc[0] == pytest.approx(1.2e9 / 39e9 * 100)
    assert out.pct_datahub_2026_03.iloc[0] == pytest.approx(2.0)
    with pytest.raises(LookupError, match="KAZ"):
        pct_of_gdp_by_vintage(amounts, vintages, "KAZ")


# --- the chapter's figures and sentences (thin notebook) -------------------------------------------------

def _params(a="KAZ", b="TKM", start=2000, end=2002):
    from kztm.params import validate_common

    return validate_common(a, b, [], start, end)


MACRO_ALL = pd.DataFrame({"country_code": ["KAZ", "KAZ", "TKM", "TKM"], "year": [2000, 2001, 2000, 2001],
                          "gdp_usd": [50e9, 60e9, 4e9, 5e9]})
VINTAGES = pd.DataFrame({"country_code": ["TKM", "TKM"], "year": [2000, 2001],
                         "gdp_usd_wdi_2026": [4e9, 5e9], "gdp_usd_datahub_2026_03": [4e9, 10e9]})


def test_country_figures_compare_the_pair_in_the_latest_year_with_inflows():
    f = inv.country_figures(INV, MACRO_ALL, VINTAGES, _params(end=2001), material_share_pct=10.0)
    # KAZ has no inflow in 2001, so the latest year is 2000 for both
    assert f["fdi_year"] == 2000 and f["fdi_a_bn"] == pytest.approx(1.0) and f["fdi_b_bn"] == pytest.approx(0.2)
    assert f["fdi_a_pct"] == 2.0 and f["fdi_b_pct"] == 5.0 and f["mean_pct_b"] == pytest.approx(2.0)
    assert f["cum_a_bn"] == pytest.approx(1.0) and f["threshold_a_bn"] == pytest.approx(0.1)
    assert f["debt_year"] == 2001 and f["debt_a_pct"] == pytest.approx(20.0) and f["debt_b_pct"] == pytest.approx(40.0)
    # Turkmenistan's inflows under both GDP vintages in the last year both cover: -1e8 / 5e9 and / 10e9
    assert (f["fdi_vintage_year"], f["fdi_tkm_main"], f["fdi_tkm_alt"]) == (2001, pytest.approx(-2.0),
                                                                             pytest.approx(-1.0))
    assert "fdi_vintage_year" not in inv.country_figures(INV.replace("TKM", "UZB"), MACRO_ALL.replace("TKM", "UZB"),
                                                         VINTAGES, _params("KAZ", "UZB", end=2001), 10.0)
    assert inv.cumulative_by_country(INV, _params()) == {"Kazakhstan": 4e9, "Turkmenistan": 1e8}


def test_the_fdi_finding_says_weighs_more_only_for_the_larger_share_and_adds_the_vintages_for_turkmenistan():
    larger_b = inv.fdi_finding({"fdi_a_pct": 1.0, "fdi_b_pct": 3.0}, with_vintages=True)
    assert larger_b.startswith("Relative to the size of the economy, foreign direct investment weighs more in {name_b}")
    assert "{fdi_tkm_alt:.1f}% on the March 2026 vintage ({fig:fig-investment-fdi-gdp})." in larger_b
    smaller_b = inv.fdi_finding({"fdi_a_pct": 3.0, "fdi_b_pct": 1.0}, with_vintages=False)
    assert smaller_b.startswith("In {fdi_year} net FDI inflows were") and "weighs more" not in smaller_b
    assert smaller_b.endswith("({fdi_b_pct:.1f}% of GDP) ({fig:fig-investment-fdi-gdp}).")


def test_the_debt_finding_names_the_more_indebted_country_first():
    assert inv.debt_finding({"debt_a_pct": 80.0, "debt_b_pct": 10.0}).startswith(
        "Foreign debt is a bigger exposure for {name_a} ({debt_a_pct:.0f}% of GDP in {debt_year}) than for {name_b}")
    assert inv.debt_finding({"debt_a_pct": 10.0, "debt_b_pct": 80.0}).startswith(
        "Foreign debt is a bigger exposure for {name_b} ({debt_b_pct:.0f}%")


def test_key_findings_on_bilateral_investment_for_the_pair_and_for_another():
    values = {"name_a": "Kazakhstan", "name_b": "Uzbekistan", "start_year": 2000, "end_year": 2024,
              "material_share_pct": 5.0, "threshold_b_bn": 3.456, "pair_notice": "Only for KAZ–TKM."}
    other = inv.key_findings(values, bilateral=False)
    assert other["kf_agreement"].endswith("treaty. Only for KAZ–TKM.")
    assert other["kf_scale"] == ("No bilateral FDI series was obtained for Kazakhstan–Uzbekistan: supplying 5% of "
                                 "Uzbekistan's FDI inflows of 2000–2024 would take USD 3.5 billion from Kazakhstan.")
    values |= {"signed_place": "Astana", "signed_day": "2 October 2024", "ratified_law": "217-VIII",
               "ratified_day": "18 September 2025", "quoted_musd": 300.0, "quoted_day": "5 May 2025",
               "quoted_share_pct": 0.7, "quoted_share_year_pct": 14.2, "quoted_share_year": 2024,
               "threshold_multiple": 7.4}
    pair = inv.key_findings(values, bilateral=True)
    assert "signed in Astana on 2 October 2024 was ratified by Kazakhstan (Law No. 217-VIII" in pair["kf_agreement"]
    assert "equals 0.7% of the FDI Turkmenistan recorded over 2000–2024, or 14% of its inflows in 2024" in (
        pair["kf_scale"])
    assert pair["kf_scale"].endswith("to supply 5% it would have to be 7 times as large.")


def test_share_steps_run_to_twenty_or_to_the_chosen_threshold():
    assert inv.share_steps(5.0)[:3] == [0.1, 0.2, 0.3] and inv.share_steps(5.0)[-1] == 20.0
    assert len(inv.share_steps(5.0)) == 200 and inv.share_steps(30.0)[-1] == 30.0


def test_facts_table_writes_dates_values_and_sites_as_read():
    facts = pd.DataFrame({"date": [pd.Timestamp("2025-05-05"), pd.NaT, pd.NaT],
                          "description": ["Investment", "Companies", "Agreement"],
                          "value": [300.0, 150.0, None], "unit": ["USD million (lower bound)", "companies", None],
                          "source_url": ["https://www.akorda.kz/x", "https://astanatimes.com/y", "https://t.me/z"]})
    table = inv.facts_table(facts)
    assert table.Date.tolist() == ["5 May 2025", "undated source", "undated source"]
    assert table.Value.tolist() == ["USD 300 million (lower bound)", "150 companies", ""]
    assert table.Source.tolist() == ["akorda.kz", "astanatimes.com", "t.me"]


def test_bilateral_figures_on_the_committed_facts_set_the_quoted_amount_against_turkmenistans_inflows():
    from kztm.data import load_dataset

    investment, facts, timeline = (load_dataset(n) for n in ("investment", "investment_facts", "timeline"))
    f = inv.bilateral_figures(investment, facts, timeline, _params(end=2024), material_share_pct=5.0)
    cum_host, _ = inv.cumulative_inflows(investment, "TKM", 2000, 2024)
    assert f["quoted_share_pct"] == pytest.approx(f["quoted_musd"] * 1e6 / cum_host * 100)
    assert f["threshold_host_musd"] == pytest.approx(cum_host * 0.05 / 1e6)
    assert f["threshold_multiple"] == pytest.approx(f["threshold_host_musd"] / f["quoted_musd"])
    assert f["signed_place"] and re.fullmatch(r"\d+-[IVXLC]+", f["ratified_law"])
    with pytest.raises(LookupError, match="no signing of the investment agreement"):
        inv.bilateral_figures(investment, facts, timeline.iloc[0:0], _params(end=2024), material_share_pct=5.0)


def test_fdi_of_both_countries_is_taken_in_the_same_year():
    """A first country with a later inflow than the second is read in the second's latest year."""
    import pandas as pd

    from kztm.params import validate_common
    from kztm.themes import investment as inv

    rows = pd.DataFrame({
        "country_code": ["KAZ", "KAZ", "UZB"], "country": ["Kazakhstan", "Kazakhstan", "Uzbekistan"],
        "year": [2022, 2023, 2022], "fdi_net_inflows_usd": [1e9, 5e9, 2e9],
        "fdi_net_inflows_pct_gdp": [1.0, 2.0, 3.0], "external_debt_usd": [1e10, 1e10, 1e9]})
    macro = pd.DataFrame({"country_code": ["KAZ", "KAZ", "UZB"], "year": [2022, 2023, 2022],
                          "gdp_usd": [2e11, 2.5e11, 5e10]})
    p = validate_common("KAZ", "UZB", [], 2000, 2025)
    figures = inv.country_figures(rows, macro, pd.DataFrame(), p, 5.0)
    assert figures["fdi_year"] == 2022 and figures["fdi_a_bn"] == 1.0 and figures["fdi_b_bn"] == 2.0
    assert figures["fdi_a_pct"] == 1.0
