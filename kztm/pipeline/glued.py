"""Read the figures a chapter glued (myst-nb ``glue``) back out of its executed notebook.

Tests use it to compare a chapter's key figures with values computed independently;
the executive summary and the claims audit use it to quote the chapters without retyping.
"""

from __future__ import annotations

import ast
import copy
import json
from functools import lru_cache
from pathlib import Path


def read_glued(notebook: Path) -> dict:
    """name → value of every glued output of the executed ``notebook`` (numbers and strings; charts come back
    as their text).

    The notebook's JSON is read as it is (nbformat 4; no schema validation, which costs more than the reading),
    once per version of the file in a process: the summary, the claims audit and the scenario comparison all
    quote the same notebooks. Raises ``OSError`` or ``json.JSONDecodeError`` for a missing or damaged file.
    """
    stat = Path(notebook).stat()
    return copy.deepcopy(_glued(str(notebook), stat.st_mtime_ns, stat.st_size))


@lru_cache(maxsize=128)
def _glued(path: str, _mtime_ns: int, _size: int) -> dict:
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    values = {}
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []):
            meta = output.get("metadata", {}).get("scrapbook")
            if not meta:
                continue
            prefix = meta.get("mime_prefix", "")
            text = output.get("data", {}).get(prefix + "text/plain", "")
            text = "".join(text) if isinstance(text, list) else text  # multi-line strings are stored as lists
            try:
                values[meta["name"]] = ast.literal_eval(text)
            except (ValueError, SyntaxError):
                values[meta["name"]] = text
    return values
