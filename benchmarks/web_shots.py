"""Screenshots of the web book for a reviewer: chosen pages at 390 px and 1280 px, light and dark mode.

Run after a build: .venv/bin/python benchmarks/web_shots.py OUT_DIR [--pages book/summary/index ...] [--tag before]
Writes OUT_DIR/<page>-<width>-<mode>[-<tag>].png (full page).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kztm.pipeline.build import HTML_DIR  # noqa: E402
from kztm.pipeline.pdf import find_chromium  # noqa: E402
from tests.web import ARGS, open_page, set_dark  # noqa: E402

PAGES = ["book/summary/index", "book/chapters/trade", "book/chapters/politics", "book/generated/claims-audit"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", nargs="*", default=PAGES)
    parser.add_argument("--widths", nargs="*", type=int, default=[390, 1280])
    parser.add_argument("--modes", nargs="*", default=["light", "dark"])
    parser.add_argument("--tag", default="")
    parser.add_argument("--at", help="a CSS selector: a window-sized picture scrolled to it instead of the full page")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium(), args=ARGS)
        for page in args.pages:
            for width in args.widths:
                for mode in args.modes:
                    opened = open_page(browser, HTML_DIR / f"{page}.html", width=width, height=900)
                    if mode == "dark":
                        set_dark(opened.page)
                        opened.page.wait_for_timeout(1500)
                    name = page.split("/")[-1] if page.split("/")[-1] != "index" else page.split("/")[-2]
                    path = args.out / f"{name}-{width}-{mode}{'-' + args.tag if args.tag else ''}.png"
                    if args.at and opened.page.locator(args.at).count():
                        opened.page.locator(args.at).first.evaluate("e => e.scrollIntoView({block: 'start'})")
                        opened.page.wait_for_timeout(300)
                    else:  # the whole page in one window, so that no chart redraws while it is captured
                        height = opened.page.evaluate("() => document.documentElement.scrollHeight")
                        opened.page.set_viewport_size({"width": width, "height": height})
                        opened.page.wait_for_timeout(1500)
                    opened.page.screenshot(path=str(path), full_page=not args.at)
                    opened.close()
                    print(path)
        browser.close()


if __name__ == "__main__":
    main()
