"""Hostile uploads: decompression bombs against the real API and workers, with the peak memory of every
process, and a normal document processed alongside.

    .venv/bin/python benchmarks/hostile.py [--workers 2] [--timeout 300] [--keep] [--cases a,b]

Inputs, generated deterministically into a temporary folder (nothing downloaded):
    pdf-bomb     a one-page PDF (Flate) whose content stream decodes to 40 MiB of path operators
    zip-bomb     a ~1.2 MB ZIP of members that decode to 400, 400, 190 and 190 MiB (zeros named .png
                 and .tif; a PDF header and a PNG header declaring 20000x20000, each followed by zeros)
    png-120mpx   an RGB PNG of 12000x10000 (exactly max_image_pixels), white with black bars, ~450 KB
    png-121mpx   the same at 12100x10000, just over the limit
    tif-120mpx   the 12000x10000 page as a one-page TIFF, RGB in one Deflate strip; tif-120mpx-rgba: RGBA
    normal       a copy of samples/scans/doc0001.png (or a drawn page without the samples)

Cases, each on a fresh MURAGAT_HOME (SQLite, objects in the home, the queue on Redis db 12 under a name of
its own) with `muragat serve` and `muragat worker --count W` as real processes:
    baseline                  the normal document alone
    pdf-bomb                  uploaded through POST /api/v1/documents, the normal one uploaded alongside
    pdf-bomb-queued           stored and queued past the upload's check (as by an older version or under
                              other limits): what the worker's own protections face alone
    zip-bomb, png-120mpx, png-121mpx   uploaded, the normal document alongside
    png-120mpx-queued, png-121mpx-queued, tif-120mpx-rgba-queued   queued past the upload's check
    tif-120mpx, tif-120mpx-rgba   uploaded, the normal document alongside

Per hostile input it prints the outcome (refused at upload / the document's final status), the reason code,
the peak resident memory (VmHWM, sampled every 20 ms from /proc over the process trees, and ru_maxrss from
wait4 as a cross-check) of the API process, of each worker process and of the children they spawn (the
PDF render child), and the wall time; and the normal document's time as a ratio to its time alone.
PASS/FAIL lines check: every hostile input refused or failed with a reason code (the 120 Mpx images
are at the pixel limit but over `max_image_memory_mb` decoded), every process under 1024 MiB,
the normal document finished well in every case. Exit 1 when a check fails, 2 when the system
could not be run.
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.common.machine import cpu_model  # noqa: E402
from benchmarks.hostile_bench import inputs  # noqa: E402
from benchmarks.hostile_bench.reasons import code_of_text  # noqa: E402
from benchmarks.hostile_bench.system import System  # noqa: E402

LIMIT_MIB = 1024
GOOD = {"processed", "needs_review", "verified"}
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".zip": "application/zip",
    ".png": "image/png",
    ".tif": "image/tiff",
    ".jpg": "image/jpeg",
}


@dataclass(frozen=True)
class Case:
    name: str
    file: str | None  # the hostile input's file name; None: the baseline
    queued: bool = False  # stored and queued past the upload's check


CASES = [
    Case("baseline", None),
    Case("pdf-bomb", "bomb.pdf"),
    Case("pdf-bomb-queued", "bomb.pdf", queued=True),
    Case("zip-bomb", "bomb.zip"),
    Case("png-120mpx", "png120.png"),
    Case("png-120mpx-queued", "png120.png", queued=True),
    Case("png-121mpx", "png121.png"),
    Case("png-121mpx-queued", "png121.png", queued=True),
    Case("tif-120mpx", "tif120.tif"),
    Case("tif-120mpx-rgba", "tif120rgba.tif"),
    Case("tif-120mpx-rgba-queued", "tif120rgba.tif", queued=True),
]


@dataclass
class Outcome:
    name: str  # the input (a ZIP's member: archive/member)
    outcome: str  # "refused at upload", or the document's status
    reason: str
    seconds: float


@dataclass
class Result:
    case: Case
    hostile: list[Outcome] = field(default_factory=list)
    normal_status: str = ""
    normal_reason: str = ""
    normal_seconds: float = 0.0
    peaks: dict[str, list[tuple[str, int, float]]] = field(default_factory=dict)  # tree -> (role, pid, MiB)
    api_idle_mib: float = 0.0
    rusage_mib: dict[str, float] = field(default_factory=dict)
    error: str = ""
    stop_notes: list[str] = field(default_factory=list)


def reason_code(message: Any) -> str:
    if isinstance(message, dict):
        return str(message.get("code") or "")
    return ""


def make_inputs(folder: Path) -> tuple[Path, str, list[str]]:
    notes = []
    size = inputs.pdf_bomb(folder / "bomb.pdf")
    notes.append(
        f"bomb.pdf {(folder / 'bomb.pdf').stat().st_size / 1024:.0f} KiB, content {size / 2**20:.1f} MiB"
    )
    members = inputs.zip_bomb(folder / "bomb.zip")
    declared = ", ".join(f"{n.split('/')[-1]} {s / 2**20:.0f} MiB" for n, s in members)
    notes.append(f"bomb.zip {(folder / 'bomb.zip').stat().st_size / 2**20:.2f} MiB: {declared}")
    inputs.big_png(folder / "png120.png", 12000, 10000)
    inputs.big_png(folder / "png121.png", 12100, 10000)
    inputs.big_tiff(folder / "tif120.tif", 12000, 10000)
    inputs.big_tiff(folder / "tif120rgba.tif", 12000, 10000, alpha=True)
    for name in ("png120.png", "png121.png", "tif120.tif", "tif120rgba.tif"):
        notes.append(f"{name} {(folder / name).stat().st_size / 1024:.0f} KiB")
    normal, source = inputs.normal_document(folder)
    notes.append(f"{normal.name} {normal.stat().st_size / 1024:.0f} KiB (from {source})")
    return normal, source, notes


def hostile_input(system: System, path: Path, case: Case, timeout: float) -> list[Outcome]:
    """Upload (or queue) the input and follow each document it made to its end."""
    started = time.perf_counter()
    outcomes: list[Outcome] = []
    if case.queued:
        ids = [(path.name, system.inject(path, CONTENT_TYPES[path.suffix]))]
    else:
        body = system.upload(path, CONTENT_TYPES[path.suffix])
        ids = []
        if not body["results"]:
            outcomes.append(Outcome(path.name, f"HTTP {body['http']}", body.get("body", ""), 0.0))
        for item in body["results"]:
            if item["result"] == "rejected":
                took = time.perf_counter() - started
                reason = code_of_text(item["message"]) or item["error_code"] or ""
                outcomes.append(Outcome(item["filename"], "refused at upload", reason, took))
            elif item["document_id"]:
                ids.append((item["filename"], item["document_id"]))
    for name, doc_id in ids:
        system.documents.append(doc_id)
        doc, _ = system.wait_finished(doc_id, timeout)
        took = time.perf_counter() - started
        outcomes.append(Outcome(name, doc["status"], reason_code(doc["status_message"]), took))
    return outcomes


def run_case(case: Case, folder: Path, normal: Path, workers: int, timeout: float, root: Path) -> Result:
    result = Result(case)
    system = System(workers, root)
    try:
        system.start()
        result.api_idle_mib = max(system.mark()["api"].values(), default=0) / 1024
        errors: list[BaseException] = []

        def bomb() -> None:
            try:
                assert case.file is not None
                result.hostile = hostile_input(system, folder / case.file, case, timeout)
            except BaseException as e:  # reported, not raised in a thread
                errors.append(e)

        thread = threading.Thread(target=bomb)
        if case.file is not None:
            thread.start()
            time.sleep(0.3)  # the bomb first: the normal document arrives while it is being read
        started = time.perf_counter()
        body = system.upload(normal, CONTENT_TYPES.get(normal.suffix, "image/jpeg"))
        item = body["results"][0] if body["results"] else {}
        if item.get("document_id"):
            system.documents.append(item["document_id"])
            doc, _ = system.wait_finished(item["document_id"], timeout)
            result.normal_status = doc["status"]
            result.normal_reason = reason_code(doc["status_message"])
        else:
            result.normal_status = f"not stored: {item.get('error_code') or body.get('http')}"
        result.normal_seconds = time.perf_counter() - started
        if case.file is not None:
            thread.join()
        if errors:
            result.error = f"{type(errors[0]).__name__}: {errors[0]}"
    except Exception as e:
        result.error = f"{type(e).__name__}: {e}"
    finally:
        system.stop()
        if system.sampler is not None:
            for tree, peaks in system.sampler.peaks.items():
                result.peaks[tree] = [(p.role, p.pid, p.kib / 1024) for p in peaks.values()]
        result.rusage_mib = system.rusage_mib
        result.stop_notes = system.stop_notes
    return result


def by_role(result: Result, tree: str) -> dict[str, float]:
    """The largest peak per kind of process of a tree: the main process, workers, render children."""
    roles: dict[str, float] = {}
    for role, _, mib in result.peaks.get(tree, []):
        roles[role] = max(roles.get(role, 0.0), mib)
    return roles


def worker_roles(result: Result) -> tuple[float, float, float, int]:
    """Peaks (MiB) of the worker supervisor, the largest worker process (tesseract commands included),
    the largest render child; how many render children were seen."""
    peaks = result.peaks.get("worker", [])
    supervisor = max((m for r, _, m in peaks if r == "main"), default=0.0)
    render = [m for r, _, m in peaks if r == "render child"]
    workers = [m for r, _, m in peaks if r not in ("main", "render child")]
    return supervisor, max(workers, default=0.0), max(render, default=0.0), len(render)


def table(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def report(results: list[Result], baseline: float) -> list[tuple[bool, str]]:
    header = [
        "case",
        "input",
        "outcome",
        "reason code",
        "wall s",
        "api MiB (idle)",
        "supervisor",
        "worker MiB",
        "render child MiB",
        "normal",
        "normal s",
        "x alone",
    ]
    rows = [header]
    checks: list[tuple[bool, str]] = []
    for result in results:
        sup, work, render, renders = worker_roles(result)
        api = max((m for _, _, m in result.peaks.get("api", [])), default=0.0)
        ratio = result.normal_seconds / baseline if baseline else 0.0
        common = [
            f"{api:.0f} ({result.api_idle_mib:.0f})",
            f"{sup:.0f}",
            f"{work:.0f}",
            f"{render:.0f} ({renders})" if renders else "-",
            result.normal_status,
            f"{result.normal_seconds:.1f}",
            f"{ratio:.2f}",
        ]
        hostile = result.hostile or [Outcome("-", "-", "", 0.0)]
        for i, h in enumerate(hostile):
            name = h.name if len(h.name) < 40 else "..." + h.name[-37:]
            rows.append(
                [result.case.name if i == 0 else "", name, h.outcome, h.reason or "-", f"{h.seconds:.1f}"]
                + (common if i == 0 else [""] * len(common))
            )
        # checks
        case = result.case.name
        if result.error:
            checks.append((False, f"{case}: the run failed: {result.error}"))
        for h in result.hostile if result.case.file else []:
            ended_bad = h.outcome in ("refused at upload", "failed") and bool(h.reason)
            checks.append((ended_bad, f"{case}: {h.name} ended {h.outcome} with reason {h.reason or 'none'}"))
        if result.case.file and not result.hostile and not result.error:
            checks.append((False, f"{case}: no outcome for {result.case.file}"))
        for tree in ("api", "worker"):
            for role, pid, mib in sorted(result.peaks.get(tree, []), key=lambda p: -p[2])[:1]:
                checks.append(
                    (
                        mib < LIMIT_MIB,
                        f"{case}: peak RSS of the largest {tree} process {mib:.0f} MiB "
                        f"({role}, pid {pid}) < {LIMIT_MIB} MiB",
                    )
                )
        checks.append(
            (
                result.normal_status in GOOD,
                f"{case}: normal document ended {result.normal_status}"
                + (f" ({result.normal_reason})" if result.normal_reason else ""),
            )
        )
    print(table(rows))
    return checks


def machine() -> str:
    load = os.getloadavg()
    return (
        f"{platform.node()}: {os.cpu_count()} CPUs ({cpu_model()}), Python {platform.python_version()}, "
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2, help="worker processes per case (default 2)")
    parser.add_argument("--timeout", type=float, default=300, help="longest wait for one document, s")
    parser.add_argument("--keep", action="store_true", help="keep the inputs and homes; print where")
    parser.add_argument("--cases", default="", help="comma-separated subset (the baseline always runs)")
    args = parser.parse_args()
    chosen = [c for c in CASES if c.name == "baseline" or not args.cases or c.name in args.cases.split(",")]
    unknown = set(filter(None, args.cases.split(","))) - {c.name for c in CASES}
    if unknown:
        parser.error(f"unknown cases: {', '.join(sorted(unknown))}")

    print("command:", shlex.join([Path(sys.executable).name, *sys.argv]))
    print("machine:", machine())
    root = Path(tempfile.mkdtemp(prefix="muragat-hostile-"))
    try:
        folder = root / "inputs"
        folder.mkdir()
        normal, _, notes = make_inputs(folder)
        print("inputs:", "; ".join(notes))
        results = []
        for case in chosen:
            t = time.perf_counter()
            result = run_case(case, folder, normal, args.workers, args.timeout, root)
            stopped = "; ".join(result.stop_notes)
            print(
                f"  {case.name}: {time.perf_counter() - t:.1f} s (start, run, stop)"
                + (f"; {stopped}" if stopped else ""),
                file=sys.stderr,
                flush=True,
            )
            results.append(result)
        if results[0].error or results[0].normal_status not in GOOD:
            print(
                "hostile.py: the baseline did not finish well: "
                + (results[0].error or results[0].normal_status),
                file=sys.stderr,
            )
            return 2
        baseline = results[0].normal_seconds
        print()
        print(
            f"normal document alone: {results[0].normal_status} in {baseline:.1f} s "
            f"(upload to final status, {args.workers} workers)"
        )
        print()
        checks = report(results, baseline)
        print()
        print(
            "peak RSS per process (MiB, VmHWM sampled every 20 ms; ru_maxrss from wait4 counts only the "
            "processes their parents reaped, a lower bound):"
        )
        for result in results:
            for tree in ("api", "worker"):
                listed = ", ".join(
                    f"{role} {pid}: {mib:.0f}"
                    for role, pid, mib in sorted(result.peaks.get(tree, []), key=lambda p: p[1])
                )
                maxrss = result.rusage_mib.get(tree, 0.0)
                print(f"  {result.case.name} {tree}: {listed}; ru_maxrss from wait4 {maxrss:.0f}")
        print()
        for ok, line in checks:
            print(("PASS " if ok else "FAIL ") + line)
        failed = sum(not ok for ok, _ in checks)
        print(f"\n{len(checks) - failed} passed, {failed} failed")
        print("machine after:", machine())
        if args.keep:
            print("kept:", root)
        return 1 if failed else 0
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
