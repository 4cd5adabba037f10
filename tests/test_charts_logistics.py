"""Charts of the logistics chapter (kztm.charts.logistics), built from small tables and drawn to SVG with vl-convert.
The region map has its own tests (test_charts_maps.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from kztm.charts import logistics as charts
from kztm.charts.render import static_svg
from kztm.charts.theme import ACCENT, COUNTRY_COLORS, INK, MUTED
from kztm.themes import logistics as lg

QUOTED = pd.DataFrame([
    {"id": "Q07", "indicator": "KZ-TM cargo traffic", "period_start": "2023-01-01", "period_end": "2023-12-31",
     "months": 12, "value": 1.3, "unit": "million tonnes", "change_stated": "+20% y/y", "status": "stated",
     "source_url": "https://example.org/a", "source_date": "2024-05-27"},
    {"id": "Q11", "indicator": "Kazakhstan-Turkmenistan-Iran railway volume", "period_start": "2025-01-01",
     "period_end": "2025-10-31", "months": 10, "value": 1.5, "unit": "million tonnes", "change_stated": "+14% y/y",
     "status": "stated", "source_url": "https://example.org/b", "source_date": "2025-11-25"},
])
INDICATORS = pd.DataFrame({
    "country_code": ["KAZ", "TKM", "KAZ", "TKM", "KAZ"], "country": ["Kazakhstan", "Turkmenistan"] * 2 + ["Kazakhstan"],
    "year": [2014, 2014, 2018, 2018, 2022], "lpi_overall": [2.7, 2.3, 2.81, 2.41, 2.7],
    "rail_route_km": [14800.0, 3115.0, 16041.0, 7680.0, 16006.0]})


def test_volumes_bars_derived_diamond_and_capacity_bands():
    capacity = lg.stated_capacity("3-5 Mt/yr at first, 10-12 Mt/yr later")
    annual = lg.annualised(1.5, 10)
    fig = charts.volumes(QUOTED, QUOTED.iloc[1], annual, capacity, "Quoted volumes of 1.3–1.5 Mt are below 3–5 Mt/yr")
    spec, svg = fig.spec(), static_svg(fig)
    for mark in ('class="mark-rect role-mark', 'class="mark-symbol role-mark', 'class="mark-text role-mark'):
        assert mark in svg, mark
    assert "Million tonnes" in svg and "Kazakhstan–Turkmenistan–Iran railway, Jan–Oct 2025" in svg
    assert "3–5 Mt/yr at first" in svg
    bars, diamond = spec["layer"][2], spec["layer"][3]
    assert {t["field"] for t in bars["encoding"]["tooltip"]} >= {"figure_text", "period_text", "value", "change_stated",
                                                                 "source_url"}
    assert bars["mark"]["color"] == ACCENT and diamond["mark"]["color"] == INK
    assert spec["layer"][0]["mark"]["color"] == MUTED
    assert "Sources: Official figures quoted in the press" in svg  # trade_bilateral, then logistics_routes
    assert list(fig.data.columns) == ["Figure", "Period", "Kind", "Million tonnes", "Change stated"]
    assert fig.data.Kind.tolist() == ["quoted", "quoted", "derived", "stated capacity, lower end",
                                      "stated capacity, lower end", "stated capacity, upper end",
                                      "stated capacity, upper end"]
    assert fig.data["Million tonnes"].tolist() == pytest.approx([1.3, 1.5, 1.8, 3, 10, 5, 12])


@pytest.mark.parametrize("builder, column, axis", [
    (charts.lpi, "lpi_overall", "LPI overall score (1 = low, 5 = high)"),
    (charts.rail_network, "rail_route_km", "Railway lines, route-km"),
])
def test_indicator_lines_use_the_country_colours_and_unit_axes(builder, column, axis):
    rows = INDICATORS.dropna(subset=[column])
    fig = builder(rows, ["KAZ", "TKM"], "A finding")
    spec, svg = fig.spec(), static_svg(fig)
    assert 'class="mark-line role-mark' in svg and 'class="mark-symbol role-mark' in svg
    assert axis in svg and "Year" in svg
    assert spec["encoding"]["color"]["scale"]["range"] == [COUNTRY_COLORS["KAZ"], COUNTRY_COLORS["TKM"]]
    assert {t["field"] for t in spec["encoding"]["tooltip"]} == {"country", "year", column}
    assert "Source: World Bank, World Development Indicators" in svg
    assert fig.data.shape == (len(rows), 3) and fig.data.columns[0] == "Country"
    assert any(unit in fig.data.columns[2] for unit in ("(1 = low, 5 = high)", "(route-km)"))
    # Scores are read against each other (axis from the lowest score); lengths from zero.
    assert spec["encoding"]["y"]["scale"]["zero"] is (column == "rail_route_km")


def test_lpi_subtitle_lists_the_survey_years():
    fig = charts.lpi(INDICATORS, ["KAZ", "TKM"], "LPI 2018")
    assert "surveys 2014, 2018, 2022." in fig.subtitle


def test_savings_line_sliders_and_the_illustrative_cost():
    curve = lg.savings_curve(1.5, 100.0, max_pct=40)
    fig = charts.savings(curve, 1.5, 100.0, 15.0, (15.0, 20.0), "Volume: 1.5 Mt, quoted for January–October 2025",
                         "A 15% cut on an illustrative USD 100/t would save USD 22.5 million on 1.5 Mt")
    spec, svg = fig.spec(), static_svg(fig)
    for mark in ('class="mark-rect role-mark', 'class="mark-line role-mark', 'class="mark-rule role-mark',
                 'class="mark-symbol role-mark'):
        assert mark in svg, mark
    assert "Saving, USD million" in svg and "Reduction in logistics cost, %" in svg
    assert "USD 22.5 million" in svg  # the marker's label, computed by Vega from the sliders' defaults
    params = {p["name"]: p for p in spec["params"]}
    assert params["reduction_pct"]["value"] == 15.0 and params["cost_usd_t"]["value"] == 100.0
    assert params["reduction_pct"]["bind"]["max"] == 40.0
    point = spec["layer"][3]
    assert {t["field"] for t in point["encoding"]["tooltip"]} == {"reduction_pct", "cost", "volume", "savings"}
    assert spec["layer"][1]["mark"]["color"] == ACCENT and point["mark"]["color"] == INK
    assert "illustrative" in fig.subtitle and "not a measured cost" in fig.note and "not a measured cost" in svg
    assert "15–20% claimed" in fig.subtitle
    assert list(fig.data.columns) == ["Reduction in logistics cost (%)", "Saving at USD 100 a tonne (USD million)"]
    assert fig.data.iloc[15, 1] == pytest.approx(22.5)
