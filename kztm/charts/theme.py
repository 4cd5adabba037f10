"""One look for every chart: palette, fonts, axis and title style.

Colours: the Okabe–Ito hues, distinguishable with the common colour-vision deficiencies, darkened
where needed so that every mark has at least 3:1 contrast against the white chart background (WCAG
non-text contrast). A chart becomes a figure of the book in :mod:`kztm.charts.render`.
"""

from __future__ import annotations

import altair as alt

from ..countries import COUNTRIES

# Contrast against white, in the comment: all at least 3:1.
COUNTRY_COLORS = {
    "KAZ": "#0072B2",  # blue, 5.2:1
    "TKM": "#009E73",  # bluish green, 3.4:1
    "UZB": "#B87A00",  # ochre (Okabe–Ito orange darkened), 3.6:1
    "KGZ": "#C0679A",  # reddish purple (darkened), 3.7:1
    "TJK": "#D55E00",  # vermilion, 3.9:1
}
ACCENT = "#0072B2"
MUTED = "#767676"  # grey, 4.5:1
PALETTE = ["#0072B2", "#009E73", "#B87A00", "#C0679A", "#D55E00", "#3A8FC4", "#5B8E2F", "#6A6A6A"]
LICENSE_LINE = "Chart: Astana–Ashgabat report, CC BY 4.0."
FONT = "'Helvetica Neue', Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif"
WIDTH, HEIGHT = 600, 300


def theme() -> dict:
    """The Vega-Lite config of every chart (fonts, sizes, colours; legends below the plot)."""
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
            "legend": {"labelFontSize": 11, "titleFontSize": 11, "orient": "bottom", "direction": "horizontal",
                       "columns": 3, "labelLimit": 260, "symbolType": "circle"},
            "range": {"category": PALETTE},
            "line": {"strokeWidth": 2.2},
            "point": {"size": 45, "filled": True},
            "bar": {"color": ACCENT},
            "text": {"fontSize": 11},
        }
    }


def register_theme() -> None:
    """Register and enable the ``kztm`` Altair theme (idempotent)."""
    if alt.theme.active != "kztm":
        alt.theme.register("kztm", enable=True)(theme)


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


def zoom_x() -> alt.Parameter:
    """Zoom and pan along x in the web edition without capturing the page's scroll: the wheel zooms
    only with Shift held, dragging pans, a double click resets."""
    return alt.selection_interval(bind="scales", encodings=["x"], zoom="wheel![event.shiftKey]")


def slider(name: str, value, minimum, maximum, step, label: str) -> alt.Parameter:
    """A Vega-Lite parameter bound to a range input: the reader moves an assumption in HTML;
    the PDF shows ``value``, the default."""
    return alt.param(
        name=name, value=value,
        bind=alt.binding_range(min=minimum, max=maximum, step=step, name=label + " "),
    )


# --- named colours for series that are not countries (energy and environment charts) ------------
INK = "#333333"  # near-black, 12.6:1: a recorded series drawn beside projections, labels on the plot
HIGHLIGHT = "#D55E00"  # vermilion, 3.9:1: thresholds, what-if markers, the series a scenario is about
ELECTRICITY_SOURCE_COLORS = {  # fuels of electricity generation, in stacking order; all at least 3:1
    "Coal": "#4D4D4D",  # dark grey, 8.5:1
    "Gas": "#B87A00",  # ochre, 3.6:1
    "Oil": "#8C510A",  # brown, 6.4:1
    "Nuclear": "#C0679A",  # reddish purple, 3.7:1
    "Hydro": "#0072B2",  # blue, 5.2:1
    "Wind": "#3A8FC4",  # light blue, 3.6:1
    "Solar": "#9A8700",  # olive yellow (Okabe–Ito yellow darkened), 3.6:1
    "Bioenergy": "#009E73",  # bluish green, 3.4:1
    "Other renewables": "#D55E00",  # vermilion, 3.9:1
}


# --- named colours for marks that are not countries (trade and investment charts; INK above) -----
INK_SOFT = "#555555"  # dark grey, 7.5:1: secondary labels on the plot
PAPER = "white"  # the fill of hollow marks (figures derived, not quoted)
GREY_RAMP = ("#949494", INK)  # light and dark ends for older years in a sequence, 3.0:1 and 12.6:1

# --- named colours for the politics and logistics charts and the region map (INK, HIGHLIGHT above) ------
EMPTY_FILL = "#E6E6E6"  # fill of an empty category ("not a member"); the legend and the data table name it too
# The region map: land and sea fills (pale, under every mark), borders, frame and country names.
MAP_COLORS = {"sea": "#CFE2F0", "land": "#ECEBE6", "land_peer": "#E2E0D8", "land_focus": "#F7F1DC",
              "border": "#FFFFFF", "frame": "#B9C9D6", "country_label": "#8A8577"}
