"""Compile the executed chapters into the book with Jupyter Book 1, keeping the last good book.

Sphinx builds into a staging folder (kept between builds so they are incremental);
only a build with no warning replaces the published folder, by renaming, so a failed
build leaves the previous book untouched.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..paths import BIBLIOGRAPHY, BOOK_CONFIG, BOOK_DIR, ROOT, STAGING_DIR, STATIC_DIR


class BookError(RuntimeError):
    """Jupyter Book / Sphinx reported an error or a warning."""


#: The package's code that runs inside Sphinx (the MIME renderer, the citation style, the page-script fix).
SPHINX_SIDE_CODE = ROOT / "kztm" / "report"


def _book_inputs(source: Path) -> list[Path]:
    """Every file the book is compiled from (hidden files such as the build's state are not), and the
    package's code that runs inside Sphinx (:data:`SPHINX_SIDE_CODE`)."""
    folders = [BOOK_DIR] if source == ROOT else [source]
    files = [source / "_config.yml", source / "_toc.yml"] + sorted(SPHINX_SIDE_CODE.glob("*.py"))
    for folder in folders:
        files += [p for p in folder.rglob("*")
                  if p.is_file() and "_build" not in p.parts
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts)]
    return files


_HEADING = re.compile(r"^(#{1,6} .*|\(\S+\)=)\s*$", re.MULTILINE)
_GLUE_FROM = re.compile(r"\{glue(?::\w+)?\}`([^`:]+\.ipynb)::")


def _structure(path: Path, text: bytes) -> list[str]:
    """The headings and targets of a page (MyST or an executed notebook): what other pages show of it
    (navigation, previous/next links, cross-reference texts)."""
    if path.suffix == ".md":
        return _HEADING.findall(text.decode("utf-8", errors="replace"))
    if path.suffix == ".ipynb":
        cells = json.loads(text).get("cells", [])
        return [h for c in cells if c.get("cell_type") == "markdown" for h in _HEADING.findall("".join(c["source"]))]
    return []


def _manifest(source: Path) -> dict:
    """Each input's hash, and each page's structure (see :func:`_structure`), keyed by path relative to ``source``."""
    files, structure = {}, {}
    for path in sorted(_book_inputs(source)):
        data = path.read_bytes()
        name = path.relative_to(source).as_posix() if path.is_relative_to(source) else \
            "package:" + path.relative_to(ROOT).as_posix()
        files[name] = hashlib.sha256(data).hexdigest()
        if path.suffix in (".md", ".ipynb"):
            structure[name] = _structure(path, data)
    return {"files": files, "structure": structure}


def _incremental_plan(source: Path, before: dict | None, now: dict) -> list[Path] | None:
    """The pages to mark as changed for a safe incremental build, or None when every page must be written.

    Incremental only when prose changed: the same files, the same configuration, table of contents,
    theme files and bibliographies, and every page with the same headings and targets (so no other
    page's navigation, previous/next link or cross-reference text can go stale). Pages that paste a
    value glued in a changed notebook (``{glue:text}`…ipynb::key```) are marked changed too: Sphinx
    would not re-read them. Figure numbers and citations are kept current by Sphinx and sphinxcontrib-bibtex.
    """
    if before is None or set(before["files"]) != set(now["files"]) or before["structure"] != now["structure"]:
        return None
    changed = [name for name, digest in now["files"].items() if before["files"][name] != digest]
    for name in changed:
        if not name.endswith((".md", ".ipynb")) and "/downloads/" not in f"/{name}":
            return None  # configuration, theme, templates, bibliographies, static files
    dependents = []
    notebooks = {name for name in changed if name.endswith(".ipynb")}
    for name in now["structure"]:
        if name.endswith(".md") and notebooks:
            text = (source / name).read_text(encoding="utf-8", errors="replace")
            folder = posixpath.dirname(name)
            pasted = {posixpath.normpath(posixpath.join(folder, ref)) for ref in _GLUE_FROM.findall(text)}
            if pasted & notebooks:
                dependents.append(source / name)
    return dependents


@dataclass(frozen=True)
class SphinxResult:
    output: Path  # the builder's output folder in the staging area
    rebuilt: bool  # False when no input changed since the last good build


def sphinx_build(builder: str, source: Path = ROOT, staging: Path = STAGING_DIR, static_dir: Path = STATIC_DIR,
                 strict: bool = True, progress=print) -> SphinxResult:
    """Run ``jupyter-book build`` (warnings as errors when ``strict``) unless no input changed.

    When only prose changed (see :func:`_incremental_plan`), Sphinx rebuilds incrementally: it re-reads and
    writes only the changed pages (and those that paste their values). Anything else writes every page
    again on a clean output folder (Sphinx's ``-a``; its cached environment still spares re-reading the
    unchanged sources), so no page keeps another page's old title, cross-reference or ``_static`` file.
    """
    write_vega_bundle(static_dir)
    staging.mkdir(parents=True, exist_ok=True)
    output = staging / "_build" / builder
    stamp = staging / f"inputs-{builder}.json"
    now = _manifest(source)
    before = json.loads(stamp.read_text(encoding="utf-8")) if stamp.exists() and output.is_dir() else None
    if before == now:
        progress(f"  = {builder}: no input changed, not rebuilt")
        return SphinxResult(output, False)
    plan = _incremental_plan(source, before, now)
    cmd = [str(Path(sys.executable).with_name("jupyter-book")), "build", str(source), "--path-output", str(staging),
           "--builder", builder, "-q"]
    if plan is None:
        shutil.rmtree(output, ignore_errors=True)
        cmd.append("--all")
    else:
        for page in plan:
            os.utime(page)  # newer than Sphinx's last reading: read and written again
    if strict:
        cmd += ["-W", "-n", "--keep-going"]
    progress(f"Building {builder} with Jupyter Book{' (changed pages only)' if plan is not None else ''} …")
    stamp.unlink(missing_ok=True)
    # The reference list's formatted entries are kept between runs (kztm/report/citations.py).
    env = {**os.environ, "KZTM_BIBTEX_CACHE": str(staging / f".bibtex-{builder}.pickle")}
    proc = subprocess.run(cmd, cwd=source, capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        problems = [line for line in (proc.stdout + proc.stderr).splitlines()
                    if "WARNING" in line or "ERROR" in line or "Error" in line]
        detail = "\n".join(problems[-15:]) or (proc.stdout + proc.stderr)[-3000:]
        raise BookError(f"The {builder} build failed; the previous book is unchanged.\n{detail}")
    normalise_asset_links(output)
    prune_search_index(output)
    stamp.write_text(json.dumps(now, sort_keys=True), encoding="utf-8")
    return SphinxResult(output, True)


_HASHED_ASSET = re.compile(r'(/[\w.-]*\.[0-9a-f]{32,}\.(?:css|js))\?v=[0-9a-f]+"')


def normalise_asset_links(output: Path) -> None:
    """Drop Sphinx's ``?v=`` from links to assets whose name already carries a content hash.

    Sphinx adds ``?v=`` only when the file is already in the output while the page is written: a page
    written while the file is already there links ``mystnb.<hash>.css?v=…``, the same page from a full build
    does not. The name's hash already changes with the content, so the query adds nothing.
    """
    for page in output.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        fixed = _HASHED_ASSET.sub(r'\1"', text)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")


def prune_search_index(output: Path) -> None:
    """Drop the words no page contains any more from Sphinx's search index.

    An incremental build removes a re-read page's words from each word's list but keeps the word with an
    empty list, so the index would differ from a full build's; it is written back as Sphinx writes it.
    """
    index = output / "searchindex.js"
    prefix, suffix = "Search.setIndex(", ")"
    if not index.exists():
        return
    text = index.read_text(encoding="utf-8")
    if not (text.startswith(prefix) and text.endswith(suffix)):
        return
    data = json.loads(text[len(prefix):-len(suffix)])
    pruned = False
    for key in ("terms", "titleterms"):
        words = data.get(key) or {}
        empty = [word for word, where in words.items() if where in ([], {})]
        for word in empty:
            del words[word]
        pruned = pruned or bool(empty)
    if pruned:
        index.write_text(prefix + json.dumps(data, sort_keys=True) + suffix, encoding="utf-8")


NO_PDF_SCRIPT = "kztm-no-pdf.js"


def write_side_book(src: Path, title: str, index_text: str, chapter_files: list[str], pdf: bool = True) -> Path:
    """Lay out a small book in ``src`` (a scenario, or one chapter run with other parameters).

    It uses the main book's configuration, theme, CSS, Vega bundle and bibliography; ``index_text``
    is its first page and ``chapter_files`` (paths relative to ``src``, without suffix) follow.
    Without ``pdf`` (no PDF is printed for it) its pages offer no PDF link (see book/_static/kztm.js).
    """
    (src / "_static").mkdir(parents=True, exist_ok=True)
    for path in STATIC_DIR.iterdir():
        if path.is_file() and path.name != "vega-bundle.js":
            shutil.copy2(path, src / "_static" / path.name)
    write_vega_bundle(src / "_static")
    config = yaml.safe_load(BOOK_CONFIG.read_text(encoding="utf-8"))
    config.update({"title": title, "only_build_toc_files": True, "exclude_patterns": ["_build", "**/.*"]})
    config["sphinx"]["config"]["html_static_path"] = ["_static"]
    no_pdf = src / "_static" / NO_PDF_SCRIPT
    if pdf:
        no_pdf.unlink(missing_ok=True)
    else:
        no_pdf.write_text("window.kztmNoPdf = true;  // this book has no PDF edition\n", encoding="utf-8")
        scripts = config["sphinx"]["config"].get("html_js_files", [])
        config["sphinx"]["config"]["html_js_files"] = [NO_PDF_SCRIPT, *scripts]
    bibfiles = [ROOT / name for name in config.get("bibtex_bibfiles") or [BIBLIOGRAPHY.relative_to(ROOT)]]
    for bib in bibfiles:  # every bibliography of the main book: chapters cite from all of them
        shutil.copy2(bib, src / bib.name)
    config["bibtex_bibfiles"] = [bib.name for bib in bibfiles]
    (src / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (src / "references.md").write_text("# References\n\n```{bibliography}\n```\n", encoding="utf-8")
    toc = {"format": "jb-book", "root": "index",
           "chapters": [{"file": f} for f in chapter_files] + [{"file": "references"}]}
    (src / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf-8")
    if (src / "index.md").exists() is False or (src / "index.md").read_text(encoding="utf-8") != index_text:
        (src / "index.md").write_text(index_text, encoding="utf-8")
    return src


def publish(staged: Path, target: Path) -> Path:
    """Replace ``target`` with a copy of ``staged`` by renaming (the old copy goes only once the new one is whole)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = target.with_name(target.name + ".new")
    old = target.with_name(target.name + ".old")
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.rmtree(old, ignore_errors=True)
    shutil.copytree(staged, fresh)
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return target


# --- the Vega bundle served from the book's _static folder ---------------------

BUNDLE_NAME = "vega-bundle.js"


def write_vega_bundle(static_dir) -> Path:
    """Write the self-contained vega + vega-lite + vega-embed bundle into ``static_dir``.

    The bundle declares top-level constants (``const _`` among them) that clash with
    Sphinx's own scripts, so it is wrapped in a function scope; it exposes
    ``window.vegaEmbed``. Its first line names the vl-convert release it comes from: the bundle
    is generated (about 3 s) and written only when that release changes or the file is not whole.
    """
    from importlib.metadata import version

    target = Path(static_dir) / BUNDLE_NAME
    stamp = f"/* vega bundle from vl-convert-python {version('vl-convert-python')} */\n"
    if target.exists():
        with target.open("rb") as handle:
            first = handle.readline()
            handle.seek(max(0, target.stat().st_size - 16))
            tail = handle.read()
        if first == stamp.encode() and tail.endswith(b"})();\n"):
            return target
    import vl_convert

    body = stamp + "(function () {\n" + vl_convert.javascript_bundle() + "\n})();\n"
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    tmp.write_text(body, encoding="utf-8")
    tmp.replace(target)
    return target
