"""Attribution generated from the origin metadata: chart footers, the data
appendix table, and per-dataset downloads (CSV + metadata JSON)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from .loader import data_dir, dataset_metadata, read_package

if TYPE_CHECKING:  # pandas is imported where a table is read: a build that reads none starts faster
    import pandas as pd


def dataset_anchor(name: str) -> str:
    """The id of a dataset's section in the data appendix (Sphinx turns "_" into "-" in ids)."""
    return "dataset-" + name.replace("_", "-")


_LICENSE_SHORT = {
    "CC-BY-4.0": "CC BY 4.0",
    "ODC-PDDL-1.0": "ODC PDDL 1.0",
    "public-domain": "public domain",
    "BP-Statistical-Review-terms": "BP terms of use",
    "IMF-terms": "IMF terms of use",
}


def license_short(name: str) -> str:
    return _LICENSE_SHORT.get(name, name)


def source_line(name: str, directory=None) -> str:
    """One short line for a chart footer, e.g.
    'Source: World Bank, World Development Indicators (WDI vintage 2026-07-01), CC BY 4.0'."""
    origins = dataset_metadata(name, directory)["origin"]
    parts, seen = [], set()
    for o in origins:
        text = f"{o['attribution']}, {license_short(o['license']['name'])}"
        if text not in seen:
            seen.add(text)
            parts.append(text)
    return ("Source: " if len(parts) == 1 else "Sources: ") + "; ".join(parts)


def sources_table(directory=None) -> pd.DataFrame:
    """One row per dataset for the data appendix (the rows of :func:`sources_rows` as a table)."""
    import pandas as pd

    return pd.DataFrame(sources_rows(directory))


def sources_rows(directory=None) -> list[dict]:
    """One dict per dataset of the data package (``data/datapackage.json``, or ``directory``'s): dataset, title,
    producer, licence, vintage, countries, years covered, rows, file. Raises ``DataError`` without a package."""
    rows = []
    for res in read_package(directory)["resources"]:
        origins = res.get("origin", [])
        cov = res.get("coverage", {})
        years = cov.get("years")
        rows.append({
            "dataset": res["name"],
            "title": res["title"],
            "producer": "; ".join(dict.fromkeys(o["producer"] for o in origins)),
            "licence": "; ".join(dict.fromkeys(license_short(o["license"]["name"]) for o in origins)),
            "vintage": "; ".join(dict.fromkeys(str(o.get("vintage", "")) for o in origins if o.get("vintage"))),
            "countries": ", ".join(cov.get("countries", [])),
            "years covered": f"{years[0]}–{years[1]}" if years else "",
            "rows": cov.get("rows"),
            "file": res["path"],
        })
    return rows


def write_downloads(dest_dir, directory=None) -> list[Path]:
    """Copy each dataset file to ``dest_dir`` with ``<name>.json`` (its resource metadata)."""
    dest = Path(dest_dir)
    dest.mkdir(parents=True, exist_ok=True)
    src = data_dir(directory)
    written = []
    for res in read_package(directory)["resources"]:
        target = dest / res["path"]
        shutil.copyfile(src / res["path"], target)
        meta = dest / f"{res['name']}.metadata.json" if res["path"].endswith(".json") else dest / f"{res['name']}.json"
        meta.write_text(json.dumps(res, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written += [target, meta]
    return written
