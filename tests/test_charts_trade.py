"""Every chart of the trade chapter, built from small frames and drawn to SVG with vl-convert.

Each test checks what a reader relies on: the marks drawn, axis titles with units, the source line under
the picture, the tooltip fields, colours from the theme and the data table's headers with units.
"""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from kztm.charts import trade as charts
from kztm.charts.render import static_svg
from kztm.charts.theme import (
    ACCENT,
    COUNTRY_COLORS,
    GREY_RAMP,
    INK,
    MUTED,
    PALETTE,
    PAPER,
)
from kztm.themes import trade


def _draw(figure) -> tuple[str, dict, list[str]]:
    """(SVG, spec, texts drawn in the SVG); the spec must be strict JSON (NaN breaks the book's JSON.parse)."""
    spec = figure.spec()
    json.dumps(spec, allow_nan=False)
    svg = static_svg(figure)
    return svg, spec, re.findall(r"<text[^>]*>([^<]*)</text>", svg)


def _marks(svg: str) -> set[str]:
    return set(re.findall(r'class="mark-([a-z]+)', svg))


def _tooltip_fields(spec) -> set[str]:
    """Every field named in a tooltip anywhere in the spec (layers included)."""
    found = set()
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key == "tooltip" and isinstance(value, list):
                found |= {t["field"] for t in value if isinstance(t, dict) and "field" in t}
            else:
                found |= _tooltip_fields(value)
    elif isinstance(spec, list):
        for item in spec:
            found |= _tooltip_fields(item)
    return found


def _colour_ranges(spec) -> list[list[str]]:
    """The colour ranges of every colour/fill scale in the spec."""
    found = []
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key in ("color", "fill") and isinstance(value, dict) and "range" in value.get("scale", {}):
                found.append(value["scale"]["range"])
            else:
                found += _colour_ranges(value)
    elif isinstance(spec, list):
        for item in spec:
            found += _colour_ranges(item)
    return found


def _headers(figure) -> list[str]:
    return list(figure.data.columns)


@pytest.fixture
def full_years():
    return pd.DataFrame({"year": [2021, 2022, 2023], "value": [254.3, 440.0, 563.0],
                         "status": ["stated", "derived", "stated"],
                         "source_url": ["https://example.org/a", None, "https://example.org/b"],
                         "source_date": ["2022", None, "2024-05-27"]})


def test_turnover_draws_quoted_bars_filled_derived_hollow_and_the_goal(full_years):
    figure = charts.turnover(full_years, 1000, "Turnover more than doubled", "2022 derived from 2023.")
    svg, spec, texts = _draw(figure)
    assert {"rect", "text", "rule"} <= _marks(svg)
    assert "Turnover, USD million" in texts and "Stated goal: USD 1,000 million" in texts
    assert "440.0" in texts  # value labels on the bars
    assert figure.title == "Turnover more than doubled" and "hollow bar is derived" in figure.subtitle
    assert any(t.startswith("Source: Official figures quoted in the press") for t in texts)
    assert "Note: 2022 derived from 2023." in " ".join(texts)
    assert [ACCENT, PAPER] in _colour_ranges(spec)  # quoted filled with the accent, derived hollow
    assert {"year", "value", "kind", "source_date", "source"} <= _tooltip_fields(spec)
    assert "Turnover (USD million)" in _headers(figure)
    assert figure.data.Source.tolist()[1] == "none: computed by the report team"  # the derived row has no source


def test_within_year_places_every_figure_by_months_and_marks_the_derived_one():
    points = pd.DataFrame({"year": [2023, 2024, 2024, 2024, 2025], "months": [12, 6, 9, 12, 9],
                           "value": [563.0, 237.2, 345.0, 555.7, 363.6],
                           "status": ["stated", "stated", "derived", "stated", "stated"],
                           "source_date": ["2024", "2024", None, "2025", "2025"]})
    figure = charts.within_year(points, "Jan–Sep 2025: USD 363.6 million", "The 2024 point is derived.")
    svg, spec, texts = _draw(figure)
    assert {"line", "symbol", "text"} <= _marks(svg)
    assert "Months of the year covered" in texts and "Cumulative turnover, USD million" in texts
    assert "Derived (not quoted)" in texts and "Figure" in texts  # the shape legend names the status
    assert any(t.startswith("Source: Official figures") for t in texts)
    # the two latest years in the theme's ochre and accent, older years on the theme's grey ramp
    assert [GREY_RAMP[0], PALETTE[2], ACCENT] in _colour_ranges(spec)
    assert {"year_label", "months_label", "value", "kind", "source_date"} <= _tooltip_fields(spec)
    assert figure.data["Figure"].tolist().count("Derived (not quoted)") == 1
    assert "Cumulative turnover (USD million)" in _headers(figure)


def test_within_year_greys_run_from_light_to_dark_for_older_years():
    points = pd.DataFrame({"year": [2020, 2021, 2022, 2023, 2024], "months": [12] * 5, "value": [1.0] * 5,
                           "status": ["stated"] * 5, "source_date": ["x"] * 5})
    ranges = _colour_ranges(charts.within_year(points, "t").spec())
    assert [GREY_RAMP[0], "#646464", GREY_RAMP[1], PALETTE[2], ACCENT] in ranges


def test_split_stacks_exports_and_imports_against_the_quoted_turnover():
    figure = charts.split(221.7, 141.9, 363.6, "January–September 2025", "They add up")
    svg, spec, texts = _draw(figure)
    assert "rect" in _marks(svg) and "text" in _marks(svg)
    assert "USD million" in texts and "221.7" in texts and "363.6" in texts
    assert "surplus of 79.8 (computed)" in figure.subtitle and "January–September 2025" in figure.subtitle
    assert [ACCENT, PALETTE[1], MUTED] in _colour_ranges(spec)
    assert {"part", "value"} <= _tooltip_fields(spec)
    assert "Value (USD million)" in _headers(figure) and figure.data["Value (USD "
                                                                     "million)"].sum() == pytest.approx(727.2)


def test_share_uses_country_colours_and_both_sources(full_years):
    country = pd.DataFrame({"country_code": ["KAZ", "TKM"], "country": ["Kazakhstan", "Turkmenistan"],
                            "year": [2023, 2023], "merch_exports_usd": [8e10, 1.2e10],
                            "merch_imports_usd": [6e10, 0.8e10]})
    shares = trade.share_of_total_trade(full_years[full_years.status == "stated"], country, ["KAZ", "TKM"])
    figure = charts.share(shares, ("KAZ", "TKM"), "2.8% of Turkmenistan's goods trade")
    svg, spec, texts = _draw(figure)
    assert "rect" in _marks(svg)
    assert "Share of merchandise trade, %" in texts
    assert [COUNTRY_COLORS["KAZ"], COUNTRY_COLORS["TKM"]] in _colour_ranges(spec)
    assert any(t.startswith("Sources:") for t in texts) and "World Development Indicators" in " ".join(texts)
    assert {"country", "year", "value", "total_musd", "share_pct"} <= _tooltip_fields(spec)
    assert "Share of merchandise trade (%)" in _headers(figure)
    assert figure.data["Share of merchandise trade (%)"].max() == pytest.approx(563.0 / 20000 * 100)


def test_openness_highlights_the_pair_and_offers_legend_selection():
    rows = pd.DataFrame({"country_code": ["KAZ", "KAZ", "TKM", "TKM", "UZB", "UZB"],
                         "country": ["Kazakhstan"] * 2 + ["Turkmenistan"] * 2 + ["Uzbekistan"] * 2,
                         "year": [2023, 2024] * 3, "merch_trade_pct_gdp": [50.0, 47.0, 40.0, None, 55.0, 60.0],
                         "merch_exports_usd": [None] * 6})
    figure = charts.openness(rows, ["KAZ", "TKM", "UZB"], "Goods trade: 47% of GDP", (2023, 2024), "TKM note.")
    svg, spec, texts = _draw(figure)
    assert {"line", "symbol"} <= _marks(svg)
    assert "Merchandise trade, % of GDP" in texts and "Year" in texts
    assert [COUNTRY_COLORS[c] for c in ("KAZ", "TKM", "UZB")] in _colour_ranges(spec)
    assert spec["params"][0]["bind"] == "legend"
    assert spec["encoding"]["strokeWidth"]["condition"]["test"]["oneOf"] == ["KAZ", "TKM"]
    assert {"country", "year", "merch_trade_pct_gdp"} <= _tooltip_fields(spec)
    assert len(figure.data) == 5 and "Merchandise trade (% of GDP)" in _headers(figure)  # the missing year is left out
    assert "Note: TKM note." in " ".join(texts)


def test_scenario_slider_starts_at_the_required_rate_and_the_readout_reaches_the_goal():
    required = trade.required_growth(500.0, 1000.0, 2020, 2030)
    paths = trade.growth_paths(500.0, 2020, 2030, {"Needed": required, "Flat": 0.0})
    figure = charts.scenario(paths, 500.0, 2020, 1000.0, 2030, required, "USD 1,000 million by 2030")
    svg, spec, texts = _draw(figure)
    assert {"line", "rule", "text"} <= _marks(svg)
    assert "Turnover, USD million" in texts
    rate = next(p for p in spec["params"] if p["name"] == "rate")
    assert rate["value"] == round(required * 100, 1) and rate["bind"]["input"] == "range"
    # vl-convert evaluates the readout at the slider's default: the goal is reached in the target year
    assert any(t.startswith("At 7.2% a year: USD 1,00") and t.endswith("goal reached in 2030") for t in texts)
    assert [PALETTE[1], PALETTE[2], PALETTE[3], PALETTE[4]] in _colour_ranges(spec)
    assert {"path", "year", "value"} <= _tooltip_fields(spec)
    assert {"Growth (% a year)", "Turnover (USD million)"} <= set(_headers(figure))
    assert any(t.startswith("Source:") for t in texts) and "not forecasts" in " ".join(texts)


def test_chart_modules_type_no_hex_colour():
    from pathlib import Path

    source = Path(charts.__file__).read_text()
    assert not re.search(r"#[0-9A-Fa-f]{6}\b", source), "use the named colours of kztm.charts.theme"
    assert INK  # the named text colour exists in the theme
