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
