"""The reference list's order and the citation brackets (kztm/report/citations.py)."""

from pybtex.database import parse_string

from kztm.report.citations import AuthorOrder, AuthorYearRound, ReportStyle

BIB = """
@misc{wb, author = {{World Bank}}, title = {WDI}, year = {2026}}
@misc{owid, author = {Hannah Ritchie and Max Roser}, title = {CO2}, year = {2020}}
@misc{adilet, author = {{Adilet}}, title = {Law}, year = {2024}}
@misc{tat, author = {{The Astana Times}}, title = {Ports}, year = {2024}}
"""


def test_corporate_and_personal_authors_sort_together_by_name():
    entries = list(parse_string(BIB, "bibtex").entries.values())
    assert [e.key for e in AuthorOrder().sort(entries)] == ["adilet", "owid", "tat", "wb"]
    assert [e.key for e in ReportStyle().sort(entries)] == ["adilet", "owid", "tat", "wb"]


def test_parenthetical_citations_use_round_brackets_and_semicolons():
    style = AuthorYearRound()
    assert (style.bracket_parenthetical.left, style.bracket_parenthetical.right) == ("(", ")")
    assert style.bracket_parenthetical.sep == style.bracket_parenthetical.sep2 == "; "
