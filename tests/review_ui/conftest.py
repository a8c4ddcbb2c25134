"""A web client signed in with a given role, through the real sign-in form."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
import redis
from fastapi.testclient import TestClient

from muragat.accounts import hash_password
from muragat.app import create_app
from muragat.queue import document_queue
from muragat.settings import Settings
from storage.db import get_engine, session_scope
from storage.models import Role, User
from storage.revisions import changes_by

PASSWORD = "correct horse battery staple"


def make_user(settings: Settings, username: str, role: Role, language: str = "kk") -> User:
    engine = get_engine(settings.sqlalchemy_url)
    with session_scope(engine) as session, changes_by(session, "test", "fixture"):
        user = User(username=username, role=role, language=language, password_hash=hash_password(PASSWORD))
        session.add(user)
    return user


def page_csrf(html: str) -> str:
    found = re.search(r'name="csrf-token" content="([^"]+)"', html)
    assert found, "no CSRF token on the page"
    return found.group(1)


def sign_in(client: TestClient, username: str, password: str = PASSWORD) -> None:
    token = page_csrf(client.get("/login").text)
    answer = client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    client.headers["X-CSRF-Token"] = page_csrf(client.get("/login").text)  # the signed-in session's token


@pytest.fixture
def app_client(settings: Settings) -> Iterator[TestClient]:
    """A client of the app with nobody signed in."""
    connection = redis.Redis.from_url(str(settings.redis_url))
    with TestClient(create_app(settings, document_queue(connection, settings))) as client:
        yield client
    connection.close()


@pytest.fixture
def client_as(settings: Settings, app_client: TestClient) -> Callable[[Role], TestClient]:
    """Sign the client in as a new user of the given role."""

    def signed_in(role: Role, language: str = "kk") -> TestClient:
        make_user(settings, f"{role}-user", role, language)
        sign_in(app_client, f"{role}-user")
        return app_client

    return signed_in


@pytest.fixture
def client(client_as: Callable[[Role], TestClient]) -> TestClient:
    return client_as(Role.admin)
