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


GDP_VINTAGES = {"gdp_usd_wdi_2026": "pct_wdi_2026", "gdp_usd_datahub_2026_03": "pct_datahub_2026_03"}


def pct_of_gdp_by_vintage(amounts: pd.DataFrame, vintages: pd.DataFrame, country_code: str) -> pd.DataFrame:
    """An amount in % of GDP under each World Bank GDP vintage of dataset ``gdp_vintages``.

    ``amounts``: columns year and amount_usd (current US$) for ``country_code``; ``vintages``: the
    dataset ``gdp_vintages``. Returns year, amount_usd, pct_wdi_2026 (GDP of the WDI vintage of
    2026-07-01, the one used throughout the report) and pct_datahub_2026_03 (GDP of the March 2026
    vintage), for the years in which both GDP figures exist. Raises LookupError when there is none.
    """
    gdp = vintages[vintages["country_code"] == country_code].dropna(subset=list(GDP_VINTAGES))
    out = amounts[["year", "amount_usd"]].dropna().merge(gdp[["year", *GDP_VINTAGES]], on="year")
    if out.empty:
        raise LookupError(f"No year with both GDP vintages and an amount for {country_code}.")
    for column, pct in GDP_VINTAGES.items():
        out[pct] = out["amount_usd"] / out[column] * 100
    return out[["year", "amount_usd", *GDP_VINTAGES.values()]].sort_values("year").reset_index(drop=True)
