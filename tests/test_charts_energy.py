"""Charts of the energy chapter, built from small frames and drawn to SVG with vl-convert.

Each test guards what a reader relies on: the marks are drawn, axes name their units, the source line
comes from the data package, tooltips carry the values, colours come from the theme, the data table
has units in its headers, and the scenario's in-browser arithmetic agrees with the package's.
"""

from __future__ import annotations

import html
import json
import re

import pandas as pd
import pytest
import vl_convert

from kztm.charts import energy as charts
from kztm.charts.render import static_svg, use_report_charts
from kztm.charts.theme import COUNTRY_COLORS, ELECTRICITY_SOURCE_COLORS, HIGHLIGHT, INK, MUTED
from kztm.themes.energy import GasScenario, gas_balance


@pytest.fixture(autouse=True)
def report_theme():
    use_report_charts()


def gas_rows():
    rows = []
    for code, name, scale in (("KAZ", "Kazakhstan", 1.0), ("TKM", "Turkmenistan", 2.5)):
        for year, prod, cons, source in ((2012, 30.0, 10.0, "bp_2021"), (2013, 31.0, 12.0, "bp_2021"),
                                         (2014, 32.0, 14.0, "owid_energy_2025"), (2015, 29.0, 16.0,
                                                                                  "owid_energy_2025")):
            for flow, value in (("production", prod * scale), ("consumption", cons)):
                rows.append((code, name, year, flow, value * 10, value, source, "published"))
    return pd.DataFrame(rows, columns=["country_code", "country", "year", "flow", "value_twh", "value_bcm", "source",
                                       "bcm_basis"])


def svg_text(svg: str) -> str:
    """All text drawn in an SVG, in order, unescaped and joined by single spaces (wrapped lines rejoined)."""
    return " ".join(html.unescape(" ".join(re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.DOTALL))).split())


def tooltip_titles(spec) -> set[str]:
    """Every tooltip title anywhere in a Vega-Lite spec."""
    titles = set()

    def walk(node):
        if isinstance(node, dict):
            tip = node.get("tooltip")
            for item in tip if isinstance(tip, list) else [tip] if isinstance(tip, dict) else []:
                if isinstance(item, dict) and "title" in item:
                    titles.add(item["title"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    return titles


def test_gas_flows_draws_solid_and_dashed_lines_per_country_with_units():
    balance = gas_balance(gas_rows(), "bcm")
    fig = charts.gas_flows(balance, ["KAZ", "TKM"], "bcm", "billion cubic metres", "A finding", (2012, 2015))
    svg = static_svg(fig)
    assert svg.count('class="mark-line') >= 1 and "stroke-dasharray=\"5,3\"" in svg
    assert "Natural gas, billion cubic metres" in svg and "A finding" in svg
    assert fig.source_line() in svg_text(svg) and "Statistical Review" in fig.source_line()
    spec = json.dumps(fig.spec())
    assert COUNTRY_COLORS["KAZ"] in spec and COUNTRY_COLORS["TKM"] in spec
    assert {"Country", "Year", "Flow", "Gas (bcm)", "Vintage"} <= tooltip_titles(fig.spec())
    assert list(fig.data.columns) == ["Country", "Year", "Flow", "Natural gas (bcm)", "Vintage"]
    assert len(fig.data) == 16 and set(fig.data.Vintage) == {"BP 2021", "Energy Institute via OWID"}
    assert "1990" not in fig.subtitle and "2012–2015" in fig.subtitle


def test_gas_flows_in_twh_names_the_unit():
    fig = charts.gas_flows(gas_balance(gas_rows(), "TWh"), ["KAZ", "TKM"], "TWh", "terawatt-hours", "T", (2012, 2015))
    assert "Natural gas, terawatt-hours" in static_svg(fig)
    assert "Natural gas (TWh)" in fig.data.columns
    assert fig.data["Natural gas (TWh)"].max() == pytest.approx(800.0)


def test_gas_surplus_bars_only_for_the_codes_given():
    balance = gas_balance(gas_rows(), "bcm")
    fig = charts.gas_surplus(balance, ["KAZ"], "bcm", "billion cubic metres", "Surplus fell", (2012, 2015))
    svg = static_svg(fig)
    assert svg.count('class="mark-rect') >= 1 and "Production minus consumption, billion cubic metres" in svg
    assert fig.source_line() in svg_text(svg)
    assert set(fig.data.Country) == {"Kazakhstan"}
    assert fig.data["Surplus (bcm)"].tolist() == [20.0, 19.0, 18.0, 13.0]
    assert {"Surplus (bcm)", "Surplus (% of production)"} <= tooltip_titles(fig.spec())
    assert "Surplus (% of production)" in fig.data.columns


def test_reserves_greys_countries_outside_the_chapter():
    latest = pd.DataFrame({"country_code": ["TKM", "KAZ", "IRN"], "country": ["Turkmenistan", "Kazakhstan", "Iran"],
                           "year": [2020] * 3, "proved_reserves_tcm": [13.6, 2.3, 32.1]})
    fig = charts.reserves(latest, ["KAZ", "TKM"], "Turkmenistan reports 13.6", 2020)
    svg = static_svg(fig)
    assert svg.count('class="mark-rect') >= 1
    assert "Proved gas reserves, trillion cubic metres" in svg and "end of 2020" in fig.subtitle
    assert fig.source_line() in svg_text(svg)
    colours = dict(zip(latest.country_code, fig.chart.data.color, strict=True))
    assert colours == {"TKM": COUNTRY_COLORS["TKM"], "KAZ": COUNTRY_COLORS["KAZ"], "IRN": MUTED}
    assert fig.data["Country"].tolist() == ["Iran", "Turkmenistan", "Kazakhstan"]  # largest first
    assert "Proved reserves (trillion m³)" in fig.data.columns


def test_oil_flows_in_twh():
    oil = pd.DataFrame({"country_code": ["KAZ"] * 4, "country": ["Kazakhstan"] * 4, "year": [2020, 2020, 2021, 2021],
                        "flow": ["production", "consumption"] * 2, "value_twh": [1000.0, 190.0, 1010.0, None],
                        "source": ["owid_energy_2025"] * 4})
    fig = charts.oil_flows(oil, ["KAZ"], "Oil finding", (2020, 2021))
    svg = static_svg(fig)
    assert 'class="mark-line' in svg and "Oil, TWh (energy content)" in svg
    assert fig.source_line() in svg_text(svg)
    assert len(fig.data) == 3 and "Oil (TWh)" in fig.data.columns  # the missing value is not drawn
    assert {"Oil (TWh)", "Vintage"} <= tooltip_titles(fig.spec())


def test_electricity_mix_uses_the_theme_source_colours_and_bar_order():
    mix = pd.DataFrame({
        "country_code": ["KAZ", "KAZ", "KAZ", "TKM"], "country": ["Kazakhstan"] * 3 + ["Turkmenistan"],
        "year": [2024, 2024, 2024, 2023], "source": ["coal", "gas", "solar", "gas"],
        "generation_twh": [60.0, 30.0, 0.0, 33.0], "share_pct": [66.7, 33.3, 0.0, 100.0],
    })
    fig = charts.electricity_mix(mix, ["TKM", "KAZ"], "Mix finding")
    svg = static_svg(fig)
    assert svg.count('class="mark-rect') >= 1 and "Share of electricity generation, %" in svg
    assert fig.source_line() in svg_text(svg)
    scale = fig.spec()["encoding"]["color"]["scale"]
    assert dict(zip(scale["domain"], scale["range"], strict=True)) == ELECTRICITY_SOURCE_COLORS
    assert fig.spec()["encoding"]["y"]["sort"] == ["Turkmenistan (2023)", "Kazakhstan (2024)"]
    assert "Solar" not in set(fig.data.Source)  # zero shares are not drawn
    assert list(fig.data.columns) == ["Country", "Year", "Source", "Generation (TWh)", "Share of generation (%)"]


def scenario_figure(cons_rate=3.4, prod_rate=-1.0):
    balance = gas_balance(gas_rows(), "bcm")
    recorded = balance[balance.country_code == "KAZ"]
    scenario = GasScenario(2015, 29.0, 16.0, prod_rate, cons_rate, 2050)
    fig = charts.gas_scenario(recorded, scenario.path(), "bcm", "billion cubic metres", "Scenario finding",
                              (cons_rate, prod_rate))
    return scenario, fig


def test_gas_scenario_marks_the_same_crossover_year_as_the_package():
    scenario, fig = scenario_figure()
    svg = static_svg(fig)
    assert scenario.crossover_year() is not None
    label = f'<tspan>Consumption overtakes</tspan><tspan x="0" dy="13">production in {scenario.crossover_year()}'
    assert label in svg
    assert 'class="mark-line' in svg and 'class="mark-rule' in svg and "Natural gas, billion cubic metres" in svg
    assert "not a forecast" in svg_text(svg) and fig.source_line() in svg_text(svg)
    assert {p["name"] for p in fig.spec()["params"]} == {"cons_growth", "prod_growth"}
    spec = json.dumps(fig.spec())
    assert INK in spec and HIGHLIGHT in spec
    assert {"Projected (bcm)", "Recorded (bcm)", "Scenario"} <= tooltip_titles(fig.spec())
    projected = fig.data[fig.data["Recorded or projected"] == "projected"]
    assert projected.Year.max() == 2050 and "Natural gas (bcm)" in fig.data.columns


def test_gas_scenario_label_stays_on_the_side_of_the_rule_with_room():
    """Left of the rule when the crossover is in the right half of the plot, right of it otherwise, so that
    the label never runs past the plot on a phone (about 300 px)."""
    anchors = {}
    for cons_rate in (3.4, 1.2):
        scenario, fig = scenario_figure(cons_rate=cons_rate)
        spec = fig.spec() | {"width": 300}
        svg = vl_convert.vegalite_to_svg(spec)
        label = re.search(r'<text[^>]*text-anchor="(\w+)"[^>]*><tspan>Consumption overtakes', svg)
        anchors[scenario.crossover_year()] = label.group(1)
    assert anchors == {2029: "start", 2043: "end"}


def test_gas_scenario_without_crossover_says_so():
    scenario, fig = scenario_figure(cons_rate=0.0, prod_rate=0.0)
    assert scenario.crossover_year() is None
    svg = static_svg(fig)
    assert "No crossover by 2050" in svg and not re.search(r"overtakes production in \d{4}", svg)
    assert "+0.0%" in fig.subtitle


def sensitivity_table():
    return pd.DataFrame({"base_year": [2014, 2018, 2021], "window_years": [10, 6, 3],
                         "production_growth_pct": [-1.0, -4.5, 3.6], "consumption_growth_pct": [3.4, 3.7, -1.4],
                         "crossover_year": pd.array([2033, 2029, None], dtype="Int64"),
                         "surplus_base": [17.9, 22.5, 5.1], "surplus_fall_pct": [50.0, 60.0, -77.0],
                         "source": ["owid_energy_2025"] * 3})


def test_crossover_sensitivity_marks_the_default_and_the_windows_without_a_crossover():
    fig = charts.crossover_sensitivity(sensitivity_table(), 2014, 2050, "The year moves", "bcm")
    svg = static_svg(fig)
    text = svg_text(svg)
    assert 'class="mark-symbol' in svg and 'class="mark-text' in svg
    assert "Year consumption overtakes production" in text and "Base year of the growth window" in text
    assert "none by 2050" in text and "2029" in text and "2033" in text
    assert fig.source_line() in text and "Derived here" in text
    spec = json.dumps(fig.spec())
    assert HIGHLIGHT in spec and INK in spec and MUTED in spec
    reached = fig.spec()["layer"][0]
    assert reached["encoding"]["color"]["scale"] == {"domain": ["default scenario", "other base year"],
                                                     "range": [HIGHLIGHT, INK]}
    assert {"Growth window", "Production growth (% a year)", "Consumption overtakes production"} <= tooltip_titles(
        fig.spec())
    assert fig.data["Growth window"].tolist() == ["2014–2024", "2018–2024", "2021–2024"]
    assert fig.data["Consumption overtakes production (year)"].tolist() == ["2033", "2029", "none by 2050"]
    assert "Surplus in the base year (bcm)" in fig.data.columns
    assert "Surplus in the base year (TWh)" in charts.crossover_sensitivity(sensitivity_table(), 2014, 2050, "T",
                                                                            "TWh").data.columns


def national_rows():
    return pd.DataFrame({"year": [2022, 2023, 2022, 2023, 2024],
                         "measure": ["commercial gas"] * 2 + ["raw production"] * 3,
                         "value_bcm": [27.8, 29.8, 53.3, 59.1, 60.5],
                         "value_kind": ["outturn"] * 4 + ["target"], "value_status": ["stated"] * 5,
                         "source_name": ["The Astana Times", "Kazakhstan Today", "The Astana Times", "Trend", "TASS"],
                         "fact_id": ["GAS05", "GAS13", "GAS04", "GAS08", "GAS16"]})


def test_commercial_vs_raw_draws_the_series_as_a_line_and_the_quotes_as_points_hollow_for_a_plan():
    series = pd.DataFrame({"year": [2021, 2022, 2023, 2024], "production": [26.7, 27.6, 29.5, 29.7]})
    fig = charts.commercial_vs_raw(series, national_rows(), "Half of raw gas", (2021, 2024))
    svg = static_svg(fig)
    text = svg_text(svg)
    assert 'class="mark-line' in svg and 'class="mark-symbol' in svg
    assert "Natural gas, billion cubic metres" in text and "as stated by the energy ministry" in text
    assert "2021–2024" in fig.subtitle and "Hollow point: a plan" in fig.subtitle
    assert fig.source_line() in text and "not a statistical series" in text
    assert fig.datasets == ("energy_gas", "context_facts")
    groups = vl_convert.vegalite_to_svg(fig.spec()).split('class="mark-symbol')[1:]
    fills = [f for group in groups for f in re.findall(r'fill="([^"]+)"', group.split("</g>", 1)[0])]
    assert fills.count("white") == 1 and fills.count(HIGHLIGHT) >= 2  # only the 2024 plan is hollow
    spec = json.dumps(fig.spec())
    assert COUNTRY_COLORS["KAZ"] in spec and HIGHLIGHT in spec and INK in spec
    assert {"Series", "Gas (bcm)", "Kind", "Source"} <= tooltip_titles(fig.spec())
    assert list(fig.data.columns) == ["Series", "Year", "Natural gas (bcm)", "Kind", "Source"]
    assert fig.data.Kind.tolist().count("statistic") == 4 and fig.data.Kind.tolist().count("quoted plan") == 1
