"""Hostile input through the real ingest path: each class refused (or contained) with an error that names
the file and the limit from settings, nothing stored, in bounded time and memory.

Decisions recorded here:
- a ZIP inside a ZIP is never expanded (one level only): the inner ZIP is refused by name;
- a ZIP member's path is only a label (`..`, `.`, drive and leading `/` parts dropped); nothing of an
  upload is written to disk but the object named by its sha256;
- a PDF with JavaScript is accepted: pypdfium2's PDFium is built without V8/XFA, form handling is never
  started, and only rendered PNGs are ever served, so its script cannot run anywhere;
- the type comes from the content, never from the name.
"""

from __future__ import annotations

import csv
import io
import os
import re
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
import openpyxl
import pypdfium2 as pdfium
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck
from hypothesis import strategies as st
from PIL import Image
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import select

from ingest.service import IngestOutcome, ingest_bytes
from ingest.sources import expand_zip, read_uploads
from muragat.errors import InvalidInput
from muragat.settings import Settings
from ocr.rasterize import inspect_file, page_images
from review_ui.exports import FORMULA_STARTS
from review_ui.reports import REPORTS
from storage.db import session_scope
from storage.keys import original_key
from storage.models import Document, MatchDecision, Role
from storage.objects import LocalObjectStore
from storage.revisions import changes_by
from tests.ocr.test_rasterize import pdf_file
from tests.review_ui import conftest as ui
from tests.review_ui.archive import db, make_diploma, make_graduate
from tests.review_ui.conftest import make_user

MiB = 1024 * 1024
# Lowered for these tests so that a ZIP bomb over it is cheap to build; every other limit is the default.
ZIP_LIMIT = 16 * MiB
REPO = Path(__file__).resolve().parents[2]

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


# --- decompression bombs ----------------------------------------------------------------------------


def test_png_decompression_bomb_is_refused_from_its_header(
    settings: Settings, engine: Engine, archivist: TestClient
) -> None:
    bomb = png_bomb(30000, 30000)  # 900 Mpx: decoded, over 900 MB as 8-bit pixels
    with bounded(seconds=5, python_mib=16, native_mib=100):
        [result] = upload(archivist, ("bomb.png", bomb))
    assert result["result"] == "rejected" and result["error_code"] == "file_too_large"
    assert result["message"].startswith("bomb.png: the image is 30000x30000 pixels (900.0 megapixels)")
    assert f"over the limit of {megapixels(settings.max_image_pixels)}" in result["message"]
    assert_nothing_stored(settings, engine)


def test_jpeg_header_claiming_60000_squared_is_refused(settings: Settings, engine: Engine) -> None:
    with bounded(seconds=3, python_mib=4, native_mib=50):
        outcome = ingest(settings, engine, "claims.jpg", jpeg_claiming(60000, 60000))
    assert outcome.result == "rejected" and outcome.error_code == "file_too_large"
    assert outcome.message.startswith("claims.jpg: the image is 60000x60000 pixels (3600.0 megapixels)")
    assert megapixels(settings.max_image_pixels) in outcome.message
    assert_nothing_stored(settings, engine)


# --- ZIP bombs, member counts, nesting and paths ------------------------------------------------------


def test_zip_bomb_over_the_unpacked_limit_is_refused_unread(
    settings: Settings, engine: Engine, archivist: TestClient
) -> None:
    bomb = zip_of_zeros("scan.png", 4 * ZIP_LIMIT)  # 64 MiB of zeros in ~64 KB
    assert len(bomb) < ZIP_LIMIT // 100
    with bounded(seconds=5, python_mib=8):  # unpacking it would take 64 MiB
        [result] = upload(archivist, ("bomb.zip", bomb))
    assert result["result"] == "rejected" and result["error_code"] == "file_too_large"
    assert (
        result["message"] == f"bomb.zip: {4 * ZIP_LIMIT} bytes unpacked, more than {settings.max_zip_bytes}"
    )
    assert_nothing_stored(settings, engine)


def test_zip_member_that_unpacks_to_more_than_it_declares_is_cut_at_its_declared_size(
    settings: Settings, engine: Engine, archivist: TestClient
) -> None:
    liar = declaring(zip_of_zeros("scan.png", 4 * ZIP_LIMIT), 1000)  # declares 1000 bytes
    with bounded(seconds=5, python_mib=8):
        [result] = upload(archivist, ("liar.zip", liar))
    assert result["result"] == "rejected" and result["error_code"] == "corrupt_file"
    assert result["message"].startswith("liar.zip/scan.png: cannot be read from the ZIP (Bad CRC-32")
    assert_nothing_stored(settings, engine)


def test_zip_member_over_the_upload_limit_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    """The folder/CLI path: a member is held to the per-file limit, judged by its declared size."""
    (tmp_path / "big.zip").write_bytes(zip_of_zeros("scan.png", 8 * MiB) + b"")
    with bounded(seconds=5, python_mib=4):  # unpacking would take 8 MiB
        [found] = read_uploads([tmp_path / "big.zip"], max_bytes=MiB, max_members=10, max_zip_bytes=ZIP_LIMIT)
    assert found.data is None and found.error is not None and found.error.code == "file_too_large"
    assert found.error.message == f"big.zip/scan.png: {8 * MiB} bytes unpacked, more than the {MiB} allowed"


def test_zip_with_more_members_than_allowed_is_refused(
    settings: Settings, engine: Engine, archivist: TestClient
) -> None:
    count = settings.max_zip_members + 1
    many = zip_of([(f"p{i}.png", b"") for i in range(count)], zipfile.ZIP_STORED)
    with bounded(seconds=10, python_mib=64):
        [result] = upload(archivist, ("many.zip", many))
    assert result["result"] == "rejected" and result["error_code"] == "file_too_large"
    assert result["message"] == f"many.zip: {count} files in the ZIP, more than {settings.max_zip_members}"
    assert_nothing_stored(settings, engine)


def test_zip_of_countless_entries_is_refused_before_its_directory_is_parsed(
    settings: Settings, tmp_path: Path
) -> None:
    """Folder entries are not files, but zipfile would parse each into an object (~5x the ZIP's size, so
    ~10 GiB for a 2 GiB ZIP): they are counted from their signatures first."""
    entries = 4 * settings.max_zip_members + 1
    folders = zip_of([(f"d{i}/", b"") for i in range(entries)], zipfile.ZIP_STORED)
    (tmp_path / "folders.zip").write_bytes(folders)
    limits = {"max_bytes": settings.max_upload_bytes, "max_zip_bytes": settings.max_zip_bytes}
    with bounded(seconds=5, python_mib=len(folders) / MiB + 1):  # parsed: +9.8 MiB
        [found] = read_uploads([tmp_path / "folders.zip"], max_members=settings.max_zip_members, **limits)
    assert found.data is None and found.error is not None and found.error.code == "file_too_large"
    assert found.error.message == (
        f"folders.zip: about {entries} entries in the ZIP, more than {settings.max_zip_members} files allowed"
    )


def test_nested_zip_is_not_expanded(settings: Settings, engine: Engine, archivist: TestClient) -> None:
    inner = zip_of([("deep.png", png(10))])
    results = upload(archivist, ("outer.zip", zip_of([("inner.zip", inner), ("page.png", png(20))])))
    by_name = {r["filename"]: r for r in results}
    assert set(by_name) == {"outer.zip/inner.zip", "outer.zip/page.png"}
    assert by_name["outer.zip/page.png"]["result"] == "created"
    refused = by_name["outer.zip/inner.zip"]
    assert refused["result"] == "rejected" and refused["error_code"] == "unsupported_file"
    assert refused["message"].startswith("outer.zip/inner.zip: a ZIP inside a ZIP is not unpacked")
    with session_scope(engine) as session:
        assert session.exec(select(Document.filename)).all() == ["outer.zip/page.png"]


def test_zip_member_paths_are_labels_that_cannot_leave_the_archive(
    settings: Settings, engine: Engine, archivist: TestClient, tmp_path: Path
) -> None:
    paths = {
        "../../escape.png": "paths.zip/escape.png",
        "/etc/absolute.png": "paths.zip/etc/absolute.png",
        "..\\..\\windows.png": "paths.zip/windows.png",
        "C:/Temp/drive.png": "paths.zip/Temp/drive.png",
        "ok/./../n.png": "paths.zip/ok/n.png",
    }
    members = [(name, png(40 * i)) for i, name in enumerate(paths)]
    results = upload(archivist, ("paths.zip", zip_of(members)))
    assert sorted(r["filename"] for r in results) == sorted(paths.values())
    assert all(r["result"] == "created" for r in results), results
    with session_scope(engine) as session:
        docs = session.exec(select(Document)).all()
        assert sorted(d.filename for d in docs) == sorted(paths.values())
        assert all(".." not in d.filename.split("/") and "\\" not in d.filename for d in docs)
        keys = {settings.objects_dir / original_key(d.sha256) for d in docs}
    # what reached the disk: one object per document under its sha256, nothing else anywhere
    assert set(stored_objects(settings)) == keys
    everything = {p.name for p in tmp_path.parent.rglob("*")}
    assert not {"escape.png", "absolute.png", "windows.png", "drive.png"} & everything
    assert not Path("/etc/absolute.png").exists()


def test_zip_member_compressed_without_an_output_bound_is_refused(
    settings: Settings, engine: Engine, archivist: TestClient
) -> None:
    """zipfile inflates a bzip2 or LZMA read whole, however much it expands to: such members are refused."""
    [result] = upload(archivist, ("bz.zip", zip_of([("a.png", png(5))], zipfile.ZIP_BZIP2)))
    assert result["result"] == "rejected" and result["error_code"] == "unsupported_file"
    assert result["message"].startswith("bz.zip/a.png: compressed with method 12, which is not accepted")
    assert_nothing_stored(settings, engine)


def test_zip_member_with_an_empty_name_is_labelled_not_a_server_error(
    settings: Settings, engine: Engine, archivist: TestClient
) -> None:
    [result] = upload(archivist, ("blank.zip", zip_of([("", png(3))])))
    assert result["filename"] == "blank.zip/unnamed" and result["result"] == "created", result


def test_damaged_zip_members_are_named_not_a_server_error(
    settings: Settings, engine: Engine, archivist: TestClient
) -> None:
    good = zip_of([("a.png", png(1, (300, 200)))])
    flipped = bytearray(good)
    start = flipped.index(b"a.png") + len("a.png") + 4
    flipped[start : start + 16] = bytes(b ^ 0xFF for b in flipped[start : start + 16])
    [result] = upload(archivist, ("flipped.zip", bytes(flipped)))
    assert result["result"] == "rejected" and result["error_code"] == "corrupt_file"
    assert result["message"].startswith("flipped.zip/a.png: cannot be read from the ZIP")
    assert_nothing_stored(settings, engine)


# --- PDFs -------------------------------------------------------------------------------------------

CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"


@pytest.mark.parametrize(
    ("objects", "page"),
    [
        ([CATALOG, b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>", PAGE], 2),  # /Pages is its own kid
        (
            [
                CATALOG,
                b"<< /Type /Pages /Kids [4 0 R 3 0 R] /Count 2 >>",
                PAGE,
                b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
            ],
            1,
        ),  # two /Pages nodes, each the other's kid
    ],
    ids=["self-kid", "mutual-kids"],
)
def test_pdf_with_a_page_tree_loop_is_refused(
    settings: Settings, engine: Engine, objects: list[bytes], page: int
) -> None:
    with bounded(seconds=3, python_mib=4):
        outcome = ingest(settings, engine, "loop.pdf", pdf_file(objects, b"/Root 1 0 R"))
    assert outcome.result == "rejected" and outcome.error_code == "corrupt_file"
    assert outcome.message.startswith(f"loop.pdf: page {page} of the PDF is damaged and cannot be read")
    assert_nothing_stored(settings, engine)


def test_pdf_with_a_reference_loop_is_contained(settings: Settings, engine: Engine) -> None:
    """/MediaBox and /Resources refer to an object that refers back: PDFium drops them (the default page
    size) without recursing; the file is readable, and is accepted."""
    objects = [
        CATALOG,
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox 4 0 R /Resources 4 0 R >>",
        b"5 0 R",
        b"4 0 R",
    ]
    data = pdf_file(objects, b"/Root 1 0 R")
    with bounded(seconds=5, python_mib=8):
        outcome = ingest(settings, engine, "refloop.pdf", data)
        sizes = [page.size for page in page_images(data, "refloop.pdf", dpi=72, max_pixels=10**6)]
    assert outcome.result == "created", outcome.message
    assert sizes == [(612, 792)]  # US Letter, PDFium's default


def test_pdf_with_javascript_is_stored_and_rendered_without_running_it(
    settings: Settings, engine: Engine
) -> None:
    script = b"<< /S /JavaScript /JS (while (true) {}) >>"  # would hang whatever ran it
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R"
        b" /Names << /JavaScript << /Names [(x) 4 0 R] >> >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /AA << /O 4 0 R >> >>",
        script,
    ]
    data = pdf_file(objects, b"/Root 1 0 R")
    assert not {"V8", "XFA"} & set(pdfium.PDFIUM_INFO.flags), "this PDFium could run JavaScript"
    with bounded(seconds=5, python_mib=8):
        outcome = ingest(settings, engine, "script.pdf", data)
        pages = list(page_images(data, "script.pdf", dpi=72, max_pixels=10**6))
    assert outcome.result == "created" and outcome.message.startswith("script.pdf: stored, 1 page(s)")
    assert [p.size for p in pages] == [(200, 200)]
    with session_scope(engine) as session:
        assert session.exec(select(Document.content_type)).one() == "application/pdf"


# --- TIFF frames ------------------------------------------------------------------------------------


def test_tiff_with_thousands_of_frames_is_refused_before_decoding_them(
    settings: Settings, engine: Engine, archivist: TestClient
) -> None:
    # 5000 pages of 64 Mpx each (each under max_image_pixels): decoding the first 501 took 39 s before
    many = tiff(5000, 8000, 8000)
    assert len(many) < MiB
    with bounded(seconds=5, python_mib=16, native_mib=60):
        [result] = upload(archivist, ("pages.tif", many))
    assert result["result"] == "rejected" and result["error_code"] == "file_too_large"
    assert result["message"].startswith(
        f"pages.tif: the file has more than {settings.max_pages} pages, over the limit."
    )
    assert_nothing_stored(settings, engine)


def test_tiff_whose_page_chain_loops_is_read_once(settings: Settings, engine: Engine) -> None:
    with bounded(seconds=3, python_mib=4):
        outcome = ingest(settings, engine, "loop.tif", tiff(3, 10, 10, loop=True))
    assert outcome.result == "created" and outcome.message.startswith("loop.tif: stored, 3 page(s)")


def test_reading_a_file_is_bounded_by_max_inspect_seconds(settings: Settings, engine: Engine) -> None:
    """Within the page and pixel limits a file can still take long to decode (here 100 pages of 64 Mpx,
    ~7 s): ingest stops after `max_inspect_seconds` and refuses it."""
    limited = settings.model_copy(update={"max_inspect_seconds": 0.5})
    started = time.monotonic()
    outcome = ingest(limited, engine, "slow.tif", tiff(100, 8000, 8000))
    elapsed = time.monotonic() - started
    assert outcome.result == "rejected", (
        f"a file that took {elapsed:.1f} s to read was accepted: ingest/service.py must pass "
        "max_seconds=settings.max_inspect_seconds to ocr.inspect_file"
    )
    assert outcome.error_code == "file_too_large"
    assert outcome.message.startswith("slow.tif: reading its pages took longer than the limit of 0.5 seconds")
    assert elapsed < 4
    assert_nothing_stored(limited, engine)


# --- names: the content decides the type; a name is only a label ---------------------------------------


def test_png_named_pdf_is_stored_as_png(settings: Settings, engine: Engine, archivist: TestClient) -> None:
    [result] = upload(archivist, ("scan.pdf", png(200)))
    assert result["result"] == "created"
    with session_scope(engine) as session:
        assert session.exec(select(Document.content_type)).one() == "image/png"


@pytest.mark.parametrize(
    ("name", "data", "looks_like"),
    [
        ("scan.jpg", b"IIN;name\n890126405214;Test\n", "plain text although its name ends in .jpg"),
        (
            "scan.png",
            b"<!DOCTYPE html><script>alert(1)</script>",
            "an HTML page although its name ends in .png",
        ),
        ("scan.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "unrecognised binary data"),
    ],
    ids=["text-as-jpg", "html-as-png", "exe-as-pdf"],
)
def test_content_that_is_no_scan_is_refused_whatever_its_name(
    settings: Settings, engine: Engine, archivist: TestClient, name: str, data: bytes, looks_like: str
) -> None:
    [result] = upload(archivist, (name, data))
    assert result["result"] == "rejected" and result["error_code"] == "unsupported_file"
    assert result["message"].startswith(f"{name}: unsupported file: the content looks like {looks_like}")
    assert_nothing_stored(settings, engine)


@pytest.mark.parametrize("where", ["upload", "zip member"])
def test_overlong_file_name_is_refused_or_shortened_not_a_server_error(
    settings: Settings, engine: Engine, archivist: TestClient, where: str
) -> None:
    name = "scan-" + "x" * 1200 + ".png"
    files = [(name, png(90))] if where == "upload" else [("names.zip", zip_of([(name, png(90))]))]
    try:
        results = upload(archivist, *files)
    except Exception as e:  # the test client re-raises what the server raised
        pytest.fail(
            f"a {len(name)}-character file name ({where}) is a server error ({type(e).__name__}): "
            "ingest/service.py must refuse or shorten a name over Document.filename's 1000 characters"
        )
    [result] = results
    with session_scope(engine) as session:
        stored = session.exec(select(Document.filename)).all()
    if result["result"] == "rejected":
        assert result["error_code"] == "invalid_input" and stored == []
    else:
        assert result["result"] == "created" and all(len(n) <= 1000 for n in stored)


# --- formula injection in every CSV/XLSX the system writes ----------------------------------------------

FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"]
HOSTILE_REVIEWER = "-reviewer"


def _seed_formulas(settings: Settings) -> None:
    make_graduate(settings, institution="=cmd|' /C calc'!A0")
    for value in FORMULAS:  # the institution and graduation year as read from a scan
        make_diploma(settings, fields={"institution": value, "graduation_year": value})
    doc, _ = make_diploma(settings, decision=MatchDecision.auto_matched, fields={})  # the graduate's
    make_user(settings, HOSTILE_REVIEWER, Role.reviewer)
    with db(settings) as session, changes_by(session, HOSTILE_REVIEWER, "test"):
        found = session.get_one(Document, doc)
        found.fields = {**found.fields, "last_name": "@Омаров"}


def _csv_cells(body: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")) for cell in row]


def _xlsx_cells(body: bytes) -> list[Any]:
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    assert sheet is not None
    cells = [c for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"], "a cell is stored as a formula"
    return [c.value for c in cells]


def test_every_report_export_defuses_formula_cells(
    settings: Settings, client_as: Callable[[Role], TestClient]
) -> None:
    _seed_formulas(settings)
    admin = client_as(Role.admin)
    written: list[str] = []
    for name in REPORTS:
        for fmt, cells_of in (("csv", _csv_cells), ("xlsx", _xlsx_cells)):
            answer = admin.get(f"/api/v1/reports/{name}.{fmt}")
            assert answer.status_code == 200, f"{name}.{fmt}: {answer.status_code}"
            texts = [c for c in cells_of(answer.content) if isinstance(c, str)]
            live = [c for c in texts if c.startswith(FORMULA_STARTS)]
            assert not live, f"{name}.{fmt} has cells a spreadsheet would run as formulas: {live}"
            written += texts
    for value in [*FORMULAS, "=cmd|' /C calc'!A0", HOSTILE_REVIEWER]:
        assert "'" + value in written, f"{value!r} did not reach any export (the test seeds it)"


def test_every_csv_and_xlsx_writer_goes_through_safe_cell() -> None:
    """Files the system writes as spreadsheets are made by review_ui/exports.py alone."""
    writers = re.compile(r"csv\.(writer|DictWriter)\(|\bWorkbook\(|xlsxwriter|\.to_csv\(|\.to_excel\(")
    found = [
        f"{path.relative_to(REPO)}:{number}"
        for package in ("muragat", "ingest", "ocr", "matching", "review_ui", "storage")
        for path in sorted((REPO / package).rglob("*.py"))
        if path != REPO / "review_ui" / "exports.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if writers.search(line) and "exports" not in line
    ]
    assert found == [], f"spreadsheet writers outside review_ui/exports.py (use to_csv/to_xlsx): {found}"


# --- damaged files: every corruption is a named refusal, never an exception -----------------------------

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


@FUZZ
@hypothesis.given(flips=FLIPS)
def test_damaged_zip_is_named_never_raised(flips: list[tuple[int, int]]) -> None:
    archive = zip_of([("a/one.png", png(1)), ("two.png", png(2)), ("three.png", b"x" * 300)])
    for found in expand_zip(
        "f.zip", flipped(archive, flips), max_members=10, max_bytes=MiB, max_member_bytes=MiB
    ):
        assert (found.data is None) != (found.error is None)
        assert found.name.startswith("f.zip") and ".." not in found.name.split("/")
        assert found.error is None or found.error.message.startswith(found.name)


SCANS = {
    "png": png(7, (40, 30)),
    "tiff": tiff(3, 64, 48),
    "pdf": pdf_file([CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", PAGE], b"/Root 1 0 R"),
}


@pytest.mark.filterwarnings("ignore::UserWarning")  # Pillow's about the damaged TIFF tags
@pytest.mark.parametrize("kind", sorted(SCANS))
def test_damaged_scan_is_refused_by_name_never_raised(kind: str) -> None:
    @FUZZ
    @hypothesis.given(flips=FLIPS)
    def damaged(flips: list[tuple[int, int]]) -> None:
        try:
            inspect_file(
                flipped(SCANS[kind], flips), f"scan.{kind}", max_pixels=10**7, max_pages=50, max_seconds=5
            )
        except InvalidInput as e:
            assert e.message.startswith(f"scan.{kind}: "), e.message

    damaged()
