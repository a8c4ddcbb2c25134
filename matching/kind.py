"""Which kind of document a page set is, from several signals: headings and phrases in kk, ru and en,
series-and-number shapes, QR verification links and table rows.

Each signal adds to the score of a kind; the kind with the highest score wins if it reaches its
threshold, else the document is an archive document. The reason names the strongest signal, and the
scores let a page that looks like an education document, but did not reach a kind, go to a person
instead of passing as done.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from matching.qr_fields import is_verification_link
from muragat.messages import Message
from muragat.messages.catalog.matching import Code

_I = re.IGNORECASE
LEDGER_HEADINGS = re.compile(
    r"КНИГА\s+РЕГИСТРАЦИИ|ТІРКЕУ\s+КІТАБЫ|Серия\s+и\s+номер\s+диплома|Дата\s+выдачи|Берілген\s+күні", _I
)
ORDER_HEADINGS = re.compile(r"\bПРИКАЗ\b|\bБҰЙРЫҚ\b|\bBҰЙРЫҚ\b", _I)
ORDER_PHRASES = re.compile(
    r"окончани\w+|выпускник\w*|отчисл\w+|бітіруіне|бітірген|түлек\w*|шығарылсын|присвоить|берілсін", _I
)
SUPPLEMENT_HEADINGS = re.compile(
    r"ПРИЛОЖЕНИЕ\s+К\s+ДИПЛОМУ|ДИПЛОМҒА\s+ҚОСЫМША|дипломға\s+қосымша|DIPLOMA\s+SUPPLEMENT|ТРАНСКРИПТ|TRANSCRIPT",
    _I,
)
TRANSCRIPT_ROW = re.compile(
    r"^.{3,}\s(?:\d{1,2}(?:[.,]\d)?)\s+(?:[A-DF][+-]?|отлично|хорошо|удовлетворительно|зачтено|өте\s+жақсы|жақсы|"
    r"қанағаттанарлық|сынақ)\b",
    _I | re.MULTILINE,
)
DIPLOMA_TITLE = re.compile(r"\bДИПЛОМ\b|\bDIPLOMA\b")  # a title: capitals
DIPLOMA_PHRASES = re.compile(
    r"диплом\s+выдан|Осы\s+диплом|Т[іи]ркеу\s+н[өо]мірі|Регистрационный\s+(?:номер|№)|Registration\s+No|"
    r"присуждена\s+степень|дәрежесі\s+берілді|(?:awarded|conferred)\s+(?:the\s+)?(?:degree|qualification)|"
    r"присвоена\s+квалификация|біліктілігі\s+берілді|Пред[ъь]?явител\w*\s+настоя|"
    r"аттестаттау\s+комиссиясы|аттестационной\s+комиссии|attestation\s+commission|"
    r"degree\s+of\s+(?:bachelor|master)|бакалавр\w*\s+дәрежесі|степень\s+(?:бакалавра|магистра)|"
    r"Әкесінің\s+аты|Берілген\s+дәреже|Присуждена\s+степень|Білім\s+беру\s+бағдарламасы|"
    r"Образовательная\s+программа",
    _I,
)
# a series, the number sign (as OCR reads it too: «Мо», «No»), a number
SERIES_NUMBER_SIGN = re.compile(
    r"(?<![\w-])[A-ZА-ЯӘҒҚҢӨҰҮҺІ]{1,4}(?:-[A-ZА-ЯӘҒҚҢӨҰҮҺІ])?\s*(?:№|N[oº°]\.?|[МM][oо])\s*\d{6,11}(?!\d)"
)
# a ledger row: a series and number, then a date on the same line
LEDGER_ROW = re.compile(r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ0-9]{1,5}\s*№?\s*\d{6,10}\D{0,8}\d{2}[.,]\d{2}[.,]\d{4}")
# a listed graduate: a row number (or the dot or dash left of it by OCR), then a full name
_NAME_WORD = r"[А-ЯӘҒҚҢӨҰҮҺІ][а-яәғқңөұүһі-]+"
LISTED_NAME = re.compile(rf"^\s*(?:\d{{1,3}}\s*[.)|]?|[.•·\-–])\s+{_NAME_WORD}\s+{_NAME_WORD}", re.MULTILINE)
THRESHOLD = 2.0


@dataclass
class KindDecision:
    kind: str
    reason: Message
    scores: dict[str, float] = field(default_factory=dict)
    signals: list[Message] = field(default_factory=list)  # what spoke for the kind, strongest first


def classify(page_texts: list[str], qr_codes: list[str] | None = None) -> KindDecision:
    text = "\n".join(page_texts)
    scores = {"diploma": 0.0, "supplement": 0.0, "ledger": 0.0}
    why: dict[str, list[tuple[float, Message]]] = {k: [] for k in scores}

    def add(kind: str, points: float, signal: Message) -> None:
        scores[kind] += points
        why[kind].append((points, signal))

    if m := LEDGER_HEADINGS.search(text):
        add("ledger", 3, Message(Code.KIND_LEDGER_HEADING, heading=m.group(0)))
    rows = LEDGER_ROW.findall(text)
    if len(rows) >= 2:
        add("ledger", 3, Message(Code.KIND_LEDGER_ROWS, rows=len(rows)))
    signs = SERIES_NUMBER_SIGN.findall(text)
    numbers = {re.sub(r"\D", "", sign) for sign in signs}
    if len(rows) < 2 and len(numbers) >= 3:
        add("ledger", 3, Message(Code.KIND_DIPLOMA_NUMBERS, count=len(numbers)))
        rows = [*rows, *numbers]
    listed = LISTED_NAME.findall(text)
    order = ORDER_HEADINGS.search(text)
    if order and (phrase := ORDER_PHRASES.search(text)):
        add("ledger", 2, Message(Code.KIND_ORDER, order=order.group(0), phrase=phrase.group(0)))
    if len(listed) >= 3:
        add("ledger", 1.5 if order else 0.5, Message(Code.KIND_NAME_ROWS, rows=len(listed)))
    if m := SUPPLEMENT_HEADINGS.search(text):
        add("supplement", 3, Message(Code.KIND_SUPPLEMENT_HEADING, heading=m.group(0)))
    grades = TRANSCRIPT_ROW.findall(text)
    if len(grades) >= 5:
        add("supplement", 2, Message(Code.KIND_TRANSCRIPT_ROWS, rows=len(grades)))
    if m := DIPLOMA_TITLE.search(text):
        add("diploma", 1.5, Message(Code.KIND_DIPLOMA_TITLE, title=m.group(0)))
    phrases = {m.group(0) for m in DIPLOMA_PHRASES.finditer(text)}
    if phrases:
        first, more = sorted(phrases)[0], len(phrases) - 1
        signal = (
            Message(Code.KIND_DIPLOMA_PHRASES, phrase=first, more=more)
            if more
            else Message(Code.KIND_DIPLOMA_PHRASE, phrase=first)
        )
        add("diploma", min(3.0, 1.5 * len(phrases)), signal)
    if signs and len(rows) < 2:
        add("diploma", 1, Message(Code.KIND_SERIES_NUMBER, number=signs[0]))
    links = [q for q in qr_codes or [] if is_verification_link(q)]
    if links:
        add("diploma", 2, Message(Code.KIND_QR))
    if scores["supplement"] >= THRESHOLD:
        scores["diploma"] = min(
            scores["diploma"], scores["supplement"] - 0.1
        )  # a supplement names its diploma
    if scores["ledger"] >= THRESHOLD and len(rows) + len(listed) >= 2:
        scores["diploma"] = min(scores["diploma"], scores["ledger"] - 0.1)  # a ledger lists many diplomas
    kind = max(scores, key=lambda k: scores[k])
    if scores[kind] < THRESHOLD:
        return KindDecision("archive", Message(Code.KIND_UNDECIDED), scores)
    signals = [signal for _, signal in sorted(why[kind], key=lambda item: -item[0])]
    return KindDecision(kind, signals[0], scores, signals)


def document_kind(page_texts: list[str], qr_codes: list[str] | None = None) -> tuple[str, Message]:
    """The kind, and the reason it was chosen."""
    decision = classify(page_texts, qr_codes)
    return decision.kind, decision.reason
