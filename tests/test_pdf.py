"""The PDF as a publication: A4, title page and numbered contents, every chapter, charts as vectors, links
that stay inside the document, bookmarks like the contents, metadata, no blank or stranded pages, nothing
that belongs to the web only, and a compressed file."""

import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from bs4 import BeautifulSoup

from kztm.pipeline.build import book_metadata
from kztm.pipeline.pdf import WEB_ONLY_PAGES, edition_date
from tests.test_book import html_pages, toc_pages


def _text(pdf, first=None, last=None, layout=True):
    cmd = ["pdftotext"] + (["-layout"] if layout else [])
    if first:
        cmd += ["-f", str(first), "-l", str(last or first)]
    return subprocess.run(cmd + [str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _flat(text):
    return " ".join(text.split())


@pytest.fixture(scope="module")
def pdf(built_book, chromium_path, poppler):
    path = built_book["pdf"]
    assert path.exists() and path.stat().st_size > 10_000
    return path


@pytest.fixture(scope="module")
def doc(pdf):
    with pikepdf.open(pdf) as opened:
        yield opened


def _page_numbers(doc):
    return {page.objgen: number for number, page in enumerate(doc.pages, start=1)}


def _links(doc):
    """(page number, kind, target) of every link annotation: kind "uri" (target: the address) or "dest"."""
    found = []
    for number, page in enumerate(doc.pages, start=1):
        for annot in page.get("/Annots", []):
            if annot.get("/Subtype") != "/Link":
                continue
            action = annot.get("/A")
            if action is not None and action.get("/S") == "/URI":
                found.append((number, "uri", str(action.URI)))
            else:
                dest = annot.get("/Dest") if action is None else action.get("/D")
                found.append((number, "dest", dest))
    return found


def _outline(doc):
    """[(title, page, [(section title, page), …]), …] from the bookmarks."""
    numbers = _page_numbers(doc)
    dests = doc.Root.get("/Dests", {})

    def page_of(item):
        dest = item.destination
        if isinstance(dest, (pikepdf.Name, pikepdf.String)):
            dest = dests[str(dest) if str(dest).startswith("/") else "/" + str(dest)]
        return numbers[dest[0].objgen]

    with doc.open_outline() as outline:
        return [(item.title, page_of(item), [(child.title, page_of(child)) for child in item.children])
                for item in outline.root]


def test_a4_pages_with_numbers(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages >= 5
    assert "(A4)" in info
    assert re.search(rf"\b3\s*/\s*{pages}\b", _text(pdf, 3))


def test_title_page_and_contents(pdf, built_book):
    title_page = _text(pdf, 1)
    assert "Astana–Ashgabat" in title_page and "Kazakhstan–Turkmenistan relations" in title_page
    contents = _flat(_text(pdf, 2))
    assert "Contents" in contents
    page = built_book["html"] / "book" / "chapters" / "context.html"
    title = BeautifulSoup(page.read_text(), "html.parser").find("h1").get_text(" ", strip=True).rstrip("#").strip()
    assert re.search(re.escape(_flat(title)) + r"\s+\d+", contents), title


def test_page_numbers_are_written_on_the_contents_pages_only(doc):
    """The contents' page numbers are drawn in their own fonts (/KztmHelv…); a link in the text to a chapter or to
    the claims audit must not get one (it printed a stray '82' beside a paragraph)."""
    numbered = [number for number, page in enumerate(doc.pages, start=1)
                if any(str(name).startswith("/KztmHelv") for name in page.obj.get("/Resources", {}).get("/Font", {}))]
    assert numbered and numbered == list(range(numbered[0], numbered[-1] + 1)) and numbered[-1] <= 5, numbered


def _printed_pages(built_book):
    return [p for p, name in zip(html_pages(built_book["html"]), toc_pages(), strict=True)
            if name not in WEB_ONLY_PAGES]


def test_every_printed_page_title_is_in_the_pdf_and_web_only_pages_are_not(pdf, built_book):
    text = _flat(_text(pdf))
    for page in _printed_pages(built_book):
        title = BeautifulSoup(page.read_text(), "html.parser").find("h1").get_text(" ", strip=True).rstrip("#").strip()
        assert _flat(title) in text, title
    assert {"book/generated/parameters", "book/generated/scenarios"} <= set(toc_pages())
    outline = [title for title, _page, _sections in _outline(pikepdf.open(pdf))]
    assert "Parameters" not in outline and "Scenarios compared" not in outline


def test_charts_are_printed_as_vectors_with_sources(pdf, built_book):
    text = _text(pdf)
    charts = sum(len(BeautifulSoup(p.read_text(), "html.parser").select("figure.kztm-figure"))
                 for p in _printed_pages(built_book))
    assert charts >= 3
    # Axis titles are text in the PDF only if the SVG charts were printed as vectors.
    assert "GDP per capita, current USD" in text
    assert text.count("Source") >= charts
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert len(images.strip().splitlines()) == 2, images[:500]  # only the header: no raster image at all


# --- links ----------------------------------------------------------------------------------------------

def test_no_link_points_to_a_file_on_the_build_machine(doc):
    uris = [target for _page, kind, target in _links(doc) if kind == "uri"]
    local = [u for u in uris if not u.startswith(("https://", "http://", "mailto:"))]
    assert uris and not local, local[:5]


def test_every_internal_link_lands_on_a_page_of_the_pdf(doc):
    dests = doc.Root.Dests
    numbers = _page_numbers(doc)
    internal = [(page, target) for page, kind, target in _links(doc) if kind == "dest"]
    unresolved = [(page, str(t)) for page, t in internal
                  if t is None or str(t) not in dests or dests[str(t)][0].objgen not in numbers]
    assert not unresolved, unresolved[:5]
    # Citations, figure references, "Data:" links to the appendix and the contents are all internal.
    assert len(internal) > 300


def test_citations_figure_references_and_data_links_point_into_the_pdf(pdf, doc):
    dests = {str(name).lstrip("/") for name in doc.Root.Dests.keys()}
    assert any(d.startswith("references--") for d in dests)  # citations → the bibliography
    assert any(d.startswith("data-appendix--") for d in dests)  # "Data:" → the data appendix
    assert any(re.match(r"(context|trade|energy)--fig-", d) for d in dests)  # figure references


# --- bookmarks, metadata --------------------------------------------------------------------------------

def test_bookmarks_nest_chapters_and_their_sections_like_the_contents(pdf, doc):
    outline = _outline(doc)
    assert len(outline) >= 15 and sum(len(sections) for _t, _p, sections in outline) >= 40
    contents = _flat(_text(pdf, 2, 4, layout=False))
    for title, page, sections in outline:
        assert re.search(re.escape(_flat(title)) + rf"\s+{page}\b", contents), (title, page)
        for section, section_page in sections:
            assert section_page >= page
            assert re.search(re.escape(_flat(section)) + rf"\s+{section_page}\b", contents), (section, section_page)
    chapters = [t for t, _p, sections in outline if sections]
    assert any(t.startswith("Trade") for t in chapters) and any(t.startswith("Energy") for t in chapters)


def test_metadata_names_title_author_subject_keywords_and_edition(doc):
    meta = book_metadata()
    info = doc.docinfo
    assert str(info["/Title"]) == meta["title"]
    assert str(info["/Author"]) == "The Astana–Ashgabat report team" == meta["author"]
    edition = edition_date()
    assert meta["subtitle"] in str(info["/Subject"]) and f"{edition:%-d %B %Y}" in str(info["/Subject"])
    assert "Kazakhstan" in str(info["/Keywords"]) and "Turkmenistan" in str(info["/Keywords"])
    assert str(info["/CreationDate"]).startswith(f"D:{edition:%Y%m%d}")
    xmp = doc.open_metadata()
    assert xmp["dc:title"] == meta["title"] and meta["author"] in xmp["dc:creator"]
    assert xmp["xmp:CreateDate"].startswith(edition.isoformat())


# --- layout ------------------------------------------------------------------------------------------------

def _page_fill(pdf):
    """For each page: how far down (share of the page height) its lowest text ends, the footer excepted."""
    bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    fills = []
    for page in bbox.split("<page ")[1:]:
        height = float(re.search(r'height="([\d.]+)"', page).group(1))
        bottoms = [float(y) for y in re.findall(r'<word [^>]*yMax="([\d.]+)"', page)]
        bottoms = [y for y in bottoms if y < height - 45]  # the footer line: title and page number
        fills.append(max(bottoms) / height if bottoms else 0.0)
    return fills


def test_no_blank_page_and_no_page_ends_in_its_top_third_except_before_a_chapter(pdf, doc):
    fills = _page_fill(pdf)
    chapter_starts = {page for _title, page, _sections in _outline(doc)}
    blank = [number for number, fill in enumerate(fills, start=1) if fill == 0.0]
    assert not blank, f"blank pages: {blank}"
    short = [number for number, fill in enumerate(fills, start=1)
             if fill < 1 / 3 and number + 1 not in chapter_starts and number != len(fills)]
    assert not short, f"pages that end in their top third: {short}"


def test_no_heading_is_stranded_at_the_foot_of_a_page(doc):
    height = float(doc.pages[0].mediabox[3])
    stranded = []
    with doc.open_outline() as outline:
        for chapter in outline.root:
            for item in chapter.children:
                dest = doc.Root.Dests[str(item.destination)] if not isinstance(item.destination, pikepdf.Array) \
                    else item.destination
                top = float(dest[3])  # /XYZ left top zoom: the heading's top, from the bottom of the page
                if top < 0.15 * height:
                    stranded.append(item.title)
    assert not stranded, stranded


def test_the_printed_book_stays_at_most_95_pages(doc):
    """A reader's target: a report read through or printed should not run much past 90 pages. Printed like the web
    pages (10pt, web spacing, every chart at its screen height) it had 124, a third of them mostly white below a chart
    that did not fit; set like a report (kztm.css: 9.5pt, charts lower and at 0.93 size, reference material in two
    columns) it has about 90, and the limit leaves room for the text to grow before the layout is looked at again."""
    assert len(doc.pages) <= 95, f"{len(doc.pages)} pages"


def test_each_chart_is_on_the_same_page_as_its_caption(pdf):
    pages = _text(pdf, layout=False).split("\f")
    split = []
    for number, text in enumerate(pages, start=1):
        flat = _flat(text)
        for match in re.finditer(r"Fig\. (\d+) [A-Z]", flat):
            # A caption's chart is drawn above it: the chart's axis or legend text is on the same page.
            before = flat[:match.start()]
            if len(before) < 40 and not re.search(r"Fig\. \d+", before):
                split.append((number, match.group(0)))
    assert not split, split[:5]


# --- web-only material, size -------------------------------------------------------------------------------

def test_nothing_for_the_web_only_is_printed(pdf):
    text = _text(pdf, layout=False)
    for web_only in ("python -m", "`", "Fields", "Data table: the values", "notebook template",
                     "this chapter as executed", "download:", "Rerun this chapter", "metadata (JSON)"):
        assert web_only not in text, web_only
    # What the methodology tells a reader about how the report is built and rerun is printed; only its commands
    # are not.
    flat = _flat(text)
    for reader in ("Nothing is typed twice", "Rerunning it your way", "A researcher can rerun any chapter"):
        assert reader in flat, reader


def test_the_pdf_is_saved_compressed_with_object_streams(pdf, doc):
    streams = [obj for obj in doc.objects if isinstance(obj, pikepdf.Stream) and obj.get("/Type") == "/ObjStm"]
    assert streams, "no object streams: the PDF was not re-saved compressed"
    assert pdf.stat().st_size < 30_000 * len(doc.pages)  # about 25 KB a page with every chart as vectors


def test_the_print_page_links_only_to_itself_or_the_web(built_book):
    page = Path(built_book["html"]).parent / ".print-html" / "print.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    ids = {tag["id"] for tag in soup.find_all(id=True)}
    bad = [a["href"] for a in soup.select("article a[href]")
           if not (a["href"].startswith(("https://", "http://", "mailto:"))
                   or (a["href"].startswith("#") and a["href"][1:] in ids))]
    assert not bad, bad[:10]


def _page_images(pdf, folder):
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(folder / "page")], check=True)
    return [Image.open(path).convert("L") for path in sorted(folder.glob("page-*.png"))]


def _differing_pages(a, b):
    from PIL import ImageChops

    assert len(a) == len(b)
    return [n for n, (x, y) in enumerate(zip(a, b, strict=True), start=1) if ImageChops.difference(x, y).getbbox()]


def test_a_print_with_kept_chart_drawings_is_the_print_that_draws_them(built_book, chromium_path, tmp_path):
    """After a prose edit the charts come ready-drawn from the previous print (no Vega in Chromium): the PDF
    must be the one a print that draws every chart gives, page for page. And when one figure changes, the print
    that draws it beside kept ones must be the print that draws them all (Vega numbers clip paths from 1 on every
    load: a kept chart and a new one must not share one)."""
    from kztm.pipeline.build import print_book

    html = tmp_path / "a" / "html"
    shutil.copytree(built_book["html"], html)
    said = []

    def printed(source, name):
        pdf = print_book(source, book_metadata(), tmp_path / name / "report.pdf", chromium_path, said.append)
        drawn, total = re.search(r"\((\d+) of (\d+) charts to draw\)", said[-1]).groups()
        return pdf, int(drawn), int(total)

    drawn, n_drawn, total = printed(html, "drawn")
    kept, n_kept, _ = printed(html, "kept")
    assert n_drawn == total > 40 and n_kept == 0
    assert _text(drawn) == _text(kept)
    assert not _differing_pages(_page_images(drawn, tmp_path / "drawn-png"), _page_images(kept, tmp_path / "kept-png"))

    trade = html / "book" / "chapters" / "trade.html"
    text = trade.read_text(encoding="utf-8")
    start = text.index('id="fig-trade-scenario"')
    at = text.index('<span class="caption-text">', start) + len('<span class="caption-text">')
    trade.write_text(text[:at] + "Edited. " + text[at:], encoding="utf-8")
    mixed, n_mixed, _ = printed(html, "mixed")
    assert n_mixed == 1  # the scenario chart (clip paths clip2…) drawn beside the kept timeline (clip1)
    fresh_html = tmp_path / "b" / "html"
    shutil.copytree(html, fresh_html)
    fresh, n_fresh, _ = printed(fresh_html, "fresh")
    assert n_fresh == total
    assert _text(mixed) == _text(fresh)
    differ = _differing_pages(_page_images(mixed, tmp_path / "mixed-png"), _page_images(fresh, tmp_path / "fresh-png"))
    assert not differ, f"pages drawn differently beside kept drawings: {differ}"
