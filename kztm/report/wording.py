"""Words for the numbers in generated prose, shared by the chapters.

Small counts as words ("two of the five states"), the verb for a signed change ("fell 1.0% a year",
never "changed by -1.0%"), and lists of names ("A, B and C").
"""

from __future__ import annotations

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
