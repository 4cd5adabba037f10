"""The book in a real headless Chromium with the network cut off: every chart draws, nothing leaves."""

from tests.test_book import html_pages
from tests.web import open_page


def test_every_page_draws_its_charts_offline(built_book, browser):
    for page_path in html_pages(built_book["html"]):
        opened = open_page(browser, page_path)
        page = opened.page
        expected = page.locator(".kztm-chart").count()
        drawn = page.locator(".kztm-chart .kztm-vis svg.marks").count()
        assert drawn == expected, f"{page_path.name}: {drawn} of {expected} charts drew"
        if "/chapters/" in str(page_path):
            assert expected >= 3, f"{page_path.name} has {expected} charts"
        pdf_link = page.locator("#kztm-pdf-link")
        assert pdf_link.count() == 1, f"{page_path.name} offers no PDF"
        href = pdf_link.get_attribute("href")
        assert (page_path.parent / href).resolve().exists(), f"{page_path.name}: {href} does not exist"
        assert not opened.leaving, f"{page_path.name} tried to reach the network: {opened.leaving[:5]}"
        assert not opened.real_errors, f"{page_path.name}: {opened.real_errors[:5]}"
        opened.close()


def test_tooltips_show_on_hover(built_book, browser):
    opened = open_page(browser, built_book["html"] / "book" / "chapters" / "context.html")
    page = opened.page
    point = page.locator("#fig-context-gdp svg.marks g.mark-symbol path").first
    point.scroll_into_view_if_needed()
    box = point.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_selector("#vg-tooltip-element.visible", timeout=5000)
    assert "GDP" in page.inner_text("#vg-tooltip-element")
    opened.close()
