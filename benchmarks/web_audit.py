"""The built web book in Chromium, page by page: axe-core violations by impact (light mode, dark mode,
390 px), bytes of local files loaded, sideways overflow at 360/390 px. A script, not a test: it prints.

Run after a build (`make html`) and `make axe`: .venv/bin/python benchmarks/web_audit.py [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kztm.pipeline.build import HTML_DIR  # noqa: E402
from kztm.pipeline.pdf import find_chromium  # noqa: E402
from tests.test_book import html_pages  # noqa: E402
from tests.web import ARGS, IMPACTS, audit_page, impact_counts  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the rows as JSON to this file")
    parser.add_argument("--html", type=Path, default=HTML_DIR, help="the built book (default: %(default)s)")
    parser.add_argument("--before", action="store_true",
                        help="a book built before charts marked themselves drawn: wait for their SVG instead")
    args = parser.parse_args()
    if args.before:
        import tests.web

        tests.web.CHARTS_DRAWN = "n => document.querySelectorAll('.kztm-chart .kztm-vis svg.marks').length >= n"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium(), args=ARGS)
        rows = [audit_page(browser, path) for path in html_pages(args.html)]
        browser.close()
    counts = lambda r, k: "/".join(str(impact_counts(r[k]).get(i, 0)) for i in IMPACTS)  # noqa: E731
    print(f"{'page':36} {'charts':>6} {'KB':>6} {'files':>5}  axe c/s/m/m: {'light':>9} {'dark':>9} {'390px':>9}"
          f"  {'over360':>7} {'over390':>7}")
    for r in rows:
        page = str(r["path"].relative_to(args.html))
        print(f"{page:36} {r['charts']:6d} {r['bytes'] / 1024:6.0f} {len(r['files']):5d}"
              f"  {'':12} {counts(r, 'axe_light'):>9} {counts(r, 'axe_dark'):>9} {counts(r, 'axe_phone'):>9}"
              f"  {r['overflow_360']:7d} {r['overflow_390']:7d}")
    rules = sorted({f"{v['id']}({v['impact']})" for r in rows for k in ("axe_light", "axe_dark", "axe_phone")
                    for v in r[k]})
    print("rules violated:", ", ".join(rules) or "none")
    if args.json:
        args.json.write_text(json.dumps([{**r, "path": str(r["path"])} for r in rows], indent=1))


if __name__ == "__main__":
    main()
