"""`muragat worker` stops when asked: SIGTERM to it is a warm shutdown of each idle worker, not a kill."""

from __future__ import annotations

import signal
import time

import pytest
import redis

from muragat.queue import document_queue
from muragat.settings import Settings
from muragat.worker import listening_workers
from tests.muragat.test_worker_recovery import start_worker

pytestmark = pytest.mark.slow


def test_idle_workers_stop_on_sigterm_without_being_killed(settings: Settings) -> None:
    """Before, about one stop in three waited on RQ's command listener (its 60 s wait), and the
    supervisor killed the worker at the end of its 30 s of grace. Tried three times: it hung on timing."""
    connection = redis.Redis.from_url(str(settings.redis_url))
    queue = document_queue(connection, settings)
    log = settings.home / "worker.log"
    for attempt in range(3):
        supervisor = start_worker(settings)
        deadline = time.monotonic() + 60
        while listening_workers(queue) < 1:
            assert time.monotonic() < deadline, "the worker never listened"
            time.sleep(0.2)
        time.sleep(0.5 * attempt)  # the listener at another point of its wait each time
        supervisor.send_signal(signal.SIGTERM)
        assert supervisor.wait(timeout=90) is not None
        assert "did not stop" not in log.read_text(), log.read_text()[-2000:]
        assert listening_workers(queue) == 0  # each worker unregistered itself: a warm shutdown
    connection.close()
