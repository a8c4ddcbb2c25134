"""The baseline: every distinct page rasterised as the workers do it, then plain single-thread Tesseract on
each, and its text scored as eval/score.py scores an export."""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import subprocess
import sys
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from .common import children_cpu, die, last_lines

# The project's modules are imported by name: mypy, checking a script of benchmarks/, looks in that folder
# first, where ocr.py would stand for the package.
page_images = importlib.import_module("ocr").page_images  # the code the workers run
_sources = importlib.import_module("ingest.sources")  # the files `muragat ingest FOLDER` reads
read_uploads, walk_paths = _sources.read_uploads, _sources.walk_paths
MuragatError = importlib.import_module("muragat.errors").MuragatError

LANGUAGES = "kaz+rus"
DPI = 300
MAX_PIXELS = 1_000_000_000  # generous: the benchmark measures speed, not the upload limits


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


def norm_text(s: str) -> str:
    """As eval/score.py does: NFC, whitespace runs to one space."""
    return " ".join(unicodedata.normalize("NFC", s).split())


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
