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
