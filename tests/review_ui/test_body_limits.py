"""Request bodies: a body to a route that is not public is not read before its sender is known, and a body
over its bound is refused before it is read whole (review_ui.body_limits)."""

from __future__ import annotations

import resource
from collections.abc import Callable, Iterator

from fastapi.testclient import TestClient

from muragat.settings import Settings
from storage.models import Role

MIB = 1024 * 1024


class Counted:
    """A body sent in chunks, counting how much of it the server took."""

    def __init__(self, total: int, chunk: int = 256 * 1024) -> None:
        self.total, self.chunk, self.sent = total, chunk, 0

    def __iter__(self) -> Iterator[bytes]:
        while self.sent < self.total:
            piece = b" " * min(self.chunk, self.total - self.sent)
            self.sent += len(piece)
            yield piece


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_an_anonymous_body_is_refused_before_it_is_read(app_client: TestClient) -> None:
    body = Counted(40 * MIB)
    before = _peak_mib()
    answer = app_client.post(
        "/api/v1/graduates/batch", content=body, headers={"content-type": "application/json"}
    )
    assert answer.status_code == 401 and answer.json()["error"]["message_code"] == "auth.sign_in"
    assert body.sent < 2 * MIB  # the client stopped: nothing past the first chunks was taken
    assert _peak_mib() - before < 30
    page = app_client.post("/documents/x/retry", content=b"{}", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/login"


def test_a_declared_length_over_the_bound_is_refused_at_once(
    settings: Settings, client_as: Callable[[Role], TestClient]
) -> None:
    admin = client_as(Role.admin)
    answer = admin.post(
        "/api/v1/graduates/batch",
        content=b"{}",
        headers={"content-type": "application/json", "content-length": str(settings.max_request_bytes + 1)},
    )
    assert answer.status_code == 413 and answer.json()["error"]["message_code"] == "request.too_large"


def test_a_streamed_body_is_cut_off_at_the_bound(
    settings: Settings, client_as: Callable[[Role], TestClient]
) -> None:
    admin = client_as(Role.admin)
    body = Counted(settings.max_request_bytes + 4 * MIB)
    answer = admin.post("/api/v1/graduates/batch", content=body, headers={"content-type": "application/json"})
    assert answer.status_code == 413
    assert body.sent < settings.max_request_bytes + 2 * MIB


def test_the_sign_in_form_is_public_but_small(app_client: TestClient) -> None:
    answer = app_client.post("/login", content=b"u=" + b"x" * 64 * 1024,
                             headers={"content-type": "application/x-www-form-urlencoded"})  # fmt: skip
    assert answer.status_code == 413
    assert app_client.post("/login", data={"username": "nobody", "password": "x"}).status_code in (
        200,
        400,
        403,
    )
