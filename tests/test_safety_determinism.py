"""Two builds from the same inputs give byte-identical HTML and the same PDF text; the edition is dated by the data."""

import datetime as dt
import filecmp
import json
import shutil
import subprocess

import nbformat

from kztm.paths import HTML_DIR, PDF_PATH, STAGING_DIR
from kztm.pipeline.build import book_metadata, build, print_book
from kztm.pipeline.config import load_config
from kztm.pipeline.execute import make_reproducible
from kztm.pipeline.pdf import edition_date, edition_line


def _all_files(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_a_forced_rebuild_from_scratch_gives_byte_identical_html(built_book, tmp_path):
    first = tmp_path / "first"
    shutil.copytree(HTML_DIR, first)
    shutil.rmtree(STAGING_DIR)  # the build's own cache: the next build is a full one, as from a fresh clone
    build(load_config(), force=True, pdf=False, progress=lambda _m: None)
    files = _all_files(first)
    assert files == _all_files(HTML_DIR)
    # No exclusion: every page, the executed notebooks offered for download, the search index.
    _match, mismatch, errors = filecmp.cmpfiles(first, HTML_DIR, files, shallow=False)
    assert not errors and not mismatch, f"differ between two builds: {mismatch[:10]}"
    assert sum(f.endswith(".html") for f in files) >= 15


def test_two_prints_of_the_same_book_give_the_same_pdf_text(built_book, chromium_path, poppler, tmp_path):
    again = print_book(HTML_DIR, book_metadata(), tmp_path / "report.pdf", chromium_path, progress=lambda _m: None)

    def text(pdf):
        return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout

    assert text(again) == text(PDF_PATH)


def test_styler_ids_and_timestamps_do_not_change_between_executions():
    def executed(uuid, address, started):
        nb = nbformat.v4.new_notebook()
        cell = nbformat.v4.new_code_cell("table.style")
        cell.metadata["execution"] = {"iopub.execute_input": started}
        cell.metadata["papermill"] = {"start_time": started, "duration": 0.1, "status": "completed"}
        cell.outputs = [nbformat.v4.new_output("execute_result", data={
            "text/html": (f"<style>#T_{uuid}_row0_col0 {{x: y}}</style><table id=\"T_{uuid}\">"
                          f"<td id=\"T_{uuid}_row0_col0\">"),
            "text/plain": f"<pandas.io.formats.style.Styler at {address}>"}, execution_count=1)]
        nb.cells = [cell]
        make_reproducible(nb, "trade")
        return nbformat.writes(nb)

    one = executed("1a2b3", "0x7f00aa", "2026-01-01T10:00:00Z")
    two = executed("9f8e7", "0x7f11bb", "2026-01-02T11:00:00Z")
    assert one.replace(json.loads(one)["cells"][0]["id"], "") == two.replace(json.loads(two)["cells"][0]["id"], "")
    assert "1a2b3" not in one and "0x7f00aa" not in one and "2026-01-01" not in one
    assert '<table id=\\"T_' in one  # the table keeps an id, the same every time


def test_the_edition_is_dated_by_the_data_not_the_build_day(tmp_path, monkeypatch):
    package = tmp_path / "datapackage.json"
    package.write_text(json.dumps({"resources": [
        {"origin": [{"date_accessed": "2020-03-04"}, {"date_published": "2021-05-06"}]},
        {"origin": [{"date_accessed": "2019-12-31", "date_published": "2022-01-01"}]}]}))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert edition_date(package) == dt.date(2021, 5, 6)  # the latest day any data were taken
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert edition_date(package) == dt.date(2023, 11, 14)
    assert edition_line().startswith("Edition of 14 November 2023 ")
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert f"{dt.date.today():%-d %B %Y}" not in edition_line() or edition_date() == dt.date.today()
