"""Computations of the context chapter (kztm.themes.context): distances and ratios under two GDP vintages."""

import pandas as pd
import pytest

from kztm.data import load_dataset
from kztm.themes import context as cx


def test_great_circle_distance_is_symmetric_and_matches_known_arcs():
    # A quarter of a meridian is a quarter of the circumference; one degree of the equator ≈ 111.2 km.
    assert cx.great_circle_km((0, 0), (0, 90)) == pytest.approx(cx.EARTH_RADIUS_KM * 3.141592653589793 / 2)
    assert cx.great_circle_km((10, 0), (11, 0)) == pytest.approx(111.19, abs=0.01)
    a, b = (71.44598, 51.1801), (58.38333, 37.95)
    assert cx.great_circle_km(a, b) == pytest.approx(cx.great_circle_km(b, a))


def test_capital_position_comes_from_map_features():
    features = load_dataset("map_features")
    assert cx.capital_position(features, "KAZ") == pytest.approx((71.44598, 51.1801))
    with pytest.raises(LookupError, match="AZE"):
        cx.capital_position(features, "AZE")


def _frames():
    vintages = pd.DataFrame({"country_code": ["AAA", "AAA", "BBB", "BBB"], "year": [2022, 2023, 2022, 2023],
                             cx.MAIN_VINTAGE: [100.0, 120.0, 10.0, 12.0], cx.ALT_VINTAGE: [100.0, 120.0, 15.0, None]})
    macro = pd.DataFrame({"country_code": ["BBB"], "year": [2022], "population": [2.0]})
    trade = pd.DataFrame({"country_code": ["BBB"], "year": [2022], "merch_exports_usd": [3.0],
                          "merch_imports_usd": [1.5]})
    investment = pd.DataFrame({"country_code": ["BBB"], "year": [2022], "fdi_net_inflows_usd": [0.3]})
    return vintages, macro, trade, investment


def test_every_ratio_is_computed_under_each_vintage_from_the_same_numerators():
    vintages, macro, trade, investment = _frames()
    assert cx.last_common_year(vintages, "BBB") == 2022  # 2023 has only one vintage
    r = cx.ratios_by_vintage(vintages, macro, trade, investment, other="AAA", revised="BBB", year=2022)
    r = r.set_index("key")
    assert r.loc["gdp_multiple"].tolist() == pytest.approx([10.0, 100 / 15])
    assert r.loc["gdp_per_capita"].tolist() == pytest.approx([5.0, 7.5])
    assert r.loc["trade_pct_gdp"].tolist() == pytest.approx([45.0, 30.0])
    assert r.loc["fdi_pct_gdp"].tolist() == pytest.approx([3.0, 2.0])
    with pytest.raises(LookupError, match="trade_country has no merch_exports_usd for BBB in 2023"):
        cx.ratios_by_vintage(vintages.fillna(15.0), macro.assign(year=2023), trade, investment, "AAA", "BBB", 2023)


def test_vintages_part_from_the_first_year_they_stay_apart():
    v = pd.DataFrame({"country_code": ["X"] * 5, "year": [2014, 2015, 2016, 2017, 2018],
                      cx.MAIN_VINTAGE: [1.0, 0.95, 1.0, 0.9, 0.8], cx.ALT_VINTAGE: [1.0, 1.0, 1.0, 1.0, 1.0]})
    assert cx.vintages_part_from(v, "X") == 2017  # 2015 differs, but 2016 agrees again
    assert cx.largest_vintage_gap_pct(v, "X", (2014, 2016)) == pytest.approx(5.0)
    with pytest.raises(LookupError, match="do not part"):
        cx.vintages_part_from(v.assign(**{cx.MAIN_VINTAGE: 1.0}), "X")


def test_the_real_revision_concerns_turkmenistan_not_kazakhstan():
    v = load_dataset("gdp_vintages")
    assert cx.vintages_part_from(v, "TKM") == 2016
    assert cx.largest_vintage_gap_pct(v, "KAZ", (2000, cx.last_common_year(v, "KAZ"))) < 1.0


def test_mirror_since_is_the_year_after_the_last_own_report():
    rows = pd.DataFrame({"reporter_code": ["T"] * 4, "partner_code": ["K"] * 4, "year": [2002, 2003, 2004, 2005],
                         "basis": ["reported", "reported", "mirror", "mirror"]})
    assert cx.mirror_since(rows, "T", "K") == 2004
    assert cx.mirror_since(rows.assign(basis="reported"), "T", "K") is None
    assert cx.mirror_since(load_dataset("bilateral_trade"), "TKM", "KAZ") == 2004


def test_vintage_table_formats_each_row_in_its_unit():
    vintages, macro, trade, investment = _frames()
    r = cx.ratios_by_vintage(vintages, macro, trade, investment, "AAA", "BBB", 2022).set_index("key")
    table = cx.vintage_table(r, "Aland")
    assert table.Ratio.iloc[0] == "Aland's GDP as a multiple of Turkmenistan's (times)"
    assert table[cx.VINTAGE_LABELS[cx.MAIN_VINTAGE]].tolist() == ["10.0", "5", "45.0", "3.0"]
    assert table[cx.VINTAGE_LABELS[cx.ALT_VINTAGE]].tolist() == ["6.7", "8", "30.0", "2.0"]


# --- the chapter's figures and key findings (thin notebook) ---------------------------------------------

def _params(a, b, start=2010, end=2020):
    from kztm.params import validate_common

    return validate_common(a, b, [], start, end)


def test_country_figures_take_the_latest_year_of_the_first_country_and_average_ten_years_of_growth():
    macro = pd.DataFrame({"country_code": ["KAZ"] * 3 + ["TKM"] * 3, "year": [2010, 2019, 2020] * 2,
                          "population": [16e6, 18e6, 19e6, 5e6, 6e6, None],
                          "gdp_usd": [100e9, 180e9, 170e9, 20e9, 40e9, 45e9],
                          "gdp_per_capita_usd": [6000.0, 10000.0, None, 4000.0, 6500.0, 7000.0],
                          "gdp_growth_pct": [7.0, 4.0, -2.0, 9.0, 6.0, 5.0]})
    features = load_dataset("map_features")
    f = cx.country_figures(macro, features, _params("KAZ", "TKM"))
    assert (f["pop_year"], f["pop_a_m"], f["pop_b_m"]) == (2020, 19.0, 6.0)  # TKM's latest up to 2020 is 2019
    assert f["gdp_ratio"] == pytest.approx(170 / 45) and (f["pc_year"], f["pc_ratio"]) == (2019, 10000 / 6500)
    assert f["growth_a"] == pytest.approx(1.0) and (f["growth_from"], f["growth_to"]) == (2011, 2020)  # 2010 out
    assert (f["capital_a"], f["capital_b"]) == ("Astana", "Ashgabat")
    assert f["capitals_km"] == pytest.approx(cx.great_circle_km(cx.capital_position(features, "KAZ"),
                                                                cx.capital_position(features, "TKM")))


def test_the_vintage_box_needs_turkmenistan_and_a_partner_with_both_vintages():
    vintages, macro, trade, investment = (load_dataset(n) for n in ("gdp_vintages", "macro", "trade_country",
                                                                     "investment"))
    assert cx.vintage_box(vintages, macro, trade, investment, _params("KAZ", "UZB")) is None
    assert cx.vintage_box(vintages, macro, trade, investment, _params("UZB", "TKM")) is None  # UZB has no vintages
    box = cx.vintage_box(vintages, macro, trade, investment, _params("TKM", "KAZ"))
    assert box.other == "KAZ" and box.other_name == "Kazakhstan" and box.year == cx.last_common_year(vintages, "TKM")


def test_vintage_figures_keep_the_multiple_as_the_first_countrys_gdp_over_the_seconds():
    vintages, macro, trade, investment, dots = (load_dataset(n) for n in (
        "gdp_vintages", "macro", "trade_country", "investment", "bilateral_trade"))
    kaz_first = cx.vintage_figures(cx.vintage_box(vintages, macro, trade, investment, _params("KAZ", "TKM")),
                                   vintages, dots, _params("KAZ", "TKM"))
    tkm_first = cx.vintage_figures(cx.vintage_box(vintages, macro, trade, investment, _params("TKM", "KAZ")),
                                   vintages, dots, _params("TKM", "KAZ"))
    assert kaz_first["gdp_ratio_vint"] > 1 and kaz_first["gdp_ratio_vint"] * tkm_first["gdp_ratio_vint"] == (
        pytest.approx(1.0))
    assert kaz_first["vintage_gap_pct"] == pytest.approx(
        100 * (1 - kaz_first["tkm_gdp_bn_vint"] / kaz_first["tkm_gdp_bn_alt_vintage"]))
    assert kaz_first["mirror_from"] == 2004 and kaz_first["vintages_part_from"] == 2016


def test_driver_figures_derive_the_marketable_share_of_kazakh_gas():
    f = cx.driver_figures(load_dataset("context_facts"))
    assert f["gas_commercial_share_pct"] == pytest.approx(100 * f["gas13_value"] / f["gas08_value"])
    assert all(f"{fid.lower()}_when" in f and f"{fid.lower()}_source" in f for fid in cx.DRIVER_FACTS)


@pytest.mark.parametrize("with_vintages, bilateral, n, third", [
    (True, True, 4, "Turkmenistan's statistics"), (True, False, 3, "Turkmenistan's statistics"),
    (False, False, 3, "Reported real growth"), (False, True, 4, "Reported real growth")])
def test_key_findings_choose_statistics_or_growth_and_add_the_drivers_only_for_the_pair(with_vintages, bilateral,
                                                                                          n, third):
    findings = cx.key_findings(with_vintages, bilateral)
    assert len(findings) == n and findings[2].startswith(third)
    assert ("{gdp_ratio_alt_vintage:.1f}" in findings[0]) is with_vintages
    assert findings[-1].startswith("The relationship is driven from outside") is bilateral
