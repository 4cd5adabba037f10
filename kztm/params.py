"""Chapter parameters: the shared convention and its validation.

Every chapter notebook starts with a papermill ``parameters`` cell holding at least
``country_a``, ``country_b``, ``peers``, ``start_year`` and ``end_year``; the cell
right after it calls :func:`validate_common` (and :func:`check_number` for scenario
parameters), so a bad value stops the chapter with one sentence that names it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .countries import COUNTRIES

# The pair for which bilateral data (quoted trade figures, timeline, routes) exists.
BILATERAL_PAIR = frozenset({"KAZ", "TKM"})


class ParameterError(ValueError):
    """A chapter parameter is invalid; the message names the parameter and value."""


@dataclass(frozen=True)
class CommonParams:
    country_a: str
    country_b: str
    peers: tuple[str, ...]
    start_year: int
    end_year: int

    @property
    def name_a(self) -> str:
        return COUNTRIES[self.country_a]

    @property
    def name_b(self) -> str:
        return COUNTRIES[self.country_b]

    @property
    def pair(self) -> tuple[str, str]:
        return (self.country_a, self.country_b)

    @property
    def countries(self) -> list[str]:
        """The pair first, then the peers that are not in the pair."""
        return [self.country_a, self.country_b] + [
            p for p in self.peers if p not in self.pair
        ]

    @property
    def is_bilateral_pair(self) -> bool:
        """True when the pair is Kazakhstan–Turkmenistan, the only pair with bilateral data."""
        return set(self.pair) == BILATERAL_PAIR

    def names(self, codes=None) -> dict[str, str]:
        return {c: COUNTRIES[c] for c in (codes or self.countries)}


def _check_code(name: str, value) -> str:
    if not isinstance(value, str) or value.upper() not in COUNTRIES:
        known = ", ".join(COUNTRIES)
        raise ParameterError(
            f"{name}={value!r} is not a country this report covers; use one of {known}."
        )
    return value.upper()


def _check_year(name: str, value, years: tuple[int, int]) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ParameterError(f"{name}={value!r} must be a whole year such as 2024.")
    lo, hi = years
    if not lo <= value <= hi:
        raise ParameterError(f"{name}={value} is outside the data, which covers {lo}–{hi}.")
    return value


def validate_common(
    country_a,
    country_b,
    peers,
    start_year,
    end_year,
    years: tuple[int, int] = (1990, 2025),
) -> CommonParams:
    """Check the shared parameters and return them as a :class:`CommonParams`.

    ``years`` is the span the chapter's data covers; years outside it are refused.
    """
    a = _check_code("country_a", country_a)
    b = _check_code("country_b", country_b)
    if a == b:
        raise ParameterError(f"country_a and country_b are both {a!r}; choose two different countries.")
    if isinstance(peers, str) or not isinstance(peers, (list, tuple)):
        raise ParameterError(f"peers={peers!r} must be a list of country codes such as ['UZB', 'KGZ'].")
    peer_codes = tuple(_check_code("peers", p) for p in peers)
    start = _check_year("start_year", start_year, years)
    end = _check_year("end_year", end_year, years)
    if start >= end:
        raise ParameterError(f"start_year={start} must be before end_year={end}.")
    return CommonParams(a, b, peer_codes, start, end)


def check_number(name: str, value, minimum=None, maximum=None, integer: bool = False):
    """Check one scenario parameter: a number, optionally whole, within [minimum, maximum]."""
    kinds = (int,) if integer else (int, float)
    if isinstance(value, bool) or not isinstance(value, kinds):
        kind = "a whole number" if integer else "a number"
        raise ParameterError(f"{name}={value!r} must be {kind}.")
    if minimum is not None and value < minimum:
        raise ParameterError(f"{name}={value} is below the smallest allowed value, {minimum}.")
    if maximum is not None and value > maximum:
        raise ParameterError(f"{name}={value} is above the largest allowed value, {maximum}.")
    return value


def check_choice(name: str, value, choices) -> str:
    """Check that a text parameter is one of ``choices``."""
    if value not in choices:
        raise ParameterError(f"{name}={value!r} is not one of {', '.join(map(str, choices))}.")
    return value
