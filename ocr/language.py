"""Which language a page is in: Kazakh ("kk"), Russian ("ru") or both ("mixed"), from word-level evidence.

Each Cyrillic word is marked Kazakh, Russian or neither:
- Kazakh: it has a letter Russian lacks (ә ғ қ ң ө ұ ү һ і), a Latin "i" typed for "і", or it is one of a
  few common Kazakh words spelled without them ("осы", "бойынша", "туралы", ...);
- Russian: otherwise, it has a letter Kazakh words rarely have outside Russian loans (ё ъ э щ ь), it is
  one of a few Russian function words that are not Kazakh words ("и", "в", "на", "что", "года", ...), or
  it ends like a Russian adjective, verbal noun or reflexive verb (-ого, -ый, -ая, -ние, -ский, -тся, ...),
  which lets tables of names and subjects (ledgers) count too. (ы is no marker: Kazakh uses it as much.)

In running text about two in three Kazakh words are marked Kazakh, and about four in ten Russian words
marked Russian (measured on the UD Kazakh/Russian treebanks, KazNERD and the sample diplomas). Dividing
the observed shares by those rates estimates how much of the page each language covers. A page is
"mixed" when each covers at least a quarter of it (e.g. a Kazakh page beside a Russian one on a spread),
else it is the larger; a page whose Cyrillic words carry no Kazakh evidence is "ru". No Cyrillic words:
None.
"""

from __future__ import annotations

import re

from muragat.text import KAZAKH_LETTERS

_WORD = re.compile(r"[^\W\d_]+")
_RUSSIAN_LETTERS = frozenset("ёъэщьЁЪЭЩЬ")
_KAZAKH_WORDS = frozenset({"осы", "бойынша", "туралы", "немесе", "мен", "бен", "пен", "деп", "жылы", "сол"})
_RUSSIAN_WORDS = frozenset(
    {
        "и", "в", "во", "на", "по", "со", "ко", "об", "от", "из", "для", "что", "как", "это", "при", "или",
        "года", "году", "был", "была", "были", "также", "его", "её", "ее", "их", "который", "которые",
        "которая", "том", "но", "у", "за", "до",
    }
)  # fmt: skip
_RUSSIAN_ENDINGS = (
    "ого", "его", "ому", "ему", "ых", "ими", "ыми", "ый", "ая", "яя", "ое", "ее", "ние", "ский", "ская",
    "ское", "ских", "ство", "ства", "тся",
)  # fmt: skip

KAZAKH_MARK_RATE = 0.66  # share of words in Kazakh text that carry Kazakh evidence
RUSSIAN_MARK_RATE = 0.42  # share of words in Russian text that carry Russian evidence
MIXED_MIN_SHARE = 0.25  # each language must cover this much of the page for "mixed"


def _is_cyrillic(word: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in word)


def _kind(word: str) -> str | None:
    lowered = word.lower()
    if any(ch in KAZAKH_LETTERS for ch in word) or "i" in lowered or lowered in _KAZAKH_WORDS:
        return "kk"
    if any(ch in _RUSSIAN_LETTERS for ch in word) or lowered in _RUSSIAN_WORDS:
        return "ru"
    if len(lowered) >= 4 and lowered.endswith(_RUSSIAN_ENDINGS):
        return "ru"
    return None


def _covers(text: str) -> tuple[float, float] | None:
    """How much of `text` Kazakh and Russian each cover (estimated); None when it has no Cyrillic words."""
    words = 0
    kazakh = 0
    russian = 0
    for word in _WORD.findall(text):
        # Single letters are mostly OCR noise (specks, stamps), except the commonest Russian words.
        if not _is_cyrillic(word) or (len(word) < 2 and word.lower() not in _RUSSIAN_WORDS):
            continue
        words += 1
        kind = _kind(word)
        kazakh += kind == "kk"
        russian += kind == "ru"
    if not words:
        return None
    return kazakh / words / KAZAKH_MARK_RATE, russian / words / RUSSIAN_MARK_RATE


def page_language(text: str) -> str | None:
    """The language of a page's text: "kk", "ru" or "mixed"; None when it has no Cyrillic words."""
    covers = _covers(text)
    if covers is None:
        return None
    kazakh_cover, russian_cover = covers
    if kazakh_cover >= MIXED_MIN_SHARE and russian_cover >= MIXED_MIN_SHARE:
        return "mixed"
    return "kk" if kazakh_cover > russian_cover else "ru"


def block_language(text: str) -> str | None:
    """The Tesseract language of one block of Cyrillic text, "kaz" or "rus", by the same word evidence as
    `page_language` (the larger cover wins); None when no word carries evidence either way."""
    covers = _covers(text)
    if covers is None or covers == (0.0, 0.0):
        return None
    return "kaz" if covers[0] > covers[1] else "rus"
