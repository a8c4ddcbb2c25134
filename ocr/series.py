"""Latin diploma series (BD, MD) read again with Tesseract's English model.

kaz+rus reads the Latin series of new diplomas as Cyrillic look-alikes ("BD" -> "ВО"). A series-shaped
word just before "№" made only of letters with Latin twins is re-read, all such words of a page in one
small read with `eng` on the process's persistent engine (`read_small`); the Latin reading wins only when
it has a letter no Cyrillic letter looks like (D, F, G, L, N, R, S, ...), so Cyrillic series (ЗВ, УВ,
ЖБ-Б) stay as they are.
"""

from __future__ import annotations

import re

import numpy as np
from PIL import Image

from muragat.messages import Message
from ocr.model import PageResult, Word
from ocr.steps import Code, Step, step
from ocr.tesseract import read_small

_AMBIGUOUS = re.compile(r"^[АВЕКМНОРСТХУ]{2,3}$")
_LATIN_SERIES = re.compile(r"^[A-Z]{2,3}$")
_NO_CYRILLIC_TWIN = frozenset("DFGIJLNQRSUVWZ")
_PAD = 20


def _candidates(result: PageResult) -> list[tuple[int, int, Word]]:
    found = []
    for line_index, line in enumerate(result.lines):
        for position, word in enumerate(line.words[:-1]):
            if _AMBIGUOUS.match(word.text) and line.words[position + 1].text.startswith("№"):
                found.append((line_index, position, word))
    return found


def reread_series(result: PageResult, image: np.ndarray, *, number: int) -> tuple[PageResult, Step | None]:
    """`result` with Latin series set right where the English model sees them; None when nothing to do."""
    candidates = _candidates(result)
    if not candidates:
        return result, None
    crops = []
    for _, _, word in candidates:
        box = word.box
        top, left = max(0, box.top - _PAD), max(0, box.left - _PAD)
        crops.append(image[top : box.top + box.height + _PAD, left : box.left + box.width + _PAD])
    width = max(c.shape[1] for c in crops) + 2 * _PAD
    rows = []
    for crop in crops:
        row = np.full((crop.shape[0] + _PAD, width), 255, dtype=np.uint8)
        row[_PAD // 2 : _PAD // 2 + crop.shape[0], _PAD : _PAD + crop.shape[1]] = crop
        rows.append(row)
    english = read_small(Image.fromarray(np.vstack(rows)), languages="eng", psm=6, number=number, dpi=300)
    readings = [line.text.replace(" ", "") for line in english.lines if line.words]
    if len(readings) != len(candidates):
        return result, step("series", Message(Code.SERIES_MISALIGNED))
    changed = []
    lines = [line.model_copy(deep=True) for line in result.lines]
    for (line_index, position, word), latin in zip(candidates, readings, strict=True):
        if _LATIN_SERIES.match(latin) and len(latin) == len(word.text) and set(latin) & _NO_CYRILLIC_TWIN:
            lines[line_index].words[position] = word.model_copy(update={"text": latin})
            changed.append(f"{word.text}->{latin}")
    return result.model_copy(update={"lines": lines}), step(
        "series",
        Message(Code.SERIES_REREAD),
        candidates=len(candidates),
        changes=changed,
    )
