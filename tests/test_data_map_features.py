"""The map's schematic features (data/compiled/map_features.csv): sourced where a source exists, said so where
not, every vertex a GeoNames town whose coordinates the derive step joins by geonameid."""

from __future__ import annotations

import csv
import re
import shutil

import pandas as pd
import pytest

from kztm import paths
from kztm.data import compiled, load_dataset
from kztm.data.loader import DataError

COMPILED = paths.default_compiled_dir()
TABLE = COMPILED / "map_features.csv"
RAW = paths.default_raw_dir()
GEONAMES = RAW / "geonames" / "geonames_cities5000_central_asia_caspian.csv"
needs_raw = pytest.mark.skipif(not GEONAMES.is_file(), reason=f"{GEONAMES} not present")

# The drawing brief: each line through these GeoNames towns, in this order.
COURSES = {
    "AMU_DARYA": [1219002, 1219649, 1514792, 1513957, 601294],
    "SYR_DARYA": [1514879, 1524889, 1517945, 1519922, 1521368, 1522862, 1526265],
    "CAC_GAS_PIPELINE": [1217907, 1217662, 1512569, 1518980, 1526384, 1520253],
}


def _bib_keys() -> set[str]:
    text = "".join(p.read_text(encoding="utf-8") for p in paths.BOOK_DIR.glob("*.bib"))
    return set(re.findall(r"@\w+\{([^,\s]+),", text))


@pytest.fixture(scope="module")
def features() -> pd.DataFrame:
    return load_dataset("map_features")


def test_lines_pass_through_their_towns_in_order(features):
    for feature_id, towns in COURSES.items():
        line = features[features.feature_id == feature_id].sort_values("vertex")
        assert line.geonameid.tolist() == towns, feature_id
        assert line.vertex.tolist() == list(range(1, len(towns) + 1)), f"{feature_id}: vertices not 1..n"


def test_every_feature_says_how_it_is_drawn_and_where_its_course_comes_from(features):
    keys = _bib_keys()
    for feature_id, rows in features.groupby("feature_id"):
        first = rows.iloc[0]
        for column in ("name", "kind", "course", "source_ref", "bib_key", "source_name", "source_tier", "note"):
            assert rows[column].nunique(dropna=False) == 1, f"{feature_id}: {column} differs between vertices"
        if first.kind in ("river", "gas_pipeline"):
            assert first.note.startswith("schematic: drawn through the listed towns"), feature_id
        if pd.notna(first.bib_key) and first.bib_key:
            assert first.bib_key in keys, f"{feature_id}: {first.bib_key} is not in the bibliography"
            assert first.source_tier in {"primary", "agency", "research"}, feature_id
        else:  # no source: the row says so instead of leaving a blank
            assert first.source_name.startswith("Not sourced"), feature_id
            assert pd.isna(first.source_tier) or first.source_tier == "", feature_id
    pipeline = features[features.feature_id == "CAC_GAS_PIPELINE"].iloc[0]
    energy = load_dataset("energy_facts").set_index("fact_id")
    assert pipeline.source_ref == "energy_facts:EF10"
    assert pipeline.bib_key == energy.at["EF10", "bib_key"]  # the same source as the fact it rests on
    capitals = features[features.kind == "capital"]
    assert set(capitals.capital_of) == {"KAZ", "TKM", "UZB", "KGZ", "TJK"}


@needs_raw
def test_coordinates_are_those_of_geonames(features):
    geo = pd.read_csv(GEONAMES).set_index("geonameid")
    joined = features.set_index(["feature_id", "vertex"])
    assert joined.latitude.notna().all() and joined.longitude.notna().all()
    for (feature_id, vertex), row in joined.iterrows():
        town = geo.loc[int(row.geonameid)]
        assert (row.latitude, row.longitude) == pytest.approx((town.latitude, town.longitude)), (feature_id, vertex)
        assert row.geonames_name == town["name"]


@needs_raw
def test_a_vertex_missing_from_geonames_fails_with_the_line_named(tmp_path):
    shutil.copy(COMPILED / "map_features.meta.json", tmp_path / "map_features.meta.json")
    with TABLE.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    rows[2]["geonameid"] = "999999999"
    with (tmp_path / "map_features.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(DataError, match=r"line 4: geonameid 999999999 is not in the GeoNames subset"):
        compiled.derive_compiled("map_features", RAW, compiled_dir=tmp_path)
    # The logistics nodes keep their lenient rule: a missing id is a notice, the node stays unmapped.
    _, nodes = compiled.derive_compiled("logistics_nodes", RAW)
    assert nodes.latitude.isna().any()
