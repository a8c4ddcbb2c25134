"""Read endpoints of /api/v1: documents with their status, page images and OCR text, matches;
registry import."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, File, Query, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel
from sqlmodel import col, select
from starlette.concurrency import run_in_threadpool

from matching.registry import import_registry
from muragat.errors import FileTooLarge
from muragat.messages import Message, code_of, render
from muragat.messages.catalog.registry import Code as RegistryCode
from review_ui.bounds import Offset, PageNumber
from review_ui.deps import EngineDep, OptionalUser, SessionDep, SettingsDep, StoreDep, Words
from review_ui.schemas import RegistryImportOut, in_english_and_localized
from storage import document_list, queries
from storage.db import session_scope
from storage.institutions import scope_session
from storage.matches import matches_with_graduates
from storage.models import (
    DocumentPublic,
    DocumentStatus,
    DocumentSummary,
    OcrWord,
    PagePublic,
    User,
)

router = APIRouter(prefix="/api/v1", tags=["documents"])


class DocumentList(BaseModel):
    total: int | None = None  # documents the filter finds; on the first page (without `after`) only
    items: list[DocumentSummary]
    next: str | None = None  # pass as `after` for the next page; None on the last


class WordOut(BaseModel):
    text: str
    left: int
    top: int
    width: int
    height: int
    confidence: float
    block: int
    line: int
    language: str | None = None  # kaz, rus or eng: the language of the word's block
    readings: list[str] = []  # other readings of a number-like word


class PageText(PagePublic):
    words: list[WordOut]


class MatchOut(BaseModel):
    graduate_id: str
    last_name: str
    first_name: str
    patronymic: str | None
    score: float
    decision: str
    reasons: list[str]  # in English, as the export gives them
    reason_codes: list[str | None]  # muragat.messages codes (None for a reason stored as text)
    reasons_localized: list[str]  # in the caller's language


@router.get("/documents", response_model=DocumentList)
def list_documents(
    session: SessionDep,
    status: DocumentStatus | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    after: Annotated[str | None, Query(max_length=200, description="the `next` of the page before")] = None,
    offset: Offset = 0,
) -> Any:
    """Summaries (no per-field evidence: the document itself has it), newest first; follow `next`."""
    page = document_list.list_documents(session, status=status, limit=limit, after=after, offset=offset)
    return {"total": page.total, "items": page.items, "next": page.next}


@router.get("/documents/{document_id}", response_model=DocumentPublic)
def get_document(session: SessionDep, document_id: uuid.UUID) -> Any:
    return queries.document(session, document_id)


@router.get("/documents/{document_id}/pages/{number}/image", response_class=Response)
def page_image(session: SessionDep, store: StoreDep, document_id: uuid.UUID, number: PageNumber) -> Response:
    key = queries.page(session, document_id, number).image_key
    return Response(store.get(key), media_type="image/png")


@router.get("/documents/{document_id}/pages/{number}/text", response_model=PageText)
def page_text(session: SessionDep, document_id: uuid.UUID, number: PageNumber) -> Any:
    page = queries.page(session, document_id, number)
    words = session.exec(
        select(OcrWord)
        .where(OcrWord.page_id == page.id)
        .order_by(col(OcrWord.block), col(OcrWord.line), col(OcrWord.position))
    ).all()
    return PageText(
        **PagePublic.model_validate(page).model_dump(),
        words=[WordOut.model_validate(w, from_attributes=True) for w in words],
    )


@router.get("/documents/{document_id}/matches", response_model=list[MatchOut])
def document_matches(session: SessionDep, t: Words, document_id: uuid.UUID) -> Any:
    queries.document(session, document_id)
    return [
        MatchOut(
            graduate_id=g.graduate_id,
            last_name=g.last_name,
            first_name=g.first_name,
            patronymic=g.patronymic,
            score=m.score,
            decision=m.decision,
            reasons=[render(r, "en") for r in m.reasons],
            reason_codes=[code_of(r) for r in m.reasons],
            reasons_localized=[t.message(r) for r in m.reasons],
        )
        for m, g in matches_with_graduates(session, document_id)
    ]


def _import(engine: Any, data: bytes, name: str, user: User | None) -> Any:
    with session_scope(engine) as session:
        # an account limited to one institution imports only its graduates (refused by line otherwise)
        scope_session(session, user.institution if user is not None else None)
        return import_registry(session, data, name, actor=user.username if user is not None else "api")


@router.post("/graduates/import", response_model=RegistryImportOut)
async def graduates_import(
    settings: SettingsDep,
    engine: EngineDep,
    user: OptionalUser,
    t: Words,
    file: Annotated[UploadFile, File()],
) -> RegistryImportOut:
    """Import a registry CSV: good rows are kept, bad rows are listed with their line numbers (in English,
    and in the caller's interface language under the keys ending in `_localized`)."""
    limit = settings.max_upload_bytes
    data = await file.read(limit + 1)
    name = file.filename or "registry.csv"
    if len(data) > limit:
        raise FileTooLarge(Message(RegistryCode.FILE_TOO_LARGE, file=name, limit=limit))
    report = await run_in_threadpool(_import, engine, data, name, user)
    errors, errors_localized = in_english_and_localized([e.detail for e in report.errors], t)
    warnings, warnings_localized = in_english_and_localized(report.warnings, t)
    return RegistryImportOut(
        added=report.added,
        updated=report.updated,
        unchanged=report.unchanged,
        rejected=report.rejected,
        summary=report.summary(),
        summary_localized=t.message(report.summary_message),
        errors=errors,
        errors_localized=errors_localized,
        warnings=warnings,
        warnings_localized=warnings_localized,
    )
