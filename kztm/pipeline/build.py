"""The pipeline: execute chapters → generated pages → HTML book → single page → PDF.

Every step writes atomically, so a failure anywhere leaves the last good book in place.
Named scenarios (chapters.yml) are executed with the main book, so its comparison page is
current; ``build --scenario NAME`` also renders that scenario as a book of its own.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from pathlib import Path

import yaml

from ..paths import (
    BOOK_CONFIG,
    BOOK_TOC,
    CHAPTERS_DIR,
    CITATION,
    HTML_DIR,
    PDF_PATH,
    ROOT,
    SCENARIOS_DIR,
    scenario_chapters_dir,
)
from ..report.escape import escape_myst
from .book import publish, sphinx_build, write_side_book
from .config import BuildConfig
from .execute import execute_chapters, execute_tasks
from .pages import generate_pages, markdown_table, write_side_pages
from .pdf import (
    HOW_TO_GET_PDF,
    Metadata,
    browser_identity,
    edition_date,
    edition_line,
    find_chromium,
    finish_pdf,
    keep_drawings,
    prepare_print_page,
    print_to_pdf,
)


def book_metadata(config_file: Path = BOOK_CONFIG, toc_file: Path = BOOK_TOC, citation: Path = CITATION) -> dict:
    """The book's title, root page, subtitle, author and keywords (_config.yml, _toc.yml, CITATION.cff)."""
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    toc = yaml.safe_load(toc_file.read_text(encoding="utf-8"))
    cff = yaml.safe_load(citation.read_text(encoding="utf-8")) if citation.exists() else {}
    return {"title": config.get("title", "Report"), "root": toc["root"], "subtitle": config.get("description", ""),
            "author": config.get("author", ""), "keywords": [str(k) for k in cff.get("keywords") or []]}


def _print_fingerprint(html_dir: Path, meta: dict) -> str:
    """What the PDF is printed from: every file of the HTML book, the metadata and the code that prints."""
    digest = hashlib.sha256(json.dumps(meta, sort_keys=True).encode() + edition_line().encode())
    digest.update(Path(__file__).with_name("pdf.py").read_bytes())
    for path in sorted(html_dir.rglob("*")):
        if path.is_file() and path.relative_to(html_dir).as_posix() != "_static/report.pdf":
            digest.update(path.relative_to(html_dir).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def print_book(html_dir: Path, meta: dict, pdf_path: Path, chromium: str, progress=print) -> Path:
    """Title page + contents + the HTML book's printed pages → one Chromium print → the finished PDF.

    Charts drawn in the previous print are reused (:func:`~kztm.pipeline.pdf.keep_drawings`); the others are
    drawn by Chromium in the print itself and kept for the next one. The print goes to a temporary file beside
    ``pdf_path``; :func:`~kztm.pipeline.pdf.finish_pdf` numbers
    the contents from where each entry landed, adds bookmarks and metadata and saves it compressed to a
    second temporary file; ``pdf_path`` is replaced only by that file once pikepdf accepts it and its page
    count is the printed one (see :func:`check_pdf`). Skipped when the HTML book is the one the existing
    PDF was printed from. Raises :class:`PdfError`; the previous PDF stays.
    """
    stamp = pdf_path.with_name(pdf_path.name + ".source.sha256")
    source = _print_fingerprint(html_dir, meta)
    if pdf_path.exists() and stamp.exists() and stamp.read_text() == source:
        progress("  = PDF: the book did not change, not reprinted")
        return pdf_path
    printed = pdf_path.with_name(f".{pdf_path.stem}.pass1.pdf")
    final = pdf_path.with_name(f".{pdf_path.stem}.final.pdf")
    dom = None
    try:
        page = prepare_print_page(html_dir, meta["root"], meta["title"], meta["subtitle"], edition_line(),
                                  html_dir.parent / f".print-{html_dir.name}", browser_identity(chromium))
        dom = page.path.with_name(".print-dom.html") if page.to_draw else None
        progress(f"Printing the PDF with headless Chromium ({len(page.to_draw)} of {len(page.drawings)} charts "
                 "to draw) …")
        print_to_pdf(page.path, printed, chromium, step="printing the book", dom=dom)
        keep_drawings(page, dom)
        finish_pdf(printed, final, page.entries,
                   Metadata(meta["title"], meta.get("author", ""), meta["subtitle"], meta.get("keywords", []),
                            edition_date()))
        final.replace(pdf_path)
    finally:
        printed.unlink(missing_ok=True)
        final.unlink(missing_ok=True)
        if dom is not None:
            dom.unlink(missing_ok=True)
    stamp.write_text(source)
    return pdf_path


def _offer_pdf(html_dir: Path, pdf: Path) -> None:
    """Every HTML page links to _static/report.pdf (see book/_static/kztm.js); copied whole, then renamed."""
    if html_dir.exists() and pdf.exists():
        target = html_dir / "_static" / "report.pdf"
        target.parent.mkdir(exist_ok=True)
        partial = target.with_name(".report.pdf.partial")
        shutil.copy2(pdf, partial)
        partial.replace(target)


def execution_tasks(config: BuildConfig) -> list:
    """The book's chapters, then every scenario's, each with the folder it is executed into.

    A scenario's tasks carry its name: their failure skips the scenario, not the book.
    """
    tasks = [(chapter, CHAPTERS_DIR) for chapter in config.chapters.values()]
    for name in config.scenarios:
        tasks += [(chapter, scenario_chapters_dir(name), name) for chapter in config.scenario_chapters(name)]
    return tasks


def build(config: BuildConfig, jobs: int | None = None, force: bool = False, pdf: bool = True,
          progress=print) -> dict:
    """Build the whole book; return the timings of each step in seconds.

    A scenario that is broken (in ``chapters.yml`` or when executed) is left out with one warning
    line, and the "Scenarios compared" page says why; a failing chapter of the book stops the build.
    """
    timings = {}
    started = time.perf_counter()
    for reason in config.broken.values():
        progress(f"warning: {reason} The scenario is left out of this build.")
    execution = execute_tasks(execution_tasks(config), jobs=jobs, force=force, progress=progress)
    failed = {name: str(error) for name, error in execution.failed.items()}
    for name, reason in failed.items():
        progress(f"warning: scenario {name!r} failed and is left out of this build: {reason}")
    timings["execute"] = time.perf_counter() - started

    step = time.perf_counter()
    generate_pages(config, failed_scenarios={**config.broken, **failed})
    html = sphinx_build("html", progress=progress)
    if html.rebuilt or not HTML_DIR.exists():
        publish(html.output, HTML_DIR)
    _offer_pdf(HTML_DIR, PDF_PATH)  # the previous PDF, until the new one is printed
    timings["html"] = time.perf_counter() - step
    progress(f"HTML book: {HTML_DIR.relative_to(ROOT)}/index.html")

    if pdf:
        step = time.perf_counter()
        chromium = find_chromium()
        if chromium is None:
            progress(HOW_TO_GET_PDF)
        else:
            made = print_book(HTML_DIR, book_metadata(), PDF_PATH, chromium, progress)
            _offer_pdf(HTML_DIR, made)
            progress(f"PDF: {made.relative_to(ROOT)} ({made.stat().st_size / 1e6:.1f} MB)")
        timings["pdf"] = time.perf_counter() - step
    timings["total"] = time.perf_counter() - started
    return timings


def scenario_index(config: BuildConfig, name: str) -> str:
    """The first page of a scenario's book (MyST): what it is and its parameters, every value escaped."""
    scenario = config.scenario(name)
    rows = [[escape_myst(c.title), ", ".join(f"`{k}` = {escape_myst(v)}" for k, v in c.parameters.items())]
            for c in config.scenario_chapters(name)]
    return (f"# Scenario: {escape_myst(scenario.title)}\n\n{escape_myst(scenario.description)}\n\n"
            f"This book is the report's chapters executed with the parameters below (scenario `{name}`); "
            "the main book compares its key figures with the default run.\n\n"
            + markdown_table(["Chapter", "Parameters"], rows) + "\n\n```{tableofcontents}\n```\n")


def build_scenario(config: BuildConfig, name: str, jobs: int | None = None, force: bool = False,
                   pdf: bool = True, progress=print) -> Path:
    """Build one named scenario as a book of its own in ``_build/scenarios/<name>/`` (html/ and report.pdf).

    Raises :class:`ConfigError` for a broken scenario and :class:`ChapterError` when one of its chapters fails.
    """
    scenario = config.scenario(name)
    chapters = config.scenario_chapters(name)
    out = SCENARIOS_DIR / name
    src = out / "src"
    execute_chapters(chapters, src / "chapters", jobs=jobs, force=force, progress=progress)
    title = f"Astana–Ashgabat: scenario “{name}”"
    write_side_book(src, title, scenario_index(config, name),
                    [f"chapters/{c.name}" for c in chapters] + write_side_pages(src, chapters))
    static = src / "_static"
    html = publish(sphinx_build("html", source=src, staging=out / ".staging", static_dir=static,
                                progress=progress).output, out / "html")
    progress(f"Scenario HTML: {(html / 'index.html').relative_to(ROOT)}")
    if pdf:
        chromium = find_chromium()
        if chromium is None:
            progress(HOW_TO_GET_PDF)
        else:
            meta = {**book_metadata(), "title": title, "root": "index", "subtitle": scenario.description}
            made = print_book(html, meta, out / "report.pdf", chromium, progress)
            _offer_pdf(html, made)
            progress(f"Scenario PDF: {made.relative_to(ROOT)}")
    return out
