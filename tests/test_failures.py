"""Bad input and broken tools: one clear sentence, the right exit code, nothing left behind, and the last good
book and PDF stay."""

import os
import shutil
import subprocess
import sys
import time

import psutil
import pytest

from kztm.paths import CHAPTERS_DIR, PDF_PATH, ROOT
from kztm.pipeline import cli
from kztm.pipeline.build import print_book
from kztm.pipeline.pdf import PdfError, print_to_pdf


def kztm(*args, env=None, timeout=600):
    return subprocess.run([sys.executable, "-m", "kztm", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=timeout)


def leftovers(folder):
    """Files a failed execution could leave: partial notebooks, read logs, kernel logs."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")
                  if p.name.endswith((".partial.ipynb", ".reads", ".kernel.log", ".tmp")))


def test_a_broken_data_file_is_bad_input_exit_2_one_sentence_and_leaves_nothing(built_book, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    lines = (data / "macro.csv").read_text().splitlines()
    fields = lines[5].split(",")
    fields[3] = "many"  # population must be an integer
    lines[5] = ",".join(fields)
    (data / "macro.csv").write_text("\n".join(lines) + "\n")
    index = built_book["html"] / "book" / "summary" / "index.html"
    context = CHAPTERS_DIR / "context.ipynb"
    before = (index.read_bytes(), context.read_bytes(), sorted(p.name for p in (CHAPTERS_DIR / ".state").iterdir()))

    result = kztm("build", "--no-pdf", "--jobs", "1", env={"KZTM_DATA_DIR": str(data)})

    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "macro.csv, line 6, field 'population'" in lines[0] and "DataError" in lines[0]
    after = (index.read_bytes(), context.read_bytes(), sorted(p.name for p in (CHAPTERS_DIR / ".state").iterdir()))
    assert after == before
    assert leftovers(CHAPTERS_DIR) == []


def test_a_bad_parameter_value_in_chapters_yml_is_exit_2_and_leaves_nothing(built_book, tmp_path):
    config = tmp_path / "chapters.yml"
    config.write_text("chapters:\n  investment:\n    notebook: notebooks/investment.ipynb\n"
                      "    parameters: {material_share_pct: 99.0}\n")
    good = (CHAPTERS_DIR / "investment.ipynb").read_bytes()
    result = kztm("build", "--no-pdf", env={"KZTM_CHAPTERS": str(config)})
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "material_share_pct=99.0 is above the largest allowed value" in lines[0]
    assert (CHAPTERS_DIR / "investment.ipynb").read_bytes() == good
    assert leftovers(CHAPTERS_DIR) == []


def test_without_chromium_the_html_builds_and_one_sentence_says_how_to_get_the_pdf(built_book):
    result = kztm("build", env={"KZTM_CHROMIUM": "/nonexistent/chromium"})
    assert result.returncode == 0, result.stderr
    assert "The PDF was skipped because no Chromium browser was found; install it with" in result.stdout


# --- PDF acceptance ------------------------------------------------------------------------

FAKE_CHROMIUM = """#!{python}
import sys, time
out = [a.split("=", 1)[1] for a in sys.argv if a.startswith("--print-to-pdf=")][0]
mode = {mode!r}
if mode == "stall":
    time.sleep(120)
elif mode == "truncate":
    data = open({good!r}, "rb").read()
    open(out, "wb").write(data[: len(data) // 2])  # a disk that filled up half way
elif mode == "garbage":
    open(out, "wb").write(b"%PDF-1.7 " + b"x" * 5000)  # passes a header-and-size check
"""


def fake_chromium(tmp_path, mode, good=PDF_PATH):
    path = tmp_path / f"chromium-{mode}"
    path.write_text(FAKE_CHROMIUM.format(python=sys.executable, mode=mode, good=str(good)))
    path.chmod(0o755)
    return str(path)


@pytest.mark.parametrize("mode, words", [("nothing", "Chromium wrote no file"),
                                         ("truncate", "Chromium wrote a file that is not a whole PDF"),
                                         ("garbage", "Chromium wrote a file that is not a whole PDF")])
def test_a_missing_truncated_or_fake_pdf_is_refused_and_the_good_one_stays(tmp_path, mode, words):
    page = tmp_path / "page.html"
    page.write_text("<html><body>x</body></html>")
    good = tmp_path / "good.pdf"
    shutil.copy(_one_page_pdf(tmp_path), good)
    target = tmp_path / "out" / "report.pdf"
    target.parent.mkdir()
    target.write_bytes(b"the last good one")
    with pytest.raises(PdfError, match=words) as err:
        print_to_pdf(page, target, fake_chromium(tmp_path, mode, good), step="printing the test page")
    assert "printing the test page" in str(err.value) and "\n" not in str(err.value)
    assert target.read_bytes() == b"the last good one"
    assert sorted(p.name for p in target.parent.iterdir()) == ["report.pdf"]


def _one_page_pdf(tmp_path):
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    path = tmp_path / "one.pdf"
    pdf.save(path)
    return path


def test_a_stalled_print_is_stopped_in_bounded_time_with_one_sentence_naming_the_step(tmp_path, monkeypatch):
    page = tmp_path / "page.html"
    page.write_text("<html><body>x</body></html>")
    monkeypatch.setenv("KZTM_PDF_TIMEOUT", "2")
    fake = fake_chromium(tmp_path, "stall")
    started = time.monotonic()
    with pytest.raises(PdfError) as err:
        print_to_pdf(page, tmp_path / "report.pdf", fake, step="printing the first pass (finding page numbers)")
    assert time.monotonic() - started < 10
    assert str(err.value) == ("Chromium did not finish printing the first pass (finding page numbers) within 2 s "
                              "and was stopped; the previous PDF is unchanged.")
    time.sleep(0.5)
    assert not [p for p in psutil.process_iter(["cmdline"]) if fake in " ".join(p.info["cmdline"] or [])]


@pytest.fixture
def saved_pdf(built_book, chromium_path):
    """The published PDF and its stamp, restored after the test (the test forces a reprint)."""
    stamp = PDF_PATH.with_name(PDF_PATH.name + ".source.sha256")
    saved = (PDF_PATH.read_bytes(), stamp.read_text() if stamp.exists() else None)
    stamp.unlink(missing_ok=True)
    yield saved[0]
    if saved[1] is not None:
        stamp.write_text(saved[1])


@pytest.mark.parametrize("mode, timeout, sentence", [
    ("truncate", "60", "error: Chromium wrote a file that is not a whole PDF while printing the book"),
    ("stall", "3", "error: Chromium did not finish printing the book within 3 s and "
                   "was stopped; the previous PDF is unchanged."),
])
def test_a_broken_print_exits_1_with_one_sentence_and_the_previous_pdf_survives(saved_pdf, tmp_path, mode, timeout,
                                                                                sentence):
    offered = ROOT / "_build" / "html" / "_static" / "report.pdf"
    result = kztm("build", env={"KZTM_CHROMIUM": fake_chromium(tmp_path, mode), "KZTM_PDF_TIMEOUT": timeout})
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(sentence), lines
    assert PDF_PATH.read_bytes() == saved_pdf and offered.read_bytes() == saved_pdf
    assert sorted(p.name for p in PDF_PATH.parent.iterdir() if p.name.startswith(".")) == []


def test_the_final_pass_replaces_the_pdf_only_when_its_pages_match_the_contents(built_book, chromium_path, tmp_path):
    # The print and the finished file are written beside the PDF under temporary names: the published PDF is
    # never an unchecked print.
    from kztm.paths import HTML_DIR
    target = tmp_path / "report.pdf"
    target.write_bytes(b"previous")
    seen = []
    real = print_to_pdf

    def spy(page, pdf_path, chromium, **kwargs):
        seen.append(pdf_path.name)
        assert target.read_bytes() == b"previous"  # nothing lands on the real name before the final check
        return real(page, pdf_path, chromium, **kwargs)

    import kztm.pipeline.build as build_module

    original = build_module.print_to_pdf
    build_module.print_to_pdf = spy
    try:
        from kztm.pipeline.build import book_metadata

        print_book(HTML_DIR, book_metadata(), target, chromium_path, progress=lambda _m: None)
    finally:
        build_module.print_to_pdf = original
    assert seen == [".report.pass1.pdf"]  # one print: the contents are numbered from where its entries landed
    import pikepdf

    with pikepdf.open(target) as pdf:
        assert len(pdf.pages) >= 5
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf", "report.pdf.source.sha256"]


# --- environment failures ----------------------------------------------------------------------

def test_an_unwritable_build_folder_is_one_sentence_not_a_traceback(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the build folder should be")
    monkeypatch.setattr(cli, "LOCK_FILE", blocker / ".lock")
    code = cli.main(["build", "--no-pdf"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert len(err) == 1 and err[0].startswith(f"error: Cannot use {blocker}") and "Traceback" not in err[0]


def test_a_second_build_in_the_same_folder_is_refused_with_one_sentence():
    with cli.pipeline_lock():
        result = kztm("build", "--no-pdf", timeout=120)
        run = kztm("run", "context", "--no-html", timeout=120)
    assert result.returncode == 2 and run.returncode == 2
    for r in (result, run):
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: Another build or run is working in ")


def test_a_pdf_with_a_damaged_object_is_refused_when_it_is_finished(tmp_path):
    """Chromium's print is opened without repair (a truncated file fails there); a file whose xref is whole but
    one object is damaged is caught when the finished PDF is saved, and nothing is left at the target."""
    import pikepdf

    from kztm.pipeline.pdf import PdfError, save_checked

    good = tmp_path / "good.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.add_blank_page()
        pdf.save(good, object_stream_mode=pikepdf.ObjectStreamMode.disable, compress_streams=False)
    data = good.read_bytes()
    at = data.index(b"3 0 obj") + 8
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(data[:at] + b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 61@@@@" + data[at + 50:])
    with pikepdf.open(good, attempt_recovery=False) as pdf:
        save_checked(pdf, tmp_path / "out.pdf", "finishing")
    assert len(pikepdf.open(tmp_path / "out.pdf").pages) == 2
    with pikepdf.open(damaged, attempt_recovery=False) as pdf, pytest.raises(PdfError, match="damaged PDF"):
        save_checked(pdf, tmp_path / "out2.pdf", "finishing the PDF")
    assert not (tmp_path / "out2.pdf").exists()
