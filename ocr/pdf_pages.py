"""PDF uploads through PDFium: opened (a password-protected or encrypted one refused by name), each
page's size checked at the rendering resolution, and the pages rendered one at a time."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Iterator

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

from muragat.errors import CorruptFile, EncryptedPdf
from muragat.messages import Message
from muragat.messages.catalog.files_read import Code
from ocr.upload_limits import check_pages, check_pixels, check_time

# PDFium must not be called from two threads at once, not even for different documents.
_PDFIUM_LOCK = threading.RLock()


def _open_pdf(data: bytes, filename: str) -> pdfium.PdfDocument:
    """Open a PDF; a password-protected one is an `EncryptedPdf`, anything else unreadable `CorruptFile`.
    Call with `_PDFIUM_LOCK` held."""
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        code = getattr(e, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise EncryptedPdf(Message(Code.PDF_PASSWORD, file=filename)) from e
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise EncryptedPdf(Message(Code.PDF_SECURITY, file=filename)) from e
        if code == pdfium_c.FPDF_ERR_SUCCESS:
            raise CorruptFile(Message(Code.PDF_NO_PAGES, file=filename)) from e
        raise CorruptFile(Message(Code.PDF_DAMAGED, file=filename, error=str(e))) from e


def _pdf_page_pixels(width_pt: float, height_pt: float, dpi: int) -> tuple[int, int]:
    scale = dpi / 72
    return math.ceil(width_pt * scale), math.ceil(height_pt * scale)


def _pdf_page_error(filename: str, number: int, e: Exception) -> CorruptFile:
    return CorruptFile(Message(Code.PDF_PAGE_DAMAGED, file=filename, page=number, error=str(e)))


def inspect_pdf(
    data: bytes, filename: str, *, max_pixels: int, max_pages: int, dpi: int, max_seconds: float | None
) -> int:
    started = time.monotonic()
    with _PDFIUM_LOCK:
        pdf = _open_pdf(data, filename)
        try:
            count = len(pdf)
            check_pages(filename, count, max_pages, counted_all=True)
            for index in range(count):
                try:
                    page = pdf[index]
                except pdfium.PdfiumError as e:
                    raise _pdf_page_error(filename, index + 1, e) from e
                try:
                    width_pt, height_pt = page.get_size()
                finally:
                    page.close()
                width, height = _pdf_page_pixels(width_pt, height_pt, dpi)
                if width < 1 or height < 1:
                    raise _pdf_page_error(filename, index + 1, ValueError("the page has no size"))
                check_pixels(filename, width, height, max_pixels, page=index + 1, dpi=dpi)
                check_time(filename, started, max_seconds, index + 1)
        finally:
            pdf.close()
    return count


def pdf_pages(data: bytes, filename: str, dpi: int, max_pixels: int) -> Iterator[Image.Image]:
    with _PDFIUM_LOCK:
        pdf = _open_pdf(data, filename)
        count = len(pdf)
    try:
        for index in range(count):
            # The lock is held per page, never across a `yield`.
            with _PDFIUM_LOCK:
                try:
                    page = pdf[index]
                except pdfium.PdfiumError as e:
                    raise _pdf_page_error(filename, index + 1, e) from e
                try:
                    width_pt, height_pt = page.get_size()
                    width, height = _pdf_page_pixels(width_pt, height_pt, dpi)
                    check_pixels(filename, width, height, max_pixels, page=index + 1, dpi=dpi)
                    bitmap = page.render(scale=dpi / 72)
                    try:
                        image = bitmap.to_pil().copy()  # a copy owns its pixels once the bitmap is closed
                    finally:
                        bitmap.close()
                except pdfium.PdfiumError as e:
                    raise _pdf_page_error(filename, index + 1, e) from e
                finally:
                    page.close()
            image.info["dpi"] = (dpi, dpi)
            yield image
    finally:
        with _PDFIUM_LOCK:
            pdf.close()
