"""Rows of ledgers and graduation orders: columns told by the header in any order, with or without the
table's rules read as «|», and OCR's «Мо» for № never taken for a name."""

from __future__ import annotations

from typing import Any

from matching.kind import document_kind
from matching.ledger import extract_ledger_rows, header_order
from tests.matching.pages import page_from_text


def values(text: str) -> list[dict[str, Any]]:
    return [{n: f.value for n, f in row.items()} for row in extract_ledger_rows([page_from_text(text)])]


RU_LEDGER = """КНИГА РЕГИСТРАЦИИ ВЫДАННЫХ ДИПЛОМОВ 2014
Казахский национальный педагогический университет имени Абая
Рег. Мо Серия и номер диплома Фамилия, имя, отчество Год окончания Специальность
744 ЖБ-Б Мо 8367348 Садықов Мирас Мұхтарұлы 2014 Филология
5854 ЖБ-Б 2943508 Ыбыраев Ғалым Ұланұлы 2014 Учет и аудит
2402 ЖБ-М № 0508243 Петрова Ирина Михайловна 2014 Агрономия
"""


def test_columns_run_together_are_told_by_the_header_order() -> None:
    assert header_order(RU_LEDGER) == [
        "registration_number", "diploma", "name", "graduation_year", "program_name"]  # fmt: skip
    rows = values(RU_LEDGER)
    assert [(r["last_name"], r["first_name"], r["patronymic"]) for r in rows] == [
        ("Садықов", "Мирас", "Мұхтарұлы"), ("Ыбыраев", "Ғалым", "Ұланұлы"),
        ("Петрова", "Ирина", "Михайловна")]  # fmt: skip
    assert [(r["diploma_series"], r["diploma_number"]) for r in rows] == [
        ("ЖБ-Б", "8367348"), ("ЖБ-Б", "2943508"), ("ЖБ-М", "0508243")]  # fmt: skip
    assert [r["registration_number"] for r in rows] == ["744", "5854", "2402"]
    assert {r["graduation_year"] for r in rows} == {2014}


def test_kazakh_header_with_the_registration_number_after_the_series() -> None:
    ledger = """ДИПЛОМДАРДЫ ТІРКЕУ КІТАБЫ 2012
Дипломның сериясы мен нөмірі Тіркеу № Тегі, аты, әкесінің аты Берілген күні
ЖБ-Б № 1276594 0871 Әбдірахманов Айдос Ұланұлы 26.06.2012
ЖБ-М 3768606 12 Ізбасарова Айжан Дастанқызы 22.06.2012
"""
    rows = values(ledger)
    assert [r["registration_number"] for r in rows] == ["871", "12"]
    assert [r["issue_date"] for r in rows] == ["2012-06-26", "2012-06-22"]
    assert [r["last_name"] for r in rows] == ["Әбдірахманов", "Ізбасарова"]


def test_an_order_numbers_its_rows_and_that_number_is_no_registration() -> None:
    order = """ПРИКАЗ
№ Ф.И.О. Программа Диплом
1 Ралымжанов Жандос Акылбекулы 6B08101 ЖБ-Б № 6854181
2 Тәжібаев Олжас Жандосұлы 6B04201 ЖБ-Б Мо 5817473
"""
    rows = values(order)
    assert [r["last_name"] for r in rows] == ["Ралымжанов", "Тәжібаев"]
    assert all("registration_number" not in r for r in rows)
    assert [r["program_code"] for r in rows] == ["6B08101", "6B04201"]


def test_cells_between_rules_follow_the_header_cells() -> None:
    ledger = """Книга регистрации выдачи дипломов 2016
Дата выдачи | Фамилия, имя, отчество | Рег. № | Серия и номер диплома
01.07.2016 | Виноградова Юлия Владимировна | 6320 | ЖБ-Б № 4156601
"""
    [row] = values(ledger)
    assert (row["last_name"], row["registration_number"], row["diploma_number"]) == (
        "Виноградова", "6320", "4156601")  # fmt: skip
    assert row["issue_date"] == "2016-07-01"


def test_an_order_whose_row_numbers_and_number_signs_ocr_lost_is_still_a_list() -> None:
    order = """БҰЙРЫҚ
Мемлекеттік аттестаттау комиссиясының 2015 жылғы 3 маусым шешімі негізінде
Төменде аталған білім алушылар 2015 жылы оқу орнын бітіруіне байланысты оқудан шығарылсын:
. Мырзахметова Гүлсім Бауыржанқызы — 5B023010 «Филология», ЖБ-Б № 2686247
. Никитин Евгений Геннадьевич - 6M031010 «Әлеуметтану», ЖБ-М Мо 2645720
. Макаров Александр Игоревич - 6M081010 «Агрономия», ЖБ-М Мо 2867184
"""
    assert document_kind([order])[0] == "ledger"  # not a diploma for its commission phrase
    rows = values(order)
    assert [(r["last_name"], r["diploma_number"], r["program_code"]) for r in rows] == [
        ("Мырзахметова", "2686247", "5B023010"), ("Никитин", "2645720", "6M031010"),
        ("Макаров", "2867184", "6M081010")]  # fmt: skip
