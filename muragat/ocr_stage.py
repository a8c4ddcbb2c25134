"""The OCR stage of the job: the original's pages read, and what they yield kept in the object store.
Files and storage at the edges; pixels and words inside `ocr`.

Per page: the processed image (upright, deskewed, rescaled: the word boxes are in its pixels) as PNG,
the plain text and the hOCR; per document: a searchable PDF of the page images with their text.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from muragat.services import Services
from ocr import PageResult, page_png, read_document, searchable_pdf, to_hocr
from storage.keys import document_pdf_key, page_hocr_key, page_image_key, page_text_key
from storage.models import Document


def read_pages(
    services: Services, doc: Document, progress: Callable[[str], None] | None = None
) -> list[PageResult]:
    """The document's pages read and stored; `progress` is told where the stage is ("page:N" before
    page N is read, "saving" before the searchable PDF is made and stored)."""
    settings = services.settings
    tell = progress or (lambda where: None)
    tell("page:1")
    store = services.store
    original = store.get(doc.original_key)
    results: list[PageResult] = []
    pages: list[tuple[PageResult, bytes]] = []
    for page in read_document(
        original,
        doc.filename,
        languages=settings.ocr_languages,
        dpi=settings.ocr_dpi,
        max_pixels=settings.max_image_pixels,
    ):
        result, number = page.result, page.result.number
        image_key = page_image_key(doc.id, number)
        png = page_png(page.image)  # encoded once: stored, and put into the PDF as it is
        store.put(image_key, png, "image/png")
        store.put(page_text_key(doc.id, number), result.text.encode(), "text/plain; charset=utf-8")
        hocr = to_hocr(result, image_name=image_key)
        store.put(page_hocr_key(doc.id, number), hocr.encode(), "text/html; charset=utf-8")
        results.append(result)
        pages.append((result, png))
        tell(f"page:{number + 1}")
    tell("saving")
    store.put(document_pdf_key(doc.id), searchable_pdf(pages), "application/pdf")
    return results


def write_outputs(services: Services, document_id: uuid.UUID, results: list[PageResult]) -> None:
    """The hOCR of each page and the searchable PDF made again from `results` (after a person corrected
    lines), over the page images already stored."""
    store = services.store
    pages = []
    for result in results:
        image_key = page_image_key(document_id, result.number)
        hocr = to_hocr(result, image_name=image_key)
        store.put(page_hocr_key(document_id, result.number), hocr.encode(), "text/html; charset=utf-8")
        store.put(
            page_text_key(document_id, result.number), result.text.encode(), "text/plain; charset=utf-8"
        )
        pages.append((result, store.get(image_key)))
    store.put(document_pdf_key(document_id), searchable_pdf(pages), "application/pdf")
