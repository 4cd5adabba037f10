"""Unit tests of kztm.politics on small hand-made tables."""

from __future__ import annotations

import pandas as pd
import pytest

from kztm.themes import politics as pol


def _timeline(rows):
    df = pd.DataFrame(rows, columns=["event_id", "date", "date_precision", "event_type", "title", "parties"])
    df["date"] = pd.to_datetime(df["date"])
    return df


TIMELINE = _timeline([
    ("A", "2024-03-01", "day", "official_visit", "Presidents' talks", "Tokayev; S. Berdimuhamedov"),
    ("B", "2024-05-01", "day", "official_visit", "Foreign ministers", "Nurtleu; Meredov"),
    ("C", "2024-06-01", "day", "summit_attendance", "A summit", "Tokayev; S. Berdimuhamedov; others"),
    ("D", "2024-07-01", "day", "summit_meeting", "Talks with the national leader", "Tokayev; G. Berdimuhamedov"),
    ("E", "2024-08-01", "day", "agreement", "An agreement", "Tokayev; S. Berdimuhamedov"),
    ("F", "2025-12-01", "day", "state_visit", "After the window", "Tokayev; S. Berdimuhamedov"),
])


def test_classify_encounters_sorts_rows_into_tiers_and_skips_the_rest():
    enc = pol.classify_encounters(TIMELINE, "2024-01-01", "2025-11-24")
    assert dict(zip(enc.event_id, enc.tier, strict=True)) == {
        "A": pol.TIER_PRESIDENTS, "C": pol.TIER_SUMMITS, "D": pol.TIER_GURBANGULY}
    assert pol.meeting_counts(enc) == {pol.TIER_PRESIDENTS: 1, pol.TIER_SUMMITS: 1, pol.TIER_GURBANGULY: 1}


def test_the_end_date_is_excluded():
    enc = pol.classify_encounters(TIMELINE, "2024-01-01", "2025-12-01")
    assert "F" not in set(enc.event_id)
    enc = pol.classify_encounters(TIMELINE, "2024-01-01", "2025-12-02")
    assert "F" in set(enc.event_id)


def test_meeting_ladder_is_cumulative():
    ladder = pol.meeting_ladder(pol.classify_encounters(TIMELINE, "2024-01-01", "2026-01-01"))
    totals = ladder.drop_duplicates("definition").cumulative.tolist()
    assert totals == [2, 3, 4]
    last = ladder[ladder.order == 2]
    assert last.x0.tolist() == [0, 2, 3] and last.x1.tolist() == [2, 3, 4]


def test_empty_tiers_count_zero():
    enc = pol.classify_encounters(TIMELINE, "2030-01-01", "2031-01-01")
    assert enc.empty
    assert set(pol.meeting_counts(enc).values()) == {0}


def test_p3_verdict():
    counts = {pol.TIER_PRESIDENTS: 3, pol.TIER_SUMMITS: 4, pol.TIER_GURBANGULY: 3}
    assert pol.p3_verdict(counts, 6) == "partly consistent"
    assert pol.p3_verdict({**counts, pol.TIER_PRESIDENTS: 7}, 6) == "consistent"
    assert pol.p3_verdict({pol.TIER_PRESIDENTS: 1, pol.TIER_SUMMITS: 1, pol.TIER_GURBANGULY: 1}, 6) == "inconsistent"


def test_claimed_minimum_reads_words_and_digits():
    assert pol.claimed_minimum("the heads of state met more than six times") == 6
    assert pol.claimed_minimum("met more than 12 times") == 12
    with pytest.raises(LookupError):
        pol.claimed_minimum("met often")


def test_date_label_respects_precision():
    assert pol.date_label("1992-10-05", "day") == "5 October 1992"
    assert pol.date_label("2013-05-01", "month") == "May 2013"
    assert pol.date_label("1997-01-01", "year") == "1997"
    with pytest.raises(ValueError, match="precision"):
        pol.date_label("1997-01-01", "week")


def test_prepare_timeline_refuses_unknown_types():
    bad = TIMELINE.assign(event_type="coronation", place="", source_title="t", source_date="",
                          date_precision="day")
    with pytest.raises(ValueError, match="coronation"):
        pol.prepare_timeline(bad, 2024, 2025)


def test_every_event_type_has_a_family_and_order():
    assert set(pol.EVENT_LABELS) == set(pol.FAMILIES)
    assert len(pol.TYPE_ORDER) == len(pol.EVENT_LABELS)
    assert set(pol.FAMILIES.values()) == set(pol.FAMILY_ORDER)


MEMBERSHIPS = pd.DataFrame({
    "country_code": ["KAZ", "TKM", "KAZ", "TKM", "KAZ", "TKM"],
    "organisation": ["UN", "UN", "CIS", "CIS", "SCO", "SCO"],
    "status": ["member", "member", "member", "associate_member", "member", "non_member"],
    "since_year": pd.array([1992, 1992, None, 2005, 2001, None], dtype="Int64"),
    "source_url": ["u"] * 6,
    "note": ["", "Admitted 2 March 1992. Permanent neutrality recognised and supported by a UN General Assembly "
                 "resolution of 12 December 1995 (50th session); reaffirmed by UNGA resolutions of 3 June 2015 "
                 "(69th session) and March 2025 (79th session); 12 December declared International Day of "
                 "Neutrality in 2017.", "", "", "", ""],
})


def test_shared_organisations():
    shared = pol.shared_organisations(MEMBERSHIPS, "KAZ", "TKM")
    assert shared == {"both_full": ["UN"], "both_any": ["CIS", "UN"], "only_one": ["SCO"]}


def test_status_of():
    assert pol.status_of(MEMBERSHIPS, "TKM", "CIS") == ("associate_member", 2005)
    assert pol.status_of(MEMBERSHIPS, "KAZ", "CIS") == ("member", None)
    with pytest.raises(LookupError):
        pol.status_of(MEMBERSHIPS, "TKM", "EAEU")


def test_neutrality_facts_read_from_the_note():
    facts = pol.neutrality_facts(MEMBERSHIPS)
    assert facts["recognised"] == "12 December 1995"
    assert facts["reaffirmed"] == ["3 June 2015", "March 2025"]
    assert facts["neutrality_day"] == "12 December" and facts["neutrality_day_since"] == 2017
    with pytest.raises(LookupError):
        pol.neutrality_facts(MEMBERSHIPS.assign(note=""))


def test_independently_sourced():
    row = pd.Series({"bib_key": "kazinform2025", "note": ""})
    assert not pol.independently_sourced(row, "kazinform2025")
    row = pd.Series({"bib_key": "other", "note": "NOT CORROBORATED: only one source"})
    assert not pol.independently_sourced(row, "kazinform2025")
    row = pd.Series({"bib_key": "other", "note": float("nan")})
    assert pol.independently_sourced(row, "kazinform2025")


def test_join_names():
    assert pol.join_names([]) == "none"
    assert pol.join_names(["A"]) == "A"
    assert pol.join_names(["A", "B", "C"]) == "A, B and C"


def test_sole_participation_names_the_country_and_the_status():
    m = pd.DataFrame([
        ("KAZ", "SCO", "member"), ("TKM", "SCO", "non_member"),
        ("KAZ", "WTO", "non_member"), ("TKM", "WTO", "observer"),
        ("KAZ", "UN", "member"), ("TKM", "UN", "member"),
        ("KAZ", "CSTO", "member"), ("TKM", "CSTO", "non_member"),
    ], columns=["country_code", "organisation", "status"])
    assert pol.sole_participation(m, "KAZ", "TKM") == {
        "KAZ": {"member": ["CSTO", "SCO"], "observer": []}, "TKM": {"member": [], "observer": ["WTO"]}}
    assert pol.sole_participation_text(m, "KAZ", "TKM") == (
        "Kazakhstan alone belongs to the CSTO and the SCO; Turkmenistan alone is an observer in the WTO.")
    same = m[m.organisation == "UN"]
    assert pol.sole_participation_text(same, "KAZ", "TKM").startswith("Neither")


def test_meetings_sentence_says_which_counting_passes_the_claim():
    window = "From January 2024 to the article"
    summits_pass = pol.meetings_sentence(3, 4, 3, 6, window)
    assert "3 bilateral meetings" in summits_pass and "not enough on their own" in summits_pass
    assert "brings the count to 7 (3 + 4), already more than six" in summits_pass
    assert summits_pass.endswith("as well gives 10.")
    only_all = pol.meetings_sentence(3, 2, 3, 6, window)
    assert "still not more than six" in only_all and "passes it, with 8" in only_all
    assert "which alone meet" in pol.meetings_sentence(7, 0, 0, 6, window)
    none = pol.meetings_sentence(1, 1, 1, 6, window)
    assert "1 bilateral meeting of" in none and "the total is 3, not more than six" in none


def test_wording_helpers():
    assert pol.number_word(6) == "six" and pol.number_word(14) == "14"
    assert pol.iso_date_label("2007-10-16", "day") == "2007-10-16"
    assert pol.iso_date_label("2013-05-01", "month") == "2013-05"
    assert pol.iso_date_label("1997-01-01", "year") == "1997"
    assert pol.dates_phrase(["3 June 2015", "March 2025"]) == "on 3 June 2015 and in March 2025"
    assert pol.dates_phrase(["2015"]) == "in 2015"
