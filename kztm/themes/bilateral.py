"""Bilateral goods trade of a pair of Central Asian states, from the IMF DOTS dataset ``bilateral_trade``.

Every function takes the loaded dataset (columns reporter_code, partner_code, flow, year, value_usd_m,
estimate, basis, ...) and returns a small frame; values are US$ million unless a column says otherwise.

The rule for one figure per pair and year (``pair_turnover``): take the figures of one reporter whose
exports and imports with the other are both ``reported`` (country A's if both qualify, else B's). A mirror
or partner-based figure is never used, and the two sides are never added together or averaged, because a
mirror is the other side's report in disguise. Unit-tested in ``tests/test_bilateral.py``.
"""

from __future__ import annotations

import pandas as pd

from ..countries import COUNTRIES

FLOWS = ("exports_fob", "imports_cif")
CENTRAL_ASIA = tuple(COUNTRIES)
USD_PER_MILLION = 1e6


def _check_pair(trade: pd.DataFrame, a: str, b: str) -> None:
    if a == b:
        raise ValueError(f"A pair needs two different countries, got {a!r} twice.")
    known = set(trade["reporter_code"]) | set(trade["partner_code"])
    for code in (a, b):
        if code not in known:
            raise ValueError(f"Country {code!r} is not in bilateral_trade (countries: {', '.join(sorted(known))}).")


def _side(trade: pd.DataFrame, reporter: str, partner: str, prefix: str) -> pd.DataFrame:
    rows = trade[(trade["reporter_code"] == reporter) & (trade["partner_code"] == partner)]
    wide = rows.pivot(index="year", columns="flow", values=["value_usd_m", "basis"])
    out = pd.DataFrame(index=wide.index)
    for flow, short in (("exports_fob", "exports"), ("imports_cif", "imports")):
        has = ("value_usd_m", flow) in wide.columns
        out[f"{prefix}_{short}"] = wide[("value_usd_m", flow)].astype(float) if has else float("nan")
        out[f"{prefix}_{short}_basis"] = wide[("basis", flow)] if has else None
    return out


def pair_sides(trade: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """The pair's figures as each side reports them, one row per year either side has a figure.

    Columns: year; a_exports (A's exports FOB to B), a_imports (A's imports CIF from B), b_exports,
    b_imports (US$ million, NaN where the side has no figure); and for each of the four the basis
    ('reported' / 'mirror' / 'partner_based', None when there is no figure). Raises ValueError for an
    unknown country or a = b.
    """
    _check_pair(trade, a, b)
    return _sides(trade, a, b)


def _sides(trade: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    out = _side(trade, a, b, "a").join(_side(trade, b, a, "b"), how="outer")
    return out.sort_index().reset_index()


def pair_turnover(trade: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """One turnover figure per year for the pair, from one declared reporter.

    The reporter is A when both A's flows with B are ``reported``, else B under the same condition;
    years where neither side has both flows reported are left out. Columns: year, reporter_code,
    a_to_b (goods from A to B: A's exports FOB if A reports, else B's imports CIF), b_to_a (the reverse),
    a_to_b_valuation and b_to_a_valuation ('FOB' / 'CIF'), turnover = a_to_b + b_to_a (US$ million).
    """
    _check_pair(trade, a, b)
    return _turnover(_sides(trade, a, b), a, b)


def _turnover(sides: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    rows = []
    for r in sides.itertuples(index=False):
        if r.a_exports_basis == "reported" and r.a_imports_basis == "reported":
            rows.append((r.year, a, r.a_exports, r.a_imports, "FOB", "CIF"))
        elif r.b_exports_basis == "reported" and r.b_imports_basis == "reported":
            rows.append((r.year, b, r.b_imports, r.b_exports, "CIF", "FOB"))
    out = pd.DataFrame(rows, columns=["year", "reporter_code", "a_to_b", "b_to_a", "a_to_b_valuation",
                                      "b_to_a_valuation"])
    out["turnover"] = out["a_to_b"] + out["b_to_a"]
    return out.astype({"year": int})


def share_of_total_trade(trade: pd.DataFrame, trade_country: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """The pair's turnover as a share of each country's total merchandise trade.

    Totals: WDI merchandise exports + imports with all partners (dataset ``trade_country``, current US$),
    not the DOTS World rows (Turkmenistan's are partner-based from 2004). One row per country and year
    with both numbers. Columns: year, country_code, turnover (US$ million, from ``pair_turnover``),
    total_trade (US$ million), share_pct.
    """
    pair = pair_turnover(trade, a, b)[["year", "turnover"]]
    totals = trade_country[trade_country["country_code"].isin([a, b])].copy()
    totals["total_trade"] = (totals["merch_exports_usd"] + totals["merch_imports_usd"]) / USD_PER_MILLION
    out = totals[["year", "country_code", "total_trade"]].dropna().merge(pair, on="year")
    out["share_pct"] = out["turnover"] / out["total_trade"] * 100
    return out[["year", "country_code", "turnover", "total_trade", "share_pct"]].sort_values(
        ["country_code", "year"]).reset_index(drop=True)


def neighbour_matrix(trade: pd.DataFrame, year: int) -> pd.DataFrame:
    """Each Central Asian country's turnover with every other Central Asian state in ``year``.

    Long form, one row per (country_code, partner_code) pair that has a figure under the
    ``pair_turnover`` rule: turnover (US$ million), reporter_code, share_of_neighbours_pct (the partner's
    share of the country's turnover with the neighbours that have a figure) and rank (1 = largest
    neighbour). ``.pivot(index="country_code", columns="partner_code", values="turnover")`` gives the matrix.
    """
    rows = []
    for i, a in enumerate(CENTRAL_ASIA):
        for b in CENTRAL_ASIA[i + 1:]:
            t = _turnover(_sides(trade, a, b), a, b)
            t = t[t["year"] == year]
            if not t.empty:
                rows.append((a, b, float(t["turnover"].iloc[0]), t["reporter_code"].iloc[0]))
                rows.append((b, a, float(t["turnover"].iloc[0]), t["reporter_code"].iloc[0]))
    out = pd.DataFrame(rows, columns=["country_code", "partner_code", "turnover", "reporter_code"])
    total = out.groupby("country_code")["turnover"].transform("sum")
    out["share_of_neighbours_pct"] = out["turnover"] / total * 100
    out["rank"] = out.groupby("country_code")["turnover"].rank(ascending=False, method="min").astype(int)
    return out.sort_values(["country_code", "rank", "partner_code"]).reset_index(drop=True)
