"""Web pages: sign-in, language, the archivist's upload page, the document list."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import col, func, select

from muragat.messages import Message
from muragat.messages.catalog.review import Code as Reason
from review_ui.auth import PASSWORD_PAGE, attempt_sign_in, sign_in, sign_out
from review_ui.deps import CurrentUser, SessionDep, SettingsDep
from review_ui.i18n import LANGUAGE_COOKIE, LANGUAGES, pick_language, translator
from review_ui.labels import N_
from review_ui.web import render
from storage.models import Document, DocumentStatus, Role, User
from storage.revisions import changes_by

router = APIRouter(include_in_schema=False)

HOME_BY_ROLE = {
    Role.archivist: "/upload",
    Role.reviewer: "/queue",
    Role.admin: "/queue",
    Role.verifier: "/verify",
    Role.auditor: "/audit",
}


LOCKED_MESSAGE = N_("Too many failed sign-ins: the account is locked for %(minutes)s minutes.")


def _safe_next(target: str | None) -> str | None:
    return target if target and target.startswith("/") and not target.startswith("//") else None


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str | None = None, lang: str | None = None) -> Response:
    if lang in LANGUAGES:  # chosen before signing in: kept in a cookie, then with the account
        response = RedirectResponse(f"/login?next={_safe_next(next) or ''}", status_code=303)
        response.set_cookie(LANGUAGE_COOKIE, lang, httponly=True, samesite="lax", max_age=365 * 86400)
        return response
    return render(request, "login.html", {"next": _safe_next(next) or ""})


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    settings: SettingsDep,
    username: Annotated[str, Form()],
    password: Annotated[str, Form()],
    next: Annotated[str, Form()] = "",
) -> Response:
    outcome = attempt_sign_in(request, username.strip(), password)
    user = outcome.user
    if user is None:
        t = translator(request)
        message = (
            t.gettext(LOCKED_MESSAGE, minutes=settings.lockout_minutes)
            if outcome.locked
            else t.gettext("Wrong user name or password.")
        )
        return render(
            request,
            "login.html",
            {"error": message, "next": next, "username": username},
            status_code=429 if outcome.locked else 401,
        )
    sign_in(request, user)
    if user.must_change_password:  # a one-time password: changed before anything else
        return RedirectResponse(PASSWORD_PAGE, status_code=303)
    return RedirectResponse(_safe_next(next) or HOME_BY_ROLE.get(user.role, "/"), status_code=303)


@router.post("/logout")
def logout(request: Request) -> Response:
    sign_out(request)
    return RedirectResponse("/login", status_code=303)


@router.post("/language")
def choose_language(
    session: SessionDep,
    user: CurrentUser,
    language: Annotated[str, Form()],
    back: Annotated[str, Form()] = "/",
) -> Response:
    """The user's choice of interface language, remembered with the account."""
    chosen = pick_language(language)
    with changes_by(session, user.username, Message(Reason.LANGUAGE)):
        stored = session.get_one(User, user.id)
        stored.language = chosen
    response = RedirectResponse(_safe_next(back) or "/", status_code=303)
    response.set_cookie(LANGUAGE_COOKIE, chosen, httponly=True, samesite="lax", max_age=365 * 86400)
    return response


@router.get("/", response_class=HTMLResponse)
def home(user: CurrentUser) -> Response:
    return RedirectResponse(HOME_BY_ROLE.get(user.role, "/documents"), status_code=303)


@router.get("/upload", response_class=HTMLResponse)
def upload_page(request: Request, session: SessionDep) -> Response:
    failed = session.exec(
        select(Document)
        .where(Document.status == DocumentStatus.failed)
        .order_by(col(Document.updated_at).desc())
        .limit(200)
    ).all()
    return render(request, "upload.html", {"failed": failed, "languages": LANGUAGES})


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request, session: SessionDep) -> Response:
    docs = session.exec(select(Document).order_by(col(Document.created_at).desc()).limit(500)).all()
    counts = dict(session.exec(select(Document.status, func.count()).group_by(Document.status)).all())
    return render(request, "documents.html", {"documents": docs, "counts": counts})
