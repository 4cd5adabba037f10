"""Region map: a TopoJSON subset of Natural Earth's 1:50m countries (world-atlas 2.0.2).

Only the countries of the region are kept, and only the arcs they use, so
shared borders stay consistent and the file stays small (about 0.15 MB).
"""

from __future__ import annotations

import json
from pathlib import Path

# ISO 3166-1 numeric (world-atlas ids) -> (alpha-3, role in the report)
REGION_COUNTRIES = {
    "398": ("KAZ", "focus"), "795": ("TKM", "focus"),
    "860": ("UZB", "peer"), "417": ("KGZ", "peer"), "762": ("TJK", "peer"),
    "031": ("AZE", "neighbour"), "364": ("IRN", "neighbour"), "643": ("RUS", "neighbour"),
    "004": ("AFG", "neighbour"), "156": ("CHN", "neighbour"), "268": ("GEO", "neighbour"),
    "051": ("ARM", "neighbour"), "792": ("TUR", "neighbour"), "368": ("IRQ", "neighbour"),
    "586": ("PAK", "neighbour"), "496": ("MNG", "neighbour"),
}


def region_topology(world: dict) -> dict:
    """Keep the region's countries; renumber the arcs they use."""
    geoms = [g for g in world["objects"]["countries"]["geometries"] if g.get("id") in REGION_COUNTRIES]
    used: set[int] = set()

    def collect(a):
        if isinstance(a, int):
            used.add(a if a >= 0 else ~a)
        else:
            for b in a:
                collect(b)

    for g in geoms:
        collect(g["arcs"])
    new_index = {old: new for new, old in enumerate(sorted(used))}

    def remap(a):
        if isinstance(a, int):
            return new_index[a] if a >= 0 else ~new_index[~a]
        return [remap(b) for b in a]

    out_geoms = []
    for g in sorted(geoms, key=lambda g: g["id"]):
        iso3, role = REGION_COUNTRIES[g["id"]]
        out_geoms.append({"type": g["type"], "arcs": remap(g["arcs"]), "id": g["id"],
                          "properties": {"name": g["properties"]["name"], "iso_a3": iso3, "role": role}})
    return {
        "type": "Topology",
        "transform": world["transform"],
        "objects": {"countries": {"type": "GeometryCollection", "geometries": out_geoms}},
        "arcs": [world["arcs"][i] for i in sorted(used)],
    }


def derive_region_map(raw: Path) -> str:
    world = json.loads((raw / "naturalearth" / "countries-50m.json").read_text(encoding="utf-8"))
    return json.dumps(region_topology(world), separators=(",", ":"), ensure_ascii=False) + "\n"
