"""Unit tests of kztm.environment on synthetic data with known answers."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from kztm.themes import environment as env


def test_decimal_year():
    t = env.decimal_year(["2020-01-01", "2021-07-02", "2023-12-31"])
    assert t[0] == pytest.approx(2020.0)
    assert t[1] == pytest.approx(2021 + 182 / 365)
    assert 2023.99 < t[2] < 2024.0


def test_linear_trend_recovers_slope_and_noise():
    rng = np.random.default_rng(0)
    t = np.linspace(2000, 2020, 2000)
    y = -26.0 - 0.07 * (t - 2000) + rng.normal(0, 0.2, t.size)
    fit = env.linear_trend(t, y)
    assert fit.slope == pytest.approx(-0.07, abs=0.002)
    assert fit.sigma == pytest.approx(0.2, rel=0.05)
    assert fit.n == 2000
    # Standard error of the slope, closed form for an even grid: sigma / sqrt(Sxx).
    assert fit.slope_se == pytest.approx(fit.sigma / math.sqrt(((t - t.mean()) ** 2).sum()))


def test_exact_line_has_zero_residuals_and_a_band_of_zero():
    t = np.array([2000.0, 2001.0, 2002.0, 2003.0])
    fit = env.linear_trend(t, 5 - 0.1 * (t - 2000))
    assert fit.sigma == pytest.approx(0, abs=1e-12)
    assert fit.predict(2010) == pytest.approx(4.0)
    assert fit.prediction_halfwidth(2010) == pytest.approx(0, abs=1e-9)


def test_prediction_band_widens_away_from_the_centre_and_covers_95_percent():
    rng = np.random.default_rng(1)
    t = np.linspace(0, 10, 400)
    fit = env.linear_trend(t, 1 + 0.5 * t + rng.normal(0, 1, t.size))
    near, far = fit.prediction_halfwidth([fit.t_mean, 40.0])
    assert far > near >= env.Z95 * fit.sigma
    # New observations from the same process fall inside the band about 95% of the time.
    new_t = rng.uniform(0, 10, 4000)
    new_y = 1 + 0.5 * new_t + rng.normal(0, 1, new_t.size)
    inside = np.abs(new_y - fit.predict(new_t)) <= fit.prediction_halfwidth(new_t)
    assert 0.93 < inside.mean() < 0.97


def test_linear_trend_rejects_too_few_points():
    with pytest.raises(ValueError, match="at least 3"):
        env.linear_trend([1.0, 2.0], [1.0, 2.0])


def test_years_to_fall():
    fit = env.linear_trend([0.0, 1.0, 2.0], [0.0, -0.1, -0.2])
    assert fit.years_to_fall(1.0) == pytest.approx(10.0)
    rising = env.linear_trend([0.0, 1.0, 2.0], [0.0, 0.1, 0.2])
    assert math.isinf(rising.years_to_fall(1.0))
    with pytest.raises(ValueError):
        fit.years_to_fall(-1)


def caspian_like():
    dates = pd.date_range("1995-01-05", "2004-12-25", freq="10D")
    t = env.decimal_year(dates)
    level = -26.0 - 0.1 * (t - 1995) + 0.2 * np.sin(2 * np.pi * t)
    return pd.DataFrame({"date": dates, "level_m": level, "error_m": 0.0})


def test_fit_caspian_uses_only_the_window_and_annual_means_flag_partial_years():
    levels = caspian_like()
    fit = env.fit_caspian(levels, 2000, 2004)
    assert fit.t_first >= 2000
    assert fit.slope == pytest.approx(-0.1, abs=0.02)  # the seasonal cycle biases a short window a little
    partial = levels[levels.date < "2003-04-01"]
    means = env.annual_means(partial)
    assert not means.set_index("year").complete[2003]
    assert means.set_index("year").complete[2002]
    with pytest.raises(LookupError, match="2010"):
        env.fit_caspian(levels, 2010, 2012)


def test_projection_table_ends_at_the_projection_year():
    fit = env.fit_caspian(caspian_like(), 1995, 2004)
    table = env.projection_table(fit, 2030)
    assert table.t.iloc[0] == pytest.approx(fit.t_last)
    assert table.t.iloc[-1] == pytest.approx(2030)
    assert (table.upper_m > table.trend_m).all() and (table.lower_m < table.trend_m).all()
    assert table.trend_m.iloc[-1] == pytest.approx(fit.predict(2030))


def test_share_change_pct():
    assert env.share_change_pct(40.0, 10.0) == pytest.approx(-75.0)
    with pytest.raises(ZeroDivisionError):
        env.share_change_pct(0.0, 1.0)


def falling_levels(drop_last_year=0.0):
    """Ten-day levels 2000–2009 falling 10 cm a year with a seasonal swing; the last year lowered by
    ``drop_last_year``."""
    dates = pd.date_range("2000-01-05", "2009-12-25", freq="10D")
    t = env.decimal_year(dates)
    level = -26.0 - 0.10 * (t - 2000) + 0.15 * np.sin(2 * np.pi * t) - np.where(t >= 2009, drop_last_year, 0.0)
    return pd.DataFrame({"date": dates.strftime("%Y-%m-%d"), "level_m": level})


def test_observed_level_averages_the_last_twelve_months_so_the_season_cancels():
    levels = falling_levels()
    obs = env.observed_level(levels, 2009)
    t = env.decimal_year(levels.date)
    last = t[t > t.max() - 1]
    assert obs["n"] == len(last) and obs["t"] == pytest.approx((last.min() + last.max()) / 2)
    # Without the seasonal swing the mean sits on the line: within a centimetre of -26 - 0.1 (t - 2000).
    assert obs["level_m"] == pytest.approx(-26.0 - 0.10 * (obs["t"] - 2000), abs=0.01)
    assert obs["last_date"] == pd.Timestamp(levels.date.iloc[-1])
    assert env.observed_level(levels, 2005)["last_date"].year == 2005
    with pytest.raises(LookupError, match="1990"):
        env.observed_level(levels, 1990)


def test_anchored_projection_starts_at_the_observed_level_not_the_fitted_line():
    levels = falling_levels(drop_last_year=0.4)
    fit = env.fit_caspian(levels, 2000, 2009)
    obs = env.observed_level(levels, 2009)
    proj = env.anchored_projection(fit, obs["t"], obs["level_m"], 2030)
    assert proj.t.iloc[0] == pytest.approx(obs["t"]) and proj.t.iloc[-1] == 2030
    assert proj.level_m.iloc[0] == pytest.approx(obs["level_m"])
    assert proj.level_m.iloc[-1] == pytest.approx(obs["level_m"] + fit.slope * (2030 - obs["t"]))
    # The fitted line sits above the lowered last year, and stays above the anchored projection by the same gap.
    gap = float(fit.predict(obs["t"])) - obs["level_m"]
    assert gap > 0.2 and (proj.trend_m - proj.level_m).to_numpy() == pytest.approx(np.full(len(proj), gap))
    half = fit.prediction_halfwidth(proj.t.to_numpy())
    assert (proj.upper_m - proj.level_m).to_numpy() == pytest.approx(half)


def test_latest_estimates_give_a_repeated_value_the_year_it_estimates():
    water = pd.DataFrame({
        "country_code": ["TKM"] * 5 + ["KAZ"] * 2, "country": ["Turkmenistan"] * 5 + ["Kazakhstan"] * 2,
        "year": [2018, 2019, 2020, 2021, 2022, 2021, 2022],
        "withdrawals_pct_internal": [1900.0, 1950.0, 1868.0, 1868.0, 1868.0, 38.0, 38.8],
        "withdrawals_basis": ["interpolated", "reported", "reported", "repeated", "repeated", "reported", "reported"]})
    latest = env.latest_estimates(water)
    assert latest.loc["TKM", "shown_to"] == 2022 and latest.loc["TKM", "estimate_year"] == 2020
    assert latest.loc["TKM", "estimate_basis"] == "reported"
    assert latest.loc["KAZ", "estimate_year"] == latest.loc["KAZ", "shown_to"] == 2022
    assert latest.loc["TKM", "withdrawals_pct_internal"] == 1868.0


def test_latest_by_country_keeps_each_countrys_own_file_and_year():
    em = pd.DataFrame({"country_code": ["KAZ", "KAZ", "UZB", "UZB"], "country": ["Kazakhstan"] * 2 + ["Uzbekistan"] * 2,
                       "year": [2022, 2023, 2016, 2018], "methane_mt_co2e": [60.0, 59.0, 30.0, None],
                       "total_ghg_mt_co2e": [340.0, 339.0, 200.0, None],
                       "vintage": ["owid_co2_2024"] * 2 + ["owid_co2_2020-12-09"] * 2})
    latest = env.latest_by_country(em, ["methane_mt_co2e", "total_ghg_mt_co2e"])
    assert latest.year.to_dict() == {"KAZ": 2023, "UZB": 2016}  # each its own latest year, not a common one
    assert latest.vintage_label.to_dict() == {"KAZ": "OWID file with data to 2023", "UZB": "OWID file of December 2020"}


# --- the chapter's figures, sentences, titles and findings (issue 10: thin notebook) ----------------------

from kztm.params import ParameterError, validate_common  # noqa: E402
from kztm.report import wording  # noqa: E402


def pair(a="KAZ", b="TKM", start=2000, end=2009, peers=()):
    return validate_common(a, b, list(peers), start, end, years=(1986, 2023))


def levels(cm_per_year, faster_from=None, faster_cm=0.0, first="1990-01-05", last="2009-12-25"):
    """Ten-day Caspian levels falling ``cm_per_year`` with a seasonal swing; from ``faster_from`` the fall is
    ``faster_cm`` a year instead."""
    dates = pd.date_range(first, last, freq="10D")
    t = env.decimal_year(dates)
    trend = -26.0 + cm_per_year / 100 * (t - 1990)
    if faster_from is not None:
        trend = np.where(t >= faster_from, -26.0 + cm_per_year / 100 * (faster_from - 1990)
                         + faster_cm / 100 * (t - faster_from), trend)
    level = trend + 0.15 * np.sin(2 * np.pi * t)
    return env.caspian_with_time(pd.DataFrame({"date": dates.strftime("%Y-%m-%d"), "level_m": level}))


def test_check_parameters_names_the_bad_value():
    env.check_parameters(validate_common("KAZ", "TKM", [], 1992, 2023, years=(1986, 2023)), 1996, 2050, 1.0)
    p = validate_common("KAZ", "TKM", [], 1992, 2023, years=(1986, 2023))
    for args, message in [((1992, 2050, 1.0), "trend_start_year=1992"), ((2019, 2050, 1.0), "trend_start_year=2019"),
                          ((1996, 2023, 1.0), "projection_year=2023"), ((1996, 2050, 6), "port_depth_m=6")]:
        with pytest.raises(ParameterError, match=message):
            env.check_parameters(p, *args)


def test_caspian_figures_on_a_steady_fall():
    a = env.caspian_analysis(levels(-10.0), pair(), 2000, 2030)
    f = env.caspian_figures(a, 1.0)
    # The seasonal swing at the window's ends tilts the fitted line a little: within 0.5 cm a year of the true fall.
    assert f["trend_cm_per_year"] == pytest.approx(-10.0, abs=0.5)
    assert f["trend_fall_cm_per_year"] == pytest.approx(-f["trend_cm_per_year"])
    assert (f["casp_first_year"], f["casp_last_year"], f["recent_from"]) == (2000, 2009, 2000)
    assert f["casp_fall_m"] == round(f["casp_first_level"] - f["casp_last_level"], 2)
    assert f["casp_fall_m"] == pytest.approx(0.9, abs=0.02) and f["casp_peak_year"] == 2000
    assert abs(f["trend_gap_m"]) < 0.02  # no acceleration: the fitted line meets the observed level
    assert f["proj_fall_m"] == pytest.approx(-a.fit.slope * (2030 - a.observed["t"]))
    assert f["depth_year"] == math.floor(a.observed["t"] + 1.0 / -a.fit.slope) == f["depth_year_recent"]
    assert f["trend_sentence"] == (f"On the linear trend since 2000 the level {f['trend_pace']}; over the ten years "
                                   f"from 2000 it {f['trend_pace']}.")
    assert f["depth_sentence"] == ("At that trend the level would fall by 1.0 m below its observed level, the depth "
                                   f"set in this what-if, by {f['depth_year']}; at the pace of the last ten years, by "
                                   f"{f['depth_year_recent']}.")
    late = env.caspian_figures(env.caspian_analysis(levels(-10.0), pair(), 2000, 2015), 1.0)
    assert late["depth_sentence"].startswith(f"At that trend a fall of 1.0 m below the observed level, the depth set "
                                             f"in this what-if, would take until {late['depth_year']}, after 2015;")


def test_caspian_figures_when_the_fall_speeds_up_or_the_sea_rises():
    faster = env.caspian_figures(env.caspian_analysis(levels(-5.0, 2000, -20.0), pair(start=1990), 1990, 2030), 1.0)
    assert faster["recent_cm_per_year"] < faster["trend_cm_per_year"] < 0 and faster["trend_gap_m"] > 0.3
    assert faster["trend_sentence"].endswith(
        f"over the ten years from 2000 it fell faster, by {faster['recent_fall_cm_per_year']:.1f} cm a year.")
    assert faster["trend_gap_words"] == "above" and faster["recent_pace"].startswith("a fall of")
    rising = env.caspian_figures(env.caspian_analysis(levels(4.0), pair(), 2000, 2030), 1.0)
    assert "depth_year" not in rising and "depth_year_recent" not in rising
    assert rising["depth_sentence"] == "The fitted trend is not falling, so a fall of 1.0 m is not reached."
    assert rising["trend_sentence"].endswith(f"it {wording.level_pace(rising['recent_cm_per_year'])}.")
    line = env.caspian_analysis(levels(-10.0), pair(), 2000, 2030).trend_line(2005)
    assert line.t.iloc[0] == 2005 and line.trend_m.is_monotonic_decreasing


def test_aral_figures_quote_only_the_unesco_values():
    aral = pd.DataFrame({"year": [2000, 2010, 2015, 2018], "total_km2_thousand": [20.0, 15.0, 8.0, 5.0],
                         "small_km2_thousand": [3.0, 3.2, 3.3, 3.4],
                         "flag": ["from UNESCO study", "from UNESCO study", "news", "news"]})
    f = env.aral_figures(aral)
    assert (f["aral_first_year"], f["aral_last_year"], f["aral_last"]) == (2000, 2010, 15.0)
    assert f["aral_shrink_pct"] == pytest.approx(25.0) and f["aral_small_last"] == 3.2
    assert f["aral_news_sentence"].startswith("Values for 2015–2018 were collected from news reports")
    assert env.aral_figures(aral.iloc[:2])["aral_news_sentence"] == "Every year shown comes from the UNESCO study."


def water_frame():
    rows = [("TKM", "Turkmenistan", 2020, 1868.0, 27.9, "reported"), ("TKM", "Turkmenistan", 2021, 1868.0, 27.9,
                                                                        "repeated"),
            ("KAZ", "Kazakhstan", 2021, 38.8, 24.6, "reported"), ("UZB", "Uzbekistan", 2021, 350.0, 58.9, "reported"),
            ("KGZ", "Kyrgyzstan", 2021, 50.0, 7.7, "reported")]
    return pd.DataFrame(rows, columns=["country_code", "country", "year", "withdrawals_pct_internal",
                                       "withdrawals_bn_m3", "withdrawals_basis"])


def test_water_figures_count_the_states_above_their_resources_and_date_each_estimate():
    latest = env.chapter_water(water_frame(), pair(peers=["UZB", "KGZ"]))
    assert list(latest.index) == ["KAZ", "TKM", "UZB", "KGZ"]  # the chapter's order
    f = env.water_figures(latest, pair(peers=["UZB", "KGZ"]))
    assert (f["water_above_n"], f["water_n"], f["water_n_repeated"]) == (2, 4, 1)
    assert f["water_year_b"] == 2020 and f["water_year_words_b"] == "2020, repeated by the World Bank for 2021"
    assert f["water_above_words"] == ("Two of the four states compared withdraw more fresh water than their internal "
                                      "renewable resources (Turkmenistan and Uzbekistan)")
    assert f["water_sentence"].endswith("; Turkmenistan withdraws 18.7 times its internal renewable resources "
                                        "(estimate for 2020, repeated by the World Bank for 2021) and Kazakhstan "
                                        "39% of its own (2021).")
    assert f["tkm_water_share"] == "18.7 times its internal renewable water"
    one = env.water_figures(env.chapter_water(water_frame(), pair("KAZ", "UZB")), pair("KAZ", "UZB"))
    assert one["water_above_words"].startswith("One of the two states compared withdraws more fresh water than its")
    assert "tkm_water_share" not in one
    none = env.water_figures(env.chapter_water(water_frame(), pair("KAZ", "KGZ")), pair("KAZ", "KGZ"))
    assert none["water_above_words"] == ("None of the two states compared withdraws more fresh water than its "
                                         "internal renewable resources")
    assert none["water_above_names"] == "none of them"


def emissions_frame():
    rows = [("KAZ", "Kazakhstan", 2023, 250.0, 12.5, 60.0, 340.0, 330.0, "owid_co2_2024"),
            ("TKM", "Turkmenistan", 2023, 80.0, 11.0, 50.0, 120.0, 118.0, "owid_co2_2024"),
            ("TKM", "Turkmenistan", 2024, 81.0, 11.1, None, None, None, "owid_co2_2024"),
            ("UZB", "Uzbekistan", 2018, 100.0, 3.0, 30.0, 200.0, None, "owid_co2_2020-12-09")]
    return pd.DataFrame(rows, columns=["country_code", "country", "year", "co2_mt", "co2_per_capita_t",
                                       "methane_mt_co2e", "total_ghg_mt_co2e", "total_ghg_excl_lucf_mt_co2e",
                                       "vintage"])


def test_emissions_figures_keep_each_countrys_file_and_warn_when_the_pair_mixes_files():
    em = env.chapter_emissions(emissions_frame(), pair(end=2023, peers=["UZB"]))
    f = env.emissions_figures(em, pair(end=2023, peers=["UZB"]))
    assert (f["co2_year_b"], f["ch4_year_b"]) == (2023, 2023) and f["em_files_n"] == 2
    assert f["ch4_share_b"] == pytest.approx(50 / 120 * 100)
    assert (f["lucf_country"], f["lucf_mt"]) == ("Kazakhstan", pytest.approx(10.0))
    assert f["em_pair_note"] == "Both are from the same file."
    mixed = env.emissions_figures(em, pair("KAZ", "UZB", end=2023))
    assert mixed["em_pair_note"] == ("The two figures come from different files (OWID file with data to 2023 for "
                                     "Kazakhstan, OWID file of December 2020 for Uzbekistan) and different years; "
                                     "compare them with care.")
    assert env.emission_files_phrase(em) == (
        "Uzbekistan from the OWID file of December 2020 (CO₂ to 2018, methane to 2018); Kazakhstan and Turkmenistan "
        "from the OWID file with data to 2023 (CO₂ to 2023, methane to 2023)")
    assert env.chapter_emissions(emissions_frame(), pair(end=2023)).year.max() == 2023  # 2024 is after end_year


def test_ports_figures_name_the_ports_of_the_pair_or_say_there_are_none():
    nodes = pd.DataFrame({"node_id": ["aktau", "aktau", "tmb", "dry"], "name": ["Aktau", "Aktau", "Türkmenbaşy", "X"],
                          "country_code": ["KAZ", "KAZ", "TKM", "UZB"],
                          "kind": ["sea_port", "sea_port", "sea_port", "dry_port"]})
    f = env.ports_figures(nodes, pair())
    assert f == {"n_ports": 2, "ports_sentence": "Ports of the pair on the Caspian in this report's data: Aktau "
                                                 "(Kazakhstan); Türkmenbaşy (Turkmenistan). The logistics chapter "
                                                 "describes them."}
    assert env.ports_figures(nodes, pair("UZB", "KGZ"))["ports_sentence"].startswith(
        "Neither Uzbekistan nor Kyrgyzstan has a Caspian port")


def test_chart_titles_and_key_findings_follow_the_figures():
    values = {"casp_fall_m": 0.9, "trend_cm_per_year": -7.0, "recent_cm_per_year": -14.0, "casp_first_year": 1993,
              "casp_last_year": 2023, "trend_fall_cm_per_year": 7.0, "trend_start_year": 1996, "trend_end_year": 2023,
              "trend_pace": "fell by 7.0 cm a year", "port_depth_m": 1.0, "projection_year": 2050, "depth_year": 2037,
              "depth_year_recent": 2030}
    latest = env.chapter_water(water_frame(), pair(peers=["UZB"]))
    t = env.chart_titles(values, latest)
    assert t["caspian"] == "The Caspian fell 0.90 m from 1993 to 2023, 7.0 cm a year since 1996"
    assert t["whatif"] == "From its observed level the Caspian would drop 1.0 m by 2037 at the 1996–2023 trend"
    assert t["water"] == "Turkmenistan withdraws 18.7 times its internal renewable water"
    findings = env.key_findings(values, pair())
    assert len(findings) == 5 and "falling faster" in findings[0] and "{depth_year_recent}" in findings[1]
    assert "{tkm_water_share}" in findings[2]
    rising = {**values, "casp_fall_m": -0.2, "trend_cm_per_year": 2.0, "recent_cm_per_year": 1.0,
              "trend_pace": "rose by 2.0 cm a year"}
    del rising["depth_year"]
    t = env.chart_titles(rising, latest)
    assert t["caspian"] == ("The Caspian's level changed by 0.20 m from 1993 to 2023; the trend since 1996 rose by "
                            "2.0 cm a year")
    assert t["whatif"] == "From its observed level the Caspian would not drop 1.0 m by 2050 at the trend"
    findings = env.key_findings(rising, pair("KAZ", "UZB"))
    assert findings[:3] == ["{trend_sentence} ({fig:fig-environment-caspian})",
                            "{depth_sentence} ({fig:fig-environment-caspian-whatif})",
                            "{water_sentence} ({fig:fig-environment-water})"]
    late = env.chart_titles({**values, "depth_year": 2060}, latest)
    assert "would not drop" in late["whatif"]  # reached only after the projection year
