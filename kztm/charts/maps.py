"""Maps drawn from committed data only: Natural Earth borders, GeoNames points, sourced routes.

No web map tiles: the countries come from the ``region_map`` TopoJSON (Natural Earth 1:50m),
the points from ``logistics_nodes`` (coordinates joined from GeoNames) and the lines from
``logistics_routes`` (a route is drawn as straight segments between the nodes it passes,
so its geometry is **schematic**, not surveyed).

Some border crossings have no sourced coordinates. :func:`place_border_crossings` puts such a
crossing where the schematic line between its located neighbours crosses the border of the two
countries in Natural Earth; the position is flagged as derived in the data and in the tooltip.

The projection is set on the *layered* chart (``alt.layer(...).project(...)``) so that the
countries, the lines and the points share it; it is fitted to :data:`REGION_EXTENT`
(lon 44–68° E, lat 35–49° N) and clipped to the view, so Russia and China, kept whole in the
data, are cut at the frame. The sea (the Caspian and Aral appear as holes in the land) is the
blue view background under the land.
"""

from __future__ import annotations

import textwrap

import altair as alt
import numpy as np
import pandas as pd

from ..report.wording import join_names
from .render import Figure
from .theme import ACCENT, INK, MAP_COLORS, MUTED, PALETTE, finding

# lon_min, lat_min, lon_max, lat_max of the map frame
REGION_EXTENT = (44.0, 35.0, 68.0, 49.0)
MAP_WIDTH, MAP_HEIGHT = 620, 460

RAIL = PALETTE[4]  # vermilion: the railway and its towns
NODE_KINDS = {  # kind in the data → (label in the legend, colour, shape)
    "sea_port": ("Sea port", ACCENT, "circle"),
    "rail_station_town": ("Railway town", RAIL, "square"),
    "road_town": ("Road town", MUTED, "triangle-up"),
    "border_crossing": ("Border crossing", INK, "diamond"),
}
ROUTE_MODES = {  # mode → (label, colour, dash)
    "rail": ("Railway", RAIL, [1, 0]),
    "sea": ("Sea link", ACCENT, [6, 3]),
    "road": ("Road", MUTED, [2, 2]),
}

# Countries named on the map (inside the frame) and the label for the sea.
LABELLED = ("KAZ", "TKM", "UZB", "KGZ", "TJK", "IRN", "AFG", "AZE", "RUS")


# --- geometry from the TopoJSON -----------------------------------------------------------

def _decode_arcs(topology: dict) -> list[np.ndarray]:
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        a = np.asarray(arc, dtype=float)
        if transform:
            a = np.cumsum(a, axis=0) * np.asarray(transform["scale"]) + np.asarray(transform["translate"])
        arcs.append(a)
    return arcs


def _ring(indices, arcs) -> np.ndarray:
    parts = []
    for k, i in enumerate(indices):
        a = arcs[i] if i >= 0 else arcs[~i][::-1]
        parts.append(a if k == 0 else a[1:])
    return np.concatenate(parts)


def country_rings(topology: dict, obj: str = "countries") -> dict[str, list[np.ndarray]]:
    """ISO3 code → all rings (outer and holes) of the country, as (n, 2) lon/lat arrays."""
    arcs = _decode_arcs(topology)
    out: dict[str, list[np.ndarray]] = {}
    for geom in topology["objects"][obj]["geometries"]:
        code = geom["properties"]["iso_a3"]
        polygons = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        out[code] = [_ring(r, arcs) for poly in polygons for r in poly]
    return out


def inside(lon, lat, rings: list[np.ndarray]) -> np.ndarray:
    """Even-odd test of points against a country's rings (holes such as the Caspian count as outside)."""
    lon, lat = np.atleast_1d(np.asarray(lon, float)), np.atleast_1d(np.asarray(lat, float))
    result = np.zeros(lon.shape, dtype=bool)
    for ring in rings:
        x1, y1 = ring[:-1, 0], ring[:-1, 1]
        x2, y2 = ring[1:, 0], ring[1:, 1]
        keep = (np.maximum(y1, y2) >= lat.min()) & (np.minimum(y1, y2) <= lat.max())
        for ax, ay, bx, by in zip(x1[keep], y1[keep], x2[keep], y2[keep], strict=True):
            spans = (ay > lat) != (by > lat)
            if not spans.any():
                continue
            with np.errstate(divide="ignore", invalid="ignore"):
                x_cross = ax + (lat - ay) * (bx - ax) / (by - ay)
            result ^= spans & (lon < x_cross)
    return result


def border_point(a, b, rings_a, rings_b, samples: int = 400, refine: int = 30):
    """Where the straight segment a→b (lon, lat) passes from country A into country B.

    Returns (lon, lat) or None when the segment never goes from A into B. When water or a third
    country lies between the two, the midpoint of the gap is returned.
    """
    t = np.linspace(0.0, 1.0, samples)
    lon = a[0] + t * (b[0] - a[0])
    lat = a[1] + t * (b[1] - a[1])
    in_a, in_b = inside(lon, lat, rings_a), inside(lon, lat, rings_b)
    seen_a = None
    for k in range(samples):
        if in_a[k]:
            seen_a = k
        elif in_b[k] and seen_a is not None:
            lo, hi = t[seen_a], t[k]
            if k == seen_a + 1:  # adjacent samples: bisect to the border
                for _ in range(refine):
                    mid = (lo + hi) / 2
                    p = (a[0] + mid * (b[0] - a[0]), a[1] + mid * (b[1] - a[1]))
                    if inside(p[0], p[1], rings_a)[0]:
                        lo = mid
                    else:
                        hi = mid
            mid = (lo + hi) / 2
            return (float(a[0] + mid * (b[0] - a[0])), float(a[1] + mid * (b[1] - a[1])))
    return None


def label_points(topology: dict, codes=LABELLED, extent=REGION_EXTENT, step: float = 0.25,
                 sea_box=(51.0, 47.5)) -> pd.DataFrame:
    """A label position per country: the grid point inside it *within the frame* nearest to the mean
    of all such points (so a curved country's label stays on its land), plus one for the Caspian Sea
    (the mean of the sea points west of ``sea_box[0]`` and south of ``sea_box[1]``, degrees)."""
    rings = country_rings(topology)
    lon_min, lat_min, lon_max, lat_max = extent
    gx, gy = np.meshgrid(np.arange(lon_min + 1, lon_max - 1, step), np.arange(lat_min + 1, lat_max - 1, step))
    gx, gy = gx.ravel(), gy.ravel()
    names = {g["properties"]["iso_a3"]: g["properties"]["name"]
             for g in topology["objects"]["countries"]["geometries"]}
    rows, land = [], np.zeros(gx.shape, dtype=bool)
    for code, country in rings.items():
        mask = inside(gx, gy, country)
        land |= mask
        if code in codes and mask.sum() >= 20:
            x, y = gx[mask], gy[mask]
            k = int(np.argmin((x - x.mean()) ** 2 + (y - y.mean()) ** 2))
            rows.append({"label": names[code], "kind": "country", "iso_a3": code,
                         "longitude": float(x[k]), "latitude": float(y[k])})
    sea = ~land & (gx < sea_box[0]) & (gy < sea_box[1])  # the Caspian lies west of 55° E
    if sea.sum() >= 20:
        rows.append({"label": "Caspian Sea", "kind": "sea", "iso_a3": "",
                     "longitude": float(gx[sea].mean()), "latitude": float(gy[sea].mean())})
    return pd.DataFrame(rows)


# --- nodes and routes ------------------------------------------------------------------------

def route_sequence(route) -> list[str]:
    """Node ids of a route in order: from_node, the ``via`` nodes (ids separated by ';'), to_node."""
    via = [v.strip() for v in str(route.get("via") or "").split(";") if v.strip()]
    return [route["from_node"], *via, route["to_node"]]


def _chains(routes: pd.DataFrame, known: set[str]) -> list[list[str]]:
    """Every route's node sequence, plus routes of the same mode joined end to start."""
    seqs = {r.route_id: [n for n in route_sequence(r._asdict()) if n in known] for r in routes.itertuples()}
    chains = list(seqs.values())
    for r1 in routes.itertuples():
        for r2 in routes.itertuples():
            if r1.route_id != r2.route_id and r1.mode == r2.mode and r1.to_node == r2.from_node:
                chains.append(seqs[r1.route_id] + seqs[r2.route_id][1:])
    return chains


def place_border_crossings(nodes: pd.DataFrame, routes: pd.DataFrame, topology: dict) -> pd.DataFrame:
    """Nodes with map positions: ``position`` is "GeoNames" for sourced coordinates and
    "derived" for border crossings placed where the schematic route crosses the border.
    Nodes that cannot be placed keep empty coordinates (and ``position`` "not mapped")."""
    rings = country_rings(topology)
    out = nodes.copy()
    out["position"] = np.where(out.latitude.notna() & out.longitude.notna(), "GeoNames", "not mapped")
    where = {r.node_id: (r.longitude, r.latitude) for r in out.itertuples() if r.position == "GeoNames"}
    country = dict(zip(out.node_id, out.country_code, strict=True))
    for chain in _chains(routes, set(out.node_id)):
        for k, node in enumerate(chain):
            row = out.index[out.node_id == node][0]
            if out.at[row, "position"] != "not mapped" or out.at[row, "kind"] != "border_crossing":
                continue
            before = [n for n in chain[:k] if n in where]
            after = [n for n in chain[k + 1:] if n in where]
            if not before or not after:
                continue
            a, b = before[-1], after[0]
            ca, cb = country.get(a), country.get(b)
            if ca == cb or ca not in rings or cb not in rings:
                continue
            point = border_point(where[a], where[b], rings[ca], rings[cb])
            if point is not None:
                out.loc[row, ["longitude", "latitude"]] = point
                out.at[row, "position"] = "derived"
                where[node] = point
    return out


def route_lines(placed: pd.DataFrame, routes: pd.DataFrame) -> pd.DataFrame:
    """One row per vertex of each route's schematic line (nodes without a position are skipped)."""
    where = {r.node_id: (r.longitude, r.latitude) for r in placed.itertuples()
             if r.position in ("GeoNames", "derived")}
    rows = []
    for r in routes.itertuples():
        seq = [n for n in route_sequence(r._asdict()) if n in where]
        if len(seq) < 2:
            continue
        for order, node in enumerate(seq):
            rows.append({"route_id": r.route_id, "order": order, "node_id": node,
                         "longitude": where[node][0], "latitude": where[node][1]})
    return pd.DataFrame(rows)


def _text(value, empty: str = "not sourced") -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)) or str(value) in ("", "<NA>", "NaT", "nan"):
        return empty
    return str(value)


def region_map(topology: dict, nodes: pd.DataFrame, routes: pd.DataFrame, title: str,
               focus=("KAZ", "TKM"), peers=("UZB", "KGZ", "TJK"), extent=REGION_EXTENT,
               width: int = MAP_WIDTH, height: int = MAP_HEIGHT, whole_routes=("KTI_RAIL",)) -> Figure:
    """The region with its logistics places and schematic routes, as a :class:`Figure`.

    ``topology``: the ``region_map`` TopoJSON (Natural Earth countries); ``nodes``: dataset
    ``logistics_nodes`` (GeoNames coordinates, some missing); ``routes``: dataset ``logistics_routes``;
    ``title``: the finding; ``focus``/``peers``: ISO3 codes whose land is shaded (the pair, then its
    neighbours); ``extent``: lon/lat frame in degrees; ``width``/``height`` in px. ``whole_routes`` are
    drawn as a wide pale band under their national sections (hover its edge for the whole line's facts,
    its centre for a section's). Raises ``KeyError`` for a node kind or route mode without a style.
    The data table lists every place drawn (longitude and latitude in degrees) and every route line.
    """
    placed = place_border_crossings(nodes, routes, topology)
    lines = route_lines(placed, routes)
    names = dict(zip(placed.node_id, placed.name, strict=True))

    # Route attributes for the tooltips.
    info = routes.copy()
    info["mode_label"] = info["mode"].map(lambda m: ROUTE_MODES[m][0])
    info["length_text"] = info["length_km"].map(lambda v: _text(v if pd.isna(v) else f"{int(v):,} km"))
    info["opened_text"] = info["opened"].map(_text)
    info["capacity_text"] = info["capacity_stated"].map(_text)
    info["source_text"] = info.apply(lambda r: f"{r.source_url} ({_text(r.source_date, 'undated')})", axis=1)
    info["ends"] = info.apply(lambda r: f"{names.get(r.from_node, r.from_node)} – {names.get(r.to_node, r.to_node)}",
                              axis=1)
    keep = ["route_id", "name", "mode", "mode_label", "length_text", "opened_text", "capacity_text",
            "source_text", "ends"]
    lines = lines.merge(info[keep], on="route_id")
    lines["geometry"] = "schematic: straight segments between the towns it passes"

    pts = placed[placed.position != "not mapped"].copy()
    pts["kind_label"] = pts["kind"].map(lambda k: NODE_KINDS[k][0])
    pts["source_text"] = pts.apply(lambda r: f"{r.source_url} ({_text(r.source_date, 'undated')})", axis=1)
    pts["position_text"] = pts["position"].map(
        {"GeoNames": "GeoNames coordinates",
         "derived": "schematic: where the drawn route meets the border (no sourced coordinates)"})
    pts["label_align"] = np.where(pts.longitude < 52.0, "right", "left")  # ports west of 52° E: label to the left

    land = _land(topology, focus, peers)
    country_labels = _country_labels(label_points(topology, extent=extent))

    mode_scale = alt.Scale(domain=[v[0] for v in ROUTE_MODES.values()], range=[v[1] for v in ROUTE_MODES.values()])
    dash_scale = alt.Scale(domain=[v[0] for v in ROUTE_MODES.values()], range=[v[2] for v in ROUTE_MODES.values()])
    route_tooltip = [alt.Tooltip("name:N", title="Route"), alt.Tooltip("mode_label:N", title="Mode"),
                     alt.Tooltip("ends:N", title="From – to"), alt.Tooltip("length_text:N", title="Length"),
                     alt.Tooltip("opened_text:N", title="Opened"),
                     alt.Tooltip("capacity_text:N", title="Stated capacity"),
                     alt.Tooltip("source_text:N", title="Source"), alt.Tooltip("geometry:N", title="Line drawn")]
    base_lines = alt.Chart(lines).encode(
        longitude="longitude:Q", latitude="latitude:Q", order=alt.Order("order:Q"),
        detail="route_id:N", tooltip=route_tooltip)
    whole = list(whole_routes)
    band = base_lines.transform_filter(alt.FieldOneOfPredicate(field="route_id", oneOf=whole)).mark_line(
        strokeWidth=11, opacity=0.28, color=ROUTE_MODES["rail"][1], strokeCap="round")
    route_layer = base_lines.transform_filter(
        ~alt.FieldOneOfPredicate(field="route_id", oneOf=whole)).mark_line(strokeWidth=2.6).encode(
        color=alt.Color("mode_label:N", scale=mode_scale, title="Route",
                        legend=alt.Legend(orient="bottom-left", symbolType="stroke", symbolStrokeWidth=3,
                                          fillColor="white", padding=5)),
        strokeDash=alt.StrokeDash("mode_label:N", scale=dash_scale, title="Route", legend=None),
    )

    kind_scale = alt.Scale(domain=[v[0] for v in NODE_KINDS.values()], range=[v[1] for v in NODE_KINDS.values()])
    shape_scale = alt.Scale(domain=[v[0] for v in NODE_KINDS.values()], range=[v[2] for v in NODE_KINDS.values()])
    points = alt.Chart(pts).mark_point(filled=True, size=70, stroke="white", strokeWidth=1, opacity=1).encode(
        longitude="longitude:Q", latitude="latitude:Q",
        fill=alt.Fill("kind_label:N", scale=kind_scale, title="Place",
                      legend=alt.Legend(orient="bottom-right", fillColor="white", padding=5)),
        shape=alt.Shape("kind_label:N", scale=shape_scale, title="Place"),
        tooltip=[alt.Tooltip("name:N", title="Place"), alt.Tooltip("kind_label:N", title="Kind"),
                 alt.Tooltip("role:N", title="Role"), alt.Tooltip("source_text:N", title="Source"),
                 alt.Tooltip("position_text:N", title="Position")],
    )
    named = pts[pts.kind != "border_crossing"]
    text_base = alt.Chart(named).encode(longitude="longitude:Q", latitude="latitude:Q", text="name:N")
    text_left = text_base.transform_filter("datum.label_align == 'left'").mark_text(
        align="left", dx=7, fontSize=10, color=INK)
    text_right = text_base.transform_filter("datum.label_align == 'right'").mark_text(
        align="right", dx=-7, fontSize=10, color=INK)

    chart = (
        alt.layer(land, country_labels, band, route_layer, points, text_left, text_right)
        .project(**_projection(extent, [[0, 0], [width, height]]))
        .resolve_scale(color="independent", fill="independent", shape="independent")
        .properties(width=width, height=height,
                    view=alt.ViewBackground(fill=MAP_COLORS["sea"], stroke=MAP_COLORS["frame"]),
                    title=finding(title, [
                        "Ports, railway towns and border crossings; routes as straight lines between the places",
                        "they pass (a schematic, not the surveyed track). Wide band: the railway as a whole;",
                        "thin lines on it: its national sections. Crossings without sourced coordinates sit",
                        "where the drawn line meets the border"]))
    )
    return Figure(chart, _map_table(pts, lines), ("region_map", "logistics_nodes", "logistics_routes"),
                  note="Route lines are schematic, not surveyed geometry.")


# --- layers and projection shared by the maps ----------------------------------------------------

def _land(topology: dict, focus, peers) -> alt.Chart:
    """Countries as shapes: the pair (``focus``), its peers and the other neighbours in three pale fills."""
    countries = alt.Data(values=topology, format=alt.DataFormat(type="topojson", feature="countries"))
    focus, peers = list(focus), [c for c in peers if c not in focus]
    group = (f"indexof({focus!r}, datum.properties.iso_a3) >= 0 ? 'focus' : "
             f"(indexof({peers!r}, datum.properties.iso_a3) >= 0 ? 'peer' : 'neighbour')")
    return alt.Chart(countries).transform_calculate(group=group).mark_geoshape(
        stroke=MAP_COLORS["border"], strokeWidth=0.8).encode(
        fill=alt.Fill("group:N", legend=None, scale=alt.Scale(
            domain=["focus", "peer", "neighbour"],
            range=[MAP_COLORS["land_focus"], MAP_COLORS["land_peer"], MAP_COLORS["land"]])),
        tooltip=[alt.Tooltip("properties.name:N", title="Country")],
    )


def _country_labels(labels: pd.DataFrame, font_size=10) -> alt.Chart:
    """Country and sea names (from :func:`label_points`) in small italics (``font_size`` px or an expression)."""
    return alt.Chart(labels).mark_text(
        fontSize=font_size, fontStyle="italic", color=MAP_COLORS["country_label"]).encode(
        longitude="longitude:Q", latitude="latitude:Q", text="label:N")


def _projection(extent, clip) -> dict:
    """A conic equal-area projection fitted to the lon/lat frame ``extent`` and clipped to ``clip``
    (pixel corners, or a Vega expression that follows the chart's size)."""
    lon_min, lat_min, lon_max, lat_max = extent
    frame = {"type": "Feature", "properties": {}, "geometry": {"type": "MultiPoint", "coordinates": [
        [lon_min, lat_min], [lon_max, lat_min], [lon_max, lat_max], [lon_min, lat_max],
        [(lon_min + lon_max) / 2, lat_min], [(lon_min + lon_max) / 2, lat_max]]}}
    return alt.Projection(type="conicEqualArea", rotate=[-(lon_min + lon_max) / 2, 0],
                          parallels=[lat_min + 3, lat_max - 3], fit=frame, clipExtent=clip).to_dict()


def _map_table(points: pd.DataFrame, lines: pd.DataFrame) -> pd.DataFrame:
    """The map's data table: one row per place drawn, then one per route line (the places it joins)."""
    places = pd.DataFrame({
        "Drawn as": points.kind_label, "Name": points.name,
        "Longitude (°E)": points.longitude.round(3), "Latitude (°N)": points.latitude.round(3),
        "Position or line": points.position_text})
    names = dict(zip(points.node_id, points.name, strict=True))
    rows = []
    for _route_id, line in lines.sort_values(["route_id", "order"]).groupby("route_id", sort=False):
        first = line.iloc[0]
        rows.append({"Drawn as": first.mode_label, "Name": first["name"],
                     "Position or line": "through " + join_names([names.get(n, n) for n in line.node_id])})
    return pd.concat([places, pd.DataFrame(rows)], ignore_index=True)


# --- the locator map (context chapter) -------------------------------------------------------------

# The frame of the locator map: both countries whole, Astana (51° N) and the pipeline's end near Khorgos (80° E).
LOCATOR_EXTENT = (46.0, 35.0, 88.0, 56.0)
RIVER = PALETTE[5]  # light blue: rivers and the Aral Sea's name
GAS = PALETTE[2]  # ochre: the gas pipeline (the colour of gas in the energy charts)
LINE_KINDS = {  # kind → (label in the legend, colour, dash, width)
    "rail": ("Railway to Iran", RAIL, [1, 0], 2.6),
    "gas_pipeline": ("Gas pipeline to China", GAS, [7, 3], 2.4),
    "river": ("River", RIVER, [1, 0], 1.8),
}
PLACE_KINDS = {  # kind → (label in the tooltip and the data table, colour, shape; the caption is the key)
    "capital": ("Capital", INK, "square"),
    "sea_port": NODE_KINDS["sea_port"],
    "border_crossing": NODE_KINDS["border_crossing"],
}
SCHEMATIC_LINE = "schematic: drawn through the listed towns"
NARROW = 480  # px: below this width the map drops secondary labels (neighbours' names, the lines' names)
TITLE_CHARS = 30  # the title is wrapped to lines this long: a wider one would squeeze the map to nothing on a
# phone (Vega fits the title, the map and its legend into the column's width)
# Rivers named beside their middle town, not on it. (A second comment here, "the locator map's title is wrapped
# to lines this long, so it fits a 360 px column", belongs to TITLE_CHARS above.)
LINE_LABEL_SIDE = {"Amu Darya": "west", "Syr Darya": "east"}


def frame_aspect(extent=LOCATOR_EXTENT) -> float:
    """Height ÷ width of the frame ``extent`` (lon/lat degrees) in the maps' conic equal-area projection,
    so that a map whose width follows the page gets the height its frame needs (d3's formulas)."""
    lon_min, lat_min, lon_max, lat_max = extent
    phi0, phi1 = np.radians(lat_min + 3), np.radians(lat_max - 3)
    n = (np.sin(phi0) + np.sin(phi1)) / 2
    c = 1 + np.sin(phi0) * (2 * n - np.sin(phi0))
    lon = np.radians(np.array([lon_min, lon_max, lon_max, lon_min, (lon_min + lon_max) / 2, (lon_min + lon_max) / 2])
                     - (lon_min + lon_max) / 2)
    lat = np.radians(np.array([lat_min, lat_min, lat_max, lat_max, lat_min, lat_max]))
    r = np.sqrt(c - 2 * n * np.sin(lat)) / n
    x, y = r * np.sin(lon * n), -r * np.cos(lon * n)
    return float((y.max() - y.min()) / (x.max() - x.min()))


def feature_lines(features: pd.DataFrame) -> pd.DataFrame:
    """The line features of dataset ``map_features`` (rivers, pipelines), one row per vertex in order.

    Raises ``ValueError`` naming the feature when a vertex lacks coordinates (a line cannot skip a town).
    """
    lines = features[features.kind.isin(["river", "gas_pipeline"])].sort_values(["feature_id", "vertex"])
    missing = lines[lines.latitude.isna() | lines.longitude.isna()]
    if not missing.empty:
        raise ValueError(f"Map feature {missing.feature_id.iloc[0]!r} has a vertex without coordinates "
                         f"(geonameid {missing.geonameid.iloc[0]}).")
    return lines


def label_anchor(line: pd.DataFrame) -> tuple[float, float]:
    """Where a line's name goes: the middle of its longest segment (lon, lat), where the name has the most
    room; ``line`` has columns longitude and latitude, vertices in order."""
    lon, lat = line.longitude.to_numpy(float), line.latitude.to_numpy(float)
    if len(lon) == 1:
        return (float(lon[0]), float(lat[0]))
    k = int(np.argmax(np.hypot(np.diff(lon) * np.cos(np.radians(lat[:-1])), np.diff(lat))))
    return (float(lon[k] + lon[k + 1]) / 2, float(lat[k] + lat[k + 1]) / 2)


def sea_label(features: pd.DataFrame, feature_id: str = "ARAL_SEA") -> dict | None:
    """The position of a sea named between towns (kind ``sea_label``): the mean of its towns; None if absent."""
    rows = features[(features.feature_id == feature_id) & features.latitude.notna()]
    if rows.empty:
        return None
    return {"label": str(rows.name.iloc[0]), "longitude": float(rows.longitude.mean()),
            "latitude": float(rows.latitude.mean())}


def _style_scale(styles: dict, i: int) -> alt.Scale:
    """A scale from the labels of ``styles`` (kind → (label, colour, …)) to their ``i``-th style."""
    return alt.Scale(domain=[v[0] for v in styles.values()], range=[v[i] for v in styles.values()])


def _source_text(name, tier) -> str:
    tier = _text(tier, "")
    return f"{_text(name)} ({tier})" if tier else _text(name)


def locator_map(topology: dict, nodes: pd.DataFrame, routes: pd.DataFrame, features: pd.DataFrame, title: str,
                focus=("KAZ", "TKM"), peers=("UZB", "KGZ", "TJK"), extent=LOCATOR_EXTENT,
                railway: str = "KTI_RAIL") -> Figure:
    """The locator map at the front of the book, as a :class:`Figure` whose width follows the page.

    ``topology``: the ``region_map`` TopoJSON; ``nodes``/``routes``: datasets ``logistics_nodes`` and
    ``logistics_routes`` (the ports, the border crossings and the railway ``railway``; crossings without
    coordinates are placed where the schematic routes meet the border); ``features``: dataset
    ``map_features`` (rivers, the gas pipeline, the Aral Sea's name, capitals; coordinates in degrees);
    ``title``: the finding; ``focus``: the pair, whose land is shaded and whose capitals are drawn;
    ``peers``: the other Central Asian states (lighter shade); ``extent``: lon/lat frame in degrees.

    No width is set: in the book the chart takes its column's width, the height follows it
    (parameter ``height`` = width × :func:`frame_aspect`), and the projection fits the frame to both.
    The data table lists every place and line drawn, with its source. Raises ``ValueError`` for a line
    feature with a vertex lacking coordinates and ``KeyError`` for a node kind without a style.
    """
    focus = list(focus)
    placed = place_border_crossings(nodes, routes, topology)
    rail = route_lines(placed, routes[routes.route_id == railway])
    rail_info = routes.set_index("route_id").loc[railway]
    names = dict(zip(placed.node_id, placed.name, strict=True))

    # Lines: the railway (from the logistics tables) and the schematic features.
    lines = feature_lines(features)
    rows = [{"line_id": railway, "order": r.order, "longitude": r.longitude, "latitude": r.latitude,
             "kind": "rail", "name": rail_info["name"], "course": "through " + join_names(
                 [names.get(n, n) for n in rail.sort_values("order").node_id]),
             "source_text": _source_text(rail_info.get("source_name"), rail_info.get("source_tier")),
             "drawn": "schematic: straight segments between the towns it passes"} for r in rail.itertuples()]
    rows += [{"line_id": r.feature_id, "order": r.vertex, "longitude": r.longitude, "latitude": r.latitude,
              "kind": r.kind, "name": r.name, "course": _text(r.course, ""),
              "source_text": _source_text(r.source_name, r.source_tier), "drawn": SCHEMATIC_LINE}
             for r in lines.itertuples()]
    drawn = pd.DataFrame(rows)
    drawn["kind_label"] = drawn.kind.map(lambda k: LINE_KINDS[k][0])
    drawn["stroke_width"] = drawn.kind.map(lambda k: LINE_KINDS[k][3])

    # Places: the pair's capitals, the Caspian ports of the two countries and the border crossings.
    capitals = features[(features.kind == "capital") & features.capital_of.isin(focus)]
    places = pd.DataFrame({"name": capitals.name, "kind": "capital", "longitude": capitals.longitude,
                           "latitude": capitals.latitude, "source_text": capitals.apply(
                               lambda r: _source_text(r.source_name, r.source_tier), axis=1),
                           "position_text": "GeoNames coordinates"})
    ports = placed[(placed.kind == "sea_port") & placed.country_code.isin(["KAZ", "TKM"])
                   & (placed.position == "GeoNames")]
    crossings = placed[(placed.kind == "border_crossing") & (placed.position != "not mapped")]
    logistics = pd.concat([ports, crossings])
    places = pd.concat([places, pd.DataFrame({
        "name": logistics.name, "kind": logistics.kind, "longitude": logistics.longitude,
        "latitude": logistics.latitude,
        "source_text": logistics.apply(lambda r: _source_text(r.source_name, r.source_tier), axis=1),
        "position_text": logistics.position.map(
            {"GeoNames": "GeoNames coordinates",
             "derived": "schematic: where the drawn route meets the border (no sourced coordinates)"})})],
        ignore_index=True)
    places["kind_label"] = places.kind.map(lambda k: PLACE_KINDS[k][0])
    # Label side and nudge: west of 56° E (the Caspian ports) to the left; Aktau a little up, Kuryk down.
    places["align"] = np.where(places.longitude < 56.0, "right", "left")
    places["dy"] = np.select([places.name == "Aktau", places.name == "Kuryk"], [-5, 6], 0)
    # On a narrow screen the two Kazakh ports share one label, put on the land side.
    places["narrow_label"] = places.name.map(lambda n: {"Aktau": "Aktau, Kuryk", "Kuryk": ""}.get(n, n))
    places["narrow_align"] = np.where(places.name == "Aktau", "left", places["align"])

    line_layer = alt.Chart(drawn).mark_line(strokeCap="round").encode(
        longitude="longitude:Q", latitude="latitude:Q", order=alt.Order("order:Q"), detail="line_id:N",
        color=alt.Color("kind_label:N", scale=_style_scale(LINE_KINDS, 1), title="Line (schematic)",
                        legend=alt.Legend(orient="bottom", direction="vertical", symbolType="stroke",
                                          symbolStrokeWidth=3, columns=1)),
        strokeDash=alt.StrokeDash("kind_label:N", scale=_style_scale(LINE_KINDS, 2), legend=None),
        strokeWidth=alt.StrokeWidth("stroke_width:Q", scale=None),
        tooltip=[alt.Tooltip("name:N", title="Line"), alt.Tooltip("course:N", title="Course"),
                 alt.Tooltip("source_text:N", title="Source"), alt.Tooltip("drawn:N", title="Line drawn")],
    )
    anchors = pd.DataFrame([{"label": name, **dict(zip(("longitude", "latitude"), label_anchor(line), strict=True)),
                             "kind": line.kind.iloc[0]}
                            for name, line in lines.groupby("name", sort=False)])
    anchors["label"] = np.where(anchors.kind == "gas_pipeline", "gas pipeline", anchors.label)
    anchors["side"] = anchors.label.map(LINE_LABEL_SIDE).fillna("above")
    line_base = alt.Chart(anchors).transform_filter(f"width >= {NARROW}").encode(
        longitude="longitude:Q", latitude="latitude:Q", text="label:N",
        color=alt.Color("kind:N", legend=None, scale=alt.Scale(domain=["river", "gas_pipeline"], range=[RIVER, GAS])))
    line_names = [line_base.transform_filter(f"datum.side == '{side}'")
                  .mark_text(fontSize=10, fontStyle="italic", **mark)
                  for side, mark in {"above": {"dy": -8}, "west": {"align": "right", "dx": -6},
                                     "east": {"align": "left", "dx": 6}}.items()]

    points = alt.Chart(places).mark_point(filled=True, size=60, stroke="white", strokeWidth=1, opacity=1).encode(
        longitude="longitude:Q", latitude="latitude:Q",
        fill=alt.Fill("kind_label:N", scale=_style_scale(PLACE_KINDS, 1), legend=None),
        shape=alt.Shape("kind_label:N", scale=_style_scale(PLACE_KINDS, 2), legend=None),
        tooltip=[alt.Tooltip("name:N", title="Place"), alt.Tooltip("kind_label:N", title="Kind"),
                 alt.Tooltip("source_text:N", title="Source"), alt.Tooltip("position_text:N", title="Position")],
    )
    named = places[places.kind == "sea_port"]
    text_base = alt.Chart(named).transform_calculate(
        label=f"width < {NARROW} ? datum.narrow_label : datum.name",
        offset=f"width < {NARROW} ? 0 : datum.dy").encode(
        longitude="longitude:Q", latitude="latitude:Q", text="label:N", yOffset=alt.YOffset("offset:Q", scale=None))
    side = f"(width < {NARROW} ? datum.narrow_align : datum.align)"
    text_left = text_base.transform_filter(f"{side} == 'left'").mark_text(
        align="left", dx=7, fontSize=10, color=INK)
    text_right = text_base.transform_filter(f"{side} == 'right'").mark_text(
        align="right", dx=-6, fontSize=alt.ExprRef(f"width < {NARROW} ? 9 : 10"), color=INK)
    capital_names = alt.Chart(places[places.kind == "capital"]).mark_text(
        align="center", dy=11, fontSize=11, fontWeight="bold", color=INK).encode(
        longitude="longitude:Q", latitude="latitude:Q", text="name:N")

    labels = label_points(topology, codes=LABELLED + ("CHN",), extent=extent, sea_box=(51.0, 40.5))
    labels["central_asia"] = labels.iso_a3.isin(["KAZ", "TKM", "UZB", "KGZ", "TJK"])
    country_labels = _country_labels(labels, alt.ExprRef(f"width < {NARROW} ? 9 : 10")).transform_filter(
        f"width >= {NARROW} || datum.central_asia")
    aral = sea_label(features)
    seas = pd.DataFrame([aral]) if aral else pd.DataFrame(columns=["label", "longitude", "latitude"])
    sea_names = alt.Chart(seas).mark_text(fontSize=10, fontStyle="italic", color=RIVER,
                                          align=alt.ExprRef(f"width < {NARROW} ? 'left' : 'center'")).encode(
        longitude="longitude:Q", latitude="latitude:Q", text="label:N")

    aspect = frame_aspect(extent)
    chart = (
        alt.layer(_land(topology, focus, peers), country_labels, line_layer, sea_names, *line_names,
                  points, text_left, text_right, capital_names)
        .project(**_projection(extent, {"expr": "[[0, 0], [width, height]]"}))
        .add_params(alt.param(name="height", expr=f"round(width * {aspect:.4f})"))
        .resolve_scale(color="independent", fill="independent", shape="independent")
        .properties(view=alt.ViewBackground(fill=MAP_COLORS["sea"], stroke=MAP_COLORS["frame"]),
                    title=finding(textwrap.wrap(title, TITLE_CHARS), [
                        "Squares: capitals; circles: Caspian ports; diamonds: border crossings. The railway, the gas",
                        "pipeline and the rivers are straight lines through towns on their course (schematic)"]))
    )
    table = _locator_table(places, drawn)
    return Figure(chart, table, ("region_map", "map_features", "logistics_nodes", "logistics_routes"),
                  note="Lines are schematic: straight segments through the listed towns. The Aral Sea is named, "
                       "not outlined (the country outlines do not cut it out).")


def _locator_table(places: pd.DataFrame, lines: pd.DataFrame) -> pd.DataFrame:
    """The locator map's data table: one row per place drawn, then one per line (the towns it passes)."""
    out = pd.DataFrame({"Drawn as": places.kind_label, "Name": places.name,
                        "Longitude (°E)": places.longitude.round(3), "Latitude (°N)": places.latitude.round(3),
                        "Position or course": places.position_text, "Source": places.source_text})
    rows = [{"Drawn as": f"{line.kind_label.iloc[0]}, {line.drawn.iloc[0]}", "Name": line.name.iloc[0],
             "Position or course": line.course.iloc[0], "Source": line.source_text.iloc[0]}
            for _, line in lines.sort_values(["line_id", "order"]).groupby("line_id", sort=False)]
    return pd.concat([out, pd.DataFrame(rows)], ignore_index=True)
