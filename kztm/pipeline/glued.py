"""Read the figures a chapter glued (myst-nb ``glue``) back out of its executed notebook.

Tests use it to compare a chapter's key figures with values computed independently;
the executive summary and the claims audit use it to quote the chapters without retyping.
"""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat


def read_glued(notebook: Path) -> dict:
    """name → value of every glued output (numbers and strings; charts come back as their text)."""
    nb = nbformat.read(str(notebook), as_version=4)
    values = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            meta = output.get("metadata", {}).get("scrapbook")
            if not meta:
                continue
            prefix = meta.get("mime_prefix", "")
            text = output.get("data", {}).get(prefix + "text/plain", "")
            try:
                values[meta["name"]] = ast.literal_eval(text)
            except (ValueError, SyntaxError):
                values[meta["name"]] = text
    return values
