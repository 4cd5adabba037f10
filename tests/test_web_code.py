"""Code stays out of the reader's way: no code-cell toggles in the book; each chapter ends with one
web-only line linking its notebook template and its executed copy, and both links resolve."""

import json
from urllib.parse import unquote

from bs4 import BeautifulSoup

from tests.test_book import html_pages


def _soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_no_code_cell_or_code_toggle_is_shown_in_the_book(built_book):
    for page in html_pages(built_book["html"]):
        soup = _soup(page)
        article = soup.select_one("article.bd-article")
        assert article is not None, page
        assert not article.select(".cell_input, details.hide, .toggle-details, button.toggle-button"), page
        assert "Show code cell" not in article.get_text(), page


def test_each_chapter_ends_with_links_to_its_notebook_template_and_executed_copy(built_book):
    chapters = [p for p in html_pages(built_book["html"]) if p.parent.name == "chapters"]
    assert chapters
    for page in chapters:
        article = _soup(page).select_one("article.bd-article")
        lines = article.select(".kztm-web-only")
        offers = [line for line in lines if "notebook template" in line.get_text()]
        assert len(offers) == 1, f"{page.name}: {len(offers)} notebook lines"
        last_text = [el for el in article.find_all(["p", "figure", "table"])][-1]
        assert offers[0] in last_text.parents, f"{page.name}: the notebook line is not at the end"
        links = offers[0].select("a.reference.download")
        assert len(links) == 2, page.name
        notebooks = []
        for link in links:
            target = (page.parent / unquote(link["href"])).resolve()
            assert target.is_file(), f"{page.name}: {link['href']} does not resolve"
            assert target.name == f"{page.stem}.ipynb", target
            notebooks.append(json.loads(target.read_text(encoding="utf-8")))
        template, executed = notebooks
        outputs = lambda nb: sum(len(c.get("outputs", [])) for c in nb["cells"])  # noqa: E731
        assert outputs(template) == 0, f"{page.name}: the template link gives an executed notebook"
        assert outputs(executed) > 0, f"{page.name}: the executed copy has no outputs"
