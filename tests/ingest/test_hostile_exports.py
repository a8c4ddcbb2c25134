"""Formula injection: values seeded as read from scans, a registry record and a reviewer's name reach every
CSV and XLSX the system writes as text, never as a formula a spreadsheet would run.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
from fastapi.testclient import TestClient

from muragat.settings import Settings
from review_ui.exports import FORMULA_STARTS
from review_ui.reports import REPORTS
from storage.models import Document, MatchDecision, Role
from storage.revisions import changes_by
from tests.ingest import hostile
from tests.review_ui.archive import db, make_diploma, make_graduate
from tests.review_ui.conftest import make_user

REPO = Path(__file__).resolve().parents[2]

# the fixtures of these tests: settings with a lowered ZIP limit, the signed-in web clients
settings = hostile.settings
archivist = hostile.archivist
app_client = hostile.app_client
client_as = hostile.client_as

# --- formula injection in every CSV/XLSX the system writes ----------------------------------------------

FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"]
HOSTILE_REVIEWER = "-reviewer"


def _seed_formulas(settings: Settings) -> None:
    make_graduate(settings, institution="=cmd|' /C calc'!A0")
    for value in FORMULAS:  # the institution and graduation year as read from a scan
        make_diploma(settings, fields={"institution": value, "graduation_year": value})
    doc, _ = make_diploma(settings, decision=MatchDecision.auto_matched, fields={})  # the graduate's
    make_user(settings, HOSTILE_REVIEWER, Role.reviewer)
    with db(settings) as session, changes_by(session, HOSTILE_REVIEWER, "test"):
        found = session.get_one(Document, doc)
        found.fields = {**found.fields, "last_name": "@Омаров"}


def _csv_cells(body: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")) for cell in row]


def _xlsx_cells(body: bytes) -> list[Any]:
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    assert sheet is not None
    cells = [c for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"], "a cell is stored as a formula"
    return [c.value for c in cells]


def test_every_report_export_defuses_formula_cells(
    settings: Settings, client_as: Callable[[Role], TestClient]
) -> None:
    _seed_formulas(settings)
    admin = client_as(Role.admin)
    written: list[str] = []
    for name in REPORTS:
        for fmt, cells_of in (("csv", _csv_cells), ("xlsx", _xlsx_cells)):
            answer = admin.get(f"/api/v1/reports/{name}.{fmt}")
            assert answer.status_code == 200, f"{name}.{fmt}: {answer.status_code}"
            texts = [c for c in cells_of(answer.content) if isinstance(c, str)]
            live = [c for c in texts if c.startswith(FORMULA_STARTS)]
            assert not live, f"{name}.{fmt} has cells a spreadsheet would run as formulas: {live}"
            written += texts
    for value in [*FORMULAS, "=cmd|' /C calc'!A0", HOSTILE_REVIEWER]:
        assert "'" + value in written, f"{value!r} did not reach any export (the test seeds it)"


def test_every_csv_and_xlsx_writer_goes_through_safe_cell() -> None:
    """Files the system writes as spreadsheets are made by review_ui/exports.py alone."""
    writers = re.compile(r"csv\.(writer|DictWriter)\(|\bWorkbook\(|xlsxwriter|\.to_csv\(|\.to_excel\(")
    found = [
        f"{path.relative_to(REPO)}:{number}"
        for package in ("muragat", "ingest", "ocr", "matching", "review_ui", "storage")
        for path in sorted((REPO / package).rglob("*.py"))
        if path != REPO / "review_ui" / "exports.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if writers.search(line) and "exports" not in line
    ]
    assert found == [], f"spreadsheet writers outside review_ui/exports.py (use to_csv/to_xlsx): {found}"
