"""Denoising and binarisation of a flattened page (paper near white, text dark)."""

from __future__ import annotations

import cv2
import numpy as np

from ocr.steps import Step, step

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


def denoise(gray: np.ndarray) -> tuple[np.ndarray, Step]:
    sigma = noise_level(gray)
    if sigma < NOISY_SIGMA:
        return gray, step(
            "denoise", "little noise on the paper: left as it is", applied=False, sigma=round(sigma, 1)
        )
    smooth = cv2.GaussianBlur(gray, (3, 3), 0) if sigma < 2 * NOISY_SIGMA else cv2.medianBlur(gray, 3)
    return smooth, step(
        "denoise",
        "grain on the paper would break up into specks when thresholded: smoothed first",
        applied=True,
        sigma=round(sigma, 1),
    )


def binarize(gray: np.ndarray) -> tuple[np.ndarray, Step]:
    """Black text (0) on white (255) by Otsu's threshold; after flattening one global threshold fits the
    whole page, and faint patterns and stamps left by the ink stage fall on the paper side of it."""
    threshold, binary = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return binary, step(
        "binarize",
        "one Otsu threshold on the flattened page: text black, paper, faint patterns and pale ink white",
        threshold=int(threshold),
        ink_share=round(float((binary[::4, ::4] == 0).mean()), 4),
    )
