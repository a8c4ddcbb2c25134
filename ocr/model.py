"""The OCR result model: one typed shape for what was read on a page.

Boxes are in pixels of the page image as stored, origin top-left; confidence is 0..1.
Built from Tesseract output in `ocr.tesseract` only, and read by matching, review and export alike.
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class Box(BaseModel):
    left: int
    top: int
    width: int
    height: int


class Word(BaseModel):
    text: str
    box: Box
    confidence: float = Field(ge=0.0, le=1.0)
    block: int = 0
    line: int = 0
    position: int = 0
    language: str | None = None  # Tesseract code of the block's language: kaz, rus or eng
    readings: list[str] = Field(default_factory=list)  # other readings of a number-like word (re-reads)


class Line(BaseModel):
    words: list[Word]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


class PageResult(BaseModel):
    """What one page yielded: its words in reading order, grouped into lines."""

    number: int
    width: int
    height: int
    lines: list[Line] = Field(default_factory=list)
    language: str | None = None  # kk, ru or mixed
    source: str = "tesseract"  # or "text_layer"
    steps: list[dict[str, object]] = Field(default_factory=list)  # what preprocessing did, and why
    rotation: int = 0  # clockwise degrees the page was turned to make it upright
    qr_codes: list[str] = Field(default_factory=list)  # decoded QR codes on the page

    @property
    def words(self) -> list[Word]:
        return [w for line in self.lines for w in line.words]

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines if line.words)

    @property
    def confidence(self) -> float | None:
        words = self.words
        if not words:
            return None
        return round(sum(w.confidence for w in words) / len(words), 4)
