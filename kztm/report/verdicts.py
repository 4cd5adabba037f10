"""Verdicts on the claims of the article the report starts from, under one written rule.

The rule (also printed on the methodology page, from :data:`RULE`): a verdict says what evidence
of the kind the claim needs shows. Data or a document independent of the claim can make it
*consistent*, *partly consistent* or *inconsistent*; a claim about the future or a judgement is
*not checkable*; a claim that published evidence could decide, when this report could not obtain
that evidence, is *not checked*. Another outlet repeating the same official figure is corroboration,
not independent evidence: it is reported in the evidence line but does not make a claim consistent.
"""

from __future__ import annotations

import pandas as pd
from myst_nb import glue

VERDICTS = ("consistent", "partly consistent", "inconsistent", "not checkable", "not checked")

# Kind of evidence → the verdicts it can support.
EVIDENCE_KINDS = {
    "data": ("consistent", "partly consistent", "inconsistent"),
    "document": ("consistent", "partly consistent", "inconsistent"),
    "judgement": ("not checkable",),
    "not obtained": ("not checked",),
}

RULE = [
    ("consistent", "data, document",
     "Independent data or an official document agrees with every part of the claim."),
    ("partly consistent", "data, document",
     "Independent evidence agrees with part of the claim; another part disagrees or has no evidence."),
    ("inconsistent", "data, document", "Independent evidence contradicts the claim."),
    ("not checkable", "judgement",
     "The claim is a judgement or about the future; no evidence available today could decide it."),
    ("not checked", "not obtained",
     "Evidence that could decide the claim is published, but this report could not obtain it."),
]


class VerdictError(ValueError):
    """A verdict that breaks the rule (unknown claim or verdict, evidence of the wrong kind)."""


def check_verdict(claim_id: str, verdict: str, evidence_kind: str) -> None:
    """Refuse a verdict that the rule does not allow for its kind of evidence (one sentence)."""
    if verdict not in VERDICTS:
        raise VerdictError(f"Verdict {verdict!r} for claim {claim_id} is not one of {', '.join(VERDICTS)}.")
    if evidence_kind not in EVIDENCE_KINDS:
        raise VerdictError(f"Claim {claim_id}: evidence kind {evidence_kind!r} is not one of "
                           f"{', '.join(EVIDENCE_KINDS)}.")
    if verdict not in EVIDENCE_KINDS[evidence_kind]:
        allowed = " or ".join(EVIDENCE_KINDS[evidence_kind])
        raise VerdictError(f"Claim {claim_id}: evidence of kind {evidence_kind!r} supports only {allowed}, "
                           f"not {verdict!r}.")


def ledger_kind(kind: str, obtained: str) -> str:
    """The kind of evidence the claims ledger says a claim has: its ``evidence_kind`` column (data,
    document, forecast/judgement) and ``evidence_obtained`` (yes/no) mapped onto :data:`EVIDENCE_KINDS`."""
    if kind == "forecast/judgement":
        return "judgement"
    if obtained == "no":
        return "not obtained"
    return kind


def record_verdicts(items: list[dict]) -> pd.DataFrame:
    """Record a chapter's verdicts on claims of the claims ledger (``data/compiled/claims.csv``).

    Each item: ``claim_id`` ("T1"), ``verdict`` (one of :data:`VERDICTS`), ``evidence_kind`` (a key of
    :data:`EVIDENCE_KINDS`), ``evidence`` (one line, computed in the notebook) and optionally ``figure``
    (the name of the figure that shows it). Each is glued as ``verdict_<id>``, ``evidence_<id>``,
    ``evidence_kind_<id>`` and ``figure_<id>`` for the claims audit. Returns one row per verdict.
    Raises :class:`VerdictError` for an unknown claim, a verdict the rule does not allow, or evidence of another
    kind than the claims ledger records for the claim.
    """
    from ..data import load_dataset

    claims = load_dataset("claims").set_index("claim_id")
    rows = []
    for item in items:
        claim_id, verdict, kind = item["claim_id"], item["verdict"], item["evidence_kind"]
        if claim_id not in claims.index:
            raise VerdictError(f"Claim {claim_id!r} is not in the claims ledger (data/claims.csv).")
        check_verdict(claim_id, verdict, kind)
        if "evidence_kind" in claims.columns:
            expected = ledger_kind(claims.loc[claim_id, "evidence_kind"], claims.loc[claim_id, "evidence_obtained"])
            # A chapter may find that evidence the ledger expected is missing after all, never the reverse.
            if kind != expected and not (kind == "not obtained" and expected in ("data", "document")):
                raise VerdictError(f"Claim {claim_id}: the chapter judges it on evidence of kind {kind!r}, but the "
                                   f"claims ledger (data/compiled/claims.csv) records {expected!r}; correct one of "
                                   f"them.")
        glue(f"verdict_{claim_id}", verdict, display=False)
        glue(f"evidence_{claim_id}", str(item["evidence"]), display=False)
        glue(f"evidence_kind_{claim_id}", kind, display=False)
        if item.get("figure"):
            glue(f"figure_{claim_id}", item["figure"], display=False)
        rows.append({"claim_id": claim_id, "claim": claims.loc[claim_id, "claim"], "verdict": verdict,
                     "evidence_kind": kind, "evidence": item["evidence"], "figure": item.get("figure", "")})
    return pd.DataFrame(rows)
