"""read_page and read_document: the chain of stages, with the steps recorded."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from ocr import inspect_file, page_images, page_png, read_document, read_page, searchable_pdf
from tests.pages import FONT

SCANS = Path(__file__).resolve().parents[2] / "samples" / "scans"
STAGES = [
    "sheet",
    "ink",
    "despeckle",
    "background",
    "orientation",
    "deskew",
    "resolution",
    "denoise",
    "binarize",
    "qr",
    "layout",
]


def render_rgb(lines: list[str], size: int = 32) -> Image.Image:
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
    names = [step["step"] for step in result.steps]
    assert names[: len(STAGES)] == STAGES
    assert names[-4:] == ["recognize", "blocks", "cleanup", "language"]  # no number: no "digits" step
    assert all(step["why"] for step in result.steps)
    assert "диплом" in result.text
    assert result.language == "kk"
    assert result.rotation == 0 and result.qr_codes == []
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
    assert "Настоящий диплом выдан" in result.text
    assert result.language == "ru"
    assert result.confidence is not None and result.confidence > 0.85


def test_searchable_pdf_round_trips_through_its_text_layer() -> None:
    image = render_rgb(["Осы диплом Қалиева Шынар Нұрболатқызына", "бакалавр дәрежесі берілді"])
    first = list(read_document(_png(image), "page.png", languages="kaz+rus", max_pixels=10**8))
    assert len(first) == 1 and first[0].result.source == "tesseract"
    pdf = searchable_pdf([(p.result, page_png(p.image)) for p in first])
    second = list(read_document(pdf, "page.pdf", languages="kaz+rus", max_pixels=10**8))
    assert len(second) == 1
    layer = second[0].result
    assert layer.source == "text_layer"
    assert layer.steps[0]["used"] is True
    assert layer.text.split() == first[0].result.text.split()
    assert second[0].image.size == first[0].image.size  # rendered at 300 dpi, the size it was made at
    for ocr_word, layer_word in zip(first[0].result.words, layer.words, strict=True):
        assert abs(ocr_word.box.left - layer_word.box.left) <= 3
        assert abs(ocr_word.box.top - layer_word.box.top) <= 3


def _png(image: Image.Image) -> bytes:
    import io

    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
