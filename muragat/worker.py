"""Workers: a pool of RQ worker processes (one per core, one Tesseract thread each) and the supervisor
that keeps the pool whole and runs the reconciler (`muragat.reconcile`) every `reconcile_seconds`.

Faults do not end a worker: a worker process that loses Redis waits for it and listens again, a dead
process is replaced, and a sweep that fails (Redis or the database away) is tried again at the next one.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import multiprocessing.process
import os
import signal
import socket
import threading
import time
import uuid
from collections.abc import Callable
from typing import NoReturn

import redis
from rq import Queue, SimpleWorker, Worker
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import select

from muragat.errors import MuragatError
from muragat.queue import document_queue, redis_url_for_workers
from muragat.reconcile import PENDING, reconcile, sweep_interval
from muragat.services import Services
from muragat.settings import Settings, configure
from storage.db import session_scope
from storage.models import Document

log = logging.getLogger("muragat.worker")
RECONNECT_MAX_SECONDS = 5.0  # longest wait between two tries to reach a lost Redis
LISTENER_WAKE_SECONDS = 0.2  # a stopping worker waits this long for its listener (a select() a wake)


def _worker_main(settings: Settings, index: int) -> None:
    os.environ["OMP_THREAD_LIMIT"] = "1"  # one Tesseract thread per process: parallelism comes from processes
    configure(settings)
    import muragat.jobs  # noqa: F401  (imported once here, not once per document)

    connection = redis.Redis.from_url(redis_url_for_workers(settings))
    queue = document_queue(connection, settings)
    name = f"muragat-{socket.gethostname()}-{os.getpid()}-{index}"
    for generation in itertools.count():
        _wait_for_redis(connection)
        # Jobs run in this process rather than a fork per job: the imports, the database pool and the
        # loaded word lists and dictionaries serve every document. Tesseract itself runs as a subprocess.
        worker = _Worker([queue], connection=connection, name=f"{name}-{generation}" if generation else name)
        worker.max_connection_wait_time = RECONNECT_MAX_SECONDS
        started = time.monotonic()
        try:
            worker.work(with_scheduler=False, logging_level="WARNING")
        except redis.RedisError as e:
            log.warning("worker %s lost Redis: %s", worker.name, e)
        if worker.stop_asked:
            return
        # RQ gives up when Redis fails it outside its wait for a job (e.g. when a job ends while Redis
        # is away). The job's document is safe in the database; this process listens again.
        log.warning("worker %s stopped unasked; listening again once Redis answers", worker.name)
        time.sleep(max(0.0, 1.0 - (time.monotonic() - started)))


class _Worker(SimpleWorker):
    """RQ's worker, which remembers that it was asked to stop (RQ returns alike when Redis failed it)."""

    stop_asked = False

    def request_stop(self, signum: int, frame: object) -> None:
        self.stop_asked = True
        super().request_stop(signum, frame)

    def subscribe(self) -> None:
        """RQ's listener for its commands (stop a job, shut down), waking five times a second, not every
        60 s: since redis-py 8 a stopping worker waits for the listener's current wait to end, and a
        listener that had just read its unsubscription waited the whole minute (`muragat worker` took
        30 s to stop, then killed its workers); at one wake a second, `ingest --wait` still ended a
        second after its last document."""
        self.pubsub = self.connection.pubsub()
        self.pubsub.subscribe(**{self.pubsub_channel_name: self.handle_payload})
        self.pubsub_thread = self.pubsub.run_in_thread(
            sleep_time=LISTENER_WAKE_SECONDS, daemon=True, exception_handler=self._pubsub_exception_handler
        )


def _exit_now(signum: int, frame: object) -> NoReturn:
    raise SystemExit(0)


def _wait_for_redis(connection: redis.Redis) -> None:
    signal.signal(signal.SIGTERM, _exit_now)  # RQ's handlers of a finished worker would not end us
    signal.signal(signal.SIGINT, _exit_now)
    delay = 0.25
    while True:
        try:
            connection.ping()
            return
        except (redis.ConnectionError, redis.TimeoutError):
            time.sleep(delay)
            delay = min(delay * 2, RECONNECT_MAX_SECONDS)


class WorkerPool:
    """Worker processes that live as long as the pool; a worker that dies is replaced."""

    def __init__(self, settings: Settings, count: int, *, fork: bool = False) -> None:
        self.settings = settings
        self.count = max(1, count)
        self.fork = fork  # see `start_method`
        self.processes: list[multiprocessing.process.BaseProcess] = []

    def start(self) -> None:
        os.environ["OMP_THREAD_LIMIT"] = "1"
        import muragat.jobs  # noqa: F401  (here, once, for forked workers: see `start_method`)

        for index in range(self.count):
            self.processes.append(self._spawn(index))

    def _spawn(self, index: int) -> multiprocessing.process.BaseProcess:
        process = start_method(self.fork).Process(
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
                log.warning("worker %s did not stop within %.0f s of SIGTERM; killed", process.pid, timeout)
                process.kill()
                process.join()
        self.processes = []


def start_method(fork: bool) -> multiprocessing.context.ForkContext | multiprocessing.context.SpawnContext:
    """How a worker process is started. With `fork` (`ingest --wait`, whose workers live as long as one
    batch) forked where this process runs one thread, so that it begins with the imports already done
    (2-3 s of CPU a worker, on a small machine the time of the first document; engines' connections
    are not shared, `storage.db`). Otherwise, or where other threads run (a fork copies the locks they
    may hold), spawned: `muragat worker` keeps spawning, since a forked worker stopped in its first
    moments (before RQ's own signal handlers) could leave its registration behind."""
    if fork and threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def listening_workers(queue: Queue) -> int:
    return len(Worker.all(queue=queue))


def recover(services: Services, queue: Queue) -> list[uuid.UUID]:
    """One reconciler sweep (`muragat.reconcile.reconcile`); the documents it put back on the queue."""
    return [r.document_id for r in reconcile(services, queue).requeued]


def sweep_safely(services: Services, queue: Queue) -> bool:
    """A sweep that logs, rather than raises, when Redis or the database cannot be reached."""
    try:
        sweep = reconcile(services, queue)
    except (redis.RedisError, SQLAlchemyError, MuragatError) as e:
        log.warning("reconcile: sweep failed, tried again at the next one: %s", str(e).splitlines()[0])
        return False
    for r in sweep.failed:
        log.warning("reconcile: %s (%s) failed: %s", r.filename, r.document_id, r.why)
    for r in sweep.requeued:
        log.warning(
            "reconcile: queued again %s (%s), attempt %d: %s", r.filename, r.document_id, r.attempt, r.why
        )
    return True


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
    pause: Callable[[float], None] = time.sleep,
) -> None:
    """Keep the pool whole and reconcile every `reconcile_seconds` until `until()` says stop.

    A sweep runs at once (what a previous run left behind), then periodically; a failed sweep is tried
    again after `every` seconds rather than a whole interval later. `pause` waits between looks (it
    may end early, as `muragat.queue.FinishedEvents.wait` does when a document is done).
    """
    interval = sweep_interval(services.settings)
    next_sweep: float | None = time.monotonic()
    while not until():
        if next_sweep is not None and time.monotonic() >= next_sweep:
            if not sweep_safely(services, queue):
                next_sweep = time.monotonic() + every
            elif interval:
                next_sweep = time.monotonic() + interval
            else:
                next_sweep = None
        if pool:
            pool.replace_dead()
        pause(every)
