"""Every object key is built here and nowhere else.

Layout of the object store:
    originals/<first two hex digits>/<sha256>      the uploaded file, stored once, never modified
    pages/<document_id>/<number:04d>.png           a page image rendered from the original
    pages/<document_id>/<number:04d>.txt           the page's text
    pages/<document_id>/<number:04d>.json          the page's OCR words (boxes, confidence)
    pages/<document_id>/<number:04d>.hocr          the page's words as hOCR
    documents/<document_id>/searchable.pdf         the document's page images with an invisible text layer
"""

from __future__ import annotations

import re
import uuid

ORIGINALS_PREFIX = "originals/"
PAGES_PREFIX = "pages/"
DOCUMENTS_PREFIX = "documents/"
MAX_PAGE_NUMBER = 9999  # four digits in the key

_SHA256 = re.compile(r"[0-9a-f]{64}")
_ORIGINAL_KEY = re.compile(r"originals/([0-9a-f]{2})/([0-9a-f]{64})")


def original_key(sha256: str) -> str:
    if not isinstance(sha256, str) or not _SHA256.fullmatch(sha256):
        raise ValueError(f"not a sha256 as 64 lowercase hex digits: {sha256!r}")
    return f"{ORIGINALS_PREFIX}{sha256[:2]}/{sha256}"


def is_original_key(key: str) -> bool:
    return key.startswith(ORIGINALS_PREFIX)


def sha256_of_original_key(key: str) -> str:
    """The sha256 an original's key names; ValueError for any key `original_key` would not build."""
    match = _ORIGINAL_KEY.fullmatch(key)
    if match is None or match.group(2)[:2] != match.group(1):
        raise ValueError(f"not an original's key: {key!r}")
    return match.group(2)


def _page_stem(document_id: uuid.UUID, number: int) -> str:
    # Normalises the id and refuses anything that is not a UUID, so no caller can smuggle "/" or "..".
    doc = uuid.UUID(str(document_id))
    if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= MAX_PAGE_NUMBER:
        raise ValueError(f"page number must be an integer from 1 to {MAX_PAGE_NUMBER}, got {number!r}")
    return f"{PAGES_PREFIX}{doc}/{number:04d}"


def page_image_key(document_id: uuid.UUID, number: int) -> str:
    return f"{_page_stem(document_id, number)}.png"


def page_text_key(document_id: uuid.UUID, number: int) -> str:
    return f"{_page_stem(document_id, number)}.txt"


def page_ocr_key(document_id: uuid.UUID, number: int) -> str:
    return f"{_page_stem(document_id, number)}.json"


def page_hocr_key(document_id: uuid.UUID, number: int) -> str:
    return f"{_page_stem(document_id, number)}.hocr"


def document_pdf_key(document_id: uuid.UUID) -> str:
    return f"{DOCUMENTS_PREFIX}{uuid.UUID(str(document_id))}/searchable.pdf"
