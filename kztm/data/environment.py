"""Caspian level, Aral Sea area and emissions."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import sources as S
from .loader import DataError


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


EMISSION_COLUMNS = {"co2": "co2_mt", "co2_per_capita": "co2_per_capita_t", "methane": "methane_mt_co2e",
                     "total_ghg": "total_ghg_mt_co2e"}
NEW_ONLY_COLUMNS = {"total_ghg_excluding_lucf": "total_ghg_excl_lucf_mt_co2e"}
EMISSION_UNITS = {"co2": "million tonnes CO2", "co2_per_capita": "tonnes CO2 per person",
                  "methane": "million tonnes CO2-equivalent", "total_ghg": "million tonnes CO2-equivalent"}
OLD_CO2 = ("owid-co2", "owid-co2-data_2020-12-09.csv")
NEW_CO2 = ("owid-co2-2024", "owid-co2-data_KAZ_TKM_1990-2023_transcribed.csv")
# Countries taken from the newer file (all their rows; the others keep the 2020 file).
NEW_VINTAGE_COUNTRIES = ("KAZ", "TKM")


def _read_co2(raw: Path, where: tuple[str, str], countries) -> pd.DataFrame:
    df = pd.read_csv(raw.joinpath(*where))
    return df[df["iso_code"].isin(countries)]


def derive_emissions(raw: Path) -> pd.DataFrame:
    """One vintage per country: KAZ and TKM from the newer OWID file, the other three from the 2020-12-09 file."""
    old = _read_co2(raw, OLD_CO2, [c for c in S.COUNTRIES if c not in NEW_VINTAGE_COUNTRIES])
    new = _read_co2(raw, NEW_CO2, NEW_VINTAGE_COUNTRIES)
    missing = set(NEW_VINTAGE_COUNTRIES) - set(new["iso_code"])
    if missing:
        raise DataError(f"{raw.joinpath(*NEW_CO2)} has no rows for {', '.join(sorted(missing))}.")
    parts = []
    for df, cols, vintage in ((old, EMISSION_COLUMNS, "owid_co2_2020-12-09"),
                              (new, {**EMISSION_COLUMNS, **NEW_ONLY_COLUMNS}, "owid_co2_2024")):
        part = df[["iso_code", "year", *cols]].rename(columns={"iso_code": "country_code", **cols})
        part = part.dropna(subset=list(cols.values()), how="all").assign(vintage=vintage)
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    out.insert(1, "country", out["country_code"].map(S.COUNTRIES))
    return out


def derive_emissions_vintage_check(raw: Path) -> pd.DataFrame:
    """Every old-file value of KAZ and TKM with the newer file's value for the same year and variable."""
    variables = list(EMISSION_COLUMNS)
    old = _read_co2(raw, OLD_CO2, NEW_VINTAGE_COUNTRIES).melt(["iso_code", "year"], variables, "variable", "old_value")
    new = _read_co2(raw, NEW_CO2, NEW_VINTAGE_COUNTRIES).melt(["iso_code", "year"], variables, "variable", "new_value")
    out = old.dropna(subset=["old_value"]).merge(new, on=["iso_code", "year", "variable"], how="left")
    out = out.rename(columns={"iso_code": "country_code"})
    out["unit"] = out["variable"].map(EMISSION_UNITS)
    out["difference"] = out["new_value"] - out["old_value"]
    out["difference_pct"] = (out["difference"] / out["old_value"].where(out["old_value"] != 0)) * 100
    out.insert(1, "country", out["country_code"].map(S.COUNTRIES))
    return out
