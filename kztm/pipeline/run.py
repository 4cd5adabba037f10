"""``python -m kztm run CHAPTER -p NAME VALUE … [-o DIR]``: one chapter, other parameters, its own folder.

The run never touches the book: it executes into a temporary folder, renders a one-page
book there, and moves the result to ``DIR`` only when everything worked. Bad input (unknown
chapter or parameter, a value of the wrong type, a value the chapter refuses) is one
sentence and exit code 2, and nothing is written.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import tempfile
from pathlib import Path

import yaml

from ..params import ParameterError
from ..paths import BOOK_DIR, ROOT, RUNS_DIR
from .config import BuildConfig, Chapter, ConfigError, load_config, notebook_parameters

_TYPES = {"int": int, "float": (int, float), "str": str, "list": list, "bool": bool, "dict": dict}


def parse_overrides(chapter: Chapter, pairs: list[tuple[str, str]]) -> dict:
    """Turn ``-p NAME VALUE`` pairs into typed values, refusing unknown names and wrong types."""
    declared = notebook_parameters(chapter.notebook)
    overrides = {}
    for name, text in pairs:
        if name not in declared:
            raise ConfigError(f"Chapter {chapter.name!r} has no parameter {name!r}; "
                              f"its parameters are {', '.join(declared)}.")
        try:
            value = yaml.safe_load(text)
        except yaml.YAMLError:
            value = text
        kind = declared[name]["type"]
        if kind == "str" and not isinstance(value, str):
            value = text  # e.g. a code that YAML reads as something else
        expected = _TYPES.get(kind)
        if expected and (not isinstance(value, expected) or (kind in ("int", "float") and isinstance(value, bool))):
            raise ConfigError(f"Parameter {name!r} of chapter {chapter.name!r} must be of type {kind}, not {text!r}.")
        overrides[name] = value
    return overrides


def default_run_dir(chapter: Chapter, overrides: dict) -> Path:
    tag = hashlib.sha256(json.dumps(overrides, sort_keys=True).encode()).hexdigest()[:8]
    return RUNS_DIR / f"{chapter.name}-{tag}"


def render_single_page(executed: Path, site_dir: Path, title: str) -> Path:
    """Render one executed notebook as a small book (same theme, charts and CSS) in ``site_dir``."""
    from .book import sphinx_build, write_side_book
    from .pages import write_data_appendix

    src = site_dir / "src"
    (src / "chapters").mkdir(parents=True, exist_ok=True)
    shutil.copy2(executed, src / "chapters" / executed.name)
    write_data_appendix(src / "generated")
    index = f"# {title}\n\n```{{tableofcontents}}\n```\n"
    write_side_book(src, title, index, [f"chapters/{executed.stem}", "generated/data-appendix"])
    html_dir = sphinx_build("html", source=src, staging=site_dir, static_dir=src / "_static", strict=False,
                            progress=lambda _m: None).output
    return html_dir / "chapters" / f"{executed.stem}.html"


def run_chapter(config: BuildConfig, name: str, pairs: list[tuple[str, str]], out_dir: Path | None = None,
                html: bool = True) -> tuple[Path, Path | None]:
    from .execute import ChapterError, execute_chapter

    base = config.chapter(name)
    overrides = parse_overrides(base, pairs)
    chapter = Chapter(base.name, base.title, base.notebook, {**base.parameters, **overrides})
    out_dir = Path(out_dir) if out_dir else default_run_dir(base, overrides)
    if out_dir.resolve() == BOOK_DIR.resolve() or BOOK_DIR in out_dir.resolve().parents:
        raise ConfigError(f"The output folder {out_dir} is inside book/; choose a folder outside the book.")
    with tempfile.TemporaryDirectory(prefix=f"kztm-run-{name}-") as tmp:
        tmp = Path(tmp)
        try:
            executed = execute_chapter(chapter, tmp / "executed").output
        except ChapterError as exc:
            if exc.ename == "ParameterError":
                raise ParameterError(f"Chapter {name!r} refused a parameter: {exc.evalue}") from None
            raise
        page = render_single_page(executed, tmp / "site", f"{base.title} ({name}, custom parameters)") if html else None
        (tmp / "parameters.json").write_text(json.dumps(chapter.parameters, indent=1, sort_keys=True))
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        if out_dir.exists():
            shutil.rmtree(out_dir)
        out_dir.mkdir()
        shutil.copy2(executed, out_dir / executed.name)
        shutil.copy2(tmp / "parameters.json", out_dir / "parameters.json")
        html_path = None
        if page is not None:
            site = page.parent.parent  # the whole small book, so its links and _static work
            shutil.copytree(site, out_dir / "html")
            html_path = out_dir / "html" / "chapters" / page.name
    return out_dir / executed.name, html_path


def parameters_help(config: BuildConfig) -> str:
    lines = ["Chapters and their parameters (from each notebook's parameters cell):"]
    for chapter in config.chapters.values():
        lines.append(f"\n  {chapter.name}  ({chapter.notebook.relative_to(ROOT)})")
        if not chapter.notebook.exists():
            lines.append("    (notebook not written yet)")
            continue
        for pname, info in notebook_parameters(chapter.notebook).items():
            lines.append(f"    {pname} ({info['type']}, default {info['default']}): {info['help']}")
    return "\n".join(lines)


def _cmd_run(args) -> int:
    config = load_config()
    notebook, html_path = run_chapter(config, args.chapter, args.param or [], args.output, html=not args.no_html)
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
                   help="set a parameter (repeatable); VALUE is read as YAML: 2030, 0.05, [UZB, KGZ], KAZ")
    r.add_argument("-o", "--output", type=Path, help="output folder (default _build/runs/<chapter>-<hash>)")
    r.add_argument("--no-html", action="store_true", help="execute only, do not render HTML")
    r.set_defaults(func=_cmd_run)
