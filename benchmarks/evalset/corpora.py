"""Filler sentences for letters, from shared/corpora (a few built-in ones where it is missing)."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the repository
CORPORA_CANDIDATES = (
    ROOT.parent / "shared" / "corpora",
    ROOT / "shared" / "corpora",
    Path("/work/shared/corpora"),
)


@cache
def corpus(lang: str) -> list[str]:
    for base in CORPORA_CANDIDATES:
        if base.exists():
            files = (
                ["kaznerd/sentences_sample3000.txt", "ud-kazakh-ktb/sentences.txt"]
                if lang == "kk"
                else ["ud-russian-gsd/sentences.txt"]
            )
            out = []
            for f in files:
                p = base / f
                if p.exists():
                    for s in p.read_text(encoding="utf-8").splitlines():
                        s = " ".join(s.split())
                        if 30 <= len(s) <= 170 and not any(c in s for c in "`'\"|{}[]<>@#$%^&*_~\\/"):
                            out.append(s)
            if out:
                return out
    print("make_set: shared/corpora not found; letters use a few built-in sentences", file=sys.stderr)
    if lang == "kk":
        return ["Жиналыс келесі аптаның сейсенбісінде өтеді.", "Құжаттар мұрағатқа тапсырылды."]
    return ["Собрание состоится во вторник следующей недели.", "Документы переданы в архив."]
