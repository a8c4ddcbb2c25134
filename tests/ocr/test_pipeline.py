"""read_page: grayscale -> Tesseract -> language, with the steps recorded."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from ocr import inspect_file, page_images, read_page

SCANS = Path(__file__).resolve().parents[2] / "samples" / "scans"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def render_rgb(lines: list[str], size: int = 32) -> Image.Image:
    if not FONT.exists():
        pytest.fail(f"{FONT} missing: apt-get install fonts-dejavu-core")
    font = ImageFont.truetype(str(FONT), size)
    step = int(size * 1.7)
    image = Image.new("RGB", (1100, step * len(lines) + 2 * size), (250, 248, 240))  # off-white paper
    draw = ImageDraw.Draw(image)
    for index, line in enumerate(lines):
        draw.text((size, size + index * step), line, font=font, fill=(20, 20, 90))  # blue-black ink
    return image


def test_read_page_records_each_step() -> None:
    image = render_rgb(["Осы диплом Қалиева Шынар Нұрболатқызына", "бакалавр дәрежесі берілді"])
    result = read_page(image, number=3, languages="kaz+rus")
    assert result.number == 3
    assert (result.width, result.height) == image.size
    assert [step["step"] for step in result.steps] == ["grayscale", "recognize", "language"]
    assert all(step["why"] for step in result.steps)
    assert "диплом" in result.text
    assert result.language == "kk"
    assert image.mode == "RGB"  # the caller's image is left alone


def test_spread_of_kazakh_and_russian_is_mixed() -> None:
    image = render_rgb(
        [
            "Осы диплом Қалиева Шынар Нұрболатқызына",
            "білім беру бағдарламасы бойынша берілді",
            "Настоящий диплом выдан Калиевой Шынар",
            "в том, что она в 2011 году поступила",
        ]
    )
    assert read_page(image, number=1, languages="kaz+rus").language == "mixed"


def test_real_scan_page() -> None:
    data = (SCANS / "doc0015.pdf").read_bytes()
    assert inspect_file(data, "doc0015.pdf", max_pixels=120_000_000, max_pages=10).page_count == 2
    russian_page = list(page_images(data, "doc0015.pdf", dpi=300, max_pixels=120_000_000))[1]
    result = read_page(russian_page, number=2, languages="kaz+rus")
    assert "ДИПЛОМ" in result.text
    assert result.language == "ru"
    assert result.confidence is not None and result.confidence > 0.8
