"""The limits an upload is read within: pixels per page, pages per file, a PDF page's content, seconds
of reading. Each refusal is a `FileTooLarge` that names the file, says what is over the limit and what
to do."""

from __future__ import annotations

import time

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
