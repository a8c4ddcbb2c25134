"""QR codes on a page (own-format diplomas carry one that links to the ministry's verification page).

OpenCV's detector over a whole 300 dpi page costs about a third of a second, so square, half-inked
blobs are found first on a reduced copy, and only those crops are decoded at full resolution.
"""

from __future__ import annotations

import cv2
import numpy as np

from muragat.messages import Message
from ocr.reduction import shrink
from ocr.steps import Code, Step, step

_REDUCE = 4
Rect = tuple[int, int, int, int]  # left, top, width, height in pixels of the page


def candidates(binary: np.ndarray) -> list[Rect]:
    """Regions that could be QR codes: about square, at least 0.25 inch, solid once closed, and half ink."""
    small = shrink(binary, _REDUCE)
    ink = (small < 160).astype(np.uint8)
    closed = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (5, 5)))
    count, _, stats, _ = cv2.connectedComponentsWithStats(closed, connectivity=8)
    found: list[Rect] = []
    for index in range(1, count):
        left, top, width, height, area = (int(v) for v in stats[index])
        if not (18 <= width <= 400 and 18 <= height <= 400 and 0.75 <= width / height <= 1.33):
            continue
        if area < 0.8 * width * height:
            continue
        density = float(ink[top : top + height, left : left + width].mean())
        if 0.25 <= density <= 0.8:
            found.append((left * _REDUCE, top * _REDUCE, width * _REDUCE, height * _REDUCE))
    return found


def decode_qr(gray: np.ndarray) -> str:
    """The text of the QR code in a greyscale image, or "" where none can be read. OpenCV's classic
    detector misses some valid codes (about one in fifteen long links here); the ArUco-based one
    reads those, so it is asked when the first finds nothing."""
    for detector in (cv2.QRCodeDetector(), cv2.QRCodeDetectorAruco()):
        try:
            text, _, _ = detector.detectAndDecode(gray)
        except cv2.error:
            continue
        if text:
            return str(text)
    return ""


def find_qr_codes(binary: np.ndarray) -> tuple[list[str], list[Rect], Step]:
    """Decoded QR codes and where they are (to keep them out of text recognition), with the record."""
    texts: list[str] = []
    rects: list[Rect] = []
    page_height, page_width = binary.shape
    for left, top, width, height in candidates(binary):
        margin = max(width, height) // 6
        x0, y0 = max(0, left - margin), max(0, top - margin)
        x1, y1 = min(page_width, left + width + margin), min(page_height, top + height + margin)
        crop = np.full((y1 - y0 + 2 * margin, x1 - x0 + 2 * margin), 255, dtype=np.uint8)  # quiet zone
        crop[margin : margin + y1 - y0, margin : margin + x1 - x0] = binary[y0:y1, x0:x1]
        text = decode_qr(crop)
        if text:
            texts.append(text)
            rects.append((x0, y0, x1 - x0, y1 - y0))
    if not texts:
        return [], [], step("qr", Message(Code.QR_NONE), count=0)
    return (
        texts,
        rects,
        step("qr", Message(Code.QR_DECODED), count=len(texts), codes=texts),
    )


def blank(binary: np.ndarray, rects: list[Rect]) -> np.ndarray:
    """A copy of `binary` with the rectangles painted white (or `binary` itself when there are none)."""
    if not rects:
        return binary
    out = binary.copy()
    for left, top, width, height in rects:
        out[top : top + height, left : left + width] = 255
    return out
