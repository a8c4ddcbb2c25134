"""Number-like words read again, digits only, in a few renderings of their crops.

On scans the digits of diploma and registration numbers are the weak spot of the page read (3 read as 5,
8/6/0/9 confused). `ocr` knows no diploma fields, so this stage works on number-like words generically:
a run of at least 4 digits or digit look-alikes (O О З з l I б Б) in a word, mostly digits ("0421208",
"89О126475215", the number of "ЖБ-Б№0421208"), and a short number (1-6 digits) right after a number anchor
(№, No, N°, нөмірі, номер) on the same line.

Each candidate's digit part is cropped and read with only digits allowed, in a few renderings (grey and
Otsu-binarised, at more than one scale); all candidates of a page are stacked into one image per
rendering, so a page costs one small read per rendering on the process's persistent engine
(`ocr.tesseract.read_small`), and nothing on a page without candidates.

The word keeps every digit reading seen in `Word.readings` (its own first, then the others by votes), for
later stages to vote with the number's other printed copies and the QR code. Its text changes only where
the renderings clearly agree (at least two thirds of them), none reads what the page read did, and the
length is the same; letters glued to the number (a series) stay as they are.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

from muragat.messages import Message
from ocr.glyphs import settle_three_five
from ocr.model import PageResult, Word
from ocr.steps import Code, Step, step
from ocr.tesseract import read_small

DIGITS = "0123456789"
_LOOKALIKES = str.maketrans("OОЗзlIбБ", "00331166")
_RUN = re.compile(r"[0-9OОЗзlIбБ]+")
_ANCHORS = frozenset({"№", "no", "no.", "n°", "nº", "нөмірі", "нөмір", "номер", "номері", "тіркеу№"})
_SHORT = re.compile(r"^[0-9OОЗзlIбБ]{1,6}$")
_PUNCTUATION = ".,;:)(«»\"'"
_YEAR = re.compile(r"^(19|20)\d\d$")
_CODE = re.compile(r"^\d+[^\W\d_]+\d{3,}$|^\d[^\W\d_]\d+$")
MIN_RUN = 4
MARGIN = 12  # white around each crop in the stacked image, pixels
AGREEMENT = 2 / 3  # share of the renderings that must agree before the text changes


@dataclass
class Candidate:
    line: int
    position: int
    word: Word
    start: int  # the digit part is word.text[start:end]
    end: int
    crop: np.ndarray
    voted: bool = True  # False: a year or programme code, read only by the English model and its shape


def _digit_part(text: str) -> tuple[int, int] | None:
    """Where the number is in a word: the run of digits and look-alikes with the most real digits, at
    least MIN_RUN long and mostly digits; look-alike letters at its ends glued to other letters dropped."""
    best: tuple[int, int, int] | None = None
    for match in _RUN.finditer(text):
        start, end = match.span()
        # "ВО0421208": the О belongs to the series before it, not to the number
        while start < end and text[start] not in DIGITS and start > 0 and text[start - 1].isalpha():
            start += 1
        while end > start and text[end - 1] not in DIGITS and end < len(text) and text[end].isalpha():
            end -= 1
        run = text[start:end]
        digits = sum(c in DIGITS for c in run)
        if len(run) >= MIN_RUN and digits * 2 > len(run) and (best is None or digits > best[0]):
            best = (digits, start, end)
    return None if best is None else (best[1], best[2])


def _is_anchor(text: str) -> bool:
    return text.strip(_PUNCTUATION).lower() in _ANCHORS or text.endswith("№")


def _short_number(text: str) -> tuple[int, int] | None:
    """A word that is a number of 1-6 digits (trailing punctuation and a glued "№" aside)."""
    start = 1 if text.startswith("№") else 0
    end = len(text.rstrip(_PUNCTUATION))
    part = text[start:end]
    if _SHORT.match(part) and any(c in DIGITS for c in part):
        return start, end
    return None


def _crop(image: np.ndarray, word: Word, start: int, end: int) -> np.ndarray | None:
    """The digit part of a word's box: the whole box, or the share of it the part's characters take, cut
    at the emptiest ink column near that boundary where letters are glued to the number."""
    box = word.box
    height, width = image.shape[:2]
    top, bottom = max(0, box.top - 2), min(height, box.top + box.height + 2)
    left, right = max(0, box.left - 2), min(width, box.left + box.width + 2)
    if bottom - top < 6 or right - left < 6:
        return None
    n = len(word.text)
    char = box.width / max(1, n)
    ink = (255 - image[top:bottom, :].astype(np.int32)).sum(axis=0)

    def cut(x: float) -> int:
        lo, hi = max(left, int(x - char / 2)), min(right, int(x + char / 2) + 1)
        return lo + int(np.argmin(ink[lo:hi])) if hi > lo else int(x)

    if start > 0:
        left = cut(box.left + char * start)
    if end < n:
        right = cut(box.left + char * end)
    if right - left < 6:
        return None
    return image[top:bottom, left:right]


def _skipped(text: str, start: int, end: int, after_anchor: bool) -> bool:
    """Years, dates and programme codes are not read in every rendering (they cost time and are not
    numbers a diploma is found by); only the English model's reading and the 3/5 shapes look at them."""
    part = text[start:end]
    if after_anchor:
        return False
    if _YEAR.match(part) and (start == 0 or text[start - 1] == "."):
        return True  # 2014, 19.07.1990
    return bool(_CODE.match(text.strip(_PUNCTUATION)))  # 6В02301, 7M05301


def _candidates(result: PageResult, image: np.ndarray) -> list[Candidate]:
    found = []
    for line_index, line in enumerate(result.lines):
        for position, word in enumerate(line.words):
            after_anchor = position > 0 and _is_anchor(line.words[position - 1].text)
            span = _digit_part(word.text)
            if span is None and (after_anchor or word.text.startswith("№")):
                span = _short_number(word.text)
            if span is None:
                continue
            crop = _crop(image, word, *span)
            if crop is not None:
                voted = not _skipped(word.text, *span, after_anchor)
                found.append(Candidate(line_index, position, word, span[0], span[1], crop, voted))
    return found


def _otsu(crop: np.ndarray) -> np.ndarray:
    return cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[1]


def _scale(crop: np.ndarray, factor: float) -> np.ndarray:
    if factor == 1:
        return crop
    return cv2.resize(crop, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)


def _thicker(crop: np.ndarray) -> np.ndarray:
    return cv2.erode(_otsu(crop), np.ones((2, 2), np.uint8))  # black ink grows


# The renderings each candidate is read in: (name, function of the grey crop). The step's why
# (Code.DIGITS_REREAD) names them in this order.
RENDERINGS = (
    ("grey", lambda c: c),
    ("Otsu", _otsu),
    ("Otsu thickened", _thicker),
)


def _stack(crops: list[np.ndarray]) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """Crops one under another on white, each with a margin; and each crop's rows (top, bottom)."""
    width = max(c.shape[1] for c in crops) + 2 * MARGIN
    rows, spans, y = [], [], 0
    for crop in crops:
        gap = max(MARGIN, crop.shape[0] // 2)
        row = np.full((crop.shape[0] + 2 * gap, width), 255, dtype=np.uint8)
        row[gap : gap + crop.shape[0], MARGIN : MARGIN + crop.shape[1]] = crop
        rows.append(row)
        spans.append((y, y + row.shape[0]))
        y += row.shape[0]
    return np.vstack(rows), spans


def _digits_of(result: PageResult) -> str:
    words = sorted(result.words, key=lambda w: w.box.left)
    return "".join(c for w in words for c in w.text if c in DIGITS)


def _read_rendering(crops: list[np.ndarray], *, languages: str, number: int) -> list[str]:
    """One rendering of every candidate, read in one stacked image; words are given to the crop whose rows
    hold their centre. A crop nothing came back for is read alone (a single line, then a single word)."""
    stacked, spans = _stack(crops)
    page = read_small(Image.fromarray(stacked), languages=languages, psm=6, number=number, whitelist=DIGITS)
    per_crop: list[list[Word]] = [[] for _ in crops]
    for word in page.words:
        centre = word.box.top + word.box.height / 2
        for index, (top, bottom) in enumerate(spans):
            if top <= centre < bottom:
                per_crop[index].append(word)
                break
    readings = []
    for index, words in enumerate(per_crop):
        reading = "".join(c for w in sorted(words, key=lambda w: w.box.left) for c in w.text if c in DIGITS)
        if not reading:
            single, _ = _stack([crops[index]])
            for psm in (7, 8):
                alone = read_small(
                    Image.fromarray(single), languages=languages, psm=psm, number=number, whitelist=DIGITS
                )
                reading = _digits_of(alone)
                if reading:
                    break
        readings.append(reading)
    return readings


def _fit(reading: str, own: str) -> str:
    """A reading one or two digits longer than the word's own: the window of its length that matches it
    best, since the box can hold a glyph the page read left out of the text ("№0421208" read "0421208")
    and a digits-only read makes a digit of it."""
    extra = len(reading) - len(own)
    if not own or not 0 < extra <= 2:
        return reading
    windows = [reading[i : i + len(own)] for i in range(extra + 1)]
    return min(windows, key=lambda w: sum(a != b for a, b in zip(w, own, strict=True)))


def _own(candidate: Candidate) -> str:
    return candidate.word.text[candidate.start : candidate.end].translate(_LOOKALIKES)


def _decide(original: str, votes: list[str], renderings: int) -> tuple[list[str], str | None]:
    """The word's readings (its own first, then the others by votes) and the reading that replaces its
    digit part, or None. `original` is the page read's digit part, look-alikes as they were read."""
    own = original.translate(_LOOKALIKES)
    counts = Counter(v for v in votes if v)
    readings = [own] + [r for r, _ in counts.most_common() if r != own]
    if not counts:
        return readings, None
    top, count = counts.most_common(1)[0]
    clear = count >= math.ceil(AGREEMENT * renderings) and len(top) == len(original)
    if not clear or top == original:
        return readings, None
    # a digit changes only where no rendering reads the page read's digits; look-alike letters ("89О1...")
    # become digits where the renderings agree with them
    if top == own or own not in counts:
        return readings, top
    return readings, None


def reread_numbers(
    result: PageResult, image: np.ndarray, *, number: int, languages: str = "kaz+rus"
) -> tuple[PageResult, Step]:
    """`result` with number-like words re-read digits only: their readings stored, and their digits set
    right where the re-reads clearly agree. `image` is the grey page the word boxes refer to; `languages`
    those of the page read (the English model alone reads serif 5 as 9)."""
    candidates = _candidates(result, image)
    if not candidates:
        return result, step("digits", Message(Code.DIGITS_NONE), candidates=0)
    votes: list[list[str]] = [[] for _ in candidates]
    # The first rendering is read for every candidate; the others only for those where it differs from
    # the page read: a change needs every rendering to differ, so the rest could not change a word that
    # the first one confirms, and the page is spared their time.
    pending = [i for i, c in enumerate(candidates) if c.voted]
    for index, (_, render) in enumerate(RENDERINGS):
        if not pending:
            break
        crops = [render(candidates[i].crop) for i in pending]
        readings = _read_rendering(crops, languages=languages, number=number)
        for i, reading in zip(pending, readings, strict=True):
            votes[i].append(_fit(reading, _own(candidates[i])))
        if index == 0:
            pending = [i for i in pending if votes[i][0] != _own(candidates[i])]
            if not pending:
                break
    # A second model's opinion, kept as a reading and never voted into the text: kaz+rus reads the 3 of
    # some faces as 5, eng the 5 of others as 9; the number's other copies, its QR code, its control digit
    # or the registry decide between them later.
    english = _read_rendering([RENDERINGS[0][1](c.crop) for c in candidates], languages="eng", number=number)
    lines = [line.model_copy(deep=True) for line in result.lines]
    changed, shaped, disagreements = [], [], 0
    for candidate, seen, english_reading in zip(candidates, votes, english, strict=True):
        word = candidate.word
        part = word.text[candidate.start : candidate.end]
        readings, replacement = _decide(part, seen, len(RENDERINGS))
        second = _fit(english_reading, _own(candidate))
        if second and len(second) == len(_own(candidate)) and second not in readings:
            readings.append(second)
        if any(v != _own(candidate) for v in seen) or (second and second != _own(candidate)):
            disagreements += 1
        # the models disagree between 3 and 5: the glyphs decide
        current = replacement if replacement is not None else _own(candidate)
        settled = settle_three_five(candidate.crop, current, second) if second else None
        if settled is not None and settled != current:
            replacement = settled
            shaped.append(f"{current}->{settled}")
        text = word.text
        if replacement is not None:
            text = word.text[: candidate.start] + replacement + word.text[candidate.end :]
            changed.append(f"{word.text}->{text}")
        lines[candidate.line].words[candidate.position] = word.model_copy(
            update={"text": text, "readings": readings}
        )
    return result.model_copy(update={"lines": lines}), step(
        "digits",
        Message(Code.DIGITS_REREAD),
        candidates=len(candidates),
        changed=changed,
        three_or_five=shaped,
        disagreements=disagreements,
    )
