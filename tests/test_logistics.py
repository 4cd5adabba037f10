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


# --- quoted figures found by content; ports, rail, the Trans-Caspian route, network breaks -------------

def test_find_quoted_looks_up_by_content_not_by_row_position():
    quoted = load_dataset("trade_bilateral")
    row = lg.find_quoted(quoted, "Aktau", "transshipment")
    assert "Aktau" in row.indicator and row.change_stated.startswith("+50%")
    # Reordering the rows (as appending a compiled row would) finds the same figure.
    assert lg.find_quoted(quoted.iloc[::-1], "Aktau", "transshipment").equals(row)
    assert lg.find_quoted(quoted, "cargo traffic", period="2023").value == 1.3
    with pytest.raises(LookupError, match="expected exactly one"):
        lg.find_quoted(quoted, "turnover")
    with pytest.raises(LookupError, match="0 quoted figures"):
        lg.find_quoted(quoted, "hovercraft")


def test_port_figures_keep_levels_in_tonnes_with_their_definition():
    q = load_dataset("logistics_quoted")
    ports = lg.port_figures(q)
    assert set(ports.port) == {"Aktau", "Kuryk", "Türkmenbaşy"}
    assert "growth" not in set(ports.definition)  # a growth rate has no tonnes to draw
    capacity = ports[ports.definition == "capacity"]
    assert len(capacity) == 1 and capacity.port.iloc[0] == "Aktau" and capacity.mt.iloc[0] == 11.0
    half = ports[(ports.port == "Kuryk") & (ports.months == 6)]
    assert half.mt.iloc[0] == pytest.approx(0.55)
    assert ports.port.tolist() == sorted(ports.port, key=["Aktau", "Kuryk", "Türkmenbaşy"].index)


def test_rail_figures_convert_thousand_tonnes_and_say_what_each_counts():
    q = load_dataset("logistics_quoted")
    rail = lg.rail_figures(q)
    quarter = rail[rail.months == 3].iloc[0]
    assert quarter.mt == pytest.approx(0.273) and "crossing" in quarter.what
    assert (rail[rail.status == "derived"].mt == 1.2).all()
    assert rail.what.str.contains("Iran line").sum() == 1
    assert lg.period_middle("2020-01-01", "2020-03-31") == pytest.approx(2020.12, abs=0.01)


def test_share_of_a_stated_range():
    assert lg.share_of(1.8, 10, 12) == pytest.approx((15.0, 18.0))
    with pytest.raises(ValueError):
        lg.share_of(1.0, 0, 12)


def test_trans_caspian_keeps_each_source_and_marks_targets():
    facts = load_dataset("context_facts")
    rows = lg.trans_caspian(facts)
    assert set(rows.fact_id) == set(lg.TRANS_CASPIAN_FACTS)
    by_id = rows.set_index("fact_id")
    # The two 2024 totals disagree and both are kept, each with its own source.
    assert by_id.loc["UKR11", "value"] == 4.5 and by_id.loc["UKR12", "value"] == 3.3
    assert by_id.loc["UKR11", "source_name"] != by_id.loc["UKR12", "source_name"]
    assert by_id.loc["UKR06", "period"] == by_id.loc["UKR07", "period"] == "target year"
    assert by_id.loc["UKR17", "period"] == "part of the year"
    with pytest.raises(LookupError, match="UKR99"):
        lg.trans_caspian(facts, {"UKR99": "x"})


def test_rail_segments_restart_at_every_reporting_break():
    ind = pd.DataFrame({"country_code": ["TKM"] * 5 + ["KAZ"] * 2, "year": [2013, 2014, 2015, 2016, 2017, 2014, 2015],
                        "rail_route_km": [3115.0, 3115.0, 6230.0, 6230.0, 7680.0, 14800.0, 14900.0],
                        "rail_break": [False, False, True, False, True, None, False]})
    seg = lg.rail_segments(ind).set_index(["country_code", "year"])
    assert seg.loc["TKM"].segment.tolist() == [0, 0, 1, 1, 2] and set(seg.loc["KAZ"].segment) == {0}
    breaks = lg.reporting_breaks(ind, "TKM")
    assert breaks.year.tolist() == [2015, 2017] and breaks.change_pct.iloc[0] == pytest.approx(100.0)
    assert lg.reporting_breaks(ind, "KAZ").empty


def test_turkmenistan_network_is_flagged_where_it_doubles():
    breaks = lg.reporting_breaks(load_dataset("logistics_indicators"), "TKM")
    assert {2015, 2017} <= set(breaks.year)
    assert breaks.set_index("year").loc[2015, ["before", "after"]].tolist() == [3115.0, 6230.0]
