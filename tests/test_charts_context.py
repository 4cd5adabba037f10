"""Charts of the context chapter, drawn with vl-convert from the committed macro data."""

import json

import pytest

from kztm.charts import context
from kztm.charts.render import static_svg
from kztm.charts.theme import COUNTRY_COLORS, MUTED
from kztm.data import load_dataset

CODES = ["KAZ", "TKM", "UZB", "KGZ", "TJK"]


@pytest.fixture(scope="module")
def macro():
    df = load_dataset("macro")
    return df[df.country_code.isin(CODES) & df.year.between(2000, 2024)]


def _check(fig, mark, y_title, tooltip_titles):
    spec = fig.spec()
    svg = static_svg(fig)
    assert f'class="mark-{mark}' in svg, f"no {mark} marks drawn"
    assert y_title in svg
    assert "World Development Indicators" in svg and "CC BY 4.0" in svg
    tips = [t["title"] for t in spec.get("encoding", {}).get("tooltip", [])]
    assert tips == tooltip_titles
    assert COUNTRY_COLORS["KAZ"] in json.dumps(spec) and COUNTRY_COLORS["TKM"] in json.dumps(spec)
    assert fig.title and fig.subtitle and fig.subtitle != fig.title


def test_gdp_chart(macro):
    fig = context.gdp(macro, CODES, "Kazakhstan's economy is larger", (2000, 2024))
    _check(fig, "line", "GDP, current USD billion", ["Country", "Year", "GDP (USD bn)"])
    assert list(fig.data.columns) == ["Country", "Year", "GDP (current USD billion)"]
    assert "USD billion" in fig.subtitle


def test_income_chart(macro):
    fig = context.income(macro, CODES, "Income per head")
    _check(fig, "line", "GDP per capita, current USD", ["Country", "Year", "GDP per capita (USD)"])


def test_growth_chart_draws_only_the_pair(macro):
    fig = context.growth(macro, ("KAZ", "TKM"), "Growth", (2000, 2024))
    _check(fig, "rect", "Real GDP growth, % per year", ["Country", "Year", "Growth (%)"])
    assert set(fig.data.Country) == {"Kazakhstan", "Turkmenistan"}


def test_gdp_vintages_chart_draws_both_series_with_their_labels():
    from kztm.themes import context as cx

    vintages = load_dataset("gdp_vintages")
    fig = context.gdp_vintages(vintages, "TKM", cx.VINTAGE_LABELS, "One vintage is lower", (2000, 2025))
    spec, svg = fig.spec(), static_svg(fig)
    assert 'class="mark-line' in svg and "GDP, current USD billion" in svg
    assert "datahub" in svg and "CC BY 4.0" in svg  # the source line names both vintages' origins
    assert set(spec["encoding"]["color"]["scale"]["domain"]) == set(cx.VINTAGE_LABELS.values())
    assert spec["encoding"]["color"]["scale"]["range"] == [COUNTRY_COLORS["TKM"], MUTED]
    assert spec["encoding"]["strokeDash"]["scale"]["range"][1] != [1, 0]  # the other vintage is dashed
    assert [t["title"] for t in spec["encoding"]["tooltip"]] == ["Vintage", "Year", "GDP (USD bn)"]
    table = fig.data.set_index("Year")
    main = f"GDP, {cx.VINTAGE_LABELS[cx.MAIN_VINTAGE]} (current USD billion)"
    alt = f"GDP, {cx.VINTAGE_LABELS[cx.ALT_VINTAGE]} (current USD billion)"
    raw = vintages[(vintages.country_code == "TKM")].set_index("year")
    assert table.at[2023, main] == pytest.approx(raw.at[2023, cx.MAIN_VINTAGE] / 1e9)
    assert table.at[2023, alt] == pytest.approx(raw.at[2023, cx.ALT_VINTAGE] / 1e9)
    assert table.at[2023, "First vintage ÷ second"] == pytest.approx(raw.at[2023, "ratio"], abs=1e-3)
    assert "explanation" in fig.note  # the revision is not explained, and the figure says so
    assert fig.title and fig.subtitle and fig.subtitle != fig.title
