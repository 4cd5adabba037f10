"""Words for numbers in generated prose (kztm.report.wording): every phrase helper, one spelling each."""

import pytest

from kztm.report import wording
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

# --- politics and logistics wording (dates, counts, ranks, memberships, agreements, quoted periods) ---------


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

def test_date_label_writes_only_the_precision_the_source_gives():
    assert wording.date_label("1992-10-05", "day") == "5 October 1992"
    assert wording.date_label("2013-05-17", "month") == "May 2013"
    assert wording.date_label("1997-06-01", "year") == "1997"
    assert wording.date_label("2007-10-16", "day", iso=True) == "2007-10-16"
    assert wording.date_label("2013-05-17", "month", iso=True) == "2013-05"
    assert wording.date_label("1997-06-01", "year", iso=True) == "1997"
    with pytest.raises(ValueError, match="week"):
        wording.date_label("1997-01-01", "week")


def test_dates_phrase_uses_on_for_days_and_in_for_months_and_years():
    assert wording.dates_phrase(["3 June 2015", "March 2025"]) == "on 3 June 2015 and in March 2025"
    assert wording.dates_phrase(["2015"]) == "in 2015"
    assert wording.dates_phrase([]) == ""


def test_count_phrase_is_singular_only_for_one():
    assert wording.count_phrase(1, "summit") == "1 summit"
    assert wording.count_phrase(4, "summit") == "4 summits" and wording.count_phrase(0, "talk") == "0 talks"


def test_ordinals_and_ranks_in_words_then_digits():
    assert wording.ordinal_word(4) == "fourth" and wording.ordinal_word(12) == "twelfth"
    words = [wording.ordinal_word(n) for n in (13, 21, 22, 23, 111, 112)]
    assert words == ["13th", "21st", "22nd", "23rd", "111th", "112th"]
    assert wording.rank_phrase(4, 5) == "fourth of five" and wording.rank_phrase(13, 140) == "13th of 140"


def test_meetings_sentence_says_which_counting_passes_the_claim():
    window = "From January 2024 to the article"
    summits_pass = wording.meetings_sentence(3, 4, 3, 6, window)
    assert summits_pass.startswith(window + ", the timeline shows 3 bilateral meetings of the two presidents")
    assert "not enough on their own" in summits_pass
    assert "brings the count to 7 (3 + 4), already more than six" in summits_pass
    assert summits_pass.endswith("as well gives 10.")
    only_all = wording.meetings_sentence(3, 2, 3, 6, window)
    assert "still not more than six" in only_all and "passes it, with 8" in only_all
    assert "which alone meet the article's \"more than six\"" in wording.meetings_sentence(7, 0, 0, 6, window)
    none = wording.meetings_sentence(1, 1, 1, 6, window)
    assert "1 bilateral meeting of" in none and "not enough on its own" in none
    assert "the total is 3, not more than six" in none


def test_meetings_headline_names_the_first_counting_that_passes():
    assert wording.meetings_headline(7, 0, 0, 6) == "The presidents met bilaterally 7 times: more than 6"
    assert wording.meetings_headline(3, 4, 3, 6) == "3 bilateral meetings; only joint summits lift the count above 6"
    # Summits are not enough, the talks with Gurbanguly Berdimuhamedov are: the headline must not credit summits.
    assert wording.meetings_headline(3, 2, 3, 6) == (
        "3 bilateral meetings; only talks with G. Berdimuhamedov lift it above 6")
    assert wording.meetings_headline(1, 9, 0, 6).startswith("1 bilateral meeting;")
    assert wording.meetings_headline(1, 1, 1, 6) == "No definition of a meeting gives more than 6 encounters"


def test_sole_participation_sentence_names_the_country_and_the_status():
    names = {"KAZ": "Kazakhstan", "TKM": "Turkmenistan"}
    sole = {"KAZ": {"member": ["CSTO", "SCO"], "observer": []}, "TKM": {"member": [], "observer": ["WTO"]}}
    assert wording.sole_participation_sentence(sole, names) == (
        "Kazakhstan alone belongs to the CSTO and the SCO; Turkmenistan alone is an observer in the WTO.")
    both = {"KAZ": {"member": ["EAEU"], "observer": ["OIC"]}, "TKM": {"member": [], "observer": []}}
    assert wording.sole_participation_sentence(both, names) == (
        "Kazakhstan alone belongs to the EAEU and is an observer in the OIC.")
    empty = {"KAZ": {"member": [], "observer": []}, "TKM": {"member": [], "observer": []}}
    assert wording.sole_participation_sentence(empty, names).startswith("Neither")


def test_agreement_status_phrases_give_a_year_only_for_parties_and_signatories():
    assert wording.status_phrase("party", 2011) == "a party since 2011"
    assert wording.status_phrase("accession_in_progress", 2023) == "in the process of accession"
    assert wording.status_phrase("not listed", None) == "not listed"
    assert wording.status_phrase("observer_state", None) == "observer state"
    assert wording.status_clause("party", 2015) == "has been a party since 2015"
    assert wording.status_clause("party", None) == "is a party"
    assert wording.status_clause("accession_in_progress", None) == "is in the process of accession"
    assert wording.year_caveat(["Kazakhstan"]) == " (sources differ on the year for Kazakhstan)"
    assert wording.year_caveat([]) == ""


def test_periods_of_quoted_figures():
    ten_months = {"period_start": "2025-01-01", "period_end": "2025-10-31", "months": 10,
                  "indicator": "Kazakhstan-Turkmenistan-Iran railway volume"}
    assert wording.period_label(ten_months) == "January–October 2025"
    assert wording.period_label(ten_months, short=True) == "Jan–Oct 2025"
    assert wording.period_label({"period_start": "2023-01-01", "period_end": "2023-12-31"}) == "2023"
    assert wording.period_label({"period_start": "2021-01-01", "period_end": "2024-12-31"}) == "2021–2024"
    assert wording.months_phrase(ten_months) == "the ten months January–October 2025"
    year = {"period_start": "2023-01-01", "period_end": "2023-12-31", "months": 12}
    assert wording.months_phrase(year) == "the year 2023"
    years = {"period_start": "2021-01-01", "period_end": "2024-12-31", "months": 48}
    assert wording.months_phrase(years) == "2021–2024"
    assert wording.short_label(ten_months) == "Kazakhstan–Turkmenistan–Iran railway, Jan–Oct 2025"


def test_indicator_words_spell_out_the_country_abbreviations():
    assert wording.indicator_words("KZ-TM cargo traffic") == "Kazakhstan–Turkmenistan cargo traffic"
    assert wording.indicator_words("rail transit KZ to TM") == "Rail transit Kazakhstan to Turkmenistan"
    assert wording.indicator_words("Kazakhstan-Turkmenistan-Iran railway volume") == (
        "Kazakhstan–Turkmenistan–Iran railway volume")


# --- politics and logistics, content pass: ties, fact dates, definitions of quoted figures, readings -----

def test_busiest_phrase_calls_a_tie_a_tie():
    assert wording.busiest_phrase([2025], 14) == "2025, with 14 sourced events"
    assert wording.busiest_phrase([2024, 2025], 13) == "2024 and 2025, tied with 13 sourced events each"
    assert wording.busiest_phrase([2024], 1) == "2024, with 1 sourced event"


def test_definition_words_tell_throughput_from_capacity():
    assert wording.definition_words("throughput") == "throughput (cargo handled)"
    assert wording.definition_words("capacity") == "capacity (what could be handled a year)"
    assert wording.definition_words("documents_signed") == "documents signed"


def test_reading_label_is_short_enough_for_an_axis():
    label = wording.reading_label("2024-11-24", "Past year")
    assert label == "Past year (from 24 Nov 2024)" and len(label) <= 32


# --- trade and investment chapters: IMF bilateral series, mirror statistics, neighbours, dated facts ----

@pytest.mark.parametrize("rank, of, words", [(1, 4, "largest"), (2, 4, "second-largest"), (3, 4, "third-largest"),
                                             (4, 4, "smallest"), (1, 1, "only")])
def test_neighbour_rank_phrase_names_the_first_and_last_place(rank, of, words):
    assert wording.neighbour_rank_phrase(rank, of) == words


def test_neighbour_rank_phrase_refuses_a_rank_outside_the_count():
    with pytest.raises(ValueError, match="rank=5 must be between 1 and 4"):
        wording.neighbour_rank_phrase(5, 4)


def test_years_phrase_compacts_runs_and_keeps_single_years():
    assert wording.years_phrase([2006, 2004, 2005, 2010]) == "2004–2006 and 2010"
    assert wording.years_phrase([1993, 2004, 2005, 2012, 2013, 2015]) == "1993, 2004–2005, 2012–2013 and 2015"
    assert wording.years_phrase([]) == ""


def test_mirror_sentence_never_calls_a_mirror_a_report():
    text = wording.mirror_sentence("Turkmenistan", "Kazakhstan", 2004, 2020, 1.06)
    assert text.startswith("From 2004 to 2020 Turkmenistan's figures for this trade are not its own report")
    assert "derived them from Kazakhstan's, adjusted by 6%" in text and "(factor 1.06)" in text
    assert wording.mirror_sentence("Uzbekistan", "Kazakhstan", 1999, 1999, 1.1).startswith("In 1999 ")


@pytest.mark.parametrize("date, label", [("2025-05-15", "15 May 2025"), ("2024-11", "November 2024"), ("2024", "2024")])
def test_fact_date_label_keeps_the_precision_of_the_source(date, label):
    assert wording.fact_date_label(date) == label


def test_fact_date_label_refuses_an_unknown_shape():
    with pytest.raises(ValueError, match="'2024/25'"):
        wording.fact_date_label("2024/25")

# --- energy and environment, content pass: dates of sourced facts, ranges, estimates ------------------

def test_date_words_keeps_the_precision_of_the_source():
    assert wording.date_words("2024-09-11") == "11 September 2024"
    assert wording.date_words("2024-09") == "September 2024"
    assert wording.date_words("2024") == "2024"
    with pytest.raises(ValueError, match="2024/09"):
        wording.date_words("2024/09")


def test_year_range_phrase_names_one_year_when_the_range_is_a_point():
    assert wording.year_range_phrase(2033, 2033) == "in 2033"
    assert wording.year_range_phrase(2035, 2029) == "between 2029 and 2035"


def test_estimate_year_phrase_names_the_real_year_of_a_repeated_value():
    assert wording.estimate_year_phrase(2020, 2022) == "2020, repeated by the World Bank for 2021–2022"
    assert wording.estimate_year_phrase(2021, 2022) == "2021, repeated by the World Bank for 2022"
    assert wording.estimate_year_phrase(2022, 2022) == "2022"

# --- context chapter ------------------------------------------------------------------------------------

def test_fact_dates_keep_the_precision_of_their_source():
    assert wording.fact_date_words("2022-03-29") == "29 March 2022"
    assert wording.fact_date_words("2020-07") == "July 2020"
    assert wording.fact_date_words("2024") == "2024"
    for bad in ("", "22-03", "2022/03/29x"):
        with pytest.raises(ValueError, match="is not YYYY"):
            wording.fact_date_words(bad)


def test_one_ratio_under_two_vintages_names_which_is_which():
    assert wording.vintage_pair(52.79, 34.4, ".1f", "%") == "52.8% in the vintage used here, 34.4% in the other"
    assert wording.vintage_pair(6.71, 4.37, ".1f", " times") == (
        "6.7 times in the vintage used here, 4.4 times in the other")


# --- politics and logistics, thin notebooks: lists of texts as Markdown bullets ------------------------

def test_bullets_keep_each_text_a_value_so_markdown_in_it_is_escaped():
    from kztm.report.prose import render

    template, values = wording.bullets(["First *point*", "Second"], name="watch")
    assert template == "- {watch_0}\n- {watch_1}" and values == {"watch_0": "First *point*", "watch_1": "Second"}
    markup = render(template, values)
    assert markup.myst.startswith("- First \\*point\\*") and markup.myst.count("\n- ") == 1
    with pytest.raises(ValueError, match="at least one"):
        wording.bullets([])

# --- trade, investment and context chapters, thin notebooks (issue 10) -----------------------------------

def test_peak_phrase_names_the_peak_only_when_it_is_not_the_last_year():
    assert wording.peak_phrase(512.34, 2014, 2014) == "the highest in the series"
    assert wording.peak_phrase(512.34, 2014, 2020) == "against a peak of USD 512.3 million in 2014"
    assert wording.peak_phrase(3.0, 2014, 2020, unit="{:.0f} bcm") == "against a peak of 3 bcm in 2014"


# --- energy and environment, thin notebooks (issue 10) -------------------------------------------------


def test_lower_first_continues_a_sentence_without_touching_the_rest():
    assert wording.lower_first("Two of the five states (Turkmenistan)") == "two of the five states (Turkmenistan)"
    assert wording.lower_first("") == ""


def test_numbers_are_typeset_with_a_minus_sign_and_no_sign_on_zero():
    from kztm.report.wording import MINUS, number_text

    assert number_text(-28.29, ".2f") == f"{MINUS}28.29"
    assert number_text(-1234.5, ",.1f") == f"{MINUS}1,234.5"
    assert number_text(-1.2966, "+.1f") == f"{MINUS}1.3" and number_text(1.3, "+.1f") == "+1.3"
    assert number_text(-0.04, ".1f") == "0.0" and number_text(-0.0) == "0.0"  # rounds to zero: no sign
    assert number_text(-3) == f"{MINUS}3" and number_text(-5, ">4") == f"  {MINUS}5"
    assert number_text(2024) == "2024"


def test_prose_and_chart_titles_print_negative_numbers_with_a_minus_sign():
    from kztm.report.prose import render, render_text
    from kztm.report.wording import MINUS

    assert render_text("The sea stood at {level:.2f} m.", {"level": -28.29}) == f"The sea stood at {MINUS}28.29 m."
    marked = render("Change: {x:+.1f}% and {z:.1f}.", {"x": -1.3, "z": -0.01})
    assert marked.plain == marked.myst == f"Change: {MINUS}1.3% and 0.0."
