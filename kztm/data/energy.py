"""Energy datasets: BP 2021 and the newer OWID energy extract, reconciled (newest vintage wins)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import sources as S


def _bp(raw: Path) -> pd.DataFrame:
    bp = pd.read_csv(raw / "owid-energy" / "statistical_review_of_world_energy_bp_2021.csv")
    code = {v: k for k, v in S.OWID_NAMES.items()}
    bp = bp[bp["Entity"].isin(code)].copy()
    bp.insert(0, "country_code", bp["Entity"].map(code))
    return bp


def _owid_new(raw: Path) -> pd.DataFrame:
    df = pd.read_csv(raw / "owid-energy" / "owid-energy-data_KAZ_TKM_2014-2025_transcribed.csv")
    df = df[df["iso_code"].isin(S.FOCUS)].copy()
    df.insert(0, "country_code", df["iso_code"])
    return df


def _fuel_long(raw: Path, fuel: str) -> pd.DataFrame:
    """Reconciled production/consumption of one fuel; newest vintage wins."""
    bp, new = _bp(raw), _owid_new(raw)
    bp = bp[bp["country_code"].isin(S.COUNTRIES)]
    cap = fuel.capitalize()
    parts = []
    for flow in ("production", "consumption"):
        old = bp[["country_code", "Year", f"{cap} {flow.capitalize()} - TWh"]
                 + ([f"{cap} {flow.capitalize()} - Bcm"] if fuel == "gas" else [])].copy()
        old.columns = ["country_code", "year", "value_twh"] + (["value_bcm"] if fuel == "gas" else [])
        old = old.dropna(subset=["value_twh"])
        old["source"] = "bp_2021"
        nw = new[["country_code", "year", f"{fuel}_{flow}"]].rename(columns={f"{fuel}_{flow}": "value_twh"})
        nw = nw.dropna(subset=["value_twh"])
        nw["source"] = "owid_energy_2025"
        if fuel == "gas":
            nw["value_bcm"] = nw["value_twh"] / GAS_TWH_PER_BCM
        merged = pd.concat([nw, old], ignore_index=True).drop_duplicates(["country_code", "year"], keep="first")
        merged["flow"] = flow
        parts.append(merged)
    out = pd.concat(parts, ignore_index=True)
    if fuel == "gas":
        out["bcm_basis"] = out["source"].map({"bp_2021": "published", "owid_energy_2025": "converted"})
    out.insert(1, "country", out["country_code"].map(S.COUNTRIES))
    return out


# BP 2021: EJ / bcm = 0.036 for every row, and 1 TWh = 0.0036 EJ, hence 10 TWh per bcm (checked in check_gas_factor).
GAS_TWH_PER_BCM = 10.0


def check_gas_factor(raw: Path) -> None:
    bp = _bp(raw)
    ratio = (bp["Gas Production - TWh"] / bp["Gas Production - Bcm"]).dropna()
    if not ((ratio - GAS_TWH_PER_BCM).abs() < 1e-6).all():
        raise ValueError("BP 2021 gas TWh/bcm ratio is not 10 everywhere; revisit GAS_TWH_PER_BCM")


def derive_energy_gas(raw: Path) -> pd.DataFrame:
    check_gas_factor(raw)
    return _fuel_long(raw, "gas")


def derive_energy_oil(raw: Path) -> pd.DataFrame:
    return _fuel_long(raw, "oil")


def derive_gas_reserves(raw: Path) -> pd.DataFrame:
    bp = _bp(raw)
    bp = bp[bp["country_code"].isin(["KAZ", "TKM", "UZB", *S.NEIGHBOURS])]
    out = bp[["country_code", "Year", "Gas - Proved reserves",
              "Gas Production - Bcm"]].dropna(subset=["Gas - Proved reserves"])
    out.columns = ["country_code", "year", "proved_reserves_tcm", "production_bcm_bp_2021"]
    out.insert(1, "country", out["country_code"].map(S.OWID_NAMES))
    return out


# (source key, 2022 file TWh column, 2022 file % column, OWID 2025 TWh column, OWID 2025 share column)
ELEC_COLUMNS = [
    ("bioenergy", "Electricity from bioenergy (TWh)", "Bioenergy (% electricity)", "biofuel_electricity",
     "biofuel_share_elec"),
    ("coal", "Electricity from coal (TWh)", "Coal (% electricity)", "coal_electricity", "coal_share_elec"),
    ("gas", "Electricity from gas (TWh)", "Gas (% electricity)", "gas_electricity", "gas_share_elec"),
    ("hydro", "Electricity from hydro (TWh)", "Hydro (% electricity)", "hydro_electricity", "hydro_share_elec"),
    ("nuclear", "Electricity from nuclear (TWh)", "Nuclear (% electricity)", "nuclear_electricity",
     "nuclear_share_elec"),
    ("oil", "Electricity from oil (TWh)", "Oil (% electricity)", "oil_electricity", "oil_share_elec"),
    ("other_renewables", "Electricity from other renewables excluding bioenergy (TWh)",
     "Other renewables excluding bioenergy (% electricity)", "other_renewable_exc_biofuel_electricity",
     "other_renewables_share_elec_exc_biofuel"),
    ("solar", "Electricity from solar (TWh)", "Solar (% electricity)", "solar_electricity", "solar_share_elec"),
    ("wind", "Electricity from wind (TWh)", "Wind (% electricity)", "wind_electricity", "wind_share_elec"),
]


def _elec_2022(raw: Path) -> pd.DataFrame:
    m = pd.read_csv(raw / "owid-energy" / "electricity_mix_bp_ember_2022.csv")
    code = {v: k for k, v in S.COUNTRIES.items()}
    m = m[m["Country"].isin(code)].copy()
    m["country_code"] = m["Country"].map(code)
    return m


def derive_electricity_mix(raw: Path) -> pd.DataFrame:
    old, new = _elec_2022(raw), _owid_new(raw)
    parts = []
    for key, old_twh, old_pct, new_twh, new_pct in ELEC_COLUMNS:
        o = old[["country_code", "Year", old_twh, old_pct, "Electricity generation (TWh)"]].copy()
        o.columns = ["country_code", "year", "generation_twh", "share_pct", "total_generation_twh"]
        o["data_source"] = "owid_electricity_mix_2022"
        n = new[["country_code", "year", new_twh, new_pct, "electricity_generation"]].copy()
        n.columns = ["country_code", "year", "generation_twh", "share_pct", "total_generation_twh"]
        n["data_source"] = "owid_energy_2025"
        for part in (o, n):
            part["source"] = key
            parts.append(part.dropna(subset=["generation_twh", "share_pct"], how="all"))
    df = pd.concat(parts, ignore_index=True)
    # Newest vintage wins for whole country-years, so one year's mix never mixes two vintages.
    new_years = set(map(tuple, df.loc[df.data_source == "owid_energy_2025", ["country_code", "year"]].to_numpy()))
    is_replaced = [(c, y) in new_years and s == "owid_electricity_mix_2022"
                   for c, y, s in df[["country_code", "year", "data_source"]].itertuples(index=False)]
    df = df[~pd.Series(is_replaced, index=df.index)].copy()
    listed = df.groupby(["country_code", "year"])["generation_twh"].transform("sum")
    df["mix_complete"] = (listed - df["total_generation_twh"]).abs() <= 0.01 * df["total_generation_twh"]
    df.insert(1, "country", df["country_code"].map(S.COUNTRIES))
    return df


def derive_energy_vintage_check(raw: Path) -> pd.DataFrame:
    bp, new, elec = _bp(raw), _owid_new(raw), _elec_2022(raw)
    pairs = []  # (old frame, old column, new column, unit, old source)
    for fuel in ("gas", "oil"):
        for flow in ("production", "consumption"):
            pairs.append((bp, f"{fuel.capitalize()} {flow.capitalize()} - TWh", f"{fuel}_{flow}", "TWh", "bp_2021"))
    elec = elec.rename(columns={"Year": "year"})
    pairs.append((elec, "Electricity generation (TWh)", "electricity_generation", "TWh", "owid_electricity_mix_2022"))
    for _key, old_twh, _, new_twh, _ in ELEC_COLUMNS:
        pairs.append((elec, old_twh, new_twh, "TWh", "owid_electricity_mix_2022"))
    rows = []
    for old, old_col, new_col, unit, source in pairs:
        o = old.rename(columns={"Year": "year"})[["country_code", "year",
                                                  old_col]].rename(columns={old_col: "old_value"})
        n = new[["country_code", "year", new_col]].rename(columns={new_col: "new_value"})
        m = o.merge(n, on=["country_code", "year"]).dropna(subset=["old_value", "new_value"])
        m["variable"], m["unit"], m["old_source"] = new_col, unit, source
        rows.append(m)
    df = pd.concat(rows, ignore_index=True)
    df["difference"] = df["new_value"] - df["old_value"]
    df["difference_pct"] = (df["difference"] / df["old_value"].where(df["old_value"] != 0)) * 100
    df.insert(1, "country", df["country_code"].map(S.COUNTRIES))
    return df
