"""Computations for the investment chapter: FDI inflows, external debt and the scale of bilateral investment.

No bilateral FDI series exists for Kazakhstan and Turkmenistan; the only bilateral figures are
statements by officials (dataset ``investment_facts``). This module sets such a figure against each
country's total FDI inflows (World Bank WDI, dataset ``investment``) so its scale can be judged.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pandas as pd

from ..params import CommonParams
from ..report.wording import date_label
from .indicators import latest, pct_of_gdp_by_vintage


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
    match = re.search(r"\bLaw (?:of the Republic of Kazakhstan )?No\.\s*(\d+-[IVXLC]+)\b", str(text))
    if not match:
        raise LookupError(f"No law number in {text!r}.")
    return match.group(1)


# --- the chapter's figures: what the notebook glues -------------------------------------------------

def cumulative_by_country(investment: pd.DataFrame, p: CommonParams) -> dict[str, float]:
    """Country name → FDI net inflows summed over ``p``'s years (USD, dataset ``investment``), the pair only,
    A first. Raises LookupError when a country has no inflows in the window."""
    return {name: cumulative_inflows(investment, code, p.start_year, p.end_year)[0]
            for code, name in ((p.country_a, p.name_a), (p.country_b, p.name_b))}


def country_figures(investment: pd.DataFrame, macro: pd.DataFrame, vintages: pd.DataFrame, p: CommonParams,
                    material_share_pct: float) -> dict:
    """The pair's FDI inflows and external debt (World Bank WDI, datasets ``investment`` and ``macro``), any pair:
    the latest year both have inflows (``fdi_year``, USD billion and % of GDP), inflows summed and averaged over
    ``p``'s years, the latest year with A's external debt (USD billion and % of GDP) and the inflows a partner would
    need to supply ``material_share_pct`` % of each country's (USD billion). With Turkmenistan in the pair, also its
    inflows in % of GDP under both GDP vintages of ``gdp_vintages`` in the last year both cover. Names as the
    investment chapter glues them. Raises LookupError when a country has no value.
    """
    a, b = p.pair
    rows = window(investment, p.countries, p.start_year, p.end_year)
    fdi_year, _ = latest(rows, "fdi_net_inflows_usd", a)
    fdi_year, fdi_b = latest(rows, "fdi_net_inflows_usd", b, up_to_year=fdi_year)
    _, fdi_a = latest(rows, "fdi_net_inflows_usd", a, up_to_year=fdi_year)  # both in the year the prose names
    cum_a, cum_b = cumulative_by_country(investment, p).values()
    debt = debt_to_gdp(rows, macro)
    debt_year, debt_a = latest(debt, "external_debt_usd", a)
    figures = dict(
        fdi_year=fdi_year, fdi_a_bn=fdi_a / 1e9, fdi_b_bn=fdi_b / 1e9,
        fdi_a_pct=latest(rows, "fdi_net_inflows_pct_gdp", a, up_to_year=fdi_year)[1],
        fdi_b_pct=latest(rows, "fdi_net_inflows_pct_gdp", b, up_to_year=fdi_year)[1],
        cum_a_bn=cum_a / 1e9, cum_b_bn=cum_b / 1e9,
        mean_pct_a=mean_share_of_gdp(investment, a, p.start_year, p.end_year),
        mean_pct_b=mean_share_of_gdp(investment, b, p.start_year, p.end_year),
        debt_year=debt_year, debt_a_bn=debt_a / 1e9,
        debt_b_bn=latest(debt, "external_debt_usd", b, up_to_year=debt_year)[1] / 1e9,
        debt_a_pct=latest(debt, "debt_pct_gdp", a, up_to_year=debt_year)[1],
        debt_b_pct=latest(debt, "debt_pct_gdp", b, up_to_year=debt_year)[1],
        material_share_pct=material_share_pct,
        threshold_a_bn=material_threshold(cum_a, material_share_pct) / 1e9,
        threshold_b_bn=material_threshold(cum_b, material_share_pct) / 1e9,
    )
    if "TKM" in p.pair:
        tkm_fdi = investment[investment.country_code == "TKM"].rename(columns={"fdi_net_inflows_usd": "amount_usd"})
        both = pct_of_gdp_by_vintage(tkm_fdi, vintages, "TKM").iloc[-1]
        figures.update(fdi_vintage_year=int(both.year), fdi_tkm_main=both.pct_wdi_2026,
                       fdi_tkm_alt=both.pct_datahub_2026_03)
    return figures


def bilateral_figures(investment: pd.DataFrame, facts: pd.DataFrame, timeline: pd.DataFrame, p: CommonParams,
                      material_share_pct: float) -> dict:
    """Kazakhstan–Turkmenistan only: the one quoted amount of Kazakh investment in Turkmenistan (dataset
    ``investment_facts``) against Turkmenistan's inflows over ``p``'s years and in the latest year (WDI, dataset
    ``investment``; shares in %, amounts in USD million or billion), the inflows that would make
    ``material_share_pct`` % (and how many times the quoted amount that is), the count of companies with Turkmen
    capital, and the investment agreement: signed (day, place from dataset ``timeline``) and ratified by
    Kazakhstan (day, law, source). Raises LookupError when a fact, the signing event or the law number is missing.
    """
    cum_host, _ = cumulative_inflows(investment, "TKM", p.start_year, p.end_year)  # the amount is invested in TKM
    quoted = quoted_fact(facts, "Kazakh investment in Turkmenistan")
    quoted_usd = usd_from_fact(quoted)
    companies = quoted_fact(facts, "Turkmen companies in Kazakhstan")
    signed = quoted_fact(facts, "Agreement on mutual promotion and protection of investments")
    ratified = quoted_fact(facts, "Ratification of the investment agreement by Kazakhstan")
    events = timeline[(timeline.date == signed.date) & timeline.title.str.contains("protection of investments")]
    if events.empty:
        raise LookupError(f"Dataset timeline has no signing of the investment agreement on {signed.date}.")
    threshold_host = material_threshold(cum_host, material_share_pct)
    # the same amount against a single year's inflows (the latest in the window), so the two shares are not confused
    host_year, host_year_usd = latest(window(investment, p.countries, p.start_year, p.end_year),
                                      "fdi_net_inflows_usd", "TKM")
    return dict(
        quoted_musd=quoted_usd / 1e6, quoted_day=date_label(quoted.date, "day"),
        quoted_share_pct=share_of(quoted_usd, cum_host), cum_host_bn=cum_host / 1e9,
        quoted_share_year=host_year, quoted_share_year_pct=share_of(quoted_usd, host_year_usd),
        host_year_bn=host_year_usd / 1e9,
        threshold_host_musd=threshold_host / 1e6, threshold_multiple=threshold_host / quoted_usd,
        companies=companies.value, companies_day=date_label(companies.date, "day"),
        signed_day=date_label(signed.date, "day"), signed_place=events.iloc[0].place,
        ratified_day=date_label(ratified.date, "day"), ratified_law=law_number(ratified.description),
        ratified_source=ratified.source_name,
    )


def key_findings(values: dict, bilateral: bool) -> dict[str, str]:
    """The two key findings on bilateral investment as plain text (``kf_agreement``, ``kf_scale``), from the
    chapter's figures ``values`` (:func:`country_figures`, :func:`bilateral_figures` when ``bilateral``, and
    ``name_a``, ``name_b``, ``start_year``, ``end_year``, ``pair_notice``): for Kazakhstan–Turkmenistan the
    agreement's state and the quoted amount's scale; for another pair the notice and the amount that would matter.
    """
    v = values
    if not bilateral:
        return {"kf_agreement": "The 2024 investment protection agreement is a Kazakhstan–Turkmenistan treaty. "
                                f"{v['pair_notice']}",
                "kf_scale": f"No bilateral FDI series was obtained for {v['name_a']}–{v['name_b']}: supplying "
                            f"{v['material_share_pct']:g}% of {v['name_b']}'s FDI inflows of {v['start_year']}–"
                            f"{v['end_year']} would take USD {v['threshold_b_bn']:,.1f} billion from {v['name_a']}."}
    return {
        "kf_agreement": (
            f"The legal frame is half built: the investment protection agreement signed in {v['signed_place']} on "
            f"{v['signed_day']} was ratified by Kazakhstan (Law No. {v['ratified_law']} of {v['ratified_day']}), but "
            "Turkmenistan's ratification and the entry into force were not found, so investors cannot yet count on "
            "its protections."),
        "kf_scale": (
            "Kazakh investment in Turkmenistan is too small to register in the host's totals. The one amount quoted, "
            f"over USD {v['quoted_musd']:,.0f} million (President Tokayev, {v['quoted_day']}), equals "
            f"{v['quoted_share_pct']:.1f}% of the FDI Turkmenistan recorded over {v['start_year']}–{v['end_year']}, "
            f"or {v['quoted_share_year_pct']:.0f}% of its inflows in {v['quoted_share_year']} alone; to supply "
            f"{v['material_share_pct']:g}% it would have to be {v['threshold_multiple']:.0f} times as large."),
    }


def fdi_finding(values: dict, with_vintages: bool) -> str:
    """The key finding on FDI inflows (a template of the chapter's figures): it says that FDI weighs more in B
    only when B's inflows are the larger share of GDP (``fdi_b_pct`` > ``fdi_a_pct``), and, ``with_vintages``
    (Turkmenistan in the pair), adds its ratio under both GDP vintages."""
    opening = ("Relative to the size of the economy, foreign direct investment weighs more in {name_b}: in {fdi_year} "
               "net FDI inflows were" if values["fdi_b_pct"] > values["fdi_a_pct"] else
               "In {fdi_year} net FDI inflows were")
    sentence = (opening + " USD {fdi_a_bn:,.2f} billion in {name_a} ({fdi_a_pct:.1f}% of GDP) and USD {fdi_b_bn:,.2f} "
                "billion in {name_b} ({fdi_b_pct:.1f}% of GDP)")
    if with_vintages:
        return sentence + ("; Turkmenistan's ratio moves with the estimate of its GDP: in {fdi_vintage_year} it "
                           "was {fdi_tkm_main:.1f}% on the World Bank vintage used here and {fdi_tkm_alt:.1f}% on the "
                           "March 2026 vintage ({fig:fig-investment-fdi-gdp}).")
    return sentence + " ({fig:fig-investment-fdi-gdp})."


def debt_finding(values: dict) -> str:
    """The key finding on external debt (a template): the country with the higher debt in % of GDP first."""
    first, second = ("a", "b") if values["debt_a_pct"] > values["debt_b_pct"] else ("b", "a")
    return (f"Foreign debt is a bigger exposure for {{name_{first}}} ({{debt_{first}_pct:.0f}}% of GDP in "
            f"{{debt_year}}) than for {{name_{second}}} ({{debt_{second}_pct:.0f}}%) ({{fig:fig-investment-debt}}).")


def share_steps(material_share_pct: float, top: float = 20.0) -> list[float]:
    """The shares (%) the materiality curve is drawn for: every 0.1 from 0.1 to ``top`` or to
    ``material_share_pct`` if that is higher."""
    return [round(0.1 * i, 1) for i in range(1, int(max(top, material_share_pct) * 10) + 1)]


def facts_table(facts: pd.DataFrame) -> pd.DataFrame:
    """The bilateral investment facts (dataset ``investment_facts``) as a table: date (day, or 'undated
    source'), the fact, its value ('USD 300 million …', a count with its unit, or blank) and the source's
    web site."""
    return pd.DataFrame({
        "Date": [date_label(d, "day") if pd.notna(d) else "undated source" for d in facts.date],
        "Fact": facts.description,
        "Value": [("" if pd.isna(v) else f"USD {v:,.0f} million{u[len('USD million'):]}" if u.startswith("USD million")
                   else f"{v:,.0f} {u}") for v, u in zip(facts.value, facts.unit.fillna(""), strict=True)],
        "Source": [urlparse(u).netloc.removeprefix("www.") for u in facts.source_url]})
