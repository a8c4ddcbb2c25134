"""The export contract (DESIGN.md): one JSON document a line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from muragat.messages import code_of, render
from storage.db import session_scope
from storage.matches import matches_with_graduates
from storage.models import Document, DocumentStatus, Page

EXPORTED_STATUSES = (
    DocumentStatus.processed,
    DocumentStatus.needs_review,
    DocumentStatus.verified,
    DocumentStatus.failed,
)
FIELD_ORDER = (
    "last_name",
    "first_name",
    "patronymic",
    "iin",
    "diploma_series",
    "diploma_number",
    "registration_number",
    "graduation_year",
    "degree",
    "honors",
)


def document_record(session: Session, doc: Document) -> dict[str, Any]:
    pages = session.exec(select(Page).where(Page.document_id == doc.id).order_by(col(Page.number))).all()
    matches = matches_with_graduates(session, doc.id)
    fields = {k: doc.fields[k] for k in FIELD_ORDER if k in doc.fields}
    fields.update({k: v for k, v in doc.fields.items() if k not in fields})
    return {
        "document_id": str(doc.id),
        "filename": doc.filename,
        "sha256": doc.sha256,
        "status": str(doc.status),
        "kind": doc.kind,
        "pages": [
            {"number": p.number, "text": p.text, "language": p.language, "confidence": p.confidence}
            for p in pages
        ],
        "fields": fields,
        "matches": [
            {
                "graduate_id": g.graduate_id,
                "score": m.score,
                "decision": str(m.decision),
                "reasons": [render(r, "en") for r in m.reasons],
                "reason_codes": [code_of(r) for r in m.reasons],
                **({"row": m.row} if m.row is not None else {}),
            }
            for m, g in matches
        ],
        **({"diploma_document_id": str(doc.diploma_document_id)} if doc.diploma_document_id else {}),
    }


def export_records(engine: Engine) -> Iterator[dict[str, Any]]:
    with session_scope(engine) as session:
        docs = session.exec(
            select(Document)
            .where(col(Document.status).in_(EXPORTED_STATUSES))
            .order_by(col(Document.created_at), col(Document.filename))
        )
        for doc in docs:
            yield document_record(session, doc)


def pending_documents(engine: Engine) -> int:
    with session_scope(engine) as session:
        return len(
            session.exec(select(Document.id).where(col(Document.status).not_in(EXPORTED_STATUSES))).all()
        )


def to_line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"
