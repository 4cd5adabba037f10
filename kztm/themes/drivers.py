"""The drivers of the relationship as sourced facts (dataset ``context_facts``), ready for attributed prose.

Each row of ``data/compiled/context_facts.csv`` is one fact with its publisher, the publisher's tier
under the source policy (primary / agency / research), the value's status (stated / derived /
estimate) and kind (outturn, target, forecast, capacity, …). Chapters quote these facts as what a
named source said, never as statistics of their own: :func:`fact` returns the values a sentence
needs, glued under a prefix so the summary and the tests can read them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..report.wording import dates_phrase, fact_date_label

DRIVERS = {
    "ukraine_war_sanctions": "The war in Ukraine, sanctions on Russia and the Middle Corridor",
    "iran_route_sanctions": "Sanctions and conflict on the route through Iran",
    "china_gas_demand": "China's demand and the Central Asia–China gas pipeline",
    "afghanistan_tapi": "Afghanistan and the TAPI pipeline",
    "turkmenistan_opening_neutrality": "Turkmenistan's neutrality and opening",
    "amu_darya_water": "The Amu Darya and water politics",
    "kazakhstan_gas_balance": "Kazakhstan's commercial-gas balance",
}


class FactError(LookupError):
    """A fact id that is not in ``context_facts``, or a value asked of a fact that has none."""


@dataclass(frozen=True)
class Fact:
    """One sourced fact: the statement, its value (if any), when, who said it and how reliable the source is."""

    fact_id: str
    statement: str
    value: float | None
    value_max: float | None
    unit: str
    value_kind: str
    value_status: str
    date: str  # as precise as the source: YYYY, YYYY-MM or YYYY-MM-DD
    source_name: str
    source_tier: str
    bib_key: str

    def glue_values(self, prefix: str) -> dict:
        """``{prefix}_value``, ``{prefix}_unit``, ``{prefix}_date``, ``{prefix}_source``, ``{prefix}_cite``, …

        for :meth:`kztm.report.chapter.Chapter.glue`; values missing in the data are left out.
        """
        values = {f"{prefix}_date": self.date, f"{prefix}_source": self.source_name,
                  f"{prefix}_tier": self.source_tier, f"{prefix}_status": self.value_status or "",
                  f"{prefix}_kind": self.value_kind or ""}
        if self.value is not None:
            values[f"{prefix}_value"] = self.value
            values[f"{prefix}_unit"] = self.unit
        if self.value_max is not None:
            values[f"{prefix}_value_max"] = self.value_max
        return values


def _blank(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value)) or value == ""


def _date_text(value, precision: str) -> str:
    if _blank(value):
        return ""
    stamp = pd.Timestamp(value)
    return {"year": f"{stamp:%Y}", "month": f"{stamp:%Y-%m}"}.get(precision, f"{stamp:%Y-%m-%d}")


def fact(facts: pd.DataFrame, fact_id: str) -> Fact:
    """The fact ``fact_id`` of dataset ``context_facts`` (a frame from ``load_dataset("context_facts")``).

    Raises :class:`FactError` naming the id when it is not in the table.
    """
    rows = facts[facts.fact_id == fact_id]
    if rows.empty:
        raise FactError(f"Fact {fact_id!r} is not in dataset context_facts.")
    row = rows.iloc[0]
    number = lambda v: None if _blank(v) else float(v)  # noqa: E731
    text = lambda v: "" if _blank(v) else str(v)  # noqa: E731
    return Fact(fact_id, text(row.statement), number(row.value), number(row.get("value_max")), text(row.unit),
                text(row.value_kind), text(row.value_status), _date_text(row.date, text(row.date_precision)),
                text(row.source_name), text(row.source_tier), text(row.bib_key))


def facts_of(facts: pd.DataFrame, driver: str) -> pd.DataFrame:
    """The facts of one driver (a key of :data:`DRIVERS`), oldest first. Raises :class:`FactError` if unknown."""
    if driver not in DRIVERS:
        raise FactError(f"Unknown driver {driver!r}; the drivers are {', '.join(DRIVERS)}.")
    return facts[facts.driver == driver].sort_values(["date", "fact_id"])


def sources_by_tier(facts: pd.DataFrame) -> dict[str, int]:
    """Number of facts per source tier (primary / agency / research), for the methodology and the appendix."""
    return {str(k): int(v) for k, v in facts.source_tier.value_counts().sort_index().items()}


def fact_dates(facts: pd.DataFrame, fact_ids) -> dict[str, str]:
    """``{"<id>_when": date in words}`` for each id of dataset ``context_facts`` (lower-case id), at the
    precision of its source ('15 May 2025', 'November 2024', '2024'). Raises :class:`FactError` for an
    unknown id, ``ValueError`` for a fact without a date."""
    return {f"{fact_id.lower()}_when": fact_date_label(fact(facts, fact_id).date) for fact_id in fact_ids}


def fact_figures(facts: pd.DataFrame, fact_ids) -> dict:
    """Every value a sentence quoting the facts ``fact_ids`` needs, ready for ``Chapter.glue``: for each,
    :meth:`Fact.glue_values` under its lower-case id and ``<id>_when`` (:func:`fact_dates`).
    Raises :class:`FactError` naming an id that is not in dataset ``context_facts``."""
    values = {}
    for fact_id in fact_ids:
        values.update(fact(facts, fact_id).glue_values(fact_id.lower()))
        values.update(fact_dates(facts, [fact_id]))
    return values


def dated_fact_values(facts: pd.DataFrame, fact_ids) -> dict:
    """The glued values of several facts: :func:`fact_figures` (:meth:`Fact.glue_values` under the lower-case
    id, plus ``{id}_when``, the date in words, as precise as the source: '23 February 2022', 'April 2023') and
    ``{id}_on`` (the same with its preposition: 'on 23 February 2022', 'in April 2023').

    A fact without a date (a standing figure such as a share of river flow) gets its values but neither
    ``{id}_when`` nor ``{id}_on``, so a sentence that dates it fails loudly instead of printing a blank.

    ``facts``: dataset ``context_facts``. Raises :class:`FactError` naming an id that is not in it.
    """
    values = {}
    for fact_id in fact_ids:
        one, prefix = fact(facts, fact_id), fact_id.lower()
        values.update(one.glue_values(prefix))
        if one.date:
            when = fact_date_label(one.date)
            values.update({f"{prefix}_when": when, f"{prefix}_on": dates_phrase([when])})
    return values
