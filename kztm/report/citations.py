"""How citations read: author–year in round brackets, several sources separated by semicolons, and a reference
list in author order.

sphinxcontrib-bibtex's own ``author_year`` style writes ``[Kazinform, 2025, TASS, 2024]``, where a reader cannot
tell where one source ends and the next begins. :class:`AuthorYearRound` keeps that style and changes only its
brackets and separators: ``(Kazinform, 2025; TASS, 2024)`` for ``{cite:p}``, ``Kazinform (2025)`` for
``{cite:t}``. It is registered under the name ``author_year_round`` (the ``sphinxcontrib.bibtex.style.referencing``
entry point in ``pyproject.toml``) and chosen by ``bibtex_reference_style`` in ``_config.yml``.

The list itself is pybtex's ``alpha`` style sorted by :class:`AuthorOrder` (registered as the
``pybtex.style.formatting`` plugin ``kztm``, chosen by ``bibtex_default_style``): pybtex sorts on the
lower-cased name as written, so a corporate author in braces (``{{World Bank}}``) sorted after every personal
name, and "Ritchie" came before "Adilet".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pybtex.style.formatting.alpha import Style as AlphaStyle
from pybtex.style.sorting.author_year_title import SortingStyle
from sphinxcontrib.bibtex.style.referencing import BracketStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle


def round_brackets() -> BracketStyle:
    """Round brackets; ``"; "`` between sources (``sep2`` too, so two sources never read as 'A and B')."""
    return BracketStyle(left="(", right=")", sep="; ", sep2="; ", last_sep="; ")


@dataclass
class AuthorYearRound(AuthorYearReferenceStyle):
    """sphinxcontrib-bibtex's author–year referencing style with round brackets and semicolons between sources."""

    bracket_parenthetical: BracketStyle = field(default_factory=round_brackets)
    bracket_textual: BracketStyle = field(default_factory=round_brackets)
    bracket_author: BracketStyle = field(default_factory=round_brackets)
    bracket_label: BracketStyle = field(default_factory=round_brackets)
    bracket_year: BracketStyle = field(default_factory=round_brackets)


class AuthorOrder(SortingStyle):
    """pybtex's author–year–title order with the braces of corporate names ignored: 'Adilet', 'Ritchie',
    'World Bank' (case-insensitive), not every personal name first."""

    def person_key(self, person) -> str:
        return super().person_key(person).replace("{", "").replace("}", "")


class ReportStyle(AlphaStyle):
    """pybtex's ``alpha`` formatting style with the reference list in :class:`AuthorOrder` (labels are not shown:
    book/_static/kztm.css hides them, since the text cites by author and year)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.sort = AuthorOrder().sort
