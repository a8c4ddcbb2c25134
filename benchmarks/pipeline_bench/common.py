"""What the parts of benchmarks/pipeline.py share: the repository, exiting with a reason, a command's last
lines, CPU seconds of child processes, and project files edited during a run."""

from __future__ import annotations

import resource
import sys
from pathlib import Path
from typing import NoReturn

REPO = Path(__file__).resolve().parents[2]


def die(reason: str) -> NoReturn:
    print(f"pipeline.py: {reason}", file=sys.stderr)
    raise SystemExit(2)


def last_lines(text: str, n: int = 3) -> str:
    """The last lines of a command's output, without progress bars and box drawing."""
    lines = [line.strip() for line in text.replace("\r", "\n").splitlines()]
    kept = [line for line in lines if line and not any(c in line for c in "━╸╺─│╭╮╰╯")]
    return " | ".join(kept[-n:])


def children_cpu() -> float:
    """CPU seconds used so far by the finished child processes of this one (and theirs, once reaped)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def changed_sources(since: float) -> list[str]:
    """Project source files modified after `since` (the tree is shared; an edit mid-run spoils it)."""
    packages = ("muragat", "storage", "ingest", "ocr", "matching", "review_ui")
    return sorted(
        str(p.relative_to(REPO))
        for pkg in packages
        for p in (REPO / pkg).rglob("*.py")
        if p.stat().st_mtime > since
    )
