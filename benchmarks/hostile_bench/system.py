"""The system under test: a fresh MURAGAT_HOME with `muragat serve` and `muragat worker` as real processes,
the peak memory of every process of their trees, and the API calls the script makes."""

from __future__ import annotations

import os
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import redis

REPO = Path(__file__).resolve().parents[2]
FINISHED = {"processed", "needs_review", "verified", "failed"}
REDIS_URL = "redis://127.0.0.1:6379/12"  # the one Redis database this benchmark may use


def muragat() -> str:
    return str(Path(sys.executable).parent / "muragat")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --- peak memory of process trees ---------------------------------------------------------------------


def _status_kib(pid: int, key: str) -> int | None:
    try:
        with Path(f"/proc/{pid}/status").open() as status:
            for line in status:
                if line.startswith(key):
                    return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with Path(f"/proc/{entry.name}/stat").open() as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        tree.setdefault(int(fields[1]), []).append(int(entry.name))
    return tree


def _role(pid: int) -> str:
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return "?"
    text = " ".join(a.decode(errors="replace") for a in argv if a)
    if "render_child" in text:
        return "render child"
    if "tesseract" in text:
        return "tesseract"
    if "worker" in text or "muragat" in text:
        return "worker process"  # the pool's processes (multiprocessing children of `muragat worker`)
    return Path(argv[0].decode(errors="replace")).name if argv and argv[0] else "?"


@dataclass
class Peak:
    pid: int
    role: str
    kib: int = 0  # VmHWM: the process's own peak resident set, as the kernel kept it


class TreeSampler:
    """Every `interval` seconds, the VmHWM of each process under the named roots (descendants included,
    however short-lived, as long as they live one interval), kept per pid."""

    def __init__(self, roots: dict[str, int], interval: float = 0.02) -> None:
        self.roots = roots
        self.interval = interval
        self.peaks: dict[str, dict[int, Peak]] = {name: {} for name in roots}
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> TreeSampler:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            time.sleep(self.interval)

    def sample(self) -> None:
        tree = _children()
        with self._lock:
            for name, root in self.roots.items():
                pending = [root]
                while pending:
                    pid = pending.pop()
                    pending.extend(tree.get(pid, []))
                    kib = _status_kib(pid, "VmHWM:")
                    if kib is None:
                        continue
                    peak = self.peaks[name].get(pid)
                    if peak is None:
                        role = "main" if pid == root else _role(pid)
                        peak = self.peaks[name][pid] = Peak(pid, role)
                    peak.kib = max(peak.kib, kib)

    def snapshot(self) -> dict[str, dict[int, int]]:
        with self._lock:
            return {name: {pid: p.kib for pid, p in peaks.items()} for name, peaks in self.peaks.items()}


# --- the system -----------------------------------------------------------------------------------


@dataclass
class System:
    """One fresh home: `muragat serve` and `muragat worker --count W`, the queue on Redis db 12 under a
    queue name of its own, SQLite and objects in the home."""

    workers: int
    root: Path
    home: Path = field(init=False)
    env: dict[str, str] = field(init=False)
    queue_name: str = field(init=False)
    port: int = field(init=False)
    token: str = ""
    serve: subprocess.Popen[bytes] | None = None
    worker: subprocess.Popen[bytes] | None = None
    sampler: TreeSampler | None = None
    # ru_maxrss of each tree (MiB), from wait4 when it is stopped: the largest process the kernel saw
    rusage_mib: dict[str, float] = field(default_factory=dict)
    log: Path = field(init=False)
    documents: list[str] = field(default_factory=list)  # ids of this run's documents (their jobs removed)
    stop_notes: list[str] = field(default_factory=list)  # a process that did not stop on SIGTERM in time

    def __post_init__(self) -> None:
        self.home = Path(tempfile.mkdtemp(prefix="home-", dir=self.root))
        self.queue_name = f"hostile-{uuid.uuid4().hex[:8]}"
        self.port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("MURAGAT_")}
        env.update(
            MURAGAT_HOME=str(self.home),
            MURAGAT_REDIS_URL=REDIS_URL,
            MURAGAT_QUEUE_NAME=self.queue_name,
            MURAGAT_HOST="127.0.0.1",
            MURAGAT_PORT=str(self.port),
            MURAGAT_WORKERS=str(self.workers),
        )
        self.env = env
        self.log = self.home / "processes.log"

    def _settings(self) -> Any:
        sys.path.insert(0, str(REPO))
        from muragat.settings import Settings

        return Settings(home=self.home, redis_url=REDIS_URL, queue_name=self.queue_name)

    def _account(self) -> str:
        """An admin whose password needs no change (as benchmarks/load_bench seeds one) and its API
        token: `muragat users create` makes a one-time password, which the API refuses until changed."""
        from muragat.accounts import create_token, hash_password
        from muragat.services import open_services
        from storage.db import session_scope
        from storage.models import Role, User
        from storage.revisions import changes_by

        services = open_services(self._settings())
        try:
            with (
                session_scope(services.engine) as session,
                changes_by(session, "hostile.py", "benchmark account"),
            ):
                session.add(User(username="bench", role=Role.admin, password_hash=hash_password("x" * 20)))
            with session_scope(services.engine) as session:
                return create_token(session, "bench", "hostile.py", actor="hostile.py").secret
        finally:
            services.engine.dispose()

    def start(self) -> None:
        self.token = self._account()
        out = self.log.open("ab")
        self.serve = subprocess.Popen(
            [muragat(), "serve"], cwd=self.home, env=self.env, stdout=out, stderr=out
        )
        self.worker = subprocess.Popen(
            [muragat(), "worker", "--count", str(self.workers)],
            cwd=self.home,
            env=self.env,
            stdout=out,
            stderr=out,
        )
        deadline = time.monotonic() + 90
        while True:
            if self.serve.poll() is not None:
                raise RuntimeError(f"muragat serve exited with {self.serve.returncode} (see {self.log})")
            try:
                if httpx.get(f"{self.base}/api/v1/health", timeout=1).status_code < 500:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("muragat serve did not answer within 90 s")
            time.sleep(0.2)
        self._wait_for_workers(deadline)
        self.sampler = TreeSampler({"api": self.serve.pid, "worker": self.worker.pid}).start()

    def _wait_for_workers(self, deadline: float) -> None:
        from rq import Worker

        connection = redis.Redis.from_url(REDIS_URL)
        try:
            from rq import Queue

            queue = Queue(self.queue_name, connection=connection)
            while len(Worker.all(queue=queue)) < self.workers:
                if self.worker is not None and self.worker.poll() is not None:
                    raise RuntimeError(
                        f"muragat worker exited with {self.worker.returncode} (see {self.log})"
                    )
                if time.monotonic() > deadline:
                    raise RuntimeError("the workers did not register within 90 s")
                time.sleep(0.2)
        finally:
            connection.close()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def client(self) -> httpx.Client:
        return httpx.Client(
            base_url=self.base, headers={"Authorization": f"Bearer {self.token}"}, timeout=600
        )

    def upload(self, path: Path, content_type: str) -> dict[str, Any]:
        with self.client() as client, path.open("rb") as f:
            answer = client.post("/api/v1/documents", files=[("files", (path.name, f, content_type))])
        if answer.status_code != 207:
            return {"http": answer.status_code, "results": [], "body": answer.text[:300]}
        body: dict[str, Any] = answer.json()
        body["http"] = answer.status_code
        return body

    def document(self, document_id: str) -> dict[str, Any]:
        with self.client() as client:
            answer = client.get(f"/api/v1/documents/{document_id}")
        answer.raise_for_status()
        result: dict[str, Any] = answer.json()
        return result

    def wait_finished(self, document_id: str, timeout: float) -> tuple[dict[str, Any], float]:
        """The document once finished (or as it is at `timeout`) and the seconds waited."""
        started = time.perf_counter()
        while True:
            doc = self.document(document_id)
            waited = time.perf_counter() - started
            if doc["status"] in FINISHED or waited > timeout:
                return doc, waited
            time.sleep(0.1)

    def inject(self, path: Path, content_type: str, pages: int = 1) -> str:
        """Take a file into the archive and queue it as `ingest_bytes` does, but past the upload's check
        (`inspect_file`), as a file stored by an older version or under other limits would be: what the
        worker's own protections face alone."""
        settings = self._settings()
        import ingest.service as service
        from muragat.queue import document_queue
        from muragat.services import open_services
        from ocr import FileInfo

        services = open_services(settings)
        connection = redis.Redis.from_url(REDIS_URL)
        real = service.inspect_file
        extension = path.suffix

        def unchecked(data: bytes, filename: str, **_: Any) -> Any:
            return FileInfo(content_type, pages, extension)

        service.inspect_file = unchecked
        try:
            outcome = service.ingest_bytes(
                engine=services.engine,
                store=services.store,
                queue=document_queue(connection, settings),
                settings=settings,
                filename=path.name,
                data=path.read_bytes(),
                actor="hostile.py",
            )
        finally:
            service.inspect_file = real
            connection.close()
            services.engine.dispose()
        if outcome.document_id is None:
            raise RuntimeError(f"could not inject {path.name}: {outcome.message}")
        return str(outcome.document_id)

    def mark(self) -> dict[str, dict[int, int]]:
        assert self.sampler is not None
        self.sampler.sample()
        return self.sampler.snapshot()

    def stop(self) -> None:
        if self.sampler is not None:
            self.sampler.stop()
        for name, proc in (("worker", self.worker), ("api", self.serve)):
            if proc is not None:
                started = time.monotonic()
                self.rusage_mib[name], killed = _stop(proc)
                if killed:
                    took = time.monotonic() - started
                    self.stop_notes.append(f"{name}: no exit {took:.0f} s after SIGTERM, killed")
        pids = list(self.sampler.peaks["worker"]) if self.sampler is not None else []
        cleanup_redis(self.queue_name, self.documents, pids)


def _stop(proc: subprocess.Popen[bytes], grace: float = 30) -> tuple[float, bool]:
    """SIGTERM (SIGKILL after `grace` seconds), reaped with wait4: the largest ru_maxrss of the process
    and the children it reaped (MiB), and whether it had to be killed."""
    killed = False
    if proc.returncode is None:
        proc.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + grace
    while True:
        try:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        except ChildProcessError:
            return 0.0, killed
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return usage.ru_maxrss / 1024, killed
        if time.monotonic() > deadline:
            proc.kill()
            killed = True
            deadline = time.monotonic() + grace
        time.sleep(0.1)


def cleanup_redis(queue_name: str, documents: list[str], pids: list[int]) -> None:
    """This run's keys in db 12 only: its queue, its documents' jobs and results, its leases, and the
    entries of its worker processes (a worker process stopped by its supervisor may leave its own)."""
    connection = redis.Redis.from_url(REDIS_URL)
    try:
        from rq import Queue

        Queue(queue_name, connection=connection).empty()
        patterns = [f"*{queue_name}*"]
        patterns += [f"rq:{kind}:document-{d}-*" for d in documents for kind in ("job", "results")]
        patterns += [f"rq:worker:*-{pid}-*" for pid in pids] + [f"rq:worker:*-{pid}" for pid in pids]
        for pattern in patterns:
            for key in connection.scan_iter(match=pattern, count=1000):
                connection.delete(key)
        for registry in ("rq:queues", "rq:clean_groups"):
            if connection.type(registry) == b"set":
                connection.srem(registry, f"rq:queue:{queue_name}")
    finally:
        connection.close()


def children_maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
