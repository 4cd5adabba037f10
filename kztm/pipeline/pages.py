"""Pages of the book generated before each build, never typed by hand:

- the data appendix, from ``data/datapackage.json``;
- the claims audit, from the claims ledger and the verdicts each chapter glued;
- the parameters reference, from the notebooks' parameters cells;
- the scenario comparison, from the figures the default and scenario runs glued.

Generated pages live in ``book/generated/`` (git-ignored) and are rewritten only when their
text changes, so Sphinx's incremental build leaves them alone otherwise.
"""

from __future__ import annotations

from pathlib import Path

from ..data import dataset_metadata, dataset_names, sources_table, write_downloads
from ..data.appendix import dataset_anchor, license_short
from ..paths import CHAPTERS_DIR, GENERATED_DIR, ROOT, scenario_chapters_dir
from .config import notebook_parameters


def _write_if_changed(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def _cell(value) -> str:
    return str(value if value is not None else "").replace("|", "\\|").replace("\n", " ")


def markdown_table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def _dataset_section(name: str) -> str:
    meta = dataset_metadata(name)
    cov = meta.get("coverage", {})
    files = f"{{download}}`{meta['path'].rsplit('.', 1)[-1].upper()} <downloads/{meta['path']}>`"
    meta_file = f"{name}.metadata.json" if meta["path"].endswith(".json") else f"{name}.json"
    out = [f"({dataset_anchor(name)})=", f"## {meta['title']}", "",
           f"Dataset `{name}` · download: {files} · {{download}}`metadata (JSON) <downloads/{meta_file}>`", "",
           meta.get("description", ""), ""]
    for origin in meta.get("origin", []):
        vintage = origin.get("vintage") or origin.get("date_published") or "n/a"
        out.append(f"- **Producer:** {origin['producer']}: *{origin['title']}* "
                   f"(vintage {vintage}; accessed {origin.get('date_accessed', 'n/a')}); "
                   f"licence {license_short(origin['license']['name'])}.")
        if origin.get("url_main"):
            out.append(f"  Upstream: <{origin['url_main']}>")
        out.append(f"- **Citation:** {origin.get('citation', '')}")
        out.append(f"- **Processing:** {origin.get('processing', '')}")
    coverage = []
    if cov.get("countries"):
        coverage.append("countries " + ", ".join(cov["countries"]))
    if cov.get("years"):
        coverage.append(f"years {cov['years'][0]}–{cov['years'][1]}")
    if cov.get("rows") is not None:
        coverage.append(f"{cov['rows']:,} rows")
    if coverage:
        out.append("- **Coverage:** " + "; ".join(coverage) + ".")
    for note in meta.get("notes", []) or []:
        out.append(f"- **Note:** {note}")
    fields = meta.get("schema", {}).get("fields", [])
    if fields:
        out += ["", ":::{dropdown} Fields", "",
                markdown_table(["Field", "Type", "Unit", "Description"],
                               [[f"`{f['name']}`", f.get("type", ""), f.get("unit", ""), f.get("description", "")]
                                for f in fields]),
                "", ":::"]
    return "\n".join(out) + "\n"


def data_appendix() -> str:
    table = sources_table()
    rows = [[f"[{r.title}](#{dataset_anchor(r.dataset)})", r.licence, r.vintage, r["years covered"]]
            for _, r in table.iterrows()]
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
    """The data appendix page and the dataset downloads it links to, in ``folder``."""
    write_downloads(folder / "downloads")
    return _write_if_changed(folder / "data-appendix.md", data_appendix())


# --- claims audit ------------------------------------------------------------------

THEME_CHAPTER = {"politics": "politics", "trade": "trade", "energy": "energy", "logistics": "logistics",
                 "investment": "investment", "environment": "environment"}


def _fmt(value, spec: str = "") -> str:
    if isinstance(value, (int, float)) and spec:
        return format(value, spec)
    return str(value)


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
    parts = [f"{n} {verdict}" for verdict, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return (f"Of the article's {len(ids)} claims, the chapters find " + ", ".join(parts[:-1])
            + (" and " if len(parts) > 1 else "") + parts[-1] + ".\n")


def claims_audit(config, chapters_dir: Path) -> str:
    """An overview table of verdicts, then each claim with its evidence, theme by theme in chapter order."""
    from ..data import load_dataset

    glued = _verdicts(config, chapters_dir)
    claims = load_dataset("claims")
    counts, overview, sections = {}, [], []
    order = {name: i for i, name in enumerate(config.chapters)}
    themes = sorted(claims.theme.unique(), key=lambda t: order.get(THEME_CHAPTER.get(t, t), len(order)))
    for theme in themes:
        chapter = THEME_CHAPTER.get(theme, theme)
        blocks = [f"## {theme.capitalize()}", ""]
        for _, claim in claims[claims.theme == theme].iterrows():
            cid = claim.claim_id
            verdict = glued.get(f"verdict_{cid}", "not assessed")
            counts[verdict] = counts.get(verdict, 0) + 1
            figure = glued.get(f"figure_{cid}")
            if figure:
                shown = f"{{numref}}`{figure}`"
            elif chapter in config.chapters:
                shown = f"[the {chapter} chapter](../chapters/{chapter}.ipynb)"
            else:
                shown = "not in this book"
            overview.append([f"**{cid}**", theme.capitalize(), f"**{verdict}**", shown])
            evidence = glued.get(f"evidence_{cid}", "The chapter has not assessed this claim.")
            blocks += [f"({'claim-' + cid.lower()})=", f"### {cid}: {verdict}", "",
                       f"*Claimed ({claim.claimant}):* {claim.claim}", "",
                       f"*Evidence:* {evidence} Shown in {shown}.", ""]
        sections.append("\n".join(blocks))
    summary = ", ".join(f"{n} {v}" for v, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    head = ("(claims-audit)=\n# Claims audit\n\n"
            "The report began from an article published by Kazinform on 24 November 2025, as the President of "
            "Turkmenistan arrived in Kazakhstan for a state visit. Each of its claims is a row of the claims ledger "
            "(a dataset listed in the [data appendix](data-appendix.md)); each chapter judged the claims of its "
            "theme against the data, and this page collects the verdicts as the chapters computed them. "
            "A claim is *consistent* when the open data agree with it, *partly consistent* when they agree with "
            "part of it, *inconsistent* when they contradict it, and *cannot be checked with open data* when no "
            "open source measures it.\n\n"
            f"Verdicts: {summary}.\n\n"
            + markdown_table(["Claim", "Theme", "Verdict", "Shown in"], overview) + "\n\n")
    return head + "\n\n".join(sections) + "\n"


# --- parameters reference ------------------------------------------------------------

def _param_value(value) -> str:
    """A parameter value as a reader reads it: lists as codes, None as the chapter's own default."""
    if value is None or value == "None":
        return "none: the chapter's computed default (see meaning)"
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    return str(value).strip('"')


def parameters_reference(config) -> str:

    out = ["# Parameters", "",
           "Every chapter is a notebook with a `parameters` cell; the build executes it with the values in "
           "`chapters.yml`. Run any chapter with other values, into a folder of its own, with "
           "`python -m kztm run CHAPTER -p NAME VALUE`. This page is generated from the notebooks themselves.", ""]
    for chapter in config.chapters.values():
        if not chapter.notebook.exists():
            continue
        params = notebook_parameters(chapter.notebook)
        rows = [[f"`{name}`", info["type"], _param_value(chapter.parameters.get(name, info["default"])),
                 info["help"]] for name, info in params.items()]
        example = list(params)[-1]
        out += [f"## {chapter.title}", "", f"Notebook `{chapter.notebook.relative_to(ROOT)}`; "
                f"for example `python -m kztm run {chapter.name} -p {example} VALUE`.", "",
                markdown_table(["Parameter", "Type", "Value in the book", "Meaning"], rows), ""]
    return "\n".join(out)


# --- scenario comparison -------------------------------------------------------------

def scenario_comparison(config, chapters_dir: Path, scenario_dir) -> str:
    from .glued import read_glued

    out = ["# Scenarios compared", "",
           "Named scenarios rerun chapters with other parameters (see `chapters.yml`); "
           "`python -m kztm build --scenario NAME` renders any of them as a book of its own. "
           "The table sets each scenario's key figures beside the default run.", ""]
    for name, scenario in config.scenarios.items():
        rows = []
        for item in scenario.compare:
            base_nb = chapters_dir / f"{item['chapter']}.ipynb"
            alt_nb = scenario_dir(name) / f"{item['chapter']}.ipynb"
            base = read_glued(base_nb).get(item["figure"], "n/a") if base_nb.exists() else "n/a"
            alt = read_glued(alt_nb).get(item["figure"], "n/a") if alt_nb.exists() else "n/a"
            spec = item.get("format", "")
            rows.append([item["label"], _fmt(base, spec), _fmt(alt, spec)])
        changed = "; ".join(f"{chapter}: " + ", ".join(f"`{k}` = {v}" for k, v in params.items())
                            for chapter, params in scenario.parameters.items())
        out += [f"## {scenario.title}", "", scenario.description, "",
                f"Parameters changed: {changed}. Build it as a book of its own with "
                f"`python -m kztm build --scenario {name}`.", ""]
        if rows:
            out += [markdown_table(["Figure", "Default run", f"Scenario {name}"], rows), ""]
    return "\n".join(out)


def verdict_rule() -> str:
    """The verdict rule as a table, from :data:`kztm.report.verdicts.RULE` (the code that enforces it)."""
    from ..report.verdicts import RULE

    return markdown_table(["Verdict", "Evidence it needs", "When it is given"],
                          [[f"**{verdict}**", kinds, meaning] for verdict, kinds, meaning in RULE]) + "\n"


def generate_pages(config=None) -> list[Path]:
    """Write every generated page of the main book."""
    from .config import load_config

    config = config or load_config()
    pages = [write_data_appendix(),
             _write_if_changed(GENERATED_DIR / "claims-audit.md", claims_audit(config, CHAPTERS_DIR)),
             _write_if_changed(GENERATED_DIR / "verdict-summary.md", verdict_summary(config, CHAPTERS_DIR)),
             _write_if_changed(GENERATED_DIR / "parameters.md", parameters_reference(config)),
             _write_if_changed(GENERATED_DIR / "verdict-rule.md", verdict_rule())]
    if config.scenarios:
        pages.append(_write_if_changed(GENERATED_DIR / "scenarios.md",
                                       scenario_comparison(config, CHAPTERS_DIR, scenario_chapters_dir)))
    return pages
