"""Page orientation: which of the four right-angle turns makes the page upright.

Three checks, cheapest first:
1. projection profiles of the ink tell whether text lines run across or down the page (a few ms);
2. Tesseract's OSD on a reduced copy tells which way up, and is asked only for sideways pages or when
   recognition of the page came out poor (OSD costs a Tesseract run; on Cyrillic it is often unsure);
3. where OSD proposes a turn for a page already read, the page is read again turned, and the reading with
   the higher recognition confidence wins, so an upright page is never turned by a wrong OSD answer.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from muragat.messages import Message
from ocr.deskew import line_direction
from ocr.reduction import factor_for, shrink
from ocr.steps import Code, Step, step
from ocr.tesseract import detect_orientation

OSD_SIZE = 1400  # longest side of the copy OSD reads; text stays large enough, and OSD stays quick


def turn(image: np.ndarray, clockwise: int) -> np.ndarray:
    """The image turned clockwise by 0, 90, 180 or 270 degrees (a contiguous copy, or `image` for 0)."""
    quarter = (clockwise // 90) % 4
    return image if quarter == 0 else np.ascontiguousarray(np.rot90(image, -quarter))


def osd(binary: np.ndarray, *, number: int = 1) -> tuple[int, float]:
    """OSD on a reduced copy of a binarised page: (clockwise rotation to upright, confidence)."""
    small = shrink(binary, factor_for(binary.shape, OSD_SIZE))
    return detect_orientation(Image.fromarray(small), number=number)


def line_turn(binary: np.ndarray, *, number: int = 1) -> tuple[int, Step]:
    """The clockwise turn that makes text lines horizontal: 0 without asking OSD when they already are;
    for lines running down the page, 90 or 270 as OSD says (270 turns a page lying on its right side)."""
    direction, rows, columns = line_direction(binary)
    sharpness = {"rows": round(rows, 2), "columns": round(columns, 2)}
    if direction == "horizontal":
        return 0, step("orientation", Message(Code.ORIENTATION_ACROSS), rotation=0, **sharpness)
    rotation, confidence = osd(binary, number=number)
    if rotation not in (90, 270):
        # OSD disagrees with the profiles; a quarter turn either way is checked later by recognition
        # confidence (the pipeline tries the other way when the reading is poor).
        rotation = 90
    return rotation, step(
        "orientation",
        Message(Code.ORIENTATION_DOWN, degrees=rotation),
        rotation=rotation,
        osd_confidence=round(confidence, 2),
        **sharpness,
    )
