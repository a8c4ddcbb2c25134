"""Pages made inside the tests: lines of Kazakh or Russian text rendered with a Cyrillic font."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")  # Debian's fonts-dejavu-core

DIPLOMA_LINES = [
    "ҚАЗАҚСТАН РЕСПУБЛИКАСЫ",
    "ДИПЛОМ",
    "ЖБ-Б № 0421208",
    "Осы диплом Оразбайева Құралай Нұрдәулетқызына",
    "2014 жылы 6B07201 - «Мұнай-газ ісі»",
    "бакалавр дәрежесі берілді.",
    "Тіркеу нөмірі 6782",
    "ЖСН 890126475215",
]


def render_page(lines: list[str], *, width: int = 1400, font_size: int = 34) -> Image.Image:
    font = ImageFont.truetype(str(FONT), font_size)
    line_height = int(font_size * 1.8)
    image = Image.new("L", (width, line_height * len(lines) + 2 * line_height), 255)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((line_height, line_height * (i + 1)), line, font=font, fill=0)
    return image


def encode(images: list[Image.Image], fmt: str) -> bytes:
    buffer = io.BytesIO()
    if len(images) > 1:
        images[0].save(buffer, format=fmt, save_all=True, append_images=images[1:], dpi=(300, 300))
    else:
        images[0].save(buffer, format=fmt, dpi=(300, 300))
    return buffer.getvalue()
