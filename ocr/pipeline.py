"""One page image -> a `PageResult` and the processed page image its word boxes refer to.

The stages, each a function that returns what it did and why, chained in one flat function:
sheet (a photographed page cut out) -> ink -> despeckle -> background -> orientation -> deskew -> resolution
-> denoise -> binarize -> QR codes -> layout -> Tesseract (-> orientation check) -> Latin series -> blocks
(columns, language per block, English blocks re-read with eng) -> numbers re-read digit by digit -> cleanup
-> language.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

from muragat.messages import Message
from ocr import orientation
from ocr.background import flatten
from ocr.binarize import binarize, denoise, despeckle
from ocr.blocks import read_blocks
from ocr.cleanup import clean_page
from ocr.deskew import deskew
from ocr.digits import reread_numbers
from ocr.ink import suppress_colour
from ocr.language import page_language
from ocr.layout import find_gutter, halves, join_halves
from ocr.model import PageResult
from ocr.qr import blank, find_qr_codes
from ocr.rasterize import is_pdf, page_images
from ocr.resolution import normalise, text_height
from ocr.series import reread_series
from ocr.sheet import find_sheet
from ocr.steps import Code, Step, step
from ocr.tesseract import recognize
from ocr.text_layer import text_layer_pages

# Workers are processes, one page at a time each; OpenCV's own thread pool would only compete with them.
cv2.setNumThreads(1)

POOR_CONFIDENCE = 0.70  # a reading below this mean word confidence gets the orientation check
OCR_DPI = 300  # the processed page is scaled so that its text is the size of 300 dpi print


@dataclass
class ProcessedPage:
    result: PageResult
    image: Image.Image  # the processed page ("L", black text on white): word boxes are in its pixels


def _read(binary: np.ndarray, *, number: int, languages: str) -> tuple[PageResult, Step]:
    split, layout = find_gutter(binary)
    if split is None:
        return recognize(Image.fromarray(binary), languages=languages, number=number, dpi=OCR_DPI), layout
    left, right = [
        recognize(Image.fromarray(half), languages=languages, number=number, dpi=OCR_DPI)
        for half in halves(binary, split)
    ]
    return join_halves(left, right, split, binary.shape[1]), layout


def _as_array(image: Image.Image) -> np.ndarray:
    return np.asarray(image if image.mode in ("L", "RGB") else image.convert("RGB"))


def process_page(image: Image.Image, *, number: int, languages: str) -> ProcessedPage:
    steps: list[Step] = []
    page, record = find_sheet(_as_array(image))
    steps.append(record)
    gray, record = suppress_colour(page)
    steps.append(record)
    gray, record = despeckle(gray)
    steps.append(record)
    gray, record = flatten(gray)
    steps.append(record)
    rough, _ = binarize(gray)
    rotation, record = orientation.line_turn(rough, number=number)
    steps.append(record)
    gray, rough = orientation.turn(gray, rotation), orientation.turn(rough, rotation)
    gray, _, record = deskew(gray, rough)
    steps.append(record)
    gray, _, record = normalise(gray, text_height(rough))
    steps.append(record)
    gray, record = denoise(gray)
    steps.append(record)
    mask, record = binarize(gray)
    steps.append(record)
    # Tesseract's recogniser reads grey levels: the edges of strokes are kept (they tell қ from к), and
    # everything away from the ink (patterns, specks, stamps' remains) is white.
    near_ink = cv2.erode(mask, np.ones((3, 3), np.uint8)) == 0
    binary = np.where(near_ink, gray, 255).astype(np.uint8)
    qr_codes, qr_rects, record = find_qr_codes(binary)
    steps.append(record)
    result, record = _read(blank(binary, qr_rects), number=number, languages=languages)
    steps.append(record)
    steps.append(
        step(
            "recognize",
            Message(Code.RECOGNIZE, languages=languages),
            words=len(result.words),
            confidence=result.confidence,
        )
    )

    if (result.confidence or 0.0) < POOR_CONFIDENCE:
        turn_more, osd_confidence = orientation.osd(binary, number=number)
        check: Step = step(
            "orientation_check",
            Message(Code.CHECK_ASKED),
            osd_rotation=turn_more,
            osd_confidence=round(osd_confidence, 2),
            confidence=result.confidence,
        )
        if turn_more:
            turned = orientation.turn(binary, turn_more)
            qr_turned = [] if not qr_rects else find_qr_codes(turned)[1]
            candidate, layout = _read(blank(turned, qr_turned), number=number, languages=languages)
            check["turned_confidence"] = candidate.confidence
            if (candidate.confidence or 0.0) > (result.confidence or 0.0):
                result, binary, rotation = candidate, turned, (rotation + turn_more) % 360
                check["why"] = Message(Code.CHECK_TURNED_BETTER, degrees=turn_more).to_json()
                steps.append(layout)
            else:
                check["why"] = Message(Code.CHECK_TURNED_WORSE, degrees=turn_more).to_json()
        steps.append(check)

    result, series = reread_series(result, binary, number=number)
    if series is not None:
        steps.append(series)
    result, record = read_blocks(result, binary, number=number, languages=languages)
    steps.append(record)
    result, record = reread_numbers(result, binary, number=number, languages=languages)
    steps.extend([record] if record["candidates"] else [])  # like series: no record when nothing to do
    result, record = clean_page(result)
    steps.append(record)
    result.language = page_language(result.text)
    steps.append(step("language", Message(Code.LANGUAGE_LETTERS), language=result.language))
    result.number = number
    result.rotation = rotation
    result.qr_codes = qr_codes
    result.steps = steps
    return ProcessedPage(result=result, image=Image.fromarray(binary))


def read_page(image: Image.Image, *, number: int, languages: str) -> PageResult:
    """Read one page image; the processed image its boxes refer to is in `process_page`'s result."""
    return process_page(image, number=number, languages=languages).result


def read_document(
    data: bytes, filename: str, *, languages: str, dpi: int = 300, max_pixels: int
) -> Iterator[ProcessedPage]:
    """Every page of an uploaded file read: a PDF page with a usable text layer from that layer (its page
    image rendered and kept as it is), any other page through `process_page`."""
    layers: Iterator[tuple[PageResult | None, Step]] | None = None
    if is_pdf(data):
        layers = text_layer_pages(data, dpi=dpi)
    for number, image in enumerate(page_images(data, filename, dpi=dpi, max_pixels=max_pixels), 1):
        layer, record = next(layers, (None, None)) if layers is not None else (None, None)
        if layer is None:
            page = process_page(image, number=number, languages=languages)
            if record is not None:
                page.result.steps.insert(0, record)
            yield page
            continue
        layer.width, layer.height = image.size
        layer.language = page_language(layer.text)
        layer.steps = [
            record or {},
            step("language", Message(Code.LANGUAGE_LETTERS), language=layer.language),
        ]
        yield ProcessedPage(result=layer, image=image)
