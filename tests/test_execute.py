"""The build's execution step: content-hash caching, atomic outputs, clear failures."""

import nbformat
import pytest

from kztm.pipeline.config import Chapter
from kztm.pipeline.execute import (
    ChapterError,
    chapter_status,
    execute_chapters,
    hide_code,
    input_hash,
    is_up_to_date,
)


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


def _with_markdown(path, body, markdown):
    nb = nbformat.read(_notebook(path, body), as_version=4)
    cells = [nbformat.v4.new_markdown_cell(text) for text in markdown]
    nb.cells = [cells[0], nb.cells[0], cells[1], nb.cells[1], *cells[2:]]
    nbformat.write(nb, path)
    return nb


def test_a_markdown_only_edit_is_rendered_without_a_kernel_as_an_execution_would_write_it(chapter, tmp_path):
    nb = _with_markdown(chapter.notebook, READS_FILE, ["# Title", "Some prose."])
    out, again = tmp_path / "out", tmp_path / "again"
    execute_chapters([chapter], out, progress=_quiet)
    executed_cells = [c for c in nbformat.read(out / "tiny.ipynb", as_version=4).cells if c.cell_type == "code"]
    nb.cells[2].source = "Some prose, edited."
    nb.cells.append(nbformat.v4.new_markdown_cell("A new closing paragraph."))
    nbformat.write(nb, chapter.notebook)
    assert chapter_status(chapter, out) == "markdown"
    messages = []
    result = execute_chapters([chapter], out, progress=messages.append)[0]
    assert not result.executed and "re-rendered without a kernel" in " ".join(messages)
    assert is_up_to_date(chapter, out)
    rendered = nbformat.read(out / "tiny.ipynb", as_version=4)
    assert [c.source for c in rendered.cells if c.cell_type == "markdown"] == [
        "# Title", "Some prose, edited.", "A new closing paragraph."]
    assert [c for c in rendered.cells if c.cell_type == "code"] == executed_cells  # outputs kept, not re-run
    # The same notebook as a full execution of the edited template (papermill's paths and the random id
    # of the cell it injects the parameters into aside).
    execute_chapters([chapter], again, force=True, progress=_quiet)
    full = nbformat.read(again / "tiny.ipynb", as_version=4)
    for nb_ in (rendered, full):
        nb_.metadata.pop("papermill")
        for cell in nb_.cells:
            if "injected-parameters" in cell.metadata.get("tags", []):
                cell.id = "injected"
    assert nbformat.writes(rendered) == nbformat.writes(full)


def test_a_code_edit_still_executes_even_when_markdown_changed_too(chapter, tmp_path):
    nb = _with_markdown(chapter.notebook, READS_FILE, ["# Title", "Some prose."])
    out = tmp_path / "out"
    execute_chapters([chapter], out, progress=_quiet)
    nb.cells[2].source = "Other prose."
    nb.cells[3].source = READS_FILE + "\nprint('more')"
    nbformat.write(nb, chapter.notebook)
    assert chapter_status(chapter, out) == "execute"
    assert execute_chapters([chapter], out, progress=_quiet)[0].executed


def _kernel_dies_at_start(times, calls):
    """A stand-in for papermill.execute_notebook whose kernel dies ``times`` times as when its port was taken."""
    import os
    import shutil

    def execute(source, output, **_kwargs):
        calls.append(output)
        if len(calls) <= times:
            os.write(2, b"zmq.error.ZMQError: Address already in use (addr='tcp://127.0.0.1:45215')\n")
            raise RuntimeError("Kernel died before replying to kernel_info")
        shutil.copy(source, output)

    return execute


def test_a_kernel_that_lost_its_port_at_start_is_started_again(chapter, tmp_path, monkeypatch):
    from kztm.pipeline.execute import KERNEL_START_ATTEMPTS, execute_chapter

    calls = []
    monkeypatch.setattr("papermill.execute_notebook", _kernel_dies_at_start(KERNEL_START_ATTEMPTS - 1, calls))
    result = execute_chapter(chapter, tmp_path / "out")
    assert result.executed and (tmp_path / "out" / "tiny.ipynb").exists()
    assert len(calls) == KERNEL_START_ATTEMPTS


def test_a_kernel_that_keeps_losing_its_port_or_dies_otherwise_is_a_chapter_error(chapter, tmp_path, monkeypatch):
    from kztm.pipeline.execute import KERNEL_START_ATTEMPTS, execute_chapter

    calls = []
    monkeypatch.setattr("papermill.execute_notebook", _kernel_dies_at_start(99, calls))
    with pytest.raises(ChapterError, match="Address already in use"):
        execute_chapter(chapter, tmp_path / "out")
    assert len(calls) == KERNEL_START_ATTEMPTS and not (tmp_path / "out" / "tiny.ipynb").exists()

    def dies(source, output, **_kwargs):  # another death: not started again
        calls.append(output)
        raise RuntimeError("Kernel died")

    calls.clear()
    monkeypatch.setattr("papermill.execute_notebook", dies)
    with pytest.raises(ChapterError, match="Kernel died"):
        execute_chapter(chapter, tmp_path / "out")
    assert len(calls) == 1
