"""One look for every chart: palette, fonts, axis and title style, and the source line each chart carries.

The renderer that turns a chart into a figure of the book is in :mod:`kztm.charts.render`.
A chart without a source is refused there: call :func:`with_source` on it.
"""

from __future__ import annotations

import altair as alt

from ..countries import COUNTRIES

# Okabe–Ito colours, distinguishable with the common colour-vision deficiencies.
COUNTRY_COLORS = {
    "KAZ": "#0072B2",  # blue
    "TKM": "#009E73",  # bluish green
    "UZB": "#E69F00",  # orange
    "KGZ": "#CC79A7",  # reddish purple
    "TJK": "#D55E00",  # vermilion
}
ACCENT = "#0072B2"
MUTED = "#8C8C8C"
PALETTE = ["#0072B2", "#009E73", "#E69F00", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000"]
FONT = "'Helvetica Neue', Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif"
WIDTH, HEIGHT = 600, 300

def theme() -> dict:
    return {
        "config": {
            "font": FONT,
            "view": {"continuousWidth": WIDTH, "continuousHeight": HEIGHT, "stroke": None},
            "background": "white",
            "padding": {"left": 4, "right": 12, "top": 8, "bottom": 4},
            "title": {
                "anchor": "start", "fontSize": 15, "fontWeight": 600, "color": "#1a1a1a",
                "subtitleFontSize": 12, "subtitleColor": "#555555", "offset": 12,
            },
            "axis": {
                "labelFontSize": 11, "titleFontSize": 11, "titleFontWeight": 500,
                "titleColor": "#333333", "labelColor": "#444444",
                "gridColor": "#e6e6e6", "domainColor": "#999999", "tickColor": "#999999",
            },
            "axisX": {"grid": False},
            "legend": {"labelFontSize": 11, "titleFontSize": 11, "orient": "right"},
            "range": {"category": PALETTE},
            "line": {"strokeWidth": 2.2},
            "point": {"size": 45, "filled": True},
            "bar": {"color": ACCENT},
            "text": {"fontSize": 11},
        }
    }


def country_color(field: str = "country:N", codes=None, title: str | None = "Country", legend=True):
    """A colour encoding that gives each country the same colour in every chart.

    ``field`` holds country *names* (as in :data:`kztm.params.COUNTRIES`).
    """
    codes = list(codes or COUNTRIES)
    scale = alt.Scale(domain=[COUNTRIES[c] for c in codes], range=[COUNTRY_COLORS[c] for c in codes])
    return alt.Color(field, scale=scale, title=title, legend=alt.Legend() if legend else None)


def year_axis(field: str = "year", title: str = "Year", **kwargs) -> alt.X:
    """An x encoding for calendar years: whole numbers, no rounding of the domain to 1990/2030."""
    return alt.X(f"{field}:Q", title=title, scale=alt.Scale(nice=False, zero=False),
                 axis=alt.Axis(format="d", tickMinStep=1, labelOverlap=True), **kwargs)


def finding(title: str, subtitle: str | list[str] | None = None) -> alt.TitleParams:
    """A chart title that states the finding, with an optional subtitle for units or scope."""
    if subtitle is None:
        return alt.TitleParams(title)
    return alt.TitleParams(title, subtitle=subtitle)


def slider(name: str, value, minimum, maximum, step, label: str) -> alt.Parameter:
    """A Vega-Lite parameter bound to a range input: the reader moves an assumption in HTML;
    the PDF shows ``value``, the default."""
    return alt.param(
        name=name, value=value,
        bind=alt.binding_range(min=minimum, max=maximum, step=step, name=label + " "),
    )


def with_source(chart, *datasets: str, note: str | None = None):
    """Attach the source line of ``datasets`` (from their metadata) to ``chart``."""
    from ..data import source_line  # late import: the data layer is optional for unit tests

    if not datasets:
        raise ValueError("with_source needs at least one dataset name.")
    parts = []
    for name in datasets:
        line = source_line(name).split(": ", 1)[1]  # drop "Source: " / "Sources: "
        for part in line.split("; "):
            if part not in parts:
                parts.append(part)
    prefix = "Source: " if len(parts) == 1 else "Sources: "
    meta = {"datasets": list(datasets), "source": prefix + "; ".join(parts)}
    if note:
        meta["note"] = note
    return chart.properties(usermeta={"kztm": meta})
