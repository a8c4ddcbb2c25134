"""Throughput of the whole pipeline against plain single-thread Tesseract on the same pages.

    python benchmarks/pipeline.py FOLDER [--workers 1,2] [--limit N]

1. Baseline: every distinct page of FOLDER, rasterised exactly as the workers do it (`ocr.page_images`),
   saved as a PNG, then `tesseract PAGE.png - -l kaz+rus` with OMP_THREAD_LIMIT=1, timed page by page.
2. For each worker count W: `muragat ingest FOLDER --wait` with MURAGAT_WORKERS=W in a fresh, embedded
   MURAGAT_HOME (SQLite, private redis-server, objects in a folder), timed as a whole command.
3. Where FOLDER/../truth.jsonl exists: the export is scored with the shared `eval/score.py`, and the
   baseline text is scored the same way, so both character error rates can be compared.

Figures are ratios against the baseline measured in the same command; absolute seconds depend on the
machine and on whoever else is using it. Nothing here is a pass/fail test.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# benchmarks/ holds scripts named after the packages they measure (ocr.py, matching.py); run as a script,
# this folder is sys.path[0] and would shadow them. So the repository goes first (pipeline_bench also
# imports the project's modules by name, which mypy, looking in this folder first, cannot mistake either).
sys.path.insert(0, str(REPO))

from benchmarks.pipeline_bench.baseline import baseline_cer, pick_files, rasterise, run_baseline  # noqa: E402
from benchmarks.pipeline_bench.common import changed_sources, die  # noqa: E402
from benchmarks.pipeline_bench.report import report  # noqa: E402
from benchmarks.pipeline_bench.runs import run_pipeline  # noqa: E402


def parse_workers(value: str) -> list[int]:
    try:
        counts = [int(v) for v in value.split(",") if v.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r}: give worker counts like 1,2") from None
    if not counts or min(counts) < 1:
        raise argparse.ArgumentTypeError(f"{value!r}: give worker counts of 1 or more, like 1,2")
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path, help="folder of scans, e.g. samples/scans")
    ap.add_argument("--workers", type=parse_workers, default=[1, 2], help="worker counts, e.g. 1,2")
    ap.add_argument("--limit", type=int, help="only the first N files of the folder")
    ap.add_argument("--keep", action="store_true", help="keep the temporary homes and page PNGs")
    args = ap.parse_args()
    folder: Path = args.folder.resolve()
    if not folder.is_dir():
        die(f"{args.folder}: not a folder")
    if shutil.which("tesseract") is None:
        die("tesseract is not installed or not on PATH")
    files = pick_files(folder, args.limit)
    if not files:
        die(f"{args.folder}: no scans in the folder")
    truth_dir = folder.parent if (folder.parent / "truth.jsonl").exists() else None

    started = time.time()
    work = Path(tempfile.mkdtemp(prefix="muragat-bench-"))
    try:
        source = folder
        if args.limit:  # ingest exactly the chosen files, under their own names
            source = work / "scans"
            source.mkdir()
            for f in files:
                link = source / f.relative_to(folder)
                link.parent.mkdir(parents=True, exist_ok=True)
                link.symlink_to(f)
        pngs = work / "pages"
        pngs.mkdir()
        print(f"rasterising {len(files)} files ...", file=sys.stderr, flush=True)
        baseline = rasterise(files, pngs)
        if not baseline.pages:
            die(f"{args.folder}: no readable scans in the folder")
        print(f"baseline: {len(baseline.pages)} pages", file=sys.stderr, flush=True)
        run_baseline(baseline)
        runs = []
        for w in args.workers:
            print(f"pipeline: muragat ingest --wait with {w} worker(s) ...", file=sys.stderr, flush=True)
            runs.append(run_pipeline(source, w, truth_dir, work))
            print(f"  {runs[-1].wall:.1f}s", file=sys.stderr, flush=True)
        base_cer = baseline_cer(truth_dir, baseline) if truth_dir else None
        report([sys.executable, *sys.argv], baseline, runs, base_cer)
        edited = changed_sources(started)
        if edited:
            print(f"\nWARNING: {len(edited)} project files changed during the run (the tree is shared);")
            print("where they are on the processing path, the runs measured different code:")
            print("  " + ", ".join(edited[:8]) + (", ..." if len(edited) > 8 else ""))
    finally:
        if args.keep:
            print(f"kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
