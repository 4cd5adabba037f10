from kztm.report.wording import change_verb, join_names, number_word


def test_number_word():
    assert number_word(6) == "six" and number_word(12) == "twelve" and number_word(14) == "14"
    assert number_word(0) == "zero" and number_word(0, zero="no", capital=True) == "No"
    assert number_word(2, capital=True) == "Two"
    assert number_word(1500) == "1,500"


def test_change_verb_never_says_fell_zero():
    assert change_verb(3.2) == "grew" and change_verb(-1.04) == "fell"
    assert change_verb(-0.04) == "did not change"
    assert change_verb(-0.04, digits=2) == "fell"


def test_join_names():
    assert join_names([]) == "none"
    assert join_names(["A", "B"]) == "A and B"
    assert join_names(["A", "B", "C"]) == "A, B and C"


# --- trade and investment chapters ------------------------------------------------------------

import pytest

from kztm.report.wording import change_phrase, match_phrase, multiple_phrase, side_of


def test_multiple_phrase_says_doubled_only_when_it_doubled():
    assert multiple_phrase(254.3, 563.0) == "more than doubled"
    assert multiple_phrase(100, 200) == "doubled"
    assert multiple_phrase(100, 350) == "more than tripled"
    assert multiple_phrase(100, 140) == "rose 40%"
    assert multiple_phrase(100, 88) == "fell 12%"
    assert multiple_phrase(100, 100) == "was unchanged"
    assert multiple_phrase(100, 620) == "rose 6.2-fold"
    with pytest.raises(ValueError, match="old=0"):
        multiple_phrase(0, 10)


def test_change_phrase_never_says_fell_zero():
    assert change_phrase(-1.2966) == "fell 1.3%"
    assert change_phrase(5.4, "rose", "slipped") == "rose 5.4%"
    assert change_phrase(-1.3, "rose", "slipped") == "slipped 1.3%"
    assert change_phrase(0.04) == "was unchanged"
    assert change_phrase(0.04, digits=2) == "rose 0.04%"


def test_side_of_names_where_values_lie_against_a_rate():
    assert side_of([0.05], 0.10) == "below" and side_of([0.30], 0.10, "slower", "faster") == "faster"
    assert side_of([-0.013, 0.054], 0.103) == "both below"
    assert side_of([0.2, 0.3, 0.11], 0.103) == "all at or above"
    assert side_of([0.2, 0.05], 0.103) == "on either side of"
    with pytest.raises(ValueError):
        side_of([], 0.1)


def test_match_phrase_says_exactly_only_within_the_tolerance():
    assert match_phrase(0.0, "the quoted turnover") == "exactly the quoted turnover"
    assert match_phrase(0.04, "the quoted turnover") == "exactly the quoted turnover"
    assert match_phrase(1.25, "the quoted turnover") == "USD 1.2 million more than the quoted turnover"
    assert match_phrase(-3.0, "the quoted turnover") == "USD 3.0 million less than the quoted turnover"
