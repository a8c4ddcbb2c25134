"""The documents list: one page of summaries (no per-field evidence), newest first, read by key.

A page ends with a cursor, the (created_at, id) of its last row; the next page starts after it, so a
page deep in the list costs what the first does (an offset counts past every row before it), and a
document added meanwhile neither repeats nor hides a row. The order is served by the indexes of
migration 0018. The session's institution scope (storage.institutions) applies as to any read."""

from __future__ import annotations

import base64
import binascii
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_
from sqlmodel import Session, col, func, select

from muragat.errors import InvalidInput
from muragat.messages import Message
from muragat.messages.catalog.errors import Code
from storage.models import Document, DocumentStatus, DocumentSummary

SUMMARY_COLUMNS: tuple[Any, ...] = tuple(
    col(getattr(Document, name)) for name in DocumentSummary.model_fields
)


@dataclass(frozen=True)
class Cursor:
    created_at: datetime
    id: uuid.UUID

    def encode(self) -> str:
        raw = f"{self.created_at.isoformat()}|{self.id}".encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, text: str) -> Cursor:
        try:
            raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode()
            at, _, key = raw.partition("|")
            return cls(datetime.fromisoformat(at), uuid.UUID(key))
        except (binascii.Error, UnicodeDecodeError, ValueError) as e:
            raise InvalidInput(Message(Code.LIST_CURSOR_INVALID)) from e


@dataclass
class DocumentPage:
    total: int | None  # counted on the first page only (a page after a cursor leaves it out)
    items: list[dict[str, Any]]  # DocumentSummary's fields
    next: str | None  # the cursor of the page after this one; None on the last page


def _after(cursor: Cursor) -> Any:
    created, key = col(Document.created_at), col(Document.id)
    return or_(created < cursor.created_at, and_(created == cursor.created_at, key < cursor.id))


def list_documents(
    session: Session,
    *,
    status: DocumentStatus | None = None,
    limit: int = 50,
    after: str | None = None,
    offset: int = 0,
) -> DocumentPage:
    """One page of the list: `limit` summaries after the cursor `after` (or, for older callers, after
    skipping `offset` rows), newest first, with the total of the filter on a first page (counting
    every row again for each later page would cost more than the page)."""
    query = select(*SUMMARY_COLUMNS)
    count = select(func.count()).select_from(Document)
    if status is not None:
        query = query.where(col(Document.status) == status)
        count = count.where(col(Document.status) == status)
    if after:
        query = query.where(_after(Cursor.decode(after)))
    elif offset:
        query = query.offset(offset)
    rows = session.exec(
        query.order_by(col(Document.created_at).desc(), col(Document.id).desc()).limit(limit + 1)
    ).all()
    # plain rows: the route's response model checks them once (a model made here would be checked twice)
    items = [dict(row._mapping) for row in rows[:limit]]
    last = items[-1] if len(rows) > limit else None
    return DocumentPage(
        total=None if after else session.exec(count).one(),
        items=items,
        next=Cursor(last["created_at"], last["id"]).encode() if last else None,
    )
