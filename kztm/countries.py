"""The countries the report covers, with the short English names the prose uses (defined once)."""

from __future__ import annotations

# The five Central Asian states: any two of them form a pair the report can be run for.
COUNTRIES: dict[str, str] = {
    "KAZ": "Kazakhstan",
    "TKM": "Turkmenistan",
    "UZB": "Uzbekistan",
    "KGZ": "Kyrgyzstan",
    "TJK": "Tajikistan",
}

# Caspian littoral neighbours, used where a source covers them (gas reserves, map).
NEIGHBOURS: dict[str, str] = {
    "AZE": "Azerbaijan",
    "IRN": "Iran",
    "RUS": "Russia",
}

# The pair the report is written for (the default parameters).
DEFAULT_PAIR = ("KAZ", "TKM")
