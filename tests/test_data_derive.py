"""Derivation: re-deriving from the raw folder reproduces the committed data exactly."""

import subprocess
import sys
from pathlib import Path

import pytest

from kztm import paths
from kztm.data import compiled, derive, energy, trade_quotes
from kztm.data.loader import DataError

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
RAW = paths.default_raw_dir()

needs_raw = pytest.mark.skipif(not RAW.is_dir(), reason=f"raw source folder {RAW} not present (set KZTM_RAW_DIR); "
                                                        "cannot re-derive")


@needs_raw
def test_rederive_matches_committed(tmp_path):
    written = derive.derive_all(RAW, tmp_path, verbose=False)
    assert "datapackage.json" in written
    for name in written:
        committed = DATA / name
        assert committed.exists(), f"{name} is derived but not committed; run `make data`"
        assert (tmp_path / name).read_bytes() == committed.read_bytes(), \
            f"{name} differs from a fresh derivation; run `make data`"


@needs_raw
def test_cli_writes_to_out(tmp_path):
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "kztm.data.derive", "--raw", str(RAW), "--out", str(out)],
                            cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (out / "macro.csv").read_bytes() == (DATA / "macro.csv").read_bytes()


def test_cli_reports_missing_raw_folder(tmp_path):
    result = subprocess.run([sys.executable, "-m", "kztm.data.derive", "--raw", str(tmp_path / "nowhere"),
                             "--out", str(tmp_path / "out")], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 2
    assert "does not exist" in result.stderr
    assert not (tmp_path / "out").exists()


def test_missing_compiled_file_is_skipped_with_notice(tmp_path, capsys):
    assert compiled.derive_compiled("timeline", RAW, compiled_dir=tmp_path) is None
    assert "not found yet" in capsys.readouterr().out


@needs_raw
def test_bad_compiled_file_fails_with_clear_message(tmp_path):
    src = paths.default_compiled_dir()
    if not (src / "memberships.csv").exists():
        pytest.skip("data/compiled/memberships.csv not present yet")
    lines = (src / "memberships.csv").read_text(encoding="utf-8").splitlines()
    lines.append(lines[1])  # duplicate key
    (tmp_path / "memberships.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "memberships.meta.json").write_bytes((src / "memberships.meta.json").read_bytes())
    with pytest.raises(DataError, match=r"memberships\.csv, line \d+, .*duplicate primary key"):
        compiled.derive_compiled("memberships", RAW, compiled_dir=tmp_path)


@pytest.mark.parametrize("text, expected", [
    ("2021", ("2021-01-01", "2021-12-31", 12)),
    ("2022-01/2022-07", ("2022-01-01", "2022-07-31", 7)),
    ("2021-10", ("2021-10-01", "2021-10-31", 1)),
    ("2021/2024", ("2021-01-01", "2024-12-31", 48)),
    ("target", ("", "", None)),
])
def test_period_parsing(text, expected):
    assert trade_quotes._period(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("stated", "stated"),
    ('stated (approx. "about $100 million")', "stated"),
    ("IMPLIED (563/1.28; not quoted anywhere found)", "derived"),
    ("stated (qualitative)", "qualitative"),
    ("stated (target)", "stated"),
])
def test_status_normalisation(text, expected):
    assert trade_quotes._status(text) == expected


def test_number_format_is_plain_and_stable():
    from kztm.data.schema import Field
    f = Field("x", "number", "")
    assert f.format(1e-05) == "0.00001"
    assert f.format(261840101059.923) == "261840101059.923"
    assert f.format(4.0) == "4"
    assert f.format(float("nan")) == ""
    assert Field("x", "number", "", decimals=2).format(-0.001) == "0"
    assert Field("y", "integer", "").format(17154054.0) == "17154054"


@needs_raw
def test_gas_newest_vintage_wins_and_factor():
    gas = energy.derive_energy_gas(RAW)
    tkm = gas[(gas.country_code == "TKM") & (gas.flow == "production")].set_index("year")
    assert tkm.loc[2013, "source"] == "bp_2021" and tkm.loc[2013, "bcm_basis"] == "published"
    assert tkm.loc[2014, "source"] == "owid_energy_2025" and tkm.loc[2014, "bcm_basis"] == "converted"
    assert tkm.loc[2014, "value_bcm"] == pytest.approx(tkm.loc[2014, "value_twh"] / 10)
    assert not gas.duplicated(["country_code", "year", "flow"]).any()
    energy.check_gas_factor(RAW)  # BP 2021 itself uses 10 TWh per bcm everywhere


@needs_raw
def test_electricity_mix_never_mixes_vintages_within_a_year():
    mix = energy.derive_electricity_mix(RAW)
    per_year = mix.groupby(["country_code", "year"]).data_source.nunique()
    assert (per_year == 1).all()


@needs_raw
def test_logistics_nodes_join_by_geonameid():
    src = paths.default_compiled_dir()
    if not (src / "logistics_nodes.csv").exists():
        pytest.skip("data/compiled/logistics_nodes.csv not present yet")
    _, nodes = compiled.derive_compiled("logistics_nodes", RAW)
    aktau = nodes[nodes.geonames_name == "Aktau"]
    assert set(aktau.geonameid.astype(int)) == {610612}  # never the Karaganda villages 1526601 / 1526269
    assert aktau.latitude.iloc[0] == pytest.approx(43.661, abs=1e-3)
