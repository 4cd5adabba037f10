"""The pipeline: execute chapters → HTML book → single page → PDF.

Every step writes atomically, so a failure anywhere leaves the last good book in place.
"""

from __future__ import annotations

import time
from pathlib import Path

import yaml

from .book import BUILD_DIR, publish, sphinx_build
from .config import ROOT, BuildConfig
from .execute import execute_chapters
from .pages import generate_pages
from .pdf import (HOW_TO_GET_PDF, edition_line, find_chromium, find_pages, outline_titles,
                  prepare_print_page, print_to_pdf)

CHAPTERS_DIR = ROOT / "book" / "chapters"
HTML_DIR = BUILD_DIR / "html"
PDF_PATH = BUILD_DIR / "pdf" / "report.pdf"


def book_metadata() -> dict:
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return {"title": config.get("title", "Report"), "root": toc["root"],
            "subtitle": config.get("description", "")}


def build_pdf(progress=print) -> Path | None:
    chromium = find_chromium()
    if chromium is None:
        progress(HOW_TO_GET_PDF)
        return None
    meta = book_metadata()
    single = sphinx_build("singlehtml", progress=progress)
    root_page = single / f"{meta['root']}.html"
    page = prepare_print_page(root_page, meta["title"], meta["subtitle"], edition_line())
    progress("Printing the PDF with headless Chromium …")
    pdf = print_to_pdf(page, PDF_PATH, chromium)
    # Second pass: now that we know where each chapter starts, put page numbers in the contents.
    numbers = find_pages(pdf, outline_titles(page))
    if numbers:
        page = prepare_print_page(root_page, meta["title"], meta["subtitle"], edition_line(), numbers)
        pdf = print_to_pdf(page, PDF_PATH, chromium)
    # Offer the PDF from every HTML page (the theme's download menu links here).
    if HTML_DIR.exists():
        (HTML_DIR / "_static").mkdir(exist_ok=True)
        (HTML_DIR / "_static" / "report.pdf").write_bytes(pdf.read_bytes())
    return pdf


def build(config: BuildConfig, jobs: int | None = None, force: bool = False, pdf: bool = True,
          progress=print) -> dict:
    """Build the whole book; return the timings of each step in seconds."""
    timings = {}
    started = time.perf_counter()
    execute_chapters(list(config.chapters.values()), CHAPTERS_DIR, jobs=jobs, force=force, progress=progress)
    timings["execute"] = time.perf_counter() - started

    step = time.perf_counter()
    generate_pages()
    publish(sphinx_build("html", progress=progress), HTML_DIR)
    timings["html"] = time.perf_counter() - step
    progress(f"HTML book: {HTML_DIR.relative_to(ROOT)}/index.html")

    if pdf:
        step = time.perf_counter()
        made = build_pdf(progress)
        timings["pdf"] = time.perf_counter() - step
        if made:
            progress(f"PDF: {made.relative_to(ROOT)} ({made.stat().st_size / 1e6:.1f} MB)")
    timings["total"] = time.perf_counter() - started
    return timings
