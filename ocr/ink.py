"""Coloured ink (stamps, guilloche security patterns, coloured paper) suppressed against dark text.

Dark text is dark in every channel; a red stamp is bright in red, a blue one in blue, pastel paper in all.
The brightest channel of each pixel therefore keeps text dark and turns coloured ink pale, at the cost of
one numpy reduction. Neutral (grey) pixels have all channels equal, so grey pages are unchanged.
"""

from __future__ import annotations

import cv2
import numpy as np

from ocr.steps import Step, step

COLOURED_SPREAD = 60  # max - min channel above this: a saturated (coloured) pixel
DARK = 128


def suppress_colour(image: np.ndarray) -> tuple[np.ndarray, Step]:
    """An RGB (H, W, 3) or grey (H, W) uint8 array -> grey, with coloured ink lightened."""
    if image.ndim == 2:
        return image, step("ink", "the page is greyscale: no coloured ink to separate", applied=False)
    small = image[::8, ::8]
    spread = small.max(axis=2).astype(np.int16) - small.min(axis=2)
    coloured = spread > COLOURED_SPREAD
    share = float(coloured.mean())
    coloured_dark = float((coloured & (small.min(axis=2) < DARK)).mean())
    if share < 0.0005:
        gray = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
        return gray, step(
            "ink", "no coloured ink found: plain luminance", applied=False, coloured_share=round(share, 4)
        )
    red, green, blue = cv2.split(image)
    gray = cv2.max(cv2.max(red, green), blue)
    return gray, step(
        "ink",
        "coloured ink (stamp, security pattern) lightened: each pixel takes its brightest channel, "
        "which keeps dark text dark",
        applied=True,
        coloured_share=round(share, 4),
        coloured_dark_share=round(coloured_dark, 4),
    )
