"""Bilateral goods trade of a pair of Central Asian states, from the IMF DOTS dataset ``bilateral_trade``.

Every function takes the loaded dataset (columns reporter_code, partner_code, flow, year, value_usd_m,
estimate, basis, ...) and returns a small frame; values are US$ million unless a column says otherwise.

The rule for one figure per pair and year (``pair_turnover``): take the figures of one reporter whose
exports and imports with the other are both ``reported`` (country A's if both qualify, else B's). A mirror
or partner-based figure is never used, and the two sides are never added together or averaged, because a
mirror is the other side's report in disguise. Unit-tested in ``tests/test_bilateral.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    return shares_of_total(pair_turnover(trade, a, b)[["year", "turnover"]], trade_country, (a, b))


def shares_of_total(turnover: pd.DataFrame, trade_country: pd.DataFrame, codes) -> pd.DataFrame:
    """Any turnover series (columns year, turnover in US$ million: the IMF's or a quoted one) as a share of
    each of ``codes``' total merchandise trade (WDI exports + imports, dataset ``trade_country``).

    Columns: year, country_code, turnover, total_trade (US$ million), share_pct; years without both
    numbers are left out.
    """
    totals = trade_country[trade_country["country_code"].isin(list(codes))].copy()
    totals["total_trade"] = (totals["merch_exports_usd"] + totals["merch_imports_usd"]) / USD_PER_MILLION
    pair = turnover[["year", "turnover"]].astype({"year": int})
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


def reporter_turnovers(trade: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """The pair's turnover as each side reports it (mirror statistics), one row per year and reporter.

    Only years in which the reporter has both flows. Columns: year, reporter_code, exports (the
    reporter's exports FOB to the other), imports (its imports CIF from the other), turnover (US$ million),
    basis ('reported' when both flows are the reporter's own figures, 'mirror' when both are the IMF's
    mirror of the partner's report, else 'mixed'), mirror_factor (the IMF's CIF/FOB factor of the mirror
    rows, NaN for reported figures). Raises ValueError for an unknown country or a = b.
    """
    _check_pair(trade, a, b)
    rows = trade[((trade["reporter_code"] == a) & (trade["partner_code"] == b))
                 | ((trade["reporter_code"] == b) & (trade["partner_code"] == a))]
    out = []
    for (year, reporter), group in rows.groupby(["year", "reporter_code"]):
        flows = group.set_index("flow")
        if not set(FLOWS) <= set(flows.index):
            continue
        bases = set(flows.loc[list(FLOWS), "basis"])
        basis = bases.pop() if len(bases) == 1 and bases <= {"reported", "mirror"} else "mixed"
        factors = flows.loc[list(FLOWS),
                            "mirror_factor"].dropna() if "mirror_factor" in flows else pd.Series(dtype=float)
        out.append((int(year), reporter, float(flows.loc["exports_fob", "value_usd_m"]),
                    float(flows.loc["imports_cif", "value_usd_m"]), basis,
                    float(factors.iloc[0]) if len(factors) else float("nan")))
    frame = pd.DataFrame(out, columns=["year", "reporter_code", "exports", "imports", "basis", "mirror_factor"])
    frame.insert(4, "turnover", frame["exports"] + frame["imports"])
    return frame.sort_values(["reporter_code", "year"]).reset_index(drop=True)


def mirror_run(trade: pd.DataFrame, reporter: str, partner: str) -> dict | None:
    """The latest unbroken run of years in which ``reporter``'s figures for trade with ``partner`` are
    both IMF mirrors of the partner's report (dataset ``bilateral_trade``, basis 'mirror').

    Returns {"first": year, "last": year, "years": count, "factor": the CIF/FOB factor (e.g. 1.06)},
    or None when no year qualifies. Turkmenistan's figures from 2004 are the classic case.
    """
    sides = reporter_turnovers(trade, reporter, partner)
    years = sorted(sides[(sides["reporter_code"] == reporter) & (sides["basis"] == "mirror")]["year"])
    if not years:
        return None
    run = [years[-1]]
    for year in reversed(years[:-1]):
        if year != run[-1] - 1:
            break
        run.append(year)
    first, last = min(run), max(run)
    factor = sides[(sides["reporter_code"] == reporter) & (sides["year"] == last)]["mirror_factor"].iloc[0]
    return {"first": first, "last": last, "years": len(run), "factor": float(factor)}


def independent_gap(trade: pd.DataFrame, a: str, b: str) -> dict | None:
    """How far the two sides' own reports of the pair's turnover differ, in years when both report.

    Returns {"years": n, "first": year, "last": year, "mean_abs_gap_pct": mean of |A − B| / mean(A, B)
    × 100} over the years in which both reporters' turnovers are ``reported``; None when there is none.
    """
    sides = reporter_turnovers(trade, a, b)
    own = sides[sides["basis"] == "reported"].pivot(index="year", columns="reporter_code", values="turnover")
    if a not in own or b not in own:
        return None
    both = own[[a, b]].dropna()
    if both.empty:
        return None
    gap = (both[a] - both[b]).abs() / ((both[a] + both[b]) / 2) * 100
    return {"years": len(both), "first": int(both.index.min()), "last": int(both.index.max()),
            "mean_abs_gap_pct": float(gap.mean())}


def complete_year(trade: pd.DataFrame) -> int:
    """The latest year in which every pair of the five Central Asian states has a turnover figure under
    the ``pair_turnover`` rule, so that a neighbour comparison leaves no pair out. Raises LookupError
    when no year is complete."""
    years = None
    for i, a in enumerate(CENTRAL_ASIA):
        for b in CENTRAL_ASIA[i + 1:]:
            have = set(_turnover(_sides(trade, a, b), a, b)["year"])
            years = have if years is None else years & have
    if not years:
        raise LookupError("No year in bilateral_trade has a turnover figure for every Central Asian pair.")
    return max(years)


def rank_among_neighbours(matrix: pd.DataFrame, country: str, partner: str) -> dict:
    """Where ``partner`` stands among ``country``'s Central Asian trading partners in a
    :func:`neighbour_matrix`: {"rank": 1 = largest, "of": number of neighbours with a figure,
    "share_pct": the partner's share of the country's turnover with those neighbours, "turnover": US$ million}.
    Raises LookupError when the matrix has no figure for the pair."""
    rows = matrix[(matrix["country_code"] == country) & (matrix["partner_code"] == partner)]
    if rows.empty:
        raise LookupError(f"The neighbour matrix has no figure for {country}–{partner}.")
    row = rows.iloc[0]
    return {"rank": int(row["rank"]), "of": int((matrix["country_code"] == country).sum()),
            "share_pct": float(row["share_of_neighbours_pct"]), "turnover": float(row["turnover"])}


@dataclass(frozen=True)
class PairView:
    """What the IMF DOTS say about one pair (``a``, ``b``), as the trade chapter uses it; see :func:`pair_view`.

    ``turnover``: :func:`pair_turnover`; ``shares``: :func:`share_of_total_trade`; ``bench_year``:
    :func:`complete_year`; ``matrix``: :func:`neighbour_matrix` of that year; ``b_for_a`` / ``a_for_b``:
    :func:`rank_among_neighbours` (B among A's neighbours, A among B's); ``sides``: :func:`reporter_turnovers`;
    ``mirrors``: reporter code → :func:`mirror_run`, only for the sides that have a run (A's first);
    ``gap``: :func:`independent_gap` or None. Values in US$ million.
    """

    a: str
    b: str
    turnover: pd.DataFrame
    shares: pd.DataFrame
    bench_year: int
    matrix: pd.DataFrame
    b_for_a: dict
    a_for_b: dict
    sides: pd.DataFrame
    mirrors: dict
    gap: dict | None

    @property
    def first(self) -> pd.Series:
        """The first year's row of ``turnover``."""
        return self.turnover.iloc[0]

    @property
    def last(self) -> pd.Series:
        """The last year's row of ``turnover``."""
        return self.turnover.iloc[-1]

    @property
    def peak(self) -> pd.Series:
        """The row of ``turnover`` with the highest turnover (the first such year on a tie)."""
        return self.turnover.loc[self.turnover["turnover"].idxmax()]

    @property
    def missing_years(self) -> list[int]:
        """Years between the first and the last with no turnover figure (neither side reported its own)."""
        years = range(int(self.first["year"]), int(self.last["year"]) + 1)
        return sorted(set(years) - set(self.turnover["year"]))

    @property
    def latest_mirror(self) -> tuple[str, dict] | None:
        """(reporter code, :func:`mirror_run`) of the mirror run that ends last (A's on a tie); None if none."""
        return max(self.mirrors.items(), key=lambda item: item[1]["last"]) if self.mirrors else None


def pair_view(trade: pd.DataFrame, trade_country: pd.DataFrame, a: str, b: str) -> PairView:
    """The pair's IMF series with its shares of total trade, its place among the neighbours and both
    reporters' views (datasets ``bilateral_trade`` and ``trade_country``). Raises ValueError for an unknown
    country or a = b, LookupError when no year has a figure for every neighbour pair."""
    bench_year = complete_year(trade)
    matrix = neighbour_matrix(trade, bench_year)
    mirrors = {code: mirror_run(trade, code, other) for code, other in ((a, b), (b, a))}
    return PairView(a, b, pair_turnover(trade, a, b), share_of_total_trade(trade, trade_country, a, b), bench_year,
                    matrix, rank_among_neighbours(matrix, a, b), rank_among_neighbours(matrix, b, a),
                    reporter_turnovers(trade, a, b), {code: run for code, run in mirrors.items() if run},
                    independent_gap(trade, a, b))
