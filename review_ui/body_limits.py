"""Request bodies bounded, and their sender known, before a byte of the body is read.

FastAPI reads (and parses) a route's body before the route's dependencies run, so without this an
anonymous 40 MiB JSON was parsed before `authorize` answered 401, and a 160 MiB multipart was written to
disk first. Here, outside every other reader of the body (the NUL check reads JSON and forms):
- a body sent to a route that is not public needs a live session or a valid API token first; without one
  the answer is 401 (an API path) or the sign-in page (a page), and the body is never read;
- a body longer than the route's bound is refused with 413: at once when Content-Length says so, else as
  soon as the streamed bytes pass it. The bound is the upload limit for uploads (a ZIP may be larger), the
  file limit for a registry file, `MURAGAT_MAX_REQUEST_BYTES` for any other body, and a few kilobytes for
  the public sign-in form.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from muragat.errors import FileTooLarge, MuragatError, NotSignedIn
from muragat.messages import Message as Text
from muragat.messages.catalog.errors import Code
from muragat.settings import Settings
from review_ui.access import PUBLIC
from review_ui.auth import BEARER, signed_in_user, token_user_of
from review_ui.i18n import translator

BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
PUBLIC_FORM_BYTES = 16 * 1024  # a sign-in form
MULTIPART_OVERHEAD = 1024 * 1024  # the parts' headers and boundaries around the files


class _TooLong(Exception):
    pass


class BoundBodies:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._public_paths: set[str] | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or (scope["method"] not in BODY_METHODS and not _carries_body(scope)):
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        settings: Settings = request.app.state.settings
        public = scope["path"] in self._public(request.app)
        if not public and not await self._known_sender(request):
            await _answer(request, NotSignedIn(Text(Code.SIGN_IN)), scope, receive, send)
            return
        limit = PUBLIC_FORM_BYTES if public else body_limit(scope["path"], settings)
        if (length := _content_length(scope)) is not None and length > limit:
            await _answer(request, _too_large(limit), scope, receive, send)
            return
        received = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _TooLong
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, watched_send)
        except _TooLong:
            if started:
                raise
            await _answer(request, _too_large(limit), scope, receive, send)

    def _public(self, app: FastAPI) -> set[str]:
        if self._public_paths is None:
            # the included routers' routes are nested: walked as the access tests walk them
            self._public_paths = {
                route.path_format
                for route in iter_route_contexts(app.routes)
                if route.name in PUBLIC and route.path_format is not None
            }
        return self._public_paths

    async def _known_sender(self, request: Request) -> bool:
        """A live session or a valid token (checked again, fully, by `authorize`)."""
        header = request.headers.get("authorization", "")
        if header.lower().startswith(BEARER):
            return await run_in_threadpool(token_user_of, request, header[len(BEARER) :].strip()) is not None
        if "session" not in request.scope:
            return False
        return await run_in_threadpool(signed_in_user, request) is not None


def body_limit(path: str, settings: Settings) -> int:
    if path == "/api/v1/documents":
        return max(settings.max_upload_bytes, settings.max_zip_bytes) + MULTIPART_OVERHEAD
    if path == "/api/v1/graduates/import":
        return settings.max_upload_bytes + MULTIPART_OVERHEAD
    return settings.max_request_bytes


def _carries_body(scope: Scope) -> bool:
    """A GET, HEAD, OPTIONS or made-up method sent with a body (which a reader of the body behind us would
    read as any other): bounded and its sender checked like the body of a POST."""
    for name, value in scope.get("headers", []):
        if name == b"transfer-encoding" or (name == b"content-length" and value.strip() not in (b"0", b"")):
            return True
    return False


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _too_large(limit: int) -> FileTooLarge:
    return FileTooLarge(Text(Code.REQUEST_TOO_LARGE, limit=limit))


async def _answer(request: Request, error: MuragatError, scope: Scope, receive: Receive, send: Send) -> None:
    response: Response
    if scope["path"].startswith("/api/"):
        body: dict[str, Any] = {**error.to_dict(), "message_localized": translator(request).message(error)}
        response = JSONResponse({"error": body}, status_code=error.http_status)
    elif isinstance(error, NotSignedIn):
        response = RedirectResponse("/login", status_code=303)
    else:
        response = Response(translator(request).message(error), status_code=error.http_status)
    response.headers["Connection"] = "close"  # the unread body is not waited for
    await response(scope, receive, send)
