"""A chart of the report as an output of its notebook: interactive in the book, a picture in Jupyter.

A chart module builds a :class:`Figure`: the Altair chart (its title states the finding, its
subtitle says what is shown and in which units), the rows it draws, and the datasets they come
from. :func:`figure_bundle` turns it into one notebook output carrying

- ``application/vnd.kztm.figure+json`` for the book: the Vega-Lite spec (drawn offline by
  ``book/_static/kztm.js`` with the Vega bundle), the caption (the subtitle), the source line
  (generated from the data package), and the data table that is the chart's text alternative.
  :mod:`kztm.report.mime` renders it as a numbered Sphinx figure;
- ``image/svg+xml`` for Jupyter, nbconvert and any reader of the executed notebook: the same chart
  drawn by vl-convert, with its subtitle and its source line inside the picture;
- ``text/plain``: the title.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field

import altair as alt
import pandas as pd

from ..report.tables import table_html
from .theme import LICENSE_LINE, register_theme

FIGURE_MIME = "application/vnd.kztm.figure+json"
STATIC_WIDTH = 600  # px, the width of the picture shown in Jupyter

_COMPOSITE_KEYS = ("hconcat", "vconcat", "concat", "facet", "repeat")


class FigureError(ValueError):
    """A figure lacks what every chart of the report must carry (title, source, data)."""


@dataclass
class Figure:
    """A chart with the rows it draws and their sources.

    ``chart``: an Altair chart whose ``title`` is a :func:`kztm.charts.theme.finding` (title = the
    finding, subtitle = what is shown, with units). ``data``: the rows the chart draws, one column per
    field with its unit in the header; it becomes the chart's data table and CSV download.
    ``datasets``: names in ``data/datapackage.json``; the source line is generated from them.
    ``note``: an optional remark printed after the source line (e.g. what is derived).
    """

    chart: alt.TopLevelMixin
    data: pd.DataFrame
    datasets: tuple[str, ...]
    note: str | None = None
    _spec: dict | None = field(default=None, init=False, repr=False)

    def spec(self) -> dict:
        """The Vega-Lite spec (dict) with the report's theme applied."""
        if self._spec is None:
            register_theme()
            self._spec = self.chart.to_dict()
        return self._spec

    @property
    def title(self) -> str:
        return _title_parts(self.spec())[0]

    @property
    def subtitle(self) -> str:
        return _title_parts(self.spec())[1]

    def source_line(self) -> str:
        """'Source: …' or 'Sources: …; …' from the datasets' origin metadata, without repeats."""
        from ..data import source_line

        if not self.datasets:
            raise FigureError(f"The chart {self.title!r} names no dataset, so it has no source line.")
        parts = []
        for name in self.datasets:
            for part in source_line(name).split(": ", 1)[1].split("; "):
                if part not in parts:
                    parts.append(part)
        return ("Source: " if len(parts) == 1 else "Sources: ") + "; ".join(parts)


def _title_parts(spec: dict) -> tuple[str, str]:
    title = spec.get("title")
    if isinstance(title, dict):
        text, sub = title.get("text", ""), title.get("subtitle", "")
    else:
        text, sub = title or "", ""
    join = lambda t: " ".join(t) if isinstance(t, list) else str(t or "")  # noqa: E731
    return join(text), join(sub)


def _fit_to_page(spec: dict) -> dict:
    """Single-view charts without a set width fill their column (screen or A4 page)."""
    if "width" in spec or any(key in spec for key in _COMPOSITE_KEYS):
        return spec
    return {**spec, "width": "container", "autosize": {"type": "fit-x", "contains": "padding"}}


def book_spec(figure: Figure) -> dict:
    """The spec drawn in the book: the finding as title (the subtitle becomes the figure caption),
    a description for screen readers, and a width that follows the page."""
    spec = json.loads(json.dumps(figure.spec()))
    title, subtitle = _title_parts(spec)
    if not title:
        raise FigureError("A chart of the report needs a title that states its finding.")
    if isinstance(spec.get("title"), dict):
        spec["title"] = {k: v for k, v in spec["title"].items() if k not in ("subtitle",)}
    spec["description"] = f"{title}. {subtitle}".strip()
    return _fit_to_page(spec)


def _json_for_script(spec: dict) -> str:
    """JSON that cannot end or break the <script> element it sits in."""
    try:
        text = json.dumps(spec, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    except ValueError:
        raise FigureError("The chart's spec holds NaN or infinity, which browsers cannot read as JSON; "
                          "drop or fill the missing values before drawing.") from None
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def static_svg(figure: Figure) -> str:
    """The chart as an SVG picture (vl-convert) with its source and licence line under it."""
    import vl_convert

    spec = json.loads(json.dumps(figure.spec()))
    if "width" not in spec and not any(key in spec for key in _COMPOSITE_KEYS):
        spec["width"] = STATIC_WIDTH
    svg = vl_convert.vegalite_to_svg(spec)
    footer = figure.source_line() + "." + (f" Note: {figure.note}" if figure.note else "") + " " + LICENSE_LINE
    return add_footer(svg, footer)


def add_footer(svg: str, text: str, font_size: int = 11, line_height: int = 15, margin: int = 8) -> str:
    """Append ``text`` (wrapped to the picture's width) below an SVG drawing, growing its height."""
    opening = re.search(r"<svg\b[^>]*>", svg)
    size = opening and re.search(r'\bwidth="([\d.]+)"[^>]*?\bheight="([\d.]+)"', opening.group(0))
    if not size:
        raise FigureError("vl-convert returned an SVG without width and height.")
    width, height = float(size.group(1)), float(size.group(2))
    per_line = max(20, int(width / (font_size * 0.55)))
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > per_line:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    extra = margin + line_height * len(lines)
    total = height + extra
    tag = re.sub(r'\bheight="[\d.]+"', f'height="{total:g}"', opening.group(0), count=1)
    tag = re.sub(r'viewBox="0 0 ([\d.]+) [\d.]+"', lambda m: f'viewBox="0 0 {m.group(1)} {total:g}"', tag, count=1)
    band = f'<rect x="0" y="{height:g}" width="{width:g}" height="{extra:g}" fill="white"/>'
    texts = "".join(
        f'<text x="{margin}" y="{height + margin + line_height * (i + 1) - 4:.0f}" font-size="{font_size}" '
        f'font-family="sans-serif" fill="#444444">{html.escape(t)}</text>' for i, t in enumerate(lines))
    body = svg[: opening.start()] + tag + svg[opening.end():]
    return body[: body.rindex("</svg>")] + band + texts + "</svg>"


def figure_bundle(figure: Figure, name: str) -> tuple[dict, dict]:
    """The notebook output of a figure: (data by mime type, metadata). ``name`` is its label (``fig-…``)."""
    if not re.fullmatch(r"fig-[a-z0-9-]+", name):
        raise FigureError(f"Figure name {name!r} must look like 'fig-theme-what' (lower case, digits, hyphens).")
    if figure.data is None or figure.data.empty:
        raise FigureError(f"The chart {figure.title!r} comes with no data table.")
    payload = {
        "name": name,
        "title": figure.title,
        "caption": figure.subtitle or figure.title,
        "spec": _json_for_script(book_spec(figure)),
        "source": figure.source_line() + ".",
        "note": figure.note or "",
        "datasets": list(figure.datasets),
        "table": table_html(figure.data, css_class="kztm-data-table"),
        "license": LICENSE_LINE,
    }
    data = {FIGURE_MIME: payload, "image/svg+xml": static_svg(figure), "text/plain": f"Figure: {figure.title}"}
    return data, {"kztm": {"role": "figure", "name": name}}


def standalone_html(payload: dict) -> str:
    """A figure as self-contained HTML for pasting on another page: the chart (drawn by kztm.js), its
    caption and its source line as text (no links, which would break in the single-page edition)."""
    source = payload["source"] + (f" Note: {payload['note']}" if payload.get("note") else "")
    return (f'<div class="kztm-figure kztm-pasted"><div class="kztm-chart" data-name="{html.escape(payload["name"])}">'
            f'<div class="kztm-vis"></div><script type="application/json" class="kztm-spec">{payload["spec"]}</script>'
            f'</div><p class="kztm-caption">{html.escape(payload["caption"])}</p>'
            f'<p class="kztm-source">{html.escape(source)}</p></div>')


def use_report_charts() -> None:
    """Enable the report's theme for charts built in this kernel (Altair's default renderer stays)."""
    register_theme()
    alt.data_transformers.disable_max_rows()
