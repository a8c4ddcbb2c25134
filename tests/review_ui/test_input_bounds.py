"""Out-of-range integers and over-long audit terms are a 422 naming the parameter, never a 500, and the
audit log is searched for LIKE's wildcards as letters, on PostgreSQL and SQLite."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
import redis
from fastapi.testclient import TestClient

from muragat.app import create_app
from muragat.queue import document_queue
from muragat.settings import Settings
from storage import audit
from storage.db import get_engine, session_scope
from storage.models import Role
from tests.review_ui import databases
from tests.review_ui.conftest import make_user, sign_in

any_settings = databases.any_settings
HUGE = 2**63


@pytest.fixture
def admin(any_settings: Settings) -> Iterator[TestClient]:
    connection = redis.Redis.from_url(str(any_settings.redis_url))
    with TestClient(create_app(any_settings, document_queue(connection, any_settings))) as client:
        make_user(any_settings, "bounds-admin", Role.admin)
        sign_in(client, "bounds-admin")
        yield client
    connection.close()


def _names(answer: object, field: str) -> None:
    assert getattr(answer, "status_code", None) == 422, getattr(answer, "text", answer)
    locations = [item["loc"] for item in answer.json()["detail"]]  # type: ignore[attr-defined]
    assert any(loc[-1] == field for loc in locations), locations


def test_integers_past_their_bounds_are_refused_by_name(admin: TestClient) -> None:
    doc, match = uuid.uuid4(), uuid.uuid4()
    _names(admin.get(f"/api/v1/documents/{doc}/pages/{HUGE}/image"), "number")
    _names(admin.get(f"/api/v1/documents/{doc}/pages/0/text"), "number")
    _names(admin.get(f"/api/v1/verify/{match}/pages/{HUGE}/image"), "number")
    _names(admin.get(f"/api/v1/documents?offset={HUGE}"), "offset")
    _names(admin.get(f"/api/v1/audit?offset={HUGE}"), "offset")
    _names(admin.get("/api/v1/audit?offset=-1"), "offset")
    body = {"text": "x", "reason": "y"}
    _names(admin.put(f"/api/v1/documents/{doc}/pages/1/lines/{HUGE}/0", json=body), "block")
    _names(admin.post(f"/api/v1/documents/{doc}/rows/{HUGE}/resolve", json={"reason": "y"}), "row")
    assert admin.get(f"/api/v1/documents/{doc}/pages/1/text").status_code == 404  # in range: a real answer


def test_the_audit_search_takes_odd_terms_and_bounds_their_length(
    admin: TestClient, any_settings: Settings
) -> None:
    with session_scope(get_engine(any_settings.sqlalchemy_url)) as session:
        audit.append(session, actor="t", action="view", details={"note": "100% of C:\\scans\\a_b \x1b"})
    for term in ("%", "_", "\\", "100% of", "a_b", "C:\\scans", "\x1b"):
        answer = admin.get("/api/v1/audit", params={"q": term})
        if term == "\x1b":  # refused before the route: a control character
            assert answer.status_code == 422 and answer.json()["error"]["field"] == "q"
            continue
        assert answer.status_code == 200, (term, answer.text)
        items = answer.json()["items"]  # the entry, and the views of the log that searched for the term
        assert "t" in [e["actor"] for e in items], term
        assert "sign_in" not in [e["action"] for e in items], term  # a wildcard would have matched it
    unmatched = admin.get("/api/v1/audit", params={"q": "s_a"}).json()["items"]  # _ is no wildcard
    assert "t" not in [e["actor"] for e in unmatched]
    assert admin.get("/audit", params={"q": "%"}).status_code == 200
    for field in ("q", "actor", "entity_id"):
        _names(admin.get("/api/v1/audit", params={field: "x" * 10_000}), field)
    _names(admin.get("/audit", params={"q": "x" * 10_000}), "q")
