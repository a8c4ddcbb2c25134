"""Graduates listed on a page: registration ledgers and graduation orders, one row a graduate.

A row holds the graduate's name and what else its columns hold: series and number, registration number,
programme, date of issue, year of graduation. Which column holds what is told by the header row, in the
order its labels are printed, whether or not OCR kept the table's rules as «|»; the series and number and
the date are found by their shapes wherever they stand, and are blanked before the name is looked for, so
that «ЖБ-Б № 7505666» (its № often read as «Мо») is never taken for a name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from matching import templates
from matching.fields import heading_words
from matching.found import Found
from matching.name_readers import NAME_PARTS
from matching.names import fold
from matching.page_text import PageText, is_programme_code, page_text
from matching.patterns import (
    LEDGER_ROW_NAME,
    NUMERIC_DATE,
    PROGRAMME_CODE,
    SERIES_NUMBER,
    digits,
    normalize_programme_code,
    normalize_series,
    numeric_date,
)
from matching.templates import LoadedProfile
from ocr.model import PageResult

# a header cell's label -> the field its column holds; the first pattern that fits a cell wins
_HEADER_FIELDS = (
    ("index", re.compile(r"^(?:№|N|#)\s*(?:п/?п)?\.?$|№\s*п/?п|р/с", re.IGNORECASE)),
    ("registration_number", re.compile(r"рег|т[іи]ркеу", re.IGNORECASE)),
    ("name", re.compile(r"фамилия|ф\.?\s*и\.?\s*о|тегі|аты-жөні|name", re.IGNORECASE)),
    ("graduation_year", re.compile(r"год\s+оконч|бітір\w*\s+жыл|year", re.IGNORECASE)),
    ("program_name", re.compile(r"специальн|мамандық|программ|бағдарлама|programme", re.IGNORECASE)),
    ("diploma", re.compile(r"серия|сериясы|диплом|series", re.IGNORECASE)),
    ("issue_date", re.compile(r"дата|күні|date", re.IGNORECASE)),
)
# a row-number column where the cells run together: a № (or N, #) at the start of the header line
_INDEX_AT_START = re.compile(r"^\s*(?:№|N|#)(?:\s*п/?п)?(?=\s)", re.IGNORECASE)
_NUMBER_COLUMNS = ("index", "registration_number", "graduation_year")
_SHORT_NUMBER = re.compile(r"(?<![\w.,/-])\d{1,6}(?![\w,/-]|\.\d)")
_PROGRAMME_CODE_IN_LINE = re.compile(r"(?<![\w])(\d[BВ8МMDД]\d{5,6})(?![\d])")
_YEAR = re.compile(r"^(?:19|20)\d\d$")


def _cell_kind(cell: str) -> str:
    return next((kind for kind, pattern in _HEADER_FIELDS if pattern.search(cell)), "other")


def header_columns(text: str) -> list[str] | None:
    """Which field each column holds, from a header row of cells separated by «|»."""
    for line in text.split("\n")[:14]:
        cells = [c.strip() for c in line.split("|")]
        if len(cells) < 3 or re.search(r"\d{4,}", line):
            continue
        columns = [_cell_kind(cell) for cell in cells]
        if columns.count("name") == 1 and len(set(columns) - {"other", "index"}) >= 2:
            return columns
    return None


def header_order(text: str) -> list[str] | None:
    """The fields of a header row whose cells OCR ran together, in the order they are printed."""
    for line in text.split("\n")[:14]:
        if re.search(r"\d{4,}", line):
            continue
        first: dict[str, int] = {}
        for kind, pattern in _HEADER_FIELDS:
            if (m := (_INDEX_AT_START if kind == "index" else pattern).search(line)) is not None:
                first.setdefault(kind, m.start())
        if "name" in first and len(first.keys() - {"index"}) >= 3:
            return sorted(first, key=first.__getitem__)
    return None


def _registration(page: PageText, number: str, start: int, end: int) -> Found:
    """A registration number as the registry keeps it: without leading zeros."""
    return page.found(number.lstrip("0") or "0", start, end)


def _masked(line: str, spans: list[tuple[int, int]]) -> str:
    chars = list(line)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _row_names(page: PageText, at: int, text: str, row: dict[str, Found], headings: frozenset[str]) -> None:
    for m in LEDGER_ROW_NAME.finditer(text):
        words = m.group("names").split()
        if "№" in m.group() or any(fold(w) in headings for w in words):
            continue
        pos = at + m.start()
        for name, word in zip(NAME_PARTS, words, strict=False):
            pos = page.text.find(word, pos)
            row[name] = page.found(word, pos, pos + len(word))
            pos += len(word)
        return


def _series_and_date(page: PageText, start: int, line: str, row: dict[str, Found]) -> list[tuple[int, int]]:
    """The row's series and number and its date of issue; returns their spans in the line."""
    spans = []
    for m in SERIES_NUMBER.finditer(line):
        number = digits(m.group("number"))
        span = start + m.start("series"), start + m.end("number")
        if number and not (not m.group("sign") and is_programme_code(page, *span)):
            series, flags = normalize_series(m.group("series"), len(number))
            row["diploma_series"] = page.found(series, *span, flags=flags)
            row["diploma_number"] = page.found(number, *span, flags=list(flags))
            spans.append((m.start("series"), m.end("number")))
            break
    if (issued := numeric_date(line)) and (when := NUMERIC_DATE.search(line)):
        row["issue_date"] = page.found(issued, start + when.start(), start + when.end())
        spans.append((when.start(), when.end()))
    return spans


def _numbers_by_order(page: PageText, start: int, rest: str, order: list[str], row: dict[str, Found]) -> None:
    """Short numbers of a row given to the header's number columns in their printed order: a year to the
    year column, the others in turn where there are as many as columns left."""
    numbers = list(_SHORT_NUMBER.finditer(rest))
    wanted = [k for k in order if k in _NUMBER_COLUMNS]
    if "graduation_year" in wanted:
        years = [m for m in numbers if _YEAR.match(m.group())]
        if len(years) == 1:
            row["graduation_year"] = page.found(int(years[0].group()), start + years[0].start(),
                                                start + years[0].end())  # fmt: skip
            numbers.remove(years[0])
        wanted.remove("graduation_year")
    if len(numbers) != len(wanted):
        return
    for kind, m in zip(wanted, numbers, strict=True):
        if kind == "registration_number":
            row[kind] = _registration(page, m.group(), start + m.start(), start + m.end())


def _ledger_row(
    page: PageText,
    start: int,
    line: str,
    columns: list[str] | None,
    order: list[str] | None,
    headings: frozenset[str],
) -> dict[str, Found]:
    row: dict[str, Found] = {}
    spans = _series_and_date(page, start, line, row)
    cells = [c.strip() for c in line.split("|")]
    if columns and len(cells) == len(columns):
        at = start
        for cell, kind in zip(cells, columns, strict=True):
            at = page.text.find(cell, at) if cell else at
            if kind == "registration_number" and (reg := digits(cell)) and len(reg) <= 6:
                row["registration_number"] = _registration(page, reg, at, at + len(cell))
            elif kind == "name":
                _row_names(page, at, cell, row, headings)
            elif kind == "graduation_year" and _YEAR.match(cell):
                row["graduation_year"] = page.found(int(cell), at, at + len(cell))
            elif kind == "program_name" and PROGRAMME_CODE.match(cell):
                row["program_code"] = page.found(normalize_programme_code(cell), at, at + len(cell))
            elif kind == "program_name" and cell:
                row["program_name"] = page.found(cell, at, at + len(cell))
        return row
    code = _PROGRAMME_CODE_IN_LINE.search(line)
    if code:
        row["program_code"] = page.found(
            normalize_programme_code(code.group(1)), start + code.start(), start + code.end()
        )
        spans.append((code.start(), code.end()))
    rest = _masked(line, spans)
    _row_names(page, start, rest, row, headings)
    if order:
        _numbers_by_order(page, start, rest.replace("|", " "), order, row)
    elif len(cells) >= 3 and (reg := digits(cells[0])) and len(reg) <= 6:
        row["registration_number"] = _registration(page, reg, start, start + len(cells[0]))
    if not order and len(cells) >= 4:
        row["program_name"] = page.found(cells[2], start, start)
    return row


def extract_ledger_rows(
    pages: list[PageResult], loaded: Sequence[LoadedProfile] | None = None
) -> list[dict[str, Found]]:
    """One row a listed graduate: name, and what the row holds of registration number, programme,
    series and number, date and year; the columns are told by the header row where there is one."""
    headings = heading_words(templates.generic(loaded if loaded is not None else templates.profiles()))
    rows: list[dict[str, Found]] = []
    for result in pages:
        page = page_text(result)
        columns = header_columns(page.text)
        order = [c for c in columns if c != "other"] if columns else header_order(page.text)
        start = 0
        for line in page.text.split("\n"):
            named = LEDGER_ROW_NAME.search(line) is not None
            listed = re.match(r"\s*\d{1,6}[.)|]?\s", line) is not None
            if (
                SERIES_NUMBER.search(line)
                or (line.count("|") >= 3 and re.match(r"\s*\d", line))
                or (named and listed)
            ):
                row = _ledger_row(page, start, line, columns, order, headings)
                if "diploma_number" in row or ("last_name" in row and len(row) >= 2):
                    rows.append(row)
            start += len(line) + 1
    return rows
