"""Graduate registry parsing and validation, without a database: typed rows, a row error naming its line
and every problem, and whole-file errors (encoding, header, empty file)."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from matching.registry_rows import REGISTRY_COLUMNS
from matching.registry_sources import ParsedRegistry, parse_registry
from muragat.errors import RegistryFileError
from storage.models import GraduateBase
from tests.matching.registry_csv import GOOD_ROW, RESOURCES, SAMPLE, csv_bytes


def one_row(**changes: str) -> ParsedRegistry:
    return parse_registry(csv_bytes({**GOOD_ROW, **changes}), "t.csv")


def only_problems(parsed: ParsedRegistry) -> tuple[str, ...]:
    assert not parsed.rows
    assert len(parsed.errors) == 1
    return tuple(str(p) for p in parsed.errors[0].problems)


# --- parsing --------------------------------------------------------------------------------------


def test_columns_are_the_graduate_fields() -> None:
    assert set(REGISTRY_COLUMNS) == set(GraduateBase.model_fields)


def test_sample_registry_parses_without_errors() -> None:
    parsed = parse_registry(SAMPLE.read_bytes(), "registry.csv")
    assert (len(parsed.rows), parsed.errors, parsed.warnings) == (1960, [], [])
    soviet = next(row for row in parsed.rows if row.graduate_id == "G000004")
    assert soviet.line == 5
    assert soviet.values["iin"] is None
    assert soviet.values["program_code"] is None
    assert soviet.values["birth_date"] == date(1950, 7, 23)
    assert soviet.values["graduation_year"] == 1976
    assert soviet.values["honors"] is False


def test_good_row_is_typed() -> None:
    parsed = one_row()
    assert parsed.errors == []
    values = parsed.rows[0].values
    assert values["issue_date"] == date(2022, 6, 20)
    assert values["enrollment_year"] == 2018
    assert values["diploma_number"] == "0012345"
    assert set(values) == set(REGISTRY_COLUMNS)


@pytest.mark.parametrize(
    ("column", "value", "problem"),
    [
        ("iin", "12345", 'iin "12345" must be 12 digits'),
        ("iin", "17564902", "did a spreadsheet drop leading zeros?"),
        ("iin", "8.17565E+11", 'iin "8.17565E+11" must be 12 digits'),
        ("iin", "０００８１７５６４９０２", "must be 12 digits"),
        ("birth_date", "17.08.2000", 'birth_date "17.08.2000" must be an ISO 8601 date (YYYY-MM-DD)'),
        ("birth_date", "20000817", "must be an ISO 8601 date"),
        ("issue_date", "2023-02-30", 'issue_date "2023-02-30" is not a valid date'),
        ("degree", "phd", 'degree "phd" must be one of bachelor, master, specialist, doctor'),
        ("degree", "", "degree is required"),
        ("gender", "X", 'gender "X" must be one of M, F'),
        ("gender", "Ж", "contains Cyrillic letters"),
        ("study_form", "evening", 'study_form "evening" must be one of full_time, part_time, distance'),
        ("study_language", "kz", 'study_language "kz" must be one of kk, ru, en'),
        ("enrollment_year", "85", 'enrollment_year "85" must be a 4-digit year'),
        ("enrollment_year", "1850", "must be between 1900 and 2100"),
        ("graduation_year", "", "graduation_year is required"),
        ("graduation_year", "2022.0", "must be a 4-digit year"),
        ("honors", "maybe", 'honors "maybe" must be true or false'),
        ("last_name", "", "last_name is required"),
        ("first_name", "   ", "first_name is required"),
        ("institution", "", "institution is required"),
        ("graduate_id", "", "graduate_id is required"),
        ("diploma_series", "Ж" * 21, "diploma_series is 21 characters long; at most 20 are allowed"),
    ],
)
def test_bad_cell_names_column_and_rule(column: str, value: str, problem: str) -> None:
    (message,) = only_problems(one_row(**{column: value}))
    assert problem in message
    if column != "graduate_id":
        assert one_row(**{column: value}).errors[0].graduate_id == "G900001"


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("honors", "TRUE", True),
        ("honors", "Yes", True),
        ("honors", "1", True),
        ("honors", "no", False),
        ("honors", "0", False),
        ("honors", "", False),
        ("gender", "f", "F"),
        ("gender", "", None),
        ("degree", "Master", "master"),
        ("iin", "", None),
        ("patronymic", " ", None),
        ("birth_date", "", None),
        ("last_name", "  Қалиев\u00a0", "Қалиев"),
        ("first_name", unicodedata.normalize("NFD", "Йомарт"), "Йомарт"),
    ],
)
def test_cells_are_normalised(column: str, value: str, expected: object) -> None:
    parsed = one_row(**{column: value})
    assert parsed.errors == []
    assert parsed.rows[0].values[column] == expected


def test_several_problems_in_one_row_are_one_error() -> None:
    parsed = one_row(iin="1", degree="phd")
    (error,) = parsed.errors
    assert error.message == (
        'line 2: iin "1" must be 12 digits (it has 1; did a spreadsheet drop leading zeros?); '
        'degree "phd" must be one of bachelor, master, specialist, doctor'
    )
    assert str(error) == error.message


def test_bad_rows_file_keeps_good_rows_and_reports_the_rest_by_line() -> None:
    parsed = parse_registry((RESOURCES / "registry_bad_rows.csv").read_bytes(), "registry_bad_rows.csv")
    assert [(row.line, row.graduate_id) for row in parsed.rows] == [(2, "G100001"), (9, "G100008")]
    assert parsed.rows[1].values["honors"] is True
    assert parsed.rows[1].values["program_name"] == "Көлік, көлік техникасы және технологиялары"
    assert [(e.line, e.graduate_id) for e in parsed.errors] == [
        (3, "G100002"),
        (4, "G100003"),
        (5, "G100004"),
        (6, "G100005"),
        (7, "G100001"),
        (8, "G100007"),
    ]
    messages = [e.message for e in parsed.errors]
    assert messages[0] == (
        'line 3: iin "12345" must be 12 digits (it has 5; did a spreadsheet drop leading zeros?)'
    )
    assert messages[1] == 'line 4: birth_date "17.08.2001" must be an ISO 8601 date (YYYY-MM-DD)'
    assert messages[2] == 'line 5: degree "phd" must be one of bachelor, master, specialist, doctor'
    assert messages[3] == "line 6: last_name is required"
    assert messages[4] == 'line 7: graduate_id "G100001" repeats line 2'
    assert messages[5] == "line 8: has 9 columns, the header has 20"


def test_line_numbers_count_lines_inside_quoted_values() -> None:
    data = csv_bytes(
        {**GOOD_ROW, "program_name": "Химия\nжәне биология"},
        {**GOOD_ROW, "graduate_id": "G900002", "iin": "bad"},
    )
    parsed = parse_registry(data, "t.csv")
    assert parsed.rows[0].line == 2
    assert [e.line for e in parsed.errors] == [4]


def test_unclosed_quote_is_a_row_error() -> None:
    data = csv_bytes(GOOD_ROW) + b'G900002,"unclosed,\nG900003,x\n'
    parsed = parse_registry(data, "t.csv")
    assert len(parsed.rows) == 1
    (error,) = parsed.errors
    assert error.message == "line 3: a quoted value opened on this line is never closed"


def test_too_many_columns_is_a_row_error() -> None:
    data = csv_bytes(GOOD_ROW).rstrip(b"\n") + b",extra\n"
    assert only_problems(parse_registry(data, "t.csv")) == ("has 21 columns, the header has 20",)


def test_blank_lines_are_skipped_and_do_not_shift_line_numbers() -> None:
    bad_row = csv_bytes({**GOOD_ROW, "graduate_id": "G900002", "iin": "1"}).split(b"\n", 1)[1]
    data = csv_bytes(GOOD_ROW) + b"\n" + b"," * 19 + b"\n" + bad_row
    parsed = parse_registry(data, "t.csv")
    assert [row.line for row in parsed.rows] == [2]
    assert [e.line for e in parsed.errors] == [5]


def test_bom_crlf_semicolons_and_header_order_are_accepted() -> None:
    header = tuple(reversed(REGISTRY_COLUMNS))
    data = csv_bytes(GOOD_ROW, header=tuple(h.upper() for h in header), delimiter=";")
    data = b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n")
    parsed = parse_registry(data, "t.csv")
    assert parsed.errors == []
    assert parsed.rows[0].values["last_name"] == "Қалиев"
    assert parsed.rows[0].values["graduate_id"] == "G900001"


@pytest.mark.parametrize("newline", [b"\r", b"\r\n"])
def test_other_line_endings_and_no_final_newline(newline: bytes) -> None:
    data = csv_bytes(GOOD_ROW, {**GOOD_ROW, "graduate_id": "G900002", "iin": "x"}).rstrip(b"\n")
    parsed = parse_registry(data.replace(b"\n", newline), "t.csv")
    assert [row.line for row in parsed.rows] == [2]
    assert [e.line for e in parsed.errors] == [3]


def test_unknown_columns_are_ignored_with_one_warning() -> None:
    header = (*REGISTRY_COLUMNS, "faculty", "note")
    rows = [{**GOOD_ROW, "graduate_id": f"G{i}", "faculty": "x", "note": "y"} for i in range(3)]
    parsed = parse_registry(csv_bytes(*rows, header=header), "t.csv")
    assert len(parsed.rows) == 3
    assert "faculty" not in parsed.rows[0].values
    assert [str(w) for w in parsed.warnings] == ["t.csv: unknown columns ignored: faculty, note"]


def test_header_only_file_has_no_rows_and_a_warning() -> None:
    parsed = parse_registry(csv_bytes(), "t.csv")
    assert (parsed.rows, parsed.errors) == ([], [])
    assert [str(w) for w in parsed.warnings] == ["t.csv: the file has a header but no graduate rows"]


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"\n\n", b" \r\n"])
def test_empty_file_is_a_file_error(data: bytes) -> None:
    with pytest.raises(RegistryFileError, match=r"^empty\.csv is empty"):
        parse_registry(data, "empty.csv")


def test_missing_header_columns_are_named() -> None:
    header = tuple(c for c in REGISTRY_COLUMNS if c not in {"iin", "honors", "degree"})
    with pytest.raises(RegistryFileError) as caught:
        parse_registry(csv_bytes(GOOD_ROW, header=header), "old.csv")
    assert caught.value.message == "old.csv: the header lacks required columns: iin, degree, honors"


def test_repeated_header_column_is_a_file_error() -> None:
    with pytest.raises(RegistryFileError, match="more than once in the header: iin"):
        parse_registry(csv_bytes(GOOD_ROW, header=(*REGISTRY_COLUMNS, "iin")), "t.csv")


def test_windows_1251_file_is_named_with_its_encoding() -> None:
    data = (RESOURCES / "registry_cp1251.csv").read_bytes()
    with pytest.raises(RegistryFileError) as caught:
        parse_registry(data, "registry_cp1251.csv")
    message = caught.value.message
    assert message.startswith("registry_cp1251.csv is not UTF-8: byte 0x")
    assert "(line 2)" in message
    assert "it looks like Windows-1251" in message
    assert message.endswith("save it as UTF-8")
    russian = caught.value.render("ru")
    assert russian.startswith("registry_cp1251.csv не в UTF-8: байт 0x") and "(строка 2)" in russian
    assert russian.endswith(
        "похоже на Windows-1251 (или её казахский вариант KZ-1048); сохраните его в UTF-8"
    )


def test_utf16_file_is_named_with_its_encoding() -> None:
    with pytest.raises(RegistryFileError, match="t.csv is not UTF-8.*offset 0 .*UTF-16"):
        parse_registry(csv_bytes(GOOD_ROW).decode().encode("utf-16"), "t.csv")


def test_binary_garbage_gets_no_encoding_guess() -> None:
    with pytest.raises(RegistryFileError) as caught:
        parse_registry(b"graduate_id\n\x80\x81\x98\x00", "t.csv")
    assert "Windows-1251" not in caught.value.message
    assert "(line 2)" in caught.value.message


def test_row_errors_and_warnings_render_in_kazakh_and_russian() -> None:
    (error,) = one_row(iin="12345", gender="Ж").errors
    assert error.message == (
        'line 2: iin "12345" must be 12 digits (it has 5; did a spreadsheet drop leading zeros?); '
        'gender "Ж" must be one of M, F (it contains Cyrillic letters; use the Latin codes)'
    )
    assert error.detail.render("ru") == (
        "строка 2: iin «12345»: должно быть 12 цифр (в нём 5; не отбросила ли электронная таблица ведущие "
        "нули?); gender «Ж»: должно быть одним из: M, F (в нём есть кириллические буквы; используйте "
        "латинские коды)"
    )
    assert error.detail.render("kk").startswith("2-жол: iin «12345»: 12 цифр болуы керек")
    (warning,) = parse_registry(csv_bytes(), "t.csv").warnings
    assert warning.render("kk") == "t.csv: файлда тақырып жолы бар, бірақ түлектер жолдары жоқ"
