"""Diploma fields from OCR words, each with the words it came from, a confidence and flags.

Every style states the same facts in one of two formulas, Kazakh («Осы диплом … Тіркеу нөмірі») and
Russian («Настоящий диплом выдан … Регистрационный номер»); a spread or a two-page file carries both,
and each reading is a vote. Patterns tolerate what OCR does to these pages: anchors with their first
letters cut off, spaces inside numbers, O/З for 0/3, Latin and Cyrillic look-alikes in series.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import parse_qsl

from matching.dative import kazakh_nominative, russian_nominative
from matching.iin import check_iin
from matching.names import fold, has_kazakh_letters
from ocr.model import PageResult, Word

L = "A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі"
UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
_DIGIT_LIKE = str.maketrans({"O": "0", "О": "0", "o": "0", "о": "0", "З": "3", "з": "3", "l": "1", "I": "1"})
_SERIES_LATIN_TO_CYRILLIC = str.maketrans("ABCEHKMOPTXY0346", "АВСЕНКМОРТХУОЗЧБ")
# own-format diplomas (since 2021): Latin BD/MD/DD and nine digits; OCR reads B as В or 8, D as О or Р
OWN_FORMAT_NUMBER_LENGTH = 9
_OWN_FORMAT_FIRST = {"B": "B", "В": "B", "8": "B", "M": "M", "М": "M", "D": "D", "Д": "D"}
_MONTHS = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7, "август": 8,
    "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
    "қаңтар": 1, "ақпан": 2, "наурыз": 3, "сәуір": 4, "мамыр": 5, "маусым": 6, "шілде": 7,
    "тамыз": 8, "қыркүйек": 9, "қазан": 10, "қараша": 11, "желтоқсан": 12,
}  # fmt: skip

SERIES_NUMBER = re.compile(
    rf"(?<![\w-])(?P<series>[{UPPER}0-9]{{1,5}}(?:[ ]?-[ ]?[{UPPER}0-9]{{1,2}})?)[ ]*"
    r"(?P<sign>№|N[o°º]?|Ne|[ХX]2|[ІIХXЖNH](?= ))?[ ]*(?P<number>[\dOОЗ]{6,10})(?![\d])"
)
IIN_ANCHORED = re.compile(r"(?:ЖСН|ИИН|IIN|ИН|СН)[ :№]*(?P<iin>[\dOОЗ](?:[ ]?[\dOОЗ]){10,12})(?!\d)")
TWELVE_DIGITS = re.compile(r"(?<!\d)(?P<iin>\d{12})(?!\d)")
REGISTRATION = re.compile(
    r"(?:т[іи]ркеу\s*н[өо]м[іи]р[іи]|\w*(?:истрац|трацион)\w*\s*(?:номер|№|N[o°]?)|рег\.?\s*(?:номер|№))"
    r"[ :№.]*(?P<reg>[\dOОЗ]{1,6}(?:[ ][\d]{1,3})?)(?![\d])",
    re.IGNORECASE,
)
REGISTRATION_WEAK = re.compile(r"(?:н[өо]м[іи]р[іи]|омер)[ :№]*(?P<reg>\d{1,6})(?!\d)", re.IGNORECASE)
KZ_NAME = re.compile(rf"(?:О?сы|ы)\s+диплом\s+(?P<names>[{L}-]+(?:[ ]+[{L}-]+){{1,2}})")
RU_NAME = re.compile(rf"выдан[аоы]?[ ]*\n?[ ]*(?P<names>[{L}-]+(?:[ ]+[{L}-]+){{1,2}})")
KZ_ENROLLED = re.compile(r"(?P<year>(?:19|20)\d\d)\s*жылы\s+(?P<inst>[^«»]{5,200}?)\s*түсіп")
KZ_GRADUATED = re.compile(r"(?P<year>(?:19|20)\d\d)\s*жылы\s+(?P<code>\S{5,9})\s*[-–]\s*«(?P<prog>[^»\n]+)»")
RU_ENROLLED = re.compile(
    r"(?P<year>(?:19|20)\d\d)\s*году\s*поступил(?P<fem>а)?(?:[ ]+в)?[ ]*\n?[ ]*(?:в[ ]+)?(?P<inst>[^\n]{5,})"
)
RU_GRADUATED = re.compile(r"(?P<year>(?:19|20)\d\d)\s*году\s*(?:\S+\s+)?окончил")
PROGRAMME = re.compile(r"(?<![\w])(?P<code>\d[BВ8МMDД]\d{5,6})\s*[-–]\s*«(?P<prog>[^»\n]+)»")
SPECIALITY = re.compile(r"специальности\s*«(?P<prog>[^»]+)»")
RU_DECISION_DATE = re.compile(r"[об]т\s+(?P<d>\d{1,2})\s+(?P<m>[а-я]+)\s+(?P<y>(?:19|20)\d\d)", re.IGNORECASE)
KZ_DECISION_DATE = re.compile(r"(?P<y>(?:19|20)\d\d)\s*жылғы\s+(?P<d>\d{1,2})\s+(?P<m>[а-яәғқңөұүһі]+)")
NUMERIC_DATE = re.compile(r"(?<!\d)(?P<d>\d{2})[.,](?P<m>\d{2})[.,](?P<y>(?:19|20)\d\d)(?!\d)")
DEGREES = (
    (re.compile(r"бакалавр|bachelor", re.IGNORECASE), "bachelor"),
    (re.compile(r"магистр|master", re.IGNORECASE), "master"),
    (re.compile(r"доктор\w*\s+философии|философия\s+доктор|PhD", re.IGNORECASE), "doctor"),
    (re.compile(r"квалификаци|специалист|маман", re.IGNORECASE), "specialist"),
)
HONORS = re.compile(r"ҮЗДІК|УЗДИК|ҮЗДIК|С\s*ОТЛИЧИЕМ|ОТЛИЧИЕМ|с\s+отличием")
LEDGER_ROW_NAME = re.compile(rf"(?P<names>[{UPPER}][{L}-]+(?:[ ]+[{UPPER}][{L}-]+){{1,2}})")
QR_SERIES_NUMBER = re.compile(r"(?P<series>[A-ZА-ЯӘҒҚҢӨҰҮҺІ-]{1,7})[ ]*(?:№|N|#|:)?[ ]*(?P<number>\d{6,10})")


@dataclass
class Found:
    """One field's value with where it came from."""

    value: Any
    confidence: float
    page: int | None = None
    words: list[dict[str, Any]] = field(default_factory=list)
    source: str = "ocr"
    flags: list[str] = field(default_factory=list)

    def evidence(self) -> dict[str, Any]:
        return {
            "confidence": round(self.confidence, 3),
            "page": self.page,
            "words": self.words,
            "source": self.source,
            "flags": list(self.flags),
        }


@dataclass
class Extraction:
    fields: dict[str, Found] = field(default_factory=dict)
    rows: list[dict[str, Found]] = field(default_factory=list)  # a ledger's graduate rows

    def values(self) -> dict[str, Any]:
        return {name: found.value for name, found in self.fields.items()}


# --- page text with word positions -----------------------------------------------------------------


@dataclass
class _PageText:
    number: int
    text: str
    spans: list[tuple[int, int, Word]]

    def words(self, start: int, end: int) -> list[Word]:
        return [w for s, e, w in self.spans if s < end and e > start]

    def found(self, value: Any, start: int, end: int, weight: float = 1.0, **kw: Any) -> Found:
        words = self.words(start, end)
        ocr = sum(w.confidence for w in words) / len(words) if words else 0.5
        return Found(
            value,
            round(max(0.0, min(1.0, ocr * weight)), 3),
            self.number,
            [{"text": w.text, **w.box.model_dump()} for w in words],
            **kw,
        )


def _page_text(result: PageResult) -> _PageText:
    parts: list[str] = []
    spans: list[tuple[int, int, Word]] = []
    at = 0
    for line in result.lines:
        if not line.words:
            continue
        for i, word in enumerate(line.words):
            if i:
                parts.append(" ")
                at += 1
            spans.append((at, at + len(word.text), word))
            parts.append(word.text)
            at += len(word.text)
        parts.append("\n")
        at += 1
    return _PageText(result.number, "".join(parts), spans)


# --- value normalisation ---------------------------------------------------------------------------


def digits(raw: str) -> str | None:
    """Digits of a number as OCR read it: spaces dropped, O/З taken for 0/3; None if letters remain."""
    cleaned = re.sub(r"\s+", "", raw).translate(_DIGIT_LIKE)
    return cleaned if cleaned.isdigit() else None


def normalize_series(raw: str, number_length: int | None = None) -> tuple[str, list[str]]:
    """The series as the registry writes it, and flags where OCR look-alikes were corrected."""
    compact = re.sub(r"\s+", "", raw).upper()
    flags: list[str] = []
    if number_length == OWN_FORMAT_NUMBER_LENGTH and len(compact) == 2 and compact[0] in _OWN_FORMAT_FIRST:
        series = _OWN_FORMAT_FIRST[compact[0]] + "D"
    elif compact.isascii() and compact.isalpha() and number_length in (None, OWN_FORMAT_NUMBER_LENGTH):
        series = compact
    else:
        series = compact.translate(_SERIES_LATIN_TO_CYRILLIC)
    if series != compact:
        flags.append(f"series read as «{compact}»")
    return series, flags


def normalize_programme_code(raw: str) -> str:
    code = raw.upper()
    letter = {"8": "B", "В": "B", "М": "M", "Д": "D"}.get(code[1], code[1])
    return code[0] + letter + code[2:]


def _month(word: str) -> int | None:
    low = word.lower()
    for stem, number in sorted(_MONTHS.items(), key=lambda kv: -len(kv[0])):
        if low.startswith(stem):
            return number
    return None


def _date(y: str, m: int | None, d: str) -> date | None:
    try:
        return date(int(y), m, int(d)) if m else None
    except ValueError:
        return None


def _institution_nominative(text: str) -> str:
    """«… Қазақстан университетіне» → «… Қазақстан университеті»; «в Южно-… университет» unchanged."""
    text = " ".join(text.split())
    text = re.sub(r"^в\s+", "", text)
    return re.sub(r"(\w+(?:ті|ты|сі|сы))(?:не|на)$", r"\1", text)


# --- readings of each field ------------------------------------------------------------------------


def _series_number(page: _PageText, out: dict[str, list[Found]]) -> None:
    for m in SERIES_NUMBER.finditer(page.text):
        number = digits(m.group("number"))
        raw_series = m.group("series")
        if number is None or not re.search(rf"[{UPPER}]", raw_series):
            continue
        series, flags = normalize_series(raw_series, len(number))
        weight = 1.0 if m.group("sign") == "№" else 0.8
        if len(number) not in (6, 7, OWN_FORMAT_NUMBER_LENGTH):
            weight *= 0.5
            flags.append(f"unusual number length {len(number)}")
        span = m.start("series"), m.end("number")
        out.setdefault("diploma_series", []).append(page.found(series, *span, weight, flags=flags))
        out.setdefault("diploma_number", []).append(page.found(number, *span, weight, flags=list(flags)))


def _iin(page: _PageText, out: dict[str, list[Found]]) -> None:
    seen: set[str] = set()
    for m in IIN_ANCHORED.finditer(page.text):
        value = digits(m.group("iin"))
        if value and len(value) == 12:
            seen.add(value)
            out.setdefault("iin", []).append(_iin_found(page, value, *m.span("iin"), 1.0))
    for m in TWELVE_DIGITS.finditer(page.text):
        value = m.group("iin")
        if value not in seen and check_iin(value).valid:  # no anchor: only a valid IIN counts
            out.setdefault("iin", []).append(_iin_found(page, value, m.start(), m.end(), 0.8))


def _iin_found(page: _PageText, value: str, start: int, end: int, weight: float) -> Found:
    check = check_iin(value)
    found = page.found(value, start, end, weight if check.valid else weight * 0.5)
    if not check.valid:
        found.flags.append("invalid IIN: " + "; ".join(check.problems))
    return found


def _registration(page: _PageText, out: dict[str, list[Found]]) -> None:
    strong = list(REGISTRATION.finditer(page.text))
    for m, weight in [(m, 1.0) for m in strong] or [(m, 0.5) for m in REGISTRATION_WEAK.finditer(page.text)]:
        value = digits(m.group("reg"))
        if value:
            out.setdefault("registration_number", []).append(
                page.found(value.lstrip("0") or "0", m.start(), m.end("reg"), weight)
            )


def _names(page: _PageText, out: dict[str, list[Found]]) -> None:
    for pattern, russian in ((KZ_NAME, False), (RU_NAME, True)):
        for m in pattern.finditer(page.text):
            words = m.group("names").split()
            if russian:
                context = page.text[m.end() : m.end() + 80]
                words = russian_nominative(words, context)
            else:
                words = [_kazakh_ae(w) for w in words]
                words[-1] = kazakh_nominative(words[-1])
            weight = 1.0 if len(words) == 3 else 0.8
            parts = ("last_name", "first_name", "patronymic")
            start = m.start("names")
            for name, word_text, printed in zip(parts, words, m.group("names").split(), strict=False):
                at = page.text.find(printed, start)
                found = page.found(word_text, at, at + len(printed), weight)
                found.flags.append("ru" if russian else "kk")
                out.setdefault(name, []).append(found)
                start = at + len(printed)


def _kazakh_ae(word: str) -> str:
    """OCR reads the Kazakh ә as э (Әлихан, Нұрдәулет): ә in a word spelled with Kazakh letters, а in one
    spelled in Russian letters, so that the word keeps one spelling."""
    if "э" not in word.lower():
        return word
    kazakh = has_kazakh_letters(word)
    return word.replace("э", "ә" if kazakh else "а").replace("Э", "Ә" if kazakh else "А")


def _years_and_institution(page: _PageText, out: dict[str, list[Found]]) -> None:
    for m in KZ_ENROLLED.finditer(page.text):
        out.setdefault("enrollment_year", []).append(page.found(int(m.group("year")), *m.span("year")))
        inst = _institution_nominative(m.group("inst"))
        out.setdefault("institution", []).append(page.found(inst, *m.span("inst"), 0.9))
    for m in RU_ENROLLED.finditer(page.text):
        out.setdefault("enrollment_year", []).append(page.found(int(m.group("year")), *m.span("year")))
        inst = _institution_nominative(m.group("inst"))
        out.setdefault("institution", []).append(page.found(inst, *m.span("inst"), 0.8))
    for m in KZ_GRADUATED.finditer(page.text):
        out.setdefault("graduation_year", []).append(page.found(int(m.group("year")), *m.span("year")))
    for m in RU_GRADUATED.finditer(page.text):
        out.setdefault("graduation_year", []).append(page.found(int(m.group("year")), *m.span("year")))
    for m in PROGRAMME.finditer(page.text):
        code = normalize_programme_code(m.group("code"))
        out.setdefault("program_code", []).append(page.found(code, *m.span("code")))
        out.setdefault("program_name", []).append(page.found(m.group("prog").strip(), *m.span("prog")))
    for m in SPECIALITY.finditer(page.text):
        prog = " ".join(m.group("prog").split())
        out.setdefault("program_name", []).append(page.found(prog, *m.span("prog")))
    for pattern in (RU_DECISION_DATE, KZ_DECISION_DATE):
        for m in pattern.finditer(page.text):
            issued = _date(m.group("y"), _month(m.group("m")), m.group("d"))
            if issued:
                out.setdefault("issue_date", []).append(page.found(issued.isoformat(), *m.span(), 0.9))
                # the commission's decision falls in the year of graduation: a weaker reading of it
                out.setdefault("graduation_year", []).append(page.found(issued.year, *m.span("y"), 0.6))


def _degree_and_honours(page: _PageText, out: dict[str, list[Found]]) -> None:
    for pattern, degree in DEGREES:
        if m := pattern.search(page.text):
            out.setdefault("degree", []).append(page.found(degree, *m.span()))
            break
    if m := HONORS.search(page.text):
        out.setdefault("honors", []).append(page.found(True, *m.span()))


# --- choosing among readings -----------------------------------------------------------------------


def _key(name: str, value: Any) -> Any:
    if name in ("last_name", "first_name", "patronymic", "institution", "program_name"):
        return fold(str(value))
    return value


def _prefer(name: str, group: list[Found]) -> Found:
    """Within readings that agree, the one to show: for names, a Kazakh-page reading with Kazakh letters."""
    if name in ("last_name", "first_name", "patronymic"):
        kazakh = [f for f in group if has_kazakh_letters(str(f.value))]
        if kazakh:
            return max(kazakh, key=lambda f: f.confidence)
    return max(group, key=lambda f: f.confidence)


def vote(name: str, readings: list[Found]) -> Found:
    groups: dict[Any, list[Found]] = {}
    for found in readings:
        groups.setdefault(_key(name, found.value), []).append(found)
    ranked = sorted(groups.values(), key=lambda g: -sum(f.confidence for f in g))
    best = ranked[0]
    chosen = _prefer(name, best)
    doubt = 1.0
    for f in best:
        doubt *= 1 - f.confidence
    flags = [f for f in chosen.flags if f not in ("kk", "ru")]
    confidence = 1 - doubt
    if len(ranked) > 1:
        other = ranked[1]
        flags.append(f"another reading: «{_prefer(name, other).value}»")
        confidence *= sum(f.confidence for f in best) / sum(f.confidence for g in ranked[:2] for f in g)
    return Found(chosen.value, round(confidence, 3), chosen.page, chosen.words, chosen.source, flags)


def _qr_readings(pages: Iterable[PageResult], out: dict[str, list[Found]]) -> None:
    for result in pages:
        for payload in result.qr_codes:
            for name, value in parse_qr(payload).items():
                out.setdefault(name, []).append(Found(value, 0.99, result.number, source="qr"))


def parse_qr(payload: str) -> dict[str, str]:
    """Series, number and IIN from a QR payload: JSON, a query string or a URL, or plain text."""
    keys = {
        "series": "diploma_series", "diploma_series": "diploma_series", "seria": "diploma_series",
        "number": "diploma_number", "diploma_number": "diploma_number", "num": "diploma_number",
        "iin": "iin", "registration_number": "registration_number", "reg": "registration_number",
    }  # fmt: skip
    pairs: list[tuple[str, Any]] = []
    try:
        data = json.loads(payload)
        if isinstance(data, dict):
            pairs = list(data.items())
    except ValueError:
        pairs = parse_qsl(payload.split("?", 1)[-1])
    found = {keys[k.lower()]: str(v).strip() for k, v in pairs if k.lower() in keys and str(v).strip()}
    if "diploma_number" not in found and (m := QR_SERIES_NUMBER.search(payload)):
        found["diploma_series"], found["diploma_number"] = m.group("series"), m.group("number")
    if "iin" not in found and (m := TWELVE_DIGITS.search(payload)) and check_iin(m.group("iin")).valid:
        found["iin"] = m.group("iin")
    if "diploma_number" in found:
        found["diploma_number"] = digits(found["diploma_number"]) or found["diploma_number"]
        if "diploma_series" in found:
            length = len(found["diploma_number"])
            found["diploma_series"] = normalize_series(found["diploma_series"], length)[0]
    return found


def extract_fields(pages: list[PageResult]) -> Extraction:
    """A diploma's fields, voting across its pages, its Kazakh and Russian formulas and its QR code."""
    readings: dict[str, list[Found]] = {}
    for result in pages:
        page = _page_text(result)
        _series_number(page, readings)
        _iin(page, readings)
        _registration(page, readings)
        _names(page, readings)
        _years_and_institution(page, readings)
        _degree_and_honours(page, readings)
    _qr_readings(pages, readings)
    extraction = Extraction({name: vote(name, found) for name, found in readings.items()})
    if "honors" not in extraction.fields and pages:
        extraction.fields["honors"] = Found(False, 0.6, flags=["no honours mark found"])
    iin = extraction.fields.get("iin")
    if iin is not None and not check_iin(str(iin.value)).valid and "invalid IIN" not in " ".join(iin.flags):
        iin.flags.append("invalid IIN: " + "; ".join(check_iin(str(iin.value)).problems))
    return extraction


# --- ledger pages ------------------------------------------------------------------------------------


def _ledger_row(page: _PageText, start: int, line: str) -> dict[str, Found]:
    row: dict[str, Found] = {}
    cells = [c.strip() for c in line.split("|")]
    if m := SERIES_NUMBER.search(line):
        number = digits(m.group("number"))
        if number:
            series, flags = normalize_series(m.group("series"), len(number))
            span = start + m.start("series"), start + m.end("number")
            row["diploma_series"] = page.found(series, *span, flags=flags)
            row["diploma_number"] = page.found(number, *span, flags=list(flags))
    if m := NUMERIC_DATE.search(line):
        issued = _date(m.group("y"), int(m.group("m")), m.group("d"))
        if issued:
            row["issue_date"] = page.found(issued.isoformat(), start + m.start(), start + m.end())
    if len(cells) >= 3 and (reg := digits(cells[0])) and len(reg) <= 6:
        row["registration_number"] = page.found(reg.lstrip("0") or "0", start, start + len(cells[0]))
    name_cell = cells[1] if len(cells) >= 3 else line
    if (m := LEDGER_ROW_NAME.search(name_cell)) and "№" not in m.group():
        offset = start + line.find(name_cell)
        at = offset + m.start()
        parts = ("last_name", "first_name", "patronymic")
        for name, word in zip(parts, m.group("names").split(), strict=False):
            at = page.text.find(word, at)
            row[name] = page.found(word, at, at + len(word))
            at += len(word)
    if len(cells) >= 4:
        row["program_name"] = page.found(cells[2], start, start)
    return row


def extract_ledger_rows(pages: list[PageResult]) -> list[dict[str, Found]]:
    """One row a registered diploma: registration number, name, specialty, series and number, date."""
    rows: list[dict[str, Found]] = []
    for result in pages:
        page = _page_text(result)
        start = 0
        for line in page.text.split("\n"):
            if SERIES_NUMBER.search(line) or (line.count("|") >= 3 and re.match(r"\s*\d", line)):
                row = _ledger_row(page, start, line)
                if "diploma_number" in row or ("last_name" in row and "registration_number" in row):
                    rows.append(row)
            start += len(line) + 1
    return rows
