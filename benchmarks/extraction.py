"""Field extraction and matching accuracy of the whole pipeline on an evaluation set, per template.

    .venv/bin/python benchmarks/extraction.py SET_DIR [--keep DIR] [--workers N] [--verbose] [--export FILE]

SET_DIR is what benchmarks/make_set.py writes (scans/, registry.csv, truth.jsonl); shared/samples works too.
The pipeline runs as a new user would run it: a fresh temporary MURAGAT_HOME with the embedded default
(every MURAGAT_* variable of the caller removed, the commands run inside that home so that no .env
applies), then `muragat graduates import SET_DIR/registry.csv`, `muragat ingest SET_DIR/scans --wait` and
`muragat export --format jsonl -o EXPORT`. `--export FILE` scores an existing export instead (fast
iteration on the scoring or on a saved run). `--keep DIR` keeps the home and the export in DIR.

Printed, overall and per truth template: files, kind accuracy, accuracy of each field and of all fields,
auto-match precision and recall, false automatic matches, top-3 review recall (a graduate who is in the
registry and was not matched automatically is among the first 3 needs_review candidates; on a list of
graduates, a ledger or an order, among the first 3 of a row: shared/eval/score.py takes the document's
first 3, which on a list with more than one open row cannot hold every row's graduate) and
the wall time. The comparison rules are those of shared/eval/score.py (field_ok, kind_ok, the AUTO
decisions, a file found by name or by its bytes), copied here. `--verbose` lists every wrong field and
wrong kind.
Exit status 0 (2 only when SET_DIR lacks truth.jsonl or the export cannot be read).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# ------------------------------------------------------------------- rules copied from shared/eval/score.py
KZ_TO_RU = str.maketrans("әғқңөұүһіӘҒҚҢӨҰҮҺІ", "агкноуухиАГКНОУУХИ")
LATIN_LOOKALIKE = str.maketrans("ABCEHKMOPTXYaceopxy", "АВСЕНКМОРТХУасеорху")
AUTO = {"auto_matched", "confirmed"}
FIELD_KINDS = ("diploma", "supplement")  # truth kinds whose printed fields are scored


def norm_name(s: str | None) -> str:
    return (s or "").strip().casefold().replace("ё", "е")


def norm_code(s) -> str:
    return "".join(str(s or "").upper().split()).replace("№", "").translate(LATIN_LOOKALIKE)


def field_ok(name: str, want, got) -> bool:
    """As score.py's field_ok."""
    if got is None:
        return False
    if name in ("last_name", "first_name", "patronymic"):
        g = norm_name(got)
        return g in (norm_name(want), norm_name(want).translate(KZ_TO_RU))
    if name in ("diploma_series",):
        return norm_code(want) == norm_code(got)
    if name in ("diploma_number", "registration_number"):
        return "".join(c for c in str(got) if c.isdigit()) == str(want)
    if name == "graduation_year":
        try:
            return int(got) == int(want)
        except (TypeError, ValueError):
            return False
    if name == "honors":
        return bool(got) == bool(want)
    return str(got).strip().casefold() == str(want).strip().casefold()


def kind_ok(t: dict, d: dict | None) -> bool:
    """As score.py's kind_ok: a supplement filed as a diploma counts as right."""
    got = (d or {}).get("kind")
    return got == t["kind"] or (t["kind"] == "supplement" and got in ("supplement", "diploma"))


def find_documents(set_dir: Path, truth: list[dict], docs: list[dict]) -> dict[str, dict]:
    """As score.py: a file is found by its name, or by its bytes where it was stored under another name."""
    by_name: dict[str, dict] = {}
    by_sha = {d.get("sha256"): d for d in docs if d.get("sha256")}
    for t in truth:
        f = set_dir / "scans" / t["file"]
        if f.exists():
            d = by_sha.get(hashlib.sha256(f.read_bytes()).hexdigest())
            if d is not None:
                by_name[t["file"]] = d
    for d in docs:
        for n in [d.get("filename"), *list(d.get("filenames") or [])]:
            if n:
                by_name[Path(n).name] = d
    return by_name


# ------------------------------------------------------------------- scoring
class Tally:
    def __init__(self) -> None:
        self.files = self.kind = self.tp = self.fp = self.fn = self.review_right = self.review_total = 0
        self.fields: dict[str, list[int]] = {}

    def add(self, t: dict, d: dict | None) -> None:
        self.files += 1
        self.kind += kind_ok(t, d)
        if t["kind"] in FIELD_KINDS:
            got = (d or {}).get("fields") or {}
            for k, v in t["fields"].items():
                self.fields.setdefault(k, []).append(int(field_ok(k, v, got.get(k))))
        want = set(t["graduate_ids"])
        matches = (d or {}).get("matches") or []
        auto = {m["graduate_id"] for m in matches if m.get("decision") in AUTO}
        review = [m for m in matches if m.get("decision") == "needs_review"]
        self.tp += len(auto & want)
        self.fp += len(auto - want)
        self.fn += len(want - auto)
        # a list (ledger, order) keeps candidates per row: there the first 3 of each row are shown
        rows: dict[object, list[str]] = {}
        for m in review:
            rows.setdefault(m.get("row") if len(want) > 1 else None, []).append(m.get("graduate_id"))
        shown = {g for candidates in rows.values() for g in candidates[:3]}
        for g in want - auto:
            self.review_total += 1
            self.review_right += g in shown

    def row(self, field_names: list[str]) -> dict:
        allv = [x for v in self.fields.values() for x in v]
        out = {
            "files": self.files,
            "kind": ratio(self.kind, self.files),
            "all_fields": ratio(sum(allv), len(allv)),
            "auto_precision": ratio(self.tp, self.tp + self.fp),
            "auto_recall": ratio(self.tp, self.tp + self.fn),
            "false_auto": self.fp,
            "review_top3": ratio(self.review_right, self.review_total),
        }
        for f in field_names:
            v = self.fields.get(f)
            out[f] = ratio(sum(v), len(v)) if v else None
        return out


def ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def score(set_dir: Path, export: Path, verbose: bool) -> tuple[dict, dict, list[str], list[str]]:
    truth = [
        json.loads(x) for x in (set_dir / "truth.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()
    ]
    docs = [json.loads(x) for x in export.read_text(encoding="utf-8").splitlines() if x.strip()]
    by_name = find_documents(set_dir, truth, docs)
    files = [t for t in truth if "duplicate_of" not in t]
    overall, per = Tally(), {}
    problems: list[str] = []
    field_names: list[str] = []
    for t in files:
        d = by_name.get(t["file"])
        template = t.get("template", t["kind"])
        overall.add(t, d)
        per.setdefault(template, Tally()).add(t, d)
        for k in t["fields"]:
            if k not in field_names and t["kind"] in FIELD_KINDS:
                field_names.append(k)
        if not verbose:
            continue
        if d is None:
            problems.append(f"{t['file']} {template}: missing from the export")
            continue
        if not kind_ok(t, d):
            problems.append(f"{t['file']} {template} kind: got «{d.get('kind')}» want «{t['kind']}»")
        if t["kind"] in FIELD_KINDS:
            got = d.get("fields") or {}
            for k, v in t["fields"].items():
                if not field_ok(k, v, got.get(k)):
                    problems.append(f"{t['file']} {template} {k}: got «{got.get(k)}» want «{v}»")
    missing = [t["file"] for t in files if t["file"] not in by_name]
    if missing:
        problems.append(f"{len(missing)} file(s) missing from the export")
    per_rows = {k: v.row(field_names) for k, v in sorted(per.items())}
    return {"overall": overall.row(field_names)}, per_rows, field_names, problems


SHORT = {
    "last_name": "last", "first_name": "first", "patronymic": "patr", "diploma_series": "series",
    "diploma_number": "number", "registration_number": "reg", "graduation_year": "year", "degree": "degree",
    "honors": "honors", "program_code": "code", "iin": "iin",
}  # fmt: skip
METRICS = ["files", "kind", "all_fields", "auto_precision", "auto_recall", "false_auto", "review_top3"]


def table(overall: dict, per: dict, field_names: list[str]) -> str:
    cols = METRICS[:3] + field_names + METRICS[3:]
    heads = ["template"] + [SHORT.get(c, c) for c in cols]
    rows = [[name] + [fmt(r.get(c)) for c in cols] for name, r in list(per.items()) + list(overall.items())]
    widths = [max(len(str(x)) for x in col) for col in zip(heads, *rows, strict=True)]
    line = lambda cells: "  ".join(str(c).rjust(w) if i else str(c).ljust(w)  # noqa: E731
                                   for i, (c, w) in enumerate(zip(cells, widths, strict=True)))  # fmt: skip
    out = [line(heads), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in rows[:-1]] + ["  ".join("-" * w for w in widths), line(rows[-1])]
    return "\n".join(out)


def fmt(v) -> str:
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:.3f}"
    return str(v)


# ------------------------------------------------------------------- running the pipeline
def clean_env(home: Path, workers: int | None) -> dict:
    """The caller's environment without MURAGAT_* (the embedded default), pointed at a fresh home."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MURAGAT_")}
    env["MURAGAT_HOME"] = str(home)
    if workers:
        env["MURAGAT_WORKERS"] = str(workers)
    return env


def run_pipeline(set_dir: Path, home: Path, export: Path, workers: int | None) -> dict:
    muragat = str(Path(sys.executable).with_name("muragat"))
    if not Path(muragat).exists():
        muragat = shutil.which("muragat") or muragat
    env = clean_env(home, workers)
    info: dict = {}

    def step(name: str, args: list[str]) -> subprocess.CompletedProcess:
        t0 = time.monotonic()
        done = subprocess.run([muragat, *args], cwd=home, env=env, capture_output=True, text=True)
        info[name] = {"rc": done.returncode, "s": round(time.monotonic() - t0, 1),
                      "tail": (done.stdout + done.stderr).strip().splitlines()[-3:]}  # fmt: skip
        return done

    t0 = time.monotonic()
    step("import", ["graduates", "import", str((set_dir / "registry.csv").resolve())])
    step("ingest", ["ingest", str((set_dir / "scans").resolve()), "--wait"])
    info["wall_s"] = round(time.monotonic() - t0, 1)
    step("export", ["export", "--format", "jsonl", "-o", str(export)])
    return info


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("set_dir", type=Path)
    ap.add_argument("--keep", type=Path, help="keep the MURAGAT_HOME and the export in this folder")
    ap.add_argument("--workers", type=int, help="MURAGAT_WORKERS for the run (default: muragat's own)")
    ap.add_argument("--verbose", action="store_true", help="list every wrong field and kind")
    ap.add_argument("--export", type=Path, help="score this existing export; do not run the pipeline")
    a = ap.parse_args(argv)
    if not (a.set_dir / "truth.jsonl").exists():
        print(
            f"extraction: {a.set_dir}/truth.jsonl not found (make one with benchmarks/make_set.py)",
            file=sys.stderr,
        )
        return 2
    info: dict = {}
    tmp = None
    if a.export:
        export = a.export
    else:
        if a.keep:
            a.keep.mkdir(parents=True, exist_ok=True)
            base = a.keep.resolve()
        else:
            tmp = tempfile.TemporaryDirectory(prefix="muragat-extraction-")
            base = Path(tmp.name)
        home = base / "home"
        home.mkdir(exist_ok=True)
        export = base / "export.jsonl"
        info = run_pipeline(a.set_dir, home, export, a.workers)
        for name in ("import", "ingest", "export"):
            s = info[name]
            note = ""
            if name == "ingest" and s["rc"] == 2:
                note = " (some files were rejected)"
            elif s["rc"]:
                note = " (failed)"
            print(f"muragat {name}: exit {s['rc']}{note}, {s['s']} s; " + " | ".join(s["tail"]))
    try:
        overall, per, field_names, problems = score(a.set_dir, export, a.verbose)
    except (OSError, json.JSONDecodeError) as e:
        print(f"extraction: cannot read the export {export}: {e}", file=sys.stderr)
        if tmp:
            tmp.cleanup()
        return 2
    print()
    print(table(overall, per, field_names))
    if info:
        n = overall["overall"]["files"]
        print(f"\nwall time (import + ingest --wait): {info['wall_s']} s for {n} files")
    if a.verbose and problems:
        print("\nwrong:")
        for p in problems:
            print("  " + p)
    if a.keep:
        print(f"\nkept: {a.keep.resolve()}")
    if tmp:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
