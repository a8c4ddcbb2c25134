"""The job that carries a document through the stages. It takes an id and is idempotent: a retry or
a rerun after a crash finds the document as the database has it and does the rest once."""

from __future__ import annotations

import contextlib
import logging
import threading
import time
import uuid
from collections.abc import Callable
from typing import TypeVar

import redis
from rq import get_current_job
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlmodel import select

from matching.templates import profiles
from muragat.errors import MuragatError, QueueUnavailable, ServiceStillDown, StorageUnavailable
from muragat.match_stage import WORKER, save_results, stored_results
from muragat.messages import Message
from muragat.messages.catalog.workflow import Code
from muragat.ocr_stage import read_pages, write_outputs
from muragat.queue import DocumentLease, Progress, announce_finished
from muragat.services import Services, open_services
from muragat.settings import Settings, get_settings
from ocr import PageResult
from storage.db import session_scope
from storage.fencing import StaleAttempt, own
from storage.models import Document, DocumentStatus, LineCorrection
from storage.revisions import changes_by

log = logging.getLogger(__name__)
T = TypeVar("T")
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
    progress = Progress(connection, settings, document_id)
    try:
        return _process(services, uuid.UUID(document_id), progress)
    finally:
        stop_renewing.set()
        if lease:
            with contextlib.suppress(redis.RedisError):  # a lost Redis lost the lease with it
                lease.release()
        announce_finished(connection, settings, document_id)


def _renew(lease: DocumentLease, stop: threading.Event) -> None:
    while not stop.wait(max(1.0, lease.seconds / 3)):
        try:
            # A restarted Redis has lost every lease: take it again, or the reconciler would queue
            # this document once more while it is being processed here.
            if not lease.renew():
                lease.acquire()
        except redis.RedisError:
            continue  # Redis is away: the job goes on, the lease is taken again once it answers


def _process(services: Services, document_id: uuid.UUID, progress: Progress | None = None) -> str:
    progress = progress or Progress(None, services.settings, document_id)
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
        pages = with_backoff(services.settings, lambda: read_pages(services, doc, progress.at))
        progress.at("saving")
        status = with_backoff(services.settings, lambda: _save(services, document_id, attempt, pages))
        with_backoff(services.settings, lambda: _corrected_outputs(services, document_id))
        progress.clear()
        return f"{status}: {len(pages)} page(s)"
    except StaleAttempt as e:
        return f"refused: {e.message}"
    except MuragatError as e:  # a file that cannot be read, or a service still down after the retries
        mark_failed(services, document_id, e.detail, attempt)
        progress.clear()
        return f"failed: {e.message}"
    except Exception as e:
        reason = Message(Code.JOB_UNEXPECTED_ERROR, error=f"{type(e).__name__}: {e}")
        mark_failed(services, document_id, reason, attempt)
        progress.clear()
        raise


def _save(services: Services, document_id: uuid.UUID, attempt: int, pages: list[PageResult]) -> str:
    with session_scope(services.engine) as session:
        own(session, document_id, attempt).crashes = 0  # read to the end: the attempt cap counts anew
        return str(save_results(session, document_id, pages, profiles(services.settings.templates_dir)))


def _corrected_outputs(services: Services, document_id: uuid.UUID) -> None:
    """Where a person corrected lines, the hOCR and the searchable PDF carry the corrected text."""
    with session_scope(services.engine) as session:
        if session.exec(select(LineCorrection.id).where(LineCorrection.document_id == document_id)).first():
            write_outputs(services, document_id, stored_results(session, document_id))


# --- transient faults ------------------------------------------------------------------------------

BACKOFF_FIRST_SECONDS = 0.5
BACKOFF_MAX_SECONDS = 15.0


def is_transient(error: BaseException) -> bool:
    """Faults of a service that come and go: the object store or the disk (StorageUnavailable), Redis,
    or the database's connection; a file that cannot be read is not one of them."""
    if isinstance(error, StorageUnavailable | QueueUnavailable):
        return True
    if isinstance(error, OperationalError | InterfaceError):
        return True
    return isinstance(error, DBAPIError) and bool(error.connection_invalidated)


def with_backoff(settings: Settings, step: Callable[[], T]) -> T:
    """`step()`, tried again with doubling pauses while a service fails it, for up to
    `service_retry_seconds`; then `ServiceStillDown` with the last fault. Steps are idempotent (objects
    are put under fixed keys, results written in one fenced transaction), so a second try is safe."""
    first_fault: float | None = None  # the budget counts from the first fault, not from the step's start
    pause, tries = BACKOFF_FIRST_SECONDS, 0
    while True:
        tries += 1
        try:
            return step()
        except StaleAttempt:
            raise
        except Exception as e:
            if not is_transient(e):
                raise
            first_fault = first_fault or time.monotonic()
            waited = time.monotonic() - first_fault
            if waited + pause > settings.service_retry_seconds:
                error: str | Message = e.detail if isinstance(e, MuragatError) else f"{type(e).__name__}: {e}"
                raise ServiceStillDown(
                    Message(Code.JOB_SERVICE_GAVE_UP, error=error, tries=tries, seconds=round(waited))
                ) from e
            log.warning("a service failed the job (try %d), trying again in %.1f s: %s", tries, pause, e)
            time.sleep(pause)
            pause = min(pause * 2, BACKOFF_MAX_SECONDS)


def mark_failed(services: Services, document_id: uuid.UUID, reason: str | Message, attempt: int) -> None:
    """The document failed, with why, if attempt `attempt` still owns it (a stale job's failure is
    refused and logged like its results). A database that stays away leaves the document processing,
    for the reconciler to find once it is back."""

    def write() -> None:
        with session_scope(services.engine) as session, changes_by(session, WORKER, Message(Code.JOB_FAILED)):
            doc = own(session, document_id, attempt)
            doc.status = DocumentStatus.failed
            doc.explain(reason)

    with contextlib.suppress(StaleAttempt, ServiceStillDown):
        with_backoff(services.settings, write)
