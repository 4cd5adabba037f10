"""Charts of the environment chapter, built from small frames and drawn to SVG with vl-convert.

Each test guards what a reader relies on: marks drawn, units on the axes, the source line from the data
package, tooltips, theme colours, data tables with units, and a what-if marker that agrees with the
package's own arithmetic (:meth:`kztm.themes.environment.TrendFit.years_to_fall`).
"""

from __future__ import annotations

import json
import math
import re

import numpy as np
import pandas as pd
import pytest
import vl_convert

from kztm.charts import environment as charts
from kztm.charts.render import static_svg, use_report_charts
from kztm.charts.theme import ACCENT, COUNTRY_COLORS, HIGHLIGHT, INK, MUTED, PALETTE
from kztm.themes import environment as env
from tests.test_charts_energy import svg_text, tooltip_titles


@pytest.fixture(autouse=True)
def report_theme():
    use_report_charts()


def caspian_levels():
    """Ten-day observations over 2000–2009, falling 10 cm a year with a seasonal swing."""
    dates = pd.date_range("2000-01-05", "2009-12-25", freq="10D")
    t = env.decimal_year(dates)
    level = -26.0 - 0.10 * (t - 2000) + 0.15 * np.sin(2 * np.pi * t)
    return env.caspian_with_time(pd.DataFrame({"date": dates.strftime("%Y-%m-%d"), "level_m": level, "error_m": 0.02}))


def test_caspian_level_draws_observations_and_trend_in_metres():
    levels = caspian_levels()
    fit = env.fit_caspian(levels, 2000, 2009)
    trend = pd.DataFrame({"t": [fit.t_first, fit.t_last]}).assign(trend_m=lambda d: fit.predict(d.t))
    fig = charts.caspian_level(levels, trend, "The Caspian fell", (2000, 2009))
    svg = static_svg(fig)
    assert svg.count('class="mark-line') >= 2 and 'class="mark-symbol' in svg
    assert "Water level, m (DAHITI reference)" in svg and "2000–2009" in fig.subtitle
    assert fig.source_line() in svg_text(svg) and "DAHITI" in fig.source_line()
    spec = json.dumps(fig.spec())
    assert MUTED in spec and ACCENT in spec
    assert {"Date", "Level (m)", "Formal error (m)", "Trend level (m)"} <= tooltip_titles(fig.spec())
    assert list(fig.data.columns) == ["Date", "Level (m, DAHITI reference)", "Formal error (m)"]
    assert len(fig.data) == len(levels) and fig.data.Date.iloc[0] == "2000-01-05"


def whatif_figure(depth_m):
    levels = caspian_levels()
    fit = env.fit_caspian(levels, 2000, 2009)
    annual = env.annual_means(levels)
    annual = annual[annual.complete].assign(t=lambda d: d.year + 0.5)
    band = env.projection_table(fit, 2030)
    fig = charts.caspian_whatif(annual, band, float(fit.predict(fit.t_last)), fit.slope, fit.t_last, depth_m, 2030,
                                "What-if finding")
    return fit, fig


def test_caspian_whatif_marks_the_year_the_package_computes():
    fit, fig = whatif_figure(1.0)
    year = math.floor(fit.t_last + fit.years_to_fall(1.0))
    svg = static_svg(fig)
    assert year <= 2030 and f"A fall of 1.0 m by {year}" in svg_text(svg)
    assert 'class="mark-area' in svg and 'class="mark-rule' in svg and "Water level, m (DAHITI reference)" in svg
    assert "not a change of trend" in svg_text(svg) and fig.source_line() in svg_text(svg)
    assert [p["name"] for p in fig.spec()["params"]] == ["depth"] and fig.spec()["params"][0]["value"] == 1.0
    spec = json.dumps(fig.spec())
    assert HIGHLIGHT in spec and INK in spec and ACCENT in spec
    assert {"What-if", "Band, low (m)", "Annual mean level (m)"} <= tooltip_titles(fig.spec())
    assert set(fig.data.Series) == {"annual mean (observed)", "trend (projected)"}
    assert {"Band, low (m)", "Band, high (m)", "Level (m, DAHITI reference)"} <= set(fig.data.columns)


def test_caspian_whatif_beyond_the_horizon_says_not_reached():
    fit, fig = whatif_figure(4.5)  # 45 years at 10 cm a year: after 2030
    assert fit.t_last + fit.years_to_fall(4.5) > 2030
    text = svg_text(static_svg(fig))
    assert "A fall of 4.5 m not reached by 2030" in text


def aral_rows():
    return pd.DataFrame({"year": [2016, 2017, 2018, 2019], "total_km2_thousand": [8.0, 7.5, 7.0, 3.1],
                         "small_km2_thousand": [3.2, 3.2, 3.1, None],
                         "flag": ["from UNESCO study"] * 3 + ["collected from news (unverified)"]})


def test_aral_area_draws_news_values_hollow():
    fig = charts.aral_area(aral_rows(), "The Aral lost")
    svg = static_svg(fig)
    assert 'class="mark-line' in svg and 'class="mark-symbol' in svg
    assert "Water surface, thousand km²" in svg and fig.source_line() in svg_text(svg)
    symbols = vl_convert.vegalite_to_svg(fig.spec()).split('class="mark-symbol', 1)[1].split("</g>", 1)[0]
    fills = re.findall(r'fill="([^"]+)"', symbols)
    assert fills.count("white") == 1 and fills.count(ACCENT) == 3  # only the 2019 news value is hollow
    scale = fig.spec()["layer"][0]["encoding"]["color"]["scale"]
    assert scale["range"] == [ACCENT, PALETTE[1]]
    assert fig.data.Source.tolist().count("News reports (unverified)") == 1  # the missing Small-Aral 2019 is dropped
    assert list(fig.data.columns) == ["Year", "Part", "Area (thousand km²)", "Source"]
    assert {"Area (thousand km²)", "Source"} <= tooltip_titles(fig.spec())


def water_rows():
    return pd.DataFrame({"country_code": ["KAZ", "TKM"], "country": ["Kazakhstan", "Turkmenistan"], "year": [2021,
                                                                                                             2022],
                         "withdrawals_bn_m3": [24.0, 25.0], "withdrawals_pct_internal": [37.0, 1868.0],
                         "internal_resources_bn_m3": [64.35, 1.4]})


def test_water_withdrawals_on_a_log_scale_with_the_100_percent_line():
    fig = charts.water_withdrawals(water_rows(), ["KAZ", "TKM"], "Turkmenistan withdraws 18.7 times")
    svg = static_svg(fig)
    assert 'class="mark-symbol' in svg and 'class="mark-rule' in svg and 'class="mark-text' in svg
    assert "% of internal renewable resources (log scale)" in svg and "1,868" in svg
    assert "latest year (2022)" in fig.subtitle and fig.source_line() in svg_text(svg)
    assert fig.spec()["layer"][1]["encoding"]["x"]["scale"]["type"] == "log"
    spec = json.dumps(fig.spec())
    assert HIGHLIGHT in spec and COUNTRY_COLORS["TKM"] in spec
    assert {"Withdrawals (% of internal resources)", "Internal resources (bn m³)"} <= tooltip_titles(fig.spec())
    assert fig.data.Country.tolist() == ["Turkmenistan", "Kazakhstan"]
    assert "Internal renewable resources (bn m³)" in fig.data.columns


def emissions_rows():
    return pd.DataFrame({"country_code": ["KAZ", "KAZ", "TKM", "TKM"],
                         "country": ["Kazakhstan"] * 2 + ["Turkmenistan"] * 2,
                         "year": [2017, 2018, 2017, 2018], "co2_mt": [260.0, 270.0, 70.0, None],
                         "co2_per_capita_t": [14.3, 14.7, 12.1, None]})


def test_co2_per_person_in_tonnes():
    fig = charts.co2_per_person(emissions_rows(), ["KAZ", "TKM"], "CO2 finding", (2017, 2018))
    svg = static_svg(fig)
    assert 'class="mark-line' in svg and "CO₂ emissions, tonnes per person" in svg
    assert fig.source_line() in svg_text(svg) and "2017–2018" in fig.subtitle
    assert COUNTRY_COLORS["KAZ"] in json.dumps(fig.spec())
    assert len(fig.data) == 3 and list(fig.data.columns) == ["Country", "Year", "CO₂ per person (t)", "CO₂ total (Mt)"]
    assert {"CO₂ per person (t)", "CO₂ total (Mt)"} <= tooltip_titles(fig.spec())


def test_methane_share_bars_largest_first():
    methane = pd.DataFrame({"country_code": ["KAZ", "TKM"], "country": ["Kazakhstan", "Turkmenistan"],
                            "methane_mt_co2e": [60.0, 55.0], "total_ghg_mt_co2e": [300.0, 90.0]})
    methane["methane_share_pct"] = methane.methane_mt_co2e / methane.total_ghg_mt_co2e * 100
    fig = charts.methane_share(methane, ["KAZ", "TKM"], "Methane finding", 2016)
    svg = static_svg(fig)
    assert 'class="mark-rect' in svg and "Methane, % of total greenhouse gas emissions" in svg
    assert "2016" in fig.subtitle and fig.source_line() in svg_text(svg)
    assert COUNTRY_COLORS["TKM"] in json.dumps(fig.spec())
    assert fig.data.Country.tolist() == ["Turkmenistan", "Kazakhstan"]
    assert fig.data["Methane share (%)"].iloc[0] == pytest.approx(55 / 90 * 100)
    assert {"Methane (Mt CO₂e)", "Methane share (%)"} <= tooltip_titles(fig.spec())
