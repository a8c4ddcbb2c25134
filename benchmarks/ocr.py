"""The OCR pipeline against plain single-thread Tesseract, on the same pages, in the same run.

    python benchmarks/ocr.py FOLDER [--limit N] [--workers 1,2] [--languages kaz+rus]

1. Every page of every distinct file in FOLDER (byte-identical re-uploads counted once, as ingest does)
   is rasterised with `ocr.page_images` and saved as a PNG.
2. Page by page, alternating which goes first so both see the same machine load:
   - plain: `tesseract PAGE.png - -l LANGS` with OMP_THREAD_LIMIT=1 (a fresh process, as a user runs it);
   - pipeline: `ocr.process_page` on the same page image, in this process.
3. Where a `truth.jsonl` lies beside the scans (FOLDER or its parent), the character error rate of both,
   computed like the shared `eval/score.py` (NFC, whitespace collapsed, pages joined by a newline),
   overall and per file, with the files where the pipeline is worse than plain Tesseract.
4. Throughput of the pipeline with 1 and with 2 worker processes over all pages.

Timings depend on the machine and on whoever else uses it; the ratios measured in one run are what count.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

os.environ["OMP_THREAD_LIMIT"] = "1"  # before anything can start Tesseract
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import Image  # noqa: E402
from rapidfuzz.distance import Levenshtein  # noqa: E402

from ocr import page_images  # noqa: E402
from ocr.pipeline import process_page  # noqa: E402

MAX_PIXELS = 120_000_000


def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def rasterise(folder: Path, out: Path, limit: int | None, later: set[str]) -> list[tuple[str, int, Path]]:
    """Pages of each distinct file; of byte-identical files the one not named in `later` is kept."""
    pages: list[tuple[str, int, Path]] = []
    seen: set[str] = set()
    files = [p for p in folder.iterdir() if p.is_file() and p.name != "truth.jsonl"]
    for path in sorted(files, key=lambda p: (p.name in later, p.name)):
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if digest in seen:
            continue
        seen.add(digest)
        try:
            images = list(page_images(data, path.name, dpi=300, max_pixels=MAX_PIXELS))
        except Exception as e:  # a bad file is reported and skipped, the benchmark goes on
            print(f"skipped {path.name}: {e}", file=sys.stderr)
            continue
        for number, image in enumerate(images, 1):
            target = out / f"{len(pages):04d}.png"
            image.save(target)
            pages.append((path.name, number, target))
        if limit and len(pages) >= limit:
            break
    return pages


def plain(path: Path, languages: str) -> tuple[str, float]:
    start = time.perf_counter()
    done = subprocess.run(
        ["tesseract", str(path), "-", "-l", languages], capture_output=True, check=True, env=os.environ.copy()
    )
    return done.stdout.decode("utf-8", errors="replace"), time.perf_counter() - start


def pipeline(path: Path, number: int, languages: str) -> tuple[str, float]:
    with Image.open(path) as opened:
        image = opened.copy()
    start = time.perf_counter()
    page = process_page(image, number=number, languages=languages)
    return page.result.text, time.perf_counter() - start


def _pipeline_job(args: tuple[Path, int, str]) -> float:
    return pipeline(*args)[1]


def throughput(pages: Sequence[tuple[str, int, Path]], workers: int, languages: str) -> float:
    """Pages per minute with `workers` processes, each reading one page at a time."""
    jobs = [(path, number, languages) for _, number, path in pages]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        list(pool.map(_pipeline_job, jobs[:workers]))  # start-up and imports out of the timing
        start = time.perf_counter()
        list(pool.map(_pipeline_job, jobs))
        return len(jobs) / (time.perf_counter() - start) * 60


def load_truth(folder: Path) -> tuple[dict[str, list[str]], set[str]]:
    """Pages of text by file name, and the names the truth marks as re-uploads of another file."""
    for candidate in (folder / "truth.jsonl", folder.parent / "truth.jsonl"):
        if candidate.exists():
            text = candidate.read_text(encoding="utf-8")
            rows = [json.loads(line) for line in text.splitlines() if line.strip()]
            truth = {row["file"]: row["pages"] for row in rows if "duplicate_of" not in row}
            return truth, {row["file"] for row in rows if "duplicate_of" in row}
    return {}, set()


def cer_by_file(texts: dict[tuple[str, int], str], truth: dict[str, list[str]]) -> dict[str, tuple[int, int]]:
    out = {}
    for name, pages in truth.items():
        if not any(key[0] == name for key in texts):
            continue
        got = "\n".join(texts.get((name, n), "") for n in range(1, len(pages) + 1))
        want = norm("\n".join(pages))
        out[name] = (Levenshtein.distance(norm(got), want), len(want))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--limit", type=int, default=None, help="at most this many pages")
    parser.add_argument("--workers", default="1,2", help="worker counts for the throughput runs")
    parser.add_argument("--languages", default="kaz+rus")
    args = parser.parse_args()

    truth, duplicates = load_truth(args.folder)
    with tempfile.TemporaryDirectory(prefix="muragat-ocr-bench-") as tmp:
        pages = rasterise(args.folder, Path(tmp), args.limit, duplicates)
        if not pages:
            sys.exit(f"no readable scans in {args.folder}")
        print(
            f"{len(pages)} pages from {len({name for name, _, _ in pages})} distinct files in {args.folder}"
        )
        plain_text: dict[tuple[str, int], str] = {}
        pipe_text: dict[tuple[str, int], str] = {}
        plain_s: list[float] = []
        pipe_s: list[float] = []
        pipeline(pages[0][2], 1, args.languages)  # imports, word list and caches warmed before timing
        for index, (name, number, path) in enumerate(pages):
            kinds = ["plain", "pipeline"] if index % 2 == 0 else ["pipeline", "plain"]
            for kind in kinds:
                if kind == "plain":
                    text, seconds = plain(path, args.languages)
                else:
                    text, seconds = pipeline(path, number, args.languages)
                (plain_text if kind == "plain" else pipe_text)[(name, number)] = text
                (plain_s if kind == "plain" else pipe_s).append(seconds)
            print(f"  {name} p{number}: plain {plain_s[-1]:.2f} s, pipeline {pipe_s[-1]:.2f} s", flush=True)

        print("\nseconds per page (mean, median) and pages per minute, one process:")
        for label, times in (("plain tesseract", plain_s), ("pipeline", pipe_s)):
            mean = statistics.mean(times)
            print(f"  {label:16s} {mean:.3f} s, {statistics.median(times):.3f} s   {60 / mean:.1f} pages/min")
        print(f"  ratio pipeline / plain: {sum(pipe_s) / sum(plain_s):.3f} (total time over all pages)")

        if truth:
            base, ours = cer_by_file(plain_text, truth), cer_by_file(pipe_text, truth)
            chars = sum(c for _, c in base.values())
            base_cer = sum(e for e, _ in base.values()) / chars
            our_cer = sum(e for e, _ in ours.values()) / chars
            print(
                f"\nCER over {len(base)} files: plain {base_cer:.4f}, pipeline {our_cer:.4f} "
                f"(pipeline/plain {our_cer / base_cer if base_cer else 0:.3f})"
            )
            print("  per file (pipeline vs plain):")
            worse = []
            for name in sorted(ours, key=lambda n: -ours[n][0] / ours[n][1]):
                (e, c), (be, _) = ours[name], base[name]
                print(f"    {name:22s} {e / c:.4f}  plain {be / c:.4f}{'  WORSE' if e > be else ''}")
                if e > be:
                    worse.append(name)
            print(
                f"  files worse than plain Tesseract: {len(worse)}{' ' + ', '.join(worse) if worse else ''}"
            )

        counts = [int(w) for w in args.workers.split(",") if w.strip()]
        rates = {w: throughput(pages, w, args.languages) for w in counts}
        print("\nthroughput of the pipeline:")
        for w, rate in rates.items():
            print(f"  {w} worker process(es): {rate:.1f} pages/min")
        if 1 in rates and 2 in rates:
            print(f"  2 workers / 1 worker: {rates[2] / rates[1]:.2f}x")


if __name__ == "__main__":
    main()
