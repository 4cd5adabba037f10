"""Words for the numbers in generated prose, shared by the chapters.

Small counts as words ("two of the five states"), the verb for a signed change ("fell 1.0% a year",
never "changed by -1.0%"), and lists of names ("A, B and C").
"""

from __future__ import annotations

import math

_CARDINALS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
              "eleven", "twelve")


def number_word(n: int, capital: bool = False, zero: str = "zero") -> str:
    """'five' for 5 (zero to twelve; ``zero`` for 0), digits from 13 on."""
    n = int(n)
    word = (zero if n == 0 else _CARDINALS[n]) if 0 <= n < len(_CARDINALS) else f"{n:,d}"
    return word[:1].upper() + word[1:] if capital else word


def change_verb(rate: float, rising: str = "grew", falling: str = "fell", flat: str = "did not change",
                digits: int = 1) -> str:
    """The verb for a signed change: ``rising`` if positive, ``falling`` if negative, ``flat`` if it rounds
    to zero at ``digits`` decimals (so the prose never reads "fell 0.0%"). Pair it with ``abs(rate)``."""
    if round(rate, digits) == 0:
        return flat
    return rising if rate > 0 else falling


def join_names(items) -> str:
    """'A', 'A and B', 'A, B and C'; 'none' for an empty list."""
    items = list(items)
    if not items:
        return "none"
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def only_for_pair(what: str, name_a: str, name_b: str) -> str:
    """The one notice for content compiled only for Kazakhstan–Turkmenistan, shown for any other pair."""
    return (f"{what[:1].upper() + what[1:]} has been compiled only for Kazakhstan–Turkmenistan, "
            f"so it is not shown for {name_a}–{name_b}.")


# --- energy and environment: balances, rates, levels, shares -------------------------------------

def balance_phrase(balance: float, unit: str, fmt: str = ",.1f") -> str:
    """A signed balance (production minus consumption) in words, with a positive magnitude:
    "a surplus of 3.0 bcm", "a deficit of 26.5 bcm", or "no surplus or deficit" when it rounds to
    zero at ``fmt`` (so the prose never reads "a deficit of 0.0 bcm")."""
    if float(format(abs(balance), fmt).replace(",", "")) == 0:
        return "no surplus or deficit"
    kind = "a surplus" if balance > 0 else "a deficit"
    return f"{kind} of {abs(balance):{fmt}} {unit}"


def rate_words(rate: float, digits: int = 1) -> str:
    """A growth rate in % a year as a participle phrase: "growing 3.2% a year", "falling 1.0% a year",
    or "flat" when it rounds to zero at ``digits`` decimals."""
    verb = change_verb(rate, rising="growing", falling="falling", flat="flat", digits=digits)
    return verb if verb == "flat" else f"{verb} {abs(rate):.{digits}f}% a year"


def level_verb(cm_per_year: float, digits: int = 1) -> str:
    """The verb for a water level's trend: "fell", "rose", or "held steady" when it rounds to zero;
    pair it with ``abs()``."""
    return change_verb(cm_per_year, rising="rose", falling="fell", flat="held steady", digits=digits)


def level_pace(cm_per_year: float) -> str:
    """A level trend in cm a year as a verb phrase: "fell by 6.5 cm a year", "rose by 1.2 cm a year",
    "held steady"."""
    verb = level_verb(cm_per_year)
    return verb if verb == "held steady" else f"{verb} by {abs(cm_per_year):.1f} cm a year"


def level_pace_noun(cm_per_year: float) -> str:
    """The same trend as a noun phrase: "a fall of 6.5 cm a year", "a rise of 1.2 cm a year", "no change"."""
    verb = level_verb(cm_per_year)
    if verb == "held steady":
        return "no change"
    return f"a {'fall' if cm_per_year < 0 else 'rise'} of {abs(cm_per_year):.1f} cm a year"


def share_of_phrase(pct: float, what: str) -> str:
    """A share of a resource in words; from 200% on as a multiple:
    (1,868, "its water") → "18.7 times its water"; (74, "its water") → "74% of its water"."""
    return f"{pct / 100:.1f} times {what}" if pct >= 200 else f"{pct:,.0f}% of {what}"


def singular_or_plural(n: int, one: str, many: str) -> str:
    """``one`` when ``n`` is 1, ``many`` otherwise (for verbs and pronouns that agree with a count)."""
    return one if int(n) == 1 else many


# --- trade and investment chapters (moved from kztm/themes/trade.py) ---------------------------

_MULTIPLES = {2: "doubled", 3: "tripled", 4: "quadrupled"}


def multiple_phrase(old: float, new: float) -> str:
    """Plain words for the change from ``old`` to ``new``: 'doubled', 'more than doubled', 'rose 40%',
    'fell 12%', 'rose 6.2-fold', 'was unchanged'. Raises ``ValueError`` if ``old`` is not positive."""
    if old <= 0:
        raise ValueError(f"old={old} must be positive to describe a multiple.")
    ratio = new / old
    whole = math.floor(ratio + 1e-9)
    if whole in _MULTIPLES:
        exact = math.isclose(ratio, whole, abs_tol=0.005)
        return _MULTIPLES[whole] if exact else f"more than {_MULTIPLES[whole]}"
    if ratio >= 5:
        return f"rose {ratio:.1f}-fold"
    change = (ratio - 1.0) * 100.0
    if round(change, 1) == 0:
        return "was unchanged"
    return f"rose {change:.0f}%" if change > 0 else f"fell {-change:.0f}%"


def change_phrase(pct: float, rising: str = "rose", falling: str = "fell", flat: str = "was unchanged",
                  digits: int = 1) -> str:
    """A signed change in % as words with its size: 'rose 5.4%', 'fell 1.3%', or ``flat`` when it rounds to
    zero at ``digits`` decimals (never 'fell 0.0%')."""
    verb = change_verb(pct, rising, falling, flat, digits)
    return verb if verb == flat else f"{verb} {abs(pct):.{digits}f}%"


def side_of(values, reference: float, below: str = "below", above: str = "at or above") -> str:
    """Where ``values`` lie against ``reference``: ``below`` or ``above`` for one value; 'both below',
    'all at or above' for several on one side; 'on either side of' when they straddle it.
    Raises ``ValueError`` for an empty list."""
    values = [float(v) for v in values]
    if not values:
        raise ValueError("side_of needs at least one value.")
    sides = {below if v < reference else above for v in values}
    if len(sides) == 2:
        return "on either side of"
    side = sides.pop()
    if len(values) == 1:
        return side
    return f"{'both' if len(values) == 2 else 'all'} {side}"


def match_phrase(gap: float, reference: str, tolerance: float = 0.05, unit: str = "USD {:,.1f} million") -> str:
    """How a sum compares with a quoted figure: 'exactly <reference>' when ``abs(gap) <= tolerance``,
    else e.g. 'USD 1.2 million more than <reference>' (``gap`` = sum − quoted, in the unit's scale)."""
    if abs(gap) <= tolerance:
        return f"exactly {reference}"
    return f"{unit.format(abs(gap))} {'more' if gap > 0 else 'less'} than {reference}"
