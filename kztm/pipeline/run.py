"""``python -m kztm run CHAPTER -p NAME VALUE … [-o DIR]``: one chapter, other parameters, its own folder.

The run never touches the book: it executes into a temporary folder, renders a one-page
book there, and moves the result to ``DIR`` only when everything worked. Bad input (unknown
chapter or parameter, a value of the wrong type, a value the chapter refuses) is one
sentence and exit code 2, and nothing is written.

``DIR`` is never emptied blindly: a run marks its folder with :data:`MARKER`; an existing
``DIR`` is replaced only when it is empty or holds that marker (a previous run's output), and
folders of the repository's sources or of the published book are refused. The new output is
assembled beside ``DIR`` and swapped in by renaming, so the previous run goes only once the
new one is whole.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

import nbformat
import yaml

from ..params import check_codes, normalise_codes, peers_note
from ..paths import BUILD_DIR, HTML_DIR, PDF_DIR, ROOT, RUNS_DIR, SCENARIOS_DIR
from ..report.escape import escape_myst
from .config import (
    BuildConfig,
    Chapter,
    ConfigError,
    effective_parameters,
    load_config,
    notebook_parameters,
    type_problem,
)

#: The file that marks a folder as a run's output (its content: the chapter and parameters).
MARKER = ".kztm-run.json"
TEMP_PREFIX = "kztm-run-"

#: Folders a run's output may not be in: the repository's sources and the published book.
PROTECTED = {
    "the repository's sources": [ROOT / name for name in ("notebooks", "book", "data", "kztm", "tests", ".git",
                                                          ".ci", "benchmarks", ".venv")],
    "the published book": [HTML_DIR, PDF_DIR, SCENARIOS_DIR],
}
_NONE_WORDS = {"null", "none", "~"}


# --- parameters as users type them -------------------------------------------------------

def parse_value(text: str, info: dict):
    """A ``-p`` value typed as the notebook declares it (``info`` from :func:`notebook_parameters`).

    Accepts what papermill's ``-p`` accepts and a little more: ``1e3``/``1.5e3`` as numbers,
    ``null``/``None`` for an optional parameter, ``UZB,KGZ`` or ``[UZB, KGZ]`` for a list, text
    as typed for ``str``. Returns the value, or raises ValueError with the accepted form.
    """
    base = info["base"].split("[", 1)[0].strip().lower()
    stripped = text.strip()
    if stripped.lower() in _NONE_WORDS and (info["optional"] or base not in ("str",)):
        return None
    if base == "str":
        return text
    if base in ("int", "float"):
        try:
            number = int(stripped)
        except ValueError:
            try:
                number = float(stripped)
            except ValueError:
                loaded = _yaml(stripped)
                if isinstance(loaded, (int, float)) and not isinstance(loaded, bool):
                    number = loaded
                else:
                    raise ValueError("a number such as 2030, 0.5 or 1e3") from None
        if base == "int" and isinstance(number, float):
            if not number.is_integer():
                raise ValueError("a whole number such as 2030")
            number = int(number)
        return number
    if base == "list":
        loaded = _yaml(stripped) if stripped.startswith("[") else None
        if isinstance(loaded, list):
            return loaded
        if stripped.startswith("["):
            raise ValueError("a list such as UZB,KGZ or [UZB, KGZ]")
        return [item.strip() for item in stripped.split(",") if item.strip()]
    if base == "bool":
        loaded = _yaml(stripped)
        if isinstance(loaded, bool):
            return loaded
        raise ValueError("true or false")
    loaded = _yaml(stripped)
    return text if loaded is _BAD else loaded


_BAD = object()


def _yaml(text: str):
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return _BAD


def parse_overrides(chapter: Chapter, pairs: list[tuple[str, str]]) -> dict:
    """Turn ``-p NAME VALUE`` pairs into typed values, refusing unknown names, wrong types, NaN and infinity.

    Country codes come back in upper case. Raises :class:`ConfigError` (one sentence).
    """
    declared = notebook_parameters(chapter.notebook)
    overrides = {}
    for name, text in pairs:
        if name not in declared:
            raise ConfigError(f"Chapter {chapter.name!r} has no parameter {name!r}; "
                              f"its parameters are {', '.join(declared)}.")
        info = declared[name]
        try:
            value = parse_value(text, info)
        except ValueError as exc:
            raise ConfigError(f"Parameter {name!r} of chapter {chapter.name!r} must be of type {info['type']}, "
                              f"not {text!r}: write {exc}.") from None
        problem = type_problem(value, info)
        if problem:
            raise ConfigError(f"Parameter {name!r} of chapter {chapter.name!r} must be {problem}, not {text!r}.")
        overrides[name] = value
    overrides = normalise_codes(overrides)
    check_codes(overrides)
    return overrides


# --- the output folder -------------------------------------------------------------------

def default_run_dir(chapter: Chapter, overrides: dict) -> Path:
    tag = hashlib.sha256(json.dumps(overrides, sort_keys=True).encode()).hexdigest()[:8]
    return RUNS_DIR / f"{chapter.name}-{tag}"


def check_output_dir(out_dir: Path) -> Path:
    """``out_dir`` resolved, if a run may write there; else :class:`ConfigError` (one sentence).

    Refused: a folder of the repository's sources or the published book (or inside one), the
    repository itself or a folder that contains it, a file, and a non-empty folder without
    :data:`MARKER` (it holds something a run did not make).
    """
    target = Path(out_dir).expanduser().resolve()
    root = ROOT.resolve()
    if target == root or target in root.parents:
        raise ConfigError(f"The output folder {out_dir} holds the repository itself; choose a folder of its own.")
    for what, folders in PROTECTED.items():
        for folder in folders:
            folder = folder.resolve()
            if target == folder or folder in target.parents:
                raise ConfigError(f"The output folder {out_dir} is inside {what} ({folder.relative_to(root)}/); "
                                  "choose a folder outside it, such as _build/runs/NAME.")
    if target == BUILD_DIR.resolve():
        raise ConfigError(f"The output folder {out_dir} is the build folder; choose a folder such as _build/runs/NAME.")
    inside_build = target.relative_to(BUILD_DIR.resolve()).parts if target.is_relative_to(BUILD_DIR.resolve()) else ()
    if any(part.startswith(".") for part in inside_build):  # .staging, .print-html …: the build's working folders
        raise ConfigError(f"The output folder {out_dir} is inside one of the build's working folders "
                          f"(_build/{inside_build[0]}/); choose a folder such as _build/runs/NAME.")
    if target.exists() and not target.is_dir():
        raise ConfigError(f"The output folder {out_dir} is a file; choose a folder.")
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).is_file():
        raise ConfigError(f"The output folder {out_dir} is not empty and was not made by `kztm run`; "
                          "choose an empty or new folder (nothing was written).")
    return target


def _replace_dir(fresh: Path, target: Path) -> None:
    """Put ``fresh`` at ``target`` by renaming; a previous ``target`` goes only once ``fresh`` is in place."""
    old = target.with_name(f".{target.name}.kztm-old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    try:
        fresh.rename(target)
    except OSError:
        if old.exists():
            old.rename(target)  # put the previous run back
        raise
    shutil.rmtree(old, ignore_errors=True)


def remove_stale_temp_folders(folder: Path | None = None) -> list[Path]:
    """Remove ``kztm-run-*`` folders left by runs that were killed (their process no longer exists)."""
    import psutil

    folder = Path(folder or tempfile.gettempdir())
    removed = []
    for path in folder.glob(f"{TEMP_PREFIX}*"):
        match = re.match(rf"{TEMP_PREFIX}\w[\w-]*?-p(\d+)-", path.name)
        if match and path.is_dir() and not psutil.pid_exists(int(match.group(1))):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


# --- the run -----------------------------------------------------------------------------

def parameters_note(chapter: Chapter, overrides: dict) -> str:
    """MyST for the top of a run's page: how it was made and every parameter value (escaped)."""
    rows = []
    for name, value in effective_parameters(chapter).items():
        shown = ", ".join(map(str, value)) if isinstance(value, (list, tuple)) else value
        rows.append(f"| `{name}` | {escape_myst('none' if shown is None else shown)} | "
                    f"{'**set for this run**' if name in overrides else 'as in the book'} |")
    return ("\n:::{admonition} Parameters of this run\n"
            f"This page was made by `python -m kztm run {chapter.name}`; it is not part of the report. "
            "Its parameters:\n\n| Parameter | Value | |\n|---|---|---|\n" + "\n".join(rows) + "\n:::\n")


def _add_parameters_note(notebook: Path, note: str) -> None:
    """Insert ``note`` as a Markdown cell right after the page title (the first heading cell)."""
    nb = nbformat.read(notebook, as_version=4)
    at = next((i + 1 for i, cell in enumerate(nb.cells)
               if cell.cell_type == "markdown" and cell.source.lstrip().startswith("# ")), 0)
    nb.cells.insert(at, nbformat.v4.new_markdown_cell(note))
    nbformat.write(nb, notebook)


def render_single_page(executed: Path, site_dir: Path, title: str, note: str = "",
                       chapter: Chapter | None = None) -> Path:
    """Render one executed notebook as a small book (same theme, charts and CSS) in ``site_dir``.

    ``note`` (MyST) goes right under the chapter's title; the book has no PDF edition, so no PDF link.
    """
    from .book import sphinx_build, write_side_book
    from .pages import write_side_pages

    src = site_dir / "src"
    (src / "chapters").mkdir(parents=True, exist_ok=True)
    shutil.copy2(executed, src / "chapters" / executed.name)
    if note:
        _add_parameters_note(src / "chapters" / executed.name, note)
    pages = write_side_pages(src, [chapter]) if chapter else []
    index = f"# {escape_myst(title)}\n{note}\n```{{tableofcontents}}\n```\n"
    write_side_book(src, f"Astana–Ashgabat: {executed.stem} (custom parameters)", index,
                    [f"chapters/{executed.stem}", *pages], pdf=False)
    html_dir = sphinx_build("html", source=src, staging=site_dir, static_dir=src / "_static", strict=False,
                            progress=lambda _m: None).output
    return html_dir / "chapters" / f"{executed.stem}.html"


def run_chapter(config: BuildConfig, name: str, pairs: list[tuple[str, str]], out_dir: Path | None = None,
                html: bool = True, progress=print) -> tuple[Path, Path | None]:
    """Execute chapter ``name`` with ``pairs`` (-p NAME VALUE) into ``out_dir``; return (notebook, html page).

    Raises :class:`ConfigError` for a bad request or output folder and :class:`ParameterError`
    for a value the chapter refuses, before anything is written.
    """
    from ..params import ParameterError
    from .execute import BAD_INPUT_ERRORS, ChapterError, execute_chapter

    base = config.chapter(name)
    overrides = parse_overrides(base, pairs)
    chapter = Chapter(base.name, base.title, base.notebook, {**base.parameters, **overrides})
    requested = Path(out_dir) if out_dir else default_run_dir(base, overrides)
    target = check_output_dir(requested)
    params = effective_parameters(chapter)
    if "peers" in overrides or {"country_a", "country_b"} & set(overrides):
        dropped = [p for p in params.get("peers", []) if p in (params.get("country_a"), params.get("country_b"))]
        if dropped:
            progress(peers_note(dropped, str(params.get("country_a")), str(params.get("country_b"))))
    remove_stale_temp_folders()
    with tempfile.TemporaryDirectory(prefix=f"{TEMP_PREFIX}{name}-p{os.getpid()}-") as tmp:
        tmp = Path(tmp)
        try:
            executed = execute_chapter(chapter, tmp / "executed").output
        except ChapterError as exc:
            if exc.ename in BAD_INPUT_ERRORS:
                raise ParameterError(f"Chapter {name!r} refused a parameter: {exc.evalue}") from None
            raise
        page = None
        if html:
            note = parameters_note(chapter, overrides)
            page = render_single_page(executed, tmp / "site", f"{base.title} ({name}, custom parameters)", note,
                                      chapter)
        fresh = tmp / "out"
        fresh.mkdir()
        shutil.copy2(executed, fresh / executed.name)
        (fresh / "parameters.json").write_text(json.dumps(params, indent=1, sort_keys=True))
        if page is not None:
            shutil.copytree(page.parent.parent, fresh / "html")  # the whole small book, so its links work
        (fresh / MARKER).write_text(json.dumps({"chapter": name, "parameters": overrides}, sort_keys=True))
        target.parent.mkdir(parents=True, exist_ok=True)
        # Moved beside the target first (same filesystem), then swapped in by renaming.
        staged = target.with_name(f".{target.name}.kztm-new-{os.getpid()}")
        shutil.rmtree(staged, ignore_errors=True)
        try:
            shutil.copytree(fresh, staged)
            _replace_dir(staged, target)
        finally:
            shutil.rmtree(staged, ignore_errors=True)
    out = requested
    return out / executed.name, (out / "html" / "chapters" / page.name) if page is not None else None


def parameters_help(config: BuildConfig) -> str:
    lines = ["Chapters and their parameters (from each notebook's parameters cell):"]
    for chapter in config.chapters.values():
        lines.append(f"\n  {chapter.name}  ({chapter.notebook.relative_to(ROOT)})")
        for pname, info in notebook_parameters(chapter.notebook).items():
            lines.append(f"    {pname} ({info['type']}, default {info['default']}): {info['help']}")
    return "\n".join(lines)


def _cmd_run(args) -> int:
    from .cli import pipeline_lock

    config = load_config()
    with pipeline_lock():
        notebook, html_path = run_chapter(config, args.chapter, args.param or [], args.output,
                                          html=not args.no_html)
    print(f"Executed notebook: {notebook}")
    if html_path:
        print(f"HTML: {html_path}")
    return 0


def add_run_command(sub) -> None:
    try:
        epilog = parameters_help(load_config())
    except Exception as exc:  # a broken config must not break --help
        epilog = f"(could not list the parameters: {exc})"
    r = sub.add_parser("run", help="run one chapter with other parameters into its own folder",
                       epilog=epilog, formatter_class=argparse.RawDescriptionHelpFormatter)
    r.add_argument("chapter", help="chapter name, as in chapters.yml")
    r.add_argument("-p", "--param", nargs=2, action="append", metavar=("NAME", "VALUE"),
                   help="set a parameter (repeatable): 2030, 0.05, 1e3, null (optional parameters), "
                        "UZB,KGZ or [UZB, KGZ] for a list, KAZ")
    r.add_argument("-o", "--output", type=Path,
                   help="output folder: new, empty, or a previous run's (default _build/runs/<chapter>-<hash>)")
    r.add_argument("--no-html", action="store_true", help="execute only, do not render HTML")
    r.set_defaults(func=_cmd_run)

