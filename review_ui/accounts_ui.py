"""Account pages: every user's own password change, and the admins' management of accounts and API
tokens (the same rules as `muragat users` and `muragat tokens`, in muragat.accounts). A one-time
password or a token's secret is shown once, on the page that answers the form that made it."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from muragat import accounts
from muragat.errors import InvalidInput, MuragatError
from muragat.messages import Message
from muragat.messages.catalog.admin import Code
from review_ui.auth import sign_in
from review_ui.deps import CurrentUser, EngineDep, SettingsDep
from review_ui.i18n import translator
from review_ui.pages import HOME_BY_ROLE
from review_ui.web import render
from storage.db import session_scope
from storage.models import Role
from storage.types import utcnow

router = APIRouter(include_in_schema=False)

TOKEN_DAYS = 90  # the lifetime the token form offers
LOCK_MINUTES = 24 * 60  # and the lock form


# --- one's own password ------------------------------------------------------------------------------


@router.get("/account", response_class=HTMLResponse)
def account_page(request: Request, settings: SettingsDep) -> Response:
    return render(request, "account.html", {"least": settings.password_min_length})


@router.post("/account/password", response_class=HTMLResponse)
def change_password(
    request: Request,
    settings: SettingsDep,
    engine: EngineDep,
    user: CurrentUser,
    current: Annotated[str, Form()],
    new: Annotated[str, Form()],
    repeated: Annotated[str, Form()],
) -> Response:
    try:
        with session_scope(engine) as session:
            changed = accounts.change_password(
                session,
                user.id,
                current,
                new,
                repeated,
                least=settings.password_min_length,
                route="change_password",
            )
    except InvalidInput as e:
        context = {"least": settings.password_min_length, "error": translator(request).message(e)}
        return render(request, "account.html", context, status_code=e.http_status)
    sign_in(request, changed)  # every session ended with the change: this browser gets a new one
    return RedirectResponse(HOME_BY_ROLE.get(changed.role, "/"), status_code=303)


# --- accounts and tokens, for admins ---------------------------------------------------------------


def _page(request: Request, engine: EngineDep, status_code: int = 200, **context: Any) -> HTMLResponse:
    with session_scope(engine) as session:
        context["accounts"] = accounts.list_accounts(session)
        context["tokens"] = accounts.list_tokens(session)
    context.update(roles=list(Role), token_days=TOKEN_DAYS, lock_minutes=LOCK_MINUTES, now=utcnow())
    return render(request, "accounts.html", context, status_code=status_code)


def _refused(request: Request, engine: EngineDep, error: MuragatError) -> HTMLResponse:
    return _page(request, engine, error.http_status, error=translator(request).message(error))


def _done() -> Response:
    return RedirectResponse("/accounts", status_code=303)


def _changed(request: Request, engine: EngineDep, change: Callable[[Session], object]) -> Response:
    """One admin action in its own transaction: back to the list, or the list with why it was refused."""
    try:
        with session_scope(engine) as session:
            change(session)
    except MuragatError as e:
        return _refused(request, engine, e)
    return _done()


@router.get("/accounts", response_class=HTMLResponse)
def accounts_page(request: Request, engine: EngineDep) -> Response:
    return _page(request, engine)


@router.post("/accounts", response_class=HTMLResponse)
def accounts_create(
    request: Request,
    engine: EngineDep,
    admin: CurrentUser,
    username: Annotated[str, Form()],
    role: Annotated[Role, Form()],
    request_reference: Annotated[str, Form()],
    full_name: Annotated[str, Form()] = "",
    institution: Annotated[str, Form()] = "",
) -> Response:
    try:
        with session_scope(engine) as session:
            password = accounts.create_account(
                session,
                username.strip(),
                role,
                admin.username,
                full_name=full_name.strip() or None,
                request_reference=request_reference.strip() or None,
                institution=institution,
            )
    except MuragatError as e:
        return _refused(request, engine, e)
    return _page(request, engine, issued={"username": username.strip(), "password": password})


@router.post("/accounts/disable")
def accounts_disable(
    request: Request, engine: EngineDep, admin: CurrentUser, username: Annotated[str, Form()]
) -> Response:
    return _changed(
        request,
        engine,
        lambda session: accounts.disable_account(session, username, admin.username, route="accounts_disable"),
    )


@router.post("/accounts/lock")
def accounts_lock(
    request: Request,
    engine: EngineDep,
    admin: CurrentUser,
    username: Annotated[str, Form()],
    minutes: Annotated[int, Form(ge=1, le=366 * 24 * 60)] = LOCK_MINUTES,
) -> Response:
    return _changed(
        request,
        engine,
        lambda session: accounts.lock_account(session, username, admin.username, "accounts_lock", minutes),
    )


@router.post("/accounts/unlock")
def accounts_unlock(
    request: Request, engine: EngineDep, admin: CurrentUser, username: Annotated[str, Form()]
) -> Response:
    return _changed(
        request,
        engine,
        lambda session: accounts.unlock_account(session, username, admin.username, route="accounts_unlock"),
    )


@router.post("/accounts/reset", response_class=HTMLResponse)
def accounts_reset(
    request: Request, engine: EngineDep, admin: CurrentUser, username: Annotated[str, Form()]
) -> Response:
    try:
        with session_scope(engine) as session:
            password = accounts.reset_password(session, username, admin.username, route="accounts_reset")
    except MuragatError as e:
        return _refused(request, engine, e)
    return _page(request, engine, issued={"username": username, "password": password})


@router.post("/accounts/tokens", response_class=HTMLResponse)
def tokens_create(
    request: Request,
    engine: EngineDep,
    admin: CurrentUser,
    username: Annotated[str, Form()],
    name: Annotated[str, Form()],
    expires_days: Annotated[int, Form()] = TOKEN_DAYS,
) -> Response:
    try:
        with session_scope(engine) as session:
            issued = accounts.create_token(session, username, name, admin.username, expires_days)
    except MuragatError as e:
        return _refused(request, engine, e)
    return _page(request, engine, issued={"username": username, "token": issued.secret})


@router.post("/accounts/tokens/revoke")
def tokens_revoke(
    request: Request, engine: EngineDep, admin: CurrentUser, token_id: Annotated[str, Form()]
) -> Response:
    try:
        ident = uuid.UUID(token_id)
    except ValueError:
        return _refused(request, engine, InvalidInput(Message(Code.NOT_A_TOKEN_ID, value=repr(token_id))))
    return _changed(request, engine, lambda session: accounts.revoke_token(session, ident, admin.username))
