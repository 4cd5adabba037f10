"""One look for every chart, drawn offline, with its source underneath.

``use_report_charts()`` (called once at the top of each chapter) enables:
- the ``kztm`` theme: fonts, sizes, title style and an accessible palette;
- the ``kztm`` renderer: each chart becomes a ``<figure>`` whose script calls
  ``vegaEmbed`` from the Vega bundle the build copies into the book's ``_static/``
  (no CDN), drawn as SVG so the PDF printed from the HTML keeps vectors, with the
  chart's source line generated from the dataset metadata as its caption.

A chart without a source is refused: call :func:`with_source` on it.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import json
from pathlib import Path

import altair as alt

from .params import COUNTRIES

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

# Where the data appendix lives, relative to a chapter page (book/chapters/*.html).
APPENDIX_URL = "../generated/data-appendix.html"


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
    from .data import source_line  # late import: the data layer is optional for unit tests

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


# --- renderer -----------------------------------------------------------------


def dataset_anchor(name: str) -> str:
    """The id of a dataset's section in the data appendix (Sphinx turns "_" into "-" in ids)."""
    return "dataset-" + name.replace("_", "-")


_counter = itertools.count()


def _figure_html(spec: dict, element_id: str) -> str:
    meta = (spec.get("usermeta") or {}).get("kztm") or {}
    if not meta.get("source"):
        raise ValueError(
            "This chart has no source line; wrap it with kztm.charts.with_source(chart, 'dataset')."
        )
    links = ", ".join(
        f'<a href="{APPENDIX_URL}#{dataset_anchor(d)}">{html.escape(d)}</a>' for d in meta["datasets"]
    )
    note = f' <span class="kztm-note">Note: {html.escape(meta["note"])}</span>' if meta.get("note") else ""
    # "</" inside a <script> would end it early; JSON allows the escaped form.
    spec_json = json.dumps(spec, sort_keys=True, separators=(",", ":")).replace("</", "<\\/")
    # The script finds its chart through its own parent, not by id: the same chart may be
    # pasted on two pages that the single-page (PDF) edition puts together.
    return (
        f'<figure class="kztm-chart" id="{element_id}">'
        f'<div class="kztm-vis"></div>'
        f'<figcaption class="kztm-source">{html.escape(meta["source"])}.{note} '
        f'<span class="kztm-data-link">Data: {links}.</span></figcaption>'
        f'<script type="text/javascript">(function (figure) {{\n'
        f'  var el = figure.querySelector(".kztm-vis");\n'
        f"  var spec = {spec_json};\n"
        f'  if (typeof window.vegaEmbed !== "function") {{\n'
        f'    el.textContent = "This interactive chart needs the Vega bundle in the book\'s _static folder.";\n'
        f"    return;\n  }}\n"
        f'  window.vegaEmbed(el, spec, {{renderer: "svg", actions: {{export: true, source: false, compiled: false, editor: false}}}})\n'
        f'    .catch(function (err) {{ el.textContent = "Chart failed to draw: " + err; console.error(err); }});\n'
        f"}})(document.currentScript.parentNode);</script>"
        f"</figure>"
    )


_COMPOSITE_KEYS = ("hconcat", "vconcat", "concat", "facet", "repeat")


def _fit_to_page(spec: dict) -> dict:
    """Single-view charts without a set width fill their column (screen or A4 page)."""
    if "width" in spec or any(key in spec for key in _COMPOSITE_KEYS):
        return spec
    return {**spec, "width": "container", "autosize": {"type": "fit-x", "contains": "padding"}}


def render(spec: dict, **_metadata) -> dict:
    """Altair renderer: returns the mime bundle myst-nb shows (text/html) plus plain text."""
    spec = _fit_to_page(spec)
    digest = hashlib.sha1(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:10]
    element_id = f"kztm-chart-{digest}-{next(_counter)}"
    title = spec.get("title")
    if isinstance(title, dict):
        title = title.get("text")
    return {
        "text/html": _figure_html(spec, element_id),
        "text/plain": f"Chart: {title or 'untitled'}",
    }


def use_report_charts() -> None:
    """Enable the report's theme and offline renderer (call once per notebook)."""
    alt.theme.register("kztm", enable=True)(theme)
    alt.renderers.register("kztm", render)
    alt.renderers.enable("kztm")
    alt.data_transformers.disable_max_rows()


# --- the Vega bundle served from the book's _static folder ---------------------

BUNDLE_NAME = "vega-bundle.js"


def write_vega_bundle(static_dir) -> Path:
    """Write the self-contained vega + vega-lite + vega-embed bundle into ``static_dir``.

    The bundle declares top-level constants (``const _`` among them) that clash with
    Sphinx's own scripts, so it is wrapped in a function scope; it exposes
    ``window.vegaEmbed``. Rewritten only when its content changes.
    """
    import vl_convert

    target = Path(static_dir) / BUNDLE_NAME
    body = "(function () {\n" + vl_convert.javascript_bundle() + "\n})();\n"
    if not target.exists() or target.read_text(encoding="utf-8") != body:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        tmp.write_text(body, encoding="utf-8")
        tmp.replace(target)
    return target
