"""Execute chapter notebooks with papermill: in parallel, cached by content hash, written atomically.

A chapter is re-executed only when one of its inputs changed since its last good run:
the notebook template, its parameters, the package code, or one of the data files it
read last time (the data loader records every file it opens, see ``kztm.provenance``).
A failed chapter raises :class:`ChapterError` naming the chapter, the cell and the error;
its previous good output stays where it was.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
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


def input_hash(chapter: Chapter, reads: list[str], code_fingerprint: str | None = None) -> str:
    """The content hash of everything a chapter's output depends on."""
    digest = hashlib.sha256()
    digest.update(_sha256_file(chapter.notebook).encode())
    digest.update(json.dumps(chapter.parameters, sort_keys=True, default=str).encode())
    digest.update((code_fingerprint or package_fingerprint()).encode())
    digest.update(os.environ.get("KZTM_DATA_DIR", "").encode())  # another data folder is another input
    for path in sorted(reads):
        digest.update(_relative(path).encode())  # relative: the same in any clone
        digest.update(_sha256_file(Path(path)).encode() if Path(path).exists() else b"missing")
    return digest.hexdigest()


def _state_path(out_dir: Path, name: str) -> Path:
    return out_dir / STATE_DIR_NAME / f"{name}.json"


def is_up_to_date(chapter: Chapter, out_dir: Path, code_fingerprint: str | None = None) -> bool:
    state_file = _state_path(out_dir, chapter.name)
    if not (out_dir / f"{chapter.name}.ipynb").exists() or not state_file.exists():
        return False
    state = json.loads(state_file.read_text(encoding="utf-8"))
    reads = [str(ROOT / r) for r in state.get("reads", [])]
    return state.get("hash") == input_hash(chapter, reads, code_fingerprint)


def hide_code(nb) -> None:
    """Tag every code cell that has no visibility tag with ``hide-input``."""
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        tags = cell.metadata.setdefault("tags", [])
        if not HIDE_TAGS & set(tags):
            tags.append("hide-input")


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


def execute_chapter(chapter: Chapter, out_dir: Path, kernel_name: str = "python3") -> ChapterResult:
    """Execute one chapter into ``out_dir/<name>.ipynb`` atomically (runs in a worker process)."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    out_dir = Path(out_dir)
    if not chapter.notebook.exists():
        raise ChapterError(f"Chapter {chapter.name!r} names notebook {_relative(chapter.notebook)}, "
                           "which does not exist.")
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{chapter.name}.ipynb"
    partial = out_dir / f".{chapter.name}.partial.ipynb"
    read_log = out_dir / STATE_DIR_NAME / f"{chapter.name}.reads"
    read_log.parent.mkdir(exist_ok=True)
    read_log.unlink(missing_ok=True)
    os.environ[READ_LOG_ENV] = str(read_log)  # this worker process only
    started = time.perf_counter()
    try:
        with _stderr_to(read_log.with_suffix(".kernel.log")):
            papermill.execute_notebook(
                str(chapter.notebook), str(partial), parameters=chapter.parameters,
                kernel_name=kernel_name, cwd=str(ROOT), progress_bar=False, log_output=False,
                request_save_on_cell_execute=False,
            )
    except PapermillExecutionError as exc:
        raise ChapterError(
            f"Chapter {chapter.name!r} failed in cell {exc.exec_count}: {exc.ename}: {exc.evalue}"
            f" (the executed notebook is kept at {_relative(partial)}).", exc.ename, exc.evalue
        ) from None
    except Exception as exc:  # kernel died, notebook unreadable, …
        raise ChapterError(f"Chapter {chapter.name!r} could not be executed: {type(exc).__name__}: {exc}") from None
    finally:
        os.environ.pop(READ_LOG_ENV, None)

    nb = nbformat.read(partial, as_version=4)
    hide_code(nb)
    nbformat.write(nb, partial)
    partial.replace(target)  # atomic on one filesystem

    reads = reads_in(read_log)
    state = {"hash": input_hash(chapter, reads), "reads": [_relative(r) for r in reads],
             "parameters": chapter.parameters}
    state_tmp = _state_path(out_dir, chapter.name).with_suffix(".tmp")
    state_tmp.write_text(json.dumps(state, indent=1, sort_keys=True, default=str), encoding="utf-8")
    state_tmp.replace(_state_path(out_dir, chapter.name))
    return ChapterResult(chapter.name, target, True, time.perf_counter() - started)


def execute_chapters(chapters: list[Chapter], out_dir: Path, jobs: int | None = None,
                     force: bool = False, progress=print) -> list[ChapterResult]:
    """Execute the chapters whose inputs changed into ``out_dir``, ``jobs`` at a time."""
    return execute_tasks([(chapter, Path(out_dir)) for chapter in chapters], jobs, force, progress)


def execute_tasks(tasks: list[tuple[Chapter, Path]], jobs: int | None = None, force: bool = False,
                  progress=print) -> list[ChapterResult]:
    """Execute (chapter, output folder) pairs whose inputs changed, in one pool; stop on the first failure.

    One pool for the book and its scenarios keeps both cores busy to the end.
    """
    fingerprint = package_fingerprint()
    todo, results = [], []
    for chapter, out_dir in tasks:
        label = _label(chapter, out_dir)
        if not force and is_up_to_date(chapter, out_dir, fingerprint):
            results.append(ChapterResult(chapter.name, out_dir / f"{chapter.name}.ipynb", False, 0.0))
            progress(f"  = {label}: unchanged, not re-executed")
        else:
            todo.append((chapter, out_dir))
    if not todo:
        return results
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    progress(f"Executing {len(todo)} chapter(s), {jobs} at a time …")
    done = 0
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(execute_chapter, chapter, out_dir): (chapter, out_dir) for chapter, out_dir in todo}
        for future in as_completed(futures):
            try:
                result = future.result()
            except ChapterError:
                for other in futures:
                    other.cancel()
                raise
            done += 1
            results.append(result)
            progress(f"  [{done}/{len(todo)}] {_label(*futures[future])}: executed in {result.seconds:.1f} s")
    order = {(c.name, str(d)): i for i, (c, d) in enumerate(tasks)}
    return sorted(results, key=lambda r: order.get((r.name, str(r.output.parent)), 0))


def _label(chapter: Chapter, out_dir: Path) -> str:
    """The chapter's name, with the scenario folder it runs for when it is not the book's."""
    scenario = Path(out_dir).parent.parent.name if Path(out_dir).parent.name == "src" else ""
    return f"{chapter.name} ({scenario})" if scenario else chapter.name
