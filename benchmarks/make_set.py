"""Generate a varied evaluation set of diploma scans with ground truth and a matching registry.

    .venv/bin/python benchmarks/make_set.py OUT_DIR [--per-template N] [--seed S] [--registry-size M]
                                            [--templates a,b]

Writes OUT_DIR/scans/ (JPEG, PNG, TIFF incl. multi-page, image-only PDF), OUT_DIR/registry.csv (the
registry format of shared/DESIGN.md) and OUT_DIR/truth.jsonl (the format of shared/samples/truth.jsonl),
all deterministic for a seed. Pages are rendered with Pillow at 300 dpi from fonts of Debian packages
(fonts-dejavu-core, fonts-liberation2, fonts-freefont-ttf, fonts-paratype, fonts-linuxlibertine); a font
that is missing or lacks a Kazakh letter is replaced by DejaVu, and the script says so on stderr.
Filler text of letters comes from shared/corpora. Score an export with shared/eval/score.py OUT_DIR EXPORT.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, this folder is sys.path[0]; the repository goes first so that the package is found
# as benchmarks.evalset, the name the tests import it by.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.evalset.cli import main  # noqa: E402
from benchmarks.evalset.templates import TEMPLATES  # noqa: E402

__all__ = ["TEMPLATES", "main"]

if __name__ == "__main__":
    sys.exit(main())
