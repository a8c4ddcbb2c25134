"""No page carries code the Content-Security-Policy forbids (`script-src 'self'; style-src 'self'`):
every page, as the roles that see it, is parsed for inline scripts, event handlers and style attributes."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

from muragat.settings import Settings
from review_ui.headers import CONTENT_SECURITY_POLICY
from storage.models import Role
from tests.review_ui.archive import make_diploma, make_graduate
from tests.review_ui.conftest import page_csrf, sign_in
from tests.review_ui.inline_code import inline_code
from tests.review_ui.test_workbench import make_document

ASK = {"diploma_series": "ЖБ", "diploma_number": "0012345", "iin": "890101350014"}


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """A public address, so that the verification answer carries a link whose page is checked too."""
    return settings.model_copy(update={"public_base_url": "https://muragat.example.kz"})


def _clean(client: TestClient, path: str, html: str | None = None, status: int = 200) -> None:
    if html is None:
        answer = client.get(path)
        assert answer.status_code == status, (path, answer.status_code)
        assert answer.headers["content-security-policy"] == CONTENT_SECURITY_POLICY.decode(), path
        html = answer.text
    found = inline_code(html)
    assert not found.found, (path, found.found)
    assert all(src.startswith("/") for src in found.scripts), (path, found.scripts)  # our own files only


def test_the_parser_finds_what_the_policy_would_block() -> None:
    page = '<p style="x">a</p><button onclick="go()">b</button><script>run()</script><a href="javascript:x">'
    assert len(inline_code(page).found) == 4
    assert not inline_code('<script type="application/json" id="d">{"a": 1}</script>').found


def test_no_page_holds_inline_script_handler_or_style(
    settings: Settings, app_client: TestClient, client_as: Callable[..., TestClient]
) -> None:
    _clean(app_client, "/login")
    make_graduate(settings)
    make_diploma(settings)
    doc = make_document(settings, "csp.png")
    for role, paths in {
        Role.archivist: ["/", "/upload", "/documents", "/search?q=Қалиева"],
        Role.reviewer: ["/queue", f"/documents/{doc}", "/documents"],
        Role.verifier: ["/verify", "/account"],
        Role.auditor: ["/reports", "/audit", "/audit?q=%25"],
        Role.admin: [
            "/",
            "/upload",
            "/queue",
            f"/documents/{doc}",
            "/reports",
            "/audit",
            "/docs",
            "/accounts",
        ],
    }.items():
        client = client_as(role)
        for path in paths:
            _clean(client, path)
        _clean(client, "/no-such-page", status=404)
    verifier = app_client
    sign_in(verifier, "verifier-user")
    token = page_csrf(verifier.get("/verify").text)
    answer = verifier.post("/verify", data={**ASK, "last_name": "", "reveal_iin": "", "csrf_token": token})
    assert answer.status_code == 200 and 'id="verify-answer"' in answer.text
    _clean(verifier, "POST /verify", answer.text)
    [document] = verifier.post("/api/v1/verify", json=ASK).json()["documents"]
    _clean(TestClient(verifier.app), urlsplit(document["verification_url"]).path)
