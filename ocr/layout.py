"""Two-page spreads: found by an empty gutter down the middle of a landscape page, and read column by
column in one Tesseract run by stacking the right column under the left one.

Tesseract's own column finding fails where lines of the two pages sit at the same height (it then reads
across the gutter); stacking makes the order certain and costs nothing extra.
"""

from __future__ import annotations

import cv2
import numpy as np

from muragat.messages import Message
from ocr.model import Box, Line, PageResult
from ocr.steps import Code, Step, step

GAP = 60  # white pixels between stacked columns


def find_gutter(binary: np.ndarray) -> tuple[int | None, Step]:
    """The x of an empty vertical band between 35% and 65% of a landscape page's width, or None."""
    height, width = binary.shape
    if width < 1.15 * height:
        return None, step("layout", Message(Code.LAYOUT_PORTRAIT), spread=False)
    small = cv2.resize(binary, (max(1, width // 4), max(1, height // 4)), interpolation=cv2.INTER_AREA)
    ink = (small < 128).mean(axis=0)
    ink = np.convolve(ink, np.ones(5) / 5, mode="same")
    lo, hi = int(len(ink) * 0.35), int(len(ink) * 0.65)
    middle = ink[lo:hi]
    if middle.size == 0:
        return None, step("layout", Message(Code.LAYOUT_TOO_SMALL), spread=False)
    text_level = float(np.mean(ink[ink > 0])) if (ink > 0).any() else 0.0
    empty = middle <= max(float(middle.min()), 0.02 * text_level)
    # the centre of the widest empty run: the gutter, wherever the shorter lines of either page end
    best_start, best_length, start = 0, 0, None
    for index, is_empty in enumerate([*empty.tolist(), False]):
        if is_empty and start is None:
            start = index
        elif not is_empty and start is not None:
            if index - start > best_length:
                best_start, best_length = start, index - start
            start = None
    column = lo + best_start + best_length // 2
    left_ink, right_ink = float(ink[:column].sum()), float(ink[column:].sum())
    both_sides = min(left_ink, right_ink) > 0.25 * max(left_ink, right_ink)
    if ink[column] > 0.1 * text_level or not both_sides:
        return None, step("layout", Message(Code.LAYOUT_NO_GUTTER), spread=False)
    return column * 4, step(
        "layout",
        Message(Code.LAYOUT_SPREAD),
        spread=True,
        gutter_x=column * 4,
    )


def stack_columns(binary: np.ndarray, split: int) -> np.ndarray:
    """The left part above the right part, separated by white, in one image."""
    height, width = binary.shape
    columns = [binary[:, :split], binary[:, split:]]
    stacked_width = max(c.shape[1] for c in columns)
    out = np.full((2 * height + GAP, stacked_width), 255, dtype=np.uint8)
    out[:height, : columns[0].shape[1]] = columns[0]
    out[height + GAP :, : columns[1].shape[1]] = columns[1]
    return out


def unstack(result: PageResult, split: int, height: int, width: int) -> PageResult:
    """Word boxes from a stacked image mapped back onto the page; lines keep their (column) order."""
    lines: list[Line] = []
    for line in result.lines:
        words = []
        for word in line.words:
            box = word.box
            if box.top >= height + GAP // 2:
                box = Box(
                    left=box.left + split,
                    top=max(0, box.top - height - GAP),
                    width=box.width,
                    height=box.height,
                )
            box = Box(
                left=min(box.left, width - 1),
                top=min(box.top, height - 1),
                width=max(0, min(box.width, width - min(box.left, width - 1))),
                height=max(0, min(box.height, height - min(box.top, height - 1))),
            )
            words.append(word.model_copy(update={"box": box}))
        lines.append(Line(words=words))
    return result.model_copy(update={"lines": lines, "width": width, "height": height})
