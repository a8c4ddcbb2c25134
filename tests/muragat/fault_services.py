"""Services of a test's own that it may break: a redis-server, a PostgreSQL cluster, a cut-able TCP link.

They listen on ports the OS hands out, in temporary folders, so that the shared PostgreSQL and Redis of
CI are never stopped. Used by tests/muragat/test_faults.py and benchmarks/faults.py, with the checks
that every document reached a final state exactly once and that no object was lost.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psycopg2
import redis
from sqlalchemy import func
from sqlmodel import col, select

from ingest.service import ingest_bytes
from muragat.queue import document_queue
from muragat.services import open_services
from muragat.settings import Settings
from storage.db import get_engine, session_scope
from storage.models import FINISHED_STATUSES, Document, OcrWord, Page, Revision
from tests.muragat.test_end_to_end import env_for
from tests.muragat.test_worker_recovery import kill_tree
from tests.pages import encode, render_page

GOOD_FINAL = {"processed", "needs_review"}
_LOGS: dict[int, Path] = {}  # worker pid -> its log file


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until(condition: Callable[[], bool], timeout: float, what: str, every: float = 0.2) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(every)


# --- Redis --------------------------------------------------------------------------------------------


class RedisServer:
    """A private redis-server without persistence: killing it loses the queue, as the fault needs."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        binary = shutil.which("redis-server")
        assert binary, "redis-server is not installed"
        self.folder.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
            + ["--dir", str(self.folder), "--logfile", str(self.folder / "redis.log")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        client = redis.Redis.from_url(self.url, socket_connect_timeout=1)

        def answers() -> bool:
            with contextlib.suppress(redis.RedisError):
                return bool(client.ping())
            return False

        wait_until(answers, 15, "the private redis-server")
        client.close()

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)


# --- PostgreSQL -----------------------------------------------------------------------------------------


def postgres_binaries() -> Path | None:
    """The folder of initdb and pg_ctl (Debian keeps them out of PATH), or None."""
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    return versions[-1].parent if versions else None


class PgCluster:
    """A throwaway PostgreSQL cluster (trust auth, fsync off) in a temporary folder, on a free port."""

    def __init__(self, binaries: Path) -> None:
        self.binaries = binaries
        self.folder = Path(tempfile.mkdtemp(prefix="muragat-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self.run_as: list[str] = []
        if os.geteuid() == 0:  # initdb refuses to run as root
            self.run_as = ["runuser", "-u", "postgres", "--"]
            shutil.chown(self.folder, "postgres")

    def _pg(self, *args: str) -> None:
        # stdout to /dev/null: a server started here would hold a pipe open for as long as it runs.
        subprocess.run(
            [*self.run_as, *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120
        )

    def start(self) -> None:
        if not self.data.exists():
            self._pg(str(self.binaries / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres")
            self._pg_ctl_start()
            conn = psycopg2.connect(self.dsn("postgres"))
            conn.autocommit = True
            with conn.cursor() as cur:
                cur.execute("CREATE DATABASE muragat")
            conn.close()
        else:
            self._pg_ctl_start()

    def _pg_ctl_start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._pg(
            str(self.binaries / "pg_ctl"), "-D", str(self.data), "-l", str(self.folder / "log"),
            "-w", "-t", "60", "-o", options, "start",
        )  # fmt: skip

    def restart(self) -> None:
        """`pg_ctl restart -m fast`: every connection is cut, the server is back in a second or two."""
        pg_ctl = str(self.binaries / "pg_ctl")
        log = str(self.folder / "log")
        self._pg(pg_ctl, "-D", str(self.data), "-l", log, "-m", "fast", "-w", "-t", "60", "restart")

    def stop(self) -> None:
        with contextlib.suppress(subprocess.SubprocessError):
            self._pg(str(self.binaries / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)

    def dsn(self, database: str = "muragat") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    @property
    def url(self) -> str:
        return f"postgresql+psycopg2://postgres@127.0.0.1:{self.port}/muragat"


# --- a link that can be cut -------------------------------------------------------------------------------


class FaultyLink:
    """A TCP proxy to `target`. `down()` closes its port and cuts every open connection, as a dead server
    would (stopping moto's server in-process would keep its open keep-alive connections serving)."""

    def __init__(self, target: str) -> None:
        host, port = target.rsplit(":", 1)
        self.target = (host, int(port))
        self.port = free_port()
        self.endpoint = f"127.0.0.1:{self.port}"
        self.listener: socket.socket | None = None
        self.open: set[socket.socket] = set()
        self.lock = threading.Lock()

    def up(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def down(self) -> None:
        if self.listener:
            self.listener.close()
            self.listener = None
        with self.lock:
            for s in self.open:
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                s.close()
            self.open.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self.target, timeout=5)
                server.settimeout(None)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.open |= {client, server}
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)


# --- documents and workers --------------------------------------------------------------------------------


@dataclass
class Doc:
    id: uuid.UUID
    sha256: str


def small_documents(count: int, tag: str, pages: int = 1) -> list[tuple[str, bytes]]:
    """Scans with little text, each different (so each is a document of its own); with several pages
    a TIFF, so that a document is still being processed a moment after it was taken up."""
    files = []
    for n in range(1, count + 1):
        images = [
            render_page([f"ХАТТАМА № {n} {tag}", f"Мұрағат, {page}-бет"]) for page in range(1, pages + 1)
        ]
        name = f"{tag}-{n:03d}.png" if pages == 1 else f"{tag}-{n:03d}.tif"
        files.append((name, encode(images, "PNG" if pages == 1 else "TIFF")))
    return files


def ingest(settings: Settings, files: list[tuple[str, bytes]]) -> list[Doc]:
    services = open_services(settings)
    connection = redis.Redis.from_url(str(settings.redis_url))
    queue = document_queue(connection, settings)
    docs = []
    for name, data in files:
        outcome = ingest_bytes(
            engine=services.engine,
            store=services.store,
            queue=queue,
            settings=settings,
            filename=name,
            data=data,
            actor="tester",
        )
        assert outcome.result == "created" and outcome.document_id, outcome
        docs.append(Doc(outcome.document_id, hashlib.sha256(data).hexdigest()))
    connection.close()
    return docs


def start_worker(settings: Settings, count: int = 1) -> subprocess.Popen[bytes]:
    env = env_for(settings) | {"MURAGAT_RECONCILE_SECONDS": "1"}
    if settings.s3_endpoint:
        env["MURAGAT_S3_REGION"] = "us-east-1"
    settings.home.parent.mkdir(parents=True, exist_ok=True)
    # A file, not a pipe: a pipe nobody reads fills up with the faults' tracebacks and blocks the worker.
    path = settings.home.parent / "worker.log"
    with path.open("ab") as log:
        worker = subprocess.Popen(
            [sys.executable, "-m", "muragat", "worker", "--count", str(count)],
            env=env,
            cwd=settings.home.parent,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
    _LOGS[worker.pid] = path
    return worker


def stop_worker(worker: subprocess.Popen[bytes]) -> str:
    """Stop a worker as an operator would (SIGTERM, then SIGKILL); the end of its log, for a message."""
    if worker.poll() is None:
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(30)
        except subprocess.TimeoutExpired:
            kill_tree(worker.pid)
            worker.wait(10)
    log = _LOGS.pop(worker.pid, None)
    return log.read_bytes()[-5000:].decode(errors="replace") if log and log.exists() else ""


def statuses(settings: Settings) -> dict[uuid.UUID, str]:
    with session_scope(get_engine(settings.sqlalchemy_url)) as session:
        return {d.id: str(d.status) for d in session.exec(select(Document))}


def describe(settings: Settings) -> str:
    """Where the documents are: for a message when a wait times out."""
    lines = []
    with session_scope(get_engine(settings.sqlalchemy_url)) as session:
        for d in session.exec(select(Document).order_by(col(Document.filename))):
            lines.append(f"{d.filename}: {d.status}, attempts {d.attempts}, {d.status_reason or ''}"[:300])
    return "\n".join(lines)


def all_final(settings: Settings, docs: list[Doc]) -> bool:
    now = statuses(settings)
    return all(now.get(d.id) in FINISHED_STATUSES for d in docs)


def any_processing(settings: Settings) -> bool:
    return "processing" in statuses(settings).values()


@dataclass
class Tally:
    documents: int
    lost: int  # documents or original objects missing, or originals whose bytes changed
    duplicated: int  # documents finished more than once, duplicate pages or words, extra documents
    attempts: dict[int, int]  # attempts -> documents

    def line(self, scenario: str) -> str:
        return (
            f"{scenario}: {self.documents} documents, faults survived: lost {self.lost}, "
            f"duplicated {self.duplicated} (attempts: "
            + ", ".join(f"{n} doc(s) {a}" for a, n in sorted(self.attempts.items()))
            + ")"
        )


def tally(settings: Settings, docs: list[Doc], others: tuple[Doc, ...] = ()) -> Tally:
    """Count what was lost or duplicated; every document must have ended processed or needs_review.
    `others` were uploaded too but end as they may (a poison document, failed)."""
    services = open_services(settings)
    lost = duplicated = 0
    attempts: dict[int, int] = {}
    with session_scope(services.engine) as session:
        rows = {d.id: d for d in session.exec(select(Document))}
        duplicated += len(set(rows) - {d.id for d in (*docs, *others)})
        for expected in docs:
            doc = rows.get(expected.id)
            if doc is None or doc.status not in GOOD_FINAL or doc.sha256 != expected.sha256:
                lost += 1
                continue
            attempts[doc.attempts] = attempts.get(doc.attempts, 0) + 1
            pages = session.exec(select(Page).where(Page.document_id == doc.id).order_by(col(Page.number)))
            numbers = []
            for page in pages:
                numbers.append(page.number)
                words = session.exec(select(func.count()).where(OcrWord.page_id == page.id)).one()
                duplicated += words != len(page.text.split())
                lost += not services.store.exists(page.image_key)
            duplicated += len(numbers) > (doc.page_count or 0)
            lost += len(set(numbers)) < (doc.page_count or 0)
            finished = session.exec(
                select(Revision).where(Revision.entity_id == doc.id, Revision.field == "status")
            ).all()
            duplicated += max(0, sum(r.new_value in GOOD_FINAL for r in finished) - 1)
            try:
                original = services.store.get(doc.original_key)
            except Exception:
                lost += 1
                continue
            lost += hashlib.sha256(original).hexdigest() != expected.sha256
    return Tally(len(docs), lost, duplicated, attempts)
