"""Which kind of document a page set is: diploma, diploma ledger, or another archival document."""

from __future__ import annotations

import re

LEDGER_MARKERS = re.compile(
    r"КНИГА\s+РЕГИСТРАЦИИ|ТІРКЕУ\s+КІТАБЫ|Серия\s+и\s+номер\s+диплома|Дата\s+выдачи|Берілген\s+күні",
    re.IGNORECASE,
)
DIPLOMA_MARKERS = re.compile(
    r"\bДИПЛОМ\b|\bDIPLOMA\b|диплом\s+выдан|Осы\s+диплом|Т[іи]ркеу\s+н[өо]мірі|Регистрационный\s+номер",
    re.IGNORECASE,
)
# a ledger row: a series and number, then a date on the same line
LEDGER_ROW = re.compile(r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ0-9]{1,5}\s*№?\s*\d{6,10}\D{0,8}\d{2}[.,]\d{2}[.,]\d{4}")


def document_kind(page_texts: list[str]) -> tuple[str, str]:
    """The kind, and the reason it was chosen."""
    text = "\n".join(page_texts)
    if found := LEDGER_MARKERS.search(text):
        return "ledger", f"ledger heading found: «{found.group(0)}»"
    rows = LEDGER_ROW.findall(text)
    if len(rows) >= 2:
        return "ledger", f"{len(rows)} rows of diploma series, number and date"
    if found := DIPLOMA_MARKERS.search(text):
        return "diploma", f"diploma title found: «{found.group(0)}»"
    return "archive", "neither a diploma title nor a ledger heading was found"
