"""Rebuilds cost what changed: a prose edit rebuilds only its pages, and the result is the book a full build
writes; anything that other pages show (headings, targets, configuration, files added) rebuilds every page."""

import filecmp
import shutil

from kztm.paths import HTML_DIR, ROOT
from kztm.pipeline.book import _incremental_plan, _manifest
from kztm.pipeline.build import build
from kztm.pipeline.config import load_config


def _book(tmp_path):
    (tmp_path / "book" / "chapters").mkdir(parents=True)
    (tmp_path / "_config.yml").write_text("title: T\n")
    (tmp_path / "_toc.yml").write_text("root: book/index\n")
    (tmp_path / "book" / "index.md").write_text(
        "# Summary\n\nTrade was USD {glue:text}`chapters/trade.ipynb::x:,.0f`.\n")
    (tmp_path / "book" / "methods.md").write_text("# Methods\n\n(methods-data)=\n## Data\n\nProse.\n")
    (tmp_path / "book" / "chapters" / "trade.ipynb").write_text(
        '{"cells": [{"cell_type": "markdown", "metadata": {}, "source": ["# Trade\\n", "Prose."]}], "metadata": {}}')
    return tmp_path


def _plan_after(tmp_path, path, text):
    before = _manifest(tmp_path)
    (tmp_path / path).write_text(text)
    return _incremental_plan(tmp_path, before, _manifest(tmp_path))


def test_a_prose_edit_is_incremental(tmp_path):
    book = _book(tmp_path)
    assert _plan_after(book, "book/methods.md", "# Methods\n\n(methods-data)=\n## Data\n\nOther prose.\n") == []


def test_a_changed_notebook_also_rebuilds_the_pages_that_paste_its_values(tmp_path):
    book = _book(tmp_path)
    plan = _plan_after(book, "book/chapters/trade.ipynb",
                       '{"cells": [{"cell_type": "markdown", "metadata": {}, "source": ["# Trade\\n", "New."]}], '
                       '"metadata": {}}')
    assert plan == [book / "book" / "index.md"]


def test_a_new_heading_target_or_file_or_configuration_rebuilds_every_page(tmp_path):
    book = _book(tmp_path)
    assert _plan_after(book, "book/methods.md", "# Methods, renamed\n\n(methods-data)=\n## Data\n\nProse.\n") is None
    assert _plan_after(book, "book/methods.md", "# Methods\n\n(methods-sources)=\n## Data\n\nProse.\n") is None
    assert _plan_after(book, "book/glossary.md", "# Glossary\n") is None
    assert _plan_after(book, "_config.yml", "title: Other\n") is None
    before = _manifest(book)
    assert _incremental_plan(book, None, before) is None  # no previous build


def test_an_incremental_rebuild_gives_the_book_a_full_build_writes(built_book, tmp_path):
    first = tmp_path / "first"
    shutil.copytree(HTML_DIR, first)
    page = ROOT / "book" / "methodology.md"
    original = page.read_text(encoding="utf-8")
    messages = []
    try:
        page.write_text(original + "\nA sentence added for this test.\n", encoding="utf-8")
        build(load_config(), pdf=False, progress=messages.append)
        assert "A sentence added for this test." in (HTML_DIR / "book" / "methodology.html").read_text()
    finally:
        page.write_text(original, encoding="utf-8")
    build(load_config(), pdf=False, progress=messages.append)
    assert sum("changed pages only" in m for m in messages) == 2, messages
    files = sorted(str(p.relative_to(first)) for p in first.rglob("*") if p.is_file())
    assert files == sorted(str(p.relative_to(HTML_DIR)) for p in HTML_DIR.rglob("*") if p.is_file())
    _match, mismatch, errors = filecmp.cmpfiles(first, HTML_DIR, files, shallow=False)
    assert not mismatch and not errors, mismatch[:10]
