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

from .charts import write_vega_bundle
from .config import ROOT

BUILD_DIR = ROOT / "_build"
STAGING_DIR = BUILD_DIR / ".staging"
STATIC_DIR = ROOT / "book" / "_static"


class BookError(RuntimeError):
    """Jupyter Book / Sphinx reported an error or a warning."""


def _static_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in sorted(STATIC_DIR.rglob("*")):
        if path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def sphinx_build(builder: str, staging: Path = STAGING_DIR, progress=print) -> Path:
    """Run ``jupyter-book build`` with warnings as errors; return the staging output folder."""
    write_vega_bundle(STATIC_DIR)
    staging.mkdir(parents=True, exist_ok=True)
    # Sphinx does not notice changed files in _static on an incremental build.
    stamp = staging / f"static-{builder}.sha256"
    fingerprint = _static_fingerprint()
    full = not stamp.exists() or stamp.read_text() != fingerprint
    cmd = [str(Path(sys.executable).with_name("jupyter-book")), "build", str(ROOT), "--path-output", str(staging),
           "--builder", builder, "-W", "-n", "--keep-going", "-q"]
    if full:
        cmd.append("--all")
    progress(f"Building {builder} with Jupyter Book{' (full)' if full else ''} …")
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        problems = [line for line in (proc.stdout + proc.stderr).splitlines()
                    if "WARNING" in line or "ERROR" in line or "Error" in line]
        detail = "\n".join(problems[-15:]) or (proc.stdout + proc.stderr)[-3000:]
        raise BookError(f"The {builder} build failed; the previous book is unchanged.\n{detail}")
    stamp.write_text(fingerprint)
    return staging / "_build" / builder


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
