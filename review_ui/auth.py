"""Sign-in with accounts an admin made: argon2 password hashes, server-side sessions (the signed cookie
carries only a session's secret, so logout ends it for good), a CSRF token for every state-changing
request, API tokens for integrations, lockout per (name, client address) after repeated failed sign-ins,
a one-time password changed before anything else, and the role check of `review_ui.access` on every
route, which also logs each view of personal data."""

from __future__ import annotations

import hmac
import ipaddress
import re
import secrets
from typing import Any

from fastapi import HTTPException, Request
from starlette.concurrency import run_in_threadpool

from muragat.accounts import (
    Ended,
    SignInOutcome,
    SignInRules,
    check_sign_in,
    end_session,
    session_user,
    start_session,
    token_user,
)
from muragat.errors import Forbidden, NotSignedIn
from muragat.messages import Message
from muragat.messages.catalog.errors import Code
from muragat.settings import Settings
from review_ui.access import PERSONAL_DATA_ROUTES, PUBLIC, allowed
from review_ui.deps import get_engine, get_settings
from review_ui.personal_data import mask_iin
from review_ui.scope import check_path
from review_ui.token_cache import TokenCache
from storage import audit
from storage.db import session_scope
from storage.models import ApiToken, Role, User

SESSION_ID = "sid"  # the session's secret; user_session keeps its sha256
SESSION_CSRF = "csrf"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
BEARER = "bearer "
PASSWORD_PAGE = "/account"
# what an account whose one-time password is still unchanged may use (public routes aside)
WHILE_PASSWORD_MUST_CHANGE = frozenset({"account_page", "change_password", "logout"})
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


# --- sign-in ---------------------------------------------------------------------------------------


def attempt_sign_in(request: Request, username: str, password: str) -> SignInOutcome:
    """Check a sign-in (muragat.accounts.check_sign_in): failures are counted per name and client."""
    settings: Settings = get_settings(request)
    rules = SignInRules(settings.lockout_attempts, settings.lockout_minutes)
    return check_sign_in(get_engine(request), username[:100], password, client_address(request), rules)


def sign_in(request: Request, user: User) -> None:
    """A new server-side session for the user; the signed cookie carries only its secret."""
    settings: Settings = get_settings(request)
    with session_scope(get_engine(request)) as session:
        secret = start_session(session, user, settings.session_hours, client_address(request))
    request.session.clear()
    request.session[SESSION_ID] = secret
    request.session[SESSION_CSRF] = secrets.token_urlsafe(32)


def sign_out(request: Request) -> None:
    """End this browser's session for good: the cookie, even a copy of it, is refused from now on."""
    secret = request.session.get(SESSION_ID)
    if secret:
        with session_scope(get_engine(request)) as session:
            end_session(session, str(secret), Ended.logout)
            user = getattr(request.state, "user", None)
            if user is not None:
                audit.append(
                    session,
                    actor=user.username,
                    action="sign_out",
                    entity="user",
                    entity_id=user.username,
                    route="logout",
                    client_address=client_address(request),
                )
    request.session.clear()


def csrf_token(request: Request) -> str:
    token = request.session.get(SESSION_CSRF)
    if not token:
        token = request.session[SESSION_CSRF] = secrets.token_urlsafe(32)
    return str(token)


def signed_in_user(request: Request) -> User | None:
    """The account of the request's session, if the session is live (not ended, not expired)."""
    secret = request.session.get(SESSION_ID)
    if not secret or not isinstance(secret, str):
        return None
    with session_scope(get_engine(request)) as session:
        return session_user(session, secret)


def token_user_of(request: Request, secret: str) -> tuple[ApiToken, User] | None:
    """The valid token's account, or None."""
    with session_scope(get_engine(request)) as session:
        return token_user(session, secret)


def _bearer_user(request: Request) -> tuple[ApiToken, User] | None:
    """The token's account for `Authorization: Bearer ...`; None when no token is sent; refused when a
    token is sent that is not (or no longer) valid."""
    header = request.headers.get("authorization", "")
    if not header.lower().startswith(BEARER):
        return None
    secret = header[len(BEARER) :].strip()
    cache: TokenCache = request.app.state.token_cache  # muragat.app.create_app
    found = cache.lookup(secret, lambda: token_user_of(request, secret))
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
        if user.must_change_password and name not in WHILE_PASSWORD_MUST_CHANGE:
            _password_change_required(request)
        if not allowed(name, user.role):
            raise Forbidden(role_forbidden(user.role))
    if needs_csrf:
        await _check_csrf(request)
    if user is not None or name in PERSONAL_DATA_ROUTES:
        await run_in_threadpool(_check_and_log, request, user, name, token)


def _password_change_required(request: Request) -> None:
    """A one-time password is still in use: a page is sent to the password change page, an API call
    is refused with a code that says so."""
    if request.url.path.startswith("/api/"):
        raise Forbidden(Message(Code.PASSWORD_CHANGE_REQUIRED))
    raise HTTPException(status_code=303, headers={"Location": PASSWORD_PAGE})


def _check_and_log(request: Request, user: User | None, name: str, token: ApiToken | None) -> None:
    if user is not None:
        check_path(request, user, name)
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
