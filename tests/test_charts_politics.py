"""Charts of the politics chapter (kztm.charts.politics), built from small hand-made tables and drawn to SVG."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from kztm.charts import politics as charts
from kztm.charts.render import static_svg
from kztm.charts.theme import EMPTY_FILL, HIGHLIGHT, INK, PALETTE
from kztm.themes import politics as pol

TIMELINE = pd.DataFrame([
    ("A", "2017-04-18", "day", "treaty", "Treaty on Strategic Partnership", "Ashgabat",
     "Nazarbayev; G. Berdimuhamedov"),
    ("B", "2013-05-01", "month", "infrastructure_opening", "Railway border section opened", "", "KAZ; TKM"),
    ("C", "2024-03-01", "day", "official_visit", "Presidents' talks", "Astana", "Tokayev; S. Berdimuhamedov"),
    ("D", "2024-06-01", "day", "summit_attendance", "A summit", "Dushanbe", "Tokayev; S. Berdimuhamedov; others"),
    ("E", "2024-07-01", "day", "summit_meeting", "Talks with the national leader", "Astana",
     "Tokayev; G. Berdimuhamedov"),
    ("F", "1997-01-01", "year", "commission_session", "A commission session", "Almaty", "KAZ; TKM"),
], columns=["event_id", "date", "date_precision", "event_type", "title", "place", "parties"]).assign(
    date=lambda d: pd.to_datetime(d.date), source_title="A <b>report</b>", source_date="2024-07-02",
    source_url="https://example.org/x")


@pytest.fixture(scope="module")
def rows():
    return pol.prepare_timeline(TIMELINE, 1992, 2025)


def _tooltip_fields(spec: dict) -> set[str]:
    """The fields shown on hover, in a single view or in any layer of a layered chart."""
    return {t["field"] for view in spec.get("layer", [spec]) for t in view.get("encoding", {}).get("tooltip", [])}


def test_timeline_draws_one_point_per_event_with_shapes_for_date_precision(rows):
    fig = charts.timeline(rows, 1992, 2025, "3 of the 6 sourced events fall in 2021–2025")
    spec, svg = fig.spec(), static_svg(fig)
    assert svg.count('class="mark-symbol role-mark') == 1 and svg.count("<path") >= len(rows)
    assert "Date of the event" in svg and "3 of the 6 sourced events" in svg
    assert "Source: Compiled by the report team" in svg  # the source line of dataset timeline
    assert {"date_label", "title", "type_label", "place_label", "parties", "source_label"} <= _tooltip_fields(spec)
    assert spec["encoding"]["color"]["scale"]["range"] == charts.FAMILY_COLORS
    assert set(charts.FAMILY_COLORS) <= set(PALETTE)
    assert spec["encoding"]["shape"]["scale"]["range"] == ["circle", "diamond", "square"]
    assert fig.subtitle.startswith("Sourced bilateral events") and "1997–2024" in fig.subtitle
    assert list(fig.data.columns) == ["Date (as precise as the source)", "Event", "Type", "Kind of event", "Place",
                                      "Source"]
    assert fig.data["Date (as precise as the source)"].tolist() == ["1997", "2013-05", "2017-04-18", "2024-03-01",
                                                                    "2024-06-01", "2024-07-01"]


def test_events_per_year_stacks_bars_by_kind_with_a_number_axis(rows):
    per_year = pol.events_per_year(rows)
    fig = charts.events_per_year(per_year, 1992, 2025, "The busiest year on record is 2024, with 3 sourced events")
    spec, svg = fig.spec(), static_svg(fig)
    assert svg.count('class="mark-rect role-mark') == 1 and "Sourced events, number" in svg
    assert spec["encoding"]["x"]["scale"]["domain"] == list(range(1992, 2026))  # empty years keep their place
    assert {"year", "family", "events"} <= _tooltip_fields(spec)
    assert spec["encoding"]["color"]["scale"]["range"] == charts.FAMILY_COLORS
    assert "Source: Compiled by the report team" in svg
    assert list(fig.data.columns) == ["Year", "Kind of event", "Sourced events (number)"]
    assert fig.data["Sourced events (number)"].sum() == len(rows)


def test_meetings_ladder_marks_the_claim_with_the_claim_colour():
    encounters = pol.classify_encounters(TIMELINE, "2024-01-01", "2025-01-01")
    fig = charts.meetings(pol.meeting_ladder(encounters), 6, "1 January 2024 to 24 November 2025 (the article)",
                          "The presidents held 1 bilateral meeting; no definition passes 6")
    spec, svg = fig.spec(), static_svg(fig)
    assert 'class="mark-rect role-mark' in svg and 'class="mark-rule role-mark' in svg
    assert "Encounters, number" in svg and "claim: more than 6" in svg
    assert {"definition", "tier", "events", "cumulative", "titles"} <= _tooltip_fields(spec)
    text = json.dumps(spec)
    assert f'"color": "{HIGHLIGHT}"' in text and f'"color": "{INK}"' in text
    assert spec["layer"][0]["encoding"]["color"]["scale"]["range"] == charts.TIER_COLORS
    assert "more than six" in fig.subtitle and "24 November 2025" in fig.subtitle
    assert set(fig.datasets) == {"timeline", "claims"} and "Source: Compiled by the report team" in svg
    totals = fig.data.drop_duplicates("Counting")["Total under this definition (number)"].tolist()
    assert totals == [1, 2, 3]


def test_memberships_grid_colours_each_status_and_prints_the_year():
    memberships = pd.DataFrame({
        "country_code": ["KAZ", "TKM", "KAZ", "TKM"], "organisation": ["CIS", "CIS", "Organization of Turkic States",
                                                                      "Organization of Turkic States"],
        "status": ["member", "associate_member", "member", "observer"],
        "since_year": pd.array([1991, 2005, 2009, None], dtype="Int64"),
        "source_url": ["u"] * 4, "note": ["", "neutrality", None, ""]})
    matrix = pol.membership_matrix(memberships, ["KAZ", "TKM"])
    fig = charts.memberships(matrix, ["KAZ", "TKM"], ["CIS", "Organization of Turkic States"],
                             "Kazakhstan and Turkmenistan are both full members of none")
    spec, svg = fig.spec(), static_svg(fig)
    assert svg.count('class="mark-rect role-mark') == 1 and 'class="mark-text role-mark' in svg
    assert ">2005<" in svg and "Turkic States" in svg  # the year in its cell; the long name shortened
    assert {"country", "organisation", "status_label", "since_label", "note", "source_url"} <= _tooltip_fields(spec)
    assert spec["layer"][0]["encoding"]["color"]["scale"]["range"] == charts.STATUS_COLORS
    assert EMPTY_FILL in charts.STATUS_COLORS and "Status in two organisations" in fig.subtitle
    assert "Source:" in svg
    assert list(fig.data.columns) == ["Country", "Organisation", "Status", "Since (year)", "Note"]
    assert fig.data["Since (year)"].tolist() == ["1991", "2005", "2009", "not sourced"]
