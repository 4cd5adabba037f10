"""Every chart of the investment chapter, built from small frames and drawn to SVG with vl-convert.

Each test checks the marks drawn, axis titles with units, the source line under the picture, the tooltip
fields, the colours (the theme's country colours) and the data table's headers with units.
"""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from kztm.charts import investment as charts
from kztm.charts.render import static_svg
from kztm.charts.theme import COUNTRY_COLORS, HIGHLIGHT
from kztm.themes import investment as inv

CODES = ["KAZ", "TKM", "UZB"]


def _svg_texts(figure) -> tuple[str, list[str]]:
    """The SVG picture and the texts drawn in it; the spec must be strict JSON (no NaN)."""
    json.dumps(figure.spec(), allow_nan=False)
    svg = static_svg(figure)
    return svg, re.findall(r"<text[^>]*>([^<]*)</text>", svg)


def _layers(spec: dict) -> list[dict]:
    return spec.get("layer", [spec])


def _tooltips(spec: dict) -> set[str]:
    return {t["field"] for layer in _layers(spec) for t in layer.get("encoding", {}).get("tooltip", [])
            if "field" in t}


@pytest.fixture
def investment():
    rows = []
    for code, name, base in (("KAZ", "Kazakhstan", 5e9), ("TKM", "Turkmenistan", 2e9), ("UZB", "Uzbekistan", 1e9)):
        for i, year in enumerate((2022, 2023, 2024)):
            rows.append({"country_code": code, "country": name, "year": year,
                         "fdi_net_inflows_usd": base * (1 + i) if not (code == "UZB" and year == 2022) else None,
                         "fdi_net_inflows_pct_gdp": 2.0 + i, "external_debt_usd": base * 30})
    return pd.DataFrame(rows)


@pytest.fixture
def macro(investment):
    return investment[["country_code", "year"]].assign(gdp_usd=2e11)


def test_line_charts_share_one_look_with_legend_selection(investment, macro):
    for figure in (charts.fdi_usd(investment, CODES, "A", (2022, 2024)), charts.fdi_gdp(investment, CODES, "B"),
                   charts.debt(inv.debt_to_gdp(investment, macro), CODES, "C", (2022, 2024))):
        spec = figure.spec()
        svg, texts = _svg_texts(figure)
        assert {"line", "symbol"} <= set(re.findall(r'class="mark-([a-z]+)', svg)), figure.title
        assert spec["encoding"]["color"]["scale"]["range"] == [COUNTRY_COLORS[c] for c in CODES]
        assert spec["params"][0]["bind"] == "legend" and "Year" in texts
        assert {"country", "year"} <= _tooltips(spec)
        assert any(t.startswith("Source") and "World Development Indicators" in t for t in texts)


def test_fdi_usd_in_billions_leaves_missing_years_out(investment):
    figure = charts.fdi_usd(investment, CODES, "Kazakhstan drew USD 30 bn", (2022, 2024))
    _, texts = _svg_texts(figure)
    assert "FDI net inflows, current USD billion" in texts
    assert "2022–2024, USD billion" in figure.subtitle
    assert {"fdi_bn", "fdi_net_inflows_pct_gdp"} <= _tooltips(figure.spec())
    column = "FDI net inflows (current USD billion)"
    assert column in figure.data.columns and len(figure.data) == 8  # UZB 2022 has no value
    assert figure.data[column].max() == pytest.approx(15.0)


def test_fdi_gdp_is_marked_derived_and_cites_gdp(investment):
    figure = charts.fdi_gdp(investment, CODES, "Average inflows")
    _, texts = _svg_texts(figure)
    assert "FDI net inflows, % of GDP" in texts
    assert figure.datasets == ("investment", "macro") and "Derived" in figure.note
    assert "FDI net inflows (% of GDP)" in figure.data.columns
    assert {"fdi_net_inflows_pct_gdp", "fdi_net_inflows_usd"} <= _tooltips(figure.spec())


def test_debt_in_percent_of_gdp_with_billions_in_the_table(investment, macro):
    figure = charts.debt(inv.debt_to_gdp(investment, macro), CODES, "External debt in 2024", (2022, 2024))
    _, texts = _svg_texts(figure)
    assert "External debt stocks, % of GDP" in texts and "Derived" in figure.note
    assert set(figure.data.columns) >= {"External debt (% of GDP)", "External debt (current USD billion)"}
    assert figure.data["External debt (% of GDP)"].iloc[0] == pytest.approx(150e9 / 2e11 * 100)
    assert {"debt_pct_gdp", "debt_bn"} <= _tooltips(figure.spec())


def test_materiality_slider_marks_the_share_and_draws_the_quoted_amount():
    totals = {"Kazakhstan": 170e9, "Turkmenistan": 40e9}
    curve = inv.materiality_curve(totals, [0.5 * i for i in range(1, 41)])
    figure = charts.materiality(curve, totals, ("KAZ", "TKM"), 5.0, "5% would take 17×", (2000, 2024), 120.0)
    spec = figure.spec()
    svg, texts = _svg_texts(figure)
    assert {"line", "symbol", "rule", "text"} <= set(re.findall(r'class="mark-([a-z]+)', svg))
    assert "Partner investment needed, USD million (log scale)" in texts
    assert "Partner's share of the host's FDI inflows, %" in texts
    assert "USD 2,000 m" in texts and "USD 8,500 m" in texts  # the marked points at the slider's default, 5%
    assert any("over USD 120 m (quoted)" in t for t in texts)
    slider = next(p for p in spec["params"] if p["name"] == "material_share")
    assert slider["value"] == 5.0 and slider["bind"]["max"] == 20.0
    assert HIGHLIGHT in json.dumps(spec)  # the quoted amount in the theme's highlight colour
    assert {"country", "share_pct", "threshold_musd"} <= _tooltips(spec)
    assert figure.datasets == ("investment",
                               "investment_facts") and "Compiled by the report team" in figure.source_line()
    assert figure.data["Partner investment needed (USD million)"].tolist() == pytest.approx([8500.0, 2000.0])


def test_materiality_without_a_quoted_amount_cites_only_the_world_bank():
    totals = {"Kazakhstan": 170e9, "Uzbekistan": 30e9}
    figure = charts.materiality(inv.materiality_curve(totals, [1.0, 2.0, 20.0]), totals, ("KAZ", "UZB"), 2.0,
                                "t", (2000, 2024))
    _, texts = _svg_texts(figure)
    assert figure.datasets == ("investment",) and not any("quoted" in t for t in texts)
    assert figure.spec()["layer"][0]["encoding"]["color"]["scale"]["range"] == [COUNTRY_COLORS["KAZ"],
                                                                                COUNTRY_COLORS["UZB"]]
