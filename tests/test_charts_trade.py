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
    HIGHLIGHT,
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


def _imf(years=(2018, 2019, 2020), reporter="KAZ", values=(99.5, 145.9, 127.6)):
    return pd.DataFrame({"year": list(years), "reporter_code": reporter, "turnover": list(values),
                         "a_to_b": [v * 0.6 for v in values], "b_to_a": [v * 0.4 for v in values],
                         "a_to_b_valuation": "FOB", "b_to_a_valuation": "CIF"})


NAMES = {"KAZ": "Kazakhstan", "TKM": "Turkmenistan", "UZB": "Uzbekistan", "KGZ": "Kyrgyzstan", "TJK": "Tajikistan"}


def test_turnover_draws_the_imf_line_and_quoted_points_as_another_kind(full_years):
    series = trade.turnover_series(_imf(), NAMES, full_years)
    figure = charts.turnover(series, "Kazakhstan–Turkmenistan", "IMF to 2020, quotes after", 1000, "2022 derived.")
    svg, spec, texts = _draw(figure)
    assert {"line", "symbol", "rule", "text"} <= _marks(svg)
    assert "Turnover, USD million" in texts and "Stated goal: USD 1,000 million" in texts
    assert {"IMF DOTS, reported by Kazakhstan", "Quoted by officials", "Derived (not quoted)"} <= set(texts)  # legend
    assert "not the same statistic" in figure.subtitle and figure.title == "IMF to 2020, quotes after"
    source = " ".join(texts)
    assert "IMF, Direction of Trade Statistics" in source and "Figures quoted by officials and the press" in source
    # quoted and derived points: vermilion diamonds, the derived one hollow; the IMF circles in Kazakhstan's colour
    strokes = next(v["scale"]["range"] for layer in spec["layer"] for k,
                   v in layer["encoding"].items() if k == "stroke")
    fills = next(v["scale"]["range"] for layer in spec["layer"] for k, v in layer["encoding"].items() if k == "fill")
    assert strokes == [COUNTRY_COLORS["KAZ"], HIGHLIGHT, HIGHLIGHT] and fills[-1] == PAPER
    assert {"year", "value", "kind", "source_date"} <= _tooltip_fields(spec)
    assert "Turnover (USD million)" in _headers(figure) and len(figure.data) == 6


def test_turnover_of_a_pair_without_quotes_cites_only_the_imf_and_breaks_the_line_at_gaps():
    imf = _imf(years=(2002, 2003, 2016, 2017), reporter="UZB", values=(50.0, 60.0, 180.0, 160.0))
    figure = charts.turnover(trade.turnover_series(imf, NAMES), "Turkmenistan–Uzbekistan", "t")
    svg, spec, texts = _draw(figure)
    assert figure.datasets == ("bilateral_trade",) and "diamonds" not in figure.subtitle
    line_rows = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "line")
    runs = {r["run"] for r in spec["datasets"][line_rows["data"]["name"]]}
    assert len(runs) == 2  # 2003 and 2016 are not joined


def test_flows_name_the_valuation_and_the_reporter():
    figure = charts.flows(_imf(), "Kazakhstan", "Turkmenistan", "Kazakhstan had a surplus")
    svg, spec, texts = _draw(figure)
    assert {"line", "symbol"} <= _marks(svg) and "USD million" in texts
    assert "Kazakhstan's exports to Turkmenistan" in texts and "FOB" in figure.subtitle
    assert [ACCENT, PALETTE[2]] in _colour_ranges(spec)
    assert {"flow", "value", "valuation", "reporter"} <= _tooltip_fields(spec)
    assert set(figure.data["Valuation (FOB/CIF)"]) == {"FOB", "CIF"} and "Value (USD million)" in _headers(figure)


def test_mirror_marks_the_partners_mirror_hollow_and_dashed():
    sides = pd.DataFrame({"year": [2003, 2003, 2004, 2004], "reporter_code": ["KAZ", "TKM", "KAZ", "TKM"],
                          "exports": [37.2, 4.2, 26.1, 71.3], "imports": [49.1, 38.6, 75.6, 27.7],
                          "turnover": [86.3, 42.8, 101.6, 99.0], "basis": ["reported", "reported", "reported",
                                                                           "mirror"],
                          "mirror_factor": [None, None, None, 1.06]})
    figure = charts.mirror(sides, ("KAZ", "TKM"), "From 2004 Turkmenistan's side is a mirror")
    svg, spec, texts = _draw(figure)
    assert {"line", "symbol"} <= _marks(svg)
    assert "Own report" in texts and "IMF mirror of the partner's report" in texts and "Reported by" in texts
    assert "not a report of their own" in figure.subtitle
    points = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "point")
    assert points["encoding"]["fillOpacity"]["condition"]["value"] == 1
    assert points["encoding"]["fillOpacity"]["value"] == 0
    assert [COUNTRY_COLORS["KAZ"], COUNTRY_COLORS["TKM"]] in _colour_ranges(spec)
    assert figure.data.set_index(["Year", "Reported by"]).loc[(2004, "Turkmenistan"),
                                                              "Mirror factor"] == "× 1.06 (CIF/FOB)"
    assert {"country", "turnover", "figure", "factor"} <= _tooltip_fields(spec)


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
    assert any(t.startswith("Source: Figures quoted by officials") for t in texts)
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


def test_share_draws_imf_lines_and_quoted_diamonds_in_country_colours():
    imf = pd.DataFrame({"year": [2019, 2020] * 2, "country_code": ["KAZ", "KAZ", "TKM", "TKM"],
                        "turnover": [145.9, 127.6] * 2, "total_trade": [97000.0, 70000.0, 13600.0, 9700.0]})
    imf["share_pct"] = imf.turnover / imf.total_trade * 100
    quoted = pd.DataFrame({"year": [2024, 2024], "country_code": ["KAZ", "TKM"], "turnover": [555.7, 555.7],
                           "total_trade": [140000.0, 19400.0]})
    quoted["share_pct"] = quoted.turnover / quoted.total_trade * 100
    figure = charts.share(imf, ("KAZ", "TKM"), "2.9% of Turkmenistan's goods trade", quoted)
    svg, spec, texts = _draw(figure)
    assert {"line", "symbol"} <= _marks(svg) and "Share of merchandise trade, %" in texts
    assert "Quoted turnover" in texts and "diamonds use the quoted turnover" in figure.subtitle
    assert [COUNTRY_COLORS["KAZ"], COUNTRY_COLORS["TKM"]] in _colour_ranges(spec)
    assert "trade_bilateral" in figure.datasets and "World Development Indicators" in " ".join(texts)
    assert {"country", "year", "numerator", "turnover", "total_trade", "share_pct"} <= _tooltip_fields(spec)
    assert figure.data["Share of merchandise trade (%)"].max() == pytest.approx(555.7 / 19400 * 100)
    alone = charts.share(imf, ("KAZ", "TKM"), "t")
    assert "trade_bilateral" not in alone.datasets and "Quoted turnover" not in _draw(alone)[2]


def test_neighbours_grid_outlines_the_pair_and_labels_turnover():
    from kztm.themes import bilateral

    rows = []
    for (a, b), v in {("KAZ", "UZB"): 1400.0, ("KAZ", "TKM"): 70.0, ("UZB", "TKM"): 220.0, ("KAZ", "KGZ"): 400.0,
                      ("KAZ", "TJK"): 380.0, ("UZB", "KGZ"): 400.0, ("UZB", "TJK"): 190.0, ("TKM", "KGZ"): 4.0,
                      ("TKM", "TJK"): 6.0, ("KGZ", "TJK"): 34.0}.items():
        rows += [(a, b, "exports_fob", 2019, v, False, "reported"), (a, b, "imports_cif", 2019, v, False, "reported")]
    trade_rows = pd.DataFrame(rows, columns=["reporter_code", "partner_code", "flow", "year", "value_usd_m", "estimate",
                                             "basis"])
    figure = charts.neighbours(bilateral.neighbour_matrix(trade_rows, 2019), ("KAZ", "TKM"), 2019, "fourth of four")
    svg, spec, texts = _draw(figure)
    assert "rect" in _marks(svg) and "2,800" in texts and "140" in texts  # cell text: turnover, USD million
    assert {"Kazakhstan", "Turkmenistan", "Tajikistan"} <= set(texts)
    outline = next(layer for layer in spec["layer"] if layer["mark"].get("stroke") == HIGHLIGHT)
    assert len(spec["datasets"][outline["data"]["name"]]) == 2  # the pair's two cells
    assert [PAPER, ACCENT] in _colour_ranges(spec) and "2019" in figure.subtitle
    assert {"turnover", "share_of_neighbours_pct", "rank", "reporter"} <= _tooltip_fields(spec)
    assert "Turnover (USD million)" in _headers(figure) and len(figure.data) == 20


def test_neighbours_grid_fits_a_phone():
    """At 390 px the grid fits: 50 px a column (room for '2,753' at 11 px), row names and legend, no text cut."""
    from kztm.data import load_dataset
    from kztm.themes import bilateral

    dots = load_dataset("bilateral_trade")
    figure = charts.neighbours(bilateral.neighbour_matrix(dots, 2019), ("KAZ", "TKM"), 2019, "t")
    import vl_convert

    from kztm.charts.render import book_spec

    spec = {k: v for k, v in book_spec(figure).items() if k not in ("title", "autosize")}  # the book prints the
    svg = vl_convert.vegalite_to_svg({**spec, "width": 250})                              # title as HTML text
    width = float(re.search(r'<svg[^>]*width="([0-9.]+)"', svg).group(1))
    assert width <= 358  # grid, row names and legend within a 390 px screen less the page margins
    assert "…" not in " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg))


def test_openness_draws_turkmenistan_on_the_second_gdp_vintage_dashed():
    rows = pd.DataFrame({"country_code": ["KAZ", "TKM"], "country": ["Kazakhstan", "Turkmenistan"],
                         "year": [2023, 2023], "merch_trade_pct_gdp": [47.0, 52.8]})
    alt_rows = pd.DataFrame({"country_code": ["TKM"], "country": ["Turkmenistan"], "year": [2023],
                             "merch_trade_pct_gdp": [34.4]})
    figure = charts.openness(rows, ["KAZ", "TKM"], "t", (2023, 2023), alt_vintage=alt_rows)
    svg, spec, texts = _draw(figure)
    assert spec["encoding"]["strokeDash"]["scale"]["range"] == [[1, 0], [5, 3]]
    assert charts.ALT_VINTAGE in texts and "gdp_vintages" in figure.datasets
    assert "another GDP vintage" in figure.subtitle
    assert figure.data.set_index("GDP vintage").loc[charts.ALT_VINTAGE, "Merchandise trade (% of GDP)"] == 34.4


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
    assert spec["encoding"]["strokeDash"]["legend"] is None  # one vintage: no dash legend
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
    # in two lines, so that it stays inside a phone's plot
    assert re.search(r"<tspan>At 7\.2% a year: USD 1,00\d million in 2030;</tspan><tspan[^>]*>goal reached in 2030<",
                     svg)
    assert PALETTE[1:6] in _colour_ranges(spec)
    assert {"path", "year", "value"} <= _tooltip_fields(spec)
    assert {"Growth (% a year)", "Turnover (USD million)"} <= set(_headers(figure))
    assert any(t.startswith("Source:") for t in texts) and "not forecasts" in " ".join(texts)


def test_chart_modules_type_no_hex_colour():
    from pathlib import Path

    source = Path(charts.__file__).read_text()
    assert not re.search(r"#[0-9A-Fa-f]{6}\b", source), "use the named colours of kztm.charts.theme"
    assert INK  # the named text colour exists in the theme
