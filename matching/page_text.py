"""A page's text as one string with the position of every word in it, and the `Reader` that gathers a
page's readings: a value's words, and so its confidence and its place in the review UI, are the words
its span of the text covers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from matching.found import Found, Readings
from matching.patterns import PROGRAMME_CODE
from matching.templates import Zone
from ocr.model import PageResult, Word


@dataclass
class PageText:
    number: int
    text: str
    spans: list[tuple[int, int, Word]]
    width: int
    height: int

    def words(self, start: int, end: int) -> list[Word]:
        return [w for s, e, w in self.spans if s < end and e > start]

    def found(self, value: Any, start: int, end: int, weight: float = 1.0, **kw: Any) -> Found:
        words = self.words(start, end)
        ocr = sum(w.confidence for w in words) / len(words) if words else 0.5
        return Found(
            value,
            round(max(0.0, min(1.0, ocr * weight)), 3),
            self.number,
            [{"text": w.text, **w.box.model_dump()} for w in words],
            **kw,
        )

    def in_zone(self, start: int, end: int, zone: Zone | None) -> bool:
        if zone is None:
            return True
        words = self.words(start, end)
        if not words or not self.width or not self.height:
            return True
        x = sum(w.box.left + w.box.width / 2 for w in words) / len(words) / self.width
        y = sum(w.box.top + w.box.height / 2 for w in words) / len(words) / self.height
        return zone.left <= x <= zone.right and zone.top <= y <= zone.bottom


def page_text(result: PageResult) -> PageText:
    parts: list[str] = []
    spans: list[tuple[int, int, Word]] = []
    at = 0
    for line in result.lines:
        if not line.words:
            continue
        for i, word in enumerate(line.words):
            if i:
                parts.append(" ")
                at += 1
            spans.append((at, at + len(word.text), word))
            parts.append(word.text)
            at += len(word.text)
        parts.append("\n")
        at += 1
    return PageText(result.number, "".join(parts), spans, result.width, result.height)


def is_programme_code(page: PageText, start: int, end: int) -> bool:
    """A series-and-number match that is one word shaped like a programme code (6B07101, 6В07201)."""
    words = page.words(start, end)
    return len(words) == 1 and bool(PROGRAMME_CODE.match(words[0].text.strip("«»()-–,.;")))


@dataclass
class Reader:
    """Reads one page with the chosen profile's rules first and the generic ones after; a value already
    read at the same place is not counted twice."""

    page: PageText
    out: Readings
    seen: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    latin: list[list[str]] = field(default_factory=list)  # Latin names after an anchor

    def add(self, name: str, found: Found, start: int, end: int) -> None:
        """A reading, unless one of the same field was already taken from this place of the page."""
        spans = self.seen.setdefault(name, [])
        if any(s < end and start < e for s, e in spans):
            return
        spans.append((start, end))
        self.out.setdefault(name, []).append(found)
