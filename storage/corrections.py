"""A person's reading of OCR lines, applied to the page's words and text.

A line is the words of one (block, line) of a page, in reading order. A correction replaces their text:
word for word where the person's words are as many as OCR's (the boxes stay), else new words that share
the line's box in proportion to their length, so the searchable PDF's text layer still lies over the
line. The page's text is made again from its words, so search, the export and the PDF read the
corrected text. The correction is kept in its own row (`LineCorrection`, with revisions): a re-OCR
replaces the words, and `reapply` then finds each corrected line again, as the new line its box overlaps
most, and puts the person's text back (human work wins over machine work).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass

from sqlmodel import Session, col, select

from muragat.errors import Conflict, InvalidInput, NotFound
from muragat.messages import Message
from muragat.messages.catalog.errors import Code
from storage import queries
from storage.models import LineCorrection, OcrWord, Page
from storage.revisions import changes_by
from storage.types import utcnow

MIN_OVERLAP = 0.5  # of the smaller box: a re-read line is the same line when it overlaps this much


@dataclass(frozen=True)
class TextLine:
    block: int
    line: int
    left: int
    top: int
    width: int
    height: int
    text: str
    confidence: float
    corrected_by: str | None  # who corrected or confirmed it; None where it is as OCR read it
    ocr_text: str | None  # what OCR read, where a person corrected it


def _box(words: list[OcrWord]) -> tuple[int, int, int, int]:
    left = min(w.left for w in words)
    top = min(w.top for w in words)
    right = max(w.left + w.width for w in words)
    bottom = max(w.top + w.height for w in words)
    return left, top, right - left, bottom - top


def _words(session: Session, page_id: uuid.UUID) -> dict[tuple[int, int], list[OcrWord]]:
    lines: dict[tuple[int, int], list[OcrWord]] = defaultdict(list)
    rows = session.exec(
        select(OcrWord)
        .where(OcrWord.page_id == page_id)
        .order_by(col(OcrWord.block), col(OcrWord.line), col(OcrWord.position))
    )
    for word in rows:
        lines[(word.block, word.line)].append(word)
    return lines


def _corrections(session: Session, document_id: uuid.UUID, page_number: int) -> list[LineCorrection]:
    return list(
        session.exec(
            select(LineCorrection).where(
                LineCorrection.document_id == document_id, LineCorrection.page_number == page_number
            )
        )
    )


def page_lines(session: Session, page: Page) -> list[TextLine]:
    """The page's lines in reading order, each with its box and who corrected it (a correction not found
    again after a re-OCR has a negative key and matches no line)."""
    corrected = {(c.block, c.line): c for c in _corrections(session, page.document_id, page.number)}
    out = []
    for (block, line), words in _words(session, page.id).items():
        left, top, width, height = _box(words)
        c = corrected.get((block, line))
        out.append(
            TextLine(
                block,
                line,
                left,
                top,
                width,
                height,
                " ".join(w.text for w in words),
                round(sum(w.confidence for w in words) / len(words), 3),
                c.actor if c else None,
                c.ocr_text if c else None,
            )  # fmt: skip
        )
    return out


def correct_line(
    session: Session, document_id: uuid.UUID, page_number: int, block: int, line: int, text: str, actor: str,
    reason: str, expected: str | None = None,
) -> LineCorrection:  # fmt: skip
    """Set what one line says (a confirmation where it is what OCR read), as a revision by `actor`;
    refused where the line no longer reads `expected` (what the reviewer saw: it was read again)."""
    queries.document(session, document_id, lock=True)
    page = queries.page(session, document_id, page_number)
    words = _words(session, page.id).get((block, line))
    if not words:
        raise NotFound(
            Message(Code.LINE_NOT_FOUND, id=str(document_id), page=page_number, block=block, line=line)
        )
    text = " ".join(text.split())
    if not text:
        raise InvalidInput(Message(Code.LINE_EMPTY))
    now = " ".join(w.text for w in words)
    if expected is not None and " ".join(expected.split()) != now:
        raise Conflict(Message(Code.LINE_CHANGED, page=page_number, now=now))
    existing = next(
        (c for c in _corrections(session, document_id, page_number) if (c.block, c.line) == (block, line)),
        None,
    )
    left, top, width, height = _box(words)
    with changes_by(session, actor, reason):
        if existing is None:
            existing = LineCorrection(
                document_id=document_id, page_number=page_number, block=block, line=line, left=left, top=top,
                width=width, height=height, ocr_text=" ".join(w.text for w in words), text=text, actor=actor,
            )  # fmt: skip
            session.add(existing)
        else:
            existing.text, existing.actor, existing.updated_at = text, actor, utcnow()
        _put_text(session, page, words, text)
    return existing


def _put_text(session: Session, page: Page, words: list[OcrWord], text: str) -> None:
    tokens = text.split()
    if len(tokens) == len(words):
        for word, token in zip(words, tokens, strict=True):
            word.text, word.confidence = token, 1.0
            word.readings = []  # OCR's other readings of the word give way to what the person wrote
    else:  # as many words as the person wrote, sharing the line's box by their length
        left, top, width, height = _box(words)
        first = words[0]
        for word in words:
            session.delete(word)
        session.flush()
        total = sum(len(t) + 1 for t in tokens) or 1
        x = left
        for position, token in enumerate(tokens):
            share = round(width * (len(token) + 1) / total)
            session.add(
                OcrWord(
                    page_id=page.id,
                    block=first.block,
                    line=first.line,
                    position=position,
                    text=token,
                    left=x,
                    top=top,
                    width=max(1, share - 1),
                    height=height,
                    confidence=1.0,
                    language=first.language,
                )  # fmt: skip
            )
            x += share
    session.flush()
    page.text = "\n".join(" ".join(w.text for w in line) for line in _words(session, page.id).values())


def _overlap(c: LineCorrection, box: tuple[int, int, int, int]) -> float:
    left, top, width, height = box
    dx = min(c.left + c.width, left + width) - max(c.left, left)
    dy = min(c.top + c.height, top + height) - max(c.top, top)
    if dx <= 0 or dy <= 0:
        return 0.0
    return dx * dy / max(1, min(c.width * c.height, width * height))


def reapply(session: Session, document_id: uuid.UUID) -> int:
    """After a re-OCR wrote new words: each correction moves to the new line its box overlaps most and
    its text replaces that line's; returns how many were put back. One whose line cannot be found again
    (another page layout) is kept, unapplied, with its text and history."""
    applied = 0
    pages = {p.number: p for p in session.exec(select(Page).where(Page.document_id == document_id))}
    for number, page in pages.items():
        corrections = _corrections(session, document_id, number)
        if not corrections:
            continue
        lines = _words(session, page.id)
        taken: set[tuple[int, int]] = set()
        placed: list[tuple[LineCorrection, tuple[int, int]]] = []
        unplaced: list[LineCorrection] = []
        for c in corrections:
            best = max(lines, key=lambda key: _overlap(c, _box(lines[key])), default=None)
            if best is None or best in taken or _overlap(c, _box(lines[best])) < MIN_OVERLAP:
                unplaced.append(c)
                continue
            taken.add(best)
            placed.append((c, best))
        # every key out of the way first (negative keys are free), then the placed ones on their lines;
        # one not found again keeps a negative key: kept with its history, left out of training
        for n, c in enumerate(corrections):
            c.block, c.line = -1_000_000 - n, -2  # keys no correction holds
        session.flush()
        for n, c in enumerate(unplaced):
            c.block, c.line = -1 - n, -1
        for c, (block, line) in placed:
            c.block, c.line = block, line
            c.left, c.top, c.width, c.height = _box(lines[(block, line)])
            if " ".join(w.text for w in lines[(block, line)]) != c.text:
                _put_text(session, page, lines[(block, line)], c.text)
                lines = _words(session, page.id)
            applied += 1
        session.flush()
    return applied
