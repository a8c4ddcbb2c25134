"""Load on loopback: the document list and the verification lookup under concurrent clients, then the
ingest of many small files through the upload API.

    .venv/bin/python benchmarks/load.py [--clients 50] [--requests 3000] [--seconds 60]
                                        [--documents 2000] [--confirmed 300] [--files 1000] [--batch 10]

What it does, on the real services of the test set-up (PostgreSQL and Redis on 127.0.0.1):
1. creates a PostgreSQL database for the run (dropped at the end), migrates it, and seeds
   `--documents` documents (`--confirmed` of them confirmed against a graduate of as many in the
   registry) and an admin with an API token;
2. starts `muragat serve` (one uvicorn process, as deployed) on a free loopback port, objects in a
   temporary MURAGAT_HOME, the queue on Redis db 14 under a queue name of its own; no worker runs,
   so uploads are only accepted and queued;
3. for each scenario, `--clients` asyncio tasks (httpx, one connection each) send requests until
   `--requests` are answered or `--seconds` pass, after a warm-up of one request per client:
   - `GET /api/v1/documents?limit=50&offset=...` (pages through the seeded documents),
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
import hashlib
import io
import os
import platform
import shlex
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import psycopg2
import redis
from PIL import Image
from psycopg2 import sql
from rq import Queue
from sqlalchemy import func
from sqlmodel import col, select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from muragat.accounts import create_token, hash_password  # noqa: E402
from storage.db import make_engine, migrate, session_scope  # noqa: E402
from storage.models import Document, DocumentStatus, Graduate, Match, MatchDecision, Role, User  # noqa: E402
from storage.revisions import changes_by  # noqa: E402

PG_ADMIN_DSN = os.environ.get("MURAGAT_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("MURAGAT_LOAD_REDIS", "redis://127.0.0.1:6379/14")
SERIES = "ЖБ-Б"


# --- the database ------------------------------------------------------------------------------------


def create_database() -> tuple[str, str]:
    name = f"muragat_load_{uuid.uuid4().hex[:10]}"
    conn = psycopg2.connect(PG_ADMIN_DSN)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    conn.close()
    url = PG_ADMIN_DSN.rsplit("/", 1)[0] + f"/{name}"
    return name, url.replace("postgresql://", "postgresql+psycopg2://", 1)


def drop_database(name: str) -> None:
    conn = psycopg2.connect(PG_ADMIN_DSN)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    conn.close()


def iin(n: int) -> str:
    return f"{900101300000 + n:012d}"


def diploma_number(n: int) -> str:
    return f"{1000000 + n:07d}"


def seed(url: str, documents: int, confirmed: int) -> str:
    """Documents (the first `confirmed` matched and confirmed to a graduate each), an admin, its token."""
    engine = make_engine(url)
    migrate(engine)
    chunk = 500
    for start in range(0, documents, chunk):
        with session_scope(engine) as session, changes_by(session, "load-seed", "benchmark data"):
            for n in range(start, min(start + chunk, documents)):
                sha = hashlib.sha256(f"seeded-{n}".encode()).hexdigest()
                doc = Document(
                    filename=f"seed/{n:05d}.png",
                    sha256=sha,
                    content_type="image/png",
                    size_bytes=1000 + n,
                    status=DocumentStatus.processed if n < confirmed else DocumentStatus.needs_review,
                    kind="diploma",
                    page_count=1,
                    original_key=f"originals/{sha[:2]}/{sha}",
                    fields={
                        "last_name": f"Фамилия{n}",
                        "diploma_series": SERIES,
                        "diploma_number": diploma_number(n),
                    },
                )
                session.add(doc)
                if n < confirmed:
                    graduate = Graduate(
                        graduate_id=f"G{n:06d}",
                        iin=iin(n),
                        last_name=f"Фамилия{n}",
                        first_name="Айгерим",
                        institution="Әл-Фараби атындағы Қазақ ұлттық университеті",
                        degree="bachelor",
                        graduation_year=2000 + n % 24,
                        diploma_series=SERIES,
                        diploma_number=diploma_number(n),
                        issue_date=date(2000 + n % 24, 6, 30),
                    )
                    session.add(graduate)
                    session.flush()
                    session.add(
                        Match(
                            document_id=doc.id,
                            graduate_id=graduate.id,
                            score=0.97,
                            decision=MatchDecision.confirmed,
                        )
                    )
    with session_scope(engine) as session, changes_by(session, "load-seed", "benchmark account"):
        session.add(
            User(username="load-admin", role=Role.admin, language="ru", password_hash=hash_password("x" * 20))
        )
    with session_scope(engine) as session:
        secret = create_token(session, "load-admin", "load benchmark", actor="load-seed").secret
    engine.dispose()
    return secret


# --- the server --------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(home: Path, url: str, queue_name: str, port: int) -> subprocess.Popen[bytes]:
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
    server = subprocess.Popen([str(muragat), "serve"], cwd=home, env=env)
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


# --- load --------------------------------------------------------------------------------------------


@dataclass
class Run:
    name: str
    latencies: list[float] = field(default_factory=list)
    failures: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    units: int = 0  # files for the ingest, else requests
    answers: dict[str, int] = field(default_factory=dict)  # what the bodies said, where it matters

    def row(self) -> list[str]:
        ordered = sorted(self.latencies)

        def pct(p: float) -> str:
            if not ordered:
                return "-"
            return f"{ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1000:.0f}"

        rate = len(self.latencies) / self.seconds if self.seconds else 0.0
        per_unit = self.units / self.seconds if self.seconds else 0.0
        fails = ", ".join(f"{k}: {v}" for k, v in sorted(self.failures.items())) or "0"
        return [
            self.name,
            str(len(self.latencies)),
            f"{self.seconds:.1f}",
            f"{rate:.1f}",
            f"{per_unit:.1f}" if self.units else "",
            pct(50),
            pct(99),
            f"{ordered[-1] * 1000:.0f}" if ordered else "-",
            fails,
        ]


async def hammer(
    run: Run,
    base: str,
    token: str,
    clients: int,
    total: int,
    seconds: float,
    request: Any,
) -> None:
    """`clients` tasks send `request(client, i)` until `total` are answered or `seconds` pass, after each
    has connected with a `GET /api/v1/health` (not counted)."""
    issued = 0
    stop_at = 0.0

    def take() -> int | None:
        nonlocal issued
        if issued >= total or time.perf_counter() > stop_at:
            return None
        issued += 1
        return issued - 1

    async def worker(client: httpx.AsyncClient) -> None:
        while (i := take()) is not None:
            started = time.perf_counter()
            try:
                answer = await request(client, i)
                outcome = "" if answer.status_code < 300 else str(answer.status_code)
            except httpx.HTTPError as e:
                outcome = type(e).__name__
            run.latencies.append(time.perf_counter() - started)
            if outcome:
                run.failures[outcome] = run.failures.get(outcome, 0) + 1

    headers = {"Authorization": f"Bearer {token}"}
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    sessions = [
        httpx.AsyncClient(base_url=base, headers=headers, limits=limits, timeout=120) for _ in range(clients)
    ]
    try:
        await asyncio.gather(*(s.get("/api/v1/health") for s in sessions))
        started = time.perf_counter()
        stop_at = started + seconds
        await asyncio.gather(*(worker(s) for s in sessions))
        run.seconds = time.perf_counter() - started
    finally:
        await asyncio.gather(*(s.aclose() for s in sessions))


def distinct_png(n: int) -> bytes:
    """A small grey page whose first pixels spell its number: every file different."""
    image = Image.new("L", (64, 48), 255)
    for bit in range(20):
        image.putpixel((bit, 0), 0 if n >> bit & 1 else 255)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


async def scenarios(
    args: argparse.Namespace, base: str, token: str, documents: int
) -> tuple[list[Run], list[str]]:
    runs: list[Run] = []

    async def document_list(client: httpx.AsyncClient, i: int) -> httpx.Response:
        offset = (i * 50) % max(1, documents - 50)
        return await client.get("/api/v1/documents", params={"limit": 50, "offset": offset})

    async def verify(client: httpx.AsyncClient, i: int) -> httpx.Response:
        if i % 4 == 3:  # a diploma the archive does not hold
            body = {"diploma_series": SERIES, "diploma_number": "9999999", "iin": iin(999_999)}
        else:
            n = i % args.confirmed
            body = {"diploma_series": SERIES, "diploma_number": diploma_number(n), "iin": iin(n)}
        answer = await client.post("/api/v1/verify", json=body)
        if answer.status_code == 200:
            result = f"{answer.json()['result']} (expected {'not_found' if i % 4 == 3 else 'found'})"
            runs[-1].answers[result] = runs[-1].answers.get(result, 0) + 1
        return answer

    for name, request in (("GET /api/v1/documents", document_list), ("POST /api/v1/verify", verify)):
        runs.append(Run(name))
        await hammer(runs[-1], base, token, args.clients, args.requests, args.seconds, request)

    files = [distinct_png(n) for n in range(args.files)]
    batches = [files[i : i + args.batch] for i in range(0, len(files), args.batch)]
    accepted: list[int] = []

    async def upload(client: httpx.AsyncClient, i: int) -> httpx.Response:
        parts = [
            ("files", (f"load/{i:04d}-{k:02d}.png", data, "image/png")) for k, data in enumerate(batches[i])
        ]
        answer = await client.post("/api/v1/documents", files=parts)
        if answer.status_code == 207:
            accepted.append(answer.json()["created"])
        return answer

    ingest = Run(f"POST /api/v1/documents ({args.batch} files)")
    await hammer(ingest, base, token, args.clients, len(batches), args.seconds * 10, upload)
    ingest.units = sum(accepted)
    runs.append(ingest)
    return runs, [hashlib.sha256(f).hexdigest() for f in files]


def machine() -> str:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        model = next(
            (ln.split(":", 1)[1].strip() for ln in cpuinfo.read_text().splitlines() if "model name" in ln), ""
        )
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
    db_name, url = create_database()
    queue_name = f"load-{uuid.uuid4().hex[:8]}"
    connection = redis.Redis.from_url(REDIS_URL)
    server: subprocess.Popen[bytes] | None = None
    try:
        with tempfile.TemporaryDirectory(prefix="muragat-load-") as home:
            t = time.perf_counter()
            token = seed(url, args.documents, args.confirmed)
            print(
                f"seeded {args.documents} documents, {args.confirmed} confirmed graduates "
                f"in {time.perf_counter() - t:.1f} s"
            )
            port = free_port()
            server = start_server(Path(home), url, queue_name, port)
            print(
                f"server: muragat serve on 127.0.0.1:{port}, "
                f"PostgreSQL database {db_name}, queue {queue_name}"
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
            return 0 if present == len(shas) == total - args.documents else 1
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
        Queue(queue_name, connection=connection).empty()
        connection.close()
        drop_database(db_name)


if __name__ == "__main__":
    raise SystemExit(main())
