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


def label_points(topology: dict, codes=LABELLED, extent=REGION_EXTENT, step: float = 0.25) -> pd.DataFrame:
    """A label position per country: the mean of grid points inside it *within the frame*,
    plus one for the Caspian Sea (the mean of the sea points of the frame's western part)."""
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
            rows.append({"label": names[code], "kind": "country", "iso_a3": code,
                         "longitude": float(gx[mask].mean()), "latitude": float(gy[mask].mean())})
    sea = ~land & (gx < 51) & (gy < 47.5)  # the Caspian lies west of 55° E; its western half holds the label
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

    lon_min, lat_min, lon_max, lat_max = extent
    frame = {"type": "Feature", "properties": {}, "geometry": {"type": "MultiPoint", "coordinates": [
        [lon_min, lat_min], [lon_max, lat_min], [lon_max, lat_max], [lon_min, lat_max],
        [(lon_min + lon_max) / 2, lat_min], [(lon_min + lon_max) / 2, lat_max]]}}

    countries = alt.Data(values=topology, format=alt.DataFormat(type="topojson", feature="countries"))
    focus, peers = list(focus), [c for c in peers if c not in focus]
    group = (f"indexof({focus!r}, datum.properties.iso_a3) >= 0 ? 'focus' : "
             f"(indexof({peers!r}, datum.properties.iso_a3) >= 0 ? 'peer' : 'neighbour')")
    land = alt.Chart(countries).transform_calculate(group=group).mark_geoshape(
        stroke=MAP_COLORS["border"], strokeWidth=0.8).encode(
        fill=alt.Fill("group:N", legend=None, scale=alt.Scale(
            domain=["focus", "peer", "neighbour"],
            range=[MAP_COLORS["land_focus"], MAP_COLORS["land_peer"], MAP_COLORS["land"]])),
        tooltip=[alt.Tooltip("properties.name:N", title="Country")],
    )
    labels = label_points(topology, extent=extent)
    country_labels = alt.Chart(labels).mark_text(
        fontSize=10, fontStyle="italic", color=MAP_COLORS["country_label"]).encode(
        longitude="longitude:Q", latitude="latitude:Q", text="label:N")

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

    projection = alt.Projection(type="conicEqualArea", rotate=[-(lon_min + lon_max) / 2, 0],
                                parallels=[lat_min + 3, lat_max - 3], fit=frame,
                                clipExtent=[[0, 0], [width, height]])
    chart = (
        alt.layer(land, country_labels, band, route_layer, points, text_left, text_right)
        .project(**projection.to_dict())
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
