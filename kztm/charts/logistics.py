"""Charts of the logistics chapter: quoted rail volumes against stated capacity, the Logistics Performance
Index, railway networks and the what-if of the claimed cost cut. The region map is in :mod:`.maps`.

Data: ``trade_bilateral`` (figures quoted by officials), ``logistics_routes`` (stated capacity),
``logistics_indicators`` (World Bank LPI and WDI route-km), prepared by :mod:`kztm.themes.logistics`.
Each function returns a :class:`~kztm.charts.render.Figure`.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..report.wording import indicator_words, period_label, short_label
from .render import Figure
from .theme import ACCENT, INK, MUTED, country_color, finding, slider, year_axis


def volumes(tonnes: pd.DataFrame, annualised_row: pd.Series, annualised_mt: float, capacity: list[dict],
            title: str) -> Figure:
    """Freight volumes quoted by officials (bars, million tonnes over their period), one of them scaled pro
    rata to twelve months (a diamond, derived), against the design capacity stated at opening (shaded
    ranges, million tonnes a year).

    ``tonnes``: :func:`kztm.themes.logistics.quoted_tonnes` rows (indicator, period_start, period_end,
    value in million tonnes, change_stated, status, source_url, source_date); ``annualised_row``: the quoted
    row that was scaled and ``annualised_mt`` its value for twelve months; ``capacity``:
    :func:`kztm.themes.logistics.stated_capacity` output ({stage, low, high} in Mt a year); ``title``: the finding.
    """
    bars_data = tonnes.assign(
        label=lambda d: d.apply(short_label, axis=1),
        figure_text=lambda d: d.indicator.map(indicator_words),
        period_text=lambda d: d.apply(period_label, axis=1))
    derived_data = pd.DataFrame([{"label": short_label(annualised_row), "value": annualised_mt,
                                  "kind": "pro rata to 12 months (derived)"}])
    bands = pd.DataFrame([{"stage": f"Design capacity {c['stage']}", "low": c["low"], "high": c["high"],
                           "text": f"{c['low']:g}–{c['high']:g} Mt/yr {c['stage']}"} for c in capacity])
    top = max(bands.high.max(), bars_data.value.max()) * 1.3
    x = alt.X("value:Q", title="Million tonnes", scale=alt.Scale(domain=[0, top]))
    band = alt.Chart(bands).mark_rect(color=MUTED, opacity=0.18).encode(
        x=alt.X("low:Q"), x2="high:Q",
        tooltip=[alt.Tooltip("stage:N", title="Stated"), alt.Tooltip("low:Q", title="From (Mt/yr)"),
                 alt.Tooltip("high:Q", title="To (Mt/yr)")])
    band_text = alt.Chart(bands).mark_text(align="left", baseline="top", dx=3, dy=3, color=INK, fontSize=10).encode(
        x="low:Q", y=alt.value(0), text="text:N")
    bars = alt.Chart(bars_data).mark_bar(color=ACCENT, height=22).encode(
        x=x, y=alt.Y("label:N", title=None, sort=None, axis=alt.Axis(labelLimit=340)),
        tooltip=[alt.Tooltip("figure_text:N", title="Figure"), alt.Tooltip("period_text:N", title="Period"),
                 alt.Tooltip("value:Q", title="Million tonnes", format=".1f"),
                 alt.Tooltip("change_stated:N", title="Change stated"), alt.Tooltip("status:N", title="Status"),
                 alt.Tooltip("source_url:N", title="Source"), alt.Tooltip("source_date:N", title="Source date")])
    derived = alt.Chart(derived_data).mark_point(shape="diamond", filled=False, size=110, color=INK,
                                                 strokeWidth=1.5).encode(
        x="value:Q", y=alt.Y("label:N", sort=None),
        tooltip=[alt.Tooltip("kind:N", title="Figure"), alt.Tooltip("value:Q", title="Million tonnes", format=".1f")])
    chart = alt.layer(band, band_text, bars, derived).properties(height=150, title=finding(title, [
        "Bars: freight quoted by officials, million tonnes over the period named; diamond: the 2025 figure",
        "scaled pro rata to 12 months (derived); shaded: design capacity stated at opening, Mt a year"]))
    table = pd.concat([
        pd.DataFrame({"Figure": bars_data.figure_text, "Period": bars_data.period_text, "Kind": "quoted",
                      "Million tonnes": bars_data.value, "Change stated": bars_data.change_stated}),
        pd.DataFrame({"Figure": [indicator_words(annualised_row["indicator"])],
                      "Period": ["12 months, pro rata from " + period_label(annualised_row)],
                      "Kind": ["derived"], "Million tonnes": [annualised_mt]}),
        pd.DataFrame({"Figure": bands.stage, "Period": "a year", "Kind": "stated capacity, lower end",
                      "Million tonnes": bands.low}),
        pd.DataFrame({"Figure": bands.stage, "Period": "a year", "Kind": "stated capacity, upper end",
                      "Million tonnes": bands.high}),
    ], ignore_index=True)
    return Figure(chart, table, ("trade_bilateral", "logistics_routes"))


def _country_lines(rows: pd.DataFrame, column: str, codes: list[str], axis_title: str, tooltip_title: str,
                   number_format: str, point_size: int, zero: bool, title: str, subtitle, unit_header: str) -> Figure:
    """One line per country over the years of ``rows[column]`` (dataset ``logistics_indicators``); the y axis
    starts at zero only if ``zero``."""
    chart = alt.Chart(rows).mark_line(point=alt.OverlayMarkDef(size=point_size)).encode(
        x=year_axis(),
        y=alt.Y(f"{column}:Q", title=axis_title, scale=alt.Scale(zero=zero)),
        color=country_color(codes=codes),
        tooltip=[alt.Tooltip("country:N", title="Country"), alt.Tooltip("year:Q", title="Year", format="d"),
                 alt.Tooltip(f"{column}:Q", title=tooltip_title, format=number_format)],
    ).properties(title=finding(title, subtitle))
    table = rows[["country", "year", column]].rename(columns={"country": "Country", "year": "Year",
                                                              column: unit_header})
    return Figure(chart, table, ("logistics_indicators",))


def lpi(scores: pd.DataFrame, codes: list[str], title: str) -> Figure:
    """The World Bank Logistics Performance Index, overall score (1 = low, 5 = high), one line per country
    across the survey rounds.

    ``scores``: dataset ``logistics_indicators`` rows with an ``lpi_overall`` value (country, year,
    lpi_overall), limited to the countries and years to draw; ``codes``: the countries in legend order.
    """
    surveys = ", ".join(str(int(y)) for y in sorted(scores.year.unique()))
    return _country_lines(
        scores, "lpi_overall", codes, "LPI overall score (1 = low, 5 = high)", "LPI score", ".2f", 40, False, title,
        [f"Logistics Performance Index, overall score (1 = low, 5 = high); surveys {surveys}.",
         "A line joins a country's surveys across rounds it missed"], "LPI overall score (1 = low, 5 = high)")


def rail_network(lengths: pd.DataFrame, codes: list[str], title: str) -> Figure:
    """Total length of railway lines (route-km) as reported to the World Bank, one line per country, from zero.

    ``lengths``: dataset ``logistics_indicators`` rows with a ``rail_route_km`` value (country, year,
    rail_route_km), limited to the countries and years to draw; ``codes``: the countries in legend order.
    """
    return _country_lines(
        lengths, "rail_route_km", codes, "Railway lines, route-km", "Route-km", ",.0f", 18, True, title,
        "Total route-km of railway lines as reported to the World Bank; the series of a country ends with its "
        "last report", "Railway lines (route-km)")


def savings(curve: pd.DataFrame, volume_mt: float, cost_usd_per_t: float, reduction_pct: float,
            claimed: tuple[float, float], volume_note: str, title: str) -> Figure:
    """What-if: the saving (USD million) = volume × cost per tonne × reduction, as a line over the reduction
    (%), with the claimed range shaded and the chosen reduction marked. Two sliders (web only) move the
    reduction and the cost per tonne; the picture shows the defaults.

    ``curve``: :func:`kztm.themes.logistics.savings_curve` output (reduction_pct, savings_musd) at
    ``cost_usd_per_t``; ``volume_mt``: million tonnes; ``reduction_pct``: the chosen reduction, %;
    ``claimed``: (low, high) % claimed; ``volume_note``: where the volume comes from, for the subtitle.
    The cost per tonne is an assumption, not a measured cost: the subtitle and the note say so.
    """
    max_pct = float(curve.reduction_pct.max())
    reduction = slider("reduction_pct", reduction_pct, 0, max_pct, 1, "Cost reduction, %")
    cost = slider("cost_usd_t", cost_usd_per_t, 0, max(400, 2 * cost_usd_per_t), 5,
                  "Cost per tonne, USD (illustrative)")
    saving = f"{volume_mt!r} * cost_usd_t * {{pct}} / 100"
    claimed_range = pd.DataFrame([{"lo": claimed[0], "hi": claimed[1],
                                   "what": "Range claimed for the Southern Transit Corridor"}])
    band = alt.Chart(claimed_range).mark_rect(color=ACCENT, opacity=0.12).encode(
        x=alt.X("lo:Q"), x2="hi:Q",
        tooltip=[alt.Tooltip("what:N", title="Shaded"), alt.Tooltip("lo:Q", title="From, %"),
                 alt.Tooltip("hi:Q", title="To, %")])
    line = alt.Chart(curve).transform_calculate(savings=saving.format(pct="datum.reduction_pct")).mark_line(
        color=ACCENT).encode(
        x=alt.X("reduction_pct:Q", title="Reduction in logistics cost, %"),
        y=alt.Y("savings:Q", title="Saving, USD million"),
        tooltip=[alt.Tooltip("reduction_pct:Q", title="Reduction, %", format=".0f"),
                 alt.Tooltip("savings:Q", title="Saving, USD million", format=",.1f")])
    marker = alt.Chart(pd.DataFrame([{"volume": volume_mt}])).transform_calculate(
        reduction_pct="reduction_pct", savings=saving.format(pct="reduction_pct"), cost="cost_usd_t",
        label="'USD ' + format(" + saving.format(pct="reduction_pct") + ", ',.1f') + ' million'")
    rule = marker.mark_rule(color=INK, strokeDash=[3, 3]).encode(x="reduction_pct:Q")
    point = marker.mark_point(filled=True, size=80, color=INK).encode(
        x="reduction_pct:Q", y="savings:Q",
        tooltip=[alt.Tooltip("reduction_pct:Q", title="Reduction, %", format=".0f"),
                 alt.Tooltip("cost:Q", title="Cost per tonne, USD (illustrative)", format=",.0f"),
                 alt.Tooltip("volume:Q", title="Volume, Mt", format=".1f"),
                 alt.Tooltip("savings:Q", title="Saving, USD million", format=",.1f")])
    label = marker.mark_text(align="left", dx=8, dy=-8, fontWeight=600, color=INK).encode(
        x="reduction_pct:Q", y="savings:Q", text="label:N")
    chart = alt.layer(band, line, rule, point, label).add_params(reduction, cost).properties(
        height=280, title=finding(title, [
            ("Saving (USD million) = volume × cost per tonne × reduction; the cost per tonne is illustrative, "
             "not a measured cost."),
            f"{volume_note}; shaded: the {claimed[0]:g}–{claimed[1]:g}% claimed"]))
    table = curve.rename(columns={"reduction_pct": "Reduction in logistics cost (%)",
                                  "savings_musd": f"Saving at USD {cost_usd_per_t:,.0f} a tonne (USD million)"})
    return Figure(chart, table, ("trade_bilateral",),
                  note="Cost per tonne: an illustrative assumption, not a measured cost.")
