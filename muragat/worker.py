"""Workers: a pool of RQ worker processes (one per core, one Tesseract thread each) and the sweep that
puts back on the queue what a dead worker or a lost Redis left behind. The database is the truth."""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.process
import os
import signal
import socket
import time
import uuid
from collections.abc import Callable

import redis
from rq import Queue, SimpleWorker, Worker
from sqlmodel import select

from ingest.queueing import enqueue_processing, job_waiting
from muragat.queue import document_queue, is_leased, redis_url_for_workers
from muragat.services import Services
from muragat.settings import Settings, configure
from storage.db import session_scope
from storage.models import Document, DocumentStatus
from storage.revisions import changes_by

log = logging.getLogger("muragat.worker")
PENDING = (DocumentStatus.queued, DocumentStatus.processing)


def _worker_main(settings: Settings, index: int) -> None:
    os.environ["OMP_THREAD_LIMIT"] = "1"  # one Tesseract thread per process: parallelism comes from processes
    configure(settings)
    import muragat.jobs  # noqa: F401  (imported once here, not once per document)

    connection = redis.Redis.from_url(redis_url_for_workers(settings))
    queue = document_queue(connection, settings)
    name = f"muragat-{socket.gethostname()}-{os.getpid()}-{index}"
    # Jobs run in this process rather than a fork per job: the imports, the database pool and the
    # loaded word lists and dictionaries serve every document. Tesseract itself runs as a subprocess.
    SimpleWorker([queue], connection=connection, name=name).work(
        with_scheduler=False, logging_level="WARNING"
    )


class WorkerPool:
    """Worker processes that live as long as the pool; a worker that dies is replaced."""

    def __init__(self, settings: Settings, count: int) -> None:
        self.settings = settings
        self.count = max(1, count)
        self.context = multiprocessing.get_context("spawn")
        self.processes: list[multiprocessing.process.BaseProcess] = []

    def start(self) -> None:
        os.environ["OMP_THREAD_LIMIT"] = "1"
        for index in range(self.count):
            self.processes.append(self._spawn(index))

    def _spawn(self, index: int) -> multiprocessing.process.BaseProcess:
        process = self.context.Process(
            target=_worker_main, args=(self.settings, index), name=f"worker-{index}"
        )
        process.start()
        return process

    def replace_dead(self) -> int:
        replaced = 0
        for index, process in enumerate(self.processes):
            if not process.is_alive():
                log.warning("worker %s exited with %s; starting another", process.pid, process.exitcode)
                self.processes[index] = self._spawn(index)
                replaced += 1
        return replaced

    def stop(self, timeout: float = 30) -> None:
        for process in self.processes:
            if process.is_alive() and process.pid:
                os.kill(process.pid, signal.SIGTERM)  # RQ's warm shutdown: the current job finishes
        deadline = time.monotonic() + timeout
        for process in self.processes:
            process.join(max(0.1, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()
                process.join()
        self.processes = []


def listening_workers(queue: Queue) -> int:
    return len(Worker.all(queue=queue))


def recover(services: Services, queue: Queue) -> list[uuid.UUID]:
    """Enqueue every document that waits for processing but has no live job: the queue was lost (a
    private Redis stopped) or its worker died mid-document (its lease lapsed)."""
    connection = queue.connection
    requeued = []
    with session_scope(services.engine) as session:
        for doc in session.exec(select(Document).where(Document.status.in_(PENDING))):  # type: ignore[attr-defined]
            attempt = doc.attempts + 1
            if doc.status == DocumentStatus.processing:
                if is_leased(connection, services.settings, doc.id):
                    continue
                with changes_by(session, "system:recovery", "the worker processing it stopped; queued again"):
                    doc.status = DocumentStatus.queued
            elif job_waiting(queue, doc.id, attempt):
                continue
            session.flush()
            enqueue_processing(queue, doc.id, attempt)
            requeued.append(doc.id)
    return requeued


def pending_count(services: Services) -> int:
    with session_scope(services.engine) as session:
        return len(session.exec(select(Document.id).where(Document.status.in_(PENDING))).all())  # type: ignore[attr-defined]


def supervise(
    services: Services,
    queue: Queue,
    pool: WorkerPool | None,
    *,
    until: Callable[[], bool],
    every: float = 2.0,
) -> None:
    """Sweep and keep the pool whole until `until()` says stop."""
    sweep_every = max(1.0, services.settings.job_lease_seconds / 2)
    last_sweep = 0.0
    while not until():
        if time.monotonic() - last_sweep >= sweep_every:
            recover(services, queue)
            last_sweep = time.monotonic()
        if pool:
            pool.replace_dead()
        time.sleep(every)
