"""Hostile PDFs and images within bounds: a page's content measured before it is loaded, the renderer a
child process under a memory limit and a clock, whose death is the document's error, never the caller's."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from benchmarks.hostile_bench.inputs import big_png, big_tiff, one_page_pdf
from muragat.errors import FileTooLarge
from ocr import PdfLimits, check_head, inspect_file, page_images
from ocr.upload_limits import decoded_bytes

MiB = 1024 * 1024


def content_bomb(mib: int) -> bytes:
    """A one-page PDF whose content stream is `mib` MiB of path operators (a few KB deflated)."""
    return one_page_pdf(b"1 1 m 2 2 l S\n" * (mib * MiB // 14), size=(200, 200))


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


def test_an_image_too_large_to_decode_is_refused_from_its_header(tmp_path: Path) -> None:
    """At the pixel limit, colour takes 458 MB decoded (Pillow holds RGB as 4 bytes a pixel): over
    `max_image_memory_mb`, refused before a pixel is decoded; the same page in grey (1 byte) is read."""
    colour = tmp_path / "colour.png"
    big_png(colour, 12000, 10000)
    with pytest.raises(FileTooLarge) as refused:
        inspect_file(colour.read_bytes(), "colour.png", max_pixels=120_000_000, max_pages=5)
    assert refused.value.detail.code == "file.image_too_much_memory"
    assert refused.value.detail.params["size"] == "458" and refused.value.detail.params["limit"] == 384
    with pytest.raises(FileTooLarge) as from_head:  # a ZIP member, from its first bytes
        check_head(colour.read_bytes()[:4096], "colour.png", max_pixels=120_000_000)
    assert from_head.value.detail.code == "file.image_too_much_memory"
    grey = io.BytesIO()
    Image.new("L", (12000, 10000), 255).save(grey, "PNG")
    assert inspect_file(grey.getvalue(), "grey.png", max_pixels=120_000_000, max_pages=5).page_count == 1


def test_a_tiff_in_one_strip_counts_the_strip_too(tmp_path: Path) -> None:
    """libtiff decodes a whole strip at once: a page in one strip needs its pixels twice."""
    striped = io.BytesIO()
    Image.new("RGB", (6000, 5000), "white").save(striped, "TIFF", compression="tiff_deflate")
    one_strip = tmp_path / "one-strip.tif"
    big_tiff(one_strip, 6000, 5000)
    pixels = 6000 * 5000 * 4
    with Image.open(striped) as image:
        assert pixels < decoded_bytes(image) < pixels + MiB  # strips of a few rows
    with Image.open(one_strip) as image:
        assert decoded_bytes(image) == pixels + 6000 * 5000 * 3
    # 72 Mpx: 275 MB of pixels, under the 384 MB default, but 481 MB with its one strip
    hostile = tmp_path / "hostile.tif"
    big_tiff(hostile, 9000, 8000)
    with pytest.raises(FileTooLarge) as refused:
        inspect_file(hostile.read_bytes(), "hostile.tif", max_pixels=10**8, max_pages=5)
    assert refused.value.detail.code == "file.page_too_much_memory"
    assert refused.value.detail.params["page"] == 1 and refused.value.detail.params["size"] == "481"


def _jpeg_declaring(width: int, height: int) -> bytes:
    """A small colour JPEG whose frame header (SOF0) declares `width` x `height`."""
    out = io.BytesIO()
    Image.new("RGB", (16, 16), "white").save(out, "JPEG")
    data = bytearray(out.getvalue())
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = height.to_bytes(2, "big") + width.to_bytes(2, "big")
    return bytes(data)


def test_a_large_jpeg_is_measured_at_the_size_its_decoder_reads_it() -> None:
    """A JPEG over OCR_PIXELS is decoded at 1/2, 1/4 or 1/8 of its size (at upload and in the worker):
    110 Mpx in colour takes 110 MB so, where whole it would take 440 MB."""
    check_head(_jpeg_declaring(11000, 10000), "large.jpg", max_pixels=120_000_000)  # no refusal
    with Image.open(io.BytesIO(_jpeg_declaring(11000, 10000))) as image:
        assert decoded_bytes(image) == 11000 * 10000 * 4
