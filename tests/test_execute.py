"""The build's execution step: content-hash caching, atomic outputs, clear failures."""

import nbformat
import pytest

from kztm.pipeline.config import Chapter
from kztm.pipeline.execute import ChapterError, execute_chapters, hide_code, input_hash, is_up_to_date


def _notebook(path, body):
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("x: int = 1  # a number\ndata_file: str = ''  # a file to read")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell(body)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


READS_FILE = """
from kztm.provenance import record_read
record_read(data_file)
print(open(data_file).read(), x)
"""


@pytest.fixture
def chapter(tmp_path):
    data = tmp_path / "input.csv"
    data.write_text("a,b\n1,2\n")
    nb = _notebook(tmp_path / "tiny.ipynb", READS_FILE)
    return Chapter("tiny", "Tiny", nb, {"x": 1, "data_file": str(data)})


def _quiet(_msg):
    pass


def test_second_build_skips_an_unchanged_chapter(chapter, tmp_path):
    out = tmp_path / "out"
    first = execute_chapters([chapter], out, progress=_quiet)
    assert first[0].executed and (out / "tiny.ipynb").exists()
    assert is_up_to_date(chapter, out)
    second = execute_chapters([chapter], out, progress=_quiet)
    assert not second[0].executed
    forced = execute_chapters([chapter], out, force=True, progress=_quiet)
    assert forced[0].executed


def test_a_changed_data_file_that_was_read_re_executes(chapter, tmp_path):
    out = tmp_path / "out"
    execute_chapters([chapter], out, progress=_quiet)
    (tmp_path / "input.csv").write_text("a,b\n1,3\n")
    assert not is_up_to_date(chapter, out)
    assert execute_chapters([chapter], out, progress=_quiet)[0].executed


def test_changed_parameters_or_notebook_change_the_hash(chapter):
    reads = [chapter.parameters["data_file"]]
    base = input_hash(chapter, reads)
    other_params = Chapter(chapter.name, chapter.title, chapter.notebook, {**chapter.parameters, "x": 2})
    assert input_hash(other_params, reads) != base
    assert input_hash(chapter, []) != base
    _notebook(chapter.notebook, READS_FILE + "\n# edited")
    assert input_hash(chapter, reads) != base


def test_a_failing_chapter_names_cell_and_error_and_keeps_the_last_good_output(chapter, tmp_path):
    out = tmp_path / "out"
    execute_chapters([chapter], out, progress=_quiet)
    good = (out / "tiny.ipynb").read_text()
    _notebook(chapter.notebook, "raise ValueError('the data is broken')")
    with pytest.raises(ChapterError) as err:
        execute_chapters([chapter], out, progress=_quiet)
    message = str(err.value)
    assert "Chapter 'tiny' failed in cell" in message and "ValueError: the data is broken" in message
    assert err.value.ename == "ValueError"
    assert (out / "tiny.ipynb").read_text() == good


def test_executed_chapters_run_in_parallel_and_keep_their_order(tmp_path):
    chapters = []
    for name in ("one", "two", "three"):
        nb = _notebook(tmp_path / f"{name}.ipynb", "y = x * 2")
        chapters.append(Chapter(name, name, nb, {"x": 1}))
    results = execute_chapters(chapters, tmp_path / "out", jobs=2, progress=_quiet)
    assert [r.name for r in results] == ["one", "two", "three"]
    assert all(r.executed for r in results)


def test_hide_code_tags_code_cells_but_respects_existing_visibility():
    nb = nbformat.v4.new_notebook()
    plain = nbformat.v4.new_code_cell("1")
    removed = nbformat.v4.new_code_cell("2")
    removed.metadata["tags"] = ["remove-cell"]
    nb.cells = [plain, removed, nbformat.v4.new_markdown_cell("text")]
    hide_code(nb)
    assert plain.metadata["tags"] == ["remove-input"]
    assert removed.metadata["tags"] == ["remove-cell"]
    assert "tags" not in nb.cells[2].metadata
