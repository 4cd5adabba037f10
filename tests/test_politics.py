"""Unit tests of kztm.politics on small hand-made tables."""

from __future__ import annotations

import pandas as pd
import pytest

from kztm.data import load_dataset
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


def test_meeting_readings_stack_the_tiers_of_each_period():
    readings = pol.meeting_readings([
        ("all", pol.classify_encounters(TIMELINE, "2024-01-01", "2026-01-01")),
        ("from June", pol.classify_encounters(TIMELINE, "2024-06-01", "2026-01-01"))])
    first = readings[readings.order == 0]
    assert first.tier.tolist() == pol.TIERS and first.events.tolist() == [2, 1, 1]
    assert first.x0.tolist() == [0, 2, 3] and first.x1.tolist() == [2, 3, 4] and set(first.total) == {4}
    second = readings[readings.order == 1]
    assert second.events.tolist() == [1, 1, 1] and set(second.total) == {3}
    assert second.titles.iloc[0] == "2025-12-01 After the window"


def test_past_year_window_ends_before_the_article_day():
    start = pol.past_year_start("2025-11-24")
    assert start == pd.Timestamp("2024-11-24")
    t = _timeline([("X", "2024-11-24", "day", "state_visit", "First day in", "Tokayev; S. Berdimuhamedov"),
                   ("Y", "2024-11-23", "day", "state_visit", "A day too early", "Tokayev; S. Berdimuhamedov"),
                   ("Z", "2025-11-24", "day", "state_visit", "The article's day", "Tokayev; S. Berdimuhamedov")])
    assert pol.classify_encounters(t, start, "2025-11-24").event_id.tolist() == ["X"]


def test_encounters_come_out_oldest_first_whatever_the_row_order():
    shuffled = TIMELINE.iloc[::-1]
    enc = pol.classify_encounters(shuffled, "2024-01-01", "2026-01-01")
    assert enc.date.is_monotonic_increasing


def test_busiest_years_report_a_tie_instead_of_picking_one():
    per_year = pd.DataFrame({"year": [2024, 2024, 2025, 2023], "family": ["a", "b", "a", "a"],
                             "events": [7, 6, 13, 2]})
    assert pol.busiest_years(per_year) == ([2024, 2025], 13)
    assert pol.busiest_years(per_year[per_year.year != 2025]) == ([2024], 13)
    with pytest.raises(ValueError):
        pol.busiest_years(per_year.iloc[0:0])


def test_busiest_day_never_gives_a_day_to_an_event_known_to_the_month():
    t = _timeline([("A", "2024-10-01", "month", "agreement", "Month only 1", "KAZ; TKM"),
                   ("B", "2024-10-01", "month", "agreement", "Month only 2", "KAZ; TKM"),
                   ("C", "2024-10-01", "month", "agreement", "Month only 3", "KAZ; TKM"),
                   ("D", "2024-10-10", "day", "agreement", "Day 1", "KAZ; TKM"),
                   ("E", "2024-10-10", "day", "official_visit", "Day 2", "Tokayev; S. Berdimuhamedov")])
    day, n, rows = pol.busiest_day(t)
    assert day == pd.Timestamp("2024-10-10") and n == 2 and set(rows.event_id) == {"D", "E"}
    assert pol.busiest_day(t[t.date_precision == "month"])[:2] == (None, 0)


def test_event_with_finds_one_row_by_its_title_or_says_how_many():
    t = TIMELINE.assign(title=["Agreement on the state border in the Caspian Sea", "Land border agreement",
                               "A summit", "Talks", "Another agreement", "After"])
    assert pol.event_with(t, "Caspian Sea").event_id == "A"
    with pytest.raises(LookupError, match="3 timeline rows"):
        pol.event_with(t, "agreement")
    with pytest.raises(LookupError, match="0 timeline rows"):
        pol.event_with(t, "treaty of nowhere")


def test_other_leaders_lists_named_guests_once_without_codes_or_others():
    t = pd.DataFrame({"event_id": ["A", "B", "C"], "parties": [
        "Tokayev; S. Berdimuhamedov; Putin; others", "Tokayev; S. Berdimuhamedov; AZE, IRN, RUS leaders; Putin",
        "Tokayev; G. Berdimuhamedov; Xi Jinping"]})
    assert pol.other_leaders(t, ["A", "B", "C"]) == ["Putin", "Xi Jinping"]


def test_curated_timeline_reads_dates_and_sources_from_the_data():
    timeline = load_dataset("timeline")
    facts = load_dataset("context_facts")
    curated = pol.curated_timeline(timeline, facts)
    assert 8 <= len(curated) <= 12 and curated.date.is_monotonic_increasing
    for row in curated.itertuples():  # every date and source as the data holds it, at the data's precision
        source = (timeline[timeline.event_id == row.event_id] if row.dataset == "timeline"
                  else facts[facts.fact_id == row.event_id]).iloc[0]
        assert row.date_precision == source.date_precision and row.bib_key == source.bib_key
        assert row.source_tier in ("primary", "agency", "research")
    first = curated.iloc[0]
    assert first.event_id == "TL001" and first.date_label == "1992"  # known to the year only: no day invented
    assert not any(ch.isdigit() for _, label, note in pol.CURATED_EVENTS for ch in label + note)
    with pytest.raises(LookupError, match="TL999"):
        pol.curated_timeline(timeline, facts, [("TL999", "x", "y")])
    with pytest.raises(LookupError, match="ZZZ01"):
        pol.curated_timeline(timeline, facts, [("ZZZ01", "x", "y")])


def test_empty_tiers_count_zero():
    enc = pol.classify_encounters(TIMELINE, "2030-01-01", "2031-01-01")
    assert enc.empty
    assert set(pol.meeting_counts(enc).values()) == {0}


def test_p3_verdict_needs_every_part_of_the_claim_for_consistent():
    counts = {pol.TIER_PRESIDENTS: 3, pol.TIER_SUMMITS: 4, pol.TIER_GURBANGULY: 3}
    assert pol.p3_verdict(counts, 6, caspian_summits=0) == "partly consistent"
    assert pol.p3_verdict({**counts, pol.TIER_PRESIDENTS: 7}, 6, caspian_summits=1) == "consistent"
    # Enough bilateral meetings, but no Caspian summit although the claim names one: only partly.
    assert pol.p3_verdict({**counts, pol.TIER_PRESIDENTS: 7}, 6, caspian_summits=0) == "partly consistent"
    low = {pol.TIER_PRESIDENTS: 1, pol.TIER_SUMMITS: 1, pol.TIER_GURBANGULY: 1}
    assert pol.p3_verdict(low, 6, caspian_summits=1) == "inconsistent"


def test_corroboration_verdict_follows_the_rule():
    assert pol.corroboration_verdict([True, True]) == ("consistent", "document")
    assert pol.corroboration_verdict([True, False]) == ("partly consistent", "document")
    assert pol.corroboration_verdict([False]) == ("not checked", "not obtained")
    with pytest.raises(ValueError):
        pol.corroboration_verdict([])


def test_added_summits_change_the_counts_without_breaking_anything():
    """A researcher adds summits to the timeline: each new row lands in its tier and the ladder grows."""
    extra = _timeline([
        ("G", "2024-10-01", "day", "summit_attendance", "A new summit", "Tokayev; S. Berdimuhamedov; others"),
        ("H", "2025-03-01", "day", "summit_meeting", "Talks at a new summit", "Tokayev; S. Berdimuhamedov"),
    ])
    enc = pol.classify_encounters(pd.concat([TIMELINE, extra]), "2024-01-01", "2025-11-24")
    assert pol.meeting_counts(enc) == {pol.TIER_PRESIDENTS: 2, pol.TIER_SUMMITS: 2, pol.TIER_GURBANGULY: 1}
    assert set(pol.meeting_readings([("2024–2025", enc)]).total) == {5}


def test_chairmanship_handover_reads_the_year_from_the_description():
    t = pd.DataFrame({"date": pd.to_datetime(["2024-10-01", "2025-10-10"]), "event_id": ["X", "Y"],
                      "description": ["handed the 2025 CIS chairmanship to Russia",
                                      "handed the 2026 CIS chairmanship to Turkmenistan"]})
    row, year = pol.chairmanship_handover(t, "CIS")
    assert row.event_id == "Y" and year == 2026
    assert pol.chairmanship_handover(t.assign(description=None), "CIS") == (None, None)


def test_claimed_minimum_reads_words_and_digits():
    assert pol.claimed_minimum("the heads of state met more than six times") == 6
    assert pol.claimed_minimum("met more than 12 times") == 12
    with pytest.raises(LookupError):
        pol.claimed_minimum("met often")


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
    "note": ["", ("Admitted 2 March 1992. Permanent neutrality recognised and supported by a UN General Assembly "
                  "resolution of 12 December 1995 (50th session); reaffirmed by UNGA resolutions of 3 June 2015 "
                  "(69th session) and March 2025 (79th session); 12 December declared International Day of "
                  "Neutrality in 2017."), "", "", "", ""],
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


def test_sole_participation_names_the_country_and_the_status():
    m = pd.DataFrame([
        ("KAZ", "SCO", "member"), ("TKM", "SCO", "non_member"),
        ("KAZ", "WTO", "non_member"), ("TKM", "WTO", "observer"),
        ("KAZ", "UN", "member"), ("TKM", "UN", "member"),
        ("KAZ", "CSTO", "member"), ("TKM", "CSTO", "non_member"),
    ], columns=["country_code", "organisation", "status"])
    assert pol.sole_participation(m, "KAZ", "TKM") == {
        "KAZ": {"member": ["CSTO", "SCO"], "observer": []}, "TKM": {"member": [], "observer": ["WTO"]}}
    same = m[m.organisation == "UN"]
    assert pol.sole_participation(same, "KAZ", "TKM") == {
        "KAZ": {"member": [], "observer": []}, "TKM": {"member": [], "observer": []}}


# --- what the notebook shows: figures, tables, verdicts and texts from the theme module --------------------

ARTICLE = {"bib_key": "kazinform2025", "date": "2025-11-24"}


def test_membership_figures_name_shared_and_sole_organisations_and_the_blocs_turkmenistan_stays_out_of():
    m = pd.concat([MEMBERSHIPS, pd.DataFrame({
        "country_code": ["KAZ", "TKM", "KAZ", "TKM"], "organisation": ["CSTO", "CSTO", "EAEU", "EAEU"],
        "status": ["member", "non_member", "member", "non_member"], "since_year": pd.array([None] * 4, dtype="Int64"),
        "source_url": ["u"] * 4, "note": [""] * 4})], ignore_index=True)
    figures = pol.membership_figures(m, "KAZ", "TKM")
    assert figures["name_a"] == "Kazakhstan" and figures["name_b"] == "Turkmenistan"
    assert figures["both_full"] == "UN" and figures["n_both_full"] == 1
    assert figures["only_one"] == "CSTO, EAEU and SCO" and figures["tkm_outside"] == "CSTO, SCO and EAEU"
    assert figures["only_one_text"] == "Kazakhstan alone belongs to the CSTO, the EAEU and the SCO."
    with pytest.raises(LookupError, match="TKM in CSTO"):  # a bloc missing from the table is named, not skipped
        pol.membership_figures(MEMBERSHIPS, "KAZ", "TKM")


def test_organisations_keep_the_chapter_order_and_put_unlisted_ones_last():
    m = pd.DataFrame({"organisation": ["WTO", "Zeta Forum", "UN", "Alpha Council", "CIS"]})
    assert pol.organisations_in_order(m) == ["UN", "CIS", "WTO", "Alpha Council", "Zeta Forum"]


def test_other_pairs_get_the_one_notice_for_each_bilateral_finding():
    from kztm.report.wording import only_for_pair

    notices = pol.pair_notices("Kazakhstan", "Uzbekistan")
    assert set(notices) == {"kf_timeline", "kf_meetings", "kf_commission"}
    assert notices["kf_timeline"] == only_for_pair("the bilateral timeline", "Kazakhstan", "Uzbekistan")
    assert all(n.endswith("not shown for Kazakhstan–Uzbekistan.") for n in notices.values())


@pytest.fixture(scope="module")
def committed():
    timeline, facts = load_dataset("timeline"), load_dataset("context_facts")
    record = pol.bilateral_record(timeline, facts, 1992, 2025, ARTICLE["bib_key"])
    meetings = pol.leaders_meetings(timeline, ARTICLE["date"], 6)
    return timeline, record, meetings


def test_bilateral_record_counts_the_recent_years_and_dates_the_border_treaties(committed):
    timeline, record, _ = committed
    f = record.figures
    years = timeline.date.dt.year
    assert f["n_events"] == len(timeline[years.between(1992, 2025)]) == f["n_recent"] + f["n_before"]
    assert f["recent_from"] == 2021 and f["n_recent"] == int(years.between(2021, 2025).sum())
    assert f["n_recent_contacts"] < f["n_recent"]  # agreements and sessions are not contacts
    land = timeline[timeline.title.str.contains("delimitation and demarcation", case=False)].iloc[0]
    assert f["land_border_day"] == f"{land.date.day} {land.date:%B %Y}" and land.date_precision == "day"
    assert f["sea_border_day"] != f["land_border_day"]
    assert f["s13_sourcing"] == "rests on the article alone" and f["s12_sourcing"] == "is independently sourced"
    assert set(record.documents.Type) <= {"Treaty", "Agreement or declaration", "Commission session"}
    assert record.documents.Date.str.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?").all()
    later = pol.bilateral_record(timeline, load_dataset("context_facts"), 2015, 2020, ARTICLE["bib_key"])
    assert later.figures["recent_from"] == 2016 and later.rows.year.between(2015, 2020).all()


def test_leaders_meetings_count_both_readings_up_to_the_article(committed):
    timeline, _, meetings = committed
    f = meetings.figures
    window = pol.meeting_counts(pol.classify_encounters(timeline, "2024-01-01", "2025-11-24"))
    assert meetings.counts == window and f["meetings_all"] == sum(window.values())
    assert f["year_from_day"] == "24 November 2024" and f["article_day"] == "24 November 2025"
    assert f["meetings_year_all"] <= f["meetings_all"]  # the past year lies inside the 2024–2025 window
    totals = meetings.readings.drop_duplicates("reading").set_index("order").total
    assert totals.tolist() == [f["meetings_year_all"], f["meetings_all"]]  # the past year first, as drawn
    assert set(meetings.table["In the article's past year"]) <= {"yes", "no"}
    assert len(meetings.table) == f["meetings_all"] and meetings.table.Date.is_monotonic_increasing
    assert f["claimed_word"] == "six" and str(f["meetings_year_presidents"]) in meetings.headline


def test_a_window_without_caspian_summit_says_none_and_no_summit_at_all_is_refused():
    caspian = _timeline([("K", "2022-06-29", "day", "summit_attendance", "6th Caspian Summit",
                          "Tokayev; S. Berdimuhamedov; others")])
    meetings = pol.leaders_meetings(pd.concat([TIMELINE, caspian], ignore_index=True), "2025-11-24", 6)
    assert meetings.figures["caspian_in_window"] == 0 and meetings.figures["caspian_count_text"] == "none"
    assert meetings.figures["last_caspian"] == "29 June 2022"
    assert meetings.figures["n_later"] == 1 and "After the window" in meetings.figures["later_meetings"]
    with pytest.raises(IndexError):
        pol.leaders_meetings(TIMELINE, "2025-11-24", 6)


def test_neutrality_values_add_the_day_of_neutrality_only_when_the_note_records_it():
    values = pol.neutrality_values(MEMBERSHIPS)
    assert values["reaffirmed"] == "on 3 June 2015 and in March 2025" and values["cis_since"] == 2005
    assert values["neutrality_day"] == ("; since 2017 the UN has marked 12 December as the International Day of "
                                        "Neutrality")
    note = MEMBERSHIPS.note.str.replace("12 December declared International Day of Neutrality in 2017",
                                        "no day of neutrality recorded", regex=False)
    assert pol.neutrality_values(MEMBERSHIPS.assign(note=note))["neutrality_day"] == ""


def test_watch_list_names_the_cis_chair_only_for_a_pair_with_turkmenistan(committed):
    timeline, record, meetings = committed
    values = {**record.figures, **meetings.figures, "tkm05_when": "23 February 2022", "irn05_when": "September 2025"}
    both = pol.watch_items(timeline, ("KAZ", "TKM"), True, values)
    assert len(both) == 5 and both[0].startswith("Turkmenistan's chairmanship of the CIS in 2026")
    assert "23 February 2022" in both[-1] and "{" not in "".join(both)
    notice = {"kf_timeline": "Only for Kazakhstan–Turkmenistan."}
    assert pol.watch_items(timeline, ("KAZ", "UZB"), False, notice) == ["Only for Kazakhstan–Turkmenistan."]
    assert len(pol.watch_items(timeline, ("UZB", "TKM"), False, notice)) == 2
    assert pol.watch_items(timeline[~timeline.description.fillna("").str.contains("chairmanship")], ("UZB", "TKM"),
                           False, notice) == ["Only for Kazakhstan–Turkmenistan."]


def test_claim_verdicts_judge_each_claim_on_its_row_and_say_when_the_row_is_missing(committed):
    timeline, record, meetings = committed
    memberships = load_dataset("memberships")
    values = {**record.figures, **meetings.figures}
    items = {i["claim_id"]: i for i in pol.claim_verdicts(timeline, memberships, ARTICLE, values)}
    assert list(items) == ["P1", "P2", "P3", "P4", "P5", "P6"]
    assert items["P1"]["verdict"] == "partly consistent"  # the "about 70" total has no register
    assert items["P5"]["verdict"] == "partly consistent" and "no source other than the article" in items["P5"][
        "evidence"]
    assert items["P3"]["verdict"] == pol.p3_verdict(meetings.counts, 6, values["caspian_in_window"])
    assert "TKM associate member since 2005" in items["P2"]["evidence"]
    assert "{" not in "".join(i["evidence"] for i in items.values())
    without = timeline[~((timeline.place == "Turkistan") & (timeline.event_type == "informal_meeting"))]
    p4 = pol.claim_verdicts(without, memberships, ARTICLE, values)[3]
    assert p4["evidence"] == "No sourced Turkistan meeting found."
    assert (p4["verdict"], p4["evidence_kind"]) == ("not checked", "not obtained")
