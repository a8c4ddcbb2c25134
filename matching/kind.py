"""Which kind of document a page set is: diploma, diploma ledger, or another archival document."""

from __future__ import annotations

import re

LEDGER_MARKERS = re.compile(r"КНИГА\s+РЕГИСТРАЦИИ|ТІРКЕУ\s+КІТАБЫ|Серия\s+и\s+номер\s+диплома", re.IGNORECASE)
DIPLOMA_MARKERS = re.compile(r"\bДИПЛОМ\b|\bDIPLOMA\b", re.IGNORECASE)


def document_kind(page_texts: list[str]) -> tuple[str, str]:
    """The kind, and the reason it was chosen."""
    text = "\n".join(page_texts)
    if found := LEDGER_MARKERS.search(text):
        return "ledger", f"ledger heading found: «{found.group(0)}»"
    if found := DIPLOMA_MARKERS.search(text):
        return "diploma", f"diploma title found: «{found.group(0)}»"
    return "archive", "neither a diploma title nor a ledger heading was found"
