"""Number re-reads (`ocr.digits`) and the persistent small-read engine (`ocr.tesseract.read_small`), with the
real Tesseract on number lines rendered here, clean and degraded (blur, low resolution, noise, JPEG)."""

from __future__ import annotations

import io
import re

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont
from rapidfuzz.distance import Levenshtein

import ocr.tesseract as tesseract
from ocr.digits import reread_numbers
from ocr.model import PageResult
from ocr.tesseract import read_small, recognize
from tests.pages import FONT

NUMBER_LINES = [
    ("ЖБ-Б № 0421208", "0421208"),
    ("Тіркеу нөмірі 3583", "3583"),
    ("ИИН 890126475215", "890126475215"),
    ("BD 09735674533", "09735674533"),
]


def render_line(text: str, *, size: int = 34) -> np.ndarray:
    font = ImageFont.truetype(str(FONT), size)
    image = Image.new("L", (int(size * 0.8 * len(text)) + 60, size * 2), 255)
    ImageDraw.Draw(image).text((30, size // 2), text, font=font, fill=0)
    return np.asarray(image)


def degraded(page: np.ndarray, *, seed: int, sigma: float = 1.6, scale: float = 0.42) -> np.ndarray:
    """Blurred, scanned at `scale` of the resolution with noise and JPEG, and scaled back up."""
    blurred = cv2.GaussianBlur(page.astype(np.float32), (0, 0), sigma)
    small = cv2.resize(blurred, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    small = small + np.random.default_rng(seed).normal(0, 14, small.shape)
    small = np.clip(small * 0.85 + 30, 0, 255).astype(np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(small).save(buffer, "JPEG", quality=35)
    scanned = np.asarray(Image.open(io.BytesIO(buffer.getvalue())).convert("L"))
    return cv2.resize(scanned, (page.shape[1], page.shape[0]), interpolation=cv2.INTER_LINEAR)


def read(image: np.ndarray) -> PageResult:
    return recognize(Image.fromarray(image), languages="kaz+rus", psm=7)


def digits_of(text: str) -> str:
    return re.sub(r"\D", "", text)


def best_digits(result: PageResult, truth: str) -> str:
    found = [digits_of(w.text) for w in result.words if digits_of(w.text)]
    return min(found, key=lambda d: Levenshtein.distance(d, truth)) if found else ""


def test_read_small_with_a_whitelist_reads_only_digits() -> None:
    image = Image.fromarray(render_line("ЖБ-Б № 0421208"))
    plain = read_small(image, languages="kaz+rus", psm=7)
    assert "ЖБ" in plain.text and "0421208" in plain.text  # the whitelist of one call is not kept
    digits = read_small(image, languages="kaz+rus", psm=7, whitelist="0123456789")
    assert digits.text and set(digits.text) <= set("0123456789 "), digits.text
    assert "0421208" in digits.text.replace(" ", "")
    assert (digits.width, digits.height) == image.size and digits.source == "tesseract"
    again = read_small(image, languages="kaz+rus", psm=7)
    assert again.text == plain.text


def test_read_small_falls_back_to_the_tesseract_command(monkeypatch: pytest.MonkeyPatch) -> None:
    def unavailable(languages: str, psm: int) -> object:
        raise ImportError("No module named 'tesserocr'")

    commands = []
    command = tesseract._read_with_command

    def counted(*args: object, **kwargs: object) -> dict[str, list[object]]:
        commands.append(args)
        return command(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(tesseract, "_engine_factory", unavailable)
    monkeypatch.setattr(tesseract, "_engines", {})
    monkeypatch.setattr(tesseract, "_read_with_command", counted)
    image = Image.fromarray(render_line("Тіркеу нөмірі 3583"))
    result = read_small(image, languages="kaz+rus", psm=7, whitelist="0123456789")
    assert len(commands) == 1
    assert "3583" in result.text.replace(" ", "") and set(result.text) <= set("0123456789 ")


@pytest.mark.parametrize(("text", "truth"), NUMBER_LINES)
def test_degraded_numbers_get_their_readings_and_are_never_made_worse(text: str, truth: str) -> None:
    for seed in range(2):
        image = degraded(render_line(text), seed=seed)
        first = read(image)
        after, record = reread_numbers(first, image, number=1)
        assert record["step"] == "digits"
        numbers = [w for w in after.words if len(digits_of(w.text)) >= 4]
        assert numbers and record["candidates"] >= 1, (first.text, record)
        for word, before in zip(after.words, first.words, strict=True):
            if not any(c.isdigit() for c in before.text):
                assert word == before  # a word without digits is never touched
                continue
            assert word.readings and word.readings[0] == digits_of(before.text), word
            assert len(set(word.readings)) == len(word.readings)
            assert len(word.text) == len(before.text)
        errors = Levenshtein.distance(best_digits(first, truth), truth)
        assert Levenshtein.distance(best_digits(after, truth), truth) <= errors, (first.text, after.text)


def test_a_clear_majority_sets_a_misread_digit_right() -> None:
    """The page read's 3 -> 5 (given here to the word of a legible line): every rendering reads 3."""
    image = degraded(render_line("Тіркеу нөмірі 3583"), seed=1, sigma=1.0, scale=0.6)
    first = read(image)
    number = next(w for w in first.words if digits_of(w.text) == "3583")
    misread = first.model_copy(deep=True)
    misread.lines[number.line].words[number.position].text = "5583"
    after, record = reread_numbers(misread, image, number=1)
    word = after.lines[number.line].words[number.position]
    assert word.text == "3583", record
    assert word.readings == ["5583", "3583"]
    assert record["changed"] == ["5583->3583"]
    assert [w.text for w in after.words if w is not word] == [w.text for w in first.words if w != number]


def test_glued_series_stays_and_look_alike_letters_count_as_digits() -> None:
    image = render_line("ЖБ-Б №0421208   ИИН 89О126475215")
    first = read(image)
    glued = next(w for w in first.words if "0421208" in w.text)
    misread = first.model_copy(deep=True)
    prefix = glued.text[: glued.text.index("0421208")]
    misread.lines[glued.line].words[glued.position].text = prefix + "0421206"
    after, record = reread_numbers(misread, image, number=1)
    fixed = after.lines[glued.line].words[glued.position]
    assert fixed.text == prefix + "0421208", record
    assert fixed.readings[:2] == ["0421206", "0421208"]
    iin = next(w for w in after.words if w.text.startswith("89"))
    assert iin.readings[0] == "890126475215"


def test_page_without_numbers_costs_no_read(monkeypatch: pytest.MonkeyPatch) -> None:
    image = render_line("Осы диплом берілді")
    first = read(image)
    monkeypatch.setattr("ocr.digits.read_small", lambda *a, **k: pytest.fail("no read expected"))
    after, record = reread_numbers(first, image, number=1)
    assert after == first and record["candidates"] == 0
