"""PDF pages that carry a real text layer: their words (pdfplumber) instead of OCR, after a check that
the layer is text and not garbage (unmapped glyphs "(cid:12)", private-use or control characters, runs
of symbols), which is what broken font encodings and some scanners' fake layers produce."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterator
from contextlib import suppress
from typing import Any

import pdfplumber
from pdfminer.pdfparser import PDFSyntaxError

from muragat.messages import Message
from ocr.model import Box, Line, PageResult, Word
from ocr.steps import Code, Step, step

MIN_LETTERS = 20
MIN_GOOD_SHARE = 0.9
_CID = re.compile(r"\(cid:\d+\)")
_PUNCTUATION = set(".,;:!?-–—«»\"'()[]{}/\\№%+=*&@#$<>|_…“”„‘’")


def garbage_reason(text: str) -> Message | None:
    """Why a page's text layer cannot be trusted, or None when it reads as text."""
    letters = sum(ch.isalpha() for ch in text)
    if letters < MIN_LETTERS:
        return Message(Code.GARBAGE_FEW_LETTERS, letters=letters)
    if _CID.search(text):
        return Message(Code.GARBAGE_UNMAPPED)
    visible = [ch for ch in text if not ch.isspace()]
    good = sum(
        1
        for ch in visible
        if ch.isdigit()
        or ch in _PUNCTUATION
        or (ch.isalpha() and unicodedata.category(ch).startswith("L"))
        and ("\u0400" <= ch <= "\u04ff" or ch.isascii() or ch in "ƏəÄäÖöÜüİı")
    )
    share = good / len(visible)
    if share < MIN_GOOD_SHARE:
        return Message(Code.GARBAGE_FOREIGN, share=f"{share:.0%}")
    words = text.split()
    vowels = set("аеёиоуыэюяәөұүіaeiouy")
    voweled = sum(
        1 for w in words if any(ch.lower() in vowels for ch in w) or not any(ch.isalpha() for ch in w)
    )
    if words and voweled / len(words) < 0.7:
        return Message(Code.GARBAGE_NO_VOWELS)
    return None


def _page_result(
    words: list[dict[str, Any]], number: int, scale: float, width: int, height: int
) -> PageResult:
    lines: list[Line] = []
    last: dict[str, Any] | None = None
    for raw in words:
        text = str(raw["text"]).strip()
        if not text:
            continue
        new_line = (
            last is None
            or abs(float(raw["top"]) - float(last["top"]))
            > 0.5 * (float(last["bottom"]) - float(last["top"]))
            or float(raw["x0"]) < float(last["x0"])
        )
        if new_line:
            lines.append(Line(words=[]))
        last = raw
        left = max(0, min(width - 1, round(float(raw["x0"]) * scale)))
        top = max(0, min(height - 1, round(float(raw["top"]) * scale)))
        line = lines[-1]
        line.words.append(
            Word(
                text=text,
                box=Box(
                    left=left,
                    top=top,
                    width=max(1, min(width - left, round((float(raw["x1"]) - float(raw["x0"])) * scale))),
                    height=max(
                        1, min(height - top, round((float(raw["bottom"]) - float(raw["top"])) * scale))
                    ),
                ),
                confidence=1.0,
                line=len(lines) - 1,
                position=len(line.words),
            )
        )
    return PageResult(number=number, width=width, height=height, lines=lines, source="text_layer")


def text_layer_pages(data: bytes, *, dpi: int) -> Iterator[tuple[PageResult | None, Step]]:
    """For each page of a PDF: its words as a `PageResult` (boxes in pixels of the page rendered at `dpi`)
    when it has a usable text layer, else None; with the record of why."""
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except (PDFSyntaxError, ValueError, TypeError, KeyError) as e:
        yield None, step("text_layer", Message(Code.TEXT_LAYER_UNREADABLE, error=type(e).__name__))
        return
    with pdf:
        for number, page in enumerate(pdf.pages, 1):
            words: list[dict[str, Any]] = []
            text = ""
            with suppress(Exception):  # a damaged content stream means no usable layer, not a failed document
                words = page.extract_words(use_text_flow=True, keep_blank_chars=False, x_tolerance=1.5)
                text = " ".join(str(w["text"]) for w in words)
            if int(page.rotation or 0) % 360:
                yield None, step("text_layer", Message(Code.TEXT_LAYER_ROTATED), used=False)
                continue
            reason = garbage_reason(text)
            if reason:
                yield None, step("text_layer", Message(Code.TEXT_LAYER_UNUSABLE, reason=reason), used=False)
                continue
            scale = dpi / 72.0
            width, height = round(float(page.width) * scale), round(float(page.height) * scale)
            result = _page_result(words, number, scale, width, height)
            yield (
                result,
                step(
                    "text_layer",
                    Message(Code.TEXT_LAYER_USED),
                    used=True,
                    words=len(result.words),
                ),
            )
