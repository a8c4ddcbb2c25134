"""Registry rows checked against the registry format (DESIGN.md, "Graduate registry CSV"): each cell
parsed by its column's rule into a typed Graduate value, a row with any bad cell (or a repeated
graduate_id) a `RowError` that names its line and every problem, never an exception.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from sqlalchemy import inspect

from muragat.messages import Message
from muragat.messages.catalog.matching import DEGREES
from muragat.messages.catalog.registry import Code
from storage.models import Graduate

Value = str | int | bool | date | None
Parser = Callable[[str], Value]

_SHOWN_CHARS = 40  # a cell value quoted in an error message is cut to this length


class _Invalid(ValueError):
    """A cell breaks its column's rule; the message states the rule."""

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.detail = message


# --- cell parsers ---------------------------------------------------------------------------------

_DIGITS_12 = re.compile(r"[0-9]{12}")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_YEAR = re.compile(r"[0-9]{4}")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_TRUE = frozenset({"true", "1", "yes"})
_FALSE = frozenset({"false", "0", "no"})
MIN_YEAR, MAX_YEAR = 1900, 2100


def _text(value: str) -> str:
    return value


def _iin(value: str) -> str:
    if _DIGITS_12.fullmatch(value):
        return value
    if value.isascii() and value.isdigit() and len(value) < 12:
        # Spreadsheets read an IIN as a number and drop the leading zero of anyone born in 2000-2009.
        raise _Invalid(Message(Code.RULE_IIN_SHORT, digits=len(value)))
    raise _Invalid(Message(Code.RULE_IIN_DIGITS))


def _iso_date(value: str) -> date:
    if not _ISO_DATE.fullmatch(value):
        raise _Invalid(Message(Code.RULE_ISO_DATE))
    try:
        return date.fromisoformat(value)
    except ValueError as e:
        raise _Invalid(Message(Code.RULE_REAL_DATE)) from e


def _year(value: str) -> int:
    if not _YEAR.fullmatch(value):
        raise _Invalid(Message(Code.RULE_YEAR))
    year = int(value)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _Invalid(Message(Code.RULE_YEAR_RANGE, low=MIN_YEAR, high=MAX_YEAR))
    return year


def _bool(value: str) -> bool:
    folded = value.casefold()
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    raise _Invalid(Message(Code.RULE_BOOL))


def _choice(*options: str, fold: Callable[[str], str] = str.lower) -> Parser:
    def parse(value: str) -> str:
        folded = fold(value)
        if folded in options:
            return folded
        # Cyrillic М, К, Т look exactly like Latin letters in a spreadsheet cell.
        rule = Code.RULE_CHOICE_CYRILLIC if CYRILLIC.search(value) else Code.RULE_CHOICE
        raise _Invalid(Message(rule, options=", ".join(options)))

    return parse


@dataclass(frozen=True)
class _Column:
    parse: Parser = _text
    required: bool = False
    empty: Value = None  # the value an empty cell stands for when the column is optional


# In the order of the registry format; every column must be in the header, in any order.
COLUMNS: dict[str, _Column] = {
    "graduate_id": _Column(required=True),
    "iin": _Column(_iin),
    "last_name": _Column(required=True),
    "first_name": _Column(required=True),
    "patronymic": _Column(),
    "gender": _Column(_choice("M", "F", fold=str.upper)),
    "birth_date": _Column(_iso_date),
    "institution": _Column(required=True),
    "program_code": _Column(),
    "program_name": _Column(),
    "degree": _Column(_choice(*DEGREES), required=True),
    "study_form": _Column(_choice("full_time", "part_time", "distance")),
    "study_language": _Column(_choice("kk", "ru", "en")),
    "enrollment_year": _Column(_year),
    "graduation_year": _Column(_year, required=True),
    "diploma_series": _Column(),
    "diploma_number": _Column(),
    "registration_number": _Column(),
    "issue_date": _Column(_iso_date),
    "honors": _Column(_bool, empty=False),
}
REGISTRY_COLUMNS: tuple[str, ...] = tuple(COLUMNS)


def _max_lengths() -> dict[str, int]:
    """Column widths from the table itself, so a long value is a row error rather than a failed flush."""
    lengths = {c.key: getattr(c.type, "length", None) for c in inspect(Graduate).columns}
    return {name: length for name, length in lengths.items() if isinstance(length, int)}


_MAX_LENGTH = _max_lengths()


# --- results --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
    """A rejected row: its first line in the file, its graduate_id if it had one, and what is wrong."""

    line: int
    graduate_id: str | None
    problems: tuple[Message, ...]

    @property
    def detail(self) -> Message:
        return Message(Code.ROW_ERROR, line=self.line, problems=list(self.problems))

    @property
    def message(self) -> str:
        return str(self.detail)

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class RegistryRow:
    """A valid row: its first line in the file and the Graduate field values, typed."""

    line: int
    values: dict[str, Value]

    @property
    def graduate_id(self) -> str:
        return str(self.values["graduate_id"])


def clean(raw: str) -> str:
    return unicodedata.normalize("NFC", raw.strip())


class Record(NamedTuple):
    """One row as a source gave it: its cells, or why they could not be read."""

    line: int  # where the record starts; a quoted value may span lines
    cells: list[str]
    error: Message | None


def _shown(value: str) -> str:
    return value if len(value) <= _SHOWN_CHARS else value[: _SHOWN_CHARS - 1] + "…"


def _cell(name: str, column: _Column, raw: str) -> Value:
    value = clean(raw)
    if any((ord(c) < 32 and c not in "\t\n\r") or c == "\x7f" for c in value):
        raise _Invalid(Message(Code.CELL_CONTROL, column=name))
    if not value:
        if column.required:
            raise _Invalid(Message(Code.CELL_REQUIRED, column=name))
        return column.empty
    try:
        parsed = column.parse(value)
    except _Invalid as e:
        raise _Invalid(Message(Code.CELL_INVALID, column=name, value=_shown(value), rule=e.detail)) from None
    limit = _MAX_LENGTH.get(name)
    if isinstance(parsed, str) and limit is not None and len(parsed) > limit:
        raise _Invalid(Message(Code.CELL_TOO_LONG, column=name, length=len(parsed), limit=limit))
    return parsed


def _validate(header: Sequence[str], cells: Sequence[str]) -> tuple[dict[str, Value], list[Message]]:
    values: dict[str, Value] = {}
    problems: list[Message] = []
    for name, raw in zip(header, cells, strict=True):
        column = COLUMNS.get(name)
        if column is None:
            continue
        try:
            values[name] = _cell(name, column, raw)
        except _Invalid as e:
            problems.append(e.detail)
    return values, problems


def _check_record(record: Record, header: Sequence[str]) -> tuple[dict[str, Value], list[Message]]:
    if record.error is not None:
        return {}, [record.error]
    if len(record.cells) != len(header):
        return {}, [Message(Code.ROW_COLUMNS, cells=len(record.cells), header=len(header))]
    return _validate(header, record.cells)


def _raw_id(record: Record, header: Sequence[str]) -> str | None:
    """The row's graduate_id even when other cells are wrong, to name the row and find repeats."""
    at = header.index("graduate_id")
    if len(record.cells) <= at:  # a record that could not be read has no cells
        return None
    return clean(record.cells[at]) or None


def _row(record: Record, header: Sequence[str], first_line_of: dict[str, int]) -> RegistryRow | RowError:
    graduate_id = _raw_id(record, header)
    values, problems = _check_record(record, header)
    if graduate_id is not None:
        if graduate_id in first_line_of:
            seen_at = first_line_of[graduate_id]
            problems.append(Message(Code.ROW_REPEATED_ID, graduate_id=_shown(graduate_id), line=seen_at))
        else:
            first_line_of[graduate_id] = record.line
    if problems:
        return RowError(record.line, graduate_id, tuple(problems))
    return RegistryRow(record.line, values)


def validated_rows(
    records: Iterator[Record], header: Sequence[str], warnings: list[Message], filename: str
) -> Iterator[RegistryRow | RowError]:
    first_line_of: dict[str, int] = {}
    empty = True
    for record in records:
        empty = False
        yield _row(record, header, first_line_of)
    if empty:
        warnings.append(Message(Code.NO_ROWS, file=filename))
