"""Rendering of the web pages: templates get the user's language, the signed-in user and the CSRF token."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from review_ui.access import allowed
from review_ui.auth import CSRF_FIELD, csrf_token
from review_ui.i18n import LANGUAGES, translator
from review_ui.labels import label
from review_ui.static_files import static_url

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
templates.env.filters["label"] = label
templates.env.globals["static_url"] = static_url


def render(
    request: Request, template: str, context: dict[str, Any] | None = None, status_code: int = 200
) -> HTMLResponse:
    t = translator(request)
    user = getattr(request.state, "user", None)
    values = {
        "can": lambda route: user is not None and allowed(route, user.role),
        "_": t.gettext,
        "t": t,
        "lang": t.language,
        "languages": LANGUAGES,
        "user": user,
        "csrf_token": csrf_token(request),
        "csrf_field": CSRF_FIELD,
        **(context or {}),
    }
    return templates.TemplateResponse(request, template, values, status_code=status_code)
