"""File names through the real ingest path: the content decides the type, never the name; a name is only
a label, and an overlong one is refused or shortened, never a server error.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import select

from muragat.settings import Settings
from storage.db import session_scope
from storage.models import Document
from tests.ingest import hostile
from tests.ingest.hostile import assert_nothing_stored, png, upload, zip_of

# the fixtures of these tests: settings with a lowered ZIP limit, the signed-in web clients
settings = hostile.settings
archivist = hostile.archivist
app_client = hostile.app_client
client_as = hostile.client_as

# --- names: the content decides the type; a name is only a label ---------------------------------------


def test_png_named_pdf_is_stored_as_png(settings: Settings, engine: Engine, archivist: TestClient) -> None:
    [result] = upload(archivist, ("scan.pdf", png(200)))
    assert result["result"] == "created"
    with session_scope(engine) as session:
        assert session.exec(select(Document.content_type)).one() == "image/png"


@pytest.mark.parametrize(
    ("name", "data", "looks_like"),
    [
        ("scan.jpg", b"IIN;name\n890126405214;Test\n", "plain text although its name ends in .jpg"),
        (
            "scan.png",
            b"<!DOCTYPE html><script>alert(1)</script>",
            "an HTML page although its name ends in .png",
        ),
        ("scan.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "unrecognised binary data"),
    ],
    ids=["text-as-jpg", "html-as-png", "exe-as-pdf"],
)
def test_content_that_is_no_scan_is_refused_whatever_its_name(
    settings: Settings, engine: Engine, archivist: TestClient, name: str, data: bytes, looks_like: str
) -> None:
    [result] = upload(archivist, (name, data))
    assert result["result"] == "rejected" and result["error_code"] == "unsupported_file"
    assert result["message"].startswith(f"{name}: unsupported file: the content looks like {looks_like}")
    assert_nothing_stored(settings, engine)


@pytest.mark.parametrize("where", ["upload", "zip member"])
def test_overlong_file_name_is_refused_or_shortened_not_a_server_error(
    settings: Settings, engine: Engine, archivist: TestClient, where: str
) -> None:
    name = "scan-" + "x" * 1200 + ".png"
    files = [(name, png(90))] if where == "upload" else [("names.zip", zip_of([(name, png(90))]))]
    try:
        results = upload(archivist, *files)
    except Exception as e:  # the test client re-raises what the server raised
        pytest.fail(
            f"a {len(name)}-character file name ({where}) is a server error ({type(e).__name__}): "
            "ingest/service.py must refuse or shorten a name over Document.filename's 1000 characters"
        )
    [result] = results
    with session_scope(engine) as session:
        stored = session.exec(select(Document.filename)).all()
    if result["result"] == "rejected":
        assert result["error_code"] == "invalid_input" and stored == []
    else:
        assert result["result"] == "created" and all(len(n) <= 1000 for n in stored)
