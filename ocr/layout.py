"""Two-page spreads: found by an empty gutter down the middle of a landscape page, and read page by
page: each half is read on its own (the process's engine costs no start per read) and the right half's
words are moved back beside the left half's.

Tesseract's own column finding fails where lines of the two pages sit at the same height (it then reads
across the gutter); reading the halves apart makes the order certain. (They were once stacked into one
image twice the page's height, which cost the memory of a second page for no gain.)
"""

from __future__ import annotations

import numpy as np

from muragat.messages import Message
from ocr.model import Box, Line, PageResult
from ocr.reduction import shrink
from ocr.steps import Code, Step, step


def find_gutter(binary: np.ndarray) -> tuple[int | None, Step]:
    """The x of an empty vertical band between 35% and 65% of a landscape page's width, or None."""
    height, width = binary.shape
    if width < 1.15 * height:
        return None, step("layout", Message(Code.LAYOUT_PORTRAIT), spread=False)
    small = shrink(binary, 4)
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


def halves(binary: np.ndarray, split: int) -> tuple[np.ndarray, np.ndarray]:
    """The left and the right page of a spread split at `split`."""
    return binary[:, :split], binary[:, split:]


def join_halves(left: PageResult, right: PageResult, split: int, width: int) -> PageResult:
    """The two pages' readings as one page `width` wide: the left page's lines, then the right page's
    moved `split` pixels right, its blocks numbered after the left page's."""
    blocks = max((w.block for w in left.words), default=0)
    lines = [Line(words=list(line.words)) for line in left.lines]
    for line in right.lines:
        words = []
        for word in line.words:
            box = word.box
            moved = Box(
                left=box.left + split,
                top=box.top,
                width=max(0, min(box.width, width - box.left - split)),
                height=box.height,
            )
            words.append(
                word.model_copy(update={"box": moved, "block": word.block + blocks, "line": len(lines)})
            )
        lines.append(Line(words=words))
    return left.model_copy(update={"lines": lines, "width": width})
