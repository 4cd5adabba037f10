"""Record which data files a notebook reads, so the build can hash exactly those.

The build sets ``KZTM_READ_LOG`` to a file path before it executes a chapter; every
call to :func:`record_read` appends one path to it. Outside a build it does nothing.
"""

import os
from pathlib import Path

READ_LOG_ENV = "KZTM_READ_LOG"


def record_read(path) -> None:
    log = os.environ.get(READ_LOG_ENV)
    if not log:
        return
    with open(log, "a", encoding="utf-8") as fh:
        fh.write(str(Path(path).resolve()) + "\n")


def reads_in(log_path) -> list[str]:
    """The distinct files recorded in a read log, sorted."""
    try:
        lines = Path(log_path).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    return sorted({line for line in lines if line})
