"""Unit tests of kztm.investment on small hand-made tables."""

from __future__ import annotations

import math

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
