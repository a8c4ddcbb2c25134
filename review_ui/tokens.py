"""API tokens for integrations: made by an admin for an account, shown once, kept only as a sha256.

A request with `Authorization: Bearer <token>` acts as the token's account (review_ui.auth.authorize).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session, col, select

from muragat.errors import Conflict, InvalidInput, NotFound
from storage.models import ApiToken, User
from storage.revisions import changes_by
from storage.types import utcnow

TOKEN_MARK = "mrg_"  # tells a Muragat token apart in a configuration file or a secret scanner
PREFIX_LENGTH = 8
LAST_USED_PRECISION = timedelta(minutes=1)  # last_used_at is written at most once a minute per token


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # the token itself: shown once, never stored


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(session: Session, username: str, name: str, actor: str) -> IssuedToken:
    user = session.exec(select(User).where(User.username == username)).first()
    if user is None:
        raise NotFound(f"user {username!r} does not exist")
    if not user.active:
        raise Conflict(f"user {username!r} is disabled")
    if not name.strip():
        raise InvalidInput("name the token after the integration that will use it")
    secret = TOKEN_MARK + secrets.token_urlsafe(32)
    token = ApiToken(
        user_id=user.id, name=name.strip()[:200], token_hash=hash_token(secret), prefix=secret[:PREFIX_LENGTH]
    )
    with changes_by(session, actor, f"API token {token.name!r} created for {username}"):
        session.add(token)
    return IssuedToken(token, secret)


def revoke_token(session: Session, token_id: uuid.UUID, actor: str) -> ApiToken:
    token = session.get(ApiToken, token_id, with_for_update=True)
    if token is None:
        raise NotFound(f"API token {token_id} does not exist")
    if token.revoked_at is not None:
        raise Conflict(f"API token {token_id} was revoked at {token.revoked_at.isoformat()}")
    with changes_by(session, actor, f"API token {token.name!r} revoked"):
        token.revoked_at = utcnow()
    return token


def list_tokens(session: Session) -> list[tuple[ApiToken, str]]:
    """Every token with its account's user name, newest first."""
    rows = session.exec(
        select(ApiToken, User.username)
        .join(User, col(User.id) == col(ApiToken.user_id))
        .order_by(col(ApiToken.created_at).desc())
    ).all()
    return [(token, username) for token, username in rows]


def token_user(session: Session, secret: str) -> tuple[ApiToken, User] | None:
    """The live token and its active account for a presented token; None for anything else."""
    if not secret.startswith(TOKEN_MARK):
        return None
    digest = hash_token(secret)
    token = session.exec(select(ApiToken).where(ApiToken.token_hash == digest)).first()
    if token is None or token.revoked_at is not None or not hmac.compare_digest(token.token_hash, digest):
        return None
    user = session.get(User, token.user_id)
    if user is None or not user.active:
        return None
    now = utcnow()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        token.last_used_at = now  # untracked by revisions: use is not a change of the token
    return token, user
