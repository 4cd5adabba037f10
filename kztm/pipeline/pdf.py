"""Print the single-page HTML book to an A4 PDF with headless Chromium.

The single page gets a title page and a table of contents before it is printed; the
print rules (A4, page numbers, no code, no chart split across pages) are in
``book/_static/kztm.css``. The PDF is written to a temporary name and renamed only
once it is a real PDF, so a failed print keeps the previous one.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from bs4 import BeautifulSoup

MARKER_PREFIX, MARKER_SUFFIX = "[[kztm-page:", "]]"
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
HOW_TO_GET_PDF = (
    "The PDF was skipped because no Chromium browser was found; install it with "
    "'sudo apt-get install chromium poppler-utils' (or set KZTM_CHROMIUM to a Chromium binary) "
    "and run 'make report' again."
)


class PdfError(RuntimeError):
    """Chromium did not produce a PDF."""


def find_chromium() -> str | None:
    explicit = os.environ.get("KZTM_CHROMIUM")
    if explicit:
        return explicit if Path(explicit).exists() else None
    for name in CHROMIUM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _outline(article) -> list[tuple[str, str, str]]:
    """(level, anchor, text) for the root page and each chapter, with the chapters' sections.

    In Sphinx's single page every chapter is a ``section`` right after a ``span#document-…``
    inside the root page's toctree wrapper; its title is demoted one level (h2, sections h3).
    """
    def title_of(section):
        heading = section.find(["h1", "h2", "h3"])
        return heading.get_text(" ", strip=True).rstrip("#¶ ").strip() if heading else ""

    entries = []
    root = article.find("section", recursive=False)
    if root is None:
        return entries
    entries.append(("chapter", root["id"], title_of(root)))
    for marker in article.select('span[id^="document-"]'):
        chapter = marker.find_next_sibling("section")
        if chapter is None or not chapter.get("id"):
            continue
        entries.append(("chapter", chapter["id"], title_of(chapter)))
        if "/chapters/" not in marker["id"]:
            continue  # sections only for the thematic chapters; appendices would fill pages
        for sub in chapter.find_all("section", recursive=False):
            if sub.get("id"):
                entries.append(("section", sub["id"], title_of(sub)))
    return entries


def prepare_print_page(single_page: Path, title: str, subtitle: str, edition: str,
                       page_numbers: dict[str, int] | None = None) -> Path:
    """Write ``print.html`` at the root of the single-page build: title page + contents + the book.

    It goes at the root because the single page's links to ``_static/`` are relative to it.
    Scripts that would load from the network (the theme's MathJax) are dropped.
    ``page_numbers`` (anchor → page), when known from a first printing, go into the contents.
    """
    soup = BeautifulSoup(single_page.read_text(encoding="utf-8"), "html.parser")
    for script in soup.find_all("script", src=True):
        if script["src"].startswith(("http://", "https://", "//")):
            script.decompose()
    main = soup.find("main") or soup.find(id="main-content") or soup.body
    article = main.find("article") or main
    entries = _outline(article)
    page_numbers = page_numbers or {}
    toc_items = "\n".join(
        f'<li class="toc-{level}"><a href="#{html.escape(anchor)}">{html.escape(text)}</a>'
        f'<span class="toc-page">{page_numbers.get(anchor, "")}</span></li>'
        for level, anchor, text in entries
    )
    front = BeautifulSoup(
        f'<div class="kztm-print-front">'
        f'<section class="kztm-title-page"><div class="kztm-kicker">Research report</div>'
        f'<div class="kztm-title">{html.escape(title)}</div>'
        f'<div class="kztm-subtitle">{html.escape(subtitle)}</div>'
        f'<div class="kztm-edition">{html.escape(edition)}</div></section>'
        f'<nav class="kztm-print-toc"><div class="kztm-toc-title">Contents</div><ol>{toc_items}</ol></nav>'
        f"</div>",
        "html.parser",
    )
    article.insert(0, front)
    # First printing: invisible markers tell find_pages where each chapter starts. The second
    # printing (with the page numbers) has the same layout and needs no markers.
    for level, anchor, _text in (entries if not page_numbers else []):
        if level == "chapter":
            section = article.find(id=anchor)
            marker = soup.new_tag("span", attrs={"class": "kztm-page-marker"})
            marker.string = f"{MARKER_PREFIX}{anchor}{MARKER_SUFFIX}"
            section.insert(0, marker)
    soup.body["class"] = soup.body.get("class", []) + ["kztm-printing"]
    out = single_page.parent
    while not (out / "_static").is_dir() and out != out.parent:
        out = out.parent
    out = out / "print.html"
    out.write_text(str(soup), encoding="utf-8")
    return out


def find_pages(pdf: Path) -> dict[str, int]:
    """anchor → the page on which that chapter starts, from the invisible markers in the text.

    Uses poppler's ``pdftotext``; returns {} when it is not installed.
    """
    if shutil.which("pdftotext") is None:
        return {}
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    found = {}
    for number, content in enumerate(text.split("\f"), start=1):
        pattern = re.escape(MARKER_PREFIX) + r"(.+?)" + re.escape(MARKER_SUFFIX)
        for match in re.finditer(pattern, content.replace("\n", "")):
            found.setdefault(match.group(1), number)
    return found


def print_to_pdf(page: Path, pdf_path: Path, chromium: str, budget_ms: int = 20000) -> Path:
    """Print ``page`` to ``pdf_path`` with headless Chromium; raise :class:`PdfError` if no PDF results."""
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    partial = pdf_path.with_name(pdf_path.name + ".partial")
    partial.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               f"--user-data-dir={profile}", "--run-all-compositor-stages-before-draw",
               f"--virtual-time-budget={budget_ms}", "--no-pdf-header-footer",
               f"--print-to-pdf={partial}", page.resolve().as_uri()]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    # Chromium can exit 0 without writing anything: check the file itself.
    if not partial.exists() or partial.stat().st_size < 1000 or partial.read_bytes()[:5] != b"%PDF-":
        tail = (proc.stderr or "")[-800:]
        raise PdfError(f"Chromium wrote no usable PDF for {page.name} (exit code {proc.returncode}). {tail}")
    partial.replace(pdf_path)
    return pdf_path


def edition_line() -> str:
    return f"Edition of {dt.date.today():%d %B %Y} · rebuilt from open data with `make report`"
