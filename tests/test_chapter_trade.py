"""The trade chapter executes (default pair, another pair, another scenario) and glues the right numbers.

Expected values are computed here straight from the CSV files in data/, not through kztm.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from kztm.pipeline.execute import ChapterError
from kztm.report.wording import only_for_pair

from .chapter_outputs import (
    assert_figures,
    assert_reads_in_jupyter,
    figures,
    visible_text,
)

DATA = Path(__file__).resolve().parents[1] / "data"
TURNOVER = "KZ-TM trade turnover"
SPLIT = "2025-01/2025-09"
PAIRS = [("KAZ", "TKM"), ("KAZ", "UZB"), ("TKM", "UZB")]  # the default pair and two others, executed


@pytest.fixture(scope="module")
def bilateral():
    return pd.read_csv(DATA / "trade_bilateral.csv")


@pytest.fixture(scope="module")
def country():
    return pd.read_csv(DATA / "trade_country.csv")


@pytest.fixture(scope="module")
def quoted(bilateral):
    rows = bilateral[(bilateral.indicator == TURNOVER) & (bilateral.months == 12)
                     & (bilateral.status == "stated") & bilateral.value.notna()]
    return {int(period): float(v) for period, v in zip(rows.period, rows.value, strict=True)}


@pytest.fixture(scope="module")
def default_run(run_chapter):
    return run_chapter("trade")


@pytest.fixture(scope="module")
def dots():
    return pd.read_csv(DATA / "bilateral_trade.csv")


def _pair_run(run_chapter, a, b):
    return run_chapter("trade") if (a, b) == ("KAZ", "TKM") else run_chapter("trade", country_a=a, country_b=b)


def _own_turnover(dots, a, b) -> dict:
    """year -> (reporter, A's exports, A's imports): one reporter's own figures, A's first (recomputed here)."""
    out = {}
    for year in sorted(set(dots.year)):
        for rep, par in ((a, b), (b, a)):
            rows = dots[(dots.reporter_code == rep) & (dots.partner_code == par) & (dots.year == year)]
            flows = dict(zip(rows.flow, zip(rows.value_usd_m, rows.basis, strict=True), strict=True))
            if all(flows.get(f, (0, ""))[1] == "reported" for f in ("exports_fob", "imports_cif")):
                x, m = flows["exports_fob"][0], flows["imports_cif"][0]
                out[year] = (rep, x, m) if rep == a else (rep, m, x)
                break
    return out


def _value(bilateral, indicator, period):
    rows = bilateral[(bilateral.indicator == indicator) & (bilateral.period == period)]
    assert len(rows) == 1, (indicator, period)
    return float(rows.value.iloc[0])


def _total_trade(country, code, year):
    row = country[(country.country_code == code) & (country.year == year)].iloc[0]
    return row.merch_exports_usd + row.merch_imports_usd


FIGURES = ["fig-trade-turnover", "fig-trade-flows", "fig-trade-within-year", "fig-trade-split", "fig-trade-mirror",
           "fig-trade-share", "fig-trade-neighbours", "fig-trade-openness", "fig-trade-scenario"]
PAIR_FIGURES = ["fig-trade-turnover", "fig-trade-flows", "fig-trade-mirror", "fig-trade-share", "fig-trade-neighbours",
                "fig-trade-openness"]


@pytest.mark.parametrize("a, b", PAIRS)
def test_imf_series_glued_for_the_pair_matches_the_workbook_rows(run_chapter, dots, country, a, b):
    _, glued = _pair_run(run_chapter, a, b)
    own = _own_turnover(dots, a, b)
    last, first = max(own), min(own)
    reporter, exports, imports = own[last]
    assert glued["imf_last_year"] == last == 2020 and glued["imf_first_year"] == first
    assert glued["imf_turnover_last"] == pytest.approx(exports + imports)
    assert glued["exports_a_last"] == pytest.approx(exports) and glued["imports_a_last"] == pytest.approx(imports)
    assert glued["exports_valuation"] == ("FOB" if reporter == a else "CIF")
    peak = max(own, key=lambda y: own[y][1] + own[y][2])
    assert glued["imf_peak_year"] == peak and glued["imf_peak"] == pytest.approx(own[peak][1] + own[peak][2])
    assert glued["imf_years"] == len(own)
    for key, code in (("imf_share_a", a), ("imf_share_b", b)):
        assert glued[key] == pytest.approx((exports + imports) * 1e6 / _total_trade(country, code, last) * 100)


def test_kazakh_turkmen_imf_figure_is_kazakhstans_2020_report(default_run):
    _, glued = default_run
    assert round(glued["imf_turnover_last"], 1) == 127.6 and glued["imf_reporter"] == "Kazakhstan"  # 76.6 + 50.9
    assert (glued["imf_first_year"], glued["imf_peak_year"]) == (1994, 2014)


@pytest.mark.parametrize("a, b", PAIRS)
def test_rank_among_neighbours_in_the_latest_complete_year(run_chapter, dots, a, b):
    _, glued = _pair_run(run_chapter, a, b)
    five = ["KAZ", "TKM", "UZB", "KGZ", "TJK"]
    tables = {(x, y): _own_turnover(dots, x, y) for i, x in enumerate(five) for y in five[i + 1:]}
    year = max(set.intersection(*(set(t) for t in tables.values())))
    assert glued["bench_year"] == year

    def turnover(x, y):
        r = tables.get((x, y)) or tables[(y, x)]
        return r[year][1] + r[year][2]

    for country, partner, rank_key, share_key in ((a, b, "rank_b_for_a", "share_b_in_a_neighbours"),
                                                   (b, a, "rank_a_for_b", "share_a_in_b_neighbours")):
        others = {o: turnover(country, o) for o in five if o != country}
        assert glued[rank_key] == sorted(others, key=others.get, reverse=True).index(partner) + 1
        assert glued[share_key] == pytest.approx(others[partner] / sum(others.values()) * 100)


def test_turkmen_side_from_2004_is_named_a_mirror_never_a_report(default_run, dots):
    path, glued = default_run
    tkm = dots[(dots.reporter_code == "TKM") & (dots.partner_code == "KAZ")]
    mirror_years = sorted(set(tkm[tkm.basis == "mirror"].year))
    run = [mirror_years[-1]]
    while run[-1] - 1 in mirror_years:
        run.append(run[-1] - 1)
    assert glued["mirror_first"] == min(run) == 2004 and glued["mirror_last"] == 2020
    assert glued["mirror_factor"] == pytest.approx(float(tkm[tkm.year == 2020].mirror_factor.iloc[0])) == 1.06
    assert "not its own report" in glued["mirror_text"] and "Turkmenistan" in glued["mirror_text"]
    mirror = figures(path)["fig-trade-mirror"][0]
    assert "IMF mirror of the partner" in mirror["table"] and "× 1.06" in mirror["table"]


def test_goal_dated_once_from_its_earliest_source_with_both_horizons(default_run, bilateral):
    _, glued = default_run
    target = bilateral[bilateral.period == "target"].iloc[0]
    assert glued["goal_year"] == int(str(target.source_date)[:4]) == 2022
    assert "five years" in target.horizon_stated and glued["goal_horizon"] == "in the next five years"
    assert glued["goal_target_year"] == 2022 + 5
    assert glued["required_cagr_orig_pct"] == pytest.approx(((target.value / 555.7) ** (1 / (2027 - 2024)) - 1) * 100)
    assert glued["required_cagr_orig_pct"] > glued["required_cagr_pct"]


def test_turkmen_openness_under_both_gdp_vintages(default_run, country):
    _, glued = default_run
    vintages = pd.read_csv(DATA / "gdp_vintages.csv")
    tkm = vintages[(vintages.country_code == "TKM")].dropna(subset=["gdp_usd_wdi_2026", "gdp_usd_datahub_2026_03"])
    year = int(tkm.year.max())
    row = tkm[tkm.year == year].iloc[0]
    trade_total = _total_trade(country, "TKM", year)
    assert glued["vintage_year"] == year
    assert glued["open_tkm_main"] == pytest.approx(trade_total / row.gdp_usd_wdi_2026 * 100)
    assert glued["open_tkm_alt"] == pytest.approx(trade_total / row.gdp_usd_datahub_2026_03 * 100)
    assert glued["open_tkm_alt"] < glued["open_tkm_main"] * 0.8  # the two vintages differ by about a third


def test_drivers_quote_their_sources_as_stated(default_run):
    path, glued = default_run
    facts = pd.read_csv(DATA / "context_facts.csv").set_index("fact_id")
    for fact_id in ("UKR02", "UKR04", "UKR11", "UKR12", "IRN02", "IRN08"):
        assert glued[f"{fact_id.lower()}_value"] == pytest.approx(facts.loc[fact_id, "value"]), fact_id
        assert glued[f"{fact_id.lower()}_source"] == facts.loc[fact_id, "source_name"]
    text = visible_text(path)
    assert "sanctions" in text and "Trans-Caspian" in text and "not bilateral trade" in text
    assert glued["irn05_when"] == "28 September 2025"  # a date given to the day by its source


def test_quoted_series_figures(default_run, quoted):
    _, glued = default_run
    assert quoted == {2021: 254.3, 2023: 563.0, 2024: 555.7}  # the data itself, as the issue describes it
    assert glued["first_year"] == min(quoted) and glued["last_year"] == max(quoted)
    assert glued["turnover_last"] == pytest.approx(quoted[2024])
    assert glued["turnover_prev"] == pytest.approx(quoted[2023])
    assert glued["turnover_first"] == pytest.approx(quoted[2021])
    assert glued["change_last_pct"] == pytest.approx((555.7 / 563.0 - 1) * 100)
    assert glued["growth_multiple"] == pytest.approx(555.7 / 254.3)
    # the fall is glued as a positive magnitude with its direction in words
    assert glued["change_last_abs"] == pytest.approx(abs((555.7 / 563.0 - 1) * 100))
    assert glued["change_last_dir"] == "lower" and glued["change_last_move"] == "a fall"
    assert glued["recorded_cagr_pct"] == pytest.approx(((555.7 / 254.3) ** (1 / 3) - 1) * 100)


def test_derived_point_is_flagged(default_run, bilateral):
    _, glued = default_run
    derived = bilateral[(bilateral.indicator == TURNOVER) & (bilateral.status == "derived")]
    assert len(derived) == 1
    assert glued["derived_year"] == int(derived.period.iloc[0])
    assert glued["derived_value"] == pytest.approx(float(derived.value.iloc[0]))
    # the derived year never counts as a quoted full year
    assert glued["derived_year"] not in (glued["first_year"], glued["prev_year"], glued["last_year"])


def test_jan_sep_split_adds_up(default_run, bilateral):
    _, glued = default_run
    exports = _value(bilateral, "KZ exports to TM", SPLIT)
    imports = _value(bilateral, "KZ imports from TM", SPLIT)
    turnover = _value(bilateral, TURNOVER, SPLIT)
    assert glued["exports_split"] == pytest.approx(exports)
    assert glued["imports_split"] == pytest.approx(imports)
    assert glued["turnover_split"] == pytest.approx(turnover)
    assert glued["split_sum"] == pytest.approx(exports + imports)
    assert abs(glued["split_sum"] - turnover) < 0.05
    assert glued["balance_split"] == pytest.approx(exports - imports)
    assert glued["split_change_pct"] == pytest.approx(5.4)
    assert glued["implied_prev_split"] == pytest.approx(turnover / 1.054)
    assert glued["split_label"] == "January–September 2025"
    assert glued["split_match"] == "exactly the quoted turnover"
    assert glued["split_move"] == "a rise" and glued["split_change_abs"] == pytest.approx(5.4)


def test_shares_of_total_trade(default_run, country):
    _, glued = default_run
    assert glued["share_kaz"] == pytest.approx(555.7e6 / _total_trade(country, "KAZ", 2024) * 100)
    assert glued["share_tkm"] == pytest.approx(555.7e6 / _total_trade(country, "TKM", 2024) * 100)
    assert glued["share_tkm"] > glued["share_kaz"]


def test_scenario_defaults(default_run, bilateral):
    _, glued = default_run
    target = float(bilateral[bilateral.period == "target"].value.iloc[0])
    assert glued["stated_target"] == pytest.approx(target)
    assert glued["base_year"] == 2024 and glued["target_year"] == 2030
    assert glued["base_value"] == pytest.approx(555.7)
    assert glued["required_cagr_pct"] == pytest.approx(((1000 / 555.7) ** (1 / 6) - 1) * 100)
    assert glued["target_pct_of_last"] == pytest.approx(555.7 / target * 100)
    assert glued["recorded_vs"] == "faster"
    assert glued["recent_vs"] == "both below"


def test_openness_any_country(default_run, country):
    _, glued = default_run
    for key, code in (("open_a", "KAZ"), ("open_b", "TKM")):
        rows = country[(country.country_code == code) & country.merch_trade_pct_gdp.notna()
                       & country.year.between(2000, 2025)]
        latest = rows.sort_values("year").iloc[-1]
        assert glued["open_year"] == int(latest.year)
        assert glued[key] == pytest.approx(latest.merch_trade_pct_gdp)


def test_verdicts_follow_the_rule_quoted_figures_are_not_checked(default_run):
    _, glued = default_run
    # T1–T3 are official figures for 2024–2025 with no open series obtained: corroboration is not evidence
    for claim in ("T1", "T2", "T3"):
        assert glued[f"verdict_{claim}"] == "not checked", claim
        assert glued[f"evidence_kind_{claim}"] == "not obtained", claim
    assert "corroboration" in glued["evidence_T1"] and "corroboration" in glued["evidence_T3"]
    assert glued["verdict_T4"] == "not checked" and glued["evidence_kind_T4"] == "not obtained"
    assert glued["verdict_T5"] == "not checkable" and glued["evidence_kind_T5"] == "judgement"
    assert "363.6" in glued["evidence_T2"] and "555.7" in glued["evidence_T1"]
    assert "no official series after 2020 was obtained" in glued["evidence_T1"]
    assert glued["evidence_T4"].startswith("Not checked: product data not obtained")
    assert glued["figure_T1"] == "fig-trade-turnover" and glued["figure_T5"] == "fig-trade-scenario"


def test_every_figure_is_shown_with_its_picture_source_and_table(default_run):
    path, glued = default_run
    assert_figures(path, FIGURES)  # the names (and so the numbering) of the book before the conversion
    assert "fig_trade_turnover" in glued  # glued for the executive summary


def test_notebook_reads_in_jupyter_without_raw_roles_or_nan(default_run):
    path, _ = default_run
    text = visible_text(path)
    assert_reads_in_jupyter(text)
    assert "USD 555.7 million for 2024" in text and "figure “Kazakhstan–Turkmenistan trade turnover" in text
    # no code identifiers and no signed changes in the prose
    assert "`trade_bilateral`" not in text and "change_last_pct:+" not in text and "a difference of" not in text
    # the corrected reading: the build has the IMF series to 2020; later years and products were not obtained
    assert "no open bilateral" not in text.lower() and "There is no official bilateral series" not in text
    assert "a bilateral series after 2020" in text and "not obtained" in text


def _spec(notebook_path, name) -> dict:
    return json.loads(figures(notebook_path)[name][0]["spec"])


def test_scenario_slider_defaults_to_required_rate(default_run):
    path, glued = default_run
    spec = _spec(path, "fig-trade-scenario")
    params = [p for p in spec.get("params", []) if p["name"] == "rate"]
    assert len(params) == 1, "the scenario chart with its slider was not found"
    assert params[0]["value"] == round(glued["required_cagr_pct"], 1)
    assert params[0]["bind"]["input"] == "range"


def test_other_scenario(run_chapter):
    _, glued = run_chapter("trade", target_musd=800, target_year=2028, base_year=2023)
    assert glued["base_value"] == pytest.approx(563.0)
    assert glued["required_cagr_pct"] == pytest.approx(((800 / 563.0) ** (1 / 5) - 1) * 100)


@pytest.mark.parametrize("a, b", PAIRS[1:])
def test_other_pair_has_real_bilateral_content_and_no_quoted_series(run_chapter, country, a, b):
    path, glued = run_chapter("trade", country_a=a, country_b=b)
    assert glued["name_b"] == "Uzbekistan"
    uzb = country[(country.country_code == "UZB") & (country.year == glued["open_year"])]
    assert glued["open_b"] == pytest.approx(float(uzb.merch_trade_pct_gdp.iloc[0]))
    # the IMF figures, charts and neighbour grid for the pair; no quoted figures, scenario or verdicts
    assert_figures(path, PAIR_FIGURES)
    assert "turnover_last" not in glued and "required_cagr_pct" not in glued
    assert not any(k.startswith("verdict_") for k in glued)
    text = visible_text(path)
    assert_reads_in_jupyter(text)
    notice = only_for_pair("the series of quoted bilateral trade figures", glued["name_a"], "Uzbekistan")
    assert notice in text and text.count(notice) >= 4  # key findings, the quoted sections, the goal, what to watch
    assert "Quoted by officials" not in figures(path)["fig-trade-turnover"][0]["table"]
    assert f"USD {glued['imf_turnover_last']:,.1f} million" in text


@pytest.mark.parametrize("overrides, message", [
    ({"base_year": 2022}, r"base_year=2022 has no quoted full-year turnover"),
    ({"target_musd": 0}, r"target_musd=0 must be a positive"),
    ({"target_year": 2024}, r"target_year=2024 must be after base_year=2024"),
])
def test_bad_scenario_parameters(run_chapter, overrides, message):
    with pytest.raises(ChapterError, match=message):
        run_chapter("trade", **overrides)


def test_defaults_match_chapters_yml():
    import yaml

    config = yaml.safe_load((DATA.parent / "chapters.yml").read_text())
    assert "parameters" not in config["chapters"]["trade"]  # the book runs the notebook's own defaults
    params = {"start_year": 2000, "end_year": 2025, "target_musd": 1000, "target_year": 2030, "base_year": 2024}
    nb = nbformat.read(str(DATA.parent / "notebooks" / "trade.ipynb"), as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    for name, value in params.items():
        assert f"{name}: " in cell.source and f"= {json.dumps(value)}  #" in cell.source
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")


def test_turnover_title_names_the_imf_peak_and_the_latest_quote(default_run):
    path, glued = default_run
    shown = figures(path)
    assert shown["fig-trade-turnover"][0]["title"] == (
        f"IMF turnover peaked at USD {glued['imf_peak']:,.0f} million in 2014; officials quote USD 556 million for "
        f"2024")
    # no browser-only hints in the printed chart titles and captions
    for payload, _ in shown.values():
        for hint in ("Move the slider", "click a legend entry", "hover", "in the tooltip"):
            assert hint not in payload["title"] + payload["caption"]
