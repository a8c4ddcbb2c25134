"""The registry as an XLSX workbook: same row validation, line numbers as the sheet's rows."""

from __future__ import annotations

import csv
import io
from datetime import date

import openpyxl
import pytest
from sqlalchemy.engine import Engine

from matching.registry import import_registry
from matching.registry_rows import REGISTRY_COLUMNS
from matching.registry_sources import parse_registry
from muragat.errors import RegistryFileError
from storage.db import session_scope
from tests.conftest import SAMPLES


def workbook(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def sample_rows(n: int) -> list[list[object]]:
    with (SAMPLES / "registry.csv").open(encoding="utf-8") as f:
        return [list(r) for r in csv.reader(f)][: n + 1]


def test_typed_cells_are_read_as_the_csv_would_carry_them() -> None:
    header, row = sample_rows(1)
    typed: list[object] = list(row)
    typed[REGISTRY_COLUMNS.index("graduation_year")] = 2025  # a number cell
    typed[REGISTRY_COLUMNS.index("issue_date")] = date(2025, 6, 20)  # a date cell
    typed[REGISTRY_COLUMNS.index("honors")] = False
    parsed = parse_registry(workbook([header, typed]), "r.xlsx")
    assert not parsed.errors and parsed.rows[0].values["issue_date"] == date(2025, 6, 20)
    assert parsed.rows[0].values["graduation_year"] == 2025


def test_bad_rows_are_named_by_sheet_row() -> None:
    header, good, other = sample_rows(2)
    bad = list(other)
    bad[REGISTRY_COLUMNS.index("iin")] = 12345  # a spreadsheet dropped the leading zeros
    parsed = parse_registry(workbook([header, good, bad]), "r.xlsx")
    assert len(parsed.rows) == 1
    assert [e.message for e in parsed.errors] == [
        'line 3: iin "12345" must be 12 digits (it has 5; did a spreadsheet drop leading zeros?)'
    ]


def test_missing_columns_in_the_sheet_are_a_file_error() -> None:
    with pytest.raises(RegistryFileError, match="lacks required columns"):
        parse_registry(workbook([["graduate_id", "iin"], ["G1", ""]]), "r.xlsx")


def test_reimport_reports_added_changed_unchanged_rejected(engine: Engine) -> None:
    rows = sample_rows(3)
    with session_scope(engine) as session:
        first = import_registry(session, workbook(rows), "r.xlsx", actor="admin")
    assert (first.added, first.updated, first.unchanged, first.rejected) == (3, 0, 0, 0)
    rows[1][REGISTRY_COLUMNS.index("first_name")] = "Қайыржан"
    rows[2][REGISTRY_COLUMNS.index("degree")] = "Bachelor's"
    with session_scope(engine) as session:
        again = import_registry(session, workbook(rows), "r.xlsx", actor="admin")
    assert (again.added, again.updated, again.unchanged, again.rejected) == (0, 1, 1, 1)
