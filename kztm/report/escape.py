"""Escape text from data or configuration so that MyST / Markdown shows it literally.

CommonMark lets a backslash escape any ASCII punctuation character, and an escaped character is
always literal text: it cannot open emphasis, a link, a code span, raw HTML (``<``), an entity
(``&``), a MyST role or substitution (``{``), a directive fence (`````/``~~~``), a math span (``$``)
or a table cell boundary (``|``). Backslash-escaping *every* ASCII punctuation character is therefore
complete for inline text, whatever the data holds; letters, digits and non-ASCII characters are
never special and pass through. Line breaks are folded to spaces, because a line that starts with
``#``, ``-``, ``>``, or four spaces would otherwise change the block structure.
"""

from __future__ import annotations

import re
import string

_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")


def escape_myst(text) -> str:
    """``text`` as inline MyST that renders literally (see the module docstring for why this is complete).

    Accepts any value (it is converted with ``str``); ``None`` becomes the empty string.
    """
    if text is None:
        return ""
    return _PUNCTUATION.sub(r"\\\1", _LINE_BREAKS.sub(" ", str(text)))
