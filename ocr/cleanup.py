"""Cleanup of recognised words, changing only what a rule or the Kazakh word list can justify.

1. Latin look-alikes inside Cyrillic words become Cyrillic (a/а, e/е, o/о, c/с, p/р, x/х, i/і, ...), and
   the Latin schwa Ə/ə becomes the Kazakh Ә/ә; a lone 1 or 0 inside a Cyrillic word, small letters
   after it, is the і or о it looks like («Тэж1баев»).
2. Codes of digits with look-alike letters (education programme codes such as 6B04101) get Latin letters,
   which is how such codes are written.
3. On Kazakh lines, a word the Kazakh word list lacks is given the Kazakh letters Tesseract confuses
   (і/и, ә/а, ө/о, ү/у, ұ/у, қ/к, ғ/г, ң/н) where exactly that spelling is in the list.
Words with digits otherwise, series and numbers, and words of other lines are never touched; nor are
words of blocks in English (`Word.language == "eng"`): their Latin letters are what was printed.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache
from importlib import resources

from muragat.messages import Message
from muragat.text import KAZAKH_LETTERS
from ocr.model import Line, PageResult, Word
from ocr.steps import Code, Step, step

_LATIN_TO_CYRILLIC = str.maketrans("aeopcxyiAEOPCXYBHKMTIƏə", "аеорсхуіАЕОРСХУВНКМТІӘә")
_CYRILLIC_TO_LATIN = str.maketrans("АВЕКМНОРСТХ", "ABEKMHOPCTX")
_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_CODE = re.compile(r"^\d+[АВЕКМНОРСТХ]+\d{3,}$|^\d[АВЕКМНОРСТХ]\d+$")
_LETTERS = re.compile(r"^([^\w]*)([^\W\d_]+)([^\w]*)$")
_DIGIT_IN_WORD = re.compile(r"^[\u0400-\u04ff]+[10][а-яёәғқңөұүһі]{2,}$")

# Which letters Tesseract puts for which (both ways: it also adds a tail that is not there).
_CONFUSED: dict[str, str] = {
    "і": "и",
    "и": "і",
    "ә": "аэ",
    "а": "ә",
    "э": "ә",
    "ө": "о",
    "о": "ө",
    "ү": "уұ",
    "ұ": "уү",
    "у": "ұү",
    "қ": "к",
    "к": "қ",
    "ғ": "г",
    "г": "ғ",
    "ң": "н",
    "н": "ң",
}
MAX_CHANGES = 3
MAX_POSITIONS = 10
KAZAKH_LINE_SHARE = 0.5


@lru_cache(maxsize=1)
def kazakh_words() -> dict[str, int]:
    """The Kazakh word list, lower case, with each word's rank (0 = most frequent)."""
    text = resources.files("ocr").joinpath("data/kaz.wordlist").read_text(encoding="utf-8")
    words: dict[str, int] = {}
    for rank, word in enumerate(text.split()):
        words.setdefault(word.lower(), rank)
    return words


def fix_lookalikes(text: str) -> str:
    """Latin look-alikes inside a Cyrillic word, and Latin letters in a digit code, set right."""
    if _CYRILLIC.search(text) and _LATIN.search(text):
        return text.translate(_LATIN_TO_CYRILLIC)
    if _CODE.match(text):
        return text.translate(_CYRILLIC_TO_LATIN)
    if _DIGIT_IN_WORD.match(text):
        return text.replace("1", "і").replace("0", "о")
    return text.replace("Ə", "Ә").replace("ə", "ә")


def _with_case(original: str, lowered: str) -> str:
    if original.isupper() and len(original) > 1:
        return lowered.upper()
    return "".join(n.upper() if o.isupper() else n for o, n in zip(original, lowered, strict=True))


def kazakh_spelling(word: str) -> str | None:
    """The word-list spelling of `word` (letters only) with Kazakh letters Tesseract confused, or None."""
    words = kazakh_words()
    lowered = word.lower()
    if len(lowered) < 3 or lowered in words:
        return None
    positions = [i for i, ch in enumerate(lowered) if ch in _CONFUSED][:MAX_POSITIONS]
    best: tuple[int, int, str] | None = None
    for changes in range(1, MAX_CHANGES + 1):
        for chosen in itertools.combinations(positions, changes):
            for letters in itertools.product(*(_CONFUSED[lowered[i]] for i in chosen)):
                candidate = list(lowered)
                for i, letter in zip(chosen, letters, strict=True):
                    candidate[i] = letter
                spelled = "".join(candidate)
                rank = words.get(spelled)
                if rank is not None and (best is None or (changes, rank) < best[:2]):
                    best = (changes, rank, spelled)
        if best is not None:
            break
    return None if best is None else _with_case(word, best[2])


def _is_kazakh_line(line: Line) -> bool:
    words = kazakh_words()
    cyrillic = [
        w.text for w in line.words if w.language != "eng" and _CYRILLIC.search(w.text) and len(w.text) >= 2
    ]
    if not cyrillic:
        return False
    kazakh = sum(
        1
        for text in cyrillic
        if any(ch in KAZAKH_LETTERS for ch in text) or text.strip("«»\"'.,:;!?()-").lower() in words
    )
    return kazakh / len(cyrillic) >= KAZAKH_LINE_SHARE


def clean_page(result: PageResult) -> tuple[PageResult, Step]:
    changed: list[str] = []
    lines: list[Line] = []
    for line in result.lines:
        words: list[Word] = []
        for word in line.words:
            text = word.text if word.language == "eng" else fix_lookalikes(word.text)
            if text != word.text:
                changed.append(f"{word.text}->{text}")
            words.append(word if text == word.text else word.model_copy(update={"text": text}))
        if _is_kazakh_line(Line(words=words)):
            for index, word in enumerate(words):
                match = _LETTERS.match(word.text)
                if word.language == "eng" or not match or not _CYRILLIC.search(match.group(2)):
                    continue
                spelled = kazakh_spelling(match.group(2))
                if spelled:
                    text = match.group(1) + spelled + match.group(3)
                    changed.append(f"{word.text}->{text}")
                    words[index] = word.model_copy(update={"text": text})
        lines.append(Line(words=words))
    return result.model_copy(update={"lines": lines}), step(
        "cleanup",
        Message(Code.CLEANUP),
        changed=len(changed),
        changes=changed[:50],
    )
