"""Datasets taken from the World Bank's World Development Indicators (one file per indicator)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import sources as S
from .catalog import MACRO_YEARS

# ------------------------------------------------------------ readers ----

def read_wdi(raw: Path, code: str, countries=tuple(S.COUNTRIES), years=None) -> pd.DataFrame:
    """One WDI indicator file as (country_code, year, value)."""
    df = pd.read_csv(raw / "wb-wdi" / f"{code}.csv", dtype={"Country Code": str, "Year": int, "Value": float})
    df = df[df["Country Code"].isin(countries)]
    if years:
        df = df[df["Year"].between(*years)]
    return df.rename(columns={"Country Code": "country_code", "Year": "year", "Value": code})[
        ["country_code", "year", code]]


def country_year_grid(countries, years) -> pd.DataFrame:
    return pd.DataFrame([(c, y) for c in countries for y in range(years[0], years[1] + 1)],
                        columns=["country_code", "year"])


def wdi_wide(raw: Path, columns: dict[str, str], countries=tuple(S.COUNTRIES), years=MACRO_YEARS,
             full_grid: bool = True) -> pd.DataFrame:
    """Several WDI indicators joined wide; ``columns`` maps indicator code -> output column."""
    out = country_year_grid(countries, years) if full_grid else None
    for code, col in columns.items():
        part = read_wdi(raw, code, countries, years).rename(columns={code: col})
        out = part if out is None else out.merge(part, on=["country_code", "year"], how="outer")
    if not full_grid:
        out = out.dropna(subset=list(columns.values()), how="all")
    out.insert(1, "country", out["country_code"].map(S.COUNTRIES))
    return out


# ----------------------------------------------------------- datasets ----

def derive_macro(raw: Path) -> pd.DataFrame:
    return wdi_wide(raw, {
        "sp.pop.totl": "population",
        "ny.gdp.mktp.cd": "gdp_usd",
        "ny.gdp.pcap.cd": "gdp_per_capita_usd",
        "ny.gdp.mktp.kd.zg": "gdp_growth_pct",
    })


def derive_gdp_vintages(raw: Path) -> pd.DataFrame:
    focus = list(S.FOCUS)
    wdi = read_wdi(raw, "ny.gdp.mktp.cd", focus, MACRO_YEARS).rename(columns={"ny.gdp.mktp.cd": "gdp_usd_wdi_2026"})
    dh = pd.read_csv(raw / "datahub-gdp" / "gdp.csv")
    dh = dh[dh["Country Code"].isin(focus) & dh["Year"].between(*MACRO_YEARS)]
    dh = dh.rename(columns={"Country Code": "country_code", "Year": "year", "Value": "gdp_usd_datahub_2026_03"})
    out = wdi.merge(dh[["country_code", "year", "gdp_usd_datahub_2026_03"]], on=["country_code", "year"], how="outer")
    out["ratio"] = out["gdp_usd_wdi_2026"] / out["gdp_usd_datahub_2026_03"]
    out.insert(1, "country", out["country_code"].map(S.COUNTRIES))
    return out


def notes_macro(raw: Path, df: pd.DataFrame) -> list[str]:
    """The revision note, with its figures taken from the two files rather than typed."""
    v = derive_gdp_vintages(raw)
    tkm = v[(v.country_code == "TKM")].dropna(subset=["gdp_usd_wdi_2026", "gdp_usd_datahub_2026_03"])
    last = tkm[tkm.year == tkm.year.max()].iloc[0]
    return [(f"Revision: for Turkmenistan {int(last.year)} the datahub 'gdp' package (World Bank data, March 2026) "
             f"gives GDP of USD {last.gdp_usd_datahub_2026_03 / 1e9:.1f} bn, the WDI {S.WDI_VINTAGE} vintage USD "
             f"{last.gdp_usd_wdi_2026 / 1e9:.1f} bn (ratio {last.ratio:.2f}), reflecting a World Bank revision of "
             "the conversion of Turkmenistan's GDP to US dollars. "
             "The dataset 'gdp_vintages' holds both series for KAZ and TKM.")]


def derive_trade_country(raw: Path) -> pd.DataFrame:
    return wdi_wide(raw, {
        "tx.val.mrch.cd.wt": "merch_exports_usd",
        "tm.val.mrch.cd.wt": "merch_imports_usd",
        "tg.val.totl.gd.zs": "merch_trade_pct_gdp",
        "ne.exp.gnfs.zs": "exports_gs_pct_gdp",
        "ne.imp.gnfs.zs": "imports_gs_pct_gdp",
    })


def derive_investment(raw: Path) -> pd.DataFrame:
    df = wdi_wide(raw, {
        "bx.klt.dinv.cd.wd": "fdi_net_inflows_usd",
        "dt.dod.dect.cd": "external_debt_usd",
        "ny.gdp.mktp.cd": "gdp_usd",
    })
    df["fdi_net_inflows_pct_gdp"] = df["fdi_net_inflows_usd"] / df["gdp_usd"] * 100
    return df


def derive_logistics_indicators(raw: Path) -> pd.DataFrame:
    return wdi_wide(raw, {"lp.lpi.ovrl.xq": "lpi_overall", "is.rrs.totl.km": "rail_route_km"}, full_grid=False)


def derive_water(raw: Path) -> pd.DataFrame:
    return wdi_wide(raw, {
        "er.h2o.fwtl.k3": "withdrawals_bn_m3",
        "er.h2o.fwtl.zs": "withdrawals_pct_internal",
        "er.h2o.intr.k3": "internal_resources_bn_m3",
    }, full_grid=False)
