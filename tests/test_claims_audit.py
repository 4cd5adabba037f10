"""The claims audit is the one place where verdicts are printed: a dashboard of every claim with its text,
its verdict in colour and word, one line of evidence and a working link to the figure that shows it."""

from urllib.parse import urlsplit

import pandas as pd
from bs4 import BeautifulSoup

from kztm.paths import ROOT
from kztm.pipeline.pages import first_sentence
from kztm.report.verdicts import VERDICTS


def _soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_every_claim_has_a_dashboard_row_with_text_verdict_evidence_and_a_working_figure_link(built_book):
    html = built_book["html"]
    audit = html / "book" / "generated" / "claims-audit.html"
    soup = _soup(audit)
    claims = pd.read_csv(ROOT / "data" / "claims.csv")
    rows = {}
    for tr in soup.select("section#dashboard table tbody tr"):
        cells = tr.find_all("td")
        rows[cells[0].find("strong").get_text()] = cells
    assert set(rows) == set(claims.claim_id)
    for claim in claims.itertuples():
        cells = rows[claim.claim_id]
        assert " ".join(claim.claim.split())[:40] in " ".join(cells[0].get_text().split())
        badge = cells[1].select_one("span.kztm-verdict")
        assert badge is not None and badge.get_text() in VERDICTS, claim.claim_id
        assert cells[2].get_text(strip=True), claim.claim_id
        link = cells[3].find("a")
        assert link is not None, claim.claim_id
        target = urlsplit(link["href"])
        page = (audit.parent / target.path).resolve() if target.path else audit
        assert page.exists(), (claim.claim_id, link["href"])
        assert not target.fragment or _soup(page).find(id=target.fragment), (claim.claim_id, link["href"])


def test_chapters_link_to_the_audit_instead_of_printing_verdict_tables(built_book):
    for name in ("politics", "trade", "energy", "logistics", "investment", "environment"):
        soup = _soup(built_book["html"] / "book" / "chapters" / f"{name}.html")
        assert not soup.select("span.kztm-verdict"), name
        links = [a["href"] for a in soup.find_all("a", href=True) if "claims-audit" in a["href"]]
        assert links and any("#claim-" in href for href in links), name


def test_first_sentence_keeps_decimals_and_stops_at_a_full_stop():
    assert first_sentence("USD 127.6 million in 2020. A second outlet.") == "USD 127.6 million in 2020."
    assert first_sentence("One (UN: 1992; OSCE: 1992). Two.") == "One (UN: 1992; OSCE: 1992)."
    assert first_sentence("No stop") == "No stop"
