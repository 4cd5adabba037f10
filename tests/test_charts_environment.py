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
    # No translucent mark: each would print as its own transparency group, one per observation.
    assert not re.search(r'opacity="0\.', svg) and not re.search(r'"opacity": 0\.', spec)
    assert {"Date", "Level (m)", "Formal error (m)", "Trend level (m)"} <= tooltip_titles(fig.spec())
    assert list(fig.data.columns) == ["Date", "Level (m, DAHITI reference)", "Formal error (m)"]
    assert len(fig.data) == len(levels) and fig.data.Date.iloc[0] == "2000-01-05"


def whatif_figure(depth_m, drop_m=0.0):
    """The what-if chart for synthetic levels; the last year's observations lowered by ``drop_m`` so that the
    observed level sits below the fitted line, as the Caspian's does."""
    levels = caspian_levels()
    levels.loc[levels.year == 2009, "level_m"] -= drop_m
    fit = env.fit_caspian(levels, 2000, 2009)
    annual = env.annual_means(levels)
    annual = annual[annual.complete].assign(t=lambda d: d.year + 0.5)
    observed = env.observed_level(levels, 2009)
    projection = env.anchored_projection(fit, observed["t"], observed["level_m"], 2030)
    fig = charts.caspian_whatif(annual, projection, observed, fit.slope, depth_m, 2030, "What-if finding")
    return fit, observed, fig


def test_caspian_whatif_marks_the_year_the_package_computes_from_the_observed_level():
    fit, observed, fig = whatif_figure(1.0, drop_m=0.3)
    year = math.floor(observed["t"] + fit.years_to_fall(1.0))
    svg = static_svg(fig)
    assert year <= 2030 and f"A fall of 1.0 m by {year}" in svg_text(svg)
    assert 'class="mark-area' in svg and 'class="mark-rule' in svg and "Water level, m (DAHITI reference)" in svg
    assert "not a change of trend" in svg_text(svg) and fig.source_line() in svg_text(svg)
    assert [p["name"] for p in fig.spec()["params"]] == ["depth"] and fig.spec()["params"][0]["value"] == 1.0
    spec = json.dumps(fig.spec())
    assert HIGHLIGHT in spec and INK in spec and ACCENT in spec and MUTED in spec
    assert {"What-if", "Band, low (m)", "Annual mean level (m)", "Observed level (m)",
            "Fitted trend (m)"} <= tooltip_titles(fig.spec())
    # The threshold is measured from the observed level, not from the fitted line (which sits above it here).
    assert f"{observed['level_m']} - depth" in spec and str(float(fit.predict(fit.t_last))) not in spec
    projected = fig.data[fig.data.Series == "projected from the observed level"]
    assert projected["Level (m, DAHITI reference)"].iloc[0] == pytest.approx(observed["level_m"])
    assert (projected["Fitted trend (m)"] - projected["Level (m, DAHITI reference)"]).min() > 0.1
    assert any(s.startswith("observed level (") for s in fig.data.Series)
    assert {"Band, low (m)", "Band, high (m)", "Level (m, DAHITI reference)",
            "Fitted trend (m)"} <= set(fig.data.columns)


def test_caspian_whatif_beyond_the_horizon_says_not_reached():
    fit, observed, fig = whatif_figure(4.5)  # 45 years at 10 cm a year: after 2030
    assert observed["t"] + fit.years_to_fall(4.5) > 2030
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
    """Latest estimates as :func:`kztm.themes.environment.latest_estimates` gives them: Turkmenistan's value is
    the 2020 estimate repeated to 2022."""
    return pd.DataFrame({"country_code": ["KAZ", "TKM"], "country": ["Kazakhstan", "Turkmenistan"], "year": [2022,
                                                                                                             2022],
                         "shown_to": [2022, 2022], "estimate_year": [2022, 2020],
                         "estimate_basis": ["reported", "reported"],
                         "withdrawals_bn_m3": [24.0, 25.0], "withdrawals_pct_internal": [37.0, 1868.0],
                         "internal_resources_bn_m3": [64.35, 1.4]})


def test_water_withdrawals_label_each_value_with_the_year_it_estimates():
    fig = charts.water_withdrawals(water_rows(), ["KAZ", "TKM"], "Turkmenistan withdraws 18.7 times")
    svg = static_svg(fig)
    assert 'class="mark-symbol' in svg and 'class="mark-rule' in svg and 'class="mark-text' in svg
    assert "% of internal renewable resources (log scale)" in svg and "1,868" in svg
    assert "Turkmenistan (2020)" in svg_text(svg) and "Kazakhstan (2022)" in svg_text(svg)
    assert "Turkmenistan (2022)" not in svg_text(svg)  # a repeated value is not an estimate of the year it is shown for
    assert "its year in brackets" in fig.subtitle and fig.source_line() in svg_text(svg)
    assert fig.spec()["layer"][1]["encoding"]["x"]["scale"]["type"] == "log"
    spec = json.dumps(fig.spec())
    assert HIGHLIGHT in spec and COUNTRY_COLORS["TKM"] in spec
    assert {"Year of the estimate", "Shown by the World Bank for",
            "Withdrawals (% of internal resources)"} <= tooltip_titles(fig.spec())
    assert fig.data.Country.tolist() == ["Turkmenistan", "Kazakhstan"]
    assert fig.data["Year of the estimate"].tolist() == [2020, 2022]
    assert fig.data["Shown by the World Bank for"].tolist() == ["2020–2022", "2022"]


def emissions_rows():
    return pd.DataFrame({"country_code": ["KAZ", "KAZ", "UZB", "UZB"],
                         "country": ["Kazakhstan"] * 2 + ["Uzbekistan"] * 2,
                         "year": [2022, 2023, 2017, 2018], "co2_mt": [260.0, 270.0, 110.0, None],
                         "co2_per_capita_t": [14.3, 14.7, 3.4, None],
                         "vintage_label": ["OWID file with data to 2023"] * 2 + ["OWID file of December 2020"] * 2})


def test_co2_per_person_names_each_countrys_file_and_dashes_the_older_one():
    fig = charts.co2_per_person(emissions_rows(), ["KAZ", "UZB"], "CO2 finding", (2017, 2023))
    svg = static_svg(fig)
    assert 'class="mark-line' in svg and "CO₂ emissions, tonnes per person" in svg
    assert fig.source_line() in svg_text(svg) and "2017–2023" in fig.subtitle
    assert "solid: OWID file with data to 2023; dashed: OWID file of December 2020" in fig.subtitle
    dash = fig.spec()["encoding"]["strokeDash"]
    assert dash["scale"] == {"domain": ["OWID file with data to 2023", "OWID file of December 2020"],
                             "range": [[1, 0], [5, 3]]}
    assert "OWID file of December 2020" in svg_text(svg)  # the legend names the file
    assert COUNTRY_COLORS["KAZ"] in json.dumps(fig.spec())
    assert len(fig.data) == 3 and list(fig.data.columns) == ["Country", "Year", "CO₂ per person (t)", "CO₂ total (Mt)",
                                                             "File"]
    assert {"CO₂ per person (t)", "CO₂ total (Mt)", "File"} <= tooltip_titles(fig.spec())


def test_co2_per_person_refuses_more_than_two_files():
    rows = emissions_rows().assign(vintage_label=["a", "b", "c", "c"])
    with pytest.raises(ValueError, match="a, b, c|at most two files"):
        charts.co2_per_person(rows, ["KAZ", "UZB"], "T", (2017, 2023))


def test_methane_share_bars_labelled_with_each_countrys_year_and_file():
    methane = pd.DataFrame({"country_code": ["KAZ", "UZB"], "country": ["Kazakhstan", "Uzbekistan"],
                            "year": [2023, 2016], "vintage_label": ["OWID file with data to 2023",
                                                                    "OWID file of December 2020"],
                            "methane_mt_co2e": [60.0, 55.0], "total_ghg_mt_co2e": [300.0, 90.0]})
    methane["methane_share_pct"] = methane.methane_mt_co2e / methane.total_ghg_mt_co2e * 100
    fig = charts.methane_share(methane, ["KAZ", "UZB"], "Methane finding")
    svg = static_svg(fig)
    assert 'class="mark-rect' in svg and "Methane, % of total greenhouse gas emissions" in svg
    assert "Uzbekistan (2016)" in svg_text(svg) and "Kazakhstan (2023)" in svg_text(svg)
    assert "latest year" in fig.subtitle and fig.source_line() in svg_text(svg)
    assert COUNTRY_COLORS["UZB"] in json.dumps(fig.spec())
    assert fig.data.Country.tolist() == ["Uzbekistan", "Kazakhstan"]
    assert fig.data.File.tolist() == ["OWID file of December 2020", "OWID file with data to 2023"]
    assert fig.data["Methane share (%)"].iloc[0] == pytest.approx(55 / 90 * 100)
    assert {"Methane (Mt CO₂e)", "Methane share (%)", "File"} <= tooltip_titles(fig.spec())
