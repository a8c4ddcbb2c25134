"""Reduced copies of a page, for the stages that measure rather than read (sheet, orientation, skew,
background, colour, layout, QR regions): block means over whole blocks of pixels.

OpenCV's area reduction is fast only for a whole factor over an image that divides by it (halving fastest);
by a fraction, or over a size that does not divide, it takes its general path, three to seven times
slower (on a 300 dpi page: 32 ms to 1200 px against 9 ms by a factor of 3, 2 ms by 4 in two halvings).
So a copy is reduced by a whole factor, the last rows and columns that do not fill a block left out, and
a stage that wants "about N pixels" takes the whole factor that brings the page to at most N.
"""

from __future__ import annotations

import math

import cv2
import numpy as np


def shrink(image: np.ndarray, factor: int) -> np.ndarray:
    """The means of `factor` x `factor` blocks of `image` (grey or colour); the rows and columns past
    the last whole block are left out. `image` itself for a factor of 1."""
    if factor <= 1:
        return image
    height, width = image.shape[:2]
    if height < factor or width < factor:
        return cv2.resize(
            image, (max(1, width // factor), max(1, height // factor)), interpolation=cv2.INTER_AREA
        )
    rows, columns = height // factor, width // factor
    small = image[: rows * factor, : columns * factor]
    while factor % 2 == 0:
        factor //= 2
        small = cv2.resize(small, (small.shape[1] // 2, small.shape[0] // 2), interpolation=cv2.INTER_AREA)
    if factor > 1:
        small = cv2.resize(small, (columns, rows), interpolation=cv2.INTER_AREA)
    return small


def factor_for(shape: tuple[int, ...], longest: int) -> int:
    """The whole factor that brings an image of `shape` to at most `longest` pixels a side (1: none)."""
    return max(1, math.ceil(max(shape[:2]) / longest))
