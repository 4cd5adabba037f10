"""Every place the report reads from or writes to, defined once.

Source folders (read): the repository's configuration, notebooks, prose pages, data and raw sources.
Output folders (written, all inside the repository unless a researcher names another with ``-o``):
executed chapters, generated pages, and ``_build/`` (HTML, PDF, scenario books, runs).
The data folders can be overridden with ``KZTM_RAW_DIR``, ``KZTM_COMPILED_DIR`` and ``KZTM_DATA_DIR``.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# --- sources --------------------------------------------------------------------
CONFIG_FILE = ROOT / "chapters.yml"
BOOK_CONFIG = ROOT / "_config.yml"
BOOK_TOC = ROOT / "_toc.yml"
NOTEBOOKS_DIR = ROOT / "notebooks"
BOOK_DIR = ROOT / "book"
STATIC_DIR = BOOK_DIR / "_static"
BIBLIOGRAPHY = BOOK_DIR / "references.bib"
CITATION = ROOT / "CITATION.cff"  # the report's citation metadata (authors, keywords): also the PDF's

# --- outputs ---------------------------------------------------------------------
CHAPTERS_DIR = BOOK_DIR / "chapters"  # executed chapters (git-ignored)
GENERATED_DIR = BOOK_DIR / "generated"  # pages generated at build time (git-ignored)
BUILD_DIR = ROOT / "_build"
STAGING_DIR = BUILD_DIR / ".staging"
HTML_DIR = BUILD_DIR / "html"
PDF_DIR = BUILD_DIR / "pdf"
PDF_PATH = PDF_DIR / "report.pdf"
SCENARIOS_DIR = BUILD_DIR / "scenarios"
RUNS_DIR = BUILD_DIR / "runs"


def scenario_chapters_dir(name: str) -> Path:
    """Where the chapters of scenario ``name`` are executed to."""
    return SCENARIOS_DIR / name / "src" / "chapters"


# --- data ------------------------------------------------------------------------
def default_raw_dir() -> Path:
    """Raw source files: ``$KZTM_RAW_DIR`` or ``../shared/sources`` beside the repository."""
    env = os.environ.get("KZTM_RAW_DIR")
    return Path(env) if env else (ROOT / ".." / "shared" / "sources").resolve()


def default_compiled_dir() -> Path:
    """Hand-compiled fact tables: ``$KZTM_COMPILED_DIR`` or ``data/compiled``."""
    env = os.environ.get("KZTM_COMPILED_DIR")
    return Path(env) if env else ROOT / "data" / "compiled"


def default_out_dir() -> Path:
    """The processed data folder the chapters read: ``$KZTM_DATA_DIR`` or ``data``."""
    env = os.environ.get("KZTM_DATA_DIR")
    return Path(env) if env else ROOT / "data"


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8, ``\\n`` line ends) to ``path`` whole or not at all: into a hidden file beside
    it, then renamed over it. Raises ``OSError`` (the hidden file removed) when it cannot be written."""
    path = Path(path)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        partial.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
