"""Execute chapter notebooks with papermill: in parallel, cached by content hash, written atomically.

A chapter is re-executed only when something that can change its outputs changed since its
last good run: the notebook's code cells, its parameters, the package code, or one of the data
files it read last time (the data loader records every file it opens, see ``kztm.provenance``).
When only markdown cells changed, the executed notebook gets the new markdown without a kernel
(:func:`render_markdown`): the result is the notebook an execution would have written.
A failed chapter raises :class:`ChapterError` naming the chapter, the cell and the error;
its previous good output stays where it was and nothing of the failed run is left behind
(no partial notebook, read log or kernel log).

Workers die with the build: each checks every half second that the build that started it is
still its parent, and otherwise kills its kernel and exits (so ``kill -9`` of the build stops
them too); an interrupted or failed build kills its workers and their kernels at once.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import signal
import sys
import threading
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

import nbformat

from ..paths import ROOT
from ..provenance import READ_LOG_ENV, reads_in
from .config import Chapter

PACKAGE_DIR = Path(__file__).resolve().parent.parent
STATE_DIR_NAME = ".state"
# Tags that hide a code cell's input from readers (collapsed in HTML; the print CSS drops it).
HIDE_TAGS = {"hide-input", "remove-input", "remove-cell", "hide-cell"}


class ChapterError(RuntimeError):
    """A chapter failed to execute; the message names the chapter, the cell and the cause.

    ``ename`` is the exception's name inside the notebook (``ParameterError`` for a bad parameter).
    """

    def __init__(self, message: str, ename: str = "", evalue: str = ""):
        super().__init__(message, ename, evalue)  # all in args, so the error survives the worker process
        self.ename, self.evalue = ename, evalue

    def __str__(self) -> str:
        return self.args[0]


@dataclass(frozen=True)
class ChapterResult:
    name: str
    output: Path
    executed: bool  # False when skipped because its inputs were unchanged
    seconds: float


def _sha256_file(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def package_fingerprint() -> str:
    """Hash of every Python file of the package (any code change re-executes the chapters)."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        digest.update(str(path.relative_to(PACKAGE_DIR)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def notebook_code_hash(notebook: Path) -> str:
    """The hash of what executing a notebook depends on: its kernel and its code cells (source and metadata).

    Markdown cells are left out: changing them never needs a kernel (see :func:`render_markdown`).
    """
    nb = json.loads(Path(notebook).read_text(encoding="utf-8"))
    code = [[cell.get("source"), cell.get("metadata", {})] for cell in nb.get("cells", [])
            if cell.get("cell_type") == "code"]
    kernel = nb.get("metadata", {}).get("kernelspec", {})
    return hashlib.sha256(json.dumps([kernel, code], sort_keys=True, default=str).encode()).hexdigest()


def input_hash(chapter: Chapter, reads: list[str], code_fingerprint: str | None = None) -> str:
    """The content hash of everything a chapter's outputs depend on (its markdown cells excepted)."""
    digest = hashlib.sha256()
    digest.update(notebook_code_hash(chapter.notebook).encode())
    digest.update(json.dumps(chapter.parameters, sort_keys=True, default=str).encode())
    digest.update((code_fingerprint or package_fingerprint()).encode())
    digest.update(os.environ.get("KZTM_DATA_DIR", "").encode())  # another data folder is another input
    for path in sorted(reads):
        digest.update(_relative(path).encode())  # relative: the same in any clone
        digest.update(_sha256_file(Path(path)).encode() if Path(path).exists() else b"missing")
    return digest.hexdigest()


def _state_path(out_dir: Path, name: str) -> Path:
    return out_dir / STATE_DIR_NAME / f"{name}.json"


def chapter_status(chapter: Chapter, out_dir: Path, code_fingerprint: str | None = None) -> str:
    """``"current"`` (nothing to do), ``"markdown"`` (only markdown cells changed: re-render without a
    kernel) or ``"execute"`` (anything else, or no previous good run)."""
    state_file = _state_path(out_dir, chapter.name)
    if not (out_dir / f"{chapter.name}.ipynb").exists() or not state_file.exists():
        return "execute"
    state = json.loads(state_file.read_text(encoding="utf-8"))
    reads = [str(ROOT / r) for r in state.get("reads", [])]
    if state.get("hash") != input_hash(chapter, reads, code_fingerprint):
        return "execute"
    return "current" if state.get("notebook") == _sha256_file(chapter.notebook) else "markdown"


def is_up_to_date(chapter: Chapter, out_dir: Path, code_fingerprint: str | None = None) -> bool:
    return chapter_status(chapter, out_dir, code_fingerprint) == "current"


def render_markdown(chapter: Chapter, out_dir: Path) -> ChapterResult:
    """Give the executed notebook the template's markdown cells, without a kernel.

    Only for a chapter whose status is ``"markdown"``: its code cells are those of the last run, so
    their outputs stand; markdown cells are taken from the template (added, removed, moved or
    edited) with the metadata papermill gives them. Written atomically; the state records the template.
    Raises :class:`ChapterError` if a code cell of the template is not in the executed notebook.
    """
    started = time.perf_counter()
    out_dir = Path(out_dir)
    target = out_dir / f"{chapter.name}.ipynb"
    template = nbformat.read(chapter.notebook, as_version=4)
    executed = nbformat.read(target, as_version=4)
    by_id = {cell.get("id"): cell for cell in executed.cells}
    injected = [cell for cell in executed.cells if "injected-parameters" in cell.metadata.get("tags", [])]
    cells = []
    for cell in template.cells:
        if cell.cell_type == "code":
            done = by_id.get(cell.get("id"))
            if done is None or done.source != cell.source:
                raise ChapterError(f"Chapter {chapter.name!r}: code cell {cell.get('id')} is not in its executed "
                                   "notebook; it must be executed again.")
            cells.append(done)
            if "parameters" in cell.metadata.get("tags", []):
                cells += injected
        else:
            rendered = nbformat.from_dict(json.loads(json.dumps(cell)))
            rendered.metadata.setdefault("tags", [])
            rendered.metadata["papermill"] = {"exception": False, "status": "completed"}
            cells.append(rendered)
    executed.cells = cells
    partial = out_dir / f".{chapter.name}.partial.ipynb"
    nbformat.write(executed, partial)
    partial.replace(target)
    state_file = _state_path(out_dir, chapter.name)
    state = json.loads(state_file.read_text(encoding="utf-8"))
    state["notebook"] = _sha256_file(chapter.notebook)
    tmp = state_file.with_suffix(".tmp")
    tmp.write_text(json.dumps(state, indent=1, sort_keys=True, default=str), encoding="utf-8")
    tmp.replace(state_file)
    return ChapterResult(chapter.name, target, False, time.perf_counter() - started)


def hide_code(nb) -> None:
    """Tag every code cell that has no visibility tag with ``remove-input``: readers see outputs, not code
    (the code is one link away, in the chapter's notebook)."""
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        tags = cell.metadata.setdefault("tags", [])
        if not HIDE_TAGS & set(tags):
            tags.append("remove-input")


_STYLER_TABLE = re.compile(r'<table id="T_([0-9a-f]{5})"')
_STYLER_REPR = re.compile(r"<pandas\.io\.formats\.style\.Styler at 0x[0-9a-f]+>")
_TIMES = ("start_time", "end_time", "duration")


def make_reproducible(nb, name: str) -> None:
    """Remove what differs between two executions of the same inputs, so the book is byte-identical.

    pandas Styler tables get a random id (``T_1a2b3`` in their HTML and CSS) and a repr with a
    memory address: both are replaced by values derived from the chapter's name and the table's
    order. papermill's and Jupyter's timestamps and durations are dropped from the metadata.
    """
    count = 0
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        for key in _TIMES:
            cell.metadata.get("papermill", {}).pop(key, None)
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            html = data.get("text/html")
            if isinstance(html, str):
                for uuid in dict.fromkeys(_STYLER_TABLE.findall(html)):
                    count += 1
                    stable = hashlib.sha256(f"{name}:{count}".encode()).hexdigest()[:5]
                    html = html.replace(f"T_{uuid}", f"T_{stable}")
                data["text/html"] = html
            if isinstance(data.get("text/plain"), str):
                data["text/plain"] = _STYLER_REPR.sub("<pandas.io.formats.style.Styler>", data["text/plain"])
    for key in _TIMES:
        nb.metadata.get("papermill", {}).pop(key, None)


def _relative(path: str) -> str:
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


@contextlib.contextmanager
def _stderr_to(path: Path):
    """Send this process's stderr (and so the kernel's, which inherits it) to ``path`` for a while.

    The kernel writes start-up chatter there; real failures come back through papermill.
    """
    sys.stderr.flush()
    saved = os.dup(2)
    with open(path, "w", encoding="utf-8") as log:
        os.dup2(log.fileno(), 2)
        try:
            yield
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)


#: Errors raised inside a chapter that mean bad input (a parameter or a data file), not a bug.
BAD_INPUT_ERRORS = ("ParameterError", "DataError")


def _leftovers(chapter: Chapter, out_dir: Path) -> list[Path]:
    """The files one execution of ``chapter`` writes besides its result (removed whatever happens)."""
    state = Path(out_dir) / STATE_DIR_NAME
    return [Path(out_dir) / f".{chapter.name}.partial.ipynb", state / f"{chapter.name}.reads",
            state / f"{chapter.name}.kernel.log"]


def clean_leftovers(chapter: Chapter, out_dir: Path, folders: bool = True) -> None:
    """Remove what an execution of ``chapter`` left in ``out_dir`` besides its result; with ``folders``,
    also the state folder and ``out_dir`` when they are left empty."""
    for path in _leftovers(chapter, out_dir):
        path.unlink(missing_ok=True)
    for folder in (Path(out_dir) / STATE_DIR_NAME, Path(out_dir)) if folders else ():
        with contextlib.suppress(OSError):
            folder.rmdir()  # only when empty


def _tail(path: Path, lines: int = 3) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    except OSError:
        return ""
    return " ".join(" ".join(text[-lines:]).split())


#: jupyter_client picks a kernel's TCP ports free, then the kernel binds them; a kernel started at the same time
#: can take one in between, and the kernel dies at start with this in its log. It never ran a cell, so it is
#: started again, up to this many times in all.
PORT_TAKEN = "Address already in use"
KERNEL_START_ATTEMPTS = 3


def execute_chapter(chapter: Chapter, out_dir: Path, kernel_name: str = "python3") -> ChapterResult:
    """Execute one chapter into ``out_dir/<name>.ipynb`` atomically (runs in a worker process).

    Raises :class:`ChapterError` (with ``ename`` the error's name inside the notebook) and leaves
    only what was there before: the previous good output and its state. A kernel that dies at start because
    another took its port (:data:`PORT_TAKEN`) is started again, up to :data:`KERNEL_START_ATTEMPTS` times.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    out_dir = Path(out_dir)
    if not chapter.notebook.exists():
        raise ChapterError(f"Chapter {chapter.name!r} names notebook {_relative(chapter.notebook)}, "
                           "which does not exist.")
    target = out_dir / f"{chapter.name}.ipynb"
    partial, read_log, kernel_log = _leftovers(chapter, out_dir)
    read_log.parent.mkdir(parents=True, exist_ok=True)
    read_log.unlink(missing_ok=True)
    os.environ[READ_LOG_ENV] = str(read_log)  # this worker process only
    started = time.perf_counter()
    finished = False
    try:
        for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
            try:
                with _stderr_to(kernel_log):
                    papermill.execute_notebook(
                        str(chapter.notebook), str(partial), parameters=chapter.parameters,
                        kernel_name=kernel_name, cwd=str(ROOT), progress_bar=False, log_output=False,
                        request_save_on_cell_execute=False,
                    )
                break
            except PapermillExecutionError as exc:
                evalue = " ".join(str(exc.evalue).split())
                raise ChapterError(f"Chapter {chapter.name!r} failed in cell {exc.exec_count}: {exc.ename}: "
                                   f"{evalue}", exc.ename, evalue) from None
            except Exception as exc:  # kernel died, notebook unreadable, …
                tail = _tail(kernel_log)
                if PORT_TAKEN in tail and attempt < KERNEL_START_ATTEMPTS:
                    continue  # the kernel never ran a cell: start another
                detail = " ".join(f"{type(exc).__name__}: {exc}".split())
                raise ChapterError(f"Chapter {chapter.name!r} could not be executed: {detail}"
                                   + (f" (kernel: {tail})" if tail else "")) from None
        nb = nbformat.read(partial, as_version=4)
        hide_code(nb)
        make_reproducible(nb, chapter.name)
        nbformat.write(nb, partial)
        partial.replace(target)  # atomic on one filesystem
        reads = reads_in(read_log)
        finished = True
    finally:
        os.environ.pop(READ_LOG_ENV, None)
        clean_leftovers(chapter, out_dir, folders=not finished)

    state = {"hash": input_hash(chapter, reads), "reads": [_relative(r) for r in reads],
             "parameters": chapter.parameters, "notebook": _sha256_file(chapter.notebook)}
    state_tmp = _state_path(out_dir, chapter.name).with_suffix(".tmp")
    state_tmp.write_text(json.dumps(state, indent=1, sort_keys=True, default=str), encoding="utf-8")
    state_tmp.replace(_state_path(out_dir, chapter.name))
    return ChapterResult(chapter.name, target, True, time.perf_counter() - started)


def execute_chapters(chapters: list[Chapter], out_dir: Path, jobs: int | None = None,
                     force: bool = False, progress=print) -> list[ChapterResult]:
    """Execute the chapters whose inputs changed into ``out_dir``, ``jobs`` at a time; raise on the first failure."""
    return execute_tasks([(chapter, Path(out_dir)) for chapter in chapters], jobs, force, progress).results


@dataclass
class Execution:
    results: list[ChapterResult]
    failed: dict[str, ChapterError]  # group (scenario name) -> the first error of its chapters


# --- workers that die with the build ---------------------------------------------------

def _kill_descendants(timeout: float = 3.0) -> None:
    """Terminate (then kill) every process this one started, kernels included."""
    import psutil

    try:
        children = psutil.Process().children(recursive=True)
    except psutil.Error:
        return
    for child in children:
        with contextlib.suppress(psutil.Error):
            child.terminate()
    _gone, alive = psutil.wait_procs(children, timeout=timeout)
    for child in alive:
        with contextlib.suppress(psutil.Error):
            child.kill()


def _watch_parent(parent: int, interval: float = 0.5) -> None:
    while True:
        time.sleep(interval)
        if os.getppid() != parent:  # the build died (even kill -9): stop its kernel and this worker
            _kill_descendants(timeout=1.0)
            os._exit(3)


def _worker_start(parent: int) -> None:
    """ProcessPoolExecutor initializer: watch the build that started this worker.

    A worker dies at once on SIGTERM and leaves Ctrl-C to the build, which then stops it.
    """
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="kztm-parent-watch").start()


def execute_tasks(tasks: list[tuple], jobs: int | None = None, force: bool = False,
                  progress=print) -> Execution:
    """Execute (chapter, output folder[, group]) tasks whose inputs changed, in one pool.

    A task without a group is the book's own: its failure cancels everything and raises
    :class:`ChapterError`. A task with a group (a scenario's name) is optional: its failure is
    recorded in ``Execution.failed`` and the group's other pending tasks are cancelled.
    One pool for the book and its scenarios keeps both cores busy to the end. An interruption
    (Ctrl-C, SIGTERM turned into SystemExit) kills the workers and their kernels before it propagates.
    """
    tasks = [(t[0], Path(t[1]), t[2] if len(t) > 2 else None) for t in tasks]
    fingerprint = package_fingerprint()
    todo, results, failed = [], [], {}
    for chapter, out_dir, group in tasks:
        label = _label(chapter, out_dir)
        status = "execute" if force else chapter_status(chapter, out_dir, fingerprint)
        if status == "markdown":
            try:
                results.append(render_markdown(chapter, out_dir))
                progress(f"  ~ {label}: only markdown changed, re-rendered without a kernel")
                continue
            except ChapterError:
                status = "execute"
        if status == "current":
            results.append(ChapterResult(chapter.name, out_dir / f"{chapter.name}.ipynb", False, 0.0))
            progress(f"  = {label}: unchanged, not re-executed")
        else:
            todo.append((chapter, out_dir, group))
    if todo:
        jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
        progress(f"Executing {len(todo)} chapter(s), {jobs} at a time …")
        results += _run_pool(todo, jobs, failed, progress)
    order = {(c.name, str(d)): i for i, (c, d, _g) in enumerate(tasks)}
    results = sorted(results, key=lambda r: order.get((r.name, str(r.output.parent)), 0))
    return Execution(results, failed)


def _run_pool(todo: list[tuple], jobs: int, failed: dict, progress) -> list[ChapterResult]:
    results, done = [], 0
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_worker_start, initargs=(os.getpid(),))
    futures = {}
    try:
        futures = {pool.submit(execute_chapter, chapter, out_dir): (chapter, out_dir, group)
                   for chapter, out_dir, group in todo}
        pending = set(futures)
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                chapter, out_dir, group = futures[future]
                if future.cancelled():
                    continue
                try:
                    result = future.result()
                except ChapterError as exc:
                    if group is None:  # the book cannot be built: let the running chapters end, start no other
                        pool.shutdown(wait=True, cancel_futures=True)
                        raise
                    failed.setdefault(group, exc)
                    for other, (_c, _d, other_group) in futures.items():
                        if other_group == group:
                            other.cancel()
                    progress(f"  ! {_label(chapter, out_dir)}: failed, scenario {group!r} skipped")
                    continue
                done += 1
                results.append(result)
                progress(f"  [{done}/{len(todo)}] {_label(chapter, out_dir)}: executed in {result.seconds:.1f} s")
    except ChapterError:
        raise
    except BaseException:  # interrupted: stop the workers and their kernels now
        pool.shutdown(wait=False, cancel_futures=True)
        _kill_descendants()
        for chapter, out_dir, _group in todo:
            clean_leftovers(chapter, out_dir)
        raise
    pool.shutdown(wait=True)
    return results


def _label(chapter: Chapter, out_dir: Path) -> str:
    """The chapter's name, with the scenario folder it runs for when it is not the book's."""
    scenario = Path(out_dir).parent.parent.name if Path(out_dir).parent.name == "src" else ""
    return f"{chapter.name} ({scenario})" if scenario else chapter.name
