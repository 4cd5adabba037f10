"""Unit tests of kztm.trade: the quoted series, its checks and the target scenario."""

from __future__ import annotations

import dataclasses
import math

import pandas as pd
import pytest

from kztm.data import load_dataset
from kztm.params import ParameterError, validate_common
from kztm.themes import bilateral as bi
from kztm.themes import trade


def _row(rid, period, start, end, months, indicator, value, status="stated", change=None):
    return {"id": rid, "period": period, "period_start": pd.Timestamp(start) if start else pd.NaT,
            "period_end": pd.Timestamp(end) if end else pd.NaT, "months": months, "indicator": indicator,
            "value": value, "unit": "USD million", "change_stated": change, "status": status,
            "source_url": "https://example.org", "source_date": "2025"}


@pytest.fixture
def bilateral():
    rows = [
        _row("A", "2021", "2021-01-01", "2021-12-31", 12, trade.TURNOVER, 100.0),
        _row("B", "2022", "2022-01-01", "2022-12-31", 12, trade.TURNOVER, 150.0, status="derived"),
        _row("C", "2023", "2023-01-01", "2023-12-31", 12, trade.TURNOVER, 200.0, change="+33% y/y"),
        _row("D", "2024-01/2024-06", "2024-01-01", "2024-06-30", 6, trade.TURNOVER, 90.0),
        _row("E", "2024-01/2024-06", "2024-01-01", "2024-06-30", 6, trade.EXPORTS, 60.0),
        _row("F", "2024-01/2024-06", "2024-01-01", "2024-06-30", 6, trade.IMPORTS, 30.0),
        _row("G", "2023", "2023-01-01", "2023-12-31", 12, trade.TURNOVER, None, status="qualitative"),
        _row("T", "target", None, None, None, trade.TARGET, 500.0),
    ]
    df = pd.DataFrame(rows)
    df["months"] = df["months"].astype("Int64")
    return df


def test_full_year_excludes_derived_and_partial(bilateral):
    assert trade.quoted_full_years(bilateral) == {2021: 100.0, 2023: 200.0}
    with_derived = trade.full_year_turnover(bilateral, include_derived=True)
    assert list(with_derived["year"]) == [2021, 2022, 2023]
    assert list(with_derived["status"]) == ["stated", "derived", "stated"]


def test_partial_year_keeps_months(bilateral):
    part = trade.partial_year_turnover(bilateral)
    assert list(part["id"]) == ["D"]
    assert int(part["months"].iloc[0]) == 6
    assert not part["full_year"].any()


def test_target_and_flows(bilateral):
    assert trade.target_value(bilateral) == 500.0
    assert trade.flow(bilateral, trade.EXPORTS, "2024-01/2024-06") == 60.0
    with pytest.raises(LookupError, match="2030"):
        trade.flow(bilateral, trade.EXPORTS, "2030")
    with pytest.raises(LookupError, match="target"):
        trade.target_value(bilateral[bilateral["period"] != "target"])


@pytest.mark.parametrize("text, expected", [
    ("+5.4% y/y", 5.4), ("more than +30% y/y", 30.0), ("-1.5 %", -1.5), ("−2% y/y", -2.0),
    ("almost two times higher", None), (None, None), (float("nan"), None),
])
def test_stated_change_pct(text, expected):
    assert trade.stated_change_pct(text) == expected


def test_implied_previous_and_pct_change():
    assert trade.implied_previous(105.4, 5.4) == pytest.approx(100.0)
    assert trade.pct_change(563.0, 555.7) == pytest.approx(-1.2966, abs=1e-4)
    with pytest.raises(ValueError):
        trade.implied_previous(10.0, -100.0)
    with pytest.raises(ZeroDivisionError):
        trade.pct_change(0.0, 1.0)


def test_split_check():
    check = trade.split_check(221.7, 141.9, 363.6)
    assert check["adds_up"]
    assert check["sum"] == pytest.approx(363.6)
    assert check["balance"] == pytest.approx(79.8)
    assert not trade.split_check(221.7, 141.9, 370.0)["adds_up"]


def test_required_growth_reaches_target_in_target_year():
    rate = trade.required_growth(555.7, 1000.0, 2024, 2030)
    assert rate == pytest.approx((1000 / 555.7) ** (1 / 6) - 1)
    assert 555.7 * (1 + rate) ** 6 == pytest.approx(1000.0)
    assert trade.year_reached(555.7, 1000.0, 2024, rate) == 2030
    # doubling takes about 7.3 years at 10 %: reached in the 8th year
    assert trade.year_reached(100.0, 200.0, 2020, 0.10) == 2028
    assert trade.year_reached(100.0, 200.0, 2020, 0.0) is None
    assert trade.year_reached(100.0, 200.0, 2020, -0.05) is None
    assert trade.year_reached(300.0, 200.0, 2020, 0.05) == 2020


def test_growth_paths():
    paths = trade.growth_paths(100.0, 2024, 2026, {"flat": 0.0, "ten": 0.10})
    assert len(paths) == 6
    ten = paths[paths["path"] == "ten"].set_index("year")["value"]
    assert ten[2026] == pytest.approx(121.0)
    assert (paths[paths["path"] == "flat"]["value"] == 100.0).all()
    assert set(paths["rate_pct"]) == {0.0, 10.0}
    with pytest.raises(ValueError, match="after"):
        trade.growth_paths(100.0, 2024, 2024, {"x": 0.1})


@pytest.mark.parametrize("text, years", [
    ("'in the next five years' (set by the two presidents, as stated in 2022)", 5),
    ("within 3 years", 3), ("in the coming years", None), ("in the near future", None), (None, None),
])
def test_horizon_years_reads_words_and_digits_and_never_guesses(text, years):
    assert trade.horizon_years(text) == years


def test_goal_is_dated_from_its_source_and_its_target_year_derived(bilateral):
    rows = bilateral.copy()
    rows["horizon_stated"] = None
    rows.loc[rows.id == "T", ["source_date", "horizon_stated"]] = ["2022 (before the state visit)",
                                                                   "'in the next five years' (as stated)"]
    goal = trade.goal_dating(rows)
    assert goal == {"value": 500.0, "year_stated": 2022, "horizon": "in the next five years", "horizon_years": 5,
                    "target_year": 2027, "bib_key": ""}
    rows.loc[rows.id == "T", "horizon_stated"] = None   # no horizon: no derived year
    assert trade.goal_dating(rows)["target_year"] is None
    with pytest.raises(LookupError, match="no row with period 'target'"):
        trade.goal_dating(rows[rows.id != "T"])


def test_goal_on_the_real_data_is_the_2022_five_year_horizon():
    from kztm.data import load_dataset

    goal = trade.goal_dating(load_dataset("trade_bilateral"))
    assert (goal["year_stated"], goal["horizon_years"], goal["target_year"]) == (2022, 5, 2027)
    assert goal["bib_key"] == "businesstm2022ambassador"


def test_turnover_series_keeps_the_imf_statistic_and_the_quotes_apart(bilateral):
    imf = pd.DataFrame({"year": [2019, 2020], "reporter_code": ["KAZ", "KAZ"], "turnover": [145.9, 127.6]})
    quoted = trade.full_year_turnover(bilateral, include_derived=True)
    series = trade.turnover_series(imf, {"KAZ": "Kazakhstan"}, quoted).set_index("year")
    assert series.loc[2020, "kind"] == "IMF DOTS, reported by Kazakhstan" and series.loc[2020,
                                                                                         "reporter"] == "Kazakhstan"
    assert series.loc[2021, "kind"] == trade.QUOTED_KIND and series.loc[2021, "reporter"] == ""
    assert series.loc[2022, "kind"] == trade.DERIVED_KIND
    assert list(series.index) == sorted(series.index)
    only_imf = trade.turnover_series(imf, {"KAZ": "Kazakhstan"})
    assert set(only_imf.kind) == {"IMF DOTS, reported by Kazakhstan"}


@pytest.mark.parametrize("kwargs, message", [
    ({"target_musd": 0}, "target_musd=0 must be a positive"),
    ({"target_musd": -5.0}, "target_musd=-5.0"),
    ({"target_musd": "1000"}, "target_musd='1000'"),
    ({"target_musd": math.nan}, "target_musd=nan"),
    ({"base_year": 2022}, "base_year=2022 has no quoted full-year turnover; use one of 2021, 2023"),
    ({"base_year": 2024.0}, "base_year=2024.0 must be a whole year"),
    ({"target_year": 2023}, "target_year=2023 must be after base_year=2023"),
    ({"target_year": 2200}, "target_year=2200"),
])
def test_validate_scenario_refuses(bilateral, kwargs, message):
    args = {"target_musd": 1000, "target_year": 2030, "base_year": 2023, **kwargs}
    with pytest.raises(ParameterError, match=message):
        trade.validate_scenario(args["target_musd"], args["target_year"], args["base_year"], bilateral)


def test_validate_scenario_accepts(bilateral):
    assert trade.validate_scenario(1000, 2030, 2023, bilateral) is None
    assert trade.validate_scenario(750.5, 2024, 2021, bilateral) is None


def test_latest_split_takes_the_latest_period_with_exports_and_imports(bilateral):
    split = trade.latest_split(bilateral)
    assert split["period"] == "2024-01/2024-06" and split["year"] == 2024 and split["months"] == 6
    assert (split["exports"], split["imports"], split["turnover"]) == (60.0, 30.0, 90.0)
    assert split["change_pct"] is None  # no change stated with D
    with pytest.raises(LookupError, match="KZ exports to TM"):
        trade.latest_split(bilateral[bilateral.indicator != trade.EXPORTS])


def test_within_year_points_add_one_derived_point_a_year_before_the_split(bilateral):
    split = {**trade.latest_split(bilateral), "change_pct": 20.0}
    points = trade.within_year_points(bilateral, split)
    derived = points[points.id == "derived"]
    assert len(derived) == 1 and derived.status.iloc[0] == "derived"
    assert derived.year.iloc[0] == 2023 and derived.months.iloc[0] == 6
    assert derived.value.iloc[0] == pytest.approx(90.0 / 1.2)
    assert derived.period.iloc[0] == "2023-01/2023-06" and derived.source_date.iloc[0] == "n/a"
    assert len(points) == len(trade.turnover_points(bilateral)) + 1
    with pytest.raises(ValueError, match="no stated change"):
        trade.within_year_points(bilateral, trade.latest_split(bilateral))


def test_qualitative_floor_reads_the_amount_of_a_statement(bilateral):
    qual = pd.DataFrame([{**_row("Q", "2023/2024", "2023-01-01", "2024-12-31", 24, trade.TURNOVER, None,
                                  status="qualitative"),
                          "status_detail": "stated (qualitative: above USD 1,500 million in each of the two years)"}])
    both = pd.concat([bilateral.assign(status_detail=None), qual], ignore_index=True)
    assert trade.qualitative_floor(both, 2023, 2024) == 1500.0
    assert trade.qualitative_floor(both, 2022, 2024) is None


# --- the chapter's figures (thin notebook): sentences chosen by the data, the quoted series, the scenario ----


def _view(mirrors=None, gap=None, turnover=None):
    turnover = turnover if turnover is not None else pd.DataFrame({
        "year": [2018, 2019, 2020], "reporter_code": ["TKM", "KAZ", "KAZ"], "a_to_b": [50.0, 90.0, 60.0],
        "b_to_a": [60.0, 30.0, 20.0], "a_to_b_valuation": ["CIF", "FOB", "FOB"],
        "b_to_a_valuation": ["FOB", "CIF", "CIF"], "turnover": [110.0, 120.0, 80.0]})
    shares = pd.DataFrame({"year": [2019, 2019, 2020, 2020], "country_code": ["KAZ", "TKM", "KAZ", "TKM"],
                           "share_pct": [0.1, 3.0, 0.05, 2.0]})
    rank = {"rank": 2, "of": 4, "share_pct": 10.0, "turnover": 80.0}
    return bi.PairView("KAZ", "TKM", turnover, shares, 2020, pd.DataFrame(), rank, {**rank, "rank": 4},
                       pd.DataFrame(), mirrors or {}, gap)


def test_mirror_sentences_never_call_a_mirror_a_report_and_say_so_when_there_is_none():
    view = _view(mirrors={"TKM": {"first": 2004, "last": 2020, "years": 17, "factor": 1.06}})
    assert trade.mirror_text(view).startswith("From 2004 to 2020 Turkmenistan's figures for this trade are not its own")
    assert "derived them from Kazakhstan's" in trade.mirror_text(view)
    assert trade.mirror_text(_view()) == (
        "Neither side's figures in the IMF data are a mirror of the other's in any year.")


def test_gap_text_gives_the_average_gap_only_when_both_sides_reported():
    assert trade.gap_text({"years": 3, "first": 1995, "last": 1997, "mean_abs_gap_pct": 12.4}).startswith(
        "In the 3 years from 1995 to 1997 in which both countries reported their own figures, the two reports of the "
        "same trade differed by 12% on average")
    assert trade.gap_text(None).startswith("In no year did both countries report")


def test_mirror_title_prefers_the_mirror_then_the_gap_then_one_reporter():
    one_year = {"TKM": {"first": 2020, "last": 2020, "years": 1, "factor": 1.06}}
    gap = {"years": 3, "first": 1995, "last": 1997, "mean_abs_gap_pct": 12.4}
    assert trade.mirror_title(_view(mirrors=one_year, gap=gap)) == (
        "In 2020, Turkmenistan's side is a mirror of the other's, not a report")
    assert trade.mirror_title(_view(gap=gap)) == "The two countries' reports of the same trade differ by 12% on average"
    assert trade.mirror_title(_view()) == "Only one country reports this trade"


def test_imf_figures_take_the_last_year_the_peak_and_who_reported():
    view = _view(mirrors={"KAZ": {"first": 2019, "last": 2019, "years": 1, "factor": 1.05},
                          "TKM": {"first": 2004, "last": 2020, "years": 17, "factor": 1.06}})
    f = trade.imf_figures(view)
    assert (f["imf_first_year"], f["imf_last_year"], f["imf_turnover_last"]) == (2018, 2020, 80.0)
    assert (f["imf_peak_year"], f["imf_peak"]) == (2019, 120.0)
    assert f["imf_peak_text"] == "against a peak of USD 120.0 million in 2019"
    assert f["imf_reporters"] == "Turkmenistan (2018), Kazakhstan (2019–2020)" and f["imf_reporter"] == "Kazakhstan"
    assert (f["imf_share_year"], f["imf_share_a"], f["imf_share_b"]) == (2020, 0.05, 2.0)
    assert (f["imf_share_b_max"], f["imf_share_b_max_year"]) == (3.0, 2019)
    assert f["balance_a_word"] == "a surplus" and f["balance_a_last"] == 40.0 and f["surplus_years"] == 2
    assert f["rank_b_for_a_words"] == "second-largest" and f["rank_a_for_b_words"] == "smallest"
    assert f["neighbours_n"] == "four" and f["imf_missing"] == "" and f["gap_pct"] == 0
    # the latest mirror run is the one glued: Turkmenistan's, which ends in 2020
    assert (f["mirror_country"], f["mirror_first"], f["mirror_factor"]) == ("Turkmenistan", 2004, 1.06)
    assert "mirror_country" not in trade.imf_figures(_view())


def test_openness_draws_the_other_vintage_only_for_turkmenistan_and_where_it_differs():
    country_trade = pd.DataFrame({"country_code": ["KAZ", "KAZ", "TKM", "TKM", "UZB"],
                                  "year": [2019, 2020, 2019, 2020, 2020],
                                  "merch_trade_pct_gdp": [50.0, 55.0, 30.0, None, 40.0],
                                  "merch_exports_usd": [1.0, 1.0, 4.0, 6.0, 1.0],
                                  "merch_imports_usd": [1.0, 1.0, 6.0, 4.0, 1.0]})
    vintages = pd.DataFrame({"country_code": ["TKM", "TKM"], "year": [2019, 2020],
                             "gdp_usd_wdi_2026": [100.0, 50.0], "gdp_usd_datahub_2026_03": [100.0, 100.0]})
    with_tkm = trade.openness(country_trade, vintages, validate_common("KAZ", "TKM", [], 2015, 2020))
    assert list(with_tkm.alt_vintage.year) == [2020]  # 2019: both vintages agree
    assert with_tkm.alt_vintage.merch_trade_pct_gdp.tolist() == [10.0]
    f = trade.openness_figures(with_tkm, "KAZ", "TKM")
    assert (f["open_year"], f["open_a"], f["open_b"]) == (2020, 55.0, 30.0)  # TKM's latest up to 2020
    assert (f["vintage_year"], f["open_tkm_main"], f["open_tkm_alt"]) == (2020, 20.0, 10.0)
    without = trade.openness(country_trade, vintages, validate_common("KAZ", "UZB", [], 2015, 2020))
    assert without.alt_vintage is None and "vintage_year" not in trade.openness_figures(without, "KAZ", "UZB")


def _quoted(goal_year=2027):
    split = {"period": "2025-01/2025-06", "start": pd.Timestamp("2025-01-01"), "end": pd.Timestamp("2025-06-30"),
             "year": 2025, "months": 6, "exports": 60.0, "imports": 40.0, "turnover": 100.0, "change_pct": 25.0}
    points = pd.DataFrame({"year": [2024, 2024], "months": [3, 5], "value": [30.0, 70.0],
                           "status": ["stated", "stated"], "full_year": [False, False]})
    shares = pd.DataFrame({"year": [2024, 2024], "country_code": ["KAZ", "TKM"], "share_pct": [0.2, 5.0]})
    full = pd.DataFrame({"year": [2021, 2022, 2023, 2024], "value": [100.0, 150.0, 200.0, 250.0],
                         "status": ["stated", "derived", "stated", "stated"]})
    goal = {"value": 400.0, "year_stated": 2022, "horizon": "in five years", "target_year": goal_year}
    return trade.QuotedTrade({2021: 100.0, 2023: 200.0, 2024: 250.0}, full, split,
                             trade.split_check(60.0, 40.0, 100.0), points, shares, goal, 400.0, 200.0, "twice as high")


def test_scenario_paths_reach_the_goal_in_the_year_their_rate_says_and_never_when_falling():
    q = _quoted()
    assert (q.first_year, q.last_year, q.prev_year) == (2021, 2024, 2023) and q.derived.year == 2022
    s = trade.scenario(q, 1000.0, 2030, 2024)
    assert s.base_value * (1 + s.required_rate) ** 6 == pytest.approx(1000.0)
    assert s.original_year == 2027 and s.base_value * (1 + s.original_rate) ** 3 == pytest.approx(400.0)
    assert list(s.rates) == ["Needed by 2030 (26.0%)", "Needed by 2027 (17.0%), the original horizon (derived)",
                             "Quoted full years 2021–2024 (35.7%)", "2023 to 2024 (+25.0%)",
                             "January–June 2025, stated y/y (+25.0%)"]
    table = s.table().set_index("Path")
    assert table.loc["Needed by 2030 (26.0%)", "Goal reached in"] == "2030"
    assert table.loc["Needed by 2030 (26.0%)", "Turnover in 2030, USD million"] == pytest.approx(1000.0)
    assert table.loc["Quoted full years 2021–2024 (35.7%)", "Goal reached in"] == "2029"
    assert set(s.paths.year) == set(range(2024, 2031))
    falling = dataclasses.replace(s, rates={"falling": -0.01}, reached={"falling": None})
    assert falling.table()["Goal reached in"].tolist() == ["never"]


def test_a_goal_horizon_before_the_base_year_is_left_out():
    s = trade.scenario(_quoted(goal_year=2023), 1000.0, 2030, 2024)
    assert s.original_year is None and len(s.rates) == 4
    f = trade.quoted_figures(_quoted(goal_year=2023), s, _view())
    assert "goal_target_year" not in f and "required_cagr_orig_pct" not in f


def test_quoted_figures_are_derived_from_the_quotes_and_set_against_the_imf_series():
    q = _quoted()
    f = trade.quoted_figures(q, trade.scenario(q, 1000.0, 2030, 2024), _view())
    assert f["change_last_pct"] == pytest.approx(25.0) and f["change_last_dir"] == "higher"
    assert f["implied_prev_split"] == pytest.approx(80.0) and f["implied_rest_prev"] == pytest.approx(170.0)
    assert (f["prev_partial_months"], f["prev_partial_value"]) == (5, 70.0)  # the longest partial of 2024
    assert f["rest_to_match"] == 150.0 and f["split_match"] == "exactly the quoted turnover"
    assert f["split_label"] == "January–June 2025" and f["export_share_split"] == pytest.approx(60.0)
    assert f["quoted_vs_imf_last"] == pytest.approx(250.0 / 80.0) and f["quoted_vs_peak_word"] == "above"
    assert f["recorded_vs"] == "faster" and f["recent_vs"] == "both below"  # 25% a year against 26.0% needed
    assert (f["goal_target_year"], f["goal_horizon"], f["doubling_value"]) == (2027, "in five years", 500.0)
    assert f["reached_recorded"] == 2029 and f["share_tkm"] == 5.0 and f["qual_floor"] == 200.0


def test_split_title_says_whether_exports_and_imports_add_up():
    assert trade.split_title(_quoted()) == "Exports of 60.0 and imports of 40.0 add up to the quoted 100.0"
    q = _quoted()
    off = dataclasses.replace(q, split={**q.split, "imports": 41.0}, check=trade.split_check(60.0, 41.0, 100.0))
    assert trade.split_title(off) == "Exports of 60.0 and imports of 41.0 sum to 101.0, not the quoted 100.0"


def test_quoted_trade_on_the_committed_quotes_adds_up_and_never_quotes_a_derived_year():
    q = trade.quoted_trade(load_dataset("trade_bilateral"), load_dataset("trade_country"))
    assert q.derived.year not in q.quoted and q.check["adds_up"]
    assert q.prev_year < q.last_year and set(q.shares.country_code) == {"KAZ", "TKM"}
    assert q.goal["target_year"] == q.goal["year_stated"] + q.goal["horizon_years"]
