"""benchmarks/make_set.py writes a consistent evaluation set: files that open, a registry in the import format
with valid IINs, truth that names only registry rows, and every template."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from PIL import Image

from benchmarks.evalset.cli import main
from benchmarks.evalset.templates import TEMPLATES
from matching.iin import check_iin

HEADER = (
    "graduate_id,iin,last_name,first_name,patronymic,gender,birth_date,institution,program_code,program_name,"
    "degree,study_form,study_language,enrollment_year,graduation_year,diploma_series,diploma_number,"
    "registration_number,issue_date,honors"
)


def test_one_file_per_template(tmp_path: Path) -> None:
    assert main([str(tmp_path), "--per-template", "1", "--registry-size", "50", "--seed", "3"]) == 0

    with (tmp_path / "registry.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        assert ",".join(next(reader)) == HEADER
        rows = [dict(zip(HEADER.split(","), r, strict=True)) for r in reader]
    assert len(rows) >= 50
    ids = {r["graduate_id"] for r in rows}
    assert len(ids) == len(rows)
    for r in rows:
        assert r["degree"] in ("bachelor", "master", "specialist", "doctor")
        if r["iin"]:
            assert check_iin(r["iin"]).valid, r["iin"]
        else:
            assert int(r["graduation_year"]) <= 1991  # only Soviet graduates lack an IIN

    truth = [json.loads(x) for x in (tmp_path / "truth.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {t["template"] for t in truth} == set(TEMPLATES)
    assert len(TEMPLATES) >= 12
    for t in truth:
        f = tmp_path / "scans" / t["file"]
        assert f.exists(), t["file"]
        if f.suffix == ".pdf":
            assert f.read_bytes()[:5] == b"%PDF-"
        else:
            with Image.open(f) as im:
                im.verify()
        assert t["kind"] in ("diploma", "supplement", "ledger", "archive")
        assert set(t["graduate_ids"]) <= ids, t["file"]
        assert t["pages"] and all(p.strip() for p in t["pages"])
        if t["kind"] == "diploma":
            assert {"last_name", "first_name", "diploma_series", "diploma_number"} <= set(t["fields"])
            assert t["fields"]["diploma_number"].isdigit()
            row = next((r for r in rows if r["graduate_id"] in t["graduate_ids"]), None)
            if row:  # the registry row is the person printed on the scan
                assert row["diploma_number"] == t["fields"]["diploma_number"]
                assert row["last_name"] == t["fields"]["last_name"]
        if t["kind"] in ("ledger", "archive"):
            assert t["fields"] == {}
    assert any(t["file"].endswith(".tif") for t in truth) or any(t["file"].endswith(".pdf") for t in truth)
    two = next(t for t in truth if t["template"] == "state_two_pages")
    assert len(two["pages"]) == 2
