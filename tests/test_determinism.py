"""Building twice from the same inputs gives identical data outputs and identical glued values."""

import filecmp

import pytest

from kztm.data import write_downloads
from kztm.pipeline.config import load_config
from kztm.pipeline.execute import execute_chapter
from kztm.pipeline.glued import read_glued
from kztm.pipeline.pages import data_appendix

CHAPTERS = list(load_config().chapters)


@pytest.mark.parametrize("name", CHAPTERS)
def test_a_second_execution_glues_identical_values(run_chapter, tmp_path, name):
    _, first = run_chapter(name)
    config = load_config()
    second = read_glued(execute_chapter(config.chapter(name), tmp_path).output)
    assert first.keys() == second.keys()
    differing = [key for key in first if first[key] != second[key]]
    assert not differing, f"{name}: values differ between two runs: {differing[:5]}"


def test_generated_data_outputs_are_byte_identical(tmp_path):
    write_downloads(tmp_path / "a")
    write_downloads(tmp_path / "b")
    match, mismatch, errors = filecmp.cmpfiles(tmp_path / "a", tmp_path / "b",
                                               [p.name for p in (tmp_path / "a").iterdir()], shallow=False)
    assert not mismatch and not errors and len(match) >= 20
    assert data_appendix() == data_appendix()
