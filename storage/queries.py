"""Lookups that routes, the CLI and jobs share: a document, or its page, or a clear NotFound."""

from __future__ import annotations

import uuid

from sqlmodel import Session, select

from muragat.errors import NotFound
from muragat.messages import Message
from muragat.messages.catalog.errors import Code
from storage.models import Document, Page


def document(session: Session, document_id: uuid.UUID, lock: bool = False) -> Document:
    """The document; `lock` takes its row for the rest of the transaction (PostgreSQL)."""
    found = session.get(Document, document_id, with_for_update=lock)
    if found is None:
        raise NotFound(Message(Code.DOCUMENT_NOT_FOUND, id=str(document_id)))
    return found


def page(session: Session, document_id: uuid.UUID, number: int) -> Page:
    document(session, document_id)
    found = session.exec(select(Page).where(Page.document_id == document_id, Page.number == number)).first()
    if found is None:
        raise NotFound(Message(Code.PAGE_NOT_FOUND, id=str(document_id), page=number))
    return found
