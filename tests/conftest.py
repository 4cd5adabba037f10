"""Shared fixtures: execute a chapter once per parameter set and read back what it glued."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from kztm.pipeline.config import Chapter, load_config
from kztm.pipeline.execute import execute_chapter
from kztm.pipeline.glued import read_glued


@pytest.fixture(scope="session")
def run_chapter(tmp_path_factory):
    """``run_chapter(name, **overrides)`` → (executed notebook path, glued values); cached per session."""
    config = load_config()
    cache = {}

    def run(name: str, **overrides):
        key = (name, json.dumps(overrides, sort_keys=True))
        if key not in cache:
            base = config.chapter(name)
            chapter = Chapter(base.name, base.title, base.notebook, {**base.parameters, **overrides})
            out = tmp_path_factory.mktemp(f"{name}-run")
            result = execute_chapter(chapter, out)
            cache[key] = (result.output, read_glued(result.output))
        return cache[key]

    return run


# --- environment-dependent tests ---------------------------------------------------


def require(condition: bool, reason: str) -> None:
    """Skip when ``condition`` is false, except in CI (KZTM_REQUIRE_ALL=1), where it fails."""
    if condition:
        return
    if os.environ.get("KZTM_REQUIRE_ALL"):
        pytest.fail(f"{reason} (required in CI)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def built_book():
    """Build the whole book (HTML and PDF) once per test session, as `make report` does.

    Unchanged chapters are not re-executed, so on a warm tree this costs a few seconds.
    """
    from kztm.pipeline.build import HTML_DIR, PDF_PATH, build
    from kztm.pipeline.pdf import find_chromium

    build(load_config(), pdf=find_chromium() is not None, progress=lambda _msg: None)
    return {"html": HTML_DIR, "pdf": PDF_PATH}


@pytest.fixture(scope="session")
def chromium_path():
    from kztm.pipeline.pdf import find_chromium

    path = find_chromium()
    require(path is not None, "no Chromium on this machine")
    return path


@pytest.fixture(scope="session")
def poppler():
    require(shutil.which("pdftotext") is not None, "poppler-utils (pdftotext) is not installed")


# --- web-book fixtures (a Chromium browser, axe-core, one audit of every page): tests/web.py ----------
from tests.web import audits, axe_js, browser  # noqa: E402,F401
