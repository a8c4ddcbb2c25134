"""Sign-in with accounts an admin made: argon2 password hashes, a signed session cookie, a CSRF token
for every state-changing request, and the role check of `review_ui.access` on every route."""

from __future__ import annotations

import hmac
import os
import secrets
import uuid

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from fastapi import Request
from sqlalchemy.engine import Engine
from sqlmodel import select

from muragat.errors import Forbidden, NotSignedIn
from muragat.settings import Settings
from review_ui.access import PUBLIC, allowed
from storage.db import session_scope
from storage.models import User

SESSION_USER = "uid"
SESSION_CSRF = "csrf"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def session_secret(settings: Settings) -> str:
    """The key that signs cookies: configured, or made once and kept (0600) in MURAGAT_HOME."""
    if settings.session_secret:
        return settings.session_secret.get_secret_value()
    path = settings.home / "session.key"
    if not path.exists():
        settings.home.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    return path.read_text().strip()


def authenticate(engine: Engine, username: str, password: str) -> User | None:
    with session_scope(engine) as session:
        user = session.exec(select(User).where(User.username == username)).first()
    if user is None or not user.active or not user.password_hash:
        _hasher.hash(password)  # the same work whether or not the account exists
        return None
    try:
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    return user


def sign_in(request: Request, user: User) -> None:
    request.session.clear()
    request.session[SESSION_USER] = str(user.id)
    request.session[SESSION_CSRF] = secrets.token_urlsafe(32)


def csrf_token(request: Request) -> str:
    token = request.session.get(SESSION_CSRF)
    if not token:
        token = request.session[SESSION_CSRF] = secrets.token_urlsafe(32)
    return str(token)


def signed_in_user(request: Request) -> User | None:
    raw = request.session.get(SESSION_USER)
    if not raw:
        return None
    try:
        user_id = uuid.UUID(raw)
    except ValueError:
        return None
    with session_scope(request.app.state.engine) as session:
        user = session.get(User, user_id)
    return user if user is not None and user.active else None


async def _check_csrf(request: Request) -> None:
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        sent = str((await request.form()).get(CSRF_FIELD) or "")
    expected = request.session.get(SESSION_CSRF)
    if not expected or not sent or not hmac.compare_digest(str(sent), str(expected)):
        raise Forbidden("the form has expired or did not come from this site; reload the page and try again")


async def authorize(request: Request) -> None:
    """Runs before every route: who is signed in, whether their role may use this route, CSRF."""
    route = request.scope.get("route")
    name = getattr(route, "name", "")
    user = signed_in_user(request)
    request.state.user = user
    if name in PUBLIC:
        if request.method not in SAFE_METHODS:
            await _check_csrf(request)
        return
    if user is None:
        raise NotSignedIn("sign in to continue")
    if not allowed(name, user.role):
        raise Forbidden(f"the {user.role} role may not use this page")
    if request.method not in SAFE_METHODS:
        await _check_csrf(request)
