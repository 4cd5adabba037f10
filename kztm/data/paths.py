"""Where the data layer reads and writes: repository, raw sources, compiled tables, output."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

def default_raw_dir() -> Path:
    env = os.environ.get("KZTM_RAW_DIR")
    return Path(env) if env else (REPO_ROOT / ".." / "shared" / "sources").resolve()


def default_compiled_dir() -> Path:
    """Hand-compiled inputs (written by the facts researcher); always read from the repository."""
    env = os.environ.get("KZTM_COMPILED_DIR")
    return Path(env) if env else REPO_ROOT / "data" / "compiled"


def default_out_dir() -> Path:
    env = os.environ.get("KZTM_DATA_DIR")
    return Path(env) if env else REPO_ROOT / "data"
