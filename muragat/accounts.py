"""The rules of accounts, written once for the web layer and the command line: argon2 password hashes
(a few at a time), one-time passwords that must be changed, sign-in with failures counted per (name,
client address), server-side sessions, accounts made, locked, disabled, unlocked and reset by an admin,
API tokens (shown once, kept only as a sha256, expiring), and the keys Muragat keeps in MURAGAT_HOME.

Disabling, locking, a password change or reset end every session of the account and revoke its tokens.
A request with `Authorization: Bearer <token>` acts as the token's account (review_ui.auth.authorize).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import threading
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from muragat.errors import Conflict, InvalidInput, NotFound
from muragat.messages import Message
from muragat.messages.catalog.admin import Code as Admin
from muragat.messages.catalog.workflow import Code
from muragat.settings import Settings
from storage import audit
from storage.db import session_scope
from storage.models import ApiToken, Role, SignInThrottle, User, UserSession
from storage.revisions import changes_by
from storage.types import utcnow

TOKEN_MARK = "mrg_"  # tells a Muragat token apart in a configuration file or a secret scanner
PREFIX_LENGTH = 8
LAST_USED_PRECISION = timedelta(minutes=1)  # last_used_at is written at most once a minute per token
LAST_SEEN_PRECISION = timedelta(minutes=1)  # and a session's last_seen_at once a minute
TOKEN_MOST_DAYS = 3650
# argon2 takes 64 MiB and tens of milliseconds a hash: forty sign-ins at once took 800 MB and held up
# every other request, so at most this many hash at a time in a process; the rest wait their turn
HASHING_SLOTS = 2
_hashing = threading.BoundedSemaphore(HASHING_SLOTS)
SESSION_KEY_FILE = "session.key"
VERIFICATION_KEY_FILE = "verification.key"
AUDIT_KEY_FILE = "audit.key"
_hasher = PasswordHasher()


# --- passwords -------------------------------------------------------------------------------------


def hash_password(password: str) -> str:
    with _hashing:
        return _hasher.hash(password)


def password_matches(password_hash: str, password: str) -> bool:
    with _hashing:
        try:
            return _hasher.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False


def check_new_password(username: str, password: str, repeated: str, least: int) -> None:
    if password != repeated:
        raise InvalidInput(Message(Admin.PASSWORDS_DIFFER))
    if len(password) < least:
        raise InvalidInput(Message(Admin.PASSWORD_TOO_SHORT, least=least))
    if password.strip().casefold() == username.strip().casefold():
        raise InvalidInput(Message(Admin.PASSWORD_IS_USERNAME))


def one_time_password() -> str:
    """The password an admin hands over with a new account."""
    return secrets.token_urlsafe(12)


# --- accounts --------------------------------------------------------------------------------------


USERNAME = re.compile(r"[\w.@-]{1,100}")  # letters of any script, digits, . _ - @
PASSWORD_CHANGE_ATTEMPTS = 5  # wrong current passwords in a row at /account before every session ends


def check_username(username: str) -> str:
    name = username.strip()
    if not USERNAME.fullmatch(name):
        raise InvalidInput(Message(Admin.USERNAME_INVALID, user=repr(name[:100]), limit=100))
    return name


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
    username = check_username(username)
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
                must_change_password=True,
            )
        )
    return password


def _account(session: Session, username: str) -> User:
    user = session.exec(select(User).where(User.username == username).with_for_update()).first()
    if user is None:
        raise NotFound(Message(Admin.USER_MISSING, user=repr(username)))
    return user


def _log(session: Session, actor: str, action: str, username: str, route: str, **details: Any) -> None:
    origin = audit.current_origin()
    audit.append(
        session,
        actor=actor,
        action=action,
        entity="user",
        entity_id=username,
        route=route,
        client_address=origin.client_address if origin else None,
        details=details,
    )


def unlock_account(session: Session, username: str, actor: str, route: str) -> None:
    """Let a locked-out account sign in again now, from every address: an admin's lock is lifted and
    the failed sign-ins under its name are forgotten."""
    user = _account(session, username)
    user.failed_logins, user.locked_until = 0, None
    session.execute(delete(SignInThrottle).where(col(SignInThrottle.username) == username))
    _log(session, actor, "unlocked", username, route)


def _keep_an_admin(session: Session, user: User, actor: str) -> None:
    """Refuse to lock or disable one's own account, or the last active admin of all institutions: no
    one would be left to undo it but the command line."""
    if user.username == actor:
        raise Conflict(Message(Admin.OWN_ACCOUNT))
    if user.role == Role.admin and user.institution is None and user.active:
        others = session.exec(
            select(User.id).where(
                User.role == Role.admin,
                col(User.institution).is_(None),
                col(User.active).is_(True),
                User.id != user.id,
            )
        ).all()
        if not others:
            raise Conflict(Message(Admin.LAST_ADMIN, user=repr(user.username)))


def lock_account(session: Session, username: str, actor: str, route: str, minutes: int) -> datetime:
    """An admin's lock: the account refuses every sign-in, from anywhere, for `minutes`; its sessions
    end and its tokens are revoked."""
    user = _account(session, username)
    _keep_an_admin(session, user, actor)
    user.locked_until = utcnow() + timedelta(minutes=minutes)
    _log(session, actor, "locked", username, route, locked_until=user.locked_until.isoformat())
    end_everything(session, user, Ended.locked, actor, route)
    return user.locked_until


def disable_account(session: Session, username: str, actor: str, route: str) -> None:
    """The account signs in no more; its sessions end and its tokens are revoked (kept, with its
    history: an account is never deleted)."""
    user = _account(session, username)
    if not user.active:
        raise Conflict(Message(Admin.USER_DISABLED, user=repr(username)))
    _keep_an_admin(session, user, actor)
    with changes_by(session, actor, Message(Admin.ACCOUNT_DISABLED)):
        user.active = False
    end_everything(session, user, Ended.disabled, actor, route)


def reset_password(session: Session, username: str, actor: str, route: str) -> str:
    """A new one-time password for an account whose user lost theirs; returned to be handed over once.
    The user must change it at the next sign-in; sessions end, tokens are revoked, lockouts forgotten."""
    user = _account(session, username)
    if not user.active:
        raise Conflict(Message(Admin.USER_DISABLED, user=repr(username)))
    password = one_time_password()
    with changes_by(session, actor, Message(Admin.PASSWORD_RESET)):
        user.password_hash = hash_password(password)
        user.must_change_password = True
    session.execute(delete(SignInThrottle).where(col(SignInThrottle.username) == username))
    end_everything(session, user, Ended.password_reset, actor, route)
    return password


def change_password(
    session: Session, user_id: uuid.UUID, current: str, new: str, repeated: str, *, least: int, route: str
) -> User:
    """A user's own change of password: the current one, then the new one twice. Every session of the
    account ends (the caller signs this browser in again) and its tokens are revoked."""
    user = session.get(User, user_id, with_for_update=True)
    if user is None or not user.active or not user.password_hash:
        raise NotFound(Message(Admin.USER_MISSING, user=repr(str(user_id))))
    if not password_matches(user.password_hash, current):
        # a stolen session guessing the password: after a few tries it is ended with every other
        user.failed_logins += 1
        _log(
            session,
            user.username,
            "password_change_failed",
            user.username,
            route,
            failures=user.failed_logins,
        )
        if user.failed_logins >= PASSWORD_CHANGE_ATTEMPTS:
            user.failed_logins = 0
            end_everything(session, user, Ended.password_guessed, user.username, route)
        session.commit()  # kept, although the change is refused and the caller's transaction rolls back
        raise InvalidInput(Message(Admin.PASSWORD_WRONG))
    user.failed_logins = 0
    check_new_password(user.username, new, repeated, least)
    with changes_by(session, user.username, Message(Admin.PASSWORD_CHANGED)):
        user.password_hash = hash_password(new)
        user.must_change_password = False
    end_everything(session, user, Ended.password_changed, user.username, route)
    return user


@dataclass(frozen=True)
class AccountState:
    user: User
    sessions: int  # live sessions
    tokens: int  # live tokens
    locked_addresses: int  # (name, address) pairs locked out by failed sign-ins now


def list_accounts(session: Session) -> list[AccountState]:
    """Every account with what an admin needs to see of its state, by user name."""
    now = utcnow()
    users = session.exec(select(User).order_by(col(User.username))).all()
    sessions = dict(
        session.exec(
            select(UserSession.user_id, func.count())
            .where(col(UserSession.ended_at).is_(None), col(UserSession.expires_at) > now)
            .group_by(col(UserSession.user_id))
        ).all()
    )
    tokens = dict(
        session.exec(
            select(ApiToken.user_id, func.count())
            .where(col(ApiToken.revoked_at).is_(None))
            .where((col(ApiToken.expires_at).is_(None)) | (col(ApiToken.expires_at) > now))
            .group_by(col(ApiToken.user_id))
        ).all()
    )
    locks = dict(
        session.exec(
            select(SignInThrottle.username, func.count())
            .where(col(SignInThrottle.locked_until) > now)
            .group_by(col(SignInThrottle.username))
        ).all()
    )
    return [
        AccountState(u, sessions.get(u.id, 0), tokens.get(u.id, 0), locks.get(u.username, 0)) for u in users
    ]


# --- sign-in ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignInOutcome:
    user: User | None
    locked: bool = False


@dataclass(frozen=True)
class SignInRules:
    attempts: int  # failures in a row under one name from one address that lock that pair
    minutes: int


def check_sign_in(
    engine: Engine, name: str, password: str, address: str | None, rules: SignInRules
) -> SignInOutcome:
    """Check a sign-in, counting failures per (name, client address): after `rules.attempts` in a row
    that name refuses that address for `rules.minutes`, while the user can still sign in from anywhere
    else, so a stranger cannot lock anyone out. A name with no account is counted the same way, and a
    password is hashed either way, so the answers and their timing do not tell whether an account
    exists. The password is checked outside any transaction (no connection waits on argon2); every
    attempt is logged."""
    with session_scope(engine) as session:
        found = session.exec(select(User).where(User.username == name)).first()
    known = found if found is not None and found.active and found.password_hash else None
    if known is not None and known.password_hash:
        right = password_matches(known.password_hash, password)
    else:
        hash_password(password)
        right = False
    log = _SignInLog(name, address)
    with session_scope(engine) as session:
        throttle = _throttle(session, name, address or "")
        now = utcnow()
        if throttle.locked_until is not None and throttle.locked_until > now:
            log.write(session, "sign_in_locked", {"locked_until": throttle.locked_until.isoformat()})
            return SignInOutcome(None, locked=True)
        user = session.exec(select(User).where(User.username == name)).first() if right else None
        if (
            user is not None
            and known is not None
            and user.active
            and user.password_hash == known.password_hash
        ):
            if user.locked_until is not None and user.locked_until > now:  # an admin's lock
                log.write(session, "sign_in_locked", {"locked_until": user.locked_until.isoformat()})
                return SignInOutcome(None, locked=True)
            session.delete(throttle)
            log.write(session, "sign_in", {}, actor=user.username)
            return SignInOutcome(user)
        throttle.failures += 1
        throttle.updated_at = now
        log.write(session, "sign_in_failed", {"failures": throttle.failures})
        if throttle.failures < rules.attempts:
            return SignInOutcome(None)
        throttle.failures, throttle.locked_until = 0, now + timedelta(minutes=rules.minutes)
        log.write(session, "locked", {"locked_until": throttle.locked_until.isoformat()})
        return SignInOutcome(None, locked=True)


def _throttle(session: Session, name: str, address: str) -> SignInThrottle:
    """The pair's counter, made if missing, locked for the rest of the transaction (two sign-ins at
    once make one row, and each failure is counted)."""
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    session.execute(
        insert(SignInThrottle)
        .values(id=uuid.uuid4(), username=name, client_address=address, failures=0, updated_at=utcnow())
        .on_conflict_do_nothing(index_elements=["username", "client_address"])
    )
    return session.exec(
        select(SignInThrottle)
        .where(SignInThrottle.username == name, SignInThrottle.client_address == address)
        .with_for_update()
    ).one()


@dataclass(frozen=True)
class _SignInLog:
    name: str
    address: str | None

    def write(self, session: Session, action: str, details: dict[str, Any], actor: str = "anonymous") -> None:
        audit.append(
            session,
            actor=actor,
            action=action,
            entity="user",
            entity_id=self.name,
            route="login",
            client_address=self.address,
            details=details,
        )


# --- sessions --------------------------------------------------------------------------------------


class Ended(StrEnum):
    """Why a session ended (user_session.ended_reason, and the audit entry that ends them)."""

    logout = "logout"
    disabled = "disabled"
    locked = "locked"
    password_changed = "password_changed"
    password_reset = "password_reset"
    password_guessed = "password_guessed"  # wrong current passwords in a row at /account


def start_session(session: Session, user: User, hours: int, address: str | None) -> str:
    """A new session for a signed-in user; returns its secret, for the cookie (only its hash is kept)."""
    secret = secrets.token_urlsafe(32)
    now = utcnow()
    session.add(
        UserSession(
            id=hash_token(secret),
            user_id=user.id,
            created_at=now,
            last_seen_at=now,
            expires_at=now + timedelta(hours=hours),
            client_address=address,
        )
    )
    return secret


def session_user(session: Session, secret: str) -> User | None:
    """The active account of a live session; None for an unknown, ended or expired one."""
    row = session.get(UserSession, hash_token(secret))
    now = utcnow()
    if row is None or row.ended_at is not None or row.expires_at <= now:
        return None
    user = session.get(User, row.user_id)
    if user is None or not user.active:
        return None
    if now - row.last_seen_at >= LAST_SEEN_PRECISION:
        row.last_seen_at = now
    return user


def end_session(session: Session, secret: str, reason: Ended) -> None:
    row = session.get(UserSession, hash_token(secret), with_for_update=True)
    if row is not None and row.ended_at is None:
        row.ended_at, row.ended_reason = utcnow(), reason


def end_everything(session: Session, user: User, reason: Ended, actor: str, route: str) -> None:
    """End every live session of the account and revoke every live token of it, in one audit entry
    (each token's revocation is also a revision of the token)."""
    now = utcnow()
    sessions = session.exec(
        select(UserSession)
        .where(UserSession.user_id == user.id, col(UserSession.ended_at).is_(None))
        .with_for_update()
    ).all()
    for row in sessions:
        row.ended_at, row.ended_reason = now, reason
    tokens = session.exec(
        select(ApiToken)
        .where(ApiToken.user_id == user.id, col(ApiToken.revoked_at).is_(None))
        .with_for_update()
    ).all()
    for token in tokens:
        with changes_by(session, actor, Message(Admin.TOKEN_REVOKED, name=repr(token.name))):
            token.revoked_at = now
    live = [row for row in sessions if row.expires_at > now]
    _log(
        session,
        actor,
        "sessions_ended",
        user.username,
        route,
        reason=str(reason),
        sessions=len(live),
        tokens=[token.prefix for token in tokens],
    )


# --- API tokens ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # the token itself: shown once, never stored


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(
    session: Session, username: str, name: str, actor: str, expires_days: int | None = None
) -> IssuedToken:
    """A token for an integration acting as `username`; it expires after `expires_days` (None: never,
    until revoked)."""
    user = session.exec(select(User).where(User.username == username)).first()
    if user is None:
        raise NotFound(Message(Admin.USER_MISSING, user=repr(username)))
    if not user.active:
        raise Conflict(Message(Admin.USER_DISABLED, user=repr(username)))
    if not name.strip():
        raise InvalidInput(Message(Admin.TOKEN_NAME_MISSING))
    if expires_days is not None and not 1 <= expires_days <= TOKEN_MOST_DAYS:
        raise InvalidInput(Message(Admin.TOKEN_DAYS_WRONG, most=TOKEN_MOST_DAYS, value=expires_days))
    secret = TOKEN_MARK + secrets.token_urlsafe(32)
    token = ApiToken(
        user_id=user.id,
        name=name.strip()[:200],
        token_hash=hash_token(secret),
        prefix=secret[:PREFIX_LENGTH],
        expires_at=utcnow() + timedelta(days=expires_days) if expires_days is not None else None,
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
    now = utcnow()
    if token.expires_at is not None and token.expires_at <= now:
        return None
    user = session.get(User, token.user_id)
    if user is None or not user.active or (user.locked_until is not None and user.locked_until > now):
        return None  # a locked account's tokens were revoked; one made during the lock waits for its end
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
