"""Response headers that every answer carries: the page may not be framed by another site (clickjacking),
runs only the site's own scripts and styles (Content-Security-Policy),
a file is never sniffed into another type, the address is not sent on to other sites, and what is not a
static file (pages and API answers, which hold personal data) is not kept by browsers or proxies.

A pure ASGI middleware, so that it also covers error answers and streamed responses; a header a route set
itself (a static file's Cache-Control, a download's) is left as the route set it.
"""

from __future__ import annotations

from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Scripts and styles only from our own files: no inline <script>, event handler or style attribute runs,
# so markup injected into a page cannot run code. Scans are shown from blob: and data: URLs.
CONTENT_SECURITY_POLICY = (
    b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    b"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
ALWAYS = {
    b"x-content-type-options": b"nosniff",
    b"x-frame-options": b"DENY",
    b"content-security-policy": CONTENT_SECURITY_POLICY,
    b"referrer-policy": b"same-origin",
}
NOT_STORED = {b"cache-control": b"no-store", b"pragma": b"no-cache"}


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = str(scope.get("path", "")).startswith("/static/")

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers: list[Any] = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                wanted = ALWAYS if static else {**ALWAYS, **NOT_STORED}
                headers += [(name, value) for name, value in wanted.items() if name not in present]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)
