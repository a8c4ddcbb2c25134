"""Job writes fenced by the attempt that owns the document.

A job takes a document by raising its `attempts` (the fencing token) and setting it `processing`. A
worker that stalled past its lease (a paused machine, swapping) may wake after the document was queued
again, read by a later attempt, or corrected by a reviewer; its results must then be refused, not
written. `own` is the first statement of the transaction that writes a job's results: a conditional
UPDATE of the document's row, which holds the row (PostgreSQL) or the database's write lock (SQLite,
whose first write in a transaction takes it) until the commit, so nothing can change the document
between the check and the writes.
"""

from __future__ import annotations

import logging
import uuid

from sqlalchemy import update
from sqlmodel import Session

from muragat.errors import Conflict
from muragat.messages import Message
from muragat.messages.catalog.workflow import Code
from storage.models import Document, DocumentStatus

log = logging.getLogger(__name__)


class StaleAttempt(Conflict):
    code = "stale_attempt"


def own(session: Session, document_id: uuid.UUID, attempt: int) -> Document:
    """The document, locked for this transaction, if attempt `attempt` still processes it; else
    `StaleAttempt`, logged, and nothing written."""
    claimed = session.execute(
        update(Document)
        .where(
            Document.id == document_id,  # type: ignore[arg-type]
            Document.attempts == attempt,  # type: ignore[arg-type]
            Document.status == DocumentStatus.processing,  # type: ignore[arg-type]
        )
        .values(attempts=Document.attempts)
        .execution_options(synchronize_session=False)
    )
    doc = session.get(Document, document_id, populate_existing=True)
    if claimed.rowcount != 1 or doc is None:  # type: ignore[attr-defined]
        why = Message(
            Code.JOB_STALE,
            attempt=attempt,
            id=str(document_id),
            status=str(doc.status) if doc else "deleted",
            current=doc.attempts if doc else "-",
        )
        log.warning("refused a stale job's write: %s", why)
        raise StaleAttempt(why)
    return doc
