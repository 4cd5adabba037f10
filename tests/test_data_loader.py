"""The public data API and the loader's checks on bad data.

Each bad-data test builds a broken copy of the committed data folder in
tmp_path and points KZTM_DATA_DIR at it.
"""

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from kztm.data import (
    DataError,
    dataset_metadata,
    dataset_names,
    load_dataset,
    load_json,
    source_line,
    sources_table,
    write_downloads,
)

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"


# ------------------------------------------------------------ happy path ----

def test_every_dataset_loads():
    for name in dataset_names():
        meta = dataset_metadata(name)
        if meta["format"] == "csv":
            df = load_dataset(name)
            assert list(df.columns) == [f["name"] for f in meta["schema"]["fields"]]
            assert len(df) == meta["coverage"]["rows"], name
        else:
            assert load_json(name)["type"] == "Topology"


def test_macro_shape_and_types():
    df = load_dataset("macro")
    assert list(df.columns) == ["country_code", "country", "year", "population", "gdp_usd",
                                "gdp_per_capita_usd", "gdp_growth_pct"]
    assert set(df.country_code) == {"KAZ", "TKM", "UZB", "KGZ", "TJK"}
    assert (df.year.min(), df.year.max()) == (1990, 2025)
    assert len(df) == 5 * 36  # one row per country and year, blanks where WDI has no value
    assert str(df.year.dtype) == "int64"
    assert df.gdp_usd.dtype == "float64"


def test_macro_uses_wdi_2026_vintage_for_turkmenistan():
    macro = load_dataset("macro").set_index(["country_code", "year"])
    vint = load_dataset("gdp_vintages").set_index(["country_code", "year"])
    # The macro GDP is the WDI series, never the datahub one.
    assert macro.loc[("TKM", 2023), "gdp_usd"] == vint.loc[("TKM", 2023), "gdp_usd_wdi_2026"]
    assert vint.loc[("TKM", 2023), "gdp_usd_wdi_2026"] < vint.loc[("TKM", 2023), "gdp_usd_datahub_2026_03"]
    notes = " ".join(dataset_metadata("macro")["notes"])
    assert "2026-07-01" in notes and "gdp_vintages" in notes


def test_source_line_macro():
    assert source_line("macro") == ("Source: World Bank, World Development Indicators (WDI vintage 2026-07-01), "
                                    "CC BY 4.0")


def test_source_line_names_every_origin():
    line = source_line("energy_gas")
    assert line.startswith("Sources: ") and "BP" in line and "Our World in Data" in line
    assert "Schwatke et al. 2015" in source_line("caspian_level")


def test_sources_table_columns():
    table = sources_table()
    assert list(table.columns) == ["dataset", "title", "producer", "licence", "vintage", "countries",
                                   "years covered", "rows", "file"]
    assert set(table.dataset) == set(dataset_names())
    assert table.set_index("dataset").loc["macro", "years covered"] == "1990–2025"


def test_write_downloads(tmp_path):
    written = write_downloads(tmp_path)
    assert (tmp_path / "macro.csv").read_bytes() == (DATA / "macro.csv").read_bytes()
    meta = json.loads((tmp_path / "macro.json").read_text())
    assert meta["name"] == "macro" and meta["origin"]
    # The map's metadata must not overwrite the map itself.
    assert json.loads((tmp_path / "region_map.json").read_text())["type"] == "Topology"
    assert (tmp_path / "region_map.metadata.json").exists()
    assert len(written) == 2 * len(dataset_names())


def test_trade_bilateral_2022_is_derived_not_stated():
    df = load_dataset("trade_bilateral")
    row = df[(df.indicator == "KZ-TM trade turnover") & (df.period == "2022")]
    assert len(row) == 1
    assert row.iloc[0].status == "derived"
    assert set(df.status) <= {"stated", "derived", "qualitative"}


def test_aral_flags_after_2018():
    df = load_dataset("aral_area")
    assert (df[df.year > 2018].flag == "collected from news (unverified)").all()
    assert (df[df.year <= 2018].flag == "from UNESCO study").all()


def test_caspian_level_dates():
    df = load_dataset("caspian_level")
    assert df.date.min().year == 1992 and df.date.max().year == 2023
    assert df.date.is_monotonic_increasing


def test_investment_pct_gdp_is_derived_from_macro():
    inv = load_dataset("investment").set_index(["country_code", "year"])
    macro = load_dataset("macro").set_index(["country_code", "year"])
    key = ("KAZ", 2020)
    expected = inv.loc[key, "fdi_net_inflows_usd"] / macro.loc[key, "gdp_usd"] * 100
    assert inv.loc[key, "fdi_net_inflows_pct_gdp"] == pytest.approx(expected, abs=5e-4)
    assert "DERIVED" in next(f for f in dataset_metadata("investment")["schema"]["fields"]
                             if f["name"] == "fdi_net_inflows_pct_gdp")["description"]


def test_unknown_dataset():
    with pytest.raises(DataError, match="Unknown dataset 'nope'.*known datasets: macro"):
        load_dataset("nope")


# -------------------------------------------------------------- bad data ----

@pytest.fixture
def broken(tmp_path, monkeypatch):
    """A copy of the data folder in tmp_path, used by the loader through KZTM_DATA_DIR."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("compiled"))
    monkeypatch.setenv("KZTM_DATA_DIR", str(target))
    return target


def _edit_macro(folder: Path, edit) -> Path:
    path = folder / "macro.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df = edit(df)
    df.to_csv(path, index=False)
    return path


def test_missing_file(broken):
    (broken / "macro.csv").unlink()
    with pytest.raises(DataError, match=r"Data file .*macro\.csv for dataset 'macro' is missing"):
        load_dataset("macro")


def test_missing_datapackage(broken):
    (broken / "datapackage.json").unlink()
    with pytest.raises(DataError, match=r"datapackage\.json is missing"):
        load_dataset("macro")


def test_missing_column(broken):
    _edit_macro(broken, lambda df: df.drop(columns=["gdp_usd"]))
    with pytest.raises(DataError, match=r"macro\.csv, line 1 \(header\): column 'gdp_usd' is missing"):
        load_dataset("macro")


def test_wrong_type(broken):
    def edit(df):
        df.loc[4, "gdp_usd"] = "lots"
        return df
    _edit_macro(broken, edit)
    with pytest.raises(DataError, match=r"macro\.csv, line 6, field 'gdp_usd': 'lots' is not a number"):
        load_dataset("macro")


def test_wrong_type_integer(broken):
    def edit(df):
        df.loc[0, "year"] = "1990.5"
        return df
    _edit_macro(broken, edit)
    with pytest.raises(DataError, match=r"line 2, field 'year': '1990\.5' is not an integer"):
        load_dataset("macro")


def test_duplicate_key(broken):
    def edit(df):
        return pd.concat([df.iloc[:3], df.iloc[[2]], df.iloc[3:]], ignore_index=True)
    _edit_macro(broken, edit)
    with pytest.raises(DataError, match=r"macro\.csv, line 5, field 'country_code\+year': duplicate primary key "
                                        r"\('KAZ', '1992'\) \(already on line 4\)"):
        load_dataset("macro")


def test_negative_value(broken):
    def edit(df):
        df.loc[10, "population"] = "-5"
        return df
    _edit_macro(broken, edit)
    with pytest.raises(DataError, match=r"macro\.csv, line 12, field 'population': -5 is below the minimum 0"):
        load_dataset("macro")


def test_value_above_maximum(broken):
    path = broken / "logistics_indicators.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    i = int((df.lpi_overall != "").to_numpy().nonzero()[0][0])
    df.loc[i, "lpi_overall"] = "7"
    df.to_csv(path, index=False)
    with pytest.raises(DataError, match=rf"line {i + 2}, field 'lpi_overall': 7 is above the maximum 5"):
        load_dataset("logistics_indicators")


def test_required_value_blank(broken):
    def edit(df):
        df.loc[0, "country_code"] = ""
        return df
    _edit_macro(broken, edit)
    with pytest.raises(DataError, match=r"line 2, field 'country_code': value is empty but the field is required"):
        load_dataset("macro")


def test_value_outside_enum(broken):
    def edit(df):
        df.loc[0, "country_code"] = "XXX"
        return df
    _edit_macro(broken, edit)
    with pytest.raises(DataError, match=r"line 2, field 'country_code': 'XXX' is not one of"):
        load_dataset("macro")


def test_bad_date(broken):
    path = broken / "caspian_level.csv"
    text = path.read_text().splitlines()
    text[3] = "1992-13-45," + text[3].split(",", 1)[1]
    path.write_text("\n".join(text) + "\n")
    with pytest.raises(DataError, match=r"caspian_level\.csv, line 4, field 'date': '1992-13-45' is not a date"):
        load_dataset("caspian_level")


def test_loader_argument_instead_of_env(tmp_path):
    target = tmp_path / "d"
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("compiled"))
    (target / "water.csv").unlink()
    with pytest.raises(DataError, match="water.csv"):
        load_dataset("water", target)
    assert len(load_dataset("macro", target)) == 180
