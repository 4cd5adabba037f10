"""Compile the executed chapters into the book with Jupyter Book 1, keeping the last good book.

Sphinx builds into a staging folder (kept between builds so they are incremental);
only a build with no warning replaces the published folder, by renaming, so a failed
build leaves the previous book untouched.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from .charts import write_vega_bundle
from .config import ROOT

BUILD_DIR = ROOT / "_build"
STAGING_DIR = BUILD_DIR / ".staging"
STATIC_DIR = ROOT / "book" / "_static"


class BookError(RuntimeError):
    """Jupyter Book / Sphinx reported an error or a warning."""


def _static_fingerprint(static_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(static_dir.rglob("*")):
        if path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def sphinx_build(builder: str, source: Path = ROOT, staging: Path = STAGING_DIR, static_dir: Path = STATIC_DIR,
                 strict: bool = True, progress=print) -> Path:
    """Run ``jupyter-book build`` (warnings as errors when ``strict``); return the staging output folder."""
    write_vega_bundle(static_dir)
    staging.mkdir(parents=True, exist_ok=True)
    # Sphinx does not notice changed files in _static on an incremental build.
    stamp = staging / f"static-{builder}.sha256"
    fingerprint = _static_fingerprint(static_dir)
    full = not stamp.exists() or stamp.read_text() != fingerprint
    cmd = [str(Path(sys.executable).with_name("jupyter-book")), "build", str(source), "--path-output", str(staging),
           "--builder", builder, "-q"]
    if strict:
        cmd += ["-W", "-n", "--keep-going"]
    if full:
        cmd.append("--all")
    progress(f"Building {builder} with Jupyter Book{' (full)' if full else ''} …")
    proc = subprocess.run(cmd, cwd=source, capture_output=True, text=True)
    if proc.returncode != 0:
        problems = [line for line in (proc.stdout + proc.stderr).splitlines()
                    if "WARNING" in line or "ERROR" in line or "Error" in line]
        detail = "\n".join(problems[-15:]) or (proc.stdout + proc.stderr)[-3000:]
        raise BookError(f"The {builder} build failed; the previous book is unchanged.\n{detail}")
    stamp.write_text(fingerprint)
    return staging / "_build" / builder


def write_side_book(src: Path, title: str, index_text: str, chapter_files: list[str]) -> Path:
    """Lay out a small book in ``src`` (a scenario, or one chapter run with other parameters).

    It uses the main book's configuration, theme, CSS, Vega bundle and bibliography; ``index_text``
    is its first page and ``chapter_files`` (paths relative to ``src``, without suffix) follow.
    """
    (src / "_static").mkdir(parents=True, exist_ok=True)
    for path in STATIC_DIR.iterdir():
        if path.is_file() and path.name != "vega-bundle.js":
            shutil.copy2(path, src / "_static" / path.name)
    write_vega_bundle(src / "_static")
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config.update({"title": title, "only_build_toc_files": True, "exclude_patterns": ["_build", "**/.*"]})
    config["sphinx"]["config"]["html_static_path"] = ["_static"]
    shutil.copy2(ROOT / "book" / "references.bib", src / "references.bib")
    config["bibtex_bibfiles"] = ["references.bib"]
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
