"""The job that carries a document through the stages. It takes an id and is idempotent: a retry or
a rerun after a crash finds the document as the database has it and does the rest once."""

from __future__ import annotations

import contextlib
import threading
import uuid

import redis
from rq import get_current_job

from matching.templates import profiles
from muragat.errors import MuragatError
from muragat.match_stage import WORKER, save_results
from muragat.messages import Message
from muragat.messages.catalog.workflow import Code
from muragat.ocr_stage import read_pages
from muragat.queue import DocumentLease
from muragat.services import Services, open_services
from muragat.settings import Settings, get_settings
from storage.db import session_scope
from storage.fencing import StaleAttempt, own
from storage.models import Document, DocumentStatus
from storage.revisions import changes_by

DONE = {DocumentStatus.processed, DocumentStatus.needs_review, DocumentStatus.verified, DocumentStatus.failed}


def process_document(document_id: str, settings: Settings | None = None) -> str:
    """Process one document; returns what it did, for the job's result."""
    settings = settings or get_settings()
    services = open_services(settings)
    job = get_current_job()
    connection = job.connection if job else None
    lease = DocumentLease(connection, settings, document_id) if connection is not None else None
    if lease and not lease.acquire():
        return "skipped: another worker holds this document"
    stop_renewing = threading.Event()
    if lease:
        threading.Thread(target=_renew, args=(lease, stop_renewing), daemon=True).start()
    try:
        return _process(services, uuid.UUID(document_id))
    finally:
        stop_renewing.set()
        if lease:
            with contextlib.suppress(redis.RedisError):  # a lost Redis lost the lease with it
                lease.release()


def _renew(lease: DocumentLease, stop: threading.Event) -> None:
    while not stop.wait(max(1.0, lease.seconds / 3)):
        try:
            # A restarted Redis has lost every lease: take it again, or the reconciler would queue
            # this document once more while it is being processed here.
            if not lease.renew():
                lease.acquire()
        except redis.RedisError:
            continue  # Redis is away: the job goes on, the lease is taken again once it answers


def _process(services: Services, document_id: uuid.UUID) -> str:
    with session_scope(services.engine) as session:
        doc = session.get(Document, document_id)
        if doc is None:
            return "skipped: no such document"
        if doc.status in DONE:
            return f"skipped: already {doc.status}"
        with changes_by(session, WORKER, Message(Code.JOB_STARTED)):
            doc.status = DocumentStatus.processing
            doc.explain(None)
            doc.attempts += 1
        attempt = doc.attempts  # the fencing token: every write of this job's results checks it
    try:
        pages = read_pages(services, doc)
        with session_scope(services.engine) as session:
            own(session, document_id, attempt)
            status = save_results(session, doc.id, pages, profiles(services.settings.templates_dir))
        return f"{status}: {len(pages)} page(s)"
    except StaleAttempt as e:
        return f"refused: {e.message}"
    except MuragatError as e:
        mark_failed(services, document_id, e.detail, attempt)
        return f"failed: {e.message}"
    except Exception as e:
        reason = Message(Code.JOB_UNEXPECTED_ERROR, error=f"{type(e).__name__}: {e}")
        mark_failed(services, document_id, reason, attempt)
        raise


def mark_failed(services: Services, document_id: uuid.UUID, reason: str | Message, attempt: int) -> None:
    """The document failed, with why, if attempt `attempt` still owns it (a stale job's failure is
    refused and logged like its results)."""
    try:
        with session_scope(services.engine) as session, changes_by(session, WORKER, Message(Code.JOB_FAILED)):
            doc = own(session, document_id, attempt)
            doc.status = DocumentStatus.failed
            doc.explain(reason)
    except StaleAttempt:
        return
