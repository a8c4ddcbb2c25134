"""Queue wiring: the Redis connection (configured, or a private redis-server), RQ queues, document leases."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import redis
from rq import Queue

from muragat.errors import QueueUnavailable
from muragat.messages import Message
from muragat.messages.catalog.files_services import Code
from muragat.settings import Settings

SOCKET_NAME = "redis.sock"
MAX_SOCKET_PATH = 100  # unix socket paths are limited to 107 bytes on Linux


def embedded_socket(home: Path) -> Path:
    path = (home / SOCKET_NAME).resolve()
    if len(str(path)) <= MAX_SOCKET_PATH:
        return path
    digest = hashlib.sha1(str(home.resolve()).encode()).hexdigest()[:12]
    return Path("/tmp") / f"muragat-{digest}.sock"


def _ping(url: str) -> bool:
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=1)
        ok = bool(client.ping())
        client.close()
        return ok
    except (redis.ConnectionError, redis.TimeoutError, OSError):
        return False


class EmbeddedRedis:
    """A private redis-server on a unix socket under MURAGAT_HOME, stopped by whoever started it."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.socket = embedded_socket(home)
        self.url = f"unix://{self.socket}?db=0"
        self.owner_file = home / "redis.owner"
        self.process: subprocess.Popen[bytes] | None = None
        self.adopted = False

    def _owner_alive(self) -> bool:
        try:
            pid = int(self.owner_file.read_text())
            os.kill(pid, 0)
        except (OSError, ValueError):
            return False
        return True

    def start(self) -> str:
        if self.socket.exists() and _ping(self.url):
            if not self._owner_alive():  # its owner died without stopping it: this command stops it
                self.adopted = True
                self.owner_file.write_text(str(os.getpid()))
            return self.url
        binary = shutil.which("redis-server")
        if binary is None:
            raise QueueUnavailable(Message(Code.REDIS_NOT_INSTALLED))
        self.home.mkdir(parents=True, exist_ok=True)
        self.socket.unlink(missing_ok=True)
        self.process = subprocess.Popen(
            [
                binary,
                "--port",
                "0",
                "--unixsocket",
                str(self.socket),
                "--unixsocketperm",
                "700",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.home.resolve()),
                "--logfile",
                str((self.home / "redis.log").resolve()),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise QueueUnavailable(Message(Code.PRIVATE_REDIS_EXITED, log=str(self.home / "redis.log")))
            if self.socket.exists() and _ping(self.url):
                self.owner_file.write_text(str(os.getpid()))
                return self.url
            time.sleep(0.05)
        self.stop()
        raise QueueUnavailable(Message(Code.PRIVATE_REDIS_SILENT, log=str(self.home / "redis.log")))

    def stop(self) -> None:
        if self.adopted:
            with contextlib.suppress(redis.RedisError):
                redis.Redis.from_url(self.url).shutdown(nosave=True)
            self.adopted = False
            self.socket.unlink(missing_ok=True)
            self.owner_file.unlink(missing_ok=True)
            return
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.socket.unlink(missing_ok=True)
        self.owner_file.unlink(missing_ok=True)
        self.process = None


@contextmanager
def redis_connection(settings: Settings) -> Iterator[redis.Redis]:
    """Redis for the duration of a command: the configured one, or a private one started for it."""
    embedded = EmbeddedRedis(settings.home) if settings.redis_url is None else None
    url = embedded.start() if embedded else str(settings.redis_url)
    client = redis.Redis.from_url(url)
    try:
        client.ping()
    except (redis.ConnectionError, redis.TimeoutError) as e:
        raise QueueUnavailable(Message(Code.REDIS_UNREACHABLE, url=url, error=str(e))) from e
    try:
        yield client
    finally:
        client.close()
        if embedded:
            embedded.stop()


def redis_url_for_workers(settings: Settings) -> str:
    return str(settings.redis_url) if settings.redis_url else EmbeddedRedis(settings.home).url


def document_queue(connection: redis.Redis, settings: Settings) -> Queue:
    return Queue(settings.queue_name, connection=connection, default_timeout=settings.job_timeout_seconds)


def lease_key(settings: Settings, document_id: uuid.UUID | str) -> str:
    return f"muragat:{settings.queue_name}:lease:{document_id}"


class DocumentLease:
    """A lock on one document while a worker processes it; it lapses if the worker dies."""

    def __init__(self, connection: redis.Redis, settings: Settings, document_id: uuid.UUID | str) -> None:
        self.connection = connection
        self.key = lease_key(settings, document_id)
        self.seconds = settings.job_lease_seconds
        self.token = uuid.uuid4().hex

    def acquire(self) -> bool:
        return bool(self.connection.set(self.key, self.token, nx=True, ex=self.seconds))

    def renew(self) -> bool:
        if self.connection.get(self.key) != self.token.encode():
            return False
        return bool(self.connection.expire(self.key, self.seconds))

    def release(self) -> None:
        if self.connection.get(self.key) == self.token.encode():
            self.connection.delete(self.key)


def is_leased(connection: redis.Redis, settings: Settings, document_id: uuid.UUID | str) -> bool:
    return bool(connection.exists(lease_key(settings, document_id)))


def progress_key(settings: Settings, document_id: uuid.UUID | str) -> str:
    return f"muragat:{settings.queue_name}:progress:{document_id}"


PROGRESS_SECONDS = 7 * 24 * 3600  # kept a week: long enough for any sweep to read it


class Progress:
    """Where a job is in its document ("page:4", "saving"), kept in Redis, so that the reconciler can say
    where a worker stopped; a Redis that is away loses nothing but this hint."""

    def __init__(self, connection: redis.Redis | None, settings: Settings, document_id: uuid.UUID | str):
        self.connection = connection
        self.key = progress_key(settings, document_id)

    def at(self, where: str) -> None:
        if self.connection is not None:
            with contextlib.suppress(redis.RedisError):
                self.connection.set(self.key, where, ex=PROGRESS_SECONDS)

    def clear(self) -> None:
        if self.connection is not None:
            with contextlib.suppress(redis.RedisError):
                self.connection.delete(self.key)


def last_progress(connection: redis.Redis, settings: Settings, document_id: uuid.UUID | str) -> str | None:
    try:
        found = connection.get(progress_key(settings, document_id))
    except redis.RedisError:
        return None
    return found.decode() if isinstance(found, bytes) else None


def finished_channel(settings: Settings) -> str:
    return f"muragat:{settings.queue_name}:finished"


def announce_finished(
    connection: redis.Redis | None, settings: Settings, document_id: uuid.UUID | str
) -> None:
    """Tell whoever waits (`muragat ingest --wait`) that a job on this document ended: they read the
    database at once rather than at their next poll. A hint only: a Redis that is away loses nothing."""
    if connection is not None:
        with contextlib.suppress(redis.RedisError):
            connection.publish(finished_channel(settings), str(document_id))


class FinishedEvents:
    """Waits for `announce_finished`, or `seconds` at most (the database is what counts; the message
    only says when to look)."""

    def __init__(self, connection: redis.Redis, settings: Settings) -> None:
        self.pubsub: Any = None
        try:
            self.pubsub = connection.pubsub(ignore_subscribe_messages=True)
            self.pubsub.subscribe(finished_channel(settings))
        except redis.RedisError:
            self.pubsub = None

    def wait(self, seconds: float) -> None:
        if self.pubsub is None:
            time.sleep(seconds)
            return
        deadline = time.monotonic() + seconds
        try:
            while (left := deadline - time.monotonic()) > 0:
                if self.pubsub.get_message(timeout=left) is not None:
                    # a burst of documents finishing together: read them all with one look
                    while self.pubsub.get_message(timeout=0.05) is not None:
                        pass
                    return
        except redis.RedisError:
            self.pubsub = None
            time.sleep(max(0.0, deadline - time.monotonic()))

    def close(self) -> None:
        if self.pubsub is not None:
            with contextlib.suppress(redis.RedisError):
                self.pubsub.close()
