"""Charts of the logistics chapter (kztm.charts.logistics), built from small tables and drawn to SVG with vl-convert.
The region map has its own tests (test_charts_maps.py)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from kztm.charts import logistics as charts
from kztm.charts.render import static_svg
from kztm.charts.theme import ACCENT, COUNTRY_COLORS, INK, MUTED, PAPER
from kztm.data import load_dataset
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


RAIL = pd.DataFrame([
    {"id": "L10", "subject": "Kazakhstan-Turkmenistan-Iran railway", "indicator": "KTI railway cargo",
     "period_start": pd.Timestamp("2019-01-01"), "period_end": pd.Timestamp("2019-12-31"), "mt": 1.0, "months": 12,
     "status": "stated", "status_detail": "stated", "source_url": "http://www.example.org/a",
     "source_date": "2020-05-04",
     "what": "the whole line"},
    {"id": "L11", "subject": "crossing", "indicator": "crossing cargo", "period_start": pd.Timestamp("2020-01-01"),
     "period_end": pd.Timestamp("2020-03-31"), "mt": 0.273, "months": 3, "status": "stated", "status_detail": "stated",
     "source_url": "https://en.example.net/b", "source_date": "2020-05-04", "what": "a crossing"},
    {"id": "L12", "subject": "station", "indicator": "station cargo", "period_start": pd.Timestamp("2022-01-01"),
     "period_end": pd.Timestamp("2022-12-31"), "mt": 1.2, "months": 12, "status": "derived",
     "status_detail": "stated (sum computed here)", "source_url": "https://c.kz/x", "source_date": "2023",
     "what": "a station"},
])


def test_volumes_tell_quoted_part_year_and_derived_points_apart_against_the_design_bands():
    capacity = lg.stated_capacity("3-5 Mt/yr at first, 10-12 Mt/yr later")
    fig = charts.volumes(RAIL, QUOTED.iloc[1], lg.annualised(1.5, 10), capacity, "Rail cargo of 1.0–1.6 Mt a year")
    spec, svg = fig.spec(), static_svg(fig)
    for mark in ('class="mark-rect role-mark', 'class="mark-symbol role-mark', 'class="mark-text role-mark'):
        assert mark in svg, mark
    assert "stated design later: 10–12 Mt a year" in svg and "Million tonnes (capacity: a year)" in svg
    dots = spec["layer"][2]
    assert dots["encoding"]["shape"]["scale"]["domain"] == charts.FIGURE_KINDS
    fill = dots["encoding"]["fill"]["scale"]
    assert fill["range"][0] == ACCENT and set(fill["range"][1:]) == {PAPER}  # only quoted full years are filled
    assert {"what", "period", "mt", "kind", "status", "source"} <= {t["field"] for t in dots["encoding"]["tooltip"]}
    assert spec["layer"][0]["mark"]["color"] == MUTED
    kinds = dict(zip(fig.data["Period"], fig.data["Kind"], strict=True))
    assert kinds["2019"] == "quoted, full year" and kinds["January–March 2020"] == "quoted, part of a year"
    assert kinds["2022"] == "derived here" and kinds["January–October 2025"] == "quoted, part of a year"
    assert fig.data["Million tonnes"].tolist()[:5] == pytest.approx([1.0, 0.273, 1.2, 1.5, 1.8])
    assert fig.data["Source (site)"].tolist()[:3] == ["example.org", "example.net", "c.kz"]
    assert "logistics_quoted" in fig.datasets and "Hollow marks" in fig.note
    assert fig.title not in fig.subtitle


def test_ports_draw_capacity_as_an_outline_and_name_each_period():
    figures = lg.port_figures(load_dataset("logistics_quoted"))
    fig = charts.ports(figures, "Aktau handled 3.8 Mt in 2022, 35% of its stated capacity")
    spec, svg = fig.spec(), static_svg(fig)
    assert 'class="mark-rect role-mark' in svg and "Aktau · capacity, 2024" in svg
    assert "Kuryk · throughput, Jan–Jun 2023" in svg and "11 a year" in svg
    color = spec["layer"][0]["encoding"]["color"]["scale"]
    assert color["domain"] == charts.PORT_DEFINITIONS and color["range"][2] == PAPER
    assert "capacity" in json.dumps(spec["layer"][0]["encoding"]["strokeDash"])
    assert list(fig.data.columns) == ["Port", "Figure (as recorded)", "Period", "Million tonnes", "Measures",
                                      "Status", "Source (site)", "Quoted on"]
    assert set(fig.data.Measures) >= {"throughput (cargo handled)", "capacity (what could be handled a year)"}
    assert fig.datasets == ("logistics_quoted",) and "not a series" in fig.subtitle


def test_trans_caspian_keeps_disagreeing_sources_apart_and_marks_targets():
    rows = lg.trans_caspian(load_dataset("context_facts"))
    fig = charts.trans_caspian(rows, "4.5 or 3.3 Mt in 2024: the sources count different things")
    spec, svg = fig.spec(), static_svg(fig)
    assert "4.5 transport minister" in svg and "3.3 route association" in svg
    assert "2.8 KTZ; economy minister" in svg  # two sources with the same figure share one label
    dots = spec["layer"][0]
    assert {"statement", "source", "kind"} <= {t["field"] for t in dots["encoding"]["tooltip"]}
    assert set(fig.data.Kind) == {"quoted, full year", "quoted, part of a year", "target or forecast"}
    assert fig.datasets == ("context_facts",) and "do not define" in fig.subtitle


def test_rail_network_breaks_the_line_at_reporting_breaks():
    ind = INDICATORS.assign(rail_break=[None, None, False, True, False])
    fig = charts.rail_network(lg.rail_segments(ind), ["KAZ", "TKM"], "A reporting break, not growth")
    spec, svg = fig.spec(), static_svg(fig)
    lines = spec["layer"][0]
    assert lines["encoding"]["detail"]["field"] == "segment"  # one line per segment: none across a break
    assert spec["layer"][1]["mark"]["shape"] == "triangle-up" and "open triangle" in fig.subtitle
    notes = dict(zip(zip(fig.data.Country, fig.data.Year, strict=True), fig.data.Note, strict=True))
    assert notes[("Turkmenistan", 2018)].startswith("reporting break") and notes[("Turkmenistan", 2014)] == ""
    assert "Railway lines, route-km" in svg and spec["title"]["text"] == "A reporting break, not growth"


def test_lpi_is_drawn_by_edition_and_says_which_year_wdi_files_it_under():
    fig = charts.lpi(INDICATORS.assign(lpi_edition=[2014, 2014, 2018, 2018, 2023]), ["KAZ", "TKM"], "LPI 2018")
    spec, svg = fig.spec(), static_svg(fig)
    assert spec["encoding"]["x"]["field"] == "lpi_edition" and "LPI edition (year of the report)" in svg
    assert "editions 2014, 2018, 2023" in fig.subtitle and "WDI files the 2023 edition under 2022" in fig.subtitle
    assert list(fig.data.columns) == ["Country", "LPI edition", "Year in WDI", "LPI overall score (1 = low, 5 = high)"]


def test_indicator_lines_use_the_country_colours_and_unit_axes():
    rows = INDICATORS.assign(lpi_edition=[2014, 2014, 2018, 2018, 2023])
    for fig, column, spec_of in ((charts.lpi(rows, ["KAZ", "TKM"], "A finding"), "lpi_overall", lambda s: s),
                                 (charts.rail_network(lg.rail_segments(rows.assign(rail_break=False)), ["KAZ", "TKM"],
                                                      "A finding"), "rail_route_km", lambda s: s["layer"][0])):
        spec, svg = fig.spec(), static_svg(fig)
        view = spec_of(spec)
        assert 'class="mark-line role-mark' in svg and 'class="mark-symbol role-mark' in svg
        assert view["encoding"]["color"]["scale"]["range"] == [COUNTRY_COLORS["KAZ"], COUNTRY_COLORS["TKM"]]
        assert column in {t["field"] for t in view["encoding"]["tooltip"]}
        assert "Source: World Bank, World Development Indicators" in svg
        # Scores are read against each other (axis from the lowest score); lengths from zero.
        assert view["encoding"]["y"]["scale"]["zero"] is (column == "rail_route_km")


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
