"""Coloured ink: text printed in colour is read, stamps and security patterns are not (real Tesseract)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont
from rapidfuzz import fuzz

from ocr.ink import suppress_colour
from ocr.pipeline import process_page
from tests.pages import FONT

PAPER = (252, 250, 245)
BLACK_LINES = ["Осы диплом", "бакалавр дәрежесі берілді"]
NAME = "Оразбайева Құралай"


def fold(text: str) -> str:
    return " ".join(text.casefold().replace("«", "").replace("»", "").split())


def words_of(text: str) -> set[str]:
    return {w.strip(".,:;«»-") for w in fold(text).split()}


def read(image: np.ndarray) -> str:
    return process_page(Image.fromarray(image), number=1, languages="kaz+rus").result.text


def printed(lines: list[tuple[str, tuple[int, int, int], int]], width: int = 1800) -> np.ndarray:
    """A 300 dpi page: each line (text, ink colour, font size) printed in turn on off-white paper."""
    height = sum(int(size * 1.9) for _, _, size in lines) + 160
    page = Image.new("RGB", (width, height), PAPER)
    draw = ImageDraw.Draw(page)
    top = 80
    for text, colour, size in lines:
        draw.text((100, top), text, font=ImageFont.truetype(str(FONT), size), fill=colour)
        top += int(size * 1.9)
    return np.asarray(page)


def overprint(page: np.ndarray, ink: Image.Image) -> np.ndarray:
    """Ink printed over the page: on paper, inks multiply, so the text under a stamp stays dark."""
    return (page.astype(np.uint16) * np.asarray(ink, np.uint16) // 255).astype(np.uint8)


def stamp(size: tuple[int, int], centre: tuple[int, int], colour: tuple[int, int, int]) -> Image.Image:
    """A 3.4 cm round seal: two rings, small capitals along the outer one, a word across the middle."""
    layer = Image.new("RGB", size, (255, 255, 255))
    draw = ImageDraw.Draw(layer)
    cx, cy = centre
    for radius, width in ((200, 8), (150, 5)):
        draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=colour, width=width)
    font = ImageFont.truetype(str(FONT), 30)
    legend = "ҚАЗАҚ УНИВЕРСИТЕТІ * АЛМАТЫ * "
    for i, letter in enumerate(legend):
        angle = 2 * math.pi * i / len(legend)
        glyph = Image.new("L", (40, 40), 0)
        ImageDraw.Draw(glyph).text((8, 2), letter, font=font, fill=255)
        glyph = glyph.rotate(-math.degrees(angle), resample=Image.Resampling.BICUBIC)
        x, y = cx + 175 * math.sin(angle) - 20, cy - 175 * math.cos(angle) - 20
        layer.paste(Image.new("RGB", (40, 40), colour), (int(x), int(y)), glyph)
    draw.text((cx - 85, cy - 20), "ПЕЧАТЬ", font=font, fill=colour)
    return layer


def guilloche(size: tuple[int, int], colour: tuple[int, int, int]) -> Image.Image:
    """Thin pale wavy lines crossing over the whole page, as on security paper."""
    layer = Image.new("RGB", size, (255, 255, 255))
    draw = ImageDraw.Draw(layer)
    width, height = size
    xs = np.arange(0, width, 4)
    for row in range(-40, height + 40, 28):
        for phase in (0.0, math.pi):
            ys = row + 22 * np.sin(xs / 45.0 + phase + row / 90.0)
            draw.line(list(zip(xs.tolist(), ys.tolist(), strict=True)), fill=colour, width=2)
    return layer


@pytest.mark.parametrize(
    "colour",
    [
        pytest.param((184, 134, 11), id="dark-gold"),
        pytest.param((212, 175, 55), id="metallic-gold"),
        pytest.param((197, 160, 60), id="old-gold"),
        pytest.param((204, 153, 0), id="yellow-ochre"),
        pytest.param((30, 60, 160), id="blue"),
        pytest.param((100, 40, 140), id="violet"),
        pytest.param((170, 20, 30), id="red"),
        pytest.param((20, 120, 50), id="green"),
    ],
)
def test_name_printed_in_colour_is_read(colour: tuple[int, int, int]) -> None:
    page = printed([(BLACK_LINES[0], (0, 0, 0), 40), (NAME, colour, 80), (BLACK_LINES[1], (0, 0, 0), 40)])
    gray, record = suppress_colour(page)
    assert record["kept_text_regions"] == 1 and record["suppressed_regions"] == 0, record
    ink = np.all(np.abs(page.astype(np.int16) - colour) < 8, axis=2)
    assert np.percentile(gray[ink], 95) < 100  # as dark as print: the later threshold keeps it
    text = fold(read(page))
    assert fuzz.partial_ratio(fold(NAME), text) >= 80, text
    assert "диплом" in text


def test_round_stamp_over_black_text_is_suppressed() -> None:
    lines = ["", "Мемлекеттік аттестаттау", *BLACK_LINES, ""]
    page = printed([(line, (0, 0, 0), 46) for line in lines])
    image = overprint(page, stamp((page.shape[1], page.shape[0]), (700, page.shape[0] // 2), (40, 70, 190)))
    gray, record = suppress_colour(image)
    assert record["stamps"] == 1 and record["kept_text_regions"] == 0, record
    assert gray[(page.min(axis=2) < 60)].mean() < 60  # the black text under the seal is still black
    words = words_of(read(image))
    assert {"мемлекеттік", "аттестаттау", "диплом", "берілді"} <= words
    assert not words & {"печать", "алматы", "университеті", "қазақ"}


def photographed(image: np.ndarray) -> np.ndarray:
    """As a phone photographs a page under warm light: colours washed out towards grey, the paper tinted
    (its blue channel lower), the whole a little darker."""
    washed = image.astype(np.float32)
    grey = washed.mean(axis=2, keepdims=True)
    washed = grey + 0.45 * (washed - grey)
    return np.clip(washed * np.array([0.78, 0.74, 0.68]), 0, 255).astype(np.uint8)


def test_a_faded_seal_on_a_warm_photograph_is_suppressed_and_the_text_under_it_read() -> None:
    lines = ["Предъявитель настоящего диплома", "Ержанова Кымбат Акжоловна", "в 1961 году поступил(а) в"]
    page = printed([(line, (0, 0, 0), 46) for line in lines])
    seal = stamp((page.shape[1], page.shape[0]), (620, page.shape[0] // 2), (150, 40, 160))
    image = photographed(overprint(page, seal))
    spread = image.max(axis=2).astype(int) - image.min(axis=2)
    assert spread.max() < 70  # the seal's violet is barely more saturated than the tinted paper
    gray, record = suppress_colour(image)
    assert record["applied"] is True and record["stamps"] == 1, record
    assert gray[(page.min(axis=2) < 60)].mean() < 80  # the black text under the seal stays dark
    seal_only = (np.asarray(seal).min(axis=2) < 200) & (page.min(axis=2) > 200)
    assert np.median(gray[seal_only]) > 0.9 * np.median(gray[page.min(axis=2) > 240])  # the seal: paper
    words = words_of(read(image))
    assert {"ержанова", "кымбат", "акжоловна", "настоящего", "году"} <= words, words
    assert not words & {"печать", "алматы", "университеті"}


def test_red_stamp_beside_a_gold_name_is_suppressed_and_the_name_kept() -> None:
    page = printed([(BLACK_LINES[0], (0, 0, 0), 40), (NAME, (212, 175, 55), 80), ("", (0, 0, 0), 200)])
    image = overprint(page, stamp((page.shape[1], page.shape[0]), (1450, page.shape[0] - 230), (205, 30, 40)))
    gray, record = suppress_colour(image)
    assert record["kept_text_regions"] == 1 and record["stamps"] == 1, record
    text = fold(read(image))
    assert fuzz.partial_ratio(fold(NAME), text) >= 80, text
    assert "печать" not in text


def test_pale_security_pattern_adds_no_words() -> None:
    lines = ["ҚАЗАҚСТАН РЕСПУБЛИКАСЫ", "Осы диплом Қалиева Шынар", "бакалавр дәрежесі берілді"]
    page = printed([(line, (0, 0, 0), 46) for line in lines])
    image = overprint(page, guilloche((page.shape[1], page.shape[0]), (150, 200, 225)))
    _, record = suppress_colour(image)
    assert record["kept_text_regions"] == 0, record
    expected = words_of(" ".join(lines))
    found = words_of(read(image))
    assert expected <= found
    assert not [w for w in found - expected if any(c.isalnum() for c in w)]


@pytest.mark.parametrize("pattern", [(150, 200, 225), (240, 220, 150)], ids=["blue", "gold"])
def test_gold_name_over_a_security_pattern_is_read(pattern: tuple[int, int, int]) -> None:
    page = printed(
        [(BLACK_LINES[0], (0, 0, 0), 40), (NAME, (212, 175, 55), 80), (BLACK_LINES[1], (0, 0, 0), 40)]
    )
    image = overprint(page, guilloche((page.shape[1], page.shape[0]), pattern))
    _, record = suppress_colour(image)
    assert record["kept_text_regions"] == 1, record
    text = fold(read(image))
    assert fuzz.partial_ratio(fold(NAME), text) >= 80, text


def test_a_gold_name_scanned_in_grey_is_read() -> None:
    """On a greyscale scan a gold name is light grey, lighter than the page's Otsu threshold."""
    gold = (212, 175, 55)
    page = printed([(BLACK_LINES[0], (0, 0, 0), 40), (NAME, gold, 80), (BLACK_LINES[1], (0, 0, 0), 40)])
    grey = np.asarray(Image.fromarray(page).convert("L"))
    name = np.all(np.abs(page.astype(np.int16) - (212, 175, 55)) < 8, axis=2)
    gray, record = suppress_colour(grey)
    assert record["applied"] is True and record["kept_text_regions"] == 1, record
    assert np.median(grey[name]) > 150 and np.percentile(gray[name], 50) < 90, record
    black = page.min(axis=2) < 30
    assert np.array_equal(gray[black], grey[black])  # the black print is left as it was
    text = fold(read(grey))
    assert fuzz.partial_ratio(fold(NAME), text) >= 80, text
    assert "диплом" in text


def test_grey_and_greyscale_pages_are_unchanged() -> None:
    flat = np.ascontiguousarray(printed([(BLACK_LINES[0], (0, 0, 0), 40)])[:, :, 0])
    gray, record = suppress_colour(np.dstack([flat] * 3))
    assert record["applied"] is False and np.array_equal(gray, flat)
    same, record = suppress_colour(flat)
    assert same is flat and record["applied"] is False
