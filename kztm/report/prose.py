"""Chapter prose with live numbers, written once and shown right in the book and in Jupyter.

A chapter writes its prose as a template in Python's format syntax, filled from the figures it
computed::

    ch.say("Turnover reached USD {turnover_last:,.1f} million in {last_year} ({fig:fig-trade-turnover}).")

:func:`render` turns a template into two texts:

- **MyST** for the book: figure numbers, citations and cross-references become Sphinx roles
  (``{numref}``, ``{cite}``, ``{ref}``);
- **plain Markdown** for anyone who opens the executed notebook in Jupyter or nbconvert: the same
  sentences with the same numbers, references spelled out in words ("figure “…”", "(Kazinform, 2025)").

Every value that is text (names, dates, sentences from data) is escaped with
:func:`kztm.report.escape.escape_myst`, so markup in data is shown, never executed. A fragment that
is meant as markup and is made by the package, not read from data, is passed as :class:`Markup`.

Reference fields (the part after the colon is the target, ``|`` adds link text):

==================  ==========================================  ============================
field               book (MyST)                                 Jupyter (Markdown)
==================  ==========================================  ============================
``{fig:NAME}``      ``{numref}`NAME```  → "Fig. 8"              figure “caption” (or its name)
``{cite:K1,K2}``    ``{cite:p}`K1,K2``` → "(Author, 2025)"      (Author, 2025; …)
``{citet:K}``       ``{cite:t}`K```     → "Author (2025)"       Author (2025)
``{ref:LABEL|txt}`` ``{ref}`txt <LABEL>```                      txt
``{claim:T1}``      link to claim T1 in the claims audit        T1
``{data:NAME}``     link to the dataset in the data appendix    dataset NAME
``{chapter:N|txt}`` link to chapter N (``N.ipynb``)             the same link
==================  ==========================================  ============================
"""

from __future__ import annotations

import math
import numbers
import re
import string
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..paths import BOOK_DIR
from .escape import escape_myst
from .wording import number_text

MYST, PLAIN, TEXT = "myst", "plain", "text"  # book, Jupyter Markdown, unformatted text (chart titles)


@dataclass(frozen=True)
class Markup:
    """A fragment made by the package that is markup already, in both flavours (never data)."""

    myst: str
    plain: str

    def __str__(self) -> str:
        return self.plain


class ProseError(ValueError):
    """A template names a value the chapter does not have, or a value that is missing (NaN/None)."""


# --- references ------------------------------------------------------------------------------

REFERENCE_KINDS = ("fig", "cite", "citet", "ref", "claim", "data", "chapter")


@dataclass(frozen=True)
class _Reference:
    kind: str


def _target_and_text(spec: str) -> tuple[str, str]:
    target, _, text = spec.partition("|")
    return target.strip(), text.strip()


@lru_cache(maxsize=1)
def bibliography() -> dict[str, tuple[str, str]]:
    """Citation key → (author or organisation, year) from every ``book/*.bib`` file (pybtex)."""
    from pybtex.database import parse_file

    entries = {}
    for path in sorted(BOOK_DIR.glob("*.bib")):
        for key, entry in parse_file(str(path)).entries.items():
            people = entry.persons.get("author") or entry.persons.get("editor") or []
            if people:
                names = [" ".join(p.last_names).replace("{", "").replace("}", "") for p in people]
                author = names[0] + (" et al." if len(names) > 2 else f" and {names[1]}" if len(names) == 2 else "")
            else:
                author = entry.fields.get("organization") or entry.fields.get("publisher") or key
            year = entry.fields.get("year", "n.d.")
            entries[key] = (author.replace("{", "").replace("}", ""), year)
    return entries


def _cite_plain(keys: list[str], textual: bool) -> str:
    known = bibliography()
    parts = []
    for key in keys:
        author, year = known.get(key, (key, "n.d."))
        parts.append(f"{author} ({year})" if textual else f"{author}, {year}")
    return "; ".join(parts) if textual else "(" + "; ".join(parts) + ")"


def _reference(kind: str, spec: str, flavour: str, captions: dict[str, str]) -> str:
    target, text = _target_and_text(spec)
    if not target:
        raise ProseError(f"The reference field {{{kind}:}} names no target.")
    if kind == "fig":
        if flavour == MYST:
            return f"{{numref}}`{target}`"
        return f"figure “{captions[target]}”" if target in captions else "the figure below"
    if kind in ("cite", "citet"):
        keys = [k.strip() for k in re.split(r"[,;]", target) if k.strip()]  # data lists keys with ";"
        if flavour == MYST:
            return f"{{cite:{'t' if kind == 'citet' else 'p'}}}`{','.join(keys)}`"
        return _cite_plain(keys, textual=kind == "citet")
    if kind == "ref":
        label = text or target
        return f"{{ref}}`{label} <{target}>`" if flavour == MYST else label
    if kind == "claim":
        label = text or target
        return f"{{ref}}`{label} <claim-{target.lower()}>`" if flavour == MYST else label
    if kind == "data":
        from ..data.appendix import dataset_anchor

        label = text or f"dataset {target}"
        return f"{{ref}}`{label} <{dataset_anchor(target)}>`" if flavour == MYST else label
    if kind == "chapter":
        return f"[{text or target}]({target}.ipynb)"
    raise ProseError(f"Unknown reference kind {kind!r}.")  # pragma: no cover (guarded by REFERENCE_KINDS)


# --- formatting ------------------------------------------------------------------------------

def plain_value(value):
    """numpy and pandas scalars → plain Python values (``np.str_`` → ``str``, ``np.bool_`` → ``bool``)."""
    if isinstance(value, str):
        return str(value)
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    return value


def is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


class _TemplateFormatter(string.Formatter):
    def __init__(self, flavour: str, captions: dict[str, str]):
        self.flavour, self.captions = flavour, captions

    def get_value(self, key, args, kwargs):
        if key in REFERENCE_KINDS:
            return _Reference(key)
        if isinstance(key, int) or key not in kwargs:
            raise ProseError(f"The prose names {key!r}, which is not a figure or value of this chapter.")
        return kwargs[key]

    def format_field(self, value, format_spec):
        if isinstance(value, _Reference):
            return _reference(value.kind, format_spec, self.flavour, self.captions)
        if isinstance(value, Markup):
            return value.myst if self.flavour == MYST else value.plain
        value = plain_value(value)
        if is_missing(value):
            raise ProseError("The prose uses a missing value (None or NaN); a sentence must not print 'nan'.")
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return number_text(value, format_spec)  # digits, sign, separators: never markup
        text = format(value, format_spec)
        return text if self.flavour == TEXT else escape_myst(text)


def render(template: str, values: dict, captions: dict[str, str] | None = None) -> Markup:
    """Fill ``template`` from ``values``; return the book (MyST) and Jupyter (Markdown) texts.

    Raises :class:`ProseError` naming the field when a value is unknown or missing.
    """
    captions = captions or {}
    try:
        myst = _TemplateFormatter(MYST, captions).vformat(template, (), values)
        plain = _TemplateFormatter(PLAIN, captions).vformat(template, (), values)
    except KeyError as exc:  # pragma: no cover (get_value raises ProseError first)
        raise ProseError(f"The prose names {exc}, which is not a figure of this chapter.") from None
    return Markup(myst, plain)


def render_text(template: str, values: dict) -> str:
    """Fill ``template`` as unformatted text (no escaping, references in words): for chart titles,
    which Vega draws as text, never as markup."""
    return _TemplateFormatter(TEXT, {}).vformat(template, (), values)
