"""myst-nb plugin: how the book renders the report's own notebook outputs.

Registered under the entry point group ``myst_nb.mime_renderers`` (see ``pyproject.toml``). It renders

- prose (:data:`PROSE_MIME`): the MyST text of :func:`kztm.report.prose.render`, parsed with the
  book's MyST configuration (roles, cross-references, citations);
- figures (:data:`kztm.charts.render.FIGURE_MIME`): a numbered Sphinx figure with the chart (drawn
  by ``kztm.js``), its caption, its source line with links to the data appendix, and its data table.

The Jupyter-facing twins in the same outputs (``text/markdown``, ``image/svg+xml``, ``text/plain``)
are skipped in the book, so each output appears once and no picture files are written.
"""

from __future__ import annotations

import html

from docutils import nodes

from ..charts.render import FIGURE_MIME

PROSE_MIME = "text/vnd.kztm.myst"
_TWINS = {"text/markdown", "image/svg+xml", "text/plain", "image/png"}


def _role(data) -> str:
    return ((data.output_metadata or {}).get("kztm") or {}).get("role", "")


def _source_paragraph(payload: dict) -> nodes.paragraph:
    """'Source: … Note: … Data: <links to the datasets in the data appendix>.' as docutils nodes."""
    from sphinx import addnodes

    from ..data.appendix import dataset_anchor

    para = nodes.paragraph(classes=["kztm-source"])
    para += nodes.Text(payload["source"] + " ")
    if payload.get("note"):
        para += nodes.inline(text=f"Note: {payload['note']} ", classes=["kztm-note"])
    data = nodes.inline(classes=["kztm-data-link"])
    data += nodes.Text("Data: ")
    for i, name in enumerate(payload["datasets"]):
        if i:
            data += nodes.Text(", ")
        ref = addnodes.pending_xref("", refdomain="std", reftype="ref", reftarget=dataset_anchor(name),
                                    refexplicit=True, refwarn=True)
        ref += nodes.inline(text=name)
        data += ref
    data += nodes.Text(".")
    para += data
    return para


def _figure(renderer, payload: dict) -> list[nodes.Element]:
    document = renderer.renderer.document
    figure = nodes.figure(classes=["kztm-figure"])
    name = nodes.fully_normalize_name(payload["name"])
    figure["names"].append(name)
    document.note_explicit_target(figure, figure)
    chart = (f'<div class="kztm-chart" data-name="{html.escape(payload["name"])}">'
             f'<div class="kztm-vis"></div>'
             f'<script type="application/json" class="kztm-spec">{payload["spec"]}</script></div>')
    figure += nodes.raw("", chart, format="html")
    figure += nodes.caption(text=payload["caption"])
    figure += _source_paragraph(payload)
    table = (f'<details class="kztm-table"><summary>Data table: the values drawn in this chart</summary>'
             f'{payload["table"]}</details>')
    figure += nodes.raw("", table, format="html")
    return [figure]


class KztmMimeRenderer:
    """The plugin (a :class:`myst_nb.core.render.MimeRenderPlugin`)."""

    mime_priority_overrides = [("*", PROSE_MIME, 1), ("*", FIGURE_MIME, 2)]

    @staticmethod
    def handle_mime(renderer, data, inline):
        role = _role(data)
        if data.mime_type == PROSE_MIME:
            rendered = renderer._render_markdown_base(data, fmt="myst", inline=inline)
            if not inline and ((data.output_metadata or {}).get("kztm") or {}).get("web_only"):
                box = nodes.container(classes=["kztm-web-only"])
                box.extend(rendered)
                return [box]
            return rendered
        if data.mime_type == FIGURE_MIME:
            return _figure(renderer, data.content)
        if role in ("prose", "figure") and data.mime_type in _TWINS:
            return []  # the Jupyter twin of an output the book renders from its own mime type
        return None
