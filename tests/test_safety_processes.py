"""Processes die with the build: `kill -9` of `kztm build` leaves no worker or kernel writing into book/chapters;
SIGTERM of a run removes its temporary folder; a failed or interrupted execution leaves no partial files."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import psutil
import pytest

from kztm.paths import ROOT
from kztm.pipeline.config import Chapter
from kztm.pipeline.execute import ChapterError, execute_tasks
from tests.test_execute import _notebook


def scratch_copy(dest: Path) -> Path:
    """A copy of the repository's tracked files (as a fresh clone has them) at ``dest``, with ``../shared`` beside it.

    ``python -m kztm`` run with ``cwd=dest`` imports the copy's own package, so its paths are the copy's.
    """
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in files.decode().split("\0"):
        if not name:
            continue
        source, target = ROOT / name, dest / name
        if source.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
    shared = (ROOT / ".." / "shared").resolve()
    if shared.exists() and not (dest.parent / "shared").exists():
        (dest.parent / "shared").symlink_to(shared)
    return dest


def slow_notebook(path: Path, seconds: int) -> Path:
    """A chapter that works for ``seconds`` seconds, one second a cell."""
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("x: int = 1  # a number")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params] + [nbformat.v4.new_code_cell("import time; time.sleep(1)") for _ in range(seconds)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def snapshot(folder: Path) -> dict:
    return {str(p): (p.stat().st_mtime_ns, p.stat().st_size) for p in folder.rglob("*") if p.is_file()}


def descendants(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def test_kill_9_of_the_build_leaves_no_worker_or_kernel_writing_into_the_book(tmp_path):
    repo = scratch_copy(tmp_path / "repo")
    lines = ["chapters:"]
    for name in ("one", "two", "three", "four"):
        slow_notebook(tmp_path / f"{name}.ipynb", 12)
        lines += [f"  {name}:", f"    notebook: {tmp_path / (name + '.ipynb')}"]
    config = tmp_path / "chapters.yml"
    config.write_text("\n".join(lines) + "\n")
    build = subprocess.Popen([sys.executable, "-m", "kztm", "build", "--no-pdf", "--jobs", "2"], cwd=repo,
                             env={**os.environ, "KZTM_CHAPTERS": str(config)},
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    family = []
    try:
        deadline = time.monotonic() + 60
        kernels = []
        while time.monotonic() < deadline and len(kernels) < 2:
            time.sleep(0.5)
            kernels = [p for p in descendants(build.pid) if "ipykernel" in " ".join(p.cmdline())]
        assert len(kernels) == 2, "the build never started two kernels"
        family = descendants(build.pid)
        build.send_signal(signal.SIGKILL)
        build.wait(timeout=10)
        time.sleep(3)
        alive = [p for p in family if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
        assert not alive, f"still running after the build was killed: {[p.cmdline()[:3] for p in alive]}"
        chapters = repo / "book" / "chapters"
        before = snapshot(chapters)
        time.sleep(3)
        assert snapshot(chapters) == before
        assert not (chapters / "three.ipynb").exists()  # queued chapters were not executed after the kill
    finally:  # whatever happened, leave no process of this test behind
        for p in family + descendants(build.pid):
            try:
                p.kill()
            except psutil.NoSuchProcess:
                pass
        if build.poll() is None:
            build.kill()


def test_sigterm_of_a_run_removes_its_temporary_folder_and_kernel(tmp_path):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    run = subprocess.Popen([sys.executable, "-m", "kztm", "run", "logistics", "--no-html", "-o", str(tmp_path / "out")],
                           cwd=ROOT, env={**os.environ, "TMPDIR": str(tmp)}, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not [p for p in descendants(run.pid) if "ipykernel" in " ".join(p.cmdline())]:
        time.sleep(0.2)
    family = descendants(run.pid)
    assert list(tmp.glob("kztm-run-*")), "the run made no temporary folder"
    run.send_signal(signal.SIGTERM)
    _out, err = run.communicate(timeout=30)
    assert run.returncode == 128 + signal.SIGTERM
    assert "Traceback" not in err
    assert not list(tmp.glob("kztm-run-*"))
    assert not (tmp_path / "out").exists()
    time.sleep(1)
    assert not [p for p in family if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]


def test_a_failing_scenario_chapter_skips_its_scenario_not_the_book(tmp_path):
    good = _notebook(tmp_path / "good.ipynb", "y = x")
    bad = _notebook(tmp_path / "bad.ipynb",
                "from kztm.params import ParameterError\nraise ParameterError('x=5 is too big.')")
    tasks = [(Chapter("good", "Good", good), tmp_path / "book"),
             (Chapter("bad", "Bad", bad), tmp_path / "scenario", "too-big"),
             (Chapter("good", "Good", good), tmp_path / "scenario", "too-big")]
    execution = execute_tasks(tasks, jobs=1, progress=lambda _m: None)
    assert (tmp_path / "book" / "good.ipynb") in [r.output for r in execution.results]
    assert (tmp_path / "book" / "good.ipynb").exists()
    assert list(execution.failed) == ["too-big"]
    assert execution.failed["too-big"].ename == "ParameterError"
    assert not (tmp_path / "scenario" / "bad.ipynb").exists()
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith((".partial.ipynb", ".reads", ".kernel.log"))]


def test_a_failing_book_chapter_stops_and_leaves_no_partial_state_or_kernel_log(tmp_path):
    bad = _notebook(tmp_path / "bad.ipynb",
                    "from kztm.data import DataError\nraise DataError('macro.csv, line 6: bad.')")
    out = tmp_path / "out"
    with pytest.raises(ChapterError) as err:
        execute_tasks([(Chapter("bad", "Bad", bad), out)], jobs=1, progress=lambda _m: None)
    assert err.value.ename == "DataError" and "macro.csv, line 6: bad." in str(err.value)
    assert not out.exists()  # no .partial.ipynb, no .state/bad.reads, no kernel log, not even the folder
