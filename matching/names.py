"""Name normalisation for comparison: the same Kazakh name is spelled with Kazakh letters in the registry,
with Russian letters on a Russian page, and with Latin look-alikes by the OCR now and then.

`fold` gives one spelling for all of them; `similarity` compares two names after folding.
"""

from __future__ import annotations

import functools

from rapidfuzz import fuzz

from muragat.text import fold as fold_text
from muragat.text import nfc, surname_block


@functools.lru_cache(maxsize=1 << 18)  # names repeat: a registry of a million has far fewer distinct ones
def fold(name: str | None) -> str:
    """One spelling for comparison (see muragat.text.fold), cached."""
    return fold_text(name)


def similarity(a: str | None, b: str | None) -> float:
    """0..1 after folding; 0 when either is missing. Where one name has ә and the other э, the э is taken
    for the ә that OCR often reads as it («Элия» is «Әлия»), not for Russian е as elsewhere."""
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return 0.0
    ratio = fuzz.ratio(fa, fb)
    la, lb = nfc(a or "").lower(), nfc(b or "").lower()
    if ("ә" in la and "э" in lb) or ("э" in la and "ә" in lb):
        ratio = max(ratio, fuzz.ratio(fold(la.replace("э", "ә")), fold(lb.replace("э", "ә"))))
    return ratio / 100.0


def block_key(surname: str | None) -> str:
    """The blocking key of a surname (muragat.text.surname_block): Қалиева and Калиев share it."""
    return surname_block(surname)


def title(word: str) -> str:
    """Capitalise each part of a hyphenated name: «жан-ахмет» → «Жан-Ахмет»."""
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


_LATIN_DIGRAPHS = (
    ("shch", "щ"),
    ("zh", "ж"),
    ("kh", "х"),
    ("ch", "ч"),
    ("sh", "ш"),
    ("ts", "ц"),
    ("yu", "ю"),
    ("ya", "я"),
    ("yo", "ё"),
    ("iy", "ий"),
    ("yi", "ый"),
    ("ye", "е"),
    ("gh", "ғ"),
    ("ng", "ң"),
)
_LATIN_LETTERS = str.maketrans("abvgdezijklmnoprstufhcyqwx", "абвгдезийклмнопрстуфхцықуx")


def latin_to_cyrillic(word: str) -> str:
    """A Latin transliteration back to Cyrillic letters, for comparison (ORAZBAYEVA → оразбаева,
    Nurdauletkyzy → нурдаулеткызы); not a spelling to show."""
    low = nfc(word).lower()
    for latin, cyrillic in _LATIN_DIGRAPHS:
        low = low.replace(latin, cyrillic)
    return low.replace("ay", "ай").translate(_LATIN_LETTERS)
