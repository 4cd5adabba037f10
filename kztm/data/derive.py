"""Derive the committed extracts in ``data/`` from the raw source folder.

    python -m kztm.data.derive [--raw DIR] [--out DIR]

Raw folder: ``--raw``, else env ``KZTM_RAW_DIR``, else ``../shared/sources``
relative to the repository root.  Output is deterministic: rows sorted by
primary key, floats written in shortest round-trip form, no timestamps.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import pandas as pd

from ..paths import default_out_dir, default_raw_dir, write_atomic
from .catalog import CATALOG
from .compiled import compiled_names, derive_compiled
from .dots import derive_bilateral_trade, notes_bilateral_trade
from .energy import (
    derive_electricity_mix,
    derive_energy_gas,
    derive_energy_oil,
    derive_energy_vintage_check,
    derive_gas_reserves,
)
from .environment import derive_aral_area, derive_caspian_level, derive_emissions, derive_emissions_vintage_check
from .loader import DataError
from .logistics_quotes import derive_logistics_quoted
from .mapdata import REGION_COUNTRIES, derive_region_map
from .schema import Dataset
from .trade_quotes import derive_trade_bilateral
from .wdi import (
    derive_gdp_vintages,
    derive_investment,
    derive_logistics_indicators,
    derive_macro,
    derive_trade_country,
    derive_water,
    notes_macro,
)

PACKAGE_NAME = "kztm-astana-ashgabat"

DERIVERS = {
    "macro": derive_macro,
    "gdp_vintages": derive_gdp_vintages,
    "trade_country": derive_trade_country,
    "trade_bilateral": derive_trade_bilateral,
    "bilateral_trade": derive_bilateral_trade,
    "investment": derive_investment,
    "logistics_indicators": derive_logistics_indicators,
    "logistics_quoted": derive_logistics_quoted,
    "energy_gas": derive_energy_gas,
    "energy_oil": derive_energy_oil,
    "gas_reserves": derive_gas_reserves,
    "electricity_mix": derive_electricity_mix,
    "energy_vintage_check": derive_energy_vintage_check,
    "caspian_level": derive_caspian_level,
    "aral_area": derive_aral_area,
    "emissions": derive_emissions,
    "emissions_vintage_check": derive_emissions_vintage_check,
    "water": derive_water,
}

# Notes whose figures are computed from the data rather than typed.
NOTE_BUILDERS = {"macro": notes_macro, "bilateral_trade": notes_bilateral_trade}


# ------------------------------------------------------------- writing ----

def format_table(ds: Dataset, df: pd.DataFrame) -> str:
    """CSV text for a dataset: declared column order, sorted by primary key, fixed number format."""
    missing = [n for n in ds.field_names() if n not in df.columns]
    if missing:
        raise ValueError(f"derive step for {ds.name!r} did not produce columns {missing}")
    df = df[ds.field_names()].sort_values(ds.sort_by or ds.primary_key, kind="mergesort").reset_index(drop=True)
    lines = [",".join(ds.field_names())]
    for row in df.itertuples(index=False):
        cells = [f.format(v) for f, v in zip(ds.fields, row, strict=False)]
        lines.append(",".join(_csv_cell(c) for c in cells))
    return "\n".join(lines) + "\n"


def _csv_cell(text: str) -> str:
    if any(ch in text for ch in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def coverage(ds: Dataset, df: pd.DataFrame) -> dict:
    """Rows, countries and year range, recorded in the metadata for the data appendix."""
    cov: dict = {"rows": int(len(df))}
    if ds.country_field and ds.country_field in df.columns:
        cov["countries"] = sorted(str(c) for c in df[ds.country_field].dropna().unique())
    if ds.year_field and ds.year_field in df.columns:
        col = df[ds.year_field]
        if pd.api.types.is_numeric_dtype(col):
            years = col
        else:
            years = pd.to_datetime(col.astype("string"), format="mixed", errors="coerce").dt.year
        years = pd.to_numeric(years, errors="coerce").dropna()
        if len(years):
            cov["years"] = [int(years.min()), int(years.max())]
    return cov


def resource_json(ds: Dataset, text: str, cov: dict, raw: Path | None) -> dict:
    origins = []
    for o in ds.origins:
        o = dict(o)
        # Record the hash of each raw input actually read, so a changed snapshot is visible in review.
        if raw is not None and o.get("raw_files"):
            o["raw_files"] = [{"path": p, "sha256": sha256_file(raw / p)} if (raw / p).exists() else {"path": p}
                              for p in o["raw_files"]]
        origins.append(o)
    licenses, seen = [], set()
    for o in origins:
        lic = o["license"]
        if lic["name"] not in seen:
            seen.add(lic["name"])
            licenses.append({"name": lic["name"], "title": lic["title"], "path": lic["path"]})
    sources = [{"title": f"{o['producer']}: {o['title']}", **({"path": o["url_main"]} if o.get("url_main") else {})}
               for o in origins]
    extra = dict(ds.extra)
    if "sources" in extra:  # a compiled table lists the pages its rows come from
        sources = extra.pop("sources")
    data = text.encode("utf-8")
    res = {
        "name": ds.name,
        "title": ds.title,
        "description": ds.description,
        "path": ds.path,
        "format": ds.format,
        "mediatype": "text/csv" if ds.format == "csv" else "application/json",
        "encoding": "utf-8",
        "bytes": len(data),
        "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
        "licenses": licenses,
        "sources": sources,
        "origin": origins,
        "theme": ds.theme,
        "coverage": cov,
        "notes": list(ds.notes),
        **extra,
    }
    if ds.format == "csv":
        res["schema"] = {"fields": [f.to_json() for f in ds.fields], "primaryKey": list(ds.primary_key),
                         "missingValues": [""]}
        if ds.foreign_keys:
            res["schema"]["foreignKeys"] = ds.foreign_keys
    return res


def package_json(resources: list[dict]) -> dict:
    return {
        "name": PACKAGE_NAME,
        "title": "Astana-Ashgabat: data for a report on Kazakhstan-Turkmenistan relations",
        "description": ("Processed extracts derived by kztm.data.derive from public sources (World Bank WDI, IMF "
                        "Direction "
                        "of Trade Statistics, Our World in Data, BP, DAHITI, UNESCO, GeoNames, Natural Earth) and "
                        "hand-compiled fact tables. Each "
                        "resource carries an 'origin' list: producer, title, URLs, vintage, date accessed, licence, "
                        "citation and the processing done."),
        "homepage": "",
        "version": "1.0.0",
        "licenses": [{"name": "CC-BY-4.0",
                      "title": "Creative Commons Attribution 4.0 (this compilation; each resource lists the licences "
                               "of its sources)",
                      "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "keywords": ["Kazakhstan", "Turkmenistan", "Central Asia", "trade", "energy", "Caspian"],
        "resources": resources,
    }


def build_all(raw: Path, *, verbose: bool = True) -> dict[str, str]:
    """Every output file's text, keyed by file name; nothing is written yet."""
    files: dict[str, str] = {}
    resources = []

    def add(ds: Dataset, text: str, cov: dict, what: str, notes: list[str] = ()) -> None:
        files[ds.path] = text
        res = resource_json(ds, text, cov, raw)
        res["notes"] += list(notes)
        resources.append(res)
        if verbose:
            print(f"  {ds.path:28s} {what}")

    for name, ds in CATALOG.items():
        if ds.format == "topojson":
            text = derive_region_map(raw)
            n = len(json.loads(text)["objects"]["countries"]["geometries"])
            add(ds, text, {"rows": n, "countries": sorted(v[0] for v in REGION_COUNTRIES.values())},
                f"{n:6d} countries, {len(text.encode()) // 1024} KB")
            continue
        df = DERIVERS[name](raw)
        notes = NOTE_BUILDERS[name](raw, df) if name in NOTE_BUILDERS else []
        add(ds, format_table(ds, df), coverage(ds, df), f"{len(df):6d} rows", notes)
    for name in compiled_names():
        built = derive_compiled(name, raw)
        if built is None:
            continue
        ds, df = built
        add(ds, format_table(ds, df), coverage(ds, df), f"{len(df):6d} rows")
    files["datapackage.json"] = json.dumps(package_json(resources), indent=2, ensure_ascii=False) + "\n"
    return files


def derive_all(raw_dir=None, out_dir=None, *, verbose: bool = True) -> list[str]:
    """Derive every dataset from ``raw_dir`` into ``out_dir``; returns the file names written.

    All files are computed first and written only if every step succeeded, so a
    failing step never leaves a half-updated data folder behind."""
    raw = Path(raw_dir) if raw_dir else default_raw_dir()
    out = Path(out_dir) if out_dir else default_out_dir()
    if not raw.is_dir():
        raise FileNotFoundError(f"raw source folder {raw} does not exist (pass --raw or set KZTM_RAW_DIR)")
    files = build_all(raw, verbose=verbose)
    out.mkdir(parents=True, exist_ok=True)
    for fname, text in files.items():
        write_atomic(out / fname, text)
    return list(files)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kztm.data.derive", description=__doc__.splitlines()[0])
    parser.add_argument("--raw", help="raw source folder (default: $KZTM_RAW_DIR or ../shared/sources)")
    parser.add_argument("--out", help="output folder (default: $KZTM_DATA_DIR or <repo>/data)")
    args = parser.parse_args(argv)
    try:
        names = derive_all(args.raw, args.out)
    except (FileNotFoundError, DataError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"derived {len(names) - 1} datasets and datapackage.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
