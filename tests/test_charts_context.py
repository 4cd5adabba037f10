"""Charts of the context chapter, drawn with vl-convert from the committed macro data."""

import json

import pytest

from kztm.charts import context
from kztm.charts.render import static_svg
from kztm.charts.theme import COUNTRY_COLORS
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
