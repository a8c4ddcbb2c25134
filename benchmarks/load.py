"""Load on loopback: the document list and the verification lookup under concurrent clients, then the
ingest of many small files through the upload API.

    .venv/bin/python benchmarks/load.py [--database postgresql|sqlite] [--server-workers N]
                                        [--clients 50] [--requests 3000] [--seconds 60]
                                        [--documents 2000] [--confirmed 300] [--files 1000] [--batch 10]

What it does, on the real services of the test set-up (PostgreSQL and Redis on 127.0.0.1):
1. creates a database for the run (PostgreSQL: a database of its own, dropped at the end; SQLite: a
   file in the run's folder), migrates it, and seeds `--documents` documents as the workers leave them
   (fields, per-field evidence with word boxes, about 4.5 KB each; `--confirmed` of them confirmed
   against a graduate of as many in the registry) and an admin with an API token;
2. starts `muragat serve --workers N` (`--server-workers`, default the core count, as deployed) on a
   free loopback port, objects in a temporary MURAGAT_HOME, the queue on Redis db 14 under a queue
   name of its own; no worker runs, so uploads are only accepted and queued;
3. for each scenario, `--clients` asyncio tasks (httpx, one connection each) send requests until
   `--requests` are answered or `--seconds` pass, after a warm-up of one request per client:
   - `GET /api/v1/documents?limit=50&after=...` (each client pages through the seeded documents by
     the `next` cursor of each page, from the first page again at the end),
   - `POST /api/v1/verify` (series, number and IIN of a confirmed diploma for 3 of 4 look-ups, a
     diploma the registry lacks for the 4th; each look-up is written to the audit trail);
   and prints requests per second, p50, p99 and max latency, and the non-2xx answers;
4. uploads `--files` distinct PNGs, `--batch` per request, from `--clients` tasks, and prints files
   accepted per second; then checks that every file is a document (by sha256) and the count.
The queue's jobs and the database are removed at the end, the folder too.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import shlex
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx
import redis
from rq import Queue
from sqlalchemy import func
from sqlmodel import col, select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common.machine import cpu_model  # noqa: E402
from benchmarks.load_bench.clients import scenarios  # noqa: E402
from benchmarks.load_bench.database import create_database, drop_database, seed  # noqa: E402
from storage.db import make_engine, session_scope  # noqa: E402
from storage.models import Document  # noqa: E402

REDIS_URL = os.environ.get("MURAGAT_LOAD_REDIS", "redis://127.0.0.1:6379/14")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(home: Path, url: str, queue_name: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MURAGAT_")}
    env.update(
        MURAGAT_HOME=str(home),
        MURAGAT_DATABASE_URL=url,
        MURAGAT_REDIS_URL=REDIS_URL,
        MURAGAT_QUEUE_NAME=queue_name,
        MURAGAT_HOST="127.0.0.1",
        MURAGAT_PORT=str(port),
    )
    muragat = Path(sys.executable).parent / "muragat"
    server = subprocess.Popen([str(muragat), "serve", "--workers", str(workers)], cwd=home, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"muragat serve exited with {server.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1).status_code < 500:
                return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("muragat serve did not answer within 60 s")


def stop(server: subprocess.Popen[bytes] | None) -> None:
    if server is None or server.poll() is not None:
        return
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def machine() -> str:
    model = cpu_model()
    load = os.getloadavg()
    return (
        f"{platform.node()}: {os.cpu_count()} CPUs ({model}), Python {platform.python_version()}, "
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )


def table(rows: list[list[str]]) -> str:
    header = ["scenario", "requests", "seconds", "req/s", "files/s", "p50 ms", "p99 ms", "max ms", "errors"]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = [" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in [header, *rows]]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--server-workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=3000, help="per read scenario")
    parser.add_argument("--seconds", type=float, default=60, help="longest a read scenario runs")
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--confirmed", type=int, default=300)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=10)
    args = parser.parse_args()
    if not 0 < args.confirmed <= args.documents:
        parser.error("--confirmed must be between 1 and --documents")

    print("command:", shlex.join([Path(sys.executable).name, *sys.argv]))
    print("machine:", machine())
    queue_name = f"load-{uuid.uuid4().hex[:8]}"
    connection = redis.Redis.from_url(REDIS_URL)
    server: subprocess.Popen[bytes] | None = None
    db_name = ""
    try:
        with tempfile.TemporaryDirectory(prefix="muragat-load-") as home:
            db_name, url = create_database(args.database, home)
            t = time.perf_counter()
            token = seed(url, args.documents, args.confirmed)
            print(
                f"seeded {args.documents} documents, {args.confirmed} confirmed graduates "
                f"in {time.perf_counter() - t:.1f} s"
            )
            port = free_port()
            server = start_server(Path(home), url, queue_name, port, args.server_workers)
            print(
                f"server: muragat serve --workers {args.server_workers} on 127.0.0.1:{port}, "
                f"{args.database} database {db_name}, queue {queue_name}"
            )
            runs, shas = asyncio.run(scenarios(args, f"http://127.0.0.1:{port}", token, args.documents))
            print()
            print(table([r.row() for r in runs]))
            for run in runs:
                if run.answers:
                    print(
                        f"{run.name} answers: "
                        + ", ".join(f"{k}: {v}" for k, v in sorted(run.answers.items()))
                    )
            engine = make_engine(url)
            with session_scope(engine) as session:
                present = session.exec(
                    select(func.count()).select_from(Document).where(col(Document.sha256).in_(shas))
                ).one()
                total = session.exec(select(func.count()).select_from(Document)).one()
            engine.dispose()
            queued = len(Queue(queue_name, connection=connection))
            print()
            print(
                f"ingest check: {present} of {len(shas)} uploaded files are documents (by sha256); "
                f"{total} documents in all ({total - args.documents} new); {queued} jobs queued"
            )
            print("machine after:", machine())
            stop(server)  # before its folder (and an SQLite database in it) is removed
            return 0 if present == len(shas) == total - args.documents else 1
    finally:
        stop(server)
        Queue(queue_name, connection=connection).empty()
        connection.close()
        if db_name:
            drop_database(db_name)


if __name__ == "__main__":
    raise SystemExit(main())
