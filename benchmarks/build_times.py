"""Build timings on a scratch copy of the repository, printed as one table (a script, not a test:
machines here are shared, so the shares of a cold build matter more than the seconds).

Each round, on the scratch copy:

  cold              ``make clean`` then ``python -m kztm build`` (every notebook run, HTML, single page, PDF)
  no change         the same build again
  notebook markdown one markdown cell of one chapter's notebook edited (a sentence appended)
  notebook ch.say   one ``ch.say`` text of the same notebook edited (prose in a code cell)
  prose page        one sentence appended to ``book/methodology.md``
  data file         one value of one data file changed (``data/caspian_level.csv``, read by one chapter)

then the floor's pieces, each measured once per round with the same tools the build uses:
every notebook run of a build in parallel (papermill, as many at once as there are cores, into a
scratch folder), one cold Sphinx build of the HTML book (``jupyter-book build``), and one Chromium
print of the book's print page with every chart drawn (no kept drawings, as in a cold build). Each
line is the median of the rounds (3 by default) and its share of the cold build; the edited files are
restored after every round. The developer's ``_build/`` and
``book/chapters/`` are never touched: everything happens in a temporary copy (``git ls-files``).

Run: .venv/bin/python benchmarks/build_times.py [--runs 3] [--chapter energy] [--repo PATH] [--keep]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable

PROSE_PAGE = "book/methodology.md"
DATA_FILE = "data/caspian_level.csv"


def copy_repository(target: Path, repo: Path = ROOT) -> None:
    """Copy the files git knows in ``repo`` (tracked and not ignored), as in a fresh clone with local edits."""
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=repo,
                           capture_output=True, text=True, check=True).stdout.split("\0")
    for name in filter(None, files):
        source = repo / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def run(repo: Path, *args: str) -> float:
    """Wall-clock seconds of one command in ``repo`` (the copy's own package first on the path)."""
    env = {**os.environ, "PYTHONPATH": str(repo)}
    env.pop("SOURCE_DATE_EPOCH", None)
    start = time.perf_counter()
    proc = subprocess.run(args, cwd=repo, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"Benchmark step {' '.join(args[:4])} failed (exit {proc.returncode}):\n"
                         + (proc.stdout + proc.stderr)[-3000:])
    return seconds


def build(repo: Path) -> float:
    return run(repo, PY, "-m", "kztm", "build")


def clean(repo: Path) -> None:
    for name in ("_build", "book/chapters", "book/generated", "book/_static/vega-bundle.js"):
        path = repo / name
        shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)


# --- edits (each returns the new text; the caller restores the original) -----------------------

def edit_markdown_cell(text: str, mark: str) -> str:
    nb = json.loads(text)
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and "\n\n" in source:  # a heading with a paragraph
            cell["source"] = source.rstrip() + f" This sentence is a benchmark edit ({mark}).\n"
            return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"
    raise SystemExit("No markdown cell with a paragraph in the benchmark chapter.")


def edit_say_text(text: str, mark: str) -> str:
    nb = json.loads(text)
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "code" and 'ch.say("' in source:
            cell["source"] = source.replace('ch.say("', f'ch.say("Benchmark edit ({mark}). ', 1)
            return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"
    raise SystemExit("No ch.say text in the benchmark chapter.")


def edit_prose_page(text: str, mark: str) -> str:
    return text.rstrip("\n") + f"\n\nThis sentence is a benchmark edit ({mark}).\n"


def edit_data_file(text: str, mark: str) -> str:
    """Change the last row's last decimal (a value within the measurement error)."""
    lines = text.rstrip("\n").split("\n")
    digit = str(len(mark) % 10)
    lines[-1] = re.sub(r"\d(?=,[^,]*$)", digit, lines[-1], count=1)
    if "\n".join(lines) == text.rstrip("\n"):
        lines[-1] = re.sub(r"\d(?=,[^,]*$)", str((int(digit) + 1) % 10), lines[-1], count=1)
    return "\n".join(lines) + "\n"


# --- the floor's pieces ----------------------------------------------------------------------

FLOOR_NOTEBOOKS = """
import sys, tempfile
from pathlib import Path
from kztm.pipeline.build import execution_tasks
from kztm.pipeline.config import load_config
from kztm.pipeline.execute import execute_tasks
with tempfile.TemporaryDirectory() as scratch:
    tasks = [(t[0], Path(scratch) / str(i)) for i, t in enumerate(execution_tasks(load_config()))]
    execute_tasks(tasks, force=True, progress=lambda _m: None)
"""

FLOOR_PRINT = """
import sys, tempfile
from pathlib import Path
from kztm.pipeline.build import book_metadata
from kztm.paths import HTML_DIR
from kztm.pipeline.pdf import edition_line, find_chromium, prepare_print_page, print_to_pdf
meta = book_metadata()
with tempfile.TemporaryDirectory() as scratch:  # no kept drawings: every chart is drawn, as in a cold build
    page = prepare_print_page(HTML_DIR, meta["root"], meta["title"], meta["subtitle"], edition_line(), Path(scratch))
    print_to_pdf(page.path, Path(sys.argv[1]), find_chromium())
"""


def floor(repo: Path, scratch: Path) -> dict[str, float]:
    sphinx_out = scratch / "sphinx-floor"
    shutil.rmtree(sphinx_out, ignore_errors=True)
    pieces = {
        "floor: notebook runs in parallel": run(repo, PY, "-c", FLOOR_NOTEBOOKS),
        "floor: one Sphinx build (HTML)": run(repo, str(Path(PY).with_name("jupyter-book")), "build", ".",
                                              "--path-output", str(sphinx_out), "--builder", "html", "-q"),
        "floor: one print": run(repo, PY, "-c", FLOOR_PRINT, str(scratch / "floor.pdf")),
    }
    shutil.rmtree(sphinx_out, ignore_errors=True)
    return pieces


def pdf_facts(pdf: Path) -> str:
    import pikepdf

    with pikepdf.open(pdf) as doc:
        pages = len(doc.pages)
    return f"{pages} pages, {pdf.stat().st_size / 1e6:.2f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="rounds (each line is the median of the rounds)")
    parser.add_argument("--chapter", default="energy", help="the chapter whose notebook is edited")
    parser.add_argument("--keep", action="store_true", help="keep the scratch copy and print where it is")
    parser.add_argument("--repo", type=Path, default=ROOT,
                        help="the checkout to measure (default: this one), e.g. another worktree of main")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="kztm-bench-"))
    repo = scratch / "repo"
    copy_repository(repo, args.repo.resolve())
    notebook = f"notebooks/{args.chapter}.ipynb"
    edits = [("notebook markdown", notebook, edit_markdown_cell),
             ("notebook ch.say", notebook, edit_say_text),
             ("prose page", PROSE_PAGE, edit_prose_page),
             ("data file", DATA_FILE, edit_data_file)]
    originals = {path: (repo / path).read_text(encoding="utf-8") for _label, path, _edit in edits}
    times: dict[str, list[float]] = {}
    facts = ""
    print(f"Measuring {args.repo.resolve()} in a scratch copy {repo}; {args.runs} rounds; "
          f"edited chapter: {args.chapter}; "
          f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}", flush=True)
    try:
        for round_no in range(1, args.runs + 1):
            clean(repo)
            times.setdefault("cold", []).append(build(repo))
            facts = pdf_facts(repo / "_build" / "pdf" / "report.pdf")
            times.setdefault("no change", []).append(build(repo))
            for label, path, edit in edits:
                target = repo / path
                target.write_text(edit(target.read_text(encoding="utf-8"), f"round {round_no}"), encoding="utf-8")
                times.setdefault(label, []).append(build(repo))
            for path, text in originals.items():
                (repo / path).write_text(text, encoding="utf-8")
            for label, seconds in floor(repo, scratch).items():
                times.setdefault(label, []).append(seconds)
            print(f"round {round_no}: " + ", ".join(f"{k} {v[-1]:.1f} s" for k, v in times.items()), flush=True)
    finally:
        for path, text in originals.items():
            (repo / path).write_text(text, encoding="utf-8")
        if args.keep:
            print(f"Kept: {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)

    med = {k: statistics.median(v) for k, v in times.items()}
    floor_total = sum(v for k, v in med.items() if k.startswith("floor"))
    cold = med["cold"]
    print(f"\nMedians of {args.runs} runs ({os.cpu_count()} cores; edited chapter: {args.chapter}; PDF: {facts})\n")
    print(f"| {'build':<34} | median s | share of cold | runs (s) |")
    print(f"|{'-' * 36}|---------:|--------------:|----------|")
    for key, value in med.items():
        print(f"| {key:<34} | {value:8.1f} | {value / cold:13.0%} | {' '.join(f'{t:.1f}' for t in times[key])} |")
    print(f"| {'floor (sum of the pieces)':<34} | {floor_total:8.1f} | {floor_total / cold:13.0%} | |")
    print(f"\ncold / floor = {cold / floor_total:.2f}×  (target ≤ 1.25×)")
    print(f"no change / cold = {med['no change'] / cold:.1%}  (target ≤ 3%)")
    for key in ("notebook markdown", "notebook ch.say", "prose page", "data file"):
        print(f"{key} / cold = {med[key] / cold:.1%}" + ("  (target ≤ 20%)" if key != "data file" else ""))


if __name__ == "__main__":
    main()
