"""Charts of the trade chapter: the quoted Kazakhstan–Turkmenistan turnover, its checks, the weight of the
flow in each country's trade, trade openness (World Bank WDI) and the growth the turnover goal needs.

Every function returns a :class:`kztm.charts.render.Figure`; the finding (``title``) is written by the
notebook from its glued values, the subtitle (what is shown, with units) here.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from .render import Figure
from .theme import (
    ACCENT,
    GREY_RAMP,
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


def turnover(full_years: pd.DataFrame, stated_target: float, title: str, note: str | None = None) -> Figure:
    """Full-year bilateral turnover as bars (USD million), quoted bars filled, derived bars hollow and
    dashed, with the stated goal as a reference line.

    ``full_years``: :func:`kztm.themes.trade.full_year_turnover` with ``include_derived=True`` (columns
    year, value in USD million, status 'stated'/'derived', source_url, source_date); ``stated_target``:
    the goal, USD million (dataset ``trade_bilateral``); ``title``: the finding; ``note``: how the
    derived bar was obtained.
    """
    rows = pd.DataFrame({
        "year": full_years.year.astype(int), "value": full_years.value, "status": full_years.status,
        "kind": _kind(full_years.status),
        "source": full_years.source_url.fillna("none: computed by the report team"),
        "source_date": full_years.source_date.fillna("n/a")})
    kinds = alt.Scale(domain=[QUOTED, DERIVED], range=[ACCENT, PAPER])
    tips = [alt.Tooltip("year:O", title="Year"), alt.Tooltip("value:Q", title="Turnover (USD m)", format=",.1f"),
            alt.Tooltip("kind:N", title="Status"), alt.Tooltip("source_date:N", title="Source date"),
            alt.Tooltip("source:N", title="Source")]
    base = alt.Chart(rows).encode(
        x=alt.X("year:O", title="Year", axis=alt.Axis(labelAngle=0)),
        y=alt.Y("value:Q", title="Turnover, USD million", scale=alt.Scale(domain=[0, stated_target * 1.08])))
    bars = base.mark_bar(stroke=ACCENT, strokeWidth=1.5, size=44).encode(
        fill=alt.Fill("kind:N", scale=kinds, title="Figure"),
        strokeDash=alt.condition(alt.datum.status == "derived", alt.value([4, 3]), alt.value([1, 0])),
        tooltip=tips)
    labels = base.mark_text(dy=-8, color=INK).encode(text=alt.Text("value:Q", format=",.1f"))
    goal = pd.DataFrame({"value": [stated_target], "label": [f"Stated goal: USD {stated_target:,.0f} million"]})
    rule = alt.Chart(goal).mark_rule(color=MUTED, strokeDash=[6, 4]).encode(
        y="value:Q", tooltip=[alt.Tooltip("label:N", title="Goal")])
    rule_text = alt.Chart(goal).mark_text(align="left", x=4, dy=-7, color=INK_SOFT).encode(y="value:Q", text="label:N")
    chart = (bars + labels + rule + rule_text).properties(title=finding(
        title, "Kazakhstan–Turkmenistan trade turnover in full calendar years, USD million; "
               "the hollow bar is derived, not quoted"))
    table = rows[["year", "value", "kind", "source_date", "source"]].rename(columns={
        "year": "Year", "value": "Turnover (USD million)", "kind": "Figure", "source_date": "Source date",
        "source": "Source"})
    return Figure(chart, table, ("trade_bilateral",), note)


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


def share(shares: pd.DataFrame, pair: tuple[str, str], title: str) -> Figure:
    """Bilateral turnover as a share of each country's merchandise exports plus imports (%), grouped bars
    by year.

    ``shares``: :func:`kztm.themes.trade.share_of_total_trade` (columns country, year, value = bilateral
    turnover and total_musd, both USD million, share_pct in %); ``pair``: the two country codes.
    """
    rows = shares[["country", "year", "value", "total_musd", "share_pct"]].astype({"year": int})
    chart = alt.Chart(rows).mark_bar().encode(
        x=alt.X("year:O", title="Year", axis=alt.Axis(labelAngle=0)),
        xOffset="country:N",
        y=alt.Y("share_pct:Q", title="Share of merchandise trade, %"),
        color=country_color(codes=list(pair)),
        tooltip=[alt.Tooltip("country:N", title="Country"), alt.Tooltip("year:O", title="Year"),
                 alt.Tooltip("value:Q", title="Bilateral turnover (USD m)", format=",.1f"),
                 alt.Tooltip("total_musd:Q", title="Total merchandise trade (USD m)", format=",.0f"),
                 alt.Tooltip("share_pct:Q", title="Share (%)", format=".2f")],
    ).properties(title=finding(
        title, "Quoted full-year bilateral turnover divided by each country's merchandise exports plus imports, %"))
    table = rows[["country", "year", "value", "total_musd", "share_pct"]].rename(columns={
        "country": "Country", "year": "Year", "value": "Bilateral turnover (USD million)",
        "total_musd": "Total merchandise trade (USD million)", "share_pct": "Share of merchandise trade (%)"})
    return Figure(chart, table, ("trade_bilateral", "trade_country"),
                  "Quoted full years only; the derived year is left out.")


def openness(country_trade: pd.DataFrame, codes: list[str], title: str, years: tuple[int, int],
             note: str | None = None) -> Figure:
    """Merchandise trade in % of GDP, one line per country; the pair (the first two ``codes``) drawn
    thicker, and a click on a legend entry highlights a country in the web edition.

    ``country_trade``: dataset ``trade_country`` limited to ``codes`` and ``years`` (columns country_code,
    country, year, merch_trade_pct_gdp in %); ``years``: (first, last) year, for the subtitle.
    """
    rows = country_trade.dropna(subset=["merch_trade_pct_gdp"])[["country_code", "country", "year",
                                                                 "merch_trade_pct_gdp"]]
    hover = alt.selection_point(fields=["country"], bind="legend")
    chart = alt.Chart(rows).mark_line(point=alt.OverlayMarkDef(size=16)).encode(
        x=year_axis(),
        y=alt.Y("merch_trade_pct_gdp:Q", title="Merchandise trade, % of GDP"),
        color=country_color(codes=codes),
        opacity=alt.condition(hover, alt.value(1), alt.value(0.15)),
        strokeWidth=alt.condition(alt.FieldOneOfPredicate(field="country_code", oneOf=list(codes[:2])),
                                  alt.value(2.6), alt.value(1.2)),
        tooltip=[alt.Tooltip("country:N", title="Country"), alt.Tooltip("year:Q", title="Year", format="d"),
                 alt.Tooltip("merch_trade_pct_gdp:Q", title="Merchandise trade (% of GDP)", format=".1f")],
    ).add_params(hover).properties(title=finding(
        title, f"Merchandise exports plus imports as a share of GDP, {years[0]}–{years[1]}, %"))
    table = rows[["country", "year", "merch_trade_pct_gdp"]].rename(columns={
        "country": "Country", "year": "Year", "merch_trade_pct_gdp": "Merchandise trade (% of GDP)"})
    return Figure(chart, table, ("trade_country",), note)


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
        color=alt.Color("path:N", title="Growth a year", scale=alt.Scale(range=PALETTE[1:5]),
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
              f"' million in {target_year}; ' + "
              f"({target} <= {base_value} ? 'goal already met in {base_year}' : "
              f"(rate <= 0 ? 'the goal is never reached' : 'goal reached in ' + "
              f"({base_year} + ceil(log({target} / {base_value}) / log(1 + rate / 100) - 1e-9))))")
    ).mark_text(align="left", baseline="top", x=6, y=6, fontSize=12, fontWeight=600, color=ACCENT).encode(
        text="text:N")
    chart = (fixed + goal_rule + chosen + readout).properties(height=340, title=finding(
        title, f"Paths from the quoted {base_year} figure (USD {base_value:,.1f} million) at constant growth "
               "rates, USD million"))
    table = paths[["path", "rate_pct", "year", "value"]].rename(columns={
        "path": "Path", "rate_pct": "Growth (% a year)", "year": "Year", "value": "Turnover (USD million)"})
    return Figure(chart, table, ("trade_bilateral",),
                  "Scenario paths are arithmetic, not forecasts; the rates in the legend come from the quoted figures.")

