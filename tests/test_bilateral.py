"""Unit tests of kztm.themes.bilateral: both sides of a pair, one turnover per year, shares and the neighbour matrix."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

from kztm.countries import COUNTRIES
from kztm.data import load_dataset
from kztm.themes import bilateral as bi

COLUMNS = ["reporter_code", "partner_code", "flow", "year", "value_usd_m", "estimate", "basis"]


def _trade(rows):
    return pd.DataFrame(rows, columns=COLUMNS)


@pytest.fixture
def trade():
    """A reports in 2019 and 2020; B mirrors A (x1.06) in 2020 and reports itself in 2019; C-B only B's report."""
    return _trade([
        ("A", "B", "exports_fob", 2019, 100.0, False, "reported"),
        ("A", "B", "imports_cif", 2019, 50.0, False, "reported"),
        ("B", "A", "exports_fob", 2019, 45.0, False, "reported"),
        ("B", "A", "imports_cif", 2019, 110.0, False, "reported"),
        ("A", "B", "exports_fob", 2020, 80.0, False, "reported"),
        ("A", "B", "imports_cif", 2020, 40.0, False, "reported"),
        ("B", "A", "exports_fob", 2020, 40.0 / 1.06, False, "mirror"),
        ("B", "A", "imports_cif", 2020, 80.0 * 1.06, False, "mirror"),
        ("C", "A", "exports_fob", 2020, 5.0, True, "reported"),
        ("C", "A", "imports_cif", 2020, 7.0, False, "reported"),
    ])


def test_pair_sides_shows_each_reporter_with_its_basis(trade):
    sides = bi.pair_sides(trade, "A", "B").set_index("year")
    assert sides.loc[2020, "a_exports"] == 80.0 and sides.loc[2020, "b_imports"] == pytest.approx(84.8)
    assert sides.loc[2020, "b_imports_basis"] == "mirror" and sides.loc[2019, "b_imports_basis"] == "reported"


def test_turnover_never_adds_a_mirror_and_names_its_reporter(trade):
    t = bi.pair_turnover(trade, "B", "A").set_index("year")
    # 2019: B reports both flows, so B's view; 2020: B is a mirror, so A's report (not B's, not a mix).
    assert t.loc[2019, "reporter_code"] == "B" and t.loc[2019, "turnover"] == 155.0
    assert t.loc[2020, "reporter_code"] == "A" and t.loc[2020, "turnover"] == 120.0
    # Seen from B: goods from B to A are A's imports (CIF) in 2020.
    assert t.loc[2020, "a_to_b"] == 40.0 and t.loc[2020, "a_to_b_valuation"] == "CIF"
    assert t.loc[2019, "a_to_b_valuation"] == "FOB"


def test_turnover_leaves_out_years_without_a_reported_pair_of_flows(trade):
    only_mirror = trade[~((trade.reporter_code == "A") & (trade.year == 2020))]
    t = bi.pair_turnover(only_mirror, "A", "B")
    assert list(t.year) == [2019]


def test_bad_pair_is_refused(trade):
    with pytest.raises(ValueError, match="'A' twice"):
        bi.pair_sides(trade, "A", "A")
    with pytest.raises(ValueError, match="'Z' is not in bilateral_trade"):
        bi.pair_turnover(trade, "A", "Z")


def test_share_uses_wdi_totals_in_us_dollars(trade):
    totals = pd.DataFrame({"country_code": ["A", "B", "A"], "year": [2020, 2020, 2019],
                           "merch_exports_usd": [1.0e9, 2.0e8, 1.0e9], "merch_imports_usd": [2.0e8, 1.0e8, None]})
    s = bi.share_of_total_trade(trade, totals, "A", "B").set_index(["country_code", "year"])
    assert s.loc[("A", 2020), "total_trade"] == 1200.0
    assert s.loc[("A", 2020), "share_pct"] == pytest.approx(10.0)
    assert s.loc[("B", 2020), "share_pct"] == pytest.approx(40.0)
    assert ("A", 2019) not in s.index  # no total without imports


def test_shares_of_total_take_any_turnover_series_such_as_the_quoted_one():
    quoted = pd.DataFrame({"year": [2021, 2023], "turnover": [100.0, 200.0]})
    totals = pd.DataFrame({"country_code": ["KAZ", "KAZ", "TKM", "TKM"], "year": [2021, 2023, 2021, 2023],
                           "merch_exports_usd": [6e9, 8e9, 1e9, None], "merch_imports_usd": [4e9, 2e9, 1e9, 1e9]})
    got = {(r.country_code, r.year): r.share_pct for r in bi.shares_of_total(quoted, totals, ("KAZ",
                                                                                              "TKM")).itertuples()}
    assert got[("KAZ", 2021)] == pytest.approx(1.0) and got[("KAZ", 2023)] == pytest.approx(2.0)
    assert got[("TKM", 2021)] == pytest.approx(5.0)
    assert ("TKM", 2023) not in got  # exports missing: no share


def test_reporter_turnovers_show_both_sides_with_basis_and_mirror_factor():
    rows = _trade([
        ("A", "B", "exports_fob", 2019, 100.0, False, "reported"), ("A", "B", "imports_cif", 2019, 50.0, False,
                                                                    "reported"),
        ("B", "A", "exports_fob", 2019, 45.0, False, "reported"), ("B", "A", "imports_cif", 2019, 110.0, False,
                                                                   "reported"),
        ("A", "B", "exports_fob", 2020, 80.0, False, "reported"), ("A", "B", "imports_cif", 2020, 40.0, False,
                                                                   "reported"),
        ("B", "A", "exports_fob", 2020, 40.0 / 1.06, False, "mirror"), ("B", "A", "imports_cif", 2020, 84.8, False,
                                                                        "mirror"),
        ("B", "A", "exports_fob", 2021, 30.0, False, "reported"),  # one flow only: no turnover
    ]).assign(mirror_factor=[None] * 6 + [1.06, 1.06, None])
    sides = bi.reporter_turnovers(rows, "A", "B").set_index(["reporter_code", "year"])
    assert sides.loc[("B", 2020), "basis"] == "mirror" and sides.loc[("B", 2020), "mirror_factor"] == 1.06
    assert sides.loc[("B", 2019), "turnover"] == 155.0 and sides.loc[("A", 2019), "basis"] == "reported"
    assert ("B", 2021) not in sides.index
    assert bi.mirror_run(rows, "B", "A") == {"first": 2020, "last": 2020, "years": 1, "factor": 1.06}
    assert bi.mirror_run(rows, "A", "B") is None
    gap = bi.independent_gap(rows, "A", "B")  # only 2019 has two own reports: |150 - 155| / 152.5
    assert gap["years"] == 1 and gap["mean_abs_gap_pct"] == pytest.approx(5 / 152.5 * 100)


def test_neighbour_matrix_ranks_partners():
    rows = []
    for (a, b), v in {("KAZ", "UZB"): 30.0, ("KAZ", "TKM"): 10.0, ("UZB", "TKM"): 5.0}.items():
        rows += [(a, b, "exports_fob", 2020, v, False, "reported"), (a, b, "imports_cif", 2020, v, False, "reported")]
    m = bi.neighbour_matrix(_trade(rows), 2020).set_index(["country_code", "partner_code"])
    assert m.loc[("KAZ", "UZB"), "turnover"] == 60.0 and m.loc[("KAZ", "UZB"), "rank"] == 1
    assert m.loc[("KAZ", "TKM"), "share_of_neighbours_pct"] == pytest.approx(25.0)
    assert m.loc[("TKM", "UZB"), "reporter_code"] == "UZB"
    assert ("KGZ", "KAZ") not in m.index


# ------------------------------------------------------ on the real data ----

@pytest.fixture(scope="module")
def dots():
    return load_dataset("bilateral_trade"), load_dataset("trade_country")


@pytest.mark.parametrize("a, b", list(itertools.combinations(COUNTRIES, 2)))
def test_every_pair_has_real_bilateral_content(dots, a, b):
    trade, totals = dots
    sides = bi.pair_sides(trade, a, b)
    turnover = bi.pair_turnover(trade, a, b)
    shares = bi.share_of_total_trade(trade, totals, a, b)
    assert len(sides) >= 14 and len(turnover) >= 14, (a, b)
    assert (turnover.turnover > 0).all() and turnover.year.max() >= 2019
    assert set(shares.country_code) == {a, b} and shares.share_pct.between(0, 100).all()
    # A Turkmen mirror never serves as the reporter from 2004.
    assert not ((turnover.reporter_code == "TKM") & (turnover.year >= 2004)).any()
    # what the chapter draws for the pair: both sides, a place among the neighbours for each country
    both = bi.reporter_turnovers(trade, a, b)
    assert set(both.reporter_code) == {a, b} and (both.turnover > 0).all()
    m = bi.neighbour_matrix(trade, bi.complete_year(trade))
    for x, y in ((a, b), (b, a)):
        place = bi.rank_among_neighbours(m, x, y)
        assert 1 <= place["rank"] <= place["of"] == 4 and 0 < place["share_pct"] < 100


def test_kazakh_turkmen_turnover_2020_is_kazakhstans_report(dots):
    trade, _ = dots
    t = bi.pair_turnover(trade, "KAZ", "TKM").set_index("year")
    assert t.loc[2020, "reporter_code"] == "KAZ"
    assert round(t.loc[2020, "turnover"], 1) == 127.6  # imf-dots/README.md: 76.6 + 50.9


def test_kazakh_turkmen_mirror_run_is_2004_to_2020_at_1_06(dots):
    trade, _ = dots
    assert bi.mirror_run(trade, "TKM", "KAZ") == {"first": 2004, "last": 2020, "years": 17, "factor": 1.06}
    assert bi.mirror_run(trade, "KAZ", "TKM") is None
    gap = bi.independent_gap(trade, "KAZ", "TKM")  # 1995-2003: both report and disagree
    assert (gap["first"], gap["last"], gap["years"]) == (1995, 2003, 9) and gap["mean_abs_gap_pct"] > 20


def test_complete_year_is_the_latest_with_every_pair_and_ranks_follow_the_matrix(dots):
    trade, _ = dots
    year = bi.complete_year(trade)
    pairs = list(itertools.combinations(COUNTRIES, 2))
    assert all(year in set(bi.pair_turnover(trade, a, b).year) for a, b in pairs)
    assert not all((year + 1) in set(bi.pair_turnover(trade, a, b).year) for a, b in pairs)
    m = bi.neighbour_matrix(trade, year)
    kaz = bi.rank_among_neighbours(m, "KAZ", "TKM")
    mine = m[m.country_code == "KAZ"].sort_values("turnover", ascending=False).partner_code.tolist()
    assert kaz["rank"] == mine.index("TKM") + 1 and kaz["of"] == 4
    with pytest.raises(LookupError, match="KAZ–KAZ"):
        bi.rank_among_neighbours(m, "KAZ", "KAZ")


def test_neighbour_matrix_2019_covers_all_five(dots):
    trade, _ = dots
    m = bi.neighbour_matrix(trade, 2019)
    assert set(m.country_code) == set(COUNTRIES)
    assert (m.groupby("country_code").share_of_neighbours_pct.sum().round(6) == 100).all()


# ------------------------------------------------------ the chapter's view of one pair ----

def _all_pairs(mirror_2020=("TKM", "KAZ"), gap_year=None):
    """Every Central Asian pair reports both flows in 2018–2020 (A to B = 10 × B's position + A's); in 2019 no
    pair has KAZ–TKM; from 2020 ``mirror_2020``'s reporter mirrors its partner's figures (× 1.06)."""
    rows = []
    for a, b in itertools.combinations(COUNTRIES, 2):
        for year in (2017, 2018, 2020):
            for rep, par in ((a, b), (b, a)):
                basis = "mirror" if (rep, par) == mirror_2020 and year == 2020 else "reported"
                rows += [(rep, par, "exports_fob", year, 10.0 + year - 2017, False, basis),
                         (rep, par, "imports_cif", year, 5.0 if rep == a else 6.0, False, basis)]
    for year in (2019,):
        for a, b in itertools.combinations(COUNTRIES, 2):
            if {a, b} != {"KAZ", "TKM"}:
                rows += [(a, b, "exports_fob", year, 1.0, False, "reported"),
                         (a, b, "imports_cif", year, 1.0, False, "reported")]
    frame = _trade(rows)
    return frame.assign(mirror_factor=[1.06 if basis == "mirror" else None for basis in frame.basis])


def test_pair_view_names_the_latest_mirror_the_gap_and_the_years_without_a_figure():
    totals = pd.DataFrame({"country_code": list(COUNTRIES) * 4, "year": sorted([2017, 2018, 2019, 2020] * 5),
                           "merch_exports_usd": 1e9, "merch_imports_usd": 1e9})
    view = bi.pair_view(_all_pairs(), totals, "KAZ", "TKM")
    assert view.bench_year == 2020  # 2019 lacks KAZ–TKM, so it is not complete
    assert view.missing_years == [2019]
    assert list(view.turnover.year) == [2017, 2018, 2020] and view.last.year == 2020
    assert view.peak.year == 2020 and view.peak.turnover == pytest.approx(13.0 + 5.0)
    assert view.latest_mirror == ("TKM", {"first": 2020, "last": 2020, "years": 1, "factor": 1.06})
    assert view.gap["years"] == 2 and view.gap["first"] == 2017 and view.gap["last"] == 2018  # 2020 is a mirror
    assert view.b_for_a["of"] == 4 and set(view.shares.country_code) == {"KAZ", "TKM"}


def test_pair_view_without_any_mirror_has_no_latest_mirror():
    totals = pd.DataFrame({"country_code": list(COUNTRIES), "year": 2020, "merch_exports_usd": 1e9,
                           "merch_imports_usd": 1e9})
    view = bi.pair_view(_all_pairs(mirror_2020=("X", "Y")), totals, "UZB", "KGZ")
    assert view.mirrors == {} and view.latest_mirror is None
