"""Trade chapter computations: the quoted bilateral series, its checks and the target scenario.

The bilateral Kazakhstan–Turkmenistan figures (dataset ``trade_bilateral``) are quotes, not a
statistical series: full years and partial years are kept apart, and a figure the researchers
derived (status ``derived``) is never treated as a quoted one. Everything here is pure pandas
and arithmetic, unit-tested in ``tests/test_trade.py``.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from ..params import ParameterError
from .indicators import cagr, years_to_reach

TURNOVER = "KZ-TM trade turnover"
EXPORTS = "KZ exports to TM"
IMPORTS = "KZ imports from TM"
TARGET = "KZ-TM trade turnover target"
FULL_YEAR = 12


def _with_year(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out["year"] = out["period_start"].dt.year.astype("Int64")
    return out


def turnover_points(bilateral: pd.DataFrame) -> pd.DataFrame:
    """Every turnover figure with a value (full and partial years; targets excluded).

    Columns: id, year, months, value, status, period, source_url, source_date, full_year (bool).
    """
    rows = bilateral[(bilateral["indicator"] == TURNOVER) & bilateral["value"].notna()
                     & bilateral["period_start"].notna()]
    rows = _with_year(rows)
    rows = rows.assign(months=rows["months"].astype(int), full_year=rows["months"] == FULL_YEAR)
    cols = ["id", "year", "months", "value", "status", "period", "source_url", "source_date", "full_year"]
    return rows[cols].sort_values(["year", "months"]).reset_index(drop=True)


def full_year_turnover(bilateral: pd.DataFrame, include_derived: bool = False) -> pd.DataFrame:
    """Full-year turnover (USD million) by year; quoted ("stated") only unless ``include_derived``."""
    rows = turnover_points(bilateral)
    rows = rows[rows["full_year"]]
    if not include_derived:
        rows = rows[rows["status"] == "stated"]
    return rows.reset_index(drop=True)


def quoted_full_years(bilateral: pd.DataFrame) -> dict[int, float]:
    """year → quoted full-year turnover (USD million), derived points left out."""
    rows = full_year_turnover(bilateral)
    return {int(y): float(v) for y, v in zip(rows["year"], rows["value"], strict=True)}


def partial_year_turnover(bilateral: pd.DataFrame) -> pd.DataFrame:
    """Turnover figures for part of a year (months < 12), with the month count."""
    rows = turnover_points(bilateral)
    return rows[~rows["full_year"]].reset_index(drop=True)


def target_value(bilateral: pd.DataFrame) -> float:
    """The stated turnover goal (USD million), the row whose period is 'target'."""
    rows = bilateral[(bilateral["period"] == "target") & bilateral["value"].notna()]
    if rows.empty:
        raise LookupError("trade_bilateral has no row with period 'target'.")
    return float(rows["value"].iloc[0])


def flow(bilateral: pd.DataFrame, indicator: str, period: str) -> float:
    """The value of one quoted figure, by indicator and period (e.g. '2025-01/2025-09')."""
    rows = bilateral[(bilateral["indicator"] == indicator) & (bilateral["period"] == period)
                     & bilateral["value"].notna()]
    if rows.empty:
        raise LookupError(f"No {indicator!r} figure for the period {period!r} in trade_bilateral.")
    return float(rows["value"].iloc[0])


def stated_change_pct(text) -> float | None:
    """The first signed percentage in a ``change_stated`` text ('+5.4% y/y' → 5.4); None if there is none."""
    if not isinstance(text, str):
        return None
    match = re.search(r"([+\-−]?\d+(?:\.\d+)?)\s*%", text)
    if not match:
        return None
    return float(match.group(1).replace("−", "-"))


def implied_previous(value: float, change_pct: float) -> float:
    """The value a year earlier implied by a stated growth rate (a derived figure)."""
    if change_pct <= -100:
        raise ValueError(f"A change of {change_pct}% cannot be undone.")
    return value / (1.0 + change_pct / 100.0)


def split_check(exports: float, imports: float, turnover: float) -> dict:
    """Exports + imports against the stated turnover, and the balance (Kazakhstan's view)."""
    total = exports + imports
    return {"sum": total, "gap": total - turnover, "balance": exports - imports,
            "adds_up": math.isclose(total, turnover, abs_tol=0.05)}


def pct_change(old: float, new: float) -> float:
    """Percentage change from ``old`` to ``new``."""
    if old == 0:
        raise ZeroDivisionError("pct_change from zero")
    return (new / old - 1.0) * 100.0


def required_growth(base_value: float, target: float, base_year: int, target_year: int) -> float:
    """Compound annual growth (fraction) needed to go from ``base_value`` to ``target``."""
    return cagr(base_value, target, target_year - base_year)


def year_reached(base_value: float, target: float, base_year: int, rate: float) -> int | None:
    """First whole year in which growth at ``rate`` reaches ``target``; None if it never does."""
    years = years_to_reach(base_value, target, rate)
    if math.isinf(years):
        return None
    # a tiny tolerance so that the exact required rate lands on its target year
    return base_year + math.ceil(years - 1e-9)


def growth_paths(base_value: float, base_year: int, end_year: int, rates: dict[str, float]) -> pd.DataFrame:
    """Long table of turnover paths: one row per (label, year) with the rate (fraction) and value."""
    if end_year <= base_year:
        raise ValueError(f"end_year={end_year} must be after base_year={base_year}.")
    rows = []
    for label, rate in rates.items():
        for year in range(base_year, end_year + 1):
            rows.append({"path": label, "rate_pct": rate * 100.0, "year": year,
                         "value": base_value * (1.0 + rate) ** (year - base_year)})
    return pd.DataFrame(rows)


def validate_scenario(target_musd, target_year, base_year, bilateral: pd.DataFrame) -> None:
    """Refuse a scenario that cannot be computed, with one sentence naming the value."""
    if isinstance(target_musd, bool) or not isinstance(target_musd, (int, float)) or not math.isfinite(target_musd):
        raise ParameterError(f"target_musd={target_musd!r} must be a number of USD million such as 1000.")
    if target_musd <= 0:
        raise ParameterError(f"target_musd={target_musd} must be a positive amount of USD million.")
    for name, value in (("base_year", base_year), ("target_year", target_year)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ParameterError(f"{name}={value!r} must be a whole year such as 2024.")
    quoted = quoted_full_years(bilateral)
    if base_year not in quoted:
        years = ", ".join(str(y) for y in sorted(quoted))
        raise ParameterError(f"base_year={base_year} has no quoted full-year turnover; use one of {years}.")
    if target_year <= base_year:
        raise ParameterError(f"target_year={target_year} must be after base_year={base_year}.")
    if target_year > 2100:
        raise ParameterError(f"target_year={target_year} is too far ahead; use a year up to 2100.")


def latest_split(bilateral: pd.DataFrame) -> dict:
    """The latest period with Kazakhstan's exports to and imports from Turkmenistan quoted separately.

    Returns period (e.g. '2025-01/2025-09'), start and end (Timestamps), year, months, exports, imports
    and turnover (USD million, as quoted) and change_pct (the turnover's stated change on a year
    earlier, %, or None). Raises ``LookupError`` if no export figure or no turnover for that period exists.
    """
    exports = bilateral[(bilateral["indicator"] == EXPORTS) & bilateral["value"].notna()]
    if exports.empty:
        raise LookupError(f"trade_bilateral has no {EXPORTS!r} figure.")
    row = exports.sort_values("period_end").iloc[-1]
    turnover = bilateral[(bilateral["indicator"] == TURNOVER) & (bilateral["period"] == row["period"])]
    if turnover.empty:
        raise LookupError(f"No {TURNOVER!r} figure for the period {row['period']!r} in trade_bilateral.")
    return {"period": row["period"], "start": row["period_start"], "end": row["period_end"],
            "year": int(row["period_start"].year), "months": int(turnover["months"].iloc[0]),
            "exports": float(row["value"]), "imports": flow(bilateral, IMPORTS, row["period"]),
            "turnover": flow(bilateral, TURNOVER, row["period"]),
            "change_pct": stated_change_pct(turnover["change_stated"].iloc[0])}


def within_year_points(bilateral: pd.DataFrame, split: dict) -> pd.DataFrame:
    """Every turnover figure placed by the months of the year it covers, plus one derived point: the
    value for the same months of the year before ``split`` (see :func:`latest_split`), implied by its
    stated change. Columns as :func:`turnover_points`; source_date is 'n/a' where there is none.
    Raises ``ValueError`` if the split period has no stated change.
    """
    if split["change_pct"] is None:
        raise ValueError(f"The turnover for {split['period']} has no stated change to derive a year earlier from.")
    implied = pd.DataFrame([{
        "id": "derived", "year": split["year"] - 1, "months": split["months"],
        "value": implied_previous(split["turnover"], split["change_pct"]), "status": "derived",
        "period": f"{split['start'] - pd.DateOffset(years=1):%Y-%m}/{split['end'] - pd.DateOffset(years=1):%Y-%m}",
        "source_url": None, "source_date": None, "full_year": split["months"] == FULL_YEAR}])
    points = pd.concat([turnover_points(bilateral), implied], ignore_index=True)
    points["year"] = points["year"].astype(int)
    points["source_date"] = points["source_date"].fillna("n/a")
    return points.sort_values(["year", "months"]).reset_index(drop=True)


def qualitative_floor(bilateral: pd.DataFrame, first_year: int, last_year: int) -> float | None:
    """The amount (USD million) in a qualitative turnover statement covering ``first_year``–``last_year``
    ('above USD 500 million in each of the two years' → 500.0); None if there is no such statement."""
    rows = bilateral[(bilateral["indicator"] == TURNOVER) & (bilateral["status"] == "qualitative")
                     & (bilateral["period_start"].dt.year == first_year)
                     & (bilateral["period_end"].dt.year == last_year)]
    for text in rows["status_detail"].dropna():
        match = re.search(r"USD ([\d.,]+) million", text)
        if match:
            return float(match.group(1).replace(",", ""))
    return None


_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10}


def horizon_years(text) -> int | None:
    """The number of years in a stated horizon: 'in the next five years' → 5, 'within 3 years' → 3;
    None when the text gives no number of years (e.g. 'in the coming years')."""
    if not isinstance(text, str):
        return None
    match = re.search(r"\b(\d+|" + "|".join(_NUMBER_WORDS) + r")\s+years?\b", text.lower())
    if not match:
        return None
    word = match.group(1)
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


def goal_dating(bilateral: pd.DataFrame) -> dict:
    """When the turnover goal was first stated and by when, from its row in ``trade_bilateral``
    (period 'target', the earliest source found).

    Returns {"value": USD million, "year_stated": the year of that source, "horizon": the horizon as
    stated (text), "horizon_years": its length or None, "target_year": year_stated + horizon_years
    (derived here, never stated; None without a horizon), "bib_key": the source's key}.
    Raises LookupError when there is no target row.
    """
    rows = bilateral[(bilateral["period"] == "target") & bilateral["value"].notna()]
    if rows.empty:
        raise LookupError("trade_bilateral has no row with period 'target'.")
    row = rows.iloc[0]
    match = re.match(r"\s*(\d{4})", str(row["source_date"]))
    if not match:
        raise LookupError(f"The target row {row['id']} has no year in its source date {row['source_date']!r}.")
    year = int(match.group(1))
    horizon = row.get("horizon_stated")
    horizon = horizon if isinstance(horizon, str) and horizon.strip() else None
    length = horizon_years(horizon)
    quoted = re.search(r"'([^']+)'", horizon or "")
    return {"value": float(row["value"]), "year_stated": year, "horizon": quoted.group(1) if quoted else horizon,
            "horizon_years": length, "target_year": year + length if length else None,
            "bib_key": row.get("bib_key") or ""}


IMF, QUOTED_KIND, DERIVED_KIND = "IMF DOTS", "Quoted by officials", "Derived (not quoted)"


def turnover_series(imf: pd.DataFrame, names: dict, quoted: pd.DataFrame | None = None) -> pd.DataFrame:
    """The pair's turnover as one table of points of different kinds: the IMF statistic to 2020 and,
    for Kazakhstan–Turkmenistan, the quoted full years after it.

    ``imf``: :func:`kztm.themes.bilateral.pair_turnover` (year, reporter_code, turnover); ``names``:
    code → country name; ``quoted``: :func:`full_year_turnover` with ``include_derived=True`` or None.
    Columns: year, value (US$ million), kind ('IMF DOTS, reported by <country>', 'Quoted by officials',
    'Derived (not quoted)'), reporter (country name or ''), source_date ('' for the IMF rows).
    """
    rows = pd.DataFrame({"year": imf["year"].astype(int), "value": imf["turnover"].astype(float),
                         "kind": [f"{IMF}, reported by {names[c]}" for c in imf["reporter_code"]],
                         "reporter": [names[c] for c in imf["reporter_code"]], "source_date": ""})
    if quoted is not None and not quoted.empty:
        q = pd.DataFrame({"year": quoted["year"].astype(int), "value": quoted["value"].astype(float),
                          "kind": quoted["status"].map({"stated": QUOTED_KIND, "derived": DERIVED_KIND}),
                          "reporter": "", "source_date": quoted["source_date"].fillna("").astype(str)})
        rows = pd.concat([rows, q], ignore_index=True)
    return rows.sort_values("year").reset_index(drop=True)
