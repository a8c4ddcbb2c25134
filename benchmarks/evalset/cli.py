"""Generate a varied evaluation set of diploma scans with ground truth and a matching registry.

The command line of benchmarks/make_set.py; its docstring describes the set."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .generate import generate
from .templates import GENERATORS, TEMPLATES


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--per-template", type=int, default=8)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--registry-size", type=int, default=3000, help="distractor rows besides the shown graduates"
    )
    ap.add_argument("--templates", default=",".join(TEMPLATES), help="comma-separated; default: all")
    a = ap.parse_args(argv)
    templates = [t.strip() for t in a.templates.split(",") if t.strip()]
    unknown = [t for t in templates if t not in GENERATORS]
    if unknown:
        print(
            f"make_set: unknown template(s) {', '.join(unknown)}; known: {', '.join(TEMPLATES)}",
            file=sys.stderr,
        )
        return 2
    generate(a.out_dir, a.per_template, a.seed, a.registry_size, templates)
    return 0
