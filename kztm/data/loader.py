"""Load committed datasets, validated against ``data/datapackage.json``.

Every check fails with a ``DataError`` whose message is one sentence naming
the file, the line (header = line 1) and the field.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import TYPE_CHECKING

from ..paths import default_out_dir
from ..provenance import record_read

if TYPE_CHECKING:  # pandas is imported where a table is read: a build that reads none starts faster
    import pandas as pd


class DataError(ValueError):
    """Bad or missing data; the message names file, row and field."""


def data_dir(path=None) -> Path:
    """The data folder: the argument, else $KZTM_DATA_DIR, else <repo>/data."""
    return Path(path) if path is not None else default_out_dir()


_PACKAGE_CACHE: dict[tuple[str, int], dict] = {}


def read_package(directory=None) -> dict:
    """The parsed datapackage.json (cached until the file changes)."""
    d = data_dir(directory)
    pkg = d / "datapackage.json"
    if not pkg.is_file():
        raise DataError(f"Data package {pkg} is missing (run `make data` to derive it).")
    record_read(pkg)
    key = (str(pkg.resolve()), pkg.stat().st_mtime_ns)
    if key not in _PACKAGE_CACHE:
        try:
            _PACKAGE_CACHE[key] = json.loads(pkg.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise DataError(f"Data package {pkg} is not valid JSON (line {exc.lineno}: {exc.msg}).") from None
    return _PACKAGE_CACHE[key]


def dataset_names(directory=None) -> list[str]:
    return [r["name"] for r in read_package(directory)["resources"]]


def dataset_metadata(name: str, directory=None) -> dict:
    """The resource dict of ``name`` in datapackage.json (title, schema, licences, origin ...)."""
    for res in read_package(directory)["resources"]:
        if res["name"] == name:
            return copy.deepcopy(res)  # callers may edit their copy; the cache stays intact
    known = ", ".join(dataset_names(directory))
    raise DataError(f"Unknown dataset {name!r} in {data_dir(directory) / 'datapackage.json'}; known datasets: {known}.")


def resource_path(name: str, directory=None) -> Path:
    return data_dir(directory) / dataset_metadata(name, directory)["path"]


def load_dataset(name: str, directory=None) -> pd.DataFrame:
    """Read ``data/<name>.csv``, check it against its schema and return typed columns.

    integer -> int64 (Int64 when the field may be blank), number -> float64,
    date -> datetime64, string -> str.  JSON resources (the map) are returned
    by ``load_json`` instead.
    """
    import pandas as pd

    meta = dataset_metadata(name, directory)
    path = data_dir(directory) / meta["path"]
    if meta.get("format", "csv") != "csv":
        raise DataError(f"Dataset {name!r} ({path}) is {meta.get('format')}, not a table; use load_json({name!r}).")
    if not path.is_file():
        raise DataError(f"Data file {path} for dataset {name!r} is missing (run `make data` to re-derive it).")
    record_read(path)  # lets the build re-execute a chapter when a file it read changes
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise DataError(f"Data file {path} cannot be read as CSV ({str(exc).strip()}).") from None
    return validate_frame(raw, meta["schema"], path)


def load_json(name: str, directory=None):
    meta = dataset_metadata(name, directory)
    path = data_dir(directory) / meta["path"]
    if not path.is_file():
        raise DataError(f"Data file {path} for dataset {name!r} is missing (run `make data` to re-derive it).")
    record_read(path)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError(f"Data file {path}, line {exc.lineno}: not valid JSON ({exc.msg}).") from None


def _where(path: Path, index: int, field: str) -> str:
    # index is the 0-based data row; the header is line 1 of the file.
    return f"{path}, line {index + 2}, field {field!r}"


def validate_frame(raw: pd.DataFrame, schema: dict, path: Path) -> pd.DataFrame:
    """Check string cells against a Table Schema and convert them; raises DataError.

    Number fields hold finite numbers only: NaN and infinity ("nan", "inf", "-Infinity" …) are
    refused unless the text is one of the schema's ``missingValues``, which makes it a blank.
    """
    import pandas as pd

    fields = schema["fields"]
    names = [f["name"] for f in fields]
    for n in names:
        if n not in raw.columns:
            raise DataError(f"{path}, line 1 (header): column {n!r} is missing.")
    missing_values = set(schema.get("missingValues", [""]))
    out = {}
    for f in fields:
        col = raw[f["name"]]
        blank = col.isin(missing_values)
        cons = f.get("constraints", {})
        if cons.get("required") and blank.any():
            i = int(blank.to_numpy().nonzero()[0][0])
            raise DataError(f"{_where(path, i, f['name'])}: value is empty but the field is required.")
        values = _convert(col, blank, f, path)
        if "enum" in cons:
            bad = ~blank & ~col.isin(cons["enum"])
            if bad.any():
                i = int(bad.to_numpy().nonzero()[0][0])
                raise DataError(f"{_where(path, i, f['name'])}: {col.iloc[i]!r} is not one of {cons['enum']}.")
        for bound, op, word in (("minimum", "lt", "below the minimum"), ("maximum", "gt", "above the maximum")):
            if bound in cons and f["type"] in ("integer", "number"):
                bad = getattr(values, op)(cons[bound]).fillna(False).astype(bool)
                if bad.any():
                    i = int(bad.to_numpy().nonzero()[0][0])
                    raise DataError(f"{_where(path, i, f['name'])}: {col.iloc[i]} is {word} {cons[bound]}.")
        out[f["name"]] = values
    df = pd.DataFrame(out)
    key = schema.get("primaryKey") or []
    if key:
        dup = df.duplicated(subset=key, keep=False)
        if dup.any():
            idx = dup.to_numpy().nonzero()[0]
            first, second = int(idx[0]), int(idx[1])
            value = tuple(raw.loc[second, k] for k in key)
            raise DataError(f"{_where(path, second, '+'.join(key))}: duplicate primary key {value} "
                            f"(already on line {first + 2}).")
    return df


def _convert(col: pd.Series, blank: pd.Series, f: dict, path: Path) -> pd.Series:
    import pandas as pd

    kind = f["type"]
    if kind in ("integer", "number", "year"):
        nums = pd.to_numeric(col.where(~blank), errors="coerce")
        bad = nums.isna() & ~blank
        infinite = ~blank & nums.abs().eq(float("inf")).fillna(False).astype(bool)
        if infinite.any():
            i = int(infinite.to_numpy().nonzero()[0][0])
            raise DataError(f"{_where(path, i, f['name'])}: {col.iloc[i]!r} is not a finite number.")
        if kind in ("integer", "year"):
            bad |= ~blank & nums.notna() & (nums != nums.round())
        if bad.any():
            i = int(bad.to_numpy().nonzero()[0][0])
            word = "an integer" if kind != "number" else "a number"
            raise DataError(f"{_where(path, i, f['name'])}: {col.iloc[i]!r} is not {word}.")
        if kind == "number":
            return nums.astype("float64")
        return nums.astype("int64") if not blank.any() else nums.astype("Int64")
    if kind == "date":
        dates = pd.to_datetime(col.where(~blank), format="%Y-%m-%d", errors="coerce")
        bad = dates.isna() & ~blank
        if bad.any():
            i = int(bad.to_numpy().nonzero()[0][0])
            raise DataError(f"{_where(path, i, f['name'])}: {col.iloc[i]!r} is not a date (YYYY-MM-DD).")
        return dates
    if kind == "boolean":
        ok = col.isin(["true", "false"]) | blank
        if not ok.all():
            i = int((~ok).to_numpy().nonzero()[0][0])
            raise DataError(f"{_where(path, i, f['name'])}: {col.iloc[i]!r} is not true/false.")
        return col.map({"true": True, "false": False})
    return col.where(~blank)
