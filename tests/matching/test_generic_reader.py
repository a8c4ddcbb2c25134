"""Fields by labels and positions in kk/ru/en, whatever the template: series formats, programme codes that
are never diploma numbers, names found by their size and checked against the Latin name, QR links, the
kind from several signals, and an honest status where no key field was read."""

from __future__ import annotations

import pytest

from matching.decisions import document_status
from matching.fields import extract_fields
from matching.kind import classify, document_kind
from matching.qr_fields import parse_qr
from muragat.messages import Message
from muragat.messages.catalog.matching import Code
from ocr.model import Box, Line, PageResult, Word
from storage.models import DocumentStatus
from tests.matching.pages import page_from_text


def values(text: str) -> dict[str, object]:
    return extract_fields([page_from_text(text)]).values()


def test_a_programme_code_is_never_a_series_and_number() -> None:
    got = values("ДИПЛОМ\n2014 жылы 6В07201 - «Мұнай-газ ісі»\nбакалавр дәрежесі берілді")
    assert "diploma_number" not in got and "diploma_series" not in got
    assert got["program_code"] == "6B07201"
    got = values("ЖБ-Б № 0421208\n2014 жылы 6В07201 - «Мұнай-газ ісі»")
    assert (got["diploma_series"], got["diploma_number"]) == ("ЖБ-Б", "0421208")
    assert values("в 2019 году 5В070200 «Автоматизация»").get("diploma_number") is None


def test_an_old_code_whose_letter_was_read_as_8() -> None:
    got = values("ДИПЛОМ\nЖБ-Б № 0421208\nобразовательной программе 58031010 - «Социология»")
    assert got["program_code"] == "5B031010" and got["diploma_number"] == "0421208"
    assert values("ДИПЛОМ\nБілім беру бағдарламасы: 58054010 Математика")["program_code"] == "5B054010"
    assert "program_code" not in values("ДИПЛОМ\nЖСН 58031010")  # eight digits alone are no code


@pytest.mark.parametrize(
    ("printed", "series", "number"),
    [
        ("BD № 09735674533", "BD", "09735674533"),
        ("ВD № 097356745", "BD", "097356745"),  # mixed script, as kaz+rus reads it
        ("MD 0987654321", "MD", "0987654321"),
        ("ЗВ № 882773", "ЗВ", "882773"),  # Soviet
        ("ЖОБ № 0012345", "ЖОБ", "0012345"),
    ],
)
def test_series_formats(printed: str, series: str, number: str) -> None:
    got = values(f"ДИПЛОМ\n{printed}")
    assert (got["diploma_series"], got["diploma_number"]) == (series, number)


def test_english_anchors() -> None:
    got = values(
        "This is to certify that\nOrazbayeva Kuralay Nurdauletkyzy\n"
        "was awarded the degree of Bachelor of Engineering\nRegistration No. 4521\n"
        "Protocol No. 7 of 20.06.2023\nentered in 2019 and graduated in 2023"
    )
    assert got["registration_number"] == "4521"
    assert got["degree"] == "bachelor"
    assert got["protocol_number"] == "7" and got["protocol_date"] == "2023-06-20"
    assert (got["enrollment_year"], got["graduation_year"]) == (2019, 2023)
    # a Latin name alone is read into Cyrillic letters, to be compared with the registry's
    assert got["last_name"] == "Оразбаева"


def test_soviet_wording_in_the_nominative() -> None:
    got = values(
        "СОЮЗ СОВЕТСКИХ СОЦИАЛИСТИЧЕСКИХ РЕСПУБЛИК\nДИПЛОМ\nУВ № 489442\n"
        "Предъявитель настоящего диплома Касымов Алихан Азаматович\nв 1976 году поступил в Казахский "
        "государственный университет\nи в 1981 году окончил полный курс\nРешением Государственной "
        "экзаменационной комиссии\nприсвоена квалификация инженера-механика"
    )
    assert (got["last_name"], got["first_name"], got["patronymic"]) == ("Касымов", "Алихан", "Азаматович")
    assert (got["diploma_series"], got["diploma_number"]) == ("УВ", "489442")
    assert got["qualification"] == "инженера-механика" and got["degree"] == "specialist"
    assert (got["enrollment_year"], got["graduation_year"]) == (1976, 1981)


def test_labelled_name_parts() -> None:
    got = values("ДИПЛОМҒА ҚОСЫМША\nТегі: ОРАЗБАЕВА\nАты: Құралай\nӘкесінің аты: Нұрдәулетқызы")
    assert (got["last_name"], got["first_name"], got["patronymic"]) == (
        "Оразбаева",
        "Құралай",
        "Нұрдәулетқызы",
    )


def _line(texts: list[str], top: int, height: int, left: int = 100) -> Line:
    words = []
    for i, text in enumerate(texts):
        box = Box(left=left + i * (height * len(text)), top=top, width=height * len(text), height=height)
        words.append(Word(text=text, box=box, confidence=0.93, line=top // 10, position=i))
    return Line(words=words)


def test_a_name_with_no_anchor_is_found_by_its_size_and_checked_against_the_latin_one() -> None:
    """An own-format page: the name set large in each column, no formula before it."""
    small = ["Әл-Фараби", "атындағы", "Қазақ", "ұлттық", "университеті"]
    lines = [
        _line(["ҚАЗАҚСТАН", "РЕСПУБЛИКАСЫ"], 50, 30),
        _line(small, 200, 30),
        _line(["ОРАЗБАЕВА", "ҚҰРАЛАЙ", "НҰРДӘУЛЕТҚЫЗЫ"], 400, 70),
        _line(["Тіркеу", "№", "4521"], 700, 30),
        _line(["ORAZBAYEVA", "KURALAY", "NURDAULETKYZY"], 900, 70, left=1800),
        _line(["Registration", "No.", "4521"], 1200, 30, left=1800),
        _line(["BD", "№", "097356745"], 1300, 30, left=1800),
    ]
    page = PageResult(number=1, width=3500, height=2480, lines=lines)
    found = extract_fields([page]).fields
    assert (found["last_name"].value, found["first_name"].value) == ("Оразбаева", "Құралай")
    assert found["patronymic"].value == "Нұрдәулетқызы"
    assert Message(Code.NAME_BY_SIZE) in found["last_name"].flags
    assert Message(Code.LATIN_NAME_AGREES) in found["last_name"].flags
    assert found["registration_number"].value == "4521"


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (
            "https://epvo.kz/verify?series=BD&number=097356745",
            {"diploma_series": "BD", "diploma_number": "097356745"},
        ),
        (
            "https://diploma.enu.kz/check/BD09735674533",
            {"diploma_series": "BD", "diploma_number": "09735674533"},
        ),
        (
            '{"series": "MD", "number": "0987654321", "reg": "0452"}',
            {"diploma_series": "MD", "diploma_number": "0987654321", "registration_number": "452"},
        ),  # fmt: skip
        ("https://univer.kz/d?number=BD097356745", {"diploma_series": "BD", "diploma_number": "097356745"}),
    ],
)
def test_verification_links(payload: str, expected: dict[str, str]) -> None:
    assert parse_qr(payload) == expected


def test_qr_counts_as_a_separate_reading() -> None:
    page = page_from_text("BD № 097356745")
    page.qr_codes = ["https://epvo.kz/verify?series=BD&number=097356745"]
    found = extract_fields([page]).fields["diploma_number"]
    assert found.value == "097356745" and found.confidence > 0.99


def test_a_qr_code_beats_any_number_of_ocr_readings() -> None:
    page = page_from_text("ММ № 9814304555\nДИПЛОМ\nММ № 9814304555")  # NM read twice as ММ
    page.qr_codes = ["series=NM&number=9814304555&reg=7503"]
    found = extract_fields([page]).fields
    assert (
        found["diploma_series"].value == "NM"
        and Message(Code.ANOTHER_READING, value="MD") in found["diploma_series"].flags
    )
    assert found["diploma_number"].words  # the page's words agree: they are shown as the evidence
    assert found["registration_number"].value == "7503"


def test_a_qr_code_that_spells_a_cyrillic_series_in_latin_agrees_with_it() -> None:
    page = page_from_text("ЖБ № 454679621")
    page.qr_codes = ['{"series": "ZHB", "number": "454679621"}']
    found = extract_fields([page]).fields["diploma_series"]
    assert found.value == "ЖБ" and not found.alternatives


def test_an_own_format_series_glued_to_its_number() -> None:
    got = values("Жоғары білім туралы\nМ09532297125")
    assert (got["diploma_series"], got["diploma_number"]) == ("MD", "9532297125")


OWN_FORMAT = """ҚАЗАҚСТАН РЕСПУБЛИКАСЫ
Әл-Фараби атындағы Қазақ ұлттық университеті
ОРАЗБАЕВА ҚҰРАЛАЙ НҰРДӘУЛЕТҚЫЗЫ
6B07101 – Машина жасау білім беру бағдарламасы бойынша
бакалавр дәрежесі берілді
REPUBLIC OF KAZAKHSTAN
was awarded the degree of Bachelor
Registration No. 4521"""


def test_kind_from_several_signals() -> None:
    assert document_kind([OWN_FORMAT])[0] == "diploma"  # no title ДИПЛОМ: the phrases decide
    assert document_kind(["Әл-Фараби атындағы университет"], ["https://epvo.kz/verify?series=BD&number=097356745"])[
        0
    ] == "diploma"  # fmt: skip
    supplement = "ДИПЛОМҒА ҚОСЫМША\nЖБ-Б № 0421208 дипломға\n" + "\n".join(f"Пән {i} 5 A-" for i in range(20))
    assert document_kind([supplement])[0] == "supplement"
    order = "БҰЙРЫҚ\nОқу орнын бітіруіне байланысты\n" + "\n".join(
        f"{i}. Оразбаева Құралай Нұрдәулетқызы 6B07101" for i in range(1, 6)
    )
    assert document_kind([order])[0] == "ledger"
    letter = "Құрметті әріптестер!\n№ 45-р хатыңызға жауап ретінде 1987 жылғы мұрағат құжаттарын жібереміз."
    decision = classify([letter])
    assert decision.kind == "archive" and decision.scores["diploma"] < 1


def test_an_education_document_with_no_key_field_goes_to_a_person() -> None:
    status, reason = document_status("diploma", [], {"degree": "bachelor", "honors": False})
    assert status == DocumentStatus.needs_review and "no key field" in str(reason)
    status, _ = document_status("supplement", [], {})
    assert status == DocumentStatus.needs_review
    looks_like = classify(["ДИПЛОМ"])
    assert looks_like.kind == "archive"
    status, reason = document_status("archive", [], {}, looks_like)
    assert status == DocumentStatus.needs_review and "looks like an education document" in str(reason)
    status, _ = document_status("archive", [], {}, classify(["Құрметті әріптестер!"]))
    assert status == DocumentStatus.processed
