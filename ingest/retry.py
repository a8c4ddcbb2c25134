"""Retry of failed documents: back to the queue, as a new revision, from the CLI or the API."""

from __future__ import annotations

import uuid

from rq import Queue
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from ingest.queueing import enqueue_processing
from muragat.errors import Conflict
from storage import queries
from storage.db import session_scope
from storage.models import Document, DocumentStatus
from storage.revisions import changes_by


def failed_document_ids(engine: Engine) -> list[uuid.UUID]:
    with session_scope(engine) as session:
        return list(session.exec(select(Document.id).where(col(Document.status) == DocumentStatus.failed)))


def retry_document(engine: Engine, queue: Queue | None, document_id: uuid.UUID, *, actor: str) -> Document:
    with session_scope(engine) as session:
        doc = queries.document(session, document_id)
        if doc.status != DocumentStatus.failed:
            raise Conflict(
                f"document {document_id} ({doc.filename}) is {doc.status}; only failed documents are retried"
            )
        with changes_by(session, actor, f"retry requested after: {doc.status_reason}"):
            doc.status = DocumentStatus.queued
            doc.status_reason = None
    if queue is not None:
        enqueue_processing(queue, doc.id, doc.attempts + 1)
    return doc
