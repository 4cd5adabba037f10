"""Print the single-page HTML book to an A4 PDF with headless Chromium.

The single page gets a title page and a table of contents before it is printed; the
print rules (A4, page numbers, no code, no chart split across pages) are in
``book/_static/kztm.css``. Every pass is printed to a temporary name beside the PDF; the
final pass replaces the previous PDF only once pikepdf opens it without repair, finds no
syntax problem, and its page count is the one the contents were numbered for. Each print has
a time limit (``$KZTM_PDF_TIMEOUT`` seconds, default 180); a print that overruns it is killed
and the step is named in one sentence.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import json
import os
import re
import shutil
import signal
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


def print_timeout() -> float:
    """Seconds one Chromium print may take: ``$KZTM_PDF_TIMEOUT`` or 180."""
    try:
        return float(os.environ.get("KZTM_PDF_TIMEOUT", "180"))
    except ValueError:
        return 180.0


def print_to_pdf(page: Path, pdf_path: Path, chromium: str, budget_ms: int = 20000, step: str = "printing") -> int:
    """Print ``page`` to ``pdf_path`` with headless Chromium and return its page count.

    ``pdf_path`` is written only through a ``.partial`` file renamed once the PDF is accepted
    (see :func:`check_pdf`). Raises :class:`PdfError` naming ``step`` when Chromium overruns
    :func:`print_timeout` (it is killed with everything it started) or writes no acceptable PDF.
    """
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    partial = pdf_path.with_name(pdf_path.name + ".partial")
    partial.unlink(missing_ok=True)
    timeout = print_timeout()
    try:
        with tempfile.TemporaryDirectory(prefix="kztm-chromium-") as profile:
            cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                   "--disable-background-networking", "--disable-component-update", "--disable-sync",
                   f"--user-data-dir={profile}", "--run-all-compositor-stages-before-draw",
                   f"--virtual-time-budget={budget_ms}", "--no-pdf-header-footer",
                   f"--print-to-pdf={partial}", page.resolve().as_uri()]
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                    start_new_session=True)
            try:
                _out, stderr = proc.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                raise PdfError(f"Chromium did not finish {step} within {timeout:g} s and was stopped; "
                               "the previous PDF is unchanged.") from None
            finally:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(proc.pid, signal.SIGKILL)  # helpers Chromium left behind
                proc.wait()
        pages = check_pdf(partial, step, proc.returncode, stderr)
        partial.replace(pdf_path)
        return pages
    finally:
        partial.unlink(missing_ok=True)


def check_pdf(path: Path, step: str, returncode: int = 0, stderr: str = "") -> int:
    """The page count of ``path`` if pikepdf opens it without repair and finds no syntax problem.

    Raises :class:`PdfError` (one sentence naming ``step``) otherwise: a missing, empty,
    truncated or damaged file.
    """
    import pikepdf

    why, detail = "", ""
    if not path.exists() or path.stat().st_size == 0:
        why = "no file"
    else:
        try:
            with pikepdf.open(path, attempt_recovery=False) as pdf:
                problems = pdf.check_pdf_syntax()
                pages = len(pdf.pages)
            if problems:
                why, detail = "a damaged PDF", str(problems[0])
            elif pages == 0:
                why = "a PDF without pages"
        except pikepdf.PdfError as exc:
            why, detail = "a file that is not a whole PDF", str(exc).replace(str(path) + ": ", "")
    if why:
        said = " ".join((detail or stderr or "").split())[-300:]
        raise PdfError(f"Chromium wrote {why} while {step} (exit code {returncode}); the previous PDF is unchanged."
                       + (f" ({said})" if said else ""))
    return pages


def edition_date(package: Path | None = None) -> dt.date:
    """The edition's date: ``$SOURCE_DATE_EPOCH`` when set, else the data cut-off.

    The cut-off is the latest ``date_accessed`` (or ``date_published``) of any origin in the data
    package (``data/datapackage.json``): the day the newest data were taken, the same for every
    build from the same data. Raises :class:`PdfError` when neither is available.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    from ..paths import default_out_dir

    package = package or default_out_dir() / "datapackage.json"
    dates = []
    for resource in json.loads(package.read_text(encoding="utf-8")).get("resources", []):
        for origin in resource.get("origin", []):
            for key in ("date_accessed", "date_published"):
                value = str(origin.get(key) or "")
                if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                    dates.append(dt.date.fromisoformat(value))
                    break
    if not dates:
        raise PdfError(f"No origin in {package} has a date_accessed; set SOURCE_DATE_EPOCH to date the edition.")
    return max(dates)


def edition_line() -> str:
    """The edition line of the title page: the data cut-off date (see :func:`edition_date`)."""
    return f"Edition of {edition_date():%-d %B %Y} (data cut-off) · rebuilt from open data with make report"
