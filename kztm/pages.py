"""Pages of the book generated before each build: the data appendix (from data/datapackage.json).

Generated pages live in ``book/generated/`` (git-ignored) and are rewritten only when their
text changes, so Sphinx's incremental build leaves them alone otherwise.
"""

from __future__ import annotations

from pathlib import Path

from .config import ROOT
from .data import dataset_metadata, dataset_names, sources_table, write_downloads
from .data.appendix import license_short

GENERATED_DIR = ROOT / "book" / "generated"


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
    out = [f"(dataset-{name})=", f"## {meta['title']}", "",
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
    rows = [[f"[{r.title}](#dataset-{r.dataset})", r.licence, r.vintage, r["years covered"]]
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


def generate_pages() -> list[Path]:
    """Write every generated page (and the dataset downloads it links to)."""
    downloads = GENERATED_DIR / "downloads"
    write_downloads(downloads)
    return [_write_if_changed(GENERATED_DIR / "data-appendix.md", data_appendix())]
