"""The researcher's command line: runs into their own folder; bad input is one sentence, exit 2, nothing written;
`-o` never deletes what a run did not make; `-p` takes values as users type them."""

import json
import subprocess
import sys

import nbformat
import pytest
from bs4 import BeautifulSoup

from kztm.paths import ROOT
from kztm.pipeline.config import Chapter, ConfigError, notebook_parameters
from kztm.pipeline.run import MARKER, check_output_dir, parse_overrides, parse_value, remove_stale_temp_folders


def kztm(*args):
    return subprocess.run([sys.executable, "-m", "kztm", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


@pytest.mark.parametrize(
    "args, message",
    [
        (["run", "nosuch"], "There is no chapter 'nosuch'"),
        (["run", "context", "-p", "colour", "red"], "Chapter 'context' has no parameter 'colour'"),
        (["run", "context", "-p", "end_year", "soon"], "Parameter 'end_year' of chapter 'context' must be of type int"),
        (["run", "context", "-p", "country_b", "XXX"], "country_b='XXX' is not a country"),
        (["run", "context", "-p", "start_year", "1950"], "start_year=1950 is outside the data"),
        (["run", "logistics", "-p", "cost_reduction_pct", ".nan"],
         "Parameter 'cost_reduction_pct' of chapter 'logistics' must be a finite number (not NaN or infinity)"),
        (["run", "logistics", "-p", "volume_mt", "inf"], "must be a finite number (not NaN or infinity)"),
        (["run", "trade", "-p", "peers", "UZB,uzb"], "lists UZB more than once"),
        (["run", "trade", "-p", "target_year", "null"], "Parameter 'target_year' of chapter 'trade' must be a value"),
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
    assert not list(tmp_path.parent.glob("kztm-run-*"))


def test_run_writes_notebook_and_html_to_its_own_folder_and_states_its_parameters(tmp_path):
    book_chapter = ROOT / "book" / "chapters" / "context.ipynb"
    before = book_chapter.stat().st_mtime_ns if book_chapter.exists() else None
    out = tmp_path / "kaz-uzb"
    result = kztm("run", "context", "-p", "country_b", "uzb", "-p", "peers", "UZB,KGZ", "-o", str(out))
    assert result.returncode == 0, result.stderr
    notebook, html = out / "context.ipynb", out / "html" / "chapters" / "context.html"
    assert f"Executed notebook: {notebook}" in result.stdout and f"HTML: {html}" in result.stdout
    assert "Peer UZB is already in the pair KAZ–UZB" in result.stdout
    page = html.read_text()
    text = " ".join(BeautifulSoup(page, "html.parser").get_text(" ").split())
    assert "Uzbekistan" in text
    parameters = json.loads((out / "parameters.json").read_text())
    assert parameters["country_b"] == "UZB" and parameters["country_a"] == "KAZ"  # upper case, defaults included
    assert json.loads((out / MARKER).read_text())["parameters"] == {"country_b": "UZB", "peers": ["UZB", "KGZ"]}
    # The page says how it was made, right under its title, before the chapter's own text.
    assert "Parameters of this run" in text and "made by python -m kztm run context" in text
    assert "peers UZB, KGZ set for this run" in text and "country_a KAZ as in the book" in text
    assert text.index("Parameters of this run") < text.index("Uzbekistan")
    # No PDF is printed for a run: its pages must not link to one (kztm.js reads the flag this script sets).
    assert 'src="../_static/kztm-no-pdf.js' in page
    assert "window.kztmNoPdf = true" in (out / "html" / "_static" / "kztm-no-pdf.js").read_text()
    after = book_chapter.stat().st_mtime_ns if book_chapter.exists() else None
    assert before == after  # the book was not touched


def test_help_lists_every_chapters_parameters():
    result = kztm("run", "--help")
    assert result.returncode == 0
    assert "country_b (str, default \"TKM\")" in result.stdout
    assert "context" in result.stdout


# --- -o never deletes what it did not create -----------------------------------------------

def test_a_non_empty_folder_that_no_run_made_is_refused_and_kept(tmp_path):
    (tmp_path / "notes.txt").write_text("a researcher's notes")
    result = kztm("run", "context", "--no-html", "-o", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.strip() == (f"error: The output folder {tmp_path} is not empty and was not made by "
                                     "`kztm run`; choose an empty or new folder (nothing was written).")
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


@pytest.mark.parametrize("folder", ["data/compiled", "data", "notebooks", "book", "book/chapters", "kztm", "tests",
                                    ".git", "_build/html", "_build/html/sub", "_build/pdf", "_build/scenarios", ".",
                                    "..", "_build", "_build/.staging/_build/html/myrun",
                                    "_build/.print-html/drawings/x"])
def test_folders_of_the_repository_and_the_published_book_are_refused(folder):
    with pytest.raises(ConfigError, match="The output folder"):
        check_output_dir(ROOT / folder)


def test_a_previous_runs_folder_is_replaced_whole_and_others_are_not(tmp_path):
    out = tmp_path / "run"
    first = kztm("run", "context", "--no-html", "-p", "end_year", "2020", "-o", str(out))
    assert first.returncode == 0, first.stderr
    (out / "stale.txt").write_text("left by the previous run's user")
    second = kztm("run", "context", "--no-html", "-p", "end_year", "2021", "-o", str(out))
    assert second.returncode == 0, second.stderr
    assert json.loads((out / "parameters.json").read_text())["end_year"] == 2021
    assert not (out / "stale.txt").exists()  # the folder was the run's: replaced as a whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run"]  # no .kztm-new / .kztm-old left beside it
    (out / MARKER).unlink()
    third = kztm("run", "context", "--no-html", "-o", str(out))
    assert third.returncode == 2 and (out / "context.ipynb").exists()


def test_temp_folders_of_killed_runs_are_removed_and_live_ones_kept(tmp_path):
    dead = tmp_path / "kztm-run-context-p999999999-abcd"
    alive = tmp_path / f"kztm-run-context-p{__import__('os').getpid()}-efgh"
    other = tmp_path / "kztm-runner-notes"
    for folder in (dead, alive, other):
        folder.mkdir()
    assert remove_stale_temp_folders(tmp_path) == [dead]
    assert alive.exists() and other.exists() and not dead.exists()


# --- -p takes what papermill takes ---------------------------------------------------------

INFO = {
    "float": {"type": "float", "base": "float", "optional": False},
    "optional": {"type": "Optional[float]", "base": "float", "optional": True},
    "int": {"type": "int", "base": "int", "optional": False},
    "list": {"type": "list", "base": "list", "optional": False},
    "str": {"type": "str", "base": "str", "optional": False},
}


@pytest.mark.parametrize("text, kind, value", [
    ("1e3", "float", 1000.0), ("1.5e3", "float", 1500.0), ("0.05", "float", 0.05), ("15", "float", 15),
    ("2030", "int", 2030), ("2.03e3", "int", 2030), ("null", "optional", None), ("None", "optional", None),
    ("UZB,KGZ", "list", ["UZB", "KGZ"]), ("[UZB, KGZ]", "list", ["UZB", "KGZ"]), ("UZB", "list", ["UZB"]),
    ("KAZ", "str", "KAZ"), ("null", "str", "null"),
])
def test_values_are_read_as_papermill_reads_them_not_as_yaml_strings(text, kind, value):
    assert parse_value(text, INFO[kind]) == value


def test_typed_overrides_normalise_codes_and_refuse_nan():
    chapter = Chapter("trade", "Trade", ROOT / "notebooks" / "trade.ipynb")
    assert parse_overrides(chapter, [("peers", "uzb,kgz"), ("target_musd", "1e3")]) == {
        "peers": ["UZB", "KGZ"], "target_musd": 1000.0}
    with pytest.raises(ConfigError, match="finite number"):
        parse_overrides(chapter, [("target_musd", "nan")])


def test_optional_parameters_are_recognised_from_the_parameters_cell(tmp_path):
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("from typing import Optional\n\n"
                                     "rate: Optional[float] = None  # a rate\n"
                                     "legacy: float = None  # default None also makes it optional\n"
                                     "year: int = 2030  # a year")
    cell.metadata["tags"] = ["parameters"]
    nb.cells = [cell]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / "nb.ipynb"
    nbformat.write(nb, path)
    declared = notebook_parameters(path)
    assert declared["rate"]["optional"] and declared["rate"]["base"] == "float"
    assert declared["legacy"]["optional"] and not declared["year"]["optional"]
    assert parse_value("null", declared["rate"]) is None
