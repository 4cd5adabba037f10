"""The politics chapter executes for the default pair and another pair, and its glued figures match the data."""

from __future__ import annotations

import json
import re

import nbformat
import pandas as pd
import pytest

from kztm.charts.render import FIGURE_MIME
from kztm.paths import ROOT
from kztm.pipeline.execute import ChapterError
from kztm.report.escape import escape_myst
from kztm.report.verdicts import EVIDENCE_KINDS
from kztm.report.wording import only_for_pair

DATA = ROOT / "data"


def _timeline():
    return pd.read_csv(DATA / "timeline.csv", parse_dates=["date"])


def _article_date():
    package = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    claims = next(r for r in package["resources"] if r["name"] == "claims")
    source = next(s for s in claims["sources"] if s["title"].startswith("Astana-Ashgabat"))
    return pd.Timestamp(source["date"])


def _tier_counts(end, start="2024-01-01"):
    """Count leaders' encounters from ``start`` up to ``end`` (excluded) by reading the parties column directly."""
    t = _timeline()
    t = t[(t.date >= start) & (t.date < end)]
    meeting = t.event_type.isin(["state_visit", "official_visit", "working_visit", "informal_meeting",
                                 "summit_meeting"])
    parties = t.parties.fillna("").str.split(";").apply(lambda xs: {x.strip() for x in xs})
    both = parties.apply(lambda s: {"Tokayev", "S. Berdimuhamedov"} <= s)
    gurbanguly = parties.apply(lambda s: {"Tokayev", "G. Berdimuhamedov"} <= s)
    return {
        "presidents": int((meeting & both).sum()),
        "summits": int(((t.event_type == "summit_attendance") & both).sum()),
        "gurbanguly": int((meeting & ~both & gurbanguly).sum()),
    }


@pytest.fixture(scope="module")
def default(run_chapter):
    return run_chapter("politics")


@pytest.fixture(scope="module")
def other_pair(run_chapter):
    return run_chapter("politics", country_b="UZB")


def test_timeline_figures_match_the_data(default):
    _, glued = default
    t = _timeline()
    t = t[t.date.dt.year.between(1992, 2025)]
    assert glued["n_events"] == len(t)
    assert glued["n_recent"] == int((t.date.dt.year >= glued["recent_from"]).sum())
    assert glued["recent_from"] == 2025 - 4
    assert glued["n_sessions"] == int((t.event_type == "commission_session").sum())
    busiest = t.date.dt.year.value_counts()
    top = sorted(int(y) for y in busiest.index[busiest == busiest.max()])
    assert glued["busiest_n"] == int(busiest.max()) and glued["busiest_tied"] == len(top)
    assert glued["busiest_year"] == top[-1]
    # A tie is called a tie: every year sharing the top count is named.
    assert all(str(y) in glued["busiest_text"] for y in top)
    assert ("tied" in glued["busiest_text"]) == (len(top) > 1)
    # The busiest day counts only events dated to the day (a month is never given a day).
    days = t[t.date_precision == "day"].date.value_counts()
    day = min(d for d, n in days.items() if n == days.max())
    assert glued["busiest_day"] == f"{day.day} {day:%B %Y}" and glued["busiest_day_n"] == int(days.max())


def test_meeting_counts_match_the_data(default):
    _, glued = default
    counts = _tier_counts(_article_date())
    assert glued["article_day"] == "24 November 2025"
    assert glued["meetings_presidents"] == counts["presidents"]
    assert glued["meetings_summits"] == counts["summits"]
    assert glued["meetings_gurbanguly"] == counts["gurbanguly"]
    assert glued["meetings_all"] == sum(counts.values())
    full = _tier_counts(pd.Timestamp("2026-01-01"))
    assert glued["meetings_presidents_full_period"] == full["presidents"]
    # The claim is "more than six": only a wider definition than bilateral talks of the presidents exceeds it.
    assert glued["claimed_meetings"] == 6
    # Under the verdict rule "consistent" needs every part of the claim: the count by the presidents' own
    # bilateral talks and the Caspian summit the claim names.
    t = _timeline()
    caspian = t[t.title.str.contains("Caspian Summit") & (t.date >= "2024-01-01") & (t.date < _article_date())]
    expected = ("consistent" if counts["presidents"] > 6 and len(caspian) else
                "partly consistent" if sum(counts.values()) > 6 else "inconsistent")
    assert glued["verdict_P3"] == expected and glued["evidence_kind_P3"] == "document"
    with_summits = counts["presidents"] + counts["summits"]
    assert glued["meetings_presidents_and_summits"] == with_summits


def test_the_articles_past_year_is_counted_as_well_as_2024_2025(default):
    """Claim P3 read two ways: "over the past year" before the article, and 2024–2025 up to the article."""
    _, glued = default
    article = _article_date()
    year = _tier_counts(article, start=article - pd.DateOffset(years=1))
    assert glued["year_from_day"] == "24 November 2024"
    assert (glued["meetings_year_presidents"], glued["meetings_year_summits"], glued["meetings_year_gurbanguly"]) == (
        year["presidents"], year["summits"], year["gurbanguly"])
    assert glued["meetings_year_all"] == sum(year.values())
    assert glued["meetings_year_presidents_and_summits"] == year["presidents"] + year["summits"]
    whole = _tier_counts(article)
    # The key finding and the evidence line give both readings, tier by tier.
    for n in (year["presidents"] + year["summits"], sum(year.values()), sum(whole.values())):
        assert str(n) in glued["kf_meetings"], n
    assert (f"{year['summits']} summits both attended" in glued["evidence_P3"]
            and f"{whole['presidents']}, {whole['summits']} and {whole['gurbanguly']}" in glued["evidence_P3"])
    assert f"{sum(year.values())} in all" in glued["evidence_P3"]
    assert f"{sum(whole.values())} in all" in glued["evidence_P3"]
    assert "(s)" not in glued["evidence_P3"] and "more than six" in glued["kf_meetings"]


def test_the_claims_ledger_gives_the_same_counts_as_the_chapter(default):
    """The ledger's evidence line for P3 (data/compiled/claims.csv) and the chapter must not disagree."""
    _, glued = default
    ledger = pd.read_csv(DATA / "claims.csv").set_index("claim_id").loc["P3", "evidence"]
    whole = re.search(r"holds (\d+) bilateral meetings.*?(\d+) summits.*?(\d+) meetings of Tokayev.*?(\d+) in all",
                      ledger)
    assert whole, ledger
    assert [int(n) for n in whole.groups()] == [glued["meetings_presidents"], glued["meetings_summits"],
                                                glued["meetings_gurbanguly"], glued["meetings_all"]]
    year = re.search(r"past year.*?figures are (\d+), (\d+) and (\d+): (\d+) in all", ledger)
    assert year, ledger
    assert [int(n) for n in year.groups()] == [glued["meetings_year_presidents"], glued["meetings_year_summits"],
                                               glued["meetings_year_gurbanguly"], glued["meetings_year_all"]]


def test_borders_curated_events_and_drivers_come_from_the_data(default):
    _, glued = default
    t = _timeline()
    land = t[t.title.str.contains("delimitation and demarcation", case=False)].iloc[0]
    sea = t[t.title.str.contains("state border in the Caspian Sea", case=False)].iloc[0]
    assert glued["land_border_day"] == f"{land.date.day} {land.date:%B %Y}"
    assert glued["sea_border_day"] == f"{sea.date.day} {sea.date:%B %Y}"
    assert land.date.year < sea.date.year  # the land border was settled first; the 2021 agreement is the sea border
    assert glued["land_border_day"] in glued["kf_commission"] and "Caspian sea border" in glued["kf_commission"]
    assert 8 <= glued["n_curated"] <= 12
    facts = pd.read_csv(DATA / "context_facts.csv").set_index("fact_id")
    assert glued["tkm07_value"] == facts.loc["TKM07", "value"]
    assert glued["chn01_value"] == facts.loc["CHN01", "value"] and glued["chn09_status"] == "derived"
    assert glued["tkm05_when"] == "23 February 2022" and glued["ukr03_on"] == "in April 2023"
    assert glued["irn05_source"] == facts.loc["IRN05", "source_name"]


def test_verdicts_follow_the_timeline(default):
    _, glued = default
    t = _timeline()
    s13 = t[t.title.str.startswith("13th")].iloc[0]
    assert s13.bib_key == "kazinform2025"  # only the article itself
    assert glued["verdict_P5"] == "partly consistent"
    assert glued["verdict_P4"] == "consistent" and "22 April 2025" in glued["evidence_P4"]
    assert glued["verdict_P6"] == "consistent"
    # P1: the treaties are in the timeline, at least one with a source other than the article, and the total of
    # "about 70" has no evidence: partly consistent under the rule, never "consistent".
    treaties = t[t.event_type == "treaty"].sort_values("date")
    assert len(treaties) >= 2 and (treaties.bib_key != "kazinform2025").any()
    assert glued["verdict_P1"] == "partly consistent" and glued["evidence_kind_P1"] in ("data", "document")
    for date in treaties.date.iloc[:2]:
        assert f"{date.day} {date:%B %Y}" in glued["evidence_P1"]
    # The rule: every verdict fits its kind of evidence, and a row sourced only to the article confirms nothing.
    assert glued["evidence_kind_P5"] == "document" and "no source other than the article" in glued["evidence_P5"]
    for cid in ("P1", "P2", "P3", "P4", "P5", "P6"):
        assert glued[f"verdict_{cid}"] in EVIDENCE_KINDS[glued[f"evidence_kind_{cid}"]], cid
    assert glued["n_documents"] == int(t.event_type.isin(["treaty", "agreement"]).sum())
    caspian = t[t.title.str.contains("Caspian Summit")]
    assert glued["caspian_in_window"] == int(((caspian.date >= "2024-01-01") & (caspian.date < _article_date())).sum())
    assert glued["last_caspian"] == caspian.sort_values("date").date.iloc[-1].strftime("%-d %B %Y")
    for key in ("figure_P1", "figure_P2", "figure_P3"):
        assert glued[key].startswith("fig-politics-")


def test_memberships_match_the_data(default):
    _, glued = default
    m = pd.read_csv(DATA / "memberships.csv")
    wide = m.pivot(index="organisation", columns="country_code", values="status")
    both = sorted(wide.index[(wide.KAZ == "member") & (wide.TKM == "member")])
    assert glued["n_both_full"] == len(both)
    for org in both:
        assert org in glued["both_full"]
    assert glued["verdict_P2"] == "consistent"
    kaz_only = sorted(wide.index[(wide.KAZ != "non_member") & (wide.TKM == "non_member")])
    tkm_only = sorted(wide.index[(wide.TKM != "non_member") & (wide.KAZ == "non_member")])
    assert kaz_only == ["CSTO", "EAEU", "SCO"] and tkm_only == []
    assert glued["only_one_text"] == "Kazakhstan alone belongs to the CSTO, the EAEU and the SCO."
    assert "associate member since 2005" in glued["evidence_P2"]


def test_other_pair_runs_and_says_why_bilateral_parts_are_missing(other_pair):
    path, glued = other_pair
    assert glued["name_b"] == "Uzbekistan"
    assert glued["kf_timeline"] == only_for_pair("the bilateral timeline", "Kazakhstan", "Uzbekistan")
    assert "meetings_presidents" not in glued and not any(k.startswith("verdict_") for k in glued)
    # Only the country-level chart is drawn; the notice takes the place of the bilateral ones.
    assert _figures(path) == ["fig-politics-memberships"]
    assert escape_myst(glued["kf_timeline"]) in _prose(path)  # as Markdown: punctuation escaped
    m = pd.read_csv(DATA / "memberships.csv")
    wide = m.pivot(index="organisation", columns="country_code", values="status")
    assert glued["n_both_full"] == int(((wide.KAZ == "member") & (wide.UZB == "member")).sum())
    uzb_out = sorted(wide.index[(wide.KAZ != "non_member") & (wide.UZB == "non_member")])
    assert glued["only_one_text"] == f"Kazakhstan alone belongs to the {' and the '.join(uzb_out)}."
    text = path.read_text(encoding="utf-8")
    assert "nan" not in glued["kf_meetings"] and "NaN" not in text.replace("isNaN", "")


def test_bad_parameter_fails_with_a_sentence_naming_it(run_chapter):
    with pytest.raises(ChapterError, match="start_year=1980"):
        run_chapter("politics", start_year=1980)


def _outputs(path):
    nb = nbformat.read(str(path), as_version=4)
    return [out for cell in nb.cells for out in cell.get("outputs", [])]


def _figures(path):
    """Names of the figures the executed notebook shows, in order (each with its SVG twin for Jupyter)."""
    names = []
    for out in _outputs(path):
        if FIGURE_MIME in out.get("data", {}):
            assert out["data"]["image/svg+xml"].lstrip().startswith("<svg")
            names.append(out["data"][FIGURE_MIME]["name"])
    return names


def _prose(path):
    return "\n".join(out.get("data", {}).get("text/markdown", "") for out in _outputs(path))


def test_every_figure_is_shown_with_its_name_and_the_prose_has_no_raw_roles(default):
    path, glued = default
    assert _figures(path) == ["fig-politics-curated", "fig-politics-timeline", "fig-politics-per-year",
                              "fig-politics-meetings", "fig-politics-memberships"]
    prose = _prose(path)
    for raw in ("{glue:", "{numref}", "{cite", "{fig:", "{ref}"):
        assert raw not in prose, raw
    assert not re.search(r"\bnan\b", prose, re.IGNORECASE)
    # Figures read in Jupyter: the executed notebook says the numbers, not placeholders.
    assert escape_myst(f"{glued['n_recent']} of the {glued['n_events']} sourced bilateral events") in prose
    assert "## Drivers: neutrality, opening and the balance between powers" in "\n".join(
        c.source for c in nbformat.read(str(path), as_version=4).cells)
    for heading in ("## What the data cannot show", "## What to watch", "## Sources"):
        assert heading in "\n".join(c.source for c in nbformat.read(str(path), as_version=4).cells), heading
