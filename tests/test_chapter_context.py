"""The Context chapter: executes for the default pair and another, its figures match the data."""

import math
import re

import nbformat
import pandas as pd
import pytest

from kztm.charts.render import FIGURE_MIME
from kztm.paths import ROOT
from kztm.pipeline.execute import ChapterError
from kztm.report.mime import PROSE_MIME

MACRO = ROOT / "data" / "macro.csv"


def _latest(df, code, column, up_to=None):
    rows = df[(df.country_code == code) & df[column].notna()]
    if up_to is not None:
        rows = rows[rows.year <= up_to]
    row = rows.sort_values("year").iloc[-1]
    return int(row.year), float(row[column])


@pytest.mark.parametrize("country_b", ["TKM", "UZB"])
def test_glued_figures_equal_the_data(run_chapter, country_b):
    _, glued = run_chapter("context", country_b=country_b)
    macro = pd.read_csv(MACRO)
    macro = macro[macro.year.between(1995, 2025)]
    gdp_year, gdp_a = _latest(macro, "KAZ", "gdp_usd")
    _, gdp_b = _latest(macro, country_b, "gdp_usd", gdp_year)
    pop_year, pop_b = _latest(macro, country_b, "population")
    assert glued["gdp_year"] == gdp_year
    assert glued["gdp_a_bn"] == pytest.approx(gdp_a / 1e9)
    assert glued["gdp_b_bn"] == pytest.approx(gdp_b / 1e9)
    assert glued["gdp_ratio"] == pytest.approx(gdp_a / gdp_b)
    assert glued["pop_b_m"] == pytest.approx(pop_b / 1e6)
    window = macro[(macro.country_code == country_b) & macro.year.between(2016, 2025)]
    assert glued["growth_b"] == pytest.approx(window.gdp_growth_pct.mean())
    assert glued["name_b"] == {"TKM": "Turkmenistan", "UZB": "Uzbekistan"}[country_b]


def test_every_chart_has_a_source_line_and_a_picture(run_chapter):
    notebook, _ = run_chapter("context")
    outputs = _figures(notebook)
    assert list(outputs) == ["fig-context-map", "fig-context-gdp", "fig-context-income", "fig-context-growth",
                             "fig-context-gdp-vintages"]
    for name, out in outputs.items():
        expected = ("Sources: Natural Earth", "GeoNames") if name == "fig-context-map" else ("World Bank",)
        assert all(e in out.data[FIGURE_MIME]["source"] for e in expected), name
        assert "<svg" in out.data["image/svg+xml"]
    assert "datahub" in outputs["fig-context-gdp-vintages"].data[FIGURE_MIME]["source"]


def _figures(notebook) -> dict:
    nb = nbformat.read(notebook, as_version=4)
    return {out.data[FIGURE_MIME]["name"]: out for cell in nb.cells for out in cell.get("outputs", [])
            if FIGURE_MIME in out.get("data", {})}


def _prose(notebook) -> str:
    nb = nbformat.read(notebook, as_version=4)
    return "\n".join(out.data[PROSE_MIME] for cell in nb.cells for out in cell.get("outputs", [])
                     if PROSE_MIME in out.get("data", {}))


def _haversine_km(lon1, lat1, lon2, lat2):
    lon1, lat1, lon2, lat2 = map(math.radians, (lon1, lat1, lon2, lat2))
    a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


@pytest.mark.parametrize("country_b", ["TKM", "UZB"])
def test_capitals_distance_is_measured_between_the_pairs_capitals(run_chapter, country_b):
    notebook, glued = run_chapter("context", country_b=country_b)
    features = pd.read_csv(ROOT / "data" / "map_features.csv")
    capitals = features[features.kind == "capital"].set_index("capital_of")
    a, b = capitals.loc["KAZ"], capitals.loc[country_b]
    assert glued["capital_a"] == "Astana" and glued["capital_b"] == b["name"]
    assert glued["capitals_km"] == pytest.approx(_haversine_km(a.longitude, a.latitude, b.longitude, b.latitude),
                                                 rel=1e-6)
    table = _figures(notebook)["fig-context-map"].data[FIGURE_MIME]["table"]
    assert "Astana" in table and b["name"] in table  # the pair's capitals are drawn for any pair


def test_gdp_box_ratios_under_both_vintages_equal_the_data(run_chapter):
    notebook, glued = run_chapter("context")
    v = pd.read_csv(ROOT / "data" / "gdp_vintages.csv").set_index(["country_code", "year"])
    both = v.loc["TKM"].dropna(subset=["gdp_usd_wdi_2026", "gdp_usd_datahub_2026_03"])
    year = int(both.index.max())
    main, alt = v.loc[("TKM", year), "gdp_usd_wdi_2026"], v.loc[("TKM", year), "gdp_usd_datahub_2026_03"]
    kaz_main, kaz_alt = v.loc[("KAZ", year), "gdp_usd_wdi_2026"], v.loc[("KAZ", year), "gdp_usd_datahub_2026_03"]
    trade = pd.read_csv(ROOT / "data" / "trade_country.csv").set_index(["country_code", "year"]).loc[("TKM", year)]
    fdi = pd.read_csv(ROOT / "data" / "investment.csv").set_index(["country_code", "year"]).loc[
        ("TKM", year), "fdi_net_inflows_usd"]
    pop = pd.read_csv(MACRO).set_index(["country_code", "year"]).loc[("TKM", year), "population"]
    merchandise = trade.merch_exports_usd + trade.merch_imports_usd
    assert glued["vint_year"] == year
    assert glued["vintage_gap_pct"] == pytest.approx(100 * (1 - main / alt))
    assert glued["gdp_ratio_vint"] == pytest.approx(kaz_main / main)
    assert glued["gdp_ratio_alt_vintage"] == pytest.approx(kaz_alt / alt)
    assert glued["tkm_pc_vint"] == pytest.approx(main / pop) and glued["tkm_pc_alt_vintage"] == pytest.approx(alt / pop)
    assert glued["tkm_trade_pct_vint"] == pytest.approx(100 * merchandise / main)
    assert glued["tkm_trade_pct_alt_vintage"] == pytest.approx(100 * merchandise / alt)
    assert glued["tkm_fdi_pct_vint"] == pytest.approx(100 * fdi / main)
    assert glued["tkm_fdi_pct_alt_vintage"] == pytest.approx(100 * fdi / alt)
    # The ratio under the report's vintage matches the WDI's own merchandise-trade share of GDP.
    assert glued["tkm_trade_pct_vint"] == pytest.approx(trade.merch_trade_pct_gdp, rel=1e-3)
    prose = _prose(notebook)
    assert "not explained in the data obtained" in prose  # the revision's reason is not stated as fact
    findings = prose[prose.index("Key findings"):].split(":::")[0]
    assert 3 <= findings.count("\n- ") <= 5


def test_drivers_quote_context_facts_with_their_own_sources(run_chapter):
    notebook, glued = run_chapter("context")
    facts = pd.read_csv(ROOT / "data" / "context_facts.csv").set_index("fact_id")
    prose = _prose(notebook)
    used = sorted({k[:-len("_source")].upper() for k in glued if re.fullmatch(r"[a-z]{3}\d\d_source", k)})
    assert len(used) >= 14 and {"TKM02", "TKM03", "TKM05"} <= set(used)  # neutrality and WTO, attributed
    drivers = set(facts.loc[used, "driver"])
    assert drivers == {"ukraine_war_sanctions", "iran_route_sanctions", "china_gas_demand", "afghanistan_tapi",
                       "turkmenistan_opening_neutrality", "amu_darya_water", "kazakhstan_gas_balance"}
    for fid in used:
        row = facts.loc[fid]
        assert glued[f"{fid.lower()}_source"] == row.source_name
        if pd.notna(row.value):
            assert glued[f"{fid.lower()}_value"] == pytest.approx(row.value)
        assert f"`{row.bib_key}`" in prose, f"{fid}: its source {row.bib_key} is not cited"
    share = 100 * facts.at["GAS13", "value"] / facts.at["GAS08", "value"]
    assert glued["gas_commercial_share_pct"] == pytest.approx(share)
    for chapter in ("energy", "logistics", "politics", "environment", "trade"):
        assert f"({chapter}.ipynb)" in prose, chapter  # each driver links to the chapter that treats it


def test_another_pair_keeps_the_map_and_says_what_is_kazakh_turkmen_only(run_chapter):
    notebook, glued = run_chapter("context", country_b="UZB")
    assert "gdp_ratio_alt_vintage" not in glued and "ukr01_source" not in glued
    assert list(_figures(notebook)) == ["fig-context-map", "fig-context-gdp", "fig-context-income",
                                        "fig-context-growth"]
    prose = _prose(notebook)
    assert prose.count("compiled only for Kazakhstan–Turkmenistan") == 2  # the GDP box and the drivers
    findings = prose[prose.index("Key findings"):].split(":::")[0]
    assert 3 <= findings.count("\n- ") <= 5  # three to five messages for any pair


@pytest.mark.parametrize(
    "overrides, fragment",
    [
        ({"country_b": "XXX"}, "country_b='XXX' is not a country"),
        ({"start_year": 2020, "end_year": 2010}, "start_year=2020 must be before end_year=2010"),
        ({"end_year": 2040}, "end_year=2040 is outside the data"),
    ],
)
def test_bad_parameters_fail_with_the_value_named(run_chapter, overrides, fragment):
    with pytest.raises(ChapterError) as err:
        run_chapter("context", **overrides)
    assert err.value.ename == "ParameterError"
    assert fragment in str(err.value)
