"""Number fields of data files hold finite numbers: infinity and NaN are refused unless the schema declares them
missing values."""

from pathlib import Path

import pandas as pd
import pytest

from kztm.data.loader import DataError, validate_frame

SCHEMA = {"fields": [{"name": "year", "type": "integer"}, {"name": "value", "type": "number"}]}


@pytest.mark.parametrize("text", ["inf", "-inf", "Infinity", "-Infinity", "INF"])
def test_infinity_in_a_number_field_is_refused_with_file_line_and_field(text):
    frame = pd.DataFrame({"year": ["2020", "2021"], "value": ["1.5", text]})
    with pytest.raises(DataError) as err:
        validate_frame(frame, SCHEMA, Path("macro.csv"))
    assert str(err.value) == f"macro.csv, line 3, field 'value': {text!r} is not a finite number."


@pytest.mark.parametrize("text", ["nan", "NaN"])
def test_nan_in_a_number_field_is_refused_unless_it_is_a_declared_missing_value(text):
    frame = pd.DataFrame({"year": ["2020"], "value": [text]})
    with pytest.raises(DataError, match="is not a number"):
        validate_frame(frame, SCHEMA, Path("macro.csv"))
    allowed = validate_frame(frame, {**SCHEMA, "missingValues": ["", text]}, Path("macro.csv"))
    assert allowed.value.isna().all()


def test_finite_numbers_still_load():
    frame = pd.DataFrame({"year": ["2020"], "value": ["-1e3"]})
    assert validate_frame(frame, SCHEMA, Path("macro.csv")).value.tolist() == [-1000.0]


def test_write_atomic_writes_whole_or_leaves_the_old_file(tmp_path, monkeypatch):
    from kztm.paths import write_atomic

    target = tmp_path / "kept.json"
    write_atomic(target, "first\n")
    write_atomic(target, b"second")
    assert target.read_bytes() == b"second"

    def fails(self, other):
        raise OSError("disk full")

    monkeypatch.setattr(Path, "replace", fails)
    with pytest.raises(OSError):
        write_atomic(target, "third")
    assert target.read_bytes() == b"second" and [p.name for p in tmp_path.iterdir()] == ["kept.json"]
