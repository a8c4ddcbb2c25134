"""Sign-in, roles and CSRF: only accounts an admin made get in, each role reaches only its routes,
and no state changes without the page's CSRF token."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
import redis
from fastapi.testclient import TestClient
from sqlmodel import select

from muragat.app import create_app
from muragat.queue import document_queue
from muragat.settings import Settings
from storage.db import get_engine, session_scope
from storage.models import Revision, Role, User
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
    app_client.post("/logout", data={"csrf_token": app_client.headers["X-CSRF-Token"]})
    assert app_client.get("/upload", follow_redirects=False).status_code == 303


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
        user = session.exec(select(User).where(User.username == "dana")).one()
        assert user.failed_logins == 30
