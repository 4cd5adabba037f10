"""Datasets taken from the World Bank's World Development Indicators (one file per indicator)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import sources as S
from .catalog import LPI_EDITIONS, MACRO_YEARS, RAIL_BREAK_PCT
from .loader import DataError

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
             f"{last.gdp_usd_wdi_2026 / 1e9:.1f} bn (ratio {last.ratio:.2f}). The data obtained do not say why "
             "the World Bank revised the series. The dataset 'gdp_vintages' holds both series for KAZ and TKM.")]


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


def rail_breaks(df: pd.DataFrame, column: str = "rail_route_km", threshold_pct: float = RAIL_BREAK_PCT) -> pd.Series:
    """True where ``column`` differs from the country's previous non-blank value by more than ``threshold_pct``
    per cent; NaN where there is no value or no earlier one.  ``df`` needs country_code and year."""
    out = pd.Series(pd.NA, index=df.index, dtype="object")
    for _, g in df[df[column].notna()].sort_values("year").groupby("country_code"):
        change = g[column].pct_change().abs() * 100
        out.loc[g.index[1:]] = (change.iloc[1:] > threshold_pct).tolist()
    return out


def lpi_editions(years: pd.Series, scores: pd.Series) -> pd.Series:
    """WDI survey year -> year of the LPI report (the 2022 survey is the 2023 edition); NaN without a score."""
    unknown = sorted(set(years[scores.notna()]) - set(LPI_EDITIONS))
    if unknown:
        raise DataError(f"WDI LPI scores for survey year(s) {unknown} have no edition in kztm/data/catalog.py "
                        f"LPI_EDITIONS.")
    return years.map(LPI_EDITIONS).where(scores.notna())


def derive_logistics_indicators(raw: Path) -> pd.DataFrame:
    df = wdi_wide(raw, {"lp.lpi.ovrl.xq": "lpi_overall", "is.rrs.totl.km": "rail_route_km"}, full_grid=False)
    df["lpi_edition"] = lpi_editions(df["year"], df["lpi_overall"])
    df["rail_break"] = rail_breaks(df)
    return df


# Two consecutive changes that differ by less than this (bn m3) are equal (the file prints 10 significant digits).
INTERPOLATION_TOL = 1e-6


def withdrawal_basis(df: pd.DataFrame, column: str = "withdrawals_bn_m3") -> pd.Series:
    """Per row: 'repeated' (same value as the previous year), 'interpolated' (on a straight line with both
    neighbouring years, non-zero change) or 'reported'; NaN without a value.  Years must be consecutive to
    count as neighbours.  ``df`` needs country_code and year."""
    out = pd.Series(pd.NA, index=df.index, dtype="object")
    for _, g in df[df[column].notna()].sort_values("year").groupby("country_code"):
        v, y = g[column].to_numpy(), g["year"].to_numpy()
        for i, idx in enumerate(g.index):
            prev_ok = i > 0 and y[i - 1] == y[i] - 1
            next_ok = i + 1 < len(v) and y[i + 1] == y[i] + 1
            if prev_ok and v[i] == v[i - 1]:
                out[idx] = "repeated"
            elif prev_ok and next_ok and abs((v[i] - v[i - 1]) - (v[i + 1] - v[i])) < INTERPOLATION_TOL:
                out[idx] = "interpolated"
            else:
                out[idx] = "reported"
    return out


def derive_water(raw: Path) -> pd.DataFrame:
    df = wdi_wide(raw, {
        "er.h2o.fwtl.k3": "withdrawals_bn_m3",
        "er.h2o.fwtl.zs": "withdrawals_pct_internal",
        "er.h2o.intr.k3": "internal_resources_bn_m3",
    }, full_grid=False)
    df["withdrawals_basis"] = withdrawal_basis(df)
    return df
