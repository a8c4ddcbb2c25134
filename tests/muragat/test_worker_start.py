"""How worker processes start: forked from a process of one thread (they begin with its imports), spawned
beside other threads (a fork would copy locks those threads may hold); and a pool stops promptly."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import redis

from muragat.queue import document_queue
from muragat.settings import Settings
from muragat.worker import WorkerPool, listening_workers, start_method


def test_a_single_threaded_process_forks_its_workers() -> None:
    code = (
        "from muragat.worker import start_method as m; "
        "print(m(True).get_start_method(), m(False).get_start_method())"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["fork", "spawn"]  # forked for `ingest --wait` only


def test_beside_another_thread_workers_are_spawned() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    try:
        assert start_method(True).get_start_method() == "spawn"
    finally:
        stop.set()
        other.join()


def test_a_pool_starts_listening_and_stops_without_waiting_out_a_listener(settings: Settings) -> None:
    connection = redis.Redis.from_url(str(settings.redis_url))
    queue = document_queue(connection, settings)
    pool = WorkerPool(settings, 2, fork=True)
    pool.start()
    try:
        deadline = time.monotonic() + 60
        while listening_workers(queue) < 2:
            assert time.monotonic() < deadline, "the workers never listened"
            time.sleep(0.1)
    finally:
        started = time.monotonic()
        pool.stop()
        stopped_in = time.monotonic() - started
    # not a timing target (benchmarks measure those): RQ's own listener waited up to 60 s
    assert stopped_in < 5.0, f"the pool took {stopped_in:.2f} s to stop (the listener wakes every 0.2 s)"
    assert listening_workers(queue) == 0
