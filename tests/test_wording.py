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


# --- politics and logistics wording (dates, counts, ranks, memberships, agreements, quoted periods) ---------

import pytest

from kztm.report import wording as w


def test_date_label_writes_only_the_precision_the_source_gives():
    assert w.date_label("1992-10-05", "day") == "5 October 1992"
    assert w.date_label("2013-05-17", "month") == "May 2013"
    assert w.date_label("1997-06-01", "year") == "1997"
    assert w.date_label("2007-10-16", "day", iso=True) == "2007-10-16"
    assert w.date_label("2013-05-17", "month", iso=True) == "2013-05"
    assert w.date_label("1997-06-01", "year", iso=True) == "1997"
    with pytest.raises(ValueError, match="week"):
        w.date_label("1997-01-01", "week")


def test_dates_phrase_uses_on_for_days_and_in_for_months_and_years():
    assert w.dates_phrase(["3 June 2015", "March 2025"]) == "on 3 June 2015 and in March 2025"
    assert w.dates_phrase(["2015"]) == "in 2015"
    assert w.dates_phrase([]) == ""


def test_count_phrase_is_singular_only_for_one():
    assert w.count_phrase(1, "summit") == "1 summit"
    assert w.count_phrase(4, "summit") == "4 summits" and w.count_phrase(0, "talk") == "0 talks"


def test_ordinals_and_ranks_in_words_then_digits():
    assert w.ordinal_word(4) == "fourth" and w.ordinal_word(12) == "twelfth"
    assert [w.ordinal_word(n) for n in (13, 21, 22, 23, 111, 112)] == ["13th", "21st", "22nd", "23rd", "111th", "112th"]
    assert w.rank_phrase(4, 5) == "fourth of five" and w.rank_phrase(13, 140) == "13th of 140"


def test_meetings_sentence_says_which_counting_passes_the_claim():
    window = "From January 2024 to the article"
    summits_pass = w.meetings_sentence(3, 4, 3, 6, window)
    assert summits_pass.startswith(window + ", the timeline shows 3 bilateral meetings of the two presidents")
    assert "not enough on their own" in summits_pass
    assert "brings the count to 7 (3 + 4), already more than six" in summits_pass
    assert summits_pass.endswith("as well gives 10.")
    only_all = w.meetings_sentence(3, 2, 3, 6, window)
    assert "still not more than six" in only_all and "passes it, with 8" in only_all
    assert "which alone meet the article's \"more than six\"" in w.meetings_sentence(7, 0, 0, 6, window)
    none = w.meetings_sentence(1, 1, 1, 6, window)
    assert "1 bilateral meeting of" in none and "not enough on its own" in none
    assert "the total is 3, not more than six" in none


def test_meetings_headline_names_the_first_counting_that_passes():
    assert w.meetings_headline(7, 0, 0, 6) == "The presidents met bilaterally 7 times: more than 6"
    assert w.meetings_headline(3, 4, 3, 6) == "3 bilateral meetings; only joint summits lift the count above 6"
    # Summits are not enough, the talks with Gurbanguly Berdimuhamedov are: the headline must not credit summits.
    assert w.meetings_headline(3, 2, 3, 6) == "3 bilateral meetings; only talks with G. Berdimuhamedov lift it above 6"
    assert w.meetings_headline(1, 9, 0, 6).startswith("1 bilateral meeting;")
    assert w.meetings_headline(1, 1, 1, 6) == "No definition of a meeting gives more than 6 encounters"


def test_sole_participation_sentence_names_the_country_and_the_status():
    names = {"KAZ": "Kazakhstan", "TKM": "Turkmenistan"}
    sole = {"KAZ": {"member": ["CSTO", "SCO"], "observer": []}, "TKM": {"member": [], "observer": ["WTO"]}}
    assert w.sole_participation_sentence(sole, names) == (
        "Kazakhstan alone belongs to the CSTO and the SCO; Turkmenistan alone is an observer in the WTO.")
    both = {"KAZ": {"member": ["EAEU"], "observer": ["OIC"]}, "TKM": {"member": [], "observer": []}}
    assert w.sole_participation_sentence(both, names) == (
        "Kazakhstan alone belongs to the EAEU and is an observer in the OIC.")
    empty = {"KAZ": {"member": [], "observer": []}, "TKM": {"member": [], "observer": []}}
    assert w.sole_participation_sentence(empty, names).startswith("Neither")


def test_agreement_status_phrases_give_a_year_only_for_parties_and_signatories():
    assert w.status_phrase("party", 2011) == "a party since 2011"
    assert w.status_phrase("accession_in_progress", 2023) == "in the process of accession"
    assert w.status_phrase("not listed", None) == "not listed"
    assert w.status_phrase("observer_state", None) == "observer state"
    assert w.status_clause("party", 2015) == "has been a party since 2015"
    assert w.status_clause("party", None) == "is a party"
    assert w.status_clause("accession_in_progress", None) == "is in the process of accession"
    assert w.year_caveat(["Kazakhstan"]) == " (sources differ on the year for Kazakhstan)"
    assert w.year_caveat([]) == ""


def test_periods_of_quoted_figures():
    ten_months = {"period_start": "2025-01-01", "period_end": "2025-10-31", "months": 10,
                  "indicator": "Kazakhstan-Turkmenistan-Iran railway volume"}
    assert w.period_label(ten_months) == "January–October 2025"
    assert w.period_label(ten_months, short=True) == "Jan–Oct 2025"
    assert w.period_label({"period_start": "2023-01-01", "period_end": "2023-12-31"}) == "2023"
    assert w.period_label({"period_start": "2021-01-01", "period_end": "2024-12-31"}) == "2021–2024"
    assert w.months_phrase(ten_months) == "the ten months January–October 2025"
    assert w.months_phrase({"period_start": "2023-01-01", "period_end": "2023-12-31", "months": 12}) == "the year 2023"
    assert w.months_phrase({"period_start": "2021-01-01", "period_end": "2024-12-31", "months": 48}) == "2021–2024"
    assert w.short_label(ten_months) == "Kazakhstan–Turkmenistan–Iran railway, Jan–Oct 2025"


def test_indicator_words_spell_out_the_country_abbreviations():
    assert w.indicator_words("KZ-TM cargo traffic") == "Kazakhstan–Turkmenistan cargo traffic"
    assert w.indicator_words("rail transit KZ to TM") == "Rail transit Kazakhstan to Turkmenistan"
    assert w.indicator_words("Kazakhstan-Turkmenistan-Iran railway volume") == (
        "Kazakhstan–Turkmenistan–Iran railway volume")
