"""Enqueueing by dotted name, so that ingest need not import the stages it schedules."""

from __future__ import annotations

import uuid

from rq import Queue
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus

PROCESS_DOCUMENT = "muragat.jobs.process_document"
WAITING = {JobStatus.QUEUED, JobStatus.SCHEDULED, JobStatus.DEFERRED, JobStatus.STARTED}


def job_id(document_id: uuid.UUID, attempt: int) -> str:
    return f"document-{document_id}-{attempt}"


def job_waiting(queue: Queue, document_id: uuid.UUID, attempt: int) -> bool:
    """Whether the job for this attempt is on the queue or being run."""
    try:
        job = Job.fetch(job_id(document_id, attempt), connection=queue.connection)
    except NoSuchJobError:
        return False
    return job.get_status(refresh=False) in WAITING


def enqueue_processing(queue: Queue, document_id: uuid.UUID, attempt: int) -> str:
    """Put a document on the queue for its next attempt, unless that attempt is already waiting."""
    jid = job_id(document_id, attempt)
    if not job_waiting(queue, document_id, attempt):
        queue.enqueue(PROCESS_DOCUMENT, str(document_id), job_id=jid, result_ttl=86400, failure_ttl=7 * 86400)
    return jid
