"""Charts of the energy chapter: gas balances, proved reserves, oil, the electricity mix and the gas scenario.

Data: the Statistical Review of World Energy (BP 2021 and the Energy Institute's newer edition, as compiled
by Our World in Data) in datasets ``energy_gas``, ``energy_oil`` and ``gas_reserves``; Our World in Data's
electricity mix (``electricity_mix``). Gas volumes are in the chapter's unit: ``"bcm"`` (billion cubic
metres) or ``"TWh"`` (energy content); oil is in TWh.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..report.wording import number_text
from .render import Figure
from .theme import (
    COUNTRY_COLORS,
    ELECTRICITY_SOURCE_COLORS,
    HIGHLIGHT,
    INK,
    MUTED,
    PAPER,
    country_color,
    finding,
    slider,
    year_axis,
)

VINTAGE_LABELS = {"bp_2021": "BP 2021", "owid_energy_2025": "Energy Institute via OWID"}
FLOW_DASH = alt.Scale(domain=["production", "consumption"], range=[[1, 0], [5, 3]])  # solid, dashed
ELECTRICITY_SOURCES = {"coal": "Coal", "gas": "Gas", "oil": "Oil", "nuclear": "Nuclear", "hydro": "Hydro",
                       "wind": "Wind", "solar": "Solar", "bioenergy": "Bioenergy",
                       "other_renewables": "Other renewables"}  # stacking order


def _flows_long(rows: pd.DataFrame, value: str) -> pd.DataFrame:
    """Production and consumption rows (country, year, flow, value, vintage) without missing values."""
    long = rows.melt(id_vars=["country_code", "country", "year", "source"], value_vars=["production", "consumption"],
                     var_name="flow", value_name=value).dropna(subset=[value])
    return long.assign(vintage=long.source.map(VINTAGE_LABELS).fillna(long.source))


def _flow_lines(long: pd.DataFrame, value: str, y_title: str, codes: list[str], value_title: str,
                value_format: str) -> alt.Chart:
    return alt.Chart(long).mark_line().encode(
        x=year_axis(),
        y=alt.Y(f"{value}:Q", title=y_title),
        color=country_color(codes=codes),
        strokeDash=alt.StrokeDash("flow:N", title="Flow", sort=["production", "consumption"], scale=FLOW_DASH),
        tooltip=[alt.Tooltip("country:N", title="Country"), alt.Tooltip("year:Q", title="Year", format="d"),
                 alt.Tooltip("flow:N", title="Flow"), alt.Tooltip(f"{value}:Q", title=value_title, format=value_format),
                 alt.Tooltip("vintage:N", title="Vintage")],
    )


def _flows_table(long: pd.DataFrame, value: str, header: str) -> pd.DataFrame:
    return (long[["country", "year", "flow", value, "vintage"]]
            .rename(columns={"country": "Country", "year": "Year", "flow": "Flow", value: header, "vintage": "Vintage"})
            .reset_index(drop=True))


def gas_flows(balance: pd.DataFrame, codes: list[str], unit: str, unit_label: str, title: str,
              years: tuple[int, int]) -> Figure:
    """Gas production (solid) and consumption (dashed), one colour per country.

    ``balance``: rows of :func:`kztm.themes.energy.gas_balance` (country_code, country, year, source,
    production, consumption in ``unit``) limited to the countries and years drawn; ``codes``: the
    countries with a gas series, in legend order; ``unit``/``unit_label``: "bcm"/"billion cubic metres"
    or "TWh"/"terawatt-hours"; ``years``: (first, last) year, for the subtitle.
    """
    long = _flows_long(balance, "gas")
    chart = _flow_lines(long, "gas", f"Natural gas, {unit_label}", codes, f"Gas ({unit})", ",.1f").properties(
        title=finding(title, f"Gas production (solid) and consumption (dashed) of the countries the gas series covers, "
                             f"{unit_label}, {years[0]}–{years[1]}"))
    return Figure(chart, _flows_table(long, "gas", f"Natural gas ({unit})"), ("energy_gas",))


def gas_surplus(balance: pd.DataFrame, codes: list[str], unit: str, unit_label: str, title: str,
                years: tuple[int, int]) -> Figure:
    """Production minus consumption of gas as grouped bars per year (the volume left to export, store or lose).

    ``balance``: as for :func:`gas_flows`, with surplus and surplus_share_pct (% of production);
    ``codes``: the countries drawn (those of the pair with a gas series); ``years``: (first, last) year
    of the axis, labelled every five years.
    """
    rows = balance[balance.country_code.isin(codes)].dropna(subset=["surplus"])
    chart = alt.Chart(rows).mark_bar().encode(
        x=alt.X("year:O", title="Year", axis=alt.Axis(labelAngle=-90, values=list(range(years[0], years[1] + 1, 5)))),
        xOffset="country:N",
        y=alt.Y("surplus:Q", title=f"Production minus consumption, {unit_label}"),
        color=country_color(codes=codes),
        tooltip=[alt.Tooltip("country:N", title="Country"), alt.Tooltip("year:O", title="Year"),
                 alt.Tooltip("production:Q", title=f"Production ({unit})", format=",.1f"),
                 alt.Tooltip("consumption:Q", title=f"Consumption ({unit})", format=",.1f"),
                 alt.Tooltip("surplus:Q", title=f"Surplus ({unit})", format=",.1f"),
                 alt.Tooltip("surplus_share_pct:Q", title="Surplus (% of production)", format=".0f")],
    ).properties(title=finding(title, f"Gas production minus consumption: the volume available for export, storage "
                                      f"or losses, {unit_label} a year"))
    table = rows[["country", "year", "production", "consumption", "surplus", "surplus_share_pct"]].rename(columns={
        "country": "Country", "year": "Year", "production": f"Production ({unit})",
        "consumption": f"Consumption ({unit})", "surplus": f"Surplus ({unit})",
        "surplus_share_pct": "Surplus (% of production)"})
    return Figure(chart, table.reset_index(drop=True), ("energy_gas",))


def reserves(latest: pd.DataFrame, highlight: list[str], title: str, year: int) -> Figure:
    """Proved gas reserves (trillion cubic metres) at the end of ``year``, one bar per country, largest first.

    ``latest``: rows of dataset ``gas_reserves`` for that year (country_code, country, year,
    proved_reserves_tcm); ``highlight``: the countries of the chapter, drawn in their colours (others grey).
    """
    rows = latest.assign(color=[COUNTRY_COLORS.get(c, MUTED) if c in highlight else MUTED for c in latest.country_code])
    chart = alt.Chart(rows).mark_bar().encode(
        y=alt.Y("country:N", title=None, sort="-x"),
        x=alt.X("proved_reserves_tcm:Q", title="Proved gas reserves, trillion cubic metres"),
        color=alt.Color("color:N", scale=None, legend=None),
        tooltip=[alt.Tooltip("country:N", title="Country"), alt.Tooltip("year:Q", title="End of year", format="d"),
                 alt.Tooltip("proved_reserves_tcm:Q", title="Proved reserves (tcm)", format=".2f")],
    ).properties(height=200, title=finding(title, f"Proved natural gas reserves at the end of {year} of the Central "
                                                  "Asian producers and the Caspian neighbours, trillion cubic metres"))
    table = (rows.sort_values("proved_reserves_tcm", ascending=False)[["country", "year", "proved_reserves_tcm"]]
             .rename(columns={"country": "Country", "year": "End of year",
                              "proved_reserves_tcm": "Proved reserves (trillion m³)"}))
    return Figure(chart, table.reset_index(drop=True), ("gas_reserves",))


def oil_flows(oil: pd.DataFrame, codes: list[str], title: str, years: tuple[int, int]) -> Figure:
    """Oil production (solid) and consumption (dashed) in TWh (energy content), one colour per country.

    ``oil``: dataset ``energy_oil`` in long form (country_code, country, year, flow, value_twh, source),
    limited to the countries and years drawn; ``years``: (first, last) year, for the subtitle.
    """
    rows = oil.dropna(subset=["value_twh"]).rename(columns={"value_twh": "oil"})
    rows = rows.assign(vintage=rows.source.map(VINTAGE_LABELS).fillna(rows.source))
    chart = _flow_lines(rows, "oil", "Oil, TWh (energy content)", codes, "Oil (TWh)", ",.0f").properties(
        title=finding(title, f"Oil production (solid) and consumption (dashed) in energy terms, TWh, "
                             f"{years[0]}–{years[1]}"))
    return Figure(chart, _flows_table(rows, "oil", "Oil (TWh)"), ("energy_oil",))


def electricity_mix(latest_mix: pd.DataFrame, codes: list[str], title: str) -> Figure:
    """Shares (%) of electricity generation by source, one stacked bar per country, in its latest complete year.

    ``latest_mix``: rows of dataset ``electricity_mix`` (country_code, country, year, source,
    generation_twh, share_pct) of each country's latest year whose sources add up to the total;
    ``codes``: the countries in bar order. Colours: :data:`kztm.charts.theme.ELECTRICITY_SOURCE_COLORS`.
    """
    rows = latest_mix[latest_mix.share_pct > 0].copy()
    rows["label"] = rows.country + " (" + rows.year.astype(str) + ")"
    rows["source_label"] = rows.source.map(ELECTRICITY_SOURCES).fillna(rows.source)
    rows["order"] = rows.source.map({s: i for i, s in enumerate(ELECTRICITY_SOURCES)})
    labels = list(ELECTRICITY_SOURCES.values())
    bar_order = [label for code in codes for label in rows[rows.country_code == code].label.unique()]
    chart = alt.Chart(rows).mark_bar(stroke=PAPER, strokeWidth=1).encode(
        y=alt.Y("label:N", title=None, sort=bar_order),
        x=alt.X("share_pct:Q", title="Share of electricity generation, %", scale=alt.Scale(domain=[0, 100])),
        color=alt.Color("source_label:N", title="Source", sort=labels,
                        scale=alt.Scale(domain=labels, range=[ELECTRICITY_SOURCE_COLORS[s] for s in labels])),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("country:N", title="Country"), alt.Tooltip("year:Q", title="Year", format="d"),
                 alt.Tooltip("source_label:N", title="Source"),
                 alt.Tooltip("generation_twh:Q", title="Generation (TWh)", format=",.1f"),
                 alt.Tooltip("share_pct:Q", title="Share (%)", format=".1f")],
    ).properties(height=190, title=finding(title, "Electricity generation by source in the latest year for which "
                                                  "the sources add up to the total, % of generation"))
    table = rows.sort_values(["country", "order"])[["country", "year", "source_label", "generation_twh", "share_pct"]]
    table = table.rename(columns={"country": "Country", "year": "Year", "source_label": "Source",
                                  "generation_twh": "Generation (TWh)", "share_pct": "Share of generation (%)"})
    return Figure(chart, table.reset_index(drop=True), ("electricity_mix",))


def gas_scenario(recorded: pd.DataFrame, path: pd.DataFrame, unit: str, unit_label: str, title: str,
                 rates: tuple[float, float]) -> Figure:
    """One country's gas production and consumption: recorded (solid) and projected at constant growth (dashed).

    ``recorded``: rows of :func:`kztm.themes.energy.gas_balance` for the country (year, production,
    consumption in ``unit``); ``path``: :meth:`kztm.themes.energy.GasScenario.path` (year from the base
    year to the horizon, production, consumption at the default rates); ``rates``: (consumption,
    production) growth in % a year. In the web edition two sliders change the rates and the projection
    is recomputed in the browser; the static picture, the crossover marker and the data table use ``rates``.
    """
    base_year, horizon = int(path.year.iloc[0]), int(path.year.iloc[-1])
    p0, c0 = float(path.production.iloc[0]), float(path.consumption.iloc[0])
    cons_rate, prod_rate = rates
    hist = recorded.melt(id_vars=["year"], value_vars=["production", "consumption"], var_name="series",
                         value_name="value").dropna(subset=["value"])
    years = pd.DataFrame({"year": range(base_year, horizon + 1)}).assign(t=lambda d: d.year - base_year)
    cons_param = slider("cons_growth", round(cons_rate, 2), -10, 10, 0.1, "Consumption growth, % a year")
    prod_param = slider("prod_growth", round(prod_rate, 2), -10, 10, 0.1, "Production growth, % a year")
    series_scale = alt.Scale(domain=["production", "consumption"], range=[INK, HIGHLIGHT])
    projected = alt.Chart(years).transform_calculate(
        production=f"{p0} * pow(1 + prod_growth / 100, datum.t)",
        consumption=f"{c0} * pow(1 + cons_growth / 100, datum.t)",
    ).transform_fold(["production", "consumption"], as_=["series", "value"]).mark_line(strokeDash=[5, 3]).encode(
        x=year_axis(),
        y=alt.Y("value:Q", title=f"Natural gas, {unit_label}"),
        color=alt.Color("series:N", title="Gas", scale=series_scale,
                        legend=alt.Legend(labelExpr="datum.label == 'production' ? 'Production' : 'Consumption'")),
        tooltip=[alt.Tooltip("series:N", title="Series"), alt.Tooltip("year:Q", title="Year", format="d"),
                 alt.Tooltip("value:Q", title=f"Projected ({unit})", format=",.1f")],
    )
    recorded_lines = alt.Chart(hist).mark_line().encode(
        x=year_axis(), y="value:Q", color=alt.Color("series:N", scale=series_scale),
        tooltip=[alt.Tooltip("series:N", title="Series"), alt.Tooltip("year:Q", title="Year", format="d"),
                 alt.Tooltip("value:Q", title=f"Recorded ({unit})", format=",.1f")],
    )
    # The crossover year under the slider rates, as in GasScenario.crossover_year.
    cross_t = (f"{c0} >= {p0} ? 0 : (cons_growth > prod_growth ? "
               f"log({p0} / {c0}) / log((1 + cons_growth / 100) / (1 + prod_growth / 100)) : 1e9)")
    marker = alt.Chart(pd.DataFrame({"x": [0]})).transform_calculate(
        cross_year=f"{base_year} + ceil(({cross_t}) - 1e-9)",
    ).transform_calculate(
        label=(f"datum.cross_year <= {horizon} ? 'Consumption overtakes\\nproduction in ' + datum.cross_year "
               f": 'No crossover by {horizon}'"),
        x_pos=f"datum.cross_year <= {horizon} ? datum.cross_year : {horizon}",
    )
    rule = marker.transform_filter(f"datum.cross_year <= {horizon}").mark_rule(color=MUTED, strokeDash=[2, 2]).encode(
        x="x_pos:Q", tooltip=[alt.Tooltip("label:N", title="Scenario")])
    # Two lines, on the side of the rule with more room (a phone's plot is about 300 px wide).
    right_half = "scale('x', datum.x_pos) > width / 2"
    text = marker.mark_text(align=alt.ExprRef(f"{right_half} ? 'right' : 'left'"),
                            dx=alt.ExprRef(f"{right_half} ? -6 : 6"), dy=-100, lineBreak="\n", fontWeight=600,
                            color=INK).encode(x="x_pos:Q", text="label:N")
    chart = alt.layer(recorded_lines, projected, rule, text).add_params(cons_param, prod_param).properties(
        title=finding(title, [(f"Gas production (dark grey) and consumption (vermilion), recorded (solid) and "
                               f"projected "
                               f"at constant growth (dashed), {unit_label}."),
                              f"Default rates: consumption {number_text(cons_rate, '+.1f')}%, "
                              f"production {number_text(prod_rate, '+.1f')}% a year"]))
    table = pd.concat([
        hist.assign(kind="recorded"),
        path.melt(id_vars=["year"], value_vars=["production", "consumption"], var_name="series",
                  value_name="value").assign(kind="projected"),
    ])[["year", "series", "kind", "value"]].rename(columns={
        "year": "Year", "series": "Series", "kind": "Recorded or projected", "value": f"Natural gas ({unit})"})
    return Figure(chart, table.reset_index(drop=True), ("energy_gas",),
                  note="Projection: constant growth from the last year of data; not a forecast.")


def crossover_sensitivity(table: pd.DataFrame, default_base: int, horizon_year: int, title: str,
                          unit: str = "bcm") -> Figure:
    """The scenario's crossover year for each base year of the growth window (one point per base year).

    ``table``: :func:`kztm.themes.energy.crossover_sensitivity` (base_year, window_years,
    production_growth_pct, consumption_growth_pct, crossover_year, surplus_base, surplus_fall_pct);
    ``default_base``: the base year of the chapter's default scenario, drawn in the highlight colour;
    ``horizon_year``: base years without a crossover by then are drawn at the horizon as hollow
    triangles labelled "none by <horizon>"; ``unit``: the unit of the surplus column ("bcm" or "TWh").
    """
    rows = table.assign(
        crossover=table.crossover_year.astype("float").fillna(horizon_year),
        reached=table.crossover_year.notna(),
        label=[str(int(y)) if pd.notna(y) else f"none by {horizon_year}" for y in table.crossover_year],
        window=[f"{int(b)}–{int(b) + int(w)}" for b, w in zip(table.base_year, table.window_years, strict=True)],
        kind=["default scenario" if b == default_base else "other base year" for b in table.base_year])
    kind_scale = alt.Scale(domain=["default scenario", "other base year"], range=[HIGHLIGHT, INK])
    tooltip = [alt.Tooltip("window:N", title="Growth window"),
               alt.Tooltip("production_growth_pct:Q", title="Production growth (% a year)", format="+.1f"),
               alt.Tooltip("consumption_growth_pct:Q", title="Consumption growth (% a year)", format="+.1f"),
               alt.Tooltip("label:N", title="Consumption overtakes production")]
    x = alt.X("base_year:Q", title="Base year of the growth window (rates measured to the last year)",
              scale=alt.Scale(nice=False, zero=False, padding=12), axis=alt.Axis(format="d", tickMinStep=1))
    y = alt.Y("crossover:Q", title="Year consumption overtakes production",
              scale=alt.Scale(zero=False, nice=False, padding=14), axis=alt.Axis(format="d", tickMinStep=1))
    reached = alt.Chart(rows[rows.reached]).mark_point(filled=True, size=110).encode(
        x=x, y=y, color=alt.Color("kind:N", title=None, scale=kind_scale), tooltip=tooltip)
    none = alt.Chart(rows[~rows.reached]).mark_point(shape="triangle-up", filled=False, size=110, color=MUTED,
                                                     strokeWidth=1.5).encode(x=x, y=y, tooltip=tooltip)
    labels = alt.Chart(rows).mark_text(dy=-13, color=INK).encode(x=x, y=y, text="label:N")
    chart = alt.layer(reached, none, labels).properties(height=220, title=finding(
        title, "Year in which consumption would overtake production at the growth rates recorded from each base "
               f"year; hollow triangles: not by {horizon_year}"))
    data = rows[["window", "production_growth_pct", "consumption_growth_pct", "label", "surplus_base",
                 "surplus_fall_pct"]].rename(columns={
        "window": "Growth window", "production_growth_pct": "Production growth (% a year)",
        "consumption_growth_pct": "Consumption growth (% a year)",
        "label": "Consumption overtakes production (year)", "surplus_base": f"Surplus in the base year ({unit})",
        "surplus_fall_pct": "Fall of the surplus to the last year (%)"})
    return Figure(chart, data.reset_index(drop=True), ("energy_gas",),
                  note="Derived here: constant-growth arithmetic, one vintage per window; not a forecast.")


MEASURE_LABELS = {"series": "Energy Institute via OWID (the report's series)",
                  "raw production": "Raw production, as stated by the energy ministry",
                  "commercial gas": "Commercial gas, as stated by the energy ministry"}


def commercial_vs_raw(series: pd.DataFrame, national: pd.DataFrame, title: str, years: tuple[int, int]) -> Figure:
    """Kazakhstan's gas: the report's production series (line: a statistic) against the ministry's raw
    production and commercial gas (points: quoted figures; hollow: a plan, not an outturn).

    ``series``: year and production (bcm) of the report's series (Energy Institute via OWID);
    ``national``: :func:`kztm.themes.energy.national_gas_figures` (year, measure, value_bcm, value_kind,
    source_name); ``years``: (first, last) year of the line, for the subtitle. Sources: datasets
    ``energy_gas`` and ``context_facts``.
    """
    line_rows = series[["year", "production"]].rename(columns={"production": "value_bcm"}).assign(
        measure=MEASURE_LABELS["series"], kind="statistic", source_name="Energy Institute via Our World in Data")
    point_rows = national.assign(measure=national.measure.map(MEASURE_LABELS),
                                 kind=["quoted plan" if k == "target" else "quoted outturn"
                                       for k in national.value_kind])
    domain = list(MEASURE_LABELS.values())
    scale = alt.Scale(domain=domain, range=[COUNTRY_COLORS["KAZ"], HIGHLIGHT, INK])
    tooltip = [alt.Tooltip("measure:N", title="Series"), alt.Tooltip("year:Q", title="Year", format="d"),
               alt.Tooltip("value_bcm:Q", title="Gas (bcm)", format=",.1f"), alt.Tooltip("kind:N", title="Kind"),
               alt.Tooltip("source_name:N", title="Source")]
    line = alt.Chart(line_rows).mark_line(point=True).encode(
        x=year_axis(), y=alt.Y("value_bcm:Q", title="Natural gas, billion cubic metres", scale=alt.Scale(zero=True)),
        color=alt.Color("measure:N", title=None, scale=scale, legend=alt.Legend(columns=1)), tooltip=tooltip)
    points = alt.Chart(point_rows).mark_point(size=150, strokeWidth=2.2, filled=True).encode(
        x=year_axis(), y="value_bcm:Q",
        stroke=alt.Stroke("measure:N", title=None, scale=scale, legend=None),
        shape=alt.Shape("measure:N", title=None, scale=alt.Scale(domain=domain, range=["circle", "square", "diamond"]),
                        legend=None),
        fill=alt.condition(alt.datum.kind == "quoted outturn", alt.Fill("measure:N", scale=scale, legend=None),
                           alt.value("white")),
        tooltip=tooltip)
    chart = alt.layer(line, points).properties(height=260, title=finding(
        title, [(f"The report's production series (line, {years[0]}–{years[1]}) and the ministry's raw and commercial "
                 "gas (points, quoted), billion cubic metres."),
                "Hollow point: a plan, not an outturn"]))
    data = pd.concat([line_rows, point_rows])[["measure", "year", "value_bcm", "kind", "source_name"]].rename(columns={
        "measure": "Series", "year": "Year", "value_bcm": "Natural gas (bcm)", "kind": "Kind",
        "source_name": "Source"})
    return Figure(chart, data.reset_index(drop=True), ("energy_gas", "context_facts"),
                  note="Points are figures quoted by the named agencies from the energy ministry, not a statistical "
                       "series.")
