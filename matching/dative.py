"""Names back to the nominative, as the registry holds them.

The Russian diploma formula puts the whole name in the dative («выдан Турсыновой Салтанат Алиханкызы»);
the Kazakh formula adds the dative ending to the last word only («Осы диплом Оразбайева Құралай
Нұрдәулетқызына»). Kazakh patronymics (-ұлы, -қызы) do not decline in Russian; Kazakh given names
that end in a consonant do not decline for a woman. pymorphy3 knows Russian given names; surnames and
patronymics follow regular rules that also hold for Kazakh names in Russian form.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from matching.names import title

_VOWELS = "аеёиоуыэюяәөұүі"
_VOICELESS = "кқпстфхцчшщ"
_KAZAKH_PATRONYMIC = re.compile(r"(?:ұлы|улы|қызы|кызы|оглы|угли|кизи)$", re.IGNORECASE)
_MALE_PATRONYMIC = re.compile(r"(?:ұлы|улы|оглы|угли|вич|вичу|ичу|ич)$", re.IGNORECASE)
_FEMALE_PATRONYMIC = re.compile(r"(?:қызы|кызы|кизи|вна|вне|чна|чне|ична|ичне)$", re.IGNORECASE)
_FEMALE_SURNAME_DATIVE = re.compile(r"(?:ов|ев|ёв|ин|ын|ск|цк)ой$", re.IGNORECASE)
_MALE_SURNAME_DATIVE = re.compile(r"(?:ов|ев|ёв|ин|ын)у$|(?:ск|цк)ому$", re.IGNORECASE)


def kazakh_nominative(word: str) -> str:
    """Undo the Kazakh dative ending on the last word of a name: «Нұрдәулетқызына» → «Нұрдәулетқызы»,
    «Сергеевичке» → «Сергеевич», «Викторовнаға» → «Викторовна», «Айгерімге» → «Айгерім»."""
    low = word.lower()
    if re.search(r"(?:ұлы|улы|қызы|кызы)(?:на|не)$", low):
        return word[:-2]
    if len(low) > 4 and low[-2:] in ("ға", "ге", "га") and (low[-3] in _VOWELS or low[-3] not in _VOICELESS):
        return word[:-2]
    if len(low) > 4 and low[-2:] in ("қа", "ке", "ка") and low[-3] in _VOICELESS:
        return word[:-2]
    return word


def infer_female(words: list[str], context: str = "") -> bool | None:
    """The holder's sex from the patronymic, the surname's dative, or the formula («она поступила»)."""
    if len(words) >= 3:
        if _FEMALE_PATRONYMIC.search(words[2]):
            return True
        if _MALE_PATRONYMIC.search(words[2]):
            return False
    if words and _FEMALE_SURNAME_DATIVE.search(words[0]):
        return True
    if words and _MALE_SURNAME_DATIVE.search(words[0]):
        return False
    if re.search(r"\b(?:она|поступила|окончила)\b", context, re.IGNORECASE):
        return True
    if re.search(r"\b(?:он|поступил|окончил)\b", context, re.IGNORECASE):
        return False
    return None


def _surname(word: str, female: bool | None) -> str:
    low = word.lower()
    if female is not False and _FEMALE_SURNAME_DATIVE.search(low):
        return word[:-2] + ("ая" if low.endswith(("ской", "цкой")) else "а")
    if female is not True:
        if low.endswith(("скому", "цкому")):
            return word[:-3] + "ий"
        if _MALE_SURNAME_DATIVE.search(low):
            return word[:-1]
    return word


@functools.cache
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


def _first_name_by_dictionary(word: str, female: bool | None) -> str | None:
    gender = {True: "femn", False: "masc", None: None}[female]
    for parse in _morph().parse(word):
        tag = parse.tag
        # an indeclinable (Fixd) reading says nothing: rules decide those
        singular_dative = tag.case == "datv" and tag.number == "sing"
        if "Name" in tag and "Fixd" not in tag and singular_dative and gender in (None, tag.gender):
            return str(parse.normal_form)
    return None


def _first_name(word: str, female: bool | None) -> str:
    low = word.lower()
    if found := _first_name_by_dictionary(word, female):
        if "ё" not in low:
            found = found.replace("ё", "е")  # as printed: «Петру» is Петр
        # keep the printed spelling where the dictionary only changed the ending (ё, Kazakh letters)
        return word[: len(found) - 1] + found[-1] if found[:-1] == low[: len(found) - 1] else title(found)
    if female:
        if low.endswith("ии"):
            return word[:-1] + "я"
        if low.endswith("е") and len(low) > 2:
            return word[:-1] + "а"
        return word  # Kazakh women's names ending in a consonant do not decline
    if low.endswith("ю") and len(low) > 2:
        return word[:-1] + "й"
    if low.endswith("у") and len(low) > 2 and low[-2] not in _VOWELS:
        return word[:-1]
    return word


def _patronymic(word: str) -> str:
    low = word.lower()
    if _KAZAKH_PATRONYMIC.search(low):
        return word
    if low.endswith(("вичу", "ичу")):
        return word[:-1]
    if low.endswith(("вне", "чне")):
        return word[:-1] + "а"
    return word


def russian_nominative(words: list[str], context: str = "") -> list[str]:
    """Surname, given name and patronymic from the dative of «диплом выдан …»."""
    female = infer_female(words, context)
    out = list(words)
    if out:
        out[0] = _surname(out[0], female)
    if len(out) > 1:
        out[1] = _first_name(out[1], female)
    if len(out) > 2:
        out[2] = _patronymic(out[2])
    return out
