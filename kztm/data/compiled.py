"""Hand-compiled tables of the facts researcher (data/compiled/): validated and copied.

The schema of each table comes from its ``<name>.meta.json``; a missing table is
skipped with a printed notice, bad rows fail with a DataError naming file, line and field.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pandas as pd

from ..paths import default_compiled_dir
from . import sources as S
from .catalog import CATALOG, compiled_dataset
from .loader import DataError, validate_frame
from .schema import Field

COMPILED_ORDER = ["timeline", "memberships", "claims", "logistics_nodes", "logistics_routes", "corridors"]
MERGED_COMPILED = {"trade_quoted_extra"}  # merged into trade_bilateral, not a dataset of its own


def compiled_names(compiled_dir: Path | None = None) -> list[str]:
    """The expected compiled tables, then any other table the researcher added (alphabetical)."""
    cdir = compiled_dir or default_compiled_dir()
    found = sorted(p.stem for p in cdir.glob("*.csv")) if cdir.is_dir() else []
    return COMPILED_ORDER + [n for n in found if n not in COMPILED_ORDER and n not in MERGED_COMPILED]

GEONAMES_FIELDS = [
    Field("geonames_name", "string", "Place name of the GeoNames record joined by geonameid (to check the join)."),
    Field("latitude", "number", "Latitude of the GeoNames record (WGS84).", unit="degrees north",
          minimum=-90, maximum=90),
    Field("longitude", "number", "Longitude of the GeoNames record (WGS84).", unit="degrees east",
          minimum=-180, maximum=180),
]

# Compiled tables whose coordinates are joined from GeoNames by geonameid → the processing note of each.
GEONAMES_JOINED = {
    "logistics_nodes": ("Validated and copied; joined latitude and longitude from the GeoNames cities5000 subset by "
                        "geonameid (never by name: two Karaganda villages are also called Aktau)."),
    "map_features": ("Validated and copied; joined latitude and longitude of each vertex from the GeoNames cities5000 "
                     "subset by geonameid. Every vertex must be found: a line cannot skip a town."),
}
GEONAMES_REQUIRED = {"map_features"}  # tables where a geonameid missing from GeoNames is an error, not a notice


def derive_compiled(name: str, raw: Path, compiled_dir: Path | None = None):
    """(Dataset, frame) for a compiled table, or None with a printed notice when it does not exist yet."""
    cdir = compiled_dir or default_compiled_dir()
    path = cdir / f"{name}.csv"
    if not path.is_file():
        print(f"  notice: {path} not found yet; dataset {name!r} skipped")
        return None
    text = pd.read_csv(path, dtype=str, keep_default_na=False)
    meta_path = cdir / f"{name}.meta.json"
    if meta_path.is_file():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    else:
        print(f"  notice: {meta_path} not found; all columns of {name!r} typed as strings")
        meta = {}
    extra, processing = [], "Validated against the schema and copied; no values changed."
    if name in GEONAMES_JOINED:
        extra, processing = GEONAMES_FIELDS, GEONAMES_JOINED[name]
    columns = [c for c in text.columns if c not in {f.name for f in extra}]
    ds = compiled_dataset(name, meta, columns, extra, processing)
    if name in GEONAMES_JOINED:
        # Keep the researcher's column order; the GeoNames columns are typed by this layer.
        ds.fields = [next(f for f in ds.fields if f.name == c) for c in columns] + list(extra)
        order = [f.name for f in ds.fields]
        text = text.reindex(columns=order, fill_value="")
        ds.origins.append(_geonames_origin())
    # Validate the compiled file as the researcher wrote it (coordinates, if present, are re-joined below).
    schema = {"fields": [f.to_json() for f in ds.fields], "primaryKey": ds.primary_key, "missingValues": [""]}
    df = validate_frame(text, schema, path)
    if name in GEONAMES_JOINED:
        df = _join_geonames(df, raw, path, every_row=name in GEONAMES_REQUIRED)
    if name == "claims":
        _check_claim_datasets(df)
    return ds, df


def _geonames_origin() -> dict:
    o = copy.deepcopy(S.GEONAMES)
    o["processing"] = "Latitude and longitude joined to the compiled nodes by geonameid."
    o["attribution"] = "GeoNames (cities5000)"
    return o


def _join_geonames(df: pd.DataFrame, raw: Path, path: Path, every_row: bool = False) -> pd.DataFrame:
    """Coordinates from the raw GeoNames file, by geonameid.  Coordinates already in the compiled
    file are replaced (and a difference is reported), so they always trace back to GeoNames.
    With ``every_row``, a geonameid that is blank or not in the subset raises a DataError naming the line."""
    if "geonameid" not in df.columns:
        raise DataError(f"{path}, line 1 (header): column 'geonameid' is missing, needed to join coordinates.")
    geo = pd.read_csv(raw / "geonames" / "geonames_cities5000_central_asia_caspian.csv", dtype={"geonameid": "Int64"})
    geo = geo.rename(columns={"name": "geonames_name"})[["geonameid", "geonames_name", "latitude", "longitude"]]
    given = df[[c for c in ("geonames_name", "latitude", "longitude") if c in df.columns]]
    base = df.drop(columns=list(given.columns))
    out = base.assign(geonameid=base["geonameid"].astype("Int64")).merge(geo, on="geonameid", how="left")
    for i, row in out.iterrows():
        if every_row and pd.isna(row["geonames_name"]):
            raise DataError(f"{path}, line {i + 2}: geonameid {row['geonameid']} is not in the GeoNames subset "
                            f"{raw / 'geonames'}; every row of {path.name} needs coordinates.")
        if pd.notna(row["geonameid"]) and pd.isna(row["geonames_name"]):
            print(f"  notice: {path.name}, line {i + 2}: geonameid {row['geonameid']} is not in the GeoNames subset")
        for col in given.columns:
            a, b = given.at[i, col], row[col]
            same = (pd.isna(a) and pd.isna(b)) or (col == "geonames_name" and a == b) or \
                (col != "geonames_name" and pd.notna(a) and pd.notna(b) and abs(float(a) - float(b)) < 1e-4)
            if not same:
                print(f"  notice: {path.name}, line {i + 2}: {col} {a!r} replaced by GeoNames value {b!r}")
    return out


def _check_claim_datasets(df: pd.DataFrame) -> None:
    if "datasets" not in df.columns:
        return
    known = set(CATALOG) | set(compiled_names())
    for claim, cell in zip(df.iloc[:, 0], df["datasets"].fillna(""), strict=True):
        for name in (n.strip() for n in str(cell).split(";")):
            if name and name not in known:
                print(f"  notice: claim {claim} names dataset {name!r}, which does not exist")
