"""Charts in the web book, in Chromium: names for screen readers, the data table by keyboard, dark mode,
the page's scroll, the downloads (CSV, SVG, PNG named after the figure, with source and licence)."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest

from tests.test_book import html_pages
from tests.web import open_page, set_dark

LICENSE = "CC BY 4.0"


def _chart_pages(html_dir):
    return [p for p in html_pages(html_dir) if "kztm-chart" in p.read_text(encoding="utf-8")]


@pytest.fixture(scope="module")
def trade(built_book, browser):
    opened = open_page(browser, built_book["html"] / "book" / "chapters" / "trade.html",
                       color_scheme="light")
    yield opened.page
    opened.close()


def _contrast(a, b) -> float:
    def lum(rgb):
        f = lambda c: c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4  # noqa: E731
        r, g, b_ = (f(c / 255) for c in rgb)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_every_chart_is_one_image_named_by_its_finding_and_described_by_its_caption(built_book, browser):
    for path in _chart_pages(built_book["html"]):
        opened = open_page(browser, path)
        charts = opened.page.evaluate("""() => [...document.querySelectorAll('.kztm-chart')].map(c => {
            const svg = c.querySelector('svg.marks');
            const spec = JSON.parse(c.querySelector('script.kztm-spec').textContent);
            const t = spec.title, title = (t && typeof t === 'object' && !Array.isArray(t)) ? t.text : t;
            const described = svg && document.getElementById(svg.getAttribute('aria-describedby') || '-');
            return {name: c.dataset.name, role: svg && svg.getAttribute('role'),
                    label: svg && svg.getAttribute('aria-label'),
                    title: Array.isArray(title) ? title.join(' ') : title,
                    description: described ? described.textContent : '',
                    announced: svg ? [...svg.querySelectorAll('[role]')]
                        .filter(n => !n.closest('[aria-hidden=true]')).length : -1,
                    outerRoles: [...c.querySelectorAll('[role=graphics-document]')].length};
        })""")
        for chart in charts:
            assert chart["role"] == "img", chart
            assert chart["label"] and chart["label"] == chart["title"], chart
            assert chart["description"].startswith("Fig. ") or chart["name"] == "fig-pasted", chart
            assert len(chart["description"]) > 20, chart
            assert chart["announced"] == 0, f"{chart['name']}: marks or guides reach screen readers one by one"
            assert chart["outerRoles"] == 0, chart
        opened.close()


def test_data_table_is_reached_by_keyboard_from_the_chart_and_opens_with_enter(trade):
    figure = trade.locator("#fig-trade-turnover")
    figure.locator(".kztm-chart-tools button").last.focus()
    stops = []
    for _ in range(5):  # the caption's anchor and the source's dataset links come first
        trade.keyboard.press("Tab")
        focused = trade.evaluate("() => [document.activeElement.tagName, document.activeElement.textContent, "
                                 "!!document.activeElement.closest('#fig-trade-turnover')]")
        stops.append(focused)
        if focused[0] == "SUMMARY" or not focused[2]:
            break
    assert focused[0] == "SUMMARY" and focused[2], stops
    assert focused[1].startswith("Data table of Fig. "), focused
    outline = trade.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", ""), "the focused disclosure shows no focus outline"
    trade.keyboard.press("Enter")
    assert figure.locator("details.kztm-table").evaluate("d => d.open")
    assert figure.locator("details.kztm-table table.kztm-data-table").is_visible()
    trade.keyboard.press("Enter")


def test_downloads_are_named_buttons_in_a_named_group_and_vega_menu_is_gone(trade):
    groups = trade.locator(".kztm-chart-tools[role=group]")
    assert groups.count() == trade.locator(".kztm-chart").count()
    assert groups.first.get_attribute("aria-label").startswith("Download Fig. ")
    assert [b.strip() for b in groups.first.locator("button").all_inner_texts()] == ["CSV", "SVG", "PNG"]
    assert trade.locator(".vega-actions, .vega-embed details").count() == 0


def _download(page, figure_id, fmt):
    with page.expect_download() as info:
        page.locator(f"#{figure_id} .kztm-chart-tools button[data-format={fmt}]").click()
    download = info.value
    with open(download.path(), "rb") as handle:
        return download.suggested_filename, handle.read()


def test_csv_download_is_the_data_table_with_units_source_and_licence(trade):
    name, body = _download(trade, "fig-trade-turnover", "csv")
    assert name == "fig-trade-turnover.csv"
    text = body.decode("utf-8")
    first, rest = text.split("\r\n", 1)
    assert first.startswith(("# Source: ", "# Sources: ")) and LICENSE in first and "Data:" not in first
    rows = list(csv.reader(io.StringIO(rest)))
    table = trade.evaluate("""() => [...document.querySelectorAll('#fig-trade-turnover table.kztm-data-table tr')]
        .map(tr => [...tr.querySelectorAll('th, td')]
            .map(c => [c.textContent.trim(), c.classList.contains('kztm-num')]))""")
    assert rows[0] == [text for text, _ in table[0]] and any("USD million" in h for h in rows[0])
    assert len(rows) == len(table) > 2
    for got, shown in zip(rows[1:], table[1:], strict=True):
        assert got == [text.replace(",", "") if number else text for text, number in shown]
        assert all(float(value) == float(value) for value, (_, number) in zip(got, shown, strict=True) if number)


def test_svg_and_png_downloads_carry_the_finding_caption_source_and_licence(trade):
    name, body = _download(trade, "fig-trade-turnover", "svg")
    assert name == "fig-trade-turnover.svg"
    root = ET.fromstring(body)
    texts = " ".join(" ".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))
    caption = trade.locator("#fig-trade-turnover .caption-text").inner_text()
    assert "Turnover" in texts and caption.split()[0] in texts
    assert ("Source:" in texts or "Sources:" in texts) and "Chart: Astana–Ashgabat report" in texts
    assert LICENSE in texts
    svg_height = float(root.get("height"))
    name, body = _download(trade, "fig-trade-turnover", "png")
    assert name == "fig-trade-turnover.png" and body[:8] == b"\x89PNG\r\n\x1a\n"
    png_height = int.from_bytes(body[20:24], "big")
    assert png_height == pytest.approx(2 * svg_height, abs=4), "the PNG lacks the footer band of the SVG"


def test_downloaded_picture_keeps_the_slider_where_the_reader_left_it(trade):
    slider = trade.locator("#fig-trade-scenario input[type=range]")
    slider.evaluate("s => { s.value = 25; s.dispatchEvent(new Event('input', {bubbles: true})); }")
    _, body = _download(trade, "fig-trade-scenario", "svg")
    assert b"25%" in body or b"25.0%" in body, "the picture shows the default, not the reader's rate"


def test_dark_mode_keeps_charts_on_a_light_card_and_text_readable(built_book, browser):
    opened = open_page(browser, built_book["html"] / "book" / "chapters" / "trade.html")
    page = opened.page
    set_dark(page)
    colours = page.evaluate("""() => {
        const rgb = s => s.match(/\\d+/g).slice(0, 3).map(Number);
        const fig = document.querySelector('#fig-trade-turnover');
        const page = getComputedStyle(document.body).backgroundColor;
        return {page: rgb(page), card: rgb(getComputedStyle(fig.querySelector('.kztm-chart')).backgroundColor),
                source: rgb(getComputedStyle(fig.querySelector('.kztm-source')).color),
                caption: rgb(getComputedStyle(fig.querySelector('.caption-text')).color),
                summary: rgb(getComputedStyle(fig.querySelector('details.kztm-table > summary')).color),
                button: rgb(getComputedStyle(fig.querySelector('.kztm-chart-tools button')).color)};
    }""")
    assert sum(colours["page"]) < 150, "the page did not switch to dark mode"
    assert colours["card"] == [255, 255, 255]
    for key in ("source", "caption", "summary"):
        assert _contrast(colours[key], colours["page"]) >= 4.5, (key, colours)
    assert _contrast(colours["button"], colours["card"]) >= 4.5
    opened.close()


def test_the_wheel_over_a_chart_scrolls_the_page_and_leaves_the_chart_alone(built_book, browser):
    for path in _chart_pages(built_book["html"]):
        opened = open_page(browser, path, height=700)
        page = opened.page
        for i in range(page.locator(".kztm-chart").count()):
            vis = page.locator(".kztm-chart svg.marks").nth(i)
            vis.scroll_into_view_if_needed()
            box = vis.bounding_box()
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            axes = "s => [...s.querySelectorAll('.role-axis-label text')].map(t => t.textContent).join('|')"
            before_axes = vis.evaluate(axes)
            before = page.evaluate("() => [window.scrollY, document.documentElement.scrollHeight - innerHeight]")
            delta = 120 if before[0] < before[1] - 130 else -120
            page.mouse.wheel(0, delta)
            page.wait_for_timeout(250)
            after = page.evaluate("() => window.scrollY")
            assert after != before[0], f"{path.name}: the wheel over chart {i + 1} did not scroll the page"
            assert vis.evaluate(axes) == before_axes, f"{path.name}: chart {i + 1} zoomed"
        opened.close()


def test_book_spec_says_charts_marks_are_not_announced_one_by_one(built_book):
    from bs4 import BeautifulSoup

    page = built_book["html"] / "book" / "chapters" / "trade.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    for script in soup.select(".kztm-chart script.kztm-spec"):
        config = json.loads(script.string)["config"]
        assert config["aria"] is False and config["mark"]["aria"] is False
