"""What diplomas print, as patterns, and the normalisers of what OCR read of it.

The patterns tolerate what OCR does to these pages: spaces inside numbers, O/З for 0/3, Latin and
Cyrillic look-alikes in series, № read as «Мо» or «N°». The normalisers turn what was read into the
values the registry holds: a number's digits, a series as the registry writes it, a programme code, a date.
"""

from __future__ import annotations

import re
from datetime import date

from muragat.messages import Message
from muragat.messages.catalog.matching import Code

L = "A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі"
UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
_DIGIT_LIKE = str.maketrans({"O": "0", "О": "0", "o": "0", "о": "0", "З": "3", "з": "3", "l": "1", "I": "1"})
_SERIES_LATIN_TO_CYRILLIC = str.maketrans("ABCEHKMOPTXY0346", "АВСЕНКМОРТХУОЗЧБ")
_SERIES_CYRILLIC_TO_LATIN = str.maketrans("АВСЕНКМОРТХУ", "ABCEHKMOPTXY")
# own-format diplomas (since 2020): Latin BD/MD/DD and 9 to 11 digits; OCR reads B as В or 8, D as О or Р
OWN_FORMAT_NUMBER_LENGTHS = (9, 10, 11)
OWN_FORMAT_FIRST = {"B": "B", "В": "B", "8": "B", "M": "M", "М": "M", "D": "D", "Д": "D"}
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
AFTER_ANCHOR = {
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
TEXT_AFTER_ANCHOR = re.compile(r"[ ]*[:\-–]?[ ]*(?P<value>[^\n]{3,200})")


def digits(raw: str) -> str | None:
    """Digits of a number as OCR read it: spaces dropped, O/З taken for 0/3; None if letters remain."""
    cleaned = re.sub(r"\s+", "", raw).translate(_DIGIT_LIKE)
    return cleaned if cleaned.isdigit() else None


def normalize_series(raw: str, number_length: int | None = None) -> tuple[str, list[Message]]:
    """The series as the registry writes it, and flags where OCR look-alikes were corrected.

    A series with a Latin letter that no Cyrillic one looks like (D, F, G, …) is Latin, its look-alikes
    too (ВD → BD); with 9-11 digits two letters are an own-format series (BD, MD, DD, read as ВО, 8D…);
    anything else is Cyrillic (ЖБ-Б, ЗВ)."""
    compact = re.sub(r"\s+", "", raw).upper()
    flags: list[Message] = []
    latin_only = set(compact) & set("DFGIJLNQRSUVWZ")
    if latin_only and all(c.isascii() or c in "АВСЕНКМОРТХУ" for c in compact if c.isalpha()):
        series = compact.translate(_SERIES_CYRILLIC_TO_LATIN)
    elif number_length in OWN_FORMAT_NUMBER_LENGTHS and len(compact) == 2 and compact[0] in OWN_FORMAT_FIRST:
        series = OWN_FORMAT_FIRST[compact[0]] + "D"
    elif compact.isascii() and compact.isalpha() and (number_length is None or number_length >= 9):
        series = compact
    else:
        series = compact.translate(_SERIES_LATIN_TO_CYRILLIC)
    if series != compact:
        flags.append(Message(Code.SERIES_READ_AS, series=compact))
    return series, flags


def normalize_programme_code(raw: str) -> str:
    code = raw.upper()
    if len(code) == 8 and code[1] == "8":
        return code[0] + "B" + code[2:]  # 5B031010 read 58031010: no code is eight digits
    if len(code) < 2 or code[1].isdigit():
        return code
    letter = {"8": "B", "В": "B", "М": "M", "Д": "D"}.get(code[1], code[1])
    return code[0] + letter + code[2:]


def month_number(word: str) -> int | None:
    low = word.lower()
    for stem, number in sorted(_MONTHS.items(), key=lambda kv: -len(kv[0])):
        if low.startswith(stem):
            return number
    return None


def calendar_date(y: str, m: int | None, d: str) -> date | None:
    try:
        return date(int(y), m, int(d)) if m else None
    except ValueError:
        return None


def numeric_date(raw: str) -> str | None:
    if m := NUMERIC_DATE.search(raw):
        issued = calendar_date(m.group("y"), int(m.group("m")), m.group("d"))
        return issued.isoformat() if issued else None
    return None
