"""Diploma fields from OCR text: a first extraction of the keys that identify a diploma.

Series and number, IIN, registration number, graduation year, degree, honours, and the holder's name
from the Kazakh formula. A later stage deepens this (the Russian dative, field boxes and confidences).
"""

from __future__ import annotations

import re
from typing import Any

CYR_UPPER = "А-ЯЁӘҒҚҢӨҰҮҺІ"
# Latin letters that OCR puts in place of Cyrillic ones inside series such as ЖБ-Б
LATIN_TO_CYRILLIC = str.maketrans("ABCEHKMOPTXY", "АВСЕНКМОРТХУ")
LATIN_SERIES = {"BD", "MD", "DD"}

SERIES_NUMBER = re.compile(
    rf"(?<![\w-])(?P<series>[{CYR_UPPER}A-Z]{{1,5}}(?:\s?-\s?[{CYR_UPPER}A-Z]{{1,2}})?)\s*(?:№|N[o°º]?|Nº)\s*"
    r"(?P<number>\d{6,10})\b"
)
IIN = re.compile(r"(?:ЖСН|ИИН|IIN)\s*[:№]?\s*(?P<iin>\d{12})\b")
REGISTRATION = re.compile(
    r"(?:Тіркеу\s+нөмірі|Регистрационный\s+номер|Рег\.\s*№)\s*[:№]?\s*(?P<reg>\d{1,8})\b", re.IGNORECASE
)
YEAR_FINISHED = re.compile(r"(?P<year>(?:19|20)\d{2})\s+(?:жылы\s+\S+\s+-|году\s+окончил)", re.IGNORECASE)
KAZAKH_HOLDER = re.compile(
    rf"Осы\s+диплом\s+(?P<last>[{CYR_UPPER}][\w-]+)\s+(?P<first>[{CYR_UPPER}][\w-]+)"
    rf"(?:\s+(?P<patronymic>[{CYR_UPPER}][\w-]+))?"
)
KAZAKH_DATIVE = re.compile(r"(?P<stem>.+(?:қызы|ұлы|улы|кызы))(?:на|не)$")
DEGREES = (
    (re.compile(r"бакалавр", re.IGNORECASE), "bachelor"),
    (re.compile(r"магистр", re.IGNORECASE), "master"),
    (re.compile(r"доктор|PhD", re.IGNORECASE), "doctor"),
    (re.compile(r"квалификация|специалист|маман", re.IGNORECASE), "specialist"),
)
HONORS = re.compile(r"ҮЗДІК|С\s+ОТЛИЧИЕМ", re.IGNORECASE)


def normalize_series(series: str) -> str:
    compact = re.sub(r"\s+", "", series).upper()
    return compact if compact in LATIN_SERIES else compact.translate(LATIN_TO_CYRILLIC)


def nominative_kazakh(word: str) -> str:
    """Undo the Kazakh dative on a patronymic: «Нұрдәулетқызына» is «Нұрдәулетқызы»."""
    found = KAZAKH_DATIVE.match(word)
    return found.group("stem") if found else word


def extract_fields(page_texts: list[str]) -> dict[str, Any]:
    text = "\n".join(page_texts)
    fields: dict[str, Any] = {}
    if found := SERIES_NUMBER.search(text):
        fields["diploma_series"] = normalize_series(found.group("series"))
        fields["diploma_number"] = found.group("number")
    if found := IIN.search(text):
        fields["iin"] = found.group("iin")
    if found := REGISTRATION.search(text):
        fields["registration_number"] = found.group("reg")
    if found := YEAR_FINISHED.search(text):
        fields["graduation_year"] = int(found.group("year"))
    if found := KAZAKH_HOLDER.search(text):
        fields["last_name"] = found.group("last")
        fields["first_name"] = found.group("first")
        if found.group("patronymic"):
            fields["patronymic"] = nominative_kazakh(found.group("patronymic"))
    for pattern, degree in DEGREES:
        if pattern.search(text):
            fields["degree"] = degree
            break
    fields["honors"] = bool(HONORS.search(text))
    return fields
