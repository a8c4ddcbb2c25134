"""Requests carrying a NUL character are refused before any route sees them (422).

PostgreSQL cannot store a NUL in text: a name, reason or search with one would end in a 500, and a NUL
that SQLite stored would break every later search of the audit log. Nothing of ours has a use for one,
so the path, the query string and JSON or form bodies are checked here, once; file uploads (multipart)
are not, their bytes are a file's. The body is read into memory for the check, as the route would read it.
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from muragat.messages import Message as Text
from muragat.messages.catalog.errors import Code

CHECKED_BODIES = (b"application/json", b"application/x-www-form-urlencoded")
NUL_FORMS = (b"\x00", b"%00", b"\\u0000")  # as sent, URL-encoded, JSON-escaped


def _has_nul(data: bytes) -> bool:
    return any(form in data.lower() for form in NUL_FORMS)


class RefuseNulBytes:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if _has_nul(scope.get("raw_path") or scope["path"].encode()) or _has_nul(
            scope.get("query_string", b"")
        ):
            await _refuse(send)
            return
        kind = dict(scope.get("headers", [])).get(b"content-type", b"").split(b";")[0].strip().lower()
        if kind not in CHECKED_BODIES:
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunks.append(message.get("body", b""))
            more = message.get("more_body", False)
        body = b"".join(chunks)
        if _has_nul(body):
            await _refuse(send)
            return
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


async def _refuse(send: Send) -> None:
    message = Text(Code.NUL_CHARACTER)
    body = json.dumps(
        {"error": {"code": "invalid_input", "message": str(message), "message_code": message.code}},
        ensure_ascii=False,
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 422,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
