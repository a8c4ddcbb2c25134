"""Faults at a larger size: documents lost or duplicated when things go wrong mid-processing.

    python benchmarks/faults.py [--docs 30] [--workers 2] [--scenarios redis,postgresql,s3,sigkill]

Every scenario runs on services of its own, never the shared ones: a PostgreSQL cluster made with
initdb in a temporary folder (a database per scenario), a private redis-server, moto's S3 behind a TCP
link that can be cut. For each: DOCS one-page scans are ingested, `muragat worker --count W` started,
and once documents are being processed the fault strikes:

    redis       redis-server killed with SIGKILL (no persistence: queue and leases lost), started
                again empty on the same port 2 s later
    postgresql  `pg_ctl restart -m fast` (every connection cut)
    s3          S3 unreachable for 10 s (connections cut, port closed); then `muragat retry
                --all-failed` for documents that failed with "S3 unreachable"
    sigkill     the whole `muragat worker` (supervisor and worker processes) killed with SIGKILL,
                a new one started
    poison      one more document kills the worker process that reads it, every time (a `tesseract`
                first on PATH that SIGKILLs its parent for that page, as an out-of-memory kill would):
                it must end `failed` after MURAGAT_MAX_ATTEMPTS with the page named, the others finish
    stalled     the whole worker stopped (SIGSTOP) mid-document for longer than its lease, a second
                worker finishes the documents, a reviewer then corrects every document's surname, and the
                first worker is woken (SIGCONT): every correction must stand (edits lost 0)

Then it waits for every document to finish and counts, from the database and the store: documents lost
(missing, not finished well, original missing or changed, page missing), duplicated (finished more
than once, pages or words doubled, documents that were not uploaded) and stuck (still queued or
processing when the wait ends). Since jobs retry S3, the disk and the database themselves, no document
should need `muragat retry`: the line says how many did. Prints one line per scenario:
"faults survived: lost 0, duplicated 0, stuck 0". Times depend on the machine; the counts must not.

The concurrency cases (two reviewers editing one document, two confirming different graduates, 10
rounds each on SQLite and PostgreSQL), TRUNCATE of the append-only tables and a cut audit tail are
tests: tests/storage/test_locks.py, tests/matching/test_one_confirmed.py, tests/storage/test_audit.py.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
# benchmarks/ holds ocr.py and matching.py, which would shadow the packages: the repository goes first,
# and the project's modules are imported by name (see pipeline.py).
sys.path.insert(0, str(REPO))
fs = importlib.import_module("tests.muragat.fault_services")
Settings = importlib.import_module("muragat.settings").Settings
SecretStr = importlib.import_module("pydantic").SecretStr
ThreadedMotoServer = importlib.import_module("moto.server").ThreadedMotoServer
psycopg2 = importlib.import_module("psycopg2")
env_for = importlib.import_module("tests.muragat.test_end_to_end").env_for
kill_tree = importlib.import_module("tests.muragat.test_worker_recovery").kill_tree
SCENARIOS = ("redis", "postgresql", "s3", "sigkill", "poison", "stalled")
render_page = importlib.import_module("tests.pages").render_page
encode = importlib.import_module("tests.pages").encode
POISON_RATIO = 15  # a page image this many times wider than high is the poison one (no real page is)
POISON_TESSERACT = """#!{python}
import os, signal, sys
from PIL import Image
for arg in sys.argv[1:]:
    if os.path.isfile(arg):
        try:
            with Image.open(arg) as image:
                if image.width > {ratio} * image.height:
                    os.kill(os.getppid(), signal.SIGKILL)  # the worker dies, as in an out-of-memory kill
                    sys.exit(1)
        except OSError:
            pass
os.execv({real!r}, [{real!r}, *sys.argv[1:]])
"""
S3_KEY, S3_SECRET = "muragat-bench", "muragat-bench-secret"
EDITED = "Түзетілді"  # the surname a reviewer writes on every document in the stalled scenario
session_scope = importlib.import_module("storage.db").session_scope
Document = importlib.import_module("storage.models").Document
select = importlib.import_module("sqlmodel").select


@dataclass
class Lab:
    cluster: Any
    redis_server: Any
    link: Any
    workers: int


def redis_fault(lab: Lab, settings: Any, worker: Any) -> None:
    lab.redis_server.kill()
    time.sleep(2)  # Redis stays away while the workers go on
    lab.redis_server.start()


def postgresql_fault(lab: Lab, settings: Any, worker: Any) -> None:
    lab.cluster.restart()


def s3_fault(lab: Lab, settings: Any, worker: Any) -> None:
    lab.link.down()
    time.sleep(10)  # S3 stays away
    lab.link.up()
    fs.wait_until(
        lambda: not {"queued", "processing"} & set(fs.statuses(settings).values()),
        600,
        "the documents waiting for S3",
    )


def sigkill_fault(lab: Lab, settings: Any, worker: Any) -> Any:
    kill_tree(worker.pid)
    worker.wait(10)
    return fs.start_worker(settings, lab.workers)


def poison_fault(lab: Lab, settings: Any, worker: Any) -> None:
    """The poison document was ingested with the others (run_scenario); nothing more to do here."""


def stalled_fault(lab: Lab, settings: Any, worker: Any) -> Any:
    signal_tree = importlib.import_module("tests.muragat.test_stalled_worker").signal_tree
    set_fields = importlib.import_module("review_ui.field_edits").set_fields
    services = importlib.import_module("muragat.services").open_services(settings)
    signal_tree(worker.pid, signal.SIGSTOP)
    time.sleep(settings.job_lease_seconds + 2)  # its lease lapses while it sleeps
    second = fs.start_worker(settings, lab.workers)
    fs.wait_until(
        lambda: not {"queued", "processing"} & set(fs.statuses(settings).values()), 600, "documents"
    )
    for doc_id in fs.statuses(settings):
        with session_scope(services.engine) as session:
            set_fields(session, doc_id, {"last_name": EDITED}, {}, "reviewer", "read from the scan")
    signal_tree(worker.pid, signal.SIGCONT)
    time.sleep(settings.job_lease_seconds + 5)  # the stalled jobs wake and try to write
    fs.stop_worker(worker)
    return second


def edits_lost(settings: Any) -> int:
    services = importlib.import_module("muragat.services").open_services(settings)
    with session_scope(services.engine) as session:
        return sum(1 for d in session.exec(select(Document)) if d.fields.get("last_name") != EDITED)


def retry_failed(settings: Any) -> int:
    failed = [i for i, s in fs.statuses(settings).items() if s == "failed"]
    if failed:
        done = subprocess.run(
            [sys.executable, "-m", "muragat", "retry", "--all-failed"],
            env=env_for(settings),
            cwd=settings.home.parent,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if done.returncode != 0:
            raise SystemExit(f"muragat retry --all-failed: {done.stderr.strip()}")
    return len(failed)


def run_scenario(
    name: str, settings: Any, docs_count: int, lab: Lab, fault: Callable[[Lab, Any, Any], Any]
) -> str:
    docs = fs.ingest(settings, fs.small_documents(docs_count, f"{name}-{uuid.uuid4().hex[:6]}"))
    poison = None
    if name == "poison":  # one strip of a page, wider than any real one: the fake tesseract's cue
        strip = render_page([f"ХАТТАМА {uuid.uuid4().hex[:6]} " * 6], width=4000)
        [poison] = fs.ingest(settings, [("poison.png", encode([strip], "PNG"))])
    started = time.monotonic()
    worker = fs.start_worker(settings, lab.workers)
    note = ""
    try:
        fs.wait_until(lambda: fs.any_processing(settings), 300, "a document being processed")
        worker = fault(lab, settings, worker) or worker
        fs.wait_until(lambda: not {"queued", "processing"} & set(fs.statuses(settings).values()),
                      60 + 20 * docs_count, "every document")  # fmt: skip
        if poison is None:
            failed = retry_failed(settings)
            if failed:
                note = f"; {failed} failed and needed `muragat retry`"
                fs.wait_until(lambda: fs.all_final(settings, docs), 60 + 20 * docs_count, "retried documents")
    except AssertionError:
        note += "; timed out waiting"
    log = fs.stop_worker(worker)
    stuck = sum(1 for s in fs.statuses(settings).values() if s in ("queued", "processing"))
    if poison is not None:
        note += "; " + poison_outcome(settings, poison)
    if name == "stalled":
        note += f"; edits lost {edits_lost(settings)}"
    result = fs.tally(settings, docs, (poison,) if poison else ())
    line = result.line(name).replace(" (attempts", f", stuck {stuck} (attempts")
    if stuck and log:
        line += f"\nworker's log:\n{log}"
    return line + f"{note}; {time.monotonic() - started:.0f} s"


def poison_outcome(settings: Any, poison: Any) -> str:
    services = importlib.import_module("muragat.services").open_services(settings)
    with session_scope(services.engine) as session:
        doc = session.get_one(Document, poison.id)
    return f"poison document {doc.status} after {doc.attempts} attempts: {doc.status_reason}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=30)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--scenarios", default=",".join(SCENARIOS))
    args = parser.parse_args()
    chosen = [s.strip() for s in args.scenarios.split(",") if s.strip()]
    if unknown := set(chosen) - set(SCENARIOS):
        raise SystemExit(f"unknown scenarios: {', '.join(sorted(unknown))}; known: {', '.join(SCENARIOS)}")
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # moto's server logs every request
    binaries = fs.postgres_binaries()
    if binaries is None:
        raise SystemExit(
            "initdb not found (PATH, /usr/lib/postgresql/*/bin): the faults need a cluster of their own"
        )

    folder = Path(tempfile.mkdtemp(prefix="muragat-faults-"))
    cluster = fs.PgCluster(binaries)
    redis_server = fs.RedisServer(folder / "redis")
    moto = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    link = None
    lines = []
    try:
        cluster.start()
        redis_server.start()
        for name in chosen:
            admin = psycopg2.connect(cluster.dsn("postgres"))
            admin.autocommit = True
            with admin.cursor() as cur:
                cur.execute(f"CREATE DATABASE {name}")
            admin.close()
            settings = Settings(
                home=folder / name / "home",
                database_url=cluster.url.rsplit("/", 1)[0] + f"/{name}",
                redis_url=redis_server.url,
                queue_name=f"faults-{name}",
                job_lease_seconds=5,
                _env_file=None,
            )
            if name == "s3":
                moto.start()
                host, port = moto.get_host_and_port()
                link = fs.FaultyLink(f"{host}:{port}")
                link.up()
                settings = settings.model_copy(
                    update={
                        "s3_endpoint": link.endpoint,
                        "s3_access_key": SecretStr(S3_KEY),
                        "s3_secret_key": SecretStr(S3_SECRET),
                        "s3_bucket": "faults",
                        "s3_region": "us-east-1",
                    }
                )

            lab = Lab(cluster, redis_server, link, args.workers)
            faults = {"redis": redis_fault, "postgresql": postgresql_fault, "s3": s3_fault,
                      "poison": poison_fault, "stalled": stalled_fault}  # fmt: skip
            fault = faults.get(name, sigkill_fault)
            path = os.environ["PATH"]
            if name == "poison":
                os.environ["PATH"] = f"{poison_tesseract(folder)}:{path}"
            try:
                line = run_scenario(name, settings, args.docs, lab, fault)
            finally:
                os.environ["PATH"] = path
            print(line, flush=True)
            lines.append(line)
    finally:
        if link:
            link.down()
            moto.stop()
        redis_server.kill()
        cluster.stop()
    bad = [line for line in lines if not survived(line)]
    if bad:
        raise SystemExit(1)


def survived(line: str) -> bool:
    if "lost 0, duplicated 0, stuck 0" not in line:
        return False
    if line.startswith("stalled") and "edits lost 0" not in line:
        return False
    return not line.startswith("poison") or "poison document failed after" in line


def poison_tesseract(folder: Path) -> Path:
    """A folder with a `tesseract` that kills its parent on the poison page and runs the real one else."""
    real = shutil.which("tesseract")
    if real is None:
        raise SystemExit("tesseract not found")
    bin_dir = folder / "poison-bin"
    bin_dir.mkdir(exist_ok=True)
    script = bin_dir / "tesseract"
    script.write_text(POISON_TESSERACT.format(python=sys.executable, ratio=POISON_RATIO, real=real))
    script.chmod(0o755)
    return bin_dir


if __name__ == "__main__":
    main()
