"""Skew angle and text-line direction from projection profiles of the ink.

Text lines make the ink's profile across them sharply peaked (lines and gaps); the profile is sharpest
when taken exactly along the lines. The search runs on a reduced copy with ink pixels as points, so each
candidate angle costs one histogram, not an image rotation.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

from muragat.messages import Message
from ocr.reduction import factor_for, shrink
from ocr.steps import Code, Step, step

WORK_SIZE = 1200  # longest side of the reduced copy the angles are measured on
MAX_POINTS = 80_000
MAX_ANGLE = 8.0  # degrees: beyond that a scan is not skewed but turned, and orientation handles it
MIN_ANGLE = 0.1  # smaller angles are not worth a resampling of the page


def ink_points(binary: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    """Coordinates (x, y) of ink pixels on a reduced copy, centred, and the reduction factor."""
    reduction = factor_for(binary.shape, WORK_SIZE)
    small = shrink(binary, reduction)
    ys, xs = np.nonzero(small < 128)
    if len(xs) > MAX_POINTS:
        pick = np.random.default_rng(0).choice(len(xs), MAX_POINTS, replace=False)
        xs, ys = xs[pick], ys[pick]
    return xs - small.shape[1] / 2.0, ys - small.shape[0] / 2.0, 1.0 / reduction


def sharpness(xs: np.ndarray, ys: np.ndarray, degrees: float) -> float:
    """How peaked the profile across lines tilted by `degrees` is: sum of squared bin counts relative to
    a flat profile over the same span (1.0 for no structure at all)."""
    if len(xs) == 0:
        return 0.0
    a = math.radians(degrees)
    across = ys * math.cos(a) - xs * math.sin(a)
    bins = np.floor(across - across.min()).astype(np.int64)
    counts = np.bincount(bins).astype(np.float64)
    return float(len(counts) * (counts**2).sum() / counts.sum() ** 2)


def best_angle(
    xs: np.ndarray, ys: np.ndarray, centre: float = 0.0, span: float = MAX_ANGLE
) -> tuple[float, float]:
    """The angle in [centre - span, centre + span] with the sharpest profile: a coarse then a fine search."""
    coarse = np.arange(centre - span, centre + span + 1e-9, 0.5)
    scores = [sharpness(xs, ys, a) for a in coarse]
    best = float(coarse[int(np.argmax(scores))])
    fine = np.arange(best - 0.5, best + 0.5 + 1e-9, 0.05)
    scores = [sharpness(xs, ys, a) for a in fine]
    index = int(np.argmax(scores))
    return float(fine[index]), float(scores[index])


def line_direction(binary: np.ndarray) -> tuple[str, float, float]:
    """ "horizontal" or "vertical" text lines, with the profile sharpness of each direction."""
    xs, ys, _ = ink_points(binary)
    _, across_rows = best_angle(xs, ys, 0.0, 4.0)
    _, across_columns = best_angle(ys, xs, 0.0, 4.0)
    direction = "vertical" if across_columns > across_rows * 1.15 else "horizontal"
    return direction, across_rows, across_columns


def rotate(image: np.ndarray, degrees: float, fill: int = 255) -> np.ndarray:
    """Rotate by `degrees` counter-clockwise about the centre, same size, `fill` in the corners."""
    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2.0, height / 2.0), degrees, 1.0)
    return cv2.warpAffine(
        image,
        matrix,
        (width, height),
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=fill,
    )


def measure_skew(binary: np.ndarray) -> float:
    """The angle in degrees by which the text lines are tilted (positive: counter-clockwise on screen)."""
    xs, ys, _ = ink_points(binary)
    angle, _ = best_angle(xs, ys)
    return -angle


def deskew(gray: np.ndarray, binary: np.ndarray) -> tuple[np.ndarray, float, Step]:
    """Straighten `gray` by the skew measured on `binary` (same size); returns image, angle, record."""
    angle = measure_skew(binary)
    if abs(angle) < MIN_ANGLE or abs(angle) >= MAX_ANGLE:
        why = Message(Code.DESKEW_LEVEL if abs(angle) < MIN_ANGLE else Code.DESKEW_UNCLEAR)
        return gray, 0.0, step("deskew", why, angle=round(angle, 2), applied=False)
    return (
        rotate(gray, -angle),
        angle,
        step(
            "deskew",
            Message(Code.DESKEW_TILTED, angle=f"{angle:.2f}"),
            angle=round(angle, 2),
            applied=True,
        ),
    )
