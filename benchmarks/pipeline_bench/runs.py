"""The pipeline runs: `muragat ingest FOLDER --wait` in a fresh embedded home per worker count, timed as a
whole command, then per-document times from the database and the export scored."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .common import REPO, children_cpu, die, last_lines

FINISHED = {"processed", "needs_review", "verified", "failed"}


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
