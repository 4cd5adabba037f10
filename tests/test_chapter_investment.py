"""The investment chapter executes for the default pair and another pair, and its glued figures match the data."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from kztm.paths import ROOT
from kztm.pipeline.execute import ChapterError
from kztm.report.wording import only_for_pair

from .chapter_outputs import (
    assert_figures,
    assert_reads_in_jupyter,
    figures,
    visible_text,
)

DATA = ROOT / "data"


def _inv():
    return pd.read_csv(DATA / "investment.csv")


def _value(df, code, year, column):
    return float(df[(df.country_code == code) & (df.year == year)][column].iloc[0])


FIGURES = ["fig-investment-fdi-usd", "fig-investment-fdi-gdp", "fig-investment-debt", "fig-investment-materiality"]


def _cumulative(code, start=2000, end=2024):
    df = _inv()
    return float(df[(df.country_code == code) & df.year.between(start, end)].fdi_net_inflows_usd.sum())


@pytest.fixture(scope="module")
def default(run_chapter):
    return run_chapter("investment")


@pytest.fixture(scope="module")
def other_pair(run_chapter):
    return run_chapter("investment", country_b="UZB")


def test_fdi_and_debt_figures_match_the_data(default):
    _, glued = default
    inv = _inv()
    macro = pd.read_csv(DATA / "macro.csv")
    assert glued["fdi_year"] == 2024
    assert glued["fdi_a_bn"] == pytest.approx(_value(inv, "KAZ", 2024, "fdi_net_inflows_usd") / 1e9)
    assert glued["fdi_b_bn"] == pytest.approx(_value(inv, "TKM", 2024, "fdi_net_inflows_usd") / 1e9)
    assert glued["fdi_b_pct"] == pytest.approx(_value(inv, "TKM", 2024, "fdi_net_inflows_pct_gdp"))
    assert glued["cum_a_bn"] == pytest.approx(_cumulative("KAZ") / 1e9)
    assert glued["cum_b_bn"] == pytest.approx(_cumulative("TKM") / 1e9)
    tkm = inv[(inv.country_code == "TKM") & inv.year.between(2000, 2024)]
    assert glued["mean_pct_b"] == pytest.approx(tkm.fdi_net_inflows_pct_gdp.mean())
    debt = _value(inv, "KAZ", 2024, "external_debt_usd")
    gdp = _value(macro, "KAZ", 2024, "gdp_usd")
    assert glued["debt_year"] == 2024
    assert glued["debt_a_bn"] == pytest.approx(debt / 1e9)
    assert glued["debt_a_pct"] == pytest.approx(debt / gdp * 100)


def test_bilateral_scale_and_verdict(default):
    _, glued = default
    facts = pd.read_csv(DATA / "investment_facts.csv")
    quoted = facts[facts.subject == "Kazakh investment in Turkmenistan"].iloc[0]
    assert quoted.unit.startswith("USD million")
    cum = _cumulative("TKM")
    assert glued["quoted_musd"] == pytest.approx(quoted.value)
    assert glued["quoted_share_pct"] == pytest.approx(quoted.value * 1e6 / cum * 100)
    assert glued["material_share_pct"] == 5.0
    assert glued["threshold_host_musd"] == pytest.approx(cum * 0.05 / 1e6)
    assert glued["threshold_multiple"] == pytest.approx(cum * 0.05 / (quoted.value * 1e6))
    assert glued["signed_day"] == "10 October 2024" and glued["signed_place"] == "Ashgabat"
    assert glued["ratified_day"] == "18 September 2025"
    # the ratification law from the facts (Law No. 217-VIII), in the finding and in I1's evidence
    law = facts[facts.subject == "Ratification of the investment agreement by Kazakhstan"].description.iloc[0]
    assert glued["ratified_law"] == "217-VIII" and "No. 217-VIII" in law
    assert "Law No. 217-VIII of 18 September 2025" in glued["evidence_I1"] and "217-VIII" in glued["kf_agreement"]
    assert "unofficial legal database" in glued["evidence_I1"]
    # the same amount against the latest single year of inflows (2024), kept apart from the cumulative share
    inv = _inv()
    tkm_2024 = _value(inv, "TKM", 2024, "fdi_net_inflows_usd")
    assert glued["quoted_share_year"] == 2024
    assert glued["quoted_share_year_pct"] == pytest.approx(quoted.value * 1e6 / tkm_2024 * 100)
    assert 5 < glued["quoted_share_year_pct"] < 10 and glued["quoted_share_pct"] < 1
    # signing documented, smallness only indicated by one quoted amount: partly consistent
    assert glued["verdict_I1"] == "partly consistent" and glued["evidence_kind_I1"] == "document"
    assert f"{glued['quoted_share_pct']:.1f}%" in glued["evidence_I1"]
    assert f"{glued['quoted_share_year_pct']:.0f}%" in glued["evidence_I1"]
    assert glued["figure_I1"] == "fig-investment-materiality"


def test_turkmen_fdi_share_of_gdp_under_both_vintages(default):
    path, glued = default
    vintages = pd.read_csv(DATA / "gdp_vintages.csv")
    tkm = vintages[vintages.country_code == "TKM"].dropna(subset=["gdp_usd_wdi_2026", "gdp_usd_datahub_2026_03"])
    inv = _inv()
    year = int(max(set(tkm.year) & set(inv[(inv.country_code == "TKM") & inv.fdi_net_inflows_usd.notna()].year)))
    fdi = _value(inv, "TKM", year, "fdi_net_inflows_usd")
    row = tkm[tkm.year == year].iloc[0]
    assert glued["fdi_vintage_year"] == year
    assert glued["fdi_tkm_main"] == pytest.approx(fdi / row.gdp_usd_wdi_2026 * 100)
    assert glued["fdi_tkm_alt"] == pytest.approx(fdi / row.gdp_usd_datahub_2026_03 * 100)
    text = visible_text(path)
    # in the key findings, not only the appendix
    assert f"{glued['fdi_tkm_alt']:.1f}% on the March 2026 vintage" in text


def test_no_bilateral_series_is_said_to_be_not_obtained_not_non_existent(default):
    path, _ = default
    text = visible_text(path)
    assert "no bilateral FDI series exists" not in text.lower() and "since no bilateral series exists" not in text
    assert "not obtained" in text and "Coordinated Direct Investment Survey" in text
    assert "WTO" in text and "Not known" in text  # the drivers paragraph says what is not known


def test_other_pair_runs_on_country_data(other_pair):
    _, glued = other_pair
    assert glued["name_b"] == "Uzbekistan"
    assert glued["cum_b_bn"] == pytest.approx(_cumulative("UZB") / 1e9)
    assert glued["threshold_b_bn"] == pytest.approx(_cumulative("UZB") * 0.05 / 1e9)
    assert "quoted_musd" not in glued and "verdict_I1" not in glued
    assert "Kazakhstan–Turkmenistan" in glued["kf_agreement"]
    path, _ = other_pair
    assert list(figures(path)) == FIGURES  # country-level charts for any pair; the materiality chart without the quote
    assert "investment_facts" not in figures(path)["fig-investment-materiality"][0]["datasets"]
    notice = only_for_pair("the list of bilateral investment facts", "Kazakhstan", "Uzbekistan")
    assert visible_text(path).count(notice) >= 4  # findings, legal framework, materiality, verdict


def test_every_figure_is_shown_with_picture_source_and_units(default):
    path, glued = default
    shown = assert_figures(path, FIGURES)  # the names (and so the numbering) of the book before the conversion
    spec = json.loads(shown["fig-investment-materiality"][0]["spec"])
    slider = [p for p in spec.get("params", []) if p["name"] == "material_share"]
    assert slider and slider[0]["value"] == glued["material_share_pct"] and slider[0]["bind"]["input"] == "range"
    assert "investment_facts" in shown["fig-investment-materiality"][0]["datasets"]  # the quoted amount is drawn


def test_notebook_reads_in_jupyter_with_numbers_and_no_raw_roles(default):
    path, glued = default
    text = visible_text(path)
    assert_reads_in_jupyter(text)
    assert f"USD {glued['cum_b_bn']:,.1f} billion" in text and glued["signed_day"] in text
    assert "Kazakhstan–Turkmenistan investment facts" in text  # the facts table, escaped HTML


def test_scenario_parameter_moves_the_threshold(run_chapter):
    _, glued = run_chapter("investment", material_share_pct=10.0)
    assert glued["threshold_b_bn"] == pytest.approx(_cumulative("TKM") * 0.10 / 1e9)


def test_bad_scenario_parameter_fails_with_a_sentence_naming_it(run_chapter):
    with pytest.raises(ChapterError, match="material_share_pct=-1"):
        run_chapter("investment", material_share_pct=-1.0)
