"""Build timings, printed as medians of several runs (a script, not a test: machines here are shared).

  cold      every chapter executed (--force) + HTML (full Sphinx build) + PDF
  no-change the same build again: nothing re-executed, incremental Sphinx, PDF
  one-change one chapter's notebook touched (content changed), the rest cached
  sequential vs parallel execution of all chapters (--jobs 1 vs --jobs N)

Run: .venv/bin/python benchmarks/build_times.py [--runs 3] [--no-pdf]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kztm.pipeline.book import STAGING_DIR  # noqa: E402
from kztm.pipeline.build import build  # noqa: E402
from kztm.pipeline.config import load_config  # noqa: E402
from kztm.pipeline.execute import execute_chapters  # noqa: E402


def quiet(_msg):
    pass


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-pdf", action="store_true")
    args = parser.parse_args()
    config = load_config()
    pdf = not args.no_pdf
    chapters = list(config.chapters.values())
    jobs = os.cpu_count() or 2
    results = {"cold": [], "no-change": [], "one-change": [], "sequential": [], "parallel": []}

    for run in range(args.runs):
        shutil.rmtree(STAGING_DIR, ignore_errors=True)
        results["cold"].append(timed(lambda: build(config, force=True, pdf=pdf, progress=quiet)))
        results["no-change"].append(timed(lambda: build(config, pdf=pdf, progress=quiet)))
        # Change one chapter's inputs: append a harmless metadata key to a copy of its parameters.
        first = chapters[0]
        changed = type(first)(first.name, first.title, first.notebook, {**first.parameters, "_bench": run})
        changed_config = type(config)({**config.chapters, first.name: changed}, config.scenarios)
        results["one-change"].append(timed(lambda cfg=changed_config: build(cfg, pdf=pdf, progress=quiet)))
        scratch = ROOT / "_build" / "bench-chapters"
        results["sequential"].append(
            timed(lambda out=scratch: execute_chapters(chapters, out, jobs=1, force=True, progress=quiet)))
        results["parallel"].append(
            timed(lambda out=scratch: execute_chapters(chapters, out, jobs=jobs, force=True, progress=quiet)))
        shutil.rmtree(scratch, ignore_errors=True)
        print(f"run {run + 1}: " + ", ".join(f"{k} {v[-1]:.1f} s" for k, v in results.items()), flush=True)

    med = {k: statistics.median(v) for k, v in results.items()}
    print(f"\nMedians of {args.runs} runs ({len(chapters)} chapters, {jobs} cores, PDF {'on' if pdf else 'off'}):")
    for key, value in med.items():
        print(f"  {key:<11} {value:6.1f} s")
    print(f"  no-change / cold   = {med['no-change'] / med['cold']:.1%}  (target ≤ 15%)")
    print(f"  one-change / cold  = {med['one-change'] / med['cold']:.1%}")
    print(f"  sequential / parallel = {med['sequential'] / med['parallel']:.2f}×  (target ≥ 1.6×)")
    # Leave the book as the default configuration builds it.
    build(config, pdf=pdf, progress=quiet)


if __name__ == "__main__":
    main()
