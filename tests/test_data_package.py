"""data/datapackage.json: valid Frictionless Data Package, complete origin metadata, no raw files."""

import hashlib
import json
from pathlib import Path

import pytest
from frictionless import Package, validate

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
RAW = (REPO / ".." / "shared" / "sources").resolve()

ORIGIN_KEYS = {"producer", "title", "url_main", "vintage", "date_accessed", "license", "citation", "processing",
               "attribution"}


@pytest.fixture(scope="module")
def package():
    return json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))


def test_frictionless_validates_the_package():
    report = validate(str(DATA / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])[:10]


def test_frictionless_reads_resources():
    pkg = Package(str(DATA / "datapackage.json"))
    macro = pkg.get_resource("macro")
    rows = macro.read_rows()
    assert len(rows) == 180
    assert macro.schema.primary_key == ["country_code", "year"]


def test_required_datasets_present(package):
    names = {r["name"] for r in package["resources"]}
    assert {"macro", "gdp_vintages", "trade_country", "trade_bilateral", "investment", "logistics_indicators",
            "energy_gas", "energy_oil", "gas_reserves", "electricity_mix", "energy_vintage_check",
            "caspian_level", "aral_area", "emissions", "water", "region_map", "bilateral_trade",
            "emissions_vintage_check", "logistics_quoted"} <= names


def test_package_description_names_every_producer(package):
    for producer in ("World Bank", "IMF Direction of Trade Statistics", "Our World in Data", "BP"):
        assert producer in package["description"]


def test_dots_origin_states_copy_vintage_and_licence(package):
    origin = next(r for r in package["resources"] if r["name"] == "bilateral_trade")["origin"][0]
    assert origin["producer"].startswith("International Monetary Fund")
    assert "a769819d9b25a21a362d6cabfb10f150903f834d" in origin["version_note"]
    assert origin["vintage"].startswith("early 2022")
    assert "not checkable offline" in origin["license"]["title"] and "MIT" in origin["license"]["title"]
    hashed = {f["path"]: f.get("sha256") for f in origin["raw_files"]}
    assert all(hashed[f"imf-dots/DOTS_{n}.xlsx"] for n in (103, 201, 210, 109, 192, 13, 95, 162, 40, 1))


def test_every_resource_has_origin_and_licence(package):
    for res in package["resources"]:
        assert res["origin"], res["name"]
        for origin in res["origin"]:
            missing = ORIGIN_KEYS - set(origin)
            assert not missing, (res["name"], missing)
            assert origin["processing"], res["name"]
            assert origin["date_accessed"] == "2026-11-27"
        assert res["licenses"] and all(lic["name"] for lic in res["licenses"])
        assert res["title"] and res["description"]


def test_tabular_schemas_have_units_keys_and_constraints(package):
    for res in package["resources"]:
        if res["format"] != "csv":
            continue
        fields = {f["name"]: f for f in res["schema"]["fields"]}
        assert res["schema"]["primaryKey"], res["name"]
        if "year" in fields:
            cons = fields["year"]["constraints"]
            assert cons["required"] and "minimum" in cons and "maximum" in cons
        for f in fields.values():
            assert f["description"], (res["name"], f["name"])
            if f["type"] == "number" and not res["origin"][0]["producer"].startswith("Compiled"):
                assert f.get("unit"), (res["name"], f["name"])


def test_non_negative_constraints(package):
    macro = {f["name"]: f for f in next(r for r in package["resources"] if r["name"] == "macro")["schema"]["fields"]}
    for name in ("population", "gdp_usd", "gdp_per_capita_usd"):
        assert macro[name]["constraints"]["minimum"] == 0
    assert "minimum" not in macro["gdp_growth_pct"].get("constraints", {})  # growth can be negative


def test_dahiti_citation(package):
    res = next(r for r in package["resources"] if r["name"] == "caspian_level")
    citation = res["origin"][0]["citation"]
    assert "Schwatke" in citation and "4345" in citation and "10.5194/hess-19-4345-2015" in citation


def test_wdi_origin_records_upstream_urls(package):
    res = next(r for r in package["resources"] if r["name"] == "macro")
    urls = res["origin"][0]["url_download"]
    assert any(u.endswith("/indicators/ny.gdp.mktp.cd/data.csv") for u in urls)
    assert res["origin"][0]["vintage"] == "2026-07-01"


def test_energy_reconciliation_is_documented(package):
    res = next(r for r in package["resources"] if r["name"] == "energy_gas")
    notes = " ".join(res["notes"])
    assert "newest vintage" in notes and "10 TWh" in notes and "energy_vintage_check" in notes


def test_hashes_match_files(package):
    for res in package["resources"]:
        data = (DATA / res["path"]).read_bytes()
        assert res["bytes"] == len(data), res["name"]
        assert res["hash"] == "sha256:" + hashlib.sha256(data).hexdigest(), res["name"]


def test_region_map_is_small_and_regional():
    topo = json.loads((DATA / "region_map.json").read_text())
    assert (DATA / "region_map.json").stat().st_size < 300_000
    iso = {g["properties"]["iso_a3"] for g in topo["objects"]["countries"]["geometries"]}
    assert {"KAZ", "TKM", "UZB", "KGZ", "TJK", "AZE", "IRN", "RUS"} <= iso
    n_arcs = len(topo["arcs"])

    def indices(a):
        return [a] if isinstance(a, int) else [i for b in a for i in indices(b)]

    for g in topo["objects"]["countries"]["geometries"]:
        assert all(0 <= (i if i >= 0 else ~i) < n_arcs for i in indices(g["arcs"]))


def test_no_raw_file_is_committed():
    """No file under data/ is byte-identical to a raw source file."""
    sums = RAW / "SHA256SUMS"
    if not sums.exists():
        pytest.skip(f"raw source folder {RAW} not present; cannot compare hashes")
    raw_hashes = {line.split()[0] for line in sums.read_text().splitlines() if line.strip()}
    for path in DATA.rglob("*"):
        if path.is_file():
            assert hashlib.sha256(path.read_bytes()).hexdigest() not in raw_hashes, path
