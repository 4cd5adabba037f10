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

from ..countries import COUNTRIES
from ..params import ParameterError, check_choice, check_number
from ..report import wording
from ..report.prose import render_text
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


# --- the chapter's figures and sentences (issue 10: the notebook calls these and shows the results) ---------
#
# Each ``*_figures`` function returns a dict of named values for ``Chapter.glue``: numbers in the chapter's
# unit (``unit``: "bcm" or "TWh"), years as int, and plain-text sentences (never markup: the chapter's prose
# templates escape them where they land). ``p`` is the chapter's :class:`kztm.params.CommonParams`.


def volume_format(unit: str) -> str:
    """The format of gas volumes in prose: bcm to one decimal (",.1f"), TWh whole (",.0f")."""
    return ",.1f" if unit == "bcm" else ",.0f"


def gas_countries(gas: pd.DataFrame) -> list[str]:
    """Codes of the report's countries (:data:`kztm.countries.COUNTRIES` order) that dataset ``energy_gas`` covers."""
    covered = set(gas.country_code)
    return [c for c in COUNTRIES if c in covered]


def check_parameters(gas: pd.DataFrame, p, unit: str, horizon_year: int, consumption_growth_pct: float | None,
                     production_growth_pct: float | None) -> list[str]:
    """Check the energy chapter's own parameters; return :func:`gas_countries` of dataset ``energy_gas``.

    ``unit`` must be a key of :data:`GAS_UNITS`; ``horizon_year`` a whole year after ``p.end_year``, at most
    2100; each growth rate None or −20 to 20 (% a year); ``p.country_a`` must have a gas series (the scenario
    needs one). Raises :class:`kztm.params.ParameterError` naming the parameter and value.
    """
    check_choice("unit", unit, tuple(GAS_UNITS))
    check_number("horizon_year", horizon_year, minimum=p.end_year + 1, maximum=2100, integer=True)
    for name, value in (("consumption_growth_pct", consumption_growth_pct),
                        ("production_growth_pct", production_growth_pct)):
        if value is not None:
            check_number(name, value, minimum=-20, maximum=20)
    codes = gas_countries(gas)
    if p.country_a not in codes:
        raise ParameterError(f"country_a={p.country_a!r} has no gas series; the energy chapter's scenario needs one "
                             f"of {', '.join(codes)} as country_a.")
    return codes


def shown_balance(balance: pd.DataFrame, p) -> pd.DataFrame:
    """The rows of :func:`gas_balance` the charts show: the chapter's countries, ``p.start_year``–``p.end_year``."""
    return balance[balance.country_code.isin(p.countries) & balance.year.between(p.start_year, p.end_year)]


def balance_figures(balance: pd.DataFrame, p) -> dict:
    """Country A's gas balance (``balance``: :func:`gas_balance` in the chapter's unit, every year).

    Last year with both flows (``gas_year_a``, ``prod_a``, ``cons_a``, ``surplus_a``, ``surplus_share_a`` in %),
    first year shown, peak surplus and peak production in the years shown with the falls from them (%), and
    the ten-year recorded growth of both flows (``growth_from``–``growth_to``, % a year, with magnitudes and
    verbs). Raises ``LookupError`` when country A has no balance or no value ten years before its last year.
    """
    row = last_balance_row(balance, p.country_a, p.end_year)
    rows = shown_balance(balance, p)
    rows = rows[rows.country_code == p.country_a]
    first = rows[rows.production.notna()].sort_values("year").iloc[0]
    peak = rows.sort_values("surplus").iloc[-1]
    peak_prod = rows.sort_values("production").iloc[-1]
    cons_from, cons_to, cons_rate = recorded_growth(balance, p.country_a, "consumption", p.end_year)
    _, _, prod_rate = recorded_growth(balance, p.country_a, "production", p.end_year)
    return {
        "gas_year_a": int(row.year), "prod_a": row.production, "cons_a": row.consumption,
        "surplus_a": row.surplus, "surplus_share_a": row.surplus_share_pct,
        "first_year_a": int(first.year), "prod_first_a": first.production, "cons_first_a": first.consumption,
        "peak_surplus_year_a": int(peak.year), "peak_surplus_a": peak.surplus,
        "surplus_fall_pct_a": (peak.surplus - row.surplus) / peak.surplus * 100,
        "growth_from": cons_from, "growth_to": cons_to,
        "peak_prod_year_a": int(peak_prod.year), "peak_prod_a": peak_prod.production,
        "prod_below_peak_pct": (peak_prod.production - row.production) / peak_prod.production * 100,
        "cons_growth_recorded": cons_rate, "prod_growth_recorded": prod_rate,
        # Magnitudes and verbs, so the prose reads "fell 1.0% a year" rather than "changed by -1.0%".
        "cons_growth_abs": abs(cons_rate), "cons_growth_verb": wording.change_verb(cons_rate),
        "prod_growth_abs": abs(prod_rate), "prod_growth_verb": wording.change_verb(prod_rate),
    }


def country_b_figures(balance: pd.DataFrame, p, gas_codes: list[str], unit: str) -> dict:
    """Country B's gas balance and ``gas_b_sentence``, the sentence that describes it.

    With a gas series: ``gas_year_b``, ``prod_b``, ``cons_b``, ``surplus_b`` (``unit``), ``surplus_share_b`` (%),
    and ``surplus_ratio_b`` (B's surplus over A's in B's last year) when both surpluses are positive; the
    sentence says whether anything is left to export. Without one (B not in ``gas_codes``), only the sentence
    naming the countries the series covers.
    """
    if p.country_b not in gas_codes:
        return {"gas_b_sentence": render_text(
            "The gas series (BP and Energy Institute) does not cover {name_b}: it has rows for {covered} only, so "
            "{name_b} appears only in the electricity comparison.",
            {"name_b": p.name_b, "covered": ", ".join(COUNTRIES[c] for c in gas_codes)})}
    row = last_balance_row(balance, p.country_b, p.end_year)
    figures = {"gas_year_b": int(row.year), "prod_b": row.production, "cons_b": row.consumption,
               "surplus_b": row.surplus, "surplus_share_b": row.surplus_share_pct}
    same_year_a = balance[(balance.country_code == p.country_a) & (balance.year == row.year)].surplus
    if row.surplus > 0 and not same_year_a.empty and same_year_a.iloc[0] > 0:
        figures["surplus_ratio_b"] = row.surplus / same_year_a.iloc[0]
    fmt = volume_format(unit)
    flows = f"{{name_b}} produced {{prod_b:{fmt}}} {{unit}} and consumed {{cons_b:{fmt}}} {{unit}} in {{gas_year_b}}"
    if row.surplus <= 0:
        template = flows + ": {words}, with nothing left to export."
    else:
        template = (flows + f", leaving {{surplus_b:{fmt}}} {{unit}} ({{surplus_share_b:.0f}}% of its output) to "
                    "export or store" + (", {surplus_ratio_b:.1f} times {name_a}'s surplus that year."
                                         if "surplus_ratio_b" in figures else "."))
    figures["gas_b_sentence"] = render_text(template, {
        **figures, "name_a": p.name_a, "name_b": p.name_b, "unit": unit,
        "words": wording.balance_phrase(row.surplus, unit, fmt)})
    return figures


def series_figures(gas: pd.DataFrame, vintages: pd.DataFrame, p, gas_codes: list[str]) -> dict:
    """The editions behind the gas series and what they cover (datasets ``energy_gas``, ``energy_vintage_check``).

    ``new_vintage_from`` (first year of the Energy Institute rows) and ``last_bp_year``; ``ei_last_year`` and
    ``ei_edition`` (the Statistical Review published in year Y holds data to Y − 1); ``uzb_last_year``;
    ``coverage_sentence`` (the chapter's countries the series does not cover, or " ") and
    ``revision_sentence`` (the largest difference between the vintages for each country of the pair, or the
    notice that the comparison was compiled only for Kazakhstan–Turkmenistan).
    """
    new_rows = gas[gas.source == "owid_energy_2025"]
    new_from = int(new_rows.year.min())
    missing = [COUNTRIES[c] for c in p.countries if c not in gas_codes]
    revisions = largest_revisions(vintages, p.pair)
    if revisions.empty:
        revision = wording.only_for_pair("the comparison of vintages", p.name_a, p.name_b)
    else:
        revision = "In the years both vintages cover, their gas production figures differ for " + "; for ".join(
            render_text("{country} by up to {pct:.0f}% ({year}: {old:,.0f} TWh in BP 2021, {new:,.0f} TWh in the "
                        "newer vintage)", {"country": r.country, "pct": abs(r.difference_pct), "year": int(r.year),
                                           "old": r.old_value, "new": r.new_value})
            for r in revisions.itertuples()) + "."
    return {
        "new_vintage_from": new_from, "last_bp_year": new_from - 1,
        "uzb_last_year": int(gas[gas.country_code == "UZB"].year.max()),
        "ei_last_year": int(new_rows.year.max()), "ei_edition": int(new_rows.year.max()) + 1,
        "coverage_sentence": render_text("{names} {verb} not covered by the gas series.", {
            "names": " and ".join(missing), "verb": wording.singular_or_plural(len(missing), "is", "are")})
        if missing else " ",
        "revision_sentence": revision,
    }


def chapter_scenario(balance: pd.DataFrame, p, horizon_year: int, consumption_growth_pct: float | None = None,
                     production_growth_pct: float | None = None) -> GasScenario:
    """Country A's scenario: constant growth from its last year with both flows to ``horizon_year``, at the
    ten-year recorded rates (:func:`recorded_growth`) unless a rate is given (% a year)."""
    row = last_balance_row(balance, p.country_a, p.end_year)
    if consumption_growth_pct is None:
        consumption_growth_pct = recorded_growth(balance, p.country_a, "consumption", p.end_year)[2]
    if production_growth_pct is None:
        production_growth_pct = recorded_growth(balance, p.country_a, "production", p.end_year)[2]
    return GasScenario(int(row.year), float(row.production), float(row.consumption), float(production_growth_pct),
                       float(consumption_growth_pct), horizon_year)


def recorded_window(balance: pd.DataFrame, p, base_year: int, years: int = 20) -> pd.DataFrame:
    """Country A's recorded balance for the scenario chart: the ``years`` years up to ``base_year``, not
    before ``p.start_year``."""
    return balance[(balance.country_code == p.country_a)
                   & balance.year.between(max(p.start_year, base_year - years), base_year)]


def chapter_sensitivity(balance: pd.DataFrame, p, horizon_year: int) -> pd.DataFrame:
    """:func:`crossover_sensitivity` of country A from every base year of :func:`sensitivity_base_years`."""
    end = int(last_balance_row(balance, p.country_a, p.end_year).year)
    return crossover_sensitivity(balance, p.country_a, end, horizon_year,
                                 sensitivity_base_years(balance, p.country_a, end))


def scenario_figures(scenario: GasScenario, balance: pd.DataFrame, p, unit: str, recorded_rates: bool,
                     sensitivity: pd.DataFrame) -> dict:
    """The scenario's rates, base year, horizon balance (``unit``; negative: a deficit) and crossover year
    (only when consumption overtakes production by the horizon), in numbers and in two sentences
    (``scenario_sentence``, ``horizon_balance_sentence``).

    ``recorded_rates``: both rates are the recorded ones (the sentences say so); then, if there is a crossover,
    ``xover_span`` gives the range of crossover years over the base years of ``sensitivity``
    (:func:`chapter_sensitivity`) in words.
    """
    cross = scenario.crossover_year()
    horizon = scenario.balance_at_horizon()
    growth_from, growth_to, _ = recorded_growth(balance, p.country_a, "consumption", p.end_year)
    figures = {
        "scenario_cons_rate": scenario.consumption_growth_pct, "scenario_prod_rate": scenario.production_growth_pct,
        "scenario_base_year": scenario.base_year, "horizon_year": scenario.horizon_year,
        "horizon_balance": horizon, "horizon_balance_abs": abs(horizon),
        "rates_source": f"the rates recorded over {growth_from}–{growth_to}" if recorded_rates
        else "rates set as parameters",
        "rates_words": f"consumption {wording.rate_words(scenario.consumption_growth_pct)} and production "
                       f"{wording.rate_words(scenario.production_growth_pct)}",
    }
    if cross is not None:
        figures["crossover_year"] = cross
    values = {**figures, "name_a": p.name_a}
    figures["scenario_sentence"] = render_text(
        "With {rates_words} ({rates_source}), {name_a}'s consumption would "
        + ("overtake its production in {crossover_year}." if cross is not None
           else "not overtake its production by {horizon_year}."), values)
    words = wording.balance_phrase(horizon, unit, volume_format(unit))
    if abs(horizon) < 0.05:
        template = "In {horizon_year} production and consumption would be about equal."
    elif horizon < 0:
        template = "In {horizon_year} the scenario leaves {words}, to be met by imports or by new production."
    else:
        template = "In {horizon_year} the scenario still leaves {words} for export or storage."
    figures["horizon_balance_sentence"] = render_text(template, {**values, "words": words})
    crossed = sensitivity.crossover_year.dropna()
    if cross is not None and recorded_rates:
        figures["xover_span"] = wording.year_range_phrase(crossed.min(), crossed.max())
    return figures


def latest_reserves(reserves: pd.DataFrame) -> pd.DataFrame:
    """The rows of dataset ``gas_reserves`` for its last year (BP 2021: the end of 2020)."""
    return reserves[reserves.year == int(reserves.year.max())]


def reserves_figures(reserves: pd.DataFrame, p, gas_codes: list[str]) -> dict:
    """Proved reserves (trillion m³) at the end of the last year of dataset ``gas_reserves`` and the
    reserves-to-production ratios in years, from BP 2021 alone (reserves and production of one edition).

    ``res_year``, ``res_a``, ``rp_a``, ``prod_bp_res_year_a`` (bcm); for a country B with reserves and a gas
    series also ``res_b``, ``res_ratio`` (B over A), ``rp_b``, ``prod_bp_res_year_b`` and ``res_flat_since_b``
    (first year of B's unchanged figure). ``reserves_sentence`` and ``flat_sentence`` (" " without B) say it.
    Raises ``KeyError`` when country A has no reserves row.
    """
    latest = latest_reserves(reserves).set_index("country_code")
    res_year = int(reserves.year.max())
    res_a = float(latest.proved_reserves_tcm[p.country_a])
    figures = {"res_year": res_year, "res_a": res_a,
               "rp_a": reserves_to_production(res_a, latest.production_bcm_bp_2021[p.country_a]),
               "prod_bp_res_year_a": float(latest.production_bcm_bp_2021[p.country_a])}
    values = {"name_a": p.name_a, "name_b": p.name_b}
    if p.country_b in latest.proved_reserves_tcm and p.country_b in gas_codes:
        res_b = float(latest.proved_reserves_tcm[p.country_b])
        flat_since = unchanged_since(reserves[reserves.country_code == p.country_b], "proved_reserves_tcm")
        figures.update(res_b=res_b, res_ratio=res_b / res_a,
                       rp_b=reserves_to_production(res_b, latest.production_bcm_bp_2021[p.country_b]),
                       prod_bp_res_year_b=float(latest.production_bcm_bp_2021[p.country_b]),
                       res_flat_since_b=flat_since)
        values.update(figures)
        figures["flat_sentence"] = render_text(
            "BP's figure for {name_b} has not changed since {res_flat_since_b}." if flat_since < res_year
            else "BP revised the figure for {name_b} in {res_year}.", values)
        figures["reserves_sentence"] = render_text(
            "{name_b} reported {res_b:.1f} trillion cubic metres of proved gas reserves at the end of {res_year}, "
            "{res_ratio:.1f} times {name_a}'s {res_a:.1f}: about {rp_b:.0f} years of its {res_year} output on BP's "
            "own production figure.", values)
    else:
        figures["flat_sentence"] = " "
        figures["reserves_sentence"] = render_text(
            "The reserves series does not cover {name_b}; {name_a} reported {res_a:.1f} trillion cubic metres at "
            "the end of {res_year}.", {**values, **figures})
    return figures


# Stated figures of dataset energy_facts the chapter quotes: glued name → (subject, attribute).
INFRASTRUCTURE_FACTS = {
    "galk_low": ("Galkynysh", "reserves_tcm_low"), "galk_best": ("Galkynysh", "reserves_tcm_best"),
    "galk_high": ("Galkynysh", "reserves_tcm_high"),
    "galk_stage1": ("Galkynysh", "capacity_bcm_per_year_first_stage"),
    "galk_longterm": ("Galkynysh", "long_term_production_bcm_per_year"),
    "galk_resources": ("Galkynysh", "resources_tcm_total"),
    "cagp_capacity": ("Lines A/B/C", "capacity_bcm_per_year"), "cagp_length": ("Lines A/B/C", "length_km"),
    "cagp_delivered": ("Lines A/B/C", "cumulative_deliveries_to_mid_2020"),
    "line_c_capacity": ("Line C", "capacity_bcm_per_year"), "line_d_capacity": ("Line D", "capacity_bcm_per_year"),
    "bbs_capacity": ("Beineu", "capacity_bcm_per_year"), "bbs_length": ("Beineu", "length_km"),
    "tapi_capacity": ("TAPI", "capacity_bcm_per_year"), "tapi_length": ("TAPI", "length_km"),
}


def infrastructure_figures(facts: pd.DataFrame) -> dict:
    """The stated figures of :data:`INFRASTRUCTURE_FACTS` (dataset ``energy_facts``) as numbers in their units,
    and ``cagp_capacity_alt``, the second capacity of lines A–C that another source gives
    (:func:`alternative_capacity`). Raises ``LookupError`` naming a fact that is missing or not unique."""
    figures = {name: float(fact_value(facts, subject, attribute).value)
               for name, (subject, attribute) in INFRASTRUCTURE_FACTS.items()}
    figures["cagp_capacity_alt"] = alternative_capacity(fact_value(facts, "Lines A/B/C", "capacity_bcm_per_year"))
    return figures


def publishers(metadata: dict) -> dict[str, str]:
    """Bib key → publisher (or title) of each source in a dataset's metadata, for :func:`facts_table`."""
    return {s.get("bib_key"): s.get("publisher", s.get("title", "")) for s in metadata.get("sources", [])}


def shown_oil(oil: pd.DataFrame, p, gas_codes: list[str]) -> pd.DataFrame:
    """The rows of dataset ``energy_oil`` the oil chart shows: the chapter's countries with a gas series, the
    years ``p.start_year``–``p.end_year``."""
    return oil[oil.country_code.isin([c for c in p.countries if c in gas_codes])
               & oil.year.between(p.start_year, p.end_year)]


def oil_figures(oil: pd.DataFrame, gas: pd.DataFrame, p, gas_codes: list[str]) -> dict:
    """Country A's oil in energy terms (TWh) in its last year shown: ``oil_year_a``, ``oil_prod_a``,
    ``oil_cons_a``, ``oil_export_share_a`` (production not consumed, % of production) and ``oil_gas_ratio_a``
    (oil over gas production, both in TWh). Datasets ``energy_oil`` and ``energy_gas``."""
    rows = shown_oil(oil, p, gas_codes)
    year = int(rows[rows.country_code == p.country_a].year.max())
    oil_a = rows[(rows.country_code == p.country_a) & (rows.year == year)].set_index("flow").value_twh
    twh = gas_balance(gas, "TWh")
    gas_a = twh[(twh.country_code == p.country_a) & (twh.year == year)].production.iloc[0]
    return {"oil_year_a": year, "oil_prod_a": oil_a["production"], "oil_cons_a": oil_a["consumption"],
            "oil_export_share_a": (oil_a["production"] - oil_a["consumption"]) / oil_a["production"] * 100,
            "oil_gas_ratio_a": oil_a["production"] / gas_a}


def latest_mixes(mix: pd.DataFrame, p) -> pd.DataFrame:
    """:func:`latest_complete_mix` of each of the chapter's countries up to ``p.end_year``, stacked."""
    return pd.concat([latest_complete_mix(mix, c, up_to_year=p.end_year) for c in p.countries])


def mix_figures(mix: pd.DataFrame, p, source_labels: dict[str, str]) -> dict:
    """The electricity mix of the pair in each country's latest complete year (dataset ``electricity_mix``).

    Years, shares of gas, coal and hydro (% of generation), B's largest source (its label from
    ``source_labels``, lower case) and share, total generation (TWh), and ``mix_incomplete_sentence`` naming
    the countries and years that give only the total and the low-carbon sources.
    """
    latest = latest_mixes(mix, p)
    shares = latest.pivot_table(index="country_code", columns="source", values="share_pct",
                                aggfunc="first").fillna(0)
    years = latest.groupby("country_code").year.first()
    incomplete = mix[~mix.mix_complete.astype(bool) & mix.country_code.isin(p.countries)].groupby("country").year.max()
    a, b = shares.loc[p.country_a], shares.loc[p.country_b]
    return {
        "mix_year_a": int(years[p.country_a]), "mix_year_b": int(years[p.country_b]),
        "gas_share_a": a.get("gas", 0.0), "coal_share_a": a.get("coal", 0.0),
        "gas_share_b": b.get("gas", 0.0), "coal_share_b": b.get("coal", 0.0), "hydro_share_b": b.get("hydro", 0.0),
        "top_source_share_b": b.max(), "top_source_b": source_labels[b.idxmax()].lower(),
        "total_gen_a": float(latest[latest.country_code == p.country_a].total_generation_twh.iloc[0]),
        "total_gen_b": float(latest[latest.country_code == p.country_b].total_generation_twh.iloc[0]),
        "mix_incomplete_sentence": render_text(
            "Years in which the data give only the total and the low-carbon sources ({years}) are left out rather "
            "than drawn as a full mix.", {"years": "; ".join(f"{c} to {y}" for c, y in incomplete.items())})
        if len(incomplete) else "Every year shown has a complete breakdown by source.",
    }


def bilateral_figures(facts: pd.DataFrame, balance_bcm: pd.DataFrame, p) -> dict:
    """The import volume President Tokayev mentioned (``import_target``, bcm a year) against country A's gas
    consumption in its last year (``import_share_pct``, ``import_base_year``), and ``bilateral_gas_text``: the
    company-level gas agreements (dates from dataset ``energy_facts``, also glued) for Kazakhstan–Turkmenistan,
    the notice that they were compiled only for that pair otherwise. ``balance_bcm``: :func:`gas_balance` in bcm.
    """
    last = last_balance_row(balance_bcm, p.country_a, p.end_year)
    target = float(fact_value(facts, "QazaqGaz", "import_volume_target_bcm_per_year").value)
    figures = {"import_target": target, "import_share_pct": target / last.consumption * 100,
               "import_base_year": int(last.year)}
    if not p.is_bilateral_pair:
        figures["bilateral_gas_text"] = wording.only_for_pair("the record of company-level gas agreements",
                                                              p.name_a, p.name_b)
        return figures
    figures.update(
        contract_month=wording.date_label(fact_value(facts, "QazaqGaz", "gas_import_contract_signed").value, "month"),
        agreement_date=wording.date_label(
            fact_value(facts, "QazaqGaz", "strategic_cooperation_agreement_signed").value, "day"),
        meeting_date=wording.date_label(fact_value(facts, "QazaqGaz", "working_meeting").value, "day"))
    figures["bilateral_gas_text"] = render_text(
        "Between the two national gas companies, a contract for imports of Turkmen gas into Kazakhstan was reported in "
        "{contract_month}, when President Tokayev said Kazakhstan was ready to import up to {import_target:.1f} bcm a "
        "year under a long-term contract: a statement, not a contracted volume, equal to {import_share_pct:.0f}% of "
        "Kazakhstan's gas consumption in {import_base_year}. QazaqGaz and Turkmengaz signed a strategic cooperation "
        "agreement on {agreement_date} covering the resource base and exploration (including possible QazaqGaz work on "
        "fields such as Galkynysh), trunk pipelines including TAPI, and imports of commercial gas; their heads met "
        "again on {meeting_date} to step up a joint expert group.", figures)
    return figures


def swing_figures(balance: pd.DataFrame, balance_bcm: pd.DataFrame, reserves: pd.DataFrame, p) -> dict:
    """How much country A's production (bcm) swings from year to year inside the vintage of its last year, what
    BP's 2021 edition (dataset ``gas_reserves``) shows for the same years, and the peak-surplus year in both.

    ``swing_max_pct`` (largest change, %), ``swing_year``, ``swing_verb``, ``swing_n10`` (changes of 10% or
    more) of ``swing_n``, ``swing_from``–``swing_to``; ``bp_swing_max_pct`` and ``bp_swing_to`` when the last year
    is not BP's; ``swing_sentence``. ``peak_vintage_sentence`` compares the two editions' production in the
    peak-surplus year (``peak_prod_bp_a``, ``peak_prod_new_a``) when the peak is in the newer vintage and BP
    covers it, else " ". ``balance``: :func:`gas_balance` in the chapter's unit; ``balance_bcm``: in bcm.
    """
    row = last_balance_row(balance, p.country_a, p.end_year)
    changes = annual_changes(balance_bcm, p.country_a)
    changes = changes[changes.source == row.source]
    swing = changes.loc[changes.change_pct.abs().idxmax()]
    bp_a = reserves[reserves.country_code == p.country_a].set_index("year").production_bcm_bp_2021.dropna()
    bp_changes = (bp_a.pct_change() * 100).loc[int(changes.year.min()):]
    figures = {"swing_max_pct": abs(swing.change_pct), "swing_year": int(swing.year),
               "swing_verb": wording.change_verb(swing.change_pct, rising="rose", falling="fell"),
               "swing_n10": int((changes.change_pct.abs() >= 10).sum()), "swing_n": len(changes),
               "swing_from": int(changes.year.min()) - 1, "swing_to": int(changes.year.max())}
    clause = ""
    if len(bp_changes.dropna()) and row.source != "bp_2021":
        figures.update(bp_swing_max_pct=float(bp_changes.abs().max()), bp_swing_to=int(bp_changes.index.max()))
        clause = render_text("; BP's 2021 edition moved by at most {bp_swing_max_pct:.1f}% a year over "
                             "{swing_from}–{bp_swing_to}", figures)
    figures["swing_sentence"] = render_text(
        "{name_a}'s production series in this vintage changes by {swing_max_pct:.0f}% in a single year ({swing_year}) "
        "and by 10% or more in {n10} of its {n} annual changes{bp}.",
        {**figures, "name_a": p.name_a, "n10": wording.number_word(figures["swing_n10"]),
         "n": wording.number_word(figures["swing_n"]), "bp": clause})
    shown = shown_balance(balance, p)
    peak = shown[shown.country_code == p.country_a].sort_values("surplus").iloc[-1]
    figures["peak_vintage_sentence"] = " "
    if peak.source != "bp_2021" and int(peak.year) in bp_a.index:
        new = balance_bcm[(balance_bcm.country_code == p.country_a) & (balance_bcm.year == peak.year)]
        figures.update(peak_prod_bp_a=float(bp_a[int(peak.year)]), peak_prod_new_a=float(new.production.iloc[0]))
        figures["peak_vintage_sentence"] = render_text(
            "The peak itself depends on the edition: for {peak_surplus_year_a} BP's 2021 edition gives {name_a} "
            "{peak_prod_bp_a:.1f} bcm of production, the newer edition {peak_prod_new_a:.1f} bcm.",
            {**figures, "name_a": p.name_a, "peak_surplus_year_a": int(peak.year)})
    return figures


def sensitivity_figures(sensitivity: pd.DataFrame, horizon_year: int) -> dict:
    """The crossover year and the fall of the surplus over the base years of ``sensitivity``
    (:func:`chapter_sensitivity`), in numbers and sentences.

    ``xover_base_first``/``_last``, ``xover_n`` base years, ``xover_none_n`` without a crossover by
    ``horizon_year``; ``xover_min``/``_max`` when any crosses; ``fall_min_pct``/``_max_pct`` (%) when the surplus
    fell from any base year; ``fall_range_sentence`` and ``sensitivity_sentence``.
    """
    crossed = sensitivity.dropna(subset=["crossover_year"])
    no_cross = sensitivity[sensitivity.crossover_year.isna()]
    falls = sensitivity[sensitivity.surplus_fall_pct > 0]
    figures = {"xover_base_first": int(sensitivity.base_year.min()),
               "xover_base_last": int(sensitivity.base_year.max()),
               "xover_n": len(sensitivity), "xover_none_n": len(no_cross)}
    if len(crossed):
        figures.update(xover_min=int(crossed.crossover_year.min()), xover_max=int(crossed.crossover_year.max()))
        xover_range = "consumption would overtake production " + wording.year_range_phrase(figures["xover_min"],
                                                                                           figures["xover_max"])
    else:
        xover_range = f"consumption would not overtake production by {horizon_year}"
    none_clause = (f"; from {wording.join_names([str(b) for b in no_cross.base_year])} it would not by {horizon_year}"
                   if len(no_cross) and len(crossed) else "")
    if len(falls):
        figures.update(fall_min_pct=float(falls.surplus_fall_pct.min()),
                       fall_max_pct=float(falls.surplus_fall_pct.max()))
        figures["fall_range_sentence"] = render_text(
            "Measured from the other base years in the same vintage, the fall of the surplus ranges from "
            "{fall_min_pct:.0f}% to {fall_max_pct:.0f}%" + (", and from {bases} the surplus grew"
                                                            if len(falls) < len(sensitivity) else "") + ".",
            {**figures, "bases": wording.join_names(
                [str(b) for b in sensitivity[~(sensitivity.surplus_fall_pct > 0)].base_year])})
    else:
        figures["fall_range_sentence"] = "Measured from every base year in the same vintage, the surplus grew."
    figures["sensitivity_sentence"] = render_text(
        "Measured from each base year between {xover_base_first} and {xover_base_last} (growth windows in one "
        "vintage), {range}{none}.", {**figures, "range": xover_range, "none": none_clause})
    return figures


def sensitivity_robustness(sensitivity: pd.DataFrame) -> str:
    """Whether the growth windows of ``sensitivity`` (:func:`chapter_sensitivity`) agree, as the end of a sentence:
    every window points the same way; all but those from some base years do; or none points to a crossover."""
    crossed = sensitivity.crossover_year.notna()
    if crossed.all():
        return "every window points the same way, but the exact year does not survive the choice."
    if crossed.any():
        bases = wording.join_names([str(b) for b in sensitivity[~crossed].base_year])
        return (f"all windows but the one from {bases} point the same way, and the exact year does not survive "
                "the choice.")
    return "no window points to a crossover."


def kazakhstan_series(balance_bcm: pd.DataFrame) -> pd.DataFrame:
    """Kazakhstan's rows of :func:`gas_balance` (bcm) from the Energy Institute vintage (marketed gas)."""
    return balance_bcm[(balance_bcm.country_code == "KAZ") & (balance_bcm.source == "owid_energy_2025")]


# Facts of dataset context_facts on the drivers the chapter quotes: China's demand and the pipeline, TAPI.
DRIVER_FACTS = ("CHN01", "CHN02", "CHN03", "CHN05", "CHN06", "CHN07", "CHN08", "CHN09", "CHN10", "AFG01", "AFG02",
                "AFG03", "AFG04")

# Facts of dataset context_facts on Kazakhstan's raw and commercial gas that the chapter quotes.
KAZAKHSTAN_GAS_FACTS = ("GAS00", "GAS01", "GAS02", "GAS03", "GAS04", "GAS05", "GAS08", "GAS09", "GAS10", "GAS11",
                        "GAS13", "GAS15", "GAS16", "GAS17", "GAS18", "GAS19", "GAS20", "GAS21")


def kazakhstan_box_figures(balance_bcm: pd.DataFrame, context: pd.DataFrame) -> dict:
    """Kazakhstan's raw and commercial gas (bcm) as its energy ministry stated them (dataset ``context_facts``)
    against the Energy Institute series, for the last year that has both outturns (``box_year``).

    ``box_raw``, ``box_commercial``, ``box_series``, ``box_commercial_share_pct`` (%), the series over each
    national figure (ratios), the years compared (``box_first_year``, ``box_years_n``) with the range of the
    ratio and the largest gap rounded up (``box_ratio_gap_pct``, %); the facts of
    :data:`KAZAKHSTAN_GAS_FACTS` (:func:`kztm.themes.drivers.dated_fact_values`); the three largest fields'
    raw gas (``three_fields_bcm``) and their share of GAS08's raw production (%).
    """
    from .drivers import dated_fact_values

    matched = series_against_national(kazakhstan_series(balance_bcm), national_gas_figures(context))
    last = matched.iloc[-1]
    figures = {
        "box_year": int(last.year), "box_raw": last.raw_bcm, "box_commercial": last.commercial_bcm,
        "box_series": last.series_bcm, "box_commercial_share_pct": last.commercial_bcm / last.raw_bcm * 100,
        "box_series_to_commercial": last.series_to_commercial, "box_series_to_raw": last.series_to_raw,
        "box_first_year": int(matched.year.min()), "box_ratio_min": float(matched.series_to_commercial.min()),
        "box_ratio_max": float(matched.series_to_commercial.max()), "box_years_n": len(matched),
        **dated_fact_values(context, KAZAKHSTAN_GAS_FACTS),
    }
    three = sum(figures[f"gas{n}_value"] for n in ("09", "10", "11"))
    figures.update(three_fields_bcm=three, three_fields_share_pct=three / figures["gas08_value"] * 100,
                   box_ratio_gap_pct=math.ceil(max(abs(1 - matched.series_to_commercial)) * 100))
    return figures


# --- chart titles (the finding), key findings and the claim E1 chosen by the chapter's figures --------------
#
# ``values``: the chapter's glued figures (``Chapter.values``) after the ``*_figures`` functions above.


def chart_titles(values: dict, p, balance: pd.DataFrame, reserves: pd.DataFrame, recorded_rates: bool) -> dict:
    """Titles of the charts whose finding depends on the data: ``gas`` (who produces more, by how much, in the
    last year both have; or A's own series when B has none), ``reserves`` (B's against A's, or the largest
    of the Caspian group when B has none), ``scenario`` (crossover or not, at recorded or set rates) and
    ``sensitivity`` (how far the crossover year moves with the base year). Plain text (charts draw text).
    ``balance``: :func:`gas_balance` in the chapter's unit; ``reserves``: dataset ``gas_reserves``.
    """
    v = values
    if "gas_year_b" in v:
        year = min(v["gas_year_a"], v["gas_year_b"])
        at = balance[balance.year == year].set_index("country_code").production
        a, b = p.pair
        big, small = (b, a) if at[b] >= at[a] else (a, b)
        gas = render_text("{big} produced {ratio:.1f} times as much gas as {small} in {year}",
                          {"big": COUNTRIES[big], "small": COUNTRIES[small], "ratio": at[big] / at[small],
                           "year": year})
    else:
        gas = render_text("{name_a}'s gas production and consumption, {first_year_a}–{gas_year_a}", v)
    if "res_b" in v:
        res = render_text("{name_b} reports {res_b:.1f} trillion m³ of gas, {res_ratio:.1f} times {name_a}", v)
    else:
        top = latest_reserves(reserves).sort_values("proved_reserves_tcm").iloc[-1]
        res = render_text("{country} reports the largest reserves of the Caspian group: {tcm:.1f} trillion m³",
                          {"country": top.country, "tcm": top.proved_reserves_tcm})
    if "crossover_year" not in v:
        scenario = "{name_a}'s production stays above consumption to {horizon_year} in this scenario"
    elif recorded_rates:
        scenario = "At recorded trends {name_a}'s gas consumption overtakes production in {crossover_year}"
    else:
        scenario = "{name_a}'s consumption overtakes production in {crossover_year} in this scenario"
    if "xover_min" in v and v["xover_n"] > 1:
        sensitivity = render_text("The crossover year moves {span} years with the base year of the trend",
                                  {"span": v["xover_max"] - v["xover_min"]})
    elif "xover_min" in v:
        sensitivity = ("Consumption overtakes production " + wording.year_range_phrase(v["xover_min"], v["xover_max"])
                       + " from every base year")
    else:
        sensitivity = render_text("From no base year does consumption overtake production by {horizon_year}", v)
    return {"gas": gas, "reserves": res, "scenario": render_text(scenario, v), "sensitivity": sensitivity}


def key_findings(values: dict, p, recorded_rates: bool) -> list[str]:
    """The chapter's key findings as prose templates (3–5), chosen by what the figures show.

    Always the balance of country A (at recorded rates with a crossover: the shrinking surplus and the
    crossover as a range; otherwise the last year's flows and the scenario); with Kazakhstan in the pair, raw
    against commercial gas; with reserves for B, its reserves and balance; for Kazakhstan–Turkmenistan, transit
    against imports and the routes that bypass Kazakhstan.
    """
    if "crossover_year" in values and recorded_rates:
        findings = ["{name_a}'s room to export gas is shrinking: its surplus was {surplus_a:,.1f} {unit} in "
                    "{gas_year_a}, {surplus_fall_pct_a:.0f}% below {peak_surplus_year_a}, and at the trends of "
                    "{growth_from}–{growth_to} consumption would overtake production in {crossover_year}. Treat the "
                    "year as a range, not a date: from other base years it moves {xover_span} "
                    "({fig:fig-energy-crossover}), in a series that changes by up to {swing_max_pct:.0f}% a year."]
    else:
        findings = ["{name_a} produced {prod_a:,.1f} {unit} of gas and consumed {cons_a:,.1f} {unit} in {gas_year_a}. "
                    "{scenario_sentence} ({fig:fig-energy-scenario})"]
    if "KAZ" in p.pair:
        findings.append(
            "Kazakhstan sells only about half the gas it extracts: {box_raw:.1f} bcm of raw gas but "
            "{box_commercial:.1f} bcm of commercial gas in {box_year}, on the energy ministry's figures. The Energy "
            "Institute series this chapter uses tracks the commercial figure, so processing capacity, not only new "
            "fields, decides the balance; imports of commercial gas reached {gas21_value:.1f} bcm in {gas21_when}, as "
            "President Tokayev stated ({fig:fig-energy-commercial}).")
    if "res_b" in values:
        findings.append("{name_b} has gas to spare: {res_b:.1f} trillion m³ of proved reserves at the end of "
                        "{res_year} (BP), about {rp_b:.0f} years of its {res_year} output on BP's own production "
                        "figure, against {rp_a:.0f} years for {name_a} ({fig:fig-energy-reserves}). {gas_b_sentence}")
    if p.is_bilateral_pair:
        findings.append(
            "For Turkmen gas, Kazakhstan is a corridor before it is a customer: about {chn09_value:.1f} bcm of Turkmen "
            "and Uzbek gas crossed it to China in {chn09_date} (derived from the energy minister's figures), against "
            "the {import_target:.1f} bcm a year President Tokayev mentioned for imports. The routes that would bypass "
            "Kazakhstan are slow: Line D to China was reported held up by pricing {chn07_on}, and TAPI's Afghan "
            "section only began {afg02_on}.")
    return findings


def claim_e1_scenario(values: dict, recorded_rates: bool) -> str:
    """What the scenario says for claim E1 (Kazakhstan will need commercial gas), as plain text: at recorded rates
    with a crossover, the year and its range over base years (``xover_span``); otherwise the scenario sentence."""
    if recorded_rates and "crossover_year" in values and "xover_span" in values:
        return render_text(
            "At the rates recorded in {growth_from}–{growth_to} (consumption {c}, production {prod}) consumption would "
            "overtake production in {crossover_year}, and in a range of years from other base years ({xover_span}).",
            {**values, "c": wording.rate_words(values["cons_growth_recorded"]),
             "prod": wording.rate_words(values["prod_growth_recorded"])})
    return values["scenario_sentence"]
