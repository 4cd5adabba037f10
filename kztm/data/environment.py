"""Caspian level, Aral Sea area and emissions."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import sources as S


def derive_caspian_level(raw: Path) -> pd.DataFrame:
    df = pd.read_csv(raw / "caspian-dahiti" / "caspian.csv", dtype={"date": str})
    return df.rename(columns={"water level": "level_m", "error": "error_m"})


ARAL_LAST_UNESCO_YEAR = 2018  # the source README: later values were collected from news articles


def derive_aral_area(raw: Path) -> pd.DataFrame:
    df = pd.read_csv(raw / "aral-area" / "aral_area.csv")
    df = df.rename(columns={"Year": "year", "Total": "total_km2_thousand", "Large": "large_km2_thousand",
                            "Eastern": "eastern_km2_thousand", "Small": "small_km2_thousand"})
    df["flag"] = ["collected from news (unverified)" if y > ARAL_LAST_UNESCO_YEAR else "from UNESCO study"
                  for y in df["year"]]
    return df


def derive_emissions(raw: Path) -> pd.DataFrame:
    co = pd.read_csv(raw / "owid-co2" / "owid-co2-data_2020-12-09.csv")
    co = co[co["iso_code"].isin(S.COUNTRIES)]
    cols = {"co2": "co2_mt", "co2_per_capita": "co2_per_capita_t", "methane": "methane_mt_co2e",
            "total_ghg": "total_ghg_mt_co2e"}
    out = co[["iso_code", "year", *cols]].rename(columns={"iso_code": "country_code", **cols})
    out = out.dropna(subset=list(cols.values()), how="all")
    out.insert(1, "country", out["country_code"].map(S.COUNTRIES))
    return out
