"""Helpers for the web-book checks in Chromium: open a built page offline, run axe-core, weigh the page.

Used by tests/test_browser.py, tests/test_web_*.py and benchmarks/web_audit.py (one implementation).
axe-core comes from npm into a project-local folder (``make axe``): ``.cache/npm/node_modules/axe-core``.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
AXE_JS = ROOT / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
IMPACTS = ("critical", "serious", "moderate", "minor")
# kztm.js sets data-state="drawn" on a chart once it is drawn to fit its width ("failed" if it cannot be).
CHARTS_DRAWN = ("n => document.querySelectorAll('.kztm-chart[data-state=drawn], "
                ".kztm-chart[data-state=failed]').length >= n")


class OpenPage:
    """A page opened offline: ``page`` (Playwright), ``leaving`` (URLs that tried the network),
    ``errors`` (console errors and page errors), ``files`` (local files loaded: path → bytes on disk)."""

    def __init__(self, page):
        self.page, self.leaving, self.errors, self.files = page, [], [], {}

    @property
    def real_errors(self) -> list[str]:
        """Every console or page error (the theme's repeated THEBE_JS_URL declaration is fixed by
        kztm/report/page_scripts.py: nothing is excused)."""
        return list(self.errors)

    @property
    def bytes_loaded(self) -> int:
        """Bytes of every local file the page loaded (the HTML, scripts, styles, fonts, images)."""
        return sum(self.files.values())

    def close(self):
        self.page.close()


def open_page(browser, page_path: Path, width: int = 1280, height: int = 900,
              color_scheme: str = "light", wait_charts: bool = True) -> OpenPage:
    """Open ``page_path`` in a new page of ``browser`` with every non-local request aborted; wait for
    the charts to draw (when ``wait_charts``)."""
    page = browser.new_page(viewport={"width": width, "height": height}, color_scheme=color_scheme)
    opened = OpenPage(page)

    def route(r):
        url = r.request.url
        if url.startswith(("file://", "data:", "blob:", "about:")):
            r.continue_()
        else:
            opened.leaving.append(url)
            r.abort()

    def finished(request):
        if request.url.startswith("file://"):
            path = Path(unquote(urlparse(request.url).path))
            if path.is_file():
                opened.files[str(path)] = path.stat().st_size

    page.route("**/*", route)
    page.on("requestfinished", finished)
    page.on("console", lambda m: m.type == "error" and opened.errors.append(m.text))
    page.on("pageerror", lambda e: opened.errors.append(str(e)))
    page.goto(page_path.as_uri())
    page.wait_for_load_state("load")
    if wait_charts:
        expected = page.locator(".kztm-chart").count()
        if expected:
            page.wait_for_function(CHARTS_DRAWN, arg=expected, timeout=30000)
    return opened


def set_dark(page) -> None:
    """Switch the pydata theme to dark mode as its theme button does (html[data-theme])."""
    page.evaluate("""() => {
        document.documentElement.dataset.mode = 'dark';
        document.documentElement.dataset.theme = 'dark';
        localStorage.setItem('mode', 'dark'); localStorage.setItem('theme', 'dark');
    }""")
    page.wait_for_timeout(300)


def run_axe(page) -> list[dict]:
    """axe-core's violations on the page: [{id, impact, help, nodes: [target, …]}]. Every rule axe runs
    by default, and the experimental label-content-name-mismatch (a control whose name differs from its
    visible text confuses speech input)."""
    if not AXE_JS.exists():
        raise FileNotFoundError(f"{AXE_JS} is missing: run `make axe` (npm install of axe-core).")
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations'], preload: false,
                                             rules: {'label-content-name-mismatch': {enabled: true}}});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                       nodes: v.nodes.map(n => n.target.join(' '))}));
    }""")
    return result


def impact_counts(violations: list[dict]) -> Counter:
    """Affected elements by impact (critical, serious, moderate, minor)."""
    counts = Counter()
    for v in violations:
        counts[v["impact"]] += len(v["nodes"])
    return counts


def horizontal_overflow(page) -> int:
    """How many CSS pixels the document is wider than the window (0 when nothing scrolls sideways)."""
    return page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")


def chart_texts_outside(page) -> list[str]:
    """Titles, legend and axis texts of drawn charts that pass the left or right edge of their picture
    (cut off for the reader), as 'figure: text'."""
    return page.evaluate("""() => {
        const out = [];
        for (const chart of document.querySelectorAll('.kztm-chart')) {
            const svg = chart.querySelector('svg.marks');
            if (!svg) continue;
            const box = svg.getBoundingClientRect();
            for (const text of svg.querySelectorAll('.role-title text, .role-legend text, .role-axis text')) {
                const r = text.getBoundingClientRect();
                if (r.width && (r.right > box.right + 1 || r.left < box.left - 1))
                    out.push(chart.dataset.name + ': ' + text.textContent);
            }
        }
        return out;
    }""")


def audit_page(browser, path: Path, axe: bool = True) -> dict:
    """Everything the web checks measure on one page: bytes and files loaded (1280 px, light), drawn
    charts, axe-core violations in light mode, dark mode and at 390 px, sideways overflow and cut chart
    texts at 360 and 390 px, console errors and requests that tried the network."""
    row = {"path": path}
    opened = open_page(browser, path)
    row["bytes"], row["files"] = opened.bytes_loaded, dict(opened.files)
    row["charts"] = opened.page.locator(".kztm-chart").count()
    row["drawn"] = opened.page.locator(".kztm-chart .kztm-vis svg.marks").count()
    if axe:
        row["axe_light"] = run_axe(opened.page)
        set_dark(opened.page)
        row["axe_dark"] = run_axe(opened.page)
    errors, leaving = list(opened.real_errors), list(opened.leaving)
    opened.close()
    for width in (360, 390):
        opened = open_page(browser, path, width=width, height=800)
        row[f"overflow_{width}"] = horizontal_overflow(opened.page)
        row[f"cut_{width}"] = chart_texts_outside(opened.page)
        if axe and width == 390:
            row["axe_phone"] = run_axe(opened.page)
        errors += opened.real_errors
        leaving += opened.leaving
        opened.close()
    row["errors"], row["leaving"] = errors, leaving
    return row


# --- fixtures shared by the web tests (import them into a test module to use them) -------------------

@pytest.fixture(scope="session")
def browser(chromium_path):
    """Debian's Chromium driven by Playwright, quiet on a closed network."""
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_js():
    """axe-core's script, installed by `make axe` (a failure in CI when missing, a skip elsewhere)."""
    from tests.conftest import require

    require(AXE_JS.exists(), f"{AXE_JS.relative_to(ROOT)} is missing: run `make axe`")
    return AXE_JS


@pytest.fixture(scope="session")
def audits(built_book, browser, axe_js):
    """:func:`audit_page` of every page of the book, once per test session."""
    from tests.test_book import html_pages

    return [audit_page(browser, path) for path in html_pages(built_book["html"])]
