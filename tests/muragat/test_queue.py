"""The private redis-server of the embedded default: started on a unix socket, shared by commands that
run at the same time, stopped by its owner, and adopted when its owner died."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from muragat.queue import EmbeddedRedis, _ping

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
