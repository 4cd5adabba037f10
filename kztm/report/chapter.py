"""The one way a chapter notebook speaks: :class:`Chapter`.

A chapter notebook validates its parameters, computes with :mod:`kztm.themes`, builds figures with
:mod:`kztm.charts`, and shows everything through one ``Chapter`` object::

    ch = Chapter("trade", p)
    ch.glue(turnover_last=555.7, last_year=2024)          # figures: glued for other pages and tests
    ch.findings("Turnover reached USD {turnover_last:,.1f} million in {last_year}.")
    ch.figure(trade_charts.turnover(...), "fig-trade-turnover")
    ch.say("As {fig:fig-trade-turnover} shows, …")
    ch.verdicts([...])

Every output works in two places: the book (MyST rendered by :mod:`kztm.report.mime`) and any
Jupyter front end (plain Markdown, SVG pictures, HTML tables), so an executed notebook reads as the
chapter with its numbers and charts. Text from data is escaped wherever it lands.
"""

from __future__ import annotations

import pandas as pd
from IPython.display import display
from myst_nb import glue as _myst_glue

from ..charts.render import FIGURE_MIME, Figure, figure_bundle, standalone_html, use_report_charts
from ..paths import NOTEBOOKS_DIR
from . import verdicts as _verdicts
from .mime import PROSE_MIME
from .prose import Markup, ProseError, is_missing, plain_value, render, render_text
from .tables import table_html


class Chapter:
    """The outputs of one chapter notebook (prose, key findings, figures, tables, verdicts).

    ``name`` is the chapter's name in ``chapters.yml`` (its notebook is ``notebooks/<name>.ipynb``).
    ``values`` starts empty; :meth:`glue` adds to it and templates are filled from it.
    """

    def __init__(self, name: str):
        use_report_charts()
        self.name = name
        self.values: dict = {}
        self.captions: dict[str, str] = {}

    # --- figures (numbers and short texts) -------------------------------------------------
    def glue(self, **values) -> None:
        """Record values for the prose and glue each for other pages (``{glue:text}``) and tests.

        Values become plain Python (numpy scalars and strings too). ``None`` and NaN are refused with
        a ``ProseError`` naming the value: a sentence must not print "nan".
        """
        for name, value in values.items():
            value = plain_value(value)
            if is_missing(value):
                raise ProseError(f"The figure {name!r} of chapter {self.name!r} has no value; "
                                 "fix the data or the computation before using it.")
            _myst_glue(name, value, display=False)
            self.values[name] = value

    # --- prose ----------------------------------------------------------------------------
    def text(self, template: str, **extra) -> Markup:
        """The template filled from the chapter's values (and ``extra``), in both flavours."""
        return render(template, {**self.values, **extra}, self.captions)

    def title(self, template: str, **extra) -> str:
        """A chart title or label from a template: plain text, not escaped (charts draw text, not markup)."""
        return render_text(template, {**self.values, **extra})

    def say(self, template: str, web_only: bool = False, **extra) -> None:
        """Show a paragraph (or several): Markdown with ``{value:spec}`` fields and references.

        ``web_only`` marks text that only makes sense on screen (it is not printed in the PDF).
        """
        self._show(self.text(template, **extra), web_only=web_only)

    def findings(self, *bullets: str, **extra) -> None:
        """The chapter's key findings: 3–5 messages, each a template (what the numbers mean)."""
        items = [self.text(b, **extra) for b in bullets]
        myst = (":::{admonition} Key findings\n:class: key-findings\n"
                + "\n".join(f"- {i.myst}" for i in items) + "\n:::")
        plain = "> **Key findings**\n>\n" + "\n".join(f"> - {i.plain}" for i in items)
        self._show(Markup(myst, plain))

    def notice(self, template: str, title: str = "Note", **extra) -> None:
        """A boxed note (e.g. what the data cannot show for this pair)."""
        body = self.text(template, **extra)
        myst = f":::{{note}}\n{body.myst}\n:::"
        plain = f"> **{title}:** {body.plain}"
        self._show(Markup(myst, plain))

    def _show(self, text: Markup, web_only: bool = False) -> None:
        meta = {"kztm": {"role": "prose", **({"web_only": True} if web_only else {})}}
        display({"text/markdown": text.plain, PROSE_MIME: text.myst}, raw=True, metadata=meta)

    # --- figures and tables -------------------------------------------------------------------
    def figure(self, figure: Figure, name: str) -> None:
        """Show a chart as a numbered figure named ``name`` (``fig-<chapter>-<what>``)."""
        data, meta = figure_bundle(figure, name)
        self.captions[name] = figure.subtitle or figure.title
        display(data, raw=True, metadata=meta)

    def glue_figure(self, key: str, figure: Figure) -> None:
        """Glue a figure for another page (the executive summary) under ``key``.

        myst-nb pastes outputs across pages as HTML only, so the pasted copy is the chart with its
        subtitle and source line as text (:func:`kztm.charts.render.standalone_html`); it is not numbered.
        """
        data, _meta = figure_bundle(figure, "fig-pasted")
        html_copy = standalone_html(data[FIGURE_MIME])
        _myst_glue(key, _Bundle({"text/html": html_copy, "text/plain": f"Figure: {figure.title}"}, {}),
                   display=False)

    def table(self, frame: pd.DataFrame, caption: str, formats: dict | None = None) -> None:
        """Show a table (every cell escaped); ``formats`` maps a column to a format spec such as ",.1f"."""
        html_table = f'<div class="kztm-table-wrap">{table_html(frame, caption, formats)}</div>'
        display({"text/html": html_table, "text/plain": caption}, raw=True)

    # --- verdicts ---------------------------------------------------------------------------
    def verdicts(self, items: list[dict]) -> pd.DataFrame:
        """Record the chapter's verdicts on the article's claims and point to the claims audit.

        See :func:`kztm.report.verdicts.record_verdicts` for the fields; the verdicts are printed once,
        in the claims audit, and the chapter lists them with links.
        """
        table = _verdicts.record_verdicts(items)
        links = ", ".join(f"{{claim:{row.claim_id}}} ({row.verdict})" for row in table.itertuples())
        self.say("The claims of the article on this theme are judged in the {ref:claims-audit|claims audit}: "
                 + links + ".")
        return table

    # --- the notebook itself ------------------------------------------------------------------
    def notebook_links(self) -> None:
        """One line offering the chapter's notebook: the clean template and this executed copy (web only)."""
        template = NOTEBOOKS_DIR / f"{self.name}.ipynb"
        myst = (f"Rerun this chapter with other parameters: {{download}}`notebook template "
                f"</notebooks/{template.name}>` "
                f"(`python -m kztm run {self.name} -p NAME VALUE`) · {{download}}`this chapter as executed "
                f"<{self.name}.ipynb>`.")
        plain = (f"Rerun this chapter with other parameters: the notebook template is `notebooks/{template.name}` "
                 f"(`python -m kztm run {self.name} -p NAME VALUE`).")
        self._show(Markup(myst, plain), web_only=True)


class _Bundle:
    """A prepared output (mime data + metadata) that IPython and myst-nb's glue can display."""

    def __init__(self, data: dict, metadata: dict):
        self.data, self.metadata = data, metadata

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self.data, self.metadata
