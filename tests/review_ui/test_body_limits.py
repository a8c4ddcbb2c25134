"""Request bodies: a body to a route that is not public is not read before its sender is known, and a body
over its bound is refused before it is read whole (review_ui.body_limits)."""

from __future__ import annotations

import resource
import select
import socket
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

from fastapi.testclient import TestClient

from muragat.accounts import create_token
from muragat.settings import Settings
from storage.db import get_engine, session_scope
from storage.models import Role
from tests.review_ui.conftest import make_user
from tests.served import served

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


def stream_until_answered(
    base: str, path: str, token: str | None, total: int, method: str = "POST"
) -> tuple[int, int]:
    """Send a chunked body over a socket until the server answers (or closes); the answer's status and
    the bytes sent. The test client cannot show this: it hands the app the whole body at its first read."""
    address = urlsplit(base)
    chunk = b" " * (256 * 1024)
    sent = 0
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 128 * 1024)
        sock.settimeout(30)
        sock.connect((address.hostname, address.port))
        sock.sendall(
            (
                f"{method} {path} HTTP/1.1\r\nHost: {address.netloc}\r\n"
                + (f"Authorization: Bearer {token}\r\n" if token else "")
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            ).encode()
        )
        try:
            while sent < total and not select.select([sock], [], [], 0)[0]:
                sock.sendall(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server closed its side once it had answered
        status_line = sock.recv(4096).split(b"\r\n", 1)[0]
    return int(status_line.split()[1]), sent


def test_a_streamed_body_is_cut_off_at_the_bound(settings: Settings) -> None:
    make_user(settings, "bulk-admin", Role.admin)
    with session_scope(get_engine(settings.sqlalchemy_url)) as session:
        token = create_token(session, "bulk-admin", "bulk", actor="test").secret
    total = settings.max_request_bytes + 32 * MIB
    with served(settings) as base:
        status, sent = stream_until_answered(base, "/api/v1/graduates/batch", token, total)
    assert status == 413
    assert sent < settings.max_request_bytes + 2 * MIB  # cut off at the bound, not read to its end


def test_the_sign_in_form_is_public_but_small(app_client: TestClient) -> None:
    answer = app_client.post("/login", content=b"u=" + b"x" * 64 * 1024,
                             headers={"content-type": "application/x-www-form-urlencoded"})  # fmt: skip
    assert answer.status_code == 413
    assert app_client.post("/login", data={"username": "nobody", "password": "x"}).status_code in (
        200,
        400,
        403,
    )


def test_a_body_on_any_method_waits_for_its_sender(settings: Settings) -> None:
    """A GET (or a made-up method) with a JSON body is read by the NUL check like any other: without a
    session or token it is refused before a byte of it is taken."""
    with served(settings) as base:
        for method in ("GET", "OPTIONS", "BREW"):
            status, sent = stream_until_answered(base, "/api/v1/documents", None, 64 * MIB, method)
            assert status == 401, method
            assert sent < 2 * MIB, (method, sent)
