"""The environment chapter: executes with defaults and for another pair; its glued key figures equal values
recomputed here from the CSVs in data/ (numpy least squares written out independently); bad parameters fail clearly."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from kztm.paths import ROOT
from kztm.pipeline.execute import ChapterError
from kztm.report.verdicts import check_verdict
from tests.test_chapter_energy import check_reads_in_jupyter, prose_outputs

DATA = ROOT / "data"


@pytest.fixture(scope="module")
def caspian():
    d = pd.read_csv(DATA / "caspian_level.csv", parse_dates=["date"])
    year = d.date.dt.year
    start = pd.to_datetime(year.astype(str) + "-01-01")
    end = pd.to_datetime((year + 1).astype(str) + "-01-01")
    d["t"] = year + (d.date - start) / (end - start)
    d["year"] = year
    return d


def ols(t, y):
    slope, intercept = np.polyfit(t, y, 1)
    resid = y - (intercept + slope * t)
    sigma = math.sqrt((resid ** 2).sum() / (len(t) - 2))
    return slope, intercept, sigma


def test_caspian_figures_match_the_data(run_chapter, caspian):
    _, g = run_chapter("environment")
    window = caspian[caspian.year.between(1992, 2023)]
    counts = window.groupby("year").level_m.size()
    means = window.groupby("year").level_m.mean()[counts >= 30]
    assert g["casp_first_year"] == means.index[0] and g["casp_last_year"] == means.index[-1]
    # Levels are shown to 2 decimals and the fall is computed from the shown levels, so the text adds up.
    assert g["casp_first_level"] == round(means.iloc[0], 2) and g["casp_last_level"] == round(means.iloc[-1], 2)
    assert g["casp_fall_m"] == pytest.approx(round(means.iloc[0], 2) - round(means.iloc[-1], 2), abs=1e-9)
    assert abs(g["casp_fall_m"] - (means.iloc[0] - means.iloc[-1])) < 0.01
    assert g["casp_peak_year"] == int(means.idxmax())
    fit_rows = caspian[caspian.year.between(1996, 2023)]
    slope, intercept, sigma = ols(fit_rows.t.to_numpy(), fit_rows.level_m.to_numpy())
    assert g["trend_cm_per_year"] == pytest.approx(slope * 100, rel=1e-6)
    assert g["trend_cm_per_year"] < 0  # the sea is falling
    assert g["sigma_cm"] == pytest.approx(sigma * 100, rel=1e-6)
    recent = caspian[caspian.year.between(2014, 2023)]
    recent_slope = ols(recent.t.to_numpy(), recent.level_m.to_numpy())[0]
    assert g["recent_cm_per_year"] == pytest.approx(recent_slope * 100, rel=1e-6)
    # Positive magnitudes for prose that says "fell by X cm a year".
    assert g["trend_fall_cm_per_year"] == pytest.approx(-slope * 100, rel=1e-6) and g["trend_fall_cm_per_year"] > 0
    assert g["recent_fall_cm_per_year"] == pytest.approx(-recent_slope * 100, rel=1e-6) and recent_slope < 0
    assert f"fell by {-slope * 100:.1f} cm a year" in g["trend_sentence"]
    assert f"{-recent_slope * 100:.1f} cm a year" in g["trend_sentence"] and "-" not in g["trend_sentence"]
    # The observed level: the mean of the last twelve months of observations, below the fitted line (the fall sped up).
    t = fit_rows.t.to_numpy()
    last12 = caspian[caspian.t > caspian.t.max() - 1]
    t_obs, obs = (last12.t.min() + last12.t.max()) / 2, last12.level_m.mean()
    assert g["obs_level"] == pytest.approx(obs) and g["ref_level"] == pytest.approx(obs)
    assert g["trend_gap_m"] == pytest.approx(intercept + slope * t_obs - obs) and 0.3 < g["trend_gap_m"] < 0.6
    # Projection to 2050 from the observed level (not from the fitted line) and its 95% prediction band.
    half = 1.959963984540054 * sigma * math.sqrt(1 + 1 / len(t) + (2050 - t.mean()) ** 2 / ((t - t.mean()) ** 2).sum())
    assert g["proj_level"] == pytest.approx(obs + slope * (2050 - t_obs), abs=1e-6)
    assert g["proj_level_trend"] == pytest.approx(intercept + slope * 2050, abs=1e-6)
    assert g["proj_level_trend"] - g["proj_level"] == pytest.approx(g["trend_gap_m"], abs=1e-6)
    assert g["proj_upper"] - g["proj_lower"] == pytest.approx(2 * half, abs=1e-6)
    assert g["proj_fall_m"] == pytest.approx(-slope * (2050 - t_obs))
    # The what-if: the year the sea has fallen by the default 1 m below its observed level, at the trend and at the
    # pace of the last ten years.
    assert g["depth_year"] == math.floor(t_obs + 1.0 / -slope)
    assert g["depth_year_recent"] == math.floor(t_obs + 1.0 / -recent_slope) < g["depth_year"]
    assert str(g["depth_year"]) in g["depth_sentence"] and str(g["depth_year_recent"]) in g["depth_sentence"]


def test_aral_water_emissions_match_the_data(run_chapter):
    _, g = run_chapter("environment")
    aral = pd.read_csv(DATA / "aral_area.csv")
    verified = aral[aral.year.between(1992, 2023) & (aral.flag == "from UNESCO study")]
    assert g["aral_last_year"] == 2018 == verified.year.max()  # post-2018 news values are not quoted
    first, last = verified.total_km2_thousand.iloc[0], verified.total_km2_thousand.iloc[-1]
    assert g["aral_change_pct"] == pytest.approx((last - first) / first * 100)
    assert g["aral_shrink_pct"] == pytest.approx((first - last) / first * 100) and g["aral_shrink_pct"] > 0
    water = pd.read_csv(DATA / "water.csv").dropna(subset=["withdrawals_pct_internal"])
    latest = water.sort_values("year").groupby("country_code").tail(1).set_index("country_code")
    assert g["water_pct_b"] == pytest.approx(latest.withdrawals_pct_internal["TKM"])
    # Turkmenistan's "2022" value repeats its 2020 estimate: the chapter gives it its real year.
    tkm = water[water.country_code == "TKM"].set_index("year")
    real = max(y for y in tkm.index if tkm.withdrawals_basis[y] != "repeated")
    assert (tkm.withdrawals_basis[real + 1:] == "repeated").all() and real == 2020
    assert g["water_year_b"] == real and g["water_year_a"] == 2022 and g["water_year"] == 2022
    assert g["water_year_words_b"] == "2020, repeated by the World Bank for 2021–2022"
    assert "2020, repeated by the World Bank for 2021–2022" in g["water_sentence"]
    n_above = int((latest.withdrawals_pct_internal.loc[["KAZ", "TKM", "UZB", "KGZ", "TJK"]] > 100).sum())
    assert g["water_above_n"] == n_above >= 2
    words = {2: "Two", 3: "Three", 4: "Four"}
    assert g["water_sentence"].startswith(f"{words[n_above]} of the five states compared withdraw")
    assert f"Turkmenistan withdraws {latest.withdrawals_pct_internal['TKM'] / 100:.1f} times" in g["water_sentence"]
    em = pd.read_csv(DATA / "emissions.csv")
    for code, side in (("KAZ", "a"), ("TKM", "b")):
        rows = em[em.country_code == code]
        assert set(rows.vintage) == {"owid_co2_2024"}  # one file per country
        co2_year = rows.dropna(subset=["co2_mt"]).year.max()
        ch4_year = rows.dropna(subset=["methane_mt_co2e", "total_ghg_mt_co2e"]).year.max()
        assert g[f"co2_year_{side}"] == co2_year == 2023 and g[f"ch4_year_{side}"] == ch4_year == 2023
        co2_row = rows[rows.year == co2_year].iloc[0]
        assert g[f"co2_pc_{side}"] == pytest.approx(co2_row.co2_per_capita_t)
        ch4_row = rows[rows.year == ch4_year].iloc[0]
        assert g[f"ch4_share_{side}"] == pytest.approx(ch4_row.methane_mt_co2e / ch4_row.total_ghg_mt_co2e * 100)
    kaz = em[(em.country_code == "KAZ") & (em.year == 2023)].iloc[0]
    # total_ghg in the newer file includes land use; the chapter says so and shows what land use adds.
    assert g["lucf_mt"] == pytest.approx(kaz.total_ghg_mt_co2e - kaz.total_ghg_excl_lucf_mt_co2e)
    assert g["em_pair_note"] == "Both are from the same file."
    # The declines are data; their effects (shipping, health, climate) have no evidence here: partly consistent.
    for claim, figure in (("N1", "fig-environment-caspian"), ("N2", "fig-environment-aral")):
        assert (g[f"verdict_{claim}"], g[f"evidence_kind_{claim}"]) == ("partly consistent", "data")
        check_verdict(claim, g[f"verdict_{claim}"], g[f"evidence_kind_{claim}"])
        assert g[f"figure_{claim}"] == figure
    assert f"{g['casp_fall_m']:.2f} m" in g["evidence_N1"] and "-" not in g["evidence_N1"].replace("–", "")


FIGURES = ("fig-environment-caspian", "fig-environment-caspian-whatif", "fig-environment-aral",
           "fig-environment-water", "fig-environment-co2", "fig-environment-methane")


def test_every_figure_keeps_its_name_and_reads_in_jupyter(run_chapter):
    notebook, g = run_chapter("environment")
    figures, prose = check_reads_in_jupyter(notebook, FIGURES)
    assert f"by {g['depth_year']}" in figures["fig-environment-caspian-whatif"]["text/plain"]
    assert f"{g['casp_obs']:,d} observations" in prose


def test_parameters_move_the_trend_and_the_what_if(run_chapter, caspian):
    _, g = run_chapter("environment", trend_start_year=2006, projection_year=2040, port_depth_m=2.5)
    rows = caspian[caspian.year.between(2006, 2023)]
    slope = ols(rows.t.to_numpy(), rows.level_m.to_numpy())[0]
    assert g["trend_cm_per_year"] == pytest.approx(slope * 100, rel=1e-6)
    assert g["projection_year"] == 2040 and g["port_depth_m"] == 2.5
    last12 = caspian[caspian.t > caspian.t.max() - 1]
    assert g["depth_year"] == math.floor((last12.t.min() + last12.t.max()) / 2 + 2.5 / -slope)


def test_other_pair_uzbekistan(run_chapter):
    notebook, g = run_chapter("environment", country_b="UZB", peers=["KGZ", "TJK"])
    water = pd.read_csv(DATA / "water.csv").dropna(subset=["withdrawals_pct_internal"])
    uzb = water[water.country_code == "UZB"].sort_values("year")
    assert g["water_pct_b"] == pytest.approx(uzb.withdrawals_pct_internal.iloc[-1])
    assert "verdict_N1" not in g
    notice = [t for t in prose_outputs(notebook) if "compiled only for Kazakhstan–Turkmenistan" in t]
    assert len(notice) == 1 and "Kazakhstan–Uzbekistan" in notice[0]
    assert "Kazakhstan" in g["ports_sentence"] and "Uzbekistan" not in g["ports_sentence"]
    # Each country its own latest year and file, named: Uzbekistan stays on the 2020 file (CO₂ to 2018, methane 2016).
    em = pd.read_csv(DATA / "emissions.csv")
    uzb = em[em.country_code == "UZB"]
    assert set(uzb.vintage) == {"owid_co2_2020-12-09"}
    assert g["co2_year_a"] == 2023 and g["co2_year_b"] == uzb.dropna(subset=["co2_mt"]).year.max() == 2018
    assert g["ch4_year_b"] == uzb.dropna(subset=["methane_mt_co2e"]).year.max() == 2016
    row = uzb[uzb.year == 2016].iloc[0]
    assert g["ch4_share_b"] == pytest.approx(row.methane_mt_co2e / row.total_ghg_mt_co2e * 100)
    assert g["co2_file_b"] == "OWID file of December 2020" and "different files" in g["em_pair_note"]
    prose = "\n".join(prose_outputs(notebook))
    assert "in 2018 Uzbekistan" in prose and "(OWID file of December 2020)" in prose


@pytest.mark.parametrize("overrides, message", [
    ({"port_depth_m": -1}, "port_depth_m=-1"),
    ({"trend_start_year": 2021}, "trend_start_year=2021"),
    ({"projection_year": 2000}, "projection_year=2000"),
])
def test_bad_parameters_fail_with_a_clear_message(run_chapter, overrides, message):
    with pytest.raises(ChapterError, match=message):
        run_chapter("environment", **overrides)
