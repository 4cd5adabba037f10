"""Helpers for the prose of a chapter: glued figures and one-sentence notices."""

from __future__ import annotations

import math
import numbers

from myst_nb import glue


def plain(value):
    """numpy scalars → Python numbers, so myst-nb can format the glued value."""
    if isinstance(value, bool):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    return value


def glue_figures(**figures) -> dict:
    """Glue each keyword as a hidden figure for ``{glue:text}`` in the prose; return them as plain values.

    Missing values (None/NaN) are refused: a sentence must not print "nan".
    """
    out = {}
    for name, value in figures.items():
        value = plain(value)
        if value is None or (isinstance(value, float) and math.isnan(value)):
            raise ValueError(f"The figure {name!r} has no value; fix the data or the computation before glueing it.")
        glue(name, value, display=False)
        out[name] = value
    return out


# --- claim verdicts -------------------------------------------------------------

VERDICTS = (
    "consistent",
    "partly consistent",
    "inconsistent",
    "cannot be checked with open data",
)


def record_verdicts(verdicts: list[dict]):
    """Record a chapter's verdicts on claims of the claims ledger and return them as a table.

    Each item: ``claim_id`` (e.g. "T1"), ``verdict`` (one of :data:`VERDICTS`), ``evidence``
    (one or two sentences with the numbers, computed in the notebook) and optionally ``figure``
    (the ``:name:`` of the figure that shows it). Each is glued as ``verdict_<id>``,
    ``evidence_<id>`` and ``figure_<id>`` for the claims audit page.
    """
    import pandas as pd

    from ..data import load_dataset

    claims = load_dataset("claims").set_index("claim_id")
    rows = []
    for item in verdicts:
        claim_id, verdict = item["claim_id"], item["verdict"]
        if claim_id not in claims.index:
            raise ValueError(f"Claim {claim_id!r} is not in the claims ledger (data/claims.csv).")
        if verdict not in VERDICTS:
            raise ValueError(f"Verdict {verdict!r} for claim {claim_id} is not one of {', '.join(VERDICTS)}.")
        glue(f"verdict_{claim_id}", verdict, display=False)
        glue(f"evidence_{claim_id}", item["evidence"], display=False)
        if item.get("figure"):
            glue(f"figure_{claim_id}", item["figure"], display=False)
        rows.append({"Claim": claim_id, "What was claimed": claims.loc[claim_id, "claim"],
                     "Verdict": verdict, "Evidence": item["evidence"]})
    return pd.DataFrame(rows).style.hide(axis="index")
