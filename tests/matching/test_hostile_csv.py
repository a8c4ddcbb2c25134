"""Hostile registry files through `POST /api/v1/graduates/import`: invalid UTF-8 is refused with its line
and byte named and nothing imported; bytes PostgreSQL cannot store are a row error, never a server error."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import select

from storage.models import Graduate, Role
from tests.matching.registry_csv import GOOD_ROW, csv_bytes
from tests.review_ui import conftest as ui

# the signed-in web clients of tests/review_ui
app_client = ui.app_client
client_as = ui.client_as


@pytest.fixture
def admin(client_as: Callable[[Role], TestClient]) -> TestClient:
    return client_as(Role.admin)


def graduates(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(Graduate)).scalar_one())


def registry_with(bad: bytes) -> tuple[bytes, int]:
    """Two good rows with `bad` spliced into the second one's last name; returns the file and the offset."""
    good = csv_bytes(GOOD_ROW, {**GOOD_ROW, "graduate_id": "G2", "last_name": "MARK"})
    offset = good.index(b"MARK")
    return good.replace(b"MARK", b"Om" + bad + b"ar"), offset + 2


@pytest.mark.parametrize(
    "bad",
    [b"\xff", b"\xc3\x28", b"\xc0\xaf", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xd0"],
    ids=["ff", "bad-continuation", "overlong-slash", "surrogate", "over-U+10FFFF", "cut-sequence"],
)
def test_invalid_utf8_is_refused_with_its_line_and_byte(
    admin: TestClient, engine: Engine, bad: bytes
) -> None:
    data, offset = registry_with(bad)
    answer = admin.post("/api/v1/graduates/import", files={"file": ("registry.csv", data, "text/csv")})
    assert answer.status_code == 422, answer.text
    error = answer.json()["error"]
    assert error["code"] == "registry_file"
    assert error["message"].startswith(
        f"registry.csv is not UTF-8: byte 0x{bad[0]:02x} at offset {offset} (line 3) cannot be decoded"
    )
    assert graduates(engine) == 0  # the good row before it is not half-imported either


def test_nul_byte_in_a_cell_is_a_row_error_not_a_server_error(admin: TestClient, engine: Engine) -> None:
    """NUL is valid UTF-8, but PostgreSQL cannot store it in text."""
    data, _ = registry_with(b"\x00")
    try:
        answer = admin.post("/api/v1/graduates/import", files={"file": ("registry.csv", data, "text/csv")})
    except Exception as e:  # the test client re-raises what the server raised
        pytest.fail(
            f"a NUL byte in a registry cell is a server error ({type(e).__name__}: {str(e)[:120]}): "
            "matching/registry.py must refuse control characters in a cell as a row error"
        )
    assert answer.status_code < 500, answer.text
    if answer.status_code == 200:
        body = answer.json()
        assert body["added"] == 1 and body["rejected"] == 1
        assert body["errors"][0].startswith("line 3:")
    assert graduates(engine) <= 1
