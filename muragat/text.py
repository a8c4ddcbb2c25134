"""Letters of Kazakh and Russian text and the foldings that compare them: the one place OCR cleanup,
matching, search and the review pages take them from. Imports nothing of ours.

The same Kazakh name is spelled with Kazakh letters in the registry, with Russian letters on a Russian
page, and now and then with Latin look-alikes by the OCR; folding gives them one spelling to compare.
"""

from __future__ import annotations

import re
import unicodedata

KAZAKH_SMALL = "әғқңөұүһі"
KAZAKH_LETTERS = frozenset(KAZAKH_SMALL + KAZAKH_SMALL.upper())
# Kazakh letters as Russian spelling writes them (Ә/А, Ғ/Г, Қ/К, Ң/Н, Ө/О, Ұ/У, Ү/У, Һ/Х, І/И)
KAZAKH_TO_RUSSIAN = str.maketrans("әғқңөұүһіӘҒҚҢӨҰҮҺІ", "агкноуухиАГКНОУУХИ")
# the other way: each Russian letter and the Kazakh letters written as it
RUSSIAN_TO_KAZAKH = {"а": "ә", "г": "ғ", "к": "қ", "н": "ң", "о": "ө", "у": "ұү", "х": "һ", "и": "і"}
# Latin letters that OCR puts in place of Cyrillic look-alikes, lower case (after casefold)
LATIN_TO_CYRILLIC = str.maketrans("aceopxykmhtbi", "асеорхукмнтви")

_NOT_LETTER = re.compile(r"[^\w]|[\d_]")
# Russian spelling of a Kazakh name often drops the й before е (Ыбырайев / Ыбыраев)
_Y_BEFORE_E = re.compile(r"(?<=[аоуыеи])йе")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def has_kazakh_letters(text: str) -> bool:
    return any(c in KAZAKH_LETTERS for c in text)


def fold_letters(text: str) -> str:
    """Lower case, NFC, ё as е, Kazakh letters as their Russian look-alikes; spaces and punctuation kept.
    What search indexes and looks up, and how the review pages compare a value with the registry's."""
    return nfc(text).casefold().replace("ё", "е").translate(KAZAKH_TO_RUSSIAN)


def fold(name: str | None) -> str:
    """One spelling of a name for comparison: `fold_letters`, Latin look-alikes as Cyrillic, э as е, no
    punctuation, spaces or digits, and йе as е."""
    if not name:
        return ""
    folded = fold_letters(name).translate(LATIN_TO_CYRILLIC).replace("э", "е")
    return _Y_BEFORE_E.sub("е", _NOT_LETTER.sub("", folded))


_FEMININE_ENDINGS = (("ова", "ов"), ("ева", "ев"), ("ина", "ин"), ("ская", "ский"))


def surname_block(surname: str | None) -> str:
    """The blocking key of a surname: folded, without the feminine ending, so Қалиева and Калиев share
    it; it is used to find candidates (the registry keeps it beside each graduate), never as evidence."""
    folded = fold(surname)
    for feminine, masculine in _FEMININE_ENDINGS:
        if folded.endswith(feminine):
            return folded[: -len(feminine)] + masculine
    return folded


FULL_NAME_KEY_LENGTH = 620  # three folded names of up to 200 letters and the spaces between them


def full_name_key(last_name: str | None, first_name: str | None, patronymic: str | None) -> str:
    """A graduate's full name as the name blocks compare it: each part folded, joined by spaces. The
    registry keeps it beside the names, so a block's names come from the database already folded."""
    return " ".join(fold(part) for part in (last_name, first_name, patronymic) if part)[:FULL_NAME_KEY_LENGTH]


def name_block_keys(
    last_name: str | None, first_name: str | None, patronymic: str | None
) -> tuple[str, str, str]:
    """A graduate's name blocks as the registry stores them: surname block, folded first name, the first
    four letters of the folded patronymic."""
    return surname_block(last_name)[:200], fold(first_name)[:200], fold(patronymic)[:4]
