"""Small building blocks for dataset descriptions (Frictionless Table Schema).

A ``Dataset`` says what one committed CSV holds: its fields (type, unit,
constraints), primary key, origins and the processing done.  ``derive`` turns
it into a Data Package resource; ``loader`` validates CSV files against the
resource it wrote.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field

import numpy as np
import pandas as pd


@dataclass
class Field:
    name: str
    type: str  # Table Schema type: string, integer, number, date
    description: str
    unit: str | None = None
    required: bool = False
    minimum: float | int | None = None
    maximum: float | int | None = None
    enum: list[str] | None = None
    # Rounding applied when writing (number fields); None keeps the source value as parsed.
    decimals: int | None = None

    def to_json(self) -> dict:
        out: dict = {"name": self.name, "type": self.type, "description": self.description}
        if self.unit:
            out["unit"] = self.unit
        constraints: dict = {}
        if self.required:
            constraints["required"] = True
        if self.minimum is not None:
            constraints["minimum"] = self.minimum
        if self.maximum is not None:
            constraints["maximum"] = self.maximum
        if self.enum is not None:
            constraints["enum"] = list(self.enum)
        if constraints:
            out["constraints"] = constraints
        return out

    def format(self, value) -> str:
        """Render one value for the CSV, deterministically."""
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return ""
        if self.type == "integer":
            as_float = float(value)
            if as_float != int(as_float):
                raise ValueError(f"field {self.name!r}: {value!r} is not a whole number")
            return str(int(as_float))
        if self.type == "number":
            x = float(value)
            if self.decimals is not None:
                x = round(x, self.decimals)
            if x == 0:
                x = 0.0  # no "-0"
            # Shortest representation that round-trips, never in exponent notation.
            return np.format_float_positional(x, trim="-")
        if self.type == "boolean":
            return "true" if bool(value) else "false"
        if self.type == "date":
            return str(value)[:10]
        return str(value)


@dataclass
class Dataset:
    name: str
    title: str
    description: str
    fields: list[Field]
    primary_key: list[str]
    origins: list[dict]
    theme: str
    notes: list[str] = dc_field(default_factory=list)
    # Columns whose distinct values / range are reported as coverage.
    country_field: str | None = "country_code"
    year_field: str | None = "year"
    format: str = "csv"
    sort_by: list[str] | None = None  # row order of the file; default: the primary key
    foreign_keys: list[dict] = dc_field(default_factory=list)
    extra: dict = dc_field(default_factory=dict)  # further resource properties (e.g. a compiled table's sources)

    @property
    def path(self) -> str:
        return f"{self.name}.{'csv' if self.format == 'csv' else 'json'}"

    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]


def country_fields(with_neighbours: bool = False) -> list[Field]:
    from .sources import COUNTRIES, NEIGHBOURS
    codes = {**COUNTRIES, **NEIGHBOURS} if with_neighbours else COUNTRIES
    return [
        Field("country_code", "string", "ISO 3166-1 alpha-3 country code.", required=True,
              enum=sorted(codes)),
        Field("country", "string", "Country name (short English form).", required=True),
    ]


def year_field(minimum: int = 1960, maximum: int = 2030) -> Field:
    return Field("year", "integer", "Calendar year.", required=True, minimum=minimum, maximum=maximum)
