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


# --- sensitivity of the scenario, the swings of a series, raw versus commercial gas (issues 11–12) ---

def sensitivity_base_years(balance: pd.DataFrame, country_code: str, end_year: int, min_window: int = 3,
                           max_window: int = 10) -> list[int]:
    """Base years for :func:`crossover_sensitivity`: the years ``end_year − max_window`` to
    ``end_year − min_window`` whose production comes from the same vintage (``source``) as the last year,
    so that no growth rate spans two editions of the Statistical Review.

    ``balance``: :func:`gas_balance`; ``end_year``: the last year with production and consumption for the
    country up to the chapter's end year. Raises ``LookupError`` when the country has no row in ``end_year``.
    """
    rows = balance[(balance.country_code == country_code)].set_index("year")
    if end_year not in rows.index:
        raise LookupError(f"No gas balance for {country_code} in {end_year}.")
    vintage = rows.loc[end_year, "source"]
    years = range(end_year - max_window, end_year - min_window + 1)
    return [y for y in years if y in rows.index and rows.loc[y, "source"] == vintage
            and pd.notna(rows.loc[y, "production"]) and pd.notna(rows.loc[y, "consumption"])]


def crossover_sensitivity(balance: pd.DataFrame, country_code: str, end_year: int, horizon_year: int,
                          base_years: list[int]) -> pd.DataFrame:
    """The scenario's crossover year when the growth rates are measured from each of ``base_years`` to ``end_year``.

    For each base year: compound growth of production and consumption (% a year) over base year → end
    year, the crossover year of :class:`GasScenario` from the end year's values (``None`` when
    consumption does not overtake production by ``horizon_year``), and the surplus (production − consumption,
    in the balance's unit) in the base year with its fall to the end year in % of the base-year surplus.
    Returns one row per base year: base_year, window_years, production_growth_pct, consumption_growth_pct,
    crossover_year (pandas nullable integer), surplus_base, surplus_fall_pct, source.
    """
    end = last_balance_row(balance, country_code, end_year)
    if int(end.year) != end_year:
        raise LookupError(f"No gas balance for {country_code} in {end_year}.")
    rows = []
    for base in base_years:
        years = end_year - base
        _, _, prod_rate = recorded_growth(balance, country_code, "production", end_year, years)
        _, _, cons_rate = recorded_growth(balance, country_code, "consumption", end_year, years)
        scenario = GasScenario(end_year, float(end.production), float(end.consumption), prod_rate, cons_rate,
                               horizon_year)
        base_row = balance[(balance.country_code == country_code) & (balance.year == base)].iloc[0]
        surplus_base = float(base_row.surplus)
        rows.append({"base_year": base, "window_years": years, "production_growth_pct": prod_rate,
                     "consumption_growth_pct": cons_rate, "crossover_year": scenario.crossover_year(),
                     "surplus_base": surplus_base,
                     "surplus_fall_pct": (surplus_base - float(end.surplus)) / surplus_base * 100
                     if surplus_base > 0 else float("nan"),
                     "source": base_row.source})
    table = pd.DataFrame(rows, columns=["base_year", "window_years", "production_growth_pct",
                                        "consumption_growth_pct", "crossover_year", "surplus_base",
                                        "surplus_fall_pct", "source"])
    table["crossover_year"] = table["crossover_year"].astype("Int64")
    return table


def annual_changes(balance: pd.DataFrame, country_code: str, column: str = "production") -> pd.DataFrame:
    """Year-on-year change of ``column`` (in %) for one country, only between consecutive years of the
    same vintage (``source``), so a change of edition is never read as a change of output.

    Returns year, value, change_pct, source (one row per year that has a previous year in its vintage).
    """
    rows = balance[(balance.country_code == country_code)].dropna(subset=[column]).sort_values("year")
    prev = rows.shift(1)
    same = (rows.year - prev.year == 1) & (rows.source == prev.source)
    out = rows[same].assign(change_pct=(rows[column] / prev[column] - 1) * 100)
    return out[["year", column, "change_pct", "source"]].rename(columns={column: "value"}).reset_index(drop=True)


# Facts of dataset context_facts that give Kazakhstan's national gas figures, in bcm, by measure.
NATIONAL_GAS_FACTS = {"GAS04": "raw production", "GAS08": "raw production", "GAS16": "raw production",
                      "GAS05": "commercial gas", "GAS13": "commercial gas"}


def national_gas_figures(facts: pd.DataFrame, fact_ids: dict[str, str] | None = None) -> pd.DataFrame:
    """Kazakhstan's raw production and commercial gas as stated by the energy ministry (dataset ``context_facts``).

    ``fact_ids``: fact id → measure ("raw production" / "commercial gas"); default :data:`NATIONAL_GAS_FACTS`.
    Returns year, measure, value_bcm, value_kind (outturn / target), value_status, source_name, fact_id,
    sorted by measure and year. Raises ``LookupError`` naming a missing fact or a fact not in bcm.
    """
    fact_ids = NATIONAL_GAS_FACTS if fact_ids is None else fact_ids
    rows = []
    for fact_id, measure in fact_ids.items():
        found = facts[facts.fact_id == fact_id]
        if found.empty:
            raise LookupError(f"Fact {fact_id!r} is not in dataset context_facts.")
        row = found.iloc[0]
        if row.unit != "bcm":
            raise LookupError(f"Fact {fact_id!r} is in {row.unit!r}, not bcm.")
        rows.append({"year": int(str(row.date)[:4]), "measure": measure, "value_bcm": float(row.value),
                     "value_kind": row.value_kind, "value_status": row.value_status,
                     "source_name": row.source_name, "fact_id": fact_id})
    return pd.DataFrame(rows).sort_values(["measure", "year"]).reset_index(drop=True)


def series_against_national(series: pd.DataFrame, national: pd.DataFrame) -> pd.DataFrame:
    """The report's production series against the national figures, for the years that have both outturns.

    ``series``: year and production (bcm) of one country (e.g. rows of :func:`gas_balance`);
    ``national``: :func:`national_gas_figures`. Returns year, series_bcm, raw_bcm, commercial_bcm,
    series_to_commercial and series_to_raw (ratios), one row per year with a raw and a commercial outturn.
    """
    outturns = national[national.value_kind == "outturn"].pivot_table(index="year", columns="measure",
                                                                       values="value_bcm", aggfunc="first")
    outturns = outturns.reindex(columns=["raw production", "commercial gas"]).dropna()
    merged = outturns.join(series.set_index("year")["production"], how="inner").reset_index()
    merged.columns = ["year", "raw_bcm", "commercial_bcm", "series_bcm"]
    merged["series_to_commercial"] = merged.series_bcm / merged.commercial_bcm
    merged["series_to_raw"] = merged.series_bcm / merged.raw_bcm
    return merged[["year", "series_bcm", "raw_bcm", "commercial_bcm", "series_to_commercial", "series_to_raw"]]
