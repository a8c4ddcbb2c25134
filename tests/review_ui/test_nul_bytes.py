"""A NUL character anywhere in a request (path, query, JSON or form body) is refused with 422 before any
route runs, on PostgreSQL, where it would otherwise end in a 500 and could not be stored; uploads pass."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.review_ui.conftest import page_csrf
from tests.review_ui.test_workbench import make_document


def _refused(answer: object) -> None:
    assert getattr(answer, "status_code", None) == 422
    body = answer.json()  # type: ignore[attr-defined]
    assert body["error"]["message_code"] == "request.nul_character"


def test_nul_characters_are_refused_before_any_route(app_client: TestClient) -> None:
    token = page_csrf(app_client.get("/login").text)
    _refused(app_client.post("/login", data={"username": "dana\x00", "password": "x", "csrf_token": token}))
    _refused(app_client.get("/api/v1/search?q=%00abc"))
    _refused(app_client.get("/documents/%00"))


def test_a_signed_in_reviewers_json_with_a_nul_is_refused_and_nothing_changes(
    settings,
    client: TestClient,  # type: ignore[no-untyped-def]
) -> None:
    doc = make_document(settings, "nul.png")
    before = client.get(f"/api/v1/documents/{doc}").json()["fields"]
    patched = client.patch(
        f"/api/v1/documents/{doc}/fields", json={"fields": {"last_name": "A\u0000"}, "reason": "x"}
    )
    _refused(patched)
    assert client.get(f"/api/v1/documents/{doc}").json()["fields"] == before
    ok = client.patch(
        f"/api/v1/documents/{doc}/fields", json={"fields": {"last_name": "Әбілова"}, "reason": "x"}
    )
    assert ok.status_code == 200, ok.text  # a body without NUL passes, replayed to the route whole
