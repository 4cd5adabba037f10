"""Bilateral goods trade from the IMF Direction of Trade Statistics (DOTS) workbooks.

Each workbook (``imf-dots/DOTS_<n>.xlsx``) holds one reporting country's exports FOB and imports CIF by
partner, in US$ million, with the years in row 7 and the IMF's partner name in column B; a value written
``"0.14 e"`` is an IMF estimate.  This module reads them (``pandas.read_excel`` with openpyxl), maps the
IMF names to ISO3 through one explicit table, and detects mirror figures:

A figure is a **mirror** when it is the partner's own figure for the opposite flow converted with a CIF/FOB
factor k (imports CIF = partner's exports FOB × k; exports FOB = partner's imports CIF ÷ k), k = 1.06 or 1.10,
within the rounding of the two printed values.  The relation is symmetric, so which side is derived is
decided by (1) the IMF estimate flag when exactly one side carries it, else (2) the side whose reporter has
the larger share of such matches among its partners that year (a country that does not report matches
nearly all its partners; the one that does, only this one).  In a reporter-year where most checkable figures
of one flow are mirrors, the reporter did not report that flow that year; its other figures of that flow
(World total, partners that cannot be matched) are marked ``partner_based``.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..countries import COUNTRIES, NEIGHBOURS
from .loader import DataError

DOTS_DIR = "imf-dots"

# Reporter ISO3 -> workbook number (DOTS_<n>.xlsx), as listed in imf-dots/README.md.
WORKBOOKS: dict[str, int] = {"KAZ": 103, "TKM": 201, "UZB": 210, "KGZ": 109, "TJK": 192,
                             "AZE": 13, "IRN": 95, "RUS": 162, "CHN": 40, "AFG": 1}

# The IMF's country names (as written in column B and in the title block) -> ISO3; "World" is the all-partner total.
IMF_NAMES: dict[str, str] = {
    "Kazakhstan, Rep. of": "KAZ",
    "Turkmenistan": "TKM",
    "Uzbekistan, Rep. of": "UZB",
    "Kyrgyz Rep.": "KGZ",
    "Tajikistan, Rep. of": "TJK",
    "Azerbaijan, Rep. of": "AZE",
    "Iran, Islamic Rep. of": "IRN",
    "Russian Federation": "RUS",
    "China, P.R.: Mainland": "CHN",
    "Afghanistan, Islamic Rep. of": "AFG",
    "World": "WLD",
}

CENTRAL_ASIA = tuple(COUNTRIES)  # KAZ, TKM, UZB, KGZ, TJK
OTHER_REPORTERS = tuple(c for c in WORKBOOKS if c not in COUNTRIES)  # AZE, IRN, RUS, CHN, AFG
WORLD = "WLD"
NAMES: dict[str, str] = {**COUNTRIES, **NEIGHBOURS, "CHN": "China", "AFG": "Afghanistan", WORLD: "World"}

SHEETS = {"Exports, FOB": "exports_fob", "Imports, CIF": "imports_cif"}
FLOWS = tuple(SHEETS.values())
OPPOSITE = {"exports_fob": "imports_cif", "imports_cif": "exports_fob"}
BASIS = ["reported", "mirror", "partner_based"]

# CIF/FOB factors found in the workbooks (1.10 in the 1990s, 1.06 later); tried in this order.
MIRROR_FACTORS = (1.06, 1.10)
# Values printed with more decimals are taken as exact to 0.00001 (USD 10): the IMF's own mirror
# computations differ from the printed partner value by a few dollars.
MAX_DECIMALS = 5
# A check counts only when rounding allows at most this relative error (else it cannot tell 1.06 from 1.10
# or from no relation at all, e.g. 2.8 against 3.0).
DECISIVE_REL_TOL = 0.01
# A reporter's flow in a year is partner-based when more than half of at least this many checked figures
# of that flow are mirrors.
MIN_CHECKS_FOR_YEAR = 3

YEAR_ROW = 6       # 0-based row of the year headers (row 7 in Excel)
NAME_COL = 1       # column B
TITLE_ROW, REPORTER_ROW, UNIT_ROW = 1, 3, 4
UNIT_TEXT = "US Dollars, Millions"
_ESTIMATE = re.compile(r"^\s*(\d[\d,]*(?:\.\d+)?)\s+e\s*$")


def workbook_path(raw: Path, reporter: str) -> Path:
    return raw / DOTS_DIR / f"DOTS_{WORKBOOKS[reporter]}.xlsx"


def cell_name(row: int, col: int) -> str:
    """0-based (row, col) of a sheet read with header=None -> Excel reference ('AB12')."""
    letters, n = "", col + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row + 1}"


def parse_value(cell, where: str) -> tuple[float, bool, int]:
    """One workbook cell -> (value, IMF estimate flag, decimals shown). Raises DataError on anything else."""
    if isinstance(cell, str):
        m = _ESTIMATE.match(cell)
        if not m:
            raise DataError(f"{where}: {cell!r} is neither a number nor a number with the IMF estimate suffix ' e'.")
        text = m.group(1).replace(",", "")
        return float(text), True, len(text.split(".")[1]) if "." in text else 0
    value = float(cell)
    text = repr(value)
    if "e" in text or "E" in text:
        return value, False, MAX_DECIMALS
    decimals = len(text.split(".")[1].rstrip("0")) if "." in text else 0
    return value, False, decimals


def read_sheet(path: Path, sheet: str, reporter: str, partners: set[str]) -> list[dict]:
    """Rows (reporter, partner, flow, year, value, estimate, decimals, cell) of one sheet for ``partners`` (ISO3)."""
    try:
        df = pd.read_excel(path, sheet_name=sheet, header=None, engine="openpyxl")
    except ValueError as exc:
        raise DataError(f"IMF DOTS workbook {path.name} has no sheet {sheet!r} ({exc}).") from None
    where = f"IMF DOTS workbook {path.name}, sheet {sheet!r}"
    if df.shape[0] <= YEAR_ROW or df.shape[1] <= NAME_COL + 1:
        raise DataError(f"{where} has fewer rows or columns than the DOTS layout (years in row 7, partners in column "
                        f"B).")
    expected_title = {"exports_fob": "Exports, FOB", "imports_cif": "Imports, CIF"}[SHEETS[sheet]]
    title, rep_name, unit = (str(df.iat[r, NAME_COL]) for r in (TITLE_ROW, REPORTER_ROW, UNIT_ROW))
    if not title.startswith(expected_title) or IMF_NAMES.get(rep_name) != reporter or unit != UNIT_TEXT:
        raise DataError(f"{where}: title block {title!r} / {rep_name!r} / {unit!r} is not {expected_title} of "
                        f"{NAMES[reporter]} in {UNIT_TEXT!r}.")
    years = df.iloc[YEAR_ROW, NAME_COL + 1:]
    if years.isna().any() or not all(float(y) == int(float(y)) for y in years):
        raise DataError(f"{where}: row 7 does not hold a year above every value column.")
    names = df.iloc[YEAR_ROW + 1:, NAME_COL]
    iso = names.map(IMF_NAMES)
    for code in sorted(partners - {reporter}):
        hits = iso[iso == code]
        if len(hits) > 1:
            raise DataError(f"{where}: partner {code} appears on {len(hits)} rows.")
        if hits.empty:
            expected = next(n for n, c in IMF_NAMES.items() if c == code)
            unmapped = [str(n) for n in names.dropna() if n not in IMF_NAMES]
            close = difflib.get_close_matches(expected, unmapped, n=1, cutoff=0.6)
            hint = f"; the sheet has {close[0]!r}, which IMF_NAMES in kztm/data/dots.py does not map" if close else ""
            raise DataError(f"{where}: no partner row named {expected!r} (mapped to {code}){hint}.")
    rows = []
    for i, code in iso.items():
        if code not in partners or code == reporter:
            continue
        for j, year in zip(range(NAME_COL + 1, df.shape[1]), years, strict=False):
            cell = df.iat[i, j]
            if cell is None or (not isinstance(cell, str) and pd.isna(cell)):
                continue
            value, estimate, decimals = parse_value(cell, f"{where}, cell {cell_name(i, j)}")
            rows.append({"reporter_code": reporter, "partner_code": code, "flow": SHEETS[sheet],
                         "year": int(float(year)), "value_usd_m": value, "estimate": estimate,
                         "decimals": decimals, "cell": f"{path.name}!'{sheet}'!{cell_name(i, j)}"})
    return rows


def read_workbooks(raw: Path) -> pd.DataFrame:
    """Every kept figure of the ten workbooks, one row per reporter, partner, flow and year.

    Kept: a Central Asian reporter with every other Central Asian state, the other five reporters and the
    World total; each of the other five reporters with the Central Asian states.  Columns as in
    ``read_sheet``; values in US$ million as printed.  Raises DataError naming the workbook when one is
    missing or a needed partner name is not found.
    """
    rows = []
    for reporter in WORKBOOKS:
        path = workbook_path(raw, reporter)
        if not path.is_file():
            raise DataError(f"IMF DOTS workbook {path} (reporter {reporter}) is missing.")
        partners = set(WORKBOOKS) | {WORLD} if reporter in CENTRAL_ASIA else set(CENTRAL_ASIA)
        for sheet in SHEETS:
            rows += read_sheet(path, sheet, reporter, partners)
    return pd.DataFrame(rows)


# ------------------------------------------------------------ mirrors ----

def mirror_checks(df: pd.DataFrame) -> pd.DataFrame:
    """For every figure whose partner reports the opposite flow: the factor it matches (or NaN) and whether
    the check is decisive.

    Input columns: reporter_code, partner_code, flow, year, value_usd_m, estimate, decimals.
    Output: the same rows (World rows and figures without an opposite figure dropped) with columns
    partner_value, partner_estimate, factor (1.06 / 1.1 / NaN), decisive (bool).
    """
    key = ["reporter_code", "partner_code", "flow", "year"]
    own = df[df["partner_code"] != WORLD]
    opp = own.rename(columns={"reporter_code": "partner_code", "partner_code": "reporter_code",
                              "value_usd_m": "partner_value", "estimate": "partner_estimate",
                              "decimals": "partner_decimals"})
    opp = opp.assign(flow=opp["flow"].map(OPPOSITE))[key + ["partner_value", "partner_estimate", "partner_decimals"]]
    m = own.merge(opp, on=key, how="inner")
    half = 0.5 * 10.0 ** -np.minimum(m["decimals"], MAX_DECIMALS)
    half_p = 0.5 * 10.0 ** -np.minimum(m["partner_decimals"], MAX_DECIMALS)
    imports = (m["flow"] == "imports_cif").to_numpy()
    factor = np.full(len(m), np.nan)
    decisive = np.ones(len(m), dtype=bool)
    for k in MIRROR_FACTORS:
        scale = np.where(imports, k, 1 / k)
        expected = m["partner_value"].to_numpy() * scale
        tol = half.to_numpy() + half_p.to_numpy() * scale
        decisive &= tol <= DECISIVE_REL_TOL * np.abs(expected)
        hit = decisive & np.isnan(factor) & (np.abs(m["value_usd_m"].to_numpy() - expected) <= tol)
        factor[hit] = k
    return m.assign(factor=factor, decisive=decisive)


def classify(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` (as from ``read_workbooks``) with columns ``basis`` and ``mirror_factor`` added.

    basis: 'mirror' for the derived side of each matching pair of figures (see the module docstring),
    'partner_based' for the other figures of a reporter's flow and year in which most checked figures are mirrors,
    else 'reported'.  mirror_factor: the factor k of a mirror row, else NaN.
    """
    key = ["reporter_code", "partner_code", "flow", "year"]
    checks = mirror_checks(df)
    checks = checks[checks["decisive"]]
    matched = checks.assign(hit=checks["factor"].notna())
    share = matched.groupby(["reporter_code", "year"])["hit"].mean()
    hits = matched[matched["hit"]]
    own_share = [share.get((r, y), 0.0) for r, y in zip(hits["reporter_code"], hits["year"], strict=True)]
    partner_share = [share.get((p, y), 0.0) for p, y in zip(hits["partner_code"], hits["year"], strict=True)]
    flagged_alone = hits["estimate"] & ~hits["partner_estimate"]
    partner_flagged_alone = hits["partner_estimate"] & ~hits["estimate"]
    is_mirror = flagged_alone | (~partner_flagged_alone & (np.array(own_share) > np.array(partner_share)))
    mirrors = hits[is_mirror.to_numpy()][key + ["factor"]].rename(columns={"factor": "mirror_factor"})
    out = df.merge(mirrors, on=key, how="left")
    out["basis"] = np.where(out["mirror_factor"].notna(), "mirror", "reported")
    # Reporter-flow-years that were not reported: most decisive checks are mirrors.
    checked = checks.merge(mirrors, on=key, how="left").assign(m=lambda t: t["mirror_factor"].notna())
    per_year = checked.groupby(["reporter_code", "flow", "year"])["m"].agg(["size", "mean"])
    silent = per_year[(per_year["size"] >= MIN_CHECKS_FOR_YEAR) & (per_year["mean"] > 0.5)].index
    in_silent = pd.MultiIndex.from_arrays([out["reporter_code"], out["flow"], out["year"]]).isin(silent)
    out.loc[in_silent & (out["basis"] == "reported"), "basis"] = "partner_based"
    return out


def mirror_summary(df: pd.DataFrame) -> list[str]:
    """Notes naming, per reporter, the partners and years whose figures are mirrors (with the factor)
    and the reporter-years marked partner_based; computed from the classified rows."""
    def spans(years) -> str:
        ys, parts, start = sorted(set(int(y) for y in years)), [], None
        for i, y in enumerate(ys):
            start = y if start is None else start
            if i + 1 == len(ys) or ys[i + 1] != y + 1:
                parts.append(f"{start}" if start == y else f"{start}-{y}")
                start = None
        return ", ".join(parts)

    notes = []
    mirrors = df[df["basis"] == "mirror"]
    for reporter, g in mirrors.groupby("reporter_code", sort=True):
        pieces = [f"{p} {spans(gg['year'])} (x{k:g})" for (p, k), gg in g.groupby(["partner_code", "mirror_factor"])]
        notes.append(f"Mirror rows, reporter {reporter}: " + "; ".join(pieces) + ".")
    silent = df[df["basis"] == "partner_based"]
    for (reporter, flow), g in silent.groupby(["reporter_code", "flow"], sort=True):
        notes.append(f"Partner-based rows (not reported: most of the reporter's {flow} figures that year are "
                     f"mirrors), reporter {reporter}, {flow}: {spans(g['year'])}.")
    return notes


# ------------------------------------------------------------ dataset ----

def derive_bilateral_trade(raw: Path) -> pd.DataFrame:
    """Dataset ``bilateral_trade``: the kept DOTS figures with names, estimate flag, basis and mirror factor."""
    df = classify(read_workbooks(raw))
    df.insert(1, "reporter", df["reporter_code"].map(NAMES))
    df.insert(3, "partner", df["partner_code"].map(NAMES))
    return df


def notes_bilateral_trade(raw: Path, df: pd.DataFrame) -> list[str]:
    return mirror_summary(df)
