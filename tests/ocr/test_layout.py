"""Two-page spreads: each page read on its own, lines of the left page before those of the right, word
boxes in the spread's pixels."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from ocr import read_page
from tests.pages import FONT

LEFT = ["Қазақстан Республикасы", "Білім министрлігі", "Осы диплом берілді", "Сериясы ЖБ-Б"]
RIGHT = ["Республика Казахстан", "Министерство образования", "Настоящий диплом выдан", "Серия ЖБ-Б"]


def spread() -> Image.Image:
    """Two portrait pages side by side, their lines at the same heights (Tesseract alone would read
    across the gutter)."""
    font = ImageFont.truetype(str(FONT), 40)
    image = Image.new("L", (2400, 1400), 255)
    draw = ImageDraw.Draw(image)
    for index, (left, right) in enumerate(zip(LEFT, RIGHT, strict=True)):
        y = 200 + index * 90
        draw.text((120, y), left, font=font, fill=0)
        draw.text((1320, y), right, font=font, fill=0)
    return image


def test_a_spread_is_read_page_by_page_in_the_spreads_pixels() -> None:
    result = read_page(spread(), number=1, languages="kaz+rus")
    layout = next(s for s in result.steps if s["step"] == "layout")
    assert layout["spread"] is True
    split = layout["gutter_x"]
    texts = [line.text for line in result.lines]
    left_lines = [i for i, t in enumerate(texts) if "Білім" in t or "Осы" in t]
    right_lines = [i for i, t in enumerate(texts) if "Министерство" in t or "Настоящий" in t]
    assert left_lines and right_lines and max(left_lines) < min(right_lines)
    pixels = np.asarray(spread())
    for index, line in enumerate(result.lines):
        for word in line.words:
            box = word.box
            assert box.left + box.width <= result.width and box.top + box.height <= result.height
            assert (pixels[box.top : box.top + box.height, box.left : box.left + box.width] < 128).any()
            assert (box.left >= split) == (index in right_lines) or index not in left_lines + right_lines
    right_blocks = {w.block for i in right_lines for w in result.lines[i].words}
    left_blocks = {w.block for i in left_lines for w in result.lines[i].words}
    assert not right_blocks & left_blocks
