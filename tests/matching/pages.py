"""OCR page results made from plain text, for extraction tests without Tesseract."""

from __future__ import annotations

from ocr.model import Box, Line, PageResult, Word


def page_from_text(text: str, number: int = 1, confidence: float = 0.95) -> PageResult:
    lines = []
    for row, line in enumerate(text.splitlines()):
        words = [
            Word(
                text=token,
                box=Box(left=40 + 60 * col, top=40 + 30 * row, width=55, height=24),
                confidence=confidence,
                line=row,
                position=col,
            )
            for col, token in enumerate(line.split())
        ]
        lines.append(Line(words=words))
    return PageResult(number=number, width=2000, height=2800, lines=lines)
