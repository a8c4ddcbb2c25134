"""Diploma fields from OCR words, each with the words it came from, a confidence, flags and the template
profile (or the generic reader) that read it.

Fields are found by labels and positions, not by whole-sentence formulas: every field has anchors in
Kazakh, Russian and English (`matching/templates/*.yaml`); the value follows the anchor, or the anchor
carries it. The profile that best fits the document is tried first, the generic vocabulary after it.
A name with no anchor before it is found by its size (the largest line of two or three name-shaped
words), and a Latin name is checked against the Cyrillic one by transliteration. Series and numbers are
found by their shape wherever they stand; a programme code (6B07101, 5В070200) is never one. Each
reading is a vote: the Kazakh and Russian columns, a number printed twice, the other readings of a
re-read number and the QR code. Patterns tolerate what OCR does to these pages: anchors with their first
letters cut off, spaces inside numbers, O/З for 0/3, Latin and Cyrillic look-alikes in series.
"""

from __future__ import annotations

import json
import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from matching import templates
from matching.dative import kazakh_nominative, russian_nominative
from matching.iin import check_iin
from matching.names import fold, has_kazakh_letters, latin_to_cyrillic, similarity, title
from matching.templates import Anchor, FieldRule, LoadedProfile, Profile, Zone
from ocr.model import PageResult, Word

L = "A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі"
UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
_DIGIT_LIKE = str.maketrans({"O": "0", "О": "0", "o": "0", "о": "0", "З": "3", "з": "3", "l": "1", "I": "1"})
_SERIES_LATIN_TO_CYRILLIC = str.maketrans("ABCEHKMOPTXY0346", "АВСЕНКМОРТХУОЗЧБ")
_SERIES_CYRILLIC_TO_LATIN = str.maketrans("АВСЕНКМОРТХУ", "ABCEHKMOPTXY")
# own-format diplomas (since 2020): Latin BD/MD/DD and 9 to 11 digits; OCR reads B as В or 8, D as О or Р
OWN_FORMAT_NUMBER_LENGTHS = (9, 10, 11)
_OWN_FORMAT_FIRST = {"B": "B", "В": "B", "8": "B", "M": "M", "М": "M", "D": "D", "Д": "D"}
_MONTHS = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7, "август": 8,
    "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
    "қаңтар": 1, "ақпан": 2, "наурыз": 3, "сәуір": 4, "мамыр": 5, "маусым": 6, "шілде": 7,
    "тамыз": 8, "қыркүйек": 9, "қазан": 10, "қараша": 11, "желтоқсан": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}  # fmt: skip

SERIES_NUMBER = re.compile(
    rf"(?<![\w-])(?P<series>(?:[0-9](?=[{UPPER}]))?[{UPPER}]{{1,5}}(?:[ ]?-[ ]?[{UPPER}0-9]{{1,2}})?)[ ]*"
    r"(?P<sign>№|N[o°º]?\.?|Ne|[МMNХXHК][oо°º%2гr0О]|[ІIХXЖNHмМ](?= ))?[ ]*"  # № as OCR reads it
    r"(?P<number>[\dOОЗ]{6,11})(?![\d])"
)
# an own-format series glued to its number, its D read as a zero: «М099592864021» is MD 99592864021
OWN_FORMAT_GLUED = re.compile(r"(?<![\w-])(?P<first>[МMВB8Д])[0OОD](?P<number>\d{9,11})(?!\d)")
# a programme code: a digit, one letter, five or six digits, written as one word (6B07101, 5В070200)
PROGRAMME_CODE = re.compile(r"^\d[BВ8МMDДA-ZА-Я]\d{5,6}$")
TWELVE_DIGITS = re.compile(r"(?<!\d)(?P<iin>\d{12})(?!\d)")
REGISTRATION_WEAK = re.compile(r"(?:н[өо]м[іи]р[іи]|омер)[ :№]*(?P<reg>\d{1,6})(?!\d)", re.IGNORECASE)
RU_DECISION_DATE = re.compile(r"[об]т\s+(?P<d>\d{1,2})\s+(?P<m>[а-я]+)\s+(?P<y>(?:19|20)\d\d)", re.IGNORECASE)
KZ_DECISION_DATE = re.compile(r"(?P<y>(?:19|20)\d\d)\s*жылғы\s+(?P<d>\d{1,2})\s+(?P<m>[а-яәғқңөұүһі]+)")
NUMERIC_DATE = re.compile(r"(?<!\d)(?P<d>\d{2})[.,](?P<m>\d{2})[.,](?P<y>(?:19|20)\d\d)(?!\d)")
LEDGER_ROW_NAME = re.compile(rf"(?P<names>[{UPPER}][{L}-]+(?:[ ]+[{UPPER}][{L}-]+){{1,2}})")
QR_SERIES_NUMBER = re.compile(
    r"(?P<series>[A-ZА-ЯӘҒҚҢӨҰҮҺІ-]{1,7})[ ]*(?:№|N|#|:|/)?[ ]*(?P<number>\d{6,11})"
)
NAME_WORD = re.compile(rf"^[{L}][{L}-]*[{L}]$")

# what follows an anchor that carries no value of its own, per field
_AFTER = {
    "name": re.compile(rf"[ ]*[:\-–,.]?[ ]*\n?[ ]*(?P<value>[{L}-]+(?:(?:[ ]+|[ ]*\n[ ]*)[{L}-]+){{1,2}})"),
    "iin": re.compile(r"[ :№]*(?P<value>[\dOОЗ](?:[ ]?[\dOОЗ]){10,12})(?!\d)"),
    "registration_number": re.compile(r"[ :№.#]*(?P<value>[\dOОЗ]{1,6}(?:[ ][\d]{1,3})?)(?![\d])"),
    "protocol_number": re.compile(r"[ :№.#]*(?P<value>\d{1,4})(?!\d)"),
    "enrollment_year": re.compile(r"\D{0,40}?(?P<value>(?:19|20)\d\d)(?!\d)"),
    "graduation_year": re.compile(r"\D{0,40}?(?P<value>(?:19|20)\d\d)(?!\d)"),
    "protocol_date": re.compile(r"[^\n\d]{0,30}(?P<value>\d{2}[.,]\d{2}[.,](?:19|20)\d\d)"),
    "issue_date": re.compile(r"[^\n\d]{0,30}(?P<value>\d{2}[.,]\d{2}[.,](?:19|20)\d\d)"),
    "program_code": re.compile(r"[ :№]*(?P<value>\d[BВ8МMDД]?\d{5,6})(?![\d])"),
}
_TEXT_AFTER = re.compile(r"[ ]*[:\-–]?[ ]*(?P<value>[^\n]{3,200})")
_NAME_PARTS = ("last_name", "first_name", "patronymic")


@dataclass
class Found:
    """One field's value with where it came from."""

    value: Any
    confidence: float
    page: int | None = None
    words: list[dict[str, Any]] = field(default_factory=list)
    source: str = "ocr"
    flags: list[str] = field(default_factory=list)
    profile: str | None = None  # the template profile whose rule read it, "generic", or None (QR, default)
    alternatives: list[Any] = field(default_factory=list)  # the other values read for it, most likely first

    def evidence(self) -> dict[str, Any]:
        return {
            "confidence": round(self.confidence, 3),
            "page": self.page,
            "words": self.words,
            "source": self.source,
            "flags": list(self.flags),
            "profile": self.profile,
        }


@dataclass
class Extraction:
    fields: dict[str, Found] = field(default_factory=dict)
    rows: list[dict[str, Found]] = field(default_factory=list)  # a ledger's graduate rows
    profile: str | None = None  # the template profile chosen, None for the generic reader alone
    detected: list[str] = field(default_factory=list)  # the profile's phrases found in the document

    def values(self) -> dict[str, Any]:
        return {name: found.value for name, found in self.fields.items()}


# --- page text with word positions -----------------------------------------------------------------


@dataclass
class _PageText:
    number: int
    text: str
    spans: list[tuple[int, int, Word]]
    width: int
    height: int

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

    def in_zone(self, start: int, end: int, zone: Zone | None) -> bool:
        if zone is None:
            return True
        words = self.words(start, end)
        if not words or not self.width or not self.height:
            return True
        x = sum(w.box.left + w.box.width / 2 for w in words) / len(words) / self.width
        y = sum(w.box.top + w.box.height / 2 for w in words) / len(words) / self.height
        return zone.left <= x <= zone.right and zone.top <= y <= zone.bottom


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
    return _PageText(result.number, "".join(parts), spans, result.width, result.height)


# --- value normalisation ---------------------------------------------------------------------------


def digits(raw: str) -> str | None:
    """Digits of a number as OCR read it: spaces dropped, O/З taken for 0/3; None if letters remain."""
    cleaned = re.sub(r"\s+", "", raw).translate(_DIGIT_LIKE)
    return cleaned if cleaned.isdigit() else None


def normalize_series(raw: str, number_length: int | None = None) -> tuple[str, list[str]]:
    """The series as the registry writes it, and flags where OCR look-alikes were corrected.

    A series with a Latin letter that no Cyrillic one looks like (D, F, G, …) is Latin, its look-alikes
    too (ВD → BD); with 9-11 digits two letters are an own-format series (BD, MD, DD, read as ВО, 8D…);
    anything else is Cyrillic (ЖБ-Б, ЗВ)."""
    compact = re.sub(r"\s+", "", raw).upper()
    flags: list[str] = []
    latin_only = set(compact) & set("DFGIJLNQRSUVWZ")
    if latin_only and all(c.isascii() or c in "АВСЕНКМОРТХУ" for c in compact if c.isalpha()):
        series = compact.translate(_SERIES_CYRILLIC_TO_LATIN)
    elif number_length in OWN_FORMAT_NUMBER_LENGTHS and len(compact) == 2 and compact[0] in _OWN_FORMAT_FIRST:
        series = _OWN_FORMAT_FIRST[compact[0]] + "D"
    elif compact.isascii() and compact.isalpha() and (number_length is None or number_length >= 9):
        series = compact
    else:
        series = compact.translate(_SERIES_LATIN_TO_CYRILLIC)
    if series != compact:
        flags.append(f"series read as «{compact}»")
    return series, flags


def normalize_programme_code(raw: str) -> str:
    code = raw.upper()
    if len(code) == 8 and code[1] == "8":
        return code[0] + "B" + code[2:]  # 5B031010 read 58031010: no code is eight digits
    if len(code) < 2 or code[1].isdigit():
        return code
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


def _numeric_date(raw: str) -> str | None:
    if m := NUMERIC_DATE.search(raw):
        issued = _date(m.group("y"), int(m.group("m")), m.group("d"))
        return issued.isoformat() if issued else None
    return None


def _institution_nominative(text: str) -> str:
    """«… Қазақстан университетіне» → «… Қазақстан университеті»; «в Южно-… университет» unchanged."""
    text = " ".join(text.split()).strip(" ,.;")
    text = re.sub(r"^в\s+", "", text)
    return re.sub(r"(\w+(?:ті|ты|сі|сы))(?:не|на)$", r"\1", text)


def _is_programme_code(page: _PageText, start: int, end: int) -> bool:
    """A series-and-number match that is one word shaped like a programme code (6B07101, 6В07201)."""
    words = page.words(start, end)
    return len(words) == 1 and bool(PROGRAMME_CODE.match(words[0].text.strip("«»()-–,.;")))


# --- readings of each field ------------------------------------------------------------------------

Readings = dict[str, list[Found]]


@dataclass
class _Reader:
    """Reads one page with the chosen profile's rules first and the generic ones after; a value already
    read at the same place is not counted twice."""

    page: _PageText
    out: Readings
    seen: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    latin: list[list[str]] = field(default_factory=list)  # Latin names after an anchor

    def add(self, name: str, found: Found, start: int, end: int) -> None:
        """A reading, unless one of the same field was already taken from this place of the page."""
        spans = self.seen.setdefault(name, [])
        if any(s < end and start < e for s, e in spans):
            return
        spans.append((start, end))
        self.out.setdefault(name, []).append(found)


def _number_alternatives(page: _PageText, start: int, end: int, value: str) -> list[str]:
    """Other readings of a number from the re-read words it is made of (`Word.readings`)."""
    words = [w for w in page.words(start, end) if w.readings]
    if len(words) != 1:
        return []
    word = words[0]
    own = digits(re.sub(r"\D", "", word.text)) or ""
    if not own or own not in value:
        return []
    return [value.replace(own, r, 1) for r in word.readings if r.isdigit() and r != own]


def _series_number(reader: _Reader, formats: Sequence[templates.SeriesFormat], profile: str) -> None:
    page = reader.page
    for m in SERIES_NUMBER.finditer(page.text):
        number = digits(m.group("number"))
        raw_series = m.group("series")
        if number is None or not re.search(rf"[{UPPER}]", raw_series):
            continue
        span = m.start("series"), m.end("number")
        if not m.group("sign") and _is_programme_code(page, *span):
            continue  # 6B07101 is a programme code, never a series and number
        if raw_series[0].isdigit() and not m.group("sign"):
            continue
        series, flags = normalize_series(raw_series, len(number))
        weight = 1.0 if m.group("sign") == "№" else 0.8
        known = [f for f in formats if re.fullmatch(f.series, series, re.IGNORECASE)]
        if (
            known
            and not any(len(number) in f.digits for f in known)
            or not known
            and len(number) not in (6, 7, *OWN_FORMAT_NUMBER_LENGTHS)
        ):
            weight *= 0.5
            flags.append(f"unusual number length {len(number)}")
        tag = profile if known else templates.GENERIC
        reader.add("diploma_series", page.found(series, *span, weight, flags=flags, profile=tag), *span)
        reader.add("diploma_number", page.found(number, *span, weight, flags=list(flags), profile=tag), *span)
        for other in _number_alternatives(page, m.start("number"), m.end("number"), number):
            alt = page.found(other, *span, weight * 0.4, flags=[*flags, "another reading of the number"])
            alt.source, alt.profile = "reread", tag
            reader.out.setdefault("diploma_number", []).append(alt)


def _own_format_glued(reader: _Reader) -> None:
    page = reader.page
    for m in OWN_FORMAT_GLUED.finditer(page.text):
        series = _OWN_FORMAT_FIRST[m.group("first")] + "D"
        flags = [f"series read as «{m.group('first')}{page.text[m.start() + 1]}»"]
        for name, value in (("diploma_series", series), ("diploma_number", m.group("number"))):
            found = page.found(value, *m.span(), 0.6, flags=list(flags), profile=templates.GENERIC)
            reader.add(name, found, *m.span())


def _value_of(name: str, raw: str) -> Any:
    """A field's value from the text an anchor gave, or None where it is not one."""
    raw = raw.strip()
    if name in ("registration_number", "protocol_number"):
        value = digits(raw)
        return (value.lstrip("0") or "0") if value else None
    if name == "iin":
        value = digits(raw)
        return value if value and len(value) == 12 else None
    if name in ("enrollment_year", "graduation_year"):
        return int(raw) if raw.isdigit() and 1900 <= int(raw) <= 2100 else None
    if name in ("protocol_date", "issue_date"):
        return _numeric_date(raw)
    if name == "program_code":
        return normalize_programme_code(raw) if re.fullmatch(r"\d[A-ZА-Я8]?\d{5,6}", raw.upper()) else None
    if name == "institution":
        value = _institution_nominative(raw)
        return value if len(value) >= 8 else None
    value = " ".join(raw.split()).strip(' ,.;:«»"')
    return value or None


def _anchored(reader: _Reader, name: str, rule: FieldRule, profile: str) -> None:
    page = reader.page
    after = _AFTER.get(name, _TEXT_AFTER)
    for anchor in rule.anchors:
        for m in anchor.regex.finditer(page.text):
            if "value" in anchor.regex.groupindex and m.group("value") is not None:
                start, end, raw = m.start("value"), m.end("value"), m.group("value")
            elif (v := after.match(page.text, m.end())) is not None:
                start, end, raw = v.start("value"), v.end("value"), v.group("value")
            else:
                continue
            if not page.in_zone(start, end, rule.zone):
                continue
            value = _value_of(name, raw)
            if value is None:
                continue
            found = page.found(value, start, end, anchor.weight, profile=profile)
            if name == "iin":
                check = check_iin(value)
                if not check.valid:
                    found.confidence = round(found.confidence * 0.5, 3)
                    found.flags.append("invalid IIN: " + "; ".join(check.problems))
            reader.add(name, found, start, end)
            if name in ("registration_number", "iin"):
                for other in _number_alternatives(page, start, end, str(digits(raw) or "")):
                    alt_value = _value_of(name, other)
                    if alt_value is not None and alt_value != value:
                        alt = page.found(alt_value, start, end, anchor.weight * 0.4, profile=profile)
                        alt.source, alt.flags = "reread", ["another reading of the number"]
                        reader.out.setdefault(name, []).append(alt)


def _iin_unanchored(reader: _Reader) -> None:
    page = reader.page
    for m in TWELVE_DIGITS.finditer(page.text):
        value = m.group("iin")
        if check_iin(value).valid:  # no anchor: only a valid IIN counts
            reader.add(
                "iin", page.found(value, m.start(), m.end(), 0.8, profile=templates.GENERIC), *m.span()
            )


def _registration_weak(reader: _Reader) -> None:
    if reader.out.get("registration_number"):
        return
    page = reader.page
    for m in REGISTRATION_WEAK.finditer(page.text):
        value = digits(m.group("reg"))
        if value:
            found = page.found(
                value.lstrip("0") or "0", m.start(), m.end("reg"), 0.5, profile=templates.GENERIC
            )
            reader.add("registration_number", found, m.start("reg"), m.end("reg"))


def _decision_dates(reader: _Reader) -> None:
    """The commission's decision («от 8 июня 2015 года», «2015 жылғы 8 маусым»): the issue date, and a
    weaker reading of the graduation year."""
    page = reader.page
    for pattern in (RU_DECISION_DATE, KZ_DECISION_DATE):
        for m in pattern.finditer(page.text):
            issued = _date(m.group("y"), _month(m.group("m")), m.group("d"))
            if issued:
                generic = templates.GENERIC
                reader.add(
                    "issue_date", page.found(issued.isoformat(), *m.span(), 0.9, profile=generic), *m.span()
                )
                year = page.found(issued.year, *m.span("y"), 0.6, profile=generic)
                reader.add("graduation_year", year, *m.span("y"))


def _choice(reader: _Reader, name: str, rule: FieldRule, profile: str) -> None:
    page = reader.page
    for value, phrases in rule.values.items():
        for phrase in phrases:
            if m := re.search(phrase, page.text, re.IGNORECASE):
                reader.add(name, page.found(value, *m.span(), profile=profile), *m.span())
                return


def _flag(reader: _Reader, name: str, rule: FieldRule, profile: str) -> None:
    page = reader.page
    for anchor in rule.anchors:
        if m := anchor.regex.search(page.text):
            reader.add(name, page.found(True, *m.span(), profile=profile), *m.span())
            return


def _kazakh_ae(word: str) -> str:
    """OCR reads the Kazakh ә as э (Әлихан, Нұрдәулет): ә in a word spelled with Kazakh letters, а in one
    spelled in Russian letters, so that the word keeps one spelling."""
    if "э" not in word.lower():
        return word
    kazakh = has_kazakh_letters(word)
    return word.replace("э", "ә" if kazakh else "а").replace("Э", "Ә" if kazakh else "А")


def _nominative(words: list[str], anchor: Anchor, context: str) -> list[str]:
    if anchor.case == "dative_ru":
        return russian_nominative(words, context)
    words = [_kazakh_ae(title(w) if w.isupper() else w) for w in words]
    if anchor.case == "dative_kk":
        words[-1] = kazakh_nominative(words[-1])
    return words


def _add_name(
    reader: _Reader, words: list[str], printed: list[str], start: int, weight: float, **kw: Any
) -> None:
    page = reader.page
    weight *= 1.0 if len(words) == 3 else 0.8
    for name, word_text, shown in zip(_NAME_PARTS, words, printed, strict=False):
        at = page.text.find(shown, start)
        found = page.found(word_text, at, at + len(shown), weight, **kw)
        reader.add(name, found, at, at + len(shown))
        start = at + len(shown)


def _names_anchored(reader: _Reader, rule: FieldRule, profile: str, headings: frozenset[str]) -> None:
    page = reader.page
    for anchor in rule.anchors:
        for m in anchor.regex.finditer(page.text):
            v = _AFTER["name"].match(page.text, m.end())
            if v is None or not page.in_zone(v.start("value"), v.end("value"), rule.zone):
                continue
            printed = v.group("value").split()
            if not all(NAME_WORD.match(w) for w in printed) or any(fold(w) in headings for w in printed):
                continue
            if not all(w[:1].isupper() for w in printed):
                continue
            context = page.text[v.end() : v.end() + 80]
            words = _nominative(printed, anchor, context)
            if _latin(printed):  # an English column: a Cyrillic reading is the value, this one checks it
                reader.latin.append(words)
                continue
            flags = ["ru" if anchor.case == "dative_ru" else "kk"]
            _add_name(reader, words, printed, v.start("value"), anchor.weight, flags=flags, profile=profile)


_PART_AFTER = re.compile(rf"[ ]*[:\-–]?[ ]*(?P<value>[{L}][{L}-]+)(?=[ ,.;]|$)", re.MULTILINE)


def _name_parts(reader: _Reader, profile: Profile, tag: str, headings: frozenset[str]) -> None:
    """A name given part by part: «Тегі: Оразбаева», «Имя: Құралай», «Patronymic: …»."""
    page = reader.page
    for name in _NAME_PARTS:
        rule = profile.fields.get(name)  # type: ignore[call-overload]
        for anchor in rule.anchors if rule else []:
            for m in anchor.regex.finditer(page.text):
                v = _PART_AFTER.match(page.text, m.end())
                if v is None or not v.group("value")[:1].isupper() or fold(v.group("value")) in headings:
                    continue
                word = v.group("value")
                if _latin([word]):
                    continue
                start, end = v.span("value")
                if any(s < end and start < e for part in _NAME_PARTS for s, e in reader.seen.get(part, [])):
                    continue  # a word of a full name read after a label such as «Тегі, аты, әкесінің аты:»
                value = _kazakh_ae(title(word) if word.isupper() else word)
                found = page.found(value, start, end, anchor.weight, flags=["label"], profile=tag)
                reader.add(name, found, start, end)


def _latin(words: Sequence[str]) -> bool:
    return all(re.fullmatch(r"[A-Za-z-]+", w) for w in words)


@dataclass
class _NameLine:
    words: list[Word]
    start: int
    height: float

    @property
    def texts(self) -> list[str]:
        return [w.text.strip(",.;:") for w in self.words]


def _name_lines(page: _PageText, headings: frozenset[str], zone: Zone | None) -> list[_NameLine]:
    """Lines of two to four name-shaped words set larger than the page's text, largest first."""
    lines: dict[int, list[tuple[int, Word]]] = {}
    for start, _, word in page.spans:
        lines.setdefault(word.line, []).append((start, word))
    heights = [w.box.height for _, _, w in page.spans if w.box.height > 0]
    if len(heights) < 5:
        return []
    body = statistics.median(heights)
    found = []
    for items in lines.values():
        words = [w for _, w in items]
        texts = [w.text.strip(",.;:") for w in words]
        if not 2 <= len(words) <= 4 or not all(NAME_WORD.match(t) and t[:1].isupper() for t in texts):
            continue
        if any(fold(t) in headings or t.upper() in headings for t in texts):
            continue
        height = statistics.median(w.box.height for w in words)
        start, end = items[0][0], items[-1][0] + len(words[-1].text)
        # 1.2: capitals have no descenders, so a name in capitals a third larger than the text boxes
        # only a fifth higher than its words do
        if height >= 1.2 * body and page.in_zone(start, end, zone):
            found.append(_NameLine(words, start, height))
    return sorted(found, key=lambda n: -n.height)


def _names_by_size(reader: _Reader, rule: FieldRule | None, profile: str, headings: frozenset[str]) -> None:
    """Where no anchor precedes the name: the largest name-shaped lines, Cyrillic ones as the value (in
    the nominative, as such pages print it), a Latin one checked against them by transliteration."""
    page = reader.page
    lines = _name_lines(page, headings, rule.zone if rule else None)
    cyrillic = [n for n in lines if not _latin(n.texts)][:2]
    latin = [n for n in lines if _latin(n.texts)][:1]
    for line in cyrillic:
        words = [_kazakh_ae(title(t) if t.isupper() else t) for t in line.texts[:3]]
        flags = ["kk" if has_kazakh_letters("".join(words)) else "ru", "name found by its size"]
        agree = [n for n in latin if _latin_agrees(n.texts, words)]
        weight = 0.9
        if agree:
            flags.append("the Latin name agrees after transliteration")
            weight = 1.0
        elif latin:
            flags.append(f"the Latin name «{' '.join(latin[0].texts)}» differs")
        _add_name(reader, words, line.texts[:3], line.start, weight, flags=flags, profile=profile)


def _latin_agrees(latin: list[str], cyrillic: list[str]) -> bool:
    """A Latin name is the Cyrillic one transliterated, in any order of its parts."""
    wanted = sorted(fold(w) for w in cyrillic)
    got = sorted(fold(latin_to_cyrillic(w)) for w in latin)
    if len(wanted) != len(got):
        return False
    return all(similarity(a, b) >= 0.75 for a, b in zip(wanted, got, strict=True))


def _cross_check_latin(readings: Readings, latin: list[list[str]]) -> None:
    """A Latin name printed beside the Cyrillic one: agreement after transliteration is flagged on the
    name; where no Cyrillic name was read, the Latin one is the reading, in Cyrillic letters."""
    if not latin:
        return
    cyrillic = [readings[n][0].value for n in _NAME_PARTS if readings.get(n)]
    if cyrillic:
        agrees = any(_latin_agrees(words, cyrillic) for words in latin)
        flag = (
            "the Latin name agrees after transliteration"
            if agrees
            else (f"the Latin name «{' '.join(latin[0])}» differs")
        )
        for name in _NAME_PARTS:
            for found in readings.get(name, []):
                if flag not in found.flags:
                    found.flags.append(flag)
        return
    for name, word in zip(_NAME_PARTS, latin[0], strict=False):
        readings.setdefault(name, []).append(
            Found(title(latin_to_cyrillic(word)), 0.5, flags=["read from the Latin name"], profile="generic")
        )


# --- choosing among readings -----------------------------------------------------------------------


def _key(name: str, value: Any) -> Any:
    if name in ("last_name", "first_name", "patronymic", "institution", "program_name", "qualification"):
        return fold(str(value))
    if name == "diploma_series":  # a QR code may spell a Cyrillic series in Latin letters: ZHB is ЖБ
        return latin_to_cyrillic(str(value).replace("-", "").replace(" ", ""))
    return value


def _prefer(name: str, group: list[Found]) -> Found:
    """Within readings that agree, the one to show: for names, a Kazakh-page reading with Kazakh letters."""
    if name in ("last_name", "first_name", "patronymic"):
        kazakh = [f for f in group if has_kazakh_letters(str(f.value))]
        if kazakh:
            return max(kazakh, key=lambda f: f.confidence)
    # a reading with words on the page (the reviewer sees where), before a QR code's or a re-read's
    return max(group, key=lambda f: (f.source == "ocr", f.confidence))


def vote(name: str, readings: list[Found]) -> Found:
    groups: dict[Any, list[Found]] = {}
    for found in readings:
        groups.setdefault(_key(name, found.value), []).append(found)
    ranked = sorted(groups.values(), key=lambda g: -sum(f.confidence for f in g))
    if name == "iin":  # a reading whose control digit holds beats one whose does not
        ranked.sort(key=lambda g: not check_iin(str(g[0].value)).valid)
    if name in QR_DECIDES:  # a decoded QR code is exact (error-corrected): it beats any number of OCR reads
        ranked.sort(key=lambda g: not any(f.source == "qr" for f in g))
    best = ranked[0]
    chosen = _prefer(name, best)
    doubt = 1.0
    for f in best:
        doubt *= 1 - f.confidence
    flags = [f for f in chosen.flags if f not in ("kk", "ru", "label", "another reading of the number")]
    confidence = 1 - doubt
    if len(ranked) > 1:
        for other in ranked[1:3]:
            flags.append(f"another reading: «{_prefer(name, other).value}»")
        confidence *= sum(f.confidence for f in best) / sum(f.confidence for g in ranked[:2] for f in g)
    alternatives = [_prefer(name, group).value for group in ranked[1:]]
    return Found(
        chosen.value, round(confidence, 3), chosen.page, chosen.words, chosen.source, flags, chosen.profile,
        alternatives,
    )  # fmt: skip


def _qr_readings(pages: Iterable[PageResult], out: Readings) -> None:
    for result in pages:
        for payload in result.qr_codes:
            for name, value in parse_qr(payload).items():
                out.setdefault(name, []).append(Found(value, 0.99, result.number, source="qr", profile="qr"))


QR_DECIDES = frozenset({"diploma_series", "diploma_number", "registration_number", "iin"})
_QR_KEYS = {
    "series": "diploma_series", "diploma_series": "diploma_series", "seria": "diploma_series",
    "seriya": "diploma_series", "ser": "diploma_series",
    "number": "diploma_number", "diploma_number": "diploma_number", "num": "diploma_number",
    "no": "diploma_number", "nomer": "diploma_number", "diploma": "diploma_number",
    "iin": "iin", "registration_number": "registration_number", "reg": "registration_number",
    "reg_no": "registration_number", "regnum": "registration_number",
}  # fmt: skip


def is_verification_link(payload: str) -> bool:
    """A QR payload that points at a diploma register (EPVO, a university's check page) or carries one."""
    return bool(parse_qr(payload).get("diploma_number"))


def parse_qr(payload: str) -> dict[str, str]:
    """Series, number, registration number and IIN from a QR payload: JSON, a URL with a query or with
    the series and number in its path (EPVO, a university's check page), or plain text."""
    pairs: list[tuple[str, Any]] = []
    text = payload.strip()
    try:
        data = json.loads(text)
        if isinstance(data, dict):
            pairs = list(data.items())
    except ValueError:
        parts = urlsplit(text) if re.match(r"^[a-z]+://", text, re.IGNORECASE) else None
        query = parts.query if parts is not None else text.split("?", 1)[-1]
        pairs = parse_qsl(query)
        if parts is not None:
            text = unquote(parts.path) + " " + unquote(parts.query)
    found = {
        _QR_KEYS[k.lower()]: str(v).strip() for k, v in pairs if k.lower() in _QR_KEYS and str(v).strip()
    }
    if "diploma_number" in found and not digits(found["diploma_number"]):
        m = QR_SERIES_NUMBER.search(found["diploma_number"])  # "number=BD097356745"
        if m:
            found.setdefault("diploma_series", m.group("series"))
            found["diploma_number"] = m.group("number")
    if "diploma_number" not in found and (m := QR_SERIES_NUMBER.search(text.upper())):
        found["diploma_series"], found["diploma_number"] = m.group("series").strip("-/"), m.group("number")
    if "iin" not in found and (m := TWELVE_DIGITS.search(text)) and check_iin(m.group("iin")).valid:
        found["iin"] = m.group("iin")
    if "diploma_number" in found:
        found["diploma_number"] = digits(found["diploma_number"]) or found["diploma_number"]
        if "diploma_series" in found:
            length = len(found["diploma_number"])
            found["diploma_series"] = normalize_series(found["diploma_series"], length)[0]
    if "registration_number" in found:
        found["registration_number"] = found["registration_number"].lstrip("0") or "0"
    return found


# --- the document --------------------------------------------------------------------------------

_TYPED: tuple[templates.FieldName, ...] = (
    "iin", "registration_number", "enrollment_year", "graduation_year", "program_code", "program_name",
    "qualification", "institution", "protocol_number", "protocol_date", "issue_date",
)  # fmt: skip


def _rules(chosen: Profile | None, generic: Profile) -> list[tuple[str, Profile]]:
    return [(p.name, p) for p in (chosen, generic) if p is not None]


def _headings(*profiles: Profile | None) -> frozenset[str]:
    """The profiles' title words, never a person's name: folded, and in capitals as printed."""
    words = [h for p in profiles if p is not None for h in p.headings]
    return frozenset(fold(h) for h in words) | frozenset(h.upper() for h in words)


def read_page(
    page: _PageText, reader: _Reader, chosen: Profile | None, generic: Profile, headings: frozenset[str]
) -> None:
    _own_format_glued(reader)  # first: «М099592864021» would otherwise read as series М, number 099592864021
    _series_number(reader, chosen.series if chosen else [], chosen.name if chosen else templates.GENERIC)
    for tag, profile in _rules(chosen, generic):
        for name in _TYPED:
            if (rule := profile.fields.get(name)) is not None:
                _anchored(reader, name, rule, tag)
    _iin_unanchored(reader)
    _registration_weak(reader)
    _decision_dates(reader)
    for tag, profile in _rules(chosen, generic):
        if (rule := profile.fields.get("name")) is not None:
            _names_anchored(reader, rule, tag, headings)
        _name_parts(reader, profile, tag, headings)
    for tag, profile in _rules(chosen, generic):
        if (rule := profile.fields.get("degree")) is not None and not reader.out.get("degree"):
            _choice(reader, "degree", rule, tag)
        if (rule := profile.fields.get("honors")) is not None and not reader.out.get("honors"):
            _flag(reader, "honors", rule, tag)


def extract_fields(
    pages: list[PageResult],
    loaded: Sequence[LoadedProfile] | None = None,
    force: Profile | None = None,
    kind: str | None = None,
) -> Extraction:
    """A document's fields, voting across its pages, its columns in each language and its QR codes; read
    with the profile that fits best (or `force`) and the generic vocabulary."""
    loaded = loaded if loaded is not None else templates.profiles()
    generic = templates.generic(loaded)
    texts = [_page_text(result) for result in pages]
    joined = "\n".join(t.text for t in texts)
    chosen: Profile | None
    if force is not None:
        chosen, detected = force, force.detected(joined)
    else:
        chosen, detected = templates.choose(loaded, joined, kind)
    headings = _headings(chosen, generic)
    readings: Readings = {}
    latin: list[list[str]] = []
    for page in texts:
        reader = _Reader(page, readings)
        read_page(page, reader, chosen, generic, headings)
        latin += reader.latin
    if not any(readings.get(n) for n in _NAME_PARTS):
        rule = chosen.fields.get("name") if chosen else None
        tag = chosen.name if chosen else templates.GENERIC
        for page in texts:
            _names_by_size(_Reader(page, readings), rule, tag, headings)
    _cross_check_latin(readings, latin)
    _qr_readings(pages, readings)
    extraction = Extraction(
        {name: vote(name, found) for name, found in readings.items() if found},
        profile=chosen.name if chosen else None,
        detected=detected,
    )
    if "honors" not in extraction.fields and pages:
        extraction.fields["honors"] = Found(False, 0.6, flags=["no honours mark found"])
    iin = extraction.fields.get("iin")
    if iin is not None and not check_iin(str(iin.value)).valid and "invalid IIN" not in " ".join(iin.flags):
        iin.flags.append("invalid IIN: " + "; ".join(check_iin(str(iin.value)).problems))
    return extraction
