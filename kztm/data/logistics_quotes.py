"""Port, railway and treaty figures for Kazakhstan-Turkmenistan quoted by officials and the press."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from .loader import DataError
from .trade_quotes import _period

RAW_FILE = "kz-tm-logistics-quoted/kz_tm_logistics_treaties_quoted.csv"

# The compiler's indicator wording -> (subject, definition).  Explicit, so a new row needs a decision here.
INDICATORS: dict[str, tuple[str, str]] = {
    "Aktau seaport cargo turnover": ("Aktau port", "throughput"),
    "Aktau seaport transshipment (dry + oil)": ("Aktau port", "throughput"),
    "Aktau seaport transshipment": ("Aktau port", "throughput"),
    "Aktau seaport throughput capacity": ("Aktau port", "capacity"),
    "Kuryk seaport cargo": ("Kuryk port", "throughput"),
    "Kuryk seaport transshipment": ("Kuryk port", "throughput"),
    "Turkmenbashi international seaport cargo transshipment": ("Turkmenbashi port", "throughput"),
    "Turkmenbashi seaport cargo transported": ("Turkmenbashi port", "transported"),
    "Aktau-Turkmenbashi route cargo": ("Aktau-Turkmenbashi sea route", "growth"),
    "Kazakhstan-Turkmenistan-Iran railway cargo": ("Kazakhstan-Turkmenistan-Iran railway", "transported"),
    "Serhetyaka-Bolashak crossing cargo": ("Kazakhstan-Turkmenistan rail cargo (Serhetyaka-Bolashak crossing)",
                                           "transported"),
    "Bolashak station cargo": ("Kazakhstan-Turkmenistan rail cargo (Bolashak station)", "transported"),
    "KZ-TM rail traffic": ("Kazakhstan-Turkmenistan rail cargo", "transported"),
    "KZ-TM cargo transportation": ("Kazakhstan-Turkmenistan rail cargo", "transported"),
    "Agreement on Mutual Promotion and Protection of Investments": ("Kazakhstan-Turkmenistan investment agreement",
                                                                    "signature"),
    "Package of documents at Tokayev visit to Ashgabat": ("Documents signed at the state visit of 2024-10",
                                                          "documents_signed"),
    "Package of documents at Berdimuhamedov state visit to Astana": ("Documents signed at the state visit of 2022-10",
                                                                     "documents_signed"),
    "Treaty on Strategic Partnership": ("Kazakhstan-Turkmenistan strategic partnership treaty", "signature"),
}

_RATIFIED = re.compile(r"ratified by (Law of the Republic of Kazakhstan No\. [0-9A-Za-z-]+) of (\d{4}-\d{2}-\d{2})")
_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:\s*\(.*\))?$")


def status(text: str) -> str:
    """The compiler's status wording -> stated / derived / estimate (DataError on an unknown wording)."""
    t = text.lower()
    if "computed here" in t or t.startswith("derived") or t.startswith("implied"):
        return "derived"
    if "not on page" in t or "inferred" in t or "approx" in t or "estimate" in t:
        return "estimate"
    if t.startswith("stated"):
        return "stated"
    raise DataError(f"{RAW_FILE}: unknown status wording {text!r}.")


def period_bounds(text: str) -> tuple[str, str]:
    """Period text -> (first day, last day), ISO dates.

    '2023-H1' -> Jan-Jun; '2020-Q1' -> Jan-Mar; '2021-2023' -> three whole years; '2024-10-10' (optionally
    followed by a remark in brackets) -> that day; otherwise the forms of ``trade_quotes._period``.
    """
    text = text.strip()
    day = _DAY.match(text)
    if day:
        return day.group(1), day.group(1)
    half = re.fullmatch(r"(\d{4})-H([12])", text)
    quarter = re.fullmatch(r"(\d{4})-Q([1-4])", text)
    span = re.fullmatch(r"(\d{4})-(\d{4})", text)
    if half:
        first = 1 + 6 * (int(half.group(2)) - 1)
        text = f"{half.group(1)}-{first:02d}/{half.group(1)}-{first + 5:02d}"
    elif quarter:
        first = 1 + 3 * (int(quarter.group(2)) - 1)
        text = f"{quarter.group(1)}-{first:02d}/{quarter.group(1)}-{first + 2:02d}"
    elif span:
        text = f"{span.group(1)}/{span.group(2)}"
    try:
        start, end, _ = _period(text)
    except ValueError:
        raise DataError(f"{RAW_FILE}: period {text!r} is not in a known form.") from None
    return start, end


def derive_logistics_quoted(raw: Path) -> pd.DataFrame:
    """Dataset ``logistics_quoted``: one row per quoted figure, plus the ratification of the investment agreement."""
    path = raw / RAW_FILE
    if not path.is_file():
        raise DataError(f"Quoted logistics figures {path} are missing.")
    src = pd.read_csv(path, dtype=str, keep_default_na=False)
    rows = []
    for r in src.to_dict("records"):
        if r["indicator"] not in INDICATORS:
            raise DataError(f"{path}: indicator {r['indicator']!r} has no subject and definition in "
                            "kztm/data/logistics_quotes.py INDICATORS.")
        subject, definition = INDICATORS[r["indicator"]]
        start, end = period_bounds(r["period"])
        row = {"topic": r["topic"], "subject": subject, "indicator": r["indicator"], "definition": definition,
               "period": r["period"], "period_start": start, "period_end": end,
               "value": float(r["value"]) if r["value"] else None, "unit": r["unit"], "status": status(r["status"]),
               "status_detail": r["status"], "detail": r["detail"], "source_url": r["source_url"],
               "source_date": r["source_date"]}
        rows.append(row)
        if r["indicator"] == "Agreement on Mutual Promotion and Protection of Investments":
            law = _RATIFIED.search(r["detail"])
            if not law:
                raise DataError(f"{path}: the investment agreement's row does not name the ratifying law and its date.")
            rows.append({**row, "indicator": f"{r['indicator']}: ratification by Kazakhstan",
                         "definition": "ratification",
                         "period": law.group(2), "period_start": law.group(2), "period_end": law.group(2),
                         "detail": f"{law.group(1)} of {law.group(2)}"})
    df = pd.DataFrame(rows)
    df.insert(0, "id", [f"L{i:02d}" for i in range(1, len(df) + 1)])
    return df
