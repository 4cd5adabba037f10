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


# --- energy and environment: balances, rates, levels, shares -------------------------------------

from kztm.report import wording


def test_balance_phrase_names_deficit_and_surplus_with_a_positive_magnitude():
    assert wording.balance_phrase(-26.49, "bcm") == "a deficit of 26.5 bcm"
    assert wording.balance_phrase(3.0, "bcm") == "a surplus of 3.0 bcm"
    assert wording.balance_phrase(1234.4, "TWh", ",.0f") == "a surplus of 1,234 TWh"


def test_balance_phrase_never_says_a_deficit_of_zero():
    assert wording.balance_phrase(-0.01, "bcm") == "no surplus or deficit"
    assert wording.balance_phrase(-0.4, "TWh", ",.0f") == "no surplus or deficit"
    assert wording.balance_phrase(-0.06, "bcm") == "a deficit of 0.1 bcm"


def test_rate_words_reads_the_sign_and_never_says_falling_zero():
    assert wording.rate_words(3.21) == "growing 3.2% a year"
    assert wording.rate_words(-1.04) == "falling 1.0% a year"
    assert wording.rate_words(-0.04) == "flat"
    assert wording.rate_words(-0.04, digits=2) == "falling 0.04% a year"


def test_level_verb_and_pace_read_the_sign():
    assert wording.level_verb(-6.52) == "fell" and wording.level_verb(1.2) == "rose"
    assert wording.level_verb(-0.04) == "held steady"
    assert wording.level_pace(-6.52) == "fell by 6.5 cm a year"
    assert wording.level_pace(1.24) == "rose by 1.2 cm a year"
    assert wording.level_pace(0.03) == "held steady"


def test_level_pace_noun_has_no_minus_sign():
    assert wording.level_pace_noun(-14.04) == "a fall of 14.0 cm a year"
    assert wording.level_pace_noun(2.0) == "a rise of 2.0 cm a year"
    assert wording.level_pace_noun(-0.04) == "no change"


def test_share_of_phrase_switches_to_a_multiple_from_twice_the_resource():
    assert wording.share_of_phrase(1868.4, "its water") == "18.7 times its water"
    assert wording.share_of_phrase(200.0, "its water") == "2.0 times its water"
    assert wording.share_of_phrase(199.6, "its water") == "200% of its water"
    assert wording.share_of_phrase(74.2, "its water") == "74% of its water"
    assert wording.share_of_phrase(1500.0, "x").startswith("15.0 times")


def test_singular_or_plural_agrees_with_the_count():
    assert wording.singular_or_plural(1, "withdraws", "withdraw") == "withdraws"
    assert wording.singular_or_plural(2, "withdraws", "withdraw") == "withdraw"
    assert wording.singular_or_plural(0, "its", "their") == "their"


# --- trade and investment chapters ------------------------------------------------------------

import pytest


def test_multiple_phrase_says_doubled_only_when_it_doubled():
    assert wording.multiple_phrase(254.3, 563.0) == "more than doubled"
    assert wording.multiple_phrase(100, 200) == "doubled"
    assert wording.multiple_phrase(100, 350) == "more than tripled"
    assert wording.multiple_phrase(100, 140) == "rose 40%"
    assert wording.multiple_phrase(100, 88) == "fell 12%"
    assert wording.multiple_phrase(100, 100) == "was unchanged"
    assert wording.multiple_phrase(100, 620) == "rose 6.2-fold"
    with pytest.raises(ValueError, match="old=0"):
        wording.multiple_phrase(0, 10)


def test_change_phrase_never_says_fell_zero():
    assert wording.change_phrase(-1.2966) == "fell 1.3%"
    assert wording.change_phrase(5.4, "rose", "slipped") == "rose 5.4%"
    assert wording.change_phrase(-1.3, "rose", "slipped") == "slipped 1.3%"
    assert wording.change_phrase(0.04) == "was unchanged"
    assert wording.change_phrase(0.04, digits=2) == "rose 0.04%"


def test_side_of_names_where_values_lie_against_a_rate():
    assert wording.side_of([0.05], 0.10) == "below" and wording.side_of([0.30], 0.10, "slower", "faster") == "faster"
    assert wording.side_of([-0.013, 0.054], 0.103) == "both below"
    assert wording.side_of([0.2, 0.3, 0.11], 0.103) == "all at or above"
    assert wording.side_of([0.2, 0.05], 0.103) == "on either side of"
    with pytest.raises(ValueError):
        wording.side_of([], 0.1)


def test_match_phrase_says_exactly_only_within_the_tolerance():
    assert wording.match_phrase(0.0, "the quoted turnover") == "exactly the quoted turnover"
    assert wording.match_phrase(0.04, "the quoted turnover") == "exactly the quoted turnover"
    assert wording.match_phrase(1.25, "the quoted turnover") == "USD 1.2 million more than the quoted turnover"
    assert wording.match_phrase(-3.0, "the quoted turnover") == "USD 3.0 million less than the quoted turnover"
