"""The reconciler: the database is the truth about what waits for processing, Redis only a means to it.

A document is `queued` or `processing` in the database until a job finishes it. When Redis lost its
queue (restarted without persistence), a worker died mid-document, or a job died with the database
(so it could not even mark itself failed), the database still says queued or processing while no job
will ever run. One sweep finds those documents and enqueues each again, for its next attempt:

- `queued` with no job for its next attempt waiting or running on the queue (a job that a worker took
  and died with, before it marked the document processing, counts as not running once a lease passed);
- `processing` with no worker holding its lease in Redis (the lease lapses `job_lease_seconds` after
  its worker stopped renewing it). Such a document stopped its worker (killed, out of memory); after
  `max_attempts` of those in a row it ends `failed`, naming the page the worker was reading, rather
  than stopping worker after worker forever. Right after Redis restarted, every lease is gone, also
  those of jobs still running; those jobs take their lease again within a third of the lease, so
  processing documents are left alone until Redis has been up for a whole lease.

`muragat reconcile` runs one sweep; every `muragat worker` sweeps every `reconcile_seconds`. Sweeps of
several machines at once are safe: each document is claimed with a row lock (PostgreSQL), and a job that
finds its document finished, or held by another worker, does nothing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

import redis
from rq import Queue
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus
from rq.utils import now as rq_now
from sqlmodel import col, select

from ingest.queueing import enqueue_processing, job_id, job_waiting
from muragat.messages import Message
from muragat.messages.catalog.workflow import Code
from muragat.queue import is_leased, last_progress
from muragat.services import Services
from muragat.settings import Settings
from storage.db import session_scope
from storage.models import Document, DocumentStatus
from storage.revisions import changes_by

PENDING = (DocumentStatus.queued, DocumentStatus.processing)
ACTOR = "system:recovery"


@dataclass(frozen=True)
class Requeued:
    document_id: uuid.UUID
    filename: str
    was: DocumentStatus
    attempt: int  # the attempt the new job is for
    why: Message


@dataclass
class Sweep:
    requeued: list[Requeued] = field(default_factory=list)
    failed: list[Requeued] = field(default_factory=list)  # stopped a worker max_attempts times: not queued
    held: int = 0  # processing, with a live lease
    waiting: int = 0  # queued, with a job waiting
    deferred: int = 0  # processing without a lease, left alone because Redis restarted a moment ago
    redis_uptime: float | None = None


def where_stopped(progress: str | None) -> Message:
    """Where a job was when its worker stopped, from what it told muragat.queue.Progress."""
    if progress and progress.startswith("page:") and progress[5:].isdigit():
        return Message(Code.WHERE_PAGE, page=int(progress[5:]))
    if progress == "saving":
        return Message(Code.WHERE_SAVING)
    return Message(Code.WHERE_UNKNOWN)


def sweep_interval(settings: Settings) -> float:
    """Seconds between the sweeps of a running worker; 0 means only the sweep when it starts."""
    if settings.reconcile_seconds is not None:
        return settings.reconcile_seconds
    return max(1.0, settings.job_lease_seconds / 2)


def redis_uptime(connection: redis.Redis) -> float | None:
    """How long this Redis has been running; None where INFO is not allowed (some managed services)."""
    try:
        return float(connection.info("server")["uptime_in_seconds"])
    except (redis.ResponseError, KeyError, TypeError, ValueError):
        return None


def _job_alive(queue: Queue, settings: Settings, document_id: uuid.UUID, attempt: int) -> bool:
    """Whether the job for this attempt waits on the queue or runs. A job RQ marks started whose document
    is still queued, unleased, a lease after it started, was taken by a worker that died at once."""
    if not job_waiting(queue, document_id, attempt):
        return False
    try:
        job = Job.fetch(job_id(document_id, attempt), connection=queue.connection)
    except NoSuchJobError:
        return False
    if job.get_status(refresh=False) != JobStatus.STARTED or job.started_at is None:
        return True
    if is_leased(queue.connection, settings, document_id):
        return True
    return (rq_now() - job.started_at).total_seconds() < settings.job_lease_seconds


def reconcile(services: Services, queue: Queue) -> Sweep:
    """One sweep: enqueue every pending document that no job will otherwise process."""
    settings = services.settings
    connection = queue.connection
    result = Sweep(redis_uptime=redis_uptime(connection))
    leases_settled = result.redis_uptime is None or result.redis_uptime >= settings.job_lease_seconds
    with session_scope(services.engine) as session:
        ids = list(
            session.exec(
                select(Document.id)
                .where(col(Document.status).in_(PENDING))
                .order_by(col(Document.created_at))
            )
        )
    for document_id in ids:
        with session_scope(services.engine) as session:
            # skip_locked: a document another reconciler is handling right now is its business.
            doc = session.exec(
                select(Document)
                .where(col(Document.id) == document_id, col(Document.status).in_(PENDING))
                .with_for_update(skip_locked=True)
            ).first()
            if doc is None:
                continue
            attempt = doc.attempts + 1
            was = doc.status
            if was == DocumentStatus.processing:
                if is_leased(connection, settings, doc.id):
                    result.held += 1
                    continue
                if not leases_settled:
                    result.deferred += 1
                    continue
                progress = last_progress(connection, settings, doc.id)
                where = where_stopped(progress)
                # a job ends by clearing its progress, also when the database kept it from marking the
                # document failed: only a job that left it behind was stopped (killed, out of memory)
                doc.crashes += progress is not None
                if doc.crashes >= settings.max_attempts:
                    # a document that stops every worker that reads it is not queued again
                    gave_up = Message(Code.JOB_GAVE_UP, where=where, times=doc.crashes)
                    with changes_by(session, ACTOR, gave_up):
                        doc.status = DocumentStatus.failed
                        doc.explain(gave_up)
                    result.failed.append(Requeued(doc.id, doc.filename, was, doc.attempts, gave_up))
                    continue
                stopped = Message(
                    Code.RECOVERY_STOPPED, where=where, attempt=doc.crashes, max=settings.max_attempts
                )
                with changes_by(session, ACTOR, stopped):
                    doc.status = DocumentStatus.queued
                    doc.explain(stopped)
                why = Message(Code.RECOVERY_WHY_PROCESSING)
            elif _job_alive(queue, settings, doc.id, attempt):
                result.waiting += 1
                continue
            else:
                why = Message(Code.RECOVERY_WHY_QUEUED)
            session.flush()
            # Enqueued before the commit: if the commit fails the job finds the document as the
            # database has it and processes it anyway; if enqueueing fails nothing changed.
            enqueue_processing(queue, doc.id, attempt)
            result.requeued.append(Requeued(doc.id, doc.filename, was, attempt, why))
    return result
