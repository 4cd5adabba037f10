"""Computations for the politics chapter: the bilateral timeline, meeting counts and memberships.

The timeline (dataset ``timeline``) is hand-compiled, one sourced row per event. Its
``event_type`` vocabulary is documented in ``data/compiled/timeline.meta.json``; this module
groups the types into a few families for colour, and sorts leaders' encounters into tiers
so that a claim such as "the heads of state met more than six times" can be checked row by row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from ..report.wording import date_label

# Short labels for the event types of the timeline vocabulary.
EVENT_LABELS: dict[str, str] = {
    "diplomatic_relations": "Diplomatic relations",
    "treaty": "Treaty",
    "agreement": "Agreement or declaration",
    "state_visit": "State visit",
    "official_visit": "Official visit",
    "working_visit": "Working visit",
    "informal_meeting": "Informal meeting",
    "summit_meeting": "Bilateral talks at a summit",
    "summit_attendance": "Joint summit attendance",
    "commission_session": "Commission session",
    "infrastructure_opening": "Infrastructure opening",
}

# Families used for colour; every event type belongs to exactly one.
FAMILIES: dict[str, str] = {
    "diplomatic_relations": "Treaties and agreements",
    "treaty": "Treaties and agreements",
    "agreement": "Treaties and agreements",
    "state_visit": "Visits and bilateral meetings",
    "official_visit": "Visits and bilateral meetings",
    "working_visit": "Visits and bilateral meetings",
    "informal_meeting": "Visits and bilateral meetings",
    "summit_meeting": "Visits and bilateral meetings",
    "summit_attendance": "Multilateral summits attended by both",
    "commission_session": "Intergovernmental commission",
    "infrastructure_opening": "Infrastructure openings",
}
FAMILY_ORDER = [
    "Visits and bilateral meetings",
    "Multilateral summits attended by both",
    "Intergovernmental commission",
    "Treaties and agreements",
    "Infrastructure openings",
]

# Event types at which the two sides met face to face (bilateral talks are reported).
MEETING_TYPES = {"state_visit", "official_visit", "working_visit", "informal_meeting", "summit_meeting"}

# The heads of state in office in 2024–2025, spelled as in the timeline's ``parties`` column
# ("G." = Gurbanguly, "S." = Serdar Berdimuhamedov). Gurbanguly Berdimuhamedov is Chairman of the
# Halk Maslahaty and "national leader", not head of state (timeline rows TL022 and TL032; claim P4).
PRESIDENTS_2024_2025 = ("Tokayev", "S. Berdimuhamedov")
FORMER_LEADER_TKM = "G. Berdimuhamedov"

TIER_PRESIDENTS = "Bilateral talks of the two presidents"
TIER_SUMMITS = "Both presidents at a summit, no bilateral talks reported"
TIER_GURBANGULY = "Talks of Tokayev with Gurbanguly Berdimuhamedov"
TIERS = [TIER_PRESIDENTS, TIER_SUMMITS, TIER_GURBANGULY]

def parties_of(text) -> list[str]:
    """The principals of a timeline row: the semicolon-separated ``parties`` field as a list."""
    if not isinstance(text, str):
        return []
    return [part.strip() for part in text.split(";") if part.strip()]


def prepare_timeline(timeline: pd.DataFrame, start_year: int, end_year: int) -> pd.DataFrame:
    """Timeline rows within ``start_year``–``end_year`` with labels for charts and tables."""
    unknown = set(timeline.event_type) - set(EVENT_LABELS)
    if unknown:
        raise ValueError(f"Timeline event types without a label: {', '.join(sorted(unknown))}.")
    rows = timeline[timeline.date.dt.year.between(start_year, end_year)].copy()
    rows["year"] = rows.date.dt.year
    rows["type_label"] = rows.event_type.map(EVENT_LABELS)
    rows["family"] = rows.event_type.map(FAMILIES)
    rows["date_label"] = [date_label(d, p) for d, p in zip(rows.date, rows.date_precision, strict=True)]
    rows["precision_label"] = rows.date_precision.map(
        {"day": "exact day", "month": "month only", "year": "year only"})
    rows["place_label"] = rows.place.fillna("not sourced").replace("", "not sourced")
    rows["source_label"] = [
        f"{title} ({date})" if isinstance(date, str) and date else f"{title} (undated page)"
        for title, date in zip(rows.source_title, rows.source_date, strict=True)
    ]
    return rows.sort_values(["date", "event_id"]).reset_index(drop=True)


def events_per_year(rows: pd.DataFrame) -> pd.DataFrame:
    """Number of events per year and family (only non-zero cells)."""
    return (rows.groupby(["year", "family"]).size().rename("events").reset_index()
            .sort_values(["year", "family"]).reset_index(drop=True))


def classify_encounters(timeline: pd.DataFrame, start, end,
                        presidents=PRESIDENTS_2024_2025, former_leader=FORMER_LEADER_TKM) -> pd.DataFrame:
    """Leaders' encounters dated from ``start`` up to but excluding ``end``, each in one tier, oldest first.

    - bilateral talks of the two presidents: a meeting type (visit, informal meeting, talks at a
      summit) whose parties include both presidents;
    - joint attendance: a ``summit_attendance`` row (no bilateral meeting found) with both presidents;
    - talks of Kazakhstan's president with Gurbanguly Berdimuhamedov (not head of state).
    Rows that fit none (ministerial visits, agreements, openings) are left out.
    """
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    rows = timeline[(timeline.date >= start) & (timeline.date < end)]
    president_a, president_b = presidents
    out = []
    for row in rows.itertuples():
        parties = parties_of(row.parties)
        both = president_a in parties and president_b in parties
        if row.event_type in MEETING_TYPES and both:
            tier = TIER_PRESIDENTS
        elif row.event_type == "summit_attendance" and both:
            tier = TIER_SUMMITS
        elif row.event_type in MEETING_TYPES and president_a in parties and former_leader in parties:
            tier = TIER_GURBANGULY
        else:
            continue
        out.append({"event_id": row.event_id, "date": row.date, "title": row.title,
                    "event_type": row.event_type, "tier": tier})
    return (pd.DataFrame(out, columns=["event_id", "date", "title", "event_type", "tier"])
            .sort_values(["date", "event_id"]).reset_index(drop=True))


def meeting_counts(encounters: pd.DataFrame) -> dict[str, int]:
    """Encounters per tier (every tier present, zero when none)."""
    counts = encounters.tier.value_counts()
    return {tier: int(counts.get(tier, 0)) for tier in TIERS}


def past_year_start(end) -> pd.Timestamp:
    """The first day of "the past year" before ``end`` (same day and month, one year earlier): the window
    is [start, ``end``), the end day excluded, as :func:`classify_encounters` counts it."""
    return pd.Timestamp(end) - pd.DateOffset(years=1)


def meeting_readings(readings: list[tuple[str, pd.DataFrame]]) -> pd.DataFrame:
    """Encounters per tier for several readings of a claim's period, as segments of one stacked bar each.

    ``readings``: (label, :func:`classify_encounters` output) pairs, in display order. Returns one row per
    reading and tier (every tier, zero included) with ``reading``, ``order`` (of the reading), ``tier``,
    ``events`` (in that tier), ``x0``/``x1`` (segment ends: tiers stack in :data:`TIERS` order, so ``x1``
    is the count under the definition that adds this tier), ``total`` (all tiers) and ``titles`` (dated
    events of the segment, for tooltips).
    """
    records = []
    for k, (label, encounters) in enumerate(readings):
        counts = meeting_counts(encounters)
        x0, total = 0, sum(counts.values())
        for tier in TIERS:
            mine = encounters[encounters.tier == tier]
            titles = "; ".join(f"{pd.Timestamp(d):%Y-%m-%d} {t}" for d, t in zip(mine.date, mine.title, strict=True))
            records.append({"reading": label, "order": k, "tier": tier, "events": counts[tier], "x0": x0,
                            "x1": x0 + counts[tier], "total": total, "titles": titles or "none"})
            x0 += counts[tier]
    return pd.DataFrame(records)


def busiest_years(per_year: pd.DataFrame) -> tuple[list[int], int]:
    """The year or years with the most events and that number: ``([2024, 2025], 13)`` for a tie.

    ``per_year``: :func:`events_per_year` output (year, family, events). Raises ``ValueError`` if empty.
    """
    totals = per_year.groupby("year").events.sum()
    if totals.empty:
        raise ValueError("No events to count.")
    top = int(totals.max())
    return sorted(int(y) for y in totals.index[totals == top]), top


def busiest_day(rows: pd.DataFrame) -> tuple[pd.Timestamp | None, int, pd.DataFrame]:
    """The day with the most events among rows dated to the day (a row known only to the month or the
    year has no day and never counts for one); the earliest such day on a tie.

    ``rows``: timeline rows (date, date_precision, event_type, title). Returns (day, number of events,
    that day's rows); ``(None, 0, empty)`` when no row is dated to the day.
    """
    dated = rows[rows.date_precision == "day"]
    if dated.empty:
        return None, 0, dated
    counts = dated.groupby("date").size()
    day = counts[counts == counts.max()].index.min()
    return pd.Timestamp(day), int(counts.max()), dated[dated.date == day]


def event_with(timeline: pd.DataFrame, *phrases: str) -> pd.Series:
    """The one timeline row whose title contains every phrase (case-insensitive), found by content rather
    than by row id. Raises ``LookupError`` naming the phrases when no row or more than one row matches."""
    found = timeline
    for phrase in phrases:
        found = found[found.title.str.contains(phrase, case=False, regex=False)]
    if len(found) != 1:
        raise LookupError(f"{len(found)} timeline rows have a title with {', '.join(map(repr, phrases))}; "
                          "expected exactly one.")
    return found.iloc[0]


def other_leaders(timeline: pd.DataFrame, event_ids, presidents=PRESIDENTS_2024_2025) -> list[str]:
    """The named leaders other than the two presidents in the ``parties`` of the given rows (in row order,
    each once; 'others' and country codes left out): who else sat at the summits both attended."""
    names = []
    for text in timeline.set_index("event_id").loc[list(event_ids), "parties"]:
        for party in parties_of(text):
            if party not in presidents and party != FORMER_LEADER_TKM and party.lower() != "others" \
                    and not re.fullmatch(r"[A-Z]{3}(, [A-Z]{3})*( leaders)?", party) and party not in names:
                names.append(party)
    return names


# --- the curated timeline: the events that shaped the relationship -----------------------------

# The events chosen for the curated timeline (issue 12, item 5), by their id in dataset ``timeline``
# (TL…) or ``context_facts`` (other prefixes), with a short label and a one-line note on why the event
# matters. Dates, precision and sources are read from the data; the texts here hold no number.
CURATED_EVENTS: list[tuple[str, str, str]] = [
    ("TL001", "Diplomatic relations", "Ties begin after independence; the sources agree only on the year"),
    ("TKM02", "UN recognises Turkmen neutrality", ("The frame of Ashgabat's foreign policy: no military or "
     "economic blocs")),
    ("TL007", "Kazakhstan–Turkmenistan–Iran railway", ("Kazakhstan's overland route to the Gulf runs through "
     "Turkmenistan")),
    ("AFG01", "TAPI pipeline launched", "Turkmen gas to look south as well as east and north"),
    ("TL008", "Treaty on Strategic Partnership", ("The treaty frame of today's relationship; the land border's "
     "demarcation signed the same day")),
    ("TL014", "Caspian sea border delimited", ("Sea border and fishing zones fixed; the land border had been "
     "delimited years before")),
    ("TKM05", "WTO accession talks open", "Turkmenistan's opening to the trading system"),
    ("UKR01", "Kazakhstan on sanctions on Russia", ("No route around sanctions; trade turns to Caspian and "
     "southern routes")),
    ("TL030", "Tokayev in Ashgabat", "Investment protection and QazaqGaz–Turkmengaz agreements signed"),
    ("IRN05", "UN sanctions on Iran reinstated", "Legal risk for the southern route through Iran"),
    ("TL038", "State visit to Astana", ("Joint statement and a package of documents; the article appeared on "
     "its first day")),
]


def curated_timeline(timeline: pd.DataFrame, facts: pd.DataFrame, events=None) -> pd.DataFrame:
    """The curated events (default :data:`CURATED_EVENTS`) with their date, precision and source from the data.

    ``timeline``: dataset ``timeline``; ``facts``: dataset ``context_facts``. Returns one row per event,
    oldest first: ``event_id``, ``date`` (Timestamp: the first day of the month or year when only that
    is known), ``date_precision``, ``date_label`` (as precise as the source), ``label``, ``note``,
    ``title`` (the row's own wording), ``source_name``, ``source_tier``, ``bib_key``, ``dataset``.
    Raises ``LookupError`` naming an id that is in neither dataset.
    """
    out = []
    for event_id, label, note in events or CURATED_EVENTS:
        if event_id.startswith("TL"):
            rows, dataset = timeline[timeline.event_id == event_id], "timeline"
            if rows.empty:
                raise LookupError(f"Curated event {event_id!r} is not in dataset timeline.")
            row = rows.iloc[0]
            date, precision, title = pd.Timestamp(row.date), row.date_precision, row.title
        else:
            rows, dataset = facts[facts.fact_id == event_id], "context_facts"
            if rows.empty:
                raise LookupError(f"Curated event {event_id!r} is not in dataset context_facts.")
            row = rows.iloc[0]
            date, precision, title = pd.Timestamp(str(row.date)), row.date_precision, row.statement
        out.append({"event_id": event_id, "date": date, "date_precision": precision,
                    "date_label": date_label(date, precision), "label": label, "note": note, "title": title,
                    "source_name": row.source_name, "source_tier": row.source_tier, "bib_key": row.bib_key,
                    "dataset": dataset})
    return pd.DataFrame(out).sort_values(["date", "event_id"]).reset_index(drop=True)


# --- memberships -----------------------------------------------------------------

STATUS_LABELS = {
    "member": "Member",
    "associate_member": "Associate member",
    "observer": "Observer",
    "non_member": "Not a member",
}
STATUS_ORDER = ["Member", "Associate member", "Observer", "Not a member"]


def membership_matrix(memberships: pd.DataFrame, codes) -> pd.DataFrame:
    """Rows of ``memberships`` for ``codes``, with a status label and a 'since' label."""
    from ..countries import COUNTRIES

    rows = memberships[memberships.country_code.isin(codes)].copy()
    unknown = set(rows.status) - set(STATUS_LABELS)
    if unknown:
        raise ValueError(f"Membership statuses without a label: {', '.join(sorted(unknown))}.")
    rows["country"] = rows.country_code.map(COUNTRIES)
    rows["status_label"] = rows.status.map(STATUS_LABELS)
    rows["since_label"] = rows.since_year.map(lambda y: "not sourced" if pd.isna(y) else str(int(y)))
    rows["note"] = rows.note.fillna("")
    return rows.reset_index(drop=True)


def shared_organisations(memberships: pd.DataFrame, code_a: str, code_b: str) -> dict[str, list[str]]:
    """Organisations where both are full members, where both take part (any status but non-member),
    and where only one of the two takes part."""
    wide = memberships.pivot(index="organisation", columns="country_code", values="status")
    a, b = wide[code_a], wide[code_b]
    both_full = sorted(wide.index[(a == "member") & (b == "member")])
    both_any = sorted(wide.index[(a != "non_member") & (b != "non_member")])
    only_one = sorted(wide.index[(a == "non_member") ^ (b == "non_member")])
    return {"both_full": both_full, "both_any": both_any, "only_one": only_one}


def status_of(memberships: pd.DataFrame, code: str, organisation: str) -> tuple[str, int | None]:
    """(status, since_year or None) of one country in one organisation."""
    rows = memberships[(memberships.country_code == code) & (memberships.organisation == organisation)]
    if rows.empty:
        raise LookupError(f"No membership row for {code} in {organisation}.")
    row = rows.iloc[0]
    since = None if pd.isna(row.since_year) else int(row.since_year)
    return row.status, since


_DATE = r"(\d{1,2} [A-Z][a-z]+ \d{4}|[A-Z][a-z]+ \d{4})"


def neutrality_facts(memberships: pd.DataFrame) -> dict:
    """Turkmenistan's permanent neutrality as recorded in the note of its UN membership row.

    Returns ``recognised`` (date of the UN General Assembly resolution), ``reaffirmed`` (list of
    later dates), ``neutrality_day`` (the day declared International Day of Neutrality) and
    ``neutrality_day_since`` (the year it was declared) and ``source_url``. Raises ``LookupError`` if the note no
    longer says so.
    """
    rows = memberships[(memberships.country_code == "TKM") & (memberships.organisation == "UN")]
    if rows.empty:
        raise LookupError("The memberships table has no Turkmenistan–UN row.")
    note = rows.iloc[0].note
    recognised = re.search(r"[Nn]eutrality recognised.*?resolution of " + _DATE, note)
    reaffirmed = re.search(r"reaffirmed by UNGA resolutions of (.*?);", note)
    day = re.search(r"(\d{1,2} [A-Z][a-z]+) declared International Day of Neutrality in (\d{4})", note)
    if not (recognised and reaffirmed):
        raise LookupError("The Turkmenistan–UN note no longer records the neutrality resolutions.")
    later = re.findall(_DATE, re.sub(r"\([^)]*\)", "", reaffirmed.group(1)))
    return {
        "recognised": recognised.group(1),
        "reaffirmed": later,
        "neutrality_day": day.group(1) if day else None,
        "neutrality_day_since": int(day.group(2)) if day else None,
        "source_url": rows.iloc[0].source_url,
    }


# Order of the event types on the timeline's vertical axis: grouped by family.
TYPE_ORDER = [EVENT_LABELS[t] for family in FAMILY_ORDER for t in EVENT_LABELS if FAMILIES[t] == family]

_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}


def claimed_minimum(claim: str) -> int:
    """The number in a claim such as "met more than six times" (the count must exceed it)."""
    found = re.search(r"more than (\w+) times", claim)
    if not found:
        raise LookupError(f"No 'more than … times' in the claim {claim!r}.")
    word = found.group(1).lower()
    if word.isdigit():
        return int(word)
    if word not in _NUMBER_WORDS:
        raise LookupError(f"Cannot read the number {word!r} in the claim.")
    return _NUMBER_WORDS[word]


def source_date(metadata: dict, bib_key: str) -> pd.Timestamp:
    """Publication date of a source listed in a dataset's metadata (``sources`` with ``bib_key``)."""
    for source in metadata.get("sources", []):
        if source.get("bib_key") == bib_key and source.get("date"):
            return pd.Timestamp(source["date"])
    raise LookupError(f"No dated source {bib_key!r} in the metadata of {metadata.get('name')!r}.")


def p3_verdict(counts: dict[str, int], claimed: int, caspian_summits: int) -> str:
    """Verdict on "the heads of state met more than ``claimed`` times, … at Caspian summits" (claim P3).

    ``counts``: encounters per tier (:func:`meeting_counts`); ``caspian_summits``: Caspian summits in the
    timeline within the same period. Consistent only if the presidents' bilateral talks alone exceed
    ``claimed`` *and* a Caspian summit is on record (the claim names one: every part must agree); partly
    consistent if some definition of a meeting exceeds ``claimed``; inconsistent otherwise.
    """
    if counts[TIER_PRESIDENTS] > claimed and caspian_summits > 0:
        return "consistent"
    if sum(counts.values()) > claimed:
        return "partly consistent"
    return "inconsistent"


def corroboration_verdict(independent: list[bool]) -> tuple[str, str]:
    """(verdict, evidence kind) for a claim made of several facts, each found or not in a source independent
    of the article (:func:`independently_sourced`): all → ("consistent", "document"); some → ("partly
    consistent", "document"); none → ("not checked", "not obtained"). Raises ``ValueError`` for no facts."""
    if not independent:
        raise ValueError("A claim needs at least one fact to check.")
    if all(independent):
        return "consistent", "document"
    if any(independent):
        return "partly consistent", "document"
    return "not checked", "not obtained"


def article_source(metadata: dict, title_start: str = "Astana-Ashgabat") -> dict:
    """The source entry of the Kazinform article the claims come from (in the claims metadata)."""
    for source in metadata.get("sources", []):
        if source.get("title", "").startswith(title_start):
            return source
    raise LookupError(f"No source titled {title_start!r}… in the metadata of {metadata.get('name')!r}.")


def independently_sourced(row, article_key: str) -> bool:
    """True when a timeline row rests on a source other than the article and is not flagged as uncorroborated."""
    note = row.note if isinstance(row.note, str) else ""
    return row.bib_key != article_key and "NOT CORROBORATED" not in note.upper()


def sole_participation(memberships: pd.DataFrame, code_a: str, code_b: str) -> dict[str, dict[str, list[str]]]:
    """For each of the two countries, the organisations it takes part in while the other does not:
    ``{code: {"member": [...], "observer": [...]}}`` ("member" includes associate membership)."""
    wide = memberships.pivot(index="organisation", columns="country_code", values="status")
    out = {}
    for own, other in ((code_a, code_b), (code_b, code_a)):
        alone = wide[(wide[own] != "non_member") & (wide[other] == "non_member")]
        out[own] = {
            "member": sorted(alone.index[alone[own].isin(["member", "associate_member"])]),
            "observer": sorted(alone.index[alone[own] == "observer"]),
        }
    return out


def chairmanship_handover(timeline: pd.DataFrame, organisation: str = "CIS"):
    """The last timeline row that records a handover of ``organisation``'s chairmanship, and the year of the
    chairmanship ("… handed the 2026 CIS chairmanship to …" in ``description``); ``(None, None)`` if none."""
    found = timeline.description.fillna("").map(
        lambda text: re.search(rf"(\d{{4}}) {re.escape(organisation)} chairmanship", text))
    rows = timeline[found.notna()].assign(chair_year=found[found.notna()].map(lambda m: int(m.group(1))))
    if rows.empty:
        return None, None
    row = rows.sort_values("date").iloc[-1]
    return row, int(row.chair_year)


# --- what the chapter shows: figures, tables and verdicts for the notebook -----------------------

# The facts of dataset ``context_facts`` quoted in the chapter's section on drivers.
DRIVER_FACTS = ("TKM01", "TKM02", "TKM03", "TKM04", "TKM05", "TKM07", "TKM08", "TKM09", "UKR01", "UKR03", "CHN01",
                "CHN07", "CHN09", "IRN04", "IRN05")
# The blocs Turkmenistan's neutrality keeps it out of, checked against the memberships table.
BLOCS = ("CSTO", "SCO", "EAEU")
# Columns of the membership grid, in this order; organisations not listed here follow alphabetically.
ORGANISATION_ORDER = ("UN", "OSCE", "CIS", "OIC", "ECO", "CICA", "SCO", "EAEU", "CSTO", "Organization of Turkic States",
                      "WTO")
# The window of claim P3 as the claims ledger reads it ("2024–2025"), from its first day.
CLAIM_WINDOW_START = pd.Timestamp("2024-01-01")


def membership_figures(memberships: pd.DataFrame, code_a: str, code_b: str) -> dict:
    """The country-level figures of the chapter (any pair), from dataset ``memberships``.

    Returns ``name_a``, ``name_b``, ``both_full`` (organisations where both are full members, in words),
    ``only_one`` (where only one takes part), ``n_both_full``, ``only_one_text`` (a sentence naming which
    country alone takes part where) and ``tkm_outside`` (which of :data:`BLOCS` Turkmenistan is not a member
    of). Raises ``LookupError`` if a country or a bloc has no row.
    """
    from ..countries import COUNTRIES
    from ..report import wording

    shared = shared_organisations(memberships, code_a, code_b)
    outside = [o for o in BLOCS if status_of(memberships, "TKM", o)[0] == "non_member"]
    return {"name_a": COUNTRIES[code_a], "name_b": COUNTRIES[code_b],
            "both_full": wording.join_names(shared["both_full"]), "only_one": wording.join_names(shared["only_one"]),
            "n_both_full": len(shared["both_full"]),
            "only_one_text": wording.sole_participation_sentence(sole_participation(memberships, code_a, code_b),
                                                                 COUNTRIES),
            "tkm_outside": wording.join_names(outside)}


def organisations_in_order(memberships: pd.DataFrame) -> list[str]:
    """The organisations of ``memberships`` in :data:`ORGANISATION_ORDER`, any other after them alphabetically."""
    present = set(memberships.organisation)
    return [o for o in ORGANISATION_ORDER if o in present] + sorted(present - set(ORGANISATION_ORDER))


def pair_notices(name_a: str, name_b: str) -> dict:
    """The three key findings of the bilateral record, for a pair other than Kazakhstan–Turkmenistan: the one
    notice that the record was compiled only for that pair (``kf_timeline``, ``kf_meetings``, ``kf_commission``)."""
    from ..report.wording import only_for_pair

    return {"kf_timeline": only_for_pair("the bilateral timeline", name_a, name_b),
            "kf_meetings": only_for_pair("the count of the leaders' meetings, like the check of the article's "
                                         "claims,", name_a, name_b),
            "kf_commission": only_for_pair("the record of the intergovernmental commission and the treaties",
                                           name_a, name_b)}


def _day_of(row) -> str:
    return date_label(row.date, row.date_precision)


def commission_sessions(timeline: pd.DataFrame, article_key: str) -> dict:
    """The 12th and 13th sessions of the intergovernmental commission and whether each rests on a source other
    than the article (``article_key``): ``{"12th": (row, independent), "13th": (row, independent)}``.
    Raises ``IndexError`` if a session is missing from the timeline."""
    sessions = timeline[timeline.event_type == "commission_session"].sort_values("date")
    out = {}
    for ordinal in ("12th", "13th"):
        row = sessions[sessions.title.str.startswith(ordinal)].iloc[0]
        out[ordinal] = (row, independently_sourced(row, article_key))
    return out


@dataclass(frozen=True)
class Record:
    """The bilateral record of one period: ``figures`` (the values glued), ``rows`` (timeline rows of the period,
    :func:`prepare_timeline`), ``curated`` (:func:`curated_timeline` within the period), ``per_year``
    (:func:`events_per_year`) and ``documents`` (the table of treaties, agreements and commission sessions)."""

    figures: dict
    rows: pd.DataFrame
    curated: pd.DataFrame
    per_year: pd.DataFrame
    documents: pd.DataFrame


def bilateral_record(timeline: pd.DataFrame, facts: pd.DataFrame, start_year: int, end_year: int,
                     article_key: str) -> Record:
    """The figures of the Kazakhstan–Turkmenistan timeline for ``start_year``–``end_year``.

    ``timeline``: dataset ``timeline``; ``facts``: dataset ``context_facts`` (for the curated events);
    ``article_key``: the bib key of the article whose claims are checked. Counts are numbers of sourced events;
    dates are labels as precise as their source. The "recent" years are the last five up to ``end_year``.
    Raises ``LookupError``/``IndexError`` when an event the prose names (the border treaties, the 12th and 13th
    commission sessions, a state visit) is missing, and ``ValueError`` when the period has no event.
    """
    from ..report.wording import busiest_phrase

    rows = prepare_timeline(timeline, start_year, end_year)
    curated = curated_timeline(timeline, facts)
    curated = curated[curated.date.dt.year.between(start_year, end_year)]
    per_year = events_per_year(rows)
    busiest, busiest_n = busiest_years(per_year)
    day, day_n, on_that_day = busiest_day(rows)
    visit_that_day = on_that_day[on_that_day.event_type.isin(MEETING_TYPES)]
    treaties = timeline[timeline.event_type == "treaty"].sort_values("date")
    sessions = commission_sessions(timeline, article_key)
    (s12, s12_independent), (s13, s13_independent) = sessions["12th"], sessions["13th"]
    recent = rows.year >= end_year - 4
    contacts = rows.family.isin(["Visits and bilateral meetings", "Multilateral summits attended by both"])
    figures = {
        "n_events": len(rows), "first_year": int(rows.year.min()), "last_year": int(rows.year.max()),
        "recent_from": end_year - 4, "n_recent": int(recent.sum()), "n_before": int((~recent).sum()),
        "n_curated": len(curated), "curated_from": int(curated.date.dt.year.min()),
        "n_recent_contacts": int((recent & contacts).sum()),
        "n_sessions": int((timeline.event_type == "commission_session").sum()),
        "n_documents": int(timeline.event_type.isin(["treaty", "agreement"]).sum()),
        "s12_ordinal": s12.title.split(" ")[0], "s12_day": _day_of(s12), "s12_place": s12.place,
        "s13_ordinal": s13.title.split(" ")[0], "s13_day": _day_of(s13), "s13_place": s13.place,
        "s12_sourcing": "is independently sourced" if s12_independent else "rests on the article alone",
        "s13_sourcing": "is independently sourced too" if s13_independent else "rests on the article alone",
        "treaty_friendship": _day_of(treaties.iloc[0]), "treaty_partnership": _day_of(treaties.iloc[1]),
        "land_border_day": _day_of(event_with(timeline, "delimitation and demarcation", "state border")),
        "demarcation_day": _day_of(event_with(timeline, "Agreement on the demarcation")),
        "sea_border_day": _day_of(event_with(timeline, "state border in the Caspian Sea")),
        "busiest_year": busiest[-1], "busiest_n": busiest_n, "busiest_tied": len(busiest),
        "busiest_text": busiest_phrase(busiest, busiest_n),
        "busiest_day": date_label(day, "day"), "busiest_day_n": day_n,
        "busiest_day_visit": f" ({visit_that_day.iloc[0].title})" if len(visit_that_day) else "",
        "last_visit_day": _day_of(timeline[timeline.event_type == "state_visit"].sort_values("date").iloc[-1]),
    }
    docs = rows[rows.event_type.isin(["treaty", "agreement", "commission_session"])]
    documents = pd.DataFrame({
        "Date": [date_label(d, pr, iso=True) for d, pr in zip(docs.date, docs.date_precision, strict=True)],
        "Type": docs.type_label, "Event": docs.title, "Place": docs.place_label,
        "Source": [f"{n} ({t})" for n, t in zip(docs.source_name, docs.source_tier, strict=True)]})
    return Record(figures, rows, curated, per_year, documents)


@dataclass(frozen=True)
class Meetings:
    """The leaders' encounters before the article under two readings of claim P3's period: ``figures`` (the
    values glued), ``counts`` (encounters per tier from :data:`CLAIM_WINDOW_START` to the article),
    ``readings`` (:func:`meeting_readings`, for the chart), ``headline`` (the chart's finding) and ``table``
    (every encounter of the window, and whether it falls in the article's past year)."""

    figures: dict
    counts: dict
    readings: pd.DataFrame
    headline: str
    table: pd.DataFrame


def leaders_meetings(timeline: pd.DataFrame, article_date, claimed: int) -> Meetings:
    """Count the leaders' encounters up to the article (its day not counted), for claim P3 ("met more than
    ``claimed`` times", with Caspian summits named).

    Two readings of the period: the article's own "past year" (:func:`past_year_start`) and the claims ledger's
    2024–2025 (from :data:`CLAIM_WINDOW_START`). Counts are per tier (:func:`classify_encounters`); the figures
    also give the Caspian summits of the window and the presidential encounters from the article's day to the end
    of the following year. ``timeline``: dataset ``timeline``. Raises ``IndexError`` if no Caspian summit
    precedes the article.
    """
    from ..report import wording

    article_date, start = pd.Timestamp(article_date), CLAIM_WINDOW_START
    year_start = past_year_start(article_date)
    encounters = classify_encounters(timeline, start, article_date)
    encounters_year = classify_encounters(timeline, year_start, article_date)
    encounters_all = classify_encounters(timeline, start, f"{start.year + 2}-01-01")
    later = encounters_all[~encounters_all.event_id.isin(encounters.event_id)].merge(
        timeline[["event_id", "date_precision"]], on="event_id")
    counts, counts_year = meeting_counts(encounters), meeting_counts(encounters_year)
    presidents, summits, gurbanguly = (counts[t] for t in TIERS)
    y_presidents, y_summits, y_gurbanguly = (counts_year[t] for t in TIERS)
    caspian = timeline[timeline.title.str.contains("Caspian Summit")].sort_values("date")
    in_window = caspian[caspian.date.between(start, article_date, inclusive="left")]
    last_caspian = caspian[caspian.date < article_date].iloc[-1]
    summit_rows = encounters[encounters.tier == TIER_SUMMITS]
    figures = {
        "article_day": date_label(article_date, "day"), "window_from": start.year, "window_to": start.year + 1,
        "year_from_day": date_label(year_start, "day"),
        "claimed_meetings": claimed, "claimed_word": wording.number_word(claimed),
        "meetings_presidents": presidents, "meetings_summits": summits, "meetings_gurbanguly": gurbanguly,
        "meetings_presidents_and_summits": presidents + summits, "meetings_all": presidents + summits + gurbanguly,
        "meetings_year_presidents": y_presidents, "meetings_year_summits": y_summits,
        "meetings_year_gurbanguly": y_gurbanguly, "meetings_year_presidents_and_summits": y_presidents + y_summits,
        "meetings_year_all": y_presidents + y_summits + y_gurbanguly,
        "year_presidents_text": wording.count_phrase(y_presidents, "bilateral meeting"),
        "year_gurbanguly_text": wording.count_phrase(y_gurbanguly, "talk"),
        "meetings_presidents_full_period": meeting_counts(encounters_all)[TIER_PRESIDENTS],
        "partner_leaders": wording.join_names(other_leaders(timeline, summit_rows.event_id)),
        "caspian_in_window": len(in_window), "last_caspian": _day_of(last_caspian),
        "caspian_count_text": str(len(in_window)) if len(in_window) else "none",
        "summit_titles": "; ".join(summit_rows.title), "n_later": len(later),
        "later_meetings": "; ".join(f"{date_label(d, pr)}: {t}" for d, pr, t in
                                    zip(later.date, later.date_precision, later.title, strict=True)),
    }
    readings = meeting_readings([(wording.reading_label(year_start, "Past year"), encounters_year),
                                 (wording.reading_label(start, "2024–2025"), encounters)])
    headline = wording.meetings_headline(y_presidents, y_summits, y_gurbanguly, claimed)
    shown = encounters.merge(timeline[["event_id", "date_precision"]], on="event_id")
    table = pd.DataFrame({
        "Date": [date_label(d, pr, iso=True) for d, pr in zip(shown.date, shown.date_precision, strict=True)],
        "Event": shown.title, "Counted as": shown.tier,
        "In the article's past year": ["yes" if e in set(encounters_year.event_id) else "no"
                                       for e in shown.event_id]}).sort_values("Date")
    return Meetings(figures, counts, readings, headline, table)


def neutrality_values(memberships: pd.DataFrame) -> dict:
    """The values of the paragraph on Turkmenistan's neutrality: ``recognised`` (date of the UN resolution),
    ``reaffirmed`` (later resolutions, 'on … and in …'), ``neutrality_day`` (a clause on the International Day
    of Neutrality, '' when the note does not record it) and ``cis_since`` (the year Turkmenistan became an
    associate member of the CIS). From the notes of dataset ``memberships`` (:func:`neutrality_facts`)."""
    from ..report.wording import dates_phrase

    neutrality = neutrality_facts(memberships)
    day = (f"; since {neutrality['neutrality_day_since']:d} the UN has marked {neutrality['neutrality_day']} as "
           "the International Day of Neutrality" if neutrality["neutrality_day"] else "")
    return {"recognised": neutrality["recognised"], "reaffirmed": dates_phrase(neutrality["reaffirmed"]),
            "neutrality_day": day, "cis_since": status_of(memberships, "TKM", "CIS")[1]}


def watch_items(timeline: pd.DataFrame, pair, is_bilateral_pair: bool, values: dict) -> list[str]:
    """The chapter's "what to watch" list as plain texts (escaped where they land).

    Turkmenistan's coming CIS chairmanship when the pair includes it and the timeline records the handover; for
    Kazakhstan–Turkmenistan, the commission, the state visit's documents, the Caspian summits and the WTO working
    party (filled from ``values``: the chapter's figures); for another pair, the notice ``values["kf_timeline"]``.
    """
    from ..report.prose import render_text

    items = []
    chair_row, chair_year = chairmanship_handover(timeline, "CIS")
    if "TKM" in pair and chair_row is not None:
        items.append(render_text(
            "Turkmenistan's chairmanship of the CIS in {chair_year:d}, handed over at the council of {day} in "
            "{place}, will show how far an associate member, and a neutral one, steers the organisation's agenda.",
            {"chair_year": chair_year, "place": chair_row.place, "day": _day_of(chair_row)}))
    if not is_bilateral_pair:
        return items + [values["kf_timeline"]]
    return items + [render_text(template, values) for template in (
        "A sourced record of the commission's {s13_ordinal} session, or of a later one: the last independently "
        "documented session is the {s12_ordinal} ({s12_day}).",
        "Implementation of the documents signed at the state visit of {last_visit_day}: the timeline records "
        "signatures, not results, and should gain rows when projects open.",
        "Whether the Caspian heads of state meet again: the last summit on record was held on {last_caspian}.",
        "The next meeting of the WTO working party on Turkmenistan's accession, set up on {tkm05_when}, and how "
        "Kazakhstan and Turkmenistan handle transit to Iran under the UN sanctions reinstated from {irn05_when}.")]


def claim_verdicts(timeline: pd.DataFrame, memberships: pd.DataFrame, article: dict, values: dict) -> list[dict]:
    """The verdicts on the article's political claims P1–P6, as items for
    :meth:`kztm.report.chapter.Chapter.verdicts` (claim_id, verdict, evidence_kind, figure, evidence).

    ``article``: the article's source entry (``bib_key``, ``date``; :func:`article_source`); ``values``: the
    chapter's figures (:func:`bilateral_record` and :func:`leaders_meetings`), which fill the evidence lines. A
    claim resting on one timeline row is consistent only if that row has a source other than the article; the
    total of "about 70" agreements has no register, so P1 is never consistent on the timeline alone.
    """
    from ..report.prose import render_text

    key, year = article["bib_key"], pd.Timestamp(article["date"]).year

    def text(template, **extra):
        return render_text(template, {**values, **extra})

    def corroborated(found):
        return [len(found) > 0 and independently_sourced(found.iloc[0], key)]

    treaties = timeline[timeline.event_type == "treaty"].sort_values("date")
    sessions = commission_sessions(timeline, key)
    (s12, s12_independent), (_, s13_independent) = sessions["12th"], sessions["13th"]
    p2 = {o: {c: status_of(memberships, c, o) for c in ("KAZ", "TKM")} for o in ["UN", "OSCE", "CIS", "OIC"]}
    p2_detail = "; ".join(f"{o}: " + ", ".join(f"{c} {STATUS_LABELS[s].lower()}" + (f" since {y}" if y else "")
                                               for c, (s, y) in st.items()) for o, st in p2.items())
    turkistan = timeline[(timeline.event_type == "informal_meeting") & (timeline.place == "Turkistan")
                         & timeline.parties.str.contains("Tokayev")
                         & timeline.parties.str.contains("G. Berdimuhamedov")]
    visit = timeline[(timeline.event_type == "state_visit") & (timeline.date.dt.year == year)
                     & timeline.parties.str.contains("S. Berdimuhamedov") & (timeline.host_country == "KAZ")]
    p1, p4, p5, p6 = (corroboration_verdict(flags) for flags in (
        [independently_sourced(t, key) for _, t in treaties.iloc[:2].iterrows()]
        + [False],  # the total of "about 70" agreements: no register, no evidence either way
        corroborated(turkistan), [s12_independent, s13_independent], corroborated(visit)))
    counts = {TIER_PRESIDENTS: values["meetings_presidents"], TIER_SUMMITS: values["meetings_summits"],
              TIER_GURBANGULY: values["meetings_gurbanguly"]}
    return [
        {"claim_id": "P1", "verdict": p1[0], "evidence_kind": p1[1], "figure": "fig-politics-timeline",
         "evidence": text("Both treaties are in the timeline: friendship treaty {treaty_friendship}, strategic "
                          "partnership {treaty_partnership}. The timeline holds {n_documents} treaty and agreement "
                          "rows; no register of bilateral treaties was obtained, and officials quote different "
                          "totals, so the count of 'about 70' has no evidence either way.")},
        {"claim_id": "P2", "evidence_kind": "document", "figure": "fig-politics-memberships",
         "verdict": "consistent" if all(s[0] != "non_member" for st in p2.values() for s in st.values())
         else "partly consistent",
         "evidence": text("Both take part in all four bodies ({detail}). Turkmenistan is an associate, not full, "
                          "CIS member, citing its neutrality.", detail=p2_detail)},
        {"claim_id": "P3", "evidence_kind": "document", "figure": "fig-politics-meetings",
         "verdict": p3_verdict(counts, values["claimed_meetings"], values["caspian_in_window"]),
         "evidence": text("Up to the article of {article_day} (its day not counted): over the past year, from "
                          "{year_from_day}, {year_presidents_text} of the two presidents, {meetings_year_summits} "
                          "summits both attended without reported bilateral talks and {year_gurbanguly_text} of "
                          "Tokayev with Gurbanguly Berdimuhamedov (not head of state): {meetings_year_all} in all; "
                          "from 1 January {window_from}, {meetings_presidents}, {meetings_summits} and "
                          "{meetings_gurbanguly}: {meetings_all} in all. Only counting the summits passes 'more "
                          "than {claimed_word}'. Caspian summits in either period, which the claim names: "
                          "{caspian_count_text} (last: {last_caspian}).")},
        {"claim_id": "P4", "verdict": p4[0], "evidence_kind": p4[1], "figure": "fig-politics-timeline",
         "evidence": text("Informal meeting of Tokayev and Gurbanguly Berdimuhamedov in Turkistan on {day} "
                          "({source}, {date}).", day=_day_of(turkistan.iloc[0]),
                          source=turkistan.iloc[0].source_name, date=turkistan.iloc[0].source_date)
         if len(turkistan) else "No sourced Turkistan meeting found."},
        {"claim_id": "P5", "verdict": p5[0], "evidence_kind": p5[1], "figure": "fig-politics-timeline",
         "evidence": text("{s12_ordinal} session on {s12_day} in {s12_place}, {s12_how} ({source}, {date}). "
                          "{s13_ordinal} session on {s13_day} in {s13_place}: {s13_how}.",
                          s12_how="independently sourced" if s12_independent else "sourced only to the article",
                          s13_how="independently sourced" if s13_independent
                          else "no source other than the article itself was found",
                          source=s12.source_name, date=s12.source_date)},
        {"claim_id": "P6", "verdict": p6[0], "evidence_kind": p6[1], "figure": "fig-politics-timeline",
         "evidence": text("State visit to {place} from {day}: {what} ({source}, {date}).",
                          place=visit.iloc[0].place, day=_day_of(visit.iloc[0]), what=visit.iloc[0].description,
                          source=visit.iloc[0].source_name, date=visit.iloc[0].source_date)
         if len(visit) else "No sourced state visit found."},
    ]
