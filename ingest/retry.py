"""Retry of failed documents: back to the queue, as a new revision, from the CLI or the API."""

from __future__ import annotations

import uuid

from rq import Queue
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from ingest.queueing import enqueue_processing
from muragat.errors import Conflict
from muragat.messages import Message, from_json, is_message
from muragat.messages.catalog.files import Code
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
                Message(Code.RETRY_NOT_FAILED, id=str(document_id), file=doc.filename, status=doc.status)
            )
        # the failure as it was stored: a message (rendered in the reader's language) or old prose
        stored = doc.status_message
        failure = from_json(stored) if stored is not None and is_message(stored) else str(doc.status_reason)
        with changes_by(session, actor, Message(Code.RETRY_REQUESTED, reason=failure)):
            doc.status = DocumentStatus.queued
            doc.explain(None)
            doc.crashes = 0  # a person asked again: the attempt cap counts from here
    if queue is not None:
        enqueue_processing(queue, doc.id, doc.attempts + 1)
    return doc
