"""Command line: ``python -m kztm build | run | data``.

Exit codes: 0 success, 1 a build step failed (the last good book stays), 2 bad input
(unknown chapter, parameter, scenario or value), with one sentence saying which.
"""

from __future__ import annotations

import argparse
import sys

from .config import ConfigError, load_config


def _cmd_build(args) -> int:
    from .build import build

    config = load_config()
    if args.scenario:
        from .build import build_scenario

        config.scenario(args.scenario)  # an unknown name fails here, before anything is written
        build_scenario(config, args.scenario, jobs=args.jobs, force=args.force, pdf=not args.no_pdf)
        return 0
    timings = build(config, jobs=args.jobs, force=args.force, pdf=not args.no_pdf)
    print("Done in " + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items()) + ".")
    return 0


def _cmd_data(args) -> int:
    from ..data.derive import main as derive_main

    return derive_main((["--raw", args.raw] if args.raw else []) + (["--out", args.out] if args.out else []))


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

    try:
        from .run import add_run_command

        add_run_command(sub)
    except ImportError:
        pass
    return p


def main(argv=None) -> int:
    from ..params import ParameterError
    from .book import BookError
    from .execute import ChapterError
    from .pdf import PdfError

    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except (ConfigError, ParameterError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except (ChapterError, BookError, PdfError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
