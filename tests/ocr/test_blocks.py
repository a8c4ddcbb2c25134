"""Blocks and their languages: a three-column own-format diploma (kk | ru | en) read column by column with
its English column in English, and a Russian page that costs no extra Tesseract run."""

from __future__ import annotations

from typing import Any

import pytest
from PIL import Image, ImageDraw, ImageFont
from rapidfuzz.distance import Levenshtein

import ocr.blocks
from ocr.cleanup import clean_page
from ocr.model import Box, Line, PageResult, Word
from ocr.pipeline import process_page
from tests.pages import FONT, render_page

KAZAKH = [
    "ҚАЗАҚСТАН РЕСПУБЛИКАСЫ",
    "Әл-Фараби атындағы Қазақ",
    "ұлттық университеті",
    "ДИПЛОМ",
    "ОРАЗБАЕВА ҚҰРАЛАЙ",
    "НҰРДӘУЛЕТҚЫЗЫ",
    "6B07101 – Машина жасау",
    "білім беру бағдарламасы бойынша",
    "бакалавр дәрежесі берілді",
    "Тіркеу № 4521",
]
RUSSIAN = [
    "РЕСПУБЛИКА КАЗАХСТАН",
    "Казахский национальный",
    "университет имени аль-Фараби",
    "ДИПЛОМ",
    "ОРАЗБАЕВА КУРАЛАЙ",
    "НУРДАУЛЕТКЫЗЫ",
    "по образовательной программе",
    "6B07101 – Машиностроение",
    "присуждена степень бакалавра",
    "Регистрационный № 4521",
]
ENGLISH = [
    "REPUBLIC OF KAZAKHSTAN",
    "Al-Farabi Kazakh National",
    "University",
    "DIPLOMA",
    "ORAZBAYEVA KURALAY",
    "NURDAULETKYZY",
    "was awarded the degree of Bachelor",
    "of Engineering and Technology",
    "in the educational programme",
    "6B07101 Mechanical Engineering",
    "Registration No. 4521",
]
WIDTH = 3300
COLUMN = WIDTH // 3


def three_columns() -> Image.Image:
    """A landscape own-format diploma of 300 dpi print: Kazakh, Russian and English columns side by side,
    their lines at the same heights."""
    font = ImageFont.truetype(str(FONT), 40)
    image = Image.new("L", (WIDTH, 2330), 255)
    draw = ImageDraw.Draw(image)
    for column, lines in enumerate([KAZAKH, RUSSIAN, ENGLISH]):
        for i, line in enumerate(lines):
            draw.text((column * COLUMN + 80, 300 + 72 * i), line, font=font, fill=0)
    return image


@pytest.fixture(scope="module")
def diploma() -> PageResult:
    return process_page(three_columns(), number=1, languages="kaz+rus").result


def column_of(word: Word) -> int:
    return min(2, word.box.left // COLUMN)


def test_english_column_is_read_in_english(diploma: PageResult) -> None:
    english = [line.text for line in diploma.lines if line.words and column_of(line.words[0]) == 2]
    text = " ".join(english)
    for word in ("awarded", "degree", "Bachelor", "Registration", "REPUBLIC"):
        assert word in text, text
    assert Levenshtein.normalized_similarity(text, " ".join(ENGLISH)) >= 0.9, text
    record = next(s for s in diploma.steps if s["step"] == "blocks")
    assert record["columns_found"] == 3 and record["reread_eng"] != 0, record


def test_each_column_has_its_language(diploma: PageResult) -> None:
    languages = [{w.language for w in diploma.words if column_of(w) == c} for c in range(3)]
    assert languages == [{"kaz"}, {"rus"}, {"eng"}]
    assert diploma.language == "mixed"  # the page language, from its Cyrillic text, as before


def test_columns_come_in_reading_order(diploma: PageResult) -> None:
    columns = [column_of(line.words[0]) for line in diploma.lines if line.words]
    assert columns == sorted(columns) and set(columns) == {0, 1, 2}
    assert [w.line for w in diploma.words] == sorted(w.line for w in diploma.words)
    assert "ҚАЗАҚСТАН РЕСПУБЛИКАСЫ" in diploma.text and "Регистрационный № 4521" in diploma.text


def test_russian_page_costs_no_english_run(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    read = ocr.blocks.read_small

    def counted(image: Image.Image, **kwargs: Any) -> PageResult:
        calls.append(kwargs["number"])
        return read(image, **kwargs)

    monkeypatch.setattr(ocr.blocks, "read_small", counted)
    lines = [
        "РЕСПУБЛИКА КАЗАХСТАН",
        "ДИПЛОМ",
        "Настоящий диплом выдан Оразбаевой Куралай",
        "в том, что она в 2010 году поступила",
        "и в 2014 году окончила полный курс",
        "по образовательной программе «Нефтегазовое дело»",
        "Решением государственной аттестационной комиссии",
        "присуждена степень бакалавра. Регистрационный номер 6782",
    ]
    result = process_page(render_page(lines, width=2000, font_size=46), number=1, languages="kaz+rus").result
    record = next(s for s in result.steps if s["step"] == "blocks")
    assert calls == [] and record["suspects"] == 0 and record["reread_eng"] == 0, record
    assert {w.language for w in result.words} == {"rus"}


def test_cleanup_leaves_english_words_alone() -> None:
    def word(text: str, language: str) -> Word:
        return Word(text=text, box=Box(left=0, top=0, width=10, height=10), confidence=0.9, language=language)

    page = PageResult(
        number=1,
        width=100,
        height=100,
        lines=[
            Line(words=[word("Kazаkh", "eng"), word("University", "eng")]),
            Line(words=[word("Мaшина", "kaz")]),
        ],
    )
    cleaned, _ = clean_page(page)  # "Kazаkh" has a Cyrillic "а": in a Kazakh block it would turn Cyrillic
    assert [w.text for w in cleaned.words] == ["Kazаkh", "University", "Машина"]
