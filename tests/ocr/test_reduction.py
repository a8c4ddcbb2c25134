"""Reduced copies by whole factors: exact block means, the remainder left out."""

from __future__ import annotations

import numpy as np
import pytest

from ocr.reduction import factor_for, shrink


@pytest.mark.parametrize("factor", [2, 3, 4, 6, 8])
def test_shrink_is_the_mean_of_whole_blocks(factor: int) -> None:
    image = np.random.default_rng(factor).integers(0, 256, (103, 77), dtype=np.uint8)
    small = shrink(image, factor)
    rows, columns = 103 // factor, 77 // factor
    assert small.shape == (rows, columns)
    blocks = image[: rows * factor, : columns * factor].reshape(rows, factor, columns, factor)
    expected = blocks.astype(np.float64).mean(axis=(1, 3))
    assert np.abs(small.astype(np.float64) - expected).max() <= 1.0  # rounding of each halving


def test_colour_and_the_edges_of_the_range() -> None:
    colour = np.zeros((40, 30, 3), dtype=np.uint8)
    colour[..., 2] = 200
    small = shrink(colour, 4)
    assert small.shape == (10, 7, 3) and (small[..., 2] == 200).all() and (small[..., :2] == 0).all()
    image = np.full((5, 5), 7, dtype=np.uint8)
    assert shrink(image, 1) is image
    assert shrink(image, 8).shape == (1, 1)  # smaller than one block: one pixel, not an empty image


def test_factor_for_brings_the_longest_side_within_the_bound() -> None:
    assert factor_for((3508, 2480), 1200) == 3 and 3508 // 3 <= 1200
    assert factor_for((1000, 800), 1200) == 1
    assert factor_for((1201, 10), 1200) == 2
