"""The myst-nb plugin renders the report's notebook outputs in a real Sphinx build (warnings are errors)."""

from __future__ import annotations

import re

import nbformat
import pytest

from kztm.charts.render import figure_bundle
from kztm.report.mime import PROSE_MIME
from kztm.report.prose import render
from tests.test_report_api import _figure


def _output(data, meta):
    return nbformat.v4.new_output("display_data", data=data, metadata=meta)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from sphinx.cmd.build import build_main

    src = tmp_path_factory.mktemp("plugin-src")
    out = src / "_build"
    (src / "conf.py").write_text('extensions = ["myst_nb"]\nnumfig = True\nnb_execution_mode = "off"\n'
                                 'myst_enable_extensions = ["colon_fence"]\nexclude_patterns = ["_build"]\n')
    (src / "index.md").write_text("# Book\n\n```{toctree}\nchapter\ndata\n```\n")
    (src / "data.md").write_text("# Data\n\n(dataset-macro)=\n## Macro\n\nThe dataset.\n")
    figure_data, figure_meta = figure_bundle(_figure(), "fig-test-one")
    prose = render("Output grew ({fig:fig-test-one}); the place is {place}.", {"place": "<b>x</b>"})
    web = render("Only on screen.", {})
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    cell = nbformat.v4.new_code_cell("# hidden")
    cell.outputs = [
        _output({"text/markdown": prose.plain, PROSE_MIME: prose.myst}, {"kztm": {"role": "prose"}}),
        _output(figure_data, figure_meta),
        _output({"text/markdown": web.plain, PROSE_MIME: web.myst}, {"kztm": {"role": "prose", "web_only": True}}),
    ]
    nb.cells = [nbformat.v4.new_markdown_cell("# Chapter"), cell]
    nbformat.write(nb, src / "chapter.ipynb")
    status = build_main([str(src), str(out), "-b", "html", "-W", "-q", "-n"])
    assert status == 0, "the Sphinx build with the plugin failed or warned"
    return (out / "chapter.html").read_text(encoding="utf-8")


def test_figure_is_numbered_and_named(built):
    assert re.search(r'<figure class="kztm-figure[^"]*" id="fig-test-one">', built)
    assert "Fig. 1" in built and "What is shown, USD billion" in built


def test_prose_references_resolve_and_data_is_escaped(built):
    assert 'href="#fig-test-one"' in built and "Fig. 1</span>" in built
    assert "&lt;b&gt;x&lt;/b&gt;" in built and "<b>x</b>" not in built


def test_source_line_links_to_the_dataset_in_the_appendix(built):
    assert 'href="data.html#dataset-macro"' in built
    assert "World Development Indicators" in built


def test_jupyter_twins_are_not_rendered_in_the_book(built):
    assert "<img" not in built and "Figure: Kazakhstan leads" not in built
    assert built.count("Output grew") == 1


def test_chart_spec_and_data_table_are_on_the_page(built):
    assert 'class="kztm-chart" data-name="fig-test-one"' in built
    assert '<script type="application/json" class="kztm-spec">' in built
    assert '<details class="kztm-table">' in built and "Value (USD billion)" in built


def test_web_only_text_is_marked(built):
    assert 'class="kztm-web-only docutils container"' in built or "kztm-web-only" in built
