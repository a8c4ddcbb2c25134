"""Accounts on the real PostgreSQL: lockout after repeated failed sign-ins (and not a word about whether
an account exists), API tokens (shown once, kept hashed, no CSRF, revocable), an audit entry with the
client address for every view of personal data and every change, and accounts limited to an institution."""

from __future__ import annotations

import hashlib
import re
import threading
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any, Literal

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlmodel import col, select

from muragat import accounts
from muragat.accounts import (
    IssuedToken,
    create_token,
    disable_account,
    list_tokens,
    lock_account,
    reset_password,
    revoke_token,
    unlock_account,
)
from muragat.app import create_app
from muragat.errors import MuragatError
from muragat.settings import Settings
from storage.db import get_engine, session_scope
from storage.models import ApiToken, AuditEntry, Revision, Role, SignInThrottle, User, UserSession
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
        throttle = session.exec(select(SignInThrottle).where(SignInThrottle.username == "dana")).one()
        assert throttle.locked_until is not None and throttle.locked_until > utcnow() + timedelta(minutes=14)
        throttle.locked_until = utcnow() - timedelta(seconds=1)  # fifteen minutes later
    assert _try_sign_in(client, "dana", PASSWORD) == (303, "")
    with _db(settings) as session:
        user = session.exec(select(User).where(User.username == "dana")).one()
        assert session.exec(select(SignInThrottle)).all() == []  # a sign-in forgets the failures
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
    # another institution's document is answered as one that does not exist
    refused = app_client.get(f"/api/v1/documents/{theirs}")
    made_up = app_client.get(f"/api/v1/documents/{uuid.uuid4()}")
    assert refused.status_code == made_up.status_code == 404
    assert refused.json()["error"]["message_code"] == made_up.json()["error"]["message_code"]
    assert app_client.get(f"/documents/{theirs}").status_code == 404
    # a document of no known institution (not read, not matched, uploaded by an account of all) is not theirs
    assert app_client.get(f"/api/v1/documents/{unknown}").status_code == 404
    assert [d["filename"] for d in app_client.get("/api/v1/documents").json()["items"]] == ["ours.png"]


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


# --- lockout per (account, client) -----------------------------------------------------------------


def test_failures_from_one_address_do_not_lock_the_user_out_from_another(settings: Settings) -> None:
    make_user(settings, "dana", Role.reviewer)
    app = create_app(settings)
    with TestClient(app, client=("203.0.113.7", 40000)) as stranger:
        _english(stranger)
        for _ in range(settings.lockout_attempts - 1):
            assert _try_sign_in(stranger, "dana", "guess")[0] == 401
        assert _try_sign_in(stranger, "dana", "guess")[0] == 429
        assert _try_sign_in(stranger, "dana", PASSWORD)[0] == 429  # locked for this address
        with TestClient(app, client=("198.51.100.4", 40000)) as owner:
            assert _try_sign_in(owner, "dana", PASSWORD) == (303, "")  # but not for the user's own
        with _db(settings) as session:
            unlock_account(session, "dana", "test-admin", route="cli")
        assert _try_sign_in(stranger, "dana", PASSWORD) == (303, "")
    [locked] = _entries(settings, action="locked")
    assert (locked.entity_id, locked.client_address) == ("dana", "203.0.113.7")
    signed = _entries(settings, action="sign_in")
    assert [e.client_address for e in signed] == ["198.51.100.4", "203.0.113.7"]


def test_an_admins_lock_holds_from_every_address(settings: Settings) -> None:
    make_user(settings, "dana", Role.reviewer)
    app = create_app(settings)
    with _db(settings) as session:
        lock_account(session, "dana", "test-admin", "cli", minutes=60)
    for address in ("203.0.113.7", "198.51.100.4"):
        with TestClient(app, client=(address, 40000)) as client:
            assert _try_sign_in(client, "dana", PASSWORD)[0] == 429
            assert _try_sign_in(client, "dana", "guess")[0] == 401  # a wrong password says nothing more
    with _db(settings) as session:
        unlock_account(session, "dana", "test-admin", route="cli")
    with TestClient(app) as client:
        assert _try_sign_in(client, "dana", PASSWORD) == (303, "")


# --- what ends every session and token of an account -------------------------------------------------


def _change_own_password(client: TestClient) -> None:
    form = {
        "current": PASSWORD,
        "new": "a long new password",
        "repeated": "a long new password",
        "csrf_token": client.headers["X-CSRF-Token"],
    }
    assert client.post("/account/password", data=form, follow_redirects=False).status_code == 303


@pytest.mark.parametrize("action", ["lock", "disable", "reset", "password"])
def test_lock_disable_reset_and_password_change_end_sessions_and_tokens(
    settings: Settings, action: str
) -> None:
    make_user(settings, "aru", Role.archivist)
    with _db(settings) as session:
        issued = create_token(session, "aru", "sync", actor="test-admin")
    bearer = {"Authorization": f"Bearer {issued.secret}"}
    app = create_app(settings)
    with TestClient(app) as first, TestClient(app) as second, TestClient(app) as program:
        for client in (first, second):
            sign_in(client, "aru")
            assert client.get("/upload").status_code == 200
        assert program.get("/api/v1/documents", headers=bearer).status_code == 200
        if action == "password":
            _change_own_password(first)
        else:
            with _db(settings) as session:
                if action == "lock":
                    lock_account(session, "aru", "test-admin", "cli", 60)
                elif action == "disable":
                    disable_account(session, "aru", "test-admin", "cli")
                else:
                    reset_password(session, "aru", "test-admin", "cli")
        assert second.get("/upload", follow_redirects=False).status_code == 303  # signed out
        assert program.get("/api/v1/documents", headers=bearer).status_code == 401
        # who changed their own password keeps working, in a session of its own
        assert first.get("/upload", follow_redirects=False).status_code == (
            200 if action == "password" else 303
        )
    reason = {
        "lock": "locked",
        "disable": "disabled",
        "reset": "password_reset",
        "password": "password_changed",
    }
    with _db(settings) as session:
        rows = session.exec(select(UserSession).order_by(col(UserSession.created_at))).all()
        assert [r.ended_reason for r in rows[:2]] == [reason[action]] * 2
        assert [r.ended_at is None for r in rows[2:]] == ([True] if action == "password" else [])
        assert session.get_one(ApiToken, issued.token.id).revoked_at is not None
    [ended] = _entries(settings, action="sessions_ended")
    assert ended.entity_id == "aru" and ended.details == {
        "reason": reason[action],
        "sessions": 2,
        "tokens": [issued.secret[:8]],
    }
    assert ended.actor == ("aru" if action == "password" else "test-admin")
    revoked = [
        e
        for e in _entries(settings, action="change", entity="api_token")
        if "revoked_at" in e.details["fields"]
    ]
    assert len(revoked) == 1


# --- token expiry ----------------------------------------------------------------------------------


def test_a_token_expires(settings: Settings, app_client: TestClient) -> None:
    make_user(settings, "bot", Role.archivist)
    with _db(settings) as session:
        issued = create_token(session, "bot", "sync", actor="test-admin", expires_days=30)
    assert issued.token.expires_at is not None
    assert timedelta(days=29) < issued.token.expires_at - utcnow() <= timedelta(days=30)
    bearer = {"Authorization": f"Bearer {issued.secret}"}
    assert app_client.get("/api/v1/documents", headers=bearer).status_code == 200
    with _db(settings) as session, changes_by(session, "test", "thirty days later"):
        session.get_one(ApiToken, issued.token.id).expires_at = utcnow() - timedelta(seconds=1)
    refused = app_client.get("/api/v1/documents", headers=bearer)
    assert refused.status_code == 401 and "expired" in refused.json()["error"]["message"]
    for days in (0, 3651):
        with _db(settings) as session, pytest.raises(MuragatError) as wrong:
            create_token(session, "bot", "sync", actor="test-admin", expires_days=days)
        assert wrong.value.to_dict()["message_code"] == "accounts.token_days_wrong"


def test_a_token_made_during_a_lock_waits_for_its_end(settings: Settings, app_client: TestClient) -> None:
    make_user(settings, "bot", Role.archivist)
    with _db(settings) as session:
        lock_account(session, "bot", "test-admin", "cli", minutes=60)
        issued = create_token(session, "bot", "sync", actor="test-admin")
    bearer = {"Authorization": f"Bearer {issued.secret}"}
    assert app_client.get("/api/v1/documents", headers=bearer).status_code == 401
    with _db(settings) as session:
        unlock_account(session, "bot", "test-admin", route="cli")
    assert app_client.get("/api/v1/documents", headers=bearer).status_code == 200


# --- the bound on password hashing -----------------------------------------------------------------


class CountingHasher(PasswordHasher):
    """argon2 itself, counting how many hashes run at once."""

    def __init__(self) -> None:
        super().__init__()
        self.running = self.peak = 0
        self._lock = threading.Lock()

    def _count(self, step: int) -> None:
        with self._lock:
            self.running += step
            self.peak = max(self.peak, self.running)

    def hash(self, password: str | bytes, *, salt: bytes | None = None) -> str:
        self._count(1)
        try:
            return super().hash(password, salt=salt)
        finally:
            self._count(-1)

    def verify(self, hash: str | bytes, password: str | bytes) -> Literal[True]:
        self._count(1)
        try:
            return super().verify(hash, password)
        finally:
            self._count(-1)


def test_no_more_than_the_bound_hash_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    counting = CountingHasher()
    monkeypatch.setattr(accounts, "_hasher", counting)
    stored = accounts.hash_password("a password")
    barrier = threading.Barrier(12)
    results: list[object] = []

    def work(i: int) -> None:
        barrier.wait()
        results.append(
            accounts.hash_password("x") if i % 2 else accounts.password_matches(stored, "a password")
        )

    threads = [threading.Thread(target=work, args=(i,)) for i in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(results) == 12 and results.count(True) == 6
    # argon2 runs outside the GIL: twelve threads would all hash at once but for the bound
    assert counting.peak == accounts.HASHING_SLOTS


# --- managing accounts and tokens on the web -------------------------------------------------------

SHOWN_PASSWORD = re.compile(r'id="one-time-password">([^<]+)<')
SHOWN_TOKEN = re.compile(r'id="token-secret">([^<]+)<')


def test_only_admins_manage_accounts(client_as: Callable[..., TestClient]) -> None:
    reviewer = client_as(Role.reviewer)
    assert reviewer.get("/accounts").status_code == 403
    made = reviewer.post("/accounts", data={"username": "x", "role": "admin", "request_reference": "1"})
    assert made.status_code == 403
    assert reviewer.post("/accounts/reset", data={"username": "reviewer-user"}).status_code == 403
    assert reviewer.get("/account").status_code == 200  # but every role changes its own password


def test_admins_manage_accounts_and_tokens_on_the_web(
    settings: Settings, client_as: Callable[..., TestClient]
) -> None:
    admin = client_as(Role.admin)
    csrf = admin.headers["X-CSRF-Token"]

    def post(path: str, **data: str) -> Any:
        return admin.post(path, data={**data, "csrf_token": csrf}, follow_redirects=False)

    made = post(
        "/accounts", username="aru", role="archivist", request_reference="14/2026", institution="ҚазҰПУ"
    )
    assert made.status_code == 200
    found = SHOWN_PASSWORD.search(made.text)
    assert found
    first_password = found.group(1)
    again = post("/accounts", username="aru", role="archivist", request_reference="15/2026")
    assert again.status_code == 409 and "aru" in again.text and not SHOWN_PASSWORD.search(again.text)
    with _db(settings) as session:
        aru = session.exec(select(User).where(User.username == "aru")).one()
        assert (aru.role, aru.request_reference, aru.institution) == (Role.archivist, "14/2026", "ҚазҰПУ")
        assert aru.must_change_password and accounts.password_matches(aru.password_hash or "", first_password)
    [created] = [e for e in _entries(settings, action="change", entity="user") if e.entity_id == str(aru.id)]
    assert created.actor == "admin-user" and "14/2026" in str(created.details)

    token_page = post("/accounts/tokens", username="aru", name="registry sync", expires_days="30")
    found = SHOWN_TOKEN.search(token_page.text)
    assert token_page.status_code == 200 and found
    with _db(settings) as session:
        token = session.exec(select(ApiToken)).one()
        assert token.token_hash == accounts.hash_token(found.group(1)) and token.expires_at is not None
    listed = admin.get("/accounts").text
    assert token.prefix in listed and found.group(1) not in listed  # the secret was shown once only
    assert post("/accounts/tokens/revoke", token_id=str(token.id)).status_code == 303
    assert post("/accounts/tokens/revoke", token_id=str(token.id)).status_code == 409

    reset = post("/accounts/reset", username="aru")
    found = SHOWN_PASSWORD.search(reset.text)
    assert reset.status_code == 200 and found and found.group(1) != first_password
    assert post("/accounts/lock", username="aru").status_code == 303
    with TestClient(create_app(settings)) as other:
        assert _try_sign_in(other, "aru", found.group(1))[0] == 429
        assert post("/accounts/unlock", username="aru").status_code == 303
        assert _try_sign_in(other, "aru", found.group(1)) == (303, "")
        assert post("/accounts/disable", username="aru").status_code == 303
        assert other.get("/upload", follow_redirects=False).status_code == 303  # its session ended
    assert post("/accounts/disable", username="aru").status_code == 409
    assert post("/accounts/reset", username="nobody").status_code == 404
    with _db(settings) as session:
        assert not session.exec(select(User).where(User.username == "aru")).one().active
    actions = [e.action for e in _entries(settings, entity="user", entity_id="aru", actor="admin-user")]
    assert actions == ["sessions_ended", "locked", "sessions_ended", "unlocked", "sessions_ended"]


# --- what an admin cannot do, and what a stolen session cannot -------------------------------------------


@pytest.mark.parametrize("name", ["", "   ", "x" * 101, "name with spaces", "<script>", "a\u200bb"])
def test_a_user_name_is_checked(settings: Settings, name: str) -> None:
    with _db(settings) as session, pytest.raises(MuragatError) as refused:
        accounts.create_account(session, name, Role.reviewer, "test-admin")
    assert refused.value.detail.code == "accounts.username_invalid"


def test_an_admin_keeps_their_own_account_and_the_last_admin(settings: Settings) -> None:
    make_user(settings, "nurlan", Role.admin)
    make_user(settings, "aru", Role.admin)
    with _db(settings) as session, pytest.raises(MuragatError) as own:
        lock_account(session, "nurlan", "nurlan", "accounts_lock", minutes=60)
    assert own.value.detail.code == "accounts.own_account"
    with _db(settings) as session:
        disable_account(session, "aru", "nurlan", route="accounts_disable")  # another admin remains
    for refused in (
        lambda session: disable_account(session, "nurlan", "cli", route="cli"),
        lambda session: lock_account(session, "nurlan", "cli", "cli", minutes=60),
    ):
        with _db(settings) as session, pytest.raises(MuragatError) as last:
            refused(session)
        assert last.value.detail.code == "accounts.last_admin"


def test_guessing_the_current_password_ends_the_session(
    settings: Settings, client_as: Callable[..., TestClient]
) -> None:
    client = client_as(Role.reviewer)
    form = {"current": "guess", "new": "a long new password", "repeated": "a long new password"}
    for _ in range(accounts.PASSWORD_CHANGE_ATTEMPTS - 1):
        answer = client.post("/account/password", data={**form, "csrf_token": client.headers["X-CSRF-Token"]})
        assert answer.status_code == 422
    assert client.get("/queue", follow_redirects=False).status_code == 200  # still signed in
    client.post("/account/password", data={**form, "csrf_token": client.headers["X-CSRF-Token"]})
    assert client.get("/queue", follow_redirects=False).status_code == 303  # signed out everywhere
    failed = _entries(settings, action="password_change_failed")
    assert [e.details["failures"] for e in failed] == list(range(1, accounts.PASSWORD_CHANGE_ATTEMPTS + 1))
    ended = _entries(settings, action="sessions_ended")
    assert ended[-1].details["reason"] == "password_guessed"
