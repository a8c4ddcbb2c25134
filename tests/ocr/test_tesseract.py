"""recognize() with the real Tesseract on small pages rendered here."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from muragat.errors import OcrFailed
from ocr.model import PageResult
from ocr.tesseract import available_languages, check_languages, recognize

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # Debian package fonts-dejavu-core


def render(lines: list[str], *, size: int = 36, width: int = 1000) -> Image.Image:
    """Black text on white, one line every 1.7 font sizes, in a font with Kazakh letters."""
    if not FONT.exists():
        pytest.fail(f"{FONT} missing: apt-get install fonts-dejavu-core")
    font = ImageFont.truetype(str(FONT), size)
    step = int(size * 1.7)
    image = Image.new("L", (width, step * len(lines) + 2 * size), 255)
    draw = ImageDraw.Draw(image)
    for index, line in enumerate(lines):
        draw.text((size, size + index * step), line, font=font, fill=0)
    return image


def assert_well_formed(result: PageResult, image: Image.Image) -> None:
    assert (result.width, result.height) == image.size
    assert result.source == "tesseract"
    for word in result.words:
        assert word.text.strip() == word.text and word.text
        assert 0.0 <= word.confidence <= 1.0
        box = word.box
        assert box.left >= 0 and box.top >= 0 and box.width > 0 and box.height > 0
        assert box.left + box.width <= image.width and box.top + box.height <= image.height
    assert result.confidence is not None and 0.5 < result.confidence <= 1.0


def test_omp_thread_limit_is_set() -> None:
    assert os.environ.get("OMP_THREAD_LIMIT")


def test_languages_installed() -> None:
    assert {"kaz", "rus"} <= available_languages()
    check_languages("kaz+rus")


def test_reads_a_kazakh_line() -> None:
    image = render(["Қазақстан Республикасы білім"])
    result = recognize(image, languages="kaz+rus", number=4)
    assert result.number == 4
    assert_well_formed(result, image)
    texts = [word.text for word in result.words]
    assert "Қазақстан" in texts or "Республикасы" in texts, texts
    assert len(result.lines) == 1


def test_reads_a_russian_line() -> None:
    image = render(["Настоящий диплом выдан"])
    result = recognize(image, languages="rus")
    assert_well_formed(result, image)
    assert {"диплом", "выдан"} & {word.text for word in result.words}, result.text


def test_words_grouped_into_lines_in_reading_order() -> None:
    image = render(["ДИПЛОМ бакалавр", "Тіркеу нөмірі 6782"])
    result = recognize(image, languages="kaz+rus")
    assert len(result.lines) == 2, result.text
    first, second = result.lines
    assert first.words[0].box.top + first.words[0].box.height <= second.words[0].box.top
    assert "6782" in second.text
    for index, line in enumerate(result.lines):
        assert [word.line for word in line.words] == [index] * len(line.words)
        assert [word.position for word in line.words] == list(range(len(line.words)))
        lefts = [word.box.left for word in line.words]
        assert lefts == sorted(lefts)


def test_does_not_change_the_callers_image() -> None:
    image = render(["ДИПЛОМ"])
    image.format = "JPEG"
    recognize(image, languages="rus")
    assert image.format == "JPEG"


def test_blank_page_has_no_words() -> None:
    result = recognize(Image.new("L", (300, 200), 255))
    assert result.lines == [] and result.text == "" and result.confidence is None


def test_missing_language_names_the_package() -> None:
    assert "fra" not in available_languages()
    with pytest.raises(OcrFailed, match=r"fra.*apt-get install tesseract-ocr-fra"):
        recognize(render(["ДИПЛОМ"]), languages="kaz+fra")


def test_tesseract_error_becomes_ocr_failed() -> None:
    with pytest.raises(OcrFailed, match=r"^Page 2: Tesseract failed") as caught:
        recognize(render(["ДИПЛОМ"]), psm=99, number=2)  # not a page segmentation mode
    assert caught.value.__cause__ is not None


def test_timeout_becomes_ocr_failed() -> None:
    with pytest.raises(OcrFailed, match="did not finish"):
        recognize(render(["ДИПЛОМ"]), timeout=0.001)


def test_pages_are_read_by_one_persistent_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    """No process start and no model loading per page: one engine per worker process reads every page."""
    from ocr import tesseract

    made: list[tuple[str, int]] = []
    factory = tesseract._new_engine

    def counted(languages: str, psm: int) -> object:
        made.append((languages, psm))
        return factory(languages, psm)

    def no_command(*args: object, **kwargs: object) -> None:
        raise AssertionError("the tesseract command was started")

    monkeypatch.setattr(tesseract, "_engine_factory", counted)
    monkeypatch.setattr(tesseract, "_engines", {})
    monkeypatch.setattr(tesseract.pytesseract, "image_to_data", no_command)
    for text in ("ДИПЛОМ", "Тіркеу нөмірі"):
        assert text in recognize(render([text]), languages="kaz+rus").text
    assert made == [("kaz+rus", 3)]


def test_without_tesserocr_the_command_reads_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    from ocr import tesseract

    image = render(["Осы диплом Қалиева Шынар", "Регистрационный номер 4521"])
    by_engine = recognize(image)

    def unavailable(languages: str, psm: int) -> object:
        raise ImportError("No module named 'tesserocr'")

    monkeypatch.setattr(tesseract, "_engine_factory", unavailable)
    monkeypatch.setattr(tesseract, "_engines", {})
    by_command = recognize(image)
    assert_well_formed(by_command, image)
    assert by_command.text == by_engine.text


def test_orientation_is_told_by_the_persistent_engine_as_the_command_tells_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """OSD through the process's engine (no process start) gives the command's turn and confidence for
    each of the four ways a page can lie."""
    from ocr import tesseract

    page = render(
        ["ДИПЛОМ БАКАЛАВРА", "Осы диплом Қалиева Шынар Асқарқызына", "Регистрационный номер 4521"] * 3
    )
    by_engine: list[tuple[int, float]] = []
    monkeypatch.setattr(tesseract, "_engines", {})

    def no_command(*args: object, **kwargs: object) -> None:
        raise AssertionError("the tesseract command was started")

    with monkeypatch.context() as patched:
        patched.setattr(tesseract.pytesseract, "image_to_osd", no_command)
        for counterclockwise in (0, 90, 180, 270):
            by_engine.append(tesseract.detect_orientation(page.rotate(counterclockwise, expand=True)))

    def unavailable(languages: str, psm: int) -> object:
        raise ImportError("No module named 'tesserocr'")

    monkeypatch.setattr(tesseract, "_engine_factory", unavailable)
    monkeypatch.setattr(tesseract, "_engines", {})
    by_command = [tesseract.detect_orientation(page.rotate(t, expand=True)) for t in (0, 90, 180, 270)]
    assert [r for r, _ in by_engine] == [0, 90, 180, 270]  # the clockwise turn back to upright
    assert [(r, round(c, 2)) for r, c in by_engine] == [(r, round(c, 2)) for r, c in by_command]
    blank = Image.new("L", (600, 400), 255)
    assert tesseract.detect_orientation(blank) == (0, 0.0)  # nothing to decide on, by either
