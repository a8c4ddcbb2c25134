"""Every answer says it may not be framed or sniffed and keeps the address to the site; pages and API
answers, which hold personal data, are not stored by browsers or proxies, static files keep their caching."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

FRAMING = "frame-ancestors 'none'"


def test_pages_and_api_answers_carry_the_security_headers(client: TestClient) -> None:
    for path in ("/login", "/documents", "/api/v1/documents", "/api/v1/documents/not-an-id", "/no-such-page"):
        answer = client.get(path)
        assert answer.headers["x-content-type-options"] == "nosniff", path
        assert answer.headers["x-frame-options"] == "DENY", path
        assert FRAMING in answer.headers["content-security-policy"], path
        assert answer.headers["referrer-policy"] == "same-origin", path
        assert answer.headers["cache-control"] == "no-store", path


def test_static_files_keep_their_own_caching(client: TestClient) -> None:
    page = client.get("/login").text
    found = re.search(r'href="(/static/v/[^"]+\.css)"', page)
    assert found, "no stylesheet on the sign-in page"
    answer = client.get(found.group(1))
    assert answer.status_code == 200
    assert "no-store" not in answer.headers["cache-control"]
    assert answer.headers["x-content-type-options"] == "nosniff"
