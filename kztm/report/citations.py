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

import contextlib
import hashlib
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from pybtex.style.formatting.alpha import Style as AlphaStyle
from pybtex.style.sorting.author_year_title import SortingStyle
from sphinxcontrib.bibtex.style.referencing import BracketStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

from ..paths import write_atomic


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

    def format_entry(self, label, entry, bib_data=None):
        """pybtex's formatting of ``entry`` under ``label``, from :data:`FORMATTED` when this version of the entry
        was formatted before (same key, type, fields and persons; the cache is dropped when this module or pybtex
        changes, see :class:`_Formatted`)."""
        key = (type(self).__name__, label, entry.key, entry.type, tuple(sorted(entry.fields.items())),
               tuple((role, tuple(str(p) for p in people)) for role, people in sorted(entry.persons.items())))
        formatted = FORMATTED.get(key)
        if formatted is None:
            formatted = FORMATTED[key] = super().format_entry(label, entry, bib_data=bib_data)
        return formatted


def _code_version() -> str:
    """This module's source and pybtex's version: formatted entries kept under another are not used."""
    from importlib.metadata import version

    return hashlib.sha256(Path(__file__).read_bytes() + version("pybtex").encode()).hexdigest()


class _Formatted(dict):
    """Formatted entries by their key, read from and written back to ``$KZTM_BIBTEX_CACHE`` (when set); a cache
    written by other code (:func:`_code_version`), damaged or unreadable only costs a formatting."""

    def __init__(self):
        super().__init__()
        self.path = Path(os.environ["KZTM_BIBTEX_CACHE"]) if os.environ.get("KZTM_BIBTEX_CACHE") else None
        self.version = _code_version()
        self.loaded = {}
        if self.path and self.path.is_file():
            try:
                version, entries = pickle.loads(self.path.read_bytes())
                self.loaded = entries if version == self.version and isinstance(entries, dict) else {}
            except Exception:  # noqa: BLE001 (any damage: format again)
                self.loaded = {}

    def get(self, key):
        if key not in self and key in self.loaded:
            self[key] = self.loaded[key]
        return super().get(key)

    def save(self) -> None:
        """Write the entries used in this run (and only those) for the next one, through a temporary file."""
        if not self.path or not self or self.keys() == self.loaded.keys():
            return
        with contextlib.suppress(OSError):
            write_atomic(self.path, pickle.dumps((self.version, dict(self))))


FORMATTED = _Formatted()


def setup(app):
    """Sphinx side (``sphinx.extra_extensions``): keep the formatted entries when the build is done."""
    app.connect("build-finished", lambda _app, _exc: FORMATTED.save())
    return {"parallel_read_safe": True, "parallel_write_safe": True}
