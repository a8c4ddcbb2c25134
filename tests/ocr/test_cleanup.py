"""Cleanup after OCR, the text-layer garbage check, and hOCR: rules on words and texts made here."""

from __future__ import annotations

import uuid
import xml.dom.minidom

from ocr.cleanup import clean_page, fix_lookalikes, kazakh_spelling
from ocr.hocr import to_hocr
from ocr.model import Box, Line, PageResult, Word
from ocr.text_layer import garbage_reason
from storage.keys import document_pdf_key, page_hocr_key


def page_of(*lines: str) -> PageResult:
    return PageResult(
        number=1,
        width=1000,
        height=1000,
        lines=[
            Line(
                words=[
                    Word(text=t, box=Box(left=10 * i, top=40 * n, width=9, height=30), confidence=0.9)
                    for i, t in enumerate(line.split())
                ]
            )
            for n, line in enumerate(lines)
        ],
    )


def test_latin_lookalikes_in_cyrillic_words_become_cyrillic() -> None:
    assert fix_lookalikes("диплoм") == "диплом"  # Latin o
    assert fix_lookalikes("берiлдi") == "берілді"  # Latin i is the Kazakh і
    assert fix_lookalikes("Əуезов") == "Әуезов"
    assert fix_lookalikes("The") == "The"  # a Latin word stays Latin


def test_a_lone_digit_inside_a_cyrillic_word_is_the_letter_it_looks_like() -> None:
    assert fix_lookalikes("Тэж1баев") == "Тэжібаев" and fix_lookalikes("Б0лат") == "Болат"
    for untouched in ("ЖБ1234", "Т1", "М0сква1", "1990", "6B07101"):
        assert fix_lookalikes(untouched) == untouched


def test_programme_codes_get_latin_letters_and_numbers_stay() -> None:
    assert fix_lookalikes("6В04101") == "6B04101"  # Cyrillic В in a code
    assert fix_lookalikes("7М05301") == "7M05301"
    for untouched in ("0421208", "ЖБ-Б", "ЗВ", "19.07.1990", "890126475215"):
        assert fix_lookalikes(untouched) == untouched


def test_kazakh_letters_restored_only_where_the_word_list_says() -> None:
    assert kazakh_spelling("атындагы") == "атындағы"
    assert kazakh_spelling("Караганды") == "Қарағанды"
    assert kazakh_spelling("диплом") is None  # in the list as it is
    assert kazakh_spelling("Нурланов") is None  # a name: no list entry, no guess


def test_cleanup_touches_kazakh_lines_only_and_never_numbers() -> None:
    page = page_of(
        "2018 жылы Академик атындагы Караганды университетіне түсіп,",
        "в Карагандинский университет имени академика Букетова",
        "ЖБ-Б № 0421208 6В04101",
    )
    cleaned, record = clean_page(page)
    lines = cleaned.text.splitlines()
    assert lines[0] == "2018 жылы Академик атындағы Қарағанды университетіне түсіп,"
    assert lines[1] == "в Карагандинский университет имени академика Букетова"
    assert lines[2] == "ЖБ-Б № 0421208 6B04101"
    assert record["changed"] == 3
    assert [w.box for w in cleaned.words] == [w.box for w in page.words]


def test_text_layer_garbage_check() -> None:
    good = "Настоящий диплом выдан Калиевой Шынар Нурболаткызы в том, что она в 2011 году поступила"
    assert garbage_reason(good) is None
    assert garbage_reason("Осы диплом Қалиева Шынар Нұрболатқызына білім беру бағдарламасы") is None
    assert garbage_reason("(cid:12)(cid:40) " * 20 + good) is not None
    assert garbage_reason("\ue000\ue001\ue002 " * 40 + "abc") is not None
    assert garbage_reason("1 2 3") is not None  # too little text to trust
    assert garbage_reason("ЖБЩ ХКЦ ЪЬЬ ПРСТ " * 10) is not None  # letters, but no words


def test_hocr_is_well_formed_with_boxes_and_confidence() -> None:
    page = page_of("Осы диплом <Қалиева> & Шынар", "бакалавр дәрежесі")
    page.language = "kk"
    hocr = to_hocr(page, image_name="pages/x/0001.png")
    dom = xml.dom.minidom.parseString(hocr)
    words = [s for s in dom.getElementsByTagName("span") if s.getAttribute("class") == "ocrx_word"]
    assert [w.firstChild.nodeValue for w in words] == [w.text for w in page.words]  # type: ignore[union-attr]
    assert words[1].getAttribute("title") == "bbox 10 0 19 30; x_wconf 90"
    assert 'xml:lang="kk"' in hocr


def test_keys_for_hocr_and_the_searchable_pdf() -> None:
    doc = uuid.UUID("12345678-1234-5678-1234-567812345678")
    assert page_hocr_key(doc, 3) == f"pages/{doc}/0003.hocr"
    assert document_pdf_key(doc) == f"documents/{doc}/searchable.pdf"
