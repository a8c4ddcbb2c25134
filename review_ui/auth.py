"""Sign-in with accounts an admin made: argon2 password hashes, a signed session cookie, a CSRF token
for every state-changing request, API tokens for integrations, lockout after repeated failed sign-ins,
and the role check of `review_ui.access` on every route, which also logs each view of personal data."""

from __future__ import annotations

import hmac
import ipaddress
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from fastapi import Request
from sqlmodel import Session, select
from starlette.concurrency import run_in_threadpool

from muragat.accounts import hash_password, password_matches, token_user
from muragat.errors import Forbidden, NotSignedIn
from muragat.messages import Message
from muragat.messages.catalog.errors import Code
from muragat.settings import Settings
from review_ui.access import PERSONAL_DATA_ROUTES, PUBLIC, allowed
from review_ui.deps import get_engine, get_settings
from review_ui.personal_data import mask_iin
from storage import audit
from storage.db import session_scope
from storage.models import ApiToken, Document, Graduate, Match, Role, User
from storage.types import utcnow

SESSION_USER = "uid"
SESSION_CSRF = "csrf"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
BEARER = "bearer "
IIN_LIKE = re.compile(r"(?<!\d)\d{12}(?!\d)")
QUERY_VALUE_LIMIT = 200


# --- where a request comes from ---------------------------------------------------------------------


def _networks(settings: Settings) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return [
        ipaddress.ip_network(n.strip(), strict=False)
        for n in settings.trusted_proxies.split(",")
        if n.strip()
    ]


def _is_trusted(address: str, networks: list[ipaddress.IPv4Network | ipaddress.IPv6Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(request: Request) -> str | None:
    """The connection's peer; behind a trusted proxy, the nearest X-Forwarded-For hop it did not add
    itself. A header from anyone else is ignored, since any client can send one."""
    peer = request.client.host if request.client else None
    forwarded = request.headers.get("x-forwarded-for")
    networks = _networks(get_settings(request))
    if peer is None or not forwarded or not _is_trusted(peer, networks):
        return peer
    for hop in reversed([h.strip() for h in forwarded.split(",") if h.strip()]):
        if not _is_trusted(hop, networks):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return peer  # a garbled header: keep the address we know
    return peer


# --- institution -----------------------------------------------------------------------------------


def institution_scope(user: User | None) -> str | None:
    """The one institution whose graduates and documents the account may see; None: all of them."""
    return (
        user.institution.strip()
        if user is not None and user.institution and user.institution.strip()
        else None
    )


def same_institution(scope: str, value: object) -> bool:
    return " ".join(str(value).split()).casefold() == " ".join(scope.split()).casefold()


def _check_institution(request: Request, user: User) -> None:
    """Refuse a document or graduate of another institution to an account limited to one. A document
    whose fields name no institution yet (not read, or a ledger) is not refused: see README."""
    scope = institution_scope(user)
    params = request.path_params
    if scope is None or not params.keys() & {"document_id", "graduate_id", "match_id"}:
        return
    with session_scope(get_engine(request)) as session:
        for institution in _institutions(session, params):
            if institution and not same_institution(scope, institution):
                raise Forbidden(Message(Code.OTHER_INSTITUTION))


def _institutions(session: Session, params: dict[str, Any]) -> list[object]:
    found: list[object] = []
    document_id = _uuid(params.get("document_id"))
    if document_id and (doc := session.get(Document, document_id)):
        found.append(doc.fields.get("institution"))
    if params.get("graduate_id"):
        grad = session.exec(
            select(Graduate).where(Graduate.graduate_id == str(params["graduate_id"]))
        ).first()
        found.append(grad.institution if grad else None)
    match_id = _uuid(params.get("match_id"))
    if match_id and (match := session.get(Match, match_id)):
        grad_row = session.get(Graduate, match.graduate_id)
        found.append(grad_row.institution if grad_row else None)
    return found


def _uuid(value: object) -> uuid.UUID | None:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


# --- sign-in ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignInOutcome:
    user: User | None
    locked: bool = False


def attempt_sign_in(request: Request, username: str, password: str) -> SignInOutcome:
    """Check a sign-in, counting failures: after `lockout_attempts` in a row the account refuses every
    sign-in for `lockout_minutes`. A name with no account is counted the same way (in the audit log), so
    the answers and their timing do not tell whether an account exists. Every attempt is logged."""
    settings: Settings = get_settings(request)
    name = username[:100]
    log = _SignInLog(name, client_address(request))
    with session_scope(get_engine(request)) as session:
        user = session.exec(select(User).where(User.username == name).with_for_update()).first()
        if user is None or not user.active or not user.password_hash:
            hash_password(password)
            return SignInOutcome(None, locked=_stranger_failed(session, log, settings))
        now = utcnow()
        if user.locked_until is not None and user.locked_until > now:
            hash_password(password)  # a locked account's password is not even checked
            log.write(session, "sign_in_locked", {"locked_until": user.locked_until.isoformat()})
            return SignInOutcome(None, locked=True)
        if not password_matches(user.password_hash, password):
            user.failed_logins += 1
            log.write(session, "sign_in_failed", {"failures": user.failed_logins})
            if user.failed_logins < settings.lockout_attempts:
                return SignInOutcome(None)
            user.failed_logins, user.locked_until = 0, now + timedelta(minutes=settings.lockout_minutes)
            log.write(session, "locked", {"locked_until": user.locked_until.isoformat()})
            return SignInOutcome(None, locked=True)
        user.failed_logins, user.locked_until = 0, None
        log.write(session, "sign_in", {}, actor=user.username)
        return SignInOutcome(user)


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


def _stranger_failed(session: Session, log: _SignInLog, settings: Settings) -> bool:
    """A failed sign-in under a name with no account, answered as if the account existed."""
    last_lock = audit.latest(session, action="locked", entity="user", entity_id=log.name)
    if last_lock is not None and last_lock.at > utcnow() - timedelta(minutes=settings.lockout_minutes):
        log.write(session, "sign_in_locked", {})
        return True
    failures = 1 + audit.count(
        session,
        action="sign_in_failed",
        entity="user",
        entity_id=log.name,
        after_seq=last_lock.seq if last_lock else 0,
    )
    log.write(session, "sign_in_failed", {"failures": failures})
    if failures < settings.lockout_attempts:
        return False
    log.write(session, "locked", {})
    return True


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
    with session_scope(get_engine(request)) as session:
        user = session.get(User, user_id)
    return user if user is not None and user.active else None


def _bearer_user(request: Request) -> tuple[ApiToken, User] | None:
    """The token's account for `Authorization: Bearer ...`; None when no token is sent; refused when a
    token is sent that is not (or no longer) valid."""
    header = request.headers.get("authorization", "")
    if not header.lower().startswith(BEARER):
        return None
    with session_scope(get_engine(request)) as session:
        found = token_user(session, header[len(BEARER) :].strip())
    if found is None:
        raise NotSignedIn(Message(Code.TOKEN_INVALID))
    return found


async def _check_csrf(request: Request) -> None:
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        sent = str((await request.form()).get(CSRF_FIELD) or "")
    expected = request.session.get(SESSION_CSRF)
    if not expected or not sent or not hmac.compare_digest(str(sent), str(expected)):
        raise Forbidden(Message(Code.FORM_EXPIRED))


ROLE_FORBIDDEN = {
    Role.archivist: Code.ARCHIVIST_FORBIDDEN,
    Role.reviewer: Code.REVIEWER_FORBIDDEN,
    Role.verifier: Code.VERIFIER_FORBIDDEN,
    Role.admin: Code.ADMIN_FORBIDDEN,
    Role.auditor: Code.AUDITOR_FORBIDDEN,
}


def role_forbidden(role: str) -> Message:
    code = ROLE_FORBIDDEN.get(role)  # type: ignore[call-overload]
    return Message(code) if code else Message(Code.ROLE_FORBIDDEN, role=role)


# --- the check on every route ----------------------------------------------------------------------


async def authorize(request: Request) -> None:
    """Runs before every route: who is signed in (session or API token), whether their role may use
    this route, CSRF for a session's state-changing requests, the account's institution, and an audit
    entry for each use of a route that shows personal data."""
    route = request.scope.get("route")
    name = getattr(route, "name", "")
    # the database work runs in the thread pool: on the event loop it would hold up every other request
    bearer = await run_in_threadpool(_bearer_user, request)
    token, user = bearer if bearer else (None, await run_in_threadpool(signed_in_user, request))
    request.state.user = user
    request.state.api_token = token
    address = client_address(request)
    audit.set_origin(audit.Origin(user.username if user else None, address, name))
    # a token is sent by a program, never attached by a browser to a forged form: no CSRF check for it
    needs_csrf = request.method not in SAFE_METHODS and token is None
    if name not in PUBLIC:
        if user is None:
            raise NotSignedIn(Message(Code.SIGN_IN))
        if not allowed(name, user.role):
            raise Forbidden(role_forbidden(user.role))
    if needs_csrf:
        await _check_csrf(request)
    if user is not None or name in PERSONAL_DATA_ROUTES:
        await run_in_threadpool(_check_and_log, request, user, name, token)


def _check_and_log(request: Request, user: User | None, name: str, token: ApiToken | None) -> None:
    if user is not None:
        _check_institution(request, user)
    if name in PERSONAL_DATA_ROUTES:
        _log_view(request, name, token)


def _log_view(request: Request, name: str, token: ApiToken | None) -> None:
    params = {k: str(v) for k, v in request.path_params.items()}
    details: dict[str, Any] = {"path": _masked(request.url.path)}
    if params:
        details["params"] = {k: _masked(v) for k, v in params.items()}
    if request.query_params:
        details["query"] = {k: _masked(v[:QUERY_VALUE_LIMIT]) for k, v in request.query_params.multi_items()}
    if token is not None:
        details["token"] = token.prefix
    audit.record_for_origin(
        get_engine(request),
        "view",
        entity=PERSONAL_DATA_ROUTES[name],
        entity_id=params.get("document_id") or params.get("graduate_id"),
        details=details,
    )


def mask_iins(value: Any) -> Any:
    """Every twelve-digit run (an IIN) in a text, or in the texts of a JSON value, masked."""
    if isinstance(value, str):
        return IIN_LIKE.sub(lambda m: mask_iin(m.group(0)), value)
    if isinstance(value, dict):
        return {k: mask_iins(v) for k, v in value.items()}
    if isinstance(value, list):
        return [mask_iins(v) for v in value]
    return value


def _masked(text: str) -> str:
    """IINs typed into a search or a path are logged masked, as everywhere else in the log."""
    return str(mask_iins(text))
