"""Bilateral Kazakhstan-Turkmenistan figures quoted by officials and the press."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..paths import default_compiled_dir


def _period(text: str) -> tuple[str, str, int | None]:
    """'2021' -> whole year; '2022-01/2022-07' -> 1 Jan to 31 Jul (7 months); '2021/2024' -> 2021-01-01 to
    2024-12-31; 'target' (a goal without a year) -> no dates."""
    text = text.strip()
    if text == "target":
        return "", "", None
    a, b = text.split("/") if "/" in text else (text, text)
    start = pd.Period(a if len(a) > 4 else f"{a}-01", freq="M")
    end = pd.Period(b if len(b) > 4 else f"{b}-12", freq="M")
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    return str(start.start_time.date()), str(end.end_time.date()), months


def _status(text: str) -> str:
    """Normalise the compilers' status wording to stated / derived / qualitative."""
    t = text.lower()
    if t.startswith("implied") or t.startswith("derived"):
        return "derived"
    if "qualitative" in t:
        return "qualitative"
    if t.startswith("stated"):
        return "stated"
    raise ValueError(f"unknown status {text!r} in the bilateral trade quotes")


TRADE_QUOTED_EXTRA = "trade_quoted_extra.csv"


def _trade_rows(src: pd.DataFrame, prefix: str) -> list[dict]:
    rows = []
    for i, r in enumerate(src.to_dict("records"), start=1):
        start, end, months = _period(r["period"])
        rows.append({
            "id": f"{prefix}{i:02d}", "period": r["period"], "period_start": start, "period_end": end,
            "months": months, "indicator": r["indicator"], "value": r["value"], "unit": r["unit"],
            "change_stated": r["change_stated"], "status": _status(r["status"]), "status_detail": r["status"],
            "source_url": r["source_url"], "source_date": r["source_date"], "note": r["note"],
            "bib_key": r.get("bib_key", ""), "horizon_stated": r.get("horizon_stated", ""),
        })
    return rows


def derive_trade_bilateral(raw: Path, compiled_dir: Path | None = None) -> pd.DataFrame:
    src = pd.read_csv(raw / "kz-tm-trade-quoted" / "kz_tm_bilateral_figures_quoted.csv", dtype=str,
                      keep_default_na=False)
    rows = _trade_rows(src, "Q")
    extra_path = (compiled_dir or default_compiled_dir()) / TRADE_QUOTED_EXTRA
    if extra_path.is_file():
        rows += _trade_rows(pd.read_csv(extra_path, dtype=str, keep_default_na=False), "C")
    else:
        print(f"  notice: {extra_path} not found; trade_bilateral has only the raw compilation's rows")
    df = pd.DataFrame(rows)
    df["value"] = pd.to_numeric(df["value"].replace("", None))
    df["months"] = pd.to_numeric(df["months"])
    return df
