"""The report of benchmarks/pipeline.py: the command and machine, the table of runs against the baseline,
per-run details and the quality table."""

from __future__ import annotations

import os
import platform
import shlex
import statistics
import subprocess
from datetime import UTC, datetime

from benchmarks.common.machine import cpu_model

from .baseline import Baseline
from .runs import PipelineRun


def machine_info() -> list[str]:
    cpu = cpu_model()
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
