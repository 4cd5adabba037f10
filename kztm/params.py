"""Chapter parameters: the shared convention and its validation.

Every chapter notebook starts with a papermill ``parameters`` cell holding at least
``country_a``, ``country_b``, ``peers``, ``start_year`` and ``end_year``; the cell
right after it calls :func:`validate_common` (and :func:`check_number` for scenario
parameters), so a bad value stops the chapter with one sentence that names it.
"""

from __future__ import annotations

import math
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
    peers: tuple[str, ...]  # never the pair itself
    start_year: int
    end_year: int
    dropped_peers: tuple[str, ...] = ()  # peers given that were country_a or country_b (see validate_common)

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
    peer_codes, dropped = check_peers(peers, a, b)
    start = _check_year("start_year", start_year, years)
    end = _check_year("end_year", end_year, years)
    if start >= end:
        raise ParameterError(f"start_year={start} must be before end_year={end}.")
    return CommonParams(a, b, peer_codes, start, end, dropped)


def check_peers(peers, country_a: str, country_b: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(peers, dropped): the peer codes in upper case, without the pair; the codes dropped for being in the pair.

    A peer that is ``country_a`` or ``country_b`` is dropped (the pair is always shown): :func:`peers_note`
    gives the sentence that says so. A code listed twice is refused.
    """
    if isinstance(peers, str) or not isinstance(peers, (list, tuple)):
        raise ParameterError(f"peers={peers!r} must be a list of country codes such as ['UZB', 'KGZ'].")
    codes = [_check_code("peers", p) for p in peers]
    repeated = sorted({c for c in codes if codes.count(c) > 1})
    if repeated:
        raise ParameterError(f"peers={list(peers)!r} lists {', '.join(repeated)} more than once; name each peer once.")
    pair = (country_a.upper(), country_b.upper())
    return tuple(c for c in codes if c not in pair), tuple(c for c in codes if c in pair)


def peers_note(dropped, country_a: str, country_b: str) -> str:
    """The sentence saying which peers were dropped because they are in the pair ("" when none)."""
    if not dropped:
        return ""
    return (f"{'Peer' if len(dropped) == 1 else 'Peers'} {', '.join(dropped)} {'is' if len(dropped) == 1 else 'are'} "
            "already in the pair "
            f"{country_a.upper()}–{country_b.upper()}, so {'it is' if len(dropped) == 1 else 'they are'} "
            "not shown again among the peers.")


CODE_PARAMETERS = ("country_a", "country_b")


def check_codes(params: dict) -> None:
    """Check the country codes among ``params`` (``country_a``, ``country_b``, ``peers``), if present.

    Raises :class:`ParameterError` for a code the report does not cover or a peer listed twice;
    used before a chapter runs, so such a value is refused at once.
    """
    for name in CODE_PARAMETERS:
        if name in params:
            _check_code(name, params[name])
    if "peers" in params:
        check_peers(params["peers"], "", "")


def normalise_codes(params: dict) -> dict:
    """``params`` with country codes (``country_a``, ``country_b``, each of ``peers``) in upper case.

    Other parameters and values that are not text are returned unchanged; no value is checked here.
    """
    out = dict(params)
    for name in CODE_PARAMETERS:
        if isinstance(out.get(name), str):
            out[name] = out[name].strip().upper()
    if isinstance(out.get("peers"), (list, tuple)):
        out["peers"] = [p.strip().upper() if isinstance(p, str) else p for p in out["peers"]]
    return out


def check_number(name: str, value, minimum=None, maximum=None, integer: bool = False):
    """Check one scenario parameter: a finite number, optionally whole, within [minimum, maximum].

    NaN and infinity are refused (a NaN passes every comparison with a bound). Raises
    :class:`ParameterError` naming the parameter and value.
    """
    kinds = (int,) if integer else (int, float)
    if isinstance(value, bool) or not isinstance(value, kinds):
        kind = "a whole number" if integer else "a number"
        raise ParameterError(f"{name}={value!r} must be {kind}.")
    if not math.isfinite(value):
        raise ParameterError(f"{name}={value!r} must be a finite number (not NaN or infinity).")
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
