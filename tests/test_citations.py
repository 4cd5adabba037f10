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


def _formatted(style, bib):
    entries = list(style.sort(parse_string(bib, "bibtex").entries.values()))
    return [style.format_entry(label, entry).text.render_as("text")
            for label, entry in zip(style.format_labels(entries), entries, strict=True)]


def test_formatted_entries_are_kept_between_runs_and_formatted_again_when_an_entry_changes(tmp_path, monkeypatch):
    from pybtex.style.formatting.alpha import Style as AlphaStyle

    from kztm.report import citations

    monkeypatch.setenv("KZTM_BIBTEX_CACHE", str(tmp_path / ".bibtex-html.pickle"))
    first = citations._Formatted()
    monkeypatch.setattr(citations, "FORMATTED", first)
    fresh = _formatted(ReportStyle(), BIB)
    assert "World Bank. Wdi. 2026." in fresh
    first.save()
    assert (tmp_path / ".bibtex-html.pickle").is_file()

    monkeypatch.setattr(citations, "FORMATTED", citations._Formatted())  # the next Sphinx run
    real = AlphaStyle.format_entry
    monkeypatch.setattr(AlphaStyle, "format_entry", lambda *a, **k: (_ for _ in ()).throw(AssertionError("again")))
    assert _formatted(ReportStyle(), BIB) == fresh
    monkeypatch.setattr(AlphaStyle, "format_entry", real)
    edited = _formatted(ReportStyle(), BIB.replace("title = {WDI}", "title = {World Development Indicators}"))
    assert "World Bank. World development indicators. 2026." in edited


def test_a_damaged_cache_only_costs_a_formatting(tmp_path, monkeypatch):
    from kztm.report import citations

    (tmp_path / ".bibtex-html.pickle").write_bytes(b"not a pickle")
    monkeypatch.setenv("KZTM_BIBTEX_CACHE", str(tmp_path / ".bibtex-html.pickle"))
    monkeypatch.setattr(citations, "FORMATTED", citations._Formatted())
    assert len(_formatted(ReportStyle(), BIB)) == 4


def test_entries_with_the_same_fields_keep_their_own_keys_and_format_entries_still_works(monkeypatch):
    from kztm.report import citations

    monkeypatch.setattr(citations, "FORMATTED", citations._Formatted())
    twins = parse_string("@misc{a, title = {Same}, year = {2024}}\n@misc{b, title = {Same}, year = {2024}}",
                         "bibtex").entries
    style = ReportStyle()
    assert [style.format_entry("", entry).key for entry in twins.values()] == ["a", "b"]
    assert [f.key for f in style.format_entries(twins.values())] == ["a", "b"]  # pybtex passes bib_data=


def test_entries_kept_by_other_code_are_formatted_again(tmp_path, monkeypatch):
    import pickle

    from kztm.report import citations

    cache = tmp_path / ".bibtex-html.pickle"
    monkeypatch.setenv("KZTM_BIBTEX_CACHE", str(cache))
    first = citations._Formatted()
    monkeypatch.setattr(citations, "FORMATTED", first)
    _formatted(ReportStyle(), BIB)
    first.save()
    version, entries = pickle.loads(cache.read_bytes())
    cache.write_bytes(pickle.dumps(("older code", entries)))
    assert citations._Formatted().loaded == {}
    cache.write_bytes(pickle.dumps((version, entries)))
    assert citations._Formatted().loaded.keys() == entries.keys()
