"""Command line: ``python -m kztm build | run | data | new-chapter``.

Exit codes: 0 success; 1 a build step failed (the last good book stays) or a folder cannot be
written; 2 bad input: a malformed ``chapters.yml``, an unknown chapter, parameter or scenario,
a value a chapter refuses, a bad data file, an output folder that is not the run's to replace,
or another build or run already working in this folder. Every error is one sentence on stderr,
and nothing of the failed run is left behind: SIGTERM and SIGHUP are turned into an ordinary
exit, so temporary folders are removed and the workers stopped as on Ctrl-C.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import signal
import sys

from ..paths import BUILD_DIR, ROOT
from .config import ConfigError, load_config

LOCK_FILE = BUILD_DIR / ".lock"


class BusyError(RuntimeError):
    """Another build or run holds the lock of this folder."""


@contextlib.contextmanager
def pipeline_lock(path=None):
    """Hold an exclusive lock on ``_build/.lock`` (released by the system when the process ends, even on kill -9).

    Raises :class:`BusyError` at once when another ``kztm build``, ``run`` or ``data`` holds it.
    """
    path = path or LOCK_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise BusyError(f"Another build or run is working in {path.parent.parent} ({holder}); "
                            "wait for it to finish, then try again.") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"process {os.getpid()}: kztm {' '.join(sys.argv[1:2])}")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


def _cmd_build(args) -> int:
    from .build import build

    config = load_config()
    with pipeline_lock():
        if args.scenario:
            from .build import build_scenario

            config.scenario(args.scenario)  # an unknown or broken scenario fails here, before anything is written
            build_scenario(config, args.scenario, jobs=args.jobs, force=args.force, pdf=not args.no_pdf)
            return 0
        timings = build(config, jobs=args.jobs, force=args.force, pdf=not args.no_pdf)
    print("Done in " + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items()) + ".")
    return 0


def _cmd_data(args) -> int:
    from ..data.derive import main as derive_main

    with pipeline_lock():
        return derive_main((["--raw", args.raw] if args.raw else []) + (["--out", args.out] if args.out else []))


def _cmd_new_chapter(args) -> int:
    from .scaffold import checklist, scaffold

    for path in scaffold(args.name, args.title, args.dataset, args.column):
        print(f"  wrote {path.relative_to(ROOT)}")
    print(checklist(args.name, args.title))
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m kztm", description="Build the Astana–Ashgabat report.")
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="execute the chapters and build the HTML book and the PDF")
    b.add_argument("--jobs", "-j", type=int, default=None, help="chapters executed at once (default: number of cores)")
    b.add_argument("--force", action="store_true", help="re-execute every chapter even if its inputs are unchanged")
    b.add_argument("--no-pdf", action="store_true", help="build the HTML only")
    b.add_argument("--scenario", help="build a named scenario from chapters.yml into its own folder")
    b.set_defaults(func=_cmd_build)

    d = sub.add_parser("data", help="re-derive data/ from the raw sources")
    d.add_argument("--raw", help="folder of raw source files (default $KZTM_RAW_DIR or ../shared/sources)")
    d.add_argument("--out", help="output folder (default data/)")
    d.set_defaults(func=_cmd_data)

    n = sub.add_parser("new-chapter",
                       help="create the files of a new theme chapter (notebook, charts, computations, tests)")
    n.add_argument("name", help="chapter name: lower case, e.g. water")
    n.add_argument("--title", required=True, help="the chapter's title")
    n.add_argument("--dataset", default="macro", help="dataset of the starting chart (default macro)")
    n.add_argument("--column", default="gdp_growth_pct", help="number column of the starting chart")
    n.set_defaults(func=_cmd_new_chapter)

    from .run import add_run_command

    add_run_command(sub)
    return p


class Stopped(SystemExit):
    """SIGTERM or SIGHUP arrived: unwind (removing temporary files, stopping workers), then exit 128 + signal."""


def _exit_on_signal(signum, _frame):
    raise Stopped(128 + signum)


def _exit_now(code: int) -> int:
    """Leave at once after an interruption: the cleanup has run, and a process pool whose workers were
    killed must not be waited for at interpreter exit."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main(argv=None) -> int:
    from ..data.loader import DataError
    from ..params import ParameterError
    from .book import BookError
    from .execute import BAD_INPUT_ERRORS, ChapterError
    from .pdf import PdfError

    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _exit_on_signal)
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except (ConfigError, ParameterError, DataError, BusyError) as exc:
        return _fail(exc, 2)
    except ChapterError as exc:
        if exc.ename in BAD_INPUT_ERRORS:
            return _fail(exc, 2)
        return _fail(exc, 1)
    except (BookError, PdfError) as exc:
        return _fail(exc, 1)
    except OSError as exc:  # a read-only or full disk, a folder removed under us
        where = f" {exc.filename}" if exc.filename else " a file"
        return _fail(f"Cannot use{where}: {exc.strerror or exc}; the last good book is unchanged.", 1)
    except KeyboardInterrupt:
        return _exit_now(_fail("Interrupted; the last good book is unchanged.", 130))
    except Stopped as exc:
        return _exit_now(_fail("Stopped by a signal; the last good book is unchanged.", exc.code))


def _fail(message, code: int) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code
