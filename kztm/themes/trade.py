"""Trade chapter computations: the quoted bilateral series, its checks and the target scenario.

The bilateral Kazakhstan–Turkmenistan figures (dataset ``trade_bilateral``) are quotes, not a
statistical series: full years and partial years are kept apart, and a figure the researchers
derived (status ``derived``) is never treated as a quoted one. Everything here is pure pandas
and arithmetic, unit-tested in ``tests/test_trade.py``; the ``*_figures`` functions at the end give the
chapter the values it glues, and the ``*_text`` and ``*_title`` functions the sentences the data choose.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

from ..countries import COUNTRIES
from ..params import CommonParams, ParameterError
from ..report.wording import (
    change_verb,
    match_phrase,
    mirror_sentence,
    neighbour_rank_phrase,
    number_text,
    number_word,
    peak_phrase,
    side_of,
    years_phrase,
)
from . import bilateral as bi
from .indicators import cagr, latest, pct_of_gdp_by_vintage, years_to_reach

TURNOVER = "KZ-TM trade turnover"
EXPORTS = "KZ exports to TM"
IMPORTS = "KZ imports from TM"
TARGET = "KZ-TM trade turnover target"
FULL_YEAR = 12


def _with_year(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out["year"] = out["period_start"].dt.year.astype("Int64")
    return out


def turnover_points(bilateral: pd.DataFrame) -> pd.DataFrame:
    """Every turnover figure with a value (full and partial years; targets excluded).

    Columns: id, year, months, value, status, period, source_url, source_date, full_year (bool).
    """
    rows = bilateral[(bilateral["indicator"] == TURNOVER) & bilateral["value"].notna()
                     & bilateral["period_start"].notna()]
    rows = _with_year(rows)
    rows = rows.assign(months=rows["months"].astype(int), full_year=rows["months"] == FULL_YEAR)
    cols = ["id", "year", "months", "value", "status", "period", "source_url", "source_date", "full_year"]
    return rows[cols].sort_values(["year", "months"]).reset_index(drop=True)


def full_year_turnover(bilateral: pd.DataFrame, include_derived: bool = False) -> pd.DataFrame:
    """Full-year turnover (USD million) by year; quoted ("stated") only unless ``include_derived``."""
    rows = turnover_points(bilateral)
    rows = rows[rows["full_year"]]
    if not include_derived:
        rows = rows[rows["status"] == "stated"]
    return rows.reset_index(drop=True)


def quoted_full_years(bilateral: pd.DataFrame) -> dict[int, float]:
    """year → quoted full-year turnover (USD million), derived points left out."""
    rows = full_year_turnover(bilateral)
    return {int(y): float(v) for y, v in zip(rows["year"], rows["value"], strict=True)}


def partial_year_turnover(bilateral: pd.DataFrame) -> pd.DataFrame:
    """Turnover figures for part of a year (months < 12), with the month count."""
    rows = turnover_points(bilateral)
    return rows[~rows["full_year"]].reset_index(drop=True)


def target_value(bilateral: pd.DataFrame) -> float:
    """The stated turnover goal (USD million), the row whose period is 'target'."""
    rows = bilateral[(bilateral["period"] == "target") & bilateral["value"].notna()]
    if rows.empty:
        raise LookupError("trade_bilateral has no row with period 'target'.")
    return float(rows["value"].iloc[0])


def flow(bilateral: pd.DataFrame, indicator: str, period: str) -> float:
    """The value of one quoted figure, by indicator and period (e.g. '2025-01/2025-09')."""
    rows = bilateral[(bilateral["indicator"] == indicator) & (bilateral["period"] == period)
                     & bilateral["value"].notna()]
    if rows.empty:
        raise LookupError(f"No {indicator!r} figure for the period {period!r} in trade_bilateral.")
    return float(rows["value"].iloc[0])


def stated_change_pct(text) -> float | None:
    """The first signed percentage in a ``change_stated`` text ('+5.4% y/y' → 5.4); None if there is none."""
    if not isinstance(text, str):
        return None
    match = re.search(r"([+\-−]?\d+(?:\.\d+)?)\s*%", text)
    if not match:
        return None
    return float(match.group(1).replace("−", "-"))


def implied_previous(value: float, change_pct: float) -> float:
    """The value a year earlier implied by a stated growth rate (a derived figure)."""
    if change_pct <= -100:
        raise ValueError(f"A change of {change_pct}% cannot be undone.")
    return value / (1.0 + change_pct / 100.0)


def split_check(exports: float, imports: float, turnover: float) -> dict:
    """Exports + imports against the stated turnover, and the balance (Kazakhstan's view)."""
    total = exports + imports
    return {"sum": total, "gap": total - turnover, "balance": exports - imports,
            "adds_up": math.isclose(total, turnover, abs_tol=0.05)}


def pct_change(old: float, new: float) -> float:
    """Percentage change from ``old`` to ``new``."""
    if old == 0:
        raise ZeroDivisionError("pct_change from zero")
    return (new / old - 1.0) * 100.0


def required_growth(base_value: float, target: float, base_year: int, target_year: int) -> float:
    """Compound annual growth (fraction) needed to go from ``base_value`` to ``target``."""
    return cagr(base_value, target, target_year - base_year)


def year_reached(base_value: float, target: float, base_year: int, rate: float) -> int | None:
    """First whole year in which growth at ``rate`` reaches ``target``; None if it never does."""
    years = years_to_reach(base_value, target, rate)
    if math.isinf(years):
        return None
    # a tiny tolerance so that the exact required rate lands on its target year
    return base_year + math.ceil(years - 1e-9)


def growth_paths(base_value: float, base_year: int, end_year: int, rates: dict[str, float]) -> pd.DataFrame:
    """Long table of turnover paths: one row per (label, year) with the rate (fraction) and value."""
    if end_year <= base_year:
        raise ValueError(f"end_year={end_year} must be after base_year={base_year}.")
    rows = []
    for label, rate in rates.items():
        for year in range(base_year, end_year + 1):
            rows.append({"path": label, "rate_pct": rate * 100.0, "year": year,
                         "value": base_value * (1.0 + rate) ** (year - base_year)})
    return pd.DataFrame(rows)


def validate_scenario(target_musd, target_year, base_year, bilateral: pd.DataFrame) -> None:
    """Refuse a scenario that cannot be computed, with one sentence naming the value."""
    if isinstance(target_musd, bool) or not isinstance(target_musd, (int, float)) or not math.isfinite(target_musd):
        raise ParameterError(f"target_musd={target_musd!r} must be a number of USD million such as 1000.")
    if target_musd <= 0:
        raise ParameterError(f"target_musd={target_musd} must be a positive amount of USD million.")
    for name, value in (("base_year", base_year), ("target_year", target_year)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ParameterError(f"{name}={value!r} must be a whole year such as 2024.")
    quoted = quoted_full_years(bilateral)
    if base_year not in quoted:
        years = ", ".join(str(y) for y in sorted(quoted))
        raise ParameterError(f"base_year={base_year} has no quoted full-year turnover; use one of {years}.")
    if target_year <= base_year:
        raise ParameterError(f"target_year={target_year} must be after base_year={base_year}.")
    if target_year > 2100:
        raise ParameterError(f"target_year={target_year} is too far ahead; use a year up to 2100.")


def latest_split(bilateral: pd.DataFrame) -> dict:
    """The latest period with Kazakhstan's exports to and imports from Turkmenistan quoted separately.

    Returns period (e.g. '2025-01/2025-09'), start and end (Timestamps), year, months, exports, imports
    and turnover (USD million, as quoted) and change_pct (the turnover's stated change on a year
    earlier, %, or None). Raises ``LookupError`` if no export figure or no turnover for that period exists.
    """
    exports = bilateral[(bilateral["indicator"] == EXPORTS) & bilateral["value"].notna()]
    if exports.empty:
        raise LookupError(f"trade_bilateral has no {EXPORTS!r} figure.")
    row = exports.sort_values("period_end").iloc[-1]
    turnover = bilateral[(bilateral["indicator"] == TURNOVER) & (bilateral["period"] == row["period"])]
    if turnover.empty:
        raise LookupError(f"No {TURNOVER!r} figure for the period {row['period']!r} in trade_bilateral.")
    return {"period": row["period"], "start": row["period_start"], "end": row["period_end"],
            "year": int(row["period_start"].year), "months": int(turnover["months"].iloc[0]),
            "exports": float(row["value"]), "imports": flow(bilateral, IMPORTS, row["period"]),
            "turnover": flow(bilateral, TURNOVER, row["period"]),
            "change_pct": stated_change_pct(turnover["change_stated"].iloc[0])}


def within_year_points(bilateral: pd.DataFrame, split: dict) -> pd.DataFrame:
    """Every turnover figure placed by the months of the year it covers, plus one derived point: the
    value for the same months of the year before ``split`` (see :func:`latest_split`), implied by its
    stated change. Columns as :func:`turnover_points`; source_date is 'n/a' where there is none.
    Raises ``ValueError`` if the split period has no stated change.
    """
    if split["change_pct"] is None:
        raise ValueError(f"The turnover for {split['period']} has no stated change to derive a year earlier from.")
    implied = pd.DataFrame([{
        "id": "derived", "year": split["year"] - 1, "months": split["months"],
        "value": implied_previous(split["turnover"], split["change_pct"]), "status": "derived",
        "period": f"{split['start'] - pd.DateOffset(years=1):%Y-%m}/{split['end'] - pd.DateOffset(years=1):%Y-%m}",
        "source_url": None, "source_date": None, "full_year": split["months"] == FULL_YEAR}])
    points = pd.concat([turnover_points(bilateral), implied], ignore_index=True)
    points["year"] = points["year"].astype(int)
    points["source_date"] = points["source_date"].fillna("n/a")
    return points.sort_values(["year", "months"]).reset_index(drop=True)


def qualitative_floor(bilateral: pd.DataFrame, first_year: int, last_year: int) -> float | None:
    """The amount (USD million) in a qualitative turnover statement covering ``first_year``–``last_year``
    ('above USD 500 million in each of the two years' → 500.0); None if there is no such statement."""
    rows = bilateral[(bilateral["indicator"] == TURNOVER) & (bilateral["status"] == "qualitative")
                     & (bilateral["period_start"].dt.year == first_year)
                     & (bilateral["period_end"].dt.year == last_year)]
    for text in rows["status_detail"].dropna():
        match = re.search(r"USD ([\d.,]+) million", text)
        if match:
            return float(match.group(1).replace(",", ""))
    return None


_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10}


def horizon_years(text) -> int | None:
    """The number of years in a stated horizon: 'in the next five years' → 5, 'within 3 years' → 3;
    None when the text gives no number of years (e.g. 'in the coming years')."""
    if not isinstance(text, str):
        return None
    match = re.search(r"\b(\d+|" + "|".join(_NUMBER_WORDS) + r")\s+years?\b", text.lower())
    if not match:
        return None
    word = match.group(1)
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


def goal_dating(bilateral: pd.DataFrame) -> dict:
    """When the turnover goal was first stated and by when, from its row in ``trade_bilateral``
    (period 'target', the earliest source found).

    Returns {"value": USD million, "year_stated": the year of that source, "horizon": the horizon as
    stated (text), "horizon_years": its length or None, "target_year": year_stated + horizon_years
    (derived here, never stated; None without a horizon), "bib_key": the source's key}.
    Raises LookupError when there is no target row.
    """
    rows = bilateral[(bilateral["period"] == "target") & bilateral["value"].notna()]
    if rows.empty:
        raise LookupError("trade_bilateral has no row with period 'target'.")
    row = rows.iloc[0]
    match = re.match(r"\s*(\d{4})", str(row["source_date"]))
    if not match:
        raise LookupError(f"The target row {row['id']} has no year in its source date {row['source_date']!r}.")
    year = int(match.group(1))
    horizon = row.get("horizon_stated")
    horizon = horizon if isinstance(horizon, str) and horizon.strip() else None
    length = horizon_years(horizon)
    quoted = re.search(r"'([^']+)'", horizon or "")
    return {"value": float(row["value"]), "year_stated": year, "horizon": quoted.group(1) if quoted else horizon,
            "horizon_years": length, "target_year": year + length if length else None,
            "bib_key": row.get("bib_key") or ""}


IMF, QUOTED_KIND, DERIVED_KIND = "IMF DOTS", "Quoted by officials", "Derived (not quoted)"


def turnover_series(imf: pd.DataFrame, names: dict, quoted: pd.DataFrame | None = None) -> pd.DataFrame:
    """The pair's turnover as one table of points of different kinds: the IMF statistic to 2020 and,
    for Kazakhstan–Turkmenistan, the quoted full years after it.

    ``imf``: :func:`kztm.themes.bilateral.pair_turnover` (year, reporter_code, turnover); ``names``:
    code → country name; ``quoted``: :func:`full_year_turnover` with ``include_derived=True`` or None.
    Columns: year, value (US$ million), kind ('IMF DOTS, reported by <country>', 'Quoted by officials',
    'Derived (not quoted)'), reporter (country name or ''), source_date ('' for the IMF rows).
    """
    rows = pd.DataFrame({"year": imf["year"].astype(int), "value": imf["turnover"].astype(float),
                         "kind": [f"{IMF}, reported by {names[c]}" for c in imf["reporter_code"]],
                         "reporter": [names[c] for c in imf["reporter_code"]], "source_date": ""})
    if quoted is not None and not quoted.empty:
        q = pd.DataFrame({"year": quoted["year"].astype(int), "value": quoted["value"].astype(float),
                          "kind": quoted["status"].map({"stated": QUOTED_KIND, "derived": DERIVED_KIND}),
                          "reporter": "", "source_date": quoted["source_date"].fillna("").astype(str)})
        rows = pd.concat([rows, q], ignore_index=True)
    return rows.sort_values("year").reset_index(drop=True)


# --- the chapter's figures: what the notebook glues, section by section ------------------------------

def reporters_phrase(turnover: pd.DataFrame) -> str:
    """Who reports the IMF series and when: 'Kazakhstan (1997–2020) and Turkmenistan (1994–1996)'.

    ``turnover``: :func:`kztm.themes.bilateral.pair_turnover` (columns year, reporter_code), in the order
    the reporters first appear."""
    return ", ".join(f"{COUNTRIES[c]} ({years_phrase(turnover[turnover.reporter_code == c].year)})"
                     for c in dict.fromkeys(turnover.reporter_code))


def mirror_text(view: bi.PairView) -> str:
    """One sentence per side whose IMF figures are a mirror of the other's (:func:`mirror_sentence`), or
    the sentence saying neither side's are."""
    return (" ".join(mirror_sentence(COUNTRIES[code], COUNTRIES[view.b if code == view.a else view.a],
                                     run["first"], run["last"], run["factor"]) for code, run in view.mirrors.items())
            or "Neither side's figures in the IMF data are a mirror of the other's in any year.")


def gap_text(gap: dict | None) -> str:
    """How far the two sides' own reports differ (:func:`kztm.themes.bilateral.independent_gap`), or the
    sentence saying they never both reported."""
    if not gap:
        return ("In no year did both countries report this trade with their own figures, so the two reports "
                "cannot be compared.")
    return (f"In the {gap['years']} years from {gap['first']} to {gap['last']} in which both countries reported "
            f"their own figures, the two reports of the same trade differed by {gap['mean_abs_gap_pct']:.0f}% on "
            "average (derived here), a reminder that a single reporter's figure is an estimate.")


def mirror_title(view: bi.PairView) -> str:
    """The mirror chart's finding: which side is a mirror and when; else how far the two reports differ;
    else that only one country reports (plain text for a chart title)."""
    if view.latest_mirror:
        code, run = view.latest_mirror
        span = f"In {run['first']}" if run["first"] == run["last"] else f"From {run['first']} to {run['last']}"
        return f"{span}, {COUNTRIES[code]}'s side is a mirror of the other's, not a report"
    if view.gap:
        return f"The two countries' reports of the same trade differ by {view.gap['mean_abs_gap_pct']:.0f}% on average"
    return "Only one country reports this trade"


def imf_figures(view: bi.PairView) -> dict:
    """The figures of the IMF series for any pair (dataset ``bilateral_trade``, with ``trade_country`` for
    the shares): first and last year, peak, reporters, shares of each country's total trade, place among the
    neighbours, the last year's flows and balance, mirror statistics. Amounts in US$ million, shares in %;
    ``mirror_*`` only when one side is a mirror. Names as the trade chapter glues them.
    """
    first, last, peak, shares = view.first, view.last, view.peak, view.shares
    share_last = shares[shares.year == shares.year.max()].set_index("country_code").share_pct
    shares_b = shares[shares.country_code == view.b]
    b_for_a, a_for_b = view.b_for_a, view.a_for_b
    figures = dict(
        imf_first_year=int(first.year), imf_last_year=int(last.year), imf_turnover_first=first.turnover,
        imf_turnover_last=last.turnover, imf_reporter=COUNTRIES[last.reporter_code], imf_years=len(view.turnover),
        imf_missing=years_phrase(view.missing_years), imf_peak_year=int(peak.year), imf_peak=peak.turnover,
        imf_peak_text=peak_phrase(peak.turnover, int(peak.year), int(last.year)),
        imf_reporters=reporters_phrase(view.turnover),
        imf_share_year=shares.year.max(), imf_share_a=share_last[view.a], imf_share_b=share_last[view.b],
        imf_share_b_max=shares_b.share_pct.max(), imf_share_b_max_year=shares.loc[shares_b.share_pct.idxmax(), "year"],
        bench_year=view.bench_year, rank_b_for_a=b_for_a["rank"],
        rank_b_for_a_words=neighbour_rank_phrase(b_for_a["rank"], b_for_a["of"]),
        share_b_in_a_neighbours=b_for_a["share_pct"], rank_a_for_b=a_for_b["rank"],
        rank_a_for_b_words=neighbour_rank_phrase(a_for_b["rank"], a_for_b["of"]),
        share_a_in_b_neighbours=a_for_b["share_pct"], neighbours_n=number_word(b_for_a["of"]),
        bench_turnover=b_for_a["turnover"],
        exports_a_last=last.a_to_b, imports_a_last=last.b_to_a, exports_valuation=last.a_to_b_valuation,
        imports_valuation=last.b_to_a_valuation, balance_a_last=abs(last.a_to_b - last.b_to_a),
        balance_a_word=change_verb(last.a_to_b - last.b_to_a, "a surplus", "a deficit", "a balance"),
        surplus_years=int((view.turnover.a_to_b > view.turnover.b_to_a).sum()),
        mirror_text=mirror_text(view), gap_text=gap_text(view.gap),
        gap_pct=view.gap["mean_abs_gap_pct"] if view.gap else 0,
    )
    if view.latest_mirror:
        code, run = view.latest_mirror
        figures.update(mirror_country=COUNTRIES[code], mirror_first=run["first"], mirror_last=run["last"],
                       mirror_factor=run["factor"])
    return figures


@dataclass(frozen=True)
class Openness:
    """Merchandise trade in % of GDP (World Bank, dataset ``trade_country``) for the chapter's countries and
    years (``window``), and, when Turkmenistan is in the pair, its ratio under both GDP vintages of dataset
    ``gdp_vintages`` (``by_vintage``, :func:`kztm.themes.indicators.pct_of_gdp_by_vintage`) with the years in
    which the other vintage differs, shaped like ``window`` for the chart (``alt_vintage``); else None."""

    window: pd.DataFrame
    by_vintage: pd.DataFrame | None
    alt_vintage: pd.DataFrame | None


def openness(country_trade: pd.DataFrame, vintages: pd.DataFrame, p: CommonParams) -> Openness:
    """Trade openness of ``p``'s countries in ``p``'s years; see :class:`Openness`."""
    window = country_trade[country_trade.country_code.isin(p.countries)
                           & country_trade.year.between(p.start_year, p.end_year)].dropna(
        subset=["merch_trade_pct_gdp"])
    if "TKM" not in p.pair:
        return Openness(window, None, None)
    tkm = country_trade[country_trade.country_code == "TKM"]
    by_vintage = pct_of_gdp_by_vintage(tkm.assign(amount_usd=tkm.merch_exports_usd + tkm.merch_imports_usd),
                                       vintages, "TKM")
    shown = by_vintage[by_vintage.year.between(p.start_year, p.end_year)
                       & (by_vintage.pct_wdi_2026.round(6) != by_vintage.pct_datahub_2026_03.round(6))]
    alt = shown.assign(country_code="TKM", country=COUNTRIES["TKM"], merch_trade_pct_gdp=shown.pct_datahub_2026_03)
    return Openness(window, by_vintage, alt)


def openness_figures(view: Openness, a: str, b: str) -> dict:
    """The latest year with A's ratio (``open_year``), A's and B's ratios then (% of GDP; B's latest up to
    that year) and, with Turkmenistan in the pair, its ratio under both vintages in the last year both cover
    (``vintage_year``, ``open_tkm_main``, ``open_tkm_alt``). Raises LookupError when a country has no ratio."""
    open_year, open_a = latest(view.window, "merch_trade_pct_gdp", a)
    _, open_b = latest(view.window, "merch_trade_pct_gdp", b, up_to_year=open_year)
    figures = dict(open_year=open_year, open_a=open_a, open_b=open_b)
    if view.by_vintage is not None:
        both = view.by_vintage.iloc[-1]
        figures.update(vintage_year=int(both.year), open_tkm_main=both.pct_wdi_2026,
                       open_tkm_alt=both.pct_datahub_2026_03)
    return figures


@dataclass(frozen=True)
class QuotedTrade:
    """The Kazakhstan–Turkmenistan figures quoted after the IMF series (dataset ``trade_bilateral``); see
    :func:`quoted_trade`. Amounts in USD million as quoted; ``derived`` points are never quotes."""

    quoted: dict              # year -> quoted full-year turnover (:func:`quoted_full_years`)
    full: pd.DataFrame        # full years, derived ones included (:func:`full_year_turnover`)
    split: dict               # the latest period with exports and imports (:func:`latest_split`)
    check: dict               # exports + imports against the turnover (:func:`split_check`)
    points: pd.DataFrame      # every quote by the months it covers, plus one derived point
    shares: pd.DataFrame      # quoted full years as shares of each country's total trade (%)
    goal: dict                # when the goal was first stated (:func:`goal_dating`)
    target: float             # the stated goal (:func:`target_value`)
    floor: float | None       # the amount in the qualitative statement on the last two years
    bridge_stated: str        # how the source of the first quoted year describes it

    @property
    def first_year(self) -> int:
        return min(self.quoted)

    @property
    def last_year(self) -> int:
        return max(self.quoted)

    @property
    def prev_year(self) -> int:
        return max(y for y in self.quoted if y < self.last_year)

    @property
    def derived(self) -> pd.Series:
        """The first full year that is derived, not quoted (row of ``full``)."""
        return self.full[self.full.status == "derived"].iloc[0]

    @property
    def change_last_pct(self) -> float:
        """Change from the previous to the last quoted year, % (derived, not quoted)."""
        return pct_change(self.quoted[self.prev_year], self.quoted[self.last_year])

    @property
    def recorded_rate(self) -> float:
        """Compound growth a year over the quoted full years, as a fraction."""
        return cagr(self.quoted[self.first_year], self.quoted[self.last_year], self.last_year - self.first_year)

    @property
    def split_label(self) -> str:
        """'January–September 2025': the months of :attr:`split`."""
        return f"{self.split['start']:%B}–{self.split['end']:%B} {self.split['year']}"


def quoted_trade(bilateral: pd.DataFrame, trade_country: pd.DataFrame) -> QuotedTrade:
    """The quoted figures with their checks (datasets ``trade_bilateral`` and ``trade_country``).

    Raises LookupError when a needed quote is missing (no target, no split period), ValueError when the
    split period has no stated change.
    """
    quoted = quoted_full_years(bilateral)
    full = full_year_turnover(bilateral, include_derived=True)
    split = latest_split(bilateral)
    stated = full[full.status == "stated"]
    bridge = stated[stated.year == min(quoted)].iloc[0]
    years = sorted(quoted)
    return QuotedTrade(
        quoted, full, split, split_check(split["exports"], split["imports"], split["turnover"]),
        within_year_points(bilateral, split),
        bi.shares_of_total(stated.rename(columns={"value": "turnover"}), trade_country, ("KAZ", "TKM")),
        goal_dating(bilateral), target_value(bilateral), qualitative_floor(bilateral, years[-2], years[-1]),
        bilateral.loc[bilateral.id == bridge.id, "change_stated"].iloc[0])


@dataclass(frozen=True)
class Scenario:
    """Growth paths of the turnover from ``base_year`` (see :func:`scenario`); rates as fractions."""

    base_year: int
    base_value: float          # quoted turnover of the base year, USD million
    target: float              # the goal, USD million a year
    target_year: int
    required_rate: float       # needed to reach ``target`` by ``target_year``
    original_year: int | None  # the goal's original horizon (derived), if after the base year
    original_rate: float | None
    rates: dict                # path label -> rate
    paths: pd.DataFrame        # :func:`growth_paths`
    reached: dict              # path label -> first year at the goal, or None

    def table(self) -> pd.DataFrame:
        """One row per path: its rate (% a year), the turnover in ``target_year`` and the year the goal is
        reached ('never' when it is not)."""
        end_column = f"Turnover in {self.target_year}, USD million"
        return pd.DataFrame([{"Path": label, "Growth, % a year": rate * 100,
                              end_column: self.base_value * (1 + rate) ** (self.target_year - self.base_year),
                              "Goal reached in": str(self.reached[label]) if self.reached[label] else "never"}
                             for label, rate in self.rates.items()])


def scenario(q: QuotedTrade, target_musd: float, target_year: int, base_year: int) -> Scenario:
    """The rates needed to reach ``target_musd`` by ``target_year`` and by the goal's original horizon, and
    the rates in the quotes (full years, the last year, the latest partial year on a year earlier), each as
    a path from the quoted turnover of ``base_year`` (check it with :func:`validate_scenario`)."""
    base_value = q.quoted[base_year]
    required = required_growth(base_value, target_musd, base_year, target_year)
    original = q.goal["target_year"] if q.goal["target_year"] and q.goal["target_year"] > base_year else None
    def pct(rate, spec=".1f"):  # a rate as a percentage, with a true minus sign
        return number_text(rate * 100, spec)

    rates = {f"Needed by {target_year} ({pct(required)}%)": required}
    original_rate = None
    if original:
        original_rate = required_growth(base_value, q.goal["value"], base_year, original)
        rates[f"Needed by {original} ({pct(original_rate)}%), the original horizon (derived)"] = original_rate
    split, change_last = q.split, q.change_last_pct
    rates.update({
        f"Quoted full years {q.first_year}–{q.last_year} ({pct(q.recorded_rate)}%)": q.recorded_rate,
        f"{q.prev_year} to {q.last_year} ({number_text(change_last, '+.1f')}%)": change_last / 100,
        f"{split['start']:%B}–{split['end']:%B} {split['year']}, stated y/y "
        f"({number_text(split['change_pct'], '+.1f')}%)": split["change_pct"] / 100,
    })
    paths = growth_paths(base_value, base_year, max(target_year, original or target_year), rates)
    reached = {label: year_reached(base_value, target_musd, base_year, rate) for label, rate in rates.items()}
    return Scenario(base_year, base_value, target_musd, target_year, required, original, original_rate, rates,
                    paths, reached)


def quoted_figures(q: QuotedTrade, s: Scenario, imf: bi.PairView) -> dict:
    """The figures of the quoted series, its checks and the goal scenario, set against the IMF series
    ``imf`` (Kazakhstan–Turkmenistan only). Amounts in USD million, rates in % a year; ``goal_target_year``
    and ``required_cagr_orig_pct`` only when the goal's original horizon is after the base year. Names as
    the trade chapter glues them."""
    quoted, first, last, prev = q.quoted, q.first_year, q.last_year, q.prev_year
    split, check, change_last = q.split, q.check, q.change_last_pct
    implied_prev = implied_previous(split["turnover"], split["change_pct"])
    partials = q.points[(q.points.year == split["year"] - 1) & ~q.points.full_year & (q.points.status == "stated")]
    prev_half = partials.sort_values("months").iloc[-1]
    share_q = q.shares[q.shares.year == last].set_index("country_code").share_pct
    imf_last = imf.last.turnover
    figures = dict(
        first_year=first, last_year=last, prev_year=prev,
        turnover_first=quoted[first], turnover_last=quoted[last], turnover_prev=quoted[prev],
        growth_multiple=quoted[last] / quoted[first],
        change_last_pct=change_last, recorded_cagr_pct=q.recorded_rate * 100, change_last_abs=abs(change_last),
        change_last_dir=change_verb(change_last, "higher", "lower", "different"),
        change_last_move=change_verb(change_last, "a rise", "a fall", "no change"),
        split_change_abs=abs(split["change_pct"]),
        split_move=change_verb(split["change_pct"], "a rise", "a fall", "no change"),
        split_match=match_phrase(check["gap"], "the quoted turnover"),
        derived_year=q.derived.year, derived_value=q.derived.value,
        split_label=q.split_label, split_year=split["year"],
        split_months=split["months"], exports_split=split["exports"], imports_split=split["imports"],
        turnover_split=split["turnover"], split_sum=check["sum"], split_gap=abs(check["gap"]),
        balance_split=check["balance"], export_share_split=split["exports"] / split["turnover"] * 100,
        split_change_pct=split["change_pct"], implied_prev_split=implied_prev,
        prev_partial_months=prev_half.months, prev_partial_value=prev_half.value,
        rest_to_match=quoted[last] - split["turnover"], implied_rest_prev=quoted[last] - implied_prev,
        share_kaz=share_q["KAZ"], share_tkm=share_q["TKM"], qual_floor=q.floor,
        growth_first_prev_pct=pct_change(quoted[first], quoted[prev]),
        recorded_vs=side_of([q.recorded_rate], s.required_rate, below="slower", above="faster"),
        recent_vs=side_of([change_last / 100, split["change_pct"] / 100], s.required_rate),
        stated_target=q.target, target_pct_of_last=quoted[last] / q.target * 100, doubling_value=2 * quoted[last],
        goal_year=q.goal["year_stated"], goal_horizon=q.goal["horizon"] or "no horizon stated",
        base_value=s.base_value, required_cagr_pct=s.required_rate * 100,
        reached_recorded=year_reached(s.base_value, s.target, s.base_year, q.recorded_rate) or 0,
        bridge_year=first, bridge_stated=q.bridge_stated, bridge_multiple=quoted[first] / imf_last,
        quoted_vs_imf_last=quoted[last] / imf_last,
        quoted_vs_peak_word=change_verb(quoted[last] / imf.peak.turnover - 1, "above", "below", "level with"),
    )
    if s.original_year:
        figures.update(goal_target_year=s.original_year, required_cagr_orig_pct=s.original_rate * 100)
    return figures


def split_title(q: QuotedTrade) -> str:
    """The split chart's finding: whether the quoted exports and imports add up to the quoted turnover."""
    x, m, t, total = q.split["exports"], q.split["imports"], q.split["turnover"], q.check["sum"]
    if q.check["adds_up"]:
        return f"Exports of {x:,.1f} and imports of {m:,.1f} add up to the quoted {t:,.1f}"
    return f"Exports of {x:,.1f} and imports of {m:,.1f} sum to {total:,.1f}, not the quoted {t:,.1f}"
