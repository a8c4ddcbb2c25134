"""One page image -> a `PageResult`: the stages a page goes through, each recorded with why it ran."""

from __future__ import annotations

from PIL import Image

from ocr.language import page_language
from ocr.model import PageResult
from ocr.tesseract import recognize


def read_page(image: Image.Image, *, number: int, languages: str) -> PageResult:
    """Grayscale -> Tesseract -> page language. Deskew and rotation stages come later."""
    steps: list[dict[str, object]] = []
    gray = image if image.mode == "L" else image.convert("L")
    steps.append(
        {
            "step": "grayscale",
            "why": "Tesseract binarises a single channel; colour only costs time and memory",
            "from_mode": image.mode,
        }
    )
    result = recognize(gray, languages=languages, number=number)
    steps.append({"step": "recognize", "why": f"Tesseract with {languages}", "words": len(result.words)})
    result.language = page_language(result.text)
    steps.append(
        {"step": "language", "why": "Kazakh- and Russian-only letters and words", "language": result.language}
    )
    result.steps = steps
    return result
