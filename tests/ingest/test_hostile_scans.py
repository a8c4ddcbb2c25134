"""Hostile scans through the real ingest path: decompression bombs, PDFs with loops or JavaScript, TIFFs of
thousands of frames, slow files and damaged ones, each refused (or contained) with an error that names the
file and the limit from settings, nothing stored, in bounded time and memory.

Decided here: a PDF with JavaScript is accepted: pypdfium2's PDFium is built without V8/XFA, form handling
is never started, and only rendered PNGs are ever served, so its script cannot run anywhere.
"""

from __future__ import annotations

import time

import hypothesis
import pypdfium2 as pdfium
import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import select

from muragat.errors import InvalidInput
from muragat.settings import Settings
from ocr.rasterize import inspect_file, page_images
from storage.db import session_scope
from storage.models import Document
from tests.ingest import hostile
from tests.ingest.hostile import (
    CATALOG,
    FLIPS,
    FUZZ,
    PAGE,
    MiB,
    assert_nothing_stored,
    bounded,
    flipped,
    ingest,
    jpeg_claiming,
    megapixels,
    png,
    png_bomb,
    tiff,
    upload,
)
from tests.ocr.test_rasterize import pdf_file

# the fixtures of these tests: settings with a lowered ZIP limit, the signed-in web clients
settings = hostile.settings
archivist = hostile.archivist
app_client = hostile.app_client
client_as = hostile.client_as

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
    assert str(outcome.message).startswith("claims.jpg: the image is 60000x60000 pixels (3600.0 megapixels)")
    assert megapixels(settings.max_image_pixels) in str(outcome.message)
    assert_nothing_stored(settings, engine)


# --- PDFs -------------------------------------------------------------------------------------------


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
    assert str(outcome.message).startswith(f"loop.pdf: page {page} of the PDF is damaged and cannot be read")
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
    assert outcome.result == "created" and str(outcome.message).startswith("script.pdf: stored, 1 page(s)")
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
    assert outcome.result == "created" and str(outcome.message).startswith("loop.tif: stored, 3 page(s)")


def test_reading_a_file_is_bounded_by_max_inspect_seconds(settings: Settings, engine: Engine) -> None:
    """Checking a file takes time in proportion to its pages (each TIFF page's structure, a JPEG decoded
    at 1/8, a PDF's pages measured): ingest stops after `max_inspect_seconds` and refuses it. Structure
    checks of 100 pages of 64 Mpx take milliseconds where decoding them took ~7 s, so the limit here is
    smaller than the time of one page's check."""
    limited = settings.model_copy(update={"max_inspect_seconds": 1e-6})
    started = time.monotonic()
    outcome = ingest(limited, engine, "slow.tif", tiff(100, 8000, 8000))
    elapsed = time.monotonic() - started
    assert outcome.result == "rejected", (
        f"a file that took {elapsed:.1f} s to read was accepted: ingest/service.py must pass "
        "max_seconds=settings.max_inspect_seconds to ocr.inspect_file"
    )
    assert outcome.error_code == "file_too_large"
    assert str(outcome.message).startswith(
        "slow.tif: reading its pages took longer than the limit of 1e-06 seconds"
    )
    assert elapsed < 4
    assert_nothing_stored(limited, engine)
    # within the default limit the same file is checked in well under a second, none of it decoded
    started = time.monotonic()
    assert ingest(settings, engine, "slow.tif", tiff(100, 8000, 8000)).result == "created"
    assert time.monotonic() - started < 2


# --- damaged scans: every corruption is a named refusal, never an exception ---------------------------


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
