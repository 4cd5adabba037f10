import json

import pytest

from kztm.params import (
    ParameterError,
    check_choice,
    check_codes,
    check_number,
    normalise_codes,
    peers_note,
    validate_common,
)


def test_defaults_are_valid():
    p = validate_common("KAZ", "TKM", ["UZB", "KGZ", "TJK"], 1995, 2025)
    assert p.pair == ("KAZ", "TKM")
    assert p.countries == ["KAZ", "TKM", "UZB", "KGZ", "TJK"]
    assert p.is_bilateral_pair
    assert p.name_b == "Turkmenistan"


def test_other_pair_is_not_bilateral_and_peers_exclude_the_pair():
    p = validate_common("KAZ", "UZB", ["UZB", "KGZ"], 2000, 2020)
    assert not p.is_bilateral_pair
    assert p.countries == ["KAZ", "UZB", "KGZ"]


def test_lower_case_codes_are_accepted():
    assert validate_common("kaz", "tkm", [], 2000, 2020).pair == ("KAZ", "TKM")


@pytest.mark.parametrize(
    "kwargs, fragment",
    [
        ({"country_b": "XXX"}, "country_b='XXX'"),
        ({"country_a": 5}, "country_a=5"),
        ({"country_b": "KAZ"}, "both 'KAZ'"),
        ({"peers": "UZB"}, "peers='UZB'"),
        ({"peers": ["UZB", "ZZZ"]}, "peers='ZZZ'"),
        ({"start_year": 2030, "end_year": 2020}, "start_year=2030"),
        ({"start_year": 2020, "end_year": 2010}, "start_year=2020 must be before end_year=2010"),
        ({"end_year": 2099}, "end_year=2099 is outside the data"),
        ({"start_year": "1995"}, "start_year='1995'"),
        ({"start_year": True}, "start_year=True"),
    ],
)
def test_bad_values_are_named(kwargs, fragment):
    args = {"country_a": "KAZ", "country_b": "TKM", "peers": ["UZB"], "start_year": 1995, "end_year": 2025}
    args.update(kwargs)
    with pytest.raises(ParameterError) as err:
        validate_common(**args)
    assert fragment in str(err.value)


def test_check_number():
    assert check_number("rate", 0.5, minimum=0, maximum=1) == 0.5
    with pytest.raises(ParameterError, match="rate=-1 is below"):
        check_number("rate", -1, minimum=0)
    with pytest.raises(ParameterError, match="year=2020.5 must be a whole number"):
        check_number("year", 2020.5, integer=True)
    with pytest.raises(ParameterError, match="must be a number"):
        check_number("rate", "high")


def test_check_choice():
    assert check_choice("unit", "bcm", ["bcm", "TWh"]) == "bcm"
    with pytest.raises(ParameterError, match="unit='m3' is not one of bcm, TWh"):
        check_choice("unit", "m3", ["bcm", "TWh"])


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_nan_and_infinity_pass_no_bound_check(value):
    # A NaN compares False with every bound, so without an explicit check it slips through minimum/maximum.
    with pytest.raises(ParameterError, match="must be a finite number"):
        check_number("cost_reduction_pct", value, minimum=0, maximum=100)


def test_a_peer_listed_twice_is_refused_not_silently_kept():
    with pytest.raises(ParameterError, match=r"lists UZB more than once"):
        validate_common("KAZ", "TKM", ["UZB", "uzb", "KGZ"], 2000, 2020)


def test_a_peer_that_is_in_the_pair_is_dropped_and_named():
    p = validate_common("KAZ", "UZB", ["uzb", "KGZ"], 2000, 2020)
    assert p.peers == ("KGZ",) and p.dropped_peers == ("UZB",)
    assert peers_note(p.dropped_peers, p.country_a, p.country_b) == (
        "Peer UZB is already in the pair KAZ–UZB, so it is not shown again among the peers.")
    assert peers_note((), "KAZ", "TKM") == ""


def test_lower_case_codes_are_stored_in_upper_case():
    assert normalise_codes({"country_b": " uzb", "peers": ["kgz", "TJK"], "unit": "bcm"}) == {
        "country_b": "UZB", "peers": ["KGZ", "TJK"], "unit": "bcm"}
    p = validate_common("kaz", "tkm", ["uzb"], 2000, 2020)
    assert (p.country_a, p.country_b, p.peers) == ("KAZ", "TKM", ("UZB",))


def test_check_codes_refuses_unknown_codes_and_repeated_peers_before_a_chapter_runs():
    check_codes({"country_b": "UZB", "peers": ["KGZ"], "start_year": 1})
    with pytest.raises(ParameterError, match="country_b='XXX'"):
        check_codes({"country_b": "XXX"})
    with pytest.raises(ParameterError, match="more than once"):
        check_codes({"peers": ["KGZ", "KGZ"]})


# --- the parameters a notebook declares, kept between processes ---------------------------------------------

def _parameters_notebook(path, cell, prose="A chapter."):
    import nbformat

    nb = nbformat.v4.new_notebook()
    code = nbformat.v4.new_code_cell(cell)
    code.metadata["tags"] = ["parameters"]
    nb.cells = [code, nbformat.v4.new_markdown_cell(prose)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(path))


def test_declared_parameters_are_kept_and_read_again_when_the_parameters_cell_changes(tmp_path, monkeypatch):
    from kztm.pipeline import config

    cache = tmp_path / "build" / ".notebook-parameters.json"
    cache.parent.mkdir()
    monkeypatch.setattr(config, "PARAMETER_CACHE", cache)
    config._inspect.cache_clear()
    nb = tmp_path / "trade.ipynb"
    _parameters_notebook(nb, "goal_usd_m: float = 1000.0  # the turnover goal, USD million")
    assert config.notebook_parameters(nb)["goal_usd_m"]["default"] == "1000.0"
    assert len(json.loads(cache.read_text())) == 1
    config._inspect.cache_clear()  # a new process: the kept answer, without papermill
    monkeypatch.setattr("papermill.inspect_notebook", lambda _path: pytest.fail("papermill read it again"))
    assert config.notebook_parameters(nb)["goal_usd_m"]["help"] == "the turnover goal, USD million"
    _parameters_notebook(nb, "goal_usd_m: float = 1000.0  # the turnover goal, USD million", prose="Edited prose.")
    config._inspect.cache_clear()  # prose edited: still the kept answer
    assert config.notebook_parameters(nb)["goal_usd_m"]["default"] == "1000.0"
    monkeypatch.undo()
    monkeypatch.setattr(config, "PARAMETER_CACHE", cache)
    _parameters_notebook(nb, "goal_usd_m: float = 2000.0\nyear: int = 2024")
    assert {n: i["default"] for n, i in config.notebook_parameters(nb).items()} == {"goal_usd_m": "2000.0",
                                                                                   "year": "2024"}
    assert len(json.loads(cache.read_text())) == 1  # the older version's entry went


@pytest.mark.parametrize("state", ["garbage", "missing folder"])
def test_an_unreadable_or_unwritable_parameter_cache_only_costs_a_reading(tmp_path, monkeypatch, state):
    from kztm.pipeline import config

    cache = tmp_path / "build" / ".notebook-parameters.json"
    if state == "garbage":
        cache.parent.mkdir()
        cache.write_text("{not json")
    monkeypatch.setattr(config, "PARAMETER_CACHE", cache)
    config._inspect.cache_clear()
    nb = tmp_path / "trade.ipynb"
    _parameters_notebook(nb, "year: int = 2024")
    assert config.notebook_parameters(nb)["year"]["type"] == "int"
    assert cache.exists() == (state == "garbage") and not list(tmp_path.rglob("*.partial"))
