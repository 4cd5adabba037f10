"""Computations of the energy chapter: gas balances, recorded growth, the consumption scenario.

The notebook stays thin: it loads the datasets, calls these functions and draws the results.
Units: ``"bcm"`` (billion cubic metres) or ``"TWh"`` (energy content); the gas dataset carries
both (bcm of the newer vintage converted at 10 TWh per bcm, see ``energy_gas.bcm_basis``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

from .indicators import cagr

GAS_UNITS = {"bcm": "value_bcm", "TWh": "value_twh"}
UNIT_LABELS = {"bcm": "billion cubic metres", "TWh": "terawatt-hours"}


def gas_balance(gas: pd.DataFrame, unit: str = "bcm") -> pd.DataFrame:
    """One row per country and year: production, consumption and surplus (production − consumption).

    ``surplus_share_pct`` is the surplus as a share of production (negative when the country
    consumes more than it produces). ``source`` is the vintage of the production value.
    """
    if unit not in GAS_UNITS:
        raise ValueError(f"unit={unit!r} is not one of {', '.join(GAS_UNITS)}.")
    column = GAS_UNITS[unit]
    wide = gas.pivot_table(index=["country_code", "country", "year"], columns="flow",
                           values=column, aggfunc="first").reset_index()
    wide.columns.name = None
    for flow in ("production", "consumption"):
        if flow not in wide:
            wide[flow] = float("nan")
    sources = (gas[gas.flow == "production"].set_index(["country_code", "year"])["source"])
    wide["source"] = [sources.get((c, y), "") for c, y in zip(wide.country_code, wide.year, strict=True)]
    wide["surplus"] = wide["production"] - wide["consumption"]
    wide["surplus_share_pct"] = wide["surplus"] / wide["production"] * 100
    return wide.sort_values(["country_code", "year"]).reset_index(drop=True)


def recorded_growth(balance: pd.DataFrame, country_code: str, column: str,
                    end_year: int, years: int = 10) -> tuple[int, int, float]:
    """Compound annual growth of ``column`` over the ``years`` years to the last year ≤ ``end_year``.

    Returns ``(first_year, last_year, rate in % a year)``. Raises ``LookupError`` when either
    end of the window has no value.
    """
    rows = balance[(balance.country_code == country_code) & balance[column].notna()
                   & (balance.year <= end_year)]
    if rows.empty:
        raise LookupError(f"No {column} value for {country_code} up to {end_year}.")
    last = int(rows.year.max())
    first = last - years
    start = rows[rows.year == first][column]
    if start.empty:
        raise LookupError(f"No {column} value for {country_code} in {first}, {years} years before {last}.")
    end = rows[rows.year == last][column]
    return first, last, cagr(float(start.iloc[0]), float(end.iloc[0]), years) * 100


@dataclass(frozen=True)
class GasScenario:
    base_year: int
    production: float          # in the base year
    consumption: float         # in the base year
    production_growth_pct: float
    consumption_growth_pct: float
    horizon_year: int

    def path(self) -> pd.DataFrame:
        """Production and consumption for every year from the base year to the horizon."""
        years = range(self.base_year, self.horizon_year + 1)
        p, c = 1 + self.production_growth_pct / 100, 1 + self.consumption_growth_pct / 100
        return pd.DataFrame({
            "year": list(years),
            "production": [self.production * p ** (y - self.base_year) for y in years],
            "consumption": [self.consumption * c ** (y - self.base_year) for y in years],
        })

    def crossover_time(self) -> float:
        """Years after the base year when consumption equals production (``inf`` if never; 0 if already)."""
        if self.consumption >= self.production:
            return 0.0
        p, c = 1 + self.production_growth_pct / 100, 1 + self.consumption_growth_pct / 100
        if c <= p:
            return math.inf
        return math.log(self.production / self.consumption) / math.log(c / p)

    def crossover_year(self) -> int | None:
        """First whole year in which consumption is at least production, or None if not by the horizon."""
        t = self.crossover_time()
        if math.isinf(t):
            return None
        year = self.base_year + math.ceil(t - 1e-9)
        return year if year <= self.horizon_year else None

    def balance_at_horizon(self) -> float:
        """Production minus consumption in the horizon year (negative: a deficit)."""
        last = self.path().iloc[-1]
        return float(last.production - last.consumption)


def reserves_to_production(reserves_tcm: float, production_bcm: float) -> float:
    """Years the proved reserves would last at a constant production rate."""
    if production_bcm <= 0:
        raise ValueError("production must be positive to compute a reserves-to-production ratio.")
    return reserves_tcm * 1000 / production_bcm


def latest_complete_mix(mix: pd.DataFrame, country_code: str, up_to_year: int | None = None) -> pd.DataFrame:
    """The electricity mix of the latest year whose sources add up to the total (``mix_complete``)."""
    rows = mix[(mix.country_code == country_code) & mix.mix_complete.astype(bool)]
    if up_to_year is not None:
        rows = rows[rows.year <= up_to_year]
    if rows.empty:
        raise LookupError(f"No complete electricity mix for {country_code}.")
    year = int(rows.year.max())
    return rows[rows.year == year].copy()


def fact_value(facts: pd.DataFrame, subject_contains: str, attribute: str) -> pd.Series:
    """The row of the energy facts table for one subject (matched by substring) and attribute."""
    rows = facts[facts.subject.str.contains(subject_contains, regex=False) & (facts.attribute == attribute)]
    if len(rows) != 1:
        raise LookupError(f"Expected one energy fact for {subject_contains!r} / {attribute!r}, found {len(rows)}.")
    return rows.iloc[0]


def last_balance_row(balance: pd.DataFrame, country_code: str, end_year: int) -> pd.Series:
    """The row of :func:`gas_balance` for the last year up to ``end_year`` with both production and
    consumption. Raises ``LookupError`` naming the country when there is none."""
    rows = balance[(balance.country_code == country_code) & balance.production.notna()
                   & balance.consumption.notna() & (balance.year <= end_year)]
    if rows.empty:
        raise LookupError(f"No gas production and consumption for {country_code} up to {end_year}.")
    return rows.sort_values("year").iloc[-1]


def largest_revisions(vintages: pd.DataFrame, country_codes, variable: str = "gas_production") -> pd.DataFrame:
    """For each country, the year in which two vintages differ most (dataset ``energy_vintage_check``).

    Returns one row per country in data order: country_code, country, year, old_value, new_value (TWh)
    and difference_pct (new vs old, %). Empty when no country of ``country_codes`` is in the check.
    """
    rows = vintages[(vintages.variable == variable) & vintages.country_code.isin(list(country_codes))]
    rows = rows.dropna(subset=["difference_pct"])
    worst = [group.loc[group.difference_pct.abs().idxmax()] for _, group in rows.groupby("country_code", sort=False)]
    columns = ["country_code", "country", "year", "old_value", "new_value", "difference_pct"]
    return pd.DataFrame(worst, columns=columns).reset_index(drop=True)


def unchanged_since(series: pd.DataFrame, column: str) -> int:
    """First year of the final run of years in which ``column`` kept its last value (to 6 decimals).

    ``series``: one row per year (column ``year``) for one country, e.g. its rows of ``gas_reserves``.
    """
    rows = series.sort_values("year")
    last = round(float(rows[column].iloc[-1]), 6)
    changed = rows[rows[column].round(6) != last]
    if changed.empty:
        return int(rows.year.min())
    return int(rows[rows.year > changed.year.max()].year.min())


def alternative_capacity(fact: pd.Series) -> float:
    """A second stated capacity quoted in a fact's note ("… gives 60 bcm/yr"), else the fact's own value."""
    found = re.search(r"(\d+(?:\.\d+)?) bcm/yr", str(fact.note))
    return float(found.group(1)) if found else float(fact.value)


ATTRIBUTE_LABELS = {
    "capacity_bcm_per_year": "Design capacity", "length_km": "Length", "route": "Route",
    "start_year_line_A": "Line A in service", "start_year_line_B": "Line B in service",
    "start_year_line_C": "Line C in service", "cumulative_deliveries_to_mid_2020": "Delivered to China by mid-2020",
    "capacity_bcm_per_year_first_stage": "First-stage capacity",
    "long_term_production_bcm_per_year": "Stated long-term potential",
    "reserves_tcm_low": "Reserves, audit low case", "reserves_tcm_best": "Reserves, audit best estimate",
    "reserves_tcm_high": "Reserves, audit high case", "resources_tcm_total": "Total resources (stated)",
    "gas_import_contract_signed": "Gas import contract signed",
    "import_volume_target_bcm_per_year": "Import volume mentioned",
    "strategic_cooperation_agreement_signed": "Strategic cooperation agreement",
    "working_meeting": "Working meeting of the heads",
    "start_year_construction_turkmen_section": "Construction of the Turkmen section began",
}
SUBJECT_ORDER = ["Lines A/B/C", "Line C", "Line D", "Beineu", "TAPI", "Galkynysh", "QazaqGaz"]


def facts_table(facts: pd.DataFrame, publishers: dict[str, str]) -> pd.DataFrame:
    """The energy facts as a reader's table: subject, what, value with unit, note and source.

    ``facts``: dataset ``energy_facts``; ``publishers``: bib key → publisher (from the dataset's
    metadata). Rows follow :data:`SUBJECT_ORDER` (pipelines, then fields, then company agreements).
    """
    order = [next((i for i, key in enumerate(SUBJECT_ORDER) if key in s), len(SUBJECT_ORDER)) for s in facts.subject]
    rows = facts.assign(_order=order).sort_values(["_order", "fact_id"])
    values = [v if u in ("year", "date") or not isinstance(u, str) else f"{v} {u}"
              for v, u in zip(rows.value, rows.unit, strict=True)]
    sources = [
        publishers.get(k, "") + (f", {d}" if isinstance(d, str) and d else "")
        for k, d in zip(rows.bib_key, rows.source_date, strict=True)
    ]
    table = pd.DataFrame(
        {
            "Pipeline, field or track": rows.subject,
            "What": rows.attribute.map(ATTRIBUTE_LABELS).fillna(rows.attribute.str.replace("_", " ")),
            "Value": values,
            "Note": rows.note,
            "Source": sources,
        }
    )
    return table.fillna("").reset_index(drop=True)
