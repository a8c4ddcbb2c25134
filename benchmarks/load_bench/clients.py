"""Concurrent clients on loopback: asyncio tasks with one httpx connection each, the scenarios they run
(document list, verification, uploads) and the figures of a run."""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import io
import time
from dataclasses import dataclass, field
from typing import Any

import httpx
from PIL import Image

from .database import SERIES, diploma_number, iin


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

    cursors: dict[int, str | None] = {}  # each client pages through the list as a reader would

    async def document_list(client: httpx.AsyncClient, i: int) -> httpx.Response:
        params: dict[str, str | int] = {"limit": 50}
        if after := cursors.get(id(client)):
            params["after"] = after
        answer = await client.get("/api/v1/documents", params=params)
        if answer.status_code == 200:
            cursors[id(client)] = answer.json()["next"]  # None at the end: the first page again
        return answer

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
