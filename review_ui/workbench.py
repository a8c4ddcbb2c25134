"""The reviewers' workbench routes: the queue ordered by need, the document page (scan, words, fields,
candidate graduates, history), field edits and restores. What they show is read in review_rows.py, what
they change is done in field_edits.py; every change is a revision with its author and reason."""

from __future__ import annotations

import uuid
from typing import Any, Literal

from fastapi import APIRouter, BackgroundTasks, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field

from matching.decisions import RESOLUTION_CODES, register_from_document, resolve, resolve_row
from muragat.match_stage import rematch, stored_results
from muragat.ocr_stage import write_outputs
from muragat.services import Services
from review_ui.bounds import BlockIndex, LineIndex, PageNumber, RowNumber
from review_ui.deps import CurrentUser, EngineDep, SessionDep, SettingsDep, StoreDep
from review_ui.field_edits import clean_reason, restore, set_fields
from review_ui.i18n import Translator, translator
from review_ui.review_rows import (
    candidate_rows,
    degree_names,
    field_rows,
    history_rows,
    ledger_row_views,
    neighbours,
    page_rows,
    queue_rows,
    resolution_rows,
    revision_row,
    top_candidates,
    viewer_data,
)
from review_ui.schemas import CandidateOut, FieldsChanged, LineOut, QueueOut, Resolved, RevisionOut
from review_ui.web import render
from storage import queries
from storage.corrections import correct_line
from storage.db import session_scope
from storage.models import Document, Role
from storage.revisions import set_by_people

router = APIRouter()


class FieldsUpdate(BaseModel):
    fields: dict[str, Any]
    reason: str = ""
    # the values the reviewer saw; a field changed by someone else since then is refused, not overwritten
    expected: dict[str, Any] | None = None


class RestoreRequest(BaseModel):
    reason: str = ""


class LineUpdate(BaseModel):
    text: str = Field(
        min_length=1, max_length=2000, description="what the line says; the same text confirms OCR's reading"
    )
    expected: str | None = Field(
        default=None, description="the line's text as the reviewer saw it; a line read again since is refused"
    )
    reason: str = Field(min_length=1, max_length=900, description="why, as it will stand in the history")


class RegisterRequest(BaseModel):
    reason: str = Field(min_length=1, max_length=900, description="why, as it will stand in the history")
    graduate_id: str | None = Field(
        default=None, max_length=50, description="the registry ID to give; empty: DOC- and the document's id"
    )


class RowResolve(BaseModel):
    reason: str = Field(min_length=1, max_length=900, description="why, as it will stand in the history")


class ResolveRequest(BaseModel):
    resolution: Literal["not_in_registry", "reviewed"]
    reason: str = Field(min_length=1, max_length=900, description="why, as it will stand in the history")


# --- pages -----------------------------------------------------------------------------------------


@router.get("/queue", response_class=HTMLResponse, include_in_schema=False)
def queue_page(request: Request, session: SessionDep) -> Response:
    rows = queue_rows(session)
    top = top_candidates(session, [doc.id for doc, _ in rows])
    items = [{"doc": doc, "confidence": conf, "top": top.get(doc.id)} for doc, conf in rows]
    return render(request, "queue.html", {"items": items})


@router.get("/documents/{document_id}", response_class=HTMLResponse, include_in_schema=False)
def document_page(
    request: Request, session: SessionDep, user: CurrentUser, document_id: uuid.UUID
) -> Response:
    t = translator(request)
    doc = queries.document(session, document_id)
    ids = [d.id for d, _ in queue_rows(session)]
    pages = page_rows(session, doc, t)
    context: dict[str, Any] = {
        "doc": doc,
        "fields": field_rows(doc, t, set_by_people(session, doc.id)),
        "pages": pages,
        "candidates": candidate_rows(session, doc, t),
        "history": history_rows(session, doc, t),
    }
    previous, following = neighbours(ids, doc.id)
    context |= {
        "previous_id": previous,
        "next_id": following,
        "position": ids.index(doc.id) + 1 if doc.id in ids else None,
        "queue_total": len(ids),
        "degrees": degree_names(t),
        "resolutions": resolution_rows(session, doc, t, admin=user.role == Role.admin),
        "ledger_rows": ledger_row_views(session, doc, t),
        "viewer": viewer_data(doc, pages, previous, following, t),
    }
    return render(request, "document.html", context)


# --- JSON ------------------------------------------------------------------------------------------


@router.get("/api/v1/queue", tags=["review"], response_model=QueueOut)
def queue_api(session: SessionDep) -> dict[str, Any]:
    """The review queue in order: the ids that next and previous walk through."""
    rows = queue_rows(session)
    return {
        "ids": [str(doc.id) for doc, _ in rows],
        "items": [
            {"id": str(doc.id), "filename": doc.filename, "status": str(doc.status), "confidence": conf}
            for doc, conf in rows
        ],
    }


@router.get("/api/v1/documents/{document_id}/candidates", tags=["review"], response_model=list[CandidateOut])
def document_candidates(
    request: Request, session: SessionDep, document_id: uuid.UUID
) -> list[dict[str, Any]]:
    """Candidate graduates with their full registry records, the match and the field-by-field comparison."""
    return candidate_rows(session, queries.document(session, document_id), translator(request))


@router.get("/api/v1/documents/{document_id}/history", tags=["review"], response_model=list[RevisionOut])
def document_history(request: Request, session: SessionDep, document_id: uuid.UUID) -> list[dict[str, Any]]:
    return history_rows(session, queries.document(session, document_id), translator(request))


@router.patch("/api/v1/documents/{document_id}/fields", tags=["review"], response_model=FieldsChanged)
def update_fields(
    request: Request, session: SessionDep, user: CurrentUser, document_id: uuid.UUID, body: FieldsUpdate
) -> dict[str, Any]:
    """Set diploma fields; each changed field becomes a revision with the reviewer and the reason."""
    expected = body.expected or {}
    doc, changed, written = set_fields(
        session, document_id, body.fields, expected, user.username, body.reason
    )
    # matched again from what the reviewer wrote: new candidates come with their reasons
    candidates_changed = rematch(session, doc.id, user.username) if changed else False
    t = translator(request)
    return {
        "changed": changed,
        "fields": doc.fields,
        "revisions": [revision_row(r, t) for r in written],
        "document_status": doc.status,
        "status_reason": t.message(doc.status_message or doc.status_reason),
        "candidates_changed": candidates_changed,
    }


@router.put(
    "/api/v1/documents/{document_id}/pages/{number}/lines/{block}/{line}",
    tags=["review"],
    response_model=LineOut,
)
def correct_text_line(
    session: SessionDep,
    store: StoreDep,
    settings: SettingsDep,
    engine: EngineDep,
    user: CurrentUser,
    later: BackgroundTasks,
    document_id: uuid.UUID,
    number: PageNumber,
    block: BlockIndex,
    line: LineIndex,
    body: LineUpdate,
) -> dict[str, Any]:
    """Correct (or confirm) one line of OCR text: a revision; search, the export and the searchable PDF
    read the corrected text, and `muragat export --format tesstrain` takes the line as ground truth."""
    corrected = correct_line(
        session, document_id, number, block, line, body.text, user.username, clean_reason(body.reason),
        expected=body.expected,
    )  # fmt: skip
    # the hOCR and the searchable PDF are made again once the correction is committed, outside the lock
    later.add_task(_rewrite_outputs, Services(settings, engine, store), document_id)
    return {
        "page": number, "block": corrected.block, "line": corrected.line, "left": corrected.left,
        "top": corrected.top, "width": corrected.width, "height": corrected.height, "text": corrected.text,
        "ocr_text": corrected.ocr_text, "corrected_by": corrected.actor,
    }  # fmt: skip


def _resolved(doc: Document, t: Translator) -> dict[str, Any]:
    """A finished document's answer: its status and why, in the reader's language."""
    return {
        "document_id": doc.id,
        "document_status": doc.status,
        "status_reason": t.message(doc.status_message or doc.status_reason),
    }


def _rewrite_outputs(services: Services, document_id: uuid.UUID) -> None:
    with session_scope(services.engine) as session:
        results = stored_results(session, document_id)
    write_outputs(services, document_id, results)


@router.post("/api/v1/documents/{document_id}/register", tags=["review"], response_model=Resolved)
def register_graduate(
    request: Request, session: SessionDep, user: CurrentUser, document_id: uuid.UUID, body: RegisterRequest
) -> dict[str, Any]:
    """Admins: add the document's graduate to the registry from its fields, confirmed as its match."""
    doc, _ = register_from_document(
        session, document_id, body.graduate_id, user.username, clean_reason(body.reason)
    )
    return _resolved(doc, translator(request))


@router.post("/api/v1/documents/{document_id}/rows/{row}/resolve", tags=["review"], response_model=Resolved)
def resolve_ledger_row(
    request: Request,
    session: SessionDep,
    user: CurrentUser,
    document_id: uuid.UUID,
    row: RowNumber,
    body: RowResolve,
) -> dict[str, Any]:
    """A ledger row whose graduate the registry lacks: reviewed, and counted as done."""
    doc = resolve_row(session, document_id, row, user.username, clean_reason(body.reason))
    return _resolved(doc, translator(request))


@router.post("/api/v1/documents/{document_id}/resolve", tags=["review"], response_model=Resolved)
def resolve_document(
    request: Request, session: SessionDep, user: CurrentUser, document_id: uuid.UUID, body: ResolveRequest
) -> dict[str, Any]:
    """Finish a document matching cannot settle: `not_in_registry` (a diploma whose graduate the registry
    lacks) or `reviewed` (an archive document); a rerun of the job keeps it."""
    code = RESOLUTION_CODES[body.resolution]
    doc = resolve(session, document_id, code, user.username, clean_reason(body.reason))
    return _resolved(doc, translator(request))


@router.post("/api/v1/revisions/{revision_id}/restore", tags=["review"], response_model=RevisionOut)
def restore_revision(
    request: Request, session: SessionDep, user: CurrentUser, revision_id: uuid.UUID, body: RestoreRequest
) -> dict[str, Any]:
    """Set a field back to the value it had before a revision, as a new revision; a restored field is
    matched again, like an edit."""
    restored = restore(session, revision_id, user.username, body.reason)
    if restored.entity == "document" and restored.field.startswith("fields."):
        rematch(session, restored.entity_id, user.username)
    return revision_row(restored, translator(request))
