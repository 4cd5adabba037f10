"""Charts of the trade chapter: the quoted Kazakhstan–Turkmenistan turnover, its checks, the weight of the
flow in each country's trade, trade openness (World Bank WDI) and the growth the turnover goal needs.

Every function returns a :class:`kztm.charts.render.Figure`; the finding (``title``) is written by the
notebook from its glued values, the subtitle (what is shown, with units) here.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..countries import COUNTRIES
from ..themes.trade import DERIVED_KIND
from .render import Figure
from .theme import (
    ACCENT,
    COUNTRY_COLORS,
    EMPTY_FILL,
    GREY_RAMP,
    HIGHLIGHT,
    INK,
    INK_SOFT,
    MUTED,
    PALETTE,
    PAPER,
    country_color,
    finding,
    slider,
    year_axis,
)

QUOTED, DERIVED = "Quoted", "Derived (not quoted)"
_STATUS = {"stated": QUOTED, "derived": DERIVED}


def _kind(status: pd.Series) -> pd.Series:
    return status.map(_STATUS)


_CODES = {name: code for code, name in COUNTRIES.items()}


def _country_scale(codes) -> alt.Scale:
    """The theme's country colours for ``codes`` (the same as :func:`kztm.charts.theme.country_color`)."""
    return alt.Scale(domain=[COUNTRIES[c] for c in codes], range=[COUNTRY_COLORS[c] for c in codes])


def _runs(rows: pd.DataFrame, by: str) -> pd.Series:
    """A segment id that changes where a year is skipped or ``by`` changes, so a line never bridges a gap."""
    rows = rows.sort_values([by, "year"])
    breaks = (rows["year"].diff() != 1) | (rows[by] != rows[by].shift())
    return breaks.cumsum().reindex(rows.index)


def turnover(series: pd.DataFrame, pair_label: str, title: str, stated_target: float | None = None,
             note: str | None = None) -> Figure:
    """The pair's turnover by year (USD million): the IMF statistic as a line of filled circles coloured
    by the reporting country, and, for Kazakhstan–Turkmenistan, the quoted full years after it as
    diamonds (quoted filled, derived hollow), with the stated goal as a reference line.

    ``series``: :func:`kztm.themes.trade.turnover_series` (columns year, value in USD million, kind,
    reporter = country name or '', source_date); ``pair_label``: e.g. 'Kazakhstan–Turkmenistan';
    ``stated_target``: the goal, USD million, or None; ``title``: the finding; ``note``: e.g. how the
    derived point was obtained.
    """
    rows = series.copy()
    rows["year"] = rows["year"].astype(int)
    imf = rows[rows["reporter"] != ""].copy()
    imf["run"] = _runs(imf, "reporter").astype(int)
    kinds = list(dict.fromkeys(rows["kind"]))
    reporters = dict(zip(rows["kind"], rows["reporter"], strict=True))
    colours = [COUNTRY_COLORS[_CODES[reporters[k]]] if reporters[k] else HIGHLIGHT for k in kinds]
    fills = [PAPER if k == DERIVED_KIND else c for k, c in zip(kinds, colours, strict=False)]
    shapes = ["circle" if reporters[k] else "diamond" for k in kinds]
    top = max(rows["value"].max(), stated_target or 0) * 1.1
    x = year_axis()
    y = alt.Y("value:Q", title="Turnover, USD million", scale=alt.Scale(domain=[0, top]))
    legend = alt.Legend(title="Figure", orient="bottom", columns=1, labelLimit=360)
    tips = [alt.Tooltip("year:Q", title="Year", format="d"),
            alt.Tooltip("value:Q", title="Turnover (USD m)", format=",.1f"), alt.Tooltip("kind:N", title="Figure"),
            alt.Tooltip("source_date:N", title="Source date")]
    line = alt.Chart(imf).mark_line(strokeWidth=1.6).encode(
        x=x, y=y, detail="run:N", color=alt.Color("kind:N", scale=alt.Scale(domain=kinds, range=colours),
                                                  legend=legend))
    points = alt.Chart(rows).mark_point(size=60, strokeWidth=1.8, opacity=1).encode(
        x=x, y=y,
        stroke=alt.Stroke("kind:N", scale=alt.Scale(domain=kinds, range=colours), legend=legend),
        fill=alt.Fill("kind:N", scale=alt.Scale(domain=kinds, range=fills), legend=legend),
        shape=alt.Shape("kind:N", scale=alt.Scale(domain=kinds, range=shapes), legend=legend),
        tooltip=tips)
    layers = [line, points]
    if stated_target is not None:
        goal = pd.DataFrame({"value": [stated_target], "label": [f"Stated goal: USD {stated_target:,.0f} million"]})
        layers.append(alt.Chart(goal).mark_rule(color=MUTED, strokeDash=[6, 4]).encode(
            y="value:Q", tooltip=[alt.Tooltip("label:N", title="Goal")]))
        layers.append(alt.Chart(goal).mark_text(align="left", x=4, dy=-7, color=INK_SOFT).encode(
            y="value:Q", text="label:N"))
    last_imf = int(imf["year"].max())
    quoted = rows[rows["reporter"] == ""]
    subtitle = (f"{pair_label} trade turnover (exports plus imports), USD million: IMF figures to {last_imf}, "
                "each year from one reporter's own figures")
    if not quoted.empty:
        subtitle += "; diamonds are figures quoted by officials, not the same statistic (hollow: derived)"
    chart = alt.layer(*layers).properties(title=finding(title, subtitle))
    table = rows[["year", "value", "kind", "source_date"]].rename(columns={
        "year": "Year", "value": "Turnover (USD million)", "kind": "Figure", "source_date": "Source date"})
    datasets = ("bilateral_trade", "trade_bilateral") if not quoted.empty else ("bilateral_trade",)
    return Figure(chart, table, datasets, note)


def flows(turnover: pd.DataFrame, name_a: str, name_b: str, title: str) -> Figure:
    """The first country's exports to and imports from the second by year (USD million), two lines, from
    the same reporter as the turnover; the valuation (exports FOB and imports CIF when the first country
    reports; its partner's imports CIF and exports FOB otherwise) is in the tooltip and the table.

    ``turnover``: :func:`kztm.themes.bilateral.pair_turnover` (columns year, reporter_code, a_to_b, b_to_a,
    a_to_b_valuation, b_to_a_valuation, in USD million).
    """
    exports, imports = f"{name_a}'s exports to {name_b}", f"{name_a}'s imports from {name_b}"
    rows = pd.concat([
        pd.DataFrame({"year": turnover["year"], "flow": exports, "value": turnover["a_to_b"],
                      "valuation": turnover["a_to_b_valuation"], "reporter_code": turnover["reporter_code"]}),
        pd.DataFrame({"year": turnover["year"], "flow": imports, "value": turnover["b_to_a"],
                      "valuation": turnover["b_to_a_valuation"], "reporter_code": turnover["reporter_code"]}),
    ], ignore_index=True)
    rows["year"] = rows["year"].astype(int)
    rows["reporter"] = rows["reporter_code"].map(COUNTRIES)
    rows["run"] = _runs(rows, "flow").astype(int)
    colour = alt.Color("flow:N", title=None, scale=alt.Scale(domain=[exports, imports], range=[ACCENT, PALETTE[2]]),
                       legend=alt.Legend(orient="bottom", columns=1, labelLimit=360))
    tips = [alt.Tooltip("year:Q", title="Year", format="d"), alt.Tooltip("flow:N", title="Flow"),
            alt.Tooltip("value:Q", title="USD million", format=",.1f"), alt.Tooltip("valuation:N", title="Valuation"),
            alt.Tooltip("reporter:N", title="Reported by")]
    chart = alt.Chart(rows).mark_line(point=alt.OverlayMarkDef(size=30)).encode(
        x=year_axis(), y=alt.Y("value:Q", title="USD million"), color=colour, detail="run:N", tooltip=tips,
    ).properties(title=finding(title, f"{name_a}'s goods trade with {name_b} by direction, USD million "
                                      "(IMF; exports FOB, imports CIF as the reporter records them)"))
    table = rows[["year", "flow", "value", "valuation", "reporter"]].rename(columns={
        "year": "Year", "flow": "Flow", "value": "Value (USD million)", "valuation": "Valuation (FOB/CIF)",
        "reporter": "Reported by"})
    return Figure(chart, table, ("bilateral_trade",))


OWN_REPORT, MIRROR = "Own report", "IMF mirror of the partner's report"


def mirror(sides: pd.DataFrame, pair: tuple[str, str], title: str, note: str | None = None) -> Figure:
    """Mirror statistics: the pair's turnover as each country reports it (USD million), one line per
    reporter in its country colour; the reporter's own figures as filled circles, the IMF's mirror of the
    partner's report as hollow triangles on a dashed line (not an independent report).

    ``sides``: :func:`kztm.themes.bilateral.reporter_turnovers` (columns year, reporter_code, turnover,
    basis 'reported'/'mirror'/'mixed', mirror_factor); ``pair``: the two country codes.
    """
    rows = sides.copy()
    rows["year"] = rows["year"].astype(int)
    rows["country"] = rows["reporter_code"].map(COUNTRIES)
    rows["figure"] = rows["basis"].map({"reported": OWN_REPORT, "mirror": MIRROR}).fillna("Partly mirrored")
    rows["factor"] = rows["mirror_factor"].map(lambda f: "" if pd.isna(f) else f"× {f:.2f} (CIF/FOB)")
    rows["run"] = _runs(rows.assign(key=rows["reporter_code"] + rows["figure"]), "key").astype(int)
    rows = rows.drop(columns=["mirror_factor"])
    figures = [f for f in (OWN_REPORT, MIRROR, "Partly mirrored") if f in set(rows["figure"])]
    shape = alt.Shape("figure:N", title="Figure", scale=alt.Scale(
        domain=figures, range=["circle", "triangle-up", "square"][:len(figures)]),
        legend=alt.Legend(symbolFillColor=INK_SOFT, symbolStrokeColor=INK_SOFT, labelLimit=360))
    colour = country_color(codes=list(pair), title="Reported by")
    x, y = year_axis(), alt.Y("turnover:Q", title="Turnover, USD million")
    tips = [alt.Tooltip("year:Q", title="Year", format="d"), alt.Tooltip("country:N", title="Reported by"),
            alt.Tooltip("turnover:Q", title="Turnover (USD m)", format=",.1f"),
            alt.Tooltip("figure:N", title="Figure"), alt.Tooltip("factor:N", title="Mirror factor")]
    lines = alt.Chart(rows).mark_line(strokeWidth=1.4).encode(
        x=x, y=y, color=colour, detail="run:N",
        strokeDash=alt.condition(alt.datum.figure == OWN_REPORT, alt.value([1, 0]), alt.value([5, 3])))
    points = alt.Chart(rows).mark_point(size=55, strokeWidth=1.8, opacity=1).encode(
        x=x, y=y, stroke=alt.Stroke("country:N", scale=_country_scale(pair), title="Reported by"), shape=shape,
        fill=alt.Fill("country:N", scale=_country_scale(pair), legend=None),
        fillOpacity=alt.condition(alt.datum.figure == OWN_REPORT, alt.value(1), alt.value(0)),
        tooltip=tips)
    chart = alt.layer(lines, points).properties(title=finding(
        title, "Turnover as each country reports it, USD million; hollow triangles on dashed lines are the IMF's "
               "mirror of the partner's figures, not a report of their own"))
    table = rows[["year", "country", "turnover", "figure", "factor"]].rename(columns={
        "year": "Year", "country": "Reported by", "turnover": "Turnover (USD million)", "figure": "Figure",
        "factor": "Mirror factor"})
    return Figure(chart, table, ("bilateral_trade",), note)


def _year_colours(years: list[str]) -> list[str]:
    """Older years in greys from light to dark, the two latest in the palette's ochre and the accent."""
    n_old = max(len(years) - 2, 0)
    light, dark = (int(c[1:3], 16) for c in GREY_RAMP)
    steps = [round(light - i * (light - dark) / max(n_old - 1, 1)) for i in range(n_old)]
    return [f"#{v:02x}{v:02x}{v:02x}" for v in steps] + [PALETTE[2], ACCENT][-min(len(years), 2):]


def within_year(points: pd.DataFrame, title: str, note: str | None = None) -> Figure:
    """Every turnover figure placed by the months of the year it covers (cumulative USD million), one
    line per year; quoted points as filled circles, derived points as hollow diamonds.

    ``points``: :func:`kztm.themes.trade.within_year_points` (columns year, months, value in USD million,
    status 'stated'/'derived', source_date); ``title``: the finding; ``note``: how the derived point
    was obtained.
    """
    rows = pd.DataFrame({
        "year": points.year.astype(int), "year_label": points.year.astype(int).astype(str),
        "months": points.months.astype(int), "value": points.value, "status": points.status,
        "kind": _kind(points.status), "source_date": points.source_date.fillna("n/a"),
        "months_label": points.months.map(lambda m: "full year" if m == 12 else f"first {m} months")})
    years = sorted(rows.year_label.unique())
    year_color = alt.Color("year_label:N", scale=alt.Scale(domain=years, range=_year_colours(years)), title="Year",
                           legend=alt.Legend(symbolOpacity=1, symbolType="circle", offset=44))
    kind_shape = alt.Shape("kind:N", title="Figure", scale=alt.Scale(domain=[QUOTED, DERIVED],
                                                                     range=["circle", "diamond"]),
                           legend=alt.Legend(symbolStrokeColor=INK_SOFT, symbolStrokeWidth=1.5))
    x = alt.X("months:Q", title="Months of the year covered", scale=alt.Scale(domain=[0, 12]),
              axis=alt.Axis(values=list(range(0, 13, 3))))
    y = alt.Y("value:Q", title="Cumulative turnover, USD million")
    tips = [alt.Tooltip("year_label:N", title="Year"), alt.Tooltip("months_label:N", title="Period"),
            alt.Tooltip("value:Q", title="Turnover (USD m)", format=",.1f"),
            alt.Tooltip("kind:N", title="Status"), alt.Tooltip("source_date:N", title="Source date")]
    lines = alt.Chart(rows).mark_line(strokeWidth=1.2, opacity=0.6).encode(x=x, y=y, color=year_color,
                                                                           detail="year_label:N")
    quoted = alt.Chart(rows[rows.status == "stated"]).mark_point(filled=True, size=80, opacity=1).encode(
        x=x, y=y, color=year_color, shape=kind_shape, tooltip=tips)
    derived = alt.Chart(rows[rows.status == "derived"]).mark_point(
        filled=False, size=120, strokeWidth=2.2, opacity=1, fill=PAPER).encode(
        x=x, y=y, color=year_color, shape=kind_shape, tooltip=tips)
    # full-year points share x = 12 and can overlap: label them with the year, alternately above and below
    ends = rows[rows.months == 12].sort_values("value", ascending=False).reset_index(drop=True)
    end_labels = [alt.Chart(ends.iloc[start::2]).mark_text(align="left", dx=8, dy=dy, baseline=base, fontSize=11)
                  .encode(x=x, y=y, text="year_label:N", color=year_color)
                  for start, dy, base in ((0, -2, "bottom"), (1, 2, "top"))]
    chart = alt.layer(lines, quoted, derived, *end_labels).properties(title=finding(
        title, "Cumulative turnover from January by number of months covered, USD million; "
               "hollow diamonds are derived"))
    table = rows[["year", "months", "value", "kind", "source_date"]].rename(columns={
        "year": "Year", "months": "Months covered", "value": "Cumulative turnover (USD million)",
        "kind": "Figure", "source_date": "Source date"})
    return Figure(chart, table, ("trade_bilateral",), note)


EXPORTS_LABEL = "Kazakhstan's exports to Turkmenistan"
IMPORTS_LABEL = "Kazakhstan's imports from Turkmenistan"
TURNOVER_LABEL = "Turnover as quoted"
_ROWS = ["Exports + imports", TURNOVER_LABEL]


def split(exports: float, imports: float, turnover: float, period_label: str, title: str) -> Figure:
    """Kazakhstan's exports to and imports from Turkmenistan stacked in one bar, against the quoted
    turnover in another (USD million), for one period such as 'January–September 2025'.

    ``exports``, ``imports``, ``turnover``: quoted figures, USD million (dataset ``trade_bilateral``);
    the subtitle gives the balance (exports − imports), computed here.
    """
    rows = pd.DataFrame([
        {"row": _ROWS[0], "part": EXPORTS_LABEL, "value": exports, "order": 0},
        {"row": _ROWS[0], "part": IMPORTS_LABEL, "value": imports, "order": 1},
        {"row": _ROWS[1], "part": TURNOVER_LABEL, "value": turnover, "order": 0},
    ])
    parts = alt.Scale(domain=[EXPORTS_LABEL, IMPORTS_LABEL, TURNOVER_LABEL], range=[ACCENT, PALETTE[1], MUTED])
    bars = alt.Chart(rows).mark_bar(size=36).encode(
        y=alt.Y("row:N", title=None, sort=_ROWS),
        x=alt.X("sum(value):Q", title="USD million", stack="zero"),
        color=alt.Color("part:N", scale=parts, title=None,
                        legend=alt.Legend(orient="bottom", columns=1, labelLimit=400)),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("part:N", title="Flow"), alt.Tooltip("value:Q", title="USD million", format=",.1f")])
    text = alt.Chart(rows).mark_text(color=PAPER, fontWeight=600).encode(
        y=alt.Y("row:N", sort=_ROWS), x=alt.X("sum(value):Q", stack="zero", bandPosition=0.5),
        detail="part:N", order=alt.Order("order:Q"), text=alt.Text("sum(value):Q", format=",.1f"))
    chart = (bars + text).properties(height=170, title=finding(
        title, f"Kazakhstan's trade with Turkmenistan, {period_label}, USD million; "
               f"surplus of {exports - imports:,.1f} (computed)"))
    table = rows[["row", "part", "value"]].rename(columns={"row": "Bar", "part": "Flow",
                                                           "value": "Value (USD million)"})
    return Figure(chart, table, ("trade_bilateral",))


def share(imf: pd.DataFrame, pair: tuple[str, str], title: str, quoted: pd.DataFrame | None = None) -> Figure:
    """The pair's turnover as a share of each country's merchandise exports plus imports (%), one line per
    country (IMF turnover, filled circles) and, for Kazakhstan–Turkmenistan, the shares with the quoted
    full-year turnover after it (diamonds: a quoted numerator over a statistical total).

    ``imf``, ``quoted``: :func:`kztm.themes.bilateral.shares_of_total` (columns year, country_code,
    turnover and total_trade in USD million, share_pct in %); ``pair``: the two country codes.
    """
    kinds = ["IMF turnover", "Quoted turnover"]
    parts = [imf.assign(numerator=kinds[0])]
    if quoted is not None and not quoted.empty:
        parts.append(quoted.assign(numerator=kinds[1]))
    rows = pd.concat(parts, ignore_index=True).astype({"year": int})
    rows["country"] = rows["country_code"].map(COUNTRIES)
    rows["run"] = _runs(rows.assign(key=rows["country_code"] + rows["numerator"]), "key").astype(int)
    rows = rows[["year", "country", "numerator", "turnover", "total_trade", "share_pct", "run"]]
    colour = country_color(codes=list(pair))
    shape = alt.Shape("numerator:N", title="Numerator", scale=alt.Scale(
        domain=kinds[:len(parts)], range=["circle", "diamond"][:len(parts)]),
        legend=alt.Legend(symbolFillColor=INK_SOFT, symbolStrokeColor=INK_SOFT))
    x, y = year_axis(), alt.Y("share_pct:Q", title="Share of merchandise trade, %")
    tips = [alt.Tooltip("country:N", title="Country"), alt.Tooltip("year:Q", title="Year", format="d"),
            alt.Tooltip("numerator:N", title="Numerator"),
            alt.Tooltip("turnover:Q", title="Bilateral turnover (USD m)", format=",.1f"),
            alt.Tooltip("total_trade:Q", title="Total merchandise trade (USD m)", format=",.0f"),
            alt.Tooltip("share_pct:Q", title="Share (%)", format=".2f")]
    lines = alt.Chart(rows[rows.numerator == kinds[0]]).mark_line(strokeWidth=1.6).encode(
        x=x, y=y, color=colour, detail="run:N")
    points = alt.Chart(rows).mark_point(size=50, filled=True, opacity=1).encode(
        x=x, y=y, color=colour, shape=shape, tooltip=tips)
    subtitle = "Bilateral turnover divided by each country's merchandise exports plus imports (World Bank), %"
    if len(parts) > 1:
        subtitle += "; diamonds use the quoted turnover"
    chart = alt.layer(lines, points).properties(title=finding(title, subtitle))
    table = rows.drop(columns="run").rename(columns={
        "country": "Country", "year": "Year", "numerator": "Numerator", "turnover": "Bilateral turnover (USD million)",
        "total_trade": "Total merchandise trade (USD million)", "share_pct": "Share of merchandise trade (%)"})
    datasets = ("bilateral_trade", "trade_country") + (("trade_bilateral",) if len(parts) > 1 else ())
    return Figure(chart, table, datasets, "The derived year is left out." if len(parts) > 1 else None)


def neighbours(matrix: pd.DataFrame, pair: tuple[str, str], year: int, title: str) -> Figure:
    """Each Central Asian country's trade with every other in one year, as a grid: row = the country,
    column = its partner, cell colour = the partner's share of the country's trade with its Central
    Asian neighbours (%), cell text = the turnover (USD million); the pair's two cells outlined.

    ``matrix``: :func:`kztm.themes.bilateral.neighbour_matrix` (columns country_code, partner_code,
    turnover in USD million, reporter_code, share_of_neighbours_pct, rank); ``pair``: the two codes.
    Small enough for a 390 px screen: five rows and columns of country names.
    """
    rows = matrix.copy()
    rows["country"] = rows["country_code"].map(COUNTRIES)
    rows["partner"] = rows["partner_code"].map(COUNTRIES)
    rows["reporter"] = rows["reporter_code"].map(COUNTRIES)
    rows["in_pair"] = rows["country_code"].isin(pair) & rows["partner_code"].isin(pair)
    order = list(COUNTRIES.values())
    x = alt.X("partner:N", title="Partner", sort=order, axis=alt.Axis(labelAngle=-35, orient="top"))
    y = alt.Y("country:N", title=None, sort=order)
    tips = [alt.Tooltip("country:N", title="Country"), alt.Tooltip("partner:N", title="Partner"),
            alt.Tooltip("turnover:Q", title="Turnover (USD m)", format=",.1f"),
            alt.Tooltip("share_of_neighbours_pct:Q", title="Share of trade with neighbours (%)", format=".1f"),
            alt.Tooltip("rank:Q", title="Rank among neighbours"), alt.Tooltip("reporter:N", title="Reported by")]
    cells = alt.Chart(rows).mark_rect(stroke=EMPTY_FILL, strokeWidth=1).encode(
        x=x, y=y, tooltip=tips,
        color=alt.Color("share_of_neighbours_pct:Q", title="Partner's share, %",
                        scale=alt.Scale(domain=[0, 100], range=[PAPER, ACCENT]),
                        legend=alt.Legend(orient="bottom", direction="horizontal", gradientLength=200)))
    outline = alt.Chart(rows[rows["in_pair"]]).mark_rect(fill=None, stroke=HIGHLIGHT, strokeWidth=3).encode(x=x, y=y)
    text = alt.Chart(rows).mark_text(fontSize=11).encode(
        x=x, y=y, text=alt.Text("turnover:Q", format=",.0f"),
        color=alt.condition(alt.datum.share_of_neighbours_pct > 50, alt.value(PAPER), alt.value(INK)))
    chart = alt.layer(cells, outline, text).properties(height=230, title=finding(
        title, f"Turnover with each Central Asian neighbour in {year}, USD million (cell text); colour: that "
               "partner's share of the row country's trade with its neighbours, %; the pair outlined"))
    table = rows[["country", "partner", "turnover", "share_of_neighbours_pct", "rank", "reporter"]].rename(columns={
        "country": "Country", "partner": "Partner", "turnover": "Turnover (USD million)",
        "share_of_neighbours_pct": "Share of trade with neighbours (%)", "rank": "Rank among neighbours",
        "reporter": "Reported by"})
    return Figure(chart, table, ("bilateral_trade",),
                  "Each pair's figure comes from one reporter's own report (never a mirror).")


MAIN_VINTAGE, ALT_VINTAGE = "WDI, July 2026 (used here)", "March 2026 vintage"


def openness(country_trade: pd.DataFrame, codes: list[str], title: str, years: tuple[int, int],
             note: str | None = None, alt_vintage: pd.DataFrame | None = None) -> Figure:
    """Merchandise trade in % of GDP, one line per country; the pair (the first two ``codes``) drawn
    thicker, and a click on a legend entry highlights a country in the web edition. ``alt_vintage``
    (columns country_code, country, year, merch_trade_pct_gdp) adds the same ratio on another GDP
    vintage as a dashed line (Turkmenistan's GDP differs by about a third between vintages).

    ``country_trade``: dataset ``trade_country`` limited to ``codes`` and ``years`` (columns country_code,
    country, year, merch_trade_pct_gdp in %); ``years``: (first, last) year, for the subtitle.
    """
    cols = ["country_code", "country", "year", "merch_trade_pct_gdp"]
    rows = country_trade.dropna(subset=["merch_trade_pct_gdp"])[cols].assign(vintage=MAIN_VINTAGE)
    if alt_vintage is not None and not alt_vintage.empty:
        rows = pd.concat([rows, alt_vintage[cols].assign(vintage=ALT_VINTAGE)], ignore_index=True)
    vintages = list(dict.fromkeys(rows["vintage"]))
    hover = alt.selection_point(fields=["country"], bind="legend")
    chart = alt.Chart(rows).mark_line(point=alt.OverlayMarkDef(size=16)).encode(
        x=year_axis(),
        y=alt.Y("merch_trade_pct_gdp:Q", title="Merchandise trade, % of GDP"),
        color=country_color(codes=codes),
        strokeDash=alt.StrokeDash("vintage:N", title="GDP", scale=alt.Scale(
            domain=vintages, range=[[1, 0], [5, 3]][:len(vintages)]),
            legend=alt.Legend(columns=1, labelLimit=200) if len(vintages) > 1 else None),
        opacity=alt.condition(hover, alt.value(1), alt.value(0.15)),
        strokeWidth=alt.condition(alt.FieldOneOfPredicate(field="country_code", oneOf=list(codes[:2])),
                                  alt.value(2.6), alt.value(1.2)),
        tooltip=[alt.Tooltip("country:N", title="Country"), alt.Tooltip("year:Q", title="Year", format="d"),
                 alt.Tooltip("merch_trade_pct_gdp:Q", title="Merchandise trade (% of GDP)", format=".1f"),
                 alt.Tooltip("vintage:N", title="GDP")],
    ).add_params(hover).properties(title=finding(
        title, f"Merchandise exports plus imports as a share of GDP, {years[0]}–{years[1]}, %"
               + ("; dashed: the same ratio on another GDP vintage" if len(vintages) > 1 else "")))
    table = rows[["country", "year", "vintage", "merch_trade_pct_gdp"]].rename(columns={
        "country": "Country", "year": "Year", "vintage": "GDP vintage",
        "merch_trade_pct_gdp": "Merchandise trade (% of GDP)"})
    datasets = ("trade_country", "gdp_vintages") if len(vintages) > 1 else ("trade_country",)
    return Figure(chart, table, datasets, note)


def scenario(paths: pd.DataFrame, base_value: float, base_year: int, target: float, target_year: int,
             required_rate: float, title: str) -> Figure:
    """Turnover paths from ``base_value`` (USD million in ``base_year``) at constant growth rates to
    ``target_year``, the goal ``target`` (USD million) as a line, and a path the reader sets with a slider
    (parameter ``rate``, % a year, starting at ``required_rate``, a fraction) with a readout of where it
    ends and when it reaches the goal.

    ``paths``: :func:`kztm.themes.trade.growth_paths` (columns path = label, rate_pct, year, value in
    USD million).
    """
    rate = slider("rate", round(required_rate * 100, 1), -10, 40, 0.1, "Growth, % a year")
    years = pd.DataFrame({"year": list(range(base_year, target_year + 1))})
    y_scale = alt.Scale(domain=[0, max(target, base_value) * 1.8], clamp=False)
    tips = [alt.Tooltip("path:N", title="Path"), alt.Tooltip("year:Q", title="Year", format="d"),
            alt.Tooltip("value:Q", title="Turnover (USD m)", format=",.0f")]
    fixed = alt.Chart(paths).mark_line(strokeDash=[5, 3], strokeWidth=1.6, clip=True).encode(
        x=year_axis(), y=alt.Y("value:Q", title="Turnover, USD million", scale=y_scale),
        color=alt.Color("path:N", title="Growth a year", scale=alt.Scale(range=PALETTE[1:6]),
                        legend=alt.Legend(orient="bottom", columns=2, labelLimit=320)),
        tooltip=tips)
    chosen = alt.Chart(years).transform_calculate(
        value=f"{base_value} * pow(1 + rate / 100, datum.year - {base_year})",
        path="'Your choice: ' + format(rate, '.1f') + '% a year'",
    ).mark_line(color=ACCENT, strokeWidth=3.5, point=alt.OverlayMarkDef(color=ACCENT, size=40), clip=True).encode(
        x=year_axis(), y=alt.Y("value:Q", scale=y_scale), tooltip=tips).add_params(rate)
    goal = pd.DataFrame({"value": [target], "label": [f"Goal: USD {target:,.0f} million"]})
    goal_rule = alt.Chart(goal).mark_rule(color=INK, strokeDash=[2, 2]).encode(
        y=alt.Y("value:Q", scale=y_scale), tooltip=[alt.Tooltip("label:N", title="Goal")])
    readout = alt.Chart(pd.DataFrame({"x": [0]})).transform_calculate(
        text=(f"'At ' + format(rate, '.1f') + '% a year: USD ' + "
              f"format({base_value} * pow(1 + rate / 100, {target_year - base_year}), ',.0f') + "
              f"' million in {target_year};\\n' + "
              f"({target} <= {base_value} ? 'goal already met in {base_year}' : "
              f"(rate <= 0 ? 'the goal is never reached' : 'goal reached in ' + "
              f"({base_year} + ceil(log({target} / {base_value}) / log(1 + rate / 100) - 1e-9))))")
    ).mark_text(align="left", baseline="top", x=6, y=6, lineBreak="\n", fontSize=12, fontWeight=600,
                color=ACCENT).encode(  # two lines: one would pass a phone's plot (about 300 px)
        text="text:N")
    chart = (fixed + goal_rule + chosen + readout).properties(height=340, title=finding(
        title, f"Paths from the quoted {base_year} figure (USD {base_value:,.1f} million) at constant growth "
               "rates, USD million"))
    table = paths[["path", "rate_pct", "year", "value"]].rename(columns={
        "path": "Path", "rate_pct": "Growth (% a year)", "year": "Year", "value": "Turnover (USD million)"})
    return Figure(chart, table, ("trade_bilateral",),
                  "Scenario paths are arithmetic, not forecasts; the rates in the legend come from the quoted figures.")

