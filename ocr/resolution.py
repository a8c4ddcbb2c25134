"""Resolution normalisation: small text (150-200 dpi scans, small print) scaled up to what Tesseract reads
best, measured from the page's own characters rather than from the dpi the file claims."""

from __future__ import annotations

import cv2
import numpy as np

from muragat.messages import Message
from ocr.steps import Code, Step, step

TARGET_HEIGHT = 30.0  # median character height in pixels Tesseract reads well (about 11 pt at 300 dpi)
SMALL_HEIGHT = 20.0  # at or below this (Tesseract wants an x-height of about 20 px), the page is scaled up
MAX_SCALE = 3.0


def text_height(binary: np.ndarray) -> float | None:
    """Median height of character-sized connected components of the ink (0 pixels), or None.
    Measured on the middle half of the page's width, where nearly every layout has text (half the time)."""
    width = binary.shape[1]
    middle = binary[:, width // 4 : width - width // 4] < 128
    count, _, stats, _ = cv2.connectedComponentsWithStats(middle.view(np.uint8), connectivity=8)
    if count < 2:
        return None
    widths = stats[1:, cv2.CC_STAT_WIDTH]
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    areas = stats[1:, cv2.CC_STAT_AREA]
    # specks of noise are small and solid; a character is at least 6 px high with some strokes
    chars = (heights >= 6) & (heights <= 200) & (widths >= 2) & (widths <= 3 * heights) & (areas >= 15)
    if chars.sum() < 20:
        return None
    return float(np.median(heights[chars]))


def scale_for(height: float | None) -> float:
    if height is None or height > SMALL_HEIGHT:
        return 1.0
    return float(min(MAX_SCALE, TARGET_HEIGHT / height))


def normalise(gray: np.ndarray, height: float | None) -> tuple[np.ndarray, float, Step]:
    """Scale `gray` up when its characters (median height `height`, measured on a binarised copy) are
    small; returns the image, the scale and the record."""
    scale = scale_for(height)
    measured = None if height is None else round(height, 1)
    if scale == 1.0:
        return (
            gray,
            1.0,
            step("resolution", Message(Code.RESOLUTION_ENOUGH), scale=1.0, text_height=measured),
        )
    scaled = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    return (
        scaled,
        scale,
        step(
            "resolution",
            Message(Code.RESOLUTION_SCALED, height=measured, target=f"{TARGET_HEIGHT:g}"),
            scale=round(scale, 3),
            text_height=measured,
        ),
    )
