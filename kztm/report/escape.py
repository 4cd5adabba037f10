"""Escape text from data, configuration or parameters so that MyST shows it literally.

One function, :func:`escape_myst`, for every string that is not ours and lands in a MyST
(Markdown) page: generated pages, scenario and run pages, chapter prose and tables.

Why backslash-escaping every ASCII punctuation character is complete
---------------------------------------------------------------------
CommonMark (which MyST extends, through markdown-it-py) allows a backslash before *any* ASCII
punctuation character and then treats that character as a literal (spec, "Backslash escapes").
Every piece of Markdown and MyST syntax that can start inside a line is made of ASCII
punctuation: emphasis ``* _``, code spans and fences ``` ` ~``, links and images ``[ ] ( ) !``,
autolinks and raw HTML ``< >``, entities ``&``, roles and substitutions ``{ }``, math ``$``,
table cells ``|``, targets ``( ) =``, colon fences ``:``, comments ``%``, footnotes ``^``,
headings ``#``, quotes ``>``, list markers ``- + * .`` and thematic breaks. With each of them
escaped no construct can open, so a role, a directive, an HTML tag or a ``javascript:`` link in
the text is shown as the characters it is made of (Sphinx then writes ``<`` as ``&lt;`` in HTML).
Constructs that need a *line start* (headings, lists, fences, directives, indented code,
setext underlines, block HTML) are also kept out by folding every line break to a space and
stripping leading whitespace, so the text is always one paragraph-level run of inline text.
Letters, digits and non-ASCII characters carry no Markdown meaning and are left as they are.
"""

from __future__ import annotations

import re
import string

_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
_LINE_BREAKS = re.compile(r"\s*[\r\n\u2028\u2029\x0b\x0c\x85]+\s*")


def escape_myst(text) -> str:
    """``text`` (any value; ``None`` gives ``""``) as MyST inline text that renders literally.

    Every ASCII punctuation character gets a backslash, line breaks become single spaces and
    surrounding whitespace is stripped. The result is safe anywhere inline text is allowed,
    including a Markdown table cell (``|`` is escaped too). Not for the inside of a role or a
    code span, where backslashes are shown as they are.
    """
    if text is None:
        return ""
    folded = _LINE_BREAKS.sub(" ", str(text)).strip()
    return _PUNCTUATION.sub(r"\\\1", folded)
