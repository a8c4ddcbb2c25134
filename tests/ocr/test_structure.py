"""Upload checks from a file's structure (`ocr.structure`): what they catch at ingest without a full
decode, and that what they cannot see still fails when the pages are read."""

from __future__ import annotations

import io
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

from muragat.errors import CorruptFile
from ocr.rasterize import inspect_file, page_images
from ocr.structure import Damaged, check_png

LIMITS: dict[str, int] = {"max_pixels": 120_000_000, "max_pages": 500}


def noise(width: int, height: int, seed: int = 0) -> Image.Image:
    pixels = np.random.default_rng(seed).integers(0, 256, (height, width), dtype=np.uint8)
    return Image.fromarray(pixels)


def encode(image: Image.Image, fmt: str, **params: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **params)
    return buffer.getvalue()


def chunks(png: bytes) -> list[tuple[int, bytes]]:
    """(offset, type) of each chunk of a PNG."""
    found, position = [], 8
    while position < len(png):
        length, kind = struct.unpack(">I4s", png[position : position + 8])
        found.append((position, kind))
        position += 12 + length
    return found


def with_byte_flipped(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1 :]


def test_whole_files_pass_and_count_their_pages() -> None:
    assert inspect_file(encode(noise(300, 200), "PNG"), "a.png", **LIMITS).page_count == 1
    assert inspect_file(encode(noise(300, 200).convert("RGB"), "JPEG"), "a.jpg", **LIMITS).page_count == 1
    pages = [noise(120, 90, seed) for seed in range(3)]
    tiff = encode(pages[0], "TIFF", save_all=True, append_images=pages[1:], compression="tiff_lzw")
    assert inspect_file(tiff, "a.tif", **LIMITS).page_count == 3


def test_png_with_a_damaged_chunk_is_refused_at_ingest_with_where() -> None:
    png = encode(noise(200, 150), "PNG")
    idat = next(offset for offset, kind in chunks(png) if kind == b"IDAT")
    with pytest.raises(CorruptFile, match=rf"^bad\.png: .*chunk IDAT at byte {idat} fails its CRC"):
        inspect_file(with_byte_flipped(png, idat + 20), "bad.png", **LIMITS)


def test_png_without_its_end_is_refused() -> None:
    png = encode(noise(200, 150), "PNG")
    iend = next(offset for offset, kind in chunks(png) if kind == b"IEND")
    with pytest.raises(Damaged, match="before its IEND chunk"):
        check_png(png[:iend])
    with pytest.raises(CorruptFile, match=r"^cut\.png: .*runs past the end"):
        inspect_file(png[: iend - 100], "cut.png", **LIMITS)


def test_tiff_page_whose_data_lies_past_the_end_is_named() -> None:
    pages = [noise(200, 150, seed) for seed in range(3)]
    tiff = encode(pages[0], "TIFF", save_all=True, append_images=pages[1:])
    # Pillow writes each page's header before its data: the last 5,000 bytes are page 3's last rows
    with pytest.raises(CorruptFile, match=r"^cut\.tif: page 3 .*past the end"):
        inspect_file(tiff[:-5_000], "cut.tif", **LIMITS)


def test_jpeg_cut_in_its_last_rows_is_refused() -> None:
    """Decoded at 1/8 size, every entropy-coded byte is still read: a cut a few rows from the end fails."""
    jpeg = encode(noise(800, 600).convert("RGB"), "JPEG", quality=90)
    with pytest.raises(CorruptFile, match=r"^cut\.jpg: .*truncated"):
        inspect_file(jpeg[: len(jpeg) - 2_000], "cut.jpg", **LIMITS)


def test_damage_the_structure_cannot_see_still_fails_when_the_page_is_read() -> None:
    """A PNG whose compressed data is broken but whose checksums were made to match (a deliberate edit):
    accepted at ingest, refused with the file's name when the worker decodes the page."""
    png = encode(noise(200, 150), "PNG")
    idat = next(offset for offset, kind in chunks(png) if kind == b"IDAT")
    (length,) = struct.unpack(">I", png[idat : idat + 4])
    body = bytearray(png[idat + 8 : idat + 8 + length])
    body[2:40] = bytes(38)  # the deflate stream's first blocks zeroed
    crc = struct.pack(">I", zlib.crc32(b"IDAT" + bytes(body)))
    edited = png[: idat + 8] + bytes(body) + crc + png[idat + 12 + length :]
    assert inspect_file(edited, "edited.png", **LIMITS).page_count == 1
    with pytest.raises(CorruptFile, match=r"^edited\.png: "):
        list(page_images(edited, "edited.png", max_pixels=LIMITS["max_pixels"]))
