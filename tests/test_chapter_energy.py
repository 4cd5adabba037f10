"""The energy chapter: executes with defaults and for another pair; its glued key figures equal values
recomputed here straight from the CSVs in data/; bad scenario parameters stop it with a clear message."""

from __future__ import annotations

import pandas as pd
import pytest

from kztm.paths import ROOT
from kztm.pipeline.execute import ChapterError

DATA = ROOT / "data"


@pytest.fixture(scope="module")
def gas():
    return pd.read_csv(DATA / "energy_gas.csv")


def value(gas, code, year, flow, column="value_bcm"):
    rows = gas[(gas.country_code == code) & (gas.year == year) & (gas.flow == flow)]
    assert len(rows) == 1, (code, year, flow)
    return float(rows[column].iloc[0])


def test_default_key_figures_match_the_data(run_chapter, gas):
    _, g = run_chapter("energy")
    last = int(gas[gas.country_code == "KAZ"].year.max())
    prod, cons = value(gas, "KAZ", last, "production"), value(gas, "KAZ", last, "consumption")
    assert g["gas_year_a"] == last
    assert g["prod_a"] == pytest.approx(prod)
    assert g["cons_a"] == pytest.approx(cons)
    assert g["surplus_a"] == pytest.approx(prod - cons)
    # Peak surplus of Kazakhstan in the default window.
    kaz = (gas[(gas.country_code == "KAZ") & gas.year.between(1990, 2024)]
           .pivot(index="year", columns="flow", values="value_bcm"))
    surplus = kaz["production"] - kaz["consumption"]
    assert g["peak_surplus_year_a"] == int(surplus.idxmax())
    assert g["peak_surplus_a"] == pytest.approx(surplus.max())
    # Recorded ten-year growth rates, in % a year.
    cons_rate = ((cons / value(gas, "KAZ", last - 10, "consumption")) ** 0.1 - 1) * 100
    prod_rate = ((prod / value(gas, "KAZ", last - 10, "production")) ** 0.1 - 1) * 100
    assert g["cons_growth_recorded"] == pytest.approx(cons_rate)
    assert g["prod_growth_recorded"] == pytest.approx(prod_rate)
    # Magnitudes with a verb picked from the sign: "fell 1.0% a year", never "changed by -1.0%".
    assert g["prod_growth_abs"] == pytest.approx(abs(prod_rate))
    assert g["prod_growth_verb"] == ("fell" if prod_rate < 0 else "grew")
    assert g["cons_growth_verb"] == ("grew" if cons_rate > 0 else "fell")
    # The crossover year, found by stepping year by year.
    year = last
    while prod * (1 + prod_rate / 100) ** (year - last) > cons * (1 + cons_rate / 100) ** (year - last):
        year += 1
    assert year <= 2050
    assert g["crossover_year"] == year
    assert str(year) in g["scenario_sentence"]
    # Balance at the 2050 horizon, named as a deficit with a positive magnitude.
    horizon = prod * (1 + prod_rate / 100) ** (2050 - last) - cons * (1 + cons_rate / 100) ** (2050 - last)
    assert g["horizon_balance"] == pytest.approx(horizon)
    assert horizon < 0 and f"a deficit of {-horizon:,.1f} bcm" in g["horizon_balance_sentence"]
    assert "-" not in g["scenario_sentence"].replace("2014–2024", "")
    # Turkmenistan's balance and the reserves of end-2020.
    tkm_last = int(gas[gas.country_code == "TKM"].year.max())
    assert g["prod_b"] == pytest.approx(value(gas, "TKM", tkm_last, "production"))
    res = pd.read_csv(DATA / "gas_reserves.csv")
    r = res[res.year == res.year.max()].set_index("country_code").proved_reserves_tcm
    assert g["res_b"] == pytest.approx(r["TKM"])
    assert g["res_ratio"] == pytest.approx(r["TKM"] / r["KAZ"])
    assert g["rp_b"] == pytest.approx(r["TKM"] * 1000 / value(gas, "TKM", int(res.year.max()), "production"))


def test_default_facts_and_verdicts(run_chapter):
    _, g = run_chapter("energy")
    facts = pd.read_csv(DATA / "energy_facts.csv")
    abc = facts[facts.subject.str.contains("Lines A/B/C") & (facts.attribute == "capacity_bcm_per_year")]
    assert g["cagp_capacity"] == pytest.approx(float(abc.value.iloc[0]))
    assert g["cagp_capacity_alt"] != g["cagp_capacity"]  # the sources disagree (55 vs 60) and the chapter says so
    assert g["cagp_capacity_alt"] == pytest.approx(60.0)
    for claim in ("E1", "E2", "E3"):
        assert g[f"verdict_{claim}"] in ("consistent", "partly consistent", "inconsistent",
                                         "cannot be checked with open data")
        assert "nan" not in g[f"evidence_{claim}"].lower().split()
    for name in ("fig_energy_gas", "fig_energy_surplus", "fig_energy_reserves", "fig_energy_oil",
                 "fig_energy_mix", "fig_energy_scenario"):
        assert name in g


def test_mix_shares_match_the_data(run_chapter):
    _, g = run_chapter("energy")
    mix = pd.read_csv(DATA / "electricity_mix.csv")
    tkm = mix[(mix.country_code == "TKM") & mix.mix_complete & (mix.year <= 2024)]
    year = int(tkm.year.max())
    assert g["mix_year_b"] == year
    assert g["gas_share_b"] == pytest.approx(float(tkm[(tkm.year == year) & (tkm.source == "gas")].share_pct.iloc[0]))


def test_other_pair_uzbekistan(run_chapter, gas):
    _, g = run_chapter("energy", country_b="UZB", peers=["KGZ", "TJK"])
    last = int(gas[gas.country_code == "UZB"].year.max())
    assert g["name_b"] == "Uzbekistan"
    assert g["gas_year_b"] == last
    assert g["prod_b"] == pytest.approx(value(gas, "UZB", last, "production"))
    assert "verdict_E1" not in g  # the article's claims concern Kazakhstan and Turkmenistan only
    assert "only for Kazakhstan and Turkmenistan" in g["bilateral_gas_text"]


def test_country_without_gas_series_gets_one_sentence(run_chapter):
    _, g = run_chapter("energy", country_b="KGZ")
    assert "does not cover Kyrgyzstan" in g["gas_b_sentence"]
    assert "prod_b" not in g


def test_twh_unit_and_set_growth_rates(run_chapter, gas):
    _, g = run_chapter("energy", unit="TWh", consumption_growth_pct=0.0, production_growth_pct=0.0)
    last = int(gas[gas.country_code == "KAZ"].year.max())
    assert g["prod_a"] == pytest.approx(value(gas, "KAZ", last, "production", "value_twh"))
    assert "crossover_year" not in g  # flat consumption never overtakes a larger, flat production
    assert "would not overtake" in g["scenario_sentence"]
    assert g["rates_source"] == "rates set as parameters"


@pytest.mark.parametrize("overrides, message", [
    ({"unit": "Mcf"}, "Mcf"),
    ({"consumption_growth_pct": 50}, "consumption_growth_pct=50"),
    ({"horizon_year": 2020}, "horizon_year=2020"),
    ({"country_a": "TJK", "country_b": "KAZ"}, "country_a='TJK'"),
])
def test_bad_parameters_fail_with_a_clear_message(run_chapter, overrides, message):
    with pytest.raises(ChapterError, match=message):
        run_chapter("energy", **overrides)
