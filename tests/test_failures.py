"""Bad input and broken tools: one clear sentence, and the last good book stays."""

import os
import shutil
import subprocess
import sys

import pytest

from kztm.paths import ROOT
from kztm.pipeline.pdf import PdfError, print_to_pdf


def kztm(*args, env=None):
    return subprocess.run([sys.executable, "-m", "kztm", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **(env or {})})


def test_a_broken_data_file_stops_the_build_and_keeps_the_last_good_book(built_book, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    lines = (data / "macro.csv").read_text().splitlines()
    fields = lines[5].split(",")
    fields[3] = "many"  # population must be an integer
    lines[5] = ",".join(fields)
    (data / "macro.csv").write_text("\n".join(lines) + "\n")
    index = built_book["html"] / "book" / "summary" / "index.html"
    context = ROOT / "book" / "chapters" / "context.ipynb"
    before = (index.read_bytes(), context.read_bytes())

    result = kztm("build", "--no-pdf", "--jobs", "1", env={"KZTM_DATA_DIR": str(data)})

    assert result.returncode == 1
    assert "macro.csv, line 6, field 'population'" in result.stderr
    assert "failed in cell" in result.stderr
    assert (index.read_bytes(), context.read_bytes()) == before


def test_without_chromium_the_html_builds_and_one_sentence_says_how_to_get_the_pdf(built_book):
    result = kztm("build", env={"KZTM_CHROMIUM": "/nonexistent/chromium"})
    assert result.returncode == 0, result.stderr
    assert "The PDF was skipped because no Chromium browser was found; install it with" in result.stdout


def test_a_chromium_that_writes_no_pdf_is_an_error(tmp_path):
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\nexit 0\n")
    fake.chmod(0o755)
    page = tmp_path / "page.html"
    page.write_text("<html><body>x</body></html>")
    target = tmp_path / "out" / "report.pdf"
    target.parent.mkdir()
    target.write_bytes(b"%PDF-1.4 the last good one" + b" " * 2000)
    with pytest.raises(PdfError, match="Chromium wrote no usable PDF"):
        print_to_pdf(page, target, str(fake))
    assert target.read_bytes().startswith(b"%PDF-1.4 the last good one")
