"""A step's why is a message: stored as its JSON, English where the export and logs read it, and in the
reader's language on the Steps tab."""

from __future__ import annotations

import numpy as np
from PIL import Image

from muragat.messages import Message, render
from ocr.deskew import deskew, rotate
from ocr.model import Box, Line, PageResult, Word
from ocr.pdf import page_png, searchable_pdf
from ocr.steps import Code, step
from ocr.text_layer import garbage_reason, text_layer_pages
from tests.pages import DIPLOMA_LINES, render_page


def test_a_step_stores_its_why_as_a_message() -> None:
    record = step("layout", Message(Code.LAYOUT_TOO_SMALL), spread=False)
    assert record["why"] == {"code": "ocr.layout.too_small", "params": {}} and record["spread"] is False
    assert render(record["why"], "en") == "page too small to split"  # type: ignore[arg-type]
    assert render(record["why"], "kk") == "бет бөлуге тым кішкентай"  # type: ignore[arg-type]


def test_a_measured_why_keeps_its_english_and_renders_in_kazakh_and_russian() -> None:
    gray = np.asarray(render_page(DIPLOMA_LINES))
    tilted = rotate(gray, 3.0)
    why = deskew(tilted, tilted)[2]["why"]
    assert why["code"] == Code.DESKEW_TILTED  # type: ignore[index]
    english = render(why, "en")  # type: ignore[arg-type]
    assert english.startswith("text lines tilted by ") and english.endswith("rotated level")
    angle = why["params"]["angle"]  # type: ignore[index]
    assert f"{angle} градус" in render(why, "kk")  # type: ignore[arg-type]
    assert f"{angle} градусов" in render(why, "ru")  # type: ignore[arg-type]


def test_the_text_layers_garbage_reason_is_a_message_nested_in_the_why() -> None:
    reason = garbage_reason("ab")
    assert reason is not None and str(reason) == "only 2 letters" and reason.render("ru") == "всего 2 букв"
    words = [Word(text="ab", box=Box(left=100, top=100, width=80, height=30), confidence=1.0)]
    page = PageResult(number=1, width=800, height=600, lines=[Line(words=words)])
    pdf = searchable_pdf([(page, page_png(Image.new("L", (800, 600), 255)))])
    [(layer, record)] = list(text_layer_pages(pdf, dpi=300))
    assert layer is None
    why = record["why"]
    assert why == {"code": "ocr.text_layer.unusable", "params": {"reason": reason.to_json()}}
    assert render(why, "en") == "no usable text layer (only 2 letters): OCR instead"  # type: ignore[arg-type]
    assert render(why, "kk") == "жарамды мәтін қабаты жоқ (небәрі 2 әріп): орнына OCR"  # type: ignore[arg-type]
