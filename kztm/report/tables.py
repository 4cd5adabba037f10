"""Tables as readers see them: escaped HTML, units in the headers, numbers formatted and right-aligned."""

from __future__ import annotations

import html
import math

import pandas as pd

from .prose import plain_value


def format_cell(value, spec: str | None = None) -> str:
    """One cell as text: ``spec`` (e.g. ",.1f") for numbers; by default floats keep up to three
    decimals (none from 100,000 up), whole numbers and years print as they are, dates as YYYY-MM-DD,
    missing values as an empty cell."""
    value = plain_value(value)
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if spec:
            return format(value, spec)
        if isinstance(value, float):
            return f"{value:,.0f}" if abs(value) >= 1e5 else f"{value:,.3f}".rstrip("0").rstrip(".")
        return str(value)
    return str(value)


def table_html(frame: pd.DataFrame, caption: str | None = None, formats: dict | None = None,
               css_class: str = "kztm-table-plain") -> str:
    """``frame`` as an HTML table (no index); every header and cell escaped; numeric cells get class
    ``kztm-num``. ``formats`` maps a column name to a format spec; ``caption`` is escaped too."""
    formats = formats or {}
    head = "".join(f'<th scope="col">{html.escape(str(c))}</th>' for c in frame.columns)
    body = []
    for row in frame.itertuples(index=False):
        cells = []
        for column, value in zip(frame.columns, row, strict=True):
            plain = plain_value(value)
            numeric = isinstance(plain, (int, float)) and not isinstance(plain, bool)
            cls = ' class="kztm-num"' if numeric else ""
            cells.append(f"<td{cls}>{html.escape(format_cell(value, formats.get(column)))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return (f'<table class="{css_class}">{cap}<thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>")
