"""Names back to the nominative, Kazakh/Russian spelling folding, and IIN validation."""

from __future__ import annotations

import pytest

from matching.dative import kazakh_nominative, russian_nominative
from matching.iin import check_iin, control_digit
from matching.names import block_key, fold, similarity
from muragat.messages import Message
from muragat.messages.catalog.matching import Code


@pytest.mark.parametrize(
    ("dative", "nominative"),
    [
        ("Турсыновой Салтанат Алиханкызы", "Турсынова Салтанат Алиханкызы"),
        ("Касымову Алихану Азаматовичу", "Касымов Алихан Азаматович"),
        ("Виноградовой Светлане Викторовне", "Виноградова Светлана Викторовна"),
        ("Новикову Дмитрию Игорьовичу", "Новиков Дмитрий Игорьович"),
        ("Усенову Мирасу Ерлановичу", "Усенов Мирас Ерланович"),
        ("Токтарову Жасулану Абылайулы", "Токтаров Жасулан Абылайулы"),
        ("Габдуллаовой Мадине Бауыржанкызы", "Габдуллаова Мадина Бауыржанкызы"),
        ("Ивановой Марии Петровне", "Иванова Мария Петровна"),
        ("Вишневскому Петру Ильичу", "Вишневский Петр Ильич"),
        ("Оспановой Аяулым Дастанкызы", "Оспанова Аяулым Дастанкызы"),
    ],
)
def test_russian_dative_to_nominative(dative: str, nominative: str) -> None:
    assert " ".join(russian_nominative(dative.split())) == nominative


def test_sex_from_the_formula_when_the_name_does_not_tell() -> None:
    assert russian_nominative(["Ким", "Алине"], "в том, что она в 2011 году поступила") == ["Ким", "Алина"]


@pytest.mark.parametrize(
    ("dative", "nominative"),
    [
        ("Нұрдәулетқызына", "Нұрдәулетқызы"),
        ("Әлиханұлына", "Әлиханұлы"),
        ("Абылайулына", "Абылайулы"),
        ("Сергеевичке", "Сергеевич"),
        ("Викторовнаға", "Викторовна"),
        ("Айгерімге", "Айгерім"),
        ("Нұрсұлтанқызы", "Нұрсұлтанқызы"),
        ("Алина", "Алина"),
    ],
)
def test_kazakh_dative_to_nominative(dative: str, nominative: str) -> None:
    assert kazakh_nominative(dative) == nominative


def test_kazakh_and_russian_spellings_fold_to_one() -> None:
    assert fold("Жанұзақова") == fold("Жанузакова") == fold("ЖАНУЗАКОВА")
    assert fold("Әуезов") == fold("Ауэзов")
    assert fold("Ыбырайев") == fold("Ыбыраев")
    assert fold("Ғалым") == fold("Галым") and fold("Һ") == fold("х") and fold("Іле") == fold("иле")
    assert fold("Cветлана") == fold("Светлана")  # a Latin C read by OCR
    assert similarity("Қалиева", "Калиева") == 1.0
    assert similarity("Қалиева", "Оспанова") < 0.7
    assert block_key("Қалиева") == block_key("Калиев")


def test_an_e_read_for_a_schwa_is_the_schwa_only_where_the_other_name_has_one() -> None:
    assert similarity("Элия", "Әлия") == similarity("Нәзира", "Нэзира") == 1.0
    assert similarity("Эльмира", "Альмира") < 0.88  # two names, neither with ә
    assert similarity("Эрик", "Ерик") == 1.0  # Russian э for е, as before


def test_valid_iin() -> None:
    check = check_iin("880704474099")
    assert check.valid and check.birth_date is not None and check.birth_date.isoformat() == "1988-07-04"
    assert check.female is True


def test_iin_with_a_date_that_does_not_exist() -> None:
    iin = "881304" + "47409"
    iin += str(control_digit(iin))
    check = check_iin(iin)
    assert not check.valid and [p.code for p in check.problems] == [Code.IIN_BIRTH_DATE]


def test_iin_with_a_wrong_control_digit() -> None:
    check = check_iin("880704474098")
    assert not check.valid and check.problems == (Message(Code.IIN_CONTROL, digit="8", expected=9),)
    assert str(check.flag) == "invalid IIN: control digit is 8, expected 9"


def test_iin_needs_twelve_digits_and_a_known_century() -> None:
    assert not check_iin("88070447409").valid
    assert not check_iin("88070447409O").valid
    iin = "880704" + "74740"
    assert not check_iin(iin + str(control_digit(iin) or 0)).valid


def test_control_digit_uses_second_weights_when_the_first_sum_gives_ten() -> None:
    first11 = next(
        f"{n:011d}" for n in range(10**10, 10**10 + 10**6)
        if sum(int(c) * w for c, w in zip(f"{n:011d}", range(1, 12), strict=True)) % 11 == 10
    )  # fmt: skip
    second = sum(int(c) * w for c, w in zip(first11, (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2), strict=True)) % 11
    assert control_digit(first11) == (None if second == 10 else second)
