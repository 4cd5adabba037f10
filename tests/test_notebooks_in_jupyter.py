"""An executed chapter reads in Jupyter as in the book: prose with its numbers, every chart as a picture.

nbconvert renders what JupyterLab shows for an executed notebook (the book's own mime types are
ignored by both), so the check uses nbconvert's HTML exporter on each executed chapter.
"""

from __future__ import annotations

import re

import nbformat
import pytest

from kztm.charts.render import FIGURE_MIME
from kztm.pipeline.config import load_config

RAW_ROLES = re.compile(r"\{(glue:text|glue:figure|glue|numref|cite(:[pt])?|ref|download)\}`")


@pytest.mark.parametrize("name", list(load_config().chapters))
def test_executed_chapter_shows_numbers_and_charts_in_jupyter(run_chapter, name):
    from nbconvert import HTMLExporter

    notebook, _ = run_chapter(name)
    nb = nbformat.read(notebook, as_version=4)
    figures = sum(FIGURE_MIME in out.get("data", {}) for cell in nb.cells for out in cell.get("outputs", []))
    html, _ = HTMLExporter().from_notebook_node(nb)
    text = re.sub(r"<[^>]+>", " ", html)
    assert not RAW_ROLES.search(text), f"raw MyST roles show in Jupyter: {RAW_ROLES.search(text).group(0)}"
    assert "{glue:" not in text
    assert figures >= 1
    assert html.count("data:image/svg+xml") + html.count("<svg") >= figures
    # Markdown cells of the template never carry roles either (they would show raw in Jupyter).
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            assert not RAW_ROLES.search(cell.source), f"{name}: a Markdown cell uses a MyST role: {cell.source[:80]!r}"
