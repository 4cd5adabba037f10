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
    # Projection to 2050 and its 95% prediction band.
    t = fit_rows.t.to_numpy()
    level_2050 = intercept + slope * 2050
    half = 1.959963984540054 * sigma * math.sqrt(1 + 1 / len(t) + (2050 - t.mean()) ** 2 / ((t - t.mean()) ** 2).sum())
    assert g["proj_level"] == pytest.approx(level_2050, abs=1e-6)
    assert g["proj_upper"] - g["proj_lower"] == pytest.approx(2 * half, abs=1e-6)
    # The what-if: the year the trend has fallen by the default 1 m below its level at the last observation.
    t_last = t.max()
    assert g["depth_year"] == math.floor(t_last + 1.0 / -slope)
    assert str(g["depth_year"]) in g["depth_sentence"]


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
    n_above = int((latest.withdrawals_pct_internal.loc[["KAZ", "TKM", "UZB", "KGZ", "TJK"]] > 100).sum())
    assert g["water_above_n"] == n_above >= 2
    words = {2: "Two", 3: "Three", 4: "Four"}
    assert g["water_sentence"].startswith(f"{words[n_above]} of the five states compared withdraw")
    assert f"Turkmenistan withdraws {latest.withdrawals_pct_internal['TKM'] / 100:.1f} times" in g["water_sentence"]
    em = pd.read_csv(DATA / "emissions.csv")
    last_co2 = em.dropna(subset=["co2_mt"]).year.max()
    row = em[(em.country_code == "KAZ") & (em.year == last_co2)].iloc[0]
    assert g["co2_year"] == last_co2 and g["co2_pc_a"] == pytest.approx(row.co2_per_capita_t)
    ch4 = em[(em.country_code == "TKM") & (em.year == g["ch4_year"])].iloc[0]
    assert g["ch4_share_b"] == pytest.approx(ch4.methane_mt_co2e / ch4.total_ghg_mt_co2e * 100)
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
    assert g["depth_year"] == math.floor(rows.t.max() + 2.5 / -slope)


def test_other_pair_uzbekistan(run_chapter):
    notebook, g = run_chapter("environment", country_b="UZB", peers=["KGZ", "TJK"])
    water = pd.read_csv(DATA / "water.csv").dropna(subset=["withdrawals_pct_internal"])
    uzb = water[water.country_code == "UZB"].sort_values("year")
    assert g["water_pct_b"] == pytest.approx(uzb.withdrawals_pct_internal.iloc[-1])
    assert "verdict_N1" not in g
    notice = [t for t in prose_outputs(notebook) if "compiled only for Kazakhstan–Turkmenistan" in t]
    assert len(notice) == 1 and "Kazakhstan–Uzbekistan" in notice[0]
    assert "Kazakhstan" in g["ports_sentence"] and "Uzbekistan" not in g["ports_sentence"]


@pytest.mark.parametrize("overrides, message", [
    ({"port_depth_m": -1}, "port_depth_m=-1"),
    ({"trend_start_year": 2021}, "trend_start_year=2021"),
    ({"projection_year": 2000}, "projection_year=2000"),
])
def test_bad_parameters_fail_with_a_clear_message(run_chapter, overrides, message):
    with pytest.raises(ChapterError, match=message):
        run_chapter("environment", **overrides)
