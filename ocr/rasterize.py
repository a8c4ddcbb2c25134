"""Uploaded bytes -> page images: what a file is, whether it can be read, and its pages as pixels.

The content decides the type (magic bytes), never the file name. Every failure is one of the errors
of `muragat.errors`, with a message that names the file, says what is wrong and what to do.

PDF pages are read in `ocr.pdf_pages` (in a child process, under a memory and a time limit), the limits
checked in `ocr.upload_limits`. An image's size is checked from its header before its pixels are decoded,
and a page larger than `OCR_PIXELS` is reduced as soon as it is decoded: the OCR stages copy a page
several times over, and what they need is 300 dpi text, not a 120-megapixel canvas.
"""

from __future__ import annotations

import io
import math
import struct
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageOps

from muragat.errors import CorruptFile, FileTooLarge, InvalidInput, UnsupportedFile
from muragat.messages import Message
from muragat.messages.catalog.files_read import Code
from muragat.settings import get_settings
from ocr.pdf_pages import PdfLimits, inspect_pdf, pdf_pages
from ocr.structure import Damaged, check_jpeg, check_png, check_tiff_page
from ocr.upload_limits import check_decoded_memory, check_pages, check_pixels, check_time

# Pillow's own guard (a warning at 89 Mpx, an error at 179 Mpx, raised inside Image.open) would fire
# before, and disagree with, the configured `max_pixels` limit that every file is checked against here.
Image.MAX_IMAGE_PIXELS = None

# The most pixels a raster page is read at: A4 at 600 dpi (34.8 Mpx) stays whole; a larger page is reduced
# by a whole factor (120 Mpx by 2, to 30 Mpx). The OCR stages take about 20 bytes a pixel at their peak,
# so a 36 Mpx page keeps a worker under 1 GB.
OCR_PIXELS = 36_000_000

# What Pillow raises on damaged data: it has no single exception type for it.
_DECODE_ERRORS: tuple[type[Exception], ...] = (
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    IndexError,
    KeyError,
    TypeError,
    ZeroDivisionError,
    struct.error,
)


@dataclass(frozen=True)
class FileInfo:
    """What `inspect_file` found: the MIME type, the number of pages and the usual extension (".jpg")."""

    content_type: str
    page_count: int
    extension: str


@dataclass(frozen=True)
class _Format:
    label: str
    content_type: str
    extension: str
    pil_format: str | None  # None for PDF


JPEG = _Format("JPEG", "image/jpeg", ".jpg", "JPEG")
PNG = _Format("PNG", "image/png", ".png", "PNG")
TIFF = _Format("TIFF", "image/tiff", ".tif", "TIFF")
WEBP = _Format("WebP", "image/webp", ".webp", "WEBP")
BMP = _Format("BMP", "image/bmp", ".bmp", "BMP")
PDF = _Format("PDF", "application/pdf", ".pdf", None)


def _sniff(data: bytes) -> _Format | None:
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return TIFF
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP
    if data.startswith(b"BM") and len(data) >= 26:
        return BMP
    # PDF readers accept the header anywhere in the first kilobyte (after junk some scanners prepend).
    if b"%PDF-" in data[:1024]:
        return PDF
    return None


def _looks_like(data: bytes) -> Message:
    """A short human description of content that is not one of the accepted formats."""
    head = data[:64]
    signatures: list[tuple[bool, Code]] = [
        (head.startswith(b"PK\x03\x04"), Code.LOOKS_ZIP),
        (head.startswith(b"\xd0\xcf\x11\xe0"), Code.LOOKS_OLE),
        (head.startswith((b"GIF87a", b"GIF89a")), Code.LOOKS_GIF),
        (head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftypavif"), Code.LOOKS_HEIC),
        (head.startswith((b"\x00\x00\x00\x0cjP  ", b"\xff\x4f\xff\x51")), Code.LOOKS_JPEG2000),
        (head.startswith(b"AT&TFORM"), Code.LOOKS_DJVU),
        (head.startswith(b"{\\rtf"), Code.LOOKS_RTF),
        (head.startswith((b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b")), Code.LOOKS_ARCHIVE),
    ]
    for matched, what in signatures:
        if matched:
            return Message(what)
    sample = data[:4096].decode("utf-8", errors="replace")
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in sample)
    if sample and printable / len(sample) > 0.95 and "\ufffd" not in sample[:-3]:
        lowered = sample.lstrip().lower()
        if lowered.startswith(("<!doctype html", "<html")):
            return Message(Code.LOOKS_HTML)
        if lowered.startswith(("<?xml", "<svg")):
            return Message(Code.LOOKS_XML)
        return Message(Code.LOOKS_TEXT)
    return Message(Code.LOOKS_BINARY, bytes=data[:8].hex(" "))


def _detect(data: bytes, filename: str) -> _Format:
    if not data:
        raise InvalidInput(Message(Code.EMPTY, file=filename))
    fmt = _sniff(data)
    if fmt is None:
        suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
        raise UnsupportedFile(
            Message(Code.UNSUPPORTED_NAMED, file=filename, what=_looks_like(data), suffix=suffix)
            if suffix
            else Message(Code.UNSUPPORTED, file=filename, what=_looks_like(data))
        )
    return fmt


# --- raster images ----------------------------------------------------------------------------------


def _open_image(data: bytes, filename: str, fmt: _Format, max_pixels: int) -> Image.Image:
    """Read the header only (no pixels decoded yet) and refuse an image over `max_pixels`."""
    assert fmt.pil_format is not None
    try:
        image = Image.open(io.BytesIO(data), formats=[fmt.pil_format])
    except Image.DecompressionBombError as e:  # only if someone restored Pillow's guard
        raise FileTooLarge(Message(Code.TOO_LARGE_TO_OPEN, file=filename, error=str(e))) from e
    except _DECODE_ERRORS as e:
        raise CorruptFile(Message(Code.DAMAGED, file=filename, format=fmt.label, error=str(e))) from e
    check_pixels(filename, image.width, image.height, max_pixels)
    _draft(image, fmt)
    return image


def _draft(image: Image.Image, fmt: _Format) -> None:
    """A JPEG larger than `OCR_PIXELS` set to decode at 1/2, 1/4 or 1/8 of its size by the JPEG decoder
    itself: never held whole, at upload or in the worker (its memory is checked at that size)."""
    if fmt is JPEG and (factor := _reduction(image.width, image.height)) > 1:
        image.draft(image.mode, (-(-image.width // factor), -(-image.height // factor)))


def _image_memory_mb() -> int:
    """`max_image_memory_mb` of this process's settings (as `ocr.pdf_pages.configured_limits`)."""
    return get_settings().max_image_memory_mb


def _decode(image: Image.Image) -> None:
    image.load()


def _frames(
    image: Image.Image,
    filename: str,
    fmt: _Format,
    max_pixels: int,
    whole: Callable[[Image.Image], None] = _decode,
) -> Iterator[Image.Image]:
    """Each page of an opened image, within the limits and whole: every frame of a TIFF, else the first
    only (the other frames of an animated PNG/WebP or a camera MPO are not pages). `whole` tells a page
    is whole or raises: by decoding its pixels (the default), or from the file's structure
    (`_structure_check`: no page's pixels held at full size)."""
    index = 0
    while True:
        try:
            if index > 0:
                if fmt is not TIFF:
                    return
                try:
                    image.seek(index)
                except EOFError:
                    return
            check_pixels(filename, image.width, image.height, max_pixels, page=index + 1)
            check_decoded_memory(filename, image, _image_memory_mb(), page=index + 1 if fmt is TIFF else None)
            whole(image)
        except _CHECK_ERRORS as e:
            found = {"file": filename, "format": fmt.label, "error": str(e)}
            raise CorruptFile(
                Message(Code.PAGE_TRUNCATED, page=index + 1, **found)
                if fmt is TIFF
                else Message(Code.TRUNCATED, **found)
            ) from e
        yield image
        index += 1


_CHECK_ERRORS: tuple[type[Exception], ...] = (Damaged, *_DECODE_ERRORS)


def _structure_check(data: bytes, fmt: _Format) -> Callable[[Image.Image], None]:
    """How `inspect_file` tells a page of `data` is whole without decoding it (`ocr.structure`); WebP
    and BMP, rare and small, are decoded."""
    if fmt is JPEG:
        return check_jpeg
    if fmt is PNG:
        return lambda image: check_png(data)
    if fmt is TIFF:
        return lambda image: check_tiff_page(image, len(data))
    return _decode


def _more_tiff_pages_than(image: Image.Image, limit: int) -> bool:
    """Whether a TIFF has more than `limit` pages, from its chain of page headers alone (no pixels
    decoded), so that a file of thousands of pages is refused before the first is decoded."""
    try:
        image.seek(limit)
    except EOFError:
        return False
    except _DECODE_ERRORS:
        return False  # a damaged page header: `_frames` names the page when it gets there
    finally:
        image.seek(0)
    return True


def _for_ocr(image: Image.Image) -> Image.Image:
    """An "RGB" or "L" copy: alpha flattened onto white, 16-bit and float scans scaled down to 8 bits."""
    mode = image.mode
    if mode in ("RGB", "L"):
        return image.copy()
    if mode == "1":
        return image.convert("L")
    if mode.startswith("I") or mode == "F":
        # Pillow clips rather than scales 16-bit values going to "L", which would whiten a 16-bit scan.
        pixels = np.asarray(image)
        peak = float(pixels.max()) if pixels.size else 0.0
        full_scale = 255.0 if peak <= 255 else 65535.0 if peak <= 65535 else peak
        scaled = np.clip(pixels.astype(np.float32) * (255.0 / full_scale), 0, 255).astype(np.uint8)
        result = Image.fromarray(scaled)  # 2-D uint8: mode "L"
        result.info = dict(image.info)
        return result
    if mode == "P" and "transparency" in image.info:
        image = image.convert("RGBA")
        mode = image.mode
    if mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        result = Image.alpha_composite(background, rgba).convert("L" if mode in ("LA", "La") else "RGB")
        result.info = dict(image.info)
        return result
    return image.convert("RGB")  # CMYK, YCbCr, LAB, palette


def _reduction(width: int, height: int) -> int:
    """The whole factor that brings a page to at most `OCR_PIXELS` (1: none)."""
    return max(1, math.ceil(math.sqrt(width * height / OCR_PIXELS)))


def _reduced(image: Image.Image) -> Image.Image:
    """The page at most `OCR_PIXELS`, by box averaging over whole blocks of pixels (its dpi with it)."""
    factor = _reduction(image.width, image.height)
    if factor == 1:
        return image
    info = dict(image.info)
    if image.mode == "1":
        image = image.convert("L")
    elif image.mode in ("P", "PA"):
        image = image.convert("RGBA" if "transparency" in info or image.mode == "PA" else "RGB")
    elif image.mode.startswith("I;16"):
        image = image.convert("I")
    try:
        small = image.reduce(factor)
    except ValueError:  # a mode Pillow does not reduce
        small = image.convert("RGB").reduce(factor)
    small.info = info
    if "dpi" in small.info:
        x, y = small.info["dpi"]
        small.info["dpi"] = (x / factor, y / factor)
    return small


def _raster_pages(data: bytes, filename: str, fmt: _Format, max_pixels: int) -> Iterator[Image.Image]:
    image = _open_image(data, filename, fmt, max_pixels)
    with image:
        for number, frame in enumerate(_frames(image, filename, fmt, max_pixels), 1):
            try:
                upright = ImageOps.exif_transpose(_reduced(frame))
            except _DECODE_ERRORS as e:
                raise CorruptFile(Message(Code.BAD_EXIF, file=filename, page=number, error=str(e))) from e
            page = _for_ocr(upright)  # a copy: the decoded frame is no longer needed
            del upright
            if fmt is not TIFF or number >= getattr(image, "n_frames", 1):
                # the last page: its full-size pixels (480 MB for a 120 Mpx RGB page, which Pillow holds
                # as RGBX) would otherwise stay alive, held by this generator, while the page is read;
                # `_frames` then ends (a closed TIFF's seek past its last frame raises EOFError)
                image.close()
            yield page


# --- public -----------------------------------------------------------------------------------------


def inspect_file(
    data: bytes,
    filename: str,
    *,
    max_pixels: int,
    max_pages: int,
    dpi: int = 300,
    max_seconds: float | None = None,
    pdf_limits: PdfLimits | None = None,
) -> FileInfo:
    """Check that an upload is a readable scan within the limits, and say what it is.

    Images are checked from their structure (`ocr.structure`: a cut or damaged file fails here, not in
    OCR, without a full decode of its pixels); their size from the header before that, and a TIFF's page
    count from its page headers. PDF pages are measured in a child
    process, neither loaded nor rendered: each must fit `max_pixels` at `dpi` and `pdf_limits`' content
    limit. Past `max_seconds` the file is refused: after the image page being read (`max_pixels` bounds
    one), or at once for a PDF (its child is stopped).
    """
    started = time.monotonic()
    fmt = _detect(data, filename)
    if fmt is PDF:
        pages = inspect_pdf(
            data,
            filename,
            max_pixels=max_pixels,
            max_pages=max_pages,
            dpi=dpi,
            max_seconds=max_seconds,
            limits=pdf_limits,
        )
        return FileInfo(fmt.content_type, pages, fmt.extension)
    pages = 0
    image = _open_image(data, filename, fmt, max_pixels)
    with image:
        if fmt is TIFF and _more_tiff_pages_than(image, max_pages):
            check_pages(filename, max_pages + 1, max_pages, counted_all=False)
        for pages, _ in enumerate(_frames(image, filename, fmt, max_pixels, _structure_check(data, fmt)), 1):
            check_pages(filename, pages, max_pages, counted_all=False)
            check_time(filename, started, max_seconds, pages)
    return FileInfo(fmt.content_type, pages, fmt.extension)


def check_head(head: bytes, filename: str, *, max_pixels: int | None = None) -> None:
    """What can be refused from a file's first bytes alone, as `inspect_file` would refuse it: empty,
    not a format read here, or (with `max_pixels`) an image whose header declares too many pixels.
    A ZIP member is checked so before it is unpacked whole."""
    fmt = _detect(head, filename)
    if max_pixels is None or fmt.pil_format is None:
        return
    try:
        with Image.open(io.BytesIO(head), formats=[fmt.pil_format]) as image:
            check_pixels(filename, image.width, image.height, max_pixels)
            _draft(image, fmt)
            check_decoded_memory(filename, image, _image_memory_mb())
    except _DECODE_ERRORS:
        return  # a header longer than the head, or damage: `inspect_file` reads the whole file


def is_pdf(data: bytes) -> bool:
    """Whether the content is a PDF (by its magic bytes, as everywhere here)."""
    return _sniff(data) is PDF


def page_images(
    data: bytes,
    filename: str,
    *,
    dpi: int = 300,
    max_pixels: int,
    pdf_limits: PdfLimits | None = None,
) -> Iterator[Image.Image]:
    """Each page as an "RGB" or "L" image, in order: an image upright by its EXIF orientation (reduced to
    `OCR_PIXELS` where larger), every frame of a TIFF, each PDF page rendered at `dpi` (with `info["dpi"]`
    set) within `pdf_limits`."""
    fmt = _detect(data, filename)
    if fmt is PDF:
        yield from pdf_pages(data, filename, dpi, max_pixels, pdf_limits)
    else:
        yield from _raster_pages(data, filename, fmt, max_pixels)
