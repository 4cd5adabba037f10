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


# --- what the notebook shows: figures, tables, texts and verdicts from the theme module ------------------

@pytest.fixture(scope="module")
def link():
    return lg.corridor_figures(load_dataset("logistics_routes"), load_dataset("trade_bilateral"),
                               load_dataset("logistics_quoted"), load_dataset("context_facts"))


def test_corridor_figures_derive_the_pro_rata_volume_and_shares_from_the_quoted_rows(link):
    f, q = link.figures, link.rail_2025
    assert "Iran railway" in q.indicator and f["rail_2025_mt"] == q.value
    assert f["rail_2025_annual_mt"] == pytest.approx(q.value * 12 / q.months) == link.rail_2025_annual
    assert f["rail_2025_share_design_hi"] == pytest.approx(100 * link.rail_2025_annual / f["design_lo"])
    assert f["rail_2025_share_design_lo"] < f["rail_2025_share_design_hi"]
    assert f["sections_sum_km"] == f["sec_kaz_km"] + f["sec_tkm_km"] + f["sec_irn_km"]
    facts = load_dataset("context_facts").set_index("fact_id")
    assert f["titr_disagree_mt"] == pytest.approx(facts.loc["UKR11", "value"] - facts.loc["UKR12", "value"])
    assert [c["stage"] for c in link.capacity] == ["at first", "later"]
    assert f["aktau_2022_share_pct"] == pytest.approx(100 * f["aktau_2022_mt"] / f["aktau_capacity_mt"])


def test_corridor_figures_refuse_a_quoted_figure_that_is_no_longer_unique():
    quoted = load_dataset("trade_bilateral")
    twice = pd.concat([quoted, quoted[quoted.indicator.str.contains("Iran railway")]], ignore_index=True)
    with pytest.raises(LookupError, match="Iran railway"):
        lg.corridor_figures(load_dataset("logistics_routes"), twice, load_dataset("logistics_quoted"),
                            load_dataset("context_facts"))


def test_indicator_figures_rank_the_second_country_in_the_last_survey_scoring_both():
    panel = pd.DataFrame({
        "country_code": ["KAZ", "TKM", "UZB", "KAZ", "TKM", "KAZ"], "year": [2018, 2018, 2018, 2022, 2016, 2016],
        "lpi_overall": [2.8, 2.4, 2.6, 2.7, 2.2, 2.75], "lpi_edition": [2018, 2018, 2018, 2023, 2016, 2016],
        "rail_route_km": [16000.0, 5000.0, np.nan, 16100.0, 4000.0, np.nan]})
    f = lg.indicator_figures(panel, ("KAZ", "TKM"), 2023)
    assert (f["lpi_year_a"], f["lpi_a"], f["lpi_edition_a"]) == (2022, 2.7, 2023)
    assert f["lpi_common_year"] == 2018 and (f["lpi_common_a"], f["lpi_common_b"]) == (2.8, 2.4)
    assert (f["lpi_rank_b"], f["lpi_n_common"], f["lpi_rank_text"]) == (3, 3, "third of three")
    assert (f["km_year_b"], f["km_b"]) == (2018, 5000.0)
    assert lg.indicator_figures(panel.assign(rail_route_km=1.0), ("KAZ", "TKM"), 2017)["lpi_common_year"] == 2016
    with pytest.raises(LookupError, match="rail_route_km value for KAZ up to 2017"):  # named, not skipped
        lg.indicator_figures(panel, ("KAZ", "TKM"), 2017)


def test_agreement_figures_give_phrase_clause_and_the_caveat_on_an_uncertain_year():
    corridors = pd.DataFrame({
        "corridor": ["Ashgabat Agreement (x)", "Ashgabat Agreement (x)", "International North–South (y)"],
        "member_or_party": ["TKM", "KAZ", "TKM"], "status": ["party", "party", "accession_in_progress"],
        "since": pd.array([2011, 2015, None], dtype="Int64"), "note": ["", "the year is uncertain", ""]})
    f = lg.agreement_figures(corridors, ("KAZ", "TKM"))
    assert f["ash_a"] == "a party since 2015" and f["ash_b_clause"] == "has been a party since 2011"
    assert f["ash_caveat"] == " (sources differ on the year for Kazakhstan)"
    assert f["instc_a"] == "not listed" and f["instc_b_clause"] == "is in the process of accession"
    assert lg.agreement_figures(corridors, ("UZB", "TKM"))["ash_caveat"] == ""


def test_scenario_names_the_quoted_volume_and_warns_it_is_not_a_year(link):
    quoted = lg.scenario(link.rail_2025.value, 100.0, 15.0, link.rail_2025)
    assert quoted.figures["savings_musd"] == pytest.approx(link.rail_2025.value * 100 * 0.15)
    assert (quoted.figures["claimed_lo"], quoted.figures["claimed_hi"]) == lg.CLAIMED_REDUCTION_PCT
    assert "quoted for the Kazakhstan–Turkmenistan–Iran railway" in quoted.figures["volume_text"]
    assert "not for a year" in quoted.figures["volume_text"] and quoted.note.endswith("(not a full year)")
    year = link.rail_2025.copy()
    year["months"], year["period_start"], year["period_end"] = 12, "2025-01-01", "2025-12-31"
    assert "not for a year" not in lg.scenario(year.value, 100.0, 15.0, year).figures["volume_text"]
    own = lg.scenario(2.5, 50.0, 30.0, link.rail_2025)
    assert own.figures["volume_text"] == "2.5 million tonnes, a volume set by the reader"
    assert own.note == "Volume: 2.5 Mt, set by the reader" and own.figures["savings_musd"] == pytest.approx(37.5)


def test_tables_say_not_sourced_or_no_level_instead_of_leaving_a_blank():
    routes = lg.routes_table(load_dataset("logistics_routes"))
    assert (routes == "not sourced").any().any() and not routes.isna().any().any()
    quoted = lg.quoted_freight_table(load_dataset("trade_bilateral"))
    assert "no level quoted" in set(quoted["Million tonnes"]) and not quoted.isna().any().any()
    assert quoted["Figure quoted (date quoted)"].str.contains(r"\(quoted ").all()
    placed = pd.DataFrame({"name": ["Aktau", "Temir-Baba"], "kind": ["sea_port", "border_crossing"],
                           "country_code": ["KAZ", "TKM"], "role": ["port", "crossing"],
                           "position": ["GeoNames", "derived"]})
    places = lg.places_table(placed)
    assert places.Kind.tolist() == ["Sea port", "Border crossing"] and places.Position.str.len().gt(0).all()


def test_network_prose_names_the_break_only_for_a_pair_with_turkmenistan():
    ind = pd.DataFrame({"country_code": ["TKM"] * 4, "year": [2013, 2014, 2015, 2016],
                        "rail_route_km": [3000.0, 6000.0, 6000.0, 7000.0], "rail_break": [False, True, False, True]})
    title, text, values = lg.network_prose(ind, ("KAZ", "TKM"), 2010, 2020)
    assert title.startswith("Turkmenistan's reported network doubles")
    assert (values["year"], values["before"], values["after"]) == (2014, 3000.0, 6000.0)
    assert values["small_year"] == 2016 and values["breaks"] == "2014 and 2016" and "{small_pct" in text
    title, _, values = lg.network_prose(ind, ("KAZ", "TKM"), 2017, 2020)  # breaks outside the years shown
    assert title.startswith("Railway lines") and values
    title, text, values = lg.network_prose(ind, ("KAZ", "UZB"), 2010, 2020)
    assert title.startswith("Railway lines") and values == {} and "reporting break" not in text


def test_claim_verdicts_follow_the_corridor_table_and_fill_every_field(link):
    corridors = load_dataset("corridors")
    values = {**link.figures, **lg.scenario(1.5, 100.0, 15.0, link.rail_2025).figures}
    items = {i["claim_id"]: i for i in lg.claim_verdicts(corridors, values)}
    assert list(items) == ["L1", "L2", "L3", "L4"]
    statuses = [lg.status_of(corridors, a, c)[0] for a in ("Ashgabat Agreement", "International North")
                for c in ("KAZ", "TKM")]
    assert items["L1"]["verdict"] == lg.corridor_verdict(statuses)
    assert items["L3"]["verdict"] == items["L4"]["verdict"] == "not checkable"
    assert "{" not in "".join(i["evidence"] for i in items.values())
    all_party = corridors.assign(status="party")
    assert lg.claim_verdicts(all_party, values)[0]["verdict"] == "consistent"
