"""Where registry records come from: a CSV file (UTF-8 checked, its delimiter and header found) or the
first sheet of an XLSX workbook, and graduates pushed as objects by an integration. Whole-file problems
(encoding, header, empty file) raise `RegistryFileError`; `parse_registry` validates a file without a
database.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time

from matching.registry_rows import (
    COLUMNS,
    CYRILLIC,
    REGISTRY_COLUMNS,
    Record,
    RegistryRow,
    RowError,
    clean,
    validated_rows,
)
from muragat.errors import RegistryFileError
from muragat.messages import Message
from muragat.messages.catalog.registry import Code

_DELIMITERS = (",", ";", "\t")  # Excel in a Russian or Kazakh locale saves "CSV" with semicolons


@dataclass
class ParsedRegistry:
    filename: str
    rows: list[RegistryRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[Message] = field(default_factory=list)


# --- decoding and the header ----------------------------------------------------------------------


def _decode(data: bytes, filename: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        found = Message(
            Code.NOT_UTF8, file=filename, byte=f"{data[e.start]:02x}", offset=e.start, line=line,
            hint=_encoding_hint(data),
        )  # fmt: skip
        raise RegistryFileError(found) from e


def _encoding_hint(data: bytes) -> Message:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Message(Code.HINT_UTF16)
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        return Message(Code.HINT_UTF8)
    high = [c for c in text if ord(c) > 0x7F]
    cyrillic = sum(1 for c in high if CYRILLIC.match(c))
    if high and cyrillic >= 0.8 * len(high):
        return Message(Code.HINT_CP1251)
    return Message(Code.HINT_UTF8)


def _delimiter(text: str) -> str:
    """The separator that makes the most known column names out of the first line."""
    end = text.find("\n")
    first = text if end < 0 else text[:end]

    def known(delimiter: str) -> int:
        return sum(1 for name in first.split(delimiter) if clean(name).strip('"').lower() in COLUMNS)

    return max(_DELIMITERS, key=known)  # ties keep the first, the comma


def _header(cells: list[str], filename: str) -> tuple[list[str], list[Message]]:
    """The normalised column names, and warnings about columns that will be ignored."""
    names = [clean(cell).lower() for cell in cells]
    missing = [name for name in REGISTRY_COLUMNS if name not in names]
    if missing:
        raise RegistryFileError(Message(Code.MISSING_COLUMNS, file=filename, columns=", ".join(missing)))
    repeated = sorted({name for name in names if name in COLUMNS and names.count(name) > 1})
    if repeated:
        raise RegistryFileError(Message(Code.REPEATED_COLUMNS, file=filename, columns=", ".join(repeated)))
    unknown = [name or "(unnamed)" for name in names if name not in COLUMNS]
    warnings = [Message(Code.UNKNOWN_COLUMNS, file=filename, columns=", ".join(unknown))] if unknown else []
    return names, warnings


# --- records from a CSV or an XLSX file -----------------------------------------------------------


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def _lines(text: str) -> Iterator[str]:
    """Lines ending in LF, CRLF or CR (old Excel for Mac), as csv wants them, without the whole-text copy
    that io.StringIO would make (four bytes a character)."""
    return (match.group() for match in _LINE.finditer(text))


def _records(reader: Iterator[list[str]], line_num: Callable[[], int]) -> Iterator[Record]:
    while True:
        start = line_num() + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            if "unexpected end of data" in str(e):
                yield Record(start, [], Message(Code.ROW_UNCLOSED_QUOTE))
            else:
                yield Record(start, [], Message(Code.ROW_MALFORMED_CSV, error=str(e)))
            continue
        if any(cell.strip() for cell in cells):  # skip blank lines and spreadsheet rows of bare commas
            yield Record(start, cells, None)


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


def _xlsx_records(data: bytes, filename: str) -> Iterator[Record]:
    """The first sheet's rows as records; the line of a record is its row number in the sheet."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises several kinds for a file that is not a workbook
        raise RegistryFileError(Message(Code.NOT_XLSX, file=filename, error=str(e))) from e
    try:
        width = 0
        for number, row in enumerate(book.worksheets[0].iter_rows(values_only=True), start=1):
            cells = [_xlsx_cell(v) for v in row]
            if number == 1 or not width:
                width = len(cells) - next((i for i, c in enumerate(reversed(cells)) if c.strip()), len(cells))
            while len(cells) > width and not cells[-1].strip():
                cells.pop()  # sheets report trailing empty cells of formatted columns
            if any(cell.strip() for cell in cells):
                yield Record(number, cells + [""] * (width - len(cells)), None)
    finally:
        book.close()


def read_registry(data: bytes, filename: str) -> tuple[list[Message], Iterator[RegistryRow | RowError]]:
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
        raise RegistryFileError(Message(Code.EMPTY_FILE, file=filename))
    if first.error is not None:
        raise RegistryFileError(Message(Code.HEADER_UNREADABLE, file=filename, error=first.error))
    header, warnings = _header(first.cells, filename)
    return warnings, validated_rows(records, header, warnings, filename)


def parse_registry(data: bytes, filename: str) -> ParsedRegistry:
    """Validate a registry CSV; bad rows become `errors`, never exceptions."""
    warnings, items = read_registry(data, filename)
    parsed = ParsedRegistry(filename, warnings=warnings)
    for item in items:
        if isinstance(item, RowError):
            parsed.errors.append(item)
        else:
            parsed.rows.append(item)
    return parsed


# --- graduates pushed as objects -------------------------------------------------------------------


def _json_cell(value: object) -> str | None:
    """A JSON value as the CSV would carry it; None for a value no cell can hold (an object, a list)."""
    if isinstance(value, dict | list):
        return None
    if isinstance(value, float) and not value.is_integer():
        return repr(value)
    return _xlsx_cell(value)


def mapping_record(index: int, item: object) -> Record:
    """A pushed graduate as a record of cells in REGISTRY_COLUMNS order; a missing key is an empty cell."""
    if not isinstance(item, Mapping):
        return Record(index, [], Message(Code.ROW_NOT_OBJECT))
    cells: list[str] = []
    bad: list[str] = []
    for name in REGISTRY_COLUMNS:
        cell = _json_cell(item.get(name))
        if cell is None:
            bad.append(name)
        cells.append(cell or "")
    if bad:
        return Record(index, cells, Message(Code.ROW_NOT_SCALAR, columns=", ".join(bad)))
    return Record(index, cells, None)


def unknown_keys(items: Sequence[object], source: str) -> list[Message]:
    keys = {str(k) for item in items if isinstance(item, Mapping) for k in item}
    unknown = sorted(keys - set(REGISTRY_COLUMNS))
    return [Message(Code.UNKNOWN_COLUMNS, file=source, columns=", ".join(unknown))] if unknown else []
