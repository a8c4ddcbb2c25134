"""Reading a document's matches with the graduates they name."""

from __future__ import annotations

import uuid

from sqlmodel import Session, col, func, select

from storage.models import Graduate, Match


def matches_with_graduates(session: Session, document_id: uuid.UUID) -> list[tuple[Match, Graduate]]:
    """Every match of the document with its graduate, best score first; on a ledger row by row."""
    return list(
        session.exec(
            select(Match, Graduate)
            .join(Graduate, col(Graduate.id) == col(Match.graduate_id))
            .where(Match.document_id == document_id)
            .order_by(func.coalesce(col(Match.row), 0), col(Match.score).desc())
        ).all()
    )
