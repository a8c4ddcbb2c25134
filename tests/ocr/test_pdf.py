"""The searchable PDF carries each page's stored PNG losslessly, without encoding it again."""

from __future__ import annotations

import io

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image

from ocr.model import Box, Line, PageResult, Word
from ocr.pdf import page_png, searchable_pdf


def page(width: int, height: int) -> PageResult:
    words = [Word(text="Диплом", box=Box(left=40, top=30, width=160, height=40), confidence=0.9)]
    return PageResult(number=1, width=width, height=height, lines=[Line(words=words)])


def pattern(mode: str, width: int = 300, height: int = 200) -> Image.Image:
    rng = np.random.default_rng(3)
    shape = (height, width) if mode == "L" else (height, width, 3)
    return Image.fromarray(rng.integers(0, 256, shape, dtype=np.uint8))


def rendered(pdf: bytes) -> np.ndarray:
    document = pdfium.PdfDocument(pdf)
    try:
        return np.asarray(document[0].render(scale=300 / 72).to_pil().convert("RGB"))
    finally:
        document.close()


@pytest.mark.parametrize("mode", ["L", "RGB"])
def test_the_png_rows_go_in_as_they_are_and_render_back_exactly(mode: str) -> None:
    image = pattern(mode)
    png = page_png(image)
    pdf = searchable_pdf([(page(*image.size), png)])
    idat_start = png.index(b"IDAT") + 4
    assert png[idat_start : idat_start + 2000] in pdf  # the compressed rows, not a new encoding
    assert b"/Predictor 15" in pdf and b"/DCTDecode" not in pdf
    assert np.array_equal(rendered(pdf), np.asarray(image.convert("RGB")))
    assert "Диплом" in pdfium.PdfDocument(pdf)[0].get_textpage().get_text_range()


def test_a_png_of_another_kind_is_converted_first() -> None:
    image = pattern("L").convert("P")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", interlace=1)
    pdf = searchable_pdf([(page(*image.size), buffer.getvalue())])
    assert np.array_equal(rendered(pdf), np.asarray(image.convert("RGB")))
