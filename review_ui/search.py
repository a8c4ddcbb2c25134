"""Full-text search over OCR text and fields (storage.search does the folding and the index)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlmodel import Session

from review_ui.deps import SessionDep
from review_ui.i18n import translator
from review_ui.review_rows import degree_names
from review_ui.schemas import SearchHit
from review_ui.web import render
from storage.search import search

router = APIRouter()
MAX_QUERY = 200


def _hits(session: Session, q: str) -> list[dict[str, Any]]:
    hits = search(session, q[:MAX_QUERY])
    return [
        {
            "document_id": str(h.document_id),
            "filename": h.filename,
            "status": h.status,
            "page": h.page_number,
            "snippet": h.snippet,
        }
        for h in hits
    ]


@router.get("/api/v1/search", tags=["documents"], response_model=list[SearchHit])
def search_api(
    session: SessionDep, q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY)]
) -> list[dict[str, Any]]:
    """Documents whose page text, fields or file name contain every word of `q` (as prefixes);
    Kazakh letters may be typed as their Russian look-alikes (Калиева finds Қалиева)."""
    return _hits(session, q)


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
def search_page(request: Request, session: SessionDep, q: str = "") -> Response:
    context = {
        "q": q,
        "hits": _hits(session, q) if q.strip() else [],
        "degrees": degree_names(translator(request)),
    }
    return render(request, "search.html", context)
