"""The built HTML book: every page there, every chart footed, nothing from the network, no broken link."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from bs4 import BeautifulSoup

from kztm.paths import ROOT
from kztm.pipeline.book import publish


def toc_pages() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    pages = [toc["root"]]
    for part in toc.get("parts", []):
        for entry in part.get("chapters", []):
            pages.append(entry["file"])
            pages.extend(sub["file"] for sub in entry.get("sections", []))
    return pages


def html_pages(html_dir: Path) -> list[Path]:
    return [html_dir / f"{page}.html" for page in toc_pages()]


def test_every_toc_page_is_built(built_book):
    missing = [str(p) for p in html_pages(built_book["html"]) if not p.exists()]
    assert not missing


def test_every_chart_has_a_number_caption_source_and_data_table_and_chapters_have_three(built_book):
    for page in html_pages(built_book["html"]):
        soup = BeautifulSoup(page.read_text(), "html.parser")
        figures = soup.select("figure.kztm-figure")
        for figure in figures:
            assert figure.get("id", "").startswith("fig-"), page
            assert figure.select_one(".kztm-chart script.kztm-spec"), page
            assert figure.select_one("figcaption .caption-number").get_text().startswith("Fig."), page
            source = figure.select_one("p.kztm-source")
            assert source is not None and source.get_text().startswith("Source"), page
            assert source.select("a[href*='data-appendix']"), page
            assert figure.select_one("details.kztm-table table th"), page
        if "/chapters/" in str(page):
            assert len(figures) >= 3, f"{page.name} has {len(figures)} charts"


def test_no_page_loads_anything_from_the_network(built_book):
    for page in built_book["html"].rglob("*.html"):
        soup = BeautifulSoup(page.read_text(), "html.parser")
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for element in soup.find_all(tag):
                url = element.get(attr)
                rel = element.get("rel", [])
                if not url or (tag == "link" and "stylesheet" not in rel and "preload" not in rel):
                    continue
                assert not urlsplit(url).scheme.startswith("http") and not url.startswith("//"), f"{page}: {url}"


def test_internal_links_and_anchors_resolve(built_book):
    html_dir = built_book["html"]
    ids_cache = {}

    def ids(path: Path):
        if path not in ids_cache:
            soup = BeautifulSoup(path.read_text(), "html.parser")
            ids_cache[path] = {el.get("id") for el in soup.find_all(id=True)}
        return ids_cache[path]

    broken = []
    for page in html_pages(html_dir):
        soup = BeautifulSoup(page.read_text(), "html.parser")
        for a in soup.find_all("a", href=True):
            href = a["href"]
            parts = urlsplit(href)
            if parts.scheme or href.startswith(("mailto:", "//")):
                continue
            target = (page.parent / parts.path).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.name}: {href}")
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in ids(target):
                broken.append(f"{page.name}: {href} (no anchor)")
    assert not broken, broken[:10]


def test_code_is_collapsed_for_readers(built_book):
    page = built_book["html"] / "book" / "chapters" / "context.html"
    soup = BeautifulSoup(page.read_text(), "html.parser")
    cells = soup.select("div.cell")
    assert cells
    for cell in cells:
        if cell.select_one(".cell_input"):
            assert "tag_hide-input" in cell["class"] or "tag_remove-input" in cell["class"], cell["class"]


def test_publish_replaces_the_book_only_with_a_whole_copy(tmp_path):
    staged = tmp_path / "staged"
    staged.mkdir()
    (staged / "index.html").write_text("new")
    target = tmp_path / "html"
    target.mkdir()
    (target / "index.html").write_text("old")
    publish(staged, target)
    assert (target / "index.html").read_text() == "new"
    assert not (tmp_path / "html.old").exists() and not (tmp_path / "html.new").exists()


GENERATED = ROOT / "book" / "generated"


def test_claims_audit_gives_every_claim_a_verdict(built_book):
    import pandas as pd

    from kztm.report.verdicts import VERDICTS

    audit = (GENERATED / "claims-audit.md").read_text()
    rows = {m.group(1): line for line in audit.splitlines() if (m := re.match(r"\| \[\*\*(\w+)\*\*\]\(#claim-", line))}
    claims = pd.read_csv(ROOT / "data" / "claims.csv")
    assert set(rows) == set(claims.claim_id)
    for claim_id, row in rows.items():
        assert any(f">{verdict}</span>" in row for verdict in VERDICTS), f"{claim_id} has no verdict"
    rule = [line for line in audit.splitlines() if line.startswith("| **")]
    assert {line.split("|")[1].strip().strip("*") for line in rule} == set(VERDICTS)
    summary = (GENERATED / "verdict-summary.md").read_text()
    assert f"Of the article's {len(claims)} claims" in summary


def test_parameters_page_lists_every_parameter_of_every_chapter(built_book):
    from kztm.pipeline.config import load_config
    from kztm.pipeline.run import notebook_parameters

    page = (GENERATED / "parameters.md").read_text()
    for chapter in load_config().chapters.values():
        assert f"## {chapter.title}" in page
        for name in notebook_parameters(chapter.notebook):
            assert f"`{name}`" in page, (chapter.name, name)


def test_scenarios_page_compares_every_scenario(built_book):
    from kztm.pipeline.config import load_config
    from kztm.report.escape import escape_myst

    page = (GENERATED / "scenarios.md").read_text()
    for scenario in load_config().scenarios.values():
        assert f"## {escape_myst(scenario.title)}" in page
        assert len(scenario.compare) >= 2
    assert "n/a" not in page


def _reading_text(page: Path) -> str:
    """A page's text as a reader sees it: one space between words, none inside brackets or before punctuation
    (BeautifulSoup puts a space around each link, so "(Kazinform, 2025)" came out as "( Kazinform, 2025 )")."""
    text = " ".join(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text(" ").split())
    return re.sub(r"\(\s+", "(", re.sub(r"\s+([;,)])", r"\1", text))


def test_several_sources_in_one_citation_are_told_apart(built_book):
    """Author–year citations in round brackets with semicolons between sources (kztm/report/citations.py):
    '(Kazinform, 2025; TASS, 2024)', never '[Kazinform, 2025, TASS, 2024]'."""
    text = _reading_text(built_book["html"] / "book" / "chapters" / "politics.html")
    year = r"(?:\d{4}|n\.d\.)"
    assert re.search(rf"\((?:[^();]+?, {year}; )+[^();]+?, {year}\)", text)
    assert not re.search(rf"\[[^\[\]]+?, {year}, [^\[\]]+?, {year}\]", text)


def test_no_citation_is_nested_in_another_bracket(built_book):
    """A parenthetical citation inside brackets reads '(Kursiv, (Kursiv, 2023))': the sentence must cite outside."""
    nested = []
    for page in html_pages(built_book["html"]):
        text = _reading_text(page)
        nested += [f"{page.name}: {m.group(0)}" for m in
                   re.finditer(r"\([^()]{0,80}\([A-Z][^()]{0,60}, (?:\d{4}|n\.d\.)[^()]*\)", text)]
    assert not nested, nested
