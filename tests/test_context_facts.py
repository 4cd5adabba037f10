"""Context facts (data/compiled/context_facts.csv): every fact carries a source of the policy's standard.

The source policy: each fact has a working source address, a tier (primary, agency, research), a bibliography
entry, and any number says whether it is stated, derived or estimated. These tests fail on a row that breaks it.
"""

from __future__ import annotations

import csv
import json
import re
import shutil

import pytest

from kztm import paths
from kztm.data import compiled
from kztm.data.loader import DataError

COMPILED = paths.default_compiled_dir()
TABLE = COMPILED / "context_facts.csv"
META = COMPILED / "context_facts.meta.json"
CONTEXT_BIB = paths.BOOK_DIR / "references-context.bib"

TIERS = {"primary", "agency", "research"}
STATUSES = {"stated", "derived", "estimate"}
DATE_FORMS = {"year": r"\d{4}", "month": r"\d{4}-\d{2}", "day": r"\d{4}-\d{2}-\d{2}"}

pytestmark = pytest.mark.skipif(not TABLE.is_file(), reason=f"{TABLE} not present")


def read_rows() -> list[dict[str, str]]:
    with TABLE.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def sourcing_problems(rows: list[dict[str, str]]) -> list[str]:
    """One message per breach of the source policy, naming the CSV line and fact_id; [] when all rows comply."""
    problems = []
    for line, row in enumerate(rows, start=2):
        where = f"line {line} ({row.get('fact_id') or 'no id'})"
        value, status = row["value"].strip(), row["value_status"].strip()
        if not re.fullmatch(r"https?://\S+", row["source_url"].strip()):
            problems.append(f"{where}: no source URL")
        if row["source_tier"] not in TIERS:
            problems.append(f"{where}: tier {row['source_tier']!r} is outside {sorted(TIERS)}")
        if not row["bib_key"].strip():
            problems.append(f"{where}: no bibliography key")
        if value and status not in STATUSES:
            problems.append(f"{where}: number {value} has no status (stated, derived or estimate)")
        if status and not value:
            problems.append(f"{where}: status {status!r} without a number")
        if status == "derived" and not row["note"].strip():
            problems.append(f"{where}: derived number without its formula in the note")
        date, precision = row["date"].strip(), row["date_precision"].strip()
        if date or precision:
            form = DATE_FORMS.get(precision)
            if form is None or not re.fullmatch(form, date):
                problems.append(f"{where}: date {date!r} does not have the form of precision {precision!r}")
    return problems


def bib_keys(path) -> set[str]:
    return set(re.findall(r"^@\w+\{([^,\s]+),", path.read_text(encoding="utf-8"), flags=re.MULTILINE))


def test_every_context_fact_meets_the_source_policy():
    rows = read_rows()
    assert rows, "the context facts table is empty"
    assert sourcing_problems(rows) == []


def _blank_url(row):
    row["source_url"] = ""


def _wiki_tier(row):
    row["source_tier"] = "wikipedia"


def _unstatused_number(row):
    row["value"], row["value_status"] = "12.5", ""


def _day_for_month(row):
    row["date"], row["date_precision"] = "2024-05-01", "month"


@pytest.mark.parametrize("breach", [_blank_url, _wiki_tier, _unstatused_number, _day_for_month])
def test_policy_check_flags_an_unsourced_untiered_or_unstatused_row(breach):
    rows = read_rows()
    breach(rows[0])
    problems = sourcing_problems(rows)
    assert len(problems) == 1 and problems[0].startswith("line 2 ")


def test_schema_enum_of_tiers_is_the_policy():
    fields = {f["name"]: f for f in json.loads(META.read_text(encoding="utf-8"))["fields"]}
    assert set(fields["source_tier"]["constraints"]["enum"]) == TIERS
    assert set(fields["value_status"]["constraints"]["enum"]) == STATUSES
    assert fields["source_url"]["constraints"]["required"] is True


def test_loader_rejects_a_tier_outside_the_policy(tmp_path):
    rows = read_rows()
    rows[0]["source_tier"] = "blog"
    with (tmp_path / "context_facts.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    shutil.copy(META, tmp_path / "context_facts.meta.json")
    with pytest.raises(DataError, match=r"context_facts\.csv, line 2, .*source_tier.*'blog'"):
        compiled.derive_compiled("context_facts", paths.default_raw_dir(), compiled_dir=tmp_path)


def test_context_bib_keys_resolve_and_do_not_shadow_the_main_bibliography():
    context_keys = bib_keys(CONTEXT_BIB)
    used = {row["bib_key"] for row in read_rows()}
    assert used - context_keys == set(), "facts cite keys missing from references-context.bib"
    assert context_keys - used == set(), "references-context.bib has entries no fact cites"
    assert context_keys & bib_keys(paths.BIBLIOGRAPHY) == set(), "a key is defined in both bibliographies"
