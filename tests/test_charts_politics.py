"""Charts of the politics chapter (kztm.charts.politics), built from small hand-made tables and drawn to SVG."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from kztm.charts import politics as charts
from kztm.charts.render import book_spec, static_svg
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


def test_meetings_show_each_reading_by_tier_and_mark_the_claim_with_the_claim_colour():
    readings = pol.meeting_readings([
        ("Past year (from 24 Nov 2024)", pol.classify_encounters(TIMELINE, "2024-06-01", "2025-01-01")),
        ("2024–2025 (from 1 Jan 2024)", pol.classify_encounters(TIMELINE, "2024-01-01", "2025-01-01"))])
    fig = charts.meetings(readings, 6, "1 bilateral meeting; no definition passes 6")
    spec, svg = fig.spec(), static_svg(fig)
    assert 'class="mark-rect role-mark' in svg and 'class="mark-rule role-mark' in svg
    assert "Encounters, number" in svg and "claim: more than 6" in svg
    assert "Past year (from 24 Nov 2024)" in svg and "2024–2025 (from 1 Jan 2024)" in svg  # labels not cut
    assert {"reading", "tier", "events", "x1", "titles"} <= _tooltip_fields(spec)
    text = json.dumps(spec)
    assert f'"color": "{HIGHLIGHT}"' in text and f'"color": "{INK}"' in text
    assert spec["layer"][0]["encoding"]["color"]["scale"]["range"] == charts.TIER_COLORS
    assert "more than six" in fig.subtitle and "not counted" in fig.subtitle
    assert fig.subtitle != fig.title and fig.title not in fig.subtitle  # one caption, not the title twice
    assert set(fig.datasets) == {"timeline", "claims"} and "Source: Compiled by the report team" in svg
    assert fig.data.drop_duplicates("Period")["All kinds (number)"].tolist() == [2, 3]


def test_curated_timeline_labels_every_event_on_its_own_line_and_keeps_the_precision_shapes():
    events = pd.DataFrame({
        "event_id": ["A", "B", "C"], "date": pd.to_datetime(["1992-01-01", "2017-04-18", "2025-11-24"]),
        "date_precision": ["year", "day", "day"], "date_label": ["1992", "18 April 2017", "24 November 2025"],
        "label": ["Relations", "A treaty with a long name that has to wrap on a phone", "A visit"],
        "note": ["Why it matters", "Why the treaty matters to both", "Why the visit matters"],
        "title": ["t1", "t2", "t3"], "source_name": ["S1", "S2", "S3"], "source_tier": ["agency", "primary", "agency"],
        "dataset": ["timeline", "context_facts", "timeline"]})
    fig = charts.curated(events, 1992, 2025, "Three events that shaped the relationship")
    spec, svg = fig.spec(), static_svg(fig)
    assert 'class="mark-symbol role-mark' in svg and 'class="mark-rule role-mark' in svg
    assert ">1992<" in svg and ">2020<" in svg  # the time axis is drawn
    assert "1992 · Relations" in svg and "Why the visit matters" in svg
    # Wrapped short, and starting at the plot's left edge, so that no text leaves the plot at phone width.
    assert ">18 April 2017 · A treaty with a<" in svg and ">long name that has to wrap on a<" in svg
    texts = [r["text"] for rows in spec["datasets"].values() for r in rows if "text" in r]
    assert texts and all(len(text) <= 40 for text in texts)
    text_layers = [layer for layer in spec["layer"] if layer["mark"]["type"] == "text"]
    assert {layer["mark"]["align"] for layer in text_layers} == {"left"}
    assert all(layer["encoding"]["x"] == {"value": 0} for layer in text_layers)
    assert spec["layer"][0]["mark"]["type"] == "rule"  # each event's own time track
    shapes = spec["layer"][-1]["encoding"]["shape"]["scale"]
    assert shapes["domain"] == list(charts.PRECISION_SHAPES) and "square" in shapes["range"]
    assert {"date_label", "title", "note", "source"} <= _tooltip_fields(spec)
    assert set(fig.datasets) == {"timeline", "context_facts"}
    assert list(fig.data.columns) == ["Date (as precise as the source)", "Event", "Why it matters", "As recorded",
                                      "Source (tier)", "Dataset"]
    assert fig.data["Source (tier)"].tolist() == ["S1 (agency)", "S2 (primary)", "S3 (agency)"]
    assert fig.title not in fig.subtitle


def test_memberships_grid_has_organisations_as_rows_and_follows_the_page_width():
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
    # Transposed for phones: organisations down the side, countries across the top, no fixed width (the book's
    # spec follows its container), one row height per organisation, country names tilted only when cramped.
    encoding = spec["layer"][0]["encoding"]
    assert encoding["y"]["field"] == "organisation_label" and encoding["x"]["field"] == "country"
    assert encoding["x"]["axis"]["orient"] == "top" and "width" in encoding["x"]["axis"]["labelAngle"]["expr"]
    assert "width" not in spec and book_spec(fig)["width"] == "container"
    assert spec["height"] == 26 * 2
