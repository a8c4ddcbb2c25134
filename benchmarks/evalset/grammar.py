"""The grammar the printed text needs: Russian datives of names, Kazakh case endings, dates in words."""

from __future__ import annotations

from datetime import date

from .names import ru_spell, words
from .people import Person


def ru_dative_word(w: str, gender: str, kind: str) -> str:
    """Russian dative of a surname, first name or patronymic (already in Russian spelling)."""
    if kind == "patr":
        if w.endswith(("улы", "кызы")):
            return w
        if w.endswith("ич"):
            return w + "у"
        if w.endswith("на"):
            return w[:-1] + "е"
        return w
    if kind == "last":
        if gender == "M":
            return w + "у" if w.endswith(("ов", "ев", "ин", "ын", "ёв")) else w
        if w.endswith(("ова", "ева", "ина", "ына", "ёва")):
            return w[:-1] + "ой"
        return w
    # first names
    if w.endswith("ия"):
        return w[:-1] + "и"
    if w.endswith(("а", "я")):
        return w[:-1] + "е"
    if gender == "F":
        return w
    if w.endswith(("й", "ь")):
        return w[:-1] + "ю"
    if w[-1] in "аеиоуыэюяё":
        return w
    return w + "у"


def ru_dative(p: Person) -> str:
    return " ".join(
        ru_dative_word(ru_spell(w), p.gender, k)
        for w, k in ((p.last, "last"), (p.first, "first"), (p.patronymic, "patr"))
    )


BACK, FRONT = set("аоұыяёАОҰЫЯЁ"), set("әеөүіэиӘЕӨҮІЭИ")


def kk_back(w: str) -> bool:
    for ch in reversed(w):
        if ch in BACK:
            return True
        if ch in FRONT:
            return False
    return True


def kk_dative(w: str) -> str:
    """Kazakh dative of a word: possessive -ы/-і (ұлы, қызы, университеті) takes -на/-не."""
    back = kk_back(w)
    if w.endswith(("ұлы", "қызы", "ы", "і")) and len(w) > 3:
        return w + ("на" if back else "не")
    if w[-1].lower() in "кқпстфхцчшщ":
        return w + ("қа" if back else "ке")
    return w + ("ға" if back else "ге")


def kk_case(w: str, case: str) -> str:
    back = kk_back(w)
    if case == "dat":
        return kk_dative(w)
    if case == "acc":
        return w + "н" if w[-1] in "ыі" else w + ("ды" if back else "ді")
    if case == "loc":
        return w + ("нда" if back else "нде") if w[-1] in "ыі" else w + ("да" if back else "де")
    if case == "gen":
        return w + ("ның" if back else "нің") if w[-1] in "ыі" else w + ("тың" if back else "тің")
    if case == "abl":
        return w + ("нан" if back else "нен") if w[-1] in "ыі" else w + ("дан" if back else "ден")
    return w


def kk_phrase(s: str, case: str) -> str:
    head, _, last = s.rpartition(" ")
    return (head + " " if head else "") + kk_case(last, case)


def kk_name_dative(p: Person) -> str:
    return f"{p.last} {p.first} {kk_dative(p.patronymic)}"


KK_MONTHS = words("қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан")
RU_MONTHS = words("января февраля марта апреля мая июня июля августа сентября октября ноября декабря")


def kk_date(d: date) -> str:
    return f"{d.year} жылғы {d.day} {KK_MONTHS[d.month - 1]}"


def ru_date(d: date) -> str:
    return f"{d.day} {RU_MONTHS[d.month - 1]} {d.year} года"
