"""Sign-in, roles and CSRF: only accounts an admin made get in, each role reaches only its routes,
and no state changes without the page's CSRF token."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
import redis
from fastapi.testclient import TestClient
from sqlmodel import select

from muragat.accounts import create_account
from muragat.app import create_app
from muragat.queue import document_queue
from muragat.settings import Settings
from storage.db import get_engine, session_scope
from storage.models import Revision, Role, SignInThrottle, User, UserSession
from storage.types import utcnow
from tests.review_ui.conftest import make_user, page_csrf, sign_in


def test_anonymous_visitors_are_sent_to_sign_in(app_client: TestClient) -> None:
    page = app_client.get("/documents", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/login?next=/documents"
    api = app_client.get("/api/v1/documents")
    assert api.status_code == 401 and api.json()["error"]["code"] == "not_signed_in"
    assert app_client.get("/api/v1/health").status_code == 200


def test_wrong_password_is_refused(settings: Settings, app_client: TestClient) -> None:
    make_user(settings, "dana", Role.reviewer)
    token = page_csrf(app_client.get("/login").text)
    answer = app_client.post("/login", data={"username": "dana", "password": "guess", "csrf_token": token})
    assert answer.status_code == 401
    assert app_client.get("/api/v1/documents").status_code == 401


def test_sign_in_without_the_form_token_is_refused(settings: Settings, app_client: TestClient) -> None:
    make_user(settings, "dana", Role.reviewer)
    answer = app_client.post("/login", data={"username": "dana", "password": "correct horse battery staple"})
    assert answer.status_code == 403


def test_roles_reach_only_their_routes(client_as: Callable[..., TestClient]) -> None:
    archivist = client_as(Role.archivist)
    assert archivist.get("/upload").status_code == 200
    refused = archivist.post("/api/v1/graduates/import", files={"file": ("r.csv", b"x", "text/csv")})
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"


def test_verifier_cannot_read_the_archive(client_as: Callable[..., TestClient]) -> None:
    verifier = client_as(Role.verifier)
    assert verifier.get("/api/v1/documents").status_code == 403
    assert verifier.get("/upload").status_code == 403


def test_state_changes_need_the_csrf_token(client_as: Callable[..., TestClient]) -> None:
    archivist = client_as(Role.archivist)
    del archivist.headers["X-CSRF-Token"]
    answer = archivist.post("/api/v1/documents", files=[("files", ("a.png", b"x", "image/png"))])
    assert answer.status_code == 403 and "reload the page" in answer.json()["error"]["message"]


def test_language_choice_is_remembered_with_the_account(
    settings: Settings, client_as: Callable[..., TestClient]
) -> None:
    reviewer = client_as(Role.reviewer)
    assert 'lang="kk"' in reviewer.get("/documents").text
    token = page_csrf(reviewer.get("/documents").text)
    answer = reviewer.post(
        "/language",
        data={"language": "ru", "back": "/documents", "csrf_token": token},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    page = reviewer.get("/documents").text
    assert 'lang="ru"' in page and "Документы" in page
    with session_scope(get_engine(settings.sqlalchemy_url)) as session:
        user = session.exec(select(User).where(User.username == "reviewer-user")).one()
        assert user.language == "ru"
        [change] = [
            r
            for r in session.exec(select(Revision).where(Revision.entity_id == user.id))
            if r.field == "language"
        ]
        assert (change.old_value, change.new_value) == ("kk", "ru")


def test_signing_out_ends_the_session(settings: Settings, app_client: TestClient) -> None:
    make_user(settings, "aru", Role.archivist)
    sign_in(app_client, "aru")
    assert app_client.get("/upload").status_code == 200
    copied = app_client.cookies["muragat_session"]
    app_client.post("/logout", data={"csrf_token": app_client.headers["X-CSRF-Token"]})
    assert app_client.get("/upload", follow_redirects=False).status_code == 303
    # the cookie kept from before the logout is still validly signed, but its session has ended
    app_client.cookies.set("muragat_session", copied)
    assert app_client.get("/upload", follow_redirects=False).status_code == 303
    assert app_client.get("/api/v1/documents").status_code == 401
    with session_scope(get_engine(settings.sqlalchemy_url)) as session:
        [ended] = session.exec(select(UserSession)).all()
        assert ended.ended_reason == "logout" and ended.ended_at is not None
        assert ended.id != copied and len(ended.id) == 64  # the table keeps a hash, never the secret


def test_a_session_refused_after_it_expires(settings: Settings, app_client: TestClient) -> None:
    make_user(settings, "aru", Role.archivist)
    sign_in(app_client, "aru")
    with session_scope(get_engine(settings.sqlalchemy_url)) as session:
        [row] = session.exec(select(UserSession)).all()
        assert timedelta(hours=settings.session_hours - 1) < row.expires_at - row.created_at
        row.expires_at = utcnow() - timedelta(seconds=1)
    assert app_client.get("/upload", follow_redirects=False).status_code == 303


@pytest.mark.parametrize(
    ("base_url", "secure"), [("https://muragat.test", True), ("http://muragat.test", False)]
)
def test_cookies_are_secure_over_https(settings: Settings, base_url: str, secure: bool) -> None:
    make_user(settings, "aru", Role.archivist)
    with TestClient(create_app(settings), base_url=base_url) as client:
        answer = client.get("/login")
        cookie = answer.headers["set-cookie"]
        assert cookie.startswith("muragat_session=")
        assert ("; secure" in cookie.lower()) is secure
        assert "httponly" in cookie.lower() and "samesite=strict" in cookie.lower()
        chosen = client.get("/login?lang=ru", follow_redirects=False).headers["set-cookie"]
        assert ("secure" in chosen.lower()) is secure


def test_cookie_secure_setting_marks_every_cookie(settings: Settings) -> None:
    app = create_app(settings.model_copy(update={"cookie_secure": True}))
    with TestClient(app, base_url="http://muragat.test") as client:
        assert "; secure" in client.get("/login").headers["set-cookie"].lower()


# --- one-time passwords ------------------------------------------------------------------------------


def _one_time_account(settings: Settings, username: str, role: Role) -> str:
    with session_scope(get_engine(settings.sqlalchemy_url)) as session:
        return create_account(session, username, role, "test-admin", request_reference="7/2026")


def test_a_one_time_password_must_be_changed_first(settings: Settings, app_client: TestClient) -> None:
    password = _one_time_account(settings, "aru", Role.archivist)
    token = page_csrf(app_client.get("/login").text)
    answer = app_client.post(
        "/login",
        data={"username": "aru", "password": password, "csrf_token": token, "next": "/documents"},
        follow_redirects=False,
    )
    assert answer.status_code == 303 and answer.headers["location"] == "/account"
    page = app_client.get("/upload", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/account"
    api = app_client.get("/api/v1/documents")
    assert api.status_code == 403 and api.json()["error"]["message_code"] == "auth.password_change_required"
    assert app_client.get("/api/v1/health").status_code == 200  # public routes stay open
    form = app_client.get("/account")
    assert form.status_code == 200 and 'id="must-change"' in form.text
    csrf = page_csrf(form.text)

    def change(current: str, new: str, repeated: str) -> Any:
        data = {"current": current, "new": new, "repeated": repeated, "csrf_token": csrf}
        return app_client.post("/account/password", data=data, follow_redirects=False)

    assert change(password, "short", "short").status_code == 422
    assert change(password, "aru", "aru").status_code == 422
    assert change(password, "a long new password", "another long one").status_code == 422
    assert change("wrong", "a long new password", "a long new password").status_code == 422
    assert change(password, "ARU" + " " * 10, "ARU" + " " * 10).status_code == 422  # the name, padded
    old_cookie = app_client.cookies["muragat_session"]
    done = change(password, "a long new password", "a long new password")
    assert done.status_code == 303 and done.headers["location"] == "/upload"
    assert app_client.get("/upload").status_code == 200  # signed in again, in a new session
    assert app_client.cookies["muragat_session"] != old_cookie
    with session_scope(get_engine(settings.sqlalchemy_url)) as session:
        user = session.exec(select(User).where(User.username == "aru")).one()
        assert not user.must_change_password
        assert [r.field for r in session.exec(select(Revision).where(Revision.entity_id == user.id))] == [
            "created",
            "password_hash",
            "must_change_password",
        ]
    app_client.cookies.clear()
    sign_in(app_client, "aru", "a long new password")
    assert app_client.get("/upload").status_code == 200


def test_the_account_page_needs_a_signed_in_user(app_client: TestClient) -> None:
    page = app_client.get("/account", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/login?next=/account"


@pytest.mark.parametrize("database", ["postgresql", "sqlite"])
def test_concurrent_wrong_passwords_are_all_counted(settings: Settings, database: str) -> None:
    """Thirty wrong passwords at once raise the account's failure count by thirty, on both databases."""
    if database == "sqlite":
        settings = settings.model_copy(update={"database_url": f"sqlite:///{settings.home / 'muragat.db'}"})
    settings = settings.model_copy(update={"lockout_attempts": 100})
    connection = redis.Redis.from_url(str(settings.redis_url))
    with TestClient(create_app(settings, document_queue(connection, settings))) as client:
        make_user(settings, "dana", Role.reviewer)
        token = page_csrf(client.get("/login").text)
        barrier = threading.Barrier(30)
        codes: list[int] = []

        def wrong() -> None:
            barrier.wait()
            form = {"username": "dana", "password": "guess", "csrf_token": token}
            codes.append(client.post("/login", data=form).status_code)

        threads = [threading.Thread(target=wrong) for _ in range(30)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
    connection.close()
    assert codes == [401] * 30
    with session_scope(get_engine(settings.sqlalchemy_url)) as session:
        [throttle] = session.exec(select(SignInThrottle).where(SignInThrottle.username == "dana")).all()
        assert (throttle.client_address, throttle.failures) == ("testclient", 30)
