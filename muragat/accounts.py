"""The rules of accounts, written once for the web layer and the command line: argon2 password hashes,
one-time passwords, accounts made and unlocked by an admin, API tokens (shown once, kept only as a
sha256), and the keys Muragat makes itself and keeps in MURAGAT_HOME.

A request with `Authorization: Bearer <token>` acts as the token's account (review_ui.auth.authorize).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, col, select

from muragat.errors import Conflict, InvalidInput, NotFound
from muragat.messages import Message
from muragat.messages.catalog.admin import Code as Admin
from muragat.messages.catalog.workflow import Code
from muragat.settings import Settings
from storage import audit
from storage.models import ApiToken, Role, User
from storage.revisions import changes_by
from storage.types import utcnow

TOKEN_MARK = "mrg_"  # tells a Muragat token apart in a configuration file or a secret scanner
PREFIX_LENGTH = 8
LAST_USED_PRECISION = timedelta(minutes=1)  # last_used_at is written at most once a minute per token
SESSION_KEY_FILE = "session.key"
VERIFICATION_KEY_FILE = "verification.key"
AUDIT_KEY_FILE = "audit.key"
_hasher = PasswordHasher()


# --- passwords -------------------------------------------------------------------------------------


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def password_matches(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def one_time_password() -> str:
    """The password an admin hands over with a new account."""
    return secrets.token_urlsafe(12)


# --- accounts --------------------------------------------------------------------------------------


def create_account(
    session: Session,
    username: str,
    role: Role,
    actor: str,
    *,
    full_name: str | None = None,
    request_reference: str | None = None,
    institution: str | None = None,
) -> str:
    """Make an account with a one-time password, and return that password (only its hash is kept)."""
    if session.exec(select(User).where(User.username == username)).first():
        raise Conflict(Message(Admin.USER_EXISTS, user=repr(username)))
    password = one_time_password()
    why = (
        Message(Code.ACCOUNT_CREATED, reference=request_reference)
        if request_reference
        else Message(Code.ACCOUNT_CREATED_WITHOUT_REQUEST)
    )
    with changes_by(session, actor, why):
        session.add(
            User(
                username=username,
                role=role,
                full_name=full_name,
                request_reference=request_reference,
                institution=institution.strip() if institution and institution.strip() else None,
                password_hash=hash_password(password),
            )
        )
    return password


def unlock_account(session: Session, username: str, actor: str, route: str) -> None:
    """Let a locked-out account sign in again now: its failed sign-ins are forgotten."""
    user = session.exec(select(User).where(User.username == username).with_for_update()).first()
    if user is None:
        raise NotFound(Message(Admin.USER_MISSING, user=repr(username)))
    user.failed_logins, user.locked_until = 0, None
    audit.append(session, actor=actor, action="unlocked", entity="user", entity_id=username, route=route)


# --- API tokens ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # the token itself: shown once, never stored


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(session: Session, username: str, name: str, actor: str) -> IssuedToken:
    user = session.exec(select(User).where(User.username == username)).first()
    if user is None:
        raise NotFound(Message(Admin.USER_MISSING, user=repr(username)))
    if not user.active:
        raise Conflict(Message(Admin.USER_DISABLED, user=repr(username)))
    if not name.strip():
        raise InvalidInput(Message(Admin.TOKEN_NAME_MISSING))
    secret = TOKEN_MARK + secrets.token_urlsafe(32)
    token = ApiToken(
        user_id=user.id, name=name.strip()[:200], token_hash=hash_token(secret), prefix=secret[:PREFIX_LENGTH]
    )
    with changes_by(session, actor, Message(Admin.TOKEN_CREATED, name=repr(token.name), user=username)):
        session.add(token)
    return IssuedToken(token, secret)


def revoke_token(session: Session, token_id: uuid.UUID, actor: str) -> ApiToken:
    token = session.get(ApiToken, token_id, with_for_update=True)
    if token is None:
        raise NotFound(Message(Admin.TOKEN_MISSING, id=str(token_id)))
    if token.revoked_at is not None:
        raise Conflict(
            Message(Admin.TOKEN_ALREADY_REVOKED, id=str(token_id), when=token.revoked_at.isoformat())
        )
    with changes_by(session, actor, Message(Admin.TOKEN_REVOKED, name=repr(token.name))):
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


# --- keys kept in MURAGAT_HOME ---------------------------------------------------------------------


def kept_key(path: Path) -> str:
    """A random key made once and kept (0600) at `path`; the first process to make it wins. The key is
    written to a file of its own and linked into place, so no process ever reads a half-written key."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        draft = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
        try:
            os.link(draft, path)
        except FileExistsError:  # another process made it first
            pass
        finally:
            draft.unlink()
    return path.read_text().strip()


def session_secret(settings: Settings) -> str:
    """The key that signs session cookies: configured, or made once and kept in MURAGAT_HOME."""
    if settings.session_secret:
        return settings.session_secret.get_secret_value()
    return kept_key(settings.home / SESSION_KEY_FILE)


def verification_key(settings: Settings) -> bytes:
    """The key that signs public verification links: configured, or made once and kept in MURAGAT_HOME."""
    if settings.verification_secret:
        return settings.verification_secret.get_secret_value().encode()
    return kept_key(settings.home / VERIFICATION_KEY_FILE).encode()


def audit_anchor_key(settings: Settings, create: bool = False) -> bytes | None:
    """The key that signs the audit log's anchor: configured, or kept in MURAGAT_HOME (made there only
    when `create`: for a log that has no anchor yet). Never in the database: whoever can rewrite the
    database must not be able to sign a new anchor. None where there is none."""
    if settings.audit_key:
        return settings.audit_key.get_secret_value().encode()
    path = settings.home / AUDIT_KEY_FILE
    if path.exists() or create:
        return kept_key(path).encode()
    return None
