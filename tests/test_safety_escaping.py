"""Markup in data never runs: a script, an event handler, an entity, a MyST role, a directive fence and a
`javascript:` link injected into every hand-compiled table, a dataset description and a scenario description
show as literal text on every page, in a real Chromium, and nothing of them executes.

The whole pipeline runs on a scratch copy of the repository (as a fresh clone has it, with ../shared beside it):
`kztm data` derives data/ from the injected tables, `kztm build` and `kztm build --scenario` render the books.
Pages the pipeline writes (generated pages, scenario pages) and chapter pages are checked in separate tests.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

from kztm.report.escape import escape_myst
from tests.test_safety_processes import scratch_copy

ATTACKS = ('<script>window.__x=1</script> <img src=x onerror="window.__y=1"> &amp; Oil & Gas {cite}`x` '
           "\n```{note}\nfenced\n```\n [link](javascript:alert(1))")
#: The field injected in each hand-compiled table: free text that the report shows.
FIELDS = {"claims": "claim", "context_facts": "statement", "corridors": "note", "energy_facts": "note",
          "investment_facts": "description",
          "logistics_nodes": "note", "logistics_routes": "note", "map_features": "course", "memberships": "note",
          "timeline": "place",
          "trade_quoted_extra": "note"}
SCENARIO = "trade-target-2028"


def payload(where: str) -> str:
    return f"KZTM-{where} {ATTACKS}"


def literal(where: str) -> str:
    """How the payload must read on the page: the same characters, line breaks as spaces."""
    return " ".join(payload(where).split())


#: Sphinx's smart quotes (on for the whole book, a typographic choice) turn straight quotes into curly ones
#: in every text node, data included; the comparison undoes only that.
SMART_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'"})


def _run(repo, *args):
    return subprocess.run([sys.executable, *args], cwd=repo, capture_output=True, text=True, timeout=1200,
                          env={k: v for k, v in os.environ.items() if not k.startswith("KZTM_")})


def _kztm(repo, *args):
    result = _run(repo, "-m", "kztm", *args)
    assert result.returncode == 0, f"kztm {' '.join(args)} failed: {result.stderr[-2000:]}"
    return result


def _book(repo, args: list[str], sphinx_call: str, html_dir: Path) -> tuple[Path, list[str]]:
    """Build with ``kztm``; when the strict Sphinx step refuses the pages (markup from data executed as a
    role, e.g. ``{cite}``), record its warnings and render the same sources without ``-W`` to inspect them."""
    result = _run(repo, "-m", "kztm", *args)
    if result.returncode == 0:
        return html_dir, []
    assert "build failed; the previous book is unchanged" in result.stderr, result.stderr[-2000:]
    warnings = [" ".join(re.sub(r"\x1b\[[0-9;]*m", "", line).split()) for line in result.stderr.splitlines()[1:]]
    lenient = _run(repo, "-c", "from pathlib import Path; from kztm.paths import *; "
                               "from kztm.pipeline.book import sphinx_build; "
                               f"print(sphinx_build({sphinx_call}, strict=False, progress=lambda m: None).output)")
    assert lenient.returncode == 0, lenient.stderr[-2000:]
    return Path(lenient.stdout.strip()), [w for w in warnings if w]


@pytest.fixture(scope="module")
def injected_books(tmp_path_factory):
    """Build the main book and one scenario book from data and configuration carrying markup (``kztm data``
    re-derives data/ from the injected tables, so the raw sources must be there: a skip outside CI)."""
    from kztm.paths import default_raw_dir
    from tests.conftest import require

    require(default_raw_dir().is_dir(), f"raw source folder {default_raw_dir()} not present (set KZTM_RAW_DIR)")
    repo = scratch_copy(tmp_path_factory.mktemp("injected") / "repo")
    compiled = repo / "data" / "compiled"
    for table in sorted(p.stem for p in compiled.glob("*.csv")):
        assert table in FIELDS, f"no field chosen for the new compiled table {table}; add one to FIELDS"
        frame = pd.read_csv(compiled / f"{table}.csv", dtype=str, keep_default_na=False)
        field = FIELDS[table]
        frame[field] = frame[field].where(frame[field] == "", frame[field] + " ") + payload(table)
        frame.to_csv(compiled / f"{table}.csv", index=False)
    meta_path = compiled / "timeline.meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["description"] = payload("metadata") + " " + meta["description"]  # shown on the data appendix
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")
    config = yaml.safe_load((repo / "chapters.yml").read_text(encoding="utf-8"))
    config["scenarios"] = {SCENARIO: {**config["scenarios"][SCENARIO],
                                      "description": payload("scenario")}}  # one scenario keeps the build short
    (repo / "chapters.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _kztm(repo, "data")
    book, book_warnings = _book(repo, ["build", "--no-pdf"], "'html'", repo / "_build" / "html")
    out = f"SCENARIOS_DIR / {SCENARIO!r}"
    scenario, scenario_warnings = _book(
        repo, ["build", "--scenario", SCENARIO, "--no-pdf"],
        f"'html', source={out} / 'src', staging={out} / '.staging', static_dir={out} / 'src' / '_static'",
        repo / "_build" / "scenarios" / SCENARIO / "html")
    return {"repo": repo, "html": [book, scenario], "warnings": book_warnings + scenario_warnings}


def _pages(books: dict, chapters: bool) -> list[Path]:
    pages = []
    for html_dir in books["html"]:
        for page in sorted(html_dir.rglob("*.html")):
            if page.name in ("genindex.html", "search.html"):
                continue
            if ("/chapters/" in str(page)) == chapters:
                pages.append(page)
    return pages


def _inspect(browser, pages: list[Path]) -> dict[str, list[str]]:
    """page → the problems found on it in Chromium (script ran, dialog, javascript: link, markup not literal).
    ``browser``: the session's Playwright browser (:func:`tests.web.browser`; a second sync Playwright in the
    same process would refuse to start)."""
    problems = {}
    for path in pages:
        page = browser.new_page()
        found = []
        page.on("dialog", lambda d, found=found: (found.append(f"a dialog opened: {d.message}"), d.dismiss()))
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:", "blob:",
                                                                                   "about:")) else r.abort())
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)
        ran = page.evaluate("[typeof window.__x, typeof window.__y]")
        if ran != ["undefined", "undefined"]:
            found.append(f"an injected script ran ({ran})")
        bad_links = page.evaluate("[...document.querySelectorAll('a[href]')]"
                                  ".filter(a => a.href.trim().toLowerCase().startsWith('javascript:')).length")
        if bad_links:
            found.append(f"{bad_links} javascript: link(s)")
        body = page.evaluate("document.body ? document.body.innerText : null")
        if body is None:
            found.append("the page has no body: injected markup broke it")
        text = " ".join((body or "").split()).translate(SMART_QUOTES)
        for where in sorted(set(re.findall(r"KZTM-([a-z_]+)", text))):
            if literal(where) not in text:
                at = text.index(f"KZTM-{where}")
                found.append(f"{where}: shown as {text[at:at + 140]!r}")
        if found:
            problems[str(path).split("/_build/", 1)[-1]] = found
        page.close()
    return problems


def test_markup_in_data_and_configuration_never_runs_on_the_pages_the_pipeline_writes(injected_books, browser):
    pages = _pages(injected_books, chapters=False)
    assert any(p.name == "data-appendix.html" for p in pages) and any(p.name == "scenarios.html" for p in pages)
    problems = _inspect(browser, pages)
    assert not problems, problems
    assert not [w for w in injected_books["warnings"] if "/chapters/" not in w], injected_books["warnings"]
    shown = {name: "".join(open(p, encoding="utf-8").read() for p in pages if p.name == name)
             for name in ("claims-audit.html", "data-appendix.html", "scenarios.html", "index.html")}
    # Each injected field is shown where the pipeline displays it (not dropped), as text.
    assert "KZTM-claims" in shown["claims-audit.html"]
    assert "KZTM-metadata" in shown["data-appendix.html"] and "other:&lt;ISO3&gt;" in shown["data-appendix.html"]
    assert "KZTM-scenario" in shown["scenarios.html"] and "KZTM-scenario" in shown["index.html"]


def test_markup_in_data_never_runs_on_chapter_pages(injected_books, browser):
    """Chapter pages show data through the chapters' own prose and tables (kztm/report, being rewritten by the
    lead with an escaping prose/table API): this test names every chapter page that still leaks, and the roles
    from data that the strict build executed."""
    problems = _inspect(browser, _pages(injected_books, chapters=True))
    for warning in injected_books["warnings"]:
        problems.setdefault(warning.split(": WARNING", 1)[0].split("/repo/", 1)[-1], []).append(
            "the strict build warned: " + warning.split("WARNING: ", 1)[-1])
    assert not problems, "\n".join(f"{page}: {'; '.join(found)}" for page, found in sorted(problems.items()))


def test_escape_myst_backslashes_every_ascii_punctuation_and_folds_lines():
    assert escape_myst("a<b>&{c}`d`|e\n\n  f") == "a\\<b\\>\\&\\{c\\}\\`d\\`\\|e f"
    assert escape_myst(None) == "" and escape_myst(3.5) == "3\\.5"
    assert escape_myst("Türkmenbaşy – 55 bcm") == "Türkmenbaşy – 55 bcm"  # letters, digits, non-ASCII untouched
    import string

    assert escape_myst(string.punctuation) == "".join("\\" + c for c in string.punctuation)
