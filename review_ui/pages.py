"""Web pages. For now one: the list of documents with their status."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from sqlmodel import col, func, select

from storage.db import session_scope
from storage.models import Document

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def documents_page(request: Request) -> HTMLResponse:
    with session_scope(request.app.state.engine) as session:
        docs = session.exec(select(Document).order_by(col(Document.created_at).desc()).limit(500)).all()
        counts = dict(session.exec(select(Document.status, func.count()).group_by(Document.status)).all())
    return templates.TemplateResponse(request, "documents.html", {"documents": docs, "counts": counts})
