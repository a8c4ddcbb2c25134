"""Accounts on the real PostgreSQL: lockout after repeated failed sign-ins (and not a word about whether
an account exists), API tokens (shown once, kept hashed, no CSRF, revocable), an audit entry with the
client address for every view of personal data and every change, and accounts limited to an institution."""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import col, select

from muragat.accounts import IssuedToken, create_token, list_tokens, revoke_token
from muragat.app import create_app
from muragat.errors import MuragatError
from muragat.settings import Settings
from storage.db import get_engine, session_scope
from storage.models import ApiToken, AuditEntry, Revision, Role, User
from storage.revisions import changes_by
from storage.types import utcnow
from tests.review_ui.conftest import PASSWORD, make_user, page_csrf, sign_in
from tests.review_ui.test_workbench import make_document

ERROR = re.compile(r'<p class="error" role="alert">(.*?)</p>', re.DOTALL)


def _db(settings: Settings) -> Any:
    return session_scope(get_engine(settings.sqlalchemy_url))


def _entries(settings: Settings, **where: str) -> list[AuditEntry]:
    with _db(settings) as session:
        query = select(AuditEntry).order_by(col(AuditEntry.seq))
        for name, value in where.items():
            query = query.where(getattr(AuditEntry, name) == value)
        return list(session.exec(query).all())


def _try_sign_in(client: TestClient, username: str, password: str) -> tuple[int, str]:
    token = page_csrf(client.get("/login").text)
    answer = client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token},
        follow_redirects=False,
    )
    found = ERROR.search(answer.text)
    return answer.status_code, found.group(1) if found else ""


def _english(client: TestClient) -> TestClient:
    client.get("/login?lang=en")
    return client


# --- lockout ---------------------------------------------------------------------------------------


def test_lockout_after_repeated_failures_and_unlock_after_the_time(
    settings: Settings, app_client: TestClient
) -> None:
    make_user(settings, "dana", Role.reviewer)
    client = _english(app_client)
    for _ in range(settings.lockout_attempts - 1):
        assert _try_sign_in(client, "dana", "guess") == (401, "Wrong user name or password.")
    locked = (429, "Too many failed sign-ins: the account is locked for 15 minutes.")
    assert _try_sign_in(client, "dana", "guess") == locked
    assert _try_sign_in(client, "dana", PASSWORD) == locked  # even the right password, while locked
    with _db(settings) as session:
        user = session.exec(select(User).where(User.username == "dana")).one()
        assert user.locked_until is not None and user.locked_until > utcnow() + timedelta(minutes=14)
        user.locked_until = utcnow() - timedelta(seconds=1)  # fifteen minutes later
    assert _try_sign_in(client, "dana", PASSWORD) == (303, "")
    with _db(settings) as session:
        user = session.exec(select(User).where(User.username == "dana")).one()
        assert (user.failed_logins, user.locked_until) == (0, None)
        # counters are not history: no revision for them
        assert [r.field for r in session.exec(select(Revision).where(Revision.entity_id == user.id))] == [
            "created"
        ]
    entries = _entries(settings, entity="user", entity_id="dana")
    assert [e.action for e in entries] == [
        *["sign_in_failed"] * settings.lockout_attempts,
        "locked",
        "sign_in_locked",
        "sign_in",
    ]
    assert {e.client_address for e in entries} == {"testclient"}
    assert entries[-1].actor == "dana" and entries[0].actor == "anonymous"


def test_unknown_names_get_the_same_answers_as_accounts(settings: Settings, app_client: TestClient) -> None:
    """Whether a name has an account cannot be told from the answers, lockout included."""
    make_user(settings, "dana", Role.reviewer)
    client = _english(app_client)
    attempts = settings.lockout_attempts + 1
    known = [_try_sign_in(client, "dana", "guess") for _ in range(attempts)]
    unknown = [_try_sign_in(client, "nobody", "guess") for _ in range(attempts)]
    assert known == unknown
    assert known[-1][0] == 429 and known[0][0] == 401
    assert [e.action for e in _entries(settings, entity_id="nobody")] == [
        *["sign_in_failed"] * settings.lockout_attempts,
        "locked",
        "sign_in_locked",
    ]


# --- API tokens ------------------------------------------------------------------------------------


def _issue(settings: Settings, username: str, role: Role) -> IssuedToken:
    make_user(settings, username, role)
    with _db(settings) as session:
        return create_token(session, username, "registry sync", actor="test-admin")


def test_tokens_are_shown_once_and_stored_hashed(settings: Settings) -> None:
    issued = _issue(settings, "bot", Role.admin)
    assert issued.secret.startswith("mrg_") and len(issued.secret) > 40
    with _db(settings) as session:
        stored = session.get_one(ApiToken, issued.token.id)
        assert stored.token_hash == hashlib.sha256(issued.secret.encode()).hexdigest()
        assert stored.prefix == issued.secret[:8]
        row = stored.model_dump()
        assert not any(issued.secret in str(value) for value in row.values())
        [(listed, username)] = list_tokens(session)
        assert listed.id == stored.id and username == "bot"
        [created] = session.exec(select(Revision).where(Revision.entity_id == stored.id)).all()
        assert created.entity == "api_token" and "token_hash" not in created.new_value
        assert issued.secret not in str(created.new_value)


def test_token_errors_and_reasons_are_messages_in_each_language(settings: Settings) -> None:
    issued = _issue(settings, "bot", Role.admin)
    with _db(settings) as session:
        [created] = session.exec(select(Revision).where(Revision.entity_id == issued.token.id)).all()
        assert created.reason == "API token 'registry sync' created for bot"
        assert created.reason_message == {
            "code": "accounts.token_created",
            "params": {"name": "'registry sync'", "user": "bot"},
        }
    with _db(settings) as session, pytest.raises(MuragatError) as missing:
        create_token(session, "nobody", "sync", actor="test-admin")
    assert missing.value.message == "user 'nobody' does not exist"
    assert missing.value.render("kk") == "'nobody' пайдаланушысы жоқ"
    assert missing.value.render("ru") == "пользователя 'nobody' не существует"
    with _db(settings) as session:
        revoke_token(session, issued.token.id, actor="test-admin")
    with _db(settings) as session, pytest.raises(MuragatError) as again:
        revoke_token(session, issued.token.id, actor="test-admin")
    assert again.value.message.startswith(f"API token {issued.token.id} was revoked at ")
    assert again.value.render("ru").startswith(f"API-токен {issued.token.id} отозван ")


def test_a_token_acts_as_its_account_without_csrf_until_revoked(
    settings: Settings, app_client: TestClient
) -> None:
    issued = _issue(settings, "bot", Role.archivist)
    bearer = {"Authorization": f"Bearer {issued.secret}"}
    app_client.cookies.clear()
    assert app_client.get("/api/v1/documents", headers=bearer).status_code == 200
    # a state-changing request with no session and no CSRF token: past the checks, to the route's 404
    retry = app_client.post(f"/api/v1/documents/{uuid.uuid4()}/retry", headers=bearer)
    assert retry.status_code == 404
    assert app_client.get("/api/v1/audit", headers=bearer).status_code == 403  # the archivist's role
    with _db(settings) as session:
        assert session.get_one(ApiToken, issued.token.id).last_used_at is not None
    [view] = _entries(settings, action="view")
    assert (view.actor, view.details["token"], view.route) == ("bot", issued.secret[:8], "list_documents")

    with _db(settings) as session:
        revoke_token(session, issued.token.id, actor="test-admin")
    refused = app_client.get("/api/v1/documents", headers=bearer)
    assert refused.status_code == 401 and "revoked" in refused.json()["error"]["message"]
    wrong = app_client.get("/api/v1/documents", headers={"Authorization": "Bearer mrg_not-a-token"})
    assert wrong.status_code == 401
    assert [e.details["fields"] for e in _entries(settings, entity="api_token")] == [
        ["created"],
        ["revoked_at"],
    ]


# --- the audit trail of views and changes ----------------------------------------------------------


def test_every_view_of_a_document_is_logged_with_the_client_address(
    settings: Settings, client_as: Callable[..., TestClient]
) -> None:
    reviewer = client_as(Role.reviewer)
    doc_id = make_document(settings, "d.png")
    for path in (
        f"/api/v1/documents/{doc_id}",
        f"/documents/{doc_id}",
        f"/api/v1/documents/{doc_id}/pages/1/text",
        f"/api/v1/documents/{doc_id}/candidates",
    ):
        assert reviewer.get(path).status_code == 200, path
    views = _entries(settings, action="view")
    assert [v.route for v in views] == ["get_document", "document_page", "page_text", "document_candidates"]
    for view in views:
        assert (view.actor, view.client_address) == ("reviewer-user", "testclient")
        assert (view.entity, view.entity_id) == ("document", str(doc_id))
    assert views[2].details["params"] == {"document_id": str(doc_id), "number": "1"}
    assert reviewer.get("/upload").status_code == 403  # no personal data and refused: no entry
    assert reviewer.get("/api/v1/queue").status_code == 200  # file names only: no entry
    assert len(_entries(settings, action="view")) == 4


def test_a_searched_iin_is_logged_masked(settings: Settings, client_as: Callable[..., TestClient]) -> None:
    reviewer = client_as(Role.reviewer)
    assert reviewer.get("/api/v1/search", params={"q": "890126475215"}).status_code == 200
    [view] = _entries(settings, action="view")
    assert view.entity == "search" and view.details["query"] == {"q": "8901******15"}


def test_a_change_is_logged_with_who_and_from_where(
    settings: Settings, client_as: Callable[..., TestClient]
) -> None:
    doc_id = make_document(settings, "d.png")
    reviewer = client_as(Role.reviewer)
    answer = reviewer.patch(
        f"/api/v1/documents/{doc_id}/fields", json={"fields": {"last_name": "Әбілова"}, "reason": "typo"}
    )
    assert answer.status_code == 200, answer.text
    changes = [
        e for e in _entries(settings, action="change", entity="document") if e.actor != "system:worker"
    ]
    [change] = [e for e in changes if "author" not in e.details]
    # matching ran again after the edit: its change is logged under the reviewer, naming its author
    assert {e.details.get("author") for e in changes} == {None, "system:matching"}
    assert (change.actor, change.client_address, change.route) == (
        "reviewer-user",
        "testclient",
        "update_fields",
    )
    assert change.entity_id == str(doc_id) and change.details == {
        "fields": ["fields.last_name"],
        "reason": "typo",
    }


def test_a_forwarded_address_is_believed_only_from_a_trusted_proxy(settings: Settings) -> None:
    make_user(settings, "aru", Role.archivist)
    app = create_app(settings.model_copy(update={"trusted_proxies": "10.0.0.0/8"}))
    forwarded = {"X-Forwarded-For": "203.0.113.9, 10.0.0.6"}
    for peer in ("10.0.0.5", "198.51.100.1"):
        with TestClient(app, client=(peer, 40000)) as client:
            sign_in(client, "aru")
            assert client.get("/api/v1/documents", headers=forwarded).status_code == 200
    assert [e.client_address for e in _entries(settings, action="view")] == ["203.0.113.9", "198.51.100.1"]


def test_admins_and_auditors_search_the_log(
    settings: Settings, app_client: TestClient, client_as: Callable[..., TestClient]
) -> None:
    make_user(settings, "dana", Role.reviewer)
    assert _try_sign_in(app_client, "dana", "guess")[0] == 401
    auditor = client_as(Role.auditor)
    api = auditor.get("/api/v1/audit", params={"action": "sign_in_failed"}).json()
    assert api["total"] == 1 and api["items"][0]["entity_id"] == "dana"
    page = auditor.get("/audit", params={"q": "dana", "action": "sign_in_failed"})
    assert page.status_code == 200 and "dana" in page.text and "testclient" in page.text
    assert auditor.get("/audit", params={"since": "not a date"}).status_code == 200  # said on the page
    viewed = _entries(settings, action="view", entity="audit")
    assert [v.route for v in viewed] == ["audit_api", "audit_page", "audit_page"]


# --- institution ------------------------------------------------------------------------------------


def test_an_account_limited_to_an_institution_sees_only_its_documents(
    settings: Settings, app_client: TestClient
) -> None:
    ours = make_document(settings, "ours.png", fields={"last_name": "А", "institution": "ҚазҰПУ"})
    theirs = make_document(settings, "theirs.png", fields={"last_name": "Б", "institution": "ҚазҰУ"})
    unknown = make_document(settings, "unread.png", fields={})
    make_user(settings, "limited", Role.reviewer)
    with _db(settings) as session, changes_by(session, "test-admin", "limited on request 7/2026"):
        session.exec(select(User).where(User.username == "limited")).one().institution = " қазҰПУ "
    sign_in(app_client, "limited")
    assert app_client.get(f"/api/v1/documents/{ours}").status_code == 200
    refused = app_client.get(f"/api/v1/documents/{theirs}")
    assert refused.status_code == 403 and "another institution" in refused.json()["error"]["message"]
    assert app_client.get(f"/documents/{theirs}").status_code == 403
    assert app_client.get(f"/api/v1/documents/{unknown}").status_code == 200  # not read yet: see README


def test_the_audit_page_speaks_the_users_language(client_as: Callable[..., TestClient]) -> None:
    auditor = client_as(Role.auditor, "ru")
    page = auditor.get("/audit").text
    assert "Журнал аудита" in page and "просмотрел персональные данные" in page
    assert "Audit log" not in page and "Record kind" not in page
    wrong = auditor.get("/audit", params={"until": "вчера"}).text
    assert "поле «По» должно быть датой вида 2026-11-27, а не «вчера»" in wrong
    api = auditor.get("/api/v1/audit", params={"since": "вчера"})
    assert api.status_code == 422 and api.json()["error"]["message_code"] == "audit.not_a_moment"
    assert (
        "ISO 8601" in api.json()["error"]["message_localized"]
        and "должно быть" in api.json()["error"]["message_localized"]
    )
