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
import hashlib
import importlib
import json
import os
import platform
import resource
import shlex
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NoReturn

from rapidfuzz.distance import Levenshtein

REPO = Path(__file__).resolve().parent.parent
# benchmarks/ holds scripts named after the packages they measure (ocr.py, matching.py); run as a script,
# this folder is sys.path[0] and would shadow them. So the repository goes first, and the project's
# modules are imported by name, which mypy (also looking in this folder first) cannot mistake either.
sys.path.insert(0, str(REPO))
page_images = importlib.import_module("ocr").page_images  # the code the workers run
_sources = importlib.import_module("ingest.sources")  # the files `muragat ingest FOLDER` reads
read_uploads, walk_paths = _sources.read_uploads, _sources.walk_paths
MuragatError = importlib.import_module("muragat.errors").MuragatError

LANGUAGES = "kaz+rus"
DPI = 300
MAX_PIXELS = 1_000_000_000  # generous: the benchmark measures speed, not the upload limits
FINISHED = {"processed", "needs_review", "verified", "failed"}


@dataclass
class BaselinePage:
    filename: str
    sha256: str
    number: int
    png: Path
    seconds: float = 0.0
    text: str = ""


@dataclass
class Baseline:
    pages: list[BaselinePage]
    sha_of: dict[str, str]  # every file name (duplicates included) -> sha256 of its bytes
    unreadable: list[str]  # "name: reason" for files the rasteriser refused
    duplicates: int
    cpu: float = 0.0  # CPU seconds (user + system) of the tesseract processes

    @property
    def seconds(self) -> float:
        return sum(p.seconds for p in self.pages)

    def text_of(self, filename: str, sha: str | None = None) -> str | None:
        sha = sha or self.sha_of.get(filename)
        pages = [p for p in self.pages if p.sha256 == sha]
        return "\n".join(p.text for p in sorted(pages, key=lambda p: p.number)) if pages else None


@dataclass
class PipelineRun:
    workers: int
    wall: float
    cpu: float  # CPU seconds of the command and every process it waited for (workers, redis-server)
    returncode: int
    summary: str
    pages_stored: int | None = None
    statuses: dict[str, int] = field(default_factory=dict)
    doc_seconds: dict[str, float] = field(default_factory=dict)  # filename -> processing seconds
    failures: list[str] = field(default_factory=list)
    score: dict[str, Any] | None = None
    score_error: str | None = None


# --- helpers --------------------------------------------------------------------------------------


def die(reason: str) -> NoReturn:
    print(f"pipeline.py: {reason}", file=sys.stderr)
    raise SystemExit(2)


def parse_workers(value: str) -> list[int]:
    try:
        counts = [int(v) for v in value.split(",") if v.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r}: give worker counts like 1,2") from None
    if not counts or min(counts) < 1:
        raise argparse.ArgumentTypeError(f"{value!r}: give worker counts of 1 or more, like 1,2")
    return counts


def norm_text(s: str) -> str:
    """As eval/score.py does: NFC, whitespace runs to one space."""
    return " ".join(unicodedata.normalize("NFC", s).split())


def muragat_command() -> str:
    beside = Path(sys.executable).parent / "muragat"
    found = str(beside) if beside.exists() else shutil.which("muragat")
    if not found:
        die("the `muragat` command is not installed (run scripts/setup.sh)")
    return found


def clean_env(home: Path, workers: int) -> dict[str, str]:
    """The caller's environment without MURAGAT_* (so the embedded default is measured), plus the home."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MURAGAT_")}
    env.pop("OMP_THREAD_LIMIT", None)  # the project sets its own (one thread per Tesseract)
    env["MURAGAT_HOME"] = str(home)
    env["MURAGAT_WORKERS"] = str(workers)
    return env


def last_lines(text: str, n: int = 3) -> str:
    """The last lines of a command's output, without progress bars and box drawing."""
    lines = [line.strip() for line in text.replace("\r", "\n").splitlines()]
    kept = [line for line in lines if line and not any(c in line for c in "━╸╺─│╭╮╰╯")]
    return " | ".join(kept[-n:])


def children_cpu() -> float:
    """CPU seconds used so far by the finished child processes of this one (and theirs, once reaped)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def machine_info() -> list[str]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        version = subprocess.run(
            ["tesseract", "--version"], capture_output=True, text=True, check=False
        ).stdout.splitlines()[0]
    except (OSError, IndexError):
        version = "tesseract: not found"
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return [
        f"date: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"host: {platform.node()} ({platform.platform()}), python {platform.python_version()}",
        f"cpu: {cpu or platform.processor() or '?'}; nproc {usable} (os.cpu_count {os.cpu_count()})",
        f"tesseract: {version}",
        "load average (1, 5, 15 min) at the end: "
        + ", ".join(f"{x:.2f}" for x in os.getloadavg())
        + " (other work on the machine slows every figure)",
    ]


def changed_sources(since: float) -> list[str]:
    """Project source files modified after `since` (the tree is shared; an edit mid-run spoils it)."""
    packages = ("muragat", "storage", "ingest", "ocr", "matching", "review_ui")
    return sorted(
        str(p.relative_to(REPO))
        for pkg in packages
        for p in (REPO / pkg).rglob("*.py")
        if p.stat().st_mtime > since
    )


# --- inputs ---------------------------------------------------------------------------------------


def pick_files(folder: Path, limit: int | None) -> list[Path]:
    """The files `muragat ingest FOLDER` would read, in its order (ZIPs are expanded later)."""
    files = list(walk_paths([folder]))
    return files[:limit] if limit else files


def rasterise(files: list[Path], workdir: Path) -> Baseline:
    """Each distinct file's pages as PNGs, made by the code the workers run (`ocr.page_images`)."""
    pages: list[BaselinePage] = []
    sha_of: dict[str, str] = {}
    unreadable: list[str] = []
    seen: set[str] = set()
    duplicates = 0
    big = 1 << 62
    for upload in read_uploads(files, max_bytes=big, max_members=big, max_zip_bytes=big):
        if upload.data is None:
            unreadable.append(f"{upload.name}: {upload.error.message if upload.error else 'unreadable'}")
            continue
        sha = hashlib.sha256(upload.data).hexdigest()
        sha_of[Path(upload.name).name] = sha
        if sha in seen:  # the pipeline stores the same bytes once ("exists"), so they are read once
            duplicates += 1
            continue
        seen.add(sha)
        try:
            for number, image in enumerate(
                page_images(upload.data, upload.name, dpi=DPI, max_pixels=MAX_PIXELS), 1
            ):
                png = workdir / f"{sha[:16]}-{number:04d}.png"
                image.save(png, format="PNG", compress_level=1)
                pages.append(BaselinePage(Path(upload.name).name, sha, number, png))
        except MuragatError as e:
            unreadable.append(e.message)
    return Baseline(pages, sha_of, unreadable, duplicates)


def run_baseline(baseline: Baseline) -> None:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    cpu_before = children_cpu()
    for i, page in enumerate(baseline.pages, 1):
        start = time.perf_counter()
        done = subprocess.run(
            ["tesseract", str(page.png), "-", "-l", LANGUAGES],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        page.seconds = time.perf_counter() - start
        if done.returncode != 0:
            die(f"tesseract failed on {page.filename} page {page.number}: {last_lines(done.stderr, 1)}")
        page.text = done.stdout
        print(
            f"  baseline {i}/{len(baseline.pages)}: {page.filename} p{page.number} {page.seconds:.1f}s",
            file=sys.stderr,
            flush=True,
        )
    baseline.cpu = children_cpu() - cpu_before


# --- the pipeline ---------------------------------------------------------------------------------


def read_database(home: Path, run: PipelineRun) -> None:
    """Pages stored, statuses, and each document's time from `processing` to its final status."""
    db = home / "muragat.db"
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            run.pages_stored = conn.execute("SELECT count(*) FROM page").fetchone()[0]
            names = {}
            for doc_id, filename, status, reason in conn.execute(
                "SELECT id, filename, status, status_reason FROM document"
            ):
                names[doc_id] = filename
                run.statuses[status] = run.statuses.get(status, 0) + 1
                if status == "failed":
                    run.failures.append(f"{filename}: {reason}")
            started: dict[Any, datetime] = {}
            for doc_id, new_value, created in conn.execute(
                "SELECT entity_id, new_value, created_at FROM revision "
                "WHERE entity = 'document' AND field = 'status' ORDER BY created_at"
            ):
                status = json.loads(new_value) if new_value else None
                at = datetime.fromisoformat(str(created))
                if status == "processing":
                    started[doc_id] = at
                elif status in FINISHED and doc_id in started:
                    name = names.get(doc_id, str(doc_id))
                    run.doc_seconds[name] = (at - started[doc_id]).total_seconds()
    except (sqlite3.Error, ValueError, TypeError) as e:
        print(f"  (could not read per-document times: {e})", file=sys.stderr)


def score_script() -> Path | None:
    for candidate in (Path("/work/shared/eval/score.py"), REPO.parent / "shared" / "eval" / "score.py"):
        if candidate.exists():
            return candidate
    return None


def run_pipeline(folder: Path, workers: int, truth_dir: Path | None, keep: Path) -> PipelineRun:
    muragat = muragat_command()
    home = Path(tempfile.mkdtemp(prefix=f"muragat-bench-w{workers}-", dir=keep))
    env = clean_env(home, workers)
    # cwd=home: a `.env` in the caller's folder must not point the run at another database or Redis.
    cpu_before = children_cpu()
    start = time.perf_counter()
    done = subprocess.run(
        [muragat, "ingest", str(folder), "--wait"], cwd=home, env=env, capture_output=True, text=True
    )
    wall = time.perf_counter() - start
    cpu = children_cpu() - cpu_before
    run = PipelineRun(workers, wall, cpu, done.returncode, last_lines(done.stdout + "\n" + done.stderr))
    read_database(home, run)
    if truth_dir is not None:
        script = score_script()
        export = home / "export.jsonl"
        exported = subprocess.run(
            [muragat, "export", "--format", "jsonl", "-o", str(export)],
            cwd=home,
            env=env,
            capture_output=True,
            text=True,
        )
        if exported.returncode != 0:
            run.score_error = f"export failed: {last_lines(exported.stderr, 1)}"
        elif script is None:
            run.score_error = "no eval/score.py found (/work/shared/eval or ../shared/eval)"
        else:
            scored = subprocess.run(
                [sys.executable, str(script), str(truth_dir), str(export), "--json"],
                capture_output=True,
                text=True,
            )
            try:
                run.score = json.loads(scored.stdout)
            except json.JSONDecodeError:
                run.score_error = f"score.py failed: {last_lines(scored.stderr, 1)}"
    return run


def baseline_cer(truth_dir: Path, baseline: Baseline) -> tuple[float | None, int]:
    """The baseline's text scored as eval/score.py scores an export; returns (cer, files missing)."""
    errors = chars = missing = 0
    for line in (truth_dir / "truth.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if "duplicate_of" in row:
            continue
        scan = truth_dir / "scans" / row["file"]  # found by its bytes first, as score.py does
        sha = hashlib.sha256(scan.read_bytes()).hexdigest() if scan.is_file() else None
        got = baseline.text_of(row["file"], sha)
        if got is None:
            missing += 1
            continue
        want = norm_text("\n".join(row["pages"]))
        errors += Levenshtein.distance(norm_text(got), want)
        chars += len(want)
    return (round(errors / chars, 4) if chars else None), missing


# --- report ---------------------------------------------------------------------------------------


def table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def fmt(r: list[str]) -> str:
        cells = enumerate(zip(r, widths, strict=True))
        return "  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in cells)

    return "\n".join([fmt(header), "  ".join("-" * w for w in widths), *(fmt(r) for r in rows)])


def report(
    argv: list[str],
    baseline: Baseline,
    runs: list[PipelineRun],
    base_cer: tuple[float | None, int] | None,
) -> None:
    n = len(baseline.pages)
    base_s = baseline.seconds
    one = next((r for r in runs if r.workers == 1), None)
    print()
    print("command: " + " ".join(shlex.quote(a) for a in argv))
    for line in machine_info():
        print(line)
    print(
        f"pages: {n} distinct pages in {len({p.sha256 for p in baseline.pages})} files"
        f" ({baseline.duplicates} duplicate files skipped, {len(baseline.unreadable)} unreadable)"
    )
    for reason in baseline.unreadable[:10]:
        print(f"  unreadable: {reason}")
    if len(baseline.unreadable) > 10:
        print(f"  ... and {len(baseline.unreadable) - 10} more")
    print()
    header = [
        "run",
        "workers",
        "wall s",
        "s/page",
        "pages/min",
        "x baseline cost",
        "speed-up vs 1",
        "cpu s",
        "cores busy",
    ]
    rows = [
        [
            "tesseract (plain, 1 thread)",
            "1",
            f"{base_s:.1f}",
            f"{base_s / n:.2f}",
            f"{60 * n / base_s:.1f}",
            "1.00",
            "",
            f"{baseline.cpu:.1f}",
            f"{baseline.cpu / base_s:.2f}",
        ]
    ]
    for r in runs:
        rows.append(
            [
                "muragat ingest --wait",
                str(r.workers),
                f"{r.wall:.1f}",
                f"{r.wall / n:.2f}",
                f"{60 * n / r.wall:.1f}",
                f"{r.wall * r.workers / base_s:.2f}",
                f"{one.wall / r.wall:.2f}" if one else "",
                f"{r.cpu:.1f}",
                f"{r.cpu / r.wall:.2f}",
            ]
        )
    print(table(header, rows))
    print(
        "x baseline cost = pipeline wall s x workers / summed plain-tesseract s (CPU-slot cost per page);"
        "\nspeed-up = wall of 1 worker / wall of W workers; cores busy = cpu s / wall s."
        "\nRates use the baseline's page count."
    )
    print()
    for r in runs:
        docs = r.doc_seconds
        in_jobs = sum(docs.values())
        line = f"W={r.workers}: exit {r.returncode}; pages stored {r.pages_stored}; statuses " + ", ".join(
            f"{s} {c}" for s, c in sorted(r.statuses.items())
        )
        print(line)
        if docs:
            slowest = max(docs, key=lambda k: docs[k])
            print(
                f"  per document (processing -> done): sum {in_jobs:.1f}s"
                f" = {in_jobs / base_s:.2f} x baseline,"
                f" median {statistics.median(docs.values()):.1f}s, slowest {slowest} {docs[slowest]:.1f}s;"
                f" wall not in jobs {r.wall - in_jobs / r.workers:.1f}s"
            )
        print(f"  ingest said: {r.summary}")
        for failure in r.failures:
            print(f"  failed: {failure}")
    if base_cer is not None:
        print()
        cer, missing = base_cer
        rows = [["tesseract (plain)", str(cer), "", str(missing)]]
        for r in runs:
            if r.score:
                s = r.score
                cells = [str(s.get(k)) for k in ("cer", "field_accuracy", "missing")]
                rows.append([f"muragat W={r.workers}", *cells])
            else:
                rows.append([f"muragat W={r.workers}", "-", "-", r.score_error or "-"])
        print(table(["text", "cer", "field_accuracy", "missing"], rows))


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
