"""The region map (kztm.charts.maps): TopoJSON decoding, border crossings placed on the schematic lines, and the
map as a Figure that renders to SVG with its source line, legends, tooltips and theme colours."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from kztm.charts import maps
from kztm.charts.render import static_svg
from kztm.charts.theme import ACCENT, INK, MAP_COLORS, MUTED, PALETTE
from kztm.data import load_dataset, load_json


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


@pytest.fixture(scope="module")
def the_map(map_inputs):
    topo, nodes, routes = map_inputs
    return maps.region_map(topo, nodes, routes, "The railway runs 928 km through Turkmenistan")


def test_region_map_layers_share_one_projection_and_keep_their_size(the_map):
    spec = the_map.spec()
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
    route = [layer for layer, mark in zip(layers, marks, strict=True) if mark == "line"][1]
    assert {t["field"] for t in route["encoding"]["tooltip"]} >= {"name", "mode_label", "length_text", "opened_text",
                                                                   "source_text"}
    # Nothing is fetched from the web: all data is inline.
    assert '"url"' not in json.dumps(spec)


def test_region_map_colours_come_from_the_theme(the_map):
    spec = the_map.spec()
    text = json.dumps(spec)
    assert spec["view"]["fill"] == MAP_COLORS["sea"]
    for colour in (ACCENT, PALETTE[4], MUTED, INK, MAP_COLORS["land_focus"]):
        assert colour in text, colour
    assert "#000000" not in text  # the black once typed for crossings is gone: INK from the theme


def test_region_map_figure_has_finding_caption_sources_and_data_table(the_map):
    assert the_map.title == "The railway runs 928 km through Turkmenistan"
    assert "schematic" in the_map.subtitle and "Ports, railway towns and border crossings" in the_map.subtitle
    assert the_map.datasets == ("region_map", "logistics_nodes", "logistics_routes")
    assert "schematic" in the_map.note
    table = the_map.data
    assert list(table.columns) == ["Drawn as", "Name", "Longitude (°E)", "Latitude (°N)", "Position or line"]
    rail = table[table.Name.str.startswith("Kazakhstan–Turkmenistan–Iran railway")]
    assert len(rail) == 1 and rail["Position or line"].iloc[0].startswith("through Zhanaozen")
    places = table.dropna(subset=["Longitude (°E)"])
    lon_min, lat_min, lon_max, lat_max = maps.REGION_EXTENT
    assert places["Longitude (°E)"].between(lon_min, lon_max).all()
    assert places["Latitude (°N)"].between(lat_min, lat_max).all()


def test_region_map_draws_as_svg_with_names_and_source_line(the_map):
    svg = static_svg(the_map)
    assert svg.startswith("<svg") and svg.count("<path") > 20
    assert "Türkmenbaşy" in svg and "Caspian Sea" in svg
    for mark in ('class="mark-shape role-mark', 'class="mark-symbol role-mark', 'class="mark-line role-mark'):
        assert mark in svg, mark  # countries, places, routes
    assert "Natural Earth" in svg and "GeoNames" in svg  # the source line, generated from the data package


# --- the locator map (context chapter) -------------------------------------------------------------

@pytest.fixture(scope="module")
def locator(map_inputs):
    topo, nodes, routes = map_inputs
    return maps.locator_map(topo, nodes, routes, load_dataset("map_features"),
                            "Astana and Ashgabat are 1,793 km apart; the two countries connect by the Caspian")


def _layers_with(spec, mark):
    return [layer for layer in spec["layer"]
            if (layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]) == mark]


def test_locator_map_follows_the_page_width_and_fits_its_frame(locator):
    spec = locator.spec()
    # No fixed size: the book gives it the column's width, the height follows through a parameter.
    assert "width" not in spec and "height" not in spec
    height = next(p for p in spec["params"] if p["name"] == "height")
    assert f"{maps.frame_aspect():.4f}" in height["expr"] and "width" in height["expr"]
    assert spec["projection"]["clipExtent"] == {"expr": "[[0, 0], [width, height]]"}
    fit = spec["projection"]["fit"]["geometry"]["coordinates"]
    assert [min(p[0] for p in fit), min(p[1] for p in fit), max(p[0] for p in fit), max(p[1] for p in fit)] == \
        list(maps.LOCATOR_EXTENT)
    # The title is wrapped so that it never squeezes the map out of a phone's column.
    assert all(len(line) <= maps.TITLE_CHARS for line in spec["title"]["text"])
    assert '"url"' not in json.dumps(spec)  # all data inline: nothing fetched


def test_frame_aspect_matches_the_projected_frame():
    # 10° by 10° at 30–40° N: the frame is widest along its southern edge, where a degree of longitude is
    # cos(30°) of a degree of latitude; the locator frame (42° of longitude at 35–56° N) is wider than tall.
    assert maps.frame_aspect((0.0, 30.0, 10.0, 40.0)) == pytest.approx(1 / np.cos(np.radians(30)), rel=0.02)
    assert 0.5 < maps.frame_aspect() < 0.8


def test_locator_map_draws_every_required_place_and_line(locator):
    svg = static_svg(locator)
    for name in ("Astana", "Ashgabat", "Aktau", "Kuryk", "Türkmenbaşy", "Caspian Sea", "Aral Sea", "Amu Darya",
                 "Syr Darya", "gas pipeline"):
        assert name in svg, name
    for mark in ('class="mark-shape role-mark', 'class="mark-symbol role-mark', 'class="mark-line role-mark'):
        assert mark in svg, mark
    assert "GeoNames" in svg and "Natural Earth" in svg  # source line from the data package
    table = locator.data
    drawn = set(table.Name)
    assert {"Astana", "Ashgabat", "Aktau", "Kuryk", "Türkmenbaşy"} <= drawn
    assert {"Amu Darya", "Syr Darya", "Central Asia–China gas pipeline (Lines A, B, C)"} <= drawn
    assert any(n.startswith("Kazakhstan–Turkmenistan–Iran railway") for n in drawn)
    crossings = table[table["Drawn as"] == "Border crossing"]
    assert len(crossings) >= 2  # the rail crossing and the road crossing at Temir-Baba
    assert crossings["Position or course"].str.contains("schematic").all()  # placed on the border, not sourced
    lines = table[table["Longitude (°E)"].isna()]
    assert lines["Drawn as"].str.contains("schematic").all()
    syr = lines[lines.Name == "Syr Darya"].iloc[0]
    assert syr.Source.startswith("Not sourced")  # said, not hidden
    pipeline = lines[lines.Name.str.startswith("Central Asia–China")].iloc[0]
    assert pipeline.Source == "Xinhua (agency)"


def test_locator_map_colours_legend_and_tooltips(locator):
    spec = locator.spec()
    text = json.dumps(spec)
    for colour in (maps.RAIL, maps.GAS, maps.RIVER, ACCENT, INK, MAP_COLORS["land_focus"]):
        assert colour in text, colour
    line = next(layer for layer in _layers_with(spec, "line"))
    assert line["encoding"]["color"]["title"] == "Line (schematic)"
    assert line["encoding"]["color"]["legend"]["symbolType"] == "stroke"
    assert {t["field"] for t in line["encoding"]["tooltip"]} == {"name", "course", "source_text", "drawn"}
    point = _layers_with(spec, "point")[0]
    assert {t["field"] for t in point["encoding"]["tooltip"]} >= {"name", "kind_label", "source_text", "position_text"}


def test_locator_map_highlights_another_pair_with_its_capitals(map_inputs):
    topo, nodes, routes = map_inputs
    fig = maps.locator_map(topo, nodes, routes, load_dataset("map_features"), "Astana and Tashkent",
                           focus=("KAZ", "UZB"), peers=("TKM", "KGZ", "TJK"))
    capitals = set(fig.data[fig.data["Drawn as"] == "Capital"].Name)
    assert capitals == {"Astana", "Tashkent"}
    assert "indexof(['KAZ', 'UZB']" in json.dumps(fig.spec())


def test_line_label_goes_on_the_longest_segment():
    line = pd.DataFrame({"longitude": [0.0, 1.0, 5.0, 5.5], "latitude": [0.0, 0.0, 0.0, 0.0]})
    assert maps.label_anchor(line) == (3.0, 0.0)
    assert maps.label_anchor(line.iloc[:1]) == (0.0, 0.0)


def test_a_line_with_a_vertex_without_coordinates_is_refused():
    features = load_dataset("map_features").copy()
    features.loc[features.feature_id == "AMU_DARYA", "latitude"] = np.nan
    with pytest.raises(ValueError, match="AMU_DARYA"):
        maps.feature_lines(features)
