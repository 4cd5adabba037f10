"""The trade chapter executes (default pair, another pair, another scenario) and glues the right numbers.

Expected values are computed here straight from the CSV files in data/, not through kztm.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from kztm.pipeline.execute import ChapterError

DATA = Path(__file__).resolve().parents[1] / "data"
TURNOVER = "KZ-TM trade turnover"
SPLIT = "2025-01/2025-09"


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


def _value(bilateral, indicator, period):
    rows = bilateral[(bilateral.indicator == indicator) & (bilateral.period == period)]
    assert len(rows) == 1, (indicator, period)
    return float(rows.value.iloc[0])


def _total_trade(country, code, year):
    row = country[(country.country_code == code) & (country.year == year)].iloc[0]
    return row.merch_exports_usd + row.merch_imports_usd


def _visible_text(notebook_path) -> str:
    nb = nbformat.read(str(notebook_path), as_version=4)
    parts = [c.source for c in nb.cells if c.cell_type == "markdown"]
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("metadata", {}).get("scrapbook"):
                continue
            data = out.get("data", {})
            parts.append(data.get("text/markdown", "") + data.get("text/html", ""))
    return "\n".join(parts)


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


def test_verdicts_and_figures(default_run):
    path, glued = default_run
    assert {glued[f"verdict_T{i}"] for i in (1, 2, 3)} == {"consistent"}
    assert glued["verdict_T4"] == "cannot be checked with open data"
    assert glued["verdict_T5"] == "cannot be checked with open data"
    assert "363.6" in glued["evidence_T2"] and "555.7" in glued["evidence_T1"]
    for name in ("turnover", "within_year", "split", "share", "openness", "scenario"):
        assert f"fig_trade_{name}" in glued
    text = _visible_text(path)
    assert not re.search(r"\bnan\b", text, flags=re.IGNORECASE)
    # no code identifiers and no signed changes in the prose
    assert "`trade_bilateral`" not in text and "change_last_pct:+" not in text and "a difference of" not in text
    assert "{glue:figure} fig_trade_scenario" in text


def test_scenario_slider_defaults_to_required_rate(default_run):
    path, glued = default_run
    nb = nbformat.read(str(path), as_version=4)
    # glued charts are stored as display data of the glue cell (mime type prefixed by papermill's record type)
    htmls = [value for cell in nb.cells for out in cell.get("outputs", [])
             for mime, value in out.get("data", {}).items() if mime.endswith("text/html")]
    specs = [h for h in htmls if '"name":"rate"' in h]
    assert specs, "the scenario chart with its slider was not found"
    assert f'"value":{round(glued["required_cagr_pct"], 1)}' in specs[0]
    assert '"input":"range"' in specs[0]


def test_other_scenario(run_chapter):
    _, glued = run_chapter("trade", target_musd=800, target_year=2028, base_year=2023)
    assert glued["base_value"] == pytest.approx(563.0)
    assert glued["required_cagr_pct"] == pytest.approx(((800 / 563.0) ** (1 / 5) - 1) * 100)


def test_other_pair(run_chapter, country):
    path, glued = run_chapter("trade", country_b="UZB")
    assert glued["name_b"] == "Uzbekistan"
    uzb = country[(country.country_code == "UZB") & (country.year == glued["open_year"])]
    assert glued["open_b"] == pytest.approx(float(uzb.merch_trade_pct_gdp.iloc[0]))
    # no bilateral figures, charts or verdicts for a pair without bilateral data
    assert "turnover_last" not in glued and "fig_trade_turnover" not in glued
    assert not any(k.startswith("verdict_") for k in glued)
    assert "fig_trade_openness" in glued
    text = _visible_text(path)
    assert "exist only for Kazakhstan–Turkmenistan" in text
    assert "fig_trade_turnover" not in text


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
    params = config["chapters"]["trade"]["parameters"]
    assert params == {"start_year": 2000, "end_year": 2025, "target_musd": 1000, "target_year": 2030, "base_year": 2024}
    nb = nbformat.read(str(DATA.parent / "notebooks" / "trade.ipynb"), as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    for name, value in params.items():
        assert f"{name}: " in cell.source and f"= {json.dumps(value)}  #" in cell.source
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")


def test_turnover_title_describes_the_window_it_covers(default_run, quoted):
    path, _ = default_run
    nb = nbformat.read(str(path), as_version=4)
    htmls = " ".join(value for cell in nb.cells for out in cell.get("outputs", [])
                     for mime, value in out.get("data", {}).items() if mime.endswith("text/html"))
    multiple = quoted[2023] / quoted[2021]
    assert 2 < multiple < 3
    drop = (1 - quoted[2024] / quoted[2023]) * 100
    assert f"Turnover more than doubled from 2021 to 2023, then slipped {drop:.1f}% in 2024" in htmls
    # no browser-only hints in the printed chart titles
    for hint in ("Move the slider", "click a legend entry", "hover", "in the tooltip"):
        assert hint not in htmls
