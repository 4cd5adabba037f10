"""How citations read in the text: author–year in round brackets, several sources separated by semicolons.

sphinxcontrib-bibtex's own ``author_year`` style writes ``[Kazinform, 2025, TASS, 2024]``, where a reader cannot
tell where one source ends and the next begins. :class:`AuthorYearRound` keeps that style and changes only its
brackets and separators: ``(Kazinform, 2025; TASS, 2024)`` for ``{cite:p}``, ``Kazinform (2025)`` for
``{cite:t}``. It is registered under the name ``author_year_round`` (the ``sphinxcontrib.bibtex.style.referencing``
entry point in ``pyproject.toml``) and chosen by ``bibtex_reference_style`` in ``_config.yml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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
