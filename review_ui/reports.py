"""Reports for admins and auditors: documents by status, institution, graduation year and kind; graduates
by form and language of study, by degree and year; reviewer throughput; OCR confidence. Each is one SQL
aggregate, drawn as a server-side SVG bar chart and exported as CSV or XLSX (formula cells defused)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import Text, and_, case, cast, func, literal, or_
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from matching.decisions import SETTLED
from muragat.errors import NotFound
from muragat.messages import Message
from muragat.messages.catalog.errors import Code
from muragat.messages.catalog.matching import DEGREES
from review_ui.deps import SessionDep
from review_ui.exports import CSV_TYPE, XLSX_TYPE, to_csv, to_xlsx
from review_ui.i18n import Translator, translator
from review_ui.labels import N_, label
from review_ui.review_rows import degree_names
from review_ui.web import render
from storage.models import Document, Graduate, Match, Page, Revision, User

router = APIRouter()

Row = tuple[Any, ...]
CONFIDENCE_BINS = 10
CHART_LABEL_CHARS = 34
VALUE_LABELS: dict[str, str] = {
    "full_time": N_("full-time"),
    "part_time": N_("part-time"),
    "distance": N_("distance"),
    "kk": N_("Kazakh"),
    "ru": N_("Russian"),
    "en": N_("English"),
}
NOT_STATED = N_("not stated")


def _count_by(session: Session, column: Any) -> list[Row]:
    rows = session.exec(select(column, func.count()).group_by(column).order_by(func.count().desc(), column))
    return [tuple(r) for r in rows.all()]


def _matched(column: Any) -> Any:
    """A document's value of a graduate column, from the graduates its settled matches lead to."""
    return (
        select(func.min(column))
        .join(Match, col(Match.graduate_id) == col(Graduate.id))
        .where(col(Match.document_id) == col(Document.id), col(Match.decision).in_(SETTLED))
        .correlate(Document)
        .scalar_subquery()
    )


def _field(name: str) -> Any:
    return func.nullif(col(Document.fields)[name].as_string(), "")


def documents_by_status(session: Session) -> list[Row]:
    return _count_by(session, col(Document.status))


def documents_by_kind(session: Session) -> list[Row]:
    return _count_by(session, col(Document.kind))


def documents_by_institution(session: Session) -> list[Row]:
    """The institution read from the scan, else the one of the graduate it was matched to."""
    value = func.coalesce(_field("institution"), _matched(Graduate.institution))
    derived = select(value.label("institution")).select_from(Document).subquery()
    return _count_by(session, derived.c.institution)


def documents_by_year(session: Session) -> list[Row]:
    value = func.coalesce(_field("graduation_year"), cast(_matched(Graduate.graduation_year), Text))
    derived = select(value.label("year")).select_from(Document).subquery()
    rows = session.exec(
        select(derived.c.year, func.count()).group_by(derived.c.year).order_by(derived.c.year)
    ).all()
    return [tuple(r) for r in rows]


def graduates_by_study_form(session: Session) -> list[Row]:
    return _count_by(session, col(Graduate.study_form))


def graduates_by_study_language(session: Session) -> list[Row]:
    return _count_by(session, col(Graduate.study_language))


def graduates_by_degree_and_year(session: Session) -> list[Row]:
    degree, year = col(Graduate.degree), col(Graduate.graduation_year)
    rows = session.exec(select(degree, year, func.count()).group_by(degree, year).order_by(year, degree))
    return [tuple(r) for r in rows.all()]


def reviewer_throughput(session: Session) -> list[Row]:
    """Per day and person: match decisions made (confirmed or rejected) and diploma fields edited. Only
    people with an account count; the worker's own writes are not review."""
    decided: ColumnElement[bool] = and_(
        col(Revision.entity) == "match",
        col(Revision.field) == "decision",
        cast(col(Revision.new_value), Text).in_(['"confirmed"', '"rejected"']),
        # the matches and documents this session may see: an institution's own, under its scope
        col(Revision.entity_id).in_(select(Match.id)),
    )
    edited: ColumnElement[bool] = and_(
        col(Revision.entity) == "document",
        col(Revision.field).like("fields.%"),
        col(Revision.entity_id).in_(select(Document.id)),
    )
    day = func.date(col(Revision.created_at))
    rows = session.exec(
        select(
            day,
            col(Revision.actor),
            func.sum(case((decided, 1), else_=0)),
            func.sum(case((edited, 1), else_=0)),
        )
        .where(or_(decided, edited), col(Revision.actor).in_(select(User.username)))
        .group_by(day, col(Revision.actor))
        .order_by(day.desc(), col(Revision.actor))
    ).all()
    return [(str(d), actor, int(n), int(e)) for d, actor, n, e in rows]


def _bin_of(value: Any) -> Any:
    """Confidence 0..1 into ten bins; 1.0 belongs to the last. A CASE, since CAST rounds in PostgreSQL."""
    whens = [(value < (i + 1) / CONFIDENCE_BINS, literal(i)) for i in range(CONFIDENCE_BINS - 1)]
    return case(*whens, else_=literal(CONFIDENCE_BINS - 1))


def ocr_confidence(session: Session) -> list[Row]:
    """Pages by mean word confidence, in bins of 0.1 (every bin present, empty ones with 0)."""
    bin_ = _bin_of(col(Page.confidence))
    counts = dict(
        session.exec(select(bin_, func.count()).where(col(Page.confidence).is_not(None)).group_by(bin_)).all()
    )
    return [
        (f"{i / CONFIDENCE_BINS:.1f}–{(i + 1) / CONFIDENCE_BINS:.1f}", int(counts.get(i, 0)))
        for i in range(CONFIDENCE_BINS)
    ]


@dataclass(frozen=True)
class Report:
    name: str
    title: str
    columns: tuple[str, ...]  # the export's header: stored codes
    headers: tuple[str, ...]  # the page's header, translated when shown
    rows: Callable[[Session], list[Row]]
    keys: int = 1  # leading columns that name a bar; the rest are counts, summed into its length
    coded: bool = True  # whether the first column holds stored codes that the page translates


REPORTS: dict[str, Report] = {
    r.name: r
    for r in (
        Report(
            "documents_by_status",
            N_("Documents by status"),
            ("status", "documents"),
            (N_("Status"), N_("Documents")),
            documents_by_status,
        ),
        Report(
            "documents_by_institution",
            N_("Documents by institution"),
            ("institution", "documents"),
            (N_("Institution"), N_("Documents")),
            documents_by_institution,
            coded=False,
        ),
        Report(
            "documents_by_year",
            N_("Documents by graduation year"),
            ("graduation_year", "documents"),
            (N_("Graduation year"), N_("Documents")),
            documents_by_year,
            coded=False,
        ),
        Report(
            "documents_by_kind",
            N_("Documents by kind"),
            ("kind", "documents"),
            (N_("Kind"), N_("Documents")),
            documents_by_kind,
        ),
        Report(
            "graduates_by_study_form",
            N_("Graduates by form of study"),
            ("study_form", "graduates"),
            (N_("Study form"), N_("Graduates")),
            graduates_by_study_form,
        ),
        Report(
            "graduates_by_study_language",
            N_("Graduates by language of study"),
            ("study_language", "graduates"),
            (N_("Study language"), N_("Graduates")),
            graduates_by_study_language,
        ),
        Report(
            "graduates_by_degree_and_year",
            N_("Graduates by degree and year"),
            ("degree", "graduation_year", "graduates"),
            (N_("Degree"), N_("Graduation year"), N_("Graduates")),
            graduates_by_degree_and_year,
            keys=2,
        ),
        Report(
            "reviewer_throughput",
            N_("Reviewer throughput"),
            ("day", "reviewer", "match_decisions", "field_edits"),
            (N_("Day"), N_("Reviewer"), N_("Match decisions"), N_("Field edits")),
            reviewer_throughput,
            keys=2,
            coded=False,
        ),
        Report(
            "ocr_confidence",
            N_("OCR confidence of pages"),
            ("confidence", "pages"),
            (N_("Confidence"), N_("Pages")),
            ocr_confidence,
            coded=False,
        ),
    )
}


def _key_text(report: Report, index: int, value: Any, t: Translator) -> str:
    if value is None or value == "":
        return t.gettext(NOT_STATED)
    text = str(value)
    return value_text(text, t) if index == 0 and report.coded else text


def value_text(text: str, t: Translator) -> str:
    """A coded registry value (a degree, a form or language of study, a status) in the user's words."""
    if text in DEGREES:
        return degree_names(t)[text]
    return t.gettext(VALUE_LABELS.get(text, label(text)))


@dataclass
class Bar:
    label: str  # cut to fit beside the chart
    full: str
    value: int
    text: str
    share: float = 0.0  # of the longest bar


def _view(report: Report, rows: list[Row], t: Translator) -> dict[str, Any]:
    """The table as the page shows it, and one bar a row, its length relative to the longest."""
    table: list[list[str]] = []
    bars: list[Bar] = []
    for row in rows:
        keys = [_key_text(report, i, v, t) for i, v in enumerate(row[: report.keys])]
        counts = [int(v or 0) for v in row[report.keys :]]
        table.append(keys + [t.number(n) for n in counts])
        name = " · ".join(keys)
        short = name if len(name) <= CHART_LABEL_CHARS else name[: CHART_LABEL_CHARS - 1] + "…"
        bars.append(Bar(short, name, sum(counts), t.number(sum(counts))))
    top = max((b.value for b in bars), default=0) or 1
    for bar in bars:
        bar.share = bar.value / top
    return {
        "name": report.name,
        "title": t.gettext(report.title),
        "headers": [t.gettext(h) for h in report.headers],
        "table": table,
        "bars": bars,
    }


@router.get("/reports", response_class=HTMLResponse, include_in_schema=False)
def reports_page(request: Request, session: SessionDep) -> Response:
    t = translator(request)
    views = [_view(r, r.rows(session), t) for r in REPORTS.values()]
    return render(request, "reports.html", {"reports": views})


@router.get("/api/v1/reports/{name}.{fmt}", response_class=Response, tags=["reports"])
def reports_export(session: SessionDep, name: str, fmt: Literal["csv", "xlsx"]) -> Response:
    """One report as CSV (UTF-8 with BOM) or XLSX; the columns are the stored codes (see /reports)."""
    report = REPORTS.get(name)
    if report is None:
        raise NotFound(Message(Code.REPORT_UNKNOWN, name=repr(name), reports=", ".join(REPORTS)))
    rows = report.rows(session)
    if fmt == "csv":
        body, media = to_csv(report.columns, rows), CSV_TYPE
    else:
        body, media = to_xlsx(report.columns, rows, title=report.name), XLSX_TYPE
    disposition = f'attachment; filename="{report.name}.{fmt}"'
    return Response(body, media_type=media, headers={"Content-Disposition": disposition})
