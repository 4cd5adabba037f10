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

sphinxcontrib-bibtex formats every entry of the bibliography on every Sphinx run, twice (list and tooltip),
about 0.5 s for this book even when no page changed. :meth:`ReportStyle.format_entry` formats each version of
an entry once and keeps the result in ``$KZTM_BIBTEX_CACHE`` (a pickle the build puts in its staging folder;
without the variable, only within the run).
"""

from __future__ import annotations

import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path

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

    def format_entry(self, label, entry, bib_format=None):
        """pybtex's formatting of ``entry`` under ``label``, from :data:`FORMATTED` when this version of the entry
        was formatted before (same type, fields and persons)."""
        key = (label, entry.type, tuple(sorted(entry.fields.items())),
               tuple((role, tuple(str(p) for p in people)) for role, people in sorted(entry.persons.items())),
               bib_format)
        formatted = FORMATTED.get(key)
        if formatted is None:
            formatted = FORMATTED[key] = super().format_entry(label, entry, bib_format)
        return formatted


class _Formatted(dict):
    """Formatted entries by their key, read from and written back to ``$KZTM_BIBTEX_CACHE`` (when set)."""

    def __init__(self):
        super().__init__()
        self.path = Path(os.environ["KZTM_BIBTEX_CACHE"]) if os.environ.get("KZTM_BIBTEX_CACHE") else None
        self.loaded = {}
        if self.path and self.path.is_file():
            try:
                self.loaded = pickle.loads(self.path.read_bytes())
            except Exception:  # a damaged or older cache only costs a formatting
                self.loaded = {}

    def get(self, key):
        if key not in self and key in self.loaded:
            self[key] = self.loaded[key]
        return super().get(key)

    def save(self) -> None:
        """Write the entries used in this run (and only those) for the next one, through a temporary file."""
        if not self.path or not self or self.keys() == self.loaded.keys():
            return
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.partial")
        try:
            partial.write_bytes(pickle.dumps(dict(self)))
            partial.replace(self.path)
        except OSError:
            partial.unlink(missing_ok=True)


FORMATTED = _Formatted()


def setup(app):
    """Sphinx side (``sphinx.extra_extensions``): keep the formatted entries when the build is done."""
    app.connect("build-finished", lambda _app, _exc: FORMATTED.save())
    return {"parallel_read_safe": True, "parallel_write_safe": True}
