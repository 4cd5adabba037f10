"""Computations for the investment chapter: FDI inflows, external debt and the scale of bilateral investment.

No bilateral FDI series exists for Kazakhstan and Turkmenistan; the only bilateral figures are
statements by officials (dataset ``investment_facts``). This module sets such a figure against each
country's total FDI inflows (World Bank WDI, dataset ``investment``) so its scale can be judged.
"""

from __future__ import annotations

import pandas as pd


def window(investment: pd.DataFrame, codes, start_year: int, end_year: int) -> pd.DataFrame:
    """Rows of ``codes`` within ``start_year``–``end_year``."""
    return investment[investment.country_code.isin(codes)
                      & investment.year.between(start_year, end_year)].reset_index(drop=True)


def cumulative_inflows(investment: pd.DataFrame, code: str, start_year: int, end_year: int) -> tuple[float, int]:
    """Sum of FDI net inflows (USD) of one country over the window and the number of years with data.

    Raises ``LookupError`` when the country has no FDI value in the window.
    """
    rows = investment[(investment.country_code == code) & investment.year.between(start_year, end_year)]
    values = rows.fdi_net_inflows_usd.dropna()
    if values.empty:
        raise LookupError(f"No FDI inflows for {code} in {start_year}–{end_year}.")
    return float(values.sum()), int(values.size)


def mean_share_of_gdp(investment: pd.DataFrame, code: str, start_year: int, end_year: int) -> float:
    """Average of FDI net inflows in % of GDP over the window (simple mean of the yearly values)."""
    rows = investment[(investment.country_code == code) & investment.year.between(start_year, end_year)]
    values = rows.fdi_net_inflows_pct_gdp.dropna()
    if values.empty:
        raise LookupError(f"No FDI share of GDP for {code} in {start_year}–{end_year}.")
    return float(values.mean())


def debt_to_gdp(investment: pd.DataFrame, macro: pd.DataFrame) -> pd.DataFrame:
    """External debt stocks with GDP (same WDI vintage) and debt in % of GDP, where both exist."""
    merged = investment.merge(macro[["country_code", "year", "gdp_usd"]], on=["country_code", "year"], how="left")
    merged = merged.dropna(subset=["external_debt_usd", "gdp_usd"]).copy()
    merged["debt_pct_gdp"] = merged.external_debt_usd / merged.gdp_usd * 100
    return merged.reset_index(drop=True)


def material_threshold(cumulative_usd: float, share_pct: float) -> float:
    """The amount a partner would have to invest to supply ``share_pct`` % of ``cumulative_usd``."""
    if share_pct <= 0:
        raise ValueError(f"share_pct must be positive, not {share_pct}.")
    return cumulative_usd * share_pct / 100


def share_of(amount_usd: float, cumulative_usd: float) -> float:
    """``amount_usd`` as a percentage of ``cumulative_usd``."""
    if cumulative_usd <= 0:
        raise ValueError("The cumulative inflows must be positive to compute a share.")
    return amount_usd / cumulative_usd * 100


def materiality_curve(totals: dict[str, float], shares) -> pd.DataFrame:
    """For each host country (name → cumulative inflows, USD) and share (%), the threshold in USD million."""
    return pd.DataFrame([
        {"country": name, "share_pct": float(s), "threshold_musd": material_threshold(total, s) / 1e6}
        for name, total in totals.items() for s in shares
    ])


def quoted_fact(facts: pd.DataFrame, subject: str) -> pd.Series:
    """The latest row of ``investment_facts`` with this subject (``LookupError`` if none)."""
    rows = facts[facts.subject == subject].sort_values("date")
    if rows.empty:
        raise LookupError(f"No investment fact with subject {subject!r}.")
    return rows.iloc[-1]


def usd_from_fact(row: pd.Series) -> float:
    """A quoted amount in US dollars, from its value and unit ("USD million …")."""
    unit = str(row.unit)
    if not unit.startswith("USD million"):
        raise ValueError(f"Fact {row.fact_id} is in {unit!r}, not in USD million.")
    return float(row.value) * 1e6


def law_number(text: str) -> str:
    """The number of a Kazakh law named in a text: 'ratified … by Law No. 217-VIII of 18 September 2025'
    → '217-VIII' (number and convocation in Roman numerals). Raises ``LookupError`` if none is named."""
    import re

    match = re.search(r"\bLaw (?:of the Republic of Kazakhstan )?No\.\s*(\d+-[IVXLC]+)\b", str(text))
    if not match:
        raise LookupError(f"No law number in {text!r}.")
    return match.group(1)
