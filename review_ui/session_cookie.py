"""Starlette's signed session cookie, marked Secure on every request that came over HTTPS.

`SessionMiddleware` takes `https_only` once, for every request; behind TLS that is often unknown when the
app is set up, so the flag follows the request instead: a request whose scheme is https (uvicorn sets it
from a trusted proxy's X-Forwarded-Proto) gets Secure cookies, and so does every request when
MURAGAT_COOKIE_SECURE is set. The other cookies the app sets (the interface language) get it too.
"""

from __future__ import annotations

from starlette.middleware.sessions import SessionMiddleware
from starlette.types import Message, Receive, Scope, Send

SECURE = b"; secure"


def _secured(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    return [
        (name, value + SECURE if name.lower() == b"set-cookie" and SECURE not in value.lower() else value)
        for name, value in headers
    ]


class SessionCookies(SessionMiddleware):
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("scheme") != "https":
            await super().__call__(scope, receive, send)
            return

        async def send_secure(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = _secured(list(message.get("headers", [])))
            await send(message)

        await super().__call__(scope, receive, send_secure)
