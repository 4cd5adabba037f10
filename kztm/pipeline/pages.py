"""Pages of the book generated before each build, never typed by hand:

- the data appendix, from ``data/datapackage.json``;
- the claims audit, from the claims ledger and the verdicts each chapter glued;
- the parameters reference, from the notebooks' parameters cells;
- the scenario comparison, from the figures the default and scenario runs glued.

Generated pages live in ``book/generated/`` (git-ignored) and are rewritten only when their
text changes, so Sphinx's incremental build leaves them alone otherwise.

Every string that comes from data, ``chapters.yml``, a notebook or a glued value goes through
:func:`~kztm.report.escape.escape_myst` (shown literally), :func:`code` (an identifier in a code
span), :func:`label` (a cross-reference target) or :func:`link` (an http(s) address only).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from ..data import DataError, dataset_metadata, dataset_names, sources_rows, write_downloads
from ..data.appendix import dataset_anchor, license_short
from ..paths import CHAPTERS_DIR, GENERATED_DIR, ROOT, scenario_chapters_dir
from ..report.escape import escape_myst
from .config import declared_default, notebook_parameters

_IDENTIFIER = re.compile(r"^[A-Za-z0-9_.*-]+$")
_LABEL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
_URL = re.compile(r"^https?://[^\s<>`\\]+$")
_FILE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def code(name) -> str:
    """An identifier (parameter, dataset or field name) in a code span; anything else as escaped text."""
    text = str(name)
    return f"`{text}`" if _IDENTIFIER.match(text) else escape_myst(text)


def label(text) -> str:
    """``text`` as a MyST target or reference name: letters, digits, '-' and '_' only (others become '-')."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", str(text)).strip("-").lower() or "x"


def link(url) -> str:
    """An http(s) address as a Markdown autolink; any other scheme (``javascript:`` …) as escaped text."""
    text = str(url or "").strip()
    return f"<{text}>" if _URL.match(text) else escape_myst(text)


def _write_if_changed(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def markdown_table(header: list[str], rows: list[list]) -> str:
    """A Markdown table from cells that are already MyST (escape data with escape_myst first).

    A cell must not break the table: an unescaped ``|`` or a line break is refused (ValueError).
    """
    for row in [header, *rows]:
        for cell in row:
            text = str(cell)
            if "\n" in text or re.search(r"(?<!\\)\|", text):
                raise ValueError(f"Table cell {text[:60]!r} is not escaped (line break or '|').")
    lines = ["| " + " | ".join(map(str, header)) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(map(str, row)) + " |" for row in rows]
    return "\n".join(lines)


def _download(text: str, target: str) -> str:
    if not _FILE.match(target):
        raise DataError(f"Data package path {target!r} must be a plain file name (letters, digits, '.', '-', '_').")
    return f"{{download}}`{text} <downloads/{target}>`"


def _dataset_section(name: str) -> str:
    meta = dataset_metadata(name)
    cov = meta.get("coverage", {})
    files = _download(meta["path"].rsplit(".", 1)[-1].upper(), meta["path"])
    meta_file = f"{name}.metadata.json" if meta["path"].endswith(".json") else f"{name}.json"
    e = escape_myst
    out = [f"({dataset_anchor(label(name))})=", f"## {e(meta['title'])}", "",
           f"Dataset {code(name)} · download: {files} · {_download('metadata (JSON)', meta_file)}", "",
           e(meta.get("description", "")), ""]
    for origin in meta.get("origin", []):
        vintage = origin.get("vintage") or origin.get("date_published") or "n/a"
        out.append(f"- **Producer:** {e(origin['producer'])}: *{e(origin['title'])}* "
                   f"(vintage {e(vintage)}; accessed {e(origin.get('date_accessed', 'n/a'))}); "
                   f"licence {e(license_short(origin['license']['name']))}.")
        if origin.get("url_main"):
            out.append(f"  Upstream: {link(origin['url_main'])}")
        out.append(f"- **Citation:** {e(origin.get('citation', ''))}")
        out.append(f"- **Processing:** {e(origin.get('processing', ''))}")
    coverage = []
    if cov.get("countries"):
        coverage.append("countries " + e(", ".join(map(str, cov["countries"]))))
    if cov.get("years"):
        coverage.append(f"years {e(cov['years'][0])}–{e(cov['years'][1])}")
    if cov.get("rows") is not None:
        coverage.append(f"{e(format(cov['rows'], ','))} rows")
    if coverage:
        out.append("- **Coverage:** " + "; ".join(coverage) + ".")
    for note in meta.get("notes", []) or []:
        out.append(f"- **Note:** {e(note)}")
    fields = meta.get("schema", {}).get("fields", [])
    if fields:
        out += ["", ":::{dropdown} Fields", "",
                markdown_table(["Field", "Type", "Unit", "Description"],
                               [[code(f["name"]), e(f.get("type", "")), e(f.get("unit", "")),
                                 e(f.get("description", ""))] for f in fields]),
                "", ":::"]
    return "\n".join(out) + "\n"


def data_appendix() -> str:
    e = escape_myst
    rows = [[f"[{e(r['title'])}](#{dataset_anchor(label(r['dataset']))})", e(r["licence"]), e(r["vintage"]),
             e(r["years covered"])] for r in sources_rows()]
    head = [
        "# Data appendix", "",
        "Every number in this report comes from one of the datasets below. Each is derived from its raw source "
        "by `make data` (the code is in `kztm/data/`), validated against the schema in `data/datapackage.json` "
        "whenever a chapter loads it, and offered here for download with its metadata. "
        "Hand-compiled tables (quoted trade figures, the timeline, routes) carry a source on every row.", "",
        markdown_table(["Dataset", "Licence", "Vintage", "Years"], rows), "",
    ]
    return "\n".join(head) + "\n" + "\n".join(_dataset_section(name) for name in dataset_names())


def write_data_appendix(folder: Path = GENERATED_DIR) -> Path:
    """The data appendix page and the dataset downloads it links to, in ``folder``.

    Each download is written only when its content changed, so an unchanged dataset leaves
    Sphinx nothing to re-read.
    """
    import tempfile

    downloads = folder / "downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".downloads-", dir=folder) as fresh:
        for path in write_downloads(fresh):
            target = downloads / path.name
            if not target.exists() or target.read_bytes() != path.read_bytes():
                path.replace(target)
    return _write_if_changed(folder / "data-appendix.md", data_appendix())


# --- claims audit ------------------------------------------------------------------

THEME_CHAPTER = {"politics": "politics", "trade": "trade", "energy": "energy", "logistics": "logistics",
                 "investment": "investment", "environment": "environment"}


def _fmt(value, spec: str = "") -> str:
    """A glued value as escaped MyST text, numbers formatted with ``spec``."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and spec:
        try:
            return escape_myst(format(value, spec))
        except ValueError:
            pass
    return escape_myst(value)


def _verdicts(config, chapters_dir: Path) -> dict:
    from .glued import read_glued

    glued = {}
    for name in config.chapters:
        notebook = chapters_dir / f"{name}.ipynb"
        if notebook.exists():
            glued.update(read_glued(notebook))
    return glued


def verdict_summary(config, chapters_dir: Path) -> str:
    """One sentence counting the verdicts, for the executive summary."""
    from ..data import load_dataset

    glued = _verdicts(config, chapters_dir)
    ids = list(load_dataset("claims").claim_id)
    counts = {}
    for cid in ids:
        verdict = glued.get(f"verdict_{cid}", "not assessed")
        counts[verdict] = counts.get(verdict, 0) + 1
    parts = [f"{n} {escape_myst(verdict)}" for verdict, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return (f"Of the article's {len(ids)} claims, the chapters find " + ", ".join(parts[:-1])
            + (" and " if len(parts) > 1 else "") + parts[-1] + ".\n")


def first_sentence(text: str) -> str:
    """The first sentence of an evidence line (up to the first '. ' that ends a sentence), for the dashboard."""
    match = re.search(r"^(.+?\.)\s+(?=[A-Z(])", str(text))
    return match.group(1) if match else str(text)


def _verdict_badge(verdict: str) -> str:
    """The verdict as a coloured word (class by verdict; the word is always there, colour only adds)."""
    slug = re.sub(r"[^a-z]+", "-", str(verdict).lower()).strip("-")
    return f'<span class="kztm-verdict kztm-verdict-{slug}">{html.escape(str(verdict))}</span>'


def claims_audit(config, chapters_dir: Path) -> str:
    """The verdict dashboard (one table per theme: claim, verdict in colour and word, one line of evidence,
    the figure that shows it), then the full evidence of each claim. The chapters only link here."""
    from ..data import load_dataset

    glued = _verdicts(config, chapters_dir)
    claims = load_dataset("claims")
    counts, tables, details = {}, [], []
    order = {name: i for i, name in enumerate(config.chapters)}
    themes = sorted(claims.theme.unique(), key=lambda t: order.get(THEME_CHAPTER.get(t, t), len(order)))
    e = escape_myst
    for theme in themes:
        chapter = THEME_CHAPTER.get(theme, theme)
        rows, blocks = [], [f"### {e(str(theme).capitalize())}", ""]
        for _, claim in claims[claims.theme == theme].iterrows():
            cid = str(claim.claim_id)
            verdict = glued.get(f"verdict_{cid}", "not assessed")
            counts[verdict] = counts.get(verdict, 0) + 1
            figure = glued.get(f"figure_{cid}")
            if figure and _LABEL.match(str(figure)):
                shown = f"{{numref}}`{figure}`"
            elif chapter in config.chapters:
                shown = f"[{e(chapter.capitalize())} chapter](../chapters/{chapter}.ipynb)"
            else:
                shown = "not in this book"
            evidence = glued.get(f"evidence_{cid}", "The chapter has not assessed this claim.")
            anchor = label("claim-" + cid)
            rows.append([f"[**{e(cid)}**](#{anchor}) {e(claim.claim)}", _verdict_badge(verdict),
                         e(first_sentence(evidence)), shown])
            blocks += [f"({anchor})=", f"#### {e(cid)}: {e(verdict)}", "",
                       f"*Claimed ({e(claim.claimant)}):* {e(claim.claim)}", "",
                       f"*Evidence:* {e(evidence)} Shown in {shown}.", ""]
        tables.append(f"### {e(str(theme).capitalize())}\n\n"
                      + markdown_table(["Claim", "Verdict", "Evidence, in one line", "Shown in"], rows))
        details.append("\n".join(blocks))
    summary = ", ".join(f"{_verdict_badge(v)} {n}" for v, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    head = ("(claims-audit)=\n# Claims audit\n\n"
            "The report began from an article published by Kazinform on 24 November 2025, as the President of "
            "Turkmenistan arrived in Kazakhstan for a state visit. Each of its claims is a row of the claims ledger "
            "(a dataset listed in the [data appendix](data-appendix.md)); the chapter of its theme judged it under one "
            "rule, the same for every claim (below), and this page is the one place where the verdicts are "
            "printed. Each row gives the claim, the verdict, the first line of the evidence and the figure that "
            "shows it; the evidence in full follows the tables.\n\n"
            f"Verdicts: {summary}.\n\n" + verdict_rule() + "\n## Dashboard\n\n")
    return (head + "\n\n".join(tables) + "\n\n## The evidence in full\n\n" + "\n\n".join(details) + "\n")


# --- parameters reference ------------------------------------------------------------

def _param_value(value) -> str:
    """A parameter value as a reader reads it (escaped): lists as codes, None as the chapter's own default."""
    if value is None or value == "None":
        return "none: the chapter's computed default (see meaning)"
    if isinstance(value, (list, tuple)):
        return escape_myst(", ".join(map(str, value)))
    return escape_myst(str(value).strip('"'))


def parameters_reference(config) -> str:

    out = ["# Parameters", "",
           "Every chapter is a notebook with a `parameters` cell; the build executes it with the values in "
           "`chapters.yml`. Run any chapter with other values, into a folder of its own, with "
           "`python -m kztm run CHAPTER -p NAME VALUE`. This page is generated from the notebooks themselves.", ""]
    for chapter in config.chapters.values():
        if not chapter.notebook.exists():
            continue
        params = notebook_parameters(chapter.notebook)
        rows = [[code(name), escape_myst(info["type"]),
                 _param_value(chapter.parameters.get(name, declared_default(info))), escape_myst(info["help"])]
                for name, info in params.items()]
        example = list(params)[-1]
        out += [f"## {escape_myst(chapter.title)}", "", f"Notebook {code(chapter.notebook.relative_to(ROOT))}; "
                f"for example `python -m kztm run {chapter.name} -p {example} VALUE`.", "",
                markdown_table(["Parameter", "Type", "Value in the book", "Meaning"], rows), ""]
    return "\n".join(out)


# --- scenario comparison -------------------------------------------------------------

def scenario_comparison(config, chapters_dir: Path, scenario_dir, failed: dict | None = None) -> str:
    """The "Scenarios compared" page; ``failed`` (scenario name → sentence) lists scenarios left out."""
    from .glued import read_glued

    e = escape_myst
    out = ["# Scenarios compared", "",
           "Named scenarios rerun chapters with other parameters (see `chapters.yml`); "
           "`python -m kztm build --scenario NAME` renders any of them as a book of its own. "
           "The table sets each scenario's key figures beside the default run.", ""]
    failed = failed or {}
    for name, scenario in config.scenarios.items():
        out += [f"## {e(scenario.title)}", "", e(scenario.description), ""]
        if name in failed:
            out += [f"This scenario could not be computed in this build: {e(failed[name])}", ""]
            continue
        rows = []
        for item in scenario.compare:
            base_nb = chapters_dir / f"{item['chapter']}.ipynb"
            alt_nb = scenario_dir(name) / f"{item['chapter']}.ipynb"
            base = read_glued(base_nb).get(item["figure"], "n/a") if base_nb.exists() else "n/a"
            alt = read_glued(alt_nb).get(item["figure"], "n/a") if alt_nb.exists() else "n/a"
            spec = item.get("format", "")
            rows.append([e(item["label"]), _fmt(base, spec), _fmt(alt, spec)])
        changed = "; ".join(f"{e(chapter)}: " + ", ".join(f"{code(k)} = {e(v)}" for k, v in params.items())
                            for chapter, params in scenario.parameters.items())
        out += [f"Parameters changed: {changed}. Build it as a book of its own with "
                f"`python -m kztm build --scenario {name}`.", ""]
        if rows:
            out += [markdown_table(["Figure", "Default run", f"Scenario {code(name)}"], rows), ""]
    for name, reason in failed.items():
        if name not in config.scenarios:  # broken in chapters.yml: nothing else is known about it
            out += [f"## Scenario {code(name)}", "", f"This scenario could not be built: {e(reason)}", ""]
    return "\n".join(out)


def write_side_pages(src: Path, chapters: list) -> list[str]:
    """The pages a side book (a scenario, a ``kztm run``) needs besides its chapters; returns their toc entries.

    Chapters link to the claims audit and offer their notebook template for download: the side book gets
    its own claims audit (for its chapters only), the data appendix and a copy of each template.
    """
    import shutil

    from .config import BuildConfig

    subset = BuildConfig({chapter.name: chapter for chapter in chapters}, {})
    (src / "notebooks").mkdir(parents=True, exist_ok=True)
    for chapter in chapters:
        shutil.copy2(chapter.notebook, src / "notebooks" / chapter.notebook.name)
    write_data_appendix(src / "generated")
    _write_if_changed(src / "generated" / "claims-audit.md", claims_audit(subset, src / "chapters"))
    return ["generated/claims-audit", "generated/data-appendix"]


def verdict_rule() -> str:
    """The verdict rule as a table, from :data:`kztm.report.verdicts.RULE` (the code that enforces it)."""
    from ..report.verdicts import RULE

    return markdown_table(["Verdict", "Evidence it needs", "When it is given"],
                          [[f"**{verdict}**", kinds, meaning] for verdict, kinds, meaning in RULE]) + "\n"


def _pages_inputs(config, failed_scenarios: dict | None) -> str:
    """A hash of everything the generated pages are made from: the package's code, the configuration, the
    notebook templates, the data folders and the executed chapters of the book and of its scenarios."""
    import hashlib
    import json
    import os

    from ..paths import default_compiled_dir, default_out_dir
    from .execute import package_fingerprint

    digest = hashlib.sha256(package_fingerprint().encode())
    digest.update(json.dumps([repr(config), failed_scenarios or {}, os.environ.get("KZTM_DATA_DIR", ""),
                              os.environ.get("KZTM_COMPILED_DIR", "")], sort_keys=True, default=str).encode())
    folders = [default_out_dir(), default_compiled_dir(), CHAPTERS_DIR]
    folders += [scenario_chapters_dir(name) for name in config.scenarios]
    files = [chapter.notebook for chapter in config.chapters.values()]
    for folder in folders:
        files += sorted(p for p in Path(folder).rglob("*") if p.is_file()) if Path(folder).is_dir() else []
    for path in files:
        digest.update(str(path).encode() + b"\0" + (Path(path).read_bytes() if Path(path).exists() else b"missing"))
    return digest.hexdigest()


def generate_pages(config=None, failed_scenarios: dict | None = None) -> list[Path]:
    """Write every generated page of the main book (``failed_scenarios``: name → why it is left out).

    Skipped when nothing they are made from changed since they were last written (see :func:`_pages_inputs`).
    """
    from .config import load_config

    config = config or load_config()
    names = ["data-appendix.md", "claims-audit.md", "verdict-summary.md", "parameters.md", "verdict-rule.md"]
    if config.scenarios or failed_scenarios:
        names.append("scenarios.md")
    stamp = GENERATED_DIR / ".inputs.sha256"
    inputs = _pages_inputs(config, failed_scenarios)
    if stamp.exists() and stamp.read_text() == inputs and all((GENERATED_DIR / n).exists() for n in names):
        return [GENERATED_DIR / name for name in names]
    stamp.unlink(missing_ok=True)
    pages = [write_data_appendix(),
             _write_if_changed(GENERATED_DIR / "claims-audit.md", claims_audit(config, CHAPTERS_DIR)),
             _write_if_changed(GENERATED_DIR / "verdict-summary.md", verdict_summary(config, CHAPTERS_DIR)),
             _write_if_changed(GENERATED_DIR / "parameters.md", parameters_reference(config)),
             _write_if_changed(GENERATED_DIR / "verdict-rule.md", verdict_rule())]
    if config.scenarios or failed_scenarios:
        pages.append(_write_if_changed(GENERATED_DIR / "scenarios.md",
                                       scenario_comparison(config, CHAPTERS_DIR, scenario_chapters_dir,
                                                           failed_scenarios)))
    stamp.write_text(inputs)
    return pages
