"""The PDF: A4, title page and contents with page numbers, every chapter, charts as vectors."""

import re
import subprocess

import pytest
from bs4 import BeautifulSoup

from tests.test_book import html_pages


def _text(pdf, first=None, last=None):
    cmd = ["pdftotext", "-layout"]
    if first:
        cmd += ["-f", str(first), "-l", str(last or first)]
    return subprocess.run(cmd + [str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def pdf(built_book, chromium_path, poppler):
    path = built_book["pdf"]
    assert path.exists() and path.stat().st_size > 10_000
    return path


def test_a4_pages_with_numbers(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages >= 5
    assert "(A4)" in info
    assert re.search(rf"\b3\s*/\s*{pages}\b", _text(pdf, 3))


def test_title_page_and_contents(pdf, built_book):
    title_page = _text(pdf, 1)
    assert "Astana–Ashgabat" in title_page and "Kazakhstan–Turkmenistan relations" in title_page
    contents = " ".join(_text(pdf, 2).split())
    assert "Contents" in contents
    page = built_book["html"] / "book" / "chapters" / "context.html"
    title = BeautifulSoup(page.read_text(), "html.parser").find("h1").get_text(" ", strip=True).rstrip("#").strip()
    assert re.search(re.escape(" ".join(title.split())) + r"\s+\d+", contents), title


def test_every_chapter_title_is_in_the_pdf(pdf, built_book):
    text = " ".join(_text(pdf).split())
    for page in html_pages(built_book["html"]):
        title = BeautifulSoup(page.read_text(), "html.parser").find("h1").get_text(" ", strip=True).rstrip("#").strip()
        assert " ".join(title.split()) in text, title


def test_charts_are_printed_as_vectors_with_sources(pdf, built_book):
    text = _text(pdf)
    charts = sum(len(BeautifulSoup(p.read_text(), "html.parser").select("figure.kztm-figure"))
                 for p in html_pages(built_book["html"]))
    assert charts >= 3
    # Axis titles are text in the PDF only if the SVG charts were printed as vectors.
    assert "GDP per capita, current USD" in text
    assert text.count("Source") >= charts
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert len(images.strip().splitlines()) == 2, images[:500]  # only the header: no raster image at all
