"""Hostile input through the real ingest path, shared by the tests/ingest/test_hostile_*.py modules: the
fixtures (settings with a lowered ZIP limit, signed-in web clients), measuring time and memory, checks
that nothing was stored, and hostile files built here cheaply.
"""

from __future__ import annotations

import io
import os
import resource
import struct
import time
import tracemalloc
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import hypothesis
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck
from hypothesis import strategies as st
from PIL import Image
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import select

from ingest.service import IngestOutcome, ingest_bytes
from muragat.settings import Settings
from storage.db import session_scope
from storage.models import Document, Role
from storage.objects import LocalObjectStore
from tests.review_ui import conftest as ui

MiB = 1024 * 1024
# Lowered for these tests so that a ZIP bomb over it is cheap to build; every other limit is the default.
ZIP_LIMIT = 16 * MiB

# the signed-in web clients of tests/review_ui
app_client = ui.app_client
client_as = ui.client_as


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"max_zip_bytes": ZIP_LIMIT})


@pytest.fixture
def archivist(client_as: Callable[[Role], TestClient]) -> TestClient:
    return client_as(Role.archivist)


# --- measuring and checking -------------------------------------------------------------------------


@contextmanager
def bounded(seconds: float, python_mib: float, native_mib: float = 200) -> Iterator[None]:
    """Fail unless the block ends within `seconds`, with Python allocations (tracemalloc peak) under
    `python_mib` and the process's peak resident memory grown by less than `native_mib`."""
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    tracemalloc.start()
    started = time.monotonic()
    try:
        yield
    finally:
        elapsed = time.monotonic() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
    assert elapsed < seconds, f"took {elapsed:.1f} s, over the bound of {seconds} s"
    assert peak < python_mib * MiB, f"Python allocations peaked at {peak / MiB:.1f} MiB (bound {python_mib})"
    assert grown < native_mib, f"peak resident memory grew by {grown:.0f} MiB (bound {native_mib})"


def stored_objects(settings: Settings) -> list[Path]:
    root = settings.objects_dir
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def assert_nothing_stored(settings: Settings, engine: Engine) -> None:
    with session_scope(engine) as session:
        assert session.exec(select(func.count()).select_from(Document)).one() == 0
    assert stored_objects(settings) == []


def upload(client: TestClient, *files: tuple[str, bytes]) -> list[dict[str, Any]]:
    answer = client.post(
        "/api/v1/documents", files=[("files", (n, d, "application/octet-stream")) for n, d in files]
    )
    assert answer.status_code == 207, answer.text
    results: list[dict[str, Any]] = answer.json()["results"]
    return results


def ingest(settings: Settings, engine: Engine, name: str, data: bytes) -> IngestOutcome:
    store = LocalObjectStore(settings.objects_dir)
    return ingest_bytes(
        engine=engine, store=store, queue=None, settings=settings, filename=name, data=data, actor="tester"
    )


def megapixels(pixels: int) -> str:
    return f"{pixels / 1e6:.1f} megapixels"


# --- hostile files, built here cheaply ---------------------------------------------------------------


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_bomb(width: int, height: int) -> bytes:
    """A complete 1-bit PNG of `width` x `height` white... black pixels: ~110 KB for 30000x30000."""
    squeeze = zlib.compressobj(9)
    rows = (b"\x00" + bytes((width + 7) // 8)) * 1000
    body = b"".join(squeeze.compress(rows) for _ in range(height // 1000)) + squeeze.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", body)
        + _png_chunk(b"IEND", b"")
    )


def jpeg_claiming(width: int, height: int) -> bytes:
    """A tiny JPEG whose frame header (SOF0) claims `width` x `height`."""
    out = io.BytesIO()
    Image.new("L", (16, 16)).save(out, "JPEG")
    data = bytearray(out.getvalue())
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def png(shade: int, size: tuple[int, int] = (24, 16)) -> bytes:
    out = io.BytesIO()
    Image.new("L", size, shade).save(out, "PNG")
    return out.getvalue()


def tiff(frames: int, width: int, height: int, *, loop: bool = False) -> bytes:
    """A 1-bit deflated TIFF whose `frames` page headers all share one strip of zeros: a few bytes per
    page whatever its size. With `loop`, the last page header points back to the first."""
    strip = zlib.compress(bytes((width + 7) // 8 * height), 9)
    out = bytearray(b"II*\x00\x00\x00\x00\x00") + strip
    first = len(out)
    out[4:8] = struct.pack("<I", first)
    short, long_ = 3, 4
    tags = [(256, long_, width), (257, long_, height), (258, short, 1), (259, short, 8), (262, short, 0)]
    tags += [(273, long_, 8), (278, long_, height), (279, long_, len(strip))]
    size = 2 + 12 * len(tags) + 4
    for index in range(frames):
        last = index == frames - 1
        following = (first if loop else 0) if last else len(out) + size
        out += struct.pack("<H", len(tags))
        for tag, kind, value in tags:
            out += struct.pack(
                "<HHII" if kind == long_ else "<HHIHH", tag, kind, 1, value, *([] if kind == long_ else [0])
            )
        out += struct.pack("<I", following)
    return bytes(out)


def zip_of(members: list[tuple[str, bytes]], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in members:
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=method)
    return out.getvalue()


def zip_of_zeros(name: str, size: int) -> bytes:
    """One deflated member of `size` zero bytes (about a thousandth of that in the ZIP)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive, archive.open(name, "w") as member:
        chunk = bytes(MiB)
        for _ in range(size // MiB):
            member.write(chunk)
    return out.getvalue()


def declaring(data: bytes, file_size: int) -> bytes:
    """The ZIP with its only member's unpacked size, in the central directory and local header, replaced."""
    patched = bytearray(data)
    central = patched.index(b"PK\x01\x02")
    patched[central + 24 : central + 28] = struct.pack("<I", file_size)
    patched[22:26] = struct.pack("<I", file_size)
    return bytes(patched)


# --- PDFs -------------------------------------------------------------------------------------------

CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"


# --- damaged files -----------------------------------------------------------------------------------

FLIPS = st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), min_size=1, max_size=6)
FUZZ = hypothesis.settings(
    max_examples=int(os.environ.get("MURAGAT_FUZZ_EXAMPLES", "150")),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def flipped(data: bytes, flips: list[tuple[int, int]]) -> bytes:
    out = bytearray(data)
    for where, value in flips:
        out[where % len(out)] = value
    return bytes(out)
