"""The private redis-server of the embedded default: started on a unix socket, shared by commands that
run at the same time, stopped by its owner, and adopted when its owner died."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import redis

from muragat.queue import EmbeddedRedis, FinishedEvents, _ping, announce_finished
from muragat.settings import Settings

STARTER = """
import sys, time
from pathlib import Path
from muragat.queue import EmbeddedRedis
EmbeddedRedis(Path(sys.argv[1])).start()
print("up", flush=True)
time.sleep(600)
"""


def test_started_shared_and_stopped(tmp_path: Path) -> None:
    owner = EmbeddedRedis(tmp_path)
    url = owner.start()
    assert url.startswith("unix://") and _ping(url)
    guest = EmbeddedRedis(tmp_path)
    assert guest.start() == url
    guest.stop()  # a guest leaves it running for the owner
    assert _ping(url)
    owner.stop()
    assert not _ping(url) and not owner.socket.exists()


def test_adopted_when_its_owner_was_killed(tmp_path: Path) -> None:
    starter = subprocess.Popen([sys.executable, "-c", STARTER, str(tmp_path)], stdout=subprocess.PIPE)
    assert starter.stdout is not None and starter.stdout.readline().strip() == b"up"
    os.kill(starter.pid, signal.SIGKILL)
    starter.wait()
    orphan = EmbeddedRedis(tmp_path)
    assert _ping(orphan.url)  # the server outlived the command that started it
    orphan.start()
    orphan.stop()
    deadline = time.monotonic() + 5
    while _ping(orphan.url) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _ping(orphan.url)


def test_a_long_home_gets_a_short_socket_path(tmp_path: Path) -> None:
    home = tmp_path / ("very-long-folder-name-" * 6)
    embedded = EmbeddedRedis(home)
    assert len(str(embedded.socket)) <= 100
    embedded.start()
    try:
        assert _ping(embedded.url)
    finally:
        embedded.stop()


def test_a_waiter_wakes_when_a_job_announces_its_end(settings: Settings) -> None:
    connection = redis.Redis.from_url(str(settings.redis_url))
    events = FinishedEvents(connection, settings)
    timer = threading.Timer(0.3, announce_finished, args=(connection, settings, "doc-1"))
    started = time.monotonic()
    timer.start()
    events.wait(30)  # ends at the announcement, long before its 30 s
    assert time.monotonic() - started < 10
    timer.join()
    # nothing announced: it waits the whole time given
    started = time.monotonic()
    events.wait(0.3)
    assert time.monotonic() - started >= 0.3
    events.close()
    # another queue's announcement is not ours
    other = settings.model_copy(update={"queue_name": "someone-else"})
    events = FinishedEvents(connection, settings)
    announce_finished(connection, other, "doc-2")
    started = time.monotonic()
    events.wait(0.5)
    assert time.monotonic() - started >= 0.5
    events.close()
    connection.close()


def test_no_redis_to_listen_on_still_waits(settings: Settings) -> None:
    gone = redis.Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=0.2)
    events = FinishedEvents(gone, settings)
    started = time.monotonic()
    events.wait(0.3)
    assert time.monotonic() - started >= 0.3
    announce_finished(gone, settings, "doc-1")  # a hint lost, no error
    events.close()
