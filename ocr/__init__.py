"""OCR: pages of an uploaded file -> words with boxes, confidence and the page language.

Public API; other packages import from here, not from the modules inside.
"""

from ocr.language import page_language
from ocr.model import Box, Line, PageResult, Word
from ocr.pipeline import read_page
from ocr.rasterize import FileInfo, inspect_file, page_images
from ocr.tesseract import available_languages, check_languages, recognize

__all__ = [
    "Box",
    "FileInfo",
    "Line",
    "PageResult",
    "Word",
    "available_languages",
    "check_languages",
    "inspect_file",
    "page_images",
    "page_language",
    "read_page",
    "recognize",
]
