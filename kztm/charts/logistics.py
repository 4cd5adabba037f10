"""Charts of the logistics chapter: quoted rail volumes against stated capacity, the Logistics Performance
Index, railway networks and the what-if of the claimed cost cut. The region map is in :mod:`.maps`.

Data: ``trade_bilateral`` (figures quoted by officials), ``logistics_routes`` (stated capacity),
``logistics_indicators`` (World Bank LPI and WDI route-km), prepared by :mod:`kztm.themes.logistics`.
Each function returns a :class:`~kztm.charts.render.Figure`.
"""

from __future__ import annotations

import re

import altair as alt
import pandas as pd

from ..report.wording import definition_words, indicator_words, period_label
from ..themes.logistics import period_middle as lg_middle
from .render import Figure
from .theme import ACCENT, INK, MUTED, PALETTE, PAPER, country_color, finding, slider, year_axis

# Marks for what kind of figure a point is: a quote for a full year, a quote for part of a year, a figure derived
# here (a sum, a pro-rata year), a target or forecast. Filled = quoted level; hollow = not a quoted full-year level.
FIGURE_KINDS = ["quoted, full year", "quoted, part of a year", "derived here", "target or forecast"]
_KIND_SHAPES = ["circle", "circle", "diamond", "square"]
_KIND_FILLED = {"quoted, full year": True}


def _kind_marks(field: str = "kind:N", title: str = "Kind of figure"):
    """Shape and fill encodings that tell a quoted full-year level from everything else (legend included)."""
    shape = alt.Shape(field, title=title, scale=alt.Scale(domain=FIGURE_KINDS, range=_KIND_SHAPES),
                      legend=alt.Legend(orient="bottom", columns=2, labelLimit=260, symbolStrokeColor=ACCENT,
                                        symbolStrokeWidth=1.8, symbolFillColor=PAPER))
    fill = alt.Fill(field, scale=alt.Scale(domain=FIGURE_KINDS, range=[ACCENT, PAPER, PAPER, PAPER]), legend=None)
    return shape, fill


def volumes(rail: pd.DataFrame, row_2025: pd.Series, annualised_mt: float, capacity: list[dict],
            title: str) -> Figure:
    """Rail cargo between Kazakhstan and Turkmenistan as quoted, by period (points, million tonnes), against the
    design capacity stated for the north–south railway (shaded bands, million tonnes a year).

    ``rail``: :func:`kztm.themes.logistics.rail_figures` rows (id, what, period, period_start, period_end, mt,
    months, status, definition, source_url, source_date); ``row_2025``: the quoted row of dataset
    ``trade_bilateral`` for the line in 2025 (indicator, period_start, period_end, months, value, change_stated,
    source_date) and ``annualised_mt`` its value scaled pro rata to twelve months (derived); ``capacity``:
    :func:`kztm.themes.logistics.stated_capacity` output ({stage, low, high}); ``title``: the finding.
    A point is filled only for a quoted full-year figure: part-year quotes are hollow circles, figures derived
    here hollow diamonds.
    """
    def kind(status, months):
        if status != "stated":
            return "derived here"
        return "quoted, full year" if months >= 12 else "quoted, part of a year"

    points = pd.concat([
        pd.DataFrame({"x": [lg_middle(a, b) for a, b in zip(rail.period_start, rail.period_end, strict=True)],
                      "mt": rail.mt, "what": rail.what, "period": [period_label(r) for _, r in rail.iterrows()],
                      "kind": [kind(st, m) for st, m in zip(rail.status, rail.months, strict=True)],
                      "status": rail.status_detail, "source": rail.source_url.map(_site),
                      "quoted_on": rail.source_date.astype(str)}),
        pd.DataFrame({"x": [lg_middle(row_2025["period_start"], row_2025["period_end"])] * 2,
                      "mt": [row_2025["value"], annualised_mt], "what": [indicator_words(row_2025["indicator"])] * 2,
                      "period": [period_label(row_2025), "12 months, pro rata from " + period_label(row_2025)],
                      "kind": ["quoted, part of a year", "derived here"],
                      "status": ["stated", "derived: scaled pro rata to 12 months"],
                      "source": ["Vlast.kz", "computed here"], "quoted_on": [str(row_2025["source_date"]), ""]}),
    ], ignore_index=True)
    points["label"] = [f"{v:.1f}" if v >= 0.5 else f"{v:.2f}" for v in points.mt]
    bands = pd.DataFrame([{"stage": f"design capacity {c['stage']}", "low": c["low"], "high": c["high"],
                           "text": f"stated design {c['stage']}: {c['low']:g}–{c['high']:g} Mt a year"}
                          for c in capacity])
    first, last = int(points.x.min()), int(points.x.max())
    x = alt.X("x:Q", title="Year", scale=alt.Scale(domain=[first - 0.2, last + 1.2], nice=False),
              axis=alt.Axis(format="d", tickMinStep=1, values=list(range(first, last + 2))))
    y_scale = alt.Scale(domain=[0, bands.high.max() * 1.08])
    y = alt.Y("mt:Q", title="Million tonnes (capacity: a year)", scale=y_scale)
    band = alt.Chart(bands).mark_rect(color=MUTED, opacity=0.16).encode(
        y=alt.Y("low:Q", scale=y_scale), y2="high:Q",
        tooltip=[alt.Tooltip("stage:N", title="Stated"), alt.Tooltip("low:Q", title="From, Mt a year"),
                 alt.Tooltip("high:Q", title="To, Mt a year")])
    band_text = alt.Chart(bands).mark_text(align="left", baseline="bottom", dx=4, dy=-3, color=INK,
                                           fontSize=10).encode(x=alt.value(0), y="high:Q", text="text:N")
    shape, fill = _kind_marks()
    dots = alt.Chart(points).mark_point(size=90, filled=True, stroke=ACCENT, strokeWidth=1.8, opacity=1).encode(
        x=x, y=y, shape=shape, fill=fill,
        tooltip=[alt.Tooltip("what:N", title="What is counted"), alt.Tooltip("period:N", title="Period"),
                 alt.Tooltip("mt:Q", title="Million tonnes", format=".2f"), alt.Tooltip("kind:N", title="Kind"),
                 alt.Tooltip("status:N", title="Status"), alt.Tooltip("source:N", title="Source"),
                 alt.Tooltip("quoted_on:N", title="Quoted on")])
    labels = alt.Chart(points[points.kind != "derived here"]).mark_text(align="left", dx=8, color=INK).encode(
        x=x, y=y, text="label:N")
    chart = alt.layer(band, band_text, dots, labels).properties(height=300, title=finding(title, [
        "Rail cargo between Kazakhstan and Turkmenistan as quoted, million tonnes, placed at the middle of the",
        "period each figure covers; shaded: the design capacity stated for the north–south line, Mt a year"]))
    table = pd.concat([
        pd.DataFrame({"What is counted": points.what, "Period": points.period, "Kind": points.kind,
                      "Million tonnes": points.mt, "Status (as recorded)": points.status,
                      "Source (site)": points.source, "Quoted on": points.quoted_on}),
        pd.DataFrame({"What is counted": bands.stage, "Period": "a year", "Kind": "stated capacity, range",
                      "Million tonnes": [f"{a:g}–{b:g}" for a, b in zip(bands.low, bands.high, strict=True)],
                      "Status (as recorded)": "stated design", "Source (site)": "see the routes table",
                      "Quoted on": ""}),
    ], ignore_index=True)
    return Figure(chart, table, ("logistics_quoted", "trade_bilateral", "logistics_routes"),
                  note="Hollow marks are not quoted full-year levels: part-year quotes, or figures derived here.")


# Fill and outline for what a port figure measures: cargo handled (throughput) and cargo carried by the port's
# own vessels are filled bars in two colours; a capacity is an outline only.
PORT_DEFINITIONS = ["throughput", "transported", "capacity"]


def ports(figures: pd.DataFrame, title: str) -> Figure:
    """The quoted figures of Aktau, Kuryk and Türkmenbaşy as bars, one row per figure, grouped by port:
    throughput and cargo carried filled, capacity as an outline (million tonnes a year).

    ``figures``: :func:`kztm.themes.logistics.port_figures` output (port, indicator, definition, period,
    period_start, period_end, mt, months, status, status_detail, detail, source_url, source_date); ``title``:
    the finding. Periods differ (a half-year, seven months, a year): each row's label names its period.
    """
    rows = figures.assign(
        row=[f"{p} · {definition_words(d).split(' (')[0]}, {period_label(r, short=True)}"
             for p, d, (_, r) in zip(figures.port, figures.definition, figures.iterrows(), strict=True)],
        definition_text=figures.definition.map(definition_words),
        period_text=[period_label(r) for _, r in figures.iterrows()],
        value_text=[f"{v:g}" + (" a year" if d == "capacity" else "") for v, d in zip(figures.mt, figures.definition,
                                                                                      strict=True)],
        source=figures.source_url.map(_site))
    color = alt.Color("definition:N", title="What the figure measures",
                      scale=alt.Scale(domain=PORT_DEFINITIONS, range=[ACCENT, PALETTE[2], PAPER]),
                      legend=alt.Legend(orient="bottom", columns=1, labelExpr=(
                          "datum.label == 'throughput' ? 'throughput: cargo handled in the period' : "
                          "datum.label == 'transported' ? \"cargo carried by the port's own vessels\" : "
                          "'capacity: what the port could handle in a year (outline)'"), labelLimit=360))
    y = alt.Y("row:N", title=None, sort=list(rows.row), axis=alt.Axis(labelLimit=320))
    bars = alt.Chart(rows).mark_bar(height=18, stroke=INK, strokeWidth=1).encode(
        x=alt.X("mt:Q", title="Million tonnes (capacity: a year)", scale=alt.Scale(domain=[0, rows.mt.max() * 1.18])),
        y=y, color=color,
        strokeDash=alt.condition(alt.datum.definition == "capacity", alt.value([4, 2]), alt.value([1, 0])),
        tooltip=[alt.Tooltip("indicator:N", title="Figure"), alt.Tooltip("period_text:N", title="Period"),
                 alt.Tooltip("mt:Q", title="Million tonnes", format=".2f"),
                 alt.Tooltip("definition_text:N", title="Measures"), alt.Tooltip("status_detail:N", title="Status"),
                 alt.Tooltip("detail:N", title="Detail"), alt.Tooltip("source:N", title="Source"),
                 alt.Tooltip("source_date:N", title="Quoted on")])
    text = alt.Chart(rows).mark_text(align="left", dx=4, color=INK).encode(
        x="mt:Q", y=y, text="value_text:N")
    chart = alt.layer(bars, text).properties(height=26 * len(rows), title=finding(title, [
        "Figures quoted for the three ports, million tonnes over the period named (capacity: a year);",
        "periods and definitions differ between rows, so rows are not a series"]))
    table = pd.DataFrame({"Port": rows.port, "Figure (as recorded)": rows.indicator, "Period": rows.period_text,
                          "Million tonnes": rows.mt, "Measures": rows.definition_text,
                          "Status": rows.status_detail, "Source (site)": rows.source, "Quoted on": rows.source_date})
    return Figure(chart, table, ("logistics_quoted",))


def trans_caspian(rows: pd.DataFrame, title: str) -> Figure:
    """Volumes on the Trans-Caspian route as each source stated them, with the stated targets and a forecast
    (million tonnes; a target or forecast is for its year), one point per fact, labelled with who stated it.

    ``rows``: :func:`kztm.themes.logistics.trans_caspian` output (fact_id, year, period, value, value_kind,
    statement, source_name, source_tier, stated_by); ``title``: the finding. Filled: a full-year outturn;
    hollow circle: part of a year; hollow square: a target or forecast.
    """
    kinds = {"full year": "quoted, full year", "part of the year": "quoted, part of a year",
             "target year": "target or forecast"}
    points = rows.assign(kind=rows.period.map(kinds), source=[f"{n} ({t})" for n, t in
                                                              zip(rows.source_name, rows.source_tier, strict=True)])
    labels = (points.groupby(["year", "value"], as_index=False)
              .agg(text=("stated_by", lambda s: f"{'; '.join(s)}")))
    labels["text"] = [f"{v:g} {t}" for v, t in zip(labels.value, labels.text, strict=True)]
    last = int(points.year.max())
    labels["side"] = ["right" if y >= last - 1 else "left" for y in labels.year]
    x = alt.X("year:Q", title="Year", scale=alt.Scale(domain=[int(points.year.min()) - 0.3, last + 0.3], nice=False),
              axis=alt.Axis(format="d", tickMinStep=1))
    y = alt.Y("value:Q", title="Million tonnes")
    shape, fill = _kind_marks()
    dots = alt.Chart(points).mark_point(size=90, filled=True, stroke=ACCENT, strokeWidth=1.8, opacity=1).encode(
        x=x, y=y, shape=shape, fill=fill,
        tooltip=[alt.Tooltip("year:Q", title="Year", format="d"), alt.Tooltip("value:Q", title="Million tonnes"),
                 alt.Tooltip("kind:N", title="Kind"), alt.Tooltip("statement:N", title="As stated"),
                 alt.Tooltip("source:N", title="Source (tier)")])
    texts = [alt.Chart(labels[labels.side == side]).mark_text(align=align, dx=dx, fontSize=10, color=INK).encode(
        x=x, y=y, text="text:N") for side, align, dx in (("left", "left", 9), ("right", "right", -9))]
    chart = alt.layer(dots, *texts).properties(height=300, title=finding(title, [
        "Cargo on the Trans-Caspian route as stated by each source, million tonnes, with stated targets and a",
        "forecast for their year; the sources do not define what their totals include"]))
    table = pd.DataFrame({"Year": points.year, "Million tonnes": points.value, "Kind": points.kind,
                          "Stated by": points.stated_by, "As stated": points.statement,
                          "Source (tier)": points.source})
    return Figure(chart, table, ("context_facts",))


def _site(url) -> str:
    """The web site of a source address ('trend.az'), for tables of quoted figures whose rows carry an address
    but no publisher name."""
    return re.sub(r"^(https?://)?(www\.|en\.)?([^/]+).*$", r"\3", str(url))


def _country_lines(rows: pd.DataFrame, column: str, codes: list[str], axis_title: str, tooltip_title: str,
                   number_format: str, point_size: int, zero: bool, title: str, subtitle,
                   x_field: str = "year", x_title: str = "Year", detail: str | None = None,
                   extra_tooltip: list | None = None) -> alt.Chart:
    """One line per country (per ``detail`` group within a country, if given) over ``x_field``; the y axis
    starts at zero only if ``zero``. Data: dataset ``logistics_indicators``."""
    encoding = {
        "x": year_axis(x_field, title=x_title),
        "y": alt.Y(f"{column}:Q", title=axis_title, scale=alt.Scale(zero=zero)),
        "color": country_color(codes=codes),
        "tooltip": [alt.Tooltip("country:N", title="Country"), alt.Tooltip(f"{x_field}:Q", title=x_title, format="d"),
                 alt.Tooltip(f"{column}:Q", title=tooltip_title, format=number_format)] + (extra_tooltip or [])}
    if detail:
        encoding["detail"] = alt.Detail(f"{detail}:N")
    return alt.Chart(rows).mark_line(point=alt.OverlayMarkDef(size=point_size)).encode(**encoding).properties(
        title=finding(title, subtitle))


def lpi(scores: pd.DataFrame, codes: list[str], title: str) -> Figure:
    """The World Bank Logistics Performance Index, overall score (1 = low, 5 = high), one line per country
    across the editions of the World Bank's report.

    ``scores``: dataset ``logistics_indicators`` rows with an ``lpi_overall`` value (country, year,
    lpi_overall, lpi_edition), limited to the countries and years to draw; ``codes``: the countries in legend
    order. The x axis is the edition (the year of the World Bank's report): WDI files the survey of the 2023
    edition under 2022, and the chart says 2023.
    """
    editions = ", ".join(str(int(y)) for y in sorted(scores.lpi_edition.unique()))
    relabelled = sorted({(int(y), int(e)) for y, e in zip(scores.year, scores.lpi_edition,
                                                          strict=True) if int(y) != int(e)})
    note = "; ".join(f"WDI files the {e} edition under {y}" for y, e in relabelled)
    chart = _country_lines(
        scores, "lpi_overall", codes, "LPI overall score (1 = low, 5 = high)", "LPI score", ".2f", 40, False, title,
        [f"Logistics Performance Index, overall score (1 = low, 5 = high), World Bank editions {editions}"
         + (f" ({note})." if note else "."), "A line joins a country's scores across editions it missed"],
        x_field="lpi_edition", x_title="LPI edition (year of the report)",
        extra_tooltip=[alt.Tooltip("year:Q", title="Year in WDI", format="d")])
    table = scores[["country", "lpi_edition", "year", "lpi_overall"]].rename(columns={
        "country": "Country", "lpi_edition": "LPI edition", "year": "Year in WDI",
        "lpi_overall": "LPI overall score (1 = low, 5 = high)"})
    return Figure(chart, table, ("logistics_indicators",))


def rail_network(segments: pd.DataFrame, codes: list[str], title: str) -> Figure:
    """Total length of railway lines (route-km) as reported to the World Bank, one line per country and
    reporting segment, from zero: no line crosses a reporting break, and the first value after a break is
    marked with an open triangle.

    ``segments``: :func:`kztm.themes.logistics.rail_segments` output (country, year, rail_route_km, segment,
    break_here), limited to the countries and years to draw; ``codes``: the countries in legend order.
    """
    lines = _country_lines(
        segments, "rail_route_km", codes, "Railway lines, route-km", "Route-km", ",.0f", 18, True, title,
        ["Total route-km of railway lines as reported to the World Bank; lines stop at a reporting break (a change",
         "of more than 20% in one year, flagged in the data), marked by an open triangle"],
        detail="segment")
    breaks = alt.Chart(segments[segments.break_here]).mark_point(
        shape="triangle-up", size=130, filled=False, strokeWidth=1.8, color=INK).encode(
        x=year_axis(), y="rail_route_km:Q",
        tooltip=[alt.Tooltip("country:N", title="Country"), alt.Tooltip("year:Q", title="Year", format="d"),
                 alt.Tooltip("rail_route_km:Q", title="Route-km after the break", format=",.0f")])
    table = segments.assign(note=segments.break_here.map({True: "reporting break: not comparable with the year "
                                                          "before", False: ""}))[
        ["country", "year", "rail_route_km", "note"]].rename(columns={
            "country": "Country", "year": "Year", "rail_route_km": "Railway lines (route-km)", "note": "Note"})
    title_params = lines.title
    lines.title = alt.Undefined
    chart = alt.layer(lines, breaks).properties(title=title_params)
    return Figure(chart, table, ("logistics_indicators",))


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
