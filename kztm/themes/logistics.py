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


def quoted_row(trade_bilateral: pd.DataFrame, row_id: str) -> pd.Series:
    rows = trade_bilateral[trade_bilateral.id == row_id]
    if rows.empty:
        raise LookupError(f"Row {row_id!r} is not in trade_bilateral.")
    return rows.iloc[0]


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
