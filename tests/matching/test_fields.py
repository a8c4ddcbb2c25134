"""Field extraction for each diploma style, from the sample pages' text and from OCR-like noise."""

from __future__ import annotations

import json
from typing import Any

import pytest

from matching.fields import extract_fields
from matching.kind import document_kind
from matching.ledger import extract_ledger_rows
from matching.qr_fields import parse_qr
from muragat.messages import Message, code_of
from muragat.messages.catalog.matching import Code
from tests.conftest import SAMPLES
from tests.matching.pages import page_from_text

KZ_TO_RU = str.maketrans("әғқңөұүһіӘҒҚҢӨҰҮҺІ", "агкноуухиАГКНОУУХИ")
TRUTH = [json.loads(line) for line in (SAMPLES / "truth.jsonl").read_text(encoding="utf-8").splitlines()]
STYLES = sorted({t["template"] for t in TRUTH if t["kind"] == "diploma"})


def same(name: str, want: Any, got: Any) -> bool:
    if name in ("last_name", "first_name", "patronymic"):
        return str(got).casefold() in (str(want).casefold(), str(want).translate(KZ_TO_RU).casefold())
    return got == want


@pytest.mark.parametrize("style", STYLES)
def test_every_printed_field_of_each_style(style: str) -> None:
    files = [t for t in TRUTH if t["template"] == style and "duplicate_of" not in t]
    assert files
    for t in files:
        pages = [page_from_text(text, n) for n, text in enumerate(t["pages"], start=1)]
        assert document_kind([p.text for p in pages])[0] == "diploma"
        found = extract_fields(pages).fields
        wrong = {k: (v, found[k].value if k in found else None) for k, v in t["fields"].items()
                 if k not in found or not same(k, v, found[k].value)}  # fmt: skip
        assert not wrong, (t["file"], wrong)


def test_fields_keep_their_words_boxes_and_confidence() -> None:
    page = page_from_text("ДИПЛОМ\nЖБ-Б № 0421208\nТіркеу нөмірі 6782", confidence=0.9)
    number = extract_fields([page]).fields["diploma_number"]
    assert number.value == "0421208" and number.page == 1 and 0.8 < number.confidence <= 1
    assert [w["text"] for w in number.words] == ["ЖБ-Б", "№", "0421208"]
    assert {"left", "top", "width", "height"} <= number.words[0].keys()


OWN_FORMAT_OCR = """ҚАЗАҚСТАН РЕСПУБЛИКАСЫ
ДИПЛОМ
ВО № 587169604
Осы диплом Токтаров Жасулан Абылайулына
2018 жылы Академик Е.А. Бекетов атындагы Караганды университетіне түсіп,
2022 жылы 6В04101 - «Экономика»
бакалавр дәрежесі берілді.
Тіркеу нөмірі 96 55
ЖСН 98О911327819
РЕСПУБЛИКА КАЗАХСТАН
ДИПЛОМ
ВР № 587169604
тоящий диплом выдан Токтарову Жасулану Абылайулы
в том, что онв 2018 году поступил
в Карагандинский университет имени академика Е.А. Букетова
ив 2022 году окончил полный курс по образовательной программе
6804101 - «Экономика»
гистрационный номер 9655"""


def test_ocr_noise_look_alikes_spaces_and_cut_anchors() -> None:
    f = extract_fields([page_from_text(OWN_FORMAT_OCR)]).values()
    assert f["diploma_series"] == "BD" and f["diploma_number"] == "587169604"
    assert f["registration_number"] == "9655" and f["iin"] == "980911327819"
    assert (f["last_name"], f["first_name"], f["patronymic"]) == ("Токтаров", "Жасулан", "Абылайулы")
    assert f["graduation_year"] == 2022 and f["enrollment_year"] == 2018 and f["program_code"] == "6B04101"
    assert f["degree"] == "bachelor" and f["honors"] is False


def test_invalid_iin_is_kept_and_flagged() -> None:
    found = extract_fields([page_from_text("ДИПЛОМ\nЖСН 880704474098")]).fields["iin"]
    assert found.value == "880704474098"
    assert any(
        code_of(flag.to_json()) == Code.INVALID_IIN for flag in found.flags if isinstance(flag, Message)
    )
    assert "invalid IIN: control digit is 8, expected 9" in [str(f) for f in found.flags]


def test_qr_payload_is_evidence_for_series_and_number() -> None:
    assert parse_qr('{"series": "BD", "number": "587169604"}') == {
        "diploma_series": "BD", "diploma_number": "587169604"}  # fmt: skip
    assert parse_qr("https://verify.example/d?series=MD&number=400368648")["diploma_number"] == "400368648"
    assert parse_qr("BD №120700742")["diploma_number"] == "120700742"
    page = page_from_text("ДИПЛОМ\nВО № 58716960")  # OCR lost a digit; the QR code did not
    page.__dict__["qr_codes"] = ["BD 587169604"]
    number = extract_fields([page]).fields["diploma_number"]
    assert number.value == "587169604" and number.source == "qr"


def test_ledger_rows() -> None:
    ledger = next(t for t in TRUTH if t["kind"] == "ledger")
    pages = [page_from_text(text) for text in ledger["pages"]]
    assert document_kind([p.text for p in pages])[0] == "ledger"
    rows = extract_ledger_rows(pages)
    assert len(rows) == len(ledger["graduate_ids"])
    first = {k: f.value for k, f in rows[0].items()}
    assert {"registration_number", "last_name", "first_name", "patronymic", "diploma_series",
            "diploma_number", "issue_date"} <= first.keys()  # fmt: skip


def test_letters_are_archive_documents() -> None:
    for t in TRUTH:
        if t["kind"] == "archive":
            assert document_kind(t["pages"])[0] == "archive"
