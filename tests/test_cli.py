"""The researcher's command line: runs into their own folder; bad input is one sentence, exit 2, nothing written."""

import subprocess
import sys

import pytest

from kztm.paths import ROOT


def kztm(*args):
    return subprocess.run([sys.executable, "-m", "kztm", *args], cwd=ROOT, capture_output=True, text=True)


@pytest.mark.parametrize(
    "args, message",
    [
        (["run", "nosuch"], "There is no chapter 'nosuch'"),
        (["run", "context", "-p", "colour", "red"], "Chapter 'context' has no parameter 'colour'"),
        (["run", "context", "-p", "end_year", "soon"], "Parameter 'end_year' of chapter 'context' must be of type int"),
        (["run", "context", "-p", "country_b", "XXX"], "country_b='XXX' is not a country"),
        (["run", "context", "-p", "start_year", "1950"], "start_year=1950 is outside the data"),
        (["build", "--scenario", "nosuch"], "There is no scenario 'nosuch'"),
    ],
)
def test_bad_input_is_one_sentence_exit_2_and_writes_nothing(tmp_path, args, message):
    out = tmp_path / "out"
    if args[0] == "run":
        args = args + ["-o", str(out)]
    result = kztm(*args)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_run_writes_notebook_and_html_to_its_own_folder(tmp_path):
    book_chapter = ROOT / "book" / "chapters" / "context.ipynb"
    before = book_chapter.stat().st_mtime_ns if book_chapter.exists() else None
    out = tmp_path / "kaz-uzb"
    result = kztm("run", "context", "-p", "country_b", "UZB", "-o", str(out))
    assert result.returncode == 0, result.stderr
    notebook, html = out / "context.ipynb", out / "html" / "chapters" / "context.html"
    assert f"Executed notebook: {notebook}" in result.stdout and f"HTML: {html}" in result.stdout
    assert "Uzbekistan" in html.read_text()
    assert '"country_b": "UZB"' in (out / "parameters.json").read_text()
    after = book_chapter.stat().st_mtime_ns if book_chapter.exists() else None
    assert before == after  # the book was not touched


def test_help_lists_every_chapters_parameters():
    result = kztm("run", "--help")
    assert result.returncode == 0
    assert "country_b (str, default \"TKM\")" in result.stdout
    assert "context" in result.stdout
