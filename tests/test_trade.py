"""Unit tests of kztm.trade: the quoted series, its checks and the target scenario."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from kztm.params import ParameterError
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
