"""Flags and vintage rules added to the derived datasets: water basis, rail breaks, LPI editions, emissions
vintages, quoted logistics figures and the BP 2021 reserves-to-production inputs."""

from __future__ import annotations

import pandas as pd
import pytest

from kztm import paths
from kztm.data import dataset_metadata, load_dataset, logistics_quotes, wdi
from kztm.data.loader import DataError
from kztm.themes.energy import reserves_to_production

RAW = paths.default_raw_dir()


# ----------------------------------------------------------------- water ----

def test_withdrawal_basis_rule_on_a_made_up_series():
    df = pd.DataFrame({"country_code": ["X"] * 7, "year": [2000, 2001, 2002, 2003, 2004, 2005, 2007],
                       "withdrawals_bn_m3": [10.0, 11.0, 12.0, 15.0, 15.0, 15.0, 16.0]})
    assert wdi.withdrawal_basis(df).tolist() == ["reported", "interpolated", "reported", "reported", "repeated",
                                                 "repeated", "reported"]  # 2007 does not neighbour 2005


def test_turkmen_withdrawals_2021_2022_are_repeats_and_earlier_years_interpolated():
    water = load_dataset("water").set_index(["country_code", "year"])
    tkm = water.loc["TKM"]
    assert tkm.loc[2020, "withdrawals_basis"] == "reported"
    assert (tkm.loc[[2021, 2022], "withdrawals_basis"] == "repeated").all()
    assert (tkm.loc[2021, "withdrawals_bn_m3"] == tkm.loc[2020, "withdrawals_bn_m3"])
    assert (tkm.loc[2007:2015, "withdrawals_basis"] == "interpolated").all()
    # Blank flag exactly where there is no value.
    assert (water.withdrawals_bn_m3.isna() == water.withdrawals_basis.isna()).all()


# ------------------------------------------------------------ logistics ----

def test_rail_break_rule_on_a_made_up_series():
    df = pd.DataFrame({"country_code": ["X"] * 5, "year": [2010, 2011, 2012, 2013, 2014],
                       "rail_route_km": [1000.0, 1100.0, None, 1400.0, 1400.0]})
    assert wdi.rail_breaks(df, threshold_pct=20).tolist() == [pd.NA, False, pd.NA, True, False]


def test_turkmen_rail_doubling_is_flagged_as_a_break():
    log = load_dataset("logistics_indicators").set_index(["country_code", "year"])
    tkm = log.loc["TKM"]
    assert tkm.loc[2015, "rail_route_km"] == 2 * tkm.loc[2014, "rail_route_km"]
    assert tkm.loc[2015, "rail_break"] is True and tkm.loc[2017, "rail_break"] is True
    assert tkm.loc[2016, "rail_break"] is False
    # No break flagged in Kazakhstan's series, which changes by at most a few per cent a year.
    assert not log.loc["KAZ"].rail_break.fillna(False).any()


def test_lpi_2022_survey_is_the_2023_edition():
    log = load_dataset("logistics_indicators")
    scored = log[log.lpi_overall.notna()]
    assert scored.lpi_edition.notna().all() and log[log.lpi_overall.isna()].lpi_edition.isna().all()
    assert set(scored[scored.year == 2022].lpi_edition) == {2023}
    assert (scored[scored.year < 2022].lpi_edition == scored[scored.year < 2022].year).all()
    assert "2023" in " ".join(dataset_metadata("logistics_indicators")["notes"])


def test_lpi_year_without_edition_fails():
    with pytest.raises(DataError, match=r"survey year\(s\) \[2024\]"):
        wdi.lpi_editions(pd.Series([2018, 2024]), pd.Series([2.5, 2.6]))


# ------------------------------------------------------------ emissions ----

def test_emissions_one_vintage_per_country():
    em = load_dataset("emissions")
    per_country = em.groupby("country_code").vintage.agg(set)
    assert per_country["KAZ"] == {"owid_co2_2024"} and per_country["TKM"] == {"owid_co2_2024"}
    for c in ("UZB", "KGZ", "TJK"):
        assert per_country[c] == {"owid_co2_2020-12-09"}
    kaz = em[em.country_code == "KAZ"]
    assert (kaz.year.min(), kaz.year.max()) == (1990, 2023)
    assert kaz[kaz.year == 2023][["methane_mt_co2e", "total_ghg_mt_co2e"]].notna().all(axis=None)
    assert em[em.vintage == "owid_co2_2020-12-09"].total_ghg_excl_lucf_mt_co2e.isna().all()


def test_emissions_vintage_check_keeps_the_old_turkmen_2018_co2():
    chk = load_dataset("emissions_vintage_check").set_index(["country_code", "year", "variable"])
    row = chk.loc[("TKM", 2018, "co2")]
    assert row.old_value == pytest.approx(79.894) and row.new_value == pytest.approx(62.756)
    assert row.difference_pct == pytest.approx(-21.45, abs=0.01)
    # Every old KAZ/TKM value is kept, also the years before 1990 that the new file lacks.
    assert chk.loc[("KAZ", 1960, "co2")].new_value != chk.loc[("KAZ", 1960, "co2")].new_value  # NaN


# ------------------------------------------------ quoted logistics figures ----

def test_logistics_quoted_rows_have_definition_status_and_source():
    q = load_dataset("logistics_quoted")
    assert len(q) == 19 and q.source_url.notna().all()
    capacity = q[q.indicator == "Aktau seaport throughput capacity"].iloc[0]
    assert capacity.definition == "capacity" and capacity.unit == "million tonnes per year"
    bolashak = q[q.indicator == "Bolashak station cargo"].iloc[0]
    assert bolashak.status == "derived"
    law = q[q.definition == "ratification"].iloc[0]
    assert law.period_start == pd.Timestamp("2025-09-18") and "No. 217-VIII" in law.detail
    signed = q[(q.subject == law.subject) & (q.definition == "signature")].iloc[0]
    assert signed.period_start == pd.Timestamp("2024-10-10")
    assert q[q.indicator == "Treaty on Strategic Partnership"].status.iloc[0] == "estimate"


@pytest.mark.parametrize("text, expected", [
    ("2023-H1", ("2023-01-01", "2023-06-30")),
    ("2020-Q1", ("2020-01-01", "2020-03-31")),
    ("2021-2023", ("2021-01-01", "2023-12-31")),
    ("2017-04-18 (year inferred)", ("2017-04-18", "2017-04-18")),
    ("2023-01/2023-07", ("2023-01-01", "2023-07-31")),
])
def test_logistics_period_bounds(text, expected):
    assert logistics_quotes.period_bounds(text) == expected


def test_unknown_logistics_indicator_fails_with_one_sentence(tmp_path):
    src = RAW / logistics_quotes.RAW_FILE
    if not src.is_file():
        pytest.skip("raw logistics quotes not present")
    (tmp_path / "kz-tm-logistics-quoted").mkdir()
    text = src.read_text(encoding="utf-8").replace("Kuryk seaport cargo,", "Kuryk seaport freight,")
    (tmp_path / logistics_quotes.RAW_FILE).write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match=r"indicator 'Kuryk seaport freight' has no subject and definition"):
        logistics_quotes.derive_logistics_quoted(tmp_path)


# --------------------------------------------------------------- energy ----

def test_reserves_to_production_from_bp_2021_alone():
    """End-2020 reserves over 2020 production, both from BP 2021: about 231 years (TKM) and 71 (KAZ)."""
    res = load_dataset("gas_reserves").set_index(["country_code", "year"])
    rp = {c: reserves_to_production(res.loc[(c, 2020), "proved_reserves_tcm"], res.loc[(c, 2020),
                                                                                       "production_bcm_bp_2021"])
          for c in ("TKM", "KAZ")}
    assert rp["TKM"] == pytest.approx(231, abs=1) and rp["KAZ"] == pytest.approx(71, abs=1)


# ------------------------------------------------------------------ GDP ----

def test_gdp_vintages_hold_both_turkmen_series_for_ratios():
    v = load_dataset("gdp_vintages")
    tkm = v[(v.country_code == "TKM") & v.gdp_usd_datahub_2026_03.notna()]
    assert len(tkm) >= 30 and tkm.gdp_usd_wdi_2026.notna().all()
    assert (tkm.gdp_usd_wdi_2026 / tkm.gdp_usd_datahub_2026_03 - tkm.ratio).abs().max() < 1e-4
