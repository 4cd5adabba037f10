"""Charts of the politics chapter: the curated and the full bilateral timeline, events per year, the leaders'
meetings under each reading of the claim's period, and memberships of international organisations.

Data: the hand-compiled datasets ``timeline`` (one sourced row per bilateral event, Kazakhstan–Turkmenistan
only) and ``memberships`` (one sourced row per country and organisation), prepared by
:mod:`kztm.themes.politics`. Each function returns a :class:`~kztm.charts.render.Figure`.
"""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from ..countries import COUNTRIES
from ..report.wording import date_label, number_word
from ..themes.politics import FAMILY_ORDER, STATUS_ORDER, TIERS, TYPE_ORDER
from .render import Figure
from .theme import (
    ACCENT,
    EMPTY_FILL,
    HIGHLIGHT,
    INK,
    INK_SOFT,
    PALETTE,
    finding,
    zoom_x,
)

# Colours: one per kind of event (in FAMILY_ORDER), per tier of encounter (in TIERS), per membership status
# (in STATUS_ORDER). Blues for meetings, ochre for the commission, green for documents, purple for openings.
FAMILY_COLORS = [PALETTE[0], PALETTE[5], PALETTE[2], PALETTE[1], PALETTE[3]]
TIER_COLORS = [PALETTE[0], PALETTE[5], PALETTE[2]]
STATUS_COLORS = [ACCENT, PALETTE[5], PALETTE[2], EMPTY_FILL]
PRECISION_SHAPES = {"exact day": "circle", "month only": "diamond", "year only": "square"}

_SHORT_ORGANISATIONS = {"Organization of Turkic States": "Turkic States"}


def _family_color() -> alt.Color:
    return alt.Color("family:N", title="Kind of event", scale=alt.Scale(domain=FAMILY_ORDER, range=FAMILY_COLORS),
                     legend=alt.Legend(orient="bottom", columns=2, labelLimit=320))


def timeline(rows: pd.DataFrame, start_year: int, end_year: int, title: str) -> Figure:
    """Every sourced bilateral event as a point: date across, type of event down, colour by kind.

    ``rows``: :func:`kztm.themes.politics.prepare_timeline` output (date, date_precision, title,
    type_label, family, precision_label, date_label, place_label, parties, source_label, source_url);
    ``start_year``/``end_year``: the years shown; ``title``: the finding. The marker's shape says how
    precisely the source dates the event (circle: day, diamond: month, square: year). In the web
    version a legend click highlights one kind and the x axis zooms and pans.
    """
    first, last = int(rows.date.dt.year.min()), int(rows.date.dt.year.max())
    pick = alt.selection_point(fields=["family"], bind="legend")
    zoom = zoom_x()
    chart = alt.Chart(rows).mark_point(filled=True, size=110).encode(
        x=alt.X("date:T", title="Date of the event", axis=alt.Axis(format="%Y", labelOverlap=True),
                scale=alt.Scale(domain=[f"{start_year - 1}-07-01", f"{end_year + 1}-06-30"])),
        y=alt.Y("type_label:N", title=None, sort=TYPE_ORDER),
        color=_family_color(),
        shape=alt.Shape("precision_label:N", title="Date known to", legend=None,
                        scale=alt.Scale(domain=list(PRECISION_SHAPES), range=list(PRECISION_SHAPES.values()))),
        opacity=alt.condition(pick, alt.value(0.9), alt.value(0.12)),
        tooltip=[alt.Tooltip("date_label:N", title="Date"), alt.Tooltip("title:N", title="Event"),
                 alt.Tooltip("type_label:N", title="Type"), alt.Tooltip("place_label:N", title="Place"),
                 alt.Tooltip("parties:N", title="Parties"), alt.Tooltip("source_label:N", title="Source"),
                 alt.Tooltip("source_url:N", title="Link")],
    ).add_params(pick, zoom).properties(height=330, title=finding(title, [
        f"Sourced bilateral events of Kazakhstan and Turkmenistan by type and date, {first}–{last}.",
        "Circle: exact day; diamond: month only; square: year only"]))
    table = pd.DataFrame({
        "Date (as precise as the source)": [date_label(d, p, iso=True) for d, p in zip(rows.date, rows.date_precision,
                                                                                       strict=True)],
        "Event": rows.title, "Type": rows.type_label, "Kind of event": rows.family, "Place": rows.place_label,
        "Source": rows.source_label})
    return Figure(chart, table, ("timeline",))


def events_per_year(per_year: pd.DataFrame, start_year: int, end_year: int, title: str) -> Figure:
    """Sourced bilateral events per year (number), stacked by kind of event.

    ``per_year``: :func:`kztm.themes.politics.events_per_year` output (year, family, events);
    ``start_year``/``end_year``: the years on the axis (years without events stay empty); ``title``: the finding.
    """
    years = list(range(start_year, end_year + 1))
    chart = alt.Chart(per_year).mark_bar().encode(
        x=alt.X("year:O", title="Year", scale=alt.Scale(domain=years),
                axis=alt.Axis(values=[y for y in years if y % 5 == 0], labelAngle=0)),
        y=alt.Y("events:Q", title="Sourced events, number", axis=alt.Axis(tickMinStep=1)),
        color=_family_color(),
        order=alt.Order("family:N"),
        tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("family:N", title="Kind of event"),
                 alt.Tooltip("events:Q", title="Events")],
    ).properties(height=260, title=finding(
        title, f"Bilateral events of Kazakhstan and Turkmenistan per year in the sourced timeline, "
               f"{start_year}–{end_year}, number"))
    table = per_year[["year", "family", "events"]].rename(
        columns={"year": "Year", "family": "Kind of event", "events": "Sourced events (number)"})
    return Figure(chart, table, ("timeline",))


def meetings(readings: pd.DataFrame, claimed: int, title: str) -> Figure:
    """The leaders' encounters under each reading of a claim's period: one bar per reading, stacked by tier
    (the presidents' bilateral talks first, then summits both attended, then talks with Gurbanguly
    Berdimuhamedov), the count of each tier in its segment and the total after the bar; the claim's
    "more than ``claimed``" is a dashed line.

    ``readings``: :func:`kztm.themes.politics.meeting_readings` output (reading, order, tier, events, x0,
    x1, total, titles); ``claimed``: the number the claim says was exceeded; ``title``: the finding.
    A segment's right end is the count under the definition that adds its tier.
    """
    y = alt.Y("reading:N", title=None, sort=alt.SortField("order"), axis=alt.Axis(labelLimit=220))
    bars = alt.Chart(readings).mark_bar(height=30).encode(
        y=y, x=alt.X("x0:Q", title="Encounters, number", axis=alt.Axis(tickMinStep=1)), x2="x1:Q",
        color=alt.Color("tier:N", title="Kind of encounter", scale=alt.Scale(domain=TIERS, range=TIER_COLORS),
                        legend=alt.Legend(orient="bottom", columns=1, labelLimit=420)),
        tooltip=[alt.Tooltip("reading:N", title="Period"), alt.Tooltip("tier:N", title="Kind"),
                 alt.Tooltip("events:Q", title="Encounters of this kind"),
                 alt.Tooltip("x1:Q", title="Count with this kind and those before it"),
                 alt.Tooltip("titles:N", title="Events")],
    )
    counts = alt.Chart(readings[readings.events > 0]).transform_calculate(
        mid="(datum.x0 + datum.x1) / 2").mark_text(color="white", fontWeight="bold").encode(
        y=y, x="mid:Q", text="events:Q")
    totals = alt.Chart(readings.drop_duplicates("reading")).mark_text(
        align="left", dx=5, fontWeight="bold", color=INK).encode(
        y=y, x="total:Q", text=alt.Text("total:Q", format="d"))
    claim = alt.Chart(pd.DataFrame({"claimed": [claimed], "label": [f"claim: more than {claimed}"]}))
    rule = claim.mark_rule(strokeDash=[5, 3], color=HIGHLIGHT, strokeWidth=2).encode(
        x="claimed:Q", tooltip=[alt.Tooltip("label:N", title="Article")])
    rule_text = claim.mark_text(align="left", dx=4, dy=-8, color=HIGHLIGHT).encode(
        x="claimed:Q", y=alt.value(0), text="label:N")
    chart = (bars + counts + totals + rule + rule_text).properties(
        height=44 * readings.reading.nunique() + 20, title=finding(
            title, [("Leaders' encounters in each reading of the period, up to the day of the article (not "
                    "counted), by kind, number;"), f"dashed: the article's \"more than {number_word(claimed)}\""]))
    table = readings[["reading", "tier", "events", "x1", "total", "titles"]].rename(columns={
        "reading": "Period", "tier": "Kind of encounter", "events": "Encounters of this kind (number)",
        "x1": "Count with this kind and those above it (number)", "total": "All kinds (number)",
        "titles": "Events"})
    return Figure(chart, table, ("timeline", "claims"))


def curated(events: pd.DataFrame, start_year: int, end_year: int, title: str) -> Figure:
    """The events that shaped the relationship, oldest at the top: for each, a thin track across the time axis
    with a marker at its date, and under it the date and label (bold) and a note on why it matters.

    ``events``: :func:`kztm.themes.politics.curated_timeline` output (date, date_precision, date_label,
    label, note, title, source_name, source_tier, dataset); ``start_year``/``end_year``: the axis.
    Text starts at the left edge of the plot and is wrapped short, so it never leaves the plot and no two
    events share a line: the chart stays readable at phone width. The marker's shape says how precisely the
    source dates the event (circle: day, diamond: month, square: year).
    """
    first, last = pd.Timestamp(f"{start_year}-01-01"), pd.Timestamp(f"{end_year}-12-31")
    events = events.assign(
        precision_label=events.date_precision.map({"day": "exact day", "month": "month only",
                                                   "year": "year only"}),
        source=[f"{n} ({t})" for n, t in zip(events.source_name, events.source_tier, strict=True)],
        start=first, end=last)
    lines, line = [], 0.0
    for ev in events.itertuples():
        heading = textwrap.wrap(f"{ev.date_label} · {ev.label}", 34)
        remark = textwrap.wrap(ev.note, 40)
        events.loc[ev.Index, "line"] = line
        for k, text in enumerate(heading + remark):
            lines.append({"line": line + 1.05 + k, "text": text, "style": "label" if k < len(heading) else "note"})
        line += 1 + len(heading) + len(remark) + 0.7
    lines = pd.DataFrame(lines)
    x_scale = alt.Scale(domain=[first.isoformat(), last.isoformat()])
    x_axis = alt.Axis(format="%Y", orient="top", labelOverlap=True, grid=True, gridColor=EMPTY_FILL)
    x = alt.X("date:T", title=None, scale=x_scale, axis=x_axis)
    y_scale = alt.Scale(domain=[-0.8, line - 0.4], reverse=True, nice=False, zero=False)
    y = alt.Y("line:Q", axis=None, scale=y_scale)
    tooltip = [alt.Tooltip("date_label:N", title="Date"), alt.Tooltip("title:N", title="Event"),
               alt.Tooltip("note:N", title="Why it matters"), alt.Tooltip("source:N", title="Source (tier)")]
    tracks = alt.Chart(events).mark_rule(color=EMPTY_FILL, strokeWidth=2).encode(
        x=alt.X("start:T", title=None, scale=x_scale, axis=x_axis), x2="end:T", y=y)
    dots = alt.Chart(events).mark_point(filled=True, size=80, color=ACCENT, opacity=1).encode(
        x=x, y=y, shape=alt.Shape("precision_label:N", legend=None, scale=alt.Scale(
            domain=list(PRECISION_SHAPES), range=list(PRECISION_SHAPES.values()))), tooltip=tooltip)
    texts = [alt.Chart(lines[lines["style"] == style]).mark_text(
        align="left", baseline="middle", fontWeight=weight, color=color, fontSize=size).encode(
        x=alt.value(0), y=y, text="text:N") for style, weight, color, size in
        (("label", "bold", INK, 11), ("note", "normal", INK_SOFT, 10))]
    chart = alt.layer(tracks, *texts, dots).properties(height=round(14 * (line + 0.8)), title=finding(title, [
        f"Selected events, {start_year}–{end_year}, oldest at the top, each marked on its own time track;",
        "circle: exact day, square: year only. Each is a row of the full sourced timeline or of the drivers' facts"]))
    table = pd.DataFrame({"Date (as precise as the source)": events.date_label, "Event": events.label,
                          "Why it matters": events.note, "As recorded": events.title,
                          "Source (tier)": events.source, "Dataset": events.dataset})
    return Figure(chart, table, tuple(dict.fromkeys(events.dataset)))


def _wrap(text: str, width: int) -> str:
    """``text`` broken into lines of at most ``width`` characters (at spaces), joined by newlines."""
    return "\n".join(textwrap.wrap(text, width)) or text


def memberships(matrix: pd.DataFrame, codes: list[str], organisations: list[str], title: str) -> Figure:
    """Each country's status in each organisation as a grid of cells, organisations as rows and countries as
    columns, with the year the status began printed in the cell where a source gives it. The grid is as wide as
    the page (it follows its container, so it fits a phone); the country names tilt when the columns are narrow.

    ``matrix``: :func:`kztm.themes.politics.membership_matrix` output (country, organisation, status,
    status_label, since_year, since_label, note, source_url); ``codes``: the countries, in column order;
    ``organisations``: the rows, in order; ``title``: the finding.
    """
    cells = matrix.assign(organisation_label=matrix.organisation.replace(_SHORT_ORGANISATIONS))
    labels = [_SHORT_ORGANISATIONS.get(o, o) for o in organisations]
    base = alt.Chart(cells).encode(
        x=alt.X("country:N", title=None, sort=[COUNTRIES[c] for c in codes],
                axis=alt.Axis(orient="top", labelAngle=alt.ExprRef(f"width / {len(codes)} < 80 ? -30 : 0"))),
        y=alt.Y("organisation_label:N", title=None, sort=labels),
    )
    rects = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color("status_label:N", title="Status", scale=alt.Scale(domain=STATUS_ORDER, range=STATUS_COLORS),
                        legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("country:N", title="Country"), alt.Tooltip("organisation:N", title="Organisation"),
                 alt.Tooltip("status_label:N", title="Status"), alt.Tooltip("since_label:N", title="Since"),
                 alt.Tooltip("note:N", title="Note"), alt.Tooltip("source_url:N", title="Source")],
    )
    years = base.transform_filter("isValid(datum.since_year)").mark_text(fontSize=10).encode(
        text=alt.Text("since_year:Q", format="d"),
        color=alt.condition(alt.datum.status == "member", alt.value("white"), alt.value(INK)))
    chart = (rects + years).properties(height=26 * len(organisations), title=finding(title, [
        (f"Status in {number_word(len(organisations))} organisations; the number is the year the status began, "
         "where sourced."),
        ("CICA: Conference on Interaction and Confidence-Building Measures in Asia; "
         "ECO: Economic Cooperation Organization")]))
    table = cells[["country", "organisation", "status_label", "since_label", "note"]].rename(columns={
        "country": "Country", "organisation": "Organisation", "status_label": "Status",
        "since_label": "Since (year)", "note": "Note"})
    return Figure(chart, table, ("memberships",))
