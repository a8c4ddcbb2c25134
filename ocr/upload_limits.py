"""The limits an upload is read within: pixels per page, pages per file, a PDF page's content, seconds
of reading. Each refusal is a `FileTooLarge` that names the file, says what is over the limit and what
to do."""

from __future__ import annotations

import time

from PIL import Image

from muragat.errors import FileTooLarge
from muragat.messages import Message
from muragat.messages.catalog.files_read import Code


def _megapixels(pixels: int) -> str:
    return f"{pixels / 1e6:.1f}"


def check_pixels(
    filename: str,
    width: int,
    height: int,
    max_pixels: int,
    *,
    page: int | None = None,
    dpi: int | None = None,
) -> None:
    """Refuse a page over `max_pixels`: the image (no `page`), a page of an image, or a PDF page at `dpi`."""
    if width * height > max_pixels:
        code = Code.IMAGE_TOO_MANY_PIXELS if page is None else Code.PAGE_TOO_MANY_PIXELS
        where: dict[str, int] = {} if page is None else {"page": page}
        if dpi is not None:
            code, where["dpi"] = Code.PDF_PAGE_TOO_MANY_PIXELS, dpi
        raise FileTooLarge(
            Message(
                code,
                file=filename,
                width=width,
                height=height,
                pixels=_megapixels(width * height),
                limit=_megapixels(max_pixels),
                **where,
            )
        )


# Bytes a pixel takes once Pillow has decoded it: it holds 3-channel modes as 4 bytes (RGBX)
_DECODED_BYTES = {"1": 1, "L": 1, "P": 1, "I;16": 2, "I;16B": 2, "I;16L": 2, "I;16N": 2}
# The TIFF tags that say how much the decoder reads at once: a strip (rows) or a tile
_SAMPLES, _BITS, _ROWS_PER_STRIP, _TILE_WIDTH, _TILE_LENGTH = 277, 258, 278, 322, 323


def decoded_bytes(image: Image.Image) -> int:
    """The memory an opened (not yet decoded) image takes to decode: its pixels as Pillow holds them,
    and, for a TIFF, the strip or tile its decoder fills first (a whole page where it is one strip)."""
    size = image.width * image.height * _DECODED_BYTES.get(image.mode, 4)
    tags = getattr(image, "tag_v2", None)
    if tags is not None:
        samples = int(tags.get(_SAMPLES, 1) or 1)
        bits = tags.get(_BITS, 8)
        bits = int(sum(bits) / len(bits)) if isinstance(bits, tuple) and bits else int(bits or 8)
        if _TILE_WIDTH in tags and _TILE_LENGTH in tags:
            width, rows = int(tags[_TILE_WIDTH]), int(tags[_TILE_LENGTH])
        else:
            width, rows = image.width, min(int(tags.get(_ROWS_PER_STRIP, image.height)), image.height)
        size += width * rows * samples * max(bits, 8) // 8
    return size


def check_decoded_memory(
    filename: str, image: Image.Image, limit_mb: int, *, page: int | None = None
) -> None:
    """Refuse, before decoding it, an image (or a page of a TIFF) whose decoding takes over `limit_mb`."""
    size = decoded_bytes(image)
    if size > limit_mb * 1024 * 1024:
        code = Code.IMAGE_TOO_MUCH_MEMORY if page is None else Code.PAGE_TOO_MUCH_MEMORY
        raise FileTooLarge(
            Message(
                code,
                file=filename,
                width=image.width,
                height=image.height,
                mode=image.mode,
                size=f"{size / (1024 * 1024):.0f}",
                limit=limit_mb,
                **({} if page is None else {"page": page}),
            )
        )


def check_pages(filename: str, pages: int, max_pages: int, *, counted_all: bool) -> None:
    if pages > max_pages:
        raise FileTooLarge(
            Message(Code.TOO_MANY_PAGES_COUNTED, file=filename, limit=max_pages, pages=pages)
            if counted_all
            else Message(Code.TOO_MANY_PAGES, file=filename, limit=max_pages)
        )


def check_content(filename: str, page: int, size: int, limit: int) -> None:
    """Refuse a PDF page whose decoded content (its drawing instructions, forms included) is over `limit`
    bytes, measured no further than that: PDFium takes about 20 times as much memory to load it, and
    pdfplumber (the text layer) far more."""
    if size > limit:
        raise FileTooLarge(
            Message(Code.PDF_PAGE_CONTENT_TOO_LARGE, file=filename, page=page, limit=_mebibytes(limit))
        )


def _mebibytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}"


def check_time(filename: str, started: float, max_seconds: float | None, pages: int) -> None:
    if max_seconds is not None and time.monotonic() - started > max_seconds:
        raise FileTooLarge(Message(Code.TOO_SLOW, file=filename, seconds=f"{max_seconds:g}", page=pages))
