"""Small, tested computations the chapters share (growth rates, latest values, ratios)."""

from __future__ import annotations

import math

import pandas as pd


def latest(df: pd.DataFrame, column: str, country_code: str, up_to_year: int | None = None,
           year_column: str = "year") -> tuple[int, float]:
    """The most recent non-missing ``column`` value of one country (optionally not after ``up_to_year``).

    Returns ``(year, value)``; raises ``LookupError`` naming the country and column when there is none.
    """
    rows = df[(df["country_code"] == country_code) & df[column].notna()]
    if up_to_year is not None:
        rows = rows[rows[year_column] <= up_to_year]
    if rows.empty:
        raise LookupError(f"No {column} value for {country_code}"
                          + (f" up to {up_to_year}" if up_to_year else "") + ".")
    row = rows.sort_values(year_column).iloc[-1]
    return int(row[year_column]), float(row[column])


def value_in(df: pd.DataFrame, column: str, country_code: str, year: int) -> float:
    """``column`` for one country and year; ``LookupError`` if it is missing."""
    rows = df[(df["country_code"] == country_code) & (df["year"] == year)][column].dropna()
    if rows.empty:
        raise LookupError(f"No {column} value for {country_code} in {year}.")
    return float(rows.iloc[0])


def cagr(start_value: float, end_value: float, years: float) -> float:
    """Compound annual growth rate, as a fraction (0.05 = 5 % a year)."""
    if years <= 0:
        raise ValueError(f"years must be positive, not {years}.")
    if start_value <= 0 or end_value <= 0:
        raise ValueError("cagr needs positive start and end values.")
    return (end_value / start_value) ** (1.0 / years) - 1.0


def project(value: float, rate: float, years: int) -> list[float]:
    """``value`` grown at ``rate`` a year: the values for year 0 … ``years``."""
    return [value * (1.0 + rate) ** t for t in range(years + 1)]


def years_to_reach(start_value: float, target: float, rate: float) -> float:
    """Years needed to grow from ``start_value`` to ``target`` at ``rate`` (inf if never)."""
    if target <= start_value:
        return 0.0
    if rate <= 0:
        return math.inf
    return math.log(target / start_value) / math.log(1.0 + rate)


def ratio(a: float, b: float) -> float:
    if b == 0:
        raise ZeroDivisionError("ratio with a zero denominator")
    return a / b
