"""Illumination and background flattening: uneven lighting, shadows and tinted paper divided out."""

from __future__ import annotations

import cv2
import numpy as np

from muragat.messages import Message
from ocr.reduction import shrink
from ocr.steps import Code, Step, step

_REDUCE = 8  # the background is estimated at 1/8 of the resolution: it varies slowly


def flatten(gray: np.ndarray) -> tuple[np.ndarray, Step]:
    """Divide the page by an estimate of its paper brightness, so paper becomes white everywhere.

    The estimate is a grey dilation (a local maximum wider than any character stroke, which removes the
    text) of a reduced copy, smoothed and scaled back up.
    """
    height, width = gray.shape
    small = shrink(gray, _REDUCE)  # its last few rows and columns stand for the part left out
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (9, 9))
    background = cv2.dilate(small, kernel)
    background = cv2.GaussianBlur(background, (0, 0), 6)
    low, high = np.percentile(background, [2, 98])
    background = cv2.resize(background, (width, height), interpolation=cv2.INTER_LINEAR)
    flat = cv2.divide(gray, np.maximum(background, 1), scale=255)
    return flat, step(
        "background",
        Message(Code.BACKGROUND_FLATTENED),
        paper_low=int(low),
        paper_high=int(high),
    )
