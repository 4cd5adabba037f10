"""Unit tests of kztm.themes.logistics (route facts, quoted volumes, indicators, corridors, scenario)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kztm.data import load_dataset
from kztm.params import ParameterError
from kztm.themes import logistics as lg

# --- scenario --------------------------------------------------------------------------------

def test_savings_is_volume_times_cost_times_share():
    assert lg.savings_musd(1.5, 100.0, 15.0) == pytest.approx(22.5)
    assert lg.savings_musd(2.0, 50.0, 20.0) == pytest.approx(20.0)
    assert lg.savings_musd(2.0, 50.0, 0.0) == 0.0


def test_savings_curve_spans_the_range_and_is_linear():
    curve = lg.savings_curve(1.5, 100.0, max_pct=40, step=1)
    assert curve.reduction_pct.iloc[0] == 0 and curve.reduction_pct.iloc[-1] == 40
    assert len(curve) == 41
    assert curve.savings_musd.iloc[-1] == pytest.approx(60.0)
    assert np.allclose(np.diff(curve.savings_musd), 1.5)


@pytest.mark.parametrize("args, name", [
    ((150, 100.0, 1.5), "cost_reduction_pct=150"),
    ((-1, 100.0, 1.5), "cost_reduction_pct=-1"),
    ((15, -5, 1.5), "baseline_cost_usd_per_t=-5"),
    ((15, 0, 1.5), "baseline_cost_usd_per_t=0"),
    ((15, 100.0, -2), "volume_mt=-2"),
    ((15, "cheap", 1.5), "baseline_cost_usd_per_t='cheap'"),
])
def test_bad_scenario_parameters_are_refused_by_name(args, name):
    with pytest.raises(ParameterError, match=name.replace("(", r"\(")):
        lg.check_scenario(*args)


def test_good_scenario_parameters_come_back_as_floats():
    assert lg.check_scenario(15, 100, 2) == (15.0, 100.0, 2.0)


def test_annualised_scales_pro_rata():
    assert lg.annualised(1.5, 10) == pytest.approx(1.8)
    with pytest.raises(ValueError):
        lg.annualised(1.0, 0)


# --- route facts ------------------------------------------------------------------------------

def test_stated_lengths_reads_exact_figures_and_skips_approximate_ones():
    row = {"length_km": 928.0, "note": "Other totals: 908 km (A), 925 km (B), about 900 km (C), 1,020 km (D)."}
    assert lg.stated_lengths(row) == [908, 925, 928, 1020]
    assert lg.stated_lengths({"length_km": float("nan"), "note": ""}) == []


def test_stated_capacity_parses_stages():
    stages = lg.stated_capacity("3-5 Mt/yr at first, 10-12 Mt/yr later (stated design)")
    assert stages == [{"stage": "at first", "low": 3.0, "high": 5.0},
                      {"stage": "later", "low": 10.0, "high": 12.0}]
    assert lg.stated_capacity(None) == []


def test_railway_facts_from_the_data():
    routes = load_dataset("logistics_routes")
    rail = lg.route(routes, "KTI_RAIL")
    lengths = lg.stated_lengths(rail)
    assert min(lengths) <= rail.length_km <= max(lengths)
    assert rail.length_km in lengths
    sections = lg.railway_sections(routes)
    assert set(sections.route_id) == {"KTI_RAIL_KAZ", "KTI_RAIL_TKM", "KTI_RAIL_IRN"}
    with pytest.raises(LookupError, match="NOPE"):
        lg.route(routes, "NOPE")


def test_quoted_freight_keeps_only_freight_rows():
    quoted = load_dataset("trade_bilateral")
    freight = lg.quoted_freight(quoted)
    assert not freight.indicator.str.contains("turnover", case=False).any()
    assert freight.id.is_unique
    tonnes = lg.quoted_tonnes(quoted)
    assert (tonnes.unit == "million tonnes").all() and tonnes.value.notna().all()
    assert {"Q07", "Q11"} <= set(tonnes.id)


# --- indicators and corridors --------------------------------------------------------------------

def _panel():
    return pd.DataFrame({
        "country_code": ["KAZ", "TKM", "KAZ", "KAZ", "TKM"],
        "year": [2007, 2010, 2010, 2012, 2014],
        "lpi_overall": [2.1, 2.5, 2.8, 2.7, np.nan],
    })


def test_common_years():
    df = _panel()
    assert lg.first_common_year(df, "lpi_overall", ["KAZ", "TKM"]) == 2010
    assert lg.latest_common_year(df, "lpi_overall", ["KAZ", "TKM"]) == 2010
    assert lg.latest_common_year(df, "lpi_overall", ["KAZ", "TKM"], up_to_year=2009) is None


def test_check_window_refuses_an_end_year_before_both_have_scores():
    with pytest.raises(ParameterError, match="end_year=2008"):
        lg.check_window(_panel(), ("KAZ", "TKM"), 2008)
    assert lg.check_window(_panel(), ("KAZ", "TKM"), 2012) == 2010


def test_corridor_status_and_phrases():
    corridors = pd.DataFrame({
        "corridor": ["Ashgabat Agreement (x)", "Ashgabat Agreement (x)",
                     "International North–South Transport Corridor (y)"],
        "member_or_party": ["TKM", "KAZ", "TKM"],
        "status": ["party", "party", "accession_in_progress"],
        "since": pd.array([2011, None, None], dtype="Int64"),
        "note": ["", "the year is uncertain", ""],
    })
    table = lg.corridor_status(corridors, ["KAZ", "TKM", "UZB"])
    assert list(table.Agreement) == ["Ashgabat Agreement", "North–South corridor (INSTC) agreement"]
    assert table.loc[0, "Turkmenistan"] == "party (2011)"
    assert table.loc[0, "Kazakhstan"] == "party"
    assert table.loc[1, "Kazakhstan"] == "not listed"
    assert table.loc[1, "Turkmenistan"] == "accession in progress"
    assert lg.status_of(corridors, "Ashgabat", "TKM") == ("party", 2011)
    assert lg.status_of(corridors, "Ashgabat", "UZB") == ("not listed", None)
    assert lg.uncertain_year_countries(corridors, "Ashgabat", ["KAZ", "TKM"]) == ["Kazakhstan"]
    assert lg.uncertain_year_countries(corridors, "Ashgabat", ["TKM"]) == []


def test_corridor_verdict_is_consistent_only_when_every_status_is_party():
    assert lg.corridor_verdict(["party", "party", "party", "party"]) == "consistent"
    assert lg.corridor_verdict(["party", "party", "party", "accession_in_progress"]) == "partly consistent"
    assert lg.corridor_verdict(["signatory", "not listed"]) == "partly consistent"
    assert lg.corridor_verdict(["not listed", "former_party"]) == "inconsistent"
    assert lg.corridor_verdict([]) == "inconsistent"
