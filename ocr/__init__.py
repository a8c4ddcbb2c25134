"""OCR: pages of an uploaded file -> words with boxes, confidence and the page language.

Public API; other packages import from here, not from the modules inside.
"""

from ocr.hocr import to_hocr
from ocr.language import page_language
from ocr.model import Box, Line, PageResult, Word
from ocr.pdf import page_png, searchable_pdf
from ocr.pdf_pages import PdfLimits
from ocr.pipeline import ProcessedPage, process_page, read_document, read_page
from ocr.rasterize import FileInfo, check_head, inspect_file, page_images
from ocr.tesseract import available_languages, check_languages, recognize

__all__ = [
    "Box",
    "FileInfo",
    "Line",
    "PageResult",
    "PdfLimits",
    "ProcessedPage",
    "Word",
    "available_languages",
    "check_head",
    "check_languages",
    "inspect_file",
    "page_images",
    "page_language",
    "page_png",
    "process_page",
    "read_document",
    "read_page",
    "recognize",
    "searchable_pdf",
    "to_hocr",
]
