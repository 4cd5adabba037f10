"""Charts of the context chapter: the scale of the two economies and their neighbours (World Bank WDI)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..countries import COUNTRIES
from .render import Figure
from .theme import COUNTRY_COLORS, MUTED, country_color, finding, year_axis


def gdp(macro: pd.DataFrame, codes: list[str], title: str, years: tuple[int, int]) -> Figure:
    """GDP in current USD billion, one line per country.

    ``macro``: dataset ``macro`` (country_code, country, year, gdp_usd in current USD), already
    limited to the countries and years to draw; ``codes``: the countries in legend order;
    ``title``: the finding; ``years``: (first, last) year shown, for the subtitle.
    """
    rows = macro.dropna(subset=["gdp_usd"]).assign(gdp_bn=lambda d: d.gdp_usd / 1e9)
    chart = alt.Chart(rows).mark_line(point=alt.OverlayMarkDef(size=18)).encode(
        x=year_axis(),
        y=alt.Y("gdp_bn:Q", title="GDP, current USD billion"),
        color=country_color(codes=codes),
        tooltip=[alt.Tooltip("country:N", title="Country"), alt.Tooltip("year:Q", title="Year", format="d"),
                 alt.Tooltip("gdp_bn:Q", title="GDP (USD bn)", format=",.1f")],
    ).properties(title=finding(title,
                               f"Gross domestic product in current US dollars, {years[0]}–{years[1]}, USD billion"))
    table = rows[["country", "year", "gdp_bn"]].rename(
        columns={"country": "Country", "year": "Year", "gdp_bn": "GDP (current USD billion)"})
    return Figure(chart, table, ("macro",))


def income(macro: pd.DataFrame, codes: list[str], title: str) -> Figure:
    """GDP per capita in current USD, one line per country (dataset ``macro``, as for :func:`gdp`)."""
    rows = macro.dropna(subset=["gdp_per_capita_usd"])
    chart = alt.Chart(rows).mark_line().encode(
        x=year_axis(),
        y=alt.Y("gdp_per_capita_usd:Q", title="GDP per capita, current USD"),
        color=country_color(codes=codes),
        tooltip=[alt.Tooltip("country:N", title="Country"), alt.Tooltip("year:Q", title="Year", format="d"),
                 alt.Tooltip("gdp_per_capita_usd:Q", title="GDP per capita (USD)", format=",.0f")],
    ).properties(title=finding(title, "GDP per capita in current US dollars at market exchange rates"))
    table = rows[["country", "year", "gdp_per_capita_usd"]].rename(
        columns={"country": "Country", "year": "Year", "gdp_per_capita_usd": "GDP per capita (current USD)"})
    return Figure(chart, table, ("macro",))


def growth(macro: pd.DataFrame, pair: tuple[str, str], title: str, years: tuple[int, int]) -> Figure:
    """Annual real GDP growth (%) of the pair as grouped bars, as reported to the World Bank.

    ``pair``: the two country codes drawn; ``years``: (first, last) year, for the axis ticks.
    """
    rows = macro[macro.country_code.isin(pair)].dropna(subset=["gdp_growth_pct"])
    ticks = [y for y in range(years[0], years[1] + 1) if y % 5 == 0]
    chart = alt.Chart(rows).mark_bar().encode(
        x=alt.X("year:O", title="Year", axis=alt.Axis(labelAngle=0, values=ticks)),
        xOffset="country:N",
        y=alt.Y("gdp_growth_pct:Q", title="Real GDP growth, % per year"),
        color=country_color(codes=list(pair)),
        tooltip=[alt.Tooltip("country:N", title="Country"), alt.Tooltip("year:O", title="Year"),
                 alt.Tooltip("gdp_growth_pct:Q", title="Growth (%)", format=".1f")],
    ).properties(title=finding(title, f"Annual growth of real GDP of {COUNTRIES[pair[0]]} and "
                                      f"{COUNTRIES[pair[1]]} as reported, % per year"))
    table = rows[["country", "year", "gdp_growth_pct"]].rename(
        columns={"country": "Country", "year": "Year", "gdp_growth_pct": "Real GDP growth (% per year)"})
    return Figure(chart, table, ("macro",))


def gdp_vintages(vintages: pd.DataFrame, code: str, labels: dict[str, str], title: str,
                 years: tuple[int, int]) -> Figure:
    """One country's GDP (current USD billion) in two World Bank vintages, as two lines.

    ``vintages``: dataset ``gdp_vintages`` (country_code, year, one column of GDP in current USD per
    vintage); ``code``: the country drawn; ``labels``: vintage column → legend label, the first drawn solid
    in the country's colour (the vintage the report uses), the second dashed in grey; ``title``: the
    finding; ``years``: (first, last) year drawn. Raises ``KeyError`` for a vintage column not in the data.
    """
    columns = list(labels)
    rows = vintages[(vintages.country_code == code) & vintages.year.between(*years)]
    long = rows.melt(id_vars=["year"], value_vars=columns, var_name="column", value_name="gdp_usd").dropna()
    long = long.assign(gdp_bn=long.gdp_usd / 1e9, vintage=long.column.map(labels))
    domain = [labels[c] for c in columns]
    chart = alt.Chart(long).mark_line(point=alt.OverlayMarkDef(size=18)).encode(
        x=year_axis(),
        y=alt.Y("gdp_bn:Q", title="GDP, current USD billion"),
        color=alt.Color("vintage:N", title="World Bank vintage",
                        scale=alt.Scale(domain=domain, range=[COUNTRY_COLORS[code], MUTED])),
        strokeDash=alt.StrokeDash("vintage:N", title="World Bank vintage",
                                  scale=alt.Scale(domain=domain, range=[[1, 0], [6, 3]])),
        tooltip=[alt.Tooltip("vintage:N", title="Vintage"), alt.Tooltip("year:Q", title="Year", format="d"),
                 alt.Tooltip("gdp_bn:Q", title="GDP (USD bn)", format=",.1f")],
    ).properties(title=finding(title, f"GDP of {COUNTRIES[code]} in current US dollars in two World Bank "
                                      f"vintages, {years[0]}–{years[1]}, USD billion"))
    table = rows[["year", *columns]].copy()
    for column in columns:
        table[column] = table[column] / 1e9
    table["ratio"] = table[columns[0]] / table[columns[1]]
    table = table.rename(columns={"year": "Year", **{c: f"GDP, {labels[c]} (current USD billion)" for c in columns},
                                  "ratio": "First vintage ÷ second"})
    return Figure(chart, table, ("gdp_vintages",),
                  note="Both series are the World Bank's; this build holds no explanation of the revision.")
