"""API token checks kept for a while (review_ui.token_cache) and forgotten at once when a token or an
account changes, in this process and in another one (storage.auth_changes: NOTIFY on PostgreSQL, the
file beside the database on SQLite). On both databases, with the revocation made by another process."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable

from sqlalchemy.engine import Engine
from sqlmodel import select

from muragat.accounts import create_token, hash_password, revoke_token, token_user
from review_ui.token_cache import Found, TokenCache
from storage.db import session_scope
from storage.models import ApiToken, Role, User
from storage.revisions import changes_by

ANOTHER_PROCESS = """
import sys, uuid
from muragat.accounts import revoke_token
from storage.db import make_engine, session_scope
engine = make_engine(sys.argv[1])
with session_scope(engine) as session:
    revoke_token(session, uuid.UUID(sys.argv[2]), actor="another process")
"""


def _token(engine: Engine, role: Role = Role.archivist) -> tuple[str, ApiToken]:
    with session_scope(engine) as session, changes_by(session, "test", "fixture"):
        session.add(User(username="bot", role=role, language="ru", password_hash=hash_password("x" * 20)))
    with session_scope(engine) as session:
        issued = create_token(session, "bot", "sync", actor="test")
    return issued.secret, issued.token


def _counting(engine: Engine, secret: str) -> tuple[list[int], Callable[[], Found | None]]:
    loads = [0]

    def load() -> Found | None:
        loads[0] += 1
        with session_scope(engine) as session:
            return token_user(session, secret)

    return loads, load


def _until_forgotten(cache: TokenCache, secret: str, load: Callable[[], Found | None]) -> Found | None:
    """PostgreSQL's notification reaches the listening thread a moment after the commit."""
    deadline = time.monotonic() + 5
    while (found := cache.lookup(secret, load)) is not None and time.monotonic() < deadline:
        time.sleep(0.02)
    return found


def test_a_token_is_read_once_then_remembered(any_engine: Engine) -> None:
    secret, _ = _token(any_engine)
    cache = TokenCache(any_engine, 30)
    loads, load = _counting(any_engine, secret)
    first = cache.lookup(secret, load)
    assert first is not None and first[1].username == "bot"
    for _ in range(20):
        assert cache.lookup(secret, load) is first
    assert loads == [1]
    assert cache.lookup("mrg_not-a-token", lambda: None) is None
    cache.close()


def test_a_refused_token_is_not_remembered_and_a_zero_lifetime_keeps_nothing(any_engine: Engine) -> None:
    secret, _ = _token(any_engine)
    refusing = TokenCache(any_engine, 30)
    assert refusing.lookup(secret, lambda: None) is None
    loads, load = _counting(any_engine, secret)
    assert refusing.lookup(secret, load) is not None and loads == [1]  # read, not the refusal kept
    keeping_nothing = TokenCache(any_engine, 0)
    for _ in range(3):
        keeping_nothing.lookup(secret, load)
    assert loads == [4]
    refusing.close()


def test_a_token_revoked_by_another_process_is_refused_at_once(any_engine: Engine) -> None:
    secret, token = _token(any_engine)
    cache = TokenCache(any_engine, 3600)
    loads, load = _counting(any_engine, secret)
    assert cache.lookup(secret, load) is not None and cache.lookup(secret, load) is not None
    assert loads == [1]
    url = any_engine.url.render_as_string(hide_password=False)
    subprocess.run([sys.executable, "-c", ANOTHER_PROCESS, url, str(token.id)], check=True, timeout=60)
    assert _until_forgotten(cache, secret, load) is None
    cache.close()


def test_a_revocation_and_an_account_change_here_are_seen_at_once(any_engine: Engine) -> None:
    secret, token = _token(any_engine)
    cache = TokenCache(any_engine, 3600)
    loads, load = _counting(any_engine, secret)
    assert cache.lookup(secret, load) is not None
    # a token's use is not a change: last_used_at written (as each load may) forgets nothing
    with session_scope(any_engine) as session:
        session.get_one(ApiToken, token.id).last_used_at = None
    assert cache.lookup(secret, load) is not None and loads == [1]
    with session_scope(any_engine) as session, changes_by(session, "admin", "role changed"):
        session.exec(select(User).where(User.username == "bot")).one().role = Role.reviewer
    found = cache.lookup(secret, load)
    assert found is not None and found[1].role == Role.reviewer and loads == [2]
    with session_scope(any_engine) as session:
        revoke_token(session, token.id, actor="admin")
    assert cache.lookup(secret, load) is None
    cache.close()
