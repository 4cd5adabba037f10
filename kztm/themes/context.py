"""Computations of the context chapter: distances on the map and the ratios that move with the GDP vintage.

Turkmenistan's GDP in current US dollars differs between two World Bank vintages held in dataset
``gdp_vintages`` (the WDI file of July 2026 that the whole report uses, and the World Bank series as
packaged by datahub.io in March 2026). Every ratio to Turkmenistan's GDP moves with it, so this module
computes each headline ratio under both, from the same numerators.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from ..countries import COUNTRIES
from ..params import CommonParams
from .drivers import fact_figures
from .indicators import latest, ratio

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


# --- the chapter's figures and key findings: what the notebook glues and says ----------------------------

def country_figures(macro: pd.DataFrame, features: pd.DataFrame, p: CommonParams) -> dict:
    """The pair's size (World Bank WDI, dataset ``macro`` cut to ``p``'s countries and years): population
    (million), GDP (USD billion) and GDP per head (USD) in the latest year A has each (B's latest up to then),
    the ratios A ÷ B, average real growth (% a year) over the ten years to ``p.end_year``, and the capitals
    (dataset ``map_features``) with the distance between them (km, great circle). Names as the context chapter
    glues them. Raises LookupError when a value or a capital is missing.
    """
    a, b = p.pair
    pop_year, pop_a = latest(macro, "population", a)
    gdp_year, gdp_a = latest(macro, "gdp_usd", a)
    gdp_b = latest(macro, "gdp_usd", b, up_to_year=gdp_year)[1]
    pc_year, pc_a = latest(macro, "gdp_per_capita_usd", a)
    pc_b = latest(macro, "gdp_per_capita_usd", b, up_to_year=pc_year)[1]
    growth = (macro[macro.country_code.isin(p.pair) & macro.year.between(p.end_year - 9, p.end_year)]
              .groupby("country_code").gdp_growth_pct.mean())
    capital_names = features[features.kind == "capital"].set_index("capital_of").name
    return dict(
        pop_year=pop_year, pop_a_m=pop_a / 1e6, pop_b_m=latest(macro, "population", b, up_to_year=pop_year)[1] / 1e6,
        gdp_year=gdp_year, gdp_a_bn=gdp_a / 1e9, gdp_b_bn=gdp_b / 1e9, gdp_ratio=ratio(gdp_a, gdp_b),
        pc_year=pc_year, pc_a=pc_a, pc_b=pc_b, pc_ratio=ratio(pc_a, pc_b),
        growth_a=growth.get(a), growth_b=growth.get(b), growth_from=p.end_year - 9, growth_to=p.end_year,
        capital_a=capital_names[a], capital_b=capital_names[b],
        capitals_km=great_circle_km(capital_position(features, a), capital_position(features, b)),
    )


@dataclass(frozen=True)
class VintageBox:
    """The box on Turkmenistan's GDP in two vintages: ``other`` is the partner set against Turkmenistan,
    ``year`` the last year both vintages cover, ``ratios`` :func:`ratios_by_vintage` indexed by ``key``."""

    other: str
    year: int
    ratios: pd.DataFrame

    @property
    def other_name(self) -> str:
        return COUNTRIES[self.other]


def vintage_box(vintages: pd.DataFrame, macro: pd.DataFrame, trade_country: pd.DataFrame,
                investment: pd.DataFrame, p: CommonParams) -> VintageBox | None:
    """The box's ratios for ``p``'s pair (datasets ``gdp_vintages``, ``macro``, ``trade_country``,
    ``investment``), or None when Turkmenistan is not in the pair or its partner is not in ``gdp_vintages``."""
    if "TKM" not in p.pair or not set(p.pair) <= set(vintages.country_code):
        return None
    other = p.country_a if p.country_b == "TKM" else p.country_b
    year = last_common_year(vintages, "TKM")
    ratios = ratios_by_vintage(vintages, macro, trade_country, investment, other=other, revised="TKM", year=year)
    return VintageBox(other, year, ratios.set_index("key"))


def vintage_figures(box: VintageBox, vintages: pd.DataFrame, bilateral_trade: pd.DataFrame,
                    p: CommonParams) -> dict:
    """The box's figures: Turkmenistan's GDP in both vintages (USD billion) and how far apart they are (%),
    the year they part, Kazakhstan's largest gap since 2000 (%), the year from which Turkmenistan's side of
    the IMF trade series (dataset ``bilateral_trade``) is a mirror, and each ratio under both vintages, the GDP
    multiple as A's GDP over B's like ``gdp_ratio``. Names as the context chapter glues them."""
    gdp = vintages[(vintages.country_code == "TKM") & (vintages.year == box.year)].iloc[0]
    r = box.ratios
    a_over_b = 1 if p.country_b == "TKM" else -1  # the multiple is the other's GDP over Turkmenistan's
    return dict(
        vint_year=box.year, vintages_part_from=vintages_part_from(vintages, "TKM"),
        kaz_vintage_gap_pct=largest_vintage_gap_pct(vintages, "KAZ", (2000, box.year)),
        mirror_from=mirror_since(bilateral_trade, "TKM", box.other),
        vintage_main_label=VINTAGE_LABELS[MAIN_VINTAGE], vintage_alt_label=VINTAGE_LABELS[ALT_VINTAGE],
        tkm_gdp_bn_vint=gdp[MAIN_VINTAGE] / 1e9, tkm_gdp_bn_alt_vintage=gdp[ALT_VINTAGE] / 1e9,
        vintage_gap_pct=100 * (1 - gdp[MAIN_VINTAGE] / gdp[ALT_VINTAGE]),
        gdp_ratio_vint=r.at["gdp_multiple", "main"] ** a_over_b,
        gdp_ratio_alt_vintage=r.at["gdp_multiple", "alt"] ** a_over_b,
        tkm_pc_vint=r.at["gdp_per_capita", "main"], tkm_pc_alt_vintage=r.at["gdp_per_capita", "alt"],
        tkm_trade_pct_vint=r.at["trade_pct_gdp", "main"], tkm_trade_pct_alt_vintage=r.at["trade_pct_gdp", "alt"],
        tkm_fdi_pct_vint=r.at["fdi_pct_gdp", "main"], tkm_fdi_pct_alt_vintage=r.at["fdi_pct_gdp", "alt"],
    )


# The drivers: sourced facts of dataset context_facts quoted in the chapter, as what their source said.
DRIVER_FACTS = ("UKR01", "UKR11", "IRN02", "IRN05", "CHN05", "CHN08", "AFG01", "AFG02",
                "TKM02", "TKM03", "TKM05", "WAT08", "WAT04", "GAS08", "GAS13")


def driver_figures(facts: pd.DataFrame) -> dict:
    """The values of :data:`DRIVER_FACTS` (:func:`kztm.themes.drivers.fact_figures`) and the share of
    Kazakhstan's raw gas that is marketable (``gas_commercial_share_pct``, %, derived from GAS13 ÷ GAS08)."""
    values = fact_figures(facts, DRIVER_FACTS)
    return {**values, "gas_commercial_share_pct": 100 * values["gas13_value"] / values["gas08_value"]}


def key_findings(with_vintages: bool, bilateral: bool) -> list[str]:
    """The chapter's key findings as templates of its figures (and ``other_name``, the partner set against
    Turkmenistan): scale (with the multiple under both vintages when there is a ``vintage_box``), income per
    head, then Turkmenistan's statistics when there is a box, else growth, and the drivers for
    Kazakhstan–Turkmenistan."""
    scale = ("Scale sets the terms: in {gdp_year} {name_a}'s economy was {gdp_ratio:.1f} times {name_b}'s "
             "({fig:fig-context-gdp}), with {pop_a_m:.1f} million people against {pop_b_m:.1f} million.")
    if with_vintages:
        scale += (" In {vint_year}, the last year both World Bank vintages cover, the multiple is "
                  "{gdp_ratio_vint:.1f} in the vintage used here and {gdp_ratio_alt_vintage:.1f} in the other: "
                  "the asymmetry holds whichever is right ({fig:fig-context-gdp-vintages}).")
    findings = [scale,
                "Income per head is closer than output: USD {pc_a:,.0f} in {name_a} and USD {pc_b:,.0f} in {name_b} "
                "in {pc_year} ({pc_ratio:.1f} to 1), because {name_b} has fewer people to share its output among."]
    if with_vintages:
        findings.append(
            "Turkmenistan's statistics give levels and reported growth, but its GDP in dollars depends on the "
            "vintage: for {vint_year} the World Bank file used here puts it {vintage_gap_pct:.0f}% below the other "
            "vintage, so every Turkmen ratio to GDP is a range, not a point (trade: {tkm_trade_pct_vint:.0f}% or "
            "{tkm_trade_pct_alt_vintage:.0f}% of GDP). From {mirror_from}, its side of bilateral trade in the IMF's "
            "statistics is a mirror of {other_name}'s report, not a report of its own ({chapter:trade|Trade}).")
    else:  # the box and the drivers concern Kazakhstan–Turkmenistan; growth completes the picture for another pair
        findings.append("Reported real growth averaged {growth_a:.1f}% a year in {name_a} and {growth_b:.1f}% in "
                        "{name_b} from {growth_from} to {growth_to} ({fig:fig-context-growth}), as the national "
                        "statistical offices reported it to the World Bank.")
    if bilateral:
        findings.append(
            "The relationship is driven from outside as much as from within: the war in Ukraine and the sanctions on "
            "Russia, risk on the route through Iran, China's demand for gas, Afghanistan and TAPI, Turkmenistan's "
            "neutrality and opening, the Amu Darya, and Kazakhstan's shortage of commercial gas "
            "(see What drives the relationship, below).")
    return findings
