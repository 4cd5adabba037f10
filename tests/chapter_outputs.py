"""What an executed chapter notebook shows a reader outside the book (Jupyter, nbconvert), for the chapter tests."""

from __future__ import annotations

import re

import nbformat

from kztm.charts.render import FIGURE_MIME

RAW_ROLES = ("{glue:", "{numref}", "{cite", "{fig:", "{ref}", "{claim:")


def _outputs(notebook_path) -> list[dict]:
    nb = nbformat.read(str(notebook_path), as_version=4)
    return [out for cell in nb.cells for out in cell.get("outputs", []) if not out.get("metadata", {}).get("scrapbook")]


def figures(notebook_path) -> dict:
    """Figure name → (book payload, SVG picture) of every figure shown, in order."""
    return {out["data"][FIGURE_MIME]["name"]: (out["data"][FIGURE_MIME], out["data"].get("image/svg+xml", ""))
            for out in _outputs(notebook_path) if FIGURE_MIME in out.get("data", {})}


def visible_text(notebook_path) -> str:
    """Markdown cells and the Markdown/HTML outputs, with the Markdown escapes of punctuation taken out."""
    nb = nbformat.read(str(notebook_path), as_version=4)
    parts = [c.source for c in nb.cells if c.cell_type == "markdown"]
    parts += [out.get("data", {}).get("text/markdown", "") + out.get("data", {}).get("text/html", "")
              for out in _outputs(notebook_path)]
    return "\n".join(parts).replace("\\", "")


def assert_reads_in_jupyter(text: str) -> None:
    """No 'nan' and no raw MyST role where a reader expects a number or a reference."""
    assert not re.search(r"\bnan\b", text, flags=re.IGNORECASE)
    for role in RAW_ROLES:
        assert role not in text, role


def assert_figure_complete(name: str, payload: dict, svg: str) -> None:
    """A figure as the reader gets it: a picture carrying its source line, a source line for the book,
    and a data table whose value columns give their units in the header ("(USD million)", "(% of GDP)")."""
    assert svg.startswith("<svg") and ">Source" in svg, name
    assert payload["source"].startswith("Source") and payload["datasets"], name
    assert re.search(r"<th[^>]*>[^<]*\((?:[^()<]*USD[^()<]*|%[^()<]*)\)</th>", payload["table"]), name


def assert_figures(notebook_path, names: list[str]) -> dict:
    """The notebook shows exactly the figures ``names``, in order, each complete; returns them by name."""
    shown = figures(notebook_path)
    assert list(shown) == names
    for name, (payload, svg) in shown.items():
        assert_figure_complete(name, payload, svg)
    return shown
