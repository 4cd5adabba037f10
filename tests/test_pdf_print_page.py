"""The print page assembled from the HTML book (no browser needed): reading order, web-only material left out,
links kept inside the document, ids that stay unique when every chapter has a "Sources" section."""

from bs4 import BeautifulSoup

from kztm.pipeline.pdf import keep_drawings, prepare_print_page

FRAME = """<!DOCTYPE html><html data-content_root="{root}"><head>
<link rel="stylesheet" href="{root}_static/kztm.css"><script src="{root}_static/theme.js"></script>
<script src="https://cdn.example.org/mathjax.js"></script><script src="{root}_static/kztm.js?v=1"></script></head>
<body><div class="bd-sidebar-primary"><nav class="bd-docs-nav">{nav}</nav></div>
<main><article class="bd-article">{body}</article></main></body></html>"""
NAV = ('<a class="reference internal" href="{up}chapters/trade.html">Trade</a>'
       '<a class="reference internal" href="{up}generated/parameters.html">Parameters</a>'
       '<a class="reference internal" href="{up}references.html">References</a>')
PAGES = {
    "book/summary/index": ("../../", "../", """<section id="summary"><h1>Summary</h1>
        <p>See <a class="reference internal" href="../chapters/trade.html#sources">the trade sources</a>,
        <a class="reference internal" href="../chapters/trade.html#fig-turnover">Fig. 1</a> and
        <a class="reference internal" href="../generated/parameters.html">the parameters</a>.</p></section>"""),
    "book/chapters/trade": ("../../", "../", """<section id="trade">
        <h1>Trade<a class="headerlink" href="#trade">#</a></h1>
        <div class="kztm-web-only"><p><a class="reference download internal" href="../../_downloads/x/trade.ipynb">
        notebook template</a></p></div>
        <figure class="kztm-figure" id="fig-turnover"><div class="kztm-chart"></div>
        <figcaption>Fig. 1 Turnover</figcaption><p class="kztm-source">Data: <a class="reference internal"
        href="../generated/data-appendix.html#dataset-imf">imf</a>.</p>
        <details class="kztm-table"><summary>Data table</summary></details></figure>
        <p>As <a class="reference internal" href="../references.html#imf2022">IMF, 2022</a> shows;
        see <a href="https://www.imf.org/">the IMF</a>.</p>
        <section id="rerun"><h2>Rerunning it</h2><p>Run <code>python -m kztm run trade</code>.</p></section>
        <section id="sources"><h2>Sources</h2><p>The <a class="reference internal" href="#trade">top</a>.</p>
        </section></section>"""),
    "book/generated/parameters": ("../../", "../", '<section id="parameters"><h1>Parameters</h1></section>'),
    "book/references": ("../", "", """<section id="references"><h1>References</h1>
        <div id="imf2022">IMF (2022).</div><section id="sources"><h2>Sources</h2><p>x</p></section></section>"""),
}


def _book(tmp_path):
    html = tmp_path / "html"
    for page, (root, up, body) in PAGES.items():
        path = html / f"{page}.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(FRAME.format(root=root, nav=NAV.format(up=up), body=body), encoding="utf-8")
    (html / "_static").mkdir()
    return html


def _print_page(tmp_path):
    html = _book(tmp_path)
    page = prepare_print_page(html, "book/summary/index", "Title", "Subtitle", "Edition", tmp_path / ".print")
    return page, BeautifulSoup(page.path.read_text(encoding="utf-8"), "html.parser")


def test_pages_come_in_reading_order_without_the_web_only_ones(tmp_path):
    page, soup = _print_page(tmp_path)
    assert [d["id"] for d in soup.select("div.kztm-print-doc")] == ["summary", "trade", "references"]
    assert [(level, text) for level, _anchor, text in page.entries] == [
        ("chapter", "Summary"), ("chapter", "Trade"), ("section", "Sources"), ("chapter", "References")]
    assert "Parameters" not in soup.get_text()


def test_links_to_printed_pages_become_anchors_and_the_rest_plain_text(tmp_path):
    _page, soup = _print_page(tmp_path)
    ids = {tag["id"] for tag in soup.find_all(id=True)}
    hrefs = {a.get_text(" ", strip=True): a["href"] for a in soup.select("article a[href]")}
    assert hrefs["the trade sources"] == "#trade--sources"  # not the references page's "sources"
    assert hrefs["Fig. 1"] == "#trade--fig-turnover"
    assert hrefs["IMF, 2022"] == "#references--imf2022"
    assert hrefs["top"] == "#trade--trade"
    assert hrefs["the IMF"] == "https://www.imf.org/"
    assert "the parameters" not in hrefs and "the parameters" in soup.get_text()  # web-only page: plain text
    assert "imf" not in hrefs  # the data appendix is not in this book: plain text
    assert all(h.startswith("https://") or h[1:] in ids for h in hrefs.values())


def test_web_only_material_is_left_out(tmp_path):
    _page, soup = _print_page(tmp_path)
    text = soup.get_text(" ", strip=True)
    assert "notebook template" not in text and "Data table" not in text
    assert "python -m" not in text and "Rerunning it" not in text  # the command's paragraph, then its empty section
    assert not soup.select("a.headerlink")
    assert "Fig. 1 Turnover" in text


def test_only_the_books_own_script_runs_and_addresses_are_rebased(tmp_path):
    page, soup = _print_page(tmp_path)
    assert [s["src"] for s in soup.find_all("script", src=True)] == ["../html/_static/kztm.js?v=1"]
    assert soup.find("link", rel="stylesheet")["href"] == "../html/_static/kztm.css"
    assert soup.html["data-content_root"] == "../html/"
    assert (page.path.parent / soup.find("link", rel="stylesheet")["href"]).resolve().parent.is_dir()


# --- charts drawn in one print are kept for the next ------------------------------------------------------

def _drawn(page, marks="<svg class='marks' width='10' height='5'><g></g></svg>"):
    """What Chromium's --dump-dom gives for ``page``: each chart that had to be drawn, drawn."""
    soup = BeautifulSoup(page.path.read_text(encoding="utf-8"), "html.parser")
    for chart in soup.select(".kztm-chart"):
        if chart["data-drawing"] in page.to_draw:
            chart["data-state"] = "drawn"
            chart.append(BeautifulSoup(marks, "html.parser"))
    dom = page.path.with_name("dom.html")
    dom.write_text(str(soup), encoding="utf-8")
    return dom


def test_a_chart_drawn_in_one_print_comes_ready_drawn_into_the_next(tmp_path):
    html = _book(tmp_path)
    first = prepare_print_page(html, "book/summary/index", "Title", "Subtitle", "Edition", tmp_path / ".print")
    assert len(first.drawings) == 1 and first.to_draw == first.drawings
    assert keep_drawings(first, _drawn(first)) == 1
    second = prepare_print_page(html, "book/summary/index", "Title", "Subtitle", "Edition", tmp_path / ".print")
    assert second.drawings == first.drawings and second.to_draw == ()
    soup = BeautifulSoup(second.path.read_text(encoding="utf-8"), "html.parser")
    chart = soup.select_one(".kztm-chart")
    assert chart["data-state"] == "drawn" and chart.find("svg") is not None  # kztm.js leaves drawn charts alone
    assert "kztm-kept-drawing" not in second.path.read_text(encoding="utf-8")
    assert chart.find_parent("figure")["id"] == "trade--fig-turnover"  # in its figure, as the HTML book has it


def test_a_drawing_is_redrawn_when_its_figure_the_stylesheet_or_the_browser_changes(tmp_path):
    html = _book(tmp_path)
    out = tmp_path / ".print"
    first = prepare_print_page(html, "book/summary/index", "Title", "Subtitle", "Edition", out)
    keep_drawings(first, _drawn(first))
    (out / "drawings" / "notes.txt").write_text("mine")  # not the program's: never removed
    trade = html / "book/chapters/trade.html"
    trade.write_text(trade.read_text(encoding="utf-8").replace("Fig. 1 Turnover", "Fig. 1 Turnover, USD"),
                     encoding="utf-8")
    caption = prepare_print_page(html, "book/summary/index", "Title", "Subtitle", "Edition", out)
    assert caption.to_draw == caption.drawings != first.drawings
    keep_drawings(caption, _drawn(caption))
    assert sorted(p.name for p in (out / "drawings").iterdir()) == [f"{caption.drawings[0]}.html", "notes.txt"]
    (html / "_static" / "kztm.css").write_text("body { font-size: 11pt; }")
    styled = prepare_print_page(html, "book/summary/index", "Title", "Subtitle", "Edition", out)
    assert styled.to_draw == styled.drawings != caption.drawings
    keep_drawings(styled, _drawn(styled))
    again = prepare_print_page(html, "book/summary/index", "Title", "Subtitle", "Edition", out)
    assert again.to_draw == ()
    updated = prepare_print_page(html, "book/summary/index", "Title", "Subtitle", "Edition", out, "chromium 143")
    assert updated.to_draw == updated.drawings != styled.drawings  # another browser draws them anew


def test_a_chart_that_failed_or_a_dump_that_cannot_be_read_keeps_nothing(tmp_path):
    html = _book(tmp_path)
    page = prepare_print_page(html, "book/summary/index", "Title", "Subtitle", "Edition", tmp_path / ".print")
    dom = _drawn(page)
    dom.write_text(dom.read_text(encoding="utf-8").replace('data-state="drawn"', 'data-state="failed"'))
    assert keep_drawings(page, dom) == 0
    dom.write_bytes(b"")
    assert keep_drawings(page, dom) == 0
    assert keep_drawings(page, tmp_path / "missing.html") == 0
    assert not list((tmp_path / ".print" / "drawings").glob("*.html"))


CLIPPED = ("<svg class='marks' width='10' height='5' aria-describedby='trade--fig-turnover-caption'><defs>"
           "<clipPath id='clip1'><rect width='9' height='4'></rect></clipPath>"
           "<linearGradient id='gradient_0'></linearGradient></defs>"
           "<g clip-path='url(#clip1)'><path fill='url(file:///tmp/x/.print/print.html#gradient_0)'></path>"
           "<text>Астана – 2025</text></g>"
           "<use href='#clip1'></use></svg>")


def test_a_kept_drawing_has_ids_of_its_own_so_a_chart_drawn_later_cannot_take_its_clip_path(tmp_path):
    """Vega numbers clip paths from 1 on every page load: a kept chart and a newly drawn one would both have
    ``clip1``, and one of them would be clipped to the other's rectangle."""
    html = _book(tmp_path)
    first = prepare_print_page(html, "book/summary/index", "Title", "Subtitle", "Edition", tmp_path / ".print")
    keep_drawings(first, _drawn(first, CLIPPED))
    text = prepare_print_page(html, "book/summary/index", "Title", "Subtitle", "Edition",
                              tmp_path / ".print").path.read_text(encoding="utf-8")
    soup = BeautifulSoup(text, "html.parser")
    prefix = f"k{first.drawings[0][:16]}-"
    assert {e["id"] for e in soup.select(".kztm-chart [id]")} == {prefix + "clip1", prefix + "gradient_0"}
    assert soup.select_one(".kztm-chart g")["clip-path"] == f"url(#{prefix}clip1)"
    assert soup.select_one(".kztm-chart path")["fill"] == f"url(#{prefix}gradient_0)"
    assert soup.select_one(".kztm-chart use")["href"] == f"#{prefix}clip1"
    assert soup.select_one(".kztm-chart svg")["aria-describedby"] == "trade--fig-turnover-caption"  # outside: kept
    assert "Астана – 2025" in text  # the dump is read as UTF-8


def test_a_dump_cut_short_keeps_nothing_and_unused_drawings_go_even_when_nothing_is_drawn(tmp_path):
    html = _book(tmp_path)
    out = tmp_path / ".print"
    first = prepare_print_page(html, "book/summary/index", "Title", "Subtitle", "Edition", out)
    dom = _drawn(first)
    dom.write_text(dom.read_text(encoding="utf-8").rsplit("</body>", 1)[0])  # Chromium stopped mid-page
    assert keep_drawings(first, dom) == 0
    assert keep_drawings(first, _drawn(first)) == 1
    trade = html / "book/chapters/trade.html"
    trade.write_text(trade.read_text(encoding="utf-8").replace('<div class="kztm-chart"></div>', ""),
                     encoding="utf-8")
    without = prepare_print_page(html, "book/summary/index", "Title", "Subtitle", "Edition", out)
    assert without.drawings == () and keep_drawings(without, None) == 0
    assert not list((out / "drawings").iterdir())
