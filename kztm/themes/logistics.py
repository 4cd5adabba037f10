"""Computations of the logistics chapter: route facts, quoted volumes, LPI and the cost scenario.

Everything here reads the committed datasets' columns (``logistics_routes``, ``logistics_indicators``,
``corridors``, ``trade_bilateral``); nothing adds a value the data does not hold. The scenario's cost per
tonne is the reader's assumption (the data hold no freight cost), so :func:`savings_musd` is arithmetic on
parameters, not an estimate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from ..params import COUNTRIES, ParameterError, check_number

# The range of the cost reduction claimed for the Southern Transit Corridor (claim L4), in %.
CLAIMED_REDUCTION_PCT = (15.0, 20.0)

# Quoted figures of trade_bilateral that measure freight (tonnes) or its growth.
FREIGHT_WORDS = ("cargo", "rail", "transit", "transshipment", "railway", "freight")

CORRIDOR_SHORT = {  # corridor name prefix → short label, in the order tables show them
    "Ashgabat Agreement": "Ashgabat Agreement",
    "International North–South Transport Corridor": "North–South corridor (INSTC) agreement",
    "INSTC eastern route roadmap": "INSTC eastern-route roadmap 2024",
}
STATUS_TEXT = {
    "party": "party",
    "former_party": "former party",
    "signatory": "signatory",
    "accession_in_progress": "accession in progress",
}


# --- scenario -------------------------------------------------------------------------------

def check_scenario(cost_reduction_pct, baseline_cost_usd_per_t, volume_mt) -> tuple[float, float, float]:
    """Validate the three scenario parameters (one sentence naming the bad value)."""
    check_number("cost_reduction_pct", cost_reduction_pct, minimum=0, maximum=100)
    check_number("baseline_cost_usd_per_t", baseline_cost_usd_per_t, minimum=0, maximum=10_000)
    check_number("volume_mt", volume_mt, minimum=0, maximum=1_000)
    if baseline_cost_usd_per_t == 0:
        raise ParameterError("baseline_cost_usd_per_t=0 leaves nothing to save; give a cost above zero.")
    return float(cost_reduction_pct), float(baseline_cost_usd_per_t), float(volume_mt)


def savings_musd(volume_mt: float, cost_usd_per_t: float, reduction_pct: float) -> float:
    """Saving in USD million: million tonnes × USD per tonne × share saved (Mt × USD/t = USD million)."""
    return volume_mt * cost_usd_per_t * reduction_pct / 100.0


def savings_curve(volume_mt: float, cost_usd_per_t: float, max_pct: float = 40.0, step: float = 1.0) -> pd.DataFrame:
    """Savings for reductions 0 … ``max_pct`` % (the chart's line at the default cost)."""
    pcts = [round(i * step, 6) for i in range(round(max_pct / step) + 1)]
    return pd.DataFrame({"reduction_pct": pcts,
                         "savings_musd": [savings_musd(volume_mt, cost_usd_per_t, p) for p in pcts]})


def annualised(value: float, months: int) -> float:
    """A value for ``months`` months scaled pro rata to twelve (a derived figure, not a quoted one)."""
    if not 0 < months <= 12:
        raise ValueError(f"months={months} must be between 1 and 12.")
    return value * 12.0 / months


# --- route facts ----------------------------------------------------------------------------

def route(routes: pd.DataFrame, route_id: str) -> pd.Series:
    rows = routes[routes.route_id == route_id]
    if rows.empty:
        raise LookupError(f"Route {route_id!r} is not in logistics_routes.")
    return rows.iloc[0]


def stated_lengths(row) -> list[int]:
    """The route's length and the other exact lengths its note quotes ('about …' figures left out)."""
    lengths = [] if pd.isna(row["length_km"]) else [int(row["length_km"])]
    for about, number in re.findall(r"(about\s+)?(\d[\d,]*)\s*km", str(row.get("note") or "")):
        if not about:
            lengths.append(int(number.replace(",", "")))
    return sorted(set(lengths))


def stated_capacity(text) -> list[dict]:
    """Ranges such as '3-5 Mt/yr at first, 10-12 Mt/yr later' → [{stage, low, high}, …]."""
    out = []
    pattern = r"(\d+(?:\.\d+)?)\s*[-–]\s*(\d+(?:\.\d+)?)\s*Mt/yr\s*([a-z ]*)"
    for low, high, stage in re.findall(pattern, str(text or "")):
        out.append({"stage": stage.strip() or "stated", "low": float(low), "high": float(high)})
    return out


def railway_sections(routes: pd.DataFrame, whole: str = "KTI_RAIL") -> pd.DataFrame:
    """The national sections of a railway (route ids starting with ``whole`` + '_')."""
    sections = routes[routes.route_id.str.startswith(whole + "_")].copy()
    return sections.sort_values("length_km", ascending=False)


# --- quoted volumes ---------------------------------------------------------------------------

def quoted_freight(trade_bilateral: pd.DataFrame) -> pd.DataFrame:
    """Quoted freight figures (tonnes) and freight growth statements, oldest first."""
    words = "|".join(FREIGHT_WORDS)
    rows = trade_bilateral[trade_bilateral.indicator.str.contains(words, case=False, regex=True)]
    rows = rows.drop_duplicates(subset=["period", "indicator", "value", "change_stated"])
    return rows.sort_values(["period_start", "id"]).reset_index(drop=True)


def quoted_tonnes(trade_bilateral: pd.DataFrame) -> pd.DataFrame:
    """The quoted freight figures that have a value in million tonnes."""
    rows = quoted_freight(trade_bilateral)
    return rows[(rows.unit == "million tonnes") & rows.value.notna()].reset_index(drop=True)


def find_quoted(quoted: pd.DataFrame, *phrases: str, period: str | None = None) -> pd.Series:
    """The one quoted figure whose ``indicator`` contains every phrase (case-insensitive; and whose ``period``
    equals ``period`` if given), found by content rather than by row position or id.

    ``quoted``: dataset ``trade_bilateral`` or ``logistics_quoted``. Raises ``LookupError`` naming the phrases
    when no row or more than one row matches.
    """
    rows = quoted
    for phrase in phrases:
        rows = rows[rows.indicator.str.contains(phrase, case=False, regex=False)]
    if period is not None:
        rows = rows[rows.period.astype(str) == period]
    if len(rows) != 1:
        raise LookupError(f"{len(rows)} quoted figures have an indicator with {', '.join(map(repr, phrases))}"
                          + (f" and period {period!r}" if period else "") + "; expected exactly one.")
    return rows.iloc[0]


# --- ports and railway figures as quoted (dataset logistics_quoted) ---------------------------------

PORTS = {"Aktau port": "Aktau", "Kuryk port": "Kuryk", "Turkmenbashi port": "Türkmenbaşy"}


def _in_million_tonnes(value: float, unit: str) -> float | None:
    """A quoted value in million tonnes: from 'million tonnes', 'million tonnes per year' or 'thousand tonnes';
    None for any other unit (a growth rate, a count)."""
    if unit in ("million tonnes", "million tonnes per year"):
        return float(value)
    if unit == "thousand tonnes":
        return float(value) / 1000.0
    return None


def _months(start, end) -> int:
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    return (end.year - start.year) * 12 + end.month - start.month + 1


def port_figures(logistics_quoted: pd.DataFrame) -> pd.DataFrame:
    """The quoted figures of the three ports that have a level in tonnes, oldest first.

    Columns of ``logistics_quoted`` plus ``port`` (Aktau, Kuryk, Türkmenbaşy), ``mt`` (million tonnes; a
    capacity is million tonnes a year) and ``months`` (length of the period; 12 for a capacity). A growth
    rate without a level (definition "growth") is left out: it has no tonnes to draw.
    """
    rows = logistics_quoted[logistics_quoted.subject.isin(PORTS)].copy()
    rows["mt"] = [_in_million_tonnes(v, u) for v, u in zip(rows.value, rows.unit, strict=True)]
    rows = rows[rows.mt.notna() & (rows.definition != "growth")]
    rows["port"] = rows.subject.map(PORTS)
    rows["months"] = [_months(a, b) for a, b in zip(rows.period_start, rows.period_end, strict=True)]
    order = list(PORTS.values())
    return (rows.assign(port_order=rows.port.map(order.index))
            .sort_values(["port_order", "period_start", "id"]).drop(columns="port_order").reset_index(drop=True))


def rail_figures(logistics_quoted: pd.DataFrame) -> pd.DataFrame:
    """The quoted rail cargo figures between Kazakhstan and Turkmenistan, oldest first, in million tonnes.

    Columns of ``logistics_quoted`` (topic "rail") plus ``mt`` and ``months`` (length of the period). The
    figures do not share one definition: the whole Kazakhstan–Turkmenistan–Iran line, one border station, or
    traffic between the two countries (``subject`` says which); a ``derived`` status marks the compiler's sum.
    """
    rows = logistics_quoted[logistics_quoted.topic == "rail"].copy()
    rows["mt"] = [_in_million_tonnes(v, u) for v, u in zip(rows.value, rows.unit, strict=True)]
    rows["months"] = [_months(a, b) for a, b in zip(rows.period_start, rows.period_end, strict=True)]
    rows["what"] = [_rail_what(s) for s in rows.subject]
    return rows[rows.mt.notna()].sort_values(["period_start", "id"]).reset_index(drop=True)


def _rail_what(subject: str) -> str:
    """What a rail figure counts, in a few words, from its ``subject``: the part in brackets (a station or a
    crossing), the whole line for the three-country railway, else traffic between the two countries."""
    found = re.search(r"\(([^)]*)\)", subject)
    if found:
        return found.group(1).replace("-", "–")
    if "Iran" in subject:
        return "the whole Kazakhstan–Turkmenistan–Iran line"
    return "rail cargo between the two countries"


def period_middle(start, end) -> float:
    """The middle of a period as a fractional year (2020.12 for January–March 2020), to place it on a year axis."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    middle = start + (end - start) / 2
    return middle.year + (middle.day_of_year - 0.5) / (366 if middle.is_leap_year else 365)


def share_of(value: float, low: float, high: float) -> tuple[float, float]:
    """``value`` as a percentage of a stated range: (of the upper end, of the lower end), e.g. 1.8 of 10–12 →
    (15.0, 18.0). Raises ``ValueError`` for a range that is not positive."""
    if not 0 < low <= high:
        raise ValueError(f"A range {low}–{high} must be positive with low <= high.")
    return 100.0 * value / high, 100.0 * value / low


# --- the Trans-Caspian route as each source states it (dataset context_facts) ------------------------

# Facts that state a volume, a capacity goal or a forecast for the Trans-Caspian route, in tonnes, with who
# stated the figure (the publisher is in the fact's source_name). UKR10 (January–November 2024) is left out:
# the full-year figures for 2024 supersede it.
TRANS_CASPIAN_FACTS = {
    "UKR02": "Kazakh officials", "UKR04": "KTZ", "UKR05": "economy minister", "UKR11": "transport minister",
    "UKR12": "route association", "UKR17": "KTZ, rail, Jan–Oct", "UKR06": "target",
    "UKR14": "target", "UKR07": "forecast",
}


def trans_caspian(facts: pd.DataFrame, ids=TRANS_CASPIAN_FACTS) -> pd.DataFrame:
    """The Trans-Caspian route's volumes, targets and forecasts as each source stated them.

    ``facts``: dataset ``context_facts``. Returns one row per fact: ``fact_id``, ``year`` (the year the figure
    is for: the target year for a target), ``period`` ("full year", "part of the year", "target year"),
    ``value`` (Mt or Mt a year), ``value_kind``, ``value_status``, ``statement``, ``source_name``,
    ``source_tier``, ``bib_key``, ``stated_by`` (from ``ids`` when it is a mapping). Raises ``LookupError``
    naming a missing id.
    """
    missing = [i for i in ids if i not in set(facts.fact_id)]
    if missing:
        raise LookupError(f"Facts {', '.join(missing)} are not in dataset context_facts.")
    rows = facts.set_index("fact_id").loc[list(ids)].reset_index()
    rows["year"] = rows.date.astype(str).str[:4].astype(int)
    rows["period"] = ["target year" if k in ("target", "forecast") else "part of the year" if p != "year"
                      else "full year" for k, p in zip(rows.value_kind, rows.date_precision, strict=True)]
    rows["stated_by"] = [ids[i] if isinstance(ids, dict) else "" for i in rows.fact_id]
    keep = ["fact_id", "year", "period", "value", "unit", "value_kind", "value_status", "statement",
            "source_name", "source_tier", "bib_key", "date", "stated_by"]
    return rows[keep].sort_values(["year", "fact_id"]).reset_index(drop=True)


# --- the railway network (WDI route-km) and its reporting breaks -------------------------------------

def rail_segments(indicators: pd.DataFrame) -> pd.DataFrame:
    """Route-km rows with a ``segment`` per country that starts again at every reporting break.

    ``indicators``: dataset ``logistics_indicators`` rows with ``rail_route_km`` and ``rail_break`` (true where
    the value differs from the previous one by more than 20%). A line drawn per (country, segment) never joins
    values across a break. Adds ``segment`` (0, 1, …) and ``break_here`` (bool).
    """
    rows = indicators.dropna(subset=["rail_route_km"]).sort_values(["country_code", "year"]).copy()
    rows["break_here"] = rows.rail_break.astype("boolean").fillna(False).astype(bool)
    rows["segment"] = rows.groupby("country_code").break_here.cumsum().astype(int)
    return rows.reset_index(drop=True)


def reporting_breaks(indicators: pd.DataFrame, code: str) -> pd.DataFrame:
    """The reporting breaks of one country's route-km: ``year``, ``before`` (previous value), ``after`` and
    ``change_pct`` (after / before − 1, %). Empty when there is none."""
    rows = rail_segments(indicators[indicators.country_code == code])
    out = []
    for i in rows.index[rows.break_here]:
        before, after = rows.loc[i - 1, "rail_route_km"], rows.loc[i, "rail_route_km"]
        out.append({"year": int(rows.loc[i, "year"]), "before": float(before), "after": float(after),
                    "change_pct": 100.0 * (after / before - 1)})
    return pd.DataFrame(out, columns=["year", "before", "after", "change_pct"])


# --- indicators -------------------------------------------------------------------------------

def first_common_year(df: pd.DataFrame, column: str, codes) -> int | None:
    """The first year in which every country of ``codes`` has a ``column`` value."""
    have = df.dropna(subset=[column]).groupby("year").country_code.apply(set)
    years = [int(y) for y, cs in have.items() if set(codes) <= cs]
    return min(years) if years else None


def latest_common_year(df: pd.DataFrame, column: str, codes, up_to_year: int | None = None) -> int | None:
    """The last year (optionally not after ``up_to_year``) in which every country of ``codes`` has a value."""
    have = df.dropna(subset=[column]).groupby("year").country_code.apply(set)
    years = [int(y) for y, cs in have.items() if set(codes) <= cs and (up_to_year is None or y <= up_to_year)]
    return max(years) if years else None


def check_window(df: pd.DataFrame, pair, end_year: int) -> int:
    """Refuse an ``end_year`` before both countries of the pair have an LPI score; return that first year."""
    first = first_common_year(df, "lpi_overall", pair)
    if first is None:
        raise ParameterError(f"{' and '.join(COUNTRIES[c] for c in pair)} never have an LPI score in the same year.")
    if end_year < first:
        raise ParameterError(f"end_year={end_year} is before {first}, the first year with LPI scores for both "
                             f"{COUNTRIES[pair[0]]} and {COUNTRIES[pair[1]]}.")
    return first


# --- corridors ---------------------------------------------------------------------------------

def corridor_label(name: str) -> str:
    for prefix, short in CORRIDOR_SHORT.items():
        if name.startswith(prefix):
            return short
    return name


def corridor_status(corridors: pd.DataFrame, codes) -> pd.DataFrame:
    """One row per corridor agreement, one column per country: its status and year, or 'not listed'."""
    table = []
    order = list(CORRIDOR_SHORT.values())
    groups = sorted(corridors.groupby("corridor", sort=False),
                    key=lambda g: order.index(corridor_label(g[0])) if corridor_label(g[0]) in order else len(order))
    for name, rows in groups:
        row = {"Agreement": corridor_label(name)}
        for code in codes:
            hit = rows[rows.member_or_party == code]
            if hit.empty:
                row[COUNTRIES.get(code, code)] = "not listed"
                continue
            h = hit.iloc[0]
            status = STATUS_TEXT.get(h.status, h.status.replace("_", " "))
            since = "" if pd.isna(h.since) or str(h.since) in ("", "<NA>") else f" ({int(h.since)})"
            row[COUNTRIES.get(code, code)] = status + since
        table.append(row)
    return pd.DataFrame(table)


def status_of(corridors: pd.DataFrame, corridor_prefix: str, code: str) -> tuple[str, int | None]:
    """(status, since) of one country in one agreement; ('not listed', None) when absent."""
    rows = corridors[corridors.corridor.str.startswith(corridor_prefix) & (corridors.member_or_party == code)]
    if rows.empty:
        return "not listed", None
    r = rows.iloc[0]
    since = None if pd.isna(r.since) or str(r.since) in ("", "<NA>") else int(r.since)
    return str(r.status), since


def uncertain_year_countries(corridors: pd.DataFrame, corridor_prefix: str, codes) -> list[str]:
    """Names of the countries of ``codes`` whose row for the agreement calls its year uncertain (in the note)."""
    rows = corridors[corridors.corridor.str.startswith(corridor_prefix) & corridors.member_or_party.isin(list(codes))]
    return [COUNTRIES.get(r.member_or_party, r.member_or_party) for r in rows.itertuples()
            if "uncertain" in str(r.note).lower()]


def corridor_verdict(statuses) -> str:
    """Verdict on "both are parties to these agreements" (claim L1) from each (country, agreement) status:
    consistent if every one is "party", inconsistent if none is a party, signatory or acceding,
    partly consistent otherwise."""
    statuses = list(statuses)
    if statuses and all(s == "party" for s in statuses):
        return "consistent"
    if any(s in ("party", "signatory", "accession_in_progress") for s in statuses):
        return "partly consistent"
    return "inconsistent"


# --- what the chapter shows: figures, tables and verdicts for the notebook -----------------------

# The facts of dataset ``context_facts`` quoted in the chapter (findings, drivers, what to watch).
DRIVER_FACTS = ("UKR01", "UKR02", "UKR04", "UKR06", "UKR08", "UKR09", "UKR11", "UKR12", "UKR14", "UKR15", "UKR17",
                "IRN02", "IRN03", "IRN04", "IRN05", "IRN06", "IRN07", "IRN08")


@dataclass(frozen=True)
class Corridor:
    """The Kazakhstan–Turkmenistan links as sourced: ``figures`` (the values glued), ``rail_cargo``
    (:func:`rail_figures`), ``rail_2025`` (the quoted volume of the Kazakhstan–Turkmenistan–Iran railway, a row of
    ``trade_bilateral``), ``rail_2025_annual`` (that volume pro rata, Mt a year, derived), ``capacity`` (the
    railway's stated capacity stages, :func:`stated_capacity`), ``ports`` (:func:`port_figures`) and ``titr``
    (:func:`trans_caspian`)."""

    figures: dict
    rail_cargo: pd.DataFrame
    rail_2025: pd.Series
    rail_2025_annual: float
    capacity: list
    ports: pd.DataFrame
    titr: pd.DataFrame


def corridor_figures(routes: pd.DataFrame, trade_bilateral: pd.DataFrame, logistics_quoted: pd.DataFrame,
                     facts: pd.DataFrame) -> Corridor:
    """The railway, port and Trans-Caspian figures of the chapter, each found by what it says (not by row id).

    ``routes``: dataset ``logistics_routes``; ``trade_bilateral`` and ``logistics_quoted``: the quoted figures
    (million tonnes, or a stated change as text); ``facts``: dataset ``context_facts``. Lengths are km, volumes Mt
    (a capacity Mt a year); shares are % and derived. They concern Kazakhstan–Turkmenistan whatever the pair.
    Raises ``LookupError`` when a figure the prose quotes is missing or no longer unique.
    """
    from ..report import wording
    from .drivers import fact

    rail = route(routes, "KTI_RAIL")
    lengths = stated_lengths(rail)
    sections = railway_sections(routes).set_index("route_id")
    capacity = {c["stage"]: c for c in stated_capacity(rail.capacity_stated)}
    cargo_2023, rail_2025 = find_quoted(trade_bilateral, "cargo traffic", period="2023"), find_quoted(
        trade_bilateral, "Iran railway")
    transit_2020, ports_growth = find_quoted(trade_bilateral, "transit"), find_quoted(
        trade_bilateral, "Aktau", "transshipment")
    rail_2025_annual = annualised(rail_2025.value, int(rail_2025.months))
    design_lo, design_hi = capacity["later"]["low"], capacity["later"]["high"]
    share_design = share_of(rail_2025_annual, design_lo, design_hi)
    rail_cargo = rail_figures(logistics_quoted)
    rail_years = rail_cargo[rail_cargo.months >= 12]
    aktau_2022 = find_quoted(logistics_quoted, "Aktau", "cargo turnover", period="2022")
    aktau_capacity = find_quoted(logistics_quoted, "Aktau", "capacity")
    kuryk_2024 = find_quoted(logistics_quoted, "Kuryk", period="2024-01/2024-09")
    tmb_2021 = find_quoted(logistics_quoted, "Turkmenbashi", "transshipment")
    tmb_2023 = find_quoted(logistics_quoted, "Turkmenbashi", "transported")
    route_growth = find_quoted(logistics_quoted, "Aktau-Turkmenbashi")
    figures = {
        "rail_opened": wording.date_label(rail.opened, "day"), "rail_length_km": rail.length_km,
        "rail_length_min": min(lengths), "rail_length_max": max(lengths),
        "sec_kaz_km": sections.loc["KTI_RAIL_KAZ", "length_km"],
        "sec_tkm_km": sections.loc["KTI_RAIL_TKM", "length_km"],
        "sec_irn_km": sections.loc["KTI_RAIL_IRN", "length_km"], "sections_sum_km": sections.length_km.sum(),
        "cap_first_lo": capacity["at first"]["low"], "cap_first_hi": capacity["at first"]["high"],
        "cap_later_lo": capacity["later"]["low"], "cap_later_hi": capacity["later"]["high"],
        "cargo_2023_mt": cargo_2023.value, "cargo_2023_change": cargo_2023.change_stated,
        "rail_2025_mt": rail_2025.value, "rail_2025_change": rail_2025.change_stated,
        "rail_2025_period": wording.period_label(rail_2025), "rail_2025_annual_mt": rail_2025_annual,
        "rail_2025_share_pct": 100 * rail_2025_annual / capacity["at first"]["low"],
        "rail_2025_months": wording.months_phrase(rail_2025), "rail_2025_source_date": rail_2025.source_date,
        "transit_2020_change": transit_2020.change_stated, "transit_2020_period": wording.period_label(transit_2020),
        "ports_growth": ports_growth.change_stated,
        "design_lo": design_lo, "design_hi": design_hi, "rail_2025_share_design_lo": share_design[0],
        "rail_2025_share_design_hi": share_design[1],
        "rail_min_mt": rail_years.mt.min(), "rail_max_mt": rail_years.mt.max(),
        "rail_first_year": int(pd.to_datetime(rail_years.period_start).dt.year.min()),
        "aktau_2022_mt": aktau_2022.value, "aktau_2022_period": wording.period_label(aktau_2022),
        "aktau_capacity_mt": aktau_capacity.value, "aktau_capacity_year": aktau_capacity.period,
        "aktau_2022_share_pct": 100 * aktau_2022.value / aktau_capacity.value,
        "kuryk_2024_mt": kuryk_2024.value, "kuryk_2024_period": wording.period_label(kuryk_2024),
        "tmb_2021_mt": tmb_2021.value, "tmb_2021_period": wording.period_label(tmb_2021),
        "tmb_2023_mt": tmb_2023.value, "tmb_2023_period": wording.period_label(tmb_2023),
        "route_growth_pct": route_growth.value, "route_growth_period": wording.period_label(route_growth),
        "titr_disagree_mt": fact(facts, "UKR11").value - fact(facts, "UKR12").value,
        "rail_2024_mt": find_quoted(logistics_quoted, "cargo transportation", period="2024").value,
    }
    return Corridor(figures, rail_cargo, rail_2025, rail_2025_annual, list(capacity.values()),
                    port_figures(logistics_quoted), trans_caspian(facts))


def indicator_figures(indicators: pd.DataFrame, pair, end_year: int) -> dict:
    """The World Bank figures of the pair up to ``end_year``: each country's latest LPI score (1–5) with its year
    and report edition, the last survey that scored both (``lpi_common_*``) with the second country's rank among
    the countries scored in it, and each country's latest rail network length (route-km).

    ``indicators``: dataset ``logistics_indicators``. Raises ``LookupError`` naming a country without a value, and
    ``KeyError`` when the common year is not found (call :func:`check_window` first).
    """
    from ..report.wording import rank_phrase
    from .indicators import latest, value_in

    code_a, code_b = pair
    lpi_year_a, lpi_a = latest(indicators, "lpi_overall", code_a, up_to_year=end_year)
    lpi_year_b, lpi_b = latest(indicators, "lpi_overall", code_b, up_to_year=end_year)
    common_year = latest_common_year(indicators, "lpi_overall", pair, up_to_year=end_year)
    common_b = value_in(indicators, "lpi_overall", code_b, common_year)
    edition_of = indicators.dropna(subset=["lpi_edition"]).groupby("year").lpi_edition.first().astype(int)
    survey = indicators[(indicators.year == common_year) & indicators.lpi_overall.notna()]
    rank_b = int((survey.lpi_overall > common_b).sum()) + 1
    km_year_a, km_a = latest(indicators, "rail_route_km", code_a, up_to_year=end_year)
    km_year_b, km_b = latest(indicators, "rail_route_km", code_b, up_to_year=end_year)
    return {"lpi_year_a": lpi_year_a, "lpi_a": lpi_a, "lpi_year_b": lpi_year_b, "lpi_b": lpi_b,
            "lpi_common_year": common_year, "lpi_common_edition": int(edition_of[common_year]),
            "lpi_edition_a": int(edition_of[lpi_year_a]), "lpi_edition_b": int(edition_of[lpi_year_b]),
            "lpi_common_a": value_in(indicators, "lpi_overall", code_a, common_year), "lpi_common_b": common_b,
            "lpi_rank_b": rank_b, "lpi_n_common": len(survey), "lpi_rank_text": rank_phrase(rank_b, len(survey)),
            "km_year_a": km_year_a, "km_a": km_a, "km_year_b": km_year_b, "km_b": km_b}


def agreement_figures(corridors: pd.DataFrame, pair) -> dict:
    """Each country's place in the Ashgabat Agreement (``ash_a``, ``ash_b``) and the North–South corridor
    agreement (``instc_a``, ``instc_b``), as phrases ('a party since 2011') and as clauses after the country's
    name (``…_clause``: 'has been a party since 2011'), with ``ash_caveat`` naming a country whose joining year
    the sources disagree on. ``corridors``: dataset ``corridors``."""
    from ..report.wording import status_clause, status_phrase, year_caveat

    code_a, code_b = pair
    values = {"ash_caveat": year_caveat(uncertain_year_countries(corridors, "Ashgabat Agreement", pair))}
    for short, prefix in (("ash", "Ashgabat Agreement"), ("instc", "International North")):
        for side, code in (("a", code_a), ("b", code_b)):
            status = status_of(corridors, prefix, code)
            values[f"{short}_{side}"] = status_phrase(*status)
            values[f"{short}_{side}_clause"] = status_clause(*status)
    return values


@dataclass(frozen=True)
class Scenario:
    """The what-if on the claimed cost saving: ``figures`` (the values glued: saving = volume × cost per tonne ×
    reduction, USD million; the claimed range; how the volume is described) and ``note`` (the chart's line on the
    volume)."""

    figures: dict
    note: str


def scenario(volume_mt: float, cost_usd_per_t: float, reduction_pct: float, rail_2025: pd.Series) -> Scenario:
    """The savings under the reader's assumptions (parameters, not data), and the words for the volume: when it
    equals the volume quoted for the Kazakhstan–Turkmenistan–Iran railway (``rail_2025``, a ``trade_bilateral``
    row), the text names the quote and warns when it covers less than a year; otherwise the volume is the
    reader's. Volume in Mt, cost in USD a tonne, reduction in %."""
    from ..report.prose import render_text
    from ..report.wording import months_phrase, number_word, period_label

    claimed_lo, claimed_hi = CLAIMED_REDUCTION_PCT
    figures = {"reduction_pct": reduction_pct, "cost_usd_t": cost_usd_per_t, "volume_mt": volume_mt,
               "savings_musd": savings_musd(volume_mt, cost_usd_per_t, reduction_pct),
               "savings_lo_musd": savings_musd(volume_mt, cost_usd_per_t, claimed_lo),
               "savings_hi_musd": savings_musd(volume_mt, cost_usd_per_t, claimed_hi),
               "claimed_lo": claimed_lo, "claimed_hi": claimed_hi}
    part_year = int(rail_2025.months) < 12
    values = {"volume_mt": volume_mt, "months": months_phrase(rail_2025), "period": period_label(rail_2025),
              "source_date": rail_2025.source_date,
              "part": (f", so the savings below are for those {number_word(rail_2025.months)} months, not for a "
                       "year") if part_year else "",
              "part_short": " (not a full year)" if part_year else ""}
    if abs(volume_mt - rail_2025.value) < 1e-9:  # the quoted volume: every statement of the saving says so
        texts = ("the {volume_mt:g} million tonnes quoted for the Kazakhstan–Turkmenistan–Iran railway over {months} "
                 "(Vlast.kz, {source_date}){part}", "the {volume_mt:g} Mt carried over {months}",
                 "Volume: {volume_mt:g} Mt, quoted for {period}{part_short}")
    else:
        texts = ("{volume_mt:g} million tonnes, a volume set by the reader", "{volume_mt:g} Mt, a volume set by "
                 "the reader", "Volume: {volume_mt:g} Mt, set by the reader")
    volume_text, volume_short, note = (render_text(t, values) for t in texts)
    return Scenario({**figures, "volume_text": volume_text, "volume_short": volume_short}, note)


def routes_table(routes: pd.DataFrame) -> pd.DataFrame:
    """The routes of dataset ``logistics_routes`` as shown under the map: length (km, as stated), opening,
    stated capacity and source with its tier; 'not sourced' where the data have no value."""
    return pd.DataFrame({
        "Route": routes.name, "Length, km (as stated)": routes.length_km.astype(object).where(
            routes.length_km.notna(), "not sourced"),
        "Opened": routes.opened.fillna("not sourced"), "Stated capacity": routes.capacity_stated.fillna("not sourced"),
        "Source (tier)": [f"{n} ({t})" for n, t in zip(routes.source_name, routes.source_tier, strict=True)]})


PLACE_KINDS = {"sea_port": "Sea port", "rail_station_town": "Railway town", "road_town": "Road town",
               "border_crossing": "Border crossing"}
PLACE_POSITIONS = {"GeoNames": "GeoNames coordinates", "derived": "schematic: where the drawn route meets the border",
                   "not mapped": "not on the map: no sourced coordinates"}


def places_table(placed: pd.DataFrame) -> pd.DataFrame:
    """The places on the map (``logistics_nodes`` with the ``position`` that
    :func:`kztm.charts.maps.place_border_crossings` gives them), with their kind and role in words."""
    return pd.DataFrame({"Place": placed.name, "Kind": placed.kind.map(PLACE_KINDS), "Country": placed.country_code,
                         "Role (as sourced)": placed.role, "Position": placed.position.map(PLACE_POSITIONS)})


def quoted_freight_table(trade_bilateral: pd.DataFrame) -> pd.DataFrame:
    """The freight figures quoted by officials and the press (:func:`quoted_freight`) as a table: what was quoted
    and when, the period, the level in million tonnes ('no level quoted' for a growth rate) and the change stated."""
    from ..report.wording import indicator_words, period_label

    rows = quoted_freight(trade_bilateral)
    return pd.DataFrame({
        "Figure quoted (date quoted)": [f"{indicator_words(i)} (quoted {q})"
                                        for i, q in zip(rows.indicator, rows.source_date, strict=True)],
        "Period": rows.apply(period_label, axis=1),
        "Million tonnes": rows.value.astype(object).where(rows.value.notna(), "no level quoted"),
        "Change stated": rows.change_stated})


def network_prose(indicators: pd.DataFrame, pair, start_year: int, end_year: int) -> tuple[str, str, dict]:
    """The title and the paragraph of the rail network chart: (title template, paragraph template, values).

    When the pair includes Turkmenistan and its route-km have reporting breaks (:func:`reporting_breaks`), the
    title names the break (if one falls in ``start_year``–``end_year``) and the paragraph gives the doubling and
    the smallest flagged step with their years; otherwise both are the plain comparison. The templates' other
    fields are the chapter's figures (:func:`indicator_figures`, ``sec_tkm_km``).
    """
    from ..report.wording import join_names

    breaks = reporting_breaks(indicators, "TKM")
    in_window = breaks[breaks.year.between(start_year, end_year)]
    title = ("Turkmenistan's reported network doubles in a year: a reporting break, not growth"
             if "TKM" in pair and len(in_window) else
             "Railway lines: {name_a} {km_a:,.0f} km ({km_year_a}), {name_b} {km_b:,.0f} km ({km_year_b})")
    if not ("TKM" in pair and len(breaks)):
        return title, ("The network chart ({fig:fig-logistics-rail}) compares the reported length of the railway "
                       "networks; a longer network says nothing by itself about how much of it carries transit."), {}
    big, small = breaks[breaks.change_pct >= 50], breaks[breaks.change_pct < 50]
    values = {"before": big.before.iloc[0], "after": big.after.iloc[0], "year": int(big.year.iloc[0]),
              "breaks": join_names(str(y) for y in breaks.year), "small_year": int(small.year.iloc[0]),
              "small_km": small.after.iloc[0] - small.before.iloc[0], "small_pct": small.change_pct.iloc[0]}
    return title, (
        "In {fig:fig-logistics-rail}, Turkmenistan's reported network is not one series. It doubles from "
        "{before:,.0f} km to {after:,.0f} km in {year:d}, far more than the {sec_tkm_km:,.0f} km of the "
        "north–south line's Turkmen section, and the data flag this and every change of more than 20% in a year "
        "as a reporting break ({breaks}): the chart does not join the values across them, and the report does "
        "not read them as growth. The smallest flagged step, {small_year:d} (+{small_km:,.0f} km, "
        "+{small_pct:.0f}%), is of the size of a single new line; this report keeps the flag, because no "
        "source of record in this build shows a line opened that year. Turkmenistan's last reported value is "
        "{km_b:,.0f} km ({km_year_b:d})."), values


def claim_verdicts(corridors: pd.DataFrame, values: dict) -> list[dict]:
    """The verdicts on the article's logistics claims L1–L4, as items for
    :meth:`kztm.report.chapter.Chapter.verdicts`. L1 (both are parties to the corridor agreements) follows
    :func:`corridor_verdict` on dataset ``corridors``; L2 is judged on the sourced railway facts; L3 (a proposal)
    and L4 (a forecast) cannot be checked. ``values``: the chapter's figures, which fill the evidence lines."""
    from ..report.prose import render_text
    from ..report.wording import status_clause, year_caveat

    ash_kaz, ash_tkm = (status_of(corridors, "Ashgabat Agreement", c) for c in ("KAZ", "TKM"))
    instc_kaz, instc_tkm = (status_of(corridors, "International North", c) for c in ("KAZ", "TKM"))
    l1 = {"ash_tkm": status_clause(*ash_tkm), "ash_kaz": status_clause(*ash_kaz),
          "instc_kaz": status_clause(*instc_kaz), "instc_tkm": status_clause(*instc_tkm),
          "caveat": year_caveat(uncertain_year_countries(corridors, "Ashgabat", ["KAZ", "TKM"])),
          "roadmap": status_of(corridors, "INSTC eastern route", "KAZ")[1]}

    def text(template, **extra):
        return render_text(template, {**values, **extra})

    return [
        {"claim_id": "L1", "evidence_kind": "document", "figure": "fig-logistics-map",
         "verdict": corridor_verdict(s for s, _ in (ash_kaz, ash_tkm, instc_kaz, instc_tkm)),
         "evidence": text("Ashgabat Agreement: Turkmenistan {ash_tkm} and Kazakhstan {ash_kaz}{caveat}. North–South "
                          "corridor agreement: Kazakhstan {instc_kaz} and Turkmenistan {instc_tkm}, with no source "
                          "confirming completion. Both signed the {roadmap} roadmap for the corridor's eastern route.",
                          **l1)},
        {"claim_id": "L2", "verdict": "consistent", "evidence_kind": "document", "figure": "fig-logistics-map",
         "evidence": text("The line opened on {rail_opened} and runs {rail_length_km:,.0f} km (sources: "
                          "{rail_length_min:,}–{rail_length_max:,} km) from Zhanaozen through Bereket and Etrek to "
                          "Gorgan, which is joined to Iran's network. Use is below design: {rail_2025_mt:g} Mt "
                          "quoted for {rail_2025_period} (about {rail_2025_annual_mt:.1f} Mt a year pro rata, a "
                          "derived figure), {rail_2025_share_design_lo:.0f}–{rail_2025_share_design_hi:.0f}% of "
                          "the {design_lo:g}–{design_hi:g} Mt a year of its stated design and below the "
                          "{cap_first_lo:g}–{cap_first_hi:g} Mt stated for its first years.")},
        {"claim_id": "L3", "verdict": "not checkable", "evidence_kind": "judgement", "figure": "fig-logistics-map",
         "evidence": text("A proposal, not a measurable fact. The data show the ports of Aktau, Kuryk and "
                          "Türkmenbaşy, the Aktau–Türkmenbaşy sea link and transshipment between them quoted as "
                          "growing {ports_growth}, but no level of traffic on the link and no plan for the hubs.")},
        {"claim_id": "L4", "verdict": "not checkable", "evidence_kind": "judgement", "figure": "fig-logistics-savings",
         "evidence": text("A forecast: no freight cost for the route is published in the sources used, and the "
                          "article names none for the {claimed_lo:g}–{claimed_hi:g}%. At an illustrative USD "
                          "{cost_usd_t:,.0f} a tonne on {volume_short} the range would be worth USD "
                          "{savings_lo_musd:,.1f}–{savings_hi_musd:,.1f} million.")},
    ]
