"""A seventh theme is a short change: `kztm new-chapter` writes files that run and pass their tests as they are."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kztm.paths import ROOT


@pytest.fixture(scope="module")
def clone(tmp_path_factory):
    """The repository's tracked files in a scratch folder (the data/ extracts included)."""
    dest = tmp_path_factory.mktemp("scaffold") / "repo"
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for name in filter(None, files.split("\0")):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    return dest


def _kztm(clone: Path, *args):
    return subprocess.run([sys.executable, "-m", "kztm", *args], cwd=clone, capture_output=True, text=True)


def test_new_chapter_runs_and_passes_its_own_tests_after_the_two_listed_lines(clone):
    made = _kztm(clone, "new-chapter", "water_use", "--title", "Water use", "--dataset", "water",
                 "--column", "withdrawals_bn_m3")
    assert made.returncode == 0, made.stderr
    assert "chapters.yml" in made.stdout and "_toc.yml" in made.stdout
    # the author adds the two lines the command printed
    chapters = clone / "chapters.yml"
    chapters.write_text(chapters.read_text().replace(
        "    notebook: notebooks/environment.ipynb\n",
        "    notebook: notebooks/environment.ipynb\n  water_use:\n    title: Water use\n"
        "    notebook: notebooks/water_use.ipynb\n", 1))
    toc = clone / "_toc.yml"
    toc.write_text(toc.read_text().replace("      - file: book/chapters/environment\n",
                                           "      - file: book/chapters/environment\n"
                                           "      - file: book/chapters/water_use\n"))
    tests = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                            "tests/test_chapter_water_use.py", "tests/test_charts_water_use.py",
                            "tests/test_safety_config.py"], cwd=clone, capture_output=True, text=True)
    assert tests.returncode == 0, tests.stdout[-2000:]
    lint = subprocess.run([sys.executable, "-m", "ruff", "check", "kztm", "tests", "notebooks"], cwd=clone,
                          capture_output=True, text=True)
    assert lint.returncode == 0, lint.stdout[-2000:]


def test_new_chapter_never_overwrites_and_refuses_bad_names_in_one_sentence(clone):
    before = (clone / "notebooks" / "trade.ipynb").read_bytes()
    again = _kztm(clone, "new-chapter", "trade", "--title", "Trade again")
    assert again.returncode == 2 and "already exist" in again.stderr and "Traceback" not in again.stderr
    assert (clone / "notebooks" / "trade.ipynb").read_bytes() == before
    assert not (clone / "kztm" / "charts" / "trade.py").read_text().startswith('"""Charts of the trade chapter."""')
    for bad in (["Bad-Name", "--title", "x"], ["ok_name", "--title", "x", "--dataset", "nope"],
                ["ok_name", "--title", "x", "--column", "country"]):
        result = _kztm(clone, "new-chapter", *bad)
        assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert not (clone / "notebooks" / "ok_name.ipynb").exists()


def test_the_default_chapter_passes_lint_with_its_whole_axis_title(tmp_path):
    from kztm.pipeline.scaffold import scaffold

    made = [p for p in scaffold("rivers", "Water and rivers", root=tmp_path) if p.suffix == ".py"]
    lint = subprocess.run([sys.executable, "-m", "ruff", "check", "--config", str(ROOT / "pyproject.toml"),
                           *map(str, made)], capture_output=True, text=True)
    assert lint.returncode == 0, lint.stdout[-2000:]
    assert "% per year" in (tmp_path / "kztm" / "charts" / "rivers.py").read_text()  # not cut at 60 characters
