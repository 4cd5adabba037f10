"""Computations of the logistics chapter: route facts, quoted volumes, LPI and the cost scenario.

Everything here reads the committed datasets' columns (``logistics_routes``, ``logistics_indicators``,
``corridors``, ``trade_bilateral``); nothing adds a value the data does not hold. The scenario's cost per
tonne is the reader's assumption (the data hold no freight cost), so :func:`savings_musd` is arithmetic on
parameters, not an estimate.
"""

from __future__ import annotations

import re

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
