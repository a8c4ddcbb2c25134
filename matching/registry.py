"""Graduate registry import: parse and validate the registry CSV (DESIGN.md, "Graduate registry CSV") or
the same columns in the first sheet of an XLSX workbook, then upsert it by graduate_id so that every
change leaves a revision.

`parse_registry` turns bytes into typed rows and row errors; `import_registry` writes the good rows and
reports the bad ones. Whole-file problems (encoding, header, empty file) raise `RegistryFileError`.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any, NamedTuple, cast

from sqlalchemy import inspect
from sqlmodel import Session, col, select

from muragat.errors import RegistryFileError
from storage.models import Graduate
from storage.revisions import changes_by

Value = str | int | bool | date | None
Parser = Callable[[str], Value]

CHUNK_SIZE = 1000  # graduate_ids per IN query and rows per flush
_SHOWN_CHARS = 40  # a cell value quoted in an error message is cut to this length
_DELIMITERS = (",", ";", "\t")  # Excel in a Russian or Kazakh locale saves "CSV" with semicolons


class _Invalid(ValueError):
    """A cell breaks its column's rule; the message states the rule."""


# --- cell parsers ---------------------------------------------------------------------------------

_DIGITS_12 = re.compile(r"[0-9]{12}")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_YEAR = re.compile(r"[0-9]{4}")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
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
        raise _Invalid(f"must be 12 digits (it has {len(value)}; did a spreadsheet drop leading zeros?)")
    raise _Invalid("must be 12 digits")


def _iso_date(value: str) -> date:
    if not _ISO_DATE.fullmatch(value):
        raise _Invalid("must be an ISO 8601 date (YYYY-MM-DD)")
    try:
        return date.fromisoformat(value)
    except ValueError as e:
        raise _Invalid("is not a valid date") from e


def _year(value: str) -> int:
    if not _YEAR.fullmatch(value):
        raise _Invalid("must be a 4-digit year")
    year = int(value)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _Invalid(f"must be between {MIN_YEAR} and {MAX_YEAR}")
    return year


def _bool(value: str) -> bool:
    folded = value.casefold()
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    raise _Invalid("must be true or false (or 1/0, yes/no)")


def _choice(*options: str, fold: Callable[[str], str] = str.lower) -> Parser:
    def parse(value: str) -> str:
        folded = fold(value)
        if folded in options:
            return folded
        # Cyrillic М, К, Т look exactly like Latin letters in a spreadsheet cell.
        hint = " (it contains Cyrillic letters; use the Latin codes)" if _CYRILLIC.search(value) else ""
        raise _Invalid(f"must be one of {', '.join(options)}{hint}")

    return parse


@dataclass(frozen=True)
class _Column:
    parse: Parser = _text
    required: bool = False
    empty: Value = None  # the value an empty cell stands for when the column is optional


# In the order of the registry format; every column must be in the header, in any order.
_COLUMNS: dict[str, _Column] = {
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
    "degree": _Column(_choice("bachelor", "master", "specialist", "doctor"), required=True),
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
REGISTRY_COLUMNS: tuple[str, ...] = tuple(_COLUMNS)


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
    problems: tuple[str, ...]

    @property
    def message(self) -> str:
        return f"line {self.line}: {'; '.join(self.problems)}"

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


@dataclass
class ParsedRegistry:
    filename: str
    rows: list[RegistryRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    filename: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        return len(self.errors)

    def summary(self) -> str:
        return (
            f"{self.filename}: {self.added} added, {self.updated} updated, "
            f"{self.unchanged} unchanged, {self.rejected} rejected"
        )


# --- decoding and the header ----------------------------------------------------------------------


def _clean(raw: str) -> str:
    return unicodedata.normalize("NFC", raw.strip())


def _decode(data: bytes, filename: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise RegistryFileError(
            f"{filename} is not UTF-8: byte 0x{data[e.start]:02x} at offset {e.start} (line {line}) "
            f"cannot be decoded; {_encoding_hint(data)}"
        ) from e


def _encoding_hint(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "it looks like UTF-16; save it as UTF-8"
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        return "save it as UTF-8"
    high = [c for c in text if ord(c) > 0x7F]
    cyrillic = sum(1 for c in high if _CYRILLIC.match(c))
    if high and cyrillic >= 0.8 * len(high):
        return "it looks like Windows-1251 (or its Kazakh variant KZ-1048); save it as UTF-8"
    return "save it as UTF-8"


def _delimiter(text: str) -> str:
    """The separator that makes the most known column names out of the first line."""
    end = text.find("\n")
    first = text if end < 0 else text[:end]

    def known(delimiter: str) -> int:
        return sum(1 for name in first.split(delimiter) if _clean(name).strip('"').lower() in _COLUMNS)

    return max(_DELIMITERS, key=known)  # ties keep the first, the comma


def _header(cells: list[str], filename: str) -> tuple[list[str], list[str]]:
    """The normalised column names, and warnings about columns that will be ignored."""
    names = [_clean(cell).lower() for cell in cells]
    missing = [name for name in REGISTRY_COLUMNS if name not in names]
    if missing:
        raise RegistryFileError(f"{filename}: the header lacks required columns: {', '.join(missing)}")
    repeated = sorted({name for name in names if name in _COLUMNS and names.count(name) > 1})
    if repeated:
        raise RegistryFileError(
            f"{filename}: columns appear more than once in the header: {', '.join(repeated)}"
        )
    unknown = [name or "(unnamed)" for name in names if name not in _COLUMNS]
    warnings = [f"{filename}: unknown columns ignored: {', '.join(unknown)}"] if unknown else []
    return names, warnings


# --- records and rows -----------------------------------------------------------------------------


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def _lines(text: str) -> Iterator[str]:
    """Lines ending in LF, CRLF or CR (old Excel for Mac), as csv wants them, without the whole-text copy
    that io.StringIO would make (four bytes a character)."""
    return (match.group() for match in _LINE.finditer(text))


class _Record(NamedTuple):
    line: int  # where the record starts; a quoted value may span lines
    cells: list[str]
    error: str | None


def _records(reader: Iterator[list[str]], line_num: Callable[[], int]) -> Iterator[_Record]:
    while True:
        start = line_num() + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            if "unexpected end of data" in str(e):
                yield _Record(start, [], "a quoted value opened on this line is never closed")
            else:
                yield _Record(start, [], f"malformed CSV: {e}")
            continue
        if any(cell.strip() for cell in cells):  # skip blank lines and spreadsheet rows of bare commas
            yield _Record(start, cells, None)


_ZIP_MAGIC = b"PK\x03\x04"  # an XLSX file is a ZIP


def _xlsx_cell(value: object) -> str:
    """A spreadsheet cell as the CSV would carry it: dates in ISO 8601, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx_records(data: bytes, filename: str) -> Iterator[_Record]:
    """The first sheet's rows as records; the line of a record is its row number in the sheet."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises several kinds for a file that is not a workbook
        raise RegistryFileError(f"{filename} is neither a UTF-8 CSV nor a readable XLSX workbook: {e}") from e
    try:
        width = 0
        for number, row in enumerate(book.worksheets[0].iter_rows(values_only=True), start=1):
            cells = [_xlsx_cell(v) for v in row]
            if number == 1 or not width:
                width = len(cells) - next((i for i, c in enumerate(reversed(cells)) if c.strip()), len(cells))
            while len(cells) > width and not cells[-1].strip():
                cells.pop()  # sheets report trailing empty cells of formatted columns
            if any(cell.strip() for cell in cells):
                yield _Record(number, cells + [""] * (width - len(cells)), None)
    finally:
        book.close()


def _shown(value: str) -> str:
    return value if len(value) <= _SHOWN_CHARS else value[: _SHOWN_CHARS - 1] + "…"


def _cell(name: str, column: _Column, raw: str) -> Value:
    value = _clean(raw)
    if any((ord(c) < 32 and c not in "\t\n\r") or c == "\x7f" for c in value):
        raise _Invalid(f"{name} contains a control character (such as NUL); remove it and import again")
    if not value:
        if column.required:
            raise _Invalid(f"{name} is required")
        return column.empty
    try:
        parsed = column.parse(value)
    except _Invalid as e:
        raise _Invalid(f'{name} "{_shown(value)}" {e}') from None
    limit = _MAX_LENGTH.get(name)
    if isinstance(parsed, str) and limit is not None and len(parsed) > limit:
        raise _Invalid(f"{name} is {len(parsed)} characters long; at most {limit} are allowed")
    return parsed


def _validate(header: Sequence[str], cells: Sequence[str]) -> tuple[dict[str, Value], list[str]]:
    values: dict[str, Value] = {}
    problems: list[str] = []
    for name, raw in zip(header, cells, strict=True):
        column = _COLUMNS.get(name)
        if column is None:
            continue
        try:
            values[name] = _cell(name, column, raw)
        except _Invalid as e:
            problems.append(str(e))
    return values, problems


def _check_record(record: _Record, header: Sequence[str]) -> tuple[dict[str, Value], list[str]]:
    if record.error is not None:
        return {}, [record.error]
    if len(record.cells) != len(header):
        return {}, [f"has {len(record.cells)} columns, the header has {len(header)}"]
    return _validate(header, record.cells)


def _raw_id(record: _Record, header: Sequence[str]) -> str | None:
    """The row's graduate_id even when other cells are wrong, to name the row and find repeats."""
    at = header.index("graduate_id")
    if len(record.cells) <= at:  # a record that could not be read has no cells
        return None
    return _clean(record.cells[at]) or None


def _row(record: _Record, header: Sequence[str], first_line_of: dict[str, int]) -> RegistryRow | RowError:
    graduate_id = _raw_id(record, header)
    values, problems = _check_record(record, header)
    if graduate_id is not None:
        if graduate_id in first_line_of:
            seen_at = first_line_of[graduate_id]
            problems.append(f'graduate_id "{_shown(graduate_id)}" repeats line {seen_at}')
        else:
            first_line_of[graduate_id] = record.line
    if problems:
        return RowError(record.line, graduate_id, tuple(problems))
    return RegistryRow(record.line, values)


def _rows(
    records: Iterator[_Record], header: Sequence[str], warnings: list[str], filename: str
) -> Iterator[RegistryRow | RowError]:
    first_line_of: dict[str, int] = {}
    empty = True
    for record in records:
        empty = False
        yield _row(record, header, first_line_of)
    if empty:
        warnings.append(f"{filename}: the file has a header but no graduate rows")


def _read(data: bytes, filename: str) -> tuple[list[str], Iterator[RegistryRow | RowError]]:
    """Check the encoding and the header now; validate the rows lazily, so that an import of a large
    file holds one chunk of rows at a time. The warnings list grows when the rows run out."""
    if data.startswith(_ZIP_MAGIC):
        records = _xlsx_records(data, filename)
    else:
        text = _decode(data, filename)
        reader = csv.reader(_lines(text), delimiter=_delimiter(text), strict=True)
        records = _records(reader, lambda: reader.line_num)
    first = next(records, None)
    if first is None:
        raise RegistryFileError(f"{filename} is empty; expected a header row and graduate rows")
    if first.error is not None:
        raise RegistryFileError(f"{filename}: the header row cannot be read: {first.error}")
    header, warnings = _header(first.cells, filename)
    return warnings, _rows(records, header, warnings, filename)


def parse_registry(data: bytes, filename: str) -> ParsedRegistry:
    """Validate a registry CSV; bad rows become `errors`, never exceptions."""
    warnings, items = _read(data, filename)
    parsed = ParsedRegistry(filename, warnings=warnings)
    for item in items:
        if isinstance(item, RowError):
            parsed.errors.append(item)
        else:
            parsed.rows.append(item)
    return parsed


# --- import ---------------------------------------------------------------------------------------


def _good_chunks(
    items: Iterator[RegistryRow | RowError], errors: list[RowError], size: int
) -> Iterator[list[RegistryRow]]:
    """Batches of valid rows; the row errors met on the way go to `errors`."""
    chunk: list[RegistryRow] = []
    for item in items:
        if isinstance(item, RowError):
            errors.append(item)
            continue
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _existing(session: Session, graduate_ids: Sequence[str]) -> dict[str, Graduate]:
    found = session.exec(select(Graduate).where(col(Graduate.graduate_id).in_(graduate_ids)))
    return {graduate.graduate_id: graduate for graduate in found}


def _apply(graduate: Graduate, values: dict[str, Value]) -> bool:
    """Set only the attributes that differ, so the revision hook records exactly those."""
    changed = False
    for name, value in values.items():
        if getattr(graduate, name) != value:
            setattr(graduate, name, value)
            changed = True
    return changed


def _upsert(session: Session, rows: Sequence[RegistryRow], report: ImportReport) -> None:
    existing = _existing(session, [row.graduate_id for row in rows])
    for row in rows:
        graduate = existing.get(row.graduate_id)
        if graduate is None:
            # The values are validated already; the plain constructor skips a second, slower validation.
            session.add(Graduate(**cast(dict[str, Any], row.values)))
            report.added += 1
        elif _apply(graduate, row.values):
            report.updated += 1
        else:
            report.unchanged += 1


def _json_cell(value: object) -> str | None:
    """A JSON value as the CSV would carry it; None for a value no cell can hold (an object, a list)."""
    if isinstance(value, dict | list):
        return None
    if isinstance(value, float) and not value.is_integer():
        return repr(value)
    return _xlsx_cell(value)


def _mapping_record(index: int, item: object) -> _Record:
    """A pushed graduate as a record of cells in REGISTRY_COLUMNS order; a missing key is an empty cell."""
    if not isinstance(item, Mapping):
        return _Record(index, [], "must be an object of registry columns")
    cells: list[str] = []
    bad: list[str] = []
    for name in REGISTRY_COLUMNS:
        cell = _json_cell(item.get(name))
        if cell is None:
            bad.append(name)
        cells.append(cell or "")
    if bad:
        return _Record(index, cells, f"{', '.join(bad)}: must be text, a number or true/false")
    return _Record(index, cells, None)


def _unknown_keys(items: Sequence[object], source: str) -> list[str]:
    keys = {str(k) for item in items if isinstance(item, Mapping) for k in item}
    unknown = sorted(keys - set(REGISTRY_COLUMNS))
    return [f"{source}: unknown columns ignored: {', '.join(unknown)}"] if unknown else []


def import_rows(session: Session, items: Sequence[object], source: str, *, actor: str) -> ImportReport:
    """Upsert graduates pushed as objects (an integration's batch), with the validation and revisions of
    `import_registry`; a row error's `line` is the row's index in `items`, counted from 0."""
    warnings = _unknown_keys(items, source)
    records = (_mapping_record(index, item) for index, item in enumerate(items))
    report = ImportReport(source, warnings=warnings)
    session.flush()
    with changes_by(session, actor, f"registry sync {source}"[:1000]):
        rows = _rows(records, REGISTRY_COLUMNS, report.warnings, source)
        for chunk in _good_chunks(rows, report.errors, CHUNK_SIZE):
            _upsert(session, chunk, report)
            session.flush()
    return report


def import_registry(session: Session, data: bytes, filename: str, *, actor: str) -> ImportReport:
    """Upsert the registry's good rows by graduate_id and report the bad ones; the caller commits."""
    warnings, items = _read(data, filename)
    report = ImportReport(filename, warnings=warnings)
    # Flush the caller's pending changes first, so that they are not recorded as this import's.
    session.flush()
    with changes_by(session, actor, f"registry import {filename}"[:1000]):
        for chunk in _good_chunks(items, report.errors, CHUNK_SIZE):
            _upsert(session, chunk, report)
            session.flush()
    return report
