"""Computations of the context chapter: distances on the map and the ratios that move with the GDP vintage.

Turkmenistan's GDP in current US dollars differs between two World Bank vintages held in dataset
``gdp_vintages`` (the WDI file of July 2026 that the whole report uses, and the World Bank series as
packaged by datahub.io in March 2026). Every ratio to Turkmenistan's GDP moves with it, so this module
computes each headline ratio under both, from the same numerators.
"""

from __future__ import annotations

import math

import pandas as pd

MAIN_VINTAGE = "gdp_usd_wdi_2026"  # column of gdp_vintages: the WDI vintage used throughout the report
ALT_VINTAGE = "gdp_usd_datahub_2026_03"  # column of gdp_vintages: the other World Bank vintage
VINTAGE_LABELS = {
    MAIN_VINTAGE: "WDI, July 2026 (used in this report)",
    ALT_VINTAGE: "World Bank via datahub.io, March 2026",
}
EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)


def great_circle_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Distance in km between two points given as (longitude, latitude) in degrees, on a sphere of
    :data:`EARTH_RADIUS_KM` (haversine formula): "as the crow flies", not by road or rail."""
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def capital_position(features: pd.DataFrame, country_code: str) -> tuple[float, float]:
    """(longitude, latitude) of a country's capital in dataset ``map_features``; ``LookupError`` if absent."""
    rows = features[(features.kind == "capital") & (features.capital_of == country_code)].dropna(
        subset=["latitude", "longitude"])
    if rows.empty:
        raise LookupError(f"No capital of {country_code} with coordinates in dataset map_features.")
    return float(rows.longitude.iloc[0]), float(rows.latitude.iloc[0])


def last_common_year(vintages: pd.DataFrame, country_code: str) -> int:
    """The latest year for which both vintages give ``country_code``'s GDP (dataset ``gdp_vintages``).

    Raises ``LookupError`` naming the country when the two never overlap.
    """
    rows = vintages[(vintages.country_code == country_code)].dropna(subset=[MAIN_VINTAGE, ALT_VINTAGE])
    if rows.empty:
        raise LookupError(f"Dataset gdp_vintages has no year with both vintages for {country_code}.")
    return int(rows.year.max())


def _one(df: pd.DataFrame, code: str, year: int, column: str, dataset: str) -> float:
    rows = df[(df.country_code == code) & (df.year == year)][column].dropna()
    if rows.empty:
        raise LookupError(f"Dataset {dataset} has no {column} for {code} in {year}.")
    return float(rows.iloc[0])


def ratios_by_vintage(vintages: pd.DataFrame, macro: pd.DataFrame, trade: pd.DataFrame,
                      investment: pd.DataFrame, other: str, revised: str, year: int) -> pd.DataFrame:
    """The headline ratios of ``revised`` (the country whose GDP differs between vintages, e.g. "TKM")
    in ``year`` under each GDP vintage, from the same numerators.

    Inputs: datasets ``gdp_vintages``, ``macro`` (population), ``trade_country`` (merchandise exports
    and imports, current USD) and ``investment`` (FDI net inflows, current USD). ``other``: the country
    whose GDP is set against ``revised``'s (its GDP is taken from the same vintage).
    Returns one row per ratio with columns ``key``, ``main`` and ``alt`` (the ratio under
    :data:`MAIN_VINTAGE` and :data:`ALT_VINTAGE`): ``gdp_multiple`` (``other``'s GDP ÷ ``revised``'s,
    times), ``gdp_per_capita`` (USD per person), ``trade_pct_gdp`` (merchandise exports + imports,
    % of GDP) and ``fdi_pct_gdp`` (FDI net inflows, % of GDP). All are derived here.
    Raises ``LookupError`` naming the dataset, column, country and year of a missing input.
    """
    gdp = {v: _one(vintages, revised, year, v, "gdp_vintages") for v in (MAIN_VINTAGE, ALT_VINTAGE)}
    gdp_other = {v: _one(vintages, other, year, v, "gdp_vintages") for v in (MAIN_VINTAGE, ALT_VINTAGE)}
    population = _one(macro, revised, year, "population", "macro")
    merchandise = (_one(trade, revised, year, "merch_exports_usd", "trade_country")
                   + _one(trade, revised, year, "merch_imports_usd", "trade_country"))
    fdi = _one(investment, revised, year, "fdi_net_inflows_usd", "investment")
    rows = []
    for key, value in (("gdp_multiple", lambda v: gdp_other[v] / gdp[v]),
                       ("gdp_per_capita", lambda v: gdp[v] / population),
                       ("trade_pct_gdp", lambda v: 100 * merchandise / gdp[v]),
                       ("fdi_pct_gdp", lambda v: 100 * fdi / gdp[v])):
        rows.append({"key": key, "main": value(MAIN_VINTAGE), "alt": value(ALT_VINTAGE)})
    return pd.DataFrame(rows)


def vintages_part_from(vintages: pd.DataFrame, country_code: str, tolerance: float = 0.01) -> int:
    """The first year from which the two vintages of ``country_code``'s GDP differ by more than
    ``tolerance`` (a fraction) in every later year they share; ``LookupError`` if they never part."""
    rows = vintages[vintages.country_code == country_code].dropna(subset=[MAIN_VINTAGE, ALT_VINTAGE])
    apart = ((rows[MAIN_VINTAGE] / rows[ALT_VINTAGE] - 1).abs() > tolerance).to_numpy()
    years = rows.year.to_numpy()
    for k in range(len(years)):
        if apart[k:].all():
            return int(years[k])
    raise LookupError(f"The two GDP vintages of {country_code} do not part by more than {tolerance:.0%}.")


def largest_vintage_gap_pct(vintages: pd.DataFrame, country_code: str, years: tuple[int, int]) -> float:
    """The largest difference between the two vintages of ``country_code``'s GDP over ``years``
    (first, last), in % of the second vintage (absolute value)."""
    rows = vintages[(vintages.country_code == country_code) & vintages.year.between(*years)].dropna(
        subset=[MAIN_VINTAGE, ALT_VINTAGE])
    if rows.empty:
        raise LookupError(f"Dataset gdp_vintages has no common year for {country_code} in {years[0]}–{years[1]}.")
    return float((100 * (rows[MAIN_VINTAGE] / rows[ALT_VINTAGE] - 1)).abs().max())


def mirror_since(bilateral: pd.DataFrame, reporter: str, partner: str) -> int | None:
    """The first year from which every figure of ``reporter`` for ``partner`` in dataset ``bilateral_trade``
    is a mirror of the partner's report (column ``basis``); None when its last figure is a report of its own."""
    rows = bilateral[(bilateral.reporter_code == reporter) & (bilateral.partner_code == partner)]
    own = rows[rows.basis != "mirror"]
    if own.empty:
        return int(rows.year.min()) if not rows.empty else None
    last_own = int(own.year.max())
    return last_own + 1 if (rows.year > last_own).any() else None


RATIO_LABELS = {  # key of ratios_by_vintage → (row label, number format); {other}: the country set against it
    "gdp_multiple": ("{other}'s GDP as a multiple of Turkmenistan's (times)", ".1f"),
    "gdp_per_capita": ("Turkmenistan's GDP per capita (USD)", ",.0f"),
    "trade_pct_gdp": ("Turkmenistan's merchandise trade (% of GDP)", ".1f"),
    "fdi_pct_gdp": ("Turkmenistan's FDI net inflows (% of GDP)", ".1f"),
}


def vintage_table(ratios: pd.DataFrame, other_name: str) -> pd.DataFrame:
    """The box's table: one row per ratio of :func:`ratios_by_vintage` (``ratios`` indexed by ``key``),
    one column per vintage headed by its label in :data:`VINTAGE_LABELS`; values as text, each row in
    its own format (a multiple to one decimal, dollars to the unit)."""
    labels = {k: RATIO_LABELS[k] for k in ratios.index}
    return pd.DataFrame({
        "Ratio": [label.format(other=other_name) for label, _ in labels.values()],
        VINTAGE_LABELS[MAIN_VINTAGE]: [f"{ratios.at[k, 'main']:{fmt}}" for k, (_, fmt) in labels.items()],
        VINTAGE_LABELS[ALT_VINTAGE]: [f"{ratios.at[k, 'alt']:{fmt}}" for k, (_, fmt) in labels.items()],
    })
