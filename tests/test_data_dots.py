"""IMF DOTS bilateral trade: reading the workbooks, the mirror rule and failures on bad input."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from kztm import paths
from kztm.data import dots, load_dataset
from kztm.data.loader import DataError

REPO = Path(__file__).resolve().parents[1]
RAW = paths.default_raw_dir()
DOTS = RAW / "imf-dots"
needs_dots = pytest.mark.skipif(not DOTS.is_dir(), reason=f"{DOTS} not present; cannot read the workbooks")


@pytest.fixture(scope="module")
def trade():
    return load_dataset("bilateral_trade")


def _opposite(trade: pd.DataFrame) -> pd.DataFrame:
    """Each row joined to the partner's figure for the opposite flow in the same year."""
    opp = trade.rename(columns={"reporter_code": "partner_code", "partner_code": "reporter_code",
                                "value_usd_m": "partner_value"})
    opp = opp.assign(flow=opp["flow"].map(dots.OPPOSITE))[["reporter_code", "partner_code", "flow", "year",
                                                            "partner_value"]]
    return trade.merge(opp, on=["reporter_code", "partner_code", "flow", "year"])


def _follows(rows: pd.DataFrame, k: float, rel: float = 1e-4) -> pd.Series:
    """Imports = partner's exports x k; exports = partner's imports / k (relative tolerance ``rel``)."""
    scale = rows["flow"].map({"imports_cif": k, "exports_fob": 1 / k})
    expected = rows["partner_value"] * scale
    return (rows["value_usd_m"] - expected).abs() <= rel * expected


# ------------------------------------------------------- the mirror rule ----

def test_turkmen_figures_from_2004_are_mirrors_exactly_where_the_rule_holds(trade):
    """Every Turkmen figure from 2004 whose partner reports the opposite flow: basis is 'mirror' if and only
    if it equals the partner's figure x 1.06 (imports) or / 1.06 (exports)."""
    rows = _opposite(trade)
    tkm = rows[(rows.reporter_code == "TKM") & (rows.year >= 2004)]
    assert len(tkm) > 200  # all nine partners, 2004-2020
    holds = _follows(tkm, 1.06)
    mirror = tkm.basis == "mirror"
    reported_but_rule = tkm[holds & ~mirror]
    mirror_but_no_rule = tkm[mirror & ~holds]
    assert reported_but_rule.empty, reported_but_rule[["partner_code", "flow", "year", "basis"]].to_string()
    assert mirror_but_no_rule.empty, mirror_but_no_rule[["partner_code", "flow", "year"]].to_string()
    # The rule holds with every partner (README: Turkmenistan's side is Kazakhstan's mirror x 1.06).
    assert set(tkm[mirror].partner_code) == {"KAZ", "UZB", "KGZ", "TJK", "AZE", "IRN", "RUS", "CHN", "AFG"}
    kaz = tkm[tkm.partner_code == "KAZ"]
    assert (kaz.basis == "mirror").all() and sorted(kaz.year.unique()) == list(range(2004, 2021))


def test_every_mirror_row_follows_its_recorded_factor(trade):
    rows = _opposite(trade)
    mirror = rows[rows.basis == "mirror"]
    assert not mirror.empty and set(mirror.mirror_factor) <= {1.06, 1.1}
    # Printed with 2 decimals, the 1990s estimates need a looser relative tolerance than the 2004+ figures.
    ok = pd.concat([_follows(g, k, rel=0.01) for k, g in mirror.groupby("mirror_factor")])
    assert ok.all(), mirror[~ok.reindex(mirror.index)][["reporter_code", "partner_code", "flow", "year"]].to_string()
    assert trade[trade.basis != "mirror"].mirror_factor.isna().all()


def test_a_mirror_never_faces_a_mirror(trade):
    """The derived side is one of the two: a figure and its source are never both marked mirror."""
    rows = _opposite(trade).merge(
        trade.rename(columns={"reporter_code": "partner_code", "partner_code": "reporter_code",
                              "basis": "partner_basis"})
        .assign(flow=lambda t: t["flow"].map(dots.OPPOSITE))[["reporter_code", "partner_code", "flow", "year",
                                                              "partner_basis"]],
        on=["reporter_code", "partner_code", "flow", "year"])
    both = rows[(rows.basis == "mirror") & (rows.partner_basis == "mirror")]
    assert both.empty, both[["reporter_code", "partner_code", "flow", "year"]].to_string()


def test_turkmen_world_totals_from_2004_are_not_called_reported(trade):
    world = trade[(trade.reporter_code == "TKM") & (trade.partner_code == "WLD") & (trade.year >= 2004)]
    assert len(world) == 2 * 17 and (world.basis == "partner_based").all()
    kaz_world = trade[(trade.reporter_code == "KAZ") & (trade.partner_code == "WLD") & (trade.year >= 2000)]
    assert (kaz_world.basis == "reported").all()


def _frame(rows):
    df = pd.DataFrame(rows, columns=["reporter_code", "partner_code", "flow", "year", "value_usd_m", "estimate",
                                     "decimals"])
    return dots.classify(df).set_index(["reporter_code", "partner_code", "flow", "year"])


def test_classify_estimate_flag_decides_the_mirror_side():
    out = _frame([
        ("UZB", "KAZ", "imports_cif", 1996, 110.0, True, 2), ("KAZ", "UZB", "exports_fob", 1996, 100.0, False, 2),
    ])
    assert out.loc[("UZB", "KAZ", "imports_cif", 1996), "basis"] == "mirror"
    assert out.loc[("UZB", "KAZ", "imports_cif", 1996), "mirror_factor"] == 1.10
    assert out.loc[("KAZ", "UZB", "exports_fob", 1996), "basis"] == "reported"


def test_classify_without_flags_picks_the_side_that_mirrors_everyone():
    # TKM matches all three partners; KAZ, KGZ and TJK report different figures to each other.
    rows = []
    for p, v in (("KAZ", 100.0), ("KGZ", 40.0), ("TJK", 20.0)):
        rows += [(p, "TKM", "exports_fob", 2010, v, False, 6), ("TKM", p, "imports_cif", 2010, v * 1.06, False, 6)]
    rows += [("KAZ", "KGZ", "exports_fob", 2010, 50.0, False, 6), ("KGZ", "KAZ", "imports_cif", 2010, 70.0, False, 6),
             ("TJK", "KAZ", "exports_fob", 2010, 10.0, False, 6), ("KAZ", "TJK", "imports_cif", 2010, 30.0, False, 6),
             ("TKM", "WLD", "imports_cif", 2010, 900.0, False, 6)]
    out = _frame(rows)
    assert (out.loc[pd.IndexSlice["TKM", ["KAZ", "KGZ", "TJK"], "imports_cif", 2010], "basis"] == "mirror").all()
    assert (out.loc[pd.IndexSlice[["KAZ", "KGZ", "TJK"], "TKM", "exports_fob", 2010], "basis"] == "reported").all()
    assert out.loc[("TKM", "WLD", "imports_cif", 2010), "basis"] == "partner_based"
    assert out.loc[("KGZ", "KAZ", "imports_cif", 2010), "basis"] == "reported"


def test_classify_ignores_matches_that_rounding_cannot_decide():
    # 2.8 x 1.06 = 2.97, within the rounding of one-decimal values of 3.0: not evidence of a mirror.
    out = _frame([("TKM", "KGZ", "imports_cif", 1999, 3.0, False, 1), ("KGZ", "TKM", "exports_fob", 1999, 2.8, False,
                                                                       1)])
    assert (out.basis == "reported").all()


@pytest.mark.parametrize("cell, expected", [
    ("0.14 e", (0.14, True, 2)),
    ("1,191.26 e", (1191.26, True, 2)),
    (353.941834, (353.941834, False, 6)),
    (4, (4.0, False, 0)),
])
def test_parse_value(cell, expected):
    assert dots.parse_value(cell, "here") == expected


def test_parse_value_rejects_other_text():
    with pytest.raises(DataError, match=r"here: '12 x'"):
        dots.parse_value("12 x", "here")


# ---------------------------------------------------- against the sheets ----

@needs_dots
@pytest.mark.parametrize("reporter, partner, flow, year, workbook, sheet, ref, rounded", [
    ("KAZ", "TKM", "exports_fob", 2014, "DOTS_103.xlsx", "Exports, FOB", "Y125", 353.9),  # README: 353.9
    ("KAZ", "TKM", "imports_cif", 2020, "DOTS_103.xlsx", "Imports, CIF", "AE135", 50.9),  # README: 50.9
    ("UZB", "KGZ", "exports_fob", 2019, "DOTS_210.xlsx", "Exports, FOB", "AD97", None),
    ("TJK", "KAZ", "imports_cif", 2018, "DOTS_192.xlsx", "Imports, CIF", "AC105", None),
    ("UZB", "KAZ", "exports_fob", 1996, "DOTS_210.xlsx", "Exports, FOB", "G95", None),  # an IMF estimate
])
def test_dataset_value_equals_the_workbook_cell(trade, reporter, partner, flow, year, workbook, sheet, ref, rounded):
    """Read the cell with openpyxl directly (not through the derive code) and check its row and column labels."""
    ws = openpyxl.load_workbook(DOTS / workbook, read_only=True, data_only=True)[sheet]
    row, col = int("".join(c for c in ref if c.isdigit())), "".join(c for c in ref if c.isalpha())
    assert dots.IMF_NAMES[ws[f"B{row}"].value] == partner
    assert int(float(ws[f"{col}7"].value)) == year
    cell = ws[ref].value
    estimate = isinstance(cell, str)
    value = float(cell.removesuffix(" e").replace(",", "")) if estimate else float(cell)
    got = trade[(trade.reporter_code == reporter) & (trade.partner_code == partner) & (trade.flow == flow)
                & (trade.year == year)]
    assert len(got) == 1
    assert got.value_usd_m.iloc[0] == value and bool(got.estimate.iloc[0]) == estimate
    if rounded is not None:
        assert round(value, 1) == rounded


# ------------------------------------------------------------ bad input ----

def _raw_copy(tmp_path: Path, without: str | None = None) -> Path:
    """A raw folder of links to the real one, with imf-dots copied (optionally missing one workbook)."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for entry in RAW.iterdir():
        if entry.name != "imf-dots":
            (raw / entry.name).symlink_to(entry)
    (raw / "imf-dots").mkdir()
    for f in DOTS.iterdir():
        if f.name != without:
            shutil.copy(f, raw / "imf-dots" / f.name)
    return raw


@needs_dots
def test_unmapped_partner_name_fails_naming_workbook_and_name(tmp_path):
    raw = _raw_copy(tmp_path)
    path = raw / "imf-dots" / "DOTS_201.xlsx"
    path.chmod(0o644)
    wb = openpyxl.load_workbook(path)
    ws = wb["Exports, FOB"]
    row = next(r for r in range(1, ws.max_row + 1) if ws[f"B{r}"].value == "Kazakhstan, Rep. of")
    ws[f"B{row}"] = "Kazakhstan"
    wb.save(path)
    with pytest.raises(DataError) as err:
        dots.read_workbooks(raw)
    msg = str(err.value)
    assert "DOTS_201.xlsx" in msg and "'Kazakhstan'" in msg and "Kazakhstan, Rep. of" in msg
    assert "\n" not in msg and msg.endswith(".")


@needs_dots
def test_missing_workbook_exits_2_with_one_sentence_and_writes_nothing(tmp_path):
    raw = _raw_copy(tmp_path, without="DOTS_201.xlsx")
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "kztm", "data", "--raw", str(raw), "--out", str(out)],
                            cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "DOTS_201.xlsx" in lines[0] and "missing" in lines[0]
    assert not out.exists()


def test_reporter_name_in_title_block_must_match(tmp_path):
    if not DOTS.is_dir():
        pytest.skip("raw DOTS folder not present")
    path = tmp_path / "DOTS_103.xlsx"
    shutil.copy(DOTS / "DOTS_201.xlsx", path)  # Turkmenistan's workbook under Kazakhstan's file name
    with pytest.raises(DataError, match=r"DOTS_103\.xlsx, sheet 'Exports, FOB': title block"):
        dots.read_sheet(path, "Exports, FOB", "KAZ", {"TKM"})
