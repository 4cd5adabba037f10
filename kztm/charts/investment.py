"""Charts of the investment chapter: FDI inflows and external debt of the pair and its neighbours (World Bank
WDI), and what a partner would have to invest to matter (a what-if against the one quoted bilateral amount).

Every function returns a :class:`kztm.charts.render.Figure`; the finding (``title``) is written by the
notebook from its glued values, the subtitle (what is shown, with units) here.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from .render import Figure
from .theme import HIGHLIGHT, country_color, finding, slider, year_axis


def _country_lines(rows: pd.DataFrame, field: str, axis_title: str, codes: list[str], tooltip: list,
                   title: str, subtitle: str) -> alt.Chart:
    """One line per country over the years; a click on a legend entry highlights a country (web edition)."""
    pick = alt.selection_point(fields=["country"], bind="legend")
    return alt.Chart(rows).mark_line(point=alt.OverlayMarkDef(size=18)).encode(
        x=year_axis(),
        y=alt.Y(f"{field}:Q", title=axis_title),
        color=country_color(codes=codes),
        opacity=alt.condition(pick, alt.value(1), alt.value(0.15)),
        tooltip=[alt.Tooltip("country:N", title="Country"), alt.Tooltip("year:Q", title="Year", format="d"), *tooltip],
    ).add_params(pick).properties(title=finding(title, subtitle))


def fdi_usd(investment: pd.DataFrame, codes: list[str], title: str, years: tuple[int, int]) -> Figure:
    """Net FDI inflows in current USD billion, one line per country.

    ``investment``: dataset ``investment`` limited to ``codes`` and ``years`` (columns country, year,
    fdi_net_inflows_usd in current USD, fdi_net_inflows_pct_gdp in %); ``years``: (first, last), for the
    subtitle.
    """
    rows = (investment.dropna(subset=["fdi_net_inflows_usd"])
            .assign(fdi_bn=lambda d: d.fdi_net_inflows_usd / 1e9)[["country", "year", "fdi_bn",
                                                                   "fdi_net_inflows_pct_gdp"]])
    chart = _country_lines(
        rows, "fdi_bn", "FDI net inflows, current USD billion", codes,
        [alt.Tooltip("fdi_bn:Q", title="FDI inflows (USD bn)", format=",.2f"),
         alt.Tooltip("fdi_net_inflows_pct_gdp:Q", title="FDI inflows (% of GDP)", format=".1f")],
        title, f"Net FDI inflows in current US dollars, {years[0]}–{years[1]}, USD billion")
    table = rows[["country", "year", "fdi_bn"]].rename(columns={
        "country": "Country", "year": "Year", "fdi_bn": "FDI net inflows (current USD billion)"})
    return Figure(chart, table, ("investment",))


def fdi_gdp(investment: pd.DataFrame, codes: list[str], title: str) -> Figure:
    """Net FDI inflows in % of GDP, one line per country (dataset ``investment``, as for :func:`fdi_usd`)."""
    rows = investment.dropna(subset=["fdi_net_inflows_pct_gdp"])[
        ["country", "year", "fdi_net_inflows_pct_gdp", "fdi_net_inflows_usd"]]
    chart = _country_lines(
        rows, "fdi_net_inflows_pct_gdp", "FDI net inflows, % of GDP", codes,
        [alt.Tooltip("fdi_net_inflows_pct_gdp:Q", title="FDI inflows (% of GDP)", format=".1f"),
         alt.Tooltip("fdi_net_inflows_usd:Q", title="FDI inflows (USD)", format=",.0f")],
        title, "Net FDI inflows in % of GDP (GDP in current US dollars, same World Bank vintage)")
    table = rows[["country", "year", "fdi_net_inflows_pct_gdp"]].rename(columns={
        "country": "Country", "year": "Year", "fdi_net_inflows_pct_gdp": "FDI net inflows (% of GDP)"})
    return Figure(chart, table, ("investment", "macro"),
                  "Derived: net FDI inflows divided by GDP in current US dollars (same World Bank vintage).")


def debt(debt_rows: pd.DataFrame, codes: list[str], title: str, years: tuple[int, int]) -> Figure:
    """Total external debt stocks in % of GDP, one line per country.

    ``debt_rows``: :func:`kztm.themes.investment.debt_to_gdp` (columns country, year, external_debt_usd in
    current USD, debt_pct_gdp in %); ``years``: (first, last year with data), for the subtitle.
    """
    rows = debt_rows.assign(debt_bn=lambda d: d.external_debt_usd / 1e9)[["country", "year", "debt_pct_gdp", "debt_bn"]]
    chart = _country_lines(
        rows, "debt_pct_gdp", "External debt stocks, % of GDP", codes,
        [alt.Tooltip("debt_pct_gdp:Q", title="External debt (% of GDP)", format=".0f"),
         alt.Tooltip("debt_bn:Q", title="External debt (USD bn)", format=",.1f")],
        title, f"Total external debt stocks in % of GDP, {years[0]}–{years[1]}")
    table = rows.rename(columns={"country": "Country", "year": "Year", "debt_pct_gdp": "External debt (% of GDP)",
                                 "debt_bn": "External debt (current USD billion)"})
    return Figure(chart, table, ("investment", "macro"),
                  "Derived: external debt stocks divided by GDP in current US dollars (same World Bank vintage).")


def materiality(curve: pd.DataFrame, totals: dict[str, float], pair: tuple[str, str], share_pct: float,
                title: str, years: tuple[int, int], quoted_musd: float | None = None) -> Figure:
    """What a partner would have to invest (USD million, log scale) to supply a share (%) of each host
    country's FDI inflows over ``years``; a slider (parameter ``material_share``, starting at ``share_pct``)
    moves the marked point, and ``quoted_musd``, if given, draws the quoted bilateral amount as a line.

    ``curve``: :func:`kztm.themes.investment.materiality_curve` (columns country, share_pct in %,
    threshold_musd in USD million); ``totals``: host country name → cumulative inflows, USD;
    ``pair``: the two country codes (colours).
    """
    top = float(curve.share_pct.max())
    share = slider("material_share", share_pct, 0.1, top, 0.1, "Material share of inflows, %")
    color = country_color(codes=list(pair), title="Host country")
    tips = [alt.Tooltip("country:N", title="Host country"), alt.Tooltip("share_pct:Q", title="Share (%)", format=".1f"),
            alt.Tooltip("threshold_musd:Q", title="Investment needed (USD m)", format=",.0f")]
    lines = alt.Chart(curve).mark_line().encode(
        x=alt.X("share_pct:Q", title="Partner's share of the host's FDI inflows, %"),
        y=alt.Y("threshold_musd:Q", title="Partner investment needed, USD million (log scale)",
                scale=alt.Scale(type="log")),
        color=color, tooltip=tips)
    hosts = pd.DataFrame({"country": list(totals), "total_musd": [v / 1e6 for v in totals.values()]})
    marks = alt.Chart(hosts).transform_calculate(
        share_pct="material_share", threshold_musd="datum.total_musd * material_share / 100",
        label="'USD ' + format(datum.threshold_musd, ',.0f') + ' m'",
    ).encode(x="share_pct:Q", y="threshold_musd:Q", color=color, tooltip=tips)
    layers = [lines, marks.mark_point(size=90, filled=True).add_params(share),
              marks.mark_text(align="left", dx=8, dy=-8, fontWeight="bold").encode(text="label:N")]
    datasets = ("investment",)
    if quoted_musd is not None:
        quoted = pd.DataFrame({"musd": [quoted_musd], "label": [
            f"Kazakh investment in Turkmenistan, over USD {quoted_musd:,.0f} m (quoted)"]})
        layers += [alt.Chart(quoted).mark_rule(strokeDash=[5, 3], color=HIGHLIGHT).encode(
                       y="musd:Q", tooltip=[alt.Tooltip("label:N", title="Quoted")]),
                   alt.Chart(quoted).mark_text(align="left", x=5, dy=-7, color=HIGHLIGHT).encode(
                       y="musd:Q", text="label:N")]
        datasets += ("investment_facts",)
    chart = alt.layer(*layers).properties(height=320, title=finding(
        title, f"Partner investment needed to supply a share of each host's FDI inflows over {years[0]}–{years[1]}, "
               "USD million"))
    at_share = hosts.assign(share_pct=share_pct, threshold_musd=hosts.total_musd * share_pct / 100)
    table = at_share.rename(columns={
        "country": "Host country", "total_musd": f"FDI inflows {years[0]}–{years[1]} (USD million)",
        "share_pct": "Share (%)", "threshold_musd": "Partner investment needed (USD million)"})
    note = "Derived: cumulative inflows times the share." + (
        " The quoted amount is a lower bound of unknown basis (a stock or a sum of flows)." if quoted_musd else "")
    return Figure(chart, table, datasets, note)
