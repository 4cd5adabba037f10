"""Every page of the web book in Chromium (offline): accessibility (axe-core), phones, page weight.

One pass over the book (tests/web.py: audit_page) measures each page at 1280 px in light and dark mode
and at 360 and 390 px; each test below asserts one thing about those measurements.
"""

from pathlib import Path

from tests.web import IMPACTS

MB = 1024 * 1024  # as "MB" in the goal; bytes on disk of every local file a page loads
TEXT_PAGE_LIMIT = 1 * MB  # a page without charts (about 0.75 MB now)
CHART_PAGE_LIMIT = 2 * MB  # a page with charts (1.6–1.9 MB now; the Vega bundle is 0.86 MB of it)
ICON_SCRIPT_LIMIT = 20_000  # the theme's Font Awesome script is 1.5 MB; ours draws the few icons used


def _name(row) -> str:
    return "/".join(Path(row["path"]).parts[-2:])


def _serious(violations) -> list[str]:
    return [f"{v['id']} ({v['impact']}): {v['nodes'][:3]}" for v in violations
            if v["impact"] in ("serious", "critical")]


def test_axe_finds_no_serious_or_critical_violation_on_any_page(audits):
    # Every rule axe runs by default is on, in light mode, dark mode and at 390 px wide (tests/web.py).
    problems = {f"{_name(r)} [{mode}]": _serious(r[key]) for r in audits
                for mode, key in (("light", "axe_light"), ("dark", "axe_dark"), ("390 px", "axe_phone"))}
    problems = {page: found for page, found in problems.items() if found}
    assert not problems, problems


def test_axe_impacts_are_known_words(audits):
    # A renamed impact level would let the test above pass without looking.
    impacts = {v["impact"] for r in audits for key in ("axe_light", "axe_dark", "axe_phone") for v in r[key]}
    assert impacts <= set(IMPACTS)


def test_no_page_scrolls_sideways_on_a_phone(audits):
    wide = {_name(r): (r["overflow_360"], r["overflow_390"]) for r in audits
            if r["overflow_360"] > 0 or r["overflow_390"] > 0}
    assert not wide, f"pages wider than the phone (px too wide at 360, 390): {wide}"


def test_chart_titles_legends_and_axes_are_not_cut_on_a_phone(audits):
    cut = {_name(r): r["cut_360"] + r["cut_390"] for r in audits if r["cut_360"] or r["cut_390"]}
    assert not cut, cut


def test_every_chart_draws_at_every_width_without_errors_or_network(audits):
    for r in audits:
        assert r["drawn"] == r["charts"], f"{_name(r)}: {r['drawn']} of {r['charts']} charts drew"
        assert not r["errors"], f"{_name(r)}: {r['errors'][:5]}"
        assert not r["leaving"], f"{_name(r)} tried to reach the network: {r['leaving'][:5]}"


def test_text_pages_stay_under_1_mb_and_chart_pages_under_2_mb(audits):
    heavy = {}
    for r in audits:
        limit = CHART_PAGE_LIMIT if r["charts"] else TEXT_PAGE_LIMIT
        if r["bytes"] >= limit:
            biggest = sorted(r["files"].items(), key=lambda kv: -kv[1])[:4]
            heavy[_name(r)] = (r["bytes"], [(Path(f).name, n) for f, n in biggest])
    assert not heavy, heavy


def test_no_page_loads_the_icon_font_or_full_icon_script_and_text_pages_no_chart_bundle(audits):
    for r in audits:
        names = {Path(f).name: n for f, n in r["files"].items()}
        assert not [n for n in names if n.startswith("fa-") and n.endswith((".woff2", ".ttf"))], _name(r)
        assert names.get("fontawesome.js", 0) < ICON_SCRIPT_LIMIT, _name(r)
        if not r["charts"]:
            assert "vega-bundle.js" not in names, _name(r)


def test_theme_icons_are_drawn_by_the_small_icon_script(built_book, browser):
    from tests.web import open_page

    opened = open_page(browser, built_book["html"] / "book" / "introduction.html")
    icons = opened.page.evaluate("""() => ({
        left: document.querySelectorAll('i[class*="fa-"], span[class*="fa-"]').length,
        drawn: [...document.querySelectorAll('svg.svg-inline--fa')].map(s => [s.getAttribute('class'),
               s.querySelector('path').getAttribute('d').length, s.getBoundingClientRect().width]),
    })""")
    opened.close()
    assert icons["left"] == 0, "icons the script does not know stay empty boxes"
    assert icons["drawn"] and all(length > 50 for _, length, _ in icons["drawn"])
    assert any("fa-bars" in cls and width > 0 for cls, _, width in icons["drawn"]), icons["drawn"]


def test_references_show_author_and_year_entries_without_machine_labels(built_book, browser):
    from tests.web import open_page

    opened = open_page(browser, built_book["html"] / "book" / "references.html", wait_charts=False)
    found = opened.page.evaluate("""() => [...document.querySelectorAll('div.citation')].map(c => [
        getComputedStyle(c.querySelector('.label')).display, c.innerText.trim().slice(0, 60)])""")
    opened.close()
    assert len(found) > 100
    assert {display for display, _ in found} == {"none"}, "a bibliography label is shown"
    assert not [text for _, text in found if text.startswith("[")], "an entry starts with a label"
