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

Then it waits for every document to finish and counts, from the database and the store: documents lost
(missing, not finished well, original missing or changed, page missing) and duplicated (finished more
than once, pages or words doubled, documents that were not uploaded). Prints one line per scenario:
"faults survived: lost 0, duplicated 0". Times depend on the machine; the counts must not.
"""

from __future__ import annotations

import argparse
import importlib
import logging
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
SCENARIOS = ("redis", "postgresql", "s3", "sigkill")
S3_KEY, S3_SECRET = "muragat-bench", "muragat-bench-secret"


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
    started = time.monotonic()
    worker = fs.start_worker(settings, lab.workers)
    note = ""
    try:
        fs.wait_until(lambda: fs.any_processing(settings), 300, "a document being processed")
        worker = fault(lab, settings, worker) or worker
        fs.wait_until(lambda: fs.all_final(settings, docs), 60 + 20 * docs_count, "every document")
        failed = retry_failed(settings)
        if failed:
            note = f"; {failed} failed with the reason, then retried"
            fs.wait_until(lambda: fs.all_final(settings, docs), 60 + 20 * docs_count, "retried documents")
    except AssertionError as e:
        log = fs.stop_worker(worker)
        raise SystemExit(f"{name}: {e}\n{fs.describe(settings)}\nworker's log:\n{log}") from e
    fs.stop_worker(worker)
    result = fs.tally(settings, docs)
    return result.line(name) + f"{note}; {time.monotonic() - started:.0f} s"


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
            fault = {"redis": redis_fault, "postgresql": postgresql_fault, "s3": s3_fault}.get(
                name, sigkill_fault
            )
            line = run_scenario(name, settings, args.docs, lab, fault)
            print(line, flush=True)
            lines.append(line)
    finally:
        if link:
            link.down()
            moto.stop()
        redis_server.kill()
        cluster.stop()
    if any("lost 0, duplicated 0" not in line for line in lines):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
