"""Unit tests of kztm.logistics (route facts, quoted volumes, scenario) and kztm.maps (the region map)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from kztm.charts import maps
from kztm.data import load_dataset, load_json
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


def test_period_label():
    row = {"period_start": "2025-01-01", "period_end": "2025-10-31"}
    assert lg.period_label(row) == "January–October 2025"
    assert lg.period_label({"period_start": "2023-01-01", "period_end": "2023-12-31"}) == "2023"
    assert lg.period_label({"period_start": "2021-01-01", "period_end": "2024-12-31"}) == "2021–2024"
    assert lg.period_label(row, short=True) == "Jan–Oct 2025"


def test_wording_helpers():
    assert lg.rank_phrase(4, 5) == "fourth of five"
    assert lg.rank_phrase(13, 140) == "13th of 140" and lg.ordinal_word(22) == "22nd"
    assert lg.status_clause("party", 2015) == "has been a party since 2015"
    assert lg.status_clause("party", None) == "is a party"
    assert lg.status_clause("accession_in_progress", None) == "is in the process of accession"
    assert lg.indicator_words("KZ-TM cargo traffic") == "Kazakhstan–Turkmenistan cargo traffic"
    assert lg.indicator_words("Kazakhstan-Turkmenistan-Iran railway volume") == (
        "Kazakhstan–Turkmenistan–Iran railway volume")
    row = {"indicator": "Kazakhstan-Turkmenistan-Iran railway volume", "period_start": "2025-01-01",
           "period_end": "2025-10-31", "months": 10}
    assert lg.short_label(row) == "Kazakhstan–Turkmenistan–Iran railway, Jan–Oct 2025"
    assert lg.months_phrase(row) == "the ten months January–October 2025"
    assert lg.months_phrase({"period_start": "2023-01-01", "period_end": "2023-12-31", "months": 12}) == "the year 2023"


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
    assert lg.status_phrase("party", 2011) == "a party since 2011"
    assert lg.status_phrase("accession_in_progress", None) == "in the process of accession"
    assert lg.year_caveat(corridors, "Ashgabat", ["KAZ", "TKM"]) == " (sources differ on the year for Kazakhstan)"
    assert lg.year_caveat(corridors, "Ashgabat", ["TKM"]) == ""


# --- maps ---------------------------------------------------------------------------------------

def _square_topology():
    """Two unit squares side by side (A: 0–1, B: 1–2), A with a hole; no quantization."""
    return {
        "type": "Topology",
        "objects": {"countries": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0, 1], [3]], "properties": {"iso_a3": "AAA", "name": "A"}},
            {"type": "Polygon", "arcs": [[~1, 2]], "properties": {"iso_a3": "BBB", "name": "B"}},
        ]}},
        "arcs": [
            [[1, 0], [0, 0], [0, 1], [1, 1]],          # A's west part, ends on the shared edge
            [[1, 1], [1, 0]],                           # the shared edge
            [[1, 1], [2, 1], [2, 0], [1, 0]],           # B's east part
            [[0.4, 0.4], [0.6, 0.4], [0.6, 0.6], [0.4, 0.6], [0.4, 0.4]],  # hole in A
        ],
    }


def test_topology_decoding_and_point_in_country():
    rings = maps.country_rings(_square_topology())
    assert set(rings) == {"AAA", "BBB"}
    inside_a = maps.inside([0.2, 0.5, 1.5, 3.0], [0.2, 0.5, 0.5, 0.5], rings["AAA"])
    assert inside_a.tolist() == [True, False, False, False]  # the hole is not land
    assert maps.inside([1.5], [0.5], rings["BBB"]).tolist() == [True]


def test_border_point_finds_the_shared_edge():
    rings = maps.country_rings(_square_topology())
    lon, lat = maps.border_point((0.2, 0.2), (1.8, 0.8), rings["AAA"], rings["BBB"])
    assert lon == pytest.approx(1.0, abs=1e-3)
    assert lat == pytest.approx(0.2 + 0.6 * 0.8 / 1.6, abs=1e-3)
    assert maps.border_point((1.5, 0.5), (1.8, 0.5), rings["AAA"], rings["BBB"]) is None


def test_quantized_topology_is_decoded_to_degrees():
    topo = load_json("region_map")
    rings = maps.country_rings(topo)
    kaz = np.concatenate(rings["KAZ"])
    assert 46 < kaz[:, 0].min() < 47.5 and 87 < kaz[:, 0].max() < 88  # Kazakhstan spans about 46.5–87.4° E
    astana = maps.inside([71.43], [51.13], rings["KAZ"])[0]
    ashgabat = maps.inside([58.38], [37.95], rings["TKM"])[0]
    caspian = maps.inside([50.5], [42.0], rings["KAZ"])[0] or maps.inside([50.5], [42.0], rings["TKM"])[0]
    assert astana and ashgabat and not caspian


@pytest.fixture(scope="module")
def map_inputs():
    return load_json("region_map"), load_dataset("logistics_nodes"), load_dataset("logistics_routes")


def test_nodes_are_inside_the_region_and_crossings_on_the_right_border(map_inputs):
    topo, nodes, routes = map_inputs
    placed = maps.place_border_crossings(nodes, routes, topo)
    lon_min, lat_min, lon_max, lat_max = maps.REGION_EXTENT
    mapped = placed[placed.position != "not mapped"]
    assert len(mapped) >= 15
    assert mapped.longitude.between(lon_min, lon_max).all() and mapped.latitude.between(lat_min, lat_max).all()
    # GeoNames coordinates are kept as they are.
    sourced = placed[placed.position == "GeoNames"].set_index("node_id")
    original = nodes.dropna(subset=["latitude"]).set_index("node_id")
    assert np.allclose(sourced.loc[original.index, "latitude"], original.latitude)
    # The rail crossing lies between Zhanaozen and Bereket; a point just north of it is Kazakh land, just south Turkmen.
    rings = maps.country_rings(topo)
    crossing = placed.set_index("node_id").loc["BOLASHAK_SERHETYAKA"]
    assert crossing.position == "derived"
    assert original.loc["BEREKET", "latitude"] < crossing.latitude < original.loc["ZHANAOZEN", "latitude"]
    north = maps.inside([crossing.longitude - 0.03], [crossing.latitude + 0.05], rings["KAZ"])[0]
    south = maps.inside([crossing.longitude + 0.03], [crossing.latitude - 0.05], rings["TKM"])[0]
    assert north and south
    # A station with no coordinates and no border to sit on stays off the map.
    assert placed.set_index("node_id").loc["GYZYLGAYA", "position"] == "not mapped"


def test_route_lines_follow_their_nodes(map_inputs):
    topo, nodes, routes = map_inputs
    placed = maps.place_border_crossings(nodes, routes, topo)
    lines = maps.route_lines(placed, routes)
    assert set(lines.route_id) == set(routes.route_id)  # every route can be drawn
    rail = lines[lines.route_id == "KTI_RAIL"].sort_values("order")
    assert rail.node_id.iloc[0] == "ZHANAOZEN" and rail.node_id.iloc[-1] == "GORGAN"
    assert "GYZYLGAYA" not in set(rail.node_id)


def test_region_map_chart_layers_projection_and_size(map_inputs):
    topo, nodes, routes = map_inputs
    chart = maps.region_map_chart(topo, nodes, routes)
    spec = chart.to_dict()
    assert spec["width"] == maps.MAP_WIDTH and spec["height"] == maps.MAP_HEIGHT
    # The projection sits on the layered chart, not on one layer (else the points land elsewhere).
    proj = spec["projection"]
    assert proj["type"] == "conicEqualArea"
    assert proj["clipExtent"] == [[0, 0], [maps.MAP_WIDTH, maps.MAP_HEIGHT]]
    fit_points = proj["fit"]["geometry"]["coordinates"]
    assert [min(p[0] for p in fit_points), min(p[1] for p in fit_points),
            max(p[0] for p in fit_points), max(p[1] for p in fit_points)] == list(maps.REGION_EXTENT)
    layers = spec["layer"]
    assert not any("projection" in layer for layer in layers)
    marks = [layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"] for layer in layers]
    assert marks.count("geoshape") == 1 and marks.count("line") == 2 and marks.count("point") == 1
    assert marks.count("text") == 3
    # Tooltips on the places and on the routes; legends for both.
    point = layers[marks.index("point")]
    assert {t["field"] for t in point["encoding"]["tooltip"]} >= {"name", "kind_label", "role", "source_text"}
    assert point["encoding"]["fill"]["legend"] is not None
    def mark(layer):
        return layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]

    route = [layer for layer in layers if mark(layer) == "line"][1]
    assert {t["field"] for t in route["encoding"]["tooltip"]} >= {"name", "mode_label", "length_text", "opened_text",
                                                                   "source_text"}
    # Nothing is fetched from the web: all data is inline.
    assert '"url"' not in json.dumps(spec)


def test_region_map_draws_as_svg(map_inputs):
    import vl_convert

    topo, nodes, routes = map_inputs
    svg = vl_convert.vegalite_to_svg(maps.region_map_chart(topo, nodes, routes).to_dict())
    assert svg.startswith("<svg") and svg.count("<path") > 20
    assert "Türkmenbaşy" in svg and "Caspian Sea" in svg
