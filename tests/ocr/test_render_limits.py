"""Hostile PDFs and images within bounds: a page's content measured before it is loaded, the renderer a
child process under a memory limit and a clock, whose death is the document's error, never the caller's."""

from __future__ import annotations

import zlib

import pytest

from muragat.errors import FileTooLarge
from ocr import PdfLimits, check_head, inspect_file, page_images

MiB = 1024 * 1024


def content_bomb(mib: int) -> bytes:
    """A one-page PDF whose content stream is `mib` MiB of path operators (a few KB deflated)."""
    stream = zlib.compress(b"1 1 m 2 2 l S\n" * (mib * MiB // 14), 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_content_bomb_is_refused_at_upload_by_its_content_limit() -> None:
    with pytest.raises(FileTooLarge) as refused:
        inspect_file(content_bomb(8), "bomb.pdf", max_pixels=10**8, max_pages=5)
    assert refused.value.detail.code == "file.pdf_page_content_too_large"
    assert "page 1" in refused.value.message and "2.0 MB" in refused.value.message


def test_page_over_the_memory_limit_kills_the_renderer_not_the_caller() -> None:
    limits = PdfLimits(max_content_bytes=1 << 40, memory_mb=64, seconds=30)
    with pytest.raises(FileTooLarge) as failed:
        list(page_images(content_bomb(8), "bomb.pdf", max_pixels=10**8, pdf_limits=limits))
    assert failed.value.detail.code == "file.pdf_page_memory"
    assert "64 MB" in failed.value.message
    # the caller goes on: a normal page renders in a new child
    assert [im.size for im in page_images(content_bomb(0), "ok.pdf", max_pixels=10**8)] == [(834, 834)]


def test_page_over_the_clock_is_stopped() -> None:
    limits = PdfLimits(max_content_bytes=1 << 40, memory_mb=4096, seconds=0.3)
    with pytest.raises(FileTooLarge) as failed:
        list(page_images(content_bomb(8), "slow.pdf", max_pixels=10**8, pdf_limits=limits))
    assert failed.value.detail.code == "file.pdf_page_too_slow"


def test_image_over_the_pixel_limit_is_refused_from_its_first_bytes() -> None:
    from tests.ingest.hostile import png_bomb

    head = png_bomb(30000, 30000)[:4096]
    with pytest.raises(FileTooLarge) as refused:
        check_head(head, "big.png", max_pixels=120_000_000)
    assert refused.value.detail.code == "file.image_too_many_pixels"
