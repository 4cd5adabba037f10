"""The report's Altair renderer: each chart becomes a figure of the book, drawn offline.

``use_report_charts()`` (called once at the top of each chapter) enables the ``kztm`` theme
(:mod:`kztm.charts.theme`) and the ``kztm`` renderer: each chart becomes a ``<figure>`` whose
script calls ``vegaEmbed`` from the Vega bundle the build copies into the book's ``_static/``
(no CDN), drawn as SVG so the PDF printed from the HTML keeps vectors, with the chart's source
line generated from the dataset metadata as its caption.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import json

import altair as alt

from ..data.appendix import dataset_anchor
from .theme import theme

# Where the data appendix lives, relative to a chapter page (book/chapters/*.html).
APPENDIX_URL = "../generated/data-appendix.html"


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
        f'  window.vegaEmbed(el, spec, {{renderer: "svg", '
        f'actions: {{export: true, source: false, compiled: false, editor: false}}}})\n'
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
