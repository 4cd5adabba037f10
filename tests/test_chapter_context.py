"""The Context chapter: executes for the default pair and another, its figures match the data."""

import nbformat
import pandas as pd
import pytest

from kztm.charts.render import FIGURE_MIME
from kztm.paths import ROOT
from kztm.pipeline.execute import ChapterError

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
    nb = nbformat.read(notebook, as_version=4)
    outputs = [out for cell in nb.cells for out in cell.get("outputs", []) if FIGURE_MIME in out.get("data", {})]
    assert [out.data[FIGURE_MIME]["name"] for out in outputs] == ["fig-context-gdp", "fig-context-income",
                                                                  "fig-context-growth"]
    for out in outputs:
        assert out.data[FIGURE_MIME]["source"].startswith("Source: World Bank")
        assert "World Development Indicators" in out.data["image/svg+xml"]


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
