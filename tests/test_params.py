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
