"""Print the HTML book to an A4 PDF that is a publication, with one headless Chromium pass.

The print page (``print.html``) is assembled from the HTML book's own pages in reading order: a
title page and a table of contents, then every page that belongs in print (the parameters
reference and the scenario comparison stay on the web). Web-only material is left out (notebook
and download links, data-table disclosures, the "Fields" dropdowns, paragraphs that give CLI
commands); every link to another page of the book becomes a link inside the document, or plain
text when its target is not printed (downloads, web-only pages); ids are prefixed per page so
that a section id repeated in every chapter ("sources") still names one place.

Chromium prints it once; pikepdf then reads where each contents entry landed (the named
destinations Chromium writes for in-page links), writes the page numbers into the contents,
adds bookmarks that mirror the contents, the document's metadata, and saves it losslessly with
object streams. Charts drawn in one print are kept (``drawings/`` beside the print page, see
:func:`keep_drawings`) and put ready-drawn into the next print page when nothing that draws them has
changed, so an edit to the prose prints without Vega. Every file is written beside the PDF under a
temporary name; the PDF is replaced only once pikepdf opens the result without repair, finds no syntax problem, and its
page count is the printed pass's, with every contents entry on one of its pages. Each print
has a time limit (``$KZTM_PDF_TIMEOUT`` seconds, default 180); a print that overruns it is
killed and the step is named in one sentence. The print rules (A4, page numbers, breaks) are
in ``book/_static/kztm.css``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import html
import json
import os
import posixpath
import re
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..paths import write_atomic

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
HOW_TO_GET_PDF = (
    "The PDF was skipped because no Chromium browser was found; install it with "
    "'sudo apt-get install chromium poppler-utils' (or set KZTM_CHROMIUM to a Chromium binary) "
    "and run 'make report' again."
)

#: Pages of the book that stay on the web (page paths in the HTML build, without ``.html``).
WEB_ONLY_PAGES = ("book/generated/parameters", "book/generated/scenarios")
#: What the print page leaves out (by class, tag and class, or id): the theme's frame and buttons, notebook
#: links and other web-only boxes, the "Fields" dropdowns of the data appendix, the charts' data-table
#: disclosures and download tools.
NOT_PRINTED_CLASSES = {"bd-header", "bd-sidebar-primary", "bd-sidebar-secondary", "bd-footer", "bd-footer-article",
                       "bd-header-article", "header-article", "prev-next-area", "prev-next-footer", "skip-link",
                       "search-button-field", "bd-search", "kztm-web-only", "kztm-chart-tools", "headerlink",
                       "cell_input", "toggle-details"}
NOT_PRINTED_TAGGED = {("details", "sd-dropdown"), ("details", "kztm-table"), ("button", "toggle-button")}
NOT_PRINTED_IDS = {"pst-back-to-top"}
NOT_PRINTED_TAGS = {"dialog"}
#: The one script the print page runs (it draws the charts; book/_static/kztm.js).
PRINT_SCRIPT = "kztm.js"
#: A code span that starts so is a command line for researchers: its paragraph is not printed.
COMMAND = re.compile(r"^\s*(python3? -m |make |\.venv/)")
#: Drawn charts kept between prints: ``<folder of print.html>/drawings/<key>.html`` (see :func:`keep_drawings`).
#: A drawing is the chart's element as lxml serialises it from Chromium's DOM: HTML, not standalone SVG (lxml writes
#: ``viewbox``, ``clippath``; the HTML parser gives SVG names their case back when the print page is read).
DRAWINGS = "drawings"
DRAWING_FILE = re.compile(r"^[0-9a-f]{64}\.html$")
#: What a chart's drawing is looked up by (an attribute on the chart) and what stands for a kept one while the page
#: is written.
DRAWING_KEY = "data-drawing"
KEPT = re.compile(r'<kztm-kept-drawing data-drawing="([0-9a-f]{64})"></kztm-kept-drawing>')
#: A4 page and the right margin of ``@page`` in kztm.css (points): the contents' page numbers end there.
PAGE_WIDTH_PT, RIGHT_MARGIN_PT = 595.28, 16 / 25.4 * 72


class PdfError(RuntimeError):
    """Chromium did not produce a PDF."""


def browser_identity(chromium: str) -> str:
    """What draws the charts besides the page: the browser's version (``chromium --version``; the command may be a
    launcher script) and the fonts installed (``fc-list``, which Chromium's text measurement depends on). An
    update of either draws the charts anew. A command that fails contributes its name only."""
    said = [chromium]
    for cmd in ([chromium, "--version"], ["fc-list", "--format", "%{file}|%{family}|%{style}\n"]):
        try:
            out = subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout
        except (OSError, subprocess.SubprocessError):
            out = ""
        said.append("\n".join(sorted(out.splitlines())))
    return hashlib.sha256("\0".join(said).encode()).hexdigest()


def find_chromium() -> str | None:
    explicit = os.environ.get("KZTM_CHROMIUM")
    if explicit:
        return explicit if Path(explicit).exists() else None
    for name in CHROMIUM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


# --- the print page ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PrintPage:
    path: Path  # print.html
    entries: list[tuple[str, str, str]]  # (level "chapter" | "section", anchor id, title), in reading order
    drawings: tuple[str, ...] = ()  # the key of every chart on the page, in reading order
    to_draw: tuple[str, ...] = ()  # the keys of the charts Chromium must draw (no kept drawing)


def _read_html(path: Path):
    """A page of the HTML book as an lxml tree (its ``<html>`` element); libxml2's parser, as Beautiful Soup's
    ``lxml`` builder uses, about twenty times faster than building a soup of the same page."""
    import lxml.html

    return lxml.html.document_fromstring(path.read_bytes(), parser=lxml.html.HTMLParser(encoding="utf-8"))


def _classes(element) -> list[str]:
    return (element.get("class") or "").split()


def _with_class(root, name: str, tag: str = "*") -> list:
    """The elements under (and including) ``root`` whose class list holds ``name``."""
    return root.xpath(f"descendant-or-self::{tag}[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]")


def _article(document):
    """The part of a page that is the book's text: the theme's article, else ``<main>``, else ``<body>``."""
    found = _with_class(document, "bd-article", "article") or document.xpath("//main") or [document.body]
    return found[0]


def _inside(element, root) -> bool:
    return any(ancestor is root for ancestor in element.iterancestors())


def book_pages(html_dir: Path, root: str) -> list[str]:
    """The printed pages of the HTML book in reading order: the root page, then the navigation's order.

    ``root`` is the root document (``book/summary/index``); returns page paths without ``.html``,
    without :data:`WEB_ONLY_PAGES`. Raises :class:`PdfError` when the root page is missing.
    """
    root_file = html_dir / f"{root}.html"
    if not root_file.exists():
        raise PdfError(f"The HTML book has no root page {root_file}; build the HTML book first.")
    pages = [root]
    for nav in _with_class(_read_html(root_file), "bd-docs-nav", "nav"):
        for link in nav.iter("a"):
            if not link.get("href") or not {"reference", "internal"} <= set(_classes(link)):
                continue
            name = posixpath.normpath(posixpath.join(posixpath.dirname(root), urlsplit(link.get("href")).path))
            name = name.removesuffix(".html")
            if name not in pages and (html_dir / f"{name}.html").exists():
                pages.append(name)
    return [page for page in pages if page not in WEB_ONLY_PAGES]


def _key(page: str) -> str:
    """The id prefix of a page in the print page (``book/chapters/trade`` → ``trade``)."""
    return re.sub(r"[^a-z0-9]+", "-", page.lower().removesuffix("/index").rsplit("/", 1)[-1]).strip("-") or "page"


def _title(section) -> str:
    heading = next(iter(section.xpath("(.//h1|.//h2|.//h3)[1]")), None)
    return " ".join(" ".join(heading.itertext()).split()) if heading is not None else ""


def _not_printed(element) -> bool:
    classes = _classes(element)
    return (element.tag in NOT_PRINTED_TAGS or element.get("id") in NOT_PRINTED_IDS
            or any(c in NOT_PRINTED_CLASSES or (element.tag, c) in NOT_PRINTED_TAGGED for c in classes))


def _drop_web_only(article) -> None:
    for element in [e for e in article.iterdescendants() if isinstance(e.tag, str) and _not_printed(e)]:
        if _inside(element, article):
            element.drop_tree()
    # Paragraphs that offer files (downloads, notebooks) or give a command line are for the web only.
    offers = _with_class(article, "download", "a") + [code for code in article.iter("code")
                                                      if COMMAND.match(code.text_content())]
    for element in offers:
        block = next((a for a in element.iterancestors() if a.tag in ("p", "li")), None)
        if block is not None and _inside(block, article):
            block.drop_tree()
    # A section left with nothing but its heading goes too.
    for section in reversed(list(article.iter("section"))):
        if not _inside(section, article):
            continue
        if not ((section.text or "").strip()
                or any(isinstance(child.tag, str) and child.tag not in ("h1", "h2", "h3", "h4", "span")
                       or (child.tail or "").strip() for child in section)):
            section.drop_tree()


def _rebase(url: str, page_dir: str, out_dir: Path, html_dir: Path) -> str:
    """A relative address of a page in ``page_dir`` (inside ``html_dir``) as seen from ``out_dir``."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("#", "/")) or not parts.path:
        return url
    target = html_dir / posixpath.normpath(posixpath.join(page_dir, unquote(parts.path)))
    new = os.path.relpath(target, out_dir).replace(os.sep, "/")
    return new + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")


def prepare_print_page(html_dir: Path, root: str, title: str, subtitle: str, edition: str,
                       out_dir: Path, drawn_by: str = "") -> PrintPage:
    """Write ``out_dir/print.html``: title page + contents + every printed page of the HTML book in ``html_dir``.

    The root page's head and frame carry the styles and scripts (addresses rebased to ``out_dir``;
    every script but :data:`PRINT_SCRIPT` dropped). Charts with a kept drawing come drawn
    (:func:`keep_drawings`) when drawn by the same browser (``drawn_by``: see :func:`browser_identity`). Returns
    the page, its contents entries (chapters: every page's title; sections:
    the thematic chapters' sections) and its charts' keys. Raises :class:`PdfError` without a root page.
    """
    import lxml.html

    html_dir, out_dir = Path(html_dir).resolve(), Path(out_dir).resolve()
    pages = book_pages(html_dir, root)
    document = _read_html(html_dir / f"{root}.html")
    # Only the book's own script runs in print (it draws the charts): the theme's scripts, and any
    # from the network, would only slow the print down.
    for script in list(document.iter("script")):
        if not (script.get("src") or "").split("?")[0].endswith(PRINT_SCRIPT):
            script.drop_tree()
    for link in list(document.iter("link")):
        if "preload" in (link.get("rel") or "").split():
            link.drop_tree()
    for tag in document.iter("link", "script", "img", "source"):
        for attr in ("href", "src"):
            if tag.get(attr):
                tag.set(attr, _rebase(tag.get(attr), posixpath.dirname(root), out_dir, html_dir))
    document.set("data-content_root", os.path.relpath(html_dir, out_dir).replace(os.sep, "/") + "/")
    article = _article(document)
    for child in list(article):
        article.remove(child)
    article.text = None
    _drop_web_only(document.body)

    keys = {page: _key(page) for page in pages}
    if len(set(keys.values())) < len(keys):  # two pages with the same last name: use the whole path
        keys = {page: re.sub(r"[^a-z0-9]+", "-", page.lower()).strip("-") for page in pages}
    entries, documents = [], []
    for page in pages:
        body = _article(_read_html(html_dir / f"{page}.html"))
        _drop_web_only(body)
        key = keys[page]
        for tag in body.iterdescendants():
            if isinstance(tag.tag, str) and tag.get("id"):
                tag.set("id", f"{key}--{tag.get('id')}")
        for tag in body.iterdescendants("img", "source", "script"):
            if tag.get("src"):
                tag.set("src", _rebase(tag.get("src"), posixpath.dirname(page), out_dir, html_dir))
        wrapper = lxml.html.Element("div", {"class": "kztm-print-doc", "id": key, "data-page": page})
        wrapper.text = body.text
        for child in list(body):
            wrapper.append(child)
        documents.append((page, wrapper))
        top = wrapper.find(".//section")
        if top is None or not top.get("id"):
            continue
        entries.append(("chapter", top.get("id"), _title(top)))
        if "/chapters/" in f"/{page}":  # sections only for the thematic chapters; appendices would fill pages
            entries += [("section", sub.get("id"), _title(sub)) for sub in top.findall("section") if sub.get("id")]

    ids = {tag.get("id") for _page, wrapper in documents for tag in wrapper.iter() if isinstance(tag.tag, str)
           and tag.get("id")}
    for page, wrapper in documents:
        _rewrite_links(wrapper, page, keys, ids)

    toc_items = "\n".join(
        f'<li class="toc-{level}"><a href="#{html.escape(anchor)}">{html.escape(text)}</a>'
        f'<span class="toc-page"></span></li>'
        for level, anchor, text in entries
    )
    article.append(lxml.html.fragment_fromstring(
        f'<div class="kztm-print-front">'
        f'<section class="kztm-title-page"><div class="kztm-kicker">Research report</div>'
        f'<div class="kztm-title">{html.escape(title)}</div>'
        f'<div class="kztm-subtitle">{html.escape(subtitle)}</div>'
        f'<div class="kztm-edition">{html.escape(edition)}</div></section>'
        f'<nav class="kztm-print-toc" aria-label="Contents"><div class="kztm-toc-title">Contents</div>'
        f"<ol>{toc_items}</ol></nav></div>"
    ))
    for _page, wrapper in documents:
        article.append(wrapper)
    document.body.set("class", " ".join(_classes(document.body) + ["kztm-printing"]))
    out_dir.mkdir(parents=True, exist_ok=True)
    drawing_keys, to_draw = _use_kept_drawings(document, html_dir, out_dir, drawn_by)
    kept_dir = out_dir / DRAWINGS
    text = lxml.html.tostring(document, encoding="unicode", doctype="<!DOCTYPE html>")
    text = KEPT.sub(lambda m: (kept_dir / f"{m.group(1)}.html").read_text(encoding="utf-8"), text)
    out = out_dir / "print.html"
    write_atomic(out, text)
    return PrintPage(out, entries, tuple(drawing_keys), tuple(to_draw))


def _drawing_context(document, html_dir: Path, out_dir: Path) -> bytes:
    """The bytes that draw every chart alike: the print page's head (its inline styles too), the stylesheets and
    scripts it loads, and the Vega bundle (a digest)."""
    import lxml.html

    head = document.head
    digest = hashlib.sha256(lxml.html.tostring(head, encoding="utf-8") + b"\0")
    files = [link.get("href") for link in head.iter("link") if "stylesheet" in (link.get("rel") or "").split()]
    files += [script.get("src") for script in head.iter("script")]
    paths = [out_dir / unquote(urlsplit(f).path) for f in files if f and not urlsplit(f).scheme]
    for path in paths + [html_dir / "_static" / "vega-bundle.js"]:
        digest.update(str(path.name).encode() + b"\0" + (path.read_bytes() if path.is_file() else b"-"))
    return digest.digest()


def _use_kept_drawings(document, html_dir: Path, out_dir: Path, drawn_by: str) -> tuple[list[str], list[str]]:
    """Give each chart of the print page its key and stand a marker for it where a drawing is kept.

    A chart's key is a SHA-256 of what its drawing depends on: its figure as the print page has it (spec,
    caption, number, source line; ids prefixed, web-only parts left out), the classes of the blocks around it
    (its width), :func:`_drawing_context` and the browser that draws it (:func:`browser_identity`). Returns
    (every key in reading order, the keys with no kept drawing).
    """
    import lxml.html

    context = _drawing_context(document, html_dir, out_dir) + b"\0" + drawn_by.encode() + b"\0"
    kept_dir = out_dir / DRAWINGS
    keys, to_draw = [], []
    for chart in _with_class(document, "kztm-chart"):
        figure = next((a for a in chart.iterancestors() if "kztm-figure" in _classes(a)), chart.getparent())
        around = "/".join(f"{a.tag}.{'.'.join(_classes(a))}" for a in chart.iterancestors())
        key = hashlib.sha256(context + around.encode() + b"\0"
                             + lxml.html.tostring(figure, encoding="utf-8", with_tail=False)).hexdigest()
        chart.set(DRAWING_KEY, key)
        keys.append(key)
        if (kept_dir / f"{key}.html").is_file():
            marker = lxml.html.Element("kztm-kept-drawing", {DRAWING_KEY: key})
            marker.tail = chart.tail
            chart.getparent().replace(chart, marker)
        else:
            to_draw.append(key)
    return keys, to_draw


def keep_drawings(page: PrintPage, dom: Path | None) -> int:
    """Keep the charts Chromium drew for ``page`` (``dom``: the page as Chromium left it, ``--dump-dom``; None when
    it drew none), and remove the drawings no chart of ``page`` uses any more.

    Each chart that ``page.to_draw`` names and that is drawn (``data-state="drawn"``) is written to
    ``drawings/<key>.html`` beside the print page (through a temporary file), its SVG ids made its own
    (:func:`_own_ids`): Vega numbers clip paths and gradients from 1 on every page load, so a chart drawn in one
    print and one drawn in the next would share ``clip1``. Only files named like a key are removed: nothing else
    in the folder is touched. A dump that cannot be read, or that Chromium cut short (no ``</html>``), keeps
    nothing; a drawing that cannot be written is not kept (the print stands). Returns how many were written.
    """
    import lxml.etree
    import lxml.html

    kept_dir = page.path.parent / DRAWINGS
    kept_dir.mkdir(exist_ok=True)
    wanted, written, document = set(page.to_draw), 0, None
    try:
        raw = dom.read_bytes() if dom is not None else b""
        if raw.rstrip().endswith(b"</html>"):
            document = lxml.html.document_fromstring(raw, parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (OSError, lxml.etree.ParserError, ValueError):
        document = None
    for chart in [] if document is None else document.xpath(f"//*[@{DRAWING_KEY}][@data-state='drawn']"):
        key = chart.get(DRAWING_KEY)
        if key in wanted and chart.xpath(".//svg"):
            _own_ids(chart, f"k{key[:16]}-")
            try:
                write_atomic(kept_dir / f"{key}.html", lxml.html.tostring(chart, encoding="unicode", with_tail=False))
            except OSError:
                continue
            wanted.discard(key)
            written += 1
    used = set(page.drawings)
    for path in kept_dir.iterdir():
        if DRAWING_FILE.match(path.name) and path.name[:-5] not in used:
            path.unlink(missing_ok=True)
    return written


def _own_ids(element, prefix: str) -> None:
    """Prefix every id defined inside ``element``, and every reference to one (``url(#id)``, ``#id``, id lists of
    ``aria-*`` attributes); references to ids outside it (the caption a chart is described by) stay.

    Vega writes a gradient's reference with the page's own address (``url(file:///…/print.html#gradient_0)``):
    it becomes a reference within the document, which holds wherever the print page is."""
    ids = {e.get("id") for e in element.iter() if isinstance(e.tag, str) and e.get("id")}
    if not ids:
        return
    names = "|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True))
    pattern = re.compile(r"url\(\s*(['\"]?)(?:file:[^)#'\"]*)?#(" + names + r")\1\s*\)")
    local = re.compile(r"^(?:file:[^#]*)?#(" + names + r")$")
    for e in element.iter():
        if not isinstance(e.tag, str):
            continue
        for name, value in e.attrib.items():
            if name == "id" and value in ids:
                new = prefix + value
            elif local.match(value):
                new = "#" + prefix + local.match(value).group(1)
            elif name.startswith("aria-") and name.endswith(("by", "controls", "owns")):
                new = " ".join(prefix + v if v in ids else v for v in value.split())
            else:
                new = pattern.sub(lambda m: f"url(#{prefix}{m.group(2)})", value)
            if new != value:
                e.set(name, new)


def _rewrite_links(wrapper, page: str, keys: dict[str, str], ids: set[str]) -> None:
    """Every link of ``page`` to the book: an in-document anchor when its target is printed, else plain text.

    Web addresses (http, https, mailto) stay links; addresses of files (downloads, notebooks, pages
    that are not printed) become their text, so no link of the PDF points to a local file.
    """
    for link in list(wrapper.iter("a")):
        href = link.get("href")
        if href is None:
            continue
        parts = urlsplit(href)
        if parts.scheme in ("http", "https", "mailto"):
            continue
        target = None
        if not parts.scheme and not parts.netloc:
            if not parts.path:  # an anchor on the same page
                target = f"{keys[page]}--{parts.fragment}" if parts.fragment else keys[page]
            else:
                name = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
                name = name.removesuffix(".html")
                if name.endswith("/index") and name not in keys and name[:-6] in keys:
                    name = name[:-6]
                if name in keys:
                    target = f"{keys[name]}--{parts.fragment}" if parts.fragment else keys[name]
        if target is not None and (target in ids or target in keys.values()):
            link.set("href", f"#{target}")
        else:
            link.drop_tag()


# --- after the print: contents' page numbers, bookmarks, metadata, lossless compression ---------------------

@dataclass(frozen=True)
class Metadata:
    title: str
    author: str
    subject: str
    keywords: list[str]
    edition: dt.date
    language: str = "en"


def _destinations(pdf) -> dict[str, tuple[int, object]]:
    """Named destination → (page number from 1, its destination array), from Chromium's ``/Dests``."""
    import pikepdf

    numbers = {page.objgen: number for number, page in enumerate(pdf.pages, start=1)}
    found = {}
    if "/Dests" in pdf.Root:
        items = pdf.Root.Dests.items()
    elif "/Names" in pdf.Root and "/Dests" in pdf.Root.Names:
        items = pikepdf.NameTree(pdf.Root.Names.Dests).items()
    else:
        items = []
    for name, dest in items:
        array = dest.D if isinstance(dest, pikepdf.Dictionary) else dest
        page = numbers.get(array[0].objgen) if len(array) else None
        if page:
            found[str(name).lstrip("/")] = (page, array)
    return found


def _link_destination(annot) -> str | None:
    if annot.get("/Subtype") != "/Link":
        return None
    dest = annot.get("/Dest")
    if dest is None and annot.get("/A") is not None and annot.A.get("/S") == "/GoTo":
        dest = annot.A.get("/D")
    return None if dest is None else str(dest).lstrip("/")


def _number_contents(pdf, entries, pages_of: dict[str, int]) -> None:
    """Write each contents entry's page number at the right margin of its line (Helvetica, a PDF base font).

    The line is found by the contents' own link to the entry: its rectangle gives the line's height. Only the
    pages before the first entry (the title page and the contents) are numbered: a link in the text to a
    chapter or to the claims audit is not a contents line.
    """
    import pikepdf

    levels = {anchor: level for level, anchor, _text in entries}
    fonts = {"chapter": ("/KztmHelvB", "Helvetica-Bold"), "section": ("/KztmHelv", "Helvetica")}
    right = PAGE_WIDTH_PT - RIGHT_MARGIN_PT
    first_entry = min((pages_of[anchor] for anchor in levels if anchor in pages_of), default=1)
    for page in pdf.pages[:first_entry - 1]:
        lines = {}  # anchor → (bottom, height) of the lowest line of its link (a long title wraps)
        for annot in page.get("/Annots", []):
            anchor = _link_destination(annot)
            if anchor in levels and anchor in pages_of:
                x1, y1, x2, y2 = (float(v) for v in annot.Rect)
                bottom, height = min(y1, y2), abs(y2 - y1)
                if anchor not in lines or bottom < lines[anchor][0]:
                    lines[anchor] = (bottom, height)
        if not lines:
            continue
        ops = ["/Artifact BMC", "BT"]
        for anchor, (bottom, height) in lines.items():
            name, _base = fonts[levels[anchor]]
            size = 10.0 if levels[anchor] == "chapter" else 9.5
            height = min(height, 1.6 * size)  # one line of a link that may cover two
            text = str(pages_of[anchor])
            width = 0.556 * size * len(text)  # every digit of Helvetica is 556/1000 em wide
            baseline = bottom + (height - size) / 2 + 0.22 * size
            ops.append(f"{name} {size:g} Tf 1 0 0 1 {right - width:.2f} {baseline:.2f} Tm ({text}) Tj")
        ops += ["ET", "EMC"]
        if "/Resources" not in page.obj:
            page.obj.Resources = pikepdf.Dictionary()
        if "/Font" not in page.obj.Resources:
            page.obj.Resources.Font = pikepdf.Dictionary()
        font_dict = page.obj.Resources.Font
        for name, base in fonts.values():
            font_dict[name] = pdf.make_indirect(pikepdf.Dictionary(
                Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name("/" + base),
                Encoding=pikepdf.Name.WinAnsiEncoding))
        page.contents_add(pikepdf.Stream(pdf, b"q\n"), prepend=True)
        page.contents_add(pikepdf.Stream(pdf, ("\nQ\n" + "\n".join(ops) + "\n").encode("ascii")))


def _bookmarks(pdf, entries, destinations) -> int:
    """Bookmarks that mirror the contents: each chapter, with its sections nested under it."""
    import pikepdf

    count = 0
    with pdf.open_outline() as outline:
        outline.root.clear()
        chapter = None
        for level, anchor, text in entries:
            if anchor not in destinations:
                continue
            item = pikepdf.OutlineItem(text, destinations[anchor][1])
            if level == "section" and chapter is not None:
                chapter.children.append(item)
            else:
                chapter = item
                outline.root.append(item)
            count += 1
    pdf.Root.PageMode = pikepdf.Name.UseOutlines
    return count


def _describe(pdf, meta: Metadata) -> None:
    """Title, author, subject, keywords and the edition (dated by the data cut-off) in docinfo and XMP."""
    import pikepdf

    stamp = f"D:{meta.edition:%Y%m%d}000000Z"
    edition = f"Edition of {meta.edition:%-d %B %Y} (data cut-off)"
    with pdf.open_metadata(set_pikepdf_as_editor=False) as xmp:
        xmp["dc:title"] = meta.title
        xmp["dc:creator"] = [meta.author]
        xmp["dc:description"] = f"{meta.subject.rstrip('.')}. {edition}."
        xmp["dc:subject"] = meta.keywords
        xmp["dc:language"] = [meta.language]
        xmp["pdf:Keywords"] = "; ".join(meta.keywords)
        xmp["xmp:CreateDate"] = meta.edition.isoformat()
        xmp["xmp:ModifyDate"] = meta.edition.isoformat()
        xmp["xmp:MetadataDate"] = meta.edition.isoformat()
    pdf.docinfo["/Title"] = meta.title
    pdf.docinfo["/Author"] = meta.author
    pdf.docinfo["/Subject"] = f"{meta.subject.rstrip('.')}. {edition}."
    pdf.docinfo["/Keywords"] = "; ".join(meta.keywords)
    pdf.docinfo["/CreationDate"] = stamp
    pdf.docinfo["/ModDate"] = stamp
    pdf.Root.Lang = pikepdf.String(meta.language)
    if "/ViewerPreferences" not in pdf.Root:
        pdf.Root.ViewerPreferences = pikepdf.Dictionary()
    pdf.Root.ViewerPreferences.DisplayDocTitle = True


def finish_pdf(printed: Path, final: Path, entries, meta: Metadata, step: str = "finishing the PDF") -> int:
    """``printed`` → ``final``: page numbers in the contents, bookmarks, metadata, object streams.

    Returns the page count. Raises :class:`PdfError` when a contents entry is on no page of the PDF,
    or when the saved file is not accepted by :func:`check_pdf` or has another page count.
    """
    import pikepdf

    with pikepdf.open(printed) as pdf:
        pages = len(pdf.pages)
        destinations = _destinations(pdf)
        missing = [text for _level, anchor, text in entries if anchor not in destinations]
        if missing:
            raise PdfError(f"The printed book has no page for the contents entry {missing[0]!r}; "
                           "the previous PDF is unchanged.")
        pages_of = {anchor: page for anchor, (page, _array) in destinations.items()}
        _number_contents(pdf, entries, pages_of)
        _bookmarks(pdf, entries, destinations)
        _describe(pdf, meta)
        partial = final.with_name(final.name + ".partial")
        save_checked(pdf, partial, step)
    try:
        saved = check_pdf(partial, step)  # written by pikepdf from an accepted print
        if saved != pages:
            raise PdfError(f"The finished PDF has {saved} pages but {pages} were printed; "
                           "the previous PDF is unchanged.")
        partial.replace(final)
    finally:
        partial.unlink(missing_ok=True)
    return pages

def save_checked(pdf, path: Path, step: str) -> None:
    """Save ``pdf`` (an open :class:`pikepdf.Pdf`) to ``path`` with object streams, refusing a damaged source.

    Saving reads every object of the printed file, and qpdf reports each one it could only read by guessing
    (a damaged dictionary, a bad offset) as a warning: any warning raises :class:`PdfError` naming ``step`` and
    removes ``path``. This replaces a full syntax check of Chromium's output (about 1.4 s for this book),
    which would read the same objects once more.
    """
    import pikepdf

    try:
        pdf.save(path, object_stream_mode=pikepdf.ObjectStreamMode.generate, compress_streams=True,
                 deterministic_id=True)
        warnings = pdf.get_warnings()
    except pikepdf.PdfError as exc:
        path.unlink(missing_ok=True)
        raise PdfError(f"Chromium wrote a damaged PDF ({exc}) found while {step}; the previous PDF is unchanged.") \
            from None
    if warnings:
        path.unlink(missing_ok=True)
        said = " ".join(str(warnings[0]).split())[-300:]
        raise PdfError(f"Chromium wrote a damaged PDF, found while {step} ({said}); the previous PDF is unchanged.")


def print_timeout() -> float:
    """Seconds one Chromium print may take: ``$KZTM_PDF_TIMEOUT`` or 180."""
    try:
        return float(os.environ.get("KZTM_PDF_TIMEOUT", "180"))
    except ValueError:
        return 180.0


def print_to_pdf(page: Path, pdf_path: Path, chromium: str, budget_ms: int = 5000, step: str = "printing",
                 dom: Path | None = None) -> int:
    """Print ``page`` to ``pdf_path`` with headless Chromium and return its page count.

    ``pdf_path`` is written only through a ``.partial`` file renamed once the PDF is accepted
    (see :func:`check_pdf`). With ``dom``, the same run also writes the page as it was printed (charts
    drawn) to that file (``--dump-dom``). Raises :class:`PdfError` naming ``step`` when Chromium overruns
    :func:`print_timeout` (it is killed with everything it started) or writes no acceptable PDF.
    """
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    partial = pdf_path.with_name(pdf_path.name + ".partial")
    partial.unlink(missing_ok=True)
    timeout = print_timeout()
    try:
        with contextlib.ExitStack() as stack:
            profile = stack.enter_context(tempfile.TemporaryDirectory(prefix="kztm-chromium-"))
            cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                   "--disable-background-networking", "--disable-component-update", "--disable-sync",
                   f"--user-data-dir={profile}", "--run-all-compositor-stages-before-draw",
                   f"--virtual-time-budget={budget_ms}", "--no-pdf-header-footer",
                   f"--print-to-pdf={partial}"] + (["--dump-dom"] if dom else []) + [page.resolve().as_uri()]
            stdout = stack.enter_context(open(dom, "wb")) if dom else subprocess.DEVNULL
            proc = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE, text=True,
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
        # Opened without repair here; every object is read again when the PDF is finished (save_checked).
        pages = check_pdf(partial, step, proc.returncode, stderr)
        partial.replace(pdf_path)
        return pages
    finally:
        partial.unlink(missing_ok=True)


def check_pdf(path: Path, step: str, returncode: int = 0, stderr: str = "") -> int:
    """The page count of ``path`` if pikepdf opens it without repair (a damaged object inside is found when the
    finished PDF is saved: :func:`save_checked`).

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
                pages = len(pdf.pages)
            if pages == 0:
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
    return f"Edition of {edition_date():%-d %B %Y} (data cut-off) · rebuilt from open data"
