"""The OCR stage of the job: the original's pages read, and what they yield kept in the object store.
Files and storage at the edges; pixels and words inside `ocr`."""

from __future__ import annotations

import io

from PIL import Image

from muragat.services import Services
from ocr import PageResult, page_images, read_page
from storage.keys import page_image_key, page_text_key
from storage.models import Document


def read_pages(services: Services, doc: Document) -> list[PageResult]:
    settings = services.settings
    original = services.store.get(doc.original_key)
    results = []
    for number, image in enumerate(
        page_images(original, doc.filename, dpi=settings.ocr_dpi, max_pixels=settings.max_image_pixels), 1
    ):
        result = read_page(image, number=number, languages=settings.ocr_languages)
        services.store.put(page_image_key(doc.id, number), _png(image), "image/png")
        services.store.put(page_text_key(doc.id, number), result.text.encode(), "text/plain; charset=utf-8")
        results.append(result)
    return results


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=3)
    return buffer.getvalue()
