"""page_language on Kazakh, Russian, mixed and letterless text."""

from __future__ import annotations

import pytest

from ocr.language import page_language

KAZAKH = (
    "Осы диплом Қалиева Шынар Нұрболатқызына 2011 жылы М. Әуезов атындағы Оңтүстік Қазақстан "
    "университетіне түсіп, 2015 жылы «Экономика» білім беру бағдарламасы бойынша толық курсын "
    "бітіргені туралы берілді."
)
RUSSIAN = (
    "Настоящий диплом выдан Калиевой Шынар Нурболаткызы в том, что она в 2011 году поступила "
    "в Южно-Казахстанский университет имени М. Ауэзова и в 2015 году окончила полный курс по "
    "образовательной программе «Экономика»."
)

# A Russian ledger listing graduates, some by their Kazakh names (samples/scans/ledger000.jpg).
LEDGER = """КНИГА РЕГИСТРАЦИИ ВЫДАННЫХ ДИПЛОМОВ 1990
Казахский политехнический институт имени В. И. Ленина
Рег. № | Фамилия, имя, отчество | Специальность | Серия и номер диплома | Дата выдачи
6560 | Ғабдуллаова Гүлмира Қайратқызы | прикладная математика | ЦВ № 958555 | 19.07.1990
8269 | Нұрғалиева Жібек Ғалымқызы | планирование народного хозяйства | ПВ № 894487 | 22.07.1989
6316 | Сарсенбайева Жибек Нурдаулетовна | педагогика и психология | ЗВ № 071180 | 29.06.1978
2742 | Ғабдуллаов Болат Ержанұлы | русский язык и литература | УВ № 489442 | 01.07.1981
"""


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (KAZAKH, "kk"),
        (KAZAKH.upper(), "kk"),
        (RUSSIAN, "ru"),
        (RUSSIAN.upper(), "ru"),
        (KAZAKH + "\n" + RUSSIAN, "mixed"),  # a Kazakh page beside a Russian one on a spread
        ("Мемлекеттік аттестаттау комиссиясының шешімімен бакалавр дәрежесі берілді", "kk"),
        (KAZAKH + " Экономика факультетінің бакалавры", "kk"),  # Russian loans in Kazakh text
        ("Бiлiм беру бағдарламасы", "kk"),  # Latin i typed for Kazakh і
        (LEDGER, "ru"),
        ("ДИПЛОМ", "ru"),  # Cyrillic without Kazakh letters
        ("", None),
        ("  № 0421208 — 25.07.2014 ", None),
        ("Diploma of Bachelor", None),
    ],
)  # fmt: skip
def test_page_language(text: str, language: str | None) -> None:
    assert page_language(text) == language


def test_a_russian_sentence_in_a_kazakh_page_keeps_it_kazakh() -> None:
    assert page_language(KAZAKH + " " + KAZAKH + " Решением комиссии.") == "kk"
