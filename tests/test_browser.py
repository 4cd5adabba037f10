"""The book in a real headless Chromium with the network cut off: every chart draws, nothing leaves."""

import pytest

from tests.test_book import html_pages

KNOWN_THEME_ERROR = "THEBE_JS_URL"  # sphinx-book-theme declares it twice on every page; harmless
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser(chromium_path):
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, args=ARGS)
        yield browser
        browser.close()


def _open(browser, page_path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    leaving, errors = [], []

    def route(r):
        url = r.request.url
        if url.startswith(("file://", "data:", "blob:", "about:")):
            r.continue_()
        else:
            leaving.append(url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(page_path.as_uri())
    page.wait_for_load_state("load")
    return page, leaving, errors


def test_every_page_draws_its_charts_offline(built_book, browser):
    for page_path in html_pages(built_book["html"]):
        page, leaving, errors = _open(browser, page_path)
        expected = page.locator(".kztm-chart .kztm-vis").count()
        if expected:
            page.wait_for_function(
                "n => document.querySelectorAll('.kztm-chart .kztm-vis svg.marks, "
                ".kztm-chart .kztm-vis canvas').length >= n", arg=expected, timeout=20000)
        drawn = page.locator(".kztm-chart .kztm-vis svg.marks").count()
        assert drawn == expected, f"{page_path.name}: {drawn} of {expected} charts drew"
        if "/chapters/" in str(page_path):
            assert expected >= 3, f"{page_path.name} has {expected} charts"
        pdf_link = page.locator("#kztm-pdf-link")
        assert pdf_link.count() == 1, f"{page_path.name} offers no PDF"
        href = pdf_link.get_attribute("href")
        assert (page_path.parent / href).resolve().exists(), f"{page_path.name}: {href} does not exist"
        real_errors = [e for e in errors if KNOWN_THEME_ERROR not in e]
        assert not leaving, f"{page_path.name} tried to reach the network: {leaving[:5]}"
        assert not real_errors, f"{page_path.name}: {real_errors[:5]}"
        page.close()


def test_tooltips_show_on_hover(built_book, browser):
    page_path = built_book["html"] / "book" / "chapters" / "context.html"
    page, _, _ = _open(browser, page_path)
    page.wait_for_selector(".kztm-chart svg.marks")
    point = page.locator(".kztm-chart svg.marks g.mark-symbol path").first
    point.scroll_into_view_if_needed()
    box = point.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_selector("#vg-tooltip-element.visible", timeout=5000)
    assert "GDP" in page.inner_text("#vg-tooltip-element")
    page.close()
