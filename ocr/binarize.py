"""Denoising and binarisation of a flattened page (paper near white, text dark)."""

from __future__ import annotations

import cv2
import numpy as np

from muragat.messages import Message
from ocr.steps import Code, Step, step

NOISY_SIGMA = 6.0  # grey levels of noise on the paper above which the page is smoothed before thresholding


def noise_level(gray: np.ndarray) -> float:
    """The standard deviation of pixel noise on paper, from a central crop (robust: median deviation)."""
    height, width = gray.shape
    crop = gray[height // 4 : height * 3 // 4, width // 4 : width * 3 // 4]
    if crop.size == 0:
        return 0.0
    smooth = cv2.medianBlur(crop, 5)
    paper = smooth > 170
    if paper.sum() < 100:
        return 0.0
    deviation = np.abs(crop.astype(np.int16) - smooth)[paper]
    return float(1.4826 * _median_of_small_ints(deviation))


def _median_of_small_ints(values: np.ndarray) -> float:
    """np.median of non-negative integers below 256, from their histogram: linear time, where sorting a
    page's worth of pixels costs a third of a second."""
    cumulative = np.cumsum(np.bincount(values.ravel(), minlength=256))
    n = int(cumulative[-1])
    low = int(np.searchsorted(cumulative, (n - 1) // 2 + 1))
    high = int(np.searchsorted(cumulative, n // 2 + 1))
    return (low + high) / 2


IMPULSE_SHARE = 0.0025  # isolated dark specks on the paper above this share: salt-and-pepper noise


def impulse_share(gray: np.ndarray) -> float:
    """Share of a central crop's pixels that are dark specks on light paper: much darker than the median
    of their 3x3 neighbourhood, with at most one such neighbour. A scan with salt-and-pepper noise has
    several per thousand."""
    height, width = gray.shape
    crop = gray[height // 4 : height * 3 // 4, width // 4 : width * 3 // 4]
    if crop.size == 0:
        return 0.0
    median = cv2.medianBlur(crop, 3)
    dark = (median.astype(np.int16) - crop > 70).astype(np.uint8)
    # a speck has at most one dark neighbour; a stroke, even a thin one, has more along its length
    neighbours = cv2.boxFilter(dark, -1, (3, 3), normalize=False, borderType=cv2.BORDER_CONSTANT)
    return float(((dark == 1) & (neighbours <= 2) & (median > 170)).mean())


def despeckle(gray: np.ndarray) -> tuple[np.ndarray, Step]:
    """Salt-and-pepper specks removed by a 3x3 median at the scan's own resolution, before anything
    scales them into blobs that Tesseract reads as letters and punctuation; other pages untouched."""
    share = impulse_share(gray)
    if share <= IMPULSE_SHARE:
        return gray, step(
            "despeckle", Message(Code.DESPECKLE_NONE), applied=False, speck_share=round(share, 5)
        )
    return cv2.medianBlur(gray, 3), step(
        "despeckle",
        Message(Code.DESPECKLE_REMOVED),
        applied=True,
        speck_share=round(share, 5),
    )


def denoise(gray: np.ndarray) -> tuple[np.ndarray, Step]:
    sigma = noise_level(gray)
    if sigma < NOISY_SIGMA:
        return gray, step("denoise", Message(Code.DENOISE_CLEAN), applied=False, sigma=round(sigma, 1))
    smooth = cv2.GaussianBlur(gray, (3, 3), 0) if sigma < 2 * NOISY_SIGMA else cv2.medianBlur(gray, 3)
    return smooth, step(
        "denoise",
        Message(Code.DENOISE_SMOOTHED),
        applied=True,
        sigma=round(sigma, 1),
    )


def binarize(gray: np.ndarray) -> tuple[np.ndarray, Step]:
    """Black text (0) on white (255) by Otsu's threshold; after flattening one global threshold fits the
    whole page, and faint patterns and stamps left by the ink stage fall on the paper side of it."""
    threshold, binary = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return binary, step(
        "binarize",
        Message(Code.BINARIZE_OTSU),
        threshold=int(threshold),
        ink_share=round(float((binary[::4, ::4] == 0).mean()), 4),
    )
