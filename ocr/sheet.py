"""Photographed pages: the sheet found against what lies around it (a desk, a hand, a folder), cut out
and its perspective corrected, so that orientation, deskew and reading see a page as a scanner gives it.

On a reduced copy, the bright region is separated from its surround by Otsu's threshold and closed over
the text; its largest outline, if it covers between a fifth and nine tenths of the image, is clearly
brighter than the rest and has four corners, is the sheet. A scan, whose paper fills the image, is left
as it is.
"""

from __future__ import annotations

import cv2
import numpy as np

from muragat.messages import Message
from ocr.reduction import factor_for, shrink
from ocr.steps import Code, Step, step

WORK_SIZE = 800  # longest side of the reduced copy the sheet is looked for on
LEAST_SHARE, MOST_SHARE = 0.2, 0.9  # of the image the sheet covers
LEAST_CONTRAST = 30  # grey levels between the sheet and its surround
LEAST_EDGE = 40.0  # mean gradient (Sobel, grey levels) along the sheet's outline: a sheet's edge is sharp


def _order(corners: np.ndarray) -> np.ndarray:
    """Top-left, top-right, bottom-right, bottom-left."""
    total = corners.sum(axis=1)
    diff = np.diff(corners, axis=1).ravel()
    return np.array(
        [
            corners[np.argmin(total)],
            corners[np.argmin(diff)],
            corners[np.argmax(total)],
            corners[np.argmax(diff)],
        ],
        dtype=np.float32,
    )


def _unchanged(why: Code, **details: object) -> Step:
    return step("sheet", Message(why), applied=False, **details)


def find_sheet(image: np.ndarray) -> tuple[np.ndarray, Step]:
    """An RGB (H, W, 3) or grey (H, W) uint8 array -> the sheet, cut out and made rectangular, or the
    image as it is where it is a scan."""
    gray = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    reduction = factor_for(gray.shape, WORK_SIZE)
    scale = 1.0 / reduction
    small = cv2.GaussianBlur(shrink(gray, reduction), (5, 5), 0)
    _, bright = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))
    contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return image, _unchanged(Code.SHEET_NONE)
    outline = max(contours, key=cv2.contourArea)
    share = cv2.contourArea(outline) / float(small.size)
    if not LEAST_SHARE <= share <= MOST_SHARE:
        return image, _unchanged(Code.SHEET_FILLS_IMAGE, sheet_share=round(share, 3))
    inside = np.zeros_like(small)
    cv2.drawContours(inside, [outline], -1, 255, cv2.FILLED)
    contrast = float(small[inside > 0].mean()) - float(small[inside == 0].mean())
    if contrast < LEAST_CONTRAST:
        return image, _unchanged(Code.SHEET_NONE, sheet_share=round(share, 3))
    points = outline.reshape(-1, 2)
    h, w = small.shape
    off_border = points[
        (points[:, 0] > 3) & (points[:, 0] < w - 4) & (points[:, 1] > 3) & (points[:, 1] < h - 4)
    ]
    if len(off_border) < 0.5 * len(points):
        return image, _unchanged(
            Code.SHEET_ALONG_EDGES,
            sheet_share=round(share, 3),
        )
    edges = cv2.magnitude(
        cv2.Sobel(small, cv2.CV_32F, 1, 0, ksize=3), cv2.Sobel(small, cv2.CV_32F, 0, 1, ksize=3)
    )
    sharpness = float(edges[off_border[:, 1], off_border[:, 0]].mean())
    if sharpness < LEAST_EDGE:
        return image, _unchanged(
            Code.SHEET_NO_SHARP_EDGE,
            sheet_share=round(share, 3),
            edge=round(sharpness, 1),
        )
    hull = cv2.convexHull(outline)
    corners = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True).reshape(-1, 2)
    if len(corners) != 4:
        return image, _unchanged(Code.SHEET_NOT_FOUR_CORNERS, sheet_share=round(share, 3))
    source = _order(corners.astype(np.float32) / scale)
    top, right, bottom, left = (np.linalg.norm(source[i] - source[(i + 1) % 4]) for i in range(4))
    out_width, out_height = int(max(top, bottom)), int(max(left, right))
    target = np.array(
        [[0, 0], [out_width - 1, 0], [out_width - 1, out_height - 1], [0, out_height - 1]], np.float32
    )
    warp = cv2.getPerspectiveTransform(source, target)
    sheet = cv2.warpPerspective(
        image, warp, (out_width, out_height), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE
    )
    return sheet, step(
        "sheet",
        Message(Code.SHEET_CUT_OUT),
        applied=True,
        sheet_share=round(share, 3),
        edge=round(sharpness, 1),
        corners=[[int(x), int(y)] for x, y in source],
    )
